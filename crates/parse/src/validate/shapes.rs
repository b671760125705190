//! One validator per [`Shape`](crate::Shape): the mapped columns read into
//! that shape's dataset.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::checks::{any, non_negative, nps_range, score_range};
use super::ctx::Ctx;
use super::dataset::{
    Attribute, Categories, Cohorts, Customers, Dataset, Rfm, Survey, Transactions,
};
use super::error::ValidateError;

use crate::error::CellProblem;
use crate::intern::Interner;
use crate::mapping::{Field, MappingError};
use crate::table::Table;
use crate::text::trim;

fn pick<T: Clone>(v: &[T], keep: &[usize]) -> Vec<T> {
    keep.iter().map(|&r| v[r].clone()).collect()
}

/// Codes of a text column's kept rows (ascending), read straight from the
/// table.
fn table_categories(table: &Table, col: usize, keep: &[usize]) -> Categories {
    let mut next = keep.iter().peekable();
    categories(table, col, |r| {
        let kept = next.peek() == Some(&&r);
        if kept {
            next.next();
        }
        kept
    })
}

/// Codes of the cells of a text column in the rows where `kept` is true
/// (asked once per row, in order).
fn categories(table: &Table, col: usize, mut kept: impl FnMut(usize) -> bool) -> Categories {
    let mut interner = Interner::new();
    let mut codes = Vec::with_capacity(table.row_count());
    for (r, cell) in table.column(col).enumerate() {
        if kept(r) {
            codes.push(interner.code(trim(cell)));
        }
    }
    Categories {
        labels: interner.into_labels(),
        codes,
    }
}

fn rows(cx: &Ctx<'_>, keep: &[usize]) -> Vec<u32> {
    keep.iter().map(|&r| cx.table.row_number(r)).collect()
}

pub(super) fn transactions(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let (id_c, date_c, amount_c) = (
        cx.col(Field::CustomerId),
        cx.col(Field::OrderDate),
        cx.col(Field::Amount),
    );
    let (Some(id_c), Some(date_c), Some(amount_c)) = (id_c, date_c, amount_c) else {
        return unreachable_mapping();
    };
    let ids = cx.require_ids(id_c);
    let dates = cx.dates(date_c, true)?;
    let amounts = cx.numbers_dense(amount_c, true, any);
    let n = cx.table.row_count();
    let kept: Vec<bool> = (0..n).map(|r| !cx.bad[r] && cx.live(r)).collect();
    let t = cx.table;
    let keep = || (0..n).filter(|&r| kept[r]);
    // Ids are numbered over kept rows only, so that a customer whose every
    // row has a problem does not appear with no purchase.
    let (customer_ids, customer) = ids.finish(|r| kept[r]);
    let cats = |c: usize| categories(t, c, |r| kept[r]);
    let d = Transactions {
        customer,
        customer_ids,
        // Same-size element types: these collect in place, reusing the
        // full-length vectors instead of allocating new ones.
        date: dates
            .into_iter()
            .enumerate()
            .filter(|(r, _)| kept[*r])
            .map(|(_, d)| d.unwrap_or(NaiveDate::MIN))
            .collect(),
        amount: amounts
            .into_iter()
            .enumerate()
            .filter(|(r, _)| kept[*r])
            .map(|(_, a)| a)
            .collect(),
        channel: cx.col(Field::Channel).map(cats),
        segment: cx.col(Field::Segment).map(cats),
        rows: keep().map(|r| t.row_number(r)).collect(),
    };
    Ok(Dataset::Transactions(d))
}

/// `check` guarantees required columns; kept as an error, not a panic.
fn unreachable_mapping<T>() -> Result<T, ValidateError> {
    Err(ValidateError::Mapping(MappingError::TooFewPeriods))
}

fn unique_ids(cx: &mut Ctx<'_>, col: usize, ids: &[&str]) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (r, &id) in ids.iter().enumerate() {
        if id.is_empty() || !cx.live(r) {
            continue;
        }
        if let Some(&f) = first.get(id) {
            let first_row = cx.table.row_number(f);
            cx.flag(
                r,
                col,
                CellProblem::OutOfRange {
                    text: id.to_string(),
                    expected: format!(
                        "a customer id not seen before (it is also in row {first_row})"
                    ),
                },
            );
        } else {
            first.insert(id, r);
        }
    }
}

