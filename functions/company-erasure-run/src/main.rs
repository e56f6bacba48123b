use lambda_runtime::{Error, run, service_fn};
use mypages::aws::erasure::ErasureDeps;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = ErasureDeps::from_deps(&mypages::Deps::from_env().await?);
    run(service_fn(|event| {
        company_erasure_run::handler(&deps, event)
    }))
    .await
}
