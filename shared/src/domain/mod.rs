//! Pure domain code: parsed types, validation rules, the audit hash chain.
//! Nothing in here knows about AWS or does I/O, so all of it is unit-testable.

pub mod accounting;
pub mod audit;
pub mod claims;
pub mod company;
pub mod contract;
pub mod credentials;
pub mod currency;
pub mod document;
pub mod document_upload;
pub mod erasure;
pub mod export;
pub mod federation;
pub mod i18n;
pub mod lang;
pub mod lease;
pub mod ocr;
pub mod rates;
pub mod report;
pub mod report_request;
pub mod retention;
pub mod role;
pub mod session;
pub mod sso;
pub mod upload_check;
pub mod user;
pub mod validation;
