//! Single sign-on: `GET/PUT /company/sso`, `GET /auth/sso` and the operator's licence.
//!
//! Two kinds of tests. The handler tests feed API Gateway events with the claims the
//! authorizer would pass (as `events/` does) to the handlers in-process, against the emulator:
//! they need no token, so they prove the SSO rules, the Cognito identity provider and the app
//! client on their own. The HTTP tests log in through the local stack and need ID tokens that
//! carry `company_id`/`roles` (the pre-token-generation trigger) and, for `requireForAll`,
//! the pre-authentication trigger and the login's `sso_required` answer.
//!
//! What the emulator cannot play: the hosted UI (moto has none), so the redirect to the IdP
//! and back is not exercised; the authorize URL is checked for what it names.

use aws_sdk_cognitoidentityprovider::types::IdentityProviderTypeType;
use aws_sdk_dynamodb::types::AttributeValue;
use blackbox::{Stack, text};
use lambda_http::request::LambdaRequest;
use lambda_http::{Body, Response};
use mypages::aws::keys::{SSO_SK, company_pk};
use mypages::domain::sso::{SsoConfig, provider_name_for};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A domain nobody else uses (Cognito's identifiers are at most 40 characters).
fn fresh_domain() -> String {
    format!(
        "s{}.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

fn fresh_company() -> String {
    format!("sso-{}", uuid::Uuid::new_v4().simple())
}

const ISSUER: &str = "https://login.microsoftonline.com/8f1d2c3b-4a5e-6f70-8192-a3b4c5d6e7f8/v2.0";
const SECRET: &str = "azure-client-secret-value";

fn azure(domain: &str) -> Value {
    json!({
        "enabled": true,
        "provider": "oidc",
        "oidc": {"issuer": ISSUER, "clientId": "azure-client", "clientSecret": SECRET},
        "domains": [domain],
        "autoCreateUsers": true,
        "groupRoles": [{"group": "g-finance", "role": "editor"}],
        "reason": "sign-in through Azure AD"
    })
}

/// An admin (or `roles`) of `company` as the authorizer describes them to a handler.
struct Caller {
    company: String,
    sub: String,
    roles: &'static str,
}

impl Caller {
    fn admin(company: &str) -> Caller {
        Caller {
            company: company.to_owned(),
            sub: uuid::Uuid::new_v4().to_string(),
            roles: "admin",
        }
    }
}

/// The sample event of `function`, made into this request.
fn event(
    stack: &Stack,
    file: &str,
    caller: Option<&Caller>,
    if_match: Option<&str>,
    body: Option<&Value>,
    query: Option<(&str, &str)>,
) -> Value {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events")
        .join(file);
    let mut event: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("sample event")).expect("JSON");
    let headers = event["headers"].as_object_mut().expect("headers");
    headers.remove("idempotency-key");
    headers.remove("if-match");
    if let Some(tag) = if_match {
        headers.insert("if-match".into(), json!(tag));
    }
    let headers = event["headers"].clone();
    event["multiValueHeaders"] = json!(
        headers
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), json!([v])))
            .collect::<serde_json::Map<_, _>>()
    );
    event["body"] = body.map_or(Value::Null, |b| json!(b.to_string()));
    if let Some((key, value)) = query {
        event["queryStringParameters"] = json!({ key: value });
        event["multiValueQueryStringParameters"] = json!({ key: [value] });
    }
    if let Some(caller) = caller {
        let claims = &mut event["requestContext"]["authorizer"]["claims"];
        claims["sub"] = json!(caller.sub);
        claims["cognito:username"] = json!(caller.sub);
        claims["company_id"] = json!(caller.company);
        claims["roles"] = json!(caller.roles);
        claims["aud"] = json!(text(&stack.state, "userPoolClientId"));
    }
    event
}

