//! Who runs the CLI, and against which stack. Every operator action that writes an audit
//! record names the caller's IAM identity (`operator:<ARN>` from STS `GetCallerIdentity`), so
//! a company's chain says which of our staff (or which role) acted; without an identity the
//! command refuses to act: there are no anonymous operator actions.
//!
//! The stack is AWS (names from the environment, credentials from the usual chain) or, with
//! `--local`, the running local stack described by its state file.

use aws_config::SdkConfig;
use mypages::Deps;
use mypages::config::AuditArchiveIds;
use serde_json::Value;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What every operator actor starts with; the rest is the caller's ARN.
pub const ACTOR_PREFIX: &str = "operator:";

#[derive(Debug, Error)]
pub enum OperatorError {
    #[error(
        "cannot tell who you are (STS GetCallerIdentity: {0}); refusing to act without an identity for the audit record"
    )]
    Identity(String),
    #[error(
        "cannot read the local stack's state file {0} ({1}); is the local stack running (infra/dev.sh)?"
    )]
    StateFile(PathBuf, String),
    #[error("{0}")]
    Config(String),
}

/// The audit actor of an operator: `operator:<ARN>`.
pub fn actor_of_arn(arn: &str) -> String {
    format!("{ACTOR_PREFIX}{arn}")
}

/// The caller's identity as an audit actor. Fails, rather than falling back to a generic
/// name, when STS does not answer or names no ARN.
pub async fn actor(sdk: &SdkConfig) -> Result<String, OperatorError> {
    let identity = aws_sdk_sts::Client::new(sdk)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| {
            OperatorError::Identity(aws_sdk_sts::error::DisplayErrorContext(e).to_string())
        })?;
    match identity.arn() {
        Some(arn) if !arn.trim().is_empty() => Ok(actor_of_arn(arn)),
        _ => Err(OperatorError::Identity("the answer names no ARN".into())),
    }
}

/// Where `--local` finds the running local stack: `$MYPAGES_STATE_FILE`, else the file
/// `infra/dev.sh` makes the stack write (`.local/state.json` in the clone).
pub fn local_state_file() -> PathBuf {
    std::env::var("MYPAGES_STATE_FILE")
        .ok()
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from(".local/state.json"), PathBuf::from)
}

/// The local stack's state file (its keys: README "Operator CLI").
pub fn read_state(state_file: &Path) -> Result<Value, OperatorError> {
    let bytes = std::fs::read(state_file)
        .map_err(|e| OperatorError::StateFile(state_file.to_owned(), e.to_string()))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| OperatorError::StateFile(state_file.to_owned(), e.to_string()))
}

/// A string of the state file, empty when absent.
pub fn state_text(state: &Value, key: &str) -> String {
    state[key].as_str().unwrap_or_default().to_owned()
}

/// The SDK configuration of the local stack: its region and its one endpoint (the emulator
/// answers every service, STS included).
pub async fn local_sdk(state: &Value) -> SdkConfig {
    aws_config::from_env()
        .region(aws_config::Region::new(state_text(state, "region")))
        .endpoint_url(state_text(state, "endpoint"))
        .load()
        .await
}

/// The stack an operator command acts on.
pub struct Stack {
    pub sdk: SdkConfig,
    pub deps: Deps,
}

impl Stack {
    /// The running local stack.
    pub async fn local(state_file: &Path) -> Result<Stack, OperatorError> {
        let state = read_state(state_file)?;
        let sdk = local_sdk(&state).await;
        let deps = crate::company::local_deps_of(&state, &sdk);
        Ok(Stack { sdk, deps })
    }

    /// The stack in AWS: names from the environment (`DATA_TABLE`, `AUDIT_TABLE`,
    /// `USER_POOL_ID`, `USER_POOL_CLIENT_ID`, as the stack's outputs name them), credentials
    /// from the usual chain.
    pub async fn aws() -> Result<Stack, OperatorError> {
        let sdk = aws_config::load_from_env().await;
        let config =
            mypages::Config::from_env().map_err(|e| OperatorError::Config(e.to_string()))?;
        Ok(Stack {
            deps: Deps::new(config, &sdk),
            sdk,
        })
    }

    /// `--local` or AWS.
    pub async fn connect(local: bool) -> Result<Stack, OperatorError> {
        if local {
            Stack::local(&local_state_file()).await
        } else {
            Stack::aws().await
        }
    }

    /// The caller's identity as an audit actor (see [`actor`]).
    pub async fn actor(&self) -> Result<String, OperatorError> {
        actor(&self.sdk).await
    }
}

/// The audit archive bucket and the checkpoint signing key, with the SDK configuration that
/// reaches them: with `--local` the state file's `auditArchiveBucket` and
/// `auditSigningKeyArn`; in AWS `AUDIT_ARCHIVE_BUCKET` and `AUDIT_SIGNING_KEY_ID`, as the
/// functions name them.
pub async fn audit_archive(local: bool) -> Result<(SdkConfig, AuditArchiveIds), OperatorError> {
    if local {
        let state = read_state(&local_state_file())?;
        let ids = AuditArchiveIds {
            bucket: state_text(&state, "auditArchiveBucket"),
            signing_key_id: state_text(&state, "auditSigningKeyArn"),
        };
        if ids.bucket.is_empty() || ids.signing_key_id.is_empty() {
            return Err(OperatorError::Config(
                "the state file names no auditArchiveBucket or auditSigningKeyArn".into(),
            ));
        }
        Ok((local_sdk(&state).await, ids))
    } else {
        let ids = AuditArchiveIds::from_env()
            .map_err(|e| OperatorError::Config(e.to_string()))?
            .ok_or_else(|| {
                OperatorError::Config(
                    "set AUDIT_ARCHIVE_BUCKET and AUDIT_SIGNING_KEY_ID (the stack's outputs)"
                        .into(),
                )
            })?;
        Ok((aws_config::load_from_env().await, ids))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operator_actor_is_the_callers_arn_behind_the_prefix() {
        assert_eq!(
            actor_of_arn("arn:aws:iam::123456789012:user/anna"),
            "operator:arn:aws:iam::123456789012:user/anna"
        );
    }
}
