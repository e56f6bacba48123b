//! Company erasure (API.md "Data lifecycle"): the request an admin sends, the grace period,
//! the states of the operators' ledger, and the certificate the erasure ends with. Pure: the
//! runner in `aws::erasure` does the deleting and signs what this module builds.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

use super::audit::canonical_json;
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

/// The grace period when the template sets none (`ErasureGraceDays`).
pub const DEFAULT_GRACE_DAYS: u32 = 30;
/// A grace period longer than a year is no grace period but a second contract.
pub const MAX_GRACE_DAYS: u32 = 365;
const REASON_MAX: usize = 1000;
/// A company name is at most 200 characters (`mypages-cli company create`).
const CONFIRM_MAX: usize = 200;

/// DynamoDB's point-in-time recovery window: 35 days unless `RecoveryPeriodInDays` says
/// otherwise, and template.yaml sets no shorter one.
pub const POINT_IN_TIME_RECOVERY_DAYS: i64 = 35;
/// template.yaml `BackupPlan`: every backup (and its copy in the second region) is deleted
/// this many days after it was taken (`DeleteAfterDays`).
pub const BACKUP_RETENTION_DAYS: i64 = 180;
/// template.yaml `AuditArchiveRetentionYears`' default.
pub const DEFAULT_ARCHIVE_RETENTION_YEARS: u32 = 7;

/// The certificate's algorithm: the checkpoint key's (ECDSA P-256 over SHA-256), over the
/// RFC 8785 form of the certificate.
pub const CERTIFICATE_ALGORITHM: &str = "ECDSA_SHA_256";

/// Why the archive keeps the company's audit records after the erasure.
pub const ARCHIVE_STATEMENT: &str = "The audit archive (S3 Object Lock, compliance mode) keeps \
    the company's audit records and signed checkpoints until auditArchiveRetainedUntil: they \
    are accounting evidence, which Swedish bookkeeping law (Bokföringslagen 7 kap.) requires to \
    be kept for seven years. They are pseudonymous: users appear only as their random user ids, \
    whose accounts and names this erasure deleted.";

/// A parsed `POST /company/erasure`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureRequest {
    pub reason: String,
}

/// Reads `{confirm, reason}`. `confirm` must be the company's name as stored; surrounding
/// white space is ignored (every text field of the API is trimmed), case and everything else
/// count, so a name typed from memory with another spelling is refused.
pub fn parse_request(body: &Value, company_name: &str) -> Result<ErasureRequest, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["confirm", "reason"], &mut errors);
    let confirm = obj.string("confirm", CONFIRM_MAX, &mut errors);
    let reason = obj.string("reason", REASON_MAX, &mut errors);
    if let Some(confirm) = &confirm
        && confirm != company_name.trim()
    {
        errors.push("confirm", FieldErrorKind::ConfirmationMismatch);
    }
    match reason {
        Some(reason) if errors.is_empty() => Ok(ErasureRequest { reason }),
        _ => Err(errors.list),
    }
}

/// Reads `DELETE /company/erasure`'s body: `{reason?}`. API.md names no body for the cancel,
/// so an absent body (the handler reads it as `{}`) cancels without a reason; a reason given
/// is kept in the audit record.
pub fn parse_cancellation(body: &Value) -> Result<Option<String>, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["reason"], &mut errors);
    let reason = obj.optional_string("reason", REASON_MAX, &mut errors);
    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(errors.list)
    }
}

/// When an erasure requested at `requested_at` runs: `grace_days` later, to the millisecond.
pub fn scheduled_for(requested_at: DateTime<Utc>, grace_days: u32) -> DateTime<Utc> {
    requested_at + Duration::days(i64::from(grace_days))
}

/// Where the operators' ledger row of an erasure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LedgerState {
    /// Waiting for `scheduledFor`; the company's admins may still cancel it.
    Scheduled,
    /// Started: it can no longer be cancelled, and every run continues it until it completes.
    Running,
    Completed,
}

impl LedgerState {
    pub fn as_str(self) -> &'static str {
        match self {
            LedgerState::Scheduled => "scheduled",
            LedgerState::Running => "running",
            LedgerState::Completed => "completed",
        }
    }

    pub fn parse(text: &str) -> Option<LedgerState> {
        match text {
            "scheduled" => Some(LedgerState::Scheduled),
            "running" => Some(LedgerState::Running),
            "completed" => Some(LedgerState::Completed),
            _ => None,
        }
    }

    /// Whether a run at `now` should work on an erasure in this state scheduled for
    /// `scheduled_for`: a due scheduled one, and every running one (it died half-way).
    pub fn is_due(self, scheduled_for: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        match self {
            LedgerState::Scheduled => scheduled_for <= now,
            LedgerState::Running => true,
            LedgerState::Completed => false,
        }
    }
}

