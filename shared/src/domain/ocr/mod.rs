//! OCR results in Textract's shape, and what they propose for a contract.
//!
//! - [`blocks`]: Textract's response JSON (`AnalyzeDocument`, `GetDocumentAnalysis`), as every
//!   engine answers it (the real one, and the local engines of the local stack).
//! - `parse`: blocks → pages, lines, key-values, query answers, tables (issue 8, item 5).
//! - `extract`: the parsed document → proposed contract fields (issue 8, item 6), reading
//!   values with `values` (amounts, currencies, dates, frequencies, durations, names).
//! - `queries`: the questions asked of Textract's QUERIES feature; their aliases are [`fields`].

pub mod blocks;
pub mod extract;
pub mod parse;
pub mod queries;
mod values;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The names of the proposed fields: the contract API's where the contract has the field
/// (`domain::contract::ContractTerms`, camelCase, `payment.*` inside `payment`). `lessee`,
/// `noticePeriod` and `indexClause` have no contract field yet: they are proposed for the user
/// to see (and for a later contract version to take), never applied.
pub mod fields {
    /// A decimal string with two decimals (`"12500.00"`): the periodic payment.
    pub const PAYMENT_AMOUNT: &str = "payment.amount";
    /// `monthly`, `quarterly`, `semiannual` or `annual` (`lease::Frequency::as_str`).
    pub const PAYMENT_FREQUENCY: &str = "payment.frequency";
    /// An ISO 4217 code (`SEK`).
    pub const CURRENCY: &str = "currency";
    /// `YYYY-MM-DD`.
    pub const COMMENCEMENT_DATE: &str = "commencementDate";
    /// `YYYY-MM-DD`, the last day of the term.
    pub const END_DATE: &str = "endDate";
    pub const LESSOR: &str = "lessor";
    /// No contract field.
    pub const LESSEE: &str = "lessee";
    /// The contract's `name`: what is leased (the premises, the vehicle, ...).
    pub const NAME: &str = "name";
    /// No contract field. An ISO 8601 duration (`P3M`).
    pub const NOTICE_PERIOD: &str = "noticePeriod";
    /// No contract field. The clause's text as written (`KPI, basmånad oktober 2025`).
    pub const INDEX_CLAUSE: &str = "indexClause";

    /// Every field the extractor proposes.
    pub const ALL: &[&str] = &[
        PAYMENT_AMOUNT,
        PAYMENT_FREQUENCY,
        CURRENCY,
        COMMENCEMENT_DATE,
        END_DATE,
        LESSOR,
        LESSEE,
        NAME,
        NOTICE_PERIOD,
        INDEX_CLAUSE,
    ];
}

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
