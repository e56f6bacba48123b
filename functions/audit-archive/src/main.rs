use lambda_runtime::{Error, run, service_fn};
use mypages::aws::archive::Archive;
use mypages::aws::signer::Signer;

#[tokio::main]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let config = audit_archive::ArchiveConfig::from_env()?;
    let sdk = aws_config::load_from_env().await;
    let deps = audit_archive::Deps {
        archive: Archive::new(aws_sdk_s3::Client::new(&sdk), &config.bucket),
        signer: Signer::new(aws_sdk_kms::Client::new(&sdk), &config.signing_key_id),
    };
    run(service_fn(|event| audit_archive::handler(&deps, event))).await
}
