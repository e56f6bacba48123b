//! DynamoDB access and the one write path: a data change, its audit record and the tenant's
//! chain head advance in a single `TransactWriteItems`, or nothing happens at all.

use aws_sdk_dynamodb::Client;

use super::sdk::LazyClient;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, KeysAndAttributes, Put, TransactWriteItem,
};
use chrono::{Duration, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use thiserror::Error;

use super::keys::{AUDIT_HEAD_SK, audit_sk, chain_pk};
use super::{epoch_seconds, timestamp};
use crate::domain::audit::{AuditEvent, AuditRecord, Chain, ChainHead, RETENTION_DAYS};

pub type Item = HashMap<String, AttributeValue>;

/// Another writer advancing the chain head between our read and our write is normal under
/// load; retry a few times before answering 503.
const COMMIT_ATTEMPTS: u32 = 8;

#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) client: LazyClient<Client>,
    pub(crate) data_table: String,
    pub(crate) audit_table: String,
    /// Items read ahead in one `BatchGetItem` ([`Store::prefetching`]): the key look-ups of a
    /// write answer from here instead of a `GetItem` each. Only the store a write's `prepare`
    /// and commit get carries them; every other read goes to the table.
    prefetched: Option<Arc<Prefetched>>,
}

/// Which table an [`ItemKey`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Data,
    Audit,
}

/// The key of one item, for a batched read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub table: Table,
    pub pk: String,
    pub sk: String,
}

impl ItemKey {
    pub fn data(pk: String, sk: String) -> ItemKey {
        ItemKey {
            table: Table::Data,
            pk,
            sk,
        }
    }

    pub fn audit(pk: String, sk: String) -> ItemKey {
        ItemKey {
            table: Table::Audit,
            pk,
            sk,
        }
    }
}

/// What one consistent batched read found: every key asked for, with its item or `None`.
#[derive(Debug, Clone, Default)]
pub struct Prefetched {
    items: HashMap<ItemKey, Option<Item>>,
}

impl Prefetched {
    /// `Some(found)` when `key` was read ahead (`found` is `None` when no item has it);
    /// `None` when it was not asked for.
    pub fn get(&self, key: &ItemKey) -> Option<Option<&Item>> {
        self.items.get(key).map(Option::as_ref)
    }
}

/// BatchGetItem's limit of keys per call.
const BATCH_GET_LIMIT: usize = 100;
/// How often keys DynamoDB left unprocessed (throttling) are asked for again before the read
/// fails; every attempt is a call of its own.
const BATCH_GET_ATTEMPTS: u32 = 5;

#[derive(Debug, Error)]
pub enum CommitError {
    /// A data operation's condition failed: the item changed (or exists).
    #[error("a data operation's condition failed")]
    Conflict,
    /// Another request with the same Idempotency-Key committed first.
    #[error("idempotency record already exists")]
    IdempotencyRace,
    #[error("the audit chain stayed contended")]
    Busy,
    /// The company's erasure has started (or is done): nothing more is written for it.
    #[error("the company is being erased")]
    Erasing,
    #[error("{0}")]
    Dependency(String),
}

impl From<StoreError> for CommitError {
    fn from(error: StoreError) -> Self {
        CommitError::Dependency(error.0)
    }
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
    pub fn new(client: LazyClient<Client>, data_table: &str, audit_table: &str) -> Store {
        Store {
            client,
            data_table: data_table.to_owned(),
            audit_table: audit_table.to_owned(),
            prefetched: None,
        }
    }

    /// This store without read-ahead items: what must read the table as it is now (a
    /// re-read after a refused commit) uses it.
    pub fn fresh(&self) -> Store {
        Store {
            prefetched: None,
            ..self.clone()
        }
    }

    /// This store with `prefetched` read ahead: its key look-ups of those items
    /// ([`Store::data_item`], and the data chain's head for the first attempt of a commit)
    /// answer from them without a call.
    pub fn prefetching(&self, prefetched: Prefetched) -> Store {
        Store {
            prefetched: Some(Arc::new(prefetched)),
            ..self.clone()
        }
    }

    fn table_name(&self, table: Table) -> &str {
        match table {
            Table::Data => &self.data_table,
            Table::Audit => &self.audit_table,
        }
    }

