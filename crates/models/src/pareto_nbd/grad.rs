//! One customer's Pareto/NBD log-likelihood with its analytic gradient in
//! `(r, α, s, β)`: what the fit evaluates instead of central differences of
//! the likelihood (one pass per row instead of nine).

use super::params::ParetoNbdParams;
use crate::rfm::Rfm;

/// Largest ₂F₁ argument summed here by its power series with derivatives
/// whatever `σ = c − 1 − b` (about 300 terms at 0.9), and the smallest `σ`
/// for which it is summed at any `z < 1`: its terms then shrink like
/// `k^{−σ−1}`, so the tail falls below 10⁻¹⁵ within a few hundred terms
/// (see [`hyp2f1_a1_grad`]). Elsewhere the row's gradient is the central
/// difference of [`ParetoNbdParams::log_likelihood_within`], which switches
/// to the connection formula in `1 − z` near 1.
pub(crate) const SERIES_Z_MAX: f64 = 0.9;
/// See [`SERIES_Z_MAX`].
pub(crate) const SERIES_SIGMA_MIN: f64 = 6.0;

/// Step of the fallback central difference in `ln p` (as the old
/// all-numeric fit: truncation `O(h²) ≈ 10⁻¹⁰`).
const FALLBACK_STEP: f64 = 1e-5;

/// Relative size of the neglected tail of each series: the value to
/// 10⁻¹⁶ like `special::sum_ratio_series`, the derivatives to 10⁻¹⁴.
const VALUE_TAIL: f64 = 1e-15;
const DERIVATIVE_TAIL: f64 = 1e-12;

/// `₂F₁(1, b; c; z)` and its partial derivatives in `b`, `c` and `z`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hyp1 {
    pub(crate) f: f64,
    pub(crate) db: f64,
    pub(crate) dc: f64,
    pub(crate) dz: f64,
}

/// `₂F₁(1, b; c; z)` with `∂/∂b`, `∂/∂c`, `∂/∂z` for `b, c > 0`,
/// `0 ≤ z < 1`, in one pass over at most `max_terms` terms; `None` when it
/// has not converged.
///
/// # Formula
/// With `t_k = (b)_k/(c)_k z^k` (A&S 15.1.1 at `a = 1`, where `(1)_k = k!`):
/// `F = Σ t_k`, `∂F/∂b = Σ t_k Σ_{j<k} 1/(b+j)`,
/// `∂F/∂c = −Σ t_k Σ_{j<k} 1/(c+j)` (the logarithmic derivatives of the
/// rising factorials), `∂F/∂z = Σ_{k≥0} (k+1) t_{k+1}/z`, the last summed
/// as `(k+1) (b)_{k+1}/(c)_{k+1} z^k` (no division by `z`).
///
/// # Tail bounds
/// All terms are positive. After `t_k` the tail of `F` is at most
/// `t_k q/(1−q)`, `q = max((b+k)/(c+k) z, z)` (the ratios rise to `z`), and
/// when `σ = c−1−b > 0` also at most `t_k (c+k)/σ`: from
/// `t_{j+1}(c+j) ≤ t_j (b+j)`, `t_{j+1}(c+j) − t_j (c+j−1) ≤ −σ t_j`,
/// summed over `j ≥ k`. The derivative sums carry the extra factors `k`
/// and the harmonic sum `H`: their tails are taken as that of `F` times
/// `(k + 2 + (c+k)/σ)(1 + H)`.
pub(crate) fn hyp2f1_a1_grad(b: f64, c: f64, z: f64, max_terms: usize) -> Option<Hyp1> {
    let sigma = c - 1.0 - b;
    let mut t = 1.0;
    let (mut hb, mut hc) = (0.0, 0.0);
    let (mut f, mut fb, mut fc, mut fz) = (1.0, 0.0, 0.0, 0.0);
    for k in 0..max_terms {
        let kf = k as f64;
        let (bk, ck) = (b + kf, c + kf);
        let inv = 1.0 / (bk * ck);
        let ratio = bk * bk * inv;
        // g = (b)_{k+1}/(c)_{k+1} z^k = t_{k+1}/z.
        let g = t * ratio;
        hb += ck * inv;
        hc += bk * inv;
        fz += (kf + 1.0) * g;
        t = g * z;
        f += t;
        fb += t * hb;
        fc -= t * hc;
        if !(f.is_finite() && fz.is_finite()) {
            return None;
        }
        // The tail bounds, multiplied out (no division in the loop): with
        // `gap = 1 − q`, geometric `t q/gap`; polynomial `t (c+k+1)/σ`.
        let q = (ratio * z).max(z);
        let gap = 1.0 - q;
        let geometric = gap > 0.0 && t * q <= VALUE_TAIL * f * gap;
        let polynomial = sigma > 0.0 && t * (ck + 1.0) <= VALUE_TAIL * f * sigma;
        if t == 0.0 || geometric || polynomial {
            let poly = if sigma > 0.0 {
                (ck + 1.0) / sigma
            } else {
                f64::INFINITY
            };
            let geo = if gap > 0.0 { 1.0 / gap } else { f64::INFINITY };
            let spread = (kf + 2.0 + poly.min(geo)) * (1.0 + hb.max(hc));
            let tail = if geometric {
                t * q / gap
            } else {
                t * (ck + 1.0) / sigma
            };
            if t == 0.0 || tail * spread <= DERIVATIVE_TAIL * fz.min(f) {
                return Some(Hyp1 {
                    f,
                    db: fb,
                    dc: fc,
                    dz: fz,
                });
            }
        }
    }
    None
}

