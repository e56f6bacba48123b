//! The upstream payloads parsed into [`Observation`]s: the Riksbank's SWEA API (JSON), the
//! ECB's euro reference rates (XML) and Fixer (JSON).
//!
//! Each parser is all or nothing: a payload that is malformed, truncated or contradicts itself
//! yields an error and no observation, so that half a file never reaches the table beside the
//! last good data. Whether a parsed value is plausible (FX above zero, a sane jump) is
//! `validation`'s question: it holds back single observations, where a broken payload is
//! refused whole.
//!
//! Numbers: the JSON sources send rates as JSON numbers; they are read as their exact text
//! (serde_json's `RawValue`) into `Decimal`, because a trip through `f64` would turn 1.1 into
//! 1.100000000000000088817841970012523.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{Observation, Source};

/// Why a payload was refused; nothing of it is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    /// The payload ends early (a cut connection, a half-written file).
    #[error("{upstream:?} payload is truncated: {detail}")]
    Truncated { upstream: Source, detail: String },
    /// Not the expected JSON or XML shape.
    #[error("{upstream:?} payload is malformed: {detail}")]
    Malformed { upstream: Source, detail: String },
    /// A date or a number that does not parse (`NaN`, `1,5`, `2025-13-01`, a string for a number).
    #[error("{upstream:?} payload has an unreadable {what} {text:?}")]
    Unreadable {
        upstream: Source,
        what: &'static str,
        text: String,
    },
    /// Well-formed but contradicting itself or the request: a date twice, a date outside the
    /// range asked for, another base currency, a day without rates.
    #[error("{upstream:?} payload is inconsistent: {detail}")]
    Inconsistent { upstream: Source, detail: String },
    /// Fixer's own error object (`success: false`), e.g. 104 `usage_limit_reached`.
    #[error("Fixer answered error {code} ({kind}){}", info.as_deref().map(|i| format!(": {i}")).unwrap_or_default())]
    Fixer {
        code: u32,
        kind: String,
        info: Option<String>,
    },
}

impl UpstreamError {
    fn inconsistent(upstream: Source, detail: impl Into<String>) -> Self {
        Self::Inconsistent {
            upstream,
            detail: detail.into(),
        }
    }

    /// serde_json's error for `body`: truncated when it stops at the end of the input (an
    /// "EOF while parsing", or a number cut after its point or exponent sign, which serde_json
    /// calls an invalid number), malformed otherwise.
    fn json(upstream: Source, body: &str, error: &serde_json::Error) -> Self {
        let last_line = body.split('\n').count();
        let last_line_length = body.rsplit('\n').next().map_or(0, str::len);
        let at_the_end = error.line() == last_line && error.column() >= last_line_length;
        let cut_number = at_the_end && body.ends_with(['.', 'e', 'E', '+', '-']);
        if error.is_eof() || cut_number {
            Self::Truncated {
                upstream,
                detail: error.to_string(),
            }
        } else {
            Self::Malformed {
                upstream,
                detail: error.to_string(),
            }
        }
    }
}

/// One element of SWEA's `/Observations/{series}/{from}/{to}` array, and the whole answer of
/// `/Observations/Latest/{series}`. Unknown fields are tolerated: an upstream that adds a field
/// must not stop the import, while a missing or unreadable one does.
#[derive(Deserialize)]
struct SweaObservation {
    date: String,
    value: Box<RawValue>,
}

