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
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const HELLO: &str = "bench-hello";
const ACCOUNT: &str = "123456789012";
const REGION: &str = "eu-north-1";
const STEP_TIMEOUT: Duration = Duration::from_secs(20);

type Error = Box<dyn std::error::Error + Send + Sync>;

/// What the Runtime API saw, in order.
#[derive(Debug)]
enum Seen {
    Next(Instant),
    Answered { at: Instant, status: Option<u16> },
    InitError(String),
}

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
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let (seen_tx, mut seen) = mpsc::unbounded_channel();
    let event = Bytes::from(serde_json::to_vec(event)?);
    let server = tokio::spawn(runtime_api(listener, seen_tx, event));

    let spawned = Instant::now();
    // std's process (tokio's needs a feature the workspace does not build tokio with).
    let mut child = std::process::Command::new(binary)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let pid = child.id();
    let result = async {
        let next = match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
            Some(Seen::Next(at)) => at,
            Some(Seen::InitError(e)) => return Err(format!("init error: {e}").into()),
            other => return Err(format!("expected /next, saw {other:?}").into()),
        };
        let (answered, status) = match tokio::time::timeout(STEP_TIMEOUT, seen.recv()).await? {
            Some(Seen::Answered { at, status }) => (at, status),
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
    let _ = child.kill();
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await??;
    server.abort();
    result.map_err(|e| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
        format!("{e} (stderr: {tail})").into()
    })
}

