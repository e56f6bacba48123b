//! `GET /documents`: the company's documents, newest first, `?contractId=`, cursor paging.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::documents::is_document_list_key;
use mypages::domain::claims::is_safe_id;
use mypages::domain::role::Permission;
use mypages::http::documents::document_view;
use mypages::http::paging::{Page, encode_cursor, query};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadDocuments)?;
    let contract_id = match query(&req, "contractId") {
        None => None,
        Some(id) if is_safe_id(&id) => Some(id),
        Some(_) => {
            return Err(ApiError::BadParameter(
                "contractId must be a contract id (letters, digits, - and _)".into(),
            ));
        }
    };
    let page = Page::from_request(&req, |key| is_document_list_key(&caller.company_id, key))?;
    let (documents, next) = deps
        .store
        .documents_page(&caller.company_id, contract_id.as_deref(), &page.request())
        .await?;
    let items: Vec<Value> = documents.iter().map(document_view).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": items, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}
