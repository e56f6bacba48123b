//! `POST /documents`: registers a document (`awaiting_upload`) atomically with its audit
//! record, and answers the presigned POST that uploads its file; honours `Idempotency-Key`.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::document::{Document, DocumentStatus, original_key};
use mypages::domain::document_upload::parse_new_document;
use mypages::domain::role::Permission;
use mypages::domain::validation::{FieldError, FieldErrorKind};
use mypages::http::documents::{UPLOAD_VALID_FOR, document_view, documents_bucket};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::{ApiError, Ctx, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| create(deps, req, ctx)).await
}

async fn create(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // The contract the document is for, read ahead with the write's own keys (when the
    // body parses; else the parser's refusal is the answer).
    idempotent::write_reading(
        deps,
        &req,
        Permission::WriteDocuments,
        |caller, body| {
            parse_new_document(body)
                .ok()
                .and_then(|new| new.contract_id)
                .map(|id| deps.store.contract_head_key(&caller.company_id, &id))
                .into_iter()
                .collect()
        },
        async |write| prepare(deps, &ctx, write).await,
    )
    .await
}

/// Everything the change needs, checked, as one mutation: nothing is written here.
async fn prepare(deps: &Deps, ctx: &Ctx, write: &Write) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let new = parse_new_document(body).map_err(ApiError::from_fields)?;
    let bucket = documents_bucket(deps)?;
    if let Some(contract_id) = &new.contract_id
        && write
            .store
            .contract_head(&caller.company_id, contract_id)
            .await?
            .is_none()
    {
        // Another company's contract is as unknown as one that never was.
        return Err(ApiError::Unprocessable(vec![FieldError {
            field: "contractId".into(),
            kind: FieldErrorKind::UnknownContract,
        }]));
    }

    let id = uuid::Uuid::now_v7().to_string();
    let now = Utc::now();
    let document = Document {
        id: id.clone(),
        contract_id: new.contract_id,
        file_name: new.file_name,
        content_type: new.content_type,
        size: new.size,
        status: DocumentStatus::AwaitingUpload,
        failure_reason: None,
        pages: None,
        proposed: None,
        created_at: timestamp(now),
        created_by: caller.user_id.clone(),
    };
    let form = bucket
        .upload_form(
            &original_key(&caller.company_id, &id),
            document.content_type,
            document.size,
            now + UPLOAD_VALID_FOR,
        )
        .await?;
    let mut answer = document_view(&document);
    answer["upload"] = json!({
        "url": form.url,
        "fields": form.fields,
        "expiresAt": timestamp(form.expires_at),
    });
    let mut details: serde_json::Map<String, Value> = [
        ("contentType".to_owned(), json!(document.content_type)),
        ("size".to_owned(), json!(document.size)),
    ]
    .into_iter()
    .collect();
    if let Some(contract_id) = &document.contract_id {
        details.insert("contractId".to_owned(), json!(contract_id));
    }
    Ok(Mutation {
        data_ops: vec![
            deps.store
                .document_create_put(&caller.company_id, &document)?,
        ],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "document.create".to_owned(),
            target: format!("document/{id}"),
            reason: None,
            request_id: ctx.request_id.clone(),
            details,
        },
        response: StoredResponse::json(201, &answer)
            .with_header("location", format!("/v1/documents/{id}")),
        measured_with: None,
    })
}
