//! `rates-import` (issue 9): the scheduled import of Riksbank interest rates and ECB (and
//! optionally Fixer) FX rates. The work is `mypages::aws::rates_import`; this is the Lambda
//! face: which sources the schedule asked for, the run, and its summary as the result, in the
//! log and as CloudWatch metrics (EMF).

use chrono::{DateTime, Utc};
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::rates_import::{ImportDeps, requested_sources};
use serde_json::Value;

pub async fn handler(deps: &ImportDeps, event: LambdaEvent<Value>) -> Result<Value, Error> {
    run(deps, &event.payload, Utc::now()).await
}

/// One run for `event` (a schedule's `{"sources": [...]}`, or EventBridge's own event for all
/// sources). A source that fails is in the summary, not an error: the others' rates are kept
/// and the alarm watches the `FailedSources` metric. Only an event naming no known source is
/// an error (a misconfigured schedule).
pub async fn run(deps: &ImportDeps, event: &Value, now: DateTime<Utc>) -> Result<Value, Error> {
    let sources = requested_sources(event)?;
    let report = deps.run(&sources, now).await;
    for line in report.metrics_lines(&sources, now) {
        println!("{line}");
    }
    let result = serde_json::to_value(&report)?;
    tracing::info!(summary = %result["summary"], failures = report.failures.len(), held_back = report.held_back.len(), "rates import finished");
    Ok(result)
}
