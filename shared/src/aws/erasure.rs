//! Company erasure (API.md "Data lifecycle"): the scheduled erasure (`C#<co>` / `ERASURE`),
//! the operators' ledger outside any tenant (`ERASURES` / `<co>`), what a company holds
//! ([`inventory`]), and the erasure itself ([`run_erasure`]): idempotent and resumable, every
//! step deletes what is still there and adds what it deleted to the ledger's counts batch by
//! batch, so a run that dies half-way is continued by the next one and counts everything once
//! (except a batch deleted in the instant before its count was written: then the certificate
//! counts it not at all, never twice).

use aws_sdk_dynamodb::types::{
    Delete, DeleteRequest, ReturnValue, Select, TransactWriteItem, Update, WriteRequest,
};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thiserror::Error;

use super::keys::{
    COMPANY_SK, DOMAIN_SK, PROVIDER_SK, USER_POINTER_SK, chain_pk, company_pk, domain_pk,
    provider_pk, refusal_counter_pk, user_pointer_pk,
};
use super::mail::Mailer;
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use super::{AuditArchive, Cognito, Deps, timestamp};
use crate::domain::audit::{AuditEvent, Chain};
use crate::domain::erasure::{
    ARCHIVE_STATEMENT, Backups, CERTIFICATE_ALGORITHM, Certificate, Check, Deleted, LedgerState,
    SignedCertificate,
};
use crate::domain::sso::provider_name_for;

/// The company's scheduled erasure, in its partition.
pub const ERASURE_SK: &str = "ERASURE";
/// The ledger's partition: one row per company, outside any tenant.
pub const LEDGER_PK: &str = "ERASURES";
/// Who starts an erasure when its time has come.
pub const SCHEDULE_ACTOR: &str = "schedule";

/// The certificate's key in the audit archive.
pub fn certificate_key(company_id: &str) -> String {
    format!("erasures/{company_id}/certificate.json")
}

/// The audit archive as the erasure uses it: its own prefix `erasures/`.
#[derive(Debug, Clone)]
pub struct ErasureArchive {
    archive_s3: super::LazyClient<aws_sdk_s3::Client>,
    audit_archive_bucket: String,
}

impl ErasureArchive {
    pub fn of(archive: &AuditArchive) -> ErasureArchive {
        ErasureArchive {
            archive_s3: archive.archive.client().clone(),
            audit_archive_bucket: archive.archive.bucket().to_owned(),
        }
    }
}

/// Written to the archive before the company's chains are deleted: the archiver reads it to
/// tell those deletions from tampering.
pub fn erasure_marker_key(company_id: &str) -> String {
    format!("erasures/{company_id}/started.json")
}

/// Every object of a company is under this prefix in each of its buckets.
pub fn company_prefix(company_id: &str) -> String {
    format!("t/{company_id}/")
}

#[derive(Debug, Error)]
pub enum ErasureError {
    #[error("no erasure is scheduled for the company")]
    NotScheduled,
    #[error("the erasure was cancelled or changed meanwhile")]
    Changed,
    #[error("another run is erasing the company right now")]
    Busy,
    #[error("data remains after the erasure: {0}")]
    Remains(String),
    #[error("the erasure cannot run without {0}: it would certify buckets it never looked at")]
    Unconfigured(String),
    #[error("{0}")]
    Dependency(String),
}

fn dependency(error: impl std::fmt::Display) -> ErasureError {
    ErasureError::Dependency(error.to_string())
}

impl From<StoreError> for ErasureError {
    fn from(error: StoreError) -> Self {
        ErasureError::Dependency(error.0)
    }
}

fn sdk_error<E, R>(error: aws_sdk_s3::error::SdkError<E, R>) -> ErasureError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    ErasureError::Dependency(format!(
        "{}",
        aws_sdk_s3::error::DisplayErrorContext(&error)
    ))
}

/// A bucket that holds company objects under `t/<co>/`, and the name its count has in the
/// certificate. Adding a bucket to the erasure is one more of these in [`ErasureDeps::from_deps`].
#[derive(Debug, Clone)]
pub struct CompanyBucket {
    pub kind: &'static str,
    pub company_bucket: String,
    pub company_s3: super::LazyClient<aws_sdk_s3::Client>,
}

/// The buckets every erasure must reach (the OCR staging bucket only exists where Textract
/// runs in another region, so it is erased when configured).
pub const REQUIRED_BUCKET_KINDS: [&str; 3] = ["documents", "reports", "exports"];

/// What the erasure and the inventory use.
#[derive(Debug, Clone)]
pub struct ErasureDeps {
    pub store: Store,
    pub cognito: Cognito,
    pub buckets: Vec<CompanyBucket>,
    pub archive: Option<AuditArchive>,
    pub mailer: Option<Mailer>,
    pub archive_retention_years: u32,
}

