//! `company-erasure-run`: EventBridge Scheduler's hourly run (locally
//! `POST /_local/schedules/company-erasure-run`). Works through the operators' ledger: every
//! erasure whose `scheduledFor` has come, every one a run left half-way (`running`), and every
//! completed one whose "done" mail is still owed. One company's failure does not stop the
//! others; the run then fails as a whole so the failure shows, and the next run continues.

use chrono::{DateTime, Utc};
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::erasure::{ErasureDeps, ErasureError, SCHEDULE_ACTOR, due_rows, run_erasure};
use serde_json::{Value, json};

pub async fn handler(deps: &ErasureDeps, _event: LambdaEvent<Value>) -> Result<Value, Error> {
    erase_due(deps, Utc::now()).await
}

/// Runs every erasure due at `now`: `{completed: [company ids], failed: [company ids]}`, or
/// an error naming the failed ones.
pub async fn erase_due(deps: &ErasureDeps, now: DateTime<Utc>) -> Result<Value, Error> {
    let rows = due_rows(deps.store.erasure_ledger().await?, now);
    let mut completed = Vec::new();
    let mut failed = Vec::new();
    for row in rows {
        match run_erasure(deps, &row.company_id, SCHEDULE_ACTOR, now).await {
            Ok(signed) => {
                tracing::info!(company_id = %row.company_id, deleted = ?signed.certificate.deleted, "company erased");
                completed.push(row.company_id);
            }
            // An operator's run (or a previous hourly one still going) has it.
            Err(ErasureError::Busy) => {
                tracing::info!(company_id = %row.company_id, "another run is erasing the company");
            }
            Err(error) => {
                tracing::error!(company_id = %row.company_id, %error, "the erasure did not complete; the next run continues it");
                failed.push(row.company_id);
            }
        }
    }
    if failed.is_empty() {
        Ok(json!({"completed": completed, "failed": failed}))
    } else {
        Err(format!(
            "{} erasures did not complete ({}); the next run continues them",
            failed.len(),
            failed.join(", ")
        )
        .into())
    }
}
