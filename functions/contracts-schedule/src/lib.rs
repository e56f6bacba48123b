//! `GET /contracts/{id}/schedule?format=json|csv`: the period rows of the contract's whole
//! timeline, across all versions, under the company's framework and rate convention.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::input::path_id;
use mypages::http::paging::query;
use mypages::http::views::{schedule_csv, schedule_json, schedule_of};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| schedule(deps, req, ctx)).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

async fn schedule(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadContracts)?;
    let id = path_id(&req)?;
    let format = match query(&req, "format").as_deref() {
        None | Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some(_) => return Err(ApiError::BadParameter("format must be json or csv".into())),
    };
    let (head, versions) = deps
        .store
        .contract_with_versions(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let settings = caller.settings(deps).await?;
    let schedule = schedule_of(&versions, &settings)?;
    Ok(match format {
        Format::Json => json_response(
            StatusCode::OK,
            &schedule_json(&id, head.terms.currency.as_str(), &settings, &schedule),
        ),
        Format::Csv => Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "text/csv; charset=utf-8")
            .header(
                "content-disposition",
                format!("attachment; filename=\"schedule-{id}.csv\""),
            )
            .body(Body::Text(schedule_csv(&schedule)))
            .map_err(|e| ApiError::Dependency(e.to_string()))?,
    })
}
