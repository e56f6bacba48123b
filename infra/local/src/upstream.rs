//! The local fake of the upstream rate sources (issue 9; DESIGN.md §7, §8): an HTTP server on
//! 127.0.0.1 that answers from the recorded payloads of `events/rates-import/upstream/` in the
//! shapes of the Riksbank's SWEA API, the ECB's reference-rate files and Fixer, so that the
//! local stack imports rates offline and tests can break the sources on purpose.
//!
//! Routes (each under the root its `*_url()` gives):
//! - `GET /riksbank/Observations/{series}/{from}/{to}`: `swea-{series}.json` filtered to
//!   `from..=to` (204 No Content when no day falls in the range); `GET
//!   /riksbank/Observations/Latest/{series}`: its last element; an unknown series is a 404.
//! - `GET /ecb/eurofxref-daily.xml`, `GET /ecb/eurofxref-hist-90d.xml`: the files.
//! - `GET /fixer/latest?access_key=…`: `fixer-latest.json`; without an access key, Fixer's
//!   error object `fixer-error-missing-key.json` (code 101), with HTTP 200 as Fixer sends it.
//!
//! Faults ([`FakeUpstream::push_fault`]) queue per path fragment and are used up one request
//! each; every request's path is logged ([`FakeUpstream::requests`]) so tests count retries.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::NaiveDate;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::value::RawValue;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// What the next request whose path contains a given fragment gets instead of its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// This status, with a short plain-text body.
    Status(u16),
    /// 429 with `Retry-After: {retry_after_secs}`.
    TooManyRequests { retry_after_secs: u64 },
    /// 503 with `Retry-After: {retry_after_secs}` (maintenance with a known end).
    Unavailable { retry_after_secs: u64 },
    /// The real answer, after this delay (longer than the client's timeout: a timeout).
    Hang(Duration),
    /// The real answer's body cut in half, with a Content-Length that matches the half: a
    /// complete HTTP answer whose payload is truncated.
    Truncate,
    /// This body with status 200, instead of the recording (a changed or broken payload).
    Body { content_type: String, body: String },
}

/// One request as the fake saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    pub path: String,
    /// The query string as sent (Fixer's `access_key` is in it).
    pub query: Option<String>,
    /// The `Ocp-Apim-Subscription-Key` header (the Riksbank's key), if sent.
    pub subscription_key: Option<String>,
}

struct State {
    recordings: PathBuf,
    faults: Mutex<VecDeque<(String, Fault)>>,
    requests: Mutex<Vec<LoggedRequest>>,
}

/// The running fake. Dropping it stops the server.
pub struct FakeUpstream {
    base: String,
    state: Arc<State>,
    server: JoinHandle<()>,
}

impl Drop for FakeUpstream {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl std::fmt::Debug for FakeUpstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeUpstream")
            .field("base", &self.base)
            .field("recordings", &self.state.recordings)
            .finish()
    }
}

