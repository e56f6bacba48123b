//! What the Lambda benches share: a minimal Lambda Runtime API served on 127.0.0.1, the
//! environment Lambda gives a function, and template.yaml's functions with their variables.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

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

pub mod emulator_proxy;

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "eu-north-1";

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Parameters whose empty default turns a feature off, with a value that turns it on: `!If`
/// resolves to its first branch here (the feature on), so the parameters the condition reads
/// must agree with it (SSO's hosted UI needs both its domain and its callback URL).
const OPTIONAL_FEATURES: &[(&str, &str)] = &[
    ("SsoDomainPrefix", "mypages-bench"),
    ("SsoCallbackUrl", "https://app.mypages.example/sso/callback"),
];

/// What the Runtime API saw, in order.
#[derive(Debug)]
pub enum Seen {
    Next(Instant),
    /// An answer: its status code (of an API Gateway response) and the whole response;
    /// `failed` when the function reported an error (`/error`) instead of a response.
    Answered {
        at: Instant,
        status: Option<u16>,
        response: Json,
        failed: bool,
    },
    InitError(String),
}

/// A function's process under [`runtime_api`], which serves it `events` in order.
pub struct FunctionProcess {
    child: std::process::Child,
    server: tokio::task::JoinHandle<()>,
    pub pid: u32,
    /// Just before the spawn: where init starts.
    pub spawned: Instant,
    /// What the Runtime API saw.
    pub seen: mpsc::UnboundedReceiver<Seen>,
}

impl FunctionProcess {
    /// Spawns `binary` with only `env` (and the Runtime API's address). std's process: tokio's
    /// needs a feature the workspace does not build tokio with.
    pub async fn start(
        binary: &Path,
        env: &[(String, String)],
        events: Vec<Bytes>,
    ) -> Result<FunctionProcess, Error> {
        if !binary.exists() {
            return Err(format!("{} is not built", binary.display()).into());
        }
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let (seen_tx, seen) = mpsc::unbounded_channel();
        let server = tokio::spawn(runtime_api(listener, seen_tx, events));
        let spawned = Instant::now();
        let child = std::process::Command::new(binary)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()?;
        Ok(FunctionProcess {
            pid: child.id(),
            child,
            server,
            spawned,
            seen,
        })
    }

    /// Kills the process; `result`, with the last lines of its stderr when it is an error.
    pub async fn stop<T>(self, result: Result<T, Error>) -> Result<T, Error> {
        let FunctionProcess {
            mut child, server, ..
        } = self;
        let _ = child.kill();
        let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await??;
        server.abort();
        result.map_err(|e| {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let tail: String = stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
            format!("{e} (stderr: {tail})").into()
        })
    }
}

/// VmHWM of /proc/<pid>/status, in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The Runtime API: the events in order, one per `/next`, then nothing (the process is
/// killed); every answer and init error reported on `seen`.
pub async fn runtime_api(
    listener: TcpListener,
    seen: mpsc::UnboundedSender<Seen>,
    events: Vec<Bytes>,
) {
    let events = Arc::new(events);
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    while let Ok((stream, _)) = listener.accept().await {
        let (seen, events, served) = (seen.clone(), events.clone(), served.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let (seen, events, served) = (seen.clone(), events.clone(), served.clone());
                async move {
                    let path = request.uri().path().to_owned();
                    if path.ends_with("/invocation/next") {
                        let n = served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let Some(event) = events.get(n).cloned() else {
                            return std::future::pending().await;
                        };
                        let _ = seen.send(Seen::Next(Instant::now()));
                        return Response::builder()
                            .header("lambda-runtime-aws-request-id", format!("bench-{}", n + 1))
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
                        let response = serde_json::from_slice::<Json>(&body).unwrap_or(Json::Null);
                        let status = response
                            .get("statusCode")
                            .and_then(Json::as_u64)
                            .and_then(|s| u16::try_from(s).ok());
                        let _ = seen.send(Seen::Answered {
                            at,
                            status,
                            response,
                            failed: path.ends_with("/error"),
                        });
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
pub fn lambda_env(binary: &str, variables: BTreeMap<String, String>) -> Vec<(String, String)> {
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

pub struct Template {
    root: Yaml,
}

impl Template {
    pub fn load(path: &Path) -> Result<Template, Error> {
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
    pub fn http_functions(&self) -> Vec<(String, BTreeMap<String, String>)> {
        self.functions_where(|function| {
            function["Properties"]["Events"]
                .as_mapping()
                .into_iter()
                .flatten()
                .any(|(_, e)| e["Type"].as_str() == Some("Api"))
        })
    }

    /// (binary, environment) of every function, by binary name.
    pub fn functions(&self) -> Vec<(String, BTreeMap<String, String>)> {
        self.functions_where(|_| true)
    }

    fn functions_where(
        &self,
        wanted: impl Fn(&Yaml) -> bool,
    ) -> Vec<(String, BTreeMap<String, String>)> {
        let mut functions: Vec<(String, BTreeMap<String, String>)> = self
            .resources()
            .filter(|(_, r)| r["Type"].as_str() == Some("AWS::Serverless::Function"))
            .filter(|(_, r)| wanted(r))
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
            if let Some((_, value)) = OPTIONAL_FEATURES.iter().find(|(p, _)| *p == name) {
                return Some((*value).to_owned());
            }
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
