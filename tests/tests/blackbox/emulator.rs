//! Where moto answers differently from AWS and the local stack's moto_server.py makes it answer
//! as AWS does: code that is right for AWS must not look broken locally, nor the other way round.

use blackbox::{Stack, text};

#[tokio::test]
async fn an_unknown_mfa_session_is_refused_as_not_authorized_like_cognito_does() {
    let stack = Stack::connect().await;
    let idp = aws_sdk_cognitoidentityprovider::Client::new(
        &aws_config::from_env()
            .region(aws_config::Region::new(text(&stack.state, "region")))
            .endpoint_url(text(&stack.state, "endpoint"))
            .load()
            .await,
    );
    let error = idp
        .respond_to_auth_challenge()
        .client_id(text(&stack.state, "userPoolClientId"))
        .challenge_name(aws_sdk_cognitoidentityprovider::types::ChallengeNameType::SoftwareTokenMfa)
        .session("a-session-cognito-never-issued-or-one-that-expired")
        .challenge_responses("USERNAME", "admin@demo.example")
        .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", "123456")
        .send()
        .await
        .expect_err("an unknown session gives no tokens");
    let service = error.as_service_error().map(|e| format!("{e:?}"));
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_not_authorized_exception()),
        "Cognito answers NotAuthorizedException (a 401), not a failed dependency: {service:?}"
    );
}
