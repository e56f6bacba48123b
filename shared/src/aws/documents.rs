//! Document records in the data table, and the document's files in the documents bucket.
//!
//! # Item layout (data table)
//!
//! A document is one item, `pk` = `C#<companyId>`, `sk` = `DOC#<documentId>`
//! ([`company_pk`], [`document_sk`]), with these attributes:
//!
//! | attribute    | type | content |
//! |--------------|------|---------|
//! | `pk`         | S    | `C#<companyId>` |
//! | `sk`         | S    | `DOC#<documentId>` |
//! | `id`         | S    | `<documentId>` (a UUID v7: `sk` order is creation order) |
//! | `status`     | S    | `awaiting_upload`, `processing`, `processed`, `failed`; or `deleted` on a tombstone |
//! | `record`     | S    | the [`Document`] as JSON (the API's camelCase shape); absent on a tombstone |
//! | `contractId` | S    | the record's `contractId`, only when it has one (the list filter reads it) |
//! | `createdAt`  | S    | the record's `createdAt` |
//!
//! `status` is the record's `status`, kept beside the JSON so that a change of status can be
//! conditional (`ConditionExpression: #status = :from`, `#status` because `status` is a
//! DynamoDB reserved word). Whoever writes `record` writes `status` in the same request, with
//! the same value: the two never disagree. No other attribute changes after creation, except
//! that a status transition may also rewrite `record` (pages, proposals, failure reason).
//!
//! **Tombstone.** `DELETE /documents/{id}` replaces the item (a `Put`, in the transaction
//! with the `document.delete` audit record) by `pk`, `sk`, `id`, `status` = `deleted`,
//! `deletedAt` (S, RFC 3339), `deletedBy` (S, the admin's `sub`) and `expireAt` (N, epoch
//! seconds: the table's TTL removes the tombstone a day later, long after any upload form
//! issued for the document has expired). No `record`, so no file name or proposal survives
//! the deletion. Every read answers a tombstone as not found; a transition conditioned on
//! any live status fails on it, so OCR results arriving after the deletion are not written
//! (and an upload that still arrives with an old form finds a `deleted` document: its files
//! are to be deleted, not read).

use aws_sdk_dynamodb::types::TransactWriteItem;
use aws_sdk_s3::presigning::PresigningConfig;
use chrono::{DateTime, Utc};
use thiserror::Error;

use super::keys::{DOCUMENT_SK_PREFIX, company_pk, document_sk};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::store::{Item, ItemKey, Store, StoreError, get_s, n, s};
use super::{Documents, epoch_seconds, timestamp};
use crate::domain::claims::is_safe_id;
use crate::domain::document::{ContentType, Document, original_key};

/// The `status` of a tombstone.
pub const DELETED_STATUS: &str = "deleted";

/// How long a tombstone stays before the table's TTL removes it.
const TOMBSTONE_DAYS: i64 = 1;

/// A document item as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredDocument {
    Live(Box<Document>),
    /// Deleted: only the fact remains (see the module's doc).
    Deleted,
}

fn unreadable(id: &str) -> StoreError {
    StoreError(format!("document item {id} cannot be read"))
}

fn document_from_item(item: &Item) -> Option<StoredDocument> {
    if get_s(item, "status")? == DELETED_STATUS {
        return Some(StoredDocument::Deleted);
    }
    let document: Document = serde_json::from_str(get_s(item, "record")?).ok()?;
    Some(StoredDocument::Live(Box::new(document)))
}

/// Whether `key` is one [`Store::documents_page`] could have returned for this company: the
/// key of a document item in its partition. Anything else would make DynamoDB fail or start
/// somewhere meaningless.
pub fn is_document_list_key(company_id: &str, key: &KeyMap) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    key.len() == 2
        && get("pk") == Some(company_pk(company_id).as_str())
        && get("sk")
            .and_then(|sk| sk.strip_prefix(DOCUMENT_SK_PREFIX))
            .is_some_and(is_safe_id)
}

/// A new document's item in the layout above.
pub fn new_document_item(company_id: &str, document: &Document) -> Result<Item, StoreError> {
    let record = serde_json::to_string(document).map_err(|e| StoreError(e.to_string()))?;
    let mut item: Item = [
        ("pk".to_owned(), s(company_pk(company_id))),
        ("sk".to_owned(), s(document_sk(&document.id))),
        ("id".to_owned(), s(document.id.clone())),
        ("status".to_owned(), s(document.status.as_str())),
        ("record".to_owned(), s(record)),
        ("createdAt".to_owned(), s(document.created_at.clone())),
    ]
    .into_iter()
    .collect();
    if let Some(contract_id) = &document.contract_id {
        item.insert("contractId".to_owned(), s(contract_id.clone()));
    }
    Ok(item)
}

