//! Reading the parts of a request: JSON body, headers, path parameters.

use lambda_http::{Body, Request, RequestExt};
use serde_json::Value;

use super::problem::ApiError;
use crate::domain::claims::is_safe_id;

/// Bodies above this are refused before parsing: no contract comes near it.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn body_bytes(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => &[],
    }
}

/// The body as a JSON value: 413 when too large, 400 when empty or malformed. The content type
/// is not policed: `curl -d` sends a form type with a JSON body, and the body is what counts.
pub fn json_body(req: &Request) -> Result<Value, ApiError> {
    let bytes = body_bytes(req);
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    serde_json::from_slice(bytes).map_err(|_| ApiError::MalformedJson)
}

pub fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The `{id}` path parameter. An id that could not be ours is simply not found.
pub fn path_id(req: &Request) -> Result<String, ApiError> {
    req.path_parameters_ref()
        .and_then(|p| p.first("id"))
        .filter(|id| is_safe_id(id))
        .map(str::to_owned)
        .ok_or(ApiError::NotFound)
}

/// The version named by `If-Match` (`"3"`, `W/"3"` or `3`): 428 when absent or `*`, 412 when it
/// cannot name any version.
pub fn if_match_version(req: &Request) -> Result<u32, ApiError> {
    let value = header(req, "if-match").map(str::trim);
    match value {
        None | Some("") | Some("*") => Err(ApiError::PreconditionRequired),
        Some(tag) => tag
            .trim_start_matches("W/")
            .trim_matches('"')
            .parse::<u32>()
            .map_err(|_| ApiError::PreconditionFailed),
    }
}

/// `Idempotency-Key`: up to 200 visible ASCII characters.
pub fn idempotency_key(req: &Request) -> Result<Option<String>, ApiError> {
    match header(req, "idempotency-key") {
        None => Ok(None),
        Some(key)
            if !key.is_empty() && key.len() <= 200 && key.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            Ok(Some(key.to_owned()))
        }
        Some(_) => Err(ApiError::BadParameter(
            "Idempotency-Key must be 1–200 visible ASCII characters".into(),
        )),
    }
}

pub fn etag(version: u32) -> String {
    format!("\"{version}\"")
}
