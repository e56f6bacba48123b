//! Turning untrusted JSON into domain values while collecting every problem, with the path of
//! the field it concerns, so one response can list them all.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

use super::i18n;
use super::lang::Lang;

/// The calendar years a date may have. Wide enough for any lease, history or index base year;
/// narrow enough that every date prints as four digits and date arithmetic never overflows.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

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
    /// An `If-Match` that is not one entity tag (`"3"`, `W/"3"`).
    InvalidEtag,
    // Rule problems: a well-formed document that breaks a business rule (HTTP 422).
    Empty,
    TooLong(usize),
    NotPositive,
    Negative,
    OutOfRange(String, String),
    TooManyDecimals(u32),
    UnknownCurrency,
    /// A known currency whose minor unit (decimals) the engine does not support.
    UnsupportedCurrency(u32),
    /// The contract already has the most versions allowed.
    TooManyVersions(u32),
    EndBeforeStart,
    StepsNotAscending,
    OutsideTerm,
    BeforePreviousVersion,
    /// Text with control characters (CR, LF, NUL, …).
    ControlCharacters,
    /// `contractId` names no contract of the caller's company.
    UnknownContract,
    /// A declared file size above the limit (in bytes): 413, not 422.
    FileTooLarge(u64),
    /// A refusal that names no rule: only a parser bug reaches it (see `ApiError::from_fields`).
    NotAccepted,
    /// `confirm` is not the company's name (a company erasure's confirmation).
    ConfirmationMismatch,
    /// A rule of one check, worded by the catalogue (`field-rule-…` keys).
    Rule(i18n::Message),
}

impl FieldErrorKind {
    /// A rule problem worded by the catalogue text `key` (its variables added with
    /// [`i18n::Message::arg`] on the message).
    pub fn rule(key: &'static str) -> FieldErrorKind {
        FieldErrorKind::Rule(i18n::Message::new(key))
    }

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
                | FieldErrorKind::InvalidEtag
        )
    }

    /// The message in `lang`, from the message catalogue (`field-…` keys).
    pub fn message(&self, lang: Lang) -> String {
        let text = |key: &str, args: &[(&str, &str)]| i18n::text(lang, key, args);
        match self {
            FieldErrorKind::Missing => text("field-missing", &[]),
            FieldErrorKind::Unknown => text("field-unknown", &[]),
            FieldErrorKind::WrongType(expected) => {
                // A type name the catalogue does not know is shown as the code wrote it.
                let expected = match type_key(expected) {
                    Some(key) => text(key, &[]),
                    None => (*expected).to_owned(),
                };
                text("field-wrong-type", &[("expected", &expected)])
            }
            FieldErrorKind::InvalidDate => text(
                "field-invalid-date",
                &[
                    ("min", &MIN_YEAR.to_string()),
                    ("max", &MAX_YEAR.to_string()),
                ],
            ),
            FieldErrorKind::InvalidEtag => text("field-invalid-etag", &[]),
            FieldErrorKind::InvalidDecimal => text("field-invalid-decimal", &[]),
            FieldErrorKind::NotOneOf(allowed) => {
                text("field-not-one-of", &[("allowed", &allowed.join(", "))])
            }
            FieldErrorKind::Empty => text("field-empty", &[]),
            FieldErrorKind::TooLong(max) => text("field-too-long", &[("max", &max.to_string())]),
            FieldErrorKind::NotPositive => text("field-not-positive", &[]),
            FieldErrorKind::Negative => text("field-negative", &[]),
            FieldErrorKind::OutOfRange(min, max) => {
                text("field-out-of-range", &[("min", min), ("max", max)])
            }
            FieldErrorKind::TooManyDecimals(max) => {
                text("field-too-many-decimals", &[("max", &max.to_string())])
            }
            FieldErrorKind::UnknownCurrency => text("field-unknown-currency", &[]),
            FieldErrorKind::UnsupportedCurrency(decimals) => text(
                "field-unsupported-currency",
                &[("decimals", &decimals.to_string())],
            ),
            FieldErrorKind::TooManyVersions(max) => {
                text("field-too-many-versions", &[("max", &max.to_string())])
            }
            FieldErrorKind::EndBeforeStart => text("field-end-before-start", &[]),
            FieldErrorKind::StepsNotAscending => text("field-steps-not-ascending", &[]),
            FieldErrorKind::OutsideTerm => text("field-outside-term", &[]),
            FieldErrorKind::BeforePreviousVersion => text("field-before-previous-version", &[]),
            FieldErrorKind::ControlCharacters => text("field-control-characters", &[]),
            FieldErrorKind::UnknownContract => text("field-unknown-contract", &[]),
            FieldErrorKind::FileTooLarge(max) => {
                let mib = max / (1024 * 1024);
                text(
                    "field-file-too-large",
                    &[("mib", &mib.to_string()), ("bytes", &max.to_string())],
                )
            }
            FieldErrorKind::NotAccepted => text("field-not-accepted", &[]),
            FieldErrorKind::ConfirmationMismatch => text("field-erasure-confirm", &[]),
            FieldErrorKind::Rule(rule) => rule.render(lang),
        }
    }
}

