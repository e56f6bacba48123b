//! Counts the AWS calls each API request makes (issue 13, "Round trips"): every SDK client of
//! the local stack sends through [`CountingHttpClient`], which notes each call's service and
//! operation in the scope of the API request it serves. The gateway opens that scope around
//! the handler ([`attributed`]) and reports the calls in two response headers, so a test can
//! pin how many round trips each route costs. The functions and `shared` know nothing of it.
//!
//! A call outside any request scope (start-up, the stream and queue relays, the Cognito
//! front's own calls to the emulator, work a handler spawned onto another task) is background
//! work and is not attributed. Each attempt is a call: an SDK retry counts again, as it costs
//! another round trip.

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::shared::IntoShared;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// The response header with the number of calls per service:
/// `dynamodb=2, s3=0, cognito-idp=0` (other services follow by name when there were any).
pub const COUNTS_HEADER: &str = "x-mypages-local-aws-calls";
/// The response header with every call in order: `dynamodb:GetItem, dynamodb:Query`.
pub const LOG_HEADER: &str = "x-mypages-local-aws-call-log";
/// The services every counts header names, also when they were not called.
pub const COUNTED_SERVICES: [&str; 3] = ["dynamodb", "s3", "cognito-idp"];
/// A call log longer than this is cut (a header is no place for thousands of calls).
const LOG_LIMIT: usize = 200;

/// One call to an AWS service: `dynamodb` and `GetItem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsCall {
    pub service: String,
    pub operation: String,
}

type Calls = Arc<Mutex<Vec<AwsCall>>>;

tokio::task_local! {
    /// The calls of the API request this task is serving.
    static REQUEST_CALLS: Calls;
}

/// Runs `future` (a handler's call) as one API request's scope: the output, and every AWS
/// call it made in order.
pub async fn attributed<F: Future>(future: F) -> (F::Output, Vec<AwsCall>) {
    let calls = Calls::default();
    let output = REQUEST_CALLS.scope(calls.clone(), future).await;
    let calls = std::mem::take(&mut *calls.lock().unwrap_or_else(|e| e.into_inner()));
    (output, calls)
}

/// Notes a call for the request being served, if any (background calls are not noted).
fn note(call: AwsCall) {
    let _ = REQUEST_CALLS.try_with(|calls| {
        calls.lock().unwrap_or_else(|e| e.into_inner()).push(call);
    });
}

/// `dynamodb=2, s3=0, cognito-idp=1`, then any other service by name.
pub fn counts_header(calls: &[AwsCall]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for call in calls {
        *counts.entry(call.service.as_str()).or_default() += 1;
    }
    let mut parts: Vec<String> = COUNTED_SERVICES
        .iter()
        .map(|service| format!("{service}={}", counts.remove(service).unwrap_or(0)))
        .collect();
    parts.extend(counts.iter().map(|(service, n)| format!("{service}={n}")));
    parts.join(", ")
}

/// `dynamodb:GetItem, dynamodb:TransactWriteItems` (cut after [`LOG_LIMIT`] calls).
pub fn log_header(calls: &[AwsCall]) -> String {
    let mut parts: Vec<String> = calls
        .iter()
        .take(LOG_LIMIT)
        .map(|call| format!("{}:{}", call.service, call.operation))
        .collect();
    if calls.len() > LOG_LIMIT {
        parts.push(format!("... {} more", calls.len() - LOG_LIMIT));
    }
    parts.join(", ")
}

/// The SDK's default HTTPS client (what the clients use when none is set), counting.
pub fn counting_default_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    CountingHttpClient {
        inner: aws_smithy_http_client::Builder::new()
            .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
            .build_https(),
    }
    .into_shared()
}

/// An HTTP client that notes every call, then sends it with the client it wraps.
#[derive(Debug, Clone)]
pub struct CountingHttpClient {
    inner: SharedHttpClient,
}

impl HttpClient for CountingHttpClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        CountingConnector {
            inner: self.inner.http_connector(settings, components),
        }
        .into_shared()
    }

    fn connector_metadata(
        &self,
    ) -> Option<aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata> {
        self.inner.connector_metadata()
    }
}

#[derive(Debug)]
struct CountingConnector {
    inner: SharedHttpConnector,
}

impl HttpConnector for CountingConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        // Read here, not in the returned future: `call` runs on the request's task.
        note(identify(&request));
        self.inner.call(request)
    }
}

/// The service and operation of a signed SDK request.
pub fn identify(request: &HttpRequest) -> AwsCall {
    let target = request.headers().get("x-amz-target");
    let service = request
        .headers()
        .get("authorization")
        .and_then(service_of_authorization)
        .or_else(|| target.and_then(service_of_target))
        .unwrap_or("unknown")
        .to_owned();
    let operation = match target {
        // JSON protocols: `DynamoDB_20120810.GetItem`.
        Some(target) => target.rsplit('.').next().unwrap_or(target).to_owned(),
        None if service == "s3" => s3_operation(request.method(), request.uri(), |name| {
            request.headers().get(name).is_some()
        }),
        // Query protocols (SES, SNS): `Action=SendEmail&…` in the form body.
        None => request
            .body()
            .bytes()
            .and_then(|body| std::str::from_utf8(body).ok())
            .and_then(query_action)
            .unwrap_or_else(|| request.method().to_owned()),
    };
    AwsCall { service, operation }
}

/// The service of a SigV4 credential scope: `Credential=AKID/20260101/eu-north-1/dynamodb/aws4_request`.
fn service_of_authorization(authorization: &str) -> Option<&str> {
    let credential = authorization.split("Credential=").nth(1)?;
    let scope = credential.split([',', ' ']).next()?;
    let mut parts = scope.split('/');
    let (_key, _date, _region, service) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    Some(service)
}

