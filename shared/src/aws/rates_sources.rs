//! The upstream rate sources over HTTP (DESIGN.md §7): the Riksbank's SWEA API, the ECB's euro
//! reference rates and, optionally, Fixer. Each call fetches one payload with bounded retries
//! and hands it whole to the parsers of [`crate::domain::rates::upstream`]: an answer is all the
//! observations of a payload or an error, never part of one.
//!
//! Faults, per request ([`RetryPolicy`]): every attempt has a timeout; a timeout or a failed
//! connection is retried after an exponential back-off, as is a 5xx (and 408); a 429 is
//! retried after its `Retry-After` (seconds or an HTTP date; without one, the back-off),
//! unless that is longer than the policy allows, which fails the source at once rather than
//! sleeping past the function's own timeout; a 5xx's `Retry-After` (a 503's) is honoured the
//! same way. Any other 4xx fails at once. A payload that does not parse is not retried.
//!
//! Keys: the Riksbank's subscription key goes in the `Ocp-Apim-Subscription-Key` header, the
//! Fixer key in the `access_key` query parameter. Neither is ever logged nor put in an error:
//! errors name the URL without its query, and reqwest's own messages are stripped of theirs.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use url::Url;

use crate::domain::rates::upstream::{self, UpstreamError};
use crate::domain::rates::{Observation, Source};

/// The SWEA API root (`{root}/Observations/...`).
pub const RIKSBANK_URL_VARIABLE: &str = "MYPAGES_RIKSBANK_URL";
/// The root holding `eurofxref-daily.xml` and `eurofxref-hist-90d.xml`.
pub const ECB_URL_VARIABLE: &str = "MYPAGES_ECB_URL";
/// Fixer's API root (`{root}/latest`); Fixer is used only when this and its key are set.
pub const FIXER_URL_VARIABLE: &str = "MYPAGES_FIXER_URL";
pub const DEFAULT_RIKSBANK_URL: &str = "https://api.riksbank.se/swea/v1";
pub const DEFAULT_ECB_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref";

/// The largest body read: the ECB's 90-day file is about 30 kB, a SWEA range of a year a few
/// kB; anything near this is not a rate payload.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// The header the Riksbank's API portal reads the subscription key from.
const RIKSBANK_KEY_HEADER: &str = "Ocp-Apim-Subscription-Key";

/// Where the sources are: roots without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamUrls {
    /// The SWEA API root.
    pub riksbank: String,
    /// The root holding the ECB's reference-rate files.
    pub ecb: String,
    /// Fixer's API root; `None` when Fixer is not configured.
    pub fixer: Option<String>,
}

/// A base URL variable that is not an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable} is not an http(s) URL: {value:?} ({reason})")]
pub struct InvalidUrl {
    pub variable: &'static str,
    pub value: String,
    pub reason: String,
}

impl UpstreamUrls {
    /// From `MYPAGES_RIKSBANK_URL`, `MYPAGES_ECB_URL` (both defaulting to the public services)
    /// and `MYPAGES_FIXER_URL` (no default). An empty variable counts as unset.
    pub fn from_env() -> Result<UpstreamUrls, InvalidUrl> {
        UpstreamUrls::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`from_env`](Self::from_env), reading the variables through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<UpstreamUrls, InvalidUrl> {
        let read = |name: &'static str| -> Result<Option<String>, InvalidUrl> {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
                .map(|value| checked_root(name, &value))
                .transpose()
        };
        Ok(UpstreamUrls {
            riksbank: read(RIKSBANK_URL_VARIABLE)?
                .unwrap_or_else(|| DEFAULT_RIKSBANK_URL.to_owned()),
            ecb: read(ECB_URL_VARIABLE)?.unwrap_or_else(|| DEFAULT_ECB_URL.to_owned()),
            fixer: read(FIXER_URL_VARIABLE)?,
        })
    }
}

/// `value` as a root: an http(s) URL without query or fragment, its trailing slashes dropped.
fn checked_root(variable: &'static str, value: &str) -> Result<String, InvalidUrl> {
    let invalid = |reason: &str| InvalidUrl {
        variable,
        value: value.to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(value).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme is not http or https"));
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(invalid("no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a root has no query or fragment"));
    }
    Ok(value.trim_end_matches('/').to_owned())
}

