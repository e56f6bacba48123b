//! One run of the scheduled rate import (issue 9; DESIGN.md §7): fetch each source, validate
//! what it publishes against what is stored, write only what is new or revised, and report.
//!
//! Each source stands alone: a source that fails (after the fetcher's retries) or answers a
//! payload that does not parse imports nothing from that payload, is counted as failed, and the
//! others go on. What is stored is never deleted or overwritten: a changed value is appended as
//! a revision (aws/rates.rs), and anything validation holds back is reported, not written.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::rates::{RatesTable, Written};
use super::rates_sources::{Fetcher, RetryPolicy, UpstreamKeys, UpstreamUrls, upstream_client};
use super::store::StoreError;
use crate::domain::rates::calendar::target_days;
use crate::domain::rates::validation::{
    HoldBack as HeldBackReason, Outcome, Rules, Summary, Validated, validate,
};
use crate::domain::rates::{INTEREST_SERIES, Observation, Source};

/// How far back a run looks for missing days, from the latest day a source published.
pub const DEFAULT_BACKFILL_DAYS: u64 = 30;
/// The ECB's history file covers 90 days: a longer window could not be filled.
pub const MAX_BACKFILL_DAYS: u64 = 90;
/// The days before the window that validation compares the first day of the window with
/// (the day-over-day jump and the previous day's currencies).
const CONTEXT_DAYS: u64 = 10;

pub const METRICS_NAMESPACE: &str = "MyPages/Rates";

#[derive(Debug, Clone)]
pub struct ImportDeps {
    pub table: RatesTable,
    pub fetcher: Fetcher,
    pub rules: Rules,
    pub backfill_days: u64,
}

/// A value validation kept out of the table, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldBack {
    pub series: String,
    pub date: NaiveDate,
    pub value: String,
    pub source: Source,
    pub reason: String,
}

/// A source (or one series of it) that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    pub source: Source,
    pub what: String,
    pub error: String,
}

/// The run's result: the counts per source, and the details behind "held back" and "failed".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    pub summary: Summary,
    pub held_back: Vec<HeldBack>,
    pub failures: Vec<Failure>,
    /// The newest day on record per source after the run (a source whose data stopped
    /// changing shows here, and in the `DaysSinceLatest` metric, not as a failure).
    pub latest_day: BTreeMap<Source, NaiveDate>,
}

impl RunReport {
    fn fail(&mut self, source: Source, what: impl Into<String>, error: impl ToString) {
        let failure = Failure {
            source,
            what: what.into(),
            error: error.to_string(),
        };
        tracing::error!(source = ?failure.source, what = %failure.what, error = %failure.error, "rates import: a source failed");
        self.summary.record_failure(source);
        self.failures.push(failure);
    }

    /// The EMF lines of the run: one per source with its counts, and the run's failed
    /// sources (the alarm's metric).
    pub fn metrics_lines(&self, sources: &[Source], at: DateTime<Utc>) -> Vec<String> {
        let mut lines: Vec<String> = sources
            .iter()
            .map(|source| {
                let counts = self.summary.counts(*source);
                let mut metrics = vec![
                    ("Imported", counts.imported as u64),
                    ("Revisions", counts.revisions as u64),
                    ("Unchanged", counts.unchanged as u64),
                    ("HeldBack", counts.held_back as u64),
                    ("Failed", counts.failed as u64),
                ];
                if let Some(latest) = self.latest_day.get(source) {
                    let days = (at.date_naive() - *latest).num_days().max(0);
                    metrics.push(("DaysSinceLatest", days.unsigned_abs()));
                }
                crate::telemetry::metrics_line(
                    METRICS_NAMESPACE,
                    &[("Source", source.as_str())],
                    &metrics,
                    at,
                )
            })
            .collect();
        let failed_sources = sources
            .iter()
            .filter(|s| self.summary.counts(**s).failed > 0)
            .count();
        let held_back: usize = sources
            .iter()
            .map(|s| self.summary.counts(*s).held_back)
            .sum();
        let revisions: usize = sources
            .iter()
            .map(|s| self.summary.counts(*s).revisions)
            .sum();
        lines.push(crate::telemetry::metrics_line(
            METRICS_NAMESPACE,
            &[("Job", "rates-import")],
            &[
                ("FailedSources", failed_sources as u64),
                ("HeldBack", held_back as u64),
                ("Revisions", revisions as u64),
            ],
            at,
        ));
        lines
    }
}

/// Which sources a run imports: the schedule's input `{"sources": ["ecb", "fixer"]}`, or all
/// of them for any other event (EventBridge's own "Scheduled Event", an empty object).
pub fn requested_sources(event: &serde_json::Value) -> Result<Vec<Source>, String> {
    match event.get("sources") {
        None => Ok(Source::ALL.to_vec()),
        Some(list) => {
            let sources: Vec<Source> = serde_json::from_value(list.clone())
                .map_err(|_| format!("`sources` must list riksbank, ecb or fixer; got {list}"))?;
            if sources.is_empty() {
                return Err("`sources` names no source".to_owned());
            }
            Ok(sources)
        }
    }
}

fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// Removes exact repeats (the daily file's day is in the history file too), so a day counts
/// once; different values for one day stay for validation to refuse.
fn distinct(batch: Vec<Observation>) -> Vec<Observation> {
    let mut seen = HashSet::new();
    batch
        .into_iter()
        .filter(|o| seen.insert((o.series.clone(), o.date, o.source, o.value)))
        .collect()
}

impl ImportDeps {
    /// Imports `sources`, each on its own, the Riksbank and the FX sources at the same time (one
    /// slow source does not hold up the other); `now` decides "today" (nothing dated later is
    /// taken).
    pub async fn import_sources(&self, sources: &[Source], now: DateTime<Utc>) -> RunReport {
        let wanted = |source| sources.contains(&source);
        // Fixer after the ECB: it fills only what the ECB's latest day lacks.
        let (riksbank, (ecb, fixer)) = tokio::join!(
            async {
                let mut report = RunReport::default();
                if wanted(Source::Riksbank) {
                    self.import_riksbank(now, &mut report).await;
                }
                report
            },
            async {
                let mut ecb = RunReport::default();
                if wanted(Source::Ecb) {
                    self.import_ecb(now, &mut ecb).await;
                }
                let mut fixer = RunReport::default();
                if wanted(Source::Fixer) {
                    self.import_fixer(now, &mut fixer).await;
                }
                (ecb, fixer)
            },
        );
        let mut report = RunReport::default();
        report.summary.riksbank = riksbank.summary.riksbank;
        report.summary.ecb = ecb.summary.ecb;
        report.summary.fixer = fixer.summary.fixer;
        for part in [riksbank, ecb, fixer] {
            report.held_back.extend(part.held_back);
            report.failures.extend(part.failures);
        }
        for source in sources {
            match self.latest_on_record(*source, now.date_naive()).await {
                Ok(Some(day)) => {
                    report.latest_day.insert(*source, day);
                }
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(?source, %error, "rates import: the latest day on record is unknown")
                }
            }
        }
        report
    }

    /// The newest day `source` has on record: the policy rate's for the Riksbank, the last
    /// complete day for the FX sources.
    async fn latest_on_record(
        &self,
        source: Source,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let after_today = today.succ_opt().unwrap_or(today);
        Ok(match source {
            Source::Riksbank => self
                .table
                .latest_on_or_before(crate::domain::rates::POLICY_RATE, today, 1)
                .await?
                .first()
                .map(|r| r.observation.date),
            Source::Ecb | Source::Fixer => self
                .table
                .published_before(source, after_today)
                .await?
                .map(|(day, _)| day),
        })
    }

    fn window(&self) -> u64 {
        self.backfill_days.clamp(1, MAX_BACKFILL_DAYS)
    }

    /// Each series over the window up to today, or back from its latest day when that window
    /// has none (a series that stopped, or a fake upstream's recordings).
    async fn import_riksbank(&self, now: DateTime<Utc>, report: &mut RunReport) {
        let mut batch = Vec::new();
        let today = now.date_naive();
        for series in INTEREST_SERIES {
            // One request a series while the Riksbank publishes (its anonymous quota is per
            // address); only a window without any day asks where the series ends.
            let recent = self
                .fetcher
                .swea_range(series, days_before(today, self.window()), today)
                .await;
            let observations = match recent {
                Ok(observations) if !observations.is_empty() => Ok(observations),
                Ok(_) => match self.fetcher.swea_latest(series).await {
                    Ok(latest) => {
                        let from = days_before(latest.date, self.window());
                        self.fetcher.swea_range(series, from, latest.date).await
                    }
                    Err(error) => Err(error),
                },
                Err(error) => Err(error),
            };
            match observations {
                Ok(observations) => batch.extend(observations),
                Err(error) => report.fail(Source::Riksbank, series, error),
            }
        }
        self.validate_and_write(Source::Riksbank, batch, &BTreeSet::new(), now, report)
            .await;
    }

    /// The daily file, and the 90-day history when a publication day in the window is missing
    /// (all of it when nothing of the ECB's is stored yet).
    async fn import_ecb(&self, now: DateTime<Utc>, report: &mut RunReport) {
        let daily = match self.fetcher.ecb_daily().await {
            Ok(daily) => daily,
            Err(error) => {
                report.fail(Source::Ecb, "eurofxref-daily.xml", error);
                // The history still back-fills what the daily file would have given.
                Vec::new()
            }
        };
        let latest = daily.iter().map(|o| o.date).max();
        let mut batch = daily;
        let needs_history = match latest {
            None => true,
            Some(latest) => match self.ecb_gap_in_window(latest).await {
                Ok(missing) => missing,
                Err(error) => {
                    report.fail(Source::Ecb, "stored rates", error);
                    return;
                }
            },
        };
        if needs_history {
            // A table without any day of the ECB's (a new deployment) takes the whole history,
            // so reports on the past quarter have their rates from the first run; later runs
            // fill the window's gaps only.
            let first_fill = match self
                .table
                .published_before(
                    Source::Ecb,
                    now.date_naive().succ_opt().unwrap_or(NaiveDate::MAX),
                )
                .await
            {
                Ok(stored) => stored.is_none(),
                Err(error) => {
                    report.fail(Source::Ecb, "stored rates", error);
                    return;
                }
            };
            match self.fetcher.ecb_hist_90d().await {
                Ok(history) if first_fill => batch.extend(history),
                Ok(history) => {
                    let newest = history.iter().map(|o| o.date).max().or(latest);
                    if let Some(newest) = newest {
                        let from = days_before(newest, self.window());
                        batch.extend(history.into_iter().filter(|o| o.date >= from));
                    }
                }
                Err(error) => report.fail(Source::Ecb, "eurofxref-hist-90d.xml", error),
            }
        }
        self.validate_and_write(Source::Ecb, batch, &BTreeSet::new(), now, report)
            .await;
    }

    /// Whether a TARGET day of the window before `latest` has no complete day of the ECB's
    /// stored.
    async fn ecb_gap_in_window(&self, latest: NaiveDate) -> Result<bool, StoreError> {
        let from = days_before(latest, self.window());
        let stored: BTreeSet<NaiveDate> = self
            .table
            .published_days(Source::Ecb, from, latest)
            .await?
            .into_iter()
            .map(|(date, _)| date)
            .collect();
        Ok(target_days(from, latest)
            .iter()
            .any(|d| *d < latest && !stored.contains(d)))
    }

    async fn import_fixer(&self, now: DateTime<Utc>, report: &mut RunReport) {
        let batch = match self.fetcher.fixer_latest().await {
            Ok(Some(batch)) => batch,
            // Not configured: an optional source, nothing to report.
            Ok(None) => return,
            Err(error) => {
                report.fail(Source::Fixer, "latest", error);
                return;
            }
        };
        // Fixer fills only what the ECB does not publish: for the ECB's currencies its
        // intraday prices would answer TARGET holidays and weigh in averages.
        let Some(newest) = batch.iter().map(|o| o.date).max() else {
            return;
        };
        let ecb_currencies: BTreeSet<String> = match self
            .table
            .published_before(Source::Ecb, newest.succ_opt().unwrap_or(newest))
            .await
        {
            Ok(Some((_, currencies))) => currencies.into_iter().collect(),
            // Without a day of the ECB's on record Fixer cannot tell which currencies are the
            // ECB's; it waits for one rather than fill them.
            Ok(None) => {
                report.fail(
                    Source::Fixer,
                    "latest",
                    "no day of the ECB's is on record yet: Fixer fills only currencies the ECB does not publish",
                );
                return;
            }
            Err(error) => {
                report.fail(Source::Fixer, "stored rates", error);
                return;
            }
        };
        let batch = batch
            .into_iter()
            .filter(|o| !ecb_currencies.contains(&o.series))
            .collect();
        self.validate_and_write(Source::Fixer, batch, &ecb_currencies, now, report)
            .await;
    }

    /// Validates `batch` against the stored days of its series from shortly before its first
    /// day, then writes what is new or revised. A store failure fails the source; what was
    /// written before it stays (each item is a validated rate on its own).
    async fn validate_and_write(
        &self,
        source: Source,
        batch: Vec<Observation>,
        not_expected: &BTreeSet<String>,
        now: DateTime<Utc>,
        report: &mut RunReport,
    ) {
        let batch = distinct(batch);
        let (Some(oldest), Some(newest)) = (
            batch.iter().map(|o| o.date).min(),
            batch.iter().map(|o| o.date).max(),
        ) else {
            return;
        };
        let mut series: BTreeSet<String> = batch.iter().map(|o| o.series.clone()).collect();
        let mut context_from = days_before(oldest, CONTEXT_DAYS);
        // The currencies of the source's last complete day before the batch (less those it
        // no longer supplies), loaded from that day on: a first day that lacks one of them is
        // held back even when nothing else in the batch has it.
        if source != Source::Riksbank {
            match self.table.published_before(source, oldest).await {
                Ok(Some((day, currencies))) => {
                    context_from = context_from.min(day);
                    series.extend(currencies.into_iter().filter(|c| !not_expected.contains(c)));
                }
                Ok(None) => {}
                Err(error) => {
                    report.fail(source, "stored rates", error);
                    return;
                }
            }
        }
        let mut known = Vec::new();
        for name in series {
            match self.table.days_in_range(&name, context_from, newest).await {
                Ok(stored) => known.extend(stored.into_iter().map(|r| r.observation)),
                Err(error) => {
                    report.fail(source, "stored rates", error);
                    return;
                }
            }
        }
        let validated = validate(batch, &known, now.date_naive(), &self.rules);
        for (observation, reason) in validated.held_back() {
            tracing::warn!(series = %observation.series, date = %observation.date, value = %observation.value, source = ?observation.source, %reason, "rates import: held back");
            report.held_back.push(HeldBack {
                series: observation.series.clone(),
                date: observation.date,
                value: observation.value.to_string(),
                source: observation.source,
                reason: reason.to_string(),
            });
        }
        let mut counted = validated;
        for index in 0..counted.checked.len() {
            let checked = &counted.checked[index];
            let written = match &checked.outcome {
                Outcome::New => self.table.put_new_day(&checked.observation, now).await,
                Outcome::Revision { previous } => {
                    tracing::warn!(series = %checked.observation.series, date = %checked.observation.date, %previous, value = %checked.observation.value, "rates import: revised by the source");
                    self.table
                        .append_revision(&checked.observation, *previous, now)
                        .await
                }
                Outcome::Unchanged | Outcome::HeldBack(_) => continue,
            };
            match written {
                Ok(Written::Stored) => {}
                // A concurrent run stored this day first: this run changed nothing, and the
                // next run validates against what that one stored.
                Ok(Written::Lost) => counted.checked[index].outcome = Outcome::Unchanged,
                Err(error) => {
                    // What was written so far counts, and what was never to be written;
                    // the rest was not written.
                    let rest = counted.checked.split_off(index);
                    counted.checked.extend(rest.into_iter().filter(|c| {
                        matches!(c.outcome, Outcome::Unchanged | Outcome::HeldBack(_))
                    }));
                    report.summary.record(&counted);
                    report.fail(source, "writing rates", error);
                    return;
                }
            }
        }
        if source != Source::Riksbank
            && let Err(error) = self.record_complete_days(source, &counted).await
        {
            report.fail(source, "recording the published days", error);
        }
        report.summary.record(&counted);
    }

    /// Records each day of `validated` that is complete (nothing of it held back, but for a
    /// revision whose first value stays) and stored, with the currencies published on it.
    async fn record_complete_days(
        &self,
        source: Source,
        validated: &Validated,
    ) -> Result<(), StoreError> {
        let mut days: BTreeMap<NaiveDate, (Vec<String>, bool, bool)> = BTreeMap::new();
        for checked in &validated.checked {
            let day = days.entry(checked.observation.date).or_default();
            day.0.push(checked.observation.series.clone());
            match &checked.outcome {
                // A stored value stays for a revision held back; any other value held back
                // leaves the day without that currency: not complete, so the gap check fetches
                // the history for it again.
                Outcome::HeldBack(HeldBackReason::LargeRevision { .. }) => day.2 = true,
                Outcome::HeldBack(_) => day.1 = true,
                Outcome::New | Outcome::Revision { .. } | Outcome::Unchanged => day.2 = true,
            }
        }
        for (date, (mut currencies, incomplete, stored)) in days {
            if incomplete || !stored {
                continue;
            }
            currencies.sort();
            currencies.dedup();
            self.table
                .record_published_day(source, date, &currencies)
                .await?;
        }
        Ok(())
    }
}

