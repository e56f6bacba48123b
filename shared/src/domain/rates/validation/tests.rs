//! Every rule on hand-made batches, and the recorded ECB and SWEA payloads run through them.

use super::*;
use crate::domain::rates::upstream;
use std::str::FromStr;

const ECB_90D: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../events/rates-import/upstream/eurofxref-hist-90d.xml"
));
const SWEA_RANGE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../events/rates-import/upstream/swea-SEGVB5YC.json"
));

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test decimal")
}

fn fx(series: &str, date: &str, value: &str) -> Observation {
    Observation {
        series: series.into(),
        date: d(date),
        value: dec(value),
        source: Source::Ecb,
    }
}

fn interest(date: &str, value: &str) -> Observation {
    Observation {
        series: "SECBREPOEFF".into(),
        date: d(date),
        value: dec(value),
        source: Source::Riksbank,
    }
}

const TODAY: &str = "2025-01-10";

fn check(batch: Vec<Observation>, known: &[Observation]) -> Validated {
    validate(batch, known, d(TODAY), &Rules::default())
}

fn outcome<'a>(validated: &'a Validated, series: &str, date: &str) -> &'a Outcome {
    let found: Vec<&Checked> = validated
        .checked
        .iter()
        .filter(|c| c.observation.series == series && c.observation.date == d(date))
        .collect();
    match found.as_slice() {
        [one] => &one.outcome,
        other => panic!("{series} {date}: {} results", other.len()),
    }
}

fn ecb_90d() -> Vec<Observation> {
    upstream::ecb_reference_rates(ECB_90D).expect("the recorded file parses")
}

#[test]
fn a_first_import_of_the_90_days_is_all_new_across_weekends_and_holidays() {
    let validated = check(ecb_90d(), &[]);
    // 72 TARGET days (2024-09-23 … 2025-01-03) of 30 currencies.
    assert_eq!(validated.checked.len(), 72 * 30);
    assert!(
        validated.checked.iter().all(|c| c.outcome == Outcome::New),
        "{:?}",
        validated.held_back().collect::<Vec<_>>()
    );
    let mut summary = Summary::default();
    summary.record(&validated);
    assert_eq!(
        summary.ecb,
        Counts {
            imported: 72 * 30,
            ..Counts::default()
        }
    );
    assert_eq!(summary.riksbank, Counts::default());
}

#[test]
fn importing_the_same_days_again_changes_nothing() {
    let known = ecb_90d();
    let validated = check(ecb_90d(), &known);
    assert!(
        validated
            .checked
            .iter()
            .all(|c| c.outcome == Outcome::Unchanged)
    );
    assert_eq!(validated.to_write().count(), 0);
}

#[test]
fn the_same_value_written_with_another_scale_is_unchanged() {
    let validated = check(
        vec![fx("PLN", "2025-01-03", "4.275")],
        &[fx("PLN", "2025-01-03", "4.2750")],
    );
    assert_eq!(
        outcome(&validated, "PLN", "2025-01-03"),
        &Outcome::Unchanged
    );
}

#[test]
fn a_changed_value_for_a_known_date_is_a_revision_of_the_latest_known_value() {
    // Known: the first value, then a revision; the current value is the revision.
    let known = [
        fx("USD", "2025-01-02", "1.0350"),
        fx("USD", "2025-01-03", "1.0389"),
        fx("USD", "2025-01-03", "1.0390"),
    ];
    let again = check(vec![fx("USD", "2025-01-03", "1.0390")], &known);
    assert_eq!(outcome(&again, "USD", "2025-01-03"), &Outcome::Unchanged);
    let changed = check(vec![fx("USD", "2025-01-03", "1.0391")], &known);
    assert_eq!(
        outcome(&changed, "USD", "2025-01-03"),
        &Outcome::Revision {
            previous: dec("1.0390")
        }
    );
    assert_eq!(changed.to_write().count(), 1);
    let mut summary = Summary::default();
    summary.record(&changed);
    assert_eq!(summary.ecb.imported, 1);
    assert_eq!(summary.ecb.revisions, 1);
}

