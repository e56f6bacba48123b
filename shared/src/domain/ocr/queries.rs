//! The questions the pipeline asks Textract's QUERIES feature (issue 8 item 2). The alias
//! names the contract field each answer proposes.

/// One query of [`LEASE_QUERIES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaseQuery {
    pub text: &'static str,
    pub alias: &'static str,
}

/// At most 15: `AnalyzeDocument`'s limit of queries per page.
pub const LEASE_QUERIES: &[LeaseQuery] = &[LeaseQuery {
    text: "What is the rent?",
    alias: "RENT",
}];
