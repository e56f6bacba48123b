//! What the OCR pipeline checks in an uploaded file before any OCR runs (issue 8 item 9):
//! the size against the declaration, the magic bytes against the declared type, an image's
//! pixel dimensions, a PDF's encryption and page count. The S3 presigned POST's conditions
//! are not trusted to have held (the emulator does not enforce them, and the bytes are the
//! user's): every check is made on the stored object.
//!
//! Pure: the caller reads the object's size and bytes.

use super::document::{ContentType, FailureReason, MAX_DOCUMENT_BYTES};

/// Textract's bound on either side of an image (its hard limits).
pub const MAX_IMAGE_SIDE_PX: u32 = 10_000;

/// The most pages the pipeline sends to OCR: a lease contract with its appendices stays far
/// below; Textract's own bound (3000) is a cost no single upload should run up.
pub const MAX_PDF_PAGES: u32 = 300;

/// How many leading bytes an image's checks read: the header with the dimensions (a JPEG's
/// frame header follows its EXIF and ICC segments, which stay well below this).
pub const IMAGE_HEAD_BYTES: u64 = 1024 * 1024;

/// The size on S3 against the declared size and [`MAX_DOCUMENT_BYTES`].
pub fn check_size(declared: u64, stored: u64) -> Result<(), FailureReason> {
    if stored == 0 {
        Err(FailureReason::Empty)
    } else if stored > declared || stored > MAX_DOCUMENT_BYTES {
        Err(FailureReason::TooLarge)
    } else {
        Ok(())
    }
}

/// What the checks learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileFacts {
    /// Pixel width and height (images whose header was read).
    pub dimensions: Option<(u32, u32)>,
    /// The page objects seen in a PDF's plain text (`None` when they are all inside
    /// compressed object streams: then OCR's own bound applies).
    pub pages: Option<u32>,
}

/// Checks `head` (the first bytes of the object, or all of it when `complete`) against the
/// declared type. PDFs are read whole (`complete`): their trailer is at the end.
pub fn check_content(
    declared: ContentType,
    head: &[u8],
    complete: bool,
) -> Result<FileFacts, FailureReason> {
    if !has_magic(declared, head) {
        return Err(FailureReason::WrongType);
    }
    match declared {
        ContentType::Pdf => check_pdf(head),
        ContentType::Png | ContentType::Jpeg | ContentType::Tiff => check_image(head, complete),
    }
}

fn has_magic(declared: ContentType, head: &[u8]) -> bool {
    match declared {
        ContentType::Pdf => head.starts_with(b"%PDF-"),
        ContentType::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        ContentType::Jpeg => head.starts_with(b"\xff\xd8\xff"),
        ContentType::Tiff => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
    }
}

fn check_image(head: &[u8], complete: bool) -> Result<FileFacts, FailureReason> {
    match imagesize::blob_size(head) {
        Ok(size) => {
            let width = u32::try_from(size.width).unwrap_or(u32::MAX);
            let height = u32::try_from(size.height).unwrap_or(u32::MAX);
            if width == 0 || height == 0 {
                Err(FailureReason::Unreadable)
            } else if width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX {
                Err(FailureReason::ImageTooLarge)
            } else {
                Ok(FileFacts {
                    dimensions: Some((width, height)),
                    pages: None,
                })
            }
        }
        // The whole file has no readable header: corrupt.
        Err(_) if complete => Err(FailureReason::Unreadable),
        // The header lies beyond the bytes read: OCR's own bounds apply.
        Err(_) => Ok(FileFacts::default()),
    }
}

/// A bounded scan, not a PDF parser: a parser is a large attack surface for a hostile file,
/// and the two facts needed are names in plain text. `/Encrypt` is a key of the trailer (or
/// of the cross-reference stream's dictionary, which is never compressed); page objects are
/// `/Type /Page` dictionaries.
fn check_pdf(pdf: &[u8]) -> Result<FileFacts, FailureReason> {
    if names(pdf, b"/Encrypt").next().is_some() {
        return Err(FailureReason::Encrypted);
    }
    let pages = names(pdf, b"/Type")
        .filter(|&end| {
            let rest = skip_whitespace(&pdf[end..]);
            rest.starts_with(b"/Page") && !rest.get(5).is_some_and(|&b| is_name_byte(b))
        })
        .count();
    let pages = u32::try_from(pages).unwrap_or(u32::MAX);
    if pages > MAX_PDF_PAGES {
        return Err(FailureReason::TooManyPages);
    }
    Ok(FileFacts {
        dimensions: None,
        pages: (pages > 0).then_some(pages),
    })
}

/// PDF regular characters (anything but whitespace and delimiters) continue a name.
fn is_name_byte(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b"\0()<>[]{}/%".contains(&b))
}

