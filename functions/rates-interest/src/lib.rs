//! `GET /rates/interest?series=&from=&to=`: a Riksbank series' stored days in a range, oldest
//! first, each the preferred source's latest revision (`revision` 0 = the first value on
//! record). Any role; rates are public market data, the same for every company.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::rates::{days_in_range, query_range, query_series, rates_table};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadRates)?;
    let series = query_series(&req)?;
    let (from, to) = query_range(&req)?;
    let rates = rates_table(deps)?;
    let loaded = days_in_range(rates, &[series], from, to).await?;
    // The map is ordered by (series, date): one series, oldest first.
    let items: Vec<Value> = loaded
        .stored
        .values()
        .map(|day| {
            json!({
                "date": day.observation.date,
                "value": day.observation.value,
                "source": day.observation.source,
                "revision": day.revision,
            })
        })
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"series": series, "from": from, "to": to, "items": items}),
    ))
}
