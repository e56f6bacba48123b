//! Company settings decide the accounting: admins change them with a reason, audited.

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
