//! `mypages-cli`: what our staff and a company's auditors run outside the API. The commands
//! are library functions so the black-box tests run exactly what the binary runs.

pub mod company;
pub mod erasure;
pub mod export;
pub mod ocr;
pub mod operator;
pub mod sso_license;
pub mod verify;

/// The S3 client rule of the functions: path-style addresses when an endpoint is configured.
pub use mypages::aws::s3_client;
