use lambda_http::{Error, run, service_fn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    // Files and headers only: no table, no pool, no SDK client.
    let settings = mypages::config::WebSettings::from_env()?
        .ok_or("UPLOAD_ORIGIN is not set (template.yaml sets it to the documents bucket)")?;
    run(service_fn(|event| web::handler(&settings, event))).await
}
