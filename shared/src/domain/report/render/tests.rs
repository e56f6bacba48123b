//! The three formats of a small hand-built report.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use super::super::{
    AccountRole, Accounts, AssetRollForward, ContractReport, JournalEntry, JournalLine,
    LiabilityRollForward, Maturity, ProfitOrLoss, RateUsed, Report, ReportRequest, Treatment,
};
use super::tables::{ASSET_ROWS, BUCKET_KEYS, COLUMN_KEYS, LIABILITY_ROWS, PL_ROWS, TABLE_NAMES};
use super::*;
use crate::domain::contract::AssetClass;
use crate::domain::currency::Currency;
use crate::domain::i18n::LANGUAGES;
use crate::domain::lease::{Framework, RateConvention};

/// A contract name a spreadsheet would run as a formula.
const FORMULA_NAME: &str = "=SUM(A1)";
/// A contract name with both separators, a quote and a line break.
const AWKWARD_NAME: &str = "Kontor \"Nord\"; plan 2, A\nhus B";

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

fn money(text: &str) -> Decimal {
    text.parse().expect("a test amount")
}

fn currency(code: &str) -> Currency {
    Currency::parse(code).expect("a test currency")
}

fn accounts() -> Accounts {
    Accounts {
        right_of_use_asset: "1260".into(),
        accumulated_depreciation: "1269".into(),
        lease_liability_non_current: "2390".into(),
        lease_liability_current: "2890".into(),
        depreciation: "7830".into(),
        interest: "8410".into(),
        lease_expense: "5010".into(),
        remeasurement_gain: "3970".into(),
        remeasurement_loss: "7970".into(),
        payments: "2440".into(),
        fx_difference: "8430".into(),
    }
}

fn liability() -> LiabilityRollForward {
    LiabilityRollForward {
        opening: money("1000.00"),
        additions: money("5000.00"),
        interest: money("123.45"),
        payments: money("1234.50"),
        remeasurements: Decimal::ZERO,
        terminations: Decimal::ZERO,
        fx_difference: money("-12.50"),
        closing: money("4876.45"),
        current: money("1200.00"),
        non_current: money("3676.45"),
    }
}

fn asset() -> AssetRollForward {
    AssetRollForward {
        opening: money("900.00"),
        additions: money("5000.00"),
        depreciation: money("1100.00"),
        remeasurements: Decimal::ZERO,
        terminations: Decimal::ZERO,
        fx_difference: money("-10.00"),
        closing: money("4790.00"),
    }
}

