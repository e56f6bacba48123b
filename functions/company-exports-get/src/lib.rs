//! `GET /company/exports/{id}` (admin): the export's status and, once it is finished, a
//! short-lived presigned download of its zip `{download: {url, expiresAt}}`. Handing out the
//! URL is an extract of all the company's data: its `company.export` audit record is
//! committed before the URL exists, so no URL is ever handed out unaudited.
//!
//! Another company's id is as unknown as one that never was (404). An export finished more
//! than `EXPORT_RETENTION_DAYS` ago is 410: the bucket has expired its zip.
//!
//! `GET /company/exports` (admin): the company's exports, newest first, cursor paged like the
//! other lists, without download URLs.

use chrono::{DateTime, Utc};
use lambda_http::{Body, Error, Request, RequestExt, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::exports::{ExportStatus, StoredExport, is_export_list_key, is_export_object_key};
use mypages::aws::{Store, timestamp};
use mypages::domain::audit::{AuditEvent, Chain};
use mypages::domain::role::Permission;
use mypages::http::disposition::attachment;
use mypages::http::input::path_id;
use mypages::http::paging::{Page, encode_cursor};
use mypages::http::reports::DOWNLOAD_VALID_FOR;
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| answer(deps, req, ctx)).await
}

async fn answer(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let names_one = req
        .path_parameters_ref()
        .and_then(|p| p.first("id"))
        .is_some();
    // One export is read with the company's settings and the data chain's head (its link is
    // audited) in one call.
    let (caller, store) = Caller::from_request_reading(&req, deps, |caller| match path_id(&req) {
        Ok(id) if names_one => caller.read_keys(
            &deps.store,
            Some(deps.store.export_key(&caller.company_id, &id)),
            true,
        ),
        _ => Vec::new(),
    })
    .await?;
    caller.require(Permission::ExportCompany)?;
    if names_one {
        one(deps, &store, &req, &ctx, &caller).await
    } else {
        page(deps, &req, &caller).await
    }
}

async fn page(deps: &Deps, req: &Request, caller: &Caller) -> Result<Response<Body>, ApiError> {
    // A cursor must be an export key of the caller's own company, never a look elsewhere.
    let page = Page::from_request(req, |key| is_export_list_key(&caller.company_id, key))?;
    let (exports, next) = deps
        .store
        .exports_page(&caller.company_id, &page.request())
        .await?;
    let items: Vec<_> = exports.iter().map(StoredExport::view).collect();
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": items, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}

async fn one(
    deps: &Deps,
    store: &Store,
    req: &Request,
    ctx: &Ctx,
    caller: &Caller,
) -> Result<Response<Body>, ApiError> {
    let id = path_id(req)?;
    let export = store
        .stored_export(&caller.company_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut view = export.view();
    let (ExportStatus::Finished, Some(key)) = (export.status, &export.object_key) else {
        return Ok(json_response(StatusCode::OK, &view));
    };
    if !is_export_object_key(&caller.company_id, &export.id, key) {
        tracing::error!(export_id = %export.id, %key, "export: its zip key is not under the company's export");
        return Err(ApiError::NotFound);
    }
    let exports = deps
        .exports
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("EXPORTS_BUCKET is not configured".into()))?;
    let now = Utc::now();
    if is_expired(
        export.finished_at.as_deref(),
        now,
        exports.ids.retention_days,
    ) {
        return Err(ApiError::Gone);
    }
    let expires_at = now
        + chrono::Duration::from_std(DOWNLOAD_VALID_FOR)
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
    let file_name = key.rsplit('/').next().unwrap_or("export.zip");
    store
        .append(
            &caller.company_id,
            Chain::Data,
            AuditEvent {
                actor: caller.user_id.clone(),
                action: "company.export".to_owned(),
                target: format!("export/{}", export.id),
                reason: None,
                request_id: ctx.request_id.clone(),
                details: [
                    ("expiresAt".to_owned(), json!(timestamp(expires_at))),
                    ("size".to_owned(), json!(export.size)),
                ]
                .into_iter()
                .collect(),
            },
        )
        .await?;
    let url = exports
        .export_download_url(key, &attachment(file_name), DOWNLOAD_VALID_FOR)
        .await
        .map_err(|e| ApiError::Dependency(e.to_string()))?;
    view["download"] = json!({"url": url, "expiresAt": timestamp(expires_at)});
    let mut response = json_response(StatusCode::OK, &view);
    // The URL is a bearer credential for every piece of the company's data: never cached.
    response.headers_mut().insert(
        "cache-control",
        lambda_http::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Whether an export finished at `finished_at` (RFC 3339) has had its zip expired by the
/// bucket's lifecycle rule after `retention_days`.
pub fn is_expired(finished_at: Option<&str>, now: DateTime<Utc>, retention_days: u32) -> bool {
    finished_at
        .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
        .is_some_and(|at| {
            now - at.with_timezone(&Utc) > chrono::Duration::days(i64::from(retention_days))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_finished_longer_ago_than_the_retention_is_expired() {
        let now = DateTime::parse_from_rfc3339("2026-04-11T12:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        assert!(!is_expired(Some("2026-04-04T12:00:00.000Z"), now, 7));
        assert!(is_expired(Some("2026-04-04T11:59:59.000Z"), now, 7));
        assert!(!is_expired(Some("2026-04-04T11:59:59.000Z"), now, 8));
        assert!(!is_expired(None, now, 7));
    }
}
