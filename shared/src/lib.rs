//! `mypages`: everything the My Pages Lambda functions share.
//!
//! - [`domain`]: pure types, validation, lease accounting and the audit chain (no AWS, no I/O).
//! - [`aws`]: adapters over the real AWS SDK clients (DynamoDB, Cognito).
//! - [`http`]: API Gateway glue: the caller from authorizer claims, problem+json errors, paging.

pub mod aws;
pub mod config;
pub mod domain;
pub mod http;
pub mod telemetry;

pub use aws::Deps;
pub use config::Config;
