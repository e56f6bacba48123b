//! The offline verify of an exported audit archive: no AWS, only the files and the signing
//! key's public half. Every chain is recomputed from its first record with the domain's own
//! rules ([`ChainVerifier`]), every checkpoint's signature is checked and its `(seq, hash)`
//! matched against the archived record.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mypages::aws::archive::{
    ArchivedRecord, CHECKPOINTS_PREFIX, RECORDS_PREFIX, checkpoint_key, parse_checkpoint,
    parse_records_jsonl,
};
use mypages::domain::audit::{
    AuditRecord, CHECKPOINT_ALGORITHM, Chain, ChainProblem, ChainVerifier, Checkpoint,
    SignedCheckpoint,
};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum VerifyError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("not a P-256 public key in PEM (SubjectPublicKeyInfo): {0}")]
    PublicKey(String),
}

/// What is wrong with an archive, each naming the record or file concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A file that is not where the layout puts it, or does not parse.
    Unreadable { file: String, reason: String },
    /// A line in the file of another company or chain.
    Misplaced { file: String, seq: u64 },
    /// Two different records with one `seq`.
    Conflicting { seq: u64 },
    /// Records `from..=to` are not in the archive.
    Missing { from: u64, to: u64 },
    /// The record's hash does not match its contents.
    Altered { seq: u64 },
    /// The record does not follow the one before it.
    BrokenLink { seq: u64 },
    /// The checkpoint's signature does not verify with the given key.
    BadSignature { seq: u64, file: String },
    /// The signed hash is not the archived record's hash.
    CheckpointMismatch { seq: u64, file: String },
    /// The checkpoint names a record the archive does not hold.
    CheckpointWithoutRecord { seq: u64, file: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unreadable { file, reason } => write!(f, "{file}: {reason}"),
            Problem::Misplaced { file, seq } => {
                write!(f, "record {seq} in {file} belongs to another chain")
            }
            Problem::Conflicting { seq } => write!(f, "record {seq}: two different versions"),
            Problem::Missing { from, to } if from == to => write!(f, "record {from} is missing"),
            Problem::Missing { from, to } => write!(f, "records {from}..{to} are missing"),
            Problem::Altered { seq } => {
                write!(f, "record {seq} was altered (its hash does not match)")
            }
            Problem::BrokenLink { seq } => {
                write!(
                    f,
                    "record {seq} does not link to record {}",
                    seq.saturating_sub(1)
                )
            }
            Problem::BadSignature { seq, file } => {
                write!(f, "checkpoint {seq} ({file}): bad signature")
            }
            Problem::CheckpointMismatch { seq, file } => write!(
                f,
                "checkpoint {seq} ({file}) signs another hash than record {seq}"
            ),
            Problem::CheckpointWithoutRecord { seq, file } => {
                write!(
                    f,
                    "checkpoint {seq} ({file}) names a record not in the archive"
                )
            }
        }
    }
}

/// The verdict on one chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainSummary {
    pub company_id: String,
    pub chain: Chain,
    pub records: u64,
    pub last_seq: Option<u64>,
    pub checkpoints: u64,
    /// The highest checkpoint whose signature and record check out.
    pub signed_up_to: Option<u64>,
    pub problems: Vec<Problem>,
}

impl ChainSummary {
    pub fn valid(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for ChainSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}/{}: {} records",
            if self.valid() { "VALID  " } else { "INVALID" },
            self.company_id,
            self.chain.as_str(),
            self.records
        )?;
        if let Some(last) = self.last_seq {
            write!(f, " (1..{last})")?;
        }
        write!(f, ", {} checkpoints", self.checkpoints)?;
        match (self.signed_up_to, self.last_seq) {
            (Some(signed), Some(last)) if signed < last => write!(
                f,
                ", signed up to {signed} ({} later records not yet under a checkpoint)",
                last - signed
            )?,
            (Some(signed), _) => write!(f, ", signed up to {signed}")?,
            (None, _) => write!(f, ", no valid checkpoint")?,
        }
        for problem in &self.problems {
            write!(f, "\n    {problem}")?;
        }
        Ok(())
    }
}

