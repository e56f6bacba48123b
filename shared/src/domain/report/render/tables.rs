//! The report as format-neutral tables, labelled in the report's language: CSV writes each as
//! a file, XLSX as a sheet. Rows are produced lazily (the journal may have 600,000).

use std::borrow::Cow;
use std::rc::Rc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::super::{AssetRollForward, ContractReport, LiabilityRollForward, ProfitOrLoss, Report};
use super::{
    asset_class_label_key, framework_label_key, journal_description, label, treatment_label_key,
};
use crate::domain::i18n;
use crate::domain::lang::Lang;

/// One cell. Text is the only kind a spreadsheet could read as a formula; the others are
/// written as numbers or dates.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell<'a> {
    Text(Cow<'a, str>),
    /// Money: 2 decimals.
    Amount(Decimal),
    /// An exchange rate, with the decimals it was stored with.
    Rate(Decimal),
    Date(NaiveDate),
    Integer(u32),
    Empty,
}

/// How wide a column is drawn in a spreadsheet, in characters: fixed for the kinds whose width
/// is known, a typical width for text (computing the widest of 600,000 cells is not worth it).
#[derive(Debug, Clone, Copy)]
pub(super) enum ColumnKind {
    /// Text about this many characters wide.
    Text(u16),
    Amount,
    Rate,
    Date,
    Integer,
}

pub(super) struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

impl Column {
    fn new(lang: Lang, header_key: &str, kind: ColumnKind) -> Column {
        Column {
            header: label(lang, header_key),
            kind,
        }
    }

    /// The drawn width: the kind's typical width, or the header's if wider.
    pub fn width(&self) -> u16 {
        let typical = match self.kind {
            ColumnKind::Text(width) => width,
            ColumnKind::Amount => 16,
            ColumnKind::Rate => 12,
            ColumnKind::Date => 12,
            ColumnKind::Integer => 10,
        };
        let header = u16::try_from(self.header.chars().count()).unwrap_or(u16::MAX);
        typical.max(header.saturating_add(2))
    }
}

pub(super) type Row<'a> = Vec<Cell<'a>>;

pub(super) struct Table<'a> {
    /// The catalogue key of the sheet name (`report-sheet-…`) and file name (`report-file-…`).
    pub name_key: &'static str,
    pub columns: Vec<Column>,
    pub rows: Box<dyn Iterator<Item = Row<'a>> + 'a>,
}

impl Table<'_> {
    pub fn sheet_name(&self, lang: Lang) -> String {
        label(lang, &format!("report-sheet-{}", self.name_key))
    }

    pub fn file_name(&self, lang: Lang) -> String {
        label(lang, &format!("report-file-{}", self.name_key))
    }
}

/// The tables' names, in the order of the files and sheets (`report-sheet-<name>`,
/// `report-file-<name>`): for the tests that every name is translated.
#[cfg(test)]
pub(super) const TABLE_NAMES: [&str; 7] = [
    "liability",
    "right-of-use",
    "profit-or-loss",
    "maturity",
    "journal",
    "contracts",
    "rates",
];

type LiabilityField = fn(&LiabilityRollForward) -> Decimal;
type AssetField = fn(&AssetRollForward) -> Decimal;
type PlField = fn(&ProfitOrLoss) -> Decimal;

/// The liability roll-forward's rows: label key and figure.
pub(super) const LIABILITY_ROWS: [(&str, LiabilityField); 10] = [
    ("report-liability-opening", |l| l.opening),
    ("report-liability-additions", |l| l.additions),
    ("report-liability-interest", |l| l.interest),
    ("report-liability-payments", |l| l.payments),
    ("report-liability-remeasurements", |l| l.remeasurements),
    ("report-liability-terminations", |l| l.terminations),
    ("report-liability-fx-difference", |l| l.fx_difference),
    ("report-liability-closing", |l| l.closing),
    ("report-liability-current", |l| l.current),
    ("report-liability-non-current", |l| l.non_current),
];