/// What the erasure deleted, counted as it went (the ledger keeps the counts between runs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    /// DataTable items: the company's partition and its pointer items outside it.
    pub data_items: u64,
    /// AuditTable items: the records of both chains, their heads and the refusal counters.
    pub audit_records: u64,
    /// Object versions and delete markers under `t/<co>/`, by bucket kind.
    pub objects: BTreeMap<String, u64>,
    pub users: u64,
    pub identity_providers: u64,
}

/// One check that nothing of the company remains: what was looked at, where, and how much
/// was found (a certificate is only written when every `remaining` is 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub what: String,
    /// The partition key, prefix or pool the check read.
    pub scope: String,
    pub remaining: u64,
}

/// Until when copies of the erased data may still exist outside the live tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backups {
    /// DynamoDB can restore the tables to any second of the last 35 days.
    pub point_in_time_recovery_until: String,
    /// The last AWS Backup recovery point taken before the erasure is deleted by then.
    pub backups_expire_by: String,
    /// Object Lock keeps the pseudonymous audit records until then.
    pub audit_archive_retained_until: String,
}

impl Backups {
    /// The windows after an erasure completed at `completed_at`, with the archive's
    /// retention in years.
    pub fn after(completed_at: DateTime<Utc>, archive_years: u32) -> Backups {
        let stamp = |at: DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let archive_until = completed_at
            .checked_add_months(Months::new(archive_years.saturating_mul(12)))
            .unwrap_or(completed_at);
        Backups {
            point_in_time_recovery_until: stamp(
                completed_at + Duration::days(POINT_IN_TIME_RECOVERY_DAYS),
            ),
            backups_expire_by: stamp(completed_at + Duration::days(BACKUP_RETENTION_DAYS)),
            audit_archive_retained_until: stamp(archive_until),
        }
    }
}

/// The erasure certificate: what was deleted, the checks that nothing remains, and until
/// when backups and the archive still hold copies. Signed over [`Certificate::signing_payload`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub company_id: String,
    pub scheduled_for: String,
    pub started_at: String,
    pub completed_at: String,
    /// The admin who scheduled it (their pseudonymous user id).
    pub requested_by: String,
    /// Who started it: `schedule` for the hourly run, else the operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    pub deleted: Deleted,
    pub checks: Vec<Check>,
    pub backups: Backups,
    pub archive: String,
}

impl Certificate {
    /// Whether every check found nothing: only then may a certificate be written.
    pub fn nothing_remains(checks: &[Check]) -> bool {
        checks.iter().all(|c| c.remaining == 0)
    }

    /// The bytes signed: the RFC 8785 form of the certificate, so anyone re-serialises it
    /// the same way to verify.
    pub fn signing_payload(&self) -> Vec<u8> {
        canonical_json(&serde_json::to_value(self).unwrap_or_default()).into_bytes()
    }
}

/// The certificate as stored in the archive and sent to the admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedCertificate {
    pub certificate: Certificate,
    /// Base64 of the DER ECDSA signature over [`Certificate::signing_payload`].
    pub signature: String,
    pub algorithm: String,
    /// The signing key's ARN.
    pub key_id: String,
}

/// The plain-text mails to the admins (English: the admins' languages are gone with their
/// accounts by the time the last one is sent; the certificate is language-neutral JSON).
pub fn scheduled_mail(company_name: &str, scheduled_for: &str) -> (String, String) {
    (
        format!("Erasure of {company_name} scheduled for {scheduled_for}"),
        format!(
            "An administrator of {company_name} asked My Pages to erase all of the company's \
             data. The erasure runs at {scheduled_for} (UTC). Until then any administrator can \
             cancel it (DELETE /company/erasure, or Company settings in the app). Export the \
             data first if you need it (POST /company/exports).\n"
        ),
    )
}

pub fn cancelled_mail(company_name: &str) -> (String, String) {
    (
        format!("Erasure of {company_name} cancelled"),
        format!(
            "The scheduled erasure of {company_name}'s data was cancelled by an administrator. \
             Nothing was deleted.\n"
        ),
    )
}

