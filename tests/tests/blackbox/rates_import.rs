//! The rate import (`rates-import`, issue 9) end to end: the fake upstream started by each
//! test (with the faults it is told to make), the real import, and a rates table of the test's
//! own in the emulator (rates are global, so tests that change them cannot share a table).
//! Every fault ends with the right outcome and nothing stored lost or changed.

use std::collections::BTreeMap;
use std::time::Duration;

use blackbox::Stack;
use chrono::{DateTime, NaiveDate, Utc};
use mypages::aws::rates::{RatesTable, StoredRate};
use mypages::aws::rates_import::ImportDeps;
use mypages::aws::rates_sources::{Fetcher, RetryPolicy, UpstreamKeys, UpstreamUrls};
use mypages::domain::rates::Source;
use mypages::domain::rates::validation::Rules;
use mypages_local::template::Template;
use mypages_local::upstream::{FakeUpstream, Fault, default_recordings_dir};
use serde_json::{Value, json};

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        timeout: Duration::from_millis(400),
        attempts: 3,
        base_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(2),
    }
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// A run's "now": after every recorded day.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-01-13T16:30:00Z")
        .expect("a test instant")
        .with_timezone(&Utc)
}

struct Import {
    fake: FakeUpstream,
    deps: ImportDeps,
}

impl Import {
    /// A fresh table from template.yaml's `RatesTable`, and the fake upstream.
    async fn new() -> Import {
        Import::with_window(30).await
    }

    /// As `new`, back-filling `backfill_days`.
    async fn with_window(backfill_days: u64) -> Import {
        let stack = Stack::connect().await;
        let client = stack.deps.store.client().clone();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let template = Template::load(&root.join("template.yaml")).expect("template.yaml");
        let name = format!("rates-test-{}", uuid::Uuid::now_v7());
        mypages_local::provision::ensure_table(&client, &template, "RatesTable", &name)
            .await
            .expect("the test's rates table");
        let fake = FakeUpstream::start(default_recordings_dir())
            .await
            .expect("the fake upstream");
        let fetcher = Fetcher::new(
            reqwest::Client::new(),
            UpstreamUrls {
                riksbank: fake.riksbank_url(),
                ecb: fake.ecb_url(),
                fixer: Some(fake.fixer_url()),
            },
            UpstreamKeys {
                riksbank_key: None,
                fixer_key: Some("fixer-test-key".into()),
            },
            fast_policy(),
        );
        let deps = ImportDeps {
            table: RatesTable::new(client.into(), name),
            fetcher,
            rules: Rules::default(),
            backfill_days,
        };
        Import { fake, deps }
    }

    async fn run(&self, event: Value) -> Value {
        rates_import::run(&self.deps, &event, now())
            .await
            .expect("a run answers its summary")
    }

    async fn all(&self) -> Value {
        self.run(json!({})).await
    }

    /// Every stored day of `series` (all sources), by "date#source".
    async fn stored(&self, series: &str) -> BTreeMap<String, StoredRate> {
        self.deps
            .table
            .days_in_range(series, d("2024-01-01"), d("2025-12-31"))
            .await
            .expect("the table answers")
            .into_iter()
            .map(|r| {
                let source = r.observation.source.as_str();
                (format!("{}#{source}", r.observation.date), r)
            })
            .collect()
    }

    /// The whole table as comparable text: what "nothing changed" is checked against.
    async fn everything(&self) -> Vec<String> {
        let mut all = Vec::new();
        for series in [
            "SEK",
            "NOK",
            "USD",
            "GBP",
            "AED",
            "SECBREPOEFF",
            "SEGVB2YC",
            "SEGVB5YC",
            "SEGVB10YC",
        ] {
            for (key, rate) in self.stored(series).await {
                all.push(format!(
                    "{series} {key} {} first {} rev {} at {}",
                    rate.observation.value, rate.first_value, rate.revision, rate.fetched_at
                ));
            }
        }
        all
    }
}

