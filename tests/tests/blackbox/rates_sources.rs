//! The upstream fetcher (`mypages::aws::rates_sources`) against the local fake upstream
//! (`mypages_local::upstream`), started by each test: the recorded payloads parse, and each
//! fault (5xx, 429 with `Retry-After`, a hang, a truncated body, Fixer's error object, an
//! unknown series) ends as the policy says, with the attempts counted in the fake's request
//! log. No AWS and no local stack: these run on their own.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use mypages::aws::rates_sources::{Fetcher, RetryPolicy, SourceError, UpstreamKeys, UpstreamUrls};
use mypages::domain::rates::upstream::UpstreamError;
use mypages::domain::rates::{Observation, Source};
use mypages_local::upstream::{FakeUpstream, Fault, default_recordings_dir};

const RIKSBANK_KEY: &str = "riksbank-key-5e1f0c2a";
const FIXER_KEY: &str = "fixer-key-9b7d4e11";

/// Fast: 300 ms an attempt, 3 attempts, 20 ms back-off doubling to at most 100 ms, a
/// `Retry-After` waited for up to 2 s.
fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        timeout: Duration::from_millis(300),
        attempts: 3,
        base_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(2),
    }
}

async fn fake() -> FakeUpstream {
    FakeUpstream::start(default_recordings_dir())
        .await
        .expect("the fake upstream starts")
}

fn urls(fake: &FakeUpstream) -> UpstreamUrls {
    UpstreamUrls {
        riksbank: fake.riksbank_url(),
        ecb: fake.ecb_url(),
        fixer: Some(fake.fixer_url()),
    }
}

fn keys() -> UpstreamKeys {
    UpstreamKeys {
        riksbank_key: Some(RIKSBANK_KEY.into()),
        fixer_key: Some(FIXER_KEY.into()),
    }
}

fn fetcher(fake: &FakeUpstream) -> Fetcher {
    Fetcher::new(reqwest::Client::new(), urls(fake), keys(), fast_policy())
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// The value of `series` on `date` as its exact decimal text.
fn value(observations: &[Observation], series: &str, date: &str) -> Option<String> {
    observations
        .iter()
        .find(|o| o.series == series && o.date == d(date))
        .map(|o| o.value.to_string())
}

fn assert_no_key(error: &SourceError) {
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains(RIKSBANK_KEY), "{shown}");
        assert!(!shown.contains(FIXER_KEY), "{shown}");
    }
}

#[tokio::test]
async fn swea_recordings_parse() {
    let fake = fake().await;
    let fetcher = fetcher(&fake);

    let policy = fetcher
        .swea_range("SECBREPOEFF", d("2024-12-02"), d("2025-01-10"))
        .await
        .expect("the policy rate");
    assert_eq!(policy.len(), 24);
    assert!(policy.iter().all(|o| o.source == Source::Riksbank));
    assert_eq!(
        value(&policy, "SECBREPOEFF", "2024-12-19").as_deref(),
        Some("2.75")
    );
    assert_eq!(
        value(&policy, "SECBREPOEFF", "2024-12-20").as_deref(),
        Some("2.5")
    );

    let five = fetcher
        .swea_range("SEGVB5YC", d("2025-01-01"), d("2025-01-10"))
        .await
        .expect("the 5-year yield");
    assert_eq!(five.len(), 6);
    assert_eq!(
        value(&five, "SEGVB5YC", "2025-01-02").as_deref(),
        Some("2.184")
    );

    // A window of the fake's recording: only its days come back.
    let two = fetcher
        .swea_range("SEGVB2YC", d("2024-12-23"), d("2025-01-03"))
        .await
        .expect("the 2-year yield");
    let dates: Vec<String> = two.iter().map(|o| o.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2024-12-23",
            "2024-12-27",
            "2024-12-30",
            "2025-01-02",
            "2025-01-03"
        ]
    );

    let latest = fetcher
        .swea_latest("SEGVB10YC")
        .await
        .expect("the latest 10-year yield");
    assert_eq!(latest.series, "SEGVB10YC");
    assert_eq!(latest.date, d("2025-01-10"));
    assert_eq!(latest.value.to_string(), "2.487");
    assert_eq!(
        fake.requests(),
        [
            "/riksbank/Observations/SECBREPOEFF/2024-12-02/2025-01-10",
            "/riksbank/Observations/SEGVB5YC/2025-01-01/2025-01-10",
            "/riksbank/Observations/SEGVB2YC/2024-12-23/2025-01-03",
            "/riksbank/Observations/Latest/SEGVB10YC",
        ]
    );
}

