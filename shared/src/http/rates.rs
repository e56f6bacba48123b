//! What the rate read routes share (`/rates/interest`, `/rates/fx`, `/rates/fx/average`,
//! `/contracts/{id}/ibr-suggestion`): the rates table of the deps, their query parameters,
//! loading the stored days a lookup needs, and the 404 that says which rate is missing.
//!
//! Query parameters follow the API's rule for input: a parameter missing or of the wrong shape
//! (not a date, not one of the series) is a 400, a well-formed one that breaks a rule (a code
//! that is no ISO 4217 currency, `from` after `to`, a range too long) a 422; either names the
//! parameter in `errors`, and nothing is read.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, Utc};
use lambda_http::{Body, Request, Response};
use serde_json::Value;

use super::paging::query;
use super::problem::ApiError;
use crate::Deps;
use crate::aws::rates::{RatesTable, StoredRate};
use crate::domain::currency::Currency;
use crate::domain::i18n::{self, Message};
use crate::domain::lang::Lang;
use crate::domain::rates::INTEREST_SERIES;
use crate::domain::rates::series::SeriesTable;
use crate::domain::validation::{FieldError, FieldErrorKind, parse_date};

/// The longest range a range query answers: `to` at most this many days after `from`, so a
/// leap year from 1 January to 1 January fits and one request reads a bounded number of days.
pub const MAX_RANGE_DAYS: u64 = 366;
/// A range without `from` starts this many days before `to`.
pub const DEFAULT_RANGE_DAYS: u64 = 30;
/// Stored days read per series for a lookup on or before a date: a month of business days
/// covers weekends, holidays and a few missed imports.
pub const LOOKBACK_DAYS: usize = 31;
/// Reads back further when the series loaded share no day (one stopped being published):
/// each round moves the bound before the gap, so a few rounds find the common day.
const LOOKBACK_ROUNDS: usize = 4;

/// The rates table; a function deployed without `RATES_TABLE` answers 503.
pub fn rates_table(deps: &Deps) -> Result<&RatesTable, ApiError> {
    deps.rates
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("RATES_TABLE is not configured".into()))
}

/// 400 or 422 by the kind of problem, as for a body field.
fn bad(field: &str, kind: FieldErrorKind) -> ApiError {
    ApiError::from_fields(vec![FieldError {
        field: field.to_owned(),
        kind,
    }])
}

/// Today in UTC: the default `date` and `to`.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// An optional `YYYY-MM-DD` query parameter (years 1900–2200).
pub fn query_date(req: &Request, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    query(req, name)
        .map(|text| parse_date(&text).ok_or_else(|| bad(name, FieldErrorKind::InvalidDate)))
        .transpose()
}

/// A required ISO 4217 code, upper case (`sek` is refused, as in a contract).
pub fn query_currency(req: &Request, name: &str) -> Result<Currency, ApiError> {
    let text = query(req, name).ok_or_else(|| bad(name, FieldErrorKind::Missing))?;
    Currency::parse(&text).ok_or_else(|| bad(name, FieldErrorKind::UnknownCurrency))
}

/// The required `series`: one of the Riksbank series the product imports.
pub fn query_series(req: &Request) -> Result<&'static str, ApiError> {
    let text = query(req, "series").ok_or_else(|| bad("series", FieldErrorKind::Missing))?;
    INTEREST_SERIES
        .iter()
        .find(|known| **known == text)
        .copied()
        .ok_or_else(|| bad("series", FieldErrorKind::NotOneOf(&INTEREST_SERIES)))
}

