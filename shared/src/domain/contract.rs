//! Lease contracts: the fields a client sends, parsed into domain types at the boundary.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::currency::Currency;
use super::i18n::Message;
pub use super::lease::{Exemption, Frequency, PaymentStep, Timing};
use super::lease::{
    MAX_AMOUNT, MAX_RATE_PERCENT, MAX_STEPS, MAX_VERSIONS, MONEY_DECIMALS, amount_in_range,
    has_money_precision, rate_in_range, step_within_term,
};
use super::validation::{Errors, FieldError, FieldErrorKind, Object, merge_patch, read_date};

// The money, rate and step rules are the engine's (`domain::lease`), so a document this parser
// accepts is one the engine can account for; only presentation limits live here.
/// The longest name or lessor (OCR proposals of text are cut to it too).
pub const NAME_MAX: usize = 200;
const REFERENCE_MAX: usize = 100;
const REASON_MAX: usize = 1000;
const RATE_DECIMALS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AssetClass {
    Vehicle,
    Equipment,
    It,
    Premises,
    Other,
}

const ASSET_CLASSES: &[&str] = &["vehicle", "equipment", "it", "premises", "other"];
const ASSET_CLASS_VALUES: &[AssetClass] = &[
    AssetClass::Vehicle,
    AssetClass::Equipment,
    AssetClass::It,
    AssetClass::Premises,
    AssetClass::Other,
];

const FREQUENCIES: &[&str] = &["monthly", "quarterly", "semiannual", "annual"];
const FREQUENCY_VALUES: &[Frequency] = &[
    Frequency::Monthly,
    Frequency::Quarterly,
    Frequency::SemiAnnual,
    Frequency::Annual,
];

const TIMINGS: &[&str] = &["advance", "arrears"];
const TIMING_VALUES: &[Timing] = &[Timing::Advance, Timing::Arrears];

const EXEMPTIONS: &[&str] = &["shortTerm", "lowValue"];
const EXEMPTION_VALUES: &[Exemption] = &[Exemption::ShortTerm, Exemption::LowValue];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub amount: Decimal,
    pub frequency: Frequency,
    pub timing: Timing,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<PaymentStep>,
}

/// The terms of one contract version, valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractTerms {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub lessor: String,
    pub asset_class: AssetClass,
    pub currency: Currency,
    pub commencement_date: NaiveDate,
    pub end_date: NaiveDate,
    pub payment: Payment,
    /// Annual rate in percent (IBR or the rate implicit in the lease).
    pub discount_rate: Decimal,
    pub initial_direct_costs: Decimal,
    pub lease_incentives: Decimal,
    pub restoration_costs: Decimal,
    /// K3's "förhöjd första hyra": an increased first fee, spread over the term.
    #[serde(default)]
    pub first_increased_fee: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<Exemption>,
}

/// Every field a contract document may carry.
pub const CONTRACT_FIELDS: &[&str] = &[
    "name",
    "reference",
    "lessor",
    "assetClass",
    "currency",
    "commencementDate",
    "endDate",
    "payment",
    "discountRate",
    "initialDirectCosts",
    "leaseIncentives",
    "restorationCosts",
    "firstIncreasedFee",
    "exemption",
];
/// Every field of a contract's `payment`.
pub const PAYMENT_FIELDS: &[&str] = &["amount", "frequency", "timing", "steps"];
const STEP_FIELDS: &[&str] = &["from", "amount"];

