//! The audit trail: logins are recorded, records carry who/what/when/why, the chain verifies,
//! and tampering with a stored record is found and named.

use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{PASSWORD, Stack, ie13_contract, text};
use mypages::aws::keys::{audit_sk, company_pk};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn successful_and_failed_logins_are_audited_without_personal_data() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (status, problem) = stack.login(&tenant.viewer.email, "Wrong-Passw0rd!").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    let (status_unknown, problem_unknown) = stack.login("nobody@nowhere.example", PASSWORD).await;
    assert_eq!(status_unknown, StatusCode::UNAUTHORIZED);
    assert_eq!(
        problem, problem_unknown,
        "an unknown user looks like a wrong password"
    );

    let all = stack
        .audit_records(&tenant.admin.id_token, "?chain=security")
        .await;
    assert!(all.iter().all(|r| r["chain"] == "security"), "{all:?}");
    let logins = all.iter().filter(|r| r["action"] == "auth.login").count();
    assert_eq!(logins, 4, "each of the four users logged in once");
    let failed: Vec<&Value> = all
        .iter()
        .filter(|r| r["action"] == "auth.login_failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["actor"], tenant.viewer.sub.as_str());
    let dump = Value::Array(all.clone()).to_string();
    assert!(
        !dump.contains(&tenant.viewer.email),
        "no e-mail addresses in audit records"
    );
}

#[tokio::test]
async fn records_say_who_what_when_why_newest_first_and_filter() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    &format!("/contracts/{id}"),
                    Some(&tenant.editor.id_token),
                )
                .header("if-match", "\"1\"")
                .json(&json!({"name": "x", "effectiveFrom": "2027-01-01", "reason": "rename"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let all = stack.audit_records(&tenant.auditor.id_token, "").await;
    let seqs: Vec<u64> = all.iter().filter_map(|r| r["seq"].as_u64()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] > w[1]),
        "newest first: {seqs:?}"
    );
    let update = &stack
        .audit_records(&tenant.auditor.id_token, "?action=contract.update")
        .await[0];
    assert_eq!(update["actor"], tenant.editor.sub.as_str());
    assert_eq!(update["target"], format!("contract/{id}").as_str());
    assert_eq!(update["reason"], "rename");
    for key in ["at", "requestId", "hash", "prevHash"] {
        assert!(update[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
    let by_actor = stack
        .audit_records(
            &tenant.auditor.id_token,
            &format!("?actor={}", tenant.editor.sub),
        )
        .await;
    assert!(
        by_actor
            .iter()
            .all(|r| r["actor"] == tenant.editor.sub.as_str())
    );
    assert_eq!(
        by_actor.len(),
        2,
        "create, update (logins are on the security chain)"
    );
    let future = stack
        .audit_records(&tenant.auditor.id_token, "?from=2199-01-01")
        .await;
    assert!(future.is_empty());
    let (status, _, _) = stack
        .get(&tenant.auditor.id_token, "/audit?from=yesterday")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn tampering_with_one_stored_record_is_reported_by_verify() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    for _ in 0..3 {
        stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await;
    }
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["headSeq"], 3, "{report}");

    // Rewrite history behind the API's back: change the reason of the newest record (older
    // ones may already be behind a signed checkpoint, verified from the archive instead).
    stack
        .deps
        .store
        .client()
        .update_item()
        .table_name(stack.deps.store.audit_table())
        .key("pk", AttributeValue::S(company_pk(&tenant.company_id)))
        .key("sk", AttributeValue::S(audit_sk(3)))
        .update_expression("SET reason = :r")
        .expression_attribute_values(":r", AttributeValue::S("nothing happened".into()))
        .send()
        .await
        .expect("direct write to the emulator");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(report["firstBadSeq"], 3, "{report}");
    assert_eq!(report["chains"][0]["problem"], "alteredRecord", "{report}");
}

#[tokio::test]
async fn deleting_the_newest_record_is_reported_by_verify() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    let report = stack.verify_audit(&tenant.auditor).await;
    let last = report["headSeq"].as_u64().unwrap_or_default();
    stack
        .deps
        .store
        .client()
        .delete_item()
        .table_name(stack.deps.store.audit_table())
        .key("pk", AttributeValue::S(company_pk(&tenant.company_id)))
        .key("sk", AttributeValue::S(audit_sk(last)))
        .send()
        .await
        .expect("direct delete");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false);
    assert_eq!(report["firstBadSeq"], last);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn verify_stays_valid_while_changes_are_being_written() {
    let stack = std::sync::Arc::new(Stack::connect().await);
    let tenant = stack.new_tenant().await;
    let writer = {
        let (stack, editor) = (stack.clone(), tenant.editor.clone());
        tokio::spawn(async move {
            for _ in 0..8 {
                stack.create_contract(&editor, &ie13_contract()).await;
            }
        })
    };
    let mut reports = Vec::new();
    while !writer.is_finished() {
        reports.push(stack.verify_audit(&tenant.auditor).await);
    }
    writer.await.expect("writer");
    reports.push(stack.verify_audit(&tenant.auditor).await);
    assert!(reports.len() >= 2);
    assert!(reports.iter().all(|r| r["valid"] == true), "{reports:?}");
    assert_eq!(reports.last().map(|r| r["headSeq"].clone()), Some(json!(8)));
}
