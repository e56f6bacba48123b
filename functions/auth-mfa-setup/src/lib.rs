//! `POST /auth/mfa/setup`: starts adding an authenticator app (TOTP). Either during a login
//! that answered `MFA_SETUP` (`{session}`: our encrypted session holding that login's tokens)
//! or by a signed-in user (`Authorization: Bearer <accessToken>`, checked by Cognito and
//! required to be our app client's). Answers the shared secret and the `otpauth://` URI the
//! app scans (issuer "My Pages", the user's e-mail as the label); nothing changes until
//! `/auth/mfa/verify` confirms a code.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::credentials::parse_setup_request;
use mypages::domain::session::{SetupSession, otpauth_uri};
use mypages::http::input::{body_bytes, json_body};
use mypages::http::login::{bearer_access_token, bearer_user, seal_setup_session};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::{Value, json};

/// The issuer the authenticator app shows.
pub const PRODUCT: &str = "My Pages";

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| setup(deps, req, ctx)).await
}

async fn setup(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // A signed-in user may send no body at all.
    let body = if body_bytes(&req).is_empty() {
        Value::Null
    } else {
        json_body(&req)?
    };
    let session = parse_setup_request(&body).map_err(ApiError::from_fields)?;
    let answer = match session {
        Some(token) => {
            let keys = deps.secrets.auth_keys().await?;
            let now = chrono::Utc::now().timestamp();
            let session =
                SetupSession::open(&token, &keys.session_key, now).ok_or(ApiError::Unauthorized)?;
            let secret = associate(deps, &session.access_token).await?;
            json!({
                "secretCode": secret,
                "otpauthUri": otpauth_uri(PRODUCT, &session.email, &secret),
                // Sealed anew (fresh nonce, same expiry): the verify step takes this one.
                "session": seal_setup_session(&session, keys),
            })
        }
        None => {
            let access_token = bearer_access_token(&req).ok_or(ApiError::Unauthorized)?;
            let user = bearer_user(deps, access_token).await?;
            let secret = associate(deps, access_token).await?;
            let label = user.email.unwrap_or(user.username);
            json!({
                "secretCode": secret,
                "otpauthUri": otpauth_uri(PRODUCT, &label, &secret),
            })
        }
    };
    Ok(json_response(StatusCode::OK, &answer))
}

async fn associate(deps: &Deps, access_token: &str) -> Result<String, ApiError> {
    deps.cognito
        .associate_software_token(access_token)
        .await?
        .ok_or(ApiError::Unauthorized)
}
