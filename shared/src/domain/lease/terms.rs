use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::{
    FIRST_INCREASED_FEE, INITIAL_DIRECT_COSTS, LEASE_INCENTIVES, LeaseError, PAYMENT_AMOUNT,
    RESTORATION_COSTS, STEP_AMOUNT,
};

/// The longest lease term the engine accepts. It bounds the work and memory one API request can
/// cause and keeps every sum far inside `Decimal`'s range.
pub const MAX_TERM_MONTHS: u32 = 1200;

/// The largest single money amount accepted; with [`MAX_TERM_MONTHS`] monthly payments the total
/// still has ample headroom in `Decimal` (about 7.9 × 10^28).
// 10^15 = 232_830 × 2^32 + 2_764_472_320; `Decimal::new` is not const.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Money has at most this many decimals: the schedule is kept in whole cents so every row adds
/// up, and sub-cent inputs would break that. Currencies with another minor unit are refused at
/// the boundary (see `Currency::minor_units`).
pub const MONEY_DECIMALS: u32 = 2;

/// The highest annual discount rate accepted, in percent; the lowest is zero.
pub const MAX_RATE_PERCENT: Decimal = Decimal::ONE_HUNDRED;

/// Payment steps per set of terms: bounds the work one request can cause.
pub const MAX_STEPS: usize = 600;

/// Versions per contract: bounds the work (and the item reads) of one schedule.
pub const MAX_VERSIONS: u32 = 500;

/// Whether `rate` (annual, in percent) is a rate the engine accepts.
pub fn rate_in_range(rate: Decimal) -> bool {
    rate >= Decimal::ZERO && rate <= MAX_RATE_PERCENT
}

/// Whether `value` has no more decimals than money may have (`10.000` is whole cents).
pub fn has_money_precision(value: Decimal) -> bool {
    value.round_dp(MONEY_DECIMALS) == value
}

/// Whether a money amount is within the supported size (inclusive).
pub fn amount_in_range(value: Decimal) -> bool {
    value <= MAX_AMOUNT
}

/// Whether a payment step starting on `from` lies inside the term. A step on the commencement
/// date is allowed: it simply sets the first period's payment.
pub fn step_within_term(from: NaiveDate, commencement: NaiveDate, end: NaiveDate) -> bool {
    from >= commencement && from <= end
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Monthly,
    Quarterly,
    SemiAnnual,
    Annual,
}

impl Frequency {
    pub fn months_per_period(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Quarterly => 3,
            Self::SemiAnnual => 6,
            Self::Annual => 12,
        }
    }

    pub fn periods_per_year(self) -> u32 {
        12 / self.months_per_period()
    }

    /// The API spelling (`monthly | quarterly | semiannual | annual`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::SemiAnnual => "semiannual",
            Self::Annual => "annual",
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Timing {
    /// Paid on the first day of each period.
    Advance,
    /// Paid on the last day of each period.
    Arrears,
}

