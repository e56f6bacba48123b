//! Cognito's pre-sign-up trigger: nobody joins a company by themselves. Our invitations
//! (`AdminCreateUser`) pass; self sign-up is refused; a person a company's identity provider
//! vouches for (first federated sign-in) joins only the company that owns that provider, while
//! its single sign-on runs, with an address in one of its domains, and only when the company
//! creates users automatically (`autoCreateUsers`). Their record is written by the
//! pre-token-generation trigger that follows.

use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsPreSignup, CognitoEventUserPoolsPreSignupTriggerSource as Source,
};
use lambda_runtime::LambdaEvent;
use mypages::aws::Store;
use mypages::aws::store::StoreError;
use mypages::domain::federation::{AdmissionRefused, admit_federated, provider_of_username};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum TriggerError {
    // Cognito shows these to the caller as the reason the sign-up failed.
    #[error("users are invited by their company's administrators")]
    SelfSignUp,
    #[error("the identity provider belongs to no company")]
    UnknownProvider,
    #[error("the identity provider's user may not join the company: {0}")]
    NotAdmitted(#[from] AdmissionRefused),
    #[error("the company could not be read: {0}")]
    Store(#[from] StoreError),
}

pub async fn handler(
    store: &Store,
    event: LambdaEvent<CognitoEventUserPoolsPreSignup>,
) -> Result<CognitoEventUserPoolsPreSignup, TriggerError> {
    let (event, _context) = event.into_parts();
    let header = &event.cognito_event_user_pools_header;
    match header.trigger_source.clone().unwrap_or_default() {
        Source::AdminCreateUser => Ok(event),
        Source::ExternalProvider => {
            let provider = header
                .user_name
                .as_deref()
                .and_then(provider_of_username)
                .ok_or(TriggerError::UnknownProvider)?;
            let company = store
                .company_of_provider(provider)
                .await?
                .ok_or(TriggerError::UnknownProvider)?;
            let sso = store.sso(&company).await?;
            let email = event
                .request
                .user_attributes
                .get("email")
                .map_or("", String::as_str);
            admit_federated(&sso, email, chrono::Utc::now())?;
            Ok(event)
        }
        // Self sign-up, and any source Cognito may add later: refused.
        _ => Err(TriggerError::SelfSignUp),
    }
}
