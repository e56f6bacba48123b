//! The JSON document of API.md "Reports", as `Serialize` views borrowing the model: the file is
//! written straight from the model (no intermediate tree for a 600,000-line journal), and
//! [`to_json`] gives the same document as a value.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::super::{
    AssetRollForward, ContractReport, JournalEntry, LiabilityRollForward, Maturity, ProfitOrLoss,
    RateUsed, Report,
};
use super::{
    RenderError, amount_string, asset_class_key, framework_name, journal_description, treatment_key,
};
use crate::domain::contract::AssetClass;
use crate::domain::lang::Lang;

/// The report as API.md's JSON document.
///
/// # Panics
///
/// When a journal entry names a contract the report does not have: never for a report from
/// [`build`](super::super::build) ([`render`](super::render) answers such a report with an
/// error instead).
pub fn to_json(report: &Report, lang: Lang) -> serde_json::Value {
    // Every map key is a string and every value a string, number or null: the one failure
    // left is the entry without its contract.
    serde_json::to_value(Document { report, lang })
        .expect("every journal entry names a contract of the report")
}

pub(super) fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, RenderError> {
    serde_json::to_vec(&Document { report, lang }).map_err(|e| RenderError(e.to_string()))
}

/// An amount: a string with exactly 2 decimals.
struct Amount(Decimal);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&amount_string(self.0))
    }
}

struct Document<'a> {
    report: &'a Report,
    lang: Lang,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.report;
        let request = &report.request;
        let mut map = serializer.serialize_map(Some(13))?;
        map.serialize_entry("framework", framework_name(request.framework))?;
        map.serialize_entry("periodStart", &request.period_start)?;
        map.serialize_entry("periodEnd", &request.period_end)?;
        map.serialize_entry("reportingCurrency", request.reporting_currency.as_str())?;
        map.serialize_entry("language", self.lang.code())?;
        map.serialize_entry("liability", &Liability(&report.liability))?;
        map.serialize_entry(
            "rightOfUseAsset",
            &Asset {
                asset: &report.right_of_use_asset,
                by_class: Some(&report.right_of_use_by_class),
            },
        )?;
        map.serialize_entry("profitOrLoss", &Pl(&report.profit_or_loss))?;
        map.serialize_entry("maturity", &MaturityList(&report.maturity))?;
        map.serialize_entry(
            "journalEntries",
            &Journal {
                report,
                lang: self.lang,
            },
        )?;
        map.serialize_entry("contracts", &Contracts(&report.contracts))?;
        map.serialize_entry("rates", &Rates(&report.rates))?;
        map.end()
    }
}

struct Liability<'a>(&'a LiabilityRollForward);

impl Serialize for Liability<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("opening", &Amount(l.opening))?;
        map.serialize_entry("additions", &Amount(l.additions))?;
        map.serialize_entry("interest", &Amount(l.interest))?;
        map.serialize_entry("payments", &Amount(l.payments))?;
        map.serialize_entry("remeasurements", &Amount(l.remeasurements))?;
        map.serialize_entry("terminations", &Amount(l.terminations))?;
        map.serialize_entry("fxDifference", &Amount(l.fx_difference))?;
        map.serialize_entry("closing", &Amount(l.closing))?;
        map.serialize_entry("current", &Amount(l.current))?;
        map.serialize_entry("nonCurrent", &Amount(l.non_current))?;
        map.end()
    }
}

/// The asset's roll-forward; the totals carry `byAssetClass`, a contract's do not.
struct Asset<'a> {
    asset: &'a AssetRollForward,
    by_class: Option<&'a [(AssetClass, AssetRollForward)]>,
}

impl Serialize for Asset<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.asset;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("opening", &Amount(a.opening))?;
        map.serialize_entry("additions", &Amount(a.additions))?;
        map.serialize_entry("depreciation", &Amount(a.depreciation))?;
        map.serialize_entry("remeasurements", &Amount(a.remeasurements))?;
        map.serialize_entry("terminations", &Amount(a.terminations))?;
        map.serialize_entry("fxDifference", &Amount(a.fx_difference))?;
        map.serialize_entry("closing", &Amount(a.closing))?;
        if let Some(by_class) = self.by_class {
            map.serialize_entry("byAssetClass", &ByClass(by_class))?;
        }
        map.end()
    }
}

struct ByClass<'a>(&'a [(AssetClass, AssetRollForward)]);

impl Serialize for ByClass<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (class, asset) in self.0 {
            map.serialize_entry(
                asset_class_key(*class),
                &Asset {
                    asset,
                    by_class: None,
                },
            )?;
        }
        map.end()
    }
}

