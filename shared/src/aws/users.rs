//! User records (`C#<co>` / `USER#<sub>`) and the pointer from a `sub` to its company
//! (`SUB#<sub>`), which the two always share: they are written in one transaction.

use aws_sdk_dynamodb::types::TransactWriteItem;
use std::collections::HashMap;

use super::idempotency::StoredResponse;
use super::keys::{
    IDEMPOTENCY_SK_PREFIX, USER_POINTER_SK, USER_SK_PREFIX, company_pk, idempotency_sk,
    user_pointer_pk, user_sk,
};
use super::page::{PageRequest, to_item_key, to_key_map};
use super::store::{Item, ItemKey, Store, StoreError, get_n, get_s, n, s};
use crate::domain::user::{UserRecord, scrub_person};

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
    /// The key of a user's record, to read it ahead with [`Store::batch_get`].
    pub fn user_key(&self, company_id: &str, user_id: &str) -> ItemKey {
        ItemKey::data(company_pk(company_id), user_sk(user_id))
    }

    /// The user's record in their company, if there is one.
    pub async fn user(
        &self,
        company_id: &str,
        user_id: &str,
    ) -> Result<Option<UserRecord>, StoreError> {
        let item = self
            .data_item(company_pk(company_id), user_sk(user_id))
            .await?;
        Ok(item.as_ref().and_then(record_of))
    }

    /// The company a Cognito `sub` belongs to (from the pointer beside the user record).
    pub async fn company_of_user(&self, user_id: &str) -> Result<Option<String>, StoreError> {
        self.company_pointer(user_pointer_pk(user_id), USER_POINTER_SK)
            .await
    }

    /// The company's users, oldest key first (by `sub`).
    pub async fn users_page(
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
                .users_page(company_id, &PageRequest { limit: 200, start })
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

impl Store {
    /// A transaction condition: the user's record is still at `version`. A change that takes
    /// admin rights away holds only while the admins it counted on are unchanged, so two
    /// admins demoting each other at once cannot leave the company without one.
    pub fn user_unchanged(
        &self,
        company_id: &str,
        user_id: &str,
        version: u32,
    ) -> Result<TransactWriteItem, StoreError> {
        let check = aws_sdk_dynamodb::types::ConditionCheck::builder()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(user_sk(user_id)))
            .condition_expression("#version = :expected")
            .expression_attribute_names("#version", "version")
            .expression_attribute_values(":expected", n(version))
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        Ok(TransactWriteItem::builder().condition_check(check).build())
    }

    /// The conditions under which taking admin rights from `changed` is safe: every other
    /// active admin of `users` (the company's users as read) is still as read.
    pub fn other_admins_unchanged(
        &self,
        company_id: &str,
        users: &[UserRecord],
        changed: &UserRecord,
    ) -> Result<Vec<TransactWriteItem>, StoreError> {
        users
            .iter()
            .filter(|u| u.id != changed.id && u.is_active_admin())
            .map(|u| self.user_unchanged(company_id, &u.id, u.version))
            .collect()
    }
}