fn counts(report: &Value, source: &str) -> (u64, u64, u64, u64, u64) {
    let c = &report["summary"][source];
    let n = |k: &str| {
        c[k].as_u64()
            .unwrap_or_else(|| panic!("{source}.{k} in {report}"))
    };
    (
        n("imported"),
        n("revisions"),
        n("unchanged"),
        n("heldBack"),
        n("failed"),
    )
}

/// The recorded 90-day history with `currency`'s rate on `day` changed to `rate`.
fn history_with(day: &str, currency: &str, rate: &str) -> Fault {
    let recorded = std::fs::read_to_string(default_recordings_dir().join("eurofxref-hist-90d.xml"))
        .expect("recorded history");
    let mut body = String::new();
    let mut in_day = false;
    for line in recorded.lines() {
        if line.contains("time='") {
            in_day = line.contains(&format!("time='{day}'"));
        }
        if in_day && line.contains(&format!("currency='{currency}'")) {
            let start = line.find("rate='").expect("a rate") + "rate='".len();
            let end = start + line[start..].find('\'').expect("quoted");
            body.push_str(&format!("{}{rate}{}", &line[..start], &line[end..]));
        } else {
            body.push_str(line);
        }
        body.push('\n');
    }
    Fault::Body {
        content_type: "text/xml".into(),
        body,
    }
}

/// The recorded 90-day history without `day`.
fn history_without(day: &str) -> Fault {
    let recorded = std::fs::read_to_string(default_recordings_dir().join("eurofxref-hist-90d.xml"))
        .expect("recorded history");
    let start = recorded
        .find(&format!("<Cube time='{day}'>"))
        .expect("the day is recorded");
    let end =
        start + recorded[start..].find("</Cube>\n").expect("the day ends") + "</Cube>\n".len();
    Fault::Body {
        content_type: "text/xml".into(),
        body: format!("{}{}", &recorded[..start], &recorded[end..]),
    }
}

/// The recorded daily file with its day and rates changed: `day` replaces 2025-01-03, and
/// each (currency, rate) replaces that currency's rate (`None`: the currency is left out).
fn daily_with(day: &str, changes: &[(&str, Option<&str>)]) -> Fault {
    let recorded = std::fs::read_to_string(default_recordings_dir().join("eurofxref-daily.xml"))
        .expect("recorded daily");
    let mut body = String::new();
    for line in recorded.lines() {
        let mut line = line.replace("2025-01-03", day);
        for (currency, rate) in changes {
            if line.contains(&format!("currency='{currency}'")) {
                line = match rate {
                    Some(rate) => format!("\t\t\t<Cube currency='{currency}' rate='{rate}'/>"),
                    None => String::new(),
                };
            }
        }
        if !line.is_empty() {
            body.push_str(&line);
            body.push('\n');
        }
    }
    Fault::Body {
        content_type: "text/xml".into(),
        body,
    }
}

#[tokio::test]
async fn a_run_imports_every_source_and_a_second_run_changes_nothing() {
    let import = Import::new().await;
    let first = import.all().await;
    assert_eq!(first["failures"], json!([]), "{first}");
    assert_eq!(first["heldBack"], json!([]), "{first}");
    let (ecb, _, _, _, _) = counts(&first, "ecb");
    let (riksbank, _, _, _, _) = counts(&first, "riksbank");
    let (fixer, _, _, _, _) = counts(&first, "fixer");
    // Into an empty table the whole recorded history: 72 ECB days (2024-09-23 … 2025-01-03)
    // of 30 currencies; Fixer's one day.
    assert_eq!(ecb, 72 * 30, "{first}");
    assert_eq!(riksbank, 48, "{first}");
    assert!(fixer > 0, "{first}");
    let sek = import.stored("SEK").await;
    assert_eq!(
        sek["2025-01-03#ecb"].observation.value.to_string(),
        "11.4935"
    );
    assert_eq!(sek["2025-01-03#ecb"].revision, 0);
    assert!(
        !sek.contains_key("2025-01-01#ecb"),
        "no rates on a TARGET holiday"
    );
    let before = import.everything().await;

    let second = import.all().await;
    for source in ["ecb", "riksbank", "fixer"] {
        let (imported, revisions, unchanged, held, failed) = counts(&second, source);
        assert_eq!(
            (imported, revisions, held, failed),
            (0, 0, 0, 0),
            "{source}: {second}"
        );
        assert!(unchanged > 0, "{source}: {second}");
    }
    assert_eq!(
        import.everything().await,
        before,
        "a second run changes nothing"
    );
}

