//! `?limit=` and `?cursor=` for lists. A cursor is DynamoDB's last evaluated key, encoded
//! opaquely; it is checked against the caller's partition so it can never lead elsewhere.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lambda_http::{Request, RequestExt};
use std::collections::BTreeMap;

use super::problem::ApiError;

pub const DEFAULT_LIMIT: i32 = 50;
pub const MAX_LIMIT: i32 = 200;

pub type CursorKey = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub limit: i32,
    pub cursor: Option<CursorKey>,
}

pub fn query(req: &Request, name: &str) -> Option<String> {
    req.query_string_parameters_ref()
        .and_then(|q| q.first(name))
        .map(str::to_owned)
}

/// The shape of a list's DynamoDB key: which attributes a cursor must have, and the value
/// each partition attribute must have for the caller.
pub struct CursorShape<'a> {
    pub partitions: &'a [(&'a str, &'a str)],
    pub sorts: &'a [&'a str],
}

impl Page {
    pub fn from_request(req: &Request, shape: &CursorShape<'_>) -> Result<Page, ApiError> {
        let limit = match query(req, "limit") {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<i32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(ApiError::BadParameter(format!(
                        "limit must be a whole number from 1 to {MAX_LIMIT}"
                    )));
                }
            },
        };
        let cursor = query(req, "cursor")
            .map(|c| decode_cursor(&c, shape))
            .transpose()?;
        Ok(Page { limit, cursor })
    }
}

pub fn encode_cursor(key: &CursorKey) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// Accepts only a key of exactly the list's shape, in the caller's own partitions, so a
/// forged cursor can neither reach another tenant nor make DynamoDB fail.
fn decode_cursor(text: &str, shape: &CursorShape<'_>) -> Result<CursorKey, ApiError> {
    let invalid = || ApiError::BadParameter("cursor is not valid".into());
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let key: CursorKey = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    let expected: Vec<&str> = shape
        .partitions
        .iter()
        .map(|(name, _)| *name)
        .chain(shape.sorts.iter().copied())
        .collect();
    let same_names = key.len() == expected.len() && expected.iter().all(|n| key.contains_key(*n));
    let own_partitions = shape
        .partitions
        .iter()
        .all(|(name, value)| key.get(*name).map(String::as_str) == Some(*value));
    let sorts_present = shape
        .sorts
        .iter()
        .all(|name| key.get(*name).is_some_and(|v| !v.is_empty()));
    if same_names && own_partitions && sorts_present {
        Ok(key)
    } else {
        Err(invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUDIT: CursorShape<'static> = CursorShape {
        partitions: &[("pk", "C#a")],
        sorts: &["sk"],
    };

    fn key(pairs: &[(&str, &str)]) -> CursorKey {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_cursor_round_trips() {
        let k = key(&[("pk", "C#a"), ("sk", "000000000001")]);
        assert_eq!(decode_cursor(&encode_cursor(&k), &AUDIT).ok(), Some(k));
    }

    #[test]
    fn cursors_of_another_partition_or_shape_are_refused() {
        for bad in [
            key(&[("pk", "C#b"), ("sk", "1")]),
            key(&[("pk", "C#ab"), ("sk", "1")]),
            key(&[("pk", "C#a#CONTRACTS"), ("sk", "1")]),
            key(&[("sk", "1")]),
            key(&[("pk", "C#a")]),
            key(&[("pk", "C#a"), ("sk", "1"), ("gsi1pk", "C#a")]),
        ] {
            assert!(
                decode_cursor(&encode_cursor(&bad), &AUDIT).is_err(),
                "{bad:?}"
            );
        }
        assert!(decode_cursor("not base64!", &AUDIT).is_err());
    }
}
