//! Another company's ids answer exactly like unknown ids, on every route, and change nothing.

use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn every_route_answers_404_for_another_companys_contract_and_changes_nothing() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let id = text(
        &stack.create_contract(&owner.editor, &ie13_contract()).await,
        "id",
    );
    let unknown = uuid::Uuid::now_v7().to_string();
    let before = stack.snapshot(&owner.company_id).await;

    let change = json!({"name": "mine now", "effectiveFrom": "2027-01-01", "reason": "r"});
    let archive = json!({"reason": "r"});
    for target in [&id, &unknown] {
        let path = format!("/contracts/{target}");
        let requests = [
            stack.request(Method::GET, &path, Some(&intruder.admin.id_token)),
            stack
                .request(Method::PATCH, &path, Some(&intruder.admin.id_token))
                .header("if-match", "\"1\"")
                .json(&change),
            stack
                .request(Method::DELETE, &path, Some(&intruder.admin.id_token))
                .header("if-match", "\"1\"")
                .json(&archive),
        ];
        let mut answers = Vec::new();
        for request in requests {
            let (status, body, _) = stack.send(request).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
            answers.push(body);
        }
        // Indistinguishable from an unknown id: same problem document.
        assert!(answers.iter().all(|a| a["type"] == "/problems/not-found"));
    }

    let (_, list, _) = stack.get(&intruder.admin.id_token, "/contracts").await;
    assert_eq!(list["items"], json!([]));
    let (_, audit, _) = stack.get(&intruder.admin.id_token, "/audit").await;
    let targets: Vec<String> = audit["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| text(r, "target"))
        .collect();
    assert!(!targets.iter().any(|t| t.contains(&id)), "{targets:?}");

    assert_eq!(stack.snapshot(&owner.company_id).await, before);
    let (status, still, _) = stack
        .get(&owner.viewer.id_token, &format!("/contracts/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(still["version"], 1);
    assert_eq!(still["status"], "active");
}

#[tokio::test]
async fn a_cursor_from_another_company_is_refused() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    for _ in 0..2 {
        stack.create_contract(&owner.editor, &ie13_contract()).await;
    }
    let (_, page, _) = stack
        .get(&owner.viewer.id_token, "/contracts?limit=1")
        .await;
    let cursor = text(&page, "nextCursor");
    assert!(!cursor.is_empty());
    let (status, body, _) = stack
        .get(
            &intruder.viewer.id_token,
            &format!("/contracts?limit=1&cursor={cursor}"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}
