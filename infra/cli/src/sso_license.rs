//! `mypages-cli company sso-license ID --until DATE`: our staff record until when a company
//! has paid for the SSO module. The customer cannot set this (`PUT /company/sso` refuses
//! `licensedUntil`); it is audited on the company's chain as `company.sso.license` by the
//! operator's identity ([`crate::operator::actor`]).

use chrono::NaiveDate;
use mypages::Deps;
use mypages::aws::CommitError;
use mypages::aws::store::StoreError;
use mypages::domain::audit::AuditEvent;
use mypages::domain::sso::SsoConfig;
use serde_json::json;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LicenseError {
    #[error("no company {0}")]
    UnknownCompany(String),
    #[error("the company's SSO settings changed at the same moment; run the command again")]
    Raced,
    #[error("{0}")]
    Failed(String),
}

impl From<StoreError> for LicenseError {
    fn from(error: StoreError) -> Self {
        LicenseError::Failed(error.0)
    }
}

/// Sets `licensedUntil` (the module is `active` through that day) and returns the new
/// settings. The trial and everything the customer configured stay as they are.
pub async fn license(
    deps: &Deps,
    actor: &str,
    company_id: &str,
    until: NaiveDate,
    reason: &str,
) -> Result<SsoConfig, LicenseError> {
    let store = &deps.store;
    if store.company_settings(company_id).await?.name.is_empty() {
        return Err(LicenseError::UnknownCompany(company_id.to_owned()));
    }
    let current = store.sso(company_id).await?;
    let config = SsoConfig {
        licensed_until: Some(until),
        version: current.version + 1,
        ..current.clone()
    };
    let event = AuditEvent {
        actor: actor.to_owned(),
        action: "company.sso.license".to_owned(),
        target: format!("company/{company_id}/sso"),
        reason: Some(reason.to_owned()),
        request_id: uuid::Uuid::now_v7().to_string(),
        details: [
            ("licensedUntil".to_owned(), json!(until)),
            ("previous".to_owned(), json!(current.licensed_until)),
            ("version".to_owned(), json!(config.version)),
        ]
        .into_iter()
        .collect(),
    };
    let put = store.sso_put(company_id, &config, current.version)?;
    match store.commit(company_id, vec![put], event, None).await {
        Ok(_) => Ok(config),
        Err(CommitError::Conflict | CommitError::Busy | CommitError::IdempotencyRace) => {
            Err(LicenseError::Raced)
        }
        Err(CommitError::Dependency(message)) => Err(LicenseError::Failed(message)),
        Err(CommitError::Erasing) => Err(LicenseError::Failed(
            "the company is being erased; nothing more is written for it".into(),
        )),
    }
}
