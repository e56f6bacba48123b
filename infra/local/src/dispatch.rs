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
    "contracts-ibr-suggestion",
    "rates-interest",
    "rates-fx",
    "rates-fx-average",
    "company-settings-get",
    "company-settings-update",
    "audit-list",
    "audit-verify",
    "users-list",
    "users-create",
    "users-update",
    "users-delete",
    "users-erasure",
    "company-sso-get",
    "company-sso-update",
    "auth-sso",
    "auth-sso-token",
    "documents-create",
    "documents-list",
    "documents-get",
    "documents-download",
    "documents-delete",
    "reports-create",
    "reports-list",
    "reports-get",
    "reports-download",
    "company-erasure-schedule",
    "company-erasure-get",
    "company-erasure-cancel",
    "company-exports-create",
    "company-exports-get",
    "web",
];

/// Each handler's future is boxed: inline, the match's future is as large as the largest
/// handler's, which overflowed a test thread's 2 MiB stack once there were this many.
pub async fn invoke(
    function: &str,
    deps: &Deps,
    request: Request,
) -> Option<Result<Response<Body>, Error>> {
    Some(match function {
        "health" => Box::pin(health::handler(deps, request)).await,
        "auth-login" => Box::pin(auth_login::handler(deps, request)).await,
        "auth-mfa" => Box::pin(auth_mfa::handler(deps, request)).await,
        "auth-password" => Box::pin(auth_password::handler(deps, request)).await,
        "auth-mfa-setup" => Box::pin(auth_mfa_setup::handler(deps, request)).await,
        "auth-mfa-verify" => Box::pin(auth_mfa_verify::handler(deps, request)).await,
        "auth-refresh" => Box::pin(auth_refresh::handler(deps, request)).await,
        "auth-logout" => Box::pin(auth_logout::handler(deps, request)).await,
        "me" => Box::pin(me::handler(deps, request)).await,
        "contracts-create" => Box::pin(contracts_create::handler(deps, request)).await,
        "contracts-list" => Box::pin(contracts_list::handler(deps, request)).await,
        "contracts-get" => Box::pin(contracts_get::handler(deps, request)).await,
        "contracts-update" => Box::pin(contracts_update::handler(deps, request)).await,
        "contracts-archive" => Box::pin(contracts_archive::handler(deps, request)).await,
        "contracts-schedule" => Box::pin(contracts_schedule::handler(deps, request)).await,
        "contracts-ibr-suggestion" => {
            Box::pin(contracts_ibr_suggestion::handler(deps, request)).await
        }
        "rates-interest" => Box::pin(rates_interest::handler(deps, request)).await,
        "rates-fx" => Box::pin(rates_fx::handler(deps, request)).await,
        "rates-fx-average" => Box::pin(rates_fx_average::handler(deps, request)).await,
        "company-settings-get" => Box::pin(company_settings_get::handler(deps, request)).await,
        "company-settings-update" => {
            Box::pin(company_settings_update::handler(deps, request)).await
        }
        "audit-list" => Box::pin(audit_list::handler(deps, request)).await,
        "audit-verify" => Box::pin(audit_verify::handler(deps, request)).await,
        "users-list" => Box::pin(users_list::handler(deps, request)).await,
        "users-create" => Box::pin(users_create::handler(deps, request)).await,
        "users-update" => Box::pin(users_update::handler(deps, request)).await,
        "users-delete" => Box::pin(users_delete::handler(deps, request)).await,
        "users-erasure" => Box::pin(users_erasure::handler(deps, request)).await,
        "company-sso-get" => Box::pin(company_sso_get::handler(deps, request)).await,
        "company-sso-update" => Box::pin(company_sso_update::handler(deps, request)).await,
        "auth-sso" => Box::pin(auth_sso::handler(deps, request)).await,
        "auth-sso-token" => Box::pin(auth_sso_token::handler(deps, request)).await,
        "documents-create" => Box::pin(documents_create::handler(deps, request)).await,
        "documents-list" => Box::pin(documents_list::handler(deps, request)).await,
        "documents-get" => Box::pin(documents_get::handler(deps, request)).await,
        "documents-download" => Box::pin(documents_download::handler(deps, request)).await,
        "documents-delete" => Box::pin(documents_delete::handler(deps, request)).await,
        "reports-create" => Box::pin(reports_create::handler(deps, request)).await,
        "reports-list" => Box::pin(reports_list::handler(deps, request)).await,
        "reports-get" => Box::pin(reports_get::handler(deps, request)).await,
        "reports-download" => Box::pin(reports_download::handler(deps, request)).await,
        "company-erasure-schedule" => {
            Box::pin(company_erasure_schedule::handler(deps, request)).await
        }
        "company-erasure-get" => Box::pin(company_erasure_get::handler(deps, request)).await,
        "company-erasure-cancel" => Box::pin(company_erasure_cancel::handler(deps, request)).await,
        "company-exports-create" => Box::pin(company_exports_create::handler(deps, request)).await,
        "company-exports-get" => Box::pin(company_exports_get::handler(deps, request)).await,
        "web" => match &deps.config.web {
            Some(settings) => Box::pin(web::handler(settings, request)).await,
            None => Err("the local stack's configuration has no web settings".into()),
        },
        _ => return None,
    })
}
