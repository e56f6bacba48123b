//! The rates read API over HTTP against values computed by hand: FX on a date (direct, cross
//! through the euro, weekends and holidays answering the previous published day, 404 before
//! the first), averages, revisions, the ECB over Fixer, interest series, and the IBR
//! suggestion.
//!
//! Rates are global market data, not tenant data, and the tests run in parallel: each test
//! seeds the table directly (as the import would) in a year of its own, long before any real
//! or imported data, so it owns every day it reads. A lookup "on or before" a date reads back
//! across years, so a test that expects nothing before its first day uses a year no other test
//! seeds before.

use blackbox::{Stack, ie13_contract, text};
use chrono::{TimeZone, Utc};
use mypages::aws::rates::{RatesTable, Written};
use mypages::domain::rates::Observation;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The rates table of the local stack.
pub(crate) fn rates(stack: &Stack) -> RatesTable {
    RatesTable::new(
        stack.deps.store.client().clone().into(),
        text(&stack.state, "ratesTable"),
    )
}

fn observation(series: &str, date: &str, value: &str, source: &str) -> Observation {
    serde_json::from_value(json!({
        "series": series, "date": date, "value": value, "source": source
    }))
    .expect("an observation")
}

/// Stores a day as the import would; a rerun against the same stack finds it stored.
pub(crate) async fn seed(table: &RatesTable, series: &str, date: &str, value: &str, source: &str) {
    let fetched = Utc
        .with_ymd_and_hms(2026, 11, 1, 16, 30, 0)
        .single()
        .expect("instant");
    let written = table
        .put_new_day(&observation(series, date, value, source), fetched)
        .await
        .expect("seeded");
    assert!(matches!(written, Written::Stored | Written::Lost));
}

/// A changed value for a stored day, as the import keeps it (once, also on a rerun).
async fn revise(
    table: &RatesTable,
    series: &str,
    date: &str,
    first: &str,
    changed: &str,
    source: &str,
) {
    let fetched = Utc
        .with_ymd_and_hms(2026, 11, 2, 16, 30, 0)
        .single()
        .expect("instant");
    let previous = observation(series, date, first, source).value;
    let written = table
        .append_revision(
            &observation(series, date, changed, source),
            previous,
            fetched,
        )
        .await
        .expect("revised");
    assert!(matches!(written, Written::Stored | Written::Lost));
}

/// A decimal string without trailing zeros, to compare values whatever scale they carry.
fn num(value: &Value) -> String {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a decimal string: {value}"));
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

async fn ok(stack: &Stack, token: &str, path: &str) -> Value {
    let (status, body, headers) = stack.get(token, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(headers["content-type"], "application/json", "{path}");
    body
}

async fn not_found(stack: &Stack, token: &str, path: &str) -> Value {
    let (status, body, headers) = stack.get(token, path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["type"], "/problems/not-found");
    body
}

/// December 1901: Fri 20, Mon 23 and Tue 24 published; Wed 25 and Thu 26 are TARGET
/// holidays (no ECB file); Fri 27 published. Nothing is stored for SEK or NOK before 1901.
#[tokio::test]
async fn fx_on_a_date_direct_crossed_and_on_weekends_and_holidays() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    for (date, sek, nok) in [
        ("1901-12-20", "11.4900", "11.7600"),
        ("1901-12-23", "11.5030", "11.8125"),
        // NOK per SEK = 11.4998072 / 11.2000 = 1.0267685 exactly: a midpoint at the 7th place.
        ("1901-12-24", "11.2000", "11.4998072"),
        ("1901-12-27", "11.5100", "11.8000"),
    ] {
        seed(&table, "SEK", date, sek, "ecb").await;
        seed(&table, "NOK", date, nok, "ecb").await;
    }
    let token = &t.viewer.id_token;

    // EUR → SEK: the published rate itself.
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1901-12-20",
    )
    .await;
    assert_eq!(answer["base"], "EUR");
    assert_eq!(answer["quote"], "SEK");
    assert_eq!(answer["date"], "1901-12-20");
    assert_eq!(answer["rateDate"], "1901-12-20");
    assert_eq!(answer["rate"], "11.4900");
    assert_eq!(answer["source"], "ecb");
    assert_eq!(answer["revision"], 0);
    assert_eq!(answer["legs"][0]["currency"], "SEK");
    assert_eq!(answer["legs"][0]["perEur"], "11.4900");

    // SEK → NOK through the euro: 11.8125 / 11.5030 = 1.02690602… → 1.026906.
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=SEK&quote=NOK&date=1901-12-23",
    )
    .await;
    assert_eq!(answer["rate"], "1.026906");
    assert_eq!(answer["legs"].as_array().map(Vec::len), Some(2));
    // SEK → EUR: 1 / 11.5030 = 0.086933843… → 6 significant digits below 0.1 = 0.0869338.
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=SEK&quote=EUR&date=1901-12-23",
    )
    .await;
    assert_eq!(answer["rate"], "0.0869338");

    // Saturday 21 December answers Friday 20th, and says so.
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1901-12-21",
    )
    .await;
    assert_eq!(answer["date"], "1901-12-21");
    assert_eq!(answer["rateDate"], "1901-12-20");
    assert_eq!(answer["rate"], "11.4900");

    // Christmas Day and Boxing Day answer Christmas Eve: 1.0267685 rounds half-up to
    // 1.026769 (banker's rounding would give 1.026768).
    for holiday in ["1901-12-25", "1901-12-26"] {
        let path = format!("/rates/fx?base=SEK&quote=NOK&date={holiday}");
        let answer = ok(&stack, token, &path).await;
        assert_eq!(answer["rateDate"], "1901-12-24", "{holiday}");
        assert_eq!(answer["rate"], "1.026769", "{holiday}");
    }

    // Before the first published day: 404, saying which rate.
    let problem = not_found(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1901-12-19",
    )
    .await;
    assert!(text(&problem, "detail").contains("EUR/SEK"), "{problem}");
    // The same currency twice is 1, with nothing to look up.
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=NOK&quote=NOK&date=1901-12-19",
    )
    .await;
    assert_eq!(num(&answer["rate"]), "1");
}