impl ContractTerms {
    /// Parses a whole contract document, reporting every problem at once.
    pub fn parse(value: &Value) -> Result<ContractTerms, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(value, "", &mut errors) else {
            return Err(errors.list);
        };
        obj.reject_unknown(CONTRACT_FIELDS, &mut errors);
        let terms = parse_terms(&obj, &mut errors);
        match terms {
            Some(terms) if errors.is_empty() => Ok(terms),
            _ => Err(errors.list),
        }
    }

    pub fn to_json(&self) -> Value {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The currency at `key` (required): a known ISO 4217 code whose minor unit is the engine's
/// two decimals. The engine keeps schedules in hundredths; a yen or dinar schedule in
/// hundredths would show amounts nobody can pay, so these are refused rather than mis-rounded.
/// Contracts, company settings and report requests all read their currency here.
pub fn money_currency(obj: &Object<'_>, key: &str, errors: &mut Errors) -> Option<Currency> {
    let code = obj.string(key, 3, errors)?;
    let Some(currency) = Currency::parse(&code) else {
        errors.push(obj.path(key), FieldErrorKind::UnknownCurrency);
        return None;
    };
    if currency.minor_units() != MONEY_DECIMALS {
        errors.push(
            obj.path(key),
            FieldErrorKind::UnsupportedCurrency(currency.minor_units()),
        );
        return None;
    }
    Some(currency)
}

fn parse_terms(obj: &Object<'_>, errors: &mut Errors) -> Option<ContractTerms> {
    let name = obj.string("name", NAME_MAX, errors);
    let reference = obj.optional_string("reference", REFERENCE_MAX, errors);
    let lessor = obj.string("lessor", NAME_MAX, errors);
    let asset_class = obj.one_of("assetClass", ASSET_CLASSES, ASSET_CLASS_VALUES, errors);
    let currency = money_currency(obj, "currency", errors);
    let commencement_date = obj.date("commencementDate", errors);
    let end_date = obj.date("endDate", errors);
    if let (Some(start), Some(end)) = (commencement_date, end_date)
        && end < start
    {
        errors.push(obj.path("endDate"), FieldErrorKind::EndBeforeStart);
    }
    let payment = obj
        .get("payment")
        .or_else(|| {
            errors.push(obj.path("payment"), FieldErrorKind::Missing);
            None
        })
        .and_then(|value| parse_payment(value, commencement_date, end_date, errors));
    let discount_rate = obj
        .decimal("discountRate", errors)
        .and_then(|rate| checked_rate(&obj.path("discountRate"), rate, errors));
    let initial_direct_costs = non_negative(obj, "initialDirectCosts", errors);
    let lease_incentives = non_negative(obj, "leaseIncentives", errors);
    let restoration_costs = non_negative(obj, "restorationCosts", errors);
    let first_increased_fee = non_negative(obj, "firstIncreasedFee", errors);
    let exemption = obj.optional_one_of("exemption", EXEMPTIONS, EXEMPTION_VALUES, errors);

    Some(ContractTerms {
        name: name?,
        reference,
        lessor: lessor?,
        asset_class: asset_class?,
        currency: currency?,
        commencement_date: commencement_date?,
        end_date: end_date?,
        payment: payment?,
        discount_rate: discount_rate?,
        initial_direct_costs: initial_direct_costs?,
        lease_incentives: lease_incentives?,
        restoration_costs: restoration_costs?,
        first_increased_fee: first_increased_fee?,
        exemption: exemption?,
    })
}

fn parse_payment(
    value: &Value,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    errors: &mut Errors,
) -> Option<Payment> {
    let obj = Object::new(value, "payment", errors)?;
    obj.reject_unknown(PAYMENT_FIELDS, errors);
    let amount = obj
        .decimal("amount", errors)
        .and_then(|a| positive_amount(&obj.path("amount"), a, errors));
    let frequency = obj.one_of("frequency", FREQUENCIES, FREQUENCY_VALUES, errors);
    let timing = obj.one_of("timing", TIMINGS, TIMING_VALUES, errors);
    let steps = match obj.get("steps") {
        None => Some(Vec::new()),
        Some(Value::Array(items)) => parse_steps(items, start, end, errors),
        Some(_) => {
            errors.push("payment.steps", FieldErrorKind::WrongType("array"));
            None
        }
    };
    Some(Payment {
        amount: amount?,
        frequency: frequency?,
        timing: timing?,
        steps: steps?,
    })
}

fn parse_steps(
    items: &[Value],
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    errors: &mut Errors,
) -> Option<Vec<PaymentStep>> {
    if items.len() > MAX_STEPS {
        errors.push(
            "payment.steps",
            FieldErrorKind::Rule(Message::new("field-rule-too-many-steps").arg("max", MAX_STEPS)),
        );
        return None;
    }
    let mut steps = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("payment.steps[{i}]");
        let Some(obj) = Object::new(item, &prefix, errors) else {
            ok = false;
            continue;
        };
        obj.reject_unknown(STEP_FIELDS, errors);
        let from = match obj.get("from") {
            Some(value) => read_date(&obj.path("from"), value, errors),
            None => {
                errors.push(obj.path("from"), FieldErrorKind::Missing);
                None
            }
        };
        let amount = obj
            .decimal("amount", errors)
            .and_then(|a| positive_amount(&obj.path("amount"), a, errors));
        if let Some(from) = from {
            let inside = match (start, end) {
                (Some(start), Some(end)) => step_within_term(from, start, end),
                // Without a valid term there is nothing to check against; those errors are
                // reported on the dates themselves.
                _ => true,
            };
            if !inside {
                errors.push(obj.path("from"), FieldErrorKind::OutsideTerm);
            }
            if let Some(previous) = steps.last().map(|s: &PaymentStep| s.from)
                && from <= previous
            {
                errors.push(obj.path("from"), FieldErrorKind::StepsNotAscending);
            }
        }
        match (from, amount) {
            (Some(from), Some(amount)) => steps.push(PaymentStep { from, amount }),
            _ => ok = false,
        }
    }
    ok.then_some(steps)
}

