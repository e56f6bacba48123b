//! The body of `POST /documents`: what the user says they will upload. Checked here, before a
//! record or an upload form exists; the OCR function later checks the file against it.

use serde_json::Value;

use super::claims::is_safe_id;
use super::document::{ContentType, MAX_DOCUMENT_BYTES};
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

/// The longest file name kept, in characters (most file systems stop at 255).
pub const FILE_NAME_MAX: usize = 255;

const CONTENT_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg", "image/tiff"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub file_name: String,
    pub content_type: ContentType,
    pub size: u64,
    /// Only checked for shape here: whether the company has that contract is the handler's
    /// question.
    pub contract_id: Option<String>,
}

/// Reads the request: every problem at once, shape problems (400) apart from rules (422); a
/// `size` above [`MAX_DOCUMENT_BYTES`] is [`FieldErrorKind::FileTooLarge`] (413).
pub fn parse_new_document(body: &Value) -> Result<NewDocument, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(
        &["fileName", "contentType", "size", "contractId"],
        &mut errors,
    );
    let file_name = obj
        .string("fileName", FILE_NAME_MAX, &mut errors)
        .filter(|name| {
            // Control characters (CR, LF, NUL, …) have no place in a name that ends up in
            // a header and in the user's file system; nor have invisible direction and
            // joiner marks, which can disguise an extension ("invoice\u{202E}fdp.exe").
            let clean = !name
                .chars()
                .any(|c| c.is_control() || is_invisible_format(c));
            if !clean {
                errors.push("fileName", FieldErrorKind::ControlCharacters);
            }
            clean
        });
    let content_type = obj.one_of("contentType", CONTENT_TYPES, &ContentType::ALL, &mut errors);
    let size = read_size(obj.get("size"), &mut errors);
    let contract_id = match obj.get("contractId") {
        None => None,
        Some(Value::String(id)) if is_safe_id(id) => Some(id.clone()),
        // A string that cannot be an id of ours names no contract of the company.
        Some(Value::String(_)) => {
            errors.push("contractId", FieldErrorKind::UnknownContract);
            None
        }
        Some(_) => {
            errors.push("contractId", FieldErrorKind::WrongType("string"));
            None
        }
    };
    match (file_name, content_type, size) {
        (Some(file_name), Some(content_type), Some(size)) if errors.is_empty() => Ok(NewDocument {
            file_name,
            content_type,
            size,
            contract_id,
        }),
        _ => Err(errors.list),
    }
}

/// A whole number of bytes from 1 to [`MAX_DOCUMENT_BYTES`].
fn read_size(value: Option<&Value>, errors: &mut Errors) -> Option<u64> {
    let Some(value) = value else {
        errors.push("size", FieldErrorKind::Missing);
        return None;
    };
    let Value::Number(number) = value else {
        errors.push("size", FieldErrorKind::WrongType("integer"));
        return None;
    };
    if let Some(size) = number.as_u64() {
        return match size {
            0 => {
                errors.push("size", FieldErrorKind::NotPositive);
                None
            }
            size if size > MAX_DOCUMENT_BYTES => {
                errors.push("size", FieldErrorKind::FileTooLarge(MAX_DOCUMENT_BYTES));
                None
            }
            size => Some(size),
        };
    }
    if number.as_i64().is_some() {
        errors.push("size", FieldErrorKind::NotPositive);
    } else if number.is_f64() {
        errors.push("size", FieldErrorKind::WrongType("integer"));
    } else {
        // Beyond u64: certainly too large.
        errors.push("size", FieldErrorKind::FileTooLarge(MAX_DOCUMENT_BYTES));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(body: Value) -> Vec<(String, FieldErrorKind)> {
        parse_new_document(&body)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.kind))
            .collect()
    }

    #[test]
    fn a_complete_request_is_read() {
        let parsed = parse_new_document(&json!({
            "fileName": " Hyresavtal 2026.pdf ", "contentType": "application/pdf",
            "size": 1024, "contractId": "0195-ab_c",
        }));
        assert_eq!(
            parsed,
            Ok(NewDocument {
                file_name: "Hyresavtal 2026.pdf".into(),
                content_type: ContentType::Pdf,
                size: 1024,
                contract_id: Some("0195-ab_c".into()),
            })
        );
        let without = parse_new_document(&json!({
            "fileName": "a.png", "contentType": "image/png", "size": MAX_DOCUMENT_BYTES,
            "contractId": null,
        }));
        assert_eq!(without.map(|d| d.contract_id), Ok(None));
    }

    #[test]
    fn sizes_outside_one_byte_to_the_maximum_are_refused() {
        let body = |size: Value| json!({"fileName": "a.pdf", "contentType": "application/pdf", "size": size});
        assert_eq!(
            kinds(body(json!(0))),
            vec![("size".into(), FieldErrorKind::NotPositive)]
        );
        assert_eq!(
            kinds(body(json!(-5))),
            vec![("size".into(), FieldErrorKind::NotPositive)]
        );
        assert_eq!(
            kinds(body(json!(MAX_DOCUMENT_BYTES + 1))),
            vec![(
                "size".into(),
                FieldErrorKind::FileTooLarge(MAX_DOCUMENT_BYTES)
            )]
        );
        assert_eq!(
            kinds(body(json!(1e30))),
            vec![("size".into(), FieldErrorKind::WrongType("integer"))]
        );
        assert_eq!(
            kinds(body(json!("1024"))),
            vec![("size".into(), FieldErrorKind::WrongType("integer"))]
        );
        assert_eq!(
            kinds(body(json!(1.5))),
            vec![("size".into(), FieldErrorKind::WrongType("integer"))]
        );
    }

    #[test]
    fn names_types_ids_and_unknown_fields_are_checked() {
        let found = kinds(json!({
            "fileName": "a\r\nSet-Cookie: x", "contentType": "image/gif", "size": 1,
            "contractId": "../x", "extra": 1,
        }));
        let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        for field in ["extra", "fileName", "contentType", "contractId"] {
            assert!(fields.contains(&field), "{field} in {found:?}");
        }
        assert_eq!(
            kinds(
                json!({"fileName": "x".repeat(FILE_NAME_MAX + 1), "contentType": "image/png", "size": 1})
            ),
            vec![("fileName".into(), FieldErrorKind::TooLong(FILE_NAME_MAX))]
        );
        assert!(
            kinds(json!({"contentType": "image/png", "size": 1}))
                .contains(&("fileName".into(), FieldErrorKind::Missing))
        );
        assert!(kinds(json!([])).iter().any(|(f, _)| f == "(body)"));
    }
}

/// Unicode's invisible formatting characters that change how a name reads: bidirectional
/// marks, embeddings, overrides and isolates, zero-width spaces and joiners, the BOM.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod invisible_format_tests {
    use super::is_invisible_format;

    #[test]
    fn direction_overrides_and_zero_width_marks_are_refused_and_letters_are_not() {
        for c in ['\u{202E}', '\u{200F}', '\u{2066}', '\u{200B}', '\u{FEFF}'] {
            assert!(is_invisible_format(c), "{c:?}");
        }
        for c in ['a', 'å', 'Ä', ' ', '-', '.', '€'] {
            assert!(!is_invisible_format(c), "{c:?}");
        }
    }
}