#[tokio::test]
async fn a_500_is_retried_and_a_source_that_stays_down_stops_no_other_source() {
    let import = Import::new().await;
    // Once: retried, and the import succeeds.
    import
        .fake
        .push_fault("eurofxref-daily.xml", Fault::Status(500));
    let report = import.run(json!({"sources": ["ecb"]})).await;
    assert_eq!(counts(&report, "ecb").4, 0, "{report}");
    assert_eq!(import.fake.count("eurofxref-daily.xml"), 2, "one retry");
    let before = import.everything().await;

    // The ECB down for good (every attempt of both files), the Riksbank fine.
    for _ in 0..3 {
        import.fake.push_fault("/ecb/", Fault::Status(503));
        import.fake.push_fault("/ecb/", Fault::Status(500));
    }
    let report = import.all().await;
    let (imported, _, _, _, failed) = counts(&report, "ecb");
    assert_eq!(imported, 0, "{report}");
    assert!(failed >= 1, "{report}");
    let failure = &report["failures"][0];
    assert_eq!(failure["source"], "ecb", "{report}");
    assert!(
        failure["error"].as_str().unwrap_or("").contains("50"),
        "{report}"
    );
    let (riksbank, _, _, _, riksbank_failed) = counts(&report, "riksbank");
    assert!(
        riksbank > 0 && riksbank_failed == 0,
        "the Riksbank is imported: {report}"
    );
    // The ECB's stored days are as they were.
    let sek_now = import.stored("SEK").await;
    assert_eq!(sek_now.keys().filter(|k| k.ends_with("#ecb")).count(), 72);
    let ecb_lines = |all: Vec<String>| -> Vec<String> {
        all.into_iter().filter(|l| l.contains("#ecb ")).collect()
    };
    assert_eq!(
        ecb_lines(import.everything().await),
        ecb_lines(before),
        "the ECB's stored days are unchanged"
    );
}

#[tokio::test]
async fn a_429_is_waited_out_for_its_retry_after() {
    let import = Import::new().await;
    import.fake.push_fault(
        "Observations/SEGVB5YC/",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    let started = std::time::Instant::now();
    let report = import.run(json!({"sources": ["riksbank"]})).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was waited for"
    );
    assert_eq!(counts(&report, "riksbank").4, 0, "{report}");
    assert_eq!(import.stored("SEGVB5YC").await.len(), 6);
    assert_eq!(import.fake.count("Observations/SEGVB5YC/"), 2);
}

/// One SWEA request a series while the window has days; a series whose window is empty (the
/// run long after its last day) is found through its latest day.
#[tokio::test]
async fn swea_is_asked_for_the_window_and_for_the_latest_day_only_when_the_window_is_empty() {
    let import = Import::new().await;
    let report = import.run(json!({"sources": ["riksbank"]})).await;
    assert_eq!(counts(&report, "riksbank").0, 48, "{report}");
    assert_eq!(import.fake.count("Observations/Latest/"), 0);
    assert_eq!(import.fake.requests().len(), 4);

    let later = Import::new().await;
    let march = DateTime::parse_from_rfc3339("2025-03-03T08:00:00Z")
        .expect("instant")
        .with_timezone(&Utc);
    let report = rates_import::run(&later.deps, &json!({"sources": ["riksbank"]}), march)
        .await
        .expect("summary");
    assert_eq!(report["failures"], json!([]), "{report}");
    assert_eq!(later.fake.count("Observations/Latest/"), 4);
    assert_eq!(counts(&report, "riksbank").0, 57, "{report}");
}

