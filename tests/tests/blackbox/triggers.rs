//! The Cognito triggers: through the local stack, which calls them where Cognito does (so the
//! rules hold for API logins and direct Cognito calls alike), and with the sample events of
//! `events/auth-pre-*` fed to the handlers against the emulator. The hosted-UI federation
//! itself (the redirect to Azure AD and back) cannot run on the emulator: its events are
//! recorded-shape samples, and a second pool without e-mail aliases holds users named as
//! Cognito names federated users (`<provider>_<subject>`).

use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsPreAuthentication, CognitoEventUserPoolsPreSignup,
    CognitoEventUserPoolsPreTokenGen,
};
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use blackbox::{PASSWORD, Stack, Tenant, text, token_claims, trigger_deps};
use mypages::domain::role::Role;
use mypages::domain::sso::{GroupRole, Provider, SsoConfig};
use mypages::domain::user::UserRecord;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn event<T: serde::de::DeserializeOwned>(name: &str, vars: &[(&str, &str)]) -> T {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events")
        .join(name);
    let mut text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    for (key, value) in vars {
        text = text.replace(&format!("${{{key}}}"), value);
    }
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn context() -> lambda_runtime::Context {
    let mut context = lambda_runtime::Context::default();
    context.request_id = uuid::Uuid::new_v4().to_string();
    context
}

async fn pre_token(
    stack: &Stack,
    event: CognitoEventUserPoolsPreTokenGen,
) -> Result<CognitoEventUserPoolsPreTokenGen, String> {
    auth_pre_token_generation::handler(
        &trigger_deps(stack),
        lambda_runtime::LambdaEvent::new(event, context()),
    )
    .await
    .map_err(|e| e.to_string())
}

async fn pre_sign_up(
    stack: &Stack,
    event: CognitoEventUserPoolsPreSignup,
) -> Result<CognitoEventUserPoolsPreSignup, String> {
    auth_pre_sign_up::handler(
        &stack.deps.store,
        lambda_runtime::LambdaEvent::new(event, context()),
    )
    .await
    .map_err(|e| e.to_string())
}

async fn pre_authentication(
    stack: &Stack,
    event: CognitoEventUserPoolsPreAuthentication,
) -> Result<(), String> {
    auth_pre_authentication::handler(
        &stack.deps.store,
        lambda_runtime::LambdaEvent::new(event, context()),
    )
    .await
    .map(|_| ())
    .map_err(|e| e.to_string())
}

/// The claims the trigger asked Cognito to add.
fn added_claims(event: &CognitoEventUserPoolsPreTokenGen) -> Value {
    json!(
        event
            .response
            .claims_override_details
            .as_ref()
            .map(|d| d.claims_to_add_or_override.clone())
            .unwrap_or_default()
    )
}

/// Behind the API's back: writes the company's SSO settings and its provider and domain
/// pointers, as `PUT /company/sso` would.
async fn configure_sso(stack: &Stack, company: &str, config: &SsoConfig) {
    let store = &stack.deps.store;
    let current = store.sso(company).await.expect("sso").version;
    let stored = SsoConfig {
        version: current + 1,
        ..config.clone()
    };
    let mut items = vec![store.sso_put(company, &stored, current).expect("put")];
    if let Some(provider) = &config.provider_name {
        items.push(store.provider_claim(company, provider).expect("provider"));
    }
    for domain in &config.domains {
        items.push(store.domain_claim(company, domain).expect("domain"));
    }
    store
        .client()
        .transact_write_items()
        .set_transact_items(Some(items))
        .send()
        .await
        .expect("write the SSO settings");
}

/// SSO running (trial from now) through a new provider for a new domain of the company.
fn running_sso(auto_create_users: bool) -> SsoConfig {
    let id = uuid::Uuid::new_v4().simple().to_string();
    SsoConfig {
        enabled: true,
        provider: Some(Provider::Oidc {
            issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
                .into(),
            client_id: "azure-app".into(),
        }),
        provider_name: Some(format!("sso-{}", &id[..24])),
        domains: vec![format!("{}.corp.example", &id[..12])],
        require_for_all: false,
        auto_create_users,
        group_roles: vec![
            GroupRole {
                group: "g-finance".into(),
                role: Role::Editor,
            },
            GroupRole {
                group: "g-admins".into(),
                role: Role::Admin,
            },
        ],
        first_activated_at: Some(chrono::Utc::now()),
        licensed_until: None,
        version: 0,
    }
}

/// Behind the API's back: replaces a user's record.
async fn rewrite_record(stack: &Stack, company: &str, record: &UserRecord) {
    let store = &stack.deps.store;
    let update = store
        .user_update(company, record, record.version)
        .expect("update");
    store
        .client()
        .transact_write_items()
        .transact_items(update)
        .send()
        .await
        .expect("rewrite the record");
}

async fn record_of(stack: &Stack, company: &str, sub: &str) -> Option<UserRecord> {
    stack.deps.store.user(company, sub).await.expect("read")
}

/// A user as Cognito holds a federated one (`<provider>_<subject>`), in a pool of its own
/// (the main pool signs in by e-mail, so moto names its users by UUID). Returns the event
/// variables for `events/auth-pre-*` and the user's `sub`.
struct Federated {
    pool_id: String,
    user_name: String,
    subject: String,
    sub: String,
    email: String,
}

async fn federated_user(stack: &Stack, provider: &str, email: &str) -> Federated {
    let idp = &stack.user_pool.client;
    let pool_id = idp
        .create_user_pool()
        .pool_name(format!("federated-{}", uuid::Uuid::new_v4().simple()))
        // As template.yaml's pool: Cognito copies the IdP's groups into this attribute.
        .schema(
            aws_sdk_cognitoidentityprovider::types::SchemaAttributeType::builder()
                .name("idp_groups")
                .attribute_data_type(
                    aws_sdk_cognitoidentityprovider::types::AttributeDataType::String,
                )
                .mutable(true)
                .build(),
        )
        .send()
        .await
        .expect("a pool")
        .user_pool
        .and_then(|p| p.id)
        .expect("pool id");
    let subject = uuid::Uuid::new_v4().simple().to_string();
    let user_name = format!("{provider}_{subject}");
    idp.admin_create_user()
        .user_pool_id(&pool_id)
        .username(&user_name)
        .message_action(MessageActionType::Suppress)
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(email)
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("the federated user");
    let user = idp
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username(&user_name)
        .send()
        .await
        .expect("read back");
    let sub = user
        .user_attributes()
        .iter()
        .find(|a| a.name() == "sub")
        .and_then(|a| a.value())
        .expect("sub")
        .to_owned();
    Federated {
        pool_id,
        user_name,
        subject,
        sub,
        email: email.to_owned(),
    }
}

impl Federated {
    fn hosted_event(
        &self,
        stack: &Stack,
        provider: &str,
        groups: &str,
    ) -> CognitoEventUserPoolsPreTokenGen {
        let client = text(&stack.state, "userPoolClientId");
        event(
            "auth-pre-token-generation/hosted-auth-federated.json",
            &[
                ("userPoolId", &self.pool_id),
                ("provider", provider),
                ("idpSubject", &self.subject),
                ("sub", &self.sub),
                ("email", &self.email),
                ("groups", groups),
                ("clientId", &client),
            ],
        )
    }

    fn refresh_event(&self, stack: &Stack, admin_group: &str) -> CognitoEventUserPoolsPreTokenGen {
        let client = text(&stack.state, "userPoolClientId");
        let mut event: Value = event(
            "auth-pre-token-generation/refresh.json",
            &[
                ("userPoolId", &self.pool_id),
                ("sub", &self.sub),
                ("email", &self.email),
                ("adminGroup", admin_group),
                ("clientId", &client),
            ],
        );
        event["userName"] = json!(self.user_name);
        serde_json::from_value(event).expect("event")
    }

    fn external_sign_up(&self, provider: &str) -> CognitoEventUserPoolsPreSignup {
        event(
            "auth-pre-sign-up/external-provider.json",
            &[
                ("userPoolId", &self.pool_id),
                ("provider", provider),
                ("idpSubject", &self.subject),
                ("email", &self.email),
            ],
        )
    }
}

async fn security_actions(stack: &Stack, tenant: &Tenant, sub: &str) -> Vec<Value> {
    stack
        .audit_records(&tenant.auditor.id_token, "?chain=security")
        .await
        .into_iter()
        .filter(|r| r["actor"] == sub)
        .collect()
}

#[tokio::test]
async fn a_password_login_gets_company_roles_and_mfa_state_from_the_user_record() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    for (session, role) in [
        (&tenant.admin, "admin"),
        (&tenant.editor, "editor"),
        (&tenant.viewer, "viewer"),
        (&tenant.auditor, "auditor"),
    ] {
        let claims = token_claims(&session.id_token);
        assert_eq!(
            claims["company_id"],
            tenant.company_id.as_str(),
            "{claims:?}"
        );
        assert_eq!(claims["roles"], role, "{claims:?}");
        assert_eq!(claims["mfa_enrolled"], "false", "{claims:?}");
        assert!(
            claims.keys().all(|k| !k.starts_with("custom:")),
            "no attribute claims: {claims:?}"
        );
    }
    let logins = security_actions(&stack, &tenant, &tenant.viewer.sub).await;
    assert_eq!(logins.len(), 1, "{logins:?}");
    assert_eq!(logins[0]["action"], "auth.login");
    assert_eq!(logins[0]["details"], json!({"method": "password"}));
}

