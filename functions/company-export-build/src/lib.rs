//! `company-export-build`: the exports queue's consumer. Each message names one export
//! (`{companyId, exportId}`, sent by `company-exports-create`).
//!
//! Per export: `pending → processing` (conditional), the zip written and streamed into a
//! multipart upload (`aws::exports::ExportZip`: never the whole export in memory; document
//! and report files are read from S3 chunk by chunk), `processing → finished` with its key
//! and size. The layout, manifest, README and CSV are `domain::export`'s.
//!
//! Retries as `reports-generate` does them: a failed dependency aborts the upload, puts the
//! export back to `pending` and reports a batch item failure; the detail is logged, never
//! stored (`failureReason` is shown to the company and SDK errors name buckets and ARNs).
//! On the last delivery (`EXPORTS_MAX_RECEIVES`) the export fails with a generic reason
//! instead. A delivery that finds the export still `processing` follows an attempt that
//! died (time, memory): it is failed as abandoned. A message for an export not (yet)
//! committed is retried and dropped on its last delivery; a malformed one is dropped.
//!
//! # The audit chains
//!
//! `audit/` holds the archive's layout, so `mypages-cli audit verify --dir audit` (and
//! `verify::verify_dir`) checks it offline: the chain's checkpoints and its records objects
//! are copied from the audit archive as they are, then every record of the AuditTable that
//! no archived object holds yet (the archive trails the table by its stream's delay) is
//! written in the archive's form (`archive::records_jsonl`, files of at most
//! [`RECORDS_PER_FILE`]). Records the table's TTL has already expired are in the archive
//! (Object Lock keeps them longer), so each chain verifies from its first record.

use std::collections::BTreeMap;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use chrono::Utc;
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::archive::{checkpoints_prefix, records_jsonl, records_key, records_prefix};
use mypages::aws::contracts::{ContractHead, ContractVersion};
use mypages::aws::exports::{
    ExportMessage, ExportStatus, ExportTransition, ExportWorkerDeps, ExportZip, ExportsError,
    export_file_name, export_object_key,
};
use mypages::aws::keys::{DOCUMENT_SK_PREFIX, contract_sk};
use mypages::aws::reports::{REPORT_SK_PREFIX, is_report_output_key};
use mypages::aws::store::{Item, StoreError, get_s};
use mypages::domain::audit::{AuditRecord, Chain};
use mypages::domain::claims::is_safe_id;
use mypages::domain::company::CompanySettings;
use mypages::domain::document::{ocr_result_key, original_key};
use mypages::domain::export::{
    MANIFEST_FORMAT, Manifest, layout, readme, users_csv, versions_csv_header, versions_csv_row,
};
use serde_json::{Value, json};

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ignored(&'static str),
    Finished,
    Failed(String),
    Retry(String),
}

pub async fn handler(
    deps: &ExportWorkerDeps,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        let message_id = message.message_id.clone().unwrap_or_default();
        match handle_message(deps, message).await {
            Outcome::Retry(reason) => {
                tracing::warn!(%message_id, %reason, "export: will be delivered again");
                let mut failure = BatchItemFailure::default();
                failure.item_identifier = message_id;
                response.batch_item_failures.push(failure);
            }
            Outcome::Ignored(why) => tracing::info!(%message_id, why, "export: ignored"),
            other => tracing::info!(%message_id, outcome = ?other, "export: done"),
        }
    }
    Ok(response)
}

/// The export a message names, checked: its ids become parts of table and bucket keys.
pub fn queued_export(body: &str) -> Result<ExportMessage, &'static str> {
    let queued =
        serde_json::from_str::<ExportMessage>(body).map_err(|_| "not an export message")?;
    if !is_safe_id(&queued.company_id) || !is_safe_id(&queued.export_id) {
        return Err("unsafe ids");
    }
    Ok(queued)
}

pub async fn handle_message(deps: &ExportWorkerDeps, message: &SqsMessage) -> Outcome {
    let queued = match queued_export(message.body.as_deref().unwrap_or_default()) {
        Ok(queued) => queued,
        Err(why) => {
            tracing::error!(why, "export: a malformed message; dropped");
            return Outcome::Ignored(why);
        }
    };
    let job = Job {
        deps,
        company_id: &queued.company_id,
        export_id: &queued.export_id,
        last: mypages::aws::is_last_delivery(&message.attributes, deps.exports.ids.max_receives),
    };
    job.make_export().await
}

