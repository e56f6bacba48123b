//! Every catalogue key the code names for a rule or a conflict exists, read off the sources of
//! the shared crate and of every function: a key mistyped in a handler would otherwise answer
//! the key itself instead of a sentence, and only on that handler's refusal path.

use std::path::{Path, PathBuf};

use mypages::domain::i18n;

/// The prefixes of the keys errors carry (`FieldErrorKind::Rule`, `ApiError::Conflict`).
const PREFIXES: &[&str] = &[
    "field-rule-",
    "problem-conflict-",
    "lease-amount-",
    "lease-frequency-",
];

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // The app's node_modules and build output hold no Rust.
            if !path.ends_with("ui") && !path.ends_with("target") {
                rust_files(&path, into);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The string literals of `source` that start with one of [`PREFIXES`].
fn named_keys(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| {
            // A bare prefix (`"field-rule-"` in a filter) names no key.
            PREFIXES
                .iter()
                .any(|p| literal.starts_with(p) && literal.len() > p.len())
                && !literal.ends_with('-')
                && literal
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_rule_and_conflict_key_in_the_code_is_in_the_catalogue() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&shared.join("src"), &mut files);
    rust_files(&shared.join("../functions"), &mut files);
    assert!(files.len() > 100, "only {} Rust files found", files.len());
    let mut named = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("a readable source file");
        for key in named_keys(&source) {
            named += 1;
            assert!(
                i18n::has(&key),
                "{}: {key} is not in the catalogue",
                file.display()
            );
        }
    }
    assert!(named > 60, "only {named} keys found in the code");
}
