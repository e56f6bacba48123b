//! Cognito's hosted UI token endpoint: the authorization code of a federated sign-in
//! exchanged for tokens (`POST <hosted UI>/oauth2/token`, the OAuth 2.0 code grant). The app
//! client is confidential, so the exchange needs the client secret (HTTP Basic) and must be
//! made by us, not by the browser. Not an SDK call: Cognito offers this only over HTTP.

use serde::Deserialize;
use thiserror::Error;

use super::cognito::Tokens;

/// Longer than Cognito ever takes, well inside the function's timeout.
const TOKEN_ENDPOINT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, Error)]
#[error("the hosted UI's token endpoint: {0}")]
pub struct HostedUiError(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeExchange {
    Tokens(Tokens),
    /// Cognito's `invalid_grant`: the code is unknown, expired (5 minutes) or already used.
    Refused,
}

/// The token endpoint of one app client and its callback URL (the `redirect_uri` the code was
/// issued for, which the exchange must repeat).
#[derive(Debug, Clone)]
pub struct TokenEndpoint {
    http: reqwest::Client,
    token_url: String,
    callback_url: String,
    client_id: String,
}

/// Cognito's token answer (snake case, as OAuth 2.0 has it).
#[derive(Deserialize)]
struct TokenResponse {
    id_token: String,
    access_token: String,
    refresh_token: Option<String>,
    expires_in: i32,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
}

impl TokenEndpoint {
    /// `base_url` is the hosted UI without a trailing slash.
    pub fn new(
        base_url: &str,
        callback_url: &str,
        client_id: &str,
    ) -> Result<TokenEndpoint, HostedUiError> {
        let http = reqwest::Client::builder()
            .timeout(TOKEN_ENDPOINT_TIMEOUT)
            .build()
            .map_err(|e| HostedUiError(format!("no HTTP client: {e}")))?;
        Ok(TokenEndpoint {
            http,
            token_url: format!("{base_url}/oauth2/token"),
            callback_url: callback_url.to_owned(),
            client_id: client_id.to_owned(),
        })
    }

    /// Tokens for `code`, or [`CodeExchange::Refused`] for a code Cognito does not honour;
    /// any other answer (a wrong secret, a callback URL the client does not allow, Cognito
    /// unreachable) is an error of ours or Cognito's, not the caller's.
    pub async fn exchange_code(
        &self,
        code: &str,
        client_secret: &str,
    ) -> Result<CodeExchange, HostedUiError> {
        let response = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(client_secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("client_id", self.client_id.as_str()),
                ("code", code),
                ("redirect_uri", self.callback_url.as_str()),
            ])
            .send()
            .await
            .map_err(|e| HostedUiError(format!("request failed: {e}")))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| HostedUiError(format!("answer unreadable: {e}")))?;
        if status.is_success() {
            let tokens: TokenResponse = serde_json::from_slice(&body)
                .map_err(|e| HostedUiError(format!("unexpected token answer: {e}")))?;
            return Ok(CodeExchange::Tokens(Tokens {
                id_token: tokens.id_token,
                access_token: tokens.access_token,
                refresh_token: tokens.refresh_token,
                expires_in: tokens.expires_in,
            }));
        }
        match serde_json::from_slice::<OAuthError>(&body) {
            Ok(error) if status.as_u16() == 400 && error.error == "invalid_grant" => {
                Ok(CodeExchange::Refused)
            }
            // Only the error code: Cognito's description may repeat the request.
            Ok(error) => Err(HostedUiError(format!("{status}: {}", error.error))),
            Err(_) => Err(HostedUiError(format!("{status}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use http_body_util::{BodyExt, Full};
    use hyper::body::{Bytes, Incoming};
    use hyper::{Request, Response};
    use hyper_util::rt::TokioIo;
    use std::collections::BTreeMap;

    const CLIENT_ID: &str = "4b7v2q8n1k5m3r6t9w0y2z4a6c";
    const SECRET: &str = "s3cr3t-of-the-app-client";
    const CALLBACK: &str = "https://app.example/sso/callback";
    const GOOD_CODE: &str = "0c2f6f0e-3c8a-4d0e-9a43-3f0b4b1d9e11";

    /// What Cognito answers for a good code (the shape of a recorded answer; tokens shortened).
    const TOKEN_ANSWER: &str = r#"{"id_token":"eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI1ZjJjIn0.sig","access_token":"eyJraWQiOiJkZWYiLCJhbGciOiJSUzI1NiJ9.eyJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.sig","refresh_token":"eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh","expires_in":3600,"token_type":"Bearer"}"#;

    /// Answers like Cognito's token endpoint, but only to the exact request our side must
    /// send: POST /oauth2/token, Basic client_id:secret, form-encoded with exactly the four
    /// fields. Anything else is a 418, which the adapter reports as an error and the tests
    /// then fail on.
    async fn token_endpoint(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
        let expected_auth = format!("Basic {}", STANDARD.encode(format!("{CLIENT_ID}:{SECRET}")));
        let right_request = req.method() == hyper::Method::POST
            && req.uri().path() == "/oauth2/token"
            && req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                == Some(expected_auth.as_str())
            && req
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                == Some("application/x-www-form-urlencoded");
        let body = req.into_body().collect().await?.to_bytes();
        let form: BTreeMap<String, String> =
            url::form_urlencoded::parse(&body).into_owned().collect();
        let expected_form: BTreeMap<String, String> = [
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("redirect_uri", CALLBACK),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .chain([(
            "code".to_owned(),
            form.get("code").cloned().unwrap_or_default(),
        )])
        .collect();
        let (status, answer) = if !right_request || form != expected_form {
            (418, format!("unexpected request: {form:?}"))
        } else if form.get("code").map(String::as_str) == Some(GOOD_CODE) {
            (200, TOKEN_ANSWER.to_owned())
        } else if form.get("code").map(String::as_str) == Some("client-broken") {
            (400, r#"{"error":"invalid_client"}"#.to_owned())
        } else {
            (400, r#"{"error":"invalid_grant"}"#.to_owned())
        };
        Ok(Response::builder()
            .status(status)
            .header("content-type", "application/json;charset=UTF-8")
            .body(Full::new(Bytes::from(answer)))
            .expect("response"))
    }

    /// The endpoint on a free local port; its base URL.
    async fn serve() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(hyper::server::conn::http1::Builder::new().serve_connection(
                    TokioIo::new(stream),
                    hyper::service::service_fn(token_endpoint),
                ));
            }
        });
        format!("http://{address}")
    }

    async fn endpoint() -> TokenEndpoint {
        TokenEndpoint::new(&serve().await, CALLBACK, CLIENT_ID).expect("client")
    }

    #[tokio::test]
    async fn a_good_code_gives_cognitos_tokens() {
        let outcome = endpoint()
            .await
            .exchange_code(GOOD_CODE, SECRET)
            .await
            .expect("exchange");
        let CodeExchange::Tokens(tokens) = outcome else {
            panic!("refused: {outcome:?}");
        };
        assert!(tokens.id_token.ends_with("eyJzdWIiOiI1ZjJjIn0.sig"));
        assert!(tokens.access_token.starts_with("eyJraWQiOiJkZWYi"));
        assert_eq!(
            tokens.refresh_token.as_deref(),
            Some("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh")
        );
        assert_eq!(tokens.expires_in, 3600);
    }

    #[tokio::test]
    async fn an_unknown_code_is_refused() {
        let outcome = endpoint()
            .await
            .exchange_code("used-or-expired", SECRET)
            .await
            .expect("exchange");
        assert_eq!(outcome, CodeExchange::Refused);
    }

    #[tokio::test]
    async fn a_wrong_secret_is_our_failure_not_a_refused_code() {
        // The endpoint answers 418 to a request with another Basic credential.
        let error = endpoint()
            .await
            .exchange_code(GOOD_CODE, "another-secret")
            .await
            .expect_err("a failure");
        assert!(error.0.contains("418"), "{error}");
    }

    #[tokio::test]
    async fn other_oauth_errors_are_failures() {
        let error = endpoint()
            .await
            .exchange_code("client-broken", SECRET)
            .await
            .expect_err("a failure");
        assert!(error.0.contains("invalid_client"), "{error}");
    }

    #[tokio::test]
    async fn an_unreachable_endpoint_is_a_failure() {
        // Port 9 (discard): nothing listens there on a test machine.
        let endpoint =
            TokenEndpoint::new("http://127.0.0.1:9", CALLBACK, CLIENT_ID).expect("client");
        assert!(endpoint.exchange_code(GOOD_CODE, SECRET).await.is_err());
    }
}
