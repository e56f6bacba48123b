use super::*;
use crate::domain::ocr::parse::tests::fixture;
use crate::domain::ocr::parse::{KeyValue, QueryAnswer, QueryAnswers, Table, parse};
use proptest::prelude::*;

fn line(text: &str) -> Line {
    Line {
        text: text.to_owned(),
        confidence: 95.0,
        page: 1,
        bounds: None,
    }
}

fn lines(texts: &[&str]) -> ParsedDocument {
    ParsedDocument {
        pages: 1,
        lines: texts.iter().map(|t| line(t)).collect(),
        ..ParsedDocument::default()
    }
}

fn pair(key: &str, value: &str, confidence: f32) -> KeyValue {
    KeyValue {
        key: key.to_owned(),
        value: value.to_owned(),
        confidence,
        page: 1,
    }
}

fn values_of(proposed: &Proposed) -> Vec<(&str, &str)> {
    proposed
        .iter()
        .map(|(field, p)| (field.as_str(), p.value.as_str()))
        .collect()
}

fn value<'a>(proposed: &'a Proposed, field: &str) -> Option<&'a str> {
    proposed.get(field).map(|p| p.value.as_str())
}

/// A Swedish premises lease as an OCR engine reads it, line by line.
const SWEDISH_LEASE: &[&str] = &[
    "LOKALHYRESAVTAL",
    "§ 1 Parter",
    "Hyresvärd: Fastighets AB Exempel, org.nr 556000-0000",
    "Hyresgäst: Kontorsbolaget i Sverige AB, org.nr 559000-1111",
    "§ 2 Lokal",
    "Objekt: Kontorslokal, Storgatan 1, 111 22 Stockholm",
    "§ 3 Hyrestid",
    "Tillträdesdag: den 1 jan. 2026",
    "Hyrestiden upphör den 31 december 2030.",
    "§ 4 Hyra",
    "Månadshyra: 12 500,00 kr",
    "Hyran betalas månadsvis i förskott.",
    "§ 5 Uppsägning",
    "Uppsägningstid: nio (9) månader",
    "§ 6 Indexklausul",
    "Hyran räknas upp årligen med förändringen i KPI, basmånad oktober 2025.",
    "Stockholm den 15 november 2025",
];

const SWEDISH_PROPOSALS: &[(&str, &str)] = &[
    ("commencementDate", "2026-01-01"),
    ("currency", "SEK"),
    ("endDate", "2030-12-31"),
    (
        "indexClause",
        "Hyran räknas upp årligen med förändringen i KPI, basmånad oktober 2025.",
    ),
    ("lessee", "Kontorsbolaget i Sverige AB"),
    ("lessor", "Fastighets AB Exempel"),
    ("name", "Kontorslokal, Storgatan 1, 111 22 Stockholm"),
    ("noticePeriod", "P9M"),
    ("payment.amount", "12500.00"),
    ("payment.frequency", "monthly"),
];

#[test]
fn a_swedish_lease_read_as_lines() {
    let proposed = propose(&lines(SWEDISH_LEASE));
    assert_eq!(values_of(&proposed), SWEDISH_PROPOSALS);
    let rent = &proposed["payment.amount"];
    assert_eq!(rent.source.text, "Månadshyra: 12 500,00 kr");
    assert_eq!(rent.source.page, 1);
    assert_eq!(rent.confidence, 95.0);
    assert_eq!(
        proposed["payment.frequency"].source.text,
        "Hyran betalas månadsvis i förskott."
    );
    assert_eq!(
        proposed["endDate"].source.text,
        "Hyrestiden upphör den 31 december 2030."
    );
}

#[test]
fn a_swedish_lease_read_as_key_values() {
    // What the local engine derives from `Label: value` lines (and Textract's FORMS finds).
    let document = ParsedDocument {
        pages: 1,
        key_values: vec![
            pair(
                "Hyresvärd:",
                "Fastighets AB Exempel, org.nr 556000-0000",
                91.0,
            ),
            pair("Hyresgäst:", "Kontorsbolaget i Sverige AB", 90.0),
            pair("Leasingobjekt:", "Kontorslokal, Storgatan 1", 88.0),
            pair("Hyresperiodens början:", "2026-01-01", 93.0),
            pair("Slutdatum:", "31/12/2030", 92.0),
            pair("Hyra per kvartal:", "37 500 kr", 89.0),
            pair("Valuta:", "svenska kronor", 94.0),
            pair("Uppsägningstid:", "3 månader", 90.0),
            pair("Index:", "KPI, basmånad oktober 2025", 87.0),
        ],
        ..ParsedDocument::default()
    };
    let proposed = propose(&document);
    assert_eq!(
        values_of(&proposed),
        [
            ("commencementDate", "2026-01-01"),
            ("currency", "SEK"),
            ("endDate", "2030-12-31"),
            ("indexClause", "KPI, basmånad oktober 2025"),
            ("lessee", "Kontorsbolaget i Sverige AB"),
            ("lessor", "Fastighets AB Exempel"),
            ("name", "Kontorslokal, Storgatan 1"),
            ("noticePeriod", "P3M"),
            ("payment.amount", "37500.00"),
            ("payment.frequency", "quarterly"),
        ]
    );
    let rent = &proposed["payment.amount"];
    assert_eq!(rent.confidence, 89.0);
    assert_eq!(rent.source.text, "Hyra per kvartal: 37 500 kr");
    // Stated beats derived: the currency comes from `Valuta`, not the rent's `kr`.
    assert_eq!(proposed["currency"].source.text, "Valuta: svenska kronor");
}

