//! `audit-archive`: the AuditTable stream's consumer. Every new audit record goes to the
//! Object Lock archive (one object per chain and batch), then a KMS-signed checkpoint of the
//! batch's last record: the anchor `GET /audit/verify` starts from, outside the table.
//!
//! A failed chain is reported as batch item failures, so Lambda retries from that chain's
//! first record; the archive's writes are idempotent, so records that did succeed and are
//! delivered again change nothing.

use aws_lambda_events::event::dynamodb::{Event, EventRecord};
use aws_lambda_events::event::streams::{DynamoDbBatchItemFailure, DynamoDbEventResponse};
use lambda_runtime::{Error, LambdaEvent};
use mypages::aws::AuditArchive;
use mypages::aws::keys::chain_pk;
use mypages::aws::store::{Item, audit_record, get_s};
use mypages::aws::timestamp;
use mypages::domain::audit::{
    AuditRecord, Chain, ChainBreak, ChainHead, ChainProblem, ChainVerifier, Checkpoint,
};
use mypages::domain::claims::is_safe_id;
use std::collections::BTreeMap;

/// A chain's part of one batch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Group {
    /// Ascending, one per seq.
    pub records: Vec<AuditRecord>,
    /// The stream records it came from, to report when the group fails.
    pub sequence_numbers: Vec<String>,
}

/// A record seen changed or removed: company, chain, seq and `modified` or `removed`.
pub type Tampered = (String, Chain, u64, &'static str);

/// What a batch asks for, before anything is written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub groups: BTreeMap<(String, Chain), Group>,
    /// New items under a record's key that are not audit records: retrying cannot help.
    pub unreadable: Vec<(String, String)>,
    /// Records changed in place (`modified`) or removed by someone other than the TTL
    /// process (`removed`): `(company, chain, seq, kind)`, and the stream record's number.
    pub tampered: Vec<(Tampered, Option<String>)>,
    /// Removed or changed items under a record's key in no chain partition: `(pk, sk)`.
    pub unexpected: Vec<(String, String)>,
}

/// Audit records live under a 12-digit sort key; `HEAD` and anything else is not archived.
fn is_record_sk(sk: &str) -> bool {
    sk.len() == 12 && sk.bytes().all(|b| b.is_ascii_digit())
}

/// The company of a record's partition key, if the key is the chain's own partition.
fn company_of(pk: &str, chain: Chain) -> Option<String> {
    let rest = pk.strip_prefix("C#")?;
    let company = match chain {
        Chain::Data => rest,
        Chain::Security => rest.strip_suffix("#SECURITY")?,
    };
    (is_safe_id(company) && chain_pk(company, chain) == pk).then(|| company.to_owned())
}

fn item(image: &serde_dynamo::Item) -> Item {
    image.clone().into()
}

fn key_of(item: &Item) -> (String, String) {
    let part = |name| get_s(item, name).unwrap_or_default().to_owned();
    (part("pk"), part("sk"))
}

pub fn plan(event: &Event) -> Plan {
    let mut plan = Plan::default();
    for record in &event.records {
        match record.event_name.as_str() {
            "INSERT" => add_insert(&mut plan, record),
            // TTL deletions carry the DynamoDB service as their identity; anything else
            // removing a record is a person or a program with table access.
            // A sealed record never changes; only TTL (the DynamoDB service's identity) may
            // remove one. Anything else is someone with table access rewriting history.
            "MODIFY" => add_tampered(&mut plan, record, "modified"),
            "REMOVE" if record.user_identity.is_none() => {
                add_tampered(&mut plan, record, "removed");
            }
            // The head advancing is a MODIFY of `HEAD`, ignored above; expiries are expected.
            _ => {}
        }
    }
    for group in plan.groups.values_mut() {
        group.records.sort_by_key(|r| r.seq);
        // A record can be delivered twice (a retried batch overlapping the next one).
        group.records.dedup_by(|a, b| a == b);
    }
    plan
}

fn add_tampered(plan: &mut Plan, record: &EventRecord, kind: &'static str) {
    let (pk, sk) = key_of(&item(&record.change.keys));
    let Some(seq) = is_record_sk(&sk).then(|| sk.parse::<u64>().ok()).flatten() else {
        return;
    };
    let chain = if pk.ends_with("#SECURITY") {
        Chain::Security
    } else {
        Chain::Data
    };
    match company_of(&pk, chain) {
        Some(company) => plan.tampered.push((
            (company, chain, seq, kind),
            record.change.sequence_number.clone(),
        )),
        None => plan.unexpected.push((pk, sk)),
    }
}

fn add_insert(plan: &mut Plan, record: &EventRecord) {
    let image = item(&record.change.new_image);
    let (pk, sk) = key_of(&image);
    if !is_record_sk(&sk) {
        return;
    }
    let Some((company, sealed)) = audit_record(&image)
        .and_then(|sealed| company_of(&pk, sealed.chain).map(|company| (company, sealed)))
    else {
        plan.unreadable.push((pk, sk));
        return;
    };
    let group = plan.groups.entry((company, sealed.chain)).or_default();
    group.records.push(sealed);
    if let Some(number) = &record.change.sequence_number {
        group.sequence_numbers.push(number.clone());
    }
}

