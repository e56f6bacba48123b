use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::LeaseError;
use super::money::{periodic_rate, present_value, round_money, round_rate};
use super::terms::{Framework, Grid, LeaseTerms, RateConvention, Timing, validate_terms};

/// Initial measurement at the commencement date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// PV of the payments not paid at commencement (IFRS 16 §26), rounded to cents.
    pub lease_liability: Decimal,
    /// IFRS 16 §24 cost, rounded to cents.
    pub right_of_use_asset: Decimal,
    /// Discount rate per payment period, rounded to [`super::PERIODIC_RATE_DECIMALS`] decimals
    /// for presentation only.
    pub periodic_rate: Decimal,
}

/// IFRS 16 (and K3 finance lease) initial measurement; zero liability and asset for a lease
/// under a short-term or low-value exemption.
pub fn measure(terms: &LeaseTerms, convention: RateConvention) -> Result<Measurement, LeaseError> {
    measure_under(terms, convention, Framework::Ifrs16)
}

/// [`measure`] under a chosen framework: a K3 operating lease has no liability or asset.
pub fn measure_under(
    terms: &LeaseTerms,
    convention: RateConvention,
    framework: Framework,
) -> Result<Measurement, LeaseError> {
    validate_terms(terms)?;
    let grid = Grid::new(terms)?;
    let rate = periodic_rate(terms.annual_rate_percent, terms.frequency, convention)?;
    if framework == Framework::K3Operating || terms.exemption.is_some() {
        return Ok(Measurement {
            lease_liability: round_money(Decimal::ZERO),
            right_of_use_asset: round_money(Decimal::ZERO),
            periodic_rate: round_rate(rate),
        });
    }
    let payments = period_payments(terms, &grid.starts_from(0)?);
    let initial = initial_recognition(terms, &payments, rate)?;
    Ok(Measurement {
        lease_liability: initial.liability,
        right_of_use_asset: initial.right_of_use_asset,
        periodic_rate: round_rate(rate),
    })
}

/// The on-balance-sheet figures at commencement, in cents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Initial {
    pub liability: Decimal,
    /// The periodic payment dated on the commencement date (advance timing), which is excluded
    /// from the liability but part of the asset's cost.
    pub paid_at_commencement: Decimal,
    pub right_of_use_asset: Decimal,
}

/// `payments`: the periodic payments of every period of the term, from the first.
pub(crate) fn initial_recognition(
    terms: &LeaseTerms,
    payments: &[Decimal],
    rate: Decimal,
) -> Result<Initial, LeaseError> {
    let (paid_at_commencement, later) = match (terms.timing, payments.split_first()) {
        (Timing::Advance, Some((first, rest))) => (*first, rest),
        _ => (Decimal::ZERO, payments),
    };
    // Discounting the later payments as an arrears stream puts the PV at commencement, one
    // period before the second period's advance payment.
    let liability = round_money(present_value(later, rate, Timing::Arrears));
    let cost =
        liability + paid_at_commencement + terms.first_increased_fee + terms.initial_direct_costs
            - terms.lease_incentives
            + terms.restoration_costs;
    if cost < Decimal::ZERO {
        return Err(LeaseError::NegativeRightOfUseAsset {
            cost: round_money(cost),
        });
    }
    Ok(Initial {
        liability,
        paid_at_commencement,
        right_of_use_asset: round_money(cost),
    })
}

/// The periodic payment of each period starting on one of `starts`, the output of
/// [`Grid::starts_from`]: every entry but the last, which is the day after the term.
pub(crate) fn period_payments(terms: &LeaseTerms, starts: &[NaiveDate]) -> Vec<Decimal> {
    let periods = starts.len().saturating_sub(1);
    starts[..periods]
        .iter()
        .map(|start| terms.payment_for_period_starting(*start))
        .collect()
}
