//! Company exports (issue 11, GDPR Art. 20): the export items in the data table, the exports
//! bucket and queue, the reads the builder makes of everything a company holds, and the
//! zip streamed to S3 in a multipart upload.
//!
//! # Item layout (data table)
//!
//! An export is one item, `pk` = `C#<companyId>`, `sk` = `EXPORT#<exportId>` (a UUID v7:
//! `sk` order is creation order, so the list is a Query read backwards):
//!
//! | attribute       | type | content |
//! |-----------------|------|---------|
//! | `id`            | S    | `<exportId>` |
//! | `status`        | S    | `pending`, `processing`, `finished`, `failed` |
//! | `requestedBy`   | S    | the admin's `sub` |
//! | `reason`        | S    | why the admin asked for it (also in the audit record) |
//! | `createdAt`, `updatedAt` | S | RFC 3339 |
//! | `finishedAt`    | S    | when the zip was complete |
//! | `objectKey`     | S    | the zip in the exports bucket |
//! | `size`          | N    | its bytes |
//! | `failureReason` | S    | why a `failed` export failed (generic: shown to the company) |
//!
//! Status changes are conditional on the status they leave, as for reports (`pending →
//! processing → finished | failed`, `pending → failed`, `processing → pending` on a retry).
//!
//! # The zip
//!
//! [`ExportZip`] writes the zip with the `zip` crate's streaming writer into a spool that is
//! cut into parts of [`PART_SIZE`] and uploaded as they fill, so the builder holds at most
//! about one part (plus one document chunk) in memory whatever the company's size. A failure
//! aborts the multipart upload (and the bucket's lifecycle rule aborts any upload a crash
//! left behind after a day).

use super::sdk::LazyClient;
use std::io::Write;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::types::TransactWriteItem;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, StreamWriter, ZipWriter};

use super::keys::{audit_sk, chain_pk, company_pk};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::reports::ReportStatus;
use super::store::{Item, ItemKey, Store, StoreError, audit_record, get_n, get_s, n, s};
use crate::config::ExportsIds;
use crate::domain::audit::{AuditRecord, Chain};
use crate::domain::claims::is_safe_id;
use crate::domain::export::ExportedFile;

pub const EXPORT_SK_PREFIX: &str = "EXPORT#";

pub fn export_sk(id: &str) -> String {
    format!("{EXPORT_SK_PREFIX}{id}")
}

/// Where an export's zip lives: `t/<co>/exports/<id>/<fileName>`.
pub fn export_object_key(company_id: &str, export_id: &str, file_name: &str) -> String {
    format!("t/{company_id}/exports/{export_id}/{file_name}")
}

/// Whether `key` is this company's export `export_id`'s zip (a stored key is checked before
/// it is presigned).
pub fn is_export_object_key(company_id: &str, export_id: &str, key: &str) -> bool {
    key.strip_prefix(&export_object_key(company_id, export_id, ""))
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// The zip's file name: the day it was made, so two exports saved side by side differ.
pub fn export_file_name(at: DateTime<Utc>) -> String {
    format!("mypages-export-{}.zip", at.format("%Y-%m-%d"))
}

/// An export moves through the same states as a queued report, with the same rules.
pub type ExportStatus = ReportStatus;

/// A company with this many exports `pending` or `processing` (among its newest
/// [`UNFINISHED_EXPORTS_WINDOW`]) may ask for no more until it settles: an export reads
/// everything the company has, and one at a time is plenty.
pub const MAX_UNFINISHED_EXPORTS: usize = 1;
pub const UNFINISHED_EXPORTS_WINDOW: i32 = 20;

/// The stored export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExport {
    pub id: String,
    pub status: ExportStatus,
    pub requested_by: String,
    pub reason: String,
    pub created_at: String,
    pub updated_at: String,
    pub finished_at: Option<String>,
    pub object_key: Option<String>,
    pub size: Option<u64>,
    pub failure_reason: Option<String>,
}

impl StoredExport {
    /// A new export, `pending`.
    pub fn new(id: &str, requested_by: &str, reason: &str, at: DateTime<Utc>) -> StoredExport {
        let now = super::timestamp(at);
        StoredExport {
            id: id.to_owned(),
            status: ExportStatus::Pending,
            requested_by: requested_by.to_owned(),
            reason: reason.to_owned(),
            created_at: now.clone(),
            updated_at: now,
            finished_at: None,
            object_key: None,
            size: None,
            failure_reason: None,
        }
    }