/// Where a batch's new records stand against the chain's last checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continuity {
    /// Every record continues the chain: archive them and sign the last.
    Continues(Vec<AuditRecord>),
    /// Nothing new (a re-delivered batch).
    AlreadyArchived,
    /// A record does not follow (a gap, a fork, an altered record): archive what came as
    /// evidence, record the break, sign nothing.
    Breaks(Vec<AuditRecord>, u64, ChainProblem),
}

/// Checks a batch against the chain's last checkpoint (`previous`; the chain's start without
/// one), with the same verifier `GET /audit/verify` uses. Records at or before the checkpoint
/// were archived by an earlier delivery.
pub fn continuity(
    company: &str,
    chain: Chain,
    previous: Option<ChainHead>,
    records: &[AuditRecord],
) -> Continuity {
    let previous = previous.unwrap_or_else(ChainHead::genesis);
    let new: Vec<AuditRecord> = records
        .iter()
        .filter(|r| r.seq > previous.seq)
        .cloned()
        .collect();
    if new.is_empty() {
        return Continuity::AlreadyArchived;
    }
    let mut verifier = ChainVerifier::after(company, chain, previous);
    new.iter().for_each(|r| verifier.push(r));
    match verifier.first_problem() {
        None => Continuity::Continues(new),
        Some((seq, problem)) => Continuity::Breaks(new, seq, problem),
    }
}

async fn put_break(
    deps: &AuditArchive,
    company: &str,
    chain: Chain,
    seq: u64,
    kind: &str,
) -> Result<(), Error> {
    tracing::error!(company_id = %company, chain = chain.as_str(), seq, kind, "audit chain tampering seen");
    deps.archive
        .put_break(&ChainBreak {
            company_id: company.to_owned(),
            chain,
            seq,
            kind: kind.to_owned(),
            seen_at: timestamp(chrono::Utc::now()),
        })
        .await?;
    Ok(())
}

/// Archives one chain's batch and signs its last record, if the batch continues the chain
/// from its last checkpoint; a checkpoint is never signed over a gap or a fork.
async fn archive_group(
    deps: &AuditArchive,
    company: &str,
    chain: Chain,
    group: &Group,
) -> Result<(), Error> {
    let previous = deps
        .archive
        .latest_checkpoint(company, chain)
        .await?
        .map(|signed| signed.checkpoint.head());
    match continuity(company, chain, previous, &group.records) {
        Continuity::AlreadyArchived => Ok(()),
        Continuity::Breaks(records, seq, problem) => {
            deps.archive.put_records(company, chain, &records).await?;
            let kind = serde_json::to_value(problem)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| "unlinked".into());
            put_break(deps, company, chain, seq, &kind).await
        }
        Continuity::Continues(records) => {
            deps.archive.put_records(company, chain, &records).await?;
            let Some(last) = records.last() else {
                return Ok(());
            };
            let signed = deps
                .signer
                .sign(Checkpoint::of(company, last), timestamp(chrono::Utc::now()))
                .await?;
            deps.archive.put_checkpoint(&signed).await?;
            Ok(())
        }
    }
}

pub async fn archive_batch(deps: &AuditArchive, event: &Event) -> DynamoDbEventResponse {
    let plan = plan(event);
    for (pk, sk) in &plan.unexpected {
        tracing::warn!(%pk, %sk, "an item under an audit record's key changed outside any chain");
    }
    let mut response = DynamoDbEventResponse::default();
    for ((company, chain, seq, kind), number) in &plan.tampered {
        // A company's erasure deletes its chains from the table after marking so in the
        // archive (which keeps the records): those removals are no tampering.
        if *kind == "removed" {
            let archive = mypages::aws::erasure::ErasureArchive::of(deps);
            match mypages::aws::erasure::erasure_marked(&archive, company).await {
                Ok(true) => {
                    tracing::info!(company_id = %company, chain = chain.as_str(), seq, "record removed by the company's erasure");
                    continue;
                }
                Ok(false) => {}
                Err(error) => {
                    tracing::error!(%error, "the erasure marker could not be read; the removal will be delivered again");
                    let mut failure = DynamoDbBatchItemFailure::default();
                    failure.item_identifier = number.clone();
                    response.batch_item_failures.push(failure);
                    continue;
                }
            }
        }
        if let Err(error) = put_break(deps, company, *chain, *seq, kind).await {
            tracing::error!(%error, "the break could not be archived; it will be delivered again");
            let mut failure = DynamoDbBatchItemFailure::default();
            failure.item_identifier = number.clone();
            response.batch_item_failures.push(failure);
        }
    }
    for (pk, sk) in &plan.unreadable {
        tracing::error!(%pk, %sk, "an item under an audit record's key is not an audit record");
    }
    for ((company, chain), group) in &plan.groups {
        match archive_group(deps, company, *chain, group).await {
            Ok(()) => tracing::info!(
                company_id = %company,
                chain = chain.as_str(),
                records = group.records.len(),
                "archived"
            ),
            Err(error) => {
                tracing::error!(
                    company_id = %company,
                    chain = chain.as_str(),
                    %error,
                    "archiving failed; the chain's records will be delivered again"
                );
                for number in &group.sequence_numbers {
                    let mut failure = DynamoDbBatchItemFailure::default();
                    failure.item_identifier = Some(number.clone());
                    response.batch_item_failures.push(failure);
                }
            }
        }
    }
    response
}

