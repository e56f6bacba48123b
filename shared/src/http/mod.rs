//! API Gateway (REST, payload v1) glue shared by every HTTP function.

pub mod caller;
pub mod disposition;
pub mod documents;
pub mod idempotent;
pub mod input;
pub mod login;
pub mod paging;
pub mod problem;
pub mod rates;
pub mod reports;
pub mod respond;
pub mod views;
pub mod web;

pub use caller::Caller;
pub use problem::ApiError;
pub use respond::{Ctx, json_response, respond};
