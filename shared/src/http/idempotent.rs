//! Mutations: the data operations, the audit event and the response are prepared first, then
//! committed together with the idempotency record (when the request carries a key), so a
//! retry can only ever replay the first answer.

use aws_sdk_dynamodb::types::TransactWriteItem;
use lambda_http::{Body, Request, Response};
use serde_json::Value;

use super::caller::Caller;
use super::input::{idempotency_key, json_body};
use super::problem::ApiError;
use crate::Deps;
use crate::aws::Store;
use crate::aws::idempotency::{StoredResponse, request_fingerprint};
use crate::aws::store::ItemKey;
use crate::domain::audit::{AuditEvent, Chain};
use crate::domain::role::Permission;

/// A prepared change: what to write, what to audit, what to answer.
pub struct Mutation {
    pub data_ops: Vec<TransactWriteItem>,
    pub event: AuditEvent,
    pub response: StoredResponse,
    /// The company settings version the change was measured under, if it was: the write then
    /// holds only while the settings are still at that version.
    pub measured_with: Option<u32>,
}

/// The request's `Idempotency-Key` with its fingerprint, once checked against stored answers.
pub struct Idempotency {
    key: String,
    fingerprint: String,
}

enum Replay {
    /// The key was used before with the same request: answer as the first time.
    Answer(Response<Body>),
    /// Go ahead; commit with this (None when the request has no key).
    Proceed(Option<Idempotency>),
}

/// A mutating request that may go ahead: who asks, what they sent, and the idempotency key
/// to commit with.
pub struct Write {
    /// With the company's settings as read ahead ([`Caller::settings`] answers from them).
    pub caller: Caller,
    pub body: Value,
    pub idempotency: Option<Idempotency>,
    /// The store to read the write's items through: the keys read ahead (the settings, the
    /// stored answer, the chain head and the handler's own, [`write_reading`]) answer from
    /// it without another call. They are hints: the transaction's conditions decide.
    pub store: Store,
}

enum Begin {
    /// A retry of a request already answered: send this, do nothing else.
    Replay(Response<Body>),
    Write(Box<Write>),
}

/// The start of every mutating request: the caller from verified claims; one consistent
/// `BatchGetItem` of every key the write looks up (the company's settings, the stored answer
/// for the Idempotency-Key, the data chain's head, and the handler's `keys`,
/// [`Caller::from_request_reading`]); then the 2FA policy, the permission, the JSON body and
/// the idempotency look-up, in that order.
async fn begin(
    deps: &Deps,
    req: &Request,
    permission: Permission,
    keys: impl FnOnce(&Caller, &Value) -> Vec<ItemKey>,
) -> Result<Begin, ApiError> {
    // Their errors are answered after the 2FA policy and the permission, as before the
    // read-ahead; only their keys are needed first.
    let body = json_body(req);
    let key = idempotency_key(req);
    let (caller, store) = Caller::from_request_reading(req, deps, |caller| {
        let store = &deps.store;
        let mut ahead = vec![store.chain_head_key(&caller.company_id, Chain::Data)];
        if let Ok(Some(key)) = &key {
            ahead.push(store.idempotency_item_key(&caller.company_id, &caller.user_id, key));
        }
        if let Ok(body) = &body {
            ahead.extend(keys(caller, body));
        }
        ahead
    })
    .await?;
    caller.require(permission)?;
    let body = body?;
    let key = key?;
    Ok(match check(&store, &caller, req, key, &body).await? {
        Replay::Answer(response) => Begin::Replay(response),
        Replay::Proceed(idempotency) => Begin::Write(Box::new(Write {
            caller,
            body,
            idempotency,
            store,
        })),
    })
}

/// Looks the key up before anything else is judged, so that a retry of a request that
/// succeeded gets its first answer even though the state has moved on since.
async fn check(
    store: &Store,
    caller: &Caller,
    req: &Request,
    key: Option<String>,
    body: &Value,
) -> Result<Replay, ApiError> {
    let Some(key) = key else {
        return Ok(Replay::Proceed(None));
    };
    let fingerprint = request_fingerprint(
        req.method().as_str(),
        req.uri().path(),
        &caller.user_id,
        body,
    );
    match store
        .idempotent_response(&caller.company_id, &caller.user_id, &key)
        .await?
    {
        Some((stored, response)) if stored == fingerprint => {
            Ok(Replay::Answer(to_response(&response, true)))
        }
        Some(_) => Err(ApiError::IdempotencyKeyReused),
        None => Ok(Replay::Proceed(Some(Idempotency { key, fingerprint }))),
    }
}

