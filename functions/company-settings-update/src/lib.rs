//! `PATCH /company/settings`: admins change the accounting framework, the rate convention, the
//! 2FA policy, the credit spread of IBR suggestions or the name, with a reason; audited like
//! every change, guarded by `If-Match`.

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::company::SettingsChange;
use mypages::domain::role::Permission;
use mypages::domain::validation::{FieldError, FieldErrorKind};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{etag, if_match};
use mypages::http::{ApiError, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| update(deps, req, ctx)).await
}

async fn update(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    idempotent::write(deps, &req, Permission::WriteSettings, async |write| {
        prepare(deps, &req, &ctx, write).await
    })
    .await
}

/// Everything the change needs, checked, as one mutation: nothing is written here.
async fn prepare(
    deps: &Deps,
    req: &Request,
    ctx: &Ctx,
    write: &Write,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let tag = if_match(req)?;
    let current = caller.settings(deps).await?;
    if tag != etag(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let expected = current.version;
    let change = SettingsChange::parse(body, &current).map_err(ApiError::from_fields)?;
    // Requiring 2FA applies at once to every user without TOTP, the admin included: an admin
    // without it would lock themselves (and, as the last admin, the company) out of the
    // settings that could undo it.
    if change.settings.mfa_required && !current.mfa_required && !caller.mfa_enrolled {
        return Err(ApiError::Unprocessable(vec![FieldError {
            field: "mfaRequired".into(),
            kind: FieldErrorKind::rule("field-rule-mfa-required-needs-own-authenticator"),
        }]));
    }
    let mut settings = change.settings;
    settings.version = expected + 1;
    let mutation = Mutation {
        data_ops: vec![
            deps.store
                .company_settings_put(&caller.company_id, &settings, expected)?,
        ],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "company.settings.update".to_owned(),
            target: format!("company/{}", caller.company_id),
            reason: Some(change.reason),
            request_id: ctx.request_id.clone(),
            details: [
                ("version".to_owned(), json!(settings.version)),
                ("fields".to_owned(), json!(change.changed_fields)),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::json(200, &json!(settings))
            .with_header("etag", etag(settings.version)),
        measured_with: None,
    };
    Ok(mutation)
}
