//! The AWS endpoint the document pipeline's functions see under `bench-memory`: Textract's three
//! operations answered from recorded responses of `../shared/fixtures/textract/` (moto's
//! Textract is unusable, DESIGN.md §8, and the local stack's own engine runs in its process, not
//! in a function's), every other request passed on to the emulator as it came. So the release
//! binary parses a real Textract answer through the SDK, page by page as in AWS.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderValue, TRANSFER_ENCODING};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value as Json, json};
use tokio::net::{TcpListener, TcpStream};

use crate::Error;

pub struct EmulatorProxy {
    /// `http://127.0.0.1:{port}`: the functions' `AWS_ENDPOINT_URL`.
    pub url: String,
    state: Arc<State>,
    server: tokio::task::JoinHandle<()>,
}

struct State {
    /// `host:port` of the emulator.
    emulator: String,
    /// The recorded analyses as one page of a document: the blocks of them all.
    analysis: Json,
    /// How many pages a job's results (`GetDocumentAnalysis`) come in.
    result_pages: AtomicUsize,
    jobs_started: AtomicUsize,
}

impl EmulatorProxy {
    /// Serves on a free port of 127.0.0.1 in front of `emulator_url` (`http://host:port`). Its
    /// Textract answer is the blocks of all `recordings` (recorded `GetDocumentAnalysis` or
    /// `AnalyzeDocument` responses) as one page, their queries renamed by `aliases` (recorded
    /// alias, the alias asked for).
    pub async fn start(
        emulator_url: &str,
        recordings: &[std::path::PathBuf],
        aliases: &[(&str, &str)],
    ) -> Result<EmulatorProxy, Error> {
        let emulator = host_port(emulator_url)?.to_owned();
        let mut blocks = Vec::new();
        for recording in recordings {
            let mut recorded: Json =
                serde_json::from_slice(&std::fs::read(recording).map_err(|e| {
                    format!(
                        "{}: {e} (the fixtures are beside the project: ../shared/fixtures)",
                        recording.display()
                    )
                })?)?;
            if let Some(more) = recorded["Blocks"].as_array_mut() {
                blocks.append(more);
            }
        }
        let mut analysis = json!({ "Blocks": blocks, "AnalyzeDocumentModelVersion": "1.0" });
        for block in analysis["Blocks"].as_array_mut().into_iter().flatten() {
            let alias = &mut block["Query"]["Alias"];
            if let Some((_, asked)) = aliases.iter().find(|(recorded, _)| alias == recorded) {
                *alias = json!(asked);
            }
        }
        let state = Arc::new(State {
            emulator,
            analysis,
            result_pages: AtomicUsize::new(1),
            jobs_started: AtomicUsize::new(0),
        });
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let server = tokio::spawn(serve(listener, state.clone()));
        Ok(EmulatorProxy { url, state, server })
    }

    /// From now on a job's results come in `pages` pages (`NextToken`), each the recorded page
    /// with its block ids made unique: a document of that many pages.
    pub fn set_result_pages(&self, pages: usize) {
        self.state
            .result_pages
            .store(pages.max(1), Ordering::SeqCst);
    }

    /// The id of the last job `StartDocumentAnalysis` started.
    pub fn last_job_id(&self) -> Option<String> {
        match self.state.jobs_started.load(Ordering::SeqCst) {
            0 => None,
            n => Some(job_id(n)),
        }
    }
}

