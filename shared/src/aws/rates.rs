//! The rates table: one item per (series, date, source), the first value kept as it was
//! fetched and every later changed value appended as a revision beside it (API.md "Rates").
//!
//! Key: `pk` = the series (a SWEA id, or an ISO 4217 code for euro FX rates), `sk` =
//! `<YYYY-MM-DD>#<source>`, so a day's sources sort together and a range of days is one query.
//! Writes are conditional: a new day only where none is stored, a revision only on top of the
//! revision it was checked against. Rates are public market data, not tenant data: no company
//! is in the key, and no audit record is written (the import's summary is its record).

use aws_sdk_dynamodb::Client;

use super::sdk::LazyClient;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::str::FromStr;

use super::store::{Item, StoreError, get_n, get_s, n, s};
use super::timestamp;
use crate::domain::rates::{Observation, Source};

#[derive(Debug, Clone)]
pub struct RatesTable {
    client: LazyClient<Client>,
    rates_table: String,
}

/// A stored day: `observation.value` is the latest revision, `first_value` the value first
/// fetched for that day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRate {
    pub observation: Observation,
    pub first_value: Decimal,
    /// 0 for the first value, n for the n-th changed value.
    pub revision: u32,
    /// When the answered value (the latest revision) was fetched.
    pub fetched_at: DateTime<Utc>,
}

/// What a conditional write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Stored,
    /// Another writer stored the day (or revised it) first: nothing was changed; the caller
    /// validates again against what is stored now.
    Lost,
}

/// Which source answers a day that more than one published: the central banks over Fixer.
fn preference(source: Source) -> u8 {
    match source {
        Source::Riksbank | Source::Ecb => 0,
        Source::Fixer => 1,
    }
}

/// One [`StoredRate`] per (series, date): the preferred source's. Keeps the input's order.
pub fn preferred(rates: Vec<StoredRate>) -> Vec<StoredRate> {
    let mut kept: Vec<StoredRate> = Vec::with_capacity(rates.len());
    for rate in rates {
        match kept.iter_mut().find(|k| {
            k.observation.series == rate.observation.series
                && k.observation.date == rate.observation.date
        }) {
            Some(existing) => {
                if preference(rate.observation.source) < preference(existing.observation.source) {
                    *existing = rate;
                }
            }
            None => kept.push(rate),
        }
    }
    kept
}

fn sort_key(date: NaiveDate, source: Source) -> String {
    format!("{date}#{}", source.as_str())
}

/// The first sort key after every source of `date` (`#` < every letter < `~`).
fn after_day(date: NaiveDate) -> String {
    format!("{date}#~")
}

fn corrupt(item: &Item, what: &str) -> StoreError {
    StoreError(format!(
        "rates item {}/{} has no valid {what}",
        get_s(item, "pk").unwrap_or("?"),
        get_s(item, "sk").unwrap_or("?")
    ))
}

fn decimal(item: &Item, name: &str) -> Result<Decimal, StoreError> {
    get_s(item, name)
        .and_then(|v| Decimal::from_str(v).ok())
        .ok_or_else(|| corrupt(item, name))
}

fn instant(item: &Item, name: &str) -> Result<DateTime<Utc>, StoreError> {
    get_s(item, name)
        .and_then(|v| DateTime::parse_from_rfc3339(v).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| corrupt(item, name))
}

fn stored_rate(item: &Item) -> Result<StoredRate, StoreError> {
    let series = get_s(item, "pk").ok_or_else(|| corrupt(item, "pk"))?;
    let date = get_s(item, "date")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| corrupt(item, "date"))?;
    let source = get_s(item, "source")
        .and_then(Source::parse)
        .ok_or_else(|| corrupt(item, "source"))?;
    let first_value = decimal(item, "value")?;
    let revision: u32 = get_n(item, "revision").unwrap_or(0);
    let (value, fetched_at) = if revision == 0 {
        (first_value, instant(item, "fetchedAt")?)
    } else {
        (
            decimal(item, "current")?,
            instant(item, "currentFetchedAt")?,
        )
    };
    Ok(StoredRate {
        observation: Observation {
            series: series.to_owned(),
            date,
            value,
            source,
        },
        first_value,
        revision,
        fetched_at,
    })
}

impl RatesTable {
    pub fn new(client: LazyClient<Client>, table: impl Into<String>) -> RatesTable {
        RatesTable {
            client,
            rates_table: table.into(),
        }
    }

    pub fn table(&self) -> &str {
        &self.rates_table
    }

