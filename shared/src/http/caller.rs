//! The authenticated caller, taken only from the claims API Gateway's Cognito authorizer
//! verified. The company id never comes from the path, the body or the query.

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde_json::Value;

use super::problem::ApiError;
use crate::Deps;
use crate::aws::Store;
use crate::aws::store::ItemKey;
use crate::config::Config;
use crate::domain::audit::Chain;
use crate::domain::claims::{CLAIM_COMPANY, CLAIM_MFA_ENROLLED, CLAIM_ROLES, is_safe_id};
use crate::domain::company::CompanySettings;
use crate::domain::role::{Permission, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Cognito `sub`: stable and pseudonymous, so it is what audit records name.
    pub user_id: String,
    pub company_id: String,
    pub roles: Vec<Role>,
    /// The user has TOTP (the pre-token-generation trigger's claim, as of the token).
    pub mfa_enrolled: bool,
    /// Signed in through the company's identity provider (the token carries Cognito's
    /// `identities` claim, which no trigger or client can add): their second factor is the
    /// IdP's business, and Cognito offers them no TOTP enrolment.
    pub federated: bool,
    /// The company's settings when this request has read them already (the 2FA check of a
    /// caller without TOTP, or a write's read-ahead): [`Caller::settings`] answers from them
    /// instead of reading them again.
    settings: Option<CompanySettings>,
}

impl Caller {
    /// The caller of a tenant route: the verified claims, and the company's policy. A user
    /// without TOTP in a company that requires it gets 403 `mfa_enrollment_required` here,
    /// the one place every tenant route passes (only `/me` and the `/auth/*` enrolment routes
    /// use [`Caller::from_claims`] alone).
    pub async fn from_request(req: &Request, deps: &Deps) -> Result<Caller, ApiError> {
        let caller = Caller::from_claims(req, &deps.config)?;
        // Read per request, not taken from the token: switching the policy on applies at
        // once, not when tokens are next refreshed. Enrolled users skip the read.
        if caller.needs_policy() {
            let settings = deps.store.company_settings(&caller.company_id).await?;
            return caller.with_settings(settings);
        }
        Ok(caller)
    }

    /// [`Caller::from_request`] for a route that looks items up by key: the company's
    /// settings (for the 2FA policy, and kept for [`Caller::settings`]) and `keys` are read in
    /// one consistent `BatchGetItem`, and the store returned answers those look-ups without
    /// another call. The policy is applied before anything read is used.
    pub async fn from_request_reading(
        req: &Request,
        deps: &Deps,
        keys: impl FnOnce(&Caller) -> Vec<ItemKey>,
    ) -> Result<(Caller, Store), ApiError> {
        let caller = Caller::from_claims(req, &deps.config)?;
        let mut ahead = vec![deps.store.company_settings_key(&caller.company_id)];
        ahead.extend(keys(&caller));
        let store = deps.store.prefetching(deps.store.batch_get(&ahead).await?);
        let caller = caller.with_settings_read(&store).await?;
        Ok((caller, store))
    }

    /// The keys a read looks up ahead: `item` when there is one and, when the read is audited,
    /// the data chain's head (the append's first attempt starts from it).
    pub fn read_keys(&self, store: &Store, item: Option<ItemKey>, audited: bool) -> Vec<ItemKey> {
        let mut keys = Vec::with_capacity(2);
        if audited {
            keys.push(store.chain_head_key(&self.company_id, Chain::Data));
        }
        keys.extend(item);
        keys
    }

    /// Whether the company's 2FA policy can refuse this caller: only one without TOTP who
    /// did not sign in through the company's identity provider.
    fn needs_policy(&self) -> bool {
        !self.mfa_enrolled && !self.federated
    }

    /// The caller with the company's settings, read per request (a write reads them ahead
    /// with its other keys): 403 `mfa_enrollment_required` for a caller without TOTP in a
    /// company that requires it. The one place the policy is applied.
    fn with_settings(mut self, settings: CompanySettings) -> Result<Caller, ApiError> {
        if self.needs_policy() && settings.mfa_required {
            return Err(ApiError::MfaEnrollmentRequired);
        }
        self.settings = Some(settings);
        Ok(self)
    }

    /// [`Caller::with_settings`] with the settings from `store` (which read them ahead).
    /// Settings that cannot be read refuse only a caller the policy applies to, as
    /// [`Caller::from_request`] does; for others they are left to [`Caller::settings`].
    async fn with_settings_read(self, store: &Store) -> Result<Caller, ApiError> {
        match store.company_settings(&self.company_id).await {
            Ok(settings) => self.with_settings(settings),
            Err(error) if self.needs_policy() => Err(error.into()),
            Err(_) => Ok(self),
        }
    }

    /// The company's settings: the ones this request read already, else read now.
    pub async fn settings(&self, deps: &Deps) -> Result<CompanySettings, ApiError> {
        match &self.settings {
            Some(settings) => Ok(settings.clone()),
            None => Ok(deps.store.company_settings(&self.company_id).await?),
        }
    }