pub(super) const ASSET_ROWS: [(&str, AssetField); 7] = [
    ("report-asset-opening", |a| a.opening),
    ("report-asset-additions", |a| a.additions),
    ("report-asset-depreciation", |a| a.depreciation),
    ("report-asset-remeasurements", |a| a.remeasurements),
    ("report-asset-terminations", |a| a.terminations),
    ("report-asset-fx-difference", |a| a.fx_difference),
    ("report-asset-closing", |a| a.closing),
];

pub(super) const PL_ROWS: [(&str, PlField); 7] = [
    ("report-pl-depreciation", |p| p.depreciation),
    ("report-pl-interest", |p| p.interest),
    ("report-pl-short-term-expense", |p| p.short_term_expense),
    ("report-pl-low-value-expense", |p| p.low_value_expense),
    ("report-pl-operating-lease-expense", |p| {
        p.operating_lease_expense
    }),
    ("report-pl-remeasurement-gain-loss", |p| {
        p.remeasurement_gain_loss
    }),
    ("report-pl-fx-difference", |p| p.fx_difference),
];

/// The label keys of [`Maturity::BUCKETS`], in order.
pub(super) const BUCKET_KEYS: [&str; 6] = [
    "report-bucket-0-1",
    "report-bucket-1-2",
    "report-bucket-2-3",
    "report-bucket-3-4",
    "report-bucket-4-5",
    "report-bucket-5-plus",
];

/// The column header keys, for the test that they all exist (a key missing here but used is
/// still caught: no rendered file may show a key).
#[cfg(test)]
pub(super) const COLUMN_KEYS: [&str; 24] = [
    "report-column-item",
    "report-column-amount",
    "report-column-total",
    "report-column-bucket",
    "report-column-date",
    "report-column-contract-id",
    "report-column-contract-name",
    "report-column-description",
    "report-column-account",
    "report-column-account-name",
    "report-column-debit",
    "report-column-credit",
    "report-column-asset-class",
    "report-column-treatment",
    "report-column-currency",
    "report-column-version",
    "report-column-terminated-on",
    "report-column-closing-rate",
    "report-column-closing-date",
    "report-column-average-rate",
    "report-column-opening-rate",
    "report-column-opening-date",
    "report-column-observations",
    "report-column-section-item",
];

/// The title above each sheet: report name, period, framework and currency.
pub(super) fn title(report: &Report, lang: Lang) -> String {
    let request = &report.request;
    let start = request.period_start.to_string();
    let end = request.period_end.to_string();
    let framework = label(lang, framework_label_key(request.framework));
    i18n::text(
        lang,
        "report-title",
        &[
            ("start", &start),
            ("end", &end),
            ("framework", &framework),
            ("currency", request.reporting_currency.as_str()),
        ],
    )
}

/// Every table of the report, in order ([`TABLE_NAMES`]).
pub(super) fn tables(report: &Report, lang: Lang) -> Vec<Table<'_>> {
    vec![
        liability(report, lang),
        right_of_use(report, lang),
        profit_or_loss(report, lang),
        maturity(report, lang),
        journal(report, lang),
        contracts(report, lang),
        rates(report, lang),
    ]
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell::Text(s.into())
}

fn item_and_amount_columns(lang: Lang) -> Vec<Column> {
    vec![
        Column::new(lang, "report-column-item", ColumnKind::Text(40)),
        Column::new(lang, "report-column-amount", ColumnKind::Amount),
    ]
}

fn liability(report: &Report, lang: Lang) -> Table<'_> {
    let rows: Vec<Row<'_>> = LIABILITY_ROWS
        .iter()
        .map(|(key, field)| {
            vec![
                text(label(lang, key)),
                Cell::Amount(field(&report.liability)),
            ]
        })
        .collect();
    Table {
        name_key: "liability",
        columns: item_and_amount_columns(lang),
        rows: Box::new(rows.into_iter()),
    }
}