/// SWEA's `/Observations/{series}/{from}/{to}`: the observations of `series` between `from` and
/// `to` inclusive. An empty array is a valid answer (a range of holidays); a date outside the
/// range asked for, or a date twice, is not.
pub fn swea_observations(
    series: &str,
    from: NaiveDate,
    to: NaiveDate,
    body: &str,
) -> Result<Vec<Observation>, UpstreamError> {
    let parsed: Vec<SweaObservation> =
        serde_json::from_str(body).map_err(|e| UpstreamError::json(Source::Riksbank, body, &e))?;
    let mut seen = BTreeSet::new();
    let mut observations = Vec::with_capacity(parsed.len());
    for item in parsed {
        let observation = swea_observation(series, item)?;
        if observation.date < from || observation.date > to {
            return Err(UpstreamError::inconsistent(
                Source::Riksbank,
                format!(
                    "{series} observation on {} outside the range asked for, {from} to {to}",
                    observation.date
                ),
            ));
        }
        if !seen.insert(observation.date) {
            return Err(UpstreamError::inconsistent(
                Source::Riksbank,
                format!("{series} has {} twice", observation.date),
            ));
        }
        observations.push(observation);
    }
    Ok(observations)
}

/// SWEA's `/Observations/Latest/{series}`: one object.
pub fn swea_latest(series: &str, body: &str) -> Result<Observation, UpstreamError> {
    let parsed: SweaObservation =
        serde_json::from_str(body).map_err(|e| UpstreamError::json(Source::Riksbank, body, &e))?;
    swea_observation(series, parsed)
}

fn swea_observation(series: &str, item: SweaObservation) -> Result<Observation, UpstreamError> {
    Ok(Observation {
        series: series.to_owned(),
        date: date(Source::Riksbank, &item.date)?,
        value: json_number(Source::Riksbank, &item.value)?,
        source: Source::Riksbank,
    })
}

/// The ECB's namespaces, checked so that another XML document served at the same address (an
/// error page, a proxy's notice) is refused rather than read as "no rates".
const GESMES_NAMESPACE: &str = "http://www.gesmes.org/xml/2002-08-01";
const ECB_NAMESPACE: &str = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

