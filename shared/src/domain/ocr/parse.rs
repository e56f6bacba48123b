//! Blocks → pages, lines, words, key-value pairs, query answers, tables, selection elements.
//!
//! The input is untrusted (a saved file, a local engine's answer): relationship ids may point
//! nowhere or in circles, block types may be unknown, pages and indices may be missing or
//! absurd. The parser follows relationships exactly one level from a known parent (KEY → VALUE
//! → words, QUERY → answers, TABLE → cells, merged cell → cells), never recursively, so a cycle
//! is just another id that is looked up once; a dangling id is skipped. Nothing here panics.

use std::collections::HashMap;

use super::blocks::{AnalysisResponse, Block, BlockType, BoundingBox};

/// Tables larger than this are cut to it: a hostile `RowIndex` of four billion must not make
/// a grid of four billion rows. Real pages hold far smaller tables.
pub const MAX_TABLE_ROWS: usize = 1000;
pub const MAX_TABLE_COLUMNS: usize = 100;

/// What a document's OCR answer says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// Number of pages (the largest of `DocumentMetadata.Pages` and the PAGE blocks seen).
    pub pages: u32,
    /// Every LINE block, ordered by page and, within a page, in the engine's order (Textract
    /// and the local engine both emit lines in reading order; `bounds` keeps the geometry).
    pub lines: Vec<Line>,
    pub words: Vec<Word>,
    /// One per KEY block, in the engine's order.
    pub key_values: Vec<KeyValue>,
    /// One per QUERY block (a multi-page job answers a query once per page it was asked on).
    pub queries: Vec<QueryAnswers>,
    pub tables: Vec<Table>,
    pub selection_elements: Vec<SelectionElement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// 0–100.
    pub confidence: f32,
    /// 1-based.
    pub page: u32,
    pub bounds: Option<BoundingBox>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub confidence: f32,
    pub page: u32,
}

/// A form field: the KEY's words and its VALUE's words (a selection element reads as its
/// status, `SELECTED` or `NOT_SELECTED`, as Textract's own response parsers write it).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
    /// The lower of the KEY's and the VALUE's confidence.
    pub confidence: f32,
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryAnswers {
    /// The question asked.
    pub text: String,
    pub alias: Option<String>,
    pub page: u32,
    pub answers: Vec<QueryAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryAnswer {
    pub text: String,
    pub confidence: f32,
    pub page: u32,
}

/// A table as rows of cell texts; every row has the same number of cells. A cell that spans
/// several rows or columns (`RowSpan`/`ColumnSpan`, or a MERGED_CELL) has its text in each
/// position it covers; a position no cell covers is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub page: u32,
    pub confidence: f32,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SelectionElement {
    pub selected: bool,
    pub confidence: f32,
    pub page: u32,
}

/// Parses every response of one document (one `AnalyzeDocument` answer, or every
/// `NextToken` page of `GetDocumentAnalysis`, in order) as one document: a relationship may
/// point into another response page. Never panics.
pub fn parse(responses: &[AnalysisResponse]) -> ParsedDocument {
    let blocks: Vec<&Block> = responses.iter().flat_map(|r| &r.blocks).collect();
    let graph = Graph::new(&blocks);
    let metadata_pages = responses
        .iter()
        .filter_map(|r| r.document_metadata.as_ref().map(|m| m.pages))
        .max()
        .unwrap_or(0);
    let page_blocks = blocks
        .iter()
        .filter(|b| b.block_type == BlockType::Page)
        .map(|b| page_of(b))
        .max()
        .unwrap_or(0);

    let mut document = ParsedDocument {
        pages: metadata_pages.max(page_blocks),
        ..ParsedDocument::default()
    };
    for block in &blocks {
        match block.block_type {
            BlockType::Line => document.lines.push(Line {
                text: block
                    .text
                    .clone()
                    .unwrap_or_else(|| graph.child_text(block)),
                confidence: confidence_of(block),
                page: page_of(block),
                bounds: block.geometry.as_ref().and_then(|g| g.bounding_box),
            }),
            BlockType::Word => document.words.push(Word {
                text: block.text.clone().unwrap_or_default(),
                confidence: confidence_of(block),
                page: page_of(block),
            }),
            BlockType::SelectionElement => document.selection_elements.push(SelectionElement {
                selected: block.selection_status.as_deref() == Some("SELECTED"),
                confidence: confidence_of(block),
                page: page_of(block),
            }),
            BlockType::KeyValueSet if has_entity(block, "KEY") => {
                document.key_values.push(graph.key_value(block));
            }
            BlockType::Query => {
                if let Some(query) = graph.query(block) {
                    document.queries.push(query);
                }
            }
            BlockType::Table => document.tables.push(graph.table(block)),
            _ => {}
        }
    }
    // Stable: the engine's order is kept within a page.
    document.lines.sort_by_key(|line| line.page);
    document
}

/// 1-based; a missing (single-page synchronous answer) or zero page is page 1.
fn page_of(block: &Block) -> u32 {
    block.page.unwrap_or(1).max(1)
}

/// 0–100; a missing confidence is 0 (nothing vouches for the text).
fn confidence_of(block: &Block) -> f32 {
    clamp_confidence(block.confidence.unwrap_or(0.0))
}

fn clamp_confidence(value: f32) -> f32 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 100.0)
    }
}

fn has_entity(block: &Block, entity: &str) -> bool {
    block.entity_types.iter().any(|e| e == entity)
}

