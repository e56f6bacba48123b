//! The report's correctness tests (issue 10, deliverable 4): the identities on every report,
//! hand-computed portfolios, the special cases and property tests over random portfolios.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::domain::contract::{ContractTerms, Frequency, Payment, Timing};
use crate::domain::lease::test_support::{d, date};
use crate::domain::rates::calendar::target_days;
use crate::domain::rates::fx::FxError;
use crate::domain::rates::{Observation, Source};
use crate::domain::report::{AccountRole, Accounts, JournalEntry, RateUsed};

// ---------------------------------------------------------------------------------------------
// Building blocks

fn currency(code: &str) -> Currency {
    Currency::parse(code).unwrap_or_else(|| panic!("{code} is a test currency"))
}

#[allow(clippy::too_many_arguments)]
fn terms(
    code: &str,
    commencement: NaiveDate,
    end: NaiveDate,
    amount: &str,
    frequency: Frequency,
    timing: Timing,
    rate: &str,
) -> ContractTerms {
    ContractTerms {
        name: format!("Lease in {code}"),
        reference: None,
        lessor: "Lessor AB".to_owned(),
        asset_class: AssetClass::Premises,
        currency: currency(code),
        commencement_date: commencement,
        end_date: end,
        payment: Payment {
            amount: d(amount),
            frequency,
            timing,
            steps: Vec::new(),
        },
        discount_rate: d(rate),
        initial_direct_costs: Decimal::ZERO,
        lease_incentives: Decimal::ZERO,
        restoration_costs: Decimal::ZERO,
        first_increased_fee: Decimal::ZERO,
        exemption: None,
    }
}

fn contract(id: &str, terms: ContractTerms) -> ContractInput {
    ContractInput {
        id: id.to_owned(),
        versions: vec![VersionInput {
            number: 1,
            effective_from: terms.commencement_date,
            terms,
        }],
        terminated_on: None,
    }
}

fn request(start: NaiveDate, end: NaiveDate, framework: Framework, code: &str) -> ReportRequest {
    ReportRequest {
        period_start: start,
        period_end: end,
        framework,
        rate_convention: lease::RateConvention::Effective,
        reporting_currency: currency(code),
        accounts: Accounts::default(),
    }
}

/// `value` units of `series` per euro on every TARGET day of `from..=to`.
fn daily(
    observations: &mut Vec<Observation>,
    series: &str,
    from: NaiveDate,
    to: NaiveDate,
    value: &str,
) {
    for day in target_days(from, to) {
        observations.push(Observation {
            series: series.to_owned(),
            date: day,
            value: d(value),
            source: Source::Ecb,
        });
    }
}

fn build_ok(request: &ReportRequest, contracts: &[ContractInput], rates: &SeriesTable) -> Report {
    match build(request, contracts, rates) {
        Ok(report) => {
            check(&report);
            report
        }
        Err(error) => panic!("the report fails: {error}"),
    }
}

fn contract_named<'r>(report: &'r Report, id: &str) -> &'r ContractReport {
    report
        .contracts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} is in the report"))
}

/// Net debit (debit − credit) per account over the entries of contract `index`.
fn nets(journal: &[JournalEntry], index: usize) -> BTreeMap<AccountRole, Decimal> {
    let mut nets = BTreeMap::new();
    for entry in journal.iter().filter(|e| e.contract == index) {
        for line in &entry.lines {
            check_cents(&[line.debit, line.credit], "a journal line");
            *nets.entry(line.account).or_insert(Decimal::ZERO) += line.debit - line.credit;
        }
    }
    nets
}

