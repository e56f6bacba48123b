//! The tamper-evident audit trail: each record's hash covers its canonical form and the
//! previous record's hash, so changing or removing any record breaks every later link.
//!
//! Only pseudonymous ids are hashed (the actor is the user's `sub`), never an e-mail address
//! or a name: erasing a person's data therefore never breaks the chain.
//!
//! Records expire from the table after [`RETENTION_DAYS`]. Each record also covers its
//! predecessor's time (`prevAt`), so the verifier can tell a predecessor that expired (older
//! than the retention) from one that was deleted.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// How long records stay in the table (DynamoDB TTL); the archive keeps them longer.
pub const RETENTION_DAYS: i64 = 365;

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
    /// `null` when the action takes no reason (a login).
    pub reason: Option<String>,
    pub request_id: String,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub details: Map<String, Value>,
    pub hash: String,
    pub prev_hash: String,
    /// When the previous record was sealed (empty for the first record).
    #[serde(default)]
    pub prev_at: String,
}

impl AuditRecord {
    /// Seals `event` as the record after `previous` in `company_id`'s chain.
    pub fn seal(
        company_id: &str,
        previous: &ChainHead,
        at: String,
        event: AuditEvent,
    ) -> AuditRecord {
        let mut record = AuditRecord {
            seq: previous.seq + 1,
            at,
            actor: event.actor,
            action: event.action,
            target: event.target,
            reason: event.reason,
            request_id: event.request_id,
            details: event.details,
            hash: String::new(),
            prev_hash: previous.hash.clone(),
            prev_at: previous.at.clone(),
        };
        record.hash = record.compute_hash(company_id);
        record
    }

    /// The canonical form: JSON with keys sorted at every level and no whitespace, written by
    /// [`canonical_json`] so no serde feature can change it. It covers every field but the
    /// hashes, plus the tenant, so a record cannot be moved into another company's chain.
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
        map.insert("prevAt".into(), Value::from(self.prev_at.as_str()));
        canonical_json(&Value::Object(map))
    }

    /// `hash = SHA-256(canonical record ‖ prevHash)`, hex encoded.
    pub fn compute_hash(&self, company_id: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.canonical(company_id).as_bytes());
        hasher.update(self.prev_hash.as_bytes());
        hex::encode(hasher.finalize())
    }
}

/// JSON with object keys sorted (by code point) at every level and no insignificant
/// whitespace; strings and numbers as serde_json writes them.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The chain head: the last sealed record's number, hash and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: String,
    pub at: String,
}

