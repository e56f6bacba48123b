//! Erasure of a person (`POST /users/{id}/erasure`, GDPR Art. 17): the person can no longer
//! sign in, their address is gone from every table item, every stored answer and the user
//! pool, every view shows them as erased, and the audit chain (which names them by `sub`
//! only) still verifies. The last active admin cannot be erased.

use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{Session, Stack, Tenant, ie13_contract, text};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const TEMPORARY: &str = "Temp-Passw0rd!x";
const CHOSEN: &str = "Chosen-Passw0rd!x";
const REASON: &str = "Asked to be erased (GDPR Art. 17)";

/// A unique address in mixed case: the API stores it lower-cased, the checks look for both.
fn fresh_address() -> String {
    format!(
        "Erase-Me-{}@Test.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

async fn post(
    stack: &Stack,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: &Value,
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    let mut request = stack.request(Method::POST, path, token).json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    stack.send(request).await
}

pub async fn erase(
    stack: &Stack,
    caller: &Session,
    user_id: &str,
    key: Option<&str>,
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    post(
        stack,
        &format!("/users/{user_id}/erasure"),
        Some(&caller.id_token),
        key,
        &json!({ "reason": REASON }),
    )
    .await
}

/// An editor invited by the tenant's admin (with an Idempotency-Key, so the answer that shows
/// the address is kept for replays), signed in with a password of their own: their id, the
/// invite's key and body, and their refresh token.
struct Invited {
    id: String,
    address: String,
    invite_key: String,
    invite_body: Value,
    session: Session,
    refresh_token: String,
}

async fn invite_and_sign_in(stack: &Stack, t: &Tenant) -> Invited {
    let address = fresh_address();
    let invite_key = uuid::Uuid::new_v4().to_string();
    let invite_body =
        json!({"email": address, "roles": ["editor"], "temporaryPassword": TEMPORARY});
    let (status, created, _) = post(
        stack,
        "/users",
        Some(&t.admin.id_token),
        Some(&invite_key),
        &invite_body,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = text(&created, "id");
    let (status, challenge) = stack.login(&address, TEMPORARY).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    let (status, tokens, _) = post(
        stack,
        "/auth/password",
        None,
        None,
        &json!({"session": text(&challenge, "session"), "newPassword": CHOSEN}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let (status, tokens) = stack.login(&address, CHOSEN).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    Invited {
        session: Session {
            email: address.to_lowercase(),
            id_token: text(&tokens, "idToken"),
            access_token: text(&tokens, "accessToken"),
            sub: id.clone(),
        },
        refresh_token: text(&tokens, "refreshToken"),
        id,
        address,
        invite_key,
        invite_body,
    }
}

async fn listed_user(stack: &Stack, admin: &Session, id: &str) -> Value {
    let (status, body, _) = stack.get(&admin.id_token, "/users?limit=200").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|u| u["id"] == id).cloned())
        .unwrap_or_else(|| panic!("user {id} is listed: {body}"))
}

/// Every item of `table`, as text, that holds `needle` (any case), whatever its partition:
/// the company's, its other partitions (`C#<co>#…`, the security chain) and the pointers
/// outside any tenant (`SUB#`, `DOMAIN#`, `IDP#`).
async fn items_holding(stack: &Stack, table: &str, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    let mut found = Vec::new();
    let mut start = None;
    loop {
        let out = stack
            .deps
            .store
            .client()
            .scan()
            .table_name(table)
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .expect("scan");
        for item in out.items() {
            let text = format!("{item:?}");
            if text.to_lowercase().contains(&needle) {
                found.push(text);
            }
        }
        match out.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => return found,
        }
    }
}

async fn pool_accounts_with(stack: &Stack, address: &str) -> usize {
    stack
        .user_pool
        .client
        .list_users()
        .user_pool_id(&stack.user_pool.id)
        .filter(format!("email = \"{}\"", address.to_lowercase()))
        .send()
        .await
        .expect("ListUsers")
        .users()
        .len()
}

fn erasure_records<'a>(records: &'a [Value], id: &str) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|r| r["target"] == format!("user/{id}"))
        .collect()
}

