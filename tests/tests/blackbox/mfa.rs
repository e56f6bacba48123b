//! Two-step login: a user with a TOTP device gets a `SOFTWARE_TOKEN_MFA` challenge, and
//! `POST /auth/mfa` with the right code (and only the right code) gives tokens.

use aws_sdk_cognitoidentityprovider::types::SoftwareTokenMfaSettingsType;
use blackbox::{PASSWORD, Stack, text};
use hmac::{Hmac, KeyInit as _, Mac};
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha1::Sha1;

/// RFC 4648 base32, leniently: case-insensitive, padding optional.
pub(crate) fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.trim_end_matches('=').bytes() {
        let Some(value) = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase()) else {
            continue;
        };
        bits = (bits << 5) | value as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// RFC 6238 TOTP: HMAC-SHA1, 30-second steps, six digits.
pub(crate) fn totp(secret: &str, unix_seconds: i64) -> String {
    let counter = (unix_seconds / 30) as u64;
    let mut mac = Hmac::<Sha1>::new_from_slice(&base32_decode(secret)).expect("any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let code = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", code % 1_000_000)
}

/// A code with time left in its 30-second step: moto (like a strict server) accepts only the
/// current step, so a code computed in a step's last moments could expire in flight.
pub(crate) async fn fresh_totp(secret: &str) -> String {
    let now = chrono::Utc::now();
    let into_step = now.timestamp() % 30;
    if into_step >= 27 {
        let wait = (30 - into_step) as u64 * 1000 - u64::from(now.timestamp_subsec_millis()) + 100;
        tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    }
    totp(secret, chrono::Utc::now().timestamp())
}

#[test]
fn totp_matches_the_rfc_6238_test_vector() {
    // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 → the last six digits.
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"
    assert_eq!(totp(secret, 59), "287082");
}

#[tokio::test]
async fn totp_switched_off_directly_in_cognito_shows_as_mfa_enrolled_false_at_the_next_refresh() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.editor;
    let signed_in = stack.direct_login(&user.email).await.expect("sign-in");
    let refresh_token = signed_in.refresh_token().expect("refresh token").to_owned();
    let idp = &stack.user_pool.client;
    let secret = idp
        .associate_software_token()
        .access_token(&user.access_token)
        .send()
        .await
        .expect("associate")
        .secret_code
        .unwrap_or_default();
    idp.verify_software_token()
        .access_token(&user.access_token)
        .user_code(fresh_totp(&secret).await)
        .send()
        .await
        .expect("verify the device");
    let totp_set = |enabled: bool| {
        idp.admin_set_user_mfa_preference()
            .user_pool_id(text(&stack.state, "userPoolId"))
            .username(&user.email)
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(enabled)
                    .preferred_mfa(enabled)
                    .build(),
            )
            .send()
    };
    totp_set(true).await.expect("TOTP on");
    let mfa_claim = |token: &str| blackbox::token_claims(token)["mfa_enrolled"].clone();
    let refreshed = stack
        .direct_refresh(&user.email, &refresh_token)
        .await
        .expect("refresh");
    assert_eq!(mfa_claim(refreshed.id_token().unwrap_or_default()), "true");
    let record = stack
        .deps
        .store
        .user(&tenant.company_id, &user.sub)
        .await
        .expect("read")
        .expect("record");
    assert!(record.mfa_enrolled, "the record follows Cognito");

    // The user removes TOTP around the API; the next token says so.
    totp_set(false).await.expect("TOTP off");
    let refreshed = stack
        .direct_refresh(&user.email, &refresh_token)
        .await
        .expect("refresh");
    assert_eq!(mfa_claim(refreshed.id_token().unwrap_or_default()), "false");
    let record = stack
        .deps
        .store
        .user(&tenant.company_id, &user.sub)
        .await
        .expect("read")
        .expect("record");
    assert!(!record.mfa_enrolled);
    let changes: Vec<serde_json::Value> = stack
        .audit_records(&tenant.auditor.id_token, "?chain=data")
        .await
        .into_iter()
        .filter(|r| r["action"] == "user.update" && r["target"] == format!("user/{}", user.sub))
        .collect();
    assert_eq!(changes.len(), 2, "both changes recorded: {changes:?}");
}

#[tokio::test]
async fn a_user_with_totp_logs_in_in_two_steps() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.viewer;
    let idp = aws_sdk_cognitoidentityprovider::Client::new(
        &aws_config::from_env()
            .region(aws_config::Region::new(text(&stack.state, "region")))
            .endpoint_url(text(&stack.state, "endpoint"))
            .load()
            .await,
    );
    let secret = idp
        .associate_software_token()
        .access_token(&user.access_token)
        .send()
        .await
        .expect("associate")
        .secret_code
        .unwrap_or_default();
    idp.verify_software_token()
        .access_token(&user.access_token)
        .user_code(fresh_totp(&secret).await)
        .send()
        .await
        .expect("verify the device");
    idp.admin_set_user_mfa_preference()
        .user_pool_id(text(&stack.state, "userPoolId"))
        .username(&user.email)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .expect("prefer TOTP");

    let (status, challenge) = stack.login(&user.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "SOFTWARE_TOKEN_MFA");
    assert!(
        challenge.get("idToken").is_none(),
        "no tokens before the second factor"
    );
    let session = text(&challenge, "session");

    let right = fresh_totp(&secret).await;
    let wrong = format!(
        "{:06}",
        (right.parse::<u32>().unwrap_or(0) + 500_000) % 1_000_000
    );
    let (status, problem, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/mfa", None)
                .json(&json!({"session": session, "code": wrong})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");

    // A fresh login for the right code keeps the two attempts independent of each other.
    let (_, challenge) = stack.login(&user.email, PASSWORD).await;
    let session = text(&challenge, "session");
    let (status, tokens, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/mfa", None)
                .json(&json!({"session": session, "code": fresh_totp(&secret).await})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let token = text(&tokens, "idToken");
    let (status, _, _) = stack.get(&token, "/contracts").await;
    assert_eq!(status, StatusCode::OK);

    let (_, audit, _) = stack
        .get(
            &tenant.admin.id_token,
            &format!("/audit?chain=security&action=auth.login&actor={}", user.sub),
        )
        .await;
    let records = audit["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(records[0]["details"]["mfa"], "totp", "{records:?}");
    let (_, failed, _) = stack
        .get(
            &tenant.admin.id_token,
            &format!(
                "/audit?chain=security&action=auth.login_failed&actor={}",
                user.sub
            ),
        )
        .await;
    let failed = failed["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(failed.len(), 1, "the wrong code is audited: {failed:?}");
    assert_eq!(failed[0]["details"]["mfa"], "totp");
}