#[tokio::test]
async fn a_refresh_is_recorded_as_auth_refresh_and_reads_the_record_again() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.viewer;
    let signed_in = stack
        .direct_login(&user.email)
        .await
        .expect("direct sign-in");
    let refresh_token = signed_in
        .refresh_token()
        .expect("a refresh token")
        .to_owned();

    // An admin's role change reaches the token at the next refresh.
    let mut record = record_of(&stack, &tenant.company_id, &user.sub)
        .await
        .expect("record");
    record.roles = vec![Role::Editor];
    rewrite_record(&stack, &tenant.company_id, &record).await;
    let refreshed = stack
        .direct_refresh(&user.email, &refresh_token)
        .await
        .expect("refresh");
    let claims = token_claims(refreshed.id_token().expect("an ID token"));
    assert_eq!(
        (claims["roles"].as_str(), claims["company_id"].as_str()),
        (Some("editor"), Some(tenant.company_id.as_str()))
    );
    let actions: Vec<Value> = security_actions(&stack, &tenant, &user.sub)
        .await
        .into_iter()
        .map(|r| r["action"].clone())
        .collect();
    assert_eq!(
        actions,
        vec![
            json!("auth.refresh"),
            json!("auth.login"),
            json!("auth.login")
        ],
        "newest first: the refresh, the direct sign-in, the set-up's login"
    );
}

