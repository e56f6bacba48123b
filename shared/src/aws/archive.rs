//! The audit archive: every sealed record and every signed checkpoint, written once into a
//! bucket with S3 Object Lock (compliance mode), so the records outlive the table's TTL and
//! the checkpoints sit where the table's writers cannot rewrite them.
//!
//! Layout (one object per stream batch of one chain, one checkpoint per batch):
//! - `records/<companyId>/<chain>/<firstSeq:012>-<lastSeq:012>.jsonl`: one [`ArchivedRecord`]
//!   (JSON) per line, in ascending `seq`;
//! - `checkpoints/<companyId>/<chain>/<u64::MAX - seq:020>.json`: a [`SignedCheckpoint`];
//!   the inverted number makes the latest checkpoint the first key S3 lists.

use aws_sdk_s3::Client;

use super::sdk::LazyClient;
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_s3::primitives::ByteStream;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::domain::audit::{AuditRecord, Chain, ChainBreak, SignedCheckpoint};

#[derive(Debug, Error)]
pub enum ArchiveError {
    #[error("archive bucket: {0}")]
    Storage(String),
    #[error("archive object {key} does not parse: {reason}")]
    Unreadable { key: String, reason: String },
    #[error("nothing to archive")]
    Empty,
}

fn storage<E, R>(error: SdkError<E, R>) -> ArchiveError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    ArchiveError::Storage(format!("{}", DisplayErrorContext(&error)))
}

/// One line of a records object: an audit record with its tenant, in the field names of the
/// API, so an auditor recomputes its hash from the line alone (see
/// [`AuditRecord::canonical`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArchivedRecord {
    pub company_id: String,
    pub chain: Chain,
    pub seq: u64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub reason: Option<String>,
    pub request_id: String,
    pub details: Map<String, Value>,
    pub prev_at: String,
    pub prev_hash: String,
    pub hash: String,
}

impl ArchivedRecord {
    pub fn of(company_id: &str, record: &AuditRecord) -> ArchivedRecord {
        ArchivedRecord {
            company_id: company_id.to_owned(),
            chain: record.chain,
            seq: record.seq,
            at: record.at.clone(),
            actor: record.actor.clone(),
            action: record.action.clone(),
            target: record.target.clone(),
            reason: record.reason.clone(),
            request_id: record.request_id.clone(),
            details: record.details.clone(),
            prev_at: record.prev_at.clone(),
            prev_hash: record.prev_hash.clone(),
            hash: record.hash.clone(),
        }
    }

    pub fn record(&self) -> AuditRecord {
        AuditRecord {
            chain: self.chain,
            seq: self.seq,
            at: self.at.clone(),
            actor: self.actor.clone(),
            action: self.action.clone(),
            target: self.target.clone(),
            reason: self.reason.clone(),
            request_id: self.request_id.clone(),
            details: self.details.clone(),
            hash: self.hash.clone(),
            prev_hash: self.prev_hash.clone(),
            prev_at: self.prev_at.clone(),
        }
    }
}

pub const RECORDS_PREFIX: &str = "records/";
pub const CHECKPOINTS_PREFIX: &str = "checkpoints/";
pub const BREAKS_PREFIX: &str = "breaks/";

pub fn breaks_prefix(company_id: &str, chain: Chain) -> String {
    format!("{BREAKS_PREFIX}{company_id}/{}/", chain.as_str())
}

/// One object per record and kind, listed in seq order.
pub fn break_key(company_id: &str, chain: Chain, seq: u64, kind: &str) -> String {
    format!("{}{seq:012}-{kind}.json", breaks_prefix(company_id, chain))
}

pub fn records_prefix(company_id: &str, chain: Chain) -> String {
    format!("{RECORDS_PREFIX}{company_id}/{}/", chain.as_str())
}

/// The key of the batch `first..=last`: a re-delivered batch maps to the same key.
pub fn records_key(company_id: &str, chain: Chain, first: u64, last: u64) -> String {
    format!(
        "{}{first:012}-{last:012}.jsonl",
        records_prefix(company_id, chain)
    )
}

pub fn checkpoints_prefix(company_id: &str, chain: Chain) -> String {
    format!("{CHECKPOINTS_PREFIX}{company_id}/{}/", chain.as_str())
}

