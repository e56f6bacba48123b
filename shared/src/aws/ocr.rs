//! The OCR engine behind the document pipeline: Textract's operations as a trait, so the
//! local stack can put a local engine in its place (moto's Textract is unusable, DESIGN.md §8).
//!
//! Engines: `aws::textract::Textract` (the real service); on the local stack, a local OCR
//! engine on Tesseract and a recording engine (saved answers by the file's SHA-256), both in
//! `infra/local/src/ocr/`. Every engine reads the file from S3 as Textract does, and answers
//! in Textract's block shape ([`AnalysisResponse`]).

use std::fmt::Debug;
use std::sync::Arc;
use thiserror::Error;

use crate::domain::ocr::blocks::AnalysisResponse;

/// The engine the functions use; cheap to clone.
pub type SharedOcrEngine = Arc<dyn OcrEngine>;

/// An object in S3 that the engine reads (in AWS: in Textract's own region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Object {
    pub bucket: String,
    pub key: String,
}

/// A question Textract's QUERIES feature answers (`Alias` names the contract field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrQuery {
    pub text: String,
    pub alias: String,
}

/// Where an asynchronous job reports its end: an SNS topic and the role Textract publishes as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionChannel {
    pub topic_arn: String,
    pub role_arn: String,
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// The engine refused this file for good (Textract's `UnsupportedDocumentException`,
    /// `BadDocumentException`, `DocumentTooLargeException`, `InvalidS3ObjectException`):
    /// the document fails; retrying cannot help.
    #[error("the OCR engine refused the document: {kind:?}: {message}")]
    Refused { kind: Refusal, message: String },
    /// Throttling, a timeout, a 5xx: try again later (the event is redelivered).
    #[error("the OCR engine is unavailable: {0}")]
    Unavailable(String),
    /// Anything else (a bad request of ours, an unknown job): not retried, reported.
    #[error("the OCR engine failed: {0}")]
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a format the engine reads.
    Unsupported,
    /// A corrupt or unreadable file (or an encrypted PDF).
    BadDocument,
    /// Too many bytes, pixels or pages for the engine.
    TooLarge,
}

/// Textract's document analysis operations, as the pipeline uses them.
#[async_trait::async_trait]
pub trait OcrEngine: Debug + Send + Sync {
    /// `AnalyzeDocument` (synchronous; single-page images) with FORMS, TABLES and QUERIES.
    async fn analyze_document(
        &self,
        document: &S3Object,
        queries: &[OcrQuery],
    ) -> Result<AnalysisResponse, OcrError>;

    /// `StartDocumentAnalysis` (asynchronous; PDFs) with FORMS, TABLES and QUERIES; the end
    /// is published to `channel`. `request_token` makes a redelivered start return the same
    /// job (Textract's `ClientRequestToken`); `job_tag` comes back in the completion message.
    /// Returns the job id.
    async fn start_document_analysis(
        &self,
        document: &S3Object,
        queries: &[OcrQuery],
        channel: &CompletionChannel,
        request_token: &str,
        job_tag: &str,
    ) -> Result<String, OcrError>;

    /// One page of `GetDocumentAnalysis` (`next_token` from the previous page).
    async fn get_document_analysis(
        &self,
        job_id: &str,
        next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError>;
}
