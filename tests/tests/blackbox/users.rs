//! Users (`/users`): invite, list, change roles, deactivate and reactivate, remove; admins
//! only; a company always keeps one active admin; every change audited with its reason; and
//! the Cognito admin adapter against the emulator, the sample events and the operator CLI.

use aws_sdk_cognitoidentityprovider::types::UserStatusType;
use base64::Engine;
use blackbox::{PASSWORD, Session, Stack, Tenant, text};
use mypages::aws::cognito_admin::{InviteError, NewAccount};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const TEMPORARY: &str = "Temp-Passw0rd!x";

fn fresh_email(tag: &str) -> String {
    format!(
        "{tag}-{}@test.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// The claims of a token the stack just issued (read, not verified).
fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap_or_default();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap_or_default(),
    )
    .unwrap_or_default()
}

async fn invite(stack: &Stack, admin: &Session, body: &Value) -> (StatusCode, Value, HeaderMap) {
    stack
        .send(
            stack
                .request(Method::POST, "/users", Some(&admin.id_token))
                .json(body),
        )
        .await
}

async fn users(stack: &Stack, admin: &Session) -> Vec<Value> {
    let (status, body, _) = stack.get(&admin.id_token, "/users?limit=200").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"].as_array().cloned().unwrap_or_default()
}

async fn user(stack: &Stack, admin: &Session, id: &str) -> Value {
    users(stack, admin)
        .await
        .into_iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("user {id} is listed"))
}

fn etag_of(user: &Value) -> String {
    format!("\"{}\"", user["version"])
}

/// `PATCH /users/{id}` at the user's current version.
async fn patch(stack: &Stack, admin: &Session, id: &str, body: &Value) -> (StatusCode, Value) {
    let current = user(stack, admin, id).await;
    let (status, body, _) = stack
        .change(
            Method::PATCH,
            &admin.id_token,
            &format!("/users/{id}"),
            &etag_of(&current),
            body,
        )
        .await;
    (status, body)
}

/// `DELETE /users/{id}` at the user's current version.
async fn remove(stack: &Stack, admin: &Session, id: &str, reason: &str) -> (StatusCode, Value) {
    let current = user(stack, admin, id).await;
    let (status, body, _) = stack
        .change(
            Method::DELETE,
            &admin.id_token,
            &format!("/users/{id}"),
            &etag_of(&current),
            &json!({"reason": reason}),
        )
        .await;
    (status, body)
}

async fn cognito_user(
    stack: &Stack,
    email: &str,
) -> Option<aws_sdk_cognitoidentityprovider::operation::admin_get_user::AdminGetUserOutput> {
    stack
        .user_pool
        .client
        .admin_get_user()
        .user_pool_id(&stack.user_pool.id)
        .username(email)
        .send()
        .await
        .ok()
}

fn problem_type(body: &Value) -> String {
    text(body, "type")
}

async fn refresh(stack: &Stack, refresh_token: &str) -> (StatusCode, Value) {
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/refresh", None)
                .json(&json!({"refreshToken": refresh_token})),
        )
        .await;
    (status, body)
}

