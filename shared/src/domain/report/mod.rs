//! The period report (API.md "Reports", DESIGN.md §11): a portfolio of lease schedules turned
//! into what the accountant books for a period — roll-forwards of the lease liability and the
//! right-of-use asset, profit or loss, the maturity analysis, journal entries and the rates
//! used — in the reporting currency.
//!
//! Pure: [`build`] takes the contracts with every version, the company's choices and the
//! rates already loaded, and returns the [`Report`] model; `render` turns the model into
//! JSON, CSV or XLSX in one of the eight languages. The model is built once and rendered by
//! each format, so the formats cannot disagree.
//!
//! # Signs
//!
//! Like the engine's: balances and flows are positive numbers (interest and depreciation are
//! expenses, payments are cash out, terminations are amounts derecognised). Remeasurements and
//! FX differences are signed: positive increases the balance. `remeasurement_gain_loss` is
//! positive for a gain. Every figure is rounded to cents and the identities hold exactly:
//!
//! - liability: `opening + additions + interest − payments + remeasurements − terminations +
//!   fx_difference = closing`, and `current + non_current = closing`;
//! - right-of-use asset: `opening + additions − depreciation + remeasurements − terminations +
//!   fx_difference = closing`;
//! - the totals are the sums of the contracts' figures, the asset classes' figures sum to the
//!   asset total, every journal entry balances.

pub mod accounts;
mod accrual;
mod build;
mod journal;
pub mod render;
mod translate;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::contract::{AssetClass, ContractTerms};
use super::currency::Currency;
use super::i18n::Message;
use super::lease::{Framework, LeaseError, RateConvention};
use super::rates::fx::FxError;
pub use accounts::{AccountRole, Accounts};
pub use build::{RATE_LOOKBACK_DAYS, build, rates_needed};
pub use translate::AVERAGE_MIN_COVERAGE_PERCENT;

/// The longest period one report covers: journal entries are per contract and month, so a
/// report's size grows with its months.
pub const MAX_PERIOD_MONTHS: u32 = 12;

/// What the company asked for, with its settings resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// Inclusive.
    pub period_start: NaiveDate,
    /// Inclusive.
    pub period_end: NaiveDate,
    pub framework: Framework,
    pub rate_convention: RateConvention,
    pub reporting_currency: Currency,
    pub accounts: Accounts,
}

/// One stored version of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInput {
    pub number: u32,
    pub effective_from: NaiveDate,
    pub terms: ContractTerms,
}

/// A contract with every version in ascending order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractInput {
    pub id: String,
    pub versions: Vec<VersionInput>,
    /// The day the contract was archived: the lease is terminated at the end of that day
    /// (liability and asset derecognised, the difference in profit or loss) and nothing after
    /// it is reported.
    pub terminated_on: Option<NaiveDate>,
}

/// How a contract is accounted for in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Treatment {
    /// IFRS 16, or a K3 finance lease: liability and right-of-use asset.
    BalanceSheet,
    /// IFRS 16 §5(a): straight-line expense.
    ShortTerm,
    /// IFRS 16 §5(b): straight-line expense.
    LowValue,
    /// K3 operating lease: straight-line expense only.
    Operating,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiabilityRollForward {
    pub opening: Decimal,
    pub additions: Decimal,
    pub interest: Decimal,
    pub payments: Decimal,
    pub remeasurements: Decimal,
    pub terminations: Decimal,
    pub fx_difference: Decimal,
    pub closing: Decimal,
    /// Principal falling due within 12 months of the period end.
    pub current: Decimal,
    pub non_current: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AssetRollForward {
    pub opening: Decimal,
    pub additions: Decimal,
    pub depreciation: Decimal,
    pub remeasurements: Decimal,
    pub terminations: Decimal,
    pub fx_difference: Decimal,
    pub closing: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProfitOrLoss {
    pub depreciation: Decimal,
    pub interest: Decimal,
    pub short_term_expense: Decimal,
    pub low_value_expense: Decimal,
    pub operating_lease_expense: Decimal,
    /// §39 gains on remeasurement and the gain or loss on termination: positive = gain.
    pub remeasurement_gain_loss: Decimal,
    /// The net FX translation difference the journal books to the FX account (the liability's
    /// and the asset's `fx_difference`): positive = gain. Zero for a contract in the
    /// reporting currency.
    pub fx_difference: Decimal,
}

/// Undiscounted payments due after the period end, by years from the period end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Maturity {
    /// 0–1, 1–2, 2–3, 3–4, 4–5 and more than 5 years; a payment exactly N years after the
    /// period end falls in the bucket ending at N.
    pub buckets: [Decimal; 6],
}

impl Maturity {
    /// The API's names of the buckets, in order.
    pub const BUCKETS: [&'static str; 6] = ["0-1", "1-2", "2-3", "3-4", "4-5", "5+"];

    pub fn total(&self) -> Decimal {
        self.buckets.iter().copied().sum()
    }
}

/// One contract's figures for the period, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractReport {
    pub id: String,
    /// From the version in force at the period end.
    pub name: String,
    pub asset_class: AssetClass,
    /// The contract's own currency.
    pub currency: Currency,
    /// The version in force at the period end (or at termination, if earlier).
    pub version: u32,
    pub treatment: Treatment,
    /// The termination the report accounts for: the archive date when it is on or before the
    /// period end (a later archive date is an event after the period and changes nothing in it).
    pub terminated_on: Option<NaiveDate>,
    pub liability: LiabilityRollForward,
    pub right_of_use_asset: AssetRollForward,
    pub profit_or_loss: ProfitOrLoss,
    pub maturity: Maturity,
}

/// One line of a journal entry: exactly one of debit and credit is non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalLine {
    pub account: AccountRole,
    pub debit: Decimal,
    pub credit: Decimal,
}