#[tokio::test]
async fn a_deactivated_user_is_refused_with_the_uniform_401() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.viewer;
    let mut record = record_of(&stack, &tenant.company_id, &user.sub)
        .await
        .expect("record");
    record.active = false;
    rewrite_record(&stack, &tenant.company_id, &record).await;

    let (status, refused) = stack.login(&user.email, PASSWORD).await;
    let (wrong_status, wrong) = stack.login(&user.email, "Wrong-Passw0rd!x").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        (&refused["type"], &refused["title"]),
        (&wrong["type"], &wrong["title"]),
        "a deactivated user cannot be told from a wrong password"
    );
    // And directly at Cognito (with the client secret) the trigger refuses as well.
    let direct = stack.direct_login(&user.email).await;
    assert!(
        direct
            .as_ref()
            .is_err_and(|e| e.contains("PreAuthentication failed with error")),
        "{direct:?}"
    );
}

#[tokio::test]
async fn an_inactive_or_unknown_record_gets_no_tokens_from_pre_token_generation() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.editor;
    let pool = text(&stack.state, "userPoolId");
    let client = text(&stack.state, "userPoolClientId");
    let vars = [
        ("userPoolId", pool.as_str()),
        ("clientId", client.as_str()),
        ("sub", user.sub.as_str()),
        ("email", user.email.as_str()),
    ];
    let allowed = pre_token(
        &stack,
        event("auth-pre-token-generation/authentication.json", &vars),
    )
    .await
    .expect("an active user gets tokens");
    assert_eq!(added_claims(&allowed)["roles"], "editor");

    let mut record = record_of(&stack, &tenant.company_id, &user.sub)
        .await
        .expect("record");
    record.active = false;
    rewrite_record(&stack, &tenant.company_id, &record).await;
    let refused = pre_token(
        &stack,
        event("auth-pre-token-generation/authentication.json", &vars),
    )
    .await;
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("deactivated")),
        "{refused:?}"
    );
    let refused = pre_token(
        &stack,
        event("auth-pre-token-generation/refresh.json", &vars),
    )
    .await;
    assert!(refused.is_err(), "no refresh either: {refused:?}");
}

