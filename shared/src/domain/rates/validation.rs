//! What an import does with a batch of parsed observations, given what the table already
//! holds: each observation is new, unchanged, a revision, or held back with a reason.
//!
//! Holding back is per observation (or per day, for a day missing currencies), not per
//! payload: one absurd rate must not keep the other twenty-nine of its day out, while a
//! broken payload is refused whole earlier, by `upstream`. Nothing here replaces a stored
//! value: a different value for a known date is a revision, written beside the first.
//!
//! Unchanged and revision are per source: a revision is a source changing what it published
//! itself. Another source's different value for the same day (Fixer beside the ECB) is that
//! source's own observation, not a revision of the ECB's; were it one, two sources that
//! differ in the fourth decimal would write a revision on every run. Likewise a day's
//! currencies are compared with the same source's previous day (Fixer publishes far more
//! currencies than the ECB). The jump reference is the series' previous value from any source.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Observation, Source};

/// The bounds an import holds new values to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Largest day-over-day change of an FX rate, relative (0.20 = 20 %).
    pub fx_max_jump: Decimal,
    /// Largest day-over-day change of an interest rate, in percentage points.
    pub interest_max_jump: Decimal,
    /// Lowest and highest plausible interest rate, in percent. Below zero is allowed: the
    /// Riksbank's policy rate was negative from 2015 to 2019.
    pub interest_min: Decimal,
    pub interest_max: Decimal,
    /// The largest change of a stored FX rate a source may make (relative): a larger one is
    /// held back for a person to look at, since booked reports relied on the stored value.
    pub fx_max_revision: Decimal,
    /// The same for interest rates, in percentage points.
    pub interest_max_revision: Decimal,
    /// Currencies the ECB stopped publishing, from the first day they are absent: without
    /// this every later day would be held back as "missing" that currency.
    pub retired_currencies: Vec<(String, NaiveDate)>,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            fx_max_jump: Decimal::new(20, 2),
            interest_max_jump: Decimal::TWO,
            interest_min: Decimal::new(-10, 0),
            interest_max: Decimal::new(50, 0),
            fx_max_revision: Decimal::new(1, 2),
            interest_max_revision: Decimal::new(10, 2),
            // Bulgaria adopted the euro on 1 January 2026; the lev has no reference rate since.
            retired_currencies: vec![(
                "BGN".to_owned(),
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MAX),
            )],
        }
    }
}

/// What becomes of one observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A (series, date) not known before from this source: written.
    New,
    /// The table already has this value for the series, date and source (or this import had
    /// it twice): nothing to write.
    Unchanged,
    /// A date known from this source with another value: written as a revision beside the
    /// first value, which stays. `previous` is the value it revises (the latest known).
    Revision { previous: Decimal },
    /// Not written; reported.
    HeldBack(HoldBack),
}

/// Why an observation is held back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoldBack {
    /// Dated after the day of the import.
    FutureDate { today: NaiveDate },
    /// An FX rate of zero or below.
    NotPositive,
    /// An interest rate outside the plausible range.
    OutOfRange { min: Decimal, max: Decimal },
    /// The day lacks currencies the source's previous published day had: the whole day waits.
    MissingCurrencies {
        previous_day: NaiveDate,
        missing: Vec<String>,
    },
    /// Too far from the series' previous value (FX: relative; interest: percentage points).
    Jump {
        previous_date: NaiveDate,
        previous_value: Decimal,
        bound: Decimal,
    },
    /// The import had this series and date more than once, with different values.
    Conflicting { values: Vec<Decimal> },
    /// A changed value for a stored day that moves further than a correction would.
    LargeRevision { previous: Decimal, bound: Decimal },
}

impl fmt::Display for HoldBack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FutureDate { today } => write!(f, "dated after today ({today})"),
            Self::NotPositive => f.write_str("an FX rate must be above zero"),
            Self::OutOfRange { min, max } => {
                write!(
                    f,
                    "an interest rate must be between {min} and {max} percent"
                )
            }
            Self::MissingCurrencies {
                previous_day,
                missing,
            } => write!(
                f,
                "the day lacks {} published on {previous_day}",
                missing.join(", ")
            ),
            Self::Jump {
                previous_date,
                previous_value,
                bound,
            } => write!(
                f,
                "jumps from {previous_value} on {previous_date}, beyond the bound of {bound}"
            ),
            Self::LargeRevision { previous, bound } => write!(
                f,
                "revises the stored {previous} by more than the bound of {bound}"
            ),
            Self::Conflicting { values } => {
                let values: Vec<String> = values.iter().map(ToString::to_string).collect();
                write!(f, "given more than once: {}", values.join(", "))
            }
        }
    }
}

/// One observation with its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub observation: Observation,
    pub outcome: Outcome,
}

/// The outcome of every observation of a batch, by date then series.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Validated {
    pub checked: Vec<Checked>,
}

