//! What Cognito does in AWS and moto does not, in front of moto's Cognito endpoint: the
//! `SECRET_HASH` check of password logins through a confidential app client, and the user
//! pool's triggers, called where Cognito calls them: pre-sign-up before a user is created,
//! pre-authentication before an existing user's password is checked, pre-token-generation
//! before any tokens are returned (sign-in, challenge answers, refresh), its claims put into
//! the ID token, which is signed again with the emulator's key; a failing trigger fails the
//! call with Cognito's own error. The handlers and the local tests reach Cognito through this front, so a sign-in
//! that bypasses the API is refused, recorded and given claims exactly as in AWS.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreTokenGen;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use mypages::aws::pool_users::{PoolUser, PoolUsers};
use mypages::domain::session::secret_hash;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::net::TcpListener;

use crate::jwt;

const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// The one app client whose secret the front knows, and where moto listens.
pub struct Front {
    pub moto_endpoint: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub region: String,
    /// Reads users as the triggers' events describe them (attributes, MFA settings).
    pub pool: PoolUsers,
    /// The triggers' handlers and what they use.
    pub triggers: auth_pre_token_generation::TriggerDeps,
    /// The emulator's token signing key: tokens the trigger changed are signed with it again.
    pub signing_key: jsonwebtoken::EncodingKey,
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
        if let Some(refusal) = self.check_secret_hash(&operation, &request) {
            return refusal;
        }
        if let Err((trigger, message)) = self.before_forwarding(&operation, &request).await {
            // Cognito's own wording for a trigger that failed.
            return error(
                StatusCode::BAD_REQUEST,
                "UserLambdaValidationException",
                &format!("{trigger} failed with error {message}."),
            );
        }
        let (request, body) = match self.to_pool_username(&operation, &request).await {
            Some(renamed) => {
                let body = Bytes::from(serde_json::to_vec(&renamed).unwrap_or_default());
                (renamed, body)
            }
            None => (request, body),
        };

