//! The company item: its name and accounting settings.

use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem};

use super::keys::{COMPANY_SK, company_pk};
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use crate::domain::company::CompanySettings;
use crate::domain::currency::Currency;

fn enum_attr<T: serde::de::DeserializeOwned>(item: &Item, name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(get_s(item, name)?.to_owned())).ok()
}

fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The condition "the stored settings are at `version`": a company without a settings item (or
/// one written before settings had versions) reads as version 1.
fn settings_at(version: u32) -> &'static str {
    if version == 1 {
        "attribute_not_exists(#version) OR #version = :expected"
    } else {
        "#version = :expected"
    }
}

impl Store {
    /// The key of the company's settings, to read them ahead with [`Store::batch_get`].
    pub fn company_settings_key(&self, company_id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), COMPANY_SK.to_owned())
    }

    /// The company's settings; a company nobody configured yet has the defaults.
    pub async fn company_settings(&self, company_id: &str) -> Result<CompanySettings, StoreError> {
        let item = self
            .data_item(company_pk(company_id), COMPANY_SK.to_owned())
            .await?;
        let Some(item) = item else {
            return Ok(CompanySettings::defaults(""));
        };
        let defaults = CompanySettings::defaults(get_s(&item, "name").unwrap_or_default());
        Ok(CompanySettings {
            rate_convention: enum_attr(&item, "rateConvention").unwrap_or(defaults.rate_convention),
            accounting_framework: enum_attr(&item, "accountingFramework")
                .unwrap_or(defaults.accounting_framework),
            k3_lease_treatment: enum_attr(&item, "k3LeaseTreatment")
                .unwrap_or(defaults.k3_lease_treatment),
            mfa_required: item
                .get("mfaRequired")
                .and_then(|v| v.as_bool().ok())
                .copied()
                .unwrap_or(defaults.mfa_required),
            // Stored as its decimal text, exact; a company that never set it has none.
            credit_spread: get_s(&item, "creditSpread")
                .and_then(|text| text.parse().ok())
                .unwrap_or(defaults.credit_spread),
            reporting_currency: get_s(&item, "reportingCurrency")
                .and_then(Currency::parse)
                .unwrap_or(defaults.reporting_currency),
            // Stored as JSON text; every role is required, so a stored map is complete. One
            // that cannot be read is an error, never the defaults: a journal booked to
            // accounts the company did not choose would go unnoticed.
            accounts: match get_s(&item, "accounts") {
                None => defaults.accounts,
                Some(text) => serde_json::from_str(text).map_err(|e| {
                    StoreError(format!("the company's stored accounts cannot be read: {e}"))
                })?,
            },
            version: get_n(&item, "version").unwrap_or(defaults.version),
            name: defaults.name,
        })
    }

    /// A transaction part that holds only while the settings are still at `version`: a contract
    /// measured under those settings is written with it, so a settings change that lands
    /// between the measurement and the write cancels the write instead of leaving a contract
    /// measured under settings that no longer hold.
    pub fn company_settings_unchanged(
        &self,
        company_id: &str,
        version: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        let check = ConditionCheck::builder()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(COMPANY_SK))
            .condition_expression(settings_at(version))
            .expression_attribute_names("#version", "version")
            .expression_attribute_values(":expected", n(version))
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(TransactWriteItem::builder().condition_check(check).build())
    }

    /// Writes new settings if the stored ones are still at `expected` (an item written before
    /// settings existed counts as version 1).
    pub fn company_settings_put(
        &self,
        company_id: &str,
        settings: &CompanySettings,
        expected: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        let item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(COMPANY_SK)),
            ("name".to_owned(), s(settings.name.clone())),
            (
                "rateConvention".to_owned(),
                s(enum_text(&settings.rate_convention)),
            ),
            (
                "accountingFramework".to_owned(),
                s(enum_text(&settings.accounting_framework)),
            ),
            (
                "k3LeaseTreatment".to_owned(),
                s(enum_text(&settings.k3_lease_treatment)),
            ),
            (
                "mfaRequired".to_owned(),
                aws_sdk_dynamodb::types::AttributeValue::Bool(settings.mfa_required),
            ),
            (
                "creditSpread".to_owned(),
                s(settings.credit_spread.to_string()),
            ),
            (
                "reportingCurrency".to_owned(),
                s(settings.reporting_currency.as_str()),
            ),
            (
                "accounts".to_owned(),
                s(serde_json::to_string(&settings.accounts)
                    .map_err(|e| StoreError(e.to_string()))?),
            ),
            ("version".to_owned(), n(settings.version)),
        ]
        .into_iter()
        .collect();
        self.put_data(
            item,
            Some(settings_at(expected)),
            [(":expected".to_owned(), n(expected))]
                .into_iter()
                .collect(),
            &[("#version", "version")],
        )
    }
}
