//! Round trips per request (issue 13): every route of template.yaml is called once, in the
//! state a user meets it in, and the AWS calls its handler made (the local stack counts them,
//! infra/local/src/aws_calls.rs, and names them in the `x-mypages-local-aws-calls` and
//! `x-mypages-local-aws-call-log` response headers) are held to [`PINS`]: a change that adds
//! a call fails here, and so does a route without a pin. The budget: a read (GET) makes at
//! most 2 DynamoDB calls, a write at most 3 including its transaction; a pin over it carries
//! its reason. Run with `--nocapture` for the table the README shows.
//!
//! Counted are the calls of the handler's own task, with warm caches (the auth secrets are
//! read once per container; the tenant's sign-ins before the measuring read them). The
//! Cognito triggers' calls run in the Cognito front, as they run in their own Lambdas in
//! AWS: they are not the route's.

use blackbox::{PASSWORD, Session, Stack, Tenant, ie13_contract, text};
use mypages_local::aws_calls::{COUNTED_SERVICES, COUNTS_HEADER, LOG_HEADER};
use mypages_local::template::Template;
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

use crate::documents::{PDF, pdf_request, upload};
use crate::mfa::fresh_totp;
use crate::rates_read::{rates, seed};

/// Largest number of DynamoDB calls a read (GET) may make without a reason.
const READ_BUDGET: usize = 2;
/// Largest number of DynamoDB calls a write may make, its transaction included, without a
/// reason.
const WRITE_BUDGET: usize = 3;

/// What one route costs: its status in the scenario below and its calls per service.
#[derive(Debug, Clone, Copy)]
struct Pin {
    /// `METHOD /path` as template.yaml has it.
    route: &'static str,
    status: u16,
    dynamodb: usize,
    s3: usize,
    cognito: usize,
    /// Calls to other services as the counts header names them (`sqs=1`), `""` for none.
    other: &'static str,
    /// Why a route over the budget needs each call; `None` within the budget.
    over_budget: Option<&'static str>,
}

const fn pin(route: &'static str, status: u16, dynamodb: usize, s3: usize, cognito: usize) -> Pin {
    Pin {
        route,
        status,
        dynamodb,
        s3,
        cognito,
        other: "",
        over_budget: None,
    }
}

impl Pin {
    const fn other(self, other: &'static str) -> Pin {
        Pin { other, ..self }
    }

    const fn over(self, reason: &'static str) -> Pin {
        Pin {
            over_budget: Some(reason),
            ..self
        }
    }
}

