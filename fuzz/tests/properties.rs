//! Property tests: each parser of outside input (the fuzz targets' checks in `src/lib.rs`) on
//! generated inputs shaped like what its source sends, with the variations that source could
//! send wrong. The fuzz targets start from `corpus/`; these reach the accepting paths on every
//! `cargo test`.

use mypages::domain::contract::{CONTRACT_FIELDS, PAYMENT_FIELDS};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Text of the kinds lease documents and upstream answers hold: labels, amounts, dates,
/// currencies, and anything else.
fn document_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Hyra".to_owned()),
        Just("Årshyra:".to_owned()),
        Just("Monthly rent".to_owned()),
        Just("Hyresvärd: Fastighets AB Exempel".to_owned()),
        Just("Tillträdesdag".to_owned()),
        "[0-9 ]{1,9}([.,][0-9]{1,3})? (kr|SEK|EUR|€|USD)",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-3]?[0-9] (januari|mars|december|May|June) 20[0-9]{2}",
        "(per|i) (månad|kvartal|år|month|quarter|year)",
        "\\PC{0,40}",
    ]
}

fn block(kinds: &'static [&'static str], count: usize) -> impl Strategy<Value = Value> {
    (
        prop::sample::select(kinds),
        0..count,
        prop::option::of(document_text()),
        prop::option::of(0.0f32..=100.0),
        prop::collection::vec((prop::sample::select(&["CHILD", "VALUE", "ANSWER"][..]), prop::collection::vec(0..count, 0..4)), 0..3),
        prop::collection::vec(prop::sample::select(&["KEY", "VALUE", "COLUMN_HEADER"][..]), 0..2),
        prop::option::of(0u32..4),
        prop::option::of(("[a-z ]{1,20}", "[A-Z_]{1,12}")),
    )
        .prop_map(|(kind, id, text, confidence, relationships, entities, page, query)| {
            let mut block = json!({"BlockType": kind, "Id": format!("b{id}")});
            if let Some(text) = text {
                block["Text"] = json!(text);
            }
            if let Some(confidence) = confidence {
                block["Confidence"] = json!(confidence);
            }
            block["Relationships"] = relationships
                .into_iter()
                .map(|(kind, ids)| {
                    json!({"Type": kind, "Ids": ids.iter().map(|i| format!("b{i}")).collect::<Vec<_>>()})
                })
                .collect();
            block["EntityTypes"] = json!(entities);
            if let Some(page) = page {
                block["Page"] = json!(page);
            }
            if let Some((text, alias)) = query {
                block["Query"] = json!({"Text": text, "Alias": alias});
            }
            block
        })
}

const BLOCK_TYPES: &[&str] = &[
    "PAGE",
    "LINE",
    "WORD",
    "KEY_VALUE_SET",
    "TABLE",
    "CELL",
    "MERGED_CELL",
    "QUERY",
    "QUERY_RESULT",
    "SELECTION_ELEMENT",
    "LAYOUT_TEXT",
];

fn textract_answer() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        prop::collection::vec(block(BLOCK_TYPES, 24), 0..24)
            .prop_map(|blocks| json!({"JobStatus": "SUCCEEDED", "Blocks": blocks})),
        1..3,
    )
    .prop_map(Value::from)
}

fn decimal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{1,6}(\\.[0-9]{1,6})?",
        "[0-9]{1,3}(e-?[0-9])?",
        Just("NaN".to_owned()),
        Just("1,5".to_owned()),
        Just("0".to_owned()),
        "\\PC{0,8}",
    ]
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "2026-0[1-4]-[0-3][0-9]",
        "2025-12-3[01]",
        "20[0-9]{2}-1[3-9]-01",
        "\\PC{0,12}",
    ]
}