#[tokio::test]
async fn an_erased_person_cannot_sign_in_and_their_address_is_gone_everywhere() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let person = invite_and_sign_in(&stack, &t).await;
    // They leave traces: a contract of theirs (data chain), their sign-ins (security chain),
    // and an admin's change of their record whose answer (with the address) is kept.
    let contract = stack
        .create_contract(&person.session, &ie13_contract())
        .await;
    let patch_key = uuid::Uuid::new_v4().to_string();
    let (status, patched, _) = stack
        .send(
            stack
                .request(
                    Method::PATCH,
                    &format!("/users/{}", person.id),
                    Some(&t.admin.id_token),
                )
                .header("if-match", "\"1\"")
                .header("idempotency-key", &patch_key)
                .json(&json!({"locale": "en", "reason": "prefers English"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert_eq!(patched["email"], person.address.to_lowercase());
    assert!(
        !items_holding(&stack, stack.deps.store.data_table(), &person.address)
            .await
            .is_empty(),
        "before: the record and the stored answers hold the address"
    );

    let erasure_key = uuid::Uuid::new_v4().to_string();
    let (status, body, headers) = erase(&stack, &t.admin, &person.id, Some(&erasure_key)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(
        headers.get("etag").and_then(|v| v.to_str().ok()),
        Some("\"3\"")
    );

    // They cannot sign in, and their refresh token is dead.
    let (status, _) = stack.login(&person.address, CHOSEN).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body, _) = post(
        &stack,
        "/auth/refresh",
        None,
        None,
        &json!({"refreshToken": person.refresh_token}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    // Every view shows the erased placeholder; their contract still names their sub.
    let listed = listed_user(&stack, &t.admin, &person.id).await;
    assert_eq!(listed["email"], Value::Null, "{listed}");
    assert_eq!(listed["erased"], true, "{listed}");
    assert_eq!(listed["active"], false, "{listed}");
    assert!(
        listed["erasedAt"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );
    assert_eq!(listed["version"], 3);
    let (status, got, _) = stack
        .get(
            &t.admin.id_token,
            &format!("/contracts/{}", text(&contract, "id")),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got["createdBy"], person.id);
    // A token issued before the erasure reaches nothing that shows the person.
    let (status, _, _) = stack.get(&person.session.id_token, "/me").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The invite's replay answers as the first time, without the person, and invites nobody.
    let (status, replayed, headers) = post(
        &stack,
        "/users",
        Some(&t.admin.id_token),
        Some(&person.invite_key),
        &person.invite_body,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{replayed}");
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(replayed["id"], person.id);
    assert_eq!(replayed["email"], Value::Null, "{replayed}");
    assert_eq!(replayed["erased"], true, "{replayed}");

    // The address is gone from every item of both tables and from the user pool.
    for table in [
        stack.deps.store.data_table(),
        stack.deps.store.audit_table(),
    ] {
        assert_eq!(
            items_holding(&stack, table, &person.address).await,
            Vec::<String>::new(),
            "{table} holds the address"
        );
    }
    assert_eq!(pool_accounts_with(&stack, &person.address).await, 0);
    assert!(
        stack
            .deps
            .cognito
            .account_name_of(&person.id)
            .await
            .expect("ListUsers")
            .is_none(),
        "no account has the sub"
    );

    // The chain still verifies; the erasure is in it once, with its reason and no address.
    let report = stack.verify_audit(&t.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.erasure")
        .await;
    let erasures = erasure_records(&records, &person.id);
    assert_eq!(erasures.len(), 1, "{records:?}");
    assert_eq!(erasures[0]["actor"], t.admin.sub);
    assert_eq!(erasures[0]["reason"], REASON);
    assert_eq!(erasures[0]["details"]["wasActive"], true);

    // A replay with the key answers the first time again and records nothing more.
    let (status, _, headers) = erase(&stack, &t.admin, &person.id, Some(&erasure_key)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.erasure")
        .await;
    assert_eq!(erasure_records(&records, &person.id).len(), 1);

    // The erased record can be neither changed nor removed.
    for method in [Method::PATCH, Method::DELETE] {
        let (status, body, _) = stack
            .change(
                method.clone(),
                &t.admin.id_token,
                &format!("/users/{}", person.id),
                "\"3\"",
                &json!({"active": true, "reason": "bring back"}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method}: {body}");
    }
}

#[tokio::test]
async fn an_erasure_that_died_after_its_commit_is_finished_by_the_next_request() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let store = &stack.deps.store;
    // The first half of an erasure, as if the function died after its commit: the tombstone
    // and its audit record are written, the account is still in the pool.
    let record = store
        .user(&t.company_id, &t.viewer.sub)
        .await
        .expect("read")
        .expect("the viewer's record");
    let tombstone = record.erased(&mypages::aws::timestamp(chrono::Utc::now()));
    store
        .commit(
            &t.company_id,
            vec![
                store
                    .user_update(&t.company_id, &tombstone, record.version)
                    .expect("write"),
            ],
            mypages::domain::audit::AuditEvent {
                actor: t.admin.sub.clone(),
                action: "user.erasure".into(),
                target: format!("user/{}", t.viewer.sub),
                reason: Some(REASON.into()),
                request_id: "died-after-commit".into(),
                details: Default::default(),
            },
            None,
        )
        .await
        .expect("committed");
    assert_eq!(pool_accounts_with(&stack, &t.viewer.email).await, 1);
    // Already then the tombstone keeps the person out (the triggers read it).
    let (status, _) = stack.login(&t.viewer.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let before = stack.snapshot(&t.company_id).await;

    let (status, body, _) = erase(&stack, &t.admin, &t.viewer.sub, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(pool_accounts_with(&stack, &t.viewer.email).await, 0);
    let records = stack
        .audit_records(&t.admin.id_token, "?action=user.erasure")
        .await;
    let erasures = erasure_records(&records, &t.viewer.sub);
    assert_eq!(erasures.len(), 2, "both requests are audited");
    assert!(
        erasures
            .iter()
            .any(|r| r["details"]["alreadyErased"] == true),
        "{erasures:?}"
    );
    // The tombstone itself is as it was.
    let tombstone_item = |items: &[Value]| {
        items
            .iter()
            .find(|i| i.to_string().contains(&format!("USER#{}", t.viewer.sub)))
            .cloned()
    };
    let after = stack.snapshot(&t.company_id).await;
    assert!(tombstone_item(&before).is_some());
    assert_eq!(tombstone_item(&after), tombstone_item(&before));
    assert_eq!(stack.verify_audit(&t.auditor).await["valid"], true);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_erased_and_nothing_changes() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    let (status, problem, _) = erase(&stack, &t.admin, &t.admin.sub, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(
        text(&problem, "type").ends_with("validation-failed"),
        "{problem}"
    );
    assert_eq!(problem["errors"][0]["field"], "id", "{problem}");
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    let (status, _) = stack.login(&t.admin.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the admin still signs in");

    // With a second active admin the first may erase themselves.
    let (status, body, _) = stack
        .change(
            Method::PATCH,
            &t.admin.id_token,
            &format!("/users/{}", t.editor.sub),
            "\"1\"",
            &json!({"roles": ["admin"], "reason": "new admin"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body, _) = erase(&stack, &t.admin, &t.admin.sub, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, _) = stack.login(&t.admin.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The remaining admin (signed in again for a token with the role) is now the last one.
    let (status, tokens) = stack.login(&t.editor.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let new_admin = Session {
        id_token: text(&tokens, "idToken"),
        ..t.editor.clone()
    };
    let (status, problem, _) = erase(&stack, &new_admin, &t.editor.sub, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
}

#[tokio::test]
async fn an_erasure_without_a_reason_or_with_other_fields_is_refused() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let before = stack.snapshot(&t.company_id).await;
    let path = format!("/users/{}/erasure", t.viewer.sub);
    for body in [
        json!({}),
        json!({"reason": REASON, "hard": true}),
        json!({"reason": 5}),
        json!([REASON]),
    ] {
        let (status, problem, _) = post(&stack, &path, Some(&t.admin.id_token), None, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {problem}");
    }
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        before,
        "nothing changed"
    );
    let (status, _) = stack.login(&t.viewer.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "the viewer still signs in");
    // Raw items of the company: the viewer's record is as it was.
    let item = stack
        .deps
        .store
        .client()
        .get_item()
        .table_name(stack.deps.store.data_table())
        .key(
            "pk",
            AttributeValue::S(mypages::aws::keys::company_pk(&t.company_id)),
        )
        .key(
            "sk",
            AttributeValue::S(mypages::aws::keys::user_sk(&t.viewer.sub)),
        )
        .send()
        .await
        .expect("GetItem");
    assert!(format!("{:?}", item.item).contains(&t.viewer.email));
}