/// The entry of one contract for one month of the period (the part of the month inside the
/// period), dated the last day of that part; its lines are netted per account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    pub date: NaiveDate,
    /// Index into [`Report::contracts`].
    pub contract: usize,
    pub lines: Vec<JournalLine>,
}

/// The rates a contract currency was translated with (absent for the reporting currency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateUsed {
    pub currency: Currency,
    /// Reporting currency per unit of `currency` on the latest day on or before the period end.
    pub closing: Decimal,
    pub closing_date: NaiveDate,
    /// The same on or before the day before the period start (the opening balances' rate).
    /// None when it is not stored and no opening balance needed it (every contract in the
    /// currency commenced in the period, e.g. in the first months of the rates history).
    pub opening: Option<Decimal>,
    pub opening_date: Option<NaiveDate>,
    /// The mean of the daily rates of the period (flows and profit or loss); for a period
    /// without a publication day (a weekend), the closing rate.
    pub average: Decimal,
    /// The days averaged (0 for a period without a publication day).
    pub observations: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub request: ReportRequest,
    pub liability: LiabilityRollForward,
    pub right_of_use_asset: AssetRollForward,
    /// Only the classes with a contract in the report, in [`AssetClass`] order.
    pub right_of_use_by_class: Vec<(AssetClass, AssetRollForward)>,
    pub profit_or_loss: ProfitOrLoss,
    pub maturity: Maturity,
    pub journal: Vec<JournalEntry>,
    /// Every contract with something to report in the period, in input order.
    pub contracts: Vec<ContractReport>,
    /// One per contract currency other than the reporting currency, by currency code.
    pub rates: Vec<RateUsed>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("the period ends before it starts")]
    PeriodReversed,
    #[error("a report covers at most {MAX_PERIOD_MONTHS} months")]
    PeriodTooLong,
    /// No closing, opening or average rate: the rates import has not stored the day(s).
    #[error(transparent)]
    Rate(#[from] FxError),
    /// The period's average rate rests on too few days: `observations` days with both
    /// currencies published, fewer than [`AVERAGE_MIN_COVERAGE_PERCENT`] % of the `expected`
    /// TARGET days of `from..=to` (the rates import is behind or has gaps).
    #[error(
        "the {currency} average rate for {from} to {to} rests on {observations} days of the \
         {expected} on which rates are published"
    )]
    RatesIncomplete {
        currency: String,
        from: NaiveDate,
        to: NaiveDate,
        observations: u32,
        expected: u32,
    },
    /// The latest published rate on or before a balance date is older than
    /// [`MAX_RATE_AGE_DAYS`](translate::MAX_RATE_AGE_DAYS): the import is behind (or the
    /// currency is no longer published), and balances translated at it would be wrong unseen.
    #[error(
        "the latest {currency} rate on or before {date} is from {rate_date}, more than \
         {max_age} days earlier: import the missing days first",
        max_age = translate::MAX_RATE_AGE_DAYS
    )]
    RateStale {
        currency: String,
        date: NaiveDate,
        rate_date: NaiveDate,
    },
    /// A stored contract the engine refuses (a bug or data written by an older version).
    #[error("contract {id}: {error}")]
    Lease { id: String, error: LeaseError },
}

