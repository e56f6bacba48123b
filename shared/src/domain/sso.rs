//! The company's single sign-on module as stored: which identity provider, which e-mail
//! domains route to it, and the licence state (`off → trial → active | expired`). Parsing a
//! `PUT /company/sso` and the Cognito side live elsewhere; this is the state and its rules.

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::i18n::Message;
use super::role::Role;
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

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

/// E-mail domains of public mail services: nobody may claim them, or every user of the service
/// would be sent to one company's identity provider.
pub const PUBLIC_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.se",
    "live.com",
    "live.se",
    "msn.com",
    "yahoo.com",
    "yahoo.se",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.de",
    "mail.com",
    "yandex.com",
    "zoho.com",
];

/// At most this many domains per company.
pub const MAX_DOMAINS: usize = 20;
/// Cognito's limit for one identity-provider identifier (the domains are the identifiers).
pub const MAX_DOMAIN_LENGTH: usize = 40;
pub const MAX_GROUP_ROLES: usize = 100;
/// Cognito's limit for a SAML metadata document (`MetadataFile`).
pub const MAX_METADATA_DOCUMENT: usize = 131_072;
/// Google Workspace is an OIDC provider with this issuer.
pub const GOOGLE_ISSUER: &str = "https://accounts.google.com";

/// A parsed `PUT /company/sso`: the whole new state, the secret that goes only to Cognito,
/// and what the audit record says changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoChange {
    /// The new settings; `version`, `first_activated_at`, `licensed_until` and
    /// `provider_name` carried over or set by the rules here, never by the client.
    pub config: SsoConfig,
    /// The OIDC / Google client secret when the client sent one: handed to Cognito, never
    /// stored or returned by us.
    pub client_secret: Option<String>,
    pub reason: String,
    pub changed_fields: Vec<String>,
}

const PROVIDERS: &[&str] = &["oidc", "saml", "google"];
const PROVIDER_KINDS: &[ProviderKind] =
    &[ProviderKind::Oidc, ProviderKind::Saml, ProviderKind::Google];
const ROLES: &[&str] = &["admin", "editor", "viewer", "auditor"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProviderKind {
    Oidc,
    Saml,
    Google,
}

impl SsoChange {
    /// Reads the body against the stored settings at `now`. Shape problems (unknown fields,
    /// wrong types) and rule problems (a public mail domain, `requireForAll` without a working
    /// provider) come back as field errors, for 400 and 422.
    pub fn parse(
        body: &Value,
        current: &SsoConfig,
        now: DateTime<Utc>,
    ) -> Result<SsoChange, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(
            &[
                "enabled",
                "provider",
                "oidc",
                "saml",
                "google",
                "domains",
                "requireForAll",
                "autoCreateUsers",
                "groupRoles",
                "reason",
            ],
            &mut errors,
        );
        let reason = obj.string("reason", 1000, &mut errors);
        let enabled = match obj.optional_bool("enabled", &mut errors) {
            Some(Some(enabled)) => Some(enabled),
            Some(None) => {
                errors.push("enabled", FieldErrorKind::Missing);
                None
            }
            None => None,
        };
        let kind = obj
            .optional_one_of("provider", PROVIDERS, PROVIDER_KINDS, &mut errors)
            .flatten();
        for (key, wanted) in [
            ("oidc", ProviderKind::Oidc),
            ("saml", ProviderKind::Saml),
            ("google", ProviderKind::Google),
        ] {
            if obj.get(key).is_some() && kind != Some(wanted) {
                errors.push(
                    key,
                    FieldErrorKind::Rule(
                        Message::new("field-rule-sso-only-with-provider").arg("provider", key),
                    ),
                );
            }
        }
        let mut client_secret = None;
        let provider = kind.and_then(|kind| {
            let (provider, secret) = read_provider(&obj, kind, &mut errors)?;
            client_secret = secret;
            Some(provider)
        });
        let domains = read_domains(&obj, &mut errors);
        let require_for_all = obj
            .optional_bool("requireForAll", &mut errors)
            .flatten()
            .unwrap_or(false);
        let auto_create_users = obj
            .optional_bool("autoCreateUsers", &mut errors)
            .flatten()
            .unwrap_or(false);
        let group_roles = read_group_roles(&obj, &mut errors);
        let (Some(enabled), Some(reason)) = (enabled, reason) else {
            return Err(errors.list);
        };
        if !errors.is_empty() {
            return Err(errors.list);
        }

        if let Some(provider) = &provider {
            if domains.is_empty() {
                errors.push(
                    "domains",
                    FieldErrorKind::rule("field-rule-sso-domains-required"),
                );
            }
            if client_secret.is_none() && needs_new_secret(current.provider.as_ref(), provider) {
                let field = match provider {
                    Provider::Google { .. } => "google.clientSecret",
                    _ => "oidc.clientSecret",
                };
                errors.push(
                    field,
                    FieldErrorKind::rule("field-rule-sso-client-secret-required"),
                );
            }
        }
        let first_activated_at = match current.first_activated_at {
            // The trial runs once: switching off and on again never restarts it.
            Some(at) => Some(at),
            None if enabled => Some(now),
            None => None,
        };
        let config = SsoConfig {
            enabled,
            provider,
            // Kept while a provider exists; the caller sets it when it creates one.
            provider_name: current.provider_name.clone(),
            domains,
            require_for_all,
            auto_create_users,
            group_roles,
            first_activated_at,
            licensed_until: current.licensed_until,
            version: current.version + 1,
        };
        if config.require_for_all && !config.module_running_with_provider(now) {
            errors.push(
                "requireForAll",
                FieldErrorKind::rule("field-rule-sso-require-for-all"),
            );
        }
        if !errors.is_empty() {
            return Err(errors.list);
        }
        let changed_fields = changed_fields(current, &config, client_secret.is_some());
        Ok(SsoChange {
            config,
            client_secret,
            reason,
            changed_fields,
        })
    }
}

