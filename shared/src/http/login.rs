//! What the sign-in routes share: the answer to a successful sign-in (tokens with our refresh
//! handle, or the `MFA_SETUP` challenge a company's 2FA policy demands), the bearer access
//! token of the enrolment routes, and refused logins: their audit record (shared by the
//! password and the TOTP step) and the equal-time answer. Successful logins are recorded by
//! the pre-token-generation trigger.

use chacha20poly1305::XNonce;
use chacha20poly1305::aead::Generate as _;
use lambda_http::Request;
use serde_json::{Map, Value, json};

use super::problem::ApiError;
use super::respond::Ctx;
use crate::Deps;
use crate::aws::cognito::{Tokens, UserIdentity};
use crate::aws::secrets::AuthKeys;
use crate::domain::audit::AuditEvent;
use crate::domain::claims::{CLAIM_COMPANY, CLAIM_MFA_ENROLLED, is_safe_id};
use crate::domain::credentials::{REFUSAL_WINDOW_SECONDS, refusal_details, refusal_window};
use crate::domain::session::{
    RefreshHandle, SETUP_SESSION_SECONDS, SetupSession, issued_token_claims,
};

/// The company of a login, if it is one a chain can be written to.
fn company_of(identity: &UserIdentity) -> Option<&str> {
    identity.company_id.as_deref().filter(|c| is_safe_id(c))
}

/// Records a refused login in the company of the user it named, when that user exists (up to
/// [`crate::domain::credentials::RECORDED_REFUSALS_PER_WINDOW`] per user and window, then
/// only counted); an unknown name belongs to no company and is only counted in the logs.
pub async fn audit_failed_login(
    deps: &Deps,
    ctx: &Ctx,
    username: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let identity = deps.cognito.identity_of(username, &deps.store).await?;
    match identity
        .as_ref()
        .and_then(|i| company_of(i).map(|c| (i, c)))
    {
        Some((identity, company)) => {
            let now = chrono::Utc::now().timestamp();
            let window = refusal_window(now);
            let expire_at = (window + 2) * REFUSAL_WINDOW_SECONDS;
            let attempt = deps
                .store
                .count_refused_login(company, &identity.sub, window, expire_at)
                .await?;
            let Some(mut recorded) = refusal_details(window, attempt) else {
                tracing::info!(
                    attempt,
                    "refused login counted, not recorded (bound reached)"
                );
                return Ok(());
            };
            recorded.extend(details);
            let event = AuditEvent::login_failed(&identity.sub, &ctx.request_id, recorded);
            deps.store.append_login(company, event).await?;
            Ok(())
        }
        None => {
            tracing::info!("refused login for a user outside any company");
            Ok(())
        }
    }
}

/// Answers a refused login no earlier than `floor` after it `started`: the refusal of a known
/// user (looked up and audited) and of an unknown one (only looked up) then take the same
/// time, so the answer's timing does not tell which e-mail addresses have accounts.
pub async fn refusal_after_floor(
    started: tokio::time::Instant,
    floor: std::time::Duration,
    audited: Result<(), ApiError>,
) -> Result<lambda_http::Response<lambda_http::Body>, ApiError> {
    let elapsed = started.elapsed();
    if elapsed > floor {
        tracing::warn!(
            elapsed_ms = elapsed.as_millis() as u64,
            "refused login took longer than its floor"
        );
    }
    tokio::time::sleep_until(started + floor).await;
    // Only a known user's refusal writes a record: its failure must not answer differently
    // (a 503 would tell that the address has an account). It is logged, with the alarm on
    // function errors.
    if let Err(error) = audited {
        tracing::error!(%error, "a refused login could not be recorded");
    }
    Err(ApiError::Unauthorized)
}

/// A claim of a token Cognito has just issued to us.
fn issued_claim(token: &str, name: &str) -> Option<String> {
    issued_token_claims(token)?
        .get(name)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The pool's user name of freshly issued tokens (the access token's `username` claim): what
/// a refresh's `SECRET_HASH` is computed with.
fn pool_username(tokens: &Tokens) -> Result<String, ApiError> {
    issued_claim(&tokens.access_token, "username")
        .filter(|u| !u.is_empty())
        .ok_or_else(|| ApiError::Dependency("Cognito's access token names no user".into()))
}

/// The company of tokens Cognito has just issued to us: the pre-token-generation trigger's
/// claim, which it takes from the user's company pointer (and refuses tokens without one).
pub fn issued_company(tokens: &Tokens) -> Option<String> {
    issued_claim(&tokens.id_token, CLAIM_COMPANY).filter(|company| is_safe_id(company))
}

/// The body of a token answer. Cognito's refresh token never leaves as it is: `refreshToken`
/// is our sealed handle (user name + refresh token), which `/auth/refresh` takes back.
pub fn token_body(tokens: &Tokens, refresh_handle: Option<String>) -> Value {
    let mut body = json!({
        "idToken": tokens.id_token,
        "accessToken": tokens.access_token,
        "expiresIn": tokens.expires_in,
    });
    if let Some(handle) = refresh_handle {
        body["refreshToken"] = Value::String(handle);
    }
    body
}

