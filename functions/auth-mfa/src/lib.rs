//! `POST /auth/mfa`: answers the TOTP challenge of a login with the six-digit code. The
//! session must be one our login sealed (HMAC): a forged or expired one is refused before
//! Cognito is asked and writes nothing. A wrong code for an authentic session is audited.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::MfaOutcome;
use mypages::domain::credentials::MfaAnswer;
use mypages::domain::session::MfaSession;
use mypages::http::input::json_body;
use mypages::http::login::{audit_failed_login, sign_in_answer};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::{Map, Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| answer(deps, req, ctx)).await
}

fn totp() -> Map<String, Value> {
    [("mfa".to_owned(), json!("totp"))].into_iter().collect()
}

async fn answer(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let answer = MfaAnswer::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let keys = deps.secrets.auth_keys().await?;
    let now = chrono::Utc::now().timestamp();
    let session =
        MfaSession::open(&answer.session, &keys.session_key, now).ok_or(ApiError::Unauthorized)?;
    match deps
        .cognito
        .respond_to_mfa(
            &session.username,
            &session.cognito_session,
            &answer.code,
            &keys.client_secret,
        )
        .await?
    {
        // The pre-token-generation trigger recorded the login before Cognito issued these.
        MfaOutcome::Tokens(tokens) => {
            let answer = sign_in_answer(deps, keys, tokens, &session.username).await?;
            Ok(json_response(StatusCode::OK, &answer))
        }
        MfaOutcome::Refused => {
            audit_failed_login(deps, &ctx, &session.username, totp()).await?;
            Err(ApiError::Unauthorized)
        }
    }
}
