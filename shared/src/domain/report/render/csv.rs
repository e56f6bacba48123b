//! The CSV report: a zip with one RFC 4180 file per table, UTF-8 with a byte-order mark (so
//! spreadsheet programs read the letters right), in the conventions of the language's region:
//! `;` and a decimal comma for sv, da, nb, fi, lt, lv and et (a spreadsheet there opens such a
//! file straight into columns and numbers), `,` and a decimal point for en.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::super::Report;
use super::RenderError;
use super::amount_string;
use super::tables::{Cell, Table, tables};
use crate::domain::lang::Lang;

const BOM: &str = "\u{feff}";
/// The buffer of one file is handed to the compressor in pieces about this size.
const FLUSH_AT: usize = 64 * 1024;

/// The separators of a language's region.
#[derive(Debug, Clone, Copy)]
struct Dialect {
    separator: char,
    decimal_comma: bool,
}

impl Dialect {
    fn of(lang: Lang) -> Dialect {
        match lang {
            Lang::En => Dialect {
                separator: ',',
                decimal_comma: false,
            },
            Lang::Sv | Lang::Da | Lang::Nb | Lang::Fi | Lang::Lt | Lang::Lv | Lang::Et => Dialect {
                separator: ';',
                decimal_comma: true,
            },
        }
    }
}

pub(super) fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let dialect = Dialect::of(lang);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for table in tables(report, lang) {
        let name = format!("{}.csv", table.file_name(lang));
        zip.start_file(name, options).map_err(zip_error)?;
        write_table(&mut zip, table, dialect)?;
    }
    let cursor = zip.finish().map_err(zip_error)?;
    Ok(cursor.into_inner())
}

fn zip_error(error: zip::result::ZipError) -> RenderError {
    RenderError(format!("zip: {error}"))
}

fn write_table(
    out: &mut impl Write,
    table: Table<'_>,
    dialect: Dialect,
) -> Result<(), RenderError> {
    let mut buffer = String::with_capacity(FLUSH_AT * 2);
    buffer.push_str(BOM);
    let headers = table
        .columns
        .iter()
        .map(|c| Cell::Text(c.header.as_str().into()));
    write_row(&mut buffer, headers, dialect);
    for row in table.rows {
        write_row(&mut buffer, row.into_iter(), dialect);
        if buffer.len() >= FLUSH_AT {
            out.write_all(buffer.as_bytes())
                .map_err(|e| RenderError(format!("zip: {e}")))?;
            buffer.clear();
        }
    }
    out.write_all(buffer.as_bytes())
        .map_err(|e| RenderError(format!("zip: {e}")))
}

/// One record, ended by CRLF as RFC 4180 has it.
fn write_row<'a>(buffer: &mut String, cells: impl Iterator<Item = Cell<'a>>, dialect: Dialect) {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            buffer.push(dialect.separator);
        }
        match cell {
            Cell::Text(text) => write_text(buffer, &text, dialect.separator),
            Cell::Amount(amount) => write_number(buffer, &amount_string(amount), dialect),
            Cell::Rate(rate) => write_number(buffer, &rate.to_string(), dialect),
            Cell::Date(date) => buffer.push_str(&date.format("%Y-%m-%d").to_string()),
            Cell::Integer(number) => buffer.push_str(&number.to_string()),
            Cell::Empty => {}
        }
    }
    buffer.push_str("\r\n");
}

/// A number in the dialect: the decimal point becomes a comma where the region writes one; no
/// thousands separator, so the field never needs quotes.
fn write_number(buffer: &mut String, number: &str, dialect: Dialect) {
    if dialect.decimal_comma {
        buffer.extend(number.chars().map(|c| if c == '.' { ',' } else { c }));
    } else {
        buffer.push_str(number);
    }
}

/// A text field: defused against formula injection, then quoted when RFC 4180 requires it.
pub(crate) fn write_text(buffer: &mut String, text: &str, separator: char) {
    // A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV
    // Injection"); contract names are user input, so such a text gets a leading apostrophe
    // and is shown as typed. Numbers are never text cells, so a negative amount is untouched.
    let defuse = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([separator, '"', '\n', '\r']);
    if quote {
        buffer.push('"');
    }
    if defuse {
        buffer.push('\'');
    }
    if quote {
        for c in text.chars() {
            if c == '"' {
                buffer.push('"');
            }
            buffer.push(c);
        }
        buffer.push('"');
    } else {
        buffer.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, separator: char) -> String {
        let mut buffer = String::new();
        write_text(&mut buffer, text, separator);
        buffer
    }

    #[test]
    fn a_field_is_quoted_only_when_it_must_be() {
        assert_eq!(field("Kontor", ';'), "Kontor");
        assert_eq!(field("Kontor, Nord", ';'), "Kontor, Nord");
        assert_eq!(field("Kontor, Nord", ','), "\"Kontor, Nord\"");
        assert_eq!(field("Kontor; Nord", ';'), "\"Kontor; Nord\"");
        assert_eq!(field("Kontor \"Nord\"", ';'), "\"Kontor \"\"Nord\"\"\"");
        assert_eq!(field("rad 1\nrad 2", ';'), "\"rad 1\nrad 2\"");
    }

    #[test]
    fn a_text_a_spreadsheet_would_run_as_a_formula_is_defused() {
        assert_eq!(field("=1+2", ';'), "'=1+2");
        assert_eq!(field("+46 8 123", ';'), "'+46 8 123");
        assert_eq!(field("-5", ';'), "'-5");
        assert_eq!(field("@SUM(A1)", ';'), "'@SUM(A1)");
        assert_eq!(field("\tx", ';'), "'\tx");
        assert_eq!(field("\rx", ';'), "\"'\rx\"");
        assert_eq!(
            field("=HYPERLINK(\"a\";\"b\")", ';'),
            "\"'=HYPERLINK(\"\"a\"\";\"\"b\"\")\""
        );
        assert_eq!(field("Bil = leasing", ';'), "Bil = leasing");
    }

    #[test]
    fn numbers_follow_the_region() {
        let mut sv = String::new();
        write_number(&mut sv, "-1234.50", Dialect::of(Lang::Sv));
        assert_eq!(sv, "-1234,50");
        let mut en = String::new();
        write_number(&mut en, "-1234.50", Dialect::of(Lang::En));
        assert_eq!(en, "-1234.50");
    }
}
