//! Blocks → pages, lines, words, key-value pairs, query answers, tables, selection elements.
//! (Interface fixed for the pipeline; the parser itself is issue 8 item 5.)

use super::blocks::AnalysisResponse;

/// What a document's OCR answer says, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// Number of pages (the largest of `DocumentMetadata.Pages` and the PAGE blocks seen).
    pub pages: u32,
}

/// Parses every response of one document (one `AnalyzeDocument` answer, or every
/// `NextToken` page of `GetDocumentAnalysis`, in order). Never panics.
pub fn parse(responses: &[AnalysisResponse]) -> ParsedDocument {
    ParsedDocument {
        pages: responses
            .iter()
            .filter_map(|r| r.document_metadata.as_ref().map(|m| m.pages))
            .max()
            .unwrap_or(0),
    }
}