pub(super) fn customers(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let Some(id_c) = cx.col(Field::CustomerId) else {
        return unreachable_mapping();
    };
    let ids = cx.text(id_c, true);
    unique_ids(cx, id_c, &ids);
    let num = |cx: &mut Ctx<'_>, f: Field, check: fn(f64) -> Option<&'static str>| {
        cx.col(f).map(|c| cx.numbers(c, false, check))
    };
    let revenue = num(cx, Field::Revenue, any);
    let margin = num(cx, Field::Margin, any);
    let cost = num(cx, Field::AcquisitionCost, non_negative);
    let contacts = num(cx, Field::Contacts, non_negative);
    let nps = num(cx, Field::Nps, nps_range);
    let csat = num(cx, Field::Csat, score_range);
    let ces = num(cx, Field::Ces, score_range);
    let acq = match cx.col(Field::AcquisitionDate) {
        Some(c) => Some(cx.dates(c, false)?),
        None => None,
    };
    let churn_date = match cx.col(Field::ChurnDate) {
        Some(c) => Some(cx.dates(c, false)?),
        None => None,
    };
    if let (Some(acq), Some(end), Some(c)) = (&acq, &churn_date, cx.col(Field::ChurnDate)) {
        for r in 0..acq.len() {
            if let (Some(a), Some(e)) = (acq[r], end[r]) {
                if e < a {
                    cx.flag(
                        r,
                        c,
                        CellProblem::OutOfRange {
                            text: cx.table.cell(r, c).trim().to_string(),
                            expected: format!("a date on or after the acquisition date ({a})"),
                        },
                    );
                }
            }
        }
    }
    let flag = cx.col(Field::Churned).map(|c| cx.booleans(c));
    let attributes = cx.attributes();
    let keep = cx.keep();
    let churned = match (&flag, &churn_date) {
        (Some(f), _) => Some(pick(f, &keep)),
        (None, Some(d)) => Some(keep.iter().map(|&r| Some(d[r].is_some())).collect()),
        (None, None) => None,
    };
    let opt = |v: &Option<Vec<Option<f64>>>| v.as_ref().map(|v| pick(v, &keep));
    let d = Customers {
        id: keep.iter().map(|&r| ids[r].to_string()).collect(),
        revenue: opt(&revenue),
        margin: opt(&margin),
        acquisition_date: acq.as_ref().map(|v| pick(v, &keep)),
        churned,
        churn_date: churn_date.as_ref().map(|v| pick(v, &keep)),
        channel: cx
            .col(Field::Channel)
            .map(|c| table_categories(cx.table, c, &keep)),
        acquisition_cost: opt(&cost),
        contacts: opt(&contacts),
        nps: opt(&nps),
        csat: opt(&csat),
        ces: opt(&ces),
        segment: cx
            .col(Field::Segment)
            .map(|c| table_categories(cx.table, c, &keep)),
        attributes: attributes
            .into_iter()
            .map(|(name, v)| Attribute {
                name,
                values: pick(&v, &keep),
            })
            .collect(),
        period: cx.mapping.period,
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Customers(d))
}

pub(super) fn survey(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let num = |cx: &mut Ctx<'_>, f: Field, check: fn(f64) -> Option<&'static str>| {
        cx.col(f).map(|c| (c, cx.numbers(c, false, check)))
    };
    let nps = num(cx, Field::Nps, nps_range);
    let csat = num(cx, Field::Csat, score_range);
    let ces = num(cx, Field::Ces, score_range);
    // An answer with no score at all is a row with a problem, located at
    // the first score column.
    let scores: Vec<&(usize, Vec<Option<f64>>)> =
        [&nps, &csat, &ces].into_iter().flatten().collect();
    if let Some(&&(first_col, _)) = scores.first() {
        for r in 0..cx.table.row_count() {
            let answered = scores.iter().any(|(_, v)| v[r].is_some());
            let blank = scores
                .iter()
                .all(|(c, _)| cx.table.cell(r, *c).trim().is_empty());
            if !answered && blank && cx.live(r) {
                cx.flag(r, first_col, CellProblem::Missing);
            }
        }
    }
    let ids = cx.col(Field::CustomerId).map(|c| cx.text(c, false));
    let answered = match cx.col(Field::AnswerDate) {
        Some(c) => Some(cx.dates(c, false)?),
        None => None,
    };
    let attributes = cx.attributes();
    let keep = cx.keep();
    let opt = |v: &Option<(usize, Vec<Option<f64>>)>| v.as_ref().map(|(_, v)| pick(v, &keep));
    let d = Survey {
        customer_id: ids.map(|v| keep.iter().map(|&r| v[r].to_string()).collect()),
        answer_date: answered.as_ref().map(|v| pick(v, &keep)),
        nps: opt(&nps),
        csat: opt(&csat),
        ces: opt(&ces),
        segment: cx
            .col(Field::Segment)
            .map(|c| table_categories(cx.table, c, &keep)),
        channel: cx
            .col(Field::Channel)
            .map(|c| table_categories(cx.table, c, &keep)),
        attributes: attributes
            .into_iter()
            .map(|(name, v)| Attribute {
                name,
                values: pick(&v, &keep),
            })
            .collect(),
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Survey(d))
}

