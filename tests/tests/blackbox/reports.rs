//! Period reports (issue 10) end to end: `POST /reports` computed in the request or queued to
//! `reports-generate`, `GET /reports`, `GET /reports/{id}` and the audited download.
//!
//! The local stack computes a portfolio of at most `reportsInlineMaxContracts` (state file;
//! 5 unless `REPORTS_INLINE_MAX_CONTRACTS` says otherwise) in the request: the queued tests
//! order reports over one contract more than that.

use blackbox::{Session, Stack, Tenant, ie13_contract, text};
use mypages::aws::reports::{REPORT_RETENTION_DAYS, ReportStatus, StoredReport, report_output_key};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::io::Read;
use std::str::FromStr;
use std::time::Duration;

fn year_2026(format: &str) -> Value {
    json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31", "format": format})
}

/// An IE 13-like contract in `currency` running from `commencement` for ten years.
fn contract(name: &str, currency: &str, commencement: &str, end: &str) -> Value {
    let mut body = ie13_contract();
    body["name"] = json!(name);
    body["currency"] = json!(currency);
    body["commencementDate"] = json!(commencement);
    body["endDate"] = json!(end);
    body
}

async fn order(stack: &Stack, session: &Session, body: &Value) -> (StatusCode, Value) {
    let (status, answer, _) = stack
        .send(
            stack
                .request(Method::POST, "/reports", Some(&session.id_token))
                .json(body),
        )
        .await;
    (status, answer)
}

fn inline_max(stack: &Stack) -> usize {
    stack.state["reportsInlineMaxContracts"]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .expect("reportsInlineMaxContracts in the state file")
}

