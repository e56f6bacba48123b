//! Reading contract values out of OCR text: amounts, currencies, dates, payment frequencies,
//! durations, names. Swedish and English spellings; every reader takes any text and answers
//! `None` (or nothing found) rather than guessing or panicking.
//!
//! Conventions (what a Nordic lease means):
//! - **Amounts**: thousands separated by a space (also no-break, narrow no-break and thin
//!   spaces), a dot or a comma; the decimal separator is the last dot or comma when it is
//!   followed by one or two digits (`12 500,00`, `12,500.00`, `1.234,5`). A single dot or comma
//!   followed by exactly three digits is a thousands separator (`12.500 SEK` is 12 500): lease
//!   amounts have at most two decimals. `12 500:-` is whole kronor. Amounts are decimals
//!   (never floats), positive, within the lease engine's money limits, with two decimals.
//! - **Currencies**: ISO 4217 codes (upper case; the common Nordic and European ones in any
//!   case), symbols (`€`, `$` = USD, `£`) and words (`kronor`, `euro`, `norska kronor`, ...).
//!   `kr` alone is **SEK**: Norwegian and Danish leases also write `kr`, but this product reads
//!   Swedish leases first; their users correct the proposal (or the document says NOK/DKK).
//! - **Dates**: ISO `2026-01-01`; numeric `01/01/2026`, `1.1.2026`, `01-01-2026` are **day
//!   first** (Nordic order) unless only month-first makes a real date (`1/15/2009`); month
//!   names in Swedish and English, abbreviated or not (`den 1 jan. 2026`, `1:a januari 2026`,
//!   `1 January 2026`, `January 1st, 2026`). Two-digit years are not read (ambiguous).
//! - **Frequencies**: the contract API's names (`monthly`, `quarterly`, `semiannual`,
//!   `annual`) from words like `per månad`, `kvartalsvis`, `halvår`, `årligen`, `monthly`,
//!   `per annum`, `semi-annual`.
//! - **Durations** (notice periods): ISO 8601 (`P3M`, `P1Y`, `P6W`, `P90D`) from `3 månader`,
//!   `tre (3) månader`, `nine months`, ...

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::contract::NAME_MAX;
use crate::domain::currency::Currency;
use crate::domain::lease::{Frequency, MONEY_DECIMALS, amount_in_range, has_money_precision};
use crate::domain::validation::year_in_range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Digits,
    Letters,
    Space,
    /// One character of anything else (punctuation, symbols).
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Byte offsets into the text.
    start: usize,
    end: usize,
}

impl Token<'_> {
    fn is_other(&self, chars: &[char]) -> bool {
        self.kind == Kind::Other && self.text.chars().next().is_some_and(|c| chars.contains(&c))
    }
}

fn kind_of(c: char) -> Kind {
    if c.is_ascii_digit() {
        Kind::Digits
    } else if c.is_alphabetic() {
        Kind::Letters
    } else if c.is_whitespace() {
        // Includes the no-break (U+00A0), narrow no-break (U+202F) and thin (U+2009) spaces
        // typeset amounts use as thousands separators.
        Kind::Space
    } else {
        Kind::Other
    }
}

/// Maximal runs of digits, letters and spaces; anything else one character at a time.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    for (start, c) in text.char_indices() {
        let kind = kind_of(c);
        let end = start + c.len_utf8();
        match tokens.last_mut() {
            Some(last) if last.kind == kind && kind != Kind::Other && last.end == start => {
                last.end = end;
                last.text = text.get(last.start..end).unwrap_or("");
            }
            _ => tokens.push(Token {
                kind,
                text: text.get(start..end).unwrap_or(""),
                start,
                end,
            }),
        }
    }
    tokens
}

/// The index of the next token at or after `i` that is not a space.
fn skip_spaces(tokens: &[Token<'_>], mut i: usize) -> usize {
    while tokens.get(i).is_some_and(|t| t.kind == Kind::Space) {
        i += 1;
    }
    i
}

/// Lower case, for matching words; the text itself is never changed.
fn lower(token: &Token<'_>) -> String {
    token.text.to_lowercase()
}

// ---------------------------------------------------------------------------------------
// Amounts

/// A money amount found in a text, with where it stands (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct AmountMatch {
    pub amount: Decimal,
    pub start: usize,
    pub end: usize,
    /// Written next to a currency (`12 500 kr`), not just a number in the text.
    pub next_to_currency: bool,
}

