//! The report in each format: JSON exactly as API.md "Reports", CSV as a zip with one table per
//! file, XLSX with one sheet per table; every heading, name and label from the i18n catalogue
//! (`shared/i18n/<lang>/report.ftl`, keys `report-…`).
//!
//! The JSON document is one set of `Serialize` views over the model ([`json`]); CSV and XLSX
//! write the same format-neutral tables ([`tables`]), so the two files cannot disagree on a
//! column or a figure. Amounts stay exact decimals up to the last step: JSON and CSV print them
//! as strings with 2 decimals, XLSX stores them as spreadsheet numbers (a display of the exact
//! figure, the only place a float appears).

pub(crate) mod csv;
mod json;
mod tables;
#[cfg(test)]
mod tests;
mod xlsx;

use rust_decimal::Decimal;

use super::{AccountRole, Report, Treatment};
use crate::domain::contract::AssetClass;
use crate::domain::i18n;
use crate::domain::lang::Lang;
use crate::domain::lease::{Framework, round_money};

pub use json::to_json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

impl Format {
    /// The API's spelling (`json | csv | xlsx`, as in `POST /reports`).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The media type of the file (the CSV report is a zip of CSV files).
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "application/zip",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "zip",
            Format::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the report could not be written: {0}")]
pub struct RenderError(pub String);

/// The file of `report` in `format`, labelled in `lang`.
pub fn render(report: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    check_journal(report)?;
    match format {
        Format::Json => json::render(report, lang),
        Format::Csv => csv::render(report, lang),
        Format::Xlsx => xlsx::render(report, lang),
    }
}

/// Every journal entry names a contract of the report ([`super::build`] makes them so): checked
/// once here, so no format writes an entry without its contract.
fn check_journal(report: &Report) -> Result<(), RenderError> {
    match report
        .journal
        .iter()
        .find(|entry| entry.contract >= report.contracts.len())
    {
        Some(entry) => Err(RenderError(format!(
            "the journal entry of {} names contract {} of {}",
            entry.date,
            entry.contract,
            report.contracts.len()
        ))),
        None => Ok(()),
    }
}

/// A label of the catalogue without variables.
fn label(lang: Lang, key: &str) -> String {
    i18n::text(lang, key, &[])
}

/// An amount as the API prints it: exactly 2 decimals, never `-0.00`.
fn amount_string(amount: Decimal) -> String {
    round_money(amount).to_string()
}

/// The API's name of the framework (as `GET /company/settings` derives it).
fn framework_name(framework: Framework) -> &'static str {
    match framework {
        Framework::Ifrs16 => "ifrs16",
        Framework::K3Operating => "k3-operating",
        Framework::K3Finance => "k3-finance",
    }
}

fn framework_label_key(framework: Framework) -> &'static str {
    match framework {
        Framework::Ifrs16 => "report-framework-ifrs16",
        Framework::K3Operating => "report-framework-k3-operating",
        Framework::K3Finance => "report-framework-k3-finance",
    }
}

/// The API's (camelCase) name of an asset class, as contracts spell it.
fn asset_class_key(class: AssetClass) -> &'static str {
    match class {
        AssetClass::Vehicle => "vehicle",
        AssetClass::Equipment => "equipment",
        AssetClass::It => "it",
        AssetClass::Premises => "premises",
        AssetClass::Other => "other",
    }
}

fn asset_class_label_key(class: AssetClass) -> &'static str {
    match class {
        AssetClass::Vehicle => "report-asset-class-vehicle",
        AssetClass::Equipment => "report-asset-class-equipment",
        AssetClass::It => "report-asset-class-it",
        AssetClass::Premises => "report-asset-class-premises",
        AssetClass::Other => "report-asset-class-other",
    }
}

fn treatment_key(treatment: Treatment) -> &'static str {
    match treatment {
        Treatment::BalanceSheet => "balanceSheet",
        Treatment::ShortTerm => "shortTerm",
        Treatment::LowValue => "lowValue",
        Treatment::Operating => "operating",
    }
}

fn treatment_label_key(treatment: Treatment) -> &'static str {
    match treatment {
        Treatment::BalanceSheet => "report-treatment-balance-sheet",
        Treatment::ShortTerm => "report-treatment-short-term",
        Treatment::LowValue => "report-treatment-low-value",
        Treatment::Operating => "report-treatment-operating",
    }
}

/// The journal entry's description: the contract's name and the month (`yyyy-mm`).
fn journal_description(lang: Lang, contract_name: &str, date: chrono::NaiveDate) -> String {
    let month = date.format("%Y-%m").to_string();
    i18n::text(
        lang,
        "report-journal-description",
        &[("name", contract_name), ("month", &month)],
    )
}
