//! A user of a company as the product knows them: the record behind the token's company,
//! roles and locale. Cognito knows the password and the TOTP secret; the roles live here, so
//! the pre-token-generation trigger (not an attribute a user could write) puts them in tokens.

use serde::{Deserialize, Serialize};

use super::role::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRecord {
    /// Cognito `sub`: stable, pseudonymous, what audit records name.
    pub id: String,
    pub email: String,
    pub roles: Vec<Role>,
    /// A language code of [`super::lang::Lang`] (`sv`, `en`, ...).
    pub locale: String,
    /// A deactivated user cannot sign in (Cognito disables them too; the pre-authentication
    /// trigger checks this record as well).
    pub active: bool,
    /// Signed up through the company's identity provider (SSO), not invited with a password.
    pub federated: bool,
    /// Whether the user had TOTP the last time a token was issued (for the user list; the
    /// token's own `mfa_enrolled` claim is computed afresh each time).
    pub mfa_enrolled: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// Optimistic-lock version of the record.
    pub version: u32,
}

impl UserRecord {
    pub fn is_active_admin(&self) -> bool {
        self.active && self.roles.contains(&Role::Admin)
    }
}

/// The roles as the token's `roles` claim carries them: comma separated, in a fixed order.
pub fn roles_claim(roles: &[Role]) -> String {
    Role::ALL
        .iter()
        .filter(|r| roles.contains(r))
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roles_claim_lists_each_role_once_in_a_fixed_order() {
        assert_eq!(
            roles_claim(&[Role::Viewer, Role::Admin, Role::Viewer]),
            "admin,viewer"
        );
        assert_eq!(roles_claim(&[]), "");
    }
}