/// The amount a text states: the first number written next to a currency (`12 500 kr`,
/// `SEK 12,500.00`, `€1.234,50`), else the first number that is no part of a date, an
/// identity number or a percentage.
pub fn amount(text: &str) -> Option<AmountMatch> {
    let tokens = tokens(text);
    let dates = date_spans(&tokens);
    let currencies = currency_mentions(&tokens);
    let numbers = numbers(&tokens, &dates);
    let next_to_currency = numbers.iter().find(|number| {
        currencies.iter().any(|mention| {
            adjacent(text, mention.end, number.start) || adjacent(text, number.end, mention.start)
        })
    });
    match next_to_currency {
        Some(number) => Some(AmountMatch {
            next_to_currency: true,
            ..number.clone()
        }),
        None => numbers.first().cloned(),
    }
}

/// The currency written next to the amount at `amount` (before or after it), else the first
/// currency of the text.
pub fn currency_of_amount(text: &str, amount: &AmountMatch) -> Option<Currency> {
    let mentions = currency_mentions(&tokens(text));
    mentions
        .iter()
        .find(|m| adjacent(text, m.end, amount.start) || adjacent(text, amount.end, m.start))
        .or_else(|| mentions.first())
        .map(|m| m.currency.clone())
}

/// Whether only spaces lie between two byte offsets.
fn adjacent(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && text
            .get(from..to)
            .is_some_and(|between| between.trim().is_empty())
}

fn numbers(tokens: &[Token<'_>], dates: &[(usize, usize)]) -> Vec<AmountMatch> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != Kind::Digits {
            i += 1;
            continue;
        }
        let (number, next) = number_at(tokens, i);
        let inside_date = |t: &Token<'_>| dates.iter().any(|(s, e)| t.start >= *s && t.end <= *e);
        let first = &tokens[i];
        let last_index = next.saturating_sub(1);
        let joined_before = i >= 2
            && tokens[i - 1].is_other(&['-', '/', '§'])
            && tokens[i - 2].kind == Kind::Digits;
        let after = tokens.get(next);
        let joined_after = after.is_some_and(|t| t.is_other(&['-', '/']))
            && tokens.get(next + 1).is_some_and(|t| t.kind == Kind::Digits);
        let section = tokens[..i]
            .iter()
            .rev()
            .find(|t| t.kind != Kind::Space)
            .is_some_and(|t| t.is_other(&['§']));
        let percent = tokens
            .get(skip_spaces(tokens, next))
            .is_some_and(|t| t.is_other(&['%']));
        // `A4`, `SFS2026`: part of a word; `SEK12 500` is an amount.
        let embedded = i >= 1
            && tokens[i - 1].kind == Kind::Letters
            && currency_token(&tokens[i - 1], None).is_none();
        let skip = inside_date(first)
            || tokens.get(last_index).is_some_and(inside_date)
            || joined_before
            || joined_after
            || section
            || percent
            || embedded;
        if !skip && let Some(number) = number {
            found.push(number);
        }
        i = next.max(i + 1);
    }
    found
}

