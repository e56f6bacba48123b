//! The tamper-evident audit trail: each record's hash covers its canonical form and the
//! previous record's hash, so changing or removing any record breaks every later link.
//!
//! A company has two chains ([`Chain`]): `data` (every change of tenant data, written in the
//! same transaction as the change) and `security` (logins and refused logins). Logins come
//! from unauthenticated traffic, so they never contend with the data chain's head.
//!
//! Only pseudonymous ids are hashed (the actor is the user's `sub`), never an e-mail address
//! or a name: erasing a person's data therefore never breaks the chain.
//!
//! Records expire from the table after [`RETENTION_DAYS`]; the archive (S3 Object Lock) keeps
//! them for years, together with signed [`Checkpoint`]s that anchor the chain outside the
//! table: verification starts at the latest signed checkpoint, so deleting or rewinding the
//! table's tail, or its head, is found even though the table itself can be rewritten.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// How long records stay in the table (DynamoDB TTL); the archive keeps them longer.
pub const RETENTION_DAYS: i64 = 365;

/// The `prevHash` of a chain's first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Which of a company's chains a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Chain {
    Data,
    Security,
}

impl Chain {
    pub const ALL: [Chain; 2] = [Chain::Data, Chain::Security];

    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Data => "data",
            Chain::Security => "security",
        }
    }

    pub fn parse(text: &str) -> Option<Chain> {
        Chain::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The actor of changes no person made (the sign-in triggers acting on the IdP's word).
pub const SYSTEM_ACTOR: &str = "system";

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

impl AuditEvent {
    /// A successful sign-in of the user `sub`, for the security chain.
    pub fn login(sub: &str, request_id: &str, details: Map<String, Value>) -> AuditEvent {
        AuditEvent::about_user("auth.login", sub, request_id, details)
    }

    /// A refused sign-in of an existing user (a wrong password, or a wrong code for an
    /// authentic MFA session), for the security chain.
    pub fn login_failed(sub: &str, request_id: &str, details: Map<String, Value>) -> AuditEvent {
        AuditEvent::about_user("auth.login_failed", sub, request_id, details)
    }

    /// New tokens for the user `sub` from a refresh token, for the security chain.
    pub fn token_refresh(sub: &str, request_id: &str, details: Map<String, Value>) -> AuditEvent {
        AuditEvent::about_user("auth.refresh", sub, request_id, details)
    }

    /// A user record the system created itself: a person the company's identity provider
    /// vouched for, signing in for the first time under the company's automatic creation.
    pub fn federated_user_created(
        sub: &str,
        request_id: &str,
        details: Map<String, Value>,
    ) -> AuditEvent {
        AuditEvent {
            actor: SYSTEM_ACTOR.to_owned(),
            action: "user.create".to_owned(),
            target: format!("user/{sub}"),
            reason: Some("first sign-in through the company's identity provider".to_owned()),
            request_id: request_id.to_owned(),
            details,
        }
    }

    /// A user record brought in line with facts observed at a sign-in (the IdP's groups,
    /// Cognito's MFA settings) by the system, not by a person.
    pub fn user_synced_at_sign_in(
        sub: &str,
        request_id: &str,
        details: Map<String, Value>,
    ) -> AuditEvent {
        AuditEvent {
            actor: SYSTEM_ACTOR.to_owned(),
            action: "user.update".to_owned(),
            target: format!("user/{sub}"),
            reason: Some("observed at sign-in".to_owned()),
            request_id: request_id.to_owned(),
            details,
        }
    }

    fn about_user(
        action: &str,
        sub: &str,
        request_id: &str,
        details: Map<String, Value>,
    ) -> AuditEvent {
        AuditEvent {
            actor: sub.to_owned(),
            action: action.to_owned(),
            target: format!("user/{sub}"),
            reason: None,
            request_id: request_id.to_owned(),
            details,
        }
    }
}

/// A sealed audit record as stored and as returned by `GET /audit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    pub chain: Chain,
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

/// JSON in the JSON Canonicalization Scheme (RFC 8785), so any JCS implementation (and so an
/// auditor's own tools) reproduces the bytes that were hashed or signed.
pub fn canonical_json(value: &Value) -> String {
    // Serializing a `Value` cannot fail: its keys are strings and its numbers are finite.
    serde_json_canonicalizer::to_string(value).unwrap_or_default()
}

impl AuditRecord {
    /// Seals `event` as the record after `previous` in `company_id`'s `chain`.
    pub fn seal(
        company_id: &str,
        chain: Chain,
        previous: &ChainHead,
        at: String,
        event: AuditEvent,
    ) -> AuditRecord {
        let mut record = AuditRecord {
            chain,
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

    /// The canonical form (RFC 8785) of every field but the hashes, plus the tenant and the
    /// chain, so a record cannot be moved into another company's chain or the other chain.
    pub fn canonical(&self, company_id: &str) -> String {
        let mut map = Map::new();
        map.insert("companyId".into(), Value::from(company_id));
        map.insert("chain".into(), Value::from(self.chain.as_str()));
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

    pub fn head(&self) -> ChainHead {
        ChainHead {
            seq: self.seq,
            hash: self.hash.clone(),
            at: self.at.clone(),
        }
    }
}

/// The chain head: the last sealed record's number, hash and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// A statement "record `seq` of this chain has hash `hash`", signed with a key the table's
/// writers cannot use, and kept where they cannot rewrite it (the Object Lock archive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checkpoint {
    pub company_id: String,
    pub chain: Chain,
    pub seq: u64,
    pub hash: String,
    pub at: String,
}

/// The only signature algorithm checkpoints use: ECDSA P-256 over SHA-256, which KMS, OpenSSL
/// and every JOSE library verify.
pub const CHECKPOINT_ALGORITHM: &str = "ECDSA_SHA_256";

impl Checkpoint {
    pub fn of(company_id: &str, record: &AuditRecord) -> Checkpoint {
        Checkpoint {
            company_id: company_id.to_owned(),
            chain: record.chain,
            seq: record.seq,
            hash: record.hash.clone(),
            at: record.at.clone(),
        }
    }

    /// The bytes that are signed: the checkpoint's canonical JSON (RFC 8785) with a type tag,
    /// so a signature over anything else can never pass for a checkpoint.
    pub fn signing_payload(&self) -> Vec<u8> {
        let mut map = Map::new();
        map.insert("type".into(), Value::from("mypages.audit.checkpoint.v1"));
        map.insert("companyId".into(), Value::from(self.company_id.as_str()));
        map.insert("chain".into(), Value::from(self.chain.as_str()));
        map.insert("seq".into(), Value::from(self.seq));
        map.insert("hash".into(), Value::from(self.hash.as_str()));
        map.insert("at".into(), Value::from(self.at.as_str()));
        canonical_json(&Value::Object(map)).into_bytes()
    }

    pub fn head(&self) -> ChainHead {
        ChainHead {
            seq: self.seq,
            hash: self.hash.clone(),
            at: self.at.clone(),
        }
    }
}

/// A checkpoint with its signature, as stored in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedCheckpoint {
    pub checkpoint: Checkpoint,
    /// [`CHECKPOINT_ALGORITHM`].
    pub algorithm: String,
    /// The signing key (a KMS key ARN in AWS).
    pub key_id: String,
    /// DER-encoded ECDSA signature of [`Checkpoint::signing_payload`], base64.
    pub signature: String,
    pub signed_at: String,
}

/// Why a chain does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChainProblem {
    /// A record's hash does not match its contents.
    AlteredRecord,
    /// A record does not follow its predecessor (a record before it was removed or replaced).
    BrokenLink,
    /// The oldest record read is not the chain's start nor the signed checkpoint's record.
    MissingStart,
    /// The latest signed checkpoint's signature does not verify.
    BadCheckpointSignature,
    /// The signed checkpoint names a record the table no longer holds (the tail was removed).
    BehindCheckpoint,
    /// Records exist but the chain head is gone.
    MissingHead,
    /// The head does not name the last record: records were removed after it was written,
    /// or records exist past it.
    HeadMismatch,
    /// The archiver saw the table's copy of this record changed, removed (not by TTL) or
    /// inserted out of line with the last checkpoint, and stopped signing checkpoints.
    TamperingSeen,
}

/// What the archiver saw, kept in the archive as evidence: `GET /audit/verify` reports the
/// chain invalid for as long as one exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainBreak {
    pub company_id: String,
    pub chain: Chain,
    pub seq: u64,
    /// `modified`, `removed`, or the [`ChainProblem`] of a record that did not link.
    pub kind: String,
    pub seen_at: String,
}

/// The answer of `GET /audit/verify` for one chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    pub chain: Chain,
    pub valid: bool,
    /// Records read and checked in the table (from the checkpoint on).
    pub records: u64,
    /// The head's seq: how many records the chain has had (0 without a head).
    pub head_seq: u64,
    pub head_hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_seq: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<ChainProblem>,
    /// The signed checkpoint verification started from, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_seq: Option<u64>,
}