#[tokio::test]
async fn require_for_all_refuses_passwords_while_sso_runs_and_allows_them_after_expiry() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let user = &tenant.viewer;
    let mut sso = running_sso(false);
    sso.require_for_all = true;
    configure_sso(&stack, &tenant.company_id, &sso).await;

    let (status, _) = stack.login(&user.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let direct = stack.direct_login(&user.email).await;
    assert!(
        direct.as_ref().is_err_and(|e| e.contains("sso_required")),
        "{direct:?}"
    );
    let pool = text(&stack.state, "userPoolId");
    let vars = [
        ("userPoolId", pool.as_str()),
        ("sub", user.sub.as_str()),
        ("email", user.email.as_str()),
    ];
    let refused = pre_authentication(
        &stack,
        event("auth-pre-authentication/password.json", &vars),
    )
    .await;
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("sso_required")),
        "{refused:?}"
    );

    // The trial ended ten days after the first activation and no licence followed.
    sso.first_activated_at = Some(chrono::Utc::now() - chrono::Duration::days(11));
    configure_sso(&stack, &tenant.company_id, &sso).await;
    pre_authentication(
        &stack,
        event("auth-pre-authentication/password.json", &vars),
    )
    .await
    .expect("passwords are back");
    let (status, body) = stack.login(&user.email, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn nobody_signs_up_by_themselves_and_invitations_pass() {
    let stack = Stack::connect().await;
    let pool = text(&stack.state, "userPoolId");
    let email = format!("someone-{}@test.example", uuid::Uuid::new_v4().simple());
    let vars = [("userPoolId", pool.as_str()), ("email", email.as_str())];
    let refused = pre_sign_up(&stack, event("auth-pre-sign-up/sign-up.json", &vars)).await;
    assert!(refused.is_err(), "{refused:?}");
    pre_sign_up(
        &stack,
        event("auth-pre-sign-up/admin-create-user.json", &vars),
    )
    .await
    .expect("an administrator's invitation passes");

    // Through the local stack's Cognito front as well: SignUp runs the trigger.
    let keys = stack.deps.secrets.auth_keys().await.expect("auth keys");
    let client = text(&stack.state, "userPoolClientId");
    let direct = stack
        .fronted_cognito()
        .sign_up()
        .client_id(&client)
        .username(&email)
        .password(PASSWORD)
        .secret_hash(mypages::domain::session::secret_hash(
            &keys.client_secret,
            &email,
            &client,
        ))
        .send()
        .await
        .map_err(|e| aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e).to_string());
    assert!(
        direct
            .as_ref()
            .is_err_and(|e| e.contains("PreSignUp failed with error")),
        "{direct:?}"
    );
}

