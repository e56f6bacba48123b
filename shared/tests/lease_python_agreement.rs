//! The Rust engine and the independent Python reference (`bench/reference.py`) must produce the
//! same figures, row by row, to the cent.
//!
//! Needs `python3` on PATH; set `LEASE_ENGINE_SKIP_PYTHON=1` to skip where there is none.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::cases::lease_case;
use common::json::{self, Json};
use common::{TestResult, d, first_version, ie13};
use mypages::domain::lease::{Exemption, Framework, LeaseTerms, RateConvention, Version, schedule};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

fn python(args: &[&str], stdin: &str) -> Result<String, Box<dyn std::error::Error>> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/bench/reference.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(stdin.as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(format!(
            "reference.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(output.stdout)?.trim_end().to_owned())
}

fn skip() -> bool {
    std::env::var_os("LEASE_ENGINE_SKIP_PYTHON").is_some()
}

/// Runs every case through both engines in one Python process and compares case by case, so a
/// failure names the first case that differs.
fn assert_agree(cases: &[(Vec<Version>, RateConvention, Framework)]) -> TestResult {
    let input = Json::List(
        cases
            .iter()
            .map(|(versions, convention, framework)| json::case(versions, *convention, *framework))
            .collect(),
    );
    let mut expected = Vec::with_capacity(cases.len());
    for (versions, convention, framework) in cases {
        expected.push(json::schedule(&schedule(versions, *convention, *framework)?).render());
    }
    let from_python = python(&["--check", "-"], &input.render())?;
    let rust = format!("[{}]", expected.join(","));
    if from_python != rust {
        let python_cases = split_top_level(&from_python);
        for (index, (rust_case, python_case)) in expected.iter().zip(&python_cases).enumerate() {
            assert_eq!(
                rust_case,
                python_case,
                "case {index} differs; input: {}",
                json::case(&cases[index].0, cases[index].1, cases[index].2).render()
            );
        }
        assert_eq!(expected.len(), python_cases.len(), "case count differs");
    }
    Ok(())
}

// Splits a JSON list of objects at depth 1; the rendered JSON has no braces inside strings.
fn split_top_level(list: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for ch in list.chars() {
        match ch {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let separator =
            (ch == ',' && depth == 1) || (depth == 0 && ch == ']') || (depth == 1 && ch == '[');
        if separator {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
        } else {
            current.push(ch);
        }
    }
    parts
}

#[test]
fn python_and_rust_agree_on_the_ie13_reference_cases() -> TestResult {
    if skip() {
        return Ok(());
    }
    let index = vec![
        first_version(ie13()),
        Version {
            number: 2,
            effective_from: common::date(2031, 1, 1),
            terms: LeaseTerms {
                amount: d("54000"),
                ..ie13()
            },
        },
    ];
    let extension = vec![
        first_version(ie13()),
        Version {
            number: 2,
            effective_from: common::date(2031, 1, 1),
            terms: LeaseTerms {
                end: common::date(2037, 12, 31),
                annual_rate_percent: d("6"),
                ..ie13()
            },
        },
    ];
    assert_agree(&[
        (
            vec![first_version(ie13())],
            RateConvention::Effective,
            Framework::Ifrs16,
        ),
        (index.clone(), RateConvention::Effective, Framework::Ifrs16),
        (extension, RateConvention::Nominal, Framework::K3Finance),
        (index, RateConvention::Effective, Framework::K3Operating),
    ])
}

#[test]
fn python_and_rust_agree_on_the_builtin_reference_output() -> TestResult {
    if skip() {
        return Ok(());
    }
    let rust = json::schedule(&schedule(
        &[first_version(ie13())],
        RateConvention::Effective,
        Framework::Ifrs16,
    )?)
    .render();
    assert_eq!(python(&["--check", "ie13"], "")?, rust);
    Ok(())
}

#[test]
fn python_and_rust_agree_on_three_hundred_random_leases() -> TestResult {
    if skip() {
        return Ok(());
    }
    let mut runner = TestRunner::deterministic();
    let strategy = lease_case();
    let mut cases = Vec::new();
    for index in 0..300 {
        let case = strategy
            .new_tree(&mut runner)
            .map_err(|e| e.to_string())?
            .current()?;
        let mut versions = case.versions;
        let framework = match index % 6 {
            0 => Framework::K3Operating,
            1 => {
                for v in &mut versions {
                    v.terms.exemption = Some(Exemption::LowValue);
                }
                Framework::Ifrs16
            }
            2 => Framework::K3Finance,
            _ => Framework::Ifrs16,
        };
        if index % 4 == 0 {
            for v in &mut versions {
                v.terms.first_increased_fee = d("1234.56");
            }
        }
        cases.push((versions, case.convention, framework));
    }
    assert_agree(&cases)
}
