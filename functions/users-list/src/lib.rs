//! `GET /users`: the company's users (admins only), cursor paging like the other lists.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::users::is_user_list_key;
use mypages::domain::role::Permission;
use mypages::http::paging::{Page, encode_cursor};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ManageUsers)?;
    // A cursor must be a user key of the caller's own company, never a look elsewhere.
    let page = Page::from_request(&req, |key| is_user_list_key(&caller.company_id, key))?;
    let users = deps
        .store
        .users_page(&caller.company_id, &page.request())
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": users.items, "nextCursor": users.next.as_ref().map(encode_cursor)}),
    ))
}
