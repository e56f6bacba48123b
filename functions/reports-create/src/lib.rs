//! `POST /reports`: orders a period report; honours `Idempotency-Key`; audited `report.create`.
//!
//! The request is checked (400/422 naming the field), its choices resolved against the
//! company's settings and the caller's language, and the portfolio read. A portfolio of at
//! most `REPORTS_INLINE_MAX_CONTRACTS` contracts is computed here: the file is stored, then
//! the report item (`finished`) and its audit record are committed together; a report the
//! rates or the contracts do not allow (a missing rate, say) is a 422 whose detail names the
//! currency and date, and nothing is stored. A larger portfolio is queued for
//! `reports-generate` and answered `pending`.
//!
//! Queueing: the message is sent *before* the item is committed, so no committed report is
//! ever without its message (a `pending` report cannot be stranded by a failure between the
//! two). The message is delayed a little so the commit lands first; should it not have landed
//! (or never land: the commit failed), the worker finds no item, retries, and on the last
//! delivery drops the message.
//!
//! A company with [`MAX_UNFINISHED_REPORTS`] reports `pending` or `processing` (among its
//! newest 50) is answered 429 with `Retry-After: 60` before anything is stored or sent: the
//! queue's worker runs few reports at once and one company must not fill it.

use chrono::Utc;
use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;
use mypages::aws::idempotency::StoredResponse;
use mypages::aws::reports::{
    MAX_UNFINISHED_REPORTS, ReportBasis, ReportMessage, ReportOutput, ReportStatus, StoredReport,
    report_output_key,
};
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::i18n::Message;
use mypages::domain::lang::Lang;
use mypages::domain::report::ReportError;
use mypages::domain::report_request::{
    OrderDefaults, format_content_type, format_name, framework_name, parse_report_order,
};
use mypages::domain::role::Permission;
use mypages::domain::validation::{FieldError, FieldErrorKind};
use mypages::http::idempotent::{self, Mutation, Write};
use mypages::http::reports::{
    ComputeError, compute_report, report_view, reports_bucket, selected_contracts,
};
use mypages::http::{ApiError, Ctx, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| create(deps, req, ctx)).await
}

async fn create(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let lang = ctx.lang;
    // The text of a refused report, for the problem's detail.
    let mut refusal: Option<Message> = None;
    let answer = idempotent::write(deps, &req, Permission::Reports, async |write| {
        prepare(deps, &ctx, write, &mut refusal).await
    })
    .await;
    match (answer, refusal) {
        (Err(error @ ApiError::Unprocessable(_)), Some(detail)) => {
            Ok(with_detail(&error, lang, &detail.render(lang)))
        }
        (Err(ApiError::TooManyRequests), _) => Ok(too_many_unfinished(lang)),
        (answer, _) => answer,
    }
}

/// How long a company at [`MAX_UNFINISHED_REPORTS`] is told to wait: about a queued report's
/// time.
pub const RETRY_AFTER_SECONDS: u32 = 60;

/// The 429 of a company with too many unfinished reports, with its `Retry-After`.
fn too_many_unfinished(lang: Lang) -> Response<Body> {
    let mut response = ApiError::TooManyRequests.into_response(lang);
    response.headers_mut().insert(
        "retry-after",
        lambda_http::http::HeaderValue::from(RETRY_AFTER_SECONDS),
    );
    response
}

/// The problem of `error` with `detail` in place of the generic one.
fn with_detail(error: &ApiError, lang: Lang, detail: &str) -> Response<Body> {
    let mut problem = error.to_problem(lang);
    problem["detail"] = Value::String(detail.to_owned());
    let mut response = ApiError::Unprocessable(Vec::new()).into_response(lang);
    *response.body_mut() = Body::Text(problem.to_string());
    response
}

/// The request field a report error is about.
fn field_of(error: &ReportError) -> &'static str {
    match error {
        ReportError::PeriodReversed | ReportError::PeriodTooLong => "periodEnd",
        ReportError::Rate(_)
        | ReportError::RatesIncomplete { .. }
        | ReportError::RateStale { .. } => "reportingCurrency",
        ReportError::Lease { .. } => "contractIds",
    }
}

