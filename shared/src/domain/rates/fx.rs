//! Currency rates on a date and over a range, crossed through the euro (API.md, Rates).
//!
//! The ECB publishes units of each currency for one euro (`SEK` 11.4900 = 11.49 kronor per
//! euro), once a TARGET business day. So `quote` per `base` on a day is
//! `quote per EUR / base per EUR`, with EUR's own rate 1: base EUR answers the quote's rate,
//! quote EUR answers `1 / base's rate`, and the same currency answers 1.
//!
//! Both legs come from ONE day: the latest day on or before the asked date on which both
//! currencies were published. A weekend or holiday therefore answers the previous business
//! day, and a currency missing from the latest file does not get crossed with a fresher rate
//! of the other; `rateDate` in the answer names the day.
//!
//! Rounding: a cross rate is a quotient of two 4–5 significant-digit figures, so its precision
//! is about 5 significant digits whatever its size. We keep 6 decimal places, or 6 significant
//! digits when that is finer (rates below 0.1, e.g. SEK per IDR 0.000676…, which 6 places
//! would cut to 3 digits), one digit more than the ECB gives so rounding adds no error a user
//! could see. Midpoints round away from zero (half-up: every rate is positive): it is what a
//! reader checking a rate by hand, or a spreadsheet's ROUND, does; banker's rounding's only
//! gain, no bias in long sums, is immaterial at the sixth digit.
//!
//! The caller decides how far back it loads observations: a currency the ECB stopped
//! publishing keeps answering its last day, visibly, through `rateDate`.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use thiserror::Error;

use super::Source;
use super::series::SeriesTable;
use crate::domain::currency::Currency;
use crate::domain::i18n::Message;

/// The currency every ECB rate is quoted against.
pub const EUR: &str = "EUR";

/// Decimal places of a rate of 0.1 or more; also the significant digits below that.
pub const RATE_DIGITS: u32 = 6;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FxError {
    #[error("{0:?} is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("from ({from}) is after to ({to})")]
    RangeReversed { from: NaiveDate, to: NaiveDate },
    /// The 404 of `GET /rates/fx`: nothing published for both currencies on or before the date.
    #[error("no {base}/{quote} rate is known on or before {date}")]
    NoRate {
        base: String,
        quote: String,
        date: NaiveDate,
    },
    /// The 404 of `GET /rates/fx/average`: no day in the range had both currencies.
    #[error("no {base}/{quote} rate is known between {from} and {to}")]
    NoRateInRange {
        base: String,
        quote: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Import validation refuses zero and negative rates, so one in storage is a bug there: an
    /// error (500), not a division by zero or a negative rate passed on.
    #[error("the stored {currency} rate for {date} is not positive")]
    InvalidRate { currency: String, date: NaiveDate },
}

impl FxError {
    /// The error in the catalogue's words (the English text is the `Display` one).
    pub fn message(&self) -> Message {
        match self {
            FxError::UnknownCurrency(code) => {
                Message::new("field-rule-fx-unknown-currency").arg("code", code)
            }
            FxError::RangeReversed { from, to } => Message::new("field-rule-fx-range-reversed")
                .arg("from", from)
                .arg("to", to),
            FxError::NoRate { base, quote, date } => Message::new("field-rule-fx-no-rate")
                .arg("base", base)
                .arg("quote", quote)
                .arg("date", date),
            FxError::NoRateInRange {
                base,
                quote,
                from,
                to,
            } => Message::new("field-rule-fx-no-rate-in-range")
                .arg("base", base)
                .arg("quote", quote)
                .arg("from", from)
                .arg("to", to),
            FxError::InvalidRate { currency, date } => Message::new("field-rule-fx-invalid-rate")
                .arg("currency", currency)
                .arg("date", date),
        }
    }
}

/// One euro rate a cross rate was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FxLeg {
    pub currency: Currency,
    /// Units of `currency` for one euro, as published.
    pub per_eur: Decimal,
    pub source: Source,
}