/// Reads the number starting at token `i`; returns it (if it is a valid amount) and the index
/// of the first token after it.
fn number_at(tokens: &[Token<'_>], i: usize) -> (Option<AmountMatch>, usize) {
    let mut groups: Vec<&str> = vec![tokens[i].text];
    let mut separators: Vec<char> = Vec::new();
    let mut j = i + 1;
    while let (Some(separator), Some(group)) = (tokens.get(j), tokens.get(j + 1)) {
        if group.kind != Kind::Digits {
            break;
        }
        if separator.is_other(&['.', ',']) && separator.end == group.start {
            separators.push(separator.text.chars().next().unwrap_or('.'));
        } else if separator.kind == Kind::Space
            && separator.text.chars().count() == 1
            && group.text.len() == 3
        {
            separators.push(' ');
        } else {
            break;
        }
        groups.push(group.text);
        j += 2;
    }
    // A group after a space may be the next number (`12500 000` reads as 12500); a dot or a
    // comma binds: `1,23.4` is no amount at all.
    while !groups.is_empty() {
        if let Some(amount) = interpret(&groups, &separators) {
            let last = tokens.get(i + 2 * (groups.len() - 1));
            let mut end = last.map_or(tokens[i].end, |t| t.end);
            let mut next = i + 2 * groups.len() - 1;
            // `12 500:-` and `12 500,-`: whole kronor.
            if tokens.get(next).is_some_and(|t| t.is_other(&[':', ',']))
                && tokens.get(next + 1).is_some_and(|t| t.is_other(&['-']))
            {
                end = tokens[next + 1].end;
                next += 2;
            }
            return (
                Some(AmountMatch {
                    amount,
                    start: tokens[i].start,
                    end,
                    next_to_currency: false,
                }),
                next,
            );
        }
        if separators.pop() != Some(' ') {
            break;
        }
        groups.pop();
    }
    (None, j)
}

/// Digit groups and the separators between them → the amount, if they make a valid one.
fn interpret(groups: &[&str], separators: &[char]) -> Option<Decimal> {
    let (whole, fraction): (&[&str], Option<&str>) = match separators.last() {
        None => (groups, None),
        Some(&last) if last != ' ' => {
            let last_group = groups.last()?;
            let repeated = separators[..separators.len() - 1].contains(&last);
            if repeated || (last_group.len() == 3 && separators.len() == 1) {
                // `1.234.567`, `12,500`: thousands.
                (groups, None)
            } else {
                (&groups[..groups.len() - 1], Some(*last_group))
            }
        }
        Some(_) => (groups, None),
    };
    let thousands = &separators[..whole.len().saturating_sub(1)];
    if thousands.iter().any(|s| *s != ' ') {
        let first = thousands.iter().find(|s| **s != ' ');
        if thousands.iter().any(|s| *s != ' ' && Some(s) != first) {
            return None;
        }
    }
    if whole.len() > 1
        && (whole[0].len() > 3 || whole[0].is_empty() || whole[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let mut digits = whole.concat();
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    let amount: Decimal = digits.parse().ok()?;
    if amount <= Decimal::ZERO || !amount_in_range(amount) || !has_money_precision(amount) {
        return None;
    }
    let mut amount = amount;
    amount.rescale(MONEY_DECIMALS);
    Some(amount)
}

// ---------------------------------------------------------------------------------------
// Currencies

#[derive(Debug, Clone, PartialEq)]
struct CurrencyMention {
    currency: Currency,
    start: usize,
    end: usize,
}

/// Codes read in any case: unmistakable in a lease. Other ISO codes count in upper case only.
const COMMON_CODES: &[&str] = &[
    "CHF", "DKK", "EUR", "GBP", "ISK", "NOK", "PLN", "SEK", "USD",
];

/// ISO codes that are also English words in capitals (`ALL PAYMENTS`): not read as codes.
const WORD_LIKE_CODES: &[&str] = &[
    "ALL", "BAM", "CUP", "GEL", "MAD", "MOP", "NAD", "PEN", "SOS", "TOP", "TRY",
];

/// The first currency a text names (`Valuta: SEK`, `svenska kronor`, `€`).
pub fn currency(text: &str) -> Option<Currency> {
    currency_mentions(&tokens(text))
        .into_iter()
        .next()
        .map(|m| m.currency)
}

fn currency_mentions(tokens: &[Token<'_>]) -> Vec<CurrencyMention> {
    let mut mentions = Vec::new();
    let mut previous_word: Option<String> = None;
    for token in tokens {
        if let Some(currency) = currency_token(token, previous_word.as_deref()) {
            mentions.push(CurrencyMention {
                currency,
                start: token.start,
                end: token.end,
            });
        }
        if token.kind == Kind::Letters {
            previous_word = Some(lower(token));
        }
    }
    mentions
}

/// The currency one token names, given the word before it (`norska kronor`).
fn currency_token(token: &Token<'_>, previous_word: Option<&str>) -> Option<Currency> {
    match token.kind {
        Kind::Letters => currency_word(&lower(token), previous_word).or_else(|| {
            let code = token.text;
            let upper = code.chars().all(|c| c.is_ascii_uppercase());
            let known = COMMON_CODES.contains(&code.to_ascii_uppercase().as_str())
                || (upper && !WORD_LIKE_CODES.contains(&code));
            if code.len() == 3 && known {
                Currency::parse(&code.to_ascii_uppercase())
            } else {
                None
            }
        }),
        Kind::Other => match token.text {
            "€" => Currency::parse("EUR"),
            "$" => Currency::parse("USD"),
            "£" => Currency::parse("GBP"),
            _ => None,
        },
        _ => None,
    }
}

/// A currency word (lower case), given the word before it (`norska kronor`).
fn currency_word(word: &str, previous: Option<&str>) -> Option<Currency> {
    let code = match word {
        "kr" | "kronor" | "krona" | "skr" => match previous {
            Some("norska" | "norwegian") => "NOK",
            Some("danska" | "danish") => "DKK",
            Some("isländska" | "icelandic") => "ISK",
            _ => "SEK",
        },
        "krone" | "kroner" => match previous {
            Some("norska" | "norwegian" | "norske") => "NOK",
            Some("danska" | "danish" | "danske") => "DKK",
            _ => return None,
        },
        "nkr" => "NOK",
        "dkr" => "DKK",
        "euro" | "euros" => "EUR",
        "dollar" | "dollars" => "USD",
        "sterling" => "GBP",
        _ => return None,
    };
    Currency::parse(code)
}

// ---------------------------------------------------------------------------------------
// Dates

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("augusti", 8),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn month(token: &Token<'_>) -> Option<u32> {
    if token.kind != Kind::Letters {
        return None;
    }
    let word = lower(token);
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, number)| *number)
}

/// The dates a text states, in order.
pub fn dates(text: &str) -> Vec<NaiveDate> {
    let tokens = tokens(text);
    date_matches(&tokens)
        .into_iter()
        .map(|(d, _, _)| d)
        .collect()
}

/// The first date a text states.
pub fn date(text: &str) -> Option<NaiveDate> {
    dates(text).into_iter().next()
}

fn date_spans(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    date_matches(tokens)
        .into_iter()
        .map(|(_, start, end)| (start, end))
        .collect()
}

/// Every date with its byte span.
fn date_matches(tokens: &[Token<'_>]) -> Vec<(NaiveDate, usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let matched = numeric_date(tokens, i)
            .or_else(|| day_month_year(tokens, i))
            .or_else(|| month_day_year(tokens, i));
        match matched {
            Some((date, next)) => {
                let end = tokens.get(next.saturating_sub(1)).map_or(0, |t| t.end);
                found.push((date, tokens[i].start, end));
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

fn number(token: Option<&Token<'_>>, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let token = token.filter(|t| t.kind == Kind::Digits && lengths.contains(&t.text.len()))?;
    token.text.parse().ok()
}

fn calendar_date(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year).ok().filter(|y| year_in_range(*y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `2026-01-01` (also with `/` or `.`), and `01/01/2026`, `1.1.2026`, `01-01-2026` (day
/// first unless only month first makes a date). The parts touch; no spaces.
fn numeric_date(tokens: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let parts = tokens.get(i..i + 5)?;
    let separator = parts[1];
    let touching = parts.windows(2).all(|w| w[0].end == w[1].start);
    if !touching || !separator.is_other(&['-', '/', '.']) || parts[3].text != separator.text {
        return None;
    }
    // A longer run (`2026-01-01-5`, a version `1.2.2026.4`) is no date.
    if tokens.get(i + 5).is_some_and(|t| {
        t.is_other(&['-', '/', '.'])
            && tokens
                .get(i + 6)
                .is_some_and(|d| d.kind == Kind::Digits && d.start == t.end)
    }) {
        return None;
    }
    if let (Some(year), Some(month), Some(day)) = (
        number(parts.first(), 4..=4),
        number(parts.get(2), 1..=2),
        number(parts.get(4), 1..=2),
    ) {
        return calendar_date(year, month, day).map(|d| (d, i + 5));
    }
    let (first, second, year) = (
        number(parts.first(), 1..=2)?,
        number(parts.get(2), 1..=2)?,
        number(parts.get(4), 4..=4)?,
    );
    calendar_date(year, second, first)
        .or_else(|| calendar_date(year, first, second))
        .map(|d| (d, i + 5))
}

/// After a day number: `:a`/`:e` (Swedish ordinals) or `st`/`nd`/`rd`/`th`, and a dot.
fn skip_ordinal(tokens: &[Token<'_>], mut i: usize) -> usize {
    if tokens.get(i).is_some_and(|t| t.is_other(&[':']))
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == Kind::Letters && matches!(lower(t).as_str(), "a" | "e"))
    {
        i += 2;
    } else if tokens.get(i).is_some_and(|t| {
        t.kind == Kind::Letters && matches!(lower(t).as_str(), "st" | "nd" | "rd" | "th")
    }) {
        i += 1;
    }
    if tokens.get(i).is_some_and(|t| t.is_other(&['.'])) {
        i += 1;
    }
    i
}

fn skip(tokens: &[Token<'_>], i: usize, chars: &[char]) -> usize {
    if tokens.get(i).is_some_and(|t| t.is_other(chars)) {
        i + 1
    } else {
        i
    }
}

/// `1 januari 2026`, `den 1 jan. 2026`, `1:a januari 2026`, `1st January, 2026`.
fn day_month_year(tokens: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let day = number(tokens.get(i), 1..=2)?;
    let at = skip_spaces(tokens, skip_ordinal(tokens, i + 1));
    let month = month(tokens.get(at)?)?;
    let at = skip_spaces(tokens, skip(tokens, skip(tokens, at + 1, &['.']), &[',']));
    let year = number(tokens.get(at), 4..=4)?;
    calendar_date(year, month, day).map(|d| (d, at + 1))
}

/// `January 1, 2026`, `Jan. 1st 2026`.
fn month_day_year(tokens: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let month = month(tokens.get(i)?)?;
    let at = skip_spaces(tokens, skip(tokens, i + 1, &['.']));
    let day = number(tokens.get(at), 1..=2)?;
    let at = skip_spaces(tokens, skip(tokens, skip_ordinal(tokens, at + 1), &[',']));
    let year = number(tokens.get(at), 4..=4)?;
    calendar_date(year, month, day).map(|d| (d, at + 1))
}

// ---------------------------------------------------------------------------------------
// Frequencies

/// Phrases as lower-case token sequences (spaces ignored). At each position the longest
/// phrase wins, so `var sjätte månad` is semi-annual, not the `månad` in it.
const FREQUENCY_PHRASES: &[(&[&str], Frequency)] = &[
    (&["var", "sjätte", "månad"], Frequency::SemiAnnual),
    (&["every", "six", "months"], Frequency::SemiAnnual),
    (&["två", "gånger", "per", "år"], Frequency::SemiAnnual),
    (&["twice", "a", "year"], Frequency::SemiAnnual),
    (&["per", "halvår"], Frequency::SemiAnnual),
    (&["halvår"], Frequency::SemiAnnual),
    (&["halvåret"], Frequency::SemiAnnual),
    (&["halvårsvis"], Frequency::SemiAnnual),
    (&["halvårshyra"], Frequency::SemiAnnual),
    (&["semi", "-", "annual"], Frequency::SemiAnnual),
    (&["semi", "-", "annually"], Frequency::SemiAnnual),
    (&["semiannual"], Frequency::SemiAnnual),
    (&["semiannually"], Frequency::SemiAnnual),
    (&["half", "-", "yearly"], Frequency::SemiAnnual),
    (&["half", "yearly"], Frequency::SemiAnnual),
    (&["half", "-", "year"], Frequency::SemiAnnual),
    (&["half", "year"], Frequency::SemiAnnual),
    (&["var", "tredje", "månad"], Frequency::Quarterly),
    (&["every", "three", "months"], Frequency::Quarterly),
    (&["kvartal"], Frequency::Quarterly),
    (&["kvartalet"], Frequency::Quarterly),
    (&["kvartalsvis"], Frequency::Quarterly),
    (&["kvartalshyra"], Frequency::Quarterly),
    (&["quarter"], Frequency::Quarterly),
    (&["quarterly"], Frequency::Quarterly),
    (&["per", "år"], Frequency::Annual),
    (&["per", "året"], Frequency::Annual),
    (&["om", "året"], Frequency::Annual),
    (&["varje", "år"], Frequency::Annual),
    (&["/", "år"], Frequency::Annual),
    (&["årligen"], Frequency::Annual),
    (&["årsvis"], Frequency::Annual),
    (&["årlig"], Frequency::Annual),
    (&["årliga"], Frequency::Annual),
    (&["årshyra"], Frequency::Annual),
    (&["annual"], Frequency::Annual),
    (&["annually"], Frequency::Annual),
    (&["yearly"], Frequency::Annual),
    (&["per", "year"], Frequency::Annual),
    (&["a", "year"], Frequency::Annual),
    (&["each", "year"], Frequency::Annual),
    (&["every", "year"], Frequency::Annual),
    (&["/", "year"], Frequency::Annual),
    (&["per", "annum"], Frequency::Annual),
    (&["p", ".", "a", "."], Frequency::Annual),
    (&["per", "månad"], Frequency::Monthly),
    (&["per", "mån"], Frequency::Monthly),
    (&["/", "mån"], Frequency::Monthly),
    (&["i", "månaden"], Frequency::Monthly),
    (&["varje", "månad"], Frequency::Monthly),
    (&["månad"], Frequency::Monthly),
    (&["månadsvis"], Frequency::Monthly),
    (&["månatligen"], Frequency::Monthly),
    (&["månatlig"], Frequency::Monthly),
    (&["månadshyra"], Frequency::Monthly),
    (&["månadsavgift"], Frequency::Monthly),
    (&["månadsbelopp"], Frequency::Monthly),
    (&["monthly"], Frequency::Monthly),
    (&["month"], Frequency::Monthly),
    (&["per", "month"], Frequency::Monthly),
    (&["a", "month"], Frequency::Monthly),
    (&["every", "month"], Frequency::Monthly),
    (&["/", "month"], Frequency::Monthly),
];

/// The first payment frequency a text names.
pub fn frequency(text: &str) -> Option<Frequency> {
    frequency_from(text, 0)
}

/// The first payment frequency named at or after byte `from` (after an amount: `150 000 kr
/// per år (12 500 kr per månad)` is annual), else the first in the whole text.
pub fn frequency_after(text: &str, from: usize) -> Option<Frequency> {
    frequency_from(text, from).or_else(|| frequency_from(text, 0))
}

fn frequency_from(text: &str, from: usize) -> Option<Frequency> {
    let words: Vec<String> = tokens(text)
        .iter()
        .filter(|t| t.kind != Kind::Space && t.start >= from)
        .map(lower)
        .collect();
    (0..words.len()).find_map(|i| {
        FREQUENCY_PHRASES
            .iter()
            .filter(|(phrase, _)| {
                words
                    .get(i..i + phrase.len())
                    .is_some_and(|w| w.iter().zip(phrase.iter()).all(|(a, b)| a == b))
            })
            .max_by_key(|(phrase, _)| phrase.len())
            .map(|(_, frequency)| *frequency)
    })
}

// ---------------------------------------------------------------------------------------
// Durations

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("en", 1),
    ("ett", 1),
    ("one", 1),
    ("två", 2),
    ("two", 2),
    ("tre", 3),
    ("three", 3),
    ("fyra", 4),
    ("four", 4),
    ("fem", 5),
    ("five", 5),
    ("sex", 6),
    ("six", 6),
    ("sju", 7),
    ("seven", 7),
    ("åtta", 8),
    ("eight", 8),
    ("nio", 9),
    ("nine", 9),
    ("tio", 10),
    ("ten", 10),
    ("elva", 11),
    ("eleven", 11),
    ("tolv", 12),
    ("twelve", 12),
];

fn duration_unit(token: &Token<'_>) -> Option<char> {
    if token.kind != Kind::Letters {
        return None;
    }
    Some(match lower(token).as_str() {
        "månad" | "månader" | "månaders" | "month" | "months" => 'M',
        "år" | "års" | "year" | "years" => 'Y',
        "vecka" | "veckor" | "veckors" | "week" | "weeks" => 'W',
        "dag" | "dagar" | "dagars" | "day" | "days" => 'D',
        _ => return None,
    })
}

/// The first duration a text states, in ISO 8601 (`3 månader` → `P3M`).
pub fn duration(text: &str) -> Option<String> {
    let tokens = tokens(text);
    (0..tokens.len()).find_map(|i| {
        let token = &tokens[i];
        let count = match token.kind {
            Kind::Digits => number(Some(token), 1..=3),
            Kind::Letters => {
                let word = lower(token);
                NUMBER_WORDS
                    .iter()
                    .find(|(w, _)| *w == word)
                    .map(|(_, n)| *n)
            }
            _ => None,
        }
        .filter(|n| *n > 0)?;
        let mut at = skip_spaces(&tokens, i + 1);
        // `tre (3) månader`: the figure in brackets repeats the word.
        let mut count = count;
        if tokens.get(at).is_some_and(|t| t.is_other(&['(']))
            && let Some(figure) = number(tokens.get(at + 1), 1..=3)
            && tokens.get(at + 2).is_some_and(|t| t.is_other(&[')']))
        {
            count = figure;
            at = skip_spaces(&tokens, at + 3);
        }
        let unit = duration_unit(tokens.get(at)?)?;
        Some(format!("P{count}{unit}"))
    })
}

// ---------------------------------------------------------------------------------------
// Text

/// Where a party's registration number starts (`Fastighets AB X, org.nr 556000-0000`):
/// the name ends there. Matched on the folded lower-case text.
const REGISTRATION_MARKERS: &[&str] = &[
    "org.nr",
    "org. nr",
    "org nr",
    "orgnr",
    "org.nummer",
    "organisationsnummer",
    "org.no",
    "org. no",
    "reg. no",
    "reg.no",
    "registration number",
    "company number",
    "corporate identity number",
    "personnummer",
];

/// A name or clause as the contract takes it: spaces collapsed, stray punctuation at either
/// end removed, at most the contract's name length. None for nothing, or a check box status.
pub fn text(value: &str) -> Option<String> {
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | ';' | ',' | '-' | '–' | '—' | '|' | '•')
    });
    if !trimmed.chars().any(char::is_alphanumeric) || matches!(trimmed, "SELECTED" | "NOT_SELECTED")
    {
        return None;
    }
    Some(truncate(trimmed, NAME_MAX).to_owned())
}

/// A party's name: [`text`] up to its registration number.
pub fn party(value: &str) -> Option<String> {
    let folded = fold(value);
    let cut = REGISTRATION_MARKERS
        .iter()
        .filter_map(|marker| folded.find(marker))
        .min()
        .and_then(|at| folded_prefix(value, &folded, at))
        .unwrap_or(value);
    text(cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ';')))
}

/// The prefix of `original` that folds to `folded[..at]` (folding keeps one char per char).
fn folded_prefix<'a>(original: &'a str, folded: &str, at: usize) -> Option<&'a str> {
    let chars = folded.get(..at)?.chars().count();
    let end = original
        .char_indices()
        .nth(chars)
        .map_or(original.len(), |(i, _)| i);
    original.get(..end)
}

/// At most `max` characters.
pub fn truncate(text: &str, max: usize) -> &str {
    text.char_indices()
        .nth(max)
        .map_or(text, |(end, _)| text.get(..end).unwrap_or(text))
}

/// Lower case with the Nordic letters folded to their base (`Hyresvärd` → `hyresvard`), one
/// char for one char: OCR drops diacritics now and then, labels should still match.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let lower = c.to_lowercase().next().unwrap_or(c);
            match lower {
                'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
                'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'ü' | 'ú' => 'u',
                'æ' => 'a',
                other => other,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