fn net(nets: &BTreeMap<AccountRole, Decimal>, role: AccountRole) -> Decimal {
    nets.get(&role).copied().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The identities every report must satisfy

/// Every amount is in cents, written with two decimals (the formats print it as it is).
fn check_cents(amounts: &[Decimal], what: &str) {
    for amount in amounts {
        assert_eq!(amount.scale(), 2, "{amount} of {what}");
    }
}

fn check_liability(l: &LiabilityRollForward, what: &str) {
    check_cents(
        &[
            l.opening,
            l.additions,
            l.interest,
            l.payments,
            l.remeasurements,
            l.terminations,
            l.fx_difference,
            l.closing,
            l.current,
            l.non_current,
        ],
        what,
    );
    assert_eq!(
        l.opening + l.additions + l.interest - l.payments + l.remeasurements - l.terminations
            + l.fx_difference,
        l.closing,
        "liability roll-forward of {what}: {l:?}"
    );
    assert_eq!(
        l.current + l.non_current,
        l.closing,
        "current split of {what}: {l:?}"
    );
}

fn check_asset(a: &AssetRollForward, what: &str) {
    check_cents(
        &[
            a.opening,
            a.additions,
            a.depreciation,
            a.remeasurements,
            a.terminations,
            a.fx_difference,
            a.closing,
        ],
        what,
    );
    assert_eq!(
        a.opening + a.additions - a.depreciation + a.remeasurements - a.terminations
            + a.fx_difference,
        a.closing,
        "asset roll-forward of {what}: {a:?}"
    );
}

fn check(report: &Report) {
    let request = &report.request;
    let mut liability = zero_liability();
    let mut asset = zero_asset();
    let mut profit_or_loss = zero_profit_or_loss();
    let mut maturity = Maturity::default();
    let mut by_class: BTreeMap<AssetClass, AssetRollForward> = BTreeMap::new();
    for c in &report.contracts {
        check_liability(&c.liability, &c.id);
        check_asset(&c.right_of_use_asset, &c.id);
        if c.treatment != Treatment::BalanceSheet {
            assert_eq!(c.liability, zero_liability(), "{}", c.id);
            assert_eq!(c.right_of_use_asset, zero_asset(), "{}", c.id);
        }
        let p = &c.profit_or_loss;
        check_cents(
            &[
                p.depreciation,
                p.interest,
                p.short_term_expense,
                p.low_value_expense,
                p.operating_lease_expense,
                p.remeasurement_gain_loss,
            ],
            &c.id,
        );
        check_cents(&c.maturity.buckets, &c.id);
        liability += &c.liability;
        asset += &c.right_of_use_asset;
        profit_or_loss += &c.profit_or_loss;
        maturity += &c.maturity;
        *by_class.entry(c.asset_class).or_insert_with(zero_asset) += &c.right_of_use_asset;
    }
    check_liability(&report.liability, "the total");
    check_asset(&report.right_of_use_asset, "the total");
    assert_eq!(
        report.liability, liability,
        "the liability total is the contracts' sum"
    );
    assert_eq!(report.right_of_use_asset, asset);
    assert_eq!(report.profit_or_loss, profit_or_loss);
    assert_eq!(report.maturity, maturity);
    assert_eq!(
        report.right_of_use_by_class,
        by_class.into_iter().collect::<Vec<_>>()
    );

    // Every entry balances, in the period, one line per account, debit or credit.
    let mut last_date = request.period_start;
    for entry in &report.journal {
        assert!(
            entry.date >= last_date && entry.date <= request.period_end,
            "{entry:?}"
        );
        last_date = entry.date;
        assert!(entry.contract < report.contracts.len());
        assert!(!entry.lines.is_empty());
        let debits: Decimal = entry.lines.iter().map(|l| l.debit).sum();
        let credits: Decimal = entry.lines.iter().map(|l| l.credit).sum();
        assert_eq!(debits, credits, "unbalanced entry {entry:?}");
        for line in &entry.lines {
            assert!(
                (line.debit > Decimal::ZERO && line.credit.is_zero())
                    || (line.credit > Decimal::ZERO && line.debit.is_zero()),
                "{line:?}"
            );
        }
        let mut roles: Vec<AccountRole> = entry.lines.iter().map(|l| l.account).collect();
        roles.dedup();
        assert_eq!(roles.len(), entry.lines.len(), "lines netted per account");
    }

    // Per contract, opening balance + the journal's movement = the closing figure, and the
    // profit-or-loss accounts carry the profit-or-loss figures.
    for (index, c) in report.contracts.iter().enumerate() {
        let nets = nets(&report.journal, index);
        let l = &c.liability;
        let a = &c.right_of_use_asset;
        let p = &c.profit_or_loss;
        use AccountRole::*;
        assert_eq!(
            l.opening - net(&nets, LeaseLiabilityNonCurrent) - net(&nets, LeaseLiabilityCurrent),
            l.closing,
            "liability accounts of {}",
            c.id
        );
        assert_eq!(
            a.opening + net(&nets, RightOfUseAsset) + net(&nets, AccumulatedDepreciation),
            a.closing,
            "asset accounts of {}",
            c.id
        );
        assert_eq!(net(&nets, Depreciation), p.depreciation, "{}", c.id);
        assert_eq!(net(&nets, Interest), p.interest, "{}", c.id);
        let expense = p.short_term_expense + p.low_value_expense + p.operating_lease_expense;
        assert_eq!(net(&nets, LeaseExpense), expense, "{}", c.id);
        assert_eq!(
            -(net(&nets, RemeasurementGain) + net(&nets, RemeasurementLoss)),
            p.remeasurement_gain_loss,
            "{}",
            c.id
        );
        assert!(net(&nets, RemeasurementGain) <= Decimal::ZERO);
        assert!(net(&nets, RemeasurementLoss) >= Decimal::ZERO);
        assert_eq!(
            net(&nets, FxDifference),
            l.fx_difference - a.fx_difference,
            "{}",
            c.id
        );
        assert_eq!(-net(&nets, FxDifference), p.fx_difference, "{}", c.id);
        assert_eq!(
            -net(&nets, Payments),
            l.payments + (a.additions - l.additions) + expense,
            "{}",
            c.id
        );
    }
}

/// `next` follows `previous` (same contracts and rates): closing = opening per contract, and
/// the current-liability account moves from the one report's current portion to the next.
fn check_continuity(previous: &Report, next: &Report) {
    for (index, c) in next.contracts.iter().enumerate() {
        let before = previous.contracts.iter().find(|p| p.id == c.id);
        let (liability, asset, current) =
            before.map_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |p| {
                (
                    p.liability.closing,
                    p.right_of_use_asset.closing,
                    p.liability.current,
                )
            });
        assert_eq!(c.liability.opening, liability, "{}", c.id);
        assert_eq!(c.right_of_use_asset.opening, asset, "{}", c.id);
        let nets = nets(&next.journal, index);
        assert_eq!(
            current - net(&nets, AccountRole::LeaseLiabilityCurrent),
            c.liability.current,
            "current account of {}",
            c.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A multi-currency portfolio by hand

/// SEK per EUR 11.00 on 31 Dec 2025; in 2026 11.20 on every TARGET day but the last, 31 Dec,
/// at 11.50. NOK per EUR 11.00 on every TARGET day of 2026 (none before: no NOK opening rate).
fn hand_rates() -> SeriesTable {
    let mut observations = Vec::new();
    daily(
        &mut observations,
        "SEK",
        date(2025, 12, 31),
        date(2025, 12, 31),
        "11.00",
    );
    daily(
        &mut observations,
        "SEK",
        date(2026, 1, 1),
        date(2026, 12, 30),
        "11.20",
    );
    daily(
        &mut observations,
        "SEK",
        date(2026, 12, 31),
        date(2026, 12, 31),
        "11.50",
    );
    daily(
        &mut observations,
        "NOK",
        date(2026, 1, 1),
        date(2026, 12, 31),
        "11.00",
    );
    SeriesTable::from_observations(&observations)
}

fn hand_portfolio() -> Vec<ContractInput> {
    let mut nok = terms(
        "NOK",
        date(2026, 7, 1),
        date(2028, 6, 30),
        "5000.00",
        Frequency::SemiAnnual,
        Timing::Arrears,
        "0",
    );
    nok.initial_direct_costs = d("1000.00");
    nok.asset_class = AssetClass::Vehicle;
    vec![
        contract(
            "sek",
            terms(
                "SEK",
                date(2025, 7, 1),
                date(2028, 6, 30),
                "100000.00",
                Frequency::Annual,
                Timing::Arrears,
                "10",
            ),
        ),
        contract(
            "eur",
            terms(
                "EUR",
                date(2025, 1, 1),
                date(2027, 12, 31),
                "1000.00",
                Frequency::Annual,
                Timing::Arrears,
                "10",
            ),
        ),
        contract("nok", nok),
    ]
}

#[test]
fn a_sek_eur_nok_portfolio_matches_the_hand_computation() {
    // 2026 has 256 TARGET days (261 weekdays less 1 Jan, Good Friday 3 Apr, Easter Monday
    // 6 Apr, 1 May and 25 Dec), so the averages are
    //   SEK per EUR: (255 × 11.20 + 11.50) / 256 = 11.201171875 → 11.201172;
    //   SEK per NOK: daily 11.20 / 11.00 = 1.018182 (255 days) and 11.50 / 11.00 = 1.045455,
    //   (255 × 1.018182 + 1.045455) / 256 = 1.0182885… → 1.018289.
    assert_eq!(target_days(date(2026, 1, 1), date(2026, 12, 31)).len(), 256);
    let report = build_ok(
        &request(
            date(2026, 1, 1),
            date(2026, 12, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        &hand_portfolio(),
        &hand_rates(),
    );

    // SEK, annual arrears 100 000 at 10 % from 1 Jul 2025 to 30 Jun 2028:
    //   liability 100 000/1.1 + 100 000/1.21 + 100 000/1.331 = 248 685.20;
    //   row 1 (1 Jul 2025–30 Jun 2026, 365 days) interest 24 868.52, closing 173 553.72;
    //   row 2 (1 Jul 2026–30 Jun 2027, 365 days) interest 17 355.37, closing 90 909.09;
    //   row 3 (1 Jul 2027–30 Jun 2028, 366 days) interest 9 090.91;
    //   depreciation 248 685.20 / 3 = 82 895.07 a row.
    // Cut at 31 Dec 2025 (184 of row 1's days): interest 24 868.52 × 184/365 = 12 536.46,
    // depreciation 82 895.07 × 184/365 = 41 788.20; at 31 Dec 2026 (184 of row 2's):
    // interest 17 355.37 × 184/365 = 8 749.01, depreciation 41 788.20 again.
    //   opening 248 685.20 + 12 536.46 = 261 221.66; interest 24 868.52 − 12 536.46 +
    //   8 749.01 = 21 081.07; payment 100 000 (30 Jun 2026); closing 173 553.72 + 8 749.01 =
    //   182 302.73. Current: 182 302.73 − (90 909.09 + 9 090.91 × 184/366 = 4 570.29) =
    //   86 823.35. Asset 248 685.20 − 41 788.20 = 206 897.00 → 248 685.20 − 82 895.07 −
    //   41 788.20 = 124 001.93, depreciation 82 895.07.
    let sek = contract_named(&report, "sek");
    assert_eq!(
        sek.liability,
        LiabilityRollForward {
            opening: d("261221.66"),
            additions: d("0.00"),
            interest: d("21081.07"),
            payments: d("100000.00"),
            remeasurements: d("0.00"),
            terminations: d("0.00"),
            fx_difference: d("0.00"),
            closing: d("182302.73"),
            current: d("86823.35"),
            non_current: d("95479.38"),
        }
    );
    assert_eq!(sek.right_of_use_asset.opening, d("206897.00"));
    assert_eq!(sek.right_of_use_asset.depreciation, d("82895.07"));
    assert_eq!(sek.right_of_use_asset.closing, d("124001.93"));
    // Payments of 100 000 on 30 Jun 2027 and 30 Jun 2028.
    assert_eq!(sek.maturity.buckets[0], d("100000.00"));
    assert_eq!(sek.maturity.buckets[1], d("100000.00"));

    // EUR, annual arrears 1 000 at 10 % from 1 Jan 2025 to 31 Dec 2027: liability 2 486.85,
    // row 2 (= 2026) opens at 1 735.54, interest 173.55, payment 1 000, closes at 909.09;
    // asset 2 486.85 − 828.95 = 1 657.90, depreciation 828.95, closing 828.95.
    //   opening 1 735.54 × 11.00 = 19 090.94; interest 173.55 × 11.201172 = 1 943.96;
    //   payments 1 000 × 11.201172 = 11 201.17; closing 909.09 × 11.50 = 10 454.54 (all
    //   current: the last payment is due within the year);
    //   fx 10 454.54 − (19 090.94 + 1 943.96 − 11 201.17) = 620.81.
    //   asset: 1 657.90 × 11.00 = 18 236.90; 828.95 × 11.201172 = 9 285.21;
    //   828.95 × 11.50 = 9 532.93; fx 9 532.93 − (18 236.90 − 9 285.21) = 581.24.
    let eur = contract_named(&report, "eur");
    assert_eq!(
        eur.liability,
        LiabilityRollForward {
            opening: d("19090.94"),
            additions: d("0.00"),
            interest: d("1943.96"),
            payments: d("11201.17"),
            remeasurements: d("0.00"),
            terminations: d("0.00"),
            fx_difference: d("620.81"),
            closing: d("10454.54"),
            current: d("10454.54"),
            non_current: d("0.00"),
        }
    );
    assert_eq!(
        eur.right_of_use_asset,
        AssetRollForward {
            opening: d("18236.90"),
            additions: d("0.00"),
            depreciation: d("9285.21"),
            remeasurements: d("0.00"),
            terminations: d("0.00"),
            fx_difference: d("581.24"),
            closing: d("9532.93"),
        }
    );
    assert_eq!(eur.maturity.buckets[0], d("11500.00"));

    // NOK, semi-annual arrears 5 000 at 0 % from 1 Jul 2026 to 30 Jun 2028, direct costs
    // 1 000: liability 20 000, asset 21 000, depreciation 5 250 a row; in 2026 row 1 whole:
    //   additions 20 000 × 1.018289 = 20 365.78 and 21 000 × 1.018289 = 21 384.07;
    //   payment 5 000 × 1.018289 = 5 091.445 → 5 091.45; depreciation 5 250 × 1.018289 =
    //   5 346.02; closing 15 000 × 1.045455 = 15 681.83 and 15 750 × 1.045455 = 16 465.92;
    //   fx 15 681.83 − (20 365.78 − 5 091.45) = 407.50 and 16 465.92 − (21 384.07 −
    //   5 346.02) = 427.87; current 10 000 × 1.045455 = 10 454.55.
    //   Maturity 10 000 and 5 000 NOK: 10 454.55, then 15 000 × 1.045455 − 10 454.55 =
    //   5 227.28 (cumulative rounding).
    let nok = contract_named(&report, "nok");
    assert_eq!(
        nok.liability,
        LiabilityRollForward {
            opening: d("0.00"),
            additions: d("20365.78"),
            interest: d("0.00"),
            payments: d("5091.45"),
            remeasurements: d("0.00"),
            terminations: d("0.00"),
            fx_difference: d("407.50"),
            closing: d("15681.83"),
            current: d("10454.55"),
            non_current: d("5227.28"),
        }
    );
    assert_eq!(
        nok.right_of_use_asset,
        AssetRollForward {
            opening: d("0.00"),
            additions: d("21384.07"),
            depreciation: d("5346.02"),
            remeasurements: d("0.00"),
            terminations: d("0.00"),
            fx_difference: d("427.87"),
            closing: d("16465.92"),
        }
    );
    assert_eq!(nok.maturity.buckets[..2], [d("10454.55"), d("5227.28")]);

    // Totals: 261 221.66 + 19 090.94 = 280 312.60 opening; closing 182 302.73 + 10 454.54 +
    // 15 681.83 = 208 439.10; fx 620.81 + 407.50 = 1 028.31.
    assert_eq!(report.liability.opening, d("280312.60"));
    assert_eq!(report.liability.closing, d("208439.10"));
    assert_eq!(report.liability.fx_difference, d("1028.31"));
    assert_eq!(report.liability.current, d("107732.44"));
    assert_eq!(report.right_of_use_asset.closing, d("150000.78"));
    assert_eq!(report.right_of_use_asset.fx_difference, d("1009.11"));
    assert_eq!(report.profit_or_loss.interest, d("23025.03"));
    assert_eq!(report.profit_or_loss.depreciation, d("97526.30"));
    assert_eq!(report.maturity.buckets[0], d("121954.55"));
    assert_eq!(report.maturity.buckets[1], d("105227.28"));
    assert_eq!(report.maturity.total(), d("227181.83"));
    assert_eq!(
        report
            .right_of_use_by_class
            .iter()
            .map(|(class, _)| *class)
            .collect::<Vec<_>>(),
        vec![AssetClass::Vehicle, AssetClass::Premises]
    );

    // The rates: EUR with its opening rate, NOK without (no NOK contract had an opening
    // balance, and none is stored for 31 Dec 2025).
    assert_eq!(
        report.rates,
        vec![
            RateUsed {
                currency: currency("EUR"),
                closing: d("11.5"),
                closing_date: date(2026, 12, 31),
                opening: Some(d("11.00")),
                opening_date: Some(date(2025, 12, 31)),
                average: d("11.201172"),
                observations: 256,
            },
            RateUsed {
                currency: currency("NOK"),
                closing: d("1.045455"),
                closing_date: date(2026, 12, 31),
                opening: None,
                opening_date: None,
                average: d("1.018289"),
                observations: 256,
            },
        ]
    );

    // The NOK lease's July entry: the addition at the average rate, 31 of 184 days of
    // depreciation (5 250 × 31/184 = 884.51 NOK × 1.018289 = 900.69 SEK), the direct costs
    // (1 000 NOK = 21 384.07 − 20 365.78 = 1 018.29 SEK) to payments.
    let index = report
        .contracts
        .iter()
        .position(|c| c.id == "nok")
        .expect("nok is in the report");
    let july = report
        .journal
        .iter()
        .find(|e| e.contract == index && e.date == date(2026, 7, 31))
        .expect("a July entry");
    let line = |role: AccountRole| {
        july.lines
            .iter()
            .find(|l| l.account == role)
            .map(|l| (l.debit, l.credit))
    };
    assert_eq!(
        line(AccountRole::RightOfUseAsset),
        Some((d("21384.07"), d("0.00")))
    );
    assert_eq!(
        line(AccountRole::LeaseLiabilityNonCurrent),
        Some((d("0.00"), d("20365.78")))
    );
    assert_eq!(line(AccountRole::Payments), Some((d("0.00"), d("1018.29"))));
    assert_eq!(
        line(AccountRole::Depreciation),
        Some((d("900.69"), d("0.00")))
    );
    assert_eq!(july.lines.len(), 5);
    // Nothing before July for it, and one entry a month from July.
    let months: Vec<NaiveDate> = report
        .journal
        .iter()
        .filter(|e| e.contract == index)
        .map(|e| e.date)
        .collect();
    assert_eq!(months.len(), 6);
}

// ---------------------------------------------------------------------------------------------
// The liability and the asset follow the schedule

fn schedule_for(contract: &ContractInput, framework: Framework) -> Schedule {
    let versions: Vec<lease::Version> = contract
        .versions
        .iter()
        .map(|v| lease::Version {
            number: v.number,
            effective_from: v.effective_from,
            terms: v.terms.lease_terms(),
        })
        .collect();
    lease::schedule(&versions, lease::RateConvention::Effective, framework)
        .expect("a valid test contract")
}

fn row_ending(schedule: &Schedule, day: NaiveDate) -> &lease::ScheduleRow {
    schedule
        .rows
        .iter()
        .find(|r| r.end_date == day)
        .unwrap_or_else(|| panic!("a row ends on {day}"))
}

fn rows_within(schedule: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<&lease::ScheduleRow> {
    schedule
        .rows
        .iter()
        .filter(|r| r.start_date >= from && r.end_date <= to)
        .collect()
}

#[test]
fn over_whole_payment_periods_the_roll_forward_is_the_schedules_sums() {
    let lease = contract(
        "monthly",
        terms(
            "SEK",
            date(2025, 3, 1),
            date(2030, 2, 28),
            "10000.00",
            Frequency::Monthly,
            Timing::Advance,
            "5",
        ),
    );
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let report = build_ok(
        &request(
            date(2026, 1, 1),
            date(2026, 12, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let rows = rows_within(&schedule, date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(rows.len(), 12);
    let sum = |f: fn(&lease::ScheduleRow) -> Decimal| rows.iter().map(|r| f(r)).sum::<Decimal>();
    let l = &report.liability;
    assert_eq!(
        l.opening,
        row_ending(&schedule, date(2025, 12, 31)).closing_liability
    );
    assert_eq!(l.interest, sum(|r| r.interest));
    assert_eq!(l.payments, d("120000.00"));
    assert_eq!(l.payments, sum(|r| r.payment));
    assert_eq!(
        l.closing,
        row_ending(&schedule, date(2026, 12, 31)).closing_liability
    );
    let a = &report.right_of_use_asset;
    assert_eq!(
        a.opening,
        row_ending(&schedule, date(2025, 12, 31)).closing_right_of_use_asset
    );
    assert_eq!(a.depreciation, sum(|r| r.depreciation));
    assert_eq!(
        a.closing,
        row_ending(&schedule, date(2026, 12, 31)).closing_right_of_use_asset
    );
    // Current: the liability at 31 Dec 2026 less the liability a year later.
    assert_eq!(
        l.current,
        l.closing - row_ending(&schedule, date(2027, 12, 31)).closing_liability
    );
    // Monthly rows are calendar months: each month's entry books that row's interest.
    for row in rows {
        let entry = report
            .journal
            .iter()
            .find(|e| e.date == row.end_date)
            .expect("an entry a month");
        let interest = entry
            .lines
            .iter()
            .find(|l| l.account == AccountRole::Interest);
        assert_eq!(interest.map(|l| l.debit), Some(row.interest));
    }
    // The payments still due: the 38 monthly payments after 31 Dec 2026 (Jan 2027 – Feb 2030).
    assert_eq!(report.maturity.total(), d("380000.00"));
    assert_eq!(
        report.maturity.buckets[..4],
        [
            d("120000.00"),
            d("120000.00"),
            d("120000.00"),
            d("20000.00")
        ]
    );
}

#[test]
fn the_advance_payment_at_commencement_is_part_of_the_asset_not_a_liability_payment() {
    let lease = contract(
        "advance",
        terms(
            "SEK",
            date(2026, 3, 1),
            date(2029, 2, 28),
            "10000.00",
            Frequency::Quarterly,
            Timing::Advance,
            "4",
        ),
    );
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let report = build_ok(
        &request(
            date(2026, 1, 1),
            date(2026, 11, 30),
            Framework::Ifrs16,
            "SEK",
        ),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let l = &report.liability;
    assert_eq!(l.opening, d("0.00"));
    assert_eq!(l.additions, schedule.measurement.lease_liability);
    // Paid on 1 Mar (at commencement), 1 Jun and 1 Sep: only the last two pay the liability.
    assert_eq!(l.payments, d("20000.00"));
    assert_eq!(
        l.closing,
        row_ending(&schedule, date(2026, 11, 30)).closing_liability
    );
    assert_eq!(
        report.right_of_use_asset.additions,
        schedule.measurement.lease_liability + d("10000.00")
    );
}

// ---------------------------------------------------------------------------------------------
// Remeasurement and termination

fn monthly_sek(id: &str) -> ContractInput {
    contract(
        id,
        terms(
            "SEK",
            date(2025, 1, 1),
            date(2029, 12, 31),
            "10000.00",
            Frequency::Monthly,
            Timing::Arrears,
            "5",
        ),
    )
}

fn with_version(
    mut lease: ContractInput,
    effective: NaiveDate,
    change: impl FnOnce(&mut ContractTerms),
) -> ContractInput {
    let mut next = lease
        .versions
        .last()
        .map(|v| v.terms.clone())
        .expect("a first version");
    change(&mut next);
    let number = lease.versions.len() as u32 + 1;
    lease.versions.push(VersionInput {
        number,
        effective_from: effective,
        terms: next,
    });
    lease
}

fn year_2026() -> ReportRequest {
    request(
        date(2026, 1, 1),
        date(2026, 12, 31),
        Framework::Ifrs16,
        "SEK",
    )
}

#[test]
fn a_remeasurement_increase_is_capitalised() {
    let lease = with_version(monthly_sek("up"), date(2026, 4, 1), |t| {
        t.payment.amount = d("12000.00");
    });
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let step = &schedule.remeasurements[0];
    assert!(step.liability_after > step.liability_before);
    let report = build_ok(
        &year_2026(),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    assert_eq!(c.version, 2);
    assert_eq!(
        c.liability.remeasurements,
        step.liability_after - step.liability_before
    );
    assert_eq!(
        c.right_of_use_asset.remeasurements,
        c.liability.remeasurements
    );
    assert_eq!(c.profit_or_loss.remeasurement_gain_loss, d("0.00"));
    assert_eq!(
        c.liability.closing,
        row_ending(&schedule, date(2026, 12, 31)).closing_liability
    );
    // Payments: 3 × 10 000 + 9 × 12 000.
    assert_eq!(c.liability.payments, d("138000.00"));
    // The April entry books the remeasurement on the asset and the liability.
    let april = report
        .journal
        .iter()
        .find(|e| e.date == date(2026, 4, 30))
        .expect("an April entry");
    let rou = april
        .lines
        .iter()
        .find(|l| l.account == AccountRole::RightOfUseAsset);
    assert_eq!(rou.map(|l| l.debit), Some(c.liability.remeasurements));
}

#[test]
fn a_decrease_beyond_the_asset_is_a_section_39_gain() {
    // From April the payment drops to 1 SEK and the term ends in 2027: the liability falls by
    // far more than the asset's carrying amount, which goes to zero; the rest is a gain.
    let lease = with_version(monthly_sek("down"), date(2026, 4, 1), |t| {
        t.payment.amount = d("1.00");
        t.end_date = date(2027, 3, 31);
    });
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let step = &schedule.remeasurements[0];
    assert!(step.profit_or_loss > Decimal::ZERO);
    let report = build_ok(
        &year_2026(),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    assert_eq!(
        c.liability.remeasurements,
        step.liability_after - step.liability_before
    );
    assert_eq!(
        c.right_of_use_asset.remeasurements,
        -step.right_of_use_asset_before
    );
    assert_eq!(
        c.profit_or_loss.remeasurement_gain_loss,
        step.profit_or_loss
    );
    assert_eq!(c.right_of_use_asset.closing, d("0.00"));
    let gains: Decimal = report
        .journal
        .iter()
        .flat_map(|e| &e.lines)
        .filter(|l| l.account == AccountRole::RemeasurementGain)
        .map(|l| l.credit)
        .sum();
    assert_eq!(gains, step.profit_or_loss);
}

#[test]
fn a_termination_mid_period_derecognises_both_balances_with_the_difference_in_profit_or_loss() {
    let mut lease = monthly_sek("ended");
    lease.terminated_on = Some(date(2026, 6, 15));
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let report = build_ok(
        &year_2026(),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    // June's row (30 days, arrears: unpaid on the 15th): 15 of its 30 days accrued.
    let june = row_ending(&schedule, date(2026, 6, 30));
    let liability = june.opening_liability + round_money(june.interest * d("15") / d("30"));
    let asset =
        june.opening_right_of_use_asset - round_money(june.depreciation * d("15") / d("30"));
    assert_eq!(c.terminated_on, Some(date(2026, 6, 15)));
    assert_eq!(c.liability.terminations, liability);
    assert_eq!(c.right_of_use_asset.terminations, asset);
    assert_eq!(c.profit_or_loss.remeasurement_gain_loss, liability - asset);
    assert_eq!(c.liability.closing, d("0.00"));
    assert_eq!(c.liability.current, d("0.00"));
    assert_eq!(c.right_of_use_asset.closing, d("0.00"));
    assert_eq!(c.maturity.total(), d("0.00"));
    // Five payments (January–May), nothing after the termination.
    assert_eq!(c.liability.payments, d("50000.00"));
    assert!(report.journal.iter().all(|e| e.date <= date(2026, 6, 30)));
    // The liability exceeds the depreciated asset here: a gain.
    assert!(liability > asset);
}

#[test]
fn an_archive_date_after_the_period_end_changes_nothing_in_the_period() {
    let mut later = monthly_sek("later");
    later.terminated_on = Some(date(2027, 2, 10));
    let plain = build_ok(&year_2026(), &[monthly_sek("later")], &SeriesTable::new());
    let archived = build_ok(&year_2026(), &[later], &SeriesTable::new());
    assert_eq!(archived, plain);
}

#[test]
fn a_contract_terminated_before_it_started_or_before_the_period_is_left_out() {
    let mut never = monthly_sek("never");
    never.terminated_on = Some(date(2024, 12, 31));
    let mut earlier = monthly_sek("earlier");
    earlier.terminated_on = Some(date(2025, 12, 31));
    let report = build_ok(&year_2026(), &[never, earlier], &SeriesTable::new());
    assert!(report.contracts.is_empty());
    assert!(report.journal.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Leases kept off the balance sheet

#[test]
fn k3_operating_leases_show_only_the_expense() {
    let lease = monthly_sek("k3");
    let schedule = schedule_for(&lease, Framework::K3Operating);
    let report = build_ok(
        &request(
            date(2026, 1, 1),
            date(2026, 12, 31),
            Framework::K3Operating,
            "SEK",
        ),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    assert_eq!(c.treatment, Treatment::Operating);
    let expense: Decimal = rows_within(&schedule, date(2026, 1, 1), date(2026, 12, 31))
        .iter()
        .map(|r| r.expense)
        .sum();
    assert_eq!(c.profit_or_loss.operating_lease_expense, expense);
    assert_eq!(expense, d("120000.00"));
    assert_eq!(c.profit_or_loss.depreciation, d("0.00"));
    assert_eq!(c.profit_or_loss.interest, d("0.00"));
    // Commitments: the 36 payments of 2027–2029.
    assert_eq!(c.maturity.total(), d("360000.00"));
    for entry in &report.journal {
        let roles: Vec<AccountRole> = entry.lines.iter().map(|l| l.account).collect();
        assert_eq!(
            roles,
            vec![AccountRole::LeaseExpense, AccountRole::Payments]
        );
    }
}

#[test]
fn exempt_leases_are_expensed_on_their_own_lines() {
    let mut short = terms(
        "SEK",
        date(2026, 3, 1),
        date(2027, 2, 28),
        "3000.00",
        Frequency::Monthly,
        Timing::Advance,
        "5",
    );
    short.exemption = Some(lease::Exemption::ShortTerm);
    let mut low = terms(
        "SEK",
        date(2025, 1, 1),
        date(2027, 12, 31),
        "500.00",
        Frequency::Quarterly,
        Timing::Arrears,
        "5",
    );
    low.exemption = Some(lease::Exemption::LowValue);
    let report = build_ok(
        &year_2026(),
        &[contract("short", short), contract("low", low)],
        &SeriesTable::new(),
    );
    let short = contract_named(&report, "short");
    assert_eq!(short.treatment, Treatment::ShortTerm);
    // March–December: 10 monthly payments of 3 000, expensed straight-line.
    assert_eq!(short.profit_or_loss.short_term_expense, d("30000.00"));
    assert_eq!(short.maturity.total(), d("6000.00"));
    let low = contract_named(&report, "low");
    assert_eq!(low.treatment, Treatment::LowValue);
    assert_eq!(low.profit_or_loss.low_value_expense, d("2000.00"));
    assert_eq!(report.profit_or_loss.short_term_expense, d("30000.00"));
    assert_eq!(report.liability, zero_liability());
}

// ---------------------------------------------------------------------------------------------
// Periods and contracts that do not overlap fully

#[test]
fn a_period_before_the_earliest_contract_opens_at_zero() {
    let lease = monthly_sek("new");
    let schedule = schedule_for(&lease, Framework::Ifrs16);
    let report = build_ok(
        &request(
            date(2024, 10, 1),
            date(2025, 3, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    assert_eq!(c.liability.opening, d("0.00"));
    assert_eq!(c.right_of_use_asset.opening, d("0.00"));
    assert_eq!(c.liability.additions, schedule.measurement.lease_liability);
    assert_eq!(
        c.liability.closing,
        row_ending(&schedule, date(2025, 3, 31)).closing_liability
    );
    // No entries before the commencement month.
    assert!(report.journal.iter().all(|e| e.date >= date(2025, 1, 31)));

    // Entirely before it: nothing to report, and no rates needed even for a foreign lease.
    let mut foreign = monthly_sek("eur");
    foreign.versions[0].terms.currency = currency("EUR");
    let empty = build_ok(
        &request(
            date(2024, 1, 1),
            date(2024, 12, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        &[lease, foreign],
        &SeriesTable::new(),
    );
    assert!(empty.contracts.is_empty() && empty.journal.is_empty() && empty.rates.is_empty());
    assert_eq!(empty.liability, zero_liability());
}

#[test]
fn a_contract_ending_inside_the_period_closes_at_zero() {
    let lease = contract(
        "ending",
        terms(
            "SEK",
            date(2024, 7, 1),
            date(2026, 6, 30),
            "10000.00",
            Frequency::Quarterly,
            Timing::Advance,
            "6",
        ),
    );
    let report = build_ok(
        &year_2026(),
        std::slice::from_ref(&lease),
        &SeriesTable::new(),
    );
    let c = &report.contracts[0];
    assert!(c.liability.opening > Decimal::ZERO);
    assert_eq!(c.liability.closing, d("0.00"));
    assert_eq!(c.right_of_use_asset.closing, d("0.00"));
    assert_eq!(c.maturity.total(), d("0.00"));
    // Two advance payments in 2026: 1 Jan and 1 Apr.
    assert_eq!(c.liability.payments, d("20000.00"));
    // A year later it is gone.
    let after = build_ok(
        &request(
            date(2027, 1, 1),
            date(2027, 12, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        &[lease],
        &SeriesTable::new(),
    );
    assert!(after.contracts.is_empty());
}

#[test]
fn consecutive_periods_continue_each_other() {
    let rates = hand_rates();
    let contracts = hand_portfolio();
    let first = build_ok(
        &request(
            date(2026, 1, 1),
            date(2026, 6, 30),
            Framework::Ifrs16,
            "SEK",
        ),
        &contracts,
        &rates,
    );
    let second = build_ok(
        &request(
            date(2026, 7, 1),
            date(2026, 12, 31),
            Framework::Ifrs16,
            "SEK",
        ),
        &contracts,
        &rates,
    );
    check_continuity(&first, &second);
    // In the reporting currency the halves add up to the year.
    let year = build_ok(&year_2026(), &contracts, &rates);
    let pick = |r: &Report| contract_named(r, "sek").liability;
    assert_eq!(
        pick(&first).interest + pick(&second).interest,
        pick(&year).interest
    );
}

// ---------------------------------------------------------------------------------------------
// Rates and requests

fn eur_lease() -> ContractInput {
    let mut lease = monthly_sek("eur");
    lease.versions[0].terms.currency = currency("EUR");
    lease
}

#[test]
fn a_missing_rate_names_the_currency_and_the_date() {
    // 2026 is stored, 2025 not: the EUR lease's opening balance has no rate.
    let mut observations = Vec::new();
    daily(
        &mut observations,
        "SEK",
        date(2026, 1, 1),
        date(2026, 12, 31),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    let error = build(&year_2026(), &[eur_lease()], &rates).expect_err("no opening rate");
    assert_eq!(
        error,
        ReportError::Rate(FxError::NoRate {
            base: "EUR".to_owned(),
            quote: "SEK".to_owned(),
            date: date(2025, 12, 31),
        })
    );
}

#[test]
fn an_average_on_too_few_days_is_refused() {
    // January–September only: 191 of the year's 256 TARGET days (under 80 %).
    let mut observations = Vec::new();
    daily(
        &mut observations,
        "SEK",
        date(2025, 12, 1),
        date(2026, 9, 30),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    let observed = target_days(date(2026, 1, 1), date(2026, 9, 30)).len() as u32;
    assert_eq!(observed, 191);
    let error = build(&year_2026(), &[eur_lease()], &rates).expect_err("an incomplete average");
    assert_eq!(
        error,
        ReportError::RatesIncomplete {
            currency: "EUR".to_owned(),
            from: date(2026, 1, 1),
            to: date(2026, 12, 31),
            observations: 191,
            expected: 256,
        }
    );
    // Missing only 1 October – 10 November (about 30 TARGET days: still over 80 %) is enough.
    daily(
        &mut observations,
        "SEK",
        date(2026, 11, 11),
        date(2026, 12, 31),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    build_ok(&year_2026(), &[eur_lease()], &rates);
}

#[test]
fn the_period_is_validated() {
    let rates = SeriesTable::new();
    let reversed = request(
        date(2026, 2, 1),
        date(2026, 1, 31),
        Framework::Ifrs16,
        "SEK",
    );
    assert_eq!(
        build(&reversed, &[], &rates),
        Err(ReportError::PeriodReversed)
    );
    let long = request(
        date(2026, 1, 15),
        date(2027, 1, 15),
        Framework::Ifrs16,
        "SEK",
    );
    assert_eq!(build(&long, &[], &rates), Err(ReportError::PeriodTooLong));
    // Twelve months to the day before: thirteen calendar-month parts in the journal.
    let longest = request(
        date(2026, 1, 15),
        date(2027, 1, 14),
        Framework::Ifrs16,
        "SEK",
    );
    let report = build_ok(&longest, &[monthly_sek("m")], &rates);
    assert_eq!(report.journal.len(), 13);
    assert_eq!(report.journal[0].date, date(2026, 1, 31));
    assert_eq!(report.journal[12].date, date(2027, 1, 14));
    let one_day = request(date(2026, 3, 5), date(2026, 3, 5), Framework::Ifrs16, "SEK");
    build_ok(&one_day, &[monthly_sek("m")], &rates);
}

#[test]
fn the_rates_needed_are_the_foreign_series_from_a_fortnight_before_the_eve() {
    let mut nok = monthly_sek("nok");
    nok.versions[0].terms.currency = currency("NOK");
    let contracts = [monthly_sek("sek"), eur_lease(), nok];
    let (series, from, to) = rates_needed(&year_2026(), &contracts);
    assert_eq!(series, vec!["NOK".to_owned(), "SEK".to_owned()]);
    assert_eq!(from, date(2025, 12, 17));
    assert_eq!(to, date(2026, 12, 31));
    let (series, _, _) = rates_needed(&year_2026(), &[monthly_sek("sek")]);
    assert!(series.is_empty());
    let in_eur = request(
        date(2026, 1, 1),
        date(2026, 12, 31),
        Framework::Ifrs16,
        "EUR",
    );
    let (series, _, _) = rates_needed(&in_eur, &[eur_lease()]);
    assert!(series.is_empty());
    let (series, _, _) = rates_needed(&in_eur, &[monthly_sek("sek")]);
    assert_eq!(series, vec!["SEK".to_owned()]);
}

// ---------------------------------------------------------------------------------------------
// Property tests over random portfolios

const CURRENCIES: [&str; 4] = ["SEK", "EUR", "NOK", "USD"];
const REPORTING: [&str; 3] = ["SEK", "EUR", "NOK"];
const FRAMEWORKS: [Framework; 3] = [
    Framework::Ifrs16,
    Framework::K3Finance,
    Framework::K3Operating,
];
const FREQUENCIES: [Frequency; 4] = [
    Frequency::Monthly,
    Frequency::Quarterly,
    Frequency::SemiAnnual,
    Frequency::Annual,
];

/// Units per euro on every TARGET day of 2021–2031, wobbling ±2 % day to day so that opening,
/// average and closing rates differ.
static RANDOM_RATES: LazyLock<SeriesTable> = LazyLock::new(|| {
    let mut observations = Vec::new();
    let days = target_days(date(2021, 1, 1), date(2031, 12, 31));
    for (series, base) in [("SEK", 112_000_i64), ("NOK", 115_000), ("USD", 10_800)] {
        for (i, day) in days.iter().enumerate() {
            let wobble = i64::try_from((i * 37 + base as usize) % 41).unwrap_or(0) - 20;
            observations.push(Observation {
                series: series.to_owned(),
                date: *day,
                value: Decimal::new(base + base * wobble / 1000, 4),
                source: Source::Ecb,
            });
        }
    }
    SeriesTable::from_observations(&observations)
});

fn plus_days(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .expect("a test date in range")
}

/// One later version: where (a share of the periods left), the new payment, rate and term.
type VersionSpec = (u32, i64, u32, u32);

#[derive(Debug, Clone)]
struct ContractSpec {
    currency: usize,
    commencement_offset: i64,
    frequency: usize,
    advance: bool,
    periods: u32,
    amount_cents: i64,
    rate_bp: u32,
    costs_cents: (i64, i64, i64, i64),
    exemption: u8,
    asset_class: usize,
    versions: Vec<VersionSpec>,
    terminated_offset: Option<i64>,
}

fn contract_spec() -> impl Strategy<Value = ContractSpec> {
    (
        (
            0..CURRENCIES.len(),
            -1500..400_i64,
            0..4_usize,
            any::<bool>(),
            1..40_u32,
        ),
        (
            100..2_000_000_i64,
            0..1500_u32,
            (0..100_000_i64, 0..100_i64, 0..50_000_i64, 0..20_000_i64),
        ),
        (0..10_u8, 0..5_usize),
        prop::collection::vec(
            (any::<u32>(), 100..2_000_000_i64, 0..1500_u32, 0..30_u32),
            0..3,
        ),
        prop::option::of(-40..1500_i64),
    )
        .prop_map(
            |(
                (currency, commencement_offset, frequency, advance, periods),
                (amount_cents, rate_bp, costs_cents),
                (exemption, asset_class),
                versions,
                terminated_offset,
            )| ContractSpec {
                currency,
                commencement_offset,
                frequency,
                advance,
                periods,
                amount_cents,
                rate_bp,
                costs_cents,
                exemption,
                asset_class,
                versions,
                terminated_offset,
            },
        )
}

fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// The contract of `spec`, commencing `spec.commencement_offset` days from `anchor` (the
/// period start, so that most contracts overlap the period).
fn contract_from(index: usize, spec: &ContractSpec, anchor: NaiveDate) -> ContractInput {
    let frequency = FREQUENCIES[spec.frequency];
    let months = frequency.months_per_period();
    let mut commencement = plus_days(anchor, spec.commencement_offset);
    if commencement.day() > 28 {
        commencement = commencement.with_day(28).expect("day 28 exists");
    }
    let end_after = |periods: u32| {
        add_months(commencement, periods * months)
            .pred_opt()
            .expect("a test date in range")
    };
    let amount = money(spec.amount_cents);
    let (idc, incentive_percent, restoration, fee) = spec.costs_cents;
    let mut first = terms(
        CURRENCIES[spec.currency],
        commencement,
        end_after(spec.periods),
        "1",
        frequency,
        if spec.advance {
            Timing::Advance
        } else {
            Timing::Arrears
        },
        "0",
    );
    first.payment.amount = amount;
    first.discount_rate = Decimal::new(i64::from(spec.rate_bp), 2);
    first.initial_direct_costs = money(idc);
    // At most half a payment: the asset's cost stays positive.
    first.lease_incentives = round_money(amount * Decimal::new(incentive_percent, 2) / d("2"));
    first.restoration_costs = money(restoration);
    first.first_increased_fee = money(fee);
    first.asset_class = [
        AssetClass::Vehicle,
        AssetClass::Equipment,
        AssetClass::It,
        AssetClass::Premises,
        AssetClass::Other,
    ][spec.asset_class];
    first.exemption = match spec.exemption {
        0 if spec.periods * months <= 12 => Some(lease::Exemption::ShortTerm),
        1 => Some(lease::Exemption::LowValue),
        _ => None,
    };
    let mut lease = contract(&format!("c{index}"), first);
    let mut periods = spec.periods;
    let mut last_start = 0;
    for (share, amount_cents, rate_bp, extra) in &spec.versions {
        if periods <= last_start + 1 || lease.versions[0].terms.exemption.is_some() {
            break;
        }
        let start = last_start + 1 + share % (periods - last_start - 1);
        let new_periods = start + 1 + extra;
        let effective = add_months(commencement, start * months);
        lease = with_version(lease, effective, |t| {
            t.payment.amount = money(*amount_cents);
            t.discount_rate = Decimal::new(i64::from(*rate_bp), 2);
            t.end_date = end_after(new_periods);
        });
        last_start = start;
        periods = new_periods;
    }
    lease.terminated_on = spec
        .terminated_offset
        .map(|days| plus_days(commencement, days));
    lease
}

fn random_request(
    start_offset: i64,
    months: u32,
    shave: i64,
    framework: usize,
    reporting: usize,
) -> ReportRequest {
    let start = plus_days(date(2021, 6, 1), start_offset);
    let end = plus_days(add_months(start, months), -1 - shave).max(start);
    request(start, end, FRAMEWORKS[framework], REPORTING[reporting])
}

fn flows(c: &ContractReport) -> [Decimal; 9] {
    [
        c.liability.additions,
        c.liability.interest,
        c.liability.payments,
        c.liability.remeasurements,
        c.liability.terminations,
        c.right_of_use_asset.depreciation,
        c.right_of_use_asset.remeasurements,
        c.profit_or_loss.short_term_expense
            + c.profit_or_loss.low_value_expense
            + c.profit_or_loss.operating_lease_expense,
        c.profit_or_loss.remeasurement_gain_loss,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_identity_holds_on_random_portfolios(
        specs in prop::collection::vec(contract_spec(), 1..7),
        (start_offset, months, shave) in (0..2900_i64, 1..=12_u32, 0..20_i64),
        split in 1..400_i64,
        framework in 0..3_usize,
        reporting in 0..3_usize,
    ) {
        let whole = random_request(start_offset, months, shave, framework, reporting);
        let contracts: Vec<ContractInput> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| contract_from(i, s, whole.period_start))
            .collect();
        let rates = &*RANDOM_RATES;
        let report = match build(&whole, &contracts, rates) {
            Err(ReportError::Lease { .. }) => {
                prop_assume!(false, "terms the engine refuses");
                return Ok(());
            }
            other => other.map_err(|e| TestCaseError::fail(e.to_string()))?,
        };
        check(&report);

        // Cut in two at a random day: both halves hold, continue each other, and in the
        // reporting currency their flows add up to the whole period's.
        let length = (whole.period_end - whole.period_start).num_days();
        prop_assume!(length >= 1);
        let cut = plus_days(whole.period_start, 1 + split % length);
        let mut first = whole.clone();
        first.period_end = cut.pred_opt().expect("a date");
        let mut second = whole.clone();
        second.period_start = cut;
        let first = build(&first, &contracts, rates).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let second = build(&second, &contracts, rates).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&first);
        check(&second);
        check_continuity(&first, &second);
        for c in report.contracts.iter().filter(|c| c.currency == whole.reporting_currency) {
            let part = |r: &Report| {
                r.contracts.iter().find(|p| p.id == c.id).map(flows).unwrap_or_default()
            };
            let (a, b) = (part(&first), part(&second));
            let summed: Vec<Decimal> = a.iter().zip(b).map(|(x, y)| x + y).collect();
            prop_assert_eq!(summed, flows(c).to_vec(), "{}", c.id);
        }

        // The maturity analysis is the undiscounted payments still due under the versions in
        // force at the period end, translated at the closing rate.
        for c in &report.contracts {
            let input = contracts.iter().find(|i| i.id == c.id).expect("an input");
            let mut in_force = input.clone();
            in_force.versions.retain(|v| v.effective_from <= whole.period_end);
            let schedule = schedule_for(&in_force, whole.framework);
            let remaining: Decimal = if c.terminated_on.is_some() {
                Decimal::ZERO
            } else {
                schedule.rows.iter()
                    .filter(|r| r.payment_date > whole.period_end)
                    .map(|r| r.payment)
                    .sum()
            };
            let expected = match report.rates.iter().find(|r| r.currency == c.currency) {
                Some(rate) => round_money(remaining * rate.closing),
                None => remaining,
            };
            prop_assert_eq!(c.maturity.total(), expected, "{}", c.id);
            // A period ending on a row's end: the closing balances are the row's.
            if c.currency == whole.reporting_currency && c.terminated_on.is_none() {
                let full = schedule_for(input, whole.framework);
                if let Some(row) = full.rows.iter().find(|r| r.end_date == whole.period_end)
                    && c.treatment == Treatment::BalanceSheet
                {
                    prop_assert_eq!(c.liability.closing, row.closing_liability);
                    prop_assert_eq!(c.right_of_use_asset.closing, row.closing_right_of_use_asset);
                }
            }
        }
    }
}

#[test]
fn a_period_without_a_publication_day_translates_flows_at_the_closing_rate() {
    // Saturday 3 and Sunday 4 January 2026: no ECB file; the rate in force is Friday 2's.
    let mut observations = Vec::new();
    daily(
        &mut observations,
        "SEK",
        date(2025, 12, 1),
        date(2026, 1, 2),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    let weekend = request(date(2026, 1, 3), date(2026, 1, 4), Framework::Ifrs16, "SEK");
    let report = build_ok(&weekend, &[eur_lease()], &rates);
    let rate = &report.rates[0];
    assert_eq!((rate.average, rate.observations), (d("11.2"), 0));
    assert_eq!(rate.closing_date, date(2026, 1, 2));
    assert!(report.liability.interest > Decimal::ZERO);
}

#[test]
fn a_closing_rate_older_than_a_week_is_refused_though_the_average_is_complete() {
    // Published until 2026-12-18 (a Friday): all but 8 of the TARGET days, enough for the average,
    // but the closing balances would be translated at a rate 13 days old.
    let mut observations = Vec::new();
    daily(
        &mut observations,
        "SEK",
        date(2025, 12, 1),
        date(2026, 12, 18),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    let error = build(&year_2026(), &[eur_lease()], &rates).expect_err("a stale closing rate");
    assert_eq!(
        error,
        ReportError::RateStale {
            currency: "EUR".to_owned(),
            date: date(2026, 12, 31),
            rate_date: date(2026, 12, 18),
        }
    );
    // Up to the last TARGET day before the year end (2026-12-31 is one): accepted.
    daily(
        &mut observations,
        "SEK",
        date(2026, 12, 19),
        date(2026, 12, 31),
        "11.20",
    );
    let rates = SeriesTable::from_observations(&observations);
    build(&year_2026(), &[eur_lease()], &rates).expect("fresh rates");
}
