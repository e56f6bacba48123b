//! Contract items: a head per contract (current version, status; what lists read) and one
//! immutable item per version. Both are written in the same transaction as the audit record.

use aws_sdk_dynamodb::types::TransactWriteItem;
use chrono::NaiveDate;
use serde_json::{Value, json};

use super::keys::{
    CONTRACTS_INDEX, company_pk, contract_sk, contract_version_sk, contracts_index_pk,
    contracts_index_sk,
};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use crate::domain::contract::ContractTerms;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    Active,
    Archived,
}

impl ContractStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Active => "active",
            ContractStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<ContractStatus> {
        match s {
            "active" => Some(ContractStatus::Active),
            "archived" => Some(ContractStatus::Archived),
            _ => None,
        }
    }
}

/// The current state of a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractHead {
    pub id: String,
    pub version: u32,
    pub status: ContractStatus,
    pub terms: ContractTerms,
    /// Version 1's terms: the initial measurement is made from them, so list items can show it
    /// without reading every version.
    pub initial_terms: ContractTerms,
    /// The effective date of the current (latest) version.
    pub effective_from: NaiveDate,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// One immutable version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractVersion {
    pub version: u32,
    pub effective_from: NaiveDate,
    pub reason: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub terms: ContractTerms,
}

/// What the head's write must find in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The contract must not exist yet.
    New,
    /// The stored head must be at this version and still active.
    Version(u32),
}

impl ContractHead {
    /// The API representation: the terms plus identity and bookkeeping fields.
    pub fn to_json(&self) -> Value {
        let mut body = self.terms.to_json();
        if let Value::Object(map) = &mut body {
            map.insert("id".into(), json!(self.id));
            map.insert("version".into(), json!(self.version));
            map.insert("status".into(), json!(self.status.as_str()));
            map.insert("effectiveFrom".into(), json!(self.effective_from));
            map.insert("createdAt".into(), json!(self.created_at));
            map.insert("createdBy".into(), json!(self.created_by));
            map.insert("updatedAt".into(), json!(self.updated_at));
            map.insert("updatedBy".into(), json!(self.updated_by));
        }
        body
    }
}

impl ContractVersion {
    pub fn summary_json(&self) -> Value {
        json!({
            "version": self.version,
            "effectiveFrom": self.effective_from,
            "reason": self.reason,
            "createdAt": self.created_at,
            "createdBy": self.created_by,
        })
    }
}

fn terms_of(item: &Item) -> Option<ContractTerms> {
    serde_json::from_str(get_s(item, "terms")?).ok()
}

fn date_of(item: &Item, name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(get_s(item, name)?, "%Y-%m-%d").ok()
}

pub fn head_from_item(item: &Item) -> Option<ContractHead> {
    Some(ContractHead {
        id: get_s(item, "id")?.to_owned(),
        version: get_n(item, "version")?,
        status: ContractStatus::parse(get_s(item, "status")?)?,
        terms: terms_of(item)?,
        initial_terms: get_s(item, "initialTerms")
            .and_then(|t| serde_json::from_str(t).ok())
            .or_else(|| terms_of(item))?,
        effective_from: date_of(item, "effectiveFrom")?,
        created_at: get_s(item, "createdAt")?.to_owned(),
        created_by: get_s(item, "createdBy")?.to_owned(),
        updated_at: get_s(item, "updatedAt")?.to_owned(),
        updated_by: get_s(item, "updatedBy")?.to_owned(),
    })
}

pub fn version_from_item(item: &Item) -> Option<ContractVersion> {
    Some(ContractVersion {
        version: get_n(item, "version")?,
        effective_from: date_of(item, "effectiveFrom")?,
        reason: get_s(item, "reason").map(str::to_owned),
        created_at: get_s(item, "createdAt")?.to_owned(),
        created_by: get_s(item, "createdBy")?.to_owned(),
        terms: terms_of(item)?,
    })
}

/// Whether `key` is one [`Store::list_contracts`] could have returned for this company and
/// status filter: the list index key of a contract head in the company's partitions, with
/// a status the filter selects. DynamoDB refuses any other start key (a 503 for the
/// caller) or silently starts somewhere meaningless.
pub fn is_contract_list_key(
    company_id: &str,
    status: Option<ContractStatus>,
    key: &KeyMap,
) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    let Some((key_status, id)) = get("gsi1sk").and_then(|sk| sk.split_once('#')) else {
        return false;
    };
    let Some(key_status) = ContractStatus::parse(key_status) else {
        return false;
    };
    key.len() == 4
        && !id.is_empty()
        && !id.contains('#')
        && get("pk") == Some(company_pk(company_id).as_str())
        && get("gsi1pk") == Some(contracts_index_pk(company_id).as_str())
        && get("sk") == Some(contract_sk(id).as_str())
        && status.is_none_or(|wanted| wanted == key_status)
}

fn unreadable(id: &str) -> StoreError {
    StoreError(format!("contract item {id} cannot be read"))
}

