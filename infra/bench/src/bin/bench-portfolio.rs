//! Times full schedules for the benchmark portfolio on one thread, then the Python reference
//! on the same contracts, and prints the ratio and whether the checksums agree.
//!
//! Usage: `bench-portfolio [N] [--no-python]` (N defaults to 10000). Build with `--release`.

use std::error::Error;
use std::process::Command;
use std::time::Instant;

use mypages::domain::lease::{Framework, RateConvention, schedule};
use rust_decimal::Decimal;

#[path = "../../benches/fixture.rs"]
mod fixture;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The Python reference runs in the same run by default: the ratio is part of the claim.
    let with_python = !args.iter().any(|a| a == "--no-python");
    let size: u32 = match args.iter().find(|a| !a.starts_with("--")) {
        Some(n) => n.parse()?,
        None => 10_000,
    };
    let portfolio = fixture::portfolio(size).ok_or("the portfolio has an invalid date")?;

    // Best of three, so a busy neighbour on the 2-core machine does not decide the figure.
    let mut best = f64::INFINITY;
    let mut summary = String::new();
    for _ in 0..3 {
        let started = Instant::now();
        let mut rows = 0usize;
        let mut interest = Decimal::ZERO;
        let mut depreciation = Decimal::ZERO;
        for versions in &portfolio {
            let s = schedule(versions, RateConvention::Effective, Framework::Ifrs16)?;
            rows += s.rows.len();
            interest += s.rows.iter().map(|r| r.interest).sum::<Decimal>();
            depreciation += s.rows.iter().map(|r| r.depreciation).sum::<Decimal>();
        }
        best = best.min(started.elapsed().as_secs_f64());
        summary = format!("{rows} rows; checksum interest={interest} depreciation={depreciation}");
    }
    println!("rust: {best:.2} s for {size} contracts ({summary})");

    // The largest contract the API accepts, which one request may schedule.
    let heaviest =
        fixture::heaviest_contract().ok_or("the heaviest contract has an invalid date")?;
    let mut best_one = f64::INFINITY;
    let mut rows = 0usize;
    for _ in 0..3 {
        let started = Instant::now();
        rows = schedule(&heaviest, RateConvention::Effective, Framework::Ifrs16)?
            .rows
            .len();
        best_one = best_one.min(started.elapsed().as_secs_f64());
    }
    println!(
        "rust: {:.1} ms for one contract with 500 versions x 600 steps ({rows} rows)",
        best_one * 1000.0
    );

    if with_python {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/reference.py");
        let output = Command::new("python3")
            .arg(script)
            .arg("--bench")
            .arg(size.to_string())
            .output()?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned().into());
        }
        let line = String::from_utf8(output.stdout)?;
        let line = line.trim();
        println!("{line}");
        let python_seconds: f64 = line
            .strip_prefix("python: ")
            .and_then(|rest| rest.split(' ').next())
            .ok_or("unexpected output from reference.py")?
            .parse()?;
        let same = line.contains(&summary);
        println!(
            "ratio: python/rust = {:.0}x; checksums {}",
            python_seconds / best,
            if same { "agree" } else { "DIFFER" }
        );
        if !same {
            return Err("Python and Rust checksums differ".into());
        }
    }
    Ok(())
}
