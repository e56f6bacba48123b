//! `Idempotency-Key`: a retry replays the first answer and creates nothing new.

use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_retried_create_with_the_same_key_creates_one_contract() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let key = uuid::Uuid::new_v4().to_string();
    let send = |body: serde_json::Value| {
        stack
            .request(Method::POST, "/contracts", Some(token))
            .header("idempotency-key", key.as_str())
            .json(&body)
    };
    let (first_status, first, _) = stack.send(send(ie13_contract())).await;
    assert_eq!(first_status, StatusCode::CREATED);
    let (again_status, again, headers) = stack.send(send(ie13_contract())).await;
    assert_eq!(again_status, StatusCode::CREATED);
    assert_eq!(again, first, "the retry gets the first answer");
    assert_eq!(headers["idempotent-replayed"], "true");

    let mut other = ie13_contract();
    other["name"] = json!("Something else");
    let (status, problem, _) = stack.send(send(other)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");

    let (_, list, _) = stack.get(token, "/contracts").await;
    let ids: Vec<String> = list["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| text(c, "id"))
        .collect();
    assert_eq!(ids, vec![text(&first, "id")]);
    let (_, audit, _) = stack
        .get(&tenant.admin.id_token, "/audit?action=contract.create")
        .await;
    assert_eq!(audit["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_retried_change_replays_its_answer_instead_of_failing_on_the_new_version() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let body = json!({"name": "Renamed", "effectiveFrom": "2027-01-01", "reason": "typo"});
    let key = uuid::Uuid::new_v4().to_string();
    let mut answers = Vec::new();
    for _ in 0..2 {
        answers.push(
            stack
                .send(
                    stack
                        .request(Method::PATCH, &format!("/contracts/{id}"), Some(token))
                        .header("if-match", "\"1\"")
                        .header("idempotency-key", key.as_str())
                        .json(&body),
                )
                .await,
        );
    }
    assert_eq!(answers[0].0, StatusCode::OK);
    assert_eq!(answers[1].0, StatusCode::OK);
    assert_eq!(answers[0].1, answers[1].1);
    let (_, got, _) = stack.get(token, &format!("/contracts/{id}")).await;
    assert_eq!(got["version"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_twins_with_one_key_all_get_the_first_answer() {
    let stack = std::sync::Arc::new(Stack::connect().await);
    let tenant = stack.new_tenant().await;
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let key = uuid::Uuid::new_v4().to_string();
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (stack, token, id, key) = (
            stack.clone(),
            tenant.editor.id_token.clone(),
            id.clone(),
            key.clone(),
        );
        tasks.push(tokio::spawn(async move {
            stack
                .send(
                    stack
                        .request(Method::PATCH, &format!("/contracts/{id}"), Some(&token))
                        .header("if-match", "\"1\"")
                        .header("idempotency-key", key.as_str())
                        .json(&json!({"name": "Twin", "effectiveFrom": "2027-01-01", "reason": "retry"})),
                )
                .await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        let (status, body, _) = task.await.expect("task");
        answers.push((status, body));
    }
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::OK),
        "{answers:?}"
    );
    assert!(answers.iter().all(|(_, b)| *b == answers[0].1));
    let (_, got, _) = stack
        .get(&tenant.viewer.id_token, &format!("/contracts/{id}"))
        .await;
    assert_eq!(got["version"], 2, "one change, however many twins");
}

#[tokio::test]
async fn idempotency_records_expire_and_archives_replay() {
    use aws_sdk_dynamodb::types::AttributeValue;
    use mypages::aws::keys::{company_pk, idempotency_sk};

    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let key = uuid::Uuid::new_v4().to_string();
    let archive = || {
        stack
            .request(Method::DELETE, &format!("/contracts/{id}"), Some(token))
            .header("if-match", "\"1\"")
            .header("idempotency-key", key.as_str())
            .json(&json!({"reason": "sold"}))
    };
    assert_eq!(stack.send(archive()).await.0, StatusCode::NO_CONTENT);
    let (status, _, headers) = stack.send(archive()).await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "the retry replays instead of 409"
    );
    assert_eq!(headers["idempotent-replayed"], "true");

    let item = stack
        .deps
        .store
        .client()
        .get_item()
        .table_name(stack.deps.store.data_table())
        .key("pk", AttributeValue::S(company_pk(&tenant.company_id)))
        .key(
            "sk",
            AttributeValue::S(idempotency_sk(&tenant.editor.sub, &key)),
        )
        .send()
        .await
        .expect("get")
        .item
        .expect("the idempotency record");
    let expire_at: i64 = item
        .get("expireAt")
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
        .expect("expireAt");
    let hours = (expire_at - chrono::Utc::now().timestamp()) / 3600;
    assert!((23..=24).contains(&hours), "expires in {hours} h");
}

#[tokio::test]
async fn two_colleagues_using_the_same_key_for_different_contracts_both_get_201() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let key = "contract-1";
    let mut first = ie13_contract();
    first["name"] = json!("The editor's lease");
    let mut second = ie13_contract();
    second["name"] = json!("The admin's lease");
    let mut ids = Vec::new();
    for (session, body) in [(&tenant.editor, &first), (&tenant.admin, &second)] {
        let (status, created, headers) = stack
            .send(
                stack
                    .request(Method::POST, "/contracts", Some(&session.id_token))
                    .header("idempotency-key", key)
                    .json(body),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{}: {created}", session.email);
        assert!(headers.get("idempotent-replayed").is_none());
        assert_eq!(created["name"], body["name"]);
        ids.push(text(&created, "id"));
    }
    assert_ne!(ids[0], ids[1], "two contracts");
    let (_, list, _) = stack.get(&tenant.viewer.id_token, "/contracts").await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2), "{list}");
}
