//! Refused logins: their audit record (shared by the password and the TOTP step) and the
//! equal-time answer. Successful logins are recorded by the pre-token-generation trigger.

use serde_json::{Map, Value};

use super::problem::ApiError;
use super::respond::Ctx;
use crate::Deps;
use crate::aws::cognito::UserIdentity;
use crate::domain::audit::{AuditEvent, Chain};
use crate::domain::claims::is_safe_id;
use crate::domain::credentials::{REFUSAL_WINDOW_SECONDS, refusal_details, refusal_window};

/// The company of a login, if it is one a chain can be written to.
fn company_of(identity: &UserIdentity) -> Option<&str> {
    identity.company_id.as_deref().filter(|c| is_safe_id(c))
}

/// Records a refused login in the company of the user it named, when that user exists (up to
/// [`crate::domain::credentials::RECORDED_REFUSALS_PER_WINDOW`] per user and window, then
/// only counted); an unknown name belongs to no company and is only counted in the logs.
pub async fn audit_failed_login(
    deps: &Deps,
    ctx: &Ctx,
    username: &str,
    details: Map<String, Value>,
) -> Result<(), ApiError> {
    let identity = deps.cognito.identity_of(username, &deps.store).await?;
    match identity
        .as_ref()
        .and_then(|i| company_of(i).map(|c| (i, c)))
    {
        Some((identity, company)) => {
            let now = chrono::Utc::now().timestamp();
            let window = refusal_window(now);
            let expire_at = (window + 2) * REFUSAL_WINDOW_SECONDS;
            let attempt = deps
                .store
                .count_refused_login(company, &identity.sub, window, expire_at)
                .await?;
            let Some(mut recorded) = refusal_details(window, attempt) else {
                tracing::info!(
                    attempt,
                    "refused login counted, not recorded (bound reached)"
                );
                return Ok(());
            };
            recorded.extend(details);
            let event = AuditEvent::login_failed(&identity.sub, &ctx.request_id, recorded);
            deps.store.append(company, Chain::Security, event).await?;
            Ok(())
        }
        None => {
            tracing::info!("refused login for a user outside any company");
            Ok(())
        }
    }
}

/// Answers a refused login no earlier than `floor` after it `started`: the refusal of a known
/// user (looked up and audited) and of an unknown one (only looked up) then take the same
/// time, so the answer's timing does not tell which e-mail addresses have accounts.
pub async fn refusal_after_floor(
    started: tokio::time::Instant,
    floor: std::time::Duration,
    audited: Result<(), ApiError>,
) -> Result<lambda_http::Response<lambda_http::Body>, ApiError> {
    let elapsed = started.elapsed();
    if elapsed > floor {
        tracing::warn!(
            elapsed_ms = elapsed.as_millis() as u64,
            "refused login took longer than its floor"
        );
    }
    tokio::time::sleep_until(started + floor).await;
    // Only a known user's refusal writes a record: its failure must not answer differently
    // (a 503 would tell that the address has an account). It is logged, with the alarm on
    // function errors.
    if let Err(error) = audited {
        tracing::error!(%error, "a refused login could not be recorded");
    }
    Err(ApiError::Unauthorized)
}
