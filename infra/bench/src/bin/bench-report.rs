//! Times the period report for the benchmark portfolio on one thread: the model (`build`, which
//! computes every contract's schedule), then each format rendered from it, and prints the peak
//! memory of the process after each step.
//!
//! Usage: `bench-report [N] [json|csv|xlsx|all]` (N defaults to 10000, the format to all).
//! Build with `--release`; run one format per process to read that format's own peak memory.
//!
//! The portfolio is the engine benchmark's (monthly, 10 years, a payment step and two
//! remeasurements each), spread over five currencies and the five asset classes, with one
//! contract in twenty archived inside the reported year; the report covers 2029, the fourth
//! year of the leases, in SEK, translated with a synthetic year of ECB-style rates.

use std::error::Error;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use mypages::domain::contract::{AssetClass, ContractTerms, Payment};
use mypages::domain::currency::Currency;
use mypages::domain::lang::Lang;
use mypages::domain::lease::{Framework, LeaseTerms, RateConvention};
use mypages::domain::rates::calendar::target_days;
use mypages::domain::rates::series::SeriesTable;
use mypages::domain::rates::{Observation, Source};
use mypages::domain::report::render::{Format, render};
use mypages::domain::report::{
    Accounts, ContractInput, ReportRequest, VersionInput, build, rates_needed,
};
use rust_decimal::Decimal;

// The engine bench's fixture module; this bench uses its portfolio, not its heaviest contract.
#[allow(dead_code)]
#[path = "../../benches/fixture.rs"]
mod fixture;

const CURRENCIES: [&str; 5] = ["SEK", "EUR", "NOK", "DKK", "USD"];
const CLASSES: [AssetClass; 5] = [
    AssetClass::Premises,
    AssetClass::Vehicle,
    AssetClass::Equipment,
    AssetClass::It,
    AssetClass::Other,
];

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no date {y}-{m}-{d}").into())
}

fn currency(code: &str) -> Result<Currency, Box<dyn Error>> {
    Currency::parse(code).ok_or_else(|| format!("no currency {code}").into())
}

fn contract_terms(i: usize, lease: &LeaseTerms) -> Result<ContractTerms, Box<dyn Error>> {
    Ok(ContractTerms {
        name: format!("Lease {i:05}"),
        reference: None,
        lessor: "Bench Leasing AB".into(),
        asset_class: CLASSES[i % CLASSES.len()],
        currency: currency(CURRENCIES[i % CURRENCIES.len()])?,
        commencement_date: lease.commencement,
        end_date: lease.end,
        payment: Payment {
            amount: lease.amount,
            frequency: lease.frequency,
            timing: lease.timing,
            steps: lease.steps.clone(),
        },
        discount_rate: lease.annual_rate_percent,
        initial_direct_costs: lease.initial_direct_costs,
        lease_incentives: lease.lease_incentives,
        restoration_costs: lease.restoration_costs,
        first_increased_fee: lease.first_increased_fee,
        exemption: lease.exemption,
    })
}

fn portfolio(size: u32, year: i32) -> Result<Vec<ContractInput>, Box<dyn Error>> {
    let contracts = fixture::portfolio(size).ok_or("the portfolio has an invalid date")?;
    contracts
        .iter()
        .enumerate()
        .map(|(i, versions)| {
            let versions = versions
                .iter()
                .map(|v| {
                    Ok(VersionInput {
                        number: v.number,
                        effective_from: v.effective_from,
                        terms: contract_terms(i, &v.terms)?,
                    })
                })
                .collect::<Result<Vec<_>, Box<dyn Error>>>()?;
            // One in twenty is archived during the year, on the 10th of a month.
            let terminated_on = if i % 20 == 7 {
                Some(date(year, 1 + u32::try_from(i % 12)?, 10)?)
            } else {
                None
            };
            Ok(ContractInput {
                id: format!("bench-{i:05}"),
                versions,
                terminated_on,
            })
        })
        .collect()
}

/// Units per euro on every TARGET day of `from..=to`, drifting a little from day to day.
fn rates(from: NaiveDate, to: NaiveDate) -> SeriesTable {
    let base = [
        ("SEK", Decimal::new(114_900, 4)),
        ("NOK", Decimal::new(117_800, 4)),
        ("DKK", Decimal::new(74_600, 4)),
        ("USD", Decimal::new(10_800, 4)),
    ];
    let mut table = SeriesTable::new();
    for day in target_days(from, to) {
        let wiggle = Decimal::from(day.ordinal() % 17) - Decimal::from(8);
        for (series, per_eur) in base {
            table.insert(&Observation {
                series: series.to_owned(),
                date: day,
                value: per_eur + wiggle * Decimal::new(10, 4),
                source: Source::Ecb,
            });
        }
    }
    table
}

/// The process's peak resident memory so far (Linux `VmHWM`), in MiB.
fn peak_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .map(|kb| kb.trim().trim_end_matches(" kB").trim().to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or_else(|| "?".to_owned(), |kb| format!("{}", kb / 1024))
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size: u32 = match args.iter().find(|a| a.parse::<u32>().is_ok()) {
        Some(n) => n.parse()?,
        None => 10_000,
    };
    let formats: Vec<Format> = match args.iter().find(|a| a.parse::<u32>().is_err()) {
        None => vec![Format::Json, Format::Csv, Format::Xlsx],
        Some(name) if name == "all" => vec![Format::Json, Format::Csv, Format::Xlsx],
        Some(name) => vec![Format::parse(name).ok_or("format: json, csv, xlsx or all")?],
    };
    let year = 2029;
    let request = ReportRequest {
        period_start: date(year, 1, 1)?,
        period_end: date(year, 12, 31)?,
        framework: Framework::Ifrs16,
        rate_convention: RateConvention::Effective,
        reporting_currency: currency("SEK")?,
        accounts: Accounts::default(),
    };
    let contracts = portfolio(size, year)?;
    let (_, from, to) = rates_needed(&request, &contracts);
    let table = rates(
        from.checked_sub_days(Days::new(30)).ok_or("date range")?,
        to,
    );
    println!("input ready: {size} contracts, peak {} MiB", peak_mib());

    let started = Instant::now();
    let report = build(&request, &contracts, &table)?;
    let built = started.elapsed().as_secs_f64();
    let lines: usize = report.journal.iter().map(|e| e.lines.len()).sum();
    println!(
        "build: {built:.2} s ({} contracts reported, {} journal entries, {lines} lines; \
         liability closing {}), peak {} MiB",
        report.contracts.len(),
        report.journal.len(),
        report.liability.closing,
        peak_mib()
    );
    for format in formats {
        let started = Instant::now();
        let bytes = render(&report, format, Lang::Sv)?;
        let rendered = started.elapsed().as_secs_f64();
        println!(
            "{}: render {rendered:.2} s, build + render {:.2} s, {:.1} MB, peak {} MiB",
            format.as_str(),
            built + rendered,
            bytes.len() as f64 / 1e6,
            peak_mib()
        );
    }
    Ok(())
}