/// The sources' keys, from SSM in AWS. Never printed: `Debug` says only whether each is set.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct UpstreamKeys {
    /// The Riksbank API portal's subscription key (optional: without one SWEA answers fewer
    /// calls per address).
    pub riksbank_key: Option<String>,
    /// Fixer's access key; Fixer is used only when this and its URL are set.
    pub fixer_key: Option<String>,
}

impl fmt::Debug for UpstreamKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |key: &Option<String>| if key.is_some() { "<set>" } else { "<unset>" };
        f.debug_struct("UpstreamKeys")
            .field("riksbank_key", &shown(&self.riksbank_key))
            .field("fixer_key", &shown(&self.fixer_key))
            .finish()
    }
}

/// How hard one request tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Each attempt's limit, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Attempts in all, the first included (at least one is made).
    pub attempts: u32,
    /// The wait after the first failed attempt; it doubles with each further one...
    pub base_backoff: Duration,
    /// ...up to this.
    pub max_backoff: Duration,
    /// The longest `Retry-After` waited for; a longer one fails the request at once.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 10 s an attempt, 4 attempts, back-off 0.5 s, 1 s, 2 s (capped at 8 s), a `Retry-After`
    /// honoured up to 30 s: at most about 75 s a request, within a 15-minute Lambda's reach.
    fn default() -> Self {
        RetryPolicy {
            timeout: Duration::from_secs(10),
            attempts: 4,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `failed + 1` after `failed` failed attempts (`failed` ≥ 1):
    /// `base_backoff · 2^(failed − 1)`, at most `max_backoff`.
    pub fn backoff(&self, failed: u32) -> Duration {
        let doublings = failed.saturating_sub(1).min(31);
        self.base_backoff
            .checked_mul(1u32 << doublings)
            .map_or(self.max_backoff, |wait| wait.min(self.max_backoff))
    }
}

/// A `Retry-After` value (RFC 9110 §10.2.3): delta-seconds, or an HTTP date, which is read
/// relative to `now` (a date in the past means now). `None` when it is neither.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits beyond u64 are an absurd wait: the longest there is.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = http_date(value)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date in any of its three forms: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`).
fn http_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc2822(value) {
        return Some(at.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(value, "%A, %d-%b-%y %H:%M:%S GMT")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y"))
        .ok()?;
    Some(naive.and_utc())
}

/// Why a source gave nothing. URLs are shown without their query (where Fixer's key is).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// No complete answer within the policy's timeout, on the last attempt.
    #[error("{url}: no complete answer within {timeout:?} (attempt {attempts})")]
    Timeout {
        url: String,
        timeout: Duration,
        attempts: u32,
    },
    /// An HTTP status that is not an answer: a 4xx at once, a 5xx after the last attempt.
    #[error("{url}: HTTP {status} (attempt {attempts})")]
    Status {
        url: String,
        status: u16,
        attempts: u32,
    },
    /// 429 on the last attempt, or with a `Retry-After` longer than the policy waits.
    #[error("{url}: HTTP 429 Too Many Requests{} (attempt {attempts})", retry_after.map(|wait| format!(", retry after {wait:?}")).unwrap_or_default())]
    TooManyRequests {
        url: String,
        retry_after: Option<Duration>,
        attempts: u32,
    },
    /// No connection, or the connection broke before the answer was complete.
    #[error("{url}: unreachable: {detail} (attempt {attempts})")]
    Unreachable {
        url: String,
        detail: String,
        attempts: u32,
    },
    /// An answer that is not a valid payload (truncated, malformed, Fixer's error object):
    /// nothing of it is used.
    #[error(transparent)]
    Payload(UpstreamError),
}

impl SourceError {
    /// Whether another attempt might succeed.
    fn retryable(&self) -> bool {
        match self {
            SourceError::Timeout { .. }
            | SourceError::Unreachable { .. }
            | SourceError::TooManyRequests { .. } => true,
            SourceError::Status { status, .. } => retryable_status(*status),
            SourceError::Payload(_) => false,
        }
    }
}

fn retryable_status(status: u16) -> bool {
    status == 408 || (500..=599).contains(&status)
}

/// A successful answer: its status and its whole body.
struct Answer {
    status: StatusCode,
    body: String,
}

/// One attempt's outcome before the policy decides: an answer, or an error with the
/// `Retry-After` the server asked for (a 429 or a 5xx).
type AttemptResult = Result<Answer, (SourceError, Option<Duration>)>;

/// The HTTP client for the upstreams: redirects are not followed, so the Riksbank's key header
/// (which reqwest would carry along) never goes to another host.
pub fn upstream_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// Fetches the upstream payloads and parses them. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    urls: UpstreamUrls,
    keys: UpstreamKeys,
    policy: RetryPolicy,
}

