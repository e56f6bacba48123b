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
