//! `GET /reports/{id}/download`: a short-lived presigned GET of a finished report's file,
//! served as an attachment. An extract of the accounts: its `report.extract` audit record is
//! committed before the URL exists, so no URL is ever handed out unaudited.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::reports::ReportStatus;
use mypages::aws::timestamp;
use mypages::domain::audit::{AuditEvent, Chain};
use mypages::http::disposition::attachment;
use mypages::http::reports::{DOWNLOAD_VALID_FOR, reports_bucket, requested_report};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| download(deps, req, ctx)).await
}

async fn download(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let (caller, report) = requested_report(deps, &req).await?;
    let output = match (report.status, &report.output) {
        (ReportStatus::Finished, Some(output)) => output,
        (ReportStatus::Failed, _) => {
            return Err(ApiError::Conflict(
                "the report failed (see its failureReason); there is no file to download".into(),
            ));
        }
        (status, _) => {
            return Err(ApiError::Conflict(format!(
                "the report is {}; it can be downloaded once it is finished",
                status.as_str()
            )));
        }
    };
    let reports = reports_bucket(deps)?;
    let expires_at = Utc::now()
        + chrono::Duration::from_std(DOWNLOAD_VALID_FOR)
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
    deps.store
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
