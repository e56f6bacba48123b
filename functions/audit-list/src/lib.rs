//! `GET /audit`: the company's audit records, newest first, filtered by time, action, actor;
//! `?chain=security` lists the logins.
//! Admins and auditors only.

use chrono::{DateTime, Datelike, Utc};
use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::audit::AuditFilter;
use mypages::aws::timestamp;
use mypages::domain::audit::Chain;
use mypages::domain::role::Permission;
use mypages::domain::validation::{FieldError, FieldErrorKind, parse_date, year_in_range};
use mypages::http::paging::{Page, encode_cursor, is_audit_list_key, query};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req, deps).await?;
    caller.require(Permission::ReadAudit)?;
    let filter = AuditFilter {
        from: query(&req, "from")
            .map(|t| bound("from", &t, false))
            .transpose()?,
        to: query(&req, "to")
            .map(|t| bound("to", &t, true))
            .transpose()?,
        action: query(&req, "action"),
        actor: query(&req, "actor"),
    };
    let chain = match query(&req, "chain") {
        None => Chain::Data,
        Some(text) => Chain::parse(&text).ok_or_else(|| {
            ApiError::BadParameter("chain is data (changes) or security (logins)".into())
        })?,
    };
    let page = Page::from_request(&req, |key| {
        is_audit_list_key(&caller.company_id, chain, key)
    })?;
    let (records, next) = deps
        .store
        .list_audit(&caller.company_id, chain, &filter, &page.request())
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": records, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}

/// A date (`2026-01-31`, the whole day inclusive) or an RFC 3339 instant, as the stored form.
fn bound(name: &str, text: &str, end_of_day: bool) -> Result<String, ApiError> {
    if let Some(date) = parse_date(text) {
        let time = if end_of_day {
            date.and_hms_milli_opt(23, 59, 59, 999)
        } else {
            date.and_hms_opt(0, 0, 0)
        };
        if let Some(time) = time {
            return Ok(timestamp(time.and_utc()));
        }
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .filter(|t| year_in_range(t.year()))
        .map(|t| timestamp(t.with_timezone(&Utc)))
        .ok_or_else(|| {
            ApiError::BadRequest(vec![FieldError {
                field: name.to_owned(),
                kind: FieldErrorKind::InvalidDate,
            }])
        })
}
