//! The incremental borrowing rate suggestion (`GET /contracts/{id}/ibr-suggestion`): the
//! Swedish government yield for the lease term at commencement plus the company's credit
//! spread. A suggestion shown with every input, never applied by itself.
//!
//! - Tenor: the lease term in years, from the commencement date to the day after the end
//!   date (the end date is the term's last day), counted in calendar months / 12. Months, not
//!   days / 365.25: the engine only measures terms of whole periods of months, and a 5-year
//!   lease (1 Jan 2026 – 31 Dec 2030, 1,826 days) should read 5, not 4.9993. A remainder of
//!   days (a term that is not whole months, which the engine would refuse) adds days / 365 so
//!   the function still answers. Rounded to 4 places (half-up), and the yield is interpolated
//!   at the tenor as shown, so the inputs in the answer reproduce the rate.
//! - Yields: SEGVB2YC, SEGVB5YC and SEGVB10YC (percent) on the latest day on or before the
//!   commencement date on which every series the tenor needs was published (`yieldDate`):
//!   points of one curve, never a fresh yield with a stale one.
//! - Interpolation: linear between the 2-, 5- and 10-year points. Below 2 years the 2-year
//!   yield and above 10 the 10-year one (flat extrapolation: a straight line through two
//!   points would invent a slope the market did not quote, and could go absurd for a 1-month
//!   or 30-year lease). At 2, 5 and 10 years exactly, the one published yield. An interpolated
//!   yield is rounded to 4 places (half-up, a hundredth of a basis point).
//! - `series` names the series used as one string, as API.md shows it: the one series at or
//!   beyond a curve point (`"SEGVB5YC"`), the two around the tenor joined by `/`, shortest
//!   first (`"SEGVB2YC/SEGVB5YC"`); `yields` lists each point with its value.
//! - Rate = governmentYield + creditSpread, both in percent, exactly.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use thiserror::Error;

use super::series::SeriesTable;
use super::{GOVERNMENT_2Y, GOVERNMENT_5Y, GOVERNMENT_10Y, Source};

/// Places of the tenor in years and of an interpolated yield in percent.
pub const TENOR_DECIMALS: u32 = 4;
pub const YIELD_DECIMALS: u32 = 4;

/// The curve's points: series and tenor in years, shortest first.
const CURVE: [(&str, i64); 3] = [(GOVERNMENT_2Y, 2), (GOVERNMENT_5Y, 5), (GOVERNMENT_10Y, 10)];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IbrError {
    #[error("the end date {end} is before the commencement date {commencement}")]
    EndBeforeCommencement {
        commencement: NaiveDate,
        end: NaiveDate,
    },
    #[error("a date of the lease term is out of range")]
    DateOutOfRange,
    #[error("the tenor must be positive, not {0}")]
    NonPositiveTenor(Decimal),
    /// No day on or before the commencement date with every series the tenor needs (a 404).
    #[error("no {series:?} yield is known on or before {date}")]
    NoYield {
        series: Vec<&'static str>,
        date: NaiveDate,
    },
    #[error("the yield or spread is out of range")]
    Overflow,
}