    /// The API's export (without the download, which `GET /company/exports/{id}` adds).
    pub fn view(&self) -> serde_json::Value {
        let mut view = serde_json::json!({
            "id": self.id,
            "status": self.status.as_str(),
            "reason": self.reason,
            "requestedBy": self.requested_by,
            "createdAt": self.created_at,
        });
        if let Some(at) = &self.finished_at {
            view["finishedAt"] = serde_json::json!(at);
        }
        if let Some(size) = self.size {
            view["size"] = serde_json::json!(size);
        }
        if let Some(reason) = &self.failure_reason {
            view["failureReason"] = serde_json::json!(reason);
        }
        view
    }
}

fn unreadable(id: &str) -> StoreError {
    StoreError(format!("export item {id} cannot be read"))
}

fn export_from_item(item: &Item) -> Option<StoredExport> {
    Some(StoredExport {
        id: get_s(item, "id")?.to_owned(),
        status: ExportStatus::parse(get_s(item, "status")?)?,
        requested_by: get_s(item, "requestedBy")?.to_owned(),
        reason: get_s(item, "reason")?.to_owned(),
        created_at: get_s(item, "createdAt")?.to_owned(),
        updated_at: get_s(item, "updatedAt")?.to_owned(),
        finished_at: get_s(item, "finishedAt").map(str::to_owned),
        object_key: get_s(item, "objectKey").map(str::to_owned),
        size: get_n(item, "size"),
        failure_reason: get_s(item, "failureReason").map(str::to_owned),
    })
}

fn export_item(company_id: &str, export: &StoredExport) -> Item {
    let mut item: Item = [
        ("pk".to_owned(), s(company_pk(company_id))),
        ("sk".to_owned(), s(export_sk(&export.id))),
        ("id".to_owned(), s(export.id.clone())),
        ("status".to_owned(), s(export.status.as_str())),
        ("requestedBy".to_owned(), s(export.requested_by.clone())),
        ("reason".to_owned(), s(export.reason.clone())),
        ("createdAt".to_owned(), s(export.created_at.clone())),
        ("updatedAt".to_owned(), s(export.updated_at.clone())),
    ]
    .into_iter()
    .collect();
    if let Some(at) = &export.finished_at {
        item.insert("finishedAt".to_owned(), s(at.clone()));
    }
    if let Some(key) = &export.object_key {
        item.insert("objectKey".to_owned(), s(key.clone()));
    }
    if let Some(size) = export.size {
        item.insert("size".to_owned(), n(size));
    }
    if let Some(reason) = &export.failure_reason {
        item.insert("failureReason".to_owned(), s(reason.clone()));
    }
    item
}

/// Whether `key` is one [`Store::exports_page`] could have returned for this company.
pub fn is_export_list_key(company_id: &str, key: &KeyMap) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    key.len() == 2
        && get("pk") == Some(company_pk(company_id).as_str())
        && get("sk")
            .and_then(|sk| sk.strip_prefix(EXPORT_SK_PREFIX))
            .is_some_and(is_safe_id)
}

/// A conditional status change: what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportTransition {
    Done(Box<StoredExport>),
    /// The export is not in a status the change leaves from (or there is none).
    NotFrom,
}

/// One page of a company's items of one kind, and where the next starts.
pub struct ItemsPage {
    pub items: Vec<Item>,
    pub next: Option<Item>,
}

impl Store {
    /// The new export's `Put`, for the transaction with its audit record; never overwrites.
    pub fn export_create_put(
        &self,
        company_id: &str,
        export: &StoredExport,
    ) -> Result<TransactWriteItem, StoreError> {
        self.put_data(
            export_item(company_id, export),
            Some("attribute_not_exists(pk)"),
            Item::new(),
            &[],
        )
    }

