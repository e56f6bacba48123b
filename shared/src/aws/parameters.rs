//! SSM Parameter Store: the rate import's upstream subscription keys, kept as SecureString
//! parameters so no key is in the template, the environment or the logs.

use super::store::StoreError;

/// The decrypted value of the SecureString parameter `name`.
pub async fn secure_parameter(
    client: &aws_sdk_ssm::Client,
    name: &str,
) -> Result<String, StoreError> {
    let out = client
        .get_parameter()
        .name(name)
        .with_decryption(true)
        .send()
        .await
        .map_err(|e| {
            StoreError(format!(
                "SSM parameter {name}: {}",
                aws_sdk_ssm::error::DisplayErrorContext(&e)
            ))
        })?;
    out.parameter
        .and_then(|p| p.value)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| StoreError(format!("SSM parameter {name} has no value")))
}
