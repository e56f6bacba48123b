//! Company exports (issue 11) end to end: `POST /company/exports` queued to
//! `company-export-build` (through the local stack's queue relay), `GET /company/exports/{id}`
//! with its audited download, and the zip itself: every kind of data counted, a document's
//! bytes as uploaded, and the audit chain verified offline from the zip alone.

use blackbox::{Session, Stack, Tenant, ie13_contract, text};
use company_export_build::{DEPENDENCY_FAILURE_REASON, Outcome};
use mypages::aws::exports::{ExportSources, ExportWorkerDeps};
use mypages::domain::export::{Manifest, layout};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::time::Duration;

use crate::documents::{PDF, uploaded_document};

pub(crate) async fn request_export(
    stack: &Stack,
    session: &Session,
    body: &Value,
    key: Option<&str>,
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    let mut builder = stack
        .request(Method::POST, "/company/exports", Some(&session.id_token))
        .json(body);
    if let Some(key) = key {
        builder = builder.header("idempotency-key", key);
    }
    stack.send(builder).await
}

/// Polls `GET /company/exports/{id}` until the export is settled.
pub(crate) async fn settled(stack: &Stack, session: &Session, id: &str) -> Value {
    let path = format!("/company/exports/{id}");
    for _ in 0..240 {
        let (status, export, _) = stack.get(&session.id_token, &path).await;
        assert_eq!(status, StatusCode::OK, "{export}");
        if matches!(export["status"].as_str(), Some("finished" | "failed")) {
            return export;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("export {id} never settled");
}

/// Every file of the zip by name.
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("an entry");
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("readable");
        let name = file.name().expect("a UTF-8 file name").into_owned();
        files.insert(name, content);
    }
    files
}

pub(crate) fn json_of(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
    serde_json::from_slice(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} in the zip")),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

async fn list_all(stack: &Stack, token: &str, path: &str) -> Vec<Value> {
    let (status, body, _) = stack.get(token, &format!("{path}?limit=100")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["nextCursor"].is_null(),
        "one page holds it all: {body}"
    );
    body["items"].as_array().cloned().unwrap_or_default()
}

/// A company with contracts (one with a second version), an uploaded document, a finished
/// report and its four users.
async fn company_with_data(stack: &Stack, t: &Tenant) -> String {
    let first = stack.create_contract(&t.editor, &ie13_contract()).await;
    let mut second_terms = ie13_contract();
    second_terms["name"] = json!("=Car, formula-like name");
    let second = stack.create_contract(&t.editor, &second_terms).await;
    let change = json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-01-01",
                        "reason": "Index uplift"});
    let (status, changed, _) = stack
        .change(
            Method::PATCH,
            &t.editor.id_token,
            &format!("/contracts/{}", text(&first, "id")),
            "\"1\"",
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(second["version"], 1);
    let document = uploaded_document(stack, &t.editor, None).await;
    let (status, report, _) = stack
        .send(
            stack
                .request(Method::POST, "/reports", Some(&t.auditor.id_token))
                .json(
                    &json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31",
                              "format": "json"}),
                ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["status"], "finished");
    text(&document, "id")
}