#[tokio::test]
async fn a_timeout_is_retried_and_a_series_that_never_answers_fails_alone() {
    let import = Import::new().await;
    import.fake.push_fault(
        "Observations/SEGVB2YC/",
        Fault::Hang(Duration::from_secs(2)),
    );
    for _ in 0..3 {
        import.fake.push_fault(
            "Observations/SEGVB10YC/",
            Fault::Hang(Duration::from_secs(2)),
        );
    }
    let report = import.run(json!({"sources": ["riksbank"]})).await;
    let (imported, _, _, _, failed) = counts(&report, "riksbank");
    assert_eq!(failed, 1, "only the 10-year series failed: {report}");
    assert_eq!(report["failures"][0]["what"], "SEGVB10YC", "{report}");
    assert!(
        report["failures"][0]["error"]
            .as_str()
            .unwrap_or("")
            .contains("no complete answer within"),
        "{report}"
    );
    assert!(imported > 0);
    assert!(
        !import.stored("SEGVB2YC").await.is_empty(),
        "the hang was retried"
    );
    assert!(import.stored("SEGVB10YC").await.is_empty());
}

#[tokio::test]
async fn truncated_json_and_xml_import_nothing_from_their_payload_and_keep_the_last_good_data() {
    let import = Import::new().await;
    import.all().await;
    let before = import.everything().await;

    import
        .fake
        .push_fault("Observations/SEGVB5YC/", Fault::Truncate);
    import
        .fake
        .push_fault("eurofxref-daily.xml", Fault::Truncate);
    import
        .fake
        .push_fault("eurofxref-hist-90d.xml", Fault::Truncate);
    let report = import.all().await;
    let (_, _, _, _, riksbank_failed) = counts(&report, "riksbank");
    let (ecb_imported, _, _, _, ecb_failed) = counts(&report, "ecb");
    assert_eq!(riksbank_failed, 1, "{report}");
    assert_eq!((ecb_imported, ecb_failed), (0, 2), "{report}");
    let errors: Vec<&str> = report["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .filter_map(|f| f["error"].as_str())
        .collect();
    assert!(
        errors
            .iter()
            .all(|e| e.contains("truncated") || e.contains("malformed")),
        "{errors:?}"
    );
    assert_eq!(import.everything().await, before, "nothing stored changed");
}

#[tokio::test]
async fn a_day_missing_a_currency_is_held_back_whole_and_reported() {
    let import = Import::new().await;
    import.all().await;
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-06", &[("SEK", None)]),
    );
    let report = import.run(json!({"sources": ["ecb"]})).await;
    let (imported, _, _, held, failed) = counts(&report, "ecb");
    assert_eq!((imported, failed), (0, 0), "{report}");
    assert_eq!(held, 29, "{report}");
    let reason = report["heldBack"][0]["reason"].as_str().unwrap_or("");
    assert!(
        reason.contains("SEK") && reason.contains("2025-01-03"),
        "{reason}"
    );
    assert!(!import.stored("NOK").await.contains_key("2025-01-06#ecb"));
}

#[tokio::test]
async fn an_absurd_jump_is_held_back_and_the_rest_of_the_day_imported() {
    let import = Import::new().await;
    import.all().await;
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-06", &[("SEK", Some("114.935"))]),
    );
    let report = import.run(json!({"sources": ["ecb"]})).await;
    let (imported, _, _, held, _) = counts(&report, "ecb");
    assert_eq!((imported, held), (29, 1), "{report}");
    assert_eq!(report["heldBack"][0]["series"], "SEK");
    assert_eq!(report["heldBack"][0]["value"], "114.935");
    assert!(
        report["heldBack"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("11.4935")
    );
    assert!(!import.stored("SEK").await.contains_key("2025-01-06#ecb"));
    assert!(import.stored("NOK").await.contains_key("2025-01-06#ecb"));
}