    /// Every stored day of `series` in `from..=to`, every source, oldest first.
    pub async fn days_in_range(
        &self,
        series: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StoredRate>, StoreError> {
        self.query_days(series, &format!("{from}#"), &after_day(to), true, None)
            .await
    }

    /// The latest `limit` days of `series` stored on or before `date`, one per day (the
    /// preferred source), newest first.
    pub async fn latest_on_or_before(
        &self,
        series: &str,
        date: NaiveDate,
        limit: usize,
    ) -> Result<Vec<StoredRate>, StoreError> {
        // Up to three sources a day: read enough items for `limit` days.
        let items = i32::try_from(limit.saturating_mul(3)).unwrap_or(i32::MAX);
        let rates = self
            .query_days(series, "0", &after_day(date), false, Some(items))
            .await?;
        let mut days = preferred(rates);
        days.truncate(limit);
        Ok(days)
    }

    async fn query_days(
        &self,
        series: &str,
        from_sk: &str,
        to_sk: &str,
        forward: bool,
        limit: Option<i32>,
    ) -> Result<Vec<StoredRate>, StoreError> {
        self.query_items(series, from_sk, to_sk, forward, limit)
            .await?
            .iter()
            .map(stored_rate)
            .collect()
    }

    /// The items of `pk` with a sort key in `from_sk..=to_sk`, in key order or reversed,
    /// every page or the first `limit` items.
    async fn query_items(
        &self,
        pk: &str,
        from_sk: &str,
        to_sk: &str,
        forward: bool,
        limit: Option<i32>,
    ) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.rates_table)
                .key_condition_expression("pk = :pk AND sk BETWEEN :from AND :to")
                .expression_attribute_values(":pk", s(pk))
                .expression_attribute_values(":from", s(from_sk))
                .expression_attribute_values(":to", s(to_sk))
                .scan_index_forward(forward)
                .set_limit(limit)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            items.extend(out.items.unwrap_or_default());
            start = out.last_evaluated_key;
            let enough = limit.is_some_and(|l| items.len() >= usize::try_from(l).unwrap_or(0));
            if start.is_none() || enough {
                return Ok(items);
            }
        }
    }

    /// Stores a day not stored before for its source. [`Written::Lost`] when one is.
    pub async fn put_new_day(
        &self,
        observation: &Observation,
        fetched_at: DateTime<Utc>,
    ) -> Result<Written, StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.rates_table)
            .item("pk", s(&observation.series))
            .item("sk", s(sort_key(observation.date, observation.source)))
            .item("date", s(observation.date.to_string()))
            .item("source", s(observation.source.as_str()))
            .item("value", s(observation.value.to_string()))
            .item("fetchedAt", s(timestamp(fetched_at)))
            .item("revision", n(0))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        conditional(result)
    }

    /// Records a changed value for a stored day beside its first value. Only on top of
    /// `previous`, the value the change was checked against: [`Written::Lost`] when the stored
    /// day answers another value by now.
    pub async fn append_revision(
        &self,
        observation: &Observation,
        previous: Decimal,
        fetched_at: DateTime<Utc>,
    ) -> Result<Written, StoreError> {
        let revision = AttributeValue::M(
            [
                ("value".to_owned(), s(observation.value.to_string())),
                ("fetchedAt".to_owned(), s(timestamp(fetched_at))),
            ]
            .into(),
        );
        let result = self
            .client
            .update_item()
            .table_name(&self.rates_table)
            .key("pk", s(&observation.series))
            .key("sk", s(sort_key(observation.date, observation.source)))
            .update_expression(
                "SET revisions = list_append(if_not_exists(revisions, :empty), :revision), \
                 #current = :value, currentFetchedAt = :at, revision = revision + :one",
            )
            .condition_expression(
                "(revision = :zero AND #value = :previous) OR (revision > :zero AND #current = :previous)",
            )
            .expression_attribute_names("#current", "current")
            .expression_attribute_names("#value", "value")
            .expression_attribute_values(":empty", AttributeValue::L(Vec::new()))
            .expression_attribute_values(":revision", AttributeValue::L(vec![revision]))
            .expression_attribute_values(":value", s(observation.value.to_string()))
            .expression_attribute_values(":at", s(timestamp(fetched_at)))
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":zero", n(0))
            .expression_attribute_values(":previous", s(previous.to_string()))
            .send()
            .await;
        conditional(result)
    }
}

/// The key of a source's publication days: no series id contains `#`.
fn published_pk(source: Source) -> String {
    format!("published#{}", source.as_str())
}

