//! `GET /audit`: the company's audit records, newest first, filtered by time, action, actor;
//! `?chain=security` lists the logins.
//! Admins and auditors only.

use chrono::{DateTime, NaiveDate, Utc};
use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::audit::AuditFilter;
use mypages::aws::keys::chain_pk;
use mypages::aws::timestamp;
use mypages::domain::audit::Chain;
use mypages::domain::role::Permission;
use mypages::http::paging::{CursorShape, Page, encode_cursor, query};
use mypages::http::{ApiError, Caller, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| list(deps, req, ctx)).await
}

async fn list(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let caller = Caller::from_request(&req)?;
    caller.require(Permission::ReadAudit)?;
    let filter = AuditFilter {
        from: query(&req, "from").map(|t| bound(&t, false)).transpose()?,
        to: query(&req, "to").map(|t| bound(&t, true)).transpose()?,
        action: query(&req, "action"),
        actor: query(&req, "actor"),
    };
    let chain = match query(&req, "chain") {
        None => Chain::Data,
        Some(text) => Chain::parse(&text).ok_or_else(|| {
            ApiError::BadParameter("chain is data (changes) or security (logins)".into())
        })?,
    };
    let page = Page::from_request(
        &req,
        &CursorShape {
            partitions: &[("pk", &chain_pk(&caller.company_id, chain))],
            sorts: &["sk"],
        },
    )?;
    let (records, next) = deps
        .store
        .list_audit(&caller.company_id, chain, &filter, &page)
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &json!({"items": records, "nextCursor": next.as_ref().map(encode_cursor)}),
    ))
}

/// A date (`2026-01-31`, the whole day inclusive) or an RFC 3339 instant, as the stored form.
fn bound(text: &str, end_of_day: bool) -> Result<String, ApiError> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
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
        .map(|t| timestamp(t.with_timezone(&Utc)))
        .map_err(|_| {
            ApiError::BadParameter("from and to take a date or an RFC 3339 instant".into())
        })
}
