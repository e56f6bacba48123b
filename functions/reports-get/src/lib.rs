//! `GET /reports/{id}`: one report with its status, request and failure reason. Another
//! company's id is simply not found.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::http::reports::{report_view, requested_report};
use mypages::http::{ApiError, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let (_, report, _) = requested_report(deps, &req, false).await?;
    Ok(json_response(StatusCode::OK, &report_view(&report)))
}
