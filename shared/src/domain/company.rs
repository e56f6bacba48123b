//! Company settings that decide how leases are accounted for.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::contract::money_currency;
use super::currency::Currency;
use super::lease::{Framework, RateConvention};
use super::report::Accounts;
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
    /// Percent points over the government yield that `GET /contracts/{id}/ibr-suggestion`
    /// adds (1.5 = 150 basis points). 0 for a company that never set it, and for settings
    /// stored before it existed.
    #[serde(default)]
    pub credit_spread: Decimal,
    /// The currency reports are in unless a request names another (API.md "Reports").
    #[serde(default = "default_reporting_currency")]
    pub reporting_currency: Currency,
    /// The account code of each journal-entry role (Swedish BAS unless changed).
    #[serde(default)]
    pub accounts: Accounts,
    /// Optimistic-lock version, the ETag of `GET /company/settings`.
    pub version: u32,
}

/// Swedish kronor: the product is built for Swedish companies first (BAS, K3); a company
/// elsewhere sets its own.
pub fn default_reporting_currency() -> Currency {
    Currency::sek()
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
            credit_spread: Decimal::ZERO,
            reporting_currency: default_reporting_currency(),
            accounts: Accounts::default(),
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

/// The credit spread a company may set, in percent points: a spread above 20 points is no
/// borrowing rate a lease would be measured at, and more than 4 decimals (a hundredth of a
/// basis point) is precision no lender quotes.
pub const MAX_CREDIT_SPREAD: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
pub const CREDIT_SPREAD_DECIMALS: u32 = 4;

/// A credit spread as given: 0–[`MAX_CREDIT_SPREAD`] with at most
/// [`CREDIT_SPREAD_DECIMALS`] places, kept with the scale the client wrote ("1.50").
fn checked_credit_spread(field: &str, spread: Decimal, errors: &mut Errors) -> Option<Decimal> {
    if spread < Decimal::ZERO || spread > MAX_CREDIT_SPREAD {
        errors.push(
            field,
            FieldErrorKind::OutOfRange("0".into(), MAX_CREDIT_SPREAD.to_string()),
        );
        return None;
    }
    if spread.scale() > CREDIT_SPREAD_DECIMALS {
        errors.push(
            field,
            FieldErrorKind::TooManyDecimals(CREDIT_SPREAD_DECIMALS),
        );
        return None;
    }
    // "-0" is zero; it would otherwise be answered with its sign.
    let mut spread = spread;
    spread.set_sign_positive(true);
    Some(spread)
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
            "creditSpread",
            "reportingCurrency",
            "accounts",
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
        if let Some(Some(spread)) = obj.optional_decimal("creditSpread", &mut errors)
            && let Some(spread) =
                checked_credit_spread(&obj.path("creditSpread"), spread, &mut errors)
        {
            settings.credit_spread = spread;
        }
        if obj.get("reportingCurrency").is_some()
            && let Some(currency) = money_currency(&obj, "reportingCurrency", &mut errors)
        {
            settings.reporting_currency = currency;
        }
        if let Some(accounts) = obj.get("accounts") {
            match Accounts::parse_patch(&current.accounts, accounts) {
                Ok(accounts) => settings.accounts = accounts,
                Err(list) => errors.list.extend(list),
            }
        }
        let changed_fields: Vec<String> = fields
            .iter()
            .filter(|f| obj.get(f).is_some())
            .map(|f| (*f).to_owned())
            .collect();
        if changed_fields.is_empty() && errors.is_empty() {
            errors.push(
                "(body)",
                FieldErrorKind::rule("field-rule-settings-change-names-nothing"),
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

    fn spread_errors(value: Value) -> Vec<FieldError> {
        let current = CompanySettings::defaults("AB");
        SettingsChange::parse(&json!({"creditSpread": value, "reason": "r"}), &current)
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn the_credit_spread_defaults_to_zero_and_takes_a_decimal_string_or_number() {
        let current = CompanySettings::defaults("AB");
        assert_eq!(current.credit_spread, Decimal::ZERO);
        for (given, kept) in [
            (json!("1.50"), "1.50"),
            (json!(1.5), "1.5"),
            (json!("0"), "0"),
            (json!(20), "20"),
            (json!("19.9999"), "19.9999"),
            (json!("-0"), "0"),
        ] {
            let change = SettingsChange::parse(
                &json!({"creditSpread": given, "reason": "bank offer"}),
                &current,
            )
            .expect("valid");
            assert_eq!(change.settings.credit_spread.to_string(), kept, "{given}");
            assert_eq!(change.changed_fields, vec!["creditSpread".to_owned()]);
        }
    }

    #[test]
    fn a_credit_spread_outside_0_to_20_or_finer_than_4_places_is_a_rule_error() {
        for value in [json!("-0.01"), json!("20.0001"), json!(21), json!(-1)] {
            let errors = spread_errors(value.clone());
            assert_eq!(errors.len(), 1, "{value}");
            assert_eq!(errors[0].field, "creditSpread");
            assert_eq!(
                errors[0].kind,
                FieldErrorKind::OutOfRange("0".into(), "20".into()),
                "{value}"
            );
        }
        let errors = spread_errors(json!("1.23456"));
        assert_eq!(errors[0].kind, FieldErrorKind::TooManyDecimals(4));
        assert!(!errors[0].kind.is_shape(), "a rule: 422");
    }

    #[test]
    fn a_credit_spread_that_is_no_number_is_a_shape_error() {
        for value in [json!("1,5"), json!("abc"), json!(true), json!(["1"])] {
            let errors = spread_errors(value.clone());
            assert_eq!(errors.len(), 1, "{value}");
            assert!(errors[0].kind.is_shape(), "{value}: 400");
            assert_eq!(errors[0].field, "creditSpread");
        }
    }

    #[test]
    fn settings_stored_before_the_credit_spread_existed_still_load() {
        let stored = json!({
            "name": "AB", "rateConvention": "effective", "accountingFramework": "ifrs16",
            "k3LeaseTreatment": "operating", "mfaRequired": false, "version": 3
        });
        let settings: CompanySettings = serde_json::from_value(stored).expect("loads");
        assert_eq!(settings.credit_spread, Decimal::ZERO);
        let answered = serde_json::to_value(&settings).expect("json");
        assert_eq!(answered["creditSpread"], "0");
    }

    #[test]
    fn the_reporting_currency_defaults_to_sek_and_takes_a_two_decimal_iso_code() {
        let current = CompanySettings::defaults("AB");
        assert_eq!(current.reporting_currency.as_str(), "SEK");
        let change = SettingsChange::parse(
            &json!({"reportingCurrency": "EUR", "reason": "group reports in euro"}),
            &current,
        )
        .expect("valid");
        assert_eq!(change.settings.reporting_currency.as_str(), "EUR");
        assert_eq!(change.changed_fields, vec!["reportingCurrency".to_owned()]);
        for (given, refusal) in [
            (json!("JPY"), FieldErrorKind::UnsupportedCurrency(0)),
            (json!("XXX"), FieldErrorKind::UnknownCurrency),
            (json!(752), FieldErrorKind::WrongType("string")),
        ] {
            let errors = SettingsChange::parse(
                &json!({"reportingCurrency": given, "reason": "r"}),
                &current,
            )
            .err()
            .unwrap_or_default();
            assert_eq!(errors.len(), 1, "{given}");
            assert_eq!(errors[0].field, "reportingCurrency");
            assert_eq!(errors[0].kind, refusal, "{given}");
        }
    }

    #[test]
    fn settings_stored_before_reporting_existed_read_with_the_defaults() {
        let stored = json!({"name": "AB", "rateConvention": "effective",
            "accountingFramework": "ifrs16", "k3LeaseTreatment": "operating",
            "mfaRequired": false, "version": 3});
        let settings: CompanySettings = serde_json::from_value(stored).expect("old settings");
        assert_eq!(settings.reporting_currency.as_str(), "SEK");
        assert_eq!(settings.accounts, Accounts::default());
    }
}
