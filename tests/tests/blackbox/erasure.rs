//! Company erasure (issue 11): scheduling with the company's name as confirmation, the grace
//! period, cancellation, the admins' mails (moto keeps what SES sent), and the erasure itself:
//! nothing of the company left in the tables, the buckets (every version) and the user pool,
//! another company and the demo companies untouched, a run that stops half-way continued by
//! the next, and a certificate that verifies with the checkpoint key's public half and counts
//! everything once.

use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{Session, Stack, Tenant, ie13_contract, text};
use chrono::{DateTime, Duration, Utc};
use mypages::aws::erasure::{
    Captured, ErasureDeps, Inventory, LEDGER_PK, Step, certificate_key, inventory,
    run_erasure_steps,
};
use mypages::domain::erasure::DEFAULT_GRACE_DAYS;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const NAME: &str = "Test AB";

/// The hourly run works on every company's due and running erasures: the tests that start
/// it, and the one that stops a run half-way on purpose, take turns.
pub static RUNS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn schedule(stack: &Stack, session: &Session, body: &Value) -> (StatusCode, Value) {
    let (status, answer, _) = stack
        .send(
            stack
                .request(Method::POST, "/company/erasure", Some(&session.id_token))
                .json(body),
        )
        .await;
    (status, answer)
}

async fn cancel(stack: &Stack, session: &Session) -> StatusCode {
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::DELETE, "/company/erasure", Some(&session.id_token))
                .json(&json!({"reason": "The contract was renewed"})),
        )
        .await;
    status
}

fn erasure_deps(stack: &Stack) -> ErasureDeps {
    ErasureDeps::from_deps(&stack.deps)
}

async fn counted(stack: &Stack, company_id: &str) -> Inventory {
    inventory(&erasure_deps(stack), company_id, &Captured::default())
        .await
        .expect("the inventory")
}

/// The mails moto's SES sent to `address`: (subject, body).
async fn mails_to(stack: &Stack, address: &str) -> Vec<(String, String)> {
    let data: Value = stack
        .http
        .get(format!(
            "{}/moto-api/data.json",
            text(&stack.state, "endpoint").trim_end_matches('/')
        ))
        .send()
        .await
        .expect("moto answers")
        .json()
        .await
        .expect("moto's data is JSON");
    data["ses"]["Message"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|m| m.to_string().contains(address))
        .map(|m| (text(m, "subject"), text(m, "body")))
        .collect()
}

fn parse_time(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap_or_default())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{value} is no RFC 3339 time: {e}"))
}

#[tokio::test]
async fn an_admin_schedules_reads_and_cancels_an_erasure_and_a_wrong_name_changes_nothing() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    let untouched = stack.snapshot(&t.company_id).await;

    let (status, body) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": "test ab", "reason": "leaving"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["field"], "confirm", "{body}");
    let (status, body) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": NAME, "reason": "leaving", "when": "now"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        stack.snapshot(&t.company_id).await,
        untouched,
        "refusals write nothing"
    );
    assert!(
        stack
            .deps
            .store
            .erasure_ledger_row(&t.company_id)
            .await
            .expect("ledger")
            .is_none()
    );
    assert_eq!(
        stack.get(&t.admin.id_token, "/company/erasure").await.0,
        StatusCode::NOT_FOUND
    );

    let requested = Utc::now();
    let (status, body) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": format!("  {NAME} "), "reason": "The contract ends"}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let due = parse_time(&body["scheduledFor"]);
    let expected = requested + Duration::days(i64::from(DEFAULT_GRACE_DAYS));
    assert!(
        (due - expected).num_seconds().abs() < 60,
        "{due} is about {expected}"
    );
    let (status, again) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": NAME, "reason": "again"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");

    let (status, got, _) = stack.get(&t.admin.id_token, "/company/erasure").await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got["scheduledFor"], body["scheduledFor"]);
    assert_eq!(got["requestedBy"], t.admin.sub.as_str());
    assert_eq!(got["reason"], "The contract ends");
    assert_eq!(got["state"], "scheduled");
    let row = stack
        .deps
        .store
        .erasure_ledger_row(&t.company_id)
        .await
        .expect("ledger")
        .expect("a ledger row");
    assert_eq!(row.scheduled_for, text(&body, "scheduledFor"));
    let records: Vec<Value> = stack
        .audit_records(&t.admin.id_token, "")
        .await
        .into_iter()
        .filter(|r| r["action"] == "company.erasure.schedule")
        .collect();
    assert_eq!(records.len(), 1, "{records:?}");
    let scheduled = mails_to(&stack, &t.admin.email).await;
    assert!(
        scheduled
            .iter()
            .any(|(subject, _)| subject.contains("scheduled")),
        "the admin is told: {scheduled:?}"
    );
    assert!(
        mails_to(&stack, &t.editor.email).await.is_empty(),
        "only admins are mailed"
    );

    assert_eq!(cancel(&stack, &t.admin).await, StatusCode::NO_CONTENT);
    assert_eq!(
        stack.get(&t.admin.id_token, "/company/erasure").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(cancel(&stack, &t.admin).await, StatusCode::NOT_FOUND);
    assert!(
        stack
            .deps
            .store
            .erasure_ledger_row(&t.company_id)
            .await
            .expect("ledger")
            .is_none(),
        "cancelling removes the ledger row"
    );
    let mails = mails_to(&stack, &t.admin.email).await;
    assert!(
        mails
            .iter()
            .any(|(subject, _)| subject.contains("cancelled")),
        "{mails:?}"
    );
    // Cancelled, it can be scheduled again.
    let (status, body) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": NAME, "reason": "after all"}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    // API.md's cancel names no body: without one it cancels, and the record has no reason.
    let (status, body, _) = stack
        .send(stack.request(Method::DELETE, "/company/erasure", Some(&t.admin.id_token)))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let cancels = stack
        .audit_records(&t.auditor.id_token, "?action=company.erasure.cancel")
        .await;
    assert_eq!(cancels.len(), 2, "{cancels:?}");
    assert_eq!(
        cancels[0]["reason"],
        Value::Null,
        "the newest, without a body"
    );
}