/// Polls `GET /reports/{id}` until the report is settled (finished or failed).
async fn settled(stack: &Stack, session: &Session, id: &str) -> Value {
    let path = format!("/reports/{id}");
    for _ in 0..120 {
        let (status, report, _) = stack.get(&session.id_token, &path).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        if matches!(report["status"].as_str(), Some("finished" | "failed")) {
            return report;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("report {id} never settled");
}

/// The downloaded file: the URL the route hands out, followed.
async fn download(stack: &Stack, session: &Session, id: &str) -> (Value, Vec<u8>) {
    let (status, answer, headers) = stack
        .get(&session.id_token, &format!("/reports/{id}/download"))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        headers.get("cache-control").and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let url = text(&answer, "url");
    let file = reqwest::get(&url).await.expect("the presigned URL answers");
    assert_eq!(file.status(), 200, "{url}");
    let disposition = file
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let bytes = file.bytes().await.expect("the file").to_vec();
    (answer, bytes)
}

fn amount(value: &Value) -> Decimal {
    Decimal::from_str(
        value
            .as_str()
            .unwrap_or_else(|| panic!("{value} is no amount")),
    )
    .unwrap_or_else(|_| panic!("{value} is no amount"))
}

/// API.md's identities of the JSON report.
fn assert_identities(report: &Value) {
    let l = &report["liability"];
    assert_eq!(
        amount(&l["opening"]) + amount(&l["additions"]) + amount(&l["interest"])
            - amount(&l["payments"])
            + amount(&l["remeasurements"])
            - amount(&l["terminations"])
            + amount(&l["fxDifference"]),
        amount(&l["closing"]),
        "liability roll-forward: {l}"
    );
    assert_eq!(
        amount(&l["current"]) + amount(&l["nonCurrent"]),
        amount(&l["closing"]),
        "{l}"
    );
    let a = &report["rightOfUseAsset"];
    assert_eq!(
        amount(&a["opening"]) + amount(&a["additions"]) - amount(&a["depreciation"])
            + amount(&a["remeasurements"])
            - amount(&a["terminations"])
            + amount(&a["fxDifference"]),
        amount(&a["closing"]),
        "asset roll-forward: {a}"
    );
    for entry in report["journalEntries"]
        .as_array()
        .expect("journal entries")
    {
        let lines = entry["lines"].as_array().expect("lines");
        let debit: Decimal = lines.iter().map(|l| amount(&l["debit"])).sum();
        let credit: Decimal = lines.iter().map(|l| amount(&l["credit"])).sum();
        assert_eq!(debit, credit, "an unbalanced entry: {entry}");
    }
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    archive
        .file_names()
        .map(|name| name.expect("a file name").into_owned())
        .collect()
}

fn zip_file(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut file = archive.by_name(name).expect("the file in the zip");
    let mut out = Vec::new();
    file.read_to_end(&mut out).expect("readable");
    out
}

async fn actions(stack: &Stack, tenant: &Tenant, action: &str) -> Vec<Value> {
    stack
        .audit_records(&tenant.auditor.id_token, &format!("?action={action}"))
        .await
}

#[tokio::test]
async fn requests_of_the_wrong_shape_are_400_and_broken_rules_422_and_change_nothing() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let mine = text(
        &stack
            .create_contract(
                &t.admin,
                &contract("Mine", "SEK", "2026-01-01", "2030-12-31"),
            )
            .await,
        "id",
    );
    let other = stack.new_tenant().await;
    let theirs = text(
        &stack.create_contract(&other.admin, &ie13_contract()).await,
        "id",
    );
    let before = stack.snapshot(&t.company_id).await;
    let with = |extra: Value| {
        let mut body = year_2026("json");
        if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
            body.extend(extra);
        }
        body
    };
    let cases = [
        (
            json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31"}),
            400,
            "format",
        ),
        (with(json!({"format": "pdf"})), 400, "format"),
        (with(json!({"colour": "blue"})), 400, "colour"),
        (
            with(json!({"periodStart": "2026-02-30"})),
            400,
            "periodStart",
        ),
        (with(json!({"language": "de"})), 400, "language"),
        (with(json!({"framework": "gaap"})), 400, "framework"),
        (
            with(json!({"contractIds": mine.clone()})),
            400,
            "contractIds",
        ),
        (with(json!({"periodEnd": "2025-12-31"})), 422, "periodEnd"),
        (with(json!({"periodEnd": "2027-01-01"})), 422, "periodEnd"),
        (
            with(json!({"reportingCurrency": "JPY"})),
            422,
            "reportingCurrency",
        ),
        (
            with(json!({"reportingCurrency": "ABC"})),
            422,
            "reportingCurrency",
        ),
        (
            with(json!({"contractIds": [&mine, &mine]})),
            422,
            "contractIds",
        ),
        (
            with(json!({"contractIds": [uuid::Uuid::now_v7().to_string()]})),
            422,
            "contractIds",
        ),
        // Another company's contract is as unknown as one that never was.
        (
            with(json!({"contractIds": [&mine, &theirs]})),
            422,
            "contractIds",
        ),
    ];
    for (body, expected, field) in cases {
        let (status, problem) = order(&stack, &t.editor, &body).await;
        assert_eq!(status.as_u16(), expected, "{body}: {problem}");
        let fields: Vec<String> = problem["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| text(e, "field"))
            .collect();
        assert!(fields.contains(&field.to_owned()), "{body}: {problem}");
    }
    let (_, unknown, _) = stack
        .get(&t.editor.id_token, "/reports/no-such-report")
        .await;
    assert_eq!(unknown["type"], "/problems/not-found");
    assert_eq!(stack.snapshot(&t.company_id).await, before);
}

#[tokio::test]
async fn an_inline_json_report_adds_up_and_its_download_is_audited_once() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let id = text(
        &stack.create_contract(&t.editor, &ie13_contract()).await,
        "id",
    );
    let (status, created) = order(&stack, &t.auditor, &year_2026("json")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "finished", "{created}");
    assert_eq!(created["request"]["framework"], "ifrs16");
    assert_eq!(created["request"]["reportingCurrency"], "SEK");
    // The caller's Accept-Language (the test client sends en).
    assert_eq!(created["request"]["language"], "en");
    assert_eq!(created["createdBy"], t.auditor.sub.as_str());
    let report_id = text(&created, "id");
    let (status, got, _) = stack
        .get(&t.viewer.id_token, &format!("/reports/{report_id}"))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "viewers see no reports: {got}"
    );
    let (_, got, _) = stack
        .get(&t.editor.id_token, &format!("/reports/{report_id}"))
        .await;
    assert_eq!(got, created);
    let (_, list, _) = stack.get(&t.admin.id_token, "/reports").await;
    assert_eq!(list["items"], json!([created]));

    let created_records = actions(&stack, &t, "report.create").await;
    assert_eq!(created_records.len(), 1);
    assert_eq!(created_records[0]["target"], format!("report/{report_id}"));
    assert!(actions(&stack, &t, "report.extract").await.is_empty());

    let (answer, bytes) = download(&stack, &t.admin, &report_id).await;
    assert!(answer["expiresAt"].is_string(), "{answer}");
    let extracts = actions(&stack, &t, "report.extract").await;
    assert_eq!(extracts.len(), 1, "{extracts:?}");
    assert_eq!(extracts[0]["target"], format!("report/{report_id}"));
    assert_eq!(extracts[0]["actor"], t.admin.sub.as_str());

    let report: Value = serde_json::from_slice(&bytes).expect("the JSON report");
    assert_eq!(report["periodStart"], "2026-01-01");
    assert_eq!(report["periodEnd"], "2026-12-31");
    assert_eq!(report["reportingCurrency"], "SEK");
    assert_eq!(report["contracts"][0]["id"], id.as_str());
    assert_eq!(report["rates"], json!([]));
    // IE 13 commences on the period's first day: everything is an addition.
    assert_eq!(amount(&report["liability"]["opening"]), Decimal::ZERO);
    assert!(amount(&report["liability"]["additions"]) > Decimal::ZERO);
    assert_identities(&report);
    assert!(
        !report["journalEntries"]
            .as_array()
            .expect("entries")
            .is_empty()
    );
}

