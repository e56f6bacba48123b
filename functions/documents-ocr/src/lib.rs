//! `documents-ocr`: the upload queue's consumer. The documents bucket notifies the queue of
//! every new original (`t/<co>/docs/<id>/original`); each message carries one S3 event.
//!
//! Per object: the key must name a document record of that company in `awaiting_upload`
//! (anything else is logged and ignored: never another company's record); the stored object
//! is checked (size, magic bytes, pixels, encryption, pages: `domain::upload_check`), and a
//! bad file ends `failed` with its reason. A good image is read synchronously
//! (`AnalyzeDocument`: `processing`, then `processed` with the proposed fields); a good PDF
//! starts an asynchronous job whose completion `documents-ocr-complete` handles (`processing`
//! with the job id).
//!
//! Retries: an unavailable OCR engine or a failed dependency reports the message as a batch
//! item failure, so SQS delivers it again (the record is left, or put back, in
//! `awaiting_upload`). On the last delivery the queue allows ([`MAX_RECEIVES`]) an
//! unavailable engine fails the document `ocr_timeout` instead, so no record waits forever;
//! a message that still fails goes to the dead-letter queue, whose alarm fires. A malformed
//! message is logged and acknowledged: it can never succeed.

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::Documents;
use mypages::aws::document_files::Original;
use mypages::aws::document_status::{StoredDocument, Transition};
use mypages::aws::ocr::{CompletionChannel, OcrError};
use mypages::aws::ocr_pipeline::{
    PipelineDeps, PipelineError, erase_if_deleted, lease_queries, record_failure, record_result,
    refusal_reason,
};
use mypages::domain::document::{
    ContentType, DocumentStatus, FailureReason, MAX_DOCUMENT_BYTES, decode_event_key,
    parse_original_key,
};
use mypages::domain::upload_check::{IMAGE_HEAD_BYTES, check_content, check_size};
use serde::Deserialize;

/// The upload queue's `maxReceiveCount` (template.yaml `DocumentsUploadQueue`'s redrive
/// policy): the delivery after which a message goes to the dead-letter queue.
pub const MAX_RECEIVES: u32 = 5;

/// The parts of an S3 event notification the pipeline reads. (Not `aws_lambda_events`'
/// `S3Event`: it requires `userIdentity` and `requestParameters`, which nothing here needs
/// and the emulator's notifications leave out.)
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Notification {
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    records: Vec<NotificationRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NotificationRecord {
    #[serde(default)]
    event_name: String,
    s3: S3Entity,
}

#[derive(Debug, Deserialize)]
struct S3Entity {
    bucket: S3Bucket,
    object: S3ObjectRef,
}

#[derive(Debug, Deserialize)]
struct S3Bucket {
    name: String,
}

#[derive(Debug, Deserialize)]
struct S3ObjectRef {
    key: String,
    /// The version this event is about (a versioned bucket's events carry it).
    #[serde(rename = "versionId", default)]
    version_id: Option<String>,
}

/// What became of one S3 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not ours to touch (another key, no such record, not awaiting upload): acknowledged.
    Ignored(&'static str),
    /// The file failed a check or OCR refused it.
    Failed(FailureReason),
    /// Read synchronously: the record is `processed`.
    Processed,
    /// An asynchronous job runs: the record is `processing`.
    Started,
    /// Try again later: the message is reported as a batch item failure.
    Retry(String),
}

impl From<PipelineError> for Outcome {
    fn from(error: PipelineError) -> Self {
        Outcome::Retry(error.to_string())
    }
}

impl From<mypages::aws::store::StoreError> for Outcome {
    fn from(error: mypages::aws::store::StoreError) -> Self {
        Outcome::Retry(format!("store: {error}"))
    }
}

impl From<mypages::aws::document_files::FilesError> for Outcome {
    fn from(error: mypages::aws::document_files::FilesError) -> Self {
        Outcome::Retry(format!("s3: {error}"))
    }
}

/// One delivery of one S3 object's creation.
struct Upload<'a> {
    deps: &'a PipelineDeps,
    documents: &'a Documents,
    company_id: String,
    document_id: String,
    original: Original,
    /// This is the last delivery SQS makes before the dead-letter queue.
    /// The S3 version the event is about, when the bucket is versioned.
    version: Option<String>,
    last_attempt: bool,
}

