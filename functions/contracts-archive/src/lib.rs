//! `DELETE /contracts/{id}`: archives (never erases) a contract, with a required reason.
//! The version history stays; an archived contract takes no further changes.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::contracts::{ContractHead, ContractStatus, Expect};
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::contract::parse_reason;
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{if_match, path_id};
use mypages::http::views::contract_etag;
use mypages::http::{ApiError, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| archive(deps, req, ctx)).await
}

async fn archive(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    idempotent::write_reading(
        deps,
        &req,
        Permission::WriteContracts,
        |caller, _| vec![deps.store.contract_head_key(&caller.company_id, &id)],
        async |write| prepare(deps, &req, &ctx, &id, write).await,
    )
    .await
}

/// Everything the change needs, checked, as one mutation: nothing is written here.
async fn prepare(
    deps: &Deps,
    req: &Request,
    ctx: &Ctx,
    id: &str,
    write: &Write,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let tag = if_match(req)?;
    let head = write
        .store
        .contract_head(&caller.company_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if tag != contract_etag(&head) {
        return Err(ApiError::PreconditionFailed);
    }
    if head.status == ContractStatus::Archived {
        return Err(ApiError::conflict(
            "problem-conflict-contract-already-archived-detail",
        ));
    }
    let expected = head.version;
    let reason = parse_reason(body).map_err(ApiError::from_fields)?;

    // Archiving changes the status, not the terms: no new version, and the optimistic
    // lock on the version plus "still active" makes the archive happen exactly once.
    let archived = ContractHead {
        status: ContractStatus::Archived,
        updated_at: timestamp(Utc::now()),
        updated_by: caller.user_id.clone(),
        ..head
    };
    let mutation = Mutation {
        data_ops: vec![deps.store.contract_head_put(
            &caller.company_id,
            &archived,
            Expect::Version(expected),
        )?],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "contract.archive".to_owned(),
            target: format!("contract/{id}"),
            reason: Some(reason),
            request_id: ctx.request_id.clone(),
            details: [("version".to_owned(), json!(archived.version))]
                .into_iter()
                .collect(),
        },
        response: StoredResponse::empty(204).with_header("etag", contract_etag(&archived)),
        measured_with: None,
    };
    Ok(mutation)
}
