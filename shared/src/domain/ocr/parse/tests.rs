//! The parser on every shared Textract fixture (expected values read off the JSON by hand),
//! on hand-made block graphs, and on arbitrary ones (property tests: it never panics).

use super::*;
use crate::domain::ocr::blocks::{DocumentMetadata, Geometry, Query, Relationship};
use proptest::prelude::*;

/// The text of a shared fixture, compiled in: the domain does no I/O, not even in tests.
macro_rules! fixture_text {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/fixtures/textract/",
            $name
        ))
    };
}

/// A shared fixture as the pipeline reads it: one response.
pub(crate) fn fixture(name: &str) -> AnalysisResponse {
    let text = match name {
        "employment-application.json" => fixture_text!("employment-application.json"),
        "multi-page-forms-samples-2-page.json" => {
            fixture_text!("multi-page-forms-samples-2-page.json")
        }
        "queries_sample.json" => fixture_text!("queries_sample.json"),
        "tables_with_headers_and_merged_cells.json" => {
            fixture_text!("tables_with_headers_and_merged_cells.json")
        }
        "test-response.json" => fixture_text!("test-response.json"),
        "test-failed-response.json" => fixture_text!("test-failed-response.json"),
        "test-inprogress-response.json" => fixture_text!("test-inprogress-response.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).expect("a Textract response")
}

fn parsed(name: &str) -> ParsedDocument {
    parse(&[fixture(name)])
}

fn pairs(document: &ParsedDocument) -> Vec<(&str, &str)> {
    document
        .key_values
        .iter()
        .map(|kv| (kv.key.as_str(), kv.value.as_str()))
        .collect()
}

fn rows(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|row| row.iter().map(String::as_str).collect())
        .collect()
}

/// The employment history table of the one-page samples (4 rows, 5 columns).
const EMPLOYMENT_HISTORY: [[&str; 5]; 4] = [
    [
        "Start Date",
        "End Date",
        "Employer Name",
        "Position Held",
        "Reason for leaving",
    ],
    [
        "1/15/2009",
        "6/30/2011",
        "Any Company",
        "Assistant Baker",
        "Family relocated",
    ],
    [
        "7/1/2011",
        "8/10/2013",
        "Best Corp.",
        "Baker",
        "Better opportunity",
    ],
    [
        "8/15/2013",
        "present",
        "Example Corp.",
        "Head Baker",
        "N/A, current employer",
    ],
];

/// The four form fields of employment-application.json and its merged-cells twin.
const APPLICANT_FIELDS: [(&str, &str); 4] = [
    ("Home Address:", "123 Any Street, Any Town, USA"),
    ("Mailing Address:", "same as home address"),
    ("Phone Number:", "555-0100"),
    ("Full Name:", "Jane Doe"),
];

#[test]
fn employment_application() {
    let document = parsed("employment-application.json");
    assert_eq!(document.pages, 1);
    assert_eq!(document.lines.len(), 28);
    assert_eq!(document.words.len(), 63);
    assert_eq!(document.lines[0].text, "Employment Application");
    assert_eq!(document.lines[2].text, "Full Name: Jane Doe");
    assert_eq!(document.lines[27].text, "employer");
    // No Page field anywhere (a synchronous single-page answer): page 1.
    assert!(document.lines.iter().all(|l| l.page == 1));
    assert_eq!(pairs(&document), APPLICANT_FIELDS);
    let confidences: Vec<f32> = document
        .key_values
        .iter()
        .map(|kv| kv.confidence.round())
        .collect();
    assert_eq!(confidences, [95.0, 92.0, 91.0, 87.0]);
    assert_eq!(document.tables.len(), 1);
    assert_eq!(rows(&document.tables[0]), EMPLOYMENT_HISTORY);
    assert!(document.queries.is_empty());
    assert!(document.selection_elements.is_empty());
}

#[test]
fn tables_with_headers_and_merged_cells() {
    let document = parsed("tables_with_headers_and_merged_cells.json");
    assert_eq!(document.pages, 1);
    assert_eq!(document.lines.len(), 28);
    assert_eq!(pairs(&document), APPLICANT_FIELDS);
    assert_eq!(document.tables.len(), 1);
    let table = rows(&document.tables[0]);
    // Row 1 is one MERGED_CELL over five CELLs ("", "", "Previous Employment", "History",
    // ""): its text stands in each of them. Its own RowIndex 3 / RowSpan 2 disagree with the
    // cells it lists; the cells win, so rows 3 and 4 keep their own texts.
    assert_eq!(table.len(), 5);
    assert_eq!(table[0], ["Previous Employment History"; 5]);
    assert_eq!(table[1..], EMPLOYMENT_HISTORY);
}

#[test]
fn multi_page_forms() {
    let document = parsed("multi-page-forms-samples-2-page.json");
    assert_eq!(document.pages, 2);
    assert_eq!(document.lines.len(), 74);
    assert_eq!(document.lines.iter().filter(|l| l.page == 1).count(), 43);
    assert_eq!(document.lines[0].text, "Patient Information");
    assert_eq!(document.lines[43].text, "Employment Application");
    assert_eq!(document.lines[43].page, 2);
    assert_eq!(document.words.len(), 195);
    assert_eq!(document.key_values.len(), 39);
    let on_page = |page: u32| -> Vec<(&str, &str)> {
        document
            .key_values
            .iter()
            .filter(|kv| kv.page == page)
            .map(|kv| (kv.key.as_str(), kv.value.as_str()))
            .collect()
    };
    let first = on_page(1);
    for pair in [
        ("Marital Status:", "MARRIED"),
        ("City:", "ANYTOWN"),
        ("Last Name:", "ROSALEZ"),
        ("First Name:", "ALEJANDRO"),
        ("First Name:", "CARLOS"),
        ("Last Name:", "SALAZAR"),
        ("Phone:", "212-555-0150"),
        ("Phone:", "646-555-0111"),
        ("First Name:", "JANE"),
        ("Address:", "123 ANY STREET"),
        ("Relationship to Patient:", "BROTHER"),
        ("Relationship to Patient:", "FRIEND"),
        ("Email Address:", ""),
        ("State:", "CA"),
        ("Sex:", "M"),
        ("Date of Birth:", "10/10/1982"),
        ("Last Name:", "DOE"),
        ("Phone:", "650-555-0123"),
        ("Zip Code:", "12345"),
    ] {
        assert!(first.contains(&pair), "{pair:?} in {first:?}");
    }
    // The six yes/no questions: twelve check boxes as KEY "Yes"/"No" → their status.
    let yes_selected = first.iter().filter(|p| **p == ("Yes", "SELECTED")).count();
    let no_selected = first.iter().filter(|p| **p == ("No", "SELECTED")).count();
    let boxes = first
        .iter()
        .filter(|(k, _)| *k == "Yes" || *k == "No")
        .count();
    assert_eq!((boxes, yes_selected, no_selected), (12, 2, 4));
    assert_eq!(first.len(), 31);
    assert_eq!(
        on_page(2),
        [
            ("Phone Number:", "555-0100"),
            ("Website", "NOT_SELECTED"),
            ("Job fair", "SELECTED"),
            ("Company Employee", "NOT_SELECTED"),
            ("Home Address:", "23 Any Street, Any Town. USA"),
            ("Full Name:", "Jane Doe"),
            ("relocated", "better opp. N/A, current"),
            ("Assistant baker", "Baker head baker"),
        ]
    );
    assert_eq!(document.selection_elements.len(), 15);
    assert_eq!(
        document
            .selection_elements
            .iter()
            .filter(|s| s.selected)
            .count(),
        7
    );

    assert_eq!(document.tables.len(), 2);
    let covid = &document.tables[0];
    assert_eq!(covid.page, 1);
    let covid = rows(covid);
    // Six questions in column 2, their check boxes in column 3; columns 1 and 4 are empty
    // MERGED_CELLs over all six rows.
    assert_eq!(covid.len(), 6);
    assert!(covid.iter().all(|row| row.len() == 4));
    assert!(
        covid
            .iter()
            .all(|row| row[0].is_empty() && row[3].is_empty())
    );
    assert_eq!(covid[0][1], "Did you feel fever or feverish lately?");
    assert_eq!(covid[0][2], "SELECTED NOT_SELECTED Yes No");
    assert_eq!(covid[1][2], "NOT_SELECTED SELECTED Yes No");
    assert_eq!(
        covid[5][1],
        "Did you travel in the past 14 days to any regions affected by COVID-19?"
    );
    let history = &document.tables[1];
    assert_eq!(history.page, 2);
    assert_eq!(
        rows(history),
        [
            ["Previous Employment History"; 5],
            [
                "Start Date",
                "End Date",
                "Employer Name",
                "Position Held",
                "Reason for leaving"
            ],
            [
                "1/15/2009",
                "6/30/2011",
                "Any Company",
                "Assistant baker",
                "relocated"
            ],
            [
                "7/1/2011",
                "8/10/2013",
                "Example Corp.",
                "Baker",
                "better opp."
            ],
            [
                "8/15/2013",
                "Present",
                "AnyCompany",
                "head baker",
                "N/A, current"
            ],
        ]
    );
}

#[test]
fn queries_sample() {
    let document = parsed("queries_sample.json");
    assert_eq!(document.pages, 1);
    assert_eq!(document.lines.len(), 114);
    assert!(document.key_values.is_empty());
    assert!(document.tables.is_empty());
    type Asked<'a> = (&'a str, Option<&'a str>, Vec<(&'a str, f32)>);
    let answers: Vec<Asked<'_>> = document
        .queries
        .iter()
        .map(|q| {
            (
                q.text.as_str(),
                q.alias.as_deref(),
                q.answers
                    .iter()
                    .map(|a| (a.text.as_str(), a.confidence))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            (
                "What is the Pay Period Start Date?",
                Some("PAYSTUB_PERIOD_START_DATE"),
                vec![]
            ),
            (
                "What is the Pay Period End Date?",
                Some("PAYSTUB_PERIOD_END_DATE"),
                vec![("04/30/2019", 95.0)]
            ),
            (
                "What is the Pay Date?",
                Some("PAYSTUB_PERIOD_PAY_DATE"),
                vec![("04/29/2019", 83.0)]
            ),
            (
                "What is the Employee Name?",
                Some("PAYSTUB_PERIOD_EMPLOYEE_NAME"),
                vec![("Alejandro Rosalez", 100.0)]
            ),
            (
                "What is the company Name?",
                Some("PAYSTUB_PERIOD_COMPANY_NAME"),
                vec![("ANYCOMPANY INC. USA", 96.0)]
            ),
            (
                "What is the Current Gross Pay?",
                Some("PAYSTUB_PERIOD_CURRENT_GROSS_PAY"),
                vec![("$770.00", 99.0)]
            ),
            (
                "What is the YTD Gross Pay?",
                Some("PAYSTUB_PERIOD_YTD_GROSS_PAY"),
                vec![("2,310.00", 98.0)]
            ),
            (
                "What is the regular hourly rate?",
                Some("PAYSTUB_PERIOD_REGULAR_HOURLY_RATE"),
                vec![("10.00", 99.0)]
            ),
            (
                "What is the holiday rate?",
                Some("PAYSTUB_PERIOD_HOLIDAY_RATE"),
                vec![("10.00", 99.0)]
            ),
        ]
    );
}

