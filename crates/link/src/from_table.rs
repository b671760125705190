//! The three tables from loaded [`Table`]s and the column indices the user
//! mapped: what the dashboard's data session holds. Cells are read as the
//! parser reads them (the column's decimal separator and day/month order);
//! rows the user excluded are left out; every unreadable cell is listed
//! with its spreadsheet row.

use chrono::NaiveDate;
use cxi_parse::validate::parse_flag;
use cxi_parse::{parse_date_with, parse_number_with, CellError, CellProblem, Table};
use serde::{Deserialize, Serialize};

use crate::error::{LinkError, TableKind};
use crate::input::{Answers, Crm, Orders};

/// Columns of an order log (0-based indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderColumns {
    /// Customer id.
    pub id: usize,
    /// Order date, if the log has one.
    pub date: Option<usize>,
    /// Amount.
    pub amount: usize,
}

/// Columns of a survey export (0-based indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerColumns {
    /// Customer id.
    pub id: usize,
    /// Answer date, if the export has one.
    pub date: Option<usize>,
    /// NPS 0–10.
    pub nps: Option<usize>,
    /// CSAT.
    pub csat: Option<usize>,
    /// CES 1–7.
    pub ces: Option<usize>,
}

/// Columns of a CRM table (0-based indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmColumns {
    /// Customer id.
    pub id: usize,
    /// Churn flag (yes/no, 1/0, `actif`/`résilié`...).
    pub churned: Option<usize>,
    /// Support contacts.
    pub contacts: Option<usize>,
}

/// Reads the columns of one table, collecting every bad cell.
struct Reader<'a> {
    table: &'a Table,
    kind: TableKind,
    /// Data rows kept (not excluded).
    rows: Vec<usize>,
    errors: Vec<CellError>,
}

impl<'a> Reader<'a> {
    fn new(table: &'a Table, kind: TableKind, cols: &[Option<usize>]) -> Result<Self, LinkError> {
        let columns = table.column_count();
        if let Some(&col) = cols.iter().flatten().find(|&&c| c >= columns) {
            return Err(LinkError::NoSuchColumn {
                table: kind,
                col,
                columns,
            });
        }
        let rows: Vec<usize> = (0..table.row_count())
            .filter(|&r| !table.is_excluded(r))
            .collect();
        if rows.is_empty() {
            return Err(LinkError::Empty(kind));
        }
        Ok(Reader {
            table,
            kind,
            rows,
            errors: Vec::new(),
        })
    }

    fn fail(&mut self, r: usize, col: usize, problem: CellProblem) {
        self.errors.push(CellError {
            row: self.table.row_number(r),
            col,
            column: self.table.column_name(col),
            problem,
        });
    }

    fn text(&self, col: usize) -> Vec<String> {
        self.rows
            .iter()
            .map(|&r| self.table.cell(r, col).to_string())
            .collect()
    }

    fn row_numbers(&self) -> Vec<u32> {
        self.rows
            .iter()
            .map(|&r| self.table.row_number(r))
            .collect()
    }

    /// Numbers; empty cells are `None`.
    fn numbers(&mut self, col: usize) -> Vec<Option<f64>> {
        let dec = self.table.decimal_separator(col);
        let mut out = Vec::with_capacity(self.rows.len());
        for i in 0..self.rows.len() {
            let r = self.rows[i];
            let cell = self.table.cell(r, col);
            if cell.trim().is_empty() {
                out.push(None);
                continue;
            }
            match parse_number_with(cell, dec) {
                Ok(v) => out.push(Some(v)),
                Err(e) => {
                    self.fail(r, col, CellProblem::Number(e));
                    out.push(None);
                }
            }
        }
        out
    }

    /// Numbers that every row must have.
    fn required_numbers(&mut self, col: usize) -> Vec<f64> {
        let v = self.numbers(col);
        let mut out = Vec::with_capacity(v.len());
        for (i, x) in v.into_iter().enumerate() {
            let r = self.rows[i];
            if x.is_none() && self.table.cell(r, col).trim().is_empty() {
                self.fail(r, col, CellProblem::Missing);
            }
            out.push(x.unwrap_or(0.0));
        }
        out
    }

    /// Dates that every row must have, in the column's day/month order.
    fn dates(&mut self, col: usize) -> Vec<NaiveDate> {
        let order = self.table.resolve_date_order(col).unwrap_or(None);
        let mut out = Vec::with_capacity(self.rows.len());
        for i in 0..self.rows.len() {
            let r = self.rows[i];
            let cell = self.table.cell(r, col);
            if cell.trim().is_empty() {
                self.fail(r, col, CellProblem::Missing);
                out.push(NaiveDate::default());
                continue;
            }
            match parse_date_with(cell, order) {
                Ok(d) => out.push(d),
                Err(e) => {
                    self.fail(r, col, CellProblem::Date(e));
                    out.push(NaiveDate::default());
                }
            }
        }
        out
    }