/// The `failureReason` of an export that failed on a dependency (the detail is logged).
pub const DEPENDENCY_FAILURE_REASON: &str =
    "a service failed while the export was made; request it again";

/// The `failureReason` of an export whose previous attempt died without answering.
pub const ABANDONED_REASON: &str =
    "the export did not finish: it ran out of time or memory; request it again";

/// How many table records go into one `records/…jsonl` file of the export.
pub const RECORDS_PER_FILE: usize = 1000;

/// What a delivery does with the export it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Make,
    FailAbandoned,
    Settled,
}

pub fn step_for(status: ExportStatus) -> Step {
    match status {
        ExportStatus::Pending => Step::Make,
        ExportStatus::Processing => Step::FailAbandoned,
        ExportStatus::Finished | ExportStatus::Failed => Step::Settled,
    }
}

struct Job<'a> {
    deps: &'a ExportWorkerDeps,
    company_id: &'a str,
    export_id: &'a str,
    last: bool,
}

/// Something the builder read or wrote failed.
#[derive(Debug)]
struct BuildError(String);

impl From<StoreError> for BuildError {
    fn from(error: StoreError) -> Self {
        BuildError(error.to_string())
    }
}

impl From<ExportsError> for BuildError {
    fn from(error: ExportsError) -> Self {
        BuildError(error.to_string())
    }
}

fn json_bytes(value: &impl serde::Serialize) -> Result<Vec<u8>, BuildError> {
    serde_json::to_vec_pretty(value).map_err(|e| BuildError(e.to_string()))
}

/// Counts per kind, for the manifest.
#[derive(Default)]
struct Counts(BTreeMap<String, u64>);

impl Counts {
    fn add(&mut self, kind: &str, by: u64) {
        *self.0.entry(kind.to_owned()).or_insert(0) += by;
    }
}

/// The seqs `first..=last` of archived records objects, from their keys.
fn archived_range(key: &str) -> Option<(u64, u64)> {
    let name = key.rsplit('/').next()?.strip_suffix(".jsonl")?;
    let (first, last) = name.split_once('-')?;
    Some((first.parse().ok()?, last.parse().ok()?))
}

/// `ranges` sorted and merged into disjoint ascending ranges.
fn merged(ranges: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(sorted.len());
    for (first, last) in sorted {
        match out.last_mut() {
            Some(previous) if first <= previous.1.saturating_add(1) => {
                previous.1 = previous.1.max(last);
            }
            _ => out.push((first, last)),
        }
    }
    out
}

/// How many distinct seqs `ranges` cover.
fn covered_count(ranges: &[(u64, u64)]) -> u64 {
    merged(ranges)
        .iter()
        .map(|(first, last)| last - first + 1)
        .sum()
}

/// Answers "is this seq archived?" for ascending seqs in one pass over the merged ranges.
struct Coverage {
    ranges: Vec<(u64, u64)>,
    next: usize,
}

impl Coverage {
    fn of(ranges: &[(u64, u64)]) -> Coverage {
        Coverage {
            ranges: merged(ranges),
            next: 0,
        }
    }

    /// Whether `seq` is covered; `seq` must not be below the one asked before.
    fn covers(&mut self, seq: u64) -> bool {
        while self
            .ranges
            .get(self.next)
            .is_some_and(|(_, last)| *last < seq)
        {
            self.next += 1;
        }
        self.ranges
            .get(self.next)
            .is_some_and(|(first, _)| *first <= seq)
    }
}

