//! `GET /contracts`: the company's contracts (current versions), `?status=`, cursor paging.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::contracts::{ContractStatus, is_contract_list_key};
use mypages::domain::role::Permission;
use mypages::http::paging::{Page, encode_cursor, query};
use mypages::http::views::contract_summary;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadContracts)?;
    let status =
        match query(&req, "status") {
            None => None,
            Some(text) => Some(ContractStatus::parse(&text).ok_or_else(|| {
                ApiError::BadParameter("status must be active or archived".into())
            })?),
        };
    // A cursor from `?status=active` is not a position in the archived list (or any other
    // company's): it must be a key this very query could have returned.
    let page = Page::from_request(&req, |key| {
        is_contract_list_key(&caller.company_id, status, key)
    })?;
    let (heads, next) = deps
        .store
        .list_contracts(&caller.company_id, status, &page.request())
        .await?;
    let settings = caller.settings(deps).await?;
    let items: Vec<Value> = heads
        .iter()
        .map(|h| contract_summary(h, &settings))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": items, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}