#[tokio::test]
async fn a_changed_value_is_a_revision_beside_the_first() {
    let import = Import::new().await;
    import.all().await;
    // The ECB corrects a published rate: both of its files say so.
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-03", &[("SEK", Some("11.4940"))]),
    );
    import.fake.push_fault(
        "eurofxref-hist-90d.xml",
        history_with("2025-01-03", "SEK", "11.4940"),
    );
    let report = import.run(json!({"sources": ["ecb"]})).await;
    let (imported, revisions, unchanged, _, _) = counts(&report, "ecb");
    assert_eq!((imported, revisions), (1, 1), "{report}");
    assert!(unchanged >= 29, "{report}");
    let sek = &import.stored("SEK").await["2025-01-03#ecb"];
    assert_eq!(
        sek.first_value.to_string(),
        "11.4935",
        "the first value stays"
    );
    assert_eq!(sek.observation.value.to_string(), "11.4940");
    assert_eq!(sek.revision, 1);
    // The same revised value again changes nothing.
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-03", &[("SEK", Some("11.4940"))]),
    );
    import.fake.push_fault(
        "eurofxref-hist-90d.xml",
        history_with("2025-01-03", "SEK", "11.4940"),
    );
    let again = import.run(json!({"sources": ["ecb"]})).await;
    assert_eq!(counts(&again, "ecb").1, 0, "{again}");
    assert_eq!(import.stored("SEK").await["2025-01-03#ecb"].revision, 1);
}

#[tokio::test]
async fn the_two_ecb_files_disagreeing_on_a_day_hold_it_back() {
    let import = Import::new().await;
    // The first run's history lacks a day of the window, so the next run fetches the
    // history again (to fill it) and reads both files.
    import
        .fake
        .push_fault("eurofxref-hist-90d.xml", history_without("2024-12-20"));
    import.all().await;
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-03", &[("SEK", Some("11.4940"))]),
    );
    let report = import.run(json!({"sources": ["ecb"]})).await;
    let (imported, _, _, held, _) = counts(&report, "ecb");
    // The missing day filled, the day the files disagree on held back.
    assert_eq!((imported, held), (30, 2), "{report}");
    assert!(
        report["heldBack"][0]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("more than once")
    );
    let sek = &import.stored("SEK").await["2025-01-03#ecb"];
    assert_eq!(
        (sek.observation.value.to_string(), sek.revision),
        ("11.4935".to_owned(), 0)
    );
}

#[tokio::test]
async fn a_day_after_today_is_held_back() {
    let import = Import::new().await;
    let yesterday = DateTime::parse_from_rfc3339("2025-01-02T20:00:00Z")
        .expect("instant")
        .with_timezone(&Utc);
    let report = rates_import::run(&import.deps, &json!({"sources": ["ecb"]}), yesterday)
        .await
        .expect("summary");
    let held: Vec<&Value> = report["heldBack"]
        .as_array()
        .expect("list")
        .iter()
        .collect();
    assert_eq!(held.len(), 30, "{report}");
    assert!(held.iter().all(|h| h["date"] == "2025-01-03"));
    assert!(!import.stored("SEK").await.contains_key("2025-01-03#ecb"));
    assert!(import.stored("SEK").await.contains_key("2025-01-02#ecb"));
}

#[tokio::test]
async fn fixers_error_object_fails_fixer_alone() {
    let import = Import::new().await;
    let error = std::fs::read_to_string(default_recordings_dir().join("fixer-error.json"))
        .expect("recorded");
    import.fake.push_fault(
        "/fixer/",
        Fault::Body {
            content_type: "application/json".into(),
            body: error,
        },
    );
    let report = import.all().await;
    let (_, _, _, _, failed) = counts(&report, "fixer");
    assert_eq!(failed, 1, "{report}");
    assert_eq!(counts(&report, "ecb").4, 0);
    assert!(import.stored("AED").await.is_empty());
    assert!(!import.stored("SEK").await.is_empty());
}