/// Two contracts (one in EUR, one terminated), both asset classes' columns, a journal entry
/// for each and every account role among the lines.
pub(super) fn report() -> Report {
    let mut negative_zero = Decimal::ZERO;
    negative_zero.set_sign_negative(true);
    let profit_or_loss = ProfitOrLoss {
        depreciation: money("1100.00"),
        interest: money("123.45"),
        short_term_expense: negative_zero,
        low_value_expense: money("50"),
        operating_lease_expense: Decimal::ZERO,
        remeasurement_gain_loss: money("-3.20"),
        fx_difference: money("1.10"),
    };
    let maturity = Maturity {
        buckets: [
            money("1300.00"),
            money("1300.00"),
            money("1300.00"),
            money("1000.00"),
            Decimal::ZERO,
            Decimal::ZERO,
        ],
    };
    let vehicle = ContractReport {
        id: "c-vehicle".into(),
        name: FORMULA_NAME.into(),
        asset_class: AssetClass::Vehicle,
        currency: currency("SEK"),
        version: 1,
        treatment: Treatment::BalanceSheet,
        terminated_on: Some(date("2026-11-30")),
        liability: liability(),
        right_of_use_asset: asset(),
        profit_or_loss,
        maturity,
    };
    let premises = ContractReport {
        id: "c-premises".into(),
        name: AWKWARD_NAME.into(),
        asset_class: AssetClass::Premises,
        currency: currency("EUR"),
        version: 3,
        treatment: Treatment::LowValue,
        terminated_on: None,
        liability: LiabilityRollForward::default(),
        right_of_use_asset: AssetRollForward::default(),
        profit_or_loss: ProfitOrLoss::default(),
        maturity: Maturity::default(),
    };
    let line = |account, debit: &str, credit: &str| JournalLine {
        account,
        debit: money(debit),
        credit: money(credit),
    };
    let journal = vec![
        JournalEntry {
            date: date("2026-01-31"),
            contract: 0,
            lines: vec![
                line(AccountRole::RightOfUseAsset, "5000.00", "0.00"),
                line(AccountRole::LeaseLiabilityNonCurrent, "0.00", "5000.00"),
                line(AccountRole::Depreciation, "91.67", "0.00"),
                line(AccountRole::AccumulatedDepreciation, "0.00", "91.67"),
                line(AccountRole::Interest, "10.29", "0.00"),
                line(AccountRole::LeaseLiabilityCurrent, "0.00", "10.29"),
            ],
        },
        JournalEntry {
            date: date("2026-12-31"),
            contract: 1,
            lines: vec![
                line(AccountRole::LeaseExpense, "1234.50", "0.00"),
                line(AccountRole::Payments, "0.00", "1234.50"),
                line(AccountRole::RemeasurementLoss, "3.20", "0.00"),
                line(AccountRole::RemeasurementGain, "0.00", "1.00"),
                line(AccountRole::FxDifference, "0.00", "2.20"),
            ],
        },
    ];
    Report {
        request: ReportRequest {
            period_start: date("2026-01-01"),
            period_end: date("2026-12-31"),
            framework: Framework::Ifrs16,
            rate_convention: RateConvention::Effective,
            reporting_currency: currency("SEK"),
            accounts: accounts(),
        },
        liability: liability(),
        right_of_use_asset: asset(),
        right_of_use_by_class: vec![
            (AssetClass::Vehicle, asset()),
            (AssetClass::Premises, AssetRollForward::default()),
        ],
        profit_or_loss,
        maturity,
        journal,
        contracts: vec![vehicle, premises],
        rates: vec![RateUsed {
            currency: currency("EUR"),
            closing: money("11.2345"),
            closing_date: date("2026-12-30"),
            opening: Some(money("11.02")),
            opening_date: Some(date("2025-12-31")),
            average: money("11.153412"),
            observations: 250,
        }],
    }
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

const LIABILITY_KEYS: [&str; 10] = [
    "opening",
    "additions",
    "interest",
    "payments",
    "remeasurements",
    "terminations",
    "fxDifference",
    "closing",
    "current",
    "nonCurrent",
];
const ASSET_KEYS: [&str; 7] = [
    "opening",
    "additions",
    "depreciation",
    "remeasurements",
    "terminations",
    "fxDifference",
    "closing",
];
const PL_KEYS: [&str; 7] = [
    "depreciation",
    "interest",
    "shortTermExpense",
    "lowValueExpense",
    "operatingLeaseExpense",
    "remeasurementGainLoss",
    "fxDifference",
];

fn assert_maturity(value: &Value) {
    let buckets = value.as_array().expect("maturity is a list");
    let names: Vec<_> = buckets
        .iter()
        .map(|b| {
            assert_eq!(keys(b), set(&["bucket", "amount"]));
            b["bucket"].as_str().expect("a bucket name")
        })
        .collect();
    assert_eq!(names, Maturity::BUCKETS);
}

#[test]
fn the_json_has_exactly_the_keys_of_api_md() {
    let json = to_json(&report(), Lang::Sv);
    assert_eq!(
        keys(&json),
        set(&[
            "framework",
            "periodStart",
            "periodEnd",
            "reportingCurrency",
            "language",
            "liability",
            "rightOfUseAsset",
            "profitOrLoss",
            "maturity",
            "journalEntries",
            "contracts",
            "rates",
        ])
    );
    assert_eq!(json["framework"], "ifrs16");
    assert_eq!(json["periodStart"], "2026-01-01");
    assert_eq!(json["periodEnd"], "2026-12-31");
    assert_eq!(json["reportingCurrency"], "SEK");
    assert_eq!(json["language"], "sv");
    assert_eq!(keys(&json["liability"]), set(&LIABILITY_KEYS));
    let mut asset_total = set(&ASSET_KEYS);
    asset_total.insert("byAssetClass");
    assert_eq!(keys(&json["rightOfUseAsset"]), asset_total);
    let by_class = &json["rightOfUseAsset"]["byAssetClass"];
    assert_eq!(keys(by_class), set(&["vehicle", "premises"]));
    assert_eq!(keys(&by_class["vehicle"]), set(&ASSET_KEYS));
    assert_eq!(keys(&json["profitOrLoss"]), set(&PL_KEYS));
    assert_maturity(&json["maturity"]);

    let entries = json["journalEntries"].as_array().expect("journal entries");
    assert_eq!(entries.len(), 2);
    for entry in entries {
        assert_eq!(
            keys(entry),
            set(&["date", "description", "contractId", "lines"])
        );
        for line in entry["lines"].as_array().expect("lines") {
            assert_eq!(keys(line), set(&["account", "role", "debit", "credit"]));
        }
    }

    let contracts = json["contracts"].as_array().expect("contracts");
    assert_eq!(contracts.len(), 2);
    for contract in contracts {
        assert_eq!(
            keys(contract),
            set(&[
                "id",
                "name",
                "currency",
                "version",
                "liabilityOpening",
                "liabilityClosing",
                "rightOfUseAssetClosing",
                "assetClass",
                "treatment",
                "terminatedOn",
                "liability",
                "rightOfUseAsset",
                "profitOrLoss",
                "maturity",
            ])
        );
        assert_eq!(keys(&contract["liability"]), set(&LIABILITY_KEYS));
        assert_eq!(keys(&contract["rightOfUseAsset"]), set(&ASSET_KEYS));
        assert_eq!(keys(&contract["profitOrLoss"]), set(&PL_KEYS));
        assert_maturity(&contract["maturity"]);
    }

    let rates = json["rates"].as_array().expect("rates");
    assert_eq!(rates.len(), 1);
    assert_eq!(
        keys(&rates[0]),
        set(&[
            "currency",
            "closing",
            "closingDate",
            "average",
            "opening",
            "openingDate",
            "observations",
        ])
    );
}

#[test]
fn the_json_carries_the_figures_as_the_api_prints_them() {
    let json = to_json(&report(), Lang::Sv);
    assert_eq!(json["liability"]["payments"], "1234.50");
    assert_eq!(json["liability"]["fxDifference"], "-12.50");
    assert_eq!(json["liability"]["remeasurements"], "0.00");
    assert_eq!(json["liability"]["nonCurrent"], "3676.45");
    assert_eq!(json["rightOfUseAsset"]["closing"], "4790.00");
    // A negative zero prints as 0.00; a whole number gets its 2 decimals.
    assert_eq!(json["profitOrLoss"]["shortTermExpense"], "0.00");
    assert_eq!(json["profitOrLoss"]["lowValueExpense"], "50.00");
    assert_eq!(json["profitOrLoss"]["remeasurementGainLoss"], "-3.20");
    assert_eq!(json["maturity"][3]["amount"], "1000.00");

    let entry = &json["journalEntries"][0];
    assert_eq!(entry["date"], "2026-01-31");
    assert_eq!(entry["contractId"], "c-vehicle");
    assert_eq!(entry["description"], "Leasing =SUM(A1) 2026-01");
    assert_eq!(entry["lines"][2]["account"], "7830");
    assert_eq!(entry["lines"][2]["role"], "depreciation");
    assert_eq!(entry["lines"][2]["debit"], "91.67");
    assert_eq!(entry["lines"][2]["credit"], "0.00");
    let english = to_json(&report(), Lang::En);
    assert_eq!(english["language"], "en");
    assert_eq!(
        english["journalEntries"][1]["description"],
        format!("Lease {AWKWARD_NAME} 2026-12")
    );
    assert_eq!(
        english["journalEntries"][1]["lines"][4]["role"],
        "fxDifference"
    );
    assert_eq!(english["journalEntries"][1]["lines"][4]["account"], "8430");

    let vehicle = &json["contracts"][0];
    assert_eq!(vehicle["version"], 1);
    assert_eq!(vehicle["currency"], "SEK");
    assert_eq!(vehicle["liabilityOpening"], "1000.00");
    assert_eq!(vehicle["liabilityClosing"], "4876.45");
    assert_eq!(vehicle["rightOfUseAssetClosing"], "4790.00");
    assert_eq!(vehicle["assetClass"], "vehicle");
    assert_eq!(vehicle["treatment"], "balanceSheet");
    assert_eq!(vehicle["terminatedOn"], "2026-11-30");
    let premises = &json["contracts"][1];
    assert_eq!(premises["terminatedOn"], Value::Null);
    assert_eq!(premises["treatment"], "lowValue");
    assert_eq!(premises["liability"]["closing"], "0.00");

    let rate = &json["rates"][0];
    assert_eq!(rate["currency"], "EUR");
    assert_eq!(rate["closing"], "11.2345");
    assert_eq!(rate["closingDate"], "2026-12-30");
    assert_eq!(rate["average"], "11.153412");
    assert_eq!(rate["opening"], "11.02");
    assert_eq!(rate["openingDate"], "2025-12-31");
    assert_eq!(rate["observations"], 250);
}

/// Every string that is an amount has exactly 2 decimals and no negative zero.
fn assert_amounts_formatted(value: &Value, key: &str) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                assert_amounts_formatted(value, key);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| assert_amounts_formatted(item, key)),
        Value::String(text) => {
            let textual = [
                "framework",
                "periodStart",
                "periodEnd",
                "reportingCurrency",
                "language",
                "date",
                "description",
                "contractId",
                "account",
                "role",
                "id",
                "name",
                "currency",
                "assetClass",
                "treatment",
                "terminatedOn",
                "bucket",
                "closingDate",
                "openingDate",
                // Rates keep their stored decimals.
                "closing",
                "average",
                "opening",
            ];
            let in_rates = key == "closing" && text.len() == 7 && text.starts_with("11.");
            if textual.contains(&key) && (in_rates || !looks_like_amount(text)) {
                return;
            }
            assert!(looks_like_amount(text), "{key}: {text:?}");
            assert_ne!(text, "-0.00", "{key}");
        }
        _ => {}
    }
}

