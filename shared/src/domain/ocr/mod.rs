//! OCR results in Textract's shape, and what they propose for a contract.
//!
//! - [`blocks`]: Textract's response JSON (`AnalyzeDocument`, `GetDocumentAnalysis`), as every
//!   engine answers it (the real one, and the local engines of the local stack).
//! - `parse`: blocks → pages, lines, key-values, query answers, tables (issue 8, item 5).
//! - `extract`: the parsed document → proposed contract fields (issue 8, item 6).

pub mod blocks;
pub mod extract;
pub mod parse;
pub mod queries;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Proposed contract fields by their API name (`"payment.amount"`, `"payment.frequency"`,
/// `"currency"`, `"commencementDate"`, `"endDate"`, `"lessor"`, `"lessee"`, `"name"`, ...).
pub type Proposed = BTreeMap<String, Proposal>;

/// One proposed value: what a user confirms or corrects, never applied by itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// In the contract field's own format: a decimal string for amounts, ISO dates, the
    /// frequency's API name (`monthly`), the currency code (`SEK`), plain text otherwise.
    pub value: String,
    /// 0–100, as Textract reports confidence.
    pub confidence: f32,
    pub source: ProposalSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalSource {
    /// The text the value was read from.
    pub text: String,
    /// 1-based page number.
    pub page: u32,
}