/// March 1902: USD and SEK on Mon 3, Tue 4 and Thu 6; Wed 5 has SEK only, so it is no
/// USD/SEK observation.
#[tokio::test]
async fn the_average_is_the_mean_of_the_daily_cross_rates_published_in_the_range() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    for (date, usd, sek) in [
        ("1902-03-03", Some("1.0850"), "11.4500"),
        ("1902-03-04", Some("1.0875"), "11.4700"),
        ("1902-03-05", None, "11.4800"),
        ("1902-03-06", Some("1.0900"), "11.5000"),
    ] {
        if let Some(usd) = usd {
            seed(&table, "USD", date, usd, "ecb").await;
        }
        seed(&table, "SEK", date, sek, "ecb").await;
    }
    let token = &t.auditor.id_token;
    // 3 March: 11.4500 / 1.0850 = 10.5529953… → 10.552995
    // 4 March: 11.4700 / 1.0875 = 10.5471264… → 10.547126
    // 6 March: 11.5000 / 1.0900 = 10.5504587… → 10.550459
    // mean = 31.650580 / 3 = 10.5501933… → 10.550193 (the ratio of the averaged euro rates,
    // 10.550192, differs)
    let path = "/rates/fx/average?base=USD&quote=SEK&from=1902-03-01&to=1902-03-31";
    let answer = ok(&stack, token, path).await;
    assert_eq!(answer["rate"], "10.550193");
    assert_eq!(answer["observations"], 3);
    assert_eq!(answer["base"], "USD");
    assert_eq!(answer["quote"], "SEK");
    assert_eq!(answer["from"], "1902-03-01");
    assert_eq!(answer["to"], "1902-03-31");
    // EUR/SEK over 3–6 March: (11.45 + 11.47 + 11.48 + 11.50) / 4 = 45.90 / 4 = 11.475
    let path = "/rates/fx/average?base=EUR&quote=SEK&from=1902-03-03&to=1902-03-06";
    let answer = ok(&stack, token, path).await;
    assert_eq!(num(&answer["rate"]), "11.475");
    assert_eq!(answer["observations"], 4);
    // The bounds are inclusive: 4–4 March is that one day.
    let path = "/rates/fx/average?base=USD&quote=SEK&from=1902-03-04&to=1902-03-04";
    assert_eq!(ok(&stack, token, path).await["rate"], "10.547126");
    // The weekend of 8–9 March published nothing: 404, not a rate from an earlier day.
    let path = "/rates/fx/average?base=USD&quote=SEK&from=1902-03-08&to=1902-03-09";
    let problem = not_found(&stack, token, path).await;
    assert!(text(&problem, "detail").contains("USD/SEK"), "{problem}");
}

