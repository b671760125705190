//! The RFM summary of a validated purchase log: the parser has already
//! numbered the customers, so the summary reads its columns in place.

use cxi_models::rfm::{summarize_dense, Day, Dense, DenseRfm, TimeConvention, TransactionError};
use cxi_parse::Transactions;
use cxi_types::period::PeriodUnit;

/// [`cxi_models::rfm::summarize`] on a validated transaction dataset (`parse::validate`):
/// the parser already numbered the customers, so no id is hashed again and
/// no row is copied; customers are named by their index in
/// `tx.customer_ids`. Row numbers in the report and errors are the
/// spreadsheet's.
pub fn summarize_parsed(
    tx: &Transactions,
    unit: PeriodUnit,
    convention: TimeConvention,
    observation_end: Option<Day>,
) -> Result<DenseRfm, TransactionError> {
    let log = Dense {
        customers: tx.customer_ids.len(),
        customer: &tx.customer,
        day: |i: usize| Day::from(tx.date[i]),
        amount: |i: usize| tx.amount[i],
    };
    let sheet_row = |i: usize| tx.rows.get(i - 1).map_or(i, |&r| r as usize);
    let mut table =
        summarize_dense(&log, unit, convention, observation_end).map_err(|e| match e {
            TransactionError::AmountNotFinite { row, value } => TransactionError::AmountNotFinite {
                row: sheet_row(row),
                value,
            },
            other => other,
        })?;
    for r in &mut table.report.first_negative_rows {
        *r = sheet_row(*r);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_models::rfm::{summarize, Rfm, Transaction};

    /// `YYYY-MM-DD` → Day.
    fn d(s: &str) -> Day {
        let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        Day::from_ymd(p[0] as i32, p[1], p[2]).unwrap()
    }

    fn tx(c: &str, day: &str, amount: f64) -> Transaction<String> {
        Transaction {
            customer: c.to_string(),
            day: d(day),
            amount,
        }
    }

    /// The parser's dataset gives the same summary as string ids, with
    /// spreadsheet row numbers (header = row 1) for the returns.
    #[test]
    fn parsed_dataset_matches_string_ids() {
        let plain = vec![
            tx("A", "2020-01-01", 10.0),
            tx("B", "2020-01-02", 5.0),
            tx("A", "2020-01-05", 20.0),
            tx("B", "2020-01-03", -1.0),
        ];
        let date = |d: Day| {
            let (y, m, dd) = d.ymd();
            chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap()
        };
        let parsed = Transactions {
            customer_ids: vec!["A".into(), "B".into()],
            customer: vec![0, 1, 0, 1],
            date: plain.iter().map(|t| date(t.day)).collect(),
            amount: plain.iter().map(|t| t.amount).collect(),
            channel: None,
            segment: None,
            rows: vec![2, 3, 4, 5],
        };
        let a = summarize(&plain, PeriodUnit::Week, TimeConvention::Days, None).unwrap();
        let b = summarize_parsed(&parsed, PeriodUnit::Week, TimeConvention::Days, None).unwrap();
        let named: Vec<(String, Rfm)> = b
            .customer
            .iter()
            .zip(&b.rfm)
            .map(|(&c, &r)| (parsed.customer_ids[c as usize].clone(), r))
            .collect();
        assert_eq!(a.customers, named);
        assert_eq!(a.report.first_negative_rows, vec![4]);
        assert_eq!(b.report.first_negative_rows, vec![5]);
    }
}
