//! `POST /company/erasure`: an admin asks for the company's erasure, confirming with the
//! company's name. It is scheduled after the grace period (`ERASURE_GRACE_DAYS`): the
//! company's `ERASURE` item, the operators' ledger row and the audit record are one commit.
//! Every admin is told by mail afterwards; a failed mail is logged and not retried (the
//! erasure stands and shows in `GET /company/erasure`).

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::erasure::{ScheduledErasure, mail_admins};
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::erasure::{parse_request, scheduled_for, scheduled_mail};
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;
use std::sync::OnceLock;

/// Why a second request is refused.
pub const ALREADY_SCHEDULED: &str = "problem-conflict-erasure-scheduled-detail";

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| schedule(deps, req, ctx)).await
}

async fn schedule(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // What the mail names, as prepared: this request's own commit wrote the erasure, so it
    // is not read back.
    let prepared = OnceLock::new();
    let result = idempotent::write_reading(
        deps,
        &req,
        Permission::WriteSettings,
        |caller, _| deps.store.erasure_keys(&caller.company_id).into(),
        async |write| prepare(deps, &ctx, write, &prepared).await,
    )
    .await;
    // Only reached by a caller the write accepted (or one it refused for a race).
    let caller = || Caller::from_claims(&req, &deps.config);
    let response = match result {
        Ok(response) => response,
        // Two requests at once: the one that lost the race to the condition is told why.
        Err(ApiError::PreconditionFailed)
            if deps
                .store
                .scheduled_erasure(&caller()?.company_id)
                .await?
                .is_some() =>
        {
            return Err(ApiError::conflict(ALREADY_SCHEDULED));
        }
        Err(error) => return Err(error),
    };
    // A replay (same Idempotency-Key) mails nobody again.
    let caller = caller()?;
    if response.status() == 202
        && !idempotent::replayed(&response)
        && let Some((name, scheduled_for)) = prepared.get()
    {
        let (subject, text) = scheduled_mail(name, scheduled_for);
        mail_admins(deps, &caller.company_id, &subject, &text).await;
    }
    Ok(response)
}

/// Checks the request and prepares the commit; nothing is written here.
async fn prepare(
    deps: &Deps,
    ctx: &Ctx,
    write: &Write,
    prepared: &OnceLock<(String, String)>,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let name = write
        .store
        .company_name(&caller.company_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let request = parse_request(body, &name).map_err(ApiError::from_fields)?;
    if write
        .store
        .scheduled_erasure(&caller.company_id)
        .await?
        .is_some()
    {
        return Err(ApiError::conflict(ALREADY_SCHEDULED));
    }
    let now = chrono::Utc::now();
    let erasure = ScheduledErasure {
        scheduled_for: timestamp(scheduled_for(now, deps.config.erasure.grace_days)),
        requested_at: timestamp(now),
        requested_by: caller.user_id.clone(),
        reason: request.reason.clone(),
        version: 1,
    };
    let _ = prepared.set((name, erasure.scheduled_for.clone()));
    Ok(Mutation {
        data_ops: deps
            .store
            .erasure_schedule_ops(&caller.company_id, &erasure)?,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "company.erasure.schedule".to_owned(),
            target: format!("company/{}", caller.company_id),
            reason: Some(request.reason),
            request_id: ctx.request_id.clone(),
            details: [
                ("scheduledFor".to_owned(), json!(erasure.scheduled_for)),
                (
                    "graceDays".to_owned(),
                    json!(deps.config.erasure.grace_days),
                ),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::json(202, &json!({"scheduledFor": erasure.scheduled_for})),
        measured_with: None,
    })
}