    /// Reads the caller from `requestContext.authorizer.claims`; a request without verified
    /// claims (which API Gateway would not pass) answers 401. Does not apply the company's
    /// 2FA policy: see [`Caller::from_request`].
    pub fn from_claims(req: &Request, config: &Config) -> Result<Caller, ApiError> {
        let claims = match req.request_context_ref() {
            Some(RequestContext::ApiGatewayV1(ctx)) => ctx.authorizer.fields.get("claims"),
            _ => None,
        }
        .and_then(Value::as_object)
        .ok_or(ApiError::Unauthorized)?;
        let claim = |name: &str| claims.get(name).and_then(Value::as_str).map(str::trim);
        // Only ID tokens carry the tenant and role attributes; the authorizer passes
        // `token_use` along, and its absence means the claims did not come from it.
        if claim("token_use") != Some("id") {
            return Err(ApiError::Unauthorized);
        }
        // A Cognito authorizer without scopes accepts an ID token of any app client of the
        // pool; only our app client's tokens may call the API, so a client added later is not
        // silently a way in.
        if claim("aud") != Some(config.user_pool_client_id.as_str()) {
            return Err(ApiError::Unauthorized);
        }
        let user_id = claim("sub")
            .filter(|s| is_safe_id(s))
            .ok_or(ApiError::Unauthorized)?;
        // A user without a company (or with a malformed one) can reach no tenant data.
        let company_id = claim(CLAIM_COMPANY)
            .filter(|s| is_safe_id(s))
            .ok_or(ApiError::Forbidden)?;
        let roles = Role::parse_list(claim(CLAIM_ROLES).unwrap_or(""));
        let mfa_enrolled = claim(CLAIM_MFA_ENROLLED) == Some("true");
        let federated = claims.get("identities").is_some_and(|v| !v.is_null());
        let span = tracing::Span::current();
        span.record("company_id", company_id);
        span.record("user_id", user_id);
        Ok(Caller {
            user_id: user_id.to_owned(),
            company_id: company_id.to_owned(),
            roles,
            mfa_enrolled,
            federated,
            settings: None,
        })
    }

    /// 403 unless one of the caller's roles grants `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if permission.granted_to(&self.roles) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The caller's partition: every tenant item lives under it.
    pub fn partition(&self) -> String {
        crate::aws::keys::company_pk(&self.company_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Config {
        Config {
            data_table: "d".into(),
            audit_table: "a".into(),
            user_pool_id: "eu-north-1_pool".into(),
            user_pool_client_id: "client".into(),
            auth_secrets: None,
            audit_archive: None,
            login_refusal_floor: std::time::Duration::ZERO,
            hosted_ui: None,
            documents: None,
            rates_table: None,
            reports: None,
            erasure: Default::default(),
            exports: None,
            web: None,
        }
    }

    /// A REST API event whose authorizer verified these claims.
    fn request(claims: serde_json::Value) -> Request {
        let event = json!({
            "resource": "/me", "path": "/me", "httpMethod": "GET",
            "headers": {}, "multiValueHeaders": {},
            "requestContext": {
                "resourcePath": "/me", "httpMethod": "GET", "stage": "v1",
                "requestId": "r", "accountId": "1", "apiId": "a",
                "identity": {"sourceIp": "198.51.100.7"},
                "authorizer": {"claims": claims},
            },
            "body": null, "isBase64Encoded": false,
        });
        lambda_http::request::from_str(&event.to_string()).expect("a REST API event")
    }

    fn claims(extra: serde_json::Value) -> serde_json::Value {
        let mut claims = json!({
            "sub": "0b1c-22", "aud": "client", "token_use": "id",
            "company_id": "co-1", "roles": "editor", "mfa_enrolled": "false",
        });
        if let (Some(map), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
            map.extend(extra.clone());
        }
        claims
    }

    #[test]
    fn the_company_roles_and_mfa_come_from_the_trigger_claims() {
        let caller = Caller::from_claims(&request(claims(json!({}))), &config()).expect("ok");
        assert_eq!(caller.company_id, "co-1");
        assert_eq!(caller.roles, vec![Role::Editor]);
        assert!(!caller.mfa_enrolled);
        assert!(!caller.federated);
        let enrolled = claims(json!({"mfa_enrolled": "true"}));
        assert!(
            Caller::from_claims(&request(enrolled), &config())
                .expect("ok")
                .mfa_enrolled
        );
    }

    #[test]
    fn the_old_attribute_claims_grant_nothing() {
        let mut old = claims(json!({"custom:company_id": "co-2", "custom:roles": "admin"}));
        if let Some(map) = old.as_object_mut() {
            map.remove("company_id");
            map.remove("roles");
        }
        assert!(matches!(
            Caller::from_claims(&request(old), &config()),
            Err(ApiError::Forbidden)
        ));
    }

    #[test]
    fn a_token_with_cognitos_identities_claim_is_a_federated_callers() {
        let federated = claims(json!({
            "identities": "[{\"providerName\":\"sso-1\",\"providerType\":\"OIDC\"}]"
        }));
        assert!(
            Caller::from_claims(&request(federated), &config())
                .expect("ok")
                .federated
        );
    }
}