fn looks_like_amount(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match digits.split_once('.') {
        Some((whole, cents)) => {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && cents.len() == 2
                && cents.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

#[test]
fn every_json_amount_has_two_decimals_and_none_is_negative_zero() {
    let json = to_json(&report(), Lang::En);
    assert_amounts_formatted(&json, "");
    let amounts = [
        &json["liability"]["opening"],
        &json["profitOrLoss"]["shortTermExpense"],
        &json["journalEntries"][0]["lines"][0]["credit"],
        &json["contracts"][1]["maturity"][5]["amount"],
    ];
    for amount in amounts {
        assert!(
            looks_like_amount(amount.as_str().expect("a string")),
            "{amount}"
        );
    }
}

#[test]
fn the_json_file_is_the_json_document() {
    let report = report();
    let bytes = render(&report, Format::Json, Lang::Fi).expect("the JSON renders");
    let parsed: Value = serde_json::from_slice(&bytes).expect("the file is JSON");
    assert_eq!(parsed, to_json(&report, Lang::Fi));
}

#[test]
fn a_journal_entry_naming_no_contract_is_refused_in_every_format() {
    let mut report = report();
    report.journal[1].contract = 2;
    for format in [Format::Json, Format::Csv, Format::Xlsx] {
        let error = render(&report, format, Lang::En).expect_err("an entry without contract");
        assert!(error.0.contains("names contract 2 of 2"), "{error}");
    }
}

#[test]
fn a_format_reads_and_prints_the_api_spelling() {
    for format in [Format::Json, Format::Csv, Format::Xlsx] {
        assert_eq!(Format::parse(format.as_str()), Some(format));
    }
    assert_eq!(Format::parse("pdf"), None);
    assert_eq!(Format::parse("JSON"), None);
    assert_eq!(Format::Csv.extension(), "zip");
    assert_eq!(Format::Csv.content_type(), "application/zip");
    assert_eq!(Format::Xlsx.extension(), "xlsx");
    assert_eq!(Format::Json.content_type(), "application/json");
}

/// Every catalogue key render uses, gathered from the same tables and matches the code reads.
fn keys_render_uses() -> Vec<String> {
    let mut keys: Vec<String> = vec!["report-title".into(), "report-journal-description".into()];
    for name in TABLE_NAMES {
        keys.push(format!("report-sheet-{name}"));
        keys.push(format!("report-file-{name}"));
    }
    keys.extend(LIABILITY_ROWS.iter().map(|(key, _)| (*key).to_owned()));
    keys.extend(ASSET_ROWS.iter().map(|(key, _)| (*key).to_owned()));
    keys.extend(PL_ROWS.iter().map(|(key, _)| (*key).to_owned()));
    keys.extend(BUCKET_KEYS.iter().map(|key| (*key).to_owned()));
    keys.extend(COLUMN_KEYS.iter().map(|key| (*key).to_owned()));
    keys.extend(
        AccountRole::ALL
            .iter()
            .map(|role| role.label_key().to_owned()),
    );
    for class in [
        AssetClass::Vehicle,
        AssetClass::Equipment,
        AssetClass::It,
        AssetClass::Premises,
        AssetClass::Other,
    ] {
        keys.push(asset_class_label_key(class).to_owned());
    }
    for treatment in [
        Treatment::BalanceSheet,
        Treatment::ShortTerm,
        Treatment::LowValue,
        Treatment::Operating,
    ] {
        keys.push(treatment_label_key(treatment).to_owned());
    }
    for framework in [
        Framework::Ifrs16,
        Framework::K3Operating,
        Framework::K3Finance,
    ] {
        keys.push(framework_label_key(framework).to_owned());
    }
    keys
}

#[test]
fn every_label_render_uses_is_in_the_catalogue() {
    let keys = keys_render_uses();
    let names: Vec<_> = super::tables::tables(&report(), Lang::En)
        .iter()
        .map(|table| table.name_key)
        .collect();
    assert_eq!(names, TABLE_NAMES);
    for key in &keys {
        assert!(i18n::has(key), "{key} is not in report.ftl");
    }
}

/// The catalogue answers a missing key with the key itself: no file in any language may show
/// one.
#[test]
fn no_file_in_any_language_shows_a_catalogue_key() {
    let report = report();
    for (lang, _) in &LANGUAGES {
        let csv = unzip(&render(&report, Format::Csv, *lang).expect("the CSV renders"));
        for (name, content) in &csv {
            assert!(!content.contains("report-"), "{} {name}", lang.code());
        }
        let xlsx = unzip(&render(&report, Format::Xlsx, *lang).expect("the XLSX renders"));
        for (name, content) in &xlsx {
            assert!(!content.contains("report-"), "{} {name}", lang.code());
        }
        let json =
            String::from_utf8(render(&report, Format::Json, *lang).expect("the JSON renders"))
                .expect("UTF-8");
        assert!(!json.contains("report-"), "{}", lang.code());
    }
}

#[test]
fn names_are_translated_and_file_names_are_ascii_in_every_language() {
    for (lang, _) in &LANGUAGES {
        let mut files = BTreeSet::new();
        let mut sheets = BTreeSet::new();
        for name in TABLE_NAMES {
            let file = label(*lang, &format!("report-file-{name}"));
            assert!(
                !file.is_empty()
                    && file
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}: {file:?}",
                lang.code()
            );
            files.insert(file);
            let sheet = label(*lang, &format!("report-sheet-{name}"));
            assert!(
                sheet.chars().count() <= 31
                    && !sheet.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{}: {sheet:?}",
                lang.code()
            );
            sheets.insert(sheet);
        }
        assert_eq!(files.len(), TABLE_NAMES.len(), "{}: files", lang.code());
        assert_eq!(sheets.len(), TABLE_NAMES.len(), "{}: sheets", lang.code());
    }
    assert_ne!(
        label(Lang::Sv, "report-sheet-liability"),
        label(Lang::En, "report-sheet-liability")
    );
}

/// The files of a zip with their text.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut files = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("a zip entry");
        let mut content = String::new();
        file.read_to_string(&mut content).expect("UTF-8 text");
        let name = file.name().expect("an entry name").into_owned();
        files.push((name, content));
    }
    files
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, content)| content.as_str())
        .unwrap_or_else(|| panic!("{name} missing among {:?}", names(files)))
}

