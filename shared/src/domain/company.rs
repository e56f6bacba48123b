//! Company settings that decide how leases are accounted for.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::lease::{Framework, RateConvention};
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountingFramework {
    /// IFRS 16 (listed groups, consolidated accounts).
    #[default]
    Ifrs16,
    /// K3, BFNAR 2012:1 chapter 20.
    K3,
}

/// How K3 treats the company's leases: legal entities may keep every lease off the balance
/// sheet as an operating lease; consolidated K3 accounts treat finance leases like IFRS 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum K3LeaseTreatment {
    #[default]
    Operating,
    Finance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanySettings {
    pub name: String,
    pub rate_convention: RateConvention,
    pub accounting_framework: AccountingFramework,
    pub k3_lease_treatment: K3LeaseTreatment,
    /// Every user must have TOTP: those without get 403 `mfa_enrollment_required` (except on
    /// the enrolment routes) and their password login answers `MFA_SETUP`.
    pub mfa_required: bool,
    /// Optimistic-lock version, the ETag of `GET /company/settings`.
    pub version: u32,
}

impl CompanySettings {
    /// What a company has before anyone changed its settings: IFRS 16 with the effective rate.
    pub fn defaults(name: &str) -> CompanySettings {
        CompanySettings {
            name: name.to_owned(),
            rate_convention: RateConvention::default(),
            accounting_framework: AccountingFramework::default(),
            k3_lease_treatment: K3LeaseTreatment::default(),
            mfa_required: false,
            version: 1,
        }
    }

    /// The engine's framework for these settings.
    pub fn framework(&self) -> Framework {
        match (self.accounting_framework, self.k3_lease_treatment) {
            (AccountingFramework::Ifrs16, _) => Framework::Ifrs16,
            (AccountingFramework::K3, K3LeaseTreatment::Operating) => Framework::K3Operating,
            (AccountingFramework::K3, K3LeaseTreatment::Finance) => Framework::K3Finance,
        }
    }

    pub fn framework_name(&self) -> &'static str {
        match self.framework() {
            Framework::Ifrs16 => "ifrs16",
            Framework::K3Operating => "k3-operating",
            Framework::K3Finance => "k3-finance",
        }
    }
}

/// A parsed `PATCH /company/settings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChange {
    pub settings: CompanySettings,
    pub reason: String,
    pub changed_fields: Vec<String>,
}

const CONVENTIONS: &[&str] = &["effective", "nominal"];
const CONVENTION_VALUES: &[RateConvention] = &[RateConvention::Effective, RateConvention::Nominal];
const FRAMEWORKS: &[&str] = &["ifrs16", "k3"];
const FRAMEWORK_VALUES: &[AccountingFramework] =
    &[AccountingFramework::Ifrs16, AccountingFramework::K3];
const TREATMENTS: &[&str] = &["operating", "finance"];
const TREATMENT_VALUES: &[K3LeaseTreatment] =
    &[K3LeaseTreatment::Operating, K3LeaseTreatment::Finance];

impl SettingsChange {
    pub fn parse(
        body: &Value,
        current: &CompanySettings,
    ) -> Result<SettingsChange, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        let fields = [
            "name",
            "rateConvention",
            "accountingFramework",
            "k3LeaseTreatment",
            "mfaRequired",
        ];
        let mut allowed = fields.to_vec();
        allowed.push("reason");
        obj.reject_unknown(&allowed, &mut errors);
        let reason = obj.string("reason", 1000, &mut errors);
        let mut settings = current.clone();
        if obj.get("name").is_some()
            && let Some(name) = obj.string("name", 200, &mut errors)
        {
            settings.name = name;
        }
        if let Some(Some(v)) = obj.optional_one_of(
            "rateConvention",
            CONVENTIONS,
            CONVENTION_VALUES,
            &mut errors,
        ) {
            settings.rate_convention = v;
        }
        if let Some(Some(v)) = obj.optional_one_of(
            "accountingFramework",
            FRAMEWORKS,
            FRAMEWORK_VALUES,
            &mut errors,
        ) {
            settings.accounting_framework = v;
        }
        if let Some(Some(v)) = obj.optional_one_of(
            "k3LeaseTreatment",
            TREATMENTS,
            TREATMENT_VALUES,
            &mut errors,
        ) {
            settings.k3_lease_treatment = v;
        }
        if let Some(Some(required)) = obj.optional_bool("mfaRequired", &mut errors) {
            settings.mfa_required = required;
        }
        let changed_fields: Vec<String> = fields
            .iter()
            .filter(|f| obj.get(f).is_some())
            .map(|f| (*f).to_owned())
            .collect();
        if changed_fields.is_empty() && errors.is_empty() {
            errors.push(
                "(body)",
                FieldErrorKind::Rule("name at least one setting to change".into()),
            );
        }
        match reason {
            Some(reason) if errors.is_empty() => Ok(SettingsChange {
                settings,
                reason,
                changed_fields,
            }),
            _ => Err(errors.list),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn k3_operating_is_chosen_by_framework_and_treatment() {
        let mut settings = CompanySettings::defaults("AB");
        assert_eq!(settings.framework(), Framework::Ifrs16);
        settings.accounting_framework = AccountingFramework::K3;
        assert_eq!(settings.framework(), Framework::K3Operating);
        settings.k3_lease_treatment = K3LeaseTreatment::Finance;
        assert_eq!(settings.framework(), Framework::K3Finance);
    }

    #[test]
    fn a_settings_change_needs_a_reason_and_known_values() {
        let current = CompanySettings::defaults("AB");
        let change = SettingsChange::parse(
            &json!({"rateConvention": "nominal", "reason": "policy"}),
            &current,
        )
        .expect("valid");
        assert_eq!(change.settings.rate_convention, RateConvention::Nominal);
        assert_eq!(change.changed_fields, vec!["rateConvention".to_owned()]);
        assert!(SettingsChange::parse(&json!({"rateConvention": "nominal"}), &current).is_err());
        assert!(
            SettingsChange::parse(
                &json!({"rateConvention": "simple", "reason": "r"}),
                &current
            )
            .is_err()
        );
        assert!(
            SettingsChange::parse(&json!({"currency": "SEK", "reason": "r"}), &current).is_err()
        );
    }
}