#[test]
fn a_revision_beyond_a_corrections_bound_is_held_back() {
    let known = [
        fx("SEK", "2025-01-02", "11.5000"),
        fx("SEK", "2025-01-03", "11.4935"),
        interest("2025-01-03", "2.50"),
    ];
    // 1 % of 11.4935 is 0.114935: 11.6084 stays within it, 11.6085 does not.
    let within = check(vec![fx("SEK", "2025-01-03", "11.6084")], &known);
    assert_eq!(
        outcome(&within, "SEK", "2025-01-03"),
        &Outcome::Revision {
            previous: dec("11.4935")
        }
    );
    let beyond = check(vec![fx("SEK", "2025-01-03", "11.6085")], &known);
    assert_eq!(
        outcome(&beyond, "SEK", "2025-01-03"),
        &Outcome::HeldBack(HoldBack::LargeRevision {
            previous: dec("11.4935"),
            bound: dec("0.01")
        })
    );
    assert_eq!(beyond.to_write().count(), 0);
    // Interest: 0.10 points.
    let small = check(vec![interest("2025-01-03", "2.60")], &known);
    assert!(matches!(
        outcome(&small, "SECBREPOEFF", "2025-01-03"),
        Outcome::Revision { .. }
    ));
    let large = check(vec![interest("2025-01-03", "2.61")], &known);
    assert!(matches!(
        outcome(&large, "SECBREPOEFF", "2025-01-03"),
        Outcome::HeldBack(HoldBack::LargeRevision { .. })
    ));
}

#[test]
fn a_second_fixer_price_for_a_stored_day_is_not_a_revision() {
    let stored = Observation {
        series: "AED".into(),
        date: d("2025-01-03"),
        value: dec("3.814962"),
        source: Source::Fixer,
    };
    let later = Observation {
        value: dec("3.815100"),
        ..stored.clone()
    };
    let validated = check(vec![later], &[stored]);
    assert_eq!(
        outcome(&validated, "AED", "2025-01-03"),
        &Outcome::Unchanged
    );
    assert_eq!(validated.to_write().count(), 0);
}

#[test]
fn a_date_after_today_is_held_back() {
    let validated = check(
        vec![fx("USD", "2025-01-11", "1.04"), fx("USD", TODAY, "1.04")],
        &[],
    );
    assert_eq!(
        outcome(&validated, "USD", "2025-01-11"),
        &Outcome::HeldBack(HoldBack::FutureDate { today: d(TODAY) })
    );
    assert_eq!(outcome(&validated, "USD", TODAY), &Outcome::New);
}

#[test]
fn an_fx_rate_of_zero_or_below_is_held_back() {
    let validated = check(
        vec![
            fx("USD", "2025-01-02", "0"),
            fx("JPY", "2025-01-02", "-163.84"),
            fx("GBP", "2025-01-02", "0.00001"),
        ],
        &[],
    );
    assert_eq!(
        outcome(&validated, "USD", "2025-01-02"),
        &Outcome::HeldBack(HoldBack::NotPositive)
    );
    assert_eq!(
        outcome(&validated, "JPY", "2025-01-02"),
        &Outcome::HeldBack(HoldBack::NotPositive)
    );
    assert_eq!(outcome(&validated, "GBP", "2025-01-02"), &Outcome::New);
}

#[test]
fn a_negative_interest_rate_is_accepted_within_bounds() {
    let validated = check(
        vec![
            interest("2016-02-17", "-0.50"),
            interest("2016-02-18", "-10"),
            interest("2016-02-19", "-10.01"),
        ],
        &[],
    );
    assert_eq!(
        outcome(&validated, "SECBREPOEFF", "2016-02-17"),
        &Outcome::New
    );
    // -10 is the bound itself, but 9.5 points below the day before: a jump.
    assert!(matches!(
        outcome(&validated, "SECBREPOEFF", "2016-02-18"),
        Outcome::HeldBack(HoldBack::Jump { .. })
    ));
    assert_eq!(
        outcome(&validated, "SECBREPOEFF", "2016-02-19"),
        &Outcome::HeldBack(HoldBack::OutOfRange {
            min: dec("-10"),
            max: dec("50")
        })
    );
    let alone = check(
        vec![
            interest("2016-02-18", "-10"),
            interest("2016-02-19", "50.5"),
        ],
        &[],
    );
    assert_eq!(outcome(&alone, "SECBREPOEFF", "2016-02-18"), &Outcome::New);
    assert!(matches!(
        outcome(&alone, "SECBREPOEFF", "2016-02-19"),
        Outcome::HeldBack(HoldBack::OutOfRange { .. })
    ));
}