        let (status, headers, answer) = match self.forward(&parts, body).await {
            Ok(forwarded) => forwarded,
            Err(message) => {
                return error(StatusCode::BAD_GATEWAY, "InternalErrorException", &message);
            }
        };
        // Cognito runs pre-token-generation before it hands out tokens, on every path (a
        // password, a challenge's answer, a refresh token); a failing trigger fails the call.
        let answer = if status.is_success() {
            match self
                .pre_token_generation(&operation, &request, answer)
                .await
            {
                Ok(answer) => answer,
                Err(message) => {
                    // Cognito's own wording for a trigger that failed.
                    return error(
                        StatusCode::BAD_REQUEST,
                        "UserLambdaValidationException",
                        &format!("PreTokenGeneration failed with error {message}."),
                    );
                }
            }
        } else {
            answer
        };
        let mut response = Response::builder().status(status);
        for (name, value) in &headers {
            response = response.header(name, value);
        }
        response
            .body(Full::new(answer))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }

    /// Where a call names its user: the password login's `AuthParameters` or a challenge
    /// answer's `ChallengeResponses`, for our app client; `None` for any other call.
    fn user_naming_part(&self, operation: &str, request: &Value) -> Option<&'static str> {
        if request["ClientId"].as_str() != Some(self.client_id.as_str()) {
            return None;
        }
        match operation {
            "InitiateAuth" if request["AuthFlow"] == "USER_PASSWORD_AUTH" => Some("AuthParameters"),
            "RespondToAuthChallenge" => Some("ChallengeResponses"),
            _ => None,
        }
    }

    /// Cognito resolves an alias (the e-mail of an e-mail-username pool) to the pool's user
    /// name and issues tokens to that name: the access token's `username`, the name a
    /// refresh's `SECRET_HASH` is computed with, the name `AdminUserGlobalSignOut` revokes.
    /// moto files tokens under whatever string the call carried, so the front passes the
    /// pool's name on, with the `SECRET_HASH` for it (the client's own was checked for the
    /// name it sent). `None`: nothing to change (an unknown user goes on as it came).
    async fn to_pool_username(&self, operation: &str, request: &Value) -> Option<Value> {
        let part = self.user_naming_part(operation, request)?;
        let given = request[part]["USERNAME"].as_str()?;
        let user = self
            .pool
            .user_in_pool(&self.user_pool_id, given)
            .await
            .ok()
            .flatten()?;
        let name = user.username.as_str();
        if name == given {
            return None;
        }
        let mut renamed = request.clone();
        renamed[part]["USERNAME"] = Value::from(name);
        renamed[part]["SECRET_HASH"] =
            Value::from(secret_hash(&self.client_secret, name, &self.client_id));
        Some(renamed)
    }

    /// AWS refuses a password login or a challenge answer through a client with a secret
    /// unless `SECRET_HASH` proves the caller knows it; moto checks this only for refresh and
    /// some challenge answers (and the front renames the user before moto sees the call).
    fn check_secret_hash(&self, operation: &str, request: &Value) -> Option<Response<Full<Bytes>>> {
        let part = self.user_naming_part(operation, request)?;
        let parameters = &request[part];
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

    /// The triggers Cognito runs before it acts on a call: pre-authentication before it checks
    /// an existing user's password, pre-sign-up before it creates a user.
    async fn before_forwarding(
        &self,
        operation: &str,
        request: &Value,
    ) -> Result<(), (&'static str, String)> {
        match operation {
            "InitiateAuth" | "AdminInitiateAuth"
                if matches!(
                    request["AuthFlow"].as_str(),
                    Some("USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH")
                ) =>
            {
                self.pre_authentication(request)
                    .await
                    .map_err(|m| ("PreAuthentication", m))
            }
            "AdminCreateUser" => self
                .pre_sign_up("PreSignUp_AdminCreateUser", request)
                .await
                .map_err(|m| ("PreSignUp", m)),
            "SignUp" => self
                .pre_sign_up("PreSignUp_SignUp", request)
                .await
                .map_err(|m| ("PreSignUp", m)),
            _ => Ok(()),
        }
    }

    /// Runs for a user the pool has (an unknown name goes on to Cognito's own refusal).
    async fn pre_authentication(&self, request: &Value) -> Result<(), String> {
        let username = request["AuthParameters"]["USERNAME"]
            .as_str()
            .unwrap_or_default();
        let Some(user) = self
            .pool
            .user_in_pool(&self.user_pool_id, username)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(());
        };
        let event = json!({
            "version": "1",
            "triggerSource": "PreAuthentication_Authentication",
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "userName": user.username,
            "callerContext": {"awsSdkVersion": "aws-sdk-rust", "clientId": request["ClientId"]},
            "request": {
                "userAttributes": event_attributes(&user),
                "validationData": {},
                "userNotFound": false,
            },
            "response": {},
        });
        let event = serde_json::from_value(event).map_err(|e| e.to_string())?;
        auth_pre_authentication::handler(
            &self.triggers.store,
            lambda_runtime::LambdaEvent::new(event, trigger_context()),
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    /// Runs before a user is created, with the attributes the call asks for.
    async fn pre_sign_up(&self, source: &str, request: &Value) -> Result<(), String> {
        let pairs = |key: &str| -> serde_json::Map<String, Value> {
            request[key]
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(|a| Some((a["Name"].as_str()?.to_owned(), a["Value"].clone())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let event = json!({
            "version": "1",
            "triggerSource": source,
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "userName": request["Username"],
            "callerContext": {"awsSdkVersion": "aws-sdk-rust", "clientId": request.get("ClientId").cloned().unwrap_or(json!("CLIENT_ID_NOT_APPLICABLE"))},
            "request": {
                "userAttributes": pairs("UserAttributes"),
                "validationData": pairs("ValidationData"),
                "clientMetadata": request.get("ClientMetadata").cloned().unwrap_or(json!({})),
            },
            "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false},
        });
        let event = serde_json::from_value(event).map_err(|e| e.to_string())?;
        auth_pre_sign_up::handler(
            &self.triggers.store,
            lambda_runtime::LambdaEvent::new(event, trigger_context()),
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    /// When `answer` carries tokens: builds the trigger's event as Cognito does (the user's
    /// attributes, the step's `ClientMetadata`), runs the trigger's handler, and returns the
    /// answer with the ID token's claims changed as the trigger asked, signed again with the
    /// emulator's own key. Any other answer is returned as it is.
    async fn pre_token_generation(
        &self,
        operation: &str,
        request: &Value,
        answer: Bytes,
    ) -> Result<Bytes, String> {
        let Ok(mut parsed) = serde_json::from_slice::<Value>(&answer) else {
            return Ok(answer);
        };
        let Some(id_token) = parsed["AuthenticationResult"]["IdToken"].as_str() else {
            return Ok(answer);
        };
        let claims = jwt::unverified_claims(id_token).map_err(|e| e.to_string())?;
        // The pool's user name (with e-mail as the sign-in alias, not the address).
        let username = claims
            .get("cognito:username")
            .and_then(Value::as_str)
            .ok_or("the ID token has no cognito:username")?
            .to_owned();
        let user = self
            .pool
            .user_in_pool(&self.user_pool_id, &username)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the token's user is not in the pool")?;
        let attributes = event_attributes(&user);
        let event = json!({
            "version": "1",
            "triggerSource": token_trigger_source(operation, request),
            "region": self.region,
            "userPoolId": self.user_pool_id,
            "userName": user.username,
            "callerContext": {"awsSdkVersion": "aws-sdk-rust", "clientId": request["ClientId"]},
            "request": {
                "userAttributes": attributes,
                "groupConfiguration": {"groupsToOverride": [], "iamRolesToOverride": []},
                "clientMetadata": request.get("ClientMetadata").cloned().unwrap_or(json!({})),
            },
            "response": {},
        });
        let event: CognitoEventUserPoolsPreTokenGen =
            serde_json::from_value(event).map_err(|e| e.to_string())?;
        let answered = auth_pre_token_generation::handler(
            &self.triggers,
            lambda_runtime::LambdaEvent::new(event, trigger_context()),
        )
        .await
        .map_err(|e| e.to_string())?;
        let Some(changes) = answered.response.claims_override_details else {
            return Ok(answer);
        };
        let reissued = self.reissue(
            claims,
            &changes.claims_to_add_or_override,
            &changes.claims_to_suppress,
        )?;
        parsed["AuthenticationResult"]["IdToken"] = Value::from(reissued);
        Ok(Bytes::from(parsed.to_string()))
    }

    /// The ID token with the trigger's changes, signed as the emulator signs (RS256, its key,
    /// `kid` "dummy"), so the authorizer's JWKS check accepts it like any Cognito token.
    fn reissue(
        &self,
        mut claims: serde_json::Map<String, Value>,
        add_or_override: &std::collections::HashMap<String, String>,
        suppress: &[String],
    ) -> Result<String, String> {
        // Cognito does not let a trigger touch these (DESIGN.md §8): fail loudly rather than
        // issue a token AWS never would.
        if let Some(reserved) = add_or_override
            .keys()
            .chain(suppress)
            .find(|c| RESERVED_CLAIMS.contains(&c.as_str()) || c.starts_with("cognito:"))
        {
            return Err(format!("the trigger may not change the claim {reserved}"));
        }
        for name in suppress {
            claims.remove(name);
        }
        for (name, value) in add_or_override {
            claims.insert(name.clone(), Value::from(value.as_str()));
        }
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.kid = Some(MOTO_KEY_ID.to_owned());
        header.typ = None;
        jsonwebtoken::encode(&header, &claims, &self.signing_key).map_err(|e| e.to_string())
    }
}

/// A user's attributes as a trigger's event carries them (with `cognito:user_status`).
fn event_attributes(user: &PoolUser) -> serde_json::Map<String, Value> {
    let mut attributes: serde_json::Map<String, Value> = user
        .attributes
        .iter()
        .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
        .collect();
    attributes.insert(
        "cognito:user_status".into(),
        Value::from(user.status.as_str()),
    );
    attributes
}

/// A Lambda context with its own request id, as each invocation gets.
fn trigger_context() -> lambda_runtime::Context {
    let mut context = lambda_runtime::Context::default();
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}

/// The `kid` moto's JWKS publishes for its one signing key.
const MOTO_KEY_ID: &str = "dummy";

/// Claims Cognito keeps for itself in a pre-token-generation response.
const RESERVED_CLAIMS: &[&str] = &[
    "acr",
    "amr",
    "aud",
    "at_hash",
    "auth_time",
    "azp",
    "c_hash",
    "exp",
    "iat",
    "identities",
    "iss",
    "jti",
    "nbf",
    "nonce",
    "origin_jti",
    "sub",
    "token_use",
];

/// The `triggerSource` Cognito gives pre-token-generation for the call that issued tokens.
fn token_trigger_source(operation: &str, request: &Value) -> &'static str {
    match operation {
        "InitiateAuth" | "AdminInitiateAuth"
            if matches!(
                request["AuthFlow"].as_str(),
                Some("REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN")
            ) =>
        {
            "TokenGeneration_RefreshTokens"
        }
        "RespondToAuthChallenge" | "AdminRespondToAuthChallenge"
            if request["ChallengeName"] == "NEW_PASSWORD_REQUIRED" =>
        {
            "TokenGeneration_NewPasswordChallenge"
        }
        _ => "TokenGeneration_Authentication",
    }
}