/// Tuesday 2 June 1903: SEK first published as 11.2000, later revised to 11.2500.
#[tokio::test]
async fn a_revised_rate_is_answered_with_its_revision() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    seed(&table, "SEK", "1903-06-02", "11.2000", "ecb").await;
    revise(&table, "SEK", "1903-06-02", "11.2000", "11.2500", "ecb").await;
    let token = &t.editor.id_token;
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1903-06-02",
    )
    .await;
    assert_eq!(answer["rate"], "11.2500");
    assert_eq!(answer["revision"], 1);
    assert_eq!(answer["legs"][0]["revision"], 1);
    // 1 / 11.2500 = 0.0888888… → 0.0888889
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=SEK&quote=EUR&date=1903-06-05",
    )
    .await;
    assert_eq!(answer["rate"], "0.0888889");
    assert_eq!(answer["rateDate"], "1903-06-02");
    assert_eq!(answer["revision"], 1);
    // A rerun of the same revision changes nothing.
    revise(&table, "SEK", "1903-06-02", "11.2000", "11.2500", "ecb").await;
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1903-06-02",
    )
    .await;
    assert_eq!(answer["revision"], 1);
}

/// September 1904: Mon 5 has SEK from the ECB and from Fixer; Tue 6 from Fixer only.
/// 1909: NOK is last published on Monday 4 January; SEK goes on every day for six weeks, more
/// days than one read looks back. SEK/NOK on 18 February still finds the 4th, the last day
/// both have.
#[tokio::test]
async fn a_currency_no_longer_published_answers_its_last_day_in_common() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    seed(&table, "NOK", "1909-01-04", "11.5500", "ecb").await;
    let first = chrono::NaiveDate::from_ymd_opt(1909, 1, 4).expect("date");
    for offset in 0..46 {
        let day = first + chrono::Days::new(offset);
        seed(&table, "SEK", &day.to_string(), "11.0000", "ecb").await;
    }
    // 11.5500 / 11.0000 = 1.05
    let path = "/rates/fx?base=SEK&quote=NOK&date=1909-02-18";
    let answer = ok(&stack, &t.viewer.id_token, path).await;
    assert_eq!(answer["rateDate"], "1909-01-04", "{answer}");
    assert_eq!(num(&answer["rate"]), "1.05");
    // EUR/SEK needs SEK only: the 18th itself.
    let path = "/rates/fx?base=EUR&quote=SEK&date=1909-02-18";
    assert_eq!(
        ok(&stack, &t.viewer.id_token, path).await["rateDate"],
        "1909-02-18"
    );
}

#[tokio::test]
async fn the_ecb_wins_over_fixer_and_fixer_fills_a_day_the_ecb_lacks() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    seed(&table, "SEK", "1904-09-05", "11.3100", "fixer").await;
    seed(&table, "SEK", "1904-09-05", "11.3000", "ecb").await;
    seed(&table, "SEK", "1904-09-06", "11.3200", "fixer").await;
    let token = &t.admin.id_token;
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1904-09-05",
    )
    .await;
    assert_eq!(answer["rate"], "11.3000");
    assert_eq!(answer["source"], "ecb");
    let answer = ok(
        &stack,
        token,
        "/rates/fx?base=EUR&quote=SEK&date=1904-09-06",
    )
    .await;
    assert_eq!(answer["rate"], "11.3200");
    assert_eq!(answer["source"], "fixer");
    // The average takes the ECB's 5th and Fixer's 6th: (11.30 + 11.32) / 2 = 11.31.
    let path = "/rates/fx/average?base=EUR&quote=SEK&from=1904-09-05&to=1904-09-06";
    let answer = ok(&stack, token, path).await;
    assert_eq!(num(&answer["rate"]), "11.31");
    assert_eq!(answer["observations"], 2);
}

