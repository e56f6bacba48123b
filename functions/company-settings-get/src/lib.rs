//! `GET /company/settings`: the company's name and accounting settings, with an ETag.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::input::etag;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadSettings)?;
    let settings = caller.settings(deps).await?;
    let mut response = json_response(StatusCode::OK, &json!(settings));
    if let Ok(value) = etag(settings.version).parse() {
        response.headers_mut().insert("etag", value);
    }
    Ok(response)
}