/// Why `rates-import` could not start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("the upstream key: {0}")]
    Key(#[from] StoreError),
}

impl ImportDeps {
    /// The deployed function's dependencies: the table, the upstream roots (in AWS from the
    /// `MYPAGES_*_URL` variables), and the keys from their SSM parameters (read once per cold
    /// start).
    pub async fn from_settings(
        settings: &crate::config::RatesImportSettings,
        urls: UpstreamUrls,
        sdk: &aws_types::SdkConfig,
    ) -> Result<ImportDeps, SetupError> {
        let ssm: super::LazyClient<aws_sdk_ssm::Client> = super::LazyClient::new(sdk);
        let mut keys = UpstreamKeys::default();
        if let Some(name) = &settings.riksbank_key_parameter {
            keys.riksbank_key = Some(super::parameters::secure_parameter(&ssm, name).await?);
        }
        if let Some(name) = &settings.fixer_key_parameter {
            keys.fixer_key = Some(super::parameters::secure_parameter(&ssm, name).await?);
        }
        Ok(ImportDeps {
            table: RatesTable::new(super::LazyClient::new(sdk), settings.rates_table.clone()),
            fetcher: Fetcher::new(upstream_client(), urls, keys, RetryPolicy::default()),
            rules: settings.rules.clone(),
            backfill_days: settings.backfill_days,
        })
    }
}