impl Validated {
    /// What the importer writes: new values and revisions.
    pub fn to_write(&self) -> impl Iterator<Item = &Checked> {
        self.checked
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::New | Outcome::Revision { .. }))
    }

    /// What the importer reports as held back, with the reason.
    pub fn held_back(&self) -> impl Iterator<Item = (&Observation, &HoldBack)> {
        self.checked.iter().filter_map(|c| match &c.outcome {
            Outcome::HeldBack(reason) => Some((&c.observation, reason)),
            _ => None,
        })
    }
}

/// The counts of one source in a run's summary (logs, result, EMF metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Observations written: new ones and revisions.
    pub imported: usize,
    /// Of `imported`, how many were revisions.
    pub revisions: usize,
    pub unchanged: usize,
    pub held_back: usize,
    /// Fetches or payloads that failed (a timeout, a 5xx, a refused payload).
    pub failed: usize,
}

/// A run's summary, one [`Counts`] per source (every source present, zeros included, so a
/// metric never goes missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub riksbank: Counts,
    pub ecb: Counts,
    pub fixer: Counts,
}

impl Summary {
    pub fn counts(&self, source: Source) -> &Counts {
        match source {
            Source::Riksbank => &self.riksbank,
            Source::Ecb => &self.ecb,
            Source::Fixer => &self.fixer,
        }
    }

    fn counts_mut(&mut self, source: Source) -> &mut Counts {
        match source {
            Source::Riksbank => &mut self.riksbank,
            Source::Ecb => &mut self.ecb,
            Source::Fixer => &mut self.fixer,
        }
    }

    /// Adds a validated batch, each observation under its own source.
    pub fn record(&mut self, validated: &Validated) {
        for checked in &validated.checked {
            let counts = self.counts_mut(checked.observation.source);
            match checked.outcome {
                Outcome::New => counts.imported += 1,
                Outcome::Revision { .. } => {
                    counts.imported += 1;
                    counts.revisions += 1;
                }
                Outcome::Unchanged => counts.unchanged += 1,
                Outcome::HeldBack(_) => counts.held_back += 1,
            }
        }
    }

    /// Adds one failed fetch or refused payload of `source`.
    pub fn record_failure(&mut self, source: Source) {
        self.counts_mut(source).failed += 1;
    }

    /// Whether the run failed somewhere (the alarm's condition).
    pub fn any_failed(&self) -> bool {
        [self.riksbank, self.ecb, self.fixer]
            .iter()
            .any(|c| c.failed > 0)
    }
}

/// Interest series are percentages and may be negative; FX rates are units per euro.
fn is_interest(source: Source) -> bool {
    matches!(source, Source::Riksbank)
}

/// Checks `batch` against `known` (what the table holds: each (series, date, source)'s first
/// value and its revisions, in the order written, so the last is the current one) and `today`.
///
/// `known` should reach back before the batch's first day (a few days covers a weekend and a
/// holiday): the first day's currencies and jumps are measured against the day before it.
pub fn validate(
    batch: Vec<Observation>,
    known: &[Observation],
    today: NaiveDate,
    rules: &Rules,
) -> Validated {
    // The current value of each (series, date), and from it the jump reference, to which the
    // batch's accepted values are added day by day.
    let mut current: HashMap<(String, NaiveDate, Source), Decimal> = HashMap::new();
    let mut accepted: HashMap<String, BTreeMap<NaiveDate, Decimal>> = HashMap::new();
    // The currencies each FX source published per day.
    let mut published: HashMap<Source, BTreeMap<NaiveDate, BTreeSet<String>>> = HashMap::new();
    for o in known {
        current.insert((o.series.clone(), o.date, o.source), o.value);
        accepted
            .entry(o.series.clone())
            .or_default()
            .insert(o.date, o.value);
        if !is_interest(o.source) {
            published
                .entry(o.source)
                .or_default()
                .entry(o.date)
                .or_default()
                .insert(o.series.clone());
        }
    }

    // The batch by day, and within a day by source and series, so that each day is measured
    // against the days before it, those of this batch included.
    let mut by_day: BTreeMap<NaiveDate, Vec<Observation>> = BTreeMap::new();
    for o in batch {
        by_day.entry(o.date).or_default().push(o);
    }

    let mut checked = Vec::new();
    for (date, mut day) in by_day {
        day.sort_by(|a, b| (a.source as u8, &a.series).cmp(&(b.source as u8, &b.series)));
        let held_days = missing_currencies(&day, date, &mut published, rules);

        // Values given more than once in this import: equal ones count once.
        let mut given: HashMap<(Source, &str), Vec<Decimal>> = HashMap::new();
        for o in &day {
            let values = given.entry((o.source, o.series.as_str())).or_default();
            if !values.contains(&o.value) {
                values.push(o.value);
            }
        }
        let given: HashMap<(Source, String), Vec<Decimal>> = given
            .into_iter()
            .map(|((source, series), values)| ((source, series.to_owned()), values))
            .collect();
        let mut seen: BTreeSet<(u8, String)> = BTreeSet::new();

        for o in day {
            let values = given
                .get(&(o.source, o.series.clone()))
                .cloned()
                .unwrap_or_default();
            let first_time = seen.insert((o.source as u8, o.series.clone()));
            let known_now = current.get(&(o.series.clone(), date, o.source)).copied();
            let outcome = if values.len() > 1 {
                Outcome::HeldBack(HoldBack::Conflicting { values })
            } else if !first_time
                || known_now == Some(o.value)
                // Fixer's latest is a live price, not a publication: a second fetch the same
                // day is another price, never a correction of the first.
                || (o.source == Source::Fixer && known_now.is_some())
            {
                Outcome::Unchanged
            } else if let Some(reason) = held_days.get(&o.source) {
                Outcome::HeldBack(reason.clone())
            } else if let Some(reason) =
                known_now.and_then(|previous| large_revision(&o, previous, rules))
            {
                Outcome::HeldBack(reason)
            } else if let Some(reason) = hold_back(&o, today, rules, accepted.get(&o.series)) {
                Outcome::HeldBack(reason)
            } else {
                accepted
                    .entry(o.series.clone())
                    .or_default()
                    .insert(date, o.value);
                current.insert((o.series.clone(), date, o.source), o.value);
                match known_now {
                    Some(previous) => Outcome::Revision { previous },
                    None => Outcome::New,
                }
            };
            checked.push(Checked {
                observation: o,
                outcome,
            });
        }
    }
    Validated { checked }
}

