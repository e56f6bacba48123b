use lambda_runtime::{Error, run, service_fn};
use mypages::aws::ocr_pipeline::PipelineDeps;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = PipelineDeps::from_env().await?;
    run(service_fn(|event| {
        documents_ocr_complete::handler(&deps, event)
    }))
    .await
}