fn skip_whitespace(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !(b.is_ascii_whitespace() || *b == 0))
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// The end offsets of every occurrence of the name `name` (a whole name: not a prefix of a
/// longer one).
fn names<'a>(bytes: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    bytes
        .windows(name.len())
        .enumerate()
        .filter(move |(_, window)| *window == name)
        .map(move |(start, _)| start + name.len())
        .filter(move |&end| !bytes.get(end).is_some_and(|&b| is_name_byte(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    fn pdf(body: &str) -> Vec<u8> {
        format!("%PDF-1.7\n{body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").into_bytes()
    }

    #[test]
    fn sizes_are_checked_against_the_declaration_and_the_limit() {
        assert_eq!(check_size(10, 0), Err(FailureReason::Empty));
        assert_eq!(check_size(10, 11), Err(FailureReason::TooLarge));
        assert_eq!(
            check_size(u64::MAX, MAX_DOCUMENT_BYTES + 1),
            Err(FailureReason::TooLarge)
        );
        assert_eq!(check_size(10, 10), Ok(()));
        assert_eq!(check_size(10, 9), Ok(()));
    }

    #[test]
    fn magic_bytes_must_be_those_of_the_declared_type() {
        let png = png(100, 50);
        assert_eq!(
            check_content(ContentType::Png, &png, true).map(|f| f.dimensions),
            Ok(Some((100, 50)))
        );
        for declared in [ContentType::Pdf, ContentType::Jpeg, ContentType::Tiff] {
            assert_eq!(
                check_content(declared, &png, true),
                Err(FailureReason::WrongType),
                "{declared:?}"
            );
        }
        assert_eq!(
            check_content(ContentType::Pdf, b"<html>%PDF-1.7", true),
            Err(FailureReason::WrongType)
        );
        assert_eq!(
            check_content(ContentType::Tiff, b"MM\0*\0\0\0\x08", true),
            Err(FailureReason::Unreadable)
        );
    }

    #[test]
    fn an_image_over_the_pixel_bound_is_refused() {
        assert_eq!(
            check_content(ContentType::Png, &png(10_001, 10), true),
            Err(FailureReason::ImageTooLarge)
        );
        assert_eq!(
            check_content(ContentType::Png, &png(10, 20_000), true),
            Err(FailureReason::ImageTooLarge)
        );
        assert!(check_content(ContentType::Png, &png(10_000, 10_000), true).is_ok());
    }

    #[test]
    fn an_image_header_beyond_the_bytes_read_is_left_to_ocr() {
        let cut = &png(10, 10)[..12];
        assert_eq!(
            check_content(ContentType::Png, cut, false),
            Ok(FileFacts::default())
        );
        assert_eq!(
            check_content(ContentType::Png, cut, true),
            Err(FailureReason::Unreadable)
        );
    }

    #[test]
    fn an_encrypted_pdf_is_refused() {
        let encrypted =
            "1 0 obj << /Type /Page >> endobj\ntrailer << /Encrypt 5 0 R /Root 1 0 R >>";
        assert_eq!(
            check_content(ContentType::Pdf, &pdf(encrypted), true),
            Err(FailureReason::Encrypted)
        );
        // A longer name that starts the same is no encryption dictionary.
        let plain = "1 0 obj << /Type /Page /EncryptedLooking true >> endobj";
        assert_eq!(
            check_content(ContentType::Pdf, &pdf(plain), true).map(|f| f.pages),
            Ok(Some(1))
        );
    }

    #[test]
    fn pages_are_counted_and_bounded() {
        let pages = |n: u32| {
            let mut body = "1 0 obj << /Type /Pages /Count 0 >> endobj\n".to_owned();
            for i in 0..n {
                body.push_str(&format!(
                    "{} 0 obj <</Type/Page/Parent 1 0 R>> endobj\n",
                    i + 2
                ));
            }
            pdf(&body)
        };
        assert_eq!(
            check_content(ContentType::Pdf, &pages(3), true).map(|f| f.pages),
            Ok(Some(3))
        );
        assert!(check_content(ContentType::Pdf, &pages(MAX_PDF_PAGES), true).is_ok());
        assert_eq!(
            check_content(ContentType::Pdf, &pages(MAX_PDF_PAGES + 1), true),
            Err(FailureReason::TooManyPages)
        );
        // Page objects inside compressed object streams are not seen: OCR's bound applies.
        assert_eq!(
            check_content(
                ContentType::Pdf,
                &pdf("1 0 obj << /Type /ObjStm >> endobj"),
                true
            )
            .map(|f| f.pages),
            Ok(None)
        );
    }
}
