//! `DELETE /users/{id}`: an admin removes a user, with a reason, under `If-Match`. The record
//! stays, inactive (the audit chain names the user by their pseudonymous `sub`, which must
//! keep pointing at them); the account is disabled and signed out everywhere.

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::role::Permission;
use mypages::domain::user::{UserRecord, keep_an_active_admin, parse_removal};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{etag, if_match, path_id};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| remove(deps, req, ctx)).await
}

async fn remove(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    let response = idempotent::write_reading(
        deps,
        &req,
        Permission::ManageUsers,
        |caller, _| vec![deps.store.user_key(&caller.company_id, &id)],
        async |write| prepare(deps, &req, &ctx, &id, write).await,
    )
    .await?;
    // Record first, then Cognito: the inactive record already makes the triggers refuse the
    // user's logins and refreshes, so a Cognito failure (503) leaves nobody signed in who
    // should not be; a retry (a replay with the same Idempotency-Key) disables and signs out
    // again. A user reactivated since is left as the record now says: a replay reads the
    // record; this request's own commit made it inactive just now and does not read it back.
    let caller = Caller::from_claims(&req, &deps.config)?;
    let inactive = !idempotent::replayed(&response)
        || deps
            .store
            .user(&caller.company_id, &id)
            .await?
            .is_some_and(|user| !user.active);
    if inactive {
        // Disable and sign out only (not `match_account_to`, which may also enable): the
        // account by its sub's pool user name, never by e-mail.
        if let Some(username) = deps.cognito.account_name_of(&id).await? {
            deps.cognito.disable_user(&username).await?;
            deps.cognito.sign_out_everywhere(&username).await?;
        }
    }
    Ok(response)
}

/// Everything the removal needs, checked, as one mutation: nothing is written here.
async fn prepare(
    deps: &Deps,
    req: &Request,
    ctx: &Ctx,
    id: &str,
    write: &Write,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let tag = if_match(req)?;
    let current = write
        .store
        .user(&caller.company_id, id)
        .await?
        // An erased person is gone: their tombstone cannot be changed or reactivated.
        .filter(|user| !user.erased)
        .ok_or(ApiError::NotFound)?;
    let reason = parse_removal(body).map_err(ApiError::from_fields)?;
    if tag != etag(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let next = UserRecord {
        active: false,
        ..current.clone()
    };
    let mut data_ops = vec![
        deps.store
            .user_update(&caller.company_id, &next, current.version)?,
    ];
    if current.is_active_admin() {
        let users = deps.store.all_users(&caller.company_id).await?;
        keep_an_active_admin(&users, &next, "id").map_err(ApiError::from_fields)?;
        data_ops.extend(
            deps.store
                .other_admins_unchanged(&caller.company_id, &users, &next)?,
        );
    }
    let version = current.version + 1;
    Ok(Mutation {
        data_ops,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "user.delete".to_owned(),
            target: format!("user/{id}"),
            reason: Some(reason),
            request_id: ctx.request_id.clone(),
            details: [
                ("version".to_owned(), json!(version)),
                ("wasActive".to_owned(), json!(current.active)),
            ]
            .into_iter()
            .collect(),
        },
        response: StoredResponse::empty(204).with_header("etag", etag(version)),
        measured_with: None,
    })
}