impl Store {
    /// Removes an erased person from the company's stored answers (idempotency records, kept
    /// for replays until they expire): the person's own are deleted (nobody can replay them,
    /// as their `sub` can no longer sign in), and any other whose answer shows them (the
    /// `POST /users` that invited them, a `PATCH` of their record) is rewritten with the
    /// person scrubbed ([`scrub_person`]), so its replay still answers, without them.
    /// `address` is the person's former e-mail address, when still known. Repeating it
    /// changes nothing more. Returns how many records were deleted or rewritten.
    pub async fn scrub_person_from_stored_answers(
        &self,
        company_id: &str,
        user_id: &str,
        address: Option<&str>,
    ) -> Result<usize, StoreError> {
        let own_prefix = idempotency_sk(user_id, "");
        let mut touched = 0;
        let mut start = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.data_table)
                .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                .expression_attribute_values(":pk", s(company_pk(company_id)))
                .expression_attribute_values(":prefix", s(IDEMPOTENCY_SK_PREFIX))
                .set_exclusive_start_key(start.take())
                .consistent_read(true)
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            for item in out.items() {
                let (Some(sk), Some(stored)) = (get_s(item, "sk"), get_s(item, "response")) else {
                    continue;
                };
                if sk.starts_with(&own_prefix) {
                    self.forget_stored_answer(company_id, sk).await?;
                    touched += 1;
                } else if let Some(scrubbed) = scrubbed_answer(stored, user_id, address) {
                    self.rewrite_stored_answer(company_id, sk, stored, &scrubbed)
                        .await?;
                    touched += 1;
                }
            }
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(touched),
            }
        }
    }

    async fn forget_stored_answer(&self, company_id: &str, sk: &str) -> Result<(), StoreError> {
        self.client
            .delete_item()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(sk))
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(())
    }

    /// Replaces the answer only while it is the one read: a record that expired and was
    /// reused meanwhile holds a newer answer, which is left alone.
    async fn rewrite_stored_answer(
        &self,
        company_id: &str,
        sk: &str,
        read: &str,
        scrubbed: &str,
    ) -> Result<(), StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.data_table)
            .key("pk", s(company_pk(company_id)))
            .key("sk", s(sk))
            .update_expression("SET #response = :scrubbed")
            .condition_expression("#response = :read")
            .expression_attribute_names("#response", "response")
            .expression_attribute_values(":scrubbed", s(scrubbed))
            .expression_attribute_values(":read", s(read))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(error) => Err(StoreError::from_sdk(error)),
        }
    }
}

/// The stored answer (a [`StoredResponse`] as JSON) with the person scrubbed from its body
/// and headers, or `None` when it does not show them.
fn scrubbed_answer(stored: &str, user_id: &str, address: Option<&str>) -> Option<String> {
    let mut response: StoredResponse = serde_json::from_str(stored).ok()?;
    let mut changed = false;
    if let Ok(mut body) = serde_json::from_str::<serde_json::Value>(&response.body)
        && scrub_person(&mut body, user_id, address)
    {
        response.body = body.to_string();
        changed = true;
    }
    for (_, value) in &mut response.headers {
        let mut header = serde_json::Value::String(std::mem::take(value));
        changed |= scrub_person(&mut header, user_id, address);
        *value = header.as_str().unwrap_or_default().to_owned();
    }
    changed.then(|| serde_json::to_string(&response).ok())?
}

/// Whether a decoded cursor is a key [`Store::users_page`] could have returned for the
/// company: its partition and a user record's sort key, nothing else.
pub fn is_user_list_key(company_id: &str, key: &super::page::KeyMap) -> bool {
    let get = |name: &str| key.get(name).map(String::as_str);
    let is_user_sk = get("sk")
        .and_then(|sk| sk.strip_prefix(USER_SK_PREFIX))
        .is_some_and(crate::domain::claims::is_safe_id);
    key.len() == 2 && get("pk") == Some(company_pk(company_id).as_str()) && is_user_sk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_list_cursor_is_a_user_record_key_of_the_same_company() {
        let key = |pk: &str, sk: &str| -> super::super::page::KeyMap {
            [
                ("pk".to_owned(), pk.to_owned()),
                ("sk".to_owned(), sk.to_owned()),
            ]
            .into_iter()
            .collect()
        };
        assert!(is_user_list_key("a", &key("C#a", "USER#0b1c")));
        assert!(!is_user_list_key("b", &key("C#a", "USER#0b1c")));
        assert!(!is_user_list_key("a", &key("C#a", "CONTRACT#x")));
        assert!(!is_user_list_key("a", &key("C#a", "USER#")));
        assert!(!is_user_list_key("a", &key("C#a", "USER#a#b")));
        let mut extra = key("C#a", "USER#0b1c");
        extra.insert("gsi1pk".into(), "x".into());
        assert!(!is_user_list_key("a", &extra));
    }
}