/// How the annual discount rate becomes a rate per payment period (company policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RateConvention {
    /// `(1 + r)^(1/n) − 1`: compounding over a year reproduces the annual rate.
    #[default]
    Effective,
    /// `r / n`.
    Nominal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Exemption {
    /// IFRS 16 §5(a): term of 12 months or less.
    ShortTerm,
    /// IFRS 16 §5(b): underlying asset of low value.
    LowValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Framework {
    #[default]
    Ifrs16,
    /// K3 (BFNAR 2012:1 ch. 20) operating lease: straight-line expense, nothing on the balance
    /// sheet.
    K3Operating,
    /// K3 finance lease: measured exactly like IFRS 16.
    K3Finance,
}

/// From `from` (inclusive) the periodic payment is `amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentStep {
    pub from: NaiveDate,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseTerms {
    pub commencement: NaiveDate,
    /// Last day of the lease term (inclusive).
    pub end: NaiveDate,
    /// Periodic payment before the first step.
    pub amount: Decimal,
    pub frequency: Frequency,
    pub timing: Timing,
    /// Payment changes, in strictly ascending `from` order. A step applies to every period whose
    /// start is on or after its `from`.
    pub steps: Vec<PaymentStep>,
    /// Annual discount rate in percent: `5.0` means 5 %.
    pub annual_rate_percent: Decimal,
    pub initial_direct_costs: Decimal,
    pub lease_incentives: Decimal,
    pub restoration_costs: Decimal,
    /// K3 "förhöjd första hyra", paid at commencement; zero if none.
    pub first_increased_fee: Decimal,
    pub exemption: Option<Exemption>,
}

impl LeaseTerms {
    /// The periodic payment of the period starting on `period_start`: the last step whose `from`
    /// is on or before it, else the base amount.
    ///
    /// Steps are strictly ascending (checked by [`validate_terms`]), so this is a binary search:
    /// a schedule asks once per period, and with hundreds of steps a scan per period dominated.
    pub fn payment_for_period_starting(&self, period_start: NaiveDate) -> Decimal {
        let applicable = self.steps.partition_point(|step| step.from <= period_start);
        applicable
            .checked_sub(1)
            .and_then(|last| self.steps.get(last))
            .map_or(self.amount, |step| step.amount)
    }
}

/// Checks everything about one set of terms that does not depend on other versions: the term is
/// a whole number of payment periods from commencement, steps are ordered and inside the term,
/// amounts are positive money with at most 2 decimals, costs are not negative, the rate is
/// within 0–100 %, and a short-term exemption really is short-term.
pub fn validate_terms(terms: &LeaseTerms) -> Result<(), LeaseError> {
    check_money(PAYMENT_AMOUNT, terms.amount, true)?;
    check_money(INITIAL_DIRECT_COSTS, terms.initial_direct_costs, false)?;
    check_money(LEASE_INCENTIVES, terms.lease_incentives, false)?;
    check_money(RESTORATION_COSTS, terms.restoration_costs, false)?;
    check_money(FIRST_INCREASED_FEE, terms.first_increased_fee, false)?;
    if !rate_in_range(terms.annual_rate_percent) {
        return Err(LeaseError::RateOutOfRange {
            rate: terms.annual_rate_percent,
        });
    }
    if terms.steps.len() > MAX_STEPS {
        return Err(LeaseError::TooManySteps {
            steps: terms.steps.len(),
            max: MAX_STEPS,
        });
    }

    let grid = Grid::new(terms)?;

    let mut previous: Option<NaiveDate> = None;
    for (index, step) in terms.steps.iter().enumerate() {
        let number = index + 1;
        check_money(STEP_AMOUNT, step.amount, true)?;
        if previous.is_some_and(|prev| step.from <= prev) {
            return Err(LeaseError::StepsOutOfOrder {
                step: number,
                from: step.from,
            });
        }
        if !step_within_term(step.from, terms.commencement, terms.end) {
            return Err(LeaseError::StepOutsideTerm {
                step: number,
                from: step.from,
                commencement: terms.commencement,
                end: terms.end,
            });
        }
        previous = Some(step.from);
    }

    if terms.exemption == Some(Exemption::ShortTerm) && grid.term_months() > 12 {
        return Err(LeaseError::ShortTermTooLong {
            months: grid.term_months(),
        });
    }
    Ok(())
}

fn check_money(field: &'static str, value: Decimal, positive: bool) -> Result<(), LeaseError> {
    if positive && value <= Decimal::ZERO {
        return Err(LeaseError::NonPositiveAmount { field, value });
    }
    if value < Decimal::ZERO {
        return Err(LeaseError::NegativeAmount { field, value });
    }
    if !has_money_precision(value) {
        return Err(LeaseError::TooManyDecimals { field, value });
    }
    if !amount_in_range(value) {
        return Err(LeaseError::AmountTooLarge {
            field,
            value,
            max: MAX_AMOUNT,
        });
    }
    Ok(())
}

/// The payment periods of one set of terms.
///
/// Period `k` starts `k × months_per_period` months after commencement, always counted from the
/// commencement date rather than from the previous start, so a lease commencing on 31 January
/// has periods starting 28/29 February and then 31 March again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grid {
    pub commencement: NaiveDate,
    pub end: NaiveDate,
    pub months_per_period: u32,
    pub periods: u32,
}