async fn invoke(stack: &Stack, function: &str, event: Value) -> (u16, Value, Option<String>) {
    let request: LambdaRequest = serde_json::from_value(event).expect("a v1 proxy event");
    let response: Response<Body> =
        mypages_local::dispatch::invoke(function, &stack.deps, request.into())
            .await
            .expect("a known function")
            .expect("handlers answer client errors with Ok");
    let status = response.status().as_u16();
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = match response.body() {
        Body::Text(t) => serde_json::from_str(t).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    (status, body, etag)
}

async fn get_sso(stack: &Stack, caller: &Caller) -> (u16, Value, Option<String>) {
    let e = event(
        stack,
        "company-sso-get/get.json",
        Some(caller),
        None,
        None,
        None,
    );
    invoke(stack, "company-sso-get", e).await
}

async fn put_sso(stack: &Stack, caller: &Caller, if_match: &str, body: &Value) -> (u16, Value) {
    let e = event(
        stack,
        "company-sso-update/azure-oidc.json",
        Some(caller),
        Some(if_match),
        Some(body),
        None,
    );
    let (status, body, _) = invoke(stack, "company-sso-update", e).await;
    (status, body)
}

async fn auth_sso(stack: &Stack, email: &str) -> (u16, Value) {
    let e = event(
        stack,
        "auth-sso/by-email.json",
        None,
        None,
        None,
        Some(("email", email)),
    );
    let (status, body, _) = invoke(stack, "auth-sso", e).await;
    (status, body)
}

/// Behind the API's back: moves the module's first activation `days` into the past.
async fn backdate_activation(stack: &Stack, company: &str, days: i64) {
    let mut sso: SsoConfig = stack.deps.store.sso(company).await.expect("sso");
    sso.first_activated_at = sso
        .first_activated_at
        .map(|at| at - chrono::Duration::days(days));
    stack
        .deps
        .store
        .client()
        .put_item()
        .table_name(stack.deps.store.data_table())
        .item("pk", AttributeValue::S(company_pk(company)))
        .item("sk", AttributeValue::S(SSO_SK.into()))
        .item(
            "config",
            AttributeValue::S(serde_json::to_string(&sso).expect("json")),
        )
        .item("version", AttributeValue::N(sso.version.to_string()))
        .send()
        .await
        .expect("direct write");
}

fn pool(stack: &Stack) -> (&aws_sdk_cognitoidentityprovider::Client, String, String) {
    (
        &stack.user_pool.client,
        text(&stack.state, "userPoolId"),
        text(&stack.state, "userPoolClientId"),
    )
}

#[tokio::test]
async fn the_sample_events_configure_sso_and_hand_out_the_authorize_url() {
    let stack = Stack::connect().await;
    let company = fresh_company();
    let domain = fresh_domain();
    let sub = uuid::Uuid::new_v4().to_string();
    let client = text(&stack.state, "userPoolClientId");
    let key = uuid::Uuid::new_v4().to_string();
    let load = |file: &str| -> Value {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../events")
            .join(file);
        let raw = std::fs::read_to_string(path)
            .expect("event")
            .replace("${companyId}", &company)
            .replace("${sub}", &sub)
            .replace("${clientId}", &client)
            .replace("${domain}", &domain)
            .replace("${idempotencyKey}", &key);
        serde_json::from_str(&raw).expect("JSON")
    };
    let (status, body, etag) =
        invoke(&stack, "company-sso-get", load("company-sso-get/get.json")).await;
    assert_eq!((status, etag.as_deref()), (200, Some("\"0\"")), "{body}");
    assert_eq!(body["status"], "off");
    let update = load("company-sso-update/azure-oidc.json");
    let (status, body, _) = invoke(&stack, "company-sso-update", update.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "trial");
    let (status, replayed, _) = invoke(&stack, "company-sso-update", update).await;
    assert_eq!(
        (status, &replayed),
        (200, &body),
        "the Idempotency-Key replays"
    );
    let (status, body, _) = invoke(&stack, "auth-sso", load("auth-sso/by-email.json")).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        text(&body, "authorizeUrl").ends_with(&format!("idp_identifier={domain}")),
        "{body}"
    );
}

