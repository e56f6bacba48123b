//! `mypages-cli`: what our staff and a company's auditors run outside the API. The commands
//! are library functions so the black-box tests run exactly what the binary runs.

pub mod export;
pub mod verify;

/// An S3 client for the environment: path-style addressing when `AWS_ENDPOINT_URL` points
/// at an emulator (moto serves buckets on paths, not on host names).
pub fn s3_client(sdk: &aws_config::SdkConfig) -> aws_sdk_s3::Client {
    let emulated = std::env::var_os("AWS_ENDPOINT_URL").is_some_and(|v| !v.is_empty());
    if emulated {
        s3_client_path_style(sdk)
    } else {
        aws_sdk_s3::Client::new(sdk)
    }
}

pub fn s3_client_path_style(sdk: &aws_config::SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(sdk)
            .force_path_style(true)
            .build(),
    )
}