impl ErasureDeps {
    /// The buckets the function is configured with: documents (originals and OCR results),
    /// reports and exports. The OCR staging bucket holds copies for at most a day
    /// (`StagingRetentionDays`) under the same keys, so it is erased too when configured.
    pub fn from_deps(deps: &Deps) -> ErasureDeps {
        let mut buckets = Vec::new();
        if let Some(documents) = &deps.documents {
            buckets.push(CompanyBucket {
                kind: "documents",
                company_bucket: documents.ids.documents_bucket.clone(),
                company_s3: documents.s3.clone(),
            });
            // Written as field paths (not bindings) so the IAM test can name the buckets.
            if documents.ids.staging_bucket.is_some() {
                buckets.push(CompanyBucket {
                    kind: "ocrStaging",
                    company_bucket: documents.ids.staging_bucket.clone().unwrap_or_default(),
                    company_s3: documents.staging_s3.clone(),
                });
            }
        }
        if let Some(reports) = &deps.reports {
            buckets.push(CompanyBucket {
                kind: "reports",
                company_bucket: reports.ids.reports_bucket.clone(),
                company_s3: reports.s3.clone(),
            });
        }
        if let (true, Some(documents)) = (
            deps.config.erasure.exports_bucket.is_some(),
            &deps.documents,
        ) {
            buckets.push(CompanyBucket {
                kind: "exports",
                company_bucket: deps
                    .config
                    .erasure
                    .exports_bucket
                    .clone()
                    .unwrap_or_default(),
                company_s3: documents.s3.clone(),
            });
        }
        ErasureDeps {
            store: deps.store.clone(),
            cognito: deps.cognito.clone(),
            buckets,
            archive: deps.audit_archive.clone(),
            mailer: deps.mailer.clone(),
            archive_retention_years: deps.config.erasure.archive_retention_years,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The scheduled erasure and the ledger.

/// What `GET /company/erasure` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledErasure {
    pub scheduled_for: String,
    pub requested_at: String,
    /// The admin's `sub`.
    pub requested_by: String,
    pub reason: String,
    pub version: u32,
}

impl ScheduledErasure {
    pub fn to_json(&self, state: Option<LedgerState>) -> serde_json::Value {
        let mut body = json!({
            "scheduledFor": self.scheduled_for,
            "requestedAt": self.requested_at,
            "requestedBy": self.requested_by,
            "reason": self.reason,
        });
        if let Some(state) = state {
            body["state"] = json!(state.as_str());
        }
        body
    }
}

/// The operators' row of one company's erasure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub company_id: String,
    pub scheduled_for: String,
    pub requested_at: String,
    pub requested_by: String,
    pub state: LedgerState,
    pub started_at: Option<String>,
    pub started_by: Option<String>,
    pub completed_at: Option<String>,
    pub deleted: Deleted,
    pub certificate_key: Option<String>,
    /// Between the start and the "done" mail only: the admins' addresses and the company's
    /// name (the mail needs them after the data is gone), and the keys of the pointer items
    /// the erasure deletes outside the partition (found through the partition it deletes).
    pub admin_emails: Vec<String>,
    pub company_name: Option<String>,
    pub subs: Vec<String>,
    pub domains: Vec<String>,
    pub mail_attempts: u32,
}

fn json_list(item: &Item, name: &str) -> Vec<String> {
    get_s(item, name)
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

fn ledger_row(item: &Item) -> Option<LedgerRow> {
    let counter = |name: &str| get_n::<u64>(item, &counter_attribute(name)).unwrap_or(0);
    let objects: BTreeMap<String, u64> = item
        .keys()
        .filter_map(|key| key.strip_prefix("deleted:objects."))
        .map(|kind| (kind.to_owned(), counter(&format!("objects.{kind}"))))
        .collect();
    Some(LedgerRow {
        company_id: get_s(item, "sk")?.to_owned(),
        scheduled_for: get_s(item, "scheduledFor")?.to_owned(),
        requested_at: get_s(item, "requestedAt").unwrap_or_default().to_owned(),
        requested_by: get_s(item, "requestedBy").unwrap_or_default().to_owned(),
        state: LedgerState::parse(get_s(item, "state")?)?,
        started_at: get_s(item, "startedAt").map(str::to_owned),
        started_by: get_s(item, "startedBy").map(str::to_owned),
        completed_at: get_s(item, "completedAt").map(str::to_owned),
        deleted: Deleted {
            data_items: counter("dataItems"),
            audit_records: counter("auditRecords"),
            objects,
            users: counter("users"),
            identity_providers: counter("identityProviders"),
        },
        certificate_key: get_s(item, "certificateKey").map(str::to_owned),
        admin_emails: json_list(item, "adminEmails"),
        company_name: get_s(item, "companyName").map(str::to_owned),
        subs: json_list(item, "subs"),
        domains: json_list(item, "domains"),
        mail_attempts: get_n(item, "mailAttempts").unwrap_or(0),
    })
}

/// The ledger attribute of a count (`deleted:users`, `deleted:objects.documents`).
fn counter_attribute(name: &str) -> String {
    format!("deleted:{name}")
}

/// The keys an erasure reads (and then deletes) at a time, so that the keys it holds do not
/// grow with the company (README "Memory").
const KEY_PAGE: u16 = 1_000;

/// How long a run holds an erasure: Lambda's longest run, so a live run never loses it.
const RUN_LEASE: chrono::Duration = chrono::Duration::minutes(15);

/// After this many failed "done" mails the addresses are dropped anyway: they are not kept
/// for a mail that cannot be delivered.
pub const MAIL_ATTEMPTS: u32 = 3;

impl Store {
    /// The keys of the company's scheduled erasure and of its ledger row, to read them
    /// ahead with [`Store::batch_get`].
    pub fn erasure_keys(&self, company_id: &str) -> [ItemKey; 2] {
        [
            ItemKey::data(company_pk(company_id), ERASURE_SK.to_owned()),
            ItemKey::data(LEDGER_PK.to_owned(), company_id.to_owned()),
        ]
    }

    /// The company's scheduled erasure, if any.
    pub async fn scheduled_erasure(
        &self,
        company_id: &str,
    ) -> Result<Option<ScheduledErasure>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), ERASURE_SK.to_owned())
            .await?;
        Ok(item.and_then(|item| {
            Some(ScheduledErasure {
                scheduled_for: get_s(&item, "scheduledFor")?.to_owned(),
                requested_at: get_s(&item, "requestedAt")?.to_owned(),
                requested_by: get_s(&item, "requestedBy")?.to_owned(),
                reason: get_s(&item, "reason").unwrap_or_default().to_owned(),
                version: get_n(&item, "version").unwrap_or(1),
            })
        }))
    }

    /// The company's ledger row, if an erasure was scheduled and not cancelled.
    pub async fn erasure_ledger_row(
        &self,
        company_id: &str,
    ) -> Result<Option<LedgerRow>, StoreError> {
        let item = self
            .data_item(LEDGER_PK.to_owned(), company_id.to_owned())
            .await?;
        Ok(item.as_ref().and_then(ledger_row))
    }

    /// Every ledger row (one per company ever scheduled for erasure and not cancelled).
    pub async fn erasure_ledger(&self) -> Result<Vec<LedgerRow>, StoreError> {
        let mut rows = Vec::new();
        let mut start = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.data_table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(LEDGER_PK))
                .set_exclusive_start_key(start.take())
                .consistent_read(true)
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            rows.extend(out.items().iter().filter_map(ledger_row));
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(rows),
            }
        }
    }

    /// The writes that schedule an erasure: the company's item and the ledger row, neither of
    /// which may exist (committed with the audit record `company.erasure.schedule`).
    pub fn erasure_schedule_ops(
        &self,
        company_id: &str,
        erasure: &ScheduledErasure,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let company_item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(ERASURE_SK)),
            ("scheduledFor".to_owned(), s(&erasure.scheduled_for)),
            ("requestedAt".to_owned(), s(&erasure.requested_at)),
            ("requestedBy".to_owned(), s(&erasure.requested_by)),
            ("reason".to_owned(), s(&erasure.reason)),
            ("version".to_owned(), n(erasure.version)),
        ]
        .into_iter()
        .collect();
        let ledger_item: Item = [
            ("pk".to_owned(), s(LEDGER_PK)),
            ("sk".to_owned(), s(company_id)),
            ("companyId".to_owned(), s(company_id)),
            ("scheduledFor".to_owned(), s(&erasure.scheduled_for)),
            ("requestedAt".to_owned(), s(&erasure.requested_at)),
            ("requestedBy".to_owned(), s(&erasure.requested_by)),
            ("state".to_owned(), s(LedgerState::Scheduled.as_str())),
        ]
        .into_iter()
        .collect();
        Ok(vec![
            self.put_data(
                company_item,
                Some("attribute_not_exists(pk)"),
                HashMap::new(),
                &[],
            )?,
            self.put_data(
                ledger_item,
                Some("attribute_not_exists(pk)"),
                HashMap::new(),
                &[],
            )?,
        ])
    }

    /// The writes that cancel: both items go, and only while the run has not started.
    pub fn erasure_cancel_ops(
        &self,
        company_id: &str,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let company_item = Delete::builder()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(ERASURE_SK))
            .condition_expression("attribute_exists(pk)")
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        let ledger_item = Delete::builder()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .condition_expression("#state = :scheduled")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":scheduled", s(LedgerState::Scheduled.as_str()))
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(vec![
            TransactWriteItem::builder().delete(company_item).build(),
            TransactWriteItem::builder().delete(ledger_item).build(),
        ])
    }

    /// The start of a run: `scheduled` → `running`, with what the run needs once the data is
    /// gone (committed with the audit record `company.erasure.start`).
    fn erasure_start_op(
        &self,
        company_id: &str,
        started_at: &str,
        actor: &str,
        captured: &Captured,
    ) -> Result<TransactWriteItem, StoreError> {
        let list = |values: &[String]| s(serde_json::to_string(values).unwrap_or_default());
        let update = Update::builder()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression(
                "SET #state = :running, startedAt = :at, startedBy = :actor, \
                 adminEmails = :emails, companyName = :name, subs = :subs, domains = :domains",
            )
            .condition_expression("#state = :scheduled")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":running", s(LedgerState::Running.as_str()))
            .expression_attribute_values(":scheduled", s(LedgerState::Scheduled.as_str()))
            .expression_attribute_values(":at", s(started_at))
            .expression_attribute_values(":actor", s(actor))
            .expression_attribute_values(":emails", list(&captured.admin_emails))
            .expression_attribute_values(":name", s(&captured.company_name))
            .expression_attribute_values(":subs", list(&captured.subs))
            .expression_attribute_values(":domains", list(&captured.domains))
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// Adds `count` to one of the ledger's counts (and creates it at 0 when `count` is 0,
    /// so the certificate lists every kind even when there was nothing).
    async fn erasure_count(
        &self,
        company_id: &str,
        name: &str,
        count: u64,
    ) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression("ADD #count :n")
            .condition_expression("#state = :running")
            .expression_attribute_names("#count", counter_attribute(name))
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":n", n(count))
            .expression_attribute_values(":running", s(LedgerState::Running.as_str()))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// `running` → `completed`, naming the stored certificate.
    async fn erasure_complete(
        &self,
        company_id: &str,
        completed_at: &str,
        key: &str,
    ) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression(
                "SET #state = :completed, completedAt = :at, certificateKey = :key \
                 REMOVE subs, domains",
            )
            .condition_expression("#state = :running")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":completed", s(LedgerState::Completed.as_str()))
            .expression_attribute_values(":running", s(LedgerState::Running.as_str()))
            .expression_attribute_values(":at", s(completed_at))
            .expression_attribute_values(":key", s(key))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// Takes the run's lease on the ledger row (free, or expired): whether it got it.
    async fn erasure_lease_take(&self, company_id: &str, lease: &str) -> Result<bool, StoreError> {
        let now = Utc::now();
        let out = self
            .client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression("SET runLease = :lease, runLeaseUntil = :until")
            .condition_expression(
                "attribute_exists(pk) AND (attribute_not_exists(runLeaseUntil) OR runLeaseUntil < :now)",
            )
            .expression_attribute_values(":lease", s(lease))
            .expression_attribute_values(":until", s(timestamp(now + RUN_LEASE)))
            .expression_attribute_values(":now", s(timestamp(now)))
            .send()
            .await;
        match out {
            Ok(_) => Ok(true),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }

    async fn erasure_lease_release(&self, company_id: &str, lease: &str) -> Result<(), StoreError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression("REMOVE runLease, runLeaseUntil")
            .condition_expression("runLease = :lease")
            .expression_attribute_values(":lease", s(lease))
            .send()
            .await;
        match out {
            Ok(_) => Ok(()),
            // Expired and taken by another run, or the row was cancelled: not ours to free.
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }

    /// After the "done" mail (or the last attempt at it): the addresses and the name go.
    async fn erasure_forget_recipients(
        &self,
        company_id: &str,
        mail_failed: bool,
    ) -> Result<(), StoreError> {
        let expression = if mail_failed {
            "ADD mailAttempts :one"
        } else {
            "REMOVE adminEmails, companyName SET mailAttempts = :one"
        };
        self.client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression(expression)
            .expression_attribute_values(":one", n(1))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    async fn erasure_drop_recipients(&self, company_id: &str) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(LEDGER_PK))
            .key("sk", s(company_id))
            .update_expression("REMOVE adminEmails, companyName")
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// The company's name from its item, if it still has one.
    pub async fn company_name(&self, company_id: &str) -> Result<Option<String>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), COMPANY_SK.to_owned())
            .await?;
        Ok(item
            .as_ref()
            .and_then(|item| get_s(item, "name"))
            .map(str::to_owned))
    }

    /// The keys of every item of a partition (of the data or the audit table).
    async fn partition_keys(&self, table: &str, pk: &str) -> Result<Vec<Item>, StoreError> {
        let mut keys = Vec::new();
        let mut start = None;
        loop {
            let (page, next) = self.key_page(table, pk, start.take()).await?;
            keys.extend(page);
            match next {
                Some(key) => start = Some(key),
                None => return Ok(keys),
            }
        }
    }

    /// One page of a partition's keys from `start` (at most `KEY_PAGE` of them), and where the
    /// next page starts, if there is one.
    async fn key_page(
        &self,
        table: &str,
        pk: &str,
        start: Option<Item>,
    ) -> Result<(Vec<Item>, Option<Item>), StoreError> {
        let out = self
            .client
            .query()
            .table_name(table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s(pk))
            .projection_expression("pk, sk")
            .limit(i32::from(KEY_PAGE))
            .set_exclusive_start_key(start)
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let next = out.last_evaluated_key.filter(|key| !key.is_empty());
        Ok((out.items.unwrap_or_default(), next))
    }

    /// Deletes every item of a partition, a page of keys at a time: the run holds one page
    /// (`KEY_PAGE` keys), not the company, whatever its size. After each page it reads from the
    /// start of the partition again (strongly consistent, so what was deleted is gone); a page
    /// that comes back empty with more to read is followed. The items `counted_item` accepts
    /// are added to the ledger count `counted`; the others are deleted uncounted. It stops once
    /// it has deleted as many items as the partition held when it began, and a page more:
    /// whatever is written meanwhile is then left to the certificate's check, which finds it
    /// and has the next run continue, as when the partition was read whole before deleting.
    async fn erase_partition(
        &self,
        table: &str,
        pk: &str,
        counted: (&str, &str),
        counted_item: impl Fn(&Item) -> bool,
    ) -> Result<(), StoreError> {
        // A page is at most KEY_PAGE keys, fewer where DynamoDB's 1 MB per read ends it first:
        // the bound counts items, not pages.
        let bound = self.partition_size(table, pk).await? + u64::from(KEY_PAGE);
        let mut start = None;
        let mut erased = 0u64;
        while erased < bound {
            let (page, next) = self.key_page(table, pk, start.take()).await?;
            if page.is_empty() {
                match next {
                    Some(key) => {
                        start = Some(key);
                        continue;
                    }
                    None => return Ok(()),
                }
            }
            erased += page.len() as u64;
            let (counted_keys, others): (Vec<Item>, Vec<Item>) =
                page.into_iter().partition(|key| counted_item(key));
            self.erase_keys(table, counted_keys, Some(counted)).await?;
            self.erase_keys(table, others, None).await?;
        }
        Ok(())
    }

    /// How many items a partition holds.
    async fn partition_size(&self, table: &str, pk: &str) -> Result<u64, StoreError> {
        let mut count = 0u64;
        let mut start = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(table)
                .key_condition_expression("pk = :pk")
                .expression_attribute_values(":pk", s(pk))
                .select(Select::Count)
                .set_exclusive_start_key(start.take())
                .consistent_read(true)
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            count += u64::try_from(out.count).unwrap_or(0);
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(count),
            }
        }
    }

    /// Deletes `keys` from `table` in batches of 25, retrying what DynamoDB leaves
    /// unprocessed; each batch, once gone, is added to the company's ledger count `counted`
    /// (`(company, count name)`) when given.
    async fn erase_keys(
        &self,
        table: &str,
        keys: Vec<Item>,
        counted: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        for batch in keys.chunks(25) {
            let mut pending: Vec<WriteRequest> = batch
                .iter()
                .map(|key| {
                    DeleteRequest::builder()
                        .set_key(Some(key.clone()))
                        .build()
                        .map(|delete| WriteRequest::builder().delete_request(delete).build())
                        .map_err(|e| StoreError(e.to_string()))
                })
                .collect::<Result<_, _>>()?;
            let mut attempt = 0u32;
            while !pending.is_empty() {
                attempt += 1;
                if attempt > 8 {
                    return Err(StoreError(
                        "DynamoDB left deletes unprocessed after 8 attempts".into(),
                    ));
                }
                let out = self
                    .client
                    .batch_write_item()
                    .request_items(table, pending.clone())
                    .send()
                    .await
                    .map_err(StoreError::from_sdk)?;
                pending = out
                    .unprocessed_items
                    .and_then(|mut left| left.remove(table))
                    .unwrap_or_default();
                if !pending.is_empty() {
                    tokio::time::sleep(std::time::Duration::from_millis(50 * u64::from(attempt)))
                        .await;
                }
            }
            if let Some((company_id, name)) = counted {
                self.erasure_count(company_id, name, batch.len() as u64)
                    .await?;
            }
        }
        Ok(())
    }

    /// Deletes a pointer item outside the tenant if it names the company: whether it did.
    async fn erase_pointer(
        &self,
        company_id: &str,
        pk: String,
        sk: &str,
    ) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.data_table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression("companyId = :company")
            .expression_attribute_values(":company", s(company_id))
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match out {
            Ok(out) => Ok(out.attributes.is_some_and(|old| !old.is_empty())),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }

    /// Whether a pointer item names the company.
    async fn pointer_names(
        &self,
        company_id: &str,
        pk: String,
        sk: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.company_pointer(pk, sk).await?.as_deref() == Some(company_id))
    }
}

