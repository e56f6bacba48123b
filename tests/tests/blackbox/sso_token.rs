//! `POST /auth/sso/token`: the hosted UI's authorization code exchanged for tokens.
//!
//! What the local stack cannot play: the hosted UI (moto has none), so it points
//! `HOSTED_UI_URL` at `http://127.0.0.1:9`, where nothing listens. A well-formed code
//! therefore reaches our exchange and fails there as an unreachable dependency (503) — not
//! the 401 an unknown code gets from Cognito in AWS. Our side of the exchange (the request to
//! the token endpoint, Cognito's tokens, its `invalid_grant` → 401) is tested against an
//! in-test token endpoint in shared/src/aws/hosted_ui.rs.

use blackbox::Stack;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn post_code(stack: &Stack, body: &Value) -> (StatusCode, Value) {
    let request = stack
        .request(Method::POST, "/auth/sso/token", None)
        .json(body);
    let (status, body, _) = stack.send(request).await;
    (status, body)
}

#[tokio::test]
async fn a_code_goes_to_the_token_endpoint_which_the_local_stack_lacks() {
    let stack = Stack::connect().await;
    let (status, body) = post_code(&stack, &json!({"code": "unknown-code"})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], 503, "{body}");
}

#[tokio::test]
async fn the_sample_events_code_is_exchanged_the_same_way() {
    let stack = Stack::connect().await;
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../events/auth-sso-token/authorization-code.json");
    let event: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("sample event")).expect("JSON");
    let body: Value =
        serde_json::from_str(event["body"].as_str().expect("a body")).expect("JSON body");
    let (status, answer) = post_code(&stack, &body).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
}

#[tokio::test]
async fn anything_but_a_code_is_refused_before_the_exchange() {
    let stack = Stack::connect().await;
    for body in [
        json!({"code": "c0de", "state": "xyz"}),
        json!({}),
        json!({"code": 42}),
        json!(["c0de"]),
    ] {
        let (status, answer) = post_code(&stack, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
    }
}