/// The recordings in this checkout: `events/rates-import/upstream/`.
pub fn default_recordings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../events/rates-import/upstream")
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not take the fake down with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl FakeUpstream {
    /// Serves `recordings_dir` on a free port of 127.0.0.1.
    pub async fn start(recordings_dir: PathBuf) -> io::Result<FakeUpstream> {
        if !recordings_dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "no recordings directory at {}",
                    recordings_dir.to_string_lossy()
                ),
            ));
        }
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(State {
            recordings: recordings_dir,
            faults: Mutex::new(VecDeque::new()),
            requests: Mutex::new(Vec::new()),
        });
        let serving = state.clone();
        let server = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = serving.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(state.handle(request).await) }
                    });
                    if let Err(error) = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await
                    {
                        tracing::debug!(%error, "fake upstream: connection closed");
                    }
                });
            }
        });
        Ok(FakeUpstream {
            base,
            state,
            server,
        })
    }

    /// `http://127.0.0.1:{port}`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The SWEA API root (`MYPAGES_RIKSBANK_URL`).
    pub fn riksbank_url(&self) -> String {
        format!("{}/riksbank", self.base)
    }

    /// The ECB files' root (`MYPAGES_ECB_URL`).
    pub fn ecb_url(&self) -> String {
        format!("{}/ecb", self.base)
    }

    /// Fixer's API root (`MYPAGES_FIXER_URL`).
    pub fn fixer_url(&self) -> String {
        format!("{}/fixer", self.base)
    }

    /// Queues `fault` for the next request whose path contains `path_contains`. Faults are
    /// used in the order pushed, each by one request.
    pub fn push_fault(&self, path_contains: &str, fault: Fault) {
        lock(&self.state.faults).push_back((path_contains.to_owned(), fault));
    }

    /// The faults not yet used.
    pub fn pending_faults(&self) -> usize {
        lock(&self.state.faults).len()
    }

    /// The path of every request so far, oldest first.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.state.requests)
            .iter()
            .map(|request| request.path.clone())
            .collect()
    }

    /// Every request so far with its query and the Riksbank key header, oldest first.
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        lock(&self.state.requests).clone()
    }

    /// How many requests so far had a path containing `path_contains`.
    pub fn count(&self, path_contains: &str) -> usize {
        lock(&self.state.requests)
            .iter()
            .filter(|request| request.path.contains(path_contains))
            .count()
    }
}

/// An answer before a fault changes it.
struct Answer {
    status: StatusCode,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Answer {
    fn json(status: StatusCode, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type: "application/json; charset=utf-8",
            body: body.into(),
        }
    }