fn positive_amount(field: &str, amount: Decimal, errors: &mut Errors) -> Option<Decimal> {
    if amount <= Decimal::ZERO {
        errors.push(field, FieldErrorKind::NotPositive);
        return None;
    }
    amount_shape(field, amount, errors)
}

fn non_negative(obj: &Object<'_>, key: &str, errors: &mut Errors) -> Option<Decimal> {
    let amount = obj.optional_decimal(key, errors)?.unwrap_or(Decimal::ZERO);
    if amount < Decimal::ZERO {
        errors.push(obj.path(key), FieldErrorKind::Negative);
        return None;
    }
    amount_shape(&obj.path(key), amount, errors)
}

fn amount_shape(field: &str, amount: Decimal, errors: &mut Errors) -> Option<Decimal> {
    if !has_money_precision(amount) {
        errors.push(field, FieldErrorKind::TooManyDecimals(MONEY_DECIMALS));
        return None;
    }
    if !amount_in_range(amount) {
        errors.push(
            field,
            FieldErrorKind::OutOfRange("0".into(), MAX_AMOUNT.to_string()),
        );
        return None;
    }
    Some(amount)
}

fn checked_rate(field: &str, rate: Decimal, errors: &mut Errors) -> Option<Decimal> {
    if !rate_in_range(rate) {
        errors.push(
            field,
            FieldErrorKind::OutOfRange("0".into(), MAX_RATE_PERCENT.to_string()),
        );
        return None;
    }
    if rate.scale() > RATE_DECIMALS {
        errors.push(field, FieldErrorKind::TooManyDecimals(RATE_DECIMALS));
        return None;
    }
    Some(rate)
}

/// A parsed PATCH: the new version's terms, its effective date and the reason for the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractChange {
    pub terms: ContractTerms,
    pub effective_from: NaiveDate,
    pub reason: String,
    /// The contract fields the PATCH named, for the audit record.
    pub changed_fields: Vec<String>,
}

