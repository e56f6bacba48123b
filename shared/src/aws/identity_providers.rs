//! Cognito identity providers for company SSO: one provider per company (OIDC for Azure AD
//! and Google Workspace, or SAML), whose identifiers are the company's e-mail domains, and its
//! place among the app client's supported providers.

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::operation::update_user_pool_client::builders::UpdateUserPoolClientFluentBuilder;
use aws_sdk_cognitoidentityprovider::types::{
    IdentityProviderType, IdentityProviderTypeType, OAuthFlowType, UserPoolClientType,
};

use super::cognito::{Cognito, CognitoError};
use crate::domain::sso::{GOOGLE_ISSUER, Provider};

/// Cognito's own user directory: password sign-in keeps working beside the providers.
pub const COGNITO_DIRECTORY: &str = "COGNITO";
/// The OAuth scopes the app client allows. Not `aws.cognito.signin.user.admin`: a federated
/// user's access token must not be able to change the user's own attributes.
pub const OAUTH_SCOPES: [&str; 3] = ["openid", "email", "profile"];
/// The user-pool attribute that receives the IdP's groups at each federated sign-in (the
/// pre-token-generation trigger maps them to roles by the company's `groupRoles`).
pub const GROUPS_ATTRIBUTE: &str = "custom:idp_groups";

/// Azure AD's SAML claim names (its OIDC tokens use the short names).
const SAML_EMAIL: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
const SAML_NAME: &str = "http://schemas.microsoft.com/identity/claims/displayname";
const SAML_GROUPS: &str = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups";

/// What Cognito should hold for a company's provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSetup {
    pub name: String,
    pub provider: Provider,
    /// A new client secret (OIDC, Google); `None` keeps the one Cognito has.
    pub client_secret: Option<String>,
    /// The company's e-mail domains: the hosted UI's `idp_identifier`.
    pub identifiers: Vec<String>,
}

impl ProviderSetup {
    pub fn provider_type(&self) -> IdentityProviderTypeType {
        match self.provider {
            Provider::Saml { .. } => IdentityProviderTypeType::Saml,
            Provider::Oidc { .. } | Provider::Google { .. } => IdentityProviderTypeType::Oidc,
        }
    }

    /// Cognito's `ProviderDetails`; `existing_secret` is the secret Cognito holds now, used
    /// when no new one was sent (Cognito replaces the details as a whole).
    pub fn details(&self, existing_secret: Option<&str>) -> HashMap<String, String> {
        let oidc = |issuer: &str, client_id: &str| {
            let mut details: HashMap<String, String> = [
                ("client_id", client_id),
                ("attributes_request_method", "GET"),
                ("oidc_issuer", issuer),
                ("authorize_scopes", "openid email profile"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
            if let Some(secret) = self.client_secret.as_deref().or(existing_secret) {
                details.insert("client_secret".to_owned(), secret.to_owned());
            }
            details
        };
        match &self.provider {
            Provider::Oidc { issuer, client_id } => oidc(issuer, client_id),
            Provider::Google { client_id } => oidc(GOOGLE_ISSUER, client_id),
            Provider::Saml {
                metadata_url,
                metadata_document,
            } => {
                let mut details = HashMap::new();
                if let Some(url) = metadata_url {
                    details.insert("MetadataURL".to_owned(), url.clone());
                }
                if let Some(document) = metadata_document {
                    details.insert("MetadataFile".to_owned(), document.clone());
                }
                details
            }
        }
    }

    /// Cognito attribute ← IdP attribute: e-mail, name and groups.
    pub fn attribute_mapping(&self) -> HashMap<String, String> {
        let pairs: &[(&str, &str)] = match self.provider {
            Provider::Oidc { .. } => &[
                ("email", "email"),
                ("name", "name"),
                (GROUPS_ATTRIBUTE, "groups"),
            ],
            // Google sends no groups claim.
            Provider::Google { .. } => &[("email", "email"), ("name", "name")],
            Provider::Saml { .. } => &[
                ("email", SAML_EMAIL),
                ("name", SAML_NAME),
                (GROUPS_ATTRIBUTE, SAML_GROUPS),
            ],
        };
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }
}

/// The app client's OAuth settings for the hosted UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedUi {
    /// Where Cognito sends the browser back with the authorization code.
    pub callback_url: String,
}

impl Cognito {
    /// The company's provider as Cognito has it, if it exists.
    pub async fn identity_provider(
        &self,
        name: &str,
    ) -> Result<Option<IdentityProviderType>, CognitoError> {
        match self
            .client
            .describe_identity_provider()
            .user_pool_id(&self.user_pool_id)
            .provider_name(name)
            .send()
            .await
        {
            Ok(out) => Ok(out.identity_provider),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(None)
            }
            Err(error) => Err(CognitoError::from_sdk(&error)),
        }
    }