impl ReportError {
    /// The refusal in the catalogue's words (the English text is the `Display` one), for a
    /// 422 in the caller's language.
    pub fn message(&self) -> Message {
        match self {
            ReportError::PeriodReversed => Message::new("field-rule-report-period-reversed"),
            ReportError::PeriodTooLong => {
                Message::new("field-rule-report-period-over-limit").arg("months", MAX_PERIOD_MONTHS)
            }
            ReportError::Rate(error) => error.message(),
            ReportError::RatesIncomplete {
                currency,
                from,
                to,
                observations,
                expected,
            } => Message::new("field-rule-report-rates-incomplete")
                .arg("currency", currency)
                .arg("from", from)
                .arg("to", to)
                .arg("observations", observations)
                .arg("expected", expected),
            ReportError::RateStale {
                currency,
                date,
                rate_date,
            } => Message::new("field-rule-report-rate-stale")
                .arg("currency", currency)
                .arg("date", date)
                .arg("rateDate", rate_date)
                .arg("maxAge", translate::MAX_RATE_AGE_DAYS),
            ReportError::Lease { id, error } => Message::new("field-rule-report-contract-refused")
                .arg("id", id)
                .arg_message("reason", error.message()),
        }
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    /// One refusal of every kind, the rate ones included (a new kind belongs here).
    fn one_of_each() -> Vec<ReportError> {
        vec![
            ReportError::PeriodReversed,
            ReportError::PeriodTooLong,
            ReportError::Rate(FxError::UnknownCurrency("XYZ".into())),
            ReportError::Rate(FxError::RangeReversed {
                from: day("2026-02-01"),
                to: day("2026-01-01"),
            }),
            ReportError::Rate(FxError::NoRate {
                base: "EUR".into(),
                quote: "SEK".into(),
                date: day("2031-06-30"),
            }),
            ReportError::Rate(FxError::NoRateInRange {
                base: "EUR".into(),
                quote: "SEK".into(),
                from: day("2031-01-01"),
                to: day("2031-06-30"),
            }),
            ReportError::Rate(FxError::InvalidRate {
                currency: "EUR".into(),
                date: day("2026-01-02"),
            }),
            ReportError::RatesIncomplete {
                currency: "EUR".into(),
                from: day("2026-01-01"),
                to: day("2026-06-30"),
                observations: 40,
                expected: 126,
            },
            ReportError::RateStale {
                currency: "USD".into(),
                date: day("2026-06-30"),
                rate_date: day("2026-06-01"),
            },
            ReportError::Lease {
                id: "c-1".into(),
                error: LeaseError::ShortTermTooLong { months: 13 },
            },
        ]
    }

    #[test]
    fn the_catalogue_says_in_english_exactly_what_the_error_displays() {
        for error in one_of_each() {
            assert_eq!(error.message().render(Lang::En), error.to_string());
        }
    }

    #[test]
    fn each_refusal_is_translated_with_its_values() {
        for error in one_of_each() {
            let swedish = error.message().render(Lang::Sv);
            assert_ne!(swedish, error.to_string());
            assert!(!swedish.starts_with("field-rule-"), "{swedish}");
            assert!(!swedish.contains('{'), "{swedish}");
        }
        let missing = ReportError::Rate(FxError::NoRate {
            base: "EUR".into(),
            quote: "SEK".into(),
            date: day("2031-06-30"),
        });
        assert_eq!(
            missing.message().render(Lang::Sv),
            "ingen EUR/SEK-kurs finns för 2031-06-30 eller tidigare"
        );
        let nested = ReportError::Lease {
            id: "c-1".into(),
            error: LeaseError::ShortTermTooLong { months: 13 },
        };
        assert_eq!(
            nested.message().render(Lang::Sv),
            "avtal c-1: Undantaget för korttidsleasing kräver en löptid på högst 12 månader; denna \
             löptid är 13 månader."
        );
    }
}
