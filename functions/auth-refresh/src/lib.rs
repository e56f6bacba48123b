//! `POST /auth/refresh`: new ID and access tokens for the `refreshToken` a sign-in handed
//! out. That token is our sealed handle (HMAC) of Cognito's refresh token and the pool's user
//! name; a forged, altered or expired handle is refused before Cognito is asked, and a
//! revoked one (after `/auth/logout`) by Cognito. The refresh is audited by the
//! pre-token-generation trigger (`auth.refresh`).

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::RefreshOutcome;
use mypages::domain::credentials::parse_refresh_request;
use mypages::domain::session::RefreshHandle;
use mypages::http::input::json_body;
use mypages::http::login::token_body;
use mypages::http::{ApiError, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| refresh(deps, req, ctx)).await
}

async fn refresh(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let token = parse_refresh_request(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let keys = deps.secrets.auth_keys().await?;
    let now = chrono::Utc::now().timestamp();
    let handle =
        RefreshHandle::open(&token, &keys.session_key, now).ok_or(ApiError::Unauthorized)?;
    match deps
        .cognito
        .refresh(&handle.username, &handle.refresh_token, &keys.client_secret)
        .await?
    {
        // Cognito keeps the refresh token: the client keeps its handle.
        RefreshOutcome::Tokens(tokens) => {
            Ok(json_response(StatusCode::OK, &token_body(&tokens, None)))
        }
        RefreshOutcome::Refused => Err(ApiError::Unauthorized),
    }
}
