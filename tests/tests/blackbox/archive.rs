//! The audit archive on the local stack: the AuditTable stream reaches audit-archive, whose
//! records and KMS-signed checkpoints land in the Object Lock bucket; an export of it
//! verifies offline, and a tampered export does not.

use blackbox::{Stack, Tenant, chain_report, ie13_contract, text};
use mypages::aws::archive::{Archive, parse_records_jsonl, records_prefix};
use mypages::aws::keys::audit_sk;
use mypages::aws::signer::Signer;
use mypages::domain::audit::{Chain, ChainHead, SignedCheckpoint};
use mypages_cli::verify::{Problem, public_key_from_pem, verify_dir};
use std::time::Duration;

pub(crate) struct Archived {
    pub(crate) archive: Archive,
    pub(crate) signer: Signer,
}

pub(crate) async fn archived(stack: &Stack) -> Archived {
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new(text(&stack.state, "region")))
        .endpoint_url(text(&stack.state, "endpoint"))
        .load()
        .await;
    Archived {
        archive: Archive::new(
            mypages::aws::s3_client(&sdk).into(),
            &text(&stack.state, "auditArchiveBucket"),
        ),
        signer: Signer::new(
            aws_sdk_kms::Client::new(&sdk).into(),
            &text(&stack.state, "auditSigningKeyArn"),
        ),
    }
}

pub(crate) async fn head(stack: &Stack, company_id: &str, chain: Chain) -> ChainHead {
    stack
        .deps
        .store
        .chain_head(company_id, chain)
        .await
        .expect("the audit table answers")
        .expect("the chain has a head")
}

/// Waits (as the stream's consumer runs about once a second) until the chain's latest
/// checkpoint names its head.
pub(crate) async fn checkpoint_at_head(
    stack: &Stack,
    archived: &Archived,
    company_id: &str,
    chain: Chain,
) -> SignedCheckpoint {
    let head = head(stack, company_id, chain).await;
    for _ in 0..120 {
        let latest = archived
            .archive
            .latest_checkpoint(company_id, chain)
            .await
            .expect("the archive answers");
        if let Some(signed) = latest.filter(|s| s.checkpoint.seq >= head.seq) {
            return signed;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!(
        "no checkpoint of {company_id}/{chain:?} at seq {} after 30 s",
        head.seq
    );
}

pub(crate) async fn tenant_with_changes(stack: &Stack) -> Tenant {
    let tenant = stack.new_tenant().await;
    for _ in 0..2 {
        stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await;
    }
    tenant
}

#[tokio::test]
async fn writes_through_the_api_reach_the_archive_with_a_checkpoint_kms_verifies() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();

    let data_head = head(&stack, company, Chain::Data).await;
    let signed = checkpoint_at_head(&stack, &archived, company, Chain::Data).await;
    assert_eq!(signed.checkpoint.seq, data_head.seq);
    assert_eq!(signed.checkpoint.hash, data_head.hash);
    assert!(
        signed.key_id.starts_with("arn:aws:kms:"),
        "{}",
        signed.key_id
    );
    assert_eq!(archived.signer.verify(&signed).await.ok(), Some(true));
    let mut forged = signed.clone();
    forged.checkpoint.seq += 1;
    assert_eq!(archived.signer.verify(&forged).await.ok(), Some(false));

    // Every record of the chain is archived, each line as the table holds it.
    let client = archived.archive.client();
    let listed = client
        .list_objects_v2()
        .bucket(archived.archive.bucket())
        .prefix(records_prefix(company, Chain::Data))
        .send()
        .await
        .expect("list");
    let mut lines = Vec::new();
    for key in listed.contents().iter().filter_map(|o| o.key()) {
        let object = client
            .get_object()
            .bucket(archived.archive.bucket())
            .key(key)
            .send()
            .await
            .expect("get");
        let bytes = object.body.collect().await.expect("body").into_bytes();
        lines.extend(
            parse_records_jsonl(key, &String::from_utf8_lossy(&bytes)).expect("archived lines"),
        );
    }
    lines.sort_by_key(|l| l.seq);
    assert_eq!(
        lines.iter().map(|l| l.seq).collect::<Vec<_>>(),
        (1..=data_head.seq).collect::<Vec<_>>()
    );
    let last = lines.last().expect("records").record();
    assert_eq!(last.hash, data_head.hash);
    assert_eq!(last.compute_hash(company), last.hash);
    assert_eq!(last.action, "contract.create");
}

#[tokio::test]
async fn an_archived_record_cannot_be_deleted_while_its_retention_runs() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = stack.new_tenant().await;
    checkpoint_at_head(&stack, &archived, &tenant.company_id, Chain::Security).await;

    let client = archived.archive.client();
    let bucket = archived.archive.bucket();
    let versions = client
        .list_object_versions()
        .bucket(bucket)
        .prefix(records_prefix(&tenant.company_id, Chain::Security))
        .send()
        .await
        .expect("versions");
    let version = versions.versions().first().expect("an archived object");
    let (key, version_id) = (
        version.key().expect("key"),
        version.version_id().expect("version id"),
    );
    let head = client
        .head_object()
        .bucket(bucket)
        .key(key)
        .version_id(version_id)
        .send()
        .await
        .expect("head");
    assert_eq!(
        head.object_lock_mode().map(|m| m.as_str()),
        Some("COMPLIANCE")
    );
    let until = head
        .object_lock_retain_until_date()
        .expect("retention")
        .secs();
    let six_years = 6 * 365 * 24 * 3600;
    assert!(
        until > chrono::Utc::now().timestamp() + six_years,
        "{until}"
    );

    let deleted = client
        .delete_object()
        .bucket(bucket)
        .key(key)
        .version_id(version_id)
        .send()
        .await;
    assert!(deleted.is_err(), "a locked version was deleted");
    let still = client
        .get_object()
        .bucket(bucket)
        .key(key)
        .version_id(version_id)
        .send()
        .await;
    assert!(still.is_ok(), "the locked version is gone");
}