fn right_of_use(report: &Report, lang: Lang) -> Table<'_> {
    let mut columns = vec![
        Column::new(lang, "report-column-item", ColumnKind::Text(40)),
        Column::new(lang, "report-column-total", ColumnKind::Amount),
    ];
    for (class, _) in &report.right_of_use_by_class {
        columns.push(Column::new(
            lang,
            asset_class_label_key(*class),
            ColumnKind::Amount,
        ));
    }
    let rows: Vec<Row<'_>> = ASSET_ROWS
        .iter()
        .map(|(key, field)| {
            let mut row = vec![
                text(label(lang, key)),
                Cell::Amount(field(&report.right_of_use_asset)),
            ];
            row.extend(
                report
                    .right_of_use_by_class
                    .iter()
                    .map(|(_, asset)| Cell::Amount(field(asset))),
            );
            row
        })
        .collect();
    Table {
        name_key: "right-of-use",
        columns,
        rows: Box::new(rows.into_iter()),
    }
}

fn profit_or_loss(report: &Report, lang: Lang) -> Table<'_> {
    let rows: Vec<Row<'_>> = PL_ROWS
        .iter()
        .map(|(key, field)| {
            vec![
                text(label(lang, key)),
                Cell::Amount(field(&report.profit_or_loss)),
            ]
        })
        .collect();
    Table {
        name_key: "profit-or-loss",
        columns: item_and_amount_columns(lang),
        rows: Box::new(rows.into_iter()),
    }
}

fn maturity(report: &Report, lang: Lang) -> Table<'_> {
    let mut rows: Vec<Row<'_>> = BUCKET_KEYS
        .iter()
        .zip(report.maturity.buckets)
        .map(|(key, amount)| vec![text(label(lang, key)), Cell::Amount(amount)])
        .collect();
    rows.push(vec![
        text(label(lang, "report-column-total")),
        Cell::Amount(report.maturity.total()),
    ]);
    Table {
        name_key: "maturity",
        columns: vec![
            Column::new(lang, "report-column-bucket", ColumnKind::Text(24)),
            Column::new(lang, "report-column-amount", ColumnKind::Amount),
        ],
        rows: Box::new(rows.into_iter()),
    }
}

/// One row per journal line.
fn journal(report: &Report, lang: Lang) -> Table<'_> {
    let accounts = &report.request.accounts;
    let columns = vec![
        Column::new(lang, "report-column-date", ColumnKind::Date),
        Column::new(lang, "report-column-contract-id", ColumnKind::Text(38)),
        Column::new(lang, "report-column-contract-name", ColumnKind::Text(30)),
        Column::new(lang, "report-column-description", ColumnKind::Text(36)),
        Column::new(lang, "report-column-account", ColumnKind::Text(10)),
        Column::new(lang, "report-column-account-name", ColumnKind::Text(36)),
        Column::new(lang, "report-column-debit", ColumnKind::Amount),
        Column::new(lang, "report-column-credit", ColumnKind::Amount),
    ];
    // The eleven account names, looked up once rather than per line, in [`AccountRole::ALL`](super::AccountRole::ALL) order.
    let role_labels: Rc<[String]> = super::AccountRole::ALL
        .iter()
        .map(|role| label(lang, role.label_key()))
        .collect();
    let rows = report.journal.iter().flat_map(move |entry| {
        let contract = report.contracts.get(entry.contract);
        let (id, name) = contract.map_or(("", ""), |c| (c.id.as_str(), c.name.as_str()));
        let description = journal_description(lang, name, entry.date);
        let role_labels = Rc::clone(&role_labels);
        entry.lines.iter().map(move |line| {
            let account_name = super::AccountRole::ALL
                .iter()
                .position(|role| *role == line.account)
                .and_then(|index| role_labels.get(index))
                .cloned()
                .unwrap_or_default();
            vec![
                Cell::Date(entry.date),
                text(id),
                text(name),
                text(description.clone()),
                text(accounts.code(line.account)),
                text(account_name),
                Cell::Amount(line.debit),
                Cell::Amount(line.credit),
            ]
        })
    });
    Table {
        name_key: "journal",
        columns,
        rows: Box::new(rows),
    }
}

