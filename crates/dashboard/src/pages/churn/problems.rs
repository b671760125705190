//! The page's checks: each refused input, located on its field, as a kind
//! with the numbers its message quotes (the words are the page's `words`
//! step).

use super::inputs::non_negative;
use super::inputs::ChurnInputs;
use super::state::MAX_YEARS;

/// Which assumption a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChurnField {
    Customers,
    AnnualChurn,
    TargetChurn,
    Revenue,
    Margin,
    Years,
    /// A channel's spend (0-based).
    ChannelSpend(usize),
    ChannelNew(usize),
    /// The channels as a whole (no customer won).
    Channels,
}

/// Why an input is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Below 0, or not a finite number.
    Negative,
    /// A percentage outside 0–100.
    NotPercent,
    /// The target churn is above today's.
    TargetAbove,
    /// A horizon outside `min..=max` years.
    Years { min: u32, max: u32 },
    /// No channel wins a customer, so there is no CAC.
    NoNewCustomers,
}

fn percent_ok(v: f64) -> bool {
    (0.0..=100.0).contains(&v)
}

impl ChurnInputs {
    /// Every problem, located, in the order the page lists them.
    pub fn problems(&self) -> Vec<(ChurnField, Problem)> {
        let mut out = Vec::new();
        let mut check = |ok: bool, f: ChurnField, p: Problem| {
            if !ok {
                out.push((f, p));
            }
        };
        check(
            non_negative(self.customers.value),
            ChurnField::Customers,
            Problem::Negative,
        );
        check(
            percent_ok(self.annual_churn_pct.value),
            ChurnField::AnnualChurn,
            Problem::NotPercent,
        );
        let target = self.target_churn_pct.value;
        check(
            percent_ok(target),
            ChurnField::TargetChurn,
            Problem::NotPercent,
        );
        check(
            !(percent_ok(target) && target > self.annual_churn_pct.value),
            ChurnField::TargetChurn,
            Problem::TargetAbove,
        );
        check(
            non_negative(self.revenue_per_month.value),
            ChurnField::Revenue,
            Problem::Negative,
        );
        check(
            percent_ok(self.margin_pct.value),
            ChurnField::Margin,
            Problem::NotPercent,
        );
        check(
            (1.0..=MAX_YEARS).contains(&self.years.value),
            ChurnField::Years,
            Problem::Years {
                min: 1,
                max: MAX_YEARS as u32,
            },
        );
        for (i, c) in self.channels.iter().enumerate() {
            check(
                non_negative(c.spend),
                ChurnField::ChannelSpend(i),
                Problem::Negative,
            );
            check(
                non_negative(c.new_customers),
                ChurnField::ChannelNew(i),
                Problem::Negative,
            );
        }
        check(
            self.new_per_year() > 0.0,
            ChurnField::Channels,
            Problem::NoNewCustomers,
        );
        out
    }
}
