//! The login functions' secrets, read from Secrets Manager once per cold start, on first use
//! (functions that never log anybody in never read them and have no permission to).

use aws_sdk_secretsmanager::Client;

use super::sdk::LazyClient;
use aws_sdk_secretsmanager::error::DisplayErrorContext;
use std::sync::Arc;
use thiserror::Error;
use tokio::sync::OnceCell;

use crate::config::AuthSecretIds;

#[derive(Debug, Error)]
pub enum SecretsError {
    #[error("this function has no login secrets configured (SESSION_KEY_SECRET_ID)")]
    NotConfigured,
    #[error("secret {0}: {1}")]
    Failed(String, String),
}

/// The keys themselves. Never printed.
#[derive(Clone)]
pub struct AuthKeys {
    pub session_key: Vec<u8>,
    pub client_secret: String,
}

impl std::fmt::Debug for AuthKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthKeys { .. }")
    }
}

#[derive(Debug, Clone)]
pub struct Secrets {
    client: LazyClient<Client>,
    ids: Option<AuthSecretIds>,
    auth_keys: Arc<OnceCell<AuthKeys>>,
}

impl Secrets {
    pub fn new(client: LazyClient<Client>, ids: Option<AuthSecretIds>) -> Secrets {
        Secrets {
            client,
            ids,
            auth_keys: Arc::new(OnceCell::new()),
        }
    }

    pub async fn auth_keys(&self) -> Result<&AuthKeys, SecretsError> {
        let ids = self.ids.as_ref().ok_or(SecretsError::NotConfigured)?;
        self.auth_keys
            .get_or_try_init(|| async {
                Ok(AuthKeys {
                    session_key: self.read(&ids.session_key).await?.into_bytes(),
                    client_secret: self.read(&ids.client_secret).await?,
                })
            })
            .await
    }

    async fn read(&self, id: &str) -> Result<String, SecretsError> {
        let out = self
            .client
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .map_err(|e| SecretsError::Failed(id.to_owned(), DisplayErrorContext(e).to_string()))?;
        out.secret_string()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| SecretsError::Failed(id.to_owned(), "empty secret".into()))
    }
}