/// A contract column's header: the section (a sheet name) and the item.
fn section_column(lang: Lang, section: &str, item_key: &str) -> Column {
    let section = label(lang, &format!("report-sheet-{section}"));
    let item = label(lang, item_key);
    Column {
        header: i18n::text(
            lang,
            "report-column-section-item",
            &[("section", &section), ("item", &item)],
        ),
        kind: ColumnKind::Amount,
    }
}

/// One row per contract with every figure of its own.
fn contracts(report: &Report, lang: Lang) -> Table<'_> {
    let mut columns = vec![
        Column::new(lang, "report-column-contract-id", ColumnKind::Text(38)),
        Column::new(lang, "report-column-contract-name", ColumnKind::Text(30)),
        Column::new(lang, "report-column-asset-class", ColumnKind::Text(16)),
        Column::new(lang, "report-column-treatment", ColumnKind::Text(20)),
        Column::new(lang, "report-column-currency", ColumnKind::Text(8)),
        Column::new(lang, "report-column-version", ColumnKind::Integer),
        Column::new(lang, "report-column-terminated-on", ColumnKind::Date),
    ];
    columns.extend(
        LIABILITY_ROWS
            .iter()
            .map(|(key, _)| section_column(lang, "liability", key)),
    );
    columns.extend(
        ASSET_ROWS
            .iter()
            .map(|(key, _)| section_column(lang, "right-of-use", key)),
    );
    columns.extend(
        PL_ROWS
            .iter()
            .map(|(key, _)| section_column(lang, "profit-or-loss", key)),
    );
    columns.extend(
        BUCKET_KEYS
            .iter()
            .map(|key| section_column(lang, "maturity", key)),
    );
    let rows = report
        .contracts
        .iter()
        .map(move |contract| contract_row(contract, lang));
    Table {
        name_key: "contracts",
        columns,
        rows: Box::new(rows),
    }
}

fn contract_row(contract: &ContractReport, lang: Lang) -> Row<'_> {
    let mut row = vec![
        text(contract.id.as_str()),
        text(contract.name.as_str()),
        text(label(lang, asset_class_label_key(contract.asset_class))),
        text(label(lang, treatment_label_key(contract.treatment))),
        text(contract.currency.as_str()),
        Cell::Integer(contract.version),
        contract.terminated_on.map_or(Cell::Empty, Cell::Date),
    ];
    row.extend(
        LIABILITY_ROWS
            .iter()
            .map(|(_, field)| Cell::Amount(field(&contract.liability))),
    );
    row.extend(
        ASSET_ROWS
            .iter()
            .map(|(_, field)| Cell::Amount(field(&contract.right_of_use_asset))),
    );
    row.extend(
        PL_ROWS
            .iter()
            .map(|(_, field)| Cell::Amount(field(&contract.profit_or_loss))),
    );
    row.extend(contract.maturity.buckets.map(Cell::Amount));
    row
}

fn rates(report: &Report, lang: Lang) -> Table<'_> {
    let columns = vec![
        Column::new(lang, "report-column-currency", ColumnKind::Text(8)),
        Column::new(lang, "report-column-closing-rate", ColumnKind::Rate),
        Column::new(lang, "report-column-closing-date", ColumnKind::Date),
        Column::new(lang, "report-column-average-rate", ColumnKind::Rate),
        Column::new(lang, "report-column-opening-rate", ColumnKind::Rate),
        Column::new(lang, "report-column-opening-date", ColumnKind::Date),
        Column::new(lang, "report-column-observations", ColumnKind::Integer),
    ];
    let rows = report.rates.iter().map(|rate| {
        vec![
            text(rate.currency.as_str()),
            Cell::Rate(rate.closing),
            Cell::Date(rate.closing_date),
            Cell::Rate(rate.average),
            rate.opening.map_or(Cell::Empty, Cell::Rate),
            rate.opening_date.map_or(Cell::Empty, Cell::Date),
            Cell::Integer(rate.observations),
        ]
    });
    Table {
        name_key: "rates",
        columns,
        rows: Box::new(rows),
    }
}
