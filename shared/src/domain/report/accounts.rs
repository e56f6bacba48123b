//! The company's chart of accounts for the report's journal entries: a code per
//! [`AccountRole`], Swedish BAS by default, each default with its reason.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::i18n::Message;
use crate::domain::validation::{FieldError, FieldErrorKind};

/// What a journal line books.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccountRole {
    RightOfUseAsset,
    AccumulatedDepreciation,
    LeaseLiabilityNonCurrent,
    LeaseLiabilityCurrent,
    Depreciation,
    Interest,
    LeaseExpense,
    RemeasurementGain,
    RemeasurementLoss,
    Payments,
    FxDifference,
}

impl AccountRole {
    /// Every role, in the order the journal lists its lines.
    pub const ALL: [AccountRole; 11] = [
        AccountRole::RightOfUseAsset,
        AccountRole::AccumulatedDepreciation,
        AccountRole::LeaseLiabilityNonCurrent,
        AccountRole::LeaseLiabilityCurrent,
        AccountRole::Depreciation,
        AccountRole::Interest,
        AccountRole::LeaseExpense,
        AccountRole::RemeasurementGain,
        AccountRole::RemeasurementLoss,
        AccountRole::Payments,
        AccountRole::FxDifference,
    ];

    /// The role's key in the `accounts` settings object and in the report's JSON (`role`).
    pub fn key(self) -> &'static str {
        match self {
            AccountRole::RightOfUseAsset => "rightOfUseAsset",
            AccountRole::AccumulatedDepreciation => "accumulatedDepreciation",
            AccountRole::LeaseLiabilityNonCurrent => "leaseLiabilityNonCurrent",
            AccountRole::LeaseLiabilityCurrent => "leaseLiabilityCurrent",
            AccountRole::Depreciation => "depreciation",
            AccountRole::Interest => "interest",
            AccountRole::LeaseExpense => "leaseExpense",
            AccountRole::RemeasurementGain => "remeasurementGain",
            AccountRole::RemeasurementLoss => "remeasurementLoss",
            AccountRole::Payments => "payments",
            AccountRole::FxDifference => "fxDifference",
        }
    }

    /// The message-catalogue key of the role's label (`report.ftl`).
    pub fn label_key(self) -> &'static str {
        match self {
            AccountRole::RightOfUseAsset => "report-account-right-of-use-asset",
            AccountRole::AccumulatedDepreciation => "report-account-accumulated-depreciation",
            AccountRole::LeaseLiabilityNonCurrent => "report-account-lease-liability-non-current",
            AccountRole::LeaseLiabilityCurrent => "report-account-lease-liability-current",
            AccountRole::Depreciation => "report-account-depreciation",
            AccountRole::Interest => "report-account-interest",
            AccountRole::LeaseExpense => "report-account-lease-expense",
            AccountRole::RemeasurementGain => "report-account-remeasurement-gain",
            AccountRole::RemeasurementLoss => "report-account-remeasurement-loss",
            AccountRole::Payments => "report-account-payments",
            AccountRole::FxDifference => "report-account-fx-difference",
        }
    }

    fn from_key(key: &str) -> Option<AccountRole> {
        AccountRole::ALL.into_iter().find(|role| role.key() == key)
    }
}

/// An account code per role; stored in the company settings as `accounts`.
///
/// The defaults are Swedish BAS (BAS 2024). BAS has no accounts named for IFRS 16, so each
/// default is the BAS account whose group the item belongs to; a company with its own
/// sub-accounts (or another chart) sets them with `PATCH /company/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accounts {
    pub right_of_use_asset: String,
    pub accumulated_depreciation: String,
    pub lease_liability_non_current: String,
    pub lease_liability_current: String,
    pub depreciation: String,
    pub interest: String,
    pub lease_expense: String,
    pub remeasurement_gain: String,
    pub remeasurement_loss: String,
    pub payments: String,
    pub fx_difference: String,
}

