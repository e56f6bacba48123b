//! Cognito: password login, the TOTP challenge, and the admin calls that provision users.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType,
};
use serde::Serialize;
use thiserror::Error;

use crate::domain::session::secret_hash;

#[derive(Debug, Clone)]
pub struct Cognito {
    // Crate-visible so the admin calls (users, identity providers) can live in their own
    // modules as further `impl Cognito` blocks.
    pub(crate) client: Client,
    pub(crate) user_pool_id: String,
    pub(crate) client_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokens {
    pub id_token: String,
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_in: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    Tokens(Tokens),
    /// A second step is needed: `SOFTWARE_TOKEN_MFA` or `MFA_SETUP`, with Cognito's own
    /// session for it (the caller seals it before handing it out).
    Challenge {
        name: String,
        session: String,
        /// The user name the challenge's answer must carry.
        username: String,
    },
    /// Wrong password, unknown user, disabled user: one answer for all, so nobody can probe
    /// which e-mail addresses have accounts.
    Refused,
}

#[derive(Debug, Error)]
pub enum CognitoError {
    /// Cognito's own rate limits: the client should slow down (429), nothing is broken.
    #[error("Cognito is throttling requests")]
    Throttled,
    #[error("{0}")]
    Failed(String),
}

impl CognitoError {
    pub(crate) fn from_sdk<E, R>(
        error: &aws_sdk_cognitoidentityprovider::error::SdkError<E, R>,
    ) -> CognitoError
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        match error
            .as_service_error()
            .and_then(ProvideErrorMetadata::code)
        {
            Some("TooManyRequestsException" | "LimitExceededException") => CognitoError::Throttled,
            _ => CognitoError::Failed(format!("{}", DisplayErrorContext(error))),
        }
    }
}

/// The answer to a TOTP code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MfaOutcome {
    Tokens(Tokens),
    /// A wrong or expired code or session.
    Refused,
}

/// Who a login belongs to, for its audit record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserIdentity {
    pub sub: String,
    pub company_id: Option<String>,
}

pub(crate) fn tokens(result: &AuthenticationResultType) -> Option<Tokens> {
    Some(Tokens {
        id_token: result.id_token()?.to_owned(),
        access_token: result.access_token()?.to_owned(),
        refresh_token: result.refresh_token().map(str::to_owned),
        expires_in: result.expires_in(),
    })
}

impl Cognito {
    pub fn new(client: Client, user_pool_id: &str, client_id: &str) -> Cognito {
        Cognito {
            client,
            user_pool_id: user_pool_id.to_owned(),
            client_id: client_id.to_owned(),
        }
    }

    /// A password login through the confidential app client: `client_secret` proves the
    /// call comes from our login function, not from someone calling Cognito directly.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client_secret: &str,
    ) -> Result<LoginOutcome, CognitoError> {
        let result = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", email)
            .auth_parameters("PASSWORD", password)
            .auth_parameters(
                "SECRET_HASH",
                secret_hash(client_secret, email, &self.client_id),
            )
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(error) => {
                return match error.as_service_error() {
                    Some(
                        InitiateAuthError::NotAuthorizedException(_)
                        | InitiateAuthError::UserNotFoundException(_)
                        | InitiateAuthError::UserNotConfirmedException(_)
                        | InitiateAuthError::PasswordResetRequiredException(_)
                        | InitiateAuthError::InvalidParameterException(_),
                    ) => Ok(LoginOutcome::Refused),
                    _ => Err(CognitoError::from_sdk(&error)),
                };
            }
        };
        if let Some(result) = out.authentication_result()
            && let Some(tokens) = tokens(result)
        {
            return Ok(LoginOutcome::Tokens(tokens));
        }
        match (out.challenge_name(), out.session()) {
            (
                Some(name @ (ChallengeNameType::SoftwareTokenMfa | ChallengeNameType::MfaSetup)),
                Some(session),
            ) => Ok(LoginOutcome::Challenge {
                name: name.as_str().to_owned(),
                session: session.to_owned(),
                // With e-mail as an alias the pool's user name is internal; Cognito checks the
                // answer's SECRET_HASH against that name, which it gives as USER_ID_FOR_SRP.
                username: out
                    .challenge_parameters()
                    .and_then(|p| p.get("USER_ID_FOR_SRP"))
                    .filter(|u| !u.is_empty())
                    .cloned()
                    .unwrap_or_else(|| email.to_owned()),
            }),
            (Some(other), _) => Err(CognitoError::Failed(format!(
                "unsupported login challenge {}",
                other.as_str()
            ))),
            _ => Err(CognitoError::Failed(
                "Cognito returned neither tokens nor a challenge".into(),
            )),
        }
    }

    /// Answers `SOFTWARE_TOKEN_MFA` with a TOTP code, for the user and Cognito session of an
    /// authentic (already opened) session wrapper.
    pub async fn respond_to_mfa(
        &self,
        username: &str,
        cognito_session: &str,
        code: &str,
        client_secret: &str,
    ) -> Result<MfaOutcome, CognitoError> {
        let result = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .session(cognito_session)
            .challenge_responses("USERNAME", username)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .challenge_responses(
                "SECRET_HASH",
                secret_hash(client_secret, username, &self.client_id),
            )
            // For the pre-token-generation trigger's audit record.
            .client_metadata("mfa", "totp")
            .send()
            .await;
        let refused = || MfaOutcome::Refused;
        match result {
            Ok(out) => Ok(out
                .authentication_result()
                .and_then(tokens)
                .map_or_else(refused, MfaOutcome::Tokens)),
            Err(error) => match error.as_service_error() {
                Some(
                    RespondToAuthChallengeError::CodeMismatchException(_)
                    | RespondToAuthChallengeError::ExpiredCodeException(_)
                    | RespondToAuthChallengeError::NotAuthorizedException(_)
                    | RespondToAuthChallengeError::UserNotFoundException(_)
                    | RespondToAuthChallengeError::InvalidParameterException(_),
                ) => Ok(refused()),
                _ => Err(CognitoError::from_sdk(&error)),
            },
        }
    }

    /// The `sub` and company of a user, to audit a failed login in the right tenant: the
    /// `sub` from the pool, the company from the pointer beside the user's record.
    pub async fn identity_of(
        &self,
        email: &str,
        store: &crate::aws::Store,
    ) -> Result<Option<UserIdentity>, CognitoError> {
        let result = self
            .client
            .admin_get_user()
            .user_pool_id(&self.user_pool_id)
            .username(email)
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(error) => {
                return if error
                    .as_service_error()
                    .is_some_and(|e| e.is_user_not_found_exception())
                {
                    Ok(None)
                } else {
                    Err(CognitoError::from_sdk(&error))
                };
            }
        };
        let Some(sub) = out
            .user_attributes()
            .iter()
            .find(|a| a.name() == "sub")
            .and_then(|a| a.value())
            .map(str::to_owned)
        else {
            return Ok(None);
        };
        let company_id = store
            .company_of_user(&sub)
            .await
            .map_err(|e| CognitoError::Failed(e.to_string()))?;
        Ok(Some(UserIdentity { sub, company_id }))
    }
}
