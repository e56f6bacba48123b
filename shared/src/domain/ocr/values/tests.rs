use super::*;
use proptest::prelude::*;

fn amount_of(text: &str) -> Option<String> {
    amount(text).map(|m| m.amount.to_string())
}

#[test]
fn swedish_amounts() {
    assert_eq!(amount_of("12 500,00 kr").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("12 500 kr").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("12500 kr").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("12.500 SEK").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("1.234,56 kr").as_deref(), Some("1234.56"));
    assert_eq!(
        amount_of("1 234 567,5 kronor").as_deref(),
        Some("1234567.50")
    );
    assert_eq!(amount_of("12 500:- per månad").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("12 500,- kr").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("kr 9 800").as_deref(), Some("9800.00"));
    assert_eq!(amount_of("12500kr/mån").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("0,50 kr").as_deref(), Some("0.50"));
}

#[test]
fn english_amounts() {
    assert_eq!(amount_of("SEK 12,500.00").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("SEK12,500").as_deref(), Some("12500.00"));
    assert_eq!(amount_of("EUR 1,234,567.89").as_deref(), Some("1234567.89"));
    assert_eq!(amount_of("$770.00").as_deref(), Some("770.00"));
    assert_eq!(amount_of("€1.234,50").as_deref(), Some("1234.50"));
    assert_eq!(amount_of("12.5").as_deref(), Some("12.50"));
}

#[test]
fn typeset_spaces_separate_thousands() {
    for space in ['\u{a0}', '\u{202f}', '\u{2009}'] {
        let text = format!("12{space}500,00{space}kr");
        assert_eq!(amount_of(&text).as_deref(), Some("12500.00"), "{text:?}");
    }
}

#[test]
fn the_amount_next_to_the_currency_wins_over_other_numbers() {
    assert_eq!(
        amount_of("Lokal 3 rum, 120 kvm, 12 500 kr per månad").as_deref(),
        Some("12500.00")
    );
    assert_eq!(
        amount_of("Från 2026-01-01: 12 500 kr").as_deref(),
        Some("12500.00")
    );
    assert_eq!(
        amount_of("Hyresvärd org.nr 556000-0000, hyra 9 000 SEK").as_deref(),
        Some("9000.00")
    );
}

#[test]
fn numbers_of_dates_ids_sections_and_percentages_are_no_amounts() {
    assert_eq!(amount_of("2026-01-01"), None);
    assert_eq!(amount_of("01/01/2026"), None);
    assert_eq!(amount_of("1 januari 2026"), None);
    assert_eq!(amount_of("556000-0000"), None);
    assert_eq!(amount_of("§ 4"), None);
    assert_eq!(amount_of("3 %"), None);
    assert_eq!(amount_of("A4"), None);
    // Without any currency the first plain number is the amount.
    assert_eq!(amount_of("enligt § 4: 8 000").as_deref(), Some("8000.00"));
}

#[test]
fn amounts_outside_the_engines_money_rules_are_refused() {
    assert_eq!(amount_of("0 kr"), None);
    assert_eq!(amount_of("12,505 kr").as_deref(), Some("12505.00"));
    assert_eq!(amount_of("1 234,567 kr"), None, "three decimals");
    assert_eq!(amount_of("99999999999999999999 kr"), None, "over the limit");
    assert_eq!(amount_of("1,23.4 kr"), None, "mixed separators");
}

#[test]
fn currencies_by_code_symbol_and_word() {
    let code = |text: &str| currency(text).map(|c| c.as_str().to_owned());
    for (text, expected) in [
        ("SEK", "SEK"),
        ("sek", "SEK"),
        ("kr", "SEK"),
        ("kr.", "SEK"),
        ("kronor", "SEK"),
        ("svenska kronor", "SEK"),
        ("Swedish krona", "SEK"),
        ("€", "EUR"),
        ("euro", "EUR"),
        ("EUR", "EUR"),
        ("NOK", "NOK"),
        ("norska kronor", "NOK"),
        ("Norwegian kroner", "NOK"),
        ("DKK", "DKK"),
        ("danska kronor", "DKK"),
        ("$", "USD"),
        ("US$", "USD"),
        ("USD", "USD"),
        ("US dollars", "USD"),
        ("£", "GBP"),
        ("GBP", "GBP"),
        ("CHF", "CHF"),
        ("Valuta: PLN", "PLN"),
        ("JPY", "JPY"),
    ] {
        assert_eq!(code(text).as_deref(), Some(expected), "{text}");
    }
    for text in [
        "",
        "kroner",
        "ALL PAYMENTS",
        "jpy",
        "XYZ",
        "Kronoberg",
        "krav",
    ] {
        assert_eq!(code(text), None, "{text}");
    }
}