/// Every route's cost. Change a number only with the change that explains it. "2FA check" is
/// the company settings read that a tenant route makes for a caller without TOTP (all of this
/// test's users; an enrolled caller skips it, `Caller::from_request`), kept by the `Caller`
/// for the handler; "read-ahead" is one consistent BatchGetItem of the settings with the
/// items the route looks up by key (`Caller::from_request_reading`); "write path" is the
/// read-ahead of every change (settings, the Idempotency-Key's stored answer, the data chain's
/// head, the handler's items by key) and its TransactWriteItems (`http::idempotent::write`): 2.
const PINS: &[Pin] = &[
    pin("GET /health", 200, 0, 0, 0),
    pin("GET /app", 200, 0, 0, 0),
    pin("GET /app/{proxy+}", 200, 0, 0, 0),
    pin("POST /auth/login", 200, 2, 0, 1),
    pin("POST /auth/refresh", 200, 0, 0, 1),
    pin("POST /auth/password", 200, 3, 0, 1),
    pin("POST /auth/mfa/setup", 200, 0, 0, 2),
    pin("POST /auth/mfa/verify", 204, 3, 0, 3),
    pin("POST /auth/mfa", 200, 0, 0, 1),
    pin("POST /auth/logout", 204, 2, 0, 2),
    pin("GET /me", 200, 2, 0, 0),
    pin("GET /auth/sso", 200, 2, 0, 0),
    pin("POST /auth/sso/token", 503, 0, 0, 0),
    pin("POST /contracts", 201, 2, 0, 0),
    pin("GET /contracts", 200, 2, 0, 0),
    pin("GET /contracts/{id}", 200, 2, 0, 0),
    pin("PATCH /contracts/{id}", 200, 3, 0, 0),
    pin("DELETE /contracts/{id}", 204, 2, 0, 0),
    pin("GET /contracts/{id}/schedule", 200, 2, 0, 0),
    pin("GET /contracts/{id}/ibr-suggestion", 200, 3, 0, 0).over(
        "read-ahead (the settings for the credit spread, the contract's head) + one query \
         per yield series interpolated (2): a Query cannot join a BatchGetItem",
    ),
    pin("GET /rates/interest", 200, 2, 0, 0),
    pin("GET /rates/fx", 200, 3, 0, 0)
        .over("2FA check + one query per currency of a crossed rate (2)"),
    pin("GET /rates/fx/average", 200, 3, 0, 0)
        .over("2FA check + one query per currency of a crossed rate (2)"),
    pin("GET /company/settings", 200, 1, 0, 0),
    pin("PATCH /company/settings", 200, 2, 0, 0),
    pin("POST /documents", 201, 2, 0, 0),
    pin("GET /documents", 200, 2, 0, 0),
    pin("GET /documents/{id}", 200, 1, 0, 0),
    pin("GET /documents/{id}/download", 200, 2, 0, 0),
    pin("DELETE /documents/{id}", 204, 2, 2, 0),
    pin("POST /reports", 201, 3, 1, 0),
    pin("GET /reports", 200, 2, 0, 0),
    pin("GET /reports/{id}", 200, 1, 0, 0),
    pin("GET /reports/{id}/download", 200, 2, 0, 0),
    pin("GET /users", 200, 2, 0, 0),
    pin("POST /users", 201, 2, 0, 1),
    pin("PATCH /users/{id}", 200, 2, 0, 0),
    pin("DELETE /users/{id}", 204, 2, 0, 3),
    pin("POST /users/{id}/erasure", 204, 5, 0, 3).over(
        "write path (2, the user's record read ahead); after the commit the account is \
         deleted and the user's stored answers are found (query) and scrubbed, one update \
         each (2 here): an erasure scrubs every item that names the person",
    ),
    pin("GET /company/sso", 200, 2, 0, 0),
    pin("PUT /company/sso", 200, 2, 0, 6),
    pin("GET /audit", 200, 2, 0, 0),
    pin("GET /audit/verify", 200, 5, 6, 0).other("kms=2").over(
        "2FA check + per chain (2) its records (query) and head; the archive's checkpoints \
         are listed, read and their signatures verified",
    ),
    pin("POST /company/exports", 202, 3, 0, 0).other("sqs=1"),
    pin("GET /company/exports", 200, 2, 0, 0),
    pin("GET /company/exports/{id}", 200, 2, 0, 0),
    pin("POST /company/erasure", 202, 3, 0, 0).other("ses=1"),
    pin("GET /company/erasure", 200, 1, 0, 0),
    pin("DELETE /company/erasure", 204, 3, 0, 0).other("ses=1"),
];

/// What one measured request cost.
#[derive(Debug, Clone)]
struct Measured {
    status: u16,
    dynamodb: usize,
    s3: usize,
    cognito: usize,
    other: String,
    log: String,
}

impl Measured {
    fn of(status: StatusCode, headers: &HeaderMap) -> Measured {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("the local stack answers {name}"))
                .to_owned()
        };
        let mut counts: BTreeMap<String, usize> = header(COUNTS_HEADER)
            .split(", ")
            .filter_map(|pair| pair.split_once('='))
            .map(|(service, n)| (service.to_owned(), n.parse().expect("a count")))
            .collect();
        let mut take = |service: &str| counts.remove(service).unwrap_or(0);
        let [dynamodb, s3, cognito] = COUNTED_SERVICES.map(&mut take);
        Measured {
            status: status.as_u16(),
            dynamodb,
            s3,
            cognito,
            other: counts
                .iter()
                .map(|(service, n)| format!("{service}={n}"))
                .collect::<Vec<_>>()
                .join(", "),
            log: header(LOG_HEADER),
        }
    }
}

/// The scenario's requests, each route measured once.
struct Meter<'a> {
    stack: &'a Stack,
    measured: BTreeMap<String, Measured>,
}

