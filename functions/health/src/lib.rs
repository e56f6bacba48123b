//! `GET /health`: no auth, no dependencies; answers while the function can run at all.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::http::{json_response, respond};
use serde_json::json;

pub async fn handler(_deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |_req, _ctx| async {
        Ok(json_response(StatusCode::OK, &json!({"status": "ok"})))
    })
    .await
}
