//! Issue 11's "done when", end to end on the local stack: an operator creates a company
//! (audited under the operator's IAM identity); its admin signs in for the first time, adds
//! data, exports it and the zip holds it with a chain that verifies offline; the admin
//! schedules the erasure, the operator runs it at once, and `company show` counts zero
//! everywhere with a certificate that verifies, while the demo companies are untouched.

use crate::erasure::RUNS;
use crate::exports::{json_of, request_export, settled, unzip};
use blackbox::{Session, Stack, ie13_contract, text};
use mypages::aws::erasure::{Captured, ErasureDeps, inventory};
use mypages::domain::export::{Manifest, layout};
use mypages_cli::operator;
use reqwest::{Method, StatusCode};
use serde_json::json;

const NAME: &str = "Lifecycle AB";
const TEMPORARY: &str = "Temporary-Pass-1!";
const CHOSEN: &str = "Chosen-Passw0rd-2!";

#[tokio::test]
async fn an_operators_company_exports_its_data_and_is_erased_leaving_the_demo_companies_untouched()
{
    let _turn = RUNS.lock().await;
    let _demo = crate::DEMO_COMPANIES_IN_USE.lock().await;
    let stack = Stack::connect().await;
    let everything = ErasureDeps::from_deps(&stack.deps);
    let mut demo_before = Vec::new();
    for demo in mypages_local::provision::DEMO_COMPANIES {
        demo_before.push((
            stack.snapshot(demo.id).await,
            inventory(&everything, demo.id, &Captured::default())
                .await
                .expect("the demo company's inventory"),
        ));
    }

    // The operator opens the company; the record names the operator's IAM identity.
    let actor = operator::actor(&operator::local_sdk(&stack.state).await)
        .await
        .expect("the emulator's STS names the caller");
    assert!(actor.starts_with("operator:arn:"), "{actor}");
    let email = format!(
        "founder-{}@lifecycle.example",
        uuid::Uuid::new_v4().simple()
    );
    let created = mypages_cli::company::create(&stack.deps, &actor, NAME, &email, Some(TEMPORARY))
        .await
        .expect("the company is created");

    // Its admin signs in for the first time (a new password) and adds a contract.
    let (status, challenge) = stack.login(&email, TEMPORARY).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "NEW_PASSWORD_REQUIRED");
    let (status, tokens, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/password", None)
                .json(&json!({"session": text(&challenge, "session"), "newPassword": CHOSEN})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let admin = Session {
        email: email.clone(),
        id_token: text(&tokens, "idToken"),
        access_token: text(&tokens, "accessToken"),
        sub: created.admin.clone(),
    };
    let contract = stack.create_contract(&admin, &ie13_contract()).await;
    let contract_id = text(&contract, "id");

    // The admin exports everything and checks the zip.
    let (status, requested, _) =
        request_export(&stack, &admin, &json!({"reason": "Before we leave"}), None).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{requested}");
    let export = settled(&stack, &admin, &text(&requested, "id")).await;
    assert_eq!(export["status"], "finished", "{export}");
    let bytes = reqwest::get(text(&export["download"], "url"))
        .await
        .expect("the download answers")
        .bytes()
        .await
        .expect("the zip")
        .to_vec();
    let files = unzip(&bytes);
    let manifest: Manifest =
        serde_json::from_value(json_of(&files, layout::MANIFEST)).expect("the manifest");
    assert_eq!(manifest.company_id, created.id);
    assert_eq!(manifest.counts.get("contracts"), Some(&1));
    assert_eq!(manifest.counts.get("users"), Some(&1));
    assert_eq!(
        json_of(&files, &layout::contract(&contract_id))["id"],
        json!(contract_id)
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, content) in &files {
        if let Some(below) = name.strip_prefix(layout::AUDIT_DIR) {
            let path = dir.path().join(below);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&path, content).expect("write");
        }
    }
    let pem = String::from_utf8(files[layout::AUDIT_PUBLIC_KEY].clone()).expect("PEM");
    let key = mypages_cli::verify::public_key_from_pem(&pem).expect("a P-256 key");
    let chain = mypages_cli::verify::verify_dir(dir.path(), &key).expect("readable");
    assert!(chain.valid(), "{chain}");
    let first = chain
        .chains
        .iter()
        .find(|c| c.chain == mypages::domain::audit::Chain::Data)
        .expect("the data chain");
    assert!(
        first.records >= 3,
        "create, contract, export request: {first}"
    );

    // The admin schedules the erasure; the operator runs it now.
    let (status, scheduled, _) = stack
        .send(
            stack
                .request(Method::POST, "/company/erasure", Some(&admin.id_token))
                .json(&json!({"confirm": NAME, "reason": "We leave; confirmed in writing"})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{scheduled}");
    let before = mypages_cli::erasure::show(&stack.deps, &created.id)
        .await
        .expect("company show");
    assert!(
        before.items > 0 && before.objects > 0 && before.users == 1,
        "{before:?}"
    );
    let signed = mypages_cli::erasure::erase_now(&stack.deps, &created.id, &actor)
        .await
        .expect("erased");
    assert_eq!(signed.certificate.operator.as_deref(), Some(actor.as_str()));
    assert_eq!(signed.certificate.deleted.users, 1);
    assert!(signed.certificate.checks.iter().all(|c| c.remaining == 0));
    let archive = stack.deps.audit_archive.as_ref().expect("the archive");
    let pem = archive
        .signer
        .public_key_pem()
        .await
        .expect("the public key");
    let key = mypages_cli::verify::public_key_from_pem(&pem).expect("a P-256 key");
    assert!(mypages_cli::erasure::certificate_verifies(&signed, &key));

    // `company show` counts zero everywhere, with the certificate.
    let after = mypages_cli::erasure::show(&stack.deps, &created.id)
        .await
        .expect("company show of the erased company");
    assert_eq!(
        (after.items, after.objects, after.users, after.audit_records),
        (0, 0, 0, 0),
        "{after:?}"
    );
    let shown = serde_json::to_value(&after).expect("JSON");
    assert!(shown["erasure"]["completedAt"].is_string(), "{shown}");
    assert_eq!(
        shown["erasure"]["certificate"]["certificate"],
        json!(signed.certificate)
    );
    let (status, _) = stack.login(&email, CHOSEN).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the admin's account is gone"
    );

    // The demo companies are as they were.
    for (demo, (snapshot, counted)) in mypages_local::provision::DEMO_COMPANIES
        .iter()
        .zip(demo_before)
    {
        assert_eq!(stack.snapshot(demo.id).await, snapshot, "{}", demo.id);
        assert_eq!(
            inventory(&everything, demo.id, &Captured::default())
                .await
                .expect("the demo company's inventory"),
            counted,
            "{}",
            demo.id
        );
    }
}
