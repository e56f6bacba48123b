//! The company's single sign-on module as stored: which identity provider, which e-mail
//! domains route to it, and the licence state (`off → trial → active | expired`). Parsing a
//! `PUT /company/sso` and the Cognito side live elsewhere; this is the state and its rules.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::role::Role;

/// The free trial runs this long from the first activation.
pub const TRIAL_DAYS: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SsoStatus {
    Off,
    Trial,
    Active,
    Expired,
}

/// The identity provider, without its secret (Cognito keeps the client secret; we never store
/// or return it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Provider {
    /// Azure AD / Entra ID (or any OIDC issuer): `https://login.microsoftonline.com/<tenant>/v2.0`.
    Oidc { issuer: String, client_id: String },
    /// SAML 2.0 metadata, by URL or as the document itself.
    Saml {
        metadata_url: Option<String>,
        metadata_document: Option<String>,
    },
    /// Google Workspace, as an OIDC provider of the company's own Google client (Cognito's
    /// built-in Google provider is one per pool and cannot be limited to one company).
    Google { client_id: String },
}

impl Provider {
    pub fn kind(&self) -> &'static str {
        match self {
            Provider::Oidc { .. } => "oidc",
            Provider::Saml { .. } => "saml",
            Provider::Google { .. } => "google",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRole {
    /// The IdP's group identifier as it appears in the `groups` claim (Azure AD: object id).
    pub group: String,
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SsoConfig {
    pub enabled: bool,
    pub provider: Option<Provider>,
    /// The Cognito identity provider's name (unique in the pool), set when first created.
    pub provider_name: Option<String>,
    /// Lower-case e-mail domains; each belongs to at most one company.
    pub domains: Vec<String>,
    pub require_for_all: bool,
    pub auto_create_users: bool,
    pub group_roles: Vec<GroupRole>,
    /// When the module was first switched on: the trial runs from here, once.
    pub first_activated_at: Option<DateTime<Utc>>,
    /// Set by our staff (`mypages-cli company sso-license`), never by the customer.
    pub licensed_until: Option<NaiveDate>,
    pub version: u32,
}

impl SsoConfig {
    pub fn trial_ends_at(&self) -> Option<DateTime<Utc>> {
        self.first_activated_at
            .map(|at| at + Duration::days(TRIAL_DAYS))
    }

    /// `off` until enabled; then `active` while licensed (through `licensed_until`
    /// inclusive), `trial` within the ten days after the first activation, else `expired`.
    pub fn status(&self, now: DateTime<Utc>) -> SsoStatus {
        if !self.enabled {
            return SsoStatus::Off;
        }
        if self
            .licensed_until
            .is_some_and(|until| now.date_naive() <= until)
        {
            return SsoStatus::Active;
        }
        match self.trial_ends_at() {
            Some(end) if now < end => SsoStatus::Trial,
            // Enabled but never activated cannot happen once saved; treat it as a fresh trial.
            None => SsoStatus::Trial,
            Some(_) => SsoStatus::Expired,
        }
    }

    /// Federated sign-in works: the module runs and a provider is configured.
    pub fn federation_on(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status(now), SsoStatus::Trial | SsoStatus::Active)
            && self.provider.is_some()
            && self.provider_name.is_some()
    }

    /// Password logins are refused only while federation works: an expired module falls back
    /// to passwords (plus 2FA), so a company is never locked out.
    pub fn passwords_refused(&self, now: DateTime<Utc>) -> bool {
        self.require_for_all && self.federation_on(now)
    }

    /// The roles the IdP groups map to (empty when none matches).
    pub fn roles_for_groups<'a>(&self, groups: impl IntoIterator<Item = &'a str>) -> Vec<Role> {
        let groups: Vec<&str> = groups.into_iter().collect();
        let mut roles: Vec<Role> = Vec::new();
        for mapping in &self.group_roles {
            if groups.contains(&mapping.group.as_str()) && !roles.contains(&mapping.role) {
                roles.push(mapping.role);
            }
        }
        roles
    }

    pub fn owns_domain(&self, domain: &str) -> bool {
        self.domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
    }
}

/// The domain part of an e-mail address, lower-cased.
pub fn email_domain(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty()).then(|| domain.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    fn configured() -> SsoConfig {
        SsoConfig {
            enabled: true,
            provider: Some(Provider::Oidc {
                issuer: "https://login.microsoftonline.com/t/v2.0".into(),
                client_id: "c".into(),
            }),
            provider_name: Some("co-1".into()),
            domains: vec!["corp.example".into()],
            require_for_all: true,
            first_activated_at: Some(at("2026-11-01T12:00:00Z")),
            ..SsoConfig::default()
        }
    }

    #[test]
    fn the_trial_runs_ten_days_from_the_first_activation_then_expires() {
        let sso = configured();
        assert_eq!(sso.status(at("2026-11-11T11:59:59Z")), SsoStatus::Trial);
        assert_eq!(sso.status(at("2026-11-11T12:00:00Z")), SsoStatus::Expired);
    }

    #[test]
    fn a_licence_makes_the_module_active_through_its_last_day() {
        let sso = SsoConfig {
            licensed_until: Some("2027-01-31".parse().expect("date")),
            ..configured()
        };
        assert_eq!(sso.status(at("2027-01-31T23:59:59Z")), SsoStatus::Active);
        assert_eq!(sso.status(at("2027-02-01T00:00:00Z")), SsoStatus::Expired);
    }

    #[test]
    fn an_expired_module_lets_passwords_back_in() {
        let sso = configured();
        assert!(sso.passwords_refused(at("2026-11-05T00:00:00Z")));
        assert!(!sso.passwords_refused(at("2026-12-01T00:00:00Z")));
        let off = SsoConfig {
            enabled: false,
            ..configured()
        };
        assert!(!off.passwords_refused(at("2026-11-05T00:00:00Z")));
    }

    #[test]
    fn groups_map_to_each_role_once() {
        let sso = SsoConfig {
            group_roles: vec![
                GroupRole {
                    group: "g-fin".into(),
                    role: Role::Editor,
                },
                GroupRole {
                    group: "g-audit".into(),
                    role: Role::Auditor,
                },
                GroupRole {
                    group: "g-all".into(),
                    role: Role::Editor,
                },
            ],
            ..configured()
        };
        assert_eq!(
            sso.roles_for_groups(["g-all", "g-fin", "other"]),
            vec![Role::Editor]
        );
        assert!(sso.roles_for_groups(["other"]).is_empty());
    }

    #[test]
    fn the_domain_of_an_address_is_lower_cased() {
        assert_eq!(
            email_domain("A@Corp.Example").as_deref(),
            Some("corp.example")
        );
        assert_eq!(email_domain("nobody"), None);
        assert_eq!(email_domain("@corp.example"), None);
    }
}
