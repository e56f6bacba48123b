//! `GET /contracts/{id}/ibr-suggestion`: the government yield for the contract's lease term
//! (its current version's commencement and end dates) on the latest day on or before
//! commencement, interpolated between the 2-, 5- and 10-year points, plus the company's
//! `creditSpread`, with every input shown. A suggestion: it changes nothing, and applying it
//! is a `PATCH` the user makes. Another company's id is simply not found, as on
//! `GET /contracts/{id}`; a contract commencing before the first stored yield is a 404 that
//! says so.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::rates::ibr::{self, IbrError};
use mypages::domain::role::Permission;
use mypages::http::input::path_id;
use mypages::http::rates::{latest_days, no_rate, rates_table};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // The contract's head is read with the company's settings (its credit spread), in one
    // call.
    let id = path_id(&req);
    let (caller, store) = Caller::from_request_reading(&req, deps, |caller| {
        id.as_ref()
            .map(|id| deps.store.contract_head_key(&caller.company_id, id))
            .into_iter()
            .collect()
    })
    .await?;
    caller.require(Permission::ReadContracts)?;
    let id = id?;
    let head = store
        .contract_head(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let rates = rates_table(deps)?;
    let settings = caller.settings(deps).await?;
    let (commencement, end) = (head.terms.commencement_date, head.terms.end_date);
    // A stored contract's term is valid (its end is not before its commencement), so a
    // failure here is a broken record, not the client's mistake.
    let tenor = ibr::tenor_years(commencement, end)
        .map_err(|e| ApiError::Dependency(format!("contract {id}: {e}")))?;
    let series = ibr::series_for(tenor);
    let loaded = latest_days(rates, &series, commencement).await?;
    match ibr::suggest(&loaded.table, tenor, commencement, settings.credit_spread) {
        Ok(suggestion) => {
            let body = serde_json::to_value(&suggestion).map_err(|e| {
                ApiError::Dependency(format!("cannot serialise the suggestion: {e}"))
            })?;
            Ok(json_response(StatusCode::OK, &body))
        }
        Err(IbrError::NoYield { series, date }) => Ok(no_rate(
            ctx.lang,
            "problem-no-government-yield-detail",
            &[("series", &series.join(", ")), ("date", &date.to_string())],
        )),
        Err(other) => Err(ApiError::Dependency(format!("contract {id}: {other}"))),
    }
}
