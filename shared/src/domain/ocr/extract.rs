//! The parsed document → proposed contract fields (`Proposed`, by the names in [`fields`]).
//!
//! Three sources, in order of trust:
//! 1. **Query answers**: Textract's answer to a question of [`super::queries::LEASE_QUERIES`];
//!    the query's alias is the field name.
//! 2. **Key-values**: form fields (Textract's FORMS, or the local engine's pairs from
//!    `Label: value` lines), then the rows of tables read as label | value.
//! 3. **Lines**: `Label: value`, `Label value`, a label alone with its value on the next line;
//!    and, for the index clause, a line that names a price index.
//!
//! A label (Swedish or English, see [`LABELS`]) says what the value is; the value's reader
//! ([`super::values`]) must then find one (an amount, a date, ...) or the candidate is dropped.
//! A rent text also tells the currency and the frequency (`12 500 kr per månad`): those are
//! *derived* candidates, used only when nothing states the field itself. For each field the
//! best candidate wins: stated before derived, then the earlier source, then the clearer form
//! (`Label: value` before a label on its own line before `Label value` before a mention), then
//! the higher confidence (query answers) or the first in reading order (a lease names its
//! parties and terms before it refers back to them).
//!
//! Confidence is the OCR's confidence in the text the value was read from (0–100): the query
//! answer's, the key-value pair's (its lower half), the line's (the lower of two lines).

use std::cmp::{Ordering, Reverse};

use super::fields;
use super::parse::{Line, ParsedDocument};
use super::values;
use super::{Proposal, ProposalSource, Proposed};

/// The source text kept with a proposal is cut to this many characters: a line can be a
/// whole paragraph, and the proposal is stored on the document record.
pub const SOURCE_TEXT_MAX: usize = 500;

/// A label names at most this many words; a longer text before a colon is a sentence.
const LABEL_TEXT_MAX_WORDS: usize = 6;

/// What a label (or a query alias) says its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Rent,
    Frequency,
    Currency,
    Start,
    End,
    /// The whole term: two dates (`2026-01-01 – 2030-12-31`).
    Term,
    Lessor,
    Lessee,
    Asset,
    Notice,
    Index,
}

