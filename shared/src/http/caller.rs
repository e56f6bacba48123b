//! The authenticated caller, taken only from the claims API Gateway's Cognito authorizer
//! verified. The company id never comes from the path, the body or the query.

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use serde_json::Value;

use super::problem::ApiError;
use crate::domain::claims::{CLAIM_COMPANY, CLAIM_ROLES, is_safe_id};
use crate::domain::role::{Permission, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Cognito `sub`: stable and pseudonymous, so it is what audit records name.
    pub user_id: String,
    pub company_id: String,
    pub roles: Vec<Role>,
}

impl Caller {
    /// Reads the caller from `requestContext.authorizer.claims`; a request without verified
    /// claims (which API Gateway would not pass) answers 401.
    pub fn from_request(req: &Request) -> Result<Caller, ApiError> {
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
        let user_id = claim("sub")
            .filter(|s| is_safe_id(s))
            .ok_or(ApiError::Unauthorized)?;
        // A user without a company (or with a malformed one) can reach no tenant data.
        let company_id = claim(CLAIM_COMPANY)
            .filter(|s| is_safe_id(s))
            .ok_or(ApiError::Forbidden)?;
        let roles = Role::parse_list(claim(CLAIM_ROLES).unwrap_or(""));
        let span = tracing::Span::current();
        span.record("company_id", company_id);
        span.record("user_id", user_id);
        Ok(Caller {
            user_id: user_id.to_owned(),
            company_id: company_id.to_owned(),
            roles,
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
