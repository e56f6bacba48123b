//! Turning untrusted JSON into domain values while collecting every problem, with the path of
//! the field it concerns, so one response can list them all.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

use super::lang::Lang;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub kind: FieldErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldErrorKind {
    // Shape problems: the request is not the document the API describes (HTTP 400).
    Missing,
    Unknown,
    WrongType(&'static str),
    InvalidDate,
    InvalidDecimal,
    NotOneOf(&'static [&'static str]),
    // Rule problems: a well-formed document that breaks a business rule (HTTP 422).
    Empty,
    TooLong(usize),
    NotPositive,
    Negative,
    OutOfRange(&'static str, &'static str),
    TooManyDecimals(u32),
    UnknownCurrency,
    EndBeforeStart,
    StepsNotAscending,
    OutsideTerm,
    BeforePreviousVersion,
    Rule(String),
}

impl FieldErrorKind {
    /// Shape problems answer 400, rule problems 422.
    pub fn is_shape(&self) -> bool {
        matches!(
            self,
            FieldErrorKind::Missing
                | FieldErrorKind::Unknown
                | FieldErrorKind::WrongType(_)
                | FieldErrorKind::InvalidDate
                | FieldErrorKind::InvalidDecimal
                | FieldErrorKind::NotOneOf(_)
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        let sv = lang.is_swedish();
        match self {
            FieldErrorKind::Missing => pick(sv, "fältet krävs", "the field is required"),
            FieldErrorKind::Unknown => pick(sv, "okänt fält", "unknown field"),
            FieldErrorKind::WrongType(expected) => {
                if sv {
                    format!("fel typ, väntade {}", type_sv(expected))
                } else {
                    format!("wrong type, expected {expected}")
                }
            }
            FieldErrorKind::InvalidDate => pick(
                sv,
                "ogiltigt datum, använd ÅÅÅÅ-MM-DD",
                "invalid date, use YYYY-MM-DD",
            ),
            FieldErrorKind::InvalidDecimal => pick(
                sv,
                "ogiltigt tal, använd ett decimaltal som \"1234.50\"",
                "invalid number, use a decimal such as \"1234.50\"",
            ),
            FieldErrorKind::NotOneOf(allowed) => {
                if sv {
                    format!("måste vara ett av: {}", allowed.join(", "))
                } else {
                    format!("must be one of: {}", allowed.join(", "))
                }
            }
            FieldErrorKind::Empty => pick(sv, "får inte vara tomt", "must not be empty"),
            FieldErrorKind::TooLong(max) => {
                if sv {
                    format!("högst {max} tecken")
                } else {
                    format!("at most {max} characters")
                }
            }
            FieldErrorKind::NotPositive => {
                pick(sv, "måste vara större än noll", "must be greater than zero")
            }
            FieldErrorKind::Negative => pick(sv, "får inte vara negativt", "must not be negative"),
            FieldErrorKind::OutOfRange(min, max) => {
                if sv {
                    format!("måste ligga mellan {min} och {max}")
                } else {
                    format!("must be between {min} and {max}")
                }
            }
            FieldErrorKind::TooManyDecimals(max) => {
                if sv {
                    format!("högst {max} decimaler")
                } else {
                    format!("at most {max} decimal places")
                }
            }
            FieldErrorKind::UnknownCurrency => pick(
                sv,
                "okänd valuta, använd en ISO 4217-kod som SEK",
                "unknown currency, use an ISO 4217 code such as SEK",
            ),
            FieldErrorKind::EndBeforeStart => pick(
                sv,
                "slutdatum får inte ligga före startdatum",
                "the end date must not be before the commencement date",
            ),
            FieldErrorKind::StepsNotAscending => pick(
                sv,
                "stegen måste ha stigande datum",
                "steps must be in ascending date order",
            ),
            FieldErrorKind::OutsideTerm => pick(
                sv,
                "datumet måste ligga inom avtalets löptid",
                "the date must lie within the lease term",
            ),
            FieldErrorKind::BeforePreviousVersion => pick(
                sv,
                "får inte ligga före den senaste versionens giltighetsdatum",
                "must not be before the latest version's effective date",
            ),
            FieldErrorKind::Rule(text) => text.clone(),
        }
    }
}

fn pick(sv: bool, swedish: &str, english: &str) -> String {
    if sv { swedish } else { english }.to_owned()
}

fn type_sv(expected: &str) -> &'static str {
    match expected {
        "string" => "text",
        "object" => "objekt",
        "array" => "lista",
        "number or decimal string" => "tal eller decimaltext",
        _ => "annan typ",
    }
}

