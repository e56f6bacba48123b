//! Black-box tests: HTTP against the local stack started by `infra/test.sh`, plus direct reads
//! of the emulator's tables to prove what changed. Every test makes its own tenant.

mod accounting;
mod archive;
mod audit;
mod bad_input;
mod concurrency;
mod contracts;
mod demo_report;
mod documents;
mod emulator;
mod erasure;
mod exports;
mod handlers;
mod idempotency;
mod lifecycle;
mod limits;
mod mfa;
mod ocr_end_to_end;
mod ocr_pipeline;
mod operator_cli;
mod person_erasure;
mod rates_import;
mod rates_read;
mod rates_sources;
mod reports;
mod review;
mod roles;
mod round_trips;
mod settings;
mod signin;
mod sso;
mod sso_token;
mod template;
mod tenancy;
mod tokens;
mod triggers;
mod users;
mod web;

/// Signing in as a demo user writes a login record into that demo company's chain, and a
/// report request writes its item: the tests that do so, and the ones that compare the demo
/// companies before and after an erasure, take turns. (Taken after `erasure::RUNS`.)
pub static DEMO_COMPANIES_IN_USE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