/// Labels, folded (lower case, `å`/`ä` → `a`, `ö` → `o`) as [`values::fold`] does, so a
/// diacritic lost by the OCR still matches. Matched on whole words; the longest wins.
const LABELS: &[(&str, Subject)] = &[
    // The rent.
    ("hyra", Subject::Rent),
    ("hyran", Subject::Rent),
    ("hyran ar", Subject::Rent),
    ("manadshyra", Subject::Rent),
    ("kvartalshyra", Subject::Rent),
    ("arshyra", Subject::Rent),
    ("arlig hyra", Subject::Rent),
    ("grundhyra", Subject::Rent),
    ("bashyra", Subject::Rent),
    ("hyresbelopp", Subject::Rent),
    ("leasingavgift", Subject::Rent),
    ("leasingavgiften", Subject::Rent),
    ("leasavgift", Subject::Rent),
    ("manadsavgift", Subject::Rent),
    ("manadskostnad", Subject::Rent),
    ("rent", Subject::Rent),
    ("monthly rent", Subject::Rent),
    ("annual rent", Subject::Rent),
    ("base rent", Subject::Rent),
    ("rental", Subject::Rent),
    ("lease payment", Subject::Rent),
    ("lease fee", Subject::Rent),
    ("leasing fee", Subject::Rent),
    ("periodic payment", Subject::Rent),
    // How often it is paid.
    ("betalningsperiod", Subject::Frequency),
    ("betalningsintervall", Subject::Frequency),
    ("betalningsfrekvens", Subject::Frequency),
    ("betalas", Subject::Frequency),
    ("hyran betalas", Subject::Frequency),
    ("avgiften betalas", Subject::Frequency),
    ("betalning sker", Subject::Frequency),
    ("payment frequency", Subject::Frequency),
    ("payment interval", Subject::Frequency),
    ("payment period", Subject::Frequency),
    ("payable", Subject::Frequency),
    ("rent is payable", Subject::Frequency),
    // The currency.
    ("valuta", Subject::Currency),
    ("currency", Subject::Currency),
    // The first day.
    ("tilltrade", Subject::Start),
    ("tilltradesdag", Subject::Start),
    ("tilltradesdatum", Subject::Start),
    ("startdatum", Subject::Start),
    ("startdag", Subject::Start),
    ("hyresperiodens borjan", Subject::Start),
    ("hyrestidens borjan", Subject::Start),
    ("avtalets borjan", Subject::Start),
    ("avtalsstart", Subject::Start),
    ("leasingstart", Subject::Start),
    ("leasingperiodens borjan", Subject::Start),
    ("giltig fran", Subject::Start),
    ("fran och med", Subject::Start),
    ("fr o m", Subject::Start),
    ("commencement", Subject::Start),
    ("commencement date", Subject::Start),
    ("start date", Subject::Start),
    ("lease start", Subject::Start),
    ("term start", Subject::Start),
    ("start of lease", Subject::Start),
    ("start of term", Subject::Start),
    ("effective date", Subject::Start),
    // The last day.
    ("upphor", Subject::End),
    ("upphorandedag", Subject::End),
    ("upphorandedatum", Subject::End),
    ("avtalet upphor", Subject::End),
    ("hyresavtalet upphor", Subject::End),
    ("hyrestiden upphor", Subject::End),
    ("leasingavtalet upphor", Subject::End),
    ("leasingperioden upphor", Subject::End),
    ("slutdatum", Subject::End),
    ("slutdag", Subject::End),
    ("hyresperiodens slut", Subject::End),
    ("hyrestidens slut", Subject::End),
    ("hyrestidens utgang", Subject::End),
    ("avtalets slut", Subject::End),
    ("leasingperiodens slut", Subject::End),
    ("giltig till", Subject::End),
    ("till och med", Subject::End),
    ("t o m", Subject::End),
    ("end date", Subject::End),
    ("expiry", Subject::End),
    ("expiry date", Subject::End),
    ("expiration date", Subject::End),
    ("expires", Subject::End),
    ("termination date", Subject::End),
    ("lease end", Subject::End),
    ("term end", Subject::End),
    ("end of lease", Subject::End),
    ("end of term", Subject::End),
    // The term as a whole.
    ("hyrestid", Subject::Term),
    ("hyrestiden", Subject::Term),
    ("hyresperiod", Subject::Term),
    ("hyresperioden", Subject::Term),
    ("avtalstid", Subject::Term),
    ("avtalstiden", Subject::Term),
    ("avtalsperiod", Subject::Term),
    ("leasingperiod", Subject::Term),
    ("leasingperioden", Subject::Term),
    ("leasingtid", Subject::Term),
    ("lease term", Subject::Term),
    ("term", Subject::Term),
    ("lease period", Subject::Term),
    ("rental period", Subject::Term),
    // The parties.
    ("hyresvard", Subject::Lessor),
    ("hyresvarden", Subject::Lessor),
    ("uthyrare", Subject::Lessor),
    ("uthyraren", Subject::Lessor),
    ("leverantor", Subject::Lessor),
    ("leverantoren", Subject::Lessor),
    ("leasegivare", Subject::Lessor),
    ("leasinggivare", Subject::Lessor),
    ("leasingbolag", Subject::Lessor),
    ("fastighetsagare", Subject::Lessor),
    ("lessor", Subject::Lessor),
    ("landlord", Subject::Lessor),
    ("hyresgast", Subject::Lessee),
    ("hyresgasten", Subject::Lessee),
    ("leasetagare", Subject::Lessee),
    ("leasetagaren", Subject::Lessee),
    ("leasingtagare", Subject::Lessee),
    ("leasingtagaren", Subject::Lessee),
    ("lessee", Subject::Lessee),
    ("tenant", Subject::Lessee),
    // What is leased.
    ("objekt", Subject::Asset),
    ("objektet", Subject::Asset),
    ("leasingobjekt", Subject::Asset),
    ("leasobjekt", Subject::Asset),
    ("hyresobjekt", Subject::Asset),
    ("hyresobjektet", Subject::Asset),
    ("lokal", Subject::Asset),
    ("lokalen", Subject::Asset),
    ("lokaler", Subject::Asset),
    ("lokalerna", Subject::Asset),
    ("fastighet", Subject::Asset),
    ("fastigheten", Subject::Asset),
    ("fastighetsbeteckning", Subject::Asset),
    ("utrustning", Subject::Asset),
    ("fordon", Subject::Asset),
    ("asset", Subject::Asset),
    ("leased asset", Subject::Asset),
    ("underlying asset", Subject::Asset),
    ("premises", Subject::Asset),
    ("the premises", Subject::Asset),
    ("property", Subject::Asset),
    ("equipment", Subject::Asset),
    ("vehicle", Subject::Asset),
    // Notice and index.
    ("uppsagningstid", Subject::Notice),
    ("uppsagningstiden", Subject::Notice),
    ("uppsagning", Subject::Notice),
    ("notice period", Subject::Notice),
    ("period of notice", Subject::Notice),
    ("notice", Subject::Notice),
    ("indexklausul", Subject::Index),
    ("indexklausulen", Subject::Index),
    ("index", Subject::Index),
    ("indexering", Subject::Index),
    ("indexreglering", Subject::Index),
    ("indexupprakning", Subject::Index),
    ("index clause", Subject::Index),
    ("indexation", Subject::Index),
    ("rent indexation", Subject::Index),
];

