use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use super::terms::Frequency;
use crate::domain::i18n::Message;

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

impl LeaseError {
    /// The refusal in the catalogue's words (`field-rule-lease-…` keys; the English text is the
    /// `Display` one), for the `errors[]` of a 422 in the caller's language.
    pub fn message(&self) -> Message {
        let date = |d: &NaiveDate| d.to_string();
        match self {
            Self::EndBeforeCommencement { commencement, end } => {
                Message::new("field-rule-lease-end-before-commencement")
                    .arg("commencement", date(commencement))
                    .arg("end", date(end))
            }
            Self::TermNotWholePeriods {
                commencement,
                end,
                frequency,
                shorter,
                longer,
            } => Message::new("field-rule-lease-term-not-whole-periods")
                .arg("commencement", date(commencement))
                .arg("end", date(end))
                .arg_message("frequency", frequency_name(*frequency))
                .arg("shorter", date(shorter))
                .arg("longer", date(longer)),
            Self::TermTooLong { months, max } => Message::new("field-rule-lease-term-too-long")
                .arg("months", months)
                .arg("max", max),
            Self::ShortTermTooLong { months } => {
                Message::new("field-rule-lease-short-term-too-long").arg("months", months)
            }
            Self::NonPositiveAmount { field, value } => {
                Message::new("field-rule-lease-amount-not-positive")
                    .arg_message("field", amount_name(field))
                    .arg("value", value)
            }
            Self::NegativeAmount { field, value } => {
                Message::new("field-rule-lease-amount-negative")
                    .arg_message("field", amount_name(field))
                    .arg("value", value)
            }
            Self::TooManyDecimals { field, value } => {
                Message::new("field-rule-lease-amount-too-many-decimals")
                    .arg_message("field", amount_name(field))
                    .arg("value", value)
            }
            Self::AmountTooLarge { field, value, max } => {
                Message::new("field-rule-lease-amount-too-large")
                    .arg_message("field", amount_name(field))
                    .arg("value", value)
                    .arg("max", max)
            }
            Self::TooManySteps { steps, max } => Message::new("field-rule-lease-too-many-steps")
                .arg("steps", steps)
                .arg("max", max),
            Self::TooManyVersions { versions, max } => {
                Message::new("field-rule-lease-too-many-versions")
                    .arg("versions", versions)
                    .arg("max", max)
            }
            Self::RateOutOfRange { rate } => {
                Message::new("field-rule-lease-rate-out-of-range").arg("rate", rate)
            }
            Self::StepsOutOfOrder { step, from } => {
                Message::new("field-rule-lease-steps-out-of-order")
                    .arg("step", step)
                    .arg("from", date(from))
            }
            Self::StepOutsideTerm {
                step,
                from,
                commencement,
                end,
            } => Message::new("field-rule-lease-step-outside-term")
                .arg("step", step)
                .arg("from", date(from))
                .arg("commencement", date(commencement))
                .arg("end", date(end)),
            Self::NegativeRightOfUseAsset { cost } => {
                Message::new("field-rule-lease-negative-right-of-use-asset").arg("cost", cost)
            }
            Self::NoVersions => Message::new("field-rule-lease-no-versions"),
            Self::FirstVersionNotAtCommencement {
                effective_from,
                commencement,
            } => Message::new("field-rule-lease-first-version-not-at-commencement")
                .arg("effectiveFrom", date(effective_from))
                .arg("commencement", date(commencement)),
            Self::VersionsOutOfOrder {
                version,
                effective_from,
                previous,
                previous_effective_from,
            } => Message::new("field-rule-lease-versions-out-of-order")
                .arg("version", version)
                .arg("effectiveFrom", date(effective_from))
                .arg("previous", previous)
                .arg("previousEffectiveFrom", date(previous_effective_from)),
            Self::CommencementChanged {
                version,
                commencement,
            } => Message::new("field-rule-lease-commencement-changed")
                .arg("version", version)
                .arg("commencement", date(commencement)),
            Self::ExemptionChanged { version } => {
                Message::new("field-rule-lease-exemption-changed").arg("version", version)
            }
            Self::EffectiveDateNotPeriodStart {
                version,
                effective_from,
            } => Message::new("field-rule-lease-effective-date-not-period-start")
                .arg("version", version)
                .arg("effectiveFrom", date(effective_from)),
            Self::EffectiveDateOutsideTerm {
                version,
                effective_from,
            } => Message::new("field-rule-lease-effective-date-outside-term")
                .arg("version", version)
                .arg("effectiveFrom", date(effective_from)),
            Self::DateOutOfRange => Message::new("field-rule-lease-date-out-of-range"),
        }
    }
}

/// The catalogue name of a payment frequency, as a sentence uses it.
fn frequency_name(frequency: Frequency) -> Message {
    Message::new(match frequency {
        Frequency::Monthly => "lease-frequency-monthly",
        Frequency::Quarterly => "lease-frequency-quarterly",
        Frequency::SemiAnnual => "lease-frequency-semiannual",
        Frequency::Annual => "lease-frequency-annual",
    })
}

