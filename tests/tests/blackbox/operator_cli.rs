//! The operator CLI against the local stack: its actions are audited under the caller's IAM
//! identity (STS `GetCallerIdentity`, which the emulator answers), and `audit verify ID
//! --from-archive` verifies a company's part of the archive bucket with the key from KMS.

use crate::archive::{archived, checkpoint_at_head, head, tenant_with_changes};
use blackbox::Stack;
use mypages::aws::audit::AuditFilter;
use mypages::aws::page::PageRequest;
use mypages::domain::audit::Chain;
use mypages_cli::operator;
use mypages_cli::verify::{FromArchiveError, verify_from_archive};
use serde_json::json;

async fn operator_actor(stack: &Stack) -> String {
    let sdk = operator::local_sdk(&stack.state).await;
    operator::actor(&sdk)
        .await
        .expect("the emulator's STS names the caller")
}

#[tokio::test]
async fn company_create_is_audited_under_the_operators_iam_identity() {
    let stack = Stack::connect().await;
    let actor = operator_actor(&stack).await;
    assert!(actor.starts_with("operator:arn:aws:"), "{actor}");

    let email = format!("founder-{}@test.example", uuid::Uuid::new_v4().simple());
    let created = mypages_cli::company::create(
        &stack.deps,
        &actor,
        "Operator AB",
        &email,
        Some("Temporary-Pass-1!"),
    )
    .await
    .expect("created");

    let (records, _) = stack
        .deps
        .store
        .list_audit(
            &created.id,
            Chain::Data,
            &AuditFilter::default(),
            &PageRequest {
                limit: 10,
                start: None,
            },
        )
        .await
        .expect("the audit table answers");
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].action, "company.create");
    assert_eq!(records[0].actor, actor);
}

#[tokio::test]
async fn an_operators_licence_shows_its_iam_identity_in_get_audit() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let actor = operator_actor(&stack).await;
    let until = chrono::Utc::now().date_naive() + chrono::Duration::days(30);
    mypages_cli::sso_license::license(&stack.deps, &actor, &tenant.company_id, until, "invoice 7")
        .await
        .expect("licence");

    let records = stack
        .audit_records(&tenant.auditor.id_token, "?action=company.sso.license")
        .await;
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["actor"], json!(actor));
    assert_eq!(records[0]["reason"], "invoice 7");
}

#[tokio::test]
async fn without_an_identity_the_operator_cannot_act() {
    // STS unreachable: no actor, so no command that audits can run.
    let sdk = aws_config::from_env()
        .region(aws_config::Region::new("eu-north-1"))
        .endpoint_url("http://127.0.0.1:9")
        .retry_config(aws_config::retry::RetryConfig::disabled())
        .load()
        .await;
    let refused = operator::actor(&sdk).await;
    assert!(
        matches!(refused, Err(operator::OperatorError::Identity(_))),
        "{refused:?}"
    );
}

#[tokio::test]
async fn audit_verify_from_archive_finds_a_companys_archived_chains_valid() {
    let stack = Stack::connect().await;
    let archived = archived(&stack).await;
    let tenant = tenant_with_changes(&stack).await;
    let company = tenant.company_id.as_str();
    for chain in Chain::ALL {
        checkpoint_at_head(&stack, &archived, company, chain).await;
    }

    // What the binary does with --local: the bucket and key from the state file.
    let (sdk, ids) = operator::audit_archive(true)
        .await
        .expect("the state file names the archive");
    assert_eq!(ids.bucket, archived.archive.bucket());
    let signer = mypages::aws::signer::Signer::new(
        aws_sdk_kms::Client::new(&sdk).into(),
        &ids.signing_key_id,
    );
    let s3 = mypages_cli::s3_client(&sdk);
    let report = verify_from_archive(&s3, &signer, &ids.bucket, company)
        .await
        .expect("verified");
    assert!(report.valid(), "{report}");

    let mut records = 0;
    for chain in Chain::ALL {
        records += head(&stack, company, chain).await.seq;
    }
    let verdict = report.to_json(Some(company));
    assert_eq!(verdict["companyId"], company);
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["records"], records, "{verdict}");
    assert!(
        verdict["checkpoints"].as_u64().unwrap_or_default() >= 2,
        "{verdict}"
    );
    assert_eq!(verdict["problems"], json!([]));

    // A company the archive knows nothing of: no verdict (exit code 2), not "valid".
    let unknown = verify_from_archive(&s3, &signer, &ids.bucket, "t-nobody").await;
    assert!(
        matches!(unknown, Err(FromArchiveError::NothingArchived(_))),
        "{unknown:?}"
    );
}
