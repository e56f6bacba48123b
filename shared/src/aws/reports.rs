//! Report items in the data table, the company's portfolio as the report reads it, the report
//! files in the reports bucket and the reports queue.
//!
//! # Item layout (data table)
//!
//! A report is one item, `pk` = `C#<companyId>`, `sk` = `REPORT#<reportId>` (a UUID v7:
//! `sk` order is creation order, so the list is a Query read backwards):
//!
//! | attribute       | type | content |
//! |-----------------|------|---------|
//! | `id`            | S    | `<reportId>` |
//! | `status`        | S    | `pending`, `processing`, `finished`, `failed` |
//! | `request`       | S    | the checked request as JSON, every default resolved ([`ReportOrder::to_json`]) |
//! | `basis`         | S    | the company settings the report is computed under ([`ReportBasis`], JSON) |
//! | `createdAt`, `createdBy`, `updatedAt` | S | RFC 3339; the creator's `sub` |
//! | `failureReason` | S    | why a `failed` report failed |
//! | `finishedAt`    | S    | when it finished |
//! | `outputKey`, `contentType`, `fileName` | S | the file in the reports bucket |
//! | `outputSize`    | N    | its bytes |
//! | `contracts`     | N    | how many contracts the report read |
//!
//! Status changes are conditional on the status they leave (`pending → processing →
//! finished | failed`, and `pending → failed`), so two deliveries of one queue message
//! cannot both finish a report and nothing moves a finished report back.
//!
//! # The portfolio
//!
//! One paged Query of the company's `CONTRACT#` range reads every head and version. An
//! archived contract (archiving is the API's only way to end a lease early) is terminated on
//! the UTC date of its head's `updatedAt`: archiving is the head's last change, so that is the
//! day it was archived.

use super::sdk::LazyClient;
use aws_sdk_dynamodb::types::TransactWriteItem;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

use super::contracts::{ContractStatus, head_from_item, version_from_item};
use super::keys::{company_pk, contract_sk};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use crate::config::ReportsIds;
use crate::domain::claims::is_safe_id;
use crate::domain::lease::RateConvention;
use crate::domain::report::{Accounts, ContractInput, VersionInput};
use crate::domain::report_request::ReportOrder;

pub const REPORT_SK_PREFIX: &str = "REPORT#";

pub fn report_sk(id: &str) -> String {
    format!("{REPORT_SK_PREFIX}{id}")
}

/// Where a report's file lives: `t/<co>/reports/<id>/<fileName>`.
pub fn report_output_key(company_id: &str, report_id: &str, file_name: &str) -> String {
    format!("t/{company_id}/reports/{report_id}/{file_name}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    Pending,
    Processing,
    Finished,
    Failed,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Pending => "pending",
            ReportStatus::Processing => "processing",
            ReportStatus::Finished => "finished",
            ReportStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<ReportStatus> {
        Some(match text {
            "pending" => ReportStatus::Pending,
            "processing" => ReportStatus::Processing,
            "finished" => ReportStatus::Finished,
            "failed" => ReportStatus::Failed,
            _ => return None,
        })
    }
}

/// The company settings a report is computed under, fixed when it is ordered: a change of
/// settings while a queued report waits does not change what was ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportBasis {
    pub rate_convention: RateConvention,
    pub accounts: Accounts,
}

/// A report's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOutput {
    pub key: String,
    pub size: u64,
    pub content_type: String,
    pub file_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredReport {
    pub id: String,
    pub status: ReportStatus,
    pub order: ReportOrder,
    pub basis: ReportBasis,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub failure_reason: Option<String>,
    pub finished_at: Option<String>,
    pub output: Option<ReportOutput>,
    pub contracts: Option<u32>,
}

fn unreadable(id: &str) -> StoreError {
    StoreError(format!("report item {id} cannot be read"))
}

