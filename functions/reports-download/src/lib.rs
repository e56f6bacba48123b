//! `GET /reports/{id}/download`: a short-lived presigned GET of a finished report's file,
//! served as an attachment. An extract of the accounts: its `report.extract` audit record is
//! committed before the URL exists, so no URL is ever handed out unaudited.
//!
//! A report finished longer ago than the retention (`REPORT_RETENTION_DAYS`, the template's
//! `ReportRetentionDays`, default [`REPORT_RETENTION_DAYS`]) is 410: the bucket has expired
//! its file (nothing is audited, no URL made). The stored key is checked to be this company's
//! report's before it is presigned: a key from elsewhere is a bug or a tampered item, 404.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::reports::{REPORT_RETENTION_DAYS, ReportStatus, is_report_output_key};
use mypages::aws::timestamp;
use mypages::domain::audit::{AuditEvent, Chain};
use mypages::domain::i18n::Message;
use mypages::http::disposition::attachment;
use mypages::http::reports::{DOWNLOAD_VALID_FOR, reports_bucket, requested_report};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| download(deps, req, ctx)).await
}

async fn download(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let (caller, report, store) = requested_report(deps, &req, true).await?;
    let output = match (report.status, &report.output) {
        (ReportStatus::Finished, Some(output)) => output,
        (ReportStatus::Finished, None) => {
            tracing::error!(report_id = %report.id, "report: finished without its file");
            return Err(ApiError::Dependency(
                "the finished report has no file recorded".into(),
            ));
        }
        (ReportStatus::Failed, _) => {
            return Err(ApiError::conflict("problem-conflict-report-failed-detail"));
        }
        (status, _) => {
            return Err(ApiError::Conflict(
                Message::new("problem-conflict-report-not-finished-detail")
                    .arg("status", status.as_str()),
            ));
        }
    };
    if !is_report_output_key(&caller.company_id, &report.id, &output.key) {
        tracing::error!(
            report_id = %report.id,
            key = %output.key,
            "report: its stored file key is not under the company's report"
        );
        return Err(ApiError::NotFound);
    }
    let retention_days = deps
        .config
        .reports
        .as_ref()
        .map_or(REPORT_RETENTION_DAYS, |r| r.report_retention_days);
    if is_expired(report.finished_at.as_deref(), Utc::now(), retention_days) {
        return Err(ApiError::Gone);
    }
    let reports = reports_bucket(deps)?;
    let expires_at = Utc::now()
        + chrono::Duration::from_std(DOWNLOAD_VALID_FOR)
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
    store
        .append(
            &caller.company_id,
            Chain::Data,
            AuditEvent {
                actor: caller.user_id.clone(),
                action: "report.extract".to_owned(),
                target: format!("report/{}", report.id),
                reason: None,
                request_id: ctx.request_id.clone(),
                details: [
                    ("expiresAt".to_owned(), json!(timestamp(expires_at))),
                    ("fileName".to_owned(), json!(output.file_name)),
                ]
                .into_iter()
                .collect(),
            },
        )
        .await?;
    let url = reports
        .output_download_url(output, &attachment(&output.file_name), DOWNLOAD_VALID_FOR)
        .await
        .map_err(|e| ApiError::Dependency(e.to_string()))?;
    let mut response = json_response(
        StatusCode::OK,
        &json!({"url": url, "expiresAt": timestamp(expires_at)}),
    );
    // The URL is a bearer credential for the file: no cache may keep it.
    response.headers_mut().insert(
        "cache-control",
        lambda_http::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Whether a report finished at `finished_at` (RFC 3339) has had its file expired by the
/// bucket (after `retention_days`). A finished report without a readable time is taken as
/// kept: the presigned URL then answers for itself.
pub fn is_expired(
    finished_at: Option<&str>,
    now: chrono::DateTime<Utc>,
    retention_days: i64,
) -> bool {
    finished_at
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .is_some_and(|at| now - at.with_timezone(&Utc) > chrono::Duration::days(retention_days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_finished_longer_ago_than_the_retention_is_expired() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-04-11T12:00:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        // 2026-01-11 is 90 days before 2026-04-11.
        assert!(!is_expired(
            Some("2026-01-11T12:00:00.000Z"),
            now,
            REPORT_RETENTION_DAYS
        ));
        assert!(is_expired(
            Some("2026-01-11T11:59:59.000Z"),
            now,
            REPORT_RETENTION_DAYS
        ));
        assert!(!is_expired(
            Some("2026-04-10T00:00:00.000Z"),
            now,
            REPORT_RETENTION_DAYS
        ));
        assert!(!is_expired(None, now, REPORT_RETENTION_DAYS));
        // A shorter configured retention expires sooner.
        assert!(is_expired(Some("2026-04-01T00:00:00.000Z"), now, 7));
    }
}
