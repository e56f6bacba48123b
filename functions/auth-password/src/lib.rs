//! `POST /auth/password`: an invited user's first login answered `NEW_PASSWORD_REQUIRED`;
//! the user sends the password they chose with that login's session. The session must be one
//! our login sealed (HMAC, three minutes): a forged or expired one is refused before Cognito
//! is asked. The pool's password policy judges the password (422 on `newPassword` with its
//! rule). Setting it is audited (`auth.password`); the login that follows is audited by the
//! pre-token-generation trigger.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::{LoginOutcome, NewPasswordOutcome};
use mypages::domain::credentials::NewPassword;
use mypages::domain::session::{MfaSession, issued_token_claims};
use mypages::domain::user::password_policy_rule;
use mypages::domain::validation::FieldError;
use mypages::http::input::json_body;
use mypages::http::login::{audit_security_event_in, issued_company, sign_in_answer};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::{Value, json};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| set_password(deps, req, ctx)).await
}

const ACTION: &str = "auth.password";

async fn set_password(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let answer = NewPassword::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let keys = deps.secrets.auth_keys().await?;
    let now = chrono::Utc::now().timestamp();
    let session =
        MfaSession::open(&answer.session, &keys.session_key, now).ok_or(ApiError::Unauthorized)?;
    let outcome = deps
        .cognito
        .respond_new_password(
            &session.username,
            &session.cognito_session,
            &answer.new_password,
            &keys.client_secret,
        )
        .await?;
    let signed_in = match outcome {
        NewPasswordOutcome::PasswordRejected(_) => {
            // Cognito words its refusal in English only; the policy it applies is ours
            // (`meets_password_policy`), named in the caller's language instead.
            return Err(ApiError::Unprocessable(vec![FieldError {
                field: "newPassword".into(),
                kind: password_policy_rule(),
            }]));
        }
        NewPasswordOutcome::Answered(signed_in) => signed_in,
    };
    match signed_in {
        LoginOutcome::Tokens(tokens) => {
            let sub = issued_token_claims(&tokens.access_token)
                .and_then(|claims| claims.get("sub").and_then(Value::as_str).map(str::to_owned))
                .ok_or_else(|| ApiError::Dependency("Cognito's access token has no sub".into()))?;
            // The company of the tokens Cognito has just issued, not the pointer read again:
            // with the chain's head, the transaction and the 2FA policy, 3 DynamoDB calls.
            let company = issued_company(&tokens);
            audit_security_event_in(deps, &ctx, company, &sub, ACTION, Default::default()).await?;
            let answer = sign_in_answer(deps, keys, tokens, &session.username).await?;
            Ok(json_response(StatusCode::OK, &answer))
        }
        // The password is set; Cognito asks for the next step (a user who already has TOTP).
        LoginOutcome::Challenge {
            name,
            session: next,
            username,
        } => {
            if let Some(identity) = deps.cognito.identity_of(&username, &deps.store).await? {
                audit_security_event_in(
                    deps,
                    &ctx,
                    identity.company_id,
                    &identity.sub,
                    ACTION,
                    Default::default(),
                )
                .await?;
            }
            let sealed = MfaSession::new(&username, &next, now).seal(&keys.session_key);
            Ok(json_response(
                StatusCode::OK,
                &json!({"challenge": name, "session": sealed}),
            ))
        }
        LoginOutcome::SsoRequired => Err(ApiError::SsoRequired),
        // Cognito's session expired or was used: the user logs in again.
        LoginOutcome::Refused => Err(ApiError::Unauthorized),
    }
}