impl Grid {
    pub fn new(terms: &LeaseTerms) -> Result<Self, LeaseError> {
        let commencement = terms.commencement;
        let end = terms.end;
        if end < commencement {
            return Err(LeaseError::EndBeforeCommencement { commencement, end });
        }
        let months_per_period = terms.frequency.months_per_period();
        let day_after_end = end
            .checked_add_days(Days::new(1))
            .ok_or(LeaseError::DateOutOfRange)?;
        let months = months_between(commencement, day_after_end);
        if months > i64::from(MAX_TERM_MONTHS) {
            return Err(LeaseError::TermTooLong {
                months: u32::try_from(months).unwrap_or(u32::MAX),
                max: MAX_TERM_MONTHS,
            });
        }
        let mut grid = Self {
            commencement,
            end,
            months_per_period,
            periods: 0,
        };
        // The start of the period after the last one must be the day after `end`. Starts only
        // grow with k, so the candidate is the largest k whose start is not after that day.
        let mut k = u32::try_from(months.max(0)).map_err(|_| LeaseError::DateOutOfRange)?
            / months_per_period;
        while k > 0 && grid.start(k)? > day_after_end {
            k -= 1;
        }
        if k == 0 || grid.start(k)? != day_after_end {
            return Err(LeaseError::TermNotWholePeriods {
                commencement,
                end,
                frequency: terms.frequency,
                shorter: day_before(grid.start(k.max(1))?)?,
                longer: day_before(grid.start(k + 1)?)?,
            });
        }
        grid.periods = k;
        Ok(grid)
    }

    pub fn term_months(&self) -> u32 {
        self.periods * self.months_per_period
    }

    pub fn start(&self, k: u32) -> Result<NaiveDate, LeaseError> {
        self.commencement
            .checked_add_months(Months::new(k * self.months_per_period))
            .ok_or(LeaseError::DateOutOfRange)
    }

    /// The starts of periods `from..=periods`, each computed once. The last entry, the start
    /// the period after the term would have, is the day after the term's end (checked by
    /// [`Grid::new`]), so every period ends (inclusive) the day before the next entry and the
    /// last one on the term's end date.
    pub fn starts_from(&self, from: u32) -> Result<Vec<NaiveDate>, LeaseError> {
        let mut starts = Vec::with_capacity(self.periods.saturating_sub(from) as usize + 1);
        for k in from..=self.periods {
            starts.push(self.start(k)?);
        }
        Ok(starts)
    }

    /// The index of the period starting on `date`, if some period of the term starts on it.
    pub fn index_of_start(&self, date: NaiveDate) -> Result<Option<u32>, LeaseError> {
        let months = months_between(self.commencement, date);
        if months < 0 || months % i64::from(self.months_per_period) != 0 {
            return Ok(None);
        }
        let Ok(k) = u32::try_from(months / i64::from(self.months_per_period)) else {
            return Ok(None);
        };
        if k >= self.periods || self.start(k)? != date {
            return Ok(None);
        }
        Ok(Some(k))
    }
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month())
}

