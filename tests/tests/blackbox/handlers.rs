//! Handler tests: the sample API Gateway events in `events/<function>/` fed to the handlers
//! in-process (no gateway), against the emulator. `${companyId}`, `${sub}` and `${contractId}`
//! in an event are filled in so each run has its own tenant.

use blackbox::{Stack, text};
use lambda_http::request::LambdaRequest;
use lambda_http::{Body, Response};
use serde_json::{Value, json};
use std::path::PathBuf;

fn events_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../events")
}

fn load(name: &str, vars: &[(&str, &str)]) -> Value {
    let path = events_dir().join(name);
    let mut text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    for (key, value) in vars {
        text = text.replace(&format!("${{{key}}}"), value);
    }
    serde_json::from_str(&text).expect("event is JSON")
}

async fn invoke(stack: &Stack, function: &str, event: Value) -> (u16, Value) {
    let (status, body, _) = invoke_raw(stack, function, event).await;
    (status, body)
}

/// The status, the body as JSON (`Null` when it is not JSON) and the body as text.
async fn invoke_raw(stack: &Stack, function: &str, event: Value) -> (u16, Value, String) {
    let request: LambdaRequest = serde_json::from_value(event).expect("a v1 proxy event");
    let response: Response<Body> =
        mypages_local::dispatch::invoke(function, &stack.deps, request.into())
            .await
            .expect("a known function")
            .expect("handlers answer client errors with Ok");
    let status = response.status().as_u16();
    let text = match response.body() {
        Body::Text(t) => t.clone(),
        _ => String::new(),
    };
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    )
}

#[tokio::test]
async fn every_sample_event_gets_the_answer_its_function_promises() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
    ];

    let (status, body) = invoke(&stack, "health", load("health/get.json", &vars)).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    let (status, _) = invoke(
        &stack,
        "auth-login",
        load("auth-login/unknown-user.json", &vars),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = invoke(
        &stack,
        "auth-mfa",
        load("auth-mfa/invalid-session.json", &vars),
    )
    .await;
    assert_eq!(status, 401);

    let create = load("contracts-create/ie13.json", &vars);
    let (status, created) = invoke(&stack, "contracts-create", create.clone()).await;
    assert_eq!(status, 201, "{created}");
    let (status, replayed) = invoke(&stack, "contracts-create", create).await;
    assert_eq!(
        (status, &replayed),
        (201, &created),
        "the event's Idempotency-Key replays"
    );
    let id = text(&created, "id");
    let vars = [vars[0], vars[1], vars[2], ("contractId", id.as_str())];

    let (status, got) = invoke(
        &stack,
        "contracts-get",
        load("contracts-get/get.json", &vars),
    )
    .await;
    assert_eq!((status, got["id"].as_str()), (200, Some(id.as_str())));
    let (status, list) = invoke(
        &stack,
        "contracts-list",
        load("contracts-list/active.json", &vars),
    )
    .await;
    assert_eq!(
        (status, list["items"].as_array().map(Vec::len)),
        (200, Some(1))
    );
    let (status, changed) = invoke(
        &stack,
        "contracts-update",
        load("contracts-update/index-uplift.json", &vars),
    )
    .await;
    assert_eq!(
        (status, changed["version"].as_u64()),
        (200, Some(2)),
        "{changed}"
    );
    let (status, _) = invoke(
        &stack,
        "contracts-archive",
        load("contracts-archive/archive.json", &vars),
    )
    .await;
    assert_eq!(status, 204);
    let (status, audit) = invoke(
        &stack,
        "audit-list",
        load("audit-list/contract-changes.json", &vars),
    )
    .await;
    assert_eq!(
        (status, audit["items"].as_array().map(Vec::len)),
        (200, Some(1))
    );
    let (status, report) = invoke(
        &stack,
        "audit-verify",
        load("audit-verify/verify.json", &vars),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        (report["valid"].as_bool(), report["headSeq"].as_u64()),
        (Some(true), Some(3))
    );
}

