//! Typed configuration, read once at cold start.

use thiserror::Error;

#[derive(Debug, Error)]
#[error("configuration: environment variable {name} {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: &'static str,
}

/// What every function needs to find its resources. Set by template.yaml in AWS and by the
/// local stack in development.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATA_TABLE`: the single tenant data table.
    pub data_table: String,
    /// `AUDIT_TABLE`: the hash-chained audit log.
    pub audit_table: String,
    /// `USER_POOL_ID`: the Cognito user pool.
    pub user_pool_id: String,
    /// `USER_POOL_CLIENT_ID`: the app client users log in through.
    pub user_pool_client_id: String,
    /// The login functions' secrets (Secrets Manager ids); only they have them.
    pub auth_secrets: Option<AuthSecretIds>,
    /// The audit archive and checkpoint key (`AUDIT_ARCHIVE_BUCKET`, `AUDIT_SIGNING_KEY_ID`);
    /// only `audit-archive` and `audit-verify` have them.
    pub audit_archive: Option<AuditArchiveIds>,
    /// How long a refused login takes at least (`LOGIN_REFUSAL_FLOOR_MS`), so a known user's
    /// refusal (which looks the user up and writes an audit record) takes as long as an
    /// unknown one's.
    pub login_refusal_floor: std::time::Duration,
    /// The hosted UI and where it returns to (`HOSTED_UI_URL`, `SSO_CALLBACK_URL`); only the
    /// SSO functions have them.
    pub hosted_ui: Option<HostedUiUrls>,
    /// The documents bucket and the OCR pipeline (`DOCUMENTS_BUCKET` and the rest of
    /// [`DocumentsIds`]), where the function has them.
    pub documents: Option<DocumentsIds>,
    /// The rates table (`RATES_TABLE`), where the function reads or imports rates.
    pub rates_table: Option<String>,
    /// The reports bucket and queue (`REPORTS_BUCKET` and the rest of [`ReportsIds`]), where
    /// the function has them.
    pub reports: Option<ReportsIds>,
    /// Company erasure (`ERASURE_GRACE_DAYS`, `MAIL_SENDER`, `EXPORTS_BUCKET`,
    /// `AUDIT_ARCHIVE_RETENTION_YEARS`); defaults where unset.
    pub erasure: ErasureIds,
    /// The exports bucket and queue (`EXPORTS_BUCKET` and the rest of [`ExportsIds`]), where
    /// the function has them.
    pub exports: Option<ExportsIds>,
    /// What the web app's server adds to the files (`UPLOAD_ORIGIN`, `IDLE_SIGN_OUT_MINUTES`);
    /// only the `web` function has them.
    pub web: Option<WebSettings>,
}

/// What the company erasure functions read beyond the tables, the pool and the buckets the
/// other settings name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureIds {
    /// `ERASURE_GRACE_DAYS` (template `ErasureGraceDays`): days from the request to the run.
    pub grace_days: u32,
    /// `MAIL_SENDER`: the SES identity the admins' mails come from; no mail without it.
    pub mail_sender: Option<String>,
    /// `EXPORTS_BUCKET`: the company exports, erased with the other buckets when set.
    pub exports_bucket: Option<String>,
    /// `AUDIT_ARCHIVE_RETENTION_YEARS` (template `AuditArchiveRetentionYears`): named in the
    /// certificate as the archive's retention.
    pub archive_retention_years: u32,
}

impl Default for ErasureIds {
    fn default() -> ErasureIds {
        ErasureIds {
            grace_days: crate::domain::erasure::DEFAULT_GRACE_DAYS,
            mail_sender: None,
            exports_bucket: None,
            archive_retention_years: crate::domain::erasure::DEFAULT_ARCHIVE_RETENTION_YEARS,
        }
    }
}

impl ErasureIds {
    pub fn from_env() -> Result<ErasureIds, ConfigError> {
        ErasureIds::from_lookup(optional)
    }

