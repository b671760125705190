//! The three tables as the link reads them: typed columns, one value per
//! row, each row with its spreadsheet row number so that a refusal can
//! point at the cell. [`crate::from_table`] builds them from loaded tables.

use chrono::NaiveDate;
use cxi_models::csat::CsatScale;
use cxi_models::rating::RatingScale;
use serde::{Deserialize, Serialize};

use crate::error::{ColumnKind, LinkError, TableKind, ValueProblem};

/// The order log, laid out as [`cxi_parse::Transactions`]: distinct ids
/// once, one code per purchase.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Orders {
    /// Distinct customer ids as written.
    pub customer_ids: Vec<String>,
    /// Index into `customer_ids` of each purchase.
    pub customer: Vec<u32>,
    /// Date of each purchase; `None` for a log without dates (behaviour is
    /// then the whole log's, see [`crate::Basis`]).
    pub dates: Option<Vec<NaiveDate>>,
    /// Amount of each purchase, zero or more.
    pub amounts: Vec<f64>,
    /// Spreadsheet row number of each purchase.
    pub rows: Vec<u32>,
}

/// The survey export: one row per answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answers {
    /// Customer id of each answer as written.
    pub ids: Vec<String>,
    /// Date of each answer; `None` when the export has none.
    pub dates: Option<Vec<NaiveDate>>,
    /// NPS answers (whole numbers 0–10); `None` in a row without one.
    pub nps: Option<Vec<Option<f64>>>,
    /// CSAT answers on [`crate::LinkOptions::csat_scale`].
    pub csat: Option<Vec<Option<f64>>>,
    /// CES 2.0 answers, 1–7.
    pub ces: Option<Vec<Option<f64>>>,
    /// Spreadsheet row number of each answer.
    pub rows: Vec<u32>,
}

/// The CRM table: one row per customer (a repeated id keeps its first row).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Crm {
    /// Customer id of each row as written.
    pub ids: Vec<String>,
    /// Churn flag (true: churned).
    pub churned: Option<Vec<Option<bool>>>,
    /// Support contacts, a count.
    pub contacts: Option<Vec<Option<f64>>>,
    /// Spreadsheet row number of each row.
    pub rows: Vec<u32>,
}

/// Rows numbered as a spreadsheet numbers them under a header: 2, 3, ...
pub fn spreadsheet_rows(n: usize) -> Vec<u32> {
    (2..n as u32 + 2).collect()
}

impl Orders {
    /// Orders from one id per purchase (ids are interned here), rows
    /// numbered from 2.
    pub fn from_rows(ids: &[&str], dates: Option<Vec<NaiveDate>>, amounts: Vec<f64>) -> Orders {
        let mut index = rustc_hash::FxHashMap::<&str, u32>::default();
        let mut customer_ids = Vec::new();
        let customer = ids
            .iter()
            .map(|&id| {
                *index.entry(id).or_insert_with(|| {
                    customer_ids.push(id.to_string());
                    customer_ids.len() as u32 - 1
                })
            })
            .collect();
        Orders {
            customer_ids,
            customer,
            dates,
            amounts,
            rows: spreadsheet_rows(ids.len()),
        }
    }

    /// The validated transaction log of a loaded table, as is.
    pub fn from_transactions(t: &cxi_parse::Transactions) -> Orders {
        Orders {
            customer_ids: t.customer_ids.clone(),
            customer: t.customer.clone(),
            dates: Some(t.date.clone()),
            amounts: t.amount.clone(),
            rows: t.rows.clone(),
        }
    }

    /// Number of purchases.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether the log has no purchase.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Checks lengths, codes and amounts (finite, zero or more).
    pub fn validate(&self) -> Result<(), LinkError> {
        let t = TableKind::Orders;
        let n = self.customer.len();
        if n == 0 {
            return Err(LinkError::Empty(t));
        }
        length(t, ColumnKind::Amount, n, self.amounts.len())?;
        length(
            t,
            ColumnKind::Date,
            n,
            self.dates.as_ref().map_or(n, Vec::len),
        )?;
        length(t, ColumnKind::Id, n, self.rows.len())?;
        let ids = self.customer_ids.len();
        if let Some(i) = self.customer.iter().position(|&c| c as usize >= ids) {
            return Err(LinkError::Length {
                table: t,
                column: ColumnKind::Id,
                expected: ids,
                got: self.customer[i] as usize + 1,
            });
        }
        for (i, &a) in self.amounts.iter().enumerate() {
            amount_check(t, ColumnKind::Amount, self.rows[i], a)?;
        }
        Ok(())
    }
}

