//! The user pool as Cognito's triggers see it: one user's attributes and MFA settings, read
//! with `AdminGetUser` on the pool the event names. The triggers are configured on the pool,
//! so they cannot be given its id in their environment (a cycle in the template); the event
//! carries it instead.

use aws_sdk_cognitoidentityprovider::Client;

use super::sdk::LazyClient;
use std::collections::HashMap;

use super::cognito::CognitoError;

/// Cognito's name for TOTP in a user's MFA settings.
const TOTP: &str = "SOFTWARE_TOKEN_MFA";

#[derive(Debug, Clone)]
pub struct PoolUsers {
    client: LazyClient<Client>,
}

/// A user of the pool, as `AdminGetUser` describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolUser {
    /// The pool's user name (a UUID when e-mail is the sign-in alias; `<provider>_<id>` for a
    /// federated user).
    pub username: String,
    pub attributes: HashMap<String, String>,
    pub enabled: bool,
    /// `UserStatus` (`CONFIRMED`, `FORCE_CHANGE_PASSWORD`, `EXTERNAL_PROVIDER`, ...).
    pub status: String,
    /// TOTP is one of the user's MFA methods.
    pub totp_enrolled: bool,
}

impl PoolUsers {
    pub fn new(client: LazyClient<Client>) -> PoolUsers {
        PoolUsers { client }
    }

    /// The user `username` of pool `user_pool_id`; `None` when the pool has no such user.
    pub async fn user_in_pool(
        &self,
        user_pool_id: &str,
        username: &str,
    ) -> Result<Option<PoolUser>, CognitoError> {
        let result = self
            .client
            .admin_get_user()
            .user_pool_id(user_pool_id)
            .username(username)
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
        Ok(Some(PoolUser {
            username: out.username().to_owned(),
            attributes: out
                .user_attributes()
                .iter()
                .filter_map(|a| Some((a.name().to_owned(), a.value()?.to_owned())))
                .collect(),
            enabled: out.enabled(),
            status: out
                .user_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            totp_enrolled: out.user_mfa_setting_list().iter().any(|m| m == TOTP),
        }))
    }

    /// Removes the IdP groups Cognito copied at this sign-in, once they have been read: an IdP
    /// that leaves the claim out next time (Azure AD does for a user in no group, or in too
    /// many) would otherwise leave the old groups, and their roles, in place.
    pub async fn forget_idp_groups(
        &self,
        user_pool_id: &str,
        username: &str,
    ) -> Result<(), CognitoError> {
        self.client
            .admin_delete_user_attributes()
            .user_pool_id(user_pool_id)
            .username(username)
            .user_attribute_names(crate::domain::federation::IDP_GROUPS_ATTRIBUTE)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(&e))?;
        Ok(())
    }
}
