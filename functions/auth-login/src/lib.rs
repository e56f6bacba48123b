//! `POST /auth/login`: e-mail and password against Cognito. Successful and failed logins are
//! both audited in the user's company; unknown users get the same 401 as a wrong password.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::{LoginOutcome, UserIdentity, issued_token_identity};
use mypages::domain::audit::AuditEvent;
use mypages::domain::credentials::Credentials;
use mypages::http::input::json_body;
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
            // No audit record, no tokens: a login that cannot be accounted for is refused.
            if let Some(identity) = issued_token_identity(&tokens.id_token) {
                audit_login(deps, &ctx, &identity, "auth.login").await?;
            }
            Ok(json_response(StatusCode::OK, &json!(tokens)))
        }
        LoginOutcome::Challenge { name, session } => Ok(json_response(
            StatusCode::OK,
            &json!({"challenge": name, "session": session}),
        )),
        LoginOutcome::Refused => {
            if let Some(identity) = deps.cognito.identity_of(&credentials.email).await? {
                audit_login(deps, &ctx, &identity, "auth.login_failed").await?;
            }
            Err(ApiError::Unauthorized)
        }
    }
}

pub async fn audit_login(
    deps: &Deps,
    ctx: &Ctx,
    identity: &UserIdentity,
    action: &str,
) -> Result<(), ApiError> {
    let Some(company_id) = identity
        .company_id
        .as_deref()
        .filter(|c| mypages::http::caller::is_safe_id(c))
    else {
        // A user outside any company has no tenant chain to write to.
        tracing::warn!(action, "login by a user without a company");
        return Ok(());
    };
    let event = AuditEvent {
        actor: identity.sub.clone(),
        action: action.to_owned(),
        target: format!("user/{}", identity.sub),
        reason: None,
        request_id: ctx.request_id.clone(),
        details: Default::default(),
    };
    deps.store.audit(company_id, event).await?;
    Ok(())
}
