//! The rates a report translates with (plan decision 8), looked up once per currency and only
//! when a figure needs them: a period that starts before a foreign contract's commencement
//! needs no opening rate, so a report over the first months of the rates history still works.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::accrual::Cumulative;
use super::{RateUsed, ReportError};
use crate::domain::currency::Currency;
use crate::domain::lease::round_money;
use crate::domain::rates::calendar::target_days;
use crate::domain::rates::fx::{self, FxError};
use crate::domain::rates::series::SeriesTable;

/// An average must rest on published rates for at least this share of the period's TARGET
/// days (in percent): a mean of a handful of days is not the period's average, and a gap that
/// large means the import is behind, which the user should fix rather than get a figure.
pub const AVERAGE_MIN_COVERAGE_PERCENT: u32 = 80;

/// How much older than a balance date (the period end, the eve of its start) the rate
/// translating it may be: a week covers every run of days without an ECB publication (a
/// weekend with Good Friday and Easter Monday is four days), and anything older means the
/// import is behind, whatever the average's coverage says.
pub const MAX_RATE_AGE_DAYS: i64 = 7;

/// The rate of a balance date, refused when it is older than [`MAX_RATE_AGE_DAYS`].
fn fresh(currency: &str, date: NaiveDate, rate: &fx::FxRate) -> Result<Dated, ReportError> {
    if (date - rate.rate_date).num_days() > MAX_RATE_AGE_DAYS {
        return Err(ReportError::RateStale {
            currency: currency.to_owned(),
            date,
            rate_date: rate.rate_date,
        });
    }
    Ok((rate.rate, rate.rate_date))
}

/// A rate and the day it was published (for an average: the days averaged).
type Dated = (Decimal, NaiveDate);

#[derive(Default)]
struct Looked {
    opening: Option<Dated>,
    average: Option<(Decimal, u32)>,
    closing: Option<Dated>,
}

/// The rates of one report: reporting currency per unit of each contract currency.
pub(super) struct RateBook<'a> {
    table: &'a SeriesTable,
    reporting: &'a Currency,
    opening_day: NaiveDate,
    period_start: NaiveDate,
    period_end: NaiveDate,
    target_days: usize,
    by_currency: BTreeMap<String, Looked>,
}

