//! `company create` and `company list`: our staff open a company with its first admin (the
//! API cannot: every user belongs to a company already), and see which companies exist.

use crate::operator::state_text;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;
use mypages::aws::cognito_admin::{InviteError, NewAccount};
use mypages::aws::keys::{COMPANY_SK, company_pk};
use mypages::aws::timestamp;
use mypages::domain::audit::AuditEvent;
use mypages::domain::user::Invite;
use mypages::{Config, Deps};
use serde::Serialize;
use serde_json::{Value, json};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CompanyError {
    #[error("{0}")]
    Invalid(String),
    #[error("the e-mail address already has an account; nothing was created")]
    EmailTaken,
    #[error("{0}")]
    Failed(String),
}

fn failed(e: impl std::fmt::Display) -> CompanyError {
    CompanyError::Failed(e.to_string())
}

/// The dependencies of the local stack described by its state file. Cognito is reached
/// through the stack's Cognito front, so the triggers run as they would in AWS. Read from the
/// state file: `dataTable`, `auditTable`, `userPoolId`, `userPoolClientId`, `cognitoEndpoint`,
/// `auditArchiveBucket`, `auditSigningKeyArn`, `documentsBucket`, `reportsBucket`,
/// `exportsBucket` (when the stack has one) and `mailSender` (the SDK config comes from
/// `region` and `endpoint`, see [`crate::operator::local_sdk`]).
pub fn local_deps_of(state: &Value, sdk: &aws_config::SdkConfig) -> Deps {
    let text = |key: &str| state_text(state, key);
    let config = Config {
        data_table: text("dataTable"),
        audit_table: text("auditTable"),
        user_pool_id: text("userPoolId"),
        user_pool_client_id: text("userPoolClientId"),
        auth_secrets: None,
        // The archive and the buckets `company show` and `company erase-now` read and erase.
        audit_archive: Some(mypages::config::AuditArchiveIds {
            bucket: text("auditArchiveBucket"),
            signing_key_id: text("auditSigningKeyArn"),
        }),
        login_refusal_floor: std::time::Duration::ZERO,
        hosted_ui: None,
        documents: Some(mypages::config::DocumentsIds {
            documents_bucket: text("documentsBucket"),
            textract_region: text("region"),
            staging_bucket: None,
            completion: None,
        }),
        rates_table: None,
        reports: Some(mypages::config::ReportsIds {
            reports_bucket: text("reportsBucket"),
            reports_queue_url: None,
            inline_max_contracts: mypages::config::DEFAULT_REPORTS_INLINE_MAX_CONTRACTS,
            max_receives: mypages::config::DEFAULT_REPORTS_MAX_RECEIVES,
            report_retention_days: mypages::aws::reports::REPORT_RETENTION_DAYS,
        }),
        erasure: mypages::config::ErasureIds {
            mail_sender: state["mailSender"].as_str().map(str::to_owned),
            exports_bucket: state["exportsBucket"].as_str().map(str::to_owned),
            ..Default::default()
        },
        exports: None,
        web: None,
    };
    let mut deps = Deps::new(config, sdk);
    let cognito_endpoint = text("cognitoEndpoint");
    if !cognito_endpoint.is_empty() {
        let fronted = aws_sdk_cognitoidentityprovider::config::Builder::from(sdk)
            .endpoint_url(cognito_endpoint)
            .build();
        deps.cognito = mypages::aws::Cognito::new(
            aws_sdk_cognitoidentityprovider::Client::from_conf(fronted).into(),
            &text("userPoolId"),
            &text("userPoolClientId"),
        );
    }
    deps
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatedCompany {
    pub id: String,
    pub name: String,
    /// The first admin's user id (Cognito `sub`).
    pub admin: String,
}

/// Creates the company item and its first admin (Cognito account, user record, `sub`
/// pointer), audited as `company.create` by `actor` (the operator's identity,
/// [`crate::operator::actor`]). Without `password` Cognito e-mails a temporary one; with it
/// the admin is told it by us. If the write fails the account is deleted again.
pub async fn create(
    deps: &Deps,
    actor: &str,
    name: &str,
    admin_email: &str,
    password: Option<&str>,
) -> Result<CreatedCompany, CompanyError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(CompanyError::Invalid(
            "the company name must be 1–200 characters".into(),
        ));
    }
    // The same rules as an admin's invite: a real address, the pool's password policy.
    let invite = Invite::parse(&json!({
        "email": admin_email,
        "roles": ["admin"],
        "temporaryPassword": password,
    }))
    .map_err(|errors| {
        CompanyError::Invalid(
            errors
                .iter()
                .map(|e| {
                    let field = match e.field.as_str() {
                        "temporaryPassword" => "--password",
                        _ => "--admin",
                    };
                    format!(
                        "{field}: {}",
                        e.kind.message(mypages::domain::lang::Lang::En)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let company_id = uuid::Uuid::new_v4().simple().to_string();
    let sub = deps
        .cognito
        .invite_user(&NewAccount {
            email: &invite.email,
            locale: invite.locale.code(),
            temporary_password: invite.temporary_password.as_deref(),
        })
        .await
        .map_err(|e| match e {
            InviteError::EmailTaken => CompanyError::EmailTaken,
            InviteError::AddressRefused => {
                CompanyError::Invalid("--admin: Cognito does not accept the address".into())
            }
            InviteError::PasswordRefused => {
                CompanyError::Invalid("--password: the user pool refuses it".into())
            }
            InviteError::Cognito(e) => failed(e),
        })?;
    let record = invite.record(&sub, &timestamp(Utc::now()));
    let written = write_company(deps, actor, &company_id, name, &record).await;
    if let Err(error) = written {
        if let Err(undo) = deps.cognito.delete_user(&invite.email).await {
            return Err(failed(format!(
                "{error}; the admin's account could not be deleted again either ({undo})"
            )));
        }
        return Err(error);
    }
    Ok(CreatedCompany {
        id: company_id,
        name: name.to_owned(),
        admin: sub,
    })
}

async fn write_company(
    deps: &Deps,
    actor: &str,
    company_id: &str,
    name: &str,
    admin: &mypages::domain::user::UserRecord,
) -> Result<(), CompanyError> {
    let store = &deps.store;
    let company = store
        .put_data(
            [
                ("pk".to_owned(), AttributeValue::S(company_pk(company_id))),
                ("sk".to_owned(), AttributeValue::S(COMPANY_SK.to_owned())),
                ("name".to_owned(), AttributeValue::S(name.to_owned())),
                ("version".to_owned(), AttributeValue::N("1".into())),
            ]
            .into_iter()
            .collect(),
            Some("attribute_not_exists(pk)"),
            Default::default(),
            &[],
        )
        .map_err(failed)?;
    let mut data_ops = vec![company];
    data_ops.extend(store.user_create(company_id, admin).map_err(failed)?);
    let event = AuditEvent {
        actor: actor.to_owned(),
        action: "company.create".to_owned(),
        target: format!("company/{company_id}"),
        reason: None,
        request_id: uuid::Uuid::new_v4().to_string(),
        details: [("admin".to_owned(), json!(admin.id))]
            .into_iter()
            .collect(),
    };
    store
        .commit(company_id, data_ops, event, None)
        .await
        .map_err(|e| failed(format!("{e:?}")))?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompanySummary {
    pub id: String,
    pub name: String,
}

/// Every company, by id. A scan of the company items: an operator command over tens or
/// hundreds of companies, never a request path.
pub async fn list(deps: &Deps) -> Result<Vec<CompanySummary>, CompanyError> {
    let store = &deps.store;
    let mut companies = Vec::new();
    let mut start = None;
    loop {
        let out = store
            .client()
            .scan()
            .table_name(store.data_table())
            .filter_expression("sk = :company")
            .expression_attribute_values(":company", AttributeValue::S(COMPANY_SK.to_owned()))
            .set_exclusive_start_key(start.take())
            .send()
            .await
            .map_err(|e| failed(aws_sdk_dynamodb::error::DisplayErrorContext(e)))?;
        for item in out.items() {
            let text = |key: &str| item.get(key).and_then(|v| v.as_s().ok()).cloned();
            if let Some(id) = text("pk").and_then(|pk| pk.strip_prefix("C#").map(str::to_owned)) {
                companies.push(CompanySummary {
                    id,
                    name: text("name").unwrap_or_default(),
                });
            }
        }
        match out.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => break,
        }
    }
    companies.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(companies)
}