impl Store {
    /// The new record's `Put`, for the transaction with its audit record; it never
    /// overwrites an item.
    pub fn document_create_put(
        &self,
        company_id: &str,
        document: &Document,
    ) -> Result<TransactWriteItem, StoreError> {
        let item = new_document_item(company_id, document)?;
        self.put_data(item, Some("attribute_not_exists(pk)"), Item::new(), &[])
    }

    /// Replaces a live document by its tombstone; fails (a transaction conflict) when the
    /// document is gone or already deleted, so a deletion is committed and audited once.
    pub fn document_tombstone_put(
        &self,
        company_id: &str,
        id: &str,
        deleted_by: &str,
        at: DateTime<Utc>,
    ) -> Result<TransactWriteItem, StoreError> {
        let item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(document_sk(id))),
            ("id".to_owned(), s(id)),
            ("status".to_owned(), s(DELETED_STATUS)),
            ("deletedAt".to_owned(), s(timestamp(at))),
            ("deletedBy".to_owned(), s(deleted_by)),
            (
                "expireAt".to_owned(),
                n(epoch_seconds(at + chrono::Duration::days(TOMBSTONE_DAYS))),
            ),
        ]
        .into_iter()
        .collect();
        self.put_data(
            item,
            Some("attribute_exists(pk) AND #status <> :deleted"),
            [(":deleted".to_owned(), s(DELETED_STATUS))]
                .into_iter()
                .collect(),
            // `status` is a DynamoDB reserved word.
            &[("#status", "status")],
        )
    }

    /// The key of a document's item, to read it ahead with [`Store::batch_get`].
    pub fn document_key(&self, company_id: &str, id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), document_sk(id))
    }

    /// The document item, live or deleted; `None` when there never was one.
    pub async fn document_item(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<StoredDocument>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), document_sk(id))
            .await?;
        match item {
            None => Ok(None),
            Some(item) => document_from_item(&item)
                .map(Some)
                .ok_or_else(|| unreadable(id)),
        }
    }

    /// A live document; a tombstone is as absent as an unknown id.
    pub async fn live_document(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<Document>, StoreError> {
        Ok(match self.document_item(company_id, id).await? {
            Some(StoredDocument::Live(document)) => Some(*document),
            Some(StoredDocument::Deleted) | None => None,
        })
    }

    /// One page of the company's live documents, newest first, optionally only those of one
    /// contract. A Query of the company's `DOC#` range with a filter (no index): a company's
    /// documents number in the hundreds, the read is strongly consistent (a document just
    /// created is listed at once, which an index would not promise), and the item needs no
    /// index attributes that every status transition and the tombstone would have to keep
    /// right. A filtered page may hold fewer than `limit` items; `nextCursor` goes on.
    pub async fn documents_page(
        &self,
        company_id: &str,
        contract_id: Option<&str>,
        page: &PageRequest,
    ) -> Result<(Vec<Document>, Option<KeyMap>), StoreError> {
        let mut filter = "#status <> :deleted".to_owned();
        let mut values: Item = [
            (":pk".to_owned(), s(company_pk(company_id))),
            (":doc".to_owned(), s(DOCUMENT_SK_PREFIX)),
            (":deleted".to_owned(), s(DELETED_STATUS)),
        ]
        .into_iter()
        .collect();
        if let Some(contract_id) = contract_id {
            filter.push_str(" AND contractId = :contract");
            values.insert(":contract".to_owned(), s(contract_id));
        }
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :doc)")
            .filter_expression(filter)
            .expression_attribute_names("#status", "status")
            .set_expression_attribute_values(Some(values))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let documents = out
            .items()
            .iter()
            .map(|item| match document_from_item(item) {
                Some(StoredDocument::Live(document)) => Ok(*document),
                _ => Err(unreadable(get_s(item, "id").unwrap_or("in list"))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((documents, out.last_evaluated_key.as_ref().map(to_key_map)))
    }
}

/// The documents bucket failed.
#[derive(Debug, Error)]
#[error("documents bucket: {0}")]
pub struct FilesError(pub String);

impl FilesError {
    pub fn from_sdk<E, R>(error: aws_sdk_s3::error::SdkError<E, R>) -> FilesError
    where
        E: std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        FilesError(format!(
            "{}",
            aws_sdk_s3::error::DisplayErrorContext(&error)
        ))
    }
}

/// Where every file of a document lives: the original, the OCR result, anything kept next
/// to them. Ends with `/`, so no other document's files share it.
pub fn document_files_prefix(company_id: &str, document_id: &str) -> String {
    let original = original_key(company_id, document_id);
    match original.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => original,
    }
}

