//! The tamper-evident audit trail: each record's hash covers its canonical form and the
//! previous record's hash, so changing or removing any record breaks every later link.
//!
//! Only pseudonymous ids are hashed (the actor is the user's `sub`), never an e-mail address
//! or a name: erasing a person's data therefore never breaks the chain.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The `prevHash` of a tenant's first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as the handler describes it before the record is sealed into the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// The user's `sub` (pseudonymous), never an e-mail address.
    pub actor: String,
    /// `contract.create`, `contract.update`, `auth.login`, …
    pub action: String,
    /// The resource acted on, e.g. `contract/<id>`.
    pub target: String,
    pub reason: Option<String>,
    pub request_id: String,
    /// Small structured facts about the change (version numbers, changed field names).
    pub details: Map<String, Value>,
}

/// A sealed audit record as stored and as returned by `GET /audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    pub seq: u64,
    /// RFC 3339 UTC with milliseconds, stored as text so the hashed form never changes.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub request_id: String,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub details: Map<String, Value>,
    pub hash: String,
    pub prev_hash: String,
}

impl AuditRecord {
    /// Seals `event` as record `seq` of `company_id`'s chain, linked to `prev_hash`.
    pub fn seal(
        company_id: &str,
        seq: u64,
        at: String,
        event: AuditEvent,
        prev_hash: &str,
    ) -> AuditRecord {
        let mut record = AuditRecord {
            seq,
            at,
            actor: event.actor,
            action: event.action,
            target: event.target,
            reason: event.reason,
            request_id: event.request_id,
            details: event.details,
            hash: String::new(),
            prev_hash: prev_hash.to_owned(),
        };
        record.hash = record.compute_hash(company_id);
        record
    }

    /// The canonical form: JSON with sorted keys and no whitespace (serde_json's map is
    /// ordered), covering every field but the hashes, plus the tenant so a record cannot be
    /// moved into another company's chain unnoticed.
    pub fn canonical(&self, company_id: &str) -> String {
        let mut map = Map::new();
        map.insert("companyId".into(), Value::from(company_id));
        map.insert("seq".into(), Value::from(self.seq));
        map.insert("at".into(), Value::from(self.at.as_str()));
        map.insert("actor".into(), Value::from(self.actor.as_str()));
        map.insert("action".into(), Value::from(self.action.as_str()));
        map.insert("target".into(), Value::from(self.target.as_str()));
        map.insert(
            "reason".into(),
            self.reason.as_deref().map_or(Value::Null, Value::from),
        );
        map.insert("requestId".into(), Value::from(self.request_id.as_str()));
        map.insert("details".into(), Value::Object(self.details.clone()));
        Value::Object(map).to_string()
    }

    /// `hash = SHA-256(canonical record ‖ prevHash)`, hex encoded.
    pub fn compute_hash(&self, company_id: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.canonical(company_id).as_bytes());
        hasher.update(self.prev_hash.as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// The chain head: the last sealed record's number and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: String,
}

impl ChainHead {
    pub fn genesis() -> ChainHead {
        ChainHead {
            seq: 0,
            hash: GENESIS_HASH.to_owned(),
        }
    }
}

/// The answer of `GET /audit/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    pub valid: bool,
    pub records: u64,
    pub head_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_seq: Option<u64>,
}

/// Recomputes a chain record by record (in ascending `seq`), so a long chain can be verified
/// page by page without holding it in memory.
#[derive(Debug)]
pub struct ChainVerifier {
    company_id: String,
    records: u64,
    last: Option<ChainHead>,
    first_bad_seq: Option<u64>,
}

impl ChainVerifier {
    pub fn new(company_id: &str) -> ChainVerifier {
        ChainVerifier {
            company_id: company_id.to_owned(),
            records: 0,
            last: None,
            first_bad_seq: None,
        }
    }

