//! `POST /auth/logout`: global sign-out of the caller (the ID token API Gateway's authorizer
//! verified). Cognito revokes every refresh token of the user, so no device stays signed in
//! beyond its current tokens' hour. Audited (`auth.logout`) on the security chain. Open to a
//! user who has yet to enrol TOTP in a company that requires it: signing out is always
//! allowed.

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::domain::audit::AuditEvent;
use mypages::http::login::no_content;
use mypages::http::{ApiError, Caller, Ctx, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| logout(deps, req, ctx)).await
}

async fn logout(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_claims(&req, &deps.config)?;
    // By the pool's user name of the caller's sub: for a password user it is the sub itself,
    // for a federated one `<provider>_<subject>`; signing out the sub alone would miss them.
    if let Some(username) = deps.cognito.account_name_of(&caller.user_id).await? {
        deps.cognito.global_sign_out(&username).await?;
    }
    let event = AuditEvent {
        actor: caller.user_id.clone(),
        action: "auth.logout".to_owned(),
        target: format!("user/{}", caller.user_id),
        reason: None,
        request_id: ctx.request_id.clone(),
        details: [("scope".to_owned(), serde_json::json!("global"))]
            .into_iter()
            .collect(),
    };
    deps.store.append_login(&caller.company_id, event).await?;
    Ok(no_content())
}
