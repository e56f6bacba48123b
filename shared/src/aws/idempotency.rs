//! Stored first responses for `Idempotency-Key`, kept 24 hours by default (DynamoDB TTL;
//! `IdempotencyRetentionHours` in the template).

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::keys::{company_pk, idempotency_sk};
use super::store::{Item, ItemKey, Store, StoreError, get_s, n, s, transact_put};
use super::{epoch_seconds, timestamp};
use aws_sdk_dynamodb::types::TransactWriteItem;

/// How long a first response is kept: `IDEMPOTENCY_RETENTION_HOURS` (the template's
/// `IdempotencyRetentionHours`, set for every function in Globals), else the default. Read
/// per write: the variable is fixed for a function's life, and a parse is nothing beside the
/// write.
fn retention_hours() -> i64 {
    std::env::var("IDEMPOTENCY_RETENTION_HOURS")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|hours| *hours >= 1)
        .unwrap_or(crate::domain::retention::DEFAULT_IDEMPOTENCY_RETENTION_HOURS)
}

/// The response a first request got, replayed to its retries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl StoredResponse {
    /// A JSON answer.
    pub fn json(status: u16, body: &serde_json::Value) -> StoredResponse {
        StoredResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    /// An answer without a body (204).
    pub fn empty(status: u16) -> StoredResponse {
        StoredResponse {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: String) -> StoredResponse {
        self.headers.push((name.to_owned(), value));
        self
    }
}

/// A fingerprint of what was asked: method, path, caller and the canonical JSON body (sorted
/// keys), so whitespace or key order does not make a retry look different.
pub fn request_fingerprint(
    method: &str,
    path: &str,
    user_id: &str,
    body: &serde_json::Value,
) -> String {
    let mut hasher = Sha256::new();
    for part in [method, path, user_id, &body.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex::encode(hasher.finalize())
}

impl Store {
    /// The key of a stored answer, to read it ahead with [`Store::batch_get`].
    pub fn idempotency_item_key(&self, company_id: &str, user_id: &str, key: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), idempotency_sk(user_id, key))
    }

    pub async fn idempotent_response(
        &self,
        company_id: &str,
        user_id: &str,
        key: &str,
    ) -> Result<Option<(String, StoredResponse)>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), idempotency_sk(user_id, key))
            .await?;
        let Some(item) = item else {
            return Ok(None);
        };
        // DynamoDB deletes expired items lazily; an expired record no longer counts.
        let expired = item
            .get("expireAt")
            .and_then(|v| v.as_n().ok())
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|at| at < epoch_seconds(Utc::now()));
        if expired {
            return Ok(None);
        }
        let fingerprint = get_s(&item, "fingerprint").unwrap_or_default().to_owned();
        let response = get_s(&item, "response")
            .and_then(|r| serde_json::from_str(r).ok())
            .ok_or_else(|| StoreError("unreadable idempotency record".into()))?;
        Ok(Some((fingerprint, response)))
    }

    /// The record to commit in the same transaction as the change it answers. Its condition
    /// lets an expired leftover be replaced.
    pub fn idempotency_put(
        &self,
        company_id: &str,
        user_id: &str,
        key: &str,
        fingerprint: &str,
        response: &StoredResponse,
    ) -> Result<TransactWriteItem, StoreError> {
        let now = Utc::now();
        let item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(idempotency_sk(user_id, key))),
            ("fingerprint".to_owned(), s(fingerprint)),
            (
                "response".to_owned(),
                s(serde_json::to_string(response).map_err(|e| StoreError(e.to_string()))?),
            ),
            ("createdAt".to_owned(), s(timestamp(now))),
            (
                "expireAt".to_owned(),
                n(epoch_seconds(now + Duration::hours(retention_hours()))),
            ),
        ]
        .into_iter()
        .collect();
        let values: Item = [(":now".to_owned(), n(epoch_seconds(now)))]
            .into_iter()
            .collect();
        transact_put(
            &self.data_table,
            item,
            Some("attribute_not_exists(pk) OR expireAt < :now"),
            values,
            &[],
        )
    }
}
