//! Every saved input of `corpus/` (the fuzz pass's seeds, and each finding once fixed) through
//! its target's check on every `cargo test`: a fixed finding stays fixed without AFL.

use std::path::{Path, PathBuf};

fn check_of(target: &str) -> fn(&[u8]) {
    match target {
        "textract" => mypages_fuzz::textract,
        "ecb" => mypages_fuzz::ecb,
        "swea" => mypages_fuzz::swea,
        "fixer" => mypages_fuzz::fixer,
        "cursor" => mypages_fuzz::cursor,
        "idempotency_key" => mypages_fuzz::idempotency_key_header,
        "if_match" => mypages_fuzz::if_match_header,
        "s3_event_key" => mypages_fuzz::s3_event_key,
        "presigned_post" => mypages_fuzz::presigned_post,
        "contract" => mypages_fuzz::contract,
        other => panic!("corpus/{other} has no check; add it to check_of"),
    }
}

fn names_in(dir: &Path, extension: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| extension.is_none_or(|ext| path.extension().is_some_and(|e| e == ext)))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    names.sort();
    names
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_target_has_a_corpus_and_every_corpus_a_target() {
    let targets = names_in(&crate_dir().join("src/bin"), Some("rs"));
    let corpora = names_in(&crate_dir().join("corpus"), None);
    assert_eq!(targets, corpora);
    assert_eq!(targets.len(), 10);
}

#[test]
fn every_saved_input_passes_its_check() {
    let mut inputs = 0;
    for target in names_in(&crate_dir().join("corpus"), None) {
        let check = check_of(&target);
        let dir = crate_dir().join("corpus").join(&target);
        let files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| Some(entry.ok()?.path()))
            .collect();
        assert!(!files.is_empty(), "corpus/{target} is empty");
        for file in files {
            let data = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            check(&data);
            inputs += 1;
        }
    }
    assert!(inputs >= 10);
}

/// The real Textract answers beside the repository (`../shared/fixtures/textract`) are seeds of
/// the fuzz pass too (never copied in); their check runs here as well.
#[test]
fn the_shared_textract_fixtures_pass_the_check() {
    let dir = crate_dir().join("../../shared/fixtures/textract");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            mypages_fuzz::textract(&std::fs::read(&path).expect("read"));
            read += 1;
        }
    }
    assert!(read >= 5, "{read} fixtures in {}", dir.display());
}