    fn text(status: StatusCode, body: &str) -> Answer {
        Answer {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }

    fn no_content() -> Answer {
        Answer {
            status: StatusCode::NO_CONTENT,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
        }
    }

    fn into_response(self, extra_header: Option<(&str, String)>) -> Response<Full<Bytes>> {
        let mut builder = Response::builder()
            .status(self.status)
            .header("content-type", self.content_type);
        if let Some((name, value)) = extra_header {
            builder = builder.header(name, value);
        }
        builder
            .body(Full::new(Bytes::from(self.body)))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }
}

impl State {
    async fn handle(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let path = request.uri().path().to_owned();
        lock(&self.requests).push(LoggedRequest {
            path: path.clone(),
            query: request.uri().query().map(str::to_owned),
            subscription_key: request
                .headers()
                .get("ocp-apim-subscription-key")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        });
        let fault = {
            let mut faults = lock(&self.faults);
            let position = faults
                .iter()
                .position(|(fragment, _)| path.contains(fragment.as_str()));
            position
                .and_then(|i| faults.remove(i))
                .map(|(_, fault)| fault)
        };
        match fault {
            Some(Fault::Status(status)) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
                let reason = status.canonical_reason().unwrap_or("injected fault");
                Answer::text(status, reason).into_response(None)
            }
            Some(Fault::TooManyRequests { retry_after_secs }) => {
                Answer::text(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests")
                    .into_response(Some(("retry-after", retry_after_secs.to_string())))
            }
            Some(Fault::Unavailable { retry_after_secs }) => {
                Answer::text(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable")
                    .into_response(Some(("retry-after", retry_after_secs.to_string())))
            }
            Some(Fault::Body { content_type, body }) => Response::builder()
                .status(StatusCode::OK)
                .header("content-type", content_type)
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))),
            Some(Fault::Hang(delay)) => {
                tokio::time::sleep(delay).await;
                self.answer(request.method(), &path, request.uri().query())
                    .into_response(None)
            }
            Some(Fault::Truncate) => {
                let mut answer = self.answer(request.method(), &path, request.uri().query());
                answer.body.truncate(answer.body.len() / 2);
                answer.into_response(None)
            }
            None => self
                .answer(request.method(), &path, request.uri().query())
                .into_response(None),
        }
    }

    fn answer(&self, method: &Method, path: &str, query: Option<&str>) -> Answer {
        if method != Method::GET {
            return Answer::text(StatusCode::METHOD_NOT_ALLOWED, "only GET");
        }
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match segments.as_slice() {
            ["riksbank", "Observations", "Latest", series] => self.swea_latest(series),
            ["riksbank", "Observations", series, from, to] => self.swea_range(series, from, to),
            [
                "ecb",
                file @ ("eurofxref-daily.xml" | "eurofxref-hist-90d.xml"),
            ] => match self.read(file) {
                Ok(body) => Answer {
                    status: StatusCode::OK,
                    content_type: "text/xml",
                    body,
                },
                Err(answer) => answer,
            },
            ["fixer", "latest"] => self.fixer_latest(query),
            _ => Answer::text(StatusCode::NOT_FOUND, "Not Found"),
        }
    }

    /// A recording's bytes; a missing one is a 404, an unreadable one a 500.
    fn read(&self, file: &str) -> Result<Vec<u8>, Answer> {
        std::fs::read(self.recordings.join(file)).map_err(|error| {
            if error.kind() == io::ErrorKind::NotFound {
                Answer::text(StatusCode::NOT_FOUND, "Not Found")
            } else {
                Answer::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!("cannot read the recording {file}: {error}"),
                )
            }
        })
    }

    /// `swea-{series}.json` as its elements, each kept as its exact JSON text. An unknown
    /// series is SWEA's 404.
    fn swea_series(&self, series: &str) -> Result<Vec<(NaiveDate, Box<RawValue>)>, Answer> {
        let shaped = !series.is_empty()
            && series
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !shaped {
            return Err(swea_not_found(series));
        }
        let body = self
            .read(&format!("swea-{series}.json"))
            .map_err(|answer| {
                if answer.status == StatusCode::NOT_FOUND {
                    swea_not_found(series)
                } else {
                    answer
                }
            })?;
        let broken = |detail: String| {
            Answer::text(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("the recording swea-{series}.json is broken: {detail}"),
            )
        };
        let elements: Vec<Box<RawValue>> =
            serde_json::from_slice(&body).map_err(|e| broken(e.to_string()))?;
        elements
            .into_iter()
            .map(|element| {
                let parsed: serde_json::Value =
                    serde_json::from_str(element.get()).map_err(|e| broken(e.to_string()))?;
                let date = parsed["date"]
                    .as_str()
                    .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
                    .ok_or_else(|| broken(format!("no date in {}", element.get())))?;
                Ok((date, element))
            })
            .collect()
    }

    fn swea_latest(&self, series: &str) -> Answer {
        match self.swea_series(series) {
            Ok(elements) => match elements.into_iter().max_by_key(|(date, _)| *date) {
                Some((_, latest)) => Answer::json(StatusCode::OK, latest.get()),
                None => Answer::no_content(),
            },
            Err(answer) => answer,
        }
    }

    fn swea_range(&self, series: &str, from: &str, to: &str) -> Answer {
        let (Ok(from), Ok(to)) = (
            NaiveDate::parse_from_str(from, "%Y-%m-%d"),
            NaiveDate::parse_from_str(to, "%Y-%m-%d"),
        ) else {
            return Answer::text(StatusCode::BAD_REQUEST, "dates are YYYY-MM-DD");
        };
        let elements = match self.swea_series(series) {
            Ok(elements) => elements,
            Err(answer) => return answer,
        };
        let within: Vec<&str> = elements
            .iter()
            .filter(|(date, _)| (from..=to).contains(date))
            .map(|(_, element)| element.get())
            .collect();
        if within.is_empty() {
            return Answer::no_content();
        }
        Answer::json(StatusCode::OK, format!("[{}]", within.join(",")))
    }

    fn fixer_latest(&self, query: Option<&str>) -> Answer {
        let has_key = query.unwrap_or_default().split('&').any(|pair| {
            pair.split_once('=')
                .is_some_and(|(name, value)| name == "access_key" && !value.is_empty())
        });
        let file = if has_key {
            "fixer-latest.json"
        } else {
            "fixer-error-missing-key.json"
        };
        match self.read(file) {
            Ok(body) => Answer::json(StatusCode::OK, body),
            Err(answer) => answer,
        }
    }
}