impl Answers {
    /// Answers with rows numbered from 2.
    pub fn from_rows(ids: &[&str], dates: Option<Vec<NaiveDate>>) -> Answers {
        Answers {
            ids: ids.iter().map(|s| s.to_string()).collect(),
            dates,
            rows: spreadsheet_rows(ids.len()),
            ..Answers::default()
        }
    }

    /// Number of answers.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no answer.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Checks lengths and that every score is a whole number on its scale.
    pub fn validate(&self, csat: CsatScale) -> Result<(), LinkError> {
        let t = TableKind::Answers;
        let n = self.ids.len();
        if n == 0 {
            return Err(LinkError::Empty(t));
        }
        if self.nps.is_none() && self.csat.is_none() && self.ces.is_none() {
            return Err(LinkError::NoScores);
        }
        length(t, ColumnKind::Id, n, self.rows.len())?;
        length(
            t,
            ColumnKind::Date,
            n,
            self.dates.as_ref().map_or(n, Vec::len),
        )?;
        let scales = [
            (ColumnKind::Nps, &self.nps, NPS_SCALE),
            (ColumnKind::Csat, &self.csat, csat.scale()),
            (ColumnKind::Ces, &self.ces, cxi_models::ces::CES_SCALE),
        ];
        for (column, values, scale) in scales {
            let Some(values) = values else { continue };
            length(t, column, n, values.len())?;
            for (i, v) in values.iter().enumerate() {
                match v {
                    Some(v) if !scale.accepts(*v) => {
                        return Err(LinkError::Value {
                            table: t,
                            row: self.rows[i],
                            column,
                            value: *v,
                            problem: ValueProblem::OffScale {
                                min: scale.min,
                                max: scale.max,
                            },
                        })
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

impl Crm {
    /// A CRM table with rows numbered from 2.
    pub fn from_rows(ids: &[&str]) -> Crm {
        Crm {
            ids: ids.iter().map(|s| s.to_string()).collect(),
            rows: spreadsheet_rows(ids.len()),
            ..Crm::default()
        }
    }

    /// Checks lengths and contacts (finite, zero or more).
    pub fn validate(&self) -> Result<(), LinkError> {
        let t = TableKind::Crm;
        let n = self.ids.len();
        if n == 0 {
            return Err(LinkError::Empty(t));
        }
        length(t, ColumnKind::Id, n, self.rows.len())?;
        length(
            t,
            ColumnKind::Churned,
            n,
            self.churned.as_ref().map_or(n, Vec::len),
        )?;
        if let Some(c) = &self.contacts {
            length(t, ColumnKind::Contacts, n, c.len())?;
            for (i, v) in c.iter().enumerate() {
                if let Some(v) = v {
                    amount_check(t, ColumnKind::Contacts, self.rows[i], *v)?;
                }
            }
        }
        Ok(())
    }
}

/// NPS as a rating scale: whole numbers 0–10 (the bands are not used).
const NPS_SCALE: RatingScale = RatingScale {
    min: 0,
    max: 10,
    top_from: 9,
    low_to: 6,
    high_from: 9,
};

fn length(
    table: TableKind,
    column: ColumnKind,
    expected: usize,
    got: usize,
) -> Result<(), LinkError> {
    if expected == got {
        Ok(())
    } else {
        Err(LinkError::Length {
            table,
            column,
            expected,
            got,
        })
    }
}

fn amount_check(table: TableKind, column: ColumnKind, row: u32, v: f64) -> Result<(), LinkError> {
    let problem = if !v.is_finite() {
        ValueProblem::NotFinite
    } else if v < 0.0 {
        ValueProblem::Negative
    } else {
        return Ok(());
    };
    Err(LinkError::Value {
        table,
        row,
        column,
        value: v,
        problem,
    })
}