impl Fetcher {
    pub fn new(
        client: reqwest::Client,
        urls: UpstreamUrls,
        keys: UpstreamKeys,
        policy: RetryPolicy,
    ) -> Fetcher {
        Fetcher {
            client,
            urls,
            keys,
            policy,
        }
    }

    pub fn urls(&self) -> &UpstreamUrls {
        &self.urls
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Whether Fixer is used: both its URL and its key are set (an empty key is none).
    pub fn fixer_configured(&self) -> bool {
        self.urls.fixer.is_some() && given(&self.keys.fixer_key).is_some()
    }

    /// SWEA's `{root}/Observations/Latest/{series}`: the series' latest observation.
    pub async fn swea_latest(&self, series: &str) -> Result<Observation, SourceError> {
        let url = endpoint(
            Source::Riksbank,
            &self.urls.riksbank,
            &["Observations", "Latest", series],
        )?;
        let answer = self.get(Source::Riksbank, url).await?;
        if answer.status != StatusCode::OK {
            return Err(unexpected(Source::Riksbank, &answer));
        }
        upstream::swea_latest(series, &answer.body).map_err(SourceError::Payload)
    }

    /// SWEA's `{root}/Observations/{series}/{from}/{to}`: the observations from `from` to
    /// `to` inclusive. No observation in the range (holidays) is an empty list, whether SWEA
    /// answers an empty array or 204 No Content; a 404 (an unknown series) is an error.
    pub async fn swea_range(
        &self,
        series: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Observation>, SourceError> {
        let from_text = from.format("%Y-%m-%d").to_string();
        let to_text = to.format("%Y-%m-%d").to_string();
        let url = endpoint(
            Source::Riksbank,
            &self.urls.riksbank,
            &["Observations", series, &from_text, &to_text],
        )?;
        let answer = self.get(Source::Riksbank, url).await?;
        match answer.status {
            StatusCode::NO_CONTENT => Ok(Vec::new()),
            StatusCode::OK => upstream::swea_observations(series, from, to, &answer.body)
                .map_err(SourceError::Payload),
            _ => Err(unexpected(Source::Riksbank, &answer)),
        }
    }

    /// `{root}/eurofxref-daily.xml`: the ECB's latest day of reference rates.
    pub async fn ecb_daily(&self) -> Result<Vec<Observation>, SourceError> {
        self.ecb("eurofxref-daily.xml").await
    }

    /// `{root}/eurofxref-hist-90d.xml`: the ECB's last ninety days, to back-fill gaps.
    pub async fn ecb_hist_90d(&self) -> Result<Vec<Observation>, SourceError> {
        self.ecb("eurofxref-hist-90d.xml").await
    }

    async fn ecb(&self, file: &str) -> Result<Vec<Observation>, SourceError> {
        let url = endpoint(Source::Ecb, &self.urls.ecb, &[file])?;
        let answer = self.get(Source::Ecb, url).await?;
        if answer.status != StatusCode::OK {
            return Err(unexpected(Source::Ecb, &answer));
        }
        upstream::ecb_reference_rates(&answer.body).map_err(SourceError::Payload)
    }

    /// Fixer's `{root}/latest` (base EUR, Fixer's default and the only base of its free plan):
    /// `None` when Fixer is not configured. Fixer's `success: false` error objects are
    /// [`SourceError::Payload`] with [`UpstreamError::Fixer`].
    pub async fn fixer_latest(&self) -> Result<Option<Vec<Observation>>, SourceError> {
        let (Some(root), Some(_)) = (&self.urls.fixer, given(&self.keys.fixer_key)) else {
            return Ok(None);
        };
        let url = endpoint(Source::Fixer, root, &["latest"])?;
        let answer = self.get(Source::Fixer, url).await?;
        if answer.status != StatusCode::OK {
            return Err(unexpected(Source::Fixer, &answer));
        }
        upstream::fixer_rates(&answer.body)
            .map(Some)
            .map_err(SourceError::Payload)
    }

    /// GET `url` with the source's key, retried as the policy says; the whole body of the
    /// first 2xx answer.
    async fn get(&self, source: Source, url: Url) -> Result<Answer, SourceError> {
        let shown = url.as_str().to_owned();
        let attempts = self.policy.attempts.max(1);
        let mut attempt = 1;
        loop {
            let (error, retry_after) = match self.attempt(source, &url, &shown, attempt).await {
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            if !error.retryable() || attempt >= attempts {
                return Err(error);
            }
            let wait = match retry_after {
                Some(wait) if wait > self.policy.max_retry_after => {
                    tracing::warn!(
                        url = %shown,
                        attempt,
                        retry_after_ms = wait.as_millis() as u64,
                        max_retry_after_ms = self.policy.max_retry_after.as_millis() as u64,
                        "upstream asks to wait longer than the policy allows; giving up"
                    );
                    return Err(error);
                }
                Some(wait) => wait,
                None => self.policy.backoff(attempt),
            };
            tracing::warn!(
                url = %shown,
                attempt,
                of = attempts,
                wait_ms = wait.as_millis() as u64,
                error = %error,
                "upstream request failed; retrying"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt, bounded by the policy's timeout as a whole (headers and body).
    async fn attempt(&self, source: Source, url: &Url, shown: &str, attempt: u32) -> AttemptResult {
        let mut request = self.client.get(url.clone()).timeout(self.policy.timeout);
        match source {
            Source::Riksbank => {
                if let Some(key) = given(&self.keys.riksbank_key) {
                    request = request.header(RIKSBANK_KEY_HEADER, key);
                }
            }
            Source::Fixer => {
                if let Some(key) = given(&self.keys.fixer_key) {
                    request = request.query(&[("access_key", key)]);
                }
            }
            Source::Ecb => {}
        }
        let timeout = SourceError::Timeout {
            url: shown.to_owned(),
            timeout: self.policy.timeout,
            attempts: attempt,
        };
        let exchange = async {
            let mut response = request.send().await?;
            let status = response.status();
            let retry_after = retry_after_header(response.headers());
            // Read up to the bound, and one chunk past it at most: an answer that large is
            // not a rate file, and the function's memory is not for it.
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await? {
                body.extend_from_slice(&chunk);
                if body.len() > MAX_BODY_BYTES {
                    break;
                }
            }
            Ok::<_, reqwest::Error>((status, retry_after, body))
        };
        let (status, retry_after, body) =
            match tokio::time::timeout(self.policy.timeout, exchange).await {
                Err(_) => return Err((timeout, None)),
                Ok(Err(error)) if error.is_timeout() => return Err((timeout, None)),
                Ok(Err(error)) => {
                    let detail = self.redacted(&describe(error));
                    return Err((
                        SourceError::Unreachable {
                            url: shown.to_owned(),
                            detail,
                            attempts: attempt,
                        },
                        None,
                    ));
                }
                Ok(Ok(exchanged)) => exchanged,
            };
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err((
                SourceError::TooManyRequests {
                    url: shown.to_owned(),
                    retry_after,
                    attempts: attempt,
                },
                retry_after,
            ));
        }
        if !status.is_success() {
            // A 503 may say when to come back, too (RFC 9110 §10.2.3).
            let retry_after = retry_after.filter(|_| status.is_server_error());
            return Err((
                SourceError::Status {
                    url: shown.to_owned(),
                    status: status.as_u16(),
                    attempts: attempt,
                },
                retry_after,
            ));
        }
        if body.len() > MAX_BODY_BYTES {
            return Err((
                SourceError::Payload(UpstreamError::Malformed {
                    upstream: source,
                    detail: format!("the body is over {MAX_BODY_BYTES} bytes"),
                }),
                None,
            ));
        }
        let body = String::from_utf8(body).map_err(|e| {
            (
                SourceError::Payload(UpstreamError::Malformed {
                    upstream: source,
                    detail: format!("the body is not UTF-8: {e}"),
                }),
                None,
            )
        })?;
        Ok(Answer { status, body })
    }

    /// `text` with any key in it replaced: a last guard for messages built from the HTTP
    /// client's errors.
    fn redacted(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for key in [&self.keys.riksbank_key, &self.keys.fixer_key]
            .into_iter()
            .flatten()
            .filter(|key| !key.is_empty())
        {
            text = text.replace(key.as_str(), "<key>");
        }
        text
    }
}

/// A key that is set and not empty (an SSM parameter left blank means no key).
fn given(key: &Option<String>) -> Option<&str> {
    key.as_deref().filter(|key| !key.is_empty())
}

/// `Retry-After` of a 429, read now.
fn retry_after_header(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, Utc::now())
}

/// reqwest's error and its causes, without the URL (which may hold a key in its query).
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// `root` with `segments` appended, each percent-encoded as one path segment.
fn endpoint(source: Source, root: &str, segments: &[&str]) -> Result<Url, SourceError> {
    let unreachable = |detail: String| SourceError::Unreachable {
        url: root.to_owned(),
        detail,
        attempts: 0,
    };
    let mut url =
        Url::parse(root).map_err(|e| unreachable(format!("{source:?} root is no URL: {e}")))?;
    url.set_query(None);
    url.set_fragment(None);
    {
        let mut path = url
            .path_segments_mut()
            .map_err(|()| unreachable(format!("{source:?} root cannot hold a path")))?;
        path.pop_if_empty();
        path.extend(segments);
    }
    Ok(url)
}

/// A 2xx answer the endpoint does not give (a 204 where a body is due, a 202...).
fn unexpected(source: Source, answer: &Answer) -> SourceError {
    SourceError::Payload(UpstreamError::Malformed {
        upstream: source,
        detail: format!("HTTP {} where a payload was expected", answer.status),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 10, 16, 30, 0)
            .single()
            .expect("a valid time")
    }

    /// A 3xx is not followed: the Riksbank's key header would go along to the other host.
    #[tokio::test]
    async fn redirects_are_not_followed_so_the_key_stays_with_its_host() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let elsewhere = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let target = format!(
            "http://{}/stolen",
            elsewhere.local_addr().expect("an address")
        );
        let upstream = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let root = format!("http://{}", upstream.local_addr().expect("an address"));
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = upstream.accept().await {
                let mut request = [0_u8; 4096];
                let _ = socket.read(&mut request).await;
                let answer = format!(
                    "HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            }
        });
        let fetcher = Fetcher::new(
            upstream_client(),
            UpstreamUrls {
                riksbank: root.clone(),
                ecb: root,
                fixer: None,
            },
            UpstreamKeys {
                riksbank_key: Some("key-that-must-stay".into()),
                fixer_key: None,
            },
            RetryPolicy {
                timeout: Duration::from_millis(500),
                attempts: 1,
                ..RetryPolicy::default()
            },
        );
        let error = fetcher
            .swea_latest("SECBREPOEFF")
            .await
            .expect_err("a redirect is an answer we refuse");
        assert!(
            matches!(error, SourceError::Status { status: 302, .. }),
            "{error:?}"
        );
        let followed = tokio::time::timeout(Duration::from_millis(200), elsewhere.accept()).await;
        assert!(followed.is_err(), "nobody connected to the other host");
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after("1", now()), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now()),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after("0", now()), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now()),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn retry_after_as_an_http_date() {
        // IMF-fixdate, 45 s after now.
        assert_eq!(
            parse_retry_after("Fri, 10 Jan 2025 16:30:45 GMT", now()),
            Some(Duration::from_secs(45))
        );
        // The obsolete forms RFC 9110 still asks recipients to read.
        assert_eq!(
            parse_retry_after("Friday, 10-Jan-25 16:31:00 GMT", now()),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Fri Jan 10 16:30:05 2025", now()),
            Some(Duration::from_secs(5))
        );
        // A date already past: retry now.
        assert_eq!(
            parse_retry_after("Fri, 10 Jan 2025 16:00:00 GMT", now()),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn unreadable_retry_after() {
        for value in [
            "",
            " ",
            "-1",
            "1.5",
            "soon",
            "10s",
            "Fri, 32 Jan 2025 16:30:45 GMT",
        ] {
            assert_eq!(parse_retry_after(value, now()), None, "{value:?}");
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let waits: Vec<_> = (1..=6).map(|failed| policy.backoff(failed)).collect();
        assert_eq!(
            waits,
            [500, 1000, 2000, 4000, 8000, 8000].map(Duration::from_millis)
        );
        // No overflow however many failures: the cap.
        assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(8));
        // Failure 0 is treated as the first.
        assert_eq!(policy.backoff(0), Duration::from_millis(500));
    }

    #[test]
    fn backoff_cap_below_the_base() {
        let policy = RetryPolicy {
            base_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(2),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff(1), Duration::from_secs(2));
    }

    #[test]
    fn the_default_policy_stays_within_a_lambda_run() {
        let policy = RetryPolicy::default();
        let waits: Duration = (1..policy.attempts)
            .map(|failed| policy.backoff(failed))
            .sum();
        let worst = policy.timeout * policy.attempts + waits;
        assert_eq!(worst, Duration::from_millis(43_500));
        assert!(policy.max_retry_after < Duration::from_secs(60));
    }

    #[test]
    fn urls_default_to_the_public_services() {
        let urls = UpstreamUrls::from_lookup(|_| None).expect("defaults");
        assert_eq!(
            urls,
            UpstreamUrls {
                riksbank: "https://api.riksbank.se/swea/v1".into(),
                ecb: "https://www.ecb.europa.eu/stats/eurofxref".into(),
                fixer: None,
            }
        );
    }

    #[test]
    fn urls_from_the_variables() {
        let urls = UpstreamUrls::from_lookup(|name| match name {
            RIKSBANK_URL_VARIABLE => Some("http://127.0.0.1:9000/riksbank/".into()),
            ECB_URL_VARIABLE => Some("".into()),
            FIXER_URL_VARIABLE => Some(" https://data.fixer.io/api ".into()),
            _ => None,
        })
        .expect("valid");
        assert_eq!(urls.riksbank, "http://127.0.0.1:9000/riksbank");
        assert_eq!(urls.ecb, DEFAULT_ECB_URL);
        assert_eq!(urls.fixer.as_deref(), Some("https://data.fixer.io/api"));
    }

    #[test]
    fn a_url_that_is_not_http_is_refused() {
        for value in [
            "ftp://example.com/x",
            "not a url",
            "https://x.example/?a=1",
            "mailto:a@b",
        ] {
            let error = UpstreamUrls::from_lookup(|name| {
                (name == ECB_URL_VARIABLE).then(|| value.to_owned())
            })
            .expect_err(value);
            assert_eq!(error.variable, ECB_URL_VARIABLE);
        }
    }

    #[test]
    fn endpoints_encode_each_segment() {
        let url = endpoint(
            Source::Riksbank,
            "http://127.0.0.1:1/riksbank/",
            &["Observations", "SEGVB5YC", "2025-01-02", "2025-01-10"],
        )
        .expect("a URL");
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:1/riksbank/Observations/SEGVB5YC/2025-01-02/2025-01-10"
        );
        let odd = endpoint(Source::Riksbank, "https://h.example", &["a/b?c"]).expect("a URL");
        assert_eq!(odd.as_str(), "https://h.example/a%2Fb%3Fc");
    }

    #[test]
    fn keys_are_not_printed() {
        let keys = UpstreamKeys {
            riksbank_key: Some("riksbank-secret".into()),
            fixer_key: None,
        };
        let shown = format!("{keys:?}");
        assert!(!shown.contains("riksbank-secret"), "{shown}");
        assert!(
            shown.contains("<set>") && shown.contains("<unset>"),
            "{shown}"
        );
    }

    #[test]
    fn retryable_errors() {
        let status = |status| SourceError::Status {
            url: "u".into(),
            status,
            attempts: 1,
        };
        assert!(status(500).retryable());
        assert!(status(503).retryable());
        assert!(status(408).retryable());
        assert!(!status(404).retryable());
        assert!(!status(401).retryable());
        assert!(
            !SourceError::Payload(UpstreamError::Fixer {
                code: 104,
                kind: "usage_limit_reached".into(),
                info: None
            })
            .retryable()
        );
    }
}
