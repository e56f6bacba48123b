//! `POST /auth/mfa/verify`: confirms the authenticator app `/auth/mfa/setup` started with its
//! first code; TOTP becomes the user's preferred MFA (later logins answer
//! `SOFTWARE_TOKEN_MFA`). With the `session` of an `MFA_SETUP` login it ends that login: the
//! tokens are issued anew (their `mfa_enrolled` is now true) and answered (200). With a
//! bearer access token instead it answers 204. A wrong code is 422 on `code` (the same
//! session or token may try again); an unknown, altered or expired session is 401 before
//! Cognito is asked. Audited (`auth.mfa.enrol`).

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::{RefreshOutcome, TotpCheck};
use mypages::domain::credentials::TotpConfirmation;
use mypages::domain::session::{SetupSession, issued_token_claims};
use mypages::domain::validation::{FieldError, FieldErrorKind};
use mypages::http::input::json_body;
use mypages::http::login::{
    audit_security_event, bearer_access_token, bearer_user, no_content, refresh_handle, token_body,
};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| verify(deps, req, ctx)).await
}

const ACTION: &str = "auth.mfa.enrol";

async fn verify(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let confirmation = TotpConfirmation::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    match &confirmation.session {
        Some(token) => {
            let keys = deps.secrets.auth_keys().await?;
            let now = chrono::Utc::now().timestamp();
            let session =
                SetupSession::open(token, &keys.session_key, now).ok_or(ApiError::Unauthorized)?;
            let sub = issued_token_claims(&session.access_token)
                .and_then(|claims| claims.get("sub").and_then(Value::as_str).map(str::to_owned))
                .ok_or(ApiError::Unauthorized)?;
            enrol(deps, &ctx, &session.access_token, &confirmation.code, &sub).await?;
            // New tokens, so the trigger puts `mfa_enrolled: true` in them.
            match deps
                .cognito
                .refresh(
                    &session.username,
                    &session.refresh_token,
                    &keys.client_secret,
                )
                .await?
            {
                RefreshOutcome::Tokens(tokens) => {
                    let handle = refresh_handle(keys, &session.username, &session.refresh_token);
                    Ok(json_response(
                        StatusCode::OK,
                        &token_body(&tokens, Some(handle)),
                    ))
                }
                RefreshOutcome::Refused => Err(ApiError::Unauthorized),
            }
        }
        None => {
            let access_token = bearer_access_token(&req).ok_or(ApiError::Unauthorized)?;
            let user = bearer_user(deps, access_token).await?;
            enrol(deps, &ctx, access_token, &confirmation.code, &user.sub).await?;
            Ok(no_content())
        }
    }
}

/// Verifies the code, makes TOTP the preferred MFA and records the enrolment.
async fn enrol(
    deps: &Deps,
    ctx: &Ctx,
    access_token: &str,
    code: &str,
    sub: &str,
) -> Result<(), ApiError> {
    match deps
        .cognito
        .verify_software_token(access_token, code)
        .await?
    {
        TotpCheck::Verified => {}
        TotpCheck::WrongCode => {
            return Err(ApiError::Unprocessable(vec![FieldError {
                field: "code".into(),
                kind: FieldErrorKind::rule("field-rule-code-mismatch"),
            }]));
        }
        TotpCheck::Refused => return Err(ApiError::Unauthorized),
    }
    if !deps.cognito.set_totp_preferred(access_token).await? {
        return Err(ApiError::Unauthorized);
    }
    audit_security_event(
        deps,
        ctx,
        sub,
        ACTION,
        [("method".to_owned(), json!("totp"))].into_iter().collect(),
    )
    .await
}
