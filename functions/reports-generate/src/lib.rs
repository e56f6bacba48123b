//! `reports-generate`: the reports queue's consumer. Each message names one queued report
//! (`{companyId, reportId}`, sent by `reports-create`).
//!
//! Per report: `pending → processing` (conditional), the portfolio and the rates read, the
//! model built and rendered, the file stored, `processing → finished`. A report the rates or
//! contracts do not allow (`ReportError`: a missing rate, say) ends `failed` with the error's
//! text as its `failureReason`: another attempt would give the same answer.
//!
//! Retries: a failed dependency puts the report back to `pending` (conditional) and reports
//! the message as a batch item failure, so SQS delivers it again. The detail is logged, never
//! stored: `failureReason` is shown to the company and SDK errors name tables and ARNs. On
//! the last delivery the queue allows (`REPORTS_MAX_RECEIVES`, the queue's `maxReceiveCount`)
//! the report is failed instead, so no report stays unfinished forever.
//!
//! A delivery that finds its report still `processing` follows an attempt that died without
//! answering (a timeout, memory, a panic): running it again would most likely die the same
//! way, so the report is failed with a reason that says so and the message acknowledged.
//!
//! A message for a report that does not exist (yet: `reports-create` sends before it commits)
//! is retried, and dropped on its last delivery (its commit failed). A malformed message (not
//! JSON, or ids that are not safe key parts) is logged and acknowledged: it can never succeed.

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use chrono::Utc;
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::reports::{
    ReportMessage, ReportOutput, ReportStatus, ReportTransition, ReportWorkerDeps, StoredReport,
    report_output_key,
};
use mypages::domain::claims::is_safe_id;
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

/// The report a message names, checked: its ids become parts of table and bucket keys.
pub fn queued_report(body: &str) -> Result<ReportMessage, &'static str> {
    let queued = serde_json::from_str::<ReportMessage>(body).map_err(|_| "not a report message")?;
    if !is_safe_id(&queued.company_id) || !is_safe_id(&queued.report_id) {
        return Err("unsafe ids");
    }
    Ok(queued)
}

pub async fn handle_message(deps: &ReportWorkerDeps, message: &SqsMessage) -> Outcome {
    let queued = match queued_report(message.body.as_deref().unwrap_or_default()) {
        Ok(queued) => queued,
        Err(why) => {
            tracing::error!(why, "report: a malformed message; dropped");
            return Outcome::Ignored(why);
        }
    };
    let last = mypages::aws::is_last_delivery(&message.attributes, deps.reports.ids.max_receives);
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

/// The `failureReason` of a report that failed on a dependency (the detail is logged, not
/// stored: the reason is shown to the company).
pub const DEPENDENCY_FAILURE_REASON: &str =
    "a service failed while the report was made; request it again";

/// The `failureReason` of a report whose previous attempt died without answering.
pub const ABANDONED_REASON: &str = "the report did not finish: it ran out of time or memory; \
     request a smaller period or fewer contracts";

/// What a delivery does with the report it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `pending`: make it.
    Make,
    /// `processing`: the previous attempt died (one that fails cleanly puts it back to
    /// `pending`); fail it with [`ABANDONED_REASON`].
    FailAbandoned,
    /// `finished` or `failed`: nothing to do.
    Settled,
}

pub fn step_for(status: ReportStatus) -> Step {
    match status {
        ReportStatus::Pending => Step::Make,
        ReportStatus::Processing => Step::FailAbandoned,
        ReportStatus::Finished | ReportStatus::Failed => Step::Settled,
    }
}

