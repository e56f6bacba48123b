//! Harness for the black-box tests: finds the running local stack (started by
//! `infra/test.sh`), makes a fresh tenant per test, and reads the tables directly to prove
//! what a request did or did not change.

use aws_sdk_dynamodb::types::AttributeValue;
use mypages::aws::keys::{AUDIT_HEAD_SK, audit_sk, chain_pk, company_pk};
use mypages::domain::audit::Chain;
use mypages::{Config, Deps};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "Test-Passw0rd!x";

/// The running local stack.
pub struct Stack {
    pub base_url: String,
    pub state: Value,
    pub http: reqwest::Client,
    /// The handlers' dependencies, with Cognito behind the local stack's Cognito front.
    pub deps: Deps,
    pub user_pool: mypages_local::provision::UserPool,
}

/// A logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    pub email: String,
    pub id_token: String,
    pub access_token: String,
    pub sub: String,
}

/// A company made for one test, with one user per role.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub company_id: String,
    pub admin: Session,
    pub editor: Session,
    pub viewer: Session,
    pub auditor: Session,
}

fn state_file() -> String {
    std::env::var("MYPAGES_STATE_FILE").unwrap_or_else(|_| {
        panic!(
            "MYPAGES_STATE_FILE is not set: these tests drive the local stack; run them with \
             infra/test.sh, which starts moto and the gateway first"
        )
    })
}

pub fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