#[test]
fn test_response() {
    let document = parsed("test-response.json");
    assert_eq!(document.pages, 1);
    assert_eq!(document.lines.len(), 31);
    assert_eq!(document.words.len(), 71);
    assert_eq!(
        pairs(&document),
        [
            ("Job fair", "SELECTED"),
            ("Website", "NOT_SELECTED"),
            ("Home Address:", "123 Any Street, Any Town. USA"),
            ("Company Employee", "NOT_SELECTED"),
            ("Phone Number:", "555-0100"),
            ("Full Name:", "Jane Doe"),
            ("Reason for leaving", ""),
            ("Application Information", ""),
            ("Mailing Address:", "same as above"),
            ("Position Held", ""),
            ("relocated", "better opp. N/A, current"),
            ("End Date", "6/30/2011"),
            ("Any Company", "Example Corp. AnyCompany"),
            ("Assistant baker", "Baker head baker"),
        ]
    );
    assert_eq!(document.key_values[0].confidence.round(), 86.0);
    assert_eq!(document.selection_elements.len(), 3);
    assert_eq!(document.tables.len(), 1);
    assert_eq!(
        rows(&document.tables[0]),
        [
            [
                "Start Date",
                "End Date",
                "Employer Name",
                "Position Held",
                "Reason for leaving"
            ],
            [
                "1/15/2009",
                "6/30/2011",
                "Any Company",
                "Assistant baker",
                "relocated"
            ],
            [
                "7/1/2011",
                "8/10/2013",
                "Example Corp.",
                "Baker",
                "better opp."
            ],
            [
                "8/15/2013",
                "Present",
                "AnyCompany",
                "head baker",
                "N/A, current"
            ],
        ]
    );
}