impl Meter<'_> {
    /// Sends a request as the measurement of `route` (`METHOD /template/path`).
    async fn measure(&mut self, route: &str, builder: RequestBuilder) -> (StatusCode, Value) {
        let (status, body, headers) = self.stack.send(builder).await;
        let measured = Measured::of(status, &headers);
        let earlier = self.measured.insert(route.to_owned(), measured);
        assert!(earlier.is_none(), "{route} is measured twice");
        (status, body)
    }

    /// A measured request with a token; a change also carries a fresh Idempotency-Key, as
    /// the web app sends with every change.
    async fn call(
        &mut self,
        route: &str,
        path: &str,
        session: Option<&Session>,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> (StatusCode, Value) {
        let (method, _) = route.split_once(' ').expect("METHOD /path");
        let method = Method::from_bytes(method.as_bytes()).expect("a method");
        let changes = method != Method::GET && !path.starts_with("/auth/");
        let mut builder = self
            .stack
            .request(method, path, session.map(|s| s.id_token.as_str()));
        if changes && session.is_some() {
            builder = builder.header("idempotency-key", uuid::Uuid::new_v4().to_string());
        }
        if let Some(tag) = if_match {
            builder = builder.header("if-match", tag);
        }
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        self.measure(route, builder).await
    }
}

fn expect(route: &str, (status, body): &(StatusCode, Value), want: StatusCode) {
    assert_eq!(*status, want, "{route}: {body}");
}

/// The lease the IBR suggestion is asked for: three years from a day with stored yields.
fn short_lease() -> Value {
    json!({
        "name": "Forklift", "lessor": "Truck AB", "assetClass": "equipment", "currency": "SEK",
        "commencementDate": "1913-03-04", "endDate": "1916-03-03",
        "payment": {"amount": "1000.00", "frequency": "monthly", "timing": "advance"},
        "discountRate": "4.0"
    })
}