/// The sealed refresh handle for tokens Cognito has just issued for `username`.
pub fn refresh_handle(keys: &AuthKeys, username: &str, refresh_token: &str) -> String {
    RefreshHandle::new(username, refresh_token, chrono::Utc::now().timestamp())
        .seal(&keys.session_key)
}

/// The answer to a sign-in that got tokens (a password, a TOTP code, a new password): the
/// tokens, unless the user's company requires 2FA and the ID token (the
/// pre-token-generation trigger's `mfa_enrolled`) says the user has none. Then the answer is
/// `{challenge: "MFA_SETUP", session}`, the tokens kept inside the encrypted session until
/// `/auth/mfa/verify` confirms an authenticator.
pub async fn sign_in_answer(
    deps: &Deps,
    keys: &AuthKeys,
    tokens: Tokens,
    email: &str,
) -> Result<Value, ApiError> {
    let username = pool_username(&tokens)?;
    let refresh_token = tokens.refresh_token.clone().ok_or_else(|| {
        ApiError::Dependency("Cognito signed the user in without a refresh token".into())
    })?;
    let enrolled = issued_claim(&tokens.id_token, CLAIM_MFA_ENROLLED).as_deref() == Some("true");
    let company = issued_company(&tokens);
    let must_enrol = match (&company, enrolled) {
        (Some(company), false) => deps.store.company_settings(company).await?.mfa_required,
        _ => false,
    };
    if !must_enrol {
        let handle = refresh_handle(keys, &username, &refresh_token);
        return Ok(token_body(&tokens, Some(handle)));
    }
    let session = SetupSession {
        username,
        email: issued_claim(&tokens.id_token, "email").unwrap_or_else(|| email.to_owned()),
        access_token: tokens.access_token,
        refresh_token,
        expires_at: chrono::Utc::now().timestamp() + SETUP_SESSION_SECONDS,
    };
    Ok(json!({
        "challenge": "MFA_SETUP",
        "session": seal_setup_session(&session, keys),
    }))
}

/// Seals a setup session with a fresh random nonce.
pub fn seal_setup_session(session: &SetupSession, keys: &AuthKeys) -> String {
    session.seal(&keys.session_key, XNonce::generate().into())
}

/// The access token of `Authorization: Bearer <accessToken>` on the enrolment routes, which
/// API Gateway does not check (they also serve logins without any token): Cognito checks it
/// in the call that uses it.
pub fn bearer_access_token(req: &Request) -> Option<&str> {
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Whether an access token Cognito has accepted was issued to our app client (a token of
/// another client of the pool must not enrol or sign anybody out through our API).
pub fn issued_to_client(access_token: &str, client_id: &str) -> bool {
    issued_claim(access_token, "client_id").as_deref() == Some(client_id)
        && issued_claim(access_token, "token_use").as_deref() == Some("access")
}

/// Records a security event (a password set, an authenticator enrolled, a sign-out) on the
/// security chain of the user's company, found through the user's pointer.
pub async fn audit_security_event(
    deps: &Deps,
    ctx: &Ctx,
    sub: &str,
    action: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let company = deps.store.company_of_user(sub).await?;
    audit_security_event_in(deps, ctx, company, sub, action, details).await
}

/// [`audit_security_event`] when the user's company is already known: from the user's pointer
/// read for another purpose, or from tokens Cognito has just issued ([`issued_company`]).
/// Saves reading the pointer again.
pub async fn audit_security_event_in(
    deps: &Deps,
    ctx: &Ctx,
    company: Option<String>,
    sub: &str,
    action: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let Some(company) = company.filter(|c| is_safe_id(c)) else {
        // Every user of ours has a pointer (the pre-token-generation trigger refuses tokens
        // without one), so this is a broken record, not a user to skip silently.
        return Err(ApiError::Dependency(format!(
            "no company for user {sub} to audit {action}"
        )));
    };
    let event = AuditEvent {
        actor: sub.to_owned(),
        action: action.to_owned(),
        target: format!("user/{sub}"),
        reason: None,
        request_id: ctx.request_id.clone(),
        details,
    };
    deps.store.append_login(&company, event).await?;
    Ok(())
}

/// 204 without a body: the answer of a sign-out and of a bearer enrolment.
pub fn no_content() -> lambda_http::Response<lambda_http::Body> {
    let mut response = lambda_http::Response::new(lambda_http::Body::Empty);
    *response.status_mut() = lambda_http::http::StatusCode::NO_CONTENT;
    response
}

/// The user of a bearer access token, checked by Cognito and issued to our app client;
/// anything else is 401.
pub async fn bearer_user(
    deps: &Deps,
    access_token: &str,
) -> Result<crate::aws::cognito::TokenUser, ApiError> {
    let user = deps
        .cognito
        .user_of_access_token(access_token)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    // Read only now that Cognito has accepted the token: its claims are Cognito's.
    if !issued_to_client(access_token, &deps.config.user_pool_client_id) {
        return Err(ApiError::Unauthorized);
    }
    Ok(user)
}
