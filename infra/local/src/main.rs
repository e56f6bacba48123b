//! `mypages-local`: provisions the emulator from template.yaml, seeds the demo accounts and
//! serves the API on 127.0.0.1. Started by `infra/dev.sh` (and by `infra/test.sh`).

use mypages_local::server;

#[tokio::main]
async fn main() {
    mypages::telemetry::init();
    if let Err(error) = server::run(server::Settings::from_env()).await {
        eprintln!("mypages-local: {error}");
        std::process::exit(1);
    }
}