#[test]
fn an_interest_jump_beyond_two_points_is_held_back_and_two_points_is_not() {
    let known = [interest("2025-01-02", "2.50")];
    let validated = check(
        vec![
            interest("2025-01-03", "4.50"),
            interest("2025-01-07", "6.51"),
        ],
        &known,
    );
    assert_eq!(
        outcome(&validated, "SECBREPOEFF", "2025-01-03"),
        &Outcome::New
    );
    assert_eq!(
        outcome(&validated, "SECBREPOEFF", "2025-01-07"),
        &Outcome::HeldBack(HoldBack::Jump {
            previous_date: d("2025-01-03"),
            previous_value: dec("4.50"),
            bound: dec("2"),
        })
    );
}

#[test]
fn an_absurd_fx_jump_is_held_back_alone_and_the_next_day_is_measured_against_the_last_good_one() {
    // A misplaced decimal point in one currency: 10.389 where 1.0389 was expected.
    let known = [
        fx("USD", "2025-01-02", "1.0350"),
        fx("SEK", "2025-01-02", "11.49"),
    ];
    let validated = check(
        vec![
            fx("USD", "2025-01-03", "10.389"),
            fx("SEK", "2025-01-03", "11.50"),
            fx("USD", "2025-01-07", "1.0400"),
            fx("SEK", "2025-01-07", "11.52"),
        ],
        &known,
    );
    let jump = outcome(&validated, "USD", "2025-01-03");
    assert_eq!(
        jump,
        &Outcome::HeldBack(HoldBack::Jump {
            previous_date: d("2025-01-02"),
            previous_value: dec("1.0350"),
            bound: dec("0.20"),
        })
    );
    assert_eq!(outcome(&validated, "SEK", "2025-01-03"), &Outcome::New);
    // Against 2 January's 1.0350, not the held-back 10.389.
    assert_eq!(outcome(&validated, "USD", "2025-01-07"), &Outcome::New);
    let held: Vec<_> = validated.held_back().collect();
    assert_eq!(held.len(), 1);
    assert_eq!(
        held[0].1.to_string(),
        "jumps from 1.0350 on 2025-01-02, beyond the bound of 0.20"
    );
}

#[test]
fn the_fx_jump_bound_is_relative_and_configurable() {
    let known = [fx("USD", "2025-01-02", "1.00")];
    let batch = || {
        vec![
            fx("USD", "2025-01-03", "1.20"),
            fx("USD", "2025-01-07", "1.45"),
        ]
    };
    let default = check(batch(), &known);
    // 20 % exactly is within the bound; 1.20 → 1.45 is 20.8 %.
    assert_eq!(outcome(&default, "USD", "2025-01-03"), &Outcome::New);
    assert!(matches!(
        outcome(&default, "USD", "2025-01-07"),
        Outcome::HeldBack(HoldBack::Jump { .. })
    ));
    let tight = Rules {
        fx_max_jump: dec("0.05"),
        ..Rules::default()
    };
    let validated = validate(batch(), &known, d(TODAY), &tight);
    assert!(matches!(
        outcome(&validated, "USD", "2025-01-03"),
        Outcome::HeldBack(HoldBack::Jump { .. })
    ));
}

