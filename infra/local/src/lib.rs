//! The local stack: serves the REST API on 127.0.0.1 from the routes in template.yaml,
//! verifies Cognito JWTs like API Gateway's authorizer, and runs the real handlers in-process
//! against the moto emulator, whose tables and user pool are created from template.yaml.

pub mod archive;
pub mod aws_calls;
pub mod cognito_front;
pub mod dispatch;
pub mod documents;
pub mod gateway;
pub mod jwt;
pub mod ocr;
pub mod ocr_relay;
pub mod provision;
pub mod rates;
pub mod reports_relay;
pub mod schedules;
pub mod server;
pub mod streams;
pub mod template;
pub mod upstream;