/// For each FX source in `day`: the whole day held back when it lacks a currency the source's
/// previous published day had (a half-written file, a currency dropped by mistake). A day held
/// back is not a reference for the next one, so a currency missing two days running is
/// missing on both. Records the day's currencies when it passes.
fn missing_currencies(
    day: &[Observation],
    date: NaiveDate,
    published: &mut HashMap<Source, BTreeMap<NaiveDate, BTreeSet<String>>>,
    rules: &Rules,
) -> HashMap<Source, HoldBack> {
    let mut held = HashMap::new();
    let mut sources: BTreeMap<u8, (Source, BTreeSet<String>)> = BTreeMap::new();
    for o in day.iter().filter(|o| !is_interest(o.source)) {
        sources
            .entry(o.source as u8)
            .or_insert_with(|| (o.source, BTreeSet::new()))
            .1
            .insert(o.series.clone());
    }
    for (_, (source, currencies)) in sources {
        let days = published.entry(source).or_default();
        let previous = days.range(..date).next_back();
        let missing: Vec<String> = previous
            .map(|(_, before)| {
                before
                    .iter()
                    .filter(|c| !currencies.contains(*c))
                    .filter(|c| {
                        !rules
                            .retired_currencies
                            .iter()
                            .any(|(retired, from)| retired == *c && *from <= date)
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        match previous {
            Some((previous_day, _)) if !missing.is_empty() => {
                held.insert(
                    source,
                    HoldBack::MissingCurrencies {
                        previous_day: *previous_day,
                        missing,
                    },
                );
            }
            _ => {
                days.entry(date).or_default().extend(currencies);
            }
        }
    }
    held
}

/// A revision of a stored value beyond the correction bound (relative for FX, points for
/// interest).
fn large_revision(o: &Observation, previous: Decimal, rules: &Rules) -> Option<HoldBack> {
    let change = (o.value - previous).abs();
    let (beyond, bound) = if is_interest(o.source) {
        (
            change > rules.interest_max_revision,
            rules.interest_max_revision,
        )
    } else {
        let relative = change.checked_div(previous);
        (
            previous > Decimal::ZERO && relative.is_none_or(|r| r > rules.fx_max_revision),
            rules.fx_max_revision,
        )
    };
    beyond.then_some(HoldBack::LargeRevision { previous, bound })
}

/// The rules for one observation on its own: its date, its range, its jump from the series'
/// previous accepted value.
fn hold_back(
    o: &Observation,
    today: NaiveDate,
    rules: &Rules,
    accepted: Option<&BTreeMap<NaiveDate, Decimal>>,
) -> Option<HoldBack> {
    if o.date > today {
        return Some(HoldBack::FutureDate { today });
    }
    let interest = is_interest(o.source);
    if interest && (o.value < rules.interest_min || o.value > rules.interest_max) {
        return Some(HoldBack::OutOfRange {
            min: rules.interest_min,
            max: rules.interest_max,
        });
    }
    if !interest && o.value <= Decimal::ZERO {
        return Some(HoldBack::NotPositive);
    }
    let (previous_date, previous_value) = accepted?.range(..o.date).next_back()?;
    let change = (o.value - previous_value).abs();
    let (beyond, bound) = if interest {
        (change > rules.interest_max_jump, rules.interest_max_jump)
    } else {
        // Relative to the previous rate; a stored rate of zero or below (which validation
        // never lets in) gives no reference.
        let relative = change.checked_div(*previous_value);
        (
            previous_value > &Decimal::ZERO && relative.is_some_and(|r| r > rules.fx_max_jump),
            rules.fx_max_jump,
        )
    };
    beyond.then_some(HoldBack::Jump {
        previous_date: *previous_date,
        previous_value: *previous_value,
        bound,
    })
}

#[cfg(test)]
mod tests;