/// Collects field errors while a JSON object is read field by field.
#[derive(Debug, Default)]
pub struct Errors {
    pub list: Vec<FieldError>,
}

impl Errors {
    pub fn push(&mut self, field: impl Into<String>, kind: FieldErrorKind) {
        self.list.push(FieldError {
            field: field.into(),
            kind,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(self.list)
        }
    }
}

/// A JSON object being read, with the path prefix used in error messages.
pub struct Object<'a> {
    map: &'a Map<String, Value>,
    prefix: String,
}

pub fn path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

impl<'a> Object<'a> {
    /// Reads `value` as an object, reporting a type error at `prefix` otherwise.
    pub fn new(value: &'a Value, prefix: &str, errors: &mut Errors) -> Option<Object<'a>> {
        match value {
            Value::Object(map) => Some(Object {
                map,
                prefix: prefix.to_owned(),
            }),
            _ => {
                let field = if prefix.is_empty() { "(body)" } else { prefix };
                errors.push(field, FieldErrorKind::WrongType("object"));
                None
            }
        }
    }

    pub fn path(&self, key: &str) -> String {
        path(&self.prefix, key)
    }

    /// Reports every key not in `allowed`; unknown fields are refused, never ignored.
    pub fn reject_unknown(&self, allowed: &[&str], errors: &mut Errors) {
        for key in self.map.keys() {
            if !allowed.contains(&key.as_str()) {
                errors.push(self.path(key), FieldErrorKind::Unknown);
            }
        }
    }

    /// The raw value of `key`; JSON `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn required(&self, key: &str, errors: &mut Errors) -> Option<&'a Value> {
        let value = self.get(key);
        if value.is_none() {
            errors.push(self.path(key), FieldErrorKind::Missing);
        }
        value
    }

    pub fn string(&self, key: &str, max: usize, errors: &mut Errors) -> Option<String> {
        let value = self.required(key, errors)?;
        self.read_string(key, value, max, errors)
    }

    pub fn optional_string(&self, key: &str, max: usize, errors: &mut Errors) -> Option<String> {
        let value = self.get(key)?;
        self.read_string(key, value, max, errors)
    }

    fn read_string(
        &self,
        key: &str,
        value: &Value,
        max: usize,
        errors: &mut Errors,
    ) -> Option<String> {
        let Value::String(s) = value else {
            errors.push(self.path(key), FieldErrorKind::WrongType("string"));
            return None;
        };
        let trimmed = s.trim();
        if trimmed.is_empty() {
            errors.push(self.path(key), FieldErrorKind::Empty);
            return None;
        }
        if trimmed.chars().count() > max {
            errors.push(self.path(key), FieldErrorKind::TooLong(max));
            return None;
        }
        Some(trimmed.to_owned())
    }

    pub fn date(&self, key: &str, errors: &mut Errors) -> Option<NaiveDate> {
        let value = self.required(key, errors)?;
        read_date(&self.path(key), value, errors)
    }

    pub fn decimal(&self, key: &str, errors: &mut Errors) -> Option<Decimal> {
        let value = self.required(key, errors)?;
        read_decimal(&self.path(key), value, errors)
    }

    pub fn optional_decimal(&self, key: &str, errors: &mut Errors) -> Option<Option<Decimal>> {
        match self.get(key) {
            None => Some(None),
            Some(value) => read_decimal(&self.path(key), value, errors).map(Some),
        }
    }