    /// Creates the provider, or brings it to `setup`: same type → updated (the client secret
    /// carried over unless a new one is given); another type (OIDC ↔ SAML) → replaced, as
    /// Cognito cannot change a provider's type.
    pub async fn put_identity_provider(&self, setup: &ProviderSetup) -> Result<(), CognitoError> {
        let existing = self.identity_provider(&setup.name).await?;
        let same_type = existing
            .as_ref()
            .is_some_and(|p| p.provider_type() == Some(&setup.provider_type()));
        if let Some(existing) = existing.filter(|_| same_type) {
            let secret = existing
                .provider_details()
                .and_then(|d| d.get("client_secret"))
                .map(String::as_str);
            self.client
                .update_identity_provider()
                .user_pool_id(&self.user_pool_id)
                .provider_name(&setup.name)
                .set_provider_details(Some(setup.details(secret)))
                .set_attribute_mapping(Some(setup.attribute_mapping()))
                .set_idp_identifiers(Some(setup.identifiers.clone()))
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(&e))?;
            return Ok(());
        }
        if !same_type {
            self.delete_identity_provider(&setup.name).await?;
        }
        self.client
            .create_identity_provider()
            .user_pool_id(&self.user_pool_id)
            .provider_name(&setup.name)
            .provider_type(setup.provider_type())
            .set_provider_details(Some(setup.details(None)))
            .set_attribute_mapping(Some(setup.attribute_mapping()))
            .set_idp_identifiers(Some(setup.identifiers.clone()))
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(&e))?;
        Ok(())
    }

    /// Deletes the provider; one that does not exist is already deleted.
    pub async fn delete_identity_provider(&self, name: &str) -> Result<(), CognitoError> {
        match self
            .client
            .delete_identity_provider()
            .user_pool_id(&self.user_pool_id)
            .provider_name(name)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(())
            }
            Err(error) => Err(CognitoError::from_sdk(&error)),
        }
    }

    /// Offers (or stops offering) the provider on our app client. UpdateUserPoolClient
    /// resets every setting it is not sent, so the client's current settings are read and
    /// sent back with only the providers and the OAuth settings changed. Another company's
    /// change at the same moment could overwrite ours (read-modify-write), so the result is
    /// read back and the change repeated a few times until it holds.
    pub async fn offer_identity_provider(
        &self,
        name: &str,
        offered: bool,
        hosted_ui: &HostedUi,
    ) -> Result<(), CognitoError> {
        const ATTEMPTS: usize = 3;
        for _ in 0..ATTEMPTS {
            let current = self.app_client().await?;
            if current_offers(&current, name) == offered && oauth_ready(&current, hosted_ui) {
                return Ok(());
            }
            let update = client_update(
                self.client
                    .update_user_pool_client()
                    .user_pool_id(&self.user_pool_id)
                    .client_id(&self.client_id),
                &current,
                name,
                offered,
                hosted_ui,
            );
            update
                .send()
                .await
                .map_err(|e| CognitoError::from_sdk(&e))?;
        }
        let current = self.app_client().await?;
        if current_offers(&current, name) == offered {
            Ok(())
        } else {
            Err(CognitoError::Failed(format!(
                "the app client's identity providers kept changing; {name} is not yet {}",
                if offered { "offered" } else { "withdrawn" }
            )))
        }
    }

    /// The app client as Cognito has it now.
    pub async fn app_client(&self) -> Result<UserPoolClientType, CognitoError> {
        self.client
            .describe_user_pool_client()
            .user_pool_id(&self.user_pool_id)
            .client_id(&self.client_id)
            .send()
            .await
            .map_err(|e| CognitoError::from_sdk(&e))?
            .user_pool_client
            .ok_or_else(|| CognitoError::Failed("DescribeUserPoolClient returned no client".into()))
    }
}

fn current_offers(client: &UserPoolClientType, name: &str) -> bool {
    client
        .supported_identity_providers()
        .iter()
        .any(|p| p == name)
}

fn oauth_ready(client: &UserPoolClientType, hosted_ui: &HostedUi) -> bool {
    client.allowed_o_auth_flows_user_pool_client() == Some(true)
        && client.allowed_o_auth_flows() == [OAuthFlowType::Code]
        && OAUTH_SCOPES
            .iter()
            .all(|s| client.allowed_o_auth_scopes().iter().any(|a| a == s))
        && client.allowed_o_auth_scopes().len() == OAUTH_SCOPES.len()
        && client
            .callback_urls()
            .iter()
            .any(|u| u == &hosted_ui.callback_url)
        && client
            .supported_identity_providers()
            .iter()
            .any(|p| p == COGNITO_DIRECTORY)
}

