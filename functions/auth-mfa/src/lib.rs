//! `POST /auth/mfa`: answers the TOTP challenge of a login with the six-digit code. Both
//! outcomes are audited, like password logins.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::{MfaOutcome, issued_token_identity};
use mypages::domain::credentials::MfaAnswer;
use mypages::http::input::json_body;
use mypages::http::login::{audit_failed_login, audit_login};
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
    match deps
        .cognito
        .respond_to_mfa(&answer.session, &answer.code)
        .await?
    {
        MfaOutcome::Tokens(tokens) => {
            let identity = issued_token_identity(&tokens.id_token);
            audit_login(deps, &ctx, identity, totp()).await?;
            Ok(json_response(StatusCode::OK, &json!(tokens)))
        }
        MfaOutcome::Refused { username } => {
            if let Some(username) = username {
                audit_failed_login(deps, &ctx, &username, totp()).await?;
            }
            Err(ApiError::Unauthorized)
        }
    }
}
