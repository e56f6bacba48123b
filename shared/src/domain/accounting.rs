//! The bridge from contract versions to the lease engine: terms conversion, the measurement
//! and remeasurements a contract response shows, and engine errors as field errors.

use chrono::NaiveDate;

use super::company::CompanySettings;
use super::contract::ContractTerms;
use super::lease::{self, LeaseError, LeaseTerms, Measurement, Schedule};
use super::validation::{FieldError, FieldErrorKind};

impl ContractTerms {
    pub fn lease_terms(&self) -> LeaseTerms {
        LeaseTerms {
            commencement: self.commencement_date,
            end: self.end_date,
            amount: self.payment.amount,
            frequency: self.payment.frequency,
            timing: self.payment.timing,
            steps: self.payment.steps.clone(),
            annual_rate_percent: self.discount_rate,
            initial_direct_costs: self.initial_direct_costs,
            lease_incentives: self.lease_incentives,
            restoration_costs: self.restoration_costs,
            first_increased_fee: self.first_increased_fee,
            exemption: self.exemption,
        }
    }
}

/// One version as the engine needs it: number, effective date, terms.
pub type VersionTerms<'a> = (u32, NaiveDate, &'a ContractTerms);

/// The whole timeline of a contract under the company's settings.
pub fn contract_schedule(
    versions: &[VersionTerms<'_>],
    settings: &CompanySettings,
) -> Result<Schedule, LeaseError> {
    let versions: Vec<lease::Version> = versions
        .iter()
        .map(|(number, effective_from, terms)| lease::Version {
            number: *number,
            effective_from: *effective_from,
            terms: terms.lease_terms(),
        })
        .collect();
    lease::schedule(&versions, settings.rate_convention, settings.framework())
}

/// The initial measurement (IFRS 16 §23–28) of the first version's terms.
pub fn initial_measurement(
    initial_terms: &ContractTerms,
    settings: &CompanySettings,
) -> Result<Measurement, LeaseError> {
    lease::measure_under(
        &initial_terms.lease_terms(),
        settings.rate_convention,
        settings.framework(),
    )
}

/// An engine refusal as the field error a 422 lists.
pub fn lease_field_errors(error: &LeaseError) -> Vec<FieldError> {
    vec![FieldError {
        field: error.field().unwrap_or("(body)").to_owned(),
        kind: FieldErrorKind::Rule(error.message()),
    }]
}
