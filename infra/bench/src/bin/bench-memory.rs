//! Peak memory of every function on real work, for choosing each one's `MemorySize`.
//!
//! Each function's release binary runs under the minimal Runtime API (one process per
//! function, as one Lambda instance) against a running local stack: its emulator, tables,
//! buckets, user pool and fake rate sources, read from the stack's state file. First the
//! largest work each kind of function gets (below); then every sample event of
//! `events/<function>/`, as the bench's company (the claims API Gateway would pass; the ids the
//! creating functions answer go into the events of the workers that follow: the uploaded
//! document, the export, the report, the OCR job). The largest work:
//! - one contract of `MAX_TERM_MONTHS` monthly payments with `MAX_STEPS` payment steps, changed
//!   until it has `MAX_VERSIONS` versions, then read, listed, scheduled, suggested a rate for
//!   and its audit trail listed;
//! - a document of `MAX_DOCUMENT_BYTES` and `MAX_PDF_PAGES` pages, uploaded, checked, sent to
//!   OCR and its results read back, `MAX_PDF_PAGES` pages of about 1,000 blocks;
//! - a company of `LONG_CHAIN_CONTRACTS` contracts (an audit chain that long), verified from its
//!   first record and exported whole;
//! - a stream batch of `STREAM_BATCH_SIZE` sealed audit records for the archiver.
//!
//! The document pipeline's functions reach AWS through [`EmulatorProxy`], which answers
//! Textract from recorded responses (`../shared/fixtures/textract/`). Prints, per function,
//! the peak RSS (VmHWM) after its sample events and after its largest work, its slowest answer
//! (wall time on this machine: Lambda's CPU share grows with `MemorySize`), and the answers.
//!
//!   bench-memory <release dir> <state file> [function ...]
//!
//! (`infra/bench-memory.sh` builds the functions, starts the local stack and runs this.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aws_sdk_cognitoidentityprovider::error::DisplayErrorContext;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeDataType, AttributeType, MessageActionType, SchemaAttributeType,
};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{Months, NaiveDate};
use http_body_util::Full;
use hyper::body::Bytes;
use mypages::aws::LazyClient;
use mypages::aws::erasure::LEDGER_PK;
use mypages::aws::keys::{COMPANY_SK, company_pk};
use mypages::domain::audit::{AuditEvent, AuditRecord, Chain, ChainHead};
use mypages::domain::document::MAX_DOCUMENT_BYTES;
use mypages::domain::federation::IDP_GROUPS_ATTRIBUTE;
use mypages::domain::lease::{MAX_STEPS, MAX_TERM_MONTHS, MAX_VERSIONS};
use mypages::domain::sso::provider_name_for;
use mypages::domain::upload_check::MAX_PDF_PAGES;
use mypages_bench::emulator_proxy::{EmulatorProxy, send};
use mypages_bench::{Error, FunctionProcess, Seen, Template, lambda_env, peak_rss_kib};
use serde_json::{Value as Json, json};

/// One answer may take this long (a 500-version schedule on a busy machine).
const STEP_TIMEOUT: Duration = Duration::from_secs(300);
/// The contracts of the company whose audit chain is verified and exported whole.
const LONG_CHAIN_CONTRACTS: usize = 5_000;
/// The users and the (small) uploaded documents of the long chain's company.
const CHAIN_MEMBERS: usize = 10;
const CHAIN_DOCUMENTS: usize = 10;
/// The audit stream's `BatchSize` (template.yaml `AuditArchiveFunction`).
const STREAM_BATCH_SIZE: u64 = 100;
/// The Textract answer the OCR functions get, every page of it: the blocks of these recordings
/// together, about 1,000 (Textract's most per response): queries answered, forms, tables,
/// merged cells and selection elements.
const TEXTRACT_RECORDINGS: &[&str] = &[
    "queries_sample.json",
    "tables_with_headers_and_merged_cells.json",
    "test-response.json",
    "multi-page-forms-samples-2-page.json",
];
/// The queries recording's (a pay slip's) as the lease questions the pipeline asks: dates,
/// a name and an amount, so its answers become proposals.
const RECORDING_ALIASES: &[(&str, &str)] = &[
    ("PAYSTUB_PERIOD_PAY_DATE", "commencementDate"),
    ("PAYSTUB_PERIOD_END_DATE", "endDate"),
    ("PAYSTUB_PERIOD_COMPANY_NAME", "lessor"),
    ("PAYSTUB_PERIOD_CURRENT_GROSS_PAY", "payment.amount"),
];
/// The sample events of a sign-in through the company's identity provider.
const FEDERATED_EVENTS: &[&str] = &["external-provider.json", "hosted-auth-federated.json"];
/// The credentials the emulator takes (it checks no signatures).
const EMULATOR_CREDENTIALS: &str = "testing";
/// The functions that call Textract: their AWS endpoint is the proxy.
const OCR_FUNCTIONS: &[&str] = &["documents-ocr", "documents-ocr-complete"];

/// The functions that create what the others' sample events name (and the SSO settings the
/// federated sign-in events need), first; those that delete or erase it, last.
fn order(binary: &str) -> u8 {
    if binary.ends_with("-create") || binary == "company-sso-update" {
        0
    } else if binary.ends_with("-delete")
        || binary.ends_with("-archive")
        || binary.contains("erasure")
    {
        2
    } else {
        1
    }
}

/// Where a creating function's answer puts the id the other sample events use.
fn created_id(binary: &str) -> Option<&'static str> {
    match binary {
        "contracts-create" => Some("contractId"),
        "documents-create" => Some("documentId"),
        "reports-create" => Some("reportId"),
        "company-exports-create" => Some("exportId"),
        "users-create" => Some("userId"),
        _ => None,
    }
}