#[tokio::test]
async fn fixer_fills_only_the_currencies_the_ecb_does_not_publish() {
    let import = Import::new().await;
    import.all().await;
    let sek = import.stored("SEK").await;
    assert!(
        !sek.contains_key("2025-01-03#fixer"),
        "the ECB's currencies are not taken from Fixer"
    );
    let answered = import
        .deps
        .table
        .latest_on_or_before("SEK", d("2025-01-05"), 1)
        .await
        .expect("table");
    assert_eq!(answered[0].observation.source, Source::Ecb);
    assert_eq!(answered[0].observation.date, d("2025-01-03"));
    assert_eq!(answered[0].observation.value.to_string(), "11.4935");
    // A currency only Fixer has is answered from Fixer.
    let aed = import
        .deps
        .table
        .latest_on_or_before("AED", d("2025-01-05"), 1)
        .await
        .expect("table");
    assert_eq!(aed[0].observation.source, Source::Fixer);
    assert_eq!(aed[0].observation.value.to_string(), "3.814962");
}

/// The whole window already stored, the daily file alone lacks SEK: the day is still held
/// back, against the ECB's last complete day, and no history is fetched for it.
#[tokio::test]
async fn a_daily_file_missing_a_currency_is_held_back_when_the_window_is_complete() {
    // The first run stores the whole recorded history (2024-09-23 … 2025-01-03): a 10-day
    // window is complete.
    let import = Import::with_window(10).await;
    let first = import.run(json!({"sources": ["ecb"]})).await;
    assert_eq!(counts(&first, "ecb").0, 72 * 30, "{first}");
    let histories = import.fake.count("eurofxref-hist-90d.xml");
    import.fake.push_fault(
        "eurofxref-daily.xml",
        daily_with("2025-01-06", &[("SEK", None)]),
    );
    let report = import.run(json!({"sources": ["ecb"]})).await;
    assert_eq!(
        import.fake.count("eurofxref-hist-90d.xml"),
        histories,
        "no gap in the window: the history is not fetched"
    );
    let (imported, _, _, held, _) = counts(&report, "ecb");
    assert_eq!((imported, held), (0, 29), "{report}");
    assert!(!import.stored("NOK").await.contains_key("2025-01-06#ecb"));
    // The next day, complete again, is compared with 2025-01-03 (the last complete day).
    import
        .fake
        .push_fault("eurofxref-daily.xml", daily_with("2025-01-07", &[]));
    let next = import.run(json!({"sources": ["ecb"]})).await;
    assert_eq!(counts(&next, "ecb").0, 30, "{next}");
}

/// Without a day of the ECB's on record Fixer cannot tell the ECB's currencies from the rest:
/// it stores nothing and says why, and the run's summary names the newest day per source.
#[tokio::test]
async fn fixer_waits_for_a_day_of_the_ecbs_and_the_summary_names_the_latest_days() {
    let import = Import::new().await;
    let report = import.run(json!({"sources": ["fixer"]})).await;
    assert_eq!(counts(&report, "fixer").4, 1, "{report}");
    assert!(
        report["failures"][0]["error"]
            .as_str()
            .unwrap_or("")
            .contains("ECB"),
        "{report}"
    );
    assert!(import.stored("AED").await.is_empty());
    assert!(import.stored("USD").await.is_empty());

    let all = import.all().await;
    assert_eq!(all["failures"], json!([]), "{all}");
    assert_eq!(all["latestDay"]["ecb"], "2025-01-03", "{all}");
    assert_eq!(all["latestDay"]["fixer"], "2025-01-03", "{all}");
    assert_eq!(all["latestDay"]["riksbank"], "2025-01-10", "{all}");
}

#[tokio::test]
async fn a_schedule_naming_an_unknown_source_is_an_error() {
    let import = Import::new().await;
    let error = rates_import::run(&import.deps, &json!({"sources": ["bloomberg"]}), now())
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("bloomberg"), "{error}");
    assert!(import.fake.requests().is_empty(), "nothing fetched");
}

