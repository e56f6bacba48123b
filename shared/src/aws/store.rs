//! DynamoDB access and the one write path: a data change, its audit record and the tenant's
//! chain head advance in a single `TransactWriteItems`, or nothing happens at all.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use chrono::{Duration, Utc};
use std::collections::HashMap;
use thiserror::Error;

use super::keys::{AUDIT_HEAD_SK, audit_sk, company_pk};
use super::{epoch_seconds, timestamp};
use crate::domain::audit::{AuditEvent, AuditRecord, ChainHead, RETENTION_DAYS};

pub type Item = HashMap<String, AttributeValue>;

/// Another writer advancing the chain head between our read and our write is normal under
/// load; retry a few times before answering 503.
const COMMIT_ATTEMPTS: u32 = 8;

#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) client: Client,
    pub(crate) data_table: String,
    pub(crate) audit_table: String,
}

#[derive(Debug, Error)]
pub enum CommitError {
    /// The condition of data operation number `.0` failed: the item changed (or exists).
    #[error("condition failed on data operation {0}")]
    Conflict(usize),
    /// Another request with the same Idempotency-Key committed first.
    #[error("idempotency record already exists")]
    IdempotencyRace,
    #[error("the audit chain stayed contended")]
    Busy,
    #[error("{0}")]
    Dependency(String),
}

#[derive(Debug, Error)]
#[error("{0}")]
pub struct StoreError(pub String);

impl StoreError {
    pub fn from_sdk<E, R>(error: SdkError<E, R>) -> StoreError
    where
        E: std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        StoreError(format!(
            "{}",
            aws_sdk_dynamodb::error::DisplayErrorContext(&error)
        ))
    }
}

impl From<StoreError> for crate::http::ApiError {
    fn from(error: StoreError) -> Self {
        crate::http::ApiError::Dependency(error.0)
    }
}

impl From<CommitError> for crate::http::ApiError {
    fn from(error: CommitError) -> Self {
        match error {
            CommitError::Conflict(_) => crate::http::ApiError::PreconditionFailed,
            CommitError::IdempotencyRace => crate::http::ApiError::Conflict(
                "a request with the same Idempotency-Key is in progress".into(),
            ),
            CommitError::Busy => crate::http::ApiError::Busy,
            CommitError::Dependency(message) => crate::http::ApiError::Dependency(message),
        }
    }
}

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

pub fn get_s<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
}

pub fn get_n<T: std::str::FromStr>(item: &Item, name: &str) -> Option<T> {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
}

impl Store {
    pub fn new(client: Client, data_table: &str, audit_table: &str) -> Store {
        Store {
            client,
            data_table: data_table.to_owned(),
            audit_table: audit_table.to_owned(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn data_table(&self) -> &str {
        &self.data_table
    }

    pub fn audit_table(&self) -> &str {
        &self.audit_table
    }

    /// A `Put` on the data table, ready for [`Store::commit`].
    pub fn put_data(
        &self,
        item: Item,
        condition: Option<&str>,
        values: Item,
        names: &[(&str, &str)],
    ) -> Result<TransactWriteItem, StoreError> {
        transact_put(&self.data_table, item, condition, values, names)
    }

    pub async fn chain_head(&self, company_id: &str) -> Result<Option<ChainHead>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.audit_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(AUDIT_HEAD_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out.item.and_then(|item| {
            Some(ChainHead {
                seq: get_n(&item, "seq")?,
                hash: get_s(&item, "hash")?.to_owned(),
                at: get_s(&item, "at").unwrap_or_default().to_owned(),
            })
        }))
    }

    /// Commits `data_ops` together with the audit record for `event`, advancing the tenant's
    /// chain head, and with `extra` (an idempotency record) when given. Returns the sealed
    /// audit record.
    pub async fn commit(
        &self,
        company_id: &str,
        data_ops: Vec<TransactWriteItem>,
        event: AuditEvent,
        extra: Option<TransactWriteItem>,
    ) -> Result<AuditRecord, CommitError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let head = self
                .chain_head(company_id)
                .await
                .map_err(|e| CommitError::Dependency(e.0))?;
            let now = Utc::now();
            let (previous, head_condition) = match &head {
                Some(h) => (h.clone(), "seq = :headSeq"),
                None => (ChainHead::genesis(), "attribute_not_exists(pk)"),
            };
            let record = AuditRecord::seal(company_id, &previous, timestamp(now), event.clone());
            let expire_at = epoch_seconds(now + Duration::days(RETENTION_DAYS));

            let mut items = data_ops.clone();
            let data_count = items.len();
            let to_commit_error = |e: StoreError| CommitError::Dependency(e.0);
            items.push(
                transact_put(
                    &self.audit_table,
                    audit_item(company_id, &record, expire_at),
                    Some("attribute_not_exists(pk)"),
                    HashMap::new(),
                    &[],
                )
                .map_err(to_commit_error)?,
            );
            let mut head_values = HashMap::new();
            if let Some(h) = &head {
                head_values.insert(":headSeq".to_owned(), n(h.seq));
            }
            let head_item: Item = [
                ("pk".to_owned(), s(company_pk(company_id))),
                ("sk".to_owned(), s(AUDIT_HEAD_SK)),
                ("seq".to_owned(), n(record.seq)),
                ("hash".to_owned(), s(record.hash.clone())),
                ("at".to_owned(), s(record.at.clone())),
            ]
            .into_iter()
            .collect();
            items.push(
                transact_put(
                    &self.audit_table,
                    head_item,
                    Some(head_condition),
                    head_values,
                    &[],
                )
                .map_err(to_commit_error)?,
            );
            let extra_index = extra.as_ref().map(|_| items.len());
            if let Some(extra) = &extra {
                items.push(extra.clone());
            }

            let result = self
                .client
                .transact_write_items()
                .set_transact_items(Some(items))
                .send()
                .await;
            let error = match result {
                Ok(_) => return Ok(record),
                Err(error) => error,
            };
            let reasons: Vec<Option<String>> = match error.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => cancelled
                    .cancellation_reasons()
                    .iter()
                    .map(|r| r.code().map(str::to_owned))
                    .collect(),
                _ => {
                    return Err(CommitError::Dependency(format!(
                        "{}",
                        aws_sdk_dynamodb::error::DisplayErrorContext(&error)
                    )));
                }
            };
            let failed = |i: usize| {
                reasons
                    .get(i)
                    .and_then(|r| r.as_deref())
                    .is_some_and(|code| code == "ConditionalCheckFailed")
            };
            // A concurrent twin with the same Idempotency-Key also trips the data conditions;
            // it must get the first answer, not a 412, so this is checked first.
            if extra_index.is_some_and(failed) {
                return Err(CommitError::IdempotencyRace);
            }
            if let Some(i) = (0..data_count).find(|&i| failed(i)) {
                return Err(CommitError::Conflict(i));
            }
            if attempt >= COMMIT_ATTEMPTS {
                return Err(CommitError::Busy);
            }
            // The chain head moved (or a transaction conflict): back off a little and retry
            // with the new head.
            let jitter = u64::from(Utc::now().timestamp_subsec_micros() % 20);
            tokio::time::sleep(std::time::Duration::from_millis(
                5 * u64::from(attempt) + jitter,
            ))
            .await;
        }
    }

    /// Appends one audit record for something that changed no data (a login, a sensitive read).
    pub async fn audit(
        &self,
        company_id: &str,
        event: AuditEvent,
    ) -> Result<AuditRecord, CommitError> {
        self.commit(company_id, Vec::new(), event, None).await
    }
}

