//! The company item: its name and accounting settings.

use aws_sdk_dynamodb::types::TransactWriteItem;

use super::keys::{COMPANY_SK, company_pk};
use super::store::{Item, Store, StoreError, get_n, get_s, n, s};
use crate::domain::company::CompanySettings;

fn enum_attr<T: serde::de::DeserializeOwned>(item: &Item, name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(get_s(item, name)?.to_owned())).ok()
}

fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl Store {
    /// The company's settings; a company nobody configured yet has the defaults.
    pub async fn company_settings(&self, company_id: &str) -> Result<CompanySettings, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(COMPANY_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        let Some(item) = out.item else {
            return Ok(CompanySettings::defaults(""));
        };
        let defaults = CompanySettings::defaults(get_s(&item, "name").unwrap_or_default());
        Ok(CompanySettings {
            rate_convention: enum_attr(&item, "rateConvention").unwrap_or(defaults.rate_convention),
            accounting_framework: enum_attr(&item, "accountingFramework")
                .unwrap_or(defaults.accounting_framework),
            k3_lease_treatment: enum_attr(&item, "k3LeaseTreatment")
                .unwrap_or(defaults.k3_lease_treatment),
            version: get_n(&item, "version").unwrap_or(defaults.version),
            name: defaults.name,
        })
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
            ("version".to_owned(), n(settings.version)),
        ]
        .into_iter()
        .collect();
        let condition = if expected == 1 {
            "attribute_not_exists(#version) OR #version = :expected"
        } else {
            "#version = :expected"
        };
        self.put_data(
            item,
            Some(condition),
            [(":expected".to_owned(), n(expected))]
                .into_iter()
                .collect(),
            &[("#version", "version")],
        )
    }
}
