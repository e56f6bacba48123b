use lambda_runtime::{Error, run, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = mypages::aws::exports::ExportWorkerDeps::from_env().await?;
    run(service_fn(|event| {
        company_export_build::handler(&deps, event)
    }))
    .await
}