impl<'a> RateBook<'a> {
    pub fn new(
        table: &'a SeriesTable,
        reporting: &'a Currency,
        period_start: NaiveDate,
        period_end: NaiveDate,
    ) -> RateBook<'a> {
        RateBook {
            table,
            reporting,
            opening_day: period_start.pred_opt().unwrap_or(period_start),
            period_start,
            period_end,
            target_days: target_days(period_start, period_end).len(),
            by_currency: BTreeMap::new(),
        }
    }

    fn looked(&mut self, currency: &str) -> &mut Looked {
        self.by_currency.entry(currency.to_owned()).or_default()
    }

    /// Reporting currency per `currency` on the latest day on or before the period start's eve.
    pub fn opening(&mut self, currency: &str) -> Result<Dated, ReportError> {
        if let Some(rate) = self.by_currency.get(currency).and_then(|l| l.opening) {
            return Ok(rate);
        }
        let rate = fx::rate_on(
            self.table,
            currency,
            self.reporting.as_str(),
            self.opening_day,
        )?;
        let rate = fresh(currency, self.opening_day, &rate)?;
        self.looked(currency).opening = Some(rate);
        Ok(rate)
    }

    /// The same on or before the period end.
    pub fn closing(&mut self, currency: &str) -> Result<Dated, ReportError> {
        if let Some(rate) = self.by_currency.get(currency).and_then(|l| l.closing) {
            return Ok(rate);
        }
        let rate = fx::rate_on(
            self.table,
            currency,
            self.reporting.as_str(),
            self.period_end,
        )?;
        let rate = fresh(currency, self.period_end, &rate)?;
        self.looked(currency).closing = Some(rate);
        Ok(rate)
    }

    /// The mean of the period's daily rates and the days it rests on, refused when those are
    /// fewer than [`AVERAGE_MIN_COVERAGE_PERCENT`] of the period's TARGET days; for a period
    /// without any TARGET day, the closing rate on no observations.
    pub fn average(&mut self, currency: &str) -> Result<(Decimal, u32), ReportError> {
        if let Some(average) = self.by_currency.get(currency).and_then(|l| l.average) {
            return Ok(average);
        }
        let average = match fx::average(
            self.table,
            currency,
            self.reporting.as_str(),
            self.period_start,
            self.period_end,
        ) {
            Ok(average) => (average.rate, average.observations),
            // A period without a publication day (a weekend, the days around Christmas): the
            // rate in force throughout it is the last one published, the closing rate.
            Err(FxError::NoRateInRange { .. }) if self.target_days == 0 => {
                (self.closing(currency)?.0, 0)
            }
            Err(error) => return Err(error.into()),
        };
        let observations = average.1 as usize;
        if observations * 100 < self.target_days * AVERAGE_MIN_COVERAGE_PERCENT as usize {
            return Err(ReportError::RatesIncomplete {
                currency: currency.to_owned(),
                from: self.period_start,
                to: self.period_end,
                observations: average.1,
                expected: u32::try_from(self.target_days).unwrap_or(u32::MAX),
            });
        }
        self.looked(currency).average = Some(average);
        Ok(average)
    }

    /// One [`RateUsed`] per currency a contract of the report is in (the reporting currency
    /// excluded), by code. Every such currency lists its closing and average rate (API.md);
    /// the opening rate is listed when it is known, and must be known only when an opening
    /// balance needed it (looked up before this).
    pub fn used<'c>(
        &mut self,
        currencies: impl IntoIterator<Item = &'c Currency>,
    ) -> Result<Vec<RateUsed>, ReportError> {
        let mut codes: Vec<&Currency> = currencies
            .into_iter()
            .filter(|currency| *currency != self.reporting)
            .collect();
        codes.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        codes.dedup();
        let mut used = Vec::with_capacity(codes.len());
        for currency in codes {
            let code = currency.as_str();
            let (closing, closing_date) = self.closing(code)?;
            let (average, observations) = self.average(code)?;
            // An opening rate no figure needed may be missing (a period starting before the
            // rates history); it is then not listed.
            let opening = self.opening(code).ok();
            used.push(RateUsed {
                currency: currency.clone(),
                closing,
                closing_date,
                opening: opening.map(|(rate, _)| rate),
                opening_date: opening.map(|(_, day)| day),
                average,
                observations,
            });
        }
        Ok(used)
    }
}

/// `amount` in the reporting currency at `rate` (None: the contract is in the reporting
/// currency), in cents.
pub(super) fn at(amount: Decimal, rate: Option<Decimal>) -> Decimal {
    match rate {
        None => round_money(amount),
        Some(_) if amount.is_zero() => round_money(Decimal::ZERO),
        Some(rate) => round_money(amount * rate),
    }
}

/// Every field of `cumulative` at `rate`; see [`at`].
pub(super) fn all_at(cumulative: &Cumulative, rate: Option<Decimal>) -> Cumulative {
    Cumulative {
        liability_additions: at(cumulative.liability_additions, rate),
        asset_additions: at(cumulative.asset_additions, rate),
        interest: at(cumulative.interest, rate),
        payments: at(cumulative.payments, rate),
        liability_remeasurements: at(cumulative.liability_remeasurements, rate),
        asset_remeasurements: at(cumulative.asset_remeasurements, rate),
        depreciation: at(cumulative.depreciation, rate),
        expense: at(cumulative.expense, rate),
        liability_terminations: at(cumulative.liability_terminations, rate),
        asset_terminations: at(cumulative.asset_terminations, rate),
        depreciation_terminated: at(cumulative.depreciation_terminated, rate),
    }
}
