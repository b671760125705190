//! Each customer's purchases in date order, and what they bought in a
//! window: the order log regrouped once by customer key so that every
//! answer's window is two binary searches in its customer's purchases.

use crate::input::Orders;
use crate::report::Keys;

/// Purchases grouped by customer key (keys `0..customers()`), each
/// customer's in ascending date (days from the common era; all 0 when the
/// log has no dates).
#[derive(Debug, Clone)]
pub(crate) struct History {
    /// `start[k]..start[k + 1]` are customer `k`'s purchases.
    start: Vec<u32>,
    days: Vec<i32>,
    amounts: Vec<f64>,
    /// First and last purchase dates (days), when the log has dates.
    pub(crate) span: Option<(i32, i32)>,
    /// The first index into [`Orders::customer_ids`] of each key (ids
    /// merged by a reconciliation share one key).
    pub(crate) first_code: Vec<u32>,
}

/// Purchases and spend of one customer over a stretch of the log.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Bought {
    pub(crate) purchases: u32,
    pub(crate) spend: f64,
}

impl History {
    /// Inserts the orders' ids into `keys` (which must be empty, so that
    /// keys `0..customers()` are exactly the customers with purchases) and
    /// groups the purchases by key. Orders with a blank id belong to no
    /// customer and are left out.
    pub(crate) fn build(orders: &Orders, keys: &mut Keys) -> History {
        debug_assert_eq!(keys.len(), 0);
        let code_key: Vec<Option<u32>> = orders
            .customer_ids
            .iter()
            .map(|id| keys.insert(id))
            .collect();
        let customers = keys.len();
        let mut first_code = vec![u32::MAX; customers];
        for (c, k) in code_key.iter().enumerate() {
            if let Some(k) = *k {
                if first_code[k as usize] == u32::MAX {
                    first_code[k as usize] = c as u32;
                }
            }
        }
        let mut start = vec![0u32; customers + 1];
        for &c in &orders.customer {
            if let Some(k) = code_key[c as usize] {
                start[k as usize + 1] += 1;
            }
        }
        for k in 0..customers {
            start[k + 1] += start[k];
        }
        let n = start[customers] as usize;
        let mut next = start.clone();
        let mut days = vec![0i32; n];
        let mut amounts = vec![0f64; n];
        for (i, &c) in orders.customer.iter().enumerate() {
            if let Some(k) = code_key[c as usize] {
                let at = next[k as usize] as usize;
                next[k as usize] += 1;
                days[at] = orders.dates.as_ref().map_or(0, |d| day(d[i]));
                amounts[at] = orders.amounts[i];
            }
        }
        let mut span = None;
        if orders.dates.is_some() {
            let mut pairs: Vec<(i32, f64)> = Vec::new();
            for k in 0..customers {
                let (a, b) = (start[k] as usize, start[k + 1] as usize);
                pairs.clear();
                pairs.extend(
                    days[a..b]
                        .iter()
                        .copied()
                        .zip(amounts[a..b].iter().copied()),
                );
                // Stable: purchases of one day keep the log's order, so
                // their sum is the same from run to run.
                pairs.sort_by_key(|p| p.0);
                for (j, &(d, x)) in pairs.iter().enumerate() {
                    days[a + j] = d;
                    amounts[a + j] = x;
                }
            }
            let lo = days.iter().copied().min();
            let hi = days.iter().copied().max();
            span = lo.zip(hi);
        }
        History {
            start,
            days,
            amounts,
            span,
            first_code,
        }
    }

    /// Number of customers with purchases (keys `0..customers()`).
    pub(crate) fn customers(&self) -> usize {
        self.start.len() - 1
    }

    fn range(&self, key: u32) -> (usize, usize) {
        let k = key as usize;
        (self.start[k] as usize, self.start[k + 1] as usize)
    }

    /// What customer `key` bought on days in `(after, until]`.
    ///
    /// # Formula
    /// `purchases = #{i : after < dᵢ ≤ until}`, `spend = Σ aᵢ` over them.
    pub(crate) fn window(&self, key: u32, after: i32, until: i32) -> Bought {
        let (a, b) = self.range(key);
        let days = &self.days[a..b];
        let lo = days.partition_point(|&d| d <= after);
        let hi = days.partition_point(|&d| d <= until);
        Bought {
            purchases: (hi - lo) as u32,
            spend: self.amounts[a + lo..a + hi].iter().sum(),
        }
    }

    /// Everything customer `key` bought.
    pub(crate) fn whole(&self, key: u32) -> Bought {
        let (a, b) = self.range(key);
        Bought {
            purchases: (b - a) as u32,
            spend: self.amounts[a..b].iter().sum(),
        }
    }
}

/// A date as a day number (days from the common era).
pub(crate) fn day(d: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce()
}
