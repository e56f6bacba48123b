//! `mypages-cli ocr FILE.json`: replays a saved Textract answer (`AnalyzeDocument`, or
//! `GetDocumentAnalysis`: one response, or a JSON array of the pages of a paged answer)
//! through the pipeline's parser and extractor, offline, so support can see what a document
//! was read as and why a field was (or was not) proposed.

use std::path::Path;

use mypages::domain::ocr::Proposed;
use mypages::domain::ocr::blocks::AnalysisResponse;
use mypages::domain::ocr::extract::propose;
use mypages::domain::ocr::parse::parse;
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// The keys of which a Textract analysis response has at least one.
const TEXTRACT_KEYS: &[&str] = &["Blocks", "JobStatus", "DocumentMetadata"];

#[derive(Debug, Error)]
pub enum ReplayError {
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path} is not a Textract AnalyzeDocument or GetDocumentAnalysis response: {reason}")]
    NotTextract { path: String, reason: String },
}

/// What the command prints: one JSON object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Replay {
    pub pages: u32,
    /// The number of LINE blocks.
    pub lines: usize,
    pub key_values: Vec<ReplayKeyValue>,
    pub queries: Vec<ReplayQuery>,
    /// Every table as rows of cell texts (a merged cell's text in each cell it spans).
    pub tables: Vec<Vec<Vec<String>>>,
    pub proposed: Proposed,
}

#[derive(Debug, Serialize)]
pub struct ReplayKeyValue {
    pub key: String,
    pub value: String,
    pub confidence: f32,
}

#[derive(Debug, Serialize)]
pub struct ReplayQuery {
    pub text: String,
    pub alias: Option<String>,
    pub answers: Vec<ReplayAnswer>,
}

#[derive(Debug, Serialize)]
pub struct ReplayAnswer {
    pub text: String,
    pub confidence: f32,
}

/// Reads and replays a file. The notes say what the file itself reports (a job that failed
/// or is still running has no blocks to read); the command prints them on stderr.
pub fn replay_file(path: &Path) -> Result<(Replay, Vec<String>), ReplayError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ReplayError::Unreadable {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let responses = read_responses(&text).map_err(|reason| ReplayError::NotTextract {
        path: shown,
        reason,
    })?;
    Ok((replay(&responses), notes(&responses)))
}

/// One response object, or an array of them (the pages of a paged answer, in order).
pub fn read_responses(text: &str) -> Result<Vec<AnalysisResponse>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let objects = match value {
        Value::Array(items) if items.is_empty() => return Err("an empty array".to_owned()),
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Err("neither an object nor an array of objects".to_owned()),
    };
    let several = objects.len() > 1;
    objects
        .into_iter()
        .enumerate()
        .map(|(index, object)| {
            let at = if several {
                format!("item {}: ", index + 1)
            } else {
                String::new()
            };
            let textract = object
                .as_object()
                .is_some_and(|o| TEXTRACT_KEYS.iter().any(|key| o.contains_key(*key)));
            if !textract {
                return Err(format!("{at}no {} key", TEXTRACT_KEYS.join(", ")));
            }
            serde_json::from_value(object).map_err(|e| format!("{at}{e}"))
        })
        .collect()
}

pub fn replay(responses: &[AnalysisResponse]) -> Replay {
    let document = parse(responses);
    let proposed = propose(&document);
    Replay {
        pages: document.pages,
        lines: document.lines.len(),
        key_values: document
            .key_values
            .into_iter()
            .map(|kv| ReplayKeyValue {
                key: kv.key,
                value: kv.value,
                confidence: kv.confidence,
            })
            .collect(),
        queries: document
            .queries
            .into_iter()
            .map(|q| ReplayQuery {
                text: q.text,
                alias: q.alias,
                answers: q
                    .answers
                    .into_iter()
                    .map(|a| ReplayAnswer {
                        text: a.text,
                        confidence: a.confidence,
                    })
                    .collect(),
            })
            .collect(),
        tables: document.tables.into_iter().map(|t| t.rows).collect(),
        proposed,
    }
}