impl ContractChange {
    /// Applies a PATCH body to the current terms. Fields the body does not name are kept;
    /// objects merge (RFC 7396), so `{"payment": {"amount": "54000"}}` keeps the frequency.
    pub fn parse(
        body: &Value,
        current: &ContractTerms,
        latest_effective_from: NaiveDate,
    ) -> Result<ContractChange, Vec<FieldError>> {
        let mut errors = Errors::default();
        let Some(obj) = Object::new(body, "", &mut errors) else {
            return Err(errors.list);
        };
        let mut allowed: Vec<&str> = CONTRACT_FIELDS.to_vec();
        allowed.extend(["effectiveFrom", "reason"]);
        obj.reject_unknown(&allowed, &mut errors);
        let effective_from = obj.date("effectiveFrom", &mut errors);
        let reason = obj.string("reason", REASON_MAX, &mut errors);
        let mut changes = body.clone();
        let mut changed_fields = Vec::new();
        if let Value::Object(map) = &mut changes {
            map.remove("effectiveFrom");
            map.remove("reason");
            map.retain(|k, _| CONTRACT_FIELDS.contains(&k.as_str()));
            changed_fields = map.keys().cloned().collect();
        }
        if changed_fields.is_empty() && errors.is_empty() {
            errors.push(
                "(body)",
                FieldErrorKind::rule("field-rule-contract-change-names-nothing"),
            );
        }
        let mut merged = current.to_json();
        merge_patch(&mut merged, &changes);
        let terms = match ContractTerms::parse(&merged) {
            Ok(terms) => Some(terms),
            Err(list) => {
                // Top-level unknown fields were already reported against the PATCH body;
                // nested ones (`payment.bonus`) only show up here.
                let top_level_unknown = |e: &FieldError| {
                    e.kind == FieldErrorKind::Unknown && !e.field.contains(['.', '['])
                };
                errors
                    .list
                    .extend(list.into_iter().filter(|e| !top_level_unknown(e)));
                None
            }
        };
        if let Some(terms) = &terms {
            for field in fixed_at_commencement(current, terms) {
                errors.push(
                    field,
                    FieldErrorKind::rule("field-rule-fixed-at-commencement"),
                );
            }
        }
        if let (Some(date), Some(terms)) = (effective_from, &terms) {
            if date < terms.commencement_date || date > terms.end_date {
                errors.push("effectiveFrom", FieldErrorKind::OutsideTerm);
            } else if date < latest_effective_from {
                errors.push("effectiveFrom", FieldErrorKind::BeforePreviousVersion);
            }
        }
        let change = match (terms, effective_from, reason) {
            (Some(terms), Some(effective_from), Some(reason)) => Some(ContractChange {
                terms,
                effective_from,
                reason,
                changed_fields,
            }),
            _ => None,
        };
        match change {
            Some(change) if errors.is_empty() => Ok(change),
            _ => Err(errors.list),
        }
    }
}

/// The fields that belong to the initial recognition (or the whole contract) and so cannot
/// change in a later version: the engine measures them once, at commencement, and one
/// timeline has one currency.
fn fixed_at_commencement(current: &ContractTerms, next: &ContractTerms) -> Vec<&'static str> {
    [
        ("currency", next.currency != current.currency),
        (
            "commencementDate",
            next.commencement_date != current.commencement_date,
        ),
        (
            "initialDirectCosts",
            next.initial_direct_costs != current.initial_direct_costs,
        ),
        (
            "leaseIncentives",
            next.lease_incentives != current.lease_incentives,
        ),
        (
            "restorationCosts",
            next.restoration_costs != current.restoration_costs,
        ),
        (
            "firstIncreasedFee",
            next.first_increased_fee != current.first_increased_fee,
        ),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect()
}

/// The number of the version a change would create, or the refusal when the contract already
/// has the most versions the engine schedules.
pub fn next_version(current: u32) -> Result<u32, Vec<FieldError>> {
    if current >= MAX_VERSIONS {
        return Err(vec![FieldError {
            field: "(body)".into(),
            kind: FieldErrorKind::TooManyVersions(MAX_VERSIONS),
        }]);
    }
    Ok(current + 1)
}

