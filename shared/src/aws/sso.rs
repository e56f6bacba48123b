//! The company's SSO settings (`C#<co>` / `SSO`) and the two lookups outside any tenant that
//! sign-in needs: e-mail domain → company (`DOMAIN#<domain>`) and Cognito identity provider →
//! company (`IDP#<name>`).

use aws_sdk_dynamodb::types::TransactWriteItem;
use std::collections::HashMap;

use super::keys::{DOMAIN_SK, PROVIDER_SK, SSO_SK, company_pk, domain_pk, provider_pk};
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use crate::domain::sso::SsoConfig;

impl Store {
    /// The key of the company's SSO settings, to read them ahead with [`Store::batch_get`].
    pub fn sso_key(&self, company_id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), SSO_SK.to_owned())
    }

    /// The key of an e-mail domain's claim (lower case), to read it ahead.
    pub fn domain_owner_key(&self, domain: &str) -> ItemKey {
        ItemKey::data(domain_pk(domain), DOMAIN_SK.to_owned())
    }

    /// The company's SSO settings; a company that never configured SSO has the defaults
    /// (off, version 0).
    pub async fn sso(&self, company_id: &str) -> Result<SsoConfig, StoreError> {
        let item = self
            .data_item(company_pk(company_id), SSO_SK.to_owned())
            .await?;
        let Some(item) = item else {
            return Ok(SsoConfig::default());
        };
        let mut config: SsoConfig = get_s(&item, "config")
            .and_then(|c| serde_json::from_str(c).ok())
            .ok_or_else(|| StoreError("the company's SSO item is unreadable".into()))?;
        config.version = get_n(&item, "version").unwrap_or(config.version);
        Ok(config)
    }

    /// The write that stores SSO settings if the stored ones are still at `expected` (0: none
    /// yet); the stored version becomes `config.version`.
    pub fn sso_put(
        &self,
        company_id: &str,
        config: &SsoConfig,
        expected: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        let item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(SSO_SK)),
            (
                "config".to_owned(),
                s(serde_json::to_string(config).unwrap_or_default()),
            ),
            ("version".to_owned(), n(config.version)),
        ]
        .into_iter()
        .collect();
        if expected == 0 {
            self.put_data(item, Some("attribute_not_exists(pk)"), HashMap::new(), &[])
        } else {
            self.put_data(
                item,
                Some("#version = :expected"),
                [(":expected".to_owned(), n(expected))]
                    .into_iter()
                    .collect(),
                &[("#version", "version")],
            )
        }
    }

    /// The company a pointer item outside any tenant (`SUB#`, `DOMAIN#`, `IDP#`) names.
    pub(crate) async fn company_pointer(
        &self,
        pk: String,
        sk: &str,
    ) -> Result<Option<String>, StoreError> {
        let item = self.data_item(pk, sk.to_owned()).await?;
        Ok(item
            .as_ref()
            .and_then(|item| get_s(item, "companyId"))
            .map(str::to_owned))
    }

    /// The company that claimed an e-mail domain (lower case) for SSO.
    pub async fn company_of_domain(&self, domain: &str) -> Result<Option<String>, StoreError> {
        self.company_pointer(domain_pk(domain), DOMAIN_SK).await
    }

    /// The company a Cognito identity provider (by its name) belongs to.
    pub async fn company_of_provider(
        &self,
        provider_name: &str,
    ) -> Result<Option<String>, StoreError> {
        self.company_pointer(provider_pk(provider_name), PROVIDER_SK)
            .await
    }

    /// The write that claims `domain` for the company: it fails (a condition) when another
    /// company holds it; claiming one's own domain again succeeds.
    pub fn domain_claim(
        &self,
        company_id: &str,
        domain: &str,
    ) -> Result<TransactWriteItem, StoreError> {
        self.pointer_put(domain_pk(domain), DOMAIN_SK, company_id)
    }

    /// The write that releases one of the company's domains.
    pub fn domain_release(
        &self,
        company_id: &str,
        domain: &str,
    ) -> Result<TransactWriteItem, StoreError> {
        self.pointer_delete(domain_pk(domain), DOMAIN_SK, company_id)
    }

    /// The write that records which company a Cognito identity provider belongs to.
    pub fn provider_claim(
        &self,
        company_id: &str,
        provider_name: &str,
    ) -> Result<TransactWriteItem, StoreError> {
        self.pointer_put(provider_pk(provider_name), PROVIDER_SK, company_id)
    }

    fn pointer_put(
        &self,
        pk: String,
        sk: &str,
        company_id: &str,
    ) -> Result<TransactWriteItem, StoreError> {
        let item: Item = [
            ("pk".to_owned(), s(pk)),
            ("sk".to_owned(), s(sk)),
            ("companyId".to_owned(), s(company_id)),
        ]
        .into_iter()
        .collect();
        self.put_data(
            item,
            Some("attribute_not_exists(pk) OR companyId = :company"),
            [(":company".to_owned(), s(company_id))]
                .into_iter()
                .collect(),
            &[],
        )
    }

    fn pointer_delete(
        &self,
        pk: String,
        sk: &str,
        company_id: &str,
    ) -> Result<TransactWriteItem, StoreError> {
        let delete = aws_sdk_dynamodb::types::Delete::builder()
            .table_name(&self.data_table)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .condition_expression("companyId = :company")
            .expression_attribute_values(":company", s(company_id))
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(TransactWriteItem::builder().delete(delete).build())
    }
}