/// The answer of `GET /rates/fx`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FxRate {
    pub base: Currency,
    pub quote: Currency,
    /// The date asked for.
    pub date: NaiveDate,
    /// The day the legs were published (the asked date for the same currency twice).
    pub rate_date: NaiveDate,
    /// Units of `quote` for one `base`.
    pub rate: Decimal,
    /// The source both legs came from; null for the same currency (nothing was looked up) and
    /// when the legs came from different sources (`legs` says which).
    pub source: Option<Source>,
    /// The euro rates used (none for EUR itself, which is 1 by definition).
    pub legs: Vec<FxLeg>,
}

/// The answer of `GET /rates/fx/average`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FxAverage {
    pub base: Currency,
    pub quote: Currency,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The mean of the daily rates, rounded like a daily rate.
    pub rate: Decimal,
    /// How many days were averaged (0 for the same currency twice, which needs none).
    pub observations: u32,
}

fn currency(code: &str) -> Result<Currency, FxError> {
    Currency::parse(code).ok_or_else(|| FxError::UnknownCurrency(code.to_owned()))
}

/// Rounds a rate as documented above: 6 places, or 6 significant digits below 0.1.
pub fn round_rate(rate: Decimal) -> Decimal {
    let strategy = RoundingStrategy::MidpointAwayFromZero;
    if rate.abs() < Decimal::new(1, 1) {
        // None only when the digits cannot be represented; then the places rule still holds.
        rate.round_sf_with_strategy(RATE_DIGITS, strategy)
            .unwrap_or_else(|| rate.round_dp_with_strategy(RATE_DIGITS, strategy))
    } else {
        rate.round_dp_with_strategy(RATE_DIGITS, strategy)
    }
}

/// The series to look up for a pair: the non-EUR currencies, each once.
fn legs_needed<'a>(base: &'a Currency, quote: &'a Currency) -> Vec<&'a str> {
    [base.as_str(), quote.as_str()]
        .into_iter()
        .filter(|code| *code != EUR)
        .collect()
}

/// Units of `currency` per euro published on `day`: 1 for EUR itself.
fn per_eur(
    table: &SeriesTable,
    currency: &Currency,
    day: NaiveDate,
    legs: &mut Vec<FxLeg>,
) -> Result<Decimal, FxError> {
    if currency.as_str() == EUR {
        return Ok(Decimal::ONE);
    }
    // The day was chosen because every leg has it; a miss means the caller's table changed
    // under us, which cannot happen with a shared reference, so it is reported as no rate.
    let point = table.get(currency.as_str(), day).ok_or(FxError::NoRate {
        base: currency.as_str().to_owned(),
        quote: EUR.to_owned(),
        date: day,
    })?;
    if point.value <= Decimal::ZERO {
        return Err(FxError::InvalidRate {
            currency: currency.as_str().to_owned(),
            date: day,
        });
    }
    legs.push(FxLeg {
        currency: currency.clone(),
        per_eur: point.value,
        source: point.source,
    });
    Ok(point.value)
}

/// The cross rate on a day on which both legs were published, and its legs.
fn cross_on(
    table: &SeriesTable,
    base: &Currency,
    quote: &Currency,
    day: NaiveDate,
) -> Result<(Decimal, Vec<FxLeg>), FxError> {
    let mut legs = Vec::with_capacity(2);
    let base_per_eur = per_eur(table, base, day, &mut legs)?;
    let quote_per_eur = per_eur(table, quote, day, &mut legs)?;
    // base_per_eur > 0 was checked, so this only fails on overflow (a rate near 10^28).
    let rate = quote_per_eur
        .checked_div(base_per_eur)
        .ok_or(FxError::InvalidRate {
            currency: base.as_str().to_owned(),
            date: day,
        })?;
    Ok((round_rate(rate), legs))
}