fn notes(responses: &[AnalysisResponse]) -> Vec<String> {
    let mut notes = Vec::new();
    for response in responses {
        if let Some(status) = response.job_status.as_deref()
            && status != "SUCCEEDED"
        {
            let message = response.status_message.as_deref().unwrap_or("no message");
            notes.push(format!("the job's status is {status} ({message})"));
        }
        for warning in &response.warnings {
            notes.push(format!(
                "Textract warns {} on pages {:?}",
                warning.error_code.as_deref().unwrap_or("(no code)"),
                warning.pages
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/textract"
        ))
        .join(name)
    }

    #[test]
    fn the_queries_sample() {
        let (replay, notes) = replay_file(&fixture("queries_sample.json")).expect("replay");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!((replay.pages, replay.lines), (1, 114));
        assert!(replay.key_values.is_empty() && replay.tables.is_empty());
        assert_eq!(replay.queries.len(), 9);
        let gross = &replay.queries[5];
        assert_eq!(gross.text, "What is the Current Gross Pay?");
        assert_eq!(
            gross.alias.as_deref(),
            Some("PAYSTUB_PERIOD_CURRENT_GROSS_PAY")
        );
        assert_eq!(gross.answers.len(), 1);
        assert_eq!(
            (gross.answers[0].text.as_str(), gross.answers[0].confidence),
            ("$770.00", 99.0)
        );
        assert!(replay.queries[0].answers.is_empty());
        assert!(replay.proposed.is_empty());
    }

    #[test]
    fn a_paged_answer_as_an_array_reads_as_one_document() {
        let whole = std::fs::read_to_string(fixture("multi-page-forms-samples-2-page.json"))
            .expect("fixture");
        let mut response: Value = serde_json::from_str(&whole).expect("json");
        let blocks = response["Blocks"].as_array().cloned().expect("blocks");
        let (first, second) = blocks.split_at(200);
        response["Blocks"] = Value::Array(first.to_vec());
        response["NextToken"] = Value::String("page-2".to_owned());
        let next = serde_json::json!({"JobStatus": "SUCCEEDED", "Blocks": second});
        let paged = Value::Array(vec![response, next]).to_string();
        let replayed = replay(&read_responses(&paged).expect("pages"));
        let single = replay(&read_responses(&whole).expect("whole"));
        assert_eq!(
            serde_json::to_value(&replayed).expect("json"),
            serde_json::to_value(&single).expect("json")
        );
        assert_eq!((replayed.pages, replayed.lines), (2, 74));
        assert_eq!(replayed.key_values.len(), 39);
        assert_eq!(replayed.tables.len(), 2);
        assert_eq!(
            replayed.tables[1][0],
            vec!["Previous Employment History"; 5]
        );
    }

    #[test]
    fn a_failed_job_is_replayed_empty_with_a_note() {
        let (replay, notes) = replay_file(&fixture("test-failed-response.json")).expect("replay");
        assert_eq!((replay.pages, replay.lines), (0, 0));
        assert_eq!(
            notes,
            ["the job's status is FAILED (Dummy Status Message)".to_owned()]
        );
    }

    #[test]
    fn json_that_is_not_a_textract_answer_is_refused() {
        for (text, reason) in [
            (
                "{\"Items\": []}",
                "no Blocks, JobStatus, DocumentMetadata key",
            ),
            ("[]", "an empty array"),
            ("42", "neither an object nor an array of objects"),
            ("[{\"Blocks\": []}, 7]", "item 2: no Blocks"),
            (
                "{\"Blocks\": [{\"Id\": \"x\"}]}",
                "missing field `BlockType`",
            ),
            ("{\"Blocks\": ", "not JSON"),
        ] {
            let error = read_responses(text).expect_err(text);
            assert!(error.contains(reason), "{text}: {error}");
        }
    }

    #[test]
    fn errors_name_the_file() {
        let missing = Path::new("/nonexistent/textract.json");
        let error = replay_file(missing).expect_err("missing").to_string();
        assert!(error.contains("/nonexistent/textract.json"), "{error}");
    }
}
