//! Builds the [`Report`] from the contracts' schedules (plan decisions 1–9).
//!
//! Per contract: the engine's schedule over every version, cut by days at the period start's
//! eve, at each month end and at the period end ([`super::accrual`]); the figures translated
//! ([`super::translate`]); the journal ([`super::journal`]). Totals are the sums of the
//! contracts' figures.
//!
//! What is left out: a contract that commences after the period end, was terminated before the
//! period start (or before it commenced), or whose term ended before the period start (its
//! balances are then zero and nothing flows). Leases kept off the balance sheet (exempt, K3
//! operating) are in: their expense is in profit or loss and their remaining payments are
//! commitments, shown in the maturity analysis like a liability's.
//!
//! What the period end sees: the current portion and the maturity analysis use the versions in
//! force at the period end, and an archive date after the period end changes nothing in the
//! period, so a period's report is the same whenever it is extracted.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::accrual::{Cumulative, Timeline};
use super::journal::{ContractJournal, entries};
use super::translate::{RateBook, all_at, at};
use super::{
    AssetRollForward, ContractInput, ContractReport, LiabilityRollForward, MAX_PERIOD_MONTHS,
    Maturity, ProfitOrLoss, Report, ReportError, ReportRequest, Treatment, VersionInput,
};
use crate::domain::contract::{AssetClass, Exemption};
use crate::domain::currency::Currency;
use crate::domain::lease::{self, Framework, LeaseError, Schedule, round_money};
use crate::domain::rates::fx::EUR;
use crate::domain::rates::series::SeriesTable;

/// How many days before a needed rate date the caller loads observations, so that the latest
/// published day on or before it is among them (weekends, holidays).
pub const RATE_LOOKBACK_DAYS: i64 = 14;

/// The FX series (currency codes, EUR excluded) and the day range the caller must load into
/// the [`SeriesTable`] given to [`build`]: from [`RATE_LOOKBACK_DAYS`] before the opening
/// rate's day (the period start's eve) to the period end. The current portion and the maturity
/// analysis use the closing rate, so nothing later is needed. Nothing at all when every
/// contract is in the reporting currency.
pub fn rates_needed(
    request: &ReportRequest,
    contracts: &[ContractInput],
) -> (Vec<String>, NaiveDate, NaiveDate) {
    let reporting = request.reporting_currency.as_str();
    let foreign: Vec<&str> = contracts
        .iter()
        .filter_map(|contract| contract.versions.first())
        .map(|version| version.terms.currency.as_str())
        .filter(|code| *code != reporting)
        .collect();
    let mut codes: Vec<String> = Vec::new();
    if !foreign.is_empty() {
        codes = foreign
            .into_iter()
            .chain([reporting])
            .filter(|code| *code != EUR)
            .map(str::to_owned)
            .collect();
        codes.sort_unstable();
        codes.dedup();
    }
    let from = request
        .period_start
        .checked_sub_days(Days::new(1 + RATE_LOOKBACK_DAYS.unsigned_abs()))
        .unwrap_or(request.period_start);
    (codes, from, request.period_end)
}

