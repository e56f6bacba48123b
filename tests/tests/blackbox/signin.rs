//! Sign-in flows end to end on the local stack: an invited user's first login and new
//! password, TOTP enrolment (during a login the company's 2FA policy stopped, and by a
//! signed-in user), the policy's 403 before enrolment, refresh and global sign-out, `/me`,
//! the SSO domain refusal, and the admin who may not require 2FA before having it. Forged or
//! altered sessions and refresh handles are refused before Cognito is asked.

use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use blackbox::{PASSWORD, Session, Stack, Tenant, text};
use mypages::domain::role::Role;
use mypages::domain::sso::{Provider, SsoConfig};
use mypages::domain::user::UserRecord;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::mfa::fresh_totp;

const TEMPORARY_PASSWORD: &str = "Temp-Passw0rd!x";
const CHOSEN_PASSWORD: &str = "Chosen-Passw0rd!x2";

async fn post(stack: &Stack, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
    let (status, body, _) = stack
        .send(stack.request(Method::POST, path, token).json(body))
        .await;
    (status, body)
}

/// An invited user as the users route makes one: a Cognito user with a temporary password
/// (Cognito's own invitation) and our record with the role, in the tenant's company.
async fn invite(stack: &Stack, tenant: &Tenant, role: Role) -> String {
    let email = format!(
        "invited-{}@test.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let attribute = |name: &str, value: &str| {
        AttributeType::builder()
            .name(name)
            .value(value)
            .build()
            .expect("attribute")
    };
    let created = stack
        .user_pool
        .client
        .admin_create_user()
        .user_pool_id(&stack.user_pool.id)
        .username(&email)
        .temporary_password(TEMPORARY_PASSWORD)
        .message_action(MessageActionType::Suppress)
        .user_attributes(attribute("email", &email))
        .user_attributes(attribute("email_verified", "true"))
        .send()
        .await
        .expect("AdminCreateUser");
    let sub = created
        .user()
        .and_then(|u| u.attributes().iter().find(|a| a.name() == "sub"))
        .and_then(|a| a.value())
        .expect("the new user's sub")
        .to_owned();
    let record = UserRecord {
        id: sub,
        email: Some(email.clone()),
        roles: vec![role],
        locale: "en".into(),
        active: true,
        federated: false,
        mfa_enrolled: false,
        created_at: chrono::Utc::now().to_rfc3339(),
        erased: false,
        erased_at: None,
        version: 1,
    };
    let writes = stack
        .deps
        .store
        .user_create(&tenant.company_id, &record)
        .expect("writes");
    stack
        .deps
        .store
        .client()
        .transact_write_items()
        .set_transact_items(Some(writes))
        .send()
        .await
        .expect("the user record and its pointer");
    email
}

