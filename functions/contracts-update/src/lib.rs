//! `PATCH /contracts/{id}`: a change becomes a new immutable version effective from a date,
//! with a required reason. `If-Match` guards against lost updates.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::contracts::{ContractHead, ContractStatus, ContractVersion, Expect};
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::contract::{ContractChange, next_version};
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{if_match, path_id};
use mypages::http::views::{accountable_contract_document, contract_etag};
use mypages::http::{ApiError, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| update(deps, req, ctx)).await
}

async fn update(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    idempotent::write(deps, &req, Permission::WriteContracts, async |write| {
        prepare(deps, &req, &ctx, &id, write).await
    })
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
    let (head, mut versions) = deps
        .store
        .contract_with_versions(&caller.company_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // The tag first: a client holding the tag of an earlier representation (also the one
    // before an archive) must re-read before anything else is said about the contract.
    if tag != contract_etag(&head) {
        return Err(ApiError::PreconditionFailed);
    }
    if head.status == ContractStatus::Archived {
        return Err(ApiError::conflict(
            "problem-conflict-contract-archived-detail",
        ));
    }
    let expected = head.version;
    let number = next_version(expected).map_err(ApiError::from_fields)?;
    let change = ContractChange::parse(body, &head.terms, head.effective_from)
        .map_err(ApiError::from_fields)?;

    let now = timestamp(Utc::now());
    let version = ContractVersion {
        version: number,
        effective_from: change.effective_from,
        reason: Some(change.reason.clone()),
        created_at: now.clone(),
        created_by: caller.user_id.clone(),
        terms: change.terms.clone(),
    };
    let new_head = ContractHead {
        version: number,
        terms: change.terms,
        effective_from: change.effective_from,
        updated_at: now,
        updated_by: caller.user_id.clone(),
        ..head
    };
    versions.push(version.clone());
    let settings = caller.settings(deps).await?;
    let document = accountable_contract_document(&new_head, &versions, &settings)?;
    let mutation = Mutation {
        data_ops: vec![
            deps.store.contract_head_put(
                &caller.company_id,
                &new_head,
                Expect::Version(expected),
            )?,
            deps.store
                .contract_version_put(&caller.company_id, id, &version)?,
        ],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "contract.update".to_owned(),
            target: format!("contract/{id}"),
            reason: Some(change.reason),
            request_id: ctx.request_id.clone(),
            details: [
                ("version".to_owned(), json!(number)),
                ("effectiveFrom".to_owned(), json!(change.effective_from)),
                ("fields".to_owned(), json!(change.changed_fields)),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::json(200, &document)
            .with_header("etag", contract_etag(&new_head)),
        measured_with: Some(settings.version),
    };
    Ok(mutation)
}