/// The days a report cuts its contracts at.
struct Period {
    start: NaiveDate,
    end: NaiveDate,
    /// The period start's eve: the opening balances are the balances at its end.
    eve: NaiveDate,
    /// The last day of each calendar month's part of the period; the last is `end`.
    month_ends: Vec<NaiveDate>,
    /// 12 months after the eve and after the end: the current portion's horizon.
    eve_horizon: NaiveDate,
    end_horizon: NaiveDate,
    /// `end` + 1, 2, 3, 4, 5 years: the maturity buckets' ends (the sixth takes the rest).
    bucket_ends: [NaiveDate; 6],
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn month_end(day: NaiveDate) -> NaiveDate {
    day.with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .and_then(|next| next.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

impl Period {
    fn new(request: &ReportRequest) -> Result<Period, ReportError> {
        let (start, end) = (request.period_start, request.period_end);
        if end < start {
            return Err(ReportError::PeriodReversed);
        }
        if end >= add_months(start, MAX_PERIOD_MONTHS) {
            return Err(ReportError::PeriodTooLong);
        }
        let eve = start.pred_opt().unwrap_or(start);
        let mut month_ends = Vec::with_capacity(MAX_PERIOD_MONTHS as usize + 1);
        let mut day = start;
        loop {
            let last = month_end(day).min(end);
            month_ends.push(last);
            match last.succ_opt() {
                Some(next) if last < end => day = next,
                _ => break,
            }
        }
        let mut bucket_ends = [end; 6];
        for (years, slot) in (1..).zip(bucket_ends.iter_mut()) {
            *slot = add_months(end, 12 * years);
        }
        Ok(Period {
            start,
            end,
            eve,
            month_ends,
            eve_horizon: add_months(eve, 12),
            end_horizon: add_months(end, 12),
            bucket_ends,
        })
    }
}

/// One contract's figures in its own currency.
struct Native<'a> {
    input: &'a ContractInput,
    /// The version in force at the period end, or at termination if earlier.
    version: &'a VersionInput,
    treatment: Treatment,
    terminated_on: Option<NaiveDate>,
    opening: Cumulative,
    /// At each of the period's month ends.
    months: Vec<Cumulative>,
    /// The principal falling due within 12 months, at the eve and at the period end.
    current_opening: Decimal,
    current_closing: Decimal,
    /// Undiscounted payments after the period end, by [`Period::bucket_ends`].
    maturity: [Decimal; 6],
}

impl Native<'_> {
    fn closing(&self) -> Cumulative {
        self.months.last().copied().unwrap_or(self.opening)
    }
}

fn treatment(framework: Framework, first: &VersionInput) -> Treatment {
    match (framework, first.terms.exemption) {
        (Framework::K3Operating, _) => Treatment::Operating,
        (_, Some(Exemption::ShortTerm)) => Treatment::ShortTerm,
        (_, Some(Exemption::LowValue)) => Treatment::LowValue,
        (_, None) => Treatment::BalanceSheet,
    }
}

fn schedule_of(
    input: &ContractInput,
    versions: &[VersionInput],
    request: &ReportRequest,
) -> Result<Schedule, ReportError> {
    let versions: Vec<lease::Version> = versions
        .iter()
        .map(|version| lease::Version {
            number: version.number,
            effective_from: version.effective_from,
            terms: version.terms.lease_terms(),
        })
        .collect();
    lease::schedule(&versions, request.rate_convention, request.framework).map_err(|error| {
        ReportError::Lease {
            id: input.id.clone(),
            error,
        }
    })
}

/// The versions in force on `day`: those effective on or before it.
fn versions_on(versions: &[VersionInput], day: NaiveDate) -> &[VersionInput] {
    &versions[..versions.partition_point(|version| version.effective_from <= day)]
}

/// The liability at `day` less the liability 12 months later under the versions in force on
/// `day` (`main` when no later version exists), ignoring any termination: the principal that
/// falls due within 12 months as seen on `day`.
fn current_portion(
    input: &ContractInput,
    request: &ReportRequest,
    main: &Schedule,
    commencement: NaiveDate,
    day: NaiveDate,
    horizon: NaiveDate,
    liability: Decimal,
) -> Result<Decimal, ReportError> {
    if liability.is_zero() {
        return Ok(liability);
    }
    let in_force = versions_on(&input.versions, day);
    let own;
    let schedule = if in_force.len() == input.versions.len() {
        main
    } else {
        own = schedule_of(input, in_force, request)?;
        &own
    };
    let later = Timeline::new(schedule, commencement, true, None)
        .cursor()
        .at(horizon)
        .liability();
    Ok(liability - later)
}

fn native<'a>(
    input: &'a ContractInput,
    request: &ReportRequest,
    period: &Period,
) -> Result<Option<Native<'a>>, ReportError> {
    let Some(first) = input.versions.first() else {
        return Err(ReportError::Lease {
            id: input.id.clone(),
            error: LeaseError::NoVersions,
        });
    };
    let commencement = first.terms.commencement_date;
    if commencement > period.end
        || input
            .terminated_on
            .is_some_and(|t| t < commencement || t < period.start)
    {
        return Ok(None);
    }
    let terminated_on = input.terminated_on.filter(|t| *t <= period.end);
    let schedule = schedule_of(input, &input.versions, request)?;
    if schedule
        .rows
        .last()
        .is_none_or(|row| row.end_date < period.start)
    {
        return Ok(None);
    }
    let treatment = treatment(request.framework, first);
    let on_balance_sheet = treatment == Treatment::BalanceSheet;
    let timeline = Timeline::new(&schedule, commencement, on_balance_sheet, terminated_on);
    let mut cursor = timeline.cursor();
    let opening = cursor.at(period.eve);
    let months: Vec<Cumulative> = period.month_ends.iter().map(|d| cursor.at(*d)).collect();
    let closing = months.last().copied().unwrap_or(opening);

    // The common case, every version in force at the eve and no termination: the main walk
    // goes on to the two horizons instead of walking the rows again.
    let single_walk = on_balance_sheet
        && terminated_on.is_none()
        && versions_on(&input.versions, period.eve).len() == input.versions.len();
    let mut current_opening = Decimal::ZERO;
    let mut current_closing = Decimal::ZERO;
    if single_walk {
        let (at_eve, at_end) = (opening.liability(), closing.liability());
        let later_than_eve = cursor.at(period.eve_horizon).liability();
        let later_than_end = cursor.at(period.end_horizon).liability();
        if !at_eve.is_zero() {
            current_opening = at_eve - later_than_eve;
        }
        if !at_end.is_zero() {
            current_closing = at_end - later_than_end;
        }
    } else {
        current_opening = current_portion(
            input,
            request,
            &schedule,
            commencement,
            period.eve,
            period.eve_horizon,
            opening.liability(),
        )?;
    }
    let mut maturity = [Decimal::ZERO; 6];
    if terminated_on.is_none() {
        if !single_walk {
            current_closing = current_portion(
                input,
                request,
                &schedule,
                commencement,
                period.end,
                period.end_horizon,
                closing.liability(),
            )?;
        }
        let in_force = versions_on(&input.versions, period.end);
        let own;
        let at_end = if in_force.len() == input.versions.len() {
            &schedule
        } else {
            own = schedule_of(input, in_force, request)?;
            &own
        };
        maturity = Timeline::new(at_end, commencement, on_balance_sheet, None)
            .payments_after(period.end, &period.bucket_ends);
    }
    let as_of = terminated_on.unwrap_or(period.end);
    let version = versions_on(&input.versions, as_of).last().unwrap_or(first);
    Ok(Some(Native {
        input,
        version,
        treatment,
        terminated_on,
        opening,
        months,
        current_opening,
        current_closing,
        maturity,
    }))
}