#[test]
fn a_day_missing_a_currency_of_the_previous_published_day_is_held_back_whole() {
    // Friday 27 December, then Monday 30 December without SEK: the weekend between is no gap
    // to complain about, the missing SEK is.
    let known = [
        fx("USD", "2024-12-27", "1.0420"),
        fx("SEK", "2024-12-27", "11.50"),
    ];
    let validated = check(
        vec![
            fx("USD", "2024-12-30", "1.0430"),
            fx("USD", "2024-12-31", "1.0389"),
            fx("SEK", "2024-12-31", "11.49"),
        ],
        &known,
    );
    let reason = HoldBack::MissingCurrencies {
        previous_day: d("2024-12-27"),
        missing: vec!["SEK".into()],
    };
    assert_eq!(
        outcome(&validated, "USD", "2024-12-30"),
        &Outcome::HeldBack(reason.clone())
    );
    assert_eq!(
        reason.to_string(),
        "the day lacks SEK published on 2024-12-27"
    );
    // The next complete day is measured against the last complete one and passes.
    assert_eq!(outcome(&validated, "USD", "2024-12-31"), &Outcome::New);
    assert_eq!(outcome(&validated, "SEK", "2024-12-31"), &Outcome::New);
}

#[test]
fn a_currency_missing_two_days_running_holds_back_both() {
    let known = [
        fx("USD", "2024-12-27", "1.0420"),
        fx("SEK", "2024-12-27", "11.50"),
    ];
    let validated = check(
        vec![
            fx("USD", "2024-12-30", "1.0430"),
            fx("USD", "2024-12-31", "1.0389"),
        ],
        &known,
    );
    for date in ["2024-12-30", "2024-12-31"] {
        assert_eq!(
            outcome(&validated, "USD", date),
            &Outcome::HeldBack(HoldBack::MissingCurrencies {
                previous_day: d("2024-12-27"),
                missing: vec!["SEK".into()],
            }),
            "{date}"
        );
    }
}

#[test]
fn a_retired_currency_is_not_missing_from_its_retirement_on() {
    let known = [
        fx("USD", "2025-12-31", "1.17"),
        fx("BGN", "2025-12-31", "1.9558"),
    ];
    let validated = check_on(vec![fx("USD", "2026-01-02", "1.17")], &known, "2026-01-02");
    assert_eq!(outcome(&validated, "USD", "2026-01-02"), &Outcome::New);
}

fn check_on(batch: Vec<Observation>, known: &[Observation], today: &str) -> Validated {
    validate(batch, known, d(today), &Rules::default())
}

#[test]
fn another_sources_value_for_a_known_day_is_its_own_not_a_revision() {
    let known = [fx("SEK", "2025-01-03", "11.4935")];
    let fixer = Observation {
        source: Source::Fixer,
        ..fx("SEK", "2025-01-03", "11.493518")
    };
    let first = check(vec![fixer.clone()], &known);
    assert_eq!(outcome(&first, "SEK", "2025-01-03"), &Outcome::New);
    // And the ECB's value again, after Fixer's: unchanged, not a revision back.
    let stored = [known[0].clone(), fixer];
    let again = check(vec![fx("SEK", "2025-01-03", "11.4935")], &stored);
    assert_eq!(outcome(&again, "SEK", "2025-01-03"), &Outcome::Unchanged);
}

#[test]
fn a_day_is_compared_with_the_same_sources_previous_day() {
    // Fixer publishes many more currencies than the ECB: an ECB day after a Fixer day is
    // not missing anything.
    let fixer_day = Observation {
        series: "AED".into(),
        date: d("2025-01-02"),
        value: dec("3.81"),
        source: Source::Fixer,
    };
    let known = [fixer_day, fx("USD", "2025-01-02", "1.0350")];
    let validated = check(vec![fx("USD", "2025-01-03", "1.0389")], &known);
    assert_eq!(outcome(&validated, "USD", "2025-01-03"), &Outcome::New);
}

#[test]
fn the_recorded_90_days_with_a_currency_dropped_from_one_day_hold_back_that_day_only() {
    let mut batch = ecb_90d();
    batch.retain(|o| !(o.series == "NOK" && o.date == d("2024-12-30")));
    let validated = check(batch, &[]);
    let held: BTreeSet<NaiveDate> = validated.held_back().map(|(o, _)| o.date).collect();
    assert_eq!(held, BTreeSet::from([d("2024-12-30")]));
    assert_eq!(validated.held_back().count(), 29);
    assert!(validated.held_back().all(|(_, reason)| *reason
        == HoldBack::MissingCurrencies {
            previous_day: d("2024-12-27"),
            missing: vec!["NOK".into()],
        }));
    let mut summary = Summary::default();
    summary.record(&validated);
    // Every other recorded day (71 of 72) is imported whole.
    assert_eq!(summary.ecb.imported, 71 * 30);
    assert_eq!(summary.ecb.held_back, 29);
}