pub async fn handler(
    deps: &AuditArchive,
    event: LambdaEvent<Event>,
) -> Result<DynamoDbEventResponse, Error> {
    Ok(archive_batch(deps, &event.payload).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Event {
        serde_json::from_str(include_str!("../../../events/audit-archive/stream.json"))
            .expect("the sample event parses")
    }

    #[test]
    fn new_records_are_grouped_by_company_and_chain_in_seq_order() {
        let plan = plan(&sample());
        let keys: Vec<(String, Chain)> = plan.groups.keys().cloned().collect();
        assert_eq!(
            keys,
            [
                ("co1".to_owned(), Chain::Data),
                ("co1".to_owned(), Chain::Security)
            ]
        );
        let data = &plan.groups[&("co1".to_owned(), Chain::Data)];
        assert_eq!(
            data.records.iter().map(|r| r.seq).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(data.sequence_numbers, ["101", "103"]);
        assert_eq!(data.records[0].details["version"], 1);
    }

    #[test]
    fn head_updates_and_ttl_expiries_are_not_archived_but_other_removes_are_reported() {
        let plan = plan(&sample());
        let archived: usize = plan.groups.values().map(|g| g.records.len()).sum();
        assert_eq!(archived, 3);
        let tampered: Vec<Tampered> = plan.tampered.iter().map(|(t, _)| t.clone()).collect();
        assert_eq!(tampered, [("co1".to_owned(), Chain::Data, 1, "removed")]);
    }

    fn sealed(n: u64) -> Vec<AuditRecord> {
        let mut head = ChainHead::genesis();
        (1..=n)
            .map(|i| {
                let record = AuditRecord::seal(
                    "co1",
                    Chain::Data,
                    &head,
                    format!("2026-01-01T00:00:{i:02}.000Z"),
                    mypages::domain::audit::AuditEvent {
                        actor: "sub-1".into(),
                        action: "contract.create".into(),
                        target: "contract/x".into(),
                        reason: None,
                        request_id: format!("r{i}"),
                        details: Default::default(),
                    },
                );
                head = record.head();
                record
            })
            .collect()
    }

    #[test]
    fn a_batch_continuing_the_last_checkpoint_is_signed_and_a_redelivery_is_skipped() {
        let records = sealed(4);
        let previous = Some(records[1].head());
        assert_eq!(
            continuity("co1", Chain::Data, previous.clone(), &records[2..]),
            Continuity::Continues(records[2..].to_vec())
        );
        assert_eq!(
            continuity("co1", Chain::Data, previous.clone(), &records[..2]),
            Continuity::AlreadyArchived
        );
        assert_eq!(
            continuity("co1", Chain::Data, None, &records),
            Continuity::Continues(records.clone())
        );
    }

    #[test]
    fn a_gap_a_fork_or_an_altered_record_is_never_signed_over() {
        let records = sealed(5);
        let previous = Some(records[1].head());
        // A gap: record 3 never reached the archive.
        assert!(matches!(
            continuity("co1", Chain::Data, previous.clone(), &records[3..]),
            Continuity::Breaks(_, 4, ChainProblem::BrokenLink)
        ));
        // A fork: a record 3 sealed after something else than the checkpoint's record 2.
        let mut fork = records[2].clone();
        fork.prev_hash = records[0].hash.clone();
        fork.hash = fork.compute_hash("co1");
        assert!(matches!(
            continuity("co1", Chain::Data, previous.clone(), &[fork]),
            Continuity::Breaks(_, 3, ChainProblem::BrokenLink)
        ));
        // An altered record.
        let mut altered = records[2].clone();
        altered.actor = "someone-else".into();
        assert!(matches!(
            continuity("co1", Chain::Data, previous, &[altered]),
            Continuity::Breaks(_, 3, ChainProblem::AlteredRecord)
        ));
    }

    #[test]
    fn an_item_under_a_record_key_that_is_no_record_is_reported_not_archived() {
        let plan = plan(&sample());
        assert_eq!(
            plan.unreadable,
            [("C#bad#SECURITY".to_owned(), "000000000009".to_owned())]
        );
    }

    #[test]
    fn a_partition_key_must_be_the_chains_own() {
        assert_eq!(company_of("C#co1", Chain::Data), Some("co1".into()));
        assert_eq!(
            company_of("C#co1#SECURITY", Chain::Security),
            Some("co1".into())
        );
        assert_eq!(company_of("C#co1#SECURITY", Chain::Data), None);
        assert_eq!(company_of("C#co1", Chain::Security), None);
        assert_eq!(company_of("X#co1", Chain::Data), None);
    }
}
