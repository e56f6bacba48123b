//! The OCR pipeline's writes to a document record: conditional status transitions.
//!
//! Item layout of `C#<co>` / `DOC#<id>` in DataTable (the whole layout: `aws::documents`), as
//! the pipeline reads and writes it:
//! - `record` (S): the [`Document`] as JSON (the API's camelCase shape);
//! - `status` (S): the record's status, snake_case, duplicated at the top level so writes
//!   can be conditional on it;
//! - `ocrJobId` (S): the asynchronous OCR job, once one is started.
//!
//! Every transition is conditional on the status it leaves (`awaiting_upload → processing`,
//! `processing → processed | failed`, ...) and on the record being the one read, so a
//! redelivered event, a concurrent twin or a user's change in between never gets
//! overwritten: the loser sees [`Transition::NotFrom`] and does nothing.

use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;

use super::keys::{company_pk, document_sk};
use super::store::{Item, Store, StoreError, get_s, s};
use crate::domain::document::{Document, DocumentStatus};

pub const RECORD: &str = "record";
pub const STATUS: &str = "status";
pub const OCR_JOB_ID: &str = "ocrJobId";
/// The S3 version of the original the document keeps (the first to arrive).
pub const ORIGINAL_VERSION: &str = "originalVersion";

/// Optimistic retries when the record changed between the read and the write but is still
/// in the status the transition leaves.
const ATTEMPTS: u32 = 3;

/// A document record with the pipeline's bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    pub document: Document,
    pub ocr_job_id: Option<String>,
    pub original_version: Option<String>,
}

/// What a transition found.
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    /// Written: the record as it now is.
    Done(Box<StoredDocument>),
    /// The record is in another status (`None`: there is no record): nothing written.
    NotFrom(Option<DocumentStatus>),
}

fn stored_from_item(item: &Item) -> Option<StoredDocument> {
    let document: Document = serde_json::from_str(get_s(item, RECORD)?).ok()?;
    Some(StoredDocument {
        document,
        ocr_job_id: get_s(item, OCR_JOB_ID).map(str::to_owned),
        original_version: get_s(item, ORIGINAL_VERSION).map(str::to_owned),
    })
}

impl Store {
    /// The record, read consistently (`None` if there is none or it was deleted, an error if
    /// it is unreadable).
    pub async fn stored_document(
        &self,
        company_id: &str,
        document_id: &str,
    ) -> Result<Option<(StoredDocument, String)>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), document_sk(document_id))
            .await?;
        let Some(item) = item else {
            return Ok(None);
        };
        // A deleted document's tombstone (`aws::documents`) has no record: none to move on.
        if get_s(&item, STATUS) == Some(super::documents::DELETED_STATUS) {
            return Ok(None);
        }
        let stored = stored_from_item(&item)
            .ok_or_else(|| StoreError(format!("document {document_id}: unreadable record")))?;
        let raw = get_s(&item, RECORD).unwrap_or_default().to_owned();
        Ok(Some((stored, raw)))
    }

    /// Moves the record from `from` to what `change` makes of it (`change` sets the new
    /// status and whatever goes with it), and records the OCR job when `job_id` is given.
    pub async fn transition_document(
        &self,
        company_id: &str,
        document_id: &str,
        from: DocumentStatus,
        job_id: Option<&str>,
        change: impl Fn(&mut Document),
    ) -> Result<Transition, StoreError> {
        for _ in 0..ATTEMPTS {
            let Some((stored, seen)) = self.stored_document(company_id, document_id).await? else {
                return Ok(Transition::NotFrom(None));
            };
            if stored.document.status != from {
                return Ok(Transition::NotFrom(Some(stored.document.status)));
            }
            let mut document = stored.document.clone();
            change(&mut document);
            let record = serde_json::to_string(&document).map_err(|e| StoreError(e.to_string()))?;
            let mut update = self
                .client
                .update_item()
                .table_name(&self.data_table)
                .key("pk", s(company_pk(company_id)))
                .key("sk", s(document_sk(document_id)))
                .condition_expression("#status = :from AND #record = :seen")
                .expression_attribute_names("#status", STATUS)
                .expression_attribute_names("#record", RECORD)
                .expression_attribute_values(":from", s(from.as_str()))
                .expression_attribute_values(":seen", s(seen))
                .expression_attribute_values(":to", s(document.status.as_str()))
                .expression_attribute_values(":record", s(record));
            let mut ocr_job_id = stored.ocr_job_id.clone();
            update = match job_id {
                Some(job_id) => {
                    ocr_job_id = Some(job_id.to_owned());
                    update
                        .update_expression("SET #record = :record, #status = :to, #job = :job")
                        .expression_attribute_names("#job", OCR_JOB_ID)
                        .expression_attribute_values(":job", s(job_id))
                }
                None => update.update_expression("SET #record = :record, #status = :to"),
            };
            match update.send().await {
                Ok(_) => {
                    return Ok(Transition::Done(Box::new(StoredDocument {
                        document,
                        ocr_job_id,
                        original_version: stored.original_version.clone(),
                    })));
                }
                Err(error) if is_condition_failed(&error) => continue,
                Err(error) => return Err(StoreError::from_sdk(error)),
            }
        }
        Err(StoreError(format!(
            "document {document_id}: the record kept changing"
        )))
    }
}

impl Store {
    /// Records `version` as the document's original unless one is recorded already (while
    /// the document awaits its upload); returns the version the document keeps.
    pub async fn keep_original_version(
        &self,
        company_id: &str,
        document_id: &str,
        version: &str,
    ) -> Result<String, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(document_sk(document_id)))
            .update_expression("SET #version = :version")
            .condition_expression("attribute_exists(#record) AND attribute_not_exists(#version)")
            .expression_attribute_names("#version", ORIGINAL_VERSION)
            .expression_attribute_names("#record", RECORD)
            .expression_attribute_values(":version", s(version))
            .send()
            .await;
        match result {
            Ok(_) => Ok(version.to_owned()),
            Err(error) if is_condition_failed(&error) => {
                let kept = self
                    .stored_document(company_id, document_id)
                    .await?
                    .and_then(|(stored, _)| stored.original_version);
                kept.ok_or_else(|| {
                    StoreError(format!(
                        "document {document_id}: no record to keep a version on"
                    ))
                })
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }
}

fn is_condition_failed<R>(error: &SdkError<UpdateItemError, R>) -> bool {
    matches!(
        error.as_service_error(),
        Some(UpdateItemError::ConditionalCheckFailedException(_))
    )
}
