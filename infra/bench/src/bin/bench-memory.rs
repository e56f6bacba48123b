//! Peak memory of the HTTP functions on real work, for choosing each one's `MemorySize`.
//!
//! Each function's release binary runs under the minimal Runtime API (one process per
//! function, as one Lambda instance) against a running local stack: its emulator, tables,
//! buckets and user pool, read from the stack's state file. It answers every sample event of
//! `events/<function>/`, signed in as a fresh company (the claims API Gateway would pass), then
//! the largest requests the API allows on one contract: a lease of `MAX_TERM_MONTHS` monthly
//! payments with `MAX_STEPS` payment steps, changed until it has `MAX_VERSIONS` versions, then
//! read, listed, scheduled, suggested a rate for and reported on. Prints, per function, the
//! peak RSS (VmHWM) after its sample events and after the largest, its slowest answer (wall
//! time on this machine: Lambda's CPU share grows with `MemorySize`), and the statuses.
//!
//!   bench-memory <release dir> <state file> [function ...]
//!
//! (`infra/bench-memory.sh` builds the functions, starts the local stack and runs this.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Months, NaiveDate};
use hyper::body::Bytes;
use mypages::domain::lease::{MAX_STEPS, MAX_TERM_MONTHS, MAX_VERSIONS};
use mypages_bench::{Error, FunctionProcess, Seen, Template, lambda_env, peak_rss_kib};
use serde_json::{Value as Json, json};

/// One answer may take this long (a 500-version schedule on a busy machine).
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

/// The functions that create what the others' sample events name, first; those that delete or
/// erase it, last.
fn order(binary: &str) -> u8 {
    if binary.ends_with("-create") {
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
];

struct Outcome {
    statuses: Vec<Option<u16>>,
    bodies: Vec<Json>,
    peak_rss_kib: u64,
    /// The longest answer (`/next` to the response), on this machine's CPU.
    slowest: Duration,
}

struct Bench {
    root: PathBuf,
    release: PathBuf,
    functions: BTreeMap<String, Vec<(String, String)>>,
    vars: BTreeMap<String, String>,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench-memory <release dir> <state file> [function ...]";
    let release = PathBuf::from(args.first().ok_or(usage)?);
    let state: Json = serde_json::from_slice(&std::fs::read(args.get(1).ok_or(usage)?)?)?;
    let only = &args[2.min(args.len())..];

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let template = Template::load(&root.join("template.yaml"))?;
    let functions = template
        .http_functions()
        .into_iter()
        .filter(|(binary, _)| only.is_empty() || only.contains(binary))
        .map(|(binary, variables)| {
            let env = stack_env(&binary, variables, &state);
            (binary, env)
        })
        .collect();
    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    let text = |key: &str| state[key].as_str().unwrap_or_default().to_owned();
    let vars = [
        ("companyId", format!("mem-{run_id}")),
        ("companyName", format!("Memory bench {run_id}")),
        ("sub", format!("00000000-0000-4000-8000-{run_id:012}")),
        ("clientId", text("userPoolClientId")),
        ("userPoolId", text("userPoolId")),
        ("bucket", text("documentsBucket")),
        ("email", format!("memory-{run_id}@demo.example")),
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
    };

    let mut binaries: Vec<String> = bench.functions.keys().cloned().collect();
    binaries.sort_by_key(|b| (order(b), b.clone()));
    println!(
        "{:<28} {:>10} {:>11} {:>10}  statuses (sample events; largest)",
        "function", "sample MiB", "largest MiB", "slowest ms"
    );
    let largest = bench.largest_contract().await;
    let mut failed = Vec::new();
    for binary in &binaries {
        let sample = bench.sample_events(binary).await;
        let large = largest.get(binary);
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
                statuses(&outcome.statuses),
                large.map_or("".to_owned(), |o| format!("; {}", statuses(&o.statuses))),
            ),
            Err(e) => {
                println!("{binary:<28} FAILED: {e}");
                failed.push(binary.clone());
            }
        }
    }
    if let Err(e) = &largest.failure {
        println!("\nthe largest contract: FAILED: {e}");
        failed.push("largest contract".to_owned());
    }
    if !failed.is_empty() {
        return Err(format!("failed: {}", failed.join(", ")).into());
    }
    Ok(())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// The statuses in order, runs of one status shortened (`200×499`).
fn statuses(statuses: &[Option<u16>]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < statuses.len() {
        let run = statuses[i..]
            .iter()
            .take_while(|s| **s == statuses[i])
            .count();
        let status = statuses[i].map_or("error".to_owned(), |s| s.to_string());
        out.push(if run > 1 {
            format!("{status}×{run}")
        } else {
            status
        });
        i += run;
    }
    out.join(" ")
}

/// Lambda's environment and the template's variables, pointed at the local stack.
fn stack_env(
    binary: &str,
    mut variables: BTreeMap<String, String>,
    state: &Json,
) -> Vec<(String, String)> {
    for (name, path) in STACK_VARIABLES {
        let value = path.iter().fold(state, |v, key| &v[*key]);
        if let (Some(slot), Some(value)) = (variables.get_mut(*name), value.as_str()) {
            *slot = value.to_owned();
        }
    }
    let mut env = lambda_env(binary, variables);
    for (name, value) in [
        ("AWS_ENDPOINT_URL", state["endpoint"].as_str()),
        ("AWS_REGION", state["region"].as_str()),
        ("AWS_DEFAULT_REGION", state["region"].as_str()),
        ("AWS_ACCESS_KEY_ID", Some("testing")),
        ("AWS_SECRET_ACCESS_KEY", Some("testing")),
        ("AWS_SESSION_TOKEN", Some("testing")),
    ] {
        env.retain(|(k, _)| k != name);
        if let Some(value) = value {
            env.push((name.to_owned(), value.to_owned()));
        }
    }
    env
}