impl Documents {
    /// A presigned GET of the original, valid for `valid_for`: S3 answers it with this
    /// `Content-Disposition` and `Content-Type`, whatever metadata the object has.
    pub async fn original_download_url(
        &self,
        company_id: &str,
        document_id: &str,
        content_type: ContentType,
        content_disposition: &str,
        valid_for: std::time::Duration,
    ) -> Result<String, FilesError> {
        let presigning =
            PresigningConfig::expires_in(valid_for).map_err(|e| FilesError(e.to_string()))?;
        let request = self
            .s3
            .get_object()
            .bucket(&self.ids.documents_bucket)
            .key(original_key(company_id, document_id))
            .response_content_disposition(content_disposition)
            .response_content_type(content_type.mime())
            .presigned(presigning)
            .await
            .map_err(FilesError::from_sdk)?;
        Ok(request.uri().to_owned())
    }

    /// Deletes every version and delete marker under the document's prefix (the bucket is
    /// versioned: a plain delete would only hide the files). Returns how many were deleted;
    /// running it again deletes what is left, so a retry finishes a deletion that failed
    /// half-way.
    pub async fn erase_document_files(
        &self,
        company_id: &str,
        document_id: &str,
    ) -> Result<usize, FilesError> {
        let prefix = document_files_prefix(company_id, document_id);
        let mut versions: Vec<(String, Option<String>)> = Vec::new();
        let mut key_marker: Option<String> = None;
        let mut version_marker: Option<String> = None;
        loop {
            let out = self
                .s3
                .list_object_versions()
                .bucket(&self.ids.documents_bucket)
                .prefix(&prefix)
                .set_key_marker(key_marker.take())
                .set_version_id_marker(version_marker.take())
                .send()
                .await
                .map_err(FilesError::from_sdk)?;
            for version in out.versions() {
                if let Some(key) = version.key() {
                    versions.push((key.to_owned(), version.version_id().map(str::to_owned)));
                }
            }
            for marker in out.delete_markers() {
                if let Some(key) = marker.key() {
                    versions.push((key.to_owned(), marker.version_id().map(str::to_owned)));
                }
            }
            if out.is_truncated() != Some(true) {
                break;
            }
            key_marker = out.next_key_marker().map(str::to_owned);
            version_marker = out.next_version_id_marker().map(str::to_owned);
            if key_marker.is_none() && version_marker.is_none() {
                break;
            }
        }
        for (key, version_id) in &versions {
            // A version id is what makes the deletion final; S3 gives every object in a
            // versioned bucket one (`null` for objects from before versioning).
            let version_id = version_id.as_deref().unwrap_or("null");
            self.s3
                .delete_object()
                .bucket(&self.ids.documents_bucket)
                .key(key)
                .version_id(version_id)
                .send()
                .await
                .map_err(FilesError::from_sdk)?;
        }
        Ok(versions.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_document_is_under_its_prefix_and_no_other_documents() {
        assert_eq!(document_files_prefix("co", "d1"), "t/co/docs/d1/");
        assert!(original_key("co", "d1").starts_with(&document_files_prefix("co", "d1")));
        let prefix = document_files_prefix("co", "d1");
        assert!(crate::domain::document::ocr_result_key("co", "d1").starts_with(&prefix));
        assert!(!original_key("co", "d10").starts_with(&document_files_prefix("co", "d1")));
    }

    #[test]
    fn a_list_cursor_must_be_a_document_key_of_the_company() {
        let key = |pairs: &[(&str, &str)]| -> KeyMap {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        assert!(is_document_list_key(
            "a",
            &key(&[("pk", "C#a"), ("sk", "DOC#0195-x")])
        ));
        for bad in [
            key(&[("pk", "C#b"), ("sk", "DOC#0195-x")]),
            key(&[("pk", "C#a"), ("sk", "CONTRACT#0195-x")]),
            key(&[("pk", "C#a"), ("sk", "DOC#")]),
            key(&[("pk", "C#a"), ("sk", "DOC#x#y")]),
            key(&[("pk", "C#a")]),
            key(&[("pk", "C#a"), ("sk", "DOC#x"), ("gsi1pk", "C#a")]),
        ] {
            assert!(!is_document_list_key("a", &bad), "{bad:?}");
        }
    }
}
