//! `GET /rates/fx/average?base=&quote=&from=&to=`: the mean of the daily cross rates published
//! in `from..=to` (both inclusive; default the 30 days before `to`, which defaults to today),
//! each day's rate computed and rounded as `GET /rates/fx` answers it. Any role. 404 when no
//! day in the range has both currencies.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::rates::fx::{self, EUR, FxError};
use mypages::domain::role::Permission;
use mypages::http::rates::{days_in_range, no_rate, query_currency, query_range, rates_table};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadRates)?;
    let base = query_currency(&req, "base")?;
    let quote = query_currency(&req, "quote")?;
    let (from, to) = query_range(&req)?;
    let rates = rates_table(deps)?;
    let mut legs: Vec<&str> = vec![base.as_str(), quote.as_str()];
    // The same currency twice is 1 without a lookup.
    legs.retain(|code| *code != EUR && base != quote);
    let loaded = days_in_range(rates, &legs, from, to).await?;
    match fx::average(&loaded.table, base.as_str(), quote.as_str(), from, to) {
        Ok(answer) => {
            let body = serde_json::to_value(&answer)
                .map_err(|e| ApiError::Dependency(format!("cannot serialise the rate: {e}")))?;
            Ok(json_response(StatusCode::OK, &body))
        }
        Err(FxError::NoRateInRange { .. }) => Ok(no_rate(
            ctx.lang,
            "problem-no-fx-rate-in-range-detail",
            &[
                ("base", base.as_str()),
                ("quote", quote.as_str()),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ],
        )),
        Err(other) => Err(ApiError::Dependency(other.to_string())),
    }
}
