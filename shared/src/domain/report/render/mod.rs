//! The report in each format (R2 writes this): JSON exactly as API.md, CSV as a zip with one
//! table per file, XLSX with one sheet per table; labels from the i18n catalogue.

use super::Report;
use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, thiserror::Error)]
#[error("the report could not be written: {0}")]
pub struct RenderError(pub String);

/// The file of `report` in `format`, labelled in `lang`.
pub fn render(report: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let _ = (report, format, lang);
    unimplemented!("R2")
}
