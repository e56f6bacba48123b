//! The foundation review's attack scenarios (issue 6, part A): each would have succeeded
//! before its fix.

use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use blackbox::{Stack, chain_report, ie13_contract};
use mypages::aws::keys::{AUDIT_HEAD_SK, chain_pk};
use mypages::domain::audit::Chain;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn mfa(stack: &Stack, session: &str) -> (StatusCode, Value) {
    let (status, body, _) = stack
        .send(
            stack
                .request(Method::POST, "/auth/mfa", None)
                .json(&json!({"session": session, "code": "123456"})),
        )
        .await;
    (status, body)
}

#[tokio::test]
async fn a_forged_mfa_session_naming_a_victim_is_refused_and_writes_nothing() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let before = stack.snapshot(&tenant.company_id).await;
    // The wrapper the API used to hand out: unsigned base64 JSON with the user name.
    let forged = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({"u": tenant.admin.email, "s": "anything"})).unwrap_or_default(),
    );
    for session in [forged.clone(), format!("{forged}.AAAA")] {
        let (status, problem) = mfa(&stack, &session).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    }
    assert_eq!(
        stack.snapshot(&tenant.company_id).await,
        before,
        "no record in any chain of the victim's company"
    );
}

#[tokio::test]
async fn a_real_session_whose_user_name_is_swapped_is_refused_and_writes_nothing() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    // A token of the sealed shape whose payload names the victim, with a tag made up.
    let payload = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({"u": tenant.admin.email, "s": "x", "e": i64::MAX}))
            .unwrap_or_default(),
    );
    let tag = URL_SAFE_NO_PAD.encode([7u8; 32]);
    let before = stack.snapshot(&tenant.company_id).await;
    let (status, _) = mfa(&stack, &format!("{payload}.{tag}")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(stack.snapshot(&tenant.company_id).await, before);
}

#[tokio::test]
async fn wrong_passwords_go_to_the_security_chain_and_never_move_the_data_chain() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    let data_head = |stack: &Stack| {
        let (store, company) = (stack.deps.store.clone(), tenant.company_id.clone());
        async move { store.chain_head(&company, Chain::Data).await.expect("head") }
    };
    let before = data_head(&stack).await;
    for _ in 0..3 {
        let (status, _) = stack.login(&tenant.viewer.email, "Wrong-Passw0rd!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        data_head(&stack).await,
        before,
        "logins never touch the data chain"
    );
    let failed = stack
        .audit_records(&tenant.auditor.id_token, "?chain=security")
        .await
        .into_iter()
        .filter(|r| r["action"] == "auth.login_failed")
        .count();
    assert_eq!(failed, 3);
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], true, "{report}");
    let security = chain_report(&report, "security");
    assert_eq!(security["valid"], true, "{report}");
    assert_eq!(
        security["headSeq"], 7,
        "four logins and three refusals: {report}"
    );
}

#[tokio::test]
async fn a_deleted_head_is_reported_and_does_not_block_later_writes() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    stack
        .delete_audit_item(&tenant.company_id, Chain::Data, AUDIT_HEAD_SK)
        .await;
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    let data = &report["chains"][0];
    assert_eq!(data["problem"], "missingHead", "{report}");
    // Before, every later write of the company answered 503 forever.
    let created = stack
        .create_contract(&tenant.editor, &ie13_contract())
        .await;
    assert!(created["id"].is_string(), "{created}");
}

#[tokio::test]
async fn records_past_a_rewound_head_are_reported() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    for _ in 0..3 {
        stack
            .create_contract(&tenant.editor, &ie13_contract())
            .await;
    }
    // Point the head back at record 1, as if records 2 and 3 had been appended by someone
    // else: the old verify read only up to the head and passed.
    stack
        .rewind_audit_head(&tenant.company_id, Chain::Data, 1)
        .await;
    let report = stack.verify_audit(&tenant.auditor).await;
    assert_eq!(report["valid"], false, "{report}");
    assert_eq!(report["chains"][0]["problem"], "headMismatch", "{report}");
    assert_eq!(report["firstBadSeq"], 2, "{report}");
}

fn fronted_cognito(stack: &Stack) -> aws_sdk_cognitoidentityprovider::Client {
    let endpoint = blackbox::text(&stack.state, "cognitoEndpoint");
    assert!(
        !endpoint.is_empty(),
        "the state file names the Cognito front"
    );
    let config = aws_sdk_cognitoidentityprovider::config::Builder::new()
        .behavior_version(aws_sdk_cognitoidentityprovider::config::BehaviorVersion::latest())
        .region(aws_sdk_cognitoidentityprovider::config::Region::new(
            blackbox::text(&stack.state, "region"),
        ))
        .credentials_provider(aws_sdk_cognitoidentityprovider::config::Credentials::new(
            "test", "test", None, None, "tests",
        ))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_cognitoidentityprovider::Client::from_conf(config)
}

async fn direct_login(
    stack: &Stack,
    email: &str,
    secret_hash: Option<String>,
) -> Result<(), String> {
    use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
    fronted_cognito(stack)
        .initiate_auth()
        .client_id(blackbox::text(&stack.state, "userPoolClientId"))
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .set_auth_parameters(Some(
            [
                ("USERNAME".to_owned(), email.to_owned()),
                ("PASSWORD".to_owned(), blackbox::PASSWORD.to_owned()),
            ]
            .into_iter()
            .chain(secret_hash.map(|h| ("SECRET_HASH".to_owned(), h)))
            .collect(),
        ))
        .send()
        .await
        .map(|_| ())
        .map_err(|e| aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e).to_string())
}