#[tokio::test]
async fn a_federated_newcomer_joins_the_provider_s_company_with_roles_from_groups() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let sso = running_sso(true);
    configure_sso(&stack, &tenant.company_id, &sso).await;
    let provider = sso.provider_name.clone().expect("provider");
    let email = format!("new.person@{}", sso.domains[0]);
    let person = federated_user(&stack, &provider, &email).await;

    pre_sign_up(&stack, person.external_sign_up(&provider))
        .await
        .expect("admitted by the company's rules");
    let issued = pre_token(
        &stack,
        person.hosted_event(&stack, &provider, "g-finance, g-other"),
    )
    .await
    .expect("tokens");
    let claims = added_claims(&issued);
    assert_eq!(claims["company_id"], tenant.company_id.as_str());
    assert_eq!(claims["roles"], "editor");
    let suppressed = issued
        .response
        .claims_override_details
        .map(|d| d.claims_to_suppress)
        .unwrap_or_default();
    assert_eq!(suppressed, vec!["custom:idp_groups".to_owned()]);

    let record = record_of(&stack, &tenant.company_id, &person.sub)
        .await
        .expect("a record");
    assert!(record.federated && record.active, "{record:?}");
    assert_eq!(record.roles, vec![Role::Editor]);
    assert_eq!(
        stack
            .deps
            .store
            .company_of_user(&person.sub)
            .await
            .expect("pointer")
            .as_deref(),
        Some(tenant.company_id.as_str())
    );
    let created: Vec<Value> = stack
        .audit_records(&tenant.auditor.id_token, "?chain=data")
        .await
        .into_iter()
        .filter(|r| r["action"] == "user.create")
        .collect();
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0]["actor"], "system");
    assert_eq!(created[0]["target"], format!("user/{}", person.sub));
    let logins = security_actions(&stack, &tenant, &person.sub).await;
    assert_eq!(logins[0]["details"]["method"], "federated", "{logins:?}");

    // At the next hosted sign-in the groups decide again; a refresh never reads them.
    let issued = pre_token(&stack, person.hosted_event(&stack, &provider, "g-admins"))
        .await
        .expect("tokens");
    assert_eq!(added_claims(&issued)["roles"], "admin");
    // Cognito copies the IdP's groups into the attribute at the sign-in; once read they are
    // deleted, so an IdP that leaves the claim out next time leaves no stale groups behind.
    let idp = &stack.user_pool.client;
    idp.admin_update_user_attributes()
        .user_pool_id(&person.pool_id)
        .username(&person.user_name)
        .user_attributes(
            aws_sdk_cognitoidentityprovider::types::AttributeType::builder()
                .name("custom:idp_groups")
                .value("g-finance")
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("groups copied as Cognito would");
    let issued = pre_token(&stack, person.hosted_event(&stack, &provider, "g-finance"))
        .await
        .expect("tokens");
    assert_eq!(added_claims(&issued)["roles"], "editor");
    let user = idp
        .admin_get_user()
        .user_pool_id(&person.pool_id)
        .username(&person.user_name)
        .send()
        .await
        .expect("the federated user");
    assert!(
        user.user_attributes()
            .iter()
            .all(|a| a.name() != "custom:idp_groups"),
        "the groups are gone once read: {:?}",
        user.user_attributes()
    );
    let refreshed = pre_token(&stack, person.refresh_event(&stack, "g-admins"))
        .await
        .expect("tokens");
    assert_eq!(
        added_claims(&refreshed)["roles"],
        "editor",
        "groups in the attribute are not trusted on refresh"
    );
}

#[tokio::test]
async fn a_federated_newcomer_is_refused_without_auto_creation_or_outside_the_domains() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;

    // Automatic creation off: the company's IdP vouches, but nobody invited them.
    let manual = running_sso(false);
    configure_sso(&stack, &tenant.company_id, &manual).await;
    let provider = manual.provider_name.clone().expect("provider");
    let person = federated_user(&stack, &provider, &format!("p@{}", manual.domains[0])).await;
    let refused = pre_sign_up(&stack, person.external_sign_up(&provider)).await;
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("automatically")),
        "{refused:?}"
    );
    let refused = pre_token(&stack, person.hosted_event(&stack, &provider, "g-finance")).await;
    assert!(refused.is_err(), "{refused:?}");
    assert_eq!(
        stack
            .deps
            .store
            .company_of_user(&person.sub)
            .await
            .expect("read"),
        None,
        "no pointer, no record"
    );

    // An address outside the company's domains, with automatic creation on.
    let open = running_sso(true);
    let other = stack.new_tenant().await;
    configure_sso(&stack, &other.company_id, &open).await;
    let provider = open.provider_name.clone().expect("provider");
    let stranger = federated_user(&stack, &provider, "someone@elsewhere.example").await;
    let refused = pre_sign_up(&stack, stranger.external_sign_up(&provider)).await;
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("domains")),
        "{refused:?}"
    );
    let refused = pre_token(&stack, stranger.hosted_event(&stack, &provider, "g-admins")).await;
    assert!(refused.is_err(), "{refused:?}");

    // A provider no company owns.
    let unknown = format!("sso-{}", &uuid::Uuid::new_v4().simple().to_string()[..24]);
    let nobody = federated_user(&stack, &unknown, &format!("x@{}", open.domains[0])).await;
    assert!(
        pre_sign_up(&stack, nobody.external_sign_up(&unknown))
            .await
            .is_err()
    );
}