/// DESIGN.md §8: the local stack fires the schedule and answers with the function's result.
#[tokio::test]
async fn the_local_stack_fires_the_import_and_answers_its_summary() {
    let stack = Stack::connect().await;
    let root = stack.base_url.trim_end_matches("/v1").to_owned();
    let answer = stack
        .http
        .post(format!(
            "{root}/_local/schedules/rates-import?schedule=FxAfterEcbPublication"
        ))
        .send()
        .await
        .expect("the local stack answers");
    assert_eq!(answer.status(), 200);
    let report: Value = answer.json().await.expect("JSON");
    assert_eq!(report["failures"], json!([]), "{report}");
    // The stack's table is shared, and other tests import into it at the same time: the
    // first run stores the whole recorded history, a later one reads the daily file (and the
    // history, when the window has a gap). Whichever this was, the 30-day window before the
    // newest day is stored when it returns.
    let (imported, _, unchanged, _, _) = counts(&report, "ecb");
    assert!(imported + unchanged >= 30, "{report}");
    let stored: std::collections::BTreeSet<NaiveDate> = crate::rates_read::rates(&stack)
        .days_in_range("SEK", d("2024-12-04"), d("2025-01-03"))
        .await
        .expect("the table answers")
        .into_iter()
        .filter(|r| r.observation.source == Source::Ecb)
        .map(|r| r.observation.date)
        .collect();
    let window: std::collections::BTreeSet<NaiveDate> =
        mypages::domain::rates::calendar::target_days(d("2024-12-04"), d("2025-01-03"))
            .into_iter()
            .collect();
    assert_eq!(stored, window, "the window's ECB days are stored");
    assert_eq!(
        counts(&report, "riksbank"),
        (0, 0, 0, 0, 0),
        "only the schedule's sources"
    );

    let unknown = stack
        .http
        .post(format!(
            "{root}/_local/schedules/rates-import?schedule=Hourly"
        ))
        .send()
        .await
        .expect("answer");
    assert_eq!(unknown.status(), 404);
}

/// Issue 9's "done when": on the local stack one request imports the rates, and `GET /rates/fx`
/// answers cross rates for any date (hand-computed from the recorded ECB files: NOK per SEK =
/// 11.8030 / 11.4935 on 2025-01-03; SEK per USD = 11.5010 / 1.0396 on 2024-12-31).
#[tokio::test]
async fn one_request_imports_the_rates_and_fx_answers_cross_rates_for_any_date() {
    let stack = Stack::connect().await;
    let root = stack.base_url.trim_end_matches("/v1").to_owned();
    let fired = stack
        .http
        .post(format!("{root}/_local/schedules/rates-import"))
        .send()
        .await
        .expect("the local stack answers");
    assert_eq!(fired.status(), 200);
    let tenant = stack.new_tenant().await;
    let token = &tenant.viewer.id_token;

    // A Saturday answers the Friday before.
    let (status, body, _) = stack
        .get(token, "/rates/fx?base=SEK&quote=NOK&date=2025-01-04")
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rateDate"], "2025-01-03");
    assert_eq!(body["rate"], "1.026928");
    assert_eq!(body["source"], "ecb");

    // New Year's Day (a TARGET holiday) answers New Year's Eve.
    let (status, body, _) = stack
        .get(token, "/rates/fx?base=USD&quote=SEK&date=2025-01-01")
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rateDate"], "2024-12-31");
    assert_eq!(body["rate"], "11.062909");

    // Before any stored day (the read tests seed 1901–1909): nothing is known.
    let (status, body, _) = stack
        .get(token, "/rates/fx?base=EUR&quote=SEK&date=1900-06-01")
        .await;
    assert_eq!(status, 404, "{body}");
}

