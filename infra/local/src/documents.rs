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

/// The documents bucket's CORS rules from template.yaml (`DocumentsBucket.CorsConfiguration`),
/// with `origin` (the local stack's, which serves the app) as every rule's allowed origin: the
/// template's is the API's origin parameter, which has no local value.
pub async fn put_upload_cors(
    sdk: &aws_config::SdkConfig,
    template: &crate::template::Template,
    bucket: &str,
    origin: &str,
) -> Result<(), ProvisionError> {
    use crate::template::TemplateError;
    use s3::types::{CorsConfiguration, CorsRule};
    use serde_yaml::Value;

    let shape = |message: &str| {
        ProvisionError::Template(TemplateError::Shape(format!(
            "DocumentsBucket.CorsConfiguration: {message}"
        )))
    };
    let literal_list = |rule: &Value, key: &str| -> Result<Vec<String>, ProvisionError> {
        match rule.get(key) {
            None => Ok(Vec::new()),
            Some(items) => items
                .as_sequence()
                .ok_or_else(|| shape(&format!("{key} is not a list")))?
                .iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| shape(&format!("{key} holds a non-literal")))
                })
                .collect(),
        }
    };
    let rules = template
        .properties("DocumentsBucket", "AWS::S3::Bucket")?
        .get("CorsConfiguration")
        .and_then(|c| c.get("CorsRules"))
        .and_then(Value::as_sequence)
        .ok_or_else(|| shape("no CorsRules"))?;
    let mut configuration = CorsConfiguration::builder();
    for rule in rules {
        let max_age = match rule.get("MaxAge") {
            None => None,
            Some(age) => Some(
                age.as_i64()
                    .and_then(|age| i32::try_from(age).ok())
                    .ok_or_else(|| shape("MaxAge is not a number of seconds"))?,
            ),
        };
        configuration = configuration.cors_rules(
            CorsRule::builder()
                .set_allowed_methods(Some(literal_list(rule, "AllowedMethods")?))
                .set_allowed_headers(Some(literal_list(rule, "AllowedHeaders")?))
                .set_expose_headers(Some(literal_list(rule, "ExposedHeaders")?))
                .allowed_origins(origin)
                .set_max_age_seconds(max_age)
                .build()
                .map_err(emulator)?,
        );
    }
    mypages::aws::s3_client(sdk)
        .put_bucket_cors()
        .bucket(bucket)
        .cors_configuration(configuration.build().map_err(emulator)?)
        .send()
        .await
        .map_err(|e| emulator(s3::error::DisplayErrorContext(e)))?;
    Ok(())
}
