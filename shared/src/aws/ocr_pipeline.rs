//! What both OCR functions do with an answer: keep the raw blocks, propose the contract
//! fields, and move the record on; or fail it with a reason.

use super::sdk::LazyClient;
use thiserror::Error;

use super::Documents;
use super::document_files::FilesError;
use super::document_status::Transition;
use super::documents::StoredDocument;
use super::ocr::{OcrQuery, Refusal};
use super::store::{Store, StoreError};
use crate::config::{ConfigError, DocumentsIds, required};
use crate::domain::document::{DocumentStatus, FailureReason};
use crate::domain::ocr::blocks::AnalysisResponse;
use crate::domain::ocr::queries::LEASE_QUERIES;
use crate::domain::ocr::{extract, parse};

/// What the OCR functions use: the table and the documents (buckets and engine). Not
/// [`super::Deps`]: these functions are no API functions and get no user pool variables.
#[derive(Debug, Clone)]
pub struct PipelineDeps {
    pub store: Store,
    pub documents: Documents,
}

impl PipelineDeps {
    pub async fn from_env() -> Result<PipelineDeps, ConfigError> {
        let data_table = required("DATA_TABLE")?;
        let audit_table = required("AUDIT_TABLE")?;
        let ids = DocumentsIds::from_env()?.ok_or(ConfigError {
            name: "DOCUMENTS_BUCKET",
            problem: "is not set",
        })?;
        let sdk = crate::aws::sdk::load()?;
        Ok(PipelineDeps {
            store: Store::new(LazyClient::new(&sdk), &data_table, &audit_table),
            documents: Documents::new(&ids, &sdk),
        })
    }
}

/// A dependency failed: the event is delivered again.
#[derive(Debug, Error)]
pub enum PipelineError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("s3: {0}")]
    Files(#[from] FilesError),
}

/// The lease questions, as the engine takes them.
pub fn lease_queries() -> Vec<OcrQuery> {
    LEASE_QUERIES
        .iter()
        .map(|q| OcrQuery {
            text: q.text.to_owned(),
            alias: q.alias.to_owned(),
        })
        .collect()
}

/// Why a document fails when the engine refuses it.
pub fn refusal_reason(kind: Refusal) -> FailureReason {
    match kind {
        Refusal::Unsupported => FailureReason::WrongType,
        Refusal::BadDocument => FailureReason::Unreadable,
        Refusal::TooLarge => FailureReason::TooLarge,
    }
}

/// Keeps the raw answer next to the original, then `processing → processed` with the page
/// count and the proposed fields.
pub async fn record_result(
    store: &Store,
    documents: &Documents,
    company_id: &str,
    document_id: &str,
    responses: &[AnalysisResponse],
) -> Result<Transition, PipelineError> {
    documents
        .put_ocr_result(company_id, document_id, responses)
        .await?;
    let parsed = parse::parse(responses);
    let proposed = extract::propose(&parsed);
    let transition = store
        .transition_document(
            company_id,
            document_id,
            DocumentStatus::Processing,
            None,
            |document| {
                document.status = DocumentStatus::Processed;
                document.failure_reason = None;
                document.pages = Some(parsed.pages);
                document.proposed = Some(proposed.clone());
            },
        )
        .await?;
    if transition == Transition::NotFrom(None) {
        // Deleted while OCR ran: the answer just saved must not outlive the document.
        erase_if_deleted(store, documents, company_id, document_id).await?;
    }
    Ok(transition)
}

/// When the document was deleted (its tombstone is there), erases every version of its files:
/// a late upload, or an OCR answer that arrived after the deletion. Returns whether it did.
pub async fn erase_if_deleted(
    store: &Store,
    documents: &Documents,
    company_id: &str,
    document_id: &str,
) -> Result<bool, PipelineError> {
    match store.document_item(company_id, document_id).await? {
        Some(StoredDocument::Deleted) => {
            documents
                .erase_document_files(company_id, document_id)
                .await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// `from → failed` with `reason`.
pub async fn record_failure(
    store: &Store,
    company_id: &str,
    document_id: &str,
    from: DocumentStatus,
    reason: FailureReason,
) -> Result<Transition, StoreError> {
    store
        .transition_document(company_id, document_id, from, None, |document| {
            document.status = DocumentStatus::Failed;
            document.failure_reason = Some(reason);
        })
        .await
}
