//! The parsers on the recorded payloads the local fake upstream serves (events/rates-import/
//! upstream), and on those payloads cut short, bent out of shape or contradicting themselves.

use super::*;
use std::str::FromStr;

/// A recorded payload, compiled in: the domain does no I/O, not even in tests.
macro_rules! payload {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../events/rates-import/upstream/",
            $name
        ))
    };
}

const SWEA_RANGE: &str = payload!("swea-SEGVB5YC.json");
const SWEA_LATEST: &str = payload!("swea-latest-SECBREPOEFF.json");
const ECB_DAILY: &str = payload!("eurofxref-daily.xml");
const ECB_90D: &str = payload!("eurofxref-hist-90d.xml");
const FIXER_LATEST: &str = payload!("fixer-latest.json");
const FIXER_ERROR: &str = payload!("fixer-error.json");

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test decimal")
}

fn swea_range(body: &str) -> Result<Vec<Observation>, UpstreamError> {
    swea_observations("SEGVB5YC", d("2025-01-01"), d("2025-01-10"), body)
}

fn value_of(observations: &[Observation], series: &str, date: &str) -> Option<Decimal> {
    observations
        .iter()
        .find(|o| o.series == series && o.date == d(date))
        .map(|o| o.value)
}

/// Every proper prefix of the payload (short of its trailing whitespace) is refused as
/// truncated: whichever byte the connection drops at, nothing is imported.
fn every_cut_is_truncated(
    body: &str,
    step: usize,
    parse: impl Fn(&str) -> Result<Vec<Observation>, UpstreamError>,
) {
    let end = body.trim_end().len();
    let mut cut = 0;
    while cut < end {
        if body.is_char_boundary(cut) {
            match parse(&body[..cut]) {
                Err(UpstreamError::Truncated { .. }) => {}
                other => panic!("cut at {cut} of {end}: {other:?}"),
            }
        }
        cut += step;
    }
}

#[test]
fn a_swea_range_reads_every_observation_with_its_exact_decimal_text() {
    let observations = swea_range(SWEA_RANGE).expect("parses");
    assert_eq!(observations.len(), 6);
    assert!(observations.iter().all(|o| o.series == "SEGVB5YC"));
    assert!(observations.iter().all(|o| o.source == Source::Riksbank));
    assert_eq!(
        value_of(&observations, "SEGVB5YC", "2025-01-02"),
        Some(dec("2.184"))
    );
    // The scale survives too: 2.25 is read as written, not as the f64 nearest to it.
    let v = value_of(&observations, "SEGVB5YC", "2025-01-08").expect("present");
    assert_eq!(v.to_string(), "2.25");
    // 6 January is a Swedish holiday: absent, and no error.
    assert_eq!(value_of(&observations, "SEGVB5YC", "2025-01-06"), None);
}

#[test]
fn a_swea_value_keeps_digits_an_f64_would_lose() {
    let body = r#"[{"date":"2025-01-02","value":2.18400000000000000001}]"#;
    let observations = swea_range(body).expect("parses");
    assert_eq!(observations[0].value.to_string(), "2.18400000000000000001");
}

#[test]
fn an_empty_swea_range_is_an_answer_not_an_error() {
    assert_eq!(swea_range("[]"), Ok(vec![]));
}

#[test]
fn swea_latest_reads_the_one_object() {
    let observation = swea_latest("SECBREPOEFF", SWEA_LATEST).expect("parses");
    assert_eq!(
        observation,
        Observation {
            series: "SECBREPOEFF".into(),
            date: d("2025-01-10"),
            value: dec("2.5"),
            source: Source::Riksbank,
        }
    );
}

