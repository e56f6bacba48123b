use lambda_runtime::{Error, run, service_fn};
use mypages::aws::Store;
use mypages::config::required;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    // No USER_POOL_ID: a trigger of the user pool cannot be configured with the pool's own id
    // (a cycle in the template), and it needs none.
    let data_table = required("DATA_TABLE")?;
    let audit_table = required("AUDIT_TABLE")?;
    let sdk = mypages::aws::sdk::load()?;
    let store = Store::new(
        mypages::aws::LazyClient::new(&sdk),
        &data_table,
        &audit_table,
    );
    run(service_fn(|event| async {
        auth_pre_sign_up::handler(&store, event)
            .await
            .map_err(Error::from)
    }))
    .await
}