/// The catalogue name of an amount the engine checks (one of the constants below).
fn amount_name(field: &str) -> Message {
    Message::new(match field {
        PAYMENT_AMOUNT => "lease-amount-payment",
        STEP_AMOUNT => "lease-amount-payment-step",
        INITIAL_DIRECT_COSTS => "lease-amount-initial-direct-costs",
        LEASE_INCENTIVES => "lease-amount-lease-incentives",
        RESTORATION_COSTS => "lease-amount-restoration-costs",
        FIRST_INCREASED_FEE => "lease-amount-first-increased-fee",
        _ => "lease-amount-other",
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    /// One refusal of every kind (a new kind belongs here, so its catalogue text is checked).
    fn one_of_each() -> Vec<LeaseError> {
        let amount = Decimal::new(-1005, 2);
        let mut errors = vec![
            LeaseError::EndBeforeCommencement {
                commencement: day("2026-01-01"),
                end: day("2025-12-31"),
            },
            LeaseError::TermTooLong {
                months: 1300,
                max: 1200,
            },
            LeaseError::ShortTermTooLong { months: 13 },
            LeaseError::TooManySteps {
                steps: 241,
                max: 240,
            },
            LeaseError::TooManyVersions {
                versions: 501,
                max: 500,
            },
            LeaseError::RateOutOfRange {
                rate: Decimal::new(1005, 1),
            },
            LeaseError::StepsOutOfOrder {
                step: 2,
                from: day("2027-01-01"),
            },
            LeaseError::StepOutsideTerm {
                step: 1,
                from: day("2031-01-01"),
                commencement: day("2026-01-01"),
                end: day("2030-12-31"),
            },
            LeaseError::NegativeRightOfUseAsset { cost: amount },
            LeaseError::NoVersions,
            LeaseError::FirstVersionNotAtCommencement {
                effective_from: day("2026-02-01"),
                commencement: day("2026-01-01"),
            },
            LeaseError::VersionsOutOfOrder {
                version: 3,
                effective_from: day("2027-01-01"),
                previous: 2,
                previous_effective_from: day("2028-01-01"),
            },
            LeaseError::CommencementChanged {
                version: 2,
                commencement: day("2026-02-01"),
            },
            LeaseError::ExemptionChanged { version: 2 },
            LeaseError::EffectiveDateNotPeriodStart {
                version: 2,
                effective_from: day("2027-01-15"),
            },
            LeaseError::EffectiveDateOutsideTerm {
                version: 2,
                effective_from: day("2031-01-01"),
            },
            LeaseError::DateOutOfRange,
        ];
        for frequency in [
            Frequency::Monthly,
            Frequency::Quarterly,
            Frequency::SemiAnnual,
            Frequency::Annual,
        ] {
            errors.push(LeaseError::TermNotWholePeriods {
                commencement: day("2026-01-01"),
                end: day("2030-12-15"),
                frequency,
                shorter: day("2029-12-31"),
                longer: day("2030-12-31"),
            });
        }
        for field in [
            PAYMENT_AMOUNT,
            STEP_AMOUNT,
            INITIAL_DIRECT_COSTS,
            LEASE_INCENTIVES,
            RESTORATION_COSTS,
            FIRST_INCREASED_FEE,
        ] {
            errors.push(LeaseError::NonPositiveAmount {
                field,
                value: amount,
            });
            errors.push(LeaseError::NegativeAmount {
                field,
                value: amount,
            });
            errors.push(LeaseError::TooManyDecimals {
                field,
                value: amount,
            });
            errors.push(LeaseError::AmountTooLarge {
                field,
                value: amount,
                max: Decimal::new(1, 0),
            });
        }
        errors
    }

    #[test]
    fn the_catalogue_says_in_english_exactly_what_the_error_displays() {
        for error in one_of_each() {
            assert_eq!(error.message().render(Lang::En), error.to_string());
        }
    }

    #[test]
    fn a_swedish_caller_reads_the_refusal_in_swedish_with_its_dates() {
        let error = LeaseError::TermNotWholePeriods {
            commencement: day("2026-01-01"),
            end: day("2030-12-15"),
            frequency: Frequency::Quarterly,
            shorter: day("2030-09-30"),
            longer: day("2030-12-31"),
        };
        assert_eq!(
            error.message().render(Lang::Sv),
            "Löptiden från 2026-01-01 till 2030-12-15 är inte ett helt antal betalningsperioder \
             (kvartalsvis); närmaste giltiga slutdatum är 2030-09-30 och 2030-12-31."
        );
        for error in one_of_each() {
            let swedish = error.message().render(Lang::Sv);
            assert_ne!(swedish, error.to_string());
            assert!(
                !swedish.contains("lease-") && !swedish.contains('{'),
                "{swedish}"
            );
        }
    }
}
