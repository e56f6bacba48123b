//! Audit records for logins, shared by the password and the TOTP step.

use serde_json::{Map, Value};

use super::problem::ApiError;
use super::respond::Ctx;
use crate::Deps;
use crate::aws::cognito::UserIdentity;
use crate::domain::audit::{AuditEvent, Chain};
use crate::domain::claims::is_safe_id;

/// The company of a login, if it is one a chain can be written to.
fn company_of(identity: &UserIdentity) -> Option<&str> {
    identity.company_id.as_deref().filter(|c| is_safe_id(c))
}

/// Records a successful login. Fails closed: tokens are only handed out once the login is in
/// the user's company's audit trail, and a user outside any company gets none (403).
pub async fn audit_login(
    deps: &Deps,
    ctx: &Ctx,
    identity: Option<UserIdentity>,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let identity = identity.ok_or_else(|| ApiError::Dependency("unreadable ID token".into()))?;
    let company = company_of(&identity).ok_or(ApiError::Forbidden)?;
    record(deps, ctx, company, &identity, "auth.login", details).await
}

/// Records a refused login in the company of the user it named, when that user exists; an
/// unknown name belongs to no company and is only counted in the logs.
pub async fn audit_failed_login(
    deps: &Deps,
    ctx: &Ctx,
    username: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let identity = deps.cognito.identity_of(username).await?;
    match identity
        .as_ref()
        .and_then(|i| company_of(i).map(|c| (i, c)))
    {
        Some((identity, company)) => {
            record(deps, ctx, company, identity, "auth.login_failed", details).await
        }
        None => {
            tracing::info!("refused login for a user outside any company");
            Ok(())
        }
    }
}

async fn record(
    deps: &Deps,
    ctx: &Ctx,
    company: &str,
    identity: &UserIdentity,
    action: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let event = AuditEvent {
        actor: identity.sub.clone(),
        action: action.to_owned(),
        target: format!("user/{}", identity.sub),
        reason: None,
        request_id: ctx.request_id.clone(),
        details,
    };
    deps.store.append(company, Chain::Security, event).await?;
    Ok(())
}