impl Default for Accounts {
    fn default() -> Accounts {
        Accounts {
            // 1260 "Leasade tillgångar": BAS's account for assets held under a lease that is
            // on the balance sheet (K3 finance leases), which is what a right-of-use asset is.
            right_of_use_asset: "1260".to_owned(),
            // 1269 "Ackumulerade avskrivningar på leasade tillgångar": BAS's contra account of
            // 1260, so cost and accumulated depreciation stay apart as in the notes.
            accumulated_depreciation: "1269".to_owned(),
            // 2390 "Övriga långfristiga skulder": BAS has no lease-liability account, and a
            // lease liability is no debt to a credit institution (23x0), so the long-term group
            // for other liabilities.
            lease_liability_non_current: "2390".to_owned(),
            // 2890 "Övriga kortfristiga skulder": the short-term counterpart of 2390 for the
            // principal falling due within 12 months.
            lease_liability_current: "2890".to_owned(),
            // 7830 "Avskrivningar på maskiner och inventarier": BAS books depreciation of the
            // 12xx assets, 1260 among them, in this group.
            depreciation: "7830".to_owned(),
            // 8410 "Räntekostnader för långfristiga skulder": the interest unwinds the lease
            // liability, a long-term liability (2390).
            interest: "8410".to_owned(),
            // 5010 "Lokalhyra": the straight-line expense of K3 operating leases is, by amount,
            // mostly premises rent, which a K3 company already books here; a company leasing
            // mostly equipment sets 5220 "Hyra av inventarier och verktyg" instead.
            lease_expense: "5010".to_owned(),
            // 3970 "Vinst vid avyttring av immateriella och materiella anläggningstillgångar":
            // a termination derecognises the asset like a disposal; the §39 gain joins it.
            remeasurement_gain: "3970".to_owned(),
            // 7970 "Förlust vid avyttring av immateriella och materiella
            // anläggningstillgångar": the loss side of 3970.
            remeasurement_loss: "7970".to_owned(),
            // 2440 "Leverantörsskulder": the lessor's invoice passes through accounts payable;
            // the payment line takes the place of the cost account the invoice would hit.
            payments: "2440".to_owned(),
            // 8430 "Valutakursdifferenser på skulder": the translation difference arises on the
            // lease liability in a foreign currency (the asset's share rides along with it).
            fx_difference: "8430".to_owned(),
        }
    }
}

/// The longest account code: room for dotted or dashed sub-accounts of other charts.
pub const ACCOUNT_CODE_MAX: usize = 20;

/// Whether `code` is 1–[`ACCOUNT_CODE_MAX`] ASCII letters, digits, `.` or `-`: Nordic charts
/// are not all four digits, but a code is no free text either.
pub fn is_account_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= ACCOUNT_CODE_MAX
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

impl Accounts {
    /// The code booked for `role`.
    pub fn code(&self, role: AccountRole) -> &str {
        self.slot(role)
    }

    fn slot(&self, role: AccountRole) -> &String {
        match role {
            AccountRole::RightOfUseAsset => &self.right_of_use_asset,
            AccountRole::AccumulatedDepreciation => &self.accumulated_depreciation,
            AccountRole::LeaseLiabilityNonCurrent => &self.lease_liability_non_current,
            AccountRole::LeaseLiabilityCurrent => &self.lease_liability_current,
            AccountRole::Depreciation => &self.depreciation,
            AccountRole::Interest => &self.interest,
            AccountRole::LeaseExpense => &self.lease_expense,
            AccountRole::RemeasurementGain => &self.remeasurement_gain,
            AccountRole::RemeasurementLoss => &self.remeasurement_loss,
            AccountRole::Payments => &self.payments,
            AccountRole::FxDifference => &self.fx_difference,
        }
    }

    fn slot_mut(&mut self, role: AccountRole) -> &mut String {
        match role {
            AccountRole::RightOfUseAsset => &mut self.right_of_use_asset,
            AccountRole::AccumulatedDepreciation => &mut self.accumulated_depreciation,
            AccountRole::LeaseLiabilityNonCurrent => &mut self.lease_liability_non_current,
            AccountRole::LeaseLiabilityCurrent => &mut self.lease_liability_current,
            AccountRole::Depreciation => &mut self.depreciation,
            AccountRole::Interest => &mut self.interest,
            AccountRole::LeaseExpense => &mut self.lease_expense,
            AccountRole::RemeasurementGain => &mut self.remeasurement_gain,
            AccountRole::RemeasurementLoss => &mut self.remeasurement_loss,
            AccountRole::Payments => &mut self.payments,
            AccountRole::FxDifference => &mut self.fx_difference,
        }
    }

