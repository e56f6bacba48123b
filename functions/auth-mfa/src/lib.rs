//! `POST /auth/mfa`: answers the TOTP challenge of a login with the six-digit code.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::issued_token_identity;
use mypages::domain::audit::AuditEvent;
use mypages::domain::credentials::MfaAnswer;
use mypages::http::input::json_body;
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| answer(deps, req, ctx)).await
}

async fn answer(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let answer = MfaAnswer::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let Some((_, tokens)) = deps
        .cognito
        .respond_to_mfa(&answer.session, &answer.code)
        .await?
    else {
        return Err(ApiError::Unauthorized);
    };
    if let Some(identity) = issued_token_identity(&tokens.id_token)
        && let Some(company_id) = identity.company_id.as_deref()
    {
        let event = AuditEvent {
            actor: identity.sub.clone(),
            action: "auth.login".to_owned(),
            target: format!("user/{}", identity.sub),
            reason: None,
            request_id: ctx.request_id.clone(),
            details: [("mfa".to_owned(), json!("totp"))].into_iter().collect(),
        };
        deps.store.audit(company_id, event).await?;
    }
    Ok(json_response(StatusCode::OK, &json!(tokens)))
}
