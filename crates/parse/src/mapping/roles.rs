//! The [`Mapping`]: the role each column of a table plays.

use cxi_types::period::PeriodUnit;
use serde::{Deserialize, Serialize};

use super::error::MappingError;
use super::field::Field;
use super::shape::Shape;

use crate::date::DateOrder;
use crate::number::DecimalSeparator;

/// The role of one column in a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Ignore,
    Field(Field),
    /// An attribute rating (customer table, survey): its header names it.
    Attribute,
    /// Customers alive at this period (cohort table).
    Period(u32),
}

/// Which column holds what, plus the reading choices the user can force.
/// One role per table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub shape: Shape,
    pub columns: Vec<Role>,
    /// Day/month order for every date column; `None`: decide from the data.
    pub date_order: Option<DateOrder>,
    /// Decimal separator for every number column; `None`: decide per column.
    pub decimal: Option<DecimalSeparator>,
    /// Period of revenue/margin per period or of cohort columns, when a
    /// header says it.
    pub period: Option<PeriodUnit>,
}

impl Mapping {
    /// A mapping with every column ignored.
    pub fn empty(shape: Shape, columns: usize) -> Self {
        Mapping {
            shape,
            columns: vec![Role::Ignore; columns],
            date_order: None,
            decimal: None,
            period: None,
        }
    }

    /// The column holding `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|r| *r == Role::Field(field))
    }

    /// The cohort table's period columns as (period number, column), in
    /// period order.
    pub fn period_columns(&self) -> Vec<(u32, usize)> {
        let mut out: Vec<(u32, usize)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(c, r)| match r {
                Role::Period(p) => Some((*p, c)),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// Gives `role` to column `col`; a field moved here leaves its former
    /// column, which becomes ignored.
    pub fn set(&mut self, col: usize, role: Role) {
        if let Role::Field(_) | Role::Period(_) = role {
            for r in self.columns.iter_mut() {
                if *r == role {
                    *r = Role::Ignore;
                }
            }
        }
        if let Some(r) = self.columns.get_mut(col) {
            *r = role;
        }
    }

    /// Checks the mapping against its shape and a table's width.
    pub fn check(&self, columns: usize) -> Result<(), MappingError> {
        if self.columns.len() != columns {
            return Err(MappingError::WrongWidth {
                columns,
                roles: self.columns.len(),
            });
        }
        let mut seen: Vec<(Field, usize)> = Vec::new();
        for (c, r) in self.columns.iter().enumerate() {
            if let Role::Field(f) = *r {
                if !self.shape.fields().contains(&f) {
                    return Err(MappingError::NotInShape {
                        shape: self.shape,
                        field: f,
                    });
                }
                if let Some(&(_, first)) = seen.iter().find(|(g, _)| *g == f) {
                    return Err(MappingError::Twice {
                        field: f,
                        columns: [first, c],
                    });
                }
                seen.push((f, c));
            }
        }
        for group in self.shape.required() {
            if !group.iter().any(|f| self.column_of(*f).is_some()) {
                return Err(MappingError::Missing {
                    shape: self.shape,
                    fields: group.to_vec(),
                });
            }
        }
        if self.shape == Shape::Cohort {
            let periods = self
                .columns
                .iter()
                .filter(|r| matches!(r, Role::Period(_)))
                .count();
            if periods < 2 {
                return Err(MappingError::TooFewPeriods);
            }
        }
        Ok(())
    }
}