#[test]
fn the_currency_of_an_amount_is_the_one_next_to_it() {
    let text = "Hyra 1 000 EUR (motsvarande 11 000 kr)";
    let found = amount(text).expect("amount");
    assert_eq!(found.amount.to_string(), "1000.00");
    assert_eq!(
        currency_of_amount(text, &found).map(|c| c.as_str().to_owned()),
        Some("EUR".to_owned())
    );
    let text = "kr 9 800";
    let found = amount(text).expect("amount");
    assert_eq!(
        currency_of_amount(text, &found).map(|c| c.as_str().to_owned()),
        Some("SEK".to_owned())
    );
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn iso_and_numeric_dates() {
    assert_eq!(date("2026-01-01"), Some(ymd(2026, 1, 1)));
    assert_eq!(date("2026-1-31"), Some(ymd(2026, 1, 31)));
    assert_eq!(date("2026/03/01"), Some(ymd(2026, 3, 1)));
    // Day first, as Nordic documents write.
    assert_eq!(date("01/01/2026"), Some(ymd(2026, 1, 1)));
    assert_eq!(date("02/03/2026"), Some(ymd(2026, 3, 2)));
    assert_eq!(date("2.3.2026"), Some(ymd(2026, 3, 2)));
    assert_eq!(date("02-03-2026"), Some(ymd(2026, 3, 2)));
    // Only month first makes a date.
    assert_eq!(date("1/15/2009"), Some(ymd(2009, 1, 15)));
    assert_eq!(date("31/12/2030"), Some(ymd(2030, 12, 31)));
}

#[test]
fn dates_with_month_names() {
    for text in [
        "1 januari 2026",
        "den 1 jan. 2026",
        "den 1 jan 2026",
        "1:a januari 2026",
        "1 January 2026",
        "1st January, 2026",
        "January 1, 2026",
        "Jan. 1st 2026",
        "JANUARI 1, 2026",
    ] {
        assert_eq!(date(text), Some(ymd(2026, 1, 1)), "{text}");
    }
    assert_eq!(date("31 maj 2027"), Some(ymd(2027, 5, 31)));
    assert_eq!(date("30 september 2030"), Some(ymd(2030, 9, 30)));
    assert_eq!(date("3 okt. 2028"), Some(ymd(2028, 10, 3)));
    assert_eq!(date("December 31, 2030"), Some(ymd(2030, 12, 31)));
}

#[test]
fn non_dates() {
    for text in [
        "",
        "31 februari 2026",
        "2026-13-01",
        "01/01/26",
        "1 januari",
        "12 500 kr",
        "1.2.2026.4",
        "0000-01-01",
    ] {
        assert_eq!(date(text), None, "{text}");
    }
}

#[test]
fn every_date_of_a_period() {
    assert_eq!(
        dates("Hyrestiden löper från 2026-01-01 till och med 31 december 2030"),
        [ymd(2026, 1, 1), ymd(2030, 12, 31)]
    );
}

#[test]
fn frequency_words() {
    for (text, expected) in [
        ("per månad", Frequency::Monthly),
        ("12 500 kr/mån", Frequency::Monthly),
        ("månadsvis i förskott", Frequency::Monthly),
        ("Månadshyra", Frequency::Monthly),
        ("monthly", Frequency::Monthly),
        ("per month", Frequency::Monthly),
        ("per kvartal", Frequency::Quarterly),
        ("kvartalsvis", Frequency::Quarterly),
        ("Quarterly in advance", Frequency::Quarterly),
        ("per quarter", Frequency::Quarterly),
        ("var tredje månad", Frequency::Quarterly),
        ("per halvår", Frequency::SemiAnnual),
        ("halvårsvis", Frequency::SemiAnnual),
        ("semi-annual", Frequency::SemiAnnual),
        ("semi-annually", Frequency::SemiAnnual),
        ("half-yearly", Frequency::SemiAnnual),
        ("var sjätte månad", Frequency::SemiAnnual),
        ("per år", Frequency::Annual),
        ("årligen", Frequency::Annual),
        ("Årshyra", Frequency::Annual),
        ("annually", Frequency::Annual),
        ("per year", Frequency::Annual),
        ("per annum", Frequency::Annual),
        ("150 000 SEK p.a.", Frequency::Annual),
    ] {
        assert_eq!(frequency(text), Some(expected), "{text}");
    }
    for text in ["", "man", "Hyran är 12 500 kr", "årtal"] {
        assert_eq!(frequency(text), None, "{text}");
    }
}

#[test]
fn the_frequency_after_the_amount_wins() {
    let text = "150 000 kr per år (12 500 kr per månad)";
    assert_eq!(frequency_after(text, 0), Some(Frequency::Annual));
    let monthly = text.find("12 500").expect("second amount");
    assert_eq!(frequency_after(text, monthly), Some(Frequency::Monthly));
    // Nothing after it: the first in the text.
    assert_eq!(
        frequency_after("Månadshyra 9 000 kr", 11),
        Some(Frequency::Monthly)
    );
}

#[test]
fn durations() {
    for (text, expected) in [
        ("3 månader", "P3M"),
        ("tre (3) månader", "P3M"),
        ("nio månader före hyrestidens utgång", "P9M"),
        ("12 månaders uppsägningstid", "P12M"),
        ("9 months", "P9M"),
        ("three months' notice", "P3M"),
        ("ett år", "P1Y"),
        ("2 years", "P2Y"),
        ("6 veckor", "P6W"),
        ("90 dagar", "P90D"),
        ("30 days", "P30D"),
    ] {
        assert_eq!(duration(text).as_deref(), Some(expected), "{text}");
    }
    for text in ["", "månader", "0 månader", "2026 år", "enligt lag"] {
        assert_eq!(duration(text), None, "{text}");
    }
}

#[test]
fn text_values() {
    assert_eq!(
        text("  Kontorslokal,   Storgatan 1 ;").as_deref(),
        Some("Kontorslokal, Storgatan 1")
    );
    assert_eq!(text(": Example Corp."), Some("Example Corp.".to_owned()));
    assert_eq!(text("SELECTED"), None);
    assert_eq!(text(" - "), None);
    assert_eq!(text(&"x".repeat(500)).map(|t| t.len()), Some(NAME_MAX));
}

#[test]
fn party_names_end_at_their_registration_number() {
    for (value, expected) in [
        (
            "Fastighets AB Exempel, org.nr 556000-0000",
            "Fastighets AB Exempel",
        ),
        ("Hyresgästen AB (org. nr 559000-1111)", "Hyresgästen AB"),
        (
            "Åkeriet i Norr AB, Organisationsnummer 556677-8899",
            "Åkeriet i Norr AB",
        ),
        ("Example Ltd, company number 01234567", "Example Ltd"),
        ("Jane Doe", "Jane Doe"),
    ] {
        assert_eq!(party(value).as_deref(), Some(expected), "{value}");
    }
}

#[test]
fn folding_keeps_one_char_per_char() {
    assert_eq!(fold("Hyresvärd Ö Å É"), "hyresvard o a e");
    assert_eq!(truncate("åäö", 2), "åä");
    assert_eq!(truncate("ab", 5), "ab");
}

proptest! {
    #[test]
    fn the_readers_take_any_text(input in "\\PC{0,60}") {
        if let Some(found) = amount(&input) {
            prop_assert!(found.amount > Decimal::ZERO);
            prop_assert!(found.start <= found.end && found.end <= input.len());
            let _ = currency_of_amount(&input, &found);
            let _ = frequency_after(&input, found.end);
        }
        let _ = currency(&input);
        let _ = dates(&input);
        let _ = frequency(&input);
        let _ = duration(&input);
        let _ = text(&input);
        let _ = party(&input);
    }

    #[test]
    fn the_readers_take_any_mix_of_digits_separators_and_words(
        parts in prop::collection::vec(prop::sample::select(vec![
            "1", "12", "500", "2026", "00", " ", "\u{a0}", ".", ",", ":", "-", "/", "%", "§",
            "kr", "SEK", "€", "januari", "jan", "den", ":a", "per", "månad", "år", "(", ")",
            "tre", "månader", "org.nr",
        ]), 0..16)
    ) {
        let text: String = parts.concat();
        let _ = amount(&text);
        let _ = dates(&text);
        let _ = frequency(&text);
        let _ = duration(&text);
        let _ = party(&text);
    }
}