/// A key with one of these words names something about a party or the asset (its number,
/// address, signature), not the party or the asset: `Hyresgäst org.nr:`, `Lessor address:`.
const NOT_THE_THING_ITSELF: &[&str] = &[
    "org",
    "orgnr",
    "organisationsnummer",
    "nr",
    "nummer",
    "number",
    "no",
    "id",
    "adress",
    "address",
    "postadress",
    "telefon",
    "tel",
    "phone",
    "epost",
    "email",
    "mail",
    "bankgiro",
    "plusgiro",
    "konto",
    "account",
    "kontaktperson",
    "contact",
    "referens",
    "reference",
    "underskrift",
    "namnteckning",
    "signatur",
    "signature",
];

/// Words that make a line an index clause wherever they stand.
const PRICE_INDEX_WORDS: &[&[&str]] = &[
    &["kpi"],
    &["konsumentprisindex"],
    &["konsumentprisindexet"],
    &["cpi"],
    &["hicp"],
    &["consumer", "price", "index"],
];

fn subject_of_alias(alias: &str) -> Option<Subject> {
    Some(match alias {
        fields::PAYMENT_AMOUNT => Subject::Rent,
        fields::PAYMENT_FREQUENCY => Subject::Frequency,
        fields::CURRENCY => Subject::Currency,
        fields::COMMENCEMENT_DATE => Subject::Start,
        fields::END_DATE => Subject::End,
        fields::LESSOR => Subject::Lessor,
        fields::LESSEE => Subject::Lessee,
        fields::NAME => Subject::Asset,
        fields::NOTICE_PERIOD => Subject::Notice,
        fields::INDEX_CLAUSE => Subject::Index,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Query,
    KeyValue,
    Line,
}

/// How plainly the text says what the value is (higher is plainer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    /// A line that names a price index somewhere.
    Mention,
    /// `Label value` on one line.
    Inline,
    /// A label alone, its value on the next line.
    NextLine,
    /// A query answer, a key-value pair, `Label: value`.
    Stated,
}

struct Candidate {
    field: &'static str,
    value: String,
    /// Read from another field's text (the currency of the rent).
    derived: bool,
    stage: Stage,
    form: Form,
    confidence: f32,
    order: usize,
    text: String,
    page: u32,
}

impl Candidate {
    fn rank(&self) -> (bool, Stage, Reverse<Form>) {
        (self.derived, self.stage, Reverse(self.form))
    }

    /// Whether `self` is a better proposal than `other` for the same field.
    fn beats(&self, other: &Candidate) -> bool {
        let by_source = match self.rank().cmp(&other.rank()) {
            Ordering::Equal if self.stage == Stage::Query => {
                other.confidence.total_cmp(&self.confidence)
            }
            ordering => ordering,
        };
        by_source.then(self.order.cmp(&other.order)) == Ordering::Less
    }
}

/// Where one piece of text came from.
struct Origin<'a> {
    stage: Stage,
    form: Form,
    confidence: f32,
    text: &'a str,
    page: u32,
}

