//! The frame around every HTTP handler: language, request id, a tracing span, and the single
//! place where an [`ApiError`] becomes a problem+json response.

use lambda_http::request::RequestContext;
use lambda_http::{Body, Error, Request, RequestExt, Response, http::StatusCode};
use serde_json::Value;
use std::future::Future;
use tracing::Instrument;

use super::input::header;
use super::problem::ApiError;
use crate::domain::lang::Lang;

/// What a handler knows about the request before it reads it.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub request_id: String,
}

pub async fn respond<F, Fut>(req: Request, handle: F) -> Result<Response<Body>, Error>
where
    F: FnOnce(Request, Ctx) -> Fut,
    Fut: Future<Output = Result<Response<Body>, ApiError>>,
{
    let ctx = Ctx {
        lang: Lang::from_accept_language(header(&req, "accept-language")),
        request_id: request_id(&req),
    };
    let span = tracing::info_span!(
        "request",
        request_id = %ctx.request_id,
        company_id = tracing::field::Empty,
        user_id = tracing::field::Empty,
    );
    let lang = ctx.lang;
    async move {
        let response = match handle(req, ctx).await {
            Ok(response) => response,
            Err(error) => {
                if error.status().is_server_error() {
                    tracing::error!(error = %error, "request failed");
                } else {
                    tracing::info!(status = error.status().as_u16(), kind = %error, "request refused");
                }
                error.into_response(lang)
            }
        };
        tracing::info!(status = response.status().as_u16(), "request handled");
        Ok(response)
    }
    .instrument(span)
    .await
}

/// API Gateway's request id, so logs, audit records and the gateway's access log agree.
fn request_id(req: &Request) -> String {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(ctx)) => ctx.request_id.clone(),
        _ => None,
    }
    .or_else(|| req.lambda_context_ref().map(|c| c.request_id.clone()))
    .unwrap_or_else(|| uuid::Uuid::now_v7().to_string())
}

pub fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::Text(body.to_string()))
        .unwrap_or_else(|_| Response::new(Body::Empty))
}
