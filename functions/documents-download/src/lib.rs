//! `GET /documents/{id}/download`: a short-lived presigned GET of the original, served as an
//! attachment under the user's file name. A sensitive read: its `document.view` audit
//! record is committed before the URL exists, so no URL is ever handed out unaudited.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::timestamp;
use mypages::domain::audit::{AuditEvent, Chain};
use mypages::domain::document::DocumentStatus;
use mypages::domain::role::Permission;
use mypages::http::disposition::attachment;
use mypages::http::documents::{DOWNLOAD_VALID_FOR, documents_bucket, requested_document};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| download(deps, req, ctx)).await
}

async fn download(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let (caller, id, document, store) =
        requested_document(deps, &req, Permission::ReadDocuments, true).await?;
    if document.status == DocumentStatus::AwaitingUpload {
        return Err(ApiError::conflict(
            "problem-conflict-document-not-uploaded-detail",
        ));
    }
    let bucket = documents_bucket(deps)?;
    let expires_at = Utc::now()
        + chrono::Duration::from_std(DOWNLOAD_VALID_FOR)
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
    store
        .append(
            &caller.company_id,
            Chain::Data,
            AuditEvent {
                actor: caller.user_id.clone(),
                action: "document.view".to_owned(),
                target: format!("document/{id}"),
                reason: None,
                request_id: ctx.request_id.clone(),
                details: [("expiresAt".to_owned(), json!(timestamp(expires_at)))]
                    .into_iter()
                    .collect(),
            },
        )
        .await?;
    let url = bucket
        .original_download_url(
            &caller.company_id,
            &id,
            document.content_type,
            &attachment(&document.file_name),
            DOWNLOAD_VALID_FOR,
        )
        .await?;
    let mut response = json_response(
        StatusCode::OK,
        &json!({"url": url, "expiresAt": timestamp(expires_at)}),
    );
    // The URL is a bearer credential for the file: no cache may keep it.
    response.headers_mut().insert(
        "cache-control",
        lambda_http::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}
