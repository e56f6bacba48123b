//! `company show ID` and `company erase-now ID`: what a company holds (counted, as the
//! erasure certificate's checks count it) and, for a customer who confirmed in writing, its
//! scheduled erasure run at once.

use mypages::Deps;
use mypages::aws::erasure::{Captured, ErasureDeps, ErasureError, inventory, stored_certificate};
use mypages::domain::erasure::SignedCertificate;
use serde::Serialize;

use crate::company::CompanyError;

fn failed(e: impl std::fmt::Display) -> CompanyError {
    CompanyError::Failed(e.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyView {
    pub id: String,
    /// From the company item; from the erasure ledger while an erasure still holds it; else
    /// none (an erased company's name is not kept).
    pub name: Option<String>,
    pub items: u64,
    pub objects: u64,
    pub users: u64,
    pub audit_records: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erasure: Option<ErasureView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureView {
    pub scheduled_for: String,
    pub state: String,
    pub completed_at: Option<String>,
    pub certificate: Option<SignedCertificate>,
}

/// The company's counts (see `mypages::aws::erasure::inventory`) and its erasure, if one was
/// scheduled. A company that neither exists nor was erased is an error.
pub async fn show(deps: &Deps, company_id: &str) -> Result<CompanyView, CompanyError> {
    let erasure_deps = ErasureDeps::from_deps(deps);
    let store = &deps.store;
    let name = store.company_name(company_id).await.map_err(failed)?;
    let row = store.erasure_ledger_row(company_id).await.map_err(failed)?;
    if name.is_none() && row.is_none() {
        return Err(CompanyError::Invalid(format!(
            "no company {company_id} (and no erasure of one)"
        )));
    }
    let known = row
        .as_ref()
        .map(|row| Captured {
            subs: row.subs.clone(),
            domains: row.domains.clone(),
            ..Captured::default()
        })
        .unwrap_or_default();
    let counted = inventory(&erasure_deps, company_id, &known)
        .await
        .map_err(failed)?;
    let erasure = match &row {
        None => None,
        Some(row) => Some(ErasureView {
            scheduled_for: row.scheduled_for.clone(),
            state: row.state.as_str().to_owned(),
            completed_at: row.completed_at.clone(),
            certificate: match row.certificate_key {
                Some(_) => stored_certificate(&erasure_deps, company_id)
                    .await
                    .map_err(failed)?,
                None => None,
            },
        }),
    };
    Ok(CompanyView {
        id: company_id.to_owned(),
        name: name.or_else(|| row.and_then(|row| row.company_name)),
        items: counted.items,
        objects: counted.objects,
        users: counted.users,
        audit_records: counted.audit_records,
        erasure,
    })
}

/// Runs the company's scheduled erasure now, as `actor`; refuses when none is scheduled (the
/// customer's admin schedules it: that is their confirmation in the product). Run again after
/// a failure, it continues where it stopped; after completion it returns the certificate.
pub async fn erase_now(
    deps: &Deps,
    company_id: &str,
    actor: &str,
) -> Result<SignedCertificate, CompanyError> {
    let erasure_deps = ErasureDeps::from_deps(deps);
    mypages::aws::erasure::run_erasure(&erasure_deps, company_id, actor, chrono::Utc::now())
        .await
        .map_err(|error| match error {
            ErasureError::NotScheduled => CompanyError::Invalid(format!(
                "no erasure of {company_id} is scheduled: an admin of the company schedules it \
                 (POST /company/erasure) before it can be run now"
            )),
            ErasureError::Busy => CompanyError::Failed(format!(
                "another run is erasing {company_id} right now (the hourly run, or a run that \
                 stopped less than 15 minutes ago); try again later"
            )),
            other => failed(other),
        })
}

/// Whether `signed` carries a valid signature of `key` (the checkpoint key's public half,
/// `audit public-key`) over the RFC 8785 form of its certificate: what anyone holding the
/// certificate checks offline.
pub fn certificate_verifies(signed: &SignedCertificate, key: &p256::ecdsa::VerifyingKey) -> bool {
    use base64::Engine;
    use p256::ecdsa::signature::Verifier;
    if signed.algorithm != mypages::domain::erasure::CERTIFICATE_ALGORITHM {
        return false;
    }
    let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&signed.signature) else {
        return false;
    };
    let Ok(signature) = p256::ecdsa::Signature::from_der(&der) else {
        return false;
    };
    key.verify(&signed.certificate.signing_payload(), &signature)
        .is_ok()
}