pub async fn handler(
    deps: &PipelineDeps,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        let message_id = message.message_id.clone().unwrap_or_default();
        let outcomes = handle_message(deps, message).await;
        let mut retry = false;
        for outcome in outcomes {
            match &outcome {
                Outcome::Retry(reason) => {
                    retry = true;
                    tracing::warn!(%message_id, %reason, "OCR upload: will be delivered again");
                }
                Outcome::Ignored(why) => {
                    tracing::info!(%message_id, why, "OCR upload: ignored");
                }
                other => tracing::info!(%message_id, outcome = ?other, "OCR upload: done"),
            }
        }
        if retry {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message_id;
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

/// Every S3 record of one message (S3 sends one per message; more are handled alike).
pub async fn handle_message(deps: &PipelineDeps, message: &SqsMessage) -> Vec<Outcome> {
    let body = message.body.as_deref().unwrap_or_default();
    let notification: Notification = match serde_json::from_str(body) {
        Ok(notification) => notification,
        Err(error) => {
            tracing::error!(%error, "OCR upload: a message that is no S3 event; dropped");
            return vec![Outcome::Ignored("not an S3 event")];
        }
    };
    // S3 sends one when the notification is configured.
    if notification.event.as_deref() == Some("s3:TestEvent") {
        return vec![Outcome::Ignored("s3:TestEvent")];
    }
    let documents = &deps.documents;
    let last = mypages::aws::is_last_delivery(&message.attributes, MAX_RECEIVES);
    let mut outcomes = Vec::new();
    for record in &notification.records {
        outcomes.push(handle_record(deps, documents, record, last).await);
    }
    outcomes
}

async fn handle_record(
    deps: &PipelineDeps,
    documents: &Documents,
    record: &NotificationRecord,
    last_attempt: bool,
) -> Outcome {
    if !record.event_name.starts_with("ObjectCreated:") {
        return Outcome::Ignored("not an object creation");
    }
    if record.s3.bucket.name != documents.ids.documents_bucket {
        return Outcome::Ignored("another bucket");
    }
    let key = decode_event_key(&record.s3.object.key);
    let Some((company_id, document_id)) = parse_original_key(&key) else {
        return Outcome::Ignored("not an original's key");
    };
    let upload = Upload {
        deps,
        documents,
        company_id: company_id.to_owned(),
        document_id: document_id.to_owned(),
        original: Original { key: key.clone() },
        version: record.s3.object.version_id.clone(),
        last_attempt,
    };
    upload.run().await
}

impl Upload<'_> {
    /// An upload form stays valid for minutes and S3 keeps every version: a second POST of
    /// the same form would replace the file the proposals were read from (and the one a
    /// download serves). The first version to arrive is recorded with the document; any
    /// other version's event deletes that version, so the kept file stays current. `None`:
    /// this is the kept version (or the event names none), go on.
    async fn keep_one_version(&self, stored: &StoredDocument) -> Option<Outcome> {
        let version = self.version.as_deref()?;
        let kept = match stored.original_version.as_deref() {
            Some(kept) => kept.to_owned(),
            None if stored.document.status == DocumentStatus::AwaitingUpload => {
                match self
                    .deps
                    .store
                    .keep_original_version(&self.company_id, &self.document_id, version)
                    .await
                {
                    Ok(kept) => kept,
                    Err(error) => return Some(error.into()),
                }
            }
            // A record from before versions were kept: nothing to compare with.
            None => return None,
        };
        if kept == version {
            return None;
        }
        Some(
            match self
                .documents
                .delete_original_version(&self.original, version)
                .await
            {
                Ok(()) => Outcome::Ignored("a replacement of the uploaded file: deleted"),
                Err(error) => error.into(),
            },
        )
    }

    /// No live record: ignored. If the document was deleted, the file arrived late (on a form
    /// issued before the deletion): its files are erased, as the deletion promised.
    async fn not_live(&self) -> Outcome {
        match erase_if_deleted(
            &self.deps.store,
            self.documents,
            &self.company_id,
            &self.document_id,
        )
        .await
        {
            Ok(true) => Outcome::Ignored("a late upload of a deleted document: erased"),
            Ok(false) => Outcome::Ignored("no such document in that company"),
            Err(error) => error.into(),
        }
    }

    async fn run(&self) -> Outcome {
        let stored = match self
            .deps
            .store
            .stored_document(&self.company_id, &self.document_id)
            .await
        {
            Ok(Some((stored, _))) => stored,
            Ok(None) => return self.not_live().await,
            Err(error) => return error.into(),
        };
        if let Some(outcome) = self.keep_one_version(&stored).await {
            return outcome;
        }
        // A redelivered event, or a twin: the first delivery moved the record on.
        if stored.document.status != DocumentStatus::AwaitingUpload {
            return Outcome::Ignored("the document is not awaiting upload");
        }
        let document = stored.document;
        let size = match self.documents.original_size(&self.original).await {
            Ok(Some(size)) => size,
            Ok(None) => return Outcome::Ignored("the object is gone"),
            Err(error) => return error.into(),
        };
        if let Err(reason) = check_size(document.size, size) {
            return self.fail(DocumentStatus::AwaitingUpload, reason).await;
        }
        // A PDF is read whole (its trailer is at the end; the size is bounded above); an
        // image only as far as its header.
        let wanted = match document.content_type {
            ContentType::Pdf => MAX_DOCUMENT_BYTES,
            _ => IMAGE_HEAD_BYTES,
        };
        let head = match self.documents.original_head(&self.original, wanted).await {
            Ok(head) => head,
            Err(error) => return error.into(),
        };
        let complete = head.len() as u64 >= size;
        if let Err(reason) = check_content(document.content_type, &head, complete) {
            return self.fail(DocumentStatus::AwaitingUpload, reason).await;
        }
        match document.content_type {
            ContentType::Pdf => self.start_job().await,
            ContentType::Png | ContentType::Jpeg | ContentType::Tiff => self.analyze().await,
        }
    }

    async fn fail(&self, from: DocumentStatus, reason: FailureReason) -> Outcome {
        match record_failure(
            &self.deps.store,
            &self.company_id,
            &self.document_id,
            from,
            reason,
        )
        .await
        {
            Ok(Transition::Done(_)) => Outcome::Failed(reason),
            Ok(Transition::NotFrom(_)) => Outcome::Ignored("the document moved on meanwhile"),
            Err(error) => error.into(),
        }
    }

    /// What an unavailable engine means for this delivery: again later, or on the last
    /// delivery, `ocr_timeout`.
    async fn unavailable(&self, from: DocumentStatus, message: String) -> Outcome {
        if self.last_attempt {
            tracing::error!(error = %message, "OCR stayed unavailable through every delivery");
            return self.fail(from, FailureReason::OcrTimeout).await;
        }
        if from == DocumentStatus::Processing {
            // Back to `awaiting_upload`, so the next delivery takes it up again.
            let back = self
                .deps
                .store
                .transition_document(
                    &self.company_id,
                    &self.document_id,
                    DocumentStatus::Processing,
                    None,
                    |document| document.status = DocumentStatus::AwaitingUpload,
                )
                .await;
            if let Err(error) = back {
                return Outcome::Retry(format!(
                    "{message}; and the record stays processing: {error}"
                ));
            }
        }
        Outcome::Retry(message)
    }

    async fn ocr_failed(&self, from: DocumentStatus, error: OcrError) -> Outcome {
        match error {
            OcrError::Refused { kind, message } => {
                tracing::warn!(error = %message, "OCR refused the document");
                self.fail(from, refusal_reason(kind)).await
            }
            OcrError::Unavailable(message) => self.unavailable(from, message).await,
            OcrError::Failed(message) => {
                tracing::error!(error = %message, "OCR failed");
                self.fail(from, FailureReason::OcrError).await
            }
        }
    }

    async fn unstage(&self) {
        if let Err(error) = self.documents.unstage(&self.original.key).await {
            // The staging bucket's one-day expiry removes it.
            tracing::warn!(%error, "the staging copy was not deleted");
        }
    }

    /// An image: `processing`, `AnalyzeDocument`, `processed`.
    async fn analyze(&self) -> Outcome {
        let claimed = self
            .deps
            .store
            .transition_document(
                &self.company_id,
                &self.document_id,
                DocumentStatus::AwaitingUpload,
                None,
                |document| document.status = DocumentStatus::Processing,
            )
            .await;
        match claimed {
            Ok(Transition::Done(_)) => {}
            Ok(Transition::NotFrom(_)) => return Outcome::Ignored("another delivery took it"),
            Err(error) => return error.into(),
        }
        let staged = match self.documents.stage(&self.original).await {
            Ok(staged) => staged,
            Err(error) => {
                return self
                    .unavailable(DocumentStatus::Processing, format!("staging: {error}"))
                    .await;
            }
        };
        let answer = self
            .documents
            .ocr
            .analyze_document(&staged, &lease_queries())
            .await;
        self.unstage().await;
        match answer {
            Ok(response) => match record_result(
                &self.deps.store,
                self.documents,
                &self.company_id,
                &self.document_id,
                &[response],
            )
            .await
            {
                Ok(Transition::Done(_)) => Outcome::Processed,
                Ok(Transition::NotFrom(_)) => Outcome::Ignored("the document moved on meanwhile"),
                Err(error) => {
                    self.unavailable(DocumentStatus::Processing, error.to_string())
                        .await
                }
            },
            Err(error) => self.ocr_failed(DocumentStatus::Processing, error).await,
        }
    }

    /// A PDF: the job first, then `processing` with its id. The job's request token is the
    /// document id, so a redelivery or a concurrent twin gets the same job back from the
    /// engine, and only one of them moves the record.
    async fn start_job(&self) -> Outcome {
        let Some((topic_arn, role_arn)) = &self.documents.ids.completion else {
            return Outcome::Retry("OCR_TOPIC_ARN and OCR_ROLE_ARN are not configured".into());
        };
        let channel = CompletionChannel {
            topic_arn: topic_arn.clone(),
            role_arn: role_arn.clone(),
        };
        let staged = match self.documents.stage(&self.original).await {
            Ok(staged) => staged,
            Err(error) => return error.into(),
        };
        let started = self
            .documents
            .ocr
            .start_document_analysis(
                &staged,
                &lease_queries(),
                &channel,
                &self.document_id,
                &self.document_id,
            )
            .await;
        let job_id = match started {
            Ok(job_id) => job_id,
            Err(error) => {
                self.unstage().await;
                return self.ocr_failed(DocumentStatus::AwaitingUpload, error).await;
            }
        };
        let moved = self
            .deps
            .store
            .transition_document(
                &self.company_id,
                &self.document_id,
                DocumentStatus::AwaitingUpload,
                Some(&job_id),
                |document| document.status = DocumentStatus::Processing,
            )
            .await;
        match moved {
            Ok(Transition::Done(_)) => {
                tracing::info!(%job_id, "OCR job started");
                Outcome::Started
            }
            Ok(Transition::NotFrom(_)) => Outcome::Ignored("another delivery took it"),
            Err(error) => error.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_event_is_read() {
        let text = include_str!("../../../events/documents-ocr/sqs-s3.json")
            .replace("${companyId}", "co-1")
            .replace("${documentId}", "doc-1")
            .replace("${bucket}", "documents");
        let event: SqsEvent = serde_json::from_str(&text).expect("an SQS event");
        let body = event.records[0].body.as_deref().expect("body");
        let notification: Notification = serde_json::from_str(body).expect("an S3 event");
        let record = &notification.records[0];
        assert_eq!(record.event_name, "ObjectCreated:Post");
        assert_eq!(record.s3.bucket.name, "documents");
        assert_eq!(
            parse_original_key(&decode_event_key(&record.s3.object.key)),
            Some(("co-1", "doc-1"))
        );
    }

    #[test]
    fn the_redrive_policy_matches_the_last_attempt() {
        let template = include_str!("../../../template.yaml");
        assert!(
            template.contains(&format!("maxReceiveCount: {MAX_RECEIVES}")),
            "template.yaml's upload queue must redrive after {MAX_RECEIVES} receives"
        );
    }
}