#[test]
fn failed_and_in_progress_jobs_are_empty_documents() {
    for name in ["test-failed-response.json", "test-inprogress-response.json"] {
        let document = parsed(name);
        assert_eq!(document, ParsedDocument::default(), "{name}");
    }
}

#[test]
fn no_responses_and_empty_responses_are_empty_documents() {
    assert_eq!(parse(&[]), ParsedDocument::default());
    assert_eq!(
        parse(&[AnalysisResponse::default(), AnalysisResponse::default()]),
        ParsedDocument::default()
    );
}

#[test]
fn the_pages_of_a_paged_answer_are_one_document() {
    // GetDocumentAnalysis pages by block count: a KEY in one page can name its VALUE and a
    // TABLE its CELLs in the next. Cut the two-page sample into three response pages.
    let whole = fixture("multi-page-forms-samples-2-page.json");
    let mut pages: Vec<AnalysisResponse> = whole
        .blocks
        .chunks(150)
        .map(|blocks| AnalysisResponse {
            blocks: blocks.to_vec(),
            ..AnalysisResponse::default()
        })
        .collect();
    assert_eq!(pages.len(), 3);
    pages[0].document_metadata = whole.document_metadata.clone();
    assert_eq!(parse(&pages), parse(&[whole]));
}

fn block(kind: BlockType, id: &str) -> Block {
    Block {
        block_type: kind,
        id: id.to_owned(),
        confidence: Some(90.0),
        text: None,
        text_type: None,
        row_index: None,
        column_index: None,
        row_span: None,
        column_span: None,
        geometry: None,
        relationships: Vec::new(),
        entity_types: Vec::new(),
        selection_status: None,
        page: None,
        query: None,
    }
}

