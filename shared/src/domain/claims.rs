//! The token claims the product relies on, and the one rule for ids that become key parts.

/// The tenant of a user, set by administrators only (not writable through the app client).
pub const CLAIM_COMPANY: &str = "custom:company_id";
/// The user's roles, comma separated.
pub const CLAIM_ROLES: &str = "custom:roles";

/// Ids become parts of DynamoDB keys, so `#` and other separators must never get in.
pub fn is_safe_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