/// A conditional `Put` inside a transaction.
pub fn transact_put(
    table: &str,
    item: Item,
    condition: Option<&str>,
    values: Item,
    names: &[(&str, &str)],
) -> Result<TransactWriteItem, StoreError> {
    let mut put = Put::builder().table_name(table).set_item(Some(item));
    for (placeholder, name) in names {
        put = put.expression_attribute_names(*placeholder, *name);
    }
    if let Some(condition) = condition {
        put = put.condition_expression(condition);
    }
    if !values.is_empty() {
        put = put.set_expression_attribute_values(Some(values));
    }
    let put = put.build().map_err(|e| StoreError(e.to_string()))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

fn audit_item(company_id: &str, record: &AuditRecord, expire_at: i64) -> Item {
    let mut item: Item = [
        ("pk".to_owned(), s(company_pk(company_id))),
        ("sk".to_owned(), s(audit_sk(record.seq))),
        ("seq".to_owned(), n(record.seq)),
        ("at".to_owned(), s(record.at.clone())),
        ("actor".to_owned(), s(record.actor.clone())),
        ("action".to_owned(), s(record.action.clone())),
        ("target".to_owned(), s(record.target.clone())),
        ("requestId".to_owned(), s(record.request_id.clone())),
        ("hash".to_owned(), s(record.hash.clone())),
        ("prevHash".to_owned(), s(record.prev_hash.clone())),
        ("prevAt".to_owned(), s(record.prev_at.clone())),
        ("expireAt".to_owned(), n(expire_at)),
    ]
    .into_iter()
    .collect();
    if let Some(reason) = &record.reason {
        item.insert("reason".to_owned(), s(reason.clone()));
    }
    if !record.details.is_empty() {
        item.insert(
            "details".to_owned(),
            s(serde_json::Value::Object(record.details.clone()).to_string()),
        );
    }
    item
}

/// Reads an audit record back from its item (the inverse of `audit_item`).
pub fn audit_record(item: &Item) -> Option<AuditRecord> {
    Some(AuditRecord {
        seq: get_n(item, "seq")?,
        at: get_s(item, "at")?.to_owned(),
        actor: get_s(item, "actor")?.to_owned(),
        action: get_s(item, "action")?.to_owned(),
        target: get_s(item, "target")?.to_owned(),
        reason: get_s(item, "reason").map(str::to_owned),
        request_id: get_s(item, "requestId")?.to_owned(),
        details: get_s(item, "details")
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default(),
        hash: get_s(item, "hash")?.to_owned(),
        prev_hash: get_s(item, "prevHash")?.to_owned(),
        prev_at: get_s(item, "prevAt").unwrap_or_default().to_owned(),
    })
}
