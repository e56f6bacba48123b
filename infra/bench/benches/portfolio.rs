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

criterion_group!(benches, portfolio_schedules);
criterion_main!(benches);
