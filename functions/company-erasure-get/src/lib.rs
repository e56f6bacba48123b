//! `GET /company/erasure`: the company's scheduled erasure (admins), 404 when none is.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| show(deps, req, ctx)).await
}

async fn show(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::WriteSettings)?;
    let erasure = deps
        .store
        .scheduled_erasure(&caller.company_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let state = deps
        .store
        .erasure_ledger_row(&caller.company_id)
        .await?
        .map(|row| row.state);
    Ok(json_response(StatusCode::OK, &erasure.to_json(state)))
}