struct Pl<'a>(&'a ProfitOrLoss);

impl Serialize for Pl<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("depreciation", &Amount(p.depreciation))?;
        map.serialize_entry("interest", &Amount(p.interest))?;
        map.serialize_entry("shortTermExpense", &Amount(p.short_term_expense))?;
        map.serialize_entry("lowValueExpense", &Amount(p.low_value_expense))?;
        map.serialize_entry("operatingLeaseExpense", &Amount(p.operating_lease_expense))?;
        map.serialize_entry("remeasurementGainLoss", &Amount(p.remeasurement_gain_loss))?;
        map.serialize_entry("fxDifference", &Amount(p.fx_difference))?;
        map.end()
    }
}

/// All six buckets, always.
struct MaturityList<'a>(&'a Maturity);

impl Serialize for MaturityList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(Maturity::BUCKETS.len()))?;
        for (bucket, amount) in Maturity::BUCKETS.iter().zip(self.0.buckets) {
            seq.serialize_element(&Bucket {
                bucket,
                amount: Amount(amount),
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Bucket<'a> {
    bucket: &'a str,
    amount: Amount,
}

struct Journal<'a> {
    report: &'a Report,
    lang: Lang,
}

impl Serialize for Journal<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.report.journal.len()))?;
        for entry in &self.report.journal {
            seq.serialize_element(&Entry {
                report: self.report,
                entry,
                lang: self.lang,
            })?;
        }
        seq.end()
    }
}

struct Entry<'a> {
    report: &'a Report,
    entry: &'a JournalEntry,
    lang: Lang,
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.entry;
        let contract = self.report.contracts.get(entry.contract).ok_or_else(|| {
            serde::ser::Error::custom(format!(
                "journal entry of {} names contract {} of {}",
                entry.date,
                entry.contract,
                self.report.contracts.len()
            ))
        })?;
        let accounts = &self.report.request.accounts;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("date", &entry.date)?;
        map.serialize_entry(
            "description",
            &journal_description(self.lang, &contract.name, entry.date),
        )?;
        map.serialize_entry("contractId", &contract.id)?;
        let lines: Vec<Line<'_>> = entry
            .lines
            .iter()
            .map(|line| Line {
                account: accounts.code(line.account),
                role: line.account.key(),
                debit: Amount(line.debit),
                credit: Amount(line.credit),
            })
            .collect();
        map.serialize_entry("lines", &lines)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Line<'a> {
    account: &'a str,
    role: &'static str,
    debit: Amount,
    credit: Amount,
}

struct Contracts<'a>(&'a [ContractReport]);

impl Serialize for Contracts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Contract))
    }
}

struct Contract<'a>(&'a ContractReport);

impl Serialize for Contract<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut map = serializer.serialize_map(Some(14))?;
        map.serialize_entry("id", &c.id)?;
        map.serialize_entry("name", &c.name)?;
        map.serialize_entry("currency", c.currency.as_str())?;
        map.serialize_entry("version", &c.version)?;
        map.serialize_entry("liabilityOpening", &Amount(c.liability.opening))?;
        map.serialize_entry("liabilityClosing", &Amount(c.liability.closing))?;
        map.serialize_entry(
            "rightOfUseAssetClosing",
            &Amount(c.right_of_use_asset.closing),
        )?;
        map.serialize_entry("assetClass", asset_class_key(c.asset_class))?;
        map.serialize_entry("treatment", treatment_key(c.treatment))?;
        map.serialize_entry("terminatedOn", &c.terminated_on)?;
        map.serialize_entry("liability", &Liability(&c.liability))?;
        map.serialize_entry(
            "rightOfUseAsset",
            &Asset {
                asset: &c.right_of_use_asset,
                by_class: None,
            },
        )?;
        map.serialize_entry("profitOrLoss", &Pl(&c.profit_or_loss))?;
        map.serialize_entry("maturity", &MaturityList(&c.maturity))?;
        map.end()
    }
}

struct Rates<'a>(&'a [RateUsed]);

impl Serialize for Rates<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|r| Rate {
            currency: r.currency.as_str(),
            closing: r.closing.to_string(),
            closing_date: r.closing_date,
            average: r.average.to_string(),
            opening: r.opening.map(|rate| rate.to_string()),
            opening_date: r.opening_date,
            observations: r.observations,
        }))
    }
}

/// A rate as stored (its own decimals), not rounded to cents.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rate<'a> {
    currency: &'a str,
    closing: String,
    closing_date: NaiveDate,
    average: String,
    /// Null when no contract in the currency had an opening balance (no rate was needed).
    opening: Option<String>,
    opening_date: Option<NaiveDate>,
    observations: u32,
}