/// `?from=&to=`, both inclusive: `to` defaults to today and `from` to [`DEFAULT_RANGE_DAYS`]
/// before `to`; `from` after `to`, or a range longer than [`MAX_RANGE_DAYS`], is a 422 (on
/// `to` when it was given, else on `from`).
pub fn query_range(req: &Request) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let given_to = query_date(req, "to")?;
    let to = given_to.unwrap_or_else(today);
    let from = match query_date(req, "from")? {
        Some(from) => from,
        None => to
            .checked_sub_days(Days::new(DEFAULT_RANGE_DAYS))
            .ok_or_else(|| bad("to", FieldErrorKind::InvalidDate))?,
    };
    if from > to {
        return Err(bad(
            "from",
            FieldErrorKind::rule("field-rule-from-after-to"),
        ));
    }
    if from.checked_add_days(Days::new(MAX_RANGE_DAYS)) < Some(to) {
        let (field, key) = if given_to.is_some() {
            ("to", "field-rule-to-too-far-after-from")
        } else {
            ("from", "field-rule-from-too-far-before-to")
        };
        let rule = Message::new(key).arg("days", MAX_RANGE_DAYS);
        return Err(bad(field, FieldErrorKind::Rule(rule)));
    }
    Ok((from, to))
}

/// The stored days a lookup read, by (series, date): what the answer says about each value
/// (its revision) beyond what the domain's [`SeriesTable`] keeps.
#[derive(Debug, Default)]
pub struct Loaded {
    pub table: SeriesTable,
    pub stored: BTreeMap<(String, NaiveDate), StoredRate>,
}

impl Loaded {
    fn add(&mut self, rates: Vec<StoredRate>) {
        for rate in rates {
            let key = (rate.observation.series.clone(), rate.observation.date);
            if self.table.insert(&rate.observation) {
                self.stored.insert(key, rate);
            }
        }
    }

    /// The revision answered for a (series, date) the lookup used; 0 when it was not read.
    pub fn revision(&self, series: &str, date: NaiveDate) -> u32 {
        self.stored
            .get(&(series.to_owned(), date))
            .map_or(0, |rate| rate.revision)
    }
}

/// The latest stored days (one per day, the preferred source, the latest revision) of every
/// one of `series` on or before `date`, enough for the domain to find the latest day they all
/// share. When the days read share none (a series stopped being published, or paused), the
/// bound moves before the gap and more is read, a few rounds at most.
pub async fn latest_days(
    rates: &RatesTable,
    series: &[&str],
    date: NaiveDate,
) -> Result<Loaded, ApiError> {
    let mut loaded = Loaded::default();
    let mut bound = date;
    for _ in 0..LOOKBACK_ROUNDS {
        let mut newest = Vec::with_capacity(series.len());
        let mut oldest = Vec::with_capacity(series.len());
        for name in series {
            // Newest first.
            let days = rates
                .latest_on_or_before(name, bound, LOOKBACK_DAYS)
                .await?;
            let (Some(first), Some(last)) = (days.first(), days.last()) else {
                // A series with nothing on or before the bound: no common day exists.
                loaded.add(days);
                return Ok(loaded);
            };
            newest.push(first.observation.date);
            oldest.push(last.observation.date);
            loaded.add(days);
        }
        if loaded
            .table
            .latest_common_on_or_before(series, date)
            .is_some()
        {
            return Ok(loaded);
        }
        // A common day is no later than the newest day of any series, and before the oldest
        // day read of some series (else every window would hold it).
        let (Some(min_newest), Some(max_oldest)) =
            (newest.iter().min().copied(), oldest.iter().max().copied())
        else {
            return Ok(loaded);
        };
        let Some(next) = max_oldest
            .pred_opt()
            .map(|before_gap| before_gap.min(min_newest))
        else {
            return Ok(loaded);
        };
        if next >= bound {
            return Ok(loaded);
        }
        bound = next;
    }
    Ok(loaded)
}

