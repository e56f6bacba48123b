//! What the document routes share: the documents bucket of the deps, and the API's view of
//! a record.

use serde_json::Value;

use lambda_http::Request;

use super::Caller;
use super::input::path_id;
use super::problem::ApiError;
use crate::Deps;
use crate::aws::{Documents, Store};
use crate::domain::document::Document;
use crate::domain::role::Permission;

/// How long an upload form is valid: long enough to pick a file and send 25 MiB over a slow
/// line, short enough that a leaked form is soon useless.
pub const UPLOAD_VALID_FOR: chrono::Duration = chrono::Duration::minutes(15);

/// How long a download URL is valid: the browser follows it at once.
pub const DOWNLOAD_VALID_FOR: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// The documents bucket; a function deployed without `DOCUMENTS_BUCKET` answers 503.
pub fn documents_bucket(deps: &Deps) -> Result<&Documents, ApiError> {
    deps.documents
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("DOCUMENTS_BUCKET is not configured".into()))
}

/// The caller (who must hold `permission`) and the live document the path names; another
/// company's id, a deleted document and an unknown id are all 404.
/// The document is read with the company's settings in one call
/// ([`Caller::from_request_reading`]); an `audited` read (a download) reads the data chain's
/// head with them, and appends its record through the store returned.
pub async fn requested_document(
    deps: &Deps,
    req: &Request,
    permission: Permission,
    audited: bool,
) -> Result<(Caller, String, Document, Store), ApiError> {
    let id = path_id(req);
    let (caller, store) = Caller::from_request_reading(req, deps, |caller| {
        let item = id
            .as_ref()
            .ok()
            .map(|id| deps.store.document_key(&caller.company_id, id));
        caller.read_keys(&deps.store, item, audited)
    })
    .await?;
    caller.require(permission)?;
    let id = id?;
    let document = store
        .live_document(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((caller, id, document, store))
}

/// The API's document: the record as stored (its serde shape is the API's).
pub fn document_view(document: &Document) -> Value {
    serde_json::to_value(document).unwrap_or(Value::Null)
}