/// March 1905: the policy rate on Tue 28 Feb, Wed 1, Thu 2 (revised), Fri 3 and Mon 6 March.
#[tokio::test]
async fn an_interest_series_answers_each_day_in_the_range_oldest_first() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    for (date, value) in [
        ("1905-02-28", "3.50"),
        ("1905-03-01", "3.75"),
        ("1905-03-02", "3.75"),
        ("1905-03-03", "3.7500"),
        ("1905-03-06", "4.00"),
    ] {
        seed(&table, "SECBREPOEFF", date, value, "riksbank").await;
    }
    revise(
        &table,
        "SECBREPOEFF",
        "1905-03-02",
        "3.75",
        "3.80",
        "riksbank",
    )
    .await;
    let token = &t.viewer.id_token;
    let path = "/rates/interest?series=SECBREPOEFF&from=1905-03-01&to=1905-03-03";
    let answer = ok(&stack, token, path).await;
    assert_eq!(answer["series"], "SECBREPOEFF");
    assert_eq!(
        answer["items"],
        json!([
            {"date": "1905-03-01", "value": "3.75", "source": "riksbank", "revision": 0},
            {"date": "1905-03-02", "value": "3.80", "source": "riksbank", "revision": 1},
            {"date": "1905-03-03", "value": "3.7500", "source": "riksbank", "revision": 0},
        ])
    );
    // A range without data is an empty list, not an error.
    let path = "/rates/interest?series=SEGVB5YC&from=1905-03-01&to=1905-03-31";
    assert_eq!(ok(&stack, token, path).await["items"], json!([]));
}

/// A contract of `years` annual payments from `commencement` to the day before its
/// anniversary.
fn lease(commencement: &str, end: &str) -> Value {
    let mut contract = ie13_contract();
    contract["commencementDate"] = json!(commencement);
    contract["endDate"] = json!(end);
    contract
}