/// VmHWM of /proc/<pid>/status, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The Runtime API: one event on the first `/next`, then nothing (the process is killed);
/// every answer and init error reported on `seen`.
async fn runtime_api(listener: TcpListener, seen: mpsc::UnboundedSender<Seen>, event: Bytes) {
    let served = Arc::new(std::sync::atomic::AtomicBool::new(false));
    while let Ok((stream, _)) = listener.accept().await {
        let (seen, event, served) = (seen.clone(), event.clone(), served.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let (seen, event, served) = (seen.clone(), event.clone(), served.clone());
                async move {
                    let path = request.uri().path().to_owned();
                    if path.ends_with("/invocation/next") {
                        if served.swap(true, std::sync::atomic::Ordering::SeqCst) {
                            std::future::pending::<()>().await;
                        }
                        let _ = seen.send(Seen::Next(Instant::now()));
                        return Response::builder()
                            .header("lambda-runtime-aws-request-id", "bench-1")
                            .header("lambda-runtime-deadline-ms", "4102444800000")
                            .header(
                                "lambda-runtime-invoked-function-arn",
                                format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:bench"),
                            )
                            .header(
                                "lambda-runtime-trace-id",
                                "Root=1-00000000-000000000000000000000000;Sampled=0",
                            )
                            .body(Full::new(event));
                    }
                    let body = request
                        .into_body()
                        .collect()
                        .await
                        .map(|b| b.to_bytes())
                        .unwrap_or_default();
                    let at = Instant::now();
                    if path.ends_with("/init/error") {
                        let _ =
                            seen.send(Seen::InitError(String::from_utf8_lossy(&body).into_owned()));
                    } else if path.ends_with("/response") || path.ends_with("/error") {
                        let status = serde_json::from_slice::<Json>(&body)
                            .ok()
                            .and_then(|b| b.get("statusCode")?.as_u64())
                            .and_then(|s| u16::try_from(s).ok());
                        let _ = seen.send(Seen::Answered { at, status });
                    }
                    Response::builder()
                        .status(202)
                        .body(Full::new(Bytes::new()))
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// What Lambda sets for every function, then the template's variables.
fn lambda_env(binary: &str, variables: BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut env: BTreeMap<String, String> = [
        ("AWS_LAMBDA_FUNCTION_NAME", format!("mypages-{binary}")),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256".to_owned()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
        (
            "AWS_LAMBDA_LOG_GROUP_NAME",
            format!("/aws/lambda/mypages-{binary}"),
        ),
        ("AWS_LAMBDA_LOG_STREAM_NAME", "bench".to_owned()),
        ("AWS_REGION", REGION.to_owned()),
        ("AWS_DEFAULT_REGION", REGION.to_owned()),
        ("AWS_ACCESS_KEY_ID", "ASIABENCHBENCHBENCH0".to_owned()),
        (
            "AWS_SECRET_ACCESS_KEY",
            "bench/bench/bench/bench/bench/bench/bench".to_owned(),
        ),
        ("AWS_SESSION_TOKEN", "bench-session-token".to_owned()),
        ("AWS_MAX_ATTEMPTS", "1".to_owned()),
        ("_HANDLER", "bootstrap".to_owned()),
        ("LAMBDA_TASK_ROOT", "/var/task".to_owned()),
        ("TZ", ":UTC".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    env.extend(variables);
    env.into_iter().collect()
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

struct Template {
    root: Yaml,
}

impl Template {
    fn load(path: &Path) -> Result<Template, Error> {
        Ok(Template {
            root: serde_yaml::from_slice(&std::fs::read(path)?)?,
        })
    }

    fn resources(&self) -> impl Iterator<Item = (&str, &Yaml)> {
        self.root["Resources"]
            .as_mapping()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
    }

    /// (binary, environment) of every function with an Api event, by binary name.
    fn http_functions(&self) -> Vec<(String, BTreeMap<String, String>)> {
        let mut functions: Vec<(String, BTreeMap<String, String>)> = self
            .resources()
            .filter(|(_, r)| r["Type"].as_str() == Some("AWS::Serverless::Function"))
            .filter(|(_, r)| {
                r["Properties"]["Events"]
                    .as_mapping()
                    .into_iter()
                    .flatten()
                    .any(|(_, e)| e["Type"].as_str() == Some("Api"))
            })
            .filter_map(|(_, r)| {
                let binary = r["Metadata"]["BuildProperties"]["Binary"]
                    .as_str()?
                    .to_owned();
                let mut env =
                    self.variables(&self.root["Globals"]["Function"]["Environment"]["Variables"]);
                env.extend(self.variables(&r["Properties"]["Environment"]["Variables"]));
                Some((binary, env))
            })
            .collect();
        functions.sort();
        functions
    }

    fn variables(&self, variables: &Yaml) -> BTreeMap<String, String> {
        variables
            .as_mapping()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), self.resolve(v)?)))
            .collect()
    }

    /// A value as CloudFormation would give it, with stand-ins for what only a deployment
    /// knows (ids, ARNs, URLs), shaped as the real ones are.
    fn resolve(&self, value: &Yaml) -> Option<String> {
        match value {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Number(n) => Some(n.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Tagged(tagged) => {
                let inner = &tagged.value;
                match tagged.tag.to_string().as_str() {
                    "!Ref" => self.reference(inner.as_str()?),
                    "!GetAtt" => Some(self.attribute(inner.as_str()?)),
                    "!Sub" => {
                        let text = inner.as_str().or_else(|| inner.get(0)?.as_str())?;
                        Some(self.substitute(text))
                    }
                    "!Join" => {
                        let separator = inner.get(0)?.as_str()?;
                        let parts: Vec<String> = inner
                            .get(1)?
                            .as_sequence()?
                            .iter()
                            .filter_map(|p| self.resolve(p))
                            .collect();
                        Some(parts.join(separator))
                    }
                    "!If" => self.resolve(inner.get(1)?),
                    _ => Some("bench".to_owned()),
                }
            }
            _ => None,
        }
    }

    fn reference(&self, name: &str) -> Option<String> {
        match name {
            "AWS::Region" => return Some(REGION.to_owned()),
            "AWS::AccountId" => return Some(ACCOUNT.to_owned()),
            "AWS::StackName" => return Some("mypages".to_owned()),
            "AWS::Partition" => return Some("aws".to_owned()),
            "AWS::URLSuffix" => return Some("amazonaws.com".to_owned()),
            "AWS::NoValue" => return None,
            _ => {}
        }
        let parameter = &self.root["Parameters"][name];
        if !parameter.is_null() {
            return Some(self.resolve(&parameter["Default"]).unwrap_or_default());
        }
        let kind = self.root["Resources"][name]["Type"]
            .as_str()
            .unwrap_or_default();
        Some(match kind {
            "AWS::SQS::Queue" => {
                format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/mypages-{name}")
            }
            "AWS::SNS::Topic" | "AWS::KMS::Key" | "AWS::SecretsManager::Secret" => {
                self.attribute(&format!("{name}.Arn"))
            }
            "AWS::Cognito::UserPool" => format!("{REGION}_Bench{}", name.len()),
            "AWS::Cognito::UserPoolClient" => "26charactersbenchclientid0".to_owned(),
            _ => format!("mypages-{}", name.to_lowercase()),
        })
    }

    fn attribute(&self, path: &str) -> String {
        let (name, attribute) = path.split_once('.').unwrap_or((path, "Arn"));
        let kind = self.root["Resources"][name]["Type"]
            .as_str()
            .unwrap_or_default();
        let service = kind.split("::").nth(1).unwrap_or("bench").to_lowercase();
        match attribute {
            "Arn" => format!(
                "arn:aws:{service}:{REGION}:{ACCOUNT}:mypages-{}",
                name.to_lowercase()
            ),
            "QueueUrl" => format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/mypages-{name}"),
            "QueueName" => format!("mypages-{name}"),
            _ => format!(
                "mypages-{}-{}",
                name.to_lowercase(),
                attribute.to_lowercase()
            ),
        }
    }

    fn substitute(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let Some(end) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 2..start + end];
            let value = if name.contains('.') && !name.starts_with("AWS::") {
                self.attribute(name)
            } else {
                self.reference(name).unwrap_or_default()
            };
            out.push_str(&value);
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        out
    }
}