/// Recomputes a chain record by record (in ascending `seq`), so a long chain can be verified
/// page by page without holding it in memory. It starts at the chain's first record, or at
/// the record a verified checkpoint names (records before it are in the archive).
#[derive(Debug)]
pub struct ChainVerifier {
    company_id: String,
    chain: Chain,
    anchor: Option<Checkpoint>,
    /// Records sealed before this may have left the table by TTL (None: none may have).
    expired_before: Option<DateTime<Utc>>,
    records: u64,
    last: Option<ChainHead>,
    bad: Option<(u64, ChainProblem)>,
}

impl ChainVerifier {
    /// `anchor` must be a checkpoint whose signature was verified.
    pub fn new(company_id: &str, chain: Chain, anchor: Option<Checkpoint>) -> ChainVerifier {
        ChainVerifier {
            company_id: company_id.to_owned(),
            chain,
            anchor,
            expired_before: None,
            records: 0,
            last: None,
            bad: None,
        }
    }

    /// Verifies a table whose records expire after [`RETENTION_DAYS`]: at `now`, the
    /// checkpoint's own record may be gone if it is older than that.
    pub fn with_expiry_at(mut self, now: DateTime<Utc>) -> ChainVerifier {
        self.expired_before = Some(now - Duration::days(RETENTION_DAYS));
        self
    }

