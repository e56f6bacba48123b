//! How long each kind of data is kept, by default (issue 11 "Retention"). The template's
//! parameters of the same names set them in AWS (their defaults are these, a test checks it:
//! `infra/records_of_processing.py`); README "Retention" lists them. A company's documents, contracts
//! and settings have no expiry: they are kept while the company exists.

/// `IdempotencyRetentionHours`: a stored first response to an `Idempotency-Key`.
pub const DEFAULT_IDEMPOTENCY_RETENTION_HOURS: i64 = 24;

/// `ReportRetentionDays`: a report's file in the reports bucket (then 410 Gone).
pub const DEFAULT_REPORT_RETENTION_DAYS: i64 = 90;

/// `StagingRetentionDays` (infra/ocr-staging.yaml): a document's copy in Textract's region,
/// left behind only when the OCR pipeline could not delete it.
pub const DEFAULT_STAGING_RETENTION_DAYS: i64 = 1;
