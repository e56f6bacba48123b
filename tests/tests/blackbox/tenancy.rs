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
            stack.request(
                Method::GET,
                &format!("{path}/ibr-suggestion"),
                Some(&intruder.viewer.id_token),
            ),
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

#[tokio::test]
async fn another_companys_document_is_not_found_on_every_route_and_never_listed() {
    use crate::documents::{mark_arrived, uploaded_document};
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let document = uploaded_document(&stack, &owner.editor, None).await;
    mark_arrived(&stack, &owner.company_id, &document).await;
    let id = text(&document, "id");
    crate::documents::create_document(
        &stack,
        &owner.editor,
        &crate::documents::pdf_request("b.pdf", None),
    )
    .await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let before = stack.snapshot(&owner.company_id).await;

    for target in [&id, &unknown] {
        let one = format!("/documents/{target}");
        let requests = [
            stack.request(Method::GET, &one, Some(&intruder.admin.id_token)),
            stack.request(
                Method::GET,
                &format!("{one}/download"),
                Some(&intruder.admin.id_token),
            ),
            stack
                .request(Method::DELETE, &one, Some(&intruder.admin.id_token))
                .json(&json!({"reason": "r"})),
        ];
        for request in requests {
            let (status, body, _) = stack.send(request).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{one}: {body}");
            assert_eq!(body["type"], "/problems/not-found");
        }
    }
    let (_, list, _) = stack.get(&intruder.admin.id_token, "/documents").await;
    assert_eq!(list["items"], json!([]));
    // A cursor of the owner's list is no position in the intruder's.
    let (_, page, _) = stack
        .get(&owner.viewer.id_token, "/documents?limit=1")
        .await;
    let cursor = text(&page, "nextCursor");
    assert!(!cursor.is_empty());
    let (status, _, _) = stack
        .get(
            &intruder.viewer.id_token,
            &format!("/documents?limit=1&cursor={cursor}"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, audit, _) = stack.get(&intruder.admin.id_token, "/audit").await;
    let targets: Vec<String> = audit["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| text(r, "target"))
        .collect();
    assert!(!targets.iter().any(|t| t.contains(&id)), "{targets:?}");

    // The refused requests changed nothing of the owner's.
    assert_eq!(stack.snapshot(&owner.company_id).await, before);
    let (status, still, _) = stack
        .get(&owner.viewer.id_token, &format!("/documents/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{still}");
    let (s3, bucket) = {
        let documents = stack.deps.documents.as_ref().expect("documents bucket");
        (&documents.s3, documents.ids.documents_bucket.clone())
    };
    s3.head_object()
        .bucket(bucket)
        .key(mypages::domain::document::original_key(
            &owner.company_id,
            &id,
        ))
        .send()
        .await
        .expect("the owner's file is still there");
}

#[tokio::test]
async fn another_companys_report_is_not_found_on_every_route_and_never_listed() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let owners_contract = stack.create_contract(&owner.editor, &ie13_contract()).await;
    let owners_contract_id = text(&owners_contract, "id");
    let mut ids = Vec::new();
    for format in ["json", "csv"] {
        let (status, created, _) = stack
            .send(
                stack
                    .request(Method::POST, "/reports", Some(&owner.auditor.id_token))
                    .json(
                        &json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31",
                                  "format": format}),
                    ),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        ids.push(text(&created, "id"));
    }
    let before = stack.snapshot(&owner.company_id).await;
    for target in [&ids[0], &uuid::Uuid::now_v7().to_string()] {
        for path in [
            format!("/reports/{target}"),
            format!("/reports/{target}/download"),
        ] {
            let (status, body, _) = stack.get(&intruder.admin.id_token, &path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
            assert_eq!(body["type"], "/problems/not-found");
        }
    }
    let (_, list, _) = stack.get(&intruder.admin.id_token, "/reports").await;
    assert_eq!(list["items"], json!([]));
    // A cursor of the owner's list is no position in the intruder's.
    let (_, page, _) = stack.get(&owner.auditor.id_token, "/reports?limit=1").await;
    let cursor = text(&page, "nextCursor");
    assert!(!cursor.is_empty(), "{page}");
    let (status, _, _) = stack
        .get(
            &intruder.auditor.id_token,
            &format!("/reports?limit=1&cursor={cursor}"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The owner's own list pages on, newest first.
    let (_, next, _) = stack
        .get(
            &owner.auditor.id_token,
            &format!("/reports?limit=1&cursor={cursor}"),
        )
        .await;
    assert_eq!(page["items"][0]["id"], ids[1].as_str());
    assert_eq!(next["items"][0]["id"], ids[0].as_str());
    // Contract ids of the owner are unknown to the intruder: the same 422 as a made-up id.
    let order = |contract_id: &str| {
        stack
            .request(Method::POST, "/reports", Some(&intruder.admin.id_token))
            .json(
                &json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31",
                          "format": "json", "contractIds": [contract_id]}),
            )
    };
    let (status, problem, _) = stack.send(order(&owners_contract_id)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let made_up = uuid::Uuid::now_v7().to_string();
    let (made_up_status, made_up_problem, _) = stack.send(order(&made_up)).await;
    assert_eq!(
        made_up_status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{made_up_problem}"
    );
    assert_eq!(problem, made_up_problem);
    assert_eq!(stack.snapshot(&owner.company_id).await, before);
}

#[tokio::test]
async fn another_companys_user_cannot_be_erased_and_answers_like_an_unknown_one() {
    use crate::person_erasure::erase;
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let before = stack.snapshot(&owner.company_id).await;
    let unknown = uuid::Uuid::new_v4().to_string();
    let mut answers = Vec::new();
    for target in [&owner.viewer.sub, &owner.admin.sub, &unknown] {
        let (status, body, _) = erase(&stack, &intruder.admin, target, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{target}: {body}");
        answers.push(body);
    }
    assert!(answers.iter().all(|a| a["type"] == "/problems/not-found"));
    assert_eq!(stack.snapshot(&owner.company_id).await, before);
    let (status, _) = stack.login(&owner.viewer.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "their user is untouched");
}

/// A company's scheduled erasure is its own: another company's admin neither sees it nor
/// cancels it, and cannot schedule it by naming it (the company comes from the token).
#[tokio::test]
async fn another_companys_erasure_is_neither_seen_nor_cancelled() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let (status, body, _) = stack
        .send(
            stack
                .request(
                    Method::POST,
                    "/company/erasure",
                    Some(&owner.admin.id_token),
                )
                .json(&json!({"confirm": "Test AB", "reason": "leaving"})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let before = stack.snapshot(&owner.company_id).await;
    let (status, _, _) = stack
        .get(&intruder.admin.id_token, "/company/erasure")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::DELETE,
                    "/company/erasure",
                    Some(&intruder.admin.id_token),
                )
                .json(&json!({"reason": "not mine"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(stack.snapshot(&owner.company_id).await, before);
    let (status, got, _) = stack.get(&owner.admin.id_token, "/company/erasure").await;
    assert_eq!(
        (status, got["state"].as_str()),
        (StatusCode::OK, Some("scheduled"))
    );
    let (status, _, _) = stack
        .send(
            stack
                .request(
                    Method::DELETE,
                    "/company/erasure",
                    Some(&owner.admin.id_token),
                )
                .json(&json!({"reason": "stay"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

/// Exports (issue 11): another company's export is not found, like an unknown or malformed
/// id, and never listed.
#[tokio::test]
async fn another_companys_export_is_not_found_and_never_listed() {
    let stack = Stack::connect().await;
    let owner = stack.new_tenant().await;
    let intruder = stack.new_tenant().await;
    let (status, created, _) =
        crate::exports::request_export(&stack, &owner.admin, &json!({"reason": "audit"}), None)
            .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{created}");
    let id = text(&created, "id");
    let before = stack.snapshot(&owner.company_id).await;
    for target in [
        id.as_str(),
        &uuid::Uuid::now_v7().to_string(),
        "not%23an-id",
    ] {
        let (status, body, _) = stack
            .get(
                &intruder.admin.id_token,
                &format!("/company/exports/{target}"),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{target}: {body}");
        assert_eq!(body["type"], "/problems/not-found");
    }
    let (_, list, _) = stack
        .get(&intruder.admin.id_token, "/company/exports")
        .await;
    assert_eq!(list["items"], json!([]));
    // The owner's export settles unseen and unaudited by the intruder's requests.
    crate::exports::settled(&stack, &owner.admin, &id).await;
    let after: Vec<serde_json::Value> = stack.snapshot(&owner.company_id).await;
    assert!(
        after.len() >= before.len(),
        "nothing of the owner's was removed"
    );
    let downloads = stack
        .audit_records(&owner.auditor.id_token, "?action=company.export")
        .await;
    assert_eq!(
        downloads.len(),
        1,
        "only the owner's own GET handed out a URL"
    );
}