/// The `failureReason` a computation error leaves, or `None` for one worth another attempt.
pub fn failure_reason(error: &ComputeError) -> Option<String> {
    match error {
        ComputeError::Report(error) => Some(error.to_string()),
        ComputeError::Render(message) => {
            Some(format!("the report could not be written: {message}"))
        }
        ComputeError::Dependency(_) => None,
    }
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
            Err(error) => return self.transient(error.to_string(), false).await,
        };
        match step_for(report.status) {
            Step::Make => {}
            Step::Settled => return Outcome::Ignored("the report is settled already"),
            Step::FailAbandoned => {
                tracing::error!(
                    company_id = self.company_id,
                    report_id = self.report_id,
                    "report: the previous attempt died while processing; failed"
                );
                return self.fail(ABANDONED_REASON.to_owned()).await;
            }
        }
        let report = match store
            .report_processing(self.company_id, self.report_id, Utc::now())
            .await
        {
            Ok(ReportTransition::Done(report)) => *report,
            Ok(ReportTransition::NotFrom) => return Outcome::Ignored("the report moved on"),
            Err(error) => return self.transient(error.to_string(), false).await,
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
                Err(error) => self.transient(error.to_string(), true).await,
            },
            Err(error) => match failure_reason(&error) {
                Some(reason) => self.fail(reason).await,
                None => self.transient(error.to_string(), true).await,
            },
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

    /// A dependency failed (`detail`, logged only): on the last delivery the report fails
    /// with [`DEPENDENCY_FAILURE_REASON`]; before it, a report this attempt took up
    /// (`processing`) is put back to `pending` and the message delivered again.
    async fn transient(&self, detail: String, processing: bool) -> Outcome {
        tracing::warn!(
            company_id = self.company_id,
            report_id = self.report_id,
            error = %detail,
            last = self.last,
            "report: a dependency failed"
        );
        if self.last {
            return self.fail(DEPENDENCY_FAILURE_REASON.to_owned()).await;
        }
        if processing {
            match self
                .deps
                .store
                .report_pending_again(self.company_id, self.report_id, Utc::now())
                .await
            {
                Ok(ReportTransition::Done(_)) => {}
                Ok(ReportTransition::NotFrom) => return Outcome::Ignored("the report moved on"),
                // Left `processing`: the redelivery fails it as abandoned rather than running
                // it twice at once.
                Err(error) => tracing::error!(%error, "report: putting it back to pending failed"),
            }
        }
        Outcome::Retry(detail)
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
    fn a_report_found_processing_on_a_delivery_is_failed_as_abandoned() {
        assert_eq!(step_for(ReportStatus::Processing), Step::FailAbandoned);
        assert_eq!(step_for(ReportStatus::Pending), Step::Make);
        assert_eq!(step_for(ReportStatus::Finished), Step::Settled);
        assert_eq!(step_for(ReportStatus::Failed), Step::Settled);
    }

    #[test]
    fn a_dependency_error_is_retried_and_its_text_never_becomes_the_reason() {
        let sdk_text = "ResourceNotFoundException: arn:aws:dynamodb:eu-north-1:1:table/Data";
        assert_eq!(
            failure_reason(&ComputeError::Dependency(sdk_text.into())),
            None
        );
        assert!(!DEPENDENCY_FAILURE_REASON.contains("arn:"));
        let render = failure_reason(&ComputeError::Render("too many rows".into()))
            .expect("a render error fails the report");
        assert!(render.contains("too many rows"));
    }

    #[test]
    fn a_message_with_unsafe_ids_is_refused_before_any_key_is_built() {
        assert_eq!(
            queued_report(r#"{"companyId":"co#1","reportId":"r-1"}"#),
            Err("unsafe ids")
        );
        assert_eq!(
            queued_report(r#"{"companyId":"co-1","reportId":"../r"}"#),
            Err("unsafe ids")
        );
        assert_eq!(queued_report("{}"), Err("not a report message"));
        assert!(queued_report(r#"{"companyId":"co-1","reportId":"r-1"}"#).is_ok());
    }

    #[test]
    fn the_delivery_reaching_max_receives_is_the_last() {
        let mut message = event().records.remove(0);
        assert!(!mypages::aws::is_last_delivery(&message.attributes, 5));
        message
            .attributes
            .insert("ApproximateReceiveCount".into(), "5".into());
        assert!(mypages::aws::is_last_delivery(&message.attributes, 5));
        message
            .attributes
            .insert("ApproximateReceiveCount".into(), "4".into());
        assert!(!mypages::aws::is_last_delivery(&message.attributes, 5));
    }
}
