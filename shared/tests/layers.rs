//! The layers of DESIGN.md §1, checked on the source: `domain` is pure (no AWS, no HTTP, no
//! I/O), `aws` adapts the SDKs and knows no HTTP.

use std::path::{Path, PathBuf};

/// What a layer must not name, with the reason given when it does.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "domain",
        &[
            "crate::aws",
            "crate::http",
            "aws_sdk_",
            "aws_config",
            "lambda_http",
            "lambda_runtime",
            "reqwest",
            "tokio::",
            "std::fs",
            "std::net",
            "std::env",
        ],
        "the domain is pure: no AWS, no HTTP, no I/O",
    ),
    (
        "aws",
        &["crate::http", "lambda_http", "http::StatusCode"],
        "storage and identity adapters know no HTTP: map their errors in shared/src/http",
    ),
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The Rust sources that end up in a function: the shared crate's and the functions' own (not
/// the web app's).
fn deployed_sources(root: &Path) -> Vec<PathBuf> {
    let mut files = rust_files(&root.join("shared/src"));
    files.extend(rust_files(&root.join("functions")));
    files.retain(|file| !file.components().any(|c| c.as_os_str() == "ui"));
    files
}

/// Each forbidden name used in `source`, with its line number; comments are not code.
fn violations(source: &str, forbidden: &[&str]) -> Vec<(usize, String)> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .flat_map(|(i, line)| {
            forbidden
                .iter()
                .filter(move |name| line.contains(*name))
                .map(move |name| (i + 1, (*name).to_owned()))
        })
        .collect()
}

#[test]
fn no_layer_reaches_into_a_layer_above_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (layer, forbidden, why) in RULES {
        for file in rust_files(&src.join(layer)) {
            let source = std::fs::read_to_string(&file).expect("readable source");
            for (line, name) in violations(&source, forbidden) {
                found.push(format!("{}:{line}: {name} ({why})", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "layer violations:\n{}", found.join("\n"));
}

/// Every SDK client is built on `aws::sdk::load()` (the configuration read from Lambda's
/// environment; Amazon's roots compiled in, see `aws::sdk::LazyClient`): aws-config is not a
/// dependency of the shared crate or of any function. Its provider chains and the system CA
/// store it reads were most of a cold start beyond a hello world, and its STS and SSO clients a
/// part of every binary.
#[test]
fn the_sdk_configuration_is_loaded_in_one_place() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for file in deployed_sources(&root) {
        let source = std::fs::read_to_string(&file).expect("readable source");
        for (line, name) in violations(&source, &["aws_config"]) {
            found.push(format!("{}:{line}: {name}", file.display()));
        }
    }
    let manifests = std::fs::read_dir(root.join("functions"))
        .expect("functions/")
        .map(|entry| entry.expect("a directory entry").path().join("Cargo.toml"))
        .chain([root.join("shared/Cargo.toml")]);
    for manifest in manifests {
        let text = std::fs::read_to_string(&manifest).expect("a function's Cargo.toml");
        if text
            .lines()
            .any(|l| l.trim_start().starts_with("aws-config"))
        {
            found.push(format!("{}: depends on aws-config", manifest.display()));
        }
    }
    assert!(
        found.is_empty(),
        "load the SDK with mypages::aws::sdk::load(), not aws-config:\n{}",
        found.join("\n")
    );
}

/// The functions build their SDK clients through `aws::sdk::LazyClient` only: on first use, so
/// a function links and builds only the clients its code paths reach (a client built eagerly in
/// `Deps` put every client's code into every binary and its construction into every cold
/// start), and each with the Amazon-roots HTTPS client. `aws/sdk.rs` alone builds clients. (A
/// client built from `sdk::load()`'s configuration some other way refuses to send: a unit test
/// of `aws::sdk` shows it.)
#[test]
fn sdk_clients_are_built_lazily_in_one_place() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for file in deployed_sources(&root)
        .into_iter()
        .filter(|file| !file.ends_with("shared/src/aws/sdk.rs"))
    {
        // `LazyClient::new(` is the way; any other `Client::new(` builds a client now. A
        // file's unit tests (its `#[cfg(test)] mod tests`) may build an offline client.
        let source = std::fs::read_to_string(&file).expect("readable source");
        let code = source
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let source = code.replace("LazyClient::new(", "LazyClient::new_lazy(");
        for (line, name) in violations(&source, &["Client::new(", "Client::from_conf("]) {
            found.push(format!("{}:{line}: {name}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "build SDK clients with mypages::aws::LazyClient::new(&sdk):\n{}",
        found.join("\n")
    );
}

/// Every function runs tokio's current-thread runtime. A Lambda environment serves one event at
/// a time, and no handler runs CPU work beside its own I/O, so worker threads bring nothing; yet
/// starting them was the largest part of what a function's cold start had over the hello
/// world's (issue 13, README "Cold start": `auth-mfa` 1.24 -> 1.05-1.07x). On this runtime
/// `tokio::task::block_in_place` panics, so no deployed source may call it.
#[test]
fn every_function_runs_the_current_thread_runtime() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut mains = 0;
    for file in deployed_sources(&root) {
        let source = std::fs::read_to_string(&file).expect("readable source");
        if file.starts_with(root.join("functions")) && file.ends_with("src/main.rs") {
            mains += 1;
            let runtimes = source.matches("#[tokio::main").count();
            let current = source
                .matches("#[tokio::main(flavor = \"current_thread\")]")
                .count();
            if runtimes != 1 || current != 1 {
                found.push(file.display().to_string());
            }
        }
        for (line, name) in violations(&source, &["block_in_place"]) {
            found.push(format!("{}:{line}: {name}", file.display()));
        }
    }
    assert!(mains >= 50, "found only {mains} functions");
    assert!(
        found.is_empty(),
        "use #[tokio::main(flavor = \"current_thread\")] and no block_in_place:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_forbidden_import_and_ignores_comments() {
    let source = "// crate::http in a comment is fine\nuse crate::http::ApiError;\n";
    assert_eq!(
        violations(source, &["crate::http"]),
        vec![(2, "crate::http".to_owned())]
    );
}