pub fn report_from_item(item: &Item) -> Option<StoredReport> {
    let request: Value = serde_json::from_str(get_s(item, "request")?).ok()?;
    let output = match get_s(item, "outputKey") {
        None => None,
        Some(key) => Some(ReportOutput {
            key: key.to_owned(),
            size: get_n(item, "outputSize")?,
            content_type: get_s(item, "contentType")?.to_owned(),
            file_name: get_s(item, "fileName")?.to_owned(),
        }),
    };
    Some(StoredReport {
        id: get_s(item, "id")?.to_owned(),
        status: ReportStatus::parse(get_s(item, "status")?)?,
        order: ReportOrder::from_json(&request)?,
        basis: serde_json::from_str(get_s(item, "basis")?).ok()?,
        created_at: get_s(item, "createdAt")?.to_owned(),
        created_by: get_s(item, "createdBy")?.to_owned(),
        updated_at: get_s(item, "updatedAt")?.to_owned(),
        failure_reason: get_s(item, "failureReason").map(str::to_owned),
        finished_at: get_s(item, "finishedAt").map(str::to_owned),
        output,
        contracts: get_n(item, "contracts"),
    })
}

fn report_item(company_id: &str, report: &StoredReport) -> Result<Item, StoreError> {
    let basis = serde_json::to_string(&report.basis).map_err(|e| StoreError(e.to_string()))?;
    let mut item: Item = [
        ("pk".to_owned(), s(company_pk(company_id))),
        ("sk".to_owned(), s(report_sk(&report.id))),
        ("id".to_owned(), s(report.id.clone())),
        ("status".to_owned(), s(report.status.as_str())),
        ("request".to_owned(), s(report.order.to_json().to_string())),
        ("basis".to_owned(), s(basis)),
        ("createdAt".to_owned(), s(report.created_at.clone())),
        ("createdBy".to_owned(), s(report.created_by.clone())),
        ("updatedAt".to_owned(), s(report.updated_at.clone())),
    ]
    .into_iter()
    .collect();
    if let Some(reason) = &report.failure_reason {
        item.insert("failureReason".to_owned(), s(reason.clone()));
    }
    if let Some(at) = &report.finished_at {
        item.insert("finishedAt".to_owned(), s(at.clone()));
    }
    if let Some(output) = &report.output {
        output_attributes(&mut item, output);
    }
    if let Some(count) = report.contracts {
        item.insert("contracts".to_owned(), n(count));
    }
    Ok(item)
}

fn output_attributes(item: &mut Item, output: &ReportOutput) {
    item.insert("outputKey".to_owned(), s(output.key.clone()));
    item.insert("outputSize".to_owned(), n(output.size));
    item.insert("contentType".to_owned(), s(output.content_type.clone()));
    item.insert("fileName".to_owned(), s(output.file_name.clone()));
}

/// How many of a company's newest reports the limit on unfinished reports looks at.
pub const UNFINISHED_REPORTS_WINDOW: i32 = 50;

/// A company with this many reports `pending` or `processing` (among its newest
/// [`UNFINISHED_REPORTS_WINDOW`]) may queue no more until one settles.
pub const MAX_UNFINISHED_REPORTS: usize = 3;

/// How long a report's file is kept by default: the reports bucket's lifecycle rule expires it
/// after `ReportRetentionDays` (this default; `REPORT_RETENTION_DAYS` in the functions).
pub const REPORT_RETENTION_DAYS: i64 = crate::domain::retention::DEFAULT_REPORT_RETENTION_DAYS;

/// The items (with their `status`) that are `pending` or `processing`.
pub fn count_unfinished(items: &[Item]) -> usize {
    items
        .iter()
        .filter_map(|item| get_s(item, "status").and_then(ReportStatus::parse))
        .filter(|status| matches!(status, ReportStatus::Pending | ReportStatus::Processing))
        .count()
}

/// Whether a file stored under `key` belongs to this company's report `report_id`.
pub fn is_report_output_key(company_id: &str, report_id: &str, key: &str) -> bool {
    key.strip_prefix(&report_output_key(company_id, report_id, ""))
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// Whether `key` is one [`Store::reports_page`] could have returned for this company.
pub fn is_report_list_key(company_id: &str, key: &KeyMap) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    key.len() == 2
        && get("pk") == Some(company_pk(company_id).as_str())
        && get("sk")
            .and_then(|sk| sk.strip_prefix(REPORT_SK_PREFIX))
            .is_some_and(is_safe_id)
}

