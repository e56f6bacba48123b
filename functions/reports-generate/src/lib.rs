//! `reports-generate`: the reports queue's consumer. Each message names one queued report
//! (`{companyId, reportId}`, sent by `reports-create`).
//!
//! Per report: `pending → processing` (conditional; a report still `processing` is a
//! redelivery after a crash or timeout and is taken up again), the portfolio and the rates
//! read, the model built and rendered, the file stored, `processing → finished`. A report the
//! rates or contracts do not allow (`ReportError`: a missing rate, say) ends `failed` with the
//! error's text as its `failureReason`: another attempt would give the same answer.
//!
//! Retries: a failed dependency reports the message as a batch item failure, so SQS delivers
//! it again. On the last delivery the queue allows (`REPORTS_MAX_RECEIVES`, the queue's
//! `maxReceiveCount`) the report is failed instead, so no report stays `processing` forever;
//! a message that still fails goes to the dead-letter queue, whose alarm fires. A message for
//! a report that does not exist (yet: `reports-create` sends before it commits) is retried,
//! and dropped on its last delivery (its commit failed). A malformed message is logged and
//! acknowledged: it can never succeed.

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use chrono::Utc;
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::reports::{
    ReportMessage, ReportOutput, ReportStatus, ReportTransition, ReportWorkerDeps, StoredReport,
    report_output_key,
};
use mypages::domain::report_request::format_content_type;
use mypages::http::reports::{ComputeError, compute_report, selected_contracts};

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to do (a malformed message, a report already settled): acknowledged.
    Ignored(&'static str),
    Finished,
    /// The report failed, with this reason.
    Failed(String),
    /// Try again later: a batch item failure.
    Retry(String),
}

pub async fn handler(
    deps: &ReportWorkerDeps,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in &event.payload.records {
        let message_id = message.message_id.clone().unwrap_or_default();
        match handle_message(deps, message).await {
            Outcome::Retry(reason) => {
                tracing::warn!(%message_id, %reason, "report: will be delivered again");
                let mut failure = BatchItemFailure::default();
                failure.item_identifier = message_id;
                response.batch_item_failures.push(failure);
            }
            Outcome::Ignored(why) => tracing::info!(%message_id, why, "report: ignored"),
            other => tracing::info!(%message_id, outcome = ?other, "report: done"),
        }
    }
    Ok(response)
}

/// Whether this delivery is the last the queue makes before the dead-letter queue.
pub fn is_last_delivery(message: &SqsMessage, max_receives: u32) -> bool {
    let receives: u32 = message
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    receives >= max_receives
}

pub async fn handle_message(deps: &ReportWorkerDeps, message: &SqsMessage) -> Outcome {
    let body = message.body.as_deref().unwrap_or_default();
    let Ok(queued) = serde_json::from_str::<ReportMessage>(body) else {
        tracing::error!("report: a message that names no report; dropped");
        return Outcome::Ignored("not a report message");
    };
    let last = is_last_delivery(message, deps.reports.ids.max_receives);
    let job = Job {
        deps,
        company_id: &queued.company_id,
        report_id: &queued.report_id,
        last,
    };
    job.generate().await
}

struct Job<'a> {
    deps: &'a ReportWorkerDeps,
    company_id: &'a str,
    report_id: &'a str,
    last: bool,
}