#[tokio::test]
async fn the_document_sample_events_get_the_answers_their_functions_promise() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
    ];
    let create = load("documents-create/lease-pdf.json", &vars);
    let (status, created) = invoke(&stack, "documents-create", create.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "awaiting_upload");
    let (status, replayed) = invoke(&stack, "documents-create", create).await;
    assert_eq!(
        (status, &replayed),
        (201, &created),
        "the Idempotency-Key replays"
    );
    let id = text(&created, "id");
    let vars = [vars[0], vars[1], vars[2], ("documentId", id.as_str())];
    let (status, got) = invoke(
        &stack,
        "documents-get",
        load("documents-get/get.json", &vars),
    )
    .await;
    assert_eq!((status, got["id"].as_str()), (200, Some(id.as_str())));
    let (status, list) = invoke(
        &stack,
        "documents-list",
        load("documents-list/all.json", &vars),
    )
    .await;
    assert_eq!(
        (status, list["items"].as_array().map(Vec::len)),
        (200, Some(1))
    );
    // The file never came: nothing to download.
    let (status, _) = invoke(
        &stack,
        "documents-download",
        load("documents-download/download.json", &vars),
    )
    .await;
    assert_eq!(status, 409);
    let delete = load("documents-delete/delete.json", &vars);
    let (status, _) = invoke(&stack, "documents-delete", delete.clone()).await;
    assert_eq!(status, 204);
    let (status, _) = invoke(&stack, "documents-delete", delete).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_report_sample_events_get_the_answers_their_functions_promise() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
    ];
    // A company without contracts: the report is computed in the request, over nothing.
    let create = load("reports-create/year-2026-xlsx.json", &vars);
    let (status, created) = invoke(&stack, "reports-create", create.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "finished");
    assert_eq!(created["request"]["language"], "sv");
    let (status, replayed) = invoke(&stack, "reports-create", create).await;
    assert_eq!(
        (status, &replayed),
        (201, &created),
        "the Idempotency-Key replays"
    );
    let id = text(&created, "id");
    let vars = [vars[0], vars[1], vars[2], ("reportId", id.as_str())];
    let (status, got) = invoke(&stack, "reports-get", load("reports-get/get.json", &vars)).await;
    assert_eq!((status, &got), (200, &created));
    let (status, list) = invoke(&stack, "reports-list", load("reports-list/all.json", &vars)).await;
    assert_eq!((status, &list["items"]), (200, &json!([created])));
    let (status, url) = invoke(
        &stack,
        "reports-download",
        load("reports-download/download.json", &vars),
    )
    .await;
    assert_eq!(status, 200, "{url}");
    assert!(
        url["url"].is_string() && url["expiresAt"].is_string(),
        "{url}"
    );
    // A redelivered message of a settled report is acknowledged and changes nothing.
    let (failures, _) = generate(&stack, &vars, "1").await;
    assert!(failures.is_empty());
    let (_, again) = invoke(&stack, "reports-get", load("reports-get/get.json", &vars)).await;
    assert_eq!(again, created);
}

#[tokio::test]
async fn the_export_sample_events_get_the_answers_their_functions_promise() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
    ];
    let create = load("company-exports-create/request.json", &vars);
    let (status, created) = invoke(&stack, "company-exports-create", create.clone()).await;
    assert_eq!(status, 202, "{created}");
    assert_eq!(created["status"], "pending");
    let (status, replayed) = invoke(&stack, "company-exports-create", create).await;
    assert_eq!(
        (status, &replayed),
        (202, &created),
        "the Idempotency-Key replays"
    );
    let id = text(&created, "id");
    let vars = [vars[0], vars[1], vars[2], ("exportId", id.as_str())];
    let (status, got) = invoke(
        &stack,
        "company-exports-get",
        load("company-exports-get/get.json", &vars),
    )
    .await;
    assert_eq!((status, &got["id"]), (200, &created["id"]), "{got}");
    let (status, list) = invoke(
        &stack,
        "company-exports-get",
        load("company-exports-get/list.json", &vars),
    )
    .await;
    assert_eq!(
        (status, &list["items"][0]["id"]),
        (200, &created["id"]),
        "{list}"
    );
    // The builder with the sample message makes the zip (or finds it made by the relay).
    let worker = mypages::aws::exports::ExportWorkerDeps::from_deps(&stack.deps)
        .expect("every bucket in the state file");
    let sqs: aws_lambda_events::event::sqs::SqsEvent =
        serde_json::from_value(load("company-export-build/sqs.json", &vars)).expect("an SQS event");
    let response = company_export_build::handler(
        &worker,
        lambda_runtime::LambdaEvent::new(sqs, lambda_runtime::Context::default()),
    )
    .await
    .expect("the worker answers");
    assert!(response.batch_item_failures.is_empty());
    let (status, got) = invoke(
        &stack,
        "company-exports-get",
        load("company-exports-get/get.json", &vars),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(got["status"], "finished", "{got}");
    assert!(got["download"]["url"].is_string(), "{got}");
}

