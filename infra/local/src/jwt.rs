//! Verifies Cognito tokens the way API Gateway's Cognito authorizer does: RS256 only, a `kid`
//! from the pool's JWKS, the pool's issuer, an ID token (`token_use = id`) for our app client
//! (`aud`), not expired.

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde_json::{Map, Value};
use tokio::sync::RwLock;

pub struct Verifier {
    issuer: String,
    jwks_url: String,
    client_id: String,
    http: reqwest::Client,
    keys: RwLock<JwkSet>,
}

#[derive(Debug, thiserror::Error)]
#[error("token rejected: {0}")]
pub struct Rejected(pub String);

fn rejected(reason: impl Into<String>) -> Rejected {
    Rejected(reason.into())
}

impl Verifier {
    pub fn new(issuer: &str, jwks_url: &str, client_id: &str) -> Verifier {
        Verifier {
            issuer: issuer.to_owned(),
            jwks_url: jwks_url.to_owned(),
            client_id: client_id.to_owned(),
            http: reqwest::Client::new(),
            keys: RwLock::new(JwkSet { keys: Vec::new() }),
        }
    }

    async fn refresh(&self) -> Result<(), Rejected> {
        let set: JwkSet = self
            .http
            .get(&self.jwks_url)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| rejected(format!("JWKS unavailable: {e}")))?
            .json()
            .await
            .map_err(|e| rejected(format!("JWKS unreadable: {e}")))?;
        *self.keys.write().await = set;
        Ok(())
    }

    /// The verified claims of an `Authorization` header value (`Bearer <jwt>` or the bare JWT).
    pub async fn verify(&self, authorization: &str) -> Result<Map<String, Value>, Rejected> {
        let token = authorization
            .strip_prefix("Bearer ")
            .unwrap_or(authorization)
            .trim();
        let header = decode_header(token).map_err(|e| rejected(format!("malformed: {e}")))?;
        if header.alg != Algorithm::RS256 {
            return Err(rejected("only RS256 is accepted"));
        }
        let kid = header.kid.ok_or_else(|| rejected("no kid"))?;
        if self.keys.read().await.find(&kid).is_none() {
            self.refresh().await?;
        }
        let keys = self.keys.read().await;
        let jwk = keys.find(&kid).ok_or_else(|| rejected("unknown kid"))?;
        let key = DecodingKey::from_jwk(jwk).map_err(|e| rejected(e.to_string()))?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 0;
        let data = decode::<Map<String, Value>>(token, &key, &validation)
            .map_err(|e| rejected(e.to_string()))?;
        if data.claims.get("token_use").and_then(Value::as_str) != Some("id") {
            return Err(rejected("not an ID token"));
        }
        Ok(data.claims)
    }
}

/// API Gateway hands claims to REST handlers as strings.
pub fn claims_as_strings(claims: &Map<String, Value>) -> Map<String, Value> {
    claims
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            (k.clone(), Value::String(text))
        })
        .collect()
}

/// The claims of a token, read without checking its signature: only for a token the emulator
/// itself just issued to the local stack (the Cognito front rewriting its ID token).
pub fn unverified_claims(token: &str) -> Result<Map<String, Value>, Rejected> {
    use base64::Engine;
    let payload = token
        .split('.')
        .nth(1)
        .ok_or_else(|| rejected("malformed: no payload"))?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| rejected(format!("malformed: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| rejected(format!("malformed: {e}")))
}