impl RatesTable {
    /// Records that `source` published `currencies` on `date` (a complete day: validation did
    /// not hold it back for a missing currency). The next import checks its first day against
    /// this list, and looks for gaps by these days.
    pub async fn record_published_day(
        &self,
        source: Source,
        date: NaiveDate,
        currencies: &[String],
    ) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.rates_table)
            .item("pk", s(published_pk(source)))
            .item("sk", s(date.to_string()))
            .item(
                "currencies",
                AttributeValue::L(currencies.iter().map(s).collect()),
            )
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// The days `source` published in `from..=to` with their currencies, oldest first.
    pub async fn published_days(
        &self,
        source: Source,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Vec<String>)>, StoreError> {
        self.published_query(source, from.to_string(), to.to_string(), true, None)
            .await
    }

    /// The latest day `source` published before `date`, with its currencies.
    pub async fn published_before(
        &self,
        source: Source,
        date: NaiveDate,
    ) -> Result<Option<(NaiveDate, Vec<String>)>, StoreError> {
        let Some(before) = date.pred_opt() else {
            return Ok(None);
        };
        Ok(self
            .published_query(source, "0".to_owned(), before.to_string(), false, Some(1))
            .await?
            .into_iter()
            .next())
    }

    async fn published_query(
        &self,
        source: Source,
        from: String,
        to: String,
        forward: bool,
        limit: Option<i32>,
    ) -> Result<Vec<(NaiveDate, Vec<String>)>, StoreError> {
        self.query_items(&published_pk(source), &from, &to, forward, limit)
            .await?
            .iter()
            .map(|item| {
                let date = get_s(item, "sk")
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .ok_or_else(|| corrupt(item, "sk"))?;
                let currencies = item
                    .get("currencies")
                    .and_then(|v| v.as_l().ok())
                    .map(|l| l.iter().filter_map(|c| c.as_s().ok().cloned()).collect())
                    .ok_or_else(|| corrupt(item, "currencies"))?;
                Ok((date, currencies))
            })
            .collect()
    }
}

fn conditional<T, E, R>(result: Result<T, SdkError<E, R>>) -> Result<Written, StoreError>
where
    E: std::error::Error + ConditionFailure + 'static,
    R: std::fmt::Debug,
{
    match result {
        Ok(_) => Ok(Written::Stored),
        Err(SdkError::ServiceError(e)) if e.err().is_condition_failure() => Ok(Written::Lost),
        Err(e) => Err(StoreError::from_sdk(e)),
    }
}

trait ConditionFailure {
    fn is_condition_failure(&self) -> bool;
}

impl ConditionFailure for aws_sdk_dynamodb::operation::put_item::PutItemError {
    fn is_condition_failure(&self) -> bool {
        self.is_conditional_check_failed_exception()
    }
}

impl ConditionFailure for aws_sdk_dynamodb::operation::update_item::UpdateItemError {
    fn is_condition_failure(&self) -> bool {
        self.is_conditional_check_failed_exception()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(series: &str, day: u32, source: Source, value: i64) -> StoredRate {
        let date = NaiveDate::from_ymd_opt(2025, 1, day).expect("a January day");
        StoredRate {
            observation: Observation {
                series: series.to_owned(),
                date,
                value: Decimal::new(value, 2),
                source,
            },
            first_value: Decimal::new(value, 2),
            revision: 0,
            fetched_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_ecb_answers_a_day_fixer_published_too_in_either_order() {
        let fixer_first = preferred(vec![
            rate("SEK", 3, Source::Fixer, 1150),
            rate("SEK", 3, Source::Ecb, 1149),
            rate("SEK", 6, Source::Fixer, 1151),
        ]);
        let ecb_first = preferred(vec![
            rate("SEK", 3, Source::Ecb, 1149),
            rate("SEK", 3, Source::Fixer, 1150),
            rate("SEK", 6, Source::Fixer, 1151),
        ]);
        for days in [fixer_first, ecb_first] {
            assert_eq!(days.len(), 2);
            assert_eq!(days[0].observation.source, Source::Ecb);
            assert_eq!(days[0].observation.value, Decimal::new(1149, 2));
            assert_eq!(
                days[1].observation.source,
                Source::Fixer,
                "Fixer fills a day"
            );
        }
    }

    #[test]
    fn sort_keys_keep_a_days_sources_together_and_inside_its_range() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 3).expect("a day");
        for source in [Source::Riksbank, Source::Ecb, Source::Fixer] {
            let key = sort_key(day, source);
            assert!(
                key.as_str() > "2025-01-03#" && key < after_day(day),
                "{key}"
            );
            assert!(key > after_day(day.pred_opt().expect("a day before")));
            assert!(key.as_str() < "2025-01-04#");
        }
    }
}
