//! `POST /users/{id}/erasure`: an admin erases a person (GDPR Art. 17), with a reason. The
//! user record stays as a pseudonymous tombstone (the audit chain names people by their
//! `sub` only, so it still verifies and still says "a user of this company"); the address is
//! gone from it, from the user pool (the account is deleted) and from the company's stored
//! answers (idempotency records). The last active admin cannot be erased.
//!
//! Order: the tombstone and the `user.erasure` audit record are committed first (with the
//! idempotency record), then the Cognito account is deleted, then the stored answers are
//! scrubbed. The committed tombstone is inactive, so the sign-in triggers already refuse the
//! person's logins and refreshes while the account may still exist; a failure after the
//! commit answers 503 and leaves a consistent state that a retry completes: a replay with the
//! same Idempotency-Key, or the same request again (an erased user's erasure answers 204
//! again, audited with `alreadyErased`, and finishes whatever is left). The reverse order
//! could delete an account with no audit record and a record still holding the address, if
//! the commit then failed and nobody retried.

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::role::Permission;
use mypages::domain::user::{keep_an_active_admin, parse_removal};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{etag, path_id};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;
use std::sync::OnceLock;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| erase(deps, req, ctx)).await
}

async fn erase(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    // The address as read before the commit replaced it: what the stored answers are
    // searched for. A retry no longer knows it and scrubs by the person's id alone.
    let former_address = OnceLock::new();
    let response = idempotent::write_reading(
        deps,
        &req,
        Permission::ManageUsers,
        |caller, _| vec![deps.store.user_key(&caller.company_id, &id)],
        async |write| prepare(deps, &ctx, &id, write, &former_address).await,
    )
    .await?;
    let caller = Caller::from_claims(&req, &deps.config)?;
    // This request's own commit wrote the tombstone just now: it is not read back; a replay
    // reads the record.
    let erased = !idempotent::replayed(&response)
        || deps
            .store
            .user(&caller.company_id, &id)
            .await?
            .is_some_and(|user| user.erased);
    if erased {
        // The account by its sub's pool user name (a federated user's is `<provider>_<id>`),
        // never by e-mail. Signed out everywhere first, so its refresh tokens are revoked
        // explicitly rather than left to the deletion (which Cognito's documentation does
        // not spell out, and which moto 5.2.5 does not do: it answers their use with a 500).
        if let Some(username) = deps.cognito.account_name_of(&id).await? {
            deps.cognito.sign_out_everywhere(&username).await?;
            deps.cognito.delete_user(&username).await?;
        }
        let scrubbed = deps
            .store
            .scrub_person_from_stored_answers(
                &caller.company_id,
                &id,
                former_address.get().map(String::as_str),
            )
            .await?;
        tracing::info!(scrubbed, "erased person's stored answers scrubbed");
    }
    Ok(response)
}

/// Everything the erasure needs, checked, as one mutation: nothing is written here.
async fn prepare(
    deps: &Deps,
    ctx: &Ctx,
    id: &str,
    write: &Write,
    former_address: &OnceLock<String>,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    // Another company's user is not found: the key is in the caller's partition only.
    let current = write
        .store
        .user(&caller.company_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let reason = parse_removal(body).map_err(ApiError::from_fields)?;
    // The record's version once committed (an erased record no longer changes).
    let version = current.version + u32::from(!current.erased);
    let (data_ops, details) = if current.erased {
        // Nothing left to change in the record; the commit holds only while it is as read.
        (
            vec![
                deps.store
                    .user_unchanged(&caller.company_id, id, current.version)?,
            ],
            [("alreadyErased".to_owned(), json!(true))]
                .into_iter()
                .collect(),
        )
    } else {
        let now = mypages::aws::timestamp(chrono::Utc::now());
        let next = current.erased(&now);
        let mut data_ops =
            vec![
                deps.store
                    .user_update(&caller.company_id, &next, current.version)?,
            ];
        if current.is_active_admin() {
            let users = deps.store.all_users(&caller.company_id).await?;
            keep_an_active_admin(&users, &next, "id").map_err(ApiError::from_fields)?;
            data_ops.extend(deps.store.other_admins_unchanged(
                &caller.company_id,
                &users,
                &next,
            )?);
        }
        if let Some(address) = &current.email {
            let _ = former_address.set(address.to_lowercase());
        }
        (
            data_ops,
            [
                ("version".to_owned(), json!(version)),
                ("wasActive".to_owned(), json!(current.active)),
                ("federated".to_owned(), json!(current.federated)),
            ]
            .into_iter()
            .collect(),
        )
    };
    Ok(Mutation {
        data_ops,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "user.erasure".to_owned(),
            target: format!("user/{id}"),
            reason: Some(reason),
            request_id: ctx.request_id.clone(),
            details,
        },
        response: StoredResponse::empty(204).with_header("etag", etag(version)),
        measured_with: None,
    })
}