/// The three rates of one contract: None when it is in the reporting currency. A rate no
/// figure needs is not looked up and is zero: it only ever multiplies zero amounts.
struct ContractRates {
    opening: Option<Decimal>,
    average: Option<Decimal>,
    closing: Option<Decimal>,
}

fn contract_rates(
    native: &Native<'_>,
    reporting: &Currency,
    book: &mut RateBook<'_>,
) -> Result<ContractRates, ReportError> {
    let currency = &native.version.terms.currency;
    if currency == reporting {
        return Ok(ContractRates {
            opening: None,
            average: None,
            closing: None,
        });
    }
    let code = currency.as_str();
    let closing = native.closing();
    let flows = closing.since(&native.opening);
    let opening_needed = !native.opening.liability().is_zero() || !native.opening.asset().is_zero();
    let average_needed = flows != Cumulative::default();
    let closing_needed = !closing.liability().is_zero()
        || !closing.asset().is_zero()
        || native.maturity.iter().any(|amount| !amount.is_zero());
    let opening = if opening_needed {
        book.opening(code)?.0
    } else {
        Decimal::ZERO
    };
    let average = if average_needed {
        book.average(code)?.0
    } else {
        Decimal::ZERO
    };
    let closing = if closing_needed {
        book.closing(code)?.0
    } else {
        Decimal::ZERO
    };
    Ok(ContractRates {
        opening: Some(opening),
        average: Some(average),
        closing: Some(closing),
    })
}

/// `value` kept between zero and `limit` (whichever sign `limit` has: a final advance row can
/// leave the liability a cent below zero).
fn within(value: Decimal, limit: Decimal) -> Decimal {
    value
        .max(limit.min(Decimal::ZERO))
        .min(limit.max(Decimal::ZERO))
}

