//! Company settings decide the accounting: admins change them with a reason, audited.

use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{Stack, text};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_rate_convention_and_framework_are_company_settings_that_change_the_figures() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (status, settings, headers) = stack
        .get(&tenant.viewer.id_token, "/company/settings")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["rateConvention"], "effective");
    assert_eq!(settings["accountingFramework"], "ifrs16");
    assert_eq!(headers["etag"], "\"1\"");

    let change = json!({"rateConvention": "nominal", "reason": "Group policy 2026"});
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    "/company/settings",
                    Some(&tenant.editor.id_token),
                )
                .header("if-match", "\"1\"")
                .json(&change),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only admins change settings");
    let (status, changed, headers) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    "/company/settings",
                    Some(&tenant.admin.id_token),
                )
                .header("if-match", "\"1\"")
                .json(&change),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["rateConvention"], "nominal");
    assert_eq!(headers["etag"], "\"2\"");
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    "/company/settings",
                    Some(&tenant.admin.id_token),
                )
                .header("if-match", "\"1\"")
                .json(&change),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);

    // Arrears, nominal: 12 × 1,000 monthly at 5 % → 11,681.22.
    let contract = json!({
        "name": "Forklift", "lessor": "Truck AB", "assetClass": "equipment", "currency": "SEK",
        "commencementDate": "2026-01-01", "endDate": "2026-12-31",
        "payment": {"amount": "1000", "frequency": "monthly", "timing": "arrears"},
        "discountRate": "5"
    });
    let created = stack.create_contract(&tenant.editor, &contract).await;
    assert_eq!(created["measurement"]["leaseLiability"], "11681.22");

    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    "/company/settings",
                    Some(&tenant.admin.id_token),
                )
                .header("if-match", "\"2\"")
                .json(
                    &json!({"accountingFramework": "k3", "k3LeaseTreatment": "operating",
                              "reason": "Legal entity accounts under K3"}),
                ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = text(&created, "id");
    let (_, schedule, _) = stack
        .get(
            &tenant.viewer.id_token,
            &format!("/contracts/{id}/schedule"),
        )
        .await;
    assert_eq!(schedule["framework"], "k3-operating");
    let rows = schedule["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 12);
    assert!(
        rows.iter()
            .all(|r| r["expense"] == "1000.00" && r["closingLiability"] == "0.00")
    );

    let (_, audit, _) = stack
        .get(
            &tenant.auditor.id_token,
            "/audit?action=company.settings.update",
        )
        .await;
    let records = audit["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["reason"], "Group policy 2026");
}

#[tokio::test]
async fn bad_settings_are_refused_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let before = stack.snapshot(&tenant.company_id).await;
    for (body, if_match, expected) in [
        (
            json!({"rateConvention": "simple", "reason": "r"}),
            Some("\"1\""),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"rateConvention": "nominal"}),
            Some("\"1\""),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"currency": "SEK", "reason": "r"}),
            Some("\"1\""),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"reason": "r"}),
            Some("\"1\""),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"rateConvention": "nominal", "reason": "r"}),
            None,
            StatusCode::PRECONDITION_REQUIRED,
        ),
    ] {
        let mut request = stack
            .request(
                Method::PATCH,
                "/company/settings",
                Some(&tenant.admin.id_token),
            )
            .json(&body);
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        let (status, problem, _) = stack.send(request).await;
        assert_eq!(status, expected, "{body}: {problem}");
    }
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}

/// The sample create event, for the caller `sub` of `company`, as API Gateway would pass it.
fn create_request(stack: &Stack, company: &str, sub: &str) -> lambda_http::Request {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../events/contracts-create/ie13.json"
    );
    let text = std::fs::read_to_string(path)
        .expect("sample event")
        .replace("${companyId}", company)
        .replace("${sub}", sub);
    let mut event: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    event["requestContext"]["authorizer"]["claims"]["aud"] =
        json!(blackbox::text(&stack.state, "userPoolClientId"));
    if let Some(headers) = event["headers"].as_object_mut() {
        headers.remove("idempotency-key");
    }
    if let Some(headers) = event["multiValueHeaders"].as_object_mut() {
        headers.remove("idempotency-key");
    }
    let request: lambda_http::request::LambdaRequest =
        serde_json::from_value(event).expect("a v1 proxy event");
    request.into()
}

