//! Cold starts of the HTTP functions against a hello-world `lambda_http` binary built in the
//! same run (infra/bench-coldstart.sh builds both in release and runs this).
//!
//! Each function runs under a minimal Lambda Runtime API served here on 127.0.0.1: the time
//! from spawn to its first `GET /invocation/next` (init), then the time to answer the first
//! invoke, then its peak RSS (VmHWM). The event is the function's first sample event
//! (`events/<function>/`) without the authorizer's claims, so the handler answers without a
//! call to AWS (no network here) and the invoke measures the handler's own first-request work.
//! The environment is the template's (Globals and the function's variables, references
//! resolved to well-formed stand-ins) plus what Lambda sets, with `AWS_MAX_ATTEMPTS=1`.
//! Each function's runs alternate with the hello world's, and its ratio is to the hello world's
//! median over its own pairs, so that load on the machine weighs on both alike; the hello
//! world's row is the median of all its runs.
//!
//!   bench-coldstart <release dir> [runs=9] [--max-ratio R] [function ...]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hyper::body::Bytes;
use mypages_bench::{Error, FunctionProcess, Seen, Template, lambda_env, peak_rss_kib};
use serde_json::Value as Json;

const HELLO: &str = "bench-hello";
const STEP_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy)]
struct Run {
    init: Duration,
    first_invoke: Duration,
    peak_rss_kib: u64,
    status: Option<u16>,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (flags, rest): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.starts_with("--"));
    let max_ratio = flags
        .iter()
        .find_map(|f| f.strip_prefix("--max-ratio="))
        .map(str::parse::<f64>)
        .transpose()?;
    let mut rest = rest.into_iter();
    let release = PathBuf::from(
        rest.next()
            .ok_or("usage: bench-coldstart <release dir> [runs] [--max-ratio=R] [function ...]")?,
    );
    let runs: usize = rest.next().map(|r| r.parse()).transpose()?.unwrap_or(9);
    let only: Vec<&String> = rest.collect();

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let template = Template::load(&root.join("template.yaml"))?;
    let mut functions = template.http_functions();
    if !only.is_empty() {
        functions.retain(|(binary, _)| only.contains(&binary));
    }

    // Each function's runs alternate with the hello world's, and its ratio is to the hello
    // world's median over those same moments: a busy neighbour slows both alike.
    let hello_event = api_event(&root, "health");
    let hello_env = lambda_env(HELLO, BTreeMap::new());
    let hello_binary = release.join(HELLO);
    println!(
        "{:<34} {:>9} {:>6} {:>12} {:>9} {:>7}",
        "function", "init ms", "ratio", "1st invoke", "peak MiB", "status"
    );
    let mut hello_all = Vec::new();
    let mut over = Vec::new();
    for (binary, variables) in functions {
        let env = lambda_env(&binary, variables);
        let event = api_event(&root, &binary);
        match paired(
            (&hello_binary, &hello_env, &hello_event),
            (&release.join(&binary), &env, &event),
            runs,
        )
        .await
        {
            Ok((hello, results)) => {
                let ratio = print_row(&binary, &results, median(hello.iter().map(|r| r.init)));
                hello_all.extend(hello);
                if max_ratio.is_some_and(|max| ratio > max) {
                    over.push(binary);
                }
            }
            Err(e) => {
                println!("{binary:<34} FAILED: {e}");
                over.push(binary);
            }
        }
    }
    let hello_init = median(hello_all.iter().map(|r| r.init));
    print_row(HELLO, &hello_all, hello_init);
    println!(
        "\nhello world: init {:.2} ms (median of all its runs); {} over the limit",
        ms(hello_init),
        over.len()
    );
    if max_ratio.is_some() && !over.is_empty() {
        return Err(format!("over --max-ratio or failed: {}", over.join(", ")).into());
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let mut values: Vec<Duration> = values.collect();
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// Prints one function's medians; returns its init ratio to the hello world.
fn print_row(name: &str, runs: &[Run], hello_init: Duration) -> f64 {
    let init = median(runs.iter().map(|r| r.init));
    let invoke = median(runs.iter().map(|r| r.first_invoke));
    let mut rss: Vec<u64> = runs.iter().map(|r| r.peak_rss_kib).collect();
    rss.sort();
    let ratio = init.as_secs_f64() / hello_init.as_secs_f64().max(f64::EPSILON);
    let status = runs
        .first()
        .and_then(|r| r.status)
        .map_or("error".to_owned(), |s| s.to_string());
    println!(
        "{:<34} {:>9.2} {:>6.2} {:>12.2} {:>9.1} {:>7}",
        name,
        ms(init),
        ratio,
        ms(invoke),
        rss.get(rss.len() / 2).copied().unwrap_or_default() as f64 / 1024.0,
        status
    );
    ratio
}

/// `runs` runs of the hello world and of a function, alternating.
async fn paired(
    hello: (&Path, &[(String, String)], &Json),
    function: (&Path, &[(String, String)], &Json),
    runs: usize,
) -> Result<(Vec<Run>, Vec<Run>), Error> {
    for (binary, _, _) in [hello, function] {
        if !binary.exists() {
            return Err(format!("{} is not built", binary.display()).into());
        }
    }
    let (mut hellos, mut results) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        hellos.push(one_run(hello.0, hello.1, hello.2).await?);
        results.push(one_run(function.0, function.1, function.2).await?);
    }
    Ok((hellos, results))
}

async fn one_run(binary: &Path, env: &[(String, String)], event: &Json) -> Result<Run, Error> {
    let event = Bytes::from(serde_json::to_vec(event)?);
    let mut process = FunctionProcess::start(binary, env, vec![event]).await?;
    let (spawned, pid) = (process.spawned, process.pid);
    let seen = &mut process.seen;
    let result = async {
        let next = match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
            Some(Seen::Next(at)) => at,
            Some(Seen::InitError(e)) => return Err(format!("init error: {e}").into()),
            other => return Err(format!("expected /next, saw {other:?}").into()),
        };
        let (answered, status) = match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
            Some(Seen::Answered { at, status, .. }) => (at, status),
            other => return Err::<Run, Error>(format!("expected an answer, saw {other:?}").into()),
        };
        Ok(Run {
            init: next - spawned,
            first_invoke: answered - next,
            peak_rss_kib: peak_rss_kib(pid).unwrap_or_default(),
            status,
        })
    }
    .await;
    process.stop(result).await
}

/// The function's first sample event without the authorizer's claims (a request the handler
/// answers without AWS), or a plain GET where the function has none.
fn api_event(root: &Path, binary: &str) -> Json {
    let dir = root.join("events").join(binary);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut event = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
        .find_map(|f| serde_json::from_slice::<Json>(&std::fs::read(f).ok()?).ok())
        .filter(|e| e.get("httpMethod").is_some())
        .unwrap_or_else(|| {
            serde_json::json!({
                "resource": "/health", "path": "/health", "httpMethod": "GET",
                "headers": {}, "multiValueHeaders": {}, "isBase64Encoded": false,
                "requestContext": {"resourcePath": "/health", "httpMethod": "GET", "stage": "v1",
                                    "requestId": "bench", "identity": {"sourceIp": "198.51.100.7"}}
            })
        });
    if let Some(context) = event
        .get_mut("requestContext")
        .and_then(Json::as_object_mut)
    {
        context.remove("authorizer");
    }
    event
}
