//! What the fuzz targets (`src/bin`, built with cargo-afl by infra/fuzz-parsers.sh) and the
//! property tests (`tests/properties.rs`) check on every parser of outside input. Each check
//! feeds the bytes to the very function the handlers call and asserts what that parser
//! promises; a panic anywhere, in the parser or in an assertion, is a finding.
//!
//! One function per target, named as the target: Textract answers, the rate sources (ECB XML,
//! SWEA and Fixer JSON), list cursors, `Idempotency-Key`, `If-Match`, S3 event keys, the
//! upload request behind a presigned POST, and contract documents and changes.

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use lambda_http::http::HeaderValue;
use lambda_http::{Body, Request, RequestExt};
use mypages::aws::presigned_post::{PostPolicy, Signer};
use mypages::domain::audit::Chain;
use mypages::domain::contract::{ContractChange, ContractTerms};
use mypages::domain::document::{
    MAX_DOCUMENT_BYTES, decode_event_key, original_key, parse_original_key,
};
use mypages::domain::document_upload::parse_new_document;
use mypages::domain::lease::{RateConvention, measure};
use mypages::domain::ocr::blocks::AnalysisResponse;
use mypages::domain::ocr::{extract::propose, fields, parse::parse};
use mypages::domain::rates::Observation;
use mypages::domain::rates::upstream::{
    ecb_reference_rates, fixer_rates, swea_latest, swea_observations,
};
use mypages::http::input::{IDEMPOTENCY_KEY_MAX, IF_MATCH_MAX, idempotency_key, if_match};
use mypages::http::paging::{MAX_LIMIT, Page, encode_cursor, is_audit_list_key};
use mypages::http::problem::ApiError;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A Textract answer as the pipeline stores it: one response, or the pages of a paged answer
/// as a JSON array. The proposals name known fields, in their fields' formats, and the same
/// answer always proposes the same.
pub fn textract(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let pages = match value {
        Value::Array(pages) => pages,
        one => vec![one],
    };
    let Ok(responses) = pages
        .into_iter()
        .map(serde_json::from_value::<AnalysisResponse>)
        .collect::<Result<Vec<_>, _>>()
    else {
        return;
    };
    let proposed = propose(&parse(&responses));
    for (field, proposal) in &proposed {
        assert!(
            fields::ALL.contains(&field.as_str()),
            "unknown field {field}"
        );
        assert!(
            proposal.source.page >= 1,
            "page {} of {field}",
            proposal.source.page
        );
        let value = proposal.value.as_str();
        assert!(!value.trim().is_empty(), "{field} proposed empty");
        match field.as_str() {
            fields::PAYMENT_AMOUNT => {
                assert!(value.parse::<Decimal>().is_ok(), "amount {value:?}")
            }
            fields::COMMENCEMENT_DATE | fields::END_DATE => assert!(
                NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
                "{field} {value:?}"
            ),
            fields::CURRENCY => assert!(
                value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()),
                "currency {value:?}"
            ),
            _ => {}
        }
    }
    assert_eq!(propose(&parse(&responses)), proposed, "not deterministic");
}

/// Every observation once: the parsers refuse a day or a currency within a day twice.
fn each_once(observations: &[Observation]) {
    let mut seen = BTreeSet::new();
    for observation in observations {
        assert!(
            seen.insert((observation.series.as_str(), observation.date)),
            "{} on {} twice",
            observation.series,
            observation.date
        );
    }
}

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The ECB's euro reference rates (XML).
pub fn ecb(data: &[u8]) {
    if let Some(Ok(observations)) = text(data).map(ecb_reference_rates) {
        each_once(&observations);
    }
}

/// The SWEA series the fuzzed answers are read as, and the range asked for.
pub const SWEA_SERIES: &str = "SEKEURPMI";
pub fn swea_range() -> (NaiveDate, NaiveDate) {
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
    (day(1, 1), day(3, 31))
}

