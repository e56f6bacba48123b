//! `POST /reports`'s body, read and checked (API.md "Reports"): the period, the format and the
//! choices that default to the company's settings and the caller's language. Pure: the caller
//! passes the defaults and checks the contract ids against storage.
//!
//! Shape problems (a missing or unknown field, a value of the wrong type, a name not among the
//! choices) answer 400, broken rules (a reversed or too long period, a currency without 2
//! decimals, too many or repeated contract ids) 422, each naming its field.

use chrono::{Months, NaiveDate};
use serde_json::{Value, json};

use super::claims::is_safe_id;
use super::contract::money_currency;
use super::currency::Currency;
use super::i18n::Message;
use super::lang::Lang;
use super::lease::{Framework, RateConvention};
use super::report::render::Format;
use super::report::{Accounts, MAX_PERIOD_MONTHS, ReportRequest};
use super::validation::{Errors, FieldError, FieldErrorKind, Object};

/// The most contracts one request may name: one report item holds the list.
pub const MAX_CONTRACT_IDS: usize = 1000;

const FIELDS: &[&str] = &[
    "periodStart",
    "periodEnd",
    "format",
    "language",
    "reportingCurrency",
    "framework",
    "contractIds",
];
const FORMATS: &[&str] = &["json", "csv", "xlsx"];
const FORMAT_VALUES: &[Format] = &[Format::Json, Format::Csv, Format::Xlsx];
const LANGUAGES: &[&str] = &["sv", "en", "da", "nb", "fi", "lt", "lv", "et"];
const LANGUAGE_VALUES: &[Lang] = &[
    Lang::Sv,
    Lang::En,
    Lang::Da,
    Lang::Nb,
    Lang::Fi,
    Lang::Lt,
    Lang::Lv,
    Lang::Et,
];
const FRAMEWORKS: &[&str] = &["ifrs16", "k3-operating", "k3-finance"];
const FRAMEWORK_VALUES: &[Framework] = &[
    Framework::Ifrs16,
    Framework::K3Operating,
    Framework::K3Finance,
];

/// The API's name of a format.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    }
}

/// The media type of a report file in `format` (CSV is a zip of one CSV file per table).
pub fn format_content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Csv => "application/zip",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
}

/// The file name extension of a report file in `format`.
pub fn format_extension(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Csv => "zip",
        Format::Xlsx => "xlsx",
    }
}

pub fn framework_name(framework: Framework) -> &'static str {
    match framework {
        Framework::Ifrs16 => "ifrs16",
        Framework::K3Operating => "k3-operating",
        Framework::K3Finance => "k3-finance",
    }
}

/// What the request resolves to when it leaves a choice out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDefaults {
    /// The caller's language (`Accept-Language`).
    pub language: Lang,
    /// The company's reporting currency.
    pub reporting_currency: Currency,
    /// The company's framework (`CompanySettings::framework`).
    pub framework: Framework,
}

/// A checked report request with every default resolved: what the report item stores as its
/// `request`, so the report is the same whenever it is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOrder {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub format: Format,
    pub language: Lang,
    pub reporting_currency: Currency,
    pub framework: Framework,
    /// Only these contracts (unique, at most [`MAX_CONTRACT_IDS`]); `None` = the portfolio.
    pub contract_ids: Option<Vec<String>>,
}

/// The first day after the longest period starting on `start`.
fn period_limit(start: NaiveDate) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(MAX_PERIOD_MONTHS))
}

