use lambda_runtime::{Error, run, service_fn};
use mypages::aws::Store;
use mypages::aws::pool_users::PoolUsers;
use mypages::config::required;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    mypages::telemetry::init();
    // No USER_POOL_ID: a trigger of the user pool cannot be configured with the pool's own id
    // (a cycle in the template); each event names its pool.
    let data_table = required("DATA_TABLE")?;
    let audit_table = required("AUDIT_TABLE")?;
    let sdk = mypages::aws::sdk::load()?;
    let deps = auth_pre_token_generation::TriggerDeps {
        store: Store::new(
            mypages::aws::LazyClient::new(&sdk),
            &data_table,
            &audit_table,
        ),
        pool: PoolUsers::new(mypages::aws::LazyClient::new(&sdk)),
    };
    run(service_fn(|event| async {
        auth_pre_token_generation::handler(&deps, event)
            .await
            .map_err(Error::from)
    }))
    .await
}
