//! `GET /me`: who the caller is, for the client's header and settings: the token's company,
//! roles and 2FA state, the user record's e-mail and locale, the company's name. Open to a
//! user who has yet to enrol TOTP in a company that requires it (the client learns from
//! `mfaEnrolled` that it must offer enrolment).

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| me(deps, req, ctx)).await
}

async fn me(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_claims(&req, &deps.config)?;
    // The trigger issues tokens only to users with a record; a token outliving its record
    // (a deleted user) reaches nothing, nor does one outliving its person (erased).
    let record = deps
        .store
        .user(&caller.company_id, &caller.user_id)
        .await?
        .filter(|record| !record.erased)
        .ok_or(ApiError::Forbidden)?;
    let company = deps.store.company_settings(&caller.company_id).await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "userId": caller.user_id,
            "email": record.email,
            "companyId": caller.company_id,
            "companyName": company.name,
            "roles": caller.roles,
            "locale": record.locale,
            "mfaEnrolled": caller.mfa_enrolled,
        }),
    ))
}