fn ecb_file() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop_oneof![4 => "2026-0[1-3]-(0[1-9]|1[0-9]|2[0-8])", 1 => date_text()],
            // Mostly well-formed days (each currency once, a rate in the ECB's format), so
            // accepted files carry rates to check.
            prop_oneof![
                4 => prop::collection::btree_map(
                    prop::sample::select(&["SEK", "USD", "NOK", "DKK"][..]),
                    "[0-9]{1,2}\\.[0-9]{1,4}",
                    1..5,
                )
                .prop_map(|rates| rates.into_iter().collect::<Vec<_>>()),
                1 => prop::collection::vec(
                    (
                        prop::sample::select(&["SEK", "USD", "NOK", "DKK", "JPY", "sek", ""][..]),
                        decimal_text(),
                    ),
                    0..5,
                ),
            ],
        ),
        1..4,
    )
    .prop_map(|days| {
        let days: String = days
            .into_iter()
            .map(|(date, rates)| {
                let rates: String = rates
                    .into_iter()
                    .map(|(currency, rate)| format!("<Cube currency='{currency}' rate='{rate}'/>"))
                    .collect();
                format!("<Cube time='{date}'>{rates}</Cube>")
            })
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" \
             xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">\
             <gesmes:subject>Reference rates</gesmes:subject>\
             <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>\
             <Cube>{days}</Cube></gesmes:Envelope>"
        )
    })
}

fn swea_answer() -> impl Strategy<Value = String> {
    // Mostly dates inside the range asked for (2026-01-01 to 2026-03-31), so accepted answers
    // carry observations to check.
    let date = prop_oneof![4 => "2026-0[1-3]-(0[1-9]|1[0-9]|2[0-8])", 1 => date_text()];
    let observation = (
        date,
        prop_oneof![
            decimal_text().prop_map(|d| json!(d)),
            (-5.0f64..20.0).prop_map(|f| json!(f)),
            Just(Value::Null)
        ],
    )
        .prop_map(|(date, value)| json!({"date": date, "value": value}))
        .boxed();
    prop_oneof![
        prop::collection::vec(observation.clone(), 0..6).prop_map(|o| Value::from(o).to_string()),
        observation.prop_map(|o| o.to_string()),
    ]
}

fn fixer_answer() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::sample::select(&["EUR", "SEK", "eur"][..]),
        date_text(),
        prop::collection::btree_map(
            prop::sample::select(&["SEK", "EUR", "USD", "NOK", "XXX"][..]),
            0.0f64..20.0,
            0..5,
        ),
    )
        .prop_map(|(success, base, date, rates)| {
            json!({"success": success, "base": base, "date": date, "timestamp": 1, "rates": rates})
                .to_string()
        })
}

fn audit_cursor_text() -> impl Strategy<Value = String> {
    use base64::Engine;
    let key = prop::collection::btree_map(
        prop::sample::select(&["pk", "sk", "gsi1pk", "gsi1sk"][..]),
        prop_oneof![
            Just("C#co-1".to_owned()),
            Just("C#co-2".to_owned()),
            Just("C#co-1#SECURITY".to_owned()),
            "[0-9]{1,13}",
            Just("HEAD".to_owned()),
            "\\PC{0,10}",
        ],
        0..4,
    );
    let encode = |key: std::collections::BTreeMap<&str, String>| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(&key).unwrap_or_default())
    };
    // A key of the caller's own audit list (what a next page's cursor holds), so the
    // accepting path and its read-back run on most cases, not once in thousands.
    let own_key = (0u64..1_000_000_000_000).prop_map(move |seq| {
        encode(
            [("pk", "C#co-1".to_owned()), ("sk", format!("{seq:012}"))]
                .into_iter()
                .collect(),
        )
    });
    prop_oneof![
        3 => own_key,
        2 => key.prop_map(encode),
        1 => "[A-Za-z0-9_=+/-]{0,40}",
        1 => "\\PC{0,20}",
        1 => "-?[0-9]{1,4}",
    ]
}

