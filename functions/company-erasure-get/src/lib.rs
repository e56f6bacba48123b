//! `GET /company/erasure`: the company's scheduled erasure (admins), 404 when none is.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| show(deps, req, ctx)).await
}

async fn show(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // The erasure and its ledger row are read with the company's settings, in one call.
    let (caller, store) = Caller::from_request_reading(&req, deps, |caller| {
        deps.store.erasure_keys(&caller.company_id).into()
    })
    .await?;
    caller.require(Permission::WriteSettings)?;
    let erasure = store
        .scheduled_erasure(&caller.company_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let state = store
        .erasure_ledger_row(&caller.company_id)
        .await?
        .map(|row| row.state);
    Ok(json_response(StatusCode::OK, &erasure.to_json(state)))
}