pub(crate) fn day_before(date: NaiveDate) -> Result<NaiveDate, LeaseError> {
    date.checked_sub_days(Days::new(1))
        .ok_or(LeaseError::DateOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lease::test_support::{d, date};

    fn terms(commencement: NaiveDate, end: NaiveDate, frequency: Frequency) -> LeaseTerms {
        LeaseTerms {
            commencement,
            end,
            amount: d("1000"),
            frequency,
            timing: Timing::Advance,
            steps: Vec::new(),
            annual_rate_percent: d("5"),
            initial_direct_costs: Decimal::ZERO,
            lease_incentives: Decimal::ZERO,
            restoration_costs: Decimal::ZERO,
            first_increased_fee: Decimal::ZERO,
            exemption: None,
        }
    }

    #[test]
    fn max_amount_is_ten_to_the_fifteenth() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000"));
    }

    #[test]
    fn periods_from_the_31st_clamp_to_month_end_without_drifting() -> Result<(), LeaseError> {
        let grid = Grid::new(&terms(
            date(2026, 1, 31),
            date(2026, 4, 29),
            Frequency::Monthly,
        ))?;
        assert_eq!(grid.periods, 3);
        let starts = grid.starts_from(0)?;
        assert_eq!(
            starts,
            [
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30)
            ]
        );
        let ends = starts[1..]
            .iter()
            .map(|next| day_before(*next))
            .collect::<Result<Vec<_>, _>>()?;
        assert_eq!(
            ends,
            [date(2026, 2, 27), date(2026, 3, 30), date(2026, 4, 29)]
        );
        assert_eq!(grid.starts_from(2)?, starts[2..]);
        Ok(())
    }

    #[test]
    fn a_term_that_is_not_whole_periods_is_rejected_with_the_nearest_valid_ends() {
        let result = Grid::new(&terms(
            date(2026, 1, 1),
            date(2026, 5, 31),
            Frequency::Quarterly,
        ));
        assert_eq!(
            result,
            Err(LeaseError::TermNotWholePeriods {
                commencement: date(2026, 1, 1),
                end: date(2026, 5, 31),
                frequency: Frequency::Quarterly,
                shorter: date(2026, 3, 31),
                longer: date(2026, 6, 30),
            })
        );
    }

    #[test]
    fn a_term_shorter_than_one_period_is_rejected() {
        let result = Grid::new(&terms(
            date(2026, 1, 1),
            date(2026, 1, 20),
            Frequency::Monthly,
        ));
        assert!(matches!(
            result,
            Err(LeaseError::TermNotWholePeriods { shorter, longer, .. })
                if shorter == date(2026, 1, 31) && longer == date(2026, 1, 31)
        ));
    }

    #[test]
    fn index_of_start_finds_only_real_period_starts() -> Result<(), LeaseError> {
        let grid = Grid::new(&terms(
            date(2026, 1, 31),
            date(2026, 12, 30),
            Frequency::Monthly,
        ))?;
        assert_eq!(grid.index_of_start(date(2026, 2, 28))?, Some(1));
        assert_eq!(grid.index_of_start(date(2026, 3, 31))?, Some(2));
        assert_eq!(grid.index_of_start(date(2026, 3, 30))?, None);
        assert_eq!(grid.index_of_start(date(2026, 12, 31))?, None);
        Ok(())
    }

    #[test]
    fn the_last_step_on_or_before_the_period_start_sets_the_payment() {
        let mut t = terms(date(2026, 1, 1), date(2026, 12, 31), Frequency::Monthly);
        t.steps = vec![
            PaymentStep {
                from: date(2026, 3, 15),
                amount: d("1100"),
            },
            PaymentStep {
                from: date(2026, 6, 1),
                amount: d("1200"),
            },
        ];
        assert_eq!(t.payment_for_period_starting(date(2026, 3, 1)), d("1000"));
        assert_eq!(t.payment_for_period_starting(date(2026, 4, 1)), d("1100"));
        assert_eq!(t.payment_for_period_starting(date(2026, 6, 1)), d("1200"));
    }

    #[test]
    fn validation_rejects_bad_amounts_rates_and_steps() {
        let base = terms(date(2026, 1, 1), date(2026, 12, 31), Frequency::Monthly);
        let mut t = base.clone();
        t.amount = Decimal::ZERO;
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::NonPositiveAmount { .. })
        ));
        let mut t = base.clone();
        t.amount = d("10.005");
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::TooManyDecimals { .. })
        ));
        let mut t = base.clone();
        t.annual_rate_percent = d("100.01");
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::RateOutOfRange { .. })
        ));
        let mut t = base.clone();
        t.lease_incentives = d("-1");
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::NegativeAmount { .. })
        ));
        let mut t = base.clone();
        t.steps = vec![
            PaymentStep {
                from: date(2026, 6, 1),
                amount: d("1"),
            },
            PaymentStep {
                from: date(2026, 6, 1),
                amount: d("2"),
            },
        ];
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::StepsOutOfOrder { step: 2, .. })
        ));
        let mut t = base.clone();
        t.steps = vec![PaymentStep {
            from: date(2027, 1, 1),
            amount: d("1"),
        }];
        assert!(matches!(
            validate_terms(&t),
            Err(LeaseError::StepOutsideTerm { step: 1, .. })
        ));
        let mut t = base;
        t.end = date(2027, 1, 31);
        t.exemption = Some(Exemption::ShortTerm);
        assert_eq!(
            validate_terms(&t),
            Err(LeaseError::ShortTermTooLong { months: 13 })
        );
    }

    #[test]
    fn error_messages_name_the_api_field() {
        let err = LeaseError::TooManyDecimals {
            field: INITIAL_DIRECT_COSTS,
            value: d("1.001"),
        };
        assert_eq!(err.field(), Some("initialDirectCosts"));
        assert_eq!(
            err.to_string(),
            "The initial direct costs must have at most 2 decimal places; it is 1.001."
        );
    }
}