#[tokio::test]
async fn csv_and_xlsx_reports_are_zips_of_their_tables() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    stack.create_contract(&t.editor, &ie13_contract()).await;

    let mut csv_order = year_2026("csv");
    csv_order["language"] = json!("sv");
    let (status, created) = order(&stack, &t.editor, &csv_order).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["contentType"], "application/zip");
    let (_, bytes) = download(&stack, &t.editor, &text(&created, "id")).await;
    assert_eq!(created["size"].as_u64(), Some(bytes.len() as u64));
    let names = zip_names(&bytes);
    assert!(names.len() >= 5, "one file per table: {names:?}");
    for name in &names {
        assert!(name.ends_with(".csv"), "{names:?}");
        let content = zip_file(&bytes, name);
        assert!(content.starts_with(b"\xEF\xBB\xBF"), "{name} has a BOM");
        let text = String::from_utf8(content).expect("UTF-8");
        let header = text.lines().next().unwrap_or_default();
        assert!(
            header.contains(';'),
            "Swedish CSV is ;-separated: {name}: {header}"
        );
    }

    let (status, created) = order(&stack, &t.editor, &year_2026("xlsx")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        created["contentType"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(text(&created, "fileName").ends_with(".xlsx"), "{created}");
    let (_, bytes) = download(&stack, &t.editor, &text(&created, "id")).await;
    let names = zip_names(&bytes);
    assert!(names.iter().any(|n| n == "xl/workbook.xml"), "{names:?}");
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_orders_one_report() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    stack.create_contract(&t.editor, &ie13_contract()).await;
    let send = || {
        stack
            .request(Method::POST, "/reports", Some(&t.editor.id_token))
            .header("idempotency-key", "year-end-2026")
            .json(&year_2026("json"))
    };
    let (first_status, first, _) = stack.send(send()).await;
    assert_eq!(first_status, StatusCode::CREATED, "{first}");
    let (again_status, again, headers) = stack.send(send()).await;
    assert_eq!((again_status, &again), (first_status, &first));
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let (_, list, _) = stack.get(&t.editor.id_token, "/reports").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(actions(&stack, &t, "report.create").await.len(), 1);
}

#[tokio::test]
async fn a_portfolio_above_the_inline_limit_is_queued_and_finished_by_the_worker() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    for n in 0..=inline_max(&stack) {
        stack
            .create_contract(
                &t.editor,
                &contract(&format!("Floor {n}"), "SEK", "2026-01-01", "2035-12-31"),
            )
            .await;
    }
    let (status, created) = order(&stack, &t.editor, &year_2026("json")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "pending", "{created}");
    let id = text(&created, "id");
    let (status, early, _) = stack
        .get(&t.editor.id_token, &format!("/reports/{id}/download"))
        .await;
    if status == StatusCode::CONFLICT {
        assert!(
            early["detail"]
                .as_str()
                .is_some_and(|d| d.contains("finished")),
            "{early}"
        );
    }
    let report = settled(&stack, &t.editor, &id).await;
    assert_eq!(report["status"], "finished", "{report}");
    assert_eq!(
        report["contracts"].as_u64(),
        Some(inline_max(&stack) as u64 + 1)
    );
    let (_, bytes) = download(&stack, &t.editor, &id).await;
    let document: Value = serde_json::from_slice(&bytes).expect("the JSON report");
    assert_eq!(
        document["contracts"].as_array().map(Vec::len),
        Some(inline_max(&stack) + 1)
    );
    assert_identities(&document);
}