impl SsoConfig {
    /// Trial or active with a provider: what `requireForAll` needs (the Cognito provider is
    /// created in the same request, so its name is not required here).
    fn module_running_with_provider(&self, now: DateTime<Utc>) -> bool {
        matches!(self.status(now), SsoStatus::Trial | SsoStatus::Active) && self.provider.is_some()
    }

    /// The customer's view: the status and the provider's public settings, never a secret.
    pub fn view(&self, now: DateTime<Utc>) -> Value {
        let (oidc, saml, google) = match &self.provider {
            Some(Provider::Oidc { issuer, client_id }) => (
                json!({"issuer": issuer, "clientId": client_id}),
                Value::Null,
                Value::Null,
            ),
            Some(Provider::Saml { metadata_url, .. }) => (
                Value::Null,
                json!({"metadataUrl": metadata_url}),
                Value::Null,
            ),
            Some(Provider::Google { client_id }) => {
                (Value::Null, Value::Null, json!({"clientId": client_id}))
            }
            None => (Value::Null, Value::Null, Value::Null),
        };
        json!({
            "status": self.status(now),
            "trialEndsAt": self.trial_ends_at().map(|at| at.to_rfc3339_opts(SecondsFormat::Millis, true)),
            "licensedUntil": self.licensed_until,
            "provider": self.provider.as_ref().map(Provider::kind),
            "oidc": oidc,
            "saml": saml,
            "google": google,
            "domains": self.domains,
            "requireForAll": self.require_for_all,
            "autoCreateUsers": self.auto_create_users,
            "groupRoles": self.group_roles,
            "version": self.version,
        })
    }
}

/// A new client secret is needed when Cognito has none for this client: a new provider, or
/// another issuer or client id (the old secret belongs to the old client).
fn needs_new_secret(current: Option<&Provider>, new: &Provider) -> bool {
    match (current, new) {
        (_, Provider::Saml { .. }) => false,
        (
            Some(Provider::Oidc { issuer, client_id }),
            Provider::Oidc {
                issuer: new_issuer,
                client_id: new_client,
            },
        ) => issuer != new_issuer || client_id != new_client,
        (
            Some(Provider::Google { client_id }),
            Provider::Google {
                client_id: new_client,
            },
        ) => client_id != new_client,
        _ => true,
    }
}