/// The verdict on a whole archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub chains: Vec<ChainSummary>,
    /// Files outside any chain's place in the layout.
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn valid(&self) -> bool {
        self.problems.is_empty() && self.chains.iter().all(ChainSummary::valid)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chain in &self.chains {
            writeln!(f, "{chain}")?;
        }
        for problem in &self.problems {
            writeln!(f, "INVALID {problem}")?;
        }
        let bad = self.chains.iter().filter(|c| !c.valid()).count();
        write!(
            f,
            "{} chains, {} invalid: the archive is {}",
            self.chains.len(),
            bad,
            if self.valid() { "VALID" } else { "INVALID" }
        )
    }
}

impl Report {
    /// The one JSON object `audit verify --json` prints: `{companyId, valid, records,
    /// checkpoints, problems}`, each problem a sentence naming its chain (or file).
    pub fn to_json(&self, company_id: Option<&str>) -> serde_json::Value {
        let problems: Vec<String> = self
            .chains
            .iter()
            .flat_map(|c| {
                c.problems
                    .iter()
                    .map(move |p| format!("{}/{}: {p}", c.company_id, c.chain.as_str()))
            })
            .chain(self.problems.iter().map(ToString::to_string))
            .collect();
        serde_json::json!({
            "companyId": company_id,
            "valid": self.valid(),
            "records": self.chains.iter().map(|c| c.records).sum::<u64>(),
            "checkpoints": self.chains.iter().map(|c| c.checkpoints).sum::<u64>(),
            "problems": problems,
        })
    }
}

pub fn public_key_from_pem(pem: &str) -> Result<VerifyingKey, VerifyError> {
    VerifyingKey::from_public_key_pem(pem.trim()).map_err(|e| VerifyError::PublicKey(e.to_string()))
}

#[derive(Default)]
struct ChainFiles {
    /// By seq; a second, different version of a seq is kept aside as a conflict.
    records: BTreeMap<u64, AuditRecord>,
    checkpoints: Vec<(String, SignedCheckpoint)>,
    problems: Vec<Problem>,
}

/// Verifies the archive exported into `dir` (the bucket's `records/` and `checkpoints/`).
pub fn verify_dir(dir: &Path, key: &VerifyingKey) -> Result<Report, VerifyError> {
    let mut chains: BTreeMap<(String, Chain), ChainFiles> = BTreeMap::new();
    let mut report = Report::default();
    for (root, is_records) in [(RECORDS_PREFIX, true), (CHECKPOINTS_PREFIX, false)] {
        for (relative, path) in files_under(&dir.join(root.trim_end_matches('/')), root)? {
            let Some((company_id, chain)) = chain_of(&relative, root) else {
                report.problems.push(Problem::Unreadable {
                    file: relative,
                    reason: "not in <companyId>/<chain>/".into(),
                });
                continue;
            };
            let bytes = std::fs::read(&path).map_err(|e| VerifyError::Read(path.clone(), e))?;
            let files = chains.entry((company_id.clone(), chain)).or_default();
            if is_records {
                add_records(files, &relative, &bytes, &company_id, chain);
            } else {
                add_checkpoint(files, &relative, &bytes, &company_id, chain);
            }
        }
    }
    for ((company_id, chain), files) in chains {
        report
            .chains
            .push(verify_chain(&company_id, chain, files, key));
    }
    Ok(report)
}