    /// The settings `lookup` gives (unset or blank: the default).
    pub fn from_lookup(
        lookup: impl Fn(&'static str) -> Option<String>,
    ) -> Result<ErasureIds, ConfigError> {
        let defaults = ErasureIds::default();
        let whole = |name: &'static str, default: u32, max: u32| -> Result<u32, ConfigError> {
            match lookup(name).filter(|v| !v.trim().is_empty()) {
                None => Ok(default),
                Some(text) => text
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or(ConfigError {
                        name,
                        problem: "is not a whole number in its range",
                    }),
            }
        };
        Ok(ErasureIds {
            grace_days: whole(
                "ERASURE_GRACE_DAYS",
                defaults.grace_days,
                crate::domain::erasure::MAX_GRACE_DAYS,
            )?,
            mail_sender: lookup("MAIL_SENDER").filter(|v| !v.trim().is_empty()),
            exports_bucket: lookup("EXPORTS_BUCKET").filter(|v| !v.trim().is_empty()),
            archive_retention_years: whole(
                "AUDIT_ARCHIVE_RETENTION_YEARS",
                defaults.archive_retention_years,
                100,
            )?,
        })
    }
}

/// Where company exports go (issue 11: `POST /company/exports`, `company-export-build`).
#[derive(Debug, Clone)]
pub struct ExportsIds {
    /// `EXPORTS_BUCKET`: the export zips, `t/<co>/exports/<id>/<file name>`.
    pub exports_bucket: String,
    /// `EXPORTS_QUEUE_URL`: where `company-exports-create` queues an export for
    /// `company-export-build`.
    pub exports_queue_url: Option<String>,
    /// `EXPORTS_MAX_RECEIVES`: the queue's `maxReceiveCount`; on that delivery the builder
    /// fails the export rather than leave it unfinished.
    pub max_receives: u32,
    /// `EXPORT_RETENTION_DAYS`: the bucket's expiry (template parameter
    /// `ExportRetentionDays`); an export finished longer ago is gone (410).
    pub retention_days: u32,
}

/// template.yaml `ExportsQueue`'s `maxReceiveCount`.
pub const DEFAULT_EXPORTS_MAX_RECEIVES: u32 = 3;
/// template.yaml parameter `ExportRetentionDays`'s default.
pub const DEFAULT_EXPORT_RETENTION_DAYS: u32 = 7;

impl ExportsIds {
    /// `None` without `EXPORTS_BUCKET` (a function that never touches exports).
    pub fn from_env() -> Result<Option<ExportsIds>, ConfigError> {
        ExportsIds::from_lookup(optional)
    }

    pub fn from_lookup(
        lookup: impl Fn(&'static str) -> Option<String>,
    ) -> Result<Option<ExportsIds>, ConfigError> {
        let Some(exports_bucket) = lookup("EXPORTS_BUCKET") else {
            return Ok(None);
        };
        let whole = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            match lookup(name).filter(|v| !v.trim().is_empty()) {
                None => Ok(default),
                Some(text) => {
                    text.trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or(ConfigError {
                            name,
                            problem: "is not a whole number above zero",
                        })
                }
            }
        };
        Ok(Some(ExportsIds {
            exports_bucket,
            exports_queue_url: lookup("EXPORTS_QUEUE_URL").filter(|v| !v.trim().is_empty()),
            max_receives: whole("EXPORTS_MAX_RECEIVES", DEFAULT_EXPORTS_MAX_RECEIVES)?,
            retention_days: whole("EXPORT_RETENTION_DAYS", DEFAULT_EXPORT_RETENTION_DAYS)?,
        }))
    }
}

#[cfg(test)]
mod erasure_ids_tests {
    use super::*;

    #[test]
    fn the_grace_period_defaults_and_is_checked() {
        let ids = ErasureIds::from_lookup(|_| None).expect("defaults");
        assert_eq!(ids, ErasureIds::default());
        assert_eq!(ids.grace_days, 30);
        let ids =
            ErasureIds::from_lookup(|name| (name == "ERASURE_GRACE_DAYS").then(|| "7".into()))
                .expect("valid");
        assert_eq!(ids.grace_days, 7);
        for bad in ["0", "366", "x"] {
            let error = ErasureIds::from_lookup(|name| {
                (name == "ERASURE_GRACE_DAYS").then(|| bad.to_owned())
            })
            .expect_err("refused");
            assert_eq!(error.name, "ERASURE_GRACE_DAYS");
        }
    }

