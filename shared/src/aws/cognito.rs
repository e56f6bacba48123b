//! Cognito: password login, its challenges (TOTP, a new password), refresh, TOTP enrolment,
//! global sign-out, and the admin calls that provision users.

use aws_sdk_cognitoidentityprovider::Client;

use super::sdk::LazyClient;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeError;
use aws_sdk_cognitoidentityprovider::operation::verify_software_token::VerifySoftwareTokenError;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType, SoftwareTokenMfaSettingsType,
    VerifySoftwareTokenResponseType,
};
use serde::Serialize;
use thiserror::Error;

use crate::domain::session::secret_hash;

#[derive(Debug, Clone)]
pub struct Cognito {
    // Crate-visible so the admin calls (users, identity providers) can live in their own
    // modules as further `impl Cognito` blocks.
    pub(crate) client: LazyClient<Client>,
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
    /// The pre-authentication trigger refused the password because the user's company
    /// requires single sign-on.
    SsoRequired,
}

/// The answer to a new password (`NEW_PASSWORD_REQUIRED`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewPasswordOutcome {
    /// Signed in, or the next challenge.
    Answered(LoginOutcome),
    /// The pool's password policy refused it; Cognito's message says which rule.
    PasswordRejected(String),
}

/// The answer to a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    Tokens(Tokens),
    /// Revoked (a global sign-out), expired, or not ours.
    Refused,
}

/// The answer to a TOTP code that should confirm a new authenticator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotpCheck {
    Verified,
    WrongCode,
    /// The access token is no longer valid (signed out, expired).
    Refused,
}

/// The user an access token belongs to, as Cognito tells after checking the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUser {
    /// The pool's user name (for `SECRET_HASH` and the admin calls).
    pub username: String,
    pub sub: String,
    pub email: Option<String>,
}

/// The trigger's refusal that means "sign in through your identity provider": the
/// pre-authentication trigger puts this word in its error, which Cognito passes on.
const SSO_REQUIRED_MARK: &str = "sso_required";

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

/// A trigger refused the sign-in: single sign-on required, or (any other reason) the same
/// answer as a wrong password.
fn trigger_refusal(message: Option<&str>) -> LoginOutcome {
    if message.is_some_and(|m| m.contains(SSO_REQUIRED_MARK)) {
        LoginOutcome::SsoRequired
    } else {
        LoginOutcome::Refused
    }
}

