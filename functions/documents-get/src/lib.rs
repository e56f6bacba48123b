//! `GET /documents/{id}`: one document with its status, failure reason and proposals.
//! Another company's id, and a deleted document, are simply not found.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::documents::{document_view, requested_document};
use mypages::http::{ApiError, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let (_, _, document, _) =
        requested_document(deps, &req, Permission::ReadDocuments, false).await?;
    Ok(json_response(StatusCode::OK, &document_view(&document)))
}