impl Store {
    /// The head with every version, in one Query over the contract's key range.
    pub async fn contract_with_versions(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<(ContractHead, Vec<ContractVersion>)>, StoreError> {
        let mut items: Vec<Item> = Vec::new();
        let mut start: Option<Item> = None;
        // A contract with hundreds of versions may span pages; normally this is one call.
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.data_table)
                .key_condition_expression("pk = :pk AND sk BETWEEN :head AND :last")
                .expression_attribute_values(":pk", s(company_pk(company_id)))
                .expression_attribute_values(":head", s(contract_sk(id)))
                .expression_attribute_values(":last", s(format!("{}#V#~", contract_sk(id))))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            items.extend(out.items.unwrap_or_default());
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        let head_sk = contract_sk(id);
        let Some(head_item) = items
            .iter()
            .find(|i| get_s(i, "sk") == Some(head_sk.as_str()))
        else {
            return Ok(None);
        };
        let head = head_from_item(head_item).ok_or_else(|| unreadable(id))?;
        let versions = items
            .iter()
            .filter(|i| get_s(i, "sk") != Some(head_sk.as_str()))
            .map(|i| version_from_item(i).ok_or_else(|| unreadable(id)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some((head, versions)))
    }

    /// The key of a contract's head, to read it ahead with [`Store::batch_get`].
    pub fn contract_head_key(&self, company_id: &str, id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), contract_sk(id))
    }

    pub async fn contract_head(
        &self,
        company_id: &str,
        id: &str,
    ) -> Result<Option<ContractHead>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), contract_sk(id))
            .await?;
        match item {
            None => Ok(None),
            Some(item) => head_from_item(&item)
                .map(Some)
                .ok_or_else(|| unreadable(id)),
        }
    }

    /// One page of contract heads from the list index, optionally only one status.
    pub async fn list_contracts(
        &self,
        company_id: &str,
        status: Option<ContractStatus>,
        page: &PageRequest,
    ) -> Result<(Vec<ContractHead>, Option<KeyMap>), StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.data_table)
            .index_name(CONTRACTS_INDEX)
            .expression_attribute_values(":pk", s(contracts_index_pk(company_id)))
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key));
        query = match status {
            None => query.key_condition_expression("gsi1pk = :pk"),
            Some(status) => query
                .key_condition_expression("gsi1pk = :pk AND begins_with(gsi1sk, :status)")
                .expression_attribute_values(":status", s(format!("{}#", status.as_str()))),
        };
        let out = query.send().await.map_err(StoreError::from_sdk)?;
        let heads = out
            .items()
            .iter()
            .map(|item| head_from_item(item).ok_or_else(|| unreadable("in list")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((heads, out.last_evaluated_key.as_ref().map(to_key_map)))
    }

    /// Writes the head; the condition guards creation or the optimistic lock.
    pub fn contract_head_put(
        &self,
        company_id: &str,
        head: &ContractHead,
        expect: Expect,
    ) -> Result<TransactWriteItem, StoreError> {
        let item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(contract_sk(&head.id))),
            ("gsi1pk".to_owned(), s(contracts_index_pk(company_id))),
            (
                "gsi1sk".to_owned(),
                s(contracts_index_sk(head.status.as_str(), &head.id)),
            ),
            ("id".to_owned(), s(head.id.clone())),
            ("version".to_owned(), n(head.version)),
            ("status".to_owned(), s(head.status.as_str())),
            ("terms".to_owned(), s(head.terms.to_json().to_string())),
            (
                "initialTerms".to_owned(),
                s(head.initial_terms.to_json().to_string()),
            ),
            (
                "effectiveFrom".to_owned(),
                s(head.effective_from.to_string()),
            ),
            ("createdAt".to_owned(), s(head.created_at.clone())),
            ("createdBy".to_owned(), s(head.created_by.clone())),
            ("updatedAt".to_owned(), s(head.updated_at.clone())),
            ("updatedBy".to_owned(), s(head.updated_by.clone())),
        ]
        .into_iter()
        .collect();
        match expect {
            Expect::New => self.put_data(item, Some("attribute_not_exists(pk)"), Item::new(), &[]),
            Expect::Version(version) => self.put_data(
                item,
                Some("version = :expected AND #status = :active"),
                [
                    (":expected".to_owned(), n(version)),
                    (":active".to_owned(), s(ContractStatus::Active.as_str())),
                ]
                .into_iter()
                .collect(),
                // `status` is a DynamoDB reserved word.
                &[("#status", "status")],
            ),
        }
    }

    /// Writes an immutable version item; it can never be overwritten.
    pub fn contract_version_put(
        &self,
        company_id: &str,
        id: &str,
        version: &ContractVersion,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut item: Item = [
            ("pk".to_owned(), s(company_pk(company_id))),
            ("sk".to_owned(), s(contract_version_sk(id, version.version))),
            ("version".to_owned(), n(version.version)),
            (
                "effectiveFrom".to_owned(),
                s(version.effective_from.to_string()),
            ),
            ("createdAt".to_owned(), s(version.created_at.clone())),
            ("createdBy".to_owned(), s(version.created_by.clone())),
            ("terms".to_owned(), s(version.terms.to_json().to_string())),
        ]
        .into_iter()
        .collect();
        if let Some(reason) = &version.reason {
            item.insert("reason".to_owned(), s(reason.clone()));
        }
        self.put_data(item, Some("attribute_not_exists(pk)"), Item::new(), &[])
    }
}