fn word(id: &str, text: &str) -> Block {
    Block {
        text: Some(text.to_owned()),
        ..block(BlockType::Word, id)
    }
}

fn related(mut block: Block, kind: &str, ids: &[&str]) -> Block {
    block.relationships.push(Relationship {
        kind: kind.to_owned(),
        ids: ids.iter().map(|id| (*id).to_owned()).collect(),
    });
    block
}

fn entity(mut block: Block, entity: &str) -> Block {
    block.entity_types.push(entity.to_owned());
    block
}

fn respond(blocks: Vec<Block>) -> Vec<AnalysisResponse> {
    vec![AnalysisResponse {
        blocks,
        ..AnalysisResponse::default()
    }]
}

#[test]
fn dangling_ids_cycles_and_unknown_types_are_skipped() {
    let key = related(
        related(
            entity(block(BlockType::KeyValueSet, "k"), "KEY"),
            "VALUE",
            &["v", "missing", "k"],
        ),
        "CHILD",
        &["w1", "nowhere", "k", "v"],
    );
    // The VALUE names the KEY and itself as children: a cycle the parser never follows.
    let value = related(
        entity(block(BlockType::KeyValueSet, "v"), "VALUE"),
        "CHILD",
        &["w2", "v", "k", "u"],
    );
    let unknown = block(BlockType::Unknown, "u");
    let document = parse(&respond(vec![
        key,
        value,
        word("w1", "Hyra:"),
        word("w2", "12 500 kr"),
        unknown,
    ]));
    assert_eq!(pairs(&document), [("Hyra:", "12 500 kr")]);
    assert_eq!(document.pages, 0);
}