/// A conditional status change: what it found.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportTransition {
    /// Done: the report as it is now.
    Done(Box<StoredReport>),
    /// The report is not in a status the change leaves from (or there is none).
    NotFrom,
}

impl Store {
    /// The new report's `Put`, for the transaction with its audit record; never overwrites.
    pub fn report_create_put(
        &self,
        company_id: &str,
        report: &StoredReport,
    ) -> Result<TransactWriteItem, StoreError> {
        let item = report_item(company_id, report)?;
        self.put_data(item, Some("attribute_not_exists(pk)"), Item::new(), &[])
    }

    /// The key of a report's item, to read it ahead with [`Store::batch_get`].
    pub fn report_key(&self, company_id: &str, id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), report_sk(id))
    }

    /// The report; `None` for an unknown id (another company's ids are unknown here).
    pub async fn stored_report(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<StoredReport>, StoreError> {
        match self
            .data_item(company_pk(company_id), report_sk(id))
            .await?
        {
            None => Ok(None),
            Some(item) => report_from_item(&item)
                .map(Some)
                .ok_or_else(|| unreadable(id)),
        }
    }

    /// One page of the company's reports, newest first.
    pub async fn reports_page(
        &self,
        company_id: &str,
        page: &PageRequest,
    ) -> Result<(Vec<StoredReport>, Option<KeyMap>), StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :report)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":report", s(REPORT_SK_PREFIX))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let reports = out
            .items()
            .iter()
            .map(|item| {
                report_from_item(item).ok_or_else(|| unreadable(get_s(item, "id").unwrap_or("")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((reports, out.last_evaluated_key.as_ref().map(to_key_map)))
    }

    /// Moves the report to `to` if it is in one of `from`, setting `extra` attributes with it;
    /// the report as it is afterwards.
    async fn move_report(
        &self,
        company_id: &str,
        id: &str,
        from: &[ReportStatus],
        to: ReportStatus,
        extra: Item,
        at: DateTime<Utc>,
    ) -> Result<ReportTransition, StoreError> {
        let from: Vec<&str> = from.iter().map(|status| status.as_str()).collect();
        let key = (company_pk(company_id), report_sk(id));
        match self.move_status(key, &from, to.as_str(), extra, at).await? {
            Some(item) => Ok(ReportTransition::Done(Box::new(
                report_from_item(&item).ok_or_else(|| unreadable(id))?,
            ))),
            None => Ok(ReportTransition::NotFrom),
        }
    }

    /// `pending → processing`. Only from `pending`: a report found `processing` is one whose
    /// worker died (a timeout, memory, a panic), since a worker that fails cleanly puts it
    /// back ([`Store::report_pending_again`]).
    pub async fn report_processing(
        &self,
        company_id: &str,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<ReportTransition, StoreError> {
        self.move_report(
            company_id,
            id,
            &[ReportStatus::Pending],
            ReportStatus::Processing,
            Item::new(),
            at,
        )
        .await
    }

    /// `processing → pending`: the worker met a transient failure and the message will be
    /// delivered again.
    pub async fn report_pending_again(
        &self,
        company_id: &str,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<ReportTransition, StoreError> {
        self.move_report(
            company_id,
            id,
            &[ReportStatus::Processing],
            ReportStatus::Pending,
            Item::new(),
            at,
        )
        .await
    }

    /// How many of the company's newest [`UNFINISHED_REPORTS_WINDOW`] reports are still
    /// `pending` or `processing` (one Query, newest first).
    pub async fn unfinished_reports(&self, company_id: &str) -> Result<usize, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :report)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":report", s(REPORT_SK_PREFIX))
            .expression_attribute_names("#status", "status")
            .projection_expression("#status")
            .scan_index_forward(false)
            .consistent_read(true)
            .limit(UNFINISHED_REPORTS_WINDOW)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(count_unfinished(out.items()))
    }

    /// `processing → finished` with the file.
    pub async fn report_finished(
        &self,
        company_id: &str,
        id: &str,
        output: &ReportOutput,
        contracts: u32,
        at: DateTime<Utc>,
    ) -> Result<ReportTransition, StoreError> {
        let mut extra = Item::new();
        output_attributes(&mut extra, output);
        extra.insert("contracts".to_owned(), n(contracts));
        extra.insert("finishedAt".to_owned(), s(super::timestamp(at)));
        self.move_report(
            company_id,
            id,
            &[ReportStatus::Processing],
            ReportStatus::Finished,
            extra,
            at,
        )
        .await
    }

    /// `pending | processing → failed` with the reason.
    pub async fn report_failed(
        &self,
        company_id: &str,
        id: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ReportTransition, StoreError> {
        let extra: Item = [("failureReason".to_owned(), s(reason))]
            .into_iter()
            .collect();
        self.move_report(
            company_id,
            id,
            &[ReportStatus::Pending, ReportStatus::Processing],
            ReportStatus::Failed,
            extra,
            at,
        )
        .await
    }

    /// Every contract of the company with every version, in id order (see the module's doc
    /// for archived contracts).
    pub async fn portfolio_inputs(
        &self,
        company_id: &str,
    ) -> Result<Vec<ContractInput>, StoreError> {
        let mut items: Vec<Item> = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.data_table)
                .key_condition_expression("pk = :pk AND begins_with(sk, :contract)")
                .expression_attribute_values(":pk", s(company_pk(company_id)))
                .expression_attribute_values(":contract", s(contract_sk("")))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            items.extend(out.items.unwrap_or_default());
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        portfolio_from_items(&items)
    }
}

/// Heads and versions (in any order) grouped into contracts, in id order.
pub fn portfolio_from_items(items: &[Item]) -> Result<Vec<ContractInput>, StoreError> {
    let mut contracts: BTreeMap<String, ContractInput> = BTreeMap::new();
    let mut heads = std::collections::BTreeSet::new();
    for item in items {
        let sk = get_s(item, "sk").unwrap_or_default();
        let rest = sk.strip_prefix(&contract_sk("")).unwrap_or_default();
        match rest.split_once("#V#") {
            None => {
                let head = head_from_item(item).ok_or_else(|| unreadable_contract(rest))?;
                let terminated_on = match head.status {
                    ContractStatus::Active => None,
                    ContractStatus::Archived => Some(archived_on(&head.updated_at, rest)?),
                };
                heads.insert(head.id.clone());
                contracts
                    .entry(head.id.clone())
                    .or_insert_with(|| empty_input(&head.id))
                    .terminated_on = terminated_on;
            }
            Some((id, _)) => {
                let version = version_from_item(item).ok_or_else(|| unreadable_contract(id))?;
                contracts
                    .entry(id.to_owned())
                    .or_insert_with(|| empty_input(id))
                    .versions
                    .push(VersionInput {
                        number: version.version,
                        effective_from: version.effective_from,
                        terms: version.terms,
                    });
            }
        }
    }
    // Versions without their head are a half-written contract no reader shows: left out.
    let mut out: Vec<ContractInput> = contracts
        .into_values()
        .filter(|c| heads.contains(&c.id) && !c.versions.is_empty())
        .collect();
    for contract in &mut out {
        contract.versions.sort_by_key(|v| v.number);
    }
    Ok(out)
}

fn empty_input(id: &str) -> ContractInput {
    ContractInput {
        id: id.to_owned(),
        versions: Vec::new(),
        terminated_on: None,
    }
}

fn unreadable_contract(id: &str) -> StoreError {
    StoreError(format!("contract item {id} cannot be read"))
}

fn archived_on(updated_at: &str, id: &str) -> Result<NaiveDate, StoreError> {
    DateTime::parse_from_rfc3339(updated_at)
        .map(|at| at.with_timezone(&Utc).date_naive())
        .map_err(|_| unreadable_contract(id))
}

/// The reports bucket and queue.
#[derive(Debug, Clone)]
pub struct Reports {
    pub ids: ReportsIds,
    pub s3: LazyClient<aws_sdk_s3::Client>,
    pub sqs: LazyClient<aws_sdk_sqs::Client>,
}

/// What `reports-generate` needs: the data table, the rates and the reports bucket. (Not
/// [`crate::Deps`]: the worker is no API function and has no user pool to name.)
#[derive(Debug, Clone)]
pub struct ReportWorkerDeps {
    pub store: Store,
    pub rates: Option<super::rates::RatesTable>,
    pub reports: Reports,
}

impl ReportWorkerDeps {
    pub async fn from_env() -> Result<ReportWorkerDeps, crate::config::ConfigError> {
        let data_table = crate::config::required("DATA_TABLE")?;
        let audit_table = crate::config::required("AUDIT_TABLE")?;
        let rates_table = crate::config::required("RATES_TABLE")?;
        let ids = ReportsIds::from_env()?.ok_or(crate::config::ConfigError {
            name: "REPORTS_BUCKET",
            problem: "is not set",
        })?;
        let sdk = crate::aws::sdk::load()?;
        Ok(ReportWorkerDeps {
            store: Store::new(LazyClient::new(&sdk), &data_table, &audit_table),
            rates: Some(super::rates::RatesTable::new(
                LazyClient::new(&sdk),
                &rates_table,
            )),
            reports: Reports::new(&ids, &sdk),
        })
    }

    /// The same from an API function's dependencies (the local stack runs every function
    /// with one); `None` without the reports bucket.
    pub fn from_deps(deps: &crate::Deps) -> Option<ReportWorkerDeps> {
        Some(ReportWorkerDeps {
            store: deps.store.clone(),
            rates: deps.rates.clone(),
            reports: deps.reports.clone()?,
        })
    }
}

/// The reports bucket or queue failed.
#[derive(Debug, Error)]
#[error("reports: {0}")]
pub struct ReportsError(pub String);

impl From<ReportsError> for StoreError {
    fn from(error: ReportsError) -> Self {
        StoreError(error.0)
    }
}

/// A queued report: what `reports-generate` receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportMessage {
    pub company_id: String,
    pub report_id: String,
}

