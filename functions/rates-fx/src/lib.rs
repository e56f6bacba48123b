//! `GET /rates/fx?base=&quote=&date=`: units of `quote` for one `base` on `rateDate`, the
//! latest day on or before `date` (default today, UTC) on which the ECB (or, where it has
//! none, Fixer) published both, crossed through the euro. Any role. 404 when no such day is
//! stored.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::rates::fx::{self, EUR, FxError};
use mypages::domain::role::Permission;
use mypages::http::rates::{latest_days, no_rate, query_currency, query_date, rates_table, today};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadRates)?;
    let base = query_currency(&req, "base")?;
    let quote = query_currency(&req, "quote")?;
    let date = query_date(&req, "date")?.unwrap_or_else(today);
    let rates = rates_table(deps)?;
    let mut legs: Vec<&str> = vec![base.as_str(), quote.as_str()];
    // The same currency twice is 1 without a lookup.
    legs.retain(|code| *code != EUR && base != quote);
    let loaded = if legs.is_empty() {
        Default::default()
    } else {
        latest_days(rates, &legs, date).await?
    };
    let answer = match fx::rate_on(&loaded.table, base.as_str(), quote.as_str(), date) {
        Ok(answer) => answer,
        Err(FxError::NoRate { .. }) => {
            return Ok(no_rate(
                ctx.lang,
                "problem-no-fx-rate-detail",
                &[
                    ("base", base.as_str()),
                    ("quote", quote.as_str()),
                    ("date", &date.to_string()),
                ],
            ));
        }
        Err(other) => return Err(ApiError::Dependency(other.to_string())),
    };
    let mut body = serde_json::to_value(&answer)
        .map_err(|e| ApiError::Dependency(format!("cannot serialise the rate: {e}")))?;
    // Which revision of each euro rate was used; the answer's is the latest of its legs.
    let mut revision = 0;
    if let Some(items) = body["legs"].as_array_mut() {
        for leg in items {
            let currency = leg["currency"].as_str().unwrap_or_default().to_owned();
            let leg_revision = loaded.revision(&currency, answer.rate_date);
            revision = revision.max(leg_revision);
            leg["revision"] = json!(leg_revision);
        }
    }
    body["revision"] = json!(revision);
    Ok(json_response(StatusCode::OK, &body))
}
