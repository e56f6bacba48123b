//! The known observations of a few series, by date: what `fx` and `ibr` look rates up in.
//! The caller (the read API) loads them from storage and passes only the revision it answers,
//! so a (series, date) holds one value here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Observation, Source};

/// One published value of a series on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub value: Decimal,
    pub source: Source,
}

/// Observations per series, each series ordered by date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesTable {
    by_series: BTreeMap<String, BTreeMap<NaiveDate, Point>>,
}

impl SeriesTable {
    pub fn new() -> SeriesTable {
        SeriesTable::default()
    }

    /// Keeps the first value given for a (series, date): storage answers one revision per day,
    /// so a second one is the caller's mistake, and silently taking the later one would make
    /// the answer depend on the order of a query's results. Returns whether it was kept.
    pub fn insert(&mut self, observation: &Observation) -> bool {
        let days = self
            .by_series
            .entry(observation.series.clone())
            .or_default();
        if days.contains_key(&observation.date) {
            return false;
        }
        days.insert(
            observation.date,
            Point {
                value: observation.value,
                source: observation.source,
            },
        );
        true
    }

    pub fn from_observations<'a>(
        observations: impl IntoIterator<Item = &'a Observation>,
    ) -> SeriesTable {
        let mut table = SeriesTable::new();
        for observation in observations {
            table.insert(observation);
        }
        table
    }

    pub fn get(&self, series: &str, date: NaiveDate) -> Option<Point> {
        self.by_series.get(series)?.get(&date).copied()
    }

    /// The latest day on or before `date` on which every one of `series` was published: a
    /// cross rate or an interpolation mixes values of one day only, never a fresh value with a
    /// stale one. None when there is no such day, or `series` is empty.
    pub fn latest_common_on_or_before(
        &self,
        series: &[&str],
        date: NaiveDate,
    ) -> Option<NaiveDate> {
        let (first, rest) = series.split_first()?;
        self.by_series
            .get(*first)?
            .range(..=date)
            .rev()
            .map(|(day, _)| *day)
            .find(|day| rest.iter().all(|other| self.get(other, *day).is_some()))
    }

    /// The days in `from..=to` (ascending) on which every one of `series` was published.
    pub fn common_days_in(
        &self,
        series: &[&str],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<NaiveDate> {
        let Some((first, rest)) = series.split_first() else {
            return Vec::new();
        };
        let Some(days) = self.by_series.get(*first) else {
            return Vec::new();
        };
        if from > to {
            // BTreeMap::range panics on a reversed range.
            return Vec::new();
        }
        days.range(from..=to)
            .map(|(day, _)| *day)
            .filter(|day| rest.iter().all(|other| self.get(other, *day).is_some()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lease::test_support::{d, date};

    fn obs(series: &str, day: NaiveDate, value: &str, source: Source) -> Observation {
        Observation {
            series: series.to_owned(),
            date: day,
            value: d(value),
            source,
        }
    }

    #[test]
    fn the_first_value_for_a_day_is_kept() {
        let day = date(2026, 3, 2);
        let table = SeriesTable::from_observations(&[
            obs("SEK", day, "11.4900", Source::Ecb),
            obs("SEK", day, "11.5000", Source::Fixer),
        ]);
        assert_eq!(
            table.get("SEK", day),
            Some(Point {
                value: d("11.4900"),
                source: Source::Ecb
            })
        );
    }

    #[test]
    fn the_latest_common_day_skips_a_day_one_series_lacks() {
        // SEK on Mon 2 and Tue 3 March, USD on Mon 2 only: on Wed 4 the common day is Mon 2.
        let table = SeriesTable::from_observations(&[
            obs("SEK", date(2026, 3, 2), "11.49", Source::Ecb),
            obs("SEK", date(2026, 3, 3), "11.50", Source::Ecb),
            obs("USD", date(2026, 3, 2), "1.08", Source::Ecb),
        ]);
        assert_eq!(
            table.latest_common_on_or_before(&["SEK", "USD"], date(2026, 3, 4)),
            Some(date(2026, 3, 2))
        );
        assert_eq!(
            table.latest_common_on_or_before(&["SEK"], date(2026, 3, 4)),
            Some(date(2026, 3, 3))
        );
        assert_eq!(
            table.latest_common_on_or_before(&["SEK"], date(2026, 3, 1)),
            None
        );
        assert_eq!(
            table.latest_common_on_or_before(&[], date(2026, 3, 4)),
            None
        );
        assert_eq!(
            table.common_days_in(&["SEK", "USD"], date(2026, 3, 1), date(2026, 3, 31)),
            vec![date(2026, 3, 2)]
        );
        assert!(
            table
                .common_days_in(&["SEK"], date(2026, 3, 31), date(2026, 3, 1))
                .is_empty()
        );
    }
}