/// `reports-generate` with the sample message: the batch item failures (message ids).
async fn generate(stack: &Stack, vars: &[(&str, &str)], receives: &str) -> (Vec<String>, Value) {
    let mut event = load("reports-generate/sqs.json", vars);
    event["Records"][0]["attributes"]["ApproximateReceiveCount"] = json!(receives);
    (generate_event(stack, event.clone()).await, event)
}

async fn generate_event(stack: &Stack, event: Value) -> Vec<String> {
    let sqs: aws_lambda_events::event::sqs::SqsEvent =
        serde_json::from_value(event).expect("an SQS event");
    let worker = mypages::aws::reports::ReportWorkerDeps::from_deps(&stack.deps)
        .expect("the reports bucket in the state file");
    let response = reports_generate::handler(
        &worker,
        lambda_runtime::LambdaEvent::new(sqs, lambda_runtime::Context::default()),
    )
    .await
    .expect("the worker answers");
    response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect()
}

/// `reports-create` sends before it commits: a message whose report is not (yet) there is
/// retried, and acknowledged on the last delivery (the order was never committed), so it
/// never reaches the dead-letter queue.
#[tokio::test]
async fn a_queued_message_without_its_report_is_retried_then_dropped() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let report = uuid::Uuid::now_v7().to_string();
    let vars = [
        ("companyId", company.as_str()),
        ("reportId", report.as_str()),
    ];
    let (failures, event) = generate(&stack, &vars, "1").await;
    assert_eq!(
        failures,
        vec![text(&event["Records"][0], "messageId")],
        "retried"
    );
    let last = mypages::config::DEFAULT_REPORTS_MAX_RECEIVES.to_string();
    let (failures, _) = generate(&stack, &vars, &last).await;
    assert!(failures.is_empty(), "dropped on the last delivery");
    let mut malformed = load("reports-generate/sqs.json", &vars);
    malformed["Records"][0]["body"] = json!("not a report message");
    let failures = generate_event(&stack, malformed).await;
    assert!(
        failures.is_empty(),
        "a message naming no report is acknowledged: {failures:?}"
    );
}

