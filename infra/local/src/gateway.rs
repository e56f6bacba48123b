//! The local REST gateway: route matching from template.yaml, the Cognito authorizer, the
//! v1 proxy event, and the in-process call of the function's handler.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use lambda_http::request::LambdaRequest;
use mypages::Deps;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::jwt::{Verifier, claims_as_strings};
use crate::template::Route;
use crate::{aws_calls, dispatch};

/// API Gateway's own payload limit.
const MAX_PAYLOAD: usize = 10 * 1024 * 1024;
pub const STAGE: &str = "v1";

pub struct Gateway {
    pub routes: Vec<Route>,
    pub deps: Deps,
    pub verifier: Verifier,
    pub scheduler: crate::schedules::Scheduler,
}

pub(crate) fn problem(status: StatusCode, title: &str, detail: &str) -> Response<Full<Bytes>> {
    let body =
        json!({"type": "about:blank", "title": title, "status": status.as_u16(), "detail": detail});
    Response::builder()
        .status(status)
        .header("content-type", "application/problem+json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

/// Matches `/contracts/abc` against `/contracts/{id}`, returning the path parameters. A
/// greedy last placeholder (`/app/{proxy+}`) takes one or more segments, as API Gateway's
/// does, under its name without the `+`.
pub fn match_path(pattern: &str, path: &str) -> Option<BTreeMap<String, String>> {
    let pattern_parts: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let path_parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let greedy = pattern_parts
        .last()
        .and_then(|p| p.strip_prefix('{'))
        .and_then(|p| p.strip_suffix("+}"));
    let fixed = pattern_parts.len() - usize::from(greedy.is_some());
    let lengths_fit = match greedy {
        Some(_) => path_parts.len() > fixed,
        None => path_parts.len() == fixed,
    };
    if !lengths_fit {
        return None;
    }
    let mut params = BTreeMap::new();
    for (p, actual) in pattern_parts[..fixed].iter().zip(&path_parts) {
        if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            if actual.is_empty() {
                return None;
            }
            params.insert(name.to_owned(), percent_decode(actual));
        } else if p != actual {
            return None;
        }
    }
    if let Some(name) = greedy {
        let rest: Vec<String> = path_parts[fixed..]
            .iter()
            .map(|s| percent_decode(s))
            .collect();
        let rest = rest.join("/");
        if rest.is_empty() {
            return None;
        }
        params.insert(name.to_owned(), rest);
    }
    Some(params)
}

/// Decodes `%XX` escapes (and `+` as a space) byte by byte; a malformed escape stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn query_maps(query: Option<&str>) -> (Value, Value) {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return (Value::Null, Value::Null);
    };
    let mut single = Map::new();
    let mut multi: Map<String, Value> = Map::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (k, v) = (percent_decode(k), percent_decode(v));
        single.insert(k.clone(), Value::String(v.clone()));
        if let Some(Value::Array(values)) = multi.get_mut(&k) {
            values.push(Value::String(v));
        } else {
            multi.insert(k, json!([v]));
        }
    }
    (Value::Object(single), Value::Object(multi))
}

