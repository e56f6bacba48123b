//! Published and hand-computed reference figures, to the cent.

mod common;

use common::{TestResult, d, date, first_version, ie13, terms};
use mypages::domain::lease::{
    Exemption, Framework, Frequency, LeaseError, LeaseTerms, PaymentStep, RateConvention, Schedule,
    Timing, Version, measure, measure_under, schedule,
};
use rust_decimal::Decimal;

fn ifrs(versions: &[Version]) -> Result<Schedule, LeaseError> {
    schedule(versions, RateConvention::Effective, Framework::Ifrs16)
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.sum()
}

#[test]
fn ie13_part_1_measures_the_liability_and_the_right_of_use_asset() -> TestResult {
    let m = measure(&ie13(), RateConvention::Effective)?;
    // PV of the 9 payments not paid at commencement: 50,000 × (1 − 1.05^−9) / 0.05.
    assert_eq!(m.lease_liability.to_string(), "355391.08");
    // 355,391.08 + 50,000 paid at commencement + 20,000 IDC − 5,000 incentive.
    assert_eq!(m.right_of_use_asset.to_string(), "420391.08");
    assert_eq!(m.periodic_rate.to_string(), "0.0500000000");
    Ok(())
}

#[test]
fn ie13_annual_rates_are_the_same_under_both_conventions() -> TestResult {
    let effective = measure(&ie13(), RateConvention::Effective)?;
    let nominal = measure(&ie13(), RateConvention::Nominal)?;
    assert_eq!(effective, nominal);
    Ok(())
}

#[test]
fn ie13_schedule_opens_with_the_commencement_payment_and_accrues_on_the_rest() -> TestResult {
    let s = ifrs(&[first_version(ie13())])?;
    assert_eq!(s.rows.len(), 10);
    let first = &s.rows[0];
    assert_eq!(first.opening_liability, d("405391.08"));
    assert_eq!(first.payment, d("50000.00"));
    assert_eq!(first.payment_date, date(2026, 1, 1));
    // 355,391.08 × 5 % = 17,769.554.
    assert_eq!(first.interest, d("17769.55"));
    assert_eq!(first.closing_liability, d("373160.63"));
    // 420,391.08 / 10.
    assert_eq!(first.depreciation, d("42039.11"));
    assert_eq!(first.end_date, date(2026, 12, 31));
    let last = &s.rows[9];
    assert_eq!(last.closing_liability, d("0.00"));
    assert_eq!(last.closing_right_of_use_asset, d("0.00"));
    // 420,391.08 − 9 × 42,039.11: the residue of −0.02 lands in the final period.
    assert_eq!(last.depreciation, d("42039.09"));
    Ok(())
}

#[test]
fn monthly_advance_payments_measure_the_pv_of_all_payments_and_the_liability_after_the_first()
-> TestResult {
    let lease = LeaseTerms {
        initial_direct_costs: d("600"),
        ..terms(
            date(2026, 1, 1),
            date(2027, 12, 31),
            "650",
            Frequency::Monthly,
            Timing::Advance,
            "6",
        )
    };
    let m = measure(&lease, RateConvention::Effective)?;
    assert_eq!(m.lease_liability.to_string(), "14111.09");
    assert_eq!(m.right_of_use_asset.to_string(), "15361.09");
    assert_eq!(m.periodic_rate.to_string(), "0.0048675506");
    let s = ifrs(&[first_version(lease)])?;
    assert_eq!(s.rows.len(), 24);
    // The PV of all 24 payments, before the one due at commencement.
    assert_eq!(s.rows[0].opening_liability.to_string(), "14761.09");
    assert_eq!(s.measurement, m);
    Ok(())
}