pub(super) fn rfm(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let (Some(f_c), Some(r_c), Some(t_c)) = (
        cx.col(Field::Frequency),
        cx.col(Field::Recency),
        cx.col(Field::T),
    ) else {
        return unreachable_mapping();
    };
    let ids = match cx.col(Field::CustomerId) {
        Some(c) => {
            let v = cx.text(c, true);
            unique_ids(cx, c, &v);
            Some(v)
        }
        None => None,
    };
    let freq = cx.numbers(f_c, true, |v| {
        (!(v >= 0.0 && v.fract() == 0.0)).then_some("a whole number, zero or more")
    });
    let rec = cx.numbers(r_c, true, non_negative);
    let t = cx.numbers(t_c, true, non_negative);
    let money = cx
        .col(Field::MonetaryValue)
        .map(|c| cx.numbers(c, false, non_negative));
    // lifetimes' conventions: recency <= T, and recency = 0 when there is
    // no repeat purchase.
    for r in 0..freq.len() {
        if let (Some(f), Some(rc), Some(tt)) = (freq[r], rec[r], t[r]) {
            let text = || cx.table.cell(r, r_c).trim().to_string();
            if rc > tt {
                let p = CellProblem::OutOfRange {
                    text: text(),
                    expected: format!("at most T ({tt})"),
                };
                cx.flag(r, r_c, p);
            } else if f == 0.0 && rc != 0.0 {
                let p = CellProblem::OutOfRange {
                    text: text(),
                    expected: "0 when frequency is 0 (no repeat purchase)".to_string(),
                };
                cx.flag(r, r_c, p);
            }
        }
    }
    let keep = cx.keep();
    let req = |v: &[Option<f64>]| keep.iter().map(|&r| v[r].unwrap_or(f64::NAN)).collect();
    let d = Rfm {
        id: ids.map(|v| keep.iter().map(|&r| v[r].to_string()).collect()),
        frequency: req(&freq),
        recency: req(&rec),
        t: req(&t),
        monetary_value: money.map(|v| pick(&v, &keep)),
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Rfm(d))
}

// Rows are walked across period columns, so `r` indexes the inner vectors.
#[allow(clippy::needless_range_loop)]
pub(super) fn cohorts(cx: &mut Ctx<'_>) -> Result<Dataset, ValidateError> {
    let Some(label_c) = cx.col(Field::Cohort) else {
        return unreachable_mapping();
    };
    let labels = cx.text(label_c, true);
    let periods = cx.mapping.period_columns();
    let columns: Vec<Vec<Option<f64>>> = periods
        .iter()
        .map(|&(_, c)| cx.numbers(c, false, non_negative))
        .collect();
    let n = cx.table.row_count();
    for r in 0..n {
        if !cx.live(r) {
            continue;
        }
        let mut prev: Option<f64> = None;
        let mut ended = false;
        for (k, &(_, c)) in periods.iter().enumerate() {
            let blank = cx.table.cell(r, c).trim().is_empty();
            match columns[k][r] {
                Some(v) if ended => {
                    let _ = v;
                    cx.flag(r, periods[k - 1].1, CellProblem::Missing);
                    break;
                }
                Some(v) => {
                    if let Some(p) = prev {
                        if v > p {
                            let p = CellProblem::OutOfRange {
                                text: cx.table.cell(r, c).trim().to_string(),
                                expected: format!(
                                    "at most {p}, the number active the period before"
                                ),
                            };
                            cx.flag(r, c, p);
                        }
                    }
                    prev = Some(v);
                }
                None if blank => {
                    if k == 0 {
                        cx.flag(r, c, CellProblem::Missing);
                        break;
                    }
                    ended = true;
                }
                None => {} // already flagged as not a number
            }
        }
    }
    let keep = cx.keep();
    let d = Cohorts {
        labels: keep.iter().map(|&r| labels[r].to_string()).collect(),
        periods: periods.iter().map(|&(p, _)| p).collect(),
        alive: keep
            .iter()
            .map(|&r| columns.iter().map(|col| col[r]).collect())
            .collect(),
        period: cx.mapping.period,
        rows: rows(cx, &keep),
    };
    Ok(Dataset::Cohort(d))
}
