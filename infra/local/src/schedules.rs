//! `POST /_local/schedules/<function>` (DESIGN.md §8): the emulator accepts schedules but never
//! fires them, so the local stack invokes the function itself with the event its schedule
//! sends, and answers with the function's result. Never in template.yaml: AWS has no such route.
//!
//! - no query, empty body: EventBridge's own "Scheduled Event" (the function decides what a
//!   plain schedule means; `rates-import` imports every source);
//! - `?schedule=<event name>`: that schedule's `Input` from template.yaml, as its rule sends it;
//! - a JSON body: that event, as given.

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Response, StatusCode};
use mypages::aws::rates_import::ImportDeps;
use serde_json::{Value, json};

use crate::gateway::{problem, query_maps};
use crate::template::Schedule;

pub const PREFIX: &str = "/_local/schedules/";

pub struct Scheduler {
    pub schedules: Vec<Schedule>,
    /// The rate import, pointed at the local fake upstream unless `MYPAGES_*_URL` say otherwise.
    pub rates_import: ImportDeps,
    /// The fake upstream, kept alive as long as the scheduler (dropping it stops it).
    pub upstream: Option<crate::upstream::FakeUpstream>,
    /// The company erasure runner's dependencies (the handlers' buckets, archive and mail).
    pub erasure: Option<mypages::aws::erasure::ErasureDeps>,
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
    /// Fires `function`: the function's result, or a problem saying why it did not run.
    pub async fn fire(
        &self,
        function: &str,
        query: Option<&str>,
        body: &[u8],
    ) -> Response<Full<Bytes>> {
        let not_found = |detail: String| problem(StatusCode::NOT_FOUND, "Not found", &detail);
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
        let (query, _) = query_maps(query);
        let wanted = query.get("schedule").and_then(Value::as_str);
        let event = if !body.is_empty() {
            match serde_json::from_slice::<Value>(body) {
                Ok(event) => event,
                Err(e) => {
                    return problem(
                        StatusCode::BAD_REQUEST,
                        "Bad request",
                        &format!("the body is not a JSON event: {e}"),
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
            "company-erasure-run" => match &self.erasure {
                Some(deps) => company_erasure_run::erase_due(deps, chrono::Utc::now()).await,
                None => return not_found("the erasure runner is not configured".to_owned()),
            },
            _ => {
                return not_found(format!(
                    "the local stack cannot run {function} on a schedule yet"
                ));
            }
        };
        match result {
            Ok(value) => Response::builder()
                .status(StatusCode::OK)
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(value.to_string())))
                .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))),
            Err(error) => problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal server error",
                &error.to_string(),
            ),
        }
    }
}