/// A boundary term of A₀ (see `ParetoNbdParams::ln_a0_term`) with its
/// gradient in `(r, α, s, β)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    v: f64,
    d: [f64; 4],
}

/// The A₀ boundary term at `t`, or `None` when its ₂F₁ argument is above
/// [`SERIES_Z_MAX`] or its series does not converge.
///
/// # Formula
/// `α ≥ β`: `−(r+x) ln(α+t) − s ln(β+t) + ln F(r+x, c, z)`,
/// `z = (α−β)/(α+t)`, `∂z/∂α = (β+t)/(α+t)²`, `∂z/∂β = −1/(α+t)`;
/// `α < β`: `−(r+x) ln(α+t) − s ln(β+t) + ln(α+t) − ln(β+t) + ln F(s+1, c, z)`,
/// `z = (β−α)/(β+t)`, `∂z/∂α = −1/(β+t)`, `∂z/∂β = (α+t)/(β+t)²`;
/// `c = r+s+x+1`, `F(b, c, z) = ₂F₁(1, b; c; z)`.
pub(crate) fn term(p: &ParetoNbdParams, x: f64, t: &TimeLogs, max_terms: usize) -> Option<Term> {
    let (r, al, s, be) = (p.r(), p.alpha(), p.s(), p.beta());
    let a = r + x;
    let c = a + s + 1.0;
    let (at, bt) = (al + t.t, be + t.t);
    let (ln_at, ln_bt) = (t.ln_at, t.ln_bt);
    let mut d = [-ln_at, -a / at, -ln_bt, -s / bt];
    let v;
    if al >= be {
        let z = (al - be) / at;
        if z > SERIES_Z_MAX && c - 1.0 - a < SERIES_SIGMA_MIN {
            return None;
        }
        let h = hyp2f1_a1_grad(a, c, z, max_terms)?;
        let (fb, fc, fz) = (h.db / h.f, h.dc / h.f, h.dz / h.f);
        v = -a * ln_at - s * ln_bt + h.f.ln();
        d[0] += fb + fc;
        d[1] += fz * bt / (at * at);
        d[2] += fc;
        d[3] -= fz / at;
    } else {
        let z = (be - al) / bt;
        if z > SERIES_Z_MAX && c - 2.0 - s < SERIES_SIGMA_MIN {
            return None;
        }
        let h = hyp2f1_a1_grad(s + 1.0, c, z, max_terms)?;
        let (fb, fc, fz) = (h.db / h.f, h.dc / h.f, h.dz / h.f);
        v = -a * ln_at - s * ln_bt + ln_at - ln_bt + h.f.ln();
        d[0] += fc;
        d[1] += 1.0 / at - fz / bt;
        d[2] += fb + fc;
        d[3] += -1.0 / bt + fz * at / (bt * bt);
    }
    Some(Term { v, d })
}

/// `ln Γ(r+x) − ln Γ(r)` and its derivative `ψ(r+x) − ψ(r)` in `r`: the
/// same for every row of one frequency, so the fit computes it once per
/// frequency and parameter point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GammaRatio {
    pub(crate) ln: f64,
    pub(crate) d_r: f64,
}

/// A time `t` (a recency or an age) with `ln(α+t)` and `ln(β+t)`: the fit
/// computes these once per distinct time and parameter point (CDNOW: 2,357
/// customers, a few hundred distinct times) rather than six times a row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeLogs {
    pub(crate) t: f64,
    pub(crate) ln_at: f64,
    pub(crate) ln_bt: f64,
}

