//! The typed preview of the first rows, placed under their columns.

use super::report::Preview;
use super::report::PreviewRow;
use super::report::Value;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use chrono::NaiveDate;
use cxi_parse::Dataset;
use cxi_parse::Field;
use cxi_parse::Mapping;
use cxi_parse::Role;
use cxi_parse::Table;
use cxi_types::Locale;

pub(super) fn preview(
    d: &Dataset,
    m: &Mapping,
    table: &Table,
    locale: Locale,
    n: usize,
) -> Preview {
    let t = locale.strings().data;
    let n = n.min(d.len());
    let mut cols: Vec<(usize, String, Vec<Value>)> = Vec::new();
    let mut push = |field: Field, values: Vec<Value>| {
        if let Some(c) = m.column_of(field) {
            cols.push((c, t.field_name(field), values));
        }
    };
    let nums = |v: &[Option<f64>]| -> Vec<Value> {
        v[..n]
            .iter()
            .map(|x| x.map_or(Value::Empty, Value::Number))
            .collect()
    };
    let req_nums = |v: &[f64]| -> Vec<Value> { v[..n].iter().map(|&x| Value::Number(x)).collect() };
    let dates = |v: &[Option<NaiveDate>]| -> Vec<Value> {
        v[..n]
            .iter()
            .map(|x| x.map_or(Value::Empty, |d| Value::Date(d.to_string())))
            .collect()
    };
    let texts = |v: &[String]| -> Vec<Value> { v[..n].iter().map(|s| text(s)).collect() };
    let cats =
        |c: &cxi_parse::Categories| -> Vec<Value> { (0..n).map(|i| text(c.label(i))).collect() };
    let mut attributes: Vec<(String, Vec<Value>)> = Vec::new();
    let mut periods: Vec<Vec<Value>> = Vec::new();
    match d {
        Dataset::Transactions(x) => {
            push(
                Field::CustomerId,
                (0..n)
                    .map(|i| text(&x.customer_ids[x.customer[i] as usize]))
                    .collect(),
            );
            push(
                Field::OrderDate,
                x.date[..n]
                    .iter()
                    .map(|d| Value::Date(d.to_string()))
                    .collect(),
            );
            push(Field::Amount, req_nums(&x.amount));
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
        }
        Dataset::Customers(x) => {
            push(Field::CustomerId, texts(&x.id));
            for (f, v) in [
                (Field::Revenue, &x.revenue),
                (Field::Margin, &x.margin),
                (Field::AcquisitionCost, &x.acquisition_cost),
                (Field::Contacts, &x.contacts),
                (Field::Nps, &x.nps),
                (Field::Csat, &x.csat),
                (Field::Ces, &x.ces),
            ] {
                if let Some(v) = v {
                    push(f, nums(v));
                }
            }
            for (f, v) in [
                (Field::AcquisitionDate, &x.acquisition_date),
                (Field::ChurnDate, &x.churn_date),
            ] {
                if let Some(v) = v {
                    push(f, dates(v));
                }
            }
            if let Some(v) = &x.churned {
                // Without a flag column the churn date column gave it; it
                // is then not a column of its own.
                push(
                    Field::Churned,
                    v[..n]
                        .iter()
                        .map(|b| b.map_or(Value::Empty, Value::Bool))
                        .collect(),
                );
            }
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
            attributes = x
                .attributes
                .iter()
                .map(|a| (a.name.clone(), nums(&a.values)))
                .collect();
        }
        Dataset::Survey(x) => {
            if let Some(ids) = &x.customer_id {
                push(Field::CustomerId, texts(ids));
            }
            for (f, v) in [
                (Field::Nps, &x.nps),
                (Field::Csat, &x.csat),
                (Field::Ces, &x.ces),
            ] {
                if let Some(v) = v {
                    push(f, nums(v));
                }
            }
            if let Some(c) = &x.segment {
                push(Field::Segment, cats(c));
            }
            if let Some(c) = &x.channel {
                push(Field::Channel, cats(c));
            }
            attributes = x
                .attributes
                .iter()
                .map(|a| (a.name.clone(), nums(&a.values)))
                .collect();
        }
        Dataset::Rfm(x) => {
            if let Some(ids) = &x.id {
                push(Field::CustomerId, texts(ids));
            }
            push(Field::Frequency, req_nums(&x.frequency));
            push(Field::Recency, req_nums(&x.recency));
            push(Field::T, req_nums(&x.t));
            if let Some(v) = &x.monetary_value {
                push(Field::MonetaryValue, nums(v));
            }
        }
        Dataset::Cohort(x) => {
            push(Field::Cohort, texts(&x.labels));
            periods = (0..x.periods.len())
                .map(|k| {
                    x.alive[..n]
                        .iter()
                        .map(|row| {
                            row.get(k)
                                .copied()
                                .flatten()
                                .map_or(Value::Empty, Value::Number)
                        })
                        .collect()
                })
                .collect();
        }
    }
    // Attribute columns in table order match the dataset's attributes;
    // period columns sorted by (period, column) match its periods.
    let attr_cols = m
        .columns
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Role::Attribute)
        .map(|(c, _)| c);
    for (c, (_, values)) in attr_cols.zip(attributes) {
        cols.push((c, t.role_attribute.to_string(), values));
    }
    let period_cols = m.period_columns();
    for ((p, c), values) in period_cols.into_iter().zip(periods) {
        cols.push((c, fill(t.role_period, &[("n", &p.to_string())]), values));
    }
    cols.sort_by_key(|c| c.0);
    let row_numbers: &[u32] = match d {
        Dataset::Transactions(x) => &x.rows,
        Dataset::Customers(x) => &x.rows,
        Dataset::Survey(x) => &x.rows,
        Dataset::Rfm(x) => &x.rows,
        Dataset::Cohort(x) => &x.rows,
    };
    Preview {
        columns: cols
            .iter()
            .map(|(c, role, _)| (table.column_name(*c), role.clone()))
            .collect(),
        rows: (0..n)
            .map(|i| PreviewRow {
                row_number: row_numbers[i],
                cells: cols.iter().map(|(_, _, v)| v[i].clone()).collect(),
            })
            .collect(),
    }
}

pub(super) fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}