/// How long SQS holds a queued report back: `reports-create` sends before it commits the
/// report (so a report is never committed without its message), and the delay lets the
/// commit land before the worker looks for the item. Generous (5 s, not the commit's usual
/// tens of milliseconds): a message that finds no item is delivered again only after the
/// queue's whole visibility timeout, so a slow commit missed here delays the report by
/// minutes.
pub const QUEUE_DELAY_SECONDS: i32 = 5;

impl Reports {
    pub fn new(ids: &ReportsIds, sdk: &aws_types::SdkConfig) -> Reports {
        Reports {
            ids: ids.clone(),
            s3: LazyClient::new(sdk),
            sqs: LazyClient::new(sdk),
        }
    }

    /// Stores a report's file (the bucket's default encryption is SSE-KMS with the data key).
    pub async fn store_output(
        &self,
        key: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<(), ReportsError> {
        self.s3
            .put_object()
            .bucket(&self.ids.reports_bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(|e| ReportsError(format!("{}", aws_sdk_s3::error::DisplayErrorContext(&e))))?;
        Ok(())
    }

    /// A presigned GET of a report's file, served as an attachment.
    pub async fn output_download_url(
        &self,
        output: &ReportOutput,
        content_disposition: &str,
        valid_for: std::time::Duration,
    ) -> Result<String, ReportsError> {
        let presigning =
            PresigningConfig::expires_in(valid_for).map_err(|e| ReportsError(e.to_string()))?;
        let request = self
            .s3
            .get_object()
            .bucket(&self.ids.reports_bucket)
            .key(&output.key)
            .response_content_disposition(content_disposition)
            .response_content_type(&output.content_type)
            .presigned(presigning)
            .await
            .map_err(|e| ReportsError(format!("{}", aws_sdk_s3::error::DisplayErrorContext(&e))))?;
        Ok(request.uri().to_owned())
    }

    /// Queues a report for `reports-generate`.
    pub async fn enqueue_report(&self, message: &ReportMessage) -> Result<(), ReportsError> {
        let queue_url = self
            .ids
            .reports_queue_url
            .as_deref()
            .ok_or_else(|| ReportsError("REPORTS_QUEUE_URL is not configured".into()))?;
        let body = serde_json::to_string(message).map_err(|e| ReportsError(e.to_string()))?;
        self.sqs
            .send_message()
            .queue_url(queue_url)
            .message_body(body)
            .delay_seconds(QUEUE_DELAY_SECONDS)
            .send()
            .await
            .map_err(|e| {
                ReportsError(format!("{}", aws_sdk_sqs::error::DisplayErrorContext(&e)))
            })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keys_are_report_keys_of_the_company() {
        let key = |pk: &str, sk: &str| -> KeyMap {
            [
                ("pk".to_owned(), pk.to_owned()),
                ("sk".to_owned(), sk.to_owned()),
            ]
            .into_iter()
            .collect()
        };
        assert!(is_report_list_key("co", &key("C#co", "REPORT#0192-ab")));
        assert!(!is_report_list_key("co", &key("C#other", "REPORT#0192-ab")));
        assert!(!is_report_list_key("co", &key("C#co", "DOC#0192-ab")));
        assert!(!is_report_list_key("co", &key("C#co", "REPORT#a#b")));
    }

    #[test]
    fn unfinished_reports_are_the_pending_and_processing_ones() {
        let item =
            |status: &str| -> Item { [("status".to_owned(), s(status))].into_iter().collect() };
        let items = [
            item("pending"),
            item("finished"),
            item("processing"),
            item("failed"),
            item("pending"),
        ];
        assert_eq!(count_unfinished(&items), 3);
        assert_eq!(count_unfinished(&items[1..2]), 0);
    }

    #[test]
    fn output_keys_of_another_report_or_company_are_refused() {
        let key = report_output_key("co-1", "r-1", "report.xlsx");
        assert!(is_report_output_key("co-1", "r-1", &key));
        assert!(!is_report_output_key("co-2", "r-1", &key));
        assert!(!is_report_output_key("co-1", "r-2", &key));
        assert!(!is_report_output_key("co-1", "r-1", "t/co-1/reports/r-1/"));
        assert!(!is_report_output_key(
            "co-1",
            "r-1",
            "t/co-1/reports/r-1/x/y.xlsx"
        ));
        assert!(!is_report_output_key(
            "co-1",
            "r-1",
            "t/co-1/documents/r-1/report.xlsx"
        ));
    }

    #[test]
    fn the_bucket_keeps_report_files_as_long_as_the_retention() {
        let template = include_str!("../../../template.yaml");
        let rule = template
            .split("- Id: ExpireReportFiles")
            .nth(1)
            .expect("the reports bucket's lifecycle rule");
        let days = rule
            .lines()
            .find_map(|line| line.trim().strip_prefix("ExpirationInDays:"))
            .expect("its ExpirationInDays");
        assert_eq!(days.trim(), "!Ref ReportRetentionDays");
        let default = template
            .split("\n  ReportRetentionDays:")
            .nth(1)
            .and_then(|p| p.lines().find_map(|l| l.trim().strip_prefix("Default:")))
            .expect("the parameter's default");
        assert_eq!(default.trim(), REPORT_RETENTION_DAYS.to_string());
    }

    #[test]
    fn output_keys_are_under_the_company() {
        assert_eq!(
            report_output_key("co-1", "r-1", "report-2026-01-01-2026-12-31.xlsx"),
            "t/co-1/reports/r-1/report-2026-01-01-2026-12-31.xlsx"
        );
    }

    #[test]
    fn an_archived_contract_ends_on_the_utc_day_it_was_archived() {
        assert_eq!(
            archived_on("2026-03-31T23:30:00.000Z", "c").expect("a date"),
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
        );
        assert_eq!(
            archived_on("2026-04-01T00:30:00+02:00", "c").expect("a date"),
            NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")
        );
        assert!(archived_on("yesterday", "c").is_err());
    }
}
