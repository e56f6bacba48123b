//! Adapters over the real AWS SDK clients. Built once per cold start ([`Deps::from_env`]) and
//! shared by every invocation, each SDK client on its first use ([`LazyClient`]);
//! `AWS_ENDPOINT_URL` points them at the local emulator.

pub mod archive;
pub mod audit;
pub mod cognito;
pub mod cognito_admin;
pub mod company;
pub mod contracts;
pub mod document_files;
pub mod document_status;
pub mod documents;
pub mod erasure;
pub mod exports;
pub mod hosted_ui;
pub mod idempotency;
pub mod identity_providers;
pub mod keys;
pub mod mail;
pub mod ocr;
pub mod ocr_pipeline;
pub mod page;
pub mod parameters;
pub mod pool_users;
pub mod presigned_post;
pub mod rates;
pub mod rates_import;
pub mod rates_sources;
pub mod reports;
pub mod sdk;
pub mod secrets;
pub mod signer;
pub mod sso;
pub mod store;
pub mod textract;
pub mod users;

pub use cognito::Cognito;
pub use sdk::{LazyClient, s3_client};
pub use store::{CommitError, Store};

use crate::config::{Config, ConfigError};

/// Everything a handler may use. Cheap to build (no network), so one type serves all
/// functions and the local stack.
#[derive(Debug, Clone)]
pub struct Deps {
    pub config: Config,
    pub store: Store,
    pub cognito: Cognito,
    pub secrets: secrets::Secrets,
    /// The audit archive and the checkpoint key, where the function has them.
    pub audit_archive: Option<AuditArchive>,
    /// The documents bucket and the OCR engine, where the function has them.
    pub documents: Option<Documents>,
    /// The rates table, where the function has it.
    pub rates: Option<rates::RatesTable>,
    /// The reports bucket and queue, where the function has them.
    pub reports: Option<reports::Reports>,
    /// SES, where the function mails the company's admins (`MAIL_SENDER`).
    pub mailer: Option<mail::Mailer>,
    /// The exports bucket and queue, where the function has them.
    pub exports: Option<exports::Exports>,
}

/// The documents bucket, the staging bucket in Textract's region, and the OCR engine.
/// Adapters add their operations in their own modules (`impl Documents`).
#[derive(Debug, Clone)]
pub struct Documents {
    pub ids: crate::config::DocumentsIds,
    /// S3 in the stack's region (the documents bucket).
    pub s3: LazyClient<aws_sdk_s3::Client>,
    /// S3 in Textract's region (the staging bucket).
    pub staging_s3: LazyClient<aws_sdk_s3::Client>,
    /// Textract in its region; the local stack puts its local engine here.
    pub ocr: LazyClient<ocr::SharedOcrEngine>,
    /// The credentials the clients sign with, for what the SDK cannot sign itself (the
    /// presigned POST of an upload). A provider, not credentials: Lambda's rotate.
    pub credentials: Option<aws_sdk_s3::config::SharedCredentialsProvider>,
}

impl Documents {
    pub fn new(ids: &crate::config::DocumentsIds, sdk: &aws_types::SdkConfig) -> Documents {
        let textract_sdk = sdk
            .to_builder()
            .region(aws_types::region::Region::new(ids.textract_region.clone()))
            .build();
        Documents {
            ids: ids.clone(),
            s3: LazyClient::new(sdk),
            staging_s3: LazyClient::new(&textract_sdk),
            ocr: LazyClient::new(&textract_sdk),
            credentials: sdk.credentials_provider(),
        }
    }

    /// Whether files must be copied to the staging bucket before OCR reads them.
    pub fn needs_staging(&self) -> bool {
        self.ids.staging_bucket.is_some()
    }
}

/// Whether an SQS delivery is the queue's last before its dead-letter queue: its
/// `ApproximateReceiveCount` attribute has reached the redrive policy's `maxReceiveCount`
/// (a delivery without the attribute is the first). The queue consumers then fail the work
/// for good instead of leaving it unfinished.
pub fn is_last_delivery(
    attributes: &std::collections::HashMap<String, String>,
    max_receives: u32,
) -> bool {
    let receives: u32 = attributes
        .get("ApproximateReceiveCount")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    receives >= max_receives
}

/// The Object Lock archive of the audit chains and the key that signs their checkpoints.
#[derive(Debug, Clone)]
pub struct AuditArchive {
    pub archive: archive::Archive,
    pub signer: signer::Signer,
}

impl AuditArchive {
    pub fn new(ids: &crate::config::AuditArchiveIds, sdk: &aws_types::SdkConfig) -> AuditArchive {
        AuditArchive {
            archive: archive::Archive::new(LazyClient::new(sdk), &ids.bucket),
            signer: signer::Signer::new(LazyClient::new(sdk), &ids.signing_key_id),
        }
    }
}

impl Deps {
    pub async fn from_env() -> Result<Deps, ConfigError> {
        let config = Config::from_env()?;
        let sdk = crate::aws::sdk::load()?;
        Ok(Deps::new(config, &sdk))
    }

    pub fn new(config: Config, sdk: &aws_types::SdkConfig) -> Deps {
        Deps {
            store: Store::new(
                LazyClient::new(sdk),
                &config.data_table,
                &config.audit_table,
            ),
            cognito: Cognito::new(
                LazyClient::new(sdk),
                &config.user_pool_id,
                &config.user_pool_client_id,
            ),
            secrets: secrets::Secrets::new(LazyClient::new(sdk), config.auth_secrets.clone()),
            audit_archive: config
                .audit_archive
                .as_ref()
                .map(|ids| AuditArchive::new(ids, sdk)),
            documents: config
                .documents
                .as_ref()
                .map(|ids| Documents::new(ids, sdk)),
            rates: config
                .rates_table
                .as_ref()
                .map(|table| rates::RatesTable::new(LazyClient::new(sdk), table)),
            reports: config
                .reports
                .as_ref()
                .map(|ids| reports::Reports::new(ids, sdk)),
            mailer: config
                .erasure
                .mail_sender
                .as_ref()
                .map(|sender| mail::Mailer::new(LazyClient::new(sdk), sender)),
            exports: config
                .exports
                .as_ref()
                .map(|ids| exports::Exports::new(ids, sdk)),
            config,
        }
    }
}

/// Seconds since the epoch, for TTL attributes.
pub fn epoch_seconds(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp()
}

/// RFC 3339 UTC with milliseconds: the one timestamp format stored and returned.
pub fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