#[tokio::test]
async fn an_exported_archive_verifies_offline_and_a_tampered_export_does_not() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    for chain in Chain::ALL {
        checkpoint_at_head(&stack, &archived, company, chain).await;
    }

    let out = tempfile::tempdir().expect("tempdir");
    let exported = mypages_cli::export::export(
        archived.archive.client(),
        archived.archive.bucket(),
        Some(company),
        out.path(),
    )
    .await
    .expect("export");
    assert!(exported.records_files >= 2 && exported.checkpoint_files >= 2);
    let pem = archived.signer.public_key_pem().await.expect("public key");
    let key = public_key_from_pem(&pem).expect("a P-256 key");

    let report = verify_dir(out.path(), &key).expect("readable");
    assert!(report.valid(), "{report}");
    assert_eq!(report.chains.len(), 2);
    let data = head(&stack, company, Chain::Data).await;
    assert!(
        report
            .chains
            .iter()
            .any(|c| c.chain == Chain::Data && c.signed_up_to == Some(data.seq))
    );

    // Someone edits the exported copy: the actor of the data chain's first record.
    let dir = out.path().join(records_prefix(company, Chain::Data));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("records")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let text = std::fs::read_to_string(&files[0]).expect("read");
    let edited = text.replacen("\"actor\":\"", "\"actor\":\"x", 1);
    assert_ne!(edited, text);
    std::fs::write(&files[0], edited).expect("write");

    let report = verify_dir(out.path(), &key).expect("readable");
    assert!(!report.valid());
    let problems: Vec<&Problem> = report.chains.iter().flat_map(|c| &c.problems).collect();
    assert_eq!(problems, [&Problem::Altered { seq: 1 }], "{report}");
}

#[tokio::test]
async fn a_tail_deleted_behind_the_signed_checkpoint_is_reported_even_with_the_head_rewound() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    let signed = checkpoint_at_head(&stack, &archived, company, Chain::Data).await;
    assert_eq!(signed.checkpoint.seq, 2);
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(
        chain_report(&report, "data")["checkpointSeq"],
        2,
        "{report}"
    );

    // Someone with write access to the table removes record 2 and points the head back at
    // record 1: the table alone is a consistent chain of one record.
    stack
        .delete_audit_item(company, Chain::Data, &audit_sk(2))
        .await;
    stack.rewind_audit_head(company, Chain::Data, 1).await;
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    let data = chain_report(&report, "data");
    assert_eq!(data["problem"], "behindCheckpoint", "{report}");
    assert_eq!(data["firstBadSeq"], 2, "{report}");
}

#[tokio::test]
async fn a_checkpoint_whose_signature_fails_makes_the_chain_invalid() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    let signed = checkpoint_at_head(&stack, &archived, company, Chain::Data).await;
    // A checkpoint that claims a later record, "signed" by someone without the key.
    let mut forged = signed.clone();
    forged.checkpoint.seq += 5;
    forged.signature = signed.signature.clone();
    archived
        .archive
        .put_checkpoint(&forged)
        .await
        .expect("write the forged checkpoint");
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(
        chain_report(&report, "data")["problem"],
        "badCheckpointSignature",
        "{report}"
    );
}

/// Asks `GET /audit/verify` until it answers invalid (the archiver sees a change about a
/// second after it happens), at most 30 s.
async fn verify_until_invalid(stack: &Stack, tenant: &Tenant) -> serde_json::Value {
    let mut report = serde_json::Value::Null;
    for _ in 0..60 {
        report = stack.verify_audit(&tenant.auditor).await;
        if report["valid"] == false {
            return report;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("verify still valid after 30 s: {report}");
}

#[tokio::test]
async fn an_old_record_changed_in_the_table_behind_the_checkpoint_is_reported() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    checkpoint_at_head(&stack, &archived, company, Chain::Data).await;
    // Record 1 is behind the checkpoint at 2: verify no longer reads it from the table, so
    // only the archiver, which sees every change on the stream, can tell.
    stack.alter_audit_record(company, Chain::Data, 1).await;
    let report = verify_until_invalid(&stack, &tenant).await;
    let data = chain_report(&report, "data");
    assert_eq!(data["problem"], "tamperingSeen", "{report}");
    assert_eq!(data["firstBadSeq"], 1, "{report}");
    // And the checkpoint does not move past the tampering: a later write is archived but
    // the chain stays invalid.
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
}

#[tokio::test]
async fn a_record_deleted_from_the_table_behind_the_checkpoint_is_reported() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    checkpoint_at_head(&stack, &archived, company, Chain::Data).await;
    // Not TTL (whose deletions carry the DynamoDB service's identity; the emulator never
    // expires items): someone deleted the record.
    stack
        .delete_audit_item(company, Chain::Data, &audit_sk(1))
        .await;
    let report = verify_until_invalid(&stack, &tenant).await;
    let data = chain_report(&report, "data");
    assert_eq!(data["problem"], "tamperingSeen", "{report}");
    assert_eq!(data["firstBadSeq"], 1, "{report}");
}
