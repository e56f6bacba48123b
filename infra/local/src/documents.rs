//! The documents bucket in the emulator (template.yaml `DocumentsBucket`): versioned, made
//! once and found again on later starts. moto does not encrypt, and does not enforce the
//! presigned POST's conditions (DESIGN.md §8): the OCR function checks size and type itself.

use aws_sdk_s3 as s3;
use s3::types::{
    BucketLocationConstraint, BucketVersioningStatus, CreateBucketConfiguration,
    VersioningConfiguration,
};

use crate::provision::ProvisionError;

fn emulator(e: impl std::fmt::Display) -> ProvisionError {
    ProvisionError::Emulator(e.to_string())
}

/// Creates a bucket in the SDK config's region unless it exists (with Object Lock when asked:
/// it can only be turned on at creation).
pub async fn create_bucket_unless_present(
    client: &s3::Client,
    sdk: &aws_config::SdkConfig,
    bucket: &str,
    object_lock: bool,
) -> Result<(), ProvisionError> {
    if client.head_bucket().bucket(bucket).send().await.is_ok() {
        return Ok(());
    }
    let region = sdk.region().map_or("eu-north-1", |r| r.as_ref());
    client
        .create_bucket()
        .bucket(bucket)
        .object_lock_enabled_for_bucket(object_lock)
        .create_bucket_configuration(
            CreateBucketConfiguration::builder()
                .location_constraint(BucketLocationConstraint::from(region))
                .build(),
        )
        .send()
        .await
        .map_err(|e| emulator(s3::error::DisplayErrorContext(e)))?;
    Ok(())
}

/// Creates (or finds) a versioned bucket in the SDK config's region.
pub async fn ensure_versioned_bucket(
    sdk: &aws_config::SdkConfig,
    bucket: &str,
) -> Result<(), ProvisionError> {
    let client = mypages::aws::s3_client(sdk);
    create_bucket_unless_present(&client, sdk, bucket, false).await?;
    client
        .put_bucket_versioning()
        .bucket(bucket)
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .map_err(|e| emulator(s3::error::DisplayErrorContext(e)))?;
    Ok(())
}