#[tokio::test]
async fn the_rates_sample_events_get_the_answers_their_functions_promise() {
    use crate::rates_read::{rates, seed};
    let stack = Stack::connect().await;
    // Thursday 7 and Friday 8 March 1907, a year of this test's own (rates are global).
    let table = rates(&stack);
    for (date, sek, nok, usd, policy) in [
        ("1907-03-07", "11.4000", "11.6000", "1.0800", "3.50"),
        ("1907-03-08", "11.5000", "11.8000", "1.1000", "3.75"),
    ] {
        seed(&table, "SEK", date, sek, "ecb").await;
        seed(&table, "NOK", date, nok, "ecb").await;
        seed(&table, "USD", date, usd, "ecb").await;
        seed(&table, "SECBREPOEFF", date, policy, "riksbank").await;
        seed(&table, "SEGVB2YC", date, "2.00", "riksbank").await;
        seed(&table, "SEGVB5YC", date, "2.50", "riksbank").await;
        seed(&table, "SEGVB10YC", date, "3.00", "riksbank").await;
    }
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
        ("from", "1907-03-01"),
        ("to", "1907-03-31"),
        ("date", "1907-03-10"),
    ];
    let (status, series) = invoke(
        &stack,
        "rates-interest",
        load("rates-interest/policy-rate.json", &vars),
    )
    .await;
    assert_eq!(status, 200, "{series}");
    assert_eq!(series["items"][1]["value"], "3.75");
    assert_eq!(series["items"].as_array().map(Vec::len), Some(2));
    // Sunday 10 March answers Friday 8th: SEK per NOK = 11.5000 / 11.8000 = 0.97457627… →
    // 0.974576
    let (status, fx) = invoke(&stack, "rates-fx", load("rates-fx/nok-sek.json", &vars)).await;
    assert_eq!(
        (status, &fx["rate"], &fx["rateDate"]),
        (200, &json!("0.974576"), &json!("1907-03-08")),
        "{fx}"
    );
    // 7 March: 11.4000 / 1.0800 = 10.5555555… → 10.555556; 8 March: 11.5000 / 1.1000 =
    // 10.4545454… → 10.454545; mean = 21.010101 / 2 = 10.5050505 → 10.505051
    let (status, average) = invoke(
        &stack,
        "rates-fx-average",
        load("rates-fx-average/usd-sek.json", &vars),
    )
    .await;
    assert_eq!(
        (status, &average["rate"]),
        (200, &json!("10.505051")),
        "{average}"
    );
    assert_eq!(average["observations"], 2);

    // A 5-year lease commencing Friday 8 March 1907: the 5-year yield, 2.50, no spread.
    let mut create = load("contracts-create/ie13.json", &vars);
    let mut body: Value = serde_json::from_str(create["body"].as_str().unwrap_or_default())
        .expect("the sample body is JSON");
    body["commencementDate"] = json!("1907-03-08");
    body["endDate"] = json!("1912-03-07");
    create["body"] = json!(body.to_string());
    if let Some(headers) = create["headers"].as_object_mut() {
        headers.remove("idempotency-key");
    }
    if let Some(headers) = create["multiValueHeaders"].as_object_mut() {
        headers.remove("idempotency-key");
    }
    let (status, created) = invoke(&stack, "contracts-create", create).await;
    assert_eq!(status, 201, "{created}");
    let id = text(&created, "id");
    let vars = [vars[0], vars[1], vars[2], ("contractId", id.as_str())];
    let (status, suggestion) = invoke(
        &stack,
        "contracts-ibr-suggestion",
        load("contracts-ibr-suggestion/get.json", &vars),
    )
    .await;
    assert_eq!(status, 200, "{suggestion}");
    assert_eq!(suggestion["inputs"]["series"], "SEGVB5YC");
    assert_eq!(suggestion["inputs"]["yieldDate"], "1907-03-08");
    assert_eq!(suggestion["rate"], "2.50");

    // A function deployed without RATES_TABLE answers 503, like any missing dependency.
    let mut without_rates = stack.deps.clone();
    without_rates.rates = None;
    let request: LambdaRequest =
        serde_json::from_value(load("contracts-ibr-suggestion/get.json", &vars)).expect("event");
    let response =
        mypages_local::dispatch::invoke("contracts-ibr-suggestion", &without_rates, request.into())
            .await
            .expect("a known function")
            .expect("an answer");
    assert_eq!(response.status().as_u16(), 503);
}

#[tokio::test]
async fn the_erasure_sample_events_get_the_answers_their_functions_promise() {
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let name = "Event Sample AB";
    mypages_local::provision::ensure_company(
        &stack.deps.store,
        &stack.user_pool,
        &company,
        name,
        &[],
        blackbox::PASSWORD,
    )
    .await
    .expect("the company item");
    let vars = [
        ("companyId", company.as_str()),
        ("sub", sub.as_str()),
        ("clientId", client.as_str()),
        ("companyName", name),
    ];
    let (status, body) = invoke(
        &stack,
        "company-erasure-schedule",
        load("company-erasure-schedule/wrong-name.json", &vars),
    )
    .await;
    assert_eq!(
        (status, body["errors"][0]["field"].as_str()),
        (422, Some("confirm"))
    );
    let schedule = load("company-erasure-schedule/schedule.json", &vars);
    let (status, scheduled) = invoke(&stack, "company-erasure-schedule", schedule.clone()).await;
    assert_eq!(status, 202, "{scheduled}");
    let (status, replayed) = invoke(&stack, "company-erasure-schedule", schedule).await;
    assert_eq!(
        (status, &replayed),
        (202, &scheduled),
        "the Idempotency-Key replays"
    );
    let get = load("company-erasure-get/get.json", &vars);
    let (status, got) = invoke(&stack, "company-erasure-get", get.clone()).await;
    assert_eq!(
        (status, &got["scheduledFor"]),
        (200, &scheduled["scheduledFor"])
    );
    let cancel = load("company-erasure-cancel/cancel.json", &vars);
    let (status, _) = invoke(&stack, "company-erasure-cancel", cancel.clone()).await;
    assert_eq!(status, 204);
    let (status, _) = invoke(&stack, "company-erasure-get", get).await;
    assert_eq!(status, 404);
    let (status, _) = invoke(&stack, "company-erasure-cancel", cancel).await;
    assert_eq!(status, 404);
    // The hourly run's event: nothing of this company is due (it was cancelled).
    let event: lambda_runtime::LambdaEvent<Value> = lambda_runtime::LambdaEvent::new(
        load("company-erasure-run/hourly.json", &vars),
        lambda_runtime::Context::default(),
    );
    let deps = mypages::aws::erasure::ErasureDeps::from_deps(&stack.deps);
    let _turn = crate::erasure::RUNS.lock().await;
    let answer = company_erasure_run::handler(&deps, event)
        .await
        .expect("the run succeeds");
    assert!(!answer.to_string().contains(&company), "{answer}");
}