/// One published yield the suggestion used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    pub series: &'static str,
    pub tenor_years: Decimal,
    /// Percent, as published.
    pub value: Decimal,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IbrInputs {
    /// The series used: one at or beyond a curve point, the two around the tenor otherwise,
    /// joined by `/` (`"SEGVB2YC/SEGVB5YC"`).
    pub series: String,
    pub tenor_years: Decimal,
    /// Percent: the published yield, or the interpolation between `yields`.
    pub government_yield: Decimal,
    pub yield_date: NaiveDate,
    /// Percent (1.5 = 150 basis points).
    pub credit_spread: Decimal,
    pub yields: Vec<CurvePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IbrSuggestion {
    /// Annual rate in percent, the unit of a contract's discount rate.
    pub rate: Decimal,
    pub inputs: IbrInputs,
}

fn half_up(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// The lease term in years from the commencement date to the (inclusive) end date, as the
/// module documentation says: whole calendar months / 12, plus leftover days / 365.
pub fn tenor_years(commencement: NaiveDate, end: NaiveDate) -> Result<Decimal, IbrError> {
    if end < commencement {
        return Err(IbrError::EndBeforeCommencement { commencement, end });
    }
    let day_after_end = end.succ_opt().ok_or(IbrError::DateOutOfRange)?;
    let add_months = |months: u32| {
        commencement
            .checked_add_months(Months::new(months))
            .ok_or(IbrError::DateOutOfRange)
    };
    // Calendar months from the year and month numbers; one less when the day of the month
    // has not been reached (adding months clamps the 31st to a shorter month's end, as the
    // engine's period grid does).
    let by_calendar = (i64::from(day_after_end.year()) - i64::from(commencement.year())) * 12
        + i64::from(day_after_end.month())
        - i64::from(commencement.month());
    let mut months = u32::try_from(by_calendar.max(0)).map_err(|_| IbrError::DateOutOfRange)?;
    while months > 0 && add_months(months)? > day_after_end {
        months -= 1;
    }
    let leftover_days = (day_after_end - add_months(months)?).num_days();
    let years = Decimal::from(months) / Decimal::from(12)
        + Decimal::from(leftover_days) / Decimal::from(365);
    Ok(half_up(years, TENOR_DECIMALS))
}

/// The curve points a tenor needs: one at or beyond a point, the two around it otherwise.
fn points_for(tenor: Decimal) -> Vec<(&'static str, i64)> {
    let (first, rest) = (CURVE[0], &CURVE[1..]);
    if tenor <= Decimal::from(first.1) {
        return vec![first];
    }
    let mut lower = first;
    for point in rest {
        let at = Decimal::from(point.1);
        if tenor == at {
            return vec![*point];
        }
        if tenor < at {
            return vec![lower, *point];
        }
        lower = *point;
    }
    vec![lower]
}

/// The series [`suggest`] reads for a tenor, shortest first: what a caller loads.
pub fn series_for(tenor_years: Decimal) -> Vec<&'static str> {
    points_for(tenor_years)
        .into_iter()
        .map(|(series, _)| series)
        .collect()
}

/// The IBR suggestion for a lease of `tenor_years` commencing on `commencement`, from the
/// government yields in `table`, plus `credit_spread` (percent).
pub fn suggest(
    table: &SeriesTable,
    tenor_years: Decimal,
    commencement: NaiveDate,
    credit_spread: Decimal,
) -> Result<IbrSuggestion, IbrError> {
    if tenor_years <= Decimal::ZERO {
        return Err(IbrError::NonPositiveTenor(tenor_years));
    }
    let points = points_for(tenor_years);
    let series = series_for(tenor_years);
    let yield_date = table
        .latest_common_on_or_before(&series, commencement)
        .ok_or_else(|| IbrError::NoYield {
            series: series.clone(),
            date: commencement,
        })?;
    let mut yields = Vec::with_capacity(points.len());
    for (name, years) in &points {
        let point = table
            .get(name, yield_date)
            .ok_or_else(|| IbrError::NoYield {
                series: series.clone(),
                date: commencement,
            })?;
        yields.push(CurvePoint {
            series: name,
            tenor_years: Decimal::from(*years),
            value: point.value,
            source: point.source,
        });
    }
    let government_yield = match yields.as_slice() {
        [only] => only.value,
        [lower, upper] => {
            // y = y_lo + (y_hi − y_lo) × (t − t_lo) / (t_hi − t_lo); multiplied before the
            // division so only the last step can leave a repeating decimal.
            let rise = (upper.value - lower.value)
                .checked_mul(tenor_years - lower.tenor_years)
                .ok_or(IbrError::Overflow)?;
            let step = rise
                .checked_div(upper.tenor_years - lower.tenor_years)
                .ok_or(IbrError::Overflow)?;
            // Normalised: the division's scale is an artefact (2.250 for 2.25).
            half_up(
                lower.value.checked_add(step).ok_or(IbrError::Overflow)?,
                YIELD_DECIMALS,
            )
            .normalize()
        }
        // points_for answers one or two points.
        _ => return Err(IbrError::Overflow),
    };
    let rate = government_yield
        .checked_add(credit_spread)
        .ok_or(IbrError::Overflow)?;
    Ok(IbrSuggestion {
        rate,
        inputs: IbrInputs {
            series: series.join("/"),
            tenor_years,
            government_yield,
            yield_date,
            credit_spread,
            yields,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lease::test_support::{d, date};
    use crate::domain::rates::Observation;

    fn obs(series: &str, day: NaiveDate, value: &str) -> Observation {
        Observation {
            series: series.to_owned(),
            date: day,
            value: d(value),
            source: Source::Riksbank,
        }
    }

    /// Friday 6 March 2026: 2.10 / 2.40 / 2.90 %. Commencement Sunday 8 March answers Friday.
    fn curve() -> SeriesTable {
        SeriesTable::from_observations(&[
            obs(GOVERNMENT_2Y, date(2026, 3, 5), "2.00"),
            obs(GOVERNMENT_5Y, date(2026, 3, 5), "2.30"),
            obs(GOVERNMENT_10Y, date(2026, 3, 5), "2.80"),
            obs(GOVERNMENT_2Y, date(2026, 3, 6), "2.10"),
            obs(GOVERNMENT_5Y, date(2026, 3, 6), "2.40"),
            obs(GOVERNMENT_10Y, date(2026, 3, 6), "2.90"),
        ])
    }

    const SUNDAY: (i32, u32, u32) = (2026, 3, 8);

    fn at(tenor: &str) -> Result<IbrSuggestion, IbrError> {
        let (y, m, day) = SUNDAY;
        suggest(&curve(), d(tenor), date(y, m, day), d("1.50"))
    }

    #[test]
    fn interpolation_along_the_curve() -> Result<(), IbrError> {
        // (tenor, government yield, rate = yield + 1.50, series)
        let cases: [(&str, &str, &str, &[&str]); 7] = [
            // below 2 years: the 2-year yield, flat
            ("1", "2.10", "3.60", &[GOVERNMENT_2Y]),
            ("2", "2.10", "3.60", &[GOVERNMENT_2Y]),
            // 2.10 + (2.40 − 2.10) × (3.5 − 2) / (5 − 2) = 2.10 + 0.30 × 1.5 / 3 = 2.25
            ("3.5", "2.25", "3.75", &[GOVERNMENT_2Y, GOVERNMENT_5Y]),
            ("5", "2.40", "3.90", &[GOVERNMENT_5Y]),
            // 2.40 + (2.90 − 2.40) × (7 − 5) / (10 − 5) = 2.40 + 0.50 × 2 / 5 = 2.60
            ("7", "2.60", "4.10", &[GOVERNMENT_5Y, GOVERNMENT_10Y]),
            ("10", "2.90", "4.40", &[GOVERNMENT_10Y]),
            // above 10 years: the 10-year yield, flat
            ("12", "2.90", "4.40", &[GOVERNMENT_10Y]),
        ];
        for (tenor, government_yield, rate, series) in cases {
            let answer = at(tenor)?;
            assert_eq!(
                answer.inputs.government_yield,
                d(government_yield),
                "{tenor}"
            );
            assert_eq!(answer.rate, d(rate), "{tenor}");
            assert_eq!(answer.inputs.series, series.join("/"), "{tenor}");
            assert_eq!(answer.inputs.yields.len(), series.len(), "{tenor}");
            assert_eq!(answer.inputs.yield_date, date(2026, 3, 6), "{tenor}");
            assert_eq!(answer.inputs.credit_spread, d("1.50"));
            assert_eq!(answer.inputs.tenor_years, d(tenor));
        }
        Ok(())
    }

    #[test]
    fn an_interpolated_yield_rounds_half_up_to_four_places() -> Result<(), IbrError> {
        // 37 months = 3.0833 years:
        // 2.10 + 0.30 × (3.0833 − 2) / 3 = 2.10 + 0.32499 / 3 = 2.10 + 0.10833 = 2.20833 → 2.2083
        let answer = at("3.0833")?;
        assert_eq!(answer.inputs.government_yield, d("2.2083"));
        assert_eq!(answer.rate, d("3.7083"));
        // 2.10 + 0.30 × (2.5 − 2) / 3 = 2.10 + 0.05 = 2.15 exactly
        assert_eq!(at("2.5")?.inputs.government_yield, d("2.15"));
        // A midpoint: 2.10 + 0.30 × 0.0005 / 3 = 2.10 + 0.00005 = 2.10005 → 2.1001 (banker's
        // rounding would give 2.1000)
        assert_eq!(at("2.0005")?.inputs.government_yield, d("2.1001"));
        Ok(())
    }

    #[test]
    fn negative_yields_interpolate_like_any_other() -> Result<(), IbrError> {
        // 2020: −0.35 / −0.20 / 0.05 %.
        let table = SeriesTable::from_observations(&[
            obs(GOVERNMENT_2Y, date(2020, 6, 1), "-0.35"),
            obs(GOVERNMENT_5Y, date(2020, 6, 1), "-0.20"),
            obs(GOVERNMENT_10Y, date(2020, 6, 1), "0.05"),
        ]);
        let at = |tenor: &str| suggest(&table, d(tenor), date(2020, 6, 1), d("1.50"));
        // −0.35 + (−0.20 − −0.35) × 1.5 / 3 = −0.35 + 0.075 = −0.275; + 1.50 = 1.225
        let answer = at("3.5")?;
        assert_eq!(answer.inputs.government_yield, d("-0.275"));
        assert_eq!(answer.rate, d("1.225"));
        // −0.20 + (0.05 − −0.20) × 2 / 5 = −0.20 + 0.10 = −0.10; + 1.50 = 1.40
        assert_eq!(at("7")?.rate, d("1.40"));
        // flat below 2: −0.35 + 1.50 = 1.15
        assert_eq!(at("1")?.rate, d("1.15"));
        // −0.35 + 0.15 × (2.0833 − 2) / 3 = −0.35 + 0.012495 / 3 = −0.35 + 0.004165
        // = −0.345835 → −0.3458
        assert_eq!(at("2.0833")?.inputs.government_yield, d("-0.3458"));
        // A negative midpoint rounds away from zero: −0.20 + 0.25 × 0.003 / 5 = −0.20 + 0.00015
        // = −0.19985 → −0.1999 (banker's: −0.1998; half towards +∞: −0.1998)
        assert_eq!(at("5.003")?.inputs.government_yield, d("-0.1999"));
        Ok(())
    }

    #[test]
    fn the_yield_date_is_one_day_for_every_series_used() -> Result<(), IbrError> {
        // Friday 6 March lacks the 10-year yield: 7 years takes both 5 and 10 from Thursday
        // 5 March: 2.30 + (2.80 − 2.30) × 2 / 5 = 2.50; 3.5 years still uses Friday.
        let mut observations = vec![
            obs(GOVERNMENT_2Y, date(2026, 3, 5), "2.00"),
            obs(GOVERNMENT_5Y, date(2026, 3, 5), "2.30"),
            obs(GOVERNMENT_10Y, date(2026, 3, 5), "2.80"),
        ];
        observations.push(obs(GOVERNMENT_2Y, date(2026, 3, 6), "2.10"));
        observations.push(obs(GOVERNMENT_5Y, date(2026, 3, 6), "2.40"));
        let table = SeriesTable::from_observations(&observations);
        let answer = suggest(&table, d("7"), date(2026, 3, 8), d("1.50"))?;
        assert_eq!(answer.inputs.yield_date, date(2026, 3, 5));
        assert_eq!(answer.inputs.government_yield, d("2.50"));
        let answer = suggest(&table, d("3.5"), date(2026, 3, 8), d("1.50"))?;
        assert_eq!(answer.inputs.yield_date, date(2026, 3, 6));
        assert_eq!(answer.inputs.government_yield, d("2.25"));
        Ok(())
    }

    #[test]
    fn no_yield_before_the_first_published_day() {
        assert_eq!(
            suggest(&curve(), d("3.5"), date(2026, 3, 4), d("1.50")),
            Err(IbrError::NoYield {
                series: vec![GOVERNMENT_2Y, GOVERNMENT_5Y],
                date: date(2026, 3, 4)
            })
        );
        assert_eq!(
            suggest(&curve(), d("0"), date(2026, 3, 8), d("1.50")),
            Err(IbrError::NonPositiveTenor(d("0")))
        );
    }

    #[test]
    fn the_tenor_counts_calendar_months() -> Result<(), IbrError> {
        // 1 Jan 2026 – 31 Dec 2030: 60 months = 5 years (1,826 days / 365.25 would be 4.9993)
        assert_eq!(tenor_years(date(2026, 1, 1), date(2030, 12, 31))?, d("5"));
        // 1 Mar 2026 – 31 Aug 2029: 42 months = 3.5
        assert_eq!(tenor_years(date(2026, 3, 1), date(2029, 8, 31))?, d("3.5"));
        // 8 Mar 2026 – 7 Apr 2029: 37 months = 3.08333… → 3.0833
        assert_eq!(
            tenor_years(date(2026, 3, 8), date(2029, 4, 7))?,
            d("3.0833")
        );
        // 31 Jan – 27 Feb 2026: 31 Jan + 1 month clamps to 28 Feb, the day after the end:
        // 1 month = 0.08333… → 0.0833
        assert_eq!(
            tenor_years(date(2026, 1, 31), date(2026, 2, 27))?,
            d("0.0833")
        );
        // 1 Jan 2026 – 10 Jan 2027: 12 months and 10 days = 1 + 10/365 = 1.027397… → 1.0274
        assert_eq!(
            tenor_years(date(2026, 1, 1), date(2027, 1, 10))?,
            d("1.0274")
        );
        // one day: 1/365 = 0.0027397… → 0.0027
        assert_eq!(
            tenor_years(date(2026, 1, 1), date(2026, 1, 1))?,
            d("0.0027")
        );
        assert_eq!(
            tenor_years(date(2026, 1, 2), date(2026, 1, 1)),
            Err(IbrError::EndBeforeCommencement {
                commencement: date(2026, 1, 2),
                end: date(2026, 1, 1)
            })
        );
        Ok(())
    }

    #[test]
    fn the_suggestion_serialises_with_every_input() -> Result<(), Box<dyn std::error::Error>> {
        let json = serde_json::to_value(at("3.5")?)?;
        assert_eq!(json["rate"], "3.75");
        assert_eq!(json["inputs"]["tenorYears"], "3.5");
        assert_eq!(json["inputs"]["governmentYield"], "2.25");
        assert_eq!(json["inputs"]["yieldDate"], "2026-03-06");
        assert_eq!(json["inputs"]["creditSpread"], "1.50");
        assert_eq!(json["inputs"]["series"], "SEGVB2YC/SEGVB5YC");
        assert_eq!(json["inputs"]["yields"][0]["series"], GOVERNMENT_2Y);
        assert_eq!(json["inputs"]["yields"][1]["value"], "2.40");
        assert_eq!(json["inputs"]["yields"][1]["tenorYears"], "5");
        Ok(())
    }
}