/// Query answers first, then key-values, then lines.
pub fn propose(document: &ParsedDocument) -> Proposed {
    let mut candidates = Vec::new();
    for query in &document.queries {
        let Some(subject) = query.alias.as_deref().and_then(subject_of_alias) else {
            continue;
        };
        for answer in &query.answers {
            let origin = Origin {
                stage: Stage::Query,
                form: Form::Stated,
                confidence: answer.confidence,
                text: &answer.text,
                page: answer.page,
            };
            read(subject, "", &answer.text, &origin, &mut candidates);
        }
    }
    for pair in &document.key_values {
        let text = format!("{} {}", pair.key, pair.value);
        key_value(
            &pair.key,
            &pair.value,
            &origin(
                Stage::KeyValue,
                Form::Stated,
                pair.confidence,
                &text,
                pair.page,
            ),
            &mut candidates,
        );
    }
    for table in &document.tables {
        for row in &table.rows {
            // Label | value: the first two different texts of the row (a merged cell repeats).
            let mut texts = row.iter().map(|t| t.trim()).filter(|t| !t.is_empty());
            let Some(key) = texts.next() else {
                continue;
            };
            let Some(value) = texts.find(|t| *t != key) else {
                continue;
            };
            let text = format!("{key} {value}");
            key_value(
                key,
                value,
                &origin(
                    Stage::KeyValue,
                    Form::Stated,
                    table.confidence,
                    &text,
                    table.page,
                ),
                &mut candidates,
            );
        }
    }
    for (index, line) in document.lines.iter().enumerate() {
        let next = document
            .lines
            .get(index + 1)
            .filter(|next| next.page == line.page);
        read_line(line, next, &mut candidates);
    }

    let mut best: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        match best.iter_mut().find(|b| b.field == candidate.field) {
            Some(current) if candidate.beats(current) => *current = candidate,
            Some(_) => {}
            None => best.push(candidate),
        }
    }
    best.into_iter()
        .map(|c| {
            (
                c.field.to_owned(),
                Proposal {
                    value: c.value,
                    confidence: c.confidence,
                    source: ProposalSource {
                        text: values::truncate(c.text.trim(), SOURCE_TEXT_MAX).to_owned(),
                        page: c.page.max(1),
                    },
                },
            )
        })
        .collect()
}

fn origin(stage: Stage, form: Form, confidence: f32, text: &str, page: u32) -> Origin<'_> {
    Origin {
        stage,
        form,
        confidence,
        text,
        page,
    }
}

/// A key (a form field's label, the text before a colon) and its value.
fn key_value(key: &str, value: &str, origin: &Origin<'_>, candidates: &mut Vec<Candidate>) {
    let words = words(key);
    if words.len() > LABEL_TEXT_MAX_WORDS
        || words
            .iter()
            .any(|w| NOT_THE_THING_ITSELF.contains(&w.folded.as_str()))
    {
        return;
    }
    if let Some(label) = find_label(&words, true) {
        read(label.subject, key, value, origin, candidates);
    }
}

