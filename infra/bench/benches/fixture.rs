//! The benchmark portfolio: monthly 10-year leases with a payment step, an index change after
//! 3 years and a revised-rate extension after 6. `infra/bench/reference.py` (`portfolio_contract`)
//! builds the very same contracts, so both engines can be timed and checksummed on equal work.

use chrono::{Days, Months, NaiveDate};
use mypages::domain::lease::{Frequency, LeaseTerms, PaymentStep, Timing, Version, round_money};
use rust_decimal::Decimal;

pub type Contract = Vec<Version>;

pub fn portfolio(size: u32) -> Option<Vec<Contract>> {
    (0..size).map(contract).collect()
}

/// The largest contract the API accepts: monthly over 100 years (1,200 periods), 600 payment
/// steps in every version and 500 versions (an index change every second month), so each
/// period's payment is looked up among 600 steps, in every version's remaining payments.
pub fn heaviest_contract() -> Option<Contract> {
    let commencement = NaiveDate::from_ymd_opt(2026, 1, 1)?;
    let months = |n: u32| commencement.checked_add_months(Months::new(n));
    let steps = (1..=600u32)
        .map(|k| {
            Some(PaymentStep {
                from: months(2 * k - 1)?,
                amount: Decimal::new(i64::from(100_000 + k * 10), 2),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let terms = |version: u32| -> Option<LeaseTerms> {
        let uplift = Decimal::new(i64::from(version), 2);
        Some(LeaseTerms {
            commencement,
            end: months(1200)?.checked_sub_days(Days::new(1))?,
            amount: Decimal::new(100_000, 2) + uplift,
            frequency: Frequency::Monthly,
            timing: Timing::Advance,
            steps: steps
                .iter()
                .map(|s| PaymentStep {
                    from: s.from,
                    amount: s.amount + uplift,
                })
                .collect(),
            annual_rate_percent: Decimal::new(450, 2),
            initial_direct_costs: Decimal::ZERO,
            lease_incentives: Decimal::ZERO,
            restoration_costs: Decimal::ZERO,
            first_increased_fee: Decimal::ZERO,
            exemption: None,
        })
    };
    (1..=500u32)
        .map(|number| {
            Some(Version {
                number,
                effective_from: if number == 1 {
                    commencement
                } else {
                    months(2 * (number - 1))?
                },
                terms: terms(number)?,
            })
        })
        .collect()
}

fn contract(i: u32) -> Option<Contract> {
    let commencement = NaiveDate::from_ymd_opt(2026, 1 + i % 12, 1 + (i * 7) % 28)?;
    let months = |n: u32| commencement.checked_add_months(Months::new(n));
    let day_before = |date: NaiveDate| date.checked_sub_days(Days::new(1));
    let amount = Decimal::new(i64::from(100_000 + (i % 500) * 1000 + i % 100), 2);
    let rate = Decimal::new(i64::from(200 + (i % 9) * 50), 2);
    let stepped = round_money(amount * Decimal::new(102, 2));
    let first = LeaseTerms {
        commencement,
        end: day_before(months(120)?)?,
        amount,
        frequency: Frequency::Monthly,
        timing: if i.is_multiple_of(2) {
            Timing::Advance
        } else {
            Timing::Arrears
        },
        steps: vec![PaymentStep {
            from: months(24)?,
            amount: stepped,
        }],
        annual_rate_percent: rate,
        initial_direct_costs: Decimal::from((i % 10) * 100),
        lease_incentives: Decimal::from((i % 4) * 50),
        restoration_costs: Decimal::from((i % 3) * 1000),
        first_increased_fee: Decimal::ZERO,
        exemption: None,
    };
    let indexed = LeaseTerms {
        amount: round_money(stepped * Decimal::new(105, 2)),
        steps: Vec::new(),
        ..first.clone()
    };
    let extended = LeaseTerms {
        end: day_before(months(132)?)?,
        annual_rate_percent: rate + Decimal::ONE,
        ..indexed.clone()
    };
    Some(vec![
        Version {
            number: 1,
            effective_from: commencement,
            terms: first,
        },
        Version {
            number: 2,
            effective_from: months(36)?,
            terms: indexed,
        },
        Version {
            number: 3,
            effective_from: months(72)?,
            terms: extended,
        },
    ])
}
