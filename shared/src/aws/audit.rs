//! Reading the audit log: the filtered, paged list and the full chain verification.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

use super::AuditArchive;
use super::archive::ArchiveError;
use super::keys::{AUDIT_HEAD_SK, audit_sk, chain_pk, refusal_counter_pk, refusal_counter_sk};
use super::page::{KeyMap, PageRequest, to_item_key, to_key_map};
use super::signer::SignerError;
use super::store::{Item, Store, StoreError, audit_record, s};
use crate::domain::audit::{
    AuditRecord, Chain, ChainProblem, ChainReport, ChainVerifier, Checkpoint,
};

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
        chain: Chain,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> Result<(Vec<AuditRecord>, Option<KeyMap>), StoreError> {
        let mut conditions = Vec::new();
        let mut values: Item = [
            (":pk".to_owned(), s(chain_pk(company_id, chain))),
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

    /// Counts a refused login of `user_sub` in `window` (one item, one `UpdateItem`: no
    /// contention with the chains); returns the count including this one.
    pub async fn count_refused_login(
        &self,
        company_id: &str,
        user_sub: &str,
        window: i64,
        expire_at: i64,
    ) -> Result<u64, StoreError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.audit_table)
            .key("pk", s(refusal_counter_pk(company_id)))
            .key("sk", s(refusal_counter_sk(user_sub, window)))
            .update_expression("ADD attempts :one SET expireAt = if_not_exists(expireAt, :expire)")
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .expression_attribute_values(":expire", AttributeValue::N(expire_at.to_string()))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::UpdatedNew)
            .send()
            .await
            .map_err(StoreError::from_sdk)?;
        Ok(out
            .attributes()
            .and_then(|a| a.get("attempts"))
            .and_then(|v| v.as_n().ok())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// Recomputes one chain: every record from `anchor` (a signed checkpoint whose signature
    /// was verified; the chain's start without one) to the end of the partition, then the
    /// head, read after the records. A transaction writes a record and its head together, so
    /// a record past that head was not written by us; records committed while this runs are
    /// read in a further round.
    pub async fn verify_chain(
        &self,
        company_id: &str,
        chain: Chain,
        anchor: Option<Checkpoint>,
    ) -> Result<ChainReport, StoreError> {
        let mut verifier =
            ChainVerifier::new(company_id, chain, anchor).with_expiry_at(chrono::Utc::now());
        let mut next_seq = verifier.start_seq();
        let mut previous_head = None;
        let mut stalled = 0;
        for _ in 0..VERIFY_ROUNDS {
            let read = self
                .push_records(company_id, chain, next_seq, &mut verifier)
                .await?;
            if let Some(last) = read {
                next_seq = last + 1;
            }
            let head = self.chain_head(company_id, chain).await?;
            let caught_up = head.as_ref().is_none_or(|h| h.seq < next_seq);
            // A head past the records read is growth when a writer committed (record and head
            // together) between our query and our head read: read again. A head that stays
            // put past records that are not there is not growth: reading again cannot help;
            // the verifier judges it. Judged after two such reads a moment apart, not one: the
            // emulator can show a transaction's head before its record (seen in a test run
            // under load), which AWS, committing them together, does not.
            if read.is_none() && previous_head.is_some() && previous_head == head {
                stalled += 1;
            } else {
                stalled = 0;
            }
            if caught_up || stalled >= STALLED_READS {
                return Ok(verifier.finish(head));
            }
            if stalled > 0 {
                tokio::time::sleep(STALL_PAUSE).await;
            }
            previous_head = head;
        }
        // Still moving after several rounds: judge against the latest head; a busy chain
        // may then be reported as past its head, so say it in the log.
        tracing::warn!(
            chain = chain.as_str(),
            "audit chain kept growing during verification"
        );
        let head = self.chain_head(company_id, chain).await?;
        Ok(verifier.finish(head))
    }

    /// Feeds every record from `from_seq` on to the verifier, page by page; returns the last
    /// seq read.
    async fn push_records(
        &self,
        company_id: &str,
        chain: Chain,
        from_seq: u64,
        verifier: &mut ChainVerifier,
    ) -> Result<Option<u64>, StoreError> {
        let mut last = None;
        let mut start: Option<Item> = None;
        loop {
            let out = self
                .client
                .query()
                .table_name(&self.audit_table)
                .key_condition_expression("pk = :pk AND sk BETWEEN :from AND :end")
                .expression_attribute_values(":pk", s(chain_pk(company_id, chain)))
                .expression_attribute_values(":from", s(audit_sk(from_seq)))
                // Every record key is 12 digits; the head's key sorts after all of them.
                .expression_attribute_values(":end", s(audit_sk(MAX_SEQ)))
                .consistent_read(true)
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(StoreError::from_sdk)?;
            for item in out.items() {
                let record = audit_record(item).unwrap_or_else(|| unreadable_record(item));
                last = Some(record.seq);
                verifier.push(&record);
            }
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(last),
            }
        }
    }
}

/// Why a chain could not be verified (not: that it is broken, which the report says).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Signer(#[from] SignerError),
}

/// Verifies one chain from its latest signed checkpoint in the archive: the checkpoint's
/// signature first (a forged one makes the chain invalid, whatever the table holds), then the
/// table from the checkpoint's record to the end. Without a checkpoint yet (a chain younger
/// than its first archive batch), from the chain's first record. Records before the
/// checkpoint are not read: the archiver checked each against the previous checkpoint before
/// signing, and keeps a break in the archive for any it saw changed or removed later, which
/// makes the chain invalid here.
pub async fn verify_from_checkpoint(
    store: &Store,
    audit_archive: &AuditArchive,
    company_id: &str,
    chain: Chain,
) -> Result<ChainReport, VerifyError> {
    let anchor = match audit_archive
        .archive
        .latest_checkpoint(company_id, chain)
        .await?
    {
        None => None,
        Some(signed) if audit_archive.signer.verify(&signed).await? => Some(signed.checkpoint),
        Some(forged) => {
            tracing::error!(
                chain = chain.as_str(),
                seq = forged.checkpoint.seq,
                "audit checkpoint signature does not verify"
            );
            let head = store.chain_head(company_id, chain).await?;
            return Ok(
                ChainVerifier::bad_checkpoint(company_id, chain, forged.checkpoint.seq)
                    .finish(head),
            );
        }
    };
    let mut report = store.verify_chain(company_id, chain, anchor).await?;
    if report.valid
        && let Some(found) = audit_archive.archive.first_break(company_id, chain).await?
    {
        report.valid = false;
        report.first_bad_seq = Some(found.seq);
        report.problem = Some(ChainProblem::TamperingSeen);
    }
    Ok(report)
}

/// How often verification reads on while the chain grows under it.
const VERIFY_ROUNDS: usize = 5;
/// Reads in a row that find no record while the head stays past them, before the verifier
/// judges the chain against that head; and the pause between them.
const STALLED_READS: usize = 2;
const STALL_PAUSE: std::time::Duration = std::time::Duration::from_millis(25);
/// The largest seq a 12-digit key holds.
const MAX_SEQ: u64 = 999_999_999_999;

/// Stands in for an item whose attributes were damaged, so the verifier reports its seq.
fn unreadable_record(item: &Item) -> AuditRecord {
    let seq = item
        .get("sk")
        .and_then(|v| v.as_s().ok())
        .and_then(|sk| sk.parse().ok())
        .unwrap_or(0);
    AuditRecord {
        chain: Chain::Data,
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
