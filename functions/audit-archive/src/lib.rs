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
use mypages::domain::audit::{AuditRecord, Chain, Checkpoint};
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

/// What a batch asks for, before anything is written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub groups: BTreeMap<(String, Chain), Group>,
    /// New items under a record's key that are not audit records: retrying cannot help.
    pub unreadable: Vec<(String, String)>,
    /// Records removed by someone other than the TTL process: `(pk, sk)`.
    pub unexpected_removes: Vec<(String, String)>,
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
            "REMOVE" if record.user_identity.is_none() => {
                let (pk, sk) = key_of(&item(&record.change.keys));
                if is_record_sk(&sk) {
                    plan.unexpected_removes.push((pk, sk));
                }
            }
            // The head advancing (MODIFY) and expiries (REMOVE by TTL) are expected.
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

/// Archives one chain's batch and signs its last record.
async fn archive_group(
    deps: &AuditArchive,
    company: &str,
    chain: Chain,
    group: &Group,
) -> Result<(), Error> {
    let Some(last) = group.records.last() else {
        return Ok(());
    };
    deps.archive
        .put_records(company, chain, &group.records)
        .await?;
    let signed = deps
        .signer
        .sign(Checkpoint::of(company, last), timestamp(chrono::Utc::now()))
        .await?;
    deps.archive.put_checkpoint(&signed).await?;
    Ok(())
}

pub async fn archive_batch(deps: &AuditArchive, event: &Event) -> DynamoDbEventResponse {
    let plan = plan(event);
    for (pk, sk) in &plan.unexpected_removes {
        tracing::warn!(%pk, %sk, "an audit record was deleted, not by TTL");
    }
    for (pk, sk) in &plan.unreadable {
        tracing::error!(%pk, %sk, "an item under an audit record's key is not an audit record");
    }
    let mut response = DynamoDbEventResponse::default();
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
        assert_eq!(
            plan.unexpected_removes,
            [("C#co1".to_owned(), "000000000001".to_owned())]
        );
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
