//! Cognito's pre-token-generation trigger (V1 event): puts the user's company, roles and
//! whether they have TOTP into the ID token, from our user record and Cognito's MFA settings,
//! and records the sign-in (`auth.login`) or the refresh (`auth.refresh`) on the company's
//! security chain. Cognito runs it on every path that issues tokens (password, challenge
//! answers, the hosted UI, refresh), and issues none when it fails: a user without an active
//! record, or a sign-in that cannot be recorded, gets no tokens (fail closed).
//!
//! A person the company's identity provider vouches for, signing in through the hosted UI for
//! the first time, gets a record here when the company creates users automatically; at each
//! such sign-in their roles follow their IdP groups (`groupRoles`). Groups are read only then:
//! the attribute is Cognito's copy from that sign-in, and a refresh does not renew it.

use aws_lambda_events::event::cognito::{
    ClaimsOverrideDetails, CognitoEventUserPoolsPreTokenGen,
    CognitoEventUserPoolsPreTokenGenTriggerSource as Source,
};
use lambda_runtime::LambdaEvent;
use mypages::aws::cognito::CognitoError;
use mypages::aws::pool_users::PoolUsers;
use mypages::aws::store::StoreError;
use mypages::aws::{CommitError, Store};
use mypages::domain::audit::AuditEvent;
use mypages::domain::claims::{CLAIM_COMPANY, CLAIM_MFA_ENROLLED, CLAIM_ROLES, is_safe_id};
use mypages::domain::federation::{
    AdmissionRefused, IDP_GROUPS_ATTRIBUTE, admit_federated, federated_roles,
    federated_sign_in_allowed, idp_groups, provider_of_username,
};
use mypages::domain::lang::Lang;
use mypages::domain::role::Role;
use mypages::domain::user::{UserRecord, roles_claim};
use serde_json::{Map, Value};
use std::collections::HashMap;
use thiserror::Error;

/// What the trigger needs: our tables, and the pool (for the user's MFA settings).
pub struct TriggerDeps {
    pub store: Store,
    pub pool: PoolUsers,
}

