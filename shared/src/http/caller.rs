//! The authenticated caller, taken only from the claims API Gateway's Cognito authorizer
//! verified. The company id never comes from the path, the body or the query.

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde_json::Value;

use super::problem::ApiError;
use crate::Deps;
use crate::config::Config;
use crate::domain::claims::{CLAIM_COMPANY, CLAIM_MFA_ENROLLED, CLAIM_ROLES, is_safe_id};
use crate::domain::role::{Permission, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Cognito `sub`: stable and pseudonymous, so it is what audit records name.
    pub user_id: String,
    pub company_id: String,
    pub roles: Vec<Role>,
    /// The user has TOTP (the pre-token-generation trigger's claim, as of the token).
    pub mfa_enrolled: bool,
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
        if !caller.mfa_enrolled
            && deps
                .store
                .company_settings(&caller.company_id)
                .await?
                .mfa_required
        {
            return Err(ApiError::MfaEnrollmentRequired);
        }
        Ok(caller)
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
        let span = tracing::Span::current();
        span.record("company_id", company_id);
        span.record("user_id", user_id);
        Ok(Caller {
            user_id: user_id.to_owned(),
            company_id: company_id.to_owned(),
            roles,
            mfa_enrolled,
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