/// What the largest contract's requests left, per function.
struct Largest {
    outcomes: BTreeMap<String, Outcome>,
    failure: Result<(), String>,
}

impl Largest {
    fn get(&self, binary: &str) -> Option<&Outcome> {
        self.outcomes.get(binary)
    }
}

impl Bench {
    /// The function's sample events, in file order, with the run's values in place of the
    /// placeholders; an id the function creates becomes the others' placeholder.
    async fn sample_events(&mut self, binary: &str) -> Result<Outcome, Error> {
        let dir = self.root.join("events").join(binary);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let events = files
            .iter()
            .map(|file| self.event_at(file))
            .collect::<Result<Vec<_>, _>>()?;
        let outcome = self.run(binary, events).await?;
        if let Some(name) = created_id(binary)
            && let Some(id) = outcome.bodies.iter().find_map(|b| b["id"].as_str())
        {
            self.vars.insert(name.to_owned(), id.to_owned());
        }
        Ok(outcome)
    }

    /// The largest contract the API accepts, created, changed to its last version, then read by
    /// every function that reads one contract.
    async fn largest_contract(&mut self) -> Largest {
        let mut outcomes = BTreeMap::new();
        let failure = self.largest_contract_into(&mut outcomes).await;
        Largest {
            outcomes,
            failure: failure.map_err(|e| e.to_string()),
        }
    }

    async fn largest_contract_into(
        &mut self,
        outcomes: &mut BTreeMap<String, Outcome>,
    ) -> Result<(), Error> {
        let present: Vec<String> = self.functions.keys().cloned().collect();
        let wanted = |b: &str| present.iter().any(|p| p == b);
        if !wanted("contracts-create") {
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
        let create = self.event("contracts-create/ie13.json", |event| {
            event["body"] = json!(body.to_string());
            event["headers"]["idempotency-key"] =
                json!(format!("{}-largest", self.vars["idempotencyKey"]));
        })?;
        let created = self.run("contracts-create", vec![create]).await?;
        let id = created.bodies[0]["id"]
            .as_str()
            .ok_or_else(|| format!("the largest contract was not created: {:?}", created.bodies))?
            .to_owned();
        self.vars.insert("largestId".to_owned(), id.clone());
        outcomes.insert("contracts-create".to_owned(), created);

        if wanted("contracts-update") {
            let changes = (1..MAX_VERSIONS)
                .map(|version| {
                    self.event("contracts-update/index-uplift.json", |event| {
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
            outcomes.insert(
                "contracts-update".to_owned(),
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
            ("audit-verify", "audit-verify/verify.json"),
        ] {
            if wanted(binary) {
                let event = self.event(file, |event| set_contract(event, &id))?;
                outcomes.insert(binary.to_owned(), self.run(binary, vec![event]).await?);
            }
        }
        Ok(())
    }

    /// A sample event with the run's values, changed by `change`.
    fn event(&self, file: &str, change: impl FnOnce(&mut Json)) -> Result<Json, Error> {
        let mut event = self.event_at(&self.root.join("events").join(file))?;
        change(&mut event);
        Ok(event)
    }

    /// The event in `path` with the run's values in place of its placeholders.
    fn event_at(&self, path: &Path) -> Result<Json, Error> {
        let mut text = std::fs::read_to_string(path)?;
        for (key, value) in &self.vars {
            text = text.replace(&format!("${{{key}}}"), value);
        }
        Ok(serde_json::from_str(&text)?)
    }

    /// The events, in order, answered by one process of the function; its peak RSS after the
    /// last answer.
    async fn run(&self, binary: &str, events: Vec<Json>) -> Result<Outcome, Error> {
        let env = self
            .functions
            .get(binary)
            .ok_or_else(|| format!("{binary} is not an HTTP function of the template"))?;
        one_process(&self.release.join(binary), env, events).await
    }
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
        let (mut statuses, mut bodies) = (Vec::new(), Vec::new());
        let (mut asked, mut slowest) = (None, Duration::ZERO);
        while statuses.len() < count {
            match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
                Some(Seen::Next(at)) => asked = Some(at),
                Some(Seen::Answered {
                    at,
                    status,
                    response,
                }) => {
                    if let Some(asked) = asked.take() {
                        slowest = slowest.max(at - asked);
                    }
                    statuses.push(status);
                    bodies.push(
                        response["body"]
                            .as_str()
                            .and_then(|b| serde_json::from_str(b).ok())
                            .unwrap_or(Json::Null),
                    );
                }
                Some(Seen::InitError(e)) => {
                    return Err::<Outcome, Error>(format!("init error: {e}").into());
                }
                None => return Err("the Runtime API stopped".into()),
            }
        }
        Ok(Outcome {
            statuses,
            bodies,
            peak_rss_kib: peak_rss_kib(pid).unwrap_or_default(),
            slowest,
        })
    }
    .await;
    process.stop(result).await
}