fn read_provider(
    obj: &Object<'_>,
    kind: ProviderKind,
    errors: &mut Errors,
) -> Option<(Provider, Option<String>)> {
    let key = match kind {
        ProviderKind::Oidc => "oidc",
        ProviderKind::Saml => "saml",
        ProviderKind::Google => "google",
    };
    let Some(value) = obj.get(key) else {
        // A rule across fields (the schema cannot say it), so 422 rather than 400.
        errors.push(
            key,
            FieldErrorKind::Rule(
                Message::new("field-rule-sso-provider-settings-required").arg("provider", key),
            ),
        );
        return None;
    };
    let inner = Object::new(value, key, errors)?;
    match kind {
        ProviderKind::Oidc => {
            inner.reject_unknown(&["issuer", "clientId", "clientSecret"], errors);
            let issuer = inner.string("issuer", 400, errors);
            let issuer = issuer.and_then(|i| https_url(&inner.path("issuer"), &i, false, errors));
            let client_id = inner.string("clientId", 255, errors);
            let secret = inner.optional_string("clientSecret", 255, errors);
            Some((
                Provider::Oidc {
                    issuer: issuer?,
                    client_id: client_id?,
                },
                secret,
            ))
        }
        ProviderKind::Google => {
            inner.reject_unknown(&["clientId", "clientSecret"], errors);
            let client_id = inner.string("clientId", 255, errors);
            let secret = inner.optional_string("clientSecret", 255, errors);
            Some((
                Provider::Google {
                    client_id: client_id?,
                },
                secret,
            ))
        }
        ProviderKind::Saml => {
            inner.reject_unknown(&["metadataUrl", "metadataDocument"], errors);
            let url = inner.optional_string("metadataUrl", 2000, errors);
            let url = url.and_then(|u| https_url(&inner.path("metadataUrl"), &u, true, errors));
            let document = inner.optional_string("metadataDocument", MAX_METADATA_DOCUMENT, errors);
            match (&url, &document) {
                (Some(_), Some(_)) => {
                    errors.push(
                        inner.path("metadataDocument"),
                        FieldErrorKind::rule("field-rule-saml-metadata-both"),
                    );
                    None
                }
                (None, None) => {
                    if errors.is_empty() {
                        errors.push(
                            inner.path("metadataUrl"),
                            FieldErrorKind::rule("field-rule-saml-metadata-missing"),
                        );
                    }
                    None
                }
                _ => Some((
                    Provider::Saml {
                        metadata_url: url,
                        metadata_document: document,
                    },
                    None,
                )),
            }
        }
    }
}

/// An absolute `https` URL without credentials or fragment (an OIDC issuer also without a
/// query); returned as sent, less a trailing slash on an issuer (issuers compare exactly).
fn https_url(field: &str, text: &str, query_allowed: bool, errors: &mut Errors) -> Option<String> {
    let valid = url::Url::parse(text).ok().filter(|u| {
        u.scheme() == "https"
            && u.host_str().is_some_and(|h| !h.is_empty())
            && u.username().is_empty()
            && u.password().is_none()
            && u.fragment().is_none()
            && (query_allowed || u.query().is_none())
    });
    if valid.is_none() {
        errors.push(field, FieldErrorKind::rule("field-rule-https-url"));
        return None;
    }
    Some(if query_allowed {
        text.to_owned()
    } else {
        text.trim_end_matches('/').to_owned()
    })
}