fn read_line(line: &Line, next: Option<&Line>, candidates: &mut Vec<Candidate>) {
    let text = line.text.as_str();
    let before = candidates.len();
    // `Label: value`, or `Label:` with the value on the next line.
    if let Some((key, value)) = split_at_colon(text) {
        if value.trim().is_empty() {
            if let Some(next) = next {
                let joined = format!("{text} {}", next.text);
                let origin = origin(
                    Stage::Line,
                    Form::NextLine,
                    line.confidence.min(next.confidence),
                    &joined,
                    next.page,
                );
                key_value(key, &next.text, &origin, candidates);
            }
        } else {
            let origin = origin(Stage::Line, Form::Stated, line.confidence, text, line.page);
            key_value(key, value, &origin, candidates);
        }
    }
    if candidates.len() == before {
        // `Label value`, or a label alone with the value on the next line.
        let words = words(text);
        let start = words
            .iter()
            .position(|w| !w.folded.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or(words.len());
        if let Some(label) = find_label(&words[start..], false) {
            let end = words[start + label.words - 1].end;
            let value = text.get(end..).unwrap_or("").trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '–' | '.')
            });
            let key = text.get(..end).unwrap_or(text);
            if !value.trim().is_empty() {
                let plain_name = !matches!(
                    label.subject,
                    Subject::Lessor | Subject::Lessee | Subject::Asset
                ) || value
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                if plain_name {
                    let origin =
                        origin(Stage::Line, Form::Inline, line.confidence, text, line.page);
                    read(label.subject, key, value, &origin, candidates);
                }
            } else if let Some(next) = next {
                let joined = format!("{text} {}", next.text);
                let origin = origin(
                    Stage::Line,
                    Form::NextLine,
                    line.confidence.min(next.confidence),
                    &joined,
                    next.page,
                );
                read(label.subject, key, &next.text, &origin, candidates);
            }
        }
    }
    // A line naming a price index is an index clause, wherever it stands.
    let folded: Vec<String> = words(text).into_iter().map(|w| w.folded).collect();
    let mentions_index = PRICE_INDEX_WORDS.iter().any(|phrase| {
        folded
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase.iter()).all(|(a, b)| a == b))
    });
    if mentions_index && let Some(value) = values::text(text) {
        push(
            candidates,
            fields::INDEX_CLAUSE,
            value,
            false,
            &origin(Stage::Line, Form::Mention, line.confidence, text, line.page),
        );
    }
}

/// The text before and after the first colon that ends a label: not `1:a`, `12:00` or
/// `12 500:-`.
fn split_at_colon(text: &str) -> Option<(&str, &str)> {
    // One pass (a hostile line may hold thousands of colons).
    let mut seen_letter = false;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if c == ':' && seen_letter && !previous.is_some_and(|p| p.is_ascii_digit()) {
            let after = text.get(at + 1..)?;
            if !after.starts_with('-') {
                return Some((text.get(..at)?, after));
            }
        }
        seen_letter |= c.is_alphabetic();
        previous = Some(c);
    }
    None
}

