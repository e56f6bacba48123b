//! `PUT /company/sso`: an admin configures single sign-on, with a reason, under `If-Match`
//! (`"0"` before the first configuration). Cognito first (the company's identity provider and
//! its place on the app client), then one commit: the settings, the domain claims and
//! releases, the provider pointer and the audit record `company.sso.update`.
//!
//! When the commit fails after Cognito changed, Cognito is left as it is, and that is safe:
//! every sign-in through the provider is admitted by our triggers from the *stored* settings
//! (the provider pointer, `federation_on`, the stored domains, `autoCreateUsers`), and
//! `GET /auth/sso` hands out no URL for a domain the stored settings do not run. A provider
//! created by a request that never committed has no pointer to a company, so nobody can sign
//! in through it. Its name is derived from the company id, so the client's retry finds and
//! updates it instead of leaving another one behind.

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::identity_providers::{HostedUi, ProviderSetup};
use mypages::domain::audit::AuditEvent;
use mypages::domain::i18n::Message;
use mypages::domain::role::Permission;
use mypages::domain::sso::{SsoChange, SsoConfig, provider_name_for, requested_domains};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{etag, if_match};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| update(deps, req, ctx)).await
}

async fn update(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let hosted_ui = deps
        .config
        .hosted_ui
        .as_ref()
        .map(|urls| HostedUi {
            callback_url: urls.callback_url.clone(),
        })
        .ok_or_else(|| ApiError::Dependency("SSO_CALLBACK_URL is not configured".into()))?;
    let mut cognito_changed = false;
    let mut claimed: Option<(String, Vec<String>)> = None;
    // The settings and the claims of the domains asked for are read ahead with the write's
    // own keys.
    let ahead = |caller: &Caller, body: &serde_json::Value| {
        let mut keys = vec![deps.store.sso_key(&caller.company_id)];
        keys.extend(
            requested_domains(body)
                .iter()
                .map(|domain| deps.store.domain_owner_key(domain)),
        );
        keys
    };
    let mut result =
        idempotent::write_reading(deps, &req, Permission::ManageUsers, ahead, async |write| {
            let outcome = Attempt {
                cognito_changed: &mut cognito_changed,
                claimed: &mut claimed,
            };
            prepare(deps, &req, &ctx, write, &hosted_ui, outcome).await
        })
        .await;
    // A domain claim is a condition of the commit: when another company claimed one of the
    // domains in the meantime, say so (409) rather than "the resource changed" (412).
    if matches!(result, Err(ApiError::PreconditionFailed))
        && let Some((company_id, domains)) = &claimed
    {
        for domain in domains {
            if let Some(owner) = deps.store.company_of_domain(domain).await?
                && owner != *company_id
            {
                result = Err(domain_taken(domain));
                break;
            }
        }
    }
    if let Err(error) = &result
        && cognito_changed
    {
        // See the module comment: what Cognito holds is unused until settings naming it are
        // committed; the client's retry brings both in line.
        tracing::warn!(%error, "Cognito changed but the SSO settings were not committed");
    }
    result
}

/// What a failed request leaves behind, for the answer and the log.
struct Attempt<'a> {
    /// Cognito was (or may have been) changed.
    cognito_changed: &'a mut bool,
    /// The company and the domains it tried to claim.
    claimed: &'a mut Option<(String, Vec<String>)>,
}

fn domain_taken(domain: &str) -> ApiError {
    ApiError::Conflict(Message::new("problem-conflict-domain-claimed-detail").arg("domain", domain))
}

/// Everything checked, Cognito brought in line, the commit prepared.
async fn prepare(
    deps: &Deps,
    req: &Request,
    ctx: &Ctx,
    write: &Write,
    hosted_ui: &HostedUi,
    attempt: Attempt<'_>,
) -> Result<Mutation, ApiError> {
    let Attempt {
        cognito_changed,
        claimed,
    } = attempt;
    let Write { caller, body, .. } = write;
    let company_id = &caller.company_id;
    let tag = if_match(req)?;
    let current = write.store.sso(company_id).await?;
    if tag != etag(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let now = chrono::Utc::now();
    let change = SsoChange::parse(body, &current, now).map_err(ApiError::from_fields)?;
    let mut config = change.config;
    for domain in config.domains.iter().filter(|d| !current.owns_domain(d)) {
        match write.store.company_of_domain(domain).await? {
            Some(owner) if owner != *company_id => return Err(domain_taken(domain)),
            _ => {}
        }
    }
    *claimed = Some((company_id.clone(), config.domains.clone()));

    let name = provider_name_for(company_id);
    match &config.provider {
        Some(provider) => {
            let setup = ProviderSetup {
                name: name.clone(),
                provider: provider.clone(),
                client_secret: change.client_secret.clone(),
                identifiers: config.domains.clone(),
            };
            *cognito_changed = true;
            deps.cognito.put_identity_provider(&setup).await?;
            deps.cognito
                .offer_identity_provider(&name, config.enabled, hosted_ui)
                .await?;
            config.provider_name = Some(name.clone());
        }
        None => {
            // Also when nothing was stored: a provider left by a request that never
            // committed goes too.
            *cognito_changed = true;
            deps.cognito
                .offer_identity_provider(&name, false, hosted_ui)
                .await?;
            deps.cognito.delete_identity_provider(&name).await?;
            config.provider_name = None;
        }
    }

    let data_ops = data_ops(deps, company_id, &current, &config)?;
    let event = AuditEvent {
        actor: caller.user_id.clone(),
        action: "company.sso.update".to_owned(),
        target: format!("company/{company_id}/sso"),
        reason: Some(change.reason),
        request_id: ctx.request_id.clone(),
        // Names of the changed fields only: never the client secret.
        details: [
            ("version".to_owned(), json!(config.version)),
            ("fields".to_owned(), json!(change.changed_fields)),
            ("status".to_owned(), json!(config.status(now))),
            ("domains".to_owned(), json!(config.domains)),
        ]
        .into_iter()
        .collect(),
    };
    Ok(Mutation {
        data_ops,
        event,
        response: StoredResponse::json(200, &config.view(now))
            .with_header("etag", etag(config.version)),
        measured_with: None,
    })
}

/// The settings item, a claim for every domain (a claim fails when another company holds
/// the domain), a release for every domain given up, and the provider → company pointer.
fn data_ops(
    deps: &Deps,
    company_id: &str,
    current: &SsoConfig,
    config: &SsoConfig,
) -> Result<Vec<aws_sdk_dynamodb::types::TransactWriteItem>, ApiError> {
    let store = &deps.store;
    let mut ops = vec![store.sso_put(company_id, config, current.version)?];
    for domain in &config.domains {
        ops.push(store.domain_claim(company_id, domain)?);
    }
    for domain in current.domains.iter().filter(|d| !config.owns_domain(d)) {
        ops.push(store.domain_release(company_id, domain)?);
    }
    if let Some(name) = &config.provider_name {
        ops.push(store.provider_claim(company_id, name)?);
    }
    Ok(ops)
}
