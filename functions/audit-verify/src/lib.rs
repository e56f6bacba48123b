//! `GET /audit/verify`: recomputes the company's hash chain and names the first bad record.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| verify(deps, req, ctx)).await
}

async fn verify(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req)?;
    caller.require(Permission::ReadAudit)?;
    let report = deps.store.verify_audit(&caller.company_id).await?;
    if !report.valid {
        tracing::error!(first_bad_seq = ?report.first_bad_seq, "audit chain verification failed");
    }
    Ok(json_response(StatusCode::OK, &json!(report)))
}
