//! JSON logs for CloudWatch. Spans carry the request id, company id and user id (pseudonymous
//! `sub`); tokens, passwords, e-mail addresses and contract contents are never logged.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Installs the JSON subscriber once; later calls (tests, the local stack) are no-ops.
pub fn init() {
    let _ = subscriber(std::env::var("RUST_LOG").ok().as_deref()).try_init();
}

/// The JSON subscriber, filtered by [`log_filter`] alone: the fmt builder's own level (INFO
/// unless told) is opened to TRACE, or it would cap what `RUST_LOG` asks for.
fn subscriber(directives: Option<&str>) -> impl tracing::Subscriber + Send + Sync + 'static {
    tracing_subscriber::fmt()
        .json()
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .without_time()
        .with_max_level(tracing::Level::TRACE)
        .finish()
        .with(log_filter(directives))
}

/// `RUST_LOG` as `target=level` directives, comma-separated, a bare level for every other
/// target (`info`, `mypages=debug,warn`); unset, blank or not of that form: `info`.
///
/// `Targets` rather than `EnvFilter`: EnvFilter's span and field directives bring the regex
/// crates into every function, about 250 KiB of code and its relocations at each cold start
/// (issue 13, README "Cold start"), for filters nobody sets in Lambda.
fn log_filter(directives: Option<&str>) -> Targets {
    let info = || Targets::new().with_default(tracing::Level::INFO);
    match directives.map(str::trim).filter(|d| !d.is_empty()) {
        None => info(),
        Some(directives) => directives.parse().unwrap_or_else(|_| info()),
    }
}

/// One CloudWatch embedded-metric-format line: CloudWatch turns each `metrics` value into a
/// data point of `namespace` with the given dimensions. Written to stdout as its own line (not
/// through the JSON subscriber, which would nest it where CloudWatch does not look).
pub fn metrics_line(
    namespace: &str,
    dimensions: &[(&str, &str)],
    metrics: &[(&str, u64)],
    at: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut line = serde_json::Map::new();
    line.insert(
        "_aws".to_owned(),
        serde_json::json!({
            "Timestamp": at.timestamp_millis(),
            "CloudWatchMetrics": [{
                "Namespace": namespace,
                "Dimensions": [dimensions.iter().map(|(name, _)| *name).collect::<Vec<_>>()],
                "Metrics": metrics
                    .iter()
                    .map(|(name, _)| serde_json::json!({"Name": name, "Unit": "Count"}))
                    .collect::<Vec<_>>(),
            }],
        }),
    );
    for (name, value) in dimensions {
        line.insert((*name).to_owned(), serde_json::json!(value));
    }
    for (name, value) in metrics {
        line.insert((*name).to_owned(), serde_json::json!(value));
    }
    serde_json::Value::Object(line).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emf_line_declares_every_metric_and_dimension_it_carries() {
        let at = chrono::DateTime::from_timestamp(1_735_900_000, 0).expect("an instant");
        let line = metrics_line(
            "MyPages/Rates",
            &[("Source", "ecb")],
            &[("Imported", 30), ("Failed", 0)],
            at,
        );
        let value: serde_json::Value = serde_json::from_str(&line).expect("the line is JSON");
        assert_eq!(value["_aws"]["Timestamp"], 1_735_900_000_000_i64);
        let directive = &value["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(directive["Namespace"], "MyPages/Rates");
        assert_eq!(directive["Dimensions"], serde_json::json!([["Source"]]));
        assert_eq!(directive["Metrics"][0]["Name"], "Imported");
        assert_eq!(directive["Metrics"][1]["Name"], "Failed");
        assert_eq!(value["Source"], "ecb");
        assert_eq!(value["Imported"], 30);
        assert_eq!(value["Failed"], 0);
        assert!(!line.contains('\n'), "one line per record");
    }

    #[test]
    fn rust_log_sets_levels_per_target_and_defaults_to_info() {
        use tracing::Level;
        let default = log_filter(None);
        assert!(default.would_enable("mypages::http", &Level::INFO));
        assert!(!default.would_enable("mypages::http", &Level::DEBUG));
        for unusable in ["", "  ", "mypages=loud", "a=b=c"] {
            let filter = log_filter(Some(unusable));
            assert!(filter.would_enable("h2", &Level::INFO), "{unusable:?}");
            assert!(!filter.would_enable("h2", &Level::DEBUG), "{unusable:?}");
        }
        let filter = log_filter(Some("mypages=debug,warn"));
        assert!(filter.would_enable("mypages::aws::store", &Level::DEBUG));
        assert!(!filter.would_enable("mypages::aws::store", &Level::TRACE));
        assert!(filter.would_enable("aws_smithy_runtime", &Level::WARN));
        assert!(!filter.would_enable("aws_smithy_runtime", &Level::INFO));
        assert!(!log_filter(Some("error")).would_enable("mypages", &Level::WARN));
    }

    /// What the installed subscriber lets through, not only what the filter says.
    #[test]
    fn the_subscriber_lets_through_what_rust_log_asks_and_nothing_more() {
        use tracing::Level;
        tracing::subscriber::with_default(subscriber(Some("mypages=debug,warn")), || {
            assert!(tracing::enabled!(target: "mypages::aws", Level::DEBUG));
            assert!(!tracing::enabled!(target: "mypages::aws", Level::TRACE));
            assert!(tracing::enabled!(target: "hyper", Level::WARN));
            assert!(!tracing::enabled!(target: "hyper", Level::INFO));
        });
        tracing::subscriber::with_default(subscriber(None), || {
            assert!(tracing::enabled!(target: "mypages::aws", Level::INFO));
            assert!(!tracing::enabled!(target: "mypages::aws", Level::DEBUG));
        });
    }
}
