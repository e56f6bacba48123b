//! The local stack's OCR engines, in Textract's place (moto's Textract answers every document
//! with the same made-up text, DESIGN.md §8). Both read the file from S3 as Textract does and
//! answer in Textract's block shape through [`OcrEngine`]:
//!
//! - [`LocalTesseract`]: a local OCR engine on Tesseract (Swedish and Latin-script models) and
//!   Poppler's `pdftoppm`. It reads text, lines, words and "Label: value" pairs; it cannot
//!   answer QUERIES, find tables or check boxes, or read handwriting as Textract does, so its
//!   answers carry no QUERY, TABLE or SELECTION_ELEMENT blocks.
//! - [`RecordingEngine`]: saved Textract answers, found by the file's SHA-256 (a directory of
//!   `<sha256 hex>.json`, each one `AnalysisResponse` or a JSON array of
//!   `GetDocumentAnalysis` pages). Real answers for known files, QUERY blocks included.
//!
//! [`local_engine`] is the local stack's engine: a recording when the file has one, else
//! Tesseract.
//!
//! Asynchronous jobs run in a spawned task; their answers stay in memory ([`jobs`]) and their
//! end is published to the job's SNS topic as Textract's completion message.

pub mod jobs;
pub mod recordings;
pub mod tesseract;
mod tsv;

use std::fmt::Debug;
use std::path::PathBuf;
use std::sync::Arc;

use aws_sdk_s3 as s3;
use mypages::aws::ocr::{
    CompletionChannel, OcrEngine, OcrError, OcrQuery, Refusal, S3Object, SharedOcrEngine,
};
use mypages::domain::document::MAX_DOCUMENT_BYTES;
use mypages::domain::ocr::blocks::{
    AnalysisResponse, DocumentMetadata, JobCompletion, JobDocumentLocation,
};

pub use recordings::Recordings;
pub use tesseract::{Limits, Tesseract};

/// The operation a file is analysed for: `AnalyzeDocument` takes single-page documents only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    AnalyzeDocument,
    StartDocumentAnalysis,
}

/// What answers a file. `admit` makes the checks the operation's request makes (format,
/// encryption, size, pages) so a refusal is the request's error, as Textract's is; `analyze`
/// does the work (for a job, in its task).
#[async_trait::async_trait]
pub trait Analyzer: Debug + Send + Sync + 'static {
    type Admitted: Send + 'static;

    async fn admit(&self, file: Vec<u8>, api: Api) -> Result<Self::Admitted, OcrError>;

    /// Every page's blocks, as one or more responses in reading order.
    async fn analyze(&self, admitted: Self::Admitted) -> Result<Vec<AnalysisResponse>, OcrError>;
}

/// An [`OcrEngine`] over an [`Analyzer`]: reads the object from S3, answers `AnalyzeDocument`
/// at once and runs `StartDocumentAnalysis` as a job that publishes its end to SNS.
#[derive(Debug, Clone)]
pub struct LocalEngine<A> {
    s3: s3::Client,
    sns: aws_sdk_sns::Client,
    analyzer: Arc<A>,
    jobs: Arc<jobs::Jobs>,
}

/// The local OCR engine on Tesseract.
pub type LocalTesseract = LocalEngine<Tesseract>;
/// Saved Textract answers by the file's SHA-256.
pub type RecordingEngine = LocalEngine<Recordings>;

impl<A: Analyzer> LocalEngine<A> {
    /// `s3` as `mypages::aws::s3_client` builds it (path-style for the emulator).
    pub fn new(s3: s3::Client, sns: aws_sdk_sns::Client, analyzer: A) -> LocalEngine<A> {
        LocalEngine {
            s3,
            sns,
            analyzer: Arc::new(analyzer),
            jobs: Arc::new(jobs::Jobs::default()),
        }
    }

    /// Serves job answers `max_results` blocks a page (Textract's `MaxResults`, 1 to 1000;
    /// 1000 unless set): small pages make a short document page through `NextToken`.
    pub fn with_max_results(self, max_results: usize) -> LocalEngine<A> {
        LocalEngine {
            jobs: Arc::new(jobs::Jobs::new(max_results)),
            ..self
        }
    }
}

/// The local stack's engine: the recording of a file when `recordings_dir` has one, else
/// Tesseract.
pub fn local_engine(
    s3: s3::Client,
    sns: aws_sdk_sns::Client,
    recordings_dir: Option<PathBuf>,
) -> SharedOcrEngine {
    Arc::new(LocalEngine::new(
        s3,
        sns,
        RecordingsThenTesseract {
            recordings: recordings_dir.map(Recordings::new),
            tesseract: Tesseract::default(),
        },
    ))
}

