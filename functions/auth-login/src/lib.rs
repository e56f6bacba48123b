//! `POST /auth/login`: e-mail and password against Cognito. Successful logins are audited by
//! Cognito's pre-token-generation trigger, refused ones here, both on the user's company's
//! security chain; unknown users get the same 401 as a wrong password, after the same time.
//! A company that requires single sign-on refuses passwords (401 `sso_required`), decided by
//! the address's domain before the password is checked, so unknown addresses and the
//! company's own accounts of that domain answer alike (another company's account there signs
//! in as usual).

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::cognito::LoginOutcome;
use mypages::domain::credentials::Credentials;
use mypages::domain::session::MfaSession;
use mypages::domain::sso::email_domain;
use mypages::http::input::json_body;
use mypages::http::login::{audit_failed_login, refusal_after_floor, sign_in_answer};
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| login(deps, req, ctx)).await
}

/// Whether the address's domain belongs to a company whose SSO refuses passwords now, and
/// the address is not an account of another company. Domains are claimed first come (see the
/// README on verification): a company that claimed someone else's domain must not be able to
/// refuse the passwords of that other company's users, so an existing account answers by its
/// own company (its pre-authentication trigger), and only addresses without one, or of the
/// owning company, are refused here.
async fn domain_requires_sso(deps: &Deps, email: &str) -> Result<bool, ApiError> {
    let Some(domain) = email_domain(email) else {
        return Ok(false);
    };
    let Some(company) = deps.store.company_of_domain(&domain).await? else {
        return Ok(false);
    };
    if !deps
        .store
        .sso(&company)
        .await?
        .passwords_refused(chrono::Utc::now())
    {
        return Ok(false);
    }
    let account = deps.cognito.identity_of(email, &deps.store).await?;
    Ok(account.is_none_or(|identity| identity.company_id.as_deref() == Some(company.as_str())))
}

async fn login(deps: &Deps, req: Request, ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let started = tokio::time::Instant::now();
    let credentials = Credentials::parse(&json_body(&req)?).map_err(ApiError::from_fields)?;
    if domain_requires_sso(deps, &credentials.email).await? {
        return Err(ApiError::SsoRequired);
    }
    let keys = deps.secrets.auth_keys().await?;
    match deps
        .cognito
        .login(
            &credentials.email,
            &credentials.password,
            &keys.client_secret,
        )
        .await?
    {
        // The pre-token-generation trigger recorded the login before Cognito issued these.
        LoginOutcome::Tokens(tokens) => {
            let answer = sign_in_answer(deps, keys, tokens, &credentials.email).await?;
            Ok(json_response(StatusCode::OK, &answer))
        }
        LoginOutcome::Challenge {
            name,
            session,
            username,
        } => {
            let now = chrono::Utc::now().timestamp();
            let sealed = MfaSession::new(&username, &session, now).seal(&keys.session_key);
            Ok(json_response(
                StatusCode::OK,
                &json!({"challenge": name, "session": sealed}),
            ))
        }
        // The pre-authentication trigger refused the password of a user whose company
        // requires single sign-on (an address outside the company's SSO domains).
        LoginOutcome::SsoRequired => Err(ApiError::SsoRequired),
        LoginOutcome::Refused => {
            let audited =
                audit_failed_login(deps, &ctx, &credentials.email, Default::default()).await;
            refusal_after_floor(started, deps.config.login_refusal_floor, audited).await
        }
    }
}