pub fn checkpoint_key(company_id: &str, chain: Chain, seq: u64) -> String {
    format!(
        "{}{:020}.json",
        checkpoints_prefix(company_id, chain),
        u64::MAX - seq
    )
}

/// The records as the lines of one records object.
pub fn records_jsonl(company_id: &str, records: &[AuditRecord]) -> String {
    records
        .iter()
        .map(|r| {
            // Serializing plain strings, numbers and a `Map` cannot fail.
            let mut line =
                serde_json::to_string(&ArchivedRecord::of(company_id, r)).unwrap_or_default();
            line.push('\n');
            line
        })
        .collect()
}

/// Parses a records object; `key` names it in the error.
pub fn parse_records_jsonl(key: &str, text: &str) -> Result<Vec<ArchivedRecord>, ArchiveError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line).map_err(|e| ArchiveError::Unreadable {
                key: key.to_owned(),
                reason: format!("line {}: {e}", number + 1),
            })
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct Archive {
    client: LazyClient<Client>,
    bucket: String,
}

impl Archive {
    pub fn new(client: LazyClient<Client>, bucket: &str) -> Archive {
        Archive {
            client,
            bucket: bucket.to_owned(),
        }
    }

    pub fn client(&self) -> &LazyClient<Client> {
        &self.client
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// Writes one batch of a chain (`records` in ascending `seq`) as one object.
    pub async fn put_records(
        &self,
        company_id: &str,
        chain: Chain,
        records: &[AuditRecord],
    ) -> Result<(), ArchiveError> {
        let (Some(first), Some(last)) = (records.first(), records.last()) else {
            return Err(ArchiveError::Empty);
        };
        let key = records_key(company_id, chain, first.seq, last.seq);
        let body = records_jsonl(company_id, records);
        self.put_once(&key, body.into_bytes(), "application/x-ndjson")
            .await
    }

    pub async fn put_checkpoint(&self, signed: &SignedCheckpoint) -> Result<(), ArchiveError> {
        let checkpoint = &signed.checkpoint;
        let key = checkpoint_key(&checkpoint.company_id, checkpoint.chain, checkpoint.seq);
        let body = serde_json::to_vec(signed).map_err(|e| ArchiveError::Unreadable {
            key: key.clone(),
            reason: e.to_string(),
        })?;
        self.put_once(&key, body, "application/json").await
    }

    /// Puts `body` unless the key exists (`If-None-Match: *`): the archive is write-once, so
    /// a re-delivered batch adds no object version. Records are immutable, so an existing
    /// records object holds the same lines; an existing checkpoint holds the first signature
    /// of the same checkpoint (ECDSA signatures differ each time). Either way the first
    /// write stands, and the offline verify checks what is there.
    async fn put_once(
        &self,
        key: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> Result<(), ArchiveError> {
        let put = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .if_none_match("*")
            .body(ByteStream::from(body))
            .send()
            .await;
        match put {
            Ok(_) => Ok(()),
            Err(error) if error.code() == Some("PreconditionFailed") => Ok(()),
            Err(error) => Err(storage(error)),
        }
    }

    /// Keeps what the archiver saw of a tampered record (write-once, like everything here).
    pub async fn put_break(&self, found: &ChainBreak) -> Result<(), ArchiveError> {
        let key = break_key(&found.company_id, found.chain, found.seq, &found.kind);
        let body = serde_json::to_vec(found).map_err(|e| ArchiveError::Unreadable {
            key: key.clone(),
            reason: e.to_string(),
        })?;
        self.put_once(&key, body, "application/json").await
    }

    /// The chain's earliest recorded break, if any.
    pub async fn first_break(
        &self,
        company_id: &str,
        chain: Chain,
    ) -> Result<Option<ChainBreak>, ArchiveError> {
        let Some((key, bytes)) = self.first_object(&breaks_prefix(company_id, chain)).await? else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| ArchiveError::Unreadable {
                key,
                reason: e.to_string(),
            })
    }

    /// The first key under `prefix` (keys list in order) and its content.
    async fn first_object(&self, prefix: &str) -> Result<Option<(String, Vec<u8>)>, ArchiveError> {
        let listed = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(prefix)
            .max_keys(1)
            .send()
            .await
            .map_err(storage)?;
        let Some(key) = listed.contents().first().and_then(|o| o.key()) else {
            return Ok(None);
        };
        let bytes = self.read_object(key).await?;
        Ok(Some((key.to_owned(), bytes)))
    }

    async fn read_object(&self, key: &str) -> Result<Vec<u8>, ArchiveError> {
        let out = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(storage)?;
        let bytes = out
            .body
            .collect()
            .await
            .map_err(|e| ArchiveError::Storage(format!("reading {key}: {e}")))?;
        Ok(bytes.into_bytes().to_vec())
    }

    /// The chain's latest signed checkpoint (its signature is not checked here). A
    /// checkpoint object that does not parse, or names another chain or record than its key,
    /// is an error: answering "none" would let a damaged archive pass as an empty one.
    pub async fn latest_checkpoint(
        &self,
        company_id: &str,
        chain: Chain,
    ) -> Result<Option<SignedCheckpoint>, ArchiveError> {
        let Some((key, bytes)) = self
            .first_object(&checkpoints_prefix(company_id, chain))
            .await?
        else {
            return Ok(None);
        };
        let signed = parse_checkpoint(&key, &bytes)?;
        let c = &signed.checkpoint;
        if checkpoint_key(&c.company_id, c.chain, c.seq) != key
            || c.company_id != company_id
            || c.chain != chain
        {
            return Err(ArchiveError::Unreadable {
                key,
                reason: "the checkpoint names another chain or record than its key".into(),
            });
        }
        Ok(Some(signed))
    }
}

pub fn parse_checkpoint(key: &str, bytes: &[u8]) -> Result<SignedCheckpoint, ArchiveError> {
    serde_json::from_slice(bytes).map_err(|e| ArchiveError::Unreadable {
        key: key.to_owned(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{AuditEvent, ChainHead};

    fn record(seq: u64) -> AuditRecord {
        let mut head = ChainHead::genesis();
        head.seq = seq - 1;
        AuditRecord::seal(
            "co1",
            Chain::Security,
            &head,
            "2026-01-01T00:00:00.000Z".into(),
            AuditEvent {
                actor: "sub-1".into(),
                action: "auth.login".into(),
                target: "user/sub-1".into(),
                reason: None,
                request_id: "req-1".into(),
                details: Map::new(),
            },
        )
    }

    #[test]
    fn the_latest_checkpoint_sorts_first() {
        let keys = [1u64, 9, 10, 123_456_789_012]
            .map(|seq| checkpoint_key("co1", Chain::Data, seq))
            .to_vec();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted.first(), keys.last());
        assert_eq!(
            keys[0],
            "checkpoints/co1/data/18446744073709551614.json".to_owned()
        );
    }

    #[test]
    fn a_batch_key_names_its_first_and_last_seq() {
        assert_eq!(
            records_key("co1", Chain::Security, 3, 12),
            "records/co1/security/000000000003-000000000012.jsonl"
        );
    }

    #[test]
    fn an_archived_line_carries_every_field_and_reads_back_to_the_record() {
        let records = [record(1), record(2)];
        let text = records_jsonl("co1", &records);
        let first: Value =
            serde_json::from_str(text.lines().next().unwrap_or_default()).unwrap_or_default();
        let mut names: Vec<&str> = first
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "action",
                "actor",
                "at",
                "chain",
                "companyId",
                "details",
                "hash",
                "prevAt",
                "prevHash",
                "reason",
                "requestId",
                "seq",
                "target"
            ]
        );
        let back = parse_records_jsonl("k", &text).unwrap_or_default();
        let back: Vec<AuditRecord> = back.iter().map(ArchivedRecord::record).collect();
        assert_eq!(back, records);
        assert_eq!(back[1].compute_hash("co1"), records[1].hash);
    }

    #[test]
    fn a_line_with_an_unknown_field_is_refused_with_its_line_number() {
        let mut text = records_jsonl("co1", &[record(1)]);
        text.push_str("{\"extra\":1}\n");
        let error = parse_records_jsonl("k", &text).err().map(|e| e.to_string());
        assert!(
            error.as_deref().is_some_and(|e| e.contains("line 2")),
            "{error:?}"
        );
    }
}
