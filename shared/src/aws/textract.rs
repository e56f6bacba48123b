//! The real OCR engine: Amazon Textract in its configured region (issue 8 item 2–4: the
//! pipeline's helper fills the operations in).

use super::ocr::{CompletionChannel, OcrEngine, OcrError, OcrQuery, S3Object};
use crate::domain::ocr::blocks::AnalysisResponse;

#[derive(Debug, Clone)]
pub struct Textract {
    #[allow(dead_code)]
    client: aws_sdk_textract::Client,
}

impl Textract {
    pub fn new(client: aws_sdk_textract::Client) -> Textract {
        Textract { client }
    }
}

#[async_trait::async_trait]
impl OcrEngine for Textract {
    async fn analyze_document(
        &self,
        _document: &S3Object,
        _queries: &[OcrQuery],
    ) -> Result<AnalysisResponse, OcrError> {
        Err(OcrError::Failed("not yet built".into()))
    }

    async fn start_document_analysis(
        &self,
        _document: &S3Object,
        _queries: &[OcrQuery],
        _channel: &CompletionChannel,
        _request_token: &str,
        _job_tag: &str,
    ) -> Result<String, OcrError> {
        Err(OcrError::Failed("not yet built".into()))
    }

    async fn get_document_analysis(
        &self,
        _job_id: &str,
        _next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError> {
        Err(OcrError::Failed("not yet built".into()))
    }
}