    /// The key of an export's item, to read it ahead with [`Store::batch_get`].
    pub fn export_key(&self, company_id: &str, id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), export_sk(id))
    }

    /// The export; `None` for an unknown id (another company's ids are unknown here).
    pub async fn stored_export(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<StoredExport>, StoreError> {
        match self
            .data_item(company_pk(company_id), export_sk(id))
            .await?
        {
            None => Ok(None),
            Some(item) => export_from_item(&item)
                .map(Some)
                .ok_or_else(|| unreadable(id)),
        }
    }

    /// One page of the company's exports, newest first.
    pub async fn exports_page(
        &self,
        company_id: &str,
        page: &PageRequest,
    ) -> Result<(Vec<StoredExport>, Option<KeyMap>), StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :export)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":export", s(EXPORT_SK_PREFIX))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let exports = out
            .items()
            .iter()
            .map(|item| {
                export_from_item(item).ok_or_else(|| unreadable(get_s(item, "id").unwrap_or("")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((exports, out.last_evaluated_key.as_ref().map(to_key_map)))
    }

    /// How many of the company's newest [`UNFINISHED_EXPORTS_WINDOW`] exports are `pending`
    /// or `processing`.
    pub async fn unfinished_exports(&self, company_id: &str) -> Result<usize, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :export)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":export", s(EXPORT_SK_PREFIX))
            .expression_attribute_names("#status", "status")
            .projection_expression("#status")
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(UNFINISHED_EXPORTS_WINDOW)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(super::reports::count_unfinished(out.items()))
    }

    /// Moves the export to `to` if it is in one of `from`, setting `extra` with it.
    async fn move_export(
        &self,
        company_id: &str,
        id: &str,
        from: &[ExportStatus],
        to: ExportStatus,
        extra: Item,
        at: DateTime<Utc>,
    ) -> Result<ExportTransition, StoreError> {
        let from: Vec<&str> = from.iter().map(|status| status.as_str()).collect();
        let key = (company_pk(company_id), export_sk(id));
        match self.move_status(key, &from, to.as_str(), extra, at).await? {
            Some(item) => Ok(ExportTransition::Done(Box::new(
                export_from_item(&item).ok_or_else(|| unreadable(id))?,
            ))),
            None => Ok(ExportTransition::NotFrom),
        }
    }

    /// `pending → processing`.
    pub async fn export_processing(
        &self,
        company_id: &str,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<ExportTransition, StoreError> {
        self.move_export(
            company_id,
            id,
            &[ExportStatus::Pending],
            ExportStatus::Processing,
            Item::new(),
            at,
        )
        .await
    }

    /// `processing → pending`: a transient failure; the message comes again.
    pub async fn export_pending_again(
        &self,
        company_id: &str,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<ExportTransition, StoreError> {
        self.move_export(
            company_id,
            id,
            &[ExportStatus::Processing],
            ExportStatus::Pending,
            Item::new(),
            at,
        )
        .await
    }

    /// `processing → finished` with the zip.
    pub async fn export_finished(
        &self,
        company_id: &str,
        id: &str,
        object_key: &str,
        size: u64,
        at: DateTime<Utc>,
    ) -> Result<ExportTransition, StoreError> {
        let extra: Item = [
            ("objectKey".to_owned(), s(object_key)),
            ("size".to_owned(), n(size)),
            ("finishedAt".to_owned(), s(super::timestamp(at))),
        ]
        .into_iter()
        .collect();
        self.move_export(
            company_id,
            id,
            &[ExportStatus::Processing],
            ExportStatus::Finished,
            extra,
            at,
        )
        .await
    }

    /// `pending | processing → failed` with the reason.
    pub async fn export_failed(
        &self,
        company_id: &str,
        id: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ExportTransition, StoreError> {
        let extra: Item = [("failureReason".to_owned(), s(reason))]
            .into_iter()
            .collect();
        self.move_export(
            company_id,
            id,
            &[ExportStatus::Pending, ExportStatus::Processing],
            ExportStatus::Failed,
            extra,
            at,
        )
        .await
    }

    /// One page (in key order) of the company's items whose `sk` starts with `sk_prefix`
    /// (`CONTRACT#`, `DOC#`, `REPORT#`): the builder walks each kind page by page.
    pub async fn company_items_page(
        &self,
        company_id: &str,
        sk_prefix: &str,
        start: Option<Item>,
    ) -> Result<ItemsPage, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":prefix", s(sk_prefix))
            .consistent_read(true)
            .limit(EXPORT_READ_PAGE)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(ItemsPage {
            items: out.items.unwrap_or_default(),
            next: out.last_evaluated_key.filter(|key| !key.is_empty()),
        })
    }

    /// One page of a chain's records in the audit table, ascending from `from_seq`.
    pub async fn audit_records_page(
        &self,
        company_id: &str,
        chain: Chain,
        from_seq: u64,
        start: Option<Item>,
    ) -> Result<(Vec<AuditRecord>, Option<Item>), StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.audit_table)
            .key_condition_expression("pk = :pk AND sk BETWEEN :from AND :end")
            .expression_attribute_values(":pk", s(chain_pk(company_id, chain)))
            .expression_attribute_values(":from", s(audit_sk(from_seq)))
            .expression_attribute_values(":end", s(audit_sk(999_999_999_999)))
            .consistent_read(true)
            .limit(EXPORT_READ_PAGE)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let records = out
            .items()
            .iter()
            .map(|item| {
                audit_record(item).ok_or_else(|| StoreError("unreadable audit record".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            records,
            out.last_evaluated_key.filter(|key| !key.is_empty()),
        ))
    }
}

