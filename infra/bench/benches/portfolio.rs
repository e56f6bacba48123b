//! Full schedules for a 10,000-contract portfolio (monthly, 10 years, two remeasurements each).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mypages::domain::lease::{Framework, RateConvention, schedule};

mod fixture;

fn portfolio_schedules(c: &mut Criterion) {
    let Some(portfolio) = fixture::portfolio(10_000) else {
        panic!("the benchmark portfolio has an invalid date");
    };
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    group.bench_function("10000 contracts, full schedules", |b| {
        b.iter(|| {
            let mut rows = 0usize;
            for versions in &portfolio {
                match schedule(
                    black_box(versions),
                    RateConvention::Effective,
                    Framework::Ifrs16,
                ) {
                    Ok(s) => rows += s.rows.len(),
                    Err(err) => panic!("portfolio contract rejected: {err}"),
                }
            }
            rows
        });
    });
    group.finish();
}

fn heaviest_contract_schedule(c: &mut Criterion) {
    let Some(contract) = fixture::heaviest_contract() else {
        panic!("the heaviest contract has an invalid date");
    };
    let mut group = c.benchmark_group("contract");
    group.sample_size(10);
    group.bench_function("500 versions x 600 steps, full schedule", |b| {
        b.iter(|| {
            match schedule(
                black_box(&contract),
                RateConvention::Effective,
                Framework::Ifrs16,
            ) {
                Ok(s) => s.rows.len(),
                Err(err) => panic!("heaviest contract rejected: {err}"),
            }
        });
    });
    group.finish();
}

criterion_group!(benches, portfolio_schedules, heaviest_contract_schedule);
criterion_main!(benches);
