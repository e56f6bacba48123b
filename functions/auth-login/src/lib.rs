//! `POST /auth/login`: e-mail and password against Cognito. Successful and failed logins are
//! both audited in the user's company; unknown users get the same 401 as a wrong password.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::{LoginOutcome, issued_token_identity};
use mypages::domain::credentials::Credentials;
use mypages::http::input::json_body;
use mypages::http::login::{audit_failed_login, audit_login};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| login(deps, req, ctx)).await
}

async fn login(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let credentials = Credentials::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    match deps
        .cognito
        .login(&credentials.email, &credentials.password)
        .await?
    {
        LoginOutcome::Tokens(tokens) => {
            let identity = issued_token_identity(&tokens.id_token);
            audit_login(deps, &ctx, identity, Default::default()).await?;
            Ok(json_response(StatusCode::OK, &json!(tokens)))
        }
        LoginOutcome::Challenge { name, session } => Ok(json_response(
            StatusCode::OK,
            &json!({"challenge": name, "session": session}),
        )),
        LoginOutcome::Refused => {
            audit_failed_login(deps, &ctx, &credentials.email, Default::default()).await?;
            Err(ApiError::Unauthorized)
        }
    }
}