/// Unsigned calls (Cognito's sign-in operations need no credentials): the service by the
/// JSON protocol's target prefix.
fn service_of_target(target: &str) -> Option<&'static str> {
    let prefix = target.split('.').next()?;
    Some(match prefix {
        "AWSCognitoIdentityProviderService" => "cognito-idp",
        p if p.starts_with("DynamoDBStreams_") => "dynamodb",
        p if p.starts_with("DynamoDB_") => "dynamodb",
        "secretsmanager" => "secretsmanager",
        "TrentService" => "kms",
        "AmazonSQS" => "sqs",
        _ => return None,
    })
}

fn query_action(body: &str) -> Option<String> {
    body.split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
        .map(str::to_owned)
}

/// S3's REST operations by method, path (path-style: `/bucket/key`) and sub-resource.
fn s3_operation(method: &str, uri: &str, has_header: impl Fn(&str) -> bool) -> String {
    let path_and_query = match uri.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => uri,
    };
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let has_key = path.trim_matches('/').contains('/');
    let params: Vec<&str> = query
        .split('&')
        .map(|pair| pair.split('=').next().unwrap_or(pair))
        .collect();
    let has = |name: &str| params.contains(&name);
    let named = match (method, has_key) {
        ("GET", true) if has("tagging") => "GetObjectTagging",
        ("GET", true) if has("retention") => "GetObjectRetention",
        ("GET", true) => "GetObject",
        ("HEAD", true) => "HeadObject",
        ("PUT", true) if has("tagging") => "PutObjectTagging",
        ("PUT", true) if has("retention") => "PutObjectRetention",
        ("PUT", true) if has("legal-hold") => "PutObjectLegalHold",
        ("PUT", true) if has("partNumber") => "UploadPart",
        ("PUT", true) if has_header("x-amz-copy-source") => "CopyObject",
        ("PUT", true) => "PutObject",
        ("POST", true) if has("uploads") => "CreateMultipartUpload",
        ("POST", true) if has("uploadId") => "CompleteMultipartUpload",
        ("DELETE", true) if has("uploadId") => "AbortMultipartUpload",
        ("DELETE", true) => "DeleteObject",
        ("GET", false) if has("versions") => "ListObjectVersions",
        ("GET", false) if has("list-type") => "ListObjectsV2",
        ("GET", false) => "ListObjects",
        ("HEAD", false) => "HeadBucket",
        ("POST", false) if has("delete") => "DeleteObjects",
        ("PUT", false) => "PutBucketConfiguration",
        _ => "",
    };
    if named.is_empty() {
        format!("{method} {path}")
    } else {
        named.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_is_read_from_the_credential_scope() {
        let authorization = "AWS4-HMAC-SHA256 Credential=test/20261129/eu-north-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
        assert_eq!(service_of_authorization(authorization), Some("dynamodb"));
        assert_eq!(service_of_authorization("Bearer x"), None);
        assert_eq!(
            service_of_target("AWSCognitoIdentityProviderService.InitiateAuth"),
            Some("cognito-idp")
        );
    }

    #[test]
    fn s3_operations_are_named_by_method_path_and_sub_resource() {
        let none = |_: &str| false;
        assert_eq!(
            s3_operation(
                "GET",
                "http://127.0.0.1:5000/docs/t/c/a.pdf?x-id=GetObject",
                none
            ),
            "GetObject"
        );
        assert_eq!(
            s3_operation(
                "GET",
                "http://127.0.0.1:5000/docs?list-type=2&prefix=t%2F",
                none
            ),
            "ListObjectsV2"
        );
        assert_eq!(
            s3_operation("GET", "http://127.0.0.1:5000/docs?versions&prefix=t", none),
            "ListObjectVersions"
        );
        assert_eq!(
            s3_operation("PUT", "http://127.0.0.1:5000/docs/a/b", |h| h
                == "x-amz-copy-source"),
            "CopyObject"
        );
        assert_eq!(s3_operation("HEAD", "/docs/a/b", none), "HeadObject");
        assert_eq!(
            s3_operation("POST", "http://127.0.0.1:5000/docs?delete", none),
            "DeleteObjects"
        );
    }

    #[test]
    fn the_headers_name_the_counted_services_always_and_others_when_called() {
        let call = |service: &str, operation: &str| AwsCall {
            service: service.into(),
            operation: operation.into(),
        };
        let calls = [
            call("dynamodb", "GetItem"),
            call("secretsmanager", "GetSecretValue"),
            call("dynamodb", "TransactWriteItems"),
        ];
        assert_eq!(
            counts_header(&calls),
            "dynamodb=2, s3=0, cognito-idp=0, secretsmanager=1"
        );
        assert_eq!(counts_header(&[]), "dynamodb=0, s3=0, cognito-idp=0");
        assert_eq!(
            log_header(&calls),
            "dynamodb:GetItem, secretsmanager:GetSecretValue, dynamodb:TransactWriteItems"
        );
    }

    #[tokio::test]
    async fn calls_are_noted_only_inside_a_request_scope() {
        note(AwsCall {
            service: "s3".into(),
            operation: "PutObject".into(),
        });
        let ((), calls) = attributed(async {
            note(AwsCall {
                service: "dynamodb".into(),
                operation: "GetItem".into(),
            });
            // Another task is outside the request, as the relays are.
            tokio::spawn(async {
                note(AwsCall {
                    service: "dynamodb".into(),
                    operation: "Scan".into(),
                })
            })
            .await
            .expect("task");
        })
        .await;
        assert_eq!(
            calls,
            vec![AwsCall {
                service: "dynamodb".into(),
                operation: "GetItem".into()
            }]
        );
    }
}