impl TimeLogs {
    /// `t` with its logarithms at `p`.
    pub(crate) fn new(p: &ParetoNbdParams, t: f64) -> Self {
        TimeLogs {
            t,
            ln_at: (p.alpha() + t).ln(),
            ln_bt: (p.beta() + t).ln(),
        }
    }
}

/// Per parameter point: `ln α`, `ln β`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PointLogs {
    pub(crate) ln_alpha: f64,
    pub(crate) ln_beta: f64,
}

/// One row's log-likelihood (FH-MATLAB eq. 1, as
/// [`ParetoNbdParams::log_likelihood_one`]) and its gradient in
/// `(r, α, s, β)`; NaN when a series does not converge.
///
/// `age` is the row's `T` with its logarithms; `hi`, `lo` its A₀ terms at
/// `t_x` and `T` (unused when `t_x = T`; `None` when not available from
/// the series, and the row's gradient is then a central difference).
///
/// # Formula
/// `ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln(e^{alive} + e^{died})`,
/// `alive = −(r+x) ln(α+T) − s ln(β+T)`,
/// `died = ln s − ln(r+s+x) + ln(e^{hi} − e^{lo})`, so
/// `∂ died = ∂ ln s − ∂ ln(r+s+x) + (∂hi − q ∂lo)/(1 − q)`, `q = e^{lo−hi}`,
/// and `∂ ln(e^a + e^d) = w ∂a + (1 − w) ∂d`, `w = 1/(1 + e^{d−a})`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn row_ll_grad(
    p: &ParetoNbdParams,
    row: &Rfm,
    point: PointLogs,
    gamma: GammaRatio,
    age: &TimeLogs,
    hi: Option<&Term>,
    lo: Option<&Term>,
    max_terms: usize,
) -> (f64, [f64; 4]) {
    let (r, al, s, be) = (p.r(), p.alpha(), p.s(), p.beta());
    let a = r + f64::from(row.frequency);
    let (at, bt) = (al + age.t, be + age.t);
    let alive = -a * age.ln_at - s * age.ln_bt;
    let d_alive = [-age.ln_at, -a / at, -age.ln_bt, -s / bt];
    let (died, d_died) = if row.recency < row.age {
        let (Some(hi), Some(lo)) = (hi, lo) else {
            return numeric(p, row, max_terms);
        };
        let gap = lo.v - hi.v;
        let one_m_q = -gap.exp_m1();
        if one_m_q > 0.0 {
            let q = gap.exp();
            let mut d = [-1.0 / (a + s), 0.0, 1.0 / s - 1.0 / (a + s), 0.0];
            for (i, di) in d.iter_mut().enumerate() {
                *di += (hi.d[i] - q * lo.d[i]) / one_m_q;
            }
            ((s / (a + s)).ln() + hi.v + one_m_q.ln(), d)
        } else {
            (f64::NEG_INFINITY, [0.0; 4])
        }
    } else {
        (f64::NEG_INFINITY, [0.0; 4])
    };
    // ln(e^alive + e^died) = m + ln(1 + e^{−|alive − died|}).
    let m = alive.max(died);
    let e = (-(alive - died).abs()).exp();
    let lse = m + e.ln_1p();
    let w = if alive >= died { 1.0 } else { e } / (1.0 + e);
    let ll = gamma.ln + r * point.ln_alpha + s * point.ln_beta + lse;
    let base = [gamma.d_r + point.ln_alpha, r / al, point.ln_beta, s / be];
    let mut g = [0.0; 4];
    for i in 0..4 {
        g[i] = base[i] + w * d_alive[i] + (1.0 - w) * d_died[i];
    }
    (ll, g)
}

/// Central differences in `ln p` of the row's likelihood, turned into the
/// natural-scale gradient (`∂/∂p = ∂/∂ln p / p`).
fn numeric(p: &ParetoNbdParams, row: &Rfm, max_terms: usize) -> (f64, [f64; 4]) {
    let base = [p.r(), p.alpha(), p.s(), p.beta()];
    let at = |q: [f64; 4]| -> f64 {
        ParetoNbdParams::new(q[0], q[1], q[2], q[3])
            .map(|pp| pp.log_likelihood_within(row, max_terms))
            .unwrap_or(f64::NAN)
    };
    let ll = at(base);
    let mut g = [0.0; 4];
    for i in 0..4 {
        let (mut up, mut down) = (base, base);
        up[i] *= FALLBACK_STEP.exp();
        down[i] *= (-FALLBACK_STEP).exp();
        g[i] = (at(up) - at(down)) / (2.0 * FALLBACK_STEP) / base[i];
    }
    (ll, g)
}
