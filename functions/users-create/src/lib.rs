//! `POST /users`: an admin invites a user. Cognito creates the account first (it decides
//! whether the e-mail address is free and gives the `sub`), then the user record, its `sub`
//! pointer and the `user.invite` audit record are written in one transaction. If that write
//! fails the account is deleted again, so no account exists without its record.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::cognito_admin::{InviteError, NewAccount};
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::role::Permission;
use mypages::domain::user::{Invite, roles_claim};
use mypages::domain::validation::{FieldError, FieldErrorKind};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::etag;
use mypages::http::{ApiError, Ctx, respond};
use serde_json::json;
use std::sync::OnceLock;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| create(deps, req, ctx)).await
}

/// Why an invite is refused when the address has an account: one answer whether the account
/// is in this company or another, so the route tells an admin no more than "taken".
const EMAIL_TAKEN: &str = "problem-conflict-email-taken-detail";

async fn create(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    // The e-mail of the account this request created, for the compensation below.
    let created = OnceLock::new();
    let result = idempotent::write(deps, &req, Permission::ManageUsers, async |write| {
        prepare(deps, &ctx, write, &created).await
    })
    .await;
    if result.is_err()
        && let Some(email) = created.get()
    {
        // The record was not written (refused or failed): the account goes too. A request
        // that did commit but whose answer was lost would leave a record without an account
        // here; the user then cannot sign in and an admin sees them as invited, which is
        // the safe side of that rare case.
        if let Err(error) = deps.cognito.delete_user(email).await {
            tracing::error!(%error, "could not delete the account of a failed invite");
        }
    }
    result
}

/// A 422 about one field, for what only Cognito could judge (`rule`: a catalogue key).
fn refused(field: &str, rule: &'static str) -> ApiError {
    ApiError::Unprocessable(vec![FieldError {
        field: field.to_owned(),
        kind: FieldErrorKind::rule(rule),
    }])
}

/// Validates, creates the Cognito account, and prepares the record write.
async fn prepare(
    deps: &Deps,
    ctx: &Ctx,
    write: &Write,
    created: &OnceLock<String>,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let invite = Invite::parse(body).map_err(ApiError::from_fields)?;
    let account = NewAccount {
        email: &invite.email,
        locale: invite.locale.code(),
        temporary_password: invite.temporary_password.as_deref(),
    };
    let sub = deps
        .cognito
        .invite_user(&account)
        .await
        .map_err(|error| match error {
            InviteError::EmailTaken => ApiError::conflict(EMAIL_TAKEN),
            InviteError::AddressRefused => refused("email", "field-rule-email-refused-by-pool"),
            InviteError::PasswordRefused => {
                refused("temporaryPassword", "field-rule-password-refused-by-pool")
            }
            InviteError::Cognito(error) => ApiError::from(error),
        })?;
    let _ = created.set(invite.email.clone());
    let record = invite.record(&sub, &timestamp(Utc::now()));
    let mutation = Mutation {
        data_ops: deps.store.user_create(&caller.company_id, &record)?,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "user.invite".to_owned(),
            target: format!("user/{sub}"),
            reason: None,
            request_id: ctx.request_id.clone(),
            // The `sub` names the person; no e-mail address enters the audit chain.
            details: [
                ("roles".to_owned(), json!(roles_claim(&record.roles))),
                ("locale".to_owned(), json!(record.locale)),
                (
                    "temporaryPassword".to_owned(),
                    json!(if invite.temporary_password.is_some() {
                        "set by the admin"
                    } else {
                        "e-mailed by Cognito"
                    }),
                ),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::json(201, &json!(record))
            .with_header("location", format!("/v1/users/{sub}"))
            .with_header("etag", etag(record.version)),
        measured_with: None,
    };
    Ok(mutation)
}
