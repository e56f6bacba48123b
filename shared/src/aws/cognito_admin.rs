//! Cognito's admin calls for the users of a company: invite, disable, enable, sign out
//! everywhere, and delete (only to undo an invite whose record could not be written).
//!
//! The pool's user names are e-mail addresses (`UsernameAttributes: email`), so these calls
//! name a user by their e-mail, which Cognito accepts for every admin operation.

use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, DeliveryMediumType, MessageActionType,
};
use thiserror::Error;

use super::cognito::{Cognito, CognitoError};

#[derive(Debug, Error)]
pub enum InviteError {
    /// The e-mail address already has an account in the pool (in this company or another).
    #[error("the e-mail address already has an account")]
    EmailTaken,
    /// Cognito does not take the address as a user name (its own syntax check is stricter
    /// than ours in places).
    #[error("Cognito does not accept the e-mail address")]
    AddressRefused,
    /// Cognito refuses the temporary password (its policy, checked by us too, is the judge).
    #[error("Cognito does not accept the temporary password")]
    PasswordRefused,
    #[error(transparent)]
    Cognito(#[from] CognitoError),
}

/// What an invited user gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    /// A language code (`sv`, `en`, ...): Cognito's `locale` attribute, for its messages.
    pub locale: &'a str,
    /// The admin hands it over themselves: Cognito sends no e-mail. Without it Cognito
    /// e-mails a temporary password of its own.
    pub temporary_password: Option<&'a str>,
}

/// Whether an admin call's error says the account does not exist.
fn is_user_not_found<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    error
        .as_service_error()
        .and_then(ProvideErrorMetadata::code)
        == Some("UserNotFoundException")
}

/// An admin call on an account that must stop (or start) working. A missing account has
/// nothing to stop: users who joined through their company's identity provider have no
/// account named by their e-mail, and for them the user record alone (which the
/// pre-authentication and pre-token-generation triggers read) decides.
fn done_unless_failed<T, E, R>(result: Result<T, SdkError<E, R>>) -> Result<(), CognitoError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match result {
        Ok(_) => Ok(()),
        Err(error) if is_user_not_found(&error) => Ok(()),
        Err(error) => Err(CognitoError::from_sdk(&error)),
    }
}

impl Cognito {
    /// Creates the account of an invited user (status `FORCE_CHANGE_PASSWORD`: their first
    /// login answers `NEW_PASSWORD_REQUIRED`) and returns its `sub`.
    pub async fn invite_user(&self, account: &NewAccount<'_>) -> Result<String, InviteError> {
        let attribute = |name: &str, value: &str| {
            AttributeType::builder()
                .name(name)
                .value(value)
                .build()
                .map_err(|e| CognitoError::Failed(e.to_string()))
        };
        let mut request = self
            .client
            .admin_create_user()
            .user_pool_id(&self.user_pool_id)
            .username(account.email)
            .user_attributes(attribute("email", account.email)?)
            // The admin vouches for the address; an invite must be able to reset a
            // forgotten password by e-mail from the first day.
            .user_attributes(attribute("email_verified", "true")?)
            .user_attributes(attribute("locale", account.locale)?)
            .desired_delivery_mediums(DeliveryMediumType::Email);
        if let Some(password) = account.temporary_password {
            request = request
                .temporary_password(password)
                .message_action(MessageActionType::Suppress);
        }
        let out = match request.send().await {
            Ok(out) => out,
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_username_exists_exception()) =>
            {
                return Err(InviteError::EmailTaken);
            }
            Err(error) => {
                return Err(match error.as_service_error() {
                    Some(e) if e.is_invalid_password_exception() => InviteError::PasswordRefused,
                    Some(e) if e.is_invalid_parameter_exception() => InviteError::AddressRefused,
                    _ => CognitoError::from_sdk(&error).into(),
                });
            }
        };
        out.user()
            .and_then(|user| {
                user.attributes()
                    .iter()
                    .find(|a| a.name() == "sub")
                    .and_then(|a| a.value())
            })
            .map(str::to_owned)
            .ok_or_else(|| {
                InviteError::Cognito(CognitoError::Failed(
                    "AdminCreateUser returned no sub".into(),
                ))
            })
    }

    /// The user can no longer sign in (their current tokens are revoked too).
    pub async fn disable_user(&self, username: &str) -> Result<(), CognitoError> {
        done_unless_failed(
            self.client
                .admin_disable_user()
                .user_pool_id(&self.user_pool_id)
                .username(username)
                .send()
                .await,
        )
    }

    /// A deactivated user may sign in again.
    pub async fn enable_user(&self, username: &str) -> Result<(), CognitoError> {
        done_unless_failed(
            self.client
                .admin_enable_user()
                .user_pool_id(&self.user_pool_id)
                .username(username)
                .send()
                .await,
        )
    }

    /// Every refresh token of the user stops working, on every device.
    pub async fn sign_out_everywhere(&self, username: &str) -> Result<(), CognitoError> {
        done_unless_failed(
            self.client
                .admin_user_global_sign_out()
                .user_pool_id(&self.user_pool_id)
                .username(username)
                .send()
                .await,
        )
    }

    /// Deletes an account: to undo an invite whose user record could not be written, and to
    /// erase a person (whose record stays as a pseudonymous tombstone, so the audit chain's
    /// `sub` still resolves). Removed users keep their account, disabled.
    pub async fn delete_user(&self, username: &str) -> Result<(), CognitoError> {
        done_unless_failed(
            self.client
                .admin_delete_user()
                .user_pool_id(&self.user_pool_id)
                .username(username)
                .send()
                .await,
        )
    }
}

