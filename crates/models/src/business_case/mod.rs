//! Business case of a CX initiative: yearly cash flows, NPV, ROI, payback,
//! tornado sensitivity and a seeded Monte-Carlo band.
//!
//! Model (yearly, documented so a CFO can redo it in a spreadsheet):
//! * customers at the start of year `t` pay that year; churn happens at year
//!   end; new customers join at year end:
//!   `N_{t+1} = N_t (1 − churn) + new`, `N_1 = customers`;
//!   with the initiative churn is `churn − churn_reduction`;
//! * revenue of year `t` = `N_t × revenue per customer`, times
//!   `(1 + spend uplift)(1 + NPS points × revenue per NPS point)` with the
//!   initiative (the last factor links to the NPS module's elasticity; 0
//!   when unknown);
//! * support cost = `N_t × contacts per customer × cost per contact`, times
//!   `(1 − contact reduction)` with the initiative;
//! * benefit of year `t` = margin rate × extra revenue + support cost saved;
//!   cost = running cost (year 0: the one-off cost);
//! * cash flows are valued at year end, discounted by `(1 + d)^t`.
//!
//! Sources: Brealey, Myers & Allen, *Principles of Corporate Finance*,
//! ch. 2 and 5 (NPV, payback, discounted payback); ROI as NPV over the
//! present value of costs (discounted ROI).

mod appraisal;
mod inputs;
mod monte_carlo;
mod tornado;

pub use appraisal::{appraise, BusinessCase, YearRow};
pub use inputs::{BusinessCaseError, BusinessCaseInputs, Input, MAX_DRAWS, MAX_YEARS};
pub use monte_carlo::{monte_carlo, percentile, Band, Distribution, MonteCarloBand};
pub use tornado::{tornado, TornadoBar};

#[cfg(test)]
mod tests;
