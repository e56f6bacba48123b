//! Reading the audit log: the filtered, paged list and the full chain verification.

use std::collections::HashMap;

use super::keys::{AUDIT_HEAD_SK, audit_sk, company_pk};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::store::{Item, Store, StoreError, audit_record, s};
use crate::domain::audit::{AuditRecord, ChainReport, ChainVerifier};

/// Filters of `GET /audit`; bounds are RFC 3339 instants compared as text (all are UTC `Z`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub action: Option<String>,
    pub actor: Option<String>,
}

impl Store {
    /// One page of the tenant's audit records, newest first.
    pub async fn list_audit(
        &self,
        company_id: &str,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> Result<(Vec<AuditRecord>, Option<KeyMap>), StoreError> {
        let mut conditions = Vec::new();
        let mut values: Item = [
            (":pk".to_owned(), s(company_pk(company_id))),
            (":head".to_owned(), s(AUDIT_HEAD_SK)),
        ]
        .into_iter()
        .collect();
        let mut names = HashMap::new();
        for (field, attr, op, value) in [
            ("from", "at", ">=", &filter.from),
            ("to", "at", "<=", &filter.to),
            ("action", "action", "=", &filter.action),
            ("actor", "actor", "=", &filter.actor),
        ] {
            if let Some(value) = value {
                conditions.push(format!("#{attr} {op} :{field}"));
                names.insert(format!("#{attr}"), attr.to_owned());
                values.insert(format!(":{field}"), s(value.clone()));
            }
        }
        let mut query = self
            .client
            .query()
            .table_name(&self.audit_table)
            .key_condition_expression("pk = :pk AND sk < :head")
            .set_expression_attribute_values(Some(values))
            .scan_index_forward(false)
            .limit(page.limit)
            .set_exclusive_start_key(page.start.as_ref().map(to_item_key));
        if !conditions.is_empty() {
            query = query
                .filter_expression(conditions.join(" AND "))
                .set_expression_attribute_names(Some(names));
        }
        let out = query.send().await.map_err(StoreError::from_sdk)?;
        let records = out.items().iter().filter_map(audit_record).collect();
        Ok((records, out.last_evaluated_key.as_ref().map(to_key_map)))
    }

    /// Recomputes the tenant's whole chain, page by page, up to the head read first: records
    /// committed while it runs are beyond that head and do not disturb the check.
    pub async fn verify_audit(&self, company_id: &str) -> Result<ChainReport, StoreError> {
        let head = self.chain_head(company_id).await?;
        let mut verifier = ChainVerifier::new(company_id, chrono::Utc::now());
        let Some(last) = head.as_ref().map(|h| h.seq) else {
            return Ok(verifier.finish(None));
        };
        let mut start: Option<Item> = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.audit_table)
                .key_condition_expression("pk = :pk AND sk <= :last")
                .expression_attribute_values(":pk", s(company_pk(company_id)))
                .expression_attribute_values(":last", s(audit_sk(last)))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            for item in out.items() {
                match audit_record(item) {
                    Some(record) => verifier.push(&record),
                    // An item that no longer reads as a record was tampered with too.
                    None => verifier.push(&unreadable_record(item)),
                }
            }
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        Ok(verifier.finish(head))
    }
}

/// Stands in for an item whose attributes were damaged, so the verifier reports its seq.
fn unreadable_record(item: &Item) -> AuditRecord {
    let seq = item
        .get("sk")
        .and_then(|v| v.as_s().ok())
        .and_then(|sk| sk.parse().ok())
        .unwrap_or(0);
    AuditRecord {
        seq,
        at: String::new(),
        actor: String::new(),
        action: String::new(),
        target: String::new(),
        reason: None,
        request_id: String::new(),
        details: Default::default(),
        hash: String::new(),
        prev_hash: String::new(),
        prev_at: String::new(),
    }
}