/// Runs the one write path with a change "measured" under the settings read first; when
/// `colleague_changes_settings`, the settings move between that read and the commit, as a
/// concurrent `PATCH /company/settings` would. Returns the outcome and whether the change's
/// item was written.
async fn measure_then_commit(
    stack: &Stack,
    company: &str,
    sub: &str,
    colleague_changes_settings: bool,
) -> (Result<u16, String>, bool) {
    use mypages::aws::idempotency::StoredResponse;
    use mypages::domain::audit::AuditEvent;
    use mypages::domain::lease::RateConvention;
    use mypages::domain::role::Permission;
    use mypages::http::idempotent::{self, Mutation};

    let store = &stack.deps.store;
    let probe = format!("CONTRACT#probe-{}", uuid::Uuid::new_v4().simple());
    let event = |action: &str| AuditEvent {
        actor: sub.to_owned(),
        action: action.to_owned(),
        target: format!("company/{company}"),
        reason: Some("test".into()),
        request_id: "test".into(),
        details: Default::default(),
    };
    let req = create_request(stack, company, sub);
    let outcome = idempotent::write(&stack.deps, &req, Permission::WriteContracts, async |_| {
        let settings = store.company_settings(company).await?;
        if colleague_changes_settings {
            let mut next = settings.clone();
            next.version = settings.version + 1;
            next.rate_convention = match settings.rate_convention {
                RateConvention::Effective => RateConvention::Nominal,
                RateConvention::Nominal => RateConvention::Effective,
            };
            let put = store.company_settings_put(company, &next, settings.version)?;
            store
                .commit(company, vec![put], event("company.settings.update"), None)
                .await?;
        }
        let item = [
            ("pk".to_owned(), AttributeValue::S(format!("C#{company}"))),
            ("sk".to_owned(), AttributeValue::S(probe.clone())),
        ]
        .into_iter()
        .collect();
        Ok(Mutation {
            data_ops: vec![store.put_data(
                item,
                Some("attribute_not_exists(pk)"),
                Default::default(),
                &[],
            )?],
            event: event("contract.create"),
            response: StoredResponse::empty(201),
            measured_with: Some(settings.version),
        })
    })
    .await;
    let written = store
        .client()
        .get_item()
        .table_name(store.data_table())
        .key("pk", AttributeValue::S(format!("C#{company}")))
        .key("sk", AttributeValue::S(probe))
        .consistent_read(true)
        .send()
        .await
        .expect("get")
        .item
        .is_some();
    (
        outcome
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_problem(mypages::domain::lang::Lang::En).to_string()),
        written,
    )
}

#[tokio::test]
async fn a_change_measured_under_settings_that_moved_before_the_write_is_409_and_not_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (co, sub) = (tenant.company_id.as_str(), tenant.editor.sub.as_str());

    let (outcome, written) = measure_then_commit(&stack, co, sub, false).await;
    assert_eq!((outcome, written), (Ok(201), true), "the control commits");

    let (outcome, written) = measure_then_commit(&stack, co, sub, true).await;
    let problem = outcome.expect_err("stale settings must not commit");
    assert!(problem.contains("\"status\":409"), "{problem}");
    assert!(problem.contains("settings changed"), "{problem}");
    assert!(!written, "nothing measured under stale settings is written");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
}