/// How many items the builder reads per page.
pub const EXPORT_READ_PAGE: i32 = 200;

/// The exports bucket or queue failed.
#[derive(Debug, Error)]
#[error("exports: {0}")]
pub struct ExportsError(pub String);

impl From<ExportsError> for StoreError {
    fn from(error: ExportsError) -> Self {
        StoreError(error.0)
    }
}

fn s3_error<E, R>(error: aws_sdk_s3::error::SdkError<E, R>) -> ExportsError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    ExportsError(format!(
        "{}",
        aws_sdk_s3::error::DisplayErrorContext(&error)
    ))
}

/// A queued export: what `company-export-build` receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportMessage {
    pub company_id: String,
    pub export_id: String,
}

/// The exports bucket and queue.
#[derive(Debug, Clone)]
pub struct Exports {
    pub ids: ExportsIds,
    pub s3: LazyClient<aws_sdk_s3::Client>,
    pub sqs: LazyClient<aws_sdk_sqs::Client>,
}

impl Exports {
    pub fn new(ids: &ExportsIds, sdk: &aws_types::SdkConfig) -> Exports {
        Exports {
            ids: ids.clone(),
            s3: LazyClient::new(sdk),
            sqs: LazyClient::new(sdk),
        }
    }

    /// Queues an export for `company-export-build`, held back
    /// [`super::reports::QUEUE_DELAY_SECONDS`] so the commit that follows lands first (the
    /// same guarantee as a queued report: a committed export always has its message).
    pub async fn enqueue_export(&self, message: &ExportMessage) -> Result<(), ExportsError> {
        let queue_url = self
            .ids
            .exports_queue_url
            .as_deref()
            .ok_or_else(|| ExportsError("EXPORTS_QUEUE_URL is not configured".into()))?;
        let body = serde_json::to_string(message).map_err(|e| ExportsError(e.to_string()))?;
        self.sqs
            .send_message()
            .queue_url(queue_url)
            .message_body(body)
            .delay_seconds(super::reports::QUEUE_DELAY_SECONDS)
            .send()
            .await
            .map_err(|e| {
                ExportsError(format!("{}", aws_sdk_sqs::error::DisplayErrorContext(&e)))
            })?;
        Ok(())
    }

    /// A presigned GET of an export's zip, served as an attachment.
    pub async fn export_download_url(
        &self,
        key: &str,
        content_disposition: &str,
        valid_for: std::time::Duration,
    ) -> Result<String, ExportsError> {
        let presigning =
            PresigningConfig::expires_in(valid_for).map_err(|e| ExportsError(e.to_string()))?;
        let request = self
            .s3
            .get_object()
            .bucket(&self.ids.exports_bucket)
            .key(key)
            .response_content_disposition(content_disposition)
            .response_content_type("application/zip")
            .presigned(presigning)
            .await
            .map_err(s3_error)?;
        Ok(request.uri().to_owned())
    }

