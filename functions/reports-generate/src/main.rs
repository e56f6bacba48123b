use lambda_runtime::{Error, run, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = mypages::aws::reports::ReportWorkerDeps::from_env().await?;
    run(service_fn(|event| reports_generate::handler(&deps, event))).await
}