#[test]
fn an_english_lease_read_as_lines() {
    let proposed = propose(&lines(&[
        "LEASE AGREEMENT",
        "Landlord: Example Properties Ltd, company number 01234567",
        "Tenant: Sample Trading AB",
        "Premises: Unit 4, Harbour Road, Gothenburg",
        "Commencement Date: 1 January 2026",
        "Expiry Date: December 31, 2030",
        "Rent: SEK 150,000.00 per annum",
        "Notice period: six months",
        "Index clause: the rent follows the Swedish CPI",
    ]));
    assert_eq!(
        values_of(&proposed),
        [
            ("commencementDate", "2026-01-01"),
            ("currency", "SEK"),
            ("endDate", "2030-12-31"),
            ("indexClause", "the rent follows the Swedish CPI"),
            ("lessee", "Sample Trading AB"),
            ("lessor", "Example Properties Ltd"),
            ("name", "Unit 4, Harbour Road, Gothenburg"),
            ("noticePeriod", "P6M"),
            ("payment.amount", "150000.00"),
            ("payment.frequency", "annual"),
        ]
    );
}

#[test]
fn label_and_value_on_one_line_without_a_colon() {
    // Tesseract often loses the colon, or the lease never had one.
    let proposed = propose(&lines(&[
        "Hyresvärd Fastighets AB Exempel",
        "Leasetagare Åkeri AB",
        "Leasingavgift 4 990 kr/mån",
        "Startdatum 2026-02-01",
        "Slutdatum 2029-01-31",
        "Leasingobjekt Volvo FH16, ABC 123",
    ]));
    assert_eq!(
        values_of(&proposed),
        [
            ("commencementDate", "2026-02-01"),
            ("currency", "SEK"),
            ("endDate", "2029-01-31"),
            ("lessee", "Åkeri AB"),
            ("lessor", "Fastighets AB Exempel"),
            ("name", "Volvo FH16, ABC 123"),
            ("payment.amount", "4990.00"),
            ("payment.frequency", "monthly"),
        ]
    );
}

#[test]
fn a_label_alone_takes_the_next_line_as_its_value() {
    let proposed = propose(&lines(&[
        "Hyresvärd:",
        "Fastighets AB Exempel",
        "Hyrestid",
        "2026-01-01 – 2030-12-31",
    ]));
    assert_eq!(
        values_of(&proposed),
        [
            ("commencementDate", "2026-01-01"),
            ("endDate", "2030-12-31"),
            ("lessor", "Fastighets AB Exempel"),
        ]
    );
    assert_eq!(
        proposed["lessor"].source.text,
        "Hyresvärd: Fastighets AB Exempel"
    );
}

#[test]
fn a_label_alone_on_the_last_line_of_a_page_takes_nothing_from_the_next_page() {
    let mut document = lines(&["Hyresvärd:", "Fastighets AB Exempel"]);
    document.lines[1].page = 2;
    assert!(propose(&document).is_empty());
}

#[test]
fn running_text_needs_a_sum_of_money_but_a_label_does_not() {
    // The index clause's `2025` is no rent.
    let proposed = propose(&lines(&["Hyran räknas upp med KPI från oktober 2025"]));
    assert_eq!(value(&proposed, "payment.amount"), None);
    let proposed = propose(&lines(&["Hyra: 12 500"]));
    assert_eq!(value(&proposed, "payment.amount"), Some("12500.00"));
}

#[test]
fn names_in_running_text_must_look_like_names() {
    let proposed = propose(&lines(&[
        "Hyresgästen ska betala hyran i förskott",
        "Lokalen används som kontor",
    ]));
    assert_eq!(value(&proposed, "lessee"), None);
    assert_eq!(value(&proposed, "name"), None);
}

