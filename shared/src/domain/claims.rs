//! The token claims the product relies on, and the one rule for ids that become key parts.

// These claims are put into ID tokens by the pre-token-generation trigger from our user
// record (and Cognito's own MFA settings), never from user attributes: an attribute is
// something a client may be able to write, a trigger's claim is not.

/// The tenant of the user.
pub const CLAIM_COMPANY: &str = "company_id";
/// The user's roles, comma separated.
pub const CLAIM_ROLES: &str = "roles";
/// `"true"` when the user has TOTP as their MFA in Cognito, else `"false"`.
pub const CLAIM_MFA_ENROLLED: &str = "mfa_enrolled";

/// Ids become parts of DynamoDB keys, so `#` and other separators must never get in.
pub fn is_safe_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
