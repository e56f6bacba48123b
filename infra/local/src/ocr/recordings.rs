//! Saved Textract answers, found by the SHA-256 of the file they answer: `<dir>/<sha256
//! lowercase hex>.json` holds one `AnalysisResponse` (an `AnalyzeDocument` answer, or a whole
//! job in one) or a JSON array of `GetDocumentAnalysis` pages. A recorded failed job
//! (`JobStatus` `FAILED`) replays as a failure with its `StatusMessage`.

use std::path::{Path, PathBuf};

use mypages::aws::ocr::OcrError;
use mypages::domain::ocr::blocks::AnalysisResponse;
use sha2::{Digest, Sha256};

use super::{Analyzer, Api};

#[derive(Debug, Clone)]
pub struct Recordings {
    dir: PathBuf,
}

/// The name a file's recording has: its SHA-256 in lowercase hex.
pub fn recording_name(file: &[u8]) -> String {
    format!("{}.json", hex::encode(Sha256::digest(file)))
}

impl Recordings {
    pub fn new(dir: impl Into<PathBuf>) -> Recordings {
        Recordings { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recorded answer of this file, or `None` when there is none. A recording that is
    /// not Textract's JSON is an error, never taken for a missing one.
    pub async fn find(&self, file: &[u8]) -> Result<Option<Vec<AnalysisResponse>>, OcrError> {
        let path = self.dir.join(recording_name(file));
        let text = match tokio::fs::read(&path).await {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(OcrError::Failed(format!(
                    "cannot read the recording {}: {e}",
                    path.display()
                )));
            }
        };
        let not_textract = |e: serde_json::Error| {
            OcrError::Failed(format!(
                "the recording {} is not a Textract answer: {e}",
                path.display()
            ))
        };
        let json: serde_json::Value = serde_json::from_slice(&text).map_err(not_textract)?;
        let pages = if json.is_array() {
            serde_json::from_value(json).map_err(not_textract)?
        } else {
            vec![serde_json::from_value(json).map_err(not_textract)?]
        };
        Ok(Some(pages))
    }
}

/// A recording as the engine answers it: its blocks, or its job's failure. Recorded
/// `NextToken`s and job states are dropped: the engine pages and reports its own.
pub fn replay(recorded: Vec<AnalysisResponse>) -> Result<Vec<AnalysisResponse>, OcrError> {
    for response in &recorded {
        match response.job_status.as_deref() {
            Some("FAILED") => {
                return Err(OcrError::Failed(
                    response
                        .status_message
                        .clone()
                        .unwrap_or_else(|| "the recorded job failed".into()),
                ));
            }
            Some("IN_PROGRESS") => {
                return Err(OcrError::Failed(
                    "the recording holds an unfinished job (IN_PROGRESS)".into(),
                ));
            }
            _ => {}
        }
    }
    Ok(recorded
        .into_iter()
        .map(|r| AnalysisResponse {
            job_status: None,
            next_token: None,
            status_message: None,
            ..r
        })
        .collect())
}

#[async_trait::async_trait]
impl Analyzer for Recordings {
    type Admitted = Vec<AnalysisResponse>;

    /// A file without a recording is this engine's failure (not the file's): the recording
    /// engine knows no other answer.
    async fn admit(&self, file: Vec<u8>, _api: Api) -> Result<Vec<AnalysisResponse>, OcrError> {
        self.find(&file).await?.ok_or_else(|| {
            OcrError::Failed(format!(
                "no recording {} in {}",
                recording_name(&file),
                self.dir.display()
            ))
        })
    }

    async fn analyze(
        &self,
        recorded: Vec<AnalysisResponse>,
    ) -> Result<Vec<AnalysisResponse>, OcrError> {
        replay(recorded)
    }
}