#[test]
fn arrears_payments_under_the_nominal_convention_are_all_discounted() -> TestResult {
    let monthly = terms(
        date(2026, 1, 1),
        date(2026, 12, 31),
        "1000",
        Frequency::Monthly,
        Timing::Arrears,
        "5",
    );
    let m = measure(&monthly, RateConvention::Nominal)?;
    assert_eq!(m.lease_liability.to_string(), "11681.22");
    assert_eq!(m.right_of_use_asset.to_string(), "11681.22");
    assert_eq!(m.periodic_rate.to_string(), "0.0041666667");

    let annual = terms(
        date(2026, 1, 1),
        date(2028, 12, 31),
        "20000",
        Frequency::Annual,
        Timing::Arrears,
        "6",
    );
    let m = measure(&annual, RateConvention::Nominal)?;
    assert_eq!(m.lease_liability.to_string(), "53460.24");
    let s = schedule(
        &[first_version(annual)],
        RateConvention::Nominal,
        Framework::Ifrs16,
    )?;
    assert_eq!(s.rows[0].payment_date, date(2026, 12, 31));
    // 53,460.24 × 6 % = 3,207.6144.
    assert_eq!(s.rows[0].interest, d("3207.61"));
    assert_eq!(s.rows[0].closing_liability, d("36667.85"));
    Ok(())
}

fn ie13_from_year_6(terms: LeaseTerms) -> Vec<Version> {
    vec![
        first_version(ie13()),
        Version {
            number: 2,
            effective_from: date(2031, 1, 1),
            terms,
        },
    ]
}

#[test]
fn ie13_index_change_remeasures_at_the_unchanged_rate() -> TestResult {
    let s = ifrs(&ie13_from_year_6(LeaseTerms {
        amount: d("54000"),
        ..ie13()
    }))?;
    let r = &s.remeasurements[0];
    assert_eq!(r.version, 2);
    assert_eq!(r.effective_from, date(2031, 1, 1));
    // Carrying amount before the year-6 payment, from the cent schedule:
    //   year 1: 355,391.08 × 1.05 → 373,160.63 (interest 17,769.55)
    //   year 2: (373,160.63 − 50,000) + 16,158.03 = 339,318.66
    //   year 3: 289,318.66 + 14,465.93 = 303,784.59
    //   year 4: 253,784.59 + 12,689.23 = 266,473.82
    //   year 5: 216,473.82 + 10,823.69 = 227,297.51
    // (the exact PV of five 50,000 payments is 227,297.53; two cents of rounding drift).
    assert_eq!(r.liability_before, d("227297.51"));
    assert_eq!(r.liability_before, s.rows[5].opening_liability);
    assert_eq!(r.liability_before, s.rows[4].closing_liability);
    // 54,000 × (1 + 1.05^−1 + 1.05^−2 + 1.05^−3 + 1.05^−4) = 54,000 × 4.5459505042
    //   = 245,481.327…; the payment due on the effective date is undiscounted.
    assert_eq!(r.liability_after, d("245481.33"));
    // 420,391.08 − 5 × 42,039.11 = 210,195.53, plus the liability increase 18,183.82.
    assert_eq!(r.right_of_use_asset_before, d("210195.53"));
    assert_eq!(r.right_of_use_asset_after, d("228379.35"));
    assert_eq!(r.profit_or_loss, d("0.00"));

    let year6 = &s.rows[5];
    assert_eq!(year6.version, 2);
    assert_eq!(year6.liability_remeasurement, d("18183.82"));
    assert_eq!(year6.payment, d("54000.00"));
    // (245,481.33 − 54,000) × 5 % = 9,574.0665.
    assert_eq!(year6.interest, d("9574.07"));
    // 228,379.35 / 5 remaining years.
    assert_eq!(year6.depreciation, d("45675.87"));
    assert_eq!(s.rows[4].version, 1);
    assert_eq!(s.rows.len(), 10);
    Ok(())
}

#[test]
fn ie13_extension_at_a_revised_rate_remeasures_the_longer_term() -> TestResult {
    let s = ifrs(&ie13_from_year_6(LeaseTerms {
        end: date(2037, 12, 31),
        annual_rate_percent: d("6"),
        ..ie13()
    }))?;
    let r = &s.remeasurements[0];
    assert_eq!(r.liability_before, d("227297.51"));
    // 50,000 × (1 + Σ_{k=1..6} 1.06^−k) = 50,000 × 5.917324326 = 295,866.216…
    assert_eq!(r.liability_after, d("295866.22"));
    assert_eq!(r.right_of_use_asset_after, d("278764.24"));
    assert_eq!(s.rows.len(), 12);
    assert_eq!(s.rows[11].end_date, date(2037, 12, 31));
    // 278,764.24 / 7 = 39,823.462…
    assert_eq!(s.rows[5].depreciation, d("39823.46"));
    // (295,866.22 − 50,000) × 6 % = 14,751.9732.
    assert_eq!(s.rows[5].interest, d("14751.97"));
    assert_eq!(s.measurement.lease_liability, d("355391.08"));
    Ok(())
}