/// March 1906: government yields on Thu 1 and Fri 2 March; contracts commence Saturday 3rd.
/// Nothing is stored for these series before 1906.
#[tokio::test]
async fn the_ibr_suggestion_interpolates_the_yield_for_the_term_and_adds_the_credit_spread() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let table = rates(&stack);
    for (date, two, five, ten) in [
        ("1906-03-01", "2.00", "2.30", "2.80"),
        ("1906-03-02", "2.10", "2.40", "2.90"),
    ] {
        seed(&table, "SEGVB2YC", date, two, "riksbank").await;
        seed(&table, "SEGVB5YC", date, five, "riksbank").await;
        seed(&table, "SEGVB10YC", date, ten, "riksbank").await;
    }
    let three_years = text(
        &stack
            .create_contract(&t.editor, &lease("1906-03-03", "1909-03-02"))
            .await,
        "id",
    );
    let path = format!("/contracts/{three_years}/ibr-suggestion");
    // Before any credit spread: the yield alone.
    // 2.10 + (2.40 − 2.10) × (3 − 2) / (5 − 2) = 2.10 + 0.10 = 2.20
    let answer = ok(&stack, &t.viewer.id_token, &path).await;
    assert_eq!(num(&answer["rate"]), "2.2", "{answer}");
    assert_eq!(num(&answer["inputs"]["creditSpread"]), "0");

    let (status, body, _) = stack
        .change(
            Method::PATCH,
            &t.admin.id_token,
            "/company/settings",
            "\"1\"",
            &json!({"creditSpread": "1.75", "reason": "Bank offer"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = stack.snapshot(&t.company_id).await;
    let answer = ok(&stack, &t.auditor.id_token, &path).await;
    let inputs = &answer["inputs"];
    assert_eq!(num(&answer["rate"]), "3.95", "2.20 + 1.75: {answer}");
    assert_eq!(inputs["series"], "SEGVB2YC/SEGVB5YC");
    assert_eq!(num(&inputs["tenorYears"]), "3");
    assert_eq!(num(&inputs["governmentYield"]), "2.2");
    assert_eq!(inputs["yieldDate"], "1906-03-02", "Saturday answers Friday");
    assert_eq!(inputs["creditSpread"], "1.75");
    assert_eq!(inputs["yields"][0]["series"], "SEGVB2YC");
    assert_eq!(inputs["yields"][0]["value"], "2.10");
    assert_eq!(inputs["yields"][1]["series"], "SEGVB5YC");
    assert_eq!(inputs["yields"][1]["value"], "2.40");
    // A suggestion changes nothing: the contract keeps its rate, no audit record is added.
    assert_eq!(stack.snapshot(&t.company_id).await, before);

    // Beyond 10 years the 10-year yield, flat: 2.90 + 1.75 = 4.65.
    let twelve_years = text(
        &stack
            .create_contract(&t.editor, &lease("1906-03-03", "1918-03-02"))
            .await,
        "id",
    );
    let path = format!("/contracts/{twelve_years}/ibr-suggestion");
    let answer = ok(&stack, &t.viewer.id_token, &path).await;
    assert_eq!(num(&answer["rate"]), "4.65", "{answer}");
    assert_eq!(answer["inputs"]["series"], "SEGVB10YC");
    assert_eq!(num(&answer["inputs"]["tenorYears"]), "12");

    // Commencing before the first stored yield: 404, naming the series.
    let early = text(
        &stack
            .create_contract(&t.editor, &lease("1906-01-15", "1909-01-14"))
            .await,
        "id",
    );
    let path = format!("/contracts/{early}/ibr-suggestion");
    let problem = not_found(&stack, &t.viewer.id_token, &path).await;
    assert!(text(&problem, "detail").contains("SEGVB2YC"), "{problem}");
}

#[tokio::test]
async fn bad_query_parameters_are_a_problem_naming_the_parameter_and_nothing_else() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let (shape, rule) = (StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY);
    for (path, status, field) in [
        // Missing or of the wrong shape: 400.
        ("/rates/interest", shape, "series"),
        ("/rates/interest?series=SEGVB3YC", shape, "series"),
        ("/rates/interest?series=secbrepoeff", shape, "series"),
        (
            "/rates/interest?series=SECBREPOEFF&from=2026-13-01",
            shape,
            "from",
        ),
        (
            "/rates/interest?series=SECBREPOEFF&to=yesterday",
            shape,
            "to",
        ),
        ("/rates/fx?quote=SEK", shape, "base"),
        ("/rates/fx?base=EUR", shape, "quote"),
        (
            "/rates/fx?base=EUR&quote=SEK&date=1899-12-31",
            shape,
            "date",
        ),
        (
            "/rates/fx?base=EUR&quote=SEK&date=2026-02-30",
            shape,
            "date",
        ),
        (
            "/rates/fx/average?base=EUR&quote=SEK&from=20260101",
            shape,
            "from",
        ),
        // Well-formed but breaking a rule: 422.
        ("/rates/fx?base=eur&quote=SEK", rule, "base"),
        ("/rates/fx?base=EUR&quote=XYZ", rule, "quote"),
        (
            "/rates/fx/average?base=EUR&quote=SE&from=2026-01-01",
            rule,
            "quote",
        ),
        (
            "/rates/interest?series=SECBREPOEFF&from=2026-03-02&to=2026-03-01",
            rule,
            "from",
        ),
        (
            "/rates/interest?series=SECBREPOEFF&from=2024-01-01&to=2025-01-02",
            rule,
            "to",
        ),
        (
            "/rates/fx/average?base=EUR&quote=SEK&from=2026-03-01&to=2026-02-28",
            rule,
            "from",
        ),
        (
            "/rates/fx/average?base=EUR&quote=SEK&from=2020-01-01&to=2026-01-01",
            rule,
            "to",
        ),
        // Without `to` (today), a `from` years back is the parameter that is too far.
        (
            "/rates/fx/average?base=EUR&quote=SEK&from=2020-01-01",
            rule,
            "from",
        ),
    ] {
        let (got, problem, headers) = stack
            .send(
                stack
                    .request(Method::GET, path, Some(&t.viewer.id_token))
                    .header("accept-language", "en"),
            )
            .await;
        assert_eq!(got, status, "{path}: {problem}");
        assert_eq!(
            headers["content-type"], "application/problem+json",
            "{path}"
        );
        assert_eq!(problem["status"], status.as_u16());
        let errors = problem["errors"].as_array().cloned().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{path}: {problem}");
        assert_eq!(errors[0]["field"], field, "{path}: {problem}");
        // A problem and nothing else: no rate slipped into the answer.
        assert!(problem.get("rate").is_none() && problem.get("items").is_none());
    }
}

#[tokio::test]
async fn the_missing_rate_problem_follows_the_language() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    // ISK: no test seeds it, and the fake upstream serves only recent days.
    let path = "/rates/fx?base=EUR&quote=ISK&date=1900-01-02";
    let (status, problem, headers) = stack
        .send(
            stack
                .request(Method::GET, path, Some(&t.viewer.id_token))
                .header("accept-language", "sv"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    assert_eq!(headers["content-language"], "sv");
    assert_eq!(problem["title"], "Hittades inte");
    assert!(
        text(&problem, "detail").starts_with("Ingen EUR/ISK-kurs"),
        "{problem}"
    );
}