struct Translated {
    report: ContractReport,
    current_opening: Decimal,
}

fn translate(native: &Native<'_>, rates: &ContractRates) -> Translated {
    let opening = &native.opening;
    let closing = native.closing();
    let flows = all_at(&closing.since(opening), rates.average);

    let liability_opening = at(opening.liability(), rates.opening);
    let liability_closing = at(closing.liability(), rates.closing);
    let liability_fx = liability_closing
        - (liability_opening + flows.liability_additions + flows.interest - flows.payments
            + flows.liability_remeasurements
            - flows.liability_terminations);
    let current = within(at(native.current_closing, rates.closing), liability_closing);
    let liability = LiabilityRollForward {
        opening: liability_opening,
        additions: flows.liability_additions,
        interest: flows.interest,
        payments: flows.payments,
        remeasurements: flows.liability_remeasurements,
        terminations: flows.liability_terminations,
        fx_difference: round_money(liability_fx),
        closing: liability_closing,
        current: round_money(current),
        non_current: round_money(liability_closing - current),
    };

    let asset_opening = at(opening.asset(), rates.opening);
    let asset_closing = at(closing.asset(), rates.closing);
    let asset_fx = asset_closing
        - (asset_opening + flows.asset_additions - flows.depreciation + flows.asset_remeasurements
            - flows.asset_terminations);
    let right_of_use_asset = AssetRollForward {
        opening: asset_opening,
        additions: flows.asset_additions,
        depreciation: flows.depreciation,
        remeasurements: flows.asset_remeasurements,
        terminations: flows.asset_terminations,
        fx_difference: round_money(asset_fx),
        closing: asset_closing,
    };

    let zero = round_money(Decimal::ZERO);
    let expense_in = |treatment: Treatment| {
        if native.treatment == treatment {
            flows.expense
        } else {
            zero
        }
    };
    let profit_or_loss = ProfitOrLoss {
        depreciation: flows.depreciation,
        interest: flows.interest,
        short_term_expense: expense_in(Treatment::ShortTerm),
        low_value_expense: expense_in(Treatment::LowValue),
        operating_lease_expense: expense_in(Treatment::Operating),
        remeasurement_gain_loss: round_money(
            flows.asset_remeasurements - flows.liability_remeasurements
                + flows.liability_terminations
                - flows.asset_terminations,
        ),
        fx_difference: round_money(asset_fx - liability_fx),
    };

    // Cumulative rounding across the buckets: they add up to the translated total.
    let mut maturity = Maturity::default();
    let mut native_sum = Decimal::ZERO;
    let mut translated_sum = Decimal::ZERO;
    for (amount, slot) in native.maturity.iter().zip(maturity.buckets.iter_mut()) {
        native_sum += amount;
        let translated = at(native_sum, rates.closing);
        *slot = round_money(translated - translated_sum);
        translated_sum = translated;
    }

    let terms = &native.version.terms;
    Translated {
        report: ContractReport {
            id: native.input.id.clone(),
            name: terms.name.clone(),
            asset_class: terms.asset_class,
            currency: terms.currency.clone(),
            version: native.version.number,
            treatment: native.treatment,
            terminated_on: native.terminated_on,
            liability,
            right_of_use_asset,
            profit_or_loss,
            maturity,
        },
        current_opening: within(at(native.current_opening, rates.opening), liability_opening),
    }
}

impl AddAssign<&LiabilityRollForward> for LiabilityRollForward {
    fn add_assign(&mut self, other: &LiabilityRollForward) {
        self.opening += other.opening;
        self.additions += other.additions;
        self.interest += other.interest;
        self.payments += other.payments;
        self.remeasurements += other.remeasurements;
        self.terminations += other.terminations;
        self.fx_difference += other.fx_difference;
        self.closing += other.closing;
        self.current += other.current;
        self.non_current += other.non_current;
    }
}

impl AddAssign<&AssetRollForward> for AssetRollForward {
    fn add_assign(&mut self, other: &AssetRollForward) {
        self.opening += other.opening;
        self.additions += other.additions;
        self.depreciation += other.depreciation;
        self.remeasurements += other.remeasurements;
        self.terminations += other.terminations;
        self.fx_difference += other.fx_difference;
        self.closing += other.closing;
    }
}

