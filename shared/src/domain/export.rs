//! The company export's pure parts: the zip's layout, its manifest, its README, and the CSV
//! files (issue 11, GDPR Art. 20). The builder (`company-export-build`) reads and writes;
//! what goes where and in what form is decided here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::contract::CONTRACT_FIELDS;
use super::report::render::csv::write_text;
use super::user::UserRecord;

/// The zip's layout, one place for the builder, the README and the tests.
pub mod layout {
    pub const README: &str = "README.md";
    pub const MANIFEST: &str = "manifest.json";
    pub const COMPANY_SETTINGS: &str = "company/settings.json";
    pub const COMPANY_SSO: &str = "company/sso.json";
    pub const USERS_JSON: &str = "users/users.json";
    pub const USERS_CSV: &str = "users/users.csv";
    pub const CONTRACT_VERSIONS_CSV: &str = "contracts/versions.csv";
    pub const AUDIT_DIR: &str = "audit/";
    pub const AUDIT_PUBLIC_KEY: &str = "audit/public-key.pem";

    /// `contracts/<id>/contract.json`: the head with its versions (as `GET /contracts/{id}`).
    pub fn contract(id: &str) -> String {
        format!("contracts/{id}/contract.json")
    }

    /// `contracts/<id>/versions.json`: every version's full terms.
    pub fn contract_versions(id: &str) -> String {
        format!("contracts/{id}/versions.json")
    }

    /// `contracts/<id>/schedule.json`: as `GET /contracts/{id}/schedule` computes it.
    pub fn contract_schedule(id: &str) -> String {
        format!("contracts/{id}/schedule.json")
    }

    pub fn document(id: &str) -> String {
        format!("documents/{id}/document.json")
    }

    /// The document's original, under the name the uploader gave it (made safe).
    pub fn document_original(id: &str, file_name: &str) -> String {
        format!(
            "documents/{id}/original/{}",
            super::safe_file_name(file_name)
        )
    }

    pub fn document_ocr_result(id: &str) -> String {
        format!("documents/{id}/textract.json")
    }

    pub fn report(id: &str) -> String {
        format!("reports/{id}/report.json")
    }

    pub fn report_file(id: &str, file_name: &str) -> String {
        format!("reports/{id}/{}", super::safe_file_name(file_name))
    }

    /// An archive object (`records/…`, `checkpoints/…`) under `audit/`, key kept.
    pub fn audit_object(key: &str) -> String {
        format!("{AUDIT_DIR}{key}")
    }
}

/// A file name with nothing that could climb out of its folder or confuse an unzip tool:
/// path separators, control characters and leading dots become `_`.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.trim().is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// One file in the zip: its path, size and SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// What one export holds: `manifest.json`, the zip's last file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub company_id: String,
    pub export_id: String,
    pub created_at: String,
    /// How many of each kind: `contracts`, `contractVersions`, `schedules`, `documents`,
    /// `documentOriginals`, `ocrResults`, `reports`, `reportFiles`, `users`,
    /// `auditRecords`, `auditCheckpoints`.
    pub counts: BTreeMap<String, u64>,
    /// Every other file of the zip (not `manifest.json` itself).
    pub files: Vec<ExportedFile>,
}

/// The manifest's `format`: a reader checks it before it trusts the layout.
pub const MANIFEST_FORMAT: &str = "mypages.company-export.v1";

/// The kinds the manifest counts, in the README's order.
pub const COUNTED_KINDS: &[&str] = &[
    "contracts",
    "contractVersions",
    "schedules",
    "documents",
    "documentOriginals",
    "ocrResults",
    "reports",
    "reportFiles",
    "users",
    "auditRecords",
    "auditCheckpoints",
];

/// One CSV record (RFC 4180, `,`, CRLF), every field a text defused against formula
/// injection as the report CSV does it.
pub fn csv_record(fields: &[String]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        write_text(&mut line, field, ',');
    }
    line.push_str("\r\n");
    line
}

/// A JSON value as one CSV field: text as it is, nothing as empty, the rest as JSON.
fn field_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// The columns of `contracts/versions.csv` before the terms.
const VERSION_COLUMNS: &[&str] = &[
    "contractId",
    "version",
    "effectiveFrom",
    "reason",
    "createdAt",
    "createdBy",
];

/// The header of `contracts/versions.csv` (UTF-8 with a byte-order mark, as the report CSV).
pub fn versions_csv_header() -> String {
    let columns: Vec<String> = VERSION_COLUMNS
        .iter()
        .chain(CONTRACT_FIELDS.iter())
        .map(|c| (*c).to_owned())
        .collect();
    format!("\u{feff}{}", csv_record(&columns))
}

/// One version's row: `version` is the version as `versions.json` has it (the bookkeeping
/// fields and `terms`, the contract's terms in the API's shape); nested terms (the payment)
/// are JSON text.
pub fn versions_csv_row(contract_id: &str, version: &Value) -> String {
    let mut fields = vec![contract_id.to_owned()];
    fields.extend(
        VERSION_COLUMNS[1..]
            .iter()
            .map(|name| field_of(version.get(*name))),
    );
    let terms = version.get("terms");
    fields.extend(
        CONTRACT_FIELDS
            .iter()
            .map(|name| field_of(terms.and_then(|t| t.get(*name)))),
    );
    csv_record(&fields)
}