/// Logs in with the temporary password and sets `CHOSEN_PASSWORD`; the answer of
/// `/auth/password`.
async fn first_login(stack: &Stack, email: &str) -> (StatusCode, Value) {
    let (status, challenge) = stack.login(email, TEMPORARY_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(
        challenge["challenge"], "NEW_PASSWORD_REQUIRED",
        "{challenge}"
    );
    assert!(challenge.get("idToken").is_none());
    post(
        stack,
        "/auth/password",
        None,
        &json!({"session": text(&challenge, "session"), "newPassword": CHOSEN_PASSWORD}),
    )
    .await
}

/// Turns the company's 2FA policy on behind the API's back (the API route is tested on its
/// own below: it needs an admin with TOTP).
async fn require_mfa(stack: &Stack, company_id: &str) {
    let store = &stack.deps.store;
    let mut settings = store.company_settings(company_id).await.expect("settings");
    let expected = settings.version;
    settings.mfa_required = true;
    settings.version = expected + 1;
    let write = store
        .company_settings_put(company_id, &settings, expected)
        .expect("write");
    store
        .client()
        .transact_write_items()
        .transact_items(write)
        .send()
        .await
        .expect("mfaRequired on");
}

/// A signed-in user adds TOTP with their access token; returns the secret.
async fn enrol_with_bearer(stack: &Stack, access_token: &str, email: &str) -> String {
    let (status, setup) = post(stack, "/auth/mfa/setup", Some(access_token), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{setup}");
    assert!(setup.get("session").is_none(), "{setup}");
    let uri = text(&setup, "otpauthUri");
    assert!(
        uri.starts_with("otpauth://totp/My%20Pages:") && uri.contains(email),
        "{uri}"
    );
    let secret = text(&setup, "secretCode");
    let code = fresh_totp(&secret).await;
    let (status, body) = post(
        stack,
        "/auth/mfa/verify",
        Some(access_token),
        &json!({"code": code}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    secret
}

/// Logs in a user with TOTP: password, then the code.
async fn login_with_totp(stack: &Stack, email: &str, password: &str, secret: &str) -> Value {
    let (status, challenge) = stack.login(email, password).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "SOFTWARE_TOKEN_MFA", "{challenge}");
    let (status, tokens) = post(
        stack,
        "/auth/mfa",
        None,
        &json!({"session": text(&challenge, "session"), "code": fresh_totp(secret).await}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    tokens
}

fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap_or_default();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap_or_default())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn an_invited_user_sets_a_password_the_policy_accepts_and_is_signed_in() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let email = invite(&stack, &tenant, Role::Editor).await;

    let (status, challenge) = stack.login(&email, TEMPORARY_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "NEW_PASSWORD_REQUIRED");
    let session = text(&challenge, "session");

    // Too short and without a symbol: the pool's policy refuses it, on the field.
    let (status, problem) = post(
        &stack,
        "/auth/password",
        None,
        &json!({"session": session, "newPassword": "weakpass1"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "newPassword", "{problem}");

    let (status, tokens) = post(
        &stack,
        "/auth/password",
        None,
        &json!({"session": session, "newPassword": CHOSEN_PASSWORD}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let id_token = text(&tokens, "idToken");
    assert!(!text(&tokens, "refreshToken").is_empty(), "{tokens}");
    assert_eq!(
        claims(&id_token)["company_id"],
        tenant.company_id.as_str(),
        "the trigger's company claim"
    );
    let (status, _, _) = stack.get(&id_token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);
    let (status, me, _) = stack.get(&id_token, "/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["email"], email.as_str());
    assert_eq!(me["companyId"], tenant.company_id.as_str());
    assert_eq!(me["roles"], json!(["editor"]));
    assert_eq!(me["locale"], "en");
    assert_eq!(me["mfaEnrolled"], false);

    // The password is the chosen one from now on.
    let (status, _) = stack.login(&email, TEMPORARY_PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, tokens) = stack.login(&email, CHOSEN_PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert!(tokens.get("idToken").is_some(), "{tokens}");

    let sub = text(&me, "userId");
    let records = stack
        .audit_records(
            &tenant.admin.id_token,
            &format!("?chain=security&action=auth.password&actor={sub}"),
        )
        .await;
    assert_eq!(records.len(), 1, "{records:?}");
}

#[tokio::test]
async fn a_company_that_requires_2fa_enrols_its_users_at_login() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    require_mfa(&stack, &tenant.company_id).await;

    // A token issued before: every tenant route answers 403, /me still answers.
    let viewer = &tenant.viewer;
    let (status, problem, _) = stack.get(&viewer.id_token, "/contracts").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert_eq!(problem["type"], "/problems/mfa_enrollment_required");
    for path in ["/company/settings", "/audit"] {
        let (status, problem, _) = stack.get(&tenant.auditor.id_token, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {problem}");
        assert_eq!(problem["type"], "/problems/mfa_enrollment_required");
    }
    let (status, me, _) = stack.get(&viewer.id_token, "/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["mfaEnrolled"], false);

    // The login answers MFA_SETUP instead of tokens.
    let (status, challenge) = stack.login(&viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "MFA_SETUP", "{challenge}");
    assert!(challenge.get("idToken").is_none() && challenge.get("accessToken").is_none());
    let session = text(&challenge, "session");

    let (status, setup) = post(
        &stack,
        "/auth/mfa/setup",
        None,
        &json!({"session": session}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{setup}");
    let uri = text(&setup, "otpauthUri");
    assert!(
        uri.starts_with("otpauth://totp/My%20Pages:")
            && uri.contains(&viewer.email)
            && uri.contains("issuer=My%20Pages"),
        "{uri}"
    );
    let secret = text(&setup, "secretCode");
    let session = text(&setup, "session");

    let right = fresh_totp(&secret).await;
    let wrong = format!(
        "{:06}",
        (right.parse::<u32>().unwrap_or(0) + 500_000) % 1_000_000
    );
    let (status, problem) = post(
        &stack,
        "/auth/mfa/verify",
        None,
        &json!({"session": session, "code": wrong}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "code");

    let (status, tokens) = post(
        &stack,
        "/auth/mfa/verify",
        None,
        &json!({"session": session, "code": fresh_totp(&secret).await}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let id_token = text(&tokens, "idToken");
    assert_eq!(claims(&id_token)["mfa_enrolled"], "true");
    let (status, _, _) = stack.get(&id_token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);
    let (_, me, _) = stack.get(&id_token, "/me").await;
    assert_eq!(me["mfaEnrolled"], true);

    // From now on the login asks for the code.
    let tokens = login_with_totp(&stack, &viewer.email, PASSWORD, &secret).await;
    let (status, _, _) = stack.get(&text(&tokens, "idToken"), "/contracts").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn an_invited_user_of_a_company_that_requires_2fa_sets_a_password_then_enrols() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    require_mfa(&stack, &tenant.company_id).await;
    let email = invite(&stack, &tenant, Role::Viewer).await;

    let (status, next) = first_login(&stack, &email).await;
    assert_eq!(status, StatusCode::OK, "{next}");
    assert_eq!(next["challenge"], "MFA_SETUP", "{next}");
    let (status, setup) = post(
        &stack,
        "/auth/mfa/setup",
        None,
        &json!({"session": text(&next, "session")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{setup}");
    assert!(text(&setup, "otpauthUri").contains(&email));
    let secret = text(&setup, "secretCode");
    let (status, tokens) = post(
        &stack,
        "/auth/mfa/verify",
        None,
        &json!({"session": text(&setup, "session"), "code": fresh_totp(&secret).await}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let (status, _, _) = stack.get(&text(&tokens, "idToken"), "/contracts").await;
    assert_eq!(status, StatusCode::OK);
    let tokens = login_with_totp(&stack, &email, CHOSEN_PASSWORD, &secret).await;
    assert!(tokens.get("idToken").is_some());
}

#[tokio::test]
async fn an_admin_requires_2fa_only_after_enrolling_themselves() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let admin = &tenant.admin;
    let turn_on = |token: String| {
        let stack = &stack;
        async move {
            let (_, settings, headers) = stack.get(&token, "/company/settings").await;
            assert_eq!(settings["mfaRequired"], false, "{settings}");
            let etag = headers
                .get("etag")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            stack
                .change(
                    Method::PATCH,
                    &token,
                    "/company/settings",
                    &etag,
                    &json!({"mfaRequired": true, "reason": "2FA for everyone"}),
                )
                .await
        }
    };

    let (status, problem, _) = turn_on(admin.id_token.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "mfaRequired", "{problem}");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("authenticator")),
        "{problem}"
    );

    let secret = enrol_with_bearer(&stack, &admin.access_token, &admin.email).await;
    let tokens = login_with_totp(&stack, &admin.email, PASSWORD, &secret).await;
    let id_token = text(&tokens, "idToken");
    let (status, settings, _) = turn_on(id_token.clone()).await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(settings["mfaRequired"], true);

    // The admin keeps working; the editor without TOTP is stopped.
    let (status, _, _) = stack.get(&id_token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);
    let (status, problem, _) = stack.get(&tenant.editor.id_token, "/contracts").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert_eq!(problem["type"], "/problems/mfa_enrollment_required");

    let records = stack
        .audit_records(
            &id_token,
            &format!("?chain=security&action=auth.mfa.enrol&actor={}", admin.sub),
        )
        .await;
    assert_eq!(records.len(), 1, "{records:?}");
}

#[tokio::test]
async fn a_refresh_token_works_until_the_user_signs_out() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.editor;
    let (status, tokens) = stack.login(&user.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let refresh_token = text(&tokens, "refreshToken");

    let (status, refreshed) = post(
        &stack,
        "/auth/refresh",
        None,
        &json!({"refreshToken": refresh_token}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");
    assert!(refreshed.get("refreshToken").is_none(), "{refreshed}");
    let id_token = text(&refreshed, "idToken");
    assert_eq!(claims(&id_token)["sub"], user.sub.as_str());
    let (status, _, _) = stack.get(&id_token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);

    let (status, body) = post(&stack, "/auth/logout", Some(&id_token), &json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, problem) = post(
        &stack,
        "/auth/refresh",
        None,
        &json!({"refreshToken": refresh_token}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");

    let records = stack
        .audit_records(
            &tenant.admin.id_token,
            &format!("?chain=security&action=auth.logout&actor={}", user.sub),
        )
        .await;
    assert_eq!(records.len(), 1, "{records:?}");
}

/// A token's parts, decoded.
fn split_signed(token: &str) -> (Value, String) {
    let (payload, tag) = token.split_once('.').unwrap_or_default();
    let payload = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap_or_default())
        .unwrap_or(Value::Null);
    (payload, tag.to_owned())
}

fn encode(payload: &Value) -> String {
    URL_SAFE_NO_PAD.encode(payload.to_string())
}

#[tokio::test]
async fn forged_and_altered_sessions_and_refresh_handles_are_refused() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let (_, tokens) = stack.login(&tenant.viewer.email, PASSWORD).await;
    let handle = text(&tokens, "refreshToken");
    let (payload, tag) = split_signed(&handle);
    assert!(
        payload["r"].is_string(),
        "the handle carries Cognito's token: {payload}"
    );

    // Each of these carries a refresh token Cognito would accept: only our check refuses.
    let mut other_user = payload.clone();
    other_user["u"] = json!(tenant.admin.sub);
    let mut longer = payload.clone();
    longer["e"] = json!(4_102_444_800i64);
    for forged in [
        // Unsigned.
        encode(&payload),
        // Signed by someone else.
        format!("{}.{}", encode(&payload), URL_SAFE_NO_PAD.encode([0u8; 32])),
        // Altered under the original tag.
        format!("{}.{tag}", encode(&other_user)),
        format!("{}.{tag}", encode(&longer)),
        // Cognito's own refresh token, bare.
        text(&payload, "r"),
    ] {
        let (status, problem) = post(
            &stack,
            "/auth/refresh",
            None,
            &json!({"refreshToken": forged}),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{forged}: {problem}");
    }
    let (status, _) = post(
        &stack,
        "/auth/refresh",
        None,
        &json!({"refreshToken": handle}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the genuine handle still works");

    // Sessions: made up, or of another kind.
    for session in ["s1.bm90LWEtc2Vzc2lvbg", handle.as_str(), "garbage"] {
        let (status, _) = post(
            &stack,
            "/auth/password",
            None,
            &json!({"session": session, "newPassword": CHOSEN_PASSWORD}),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "password {session}");
        let (status, _) = post(
            &stack,
            "/auth/mfa/setup",
            None,
            &json!({"session": session}),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "setup {session}");
        let (status, _) = post(
            &stack,
            "/auth/mfa/verify",
            None,
            &json!({"session": session, "code": "123456"}),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "verify {session}");
    }
    // Without a session or a token; with an ID token where the access token belongs.
    let (status, _) = post(&stack, "/auth/mfa/setup", None, &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = post(
        &stack,
        "/auth/mfa/setup",
        Some(&tenant.viewer.id_token),
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = post(
        &stack,
        "/auth/mfa/verify",
        Some("not-a-token"),
        &json!({"code": "123456"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_company_that_requires_sso_refuses_passwords_of_its_domain_and_its_users() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    // A refresh token from before the switch must not outlive it.
    let (status, before) = stack.login(&tenant.editor.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{before}");
    let handle = text(&before, "refreshToken");
    let domain = format!(
        "sso-{}.example",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    );
    let config = SsoConfig {
        enabled: true,
        provider: Some(Provider::Oidc {
            issuer: "https://login.microsoftonline.com/tenant/v2.0".into(),
            client_id: "client".into(),
        }),
        provider_name: Some("sso-test".into()),
        domains: vec![domain.clone()],
        require_for_all: true,
        first_activated_at: Some(chrono::Utc::now()),
        version: 1,
        ..SsoConfig::default()
    };
    let store = &stack.deps.store;
    let writes = vec![
        store.sso_put(&tenant.company_id, &config, 0).expect("sso"),
        store
            .domain_claim(&tenant.company_id, &domain)
            .expect("domain"),
    ];
    store
        .client()
        .transact_write_items()
        .set_transact_items(Some(writes))
        .send()
        .await
        .expect("SSO on");
    // Any address of the domain, with an account or without, right password or not.
    for email in [
        format!("nobody@{domain}"),
        format!("CFO@{}", domain.to_uppercase()),
    ] {
        let (status, problem) = stack.login(&email, PASSWORD).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
        assert_eq!(problem["type"], "/problems/sso_required", "{problem}");
    }
    // The company's users with an address elsewhere: the pre-authentication trigger refuses
    // their password, and the login says why.
    let (status, problem) = stack.login(&tenant.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    assert_eq!(problem["type"], "/problems/sso_required", "{problem}");
    let (status, refused, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/refresh", None)
                .json(&json!({"refreshToken": handle})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    // Other companies are untouched.
    let other = stack.new_tenant().await;
    let (status, _) = stack.login(&other.viewer.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    // Domains are claimed first come: another company's user whose address is in the claimed
    // domain keeps signing in with a password (the claim cannot lock another tenant out).
    let outsider = format!("staff@{domain}");
    stack
        .user_pool
        .provision_user(store, &outsider, PASSWORD, &other.company_id, "viewer")
        .await
        .expect("another company's user at the domain");
    let (status, answer) = stack.login(&outsider, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let claims = blackbox::token_claims(answer["idToken"].as_str().unwrap_or_default());
    assert_eq!(claims["company_id"], other.company_id.as_str());
}

#[tokio::test]
async fn every_role_reads_me_and_may_sign_out() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let sessions: [(&str, &Session); 4] = [
        ("admin", &tenant.admin),
        ("editor", &tenant.editor),
        ("viewer", &tenant.viewer),
        ("auditor", &tenant.auditor),
    ];
    for (role, session) in sessions {
        let (status, me, _) = stack.get(&session.id_token, "/me").await;
        assert_eq!(status, StatusCode::OK, "{role}: {me}");
        assert_eq!(me["roles"], json!([role]));
        assert_eq!(me["userId"], session.sub.as_str());
        assert_eq!(me["companyName"], "Test AB");
    }
    for (role, session) in sessions {
        let (status, body) =
            post(&stack, "/auth/logout", Some(&session.id_token), &json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{role}: {body}");
    }
    // The access token is not the bearer of tenant routes.
    let (status, _, _) = stack.get(&tenant.admin.access_token, "/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn me_names_the_callers_own_company_only() {
    let stack = Stack::connect().await;
    let (first, second) = (stack.new_tenant().await, stack.new_tenant().await);
    for tenant in [&first, &second] {
        let (status, me, _) = stack.get(&tenant.viewer.id_token, "/me").await;
        assert_eq!(status, StatusCode::OK, "{me}");
        assert_eq!(me["companyId"], tenant.company_id.as_str());
        assert_eq!(me["email"], tenant.viewer.email.as_str());
    }
    // Signing out one company's user leaves the other company's sessions alone.
    let (_, tokens) = stack.login(&second.viewer.email, PASSWORD).await;
    let (status, _) = post(
        &stack,
        "/auth/logout",
        Some(&first.viewer.id_token),
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, refreshed) = post(
        &stack,
        "/auth/refresh",
        None,
        &json!({"refreshToken": text(&tokens, "refreshToken")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");
}

/// Feeds a sample event of `events/` to its handler in-process; the status and JSON body.
async fn invoke_event(
    stack: &Stack,
    function: &str,
    file: &str,
    vars: &[(&str, &str)],
) -> (u16, Value) {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events")
        .join(function)
        .join(file);
    let mut event = std::fs::read_to_string(&path).expect("the sample event");
    for (key, value) in vars {
        event = event.replace(&format!("${{{key}}}"), value);
    }
    let request: lambda_http::request::LambdaRequest =
        serde_json::from_str(&event).expect("a v1 proxy event");
    let response = mypages_local::dispatch::invoke(function, &stack.deps, request.into())
        .await
        .expect("a known function")
        .expect("handlers answer client errors with Ok");
    let body = match response.body() {
        lambda_http::Body::Text(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn the_sign_in_sample_events_get_the_answers_their_functions_promise() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("companyId", tenant.company_id.as_str()),
        ("sub", tenant.viewer.sub.as_str()),
        ("clientId", client.as_str()),
    ];
    for (function, file) in [
        ("auth-password", "invalid-session.json"),
        ("auth-mfa-setup", "invalid-session.json"),
        ("auth-mfa-verify", "invalid-session.json"),
        ("auth-refresh", "forged-handle.json"),
    ] {
        let (status, body) = invoke_event(&stack, function, file, &vars).await;
        assert_eq!(status, 401, "{function}: {body}");
    }
    let (status, me) = invoke_event(&stack, "me", "get.json", &vars).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["userId"], tenant.viewer.sub.as_str());
    assert_eq!(me["roles"], json!(["viewer"]));
    let (status, body) = invoke_event(&stack, "auth-logout", "logout.json", &vars).await;
    assert_eq!(status, 204, "{body}");
}