/// A recording when there is one for the file, else Tesseract.
#[derive(Debug)]
pub struct RecordingsThenTesseract {
    pub recordings: Option<Recordings>,
    pub tesseract: Tesseract,
}

pub enum RecordedOrRead {
    Recorded(Vec<AnalysisResponse>),
    Read(<Tesseract as Analyzer>::Admitted),
}

#[async_trait::async_trait]
impl Analyzer for RecordingsThenTesseract {
    type Admitted = RecordedOrRead;

    async fn admit(&self, file: Vec<u8>, api: Api) -> Result<RecordedOrRead, OcrError> {
        if let Some(recordings) = &self.recordings
            && let Some(recorded) = recordings.find(&file).await?
        {
            return Ok(RecordedOrRead::Recorded(recorded));
        }
        Ok(RecordedOrRead::Read(self.tesseract.admit(file, api).await?))
    }

    async fn analyze(&self, admitted: RecordedOrRead) -> Result<Vec<AnalysisResponse>, OcrError> {
        match admitted {
            RecordedOrRead::Recorded(recorded) => recordings::replay(recorded),
            RecordedOrRead::Read(read) => self.tesseract.analyze(read).await,
        }
    }
}

/// Textract's `InvalidS3ObjectException` for an object the engine cannot get.
fn invalid_object(document: &S3Object, reason: impl std::fmt::Display) -> OcrError {
    OcrError::Refused {
        kind: Refusal::BadDocument,
        message: format!(
            "InvalidS3Object: cannot read s3://{}/{}: {reason}",
            document.bucket, document.key
        ),
    }
}

async fn read_object(s3: &s3::Client, document: &S3Object) -> Result<Vec<u8>, OcrError> {
    let object = s3
        .get_object()
        .bucket(&document.bucket)
        .key(&document.key)
        .send()
        .await
        .map_err(|e| match e {
            // S3 answered: no such key or bucket, or no access.
            s3::error::SdkError::ServiceError(_) => {
                invalid_object(document, s3::error::DisplayErrorContext(e))
            }
            other => {
                OcrError::Unavailable(format!("S3: {}", s3::error::DisplayErrorContext(other)))
            }
        })?;
    let size = u64::try_from(object.content_length().unwrap_or(0)).unwrap_or(0);
    if size > MAX_DOCUMENT_BYTES {
        return Err(OcrError::Refused {
            kind: Refusal::TooLarge,
            message: format!("{size} bytes; at most {MAX_DOCUMENT_BYTES}"),
        });
    }
    let bytes = object
        .body
        .collect()
        .await
        .map_err(|e| OcrError::Unavailable(format!("S3: reading the object: {e}")))?;
    Ok(bytes.to_vec())
}

/// The one response of `AnalyzeDocument`: every block, refused when the document has more
/// than one page (Textract's synchronous operation reads single-page documents only).
fn synchronous_answer(responses: Vec<AnalysisResponse>) -> Result<AnalysisResponse, OcrError> {
    let blocks: Vec<_> = responses.iter().flat_map(|r| r.blocks.iter()).collect();
    let pages_in_blocks = blocks.iter().filter_map(|b| b.page).max().unwrap_or(1);
    let pages = responses
        .iter()
        .filter_map(|r| r.document_metadata.as_ref().map(|m| m.pages))
        .max()
        .unwrap_or(1)
        .max(pages_in_blocks);
    if pages > 1 {
        return Err(OcrError::Refused {
            kind: Refusal::Unsupported,
            message: format!(
                "AnalyzeDocument reads single-page documents; this one has {pages} pages \
                 (StartDocumentAnalysis reads it)"
            ),
        });
    }
    let mut answer = AnalysisResponse {
        document_metadata: Some(DocumentMetadata { pages }),
        ..AnalysisResponse::default()
    };
    for response in responses {
        answer.blocks.extend(response.blocks);
        answer.warnings.extend(response.warnings);
    }
    Ok(answer)
}

/// What a failed job's `StatusMessage` says.
fn status_message(error: &OcrError) -> String {
    match error {
        OcrError::Refused { kind, message } => format!("{kind:?}: {message}"),
        OcrError::Unavailable(message) | OcrError::Failed(message) => message.clone(),
    }
}