impl Gateway {
    pub async fn handle(self: Arc<Self>, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let (parts, body) = req.into_parts();
        let body = match Limited::new(body, MAX_PAYLOAD).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return problem(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Request too large",
                    "API Gateway accepts at most 10 MB",
                );
            }
        };
        let full_path = parts.uri.path();
        if let Some(function) = full_path.strip_prefix(crate::schedules::PREFIX) {
            if parts.method != hyper::Method::POST {
                return problem(
                    StatusCode::METHOD_NOT_ALLOWED,
                    "Method not allowed",
                    "fire a schedule with POST",
                );
            }
            return self
                .scheduler
                .fire(function, parts.uri.query(), &body)
                .await;
        }
        let Some(path) = full_path
            .strip_prefix(&format!("/{STAGE}"))
            .filter(|p| p.starts_with('/'))
        else {
            return problem(StatusCode::NOT_FOUND, "Not found", "no such route");
        };
        let method = parts.method.as_str().to_ascii_uppercase();
        // As in API Gateway, a route without a greedy placeholder wins over one with it.
        let matched = self
            .routes
            .iter()
            .filter_map(|route| {
                (route.method == method)
                    .then(|| match_path(&route.path, path))
                    .flatten()
                    .map(|params| (route, params))
            })
            .min_by_key(|(route, _)| route.path.contains("+}"));
        let Some((route, params)) = matched else {
            return problem(StatusCode::NOT_FOUND, "Not found", "no such route");
        };

        let mut authorizer = Value::Null;
        if route.authorized {
            let header = parts
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok());
            let claims = match header {
                None => Err(crate::jwt::Rejected("no token".into())),
                Some(h) => self.verifier.verify(h).await,
            };
            match claims {
                Ok(claims) => authorizer = json!({"claims": claims_as_strings(&claims)}),
                Err(reason) => {
                    tracing::info!(route = %route.path, %reason, "authorizer refused");
                    return problem(
                        StatusCode::UNAUTHORIZED,
                        "Unauthorized",
                        "a valid ID token is required",
                    );
                }
            }
        }

        let mut headers = Map::new();
        let mut multi_headers: Map<String, Value> = Map::new();
        for (name, value) in &parts.headers {
            let value = value.to_str().unwrap_or_default().to_owned();
            headers.insert(name.as_str().to_owned(), Value::String(value.clone()));
            if let Some(Value::Array(values)) = multi_headers.get_mut(name.as_str()) {
                values.push(Value::String(value));
            } else {
                multi_headers.insert(name.as_str().to_owned(), json!([value]));
            }
        }
        let (query, multi_query) = query_maps(parts.uri.query());
        let text_body = match std::str::from_utf8(&body) {
            _ if body.is_empty() => None,
            Ok(text) => Some((text.to_owned(), false)),
            Err(_) => Some((STANDARD.encode(&body), true)),
        };
        let request_id = uuid::Uuid::now_v7().to_string();
        let event = json!({
            "resource": route.path,
            "path": path,
            "httpMethod": method,
            "headers": headers,
            "multiValueHeaders": multi_headers,
            "queryStringParameters": query,
            "multiValueQueryStringParameters": multi_query,
            "pathParameters": if params.is_empty() { Value::Null } else { json!(params) },
            "stageVariables": null,
            "requestContext": {
                "accountId": "000000000000",
                "apiId": "local",
                "resourceId": "local",
                "stage": STAGE,
                "requestId": request_id,
                "extendedRequestId": request_id,
                "resourcePath": route.path,
                "httpMethod": method,
                "path": full_path,
                "protocol": "HTTP/1.1",
                "requestTimeEpoch": chrono::Utc::now().timestamp_millis(),
                "identity": {"sourceIp": "127.0.0.1"},
                "authorizer": authorizer,
            },
            "body": text_body.as_ref().map(|(t, _)| t.clone()),
            "isBase64Encoded": text_body.as_ref().is_some_and(|(_, b)| *b),
        });
        let lambda_request: LambdaRequest = match serde_json::from_value(event) {
            Ok(r) => r,
            Err(e) => {
                return problem(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Gateway error",
                    &e.to_string(),
                );
            }
        };
        let request: lambda_http::Request = lambda_request.into();
        let (outcome, calls) =
            aws_calls::attributed(dispatch::invoke(&route.function, &self.deps, request)).await;
        let mut response = match outcome {
            None => problem(
                StatusCode::NOT_IMPLEMENTED,
                "Not implemented",
                &format!("the local stack has no handler for {}", route.function),
            ),
            // Like Lambda's runtime: an Err from the handler is a 502 from the gateway.
            Some(Err(error)) => {
                tracing::error!(function = %route.function, %error, "handler failed");
                problem(
                    StatusCode::BAD_GATEWAY,
                    "Bad gateway",
                    "the function failed",
                )
            }
            Some(Ok(response)) => to_hyper(response),
        };
        with_aws_calls(&mut response, &calls);
        response
    }
}

/// The AWS calls the handler made, for the round-trip tests (local stack only: API Gateway
/// knows nothing of them). Undocumented in openapi.yaml, which holds for the deployed API;
/// schemathesis checks only the headers a response documents.
fn with_aws_calls(response: &mut Response<Full<Bytes>>, calls: &[aws_calls::AwsCall]) {
    for (name, value) in [
        (aws_calls::COUNTS_HEADER, aws_calls::counts_header(calls)),
        (aws_calls::LOG_HEADER, aws_calls::log_header(calls)),
    ] {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
}

fn to_hyper(response: lambda_http::Response<lambda_http::Body>) -> Response<Full<Bytes>> {
    let (parts, body) = response.into_parts();
    let bytes = match body {
        lambda_http::Body::Empty => Bytes::new(),
        lambda_http::Body::Text(text) => Bytes::from(text),
        lambda_http::Body::Binary(bytes) => Bytes::from(bytes),
        _ => Bytes::new(),
    };
    Response::from_parts(parts, Full::new(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_with_parameters() {
        let params = match_path("/contracts/{id}", "/contracts/abc").expect("matches");
        assert_eq!(params.get("id").map(String::as_str), Some("abc"));
        assert!(match_path("/contracts/{id}", "/contracts").is_none());
        assert!(match_path("/contracts/{id}/schedule", "/contracts/a/versions").is_none());
    }

    #[test]
    fn a_greedy_placeholder_takes_one_or_more_segments() {
        let params = match_path("/app/{proxy+}", "/app/contracts/a%20b/schedule").expect("matches");
        assert_eq!(
            params.get("proxy").map(String::as_str),
            Some("contracts/a b/schedule")
        );
        let params = match_path("/app/{proxy+}", "/app/config.json").expect("matches");
        assert_eq!(params.get("proxy").map(String::as_str), Some("config.json"));
        assert!(match_path("/app/{proxy+}", "/app").is_none());
        assert!(match_path("/app/{proxy+}", "/app/").is_none());
        assert!(match_path("/app/{proxy+}", "/health/x").is_none());
        assert!(match_path("/app", "/app/").is_some());
    }

    #[test]
    fn malformed_escapes_and_multibyte_text_do_not_panic() {
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("%+1x"), "% 1x");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%"), "%");
    }

    #[test]
    fn query_strings_are_decoded_into_single_and_multi_maps() {
        let (single, multi) = query_maps(Some("status=active&a=1&a=2&q=x%20y"));
        assert_eq!(single["status"], "active");
        assert_eq!(single["q"], "x y");
        assert_eq!(multi["a"], json!(["1", "2"]));
    }
}