#[test]
fn a_key_without_a_value_has_an_empty_value() {
    let key = related(
        entity(block(BlockType::KeyValueSet, "k"), "KEY"),
        "CHILD",
        &["w"],
    );
    let document = parse(&respond(vec![key, word("w", "Hyresvärd")]));
    assert_eq!(pairs(&document), [("Hyresvärd", "")]);
}

#[test]
fn a_missing_or_zero_page_is_page_one_and_pages_count_page_blocks() {
    let mut line = block(BlockType::Line, "l");
    line.text = Some("Hyra 12 500 kr".to_owned());
    line.page = Some(0);
    let mut third = block(BlockType::Page, "p3");
    third.page = Some(3);
    let document = parse(&respond(vec![block(BlockType::Page, "p1"), third, line]));
    assert_eq!(document.pages, 3);
    assert_eq!(document.lines[0].page, 1);
}

#[test]
fn metadata_pages_count_when_larger() {
    let response = AnalysisResponse {
        document_metadata: Some(DocumentMetadata { pages: 4 }),
        blocks: vec![block(BlockType::Page, "p")],
        ..AnalysisResponse::default()
    };
    assert_eq!(parse(&[response]).pages, 4);
}

#[test]
fn lines_are_ordered_by_page_keeping_the_engine_order_within_a_page() {
    let line = |id: &str, page: u32| Block {
        text: Some(id.to_owned()),
        page: Some(page),
        ..block(BlockType::Line, id)
    };
    let document = parse(&respond(vec![
        line("b1", 2),
        line("a1", 1),
        line("b2", 2),
        line("a2", 1),
    ]));
    let order: Vec<&str> = document.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(order, ["a1", "a2", "b1", "b2"]);
}

#[test]
fn a_line_keeps_its_geometry_and_a_line_without_text_reads_its_words() {
    let mut line = related(block(BlockType::Line, "l"), "CHILD", &["w1", "w2"]);
    line.geometry = Some(Geometry {
        bounding_box: Some(BoundingBox {
            width: 0.5,
            height: 0.02,
            left: 0.1,
            top: 0.3,
        }),
        polygon: Vec::new(),
    });
    let document = parse(&respond(vec![
        line,
        word("w1", "Månadshyra"),
        word("w2", "9 000 kr"),
    ]));
    assert_eq!(document.lines[0].text, "Månadshyra 9 000 kr");
    assert_eq!(
        document.lines[0].bounds.map(|b| (b.top, b.left)),
        Some((0.3, 0.1))
    );
}

fn cell(id: &str, row: u32, column: u32, words: &[&str]) -> Block {
    Block {
        row_index: Some(row),
        column_index: Some(column),
        ..related(block(BlockType::Cell, id), "CHILD", words)
    }
}

#[test]
fn cell_spans_fill_every_position_they_cover() {
    let table = related(block(BlockType::Table, "t"), "CHILD", &["c1", "c2", "c3"]);
    let wide = Block {
        column_span: Some(2),
        row_span: Some(2),
        ..cell("c1", 1, 1, &["w1"])
    };
    let document = parse(&respond(vec![
        table,
        wide,
        cell("c2", 1, 3, &["w2"]),
        cell("c3", 3, 2, &["w3"]),
        word("w1", "A"),
        word("w2", "B"),
        word("w3", "C"),
    ]));
    assert_eq!(
        rows(&document.tables[0]),
        [["A", "A", "B"], ["A", "A", ""], ["", "C", ""]]
    );
}