// ---------------------------------------------------------------------------------------------
// What a company holds.

/// What the run captures at its start, before the items it was found in are deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captured {
    pub admin_emails: Vec<String>,
    pub company_name: String,
    /// The `sub` of every user record (their `SUB#` pointers and pool accounts).
    pub subs: Vec<String>,
    /// The e-mail domains claimed for SSO (their `DOMAIN#` pointers).
    pub domains: Vec<String>,
}

async fn capture(store: &Store, company_id: &str) -> Result<Captured, ErasureError> {
    let users = store.all_users(company_id).await?;
    let sso = store.sso(company_id).await?;
    Ok(Captured {
        admin_emails: users
            .iter()
            .filter(|u| u.is_active_admin())
            .filter_map(|u| u.email.clone())
            .collect(),
        company_name: store.company_name(company_id).await?.unwrap_or_default(),
        subs: users.iter().map(|u| u.id.clone()).collect(),
        domains: sso.domains,
    })
}

/// What a company holds, counted (`mypages-cli company show`, and the certificate's checks).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    /// DataTable items: the company's partition and the pointer items that name it.
    pub items: u64,
    /// Object versions and delete markers under `t/<co>/`, all buckets.
    pub objects: u64,
    pub objects_by_bucket: BTreeMap<String, u64>,
    /// Accounts in the user pool of the company's users.
    pub users: u64,
    pub identity_providers: u64,
    /// Audit records in the AuditTable (both chains; heads and counters not counted).
    pub audit_records: u64,
    /// Every check made, one per place looked at.
    #[serde(skip)]
    pub checks: Vec<Check>,
}