/// Every file under `dir`, with its key (`prefix` + the path below `dir`).
fn files_under(dir: &Path, prefix: &str) -> Result<Vec<(String, PathBuf)>, VerifyError> {
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| VerifyError::Read(current.clone(), e))?;
        for entry in entries {
            let path = entry
                .map_err(|e| VerifyError::Read(current.clone(), e))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(below) = path.strip_prefix(dir) {
                let key = format!("{prefix}{}", below.to_string_lossy().replace('\\', "/"));
                found.push((key, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn chain_of(key: &str, root: &str) -> Option<(String, Chain)> {
    let mut parts = key.strip_prefix(root)?.split('/');
    let company = parts.next().filter(|c| !c.is_empty())?;
    let chain = Chain::parse(parts.next()?)?;
    let _file = parts.next()?;
    parts.next().is_none().then(|| (company.to_owned(), chain))
}

fn add_records(files: &mut ChainFiles, key: &str, bytes: &[u8], company_id: &str, chain: Chain) {
    let text = String::from_utf8_lossy(bytes);
    let lines = match parse_records_jsonl(key, &text) {
        Ok(lines) => lines,
        Err(error) => {
            files.problems.push(Problem::Unreadable {
                file: key.to_owned(),
                reason: error.to_string(),
            });
            return;
        }
    };
    for line in lines {
        if line.company_id != company_id || line.chain != chain {
            files.problems.push(Problem::Misplaced {
                file: key.to_owned(),
                seq: line.seq,
            });
            continue;
        }
        let record = ArchivedRecord::record(&line);
        match files.records.get(&record.seq) {
            // A batch delivered twice under two groupings holds the same record twice.
            Some(known) if *known == record => {}
            Some(_) => files
                .problems
                .push(Problem::Conflicting { seq: record.seq }),
            None => {
                files.records.insert(record.seq, record);
            }
        }
    }
}

fn add_checkpoint(files: &mut ChainFiles, key: &str, bytes: &[u8], company_id: &str, chain: Chain) {
    match parse_checkpoint(key, bytes) {
        Ok(signed) => {
            let c = &signed.checkpoint;
            if c.company_id != company_id
                || c.chain != chain
                || checkpoint_key(company_id, chain, c.seq) != key
            {
                files.problems.push(Problem::Unreadable {
                    file: key.to_owned(),
                    reason: format!("names record {} of another chain or key", c.seq),
                });
            } else {
                files.checkpoints.push((key.to_owned(), signed));
            }
        }
        Err(error) => files.problems.push(Problem::Unreadable {
            file: key.to_owned(),
            reason: error.to_string(),
        }),
    }
}

/// Whether `signed` is a checkpoint signature by `key`: DER-encoded ECDSA P-256 over SHA-256
/// of the checkpoint's canonical payload, exactly what `openssl dgst -sha256 -verify` checks.
pub fn signature_valid(signed: &SignedCheckpoint, key: &VerifyingKey) -> bool {
    if signed.algorithm != CHECKPOINT_ALGORITHM {
        return false;
    }
    let Ok(der) = STANDARD.decode(&signed.signature) else {
        return false;
    };
    let Ok(signature) = Signature::from_der(&der) else {
        return false;
    };
    key.verify(&signed.checkpoint.signing_payload(), &signature)
        .is_ok()
}

fn verify_chain(
    company_id: &str,
    chain: Chain,
    files: ChainFiles,
    key: &VerifyingKey,
) -> ChainSummary {
    let ChainFiles {
        records,
        mut checkpoints,
        mut problems,
    } = files;
    let records: Vec<AuditRecord> = records.into_values().collect();
    problems.extend(chain_problems(company_id, chain, &records));

    checkpoints.sort_by_key(|(_, signed)| signed.checkpoint.seq);
    let mut signed_up_to = None;
    for (file, signed) in &checkpoints {
        let seq = signed.checkpoint.seq;
        let problem = if !signature_valid(signed, key) {
            Some(Problem::BadSignature {
                seq,
                file: file.clone(),
            })
        } else {
            match records.binary_search_by_key(&seq, |r| r.seq) {
                Err(_) => Some(Problem::CheckpointWithoutRecord {
                    seq,
                    file: file.clone(),
                }),
                Ok(index) if records[index].hash != signed.checkpoint.hash => {
                    Some(Problem::CheckpointMismatch {
                        seq,
                        file: file.clone(),
                    })
                }
                Ok(_) => None,
            }
        };
        match problem {
            Some(problem) => problems.push(problem),
            None => signed_up_to = Some(seq),
        }
    }
    ChainSummary {
        company_id: company_id.to_owned(),
        chain,
        records: records.len() as u64,
        last_seq: records.last().map(|r| r.seq),
        checkpoints: checkpoints.len() as u64,
        signed_up_to,
        problems,
    }
}

/// Every break in `records` (ascending, one per seq), not only the first: after a problem
/// the domain's verifier starts again from the next record it can still check, anchored
/// there as if a checkpoint named it.
fn chain_problems(company_id: &str, chain: Chain, records: &[AuditRecord]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut start = 0;
    let mut anchor: Option<Checkpoint> = None;
    while start < records.len() {
        let rest = &records[start..];
        let anchored = anchor.is_some();
        let mut verifier = ChainVerifier::new(company_id, chain, anchor.take());
        rest.iter().for_each(|r| verifier.push(r));
        let report = verifier.finish(rest.last().map(AuditRecord::head));
        let (Some(seq), Some(problem)) = (report.first_bad_seq, report.problem) else {
            break;
        };
        let Some(index) = rest.iter().position(|r| r.seq == seq).map(|i| start + i) else {
            break;
        };
        let previous = index.checked_sub(1).map_or(0, |i| records[i].seq);
        let restart = match problem {
            ChainProblem::AlteredRecord => {
                problems.push(Problem::Altered { seq });
                index + 1
            }
            ChainProblem::BrokenLink | ChainProblem::MissingStart => {
                problems.push(if seq > previous + 1 {
                    Problem::Missing {
                        from: previous + 1,
                        to: seq - 1,
                    }
                } else {
                    Problem::BrokenLink { seq }
                });
                index
            }
            // Head and checkpoint problems belong to the table; the archive has neither.
            _ => break,
        };
        if restart == start && anchored {
            break;
        }
        start = restart;
        anchor = records
            .get(start)
            .map(|record| Checkpoint::of(company_id, record));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use mypages::aws::archive::{checkpoint_key, records_jsonl, records_key};
    use mypages::domain::audit::{AuditEvent, ChainHead};
    use p256::ecdsa::SigningKey;
    use p256::ecdsa::signature::Signer;
    use p256::pkcs8::{EncodePublicKey, LineEnding};
    use serde_json::Map;

    const CO: &str = "co1";

    fn signing_key() -> SigningKey {
        SigningKey::from_slice(&[7u8; 32]).expect("a valid scalar")
    }

    fn chain_of(kind: Chain, n: u64) -> Vec<AuditRecord> {
        let mut head = ChainHead::genesis();
        (1..=n)
            .map(|i| {
                let record = AuditRecord::seal(
                    CO,
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
                record
            })
            .collect()
    }

    fn sign(record: &AuditRecord) -> SignedCheckpoint {
        let checkpoint = Checkpoint::of(CO, record);
        let signature: Signature = signing_key().sign(&checkpoint.signing_payload());
        SignedCheckpoint {
            checkpoint,
            algorithm: CHECKPOINT_ALGORITHM.into(),
            key_id: "test-key".into(),
            signature: STANDARD.encode(signature.to_der().as_bytes()),
            signed_at: "2026-01-01T00:01:00.000Z".into(),
        }
    }

    /// An exported archive: the data chain in batches of 3 with a checkpoint per batch,
    /// and a security chain of 2.
    fn archive(dir: &Path) {
        let data = chain_of(Chain::Data, 7);
        for batch in data.chunks(3) {
            write_batch(dir, Chain::Data, batch);
        }
        write_batch(dir, Chain::Security, &chain_of(Chain::Security, 2));
    }

    fn write_batch(dir: &Path, chain: Chain, batch: &[AuditRecord]) {
        let (first, last) = (&batch[0], &batch[batch.len() - 1]);
        write(
            dir,
            &records_key(CO, chain, first.seq, last.seq),
            records_jsonl(CO, batch).as_bytes(),
        );
        let signed = sign(last);
        write(
            dir,
            &checkpoint_key(CO, chain, last.seq),
            &serde_json::to_vec(&signed).expect("json"),
        );
    }

    fn write(dir: &Path, key: &str, bytes: &[u8]) {
        let path = dir.join(key);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    fn verify(dir: &Path) -> Report {
        let pem = signing_key()
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        verify_dir(dir, &public_key_from_pem(&pem).expect("key")).expect("readable")
    }

    fn data_problems(report: &Report) -> Vec<Problem> {
        report
            .chains
            .iter()
            .find(|c| c.chain == Chain::Data)
            .map(|c| c.problems.clone())
            .unwrap_or_default()
    }

    /// Rewrites line `seq` of the data chain's file with `change`.
    fn edit_record(dir: &Path, seq: u64, change: impl Fn(&mut serde_json::Value)) {
        let first = (seq - 1) / 3 * 3 + 1;
        let key = records_key(CO, Chain::Data, first, (first + 2).min(7));
        let path = dir.join(key);
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<String> = text
            .lines()
            .map(|line| {
                let mut value: serde_json::Value = serde_json::from_str(line).expect("json");
                if value["seq"] == seq {
                    change(&mut value);
                }
                value.to_string()
            })
            .collect();
        std::fs::write(path, lines.join("\n") + "\n").expect("write");
    }

    #[test]
    fn an_untouched_archive_is_valid_with_a_summary_per_chain() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let report = verify(dir.path());
        assert!(report.valid(), "{report}");
        assert_eq!(report.chains.len(), 2);
        assert_eq!(report.chains[0].records, 7);
        assert_eq!(report.chains[0].checkpoints, 3);
        assert_eq!(report.chains[0].signed_up_to, Some(7));
        assert_eq!(report.chains[1].chain, Chain::Security);
        assert!(
            report
                .to_string()
                .contains("VALID   co1/data: 7 records (1..7)")
        );
    }

    #[test]
    fn a_tampered_record_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        edit_record(dir.path(), 5, |r| r["reason"] = "nothing to see".into());
        let report = verify(dir.path());
        assert!(!report.valid());
        assert_eq!(data_problems(&report), [Problem::Altered { seq: 5 }]);
        assert!(
            report.to_string().contains("record 5 was altered"),
            "{report}"
        );
    }

    #[test]
    fn the_json_verdict_counts_records_and_checkpoints_and_names_each_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let valid = verify(dir.path()).to_json(Some(CO));
        assert_eq!(valid["companyId"], CO);
        assert_eq!(valid["valid"], true);
        let report = verify(dir.path());
        let records: u64 = report.chains.iter().map(|c| c.records).sum();
        let checkpoints: u64 = report.chains.iter().map(|c| c.checkpoints).sum();
        assert_eq!(valid["records"], records);
        assert_eq!(valid["checkpoints"], checkpoints);
        assert_eq!(valid["problems"], serde_json::json!([]));

        edit_record(dir.path(), 5, |r| r["reason"] = "nothing to see".into());
        let invalid = verify(dir.path()).to_json(Some(CO));
        assert_eq!(invalid["valid"], false);
        assert_eq!(
            invalid["problems"],
            serde_json::json!(["co1/data: record 5 was altered (its hash does not match)"])
        );
    }

    #[test]
    fn a_record_rewritten_with_a_fresh_hash_breaks_the_next_link_and_its_checkpoint() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let mut forged = chain_of(Chain::Data, 6)[5].clone();
        forged.actor = "someone-else".into();
        let hash = forged.compute_hash(CO);
        edit_record(dir.path(), 6, |r| {
            r["actor"] = "someone-else".into();
            r["hash"] = hash.clone().into();
        });
        let problems = data_problems(&verify(dir.path()));
        assert_eq!(
            problems,
            [
                Problem::BrokenLink { seq: 7 },
                Problem::CheckpointMismatch {
                    seq: 6,
                    file: checkpoint_key(CO, Chain::Data, 6)
                }
            ]
        );
    }

    #[test]
    fn a_bad_signature_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let key = checkpoint_key(CO, Chain::Data, 6);
        let path = dir.path().join(&key);
        let mut signed: SignedCheckpoint =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        // A valid signature, but over another checkpoint.
        signed.signature = sign(&chain_of(Chain::Data, 6)[4]).signature;
        std::fs::write(&path, serde_json::to_vec(&signed).expect("json")).expect("write");
        let report = verify(dir.path());
        assert!(!report.valid());
        assert_eq!(
            data_problems(&report),
            [Problem::BadSignature { seq: 6, file: key }]
        );
        assert!(report.to_string().contains("bad signature"));
    }

    #[test]
    fn a_checkpoint_signed_by_another_key_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let other = SigningKey::from_slice(&[9u8; 32]).expect("scalar");
        let pem = other
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        let report =
            verify_dir(dir.path(), &public_key_from_pem(&pem).expect("key")).expect("readable");
        assert!(!report.valid());
        assert!(
            report.chains[0]
                .problems
                .iter()
                .all(|p| matches!(p, Problem::BadSignature { .. }))
        );
        assert_eq!(report.chains[0].signed_up_to, None);
    }

    #[test]
    fn a_gap_is_named_with_the_missing_seqs() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        // The middle batch (records 4..6) and its checkpoint are gone.
        let records = dir.path().join(records_key(CO, Chain::Data, 4, 6));
        std::fs::remove_file(records).expect("remove");
        std::fs::remove_file(dir.path().join(checkpoint_key(CO, Chain::Data, 6))).expect("rm");
        let report = verify(dir.path());
        assert_eq!(
            data_problems(&report),
            [Problem::Missing { from: 4, to: 6 }]
        );
        assert!(report.to_string().contains("records 4..6 are missing"));
    }

    #[test]
    fn a_missing_start_and_a_checkpoint_without_its_record_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        std::fs::remove_file(dir.path().join(records_key(CO, Chain::Data, 1, 3))).expect("rm");
        assert_eq!(
            data_problems(&verify(dir.path())),
            [
                Problem::Missing { from: 1, to: 3 },
                Problem::CheckpointWithoutRecord {
                    seq: 3,
                    file: checkpoint_key(CO, Chain::Data, 3)
                }
            ]
        );
    }

    #[test]
    fn every_problem_of_a_chain_is_listed_not_only_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        edit_record(dir.path(), 2, |r| r["target"] = "contract/other".into());
        edit_record(dir.path(), 7, |r| {
            r["at"] = "2027-01-01T00:00:00.000Z".into()
        });
        assert_eq!(
            data_problems(&verify(dir.path())),
            [Problem::Altered { seq: 2 }, Problem::Altered { seq: 7 }]
        );
    }

    #[test]
    fn a_record_archived_twice_identically_is_fine_but_two_versions_conflict() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let data = chain_of(Chain::Data, 7);
        // A re-delivered batch grouped differently: records 3..4 once more.
        write(
            dir.path(),
            &records_key(CO, Chain::Data, 3, 4),
            records_jsonl(CO, &data[2..4]).as_bytes(),
        );
        assert!(verify(dir.path()).valid());
        let mut other = data[2].clone();
        other.reason = Some("changed".into());
        write(
            dir.path(),
            &records_key(CO, Chain::Data, 3, 3),
            records_jsonl(CO, &[other]).as_bytes(),
        );
        assert!(data_problems(&verify(dir.path())).contains(&Problem::Conflicting { seq: 3 }));
    }

    #[test]
    fn a_record_in_another_companys_file_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        let data = chain_of(Chain::Data, 1);
        write(
            dir.path(),
            &records_key("co2", Chain::Data, 1, 1),
            records_jsonl(CO, &data).as_bytes(),
        );
        let report = verify(dir.path());
        assert!(!report.valid());
        assert!(
            report.chains.iter().any(
                |c| c.company_id == "co2" && matches!(c.problems[0], Problem::Misplaced { .. })
            )
        );
    }

    #[test]
    fn a_file_outside_the_layout_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        archive(dir.path());
        write(dir.path(), "records/co1/notachain/x.jsonl", b"{}");
        let report = verify(dir.path());
        assert!(!report.valid());
        assert_eq!(
            report.problems,
            [Problem::Unreadable {
                file: "records/co1/notachain/x.jsonl".into(),
                reason: "not in <companyId>/<chain>/".into()
            }]
        );
    }
}