#[tokio::test]
async fn an_export_holds_everything_the_company_has_and_its_chain_verifies_offline() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let document_id = company_with_data(&stack, &t).await;

    let body = json!({"reason": "The customer's contract ends; it takes its data along"});
    let (status, created, headers) =
        request_export(&stack, &t.admin, &body, Some("export-1")).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{created}");
    assert_eq!(created["status"], "pending");
    let id = text(&created, "id");
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/v1/company/exports/{id}").as_str())
    );
    // The key replays the first answer; a second export while one is under way is 429.
    let (status, replayed, _) = request_export(&stack, &t.admin, &body, Some("export-1")).await;
    assert_eq!((status, &replayed), (StatusCode::ACCEPTED, &created));
    let (status, problem, headers) = request_export(&stack, &t.admin, &body, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
    assert!(headers.get("retry-after").is_some());

    let export = settled(&stack, &t.admin, &id).await;
    assert_eq!(export["status"], "finished", "{export}");
    assert_eq!(export["reason"], body["reason"]);
    let download = &export["download"];
    assert!(download["expiresAt"].is_string(), "{export}");
    let file = reqwest::get(text(download, "url"))
        .await
        .expect("the presigned URL answers");
    assert_eq!(file.status(), 200);
    let disposition = file
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let bytes = file.bytes().await.expect("the zip").to_vec();
    assert_eq!(export["size"], bytes.len());
    let files = unzip(&bytes);

    // The manifest lists every other file with its true size and hash.
    let manifest: Manifest =
        serde_json::from_value(json_of(&files, layout::MANIFEST)).expect("a manifest");
    assert_eq!(manifest.company_id, t.company_id);
    assert_eq!(manifest.export_id, id);
    assert_eq!(manifest.files.len(), files.len() - 1);
    for listed in &manifest.files {
        let content = files
            .get(&listed.path)
            .expect("a listed file is in the zip");
        assert_eq!(listed.size, content.len() as u64, "{}", listed.path);
        assert_eq!(
            listed.sha256,
            hex::encode(Sha256::digest(content)),
            "{}",
            listed.path
        );
    }

    // Counts per kind match what the API shows of the company.
    let count = |kind: &str| manifest.counts.get(kind).copied().unwrap_or(0);
    let contracts = list_all(&stack, &t.admin.id_token, "/contracts").await;
    let users = list_all(&stack, &t.admin.id_token, "/users").await;
    let documents = list_all(&stack, &t.admin.id_token, "/documents").await;
    let reports = list_all(&stack, &t.admin.id_token, "/reports").await;
    let mut versions = 0;
    for contract in &contracts {
        let (_, full, _) = stack
            .get(
                &t.admin.id_token,
                &format!("/contracts/{}", text(contract, "id")),
            )
            .await;
        versions += full["versions"].as_array().map_or(0, Vec::len) as u64;
        let exported = json_of(&files, &layout::contract(&text(contract, "id")));
        assert_eq!(exported, full, "contract.json is GET /contracts/{{id}}");
        let (_, schedule, _) = stack
            .get(
                &t.admin.id_token,
                &format!("/contracts/{}/schedule", text(contract, "id")),
            )
            .await;
        assert_eq!(
            json_of(&files, &layout::contract_schedule(&text(contract, "id"))),
            schedule
        );
    }
    assert_eq!(count("contracts"), contracts.len() as u64);
    assert_eq!(count("contracts"), 2);
    assert_eq!(count("contractVersions"), versions);
    assert_eq!(count("contractVersions"), 3);
    assert_eq!(count("schedules"), 2);
    assert_eq!(count("users"), users.len() as u64);
    assert_eq!(count("users"), 4);
    assert_eq!(count("documents"), documents.len() as u64);
    assert_eq!(count("documentOriginals"), 1);
    assert_eq!(count("reports"), reports.len() as u64);
    assert_eq!(count("reportFiles"), 1);
    let versions_csv =
        String::from_utf8(files[layout::CONTRACT_VERSIONS_CSV].clone()).expect("UTF-8 CSV");
    assert_eq!(versions_csv.lines().count(), 1 + 3, "{versions_csv}");
    assert!(
        versions_csv.contains("'=Car, formula-like name"),
        "{versions_csv}"
    );
    let users_csv = String::from_utf8(files[layout::USERS_CSV].clone()).expect("UTF-8 CSV");
    assert!(users_csv.contains(&t.viewer.email), "{users_csv}");

    // The document's bytes are the upload's.
    let original = files
        .iter()
        .find(|(name, _)| name.starts_with(&format!("documents/{document_id}/original/")))
        .map(|(_, content)| content)
        .expect("the document's original");
    assert_eq!(original.as_slice(), PDF);

    // No secret field anywhere in the structured files (a login record's `"method":
    // "password"` names how someone signed in, not a secret).
    for (name, content) in &files {
        if name.ends_with(".json") || name.ends_with(".csv") || name.ends_with(".jsonl") {
            let text = String::from_utf8_lossy(content).to_lowercase();
            for secret in ["\"clientsecret\":", "\"password\":", "\"secret\":"] {
                assert!(!text.contains(secret), "{secret} in {name}");
            }
        }
    }

    // The chain verifies offline from the zip alone, from its first record, and holds the
    // export's own request.
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, content) in &files {
        if let Some(below) = name.strip_prefix(layout::AUDIT_DIR) {
            let path = dir.path().join(below);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&path, content).expect("write");
        }
    }
    let pem = String::from_utf8(files[layout::AUDIT_PUBLIC_KEY].clone()).expect("PEM");
    let key = mypages_cli::verify::public_key_from_pem(&pem).expect("a P-256 key");
    let report = mypages_cli::verify::verify_dir(dir.path(), &key).expect("readable");
    assert!(report.valid(), "{report}");
    let mut records = 0;
    for chain in &report.chains {
        assert_eq!(chain.company_id, t.company_id);
        assert_eq!(
            Some(chain.records),
            chain.last_seq,
            "complete from 1: {chain}"
        );
        records += chain.records;
    }
    assert_eq!(count("auditRecords"), records);
    let requested = stack
        .audit_records(&t.auditor.id_token, "?action=company.export.request")
        .await;
    assert_eq!(requested.len(), 1, "{requested:?}");
    let data = report
        .chains
        .iter()
        .find(|c| c.chain == mypages::domain::audit::Chain::Data)
        .expect("the data chain");
    assert!(data.last_seq >= requested[0]["seq"].as_u64());

    // The download was audited (once per URL handed out), and the list shows the export.
    let downloads = stack
        .audit_records(&t.auditor.id_token, "?action=company.export")
        .await;
    assert_eq!(downloads.len(), 1, "{downloads:?}");
    assert_eq!(downloads[0]["target"], format!("export/{id}"));
    let listed = list_all(&stack, &t.admin.id_token, "/company/exports").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert!(listed[0].get("download").is_none());
}

