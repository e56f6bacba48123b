//! What Cognito does in AWS and moto does not, in front of moto's Cognito endpoint: the
//! `SECRET_HASH` check of password logins through a confidential app client, and the
//! post-authentication trigger, called where Cognito calls it (after a successful
//! authentication, before the tokens are returned; a failing trigger fails the sign-in).
//! The handlers and the local tests reach Cognito through this front, so a sign-in that
//! bypasses the API is refused, or recorded, exactly as in AWS.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPostAuthentication;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use mypages::aws::Store;
use mypages::domain::session::secret_hash;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::net::TcpListener;

const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// The one app client whose secret the front knows, and where moto listens.
pub struct Front {
    pub moto_endpoint: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub idp: aws_sdk_cognitoidentityprovider::Client,
    pub store: Store,
    pub http: reqwest::Client,
}

/// Serves the front on a free port of 127.0.0.1; returns its endpoint URL.
pub async fn spawn(front: Front) -> std::io::Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let endpoint = format!("http://{}", listener.local_addr()?);
    let front = Arc::new(front);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let front = front.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| {
                    let front = front.clone();
                    async move { Ok::<_, std::convert::Infallible>(front.handle(req).await) }
                });
                if let Err(error) = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                {
                    tracing::debug!(%error, "cognito front: connection closed");
                }
            });
        }
    });
    Ok(endpoint)
}

fn error(status: StatusCode, kind: &str, message: &str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-errortype", kind)
        .body(Full::new(Bytes::from(
            json!({"__type": kind, "message": message}).to_string(),
        )))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

impl Front {
    async fn handle(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let (parts, body) = req.into_parts();
        let Ok(body) = body.collect().await.map(|b| b.to_bytes()) else {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidParameterException",
                "unreadable body",
            );
        };
        let operation = parts
            .headers
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .and_then(|t| t.strip_prefix(TARGET_PREFIX))
            .unwrap_or_default()
            .to_owned();
        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if operation == "InitiateAuth"
            && let Some(refusal) = self.check_secret_hash(&request)
        {
            return refusal;
        }

        let (status, headers, answer) = match self.forward(&parts, body).await {
            Ok(forwarded) => forwarded,
            Err(message) => {
                return error(StatusCode::BAD_GATEWAY, "InternalErrorException", &message);
            }
        };
        // Cognito runs post-authentication after a sign-in (a password, or the last challenge),
        // not when a refresh token is exchanged.
        let authenticates = match operation.as_str() {
            "InitiateAuth" => request["AuthFlow"] != "REFRESH_TOKEN_AUTH",
            "RespondToAuthChallenge" => true,
            _ => false,
        };
        let signed_in = status.is_success()
            && authenticates
            && serde_json::from_slice::<Value>(&answer)
                .is_ok_and(|a| a.get("AuthenticationResult").is_some());
        if signed_in && let Err(message) = self.post_authentication(&operation, &request).await {
            // Cognito's own wording for a trigger that failed.
            return error(
                StatusCode::BAD_REQUEST,
                "UserLambdaValidationException",
                &format!("PostAuthentication failed with error {message}."),
            );
        }
        let mut response = Response::builder().status(status);
        for (name, value) in &headers {
            response = response.header(name, value);
        }
        response
            .body(Full::new(answer))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }

    /// AWS refuses a password login through a client with a secret unless `SECRET_HASH`
    /// proves the caller knows it; moto checks this only for refresh and challenge answers.
    fn check_secret_hash(&self, request: &Value) -> Option<Response<Full<Bytes>>> {
        let flow = request["AuthFlow"].as_str().unwrap_or_default();
        if request["ClientId"].as_str() != Some(self.client_id.as_str())
            || flow != "USER_PASSWORD_AUTH"
        {
            return None;
        }
        let parameters = &request["AuthParameters"];
        let username = parameters["USERNAME"].as_str().unwrap_or_default();
        let expected = secret_hash(&self.client_secret, username, &self.client_id);
        match parameters["SECRET_HASH"].as_str() {
            Some(given) if given == expected => None,
            Some(_) => Some(error(
                StatusCode::BAD_REQUEST,
                "NotAuthorizedException",
                &format!("Unable to verify secret hash for client {}", self.client_id),
            )),
            None => Some(error(
                StatusCode::BAD_REQUEST,
                "NotAuthorizedException",
                &format!(
                    "Client {} is configured with secret but SECRET_HASH was not received",
                    self.client_id
                ),
            )),
        }
    }

    async fn forward(
        &self,
        parts: &http::request::Parts,
        body: Bytes,
    ) -> Result<(StatusCode, Vec<(String, String)>, Bytes), String> {
        let url = format!(
            "{}{}",
            self.moto_endpoint.trim_end_matches('/'),
            parts.uri.path_and_query().map_or("/", |p| p.as_str())
        );
        let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())
            .map_err(|e| e.to_string())?;
        let mut request = self.http.request(method, url).body(body);
        for (name, value) in &parts.headers {
            if name != "host" && name != "content-length" {
                request = request.header(name.as_str(), value.as_bytes());
            }
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = StatusCode::from_u16(response.status().as_u16()).map_err(|e| e.to_string())?;
        let headers = response
            .headers()
            .iter()
            .filter(|(name, _)| *name != "content-length" && *name != "transfer-encoding")
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let answer = response.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, headers, answer))
    }

    /// Builds the trigger's event as Cognito does (the user's attributes, the step's
    /// `ClientMetadata`) and runs the trigger's handler.
    async fn post_authentication(&self, operation: &str, request: &Value) -> Result<(), String> {
        let username = match operation {
            "InitiateAuth" => request["AuthParameters"]["USERNAME"].as_str(),
            _ => request["ChallengeResponses"]["USERNAME"].as_str(),
        }
        .unwrap_or_default();
        let user = self
            .idp
            .admin_get_user()
            .user_pool_id(&self.user_pool_id)
            .username(username)
            .send()
            .await
            .map_err(|e| {
                aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e).to_string()
            })?;
        let attributes: serde_json::Map<String, Value> = user
            .user_attributes()
            .iter()
            .filter_map(|a| Some((a.name().to_owned(), Value::from(a.value()?))))
            .collect();
        let event = json!({
            "version": "1",
            "triggerSource": "PostAuthentication_Authentication",
            "region": "eu-north-1",
            "userPoolId": self.user_pool_id,
            "userName": user.username(),
            "callerContext": {"awsSdkVersion": "aws-sdk-rust", "clientId": request["ClientId"]},
            "request": {
                "userAttributes": attributes,
                "newDeviceUsed": false,
                "clientMetadata": request.get("ClientMetadata").cloned().unwrap_or(json!({})),
            },
            "response": {},
        });
        let event: CognitoEventUserPoolsPostAuthentication =
            serde_json::from_value(event).map_err(|e| e.to_string())?;
        let mut context = lambda_runtime::Context::default();
        context.request_id = uuid::Uuid::new_v4().to_string();
        auth_post_authentication::handler(
            &self.store,
            lambda_runtime::LambdaEvent::new(event, context),
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }
}
