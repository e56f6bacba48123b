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

impl Page {
    pub fn from_request(req: &Request, partition: &str) -> Result<Page, ApiError> {
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
            .map(|c| decode_cursor(&c, partition))
            .transpose()?;
        Ok(Page { limit, cursor })
    }
}

pub fn encode_cursor(key: &CursorKey) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

fn decode_cursor(text: &str, partition: &str) -> Result<CursorKey, ApiError> {
    let invalid = || ApiError::BadParameter("cursor is not valid".into());
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let key: CursorKey = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    let own_partition = key
        .iter()
        .filter(|(name, _)| name.ends_with("pk"))
        .all(|(_, value)| value == partition || value.starts_with(&format!("{partition}#")));
    if key.is_empty() || !own_partition {
        return Err(invalid());
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() {
        let key: CursorKey = [
            ("pk".to_owned(), "C#a".to_owned()),
            ("sk".to_owned(), "X".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(decode_cursor(&encode_cursor(&key), "C#a").ok(), Some(key));
    }

    #[test]
    fn a_cursor_from_another_partition_is_refused() {
        let key: CursorKey = [("pk".to_owned(), "C#b".to_owned())].into_iter().collect();
        assert!(decode_cursor(&encode_cursor(&key), "C#a").is_err());
        assert!(decode_cursor("not base64!", "C#a").is_err());
        let longer: CursorKey = [("pk".to_owned(), "C#ab".to_owned())].into_iter().collect();
        assert!(decode_cursor(&encode_cursor(&longer), "C#a").is_err());
    }
}