/// Reads the value of `subject` from `value` (with `label` for what the label itself says,
/// like the `Månadshyra` of a monthly rent).
fn read(
    subject: Subject,
    label: &str,
    value: &str,
    origin: &Origin<'_>,
    candidates: &mut Vec<Candidate>,
) {
    let mut add = |field: &'static str, found: Option<String>, derived: bool| {
        if let Some(found) = found {
            push(candidates, field, found, derived, origin);
        }
    };
    match subject {
        Subject::Rent | Subject::Frequency => {
            // In running text (`Hyran räknas upp ... oktober 2025`) only a sum of money is
            // an amount; after a plain label any number is.
            let running_text = origin.form <= Form::Inline;
            let amount = values::amount(value).filter(|a| a.next_to_currency || !running_text);
            let currency = amount
                .as_ref()
                .and_then(|a| values::currency_of_amount(value, a))
                .or_else(|| values::currency(value))
                .or_else(|| values::currency(label));
            let frequency = amount
                .as_ref()
                .map_or_else(
                    || values::frequency(value),
                    |a| values::frequency_after(value, a.end),
                )
                .or_else(|| values::frequency(label));
            let rent = subject == Subject::Rent;
            add(
                fields::PAYMENT_AMOUNT,
                amount.map(|a| a.amount.to_string()),
                !rent,
            );
            add(
                fields::PAYMENT_FREQUENCY,
                frequency.map(|f| f.as_str().to_owned()),
                rent,
            );
            add(
                fields::CURRENCY,
                currency.map(|c| c.as_str().to_owned()),
                true,
            );
        }
        Subject::Currency => add(
            fields::CURRENCY,
            values::currency(value).map(|c| c.as_str().to_owned()),
            false,
        ),
        Subject::Start => add(
            fields::COMMENCEMENT_DATE,
            values::date(value).map(|d| d.to_string()),
            false,
        ),
        Subject::End => add(
            fields::END_DATE,
            values::date(value).map(|d| d.to_string()),
            false,
        ),
        Subject::Term => {
            let dates = values::dates(value);
            if let [start, end, ..] = dates.as_slice()
                && start <= end
            {
                add(fields::COMMENCEMENT_DATE, Some(start.to_string()), false);
                add(fields::END_DATE, Some(end.to_string()), false);
            }
        }
        Subject::Lessor => add(fields::LESSOR, values::party(value), false),
        Subject::Lessee => add(fields::LESSEE, values::party(value), false),
        Subject::Asset => add(fields::NAME, values::text(value), false),
        Subject::Notice => add(fields::NOTICE_PERIOD, values::duration(value), false),
        Subject::Index => add(fields::INDEX_CLAUSE, values::text(value), false),
    }
}

fn push(
    candidates: &mut Vec<Candidate>,
    field: &'static str,
    value: String,
    derived: bool,
    origin: &Origin<'_>,
) {
    candidates.push(Candidate {
        field,
        value,
        derived,
        stage: origin.stage,
        form: origin.form,
        confidence: origin.confidence,
        order: candidates.len(),
        text: origin.text.to_owned(),
        page: origin.page,
    });
}

/// A word of a text (a run of letters and digits), folded, with its byte span.
struct Word {
    folded: String,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |start: &mut Option<usize>, end: usize, words: &mut Vec<Word>| {
        if let Some(begin) = start.take() {
            words.push(Word {
                folded: values::fold(text.get(begin..end).unwrap_or("")),
                end,
            });
        }
    };
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(at);
        } else {
            flush(&mut start, at, &mut words);
        }
    }
    flush(&mut start, text.len(), &mut words);
    words
}

struct LabelMatch {
    subject: Subject,
    /// How many words of the text the label takes (from the first).
    words: usize,
}

/// The label at the start of `words` (or, `anywhere`, the earliest one), the longest there.
fn find_label(words: &[Word], anywhere: bool) -> Option<LabelMatch> {
    let starts = if anywhere {
        words.len()
    } else {
        words.len().min(1)
    };
    (0..starts).find_map(|start| {
        LABELS
            .iter()
            .filter_map(|(label, subject)| {
                let parts: Vec<&str> = label.split(' ').collect();
                let matches = words.get(start..start + parts.len()).is_some_and(|w| {
                    w.iter()
                        .zip(&parts)
                        .all(|(word, part)| word.folded == *part)
                });
                matches.then_some((parts.len(), *subject))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(len, subject)| LabelMatch {
                subject,
                words: start + len,
            })
    })
}

#[cfg(test)]
mod tests;
