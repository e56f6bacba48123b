//! The asynchronous jobs of a local OCR engine, kept in memory as Textract keeps them for
//! `GetDocumentAnalysis`: started once per request token, their answer split into pages of at
//! most [`MAX_BLOCKS_PER_PAGE`] blocks (or fewer: Textract's `MaxResults`) behind
//! `NextToken`.
//!
//! Nothing expires (Textract forgets a job after 7 days): the local stack's jobs live as long
//! as its process.

use std::collections::HashMap;
use std::sync::Mutex;

use mypages::aws::ocr::{OcrError, S3Object};
use mypages::domain::ocr::blocks::{AnalysisResponse, DocumentMetadata};

/// Textract's page size for `GetDocumentAnalysis` (its `MaxResults` default and bound).
pub const MAX_BLOCKS_PER_PAGE: usize = 1000;

#[derive(Debug)]
enum State {
    InProgress,
    Succeeded(Vec<AnalysisResponse>),
    Failed(String),
}

#[derive(Debug)]
struct Job {
    document: S3Object,
    state: State,
}

#[derive(Debug, Default)]
struct Table {
    jobs: HashMap<String, Job>,
    by_request_token: HashMap<String, String>,
}

#[derive(Debug)]
pub struct Jobs {
    table: Mutex<Table>,
    max_results: usize,
}

impl Default for Jobs {
    fn default() -> Jobs {
        Jobs::new(MAX_BLOCKS_PER_PAGE)
    }
}

/// What [`Jobs::start`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A new job: the caller runs it and reports with [`Jobs::finish`].
    New(String),
    /// The request token named a job already started for the same document.
    Existing(String),
}

fn table_lock(jobs: &Jobs) -> std::sync::MutexGuard<'_, Table> {
    // A panic while the lock was held left the map as it was between two statements of this
    // module, each of which leaves it whole: go on with it.
    jobs.table
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Textract's `IdempotentParameterMismatchException`: a token reused for another document.
fn mismatch(token: &str, document: &S3Object) -> OcrError {
    OcrError::Failed(format!(
        "IdempotentParameterMismatch: request token {token:?} was used for another document \
         than s3://{}/{}",
        document.bucket, document.key
    ))
}

/// The job started with this request token, an error when it was for another document.
fn find_started(
    table: &Table,
    request_token: &str,
    document: &S3Object,
) -> Result<Option<String>, OcrError> {
    if request_token.is_empty() {
        return Ok(None);
    }
    match table.by_request_token.get(request_token) {
        None => Ok(None),
        Some(job_id)
            if table
                .jobs
                .get(job_id)
                .is_some_and(|j| &j.document == document) =>
        {
            Ok(Some(job_id.clone()))
        }
        Some(_) => Err(mismatch(request_token, document)),
    }
}

impl Jobs {
    /// Jobs whose answers are served `max_results` blocks a page (Textract's `MaxResults`:
    /// 1 to [`MAX_BLOCKS_PER_PAGE`]).
    pub fn new(max_results: usize) -> Jobs {
        Jobs {
            table: Mutex::default(),
            max_results: max_results.clamp(1, MAX_BLOCKS_PER_PAGE),
        }
    }

    /// The job an earlier start with this request token made, if any.
    pub fn existing(
        &self,
        request_token: &str,
        document: &S3Object,
    ) -> Result<Option<String>, OcrError> {
        find_started(&table_lock(self), request_token, document)
    }

    /// Records a job in progress, or finds the one this request token started (an empty
    /// token, as Textract's absent `ClientRequestToken`, always starts a new job).
    pub fn start(&self, request_token: &str, document: &S3Object) -> Result<Started, OcrError> {
        let mut table = table_lock(self);
        if let Some(job_id) = find_started(&table, request_token, document)? {
            return Ok(Started::Existing(job_id));
        }
        let job_id = uuid::Uuid::new_v4().simple().to_string();
        table.jobs.insert(
            job_id.clone(),
            Job {
                document: document.clone(),
                state: State::InProgress,
            },
        );
        if !request_token.is_empty() {
            table
                .by_request_token
                .insert(request_token.to_owned(), job_id.clone());
        }
        Ok(Started::New(job_id))
    }

    /// Keeps the job's answer (split into pages) or its failure.
    pub fn finish(&self, job_id: &str, outcome: Result<Vec<AnalysisResponse>, String>) {
        let state = match outcome {
            Ok(responses) => State::Succeeded(paginate(responses, self.max_results)),
            Err(message) => State::Failed(message),
        };
        if let Some(job) = table_lock(self).jobs.get_mut(job_id) {
            job.state = state;
        }
    }

    /// One page of `GetDocumentAnalysis`.
    pub fn page(
        &self,
        job_id: &str,
        next_token: Option<&str>,
    ) -> Result<AnalysisResponse, OcrError> {
        let table = table_lock(self);
        let job = table
            .jobs
            .get(job_id)
            .ok_or_else(|| OcrError::Failed(format!("InvalidJobIdException: no job {job_id:?}")))?;
        match &job.state {
            State::InProgress => Ok(AnalysisResponse {
                job_status: Some("IN_PROGRESS".into()),
                ..AnalysisResponse::default()
            }),
            State::Failed(message) => Ok(AnalysisResponse {
                job_status: Some("FAILED".into()),
                status_message: Some(message.clone()),
                ..AnalysisResponse::default()
            }),
            State::Succeeded(pages) => {
                let index = match next_token {
                    None => 0,
                    Some(token) => token
                        .parse::<usize>()
                        .ok()
                        .filter(|&i| i > 0 && i < pages.len())
                        .ok_or_else(|| {
                            OcrError::Failed(format!(
                                "InvalidParameterException: NextToken {token:?} is not one of job {job_id:?}"
                            ))
                        })?,
                };
                let mut page = pages[index].clone();
                page.job_status = Some("SUCCEEDED".into());
                page.next_token = (index + 1 < pages.len()).then(|| (index + 1).to_string());
                Ok(page)
            }
        }
    }
}