/// The template's variable, and the state file's key that holds the local stack's value.
const STACK_VARIABLES: &[(&str, &[&str])] = &[
    ("DATA_TABLE", &["dataTable"]),
    ("AUDIT_TABLE", &["auditTable"]),
    ("RATES_TABLE", &["ratesTable"]),
    ("USER_POOL_ID", &["userPoolId"]),
    ("USER_POOL_CLIENT_ID", &["userPoolClientId"]),
    ("SESSION_KEY_SECRET_ID", &["authSecretIds", "sessionKey"]),
    (
        "USER_POOL_CLIENT_SECRET_ID",
        &["authSecretIds", "clientSecret"],
    ),
    ("AUDIT_ARCHIVE_BUCKET", &["auditArchiveBucket"]),
    ("AUDIT_SIGNING_KEY_ID", &["auditSigningKeyArn"]),
    ("DOCUMENTS_BUCKET", &["documentsBucket"]),
    ("OCR_TOPIC_ARN", &["ocrTopicArn"]),
    ("REPORTS_BUCKET", &["reportsBucket"]),
    ("REPORTS_QUEUE_URL", &["reportsQueueUrl"]),
    ("EXPORTS_BUCKET", &["exportsBucket"]),
    ("EXPORTS_QUEUE_URL", &["exportsQueueUrl"]),
    ("HOSTED_UI_URL", &["hostedUiUrl"]),
    ("SSO_CALLBACK_URL", &["ssoCallbackUrl"]),
    ("UPLOAD_ORIGIN", &["uploadOrigin"]),
    // The local stack's fake Riksbank and ECB; Fixer stays off, as the template's default.
    ("MYPAGES_RIKSBANK_URL", &["ratesUpstream", "riksbank"]),
    ("MYPAGES_ECB_URL", &["ratesUpstream", "ecb"]),
];

struct Outcome {
    /// Per event: the HTTP status, or for the other functions `ok`, `error` (the function
    /// failed) or `retry×N` (N items of the batch handed back for another delivery).
    answers: Vec<String>,
    /// Per event: the body of an API Gateway response (JSON), or another function's answer.
    bodies: Vec<Json>,
    peak_rss_kib: u64,
    /// The longest answer (`/next` to the response), on this machine's CPU.
    slowest: Duration,
}

impl Outcome {
    /// The id a creating function answered with (`what` names it in the error).
    fn created_id(&self, what: &str) -> Result<String, Error> {
        Ok(self.bodies[0]["id"]
            .as_str()
            .ok_or_else(|| format!("{what} was not created: {:?}", self.bodies))?
            .to_owned())
    }

    /// An error unless every answer is `status` (`what` names the work in the error).
    fn all_answered(&self, status: &str, what: &str) -> Result<(), Error> {
        if self.answers.iter().all(|a| a == status) {
            Ok(())
        } else {
            Err(format!(
                "{what}: {} ({:?})",
                answers(&self.answers),
                self.bodies.first()
            )
            .into())
        }
    }

    /// Two runs of one function as one: the higher peak, the answers in order.
    fn merge(self, later: Outcome) -> Outcome {
        let mut answers = self.answers;
        answers.extend(later.answers);
        let mut bodies = self.bodies;
        bodies.extend(later.bodies);
        Outcome {
            answers,
            bodies,
            peak_rss_kib: self.peak_rss_kib.max(later.peak_rss_kib),
            slowest: self.slowest.max(later.slowest),
        }
    }
}

