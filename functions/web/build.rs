//! The function embeds the built app: without `ui/dist` there is nothing to serve, so the
//! build stops here and says how to make it (rather than embedding nothing).

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=ui/dist");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let index = Path::new(&manifest_dir).join("ui/dist/index.html");
    if !index.is_file() {
        println!(
            "cargo::error=functions/web/ui/dist/index.html is missing: the web function embeds \
             the built app. Build it first: `npm ci && npm run build` in functions/web/ui \
             (infra/dev.sh and infra/test.sh do it through mypages_web_ui in infra/env.sh)."
        );
    }
}
