//! Textract's response JSON (PascalCase, as the API and the saved fixtures spell it). Every
//! field but `BlockType` and `Id` is optional: Textract leaves out what does not apply, and a
//! saved file is untrusted input. Unknown block types and fields are kept, never an error.

use serde::{Deserialize, Serialize};

/// One answer of `AnalyzeDocument`, or one page (`NextToken`) of `GetDocumentAnalysis`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AnalysisResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_metadata: Option<DocumentMetadata>,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// `IN_PROGRESS`, `SUCCEEDED`, `FAILED`, `PARTIAL_SUCCESS` (asynchronous jobs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentMetadata {
    #[serde(default)]
    pub pages: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Warning {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default)]
    pub pages: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Block {
    pub block_type: BlockType,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `PRINTED` or `HANDWRITING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_span: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_span: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geometry: Option<Geometry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Relationship>,
    /// `KEY`/`VALUE` for KEY_VALUE_SET, `COLUMN_HEADER`, `TABLE_TITLE`, ... for cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_types: Vec<String>,
    /// `SELECTED` or `NOT_SELECTED` for SELECTION_ELEMENT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_status: Option<String>,
    /// 1-based; absent in single-page synchronous answers (page 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Query>,
}

/// Textract's block types; any other is kept as `Unknown` and ignored by the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BlockType {
    Page,
    Line,
    Word,
    KeyValueSet,
    Table,
    Cell,
    MergedCell,
    SelectionElement,
    Query,
    QueryResult,
    Signature,
    TableTitle,
    TableFooter,
    Title,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Relationship {
    /// `CHILD`, `VALUE`, `ANSWER`, `MERGED_CELL`, `TITLE`, ... (unknown kinds are kept).
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(default)]
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Geometry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounding_box: Option<BoundingBox>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polygon: Vec<Point>,
}

/// Ratios of the page's width and height (0–1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BoundingBox {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    #[serde(rename = "X")]
    pub x: f32,
    #[serde(rename = "Y")]
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Query {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
}

/// The message Textract publishes to the job's SNS topic when an asynchronous job ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobCompletion {
    pub job_id: String,
    /// `SUCCEEDED`, `FAILED`, `ERROR`, `PARTIAL_SUCCESS`.
    pub status: String,
    #[serde(rename = "API")]
    pub api: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_tag: Option<String>,
    #[serde(default)]
    pub timestamp: Option<i64>,
    pub document_location: JobDocumentLocation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobDocumentLocation {
    #[serde(rename = "S3ObjectName")]
    pub s3_object_name: String,
    #[serde(rename = "S3Bucket")]
    pub s3_bucket: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_block_type_is_kept_as_unknown() {
        let block: Block =
            serde_json::from_str(r#"{"BlockType":"LAYOUT_TEXT","Id":"x"}"#).expect("parse");
        assert_eq!(block.block_type, BlockType::Unknown);
    }
}