/// The Riksbank's SWEA answers (JSON): a range of observations, or the latest one.
pub fn swea(data: &[u8]) {
    let Some(body) = text(data) else {
        return;
    };
    let (from, to) = swea_range();
    if let Ok(observations) = swea_observations(SWEA_SERIES, from, to, body) {
        each_once(&observations);
        for observation in &observations {
            assert_eq!(observation.series, SWEA_SERIES);
            assert!(
                (from..=to).contains(&observation.date),
                "{} outside the range",
                observation.date
            );
        }
    }
    if let Ok(observation) = swea_latest(SWEA_SERIES, body) {
        assert_eq!(observation.series, SWEA_SERIES);
    }
}

/// Fixer's rates (JSON).
pub fn fixer(data: &[u8]) {
    if let Some(Ok(observations)) = text(data).map(fixer_rates) {
        each_once(&observations);
    }
}

fn with_query(name: &str, value: &str) -> Request {
    let request = lambda_http::http::Request::builder()
        .body(Body::Empty)
        .unwrap_or_default();
    request.with_query_string_parameters(
        [(name.to_owned(), vec![value.to_owned()])]
            .into_iter()
            .collect::<std::collections::HashMap<_, _>>(),
    )
}

/// The company whose audit list the fuzzed cursors are sent to.
pub const CURSOR_COMPANY: &str = "co-1";

/// `?cursor=` (checked against the audit list's key shape) and `?limit=`: a cursor is accepted
/// only as a key of the caller's own list and reads back from the cursor the next page would
/// carry; anything else is a 400, never a storage key.
pub fn cursor(data: &[u8]) {
    let Some(sent) = text(data) else {
        return;
    };
    let valid = |key: &_| is_audit_list_key(CURSOR_COMPANY, Chain::Data, key);
    match Page::from_request(&with_query("cursor", sent), valid) {
        Ok(page) => {
            let key = page.cursor.expect("a cursor was sent");
            assert!(valid(&key));
            let next = Page::from_request(&with_query("cursor", &encode_cursor(&key)), valid)
                .expect("an encoded key reads back");
            assert_eq!(next.cursor, Some(key));
        }
        Err(error) => assert!(matches!(error, ApiError::BadParameter(_)), "{error:?}"),
    }
    match Page::from_request(&with_query("limit", sent), valid) {
        Ok(page) => assert!((1..=MAX_LIMIT).contains(&page.limit)),
        Err(error) => assert!(matches!(error, ApiError::BadParameter(_)), "{error:?}"),
    }
}

/// A request with one header as sent, or `None` when HTTP itself refuses the value (the
/// gateway never hands such a request on).
fn with_header(name: &'static str, data: &[u8]) -> Option<Request> {
    let value = HeaderValue::from_bytes(data).ok()?;
    let mut request = lambda_http::http::Request::builder()
        .body(Body::Empty)
        .ok()?;
    request.headers_mut().insert(name, value);
    Some(request)
}

/// `Idempotency-Key`: accepted only as 1–[`IDEMPOTENCY_KEY_MAX`] visible ASCII characters,
/// exactly as sent.
pub fn idempotency_key_header(data: &[u8]) {
    let Some(request) = with_header("idempotency-key", data) else {
        return;
    };
    match idempotency_key(&request) {
        Ok(Some(key)) => {
            assert!(
                (1..=IDEMPOTENCY_KEY_MAX).contains(&key.len())
                    && key.bytes().all(|b| b.is_ascii_graphic())
            );
            assert_eq!(key.as_bytes(), data);
        }
        Ok(None) => panic!("a key was sent"),
        Err(error) => assert!(matches!(error, ApiError::BadParameter(_)), "{error:?}"),
    }
}

/// `If-Match`: one strong or weak entity tag of at most [`IF_MATCH_MAX`] characters; absent
/// or `*` is 428, anything else 400.
pub fn if_match_header(data: &[u8]) {
    let Some(request) = with_header("if-match", data) else {
        return;
    };
    match if_match(&request) {
        Ok(tag) => {
            assert!(tag.len() <= IF_MATCH_MAX);
            let opaque = tag.strip_prefix("W/").unwrap_or(&tag);
            assert!(opaque.len() >= 2 && opaque.starts_with('"') && opaque.ends_with('"'));
            assert!(!opaque[1..opaque.len() - 1].contains('"'));
        }
        Err(ApiError::PreconditionRequired) => {
            let sent = String::from_utf8_lossy(data);
            assert!(matches!(sent.trim(), "" | "*"), "428 for {sent:?}");
        }
        Err(error) => assert!(matches!(error, ApiError::BadRequest(_)), "{error:?}"),
    }
}