#[test]
fn a_negative_swea_rate_parses() {
    // The policy rate was negative 2015–2019; the parser reads it, validation bounds it.
    let observation =
        swea_latest("SECBREPOEFF", r#"{"date":"2016-02-17","value":-0.5}"#).expect("parses");
    assert_eq!(observation.value, dec("-0.5"));
}

#[test]
fn every_truncation_of_a_swea_payload_is_refused() {
    every_cut_is_truncated(SWEA_RANGE, 1, swea_range);
    every_cut_is_truncated(SWEA_LATEST, 1, |b| {
        swea_latest("SECBREPOEFF", b).map(|o| vec![o])
    });
}

#[test]
fn a_malformed_swea_payload_is_refused() {
    for body in [
        "<html>Service Unavailable</html>",
        r#"{"date":"2025-01-02","value":2.1}"#, // an object where the range answers an array
        r#"[{"date":"2025-01-02"}]"#,
        r#"[{"value":2.1}]"#,
        r#"[{"date":"2025-01-02","value":2.1}] trailing"#,
        r#"[{"date":"2025-01-02","value":2.1}]x"#, // garbage at the very end is no cut
        r#"[{"date":"2025-01-02","value":2.x}]"#,
    ] {
        assert!(
            matches!(swea_range(body), Err(UpstreamError::Malformed { .. })),
            "{body}: {:?}",
            swea_range(body)
        );
    }
}

#[test]
fn an_unreadable_swea_value_or_date_is_refused() {
    for body in [
        r#"[{"date":"2025-01-02","value":"2.1"}]"#,
        r#"[{"date":"2025-01-02","value":null}]"#,
        r#"[{"date":"2025-01-02","value":"NaN"}]"#,
        r#"[{"date":"2025-01-02","value":1e400}]"#,
        r#"[{"date":"2025-1-2","value":2.1}]"#,
        r#"[{"date":"2025-02-30","value":2.1}]"#,
        r#"[{"date":"+2025-01-02","value":2.1}]"#,
    ] {
        assert!(
            matches!(swea_range(body), Err(UpstreamError::Unreadable { .. })),
            "{body}: {:?}",
            swea_range(body)
        );
    }
}

#[test]
fn a_swea_payload_with_one_bad_observation_yields_none_of_the_good_ones() {
    let body = r#"[{"date":"2025-01-02","value":2.1},{"date":"2025-01-03","value":null}]"#;
    assert!(swea_range(body).is_err());
}

#[test]
fn a_swea_date_twice_or_outside_the_range_asked_for_is_inconsistent() {
    let twice = r#"[{"date":"2025-01-02","value":2.1},{"date":"2025-01-02","value":2.1}]"#;
    let before = r#"[{"date":"2024-12-31","value":2.1}]"#;
    let after = r#"[{"date":"2025-01-11","value":2.1}]"#;
    for body in [twice, before, after] {
        assert!(
            matches!(swea_range(body), Err(UpstreamError::Inconsistent { .. })),
            "{body}"
        );
    }
}

#[test]
fn the_ecb_daily_file_reads_one_day_of_thirty_currencies() {
    let observations = ecb_reference_rates(ECB_DAILY).expect("parses");
    assert_eq!(observations.len(), 30);
    assert!(observations.iter().all(|o| o.date == d("2025-01-03")));
    assert!(observations.iter().all(|o| o.source == Source::Ecb));
    assert_eq!(
        value_of(&observations, "USD", "2025-01-03"),
        Some(dec("1.0389"))
    );
    assert_eq!(
        value_of(&observations, "SEK", "2025-01-03"),
        Some(dec("11.4935"))
    );
    // Trailing zeros are part of what the ECB published.
    let pln = value_of(&observations, "PLN", "2025-01-03").expect("present");
    assert_eq!(pln.to_string(), "4.2750");
}

#[test]
fn the_ecb_90_day_file_skips_weekends_and_holidays_without_complaint() {
    let observations = ecb_reference_rates(ECB_90D).expect("parses");
    let days: BTreeSet<NaiveDate> = observations.iter().map(|o| o.date).collect();
    // The last days of the recording, written out: Christmas and New Year's Day are TARGET
    // holidays, Christmas Eve and New Year's Eve are not.
    let year_end: BTreeSet<NaiveDate> = [
        "2024-12-19",
        "2024-12-20",
        "2024-12-23",
        "2024-12-24",
        "2024-12-27",
        "2024-12-30",
        "2024-12-31",
        "2025-01-02",
        "2025-01-03",
    ]
    .into_iter()
    .map(d)
    .collect();
    assert_eq!(
        days.range(d("2024-12-19")..)
            .copied()
            .collect::<BTreeSet<_>>(),
        year_end
    );
    // The whole recording (back to 2024-09-23, so the local stack has the demo quarter's
    // rates): every TARGET day, nothing else.
    let target: BTreeSet<NaiveDate> =
        crate::domain::rates::calendar::target_days(d("2024-09-23"), d("2025-01-03"))
            .into_iter()
            .collect();
    assert_eq!(days, target);
    assert_eq!(days.len(), 72);
    assert_eq!(observations.len(), 72 * 30);
    // The daily file's day is the newest of the 90 days, with the same values.
    let daily = ecb_reference_rates(ECB_DAILY).expect("parses");
    for o in &daily {
        assert_eq!(
            value_of(&observations, &o.series, "2025-01-03"),
            Some(o.value)
        );
    }
}

#[test]
fn every_truncation_of_an_ecb_file_is_refused() {
    every_cut_is_truncated(ECB_DAILY, 1, ecb_reference_rates);
    // The 90-day file is 72 days long: a cut at every 211th byte (a prime, so the cuts drift
    // through the days' text) still lands in every kind of place, and the daily file above is
    // cut at every byte of a day.
    every_cut_is_truncated(ECB_90D, 211, ecb_reference_rates);
}

#[test]
fn an_ecb_file_cut_between_two_days_is_refused() {
    // The cut most likely to look complete: right after a day's closing tag.
    let end_of_first_day = ECB_90D.find("</Cube>").expect("a day") + "</Cube>".len();
    assert!(matches!(
        ecb_reference_rates(&ECB_90D[..end_of_first_day]),
        Err(UpstreamError::Truncated { .. })
    ));
}

#[test]
fn another_xml_document_is_not_read_as_no_rates() {
    let other = r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>Maintenance</body></html>"#;
    assert!(ecb_reference_rates(other).is_err());
    let wrong_namespace = ECB_DAILY.replace(ECB_NAMESPACE, "http://example.com/rates");
    assert!(matches!(
        ecb_reference_rates(&wrong_namespace),
        Err(UpstreamError::Malformed { .. })
    ));
    let no_namespace = ECB_DAILY.replace(&format!(" xmlns=\"{ECB_NAMESPACE}\""), "");
    assert!(ecb_reference_rates(&no_namespace).is_err());
    let wrong_subject = ECB_DAILY.replace("Reference rates", "Something else");
    assert!(matches!(
        ecb_reference_rates(&wrong_subject),
        Err(UpstreamError::Malformed { .. })
    ));
    assert!(ecb_reference_rates("").is_err());
    assert!(ecb_reference_rates("not xml at all").is_err());
}

#[test]
fn an_unreadable_ecb_rate_or_date_refuses_the_whole_file() {
    for (from, to) in [
        ("rate='1.0389'", "rate='NaN'"),
        ("rate='1.0389'", "rate='1,0389'"),
        ("rate='1.0389'", "rate=''"),
        ("rate='1.0389'", "rate='1_0389'"),
        ("rate='1.0389'", "rate='.0389'"),
        ("rate='1.0389'", "rate='+1.0389'"),
        ("rate='1.0389'", "rate='1.0389 '"),
        ("currency='USD'", "currency='usd'"),
        ("currency='USD'", "currency='US'"),
        ("time='2025-01-03'", "time='03.01.2025'"),
    ] {
        let body = ECB_DAILY.replacen(from, to, 1);
        assert_ne!(body, ECB_DAILY, "{to} was put in");
        assert!(
            matches!(
                ecb_reference_rates(&body),
                Err(UpstreamError::Unreadable { .. })
            ),
            "{to}: {:?}",
            ecb_reference_rates(&body)
        );
    }
}

#[test]
fn an_ecb_rate_element_turned_into_text_or_renamed_is_refused_not_skipped() {
    // Found by the property below: a lost `<` made USD text, which was silently ignored.
    let usd = "<Cube currency='USD' rate='1.0389'/>";
    for broken in [
        " Cube currency='USD' rate='1.0389'/>",
        "<Cubf currency='USD' rate='1.0389'/>",
        "<Cube currency='USD' rate='1.0389'>1.0389</Cube>",
        "<Cube currency='USD' rate='1.0389' note='x'/>",
    ] {
        let body = ECB_DAILY.replacen(usd, broken, 1);
        assert!(
            matches!(
                ecb_reference_rates(&body),
                Err(UpstreamError::Malformed { .. })
            ),
            "{broken}: {:?}",
            ecb_reference_rates(&body)
        );
    }
    let text_in_a_day = ECB_DAILY.replacen(usd, &format!("{usd}USD 1.0389"), 1);
    assert!(ecb_reference_rates(&text_in_a_day).is_err());
}

#[test]
fn an_ecb_rate_without_its_attributes_is_malformed() {
    let body = ECB_DAILY.replacen(" rate='1.0389'", "", 1);
    assert!(matches!(
        ecb_reference_rates(&body),
        Err(UpstreamError::Malformed { .. })
    ));
}

#[test]
fn an_ecb_day_or_currency_twice_or_a_day_without_rates_is_inconsistent() {
    let usd = "<Cube currency='USD' rate='1.0389'/>";
    let currency_twice = ECB_DAILY.replacen(usd, &format!("{usd}{usd}"), 1);
    let start = ECB_90D.find("<Cube time='2025-01-02'>").expect("day");
    let day_twice = ECB_90D.replacen("<Cube time='2025-01-02'>", "<Cube time='2025-01-03'>", 1);
    assert_ne!(day_twice, ECB_90D);
    let empty_day = format!(
        "{}<Cube time='2025-01-05'></Cube>{}",
        &ECB_90D[..start],
        &ECB_90D[start..]
    );
    let no_day = ECB_DAILY.replace(
        &ECB_DAILY[ECB_DAILY.find("<Cube time").expect("day")
            ..ECB_DAILY.rfind("</Cube>\n\t</Cube>").expect("end") + "</Cube>".len()],
        "",
    );
    for (what, body) in [
        ("currency twice", currency_twice),
        ("day twice", day_twice),
        ("empty day", empty_day),
        ("no day", no_day),
    ] {
        assert!(
            matches!(
                ecb_reference_rates(&body),
                Err(UpstreamError::Inconsistent { .. })
            ),
            "{what}: {:?}",
            ecb_reference_rates(&body)
        );
    }
}

#[test]
fn a_missing_currency_is_for_validation_not_the_parser() {
    // A day without SEK is a well-formed file; validation compares it with the day before.
    let body = ECB_DAILY.replacen("<Cube currency='SEK' rate='11.4935'/>", "", 1);
    let observations = ecb_reference_rates(&body).expect("parses");
    assert_eq!(observations.len(), 29);
    assert_eq!(value_of(&observations, "SEK", "2025-01-03"), None);
}

#[test]
fn fixer_latest_reads_every_rate_but_the_base() {
    let observations = fixer_rates(FIXER_LATEST).expect("parses");
    assert_eq!(observations.len(), 30);
    assert!(observations.iter().all(|o| o.date == d("2025-01-03")));
    assert!(observations.iter().all(|o| o.source == Source::Fixer));
    assert_eq!(value_of(&observations, "EUR", "2025-01-03"), None);
    assert_eq!(
        value_of(&observations, "SEK", "2025-01-03"),
        Some(dec("11.493518"))
    );
    // Exponent form, exactly.
    assert_eq!(
        value_of(&observations, "BTC", "2025-01-03"),
        Some(dec("0.000010811954"))
    );
}

#[test]
fn a_fixer_error_object_names_its_code_and_type() {
    let error = fixer_rates(FIXER_ERROR).expect_err("an error object");
    assert_eq!(
        error,
        UpstreamError::Fixer {
            code: 104,
            kind: "usage_limit_reached".into(),
            info: Some(
                "Your monthly API request volume has been reached. Please upgrade your plan."
                    .into()
            ),
        }
    );
    let message = error.to_string();
    assert!(message.contains("104"), "{message}");
    assert!(message.contains("usage_limit_reached"), "{message}");
    let bare = fixer_rates(r#"{"success":false,"error":{"code":101,"type":"missing_access_key"}}"#)
        .expect_err("an error object");
    assert_eq!(
        bare.to_string(),
        "Fixer answered error 101 (missing_access_key)"
    );
}

#[test]
fn a_fixer_failure_without_its_error_object_is_malformed() {
    assert!(matches!(
        fixer_rates(r#"{"success":false}"#),
        Err(UpstreamError::Malformed { .. })
    ));
}

#[test]
fn every_truncation_of_a_fixer_payload_is_refused() {
    every_cut_is_truncated(FIXER_LATEST, 1, fixer_rates);
    every_cut_is_truncated(FIXER_ERROR, 1, fixer_rates);
}

#[test]
fn a_fixer_answer_that_contradicts_itself_is_inconsistent() {
    for (what, from, to) in [
        ("another base", r#""base":"EUR""#, r#""base":"USD""#),
        ("the base not at one", r#""EUR":1,"#, r#""EUR":1.01,"#),
        (
            "a currency twice",
            r#""SEK":11.493518,"#,
            r#""SEK":11.493518,"SEK":11.5,"#,
        ),
    ] {
        let body = FIXER_LATEST.replacen(from, to, 1);
        assert_ne!(body, FIXER_LATEST, "{what} was put in");
        let result = fixer_rates(&body);
        assert!(result.is_err(), "{what}: {result:?}");
        if what != "a currency twice" {
            assert!(
                matches!(result, Err(UpstreamError::Inconsistent { .. })),
                "{what}: {result:?}"
            );
        }
    }
    let no_rates = r#"{"success":true,"base":"EUR","date":"2025-01-03","rates":{"EUR":1}}"#;
    assert!(matches!(
        fixer_rates(no_rates),
        Err(UpstreamError::Inconsistent { .. })
    ));
}

#[test]
fn a_fixer_answer_missing_a_part_or_with_an_unreadable_value_is_refused() {
    let no_date = FIXER_LATEST.replacen(r#""date":"2025-01-03","#, "", 1);
    let string_rate = FIXER_LATEST.replacen(r#""SEK":11.493518"#, r#""SEK":"11.493518""#, 1);
    let lower_case = FIXER_LATEST.replacen(r#""SEK":"#, r#""sek":"#, 1);
    assert!(matches!(
        fixer_rates(&no_date),
        Err(UpstreamError::Malformed { .. })
    ));
    assert!(matches!(
        fixer_rates(&string_rate),
        Err(UpstreamError::Unreadable { .. })
    ));
    assert!(matches!(
        fixer_rates(&lower_case),
        Err(UpstreamError::Unreadable { .. })
    ));
    assert!(fixer_rates("[]").is_err());
}

#[test]
fn the_number_readers_refuse_what_is_not_a_plain_decimal() {
    for good in ["1", "0.5", "-0.25", "16863.28", "4.2750"] {
        assert!(plain_decimal(Source::Ecb, good).is_ok(), "{good}");
    }
    for bad in [
        "", "-", ".5", "5.", "1.2.3", "1e5", "NaN", "inf", " 1", "1_0", "+1",
    ] {
        assert!(plain_decimal(Source::Ecb, bad).is_err(), "{bad}");
    }
    // More digits than a Decimal holds: refused, not rounded.
    assert!(plain_decimal(Source::Ecb, "1.00000000000000000000000000001").is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    type Parser = fn(&str) -> Result<Vec<Observation>, UpstreamError>;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn no_input_makes_a_parser_panic(body in "\\PC{0,200}") {
            let _ = swea_range(&body);
            let _ = swea_latest("SECBREPOEFF", &body);
            let _ = ecb_reference_rates(&body);
            let _ = fixer_rates(&body);
        }

        /// A recorded payload with one character replaced: refused, or read with the same
        /// number of observations (a digit changed is still a well-formed payload).
        #[test]
        fn a_payload_with_one_character_changed_is_refused_or_read_whole(
            which in 0usize..4,
            at in any::<prop::sample::Index>(),
            with in proptest::char::any(),
        ) {
            let (body, parse): (&str, Parser) =
                match which {
                    0 => (SWEA_RANGE, swea_range),
                    1 => (ECB_DAILY, ecb_reference_rates),
                    2 => (ECB_90D, ecb_reference_rates),
                    _ => (FIXER_LATEST, fixer_rates),
                };
            let expected = parse(body).map(|o| o.len()).unwrap_or_default();
            let chars: Vec<char> = body.chars().collect();
            let i = at.index(chars.len());
            let changed: String = chars
                .iter()
                .enumerate()
                .map(|(j, c)| if j == i { with } else { *c })
                .collect();
            if let Ok(observations) = parse(&changed) {
                // Nothing is lost silently: the count holds. One exception: Fixer's base entry
                // ("EUR":1) renamed becomes a currency of its own, and Fixer may leave the base
                // out (with `symbols`), so its absence cannot be refused.
                let renamed_base = usize::from(which == 3);
                prop_assert!(
                    (expected..=expected + renamed_base).contains(&observations.len()),
                    "{} observations from {}",
                    observations.len(),
                    changed
                );
            }
        }
    }
}
