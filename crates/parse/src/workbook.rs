//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read
//! with calamine, one sheet at a time, into the same [`Table`] as pasted
//! text.
//!
//! Cells become text the data parser reads back without loss: numbers in
//! Rust's shortest round-trip form with a decimal point (a value with
//! exactly three decimals gets a fourth zero so that `1.234` cannot be
//! taken for a thousand), dates as ISO `yyyy-mm-dd` (1900 and 1904 date
//! systems both handled by calamine), booleans as `TRUE`/`FALSE`, and
//! errors as Excel shows them (`#DIV/0!`), which then fail as located
//! "not a number" problems. Row numbers are the sheet's own.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};

use super::error::ParseError;
use super::table::{table_from_rows_at, Table};

/// An open workbook: its sheet names, and each sheet as a [`Table`] on
/// demand (the user chooses when there are several).
pub struct Workbook {
    sheets: Sheets<Cursor<Vec<u8>>>,
    names: Vec<String>,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("sheets", &self.names)
            .finish()
    }
}

/// Opens a workbook from its bytes.
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::Empty);
    }
    let sheets = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        ParseError::Workbook {
            message: e.to_string(),
        }
    })?;
    let names = sheets.sheet_names();
    Ok(Workbook { sheets, names })
}

impl Workbook {
    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Sheet `index` as a table (first non-blank row as header).
    pub fn sheet(&mut self, index: usize) -> Result<Table, ParseError> {
        let range = self
            .sheets
            .worksheet_range_at(index)
            .ok_or_else(|| ParseError::Workbook {
                message: format!("there is no sheet number {}", index + 1),
            })?
            .map_err(|e| ParseError::Workbook {
                message: e.to_string(),
            })?;
        let first_row = range.start().map_or(1, |(r, _)| r.saturating_add(1));
        let mut cells = Vec::with_capacity(range.width());
        let rows = range.rows().map(|row| {
            cells.clear();
            cells.extend(row.iter().map(cell_text));
            cells.clone()
        });
        table_from_rows_at(rows, first_row)
    }

    /// The first sheet that holds a usable table, with its index: what to
    /// show before the user picks another.
    pub fn first_table(&mut self) -> Result<(usize, Table), ParseError> {
        let mut first_err = None;
        for i in 0..self.names.len() {
            match self.sheet(i) {
                Ok(t) => return Ok((i, t)),
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        Err(first_err.unwrap_or(ParseError::Empty))
    }
}

/// A cell as text the data parser reads back exactly.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => float_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let mut s = f.to_string();
    if let Some(dot) = s.find('.') {
        if s.len() - dot - 1 == 3 {
            s.push('0');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal `.xlsx` written by hand: two sheets, inline strings, one
    /// date cell styled with the built-in date format 14.
    fn xlsx(sheet1: &str, sheet2: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        let files = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Commandes" sheetId="2" r:id="rId2"/></sheets></workbook>"#.to_string(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string(),
            ),
            (
                "xl/styles.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_string(),
            ),
            ("xl/worksheets/sheet1.xml", sheet(sheet1)),
            ("xl/worksheets/sheet2.xml", sheet(sheet2)),
        ];
        for (name, body) in files {
            z.start_file(name, opt).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }

    fn sheet(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
        )
    }

    fn s(r: &str, v: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#)
    }

    fn n(r: &str, v: &str) -> String {
        format!(r#"<c r="{r}"><v>{v}</v></c>"#)
    }

    fn date(r: &str, serial: &str) -> String {
        format!(r#"<c r="{r}" s="1"><v>{serial}</v></c>"#)
    }

    #[test]
    fn reads_sheets_with_types_and_row_numbers() {
        let notes = format!(r#"<row r="1">{}</row>"#, s("A1", "rien"));
        // The table starts at row 3, column B, as people leave margins.
        let orders = format!(
            r#"<row r="3">{}{}{}</row><row r="4">{}{}{}</row><row r="5">{}{}{}</row>"#,
            s("B3", "Client"),
            s("C3", "Date de commande"),
            s("D3", "Montant"),
            s("B4", "A12"),
            date("C4", "45292"),
            n("D4", "1234.5"),
            s("B5", "B7"),
            date("C5", "45366"),
            n("D5", "1.234"),
        );
        let bytes = xlsx(&notes, &orders);
        let mut wb = read_workbook(&bytes).unwrap();
        assert_eq!(wb.sheet_names(), ["Notes", "Commandes"]);
        assert_eq!(wb.sheet(0).unwrap_err(), ParseError::HeaderOnly);
        let (i, t) = wb.first_table().unwrap();
        assert_eq!(i, 1);
        assert_eq!(t.headers, ["Client", "Date de commande", "Montant"]);
        assert_eq!((t.row_number(0), t.row_number(1)), (4, 5));
        assert_eq!(t.cell(0, 1), "2024-01-01");
        assert_eq!(t.cell(1, 1), "2024-03-15");
        // 1.234 keeps its meaning whatever the column's convention.
        assert_eq!(t.cell(1, 2), "1.2340");
        assert_eq!(t.numbers(2).unwrap(), [1234.5, 1.234]);
        assert!(matches!(
            wb.sheet(5).unwrap_err(),
            ParseError::Workbook { .. }
        ));
        // The drop zone's entry point tells workbooks from text.
        assert!(matches!(
            super::super::read_input(&bytes),
            Ok(super::super::Loaded::Workbook(_))
        ));
    }

    #[test]
    fn refuses_what_is_not_a_workbook() {
        assert_eq!(read_workbook(b"").unwrap_err(), ParseError::Empty);
        let e = read_workbook(b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(matches!(e, ParseError::Workbook { .. }), "{e:?}");
        assert!(e
            .to_string()
            .starts_with("the workbook could not be read: "));
        assert!(read_workbook(b"a;b\n1;2\n").is_err());
    }

    #[test]
    fn cell_texts() {
        assert_eq!(cell_text(&Data::Float(0.1)), "0.1");
        assert_eq!(cell_text(&Data::Float(2.0)), "2");
        assert_eq!(cell_text(&Data::Float(-1.5)), "-1.5");
        assert_eq!(cell_text(&Data::Float(12.345)), "12.3450");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(
            cell_text(&Data::Error(calamine::CellErrorType::Div0)),
            "#DIV/0!"
        );
    }
}
