//! A seeded linked sample with a planted effect: orders, survey answers and
//! a CRM table for the same customers, where promoters buy more often and
//! stay longer by stated amounts ([`Planted`]), so that a test can check
//! the link measures what was planted.
//!
//! The process, per customer (days from the log's first day, 0):
//! 1. a category with [`Planted::shares`], an NPS answer uniform within it
//!    (0–6, 7–8, 9–10) and a CSAT 1–5 leaning the same way;
//! 2. a first answer on a day `a` uniform in `0..400`, a first purchase on a
//!    day uniform in `0..=a` (every respondent is in the log), purchases
//!    before the answer at the category's rate;
//! 3. from day `a + 1` the customer stays an exponential time of mean
//!    [`Planted::lifetime_years`] and buys as a Poisson process of rate
//!    [`Planted::rate_per_year`], each purchase `20 + Exp(mean_amount − 20)`
//!    rounded to cents; the log ends on day 730;
//! 4. with [`Planted::second_answer`], a second answer 30–199 days later,
//!    in the same category, if still a customer by then (by memorylessness
//!    the time left after it is again exponential of the same mean);
//! 5. the CRM flags as churned whoever left by day 730, with support
//!    contacts Poisson of mean [`Planted::contacts`];
//! 6. [`Planted::strangers`] of the answers come from ids in no table.
//!
//! Day `a`'s own purchases fall before the window `(a, a + w]`.

use chrono::NaiveDate;
use rand_core::Rng;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;

use crate::input::{spreadsheet_rows, Answers, Crm, Orders};

/// The stated behaviour of each NPS category (detractor, passive, promoter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Planted {
    /// Share of customers in each category.
    pub shares: [f64; 3],
    /// Purchases per year while a customer.
    pub rate_per_year: [f64; 3],
    /// Mean time a customer stays after an answer, years.
    pub lifetime_years: [f64; 3],
    /// Mean amount of a purchase, the same in every category (more than 20).
    pub mean_amount: f64,
    /// Mean support contacts.
    pub contacts: [f64; 3],
    /// Probability of a second answer.
    pub second_answer: f64,
    /// Share of answers from ids in no table.
    pub strangers: f64,
}

impl Default for Planted {
    /// Promoters buy 1.6× as often as detractors, passives 1.2× (4 a year
    /// for detractors); they stay 3 years on average against 1.5 (passives
    /// 2).
    fn default() -> Self {
        Planted {
            shares: [0.3, 0.3, 0.4],
            rate_per_year: [4.0, 4.8, 6.4],
            lifetime_years: [1.5, 2.0, 3.0],
            mean_amount: 60.0,
            contacts: [3.0, 2.0, 1.0],
            second_answer: 0.2,
            strangers: 0.03,
        }
    }
}

/// Last day of the log, days from its first.
pub const LOG_DAYS: i64 = 730;

impl Planted {
    fn lambda_mu(&self, g: usize) -> (f64, f64) {
        (
            self.rate_per_year[g] / 365.0,
            1.0 / (self.lifetime_years[g] * 365.0),
        )
    }

    /// Expected purchases in the `w`-day window after an answer.
    ///
    /// # Formula
    /// `E[N] = λ ∫₀ʷ e^{−μt} dt = (λ/μ)(1 − e^{−μw})`, λ per day,
    /// `μ = 1 / lifetime`.
    pub fn expected_purchases(&self, g: usize, w: f64) -> f64 {
        let (l, m) = self.lambda_mu(g);
        l / m * (1.0 - (-m * w).exp())
    }

    /// Expected spend in the window: `mean_amount · E[N]`.
    pub fn expected_spend(&self, g: usize, w: f64) -> f64 {
        self.mean_amount * self.expected_purchases(g, w)
    }

    /// Probability of at least one purchase in the window.
    ///
    /// # Formula
    /// The first of a purchase (rate λ) and a departure (rate μ) comes
    /// before `w` with probability `1 − e^{−(λ+μ)w}`, and is a purchase
    /// with probability `λ/(λ+μ)`: `P = λ/(λ+μ) · (1 − e^{−(λ+μ)w})`.
    pub fn expected_repeat(&self, g: usize, w: f64) -> f64 {
        let (l, m) = self.lambda_mu(g);
        l / (l + m) * (1.0 - (-(l + m) * w).exp())
    }
}

/// Orders, answers and CRM rows of one seeded draw.
#[derive(Debug, Clone)]
pub struct LinkedSample {
    /// The order log.
    pub orders: Orders,
    /// The survey export (NPS and CSAT, with dates).
    pub answers: Answers,
    /// The CRM table (churn flag, contacts).
    pub crm: Crm,
    /// Day 0 of the log.
    pub log_start: NaiveDate,
    /// Last day of the log.
    pub log_end: NaiveDate,
}