#[tokio::test]
async fn a_range_of_holidays_is_empty() {
    let fake = fake().await;
    let observations = fetcher(&fake)
        .swea_range("SEGVB2YC", d("2024-12-24"), d("2024-12-26"))
        .await
        .expect("no observations is an answer");
    assert!(observations.is_empty(), "{observations:?}");
}

#[tokio::test]
async fn ecb_recordings_parse() {
    let fake = fake().await;
    let fetcher = fetcher(&fake);
    let daily = fetcher.ecb_daily().await.expect("the daily file");
    assert_eq!(daily.len(), 30);
    assert!(
        daily
            .iter()
            .all(|o| o.date == d("2025-01-03") && o.source == Source::Ecb)
    );
    assert_eq!(
        value(&daily, "SEK", "2025-01-03").as_deref(),
        Some("11.4935")
    );

    let history = fetcher.ecb_hist_90d().await.expect("the 90-day file");
    // 72 TARGET days (2024-09-23 … 2025-01-03) of 30 currencies.
    assert_eq!(history.len(), 72 * 30);
    assert_eq!(
        value(&history, "SEK", "2024-12-20").as_deref(),
        Some("11.4866")
    );
}

#[tokio::test]
async fn fixer_recording_parses_and_is_optional() {
    let fake = fake().await;
    let rates = fetcher(&fake)
        .fixer_latest()
        .await
        .expect("Fixer answers")
        .expect("Fixer is configured");
    // 31 rates, EUR's own 1 not among the observations.
    assert_eq!(rates.len(), 30);
    assert_eq!(
        value(&rates, "SEK", "2025-01-03").as_deref(),
        Some("11.493518")
    );
    assert!(rates.iter().all(|o| o.source == Source::Fixer));

    // Without a key, or without a URL, Fixer is not asked.
    for (urls, keys) in [
        (
            urls(&fake),
            UpstreamKeys {
                fixer_key: None,
                ..keys()
            },
        ),
        (
            urls(&fake),
            UpstreamKeys {
                fixer_key: Some(String::new()),
                ..keys()
            },
        ),
        (
            UpstreamUrls {
                fixer: None,
                ..urls(&fake)
            },
            keys(),
        ),
    ] {
        let fetcher = Fetcher::new(reqwest::Client::new(), urls, keys, fast_policy());
        assert!(!fetcher.fixer_configured());
        assert_eq!(fetcher.fixer_latest().await, Ok(None));
    }
    assert_eq!(fake.count("/fixer/"), 1);
}

#[tokio::test]
async fn a_5xx_is_retried() {
    let fake = fake().await;
    fake.push_fault("/Observations/SEGVB5YC/", Fault::Status(500));
    let observations = fetcher(&fake)
        .swea_range("SEGVB5YC", d("2025-01-01"), d("2025-01-10"))
        .await
        .expect("the second attempt succeeds");
    assert_eq!(observations.len(), 6);
    assert_eq!(fake.count("/Observations/SEGVB5YC/"), 2);
}