#[test]
fn the_same_observation_twice_in_one_import_counts_once_and_two_values_are_both_held_back() {
    // The daily file's day is also the newest of the 90 days.
    let same = check(
        vec![
            fx("USD", "2025-01-03", "1.0389"),
            fx("USD", "2025-01-03", "1.0389"),
        ],
        &[],
    );
    let outcomes: Vec<&Outcome> = same.checked.iter().map(|c| &c.outcome).collect();
    assert_eq!(outcomes, [&Outcome::New, &Outcome::Unchanged]);
    let different = check(
        vec![
            fx("USD", "2025-01-03", "1.0389"),
            fx("USD", "2025-01-03", "1.0390"),
        ],
        &[],
    );
    assert!(different.checked.iter().all(|c| c.outcome
        == Outcome::HeldBack(HoldBack::Conflicting {
            values: vec![dec("1.0389"), dec("1.0390")]
        })));
}

#[test]
fn the_recorded_swea_range_passes_after_the_known_policy_of_the_day_before() {
    let batch =
        upstream::swea_observations("SEGVB5YC", d("2025-01-01"), d("2025-01-10"), SWEA_RANGE)
            .expect("the recorded payload parses");
    let known = [Observation {
        series: "SEGVB5YC".into(),
        date: d("2024-12-31"),
        value: dec("2.15"),
        source: Source::Riksbank,
    }];
    let validated = check(batch, &known);
    assert_eq!(validated.checked.len(), 6);
    assert!(validated.checked.iter().all(|c| c.outcome == Outcome::New));
}

#[test]
fn the_summary_keeps_sources_apart_and_counts_failures() {
    let mut summary = Summary::default();
    summary.record(&check(vec![interest("2025-01-02", "2.5")], &[]));
    summary.record(&check(vec![fx("USD", "2025-01-02", "0")], &[]));
    assert!(!summary.any_failed());
    summary.record_failure(Source::Fixer);
    assert!(summary.any_failed());
    assert_eq!(summary.counts(Source::Riksbank).imported, 1);
    assert_eq!(summary.counts(Source::Ecb).held_back, 1);
    assert_eq!(summary.counts(Source::Fixer).failed, 1);
    let json = serde_json::to_value(summary).expect("serializes");
    assert_eq!(json["ecb"]["heldBack"], 1);
    assert_eq!(json["fixer"]["failed"], 1);
    assert_eq!(json["riksbank"]["imported"], 1);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A few currencies over a fortnight, values from absurd to plausible, some negative,
    /// some twice: the shapes the rules branch on.
    fn any_batch() -> impl Strategy<Value = Vec<Observation>> {
        let one = (0usize..3, 0u64..14, -50i64..2_000, any::<bool>()).prop_map(
            |(currency, day, cents, ecb)| Observation {
                series: ["USD", "SEK", "NOK"][currency].to_owned(),
                date: d("2024-12-28") + chrono::Days::new(day),
                value: Decimal::new(cents, 2),
                source: if ecb { Source::Ecb } else { Source::Fixer },
            },
        );
        prop::collection::vec(one, 0..40)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn every_observation_gets_one_outcome_and_a_second_run_writes_nothing(
            known in any_batch(),
            batch in any_batch(),
        ) {
            let first = check(batch.clone(), &known);
            prop_assert_eq!(first.checked.len(), batch.len());
            // What the first run wrote is known to the second, after what was known before.
            let mut stored = known.clone();
            stored.extend(first.to_write().map(|c| c.observation.clone()));
            let second = check(batch, &stored);
            prop_assert_eq!(second.to_write().count(), 0, "{:?}", second.to_write().collect::<Vec<_>>());
            // Nothing written is out of bounds.
            for c in first.to_write() {
                prop_assert!(c.observation.value > Decimal::ZERO);
                prop_assert!(c.observation.date <= d(TODAY));
            }
        }
    }
}