    /// Starts the multipart upload of an export's zip.
    pub async fn begin_upload(&self, key: &str) -> Result<ExportUpload, ExportsError> {
        let out = self
            .s3
            .create_multipart_upload()
            .bucket(&self.ids.exports_bucket)
            .key(key)
            .content_type("application/zip")
            .send()
            .await
            .map_err(s3_error)?;
        let upload_id = out
            .upload_id
            .ok_or_else(|| ExportsError("the multipart upload has no id".into()))?;
        Ok(ExportUpload {
            s3: self.s3.clone(),
            exports_bucket: self.ids.exports_bucket.clone(),
            key: key.to_owned(),
            upload_id,
            parts: Vec::new(),
            uploaded: 0,
        })
    }
}

/// An export's multipart upload under way.
pub struct ExportUpload {
    s3: LazyClient<aws_sdk_s3::Client>,
    exports_bucket: String,
    key: String,
    upload_id: String,
    parts: Vec<CompletedPart>,
    uploaded: u64,
}

impl ExportUpload {
    /// Uploads the next part (every part but the last must be at least 5 MiB: S3's rule).
    pub async fn upload_part(&mut self, bytes: Vec<u8>) -> Result<(), ExportsError> {
        let number = i32::try_from(self.parts.len() + 1)
            .map_err(|_| ExportsError("too many parts".into()))?;
        let size = bytes.len() as u64;
        let out = self
            .s3
            .upload_part()
            .bucket(&self.exports_bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .part_number(number)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(s3_error)?;
        self.parts.push(
            CompletedPart::builder()
                .part_number(number)
                .set_e_tag(out.e_tag)
                .build(),
        );
        self.uploaded += size;
        Ok(())
    }

    /// Completes the upload; the zip's size.
    pub async fn complete_upload(self) -> Result<u64, ExportsError> {
        self.s3
            .complete_multipart_upload()
            .bucket(&self.exports_bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(self.parts.clone()))
                    .build(),
            )
            .send()
            .await
            .map_err(s3_error)?;
        Ok(self.uploaded)
    }

    /// Abandons the upload, so its parts are not kept (and billed) until the lifecycle rule
    /// would remove them.
    pub async fn abort_upload(self) {
        if let Err(error) = self
            .s3
            .abort_multipart_upload()
            .bucket(&self.exports_bucket)
            .key(&self.key)
            .upload_id(&self.upload_id)
            .send()
            .await
        {
            tracing::warn!(error = %s3_error(error), "export: aborting the upload failed");
        }
    }
}

/// The size of each uploaded part but the last: above S3's 5 MiB minimum; the builder holds
/// about this much of the zip at a time.
pub const PART_SIZE: usize = 8 * 1024 * 1024;

/// What the zip writer writes into: the bytes not yet uploaded.
#[derive(Clone, Default)]
struct Spool(Arc<Mutex<Vec<u8>>>);

