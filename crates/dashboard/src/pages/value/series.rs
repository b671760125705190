//! Discounted expected purchases of binned customers, memoised.
//!
//! The BG/NBD value `CLV = m · E[Z] · Σₖ (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1 + d)ᵏ`
//! is linear in the margin `m`, and its only costly part, the cumulative
//! expectations `E[Y(kΔ) | x, tₓ, T]` (a hypergeometric series each), does
//! not depend on the margin, the discount rate or the horizon beyond how
//! many steps it needs. They are kept per (parameters, step length,
//! customers) in a small thread-local memo and extended when a longer
//! horizon asks for more steps, so that an assumption change costs a few
//! multiplications per bin. The sums are formed exactly as
//! [`cxi_models::rfm_clv::customer_value`] forms them (same operations in
//! the same order), so the memo changes no bit of any figure.

use cxi_models::bgnbd::BgNbdParams;
use cxi_models::rfm::Rfm;
use cxi_models::rfm_clv::ClvSettings;
use std::cell::RefCell;

/// Parameter sets of the delta method: the fit, then `r`, `α`, `a`, `b`
/// each raised by 10⁻⁴ of itself (forward differences).
pub const SETS: usize = 5;
/// Relative step of the forward differences.
pub const REL_STEP: f64 = 1e-4;
/// Memo entries kept: the bins of the shown segment and the candidates at
/// risk, with room for a switch of segment back and forth.
const ENTRIES: usize = 6;

/// The parameter sets: `sets` = 1 for the fit alone, [`SETS`] with the
/// perturbed ones (`None` where a perturbed set is not a valid model).
pub fn parameter_sets(p: &BgNbdParams, sets: usize) -> Vec<Option<BgNbdParams>> {
    let v = [p.r(), p.alpha(), p.a(), p.b()];
    let mut out = vec![Some(*p)];
    for i in 0..sets.saturating_sub(1).min(4) {
        let mut q = v;
        q[i] += REL_STEP * q[i];
        out.push(BgNbdParams::new(q[0], q[1], q[2], q[3]).ok());
    }
    out
}

/// One customer under one parameter set: P(alive) and the cumulative
/// expected purchases after 1, 2, … steps.
#[derive(Debug, Clone, PartialEq)]
struct Track {
    p_alive: f64,
    cum: Vec<f64>,
    /// The model failed at step `cum.len() + 1`: longer horizons fail.
    failed: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    params: BgNbdParams,
    sets: usize,
    step_bits: u64,
    points: Vec<Rfm>,
    /// `tracks[i][s]`: point `i` under set `s`.
    tracks: Vec<Vec<Option<Track>>>,
    steps: u32,
}

impl Entry {
    fn new(params: &BgNbdParams, sets: usize, step: f64, points: &[Rfm]) -> Entry {
        let ps = parameter_sets(params, sets);
        let tracks = points
            .iter()
            .map(|c| {
                ps.iter()
                    .map(|p| {
                        let p = p.as_ref()?;
                        let p_alive = p.p_alive(c.frequency, c.recency, c.age).ok()?;
                        Some(Track {
                            p_alive,
                            cum: Vec::new(),
                            failed: false,
                        })
                    })
                    .collect()
            })
            .collect();
        Entry {
            params: *params,
            sets,
            step_bits: step.to_bits(),
            points: points.to_vec(),
            tracks,
            steps: 0,
        }
    }

    fn matches(&self, params: &BgNbdParams, sets: usize, step: f64, points: &[Rfm]) -> bool {
        self.params == *params
            && self.sets == sets
            && self.step_bits == step.to_bits()
            && self.points == points
    }

    /// Extends every track to `steps` steps of `step` model units.
    fn extend(&mut self, steps: u32) {
        if steps <= self.steps {
            return;
        }
        let ps = parameter_sets(&self.params, self.sets);
        let step = f64::from_bits(self.step_bits);
        for (c, tracks) in self.points.iter().zip(self.tracks.iter_mut()) {
            for (p, slot) in ps.iter().zip(tracks.iter_mut()) {
                let (Some(p), Some(track)) = (p, slot.as_mut()) else {
                    continue;
                };
                if track.failed {
                    continue;
                }
                for k in self.steps + 1..=steps {
                    // As `customer_value` forms `t`.
                    let t = step * f64::from(k);
                    match p.conditional_expected_purchases(t, c.frequency, c.recency, c.age) {
                        Ok(v) => track.cum.push(v),
                        Err(_) => {
                            track.failed = true;
                            break;
                        }
                    }
                }
            }
        }
        self.steps = steps;
    }

    fn values(&self, settings: &ClvSettings) -> Vec<Vec<Option<Discounted>>> {
        let conv = settings.conversion();
        let steps = conv.steps as usize;
        self.tracks
            .iter()
            .map(|tracks| {
                tracks
                    .iter()
                    .map(|t| {
                        let t = t.as_ref()?;
                        // The loop of `customer_value`, on the memoised `E[Y]`.
                        let mut prev = 0.0;
                        let mut discounted = 0.0;
                        let mut factor = 1.0;
                        for &cum in t.cum.get(..steps)? {
                            factor /= 1.0 + conv.discount_per_step;
                            discounted += (cum - prev) * factor;
                            prev = cum;
                        }
                        Some(Discounted {
                            p_alive: t.p_alive,
                            purchases: discounted,
                        })
                    })
                    .collect()
            })
            .collect()
    }
}

/// A customer's P(alive) and discounted expected purchases over the horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discounted {
    pub p_alive: f64,
    pub purchases: f64,
}

thread_local! {
    static MEMO: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// `out[i][s]`: customer `points[i]` under parameter set `s` of
/// [`parameter_sets`]`(params, sets)`, `None` where the model fails.
/// `memo`: whether to use (and fill) the thread-local memo; the figures
/// are the same bit for bit either way.
pub fn discounted(
    params: &BgNbdParams,
    sets: usize,
    points: &[Rfm],
    settings: &ClvSettings,
    memo: bool,
) -> Vec<Vec<Option<Discounted>>> {
    let conv = settings.conversion();
    let step = conv.model_units_per_step;
    if !memo {
        let mut e = Entry::new(params, sets, step, points);
        e.extend(conv.steps);
        return e.values(settings);
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let at = match m.iter().position(|e| e.matches(params, sets, step, points)) {
            Some(i) => i,
            None => {
                if m.len() >= ENTRIES {
                    m.remove(0);
                }
                m.push(Entry::new(params, sets, step, points));
                m.len() - 1
            }
        };
        // Most recently used last, so that the oldest goes first.
        let mut e = m.remove(at);
        e.extend(conv.steps);
        let out = e.values(settings);
        m.push(e);
        out
    })
}
