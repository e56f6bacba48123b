//! Which handler serves which function of template.yaml (by its cargo-lambda `Binary`).

use lambda_http::{Body, Error, Request, Response};
use mypages::Deps;

/// The function names this binary can run; a template function missing here is reported at
/// start-up instead of failing on first request.
pub const FUNCTIONS: &[&str] = &[
    "health",
    "auth-login",
    "auth-mfa",
    "auth-password",
    "auth-mfa-setup",
    "auth-mfa-verify",
    "auth-refresh",
    "auth-logout",
    "me",
    "contracts-create",
    "contracts-list",
    "contracts-get",
    "contracts-update",
    "contracts-archive",
    "contracts-schedule",
    "company-settings-get",
    "company-settings-update",
    "audit-list",
    "audit-verify",
    "users-list",
    "users-create",
    "users-update",
    "users-delete",
    "company-sso-get",
    "company-sso-update",
    "auth-sso",
    "auth-sso-token",
];

pub async fn invoke(
    function: &str,
    deps: &Deps,
    request: Request,
) -> Option<Result<Response<Body>, Error>> {
    Some(match function {
        "health" => health::handler(deps, request).await,
        "auth-login" => auth_login::handler(deps, request).await,
        "auth-mfa" => auth_mfa::handler(deps, request).await,
        "auth-password" => auth_password::handler(deps, request).await,
        "auth-mfa-setup" => auth_mfa_setup::handler(deps, request).await,
        "auth-mfa-verify" => auth_mfa_verify::handler(deps, request).await,
        "auth-refresh" => auth_refresh::handler(deps, request).await,
        "auth-logout" => auth_logout::handler(deps, request).await,
        "me" => me::handler(deps, request).await,
        "contracts-create" => contracts_create::handler(deps, request).await,
        "contracts-list" => contracts_list::handler(deps, request).await,
        "contracts-get" => contracts_get::handler(deps, request).await,
        "contracts-update" => contracts_update::handler(deps, request).await,
        "contracts-archive" => contracts_archive::handler(deps, request).await,
        "contracts-schedule" => contracts_schedule::handler(deps, request).await,
        "company-settings-get" => company_settings_get::handler(deps, request).await,
        "company-settings-update" => company_settings_update::handler(deps, request).await,
        "audit-list" => audit_list::handler(deps, request).await,
        "audit-verify" => audit_verify::handler(deps, request).await,
        "users-list" => users_list::handler(deps, request).await,
        "users-create" => users_create::handler(deps, request).await,
        "users-update" => users_update::handler(deps, request).await,
        "users-delete" => users_delete::handler(deps, request).await,
        "company-sso-get" => company_sso_get::handler(deps, request).await,
        "company-sso-update" => company_sso_update::handler(deps, request).await,
        "auth-sso" => auth_sso::handler(deps, request).await,
        "auth-sso-token" => auth_sso_token::handler(deps, request).await,
        _ => return None,
    })
}