/// Every stored day of each of `series` in `from..=to`, one per day (the preferred source).
pub async fn days_in_range(
    rates: &RatesTable,
    series: &[&str],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Loaded, ApiError> {
    let mut loaded = Loaded::default();
    for name in series {
        let days = crate::aws::rates::preferred(rates.days_in_range(name, from, to).await?);
        loaded.add(days);
    }
    Ok(loaded)
}

/// A 404 problem whose detail names the rate that is missing (the catalogue's 404 says only
/// that a resource does not exist, which reads wrong for a route that exists): the detail is
/// the catalogue's `detail_key` (`problem-no-…-detail`) with `args` filled in.
pub fn no_rate(lang: Lang, detail_key: &str, args: &[(&str, &str)]) -> Response<Body> {
    let mut response = ApiError::NotFound.into_response(lang);
    let mut problem = ApiError::NotFound.to_problem(lang);
    problem["detail"] = Value::String(i18n::text(lang, detail_key, args));
    *response.body_mut() = Body::Text(problem.to_string());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &[(&str, &str)]) -> Request {
        let pairs: std::collections::HashMap<String, Vec<String>> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()]))
            .collect();
        lambda_http::RequestExt::with_query_string_parameters(
            lambda_http::http::Request::builder()
                .body(Body::Empty)
                .expect("request"),
            pairs,
        )
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// The status and the one field a refusal names.
    fn refusal(error: ApiError) -> (u16, String) {
        let status = error.status().as_u16();
        match error {
            ApiError::BadRequest(errors) | ApiError::Unprocessable(errors) => {
                (status, errors[0].field.clone())
            }
            other => (status, format!("no field: {other:?}")),
        }
    }

    #[test]
    fn a_range_defaults_to_the_thirty_days_before_to() -> Result<(), ApiError> {
        assert_eq!(
            query_range(&request(&[("to", "2026-03-31")]))?,
            (date(2026, 3, 1), date(2026, 3, 31))
        );
        let (from, to) = query_range(&request(&[]))?;
        assert_eq!(to, today());
        assert_eq!((to - from).num_days(), 30);
        Ok(())
    }

    #[test]
    fn a_range_may_span_366_days_and_no_more() -> Result<(), ApiError> {
        assert_eq!(
            query_range(&request(&[("from", "2024-01-01"), ("to", "2025-01-01")]))?,
            (date(2024, 1, 1), date(2025, 1, 1))
        );
        let error = query_range(&request(&[("from", "2024-01-01"), ("to", "2025-01-02")]));
        assert_eq!(refusal(error.expect_err("too long")), (422, "to".into()));
        let error = query_range(&request(&[("from", "2000-01-01")]));
        assert_eq!(refusal(error.expect_err("too long")), (422, "from".into()));
        let error = query_range(&request(&[("from", "2026-03-02"), ("to", "2026-03-01")]));
        assert_eq!(refusal(error.expect_err("reversed")), (422, "from".into()));
        let error = query_range(&request(&[("from", "2026-3-1")]));
        assert_eq!(refusal(error.expect_err("malformed")), (400, "from".into()));
        Ok(())
    }

    #[test]
    fn series_and_currencies_are_checked_and_named() {
        assert_eq!(
            query_series(&request(&[("series", "SEGVB5YC")])).ok(),
            Some("SEGVB5YC")
        );
        for bad in [
            vec![],
            vec![("series", "segvb5yc")],
            vec![("series", "SEK")],
        ] {
            let error = query_series(&request(&bad)).expect_err("refused");
            assert_eq!(refusal(error), (400, "series".into()));
        }
        assert!(query_currency(&request(&[("base", "NOK")]), "base").is_ok());
        let error = query_currency(&request(&[]), "base").expect_err("missing");
        assert_eq!(refusal(error), (400, "base".into()));
        for bad in [vec![("base", "nok")], vec![("base", "XYZ")]] {
            let error = query_currency(&request(&bad), "base").expect_err("refused");
            assert_eq!(refusal(error), (422, "base".into()));
        }
    }

    #[test]
    fn the_missing_rate_404_says_which_rate() {
        let response = no_rate(
            Lang::En,
            "problem-no-fx-rate-detail",
            &[("base", "EUR"), ("quote", "SEK"), ("date", "2026-01-02")],
        );
        assert_eq!(response.status(), 404);
        let Body::Text(text) = response.body() else {
            panic!("a text body")
        };
        let problem: Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(
            problem["detail"],
            "No EUR/SEK rate is known on or before 2026-01-02."
        );
        assert_eq!(problem["type"], "/problems/not-found");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
    }
}