struct Draw(Pcg64);

impl Draw {
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Uniform integer in `lo..hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.unit() * (hi - lo) as f64) as i64
    }
    /// Exponential of mean `mean`.
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }
    /// Poisson of a small mean (Knuth's product of uniforms).
    fn poisson(&mut self, mean: f64) -> u32 {
        let (limit, mut p, mut k) = ((-mean).exp(), 1.0, 0);
        loop {
            p *= self.unit();
            if p <= limit {
                return k;
            }
            k += 1;
        }
    }
    fn category(&mut self, shares: &[f64; 3]) -> usize {
        let u = self.unit() * shares.iter().sum::<f64>();
        if u < shares[0] {
            0
        } else if u < shares[0] + shares[1] {
            1
        } else {
            2
        }
    }
}

/// Draws `customers` customers (ids `C-00001`...) under `planted`, seeded.
pub fn generate(customers: usize, seed: u64, planted: &Planted) -> LinkedSample {
    let mut rng = Draw(Pcg64::seed_from_u64(seed));
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    let date = |d: i64| start + chrono::Days::new(d as u64);
    let mut o_customer = Vec::new();
    let mut o_dates = Vec::new();
    let mut o_amounts = Vec::new();
    let mut a_ids: Vec<String> = Vec::new();
    let (mut a_dates, mut a_nps, mut a_csat) = (Vec::new(), Vec::new(), Vec::new());
    let mut crm = Crm::default();
    let (mut churned, mut contacts) = (Vec::new(), Vec::new());
    let mut ids = Vec::with_capacity(customers);
    for c in 0..customers {
        let id = format!("C-{:05}", c + 1);
        let g = rng.category(&planted.shares);
        let (lambda, mu) = planted.lambda_mu(g);
        let a1 = rng.int(0, 400);
        let first = rng.int(0, a1 + 1);
        let stay = rng.exp(1.0 / mu);
        let leave = (a1 + 1) as f64 + stay;
        let mut buy = |day: f64, rng: &mut Draw| {
            o_customer.push(c as u32);
            o_dates.push(date(day as i64));
            let x = 20.0 + rng.exp(planted.mean_amount - 20.0);
            o_amounts.push((x * 100.0).round() / 100.0);
        };
        buy(first as f64, &mut rng);
        let end = leave.min((LOG_DAYS + 1) as f64);
        let mut t = first as f64 + 1.0 + rng.exp(1.0 / lambda);
        while t < end {
            buy(t, &mut rng);
            t += rng.exp(1.0 / lambda);
        }
        let mut answer = |day: i64, rng: &mut Draw| {
            a_ids.push(id.clone());
            a_dates.push(date(day));
            let (lo, hi) = [(0, 7), (7, 9), (9, 11)][g];
            a_nps.push(Some(rng.int(lo, hi) as f64));
            let (lo, hi) = [(1, 4), (3, 5), (4, 6)][g];
            a_csat.push(Some(rng.int(lo, hi) as f64));
        };
        answer(a1, &mut rng);
        if rng.unit() < planted.second_answer {
            let a2 = a1 + rng.int(30, 200);
            if (a2 + 1) as f64 <= leave {
                answer(a2, &mut rng);
            }
        }
        if rng.unit() < planted.strangers {
            a_ids.push(format!("X-{:05}", c + 1));
            a_dates.push(date(rng.int(0, 400)));
            a_nps.push(Some(rng.int(0, 11) as f64));
            a_csat.push(Some(rng.int(1, 6) as f64));
        }
        churned.push(Some(leave <= (LOG_DAYS + 1) as f64));
        contacts.push(Some(f64::from(rng.poisson(planted.contacts[g]))));
        ids.push(id);
    }
    let n_orders = o_customer.len();
    let orders = Orders {
        customer_ids: ids.clone(),
        customer: o_customer,
        dates: Some(o_dates),
        amounts: o_amounts,
        rows: spreadsheet_rows(n_orders),
    };
    let n_answers = a_ids.len();
    let answers = Answers {
        ids: a_ids,
        dates: Some(a_dates),
        nps: Some(a_nps),
        csat: Some(a_csat),
        ces: None,
        rows: spreadsheet_rows(n_answers),
    };
    crm.ids = ids;
    crm.rows = spreadsheet_rows(customers);
    crm.churned = Some(churned);
    crm.contacts = Some(contacts);
    LinkedSample {
        orders,
        answers,
        crm,
        log_start: start,
        log_end: date(LOG_DAYS),
    }
}