#[tokio::test]
async fn put_creates_the_identity_provider_and_offers_it_while_the_client_keeps_its_settings() {
    let stack = Stack::connect().await;
    let (idp, pool_id, client_id) = pool(&stack);
    let company = fresh_company();
    let admin = Caller::admin(&company);
    let domain = fresh_domain();
    let before = idp
        .describe_user_pool_client()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .send()
        .await
        .expect("client")
        .user_pool_client
        .expect("client");

    let (status, body) = put_sso(&stack, &admin, "\"0\"", &azure(&domain)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "trial");
    assert_eq!(body["version"], 1);
    assert_eq!(
        body["oidc"],
        json!({"issuer": ISSUER, "clientId": "azure-client"})
    );
    let trial_ends: chrono::DateTime<chrono::Utc> =
        text(&body, "trialEndsAt").parse().expect("instant");
    let days = (trial_ends - chrono::Utc::now()).num_minutes();
    assert!(
        (10 * 24 * 60 - 5..=10 * 24 * 60).contains(&days),
        "{trial_ends}"
    );
    assert!(!body.to_string().contains(SECRET));

    let name = provider_name_for(&company);
    let provider = idp
        .describe_identity_provider()
        .user_pool_id(&pool_id)
        .provider_name(&name)
        .send()
        .await
        .expect("the provider exists")
        .identity_provider
        .expect("provider");
    assert_eq!(
        provider.provider_type(),
        Some(&IdentityProviderTypeType::Oidc)
    );
    assert_eq!(provider.idp_identifiers(), std::slice::from_ref(&domain));
    let details = provider.provider_details().expect("details");
    assert_eq!(details["oidc_issuer"], ISSUER);
    assert_eq!(details["client_id"], "azure-client");
    assert_eq!(details["client_secret"], SECRET, "Cognito holds the secret");
    assert_eq!(details["authorize_scopes"], "openid email profile");
    assert_eq!(details["attributes_request_method"], "GET");
    let mapping = provider.attribute_mapping().expect("mapping");
    assert_eq!(mapping["email"], "email");
    assert_eq!(mapping["name"], "name");
    assert_eq!(mapping["custom:idp_groups"], "groups");

    let after = idp
        .describe_user_pool_client()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .send()
        .await
        .expect("client")
        .user_pool_client
        .expect("client");
    assert!(after.supported_identity_providers().contains(&name));
    assert!(
        after
            .supported_identity_providers()
            .contains(&"COGNITO".to_owned())
    );
    assert_eq!(
        after.allowed_o_auth_scopes(),
        ["openid", "email", "profile"]
    );
    assert!(
        after
            .callback_urls()
            .contains(&text(&stack.state, "ssoCallbackUrl"))
    );
    assert_eq!(after.client_secret(), before.client_secret());
    assert_eq!(after.explicit_auth_flows(), before.explicit_auth_flows());
    assert_eq!(after.read_attributes(), before.read_attributes());
    assert_eq!(after.write_attributes(), before.write_attributes());
    assert_eq!(after.id_token_validity(), before.id_token_validity());
    assert_eq!(
        after.access_token_validity(),
        before.access_token_validity()
    );
    assert_eq!(
        after.refresh_token_validity(),
        before.refresh_token_validity()
    );
    assert_eq!(after.token_validity_units(), before.token_validity_units());
    assert_eq!(
        after.prevent_user_existence_errors(),
        before.prevent_user_existence_errors()
    );
    assert_eq!(
        after.enable_token_revocation(),
        before.enable_token_revocation()
    );

    // GET never returns the secret; a change without one keeps Cognito's.
    let (status, view, etag) = get_sso(&stack, &admin).await;
    assert_eq!((status, etag.as_deref()), (200, Some("\"1\"")));
    assert!(!view.to_string().contains(SECRET), "{view}");
    let mut second = azure(&domain);
    second["oidc"]
        .as_object_mut()
        .expect("oidc")
        .remove("clientSecret");
    second["domains"] = json!([domain, format!("eu.{domain}")]);
    let (status, body) = put_sso(&stack, &admin, "\"1\"", &second).await;
    assert_eq!(status, 200, "{body}");
    let provider = idp
        .describe_identity_provider()
        .user_pool_id(&pool_id)
        .provider_name(&name)
        .send()
        .await
        .expect("provider")
        .identity_provider
        .expect("provider");
    assert_eq!(
        provider.provider_details().expect("d")["client_secret"],
        SECRET
    );
    assert_eq!(provider.idp_identifiers().len(), 2);

    // Switched off without a provider: withdrawn from the client and deleted.
    let (status, body) = put_sso(
        &stack,
        &admin,
        "\"2\"",
        &json!({"enabled": false, "reason": "stop"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "off");
    let gone = idp
        .describe_identity_provider()
        .user_pool_id(&pool_id)
        .provider_name(&name)
        .send()
        .await;
    assert!(gone.is_err(), "the provider is deleted");
    let client = idp
        .describe_user_pool_client()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .send()
        .await
        .expect("client")
        .user_pool_client
        .expect("client");
    assert!(!client.supported_identity_providers().contains(&name));
    assert_eq!(client.client_secret(), before.client_secret());
    // The domain was released: another company may claim it now.
    let other = Caller::admin(&fresh_company());
    let (status, body) = put_sso(&stack, &other, "\"0\"", &azure(&domain)).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_rules_refuse_what_would_lock_a_company_out_or_take_anothers_domain() {
    let stack = Stack::connect().await;
    let admin = Caller::admin(&fresh_company());
    let domain = fresh_domain();

    let (status, body) = put_sso(
        &stack,
        &admin,
        "\"0\"",
        &json!({"enabled": true, "requireForAll": true, "reason": "r"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "requireForAll");
    let mut licensed = azure(&domain);
    licensed["licensedUntil"] = json!("2099-12-31");
    let (status, body) = put_sso(&stack, &admin, "\"0\"", &licensed).await;
    assert_eq!(status, 400, "{body}");
    let mut gmail = azure(&domain);
    gmail["domains"] = json!(["gmail.com"]);
    assert_eq!(put_sso(&stack, &admin, "\"0\"", &gmail).await.0, 422);
    assert_eq!(
        put_sso(&stack, &admin, "\"3\"", &azure(&domain)).await.0,
        412
    );

    let (status, body) = put_sso(&stack, &admin, "\"0\"", &azure(&domain)).await;
    assert_eq!(status, 200, "{body}");
    let rival = Caller::admin(&fresh_company());
    let (status, body) = put_sso(&stack, &rival, "\"0\"", &azure(&domain)).await;
    assert_eq!(status, 409, "{body}");
    let (status, view, _) = get_sso(&stack, &rival).await;
    assert_eq!((status, &view["status"]), (200, &json!("off")));

    // Switching off and on again does not restart the trial.
    let (_, first, _) = get_sso(&stack, &admin).await;
    let mut off = azure(&domain);
    off["enabled"] = json!(false);
    off["oidc"]
        .as_object_mut()
        .expect("oidc")
        .remove("clientSecret");
    assert_eq!(put_sso(&stack, &admin, "\"1\"", &off).await.0, 200);
    let mut on = off.clone();
    on["enabled"] = json!(true);
    let (status, again) = put_sso(&stack, &admin, "\"2\"", &on).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["trialEndsAt"], first["trialEndsAt"]);

    // Only admins configure SSO.
    for roles in ["editor", "viewer", "auditor"] {
        let caller = Caller {
            company: admin.company.clone(),
            sub: uuid::Uuid::new_v4().to_string(),
            roles,
        };
        assert_eq!(get_sso(&stack, &caller).await.0, 403, "{roles}");
        assert_eq!(
            put_sso(&stack, &caller, "\"3\"", &on).await.0,
            403,
            "{roles}"
        );
    }
}

#[tokio::test]
async fn the_authorize_url_exists_only_while_the_module_runs_and_the_licence_extends_it() {
    let stack = Stack::connect().await;
    let company = fresh_company();
    // The licence needs a company that exists.
    mypages_local::provision::ensure_company(
        &stack.deps.store,
        &stack.user_pool,
        &company,
        "SSO AB",
        &[],
        blackbox::PASSWORD,
    )
    .await
    .expect("company");
    let admin = Caller::admin(&company);
    let domain = fresh_domain();
    assert_eq!(auth_sso(&stack, &format!("anna@{domain}")).await.0, 404);
    let (status, body) = put_sso(&stack, &admin, "\"0\"", &azure(&domain)).await;
    assert_eq!(status, 200, "{body}");

    let (status, body) = auth_sso(&stack, &format!("Anna@{}", domain.to_uppercase())).await;
    assert_eq!(status, 200, "{body}");
    let url = reqwest::Url::parse(&text(&body, "authorizeUrl")).expect("URL");
    assert!(url.as_str().starts_with(&format!(
        "{}/oauth2/authorize?",
        text(&stack.state, "hostedUiUrl")
    )));
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["client_id"], text(&stack.state, "userPoolClientId"));
    assert_eq!(query["redirect_uri"], text(&stack.state, "ssoCallbackUrl"));
    assert_eq!(query["scope"], "openid email profile");
    assert_eq!(query["idp_identifier"], domain);
    assert_eq!(auth_sso(&stack, "anna@unknown-domain.example").await.0, 404);
    assert_eq!(auth_sso(&stack, "not-an-address").await.0, 404);

    // Expired: no URL, the same 404 as an unknown domain.
    backdate_activation(&stack, &company, 11).await;
    let (status, view, _) = get_sso(&stack, &admin).await;
    assert_eq!((status, &view["status"]), (200, &json!("expired")));
    let (status, body) = auth_sso(&stack, &format!("anna@{domain}")).await;
    assert_eq!(status, 404, "{body}");

    // Our staff license the module: active, and the audit record names the operator.
    let until = chrono::Utc::now().date_naive() + chrono::Duration::days(365);
    let sdk = mypages_cli::operator::local_sdk(&stack.state).await;
    let actor = mypages_cli::operator::actor(&sdk)
        .await
        .expect("the emulator's STS names the caller");
    let licensed =
        mypages_cli::sso_license::license(&stack.deps, &actor, &company, until, "invoice 42")
            .await
            .expect("licence");
    assert_eq!(licensed.licensed_until, Some(until));
    let (status, view, _) = get_sso(&stack, &admin).await;
    assert_eq!((status, &view["status"]), (200, &json!("active")));
    assert_eq!(view["licensedUntil"], json!(until));
    assert_eq!(auth_sso(&stack, &format!("anna@{domain}")).await.0, 200);
    let audit = event(
        &stack,
        "company-sso-get/get.json",
        Some(&admin),
        None,
        None,
        None,
    );
    let mut audit = audit;
    audit["path"] = json!("/audit");
    audit["resource"] = json!("/audit");
    audit["queryStringParameters"] = json!({"action": "company.sso.license"});
    audit["multiValueQueryStringParameters"] = json!({"action": ["company.sso.license"]});
    let (status, records, _) = invoke(&stack, "audit-list", audit).await;
    assert_eq!(status, 200, "{records}");
    let record = &records["items"][0];
    assert_eq!(record["actor"], json!(actor), "{records}");
    assert!(actor.starts_with("operator:arn:"), "{actor}");
    assert_eq!(record["reason"], "invoice 42");

    // An unknown company cannot be licensed.
    assert!(
        mypages_cli::sso_license::license(&stack.deps, &actor, &fresh_company(), until, "x")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_update_is_audited_with_the_changed_fields_and_never_the_secret() {
    let stack = Stack::connect().await;
    let company = fresh_company();
    let admin = Caller::admin(&company);
    let (status, body) = put_sso(&stack, &admin, "\"0\"", &azure(&fresh_domain())).await;
    assert_eq!(status, 200, "{body}");
    let mut audit = event(
        &stack,
        "company-sso-get/get.json",
        Some(&admin),
        None,
        None,
        None,
    );
    audit["path"] = json!("/audit");
    audit["resource"] = json!("/audit");
    audit["queryStringParameters"] = json!({"action": "company.sso.update"});
    audit["multiValueQueryStringParameters"] = json!({"action": ["company.sso.update"]});
    let (status, records, _) = invoke(&stack, "audit-list", audit).await;
    assert_eq!(status, 200, "{records}");
    let record = &records["items"][0];
    assert_eq!(record["actor"], json!(admin.sub));
    assert_eq!(record["reason"], "sign-in through Azure AD");
    let fields = record["details"]["fields"].to_string();
    for field in [
        "enabled",
        "provider",
        "clientSecret",
        "domains",
        "groupRoles",
    ] {
        assert!(fields.contains(field), "{fields}");
    }
    assert!(!records.to_string().contains(SECRET), "{records}");
}

// --- Over HTTP with real logins: these need the trigger-set claims (pre-token generation) ---

#[tokio::test]
async fn over_http_only_admins_read_and_change_sso_and_each_company_sees_its_own() {
    let stack = Stack::connect().await;
    let a = stack.new_tenant().await;
    let b = stack.new_tenant().await;
    let domain = fresh_domain();
    let (status, body, headers) = stack.get(&a.admin.id_token, "/company/sso").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "off");
    assert_eq!(
        headers.get("etag").and_then(|v| v.to_str().ok()),
        Some("\"0\"")
    );
    let (status, body, _) = stack
        .change(
            Method::PUT,
            &a.admin.id_token,
            "/company/sso",
            "\"0\"",
            &azure(&domain),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for session in [&a.editor, &a.viewer, &a.auditor] {
        assert_eq!(
            stack.get(&session.id_token, "/company/sso").await.0,
            StatusCode::FORBIDDEN,
            "{}",
            session.email
        );
        let (status, _, _) = stack
            .change(
                Method::PUT,
                &session.id_token,
                "/company/sso",
                "\"1\"",
                &azure(&domain),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", session.email);
    }
    // Company B sees only its own (never configured) SSO.
    let (status, body, _) = stack.get(&b.admin.id_token, "/company/sso").await;
    assert_eq!((status, &body["status"]), (StatusCode::OK, &json!("off")));
    assert_eq!(body["domains"], json!([]));
    // /auth/sso needs no token.
    let (status, body, _) = stack
        .send(stack.request(
            Method::GET,
            &format!("/auth/sso?email=anna%40{domain}"),
            None,
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn over_http_require_for_all_refuses_passwords_until_the_module_expires() {
    let stack = Stack::connect().await;
    let t = stack.new_tenant().await;
    // The tenant's users have addresses at test.example; the pre-authentication trigger goes
    // by the user's company, the login's early answer by the address's domain.
    let domain = fresh_domain();
    let mut body = azure(&domain);
    body["requireForAll"] = json!(true);
    let (status, answer, _) = stack
        .change(
            Method::PUT,
            &t.admin.id_token,
            "/company/sso",
            "\"0\"",
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["requireForAll"], true);
    let (status, refused) = stack.login(&t.editor.email, blackbox::PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    assert!(
        text(&refused, "type").ends_with("sso_required"),
        "{refused}"
    );

    backdate_activation(&stack, &t.company_id, 11).await;
    let (status, tokens) = stack.login(&t.editor.email, blackbox::PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "expired: passwords work again: {tokens}"
    );
}

#[tokio::test]
async fn a_saml_or_google_provider_replaces_the_oidc_one_under_the_same_name() {
    let stack = Stack::connect().await;
    let (idp, pool_id, _) = pool(&stack);
    let company = fresh_company();
    let admin = Caller::admin(&company);
    let domain = fresh_domain();
    let name = provider_name_for(&company);
    let describe = || async {
        idp.describe_identity_provider()
            .user_pool_id(&pool_id)
            .provider_name(&name)
            .send()
            .await
            .expect("provider")
            .identity_provider
            .expect("provider")
    };
    assert_eq!(
        put_sso(&stack, &admin, "\"0\"", &azure(&domain)).await.0,
        200
    );
    let metadata = "https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=a";
    let saml = json!({
        "enabled": true,
        "provider": "saml",
        "saml": {"metadataUrl": metadata},
        "domains": [domain],
        "reason": "SAML instead"
    });
    let (status, body) = put_sso(&stack, &admin, "\"1\"", &saml).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["saml"], json!({"metadataUrl": metadata}));
    assert_eq!(body["oidc"], Value::Null);
    let provider = describe().await;
    assert_eq!(
        provider.provider_type(),
        Some(&IdentityProviderTypeType::Saml)
    );
    let details = provider.provider_details().expect("details");
    assert_eq!(details["MetadataURL"], metadata);
    assert!(!details.contains_key("client_secret"), "{details:?}");
    let mapping = provider.attribute_mapping().expect("mapping");
    assert_eq!(
        mapping["custom:idp_groups"],
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
    );
    assert_eq!(provider.idp_identifiers(), std::slice::from_ref(&domain));

    let google = json!({
        "enabled": true,
        "provider": "google",
        "google": {"clientId": "g-client.apps.googleusercontent.com", "clientSecret": "g-secret"},
        "domains": [domain],
        "reason": "Google Workspace"
    });
    let (status, body) = put_sso(&stack, &admin, "\"2\"", &google).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["provider"], "google");
    assert!(!body.to_string().contains("g-secret"));
    let provider = describe().await;
    assert_eq!(
        provider.provider_type(),
        Some(&IdentityProviderTypeType::Oidc)
    );
    let details = provider.provider_details().expect("details");
    assert_eq!(details["oidc_issuer"], "https://accounts.google.com");
    assert_eq!(details["client_id"], "g-client.apps.googleusercontent.com");
}
