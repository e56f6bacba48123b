use lambda_runtime::{Error, run, service_fn};
use mypages::aws::AuditArchive;
use mypages::config::{AuditArchiveIds, ConfigError};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let ids = AuditArchiveIds::from_env()?.ok_or(ConfigError {
        name: "AUDIT_ARCHIVE_BUCKET",
        problem: "is not set",
    })?;
    let sdk = mypages::aws::sdk::load()?;
    let deps = AuditArchive::new(&ids, &sdk);
    run(service_fn(|event| audit_archive::handler(&deps, event))).await
}
