//! `GET /audit/verify`: recomputes the company's hash chains (data and security) from their
//! latest signed checkpoints and names the first bad record of each.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::audit::verify_from_checkpoint;
use mypages::domain::audit::{Chain, ChainReport};
use mypages::domain::role::Permission;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| verify(deps, req, ctx)).await
}

async fn verify(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadAudit)?;
    let audit_archive = deps
        .audit_archive
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("the audit archive is not configured".into()))?;
    let mut reports = Vec::new();
    for chain in Chain::ALL {
        let report =
            verify_from_checkpoint(&deps.store, audit_archive, &caller.company_id, chain).await?;
        if !report.valid {
            tracing::error!(
                chain = chain.as_str(),
                first_bad_seq = ?report.first_bad_seq,
                problem = ?report.problem,
                "audit chain verification failed"
            );
        }
        reports.push(report);
    }
    Ok(json_response(StatusCode::OK, &summary(&reports)))
}

/// The data chain's figures at the top (the shape API.md gives), `valid` for all chains, and
/// every chain's own report under `chains`; `firstBadSeq` only when there is one.
fn summary(reports: &[ChainReport]) -> serde_json::Value {
    let data = reports.iter().find(|r| r.chain == Chain::Data);
    let mut summary = json!({
        "valid": reports.iter().all(|r| r.valid),
        "records": data.map_or(0, |r| r.records),
        "headSeq": data.map_or(0, |r| r.head_seq),
        "headHash": data.map(|r| r.head_hash.clone()),
        "chains": reports,
    });
    if let Some(seq) = data.and_then(|r| r.first_bad_seq) {
        summary["firstBadSeq"] = json!(seq);
    }
    summary
}
