//! The message catalogue: every text the API and the reports show, in the eight languages
//! of [`Lang`], as Fluent (Project Fluent, Mozilla's maintained localisation system) files
//! under `shared/i18n/<lang>/`. Translators edit those files, never the code; a test holds every
//! language to the same keys and variables.
//!
//! The files are compiled into the binary (`include_str!`): a function never reads a file at
//! run time, and a broken file fails the tests, not a request.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

use super::lang::Lang;

/// The catalogue's files, per language: (name, Fluent source).
type Files = [(&'static str, &'static str); 2];

macro_rules! files {
    ($lang:literal) => {
        [
            (
                "errors.ftl",
                include_str!(concat!("../../i18n/", $lang, "/errors.ftl")),
            ),
            (
                "report.ftl",
                include_str!(concat!("../../i18n/", $lang, "/report.ftl")),
            ),
        ]
    };
}

/// Every language with its files, in [`Lang`] order.
pub const LANGUAGES: [(Lang, Files); 8] = [
    (Lang::Sv, files!("sv")),
    (Lang::En, files!("en")),
    (Lang::Da, files!("da")),
    (Lang::Nb, files!("nb")),
    (Lang::Fi, files!("fi")),
    (Lang::Lt, files!("lt")),
    (Lang::Lv, files!("lv")),
    (Lang::Et, files!("et")),
];

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|(lang, files)| bundle(*lang, files))
            .collect()
    })
}

fn bundle(lang: Lang, files: &Files) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: the texts go into JSON, CSV and
    // spreadsheet cells, where invisible U+2068/U+2069 would only confuse comparisons.
    bundle.set_use_isolating(false);
    for (name, source) in files {
        // A syntax error keeps the entries that parsed; `the_catalogue_parses` fails on it.
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
        // Duplicates across files keep the first; `no_key_is_defined_twice` fails on it.
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                lang = lang.code(),
                file = name,
                ?errors,
                "catalogue conflict"
            );
        }
    }
    bundle
}

fn index(lang: Lang) -> usize {
    LANGUAGES
        .iter()
        .position(|(l, _)| *l == lang)
        .unwrap_or_default()
}

/// The text of `key` in `lang`, with `args` filled in. A key missing from the catalogue (a bug
/// the tests catch) answers the key itself rather than failing a request.
pub fn text(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let Some(bundle) = bundles().get(index(lang)) else {
        return key.to_owned();
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, *value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::error!(
            lang = lang.code(),
            key,
            ?errors,
            "catalogue text incomplete"
        );
    }
    text.into_owned()
}

/// A catalogue text named but not yet written out: its key and the values of its variables.
/// Errors carry one, so the text is rendered in the caller's language only when the answer is
/// built (the domain decides what to say, the response decides in which language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of one variable of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is (a number, a date, a code, a name).
    Text(String),
    /// Another catalogue text, rendered in the same language (a field's name in a sentence).
    Message(Message),
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// The message with the variable `name` set to `value` as written.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// The message with the variable `name` set to another catalogue text.
    pub fn arg_message(mut self, name: &'static str, value: Message) -> Message {
        self.args.push((name, Arg::Message(value)));
        self
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => text.clone(),
                    Arg::Message(message) => message.render(lang),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, &str)> = values
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        text(lang, self.key, &args)
    }
}