#[tokio::test]
async fn the_credit_spread_is_a_setting_admins_change_with_a_reason_and_it_is_audited() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (status, settings, _) = stack
        .get(&tenant.viewer.id_token, "/company/settings")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["creditSpread"], "0", "never set: 0");

    let (status, changed, headers) = stack
        .change(
            Method::PATCH,
            &tenant.admin.id_token,
            "/company/settings",
            "\"1\"",
            &json!({"creditSpread": "1.75", "reason": "Bank offer March 2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["creditSpread"], "1.75");
    assert_eq!(headers["etag"], "\"2\"");
    // A JSON number is accepted too, and answered as a decimal string.
    let (status, changed, _) = stack
        .change(
            Method::PATCH,
            &tenant.admin.id_token,
            "/company/settings",
            "\"2\"",
            &json!({"creditSpread": 2.5, "reason": "Renegotiated"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["creditSpread"], "2.5");
    let (_, settings, _) = stack
        .get(&tenant.auditor.id_token, "/company/settings")
        .await;
    assert_eq!(settings["creditSpread"], "2.5");
    assert_eq!(
        settings["rateConvention"], "effective",
        "other settings kept"
    );

    let records = stack
        .audit_records(&tenant.auditor.id_token, "?action=company.settings.update")
        .await;
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["reason"], "Renegotiated");
    assert_eq!(records[1]["reason"], "Bank offer March 2026");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
}

#[tokio::test]
async fn a_bad_credit_spread_is_refused_naming_the_field_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let before = stack.snapshot(&tenant.company_id).await;
    for (value, expected, message) in [
        (
            json!("-0.5"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "must be between 0 and 20",
        ),
        (
            json!(20.5),
            StatusCode::UNPROCESSABLE_ENTITY,
            "must be between 0 and 20",
        ),
        (
            json!("1.23456"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "at most 4 decimal places",
        ),
        (json!("1,5"), StatusCode::BAD_REQUEST, "invalid number"),
        (json!(true), StatusCode::BAD_REQUEST, "wrong type"),
    ] {
        let (status, problem, headers) = stack
            .send(
                stack
                    .request(
                        Method::PATCH,
                        "/company/settings",
                        Some(&tenant.admin.id_token),
                    )
                    .header("if-match", "\"1\"")
                    .header("accept-language", "en")
                    .json(&json!({"creditSpread": value, "reason": "r"})),
            )
            .await;
        assert_eq!(status, expected, "{value}: {problem}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(problem["errors"][0]["field"], "creditSpread", "{problem}");
        let said = text(&problem["errors"][0], "message");
        assert!(said.contains(message), "{value}: {said}");
    }
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}

#[tokio::test]
async fn the_reporting_currency_and_accounts_default_to_sek_and_bas_and_admins_change_them() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (status, settings, _) = stack
        .get(&tenant.viewer.id_token, "/company/settings")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["reportingCurrency"], "SEK");
    assert_eq!(
        settings["accounts"]["rightOfUseAsset"], "1260",
        "{settings}"
    );
    assert_eq!(settings["accounts"]["interest"], "8410", "{settings}");
    assert_eq!(
        settings["accounts"].as_object().map(|a| a.len()),
        Some(11),
        "every role has an account: {settings}"
    );

    let (status, changed, _) = stack
        .change(
            Method::PATCH,
            &tenant.admin.id_token,
            "/company/settings",
            "\"1\"",
            &json!({"reportingCurrency": "EUR", "accounts": {"interest": "8411", "payments": "2441"},
                    "reason": "Group reporting in euro; own sub-accounts"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let (_, settings, _) = stack
        .get(&tenant.auditor.id_token, "/company/settings")
        .await;
    assert_eq!(settings["reportingCurrency"], "EUR");
    assert_eq!(settings["accounts"]["interest"], "8411");
    assert_eq!(settings["accounts"]["payments"], "2441");
    assert_eq!(
        settings["accounts"]["rightOfUseAsset"], "1260",
        "a partial accounts object keeps the other roles"
    );
    let records = stack
        .audit_records(&tenant.auditor.id_token, "?action=company.settings.update")
        .await;
    assert_eq!(records.len(), 1);
}

#[tokio::test]
async fn a_bad_reporting_currency_or_account_is_refused_naming_the_field_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let before = stack.snapshot(&tenant.company_id).await;
    for (body, expected, field) in [
        (
            json!({"reportingCurrency": "JPY", "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "reportingCurrency",
        ),
        (
            json!({"reportingCurrency": "SEKK", "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "reportingCurrency",
        ),
        (
            json!({"accounts": {"interest": ""}, "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts.interest",
        ),
        (
            json!({"accounts": {"interest": "84 10; DROP"}, "reason": "r"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts.interest",
        ),
        (
            json!({"accounts": {"bank": "1930"}, "reason": "r"}),
            StatusCode::BAD_REQUEST,
            "accounts.bank",
        ),
        (
            json!({"accounts": {"interest": 8410}, "reason": "r"}),
            StatusCode::BAD_REQUEST,
            "accounts.interest",
        ),
        (
            json!({"accounts": "BAS", "reason": "r"}),
            StatusCode::BAD_REQUEST,
            "accounts",
        ),
    ] {
        let (status, problem, _) = stack
            .send(
                stack
                    .request(
                        Method::PATCH,
                        "/company/settings",
                        Some(&tenant.admin.id_token),
                    )
                    .header("if-match", "\"1\"")
                    .json(&body),
            )
            .await;
        assert_eq!(status, expected, "{body}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}