/// The answer as `GetDocumentAnalysis` serves it: every response's blocks in pages of at most
/// `max_results`, each page with the document's metadata (as Textract sends it on every
/// page), the warnings on the first.
pub fn paginate(responses: Vec<AnalysisResponse>, max_results: usize) -> Vec<AnalysisResponse> {
    let pages = responses
        .iter()
        .filter_map(|r| r.document_metadata.as_ref().map(|m| m.pages))
        .max();
    let mut warnings = Vec::new();
    let mut blocks = Vec::new();
    for response in responses {
        warnings.extend(response.warnings);
        blocks.extend(response.blocks);
    }
    let mut out: Vec<AnalysisResponse> = Vec::new();
    let mut rest = blocks.into_iter().peekable();
    loop {
        let chunk: Vec<_> = rest.by_ref().take(max_results.max(1)).collect();
        out.push(AnalysisResponse {
            document_metadata: pages.map(|pages| DocumentMetadata { pages }),
            blocks: chunk,
            ..AnalysisResponse::default()
        });
        if rest.peek().is_none() {
            break;
        }
    }
    out[0].warnings = warnings;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mypages::domain::ocr::blocks::{Block, BlockType};

    fn document(key: &str) -> S3Object {
        S3Object {
            bucket: "b".into(),
            key: key.into(),
        }
    }

    fn word(n: usize) -> Block {
        serde_json::from_value(serde_json::json!({"BlockType": "WORD", "Id": n.to_string()}))
            .expect("block")
    }

    fn answer(blocks: usize, pages: u32) -> AnalysisResponse {
        AnalysisResponse {
            document_metadata: Some(DocumentMetadata { pages }),
            blocks: (0..blocks).map(word).collect(),
            ..AnalysisResponse::default()
        }
    }

    #[test]
    fn a_request_token_starts_one_job_per_document() {
        let jobs = Jobs::default();
        let Started::New(id) = jobs.start("t1", &document("a")).expect("start") else {
            panic!("first start makes a job")
        };
        assert_eq!(
            jobs.start("t1", &document("a")).expect("again"),
            Started::Existing(id.clone())
        );
        assert_eq!(
            jobs.existing("t1", &document("a")).expect("found"),
            Some(id.clone())
        );
        assert!(matches!(
            jobs.start("t1", &document("other")),
            Err(OcrError::Failed(m)) if m.starts_with("IdempotentParameterMismatch")
        ));
        assert!(jobs.existing("t1", &document("other")).is_err());
        let Started::New(second) = jobs.start("", &document("a")).expect("no token") else {
            panic!("an empty token always starts a job")
        };
        assert_ne!(second, id);
        let Started::New(third) = jobs.start("", &document("a")).expect("no token") else {
            panic!("an empty token always starts a job")
        };
        assert_ne!(third, second);
    }

    #[test]
    fn a_job_reports_progress_failure_and_pages() {
        let jobs = Jobs::default();
        let Started::New(id) = jobs.start("t", &document("a")).expect("start") else {
            panic!("new")
        };
        assert_eq!(
            jobs.page(&id, None).expect("page").job_status.as_deref(),
            Some("IN_PROGRESS")
        );
        jobs.finish(&id, Ok(vec![answer(1500, 2), answer(600, 2)]));
        let first = jobs.page(&id, None).expect("first");
        assert_eq!(first.job_status.as_deref(), Some("SUCCEEDED"));
        assert_eq!(first.blocks.len(), MAX_BLOCKS_PER_PAGE);
        assert_eq!(first.document_metadata, Some(DocumentMetadata { pages: 2 }));
        let token = first.next_token.expect("more");
        let second = jobs.page(&id, Some(&token)).expect("second");
        assert_eq!(second.blocks.len(), 1000);
        let third = jobs.page(&id, second.next_token.as_deref()).expect("third");
        assert_eq!(third.blocks.len(), 100);
        assert_eq!(third.next_token, None);
        assert_eq!(third.blocks[99].id, "599");
        for bad in ["0", "3", "x", ""] {
            assert!(jobs.page(&id, Some(bad)).is_err(), "{bad}");
        }
        assert!(matches!(jobs.page("nope", None), Err(OcrError::Failed(_))));

        let Started::New(failed) = jobs.start("u", &document("a")).expect("start") else {
            panic!("new")
        };
        jobs.finish(&failed, Err("unreadable".into()));
        let page = jobs.page(&failed, None).expect("page");
        assert_eq!(page.job_status.as_deref(), Some("FAILED"));
        assert_eq!(page.status_message.as_deref(), Some("unreadable"));
    }

    #[test]
    fn an_answer_without_blocks_is_one_page() {
        let pages = paginate(vec![answer(0, 1)], MAX_BLOCKS_PER_PAGE);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].blocks.is_empty());
        let exact = paginate(vec![answer(MAX_BLOCKS_PER_PAGE, 1)], MAX_BLOCKS_PER_PAGE);
        assert_eq!(exact.len(), 1);
        assert!(
            exact
                .iter()
                .all(|p| p.blocks.iter().all(|b| b.block_type == BlockType::Word))
        );
    }
}
