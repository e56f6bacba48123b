use lambda_runtime::{Error, run, service_fn};
use mypages::aws::rates_import::ImportDeps;
use mypages::config::RatesImportSettings;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let settings = RatesImportSettings::from_env()?;
    let sdk = mypages::aws::sdk::load()?;
    let urls = mypages::aws::rates_sources::UpstreamUrls::from_env()?;
    let deps = ImportDeps::from_settings(&settings, urls, &sdk).await?;
    run(service_fn(|event| rates_import::handler(&deps, event))).await
}
