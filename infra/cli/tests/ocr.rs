//! `mypages-cli ocr` as support runs it: the binary, its output and its exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/textract"
    ))
    .join(name)
    .display()
    .to_string()
}

fn run(file: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mypages-cli"))
        .args(["ocr", file])
        // Offline: nothing may reach for AWS.
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .output()
        .expect("run mypages-cli")
}

#[test]
fn replays_a_fixture_with_a_merged_cell() {
    let output = run(&fixture("tables_with_headers_and_merged_cells.json"));
    assert!(output.status.success(), "{output:?}");
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON");
    let keys: Vec<&str> = printed
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "pages",
        "lines",
        "keyValues",
        "queries",
        "tables",
        "proposed",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(printed["pages"], 1);
    assert_eq!(printed["lines"], 28);
    assert_eq!(printed["keyValues"][3]["key"], "Full Name:");
    assert_eq!(printed["keyValues"][3]["value"], "Jane Doe");
    assert_eq!(printed["keyValues"][3]["confidence"], 87.0);
    assert_eq!(printed["queries"], serde_json::json!([]));
    let table = &printed["tables"][0];
    assert_eq!(
        table[0],
        serde_json::json!(vec!["Previous Employment History"; 5])
    );
    assert_eq!(table[4][4], "N/A, current employer");
    assert_eq!(printed["proposed"], serde_json::json!({}));
}

#[test]
fn a_failed_job_says_so_on_stderr() {
    let file = fixture("test-failed-response.json");
    let output = run(&file);
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&file) && stderr.contains("FAILED"),
        "{stderr}"
    );
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON");
    assert_eq!(printed["lines"], 0);
}

#[test]
fn non_textract_json_and_missing_files_fail_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("not-textract.json");
    std::fs::write(&other, r#"{"Items": [{"id": 1}]}"#).expect("write");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"Blocks\": [").expect("write");
    let missing = dir.path().join("missing.json");
    for (file, says) in [
        (
            &other,
            "is not a Textract AnalyzeDocument or GetDocumentAnalysis response",
        ),
        (&broken, "not JSON"),
        (&missing, "cannot read"),
    ] {
        let output = run(&file.display().to_string());
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&file.display().to_string()) && stderr.contains(says),
            "{stderr}"
        );
    }
}
