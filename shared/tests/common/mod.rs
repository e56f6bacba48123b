#![allow(dead_code)] // each test crate uses a different part of the helpers

pub mod cases;
pub mod json;

use std::error::Error;

use chrono::NaiveDate;
use mypages::domain::lease::{Frequency, LeaseTerms, Timing, Version};
use rust_decimal::Decimal;

pub type TestResult = Result<(), Box<dyn Error>>;

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

pub fn terms(
    commencement: NaiveDate,
    end: NaiveDate,
    amount: &str,
    frequency: Frequency,
    timing: Timing,
    rate: &str,
) -> LeaseTerms {
    LeaseTerms {
        commencement,
        end,
        amount: d(amount),
        frequency,
        timing,
        steps: Vec::new(),
        annual_rate_percent: d(rate),
        initial_direct_costs: Decimal::ZERO,
        lease_incentives: Decimal::ZERO,
        restoration_costs: Decimal::ZERO,
        first_increased_fee: Decimal::ZERO,
        exemption: None,
    }
}

/// IFRS 16 IE Example 13 part 1: 10 years, 50,000 a year in advance, 5 %, IDC 20,000,
/// incentive 5,000.
pub fn ie13() -> LeaseTerms {
    LeaseTerms {
        initial_direct_costs: d("20000"),
        lease_incentives: d("5000"),
        ..terms(
            date(2026, 1, 1),
            date(2035, 12, 31),
            "50000",
            Frequency::Annual,
            Timing::Advance,
            "5",
        )
    }
}

pub fn first_version(terms: LeaseTerms) -> Version {
    Version {
        number: 1,
        effective_from: terms.commencement,
        terms,
    }
}
