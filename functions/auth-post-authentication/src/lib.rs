//! Cognito's post-authentication trigger: records `auth.login` on the user's company's
//! security chain for every successful sign-in, whichever way it reached Cognito (our login
//! routes, or a direct `InitiateAuth`). Cognito hands out no tokens until this returns, so a
//! login that cannot be recorded does not happen (fail closed).

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPostAuthentication;
use lambda_runtime::LambdaEvent;
use mypages::aws::{CommitError, Store};
use mypages::domain::audit::{AuditEvent, Chain};
use mypages::domain::claims::{CLAIM_COMPANY, is_safe_id};
use serde_json::{Map, Value};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum TriggerError {
    /// Cognito shows this to the caller as the reason the sign-in failed.
    #[error("the user belongs to no company")]
    NoCompany,
    #[error("the user has no sub")]
    NoSub,
    #[error("the login could not be recorded: {0}")]
    Audit(#[from] CommitError),
}

/// The facts a login step may pass along (`ClientMetadata` of `RespondToAuthChallenge`),
/// and the only values accepted for them: the record never carries free text from a client.
const DETAILS: &[(&str, &[&str])] = &[("mfa", &["totp"])];

pub async fn handler(
    store: &Store,
    event: LambdaEvent<CognitoEventUserPoolsPostAuthentication>,
) -> Result<CognitoEventUserPoolsPostAuthentication, TriggerError> {
    let (event, context) = event.into_parts();
    let attributes = &event.request.user_attributes;
    let sub = attributes
        .get("sub")
        .filter(|s| is_safe_id(s))
        .ok_or(TriggerError::NoSub)?;
    let company = attributes
        .get(CLAIM_COMPANY)
        .filter(|c| is_safe_id(c))
        .ok_or(TriggerError::NoCompany)?;
    let details: Map<String, Value> = DETAILS
        .iter()
        .filter_map(|(key, allowed)| {
            let value = event.request.client_metadata.get(*key)?;
            allowed
                .contains(&value.as_str())
                .then(|| ((*key).to_owned(), Value::from(value.as_str())))
        })
        .collect();
    store
        .append(
            company,
            Chain::Security,
            AuditEvent::login(sub, &context.request_id, details),
        )
        .await?;
    Ok(event)
}