    /// template.yaml's `ErasureGraceDays` defaults to the code's default.
    #[test]
    fn the_templates_grace_period_is_the_default() {
        let template = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"));
        let parameter: Vec<&str> = template
            .lines()
            .skip_while(|line| *line != "  ErasureGraceDays:")
            .take(4)
            .collect();
        assert!(
            parameter.contains(
                &format!(
                    "    Default: {}",
                    crate::domain::erasure::DEFAULT_GRACE_DAYS
                )
                .as_str()
            ),
            "ErasureGraceDays defaults to {}",
            crate::domain::erasure::DEFAULT_GRACE_DAYS
        );
    }
}

#[cfg(test)]
mod exports_ids_tests {
    use super::*;

    #[test]
    fn the_receives_and_retention_default_and_are_checked() {
        assert!(
            ExportsIds::from_lookup(|_| None)
                .expect("no bucket")
                .is_none()
        );
        let ids = ExportsIds::from_lookup(|name| match name {
            "EXPORTS_BUCKET" => Some("b".to_owned()),
            "EXPORT_RETENTION_DAYS" => Some("3".to_owned()),
            _ => None,
        })
        .expect("valid")
        .expect("configured");
        assert_eq!(ids.retention_days, 3);
        assert_eq!(ids.max_receives, DEFAULT_EXPORTS_MAX_RECEIVES);
        let error = ExportsIds::from_lookup(|name| match name {
            "EXPORTS_BUCKET" => Some("b".to_owned()),
            "EXPORT_RETENTION_DAYS" => Some("0".to_owned()),
            _ => None,
        })
        .expect_err("zero days");
        assert_eq!(error.name, "EXPORT_RETENTION_DAYS");
    }

    #[test]
    fn the_templates_redrive_and_retention_are_the_defaults() {
        let template = include_str!("../../template.yaml");
        let queue: String = template
            .lines()
            .skip_while(|line| *line != "  ExportsQueue:")
            .take_while(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            queue.contains(&format!("maxReceiveCount: {DEFAULT_EXPORTS_MAX_RECEIVES}")),
            "ExportsQueue must redrive after {DEFAULT_EXPORTS_MAX_RECEIVES} receives"
        );
        let parameter: String = template
            .lines()
            .skip_while(|line| *line != "  ExportRetentionDays:")
            .take(6)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            parameter.contains(&format!("Default: {DEFAULT_EXPORT_RETENTION_DAYS}")),
            "ExportRetentionDays must default to {DEFAULT_EXPORT_RETENTION_DAYS}"
        );
    }
}

/// Where report files go and how large reports are computed (DESIGN.md §11).
#[derive(Debug, Clone)]
pub struct ReportsIds {
    /// `REPORTS_BUCKET`: the report files, `t/<co>/reports/<id>/<file name>`.
    pub reports_bucket: String,
    /// `REPORTS_QUEUE_URL`: where `reports-create` queues a report too large to compute in
    /// the request (only that function sends to it).
    pub reports_queue_url: Option<String>,
    /// `REPORTS_INLINE_MAX_CONTRACTS`: a portfolio of at most this many contracts is computed
    /// in the request; a larger one is queued.
    pub inline_max_contracts: usize,
    /// `REPORTS_MAX_RECEIVES`: the queue's `maxReceiveCount`; the delivery that reaches it is
    /// the last, after which `reports-generate` fails the report rather than leave it pending.
    pub max_receives: u32,
    /// `REPORT_RETENTION_DAYS` (the template's `ReportRetentionDays`, also the reports
    /// bucket's expiry): a report finished longer ago has no file any more (410).
    pub report_retention_days: i64,
}

/// The portfolio size computed in the request by default: measured so that the request
/// stays well inside API Gateway's 29 s (the lead sets the final number from the bench).
pub const DEFAULT_REPORTS_INLINE_MAX_CONTRACTS: usize = 200;
/// template.yaml `ReportsQueue`'s `maxReceiveCount`.
pub const DEFAULT_REPORTS_MAX_RECEIVES: u32 = 5;

impl ReportsIds {
    /// `None` without `REPORTS_BUCKET` (a function that never touches reports).
    pub fn from_env() -> Result<Option<ReportsIds>, ConfigError> {
        ReportsIds::from_lookup(optional)
    }