    pub fn one_of<T: Copy>(
        &self,
        key: &str,
        choices: &'static [&'static str],
        values: &[T],
        errors: &mut Errors,
    ) -> Option<T> {
        let value = self.required(key, errors)?;
        read_one_of(&self.path(key), value, choices, values, errors)
    }

    pub fn optional_one_of<T: Copy>(
        &self,
        key: &str,
        choices: &'static [&'static str],
        values: &[T],
        errors: &mut Errors,
    ) -> Option<Option<T>> {
        match self.get(key) {
            None => Some(None),
            Some(value) => read_one_of(&self.path(key), value, choices, values, errors).map(Some),
        }
    }
}

pub fn read_date(field: &str, value: &Value, errors: &mut Errors) -> Option<NaiveDate> {
    let Value::String(s) = value else {
        errors.push(field, FieldErrorKind::WrongType("string"));
        return None;
    };
    // Only the strict ISO calendar form: `2026-1-1` or a timestamp is a client bug worth naming.
    if s.len() != 10 {
        errors.push(field, FieldErrorKind::InvalidDate);
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(field, FieldErrorKind::InvalidDate);
            None
        }
    }
}

/// Accepts a decimal string (exact) or a JSON number (read through its shortest text form).
pub fn read_decimal(field: &str, value: &Value, errors: &mut Errors) -> Option<Decimal> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => {
            errors.push(field, FieldErrorKind::WrongType("number or decimal string"));
            return None;
        }
    };
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    match Decimal::from_str(&text) {
        // Decimal keeps the scale the client wrote, so "50000.00" is echoed as written.
        Ok(d) if plain => Some(d),
        _ => {
            errors.push(field, FieldErrorKind::InvalidDecimal);
            None
        }
    }
}

fn read_one_of<T: Copy>(
    field: &str,
    value: &Value,
    choices: &'static [&'static str],
    values: &[T],
    errors: &mut Errors,
) -> Option<T> {
    let Value::String(s) = value else {
        errors.push(field, FieldErrorKind::WrongType("string"));
        return None;
    };
    match choices.iter().position(|c| c == s) {
        Some(i) => values.get(i).copied(),
        None => {
            errors.push(field, FieldErrorKind::NotOneOf(choices));
            None
        }
    }
}

/// RFC 7396 JSON merge patch: objects merge key by key, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(target_map) = target {
        for (key, value) in patch_map {
            if value.is_null() {
                target_map.remove(key);
            } else {
                merge_patch(target_map.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimals_are_read_from_strings_and_numbers() {
        let mut errors = Errors::default();
        assert_eq!(
            read_decimal("a", &json!("50000.00"), &mut errors).map(|d| d.to_string()),
            Some("50000.00".to_owned())
        );
        assert_eq!(
            read_decimal("a", &json!(5.5), &mut errors).map(|d| d.to_string()),
            Some("5.5".to_owned())
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn exponent_and_text_are_not_decimals() {
        let mut errors = Errors::default();
        assert!(read_decimal("a", &json!("1e5"), &mut errors).is_none());
        assert!(read_decimal("b", &json!("ten"), &mut errors).is_none());
        assert!(read_decimal("c", &json!(true), &mut errors).is_none());
        assert_eq!(errors.list.len(), 3);
        assert_eq!(
            errors.list[2].kind,
            FieldErrorKind::WrongType("number or decimal string")
        );
    }

    #[test]
    fn dates_must_be_strict_iso_calendar_dates() {
        let mut errors = Errors::default();
        assert!(read_date("d", &json!("2026-02-30"), &mut errors).is_none());
        assert!(read_date("d", &json!("2026-1-1"), &mut errors).is_none());
        assert!(read_date("d", &json!("2026-01-01"), &mut errors).is_some());
        assert_eq!(errors.list.len(), 2);
    }

    #[test]
    fn merge_patch_merges_objects_and_null_removes() {
        let mut doc = json!({"a": 1, "p": {"x": 1, "y": 2}, "r": "keep"});
        merge_patch(&mut doc, &json!({"a": 2, "p": {"y": 3}, "r": null}));
        assert_eq!(doc, json!({"a": 2, "p": {"x": 1, "y": 3}}));
    }

    #[test]
    fn swedish_and_english_messages_differ() {
        let kind = FieldErrorKind::Missing;
        assert_ne!(kind.message(Lang::Sv), kind.message(Lang::En));
    }
}