impl Stack {
    pub async fn connect() -> Stack {
        let path = state_file();
        let state: Value = serde_json::from_slice(
            &std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}")),
        )
        .expect("state file is JSON");
        let sdk = aws_config::from_env()
            .region(aws_config::Region::new(text(&state, "region")))
            .endpoint_url(text(&state, "endpoint"))
            .load()
            .await;
        let config = Config {
            data_table: text(&state, "dataTable"),
            audit_table: text(&state, "auditTable"),
            user_pool_id: text(&state, "userPoolId"),
            user_pool_client_id: text(&state, "userPoolClientId"),
            auth_secrets: Some(mypages::config::AuthSecretIds {
                session_key: text(&state["authSecretIds"], "sessionKey"),
                client_secret: text(&state["authSecretIds"], "clientSecret"),
            }),
            audit_archive: Some(mypages::config::AuditArchiveIds {
                bucket: text(&state, "auditArchiveBucket"),
                signing_key_id: text(&state, "auditSigningKeyArn"),
            }),
            login_refusal_floor: mypages::Config::from_env_login_refusal_floor()
                .expect("LOGIN_REFUSAL_FLOOR_MS"),
            hosted_ui: Some(mypages::config::HostedUiUrls {
                base_url: text(&state, "hostedUiUrl"),
                callback_url: text(&state, "ssoCallbackUrl"),
            }),
            documents: Some(mypages::config::DocumentsIds {
                documents_bucket: text(&state, "documentsBucket"),
                textract_region: text(&state, "region"),
                staging_bucket: None,
                completion: None,
            }),
            rates_table: Some(text(&state, "ratesTable")),
            reports: Some(mypages::config::ReportsIds {
                reports_bucket: text(&state, "reportsBucket"),
                reports_queue_url: Some(text(&state, "reportsQueueUrl")),
                inline_max_contracts: state["reportsInlineMaxContracts"]
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .expect("reportsInlineMaxContracts in the state file"),
                max_receives: mypages::config::DEFAULT_REPORTS_MAX_RECEIVES,
                report_retention_days: mypages::aws::reports::REPORT_RETENTION_DAYS,
            }),
            erasure: mypages::config::ErasureIds {
                mail_sender: state["mailSender"].as_str().map(str::to_owned),
                exports_bucket: state["exportsBucket"].as_str().map(str::to_owned),
                ..Default::default()
            },
            exports: Some(mypages::config::ExportsIds {
                exports_bucket: text(&state, "exportsBucket"),
                exports_queue_url: Some(text(&state, "exportsQueueUrl")),
                max_receives: mypages::config::DEFAULT_EXPORTS_MAX_RECEIVES,
                retention_days: mypages::config::DEFAULT_EXPORT_RETENTION_DAYS,
            }),
            web: Some(mypages::config::WebSettings {
                upload_origin: text(&state, "uploadOrigin"),
                idle_sign_out_minutes: state["idleSignOutMinutes"]
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .expect("idleSignOutMinutes in the state file"),
            }),
        };
        let mut deps = Deps::new(config, &sdk);
        let fronted = aws_sdk_cognitoidentityprovider::config::Builder::from(&sdk)
            .endpoint_url(text(&state, "cognitoEndpoint"))
            .build();
        deps.cognito = mypages::aws::Cognito::new(
            aws_sdk_cognitoidentityprovider::Client::from_conf(fronted).into(),
            &text(&state, "userPoolId"),
            &text(&state, "userPoolClientId"),
        );
        Stack {
            base_url: text(&state, "baseUrl"),
            user_pool: mypages_local::provision::UserPool {
                client: aws_sdk_cognitoidentityprovider::Client::new(&sdk),
                id: text(&state, "userPoolId"),
            },
            state,
            http: reqwest::Client::new(),
            deps,
        }
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let mut builder = self
            .http
            .request(method, format!("{}{path}", self.base_url))
            .header("accept-language", "en");
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        builder
    }

    /// Sends and returns the status with the JSON body (`Null` for an empty body).
    pub async fn send(
        &self,
        builder: RequestBuilder,
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        let response = builder.send().await.expect("the local stack answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, body, headers)
    }

    /// `GET path` with a token.
    pub async fn get(
        &self,
        token: &str,
        path: &str,
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        self.send(self.request(Method::GET, path, Some(token)))
            .await
    }

    /// A conditional change (`PATCH` or `DELETE`) with `If-Match` and a JSON body.
    pub async fn change(
        &self,
        method: Method,
        token: &str,
        path: &str,
        if_match: &str,
        body: &Value,
    ) -> (StatusCode, Value, reqwest::header::HeaderMap) {
        self.send(
            self.request(method, path, Some(token))
                .header("if-match", if_match)
                .json(body),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> (StatusCode, Value) {
        let (status, body, _) = self
            .send(
                self.request(Method::POST, "/auth/login", None)
                    .json(&json!({"email": email, "password": password})),
            )
            .await;
        (status, body)
    }

    async fn session(&self, email: &str) -> Session {
        let (status, body) = self.login(email, PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "login of {email}: {body}");
        let id_token = text(&body, "idToken");
        let identity = token_identity(&id_token).expect("claims");
        Session {
            email: email.to_owned(),
            access_token: text(&body, "accessToken"),
            sub: identity.sub,
            id_token,
        }
    }

    /// A new company with an admin, an editor, a viewer and an auditor, all logged in.
    pub async fn new_tenant(&self) -> Tenant {
        let company_id = format!("t-{}", uuid::Uuid::new_v4().simple());
        let short = &company_id[2..14];
        let mut sessions = Vec::new();
        for role in ["admin", "editor", "viewer", "auditor"] {
            let email = format!("{role}-{short}@test.example");
            mypages_local::provision::ensure_company(
                &self.deps.store,
                &self.user_pool,
                &company_id,
                "Test AB",
                &[(email.as_str(), role)],
                PASSWORD,
            )
            .await
            .expect("provisioning");
            sessions.push(self.session(&email).await);
        }
        let mut sessions = sessions.into_iter();
        let mut next = || sessions.next().expect("four sessions");
        Tenant {
            company_id,
            admin: next(),
            editor: next(),
            viewer: next(),
            auditor: next(),
        }
    }

    /// Every item of the company's partition in both tables: the proof that a refused
    /// request wrote nothing.
    pub async fn snapshot(&self, company_id: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for table in [self.deps.store.data_table(), self.deps.store.audit_table()] {
            let mut start = None;
            loop {
                let out = self
                    .deps
                    .store
                    .client()
                    .query()
                    .table_name(table)
                    .key_condition_expression("pk = :pk")
                    .expression_attribute_values(":pk", AttributeValue::S(company_pk(company_id)))
                    .set_exclusive_start_key(start.take())
                    .consistent_read(true)
                    .send()
                    .await
                    .expect("query");
                for item in out.items() {
                    let mut pairs: Vec<(String, String)> = item
                        .iter()
                        .map(|(k, v)| (k.clone(), format!("{v:?}")))
                        .collect();
                    pairs.sort();
                    all.push(json!({"table": table, "item": pairs}));
                }
                match out.last_evaluated_key {
                    Some(key) if !key.is_empty() => start = Some(key),
                    _ => break,
                }
            }
        }
        all
    }

    pub async fn create_contract(&self, session: &Session, body: &Value) -> Value {
        let (status, created, _) = self
            .send(
                self.request(Method::POST, "/contracts", Some(&session.id_token))
                    .json(body),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        created
    }

    /// Behind the API's back: changes the reason of audit record `seq` of a chain.
    pub async fn alter_audit_record(&self, company_id: &str, chain: Chain, seq: u64) {
        let store = &self.deps.store;
        store
            .client()
            .update_item()
            .table_name(store.audit_table())
            .key("pk", AttributeValue::S(chain_pk(company_id, chain)))
            .key("sk", AttributeValue::S(audit_sk(seq)))
            .update_expression("SET reason = :r")
            .expression_attribute_values(":r", AttributeValue::S("nothing happened".into()))
            .send()
            .await
            .expect("direct write to the emulator");
    }

    /// Behind the API's back: deletes the audit item with sort key `sk` (a record's
    /// [`audit_sk`], or the head's).
    pub async fn delete_audit_item(&self, company_id: &str, chain: Chain, sk: &str) {
        let store = &self.deps.store;
        store
            .client()
            .delete_item()
            .table_name(store.audit_table())
            .key("pk", AttributeValue::S(chain_pk(company_id, chain)))
            .key("sk", AttributeValue::S(sk.to_owned()))
            .send()
            .await
            .expect("direct delete");
    }

    /// Behind the API's back: points a chain's head at its record `seq`.
    pub async fn rewind_audit_head(&self, company_id: &str, chain: Chain, seq: u64) {
        let store = &self.deps.store;
        let pk = AttributeValue::S(chain_pk(company_id, chain));
        let record = store
            .client()
            .get_item()
            .table_name(store.audit_table())
            .key("pk", pk.clone())
            .key("sk", AttributeValue::S(audit_sk(seq)))
            .send()
            .await
            .expect("read the record")
            .item
            .unwrap_or_default();
        store
            .client()
            .put_item()
            .table_name(store.audit_table())
            .item("pk", pk)
            .item("sk", AttributeValue::S(AUDIT_HEAD_SK.into()))
            .item("seq", AttributeValue::N(seq.to_string()))
            .item("hash", record["hash"].clone())
            .item("at", record["at"].clone())
            .send()
            .await
            .expect("rewind the head");
    }

    /// The items of `GET /audit{query}` (one page), asserting the answer is 200.
    pub async fn audit_records(&self, token: &str, query: &str) -> Vec<Value> {
        let (status, body, _) = self.get(token, &format!("/audit{query}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["items"].as_array().cloned().unwrap_or_default()
    }

    pub async fn verify_audit(&self, session: &Session) -> Value {
        let (status, report, _) = self
            .send(self.request(Method::GET, "/audit/verify", Some(&session.id_token)))
            .await;
        assert_eq!(status, StatusCode::OK, "{report}");
        report
    }
}

/// The claims of an ID token the stack issued (read, not verified).
pub fn token_claims(id_token: &str) -> serde_json::Map<String, Value> {
    use base64::Engine;
    id_token
        .split('.')
        .nth(1)
        .and_then(|payload| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload)
                .ok()
        })
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

impl Stack {
    /// A Cognito client that goes through the local stack's Cognito front (as the handlers'
    /// does), with no credentials of ours: what anyone on the internet could call.
    pub fn fronted_cognito(&self) -> aws_sdk_cognitoidentityprovider::Client {
        use aws_sdk_cognitoidentityprovider::config;
        let endpoint = text(&self.state, "cognitoEndpoint");
        assert!(
            !endpoint.is_empty(),
            "the state file names the Cognito front"
        );
        let config = config::Builder::new()
            .behavior_version(config::BehaviorVersion::latest())
            .region(config::Region::new(text(&self.state, "region")))
            .credentials_provider(config::Credentials::new(
                "test", "test", None, None, "tests",
            ))
            .endpoint_url(endpoint)
            .build();
        aws_sdk_cognitoidentityprovider::Client::from_conf(config)
    }

    /// A password sign-in straight at Cognito (through the front), with the client secret
    /// that only the login functions hold: Cognito's own tokens, or its error as text.
    pub async fn direct_login(
        &self,
        email: &str,
    ) -> Result<aws_sdk_cognitoidentityprovider::types::AuthenticationResultType, String> {
        self.direct_auth(
            aws_sdk_cognitoidentityprovider::types::AuthFlowType::UserPasswordAuth,
            email,
            &[("USERNAME", email), ("PASSWORD", PASSWORD)],
        )
        .await
    }

    /// Cognito's refresh with a refresh token of `email`'s (through the front, with the
    /// client secret). A refresh's `SECRET_HASH` is computed with the pool's user name, which
    /// Cognito issued the token to (the e-mail is only an alias of it).
    pub async fn direct_refresh(
        &self,
        email: &str,
        refresh_token: &str,
    ) -> Result<aws_sdk_cognitoidentityprovider::types::AuthenticationResultType, String> {
        let username = self
            .user_pool
            .client
            .admin_get_user()
            .user_pool_id(&self.user_pool.id)
            .username(email)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .username()
            .to_owned();
        self.direct_auth(
            aws_sdk_cognitoidentityprovider::types::AuthFlowType::RefreshTokenAuth,
            &username,
            &[("REFRESH_TOKEN", refresh_token)],
        )
        .await
    }

    async fn direct_auth(
        &self,
        flow: aws_sdk_cognitoidentityprovider::types::AuthFlowType,
        email: &str,
        parameters: &[(&str, &str)],
    ) -> Result<aws_sdk_cognitoidentityprovider::types::AuthenticationResultType, String> {
        let keys = self.deps.secrets.auth_keys().await.expect("auth keys");
        let client_id = text(&self.state, "userPoolClientId");
        let hash = mypages::domain::session::secret_hash(&keys.client_secret, email, &client_id);
        let out = self
            .fronted_cognito()
            .initiate_auth()
            .client_id(&client_id)
            .auth_flow(flow)
            .set_auth_parameters(Some(
                parameters
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .chain([("SECRET_HASH".to_owned(), hash)])
                    .collect(),
            ))
            .send()
            .await
            .map_err(|e| {
                aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(e).to_string()
            })?;
        out.authentication_result
            .ok_or_else(|| format!("no tokens: {:?}", out.challenge_name))
    }
}

/// What the Cognito triggers' handlers use, on the emulator (tests call them with events).
pub fn trigger_deps(stack: &Stack) -> auth_pre_token_generation::TriggerDeps {
    auth_pre_token_generation::TriggerDeps {
        store: stack.deps.store.clone(),
        pool: mypages::aws::pool_users::PoolUsers::new(stack.user_pool.client.clone().into()),
    }
}

/// IFRS 16 Illustrative Example 13, as API.md shows it.
pub fn ie13_contract() -> Value {
    json!({
        "name": "Office floor, Sveavägen 1",
        "reference": "LA-2026-001",
        "lessor": "Fastighets AB Exempel",
        "assetClass": "premises",
        "currency": "SEK",
        "commencementDate": "2026-01-01",
        "endDate": "2035-12-31",
        "payment": {"amount": "50000.00", "frequency": "annual", "timing": "advance"},
        "discountRate": "5.0",
        "initialDirectCosts": "20000",
        "leaseIncentives": "5000",
        "restorationCosts": "0"
    })
}

/// The `sub` and company of an ID token the stack just issued (read, not verified).
pub fn token_identity(id_token: &str) -> Option<mypages::aws::cognito::UserIdentity> {
    use base64::Engine;
    let payload = id_token.split('.').nth(1)?;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .ok()?,
    )
    .ok()?;
    Some(mypages::aws::cognito::UserIdentity {
        sub: claims.get("sub")?.as_str()?.to_owned(),
        company_id: claims
            .get(mypages::domain::claims::CLAIM_COMPANY)
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

/// One chain's report (`data`, `security`) out of a `GET /audit/verify` answer.
pub fn chain_report(report: &Value, chain: &str) -> Value {
    report["chains"]
        .as_array()
        .and_then(|chains| chains.iter().find(|c| c["chain"] == chain).cloned())
        .unwrap_or_default()
}