/// The UpdateUserPoolClient request: every setting of `current` carried over, the provider
/// added or removed, Cognito's own directory kept, the code flow with our scopes and callback.
fn client_update(
    update: UpdateUserPoolClientFluentBuilder,
    current: &UserPoolClientType,
    name: &str,
    offered: bool,
    hosted_ui: &HostedUi,
) -> UpdateUserPoolClientFluentBuilder {
    let mut providers: Vec<String> = current
        .supported_identity_providers()
        .iter()
        .filter(|p| p.as_str() != name && p.as_str() != COGNITO_DIRECTORY)
        .cloned()
        .collect();
    providers.insert(0, COGNITO_DIRECTORY.to_owned());
    if offered {
        providers.push(name.to_owned());
    }
    let mut callbacks = current.callback_urls().to_vec();
    if !callbacks.contains(&hosted_ui.callback_url) {
        callbacks.push(hosted_ui.callback_url.clone());
    }
    let non_empty = |items: &[String]| (!items.is_empty()).then(|| items.to_vec());
    update
        .set_client_name(current.client_name().map(str::to_owned))
        .refresh_token_validity(current.refresh_token_validity())
        .set_access_token_validity(current.access_token_validity())
        .set_id_token_validity(current.id_token_validity())
        .set_token_validity_units(current.token_validity_units().cloned())
        .set_read_attributes(non_empty(current.read_attributes()))
        .set_write_attributes(non_empty(current.write_attributes()))
        .set_explicit_auth_flows(
            (!current.explicit_auth_flows().is_empty())
                .then(|| current.explicit_auth_flows().to_vec()),
        )
        .set_supported_identity_providers(Some(providers))
        .set_callback_urls(Some(callbacks))
        .set_logout_urls(non_empty(current.logout_urls()))
        .set_default_redirect_uri(current.default_redirect_uri().map(str::to_owned))
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .set_allowed_o_auth_scopes(Some(OAUTH_SCOPES.map(str::to_owned).to_vec()))
        .allowed_o_auth_flows_user_pool_client(true)
        .set_analytics_configuration(current.analytics_configuration().cloned())
        .set_prevent_user_existence_errors(current.prevent_user_existence_errors().cloned())
        .set_enable_token_revocation(current.enable_token_revocation())
        .set_enable_propagate_additional_user_context_data(
            current.enable_propagate_additional_user_context_data(),
        )
        .set_auth_session_validity(current.auth_session_validity())
        .set_refresh_token_rotation(current.refresh_token_rotation().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cognitoidentityprovider::types::{
        AnalyticsConfigurationType, ExplicitAuthFlowsType, FeatureType,
        PreventUserExistenceErrorTypes, RefreshTokenRotationType, TimeUnitsType,
        TokenValidityUnitsType,
    };

    fn offline_client() -> aws_sdk_cognitoidentityprovider::Client {
        let config = aws_sdk_cognitoidentityprovider::Config::builder()
            .behavior_version(aws_sdk_cognitoidentityprovider::config::BehaviorVersion::latest())
            .region(aws_sdk_cognitoidentityprovider::config::Region::new(
                "eu-north-1",
            ))
            .build();
        aws_sdk_cognitoidentityprovider::Client::from_conf(config)
    }

    /// A client with every setting UpdateUserPoolClient takes set to something non-default.
    fn configured_client() -> UserPoolClientType {
        UserPoolClientType::builder()
            .user_pool_id("pool")
            .client_id("client")
            .client_name("mypages-api")
            .client_secret("kept-by-cognito")
            .refresh_token_validity(30)
            .access_token_validity(60)
            .id_token_validity(60)
            .token_validity_units(
                TokenValidityUnitsType::builder()
                    .id_token(TimeUnitsType::Minutes)
                    .access_token(TimeUnitsType::Minutes)
                    .refresh_token(TimeUnitsType::Days)
                    .build(),
            )
            .read_attributes("email")
            .read_attributes("locale")
            .write_attributes("locale")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .supported_identity_providers(COGNITO_DIRECTORY)
            .supported_identity_providers("sso-other-company")
            .callback_urls("https://app.example/other")
            .logout_urls("https://app.example/bye")
            .default_redirect_uri("https://app.example/other")
            .analytics_configuration(
                AnalyticsConfigurationType::builder()
                    .application_id("app")
                    .build(),
            )
            .prevent_user_existence_errors(PreventUserExistenceErrorTypes::Enabled)
            .enable_token_revocation(true)
            .enable_propagate_additional_user_context_data(true)
            .auth_session_validity(3)
            .refresh_token_rotation(
                RefreshTokenRotationType::builder()
                    .feature(FeatureType::Disabled)
                    .build()
                    .expect("rotation"),
            )
            .build()
    }

    fn hosted_ui() -> HostedUi {
        HostedUi {
            callback_url: "https://app.example/sso/callback".into(),
        }
    }

    #[test]
    fn the_client_update_carries_every_existing_setting_over() {
        let current = configured_client();
        let update = client_update(
            offline_client().update_user_pool_client(),
            &current,
            "sso-ours",
            true,
            &hosted_ui(),
        );
        assert_eq!(update.get_client_name().as_deref(), Some("mypages-api"));
        assert_eq!(*update.get_refresh_token_validity(), Some(30));
        assert_eq!(*update.get_access_token_validity(), Some(60));
        assert_eq!(*update.get_id_token_validity(), Some(60));
        assert_eq!(
            update.get_token_validity_units().as_ref(),
            current.token_validity_units()
        );
        assert_eq!(
            update.get_read_attributes().as_deref(),
            Some(current.read_attributes())
        );
        assert_eq!(
            update.get_write_attributes().as_deref(),
            Some(current.write_attributes())
        );
        assert_eq!(
            update.get_explicit_auth_flows().as_deref(),
            Some(current.explicit_auth_flows())
        );
        assert_eq!(
            update.get_logout_urls().as_deref(),
            Some(current.logout_urls())
        );
        assert_eq!(
            update.get_default_redirect_uri().as_deref(),
            current.default_redirect_uri()
        );
        assert_eq!(
            update.get_analytics_configuration().as_ref(),
            current.analytics_configuration()
        );
        assert_eq!(
            update.get_prevent_user_existence_errors().as_ref(),
            current.prevent_user_existence_errors()
        );
        assert_eq!(*update.get_enable_token_revocation(), Some(true));
        assert_eq!(
            *update.get_enable_propagate_additional_user_context_data(),
            Some(true)
        );
        assert_eq!(*update.get_auth_session_validity(), Some(3));
        assert_eq!(
            update.get_refresh_token_rotation().as_ref(),
            current.refresh_token_rotation()
        );
        // The other company's provider and callback stay; ours is added after Cognito's own.
        assert_eq!(
            update.get_supported_identity_providers().as_deref(),
            Some(
                &[
                    "COGNITO".to_owned(),
                    "sso-other-company".into(),
                    "sso-ours".into()
                ][..]
            )
        );
        assert_eq!(
            update.get_callback_urls().as_deref(),
            Some(
                &[
                    "https://app.example/other".to_owned(),
                    "https://app.example/sso/callback".into()
                ][..]
            )
        );
        assert_eq!(
            update.get_allowed_o_auth_flows().as_deref(),
            Some(&[OAuthFlowType::Code][..])
        );
        assert_eq!(
            update.get_allowed_o_auth_scopes().as_deref(),
            Some(&["openid".to_owned(), "email".into(), "profile".into()][..])
        );
        assert_eq!(
            *update.get_allowed_o_auth_flows_user_pool_client(),
            Some(true)
        );
    }

    #[test]
    fn withdrawing_a_provider_keeps_the_others_and_cognitos_own_directory() {
        let current = configured_client();
        let update = client_update(
            offline_client().update_user_pool_client(),
            &current,
            "sso-other-company",
            false,
            &hosted_ui(),
        );
        assert_eq!(
            update.get_supported_identity_providers().as_deref(),
            Some(&["COGNITO".to_owned()][..])
        );
    }

    #[test]
    fn oidc_details_carry_the_existing_secret_unless_a_new_one_is_given() {
        let mut setup = ProviderSetup {
            name: "sso-x".into(),
            provider: Provider::Oidc {
                issuer: "https://login.microsoftonline.com/t/v2.0".into(),
                client_id: "c".into(),
            },
            client_secret: None,
            identifiers: vec!["corp.example".into()],
        };
        let details = setup.details(Some("old"));
        assert_eq!(details["client_secret"], "old");
        assert_eq!(
            details["oidc_issuer"],
            "https://login.microsoftonline.com/t/v2.0"
        );
        assert_eq!(details["attributes_request_method"], "GET");
        assert_eq!(details["authorize_scopes"], "openid email profile");
        setup.client_secret = Some("new".into());
        assert_eq!(setup.details(Some("old"))["client_secret"], "new");
        assert_eq!(setup.attribute_mapping()[GROUPS_ATTRIBUTE], "groups");
        let google = ProviderSetup {
            provider: Provider::Google {
                client_id: "g".into(),
            },
            ..setup
        };
        assert_eq!(google.details(None)["oidc_issuer"], GOOGLE_ISSUER);
        assert_eq!(google.provider_type(), IdentityProviderTypeType::Oidc);
    }
}