/// Parses the body of an archive request: `{reason}`.
pub fn parse_reason(body: &Value) -> Result<String, Vec<FieldError>> {
    let mut errors = Errors::default();
    let Some(obj) = Object::new(body, "", &mut errors) else {
        return Err(errors.list);
    };
    obj.reject_unknown(&["reason"], &mut errors);
    let reason = obj.string("reason", REASON_MAX, &mut errors);
    match reason {
        Some(reason) if errors.is_empty() => Ok(reason),
        _ => Err(errors.list),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    pub fn ie13() -> Value {
        json!({
            "name": "Office floor, Sveavägen 1",
            "reference": "LA-2026-001",
            "lessor": "Fastighets AB Exempel",
            "assetClass": "premises",
            "currency": "SEK",
            "commencementDate": "2026-01-01",
            "endDate": "2035-12-31",
            "payment": {"amount": "50000.00", "frequency": "annual", "timing": "advance",
                        "steps": [{"from": "2031-01-01", "amount": "52000.00"}]},
            "discountRate": "5.0",
            "initialDirectCosts": "20000",
            "leaseIncentives": 5000,
            "restorationCosts": "0"
        })
    }

    fn kinds(value: Value) -> Vec<(String, FieldErrorKind)> {
        ContractTerms::parse(&value)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.kind))
            .collect()
    }

    #[test]
    fn the_api_example_parses_and_round_trips() {
        let terms = ContractTerms::parse(&ie13()).expect("valid");
        assert_eq!(terms.payment.amount.to_string(), "50000.00");
        assert_eq!(terms.lease_incentives.to_string(), "5000");
        assert_eq!(ContractTerms::parse(&terms.to_json()), Ok(terms));
    }

    #[test]
    fn unknown_fields_are_refused_at_every_level() {
        let mut doc = ie13();
        doc["colour"] = json!("red");
        doc["payment"]["bonus"] = json!(1);
        let errors = kinds(doc);
        assert!(errors.contains(&("colour".into(), FieldErrorKind::Unknown)));
        assert!(errors.contains(&("payment.bonus".into(), FieldErrorKind::Unknown)));
    }

    #[test]
    fn every_missing_required_field_is_listed() {
        let errors = kinds(json!({}));
        for field in [
            "name",
            "lessor",
            "assetClass",
            "currency",
            "commencementDate",
            "endDate",
            "payment",
            "discountRate",
        ] {
            assert!(
                errors.contains(&(field.into(), FieldErrorKind::Missing)),
                "{field}"
            );
        }
        assert!(errors.iter().all(|(_, k)| k.is_shape()));
    }

    #[test]
    fn zero_and_negative_amounts_break_a_rule() {
        let mut doc = ie13();
        doc["payment"]["amount"] = json!("0");
        doc["initialDirectCosts"] = json!(-1);
        let errors = kinds(doc);
        assert!(errors.contains(&("payment.amount".into(), FieldErrorKind::NotPositive)));
        assert!(errors.contains(&("initialDirectCosts".into(), FieldErrorKind::Negative)));
        assert!(errors.iter().all(|(_, k)| !k.is_shape()));
    }

    #[test]
    fn end_before_start_and_unknown_currency_are_rule_errors() {
        let mut doc = ie13();
        doc["endDate"] = json!("2025-12-31");
        doc["currency"] = json!("XXX");
        doc["payment"]["steps"] = json!([]);
        let errors = kinds(doc);
        assert!(errors.contains(&("endDate".into(), FieldErrorKind::EndBeforeStart)));
        assert!(errors.contains(&("currency".into(), FieldErrorKind::UnknownCurrency)));
    }

    #[test]
    fn wrong_types_are_shape_errors() {
        let mut doc = ie13();
        doc["name"] = json!(42);
        doc["payment"]["frequency"] = json!("weekly");
        doc["discountRate"] = json!([5]);
        let errors = kinds(doc);
        assert!(errors.contains(&("name".into(), FieldErrorKind::WrongType("string"))));
        assert!(errors.contains(&(
            "payment.frequency".into(),
            FieldErrorKind::NotOneOf(FREQUENCIES)
        )));
        assert!(errors.iter().all(|(_, k)| k.is_shape()));
    }

    #[test]
    fn rate_must_lie_between_zero_and_one_hundred() {
        let mut doc = ie13();
        doc["discountRate"] = json!("100.5");
        assert_eq!(
            kinds(doc),
            vec![(
                "discountRate".into(),
                FieldErrorKind::OutOfRange("0".into(), "100".into())
            )]
        );
    }

    #[test]
    fn steps_must_ascend_and_lie_inside_the_term() {
        let mut doc = ie13();
        doc["payment"]["steps"] = json!([
            {"from": "2031-01-01", "amount": "52000"},
            {"from": "2030-01-01", "amount": "53000"},
            {"from": "2040-01-01", "amount": "54000"}
        ]);
        let errors = kinds(doc);
        assert!(errors.contains(&(
            "payment.steps[1].from".into(),
            FieldErrorKind::StepsNotAscending
        )));
        assert!(errors.contains(&("payment.steps[2].from".into(), FieldErrorKind::OutsideTerm)));
    }

    #[test]
    fn a_patch_keeps_unnamed_fields_and_merges_payment() {
        let current = ContractTerms::parse(&ie13()).expect("valid");
        let body = json!({"payment": {"amount": "54000"}, "effectiveFrom": "2031-01-01",
                          "reason": "CPI uplift"});
        let change =
            ContractChange::parse(&body, &current, current.commencement_date).expect("valid patch");
        assert_eq!(change.terms.payment.amount.to_string(), "54000");
        assert_eq!(change.terms.payment.frequency, Frequency::Annual);
        assert_eq!(change.terms.discount_rate, current.discount_rate);
        assert_eq!(change.changed_fields, vec!["payment".to_owned()]);
    }

    #[test]
    fn a_patch_needs_a_reason_and_an_effective_date_inside_the_term() {
        let current = ContractTerms::parse(&ie13()).expect("valid");
        let errors = ContractChange::parse(
            &json!({"name": "x", "effectiveFrom": "2040-01-01"}),
            &current,
            current.commencement_date,
        )
        .expect_err("invalid");
        let kinds: Vec<_> = errors.into_iter().map(|e| (e.field, e.kind)).collect();
        assert!(kinds.contains(&("reason".into(), FieldErrorKind::Missing)));
        assert!(kinds.contains(&("effectiveFrom".into(), FieldErrorKind::OutsideTerm)));
    }

    #[test]
    fn a_patch_may_not_go_back_before_the_latest_version() {
        let current = ContractTerms::parse(&ie13()).expect("valid");
        let latest = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
        let errors = ContractChange::parse(
            &json!({"name": "x", "effectiveFrom": "2029-01-01", "reason": "r"}),
            &current,
            latest,
        )
        .expect_err("invalid");
        assert_eq!(errors[0].kind, FieldErrorKind::BeforePreviousVersion);
    }

    #[test]
    fn a_patch_reports_nested_unknown_fields() {
        let current = ContractTerms::parse(&ie13()).expect("valid");
        let errors = ContractChange::parse(
            &json!({"payment": {"bonus": 1}, "effectiveFrom": "2027-01-01", "reason": "r"}),
            &current,
            current.commencement_date,
        )
        .expect_err("invalid");
        assert_eq!(errors[0].field, "payment.bonus");
        assert_eq!(errors[0].kind, FieldErrorKind::Unknown);
    }

    #[test]
    fn currency_and_initial_costs_cannot_change_in_a_later_version() {
        let current = ContractTerms::parse(&ie13()).expect("valid");
        let errors = ContractChange::parse(
            &json!({"currency": "EUR", "initialDirectCosts": "1", "effectiveFrom": "2027-01-01",
                    "reason": "r"}),
            &current,
            current.commencement_date,
        )
        .expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["currency", "initialDirectCosts"]);
    }

    /// The engine's verdict on the IE13 terms with one field replaced.
    fn engine_accepts(change: impl FnOnce(&mut crate::domain::lease::LeaseTerms)) -> bool {
        let mut terms = ContractTerms::parse(&ie13()).expect("valid").lease_terms();
        change(&mut terms);
        crate::domain::lease::validate_terms(&terms).is_ok()
    }

    fn parser_accepts(change: impl FnOnce(&mut Value)) -> bool {
        let mut doc = ie13();
        change(&mut doc);
        ContractTerms::parse(&doc).is_ok()
    }

    #[test]
    fn the_parser_and_the_engine_agree_on_the_money_limit() {
        for amount in [
            "999999999999.99",
            "1000000000000",
            "10000000000000",
            "1000000000000000",
            "1000000000000000.01",
            "50000.000",
            "50000.001",
        ] {
            let value = crate::domain::lease::test_support::d(amount);
            assert_eq!(
                parser_accepts(|doc| doc["initialDirectCosts"] = json!(amount)),
                engine_accepts(|t| t.initial_direct_costs = value),
                "{amount}"
            );
        }
        assert!(parser_accepts(
            |doc| doc["initialDirectCosts"] = json!("1000000000000000")
        ));
        assert!(!parser_accepts(
            |doc| doc["initialDirectCosts"] = json!("1000000000000000.01")
        ));
    }

    #[test]
    fn the_parser_and_the_engine_agree_on_the_rate_range() {
        for rate in ["-0.000001", "0", "99.999999", "100", "100.000001"] {
            let value = crate::domain::lease::test_support::d(rate);
            assert_eq!(
                parser_accepts(|doc| doc["discountRate"] = json!(rate)),
                engine_accepts(|t| t.annual_rate_percent = value),
                "{rate}"
            );
        }
    }

    #[test]
    fn the_parser_and_the_engine_agree_on_a_step_at_commencement_and_at_the_end() {
        for from in ["2026-01-01", "2035-12-31", "2025-12-31", "2036-01-01"] {
            let date = NaiveDate::parse_from_str(from, "%Y-%m-%d").expect("date");
            assert_eq!(
                parser_accepts(
                    |doc| doc["payment"]["steps"] = json!([{"from": from, "amount": "52000"}])
                ),
                engine_accepts(|t| t.steps = vec![PaymentStep {
                    from: date,
                    amount: crate::domain::lease::test_support::d("52000"),
                }]),
                "{from}"
            );
        }
    }

    #[test]
    fn the_parser_and_the_engine_agree_on_the_number_of_steps() {
        let steps = |n: usize| -> Vec<Value> {
            (0..n)
                .map(|i| {
                    let from = NaiveDate::from_ymd_opt(2026, 1, 2)
                        .and_then(|d| d.checked_add_days(chrono::Days::new(i as u64)))
                        .expect("date");
                    json!({"from": from, "amount": "50000"})
                })
                .collect()
        };
        for n in [MAX_STEPS, MAX_STEPS + 1] {
            let list = steps(n);
            let parsed: Vec<PaymentStep> =
                serde_json::from_value(Value::Array(list.clone())).expect("steps");
            assert_eq!(
                parser_accepts(|doc| doc["payment"]["steps"] = Value::Array(list)),
                engine_accepts(|t| t.steps = parsed),
                "{n} steps"
            );
        }
    }

    #[test]
    fn currencies_whose_minor_unit_is_not_two_decimals_are_refused_as_a_rule() {
        for code in ["JPY", "KWD", "ISK"] {
            let errors = kinds({
                let mut doc = ie13();
                doc["currency"] = json!(code);
                doc
            });
            assert_eq!(errors.len(), 1, "{code}: {errors:?}");
            assert_eq!(errors[0].0, "currency");
            assert!(matches!(
                errors[0].1,
                FieldErrorKind::UnsupportedCurrency(_)
            ));
            assert!(!errors[0].1.is_shape());
        }
    }

    #[test]
    fn the_five_hundred_and_first_version_is_refused() {
        assert_eq!(next_version(1), Ok(2));
        assert_eq!(next_version(MAX_VERSIONS - 1), Ok(MAX_VERSIONS));
        assert!(next_version(MAX_VERSIONS).is_err());
    }

    #[test]
    fn archive_needs_a_reason_only() {
        assert_eq!(
            parse_reason(&json!({"reason": " sold "})),
            Ok("sold".to_owned())
        );
        assert!(parse_reason(&json!({"reason": "x", "force": true})).is_err());
        assert!(parse_reason(&json!({})).is_err());
    }
}
