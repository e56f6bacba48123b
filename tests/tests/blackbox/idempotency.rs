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

    let (_, list, _) = stack
        .send(stack.request(Method::GET, "/contracts", Some(token)))
        .await;
    let ids: Vec<String> = list["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| text(c, "id"))
        .collect();
    assert_eq!(ids, vec![text(&first, "id")]);
    let (_, audit, _) = stack
        .send(stack.request(
            Method::GET,
            "/audit?action=contract.create",
            Some(&tenant.admin.id_token),
        ))
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
    let (_, got, _) = stack
        .send(stack.request(Method::GET, &format!("/contracts/{id}"), Some(token)))
        .await;
    assert_eq!(got["version"], 2);
}