/// Reads `POST /reports`'s body; the errors name their fields.
pub fn parse_report_order(
    body: &Value,
    defaults: &OrderDefaults,
) -> Result<ReportOrder, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(object) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    object.reject_unknown(FIELDS, &mut errors);
    let period_start = object.date("periodStart", &mut errors);
    let period_end = object.date("periodEnd", &mut errors);
    let format = object.one_of("format", FORMATS, FORMAT_VALUES, &mut errors);
    let language = object.optional_one_of("language", LANGUAGES, LANGUAGE_VALUES, &mut errors);
    let framework = object.optional_one_of("framework", FRAMEWORKS, FRAMEWORK_VALUES, &mut errors);
    let reporting_currency = match object.get("reportingCurrency") {
        None => Some(defaults.reporting_currency.clone()),
        // The one reader of a money currency (known, two decimals), as contracts and settings.
        Some(_) => money_currency(&object, "reportingCurrency", &mut errors),
    };
    let contract_ids = contract_ids(object.get("contractIds"), &mut errors);
    if let (Some(start), Some(end)) = (period_start, period_end) {
        if end < start {
            errors.push("periodEnd", FieldErrorKind::EndBeforeStart);
        } else if period_limit(start).is_none_or(|limit| end >= limit) {
            errors.push(
                "periodEnd",
                FieldErrorKind::Rule(
                    Message::new("field-rule-report-period-too-long")
                        .arg("months", MAX_PERIOD_MONTHS)
                        .arg(
                            "before",
                            period_limit(start).map_or_else(String::new, |d| d.to_string()),
                        ),
                ),
            );
        }
    }
    match (
        period_start,
        period_end,
        format,
        language,
        framework,
        reporting_currency,
        contract_ids,
    ) {
        (
            Some(period_start),
            Some(period_end),
            Some(format),
            Some(language),
            Some(framework),
            Some(reporting_currency),
            Some(contract_ids),
        ) if errors.is_empty() => Ok(ReportOrder {
            period_start,
            period_end,
            format,
            language: language.unwrap_or(defaults.language),
            reporting_currency,
            framework: framework.unwrap_or(defaults.framework),
            contract_ids,
        }),
        _ => Err(errors.list),
    }
}