/// `<gesmes:Envelope>`. quick-xml matches elements by local name; the namespace bindings are
/// read as attributes and checked. Unknown elements and stray text are refused, not skipped:
/// a rate element with a mangled name or a lost `<` would otherwise vanish without a word.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcbEnvelope {
    #[serde(rename = "@xmlns")]
    namespace: String,
    #[serde(rename = "@xmlns:gesmes")]
    gesmes_namespace: String,
    subject: String,
    #[serde(rename = "Sender")]
    _sender: serde::de::IgnoredAny,
    #[serde(rename = "Cube")]
    cube: EcbCube,
    #[serde(rename = "$text", default)]
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcbCube {
    #[serde(rename = "Cube", default)]
    days: Vec<EcbDay>,
    #[serde(rename = "$text", default)]
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcbDay {
    #[serde(rename = "@time")]
    time: String,
    #[serde(rename = "Cube", default)]
    rates: Vec<EcbRate>,
    #[serde(rename = "$text", default)]
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcbRate {
    #[serde(rename = "@currency")]
    currency: String,
    #[serde(rename = "@rate")]
    rate: String,
    #[serde(rename = "$text", default)]
    text: Option<String>,
}

/// Text where the ECB's file has only elements.
fn stray_text(text: Option<&str>) -> Result<(), UpstreamError> {
    match text.map(str::trim) {
        Some(text) if !text.is_empty() => Err(UpstreamError::Malformed {
            upstream: Source::Ecb,
            detail: format!("text {text:?} among the elements"),
        }),
        _ => Ok(()),
    }
}

/// `eurofxref-daily.xml` (one day) or `eurofxref-hist-90d.xml` (the last ninety days, newest
/// first): units of each currency for one euro. Every day must have rates, no day or currency
/// within a day may come twice; weekends and TARGET holidays are simply absent.
pub fn ecb_reference_rates(body: &str) -> Result<Vec<Observation>, UpstreamError> {
    let envelope: EcbEnvelope = quick_xml::de::from_str(body).map_err(ecb_error)?;
    if envelope.gesmes_namespace != GESMES_NAMESPACE || envelope.namespace != ECB_NAMESPACE {
        return Err(UpstreamError::Malformed {
            upstream: Source::Ecb,
            detail: format!(
                "not the ECB's reference-rate namespaces ({:?}, {:?})",
                envelope.gesmes_namespace, envelope.namespace
            ),
        });
    }
    if envelope.subject.trim() != "Reference rates" {
        return Err(UpstreamError::Malformed {
            upstream: Source::Ecb,
            detail: format!("subject {:?}, not \"Reference rates\"", envelope.subject),
        });
    }
    stray_text(envelope.text.as_deref())?;
    stray_text(envelope.cube.text.as_deref())?;
    if envelope.cube.days.is_empty() {
        return Err(UpstreamError::inconsistent(Source::Ecb, "no day of rates"));
    }
    let mut days = BTreeSet::new();
    let mut observations = Vec::new();
    for day in envelope.cube.days {
        stray_text(day.text.as_deref())?;
        let date = date(Source::Ecb, &day.time)?;
        if !days.insert(date) {
            return Err(UpstreamError::inconsistent(
                Source::Ecb,
                format!("{date} twice"),
            ));
        }
        if day.rates.is_empty() {
            return Err(UpstreamError::inconsistent(
                Source::Ecb,
                format!("{date} has no rates"),
            ));
        }
        let mut currencies = BTreeSet::new();
        for rate in day.rates {
            stray_text(rate.text.as_deref())?;
            let currency = currency(Source::Ecb, &rate.currency)?;
            if !currencies.insert(currency.clone()) {
                return Err(UpstreamError::inconsistent(
                    Source::Ecb,
                    format!("{currency} twice on {date}"),
                ));
            }
            observations.push(Observation {
                series: currency,
                date,
                value: plain_decimal(Source::Ecb, &rate.rate)?,
                source: Source::Ecb,
            });
        }
    }
    Ok(observations)
}

fn ecb_error(error: quick_xml::DeError) -> UpstreamError {
    use quick_xml::errors::{Error, IllFormedError, SyntaxError};
    let truncated = match &error {
        quick_xml::DeError::UnexpectedEof => true,
        quick_xml::DeError::InvalidXml(Error::IllFormed(IllFormedError::MissingEndTag(_))) => true,
        // The reader's "not closed before the end of input" errors: a cut inside a tag,
        // a comment or the declaration.
        quick_xml::DeError::InvalidXml(Error::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedDoubleQuotedAttributeValue
            | SyntaxError::UnclosedSingleQuotedAttributeValue,
        )) => true,
        _ => false,
    };
    let detail = error.to_string();
    if truncated {
        UpstreamError::Truncated {
            upstream: Source::Ecb,
            detail,
        }
    } else {
        UpstreamError::Malformed {
            upstream: Source::Ecb,
            detail,
        }
    }
}

/// Fixer's answer: `success` says which of the two shapes follows.
#[derive(Deserialize)]
struct FixerAnswer {
    success: bool,
    error: Option<FixerErrorBody>,
    base: Option<String>,
    date: Option<String>,
    rates: Option<FixerRates>,
}

#[derive(Deserialize)]
struct FixerErrorBody {
    code: u32,
    #[serde(rename = "type")]
    kind: String,
    info: Option<String>,
}

/// The `rates` object in the order sent, with a currency named twice refused: a map type would
/// silently keep one of the two values.
struct FixerRates(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for FixerRates {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RatesVisitor;
        impl<'de> Visitor<'de> for RatesVisitor {
            type Value = FixerRates;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of currency codes to rates")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FixerRates, A::Error> {
                let mut seen = BTreeSet::new();
                let mut rates = Vec::new();
                while let Some((currency, rate)) = map.next_entry::<String, Box<RawValue>>()? {
                    if !seen.insert(currency.clone()) {
                        return Err(serde::de::Error::custom(format!("{currency} twice")));
                    }
                    rates.push((currency, rate));
                }
                Ok(FixerRates(rates))
            }
        }
        deserializer.deserialize_map(RatesVisitor)
    }
}