/// The local fake upstream serves ECB's days 2024-12-19..2025-01-03: a EUR lease of those
/// days is reported in SEK at the imported rates.
#[tokio::test]
async fn a_foreign_currency_report_uses_the_imported_rates() {
    let stack = Stack::connect().await;
    let root = stack.base_url.trim_end_matches("/v1").to_owned();
    let fired = stack
        .http
        .post(format!("{root}/_local/schedules/rates-import"))
        .send()
        .await
        .expect("the local stack answers");
    assert_eq!(fired.status(), 200);
    let t = stack.new_tenant().await;
    stack
        .create_contract(
            &t.editor,
            &contract("Berlin office", "EUR", "2024-12-20", "2029-12-19"),
        )
        .await;
    let (status, created) = order(
        &stack,
        &t.editor,
        &json!({"periodStart": "2024-12-20", "periodEnd": "2024-12-31", "format": "json"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (_, bytes) = download(&stack, &t.editor, &text(&created, "id")).await;
    let report: Value = serde_json::from_slice(&bytes).expect("the JSON report");
    assert_eq!(report["reportingCurrency"], "SEK");
    assert_eq!(report["rates"][0]["currency"], "EUR", "{}", report["rates"]);
    assert_eq!(report["rates"][0]["closingDate"], "2024-12-31");
    assert!(amount(&report["rates"][0]["closing"]) > Decimal::ONE);
    assert_identities(&report);
}

/// No rates are stored for 2031: the report cannot be translated.
#[tokio::test]
async fn a_missing_rate_is_a_422_naming_the_currency_and_nothing_is_stored() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    stack
        .create_contract(
            &t.editor,
            &contract("Paris office", "EUR", "2031-01-01", "2035-12-31"),
        )
        .await;
    let before = stack.snapshot(&t.company_id).await;
    let (status, problem) = order(
        &stack,
        &t.editor,
        &json!({"periodStart": "2031-01-01", "periodEnd": "2031-06-30", "format": "xlsx"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let detail = text(&problem, "detail");
    assert!(
        detail.contains("EUR"),
        "the detail names the currency: {problem}"
    );
    assert!(
        detail.contains("2031"),
        "the detail names the date: {problem}"
    );
    assert_eq!(problem["errors"][0]["field"], "reportingCurrency");
    assert_eq!(stack.snapshot(&t.company_id).await, before);
}

/// The same report queued: the worker fails it with the reason, and there is nothing to
/// download.
#[tokio::test]
async fn a_queued_report_that_cannot_be_translated_fails_with_its_reason() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    for n in 0..=inline_max(&stack) {
        stack
            .create_contract(
                &t.editor,
                &contract(&format!("Lyon {n}"), "EUR", "2031-01-01", "2035-12-31"),
            )
            .await;
    }
    let (status, created) = order(
        &stack,
        &t.editor,
        &json!({"periodStart": "2031-01-01", "periodEnd": "2031-06-30", "format": "csv"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "pending");
    let id = text(&created, "id");
    let report = settled(&stack, &t.editor, &id).await;
    assert_eq!(report["status"], "failed", "{report}");
    assert!(
        text(&report, "failureReason").contains("EUR"),
        "the reason names the currency: {report}"
    );
    let (status, problem, _) = stack
        .get(&t.editor.id_token, &format!("/reports/{id}/download"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(actions(&stack, &t, "report.extract").await.is_empty());
}

/// A copy of the tenant's stored report `id` under a new id, changed by `change`, written
/// straight to the data table (as `reports-create` would, without its audit record).
async fn stored_copy(
    stack: &Stack,
    tenant: &Tenant,
    id: &str,
    change: impl FnOnce(&mut StoredReport),
) -> String {
    let store = &stack.deps.store;
    let mut report = store
        .stored_report(&tenant.company_id, id)
        .await
        .expect("read the report")
        .expect("the report exists");
    report.id = uuid::Uuid::now_v7().to_string();
    change(&mut report);
    store
        .client()
        .transact_write_items()
        .transact_items(
            store
                .report_create_put(&tenant.company_id, &report)
                .expect("the report's put"),
        )
        .send()
        .await
        .expect("write the report");
    report.id
}

/// One inline report over the tenant's first contract: the pattern the copies are made of.
async fn one_inline_report(stack: &Stack, tenant: &Tenant, contract_id: &str) -> String {
    let mut body = year_2026("json");
    body["contractIds"] = json!([contract_id]);
    let (status, created) = order(stack, &tenant.editor, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "finished", "{created}");
    text(&created, "id")
}

#[tokio::test]
async fn a_company_with_three_unfinished_reports_may_queue_no_more() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let mut contract_ids = Vec::new();
    for n in 0..=inline_max(&stack) {
        let created = stack
            .create_contract(
                &t.editor,
                &contract(&format!("Quay {n}"), "SEK", "2026-01-01", "2035-12-31"),
            )
            .await;
        contract_ids.push(text(&created, "id"));
    }
    let pattern = one_inline_report(&stack, &t, &contract_ids[0]).await;
    // Unfinished reports that no message will ever settle: the limit sees them as waiting.
    for status in [
        ReportStatus::Pending,
        ReportStatus::Processing,
        ReportStatus::Pending,
    ] {
        stored_copy(&stack, &t, &pattern, |report| {
            report.status = status;
            report.finished_at = None;
            report.output = None;
        })
        .await;
    }
    let before = stack.snapshot(&t.company_id).await;
    let (status, problem, headers) = stack
        .send(
            stack
                .request(Method::POST, "/reports", Some(&t.editor.id_token))
                .json(&year_2026("json")),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
    assert_eq!(problem["type"], "/problems/too-many-requests");
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("60")
    );
    assert_eq!(stack.snapshot(&t.company_id).await, before);
    // A report computed in the request is no load on the queue: still answered.
    one_inline_report(&stack, &t, &contract_ids[1]).await;
}

#[tokio::test]
async fn a_report_past_its_retention_is_gone_and_its_download_not_audited() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let created = stack.create_contract(&t.editor, &ie13_contract()).await;
    let pattern = one_inline_report(&stack, &t, &text(&created, "id")).await;
    let company_id = t.company_id.clone();
    let old = stored_copy(&stack, &t, &pattern, |report| {
        let finished = chrono::Utc::now() - chrono::Duration::days(REPORT_RETENTION_DAYS + 1);
        report.finished_at = Some(mypages::aws::timestamp(finished));
        if let Some(output) = report.output.as_mut() {
            output.key = report_output_key(&company_id, &report.id, &output.file_name);
        }
    })
    .await;
    let (status, problem, _) = stack
        .get(&t.editor.id_token, &format!("/reports/{old}/download"))
        .await;
    assert_eq!(status, StatusCode::GONE, "{problem}");
    assert_eq!(problem["type"], "/problems/gone");
    // A stored file key of another report is refused like an unknown report.
    let stray = stored_copy(&stack, &t, &pattern, |_| {}).await;
    let (status, problem, _) = stack
        .get(&t.editor.id_token, &format!("/reports/{stray}/download"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    assert!(actions(&stack, &t, "report.extract").await.is_empty());
}