#[test]
fn a_key_about_a_party_is_not_the_party() {
    let proposed = propose(&lines(&[
        "Hyresgäst org.nr: 559000-1111",
        "Hyresvärdens bankgiro: 123-4567",
        "Lessor address: 1 Main Street",
    ]));
    assert!(proposed.is_empty(), "{proposed:?}");
}

fn query(alias: &str, answers: &[(&str, f32)]) -> QueryAnswers {
    QueryAnswers {
        text: format!("What is the {alias}?"),
        alias: Some(alias.to_owned()),
        page: 1,
        answers: answers
            .iter()
            .map(|(text, confidence)| QueryAnswer {
                text: (*text).to_owned(),
                confidence: *confidence,
                page: 2,
            })
            .collect(),
    }
}

#[test]
fn query_answers_come_first_then_key_values_then_lines() {
    let document = ParsedDocument {
        pages: 2,
        queries: vec![
            query(
                "payment.amount",
                &[("11 000 kr", 60.0), ("12 500 kr", 80.0)],
            ),
            query("lessor", &[]),
            query("PAYSTUB_PERIOD_START_DATE", &[("2020-01-01", 99.0)]),
        ],
        key_values: vec![
            pair("Hyra", "9 000 kr", 99.0),
            pair("Hyresvärd", "Nyckel AB", 70.0),
            pair("Startdatum", "2026-03-01", 70.0),
        ],
        lines: vec![
            line("Hyra: 8 000 kr"),
            line("Hyresvärd: Rad AB"),
            line("Slutdatum: 2031-02-28"),
        ],
        ..ParsedDocument::default()
    };
    let proposed = propose(&document);
    // The better-confidence answer of the query.
    let rent = &proposed["payment.amount"];
    assert_eq!(
        (
            rent.value.as_str(),
            rent.confidence,
            rent.source.text.as_str(),
            rent.source.page
        ),
        ("12500.00", 80.0, "12 500 kr", 2)
    );
    // No answer: the key-value.
    assert_eq!(value(&proposed, "lessor"), Some("Nyckel AB"));
    // An alias of someone else's query proposes nothing.
    assert_eq!(value(&proposed, "commencementDate"), Some("2026-03-01"));
    // Only the lines say it.
    assert_eq!(value(&proposed, "endDate"), Some("2031-02-28"));
}

#[test]
fn every_alias_of_the_lease_queries_proposes_its_field() {
    let answers = [
        ("payment.amount", "SEK 12,500.00", "12500.00"),
        ("payment.frequency", "kvartalsvis", "quarterly"),
        ("currency", "euro", "EUR"),
        ("commencementDate", "1 januari 2026", "2026-01-01"),
        ("endDate", "31/12/2030", "2030-12-31"),
        ("lessor", "Fastighets AB Exempel", "Fastighets AB Exempel"),
        ("lessee", "Kontorsbolaget AB", "Kontorsbolaget AB"),
        (
            "name",
            "Kontorslokal, Storgatan 1",
            "Kontorslokal, Storgatan 1",
        ),
        ("noticePeriod", "9 månader", "P9M"),
        ("indexClause", "KPI", "KPI"),
    ];
    let document = ParsedDocument {
        pages: 1,
        queries: answers
            .iter()
            .map(|(alias, answer, _)| query(alias, &[(answer, 90.0)]))
            .collect(),
        ..ParsedDocument::default()
    };
    let proposed = propose(&document);
    for (alias, _, expected) in answers {
        assert_eq!(value(&proposed, alias), Some(expected), "{alias}");
    }
    assert_eq!(proposed.len(), fields::ALL.len());
    for field in fields::ALL {
        assert!(proposed.contains_key(*field), "{field}");
    }
}

#[test]
fn the_rent_answer_also_tells_currency_and_frequency_unless_they_are_stated() {
    let rent_only = ParsedDocument {
        queries: vec![query("payment.amount", &[("12 500 kr per månad", 75.0)])],
        ..ParsedDocument::default()
    };
    let proposed = propose(&rent_only);
    assert_eq!(value(&proposed, "currency"), Some("SEK"));
    assert_eq!(value(&proposed, "payment.frequency"), Some("monthly"));
    assert_eq!(proposed["currency"].confidence, 75.0);

    let stated = ParsedDocument {
        lines: vec![line("Valuta: EUR"), line("Betalas: kvartalsvis")],
        ..rent_only
    };
    let proposed = propose(&stated);
    assert_eq!(value(&proposed, "currency"), Some("EUR"));
    assert_eq!(value(&proposed, "payment.frequency"), Some("quarterly"));
}

