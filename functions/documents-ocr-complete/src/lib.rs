//! `documents-ocr-complete`: Textract's job completions, published to the OCR topic. The
//! message names the job and the object it read; the object's key (`t/<co>/docs/<id>/original`,
//! in the documents bucket or, the same key, in the staging bucket) names the document, whose
//! record must be `processing` with that job.
//!
//! `SUCCEEDED` (and `PARTIAL_SUCCESS`, with what was read) pages through
//! `GetDocumentAnalysis`, keeps every page of blocks next to the original, and moves the record
//! to `processed` with the proposed fields; a job Textract reports `FAILED`/`ERROR` fails it
//! `ocr_error` (the message's own status is not trusted), more pages than `MAX_PDF_PAGES`
//! `too_many_pages`. The staging copy is deleted after. A document deleted meanwhile has its
//! files erased.
//!
//! An unavailable engine or store answers with an error, so Lambda invokes again (SNS
//! deliveries are asynchronous invocations: two retries, then the function's dead-letter
//! queue). A message that is no completion, or names no document of ours, is logged and
//! dropped.

use aws_lambda_events::event::sns::{SnsEvent, SnsRecord};
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::Documents;
use mypages::aws::document_status::Transition;
use mypages::aws::ocr::OcrError;
use mypages::aws::ocr_pipeline::{PipelineDeps, erase_if_deleted, record_failure, record_result};
use mypages::domain::document::{DocumentStatus, FailureReason, parse_original_key};
use mypages::domain::ocr::blocks::{AnalysisResponse, JobCompletion};
use mypages::domain::upload_check::MAX_PDF_PAGES;

/// More `NextToken` pages than any bounded document yields (300 pages at up to 1000 blocks a
/// response): an engine that keeps answering with a token is cut off here.
pub const MAX_RESPONSE_PAGES: usize = 10_000;

/// What became of one completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ignored(&'static str),
    Processed { partial: bool },
    Failed(FailureReason),
}

/// A failure worth another invocation.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Retry(pub String);

pub async fn handler(deps: &PipelineDeps, event: LambdaEvent<SnsEvent>) -> Result<(), Error> {
    for record in &event.payload.records {
        let outcome = handle_record(deps, record).await?;
        tracing::info!(message_id = %record.sns.message_id, outcome = ?outcome, "OCR completion");
    }
    Ok(())
}

pub async fn handle_record(deps: &PipelineDeps, record: &SnsRecord) -> Result<Outcome, Retry> {
    let completion: JobCompletion = match serde_json::from_str(&record.sns.message) {
        Ok(completion) => completion,
        Err(error) => {
            tracing::error!(%error, "a message on the OCR topic that is no job completion; dropped");
            return Ok(Outcome::Ignored("not a job completion"));
        }
    };
    complete(deps, &deps.documents, &completion).await
}

pub async fn complete(
    deps: &PipelineDeps,
    documents: &Documents,
    completion: &JobCompletion,
) -> Result<Outcome, Retry> {
    let location = &completion.document_location;
    let ours = location.s3_bucket == documents.ids.documents_bucket
        || documents.ids.staging_bucket.as_deref() == Some(location.s3_bucket.as_str());
    if !ours {
        return Ok(Outcome::Ignored("another bucket"));
    }
    let Some((company_id, document_id)) = parse_original_key(&location.s3_object_name) else {
        return Ok(Outcome::Ignored("not an original's key"));
    };
    let job_id = completion.job_id.as_str();
    let stored = match deps.store.stored_document(company_id, document_id).await {
        Ok(Some((stored, _))) => stored,
        Ok(None) => {
            // Deleted while the job ran: its files (a saved answer included) go too.
            return match erase_if_deleted(&deps.store, documents, company_id, document_id).await {
                Ok(erased) => {
                    unstage(documents, &location.s3_object_name).await;
                    Ok(Outcome::Ignored(if erased {
                        "the document was deleted: its files are erased"
                    } else {
                        "no such document in that company"
                    }))
                }
                Err(error) => Err(Retry(error.to_string())),
            };
        }
        Err(error) => return Err(Retry(format!("store: {error}"))),
    };
    match stored.document.status {
        DocumentStatus::Processing => {}
        // documents-ocr records the job right after Textract accepts it; a completion can
        // only beat that write by seconds, or come while a failed write is being retried:
        // try again later (Lambda retries an asynchronous invocation twice).
        DocumentStatus::AwaitingUpload => {
            return Err(Retry("the job's start is not recorded yet".into()));
        }
        DocumentStatus::Processed | DocumentStatus::Failed => {
            unstage(documents, &location.s3_object_name).await;
            return Ok(Outcome::Ignored("the document is done"));
        }
    }
    if stored.ocr_job_id.as_deref() != Some(job_id) {
        return Ok(Outcome::Ignored("another job than the document's"));
    }
    // The message's status is only a hint (anyone who may publish to the topic could write
    // one): what Textract answers for the job decides, failed jobs included.
    let outcome = match completion.status.as_str() {
        "SUCCEEDED" | "PARTIAL_SUCCESS" | "FAILED" | "ERROR" => {
            read_job(deps, documents, company_id, document_id, job_id).await?
        }
        _ => return Ok(Outcome::Ignored("an unknown job status")),
    };
    unstage(documents, &location.s3_object_name).await;
    Ok(outcome)
}

