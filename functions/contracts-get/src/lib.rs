//! `GET /contracts/{id}`: the current version with the list of all versions. Another
//! company's id is simply not found.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::input::path_id;
use mypages::http::views::{contract_document, contract_etag};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadContracts)?;
    let id = path_id(&req)?;
    let (head, versions) = deps
        .store
        .contract_with_versions(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let settings = caller.settings(deps).await?;
    let document = contract_document(&head, &versions, &settings);
    let mut response = json_response(StatusCode::OK, &document);
    if let Ok(value) = contract_etag(&head).parse() {
        response.headers_mut().insert("etag", value);
    }
    Ok(response)
}
