//! Key layout of the tables (DESIGN.md §3). Every tenant key starts with the company.

use crate::domain::audit::Chain;

pub fn company_pk(company_id: &str) -> String {
    format!("C#{company_id}")
}

pub fn contract_sk(id: &str) -> String {
    format!("CONTRACT#{id}")
}

pub fn contract_version_sk(id: &str, version: u32) -> String {
    format!("CONTRACT#{id}#V#{version:05}")
}

/// Scoped to the user as well as the company: two colleagues who happen to pick the same key
/// (a counter, a date) must never get each other's answers. `user_id` is a Cognito `sub`,
/// which never holds `#`.
pub fn idempotency_sk(user_id: &str, key: &str) -> String {
    format!("{IDEMPOTENCY_SK_PREFIX}{user_id}#{key}")
}

pub const IDEMPOTENCY_SK_PREFIX: &str = "IDEM#";

/// The contract list index: one partition per company, sorted by status then id, so
/// `?status=` is a prefix query and the unfiltered list is the whole partition.
pub fn contracts_index_pk(company_id: &str) -> String {
    format!("C#{company_id}#CONTRACTS")
}

pub fn contracts_index_sk(status: &str, id: &str) -> String {
    format!("{status}#{id}")
}

/// A chain's partition in the audit table: the data chain is the company's own partition;
/// the security chain (logins) has its own, so login traffic never contends with data writes.
pub fn chain_pk(company_id: &str, chain: Chain) -> String {
    match chain {
        Chain::Data => company_pk(company_id),
        Chain::Security => format!("C#{company_id}#SECURITY"),
    }
}

/// Counters of refused logins per user and window (beside, never in, the security chain).
pub fn refusal_counter_pk(company_id: &str) -> String {
    format!("C#{company_id}#SECURITY#REFUSALS")
}

pub fn refusal_counter_sk(user_sub: &str, window: i64) -> String {
    format!("{user_sub}#{window}")
}

pub fn audit_sk(seq: u64) -> String {
    format!("{seq:012}")
}

pub const AUDIT_HEAD_SK: &str = "HEAD";
pub const COMPANY_SK: &str = "COMPANY";
pub const CONTRACTS_INDEX: &str = "gsi1";

/// A user of the company (roles, locale, active), by Cognito `sub`.
pub fn user_sk(user_id: &str) -> String {
    format!("USER#{user_id}")
}

pub const USER_SK_PREFIX: &str = "USER#";

/// Outside any tenant: which company a Cognito `sub` belongs to. The triggers and the login
/// functions know only the user; this pointer (written with the user record) names the tenant.
pub fn user_pointer_pk(user_id: &str) -> String {
    format!("SUB#{user_id}")
}

pub const USER_POINTER_SK: &str = "SUB";

/// The company's single sign-on settings.
pub const SSO_SK: &str = "SSO";

/// Outside any tenant: which company claimed an e-mail domain for SSO (one company a domain).
pub fn domain_pk(domain: &str) -> String {
    format!("DOMAIN#{domain}")
}

pub const DOMAIN_SK: &str = "DOMAIN";

/// Outside any tenant: which company a Cognito identity provider belongs to.
pub fn provider_pk(provider_name: &str) -> String {
    format!("IDP#{provider_name}")
}

pub const PROVIDER_SK: &str = "IDP";

/// A document record (see `aws::documents` for its attributes).
pub fn document_sk(id: &str) -> String {
    format!("{DOCUMENT_SK_PREFIX}{id}")
}

pub const DOCUMENT_SK_PREFIX: &str = "DOC#";
