//! The parsed document → proposed contract fields (issue 8 item 6). Interface fixed for the
//! pipeline; the extractor itself is being built.

use super::Proposed;
use super::parse::ParsedDocument;

/// Query answers first, then key-values, then lines.
pub fn propose(_document: &ParsedDocument) -> Proposed {
    Proposed::new()
}