fn event_key() -> impl Strategy<Value = String> {
    // Weighted towards well-formed keys, so the accepting path is reached.
    let id = prop_oneof![
        6 => "[a-zA-Z0-9_-]{1,12}",
        1 => Just(String::new()),
        1 => "[#/ %+]{1,3}",
        1 => "\\PC{1,6}"
    ];
    (
        prop_oneof![4 => Just("t/"), 1 => Just("x/"), 1 => Just("")],
        id.clone(),
        prop_oneof![4 => Just("/docs/"), 1 => Just("/doc/")],
        id,
        prop_oneof![4 => Just("/original"), 1 => Just("/textract.json"), 1 => Just("")],
        any::<bool>(),
    )
        .prop_map(|(prefix, company, docs, document, suffix, encode)| {
            let key = format!("{prefix}{company}{docs}{document}{suffix}");
            if encode {
                percent_encoding::utf8_percent_encode(&key, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
            } else {
                key.replace(' ', "+")
            }
        })
}

fn upload_request() -> impl Strategy<Value = Value> {
    (
        // Weighted towards accepted requests; each field is still missing or wrong at times.
        prop::option::weighted(
            0.9,
            prop_oneof![
                6 => "[a-zA-Z0-9 ._-]{1,40}\\.pdf",
                1 => "\\PC{0,30}",
                1 => "[\\x00-\\x1f\\u{202e}]{1,3}"
            ],
        ),
        prop::option::weighted(
            0.9,
            prop::sample::select(
                &[
                    "application/pdf",
                    "image/png",
                    "image/jpeg",
                    "image/tiff",
                    "text/html",
                    "",
                ][..],
            ),
        ),
        prop::option::weighted(
            0.9,
            prop_oneof![
                6 => (1u64..=30 * 1024 * 1024).prop_map(|n| json!(n)),
                1 => Just(json!(0)),
                1 => Just(json!(-1)),
                1 => Just(json!(1.5)),
                1 => Just(json!("100")),
                1 => Just(json!(u64::MAX)),
            ],
        ),
        prop::option::of(prop_oneof![4 => "[a-z0-9-]{1,20}", 1 => "\\PC{0,10}"]),
        prop::option::weighted(0.1, "[a-z]{1,8}"),
    )
        .prop_map(|(name, content_type, size, contract, extra)| {
            let mut body = json!({});
            if let Some(name) = name {
                body["fileName"] = json!(name);
            }
            if let Some(content_type) = content_type {
                body["contentType"] = json!(content_type);
            }
            if let Some(size) = size {
                body["size"] = size;
            }
            if let Some(contract) = contract {
                body["contractId"] = json!(contract);
            }
            if let Some(extra) = extra {
                body[extra] = json!(true);
            }
            body
        })
}

/// A contract document or change: the current contract with fields replaced by values of any
/// kind, or removed.
fn contract_document() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        decimal_text().prop_map(Value::from),
        date_text().prop_map(Value::from),
        prop::sample::select(
            &[
                "monthly",
                "quarterly",
                "annual",
                "advance",
                "arrears",
                "premises",
                "cars",
                "SEK",
                "EUR",
                "JPY",
                "short-term"
            ][..]
        )
        .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{"from": "2028-01-01", "amount": "51000"}])),
        "\\PC{0,300}".prop_map(Value::from),
    ];
    // Every field a contract document or change may carry (the parser's own lists), the
    // payment's fields one by one, and one it may not.
    let mut names: Vec<String> = CONTRACT_FIELDS.iter().map(|f| (*f).to_owned()).collect();
    names.extend(PAYMENT_FIELDS.iter().map(|f| format!("payment.{f}")));
    names.extend(["effectiveFrom", "reason", "unknown"].map(str::to_owned));
    let fields = prop::sample::select(names);
    let changes = prop::collection::vec((fields, prop::option::of(value)), 0..5);
    (changes, any::<bool>()).prop_map(|(changes, as_change)| {
        let mut document = mypages_fuzz::current_contract().to_json();
        if as_change {
            document["effectiveFrom"] = json!("2028-01-01");
            document["reason"] = json!("Renegotiated");
        }
        for (field, value) in changes {
            let (object, name) = match field.split_once('.') {
                Some((outer, inner)) => (&mut document[outer], inner),
                None => (&mut document, field.as_str()),
            };
            if let Some(object) = object.as_object_mut() {
                match value {
                    Some(value) => object.insert(name.to_owned(), value),
                    None => object.remove(name),
                };
            }
        }
        document
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn textract_answers(answer in textract_answer()) {
        mypages_fuzz::textract(answer.to_string().as_bytes());
    }

    #[test]
    fn ecb_files(file in ecb_file()) {
        mypages_fuzz::ecb(file.as_bytes());
    }

    #[test]
    fn swea_answers(answer in swea_answer()) {
        mypages_fuzz::swea(answer.as_bytes());
    }

    #[test]
    fn fixer_answers(answer in fixer_answer()) {
        mypages_fuzz::fixer(answer.as_bytes());
    }

    #[test]
    fn cursors_and_limits(sent in audit_cursor_text()) {
        mypages_fuzz::cursor(sent.as_bytes());
    }

    #[test]
    fn idempotency_keys(key in prop_oneof!["[!-~]{0,210}", "\\PC{0,20}", "[ -~\\t]{0,20}"]) {
        mypages_fuzz::idempotency_key_header(key.as_bytes());
    }

    #[test]
    fn if_match_tags(tag in prop_oneof![
        "(W/)?\"[!-~]{0,34}\"", " *\\*? *", "[!-~]{0,10}", "\\PC{0,10}", "\"[0-9]{1,10}\"",
    ]) {
        mypages_fuzz::if_match_header(tag.as_bytes());
    }

    #[test]
    fn s3_event_keys(key in event_key()) {
        mypages_fuzz::s3_event_key(key.as_bytes());
    }

    #[test]
    fn upload_requests(body in upload_request()) {
        mypages_fuzz::presigned_post(body.to_string().as_bytes());
    }

    #[test]
    fn contract_documents_and_changes(document in contract_document()) {
        mypages_fuzz::contract(document.to_string().as_bytes());
    }
}

/// The accepting paths are reached, not only the refusals: a generator that produced nothing
/// valid would let every property above pass on refusals alone.
#[test]
fn the_generators_reach_accepted_inputs() {
    use mypages::domain::contract::{ContractChange, ContractTerms};
    use mypages::domain::document::{decode_event_key, parse_original_key};
    use mypages::domain::document_upload::parse_new_document;
    use mypages::domain::ocr::{extract::propose, parse::parse};
    use mypages::domain::rates::upstream::{ecb_reference_rates, fixer_rates, swea_observations};
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    fn sample<S: Strategy>(strategy: &S, runner: &mut TestRunner) -> S::Value {
        strategy.new_tree(runner).expect("tree").current()
    }
    let mut runner = TestRunner::deterministic();
    let current = mypages_fuzz::current_contract();
    let (from, to) = mypages_fuzz::swea_range();
    let cursor_valid = |key: &_| {
        mypages::http::paging::is_audit_list_key(
            mypages_fuzz::CURSOR_COMPANY,
            mypages::domain::audit::Chain::Data,
            key,
        )
    };
    // Accepted inputs that carry something to check, per generator, out of 300.
    let mut accepted: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut count = |name, ok: bool| *accepted.entry(name).or_default() += usize::from(ok);
    for _ in 0..300 {
        let contract = sample(&contract_document(), &mut runner);
        count("contract", ContractTerms::parse(&contract).is_ok());
        let change = ContractChange::parse(&contract, &current, current.commencement_date);
        count("contract change", change.is_ok());
        let upload = sample(&upload_request(), &mut runner);
        count("upload", parse_new_document(&upload).is_ok());
        let key = sample(&event_key(), &mut runner);
        count(
            "s3 key",
            parse_original_key(&decode_event_key(&key)).is_some(),
        );
        let cursor = sample(&audit_cursor_text(), &mut runner);
        let request = lambda_http::RequestExt::with_query_string_parameters(
            lambda_http::http::Request::builder()
                .body(lambda_http::Body::Empty)
                .expect("request"),
            [("cursor".to_owned(), vec![cursor])]
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
        );
        let page = mypages::http::paging::Page::from_request(&request, cursor_valid);
        count("cursor", page.is_ok());
        let swea = sample(&swea_answer(), &mut runner);
        let observations = swea_observations(mypages_fuzz::SWEA_SERIES, from, to, &swea);
        count("swea", observations.is_ok_and(|o| !o.is_empty()));
        let ecb = sample(&ecb_file(), &mut runner);
        count(
            "ecb",
            ecb_reference_rates(&ecb).is_ok_and(|o| !o.is_empty()),
        );
        let fixer = sample(&fixer_answer(), &mut runner);
        count("fixer", fixer_rates(&fixer).is_ok_and(|o| !o.is_empty()));
        let answer = sample(&textract_answer(), &mut runner);
        let responses: Vec<mypages::domain::ocr::blocks::AnalysisResponse> =
            serde_json::from_value(answer).expect("generated answers are responses");
        count("textract", !propose(&parse(&responses)).is_empty());
    }
    let rare: Vec<_> = accepted.iter().filter(|(_, n)| **n < 3).collect();
    assert!(
        rare.is_empty(),
        "generators that rarely reach an accepted input: {rare:?} (all: {accepted:?})"
    );
}