    /// The settings `lookup` gives (unset or blank: the default).
    pub fn from_lookup(
        lookup: impl Fn(&'static str) -> Option<String>,
    ) -> Result<Option<ReportsIds>, ConfigError> {
        let Some(reports_bucket) = lookup("REPORTS_BUCKET") else {
            return Ok(None);
        };
        let whole = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
            match lookup(name).filter(|v| !v.trim().is_empty()) {
                None => Ok(default),
                Some(text) => {
                    text.trim()
                        .parse::<u64>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or(ConfigError {
                            name,
                            problem: "is not a whole number above zero",
                        })
                }
            }
        };
        let inline_max_contracts = whole(
            "REPORTS_INLINE_MAX_CONTRACTS",
            DEFAULT_REPORTS_INLINE_MAX_CONTRACTS as u64,
        )?;
        let max_receives = whole(
            "REPORTS_MAX_RECEIVES",
            u64::from(DEFAULT_REPORTS_MAX_RECEIVES),
        )?;
        let report_retention_days = whole(
            "REPORT_RETENTION_DAYS",
            crate::domain::retention::DEFAULT_REPORT_RETENTION_DAYS.unsigned_abs(),
        )?;
        Ok(Some(ReportsIds {
            reports_bucket,
            reports_queue_url: lookup("REPORTS_QUEUE_URL").filter(|v| !v.trim().is_empty()),
            inline_max_contracts: usize::try_from(inline_max_contracts).unwrap_or(usize::MAX),
            max_receives: u32::try_from(max_receives).unwrap_or(u32::MAX),
            report_retention_days: i64::try_from(report_retention_days).unwrap_or(i64::MAX),
        }))
    }
}

#[cfg(test)]
mod reports_ids_tests {
    use super::*;

    #[test]
    fn the_threshold_and_receives_default_and_are_checked() {
        assert!(
            ReportsIds::from_lookup(|_| None)
                .expect("no bucket")
                .is_none()
        );
        let ids = ReportsIds::from_lookup(|name| match name {
            "REPORTS_BUCKET" => Some("b".to_owned()),
            "REPORTS_INLINE_MAX_CONTRACTS" => Some("5".to_owned()),
            _ => None,
        })
        .expect("valid")
        .expect("a bucket");
        assert_eq!(ids.reports_bucket, "b");
        assert_eq!(ids.inline_max_contracts, 5);
        assert_eq!(ids.max_receives, DEFAULT_REPORTS_MAX_RECEIVES);
        assert_eq!(ids.reports_queue_url, None);
        let error = ReportsIds::from_lookup(|name| match name {
            "REPORTS_BUCKET" => Some("b".to_owned()),
            "REPORTS_MAX_RECEIVES" => Some("0".to_owned()),
            _ => None,
        })
        .expect_err("refused");
        assert_eq!(error.name, "REPORTS_MAX_RECEIVES");
    }

    #[test]
    fn the_report_retention_is_the_default_unless_set() {
        let default = ReportsIds::from_lookup(|name| match name {
            "REPORTS_BUCKET" => Some("b".to_owned()),
            _ => None,
        })
        .expect("valid")
        .expect("configured");
        assert_eq!(
            default.report_retention_days,
            crate::domain::retention::DEFAULT_REPORT_RETENTION_DAYS
        );
        let set = ReportsIds::from_lookup(|name| match name {
            "REPORTS_BUCKET" => Some("b".to_owned()),
            "REPORT_RETENTION_DAYS" => Some("30".to_owned()),
            _ => None,
        })
        .expect("valid")
        .expect("configured");
        assert_eq!(set.report_retention_days, 30);
    }

    /// template.yaml's queue redrives after the receives the code counts to.
    #[test]
    fn the_templates_redrive_is_the_default() {
        let template = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"));
        let queue: String = template
            .lines()
            .skip_while(|line| *line != "  ReportsQueue:")
            .skip(1)
            .take_while(|line| line.is_empty() || line.starts_with("   "))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            queue.contains(&format!("maxReceiveCount: {DEFAULT_REPORTS_MAX_RECEIVES}")),
            "ReportsQueue must redrive after {DEFAULT_REPORTS_MAX_RECEIVES} receives"
        );
    }
}

/// Cognito's hosted UI (the user pool domain) and the app's callback URL for federated
/// sign-in.
#[derive(Debug, Clone)]
pub struct HostedUiUrls {
    /// `https://<prefix>.auth.<region>.amazoncognito.com`, no trailing slash.
    pub base_url: String,
    pub callback_url: String,
}