fn names(files: &[(String, String)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn the_csv_zip_has_one_localized_file_per_table() {
    let report = report();
    let sv = unzip(&render(&report, Format::Csv, Lang::Sv).expect("the CSV renders"));
    assert_eq!(
        names(&sv),
        [
            "leasingskulder.csv",
            "nyttjanderattstillgangar.csv",
            "resultatrakning.csv",
            "loptidsanalys.csv",
            "bokforingsorder.csv",
            "avtal.csv",
            "valutakurser.csv",
        ]
    );
    let en = unzip(&render(&report, Format::Csv, Lang::En).expect("the CSV renders"));
    assert_eq!(names(&en)[0], "lease-liabilities.csv");
    for (_, content) in sv.iter().chain(&en) {
        assert!(content.starts_with('\u{feff}'), "a BOM");
        assert!(content.ends_with("\r\n"), "CRLF records");
    }
}

#[test]
fn swedish_csv_uses_semicolons_and_decimal_commas() {
    let sv = unzip(&render(&report(), Format::Csv, Lang::Sv).expect("the CSV renders"));
    let liability = file(&sv, "leasingskulder.csv");
    assert_eq!(
        liability.lines().next(),
        Some("\u{feff}Post;Belopp"),
        "the header"
    );
    assert!(liability.contains("\r\nLeasingbetalningar;1234,50\r\n"));
    assert!(liability.contains("\r\nValutakursdifferenser;-12,50\r\n"));
    let right_of_use = file(&sv, "nyttjanderattstillgangar.csv");
    assert!(right_of_use.contains("Post;Summa;Fordon;Lokaler\r\n"));
    assert!(right_of_use.contains("\r\nAvskrivningar;1100,00;1100,00;0,00\r\n"));
    let maturity = file(&sv, "loptidsanalys.csv");
    assert!(maturity.contains("\r\nInom 1 år;1300,00\r\n"));
    assert!(maturity.contains("\r\nSumma;4900,00\r\n"));
    let rates = file(&sv, "valutakurser.csv");
    assert!(rates.contains("\r\nEUR;11,2345;2026-12-30;11,153412;11,02;2025-12-31;250\r\n"));
}

#[test]
fn english_csv_uses_commas_and_decimal_points() {
    let en = unzip(&render(&report(), Format::Csv, Lang::En).expect("the CSV renders"));
    let liability = file(&en, "lease-liabilities.csv");
    assert!(liability.starts_with("\u{feff}Item,Amount\r\n"));
    assert!(liability.contains("\r\nLease payments,1234.50\r\n"));
    assert!(liability.contains("\r\nExchange differences,-12.50\r\n"));
    let pl = file(&en, "profit-or-loss.csv");
    // The label's comma-free, the amounts are never quoted.
    assert!(pl.contains("\r\nExpense relating to short-term leases,0.00\r\n"));
}

#[test]
fn csv_text_is_quoted_and_formulas_are_defused() {
    let report = report();
    let sv = unzip(&render(&report, Format::Csv, Lang::Sv).expect("the CSV renders"));
    let journal = file(&sv, "bokforingsorder.csv");
    assert_eq!(
        journal.lines().next(),
        Some("\u{feff}Datum;Avtals-id;Avtal;Text;Konto;Kontonamn;Debet;Kredit")
    );
    assert!(journal.contains(
        "\r\n2026-01-31;c-vehicle;'=SUM(A1);Leasing =SUM(A1) 2026-01;7830;\
         Avskrivningar på nyttjanderättstillgångar;91,67;0,00\r\n"
    ));
    let awkward_sv = "\"Kontor \"\"Nord\"\"; plan 2, A\nhus B\"";
    assert!(journal.contains(&format!("\r\n2026-12-31;c-premises;{awkward_sv};")));
    let contracts = file(&sv, "avtal.csv");
    assert!(
        contracts
            .contains("\r\nc-vehicle;'=SUM(A1);Fordon;I balansräkningen;SEK;1;2026-11-30;1000,00;")
    );
    assert!(contracts.contains(&format!(
        "\r\nc-premises;{awkward_sv};Lokaler;Tillgång av lågt värde;EUR;3;;0,00;"
    )));
    // Each contract row has as many fields as the header (the quoted name's `;` and line
    // break stay inside its field).
    let header_fields = contracts
        .lines()
        .next()
        .expect("a header")
        .split(';')
        .count();
    assert_eq!(header_fields, 7 + 10 + 7 + 7 + 6);
    let vehicle_row = contracts.lines().nth(1).expect("a contract row");
    assert_eq!(vehicle_row.split(';').count(), header_fields);

    let en = unzip(&render(&report, Format::Csv, Lang::En).expect("the CSV renders"));
    let journal = file(&en, "journal-entries.csv");
    let awkward_en = "\"Kontor \"\"Nord\"\"; plan 2, A\nhus B\"";
    assert!(journal.contains(&format!("\r\n2026-12-31,c-premises,{awkward_en},")));
    assert!(journal.contains(",'=SUM(A1),Lease =SUM(A1) 2026-01,8410,"));
    // A negative amount is a number, not defused text.
    assert!(file(&en, "lease-liabilities.csv").contains(",-12.50\r\n"));
}

fn xlsx_parts(lang: Lang) -> Vec<(String, String)> {
    unzip(&render(&report(), Format::Xlsx, lang).expect("the XLSX renders"))
}

#[test]
fn the_xlsx_has_a_sheet_per_table_named_in_the_language() {
    let parts = xlsx_parts(Lang::Sv);
    let workbook = file(&parts, "xl/workbook.xml");
    for name in [
        "Leasingskulder",
        "Nyttjanderättstillgångar",
        "Resultaträkning",
        "Löptidsanalys",
        "Bokföringsorder",
        "Avtal",
        "Valutakurser",
    ] {
        assert!(
            workbook.contains(&format!("<sheet name=\"{name}\"")),
            "{name} in {workbook}"
        );
    }
    for sheet in 1..=7 {
        file(&parts, &format!("xl/worksheets/sheet{sheet}.xml"));
    }
    let finnish = file(&xlsx_parts(Lang::Fi), "xl/workbook.xml").to_owned();
    assert!(finnish.contains("<sheet name=\"Käyttöoikeusomaisuuserät\""));
}

#[test]
fn the_xlsx_header_is_frozen_and_filtered_with_numbers_and_dates_as_such() {
    let parts = xlsx_parts(Lang::Sv);
    let liability = file(&parts, "xl/worksheets/sheet1.xml");
    assert!(liability.contains("<pane ySplit=\"2\""), "{liability}");
    assert!(
        liability.contains("<autoFilter ref=\"A2:B12\""),
        "{liability}"
    );
    assert!(liability.contains("<cols>"), "column widths");
    // Payments (row 6) is a number cell: no t="s"/t="str" and the value itself.
    assert!(
        liability.contains("<c r=\"B6\" s=\"3\"><v>1234.5</v></c>"),
        "{liability}"
    );
    let journal = file(&parts, "xl/worksheets/sheet5.xml");
    // The date is a serial day number (2026-01-31 = 46053; ryu writes it as 46053.0) with a
    // date style.
    assert!(
        journal.contains("<c r=\"A3\" s=\"4\"><v>46053.0</v></c>"),
        "{journal}"
    );
    let styles = file(&parts, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0.00\""));
    assert!(
        styles.contains("formatCode=\"yyyy\\-mm\\-dd\"")
            || styles.contains("formatCode=\"yyyy-mm-dd\"")
    );
    let strings = file(&parts, "xl/sharedStrings.xml");
    assert!(strings.contains("Leasingrapport 2026-01-01 – 2026-12-31, IFRS 16, SEK"));
}

#[test]
fn a_journal_longer_than_a_sheet_continues_on_the_next() {
    let report = report();
    // 11 journal lines, at most 4 per sheet: three journal sheets.
    let bytes = xlsx::render_in_parts(&report, Lang::En, 4).expect("the XLSX renders");
    let parts = unzip(&bytes);
    let workbook = file(&parts, "xl/workbook.xml");
    assert!(workbook.contains("<sheet name=\"Journal entries\""));
    assert!(workbook.contains("<sheet name=\"Journal entries (2)\""));
    assert!(workbook.contains("<sheet name=\"Journal entries (3)\""));
    assert!(!workbook.contains("<sheet name=\"Journal entries (4)\""));
    // The tables after it still follow, each on its own sheet.
    assert!(workbook.contains("<sheet name=\"Exchange rates\""));
}

/// The size of the 10,000-contract bench: 12 monthly entries of 5 lines per contract. Run in
/// release: `cargo test --release -p mypages --lib render::tests::large -- --ignored
/// --nocapture`; it prints the times (goal: XLSX < 5 s, JSON < 2 s).
#[test]
#[ignore = "a benchmark: run in release"]
fn large_report_renders_in_time() {
    use std::time::Instant;
    let mut report = report();
    let template = report.contracts[0].clone();
    report.contracts = (0..10_000)
        .map(|index| ContractReport {
            id: format!("0b6c3d1e-7a2f-4c59-9e1d-{index:012}"),
            name: format!("Leasingavtal nummer {index}"),
            ..template.clone()
        })
        .collect();
    let lines = [
        (AccountRole::Depreciation, "916.67", "0.00"),
        (AccountRole::AccumulatedDepreciation, "0.00", "916.67"),
        (AccountRole::Interest, "123.45", "0.00"),
        (AccountRole::LeaseLiabilityNonCurrent, "1111.55", "123.45"),
        (AccountRole::Payments, "0.00", "1111.55"),
    ];
    let lines: Vec<JournalLine> = lines
        .iter()
        .map(|(account, debit, credit)| JournalLine {
            account: *account,
            debit: money(debit),
            credit: money(credit),
        })
        .collect();
    report.journal = (0..10_000)
        .flat_map(|contract| {
            let lines = lines.clone();
            (1..=12u32).map(move |month| JournalEntry {
                date: NaiveDate::from_ymd_opt(2026, month + 1, 1)
                    .unwrap_or(date("2027-01-01"))
                    .pred_opt()
                    .expect("a month end"),
                contract,
                lines: lines.clone(),
            })
        })
        .collect();
    assert_eq!(report.journal.len(), 120_000);
    for format in [Format::Json, Format::Csv, Format::Xlsx] {
        let started = Instant::now();
        let bytes = render(&report, format, Lang::Sv).expect("the report renders");
        println!(
            "{}: {:.2} s, {} MB",
            format.as_str(),
            started.elapsed().as_secs_f64(),
            bytes.len() / 1_000_000
        );
    }
    let started = Instant::now();
    let value = to_json(&report, Lang::Sv);
    println!("to_json value: {:.2} s", started.elapsed().as_secs_f64());
    assert_eq!(
        value["journalEntries"].as_array().map(Vec::len),
        Some(120_000)
    );
}
