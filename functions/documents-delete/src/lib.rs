//! `DELETE /documents/{id}`: an admin deletes a document for good, with a reason. The record
//! becomes a tombstone in the same transaction as the `document.delete` audit record (which
//! stays); then every version of every file of the document is deleted from the versioned
//! bucket. No `If-Match`: a document has no version a client could hold (users never change
//! it; only the OCR pipeline moves its status), and deleting it is final whatever its status.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::documents::StoredDocument;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::contract::parse_reason;
use mypages::domain::role::Permission;
use mypages::http::documents::documents_bucket;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::path_id;
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| remove(deps, req, ctx)).await
}

async fn remove(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    let answer = idempotent::write_reading(
        deps,
        &req,
        Permission::DeleteDocuments,
        |caller, _| vec![deps.store.document_key(&caller.company_id, &id)],
        async |write| prepare(deps, &ctx, &id, write).await,
    )
    .await;
    // Record first, then files: once the tombstone is committed nothing reads the files, and
    // an admin's request for a tombstone (this one, its replay, or a later one answered 404)
    // deletes whatever a failed earlier attempt left, so a deletion cannot stay half done.
    // This request's own commit wrote the tombstone just now: it is not read back; any other
    // answer (a replay, a refusal) reads the item.
    let committed_now = answer
        .as_ref()
        .is_ok_and(|response| !idempotent::replayed(response));
    if let Ok(caller) = Caller::from_claims(&req, &deps.config)
        && caller.require(Permission::DeleteDocuments).is_ok()
        && (committed_now
            || matches!(
                deps.store.document_item(&caller.company_id, &id).await?,
                Some(StoredDocument::Deleted)
            ))
    {
        documents_bucket(deps)?
            .erase_document_files(&caller.company_id, &id)
            .await?;
    }
    answer
}

/// Everything the deletion needs, checked, as one mutation: nothing is written here.
async fn prepare(deps: &Deps, ctx: &Ctx, id: &str, write: &Write) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let document = match write.store.document_item(&caller.company_id, id).await? {
        Some(StoredDocument::Live(document)) => document,
        Some(StoredDocument::Deleted) | None => return Err(ApiError::NotFound),
    };
    let reason = parse_reason(body).map_err(ApiError::from_fields)?;
    Ok(Mutation {
        data_ops: vec![deps.store.document_tombstone_put(
            &caller.company_id,
            id,
            &caller.user_id,
            Utc::now(),
        )?],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "document.delete".to_owned(),
            target: format!("document/{id}"),
            reason: Some(reason),
            request_id: ctx.request_id.clone(),
            details: [
                ("status".to_owned(), json!(document.status)),
                ("contentType".to_owned(), json!(document.content_type)),
                ("size".to_owned(), json!(document.size)),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::empty(204),
        measured_with: None,
    })
}
