//! Optimistic locking under contention: of 20 simultaneous changes from the same version,
//! exactly one wins; the audit chain stays intact.

use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_patches_with_one_if_match_give_one_200_and_nineteen_412() {
    let stack = Arc::new(Stack::connect().await);
    let tenant = stack.new_tenant().await;
    let id = text(
        &stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await,
        "id",
    );
    let path = format!("/contracts/{id}");
    let mut tasks = Vec::new();
    for i in 0..20 {
        let stack = stack.clone();
        let token = tenant.editor.id_token.clone();
        let path = path.clone();
        tasks.push(tokio::spawn(async move {
            let body = json!({"name": format!("writer {i}"), "effectiveFrom": "2027-01-01",
                              "reason": format!("race {i}")});
            stack
                .change(Method::PATCH, &token, &path, "\"1\"", &body)
                .await
                .0
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    let wins = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let stale = statuses
        .iter()
        .filter(|s| **s == StatusCode::PRECONDITION_FAILED)
        .count();
    assert_eq!((wins, stale), (1, 19), "{statuses:?}");

    let (_, got, _) = stack.get(&tenant.viewer.id_token, &path).await;
    assert_eq!(got["version"], 2);
    assert_eq!(got["versions"].as_array().map(Vec::len), Some(2));
    let report = stack.verify_audit(&tenant.admin).await;
    assert_eq!(report["valid"], true, "{report}");
    let (_, audit, _) = stack
        .get(&tenant.admin.id_token, "/audit?action=contract.update")
        .await;
    assert_eq!(
        audit["items"].as_array().map(Vec::len),
        Some(1),
        "one change, one record"
    );
}
