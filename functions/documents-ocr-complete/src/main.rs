use lambda_runtime::{Error, run, service_fn};
use mypages::Deps;

#[tokio::main]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = Deps::from_env().await?;
    run(service_fn(|event| {
        documents_ocr_complete::handler(&deps, event)
    }))
    .await
}