impl Cognito {
    /// Brings the user's account in line with their record: an active user may sign in; an
    /// inactive one is disabled and signed out everywhere (their refresh tokens stop working).
    /// Repeating it changes nothing, so a retry after a failure converges.
    pub async fn match_account_to(
        &self,
        user: &crate::domain::user::UserRecord,
    ) -> Result<(), CognitoError> {
        // No account with this sub: nothing to bring in line (the record alone, which the
        // triggers read, decides).
        let Some(username) = self.account_name_of(&user.id).await? else {
            return Ok(());
        };
        if user.active {
            self.enable_user(&username).await
        } else {
            self.disable_user(&username).await?;
            self.sign_out_everywhere(&username).await
        }
    }

    /// The pool's user name of the account with this `sub`. Admin calls name accounts by it,
    /// never by the e-mail address: an address resolves to whichever account holds it now (a
    /// user may change theirs; a federated user's account is not named by it), which may be
    /// another company's user.
    pub async fn account_name_of(&self, sub: &str) -> Result<Option<String>, CognitoError> {
        // The filter's value is quoted; a sub never holds a quote (ids are checked safe), but
        // refuse one rather than build a different filter.
        if sub.contains('"') || sub.contains('\\') {
            return Ok(None);
        }
        let out = self
            .client
            .list_users()
            .user_pool_id(&self.user_pool_id)
            .filter(format!("sub = \"{sub}\""))
            .limit(1)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(&e))?;
        Ok(out
            .users()
            .first()
            .and_then(|u| u.username())
            .map(str::to_owned))
    }

    /// The pool's accounts that came in through the identity provider `provider`: Cognito
    /// names them `<provider>_<id>`, and makes them before our triggers decide, so an account
    /// the pre-token trigger refused has no user record to find it by.
    pub async fn accounts_of_provider(&self, provider: &str) -> Result<Vec<String>, CognitoError> {
        if provider.contains('"') || provider.contains('\\') {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        let mut token = None;
        loop {
            let out = self
                .client
                .list_users()
                .user_pool_id(&self.user_pool_id)
                .filter(format!("username ^= \"{provider}_\""))
                .set_pagination_token(token.take())
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(&e))?;
            names.extend(
                out.users()
                    .iter()
                    .filter_map(|u| u.username())
                    .filter(|name| name.starts_with(&format!("{provider}_")))
                    .map(str::to_owned),
            );
            match out.pagination_token {
                Some(next) if !next.is_empty() => token = Some(next),
                _ => return Ok(names),
            }
        }
    }
}
