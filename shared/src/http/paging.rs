//! `?limit=` and `?cursor=` for lists. A cursor is DynamoDB's last evaluated key, encoded
//! opaquely; before it reaches storage it must be a key the very same query could have
//! returned (the caller's partition, the route, the filters), so a forged or stale cursor is a
//! 400 and never a storage error or a look into another tenant.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lambda_http::{Request, RequestExt};

use super::problem::ApiError;
use crate::aws::keys::{audit_sk, chain_pk};
use crate::aws::page::{KeyMap, PageRequest};
use crate::domain::audit::Chain;

pub const DEFAULT_LIMIT: i32 = 50;
pub const MAX_LIMIT: i32 = 200;

/// What a cursor decodes to: a storage key.
pub type CursorKey = KeyMap;

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
    /// `valid` says whether a decoded cursor is a key this request's query could have
    /// produced; anything else answers 400.
    pub fn from_request(
        req: &Request,
        valid: impl Fn(&CursorKey) -> bool,
    ) -> Result<Page, ApiError> {
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
            .map(|c| decode_cursor(&c, &valid))
            .transpose()?;
        Ok(Page { limit, cursor })
    }

    /// The page in storage terms.
    pub fn request(&self) -> PageRequest {
        PageRequest {
            limit: self.limit,
            start: self.cursor.clone(),
        }
    }
}

pub fn encode_cursor(key: &CursorKey) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

fn decode_cursor(text: &str, valid: &impl Fn(&CursorKey) -> bool) -> Result<CursorKey, ApiError> {
    let invalid = || {
        ApiError::BadParameter(
            "cursor is not valid for this list; use the nextCursor of the same request".into(),
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let key: CursorKey = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if valid(&key) { Ok(key) } else { Err(invalid()) }
}

/// Whether `key` is an audit list key of the company: its partition and the sort key of a
/// record (a zero-padded seq), never the chain head or anything else the query's key
/// condition excludes.
pub fn is_audit_list_key(company_id: &str, chain: Chain, key: &CursorKey) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    let is_record_sk = get("sk")
        .filter(|sk| sk.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|sk| Some((sk, sk.parse::<u64>().ok()?)))
        .is_some_and(|(sk, seq)| audit_sk(seq) == sk);
    key.len() == 2 && get("pk") == Some(chain_pk(company_id, chain).as_str()) && is_record_sk
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::contracts::{ContractStatus, is_contract_list_key};

    fn key(pairs: &[(&str, &str)]) -> CursorKey {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn audit_cursor(pairs: &[(&str, &str)]) -> Result<CursorKey, ApiError> {
        decode_cursor(&encode_cursor(&key(pairs)), &|k| {
            is_audit_list_key("a", Chain::Data, k)
        })
    }

    #[test]
    fn an_audit_cursor_round_trips() {
        let k = key(&[("pk", "C#a"), ("sk", "000000000001")]);
        assert_eq!(
            audit_cursor(&[("pk", "C#a"), ("sk", "000000000001")]).ok(),
            Some(k)
        );
    }

    #[test]
    fn audit_cursors_of_another_partition_or_shape_are_refused() {
        for bad in [
            vec![("pk", "C#b"), ("sk", "000000000001")],
            vec![("pk", "C#ab"), ("sk", "000000000001")],
            vec![("pk", "C#a#CONTRACTS"), ("sk", "000000000001")],
            vec![("sk", "000000000001")],
            vec![("pk", "C#a")],
            vec![("pk", "C#a"), ("sk", "000000000001"), ("gsi1pk", "C#a")],
        ] {
            assert!(audit_cursor(&bad).is_err(), "{bad:?}");
        }
        assert!(decode_cursor("not base64!", &|k| is_audit_list_key("a", Chain::Data, k)).is_err());
    }

    #[test]
    fn an_audit_cursor_must_name_a_record_not_the_head_or_a_malformed_seq() {
        for sk in [
            "HEAD",
            "1",
            "00000000001",
            "0000000000001",
            "+00000000001",
            "00000000000a",
            "",
        ] {
            assert!(
                audit_cursor(&[("pk", "C#a"), ("sk", sk)]).is_err(),
                "{sk:?}"
            );
        }
    }

    #[test]
    fn a_contracts_cursor_must_match_the_status_filter_and_its_own_contract() {
        let active = key(&[
            ("pk", "C#a"),
            ("sk", "CONTRACT#x1"),
            ("gsi1pk", "C#a#CONTRACTS"),
            ("gsi1sk", "active#x1"),
        ]);
        assert!(is_contract_list_key("a", None, &active));
        assert!(is_contract_list_key(
            "a",
            Some(ContractStatus::Active),
            &active
        ));
        assert!(!is_contract_list_key(
            "a",
            Some(ContractStatus::Archived),
            &active
        ));
        assert!(!is_contract_list_key("b", None, &active));
        for (name, value) in [
            ("sk", "CONTRACT#x2"),
            ("sk", "CONTRACT#x1#V#00001"),
            ("gsi1sk", "deleted#x1"),
            ("gsi1sk", "active#x1#V"),
            ("gsi1sk", "x1"),
            ("gsi1pk", "C#a"),
        ] {
            let mut bad = active.clone();
            bad.insert(name.to_owned(), value.to_owned());
            assert!(!is_contract_list_key("a", None, &bad), "{name}={value}");
        }
        let mut extra = active;
        extra.insert("seq".into(), "1".into());
        assert!(!is_contract_list_key("a", None, &extra));
    }
}
