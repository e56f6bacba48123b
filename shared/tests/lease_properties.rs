//! Properties that must hold for every valid lease, across versions and frameworks.

mod common;

use chrono::Days;
use common::cases::{Case, cents, fail, lease_case};
use common::d;
use mypages::domain::lease::{Framework, Schedule, Timing, periodic_rate, round_money, schedule};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;

fn run(case: &Case, framework: Framework) -> Result<Schedule, TestCaseError> {
    schedule(&case.versions, case.convention, framework).map_err(fail)
}

fn ifrs(case: &Result<Case, String>) -> Result<(Case, Schedule), TestCaseError> {
    let case = case.clone().map_err(fail)?;
    let s = run(&case, Framework::Ifrs16)?;
    Ok((case, s))
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_final_period_closes_liability_and_asset_at_exactly_zero(case in lease_case()) {
        let (_, s) = ifrs(&case)?;
        let last = s.rows.last().ok_or_else(|| fail("no rows"))?;
        prop_assert_eq!(last.closing_liability.to_string(), "0.00");
        prop_assert_eq!(last.closing_right_of_use_asset.to_string(), "0.00");
    }

    #[test]
    fn every_row_adds_up_and_closes_into_the_next_rows_opening(case in lease_case()) {
        let (_, s) = ifrs(&case)?;
        for row in &s.rows {
            prop_assert_eq!(
                row.closing_liability,
                row.opening_liability + row.liability_remeasurement + row.interest - row.payment
            );
            prop_assert_eq!(
                row.closing_right_of_use_asset,
                row.opening_right_of_use_asset + row.right_of_use_asset_remeasurement
                    - row.depreciation
            );
        }
        for pair in s.rows.windows(2) {
            prop_assert_eq!(pair[0].closing_liability, pair[1].opening_liability);
            prop_assert_eq!(pair[0].closing_right_of_use_asset, pair[1].opening_right_of_use_asset);
            prop_assert_eq!(pair[0].end_date + Days::new(1), pair[1].start_date);
            prop_assert!(pair[0].version <= pair[1].version);
            prop_assert_eq!(pair[0].period + 1, pair[1].period);
        }
    }

    #[test]
    fn total_interest_is_total_payments_less_the_initial_liability(case in lease_case()) {
        let (case, s) = ifrs(&case)?;
        let first = s.rows.first().ok_or_else(|| fail("no rows"))?;
        let paid_at_commencement = match case.versions[0].terms.timing {
            Timing::Advance => first.payment,
            Timing::Arrears => Decimal::ZERO,
        };
        prop_assert_eq!(first.opening_liability, s.measurement.lease_liability + paid_at_commencement);
        let interest = sum(s.rows.iter().map(|r| r.interest));
        let payments = sum(s.rows.iter().map(|r| r.payment));
        let remeasured = sum(s.rows.iter().map(|r| r.liability_remeasurement));
        prop_assert_eq!(
            interest + remeasured,
            payments - paid_at_commencement - s.measurement.lease_liability
        );
        if case.versions.len() == 1 {
            prop_assert_eq!(interest, payments - paid_at_commencement - s.measurement.lease_liability);
        }
    }

    #[test]
    fn remeasurements_match_the_rows_where_they_take_effect(case in lease_case()) {
        let (case, s) = ifrs(&case)?;
        prop_assert_eq!(s.remeasurements.len(), case.versions.len() - 1);
        for r in &s.remeasurements {
            let row = s.rows.iter().find(|row| row.start_date == r.effective_from)
                .ok_or_else(|| fail("no row at the effective date"))?;
            prop_assert_eq!(row.version, r.version);
            prop_assert_eq!(row.opening_liability, r.liability_before);
            prop_assert_eq!(row.opening_liability + row.liability_remeasurement, r.liability_after);
            prop_assert_eq!(row.opening_right_of_use_asset, r.right_of_use_asset_before);
            prop_assert_eq!(
                row.opening_right_of_use_asset + row.right_of_use_asset_remeasurement,
                r.right_of_use_asset_after
            );
            // The asset absorbs the liability change unless it would go below zero.
            prop_assert_eq!(
                r.right_of_use_asset_after - r.right_of_use_asset_before - r.profit_or_loss,
                r.liability_after - r.liability_before
            );
            prop_assert!(r.profit_or_loss >= Decimal::ZERO);
        }
    }

    #[test]
    fn the_same_inputs_always_give_the_same_figures(case in lease_case()) {
        let (case, s) = ifrs(&case)?;
        prop_assert_eq!(run(&case, Framework::Ifrs16)?, s.clone());
        prop_assert_eq!(run(&case.clone(), Framework::K3Finance)?, s);
    }

    #[test]
    fn no_row_has_a_negative_liability_or_asset(case in lease_case()) {
        let (_, s) = ifrs(&case)?;
        for row in &s.rows {
            prop_assert!(row.opening_liability >= Decimal::ZERO, "row {:?}", row);
            prop_assert!(row.closing_liability >= Decimal::ZERO, "row {:?}", row);
            prop_assert!(row.opening_right_of_use_asset >= Decimal::ZERO, "row {:?}", row);
            prop_assert!(row.closing_right_of_use_asset >= Decimal::ZERO, "row {:?}", row);
        }
    }

    #[test]
    fn the_final_rounding_residue_stays_below_one_unit(case in lease_case()) {
        let (case, s) = ifrs(&case)?;
        let last_version = case.versions.last().ok_or_else(|| fail("no versions"))?;
        let last = s.rows.last().ok_or_else(|| fail("no rows"))?;
        let rate = periodic_rate(
            last_version.terms.annual_rate_percent,
            last_version.terms.frequency,
            case.convention,
        ).map_err(fail)?;
        let base = last.opening_liability + last.liability_remeasurement;
        let regular_interest = round_money(match last_version.terms.timing {
            Timing::Advance => base - last.payment,
            Timing::Arrears => base,
        } * rate);
        prop_assert!((last.interest - regular_interest).abs() < d("1.00"), "{:?}", last);
        // Straight-line depreciation of the last segment, against what the final row took.
        let segment: Vec<_> = s.rows.iter().filter(|r| r.version == last.version).collect();
        if let Some(first_of_segment) = segment.first() {
            let carrying = first_of_segment.opening_right_of_use_asset
                + first_of_segment.right_of_use_asset_remeasurement;
            let periods = Decimal::from(segment.len());
            let straight_line = round_money(carrying / periods);
            prop_assert!((last.depreciation - straight_line).abs() < d("1.00"), "{:?}", last);
        }
    }

    #[test]
    fn k3_operating_expense_adds_up_to_total_payments(case in lease_case(), fee in 0i64..1_000_000) {
        let mut case = case.map_err(fail)?;
        for version in &mut case.versions {
            version.terms.first_increased_fee = cents(fee);
        }
        let s = run(&case, Framework::K3Operating)?;
        let expense = sum(s.rows.iter().map(|r| r.expense));
        let payments = sum(s.rows.iter().map(|r| r.payment));
        prop_assert_eq!(expense, payments + cents(fee));
        prop_assert!(s.rows.iter().all(|r| r.opening_liability.is_zero() && r.depreciation.is_zero()));
    }
}