/// Everything the order needs, checked, as one mutation: only the report's file (inline) or
/// its queue message (queued) is written here.
async fn prepare(
    deps: &Deps,
    ctx: &Ctx,
    write: &Write,
    refusal: &mut Option<Message>,
) -> Result<Mutation, ApiError> {
    let Write { caller, body, .. } = write;
    let reports = reports_bucket(deps)?;
    let settings = caller.settings(deps).await?;
    let order = parse_report_order(
        body,
        &OrderDefaults {
            language: ctx.lang,
            reporting_currency: settings.reporting_currency.clone(),
            framework: settings.framework(),
        },
    )
    .map_err(ApiError::from_fields)?;
    let basis = ReportBasis {
        rate_convention: settings.rate_convention,
        accounts: settings.accounts.clone(),
    };
    let portfolio = deps.store.portfolio_inputs(&caller.company_id).await?;
    // Another company's contract is as unknown as one that never was.
    let contracts = selected_contracts(portfolio, &order).map_err(|_| {
        ApiError::Unprocessable(vec![FieldError {
            field: "contractIds".into(),
            kind: FieldErrorKind::UnknownContract,
        }])
    })?;
    let count = u32::try_from(contracts.len()).unwrap_or(u32::MAX);
    let id = uuid::Uuid::now_v7().to_string();
    let now = timestamp(Utc::now());
    let mut report = StoredReport {
        id: id.clone(),
        status: ReportStatus::Pending,
        order,
        basis,
        created_at: now.clone(),
        created_by: caller.user_id.clone(),
        updated_at: now.clone(),
        failure_reason: None,
        finished_at: None,
        output: None,
        contracts: Some(count),
    };
    let inline = contracts.len() <= reports.ids.inline_max_contracts;
    if inline {
        let bytes = match compute_report(
            deps.rates.as_ref(),
            &report.order,
            &report.basis,
            &contracts,
        )
        .await
        {
            Ok(bytes) => bytes,
            Err(ComputeError::Report(error)) => {
                let message = error.message();
                *refusal = Some(message.clone());
                return Err(ApiError::Unprocessable(vec![FieldError {
                    field: field_of(&error).into(),
                    kind: FieldErrorKind::Rule(message),
                }]));
            }
            Err(ComputeError::Render(message) | ComputeError::Dependency(message)) => {
                return Err(ApiError::Dependency(message));
            }
        };
        let file_name = report.order.file_name();
        let output = ReportOutput {
            key: report_output_key(&caller.company_id, &id, &file_name),
            size: bytes.len() as u64,
            content_type: format_content_type(report.order.format).to_owned(),
            file_name,
        };
        reports
            .store_output(&output.key, &output.content_type, bytes)
            .await
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
        report.status = ReportStatus::Finished;
        report.finished_at = Some(now);
        report.output = Some(output);
    } else {
        if deps.store.unfinished_reports(&caller.company_id).await? >= MAX_UNFINISHED_REPORTS {
            return Err(ApiError::TooManyRequests);
        }
        reports
            .enqueue_report(&ReportMessage {
                company_id: caller.company_id.clone(),
                report_id: id.clone(),
            })
            .await
            .map_err(|e| ApiError::Dependency(e.to_string()))?;
    }
    let details: serde_json::Map<String, Value> = [
        ("periodStart", json!(report.order.period_start)),
        ("periodEnd", json!(report.order.period_end)),
        ("format", json!(format_name(report.order.format))),
        ("framework", json!(framework_name(report.order.framework))),
        (
            "reportingCurrency",
            json!(report.order.reporting_currency.as_str()),
        ),
        ("language", json!(report.order.language.code())),
        ("contracts", json!(count)),
        ("queued", json!(!inline)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Ok(Mutation {
        data_ops: vec![deps.store.report_create_put(&caller.company_id, &report)?],
        event: AuditEvent {
            actor: caller.user_id.clone(),
            action: "report.create".to_owned(),
            target: format!("report/{id}"),
            reason: None,
            request_id: ctx.request_id.clone(),
            details,
        },
        response: StoredResponse::json(201, &report_view(&report))
            .with_header("location", format!("/v1/reports/{id}")),
        measured_with: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_unfinished_reports_is_a_429_with_retry_after() {
        let response = too_many_unfinished(Lang::En);
        assert_eq!(response.status().as_u16(), 429);
        assert_eq!(
            response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("60")
        );
    }
}