impl Inventory {
    pub fn is_empty(&self) -> bool {
        Certificate::nothing_remains(&self.checks)
    }
}

/// Counts what the company holds: a query of its partition and of each pointer item that may
/// name it, a query of each audit partition, a listing of `t/<co>/` (every version and delete
/// marker) in each bucket, the pool's accounts of its users and its identity provider. The
/// subs and domains are those of the company's items plus `known` (a run's captured ones,
/// after the items are gone).
pub async fn inventory(
    deps: &ErasureDeps,
    company_id: &str,
    known: &Captured,
) -> Result<Inventory, ErasureError> {
    let store = &deps.store;
    let mut inventory = Inventory::default();
    let check = |inventory: &mut Inventory, what: &str, scope: String, remaining: u64| {
        inventory.checks.push(Check {
            what: what.to_owned(),
            scope,
            remaining,
        });
    };
    let live = capture(store, company_id).await?;
    let subs: BTreeSet<String> = live.subs.iter().chain(&known.subs).cloned().collect();
    let domains: BTreeSet<String> = live.domains.iter().chain(&known.domains).cloned().collect();

    let partition = company_pk(company_id);
    let items = store.partition_size(&store.data_table, &partition).await?;
    inventory.items += items;
    check(
        &mut inventory,
        "DataTable items of the company",
        format!("pk = {partition}"),
        items,
    );
    let provider = provider_name_for(company_id);
    let mut pointers = 0;
    for (pk, sk) in subs
        .iter()
        .map(|sub| (user_pointer_pk(sub), USER_POINTER_SK))
        .chain(domains.iter().map(|d| (domain_pk(d), DOMAIN_SK)))
        .chain([(provider_pk(&provider), PROVIDER_SK)])
    {
        if store.pointer_names(company_id, pk, sk).await? {
            pointers += 1;
        }
    }
    inventory.items += pointers;
    check(
        &mut inventory,
        "DataTable pointers naming the company",
        format!(
            "{} SUB#, {} DOMAIN#, 1 IDP# keys",
            subs.len(),
            domains.len()
        ),
        pointers,
    );

    for pk in audit_partitions(company_id) {
        let keys = store.partition_keys(&store.audit_table, &pk).await?;
        inventory.audit_records += keys.iter().filter(|k| is_record_key(k)).count() as u64;
        check(
            &mut inventory,
            "AuditTable items of the company",
            format!("pk = {pk}"),
            keys.len() as u64,
        );
    }

    for bucket in &deps.buckets {
        let versions = object_versions(bucket, company_id).await?;
        let count = versions.len() as u64;
        inventory.objects += count;
        *inventory
            .objects_by_bucket
            .entry(bucket.kind.to_owned())
            .or_default() += count;
        check(
            &mut inventory,
            &format!("object versions and delete markers ({})", bucket.kind),
            format!(
                "s3://{}/{}",
                bucket.company_bucket,
                company_prefix(company_id)
            ),
            count,
        );
    }

    // By the users' subs, and by the identity provider's prefix (accounts without a record).
    let mut accounts = std::collections::BTreeSet::new();
    for sub in &subs {
        if let Some(name) = deps
            .cognito
            .account_name_of(sub)
            .await
            .map_err(dependency)?
        {
            accounts.insert(name);
        }
    }
    accounts.extend(
        deps.cognito
            .accounts_of_provider(&provider)
            .await
            .map_err(dependency)?,
    );
    let users = accounts.len() as u64;
    inventory.users = users;
    check(
        &mut inventory,
        "user pool accounts of the company's users and of its identity provider",
        format!("{} subs, usernames {provider}_*", subs.len()),
        users,
    );
    let providers = u64::from(
        deps.cognito
            .identity_provider(&provider)
            .await
            .map_err(dependency)?
            .is_some(),
    );
    inventory.identity_providers = providers;
    check(
        &mut inventory,
        "user pool identity provider of the company",
        provider,
        providers,
    );
    Ok(inventory)
}