impl Spool {
    fn len(&self) -> usize {
        self.0.lock().map(|bytes| bytes.len()).unwrap_or(0)
    }

    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut bytes| std::mem::take(&mut *bytes))
            .unwrap_or_default()
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("the export spool is poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The file being written into the zip.
struct OpenFile {
    path: String,
    size: u64,
    hasher: Sha256,
}

/// A zip streamed into a multipart upload (see the module's doc), keeping each file's size
/// and SHA-256 for the manifest.
pub struct ExportZip {
    zip: ZipWriter<StreamWriter<Spool>>,
    spool: Spool,
    upload: ExportUpload,
    open: Option<OpenFile>,
    files: Vec<ExportedFile>,
}

fn zip_error(error: impl std::fmt::Display) -> ExportsError {
    ExportsError(format!("zip: {error}"))
}

impl ExportZip {
    pub fn new(upload: ExportUpload) -> ExportZip {
        let spool = Spool::default();
        ExportZip {
            zip: ZipWriter::new_stream(spool.clone()),
            spool,
            upload,
            open: None,
            files: Vec::new(),
        }
    }

    /// The files written so far (the manifest lists them).
    pub fn files(&self) -> &[ExportedFile] {
        &self.files
    }

    /// Starts the file `path` (ending the one before).
    pub fn begin_file(&mut self, path: &str) -> Result<(), ExportsError> {
        self.end_file();
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(false);
        self.zip.start_file(path, options).map_err(zip_error)?;
        self.open = Some(OpenFile {
            path: path.to_owned(),
            size: 0,
            hasher: Sha256::new(),
        });
        Ok(())
    }

    /// Appends to the open file, uploading a part when the spool is full.
    pub async fn write_chunk(&mut self, bytes: &[u8]) -> Result<(), ExportsError> {
        let open = self
            .open
            .as_mut()
            .ok_or_else(|| ExportsError("no file is open in the zip".into()))?;
        open.hasher.update(bytes);
        open.size += bytes.len() as u64;
        self.zip.write_all(bytes).map_err(zip_error)?;
        self.upload_full_part().await
    }

    fn end_file(&mut self) {
        if let Some(open) = self.open.take() {
            self.files.push(ExportedFile {
                path: open.path,
                size: open.size,
                sha256: hex::encode(open.hasher.finalize()),
            });
        }
    }

    /// A whole file from memory.
    pub async fn add_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), ExportsError> {
        self.begin_file(path)?;
        self.write_chunk(bytes).await?;
        self.end_file();
        Ok(())
    }

    /// A whole file from an S3 body, chunk by chunk.
    pub async fn add_stream(
        &mut self,
        path: &str,
        mut body: ByteStream,
    ) -> Result<(), ExportsError> {
        self.begin_file(path)?;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| ExportsError(format!("reading for {path}: {e}")))?;
            self.write_chunk(&chunk).await?;
        }
        self.end_file();
        Ok(())
    }

    /// Uploads the spool as a part once it holds [`PART_SIZE`].
    async fn upload_full_part(&mut self) -> Result<(), ExportsError> {
        if self.spool.len() >= PART_SIZE {
            let bytes = self.spool.take();
            self.upload.upload_part(bytes).await?;
        }
        Ok(())
    }

    /// Writes the central directory, uploads the rest and completes the upload; the zip's
    /// size.
    pub async fn finish_export_zip(mut self) -> Result<u64, ExportsError> {
        self.end_file();
        let finished = self.zip.finish().map_err(zip_error);
        let zip = match finished {
            Ok(_) => {
                // The zip may have ended with less than a part since the last upload.
                let rest = self.spool.take();
                let mut upload = self.upload;
                if (!rest.is_empty() || upload.parts.is_empty())
                    && let Err(error) = upload.upload_part(rest).await
                {
                    upload.abort_upload().await;
                    return Err(error);
                }
                upload
            }
            Err(error) => {
                self.upload.abort_upload().await;
                return Err(error);
            }
        };
        zip.complete_upload().await
    }

    /// Abandons the zip and its upload.
    pub async fn abort_export_zip(self) {
        self.upload.abort_upload().await;
    }
}

/// What the builder reads besides the data table: the documents, reports and archive
/// buckets (read only) and the signing key's public half.
#[derive(Debug, Clone)]
pub struct ExportSources {
    pub s3: LazyClient<aws_sdk_s3::Client>,
    pub documents_bucket: String,
    pub reports_bucket: String,
    /// The audit archive's bucket (`AUDIT_ARCHIVE_BUCKET`): records and checkpoints.
    pub audit_archive_bucket: String,
    /// The archive with the checkpoint key, whose public half goes into the export.
    pub archive: super::AuditArchive,
}

impl ExportSources {
    /// An object's body, or `None` when there is no such key.
    pub async fn object_body(
        &self,
        bucket: &str,
        key: &str,
    ) -> Result<Option<ByteStream>, ExportsError> {
        match self.s3.get_object().bucket(bucket).key(key).send().await {
            Ok(out) => Ok(Some(out.body)),
            Err(error) if error.as_service_error().is_some_and(|e| e.is_no_such_key()) => Ok(None),
            Err(error) => Err(s3_error(error)),
        }
    }

    /// The archive's keys under `prefix`, in key order.
    pub async fn archive_keys(&self, prefix: &str) -> Result<Vec<String>, ExportsError> {
        let mut keys = Vec::new();
        let mut pages = self
            .s3
            .list_objects_v2()
            .bucket(&self.audit_archive_bucket)
            .prefix(prefix)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(s3_error)?;
            keys.extend(
                page.contents()
                    .iter()
                    .filter_map(|object| object.key().map(str::to_owned)),
            );
        }
        Ok(keys)
    }
}

