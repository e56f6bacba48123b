//! `POST /auth/login`: e-mail and password against Cognito. Successful logins are audited by
//! Cognito's post-authentication trigger, refused ones here, both on the user's company's
//! security chain; unknown users get the same 401 as a wrong password, after the same time.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::LoginOutcome;
use mypages::domain::credentials::Credentials;
use mypages::domain::session::MfaSession;
use mypages::http::input::json_body;
use mypages::http::login::{audit_failed_login, refusal_after_floor};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| login(deps, req, ctx)).await
}

async fn login(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let started = tokio::time::Instant::now();
    let credentials = Credentials::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let keys = deps.secrets.auth_keys().await?;
    match deps
        .cognito
        .login(
            &credentials.email,
            &credentials.password,
            &keys.client_secret,
        )
        .await?
    {
        // Cognito's post-authentication trigger recorded the login before issuing these.
        LoginOutcome::Tokens(tokens) => Ok(json_response(StatusCode::OK, &json!(tokens))),
        LoginOutcome::Challenge {
            name,
            session,
            username,
        } => {
            let now = chrono::Utc::now().timestamp();
            let sealed = MfaSession::new(&username, &session, now).seal(&keys.session_key);
            Ok(json_response(
                StatusCode::OK,
                &json!({"challenge": name, "session": sealed}),
            ))
        }
        LoginOutcome::Refused => {
            let audited =
                audit_failed_login(deps, &ctx, &credentials.email, Default::default()).await;
            refusal_after_floor(started, deps.config.login_refusal_floor, audited).await
        }
    }
}