#[test]
fn a_merged_cell_writes_its_text_into_each_cell_it_lists() {
    let table = related(
        related(block(BlockType::Table, "t"), "CHILD", &["c1", "c2", "c3"]),
        "MERGED_CELL",
        &["m", "gone"],
    );
    let merged = related(
        block(BlockType::MergedCell, "m"),
        "CHILD",
        &["c1", "c2", "w1"],
    );
    let document = parse(&respond(vec![
        table,
        merged,
        cell("c1", 1, 1, &["w1"]),
        cell("c2", 2, 1, &["w2"]),
        cell("c3", 1, 2, &[]),
        word("w1", "Hyra"),
        word("w2", "per år"),
    ]));
    assert_eq!(
        rows(&document.tables[0]),
        [["Hyra per år", ""], ["Hyra per år", ""]]
    );
}

#[test]
fn absurd_table_indices_are_cut_to_the_limits() {
    let table = related(block(BlockType::Table, "t"), "CHILD", &["c1", "c2", "c3"]);
    let huge = Block {
        row_span: Some(u32::MAX),
        column_span: Some(u32::MAX),
        ..cell("c1", 1, 1, &[])
    };
    let document = parse(&respond(vec![
        table,
        huge,
        cell("c2", u32::MAX, 1, &[]),
        cell("c3", 0, 0, &[]),
    ]));
    let grid = &document.tables[0].rows;
    assert_eq!(grid.len(), MAX_TABLE_ROWS);
    assert!(grid.iter().all(|row| row.len() == MAX_TABLE_COLUMNS));
}

#[test]
fn a_query_without_answers_and_answers_of_the_wrong_type() {
    let query = Block {
        query: Some(Query {
            text: "What is the rent?".to_owned(),
            alias: Some("payment.amount".to_owned()),
            pages: Vec::new(),
        }),
        ..related(block(BlockType::Query, "q"), "ANSWER", &["a", "w", "x"])
    };
    let answer = Block {
        text: Some("12 500 kr".to_owned()),
        confidence: Some(77.0),
        ..block(BlockType::QueryResult, "a")
    };
    // A QUERY block without its Query is no question.
    let bare = block(BlockType::Query, "q2");
    let document = parse(&respond(vec![query, answer, word("w", "x"), bare]));
    assert_eq!(document.queries.len(), 1);
    let answers = &document.queries[0].answers;
    assert_eq!(answers.len(), 1);
    assert_eq!(
        (answers[0].text.as_str(), answers[0].confidence),
        ("12 500 kr", 77.0)
    );
}

#[test]
fn confidences_are_kept_within_0_and_100() {
    let mut line = block(BlockType::Line, "l");
    line.confidence = Some(1e30);
    let mut word = word("w", "x");
    word.confidence = Some(-5.0);
    let mut selection = block(BlockType::SelectionElement, "s");
    selection.confidence = Some(f32::NAN);
    let document = parse(&respond(vec![line, word, selection]));
    assert_eq!(document.lines[0].confidence, 100.0);
    assert_eq!(document.words[0].confidence, 0.0);
    assert_eq!(document.selection_elements[0].confidence, 0.0);
}

// Arbitrary block graphs: ids from a small pool so relationships dangle, repeat and cycle;
// every block type; absurd indices, spans, pages and confidences.

const KINDS: &[BlockType] = &[
    BlockType::Page,
    BlockType::Line,
    BlockType::Word,
    BlockType::KeyValueSet,
    BlockType::Table,
    BlockType::Cell,
    BlockType::MergedCell,
    BlockType::SelectionElement,
    BlockType::Query,
    BlockType::QueryResult,
    BlockType::Signature,
    BlockType::TableTitle,
    BlockType::TableFooter,
    BlockType::Title,
    BlockType::Unknown,
];

fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u8..24).prop_map(|n| format!("b{n}")),
        1 => ".{0,6}",
    ]
}