impl ChainHead {
    pub fn genesis() -> ChainHead {
        ChainHead {
            seq: 0,
            hash: GENESIS_HASH.to_owned(),
            at: String::new(),
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
    /// Records sealed before this may have expired from the table.
    expired_before: DateTime<Utc>,
    records: u64,
    last: Option<ChainHead>,
    first_bad_seq: Option<u64>,
}

impl ChainVerifier {
    pub fn new(company_id: &str, now: DateTime<Utc>) -> ChainVerifier {
        ChainVerifier {
            company_id: company_id.to_owned(),
            expired_before: now - Duration::days(RETENTION_DAYS),
            records: 0,
            last: None,
            first_bad_seq: None,
        }
    }

    /// Whether the predecessor of the oldest record read can have expired (rather than been
    /// deleted): only when it was sealed more than the retention period ago.
    fn predecessor_expired(&self, record: &AuditRecord) -> bool {
        DateTime::parse_from_rfc3339(&record.prev_at)
            .is_ok_and(|at| at.with_timezone(&Utc) < self.expired_before)
    }

    pub fn push(&mut self, record: &AuditRecord) {
        self.records += 1;
        if self.first_bad_seq.is_some() {
            return;
        }
        let linked = match &self.last {
            None if record.seq == 1 => {
                record.prev_hash == GENESIS_HASH && record.prev_at.is_empty()
            }
            // The oldest record kept anchors the chain only if its predecessor is old enough
            // to have expired; a younger gap means records were deleted.
            None => self.predecessor_expired(record),
            Some(previous) => {
                record.seq == previous.seq + 1
                    && record.prev_hash == previous.hash
                    && record.prev_at == previous.at
            }
        };
        if !linked || record.compute_hash(&self.company_id) != record.hash {
            self.first_bad_seq = Some(record.seq);
        }
        self.last = Some(ChainHead {
            seq: record.seq,
            hash: record.hash.clone(),
            at: record.at.clone(),
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

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn chain_from(start: ChainHead, n: u64, day: u32) -> Vec<AuditRecord> {
        let mut records: Vec<AuditRecord> = Vec::new();
        let mut head = start;
        for i in 0..n {
            let record = AuditRecord::seal(
                "co1",
                &head,
                format!("2026-01-{day:02}T00:00:{i:02}.000Z"),
                AuditEvent {
                    actor: "sub-1".into(),
                    action: "contract.update".into(),
                    target: "contract/abc".into(),
                    reason: Some("uplift".into()),
                    request_id: format!("req-{i}"),
                    details: Map::new(),
                },
            );
            head = ChainHead {
                seq: record.seq,
                hash: record.hash.clone(),
                at: record.at.clone(),
            };
            records.push(record);
        }
        records
    }

    fn chain(n: u64) -> Vec<AuditRecord> {
        chain_from(ChainHead::genesis(), n, 1)
    }

    fn head_of(records: &[AuditRecord]) -> Option<ChainHead> {
        records.last().map(|r| ChainHead {
            seq: r.seq,
            hash: r.hash.clone(),
            at: r.at.clone(),
        })
    }

    fn verify_at(records: &[AuditRecord], now: DateTime<Utc>) -> ChainReport {
        let mut verifier = ChainVerifier::new("co1", now);
        records.iter().for_each(|r| verifier.push(r));
        verifier.finish(head_of(records))
    }

    fn verify(records: &[AuditRecord]) -> ChainReport {
        verify_at(records, now())
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
    fn the_hash_of_a_known_record_never_changes() {
        // A fixed digest: any change to the canonical form (key order, escaping, a serde
        // feature) would silently invalidate every stored chain, so it must fail here first.
        let record = &chain(1)[0];
        assert_eq!(
            record.canonical("co1"),
            "{\"action\":\"contract.update\",\"actor\":\"sub-1\",\"at\":\"2026-01-01T00:00:00.000Z\",\"companyId\":\"co1\",\"details\":{},\"prevAt\":\"\",\"reason\":\"uplift\",\"requestId\":\"req-0\",\"seq\":1,\"target\":\"contract/abc\"}"
        );
        assert_eq!(record.hash, EXPECTED_FIRST_HASH);
    }

    // Computed independently: sha256(canonical ‖ 64 zeros) with Python's hashlib.
    const EXPECTED_FIRST_HASH: &str =
        "d7157abf4ac4251260abc044db532f4b4ff6ba17bc7423df5a033418de94cffb";

    #[test]
    fn canonical_json_sorts_nested_keys() {
        let value: Value = serde_json::from_str(r#"{"b":{"z":1,"a":[{"y":2,"x":"é"}]},"a":null}"#)
            .unwrap_or_default();
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":{"a":[{"x":"é","y":2}],"z":1}}"#
        );
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
        let mut verifier = ChainVerifier::new("co1", now());
        records[..4].iter().for_each(|r| verifier.push(r));
        let report = verifier.finish(head_of(&records));
        assert_eq!(report.first_bad_seq, Some(5));
    }

    #[test]
    fn a_record_moved_to_another_tenant_does_not_verify() {
        let records = chain(2);
        let mut verifier = ChainVerifier::new("co2", now());
        records.iter().for_each(|r| verifier.push(r));
        assert_eq!(verifier.finish(head_of(&records)).first_bad_seq, Some(1));
    }

    #[test]
    fn removed_recent_oldest_records_are_found() {
        let records = chain(5);
        assert_eq!(verify(&records[2..]).first_bad_seq, Some(3));
    }

    #[test]
    fn records_past_the_retention_may_have_expired() {
        let records = chain(5);
        let much_later = now() + Duration::days(RETENTION_DAYS + 30);
        assert!(verify_at(&records[2..], much_later).valid);
    }

    #[test]
    fn the_hash_covers_the_previous_hash_and_time() {
        let records = chain(2);
        let mut forged = records[1].clone();
        forged.prev_hash = GENESIS_HASH.into();
        assert_ne!(forged.compute_hash("co1"), records[1].hash);
        let mut forged = records[1].clone();
        forged.prev_at = "2020-01-01T00:00:00.000Z".into();
        assert_ne!(forged.compute_hash("co1"), records[1].hash);
    }
}