#[tokio::test]
async fn every_protected_handler_answers_401_without_authorizer_claims() {
    let stack = Stack::connect().await;
    let vars = [
        ("companyId", "x"),
        ("sub", "y"),
        ("contractId", "z"),
        ("documentId", "d"),
        ("reportId", "r"),
    ];
    for (function, event) in [
        ("contracts-create", "contracts-create/ie13.json"),
        ("contracts-get", "contracts-get/get.json"),
        ("contracts-list", "contracts-list/active.json"),
        ("contracts-update", "contracts-update/index-uplift.json"),
        ("contracts-archive", "contracts-archive/archive.json"),
        ("contracts-schedule", "contracts-schedule/csv.json"),
        ("company-settings-get", "company-settings-get/get.json"),
        (
            "company-settings-update",
            "company-settings-update/k3-operating.json",
        ),
        ("audit-list", "audit-list/contract-changes.json"),
        ("audit-verify", "audit-verify/verify.json"),
        ("documents-create", "documents-create/lease-pdf.json"),
        ("documents-list", "documents-list/all.json"),
        ("documents-get", "documents-get/get.json"),
        ("documents-download", "documents-download/download.json"),
        ("documents-delete", "documents-delete/delete.json"),
        ("reports-create", "reports-create/year-2026-xlsx.json"),
        ("reports-list", "reports-list/all.json"),
        ("reports-get", "reports-get/get.json"),
        ("reports-download", "reports-download/download.json"),
        (
            "company-erasure-schedule",
            "company-erasure-schedule/schedule.json",
        ),
        ("company-erasure-get", "company-erasure-get/get.json"),
        (
            "company-erasure-cancel",
            "company-erasure-cancel/cancel.json",
        ),
        (
            "company-exports-create",
            "company-exports-create/request.json",
        ),
        ("company-exports-get", "company-exports-get/get.json"),
        ("company-exports-get", "company-exports-get/list.json"),
        ("rates-interest", "rates-interest/policy-rate.json"),
        ("rates-fx", "rates-fx/nok-sek.json"),
        ("rates-fx-average", "rates-fx-average/usd-sek.json"),
        (
            "contracts-ibr-suggestion",
            "contracts-ibr-suggestion/get.json",
        ),
    ] {
        let mut event = load(event, &vars);
        event["requestContext"]
            .as_object_mut()
            .map(|ctx| ctx.remove("authorizer"));
        let (status, _) = invoke(&stack, function, event).await;
        assert_eq!(status, 401, "{function}");
    }
}

