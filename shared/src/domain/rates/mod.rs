//! Interest and currency rates (issue 9; DESIGN.md §7): what the upstream sources publish,
//! the rules an import holds them to, and the maths the read API and the IBR suggestion do.
//! Pure: the importer (aws/, functions/rates-import) fetches and stores.
//!
//! - `upstream`: the payloads (Riksbank SWEA JSON, the ECB's euro reference XML, Fixer JSON)
//!   parsed into [`Observation`]s; a malformed or truncated payload yields none.
//! - `validation`: what an import accepts, holds back or refuses.
//! - `fx`: cross rates through EUR, the latest day on or before a date, averages.
//! - `ibr`: the government yield for a term, interpolated between 2, 5 and 10 years.
//! - `series`: the observations `fx` and `ibr` look up, by series and date.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub mod calendar;
pub mod fx;
pub mod ibr;
pub mod series;

/// Where an observation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Riksbank,
    Ecb,
    Fixer,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Riksbank, Source::Ecb, Source::Fixer];

    /// The name it is stored, logged and answered under (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Riksbank => "riksbank",
            Source::Ecb => "ecb",
            Source::Fixer => "fixer",
        }
    }

    pub fn parse(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The Riksbank series the product imports (SWEA ids, values in percent).
pub const POLICY_RATE: &str = "SECBREPOEFF";
pub const GOVERNMENT_2Y: &str = "SEGVB2YC";
pub const GOVERNMENT_5Y: &str = "SEGVB5YC";
pub const GOVERNMENT_10Y: &str = "SEGVB10YC";
pub const INTEREST_SERIES: [&str; 4] = [POLICY_RATE, GOVERNMENT_2Y, GOVERNMENT_5Y, GOVERNMENT_10Y];

/// One published value: an interest series in percent, or an FX rate as units of the
/// currency (`series` = its ISO 4217 code) for one euro.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub series: String,
    pub date: NaiveDate,
    pub value: Decimal,
    pub source: Source,
}

pub mod upstream;
pub mod validation;
