//! The audit archive in the emulator: the Object Lock bucket (compliance mode, the template's
//! default retention) and the checkpoint signing key (ECC_NIST_P256), made once and found
//! again on later starts.
//!
//! moto refuses to delete a locked object version, but lets retention be shortened and does
//! not encrypt: immutability is demonstrated locally, never proven.

use aws_sdk_kms as kms;
use aws_sdk_s3 as s3;
use kms::types::{KeySpec, KeyUsageType};
use s3::types::{
    DefaultRetention, ObjectLockConfiguration, ObjectLockEnabled, ObjectLockRetentionMode,
    ObjectLockRule,
};
use std::path::Path;

use crate::provision::ProvisionError;

/// The alias the local stack finds its signing key by, so a restarted stack against the same
/// emulator keeps signing with the key that signed the archive's earlier checkpoints.
pub const SIGNING_KEY_ALIAS: &str = "alias/mypages-local-audit-signing";

/// The template's parameter for the archive's retention, and its default when the template
/// does not declare it.
pub const RETENTION_PARAMETER: &str = "AuditArchiveRetentionYears";
pub const DEFAULT_RETENTION_YEARS: i32 = 7;

fn emulator(e: impl std::fmt::Display) -> ProvisionError {
    ProvisionError::Emulator(e.to_string())
}

/// The default of `AuditArchiveRetentionYears` in the template at `template`, else 7.
pub fn retention_years(template: &Path) -> Result<i32, ProvisionError> {
    let text = std::fs::read_to_string(template)
        .map_err(|e| emulator(format!("cannot read {}: {e}", template.display())))?;
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).map_err(emulator)?;
    let default = doc
        .get("Parameters")
        .and_then(|p| p.get(RETENTION_PARAMETER))
        .and_then(|p| p.get("Default"));
    let Some(default) = default else {
        return Ok(DEFAULT_RETENTION_YEARS);
    };
    default
        .as_i64()
        .or_else(|| default.as_str().and_then(|s| s.trim().parse().ok()))
        .and_then(|years| i32::try_from(years).ok())
        .filter(|years| *years > 0)
        .ok_or_else(|| {
            emulator(format!(
                "{RETENTION_PARAMETER}'s default is not a number of years"
            ))
        })
}

/// Creates (or finds) the archive bucket and the signing key; returns the bucket's name and
/// the key's ARN.
pub async fn ensure_audit_archive(
    sdk: &aws_config::SdkConfig,
    template: &Path,
    bucket: &str,
) -> Result<(String, String), ProvisionError> {
    let years = retention_years(template)?;
    ensure_bucket(&mypages::aws::s3_client(sdk), sdk, bucket, years).await?;
    let key_arn = ensure_signing_key(&kms::Client::new(sdk)).await?;
    Ok((bucket.to_owned(), key_arn))
}

async fn ensure_bucket(
    client: &s3::Client,
    sdk: &aws_config::SdkConfig,
    bucket: &str,
    years: i32,
) -> Result<(), ProvisionError> {
    crate::documents::create_bucket_unless_present(client, sdk, bucket, true).await?;
    // Set on every start: an existing bucket without Object Lock fails here, loudly.
    client
        .put_object_lock_configuration()
        .bucket(bucket)
        .object_lock_configuration(
            ObjectLockConfiguration::builder()
                .object_lock_enabled(ObjectLockEnabled::Enabled)
                .rule(
                    ObjectLockRule::builder()
                        .default_retention(
                            DefaultRetention::builder()
                                .mode(ObjectLockRetentionMode::Compliance)
                                .years(years)
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .map_err(|e| emulator(s3::error::DisplayErrorContext(e)))?;
    Ok(())
}

async fn ensure_signing_key(client: &kms::Client) -> Result<String, ProvisionError> {
    let aliases = client
        .list_aliases()
        .send()
        .await
        .map_err(|e| emulator(kms::error::DisplayErrorContext(e)))?;
    let existing = aliases
        .aliases()
        .iter()
        .find(|a| a.alias_name() == Some(SIGNING_KEY_ALIAS))
        .and_then(|a| a.target_key_id());
    if let Some(key_id) = existing {
        let described = client
            .describe_key()
            .key_id(key_id)
            .send()
            .await
            .map_err(|e| emulator(kms::error::DisplayErrorContext(e)))?;
        return described
            .key_metadata()
            .and_then(|m| m.arn())
            .map(str::to_owned)
            .ok_or_else(|| emulator("DescribeKey returned no ARN"));
    }
    let created = client
        .create_key()
        .key_spec(KeySpec::EccNistP256)
        .key_usage(KeyUsageType::SignVerify)
        .description("mypages local stack: audit checkpoint signing")
        .send()
        .await
        .map_err(|e| emulator(kms::error::DisplayErrorContext(e)))?;
    let metadata = created
        .key_metadata()
        .ok_or_else(|| emulator("CreateKey returned no metadata"))?;
    client
        .create_alias()
        .alias_name(SIGNING_KEY_ALIAS)
        .target_key_id(metadata.key_id())
        .send()
        .await
        .map_err(|e| emulator(kms::error::DisplayErrorContext(e)))?;
    metadata
        .arn()
        .map(str::to_owned)
        .ok_or_else(|| emulator("CreateKey returned no ARN"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template_with(parameters: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(file.path(), format!("{parameters}Resources: {{}}\n")).expect("write");
        file
    }

    #[test]
    fn the_retention_comes_from_the_templates_parameter_default() {
        let file = template_with(
            "Parameters:\n  AuditArchiveRetentionYears:\n    Type: Number\n    Default: 10\n",
        );
        assert_eq!(retention_years(file.path()).ok(), Some(10));
    }

    #[test]
    fn without_the_parameter_the_retention_is_seven_years() {
        let file = template_with("Parameters: {}\n");
        assert_eq!(retention_years(file.path()).ok(), Some(7));
    }

    #[test]
    fn a_retention_that_is_not_a_number_of_years_is_refused() {
        let file = template_with(
            "Parameters:\n  AuditArchiveRetentionYears:\n    Type: Number\n    Default: \"0\"\n",
        );
        assert!(retention_years(file.path()).is_err());
    }
}