#[tokio::test]
async fn an_invite_with_a_temporary_password_creates_the_user_who_must_choose_a_new_one() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let email = fresh_email("invited");
    let (status, created, headers) = invite(
        &stack,
        &t.admin,
        &json!({"email": email.to_uppercase(), "roles": ["editor"], "locale": "ee",
                "temporaryPassword": TEMPORARY}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = text(&created, "id");
    assert_eq!(created["email"], email, "stored lower-cased");
    assert_eq!(created["roles"], json!(["editor"]));
    assert_eq!(created["locale"], "et", "ee is Estonian");
    assert_eq!(
        (created["active"].as_bool(), created["federated"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/v1/users/{id}").as_str())
    );
    assert_eq!(
        headers.get("etag").and_then(|v| v.to_str().ok()),
        Some("\"1\"")
    );
    assert!(created.get("temporaryPassword").is_none());

    let listed = user(&stack, &t.admin, &id).await;
    assert_eq!(listed, created);

    // Cognito has the account, named by the same `sub`, waiting for a new password.
    let account = cognito_user(&stack, &email)
        .await
        .expect("the account exists");
    assert_eq!(
        account.user_status(),
        Some(&UserStatusType::ForceChangePassword)
    );
    let attribute = |name: &str| {
        account
            .user_attributes()
            .iter()
            .find(|a| a.name() == name)
            .and_then(|a| a.value())
            .map(str::to_owned)
    };
    assert_eq!(attribute("sub").as_deref(), Some(id.as_str()));
    assert_eq!(attribute("locale").as_deref(), Some("et"));
    assert_eq!(attribute("email_verified").as_deref(), Some("true"));

    // The first login with the handed-over password asks for a new one.
    let (status, body) = stack.login(&email, TEMPORARY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["challenge"], "NEW_PASSWORD_REQUIRED", "{body}");
    assert!(!text(&body, "session").is_empty());
    assert!(body.get("idToken").is_none());

    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.invite")
        .await;
    let record = records
        .iter()
        .find(|r| r["target"] == format!("user/{id}"))
        .expect("the invite is audited");
    assert_eq!(record["actor"], t.admin.sub);
    assert_eq!(record["details"]["roles"], "editor");
    assert!(
        !record.to_string().contains(&email) && !record.to_string().contains(TEMPORARY),
        "no e-mail address or password in the audit log: {record}"
    );
}

#[tokio::test]
async fn an_invite_without_a_password_leaves_the_e_mail_to_cognito() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let email = fresh_email("mailed");
    let (status, created, _) = invite(
        &stack,
        &t.admin,
        &json!({"email": email, "roles": ["viewer", "auditor"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["locale"], "sv", "Swedish by default");
    assert_eq!(created["roles"], json!(["viewer", "auditor"]));
    // moto sends no e-mail; the account waits in FORCE_CHANGE_PASSWORD with the temporary
    // password Cognito generated (and in AWS e-mails, as DesiredDeliveryMediums asks).
    let account = cognito_user(&stack, &email)
        .await
        .expect("the account exists");
    assert_eq!(
        account.user_status(),
        Some(&UserStatusType::ForceChangePassword)
    );
    assert!(account.enabled());
}

#[tokio::test]
async fn a_role_change_reaches_the_token_at_the_next_login() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    assert_eq!(claims(&t.editor.id_token)["roles"], "editor");
    let (status, changed) = patch(
        &stack,
        &t.admin,
        &t.editor.sub,
        &json!({"roles": ["viewer"], "locale": "en", "reason": "moved to sales"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["roles"], json!(["viewer"]));
    assert_eq!(changed["locale"], "en");
    assert_eq!(changed["version"], 2);

    let (status, body) = stack.login(&t.editor.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = text(&body, "idToken");
    assert_eq!(claims(&token)["roles"], "viewer");
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::POST, "/contracts", Some(&token))
                .json(&blackbox::ie13_contract()),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a viewer now");

    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.update")
        .await;
    let record = records
        .iter()
        .find(|r| r["target"] == format!("user/{}", t.editor.sub))
        .expect("audited");
    assert_eq!(record["reason"], "moved to sales");
    assert_eq!(record["details"]["fields"], json!(["roles", "locale"]));
    assert_eq!(record["details"]["roles"], "viewer");
    assert_eq!(record["actor"], t.admin.sub);
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in_or_refresh_until_reactivated() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let (status, body) = stack.login(&t.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let refresh_token = text(&body, "refreshToken");

    let (status, changed) = patch(
        &stack,
        &t.admin,
        &t.viewer.sub,
        &json!({"active": false, "reason": "on leave"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["active"], false);
    let account = cognito_user(&stack, &t.viewer.email).await.expect("kept");
    assert!(!account.enabled(), "Cognito disables the account too");

    // The same answer as a wrong password: nobody learns the account exists.
    let (status, refused) = stack.login(&t.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    let (_, wrong) = stack.login(&t.viewer.email, "Wrong-Passw0rd!x").await;
    assert_eq!(problem_type(&refused), problem_type(&wrong));
    assert_eq!(refused["detail"], wrong["detail"]);
    let (status, body) = refresh(&stack, &refresh_token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let (status, changed) = patch(
        &stack,
        &t.admin,
        &t.viewer.sub,
        &json!({"active": true, "reason": "back from leave"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert!(
        cognito_user(&stack, &t.viewer.email)
            .await
            .expect("kept")
            .enabled()
    );
    let (status, body) = stack.login(&t.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(claims(&text(&body, "idToken"))["roles"], "viewer");

    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.update")
        .await;
    let reasons: Vec<&Value> = records
        .iter()
        .filter(|r| r["target"] == format!("user/{}", t.viewer.sub))
        .map(|r| &r["reason"])
        .collect();
    assert_eq!(reasons, vec!["back from leave", "on leave"], "newest first");
}

#[tokio::test]
async fn a_removed_user_is_signed_out_everywhere_and_kept_inactive() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let (status, body) = stack.login(&t.auditor.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let refresh_token = text(&body, "refreshToken");

    let (status, body) = remove(&stack, &t.admin, &t.auditor.sub, "left the company").await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let kept = user(&stack, &t.admin, &t.auditor.sub).await;
    assert_eq!(kept["active"], false, "the record stays, inactive");
    assert_eq!(kept["version"], 2);
    assert!(
        !cognito_user(&stack, &t.auditor.email)
            .await
            .expect("the account stays, so its sub keeps naming the person")
            .enabled()
    );
    let (status, _) = stack.login(&t.auditor.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = refresh(&stack, &refresh_token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.delete")
        .await;
    let record = records
        .iter()
        .find(|r| r["target"] == format!("user/{}", t.auditor.sub))
        .expect("audited");
    assert_eq!(record["reason"], "left the company");
    assert_eq!(record["actor"], t.admin.sub);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_deactivated_or_removed() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    let admin = &t.admin.sub;
    for body in [
        json!({"roles": ["editor"], "reason": "demote"}),
        json!({"active": false, "reason": "deactivate"}),
        json!({"roles": ["viewer"], "active": false, "reason": "both"}),
    ] {
        let (status, problem) = patch(&stack, &t.admin, admin, &body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {problem}"
        );
        assert!(
            problem_type(&problem).ends_with("validation-failed"),
            "{problem}"
        );
    }
    let (status, problem) = remove(&stack, &t.admin, admin, "remove").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    let (status, _) = stack.login(&t.admin.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the admin still signs in");

    // An admin role that stays (with another role added) is no demotion.
    let (status, body) = patch(
        &stack,
        &t.admin,
        admin,
        &json!({"roles": ["admin", "auditor"], "reason": "also audits"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // With a second active admin, the first may step down.
    let (status, body) = patch(
        &stack,
        &t.admin,
        &t.editor.sub,
        &json!({"roles": ["admin"], "reason": "new admin"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = patch(
        &stack,
        &t.admin,
        admin,
        &json!({"roles": ["editor"], "reason": "handing over"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn an_address_that_has_an_account_cannot_be_invited_again() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let other = stack.new_tenant().await;
    let email = fresh_email("twice");
    let (status, _, _) = invite(
        &stack,
        &t.admin,
        &json!({"email": email, "roles": ["viewer"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let before = stack.snapshot(&t.company_id).await;
    let before_other = stack.snapshot(&other.company_id).await;
    for (who, admin, address) in [
        ("same company", &t.admin, email.clone()),
        ("case differs", &t.admin, email.to_uppercase()),
        ("another company", &other.admin, email.clone()),
        (
            "a user of another company",
            &t.admin,
            other.viewer.email.clone(),
        ),
    ] {
        let (status, problem, _) = invite(
            &stack,
            admin,
            &json!({"email": address, "roles": ["viewer"]}),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{who}: {problem}");
        assert!(problem_type(&problem).ends_with("conflict"), "{problem}");
    }
    assert_eq!(stack.snapshot(&t.company_id).await, before);
    assert_eq!(stack.snapshot(&other.company_id).await, before_other);
    // The other company's user is untouched and still signs in.
    let (status, _) = stack.login(&other.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    let email = fresh_email("bad");
    for (body, expected, field) in [
        (json!({"email": email, "roles": ["owner"]}), 400, "roles[0]"),
        (json!({"email": email, "roles": "admin"}), 400, "roles"),
        (json!({"email": email}), 400, "roles"),
        (
            json!({"email": email, "roles": ["viewer"], "isAdmin": true}),
            400,
            "isAdmin",
        ),
        (
            json!({"email": email, "roles": ["viewer"], "locale": "de"}),
            400,
            "locale",
        ),
        (json!({"email": 7, "roles": ["viewer"]}), 400, "email"),
        (json!({"email": email, "roles": []}), 422, "roles"),
        (
            json!({"email": "not-an-address", "roles": ["viewer"]}),
            422,
            "email",
        ),
        // An address Cognito itself refuses (here moto's stricter syntax check) is the same
        // 422, not a failed dependency.
        (
            json!({"email": "^@pfqq.dev", "roles": ["viewer"]}),
            422,
            "email",
        ),
        (
            json!({"email": email, "roles": ["viewer"], "temporaryPassword": "short"}),
            422,
            "temporaryPassword",
        ),
        (
            json!({"email": email, "roles": ["viewer"], "temporaryPassword": "nouppercase-1!x"}),
            422,
            "temporaryPassword",
        ),
    ] {
        let (status, problem, _) = invite(&stack, &t.admin, &body).await;
        assert_eq!(status.as_u16(), expected, "{body}: {problem}");
        assert!(
            problem["errors"]
                .as_array()
                .is_some_and(|e| e.iter().any(|e| e["field"] == field)),
            "{body}: {problem}"
        );
    }
    assert!(
        cognito_user(&stack, &email).await.is_none(),
        "no account was made"
    );
    let id = &t.viewer.sub;
    for (body, expected) in [
        (json!({"roles": ["viewer"]}), 400),
        (json!({"reason": "nothing to change"}), 422),
        (json!({"active": "no", "reason": "r"}), 400),
        (json!({"email": "x@y.example", "reason": "r"}), 400),
        (json!({"roles": [], "reason": "r"}), 422),
    ] {
        let (status, problem) = patch(&stack, &t.admin, id, &body).await;
        assert_eq!(status.as_u16(), expected, "{body}: {problem}");
    }
    let path = format!("/users/{id}");
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::PATCH, &path, Some(&t.admin.id_token))
                .json(&json!({"active": false, "reason": "no If-Match"})),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
    let (status, _, _) = stack
        .change(
            Method::PATCH,
            &t.admin.id_token,
            &path,
            "\"7\"",
            &json!({"active": false, "reason": "stale"}),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    for body in [json!({}), json!({"reason": "r", "hard": true})] {
        let (status, _, _) = stack
            .change(Method::DELETE, &t.admin.id_token, &path, "\"1\"", &body)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    let (status, _) = stack.login(&t.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the viewer still signs in");
}

#[tokio::test]
async fn a_retried_invite_with_its_idempotency_key_answers_the_first_time_again() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let body = json!({"email": fresh_email("retry"), "roles": ["editor"]});
    let key = uuid::Uuid::new_v4().to_string();
    let send = || {
        stack.send(
            stack
                .request(Method::POST, "/users", Some(&t.admin.id_token))
                .header("idempotency-key", &key)
                .json(&body),
        )
    };
    let (first_status, first, _) = send().await;
    assert_eq!(first_status, StatusCode::CREATED, "{first}");
    let (status, again, headers) = send().await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again, first);
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let invites = stack
        .audit_records(&t.admin.id_token, "?action=user.invite")
        .await;
    assert_eq!(invites.len(), 1, "one invite, one record");
}

/// Every route's status for one caller: list, invite, change, remove.
async fn statuses(stack: &Stack, caller: &Session, target: &str) -> [StatusCode; 4] {
    let path = format!("/users/{target}");
    let (list, _, _) = stack.get(&caller.id_token, "/users").await;
    let (create, _, _) = invite(
        stack,
        caller,
        &json!({"email": fresh_email("matrix"), "roles": ["viewer"]}),
    )
    .await;
    let (update, _, _) = stack
        .change(
            Method::PATCH,
            &caller.id_token,
            &path,
            "\"1\"",
            &json!({"locale": "en", "reason": "matrix"}),
        )
        .await;
    let (delete, _, _) = stack
        .change(
            Method::DELETE,
            &caller.id_token,
            &path,
            "\"2\"",
            &json!({"reason": "matrix"}),
        )
        .await;
    [list, create, update, delete]
}

#[tokio::test]
async fn only_admins_manage_users() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    let forbidden = [StatusCode::FORBIDDEN; 4];
    for (who, session) in [
        ("editor", &t.editor),
        ("viewer", &t.viewer),
        ("auditor", &t.auditor),
    ] {
        assert_eq!(
            statuses(&stack, session, &t.viewer.sub).await,
            forbidden,
            "{who}"
        );
    }
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    assert_eq!(
        statuses(&stack, &t.admin, &t.viewer.sub).await,
        [
            StatusCode::OK,
            StatusCode::CREATED,
            StatusCode::OK,
            StatusCode::NO_CONTENT
        ],
        "admin"
    );
}

#[tokio::test]
async fn another_companys_users_are_not_found_and_not_listed() {
    let stack = Stack::connect().await;
    let ours = stack.new_tenant().await;
    let theirs: Tenant = stack.new_tenant().await;
    let before = stack.snapshot(&theirs.company_id).await;
    for target in [&theirs.admin.sub, &theirs.viewer.sub] {
        let path = format!("/users/{target}");
        let (status, _, _) = stack
            .change(
                Method::PATCH,
                &ours.admin.id_token,
                &path,
                "\"1\"",
                &json!({"active": false, "reason": "cross-tenant"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "PATCH {path}");
        let (status, _, _) = stack
            .change(
                Method::DELETE,
                &ours.admin.id_token,
                &path,
                "\"1\"",
                &json!({"reason": "cross-tenant"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "DELETE {path}");
    }
    let listed: Vec<String> = users(&stack, &ours.admin)
        .await
        .iter()
        .map(|u| text(u, "id"))
        .collect();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(!listed.contains(&theirs.admin.sub));
    assert_eq!(stack.snapshot(&theirs.company_id).await, before);
    let (status, _) = stack.login(&theirs.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "their user is untouched");
    // Their cursor is no cursor of ours.
    let (_, page, _) = stack.get(&theirs.admin.id_token, "/users?limit=1").await;
    let cursor = text(&page, "nextCursor");
    assert!(!cursor.is_empty(), "{page}");
    let (status, _, _) = stack
        .get(&ours.admin.id_token, &format!("/users?cursor={cursor}"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_user_list_pages_with_a_cursor() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let mut seen = Vec::new();
    let mut path = "/users?limit=3".to_owned();
    loop {
        let (status, page, _) = stack.get(&t.admin.id_token, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|u| text(u, "id")),
        );
        match page["nextCursor"].as_str() {
            Some(cursor) => path = format!("/users?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    seen.sort();
    let mut expected = vec![
        t.admin.sub.clone(),
        t.editor.sub.clone(),
        t.viewer.sub.clone(),
        t.auditor.sub.clone(),
    ];
    expected.sort();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn the_cognito_admin_adapter_invites_disables_signs_out_and_deletes() {
    let stack = Stack::connect().await;
    let cognito = &stack.deps.cognito;
    let email = fresh_email("adapter");
    let account = NewAccount {
        email: &email,
        locale: "en",
        temporary_password: Some(TEMPORARY),
    };
    let sub = cognito.invite_user(&account).await.expect("invited");
    assert!(!sub.is_empty());
    assert!(matches!(
        cognito.invite_user(&account).await,
        Err(InviteError::EmailTaken)
    ));
    cognito.disable_user(&email).await.expect("disabled");
    assert!(
        !cognito_user(&stack, &email)
            .await
            .expect("exists")
            .enabled()
    );
    cognito.enable_user(&email).await.expect("enabled");
    assert!(
        cognito_user(&stack, &email)
            .await
            .expect("exists")
            .enabled()
    );
    cognito
        .sign_out_everywhere(&email)
        .await
        .expect("signed out");
    cognito.delete_user(&email).await.expect("deleted");
    assert!(cognito_user(&stack, &email).await.is_none());
    // An account that is not there has nothing left to stop.
    cognito
        .disable_user(&email)
        .await
        .expect("a missing account is already unable to sign in");
}

/// A company with an admin and a viewer as records only (no Cognito accounts, no logins):
/// the handlers read the caller from the event's claims and the users from the table.
pub(crate) async fn records_only_company(stack: &Stack) -> (String, String, String) {
    let company = format!("ev-{}", uuid::Uuid::new_v4().simple());
    let record = |role: mypages::domain::role::Role| mypages::domain::user::UserRecord {
        id: uuid::Uuid::new_v4().to_string(),
        email: Some(fresh_email(role.as_str())),
        roles: vec![role],
        locale: "sv".into(),
        active: true,
        federated: false,
        mfa_enrolled: false,
        created_at: "2026-11-28T08:00:00.000Z".into(),
        erased: false,
        erased_at: None,
        version: 1,
    };
    let admin = record(mypages::domain::role::Role::Admin);
    let viewer = record(mypages::domain::role::Role::Viewer);
    let store = &stack.deps.store;
    let mut ops = store.user_create(&company, &admin).expect("ops");
    ops.extend(store.user_create(&company, &viewer).expect("ops"));
    store
        .commit(
            &company,
            ops,
            mypages::domain::audit::AuditEvent {
                actor: "system".into(),
                action: "user.create".into(),
                target: format!("company/{company}"),
                reason: None,
                request_id: "test".into(),
                details: Default::default(),
            },
            None,
        )
        .await
        .expect("seeded");
    (company, admin.id, viewer.id)
}

#[tokio::test]
async fn the_sample_events_of_the_user_functions_get_their_answers() {
    let stack = Stack::connect().await;
    let (company, admin, viewer) = records_only_company(&stack).await;
    let client = text(&stack.state, "userPoolClientId");
    let email = fresh_email("event");
    let load = |name: &str, user_id: &str| -> Value {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../events")
            .join(name);
        let mut text = std::fs::read_to_string(&path).expect("event file");
        for (key, value) in [
            ("companyId", company.as_str()),
            ("sub", admin.as_str()),
            ("clientId", client.as_str()),
            ("email", email.as_str()),
            ("userId", user_id),
        ] {
            text = text.replace(&format!("${{{key}}}"), value);
        }
        serde_json::from_str(&text).expect("JSON")
    };
    let invoke = async |function: &str, event: Value| -> (u16, Value) {
        let request: lambda_http::request::LambdaRequest =
            serde_json::from_value(event).expect("a v1 proxy event");
        let response = mypages_local::dispatch::invoke(function, &stack.deps, request.into())
            .await
            .expect("a known function")
            .expect("answered");
        let body = match response.body() {
            lambda_http::Body::Text(t) => serde_json::from_str(t).unwrap_or(Value::Null),
            _ => Value::Null,
        };
        (response.status().as_u16(), body)
    };
    let (status, list) = invoke("users-list", load("users-list/list.json", "")).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2), "{list}");
    let (status, created) = invoke("users-create", load("users-create/invite.json", "")).await;
    assert_eq!(status, 201, "{created}");
    let id = text(&created, "id");
    let (status, changed) =
        invoke("users-update", load("users-update/change-roles.json", &id)).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["roles"], json!(["viewer"]));
    // The event's If-Match is "1"; the user is at 2 now.
    let (status, _) = invoke("users-delete", load("users-delete/remove.json", &id)).await;
    assert_eq!(status, 412);
    let (status, body) = invoke("users-delete", load("users-delete/remove.json", &viewer)).await;
    assert_eq!(status, 204, "{body}");
    // The only admin: refused, whichever route.
    let (status, body) = invoke("users-delete", load("users-delete/remove.json", &admin)).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = invoke(
        "users-update",
        load("users-update/change-roles.json", &admin),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "roles", "{body}");
    // Without claims the handlers answer 401.
    for (function, event) in [
        ("users-list", "users-list/list.json"),
        ("users-create", "users-create/invite.json"),
        ("users-update", "users-update/change-roles.json"),
        ("users-delete", "users-delete/remove.json"),
    ] {
        let mut event = load(event, &viewer);
        event["requestContext"]
            .as_object_mut()
            .map(|ctx| ctx.remove("authorizer"));
        assert_eq!(invoke(function, event).await.0, 401, "{function}");
    }
}

#[tokio::test]
async fn the_operator_cli_creates_a_company_with_its_first_admin() {
    let stack = Stack::connect().await;
    let email = fresh_email("founder");
    let created = mypages_cli::company::create(
        &stack.deps,
        "operator:test",
        "Founders AB",
        &email,
        Some(TEMPORARY),
    )
    .await
    .expect("created");
    assert_eq!(created.name, "Founders AB");
    let listed = mypages_cli::company::list(&stack.deps)
        .await
        .expect("listed");
    assert!(
        listed
            .iter()
            .any(|c| c.id == created.id && c.name == "Founders AB")
    );
    let record = stack
        .deps
        .store
        .user(&created.id, &created.admin)
        .await
        .expect("read")
        .expect("the admin's record");
    assert_eq!(record.email.as_deref(), Some(email.as_str()));
    assert!(record.is_active_admin());
    assert_eq!(
        stack
            .deps
            .store
            .company_of_user(&created.admin)
            .await
            .expect("read")
            .as_deref(),
        Some(created.id.as_str())
    );
    let (status, body) = stack.login(&email, TEMPORARY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["challenge"], "NEW_PASSWORD_REQUIRED");
    // The same address again: refused, nothing new.
    let again =
        mypages_cli::company::create(&stack.deps, "operator:test", "Copy AB", &email, None).await;
    assert!(matches!(
        again,
        Err(mypages_cli::company::CompanyError::EmailTaken)
    ));
    let weak = mypages_cli::company::create(
        &stack.deps,
        "operator:test",
        "Weak AB",
        &fresh_email("w"),
        Some("weak"),
    )
    .await;
    assert!(
        matches!(&weak, Err(mypages_cli::company::CompanyError::Invalid(m)) if m.contains("--password")),
        "{weak:?}"
    );
    let after = mypages_cli::company::list(&stack.deps)
        .await
        .expect("listed");
    assert!(
        !after
            .iter()
            .any(|c| c.name == "Copy AB" || c.name == "Weak AB"),
        "no company without its admin"
    );
}