/// SWEA's answer for a series it does not have.
fn swea_not_found(series: &str) -> Answer {
    Answer::json(
        StatusCode::NOT_FOUND,
        serde_json::json!({
            "statusCode": 404,
            "message": format!("Series {series} not found"),
        })
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(fake: &FakeUpstream, path_and_query: &str) -> (u16, String) {
        let response = reqwest::get(format!("{}{path_and_query}", fake.base()))
            .await
            .expect("the fake answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    #[tokio::test]
    async fn serves_the_recordings_in_the_upstream_shapes() {
        let fake = FakeUpstream::start(default_recordings_dir())
            .await
            .expect("starts");
        let (status, body) = get(
            &fake,
            "/riksbank/Observations/SEGVB5YC/2025-01-03/2025-01-07",
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            r#"[{"date":"2025-01-03","value":2.201},{"date":"2025-01-07","value":2.236}]"#
        );
        let (status, body) = get(&fake, "/riksbank/Observations/Latest/SEGVB5YC").await;
        assert_eq!(
            (status, body.as_str()),
            (200, r#"{"date":"2025-01-10","value":2.305}"#)
        );
        let (status, _) = get(
            &fake,
            "/riksbank/Observations/SEGVB5YC/2024-12-24/2024-12-26",
        )
        .await;
        assert_eq!(status, 204);
        let (status, body) = get(&fake, "/riksbank/Observations/Latest/NOSUCHSERIES").await;
        assert_eq!(status, 404);
        assert!(body.contains("NOSUCHSERIES"), "{body}");
        let (status, _) = get(&fake, "/riksbank/Observations/Latest/..%2Fsecret").await;
        assert_eq!(status, 404);
        let (status, body) = get(&fake, "/ecb/eurofxref-daily.xml").await;
        assert_eq!(status, 200);
        assert!(body.contains("time='2025-01-03'"), "{body}");
        let (status, body) = get(&fake, "/fixer/latest?access_key=k").await;
        assert_eq!(status, 200);
        assert!(body.contains(r#""success":true"#), "{body}");
        let (status, body) = get(&fake, "/fixer/latest").await;
        assert_eq!(status, 200);
        assert!(body.contains("101"), "{body}");
        assert_eq!(fake.requests().len(), 8);
    }

    #[tokio::test]
    async fn faults_are_used_once_each_in_order() {
        let fake = FakeUpstream::start(default_recordings_dir())
            .await
            .expect("starts");
        fake.push_fault("eurofxref-daily", Fault::Status(503));
        fake.push_fault(
            "eurofxref-daily",
            Fault::TooManyRequests {
                retry_after_secs: 7,
            },
        );
        fake.push_fault("eurofxref-daily", Fault::Truncate);
        assert_eq!(get(&fake, "/ecb/eurofxref-hist-90d.xml").await.0, 200);
        assert_eq!(get(&fake, "/ecb/eurofxref-daily.xml").await.0, 503);
        let response = reqwest::get(format!("{}/ecb/eurofxref-daily.xml", fake.base()))
            .await
            .expect("answers");
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(
            response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("7")
        );
        let whole = std::fs::read_to_string(default_recordings_dir().join("eurofxref-daily.xml"))
            .expect("the recording");
        let (status, cut) = get(&fake, "/ecb/eurofxref-daily.xml").await;
        assert_eq!(status, 200);
        assert_eq!(cut, whole[..whole.len() / 2]);
        assert_eq!(get(&fake, "/ecb/eurofxref-daily.xml").await.1, whole);
        assert_eq!(fake.pending_faults(), 0);
        assert_eq!(fake.count("eurofxref-daily"), 4);
    }
}