/// Deletes the staging copy (when there is one); the staging bucket's one-day expiry removes
/// any copy this misses.
async fn unstage(documents: &Documents, key: &str) {
    if let Err(error) = documents.unstage(key).await {
        tracing::warn!(%error, "the staging copy was not deleted");
    }
}

async fn fail(
    deps: &PipelineDeps,
    company_id: &str,
    document_id: &str,
    reason: FailureReason,
) -> Result<Outcome, Retry> {
    match record_failure(
        &deps.store,
        company_id,
        document_id,
        DocumentStatus::Processing,
        reason,
    )
    .await
    {
        Ok(Transition::Done(_)) => Ok(Outcome::Failed(reason)),
        Ok(Transition::NotFrom(_)) => Ok(Outcome::Ignored("the document moved on meanwhile")),
        Err(error) => Err(Retry(format!("store: {error}"))),
    }
}

/// Every page of the job's answer, then the record.
async fn read_job(
    deps: &PipelineDeps,
    documents: &Documents,
    company_id: &str,
    document_id: &str,
    job_id: &str,
) -> Result<Outcome, Retry> {
    let mut responses: Vec<AnalysisResponse> = Vec::new();
    let mut next_token: Option<String> = None;
    loop {
        if responses.len() >= MAX_RESPONSE_PAGES {
            tracing::error!(%job_id, "the OCR answer never ended");
            return fail(deps, company_id, document_id, FailureReason::OcrError).await;
        }
        let page = match documents
            .ocr
            .get_document_analysis(job_id, next_token.as_deref())
            .await
        {
            Ok(page) => page,
            Err(OcrError::Unavailable(message)) => return Err(Retry(message)),
            Err(error) => {
                tracing::error!(%job_id, %error, "the OCR answer could not be read");
                return fail(deps, company_id, document_id, FailureReason::OcrError).await;
            }
        };
        match page.job_status.as_deref() {
            Some("FAILED" | "ERROR") => {
                let message = page.status_message.clone().unwrap_or_default();
                tracing::error!(%job_id, status_message = %message, "the OCR job failed");
                return fail(deps, company_id, document_id, FailureReason::OcrError).await;
            }
            Some("IN_PROGRESS") => return Err(Retry("the OCR job is still running".into())),
            _ => {}
        }
        // A PDF the upload check could not count (its page tree compressed) is held to the
        // same bound here, before the rest of a huge answer is read.
        let pages = page.document_metadata.as_ref().map_or(0, |m| m.pages);
        if pages > MAX_PDF_PAGES {
            tracing::warn!(%job_id, pages, "the OCR job read more pages than documents may have");
            return fail(deps, company_id, document_id, FailureReason::TooManyPages).await;
        }
        next_token = page.next_token.clone();
        responses.push(page);
        if next_token.is_none() {
            break;
        }
    }
    let partial = responses
        .iter()
        .any(|r| r.job_status.as_deref() == Some("PARTIAL_SUCCESS"));
    if partial {
        // What was read is kept; the warnings (pages not read) stay in the saved answer.
        let warnings: Vec<String> = responses
            .iter()
            .flat_map(|r| &r.warnings)
            .map(|w| {
                format!(
                    "{}: pages {:?}",
                    w.error_code.as_deref().unwrap_or("?"),
                    w.pages
                )
            })
            .collect();
        let message = responses
            .iter()
            .find_map(|r| r.status_message.clone())
            .unwrap_or_default();
        tracing::warn!(%job_id, status_message = %message, ?warnings, "the OCR job read part of the document");
    }
    match record_result(&deps.store, documents, company_id, document_id, &responses).await {
        Ok(Transition::Done(_)) => Ok(Outcome::Processed { partial }),
        Ok(Transition::NotFrom(_)) => Ok(Outcome::Ignored("the document moved on meanwhile")),
        Err(error) => Err(Retry(error.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_event_carries_a_job_completion() {
        let event: SnsEvent = serde_json::from_str(include_str!(
            "../../../events/documents-ocr-complete/sns.json"
        ))
        .expect("an SNS event");
        let completion: JobCompletion =
            serde_json::from_str(&event.records[0].sns.message).expect("a job completion");
        assert_eq!(completion.status, "SUCCEEDED");
        assert_eq!(completion.api, "StartDocumentAnalysis");
        assert_eq!(
            completion.document_location.s3_object_name,
            "t/${companyId}/docs/${documentId}/original"
        );
    }
}