#[test]
fn a_remeasurement_below_the_asset_carrying_amount_is_a_gain() -> TestResult {
    let lease = LeaseTerms {
        lease_incentives: d("60000"),
        initial_direct_costs: Decimal::ZERO,
        ..ie13()
    };
    let shortened = LeaseTerms {
        end: date(2031, 12, 31),
        amount: d("10000"),
        ..lease.clone()
    };
    let s = ifrs(&[
        first_version(lease),
        Version {
            number: 2,
            effective_from: date(2031, 1, 1),
            terms: shortened,
        },
    ])?;
    let r = &s.remeasurements[0];
    // Asset: 345,391.08 − 5 × 34,539.11 = 172,695.53; liability 227,297.51 → 10,000.00.
    assert_eq!(r.liability_after, d("10000.00"));
    assert_eq!(r.right_of_use_asset_before, d("172695.53"));
    assert_eq!(r.right_of_use_asset_after, d("0.00"));
    // 227,297.51 − 10,000 − 172,695.53.
    assert_eq!(r.profit_or_loss, d("44601.98"));
    let last = &s.rows[5];
    assert_eq!(last.right_of_use_asset_remeasurement, d("-172695.53"));
    assert_eq!(last.closing_liability, d("0.00"));
    assert_eq!(last.closing_right_of_use_asset, d("0.00"));
    assert_eq!(s.rows.len(), 6);
    Ok(())
}

#[test]
fn payment_steps_change_the_amount_from_the_first_period_starting_on_or_after_them() -> TestResult {
    let lease = LeaseTerms {
        steps: vec![PaymentStep {
            from: date(2031, 1, 1),
            amount: d("52000"),
        }],
        ..ie13()
    };
    let s = ifrs(&[first_version(lease)])?;
    assert_eq!(s.rows[4].payment, d("50000.00"));
    assert_eq!(s.rows[5].payment, d("52000.00"));
    assert_eq!(sum(s.rows.iter().map(|r| r.payment)), d("510000.00"));
    Ok(())
}

#[test]
fn a_short_term_lease_is_expensed_straight_line_with_the_residue_last() -> TestResult {
    let lease = LeaseTerms {
        exemption: Some(Exemption::ShortTerm),
        steps: vec![PaymentStep {
            from: date(2026, 7, 1),
            amount: d("1100"),
        }],
        ..terms(
            date(2026, 1, 1),
            date(2026, 12, 31),
            "1000",
            Frequency::Monthly,
            Timing::Advance,
            "5",
        )
    };
    let m = measure(&lease, RateConvention::Effective)?;
    assert_eq!(m.lease_liability, d("0.00"));
    assert_eq!(m.right_of_use_asset, d("0.00"));
    let s = ifrs(&[first_version(lease)])?;
    // 12,600 / 12 = 1,050 exactly.
    assert!(s.rows.iter().all(|r| r.expense == d("1050.00")));
    assert!(s.rows.iter().all(|r| r.opening_liability.is_zero()
        && r.interest.is_zero()
        && r.opening_right_of_use_asset.is_zero()
        && r.depreciation.is_zero()));
    Ok(())
}

#[test]
fn a_low_value_lease_puts_the_rounding_residue_in_the_last_expense() -> TestResult {
    let lease = LeaseTerms {
        exemption: Some(Exemption::LowValue),
        steps: vec![PaymentStep {
            from: date(2027, 1, 1),
            amount: d("101"),
        }],
        ..terms(
            date(2026, 1, 1),
            date(2028, 12, 31),
            "100",
            Frequency::Monthly,
            Timing::Arrears,
            "5",
        )
    };
    let s = ifrs(&[first_version(lease)])?;
    // (12 × 100 + 24 × 101) / 36 = 100.666… → 100.67, and the last takes 100.55.
    assert_eq!(s.rows[0].expense, d("100.67"));
    assert_eq!(s.rows[35].expense, d("100.55"));
    assert_eq!(sum(s.rows.iter().map(|r| r.expense)), d("3624.00"));
    Ok(())
}

