//! Builds the [`Report`] from the contracts' schedules (R1 writes this).

use chrono::NaiveDate;

use super::{ContractInput, Report, ReportError, ReportRequest};
use crate::domain::rates::series::SeriesTable;

/// How many days before a needed rate date the caller loads observations, so that the latest
/// published day on or before it is among them (weekends, holidays).
pub const RATE_LOOKBACK_DAYS: i64 = 14;

/// The FX series (currency codes, EUR excluded) and the day range the caller must load into
/// the [`SeriesTable`] given to [`build`].
pub fn rates_needed(
    request: &ReportRequest,
    contracts: &[ContractInput],
) -> (Vec<String>, NaiveDate, NaiveDate) {
    let _ = (request, contracts);
    unimplemented!("R1")
}

/// The report for `request` over `contracts`, translated with the rates in `rates`.
pub fn build(
    request: &ReportRequest,
    contracts: &[ContractInput],
    rates: &SeriesTable,
) -> Result<Report, ReportError> {
    let _ = (request, contracts, rates);
    unimplemented!("R1")
}
