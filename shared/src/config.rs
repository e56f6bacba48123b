//! Typed configuration, read once at cold start.

use thiserror::Error;

#[derive(Debug, Error)]
#[error("configuration: environment variable {name} {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: &'static str,
}

/// What every function needs to find its resources. Set by template.yaml in AWS and by the
/// local stack in development.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATA_TABLE`: the single tenant data table.
    pub data_table: String,
    /// `AUDIT_TABLE`: the hash-chained audit log.
    pub audit_table: String,
    /// `USER_POOL_ID`: the Cognito user pool.
    pub user_pool_id: String,
    /// `USER_POOL_CLIENT_ID`: the app client users log in through.
    pub user_pool_client_id: String,
}

impl Config {
    /// Fails with the name of the first missing variable, so a broken deployment says why.
    pub fn from_env() -> Result<Config, ConfigError> {
        Ok(Config {
            data_table: required("DATA_TABLE")?,
            audit_table: required("AUDIT_TABLE")?,
            user_pool_id: required("USER_POOL_ID")?,
            user_pool_client_id: required("USER_POOL_CLIENT_ID")?,
        })
    }
}

fn required(name: &'static str) -> Result<String, ConfigError> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        Ok(_) => Err(ConfigError {
            name,
            problem: "is empty",
        }),
        Err(_) => Err(ConfigError {
            name,
            problem: "is not set",
        }),
    }
}