#[test]
fn a_short_term_exemption_longer_than_twelve_months_is_rejected() {
    let lease = LeaseTerms {
        exemption: Some(Exemption::ShortTerm),
        ..ie13()
    };
    assert_eq!(
        measure(&lease, RateConvention::Effective),
        Err(LeaseError::ShortTermTooLong { months: 120 })
    );
}

#[test]
fn k3_operating_spreads_payments_and_the_first_increased_fee_over_the_term() -> TestResult {
    let lease = LeaseTerms {
        first_increased_fee: d("10000"),
        ..ie13()
    };
    let s = schedule(
        &[first_version(lease.clone())],
        RateConvention::Effective,
        Framework::K3Operating,
    )?;
    assert_eq!(s.measurement.lease_liability, d("0.00"));
    assert_eq!(s.measurement.right_of_use_asset, d("0.00"));
    // (10 × 50,000 + 10,000) / 10.
    assert!(s.rows.iter().all(|r| r.expense == d("51000.00")));
    assert_eq!(
        measure_under(&lease, RateConvention::Effective, Framework::K3Operating)?,
        s.measurement
    );
    Ok(())
}

#[test]
fn k3_finance_matches_ifrs_16_with_the_first_increased_fee_in_the_asset() -> TestResult {
    let lease = LeaseTerms {
        first_increased_fee: d("10000"),
        ..ie13()
    };
    let k3 = schedule(
        &[first_version(lease.clone())],
        RateConvention::Effective,
        Framework::K3Finance,
    )?;
    let ifrs16 = ifrs(&[first_version(lease)])?;
    assert_eq!(k3, ifrs16);
    assert_eq!(k3.measurement.lease_liability, d("355391.08"));
    assert_eq!(k3.measurement.right_of_use_asset, d("430391.08"));
    Ok(())
}

#[test]
fn k3_operating_remeasurement_respreads_what_is_left_to_expense() -> TestResult {
    let s = schedule(
        &ie13_from_year_6(LeaseTerms {
            amount: d("54000"),
            ..ie13()
        }),
        RateConvention::Effective,
        Framework::K3Operating,
    )?;
    assert_eq!(s.rows[4].expense, d("50000.00"));
    // (5 × 54,000) / 5: nothing prepaid or accrued at the change.
    assert_eq!(s.rows[5].expense, d("54000.00"));
    assert_eq!(s.remeasurements[0].liability_after, d("0.00"));
    assert_eq!(sum(s.rows.iter().map(|r| r.expense)), d("520000.00"));
    Ok(())
}

