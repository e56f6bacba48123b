use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use super::terms::Frequency;

/// Why a lease could not be measured or scheduled.
///
/// Every message is a complete English sentence meant to be shown as the `detail` of an HTTP 422
/// answer; [`LeaseError::field`] names the API input field it is about, for `errors[]`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LeaseError {
    #[error("The end date {end} is before the commencement date {commencement}.")]
    EndBeforeCommencement {
        commencement: NaiveDate,
        end: NaiveDate,
    },

    #[error(
        "The lease term from {commencement} to {end} is not a whole number of {frequency} payment \
         periods; the nearest valid end dates are {shorter} and {longer}."
    )]
    TermNotWholePeriods {
        commencement: NaiveDate,
        end: NaiveDate,
        frequency: Frequency,
        shorter: NaiveDate,
        longer: NaiveDate,
    },

    #[error(
        "The lease term of {months} months is longer than the supported maximum of {max} months."
    )]
    TermTooLong { months: u32, max: u32 },

    #[error(
        "A short-term exemption needs a lease term of at most 12 months; this term is {months} months."
    )]
    ShortTermTooLong { months: u32 },

    #[error("The {field} must be greater than zero; it is {value}.")]
    NonPositiveAmount { field: &'static str, value: Decimal },

    #[error("The {field} must not be negative; it is {value}.")]
    NegativeAmount { field: &'static str, value: Decimal },

    #[error("The {field} must have at most 2 decimal places; it is {value}.")]
    TooManyDecimals { field: &'static str, value: Decimal },

    #[error("The {field} of {value} is larger than the supported maximum of {max}.")]
    AmountTooLarge {
        field: &'static str,
        value: Decimal,
        max: Decimal,
    },

    #[error("A lease has at most {max} payment steps; this one has {steps}.")]
    TooManySteps { steps: usize, max: usize },

    #[error("A contract has at most {max} versions; this one would have {versions}.")]
    TooManyVersions { versions: usize, max: u32 },

    #[error("The discount rate must be between 0 and 100 percent; it is {rate} percent.")]
    RateOutOfRange { rate: Decimal },

    #[error(
        "Payment step {step} (from {from}) must start after the previous step; steps must be in \
         ascending date order."
    )]
    StepsOutOfOrder { step: usize, from: NaiveDate },

    #[error(
        "Payment step {step} starts on {from}, outside the lease term {commencement} to {end}."
    )]
    StepOutsideTerm {
        step: usize,
        from: NaiveDate,
        commencement: NaiveDate,
        end: NaiveDate,
    },

    #[error(
        "The lease incentives exceed the cost of the right-of-use asset, which would be {cost}."
    )]
    NegativeRightOfUseAsset { cost: Decimal },

    #[error("A schedule needs at least one contract version.")]
    NoVersions,

    #[error(
        "The first version must be effective from the commencement date {commencement}, not \
         {effective_from}."
    )]
    FirstVersionNotAtCommencement {
        effective_from: NaiveDate,
        commencement: NaiveDate,
    },

    #[error(
        "Versions are out of order: version {version} (effective {effective_from}) must have a \
         higher number and a later effective date than version {previous} (effective \
         {previous_effective_from})."
    )]
    VersionsOutOfOrder {
        version: u32,
        effective_from: NaiveDate,
        previous: u32,
        previous_effective_from: NaiveDate,
    },

    #[error(
        "Version {version} changes the commencement date to {commencement}; the commencement date \
         of a lease cannot change, register a new lease instead."
    )]
    CommencementChanged {
        version: u32,
        commencement: NaiveDate,
    },

    #[error(
        "Version {version} changes the short-term or low-value exemption; register a new lease \
         instead."
    )]
    ExemptionChanged { version: u32 },

    #[error(
        "The effective date {effective_from} of version {version} is not the start of a payment \
         period."
    )]
    EffectiveDateNotPeriodStart {
        version: u32,
        effective_from: NaiveDate,
    },

    #[error(
        "The effective date {effective_from} of version {version} is outside the lease term; it \
         must be after the commencement date and no later than the end date."
    )]
    EffectiveDateOutsideTerm {
        version: u32,
        effective_from: NaiveDate,
    },

    #[error("The dates of this lease are outside the supported calendar range.")]
    DateOutOfRange,
}

impl LeaseError {
    /// The API input field (camelCase path as in the contract JSON) the error is about, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::EndBeforeCommencement { .. }
            | Self::TermNotWholePeriods { .. }
            | Self::TermTooLong { .. }
            | Self::ShortTermTooLong { .. } => Some("endDate"),
            Self::NonPositiveAmount { field, .. }
            | Self::NegativeAmount { field, .. }
            | Self::TooManyDecimals { field, .. }
            | Self::AmountTooLarge { field, .. } => Some(api_field(field)),
            Self::RateOutOfRange { .. } => Some("discountRate"),
            Self::StepsOutOfOrder { .. }
            | Self::StepOutsideTerm { .. }
            | Self::TooManySteps { .. } => Some("payment.steps"),
            Self::NegativeRightOfUseAsset { .. } => Some("leaseIncentives"),
            Self::CommencementChanged { .. } => Some("commencementDate"),
            Self::ExemptionChanged { .. } => Some("exemption"),
            Self::FirstVersionNotAtCommencement { .. }
            | Self::VersionsOutOfOrder { .. }
            | Self::EffectiveDateNotPeriodStart { .. }
            | Self::EffectiveDateOutsideTerm { .. } => Some("effectiveFrom"),
            Self::NoVersions | Self::TooManyVersions { .. } | Self::DateOutOfRange => None,
        }
    }
}

// Messages use plain-English field names; the API wants the JSON path.
fn api_field(field: &str) -> &'static str {
    match field {
        PAYMENT_AMOUNT => "payment.amount",
        STEP_AMOUNT => "payment.steps",
        INITIAL_DIRECT_COSTS => "initialDirectCosts",
        LEASE_INCENTIVES => "leaseIncentives",
        RESTORATION_COSTS => "restorationCosts",
        FIRST_INCREASED_FEE => "firstIncreasedFee",
        _ => "payment",
    }
}

pub(crate) const PAYMENT_AMOUNT: &str = "payment amount";
pub(crate) const STEP_AMOUNT: &str = "payment step amount";
pub(crate) const INITIAL_DIRECT_COSTS: &str = "initial direct costs";
pub(crate) const LEASE_INCENTIVES: &str = "lease incentives";
pub(crate) const RESTORATION_COSTS: &str = "restoration costs";
pub(crate) const FIRST_INCREASED_FEE: &str = "first increased fee";