    /// Whether the anchor's record may have expired from the table (rather than been deleted).
    fn anchor_may_have_expired(&self, anchor: &Checkpoint) -> bool {
        self.expired_before.is_some_and(|before| {
            DateTime::parse_from_rfc3339(&anchor.at).is_ok_and(|at| at.with_timezone(&Utc) < before)
        })
    }

    /// The first `seq` worth reading: the anchor's record (it must still be there) or 1.
    pub fn start_seq(&self) -> u64 {
        self.anchor.as_ref().map_or(1, |a| a.seq)
    }

    /// A verifier for records that must continue a chain whose last record is `previous`
    /// (the archiver's check of a new batch against the last checkpoint).
    pub fn after(company_id: &str, chain: Chain, previous: ChainHead) -> ChainVerifier {
        let mut verifier = ChainVerifier::new(company_id, chain, None);
        verifier.last = Some(previous);
        verifier
    }

    /// The first bad record and its problem, if any, so far.
    pub fn first_problem(&self) -> Option<(u64, ChainProblem)> {
        self.bad
    }

    /// A verifier that reports a checkpoint whose signature failed; nothing else is trusted.
    pub fn bad_checkpoint(company_id: &str, chain: Chain, seq: u64) -> ChainVerifier {
        let mut verifier = ChainVerifier::new(company_id, chain, None);
        verifier.bad = Some((seq, ChainProblem::BadCheckpointSignature));
        verifier
    }

    fn flag(&mut self, seq: u64, problem: ChainProblem) {
        if self.bad.is_none() {
            self.bad = Some((seq, problem));
        }
    }