/// Fixer's `/latest` or `/{date}` with base EUR (the table keeps units per euro, as the ECB
/// publishes them). The base's own rate must be 1 and is not an observation.
pub fn fixer_rates(body: &str) -> Result<Vec<Observation>, UpstreamError> {
    let answer: FixerAnswer =
        serde_json::from_str(body).map_err(|e| UpstreamError::json(Source::Fixer, body, &e))?;
    let malformed = |detail: &str| UpstreamError::Malformed {
        upstream: Source::Fixer,
        detail: detail.to_owned(),
    };
    if !answer.success {
        let error = answer
            .error
            .ok_or_else(|| malformed("success is false without an error object"))?;
        return Err(UpstreamError::Fixer {
            code: error.code,
            kind: error.kind,
            info: error.info,
        });
    }
    let base = answer.base.ok_or_else(|| malformed("no base"))?;
    let date_text = answer.date.ok_or_else(|| malformed("no date"))?;
    let rates = answer.rates.ok_or_else(|| malformed("no rates"))?;
    if base != "EUR" {
        return Err(UpstreamError::inconsistent(
            Source::Fixer,
            format!("base {base}, not EUR"),
        ));
    }
    let date = date(Source::Fixer, &date_text)?;
    let mut observations = Vec::with_capacity(rates.0.len());
    for (code, raw) in rates.0 {
        let series = currency(Source::Fixer, &code)?;
        let value = json_number(Source::Fixer, &raw)?;
        if series == base {
            if value != Decimal::ONE {
                return Err(UpstreamError::inconsistent(
                    Source::Fixer,
                    format!("the base {base} at {value}, not 1"),
                ));
            }
            continue;
        }
        observations.push(Observation {
            series,
            date,
            value,
            source: Source::Fixer,
        });
    }
    if observations.is_empty() {
        return Err(UpstreamError::inconsistent(Source::Fixer, "no rates"));
    }
    Ok(observations)
}

/// An ISO date, exactly `YYYY-MM-DD` (chrono alone would also take a sign or more digits).
fn date(upstream: Source, text: &str) -> Result<NaiveDate, UpstreamError> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| UpstreamError::Unreadable {
            upstream,
            what: "date",
            text: text.to_owned(),
        })
}

/// An ISO 4217-shaped code: three capital letters.
fn currency(upstream: Source, text: &str) -> Result<String, UpstreamError> {
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(text.to_owned())
    } else {
        Err(UpstreamError::Unreadable {
            upstream,
            what: "currency",
            text: text.to_owned(),
        })
    }
}

/// A JSON number's exact text as a Decimal. Strings, `null` and objects are refused: the
/// sources send numbers, and anything else means the shape changed. Fixer writes very small
/// rates in exponent form (`1.0811954e-05`).
fn json_number(upstream: Source, raw: &RawValue) -> Result<Decimal, UpstreamError> {
    let text = raw.get().trim();
    let unreadable = || UpstreamError::Unreadable {
        upstream,
        what: "number",
        text: text.to_owned(),
    };
    let starts_like_a_number = text.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    if !starts_like_a_number {
        return Err(unreadable());
    }
    // serde_json has already checked the JSON number grammar; what is left is to keep every
    // digit, refusing a value Decimal cannot hold exactly.
    let parsed = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str_exact(text).ok()
    };
    parsed.ok_or_else(unreadable)
}

/// A plain decimal as the ECB writes it (`1.0389`): digits, at most one point, an optional
/// minus. `Decimal::from_str` alone would also take `1_000`, `.5` or `+1`.
fn plain_decimal(upstream: Source, text: &str) -> Result<Decimal, UpstreamError> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = digits(whole) && fraction.is_none_or(digits);
    shaped
        .then(|| Decimal::from_str_exact(text).ok())
        .flatten()
        .ok_or_else(|| UpstreamError::Unreadable {
            upstream,
            what: "number",
            text: text.to_owned(),
        })
}

#[cfg(test)]
mod tests;