pub fn completed_mail(company_name: &str, signed: &SignedCertificate) -> (String, String) {
    let certificate = serde_json::to_string_pretty(signed).unwrap_or_default();
    (
        format!("Erasure of {company_name} completed"),
        format!(
            "All of {company_name}'s data in My Pages was erased at {}. The signed erasure \
             certificate follows; it is also kept in our audit archive. Verify its signature \
             with the public key of our audit checkpoints over the RFC 8785 form of \
             \"certificate\".\n\n{certificate}\n",
            signed.certificate.completed_at
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn the_confirmation_must_be_the_company_name() {
        let ok = parse_request(
            &json!({"confirm": " Acme AB ", "reason": "leaving"}),
            "Acme AB",
        );
        assert_eq!(
            ok,
            Ok(ErasureRequest {
                reason: "leaving".into()
            })
        );
        let wrong = parse_request(&json!({"confirm": "acme ab", "reason": "x"}), "Acme AB")
            .expect_err("another spelling");
        assert_eq!(wrong[0].field, "confirm");
        assert_eq!(wrong[0].kind, FieldErrorKind::ConfirmationMismatch);
        assert!(!wrong[0].kind.is_shape());
        let unknown = parse_request(
            &json!({"confirm": "Acme AB", "reason": "x", "now": true}),
            "Acme AB",
        )
        .expect_err("unknown field");
        assert!(unknown.iter().any(|e| e.kind.is_shape()));
        assert!(parse_request(&json!({"confirm": "Acme AB"}), "Acme AB").is_err());
    }

    #[test]
    fn the_grace_period_is_whole_days_after_the_request() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
            .single()
            .expect("a valid date");
        let due = scheduled_for(at, 30);
        assert_eq!(due.to_rfc3339(), "2026-03-31T10:00:00+00:00");
    }

    #[test]
    fn running_erasures_are_always_due_and_completed_ones_never() {
        let now = Utc::now();
        let later = now + Duration::days(1);
        assert!(LedgerState::Scheduled.is_due(now, now));
        assert!(!LedgerState::Scheduled.is_due(later, now));
        assert!(LedgerState::Running.is_due(later, now));
        assert!(!LedgerState::Completed.is_due(now, now));
        for state in [
            LedgerState::Scheduled,
            LedgerState::Running,
            LedgerState::Completed,
        ] {
            assert_eq!(LedgerState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn the_windows_follow_the_completion() {
        let at = Utc
            .with_ymd_and_hms(2026, 1, 31, 0, 0, 0)
            .single()
            .expect("a valid date");
        let backups = Backups::after(at, 7);
        assert_eq!(
            backups.point_in_time_recovery_until,
            "2026-03-07T00:00:00.000Z"
        );
        assert_eq!(backups.backups_expire_by, "2026-07-30T00:00:00.000Z");
        assert_eq!(
            backups.audit_archive_retained_until,
            "2033-01-31T00:00:00.000Z"
        );
    }

    #[test]
    fn the_signed_bytes_are_the_canonical_form() {
        let certificate = Certificate {
            company_id: "co".into(),
            scheduled_for: "a".into(),
            started_at: "b".into(),
            completed_at: "c".into(),
            requested_by: "u".into(),
            operator: None,
            deleted: Deleted::default(),
            checks: vec![Check {
                what: "x".into(),
                scope: "y".into(),
                remaining: 0,
            }],
            backups: Backups::after(Utc::now(), 7),
            archive: ARCHIVE_STATEMENT.into(),
        };
        let payload = String::from_utf8(certificate.signing_payload()).expect("UTF-8");
        assert!(payload.starts_with("{\"archive\":"));
        assert!(!payload.contains("operator"));
        assert!(Certificate::nothing_remains(&certificate.checks));
        let mut left = certificate.checks.clone();
        left.push(Check {
            what: "z".into(),
            scope: "w".into(),
            remaining: 1,
        });
        assert!(!Certificate::nothing_remains(&left));
    }

    /// template.yaml's backup plan deletes backups after the days the certificate names.
    #[test]
    fn the_backup_window_is_the_templates() {
        let template = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"));
        let plan: Vec<&str> = template
            .lines()
            .skip_while(|line| *line != "  BackupPlan:")
            .take_while(|line| !line.starts_with("  BackupRole:"))
            .filter(|line| line.trim_start().starts_with("DeleteAfterDays:"))
            .collect();
        assert!(!plan.is_empty(), "BackupPlan has DeleteAfterDays");
        for line in plan {
            assert_eq!(
                line.trim(),
                format!("DeleteAfterDays: {BACKUP_RETENTION_DAYS}")
            );
        }
        assert!(
            !template.contains("RecoveryPeriodInDays"),
            "a PITR window other than 35 days must be named in the certificate"
        );
    }

    #[test]
    fn a_cancellation_needs_no_reason_but_takes_one_and_refuses_anything_else() {
        assert_eq!(parse_cancellation(&serde_json::json!({})), Ok(None));
        assert_eq!(
            parse_cancellation(&serde_json::json!({"reason": " renewed "})),
            Ok(Some("renewed".to_owned()))
        );
        assert!(parse_cancellation(&serde_json::json!({"reason": 1})).is_err());
        assert!(parse_cancellation(&serde_json::json!({"confirm": "x"})).is_err());
        assert!(parse_cancellation(&serde_json::json!([])).is_err());
    }
}
