use lambda_http::{Error, run, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = mypages::Deps::from_env().await?;
    // Verification starts at the archive's signed checkpoints: without them, fail at cold start.
    if deps.audit_archive.is_none() {
        return Err(mypages::config::ConfigError {
            name: "AUDIT_ARCHIVE_BUCKET",
            problem: "is not set",
        }
        .into());
    }
    run(service_fn(|event| audit_verify::handler(&deps, event))).await
}