/// A domain as stored and compared: trimmed, without a final dot, lower case.
fn normalize_domain(text: &str) -> String {
    text.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The well-formed domains a change body asks for, normalized as the parser stores them
/// (at most [`MAX_DOMAINS`]): whose claims to read ahead. The parser alone judges the body.
pub fn requested_domains(body: &Value) -> Vec<String> {
    let mut domains: Vec<String> = Vec::new();
    for text in body
        .get("domains")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let domain = normalize_domain(text);
        if domain_problem(&domain).is_none() && !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    domains.truncate(MAX_DOMAINS);
    domains
}

fn read_domains(obj: &Object<'_>, errors: &mut Errors) -> Vec<String> {
    let Some(value) = obj.get("domains") else {
        return Vec::new();
    };
    let Value::Array(items) = value else {
        errors.push("domains", FieldErrorKind::WrongType("array"));
        return Vec::new();
    };
    let mut domains: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("domains[{i}]");
        let Value::String(text) = item else {
            errors.push(field, FieldErrorKind::WrongType("string"));
            continue;
        };
        let domain = normalize_domain(text);
        if let Some(problem) = domain_problem(&domain) {
            errors.push(field, FieldErrorKind::Rule(problem));
        } else if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    if domains.len() > MAX_DOMAINS {
        errors.push(
            "domains",
            FieldErrorKind::Rule(
                Message::new("field-rule-too-many-domains").arg("max", MAX_DOMAINS),
            ),
        );
    }
    domains
}

/// Why `domain` (lower case) cannot be claimed, if it cannot.
pub fn domain_problem(domain: &str) -> Option<Message> {
    if domain.len() > MAX_DOMAIN_LENGTH {
        return Some(Message::new("field-rule-domain-too-long").arg("max", MAX_DOMAIN_LENGTH));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let top_ok = labels
        .last()
        .is_some_and(|top| top.bytes().any(|b| b.is_ascii_lowercase()));
    if labels.len() < 2 || !labels.iter().all(label_ok) || !top_ok {
        return Some(Message::new("field-rule-domain-name"));
    }
    if PUBLIC_MAIL_DOMAINS.contains(&domain) {
        return Some(Message::new("field-rule-domain-public-mail"));
    }
    None
}

fn read_group_roles(obj: &Object<'_>, errors: &mut Errors) -> Vec<GroupRole> {
    let Some(value) = obj.get("groupRoles") else {
        return Vec::new();
    };
    let Value::Array(items) = value else {
        errors.push("groupRoles", FieldErrorKind::WrongType("array"));
        return Vec::new();
    };
    if items.len() > MAX_GROUP_ROLES {
        errors.push(
            "groupRoles",
            FieldErrorKind::Rule(
                Message::new("field-rule-too-many-group-roles").arg("max", MAX_GROUP_ROLES),
            ),
        );
        return Vec::new();
    }
    let mut mappings = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("groupRoles[{i}]");
        let Some(entry) = Object::new(item, &prefix, errors) else {
            continue;
        };
        entry.reject_unknown(&["group", "role"], errors);
        let group = entry.string("group", 256, errors);
        let role = entry.one_of("role", ROLES, &Role::ALL, errors);
        if let (Some(group), Some(role)) = (group, role) {
            let mapping = GroupRole { group, role };
            if !mappings.contains(&mapping) {
                mappings.push(mapping);
            }
        }
    }
    mappings
}

/// The names of the fields that differ, for the audit record: never a secret's value, only
/// that one was set.
fn changed_fields(current: &SsoConfig, new: &SsoConfig, secret_sent: bool) -> Vec<String> {
    let mut fields = Vec::new();
    let mut note = |changed: bool, name: &str| {
        if changed {
            fields.push(name.to_owned());
        }
    };
    note(current.enabled != new.enabled, "enabled");
    note(
        current.provider.as_ref().map(Provider::kind) != new.provider.as_ref().map(Provider::kind),
        "provider",
    );
    note(
        current.provider.is_some()
            && new.provider.is_some()
            && current.provider.as_ref().map(Provider::kind)
                == new.provider.as_ref().map(Provider::kind)
            && current.provider != new.provider,
        "providerSettings",
    );
    note(secret_sent, "clientSecret");
    note(current.domains != new.domains, "domains");
    note(
        current.require_for_all != new.require_for_all,
        "requireForAll",
    );
    note(
        current.auto_create_users != new.auto_create_users,
        "autoCreateUsers",
    );
    note(current.group_roles != new.group_roles, "groupRoles");
    fields
}

/// The Cognito identity provider's name for a company: stable (a retried request finds the
/// provider it created), unique in the pool, and not the company id itself.
pub fn provider_name_for(company_id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(format!("mypages-sso:{company_id}")));
    format!("sso-{}", &digest[..24])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    fn oidc_body() -> Value {
        json!({
            "enabled": true,
            "provider": "oidc",
            "oidc": {
                "issuer": "https://login.microsoftonline.com/tenant-1/v2.0",
                "clientId": "client-1",
                "clientSecret": "s3cret"
            },
            "domains": ["Corp.Example"],
            "reason": "pilot"
        })
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn the_first_activation_starts_the_trial_and_keeps_the_secret_apart() {
        let now = at("2026-11-20T08:00:00Z");
        let change = SsoChange::parse(&oidc_body(), &SsoConfig::default(), now).expect("valid");
        assert_eq!(change.config.first_activated_at, Some(now));
        assert_eq!(change.config.status(now), SsoStatus::Trial);
        assert_eq!(
            change.config.trial_ends_at(),
            Some(at("2026-11-30T08:00:00Z"))
        );
        assert_eq!(change.config.domains, vec!["corp.example".to_owned()]);
        assert_eq!(change.config.version, 1);
        assert_eq!(change.client_secret.as_deref(), Some("s3cret"));
        let view = change.config.view(now).to_string();
        assert!(!view.contains("s3cret"), "{view}");
        assert!(change.changed_fields.contains(&"clientSecret".to_owned()));
    }

    #[test]
    fn the_trial_never_restarts_after_switching_off_and_on() {
        let first = at("2026-11-01T12:00:00Z");
        let stored = SsoConfig {
            enabled: false,
            version: 3,
            ..configured()
        };
        let later = at("2026-12-24T00:00:00Z");
        let change = SsoChange::parse(&oidc_body(), &stored, later).expect("valid");
        assert_eq!(change.config.first_activated_at, Some(first));
        assert_eq!(change.config.status(later), SsoStatus::Expired);
        assert_eq!(change.config.version, 4);
    }

    #[test]
    fn switching_off_before_any_activation_starts_no_trial() {
        let body = json!({"enabled": false, "reason": "not yet"});
        let change = SsoChange::parse(&body, &SsoConfig::default(), at("2026-11-01T00:00:00Z"))
            .expect("valid");
        assert_eq!(change.config.first_activated_at, None);
        assert_eq!(
            change.config.status(at("2026-11-01T00:00:00Z")),
            SsoStatus::Off
        );
    }

    #[test]
    fn the_licence_is_never_the_customers_to_set() {
        let mut body = oidc_body();
        body["licensedUntil"] = json!("2099-01-01");
        let errors = SsoChange::parse(&body, &SsoConfig::default(), at("2026-11-01T00:00:00Z"))
            .expect_err("unknown field");
        assert_eq!(fields(&errors), vec!["licensedUntil"]);
        assert_eq!(errors[0].kind, FieldErrorKind::Unknown);
        // A stored licence survives every change the customer makes.
        let stored = SsoConfig {
            licensed_until: Some("2027-06-30".parse().expect("date")),
            ..configured()
        };
        let change =
            SsoChange::parse(&oidc_body(), &stored, at("2026-11-02T00:00:00Z")).expect("valid");
        assert_eq!(change.config.licensed_until, stored.licensed_until);
    }

    #[test]
    fn require_for_all_needs_a_provider_and_a_running_module() {
        let now = at("2026-11-05T00:00:00Z");
        let without_provider = json!({"enabled": true, "requireForAll": true, "reason": "r"});
        let errors = SsoChange::parse(&without_provider, &SsoConfig::default(), now)
            .expect_err("no provider");
        assert_eq!(fields(&errors), vec!["requireForAll"]);
        assert!(!errors[0].kind.is_shape(), "422, not 400");

        let mut disabled = oidc_body();
        disabled["enabled"] = json!(false);
        disabled["requireForAll"] = json!(true);
        assert!(SsoChange::parse(&disabled, &SsoConfig::default(), now).is_err());

        // Expired: passwords must keep working, so require-for-all is refused.
        let mut expired_body = oidc_body();
        expired_body["requireForAll"] = json!(true);
        let errors = SsoChange::parse(&expired_body, &configured(), at("2026-12-01T00:00:00Z"))
            .expect_err("expired");
        assert_eq!(fields(&errors), vec!["requireForAll"]);

        // Trial with a provider: allowed.
        let change = SsoChange::parse(&expired_body, &configured(), now).expect("trial");
        assert!(change.config.passwords_refused(now));
        // Licensed after the trial: allowed.
        let licensed = SsoConfig {
            licensed_until: Some("2027-01-31".parse().expect("date")),
            ..configured()
        };
        assert!(SsoChange::parse(&expired_body, &licensed, at("2026-12-01T00:00:00Z")).is_ok());
    }

    #[test]
    fn a_client_secret_is_needed_for_a_new_provider_or_a_changed_client() {
        let now = at("2026-11-05T00:00:00Z");
        let mut body = oidc_body();
        body["oidc"]
            .as_object_mut()
            .expect("object")
            .remove("clientSecret");
        let errors = SsoChange::parse(&body, &SsoConfig::default(), now).expect_err("new provider");
        assert_eq!(fields(&errors), vec!["oidc.clientSecret"]);
        let stored = SsoConfig {
            provider: Some(Provider::Oidc {
                issuer: "https://login.microsoftonline.com/tenant-1/v2.0".into(),
                client_id: "client-1".into(),
            }),
            ..configured()
        };
        let change = SsoChange::parse(&body, &stored, now).expect("same client");
        assert_eq!(change.client_secret, None);
        body["oidc"]["clientId"] = json!("client-2");
        assert!(SsoChange::parse(&body, &stored, now).is_err());
    }

    #[test]
    fn domains_are_lower_cased_dns_names_and_never_public_mail_services() {
        let now = at("2026-11-05T00:00:00Z");
        let mut body = oidc_body();
        body["domains"] = json!(["Corp.Example", "corp.example.", "sub.corp.example"]);
        let change = SsoChange::parse(&body, &SsoConfig::default(), now).expect("valid");
        assert_eq!(
            change.config.domains,
            vec!["corp.example", "sub.corp.example"]
        );
        for bad in [
            "gmail.com",
            "Outlook.com",
            "hotmail.com",
            "localhost",
            "-bad.example",
            "under_score.example",
            "a..example",
            "corp.123",
            "a-very-long-subdomain-name-indeed.corp.example",
        ] {
            body["domains"] = json!([bad]);
            let errors = SsoChange::parse(&body, &SsoConfig::default(), now).expect_err(bad);
            assert_eq!(fields(&errors), vec!["domains[0]"], "{bad}");
        }
        body["domains"] = json!([]);
        assert_eq!(
            fields(&SsoChange::parse(&body, &SsoConfig::default(), now).expect_err("none")),
            vec!["domains"]
        );
        let many: Vec<String> = (0..21).map(|i| format!("d{i}.example")).collect();
        body["domains"] = json!(many);
        assert_eq!(
            fields(&SsoChange::parse(&body, &SsoConfig::default(), now).expect_err("21")),
            vec!["domains"]
        );
    }

    #[test]
    fn unknown_and_misplaced_fields_are_refused() {
        let now = at("2026-11-05T00:00:00Z");
        let mut body = oidc_body();
        body["oidc"]["tenant"] = json!("x");
        body["saml"] = json!({"metadataUrl": "https://idp.example/metadata"});
        let errors = SsoChange::parse(&body, &SsoConfig::default(), now).expect_err("refused");
        assert!(fields(&errors).contains(&"oidc.tenant"), "{errors:?}");
        assert!(fields(&errors).contains(&"saml"), "{errors:?}");
        let no_enabled = json!({"reason": "r"});
        assert_eq!(
            fields(&SsoChange::parse(&no_enabled, &SsoConfig::default(), now).expect_err("m")),
            vec!["enabled"]
        );
        let mut http_issuer = oidc_body();
        http_issuer["oidc"]["issuer"] = json!("http://login.example/t");
        assert_eq!(
            fields(&SsoChange::parse(&http_issuer, &SsoConfig::default(), now).expect_err("h")),
            vec!["oidc.issuer"]
        );
    }

    #[test]
    fn saml_takes_a_metadata_url_or_a_document_and_group_roles_map_known_roles() {
        let now = at("2026-11-05T00:00:00Z");
        let body = json!({
            "enabled": true,
            "provider": "saml",
            "saml": {"metadataUrl": "https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=a"},
            "domains": ["corp.example"],
            "groupRoles": [{"group": "g-1", "role": "editor"}],
            "autoCreateUsers": true,
            "reason": "saml"
        });
        let change = SsoChange::parse(&body, &SsoConfig::default(), now).expect("valid");
        assert_eq!(change.config.group_roles[0].role, Role::Editor);
        assert!(change.config.auto_create_users);
        assert_eq!(change.client_secret, None);
        let view = change.config.view(now);
        assert_eq!(view["provider"], "saml");
        assert!(view["saml"]["metadataUrl"].is_string());
        let mut both = body.clone();
        both["saml"]["metadataDocument"] = json!("<EntityDescriptor/>");
        assert!(SsoChange::parse(&both, &SsoConfig::default(), now).is_err());
        let mut bad_role = body;
        bad_role["groupRoles"] = json!([{"group": "g", "role": "owner"}]);
        let errors = SsoChange::parse(&bad_role, &SsoConfig::default(), now).expect_err("role");
        assert_eq!(fields(&errors), vec!["groupRoles[0].role"]);
    }

    #[test]
    fn provider_names_are_stable_per_company_and_hide_its_id() {
        let name = provider_name_for("demo-ab");
        assert_eq!(name, provider_name_for("demo-ab"));
        assert_ne!(name, provider_name_for("other-ab"));
        assert_eq!(name.len(), 4 + 24);
        assert!(!name.contains("demo"));
    }
}