/// Tokens, or the challenge Cognito asks next, from a login step's answer.
fn signed_in_or_challenged(
    result: Option<&AuthenticationResultType>,
    challenge: Option<&ChallengeNameType>,
    session: Option<&str>,
    parameters: Option<&std::collections::HashMap<String, String>>,
    username_given: &str,
) -> Result<LoginOutcome, CognitoError> {
    if let Some(tokens) = result.and_then(tokens) {
        return Ok(LoginOutcome::Tokens(tokens));
    }
    match (challenge, session) {
        (
            Some(
                name @ (ChallengeNameType::SoftwareTokenMfa
                | ChallengeNameType::MfaSetup
                | ChallengeNameType::NewPasswordRequired),
            ),
            Some(session),
        ) => Ok(LoginOutcome::Challenge {
            name: name.as_str().to_owned(),
            session: session.to_owned(),
            // With e-mail as an alias the pool's user name is internal; Cognito checks the
            // answer's SECRET_HASH against that name, which it gives as USER_ID_FOR_SRP
            // (moto gives only USERNAME, and for TOTP neither).
            username: ["USER_ID_FOR_SRP", "USERNAME"]
                .iter()
                .find_map(|key| parameters.and_then(|p| p.get(*key)))
                .filter(|u| !u.is_empty())
                .cloned()
                .unwrap_or_else(|| username_given.to_owned()),
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

impl Cognito {
    pub fn new(client: LazyClient<Client>, user_pool_id: &str, client_id: &str) -> Cognito {
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
                    Some(InitiateAuthError::UserLambdaValidationException(refusal)) => {
                        Ok(trigger_refusal(refusal.message()))
                    }
                    _ => Err(CognitoError::from_sdk(&error)),
                };
            }
        };
        signed_in_or_challenged(
            out.authentication_result(),
            out.challenge_name(),
            out.session(),
            out.challenge_parameters(),
            email,
        )
    }

    /// Answers `NEW_PASSWORD_REQUIRED` (an invited user's first login) with the password the
    /// user chose, for the user and Cognito session of an authentic session wrapper.
    pub async fn respond_new_password(
        &self,
        username: &str,
        cognito_session: &str,
        new_password: &str,
        client_secret: &str,
    ) -> Result<NewPasswordOutcome, CognitoError> {
        let result = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::NewPasswordRequired)
            .session(cognito_session)
            .challenge_responses("USERNAME", username)
            .challenge_responses("NEW_PASSWORD", new_password)
            .challenge_responses(
                "SECRET_HASH",
                secret_hash(client_secret, username, &self.client_id),
            )
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(error) => {
                return match error.as_service_error() {
                    Some(RespondToAuthChallengeError::InvalidPasswordException(rejection)) => {
                        Ok(NewPasswordOutcome::PasswordRejected(
                            rejection
                                .message()
                                .unwrap_or("the password does not meet the password policy")
                                .to_owned(),
                        ))
                    }
                    Some(
                        RespondToAuthChallengeError::NotAuthorizedException(_)
                        | RespondToAuthChallengeError::ExpiredCodeException(_)
                        | RespondToAuthChallengeError::CodeMismatchException(_)
                        | RespondToAuthChallengeError::UserNotFoundException(_)
                        | RespondToAuthChallengeError::InvalidParameterException(_),
                    ) => Ok(NewPasswordOutcome::Answered(LoginOutcome::Refused)),
                    Some(RespondToAuthChallengeError::UserLambdaValidationException(refusal)) => {
                        Ok(NewPasswordOutcome::Answered(trigger_refusal(
                            refusal.message(),
                        )))
                    }
                    _ => Err(CognitoError::from_sdk(&error)),
                };
            }
        };
        signed_in_or_challenged(
            out.authentication_result(),
            out.challenge_name(),
            out.session(),
            out.challenge_parameters(),
            username,
        )
        .map(NewPasswordOutcome::Answered)
    }

    /// New ID and access tokens for a refresh token. A confidential client's `SECRET_HASH`
    /// here is computed with the pool's user name (not the e-mail alias).
    pub async fn refresh(
        &self,
        username: &str,
        refresh_token: &str,
        client_secret: &str,
    ) -> Result<RefreshOutcome, CognitoError> {
        let result = self
            .client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token)
            .auth_parameters(
                "SECRET_HASH",
                secret_hash(client_secret, username, &self.client_id),
            )
            .send()
            .await;
        match result {
            Ok(out) => Ok(out
                .authentication_result()
                .and_then(tokens)
                .map_or(RefreshOutcome::Refused, RefreshOutcome::Tokens)),
            Err(error) => match error.as_service_error() {
                Some(
                    InitiateAuthError::NotAuthorizedException(_)
                    | InitiateAuthError::UserNotFoundException(_)
                    | InitiateAuthError::InvalidParameterException(_)
                    // The pre-token-generation trigger refuses a deactivated user.
                    | InitiateAuthError::UserLambdaValidationException(_),
                ) => Ok(RefreshOutcome::Refused),
                _ => Err(CognitoError::from_sdk(&error)),
            },
        }
    }

    /// Starts TOTP enrolment for the user of a valid access token: the shared secret for the
    /// authenticator app, or `None` when Cognito refuses the token.
    pub async fn associate_software_token(
        &self,
        access_token: &str,
    ) -> Result<Option<String>, CognitoError> {
        let result = self
            .client
            .associate_software_token()
            .access_token(access_token)
            .send()
            .await;
        match result {
            Ok(out) => Ok(out.secret_code().map(str::to_owned)),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_not_authorized_exception()) =>
            {
                Ok(None)
            }
            Err(error) => Err(CognitoError::from_sdk(&error)),
        }
    }

    /// Confirms the authenticator with its first code.
    pub async fn verify_software_token(
        &self,
        access_token: &str,
        code: &str,
    ) -> Result<TotpCheck, CognitoError> {
        let result = self
            .client
            .verify_software_token()
            .access_token(access_token)
            .user_code(code)
            .friendly_device_name("My Pages")
            .send()
            .await;
        match result {
            Ok(out) if out.status() == Some(&VerifySoftwareTokenResponseType::Success) => {
                Ok(TotpCheck::Verified)
            }
            Ok(_) => Ok(TotpCheck::WrongCode),
            Err(error) => match error.as_service_error() {
                Some(
                    VerifySoftwareTokenError::CodeMismatchException(_)
                    | VerifySoftwareTokenError::EnableSoftwareTokenMfaException(_),
                ) => Ok(TotpCheck::WrongCode),
                Some(VerifySoftwareTokenError::NotAuthorizedException(_)) => Ok(TotpCheck::Refused),
                _ => Err(CognitoError::from_sdk(&error)),
            },
        }
    }

    /// Makes the verified authenticator the user's MFA, preferred: later password logins
    /// answer `SOFTWARE_TOKEN_MFA`. `false` when Cognito refuses the access token.
    pub async fn set_totp_preferred(&self, access_token: &str) -> Result<bool, CognitoError> {
        let result = self
            .client
            .set_user_mfa_preference()
            .access_token(access_token)
            .software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(true)
                    .preferred_mfa(true)
                    .build(),
            )
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_not_authorized_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(CognitoError::from_sdk(&error)),
        }
    }

    /// Revokes every refresh token of the user (and, in Cognito, their access tokens). A user
    /// who no longer exists has nothing left to revoke.
    pub async fn global_sign_out(&self, username: &str) -> Result<(), CognitoError> {
        let result = self
            .client
            .admin_user_global_sign_out()
            .user_pool_id(&self.user_pool_id)
            .username(username)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_user_not_found_exception()) =>
            {
                Ok(())
            }
            Err(error) => Err(CognitoError::from_sdk(&error)),
        }
    }

    /// The user of an access token, after Cognito checked it (signature, expiry, revocation);
    /// `None` when Cognito refuses it.
    pub async fn user_of_access_token(
        &self,
        access_token: &str,
    ) -> Result<Option<TokenUser>, CognitoError> {
        let result = self
            .client
            .get_user()
            .access_token(access_token)
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(error)
                if error.as_service_error().is_some_and(|e| {
                    e.is_not_authorized_exception() || e.is_user_not_found_exception()
                }) =>
            {
                return Ok(None);
            }
            Err(error) => return Err(CognitoError::from_sdk(&error)),
        };
        let attribute = |name: &str| {
            out.user_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        Ok(attribute("sub").map(|sub| TokenUser {
            username: out.username().to_owned(),
            sub,
            email: attribute("email"),
        }))
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