impl HostedUiUrls {
    /// Both variables, or neither (a function without SSO).
    pub fn from_env() -> Result<Option<HostedUiUrls>, ConfigError> {
        match optional("HOSTED_UI_URL") {
            None => Ok(None),
            Some(base_url) => Ok(Some(HostedUiUrls {
                base_url: base_url.trim_end_matches('/').to_owned(),
                callback_url: required("SSO_CALLBACK_URL")?,
            })),
        }
    }
}

/// `SESSION_KEY_SECRET_ID` (the HMAC key of MFA session wrappers) and
/// `USER_POOL_CLIENT_SECRET_ID` (the confidential app client's secret, for `SECRET_HASH`).
#[derive(Debug, Clone)]
pub struct AuthSecretIds {
    pub session_key: String,
    pub client_secret: String,
}

/// Where the audit archive is and which key signs its checkpoints.
#[derive(Debug, Clone)]
pub struct AuditArchiveIds {
    pub bucket: String,
    pub signing_key_id: String,
}

impl AuditArchiveIds {
    /// Both variables, or neither (a function without the archive).
    pub fn from_env() -> Result<Option<AuditArchiveIds>, ConfigError> {
        match optional("AUDIT_ARCHIVE_BUCKET") {
            None => Ok(None),
            Some(bucket) => Ok(Some(AuditArchiveIds {
                bucket,
                signing_key_id: required("AUDIT_SIGNING_KEY_ID")?,
            })),
        }
    }
}

/// Where documents live and how OCR reaches them (DESIGN.md §5).
#[derive(Debug, Clone)]
pub struct DocumentsIds {
    /// `DOCUMENTS_BUCKET`: originals and OCR results, in the stack's region. (Named after its
    /// variable: the IAM test follows fields by name, and `bucket` is the archive's too.)
    pub documents_bucket: String,
    /// `TEXTRACT_REGION` (default [`DEFAULT_TEXTRACT_REGION`]).
    pub textract_region: String,
    /// `OCR_STAGING_BUCKET`: the EU staging bucket in Textract's region (1-day expiry), used
    /// when that region is not the stack's.
    pub staging_bucket: Option<String>,
    /// `OCR_TOPIC_ARN` and `OCR_ROLE_ARN`: the SNS topic asynchronous jobs report to, and the
    /// role Textract publishes as (the functions that start jobs).
    pub completion: Option<(String, String)>,
}

/// Ireland: the EU region of Textract named in the sub-processor list.
pub const DEFAULT_TEXTRACT_REGION: &str = "eu-west-1";

impl DocumentsIds {
    /// `None` without `DOCUMENTS_BUCKET` (a function that never touches documents).
    pub fn from_env() -> Result<Option<DocumentsIds>, ConfigError> {
        let Some(documents_bucket) = optional("DOCUMENTS_BUCKET") else {
            return Ok(None);
        };
        Ok(Some(DocumentsIds {
            documents_bucket,
            textract_region: optional("TEXTRACT_REGION")
                .unwrap_or_else(|| DEFAULT_TEXTRACT_REGION.to_owned()),
            staging_bucket: optional("OCR_STAGING_BUCKET"),
            completion: match optional("OCR_TOPIC_ARN") {
                None => None,
                Some(topic) => Some((topic, required("OCR_ROLE_ARN")?)),
            },
        }))
    }
}

/// What the `web` function needs beside the app's files (template.yaml sets both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSettings {
    /// `UPLOAD_ORIGIN`: the origin the browser POSTs document files to (the documents bucket's
    /// `https://<bucket>.s3.<region>.amazonaws.com`; the emulator's origin locally), which the
    /// Content-Security-Policy's `connect-src` must allow.
    pub upload_origin: String,
    /// `IDLE_SIGN_OUT_MINUTES`: the app signs a user out after this long without input
    /// (1–1440, [`DEFAULT_IDLE_SIGN_OUT_MINUTES`] unless set).
    pub idle_sign_out_minutes: u32,
}

/// template.yaml's `IdleSignOutMinutes` default.
pub const DEFAULT_IDLE_SIGN_OUT_MINUTES: u32 = 30;

impl WebSettings {
    /// `None` without `UPLOAD_ORIGIN` (every function but `web`).
    pub fn from_env() -> Result<Option<WebSettings>, ConfigError> {
        let Some(upload_origin) = optional("UPLOAD_ORIGIN") else {
            return Ok(None);
        };
        Ok(Some(WebSettings {
            upload_origin: upload_origin.trim().trim_end_matches('/').to_owned(),
            idle_sign_out_minutes: WebSettings::idle_sign_out_minutes_from_env()?,
        }))
    }