/// Polls `path` (unmeasured) until `field` is one of `settled`.
async fn settle(stack: &Stack, session: &Session, path: &str, field: &str, settled: &[&str]) {
    for _ in 0..240 {
        let (status, body, _) = stack.get(&session.id_token, path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        if settled.contains(&body[field].as_str().unwrap_or_default()) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    panic!("{path} never settled");
}

/// Calls every route once, in order of a company's life, and returns what each cost.
async fn scenario(stack: &Stack, t: &Tenant) -> BTreeMap<String, Measured> {
    let mut m = Meter {
        stack,
        measured: BTreeMap::new(),
    };
    let (admin, editor, viewer) = (&t.admin, &t.editor, &t.viewer);

    // --- the app and the health check, without a token
    let r = m.call("GET /health", "/health", None, None, None).await;
    expect("GET /health", &r, StatusCode::OK);
    let r = m.call("GET /app", "/app", None, None, None).await;
    expect("GET /app", &r, StatusCode::OK);
    let r = m
        .call("GET /app/{proxy+}", "/app/config.json", None, None, None)
        .await;
    expect("GET /app/{proxy+}", &r, StatusCode::OK);

    // --- sign-in: password, refresh, /me
    let login = json!({"email": viewer.email, "password": PASSWORD});
    let r = m
        .call("POST /auth/login", "/auth/login", None, Some(login), None)
        .await;
    expect("POST /auth/login", &r, StatusCode::OK);
    let refresh = json!({"refreshToken": text(&r.1, "refreshToken")});
    let r = m
        .call(
            "POST /auth/refresh",
            "/auth/refresh",
            None,
            Some(refresh),
            None,
        )
        .await;
    expect("POST /auth/refresh", &r, StatusCode::OK);
    let r = m.call("GET /me", "/me", Some(viewer), None, None).await;
    expect("GET /me", &r, StatusCode::OK);

    // --- contracts (the company's first change is made before: it alone finds no chain head
    // and looks for the chain's last record)
    let short = text(&stack.create_contract(editor, &short_lease()).await, "id");
    let r = m
        .call(
            "POST /contracts",
            "/contracts",
            Some(editor),
            Some(ie13_contract()),
            None,
        )
        .await;
    expect("POST /contracts", &r, StatusCode::CREATED);
    let id = text(&r.1, "id");
    let one = format!("/contracts/{id}");
    let r = m
        .call("GET /contracts", "/contracts", Some(viewer), None, None)
        .await;
    expect("GET /contracts", &r, StatusCode::OK);
    let r = m
        .call("GET /contracts/{id}", &one, Some(viewer), None, None)
        .await;
    expect("GET /contracts/{id}", &r, StatusCode::OK);
    let change = json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-01-01",
        "reason": "CPI uplift"});
    let r = m
        .call(
            "PATCH /contracts/{id}",
            &one,
            Some(editor),
            Some(change),
            Some("\"1\""),
        )
        .await;
    expect("PATCH /contracts/{id}", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /contracts/{id}/schedule",
            &format!("{one}/schedule"),
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /contracts/{id}/schedule", &r, StatusCode::OK);

    // --- rates, on days no other test stores
    let table = rates(stack);
    for date in ["1913-03-03", "1913-03-04"] {
        for (series, value, source) in [
            ("SEGVB2YC", "2.10", "riksbank"),
            ("SEGVB5YC", "2.40", "riksbank"),
            ("SEGVB10YC", "2.90", "riksbank"),
            ("SECBREPOEFF", "3.75", "riksbank"),
            ("SEK", "11.5030", "ecb"),
            ("NOK", "11.8125", "ecb"),
        ] {
            seed(&table, series, date, value, source).await;
        }
    }
    let r = m
        .call(
            "GET /contracts/{id}/ibr-suggestion",
            &format!("/contracts/{short}/ibr-suggestion"),
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /contracts/{id}/ibr-suggestion", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /rates/interest",
            "/rates/interest?series=SECBREPOEFF&from=1913-03-03&to=1913-03-04",
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /rates/interest", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /rates/fx",
            "/rates/fx?base=SEK&quote=NOK&date=1913-03-04",
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /rates/fx", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /rates/fx/average",
            "/rates/fx/average?base=SEK&quote=NOK&from=1913-03-03&to=1913-03-04",
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /rates/fx/average", &r, StatusCode::OK);

    // --- company settings
    let r = m
        .call(
            "GET /company/settings",
            "/company/settings",
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /company/settings", &r, StatusCode::OK);
    let change = json!({"creditSpread": "1.75", "reason": "Bank offer"});
    let r = m
        .call(
            "PATCH /company/settings",
            "/company/settings",
            Some(admin),
            Some(change),
            Some("\"1\""),
        )
        .await;
    expect("PATCH /company/settings", &r, StatusCode::OK);

    // --- documents: registered, uploaded, read by the pipeline, read, downloaded, deleted
    let r = m
        .call(
            "POST /documents",
            "/documents",
            Some(editor),
            Some(pdf_request("lease.pdf", Some(&id))),
            None,
        )
        .await;
    expect("POST /documents", &r, StatusCode::CREATED);
    let document = r.1;
    let document_id = text(&document, "id");
    assert!(upload(stack, &document, PDF).await.is_success());
    let doc = format!("/documents/{document_id}");
    settle(stack, viewer, &doc, "status", &["processed", "failed"]).await;
    let r = m
        .call("GET /documents", "/documents", Some(viewer), None, None)
        .await;
    expect("GET /documents", &r, StatusCode::OK);
    let r = m
        .call("GET /documents/{id}", &doc, Some(viewer), None, None)
        .await;
    expect("GET /documents/{id}", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /documents/{id}/download",
            &format!("{doc}/download"),
            Some(viewer),
            None,
            None,
        )
        .await;
    expect("GET /documents/{id}/download", &r, StatusCode::OK);
    let reason = json!({"reason": "Uploaded twice"});
    let r = m
        .call(
            "DELETE /documents/{id}",
            &doc,
            Some(admin),
            Some(reason),
            None,
        )
        .await;
    assert!(r.0.is_success(), "DELETE /documents/{{id}}: {}", r.1);

    // --- reports: a small portfolio is computed in the request
    let order = json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31", "format": "json"});
    let r = m
        .call("POST /reports", "/reports", Some(admin), Some(order), None)
        .await;
    assert!(r.0.is_success(), "POST /reports: {}", r.1);
    let report = format!("/reports/{}", text(&r.1, "id"));
    settle(stack, admin, &report, "status", &["finished", "failed"]).await;
    let r = m
        .call("GET /reports", "/reports", Some(admin), None, None)
        .await;
    expect("GET /reports", &r, StatusCode::OK);
    let r = m
        .call("GET /reports/{id}", &report, Some(admin), None, None)
        .await;
    expect("GET /reports/{id}", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /reports/{id}/download",
            &format!("{report}/download"),
            Some(admin),
            None,
            None,
        )
        .await;
    assert!(r.0.is_success(), "GET /reports/{{id}}/download: {}", r.1);

    // --- users: an invitation, the first sign-in with its new password, TOTP enrolment and
    // a sign-in with it, sign-out, a role change, removal, erasure
    let email = format!(
        "round-trips-{}@test.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let temporary = "Temp-Passw0rd!rt";
    let invite = json!({"email": email, "roles": ["editor"], "locale": "en",
        "temporaryPassword": temporary});
    let r = m
        .call("POST /users", "/users", Some(admin), Some(invite), None)
        .await;
    expect("POST /users", &r, StatusCode::CREATED);
    let user = format!("/users/{}", text(&r.1, "id"));
    let (status, challenge) = stack.login(&email, temporary).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    let chosen = "Chosen-Passw0rd!rt";
    let answer = json!({"session": text(&challenge, "session"), "newPassword": chosen});
    let r = m
        .call(
            "POST /auth/password",
            "/auth/password",
            None,
            Some(answer),
            None,
        )
        .await;
    expect("POST /auth/password", &r, StatusCode::OK);
    let access_token = text(&r.1, "accessToken");
    let bearer = Session {
        email: email.clone(),
        id_token: access_token,
        access_token: String::new(),
        sub: String::new(),
    };
    let r = m
        .call(
            "POST /auth/mfa/setup",
            "/auth/mfa/setup",
            Some(&bearer),
            Some(json!({})),
            None,
        )
        .await;
    expect("POST /auth/mfa/setup", &r, StatusCode::OK);
    let secret = text(&r.1, "secretCode");
    let code = json!({"code": fresh_totp(&secret).await});
    let r = m
        .call(
            "POST /auth/mfa/verify",
            "/auth/mfa/verify",
            Some(&bearer),
            Some(code),
            None,
        )
        .await;
    expect("POST /auth/mfa/verify", &r, StatusCode::NO_CONTENT);
    let (status, challenge) = stack.login(&email, chosen).await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    assert_eq!(challenge["challenge"], "SOFTWARE_TOKEN_MFA", "{challenge}");
    let answer = json!({"session": text(&challenge, "session"), "code": fresh_totp(&secret).await});
    let r = m
        .call("POST /auth/mfa", "/auth/mfa", None, Some(answer), None)
        .await;
    expect("POST /auth/mfa", &r, StatusCode::OK);
    let invited = Session {
        email: email.clone(),
        id_token: text(&r.1, "idToken"),
        access_token: text(&r.1, "accessToken"),
        sub: String::new(),
    };
    let r = m
        .call(
            "POST /auth/logout",
            "/auth/logout",
            Some(&invited),
            Some(json!({})),
            None,
        )
        .await;
    expect("POST /auth/logout", &r, StatusCode::NO_CONTENT);
    let r = m
        .call("GET /users", "/users", Some(admin), None, None)
        .await;
    expect("GET /users", &r, StatusCode::OK);
    let listed = r.1["items"]
        .as_array()
        .and_then(|users| {
            users
                .iter()
                .find(|u| format!("/users/{}", text(u, "id")) == user)
        })
        .cloned()
        .expect("the invited user is listed");
    let version = format!("\"{}\"", listed["version"]);
    let change = json!({"roles": ["viewer"], "reason": "Moved to sales"});
    let r = m
        .call(
            "PATCH /users/{id}",
            &user,
            Some(admin),
            Some(change),
            Some(&version),
        )
        .await;
    expect("PATCH /users/{id}", &r, StatusCode::OK);
    let version = format!("\"{}\"", r.1["version"]);
    let reason = json!({"reason": "Left the company"});
    let r = m
        .call(
            "DELETE /users/{id}",
            &user,
            Some(admin),
            Some(reason),
            Some(&version),
        )
        .await;
    assert!(r.0.is_success(), "DELETE /users/{{id}}: {}", r.1);
    let reason = json!({"reason": "Asked to be erased (GDPR Art. 17)"});
    let r = m
        .call(
            "POST /users/{id}/erasure",
            &format!("{user}/erasure"),
            Some(admin),
            Some(reason),
            None,
        )
        .await;
    assert!(r.0.is_success(), "POST /users/{{id}}/erasure: {}", r.1);

    // --- single sign-on
    let r = m
        .call("GET /company/sso", "/company/sso", Some(admin), None, None)
        .await;
    expect("GET /company/sso", &r, StatusCode::OK);
    let domain = format!(
        "rt{}.example",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let sso = json!({
        "enabled": true,
        "provider": "oidc",
        "oidc": {
            "issuer": "https://login.microsoftonline.com/8f1d2c3b-4a5e-6f70-8192-a3b4c5d6e7f8/v2.0",
            "clientId": "azure-client",
            "clientSecret": "azure-client-secret-value"
        },
        "domains": [domain],
        "reason": "sign-in through Azure AD"
    });
    let r = m
        .call(
            "PUT /company/sso",
            "/company/sso",
            Some(admin),
            Some(sso),
            Some("\"0\""),
        )
        .await;
    expect("PUT /company/sso", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /auth/sso",
            &format!("/auth/sso?email=anna%40{domain}"),
            None,
            None,
            None,
        )
        .await;
    expect("GET /auth/sso", &r, StatusCode::OK);
    // No hosted UI locally: the exchange is refused as unavailable (infra/schemathesis.toml).
    let code = json!({"code": uuid::Uuid::new_v4().to_string()});
    let r = m
        .call(
            "POST /auth/sso/token",
            "/auth/sso/token",
            None,
            Some(code),
            None,
        )
        .await;
    assert!(r.0.is_server_error() || r.0.is_client_error(), "{}", r.1);

    // --- the audit trail
    let r = m
        .call("GET /audit", "/audit", Some(&t.auditor), None, None)
        .await;
    expect("GET /audit", &r, StatusCode::OK);
    // The archive's checkpoints are written by the audit stream's relay in the background:
    // measured once two verifications in a row read the same.
    let mut last = String::new();
    for _ in 0..40 {
        let (_, _, headers) = stack.get(&t.auditor.id_token, "/audit/verify").await;
        let log = headers
            .get(LOG_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        if log == last {
            break;
        }
        last = log;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let r = m
        .call(
            "GET /audit/verify",
            "/audit/verify",
            Some(&t.auditor),
            None,
            None,
        )
        .await;
    expect("GET /audit/verify", &r, StatusCode::OK);

    // --- the company's export, built by its worker
    let reason = json!({"reason": "We take our data along"});
    let r = m
        .call(
            "POST /company/exports",
            "/company/exports",
            Some(admin),
            Some(reason),
            None,
        )
        .await;
    assert!(r.0.is_success(), "POST /company/exports: {}", r.1);
    let export = format!("/company/exports/{}", text(&r.1, "id"));
    settle(stack, admin, &export, "status", &["finished", "failed"]).await;
    let r = m
        .call(
            "GET /company/exports",
            "/company/exports",
            Some(admin),
            None,
            None,
        )
        .await;
    expect("GET /company/exports", &r, StatusCode::OK);
    let r = m
        .call(
            "GET /company/exports/{id}",
            &export,
            Some(admin),
            None,
            None,
        )
        .await;
    expect("GET /company/exports/{id}", &r, StatusCode::OK);

    // --- the end of a lease, and of the company (scheduled, then cancelled)
    let reason = json!({"reason": "Sold"});
    let r = m
        .call(
            "DELETE /contracts/{id}",
            &format!("/contracts/{short}"),
            Some(editor),
            Some(reason),
            Some("\"1\""),
        )
        .await;
    assert!(r.0.is_success(), "DELETE /contracts/{{id}}: {}", r.1);
    let erasure = json!({"confirm": "Test AB", "reason": "Leaving"});
    let r = m
        .call(
            "POST /company/erasure",
            "/company/erasure",
            Some(admin),
            Some(erasure),
            None,
        )
        .await;
    assert!(r.0.is_success(), "POST /company/erasure: {}", r.1);
    let r = m
        .call(
            "GET /company/erasure",
            "/company/erasure",
            Some(admin),
            None,
            None,
        )
        .await;
    expect("GET /company/erasure", &r, StatusCode::OK);
    let reason = json!({"reason": "The contract was renewed"});
    let r = m
        .call(
            "DELETE /company/erasure",
            "/company/erasure",
            Some(admin),
            Some(reason),
            None,
        )
        .await;
    assert!(r.0.is_success(), "DELETE /company/erasure: {}", r.1);

    m.measured
}

fn is_read(route: &str) -> bool {
    route.starts_with("GET ")
}

const TABLE_HEAD: &str = "| Route | Status | DynamoDB | S3 | Cognito | Other | Over the budget because |\n\
                          |---|---|---|---|---|---|---|\n";

fn row(route: &str, m: &Measured, reason: &str) -> String {
    format!(
        "| `{route}` | {} | {} | {} | {} | {} | {reason} |\n",
        m.status, m.dynamodb, m.s3, m.cognito, m.other
    )
}

impl From<&Pin> for Measured {
    fn from(pin: &Pin) -> Measured {
        Measured {
            status: pin.status,
            dynamodb: pin.dynamodb,
            s3: pin.s3,
            cognito: pin.cognito,
            other: pin.other.to_owned(),
            log: String::new(),
        }
    }
}

/// The README's table ("Round trips per request"): the pins, in their order.
fn pins_table() -> String {
    let mut out = TABLE_HEAD.to_owned();
    for pin in PINS {
        out.push_str(&row(
            pin.route,
            &Measured::from(pin),
            pin.over_budget.unwrap_or(""),
        ));
    }
    out
}

/// The same table as measured (in the pins' order, then any route without a pin): printed
/// with `--nocapture`, so a change's new numbers can be copied.
fn measured_table(measured: &BTreeMap<String, Measured>) -> String {
    let mut out = TABLE_HEAD.to_owned();
    for pin in PINS {
        if let Some(m) = measured.get(pin.route) {
            out.push_str(&row(pin.route, m, pin.over_budget.unwrap_or("")));
        }
    }
    for (route, m) in measured {
        if !PINS.iter().any(|p| p.route == route) {
            out.push_str(&row(route, m, ""));
        }
    }
    out
}

/// Everything wrong with the pins against the routes and the measurements.
fn findings(routes: &BTreeSet<String>, measured: &BTreeMap<String, Measured>) -> Vec<String> {
    let mut found = Vec::new();
    let pinned: BTreeSet<String> = PINS.iter().map(|p| p.route.to_owned()).collect();
    if pinned.len() != PINS.len() {
        found.push("a route is pinned twice".to_owned());
    }
    for route in routes.difference(&pinned) {
        found.push(format!("{route}: a route of template.yaml without a pin"));
    }
    for route in pinned.difference(routes) {
        found.push(format!("{route}: pinned, but no route of template.yaml"));
    }
    for route in routes.iter().filter(|r| !measured.contains_key(*r)) {
        found.push(format!("{route}: the scenario never calls it"));
    }
    for pin in PINS {
        let budget = if is_read(pin.route) {
            READ_BUDGET
        } else {
            WRITE_BUDGET
        };
        if pin.dynamodb > budget && pin.over_budget.is_none() {
            found.push(format!(
                "{}: {} DynamoDB calls, over the budget of {budget}, without a reason",
                pin.route, pin.dynamodb
            ));
        }
        if pin.dynamodb <= budget && pin.over_budget.is_some() {
            found.push(format!("{}: within the budget; drop the reason", pin.route));
        }
        let Some(m) = measured.get(pin.route) else {
            continue;
        };
        let want = (pin.status, pin.dynamodb, pin.s3, pin.cognito, pin.other);
        let got = (m.status, m.dynamodb, m.s3, m.cognito, m.other.as_str());
        if want != got {
            found.push(format!(
                "{}: pinned (status, dynamodb, s3, cognito, other) {want:?}, measured {got:?}: {}",
                pin.route, m.log
            ));
        }
    }
    found
}

#[tokio::test]
async fn every_route_makes_the_aws_calls_it_is_pinned_to() {
    let template = Template::load(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../template.yaml"),
    )
    .expect("template.yaml");
    let routes: BTreeSet<String> = template
        .routes()
        .expect("routes")
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let measured = scenario(&stack, &tenant).await;
    println!("{}", measured_table(&measured));
    for (route, m) in &measured {
        println!("{route}: {}", m.log);
    }
    let found = findings(&routes, &measured);
    assert!(
        found.is_empty(),
        "round trips differ from their pins:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_pin_over_the_budget_needs_a_reason_and_a_reason_needs_a_pin_over_it() {
    for pin in PINS {
        let budget = if is_read(pin.route) {
            READ_BUDGET
        } else {
            WRITE_BUDGET
        };
        assert_eq!(
            pin.dynamodb > budget,
            pin.over_budget.is_some(),
            "{}: {} DynamoDB calls against a budget of {budget}, reason {:?}",
            pin.route,
            pin.dynamodb,
            pin.over_budget
        );
    }
}

#[test]
fn the_readme_shows_the_pinned_table() {
    let readme = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
    )
    .expect("README.md");
    assert!(
        readme.contains(&pins_table()),
        "README.md's \"Round trips per request\" table is not the pinned one; it should read:\n{}",
        pins_table()
    );
}