impl Job<'_> {
    async fn make_export(&self) -> Outcome {
        let store = &self.deps.store;
        let export = match store.stored_export(self.company_id, self.export_id).await {
            Ok(Some(export)) => export,
            Ok(None) if self.last => {
                return Outcome::Ignored("no such export: its request was never committed");
            }
            Ok(None) => return Outcome::Retry("no such export (yet)".into()),
            Err(error) => return self.transient(error.to_string(), false).await,
        };
        match step_for(export.status) {
            Step::Make => {}
            Step::Settled => return Outcome::Ignored("the export is settled already"),
            Step::FailAbandoned => {
                tracing::error!(
                    company_id = self.company_id,
                    export_id = self.export_id,
                    "export: the previous attempt died while processing; failed"
                );
                return self.fail(ABANDONED_REASON.to_owned()).await;
            }
        }
        match store
            .export_processing(self.company_id, self.export_id, Utc::now())
            .await
        {
            Ok(ExportTransition::Done(_)) => {}
            Ok(ExportTransition::NotFrom) => return Outcome::Ignored("the export moved on"),
            Err(error) => return self.transient(error.to_string(), false).await,
        }
        let key = export_object_key(
            self.company_id,
            self.export_id,
            &export_file_name(Utc::now()),
        );
        let upload = match self.deps.exports.begin_upload(&key).await {
            Ok(upload) => upload,
            Err(error) => return self.transient(error.to_string(), true).await,
        };
        let mut zip = ExportZip::new(upload);
        let written = self.write_everything(&mut zip).await;
        let size = match written {
            Ok(()) => match zip.finish_export_zip().await {
                Ok(size) => size,
                Err(error) => return self.transient(error.to_string(), true).await,
            },
            Err(BuildError(detail)) => {
                zip.abort_export_zip().await;
                return self.transient(detail, true).await;
            }
        };
        match store
            .export_finished(self.company_id, self.export_id, &key, size, Utc::now())
            .await
        {
            Ok(ExportTransition::Done(_)) => Outcome::Finished,
            Ok(ExportTransition::NotFrom) => Outcome::Ignored("the export moved on"),
            Err(error) => self.transient(error.to_string(), true).await,
        }
    }

    /// Every file, then the manifest.
    async fn write_everything(&self, zip: &mut ExportZip) -> Result<(), BuildError> {
        let created_at = mypages::aws::timestamp(Utc::now());
        zip.add_bytes(
            layout::README,
            readme(self.company_id, self.export_id, &created_at).as_bytes(),
        )
        .await?;
        let mut counts = Counts::default();
        let settings = self.write_company(zip, &mut counts).await?;
        self.write_contracts(zip, &settings, &mut counts).await?;
        self.write_documents(zip, &mut counts).await?;
        self.write_reports(zip, &mut counts).await?;
        self.write_audit(zip, &mut counts).await?;
        let manifest = Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            company_id: self.company_id.to_owned(),
            export_id: self.export_id.to_owned(),
            created_at,
            counts: counts.0,
            files: zip.files().to_vec(),
        };
        zip.add_bytes(layout::MANIFEST, &json_bytes(&manifest)?)
            .await?;
        Ok(())
    }

    async fn write_company(
        &self,
        zip: &mut ExportZip,
        counts: &mut Counts,
    ) -> Result<CompanySettings, BuildError> {
        let store = &self.deps.store;
        let settings = store.company_settings(self.company_id).await?;
        zip.add_bytes(layout::COMPANY_SETTINGS, &json_bytes(&json!(settings))?)
            .await?;
        let sso = store.sso(self.company_id).await?;
        zip.add_bytes(layout::COMPANY_SSO, &json_bytes(&sso.view(Utc::now()))?)
            .await?;
        let users = store.all_users(self.company_id).await?;
        counts.add("users", users.len() as u64);
        zip.add_bytes(layout::USERS_JSON, &json_bytes(&json!({"items": users}))?)
            .await?;
        zip.add_bytes(layout::USERS_CSV, users_csv(&users).as_bytes())
            .await?;
        Ok(settings)
    }

    /// The company's items under `sk_prefix`, page by page in key order.
    fn pages(&self, sk_prefix: &str) -> Pages<'_> {
        Pages {
            store: &self.deps.store,
            company_id: self.company_id,
            sk_prefix: sk_prefix.to_owned(),
            start: None,
            done: false,
        }
    }

    /// Two passes over the contracts (a head's versions follow it in key order): the files
    /// of each contract, then `contracts/versions.csv`, so neither holds more than one
    /// contract in memory.
    async fn write_contracts(
        &self,
        zip: &mut ExportZip,
        settings: &CompanySettings,
        counts: &mut Counts,
    ) -> Result<(), BuildError> {
        let mut current: Option<(ContractHead, Vec<ContractVersion>)> = None;
        let mut pages = self.pages(&contract_sk(""));
        while let Some(items) = pages.next_page().await? {
            for item in items {
                match parse_contract_item(&item)? {
                    ContractItem::Head(head) => {
                        if let Some((head, versions)) = current.take() {
                            write_contract(zip, settings, &head, &versions, counts).await?;
                        }
                        current = Some((*head, Vec::new()));
                    }
                    ContractItem::Version(id, version) => match current.as_mut() {
                        Some((head, versions)) if head.id == id => versions.push(*version),
                        // A version without its head is a half-written contract no reader shows.
                        _ => {}
                    },
                }
            }
        }
        if let Some((head, versions)) = current.take() {
            write_contract(zip, settings, &head, &versions, counts).await?;
        }
        zip.begin_file(layout::CONTRACT_VERSIONS_CSV)?;
        zip.write_chunk(versions_csv_header().as_bytes()).await?;
        let mut pages = self.pages(&contract_sk(""));
        while let Some(items) = pages.next_page().await? {
            for item in items {
                if let ContractItem::Version(id, version) = parse_contract_item(&item)? {
                    zip.write_chunk(versions_csv_row(&id, &version_json(&version)).as_bytes())
                        .await?;
                }
            }
        }
        Ok(())
    }

    async fn write_documents(
        &self,
        zip: &mut ExportZip,
        counts: &mut Counts,
    ) -> Result<(), BuildError> {
        let sources = &self.deps.sources;
        let mut pages = self.pages(DOCUMENT_SK_PREFIX);
        while let Some(items) = pages.next_page().await? {
            for item in items {
                // A tombstone (a deleted document) has no record and no files left.
                let Some(record) = get_s(&item, "record") else {
                    continue;
                };
                let id =
                    get_s(&item, "id").ok_or_else(|| BuildError("a document without id".into()))?;
                let record: Value = serde_json::from_str(record)
                    .map_err(|e| BuildError(format!("document {id}: {e}")))?;
                zip.add_bytes(&layout::document(id), &json_bytes(&record)?)
                    .await?;
                counts.add("documents", 1);
                let file_name = record
                    .get("fileName")
                    .and_then(Value::as_str)
                    .unwrap_or("original");
                if let Some(body) = sources
                    .object_body(
                        &sources.documents_bucket,
                        &original_key(self.company_id, id),
                    )
                    .await?
                {
                    zip.add_stream(&layout::document_original(id, file_name), body)
                        .await?;
                    counts.add("documentOriginals", 1);
                }
                if let Some(body) = sources
                    .object_body(
                        &sources.documents_bucket,
                        &ocr_result_key(self.company_id, id),
                    )
                    .await?
                {
                    zip.add_stream(&layout::document_ocr_result(id), body)
                        .await?;
                    counts.add("ocrResults", 1);
                }
            }
        }
        Ok(())
    }

    async fn write_reports(
        &self,
        zip: &mut ExportZip,
        counts: &mut Counts,
    ) -> Result<(), BuildError> {
        let sources = &self.deps.sources;
        let mut pages = self.pages(REPORT_SK_PREFIX);
        while let Some(items) = pages.next_page().await? {
            for item in items {
                let report = mypages::aws::reports::report_from_item(&item).ok_or_else(|| {
                    BuildError(format!(
                        "report item {} cannot be read",
                        get_s(&item, "id").unwrap_or_default()
                    ))
                })?;
                zip.add_bytes(
                    &layout::report(&report.id),
                    &json_bytes(&mypages::http::reports::report_view(&report))?,
                )
                .await?;
                counts.add("reports", 1);
                let Some(output) = &report.output else {
                    continue;
                };
                if !is_report_output_key(self.company_id, &report.id, &output.key) {
                    return Err(BuildError(format!(
                        "report {}: its file key is not the company's",
                        report.id
                    )));
                }
                // Expired by the reports bucket's lifecycle: the record stays, the file is gone.
                if let Some(body) = sources
                    .object_body(&sources.reports_bucket, &output.key)
                    .await?
                {
                    zip.add_stream(&layout::report_file(&report.id, &output.file_name), body)
                        .await?;
                    counts.add("reportFiles", 1);
                }
            }
        }
        Ok(())
    }

    async fn write_audit(
        &self,
        zip: &mut ExportZip,
        counts: &mut Counts,
    ) -> Result<(), BuildError> {
        let sources = &self.deps.sources;
        let archive = &sources.archive;
        let pem = archive
            .signer
            .public_key_pem()
            .await
            .map_err(|e| BuildError(e.to_string()))?;
        zip.add_bytes(layout::AUDIT_PUBLIC_KEY, pem.as_bytes())
            .await?;
        let bucket = &sources.audit_archive_bucket;
        for chain in Chain::ALL {
            // Checkpoints first: each names a record archived (or in the table) before it.
            for key in sources
                .archive_keys(&checkpoints_prefix(self.company_id, chain))
                .await?
            {
                if let Some(body) = sources.object_body(bucket, &key).await? {
                    zip.add_stream(&layout::audit_object(&key), body).await?;
                    counts.add("auditCheckpoints", 1);
                }
            }
            let mut archived = Vec::new();
            for key in sources
                .archive_keys(&records_prefix(self.company_id, chain))
                .await?
            {
                let Some(range) = archived_range(&key) else {
                    continue;
                };
                if let Some(body) = sources.object_body(bucket, &key).await? {
                    zip.add_stream(&layout::audit_object(&key), body).await?;
                    archived.push(range);
                }
            }
            let from_table = self.write_table_records(zip, chain, &archived).await?;
            counts.add("auditRecords", covered_count(&archived) + from_table);
        }
        Ok(())
    }

    /// The chain's table records no archived object holds, in files of consecutive seqs;
    /// how many.
    async fn write_table_records(
        &self,
        zip: &mut ExportZip,
        chain: Chain,
        archived: &[(u64, u64)],
    ) -> Result<u64, BuildError> {
        let mut run: Vec<AuditRecord> = Vec::new();
        let mut written = 0;
        let mut coverage = Coverage::of(archived);
        let mut start = None;
        loop {
            let (records, next) = self
                .deps
                .store
                .audit_records_page(self.company_id, chain, 1, start)
                .await?;
            for record in records {
                if coverage.covers(record.seq) {
                    continue;
                }
                let follows = run.last().is_none_or(|last| last.seq + 1 == record.seq);
                if !follows || run.len() >= RECORDS_PER_FILE {
                    written += self.write_records_file(zip, chain, &mut run).await?;
                }
                run.push(record);
            }
            match next {
                Some(next) => start = Some(next),
                None => break,
            }
        }
        written += self.write_records_file(zip, chain, &mut run).await?;
        Ok(written)
    }

    async fn write_records_file(
        &self,
        zip: &mut ExportZip,
        chain: Chain,
        run: &mut Vec<AuditRecord>,
    ) -> Result<u64, BuildError> {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return Ok(0);
        };
        let key = records_key(self.company_id, chain, first.seq, last.seq);
        zip.add_bytes(
            &layout::audit_object(&key),
            records_jsonl(self.company_id, run).as_bytes(),
        )
        .await?;
        let count = run.len() as u64;
        run.clear();
        Ok(count)
    }

    async fn fail(&self, reason: String) -> Outcome {
        match self
            .deps
            .store
            .export_failed(self.company_id, self.export_id, &reason, Utc::now())
            .await
        {
            Ok(ExportTransition::Done(_)) => Outcome::Failed(reason),
            Ok(ExportTransition::NotFrom) => Outcome::Ignored("the export moved on"),
            Err(error) => Outcome::Retry(format!("{reason}; and failing it failed: {error}")),
        }
    }

    /// A dependency failed (`detail`, logged only): on the last delivery the export fails
    /// with [`DEPENDENCY_FAILURE_REASON`]; before it, an export this attempt took up is put
    /// back to `pending` and the message delivered again.
    async fn transient(&self, detail: String, processing: bool) -> Outcome {
        tracing::warn!(
            company_id = self.company_id,
            export_id = self.export_id,
            error = %detail,
            last = self.last,
            "export: a dependency failed"
        );
        if self.last {
            return self.fail(DEPENDENCY_FAILURE_REASON.to_owned()).await;
        }
        if processing {
            match self
                .deps
                .store
                .export_pending_again(self.company_id, self.export_id, Utc::now())
                .await
            {
                Ok(ExportTransition::Done(_)) => {}
                Ok(ExportTransition::NotFrom) => return Outcome::Ignored("the export moved on"),
                Err(error) => tracing::error!(%error, "export: putting it back to pending failed"),
            }
        }
        Outcome::Retry(detail)
    }
}