struct Bench {
    root: PathBuf,
    release: PathBuf,
    functions: BTreeMap<String, Vec<(String, String)>>,
    vars: BTreeMap<String, String>,
    proxy: EmulatorProxy,
    emulator: Emulator,
    /// The sample document's upload, which documents-ocr's sample event then names.
    uploaded: Option<Uploaded>,
    /// The person the federated sign-in events are about, once the company's SSO is set.
    federated: Option<Federated>,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench-memory <release dir> <state file> [function ...]";
    let release = PathBuf::from(args.first().ok_or(usage)?);
    let state: Json = serde_json::from_slice(&std::fs::read(args.get(1).ok_or(usage)?)?)?;
    let only = &args[2.min(args.len())..];

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let endpoint = state["endpoint"]
        .as_str()
        .ok_or("the state file has no emulator endpoint")?;
    let recordings: Vec<PathBuf> = TEXTRACT_RECORDINGS
        .iter()
        .map(|name| root.join("../shared/fixtures/textract").join(name))
        .collect();
    let proxy = EmulatorProxy::start(endpoint, &recordings, RECORDING_ALIASES).await?;
    let emulator = Emulator::new(&state)?;
    emulator
        .stop_upload_notifications(
            state["documentsBucket"]
                .as_str()
                .ok_or("the state file has no documents bucket")?,
        )
        .await?;
    let template = Template::load(&root.join("template.yaml"))?;
    let mut functions: BTreeMap<String, Vec<(String, String)>> = template
        .functions()
        .into_iter()
        .filter(|(binary, _)| only.is_empty() || only.contains(binary))
        .map(|(binary, variables)| {
            let env = stack_env(&binary, variables, &state, &proxy);
            (binary, env)
        })
        .collect();
    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    for variable in ["REPORTS_QUEUE_URL", "EXPORTS_QUEUE_URL"] {
        let queue = emulator
            .bench_queue(&format!(
                "mypages-bench-{}-{run_id}",
                variable.split('_').next().unwrap_or("queue").to_lowercase()
            ))
            .await?;
        for env in functions.values_mut() {
            for (name, value) in env.iter_mut() {
                if name == variable {
                    value.clone_from(&queue);
                }
            }
        }
    }
    let text = |key: &str| state[key].as_str().unwrap_or_default().to_owned();
    let vars = [
        ("companyId", format!("mem-{run_id}")),
        ("companyName", format!("Memory bench {run_id}")),
        ("sub", format!("00000000-0000-4000-8000-{run_id:012}")),
        ("clientId", text("userPoolClientId")),
        ("userPoolId", text("userPoolId")),
        ("bucket", text("documentsBucket")),
        ("reportsBucket", text("reportsBucket")),
        ("email", format!("memory-{run_id}@demo.example")),
        // The company's own domain, which its SSO sample claims.
        ("domain", format!("mem-{run_id}.example")),
        ("idempotencyKey", format!("memory-{run_id}")),
        ("date", "2026-11-27".to_owned()),
        ("from", "2026-11-01".to_owned()),
        ("to", "2026-11-27".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let mut bench = Bench {
        root,
        release,
        functions,
        vars,
        proxy,
        emulator,
        uploaded: None,
        federated: None,
    };
    // As provisioned companies are: the erasure samples confirm with this name.
    bench
        .emulator
        .name_company(&bench.vars["companyId"], &bench.vars["companyName"])
        .await?;

    let mut binaries: Vec<String> = bench.functions.keys().cloned().collect();
    binaries.sort_by_key(|b| (order(b), b.clone()));
    let mut largest = Largest::default();
    for (work, result) in [
        (
            "the largest contract",
            bench.largest_contract(&mut largest).await,
        ),
        (
            "the largest document",
            bench.largest_document(&mut largest).await,
        ),
        ("the long audit chain", bench.long_chain(&mut largest).await),
        (
            "the largest stream batch",
            bench.largest_stream_batch(&mut largest).await,
        ),
    ] {
        if let Err(e) = result {
            largest.failures.push(format!("{work}: {e}"));
        }
    }
    println!(
        "{:<28} {:>10} {:>11} {:>10}  answers (sample events; largest)",
        "function", "sample MiB", "largest MiB", "slowest ms"
    );
    let mut failed = Vec::new();
    for binary in &binaries {
        let sample = bench.sample_events(binary).await;
        let large = largest.outcomes.get(binary);
        match sample {
            Ok(outcome) => println!(
                "{:<28} {:>10.1} {:>11} {:>10.0}  {}{}",
                binary,
                mib(outcome.peak_rss_kib),
                large.map_or("".to_owned(), |o| format!("{:.1}", mib(o.peak_rss_kib))),
                large
                    .map_or(outcome.slowest, |o| o.slowest.max(outcome.slowest))
                    .as_secs_f64()
                    * 1000.0,
                answers(&outcome.answers),
                large.map_or("".to_owned(), |o| format!("; {}", answers(&o.answers))),
            ),
            Err(e) => {
                println!("{binary:<28} FAILED: {e}");
                failed.push(binary.clone());
            }
        }
    }
    for failure in &largest.failures {
        println!("\n{failure}: FAILED");
        failed.push(failure.clone());
    }
    if !failed.is_empty() {
        return Err(format!("failed: {}", failed.join(", ")).into());
    }
    Ok(())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// The answers in order, runs of one answer shortened (`200×499`).
fn answers(answers: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < answers.len() {
        let run = answers[i..]
            .iter()
            .take_while(|a| **a == answers[i])
            .count();
        out.push(if run > 1 {
            format!("{}×{run}", answers[i])
        } else {
            answers[i].clone()
        });
        i += run;
    }
    out.join(" ")
}

/// What an answer was: the HTTP status of an API Gateway response; else `error` when the
/// function failed, `retry×N` when it handed N items of a batch back, `ok` otherwise.
fn answer_label(status: Option<u16>, response: &Json, failed: bool) -> String {
    if failed {
        return "error".to_owned();
    }
    if let Some(status) = status {
        return status.to_string();
    }
    match response["batchItemFailures"].as_array() {
        Some(items) if !items.is_empty() => format!("retry×{}", items.len()),
        _ => "ok".to_owned(),
    }
}

/// Lambda's environment and the template's variables, pointed at the local stack (the OCR
/// functions at the proxy in front of it).
fn stack_env(
    binary: &str,
    mut variables: BTreeMap<String, String>,
    state: &Json,
    proxy: &EmulatorProxy,
) -> Vec<(String, String)> {
    for (name, path) in STACK_VARIABLES {
        let value = path.iter().fold(state, |v, key| &v[*key]);
        if let (Some(slot), Some(value)) = (variables.get_mut(*name), value.as_str()) {
            *slot = value.to_owned();
        }
    }
    // No staging bucket in Textract's region here: the pipeline reads the original in place.
    // (In AWS the staging copy is a CopyObject, which moves no bytes through the function.)
    if let Some(staging) = variables.get_mut("OCR_STAGING_BUCKET") {
        staging.clear();
    }
    let endpoint = if OCR_FUNCTIONS.contains(&binary) {
        Some(proxy.url.as_str())
    } else {
        state["endpoint"].as_str()
    };
    let mut env = lambda_env(binary, variables);
    for (name, value) in [
        ("AWS_ENDPOINT_URL", endpoint),
        ("AWS_REGION", state["region"].as_str()),
        ("AWS_DEFAULT_REGION", state["region"].as_str()),
        ("AWS_ACCESS_KEY_ID", Some(EMULATOR_CREDENTIALS)),
        ("AWS_SECRET_ACCESS_KEY", Some(EMULATOR_CREDENTIALS)),
        ("AWS_SESSION_TOKEN", Some(EMULATOR_CREDENTIALS)),
    ] {
        env.retain(|(k, _)| k != name);
        if let Some(value) = value {
            env.push((name.to_owned(), value.to_owned()));
        }
    }
    env
}

/// What the largest work left, per function.
#[derive(Default)]
struct Largest {
    outcomes: BTreeMap<String, Outcome>,
    failures: Vec<String>,
}

impl Largest {
    fn add(&mut self, binary: &str, outcome: Outcome) {
        let merged = match self.outcomes.remove(binary) {
            Some(earlier) => earlier.merge(outcome),
            None => outcome,
        };
        self.outcomes.insert(binary.to_owned(), merged);
    }
}

impl Bench {
    fn wanted(&self, binary: &str) -> bool {
        self.functions.contains_key(binary)
    }

    /// The function's sample events, in file order, with the run's values in place of the
    /// placeholders; an id the function creates becomes the others' placeholder.
    async fn sample_events(&mut self, binary: &str) -> Result<Outcome, Error> {
        let dir = self.root.join("events").join(binary);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        // The Cognito triggers' events are about the user users-create made, a user the store
        // knows, as every user signing in is; the federated ones about a person of the
        // company's identity provider.
        let triggers = binary.starts_with("auth-pre-");
        if triggers && self.federated.is_none() {
            self.federated = Some(self.federated_person().await?);
        }
        let user = self.vars.get("userId").cloned();
        let mut events = Vec::new();
        let mut federated_events = Vec::new();
        for file in &files {
            let federated_event = file
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| FEDERATED_EVENTS.contains(&n));
            let overrides: Vec<(&str, &str)> = match (&self.federated, &user) {
                (Some(person), _) if triggers && federated_event => vec![
                    ("userPoolId", &person.pool_id),
                    ("provider", &person.provider),
                    ("idpSubject", &person.subject),
                    ("sub", &person.sub),
                    ("email", &person.email),
                    ("groups", &person.groups),
                ],
                (_, Some(user)) if triggers => vec![("sub", user)],
                _ => Vec::new(),
            };
            if triggers && federated_event {
                federated_events.push(events.len());
            }
            events.push(self.event_at(file, &overrides)?);
        }
        if binary == "documents-ocr"
            && let Some(uploaded) = &self.uploaded
        {
            for event in &mut events {
                name_upload(event, uploaded)?;
            }
        }
        let outcome = self.run(binary, events.clone()).await?;
        // The person of the company's identity provider is admitted.
        for &i in &federated_events {
            if outcome.answers[i] != "ok" {
                return Err(format!(
                    "the federated sign-in event {} was refused: {}",
                    files[i].display(),
                    outcome.bodies[i]
                )
                .into());
            }
        }
        if binary == "auth-pre-token-generation" {
            // Every sign-in of the samples is admitted: each token names the company.
            for (answer, body) in outcome.answers.iter().zip(&outcome.bodies) {
                let company = &body["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["company_id"];
                if answer != "ok" || company != self.vars["companyId"].as_str() {
                    return Err(format!("a sign-in was not admitted: {answer} {body}").into());
                }
            }
        }
        if let Some(name) = created_id(binary)
            && let Some(id) = outcome.bodies.iter().find_map(|b| b["id"].as_str())
        {
            self.vars.insert(name.to_owned(), id.to_owned());
        }
        if binary == "documents-create" {
            // The original the OCR functions then read: the size the sample declared.
            let declared = declared_size(&events[0])?;
            self.uploaded =
                Some(upload(&self.emulator, &outcome.bodies[0], pdf(3, declared)).await?);
        }
        if binary == "documents-ocr"
            && let Some(job) = self.proxy.last_job_id()
        {
            self.vars.insert("jobId".to_owned(), job);
        }
        Ok(outcome)
    }

    /// The person of the company's identity provider the federated sign-in events are about:
    /// at an address of the company's domain, in the group its SSO sample maps to a role.
    async fn federated_person(&mut self) -> Result<Federated, Error> {
        let sample = self.event("company-sso-update/azure-oidc.json", &[], |_| {})?;
        let settings: Json = serde_json::from_str(
            sample["body"]
                .as_str()
                .ok_or("the SSO sample has no body")?,
        )?;
        let group = settings["groupRoles"][0]["group"]
            .as_str()
            .ok_or("the SSO sample maps no group")?
            .to_owned();
        // The password user's refresh event names the groups too (which only a federated
        // sign-in reads).
        self.vars.insert("adminGroup".to_owned(), group.clone());
        let provider = provider_name_for(&self.vars["companyId"]);
        let email = format!("federated@{}", self.vars["domain"]);
        self.emulator
            .federated_user(&provider, &email, &group)
            .await
    }

    /// The largest contract the API accepts, created, changed to its last version, then read by
    /// every function that reads one contract.
    async fn largest_contract(&mut self, largest: &mut Largest) -> Result<(), Error> {
        if !self.wanted("contracts-create") {
            return Ok(());
        }
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("a date")?;
        let month = |n: u32| start + Months::new(n);
        let end = month(MAX_TERM_MONTHS) - chrono::Days::new(1);
        // A step every month from the second: MAX_STEPS of them inside the term.
        let steps: Vec<Json> = (1..=MAX_STEPS as u32)
            .map(|i| json!({"from": month(i).to_string(), "amount": format!("{}.00", 10_000 + i)}))
            .collect();
        let body = json!({
            "name": "Largest lease", "reference": "MEM-LARGEST", "lessor": "Memory bench AB",
            "assetClass": "premises", "currency": "SEK",
            "commencementDate": start.to_string(), "endDate": end.to_string(),
            "payment": {"amount": "10000.00", "frequency": "monthly", "timing": "advance",
                        "steps": steps},
            "discountRate": "5.0", "initialDirectCosts": "20000", "leaseIncentives": "5000",
            "restorationCosts": "0"
        });
        let create = self.event("contracts-create/ie13.json", &[], |event| {
            event["body"] = json!(body.to_string());
            event["headers"]["idempotency-key"] =
                json!(format!("{}-largest", self.vars["idempotencyKey"]));
        })?;
        let created = self.run("contracts-create", vec![create]).await?;
        let id = created.created_id("the largest contract")?;
        largest.add("contracts-create", created);

        if self.wanted("contracts-update") {
            let changes = (1..MAX_VERSIONS)
                .map(|version| {
                    self.event("contracts-update/index-uplift.json", &[], |event| {
                        set_contract(event, &id);
                        event["headers"]["if-match"] = json!(format!("\"{version}\""));
                        event["body"] = json!(
                            json!({
                                "payment": {"amount": format!("{}.00", 10_000 + version)},
                                "effectiveFrom": month(version).to_string(),
                                "reason": format!("change {version}")
                            })
                            .to_string()
                        );
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            largest.add(
                "contracts-update",
                self.run("contracts-update", changes).await?,
            );
        }
        for (binary, file) in [
            ("contracts-get", "contracts-get/get.json"),
            ("contracts-schedule", "contracts-schedule/csv.json"),
            (
                "contracts-ibr-suggestion",
                "contracts-ibr-suggestion/get.json",
            ),
            ("contracts-list", "contracts-list/active.json"),
            ("audit-list", "audit-list/contract-changes.json"),
        ] {
            if self.wanted(binary) {
                let event = self.event(file, &[], |event| set_contract(event, &id))?;
                largest.add(binary, self.run(binary, vec![event]).await?);
            }
        }
        Ok(())
    }

    /// A PDF of `MAX_DOCUMENT_BYTES` and `MAX_PDF_PAGES` pages: uploaded, checked and sent to
    /// OCR, whose results then come back in `MAX_PDF_PAGES` pages.
    async fn largest_document(&mut self, largest: &mut Largest) -> Result<(), Error> {
        if !self.wanted("documents-create") {
            return Ok(());
        }
        let size = usize::try_from(MAX_DOCUMENT_BYTES)?;
        let create = self.event("documents-create/lease-pdf.json", &[], |event| {
            event["body"] = json!(
                json!({"fileName": "Largest lease.pdf", "contentType": "application/pdf",
                       "size": size})
                .to_string()
            );
            event["headers"]["idempotency-key"] =
                json!(format!("{}-largest-document", self.vars["idempotencyKey"]));
        })?;
        let created = self.run("documents-create", vec![create]).await?;
        let id = created.created_id("the largest document")?;
        let uploaded = upload(
            &self.emulator,
            &created.bodies[0],
            pdf(usize::try_from(MAX_PDF_PAGES)?, size),
        )
        .await?;
        largest.add("documents-create", created);
        if !self.wanted("documents-ocr") {
            return Ok(());
        }
        let mut event = self.event("documents-ocr/sqs-s3.json", &[("documentId", &id)], |_| {})?;
        name_upload(&mut event, &uploaded)?;
        largest.add(
            "documents-ocr",
            self.run("documents-ocr", vec![event]).await?,
        );
        let job = self
            .proxy
            .last_job_id()
            .ok_or("documents-ocr started no OCR job for the largest document")?;
        if self.wanted("documents-ocr-complete") {
            let done = self.event(
                "documents-ocr-complete/sns.json",
                &[("documentId", &id), ("jobId", &job)],
                |_| {},
            )?;
            self.proxy.set_result_pages(usize::try_from(MAX_PDF_PAGES)?);
            let completed = self.run("documents-ocr-complete", vec![done]).await;
            self.proxy.set_result_pages(1);
            largest.add("documents-ocr-complete", completed?);
        }
        Ok(())
    }

    /// A company of `LONG_CHAIN_CONTRACTS` contracts: its audit chain that long, verified from
    /// its first record, then the whole company exported.
    async fn long_chain(&mut self, largest: &mut Largest) -> Result<(), Error> {
        if !self.wanted("contracts-create") {
            return Ok(());
        }
        let company = format!("{}-chain", self.vars["companyId"]);
        let on = [("companyId", company.as_str())];
        let creates = (0..LONG_CHAIN_CONTRACTS)
            .map(|n| {
                self.event("contracts-create/ie13.json", &on, |event| {
                    event["headers"]["idempotency-key"] =
                        json!(format!("{}-chain-{n}", self.vars["idempotencyKey"]));
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        largest.add(
            "contracts-create",
            self.run("contracts-create", creates).await?,
        );
        if self.wanted("audit-verify") {
            // The local stack archives the chain as it grows, and verification starts from the
            // latest checkpoint. Pointed at a bucket that holds none (the reports bucket),
            // audit-verify reads the whole chain from its first record.
            let verify = self.event("audit-verify/verify.json", &on, |_| {})?;
            let without_checkpoints = self.vars["reportsBucket"].clone();
            let verified = self
                .run_with(
                    "audit-verify",
                    vec![verify],
                    &[("AUDIT_ARCHIVE_BUCKET", &without_checkpoints)],
                )
                .await?;
            let body = &verified.bodies[0];
            let read = body["records"].as_u64().unwrap_or(0);
            if body["valid"] != json!(true) || read < LONG_CHAIN_CONTRACTS as u64 {
                return Err(format!(
                    "audit-verify did not verify the whole chain of {LONG_CHAIN_CONTRACTS}: {body}"
                )
                .into());
            }
            largest.add("audit-verify", verified);
        }
        self.members_and_documents(&company, largest).await?;
        if self.wanted("company-exports-create") {
            let request = self.event("company-exports-create/request.json", &on, |event| {
                event["headers"]["idempotency-key"] =
                    json!(format!("{}-chain-export", self.vars["idempotencyKey"]));
            })?;
            let created = self.run("company-exports-create", vec![request]).await?;
            let export = created.created_id("the export")?;
            largest.add("company-exports-create", created);
            if self.wanted("company-export-build") {
                let build = self.event(
                    "company-export-build/sqs.json",
                    &[("companyId", &company), ("exportId", &export)],
                    |_| {},
                )?;
                largest.add(
                    "company-export-build",
                    self.run("company-export-build", vec![build]).await?,
                );
            }
        }
        self.erase(&company, largest).await
    }

    /// `CHAIN_MEMBERS` users and `CHAIN_DOCUMENTS` uploaded documents in `company`, which its
    /// export and its erasure then work through beside the contracts.
    async fn members_and_documents(
        &mut self,
        company: &str,
        largest: &mut Largest,
    ) -> Result<(), Error> {
        let key = |what: &str, n: usize| format!("{}-{what}-{n}", self.vars["idempotencyKey"]);
        if self.wanted("users-create") {
            let invites = (0..CHAIN_MEMBERS)
                .map(|n| {
                    let email = format!("member-{n}-{}", self.vars["email"]);
                    self.event(
                        "users-create/invite.json",
                        &[("companyId", company), ("email", &email)],
                        |event| event["headers"]["idempotency-key"] = json!(key("member", n)),
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            let invited = self.run("users-create", invites).await?;
            invited.all_answered("201", "the company's users")?;
            largest.add("users-create", invited);
        }
        if self.wanted("documents-create") {
            let creates = (0..CHAIN_DOCUMENTS)
                .map(|n| {
                    self.event(
                        "documents-create/lease-pdf.json",
                        &[("companyId", company)],
                        |event| event["headers"]["idempotency-key"] = json!(key("document", n)),
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            let declared = declared_size(&creates[0])?;
            let created = self.run("documents-create", creates).await?;
            created.all_answered("201", "the company's documents")?;
            for answer in &created.bodies {
                upload(&self.emulator, answer, pdf(3, declared)).await?;
            }
            largest.add("documents-create", created);
        }
        Ok(())
    }

    /// `company` erased whole, as the hourly run erases a company whose grace period has
    /// ended: an administrator schedules it, the grace period ends, the run deletes every item,
    /// object and account of the company and signs its certificate.
    async fn erase(&mut self, company: &str, largest: &mut Largest) -> Result<(), Error> {
        if !self.wanted("company-erasure-schedule") || !self.wanted("company-erasure-run") {
            return Ok(());
        }
        let name = format!("{} chain", self.vars["companyName"]);
        self.emulator.name_company(company, &name).await?;
        let request = self.event(
            "company-erasure-schedule/schedule.json",
            &[("companyId", company), ("companyName", &name)],
            |event| {
                event["headers"]["idempotency-key"] =
                    json!(format!("{}-chain-erasure", self.vars["idempotencyKey"]));
            },
        )?;
        let scheduled = self.run("company-erasure-schedule", vec![request]).await?;
        scheduled.all_answered("202", "the erasure")?;
        largest.add("company-erasure-schedule", scheduled);
        self.emulator.end_grace_period(company).await?;
        let hourly = self.event("company-erasure-run/hourly.json", &[], |_| {})?;
        let erased = self.run("company-erasure-run", vec![hourly]).await?;
        let answer = &erased.bodies[0];
        // It alone: the measured peak is this company's erasure.
        if answer["completed"] != json!([company]) {
            return Err(format!("the run did not erase {company} alone: {answer}").into());
        }
        // All of it: what the ledger counted.
        let counts = self.emulator.erasure_counts(company).await?;
        let count = |name: &str| counts.get(name).copied().unwrap_or(0);
        let mut expected = vec![
            ("dataItems", LONG_CHAIN_CONTRACTS),
            ("auditRecords", LONG_CHAIN_CONTRACTS),
        ];
        if self.wanted("users-create") {
            expected.push(("users", CHAIN_MEMBERS));
        }
        if self.wanted("documents-create") {
            expected.push(("objects.documents", CHAIN_DOCUMENTS));
        }
        if self.wanted("company-export-build") {
            expected.push(("objects.exports", 1));
        }
        for (name, at_least) in expected {
            if count(name) < u64::try_from(at_least)? {
                return Err(format!(
                    "the erasure of {company} counted {} {name}, not at least {at_least}: {counts:?}",
                    count(name)
                )
                .into());
            }
        }
        largest.add("company-erasure-run", erased);
        Ok(())
    }

    /// A full batch of the audit stream (`STREAM_BATCH_SIZE` new records of one company's data
    /// chain, sealed as the store seals them, each with 4 KB of details) for the archiver, which
    /// checks them against the chain, writes them to the archive and signs a checkpoint.
    async fn largest_stream_batch(&mut self, largest: &mut Largest) -> Result<(), Error> {
        if !self.wanted("audit-archive") {
            return Ok(());
        }
        let mut event = self.event("audit-archive/stream.json", &[], |_| {})?;
        let template = event["Records"][0].clone();
        let company = format!("{}-stream", self.vars["companyId"]);
        let start = chrono::Utc::now();
        let mut head = ChainHead::genesis();
        let mut records = Vec::new();
        for seq in 1..=STREAM_BATCH_SIZE {
            let at = (start + chrono::Duration::milliseconds(i64::try_from(seq)?))
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string();
            let mut details = serde_json::Map::new();
            details.insert("note".to_owned(), json!("x".repeat(4_000)));
            let sealed = AuditRecord::seal(
                &company,
                Chain::Data,
                &head,
                at.clone(),
                AuditEvent {
                    actor: self.vars["sub"].clone(),
                    action: "contract.update".to_owned(),
                    target: "contract/memory-bench".to_owned(),
                    reason: Some(format!("change {seq}")),
                    request_id: format!("memory-bench-{seq}"),
                    details,
                },
            );
            head = ChainHead {
                seq: sealed.seq,
                hash: sealed.hash.clone(),
                at,
            };
            let mut record = template.clone();
            let pk = json!({ "S": format!("C#{company}") });
            let sk = json!({ "S": format!("{seq:012}") });
            record["eventID"] = json!(format!("batch-{seq}"));
            record["dynamodb"]["SequenceNumber"] = json!(seq.to_string());
            record["dynamodb"]["Keys"] = json!({ "pk": pk, "sk": sk });
            // As the store writes the item (`aws::store::audit_item`).
            record["dynamodb"]["NewImage"] = json!({
                "pk": pk, "sk": sk,
                "chain": {"S": sealed.chain.as_str()},
                "seq": {"N": sealed.seq.to_string()},
                "at": {"S": sealed.at},
                "actor": {"S": sealed.actor},
                "action": {"S": sealed.action},
                "target": {"S": sealed.target},
                "requestId": {"S": sealed.request_id},
                "hash": {"S": sealed.hash},
                "prevHash": {"S": sealed.prev_hash},
                "prevAt": {"S": sealed.prev_at},
                "expireAt": {"N": "1893456000"},
                "reason": {"S": sealed.reason.unwrap_or_default()},
                "details": {"S": Json::Object(sealed.details).to_string()},
            });
            records.push(record);
        }
        event["Records"] = json!(records);
        largest.add(
            "audit-archive",
            self.run("audit-archive", vec![event]).await?,
        );
        Ok(())
    }

    /// A sample event with `overrides` and the run's values in place of its placeholders,
    /// changed by `change`.
    fn event(
        &self,
        file: &str,
        overrides: &[(&str, &str)],
        change: impl FnOnce(&mut Json),
    ) -> Result<Json, Error> {
        let mut event = self.event_at(&self.root.join("events").join(file), overrides)?;
        change(&mut event);
        Ok(event)
    }

    /// The event in `path` with `overrides`, then the run's values, in place of its
    /// placeholders.
    fn event_at(&self, path: &Path, overrides: &[(&str, &str)]) -> Result<Json, Error> {
        let mut text = std::fs::read_to_string(path)?;
        for (key, value) in overrides {
            text = text.replace(&format!("${{{key}}}"), value);
        }
        for (key, value) in &self.vars {
            text = text.replace(&format!("${{{key}}}"), value);
        }
        Ok(serde_json::from_str(&text)?)
    }

    /// The events, in order, answered by one process of the function; its peak RSS after the
    /// last answer.
    async fn run(&self, binary: &str, events: Vec<Json>) -> Result<Outcome, Error> {
        self.run_with(binary, events, &[]).await
    }

    /// [`Bench::run`] with some of the function's variables set otherwise.
    async fn run_with(
        &self,
        binary: &str,
        events: Vec<Json>,
        variables: &[(&str, &str)],
    ) -> Result<Outcome, Error> {
        let mut env = self
            .functions
            .get(binary)
            .ok_or_else(|| format!("{binary} is not a function of the template"))?
            .clone();
        for (name, value) in variables {
            env.retain(|(k, _)| k != name);
            env.push(((*name).to_owned(), (*value).to_owned()));
        }
        one_process(&self.release.join(binary), &env, events).await
    }
}

/// The `size` a `POST /documents` event declares.
fn declared_size(event: &Json) -> Result<usize, Error> {
    let body: Json = serde_json::from_str(event["body"].as_str().ok_or("no body")?)?;
    Ok(usize::try_from(body["size"].as_u64().ok_or("no size")?)?)
}

/// A PDF of `pages` pages, `size` bytes long (a comment fills it up).
fn pdf(pages: usize, size: usize) -> Vec<u8> {
    let mut body = String::from("%PDF-1.7\n1 0 obj << /Type /Pages /Count 0 >> endobj\n");
    for i in 0..pages {
        body.push_str(&format!(
            "{} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n",
            i + 2
        ));
    }
    let trailer = "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
    let filler = size.saturating_sub(body.len() + trailer.len() + 2);
    body.push('%');
    body.push_str(&"x".repeat(filler));
    body.push('\n');
    body.push_str(trailer);
    body.into_bytes()
}

/// What an upload stored: the object's version and size, which S3's event names.
struct Uploaded {
    version_id: String,
    size: usize,
}

/// Uploads `file` as the browser does: a multipart POST to the presigned `upload` of a
/// `POST /documents` answer.
async fn upload(emulator: &Emulator, answer: &Json, file: Vec<u8>) -> Result<Uploaded, Error> {
    let size = file.len();
    let url = answer["upload"]["url"]
        .as_str()
        .ok_or_else(|| format!("no upload in the answer: {answer}"))?;
    let (address, path) = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split_once('/'))
        .ok_or_else(|| format!("not an http:// upload address: {url}"))?;
    let boundary = "mypages-bench-boundary";
    let mut body = Vec::new();
    for (name, value) in answer_fields(answer)? {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{}\r\n",
                value.as_str().ok_or("an upload field is not text")?
            )
            .bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lease.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .bytes(),
    );
    body.extend(file);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let request = hyper::Request::post(format!("/{path}"))
        .header("host", address)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("content-length", body.len())
        .body(Full::new(Bytes::from(body)))?;
    let posted = send(address, request).await?;
    if !posted.status().is_success() {
        return Err(format!(
            "the upload got {}: {}",
            posted.status(),
            String::from_utf8_lossy(posted.body())
        )
        .into());
    }
    let key = answer_fields(answer)?
        .get("key")
        .and_then(Json::as_str)
        .ok_or("no key among the upload fields")?;
    let version_id = emulator.version_of(path, key).await?;
    Ok(Uploaded { version_id, size })
}

fn answer_fields(answer: &Json) -> Result<&serde_json::Map<String, Json>, Error> {
    Ok(answer["upload"]["fields"]
        .as_object()
        .ok_or("no upload fields")?)
}

/// The bench's own calls to the local stack's emulator, through the SDK configured as the
/// functions' is (`mypages::aws::sdk`, from the environment the bench gives them): what sets up
/// the work the functions then do, and what the emulator's answer to a POST upload leaves out.
struct Emulator {
    dynamodb: LazyClient<aws_sdk_dynamodb::Client>,
    cognito: LazyClient<aws_sdk_cognitoidentityprovider::Client>,
    s3: aws_sdk_s3::Client,
    sqs: LazyClient<aws_sdk_sqs::Client>,
    data_table: String,
}

impl Emulator {
    /// Clients of the emulator in the local stack's state file, with the credentials the
    /// functions get.
    fn new(state: &Json) -> Result<Emulator, Error> {
        let text = |key: &str| state[key].as_str().map(str::to_owned);
        let sdk = mypages::aws::sdk::from_variables(|name| match name {
            "AWS_ENDPOINT_URL" => text("endpoint"),
            "AWS_REGION" => text("region"),
            "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "AWS_SESSION_TOKEN" => {
                Some(EMULATOR_CREDENTIALS.to_owned())
            }
            _ => None,
        })?;
        Ok(Emulator {
            dynamodb: LazyClient::new(&sdk),
            cognito: LazyClient::new(&sdk),
            s3: mypages::aws::s3_client(&sdk),
            sqs: LazyClient::new(&sdk),
            data_table: text("dataTable").ok_or("the state file has no data table")?,
        })
    }

    /// A queue that nothing consumes, for the bench's own: the local stack relays its reports
    /// and exports queues to its in-process workers, which would race the release binaries
    /// measured here for the same job (and, done first, leave them nothing to do).
    async fn bench_queue(&self, name: &str) -> Result<String, Error> {
        let created = self
            .sqs
            .create_queue()
            .queue_name(name)
            .send()
            .await
            .map_err(|e| {
                format!(
                    "the queue {name} was not created: {}",
                    DisplayErrorContext(e)
                )
            })?;
        Ok(created
            .queue_url()
            .ok_or_else(|| format!("the queue {name} was created without an address"))?
            .to_owned())
    }

    /// Stops the documents bucket from notifying the local stack's upload queue, whose relay
    /// would hand each upload to the stack's own pipeline: here the release binary of
    /// documents-ocr gets the event, from this bench, as the only consumer.
    async fn stop_upload_notifications(&self, bucket: &str) -> Result<(), Error> {
        self.s3
            .put_bucket_notification_configuration()
            .bucket(bucket)
            .notification_configuration(
                aws_sdk_s3::types::NotificationConfiguration::builder().build(),
            )
            .send()
            .await
            .map_err(|e| {
                format!(
                    "the bucket's notifications were not turned off: {}",
                    DisplayErrorContext(e)
                )
            })?;
        Ok(())
    }

    /// The stored version of an uploaded object (the emulator's answer to a POST names none;
    /// AWS's does).
    async fn version_of(&self, bucket: &str, key: &str) -> Result<String, Error> {
        let head = self
            .s3
            .head_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| format!("the upload {key} is not stored: {}", DisplayErrorContext(e)))?;
        Ok(head
            .version_id()
            .ok_or_else(|| format!("the uploaded object {key} names no version"))?
            .to_owned())
    }

    /// Gives the company the name an administrator confirms an erasure with. (A company is
    /// named when it is provisioned, as `mypages-local`'s `ensure_company` does; the bench's
    /// companies come into being with their first request.)
    async fn name_company(&self, company: &str, name: &str) -> Result<(), Error> {
        self.dynamodb
            .update_item()
            .table_name(&self.data_table)
            .key("pk", AttributeValue::S(company_pk(company)))
            .key("sk", AttributeValue::S(COMPANY_SK.to_owned()))
            .update_expression("SET #name = :name")
            .expression_attribute_names("#name", "name")
            .expression_attribute_values(":name", AttributeValue::S(name.to_owned()))
            .send()
            .await
            .map_err(|e| format!("{company} was not named: {}", DisplayErrorContext(e)))?;
        Ok(())
    }

    /// Ends the grace period of the company's scheduled erasure now, as the passing of the
    /// days would (the runner reads the operators' ledger row).
    async fn end_grace_period(&self, company: &str) -> Result<(), Error> {
        self.dynamodb
            .update_item()
            .table_name(&self.data_table)
            .key("pk", AttributeValue::S(LEDGER_PK.to_owned()))
            .key("sk", AttributeValue::S(company.to_owned()))
            .update_expression("SET scheduledFor = :past")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(
                ":past",
                AttributeValue::S(mypages::aws::timestamp(
                    chrono::Utc::now() - chrono::Duration::minutes(1),
                )),
            )
            .send()
            .await
            .map_err(|e| {
                format!(
                    "{company}'s erasure is not in the ledger: {}",
                    DisplayErrorContext(e)
                )
            })?;
        Ok(())
    }

    /// What the erasure of `company` deleted, as its ledger row counts it (`deleted:<name>`).
    async fn erasure_counts(&self, company: &str) -> Result<BTreeMap<String, u64>, Error> {
        let row = self
            .dynamodb
            .get_item()
            .table_name(&self.data_table)
            .key("pk", AttributeValue::S(LEDGER_PK.to_owned()))
            .key("sk", AttributeValue::S(company.to_owned()))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| format!("the ledger row of {company}: {}", DisplayErrorContext(e)))?
            .item
            .ok_or_else(|| format!("{company} has no ledger row"))?;
        Ok(row
            .iter()
            .filter_map(|(name, value)| {
                let count = value.as_n().ok()?.parse().ok()?;
                Some((name.strip_prefix("deleted:")?.to_owned(), count))
            })
            .collect())
    }

    /// A person as Cognito holds one who signed in through the company's identity provider
    /// (`<provider>_<subject>`, the IdP's groups in `custom:idp_groups`), in a pool of its own:
    /// the stack's pool signs in by e-mail, so the emulator names its users by UUID.
    async fn federated_user(
        &self,
        provider: &str,
        email: &str,
        groups: &str,
    ) -> Result<Federated, Error> {
        let failed = |e: String| format!("the federated user was not created: {e}");
        let pool_id = self
            .cognito
            .create_user_pool()
            .pool_name(format!("federated-{provider}"))
            // As template.yaml's pool: Cognito copies the IdP's groups into this attribute.
            .schema(
                SchemaAttributeType::builder()
                    .name(IDP_GROUPS_ATTRIBUTE.trim_start_matches("custom:"))
                    .attribute_data_type(AttributeDataType::String)
                    .mutable(true)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| failed(DisplayErrorContext(e).to_string()))?
            .user_pool
            .and_then(|p| p.id)
            .ok_or_else(|| failed("a pool without an id".to_owned()))?;
        let subject = format!(
            "{:032x}",
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
        );
        let user_name = format!("{provider}_{subject}");
        let attribute = |name: &str, value: &str| {
            AttributeType::builder()
                .name(name)
                .value(value)
                .build()
                .map_err(|e| failed(e.to_string()))
        };
        self.cognito
            .admin_create_user()
            .user_pool_id(&pool_id)
            .username(&user_name)
            .message_action(MessageActionType::Suppress)
            .user_attributes(attribute("email", email)?)
            .user_attributes(attribute(IDP_GROUPS_ATTRIBUTE, &format!("[{groups}]"))?)
            .send()
            .await
            .map_err(|e| failed(DisplayErrorContext(e).to_string()))?;
        let user = self
            .cognito
            .admin_get_user()
            .user_pool_id(&pool_id)
            .username(&user_name)
            .send()
            .await
            .map_err(|e| failed(DisplayErrorContext(e).to_string()))?;
        let sub = user
            .user_attributes()
            .iter()
            .find(|a| a.name() == "sub")
            .and_then(|a| a.value())
            .ok_or_else(|| failed("no sub".to_owned()))?
            .to_owned();
        Ok(Federated {
            pool_id,
            provider: provider.to_owned(),
            subject,
            sub,
            email: email.to_owned(),
            groups: groups.to_owned(),
        })
    }
}

/// A federated person's names, which the federated sign-in events carry.
struct Federated {
    pool_id: String,
    provider: String,
    /// Who the person is at the identity provider.
    subject: String,
    sub: String,
    email: String,
    /// The IdP's groups, as Cognito lists them in `custom:idp_groups` (without the brackets).
    groups: String,
}

/// The upload queue's event with the version and size of what was uploaded, as S3 sends them
/// (the sample's are made up; the pipeline reads exactly the version the event names).
fn name_upload(event: &mut Json, uploaded: &Uploaded) -> Result<(), Error> {
    for record in event["Records"].as_array_mut().into_iter().flatten() {
        let mut notification: Json = serde_json::from_str(
            record["body"]
                .as_str()
                .ok_or("an SQS record without a body")?,
        )?;
        for s3 in notification["Records"].as_array_mut().into_iter().flatten() {
            s3["s3"]["object"]["versionId"] = json!(uploaded.version_id);
            s3["s3"]["object"]["size"] = json!(uploaded.size);
        }
        record["body"] = json!(notification.to_string());
    }
    Ok(())
}

/// Points a sample event's contract placeholder, path and path parameter at `id`.
fn set_contract(event: &mut Json, id: &str) {
    if event["pathParameters"]["id"].is_string() {
        event["pathParameters"]["id"] = json!(id);
    }
    let on_contract = |path: &Json| {
        let (head, tail) = path.as_str()?.split_once("/contracts/")?;
        let rest = tail
            .split_once('/')
            .map_or(String::new(), |(_, r)| format!("/{r}"));
        Some(json!(format!("{head}/contracts/{id}{rest}")))
    };
    if let Some(path) = on_contract(&event["path"]) {
        event["path"] = path;
    }
    if let Some(path) = on_contract(&event["requestContext"]["path"]) {
        event["requestContext"]["path"] = path;
    }
    if let Some(query) = event["queryStringParameters"].as_object_mut()
        && query.contains_key("contractId")
    {
        query.insert("contractId".to_owned(), json!(id));
    }
}

async fn one_process(
    binary: &Path,
    env: &[(String, String)],
    events: Vec<Json>,
) -> Result<Outcome, Error> {
    let count = events.len();
    let events = events
        .iter()
        .map(|e| serde_json::to_vec(e).map(Bytes::from))
        .collect::<Result<Vec<_>, _>>()?;
    let mut process = FunctionProcess::start(binary, env, events).await?;
    let pid = process.pid;
    let seen = &mut process.seen;
    let result = async {
        let (mut answers, mut bodies) = (Vec::new(), Vec::new());
        let (mut asked, mut slowest) = (None, Duration::ZERO);
        while answers.len() < count {
            match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
                Some(Seen::Next(at)) => asked = Some(at),
                Some(Seen::Answered {
                    at,
                    status,
                    response,
                    failed,
                }) => {
                    if let Some(asked) = asked.take() {
                        slowest = slowest.max(at - asked);
                    }
                    answers.push(answer_label(status, &response, failed));
                    // An API Gateway response's body; the whole answer of another function.
                    bodies.push(match (status, response["body"].as_str()) {
                        (Some(_), Some(body)) => serde_json::from_str(body).unwrap_or(Json::Null),
                        (Some(_), None) => Json::Null,
                        (None, _) => response,
                    });
                }
                Some(Seen::InitError(e)) => {
                    return Err::<Outcome, Error>(format!("init error: {e}").into());
                }
                None => return Err("the Runtime API stopped".into()),
            }
        }
        Ok(Outcome {
            answers,
            bodies,
            peak_rss_kib: peak_rss_kib(pid).unwrap_or_default(),
            slowest,
        })
    }
    .await;
    process.stop(result).await
}
