//! Random valid leases, shared by the property tests and the Python agreement test.

use chrono::{Days, Months, NaiveDate};
use mypages::domain::lease::{
    Frequency, LeaseTerms, PaymentStep, RateConvention, Timing, Version, round_money,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

const FREQUENCIES: [Frequency; 4] = [
    Frequency::Monthly,
    Frequency::Quarterly,
    Frequency::SemiAnnual,
    Frequency::Annual,
];

#[derive(Debug, Clone)]
pub struct Case {
    pub versions: Vec<Version>,
    pub convention: RateConvention,
}

#[derive(Debug, Clone)]
struct RawVersion {
    cut: u32,
    periods: u32,
    amount_cents: i64,
    rate_bp: u32,
    switch_to_monthly: bool,
    flip_timing: bool,
}

pub fn fail(message: impl ToString) -> TestCaseError {
    TestCaseError::fail(message.to_string())
}

pub fn cents(value: i64) -> Decimal {
    Decimal::new(value, 2)
}

fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate, TestCaseError> {
    date.checked_add_months(Months::new(months))
        .ok_or_else(|| fail("date out of range"))
}

fn end_after(
    commencement: NaiveDate,
    periods: u32,
    frequency: Frequency,
) -> Result<NaiveDate, TestCaseError> {
    add_months(commencement, periods * frequency.months_per_period())?
        .checked_sub_days(Days::new(1))
        .ok_or_else(|| fail("date out of range"))
}

prop_compose! {
    fn raw_version()(
        cut in any::<u32>(),
        periods in 0u32..120,
        amount_cents in 100i64..5_000_000,
        rate_bp in 0u32..2000,
        switch_to_monthly in any::<bool>(),
        flip_timing in any::<bool>(),
    ) -> RawVersion {
        RawVersion { cut, periods, amount_cents, rate_bp, switch_to_monthly, flip_timing }
    }
}

prop_compose! {
    pub fn lease_case()(
        year in 2000i32..2040,
        month in 1u32..=12,
        day in 1u32..=31,
        frequency in 0usize..4,
        advance in any::<bool>(),
        periods_raw in 0u32..120,
        amount_cents in 100i64..10_000_000,
        rate_bp in 0u32..2000,
        idc_cents in 0i64..10_000_000,
        incentive_share in 0i64..=100,
        restoration_cents in 0i64..5_000_000,
        steps in prop::collection::vec((any::<u32>(), 100i64..10_000_000), 0..4),
        later in prop::collection::vec(raw_version(), 0..3),
        nominal in any::<bool>(),
    ) -> Result<Case, String> {
        build_case(
            (year, month, day), FREQUENCIES[frequency], advance, periods_raw, amount_cents,
            rate_bp, (idc_cents, incentive_share, restoration_cents), &steps, &later, nominal,
        ).map_err(|e| e.to_string())
    }
}

#[allow(clippy::too_many_arguments)]
fn build_case(
    (year, month, day): (i32, u32, u32),
    frequency: Frequency,
    advance: bool,
    periods_raw: u32,
    amount_cents: i64,
    rate_bp: u32,
    (idc_cents, incentive_share, restoration_cents): (i64, i64, i64),
    raw_steps: &[(u32, i64)],
    later: &[RawVersion],
    nominal: bool,
) -> Result<Case, TestCaseError> {
    let commencement = NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
        .ok_or_else(|| fail("bad date"))?;
    let max_periods = 120 / frequency.months_per_period();
    let periods = 1 + periods_raw % max_periods;
    let mpp = frequency.months_per_period();
    let mut step_starts: Vec<u32> = raw_steps.iter().map(|(at, _)| at % periods).collect();
    step_starts.sort_unstable();
    step_starts.dedup();
    let mut steps = Vec::new();
    for (index, k) in step_starts.iter().enumerate() {
        // Some steps start mid-period, which applies them from the next period start.
        let from = add_months(commencement, k * mpp)?
            + Days::new(u64::from(
                raw_steps[index].0.is_multiple_of(3) && *k + 1 < periods,
            ));
        steps.push(PaymentStep {
            from,
            amount: cents(raw_steps[index].1),
        });
    }
    let idc = cents(idc_cents);
    let first = LeaseTerms {
        commencement,
        end: end_after(commencement, periods, frequency)?,
        amount: cents(amount_cents),
        frequency,
        timing: if advance {
            Timing::Advance
        } else {
            Timing::Arrears
        },
        steps,
        annual_rate_percent: Decimal::new(i64::from(rate_bp), 2),
        initial_direct_costs: idc,
        lease_incentives: round_money(idc * Decimal::new(incentive_share, 2)),
        restoration_costs: cents(restoration_cents),
        first_increased_fee: Decimal::ZERO,
        exemption: None,
    };
    let mut versions = vec![Version {
        number: 1,
        effective_from: commencement,
        terms: first,
    }];
    // Months from commencement to the start of the version in force and to its term's end.
    let mut in_force_from_months = 0u32;
    for raw in later {
        let Some(previous) = versions.last() else {
            break;
        };
        let prev_mpp = previous.terms.frequency.months_per_period();
        let prev_months = months_of_term(&previous.terms)?;
        let first_period = in_force_from_months / prev_mpp;
        let last_period = prev_months / prev_mpp;
        if last_period - first_period < 2 {
            break;
        }
        let cut = first_period + 1 + raw.cut % (last_period - first_period - 1);
        let cut_months = cut * prev_mpp;
        let frequency = if raw.switch_to_monthly {
            Frequency::Monthly
        } else {
            previous.terms.frequency
        };
        let mpp = frequency.months_per_period();
        let periods = cut_months / mpp + 1 + raw.periods % (120 / mpp);
        let end = end_after(commencement, periods, frequency)?;
        let timing = match (raw.flip_timing, previous.terms.timing) {
            (false, timing) => timing,
            (true, Timing::Advance) => Timing::Arrears,
            (true, Timing::Arrears) => Timing::Advance,
        };
        let terms = LeaseTerms {
            end,
            amount: cents(raw.amount_cents),
            frequency,
            timing,
            steps: previous
                .terms
                .steps
                .iter()
                .filter(|step| step.from <= end)
                .cloned()
                .collect(),
            annual_rate_percent: Decimal::new(i64::from(raw.rate_bp), 2),
            ..previous.terms.clone()
        };
        let number = previous.number + 1;
        versions.push(Version {
            number,
            effective_from: add_months(commencement, cut_months)?,
            terms,
        });
        in_force_from_months = cut_months;
    }
    Ok(Case {
        versions,
        convention: if nominal {
            RateConvention::Nominal
        } else {
            RateConvention::Effective
        },
    })
}

fn months_of_term(terms: &LeaseTerms) -> Result<u32, TestCaseError> {
    let mut months = 0;
    while add_months(terms.commencement, months)? <= terms.end {
        months += terms.frequency.months_per_period();
    }
    Ok(months)
}