/// A company's items of one kind, read a page at a time.
struct Pages<'a> {
    store: &'a mypages::aws::Store,
    company_id: &'a str,
    sk_prefix: String,
    start: Option<Item>,
    done: bool,
}

impl Pages<'_> {
    async fn next_page(&mut self) -> Result<Option<Vec<Item>>, BuildError> {
        if self.done {
            return Ok(None);
        }
        let page = self
            .store
            .company_items_page(self.company_id, &self.sk_prefix, self.start.take())
            .await?;
        self.start = page.next;
        self.done = self.start.is_none();
        Ok(Some(page.items))
    }
}

enum ContractItem {
    Head(Box<ContractHead>),
    Version(String, Box<ContractVersion>),
}

fn parse_contract_item(item: &Item) -> Result<ContractItem, BuildError> {
    let sk = get_s(item, "sk").unwrap_or_default();
    let rest = sk.strip_prefix(&contract_sk("")).unwrap_or_default();
    let unreadable = || BuildError(format!("contract item {rest} cannot be read"));
    match rest.split_once("#V#") {
        None => Ok(ContractItem::Head(Box::new(
            mypages::aws::contracts::head_from_item(item).ok_or_else(unreadable)?,
        ))),
        Some((id, _)) => Ok(ContractItem::Version(
            id.to_owned(),
            Box::new(mypages::aws::contracts::version_from_item(item).ok_or_else(unreadable)?),
        )),
    }
}

