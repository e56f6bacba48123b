//! The foundation review's attack scenarios (issue 6, part A): each would have succeeded
//! before its fix.

use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use blackbox::{Stack, ie13_contract};
use mypages::aws::keys::{AUDIT_HEAD_SK, chain_pk};
use mypages::domain::audit::Chain;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn mfa(stack: &Stack, session: &str) -> (StatusCode, Value) {
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/mfa", None)
                .json(&json!({"session": session, "code": "123456"})),
        )
        .await;
    (status, body)
}

async fn security_records(stack: &Stack, token: &str) -> Vec<Value> {
    let (status, body, _) = stack.get(token, "/audit?chain=security").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_forged_mfa_session_naming_a_victim_is_refused_and_writes_nothing() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let before = stack.snapshot(&tenant.company_id).await;
    // The wrapper the API used to hand out: unsigned base64 JSON with the user name.
    let forged = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({"u": tenant.admin.email, "s": "anything"})).unwrap_or_default(),
    );
    for session in [forged.clone(), format!("{forged}.AAAA")] {
        let (status, problem) = mfa(&stack, &session).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    }
    assert_eq!(
        stack.snapshot(&tenant.company_id).await,
        before,
        "no record in any chain of the victim's company"
    );
}

#[tokio::test]
async fn a_real_session_whose_user_name_is_swapped_is_refused_and_writes_nothing() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    // A token of the sealed shape whose payload names the victim, with a tag made up.
    let payload = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({"u": tenant.admin.email, "s": "x", "e": i64::MAX}))
            .unwrap_or_default(),
    );
    let tag = URL_SAFE_NO_PAD.encode([7u8; 32]);
    let before = stack.snapshot(&tenant.company_id).await;
    let (status, _) = mfa(&stack, &format!("{payload}.{tag}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}

#[tokio::test]
async fn wrong_passwords_go_to_the_security_chain_and_never_move_the_data_chain() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    let data_head = |stack: &Stack| {
        let (store, company) = (stack.deps.store.clone(), tenant.company_id.clone());
        async move { store.chain_head(&company, Chain::Data).await.expect("head") }
    };
    let before = data_head(&stack).await;
    for _ in 0..3 {
        let (status, _) = stack.login(&tenant.viewer.email, "Wrong-Passw0rd!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        data_head(&stack).await,
        before,
        "logins never touch the data chain"
    );
    let failed = security_records(&stack, &tenant.auditor.id_token)
        .await
        .into_iter()
        .filter(|r| r["action"] == "auth.login_failed")
        .count();
    assert_eq!(failed, 3);
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    let security = report["chains"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["chain"] == "security").cloned())
        .unwrap_or_default();
    assert_eq!(security["valid"], true, "{report}");
    assert!(security["records"].as_u64().unwrap_or(0) >= 7, "{report}");
}

async fn delete_head(stack: &Stack, company_id: &str) {
    stack
        .deps
        .store
        .client()
        .delete_item()
        .table_name(stack.deps.store.audit_table())
        .key("pk", AttributeValue::S(chain_pk(company_id, Chain::Data)))
        .key("sk", AttributeValue::S(AUDIT_HEAD_SK.into()))
        .send()
        .await
        .expect("direct delete");
}

#[tokio::test]
async fn a_deleted_head_is_reported_and_does_not_block_later_writes() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    delete_head(&stack, &tenant.company_id).await;
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    let data = &report["chains"][0];
    assert_eq!(data["problem"], "missingHead", "{report}");
    // Before, every later write of the company answered 503 forever.
    let created = stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    assert!(created["id"].is_string(), "{created}");
}

#[tokio::test]
async fn records_past_a_rewound_head_are_reported() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    for _ in 0..3 {
        stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await;
    }
    // Point the head back at record 1, as if records 2 and 3 had been appended by someone
    // else: the old verify read only up to the head and passed.
    let store = &stack.deps.store;
    let first = store
        .client()
        .get_item()
        .table_name(store.audit_table())
        .key(
            "pk",
            AttributeValue::S(chain_pk(&tenant.company_id, Chain::Data)),
        )
        .key("sk", AttributeValue::S(mypages::aws::keys::audit_sk(1)))
        .send()
        .await
        .expect("read record 1")
        .item
        .unwrap_or_default();
    store
        .client()
        .put_item()
        .table_name(store.audit_table())
        .item(
            "pk",
            AttributeValue::S(chain_pk(&tenant.company_id, Chain::Data)),
        )
        .item("sk", AttributeValue::S(AUDIT_HEAD_SK.into()))
        .item("seq", AttributeValue::N("1".into()))
        .item("hash", first["hash"].clone())
        .item("at", first["at"].clone())
        .send()
        .await
        .expect("rewind the head");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(report["chains"][0]["problem"], "headMismatch", "{report}");
    assert_eq!(report["firstBadSeq"], 2, "{report}");
}
