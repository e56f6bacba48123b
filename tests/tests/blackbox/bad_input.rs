//! Every class of bad input gets a clear problem and changes nothing.

use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn with(mut body: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = body.pointer_mut(pointer) {
        *slot = value;
    }
    body
}

fn with_steps(steps: Value) -> Value {
    let mut body = ie13_contract();
    body["payment"]["steps"] = steps;
    body
}

fn without(mut body: Value, key: &str) -> Value {
    if let Some(map) = body.as_object_mut() {
        map.remove(key);
    }
    body
}

#[tokio::test]
async fn bad_contracts_are_refused_with_field_errors_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let mut unknown = ie13_contract();
    unknown["colour"] = json!("red");
    let cases: Vec<(&str, String, StatusCode, Option<&str>)> = vec![
        (
            "malformed JSON",
            "{\"name\": ".into(),
            StatusCode::BAD_REQUEST,
            None,
        ),
        ("empty body", String::new(), StatusCode::BAD_REQUEST, None),
        (
            "not an object",
            "[1,2]".into(),
            StatusCode::BAD_REQUEST,
            Some("(body)"),
        ),
        (
            "wrong type",
            with(ie13_contract(), "/name", json!(42)).to_string(),
            StatusCode::BAD_REQUEST,
            Some("name"),
        ),
        (
            "wrong type nested",
            with(ie13_contract(), "/payment/amount", json!(true)).to_string(),
            StatusCode::BAD_REQUEST,
            Some("payment.amount"),
        ),
        (
            "unknown field",
            unknown.to_string(),
            StatusCode::BAD_REQUEST,
            Some("colour"),
        ),
        (
            "missing field",
            without(ie13_contract(), "lessor").to_string(),
            StatusCode::BAD_REQUEST,
            Some("lessor"),
        ),
        (
            "bad enum",
            with(ie13_contract(), "/payment/frequency", json!("weekly")).to_string(),
            StatusCode::BAD_REQUEST,
            Some("payment.frequency"),
        ),
        (
            "bad date",
            with(ie13_contract(), "/endDate", json!("2035-02-30")).to_string(),
            StatusCode::BAD_REQUEST,
            Some("endDate"),
        ),
        (
            "negative amount",
            with(ie13_contract(), "/payment/amount", json!("-50000")).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("payment.amount"),
        ),
        (
            "zero amount",
            with(ie13_contract(), "/payment/amount", json!(0)).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("payment.amount"),
        ),
        (
            "negative cost",
            with(ie13_contract(), "/initialDirectCosts", json!("-1")).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("initialDirectCosts"),
        ),
        (
            "end before start",
            with(ie13_contract(), "/endDate", json!("2025-12-31")).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("endDate"),
        ),
        (
            "unknown currency",
            with(ie13_contract(), "/currency", json!("XXX")).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("currency"),
        ),
        (
            "rate above 100",
            with(ie13_contract(), "/discountRate", json!("101")).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("discountRate"),
        ),
        (
            "step outside term",
            with_steps(json!([{"from": "2040-01-01", "amount": "1"}])).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("payment.steps[0].from"),
        ),
        (
            "oversize body",
            with(ie13_contract(), "/name", json!("x".repeat(70 * 1024))).to_string(),
            StatusCode::PAYLOAD_TOO_LARGE,
            None,
        ),
    ];
    let before = stack.snapshot(&tenant.company_id).await;
    for (case, body, expected, field) in cases {
        let (status, problem, headers) = stack
            .send(
                stack
                    .request(Method::POST, "/contracts", Some(token))
                    .header("content-type", "application/json")
                    .body(body),
            )
            .await;
        assert_eq!(status, expected, "{case}: {problem}");
        assert_eq!(
            headers["content-type"], "application/problem+json",
            "{case}"
        );
        assert_eq!(problem["status"], expected.as_u16(), "{case}");
        assert!(
            problem["title"].is_string() && problem["detail"].is_string(),
            "{case}"
        );
        if let Some(field) = field {
            let fields: Vec<String> = problem["errors"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|e| text(e, "field"))
                .collect();
            assert!(fields.contains(&field.to_owned()), "{case}: {fields:?}");
        }
    }
    assert_eq!(
        stack.snapshot(&tenant.company_id).await,
        before,
        "a refused request wrote"
    );
}

#[tokio::test]
async fn bad_changes_and_archives_are_refused_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let path = format!("/contracts/{id}");
    let before = stack.snapshot(&tenant.company_id).await;
    let cases: Vec<(Method, Option<&str>, Value, StatusCode)> = vec![
        (
            Method::PATCH,
            None,
            json!({"name": "x", "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::PRECONDITION_REQUIRED,
        ),
        (
            Method::PATCH,
            Some("\"7\""),
            json!({"name": "x", "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::PRECONDITION_FAILED,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"name": "x", "effectiveFrom": "2027-01-01"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"name": "x", "reason": "r"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"nmae": "x", "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"payment": {"amount": "-1"}, "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"name": "x", "effectiveFrom": "2040-01-01", "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"payment": {"bonus": 1}, "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"discountRate": [5], "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::PATCH,
            Some("\"1\""),
            json!({"name": "x".repeat(70 * 1024), "effectiveFrom": "2027-01-01", "reason": "r"}),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            Method::DELETE,
            None,
            json!({"reason": "r"}),
            StatusCode::PRECONDITION_REQUIRED,
        ),
        (
            Method::DELETE,
            Some("\"1\""),
            json!({}),
            StatusCode::BAD_REQUEST,
        ),
        (
            Method::DELETE,
            Some("\"2\""),
            json!({"reason": "r"}),
            StatusCode::PRECONDITION_FAILED,
        ),
    ];
    for (method, if_match, body, expected) in cases {
        let mut request = stack
            .request(method.clone(), &path, Some(token))
            .json(&body);
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        let (status, problem, _) = stack.send(request).await;
        let shown: String = body.to_string().chars().take(120).collect();
        assert_eq!(status, expected, "{method} {if_match:?} {shown}: {problem}");
        if status == StatusCode::BAD_REQUEST || status == StatusCode::UNPROCESSABLE_ENTITY {
            assert!(
                problem["errors"].as_array().is_some_and(|e| !e.is_empty()),
                "a refusal names its fields: {problem}"
            );
        }
    }
    assert_eq!(
        stack.snapshot(&tenant.company_id).await,
        before,
        "a refused request wrote"
    );
}
