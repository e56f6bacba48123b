//! Cognito: password login, the TOTP challenge, and the admin calls that provision users.

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError;
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, AuthenticationResultType, ChallengeNameType, MessageActionType,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::domain::claims::{CLAIM_COMPANY, CLAIM_ROLES};

#[derive(Debug, Clone)]
pub struct Cognito {
    client: Client,
    user_pool_id: String,
    client_id: String,
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
    /// A second step is needed: `SOFTWARE_TOKEN_MFA` or `MFA_SETUP`.
    Challenge {
        name: String,
        session: String,
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
    fn from_sdk<E, R>(
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
    /// A wrong or expired code or session; the user name when the session named one, so the
    /// failure can be audited in the user's company.
    Refused {
        username: Option<String>,
    },
}

/// Who a login belongs to, for its audit record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserIdentity {
    pub sub: String,
    pub company_id: Option<String>,
}

/// Our MFA session wraps Cognito's with the user name, which `RespondToAuthChallenge` needs
/// but `POST /auth/mfa` does not ask the client to repeat.
#[derive(Serialize, Deserialize)]
struct MfaSession {
    u: String,
    s: String,
}

fn tokens(result: &AuthenticationResultType) -> Option<Tokens> {
    Some(Tokens {
        id_token: result.id_token()?.to_owned(),
        access_token: result.access_token()?.to_owned(),
        refresh_token: result.refresh_token().map(str::to_owned),
        expires_in: result.expires_in(),
    })
}

/// Reads the claims of a token Cognito itself just returned to us over TLS; nothing
/// client-supplied is trusted this way.
pub fn issued_token_identity(id_token: &str) -> Option<UserIdentity> {
    let payload = id_token.split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    Some(UserIdentity {
        sub: claims.get("sub")?.as_str()?.to_owned(),
        company_id: claims
            .get(CLAIM_COMPANY)
            .and_then(Value::as_str)
            .map(str::to_owned),
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

    pub fn user_pool_id(&self) -> &str {
        &self.user_pool_id
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    pub async fn login(&self, email: &str, password: &str) -> Result<LoginOutcome, CognitoError> {
        let result = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", email)
            .auth_parameters("PASSWORD", password)
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
                session: wrap_session(email, session),
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

    /// Answers `SOFTWARE_TOKEN_MFA` with a TOTP code.
    pub async fn respond_to_mfa(
        &self,
        session: &str,
        code: &str,
    ) -> Result<MfaOutcome, CognitoError> {
        let Some(wrapped) = unwrap_session(session) else {
            return Ok(MfaOutcome::Refused { username: None });
        };
        let result = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .session(&wrapped.s)
            .challenge_responses("USERNAME", &wrapped.u)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .send()
            .await;
        let refused = || MfaOutcome::Refused {
            username: Some(wrapped.u.clone()),
        };
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

    /// The `sub` and company of a user, to audit a failed login in the right tenant.
    pub async fn identity_of(&self, email: &str) -> Result<Option<UserIdentity>, CognitoError> {
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
        let attribute = |name: &str| {
            out.user_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        Ok(attribute("sub").map(|sub| UserIdentity {
            sub,
            company_id: attribute(CLAIM_COMPANY),
        }))
    }

    /// Creates (or brings up to date) a confirmed user with a permanent password, the tenant
    /// and roles set by us: these attributes are not writable through the app client.
    pub async fn provision_user(
        &self,
        email: &str,
        password: &str,
        company_id: &str,
        roles: &str,
    ) -> Result<(), CognitoError> {
        let attributes = vec![
            attribute("email", email)?,
            attribute("email_verified", "true")?,
            attribute(CLAIM_COMPANY, company_id)?,
            attribute(CLAIM_ROLES, roles)?,
        ];
        let created = self
            .client
            .admin_create_user()
            .user_pool_id(&self.user_pool_id)
            .username(email)
            .message_action(MessageActionType::Suppress)
            .set_user_attributes(Some(attributes.clone()))
            .send()
            .await;
        if let Err(error) = created {
            let exists = error
                .as_service_error()
                .is_some_and(|e| e.is_username_exists_exception());
            if !exists {
                return Err(CognitoError::from_sdk(&error));
            }
            self.client
                .admin_update_user_attributes()
                .user_pool_id(&self.user_pool_id)
                .username(email)
                .set_user_attributes(Some(attributes))
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(&e))?;
        }
        self.client
            .admin_set_user_password()
            .user_pool_id(&self.user_pool_id)
            .username(email)
            .password(password)
            .permanent(true)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(&e))?;
        Ok(())
    }
}

fn attribute(name: &str, value: &str) -> Result<AttributeType, CognitoError> {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| CognitoError::Failed(e.to_string()))
}

fn wrap_session(username: &str, session: &str) -> String {
    let wrapped = MfaSession {
        u: username.to_owned(),
        s: session.to_owned(),
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&wrapped).unwrap_or_default())
}

fn unwrap_session(session: &str) -> Option<MfaSession> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(session).ok()?).ok()
}
