//! `POST /contracts`: registers a lease contract as version 1, atomically with its audit
//! record; honours `Idempotency-Key`.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::contracts::{ContractHead, ContractStatus, ContractVersion, Expect};
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::contract::ContractTerms;
use mypages::domain::role::Permission;
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::views::{accountable_contract_document, contract_etag};
use mypages::http::{ApiError, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| create(deps, req, ctx)).await
}

async fn create(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    idempotent::write(deps, &req, Permission::WriteContracts, async |write| {
        prepare(deps, &ctx, write).await
    })
    .await
}

/// Everything the change needs, checked, as one mutation: nothing is written here.
async fn prepare(deps: &Deps, ctx: &Ctx, write: &Write) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let terms = ContractTerms::parse(body).map_err(ApiError::from_fields)?;

    let id = uuid::Uuid::now_v7().to_string();
    let now = timestamp(Utc::now());
    let version = ContractVersion {
        version: 1,
        effective_from: terms.commencement_date,
        reason: None,
        created_at: now.clone(),
        created_by: caller.user_id.clone(),
        terms: terms.clone(),
    };
    let head = ContractHead {
        id: id.clone(),
        version: 1,
        status: ContractStatus::Active,
        effective_from: terms.commencement_date,
        initial_terms: terms.clone(),
        terms,
        created_at: now.clone(),
        created_by: caller.user_id.clone(),
        updated_at: now,
        updated_by: caller.user_id.clone(),
    };
    let settings = caller.settings(deps).await?;
    let document = accountable_contract_document(&head, std::slice::from_ref(&version), &settings)?;
    let mutation = Mutation {
        data_ops: vec![
            deps.store
                .contract_head_put(&caller.company_id, &head, Expect::New)?,
            deps.store
                .contract_version_put(&caller.company_id, &id, &version)?,
        ],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "contract.create".to_owned(),
            target: format!("contract/{id}"),
            reason: None,
            request_id: ctx.request_id.clone(),
            details: [("version".to_owned(), json!(1))].into_iter().collect(),
        },
        response: StoredResponse::json(201, &document)
            .with_header("location", format!("/v1/contracts/{id}"))
            .with_header("etag", contract_etag(&head)),
        measured_with: Some(settings.version),
    };
    Ok(mutation)
}
