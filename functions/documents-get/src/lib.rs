//! `GET /documents/{id}`: one document with its status, failure reason and proposals.
//! Another company's id, and a deleted document, are simply not found.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::documents::document_view;
use mypages::http::input::path_id;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadDocuments)?;
    let id = path_id(&req)?;
    let document = deps
        .store
        .live_document(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(json_response(StatusCode::OK, &document_view(&document)))
}
