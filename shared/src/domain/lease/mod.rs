//! Lease accounting under IFRS 16 and Swedish K3 (BFNAR 2012:1 ch. 20): initial measurement,
//! period schedules and remeasurements across contract versions.
//!
//! Pure computation: no I/O, no clock, no global state; the same inputs always give the same
//! figures.
//!
//! # Rounding
//!
//! All arithmetic runs in [`rust_decimal::Decimal`] at full precision (28 digits). Exactly one
//! presentation rounding is used, [`round_money`]: **2 decimals, half away from zero**
//! (`MidpointAwayFromZero`: 0.005 → 0.01, −0.005 → −0.01), always with two decimals and never
//! a negative zero. The periodic rate is computed unrounded and only *presented* with
//! [`PERIODIC_RATE_DECIMALS`] (10) decimals by the same half-up rule.
//!
//! Money inputs must have at most 2 decimals. The initial liability and asset are the full
//! precision present values rounded once; from there the schedule works in whole cents, so every
//! row adds up exactly (see [`ScheduleRow`]):
//!
//! - interest = `round_money(base × periodic rate)`, where base is the opening liability plus
//!   any remeasurement, less the payment when it is due at the period start (advance timing);
//! - depreciation = `round_money(carrying amount / periods left)`, recomputed after each
//!   remeasurement;
//! - straight-line expense = `round_money(amount to expense / periods left)`;
//! - the **final period of the timeline** absorbs the accumulated cent residue: its interest is
//!   whatever brings the liability to exactly 0.00, its depreciation the whole remaining asset,
//!   its expense whatever makes total expense equal total payments. The residue is at most
//!   about half a cent per period (a few cents in practice). In an advance lease the final
//!   period's interest *is* this residue, so it can be a cent or two below zero.
//!
//! # Signs
//!
//! All balances and flows are positive numbers: liability, asset, interest (an expense),
//! payment (cash out), depreciation, expense. The remeasurement columns of a row are signed:
//! positive increases the balance. [`Remeasurement::profit_or_loss`] is the §39 gain when a
//! liability decrease exceeds the asset's carrying amount: **positive = gain**, otherwise zero.
//!
//! # Timeline
//!
//! Period `k` starts `k × months_per_period` months after commencement (counted from the
//! commencement date each time, clamped to month end) and ends the day before the next start;
//! the last period ends on the term's end date. Advance payments fall on the period start,
//! arrears payments on its last day. A row's opening liability is the carrying amount before the
//! payment due that day, so the first row of an advance lease opens at the PV of all payments,
//! which is [`Measurement::lease_liability`] plus the payment made at commencement.
//!
//! # Frameworks
//!
//! - [`Framework::Ifrs16`] and [`Framework::K3Finance`]: on balance sheet. The first increased
//!   fee is a payment at commencement and goes into the asset's cost, not into the liability
//!   rows.
//! - [`Framework::K3Operating`], and any lease with an [`Exemption`]: no liability or asset;
//!   rows carry the payments and a straight-line `expense` of total payments plus the first
//!   increased fee. Lease incentives are not netted into that expense.
//!
//! # Not modelled (yet)
//!
//! Depreciation over a useful life shorter than the term, residual value guarantees, purchase
//! options, variable payments, the §46(a) partial-termination gain or loss on a decrease in
//! scope (a decrease only reduces the asset, down to zero, as in §39), and currencies whose
//! minor unit is not 2 decimals (JPY, KWD, …: refused at the API boundary). Initial direct costs, incentives, restoration costs and the first increased
//! fee come from the first version only.

mod error;
mod measure;
mod money;
mod schedule;
mod terms;

pub use error::LeaseError;
pub use measure::{Measurement, measure, measure_under};
pub use money::{PERIODIC_RATE_DECIMALS, periodic_rate, round_money};
pub use schedule::{Remeasurement, Schedule, ScheduleRow, Version, schedule};
pub use terms::{
    Exemption, Framework, Frequency, LeaseTerms, MAX_AMOUNT, MAX_RATE_PERCENT, MAX_STEPS,
    MAX_TERM_MONTHS, MAX_VERSIONS, MONEY_DECIMALS, PaymentStep, RateConvention, Timing,
    amount_in_range, has_money_precision, rate_in_range, step_within_term, validate_terms,
};

#[cfg(test)]
pub(crate) mod test_support {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    pub fn d(literal: &str) -> Decimal {
        match Decimal::from_str_exact(literal) {
            Ok(value) => value,
            Err(err) => panic!("bad decimal literal {literal:?} in a test: {err}"),
        }
    }

    pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(y, m, day) {
            Some(value) => value,
            None => panic!("bad date {y}-{m}-{day} in a test"),
        }
    }
}
