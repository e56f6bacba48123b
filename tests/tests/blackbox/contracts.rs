use blackbox::{Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn health_answers_without_a_token() {
    let stack = Stack::connect().await;
    let (status, body, _) = stack
        .send(stack.request(Method::GET, "/health", None))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"status": "ok"}));
}

#[tokio::test]
async fn a_contract_is_created_read_changed_listed_and_archived() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let token = tenant.editor.id_token.as_str();

    let (status, created, headers) = stack
        .send(
            stack
                .request(Method::POST, "/contracts", Some(token))
                .json(&ie13_contract()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = text(&created, "id");
    assert_eq!(headers["location"], format!("/v1/contracts/{id}").as_str());
    assert_eq!(headers["etag"], "\"1\"");
    assert_eq!(created["version"], 1);
    assert_eq!(created["status"], "active");
    assert_eq!(created["payment"]["amount"], "50000.00");
    assert_eq!(created["createdBy"], tenant.editor.sub.as_str());

    let (status, got, headers) = stack.get(token, &format!("/contracts/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["etag"], "\"1\"");
    assert_eq!(got["name"], "Office floor, Sveavägen 1");
    assert_eq!(got["versions"].as_array().map(Vec::len), Some(1));

    let change = json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-01-01",
                        "reason": "CPI uplift"});
    let (status, changed, headers) = stack
        .change(
            Method::PATCH,
            token,
            &format!("/contracts/{id}"),
            "\"1\"",
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(headers["etag"], "\"2\"");
    assert_eq!(changed["version"], 2);
    assert_eq!(changed["payment"]["amount"], "54000");
    assert_eq!(changed["payment"]["frequency"], "annual");
    assert_eq!(changed["effectiveFrom"], "2031-01-01");
    let versions = changed["versions"].as_array().cloned().unwrap_or_default();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["reason"], "CPI uplift");
    assert_eq!(versions[1]["effectiveFrom"], "2031-01-01");
    assert_eq!(versions[1]["createdBy"], tenant.editor.sub.as_str());

    let (status, list, _) = stack.get(token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["items"][0]["version"], 2);
    assert!(list["nextCursor"].is_null());

    let (status, body, _) = stack
        .change(
            Method::DELETE,
            token,
            &format!("/contracts/{id}"),
            "\"2\"",
            &json!({"reason": "Lease ended early"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    // Archived, not erased: still readable with its history, listed as archived only.
    let (status, got, _) = stack.get(token, &format!("/contracts/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got["status"], "archived");
    assert_eq!(got["versions"].as_array().map(Vec::len), Some(2));
    for (filter, expected) in [("active", 0), ("archived", 1)] {
        let (_, list, _) = stack
            .get(token, &format!("/contracts?status={filter}"))
            .await;
        assert_eq!(
            list["items"].as_array().map(Vec::len),
            Some(expected),
            "{filter}"
        );
    }

    // An archived contract takes no more changes (asked with its current, archived ETag).
    let (status, _, _) = stack
        .change(
            Method::PATCH,
            token,
            &format!("/contracts/{id}"),
            "\"2-archived\"",
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    let report = stack.verify_audit(&tenant.admin).await;
    assert_eq!(report["valid"], true, "{report}");
}

#[tokio::test]
async fn the_list_pages_with_a_cursor_and_loses_nothing() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut body = ie13_contract();
        body["name"] = json!(format!("Car {i}"));
        ids.push(text(
            &stack.create_contract(&tenant.editor, &body).await,
            "id",
        ));
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            None => "/contracts?limit=2".to_owned(),
            Some(c) => format!("/contracts?limit=2&cursor={c}"),
        };
        let (status, page, _) = stack.get(&tenant.viewer.id_token, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        pages += 1;
        for item in page["items"].as_array().cloned().unwrap_or_default() {
            seen.push(text(&item, "id"));
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(pages < 10, "paging does not end");
    }
    seen.sort();
    ids.sort();
    assert_eq!(seen, ids);
    assert!(pages >= 3);
}

#[tokio::test]
async fn list_parameters_out_of_range_are_refused() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    for query in [
        "limit=0",
        "limit=201",
        "limit=x",
        "status=deleted",
        "cursor=%%%",
    ] {
        let (status, body, _) = stack
            .get(&tenant.viewer.id_token, &format!("/contracts?{query}"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["status"], 400);
    }
}

#[tokio::test]
async fn problems_speak_swedish_by_default_and_english_on_request() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let path = "/contracts/00000000-0000-0000-0000-000000000000";
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::GET, path, Some(&tenant.viewer.id_token))
                .header("accept-language", "sv-SE"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["title"], "Hittades inte");
    let (_, body, headers) = stack.get(&tenant.viewer.id_token, path).await;
    assert_eq!(body["title"], "Not found");
    assert_eq!(headers["content-type"], "application/problem+json");
}
