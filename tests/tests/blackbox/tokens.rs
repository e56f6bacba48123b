//! The gateway's authorizer refuses every forged or misused token, and accepts a token signed
//! with the pool's key whose claims are all right (so the refusals are for the right reason).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use blackbox::{Stack, text};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

fn signing_keys() -> (String, String) {
    let path = std::env::var("MYPAGES_MOTO_SIGNING_KEYS")
        .expect("MYPAGES_MOTO_SIGNING_KEYS is set by infra/test.sh");
    let pem = std::fs::read_to_string(path).expect("signing keys");
    let split = pem
        .find("-----BEGIN PUBLIC KEY-----")
        .expect("public key block");
    (pem[..split].to_owned(), pem[split..].to_owned())
}

fn claims_of(token: &str) -> Map<String, Value> {
    let payload = token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("json")
}

fn sign_rs256(claims: &Map<String, Value>) -> String {
    let (private, _) = signing_keys();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("dummy".into());
    encode(
        &header,
        claims,
        &EncodingKey::from_rsa_pem(private.as_bytes()).expect("key"),
    )
    .expect("sign")
}

async fn status_with(stack: &Stack, token: &str) -> StatusCode {
    stack.get(token, "/contracts").await.0
}

#[tokio::test]
async fn forged_and_misused_tokens_are_refused_with_401() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let genuine = claims_of(&tenant.viewer.id_token);
    let now = chrono::Utc::now().timestamp();

    // Control: re-signing the genuine claims with the pool's key is accepted, so each refusal
    // below is caused by the one thing it changes.
    assert_eq!(
        status_with(&stack, &sign_rs256(&genuine)).await,
        StatusCode::OK
    );

    let mut cases: Vec<(&str, String)> = Vec::new();
    let header =
        URL_SAFE_NO_PAD.encode(json!({"alg": "none", "typ": "JWT", "kid": "dummy"}).to_string());
    let body = URL_SAFE_NO_PAD.encode(Value::Object(genuine.clone()).to_string());
    cases.push(("alg none", format!("{header}.{body}.")));

    let (_, public) = signing_keys();
    let mut hs_header = Header::new(Algorithm::HS256);
    hs_header.kid = Some("dummy".into());
    cases.push((
        "HS256 keyed with the public key",
        encode(
            &hs_header,
            &genuine,
            &EncodingKey::from_secret(public.as_bytes()),
        )
        .expect("sign"),
    ));

    let mut wrong_issuer = genuine.clone();
    wrong_issuer.insert(
        "iss".into(),
        json!("https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_attacker"),
    );
    cases.push(("wrong issuer", sign_rs256(&wrong_issuer)));

    let mut expired = genuine.clone();
    expired.insert("iat".into(), json!(now - 7200));
    expired.insert("exp".into(), json!(now - 3600));
    cases.push(("expired", sign_rs256(&expired)));

    let mut other_client = genuine.clone();
    other_client.insert("aud".into(), json!("another-app-client"));
    cases.push(("another app client", sign_rs256(&other_client)));

    cases.push((
        "access token instead of ID token",
        tenant.viewer.access_token.clone(),
    ));

    let mut access_use = genuine.clone();
    access_use.insert("token_use".into(), json!("access"));
    cases.push((
        "ID claims signed as an access token",
        sign_rs256(&access_use),
    ));

    let mut no_use = genuine.clone();
    no_use.remove("token_use");
    cases.push(("no token_use", sign_rs256(&no_use)));

    let mut elevated = genuine.clone();
    elevated.insert(mypages::domain::claims::CLAIM_ROLES.into(), json!("admin"));
    let original_signature = tenant
        .viewer
        .id_token
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_owned();
    let tampered_body = URL_SAFE_NO_PAD.encode(Value::Object(elevated).to_string());
    let original_header = tenant
        .viewer
        .id_token
        .split('.')
        .next()
        .unwrap_or_default()
        .to_owned();
    cases.push((
        "claims changed after signing",
        format!("{original_header}.{tampered_body}.{original_signature}"),
    ));

    cases.push(("garbage", "not-a-token".into()));

    for (case, token) in &cases {
        assert_eq!(
            status_with(&stack, token).await,
            StatusCode::UNAUTHORIZED,
            "{case}"
        );
    }
    let (status, problem, _) = stack
        .send(stack.request(Method::GET, "/contracts", None))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no token: {problem}");
    assert_eq!(text(&problem, "title"), "Unauthorized");
}