/// `Some(None)` when absent; `Some(Some(ids))` when valid; `None` with errors otherwise.
fn contract_ids(value: Option<&Value>, errors: &mut Errors) -> Option<Option<Vec<String>>> {
    let Some(value) = value else {
        return Some(None);
    };
    let Value::Array(items) = value else {
        errors.push("contractIds", FieldErrorKind::WrongType("array"));
        return None;
    };
    let mut ids: Vec<String> = Vec::with_capacity(items.len());
    let mut ok = true;
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::String(id) => ids.push(id.clone()),
            _ => {
                errors.push(
                    format!("contractIds[{index}]"),
                    FieldErrorKind::WrongType("string"),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    if ids.len() > MAX_CONTRACT_IDS {
        errors.push(
            "contractIds",
            FieldErrorKind::Rule(
                Message::new("field-rule-too-many-contracts").arg("max", MAX_CONTRACT_IDS),
            ),
        );
        return None;
    }
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort();
    if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
        errors.push(
            "contractIds",
            FieldErrorKind::rule("field-rule-contract-named-twice"),
        );
        return None;
    }
    // An id of no possible shape names no contract: the same answer as an unknown one.
    if !ids.iter().all(|id| is_safe_id(id)) {
        errors.push("contractIds", FieldErrorKind::UnknownContract);
        return None;
    }
    Some(Some(ids))
}

impl ReportOrder {
    /// The stored and answered `request`: every choice, defaults resolved.
    pub fn to_json(&self) -> Value {
        let mut value = json!({
            "periodStart": self.period_start,
            "periodEnd": self.period_end,
            "format": format_name(self.format),
            "language": self.language.code(),
            "reportingCurrency": self.reporting_currency.as_str(),
            "framework": framework_name(self.framework),
        });
        if let Some(ids) = &self.contract_ids {
            value["contractIds"] = json!(ids);
        }
        value
    }

    /// The inverse of [`ReportOrder::to_json`] (a stored request).
    pub fn from_json(value: &Value) -> Option<ReportOrder> {
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        let date = |key: &str| NaiveDate::parse_from_str(text(key)?, "%Y-%m-%d").ok();
        let pick = |key: &str, names: &[&str]| names.iter().position(|n| Some(*n) == text(key));
        Some(ReportOrder {
            period_start: date("periodStart")?,
            period_end: date("periodEnd")?,
            format: *FORMAT_VALUES.get(pick("format", FORMATS)?)?,
            language: *LANGUAGE_VALUES.get(pick("language", LANGUAGES)?)?,
            reporting_currency: Currency::parse(text("reportingCurrency")?)?,
            framework: *FRAMEWORK_VALUES.get(pick("framework", FRAMEWORKS)?)?,
            contract_ids: match value.get("contractIds") {
                None | Some(Value::Null) => None,
                Some(ids) => Some(serde_json::from_value(ids.clone()).ok()?),
            },
        })
    }

    /// The domain's request, with the company's rate convention and chart of accounts.
    pub fn report_request(
        &self,
        rate_convention: RateConvention,
        accounts: Accounts,
    ) -> ReportRequest {
        ReportRequest {
            period_start: self.period_start,
            period_end: self.period_end,
            framework: self.framework,
            rate_convention,
            reporting_currency: self.reporting_currency.clone(),
            accounts,
        }
    }

    /// The name the file is downloaded under, e.g. `report-2026-01-01-2026-12-31.xlsx`.
    pub fn file_name(&self) -> String {
        format!(
            "report-{}-{}.{}",
            self.period_start,
            self.period_end,
            format_extension(self.format)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> OrderDefaults {
        OrderDefaults {
            language: Lang::En,
            reporting_currency: Currency::parse("SEK").expect("SEK"),
            framework: Framework::K3Finance,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn refused(body: Value) -> Vec<(String, bool)> {
        parse_report_order(&body, &defaults())
            .expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.kind.is_shape()))
            .collect()
    }

    #[test]
    fn defaults_come_from_the_caller_and_the_company() {
        let order = parse_report_order(
            &json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31", "format": "csv"}),
            &defaults(),
        )
        .expect("valid");
        assert_eq!(order.period_start, date(2026, 1, 1));
        assert_eq!(order.period_end, date(2026, 12, 31));
        assert_eq!(order.format, Format::Csv);
        assert_eq!(order.language, Lang::En);
        assert_eq!(order.reporting_currency.as_str(), "SEK");
        assert_eq!(order.framework, Framework::K3Finance);
        assert_eq!(order.contract_ids, None);
        assert_eq!(order.file_name(), "report-2026-01-01-2026-12-31.zip");
    }

    #[test]
    fn given_choices_win_and_the_stored_request_reads_back() {
        let order = parse_report_order(
            &json!({
                "periodStart": "2026-03-01", "periodEnd": "2026-03-31", "format": "xlsx",
                "language": "fi", "reportingCurrency": "EUR", "framework": "ifrs16",
                "contractIds": ["c-1", "c-2"],
            }),
            &defaults(),
        )
        .expect("valid");
        assert_eq!(order.language, Lang::Fi);
        assert_eq!(order.reporting_currency.as_str(), "EUR");
        assert_eq!(order.framework, Framework::Ifrs16);
        assert_eq!(
            order.contract_ids,
            Some(vec!["c-1".to_owned(), "c-2".to_owned()])
        );
        assert_eq!(ReportOrder::from_json(&order.to_json()), Some(order));
    }

    #[test]
    fn shape_problems_are_400_and_name_the_field() {
        assert_eq!(
            refused(json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31"})),
            vec![("format".to_owned(), true)]
        );
        assert_eq!(
            refused(
                json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31",
                           "format": "pdf", "extra": 1})
            ),
            vec![("extra".to_owned(), true), ("format".to_owned(), true)]
        );
        assert_eq!(
            refused(
                json!({"periodStart": "2026-02-30", "periodEnd": "2026-12-31",
                           "format": "json", "contractIds": "c-1"})
            ),
            vec![
                ("periodStart".to_owned(), true),
                ("contractIds".to_owned(), true)
            ]
        );
        assert_eq!(refused(json!([])), vec![("(body)".to_owned(), true)]);
    }

    #[test]
    fn rule_problems_are_422_and_name_the_field() {
        let base = |extra: Value| {
            let mut body = json!({"periodStart": "2026-01-01", "periodEnd": "2026-12-31",
                                  "format": "json"});
            if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
                body.extend(extra);
            }
            body
        };
        assert_eq!(
            refused(base(json!({"periodEnd": "2025-12-31"}))),
            vec![("periodEnd".to_owned(), false)]
        );
        // Twelve months end the day before the same date a year later.
        assert_eq!(
            refused(base(json!({"periodEnd": "2027-01-01"}))),
            vec![("periodEnd".to_owned(), false)]
        );
        assert_eq!(
            refused(base(json!({"reportingCurrency": "JPY"}))),
            vec![("reportingCurrency".to_owned(), false)]
        );
        assert_eq!(
            refused(base(json!({"reportingCurrency": "XXX"}))),
            vec![("reportingCurrency".to_owned(), false)]
        );
        assert_eq!(
            refused(base(json!({"contractIds": ["a", "a"]}))),
            vec![("contractIds".to_owned(), false)]
        );
        assert_eq!(
            refused(base(json!({"contractIds": ["../x"]}))),
            vec![("contractIds".to_owned(), false)]
        );
        let many: Vec<String> = (0..=MAX_CONTRACT_IDS).map(|i| format!("c-{i}")).collect();
        assert_eq!(
            refused(base(json!({"contractIds": many}))),
            vec![("contractIds".to_owned(), false)]
        );
        let most: Vec<String> = (0..MAX_CONTRACT_IDS).map(|i| format!("c-{i}")).collect();
        assert!(parse_report_order(&base(json!({"contractIds": most})), &defaults()).is_ok());
    }
}
