//! The JSON (and CSV) representations of contracts and schedules, in one place so every
//! route shows a contract the same way.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::aws::contracts::{ContractHead, ContractStatus, ContractVersion};
use crate::domain::accounting::{VersionTerms, contract_schedule, initial_measurement};
use crate::domain::company::CompanySettings;
use crate::domain::lease::{LeaseError, Measurement, Remeasurement, Schedule, ScheduleRow};

/// The ETag of a contract's representation. Archiving changes the representation (the status)
/// without a new version, so it changes the tag too: a client holding the pre-archive tag gets
/// 412 and reads the contract again.
pub fn contract_etag(head: &ContractHead) -> String {
    match head.status {
        ContractStatus::Active => format!("\"{}\"", head.version),
        ContractStatus::Archived => format!("\"{}-archived\"", head.version),
    }
}

fn money(d: Decimal) -> Value {
    Value::String(d.to_string())
}

pub fn measurement_json(m: &Measurement) -> Value {
    json!({
        "leaseLiability": money(m.lease_liability),
        "rightOfUseAsset": money(m.right_of_use_asset),
        "periodicRate": money(m.periodic_rate),
    })
}

pub fn remeasurement_json(r: &Remeasurement) -> Value {
    json!({
        "version": r.version,
        "effectiveFrom": r.effective_from,
        "liabilityBefore": money(r.liability_before),
        "liabilityAfter": money(r.liability_after),
        "rightOfUseAssetBefore": money(r.right_of_use_asset_before),
        "rightOfUseAssetAfter": money(r.right_of_use_asset_after),
        "profitOrLoss": money(r.profit_or_loss),
    })
}

fn version_terms(versions: &[ContractVersion]) -> Vec<VersionTerms<'_>> {
    versions
        .iter()
        .map(|v| (v.version, v.effective_from, &v.terms))
        .collect()
}

/// The schedule of a stored contract, across all its versions.
pub fn schedule_of(
    versions: &[ContractVersion],
    settings: &CompanySettings,
) -> Result<Schedule, LeaseError> {
    contract_schedule(&version_terms(versions), settings)
}

/// A list item: the current terms and the initial measurement.
pub fn contract_summary(head: &ContractHead, settings: &CompanySettings) -> Value {
    let mut body = head.to_json();
    match initial_measurement(&head.initial_terms, settings) {
        Ok(m) => body["measurement"] = measurement_json(&m),
        Err(e) => {
            body["measurement"] = Value::Null;
            body["measurementError"] = json!(e.to_string());
        }
    }
    body
}

/// The full representation: current terms, measurement at commencement, and every version
/// with the remeasurement it caused.
pub fn contract_document(
    head: &ContractHead,
    versions: &[ContractVersion],
    settings: &CompanySettings,
) -> Value {
    render_document(head, versions, schedule_of(versions, settings))
}

/// For writes: the representation of terms about to be stored, or the engine's refusal of
/// them (a term that is not whole periods, a change off a period start, …), so that only
/// contracts that can be accounted for are written, and the schedule is computed once.
pub fn accountable_contract_document(
    head: &ContractHead,
    versions: &[ContractVersion],
    settings: &CompanySettings,
) -> Result<Value, LeaseError> {
    let schedule = schedule_of(versions, settings)?;
    Ok(render_document(head, versions, Ok(schedule)))
}

fn render_document(
    head: &ContractHead,
    versions: &[ContractVersion],
    schedule: Result<Schedule, LeaseError>,
) -> Value {
    let mut body = head.to_json();
    let mut summaries: Vec<Value> = versions.iter().map(ContractVersion::summary_json).collect();
    match &schedule {
        Ok(schedule) => {
            body["measurement"] = measurement_json(&schedule.measurement);
            for r in &schedule.remeasurements {
                if let Some(summary) = summaries.iter_mut().find(|s| s["version"] == r.version) {
                    summary["remeasurement"] = remeasurement_json(r);
                }
            }
        }
        // Settings changed since the contract was accepted can make it unschedulable (e.g. an
        // exemption only K3 operating allows); the contract stays readable and says why.
        Err(e) => {
            body["measurement"] = Value::Null;
            body["measurementError"] = json!(e.to_string());
        }
    }
    body["versions"] = Value::Array(summaries);
    body
}

pub const SCHEDULE_COLUMNS: &[&str] = &[
    "period",
    "startDate",
    "endDate",
    "paymentDate",
    "openingLiability",
    "liabilityRemeasurement",
    "interest",
    "payment",
    "closingLiability",
    "openingRightOfUseAsset",
    "rightOfUseAssetRemeasurement",
    "depreciation",
    "closingRightOfUseAsset",
    "expense",
    "version",
];

fn row_cells(row: &ScheduleRow) -> Vec<String> {
    vec![
        row.period.to_string(),
        row.start_date.to_string(),
        row.end_date.to_string(),
        row.payment_date.to_string(),
        row.opening_liability.to_string(),
        row.liability_remeasurement.to_string(),
        row.interest.to_string(),
        row.payment.to_string(),
        row.closing_liability.to_string(),
        row.opening_right_of_use_asset.to_string(),
        row.right_of_use_asset_remeasurement.to_string(),
        row.depreciation.to_string(),
        row.closing_right_of_use_asset.to_string(),
        row.expense.to_string(),
        row.version.to_string(),
    ]
}

pub fn schedule_json(
    contract_id: &str,
    currency: &str,
    settings: &CompanySettings,
    schedule: &Schedule,
) -> Value {
    let rows: Vec<Value> = schedule
        .rows
        .iter()
        .map(|row| {
            let cells = row_cells(row);
            let mut object = serde_json::Map::new();
            for (i, (name, cell)) in SCHEDULE_COLUMNS.iter().zip(cells).enumerate() {
                // period and version are numbers; dates and money are strings.
                let value = if i == 0 || i == SCHEDULE_COLUMNS.len() - 1 {
                    cell.parse::<u64>()
                        .map(Value::from)
                        .unwrap_or(Value::String(cell))
                } else {
                    Value::String(cell)
                };
                object.insert((*name).to_owned(), value);
            }
            Value::Object(object)
        })
        .collect();
    json!({
        "contractId": contract_id,
        "currency": currency,
        "framework": settings.framework_name(),
        "rateConvention": settings.rate_convention,
        "measurement": measurement_json(&schedule.measurement),
        "remeasurements": schedule.remeasurements.iter().map(remeasurement_json).collect::<Vec<_>>(),
        "rows": rows,
    })
}

/// RFC 4180 CSV with a header row; every cell is a number or a date, so nothing needs quoting.
pub fn schedule_csv(schedule: &Schedule) -> String {
    let mut out = SCHEDULE_COLUMNS.join(",");
    out.push_str("\r\n");
    for row in &schedule.rows {
        out.push_str(&row_cells(row).join(","));
        out.push_str("\r\n");
    }
    out
}