    /// Yes/no flags; empty cells are `None`.
    fn flags(&mut self, col: usize) -> Vec<Option<bool>> {
        let mut out = Vec::with_capacity(self.rows.len());
        for i in 0..self.rows.len() {
            let r = self.rows[i];
            let cell = self.table.cell(r, col);
            if cell.trim().is_empty() {
                out.push(None);
                continue;
            }
            let f = parse_flag(cell);
            if f.is_none() {
                let text = cell.to_string();
                self.fail(r, col, CellProblem::NotABoolean { text });
            }
            out.push(f);
        }
        out
    }

    fn finish<T>(self, value: T) -> Result<T, LinkError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(LinkError::Cells {
                table: self.kind,
                cells: self.errors,
            })
        }
    }
}

/// The order log of `table` (ids interned, see [`Orders`]).
pub fn orders(table: &Table, c: OrderColumns) -> Result<Orders, LinkError> {
    let mut rd = Reader::new(
        table,
        TableKind::Orders,
        &[Some(c.id), c.date, Some(c.amount)],
    )?;
    let ids = rd.text(c.id);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let dates = c.date.map(|col| rd.dates(col));
    let amounts = rd.required_numbers(c.amount);
    let mut o = Orders::from_rows(&refs, dates, amounts);
    o.rows = rd.row_numbers();
    rd.finish(o)
}

/// The survey answers of `table`.
pub fn answers(table: &Table, c: AnswerColumns) -> Result<Answers, LinkError> {
    let mut rd = Reader::new(
        table,
        TableKind::Answers,
        &[Some(c.id), c.date, c.nps, c.csat, c.ces],
    )?;
    let a = Answers {
        ids: rd.text(c.id),
        dates: c.date.map(|col| rd.dates(col)),
        nps: c.nps.map(|col| rd.numbers(col)),
        csat: c.csat.map(|col| rd.numbers(col)),
        ces: c.ces.map(|col| rd.numbers(col)),
        rows: rd.row_numbers(),
    };
    rd.finish(a)
}

/// The CRM rows of `table`.
pub fn crm(table: &Table, c: CrmColumns) -> Result<Crm, LinkError> {
    let mut rd = Reader::new(table, TableKind::Crm, &[Some(c.id), c.churned, c.contacts])?;
    let t = Crm {
        ids: rd.text(c.id),
        churned: c.churned.map(|col| rd.flags(col)),
        contacts: c.contacts.map(|col| rd.numbers(col)),
        rows: rd.row_numbers(),
    };
    rd.finish(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_parse::read_table;

    #[test]
    fn reads_columns_by_index_and_skips_excluded_rows() {
        let mut t = read_table(
            "client;date;montant\nC-1;03/02/2024;12,5\nC-2;25/02/2024;7\nC-1;01/03/2024;3,25\n"
                .as_bytes(),
        )
        .unwrap();
        t.exclude_row(1, true);
        let o = orders(
            &t,
            OrderColumns {
                id: 0,
                date: Some(1),
                amount: 2,
            },
        )
        .unwrap();
        assert_eq!(o.customer_ids, ["C-1"]);
        assert_eq!(o.customer, [0, 0]);
        assert_eq!(o.amounts, [12.5, 3.25]);
        // Day first, from the unambiguous 25/02 of the column.
        let d = o.dates.unwrap();
        assert_eq!(d[1], NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        // Spreadsheet rows: header 1, the excluded row 3 is gone.
        assert_eq!(o.rows, [2, 4]);
    }

    #[test]
    fn every_bad_cell_is_located() {
        let t = read_table(b"id,nps,date\na,9,2024-01-02\nb,x,\nc,,2024-01-05\n").unwrap();
        let cols = AnswerColumns {
            id: 0,
            date: Some(2),
            nps: Some(1),
            csat: None,
            ces: None,
        };
        let Err(LinkError::Cells { table, cells }) = answers(&t, cols) else {
            panic!("bad cells must be refused")
        };
        assert_eq!(table, TableKind::Answers);
        let at: Vec<(u32, usize)> = cells.iter().map(|c| (c.row, c.col)).collect();
        // The date is checked first, then the score: "x" in row 3, and the
        // empty date of row 3; the empty NPS of row 4 is a missing answer.
        assert_eq!(at, [(3, 2), (3, 1)]);
        assert!(matches!(cells[0].problem, CellProblem::Missing));
    }

    #[test]
    fn flags_and_counts_of_a_crm_table() {
        let t =
            read_table("id;churn;contacts\n1;oui;2\n2;actif;\n3;peut-être;1\n".as_bytes()).unwrap();
        let cols = CrmColumns {
            id: 0,
            churned: Some(1),
            contacts: Some(2),
        };
        let Err(LinkError::Cells { cells, .. }) = crm(&t, cols) else {
            panic!()
        };
        assert_eq!((cells.len(), cells[0].row), (1, 4));
        let t = read_table("id;churn;contacts\n1;oui;2\n2;actif;\n".as_bytes()).unwrap();
        let c = crm(&t, cols).unwrap();
        assert_eq!(c.churned.unwrap(), [Some(true), Some(false)]);
        assert_eq!(c.contacts.unwrap(), [Some(2.0), None]);
        let far = CrmColumns {
            id: 0,
            churned: Some(7),
            contacts: None,
        };
        assert!(matches!(
            crm(&t, far),
            Err(LinkError::NoSuchColumn {
                col: 7,
                columns: 3,
                ..
            })
        ));
    }
}