#[derive(Debug, Error)]
pub enum TriggerError {
    // Cognito shows these to the caller as the reason the sign-in failed; our login functions
    // answer all of them with the one uniform 401.
    #[error("the user has no sub")]
    NoSub,
    #[error("the user belongs to no company")]
    NoCompany,
    #[error("the user has no record in their company")]
    NoRecord,
    #[error("the user is deactivated")]
    Inactive,
    /// The same marker as the pre-authentication trigger's, so callers answer `sso_required`.
    #[error("sso_required: the company requires single sign-on")]
    SsoRequired,
    #[error("the user is not in the pool")]
    NotInPool,
    #[error("the identity provider's user may not join the company: {0}")]
    NotAdmitted(#[from] AdmissionRefused),
    #[error("the user's record kept changing")]
    Contended,
    #[error("the sign-in could not be recorded: {0}")]
    Audit(#[from] CommitError),
    #[error("the user could not be read: {0}")]
    Store(#[from] StoreError),
    #[error("Cognito: {0}")]
    Cognito(#[from] CognitoError),
}

/// The facts a sign-in step may pass along (`ClientMetadata`), and the only values accepted
/// for them: the record never carries free text from a client.
const DETAILS: &[(&str, &[&str])] = &[("mfa", &["totp"])];

/// How many times a record that changed under us is read again before the sign-in fails.
const ATTEMPTS: usize = 3;

pub async fn handler(
    deps: &TriggerDeps,
    event: LambdaEvent<CognitoEventUserPoolsPreTokenGen>,
) -> Result<CognitoEventUserPoolsPreTokenGen, TriggerError> {
    let (mut event, context) = event.into_parts();
    let header = &event.cognito_event_user_pools_header;
    let source = header.trigger_source.clone().unwrap_or_default();
    let pool_id = header.user_pool_id.clone().unwrap_or_default();
    let user_name = header.user_name.clone().unwrap_or_default();
    let attributes = &event.request.user_attributes;
    let sub = attributes
        .get("sub")
        .filter(|s| is_safe_id(s))
        .cloned()
        .ok_or(TriggerError::NoSub)?;
    let request_id = context.request_id.as_str();
    let hosted = source == Source::HostedAuth;

    let company = match deps.store.company_of_user(&sub).await? {
        Some(company) => company,
        None if hosted => {
            create_federated(&deps.store, &sub, &user_name, attributes, request_id).await?
        }
        None => return Err(TriggerError::NoCompany),
    };
    refuse_what_sso_forbids(&deps.store, &company, &sub, &source).await?;
    let pool_user = deps
        .pool
        .user_in_pool(&pool_id, &user_name)
        .await?
        .ok_or(TriggerError::NotInPool)?;
    // At a hosted-UI sign-in through the company's own provider, the IdP's groups decide the
    // roles (when the company maps groups at all).
    let group_roles = if hosted {
        let roles = roles_from_groups(&deps.store, &company, &user_name, attributes).await?;
        // As the pool holds the user now (the event's copy may list groups the pool no
        // longer has; deleting an attribute a user lacks is an error).
        if pool_user.attributes.contains_key(IDP_GROUPS_ATTRIBUTE) {
            deps.pool.forget_idp_groups(&pool_id, &user_name).await?;
        }
        roles
    } else {
        None
    };
    let record = synced_record(
        &deps.store,
        &company,
        &sub,
        pool_user.totp_enrolled,
        group_roles,
        request_id,
    )
    .await?;

    let event_audit = if source == Source::RefreshTokens {
        AuditEvent::token_refresh(&sub, request_id, Map::new())
    } else {
        AuditEvent::login(
            &sub,
            request_id,
            login_details(hosted, &event.request.client_metadata),
        )
    };
    deps.store.append_login(&company, event_audit).await?;

    let mut claims = ClaimsOverrideDetails::default();
    claims.claims_to_add_or_override = [
        (CLAIM_COMPANY.to_owned(), company),
        (CLAIM_ROLES.to_owned(), roles_claim(&record.roles)),
        (
            CLAIM_MFA_ENROLLED.to_owned(),
            pool_user.totp_enrolled.to_string(),
        ),
    ]
    .into_iter()
    .collect();
    // The groups are an input of the roles, not something a token should carry (and a long
    // list would bloat every request).
    claims.claims_to_suppress = vec![IDP_GROUPS_ATTRIBUTE.to_owned()];
    event.response.claims_override_details = Some(claims);
    Ok(event)
}

/// The company's SSO rules at every token, not only at the first sign-in: a federated user
/// signs in through the IdP only while federation runs and their address is in the company's
/// domains (an expired module or a released domain ends it, though Cognito still offers the
/// provider); a password user's refresh is refused while the company requires SSO for all, so
/// a refresh token from before the switch does not outlive it.
async fn refuse_what_sso_forbids(
    store: &Store,
    company: &str,
    sub: &str,
    source: &Source,
) -> Result<(), TriggerError> {
    let hosted = *source == Source::HostedAuth;
    let refresh = *source == Source::RefreshTokens;
    if !hosted && !refresh {
        // Password sign-ins: the pre-authentication trigger has applied require-for-all.
        return Ok(());
    }
    let Some(record) = store.user(company, sub).await? else {
        return Err(TriggerError::NoRecord);
    };
    let sso = store.sso(company).await?;
    let now = chrono::Utc::now();
    if record.federated && (hosted || refresh) {
        // An erased person's record has no address (and is inactive): nothing is admitted.
        federated_sign_in_allowed(&sso, record.email.as_deref().unwrap_or_default(), now)?;
    } else if refresh && sso.passwords_refused(now) {
        return Err(TriggerError::SsoRequired);
    }
    Ok(())
}

/// `method` (how the user proved who they are) and the allowed facts of the client metadata.
fn login_details(hosted: bool, metadata: &HashMap<String, String>) -> Map<String, Value> {
    let mut details: Map<String, Value> = DETAILS
        .iter()
        .filter_map(|(key, allowed)| {
            let value = metadata.get(*key)?;
            allowed
                .contains(&value.as_str())
                .then(|| ((*key).to_owned(), Value::from(value.as_str())))
        })
        .collect();
    let method = if hosted {
        "federated"
    } else if details.contains_key("mfa") {
        "totp"
    } else {
        "password"
    };
    details.insert("method".into(), Value::from(method));
    details
}

/// The roles the IdP groups give, when the user came through this company's provider and the
/// company maps groups; `None` leaves the record's roles as they are.
async fn roles_from_groups(
    store: &Store,
    company: &str,
    user_name: &str,
    attributes: &HashMap<String, String>,
) -> Result<Option<Vec<Role>>, TriggerError> {
    let Some(provider) = provider_of_username(user_name) else {
        return Ok(None);
    };
    if store.company_of_provider(provider).await?.as_deref() != Some(company) {
        return Ok(None);
    }
    let sso = store.sso(company).await?;
    if sso.group_roles.is_empty() {
        return Ok(None);
    }
    let groups = idp_groups(
        attributes
            .get(IDP_GROUPS_ATTRIBUTE)
            .map_or("", String::as_str),
    );
    Ok(Some(federated_roles(&sso, &groups)))
}

/// The user's active record, with `mfa_enrolled` (and, from the IdP's groups, the roles)
/// brought up to date and the change committed (audited as the system's).
async fn synced_record(
    store: &Store,
    company: &str,
    sub: &str,
    totp_enrolled: bool,
    group_roles: Option<Vec<Role>>,
    request_id: &str,
) -> Result<UserRecord, TriggerError> {
    for _ in 0..ATTEMPTS {
        let record = store
            .user(company, sub)
            .await?
            .ok_or(TriggerError::NoRecord)?;
        if !record.active {
            return Err(TriggerError::Inactive);
        }
        let mut synced = record.clone();
        synced.mfa_enrolled = totp_enrolled;
        // Only a federated user's roles follow the IdP: an invited user keeps what an admin set.
        if let Some(roles) = group_roles.as_ref().filter(|_| record.federated) {
            synced.roles = roles.clone();
        }
        if synced == record {
            return Ok(record);
        }
        let mut details = Map::new();
        if synced.mfa_enrolled != record.mfa_enrolled {
            details.insert("mfaEnrolled".into(), Value::from(synced.mfa_enrolled));
        }
        if synced.roles != record.roles {
            details.insert("roles".into(), Value::from(roles_claim(&synced.roles)));
            details.insert("source".into(), Value::from("idp_groups"));
        }
        let update = store.user_update(company, &synced, record.version)?;
        match store
            .commit(
                company,
                vec![update],
                AuditEvent::user_synced_at_sign_in(sub, request_id, details),
                None,
            )
            .await
        {
            Ok(_) => return Ok(synced),
            // Changed in between (an admin, a parallel sign-in): read it again.
            Err(CommitError::Conflict) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(TriggerError::Contended)
}

/// Creates the record (and the `sub` pointer) of a federated user signing in for the first
/// time, in the company that owns their identity provider, if the company admits them.
/// Returns the company.
async fn create_federated(
    store: &Store,
    sub: &str,
    user_name: &str,
    attributes: &HashMap<String, String>,
    request_id: &str,
) -> Result<String, TriggerError> {
    let provider = provider_of_username(user_name).ok_or(TriggerError::NoCompany)?;
    let company = store
        .company_of_provider(provider)
        .await?
        .ok_or(TriggerError::NoCompany)?;
    let sso = store.sso(&company).await?;
    let email = attributes.get("email").map_or("", String::as_str);
    let now = chrono::Utc::now();
    admit_federated(&sso, email, now)?;
    let groups = idp_groups(
        attributes
            .get(IDP_GROUPS_ATTRIBUTE)
            .map_or("", String::as_str),
    );
    let record = UserRecord {
        id: sub.to_owned(),
        email: Some(email.to_ascii_lowercase()),
        roles: federated_roles(&sso, &groups),
        locale: attributes
            .get("locale")
            .and_then(|l| Lang::from_code(l))
            .unwrap_or_default()
            .code()
            .to_owned(),
        active: true,
        federated: true,
        mfa_enrolled: false,
        created_at: mypages::aws::timestamp(now),
        erased: false,
        erased_at: None,
        version: 1,
    };
    let mut details = Map::new();
    details.insert("roles".into(), Value::from(roles_claim(&record.roles)));
    details.insert("provider".into(), Value::from(provider));
    let created = store
        .commit(
            &company,
            store.user_create(&company, &record)?,
            AuditEvent::federated_user_created(sub, request_id, details),
            None,
        )
        .await;
    match created {
        Ok(_) => Ok(company),
        // A parallel first sign-in created it a moment ago.
        Err(CommitError::Conflict) => Ok(company),
        Err(error) => Err(error.into()),
    }
}
