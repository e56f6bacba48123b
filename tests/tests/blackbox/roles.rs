//! Who may do what: viewers and auditors cannot write; only admins and auditors read the audit.

use blackbox::{Session, Stack, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn status_of(
    stack: &Stack,
    session: &Session,
    method: Method,
    path: &str,
    if_match: bool,
) -> StatusCode {
    let body = match method {
        Method::POST => ie13_contract(),
        Method::PATCH => {
            json!({"name": "renamed", "effectiveFrom": "2027-01-01", "reason": "role test"})
        }
        _ => json!({"reason": "role test"}),
    };
    let mut request = stack.request(method.clone(), path, Some(&session.id_token));
    if method != Method::GET {
        request = request.json(&body);
    }
    if if_match {
        request = request.header("if-match", "\"1\"");
    }
    stack.send(request).await.0
}

#[tokio::test]
async fn the_role_matrix_holds() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let id = text(
        &stack.create_contract(&t.admin, &ie13_contract()).await,
        "id",
    );
    let one = format!("/contracts/{id}");
    let (ok, forbidden) = (StatusCode::OK, StatusCode::FORBIDDEN);

    for (who, session) in [("viewer", &t.viewer), ("auditor", &t.auditor)] {
        assert_eq!(
            status_of(&stack, session, Method::POST, "/contracts", false).await,
            forbidden,
            "{who}"
        );
        assert_eq!(
            status_of(&stack, session, Method::PATCH, &one, true).await,
            forbidden,
            "{who}"
        );
        assert_eq!(
            status_of(&stack, session, Method::DELETE, &one, true).await,
            forbidden,
            "{who}"
        );
        assert_eq!(
            status_of(&stack, session, Method::GET, &one, false).await,
            ok,
            "{who}"
        );
        assert_eq!(
            status_of(&stack, session, Method::GET, "/contracts", false).await,
            ok,
            "{who}"
        );
    }
    for (who, session, expected) in [
        ("admin", &t.admin, ok),
        ("auditor", &t.auditor, ok),
        ("editor", &t.editor, forbidden),
        ("viewer", &t.viewer, forbidden),
    ] {
        assert_eq!(
            status_of(&stack, session, Method::GET, "/audit", false).await,
            expected,
            "{who}"
        );
        assert_eq!(
            status_of(&stack, session, Method::GET, "/audit/verify", false).await,
            expected,
            "{who}"
        );
    }
    for (who, session) in [
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        let (status, _, _) = stack
            .change(
                Method::PATCH,
                &session.id_token,
                "/company/settings",
                "\"1\"",
                &json!({"rateConvention": "nominal", "reason": "role test"}),
            )
            .await;
        assert_eq!(status, forbidden, "{who} changes settings");
        let (status, _, _) = stack.get(&session.id_token, "/company/settings").await;
        assert_eq!(status, ok, "{who} reads settings");
        let (status, _, _) = stack
            .get(&session.id_token, &format!("{one}/schedule"))
            .await;
        assert_eq!(status, ok, "{who} reads schedules");
    }
    // Refused writes left the contract as it was; the editor and the admin may write.
    assert_eq!(
        status_of(&stack, &t.editor, Method::PATCH, &one, true).await,
        ok
    );
    assert_eq!(
        status_of(&stack, &t.editor, Method::POST, "/contracts", false).await,
        StatusCode::CREATED
    );
    let (_, got, _) = stack.get(&t.admin.id_token, &one).await;
    assert_eq!(got["version"], 2);
    let admin_change =
        json!({"name": "by admin", "effectiveFrom": "2028-01-01", "reason": "admin"});
    let (status, _, _) = stack
        .change(
            Method::PATCH,
            &t.admin.id_token,
            &one,
            "\"2\"",
            &admin_change,
        )
        .await;
    assert_eq!(status, ok, "admin changes contracts");
    let (status, _, _) = stack
        .change(
            Method::DELETE,
            &t.admin.id_token,
            &one,
            "\"3\"",
            &json!({"reason": "admin archives"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "admin archives contracts");
}

#[tokio::test]
async fn documents_are_written_by_editors_and_admins_read_by_all_and_deleted_by_admins() {
    use crate::documents::{create_document, mark_arrived, pdf_request, uploaded_document};
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let document = uploaded_document(&stack, &t.editor, None).await;
    mark_arrived(&stack, &t.company_id, &document).await;
    let id = text(&document, "id");
    let one = format!("/documents/{id}");
    let download = format!("{one}/download");
    let (ok, forbidden) = (StatusCode::OK, StatusCode::FORBIDDEN);

    for (who, session) in [("viewer", &t.viewer), ("auditor", &t.auditor)] {
        let (status, _, _) = stack
            .send(
                stack
                    .request(Method::POST, "/documents", Some(&session.id_token))
                    .json(&pdf_request("a.pdf", None)),
            )
            .await;
        assert_eq!(status, forbidden, "{who} uploads");
    }
    for (who, session) in [
        ("admin", &t.admin),
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        for path in ["/documents", one.as_str(), download.as_str()] {
            let (status, body, _) = stack.get(&session.id_token, path).await;
            assert_eq!(status, ok, "{who} reads {path}: {body}");
        }
    }
    for (who, session) in [
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        let (status, _, _) = stack
            .send(
                stack
                    .request(Method::DELETE, &one, Some(&session.id_token))
                    .json(&json!({"reason": "role test"})),
            )
            .await;
        assert_eq!(status, forbidden, "{who} deletes");
    }
    let (status, _, _) = stack.get(&t.viewer.id_token, &one).await;
    assert_eq!(status, ok, "the refused deletions left the document");
    create_document(&stack, &t.admin, &pdf_request("by-admin.pdf", None)).await;
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::DELETE, &one, Some(&t.admin.id_token))
                .json(&json!({"reason": "role test"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "admin deletes");
}

#[tokio::test]
async fn every_role_reads_the_rates_and_the_ibr_suggestion() {
    use crate::rates_read::{rates, seed};
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    // Friday 6 March 1908, a day of this test's own (rates are global).
    let table = rates(&stack);
    let day = "1908-03-06";
    seed(&table, "SEK", day, "11.4000", "ecb").await;
    seed(&table, "SECBREPOEFF", day, "3.00", "riksbank").await;
    seed(&table, "SEGVB10YC", day, "2.75", "riksbank").await;
    let mut contract = ie13_contract();
    contract["commencementDate"] = json!("1908-03-06");
    contract["endDate"] = json!("1918-03-05");
    let id = text(&stack.create_contract(&t.editor, &contract).await, "id");
    let paths = [
        "/rates/interest?series=SECBREPOEFF&from=1908-03-01&to=1908-03-31".to_owned(),
        "/rates/fx?base=EUR&quote=SEK&date=1908-03-06".to_owned(),
        "/rates/fx/average?base=EUR&quote=SEK&from=1908-03-01&to=1908-03-31".to_owned(),
        format!("/contracts/{id}/ibr-suggestion"),
    ];
    for (who, session) in [
        ("admin", &t.admin),
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        for path in &paths {
            let (status, body, _) = stack.get(&session.id_token, path).await;
            assert_eq!(status, StatusCode::OK, "{who} reads {path}: {body}");
        }
    }
    // Without a token the gateway refuses, as on every tenant route.
    for path in &paths {
        let (status, _, _) = stack.send(stack.request(Method::GET, path, None)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

/// Reports are for admins, editors and auditors (API.md "Reports"); viewers are refused on
/// every route before anything is read.
#[tokio::test]
async fn reports_are_for_admins_editors_and_auditors_never_viewers() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let unknown = uuid::Uuid::now_v7().to_string();
    let one = format!("/reports/{unknown}");
    let download = format!("{one}/download");
    // A body of the wrong shape: past the permission check it is a 400, before it a 403.
    let order = json!({"periodStart": "2026-01-01"});
    for (who, session, allowed) in [
        ("admin", &t.admin, true),
        ("editor", &t.editor, true),
        ("auditor", &t.auditor, true),
        ("viewer", &t.viewer, false),
    ] {
        let expect = |granted: StatusCode| {
            if allowed {
                granted
            } else {
                StatusCode::FORBIDDEN
            }
        };
        let (status, body, _) = stack.get(&session.id_token, "/reports").await;
        assert_eq!(status, expect(StatusCode::OK), "{who} lists: {body}");
        for path in [one.as_str(), download.as_str()] {
            let (status, body, _) = stack.get(&session.id_token, path).await;
            assert_eq!(
                status,
                expect(StatusCode::NOT_FOUND),
                "{who} {path}: {body}"
            );
        }
        let (status, body, _) = stack
            .send(
                stack
                    .request(Method::POST, "/reports", Some(&session.id_token))
                    .json(&order),
            )
            .await;
        assert_eq!(
            status,
            expect(StatusCode::BAD_REQUEST),
            "{who} orders: {body}"
        );
    }
}

#[tokio::test]
async fn only_admins_erase_a_person() {
    use crate::person_erasure::erase;
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    for (who, session) in [
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        let (status, body, _) = erase(&stack, session, &t.viewer.sub, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}: {body}");
    }
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    let (status, _) = stack.login(&t.viewer.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the viewer still signs in");
    let (status, body, _) = erase(&stack, &t.admin, &t.viewer.sub, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "admin: {body}");
}

/// Company erasure is for admins only: every other role is refused before anything is read
/// or written (a body of the wrong shape would be 400 past the check).
#[tokio::test]
async fn only_admins_schedule_read_and_cancel_the_company_erasure() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    for (who, session) in [
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        let (status, body, _) = stack.get(&session.id_token, "/company/erasure").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who} reads: {body}");
        for method in [Method::POST, Method::DELETE] {
            let (status, body, _) = stack
                .send(
                    stack
                        .request(method.clone(), "/company/erasure", Some(&session.id_token))
                        .json(&json!({"confirm": "Test AB", "reason": "role test"})),
                )
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {method}: {body}");
        }
    }
    assert_eq!(stack.snapshot(&t.company_id).await, before);
    let (status, body, _) = stack.get(&t.admin.id_token, "/company/erasure").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the admin reads: {body}");
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/company/erasure", Some(&t.admin.id_token))
                .json(&json!({"confirm": "Test AB"})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the admin passes the check: {body}"
    );
}

/// Company exports are for admins only (issue 11): every other role is refused on every
/// route before anything is read or queued.
#[tokio::test]
async fn company_exports_are_for_admins_only() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let one = format!("/company/exports/{}", uuid::Uuid::now_v7());
    // A body of the wrong shape: past the permission check it is a 400, before it a 403.
    let wrong = json!({"reason": "r", "unknown": true});
    for (who, session, allowed) in [
        ("admin", &t.admin, true),
        ("editor", &t.editor, false),
        ("auditor", &t.auditor, false),
        ("viewer", &t.viewer, false),
    ] {
        let expect = |granted: StatusCode| {
            if allowed {
                granted
            } else {
                StatusCode::FORBIDDEN
            }
        };
        let (status, body, _) = stack.get(&session.id_token, "/company/exports").await;
        assert_eq!(status, expect(StatusCode::OK), "{who} lists: {body}");
        let (status, body, _) = stack.get(&session.id_token, &one).await;
        assert_eq!(status, expect(StatusCode::NOT_FOUND), "{who} gets: {body}");
        let (status, body, _) = stack
            .send(
                stack
                    .request(Method::POST, "/company/exports", Some(&session.id_token))
                    .json(&wrong),
            )
            .await;
        assert_eq!(
            status,
            expect(StatusCode::BAD_REQUEST),
            "{who} asks: {body}"
        );
    }
}
