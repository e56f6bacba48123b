//! A document: a signed contract (or any file a user keeps with a lease) uploaded to S3, read
//! by OCR, with the contract fields the OCR proposes. The record lives at `C#<co>` /
//! `DOC#<id>`; the file at [`original_key`].

use serde::{Deserialize, Serialize};

use super::ocr::Proposed;

/// The largest file a user may upload (API.md: 25 MiB, else 413).
pub const MAX_DOCUMENT_BYTES: u64 = 25 * 1024 * 1024;

/// The file types the upload accepts (API.md), by their MIME type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentType {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/tiff")]
    Tiff,
}

impl ContentType {
    pub const ALL: [ContentType; 4] = [
        ContentType::Pdf,
        ContentType::Png,
        ContentType::Jpeg,
        ContentType::Tiff,
    ];

    pub fn mime(self) -> &'static str {
        match self {
            ContentType::Pdf => "application/pdf",
            ContentType::Png => "image/png",
            ContentType::Jpeg => "image/jpeg",
            ContentType::Tiff => "image/tiff",
        }
    }

    pub fn from_mime(mime: &str) -> Option<ContentType> {
        ContentType::ALL.into_iter().find(|c| c.mime() == mime)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Created; the presigned POST has not (yet) delivered the file.
    AwaitingUpload,
    /// The file arrived and OCR runs.
    Processing,
    Processed,
    Failed,
}

impl DocumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::AwaitingUpload => "awaiting_upload",
            DocumentStatus::Processing => "processing",
            DocumentStatus::Processed => "processed",
            DocumentStatus::Failed => "failed",
        }
    }
}

/// Why a document ended `failed` (API.md: wrong type, too large, empty, unreadable,
/// encrypted, OCR error). Stable codes: clients may translate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// The file's magic bytes are not those of the declared content type.
    WrongType,
    /// More bytes than declared or than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// Zero bytes.
    Empty,
    /// A corrupt file OCR cannot read.
    Unreadable,
    /// A password-protected PDF.
    Encrypted,
    /// A PDF with more pages than OCR accepts.
    TooManyPages,
    /// An image with more pixels than OCR accepts.
    ImageTooLarge,
    /// OCR answered with an error or a failed job.
    OcrError,
    /// OCR did not finish in time.
    OcrTimeout,
}

/// The document record (the `record` attribute of `DOC#<id>`, and the API's answer, camelCase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: String,
    pub contract_id: Option<String>,
    /// The user's file name: metadata only, never part of an S3 key.
    pub file_name: String,
    pub content_type: ContentType,
    /// The size the user declared; the OCR function checks the object against it.
    pub size: u64,
    pub status: DocumentStatus,
    pub failure_reason: Option<FailureReason>,
    pub pages: Option<u32>,
    pub proposed: Option<Proposed>,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// Cognito `sub` of the uploader.
    pub created_by: String,
}

/// Where a document's original file is in the documents bucket.
pub fn original_key(company_id: &str, document_id: &str) -> String {
    format!("t/{company_id}/docs/{document_id}/original")
}

/// Where the raw OCR answer (every page of blocks, as one JSON array of responses) is kept:
/// next to the original.
pub fn ocr_result_key(company_id: &str, document_id: &str) -> String {
    format!("t/{company_id}/docs/{document_id}/textract.json")
}

/// The company and document of an original's key, or `None` for any other key. Ids are
/// checked to be plain (no `/`, no `#`, not empty): a key is untrusted input.
pub fn parse_original_key(key: &str) -> Option<(&str, &str)> {
    let rest = key.strip_prefix("t/")?;
    let (company, rest) = rest.split_once("/docs/")?;
    let document = rest.strip_suffix("/original")?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    (plain(company) && plain(document)).then_some((company, document))
}

/// An S3 event's object key as stored: S3 URL-encodes keys in its notifications, with `+`
/// for a space. Undecodable bytes become U+FFFD, so such a key parses as no original.
pub fn decode_event_key(key: &str) -> String {
    let spaced = key.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_are_decoded_as_s3_encodes_them() {
        assert_eq!(
            decode_event_key("t/co-1/docs/d-1/original"),
            "t/co-1/docs/d-1/original"
        );
        assert_eq!(decode_event_key("a+b%2Bc%20d"), "a b+c d");
        assert_eq!(decode_event_key("%E5%B9%B3"), "平");
    }

    #[test]
    fn an_original_key_round_trips_and_other_keys_do_not_parse() {
        let key = original_key("co-1", "doc-2");
        assert_eq!(parse_original_key(&key), Some(("co-1", "doc-2")));
        for other in [
            "t/co-1/docs/doc-2/textract.json",
            "t/co-1/docs//original",
            "t//docs/doc-2/original",
            "t/co/1/docs/doc-2/original",
            "t/co-1/docs/doc#2/original",
            "x/co-1/docs/doc-2/original",
        ] {
            assert_eq!(parse_original_key(other), None, "{other}");
        }
    }

    #[test]
    fn content_types_are_the_four_of_the_api() {
        for c in ContentType::ALL {
            assert_eq!(ContentType::from_mime(c.mime()), Some(c));
        }
        assert_eq!(ContentType::from_mime("image/gif"), None);
    }
}