/// The company's partitions in the AuditTable: both chains and the refusal counters.
fn audit_partitions(company_id: &str) -> [String; 3] {
    [
        chain_pk(company_id, Chain::Data),
        chain_pk(company_id, Chain::Security),
        refusal_counter_pk(company_id),
    ]
}

/// An audit record's item (12-digit sort key), not a head or a counter.
fn is_record_key(key: &Item) -> bool {
    get_s(key, "sk").is_some_and(|sk| sk.len() == 12 && sk.bytes().all(|b| b.is_ascii_digit()))
}

/// Every version and delete marker under the company's prefix: `(key, version id)`.
async fn object_versions(
    bucket: &CompanyBucket,
    company_id: &str,
) -> Result<Vec<(String, Option<String>)>, ErasureError> {
    let mut found = Vec::new();
    let mut key_marker = None;
    let mut version_marker = None;
    loop {
        let out = bucket
            .company_s3
            .list_object_versions()
            .bucket(&bucket.company_bucket)
            .prefix(company_prefix(company_id))
            .set_key_marker(key_marker.take())
            .set_version_id_marker(version_marker.take())
            .send()
            .await
            .map_err(sdk_error)?;
        for version in out.versions() {
            if let Some(key) = version.key() {
                found.push((key.to_owned(), version.version_id().map(str::to_owned)));
            }
        }
        for marker in out.delete_markers() {
            if let Some(key) = marker.key() {
                found.push((key.to_owned(), marker.version_id().map(str::to_owned)));
            }
        }
        if out.is_truncated() != Some(true) {
            return Ok(found);
        }
        key_marker = out.next_key_marker().map(str::to_owned);
        version_marker = out.next_version_id_marker().map(str::to_owned);
        if key_marker.is_none() {
            return Ok(found);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The erasure.

/// The steps of a run, in order. Each deletes what is left of its kind, so any of them can be
/// run again; [`run_erasure_steps`] stops after one (the tests' "crash" half-way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Start,
    Objects,
    Users,
    IdentityProviders,
    DataItems,
    AuditChains,
    Certificate,
    Mail,
}

/// Erases the company completely (see [`run_erasure_steps`]).
pub async fn run_erasure(
    deps: &ErasureDeps,
    company_id: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<SignedCertificate, ErasureError> {
    run_erasure_steps(deps, company_id, actor, now, Step::Mail)
        .await?
        .ok_or_else(|| ErasureError::Dependency("the run stopped before its certificate".into()))
}

/// Runs the erasure up to and including `stop_after`: the certificate once it is written
/// (earlier or now), else `None`. The erasure must be scheduled (or running, or done); `now`
/// is not compared with `scheduledFor` (the hourly runner picks the due ones, an operator may
/// run one early).
pub async fn run_erasure_steps(
    deps: &ErasureDeps,
    company_id: &str,
    actor: &str,
    now: DateTime<Utc>,
    stop_after: Step,
) -> Result<Option<SignedCertificate>, ErasureError> {
    let store = &deps.store;
    // Every place a company's data lives must be reachable, or the certificate would count
    // zero where nothing was looked at (e.g. an operator's shell without the bucket names).
    let mut missing: Vec<&str> = REQUIRED_BUCKET_KINDS
        .iter()
        .copied()
        .filter(|kind| !deps.buckets.iter().any(|b| b.kind == *kind))
        .collect();
    if deps.archive.is_none() {
        missing.push("the audit archive");
    }
    if !missing.is_empty() {
        return Err(ErasureError::Unconfigured(missing.join(", ")));
    }
    if store.erasure_ledger_row(company_id).await?.is_none() {
        return Err(ErasureError::NotScheduled);
    }
    // One run at a time (the hourly run and an operator's may meet): a second would list and
    // count what the first is deleting. A run that dies keeps the lease until it expires.
    let lease = uuid::Uuid::now_v7().to_string();
    if !store.erasure_lease_take(company_id, &lease).await? {
        return Err(ErasureError::Busy);
    }
    let result = run_leased(deps, company_id, actor, now, stop_after).await;
    if let Err(error) = store.erasure_lease_release(company_id, &lease).await {
        tracing::warn!(%company_id, %error, "the erasure's lease was not released; it expires");
    }
    result
}

async fn run_leased(
    deps: &ErasureDeps,
    company_id: &str,
    actor: &str,
    now: DateTime<Utc>,
    stop_after: Step,
) -> Result<Option<SignedCertificate>, ErasureError> {
    let store = &deps.store;
    let mut row = store
        .erasure_ledger_row(company_id)
        .await?
        .ok_or(ErasureError::NotScheduled)?;
    if row.state == LedgerState::Scheduled {
        start(store, company_id, actor, now).await?;
        row = store
            .erasure_ledger_row(company_id)
            .await?
            .ok_or(ErasureError::Changed)?;
    }
    if stop_after == Step::Start {
        return Ok(None);
    }
    let mut certificate = None;
    if row.state == LedgerState::Running {
        let captured = Captured {
            admin_emails: row.admin_emails.clone(),
            company_name: row.company_name.clone().unwrap_or_default(),
            subs: row.subs.clone(),
            domains: row.domains.clone(),
        };
        for step in [
            Step::Objects,
            Step::Users,
            Step::IdentityProviders,
            Step::DataItems,
            Step::AuditChains,
        ] {
            erase_step(deps, company_id, &captured, step).await?;
            if step == stop_after {
                return Ok(None);
            }
        }
        certificate = Some(certify(deps, company_id, &captured, now).await?);
        if stop_after == Step::Certificate {
            return Ok(certificate);
        }
        row = store
            .erasure_ledger_row(company_id)
            .await?
            .ok_or(ErasureError::Changed)?;
    }
    let certificate = match certificate {
        Some(c) => c,
        None => stored_certificate(deps, company_id)
            .await?
            .ok_or_else(|| dependency("the ledger says completed but no certificate is stored"))?,
    };
    if !row.admin_emails.is_empty() || row.company_name.is_some() {
        mail_completion(deps, &row, &certificate).await?;
    }
    Ok(Some(certificate))
}

/// `scheduled` → `running` with the audit record `company.erasure.start` in the company's
/// chain, capturing what the later steps and the last mail need.
async fn start(
    store: &Store,
    company_id: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), ErasureError> {
    let captured = capture(store, company_id).await?;
    let started_at = timestamp(now);
    let op = store.erasure_start_op(company_id, &started_at, actor, &captured)?;
    let event = AuditEvent {
        actor: actor.to_owned(),
        action: "company.erasure.start".to_owned(),
        target: format!("company/{company_id}"),
        reason: None,
        request_id: uuid::Uuid::now_v7().to_string(),
        details: [
            ("users".to_owned(), json!(captured.subs.len())),
            ("startedAt".to_owned(), json!(started_at)),
        ]
        .into_iter()
        .collect(),
    };
    match store.commit(company_id, vec![op], event, None).await {
        Ok(_) => Ok(()),
        // Another run started it meanwhile: go on with it.
        Err(super::CommitError::Conflict) => match store.erasure_ledger_row(company_id).await? {
            Some(row) if row.state != LedgerState::Scheduled => Ok(()),
            _ => Err(ErasureError::Changed),
        },
        Err(error) => Err(dependency(error)),
    }
}

async fn erase_step(
    deps: &ErasureDeps,
    company_id: &str,
    captured: &Captured,
    step: Step,
) -> Result<(), ErasureError> {
    let store = &deps.store;
    match step {
        Step::Objects => {
            for bucket in &deps.buckets {
                let name = format!("objects.{}", bucket.kind);
                store.erasure_count(company_id, &name, 0).await?;
                let versions = object_versions(bucket, company_id).await?;
                for batch in versions.chunks(100) {
                    erase_objects(bucket, batch).await?;
                    store
                        .erasure_count(company_id, &name, batch.len() as u64)
                        .await?;
                }
            }
        }
        Step::Users => {
            store.erasure_count(company_id, "users", 0).await?;
            for sub in &captured.subs {
                if let Some(username) = deps
                    .cognito
                    .account_name_of(sub)
                    .await
                    .map_err(dependency)?
                {
                    deps.cognito
                        .delete_user(&username)
                        .await
                        .map_err(dependency)?;
                    store.erasure_count(company_id, "users", 1).await?;
                }
            }
            // Accounts the company's identity provider made that never got a user record
            // (the pre-token trigger refused them): found by their provider prefix.
            for username in deps
                .cognito
                .accounts_of_provider(&provider_name_for(company_id))
                .await
                .map_err(dependency)?
            {
                deps.cognito
                    .delete_user(&username)
                    .await
                    .map_err(dependency)?;
                store.erasure_count(company_id, "users", 1).await?;
            }
        }
        Step::IdentityProviders => {
            store
                .erasure_count(company_id, "identityProviders", 0)
                .await?;
            let provider = provider_name_for(company_id);
            if deps
                .cognito
                .identity_provider(&provider)
                .await
                .map_err(dependency)?
                .is_some()
            {
                deps.cognito
                    .delete_identity_provider(&provider)
                    .await
                    .map_err(dependency)?;
                store
                    .erasure_count(company_id, "identityProviders", 1)
                    .await?;
            }
        }
        Step::DataItems => {
            store.erasure_count(company_id, "dataItems", 0).await?;
            // The pointers first: they are found through the captured keys, not the partition.
            let provider = provider_name_for(company_id);
            for (pk, sk) in captured
                .subs
                .iter()
                .map(|sub| (user_pointer_pk(sub), USER_POINTER_SK))
                .chain(captured.domains.iter().map(|d| (domain_pk(d), DOMAIN_SK)))
                .chain([(provider_pk(&provider), PROVIDER_SK)])
            {
                if store.erase_pointer(company_id, pk, sk).await? {
                    store.erasure_count(company_id, "dataItems", 1).await?;
                }
            }
            store
                .erase_partition(
                    &store.data_table,
                    &company_pk(company_id),
                    (company_id, "dataItems"),
                    |_| true,
                )
                .await?;
        }
        Step::AuditChains => {
            store.erasure_count(company_id, "auditRecords", 0).await?;
            if let Some(archive) = &deps.archive {
                put_marker(&ErasureArchive::of(archive), company_id).await?;
            }
            for pk in audit_partitions(company_id) {
                store
                    .erase_partition(
                        &store.audit_table,
                        &pk,
                        (company_id, "auditRecords"),
                        is_record_key,
                    )
                    .await?;
            }
        }
        Step::Start | Step::Certificate | Step::Mail => {}
    }
    Ok(())
}

async fn erase_objects(
    bucket: &CompanyBucket,
    batch: &[(String, Option<String>)],
) -> Result<(), ErasureError> {
    // One request per version (not DeleteObjects): each names its version, so what is
    // allowed is exactly s3:DeleteObjectVersion under `t/*`.
    for (key, version) in batch {
        bucket
            .company_s3
            .delete_object()
            .bucket(&bucket.company_bucket)
            .key(key)
            // An object written before versioning (or in an unversioned bucket) is "null".
            .version_id(version.as_deref().unwrap_or("null"))
            .send()
            .await
            .map_err(sdk_error)?;
    }
    Ok(())
}

/// Writes the archive's marker that the company's chains are being erased (once).
async fn put_marker(archive: &ErasureArchive, company_id: &str) -> Result<(), ErasureError> {
    let body = json!({"companyId": company_id, "erasure": "the company's audit chains are deleted from the AuditTable by its erasure; the archive keeps them"});
    put_archive_once(
        archive,
        &erasure_marker_key(company_id),
        body.to_string().into_bytes(),
    )
    .await
}

async fn put_archive_once(
    archive: &ErasureArchive,
    key: &str,
    body: Vec<u8>,
) -> Result<(), ErasureError> {
    let put = archive
        .archive_s3
        .put_object()
        .bucket(&archive.audit_archive_bucket)
        .key(key)
        .content_type("application/json")
        .if_none_match("*")
        .body(aws_sdk_s3::primitives::ByteStream::from(body))
        .send()
        .await;
    match put {
        Ok(_) => Ok(()),
        Err(error)
            if aws_sdk_s3::error::ProvideErrorMetadata::code(&error)
                == Some("PreconditionFailed") =>
        {
            Ok(())
        }
        Err(error) => Err(sdk_error(error)),
    }
}

/// Whether the company's erasure marked its chains as deleted on purpose (the archiver asks).
pub async fn erasure_marked(archive: &ErasureArchive, company_id: &str) -> Result<bool, String> {
    // A listing, not a HeadObject: without s3:ListBucket on the key, S3 answers a missing
    // object with 403, not 404, so "no marker" would be an error instead of an answer; the
    // archiver's ListBucket is scoped to this prefix.
    let key = erasure_marker_key(company_id);
    let listed = archive
        .archive_s3
        .list_objects_v2()
        .bucket(&archive.audit_archive_bucket)
        .prefix(&key)
        .max_keys(1)
        .send()
        .await
        .map_err(|error| format!("{}", aws_sdk_s3::error::DisplayErrorContext(&error)))?;
    Ok(listed
        .contents()
        .iter()
        .any(|object| object.key() == Some(key.as_str())))
}

/// The certificate stored for the company, if one is.
pub async fn stored_certificate(
    deps: &ErasureDeps,
    company_id: &str,
) -> Result<Option<SignedCertificate>, ErasureError> {
    let Some(archive) = &deps.archive else {
        return Err(dependency("the audit archive is not configured"));
    };
    let out = ErasureArchive::of(archive)
        .archive_s3
        .get_object()
        .bucket(&ErasureArchive::of(archive).audit_archive_bucket)
        .key(certificate_key(company_id))
        .send()
        .await;
    let out = match out {
        Ok(out) => out,
        Err(error) if error.as_service_error().is_some_and(|e| e.is_no_such_key()) => {
            return Ok(None);
        }
        Err(error) => return Err(sdk_error(error)),
    };
    let bytes = out.body.collect().await.map_err(dependency)?.into_bytes();
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| dependency(format!("the stored certificate does not parse: {e}")))
}

/// Checks that nothing remains, then signs and stores the certificate (once: a certificate
/// already stored by an earlier run that died before the ledger said so is the one kept) and
/// marks the ledger completed.
async fn certify(
    deps: &ErasureDeps,
    company_id: &str,
    captured: &Captured,
    now: DateTime<Utc>,
) -> Result<SignedCertificate, ErasureError> {
    let store = &deps.store;
    let Some(archive) = &deps.archive else {
        return Err(dependency("the audit archive is not configured"));
    };
    let key = certificate_key(company_id);
    if let Some(existing) = stored_certificate(deps, company_id).await? {
        store
            .erasure_complete(company_id, &existing.certificate.completed_at, &key)
            .await?;
        return Ok(existing);
    }
    let left = inventory(deps, company_id, captured).await?;
    if !left.is_empty() {
        let remains: Vec<String> = left
            .checks
            .iter()
            .filter(|c| c.remaining > 0)
            .map(|c| format!("{} ({}): {}", c.what, c.scope, c.remaining))
            .collect();
        return Err(ErasureError::Remains(remains.join("; ")));
    }
    let row = store
        .erasure_ledger_row(company_id)
        .await?
        .ok_or(ErasureError::Changed)?;
    let completed_at = now.max(Utc::now());
    let certificate = Certificate {
        company_id: company_id.to_owned(),
        scheduled_for: row.scheduled_for.clone(),
        started_at: row.started_at.clone().unwrap_or_default(),
        completed_at: timestamp(completed_at),
        requested_by: row.requested_by.clone(),
        operator: row
            .started_by
            .clone()
            .filter(|actor| actor != SCHEDULE_ACTOR),
        deleted: row.deleted.clone(),
        checks: left.checks,
        backups: Backups::after(completed_at, deps.archive_retention_years),
        archive: ARCHIVE_STATEMENT.to_owned(),
    };
    let (signature, key_id) = archive
        .signer
        .sign_payload(certificate.signing_payload())
        .await
        .map_err(dependency)?;
    let signed = SignedCertificate {
        certificate,
        signature,
        algorithm: CERTIFICATE_ALGORITHM.to_owned(),
        key_id,
    };
    let body = serde_json::to_vec_pretty(&signed).map_err(dependency)?;
    put_archive_once(&ErasureArchive::of(archive), &key, body).await?;
    // Whatever is stored now is the certificate (a concurrent run may have stored its own).
    let stored = stored_certificate(deps, company_id)
        .await?
        .ok_or_else(|| dependency("the certificate was not stored"))?;
    store
        .erasure_complete(company_id, &stored.certificate.completed_at, &key)
        .await?;
    Ok(stored)
}

/// The "done" mail to the admins captured at the start; then their addresses and the
/// company's name are dropped from the ledger. A failed mail is tried again by the next runs,
/// [`MAIL_ATTEMPTS`] times in all, after which the addresses are dropped unsent.
async fn mail_completion(
    deps: &ErasureDeps,
    row: &LedgerRow,
    certificate: &SignedCertificate,
) -> Result<(), ErasureError> {
    let store = &deps.store;
    let Some(mailer) = &deps.mailer else {
        tracing::warn!(company_id = %row.company_id, "no mail sender configured; the erasure's admins are not told");
        store.erasure_drop_recipients(&row.company_id).await?;
        return Ok(());
    };
    let name = row.company_name.clone().unwrap_or_default();
    let (subject, text) = crate::domain::erasure::completed_mail(&name, certificate);
    match mailer.mail_each(&row.admin_emails, &subject, &text).await {
        Ok(()) => {
            store
                .erasure_forget_recipients(&row.company_id, false)
                .await?
        }
        Err(error) if row.mail_attempts + 1 >= MAIL_ATTEMPTS => {
            tracing::error!(company_id = %row.company_id, %error, "the erasure's done mail failed for the last time; the addresses are dropped");
            store.erasure_drop_recipients(&row.company_id).await?;
        }
        Err(error) => {
            tracing::error!(company_id = %row.company_id, %error, "the erasure's done mail failed; the next run tries again");
            store
                .erasure_forget_recipients(&row.company_id, true)
                .await?;
        }
    }
    Ok(())
}

/// The ledger rows a run at `now` works on: due scheduled ones, running ones (a run died),
/// and completed ones whose "done" mail is still to be sent.
pub fn due_rows(rows: Vec<LedgerRow>, now: DateTime<Utc>) -> Vec<LedgerRow> {
    rows.into_iter()
        .filter(|row| {
            let scheduled_for = DateTime::parse_from_rfc3339(&row.scheduled_for)
                .map(|at| at.with_timezone(&Utc))
                .unwrap_or(now);
            row.state.is_due(scheduled_for, now)
                || (row.state == LedgerState::Completed
                    && (!row.admin_emails.is_empty() || row.company_name.is_some()))
        })
        .collect()
}

/// The mail to every active admin of the company (scheduled or cancelled). A failure is
/// logged, not returned: the change it tells of is committed and stands; it is not retried
/// (the admins see the erasure in the app, `GET /company/erasure`).
pub async fn mail_admins(deps: &Deps, company_id: &str, subject: &str, text: &str) {
    let Some(mailer) = &deps.mailer else {
        tracing::warn!(%company_id, "no mail sender configured; the admins are not told");
        return;
    };
    let recipients = match deps.store.all_users(company_id).await {
        Ok(users) => users
            .into_iter()
            .filter(|u| u.is_active_admin())
            .filter_map(|u| u.email)
            .collect::<Vec<_>>(),
        Err(error) => {
            tracing::error!(%company_id, %error, "the admins could not be read; no mail sent");
            return;
        }
    };
    if let Err(error) = mailer.mail_each(&recipients, subject, text).await {
        tracing::error!(%company_id, %error, "the admins' mail failed; it is not retried");
    }
}
