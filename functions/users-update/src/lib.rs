//! `PATCH /users/{id}`: an admin changes a user's roles or locale, or deactivates or
//! reactivates them, with a reason, under `If-Match`. The new roles reach the user's tokens at
//! their next refresh or login (the pre-token-generation trigger reads the record).

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::domain::audit::AuditEvent;
use mypages::domain::role::{Permission, Role};
use mypages::domain::user::{UserChange, keep_an_active_admin, roles_claim};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::input::{etag, if_match, json_body, path_id};
use mypages::http::{ApiError, Caller, Ctx, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| update(deps, req, ctx)).await
}

async fn update(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let id = path_id(&req)?;
    let response = idempotent::write_reading(
        deps,
        &req,
        Permission::ManageUsers,
        |caller, _| vec![deps.store.user_key(&caller.company_id, &id)],
        async |write| prepare(deps, &req, &ctx, &id, write).await,
    )
    .await?;
    // The record is written first, Cognito follows. That order is safe either way: the
    // triggers read the record, so an inactive record already refuses password logins and
    // every token (refresh included) while Cognito still has the account enabled; a
    // reactivated record with a still disabled account only keeps the user out a little
    // longer. A Cognito failure answers 503 and the admin's retry (a replay with the same
    // Idempotency-Key, or the same change again) brings the account in line with the
    // record, whatever it is by then.
    if json_body(&req)?.get("active").is_some() {
        let caller = Caller::from_claims(&req, &deps.config)?;
        if let Some(user) = deps.store.user(&caller.company_id, &id).await? {
            deps.cognito.match_account_to(&user).await?;
        }
    }
    Ok(response)
}

/// Everything the change needs, checked, as one mutation: nothing is written here.
async fn prepare(
    deps: &Deps,
    req: &Request,
    ctx: &Ctx,
    id: &str,
    write: &Write,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let tag = if_match(req)?;
    // Another company's user is not found: the key is in the caller's partition only.
    let current = write
        .store
        .user(&caller.company_id, id)
        .await?
        // An erased person is gone: their tombstone cannot be changed or reactivated.
        .filter(|user| !user.erased)
        .ok_or(ApiError::NotFound)?;
    let change = UserChange::parse(body).map_err(ApiError::from_fields)?;
    if tag != etag(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let (next, changed_fields) = change.apply(&current);
    let mut data_ops = vec![
        deps.store
            .user_update(&caller.company_id, &next, current.version)?,
    ];
    if current.is_active_admin() && !next.is_active_admin() {
        let users = deps.store.all_users(&caller.company_id).await?;
        let field = if next.roles.contains(&Role::Admin) {
            "active"
        } else {
            "roles"
        };
        keep_an_active_admin(&users, &next, field).map_err(ApiError::from_fields)?;
        data_ops.extend(
            deps.store
                .other_admins_unchanged(&caller.company_id, &users, &next)?,
        );
    }
    let version = current.version + 1;
    let mut details: serde_json::Map<String, serde_json::Value> = [
        ("version".to_owned(), json!(version)),
        ("fields".to_owned(), json!(changed_fields)),
    ]
    .into_iter()
    .collect();
    if changed_fields.iter().any(|f| f == "roles") {
        details.insert("roles".to_owned(), json!(roles_claim(&next.roles)));
    }
    if changed_fields.iter().any(|f| f == "active") {
        details.insert("active".to_owned(), json!(next.active));
    }
    let view = mypages::domain::user::UserRecord { version, ..next };
    Ok(Mutation {
        data_ops,
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "user.update".to_owned(),
            target: format!("user/{id}"),
            reason: Some(change.reason),
            request_id: ctx.request_id.clone(),
            details,
        },
        response: StoredResponse::json(200, &json!(view)).with_header("etag", etag(version)),
        measured_with: None,
    })
}