    /// Reads `keys` (both tables, duplicates allowed) consistently in one `BatchGetItem`;
    /// keys DynamoDB leaves unprocessed are asked for again (each retry is another call), and
    /// still unprocessed after a few attempts the read fails rather than answer `None` for an
    /// item it did not read.
    pub async fn batch_get(&self, keys: &[ItemKey]) -> Result<Prefetched, StoreError> {
        let mut wanted: Vec<ItemKey> = Vec::with_capacity(keys.len());
        for key in keys {
            if !wanted.contains(key) {
                wanted.push(key.clone());
            }
        }
        let mut found = Prefetched::default();
        for chunk in wanted.chunks(BATCH_GET_LIMIT) {
            let mut request: HashMap<String, KeysAndAttributes> = HashMap::new();
            for table in [Table::Data, Table::Audit] {
                let table_keys: Vec<Item> = chunk
                    .iter()
                    .filter(|key| key.table == table)
                    .map(|key| {
                        [
                            ("pk".to_owned(), s(key.pk.clone())),
                            ("sk".to_owned(), s(key.sk.clone())),
                        ]
                        .into_iter()
                        .collect()
                    })
                    .collect();
                if table_keys.is_empty() {
                    continue;
                }
                let keys_and_attributes = KeysAndAttributes::builder()
                    .set_keys(Some(table_keys))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| StoreError(e.to_string()))?;
                // Keyed by table name: were both tables one (nothing forbids it), their keys
                // join one entry instead of one replacing the other's.
                match request.entry(self.table_name(table).to_owned()) {
                    std::collections::hash_map::Entry::Vacant(entry) => {
                        entry.insert(keys_and_attributes);
                    }
                    std::collections::hash_map::Entry::Occupied(mut entry) => {
                        let mut keys = entry.get().keys().to_vec();
                        keys.extend(keys_and_attributes.keys().iter().cloned());
                        entry.insert(
                            KeysAndAttributes::builder()
                                .set_keys(Some(keys))
                                .consistent_read(true)
                                .build()
                                .map_err(|e| StoreError(e.to_string()))?,
                        );
                    }
                }
            }
            let mut attempt = 0;
            while !request.is_empty() {
                attempt += 1;
                if attempt > BATCH_GET_ATTEMPTS {
                    return Err(StoreError(
                        "BatchGetItem left keys unprocessed after retries".into(),
                    ));
                }
                if attempt > 1 {
                    tokio::time::sleep(std::time::Duration::from_millis(
                        10 * 2u64.pow(attempt - 2),
                    ))
                    .await;
                }
                let out = self
                    .client
                    .batch_get_item()
                    .set_request_items(Some(request))
                    .send()
                    .await
                    .map_err(StoreError::from_sdk)?;
                for (table_name, items) in out.responses.unwrap_or_default() {
                    // Every table of that name: one name for both must not read as absent.
                    let tables: Vec<Table> = [Table::Data, Table::Audit]
                        .into_iter()
                        .filter(|table| self.table_name(*table) == table_name)
                        .collect();
                    for item in items {
                        if let (Some(pk), Some(sk)) = (get_s(&item, "pk"), get_s(&item, "sk")) {
                            for table in &tables {
                                let key = ItemKey {
                                    table: *table,
                                    pk: pk.to_owned(),
                                    sk: sk.to_owned(),
                                };
                                found.items.insert(key, Some(item.clone()));
                            }
                        }
                    }
                }
                request = out
                    .unprocessed_keys
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(_, keys)| !keys.keys().is_empty())
                    .collect();
            }
            // Every key of the chunk was processed: the ones without an item have none.
            for key in chunk {
                found.items.entry(key.clone()).or_insert(None);
            }
        }
        Ok(found)
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

    /// One item of the data table by its key, read consistently; `None` when there is none.
    /// A key this store read ahead ([`Store::prefetching`]) answers from that read.
    pub(crate) async fn data_item(
        &self,
        pk: String,
        sk: String,
    ) -> Result<Option<Item>, StoreError> {
        let key = ItemKey::data(pk, sk);
        if let Some(found) = self.prefetched.as_ref().and_then(|p| p.get(&key)) {
            return Ok(found.cloned());
        }
        let ItemKey { pk, sk, .. } = key;
        let out = self
            .client
            .get_item()
            .table_name(&self.data_table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out.item)
    }

    pub async fn chain_head(
        &self,
        company_id: &str,
        chain: Chain,
    ) -> Result<Option<ChainHead>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.audit_table)
            .key("pk", s(chain_pk(company_id, chain)))
            .key("sk", s(AUDIT_HEAD_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out.item.as_ref().and_then(chain_position))
    }

    /// The newest record of a chain, read from the records themselves (not the head).
    async fn last_record(
        &self,
        company_id: &str,
        chain: Chain,
    ) -> Result<Option<ChainHead>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.audit_table)
            .key_condition_expression("pk = :pk AND sk < :head")
            .expression_attribute_values(":pk", s(chain_pk(company_id, chain)))
            .expression_attribute_values(":head", s(AUDIT_HEAD_SK))
            .scan_index_forward(false)
            .limit(1)
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out.items().first().and_then(chain_position))
    }

    /// Where the next record goes: after the head, or, when the head item is gone but records
    /// exist (it was deleted), after the newest record, so writes go on instead of failing
    /// forever; verification reports the missing head until the next write restores it.
    async fn tip(&self, company_id: &str, chain: Chain) -> Result<Tip, StoreError> {
        if let Some(head) = self.chain_head(company_id, chain).await? {
            return Ok(Tip {
                previous: head,
                head_exists: true,
            });
        }
        let last = self.last_record(company_id, chain).await?;
        if last.is_some() {
            tracing::warn!(
                chain = chain.as_str(),
                "audit chain head missing; continuing after the newest record"
            );
        }
        Ok(Tip {
            previous: last.unwrap_or_else(ChainHead::genesis),
            head_exists: false,
        })
    }

    /// The key of a chain's head, to read it ahead with [`Store::batch_get`].
    pub fn chain_head_key(&self, company_id: &str, chain: Chain) -> ItemKey {
        ItemKey::audit(chain_pk(company_id, chain), AUDIT_HEAD_SK.to_owned())
    }

    /// The tip from the head read ahead, for a commit's first attempt only: a retry follows
    /// a head that moved and reads it again. A head read ahead as missing is no tip: the
    /// newest record is then looked up as [`Store::tip`] does. The read is a hint; the
    /// head's condition in the transaction decides.
    fn prefetched_tip(&self, company_id: &str, chain: Chain, attempt: u32) -> Option<Tip> {
        if attempt > 1 {
            return None;
        }
        let found = self
            .prefetched
            .as_ref()?
            .get(&self.chain_head_key(company_id, chain))??;
        Some(Tip {
            previous: chain_position(found)?,
            head_exists: true,
        })
    }

    /// Commits `data_ops` together with the audit record for `event` in the company's data
    /// chain, and with `extra` (an idempotency record) when given. Returns the sealed record.
    pub async fn commit(
        &self,
        company_id: &str,
        data_ops: Vec<TransactWriteItem>,
        event: AuditEvent,
        extra: Option<TransactWriteItem>,
    ) -> Result<AuditRecord, CommitError> {
        let guard = self.erasure_guard(company_id, &data_ops)?;
        self.commit_to(company_id, Chain::Data, data_ops, event, extra, guard)
            .await
    }

    /// Appends one audit record for something that changed no data: a sensitive read (data
    /// chain), refused once the company's erasure has started.
    pub async fn append(
        &self,
        company_id: &str,
        chain: Chain,
        event: AuditEvent,
    ) -> Result<AuditRecord, CommitError> {
        let guard = match chain {
            Chain::Data => self.erasure_guard(company_id, &[])?,
            // Logins go through `append_login`.
            Chain::Security => None,
        };
        self.commit_to(company_id, chain, Vec::new(), event, None, guard)
            .await
    }

    /// Appends a login's record to the security chain. No erasure check: once the erasure's
    /// users step has run there is no account left to sign in with, and the login functions
    /// need no grant on the ledger row.
    pub async fn append_login(
        &self,
        company_id: &str,
        event: AuditEvent,
    ) -> Result<AuditRecord, CommitError> {
        self.commit_to(company_id, Chain::Security, Vec::new(), event, None, None)
            .await
    }

    async fn commit_to(
        &self,
        company_id: &str,
        chain: Chain,
        data_ops: Vec<TransactWriteItem>,
        event: AuditEvent,
        extra: Option<TransactWriteItem>,
        guard: Option<TransactWriteItem>,
    ) -> Result<AuditRecord, CommitError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let tip = match self.prefetched_tip(company_id, chain, attempt) {
                Some(tip) => tip,
                None => self.tip(company_id, chain).await?,
            };
            let now = Utc::now();
            let record = AuditRecord::seal(
                company_id,
                chain,
                &tip.previous,
                timestamp(now),
                event.clone(),
            );
            let mut items = data_ops.clone();
            items.extend(self.chain_items(company_id, &record, &tip, now)?);
            let extra_index = extra.as_ref().map(|_| items.len());
            items.extend(extra.clone());
            let guard_index = items.len();
            let guarded = match &guard {
                Some(guard) => {
                    items.push(guard.clone());
                    true
                }
                None => false,
            };

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
            if guarded && failed_at(&error, guard_index) {
                return Err(CommitError::Erasing);
            }
            match classify(&error, data_ops.len(), extra_index) {
                Failure::Final(error) => return Err(error),
                Failure::ChainMoved if attempt >= COMMIT_ATTEMPTS => return Err(CommitError::Busy),
                Failure::ChainMoved => {
                    // Another writer advanced the chain (or a transaction conflict): back off a
                    // little and retry with the new head.
                    let jitter = u64::from(Utc::now().timestamp_subsec_micros() % 20);
                    tokio::time::sleep(std::time::Duration::from_millis(
                        5 * u64::from(attempt) + jitter,
                    ))
                    .await;
                }
            }
        }
    }

    /// Moves the item's `status` to `to` if it is one of `from`, setting `extra` attributes
    /// and `updatedAt` with it: the item as it is afterwards, or `None` when it was in none
    /// of `from` (or is gone). The state machine of queued work (reports, exports).
    pub(crate) async fn move_status(
        &self,
        key: (String, String),
        from: &[&str],
        to: &str,
        extra: Item,
        at: chrono::DateTime<Utc>,
    ) -> Result<Option<Item>, StoreError> {
        let mut set = vec!["#status = :to".to_owned(), "updatedAt = :at".to_owned()];
        let mut update = self
            .client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(&key.0))
            .key("sk", s(&key.1))
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":to", s(to))
            .expression_attribute_values(":at", s(timestamp(at)));
        let mut allowed = Vec::with_capacity(from.len());
        for (index, status) in from.iter().enumerate() {
            let placeholder = format!(":from{index}");
            update = update.expression_attribute_values(&placeholder, s(*status));
            allowed.push(placeholder);
        }
        for (index, (name, value)) in extra.into_iter().enumerate() {
            set.push(format!("#x{index} = :x{index}"));
            update = update
                .expression_attribute_names(format!("#x{index}"), name)
                .expression_attribute_values(format!(":x{index}"), value);
        }
        let out = update
            .condition_expression(format!(
                "attribute_exists(pk) AND #status IN ({})",
                allowed.join(", ")
            ))
            .update_expression(format!("SET {}", set.join(", ")))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await;
        match out {
            Ok(out) => Ok(Some(out.attributes.unwrap_or_default())),
            Err(error)
                if matches!(
                    error.as_service_error(),
                    Some(UpdateItemError::ConditionalCheckFailedException(_))
                ) =>
            {
                Ok(None)
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }

    /// Once a company's erasure has started, nothing more is written for it: a commit
    /// checks the company's erasure ledger row (outside the tenant, so it outlives the
    /// company) in the same transaction, without another round trip. The commits that change
    /// that row themselves (schedule, cancel, start) carry their own conditions on it.
    fn erasure_guard(
        &self,
        company_id: &str,
        data_ops: &[TransactWriteItem],
    ) -> Result<Option<TransactWriteItem>, StoreError> {
        let ledger = |key: Option<&HashMap<String, AttributeValue>>| {
            key.is_some_and(|key| {
                key.get("pk")
                    .and_then(|v| v.as_s().ok())
                    .map(String::as_str)
                    == Some(super::erasure::LEDGER_PK)
                    && key
                        .get("sk")
                        .and_then(|v| v.as_s().ok())
                        .map(String::as_str)
                        == Some(company_id)
            })
        };
        let touches_ledger = data_ops.iter().any(|op| {
            ledger(op.put().map(Put::item))
                || ledger(op.update().map(|u| u.key()))
                || ledger(op.delete().map(|d| d.key()))
                || ledger(op.condition_check().map(ConditionCheck::key))
        });
        if touches_ledger {
            return Ok(None);
        }
        let check = ConditionCheck::builder()
            .table_name(&self.data_table)
            .key(
                "pk",
                AttributeValue::S(super::erasure::LEDGER_PK.to_owned()),
            )
            .key("sk", AttributeValue::S(company_id.to_owned()))
            .condition_expression("attribute_not_exists(pk) OR #state = :scheduled")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(
                ":scheduled",
                AttributeValue::S(
                    crate::domain::erasure::LedgerState::Scheduled
                        .as_str()
                        .into(),
                ),
            )
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(Some(
            TransactWriteItem::builder().condition_check(check).build(),
        ))
    }

    /// The record's `Put` and the head's conditional `Put`: the head moves only from the tip
    /// the record was sealed after.
    fn chain_items(
        &self,
        company_id: &str,
        record: &AuditRecord,
        tip: &Tip,
        now: chrono::DateTime<Utc>,
    ) -> Result<[TransactWriteItem; 2], StoreError> {
        let expire_at = epoch_seconds(now + Duration::days(RETENTION_DAYS));
        let pk = chain_pk(company_id, record.chain);
        let record_put = transact_put(
            &self.audit_table,
            audit_item(&pk, record, expire_at),
            Some("attribute_not_exists(pk)"),
            HashMap::new(),
            &[],
        )?;
        let (head_condition, head_values) = if tip.head_exists {
            (
                "seq = :headSeq",
                [(":headSeq".to_owned(), n(tip.previous.seq))]
                    .into_iter()
                    .collect(),
            )
        } else {
            ("attribute_not_exists(pk)", HashMap::new())
        };
        let head_item: Item = [
            ("pk".to_owned(), s(pk)),
            ("sk".to_owned(), s(AUDIT_HEAD_SK)),
            ("seq".to_owned(), n(record.seq)),
            ("hash".to_owned(), s(record.hash.clone())),
            ("at".to_owned(), s(record.at.clone())),
        ]
        .into_iter()
        .collect();
        let head_put = transact_put(
            &self.audit_table,
            head_item,
            Some(head_condition),
            head_values,
            &[],
        )?;
        Ok([record_put, head_put])
    }
}

