//! The XLSX report: one sheet per table with a title row (report, period, framework,
//! currency), a bold header row that stays in view (frozen) and filters, amounts as numbers
//! formatted `#,##0.00`, dates as date cells. A table longer than a sheet's rows continues on
//! `<name> (2)`, `<name> (3)`, …

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::super::Report;
use super::RenderError;
use super::tables::{Cell, Table, tables, title};
use crate::domain::lang::Lang;

/// Rows of one sheet in every Excel since 2007.
const SHEET_ROWS: u32 = 1_048_576;
/// The title row and the header row come before the data.
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;
/// Excel's limit on a sheet name's length.
const SHEET_NAME_MAX: usize = 31;

struct Formats {
    title: Format,
    header: Format,
    amount: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new().set_bold(),
            amount: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

pub(super) fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, RenderError> {
    render_with_sheet_rows(report, lang, SHEET_ROWS - FIRST_DATA_ROW)
}

/// [`render`] with at most `rows_per_sheet` data rows on a sheet (a parameter so the
/// continuation can be tested without a million rows).
fn render_with_sheet_rows(
    report: &Report,
    lang: Lang,
    rows_per_sheet: u32,
) -> Result<Vec<u8>, RenderError> {
    let formats = Formats::new();
    let title = title(report, lang);
    let mut workbook = Workbook::new();
    for table in tables(report, lang) {
        write_table(&mut workbook, table, lang, &title, &formats, rows_per_sheet)
            .map_err(xlsx_error)?;
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

fn xlsx_error(error: XlsxError) -> RenderError {
    RenderError(format!("xlsx: {error}"))
}

fn write_table(
    workbook: &mut Workbook,
    table: Table<'_>,
    lang: Lang,
    title: &str,
    formats: &Formats,
    rows_per_sheet: u32,
) -> Result<(), XlsxError> {
    let base_name = table.sheet_name(lang);
    let mut rows = table.rows.peekable();
    let mut part = 1u32;
    loop {
        let name = sheet_name(&base_name, part);
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        start_sheet(sheet, title, &table.columns, formats)?;
        let mut row_number = FIRST_DATA_ROW;
        for row in rows.by_ref().take(rows_per_sheet as usize) {
            write_row(sheet, row_number, row, formats)?;
            row_number += 1;
        }
        let last_col = column_number(table.columns.len().saturating_sub(1));
        // The filter covers the header and the data (just the header on an empty table).
        sheet.autofilter(HEADER_ROW, 0, row_number - 1, last_col)?;
        if rows.peek().is_none() {
            return Ok(());
        }
        part += 1;
    }
}

/// The sheet's name, with ` (n)` on a continuation, cut to Excel's 31 characters.
fn sheet_name(base: &str, part: u32) -> String {
    let suffix = if part > 1 {
        format!(" ({part})")
    } else {
        String::new()
    };
    let room = SHEET_NAME_MAX.saturating_sub(suffix.chars().count());
    let cut: String = base.chars().take(room).collect();
    format!("{}{suffix}", cut.trim_end())
}

fn column_number(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn start_sheet(
    sheet: &mut Worksheet,
    title: &str,
    columns: &[super::tables::Column],
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    for (index, column) in columns.iter().enumerate() {
        let col = column_number(index);
        sheet.write_string_with_format(HEADER_ROW, col, column.header.as_str(), &formats.header)?;
        sheet.set_column_width(col, column.width())?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: Vec<Cell<'_>>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (index, cell) in cells.into_iter().enumerate() {
        let col = column_number(index);
        match cell {
            Cell::Text(text) => {
                sheet.write_string(row, col, text.into_owned())?;
            }
            Cell::Amount(amount) => {
                sheet.write_number_with_format(
                    row,
                    col,
                    display_number(amount),
                    &formats.amount,
                )?;
            }
            Cell::Rate(rate) => {
                sheet.write_number(row, col, display_number(rate))?;
            }
            Cell::Date(date) => {
                sheet.write_date_with_format(row, col, date, &formats.date)?;
            }
            Cell::Integer(number) => {
                sheet.write_number(row, col, f64::from(number))?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

/// A spreadsheet number is a binary float: the exact decimal is converted only here, to be
/// shown (an amount of cents up to 10^13 round-trips exactly through the 15 significant
/// digits Excel shows). JSON and CSV carry the exact figures.
fn display_number(value: Decimal) -> f64 {
    value.to_f64().unwrap_or_default()
}

#[cfg(test)]
pub(super) fn render_in_parts(
    report: &Report,
    lang: Lang,
    rows_per_sheet: u32,
) -> Result<Vec<u8>, RenderError> {
    render_with_sheet_rows(report, lang, rows_per_sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_continuation_sheet_is_numbered_and_fits_excels_limit() {
        assert_eq!(sheet_name("Journal", 1), "Journal");
        assert_eq!(sheet_name("Journal", 2), "Journal (2)");
        let long = "Kirjauserät kaudelta ja vähän lisää tekstiä";
        assert_eq!(sheet_name(long, 1).chars().count(), SHEET_NAME_MAX);
        let continued = sheet_name(long, 12);
        assert_eq!(continued.chars().count(), SHEET_NAME_MAX);
        assert!(continued.ends_with(" (12)"));
    }
}