#[tokio::test]
async fn a_lasting_5xx_fails_after_every_attempt() {
    let fake = fake().await;
    for _ in 0..10 {
        fake.push_fault("eurofxref-daily", Fault::Status(503));
    }
    let started = Instant::now();
    let error = fetcher(&fake).ecb_daily().await.expect_err("always 503");
    assert!(
        matches!(
            &error,
            SourceError::Status {
                status: 503,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        fake.count("eurofxref-daily"),
        3,
        "exactly `attempts` requests"
    );
    // The back-off between them: 20 ms, then 40 ms.
    assert!(started.elapsed() >= Duration::from_millis(60));
    assert!(error.to_string().contains("503"), "{error}");
}

#[tokio::test]
async fn a_4xx_is_not_retried() {
    let fake = fake().await;
    fake.push_fault("eurofxref-hist-90d", Fault::Status(403));
    let error = fetcher(&fake).ecb_hist_90d().await.expect_err("403");
    assert!(
        matches!(&error, SourceError::Status { status: 403, .. }),
        "{error:?}"
    );
    assert_eq!(fake.count("eurofxref-hist-90d"), 1);
}

#[tokio::test]
async fn an_unknown_series_is_a_404() {
    let fake = fake().await;
    let fetcher = fetcher(&fake);
    let error = fetcher
        .swea_range("SENOSUCHSERIES", d("2025-01-01"), d("2025-01-10"))
        .await
        .expect_err("SWEA has no such series");
    assert!(
        matches!(&error, SourceError::Status { status: 404, .. }),
        "{error:?}"
    );
    let error = fetcher
        .swea_latest("SENOSUCHSERIES")
        .await
        .expect_err("nor its latest");
    assert!(
        matches!(&error, SourceError::Status { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(fake.count("SENOSUCHSERIES"), 2, "a 404 is not retried");
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let fake = fake().await;
    fake.push_fault(
        "/Latest/SECBREPOEFF",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    let started = Instant::now();
    let latest = fetcher(&fake)
        .swea_latest("SECBREPOEFF")
        .await
        .expect("the retry succeeds");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(latest.value.to_string(), "2.5");
    assert_eq!(fake.count("/Latest/SECBREPOEFF"), 2);
}

#[tokio::test]
async fn a_503_with_retry_after_waits_for_it() {
    let fake = fake().await;
    fake.push_fault(
        "eurofxref-hist-90d",
        Fault::Unavailable {
            retry_after_secs: 1,
        },
    );
    let started = Instant::now();
    let history = fetcher(&fake)
        .ecb_hist_90d()
        .await
        .expect("the retry succeeds");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(history.len(), 72 * 30);
    assert_eq!(fake.count("eurofxref-hist-90d"), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_policy_fails_at_once() {
    let fake = fake().await;
    fake.push_fault(
        "eurofxref-daily",
        Fault::TooManyRequests {
            retry_after_secs: 60,
        },
    );
    let started = Instant::now();
    let error = fetcher(&fake).ecb_daily().await.expect_err("no 60 s wait");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "slept {:?}",
        started.elapsed()
    );
    assert_eq!(
        error,
        SourceError::TooManyRequests {
            url: format!("{}/eurofxref-daily.xml", fake.ecb_url()),
            retry_after: Some(Duration::from_secs(60)),
            attempts: 1,
        }
    );
    assert_eq!(fake.count("eurofxref-daily"), 1);
}

#[tokio::test]
async fn a_hang_times_out_and_is_retried() {
    let fake = fake().await;
    fake.push_fault(
        "/Observations/SEGVB2YC/",
        Fault::Hang(Duration::from_secs(2)),
    );
    let started = Instant::now();
    let observations = fetcher(&fake)
        .swea_range("SEGVB2YC", d("2024-12-02"), d("2025-01-10"))
        .await
        .expect("the second attempt answers");
    assert_eq!(observations.len(), 24);
    assert_eq!(fake.count("/Observations/SEGVB2YC/"), 2);
    // One timeout (300 ms), not the hang's 2 s.
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_lasting_hang_is_a_timeout() {
    let fake = fake().await;
    for _ in 0..3 {
        fake.push_fault("/fixer/latest", Fault::Hang(Duration::from_secs(2)));
    }
    let error = fetcher(&fake)
        .fixer_latest()
        .await
        .expect_err("no answer in time");
    assert_eq!(
        error,
        SourceError::Timeout {
            url: format!("{}/latest", fake.fixer_url()),
            timeout: Duration::from_millis(300),
            attempts: 3,
        }
    );
    assert_no_key(&error);
    assert_eq!(fake.count("/fixer/latest"), 3);
}

#[tokio::test]
async fn truncated_json_is_refused_whole() {
    let fake = fake().await;
    fake.push_fault("/Observations/SECBREPOEFF/", Fault::Truncate);
    let error = fetcher(&fake)
        .swea_range("SECBREPOEFF", d("2024-12-02"), d("2025-01-10"))
        .await
        .expect_err("half a payload is no payload");
    assert!(
        matches!(
            &error,
            SourceError::Payload(UpstreamError::Truncated {
                upstream: Source::Riksbank,
                ..
            })
        ),
        "{error:?}"
    );
    assert_eq!(
        fake.count("/Observations/SECBREPOEFF/"),
        1,
        "a payload error is not retried"
    );
}

#[tokio::test]
async fn truncated_xml_is_refused_whole() {
    let fake = fake().await;
    fake.push_fault("eurofxref-hist-90d", Fault::Truncate);
    let error = fetcher(&fake)
        .ecb_hist_90d()
        .await
        .expect_err("half a payload is no payload");
    assert!(
        matches!(
            &error,
            SourceError::Payload(UpstreamError::Truncated {
                upstream: Source::Ecb,
                ..
            })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_changed_payload_is_served_and_read() {
    let fake = fake().await;
    let daily = std::fs::read_to_string(default_recordings_dir().join("eurofxref-daily.xml"))
        .expect("the recording")
        .replace("rate='11.4935'", "rate='11.5000'");
    fake.push_fault(
        "eurofxref-daily",
        Fault::Body {
            content_type: "text/xml".into(),
            body: daily,
        },
    );
    let rates = fetcher(&fake).ecb_daily().await.expect("the changed file");
    assert_eq!(
        value(&rates, "SEK", "2025-01-03").as_deref(),
        Some("11.5000")
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let fake = fake().await;
    fake.push_fault(
        "eurofxref-daily",
        Fault::Body {
            content_type: "text/xml".into(),
            body: "<".repeat(9 * 1024 * 1024),
        },
    );
    // A generous timeout: 9 MiB through a debug build on a busy machine.
    let patient = Fetcher::new(
        reqwest::Client::new(),
        urls(&fake),
        keys(),
        RetryPolicy {
            timeout: Duration::from_secs(10),
            ..fast_policy()
        },
    );
    let error = patient.ecb_daily().await.expect_err("too large");
    assert!(
        matches!(
            &error,
            SourceError::Payload(UpstreamError::Malformed {
                upstream: Source::Ecb,
                ..
            })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn fixer_error_objects_are_errors() {
    let fake = fake().await;
    for (file, code, kind) in [
        ("fixer-error.json", 104, "usage_limit_reached"),
        ("fixer-error-missing-key.json", 101, "missing_access_key"),
    ] {
        let body =
            std::fs::read_to_string(default_recordings_dir().join(file)).expect("the recording");
        fake.push_fault(
            "/fixer/latest",
            Fault::Body {
                content_type: "application/json".into(),
                body,
            },
        );
        let error = fetcher(&fake)
            .fixer_latest()
            .await
            .expect_err("success: false");
        match &error {
            SourceError::Payload(UpstreamError::Fixer {
                code: got,
                kind: got_kind,
                ..
            }) => assert_eq!((*got, got_kind.as_str()), (code, kind)),
            other => panic!("{other:?}"),
        }
        assert_no_key(&error);
    }
    assert_eq!(
        fake.count("/fixer/latest"),
        2,
        "an error object is not retried"
    );
}

#[tokio::test]
async fn each_key_goes_to_its_own_source_only() {
    let fake = fake().await;
    let fetcher = fetcher(&fake);
    fetcher.swea_latest("SEGVB5YC").await.expect("SWEA");
    fetcher.ecb_daily().await.expect("ECB");
    fetcher.fixer_latest().await.expect("Fixer");
    let log = fake.request_log();
    assert_eq!(log.len(), 3);
    let (swea, ecb, fixer) = (&log[0], &log[1], &log[2]);
    assert_eq!(swea.subscription_key.as_deref(), Some(RIKSBANK_KEY));
    assert_eq!(swea.query, None);
    assert_eq!((&ecb.subscription_key, &ecb.query), (&None, &None));
    assert_eq!(fixer.subscription_key, None);
    assert_eq!(
        fixer.query.as_deref(),
        Some(format!("access_key={FIXER_KEY}").as_str())
    );

    // Without a Riksbank key, no header (SWEA answers keyless callers, with a lower quota).
    let keyless = Fetcher::new(
        reqwest::Client::new(),
        urls(&fake),
        UpstreamKeys::default(),
        fast_policy(),
    );
    keyless.swea_latest("SEGVB5YC").await.expect("SWEA");
    assert_eq!(fake.request_log()[3].subscription_key, None);
}

#[tokio::test]
async fn keys_never_show_in_errors() {
    let fake = fake().await;
    let fetcher = fetcher(&fake);
    for _ in 0..3 {
        fake.push_fault("/fixer/latest", Fault::Status(502));
    }
    fake.push_fault("/Latest/SEGVB2YC", Fault::Status(401));
    fake.push_fault("/fixer/latest", Fault::Truncate);
    let errors = [
        fetcher.fixer_latest().await.expect_err("502"),
        fetcher.swea_latest("SEGVB2YC").await.expect_err("401"),
        fetcher.fixer_latest().await.expect_err("truncated"),
    ];
    for error in &errors {
        assert_no_key(error);
    }

    // Nothing listens: reqwest's own error names the URL, query and all; ours does not.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", listener.local_addr().expect("its address"))
    };
    let nowhere = Fetcher::new(
        reqwest::Client::new(),
        UpstreamUrls {
            riksbank: format!("{closed}/riksbank"),
            ecb: format!("{closed}/ecb"),
            fixer: Some(format!("{closed}/fixer")),
        },
        keys(),
        fast_policy(),
    );
    let error = nowhere.fixer_latest().await.expect_err("refused");
    assert!(
        matches!(&error, SourceError::Unreachable { attempts: 3, .. }),
        "{error:?}"
    );
    assert_no_key(&error);
    let error = nowhere.swea_latest("SEGVB5YC").await.expect_err("refused");
    assert!(
        matches!(&error, SourceError::Unreachable { .. }),
        "{error:?}"
    );
    assert_no_key(&error);
}
