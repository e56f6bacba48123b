//! JSON logs for CloudWatch. Spans carry the request id, company id and user id (pseudonymous
//! `sub`); tokens, passwords, e-mail addresses and contract contents are never logged.

use tracing_subscriber::EnvFilter;

/// Installs the JSON subscriber once; later calls (tests, the local stack) are no-ops.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .without_time()
        .try_init();
}