async fn logins_of(stack: &Stack, token: &str, sub: &str) -> usize {
    stack
        .audit_records(token, "?chain=security")
        .await
        .iter()
        .filter(|r| r["action"] == "auth.login" && r["actor"] == sub)
        .count()
}

#[tokio::test]
async fn a_direct_cognito_login_without_the_client_secret_is_refused() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let refused = direct_login(&stack, &tenant.viewer.email, None).await;
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.contains("NotAuthorizedException")),
        "{refused:?}"
    );
    let wrong = mypages::domain::session::secret_hash(
        "guessed",
        &tenant.viewer.email,
        &blackbox::text(&stack.state, "userPoolClientId"),
    );
    let refused = direct_login(&stack, &tenant.viewer.email, Some(wrong)).await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(
        logins_of(&stack, &tenant.auditor.id_token, &tenant.viewer.sub).await,
        1,
        "only the API login of the tenant's set-up"
    );
}

#[tokio::test]
async fn every_successful_cognito_sign_in_is_recorded_by_the_trigger_even_outside_the_api() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    // Whoever holds the client secret (only the login functions do) signs in directly.
    let keys = stack.deps.secrets.auth_keys().await.expect("auth keys");
    let hash = mypages::domain::session::secret_hash(
        &keys.client_secret,
        &tenant.viewer.email,
        &blackbox::text(&stack.state, "userPoolClientId"),
    );
    direct_login(&stack, &tenant.viewer.email, Some(hash))
        .await
        .expect("a direct sign-in with the secret");
    assert_eq!(
        logins_of(&stack, &tenant.auditor.id_token, &tenant.viewer.sub).await,
        2,
        "the API login of the set-up and the direct one"
    );
}

#[tokio::test]
async fn the_trigger_records_the_login_with_only_known_details() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.viewer;
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events/auth-pre-token-generation/authentication.json");
    let text = std::fs::read_to_string(path)
        .expect("sample event")
        .replace("${userPoolId}", &blackbox::text(&stack.state, "userPoolId"))
        .replace(
            "${clientId}",
            &blackbox::text(&stack.state, "userPoolClientId"),
        )
        .replace("${email}", &user.email)
        .replace("${sub}", &user.sub);
    let event: aws_lambda_events::event::cognito::CognitoEventUserPoolsPreTokenGen =
        serde_json::from_str(&text).expect("a pre-token-generation event");
    let mut context = lambda_runtime::Context::default();
    context.request_id = "trigger-request-1".into();
    let triggers = blackbox::trigger_deps(&stack);
    let returned = auth_pre_token_generation::handler(
        &triggers,
        lambda_runtime::LambdaEvent::new(event.clone(), context),
    )
    .await
    .expect("recorded");
    assert_eq!(
        returned.request, event.request,
        "Cognito gets its request back unchanged"
    );
    let head = stack
        .deps
        .store
        .chain_head(&tenant.company_id, Chain::Security)
        .await
        .expect("head")
        .expect("a security chain");
    let item = stack
        .deps
        .store
        .client()
        .get_item()
        .table_name(stack.deps.store.audit_table())
        .key(
            "pk",
            AttributeValue::S(chain_pk(&tenant.company_id, Chain::Security)),
        )
        .key(
            "sk",
            AttributeValue::S(mypages::aws::keys::audit_sk(head.seq)),
        )
        .send()
        .await
        .expect("record")
        .item
        .unwrap_or_default();
    let record = mypages::aws::store::audit_record(&item).expect("a record");
    assert_eq!(
        (
            record.action.as_str(),
            record.actor.as_str(),
            record.request_id.as_str()
        ),
        ("auth.login", user.sub.as_str(), "trigger-request-1")
    );
    assert_eq!(
        Value::Object(record.details),
        json!({"mfa": "totp", "method": "totp"})
    );

    let mut outsider = serde_json::from_str::<Value>(&text).expect("json");
    outsider["request"]["userAttributes"]["sub"] = json!(uuid::Uuid::new_v4().to_string());
    let outsider = serde_json::from_value(outsider).expect("event");
    let refused = auth_pre_token_generation::handler(
        &triggers,
        lambda_runtime::LambdaEvent::new(outsider, lambda_runtime::Context::default()),
    )
    .await;
    assert!(
        refused.is_err(),
        "a user outside any company gets no tokens"
    );
}

#[tokio::test]
async fn refused_logins_of_one_user_are_recorded_up_to_a_bound_then_only_counted() {
    use mypages::domain::credentials::RECORDED_REFUSALS_PER_WINDOW;
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let bound = usize::try_from(RECORDED_REFUSALS_PER_WINDOW).unwrap_or(5);
    // Enough that one 5-minute window gets more than the bound, even if the loop straddles
    // two windows.
    for _ in 0..2 * (bound + 1) + 1 {
        let (status, _) = stack.login(&tenant.viewer.email, "Wrong-Passw0rd!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let refused: Vec<Value> = stack
        .audit_records(&tenant.auditor.id_token, "?chain=security")
        .await
        .into_iter()
        .filter(|r| r["action"] == "auth.login_failed")
        .collect();
    let mut per_window: std::collections::BTreeMap<i64, usize> = Default::default();
    for record in &refused {
        *per_window
            .entry(record["details"]["window"].as_i64().unwrap_or(-1))
            .or_default() += 1;
    }
    assert!(
        per_window.values().all(|n| *n <= bound + 1),
        "at most the bound and one notice per window: {per_window:?}"
    );
    assert!(
        refused
            .iter()
            .any(|r| r["details"]["furtherAttemptsCounted"] == true),
        "{refused:?}"
    );
}
