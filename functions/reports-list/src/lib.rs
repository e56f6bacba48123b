//! `GET /reports`: the company's reports, newest first, cursor paging.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::reports::is_report_list_key;
use mypages::domain::role::Permission;
use mypages::http::paging::{Page, encode_cursor};
use mypages::http::reports::report_view;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::Reports)?;
    let page = Page::from_request(&req, |key| is_report_list_key(&caller.company_id, key))?;
    let (reports, next) = deps
        .store
        .reports_page(&caller.company_id, &page.request())
        .await?;
    let items: Vec<Value> = reports.iter().map(report_view).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": items, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}
