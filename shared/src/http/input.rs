//! Reading the parts of a request: JSON body, headers, path parameters.

use lambda_http::{Body, Request, RequestExt};
use serde_json::Value;

use super::problem::ApiError;
use crate::domain::claims::is_safe_id;
use crate::domain::validation::{FieldError, FieldErrorKind};

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

/// The longest `If-Match` accepted, as `infra/openapi.yaml` declares it.
pub const IF_MATCH_MAX: usize = 32;

/// The entity tag of `If-Match`, exactly as sent: 428 when absent or `*`, 400 when it is not
/// one well-formed entity tag (RFC 9110 §8.8.3: `"…"` or `W/"…"`, visible ASCII but `"`
/// inside) or is longer than [`IF_MATCH_MAX`]. The handler compares it with the resource's
/// current ETag; If-Match compares strongly, so a weak tag never matches (412).
pub fn if_match(req: &Request) -> Result<String, ApiError> {
    let value = match req.headers().get("if-match") {
        None => return Err(ApiError::PreconditionRequired),
        Some(value) => value.to_str().ok().map(str::trim),
    };
    match value {
        Some("") | Some("*") => Err(ApiError::PreconditionRequired),
        Some(tag) if tag.len() <= IF_MATCH_MAX && is_entity_tag(tag) => Ok(tag.to_owned()),
        _ => Err(ApiError::BadRequest(vec![FieldError {
            field: "If-Match".into(),
            kind: FieldErrorKind::InvalidEtag,
        }])),
    }
}

fn is_entity_tag(tag: &str) -> bool {
    let opaque = tag.strip_prefix("W/").unwrap_or(tag);
    opaque
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .is_some_and(|inner| inner.bytes().all(|b| b.is_ascii_graphic() && b != b'"'))
}

/// The longest `Idempotency-Key` accepted, as `infra/openapi.yaml` declares it.
pub const IDEMPOTENCY_KEY_MAX: usize = 200;

/// `Idempotency-Key`: up to [`IDEMPOTENCY_KEY_MAX`] visible ASCII characters. A key that is sent but is not
/// text (bytes beyond ASCII) is refused like any other bad key, never taken as no key: the
/// client expects the protection it asked for.
pub fn idempotency_key(req: &Request) -> Result<Option<String>, ApiError> {
    let sent = req.headers().get("idempotency-key").map(|v| v.to_str());
    match sent {
        None => Ok(None),
        Some(Ok(key))
            if !key.is_empty()
                && key.len() <= IDEMPOTENCY_KEY_MAX
                && key.bytes().all(|b| b.is_ascii_graphic()) =>
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with_if_match(value: &str) -> Result<String, ApiError> {
        let req = lambda_http::http::Request::builder()
            .header("if-match", value)
            .body(Body::Empty)
            .expect("request");
        if_match(&req)
    }

    fn with_idempotency_key(value: &[u8]) -> Result<Option<String>, ApiError> {
        let req = lambda_http::http::Request::builder()
            .header(
                "idempotency-key",
                lambda_http::http::HeaderValue::from_bytes(value).expect("header value"),
            )
            .body(Body::Empty)
            .expect("request");
        idempotency_key(&req)
    }

    #[test]
    fn an_idempotency_key_beyond_ascii_is_refused_not_ignored() {
        // Found by the property test of the fuzz target: such a key used to read as no key,
        // so a retried create could make a second contract.
        for key in ["café-1".as_bytes(), b"\xff1", b"a b", b""] {
            assert!(
                matches!(with_idempotency_key(key), Err(ApiError::BadParameter(_))),
                "{key:?}"
            );
        }
        assert_eq!(
            with_idempotency_key(b"b7b0f1d2-6c1e")
                .ok()
                .flatten()
                .as_deref(),
            Some("b7b0f1d2-6c1e")
        );
    }

    #[test]
    fn well_formed_entity_tags_are_returned_as_sent() {
        for tag in ["\"1\"", "W/\"1\"", " \"12\" ", "\"3-archived\"", "\"\""] {
            assert_eq!(
                with_if_match(tag).ok().as_deref(),
                Some(tag.trim()),
                "{tag}"
            );
        }
    }

    #[test]
    fn malformed_or_overlong_if_match_is_a_bad_request() {
        let long = format!("\"{}\"", "1".repeat(IF_MATCH_MAX - 1));
        for tag in [
            "1",
            "\"1",
            "1\"",
            "w/\"1\"",
            "\"1\", \"2\"",
            "\"a\"b\"",
            "\"1 2\"",
            long.as_str(),
        ] {
            assert!(
                matches!(with_if_match(tag), Err(ApiError::BadRequest(_))),
                "{tag}"
            );
        }
        assert!(matches!(
            with_if_match("*"),
            Err(ApiError::PreconditionRequired)
        ));
    }
}
