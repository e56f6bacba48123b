//! The company's chart of accounts for the report's journal entries (R1 writes this): a code
//! per [`AccountRole`], Swedish BAS by default, each default with its reason.

use serde::{Deserialize, Serialize};

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

/// An account code per role; stored in the company settings as `accounts`.
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

/// The lead's minimal version until R1's lands (R1 replaces this block with the documented
/// defaults).
impl Default for Accounts {
    fn default() -> Accounts {
        Accounts {
            right_of_use_asset: "1260".into(),
            accumulated_depreciation: "1269".into(),
            lease_liability_non_current: "2390".into(),
            lease_liability_current: "2890".into(),
            depreciation: "7830".into(),
            interest: "8410".into(),
            lease_expense: "5010".into(),
            remeasurement_gain: "3970".into(),
            remeasurement_loss: "7970".into(),
            payments: "2440".into(),
            fx_difference: "8430".into(),
        }
    }
}

impl Accounts {
    pub fn parse_patch(
        current: &Accounts,
        value: &serde_json::Value,
    ) -> Result<Accounts, Vec<crate::domain::validation::FieldError>> {
        let _ = value;
        Ok(current.clone())
    }
}