/// `users/users.csv`: the `/users` view's fields, one user a row.
pub fn users_csv(users: &[UserRecord]) -> String {
    let mut out = format!(
        "\u{feff}{}",
        csv_record(
            &[
                "id",
                "email",
                "erased",
                "roles",
                "locale",
                "active",
                "federated",
                "mfaEnrolled",
                "createdAt"
            ]
            .map(str::to_owned)
        )
    );
    for user in users {
        let roles: Vec<&str> = user.roles.iter().map(|r| r.as_str()).collect();
        out.push_str(&csv_record(&[
            user.id.clone(),
            // An erased person has no address left (GDPR Art. 17): an empty cell.
            user.email.clone().unwrap_or_default(),
            user.erased.to_string(),
            roles.join(" "),
            user.locale.clone(),
            user.active.to_string(),
            user.federated.to_string(),
            user.mfa_enrolled.to_string(),
            user.created_at.clone(),
        ]));
    }
    out
}

/// `README.md`: what each file is and how to check the audit chain offline.
pub fn readme(company_id: &str, export_id: &str, created_at: &str) -> String {
    format!(
        r#"# My Pages — company export

Company `{company_id}`, export `{export_id}`, made {created_at}.

Everything the company holds in My Pages, in open formats (JSON, CSV, the original files).
`manifest.json` counts each kind and lists every file with its size and SHA-256, so the zip
can be checked for completeness (`sha256sum`).

## Files

| Path | What |
|------|------|
| `company/settings.json` | the company's settings (as `GET /company/settings`) |
| `company/sso.json` | single sign-on settings (as `GET /company/sso`; secrets are held by the identity service and never exported) |
| `users/users.json`, `users/users.csv` | the users (as `GET /users`: no passwords or other secrets exist in My Pages) |
| `contracts/<id>/contract.json` | a contract's current terms, measurement and version list (as `GET /contracts/{{id}}`) |
| `contracts/<id>/versions.json` | every version of the contract with its full terms |
| `contracts/<id>/schedule.json` | the contract's period schedule (as `GET /contracts/{{id}}/schedule`) |
| `contracts/versions.csv` | every version of every contract, one row each (UTF-8, RFC 4180; a text starting with `= + - @` is prefixed `'`) |
| `documents/<id>/document.json` | a document's record: status, OCR result and proposals |
| `documents/<id>/original/<file name>` | the uploaded file, byte for byte |
| `documents/<id>/textract.json` | the OCR engine's raw answer, if the document was read |
| `reports/<id>/report.json` | a period report's order and status |
| `reports/<id>/<file name>` | the report's file, if it is still kept |
| `audit/records/<company>/<chain>/<first>-<last>.jsonl` | the audit chains (`data`, `security`), one record a line |
| `audit/checkpoints/<company>/<chain>/*.json` | the signed checkpoints, copied from the audit archive |
| `audit/public-key.pem` | the public half of the key that signs the checkpoints |

## Verifying the audit chain offline

With the operator CLI:

    mypages-cli audit verify --dir audit --public-key audit/public-key.pem

By hand, for each chain, record by record in ascending `seq` (from 1):

1. Take the record's fields except `hash` and `prevHash`, add `"companyId"` (the company's
   id) and keep `"chain"`; write `details` as `{{}}` when the line has none. Serialize this
   object in the JSON Canonicalization Scheme (RFC 8785): keys sorted, no whitespace.
2. `hash` must equal hex(SHA-256(canonical bytes ‖ `prevHash` as text)).
3. `prevHash` must equal the previous record's `hash` (the first record's is 64 zeros), and
   `prevAt` the previous record's `at` (empty for the first).
4. A checkpoint file holds `{{checkpoint: {{companyId, chain, seq, hash, at}}, algorithm,
   signature}}`. Its signature is ECDSA P-256 with SHA-256 (DER, base64) over the RFC 8785
   form of `{{"type": "mypages.audit.checkpoint.v1", companyId, chain, seq, hash, at}}`;
   check it with the public key (`openssl dgst -sha256 -verify audit/public-key.pem
   -signature sig.der payload.json`) and that `hash` is record `seq`'s hash.

A chain that verifies up to a signed checkpoint cannot have been changed before it without
the signing key.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn file_names_cannot_leave_their_folder() {
        assert_eq!(safe_file_name("lease.pdf"), "lease.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".."), "file");
        assert_eq!(safe_file_name("a\\b\nc"), "a_b_c");
        assert_eq!(
            layout::document_original("d-1", "../x.pdf"),
            "documents/d-1/original/_x.pdf"
        );
    }

    #[test]
    fn a_version_row_has_every_column_and_defuses_formulas() {
        let version = json!({
            "version": 2,
            "effectiveFrom": "2026-01-01",
            "reason": "=HYPERLINK(\"x\")",
            "createdAt": "2026-01-01T00:00:00.000Z",
            "createdBy": "sub-1",
            "terms": {"name": "Kontor, Nord", "payment": {"amount": "100", "frequency": "monthly"}},
        });
        let row = versions_csv_row("c-1", &version);
        assert!(row.starts_with("c-1,2,2026-01-01,\"'=HYPERLINK(\"\"x\"\")\","));
        assert!(row.contains("\"Kontor, Nord\""));
        assert!(row.ends_with("\r\n"));
        let header = versions_csv_header();
        assert_eq!(
            header.matches(',').count(),
            VERSION_COLUMNS.len() + CONTRACT_FIELDS.len() - 1
        );
    }

    #[test]
    fn the_readme_names_every_file_kind_and_the_verify_command() {
        let text = readme("co-1", "e-1", "2026-01-01T00:00:00.000Z");
        for path in [
            "company/settings.json",
            "users/users.csv",
            "contracts/versions.csv",
            "audit/public-key.pem",
            "mypages-cli audit verify --dir audit --public-key audit/public-key.pem",
        ] {
            assert!(text.contains(path), "{path}");
        }
    }
}