/// A version in full: bookkeeping and terms.
fn version_json(version: &ContractVersion) -> Value {
    let mut value = version.summary_json();
    value["terms"] = version.terms.to_json();
    value
}

async fn write_contract(
    zip: &mut ExportZip,
    settings: &CompanySettings,
    head: &ContractHead,
    versions: &[ContractVersion],
    counts: &mut Counts,
) -> Result<(), BuildError> {
    use mypages::http::views::{contract_document, schedule_json, schedule_of};
    zip.add_bytes(
        &layout::contract(&head.id),
        &json_bytes(&contract_document(head, versions, settings))?,
    )
    .await?;
    let all: Vec<Value> = versions.iter().map(version_json).collect();
    zip.add_bytes(&layout::contract_versions(&head.id), &json_bytes(&all)?)
        .await?;
    counts.add("contracts", 1);
    counts.add("contractVersions", versions.len() as u64);
    // As GET /contracts/{id}/schedule computes it; a contract the current settings cannot
    // schedule says why instead.
    let schedule = match schedule_of(versions, settings) {
        Ok(schedule) => {
            counts.add("schedules", 1);
            schedule_json(&head.id, head.terms.currency.as_str(), settings, &schedule)
        }
        Err(error) => json!({"contractId": head.id, "scheduleError": error.to_string()}),
    };
    zip.add_bytes(
        &layout::contract_schedule(&head.id),
        &json_bytes(&schedule)?,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> SqsEvent {
        let text = include_str!("../../../events/company-export-build/sqs.json")
            .replace("${companyId}", "co-1")
            .replace("${exportId}", "e-1");
        serde_json::from_str(&text).expect("an SQS event")
    }

    #[test]
    fn the_sample_event_names_an_export() {
        let event = event();
        let body = event.records[0].body.as_deref().expect("body");
        assert_eq!(
            queued_export(body),
            Ok(ExportMessage {
                company_id: "co-1".into(),
                export_id: "e-1".into()
            })
        );
    }

    #[test]
    fn a_message_with_unsafe_ids_is_refused_before_any_key_is_built() {
        assert_eq!(
            queued_export(r#"{"companyId":"co#1","exportId":"e-1"}"#),
            Err("unsafe ids")
        );
        assert_eq!(
            queued_export(r#"{"companyId":"co-1","exportId":"../e"}"#),
            Err("unsafe ids")
        );
        assert_eq!(queued_export("{}"), Err("not an export message"));
    }

    #[test]
    fn an_export_found_processing_is_failed_as_abandoned() {
        assert_eq!(step_for(ExportStatus::Processing), Step::FailAbandoned);
        assert_eq!(step_for(ExportStatus::Pending), Step::Make);
        assert_eq!(step_for(ExportStatus::Finished), Step::Settled);
        assert_eq!(step_for(ExportStatus::Failed), Step::Settled);
        assert!(!DEPENDENCY_FAILURE_REASON.contains("arn:"));
    }

    #[test]
    fn archived_ranges_are_read_from_keys_and_counted_once() {
        assert_eq!(
            archived_range("records/co/data/000000000001-000000000005.jsonl"),
            Some((1, 5))
        );
        assert_eq!(archived_range("records/co/data/README"), None);
        assert_eq!(covered_count(&[(1, 5), (3, 7), (10, 10)]), 8);
        assert_eq!(covered_count(&[(1, 2), (3, 4)]), 4);
        assert_eq!(covered_count(&[]), 0);
        let mut coverage = Coverage::of(&[(6, 8), (1, 5), (12, 12)]);
        let covered: Vec<u64> = (1..=13).filter(|seq| coverage.covers(*seq)).collect();
        assert_eq!(covered, vec![1, 2, 3, 4, 5, 6, 7, 8, 12]);
    }

    #[test]
    fn the_delivery_reaching_max_receives_is_the_last() {
        let mut message = event().records.remove(0);
        assert!(!mypages::aws::is_last_delivery(&message.attributes, 3));
        message
            .attributes
            .insert("ApproximateReceiveCount".into(), "3".into());
        assert!(mypages::aws::is_last_delivery(&message.attributes, 3));
    }
}