impl AddAssign<&ProfitOrLoss> for ProfitOrLoss {
    fn add_assign(&mut self, other: &ProfitOrLoss) {
        self.depreciation += other.depreciation;
        self.interest += other.interest;
        self.short_term_expense += other.short_term_expense;
        self.low_value_expense += other.low_value_expense;
        self.operating_lease_expense += other.operating_lease_expense;
        self.remeasurement_gain_loss += other.remeasurement_gain_loss;
        self.fx_difference += other.fx_difference;
    }
}

impl AddAssign<&Maturity> for Maturity {
    fn add_assign(&mut self, other: &Maturity) {
        for (sum, amount) in self.buckets.iter_mut().zip(other.buckets) {
            *sum += amount;
        }
    }
}

fn zero_liability() -> LiabilityRollForward {
    let zero = round_money(Decimal::ZERO);
    LiabilityRollForward {
        opening: zero,
        additions: zero,
        interest: zero,
        payments: zero,
        remeasurements: zero,
        terminations: zero,
        fx_difference: zero,
        closing: zero,
        current: zero,
        non_current: zero,
    }
}

fn zero_asset() -> AssetRollForward {
    let zero = round_money(Decimal::ZERO);
    AssetRollForward {
        opening: zero,
        additions: zero,
        depreciation: zero,
        remeasurements: zero,
        terminations: zero,
        fx_difference: zero,
        closing: zero,
    }
}

fn zero_profit_or_loss() -> ProfitOrLoss {
    let zero = round_money(Decimal::ZERO);
    ProfitOrLoss {
        depreciation: zero,
        interest: zero,
        short_term_expense: zero,
        low_value_expense: zero,
        operating_lease_expense: zero,
        remeasurement_gain_loss: zero,
        fx_difference: zero,
    }
}

/// The report for `request` over `contracts`, translated with the rates in `rates`.
pub fn build(
    request: &ReportRequest,
    contracts: &[ContractInput],
    rates: &SeriesTable,
) -> Result<Report, ReportError> {
    let period = Period::new(request)?;
    let mut book = RateBook::new(rates, &request.reporting_currency, period.start, period.end);
    let mut report = Report {
        request: request.clone(),
        liability: zero_liability(),
        right_of_use_asset: zero_asset(),
        right_of_use_by_class: Vec::new(),
        profit_or_loss: zero_profit_or_loss(),
        maturity: Maturity {
            buckets: [round_money(Decimal::ZERO); 6],
        },
        journal: Vec::with_capacity(contracts.len() * period.month_ends.len()),
        contracts: Vec::with_capacity(contracts.len()),
        rates: Vec::new(),
    };
    let mut by_class: BTreeMap<AssetClass, AssetRollForward> = BTreeMap::new();
    for input in contracts {
        let Some(native) = native(input, request, &period)? else {
            continue;
        };
        let rates = contract_rates(&native, &request.reporting_currency, &mut book)?;
        let translated = translate(&native, &rates);
        let contract = translated.report;
        entries(
            &ContractJournal {
                contract: report.contracts.len(),
                month_ends: &period.month_ends,
                opening: &native.opening,
                months: &native.months,
                average: rates.average,
                terminated_on: native.terminated_on,
                current_opening: translated.current_opening,
                current_closing: contract.liability.current,
                liability_fx: contract.liability.fx_difference,
                asset_fx: contract.right_of_use_asset.fx_difference,
            },
            &mut report.journal,
        );
        report.liability += &contract.liability;
        report.right_of_use_asset += &contract.right_of_use_asset;
        *by_class
            .entry(contract.asset_class)
            .or_insert_with(zero_asset) += &contract.right_of_use_asset;
        report.profit_or_loss += &contract.profit_or_loss;
        report.maturity += &contract.maturity;
        report.contracts.push(contract);
    }
    report.right_of_use_by_class = by_class.into_iter().collect();
    // A journal reads by date; within a day, in the contracts' order.
    report
        .journal
        .sort_by(|a, b| a.date.cmp(&b.date).then(a.contract.cmp(&b.contract)));
    report.rates = book.used(report.contracts.iter().map(|c| &c.currency))?;
    Ok(report)
}

#[cfg(test)]
mod tests;