#[test]
fn table_rows_read_as_label_and_value() {
    let document = ParsedDocument {
        pages: 1,
        tables: vec![Table {
            page: 3,
            confidence: 85.0,
            rows: vec![
                vec!["Villkor".into(), "Villkor".into(), "".into()],
                vec!["Årshyra".into(), "".into(), "150 000 SEK".into()],
                vec![
                    "Hyresvärd".into(),
                    "Fastighets AB Exempel".into(),
                    "".into(),
                ],
            ],
        }],
        ..ParsedDocument::default()
    };
    let proposed = propose(&document);
    assert_eq!(value(&proposed, "payment.amount"), Some("150000.00"));
    assert_eq!(value(&proposed, "payment.frequency"), Some("annual"));
    assert_eq!(value(&proposed, "lessor"), Some("Fastighets AB Exempel"));
    assert_eq!(proposed["lessor"].source.page, 3);
    assert_eq!(proposed["lessor"].confidence, 85.0);
}

#[test]
fn an_empty_document_proposes_nothing() {
    assert!(propose(&ParsedDocument::default()).is_empty());
}

#[test]
fn source_texts_are_cut() {
    let long = format!("Hyresvärd: Fastighets AB {}", "x".repeat(2000));
    let proposed = propose(&lines(&[&long]));
    assert_eq!(
        proposed["lessor"].source.text.chars().count(),
        SOURCE_TEXT_MAX
    );
}

#[test]
fn the_shared_fixtures_hold_no_lease_but_one_end_date() {
    // Job applications, a patient form and a pay stub: no lease labels, and no query of
    // ours (the pay stub's aliases are PAYSTUB_*). Only test-response.json's FORMS pair
    // `End Date` → `6/30/2011` (Textract's confidence 16.9) is a labelled end date, and a
    // careful reader would propose it too (month first: there is no 30th month).
    for name in [
        "employment-application.json",
        "multi-page-forms-samples-2-page.json",
        "queries_sample.json",
        "tables_with_headers_and_merged_cells.json",
        "test-failed-response.json",
        "test-inprogress-response.json",
    ] {
        let proposed = propose(&parse(&[fixture(name)]));
        assert!(proposed.is_empty(), "{name}: {proposed:?}");
    }
    let proposed = propose(&parse(&[fixture("test-response.json")]));
    assert_eq!(values_of(&proposed), [("endDate", "2011-06-30")]);
    let end = &proposed["endDate"];
    assert_eq!(end.source.text, "End Date 6/30/2011");
    assert_eq!(end.source.page, 1);
    assert_eq!(end.confidence.round(), 17.0);
}

#[test]
fn colons_that_end_no_label() {
    assert_eq!(
        split_at_colon("Hyra: 12 500:-"),
        Some(("Hyra", " 12 500:-"))
    );
    assert_eq!(split_at_colon("den 1:a januari"), None);
    assert_eq!(split_at_colon("kl. 12:00"), None);
    assert_eq!(split_at_colon("12 500:- per månad"), None);
    assert_eq!(split_at_colon("§ 4: Hyra"), None);
}

proptest! {
    /// Lines built from labels, values and noise: every path of the extractor, never a panic,
    /// and every proposal a field of ours with a value its reader made.
    #[test]
    fn lines_of_labels_and_values_never_panic(
        texts in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec![
                "Hyresvärd", "Hyra", "Månadshyra", "Tillträdesdag", "Hyrestid", "Upphör",
                "Uppsägningstid", "Index", "Objekt", "Valuta", "Lessee", "Rent", "§ 4", ":", ": ",
                " ", "12 500", ",00", "kr", "SEK", "€", "per månad", "kvartalsvis", "2026-01-01",
                "1 jan. 2026", "31/12/2030", "–", "3 månader", "KPI", "AB Exempel", "org.nr",
                "556000-0000", "\u{a0}", "1:a", "\n", "ö", "x",
            ]), 0..10).prop_map(|parts| parts.concat()),
            0..8,
        )
    ) {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let document = lines(&refs);
        let proposed = propose(&document);
        for (field, proposal) in &proposed {
            prop_assert!(fields::ALL.contains(&field.as_str()));
            prop_assert!(!proposal.value.is_empty());
            prop_assert!(proposal.source.text.chars().count() <= SOURCE_TEXT_MAX);
        }
        // The same texts as key-values (`Label: value` split at the first colon).
        let pairs = texts
            .iter()
            .filter_map(|t| t.split_once(':'))
            .map(|(k, v)| pair(k, v, 50.0))
            .collect();
        let _ = propose(&ParsedDocument { key_values: pairs, ..document });
    }
}
