//! Rules for users who sign in through a company's identity provider (SSO): which company a
//! federated user name belongs to, whether a newcomer may join it, and the roles their IdP
//! groups give them. Used by the Cognito triggers; pure.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::role::Role;
use super::sso::{SsoConfig, email_domain};

/// The user attribute Cognito fills from the IdP's groups claim at each federated sign-in
/// (the identity provider's attribute mapping writes it; clients cannot).
pub const IDP_GROUPS_ATTRIBUTE: &str = "custom:idp_groups";

/// The identity provider a federated user came through: Cognito names such users
/// `<ProviderName>_<subject at the IdP>`, and our provider names (`sso-<hex>`) hold no `_`.
pub fn provider_of_username(user_name: &str) -> Option<&str> {
    let (provider, subject) = user_name.split_once('_')?;
    (!provider.is_empty() && !subject.is_empty()).then_some(provider)
}

/// The groups in the `custom:idp_groups` attribute. Cognito stores a multi-valued claim as
/// one string, `[g1, g2]` (or a JSON array, or a single value); any of these is read.
pub fn idp_groups(attribute: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(attribute) {
        return list.into_iter().filter(|g| !g.is_empty()).collect();
    }
    attribute
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|g| g.trim().trim_matches('"').to_owned())
        .filter(|g| !g.is_empty())
        .collect()
}

/// The roles of a federated user at a sign-in through the IdP: those their groups map to,
/// or `viewer` when none does (the least a member of the company gets).
pub fn federated_roles(sso: &SsoConfig, groups: &[String]) -> Vec<Role> {
    let roles = sso.roles_for_groups(groups.iter().map(String::as_str));
    if roles.is_empty() {
        vec![Role::Viewer]
    } else {
        roles
    }
}

/// Why a federated newcomer may not join the company that owns the identity provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AdmissionRefused {
    #[error("single sign-on is not running for the company")]
    FederationOff,
    #[error("the e-mail address is not in one of the company's domains")]
    ForeignDomain,
    #[error("the company does not create users automatically")]
    AutoCreateOff,
}

/// Whether a person the company's IdP vouches for becomes a user of the company by signing in:
/// only while federation runs, for an address of one of its domains, and only when the
/// company switched on automatic creation. Nobody joins a company by themselves otherwise.
pub fn admit_federated(
    sso: &SsoConfig,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AdmissionRefused> {
    if !sso.federation_on(now) {
        return Err(AdmissionRefused::FederationOff);
    }
    let owned = email_domain(email).is_some_and(|d| sso.owns_domain(&d));
    if !owned {
        return Err(AdmissionRefused::ForeignDomain);
    }
    if !sso.auto_create_users {
        return Err(AdmissionRefused::AutoCreateOff);
    }
    Ok(())
}

/// Whether an existing federated user may sign in through the IdP again: while federation
/// runs and their address is still in one of the company's domains. An expired module or a
/// released domain stops the IdP's sign-ins even though Cognito still offers the provider.
pub fn federated_sign_in_allowed(
    sso: &SsoConfig,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AdmissionRefused> {
    if !sso.federation_on(now) {
        return Err(AdmissionRefused::FederationOff);
    }
    if !email_domain(email).is_some_and(|d| sso.owns_domain(&d)) {
        return Err(AdmissionRefused::ForeignDomain);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sso::{GroupRole, Provider};

    fn running() -> SsoConfig {
        SsoConfig {
            enabled: true,
            provider: Some(Provider::Oidc {
                issuer: "https://login.microsoftonline.com/t/v2.0".into(),
                client_id: "c".into(),
            }),
            provider_name: Some("sso-0123".into()),
            domains: vec!["corp.example".into()],
            auto_create_users: true,
            group_roles: vec![GroupRole {
                group: "g-fin".into(),
                role: Role::Editor,
            }],
            first_activated_at: Some("2026-11-01T00:00:00Z".parse().expect("instant")),
            ..SsoConfig::default()
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn a_federated_user_name_names_its_provider() {
        assert_eq!(provider_of_username("sso-0123_AbC_def"), Some("sso-0123"));
        assert_eq!(provider_of_username("2f1c-uuid"), None);
        assert_eq!(provider_of_username("_x"), None);
        assert_eq!(provider_of_username("sso-0123_"), None);
    }

    #[test]
    fn groups_are_read_in_each_form_cognito_writes_them() {
        assert_eq!(idp_groups("[g-fin, g-all]"), vec!["g-fin", "g-all"]);
        assert_eq!(idp_groups(r#"["g-fin","g-all"]"#), vec!["g-fin", "g-all"]);
        assert_eq!(idp_groups("g-fin"), vec!["g-fin"]);
        assert!(idp_groups("").is_empty());
        assert!(idp_groups("[]").is_empty());
    }

    #[test]
    fn groups_without_a_mapping_give_the_viewer_role() {
        let sso = running();
        assert_eq!(
            federated_roles(&sso, &["g-fin".into(), "x".into()]),
            vec![Role::Editor]
        );
        assert_eq!(federated_roles(&sso, &["x".into()]), vec![Role::Viewer]);
    }

    #[test]
    fn a_newcomer_is_admitted_only_with_federation_on_an_owned_domain_and_auto_creation() {
        let now = at("2026-11-05T00:00:00Z");
        let sso = running();
        assert_eq!(admit_federated(&sso, "a@Corp.Example", now), Ok(()));
        assert_eq!(
            admit_federated(&sso, "a@elsewhere.example", now),
            Err(AdmissionRefused::ForeignDomain)
        );
        let manual = SsoConfig {
            auto_create_users: false,
            ..running()
        };
        assert_eq!(
            admit_federated(&manual, "a@corp.example", now),
            Err(AdmissionRefused::AutoCreateOff)
        );
        assert_eq!(
            admit_federated(&sso, "a@corp.example", at("2026-12-01T00:00:00Z")),
            Err(AdmissionRefused::FederationOff),
            "the trial ended"
        );
    }

    #[test]
    fn a_known_federated_user_signs_in_only_while_federation_runs_in_their_domain() {
        let now = "2026-11-05T00:00:00Z".parse().expect("instant");
        let later = "2026-12-05T00:00:00Z".parse().expect("instant");
        let sso = SsoConfig {
            auto_create_users: false,
            ..running()
        };
        assert_eq!(
            federated_sign_in_allowed(&sso, "a@corp.example", now),
            Ok(())
        );
        assert_eq!(
            federated_sign_in_allowed(&sso, "a@corp.example", later),
            Err(AdmissionRefused::FederationOff)
        );
        assert_eq!(
            federated_sign_in_allowed(&sso, "a@elsewhere.example", now),
            Err(AdmissionRefused::ForeignDomain)
        );
    }
}