    pub fn push(&mut self, record: &AuditRecord) {
        self.records += 1;
        if self.bad.is_some() {
            return;
        }
        let linked = match (&self.last, &self.anchor) {
            (Some(previous), _) => {
                record.seq == previous.seq + 1
                    && record.prev_hash == previous.hash
                    && record.prev_at == previous.at
            }
            // The checkpoint's own record, or, once TTL has removed that record from the
            // table, its successor.
            (None, Some(anchor)) => {
                (record.seq == anchor.seq && record.hash == anchor.hash)
                    || (self.anchor_may_have_expired(anchor)
                        && record.seq == anchor.seq + 1
                        && record.prev_hash == anchor.hash
                        && record.prev_at == anchor.at)
            }
            (None, None) => {
                record.seq == 1 && record.prev_hash == GENESIS_HASH && record.prev_at.is_empty()
            }
        };
        if !linked {
            let problem = if self.last.is_some() {
                ChainProblem::BrokenLink
            } else {
                ChainProblem::MissingStart
            };
            self.flag(record.seq, problem);
        } else if record.chain != self.chain || record.compute_hash(&self.company_id) != record.hash
        {
            self.flag(record.seq, ChainProblem::AlteredRecord);
        }
        self.last = Some(record.head());
    }

    /// Compares the end of the chain with the stored head and the anchor: a removed head, a
    /// removed or rewound tail, and records past the head all show here.
    pub fn finish(mut self, head: Option<ChainHead>) -> ChainReport {
        if self.bad.is_none() {
            match (&self.last, &head, &self.anchor) {
                (None, None, None) => {}
                // A quiet chain whose records have all expired: the head is the checkpoint's.
                (None, Some(head), Some(anchor))
                    if head.seq == anchor.seq
                        && head.hash == anchor.hash
                        && self.anchor_may_have_expired(anchor) => {}
                (None, _, Some(anchor)) => {
                    let seq = anchor.seq;
                    self.flag(seq, ChainProblem::BehindCheckpoint);
                }
                (None, Some(_), None) => self.flag(1, ChainProblem::MissingStart),
                (Some(last), None, _) => {
                    let seq = last.seq + 1;
                    self.flag(seq, ChainProblem::MissingHead);
                }
                (Some(last), Some(head), _) => {
                    if last.seq != head.seq || last.hash != head.hash {
                        let seq = last.seq.min(head.seq) + 1;
                        self.flag(seq, ChainProblem::HeadMismatch);
                    }
                }
            }
        }
        ChainReport {
            chain: self.chain,
            valid: self.bad.is_none(),
            records: self.records,
            head_seq: head.as_ref().map_or(0, |h| h.seq),
            head_hash: head.map_or_else(|| GENESIS_HASH.to_owned(), |h| h.hash),
            first_bad_seq: self.bad.map(|(seq, _)| seq),
            problem: self.bad.map(|(_, problem)| problem),
            checkpoint_seq: self.anchor.map(|a| a.seq),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_of(kind: Chain, n: u64) -> Vec<AuditRecord> {
        let mut records: Vec<AuditRecord> = Vec::new();
        let mut head = ChainHead::genesis();
        for i in 0..n {
            let record = AuditRecord::seal(
                "co1",
                kind,
                &head,
                format!("2026-01-01T00:00:{i:02}.000Z"),
                AuditEvent {
                    actor: "sub-1".into(),
                    action: "contract.update".into(),
                    target: "contract/abc".into(),
                    reason: Some("uplift".into()),
                    request_id: format!("req-{i}"),
                    details: Map::new(),
                },
            );
            head = record.head();
            records.push(record);
        }
        records
    }

    fn chain(n: u64) -> Vec<AuditRecord> {
        chain_of(Chain::Data, n)
    }

    fn head_of(records: &[AuditRecord]) -> Option<ChainHead> {
        records.last().map(AuditRecord::head)
    }

    fn verify_from(
        records: &[AuditRecord],
        anchor: Option<Checkpoint>,
        head: Option<ChainHead>,
    ) -> ChainReport {
        let mut verifier = ChainVerifier::new("co1", Chain::Data, anchor);
        records.iter().for_each(|r| verifier.push(r));
        verifier.finish(head)
    }

    fn verify(records: &[AuditRecord]) -> ChainReport {
        verify_from(records, None, head_of(records))
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let records = chain(5);
        let report = verify(&records);
        assert!(report.valid, "{report:?}");
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
            "{\"action\":\"contract.update\",\"actor\":\"sub-1\",\"at\":\"2026-01-01T00:00:00.000Z\",\"chain\":\"data\",\"companyId\":\"co1\",\"details\":{},\"prevAt\":\"\",\"reason\":\"uplift\",\"requestId\":\"req-0\",\"seq\":1,\"target\":\"contract/abc\"}"
        );
        assert_eq!(record.hash, EXPECTED_FIRST_HASH);
    }

    // Computed independently: sha256(canonical ‖ 64 zeros) with Python's hashlib.
    const EXPECTED_FIRST_HASH: &str =
        "a35d58205f8d6b4f0d47f14ab75f20f7c9b75a08b386b8cd31861c5563168e32";

    #[test]
    fn canonical_json_follows_rfc_8785() {
        // RFC 8785 §3.2.3 sorts keys by UTF-16 code units: "\u{10000}" (a surrogate pair,
        // 0xD800…) sorts before "\u{FB33}", unlike a sort by code point; numbers are written
        // the ECMAScript way (1e+21, 0.000001 → 0.000001, 1e-7).
        let value: Value = serde_json::from_str(
            r#"{"b":{"z":1,"a":[{"y":2,"x":"é"}]},"a":null,"\ufb33":1,"\ud800\udc00":2,"n":[1e21,1.5e-7,100.0]}"#,
        )
        .unwrap_or_default();
        assert_eq!(
            canonical_json(&value),
            "{\"a\":null,\"b\":{\"a\":[{\"x\":\"é\",\"y\":2}],\"z\":1},\"n\":[1e+21,1.5e-7,100],\"\u{10000}\":2,\"\u{fb33}\":1}"
        );
    }

    #[test]
    fn a_changed_reason_is_named_by_its_seq() {
        let mut records = chain(5);
        records[2].reason = Some("nothing to see".into());
        let report = verify(&records);
        assert_eq!(report.first_bad_seq, Some(3));
        assert_eq!(report.problem, Some(ChainProblem::AlteredRecord));
    }

    #[test]
    fn a_removed_record_breaks_the_next_link() {
        let mut records = chain(5);
        records.remove(1);
        let report = verify(&records);
        assert_eq!(report.first_bad_seq, Some(3));
        assert_eq!(report.problem, Some(ChainProblem::BrokenLink));
    }

    #[test]
    fn a_removed_last_record_shows_against_the_head() {
        let records = chain(5);
        let report = verify_from(&records[..4], None, head_of(&records));
        assert_eq!(report.first_bad_seq, Some(5));
        assert_eq!(report.problem, Some(ChainProblem::HeadMismatch));
    }

    #[test]
    fn records_past_the_head_are_found() {
        let records = chain(5);
        let report = verify_from(&records, None, head_of(&records[..3]));
        assert_eq!(report.first_bad_seq, Some(4));
        assert_eq!(report.problem, Some(ChainProblem::HeadMismatch));
    }

    #[test]
    fn a_missing_head_is_found() {
        let records = chain(3);
        let report = verify_from(&records, None, None);
        assert!(!report.valid);
        assert_eq!(report.problem, Some(ChainProblem::MissingHead));
    }

    #[test]
    fn a_head_without_records_is_found() {
        let records = chain(3);
        let report = verify_from(&[], None, head_of(&records));
        assert_eq!(report.problem, Some(ChainProblem::MissingStart));
    }

    #[test]
    fn an_empty_chain_without_head_verifies() {
        assert!(verify_from(&[], None, None).valid);
    }

    #[test]
    fn a_record_moved_to_another_tenant_does_not_verify() {
        let records = chain(2);
        let mut verifier = ChainVerifier::new("co2", Chain::Data, None);
        records.iter().for_each(|r| verifier.push(r));
        assert_eq!(verifier.finish(head_of(&records)).first_bad_seq, Some(1));
    }

    #[test]
    fn a_record_moved_to_the_other_chain_does_not_verify() {
        let records = chain_of(Chain::Security, 2);
        let moved: Vec<AuditRecord> = records
            .iter()
            .cloned()
            .map(|mut r| {
                r.chain = Chain::Data;
                r
            })
            .collect();
        let report = verify(&moved);
        assert_eq!(report.problem, Some(ChainProblem::AlteredRecord));
    }

    #[test]
    fn removed_oldest_records_without_a_checkpoint_are_found() {
        let records = chain(5);
        let report = verify(&records[2..]);
        assert_eq!(report.first_bad_seq, Some(3));
        assert_eq!(report.problem, Some(ChainProblem::MissingStart));
    }

    #[test]
    fn a_checkpoint_anchors_a_chain_whose_start_is_archived() {
        let records = chain(6);
        let anchor = Checkpoint::of("co1", &records[2]);
        let report = verify_from(&records[2..], Some(anchor), head_of(&records));
        assert!(report.valid, "{report:?}");
        assert_eq!(report.records, 4);
        assert_eq!(report.checkpoint_seq, Some(3));
    }

    #[test]
    fn a_tail_removed_behind_the_checkpoint_is_found_even_with_a_rewound_head() {
        // The writer deletes records 4..6 and rewinds the head to record 3: the table alone
        // is consistent, but the signed checkpoint at 5 says more existed.
        let records = chain(6);
        let anchor = Checkpoint::of("co1", &records[4]);
        let report = verify_from(&records[4..4], Some(anchor), head_of(&records[..3]));
        assert!(!report.valid);
        assert_eq!(report.problem, Some(ChainProblem::BehindCheckpoint));
        assert_eq!(report.first_bad_seq, Some(5));
    }

    #[test]
    fn a_quiet_chain_whose_records_expired_still_verifies_from_its_checkpoint() {
        let records = chain(4);
        let anchor = Checkpoint::of("co1", &records[3]);
        let verify_at = |now: &str| {
            let now = DateTime::parse_from_rfc3339(now)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default();
            ChainVerifier::new("co1", Chain::Data, Some(anchor.clone()))
                .with_expiry_at(now)
                .finish(head_of(&records))
        };
        assert!(
            verify_at("2027-03-01T00:00:00Z").valid,
            "past the retention"
        );
        // A month later the record cannot have expired: it was deleted.
        assert_eq!(
            verify_at("2026-02-01T00:00:00Z").problem,
            Some(ChainProblem::BehindCheckpoint)
        );
    }

    #[test]
    fn the_successor_of_an_expired_checkpoint_record_anchors_the_chain() {
        let records = chain(5);
        let anchor = Checkpoint::of("co1", &records[2]);
        let later = DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let verify = |from: usize, expiring: bool| {
            let mut verifier = ChainVerifier::new("co1", Chain::Data, Some(anchor.clone()));
            if expiring {
                verifier = verifier.with_expiry_at(later);
            }
            records[from..].iter().for_each(|r| verifier.push(r));
            verifier.finish(head_of(&records))
        };
        assert!(verify(3, true).valid);
        // Not any later record: one missing after the checkpoint is a gap.
        assert_eq!(verify(4, true).problem, Some(ChainProblem::MissingStart));
        // And without expiry (the offline archive), the checkpoint's record must be there.
        assert_eq!(verify(3, false).problem, Some(ChainProblem::MissingStart));
    }

    #[test]
    fn a_replaced_checkpoint_record_is_found() {
        let records = chain(4);
        let mut anchor = Checkpoint::of("co1", &records[1]);
        anchor.hash = GENESIS_HASH.into();
        let report = verify_from(&records[1..], Some(anchor), head_of(&records));
        assert_eq!(report.problem, Some(ChainProblem::MissingStart));
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

    #[test]
    fn the_checkpoint_payload_is_canonical_and_typed() {
        let records = chain(1);
        let payload = Checkpoint::of("co1", &records[0]).signing_payload();
        assert_eq!(
            String::from_utf8(payload).unwrap_or_default(),
            format!(
                "{{\"at\":\"2026-01-01T00:00:00.000Z\",\"chain\":\"data\",\"companyId\":\"co1\",\"hash\":\"{}\",\"seq\":1,\"type\":\"mypages.audit.checkpoint.v1\"}}",
                records[0].hash
            )
        );
    }
}
