//! `POST /_local/schedules/<function>` (DESIGN.md §8): the emulator accepts schedules but never
//! fires them, so the local stack invokes the function itself with the event its schedule
//! sends, and answers with the function's result. Never in template.yaml: AWS has no such route.
//!
//! - no query, empty body: EventBridge's own "Scheduled Event" (the function decides what a
//!   plain schedule means; `rates-import` imports every source);
//! - `?schedule=<event name>`: that schedule's `Input` from template.yaml, as its rule sends it;
//! - a JSON body: that event, as given.

use hyper::StatusCode;
use mypages::aws::rates_import::ImportDeps;
use serde_json::{Value, json};

use crate::template::Schedule;

pub const PREFIX: &str = "/_local/schedules/";

pub struct Scheduler {
    pub schedules: Vec<Schedule>,
    /// The rate import, pointed at the local fake upstream unless `MYPAGES_*_URL` say otherwise.
    pub rates_import: ImportDeps,
    /// The fake upstream, kept alive as long as the scheduler (dropping it stops it).
    pub upstream: Option<crate::upstream::FakeUpstream>,
}

/// EventBridge's event for a rule without `Input`.
fn scheduled_event(function: &str) -> Value {
    let now = chrono::Utc::now();
    json!({
        "version": "0",
        "id": uuid::Uuid::now_v7().to_string(),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "000000000000",
        "time": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "region": "eu-north-1",
        "resources": [format!("arn:aws:events:eu-north-1:000000000000:rule/local-{function}")],
        "detail": {},
    })
}

impl Scheduler {
    /// Fires `function`; the answer's status and JSON body.
    pub async fn fire(
        &self,
        function: &str,
        query: Option<&str>,
        body: &[u8],
    ) -> (StatusCode, Value) {
        let own: Vec<&Schedule> = self
            .schedules
            .iter()
            .filter(|s| s.function == function)
            .collect();
        if own.is_empty() {
            return not_found(format!(
                "template.yaml schedules no function named {function}"
            ));
        }
        let wanted = query.and_then(|q| {
            q.split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == "schedule")
                .map(|(_, v)| v.to_owned())
        });
        let event = if !body.is_empty() {
            match serde_json::from_slice::<Value>(body) {
                Ok(event) => event,
                Err(e) => {
                    return (
                        StatusCode::BAD_REQUEST,
                        problem(
                            StatusCode::BAD_REQUEST,
                            &format!("the body is not a JSON event: {e}"),
                        ),
                    );
                }
            }
        } else if let Some(name) = wanted {
            match own.iter().find(|s| s.name == name) {
                Some(schedule) => schedule
                    .input
                    .clone()
                    .unwrap_or_else(|| scheduled_event(function)),
                None => {
                    let names: Vec<&str> = own.iter().map(|s| s.name.as_str()).collect();
                    return not_found(format!(
                        "{function} has no schedule {name}; it has {}",
                        names.join(", ")
                    ));
                }
            }
        } else {
            scheduled_event(function)
        };
        let result = match function {
            "rates-import" => {
                rates_import::run(&self.rates_import, &event, chrono::Utc::now()).await
            }
            _ => {
                return not_found(format!(
                    "the local stack cannot run {function} on a schedule yet"
                ));
            }
        };
        match result {
            Ok(value) => (StatusCode::OK, value),
            Err(error) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                problem(StatusCode::INTERNAL_SERVER_ERROR, &error.to_string()),
            ),
        }
    }
}

fn problem(status: StatusCode, detail: &str) -> Value {
    json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    })
}

fn not_found(detail: String) -> (StatusCode, Value) {
    (
        StatusCode::NOT_FOUND,
        problem(StatusCode::NOT_FOUND, &detail),
    )
}
