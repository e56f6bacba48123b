//! The published figures come back through the API: measurement on contracts, remeasurement
//! on versions, one continuous schedule in JSON and CSV.

use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn money(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn ie13_created_through_the_api_returns_the_published_figures() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let created = stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    assert_eq!(
        money(&created["measurement"]["leaseLiability"]),
        "355391.08"
    );
    assert_eq!(
        money(&created["measurement"]["rightOfUseAsset"]),
        "420391.08"
    );

    let (_, list, _) = stack.get(&tenant.viewer.id_token, "/contracts").await;
    assert_eq!(list["items"][0]["measurement"], created["measurement"]);

    // API.md's sample body adds a step to 52,000 from 2031; IE13's figures are without it.
    // With the step the liability is the PV of four payments of 50,000 and five of 52,000.
    let mut stepped = ie13_contract();
    stepped["payment"]["steps"] = json!([{"from": "2031-01-01", "amount": "52000.00"}]);
    let created = stack.create_contract(&tenant.editor, &stepped).await;
    assert_eq!(
        money(&created["measurement"]["leaseLiability"]),
        "362514.83"
    );
    assert_eq!(
        money(&created["measurement"]["rightOfUseAsset"]),
        "427514.83"
    );
}

#[tokio::test]
async fn an_index_change_remeasures_at_the_unchanged_rate_and_the_schedule_stays_continuous() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    // IFRS 16 §42(b): from year 6 the payment follows the index; no new rate is given.
    let (status, changed, _) = stack
        .change(
            Method::PATCH,
            token,
            &format!("/contracts/{id}"),
            "\"1\"",
            &json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-01-01",
                              "reason": "CPI uplift"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert!(changed["versions"][0].get("remeasurement").is_none());
    let r = &changed["versions"][1]["remeasurement"];
    // Before: the carrying amount at 1 Jan 2031 before that day's payment; after: 54,000 now
    // plus four more at 5 %.
    assert_eq!(money(&r["liabilityBefore"]), "227297.51");
    assert_eq!(money(&r["liabilityAfter"]), "245481.33");
    let asset_before: f64 = money(&r["rightOfUseAssetBefore"])
        .parse()
        .unwrap_or_default();
    let asset_after: f64 = money(&r["rightOfUseAssetAfter"])
        .parse()
        .unwrap_or_default();
    // The asset absorbs the whole difference (§39); compared in cents, exactly.
    assert_eq!(
        ((asset_after - asset_before) * 100.0).round(),
        ((245481.33f64 - 227297.51) * 100.0).round()
    );

    let (status, schedule, _) = stack.get(token, &format!("/contracts/{id}/schedule")).await;
    assert_eq!(status, StatusCode::OK, "{schedule}");
    let rows = schedule["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 10);
    for pair in rows.windows(2) {
        assert_eq!(pair[0]["closingLiability"], pair[1]["openingLiability"]);
        assert_eq!(
            pair[0]["closingRightOfUseAsset"],
            pair[1]["openingRightOfUseAsset"]
        );
    }
    assert_eq!(rows[4]["version"], 1);
    assert_eq!(rows[5]["version"], 2);
    assert_eq!(money(&rows[5]["payment"]), "54000.00");
    assert_eq!(money(&rows[9]["closingLiability"]), "0.00");
    assert_eq!(money(&rows[9]["closingRightOfUseAsset"]), "0.00");
    assert_eq!(
        schedule["remeasurements"][0]["liabilityAfter"],
        r["liabilityAfter"]
    );

    let response = stack
        .request(
            Method::GET,
            &format!("/contracts/{id}/schedule?format=csv"),
            Some(token),
        )
        .send()
        .await
        .expect("csv");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let csv = response.text().await.unwrap_or_default();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 11);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        &header[..5],
        [
            "period",
            "startDate",
            "endDate",
            "paymentDate",
            "openingLiability"
        ]
    );
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    // The CSV carries the same figures as the JSON, row for row.
    for (line, row) in lines[1..].iter().zip(&rows) {
        let cells: Vec<&str> = line.split(',').collect();
        for name in [
            "closingLiability",
            "closingRightOfUseAsset",
            "interest",
            "payment",
        ] {
            assert_eq!(cells[column(name)], money(&row[name]), "{name} in {line}");
        }
    }
    let last: Vec<&str> = lines[10].split(',').collect();
    assert_eq!(last[column("closingLiability")], "0.00");
    assert_eq!(last[column("closingRightOfUseAsset")], "0.00");
}

#[tokio::test]
async fn a_change_the_engine_cannot_account_for_is_refused_and_nothing_is_written() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let before = stack.snapshot(&tenant.company_id).await;
    let (status, problem, _) = stack
        .change(
            Method::PATCH,
            token,
            &format!("/contracts/{id}"),
            "\"1\"",
            &json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-06-01",
                              "reason": "mid-year"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "effectiveFrom");

    let (status, problem, _) = stack
        .change(
            Method::PATCH,
            token,
            &format!("/contracts/{id}"),
            "\"1\"",
            &json!({"currency": "EUR", "initialDirectCosts": "30000",
                              "effectiveFrom": "2027-01-01", "reason": "rebooked"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields: Vec<String> = problem["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| text(e, "field"))
        .collect();
    assert_eq!(fields, vec!["currency", "initialDirectCosts"]);

    let mut ragged = ie13_contract();
    ragged["endDate"] = json!("2035-11-30");
    let (status, problem, _) = stack
        .send(
            stack
                .request(Method::POST, "/contracts", Some(token))
                .json(&ragged),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "endDate");
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}

#[tokio::test]
async fn the_schedule_of_another_companys_contract_is_not_found() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let id = text(
        &stack.create_contract(&owner.editor, &ie13_contract()).await,
        "id",
    );
    let (status, _, _) = stack
        .get(
            &intruder.admin.id_token,
            &format!("/contracts/{id}/schedule"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = stack
        .get(
            &owner.viewer.id_token,
            &format!("/contracts/{id}/schedule?format=xml"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