#[tokio::test]
async fn requests_of_the_wrong_shape_are_400_and_broken_rules_422_and_change_nothing() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    for (body, expected) in [
        (json!({}), StatusCode::BAD_REQUEST),
        (
            json!({"reason": "x", "format": "zip"}),
            StatusCode::BAD_REQUEST,
        ),
        (json!({"reason": 5}), StatusCode::BAD_REQUEST),
        (json!([]), StatusCode::BAD_REQUEST),
        (json!({"reason": ""}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"reason": "a".repeat(1001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (status, problem, _) = request_export(&stack, &t.admin, &body, None).await;
        assert_eq!(status, expected, "{body}: {problem}");
    }
    assert_eq!(stack.snapshot(&t.company_id).await, before);
}

/// The builder with the audit archive's bucket gone: a dependency failure.
fn broken_worker(stack: &Stack) -> ExportWorkerDeps {
    let worker = ExportWorkerDeps::from_deps(&stack.deps).expect("every bucket in the state file");
    ExportWorkerDeps {
        sources: ExportSources {
            audit_archive_bucket: "mypages-local-no-such-archive".to_owned(),
            ..worker.sources.clone()
        },
        ..worker
    }
}

fn message(
    company_id: &str,
    export_id: &str,
    receives: u32,
) -> aws_lambda_events::event::sqs::SqsMessage {
    let text = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../events/company-export-build/sqs.json"),
    )
    .expect("the sample event")
    .replace("${companyId}", company_id)
    .replace("${exportId}", export_id);
    let mut event: aws_lambda_events::event::sqs::SqsEvent =
        serde_json::from_str(&text).expect("an SQS event");
    let mut message = event.records.remove(0);
    message
        .attributes
        .insert("ApproximateReceiveCount".into(), receives.to_string());
    message
}

#[tokio::test]
async fn a_failed_dependency_is_retried_then_fails_the_export_with_a_generic_reason() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let (status, created, _) =
        request_export(&stack, &t.admin, &json!({"reason": "audit"}), None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{created}");
    let id = text(&created, "id");
    // Before the relay's delayed delivery: this worker takes the export up first.
    let worker = broken_worker(&stack);
    let outcome =
        company_export_build::handle_message(&worker, &message(&t.company_id, &id, 1)).await;
    assert!(matches!(outcome, Outcome::Retry(_)), "{outcome:?}");
    let (_, again, _) = stack
        .get(&t.admin.id_token, &format!("/company/exports/{id}"))
        .await;
    assert_eq!(again["status"], "pending", "put back for the next delivery");
    let last = mypages::config::DEFAULT_EXPORTS_MAX_RECEIVES;
    let outcome =
        company_export_build::handle_message(&worker, &message(&t.company_id, &id, last)).await;
    assert_eq!(
        outcome,
        Outcome::Failed(DEPENDENCY_FAILURE_REASON.to_owned())
    );
    let export = settled(&stack, &t.admin, &id).await;
    assert_eq!(export["status"], "failed");
    assert_eq!(export["failureReason"], DEPENDENCY_FAILURE_REASON);
    assert!(export.get("download").is_none());
    // Every multipart upload the attempts began was aborted.
    let exports = stack.deps.exports.as_ref().expect("the exports bucket");
    let uploads = exports
        .s3
        .list_multipart_uploads()
        .bucket(&exports.ids.exports_bucket)
        .prefix(format!("t/{}/", t.company_id))
        .send()
        .await
        .expect("the emulator's S3 answers");
    assert!(uploads.uploads().is_empty(), "{:?}", uploads.uploads());
}
