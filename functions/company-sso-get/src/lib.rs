//! `GET /company/sso`: the company's single sign-on settings and the module's status, with an
//! ETag (`"0"` before anything was configured). Secrets are never returned: Cognito holds them.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::domain::role::Permission;
use mypages::http::input::etag;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| get(deps, req, ctx)).await
}

async fn get(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ManageUsers)?;
    let sso = deps.store.sso(&caller.company_id).await?;
    let mut response = json_response(StatusCode::OK, &sso.view(chrono::Utc::now()));
    if let Ok(value) = etag(sso.version).parse() {
        response.headers_mut().insert("etag", value);
    }
    Ok(response)
}
