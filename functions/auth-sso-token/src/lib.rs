//! `POST /auth/sso/token {code}`: the end of a federated sign-in. The hosted UI sends the
//! browser back to our callback URL with an authorization code; our app client is
//! confidential, so only something holding the client secret can exchange the code, and this
//! route does it at the hosted UI's token endpoint. The answer has the shape of
//! `/auth/login`'s, the refresh token sealed in our handle. The sign-in itself is recorded by
//! the pre-token-generation trigger (`auth.login`, `method: federated`), which Cognito ran
//! before issuing the code's tokens, so this route writes nothing.

use lambda_http::{Body, Error, Request, Response, http::StatusCode};
use mypages::Deps;
use mypages::aws::hosted_ui::{CodeExchange, TokenEndpoint};
use mypages::domain::credentials::parse_sso_token_request;
use mypages::domain::session::issued_token_claims;
use mypages::http::input::json_body;
use mypages::http::login::{refresh_handle, token_body};
use mypages::http::{ApiError, Ctx, json_response, respond};

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| sso_token(deps, req, ctx)).await
}

async fn sso_token(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let code = parse_sso_token_request(&json_body(&req)?).map_err(ApiError::from_fields)?;
    let hosted_ui = deps
        .config
        .hosted_ui
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("HOSTED_UI_URL is not configured".into()))?;
    let keys = deps.secrets.auth_keys().await?;
    // One exchange per federated sign-in: a client per request costs little next to the TLS
    // handshake it makes anyway.
    let endpoint = TokenEndpoint::new(
        &hosted_ui.base_url,
        &hosted_ui.callback_url,
        &deps.config.user_pool_client_id,
    )?;
    let tokens = match endpoint.exchange_code(&code, &keys.client_secret).await? {
        CodeExchange::Tokens(tokens) => tokens,
        CodeExchange::Refused => return Err(ApiError::Unauthorized),
    };
    let username = pool_username(&tokens.id_token)?;
    let refresh_token = tokens.refresh_token.as_deref().ok_or_else(|| {
        ApiError::Dependency("the hosted UI signed the user in without a refresh token".into())
    })?;
    let handle = refresh_handle(keys, &username, refresh_token);
    // Federated users are not held to the company's TOTP policy (their second factor is their
    // IdP's), so there is no MFA_SETUP challenge here.
    Ok(json_response(
        StatusCode::OK,
        &token_body(&tokens, Some(handle)),
    ))
}

/// The pool's user name (`cognito:username`, e.g. `sso-…_anna@corp.example`), which a
/// refresh's `SECRET_HASH` is computed with. The payload is read without checking the
/// signature: the token came straight from Cognito's token endpoint over TLS, in answer to our
/// authenticated request, so nobody else could have made it.
fn pool_username(id_token: &str) -> Result<String, ApiError> {
    issued_token_claims(id_token)
        .and_then(|claims| claims.get("cognito:username")?.as_str().map(str::to_owned))
        .filter(|name| !name.is_empty())
        .ok_or_else(|| ApiError::Dependency("the hosted UI's ID token names no user".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn token_with(payload: &str) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.sig",
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn the_user_name_is_the_id_tokens_cognito_username() {
        let token = token_with(r#"{"sub":"5f2c","cognito:username":"sso-ab12_anna@corp.example"}"#);
        assert_eq!(
            pool_username(&token).expect("name"),
            "sso-ab12_anna@corp.example"
        );
    }

    #[test]
    fn a_token_without_a_user_name_is_a_dependency_failure() {
        assert!(matches!(
            pool_username(&token_with(r#"{"sub":"5f2c"}"#)),
            Err(ApiError::Dependency(_))
        ));
        assert!(matches!(
            pool_username("not-a-jwt"),
            Err(ApiError::Dependency(_))
        ));
    }
}
