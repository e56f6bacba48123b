//! `POST /company/exports`: an admin asks for a zip of everything the company holds (issue
//! 11, GDPR Art. 20), with a required `reason`; honours `Idempotency-Key`; audited
//! `company.export.request`. Answers 202 `{id, status: "pending"}` with `Location`.
//!
//! Queueing as `reports-create` does it: the message is sent *before* the export item and its
//! audit record are committed (together), delayed so the commit lands first; a committed
//! export therefore always has its message, and a message whose commit failed finds no item
//! and is dropped on its last delivery by `company-export-build`.
//!
//! A company with an export still `pending` or `processing` ([`MAX_UNFINISHED_EXPORTS`]) is
//! answered 429 with `Retry-After` before anything is sent or stored.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::exports::{ExportMessage, MAX_UNFINISHED_EXPORTS, StoredExport};
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::contract::parse_reason;
use mypages::domain::lang::Lang;
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::{ApiError, Ctx, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| create(deps, req, ctx)).await
}

async fn create(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let lang = ctx.lang;
    let answer = idempotent::write(deps, &req, Permission::ExportCompany, async |write| {
        prepare(deps, &ctx, write).await
    })
    .await;
    match answer {
        Err(ApiError::TooManyRequests) => Ok(too_many_unfinished(lang)),
        answer => answer,
    }
}

/// How long a company with an export under way is told to wait: about an export's time.
pub const RETRY_AFTER_SECONDS: u32 = 120;

fn too_many_unfinished(lang: Lang) -> Response<Body> {
    let mut response = ApiError::TooManyRequests.into_response(lang);
    response.headers_mut().insert(
        "retry-after",
        lambda_http::http::HeaderValue::from(RETRY_AFTER_SECONDS),
    );
    response
}

async fn prepare(deps: &Deps, ctx: &Ctx, write: &Write) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let exports = deps
        .exports
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("EXPORTS_BUCKET is not configured".into()))?;
    let reason = parse_reason(body).map_err(ApiError::from_fields)?;
    if deps.store.unfinished_exports(&caller.company_id).await? >= MAX_UNFINISHED_EXPORTS {
        return Err(ApiError::TooManyRequests);
    }
    let id = uuid::Uuid::now_v7().to_string();
    let export = StoredExport::new(&id, &caller.user_id, &reason, Utc::now());
    exports
        .enqueue_export(&ExportMessage {
            company_id: caller.company_id.clone(),
            export_id: id.clone(),
        })
        .await
        .map_err(|e| ApiError::Dependency(e.to_string()))?;
    Ok(Mutation {
        data_ops: vec![deps.store.export_create_put(&caller.company_id, &export)?],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "company.export.request".to_owned(),
            target: format!("export/{id}"),
            reason: Some(reason),
            request_id: ctx.request_id.clone(),
            details: serde_json::Map::new(),
        },
        response: StoredResponse::json(202, &serde_json::json!({"id": id, "status": "pending"}))
            .with_header("location", format!("/v1/company/exports/{id}")),
        measured_with: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_under_way_is_a_429_with_retry_after() {
        let response = too_many_unfinished(Lang::En);
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(
            response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("120")
        );
    }
}