#[tokio::test]
async fn the_web_sample_events_get_the_app_its_settings_and_a_404() {
    let stack = Stack::connect().await;
    let answer = |event: &str| {
        let request: LambdaRequest =
            serde_json::from_value(load(event, &[])).expect("a v1 proxy event");
        mypages_local::dispatch::invoke("web", &stack.deps, request.into())
    };
    for (event, status, content_type, caching) in [
        ("web/app.json", 200, "text/html; charset=utf-8", "no-store"),
        (
            "web/deep-link.json",
            200,
            "text/html; charset=utf-8",
            "no-store",
        ),
        ("web/config.json", 200, "application/json", "no-store"),
        (
            "web/missing-asset.json",
            404,
            "application/problem+json",
            "no-store",
        ),
    ] {
        let response: Response<Body> = answer(event)
            .await
            .expect("a known function")
            .expect("the web function answers");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(response.status().as_u16(), status, "{event}");
        assert_eq!(header("content-type"), content_type, "{event}");
        assert_eq!(header("cache-control"), caching, "{event}");
        assert!(
            header("content-security-policy").starts_with("default-src 'self'"),
            "{event}"
        );
        assert_eq!(header("x-frame-options"), "DENY", "{event}");
        let body = match response.body() {
            Body::Text(text) => text.clone(),
            _ => String::new(),
        };
        match event {
            "web/config.json" => {
                let config: Value = serde_json::from_str(&body).expect("JSON");
                assert!(config["idleSignOutMinutes"].as_u64().is_some(), "{body}");
            }
            "web/missing-asset.json" => assert!(body.contains("/problems/not-found"), "{body}"),
            _ => assert!(
                body.to_ascii_lowercase().starts_with("<!doctype html>"),
                "{event}: {body}"
            ),
        }
    }
}

#[tokio::test]
async fn every_function_in_the_template_has_sample_events() {
    let template = mypages_local::template::Template::load(&events_dir().join("../template.yaml"))
        .expect("template");
    for route in template.routes().expect("routes") {
        let dir = events_dir().join(&route.function);
        let count = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert!(count > 0, "no sample events in {}", dir.display());
    }
}

#[tokio::test]
async fn an_id_token_of_another_app_client_of_the_pool_is_refused_by_the_handler() {
    // API Gateway's Cognito authorizer (without scopes) lets such a token through; the
    // handler itself must refuse it, as the local gateway does.
    let stack = Stack::connect().await;
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let sub = uuid::Uuid::new_v4().to_string();
    let ours = text(&stack.state, "userPoolClientId");
    for (client, expected) in [("another-app-client", 401), (ours.as_str(), 200)] {
        let vars = [
            ("companyId", company.as_str()),
            ("sub", sub.as_str()),
            ("clientId", client),
        ];
        let (status, body) = invoke(
            &stack,
            "contracts-list",
            load("contracts-list/active.json", &vars),
        )
        .await;
        assert_eq!(status, expected, "aud {client}: {body}");
    }
}

#[tokio::test]
async fn the_person_erasure_sample_event_gets_the_answers_its_function_promises() {
    let stack = Stack::connect().await;
    let (company, admin, viewer) = crate::users::records_only_company(&stack).await;
    let client = text(&stack.state, "userPoolClientId");
    let event = |user_id: &str| {
        load(
            "users-erasure/erase.json",
            &[
                ("companyId", company.as_str()),
                ("sub", admin.as_str()),
                ("clientId", client.as_str()),
                ("userId", user_id),
            ],
        )
    };
    let (status, body) = invoke(&stack, "users-erasure", event(&viewer)).await;
    assert_eq!(status, 204, "{body}");
    let (status, body) = invoke(&stack, "users-erasure", event(&viewer)).await;
    assert_eq!(status, 204, "the event's Idempotency-Key replays: {body}");
    let erased = stack
        .deps
        .store
        .user(&company, &viewer)
        .await
        .expect("read")
        .expect("the tombstone stays");
    assert!(erased.erased && !erased.active && erased.email.is_none());
    // The only admin: refused (without the key, which named the other request).
    let mut last_admin = event(&admin);
    for headers in ["headers", "multiValueHeaders"] {
        last_admin[headers]
            .as_object_mut()
            .map(|h| h.remove("idempotency-key"));
    }
    let (status, body) = invoke(&stack, "users-erasure", last_admin).await;
    assert_eq!(status, 422, "{body}");
    let mut anonymous = event(&viewer);
    anonymous["requestContext"]
        .as_object_mut()
        .map(|ctx| ctx.remove("authorizer"));
    assert_eq!(invoke(&stack, "users-erasure", anonymous).await.0, 401);
}