    /// `current` with the `accounts` object of a `PATCH /company/settings` applied: only the
    /// roles it names change, a `null` puts a role back to its BAS default. Unknown keys and
    /// non-strings are shape errors (400); a string that is no account code (see
    /// [`is_account_code`]) is a rule error (422) naming `accounts.<key>`.
    pub fn parse_patch(current: &Accounts, value: &Value) -> Result<Accounts, Vec<FieldError>> {
        let Value::Object(map) = value else {
            return Err(vec![FieldError {
                field: "accounts".to_owned(),
                kind: FieldErrorKind::WrongType("object"),
            }]);
        };
        let mut accounts = current.clone();
        let defaults = Accounts::default();
        let mut errors = Vec::new();
        for (key, code) in map {
            let field = format!("accounts.{key}");
            let Some(role) = AccountRole::from_key(key) else {
                errors.push(FieldError {
                    field,
                    kind: FieldErrorKind::Unknown,
                });
                continue;
            };
            match code {
                Value::Null => *accounts.slot_mut(role) = defaults.slot(role).clone(),
                Value::String(code) if is_account_code(code) => {
                    *accounts.slot_mut(role) = code.clone();
                }
                Value::String(_) => errors.push(FieldError {
                    field,
                    kind: FieldErrorKind::Rule(
                        Message::new("field-rule-account-code").arg("max", ACCOUNT_CODE_MAX),
                    ),
                }),
                _ => errors.push(FieldError {
                    field,
                    kind: FieldErrorKind::WrongType("string"),
                }),
            }
        }
        if errors.is_empty() {
            Ok(accounts)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_match_the_json_names_and_every_role_has_a_distinct_default() {
        let defaults = Accounts::default();
        let json = serde_json::to_value(&defaults).expect("accounts serialise");
        let mut codes = Vec::new();
        for role in AccountRole::ALL {
            assert_eq!(json[role.key()], json!(defaults.code(role)), "{role:?}");
            assert!(is_account_code(defaults.code(role)));
            assert!(role.label_key().starts_with("report-account-"));
            codes.push(defaults.code(role));
        }
        assert_eq!(
            json.as_object().map(|o| o.len()),
            Some(AccountRole::ALL.len())
        );
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AccountRole::ALL.len());
    }

    #[test]
    fn a_patch_changes_only_the_named_roles_and_null_restores_the_default() {
        let current = Accounts {
            interest: "8420".to_owned(),
            ..Accounts::default()
        };
        let patched = Accounts::parse_patch(
            &current,
            &json!({"depreciation": "7836", "interest": null, "payments": "1930.1-A"}),
        )
        .expect("a valid patch");
        assert_eq!(patched.depreciation, "7836");
        assert_eq!(patched.interest, "8410");
        assert_eq!(patched.payments, "1930.1-A");
        assert_eq!(patched.right_of_use_asset, "1260");
    }

    #[test]
    fn unknown_keys_wrong_types_and_bad_codes_are_named() {
        let errors = Accounts::parse_patch(
            &Accounts::default(),
            &json!({"rent": "5010", "interest": 8410, "depreciation": "78 30",
                    "payments": "", "fxDifference": "123456789012345678901"}),
        )
        .expect_err("an invalid patch");
        let find = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.kind.clone())
        };
        assert_eq!(find("accounts.rent"), Some(FieldErrorKind::Unknown));
        assert_eq!(
            find("accounts.interest"),
            Some(FieldErrorKind::WrongType("string"))
        );
        for field in [
            "accounts.depreciation",
            "accounts.payments",
            "accounts.fxDifference",
        ] {
            assert!(
                matches!(find(field), Some(FieldErrorKind::Rule(_))),
                "{field}: {errors:?}"
            );
        }
        assert_eq!(errors.len(), 5);
        let not_object = Accounts::parse_patch(&Accounts::default(), &json!(["1260"]))
            .expect_err("not an object");
        assert_eq!(not_object[0].kind, FieldErrorKind::WrongType("object"));
    }

    #[test]
    fn a_twenty_character_code_is_accepted() {
        assert!(is_account_code("12345678901234567890"));
        assert!(!is_account_code("123456789012345678901"));
        assert!(!is_account_code("1260 "));
        assert!(!is_account_code("12ä0"));
    }
}