impl Job<'_> {
    async fn generate(&self) -> Outcome {
        let store = &self.deps.store;
        let report = match store.stored_report(self.company_id, self.report_id).await {
            Ok(Some(report)) => report,
            Ok(None) if self.last => {
                return Outcome::Ignored("no such report: its order was never committed");
            }
            Ok(None) => return Outcome::Retry("no such report (yet)".into()),
            Err(error) => return self.transient(error.to_string()).await,
        };
        if matches!(report.status, ReportStatus::Finished | ReportStatus::Failed) {
            return Outcome::Ignored("the report is settled already");
        }
        let report = match store
            .report_processing(self.company_id, self.report_id, Utc::now())
            .await
        {
            Ok(ReportTransition::Done(report)) => *report,
            Ok(ReportTransition::NotFrom) => return Outcome::Ignored("the report moved on"),
            Err(error) => return self.transient(error.to_string()).await,
        };
        match self.compute(&report).await {
            Ok(output) => match store
                .report_finished(
                    self.company_id,
                    self.report_id,
                    &output.0,
                    output.1,
                    Utc::now(),
                )
                .await
            {
                Ok(ReportTransition::Done(_)) => Outcome::Finished,
                Ok(ReportTransition::NotFrom) => Outcome::Ignored("the report moved on"),
                Err(error) => self.transient(error.to_string()).await,
            },
            Err(ComputeError::Report(error)) => self.fail(error.to_string()).await,
            Err(ComputeError::Render(message)) => {
                self.fail(format!("the report could not be written: {message}"))
                    .await
            }
            Err(ComputeError::Dependency(message)) => self.transient(message).await,
        }
    }

    /// The file stored; its output and the number of contracts read.
    async fn compute(&self, report: &StoredReport) -> Result<(ReportOutput, u32), ComputeError> {
        let dependency = |e: String| ComputeError::Dependency(e);
        let reports = &self.deps.reports;
        let portfolio = self
            .deps
            .store
            .portfolio_inputs(self.company_id)
            .await
            .map_err(|e| dependency(e.to_string()))?;
        // The ids were checked when the report was ordered and contracts are never deleted.
        let contracts = selected_contracts(portfolio, &report.order).map_err(|unknown| {
            ComputeError::Render(format!("contracts no longer found: {}", unknown.join(", ")))
        })?;
        let bytes = compute_report(
            self.deps.rates.as_ref(),
            &report.order,
            &report.basis,
            &contracts,
        )
        .await?;
        let file_name = report.order.file_name();
        let output = ReportOutput {
            key: report_output_key(self.company_id, self.report_id, &file_name),
            size: bytes.len() as u64,
            content_type: format_content_type(report.order.format).to_owned(),
            file_name,
        };
        reports
            .store_output(&output.key, &output.content_type, bytes)
            .await
            .map_err(|e| dependency(e.to_string()))?;
        Ok((output, u32::try_from(contracts.len()).unwrap_or(u32::MAX)))
    }

    async fn fail(&self, reason: String) -> Outcome {
        match self
            .deps
            .store
            .report_failed(self.company_id, self.report_id, &reason, Utc::now())
            .await
        {
            Ok(ReportTransition::Done(_)) => Outcome::Failed(reason),
            Ok(ReportTransition::NotFrom) => Outcome::Ignored("the report moved on"),
            Err(error) => Outcome::Retry(format!("{reason}; and failing it failed: {error}")),
        }
    }

    /// A dependency failed: again later, or on the last delivery, the report fails.
    async fn transient(&self, message: String) -> Outcome {
        if self.last {
            tracing::error!(error = %message, "report: failed on every delivery");
            return self
                .fail(format!(
                    "the report could not be computed (a service failed on every attempt: \
                     {message}); order it again"
                ))
                .await;
        }
        Outcome::Retry(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> SqsEvent {
        let text = include_str!("../../../events/reports-generate/sqs.json")
            .replace("${companyId}", "co-1")
            .replace("${reportId}", "r-1");
        serde_json::from_str(&text).expect("an SQS event")
    }

    #[test]
    fn the_sample_event_names_a_report() {
        let event = event();
        let body = event.records[0].body.as_deref().expect("body");
        let message: ReportMessage = serde_json::from_str(body).expect("a report message");
        assert_eq!(
            message,
            ReportMessage {
                company_id: "co-1".into(),
                report_id: "r-1".into()
            }
        );
    }

    #[test]
    fn the_delivery_reaching_max_receives_is_the_last() {
        let mut message = event().records.remove(0);
        assert!(!is_last_delivery(&message, 5));
        message
            .attributes
            .insert("ApproximateReceiveCount".into(), "5".into());
        assert!(is_last_delivery(&message, 5));
        message
            .attributes
            .insert("ApproximateReceiveCount".into(), "4".into());
        assert!(!is_last_delivery(&message, 5));
    }
}