impl Drop for EmulatorProxy {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn job_id(n: usize) -> String {
    format!("bench-job-{n}")
}

async fn serve(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let state = state.clone();
                async move {
                    Ok::<_, std::convert::Infallible>(answer(&state, request).await.unwrap_or_else(
                        |e| {
                            let mut response =
                                Response::new(Full::new(Bytes::from(format!("bench proxy: {e}"))));
                            *response.status_mut() = StatusCode::BAD_GATEWAY;
                            response
                        },
                    ))
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(state: &State, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Error> {
    let target = request
        .headers()
        .get("x-amz-target")
        .and_then(|t| t.to_str().ok())
        .and_then(|t| t.strip_prefix("Textract."))
        .map(str::to_owned);
    let Some(operation) = target else {
        return forward(&state.emulator, request).await;
    };
    let input: Json = serde_json::from_slice(&request.into_body().collect().await?.to_bytes())?;
    let output = match operation.as_str() {
        "AnalyzeDocument" => result_page(&state.analysis, 0, 1),
        "StartDocumentAnalysis" => {
            let n = state.jobs_started.fetch_add(1, Ordering::SeqCst) + 1;
            json!({ "JobId": job_id(n) })
        }
        "GetDocumentAnalysis" => {
            let pages = state.result_pages.load(Ordering::SeqCst);
            let page = input["NextToken"]
                .as_str()
                .and_then(|t| t.strip_prefix("page-")?.parse().ok())
                .unwrap_or(0);
            let mut output = result_page(&state.analysis, page, pages);
            output["JobStatus"] = json!("SUCCEEDED");
            if page + 1 < pages {
                output["NextToken"] = json!(format!("page-{}", page + 1));
            }
            output
        }
        other => return Err(format!("Textract.{other} is not served here").into()),
    };
    let mut response = Response::new(Full::new(Bytes::from(serde_json::to_vec(&output)?)));
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    Ok(response)
}

/// The recorded page as page `page` (from 0) of a document of `pages` pages: its blocks' ids
/// (and the ids their relationships name) suffixed with the page, so no two pages share one.
fn result_page(recorded: &Json, page: usize, pages: usize) -> Json {
    let mut output = recorded.clone();
    output["DocumentMetadata"] = json!({ "Pages": pages });
    if let Some(blocks) = output["Blocks"].as_array_mut() {
        for block in blocks {
            block["Page"] = json!(page + 1);
            if page == 0 {
                continue;
            }
            if let Some(id) = block["Id"].as_str() {
                block["Id"] = json!(format!("{id}-{page}"));
            }
            for relationship in block["Relationships"].as_array_mut().into_iter().flatten() {
                for id in relationship["Ids"].as_array_mut().into_iter().flatten() {
                    if let Some(text) = id.as_str() {
                        *id = json!(format!("{text}-{page}"));
                    }
                }
            }
        }
    }
    output
}

/// The request, as it came, to the emulator; its answer back.
async fn forward(
    emulator: &str,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Error> {
    let (mut parts, body) = request.into_parts();
    let body = body.collect().await?.to_bytes();
    parts.headers.remove(TRANSFER_ENCODING);
    parts.headers.insert(HOST, HeaderValue::from_str(emulator)?);
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    let answer = send(emulator, Request::from_parts(parts, Full::new(body))).await?;
    // The answer's Content-Length stays: it is the whole body collected here, and in the
    // answer to a HEAD the size of what was asked about.
    let (mut parts, body) = answer.into_parts();
    parts.headers.remove(TRANSFER_ENCODING);
    Ok(Response::from_parts(parts, Full::new(body)))
}

/// `host:port` of an `http://host:port` endpoint (the emulator's, as the state file has it).
pub fn host_port(endpoint: &str) -> Result<&str, Error> {
    Ok(endpoint
        .strip_prefix("http://")
        .ok_or_else(|| format!("the emulator's endpoint is not http://: {endpoint}"))?
        .trim_end_matches('/'))
}

/// One HTTP/1.1 request to `address` (`host:port`) on a connection of its own; the whole
/// answer.
pub async fn send(address: &str, request: Request<Full<Bytes>>) -> Result<Response<Bytes>, Error> {
    let stream = TcpStream::connect(address).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    let connection = tokio::spawn(connection);
    let answer = sender.send_request(request).await;
    let result = match answer {
        Ok(answer) => {
            let (parts, body) = answer.into_parts();
            body.collect()
                .await
                .map(|b| Response::from_parts(parts, b.to_bytes()))
                .map_err(Error::from)
        }
        Err(e) => Err(e.into()),
    };
    connection.abort();
    result
}
