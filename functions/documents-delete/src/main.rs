use lambda_http::{Error, run, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    let deps = mypages::Deps::from_env().await?;
    run(service_fn(|event| documents_delete::handler(&deps, event))).await
}