    pub fn push(&mut self, record: &AuditRecord) {
        self.records += 1;
        if self.first_bad_seq.is_some() {
            return;
        }
        let linked = match &self.last {
            // Records older than the retention period expire; the oldest one kept anchors the
            // chain, and only a genesis record must point at the genesis hash.
            None => record.seq > 1 || record.prev_hash == GENESIS_HASH,
            Some(previous) => record.seq == previous.seq + 1 && record.prev_hash == previous.hash,
        };
        if !linked || record.compute_hash(&self.company_id) != record.hash {
            self.first_bad_seq = Some(record.seq);
        }
        self.last = Some(ChainHead {
            seq: record.seq,
            hash: record.hash.clone(),
        });
    }

    /// Compares the end of the chain with the stored head: a removed last record shows here.
    pub fn finish(self, head: Option<ChainHead>) -> ChainReport {
        let head = head.unwrap_or_else(ChainHead::genesis);
        let mut first_bad_seq = self.first_bad_seq;
        if first_bad_seq.is_none() {
            let end_matches = match &self.last {
                None => head.seq == 0,
                Some(last) => last.seq == head.seq && last.hash == head.hash,
            };
            if !end_matches {
                first_bad_seq = Some(self.last.as_ref().map_or(1, |l| l.seq + 1));
            }
        }
        ChainReport {
            valid: first_bad_seq.is_none(),
            records: self.records,
            head_hash: head.hash,
            first_bad_seq,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<AuditRecord> {
        let mut records: Vec<AuditRecord> = Vec::new();
        for seq in 1..=n {
            let prev = records
                .last()
                .map_or(GENESIS_HASH.to_owned(), |r| r.hash.clone());
            records.push(AuditRecord::seal(
                "co1",
                seq,
                format!("2026-01-01T00:00:{seq:02}.000Z"),
                AuditEvent {
                    actor: "sub-1".into(),
                    action: "contract.update".into(),
                    target: "contract/abc".into(),
                    reason: Some("uplift".into()),
                    request_id: format!("req-{seq}"),
                    details: Map::new(),
                },
                &prev,
            ));
        }
        records
    }

    fn verify(records: &[AuditRecord]) -> ChainReport {
        let mut verifier = ChainVerifier::new("co1");
        records.iter().for_each(|r| verifier.push(r));
        let head = records.last().map(|r| ChainHead {
            seq: r.seq,
            hash: r.hash.clone(),
        });
        verifier.finish(head)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let records = chain(5);
        let report = verify(&records);
        assert!(report.valid);
        assert_eq!(report.records, 5);
        assert_eq!(report.head_hash, records[4].hash);
    }

    #[test]
    fn a_changed_reason_is_named_by_its_seq() {
        let mut records = chain(5);
        records[2].reason = Some("nothing to see".into());
        assert_eq!(verify(&records).first_bad_seq, Some(3));
    }

    #[test]
    fn a_removed_record_breaks_the_next_link() {
        let mut records = chain(5);
        records.remove(1);
        assert_eq!(verify(&records).first_bad_seq, Some(3));
    }

    #[test]
    fn a_removed_last_record_shows_against_the_head() {
        let records = chain(5);
        let mut verifier = ChainVerifier::new("co1");
        records[..4].iter().for_each(|r| verifier.push(r));
        let report = verifier.finish(Some(ChainHead {
            seq: 5,
            hash: records[4].hash.clone(),
        }));
        assert_eq!(report.first_bad_seq, Some(5));
    }

    #[test]
    fn a_record_moved_to_another_tenant_does_not_verify() {
        let records = chain(2);
        let mut verifier = ChainVerifier::new("co2");
        records.iter().for_each(|r| verifier.push(r));
        assert_eq!(verifier.finish(None).first_bad_seq, Some(1));
    }

    #[test]
    fn expired_early_records_leave_a_verifiable_tail() {
        let records = chain(5);
        assert!(verify(&records[2..]).valid);
    }

    #[test]
    fn the_hash_covers_the_previous_hash() {
        let records = chain(2);
        let mut forged = records[1].clone();
        forged.prev_hash = GENESIS_HASH.into();
        assert_ne!(forged.compute_hash("co1"), records[1].hash);
    }
}