/// The catalogue key of a JSON type name that [`FieldErrorKind::WrongType`] carries.
fn type_key(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "string" => "field-type-string",
        "object" => "field-type-object",
        "array" => "field-type-array",
        "boolean" => "field-type-boolean",
        "integer" => "field-type-integer",
        "number or decimal string" => "field-type-number-or-decimal-string",
        _ => return None,
    })
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

    /// `Some(None)` when absent, `Some(Some(b))` for a JSON boolean, `None` (with an error)
    /// for anything else.
    pub fn optional_bool(&self, key: &str, errors: &mut Errors) -> Option<Option<bool>> {
        match self.get(key) {
            None => Some(None),
            Some(Value::Bool(b)) => Some(Some(*b)),
            Some(_) => {
                errors.push(self.path(key), FieldErrorKind::WrongType("boolean"));
                None
            }
        }
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

/// The one date parser for everything a client sends: exactly `YYYY-MM-DD` (ASCII digits, no
/// sign, no padding, no time), a real calendar day, a year from [`MIN_YEAR`] to [`MAX_YEAR`].
/// chrono's `%Y` alone takes ` 2026`, `+2026` and `-999`, which stored fine and broke later.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// Whether a year is one [`parse_date`] accepts, for dates that arrive inside other formats.
pub fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

pub fn read_date(field: &str, value: &Value, errors: &mut Errors) -> Option<NaiveDate> {
    let Value::String(s) = value else {
        errors.push(field, FieldErrorKind::WrongType("string"));
        return None;
    };
    let date = parse_date(s);
    if date.is_none() {
        errors.push(field, FieldErrorKind::InvalidDate);
    }
    date
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
    let parsed = match Decimal::from_str(&text) {
        // Decimal keeps the scale the client wrote, so "50000.00" is echoed as written.
        Ok(d) if plain => Some(d),
        // serde_json prints a JSON number below 1e-5 with an exponent ("1e-6") however the
        // client wrote it; only a string must be plain.
        _ if value.is_number() => Decimal::from_scientific(&text).ok(),
        _ => None,
    };
    if parsed.is_none() {
        errors.push(field, FieldErrorKind::InvalidDecimal);
    }
    parsed
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
    fn small_json_numbers_are_decimals_although_serde_json_prints_them_with_an_exponent() {
        // 0.000001 % is a valid discount rate; serde_json renders the number as "1e-6".
        let mut errors = Errors::default();
        let rate = serde_json::from_str::<Value>("0.000001").expect("JSON");
        assert_eq!(
            read_decimal("r", &rate, &mut errors).map(|d| d.to_string()),
            Some("0.000001".to_owned())
        );
        assert_eq!(
            read_decimal("r", &json!(2.5e-5), &mut errors).map(|d| d.to_string()),
            Some("0.000025".to_owned())
        );
        assert!(errors.is_empty(), "{:?}", errors.list);
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
    fn dates_are_exactly_four_digit_years_in_range_and_two_digit_months_and_days() {
        for bad in [
            "-999-01-01",
            "0000-01-01",
            " 2026-1-01",
            "2026-1-01",
            "+2026-01-01",
            "+202-01-01",
            "2026-01-01 ",
            "2026-01-1 ",
            "1899-12-31",
            "2201-01-01",
            "2026-02-29",
            "２026-01-01",
            "2026/01/01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_date("1900-01-01"),
            NaiveDate::from_ymd_opt(1900, 1, 1)
        );
        assert_eq!(
            parse_date("2200-12-31"),
            NaiveDate::from_ymd_opt(2200, 12, 31)
        );
        assert_eq!(
            parse_date("2028-02-29"),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
    }

    #[test]
    fn merge_patch_merges_objects_and_null_removes() {
        let mut doc = json!({"a": 1, "p": {"x": 1, "y": 2}, "r": "keep"});
        merge_patch(&mut doc, &json!({"a": 2, "p": {"y": 3}, "r": null}));
        assert_eq!(doc, json!({"a": 2, "p": {"x": 1, "y": 3}}));
    }

    /// Every kind with a fixed wording (a new kind belongs here, so its texts are checked).
    fn every_catalogue_kind() -> Vec<FieldErrorKind> {
        vec![
            FieldErrorKind::Missing,
            FieldErrorKind::Unknown,
            FieldErrorKind::WrongType("string"),
            FieldErrorKind::WrongType("object"),
            FieldErrorKind::WrongType("array"),
            FieldErrorKind::WrongType("boolean"),
            FieldErrorKind::WrongType("integer"),
            FieldErrorKind::WrongType("number or decimal string"),
            FieldErrorKind::InvalidDate,
            FieldErrorKind::InvalidDecimal,
            FieldErrorKind::NotOneOf(&["monthly", "quarterly"]),
            FieldErrorKind::InvalidEtag,
            FieldErrorKind::Empty,
            FieldErrorKind::TooLong(200),
            FieldErrorKind::NotPositive,
            FieldErrorKind::Negative,
            FieldErrorKind::OutOfRange("0.5".into(), "99.5".into()),
            FieldErrorKind::TooManyDecimals(4),
            FieldErrorKind::UnknownCurrency,
            FieldErrorKind::UnsupportedCurrency(3),
            FieldErrorKind::TooManyVersions(500),
            FieldErrorKind::EndBeforeStart,
            FieldErrorKind::StepsNotAscending,
            FieldErrorKind::OutsideTerm,
            FieldErrorKind::BeforePreviousVersion,
            FieldErrorKind::ControlCharacters,
            FieldErrorKind::UnknownContract,
            FieldErrorKind::FileTooLarge(25 * 1024 * 1024),
            FieldErrorKind::NotAccepted,
        ]
    }

    #[test]
    fn every_field_message_is_in_each_language_with_its_variables_filled_in() {
        for kind in every_catalogue_kind() {
            let english = kind.message(Lang::En);
            for (lang, _) in &super::super::i18n::LANGUAGES {
                let message = kind.message(*lang);
                // A key missing from the catalogue answers the key itself.
                assert!(!message.starts_with("field-"), "{kind:?}: {message}");
                assert!(!message.contains('{'), "{kind:?}: {message}");
                if *lang != Lang::En {
                    assert_ne!(message, english, "{kind:?} in {}", lang.code());
                }
                let expected_values: &[&str] = match &kind {
                    FieldErrorKind::InvalidDate => &["1900", "2200"],
                    FieldErrorKind::NotOneOf(_) => &["monthly, quarterly"],
                    FieldErrorKind::TooLong(_) => &["200"],
                    FieldErrorKind::OutOfRange(..) => &["0.5", "99.5"],
                    FieldErrorKind::TooManyDecimals(_) => &["4"],
                    FieldErrorKind::UnsupportedCurrency(_) => &["3"],
                    FieldErrorKind::TooManyVersions(_) => &["500"],
                    FieldErrorKind::FileTooLarge(_) => &["25", "26214400"],
                    _ => &[],
                };
                for value in expected_values {
                    assert!(
                        message.contains(value),
                        "{kind:?} in {}: {message}",
                        lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn the_expected_type_is_named_in_the_callers_language() {
        let kind = FieldErrorKind::WrongType("array");
        assert_eq!(kind.message(Lang::Sv), "fel typ, väntade lista");
        assert_eq!(kind.message(Lang::En), "wrong type, expected array");
        assert_eq!(kind.message(Lang::Da), "forkert type, forventede liste");
        assert_eq!(kind.message(Lang::Et), "vale tüüp, oodati: massiiv");
        // A type the catalogue does not name is shown as the code wrote it.
        assert_eq!(
            FieldErrorKind::WrongType("date").message(Lang::Fi),
            "väärä tyyppi, odotettiin: date"
        );
    }

    #[test]
    fn the_swedish_and_english_wording_clients_compare_is_kept() {
        assert_eq!(
            FieldErrorKind::TooManyDecimals(4).message(Lang::En),
            "at most 4 decimal places"
        );
        assert_eq!(
            FieldErrorKind::InvalidDate.message(Lang::Sv),
            "ogiltigt datum, använd ÅÅÅÅ-MM-DD med år 1900–2200"
        );
        assert_eq!(
            FieldErrorKind::FileTooLarge(10 * 1024 * 1024).message(Lang::En),
            "the file may be at most 10 MiB (10485760 bytes)"
        );
        assert_eq!(
            FieldErrorKind::NotOneOf(&["a", "b"]).message(Lang::Sv),
            "måste vara ett av: a, b"
        );
        assert_eq!(
            FieldErrorKind::InvalidDecimal.message(Lang::En),
            "invalid number, use a decimal such as \"1234.50\""
        );
    }

    #[test]
    fn a_rule_is_answered_in_the_callers_language_with_its_values() {
        let rule = FieldErrorKind::rule("field-rule-code-six-digits");
        assert_eq!(rule.message(Lang::En), "the code has six digits");
        assert_eq!(rule.message(Lang::Sv), "koden består av sex siffror");
        let steps =
            FieldErrorKind::Rule(i18n::Message::new("field-rule-too-many-steps").arg("max", 240));
        assert_eq!(steps.message(Lang::En), "at most 240 steps");
        assert_eq!(steps.message(Lang::Sv), "högst 240 steg");
    }
}