    /// `IDLE_SIGN_OUT_MINUTES`, or [`DEFAULT_IDLE_SIGN_OUT_MINUTES`].
    pub fn idle_sign_out_minutes_from_env() -> Result<u32, ConfigError> {
        match optional("IDLE_SIGN_OUT_MINUTES") {
            None => Ok(DEFAULT_IDLE_SIGN_OUT_MINUTES),
            Some(text) => text
                .trim()
                .parse()
                .ok()
                .filter(|minutes| (1..=1440).contains(minutes))
                .ok_or(ConfigError {
                    name: "IDLE_SIGN_OUT_MINUTES",
                    problem: "is not a whole number of minutes from 1 to 1440",
                }),
        }
    }
}

/// Long enough to cover Cognito's answer, the user lookup and the audit write in AWS.
pub const DEFAULT_LOGIN_REFUSAL_FLOOR_MS: u64 = 600;

impl Config {
    /// Fails with the name of the first missing variable, so a broken deployment says why.
    pub fn from_env() -> Result<Config, ConfigError> {
        Ok(Config {
            data_table: required("DATA_TABLE")?,
            audit_table: required("AUDIT_TABLE")?,
            user_pool_id: required("USER_POOL_ID")?,
            user_pool_client_id: required("USER_POOL_CLIENT_ID")?,
            auth_secrets: match optional("SESSION_KEY_SECRET_ID") {
                None => None,
                Some(session_key) => Some(AuthSecretIds {
                    session_key,
                    client_secret: required("USER_POOL_CLIENT_SECRET_ID")?,
                }),
            },
            audit_archive: AuditArchiveIds::from_env()?,
            login_refusal_floor: Config::from_env_login_refusal_floor()?,
            hosted_ui: HostedUiUrls::from_env()?,
            documents: DocumentsIds::from_env()?,
            rates_table: optional("RATES_TABLE"),
            reports: ReportsIds::from_env()?,
            erasure: ErasureIds::from_env()?,
            exports: ExportsIds::from_env()?,
            web: WebSettings::from_env()?,
        })
    }

    /// `LOGIN_REFUSAL_FLOOR_MS`, or [`DEFAULT_LOGIN_REFUSAL_FLOOR_MS`].
    pub fn from_env_login_refusal_floor() -> Result<std::time::Duration, ConfigError> {
        let millis = match optional("LOGIN_REFUSAL_FLOOR_MS") {
            None => DEFAULT_LOGIN_REFUSAL_FLOOR_MS,
            Some(text) => text.parse().map_err(|_| ConfigError {
                name: "LOGIN_REFUSAL_FLOOR_MS",
                problem: "is not a whole number of milliseconds",
            })?,
        };
        Ok(std::time::Duration::from_millis(millis))
    }
}

/// A variable that may be unset; blank counts as unset.
fn optional(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A variable that must be set and not blank.
pub fn required(name: &'static str) -> Result<String, ConfigError> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        Ok(_) => Err(ConfigError {
            name,
            problem: "is empty",
        }),
        Err(_) => Err(ConfigError {
            name,
            problem: "is not set",
        }),
    }
}

/// What `rates-import` needs beyond the upstream URLs (`aws::rates_sources::UpstreamUrls`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatesImportSettings {
    pub rates_table: String,
    /// `RATES_BACKFILL_DAYS`: how far back each run fills missing days (1–90).
    pub backfill_days: u64,
    /// `RIKSBANK_KEY_PARAMETER`: the SSM SecureString with the SWEA subscription key, if any
    /// (SWEA answers without one, with a lower request quota).
    pub riksbank_key_parameter: Option<String>,
    /// `FIXER_KEY_PARAMETER`: the SSM SecureString with Fixer's access key; Fixer is imported
    /// only with a key and `MYPAGES_FIXER_URL`.
    pub fixer_key_parameter: Option<String>,
    /// What validation holds back; the bounds from `RATES_FX_MAX_JUMP` (relative, 0.20),
    /// `RATES_INTEREST_MAX_JUMP` (points, 2), `RATES_FX_MAX_REVISION` (relative, 0.01) and
    /// `RATES_INTEREST_MAX_REVISION` (points, 0.10).
    pub rules: crate::domain::rates::validation::Rules,
}