/// An S3 event's object key: only a document original's key names a company and a document,
/// and then exactly that key.
pub fn s3_event_key(data: &[u8]) {
    let Some(raw) = text(data) else {
        return;
    };
    let key = decode_event_key(raw);
    if let Some((company, document)) = parse_original_key(&key) {
        assert_eq!(original_key(company, document), key);
        for id in [company, document] {
            assert!(
                !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "id {id:?}"
            );
        }
    }
}

/// `POST /documents`: an accepted request is within the size limit and has a clean file name,
/// and the presigned POST made for it admits exactly that object: its key, its content type,
/// its size, and no other condition. (The signature is pinned by AWS's published example in
/// `aws/presigned_post.rs`.)
pub fn presigned_post(data: &[u8]) {
    let Ok(body) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let Ok(document) = parse_new_document(&body) else {
        return;
    };
    assert!(
        document.size <= MAX_DOCUMENT_BYTES,
        "size {}",
        document.size
    );
    assert!(
        !document.file_name.chars().any(char::is_control),
        "{:?}",
        document.file_name
    );
    let key = original_key(CURSOR_COMPANY, "doc-1");
    let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
    let policy = PostPolicy {
        bucket: "documents",
        key: &key,
        content_type: document.content_type,
        size: document.size,
        expires_at: now + Duration::minutes(15),
    };
    let signer = Signer {
        access_key_id: "AKIDEXAMPLE",
        secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        session_token: Some("session-token"),
        region: "eu-north-1",
    };
    let form = policy.form_fields(&signer, now);
    assert_eq!(form.get("key"), Some(&key));
    let encoded = form.get("policy").expect("a policy");
    let decoded: Value = STANDARD
        .decode(encoded)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .expect("the policy is base64 JSON");
    let conditions = decoded["conditions"].as_array().expect("conditions");
    let credential = form.get("x-amz-credential").expect("a credential");
    let date = form.get("x-amz-date").expect("a date");
    let expected = [
        json!({"bucket": "documents"}),
        json!({"key": key}),
        json!({"Content-Type": document.content_type.mime()}),
        json!(["content-length-range", document.size, document.size]),
        json!({"x-amz-algorithm": "AWS4-HMAC-SHA256"}),
        json!({"x-amz-credential": credential}),
        json!({"x-amz-date": date}),
        json!({"x-amz-security-token": "session-token"}),
    ];
    assert_eq!(conditions.as_slice(), expected.as_slice());
}

/// The contract every fuzzed change is applied to.
pub fn current_contract() -> ContractTerms {
    ContractTerms::parse(&json!({
        "name": "Office floor, Sveavägen 1",
        "lessor": "Fastighets AB Exempel",
        "assetClass": "premises",
        "currency": "SEK",
        "commencementDate": "2026-01-01",
        "endDate": "2035-12-31",
        "payment": {"amount": "50000.00", "frequency": "annual", "timing": "advance",
                    "steps": [{"from": "2031-01-01", "amount": "52000.00"}]},
        "discountRate": "5.0",
        "initialDirectCosts": "20000",
        "leaseIncentives": "5000",
        "restorationCosts": "0"
    }))
    .expect("a valid contract")
}

/// Contract documents (`POST /contracts`) and changes (`PATCH`): what is accepted is stored as
/// `to_json` and reads back as the same terms, and the engine answers (a schedule or a
/// refusal, never a panic) for whatever the parser accepted.
pub fn contract(data: &[u8]) {
    let Ok(body) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    if let Ok(terms) = ContractTerms::parse(&body) {
        assert_eq!(ContractTerms::parse(&terms.to_json()), Ok(terms.clone()));
        let _ = measure(&terms.lease_terms(), RateConvention::default());
    }
    let current = current_contract();
    if let Ok(change) = ContractChange::parse(&body, &current, current.commencement_date) {
        assert_eq!(
            ContractTerms::parse(&change.terms.to_json()),
            Ok(change.terms.clone())
        );
        assert!(change.effective_from >= current.commencement_date);
        let _ = measure(&change.terms.lease_terms(), RateConvention::default());
    }
}