/// `quote` per `base` on `date`: the latest day on or before it on which both were published.
pub fn rate_on(
    table: &SeriesTable,
    base: &str,
    quote: &str,
    date: NaiveDate,
) -> Result<FxRate, FxError> {
    let base = currency(base)?;
    let quote = currency(quote)?;
    if base == quote {
        return Ok(FxRate {
            base,
            quote,
            date,
            rate_date: date,
            rate: Decimal::ONE,
            source: None,
            legs: Vec::new(),
        });
    }
    let needed = legs_needed(&base, &quote);
    let no_rate = || FxError::NoRate {
        base: base.as_str().to_owned(),
        quote: quote.as_str().to_owned(),
        date,
    };
    let rate_date = table
        .latest_common_on_or_before(&needed, date)
        .ok_or_else(no_rate)?;
    let (rate, legs) = cross_on(table, &base, &quote, rate_date)?;
    let source = match legs.as_slice() {
        [only] => Some(only.source),
        [first, second] if first.source == second.source => Some(first.source),
        _ => None,
    };
    Ok(FxRate {
        base,
        quote,
        date,
        rate_date,
        rate,
        source,
        legs,
    })
}

/// The mean of `quote` per `base` over the days in `from..=to` on which both were published.
/// Each day's cross rate is computed and rounded first, exactly as `rate_on` answers it, and
/// those are averaged: the average is then the mean of rates a user can list day by day, and
/// not a ratio of two separately averaged euro rates (which differs). Days on which either
/// currency is missing are left out, not filled with an earlier day, so every observation is
/// one published day.
pub fn average(
    table: &SeriesTable,
    base: &str,
    quote: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<FxAverage, FxError> {
    let base = currency(base)?;
    let quote = currency(quote)?;
    if from > to {
        return Err(FxError::RangeReversed { from, to });
    }
    if base == quote {
        return Ok(FxAverage {
            base,
            quote,
            from,
            to,
            rate: Decimal::ONE,
            observations: 0,
        });
    }
    let needed = legs_needed(&base, &quote);
    let days = table.common_days_in(&needed, from, to);
    let no_rate = || FxError::NoRateInRange {
        base: base.as_str().to_owned(),
        quote: quote.as_str().to_owned(),
        from,
        to,
    };
    let mut sum = Decimal::ZERO;
    for day in &days {
        let (rate, _) = cross_on(table, &base, &quote, *day)?;
        sum = sum.checked_add(rate).ok_or_else(no_rate)?;
    }
    let observations = u32::try_from(days.len()).map_err(|_| no_rate())?;
    if observations == 0 {
        return Err(no_rate());
    }
    let mean = sum
        .checked_div(Decimal::from(observations))
        .ok_or_else(no_rate)?;
    Ok(FxAverage {
        base,
        quote,
        from,
        to,
        rate: round_rate(mean),
        observations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lease::test_support::{d, date};
    use crate::domain::rates::Observation;

    fn obs(series: &str, day: NaiveDate, value: &str, source: Source) -> Observation {
        Observation {
            series: series.to_owned(),
            date: day,
            value: d(value),
            source,
        }
    }

    /// March 2026: Sun 1, Mon 2 … Fri 6, Sat 7, Sun 8. Good Friday is 3 April 2026 and Easter
    /// Monday 6 April: TARGET closing days, no ECB file.
    fn table() -> SeriesTable {
        SeriesTable::from_observations(&[
            obs("SEK", date(2026, 3, 5), "11.4800", Source::Ecb),
            obs("USD", date(2026, 3, 5), "1.0800", Source::Ecb),
            obs("SEK", date(2026, 3, 6), "11.4900", Source::Ecb),
            obs("USD", date(2026, 3, 6), "1.0845", Source::Ecb),
            obs("NOK", date(2026, 3, 6), "11.7600", Source::Ecb),
            obs("SEK", date(2026, 3, 9), "11.5000", Source::Ecb),
            // USD is missing from Monday 9 March's file.
            obs("SEK", date(2026, 4, 2), "11.2000", Source::Ecb),
            obs("USD", date(2026, 4, 2), "1.1000", Source::Ecb),
            obs("JPY", date(2026, 4, 2), "160.00", Source::Ecb),
            obs("IDR", date(2026, 4, 2), "17000", Source::Fixer),
            obs("SEK", date(2026, 4, 7), "11.3000", Source::Ecb),
            obs("USD", date(2026, 4, 7), "1.1200", Source::Ecb),
        ])
    }

    #[test]
    fn base_eur_answers_the_published_rate() -> Result<(), FxError> {
        let answer = rate_on(&table(), "EUR", "SEK", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("11.4900"));
        assert_eq!(answer.rate_date, date(2026, 3, 6));
        assert_eq!(answer.source, Some(Source::Ecb));
        assert_eq!(answer.legs.len(), 1);
        Ok(())
    }

    #[test]
    fn quote_eur_answers_the_inverse() -> Result<(), FxError> {
        // 1 / 11.4900 = 0.0870322019… → 6 significant digits (below 0.1) = 0.0870322
        let answer = rate_on(&table(), "SEK", "EUR", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("0.0870322"));
        // 1 / 1.0845 = 0.92208390… → 6 places = 0.922084
        let answer = rate_on(&table(), "USD", "EUR", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("0.922084"));
        Ok(())
    }

    #[test]
    fn a_cross_rate_divides_the_two_euro_rates() -> Result<(), FxError> {
        // SEK per USD = 11.4900 / 1.0845 = 10.5947441217… → 10.594744
        let answer = rate_on(&table(), "USD", "SEK", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("10.594744"));
        assert_eq!(answer.legs.len(), 2);
        // USD per SEK = 1.0845 / 11.4900 = 0.0943864229… → 6 significant digits = 0.0943864
        let answer = rate_on(&table(), "SEK", "USD", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("0.0943864"));
        // NOK per SEK = 11.7600 / 11.4900 = 1.0234986945… → 1.023499 (half-up at the 7th)
        let answer = rate_on(&table(), "SEK", "NOK", date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("1.023499"));
        Ok(())
    }

    #[test]
    fn small_rates_keep_six_significant_digits() -> Result<(), FxError> {
        // SEK per IDR on 2 April = 11.2000 / 17000 = 0.000658823529… → 0.000658824
        let answer = rate_on(&table(), "IDR", "SEK", date(2026, 4, 2))?;
        assert_eq!(answer.rate, d("0.000658824"));
        // SEK from the ECB and IDR from Fixer: no single source.
        assert_eq!(answer.source, None);
        // JPY per SEK = 160.00 / 11.2000 = 14.2857142857… → 14.285714
        let answer = rate_on(&table(), "SEK", "JPY", date(2026, 4, 2))?;
        assert_eq!(answer.rate, d("14.285714"));
        Ok(())
    }

    #[test]
    fn a_weekend_answers_the_friday_before() -> Result<(), FxError> {
        for sunday_or_saturday in [date(2026, 3, 7), date(2026, 3, 8)] {
            let answer = rate_on(&table(), "EUR", "SEK", sunday_or_saturday)?;
            assert_eq!(answer.rate_date, date(2026, 3, 6));
            assert_eq!(answer.date, sunday_or_saturday);
            assert_eq!(answer.rate, d("11.4900"));
        }
        Ok(())
    }

    #[test]
    fn easter_answers_the_thursday_before() -> Result<(), FxError> {
        // Good Friday 3 April … Easter Monday 6 April: no files; Thursday 2 April answers.
        // SEK per USD = 11.2000 / 1.1000 = 10.181818… → 10.181818
        for holiday in [date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6)] {
            let answer = rate_on(&table(), "USD", "SEK", holiday)?;
            assert_eq!(answer.rate_date, date(2026, 4, 2));
            assert_eq!(answer.rate, d("10.181818"));
        }
        Ok(())
    }

    #[test]
    fn a_currency_missing_on_the_latest_day_takes_both_legs_from_an_earlier_day()
    -> Result<(), FxError> {
        // Monday 9 March has SEK but not USD: both legs come from Friday 6 March, not
        // Monday's SEK over Friday's USD (11.5000 / 1.0845 = 10.603965).
        let answer = rate_on(&table(), "USD", "SEK", date(2026, 3, 9))?;
        assert_eq!(answer.rate_date, date(2026, 3, 6));
        assert_eq!(answer.rate, d("10.594744"));
        // The other way round too (SEK, the currency Monday has, looked up first).
        let answer = rate_on(&table(), "SEK", "USD", date(2026, 3, 9))?;
        assert_eq!(answer.rate_date, date(2026, 3, 6));
        assert_eq!(answer.rate, d("0.0943864"));
        // EUR/SEK needs SEK only, so it does answer Monday.
        let answer = rate_on(&table(), "EUR", "SEK", date(2026, 3, 9))?;
        assert_eq!(answer.rate_date, date(2026, 3, 9));
        assert_eq!(answer.rate, d("11.5000"));
        Ok(())
    }

    #[test]
    fn no_rate_before_the_first_published_day() {
        assert_eq!(
            rate_on(&table(), "EUR", "SEK", date(2026, 3, 4)),
            Err(FxError::NoRate {
                base: "EUR".into(),
                quote: "SEK".into(),
                date: date(2026, 3, 4)
            })
        );
        // DKK is a real code the table has never seen.
        assert!(matches!(
            rate_on(&table(), "DKK", "SEK", date(2026, 4, 7)),
            Err(FxError::NoRate { .. })
        ));
    }

    #[test]
    fn the_same_currency_is_one_without_a_lookup() -> Result<(), FxError> {
        let answer = rate_on(&SeriesTable::new(), "SEK", "SEK", date(2026, 3, 8))?;
        assert_eq!(answer.rate, Decimal::ONE);
        assert_eq!(answer.rate_date, date(2026, 3, 8));
        assert_eq!(answer.source, None);
        let answer = rate_on(&SeriesTable::new(), "EUR", "EUR", date(2026, 3, 8))?;
        assert_eq!(answer.rate, Decimal::ONE);
        Ok(())
    }

    #[test]
    fn codes_are_checked_against_iso_4217() {
        assert_eq!(
            rate_on(&table(), "EUR", "sek", date(2026, 3, 6)),
            Err(FxError::UnknownCurrency("sek".into()))
        );
        assert_eq!(
            average(&table(), "XYZ", "SEK", date(2026, 3, 1), date(2026, 3, 31)),
            Err(FxError::UnknownCurrency("XYZ".into()))
        );
    }

    #[test]
    fn a_stored_zero_rate_is_an_error_not_a_division() {
        let table =
            SeriesTable::from_observations(&[obs("USD", date(2026, 3, 6), "0", Source::Fixer)]);
        assert_eq!(
            rate_on(&table, "USD", "EUR", date(2026, 3, 6)),
            Err(FxError::InvalidRate {
                currency: "USD".into(),
                date: date(2026, 3, 6)
            })
        );
    }

    #[test]
    fn the_average_is_the_mean_of_the_daily_cross_rates() -> Result<(), FxError> {
        // Days with both USD and SEK in 1–31 March: Thu 5 and Fri 6 (Mon 9 lacks USD).
        // 5 March: 11.4800 / 1.0800 = 10.629629629… → 10.629630
        // 6 March: 11.4900 / 1.0845 = 10.594744121… → 10.594744
        // mean = (10.629630 + 10.594744) / 2 = 21.224374 / 2 = 10.612187
        // (The ratio of the averaged euro rates, 11.4850 / 1.08225 = 10.612150, differs.)
        let answer = average(&table(), "USD", "SEK", date(2026, 3, 1), date(2026, 3, 31))?;
        assert_eq!(answer.rate, d("10.612187"));
        assert_eq!(answer.observations, 2);
        Ok(())
    }

    #[test]
    fn the_average_rounds_its_mean_half_up() -> Result<(), FxError> {
        // 2 April: 11.2000 / 1.1000 = 10.181818181… → 10.181818
        // 7 April: 11.3000 / 1.1200 = 10.089285714… → 10.089286
        // mean = 20.271104 / 2 = 10.135552 (exact)
        let answer = average(&table(), "USD", "SEK", date(2026, 4, 1), date(2026, 4, 30))?;
        assert_eq!(answer.rate, d("10.135552"));
        assert_eq!(answer.observations, 2);
        // EUR/SEK over 5–9 March: (11.4800 + 11.4900 + 11.5000) / 3 = 34.47 / 3 = 11.49
        let answer = average(&table(), "EUR", "SEK", date(2026, 3, 5), date(2026, 3, 9))?;
        assert_eq!(answer.rate, d("11.49"));
        assert_eq!(answer.observations, 3);
        // SEK per EUR over 5–6 March: 1/11.48 = 0.0871080 (0.08710801…), 1/11.49 = 0.0870322
        // (0.08703220…); mean = 0.1741402 / 2 = 0.0870701
        let answer = average(&table(), "SEK", "EUR", date(2026, 3, 5), date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("0.0870701"));
        Ok(())
    }

    #[test]
    fn a_midpoint_rounds_up() -> Result<(), FxError> {
        let table = SeriesTable::from_observations(&[
            obs("NOK", date(2026, 3, 5), "11.000000", Source::Ecb),
            obs("NOK", date(2026, 3, 6), "11.000001", Source::Ecb),
        ]);
        // (11.000000 + 11.000001) / 2 = 11.0000005 → 11.000001 (banker's: 11.000000)
        let answer = average(&table, "EUR", "NOK", date(2026, 3, 5), date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("11.000001"));
        Ok(())
    }

    #[test]
    fn an_average_over_a_single_day_and_bounds_inclusive() -> Result<(), FxError> {
        let answer = average(&table(), "USD", "SEK", date(2026, 3, 6), date(2026, 3, 6))?;
        assert_eq!(answer.rate, d("10.594744"));
        assert_eq!(answer.observations, 1);
        Ok(())
    }

    #[test]
    fn an_empty_range_has_no_rate_and_a_reversed_one_is_refused() {
        // 7–8 March is a weekend: nothing published.
        assert_eq!(
            average(&table(), "USD", "SEK", date(2026, 3, 7), date(2026, 3, 8)),
            Err(FxError::NoRateInRange {
                base: "USD".into(),
                quote: "SEK".into(),
                from: date(2026, 3, 7),
                to: date(2026, 3, 8)
            })
        );
        assert_eq!(
            average(&table(), "USD", "SEK", date(2026, 3, 9), date(2026, 3, 5)),
            Err(FxError::RangeReversed {
                from: date(2026, 3, 9),
                to: date(2026, 3, 5)
            })
        );
    }

    #[test]
    fn the_answer_serialises_in_the_api_shape() -> Result<(), Box<dyn std::error::Error>> {
        let answer = rate_on(&table(), "EUR", "SEK", date(2026, 3, 8))?;
        let json = serde_json::to_value(&answer)?;
        assert_eq!(json["base"], "EUR");
        assert_eq!(json["quote"], "SEK");
        assert_eq!(json["date"], "2026-03-08");
        assert_eq!(json["rateDate"], "2026-03-06");
        assert_eq!(json["rate"], "11.4900");
        assert_eq!(json["source"], "ecb");
        let average = average(&table(), "USD", "SEK", date(2026, 3, 1), date(2026, 3, 31))?;
        let json = serde_json::to_value(&average)?;
        assert_eq!(json["rate"], "10.612187");
        assert_eq!(json["observations"], 2);
        assert_eq!(json["from"], "2026-03-01");
        Ok(())
    }
}
