//! What the report routes and the report worker share: the reports bucket of the deps, the
//! API's view of a report, the requested report, and computing a report's file from the
//! stored request (load the rates it needs, build, render).

use lambda_http::Request;
use serde_json::{Value, json};

use super::Caller;
use super::input::path_id;
use super::problem::ApiError;
use crate::Deps;
use crate::aws::Store;
use crate::aws::rates::RatesTable;
use crate::aws::reports::{ReportBasis, Reports, StoredReport};
use crate::domain::rates::series::SeriesTable;
use crate::domain::report::render::render;
use crate::domain::report::{ContractInput, ReportError, build, rates_needed};
use crate::domain::report_request::ReportOrder;
use crate::domain::role::Permission;

/// How long a download URL is valid: the browser follows it at once.
pub const DOWNLOAD_VALID_FOR: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// The reports bucket and queue; a function deployed without `REPORTS_BUCKET` answers 503.
pub fn reports_bucket(deps: &Deps) -> Result<&Reports, ApiError> {
    deps.reports
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("REPORTS_BUCKET is not configured".into()))
}

/// The caller (who may use reports) and the report the path names; another company's id
/// and an unknown id are both 404.
/// The report is read with the company's settings in one call
/// ([`Caller::from_request_reading`]); an `audited` read (a download) reads the data chain's
/// head with them, and appends its record through the store returned.
pub async fn requested_report(
    deps: &Deps,
    req: &Request,
    audited: bool,
) -> Result<(Caller, StoredReport, Store), ApiError> {
    let id = path_id(req);
    let (caller, store) = Caller::from_request_reading(req, deps, |caller| {
        let item = id
            .as_ref()
            .ok()
            .map(|id| deps.store.report_key(&caller.company_id, id));
        caller.read_keys(&deps.store, item, audited)
    })
    .await?;
    caller.require(Permission::Reports)?;
    let id = id?;
    let report = store
        .stored_report(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((caller, report, store))
}

/// The API's report: `{id, status, request, createdAt, createdBy, failureReason?}` and, once
/// known, `finishedAt`, `fileName`, `contentType`, `size`, `contracts`.
pub fn report_view(report: &StoredReport) -> Value {
    let mut view = json!({
        "id": report.id,
        "status": report.status.as_str(),
        "request": report.order.to_json(),
        "createdAt": report.created_at,
        "createdBy": report.created_by,
        "updatedAt": report.updated_at,
    });
    if let Some(reason) = &report.failure_reason {
        view["failureReason"] = json!(reason);
    }
    if let Some(at) = &report.finished_at {
        view["finishedAt"] = json!(at);
    }
    if let Some(output) = &report.output {
        view["fileName"] = json!(output.file_name);
        view["contentType"] = json!(output.content_type);
        view["size"] = json!(output.size);
    }
    if let Some(count) = report.contracts {
        view["contracts"] = json!(count);
    }
    view
}

/// Why a report's file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
    /// The request cannot be reported as it stands (a missing rate, a contract the engine
    /// refuses): the same every time, so the report fails with this text.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The writer failed: as deterministic as the model it was given.
    #[error("{0}")]
    Render(String),
    /// A dependency failed: another attempt may succeed.
    #[error("{0}")]
    Dependency(String),
}

/// The contracts of `portfolio` the order names (all when it names none), in the order's
/// order; `Err` with the ids that name no contract of the company.
pub fn selected_contracts(
    portfolio: Vec<ContractInput>,
    order: &ReportOrder,
) -> Result<Vec<ContractInput>, Vec<String>> {
    let Some(ids) = &order.contract_ids else {
        return Ok(portfolio);
    };
    let mut by_id: std::collections::HashMap<String, ContractInput> =
        portfolio.into_iter().map(|c| (c.id.clone(), c)).collect();
    let mut chosen = Vec::with_capacity(ids.len());
    let mut unknown = Vec::new();
    for id in ids {
        match by_id.remove(id) {
            Some(contract) => chosen.push(contract),
            None => unknown.push(id.clone()),
        }
    }
    if unknown.is_empty() {
        Ok(chosen)
    } else {
        Err(unknown)
    }
}

/// The report's file: the rates it needs loaded from the rates table, the model built, the
/// file rendered in the ordered format and language.
pub async fn compute_report(
    rates: Option<&RatesTable>,
    order: &ReportOrder,
    basis: &ReportBasis,
    contracts: &[ContractInput],
) -> Result<Vec<u8>, ComputeError> {
    let request = order.report_request(basis.rate_convention, basis.accounts.clone());
    let (currencies, from, to) = rates_needed(&request, contracts);
    let table = if currencies.is_empty() {
        SeriesTable::default()
    } else {
        let rates = rates
            .ok_or_else(|| ComputeError::Dependency("RATES_TABLE is not configured".into()))?;
        let series: Vec<&str> = currencies.iter().map(String::as_str).collect();
        super::rates::days_in_range(rates, &series, from, to)
            .await
            .map_err(|e| ComputeError::Dependency(e.to_string()))?
            .table
    };
    let report = build(&request, contracts, &table)?;
    render(&report, order.format, order.language).map_err(|e| ComputeError::Render(e.to_string()))
}
