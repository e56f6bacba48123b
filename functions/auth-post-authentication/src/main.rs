use lambda_runtime::{Error, run, service_fn};
use mypages::aws::Store;
use mypages::config::required;

#[tokio::main]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    // Only the audit table: a trigger of the user pool cannot be configured with the pool's
    // own ids (that would be a cycle in the template), and it needs none.
    let audit_table = required("AUDIT_TABLE")?;
    let data_table = required("DATA_TABLE")?;
    let sdk = aws_config::load_from_env().await;
    let store = Store::new(
        aws_sdk_dynamodb::Client::new(&sdk),
        &data_table,
        &audit_table,
    );
    run(service_fn(|event| async {
        auth_post_authentication::handler(&store, event)
            .await
            .map_err(Error::from)
    }))
    .await
}