/// Why `audit verify ID --from-archive` could not give a verdict (exit code 2).
#[derive(Debug, Error)]
pub enum FromArchiveError {
    #[error(transparent)]
    Download(#[from] crate::export::ExportError),
    #[error("the checkpoint signing key: {0}")]
    Key(String),
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("the archive holds no records or checkpoints of company {0}")]
    NothingArchived(String),
    #[error("cannot make a scratch directory: {0}")]
    Scratch(std::io::Error),
}

/// `audit verify ID --from-archive`: downloads the company's records and checkpoints from the
/// archive bucket into a scratch directory, takes the signing key's public half from KMS,
/// and verifies the copy with [`verify_dir`], exactly as an auditor does offline.
pub async fn verify_from_archive(
    s3: &aws_sdk_s3::Client,
    signer: &mypages::aws::signer::Signer,
    bucket: &str,
    company_id: &str,
) -> Result<Report, FromArchiveError> {
    let scratch = tempfile::tempdir().map_err(FromArchiveError::Scratch)?;
    let exported = crate::export::export(s3, bucket, Some(company_id), scratch.path()).await?;
    if exported.records_files == 0 && exported.checkpoint_files == 0 {
        return Err(FromArchiveError::NothingArchived(company_id.to_owned()));
    }
    let pem = signer
        .public_key_pem()
        .await
        .map_err(|e| FromArchiveError::Key(e.to_string()))?;
    Ok(verify_dir(scratch.path(), &public_key_from_pem(&pem)?)?)
}