impl RatesImportSettings {
    pub fn rules_from_env() -> Result<crate::domain::rates::validation::Rules, ConfigError> {
        RatesImportSettings::rules_from_lookup(optional)
    }

    /// The rules with the bounds `lookup` gives (unset or blank: the default).
    pub fn rules_from_lookup(
        lookup: impl Fn(&'static str) -> Option<String>,
    ) -> Result<crate::domain::rates::validation::Rules, ConfigError> {
        let mut rules = crate::domain::rates::validation::Rules::default();
        for (name, bound) in [
            ("RATES_FX_MAX_JUMP", &mut rules.fx_max_jump),
            ("RATES_INTEREST_MAX_JUMP", &mut rules.interest_max_jump),
            ("RATES_FX_MAX_REVISION", &mut rules.fx_max_revision),
            (
                "RATES_INTEREST_MAX_REVISION",
                &mut rules.interest_max_revision,
            ),
        ] {
            if let Some(text) = lookup(name).filter(|v| !v.trim().is_empty()) {
                *bound = text
                    .trim()
                    .parse::<rust_decimal::Decimal>()
                    .ok()
                    .filter(|b| *b > rust_decimal::Decimal::ZERO)
                    .ok_or(ConfigError {
                        name,
                        problem: "is not a decimal above zero",
                    })?;
            }
        }
        Ok(rules)
    }

    pub fn from_env() -> Result<RatesImportSettings, ConfigError> {
        Ok(RatesImportSettings {
            rates_table: required("RATES_TABLE")?,
            backfill_days: RatesImportSettings::backfill_days_from_env()?,
            riksbank_key_parameter: optional("RIKSBANK_KEY_PARAMETER"),
            fixer_key_parameter: optional("FIXER_KEY_PARAMETER"),
            rules: RatesImportSettings::rules_from_env()?,
        })
    }

    /// `RATES_BACKFILL_DAYS`, or the default.
    pub fn backfill_days_from_env() -> Result<u64, ConfigError> {
        match optional("RATES_BACKFILL_DAYS") {
            None => Ok(crate::aws::rates_import::DEFAULT_BACKFILL_DAYS),
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|d| (1..=crate::aws::rates_import::MAX_BACKFILL_DAYS).contains(d))
                .ok_or(ConfigError {
                    name: "RATES_BACKFILL_DAYS",
                    problem: "is not a whole number of days from 1 to 90",
                }),
        }
    }
}

#[cfg(test)]
mod rates_import_settings_tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn the_bounds_come_from_the_variables_and_default_when_unset() {
        let rules = RatesImportSettings::rules_from_lookup(|name| match name {
            "RATES_FX_MAX_JUMP" => Some("0.35".to_owned()),
            "RATES_INTEREST_MAX_REVISION" => Some(" ".to_owned()),
            _ => None,
        })
        .expect("valid");
        let defaults = crate::domain::rates::validation::Rules::default();
        assert_eq!(rules.fx_max_jump, Decimal::new(35, 2));
        assert_eq!(rules.interest_max_jump, defaults.interest_max_jump);
        assert_eq!(rules.interest_max_revision, defaults.interest_max_revision);
        for bad in ["0", "-1", "twenty"] {
            let error = RatesImportSettings::rules_from_lookup(|name| {
                (name == "RATES_FX_MAX_REVISION").then(|| bad.to_owned())
            })
            .expect_err("refused");
            assert_eq!(error.name, "RATES_FX_MAX_REVISION", "{bad}");
        }
    }

    /// template.yaml sets the bounds the code defaults to: one set of numbers.
    #[test]
    fn the_templates_bounds_are_the_defaults() {
        let template = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"));
        let value = |name: &str| -> String {
            let line = template
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{name}:")))
                .unwrap_or_else(|| panic!("{name} in template.yaml"));
            line.split(':')
                .nth(1)
                .unwrap_or("")
                .trim()
                .trim_matches('"')
                .to_owned()
        };
        let from_template = RatesImportSettings::rules_from_lookup(|name| Some(value(name)))
            .expect("the template's bounds are valid");
        assert_eq!(
            from_template,
            crate::domain::rates::validation::Rules::default()
        );
    }
}