#[test]
fn a_lease_commencing_on_the_31st_keeps_returning_to_month_end() -> TestResult {
    let s = ifrs(&[first_version(terms(
        date(2026, 1, 31),
        date(2026, 4, 29),
        "1000",
        Frequency::Monthly,
        Timing::Arrears,
        "5",
    ))])?;
    let starts: Vec<_> = s.rows.iter().map(|r| r.start_date).collect();
    assert_eq!(
        starts,
        [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    );
    assert_eq!(s.rows[0].payment_date, date(2026, 2, 27));
    Ok(())
}

#[test]
fn a_frequency_change_switches_the_period_grid_at_the_effective_date() -> TestResult {
    let monthly = terms(
        date(2026, 1, 1),
        date(2027, 12, 31),
        "1000",
        Frequency::Monthly,
        Timing::Advance,
        "5",
    );
    let quarterly = LeaseTerms {
        amount: d("3000"),
        frequency: Frequency::Quarterly,
        ..monthly.clone()
    };
    let s = ifrs(&[
        first_version(monthly),
        Version {
            number: 2,
            effective_from: date(2027, 1, 1),
            terms: quarterly,
        },
    ])?;
    assert_eq!(s.rows.len(), 16);
    assert_eq!(s.rows[12].start_date, date(2027, 1, 1));
    assert_eq!(s.rows[12].end_date, date(2027, 3, 31));
    assert_eq!(s.rows[15].closing_liability, d("0.00"));
    Ok(())
}

fn versions_with_second_at(effective_from: chrono::NaiveDate, number: u32) -> Vec<Version> {
    vec![
        first_version(ie13()),
        Version {
            number,
            effective_from,
            terms: ie13(),
        },
    ]
}

#[test]
fn an_effective_date_that_is_not_a_period_start_is_rejected() {
    assert_eq!(
        ifrs(&versions_with_second_at(date(2031, 2, 1), 2)),
        Err(LeaseError::EffectiveDateNotPeriodStart {
            version: 2,
            effective_from: date(2031, 2, 1)
        })
    );
}

#[test]
fn an_effective_date_outside_the_term_is_rejected() {
    for effective_from in [date(2036, 1, 1), date(2026, 1, 1), date(2025, 1, 1)] {
        assert_eq!(
            ifrs(&versions_with_second_at(effective_from, 2)),
            Err(LeaseError::EffectiveDateOutsideTerm {
                version: 2,
                effective_from
            })
        );
    }
}

#[test]
fn an_effective_date_after_the_new_end_is_rejected() {
    let shortened = LeaseTerms {
        end: date(2029, 12, 31),
        ..ie13()
    };
    assert!(matches!(
        ifrs(&ie13_from_year_6(shortened)),
        Err(LeaseError::EffectiveDateOutsideTerm { version: 2, .. })
    ));
}

#[test]
fn versions_out_of_order_are_rejected() {
    assert!(matches!(
        ifrs(&versions_with_second_at(date(2031, 1, 1), 1)),
        Err(LeaseError::VersionsOutOfOrder { version: 1, .. })
    ));
    let mut three = versions_with_second_at(date(2031, 1, 1), 2);
    three.push(Version {
        number: 3,
        effective_from: date(2030, 1, 1),
        terms: ie13(),
    });
    assert!(matches!(
        ifrs(&three),
        Err(LeaseError::VersionsOutOfOrder { version: 3, .. })
    ));
}

#[test]
fn a_first_version_not_at_commencement_and_an_empty_list_are_rejected() {
    let mut v = first_version(ie13());
    v.effective_from = date(2026, 2, 1);
    assert!(matches!(
        ifrs(&[v]),
        Err(LeaseError::FirstVersionNotAtCommencement { .. })
    ));
    assert_eq!(ifrs(&[]), Err(LeaseError::NoVersions));
}

#[test]
fn a_version_cannot_move_the_commencement_or_toggle_the_exemption() {
    let moved = LeaseTerms {
        commencement: date(2026, 2, 1),
        ..ie13()
    };
    assert!(matches!(
        ifrs(&ie13_from_year_6(moved)),
        Err(LeaseError::CommencementChanged { version: 2, .. })
    ));
    let exempt = LeaseTerms {
        exemption: Some(Exemption::LowValue),
        ..ie13()
    };
    assert_eq!(
        ifrs(&ie13_from_year_6(exempt)),
        Err(LeaseError::ExemptionChanged { version: 2 })
    );
}

#[test]
fn incentives_above_the_asset_cost_are_rejected() {
    let lease = LeaseTerms {
        lease_incentives: d("500000"),
        ..ie13()
    };
    assert!(matches!(
        measure(&lease, RateConvention::Effective),
        Err(LeaseError::NegativeRightOfUseAsset { .. })
    ));
}

#[test]
fn every_error_message_reads_as_a_sentence() {
    let err = LeaseError::EffectiveDateNotPeriodStart {
        version: 2,
        effective_from: date(2031, 2, 1),
    };
    assert_eq!(
        err.to_string(),
        "The effective date 2031-02-01 of version 2 is not the start of a payment period."
    );
    assert_eq!(err.field(), Some("effectiveFrom"));
}

#[test]
fn large_incentives_do_not_block_an_off_balance_sheet_lease() -> TestResult {
    let lease = LeaseTerms {
        lease_incentives: d("900000"),
        ..ie13()
    };
    let s = schedule(
        &[first_version(lease.clone())],
        RateConvention::Effective,
        Framework::K3Operating,
    )?;
    assert_eq!(s.measurement.right_of_use_asset, d("0.00"));
    let exempt = LeaseTerms {
        exemption: Some(Exemption::LowValue),
        ..lease
    };
    assert_eq!(
        measure(&exempt, RateConvention::Effective)?.lease_liability,
        d("0.00")
    );
    Ok(())
}
