//! The TARGET2 calendar: the days the ECB publishes its euro reference rates (weekdays except
//! New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December). The importer uses
//! it to tell a gap to back-fill from a day on which nothing was published.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Whether the ECB publishes reference rates on `date`.
pub fn is_target_day(date: NaiveDate) -> bool {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    if matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (12, 25) | (12, 26)
    ) {
        return false;
    }
    match easter_sunday(date.year()) {
        Some(easter) => {
            let good_friday = easter.checked_sub_days(Days::new(2));
            let easter_monday = easter.checked_add_days(Days::new(1));
            Some(date) != good_friday && Some(date) != easter_monday
        }
        None => true,
    }
}

/// The TARGET days in `from..=to`, oldest first.
pub fn target_days(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| is_target_day(*d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a test date")
    }

    #[test]
    fn easter_sundays_match_the_published_dates() {
        for (year, month, date) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2000, 4, 23),
        ] {
            assert_eq!(easter_sunday(year), Some(day(year, month, date)), "{year}");
        }
    }

    #[test]
    fn the_ecb_publishes_on_weekdays_outside_the_six_target_holidays() {
        let closed = [
            day(2025, 1, 1),
            day(2025, 4, 18),
            day(2025, 4, 21),
            day(2025, 5, 1),
            day(2025, 12, 25),
            day(2025, 12, 26),
            day(2025, 1, 4),
            day(2025, 1, 5),
        ];
        for date in closed {
            assert!(!is_target_day(date), "{date}");
        }
        // Swedish holidays that are TARGET days: Epiphany, Ascension, National Day, Midsummer Eve.
        for date in [
            day(2025, 1, 6),
            day(2025, 5, 29),
            day(2025, 6, 6),
            day(2025, 6, 20),
            day(2024, 12, 24),
            day(2024, 12, 31),
        ] {
            assert!(is_target_day(date), "{date}");
        }
    }

    #[test]
    fn the_recorded_fortnight_has_the_ecbs_publication_days() {
        let days = target_days(day(2024, 12, 19), day(2025, 1, 3));
        let expected = [
            day(2024, 12, 19),
            day(2024, 12, 20),
            day(2024, 12, 23),
            day(2024, 12, 24),
            day(2024, 12, 27),
            day(2024, 12, 30),
            day(2024, 12, 31),
            day(2025, 1, 2),
            day(2025, 1, 3),
        ];
        assert_eq!(days, expected);
    }
}