/// Publishes Textract's completion message for a job to its topic.
async fn publish_completion(
    sns: &aws_sdk_sns::Client,
    channel: &CompletionChannel,
    completion: &JobCompletion,
) {
    let message = match serde_json::to_string(completion) {
        Ok(message) => message,
        Err(e) => {
            tracing::error!(error = %e, job_id = %completion.job_id, "cannot serialise the OCR job completion");
            return;
        }
    };
    if let Err(e) = sns
        .publish()
        .topic_arn(&channel.topic_arn)
        .message(message)
        .send()
        .await
    {
        tracing::error!(
            error = %aws_sdk_sns::error::DisplayErrorContext(e),
            job_id = %completion.job_id,
            topic = %channel.topic_arn,
            "cannot publish the OCR job completion"
        );
    }
}

#[async_trait::async_trait]
impl<A: Analyzer> OcrEngine for LocalEngine<A> {
    /// Queries are not answered: Tesseract cannot, and a recording holds the answers of the
    /// queries it was recorded with.
    async fn analyze_document(
        &self,
        document: &S3Object,
        _queries: &[OcrQuery],
    ) -> Result<AnalysisResponse, OcrError> {
        let file = read_object(&self.s3, document).await?;
        let admitted = self.analyzer.admit(file, Api::AnalyzeDocument).await?;
        synchronous_answer(self.analyzer.analyze(admitted).await?)
    }

    async fn start_document_analysis(
        &self,
        document: &S3Object,
        _queries: &[OcrQuery],
        channel: &CompletionChannel,
        request_token: &str,
        job_tag: &str,
    ) -> Result<String, OcrError> {
        if let Some(job_id) = self.jobs.existing(request_token, document)? {
            return Ok(job_id);
        }
        let file = read_object(&self.s3, document).await?;
        let admitted = self
            .analyzer
            .admit(file, Api::StartDocumentAnalysis)
            .await?;
        let job_id = match self.jobs.start(request_token, document)? {
            jobs::Started::Existing(job_id) => return Ok(job_id),
            jobs::Started::New(job_id) => job_id,
        };
        let (analyzer, jobs, sns) = (self.analyzer.clone(), self.jobs.clone(), self.sns.clone());
        let completion = JobCompletion {
            job_id: job_id.clone(),
            status: String::new(),
            api: "StartDocumentAnalysis".into(),
            job_tag: (!job_tag.is_empty()).then(|| job_tag.to_owned()),
            timestamp: None,
            document_location: JobDocumentLocation {
                s3_object_name: document.key.clone(),
                s3_bucket: document.bucket.clone(),
            },
        };
        let channel = channel.clone();
        tokio::spawn(async move {
            let outcome = analyzer.analyze(admitted).await;
            if let Err(e) = &outcome {
                tracing::warn!(job_id = %completion.job_id, error = %e, "local OCR job failed");
            }
            let status = if outcome.is_ok() {
                "SUCCEEDED"
            } else {
                "FAILED"
            };
            jobs.finish(&completion.job_id, outcome.map_err(|e| status_message(&e)));
            let completion = JobCompletion {
                status: status.into(),
                timestamp: Some(chrono::Utc::now().timestamp_millis()),
                ..completion
            };
            publish_completion(&sns, &channel, &completion).await;
        });
        Ok(job_id)
    }

    async fn get_document_analysis(
        &self,
        job_id: &str,
        next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError> {
        self.jobs.page(job_id, next_token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(json: serde_json::Value) -> AnalysisResponse {
        serde_json::from_value(json).expect("response")
    }

    #[test]
    fn the_synchronous_answer_refuses_more_than_one_page() {
        let two_pages = response(serde_json::json!({
            "DocumentMetadata": {"Pages": 1},
            "Blocks": [{"BlockType": "PAGE", "Id": "a", "Page": 1}, {"BlockType": "PAGE", "Id": "b", "Page": 2}]
        }));
        assert!(matches!(
            synchronous_answer(vec![two_pages]),
            Err(OcrError::Refused {
                kind: Refusal::Unsupported,
                ..
            })
        ));
        let one = response(serde_json::json!({
            "Blocks": [{"BlockType": "PAGE", "Id": "a"}, {"BlockType": "LINE", "Id": "b"}]
        }));
        let answer = synchronous_answer(vec![one.clone(), one]).expect("one page");
        assert_eq!(answer.blocks.len(), 4);
        assert_eq!(
            answer.document_metadata,
            Some(DocumentMetadata { pages: 1 })
        );
        assert_eq!(answer.job_status, None);
        assert_eq!(answer.next_token, None);
    }
}