/// The deployed function's set-up: the keys come from SSM SecureString parameters and reach
/// the upstreams (SWEA's subscription header, Fixer's `access_key`); a missing parameter stops
/// the cold start with its name, and no key is in the message.
#[tokio::test]
async fn the_upstream_keys_come_from_ssm_and_reach_the_upstreams() {
    let import = Import::new().await;
    let stack = Stack::connect().await;
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(blackbox::text(
            &stack.state,
            "region",
        )))
        .endpoint_url(blackbox::text(&stack.state, "endpoint"))
        .load()
        .await;
    let ssm = aws_sdk_ssm::Client::new(&sdk);
    let prefix = format!("/mypages-test/{}", uuid::Uuid::now_v7());
    for (name, value) in [("riksbank", "swea-key-7f3a"), ("fixer", "fixer-key-91c2")] {
        ssm.put_parameter()
            .name(format!("{prefix}/{name}"))
            .value(value)
            .r#type(aws_sdk_ssm::types::ParameterType::SecureString)
            .send()
            .await
            .expect("the emulator keeps the parameter");
    }
    let settings = mypages::config::RatesImportSettings {
        rates_table: import.deps.table.table().to_owned(),
        backfill_days: 30,
        riksbank_key_parameter: Some(format!("{prefix}/riksbank")),
        fixer_key_parameter: Some(format!("{prefix}/fixer")),
        rules: Rules::default(),
    };
    let urls = UpstreamUrls {
        riksbank: import.fake.riksbank_url(),
        ecb: import.fake.ecb_url(),
        fixer: Some(import.fake.fixer_url()),
    };
    let deps = ImportDeps::from_settings(&settings, urls.clone(), &sdk)
        .await
        .expect("the keys are read");
    let report = rates_import::run(&deps, &json!({}), now())
        .await
        .expect("summary");
    assert_eq!(report["failures"], json!([]), "{report}");
    let log = import.fake.request_log();
    let swea: Vec<_> = log
        .iter()
        .filter(|r| r.path.starts_with("/riksbank/"))
        .collect();
    assert!(!swea.is_empty());
    assert!(
        swea.iter()
            .all(|r| r.subscription_key.as_deref() == Some("swea-key-7f3a"))
    );
    let fixer: Vec<_> = log
        .iter()
        .filter(|r| r.path.starts_with("/fixer/"))
        .collect();
    assert_eq!(fixer.len(), 1);
    assert!(
        fixer[0]
            .query
            .as_deref()
            .unwrap_or("")
            .contains("access_key=fixer-key-91c2")
    );

    let missing = mypages::config::RatesImportSettings {
        fixer_key_parameter: Some(format!("{prefix}/none")),
        ..settings
    };
    let error = ImportDeps::from_settings(&missing, urls, &sdk)
        .await
        .expect_err("a missing parameter stops the start");
    let text = error.to_string();
    assert!(text.contains(&format!("{prefix}/none")), "{text}");
    assert!(
        !text.contains("swea-key-7f3a") && !text.contains("fixer-key-91c2"),
        "{text}"
    );
}

/// The sample events in `events/rates-import/` are what template.yaml's schedules send (their
/// `Input`), and each names the sources it should; EventBridge's own event means every source.
#[test]
fn the_schedules_inputs_are_the_sample_events_and_name_their_sources() {
    use mypages::aws::rates_import::requested_sources;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |name: &str| -> Value {
        let path = root.join("events/rates-import").join(name);
        serde_json::from_str(&std::fs::read_to_string(&path).expect("sample event")).expect("JSON")
    };
    let template = Template::load(&root.join("template.yaml")).expect("template.yaml");
    let inputs: BTreeMap<String, Option<Value>> = template
        .schedules()
        .expect("schedules")
        .into_iter()
        .filter(|s| s.function == "rates-import")
        .map(|s| (s.name, s.input))
        .collect();
    assert_eq!(inputs.len(), 3, "{inputs:?}");
    assert_eq!(inputs["FxLateCatchUp"], Some(read("schedule-ecb.json")));
    assert_eq!(
        requested_sources(&read("schedule-ecb.json")),
        Ok(vec![Source::Ecb])
    );
    assert_eq!(
        inputs["FxAfterEcbPublication"],
        Some(read("schedule-fx.json"))
    );
    assert_eq!(
        inputs["InterestRatesDaily"],
        Some(read("schedule-interest.json"))
    );
    assert_eq!(
        requested_sources(&read("schedule-fx.json")),
        Ok(vec![Source::Ecb, Source::Fixer])
    );
    assert_eq!(
        requested_sources(&read("schedule-interest.json")),
        Ok(vec![Source::Riksbank])
    );
    assert_eq!(
        requested_sources(&read("scheduled-event.json")),
        Ok(vec![Source::Riksbank, Source::Ecb, Source::Fixer])
    );
    assert!(requested_sources(&json!({"sources": []})).is_err());
}