/// A whole mutating request: [`begin`], then `prepare` (which checks everything and writes
/// nothing), then [`settle`]. Every write goes this one way, so none can skip the idempotency
/// record or the audit record.
pub async fn write(
    deps: &Deps,
    req: &Request,
    permission: Permission,
    prepare: impl AsyncFnOnce(&Write) -> Result<Mutation, ApiError>,
) -> Result<Response<Body>, ApiError> {
    write_reading(deps, req, permission, |_, _| Vec::new(), prepare).await
}

/// [`write`] for a change that looks items up by key: `keys` (from the caller and the body)
/// are read ahead with the write's own, and `prepare` reads them through [`Write::store`]
/// without another call.
pub async fn write_reading(
    deps: &Deps,
    req: &Request,
    permission: Permission,
    keys: impl FnOnce(&Caller, &Value) -> Vec<ItemKey>,
    prepare: impl AsyncFnOnce(&Write) -> Result<Mutation, ApiError>,
) -> Result<Response<Body>, ApiError> {
    match begin(deps, req, permission, keys).await? {
        Begin::Replay(response) => Ok(response),
        Begin::Write(write) => {
            let prepared = prepare(&write).await;
            settle(*write, prepared).await
        }
    }
}

/// Whether `response` is a replay of a first answer (not this request's own commit).
pub fn replayed(response: &Response<Body>) -> bool {
    response.headers().contains_key("idempotent-replayed")
}

/// Ends a mutating request: commits a prepared mutation atomically with its audit record (and
/// idempotency record), or returns the refusal. A request with a key that was refused as
/// stale (412) or conflicting (409) may be the twin of one that committed meanwhile; it gets
/// the first answer instead of an error about its own success.
async fn settle(
    write: Write,
    prepared: Result<Mutation, ApiError>,
) -> Result<Response<Body>, ApiError> {
    let Write {
        caller,
        idempotency,
        store,
        ..
    } = write;
    let error = match prepared {
        Ok(mutation) => match commit(&store, &caller, idempotency.as_ref(), mutation).await {
            Ok(response) => return Ok(response),
            Err(error) => error,
        },
        Err(error) => error,
    };
    let lost_race = matches!(
        error,
        ApiError::PreconditionFailed | ApiError::Conflict(_) | ApiError::Busy
    );
    // Read again, not from the read-ahead: the twin's answer was written since.
    match idempotency {
        Some(i) if lost_race => match store
            .fresh()
            .idempotent_response(&caller.company_id, &caller.user_id, &i.key)
            .await?
        {
            Some((stored, response)) if stored == i.fingerprint => Ok(to_response(&response, true)),
            Some(_) => Err(ApiError::IdempotencyKeyReused),
            None => Err(error),
        },
        _ => Err(error),
    }
}

async fn commit(
    store: &Store,
    caller: &Caller,
    idempotency: Option<&Idempotency>,
    mutation: Mutation,
) -> Result<Response<Body>, ApiError> {
    let extra = idempotency
        .map(|i| {
            store.idempotency_put(
                &caller.company_id,
                &caller.user_id,
                &i.key,
                &i.fingerprint,
                &mutation.response,
            )
        })
        .transpose()?;
    let mut data_ops = mutation.data_ops;
    if let Some(version) = mutation.measured_with {
        data_ops.push(store.company_settings_unchanged(&caller.company_id, version)?);
    }
    match store
        .commit(&caller.company_id, data_ops, mutation.event, extra)
        .await
    {
        Ok(_) => Ok(to_response(&mutation.response, false)),
        // A concurrent request with the same key committed first: the error is `Busy`, and
        // `settle` answers with that request's response.
        Err(other) => {
            let error = ApiError::from(other);
            match (&error, mutation.measured_with) {
                (ApiError::PreconditionFailed, Some(version))
                    if store
                        .fresh()
                        .company_settings(&caller.company_id)
                        .await?
                        .version
                        != version =>
                {
                    Err(ApiError::conflict(SETTINGS_CHANGED))
                }
                _ => Err(error),
            }
        }
    }
}

/// Why a change measured under company settings that changed before it was written is
/// refused: the client did nothing wrong and only needs to send it again.
pub const SETTINGS_CHANGED: &str = "problem-conflict-settings-changed-detail";

pub fn to_response(stored: &StoredResponse, replayed: bool) -> Response<Body> {
    let mut builder = Response::builder().status(stored.status);
    for (name, value) in &stored.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if replayed {
        builder = builder.header("idempotent-replayed", "true");
    }
    let body = if stored.body.is_empty() {
        Body::Empty
    } else {
        Body::Text(stored.body.clone())
    };
    builder
        .body(body)
        .unwrap_or_else(|_| Response::new(Body::Empty))
}
