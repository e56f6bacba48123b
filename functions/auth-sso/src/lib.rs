//! `GET /auth/sso?email=`: where a user of an SSO company signs in. No token: the e-mail's
//! domain leads to the company that claimed it; while that company's federation works the
//! answer is the hosted UI's authorize URL with the domain as `idp_identifier`, otherwise
//! 404 — the same 404 for an unknown domain, a company without SSO and an expired module, so
//! the answer tells nothing more than "use your password".

use lambda_http::{Body, Error, Request, RequestExt, Response, http::StatusCode};
use mypages::Deps;
use mypages::config::HostedUiUrls;
use mypages::domain::sso::email_domain;
use mypages::http::{ApiError, Ctx, json_response, respond};
use serde_json::json;

pub async fn handler(deps: &Deps, event: Request) -> Result<Response<Body>, Error> {
    respond(event, |req, ctx| sso(deps, req, ctx)).await
}

/// Longest e-mail address (RFC 5321 path limit).
const MAX_EMAIL: usize = 254;

async fn sso(deps: &Deps, req: Request, _ctx: Ctx) -> Result<Response<Body>, ApiError> {
    let email = req
        .query_string_parameters_ref()
        .and_then(|q| q.first("email"))
        .ok_or_else(|| ApiError::BadParameter("the query parameter email is required".into()))?;
    if email.len() > MAX_EMAIL {
        return Err(ApiError::BadParameter(format!(
            "email is longer than {MAX_EMAIL} characters"
        )));
    }
    // Text without a domain has no SSO either: the same 404 as an unknown domain.
    let Some(domain) = email_domain(email) else {
        return Err(ApiError::NotFound);
    };
    let hosted_ui = deps
        .config
        .hosted_ui
        .as_ref()
        .ok_or_else(|| ApiError::Dependency("HOSTED_UI_URL is not configured".into()))?;
    let Some(company_id) = deps.store.company_of_domain(&domain).await? else {
        return Err(ApiError::NotFound);
    };
    let sso = deps.store.sso(&company_id).await?;
    if !sso.federation_on(chrono::Utc::now()) || !sso.owns_domain(&domain) {
        return Err(ApiError::NotFound);
    }
    let url = authorize_url(hosted_ui, &deps.config.user_pool_client_id, &domain)?;
    Ok(json_response(StatusCode::OK, &json!({"authorizeUrl": url})))
}

/// `<hosted UI>/oauth2/authorize?response_type=code&client_id=..&redirect_uri=..&scope=..&
/// idp_identifier=<domain>`: Cognito finds the company's provider by the identifier.
fn authorize_url(
    hosted_ui: &HostedUiUrls,
    client_id: &str,
    domain: &str,
) -> Result<String, ApiError> {
    let mut url = url::Url::parse(&format!("{}/oauth2/authorize", hosted_ui.base_url))
        .map_err(|e| ApiError::Dependency(format!("HOSTED_UI_URL: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", &hosted_ui.callback_url)
        .append_pair("scope", "openid email profile")
        .append_pair("idp_identifier", domain);
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_names_the_client_the_callback_and_the_domain() {
        let hosted_ui = HostedUiUrls {
            base_url: "https://mypages.auth.eu-north-1.amazoncognito.com".into(),
            callback_url: "https://app.example/sso/callback".into(),
        };
        let url = authorize_url(&hosted_ui, "client-1", "corp.example").expect("url");
        assert_eq!(
            url,
            "https://mypages.auth.eu-north-1.amazoncognito.com/oauth2/authorize?\
             response_type=code&client_id=client-1&redirect_uri=https%3A%2F%2Fapp.example%2Fsso%2Fcallback\
             &scope=openid+email+profile&idp_identifier=corp.example"
        );
    }
}
