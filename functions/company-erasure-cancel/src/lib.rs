//! `DELETE /company/erasure`, with `{reason}` or no body: an admin cancels the scheduled erasure while it
//! has not started (409 once it has). The company's item and the ledger row go in the commit
//! of the audit record `company.erasure.cancel`; then every admin is told by mail (a failed
//! mail is logged, not retried: nothing was deleted, and the app shows no erasure).

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::erasure::mail_admins;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::erasure::{LedgerState, cancelled_mail, parse_cancellation};
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;
use std::sync::OnceLock;

/// Why a started erasure cannot be cancelled.
pub const ALREADY_STARTED: &str = "problem-conflict-erasure-started-detail";

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    // API.md's cancel has no body: an absent one is an empty object (no reason given).
    let event = if mypages::http::input::body_bytes(&event).is_empty() {
        event.map(|_| Body::Text("{}".to_owned()))
    } else {
        event
    };
    respond(event, |req, ctx| cancel(deps, req, ctx)).await
}

async fn cancel(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // The company's name as read ahead for the change: the mail names it without reading it
    // again.
    let name = OnceLock::new();
    let result = idempotent::write_reading(
        deps,
        &req,
        Permission::WriteSettings,
        |caller, _| deps.store.erasure_keys(&caller.company_id).into(),
        async |write| prepare(deps, &ctx, write, &name).await,
    )
    .await;
    // Only reached by a caller the write accepted (or one it refused for a race).
    let caller = || Caller::from_claims(&req, &deps.config);
    let response = match result {
        Ok(response) => response,
        // The run started (or another admin cancelled) between the read and the commit.
        Err(ApiError::PreconditionFailed) => {
            return Err(
                match deps.store.erasure_ledger_row(&caller()?.company_id).await? {
                    Some(_) => ApiError::conflict(ALREADY_STARTED),
                    None => ApiError::NotFound,
                },
            );
        }
        Err(error) => return Err(error),
    };
    let caller = caller()?;
    if response.status() == 204 && !idempotent::replayed(&response) {
        let name = name.get().cloned().unwrap_or_default();
        let (subject, text) = cancelled_mail(&name);
        mail_admins(deps, &caller.company_id, &subject, &text).await;
    }
    Ok(response)
}

async fn prepare(
    deps: &Deps,
    ctx: &Ctx,
    write: &Write,
    name: &OnceLock<String>,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let reason = parse_cancellation(body).map_err(ApiError::from_fields)?;
    let erasure = write
        .store
        .scheduled_erasure(&caller.company_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    match write.store.erasure_ledger_row(&caller.company_id).await? {
        Some(row) if row.state == LedgerState::Scheduled => {}
        Some(_) => return Err(ApiError::conflict(ALREADY_STARTED)),
        None => return Err(ApiError::NotFound),
    }
    let _ = name.set(
        write
            .store
            .company_name(&caller.company_id)
            .await?
            .unwrap_or_default(),
    );
    Ok(Mutation {
        data_ops: deps.store.erasure_cancel_ops(&caller.company_id)?,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "company.erasure.cancel".to_owned(),
            target: format!("company/{}", caller.company_id),
            reason,
            request_id: ctx.request_id.clone(),
            details: [("scheduledFor".to_owned(), json!(erasure.scheduled_for))]
                .into_iter()
                .collect(),
        },
        response: StoredResponse::empty(204),
        measured_with: None,
    })
}