/// What `company-export-build` needs. (Not [`crate::Deps`]: the worker is no API function.)
#[derive(Debug, Clone)]
pub struct ExportWorkerDeps {
    pub store: Store,
    pub exports: Exports,
    pub sources: ExportSources,
}

impl ExportWorkerDeps {
    pub async fn from_env() -> Result<ExportWorkerDeps, crate::config::ConfigError> {
        let missing = |name: &'static str| crate::config::ConfigError {
            name,
            problem: "is not set",
        };
        let data_table = crate::config::required("DATA_TABLE")?;
        let audit_table = crate::config::required("AUDIT_TABLE")?;
        let documents_bucket = crate::config::required("DOCUMENTS_BUCKET")?;
        let reports_bucket = crate::config::required("REPORTS_BUCKET")?;
        let ids = ExportsIds::from_env()?.ok_or(missing("EXPORTS_BUCKET"))?;
        let audit_archive_bucket = crate::config::required("AUDIT_ARCHIVE_BUCKET")?;
        let archive =
            crate::config::AuditArchiveIds::from_env()?.ok_or(missing("AUDIT_ARCHIVE_BUCKET"))?;
        let sdk = crate::aws::sdk::load()?;
        Ok(ExportWorkerDeps {
            store: Store::new(LazyClient::new(&sdk), &data_table, &audit_table),
            exports: Exports::new(&ids, &sdk),
            sources: ExportSources {
                s3: LazyClient::new(&sdk),
                documents_bucket,
                reports_bucket,
                audit_archive_bucket,
                archive: super::AuditArchive::new(&archive, &sdk),
            },
        })
    }

    /// The same from an API function's dependencies (the local stack runs every function
    /// with one); `None` without any of the buckets.
    pub fn from_deps(deps: &crate::Deps) -> Option<ExportWorkerDeps> {
        let exports = deps.exports.clone()?;
        Some(ExportWorkerDeps {
            store: deps.store.clone(),
            sources: ExportSources {
                s3: exports.s3.clone(),
                documents_bucket: deps.documents.as_ref()?.ids.documents_bucket.clone(),
                reports_bucket: deps.reports.as_ref()?.ids.reports_bucket.clone(),
                audit_archive_bucket: deps.audit_archive.as_ref()?.archive.bucket().to_owned(),
                archive: deps.audit_archive.clone()?,
            },
            exports,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_keys_of_another_export_or_company_are_refused() {
        let key = export_object_key("co-1", "e-1", "mypages-export-2026-01-01.zip");
        assert_eq!(key, "t/co-1/exports/e-1/mypages-export-2026-01-01.zip");
        assert!(is_export_object_key("co-1", "e-1", &key));
        assert!(!is_export_object_key("co-2", "e-1", &key));
        assert!(!is_export_object_key("co-1", "e-2", &key));
        assert!(!is_export_object_key("co-1", "e-1", "t/co-1/exports/e-1/"));
        assert!(!is_export_object_key(
            "co-1",
            "e-1",
            "t/co-1/exports/e-1/a/b.zip"
        ));
    }

    #[test]
    fn list_keys_are_export_keys_of_the_company() {
        let key = |pk: &str, sk: &str| -> KeyMap {
            [
                ("pk".to_owned(), pk.to_owned()),
                ("sk".to_owned(), sk.to_owned()),
            ]
            .into_iter()
            .collect()
        };
        assert!(is_export_list_key("co", &key("C#co", "EXPORT#0192-ab")));
        assert!(!is_export_list_key("co", &key("C#other", "EXPORT#0192-ab")));
        assert!(!is_export_list_key("co", &key("C#co", "REPORT#0192-ab")));
    }

    #[test]
    fn an_item_round_trips() {
        let at = DateTime::parse_from_rfc3339("2026-05-01T10:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        let mut export = StoredExport::new("e-1", "sub-1", "contract ends", at);
        export.status = ExportStatus::Finished;
        export.object_key = Some(export_object_key("co", "e-1", &export_file_name(at)));
        export.size = Some(1234);
        export.finished_at = Some("2026-05-01T10:01:00.000Z".into());
        assert_eq!(
            export_from_item(&export_item("co", &export)),
            Some(export.clone())
        );
        let view = export.view();
        assert_eq!(view["status"], "finished");
        assert_eq!(view["size"], 1234);
    }
}