/// The blocks by id (the first of duplicate ids wins), and the one-level lookups.
struct Graph<'a> {
    by_id: HashMap<&'a str, &'a Block>,
}

impl<'a> Graph<'a> {
    fn new(blocks: &[&'a Block]) -> Self {
        let mut by_id = HashMap::with_capacity(blocks.len());
        for block in blocks {
            by_id.entry(block.id.as_str()).or_insert(*block);
        }
        Graph { by_id }
    }

    /// The existing blocks of `block`'s relationships of `kind`, in order.
    fn related<'s>(
        &'s self,
        block: &'a Block,
        kind: &'s str,
    ) -> impl Iterator<Item = &'a Block> + 's {
        block
            .relationships
            .iter()
            .filter(move |r| r.kind == kind)
            .flat_map(|r| &r.ids)
            .filter_map(move |id| self.by_id.get(id.as_str()).copied())
    }

    /// The block's CHILD words (and selection statuses), joined by spaces.
    fn child_text(&self, block: &'a Block) -> String {
        let parts: Vec<&str> = self
            .related(block, "CHILD")
            .filter_map(|child| match child.block_type {
                BlockType::Word => child.text.as_deref(),
                BlockType::SelectionElement => child.selection_status.as_deref(),
                _ => None,
            })
            .filter(|text| !text.is_empty())
            .collect();
        parts.join(" ")
    }

    fn key_value(&self, key: &'a Block) -> KeyValue {
        let values: Vec<&Block> = self
            .related(key, "VALUE")
            .filter(|v| v.block_type == BlockType::KeyValueSet && !has_entity(v, "KEY"))
            .collect();
        let value_texts: Vec<String> = values
            .iter()
            .map(|v| self.child_text(v))
            .filter(|t| !t.is_empty())
            .collect();
        let confidence = values
            .iter()
            .map(|v| confidence_of(v))
            .fold(confidence_of(key), f32::min);
        KeyValue {
            key: self.child_text(key),
            value: value_texts.join(" "),
            confidence,
            page: page_of(key),
        }
    }

    fn query(&self, block: &'a Block) -> Option<QueryAnswers> {
        let query = block.query.as_ref()?;
        let answers = self
            .related(block, "ANSWER")
            .filter(|a| a.block_type == BlockType::QueryResult)
            .map(|a| QueryAnswer {
                text: a.text.clone().unwrap_or_default(),
                confidence: confidence_of(a),
                page: page_of(a),
            })
            .collect();
        Some(QueryAnswers {
            text: query.text.clone(),
            alias: query.alias.clone(),
            page: page_of(block),
            answers,
        })
    }

    fn table(&self, table: &'a Block) -> Table {
        let cells: Vec<Cell> = self
            .related(table, "CHILD")
            .filter(|c| c.block_type == BlockType::Cell)
            .filter_map(|c| Cell::of(c, self.child_text(c)))
            .collect();
        let rows = cells.iter().map(|c| c.last_row()).max().unwrap_or(0);
        let columns = cells.iter().map(|c| c.last_column()).max().unwrap_or(0);
        let mut grid = vec![vec![String::new(); columns]; rows];
        for cell in &cells {
            cell.fill(&mut grid, &cell.text);
        }
        // A merged cell's text is its cells' texts in order; it is written into every cell it
        // spans. The CELLs it lists are the truth: its own RowIndex/RowSpan can disagree with
        // them (the shared fixture tables_with_headers_and_merged_cells.json does).
        for merged in self
            .related(table, "MERGED_CELL")
            .filter(|m| m.block_type == BlockType::MergedCell)
        {
            let spanned: Vec<Cell> = self
                .related(merged, "CHILD")
                .filter(|c| c.block_type == BlockType::Cell)
                .filter_map(|c| Cell::of(c, self.child_text(c)))
                .collect();
            let texts: Vec<&str> = spanned
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            let text = texts.join(" ");
            for cell in &spanned {
                cell.fill(&mut grid, &text);
            }
        }
        Table {
            page: page_of(table),
            confidence: confidence_of(table),
            rows: grid,
        }
    }
}

/// A CELL's place in the grid: 0-based, its span already cut to the table limits.
struct Cell {
    row: usize,
    column: usize,
    row_span: usize,
    column_span: usize,
    text: String,
}

impl Cell {
    /// None for a cell without a (1-based) position inside the table limits.
    fn of(block: &Block, text: String) -> Option<Cell> {
        let row = usize::try_from(block.row_index?.checked_sub(1)?).ok()?;
        let column = usize::try_from(block.column_index?.checked_sub(1)?).ok()?;
        if row >= MAX_TABLE_ROWS || column >= MAX_TABLE_COLUMNS {
            return None;
        }
        let span = |span: Option<u32>, limit: usize| {
            usize::try_from(span.unwrap_or(1).max(1))
                .unwrap_or(limit)
                .min(limit)
        };
        Some(Cell {
            row,
            column,
            row_span: span(block.row_span, MAX_TABLE_ROWS - row),
            column_span: span(block.column_span, MAX_TABLE_COLUMNS - column),
            text,
        })
    }

    /// One past the last row it covers (at most [`MAX_TABLE_ROWS`]).
    fn last_row(&self) -> usize {
        self.row + self.row_span
    }

    fn last_column(&self) -> usize {
        self.column + self.column_span
    }

    fn fill(&self, grid: &mut [Vec<String>], text: &str) {
        for row in grid.iter_mut().skip(self.row).take(self.row_span) {
            for position in row.iter_mut().skip(self.column).take(self.column_span) {
                text.clone_into(position);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
