//! Cognito's pre-authentication trigger: before Cognito checks a password, refuses users who
//! may not sign in with one — a deactivated user record, or a company whose single sign-on
//! requires its identity provider for everyone (`requireForAll` while the module runs; an
//! expired module lets passwords back in). Federated sign-ins never reach this trigger.
//! The refusal's message carries `sso_required` so the login function can say why.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreAuthentication;
use lambda_runtime::LambdaEvent;
use mypages::aws::Store;
use mypages::aws::store::StoreError;
use mypages::domain::claims::is_safe_id;
use thiserror::Error;

/// The token the login function looks for in Cognito's error message.
pub const SSO_REQUIRED: &str = "sso_required";

#[derive(Debug, Error)]
pub enum TriggerError {
    // Cognito shows these to the caller as the reason the sign-in failed.
    #[error("the user has no sub")]
    NoSub,
    #[error("the user belongs to no company")]
    NoCompany,
    #[error("the user has no record in their company")]
    NoRecord,
    #[error("the user is deactivated")]
    Inactive,
    #[error("sso_required: the company signs in through its identity provider")]
    SsoRequired,
    #[error("the user could not be read: {0}")]
    Store(#[from] StoreError),
}

pub async fn handler(
    store: &Store,
    event: LambdaEvent<CognitoEventUserPoolsPreAuthentication>,
) -> Result<CognitoEventUserPoolsPreAuthentication, TriggerError> {
    let (event, _context) = event.into_parts();
    let sub = event
        .request
        .user_attributes
        .get("sub")
        .filter(|s| is_safe_id(s))
        .ok_or(TriggerError::NoSub)?;
    let company = store
        .company_of_user(sub)
        .await?
        .ok_or(TriggerError::NoCompany)?;
    let record = store
        .user(&company, sub)
        .await?
        .ok_or(TriggerError::NoRecord)?;
    if !record.active {
        return Err(TriggerError::Inactive);
    }
    if store
        .sso(&company)
        .await?
        .passwords_refused(chrono::Utc::now())
    {
        return Err(TriggerError::SsoRequired);
    }
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sso_refusal_names_itself_for_the_login_function() {
        assert!(TriggerError::SsoRequired.to_string().contains(SSO_REQUIRED));
        assert!(!TriggerError::Inactive.to_string().contains(SSO_REQUIRED));
    }
}
