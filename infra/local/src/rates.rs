//! The local stack's rates: the import runs against the fake upstream (the recorded payloads
//! in `events/rates-import/upstream/`) so rates work offline, unless `MYPAGES_RIKSBANK_URL`,
//! `MYPAGES_ECB_URL` or `MYPAGES_FIXER_URL` point elsewhere (DESIGN.md §7–§8).

use mypages::aws::rates::RatesTable;
use mypages::aws::rates_import::ImportDeps;
use mypages::aws::rates_sources::{
    ECB_URL_VARIABLE, FIXER_URL_VARIABLE, Fetcher, RIKSBANK_URL_VARIABLE, RetryPolicy,
    UpstreamKeys, UpstreamUrls, upstream_client,
};
use serde_json::{Value, json};

use crate::schedules::Scheduler;
use crate::template::Template;
use crate::upstream::{FakeUpstream, default_recordings_dir};

/// Fixer needs a key; the fake accepts any. `MYPAGES_FIXER_KEY` gives a real one locally.
const LOCAL_FIXER_KEY: &str = "local-fake-upstream";

fn set(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The scheduler with the rate import, and the upstream roots it uses (for the state file).
pub async fn scheduler(
    template: &Template,
    sdk: &aws_config::SdkConfig,
    rates_table: &str,
) -> Result<(Scheduler, Value), Box<dyn std::error::Error>> {
    let fake = FakeUpstream::start(
        set("MYPAGES_RATES_RECORDINGS")
            .map(Into::into)
            .unwrap_or_else(default_recordings_dir),
    )
    .await?;
    // A variable that is set wins; the fake answers for the others.
    let urls = UpstreamUrls::from_lookup(|name| {
        set(name).or_else(|| match name {
            RIKSBANK_URL_VARIABLE => Some(fake.riksbank_url()),
            ECB_URL_VARIABLE => Some(fake.ecb_url()),
            FIXER_URL_VARIABLE => Some(fake.fixer_url()),
            _ => None,
        })
    })?;
    let keys = UpstreamKeys {
        riksbank_key: set("MYPAGES_RIKSBANK_KEY"),
        fixer_key: set("MYPAGES_FIXER_KEY").or_else(|| {
            set(FIXER_URL_VARIABLE)
                .is_none()
                .then(|| LOCAL_FIXER_KEY.to_owned())
        }),
    };
    let described = json!({
        "riksbank": urls.riksbank,
        "ecb": urls.ecb,
        "fixer": urls.fixer,
        "fake": fake.base(),
    });
    let rates_import = ImportDeps {
        table: RatesTable::new(aws_sdk_dynamodb::Client::new(sdk).into(), rates_table),
        fetcher: Fetcher::new(upstream_client(), urls, keys, RetryPolicy::default()),
        rules: mypages::config::RatesImportSettings::rules_from_env()?,
        backfill_days: mypages::config::RatesImportSettings::backfill_days_from_env()?,
    };
    Ok((
        Scheduler {
            schedules: template.schedules()?,
            rates_import,
            upstream: Some(fake),
            erasure: None,
        },
        described,
    ))
}
