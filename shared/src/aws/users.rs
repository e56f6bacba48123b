//! User records (`C#<co>` / `USER#<sub>`) and the pointer from a `sub` to its company
//! (`SUB#<sub>`), which the two always share: they are written in one transaction.

use aws_sdk_dynamodb::types::TransactWriteItem;
use std::collections::HashMap;

use super::keys::{USER_POINTER_SK, USER_SK_PREFIX, company_pk, user_pointer_pk, user_sk};
use super::page::{PageRequest, to_item_key, to_key_map};
use super::store::{Item, Store, StoreError, get_n, get_s, n, s};
use crate::domain::user::UserRecord;

fn record_of(item: &Item) -> Option<UserRecord> {
    let mut record: UserRecord = serde_json::from_str(get_s(item, "record")?).ok()?;
    record.version = get_n(item, "version")?;
    Some(record)
}

/// A page of a company's users.
#[derive(Debug, Clone)]
pub struct UserPage {
    pub items: Vec<UserRecord>,
    pub next: Option<super::page::KeyMap>,
}

impl Store {
    /// The user's record in their company, if there is one.
    pub async fn user(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<Option<UserRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(user_sk(user_id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out.item.as_ref().and_then(record_of))
    }

    /// The company a Cognito `sub` belongs to (from the pointer beside the user record).
    pub async fn company_of_user(&self, user_id: &str) -> Result<Option<String>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.data_table)
            .key("pk", s(user_pointer_pk(user_id)))
            .key("sk", s(USER_POINTER_SK))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out
            .item
            .as_ref()
            .and_then(|item| get_s(item, "companyId"))
            .map(str::to_owned))
    }

    /// The company's users, oldest key first (by `sub`).
    pub async fn list_users(
        &self,
        company_id: &str,
        page: &PageRequest,
    ) -> Result<UserPage, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.data_table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(company_pk(company_id)))
            .expression_attribute_values(":prefix", s(USER_SK_PREFIX))
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key))
            .consistent_read(true)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(UserPage {
            items: out.items().iter().filter_map(record_of).collect(),
            next: out.last_evaluated_key().map(to_key_map),
        })
    }

    /// Every user of the company (for rules over all of them, such as "one active admin
    /// remains"); companies have tens of users, so this is a handful of pages at most.
    pub async fn all_users(&self, company_id: &str) -> Result<Vec<UserRecord>, StoreError> {
        let mut users = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .list_users(company_id, &PageRequest { limit: 200, start })
                .await?;
            users.extend(page.items);
            match page.next {
                Some(next) => start = Some(next),
                None => return Ok(users),
            }
        }
    }

    /// The writes that create a user: the record (which must not exist) and its pointer.
    pub fn user_create(
        &self,
        company_id: &str,
        user: &UserRecord,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        let record = self.put_data(
            user_item(company_id, user, 1),
            Some("attribute_not_exists(pk)"),
            HashMap::new(),
            &[],
        )?;
        let pointer: Item = [
            ("pk".to_owned(), s(user_pointer_pk(&user.id))),
            ("sk".to_owned(), s(USER_POINTER_SK)),
            ("companyId".to_owned(), s(company_id)),
        ]
        .into_iter()
        .collect();
        let pointer = self.put_data(
            pointer,
            Some("attribute_not_exists(pk)"),
            HashMap::new(),
            &[],
        )?;
        Ok(vec![record, pointer])
    }

    /// The write that replaces a user's record if it is still at `expected` (its version
    /// becomes `expected + 1`).
    pub fn user_update(
        &self,
        company_id: &str,
        user: &UserRecord,
        expected: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        self.put_data(
            user_item(company_id, user, expected + 1),
            Some("#version = :expected"),
            [(":expected".to_owned(), n(expected))]
                .into_iter()
                .collect(),
            &[("#version", "version")],
        )
    }
}

fn user_item(company_id: &str, user: &UserRecord, version: u32) -> Item {
    let record = UserRecord {
        version,
        ..user.clone()
    };
    [
        ("pk".to_owned(), s(company_pk(company_id))),
        ("sk".to_owned(), s(user_sk(&user.id))),
        (
            "record".to_owned(),
            s(serde_json::to_string(&record).unwrap_or_default()),
        ),
        ("version".to_owned(), n(version)),
    ]
    .into_iter()
    .collect()
}