/// Everything a company can have: contracts, a document (uploaded through its presigned
/// POST), a report, SSO with its identity provider and domain, and its four users.
async fn fill(stack: &Stack, t: &Tenant) {
    let contract = stack.create_contract(&t.editor, &ie13_contract()).await;
    stack.create_contract(&t.admin, &ie13_contract()).await;
    let document =
        crate::documents::uploaded_document(stack, &t.editor, Some(&text(&contract, "id"))).await;
    // The OCR pipeline writes its results beside the original: wait until it is done, so the
    // counts before the erasure are final.
    let path = format!("/documents/{}", text(&document, "id"));
    let mut settled = false;
    for _ in 0..120 {
        let (_, got, _) = stack.get(&t.editor.id_token, &path).await;
        if matches!(got["status"].as_str(), Some("processed" | "failed")) {
            settled = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(settled, "the document's OCR settles");
    let (status, report, _) = stack
        .send(
            stack
                .request(Method::POST, "/reports", Some(&t.admin.id_token))
                .json(&json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31", "format": "xlsx"})),
        )
        .await;
    assert!(status.is_success(), "{report}");
    let report_path = format!("/reports/{}", text(&report, "id"));
    let mut finished = false;
    for _ in 0..120 {
        let (_, got, _) = stack.get(&t.admin.id_token, &report_path).await;
        if got["status"] == "finished" {
            finished = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(finished, "the report is written");
}

async fn configure_sso(stack: &Stack, t: &Tenant) -> String {
    let domain = format!(
        "e{}.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let (status, body, _) = stack
        .change(
            Method::PUT,
            &t.admin.id_token,
            "/company/sso",
            "\"0\"",
            &json!({
                "enabled": true,
                "provider": "oidc",
                "oidc": {
                    "issuer": "https://login.microsoftonline.com/8f1d2c3b-4a5e-6f70-8192-a3b4c5d6e7f8/v2.0",
                    "clientId": "azure-client",
                    "clientSecret": "azure-client-secret-value"
                },
                "domains": [domain],
                "reason": "sign-in through Azure AD"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    domain
}

#[tokio::test]
async fn an_erasure_leaves_nothing_of_the_company_resumes_after_a_crash_and_signs_what_it_did() {
    let _turn = RUNS.lock().await;
    let _demo = crate::DEMO_COMPANIES_IN_USE.lock().await;
    let stack = Stack::connect().await;
    let gone = stack.new_tenant().await;
    let kept = stack.new_tenant().await;
    fill(&stack, &gone).await;
    let domain = configure_sso(&stack, &gone).await;
    fill(&stack, &kept).await;

    let kept_before = counted(&stack, &kept.company_id).await;
    let kept_snapshot = stack.snapshot(&kept.company_id).await;
    let mut demo_before = Vec::new();
    for demo in mypages_local::provision::DEMO_COMPANIES {
        demo_before.push(stack.snapshot(demo.id).await);
    }

    let shown = mypages_cli::erasure::show(&stack.deps, &gone.company_id)
        .await
        .expect("company show");
    assert_eq!(shown.name.as_deref(), Some(NAME));
    assert_eq!(shown.users, 4);
    assert!(
        shown.items > 0 && shown.objects >= 2 && shown.audit_records > 0,
        "{shown:?}"
    );
    assert!(shown.erasure.is_none());
    let refused = mypages_cli::erasure::erase_now(&stack.deps, &gone.company_id, "operator").await;
    assert!(
        matches!(refused, Err(mypages_cli::company::CompanyError::Invalid(_))),
        "erase-now needs a scheduled erasure"
    );

    let (status, body) = schedule(
        &stack,
        &gone.admin,
        &json!({"confirm": NAME, "reason": "The contract ends"}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let before = counted(&stack, &gone.company_id).await;
    assert_eq!((before.users, before.identity_providers), (4, 1));
    assert!(before.objects_by_bucket["documents"] >= 1, "{before:?}");
    assert!(before.objects_by_bucket["reports"] >= 1, "{before:?}");
    assert!(
        stack
            .deps
            .store
            .company_of_domain(&domain)
            .await
            .expect("domain")
            .is_some()
    );

    // A run that dies after the users: the objects and accounts are gone, the items not.
    let deps = erasure_deps(&stack);
    let partial = run_erasure_steps(&deps, &gone.company_id, "operator", Utc::now(), Step::Users)
        .await
        .expect("the first steps");
    assert!(partial.is_none(), "no certificate before the end");
    assert_eq!(
        cancel(&stack, &gone.admin).await,
        StatusCode::CONFLICT,
        "a started erasure cannot be cancelled (the admin's token outlives the account)"
    );
    // Nor can anything more be written for the company (an editor's token outlives the
    // account too): every commit checks the erasure's ledger row.
    let frozen = stack.snapshot(&gone.company_id).await;
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/contracts", Some(&gone.editor.id_token))
                .json(&ie13_contract()),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        stack.snapshot(&gone.company_id).await,
        frozen,
        "nothing written"
    );
    let (status, _, _) = stack
        .send(
            stack
                .request(Method::GET, "/company/erasure", Some(&kept.admin.id_token))
                .header("accept", "application/json"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the other company has none");
    let midway = mypages_cli::erasure::show(&stack.deps, &gone.company_id)
        .await
        .expect("company show");
    assert_eq!((midway.objects, midway.users), (0, 0));
    assert!(midway.items > 0);
    assert_eq!(
        midway.erasure.as_ref().map(|e| e.state.as_str()),
        Some("running")
    );

    // The operator runs it to the end; again, it answers the same certificate.
    let signed = mypages_cli::erasure::erase_now(&stack.deps, &gone.company_id, "operator")
        .await
        .expect("the erasure completes");
    let again = mypages_cli::erasure::erase_now(&stack.deps, &gone.company_id, "operator")
        .await
        .expect("a completed erasure answers its certificate");
    assert_eq!(again, signed);

    let after = counted(&stack, &gone.company_id).await;
    let known = Captured {
        subs: vec![
            gone.admin.sub.clone(),
            gone.editor.sub.clone(),
            gone.viewer.sub.clone(),
            gone.auditor.sub.clone(),
        ],
        domains: vec![domain.clone()],
        ..Captured::default()
    };
    let after_known = inventory(&deps, &gone.company_id, &known)
        .await
        .expect("inventory");
    for left in [&after, &after_known] {
        assert!(left.is_empty(), "{:?}", left.checks);
        assert_eq!(
            (
                left.items,
                left.objects,
                left.users,
                left.audit_records,
                left.identity_providers
            ),
            (0, 0, 0, 0, 0)
        );
    }
    assert!(stack.snapshot(&gone.company_id).await.is_empty());
    for sub in &known.subs {
        assert!(
            stack
                .deps
                .store
                .company_of_user(sub)
                .await
                .expect("pointer")
                .is_none()
        );
    }

    // Counted once, across both runs.
    let certificate = &signed.certificate;
    assert_eq!(certificate.company_id, gone.company_id);
    assert_eq!(certificate.requested_by, gone.admin.sub);
    assert_eq!(certificate.operator.as_deref(), Some("operator"));
    assert_eq!(certificate.deleted.data_items, before.items);
    assert_eq!(
        certificate.deleted.audit_records,
        before.audit_records + 1,
        "the chains with the erasure's own start record"
    );
    assert_eq!(certificate.deleted.objects, before.objects_by_bucket);
    assert_eq!(certificate.deleted.users, 4);
    assert_eq!(certificate.deleted.identity_providers, 1);
    assert!(!certificate.checks.is_empty());
    assert!(certificate.checks.iter().all(|c| c.remaining == 0));
    let completed = parse_time(&json!(certificate.completed_at));
    assert_eq!(
        parse_time(&json!(certificate.backups.point_in_time_recovery_until)) - completed,
        Duration::days(35)
    );

    // It verifies with the checkpoint key's public half, and a changed count does not.
    let archive = stack.deps.audit_archive.as_ref().expect("the archive");
    let pem = archive.signer.public_key_pem().await.expect("public key");
    let key = mypages_cli::verify::public_key_from_pem(&pem).expect("a P-256 key");
    assert!(mypages_cli::erasure::certificate_verifies(&signed, &key));
    let mut forged = signed.clone();
    forged.certificate.deleted.users = 3;
    assert!(!mypages_cli::erasure::certificate_verifies(&forged, &key));
    let stored = archive
        .archive
        .client()
        .get_object()
        .bucket(archive.archive.bucket())
        .key(certificate_key(&gone.company_id))
        .send()
        .await
        .expect("the certificate is in the archive")
        .body
        .collect()
        .await
        .expect("its bytes")
        .into_bytes();
    let stored: mypages::domain::erasure::SignedCertificate =
        serde_json::from_slice(&stored).expect("the stored certificate parses");
    assert_eq!(stored, signed);

    let shown = mypages_cli::erasure::show(&stack.deps, &gone.company_id)
        .await
        .expect("company show of an erased company");
    assert_eq!(
        (shown.items, shown.objects, shown.users, shown.audit_records),
        (0, 0, 0, 0)
    );
    let erasure = shown.erasure.expect("its erasure");
    assert_eq!(erasure.state, "completed");
    assert_eq!(erasure.certificate.as_ref(), Some(&signed));

    // The admins were told, and the ledger forgot their addresses and the company's name.
    let done = mails_to(&stack, &gone.admin.email).await;
    assert!(
        done.iter().any(
            |(subject, body)| subject.contains("completed") && body.contains(&signed.signature)
        ),
        "{done:?}"
    );
    let row = stack
        .deps
        .store
        .erasure_ledger_row(&gone.company_id)
        .await
        .expect("ledger")
        .expect("the row stays");
    assert!(row.admin_emails.is_empty() && row.company_name.is_none() && row.subs.is_empty());
    assert_eq!(
        row.certificate_key.as_deref(),
        Some(certificate_key(&gone.company_id).as_str())
    );

    // The other company and the demo companies are as they were.
    assert_eq!(counted(&stack, &kept.company_id).await, kept_before);
    assert_eq!(stack.snapshot(&kept.company_id).await, kept_snapshot);
    for (demo, snapshot) in mypages_local::provision::DEMO_COMPANIES
        .iter()
        .zip(demo_before)
    {
        assert_eq!(stack.snapshot(demo.id).await, snapshot, "{}", demo.id);
    }
    let (status, _) = stack.login(&kept.admin.email, blackbox::PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the other company's admin still signs in"
    );
}

#[tokio::test]
async fn the_hourly_run_erases_only_what_is_due() {
    let _turn = RUNS.lock().await;
    let stack = Stack::connect().await;
    let due = stack.new_tenant().await;
    let waiting = stack.new_tenant().await;
    for t in [&due, &waiting] {
        let (status, body) = schedule(
            &stack,
            &t.admin,
            &json!({"confirm": NAME, "reason": "The contract ends"}),
        )
        .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    }
    // The grace period of one of them ends now (behind the API's back).
    stack
        .deps
        .store
        .client()
        .update_item()
        .table_name(stack.deps.store.data_table())
        .key("pk", AttributeValue::S(LEDGER_PK.to_owned()))
        .key("sk", AttributeValue::S(due.company_id.clone()))
        .update_expression("SET scheduledFor = :past")
        .expression_attribute_values(
            ":past",
            AttributeValue::S(mypages::aws::timestamp(Utc::now() - Duration::minutes(1))),
        )
        .send()
        .await
        .expect("direct write to the emulator");
    let root = stack.base_url.trim_end_matches("/v1").to_owned();
    let fired = stack
        .http
        .post(format!("{root}/_local/schedules/company-erasure-run"))
        .send()
        .await
        .expect("the local stack answers");
    let status = fired.status();
    let body: Value = fired.json().await.expect("JSON");
    assert_eq!(status, 200, "{body}");
    // (Another test's run of the schedule may have erased the due company first.)
    assert!(!body.to_string().contains(&waiting.company_id), "{body}");
    assert!(counted(&stack, &due.company_id).await.is_empty());
    let row = stack
        .deps
        .store
        .erasure_ledger_row(&due.company_id)
        .await
        .expect("ledger")
        .expect("row");
    assert_eq!(row.started_by.as_deref(), Some("schedule"));
    let signed = mypages::aws::erasure::stored_certificate(&erasure_deps(&stack), &due.company_id)
        .await
        .expect("archive")
        .expect("a certificate");
    assert_eq!(
        signed.certificate.operator, None,
        "the schedule is no operator"
    );
    let (status, got, _) = stack.get(&waiting.admin.id_token, "/company/erasure").await;
    assert_eq!(
        (status, got["state"].as_str()),
        (StatusCode::OK, Some("scheduled"))
    );
    assert_eq!(cancel(&stack, &waiting.admin).await, StatusCode::NO_CONTENT);
}

/// `count` items keyed `sk_of(n)`, each with `filler` bytes besides, put straight into `pk` of
/// `table` (behind the API's back: the volume a long-lived company has, without making it
/// request by request).
async fn put_items(
    stack: &Stack,
    table: &str,
    pk: &str,
    count: usize,
    filler: usize,
    sk_of: impl Fn(usize) -> String,
) {
    use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
    let requests: Vec<WriteRequest> = (0..count)
        .map(|n| {
            let put = PutRequest::builder()
                .item("pk", AttributeValue::S(pk.to_owned()))
                .item("sk", AttributeValue::S(sk_of(n)))
                .item("filler", AttributeValue::S("x".repeat(filler.max(1))))
                .build()
                .expect("a put");
            WriteRequest::builder().put_request(put).build()
        })
        .collect();
    for batch in requests.chunks(25) {
        let out = stack
            .deps
            .store
            .client()
            .batch_write_item()
            .request_items(table, batch.to_vec())
            .send()
            .await
            .expect("direct write to the emulator");
        assert!(
            out.unprocessed_items().is_none_or(|left| left.is_empty()),
            "the emulator took every put"
        );
    }
}

#[tokio::test]
async fn an_erasure_empties_partitions_longer_than_a_page_of_keys() {
    let _turn = RUNS.lock().await;
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    stack.create_contract(&t.editor, &ie13_contract()).await;
    // More than two pages (the erasure reads 1,000 keys at a time) in the company's partition,
    // and in its data chain's, whose records are 12-digit sequence numbers, records of 4 KB:
    // DynamoDB (and the emulator) end a read at 1 MB, so those pages are of about 250 keys.
    let partition = mypages::aws::keys::company_pk(&t.company_id);
    let data_table = stack.deps.store.data_table().to_owned();
    let audit_table = stack.deps.store.audit_table().to_owned();
    put_items(&stack, &data_table, &partition, 2_100, 0, |n| {
        format!("VOLUME#{n:05}")
    })
    .await;
    let chain = mypages::aws::keys::chain_pk(&t.company_id, mypages::domain::audit::Chain::Data);
    put_items(&stack, &audit_table, &chain, 1_100, 4_000, |n| {
        format!("{:012}", 500_000_000_000 + n)
    })
    .await;
    let (status, body) = schedule(
        &stack,
        &t.admin,
        &json!({"confirm": NAME, "reason": "The contract ends"}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let before = counted(&stack, &t.company_id).await;
    assert!(
        before.items > 2_100 && before.audit_records > 1_100,
        "{before:?}"
    );

    let signed = mypages_cli::erasure::erase_now(&stack.deps, &t.company_id, "operator")
        .await
        .expect("the erasure completes");

    let after = counted(&stack, &t.company_id).await;
    assert!(after.is_empty(), "{:?}", after.checks);
    assert_eq!((after.items, after.audit_records), (0, 0));
    assert!(stack.snapshot(&t.company_id).await.is_empty());
    // Every page counted once.
    assert_eq!(signed.certificate.deleted.data_items, before.items);
    assert_eq!(
        signed.certificate.deleted.audit_records,
        before.audit_records + 1,
        "the chains with the erasure's own start record"
    );
}
