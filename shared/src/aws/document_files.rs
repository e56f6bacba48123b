//! The OCR pipeline's S3 operations on the documents bucket and Textract's staging bucket:
//! read what was uploaded, stage it where Textract reads, keep Textract's raw answer.

use aws_sdk_s3 as s3;
use aws_sdk_s3::primitives::ByteStream;

use super::Documents;
use super::ocr::S3Object;
use crate::domain::document::ocr_result_key;
use crate::domain::ocr::blocks::AnalysisResponse;

/// S3 failed: the event is retried. (One error type for the documents' S3 operations.)
pub use super::documents::FilesError;

fn files_error<E, R>(error: s3::error::SdkError<E, R>) -> FilesError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    FilesError::from_sdk(error)
}

/// An uploaded original. Read at its latest version, as Textract reads it (the engine's
/// `S3Object` names no version): an overwrite between the checks and the OCR is the
/// uploader's own file, which OCR then refuses or reads like any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    pub key: String,
}

impl Documents {
    /// Deletes one version of an original (a replacement the document does not keep).
    pub async fn delete_original_version(
        &self,
        original: &Original,
        version: &str,
    ) -> Result<(), FilesError> {
        self.s3
            .delete_object()
            .bucket(&self.ids.documents_bucket)
            .key(&original.key)
            .version_id(version)
            .send()
            .await
            .map_err(files_error)?;
        Ok(())
    }

    /// The original's size in bytes, or `None` when it is gone.
    pub async fn original_size(&self, original: &Original) -> Result<Option<u64>, FilesError> {
        let out = self
            .s3
            .head_object()
            .bucket(&self.ids.documents_bucket)
            .key(&original.key)
            .send()
            .await;
        match out {
            Ok(head) => Ok(Some(
                head.content_length()
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(0),
            )),
            Err(error) if error.as_service_error().is_some_and(|e| e.is_not_found()) => Ok(None),
            Err(error) => Err(files_error(error)),
        }
    }

    /// The first `length` bytes of the original (all of it if shorter).
    pub async fn original_head(
        &self,
        original: &Original,
        length: u64,
    ) -> Result<Vec<u8>, FilesError> {
        let out = self
            .s3
            .get_object()
            .bucket(&self.ids.documents_bucket)
            .key(&original.key)
            .range(format!("bytes=0-{}", length.saturating_sub(1)))
            .send()
            .await
            .map_err(files_error)?;
        let bytes = out
            .body
            .collect()
            .await
            .map_err(|e| FilesError(e.to_string()))?;
        Ok(bytes.into_bytes().to_vec())
    }

    /// Where OCR reads the original: the staging bucket in Textract's region (a copy under
    /// the same key, made here), or the documents bucket itself when the regions agree.
    pub async fn stage(&self, original: &Original) -> Result<S3Object, FilesError> {
        let Some(staging) = &self.ids.staging_bucket else {
            return Ok(S3Object {
                bucket: self.ids.documents_bucket.clone(),
                key: original.key.clone(),
            });
        };
        let source = format!("{}/{}", self.ids.documents_bucket, original.key);
        // The staging bucket's default encryption (its own KMS key in that region) applies.
        self.staging_s3
            .copy_object()
            .bucket(staging)
            .key(&original.key)
            .copy_source(source)
            .send()
            .await
            .map_err(files_error)?;
        Ok(S3Object {
            bucket: staging.clone(),
            key: original.key.clone(),
        })
    }

    /// Deletes the staging copy of `key` (nothing without a staging bucket). The bucket's
    /// one-day expiry removes a copy this misses.
    pub async fn unstage(&self, key: &str) -> Result<(), FilesError> {
        let Some(staging) = &self.ids.staging_bucket else {
            return Ok(());
        };
        self.staging_s3
            .delete_object()
            .bucket(staging)
            .key(key)
            .send()
            .await
            .map_err(files_error)?;
        Ok(())
    }

    /// Textract's raw answer (every response, in order, as one JSON array) next to the
    /// original.
    pub async fn put_ocr_result(
        &self,
        company_id: &str,
        document_id: &str,
        responses: &[AnalysisResponse],
    ) -> Result<(), FilesError> {
        let body = serde_json::to_vec(responses).map_err(|e| FilesError(e.to_string()))?;
        self.s3
            .put_object()
            .bucket(&self.ids.documents_bucket)
            .key(ocr_result_key(company_id, document_id))
            .content_type("application/json")
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(files_error)?;
        Ok(())
    }
}