/// Whether `key` exists in the catalogue (in Swedish, and so, by the tests, in every language).
pub fn has(key: &str) -> bool {
    bundles()
        .first()
        .is_some_and(|bundle| bundle.has_message(key))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// The keys of one Fluent source with the variables each uses (`{ $name }`).
    fn keys_and_variables(source: &str) -> Vec<(String, BTreeSet<String>)> {
        use fluent_syntax::ast;
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        let mut out = Vec::new();
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                out.push((message.id.name.to_owned(), variables));
            }
        }
        out
    }

    fn pattern_variables(pattern: &fluent_syntax::ast::Pattern<&str>, into: &mut BTreeSet<String>) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                match expression {
                    Expression::Inline(InlineExpression::VariableReference { id }) => {
                        into.insert(id.name.to_owned());
                    }
                    Expression::Select { selector, variants } => {
                        if let InlineExpression::VariableReference { id } = selector {
                            into.insert(id.name.to_owned());
                        }
                        for variant in variants {
                            pattern_variables(&variant.value, into);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn the_catalogue_parses() {
        for (lang, files) in &LANGUAGES {
            for (name, source) in files {
                if let Err((_, errors)) = fluent_syntax::parser::parse(*source) {
                    panic!("{}/{name}: {errors:?}", lang.code());
                }
            }
        }
    }

    #[test]
    fn every_key_exists_in_every_language_with_the_same_variables() {
        let (reference_lang, reference_files) = &LANGUAGES[0];
        for (index, (name, reference_source)) in reference_files.iter().enumerate() {
            let reference: BTreeMap<_, _> =
                keys_and_variables(reference_source).into_iter().collect();
            assert!(!reference.is_empty(), "{name} has no keys");
            for (lang, files) in &LANGUAGES[1..] {
                let other: BTreeMap<_, _> =
                    keys_and_variables(files[index].1).into_iter().collect();
                let missing: Vec<_> = reference
                    .keys()
                    .filter(|k| !other.contains_key(*k))
                    .collect();
                let extra: Vec<_> = other
                    .keys()
                    .filter(|k| !reference.contains_key(*k))
                    .collect();
                assert!(
                    missing.is_empty() && extra.is_empty(),
                    "{}/{name} vs {}: missing {missing:?}, extra {extra:?}",
                    lang.code(),
                    reference_lang.code()
                );
                for (key, variables) in &reference {
                    assert_eq!(
                        other.get(key),
                        Some(variables),
                        "{}/{name}: {key} uses other variables than in {}",
                        lang.code(),
                        reference_lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        for (lang, files) in &LANGUAGES {
            let mut seen = BTreeSet::new();
            for (name, source) in files {
                for (key, _) in keys_and_variables(source) {
                    assert!(
                        seen.insert(key.clone()),
                        "{}/{name}: {key} twice",
                        lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn a_text_fills_in_its_variables_without_isolation_marks() {
        let text = text(
            Lang::En,
            "report-journal-description",
            &[("name", "Car"), ("month", "2026-01")],
        );
        assert_eq!(text, "Lease Car 2026-01");
    }

    /// The texts errors name by key (rules, conflict reasons and the names they embed): each is
    /// translated (no language shows the English words) and shows every value it is given.
    #[test]
    fn every_rule_and_conflict_text_is_translated_and_fills_in_its_values() {
        let (_, english_files) = &LANGUAGES[1];
        let errors_source = english_files[0].1;
        let named = keys_and_variables(errors_source)
            .into_iter()
            .filter(|(key, _)| {
                key.starts_with("field-rule-")
                    || key.starts_with("lease-")
                    || (key.starts_with("problem-conflict-") && key.ends_with("-detail"))
            })
            .collect::<Vec<_>>();
        assert!(named.len() > 80, "{} rule and conflict texts", named.len());
        for (key, variables) in &named {
            // Each value distinct and unlike any word of the catalogue.
            let values: Vec<(String, String)> = variables
                .iter()
                .map(|name| (name.clone(), format!("<{name}-value>")))
                .collect();
            let args: Vec<(&str, &str)> = values
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str()))
                .collect();
            let english = text(Lang::En, key, &args);
            for (lang, _) in &LANGUAGES {
                let rendered = text(*lang, key, &args);
                assert_ne!(&rendered, key, "{key} is missing in {}", lang.code());
                assert!(
                    !rendered.contains('{'),
                    "{key} in {}: {rendered}",
                    lang.code()
                );
                for (_, value) in &values {
                    assert!(
                        rendered.contains(value.as_str()),
                        "{key} in {} lacks {value}: {rendered}",
                        lang.code()
                    );
                }
                if *lang != Lang::En {
                    assert_ne!(
                        rendered,
                        english,
                        "{key} is not translated to {}",
                        lang.code()
                    );
                }
            }
        }
    }

    #[test]
    fn a_message_renders_its_values_and_nested_names_in_one_language() {
        let refusal = Message::new("field-rule-lease-amount-not-positive")
            .arg_message("field", Message::new("lease-amount-payment"))
            .arg("value", "0");
        assert_eq!(
            refusal.render(Lang::En),
            "The payment amount must be greater than zero; it is 0."
        );
        assert_eq!(
            refusal.render(Lang::Sv),
            "Betalningsbelopp: måste vara större än noll; värdet är 0."
        );
    }

    #[test]
    fn a_missing_key_answers_the_key() {
        assert_eq!(text(Lang::Sv, "no-such-key", &[]), "no-such-key");
        assert!(!has("no-such-key"));
    }
}