fn any_relationship() -> impl Strategy<Value = Relationship> {
    (
        prop_oneof![
            Just("CHILD".to_owned()),
            Just("VALUE".to_owned()),
            Just("ANSWER".to_owned()),
            Just("MERGED_CELL".to_owned()),
            Just("TITLE".to_owned()),
            "[A-Z_]{0,8}",
        ],
        prop::collection::vec(any_id(), 0..6),
    )
        .prop_map(|(kind, ids)| Relationship { kind, ids })
}

fn any_index() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        1 => Just(None),
        6 => (0u32..8).prop_map(Some),
        1 => any::<u32>().prop_map(Some),
    ]
}

prop_compose! {
    fn any_block()(
        kind in prop::sample::select(KINDS),
        id in any_id(),
        confidence in prop::option::of(any::<f32>()),
        text in prop::option::of("\\PC{0,12}"),
        (row_index, column_index, row_span, column_span) in
            (any_index(), any_index(), any_index(), any_index()),
        relationships in prop::collection::vec(any_relationship(), 0..4),
        entity_types in prop::collection::vec(
            prop::sample::select(vec!["KEY", "VALUE", "COLUMN_HEADER", "X"]), 0..3),
        selection_status in prop::option::of(
            prop::sample::select(vec!["SELECTED", "NOT_SELECTED", ""])),
        page in any_index(),
        query in prop::option::of(("\\PC{0,12}", prop::option::of("[a-zA-Z.]{0,16}"))),
        bounds in prop::option::of((any::<f32>(), any::<f32>())),
    ) -> Block {
        Block {
            block_type: kind,
            id,
            confidence,
            text,
            text_type: None,
            row_index,
            column_index,
            row_span,
            column_span,
            geometry: bounds.map(|(top, left)| Geometry {
                bounding_box: Some(BoundingBox { width: 0.1, height: 0.1, left, top }),
                polygon: Vec::new(),
            }),
            relationships,
            entity_types: entity_types.into_iter().map(str::to_owned).collect(),
            selection_status: selection_status.map(str::to_owned),
            page,
            query: query.map(|(text, alias)| Query { text, alias, pages: Vec::new() }),
        }
    }
}

fn any_responses() -> impl Strategy<Value = Vec<AnalysisResponse>> {
    prop::collection::vec(
        (
            prop::collection::vec(any_block(), 0..40),
            prop::option::of(any::<u32>()),
        )
            .prop_map(|(blocks, pages)| AnalysisResponse {
                blocks,
                document_metadata: pages.map(|pages| DocumentMetadata { pages }),
                ..AnalysisResponse::default()
            }),
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_block_graphs_never_panic(responses in any_responses()) {
        let document = parse(&responses);
        let blocks = || responses.iter().flat_map(|r| &r.blocks);
        let count = |kind: BlockType| blocks().filter(|b| b.block_type == kind).count();
        prop_assert_eq!(document.lines.len(), count(BlockType::Line));
        prop_assert_eq!(document.words.len(), count(BlockType::Word));
        prop_assert_eq!(document.tables.len(), count(BlockType::Table));
        prop_assert!(document.lines.windows(2).all(|w| w[0].page <= w[1].page));
        for table in &document.tables {
            prop_assert!(table.rows.len() <= MAX_TABLE_ROWS);
            let width = table.rows.first().map_or(0, Vec::len);
            prop_assert!(width <= MAX_TABLE_COLUMNS);
            prop_assert!(table.rows.iter().all(|row| row.len() == width));
        }
        let confidences = document.lines.iter().map(|l| l.confidence)
            .chain(document.key_values.iter().map(|kv| kv.confidence))
            .chain(document.queries.iter().flat_map(|q| q.answers.iter().map(|a| a.confidence)));
        for confidence in confidences {
            prop_assert!((0.0..=100.0).contains(&confidence));
        }
        // The extractor takes whatever the parser makes.
        let proposed = crate::domain::ocr::extract::propose(&document);
        for proposal in proposed.values() {
            prop_assert!((0.0..=100.0).contains(&proposal.confidence));
            prop_assert!(proposal.source.page >= 1);
        }
    }

}