/// Where a chain ends before a write.
struct Tip {
    previous: ChainHead,
    head_exists: bool,
}

enum Failure {
    /// Retrying cannot help.
    Final(CommitError),
    /// The chain head moved (or the transaction conflicted with another): retry.
    ChainMoved,
}

/// Reads a failed transaction's cancellation reasons: the operations are the data ops, then
/// the record and the head, then the idempotency record (`extra_index`).
fn classify<R: std::fmt::Debug>(
    error: &SdkError<TransactWriteItemsError, R>,
    data_count: usize,
    extra_index: Option<usize>,
) -> Failure {
    let reasons: Vec<Option<String>> = match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => cancelled
            .cancellation_reasons()
            .iter()
            .map(|r| r.code().map(str::to_owned))
            .collect(),
        _ => {
            return Failure::Final(CommitError::Dependency(format!(
                "{}",
                aws_sdk_dynamodb::error::DisplayErrorContext(error)
            )));
        }
    };
    let failed = |i: usize| {
        reasons
            .get(i)
            .and_then(|r| r.as_deref())
            .is_some_and(|code| code == "ConditionalCheckFailed")
    };
    // A concurrent twin with the same Idempotency-Key also trips the data conditions; it must
    // get the first answer, not a 412, so this is checked first.
    if extra_index.is_some_and(failed) {
        return Failure::Final(CommitError::IdempotencyRace);
    }
    if (0..data_count).any(failed) {
        return Failure::Final(CommitError::Conflict);
    }
    Failure::ChainMoved
}

/// Whether the transaction's item at `index` failed its condition.
fn failed_at<R: std::fmt::Debug>(
    error: &SdkError<TransactWriteItemsError, R>,
    index: usize,
) -> bool {
    match error.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => cancelled
            .cancellation_reasons()
            .get(index)
            .and_then(|r| r.code())
            .is_some_and(|code| code == "ConditionalCheckFailed"),
        _ => false,
    }
}

/// The `seq`, `hash` and `at` of a head item or a record item: where the chain stands.
fn chain_position(item: &Item) -> Option<ChainHead> {
    Some(ChainHead {
        seq: get_n(item, "seq")?,
        hash: get_s(item, "hash")?.to_owned(),
        at: get_s(item, "at").unwrap_or_default().to_owned(),
    })
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

fn audit_item(pk: &str, record: &AuditRecord, expire_at: i64) -> Item {
    let mut item: Item = [
        ("pk".to_owned(), s(pk)),
        ("chain".to_owned(), s(record.chain.as_str())),
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
        chain: Chain::parse(get_s(item, "chain")?)?,
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
