//! Maximum-likelihood fitting machinery shared by the sBG, BG/NBD and
//! Gamma-Gamma models: a BFGS minimiser, numerical derivatives, a small
//! symmetric-matrix inverse, and the multi-start driver that turns a
//! negative log-likelihood over log-parameters into estimates with standard
//! errors or a typed error.
//!
//! Source: Nocedal & Wright (2006), *Numerical Optimization*, 2nd ed.:
//! BFGS (algorithm 6.1) with an Armijo backtracking line search (3.1) and
//! the usual initial inverse-Hessian scaling (6.20).

// Small dense matrices: index loops mirror the textbook algorithms.
#![allow(clippy::needless_range_loop)]

use super::linalg::Matrix;
use std::fmt;

/// Why a model fit produced no estimates.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// No start reached a point where the gradient vanishes.
    NotConverged {
        /// Largest gradient component (per observation, log-parameters) at the best point found.
        gradient: f64,
        /// BFGS iterations of the best start.
        iterations: usize,
    },
    /// The likelihood keeps rising as a parameter runs to 0 or infinity: the
    /// data do not identify the model (e.g. nobody ever churns).
    Degenerate {
        /// Name of the parameter that runs away.
        parameter: &'static str,
        /// Its value when the search gave up (near 0 or very large).
        value: f64,
    },
    /// The log-likelihood is flat or not concave at the optimum, so no
    /// standard errors exist.
    SingularInformation,
    /// The log-likelihood could not be evaluated at any start.
    NotFinite,
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::NotConverged {
                gradient,
                iterations,
            } => write!(
                f,
                "fit did not converge: gradient {gradient:.3e} after {iterations} iterations"
            ),
            FitError::Degenerate { parameter, value } => write!(
                f,
                "fit is degenerate: `{parameter}` runs to {value:.3e} (the data do not identify the model)"
            ),
            FitError::SingularInformation => write!(
                f,
                "fit found no well-defined maximum: the information matrix is singular"
            ),
            FitError::NotFinite => write!(f, "log-likelihood is not finite at any start"),
        }
    }
}

impl std::error::Error for FitError {}

/// Stopping rules of [`bfgs`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BfgsOptions {
    /// Most iterations before giving up (not converged).
    pub max_iterations: usize,
    /// Converged when every gradient component is at most this in absolute value.
    pub gradient_tolerance: f64,
    /// Also converged when the objective has stopped moving (relative change
    /// below 10⁻¹⁴ for [`STALL_ITERATIONS`] iterations: rounding noise in the
    /// gradient keeps it above `gradient_tolerance`) while every gradient
    /// component is at most this.
    pub stalled_gradient_tolerance: f64,
}

/// Iterations without progress before [`bfgs`] stops.
pub const STALL_ITERATIONS: usize = 5;

impl Default for BfgsOptions {
    fn default() -> Self {
        BfgsOptions {
            max_iterations: 500,
            gradient_tolerance: 1e-8,
            stalled_gradient_tolerance: 1e-6,
        }
    }
}

/// Result of a minimisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// The point reached (the minimiser when `converged`).
    pub x: Vec<f64>,
    /// The objective at `x`.
    pub value: f64,
    /// The objective's gradient at `x`.
    pub gradient: Vec<f64>,
    /// Iterations taken.
    pub iterations: usize,
    /// Whether a stopping rule of [`BfgsOptions`] was met (rather than
    /// `max_iterations` reached or the line search failing).
    pub converged: bool,
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `f` with BFGS; `fg(x, grad)` returns `f(x)` and writes `∇f(x)`.
///
/// Non-finite values are treated as `+∞`, so the line search backs away from
/// regions where the objective cannot be evaluated. `converged` is true only
/// when the gradient criterion of `opts` is met.
pub fn bfgs<F>(mut fg: F, x0: &[f64], opts: &BfgsOptions) -> Minimum
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = fg(&x, &mut g);
    if !fx.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return Minimum {
            x,
            value: f64::INFINITY,
            gradient: g,
            iterations: 0,
            converged: false,
        };
    }
    // Inverse Hessian approximation.
    let mut h = Matrix::identity(n);
    let mut first = true;
    let mut stalled = 0usize;
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut dir = vec![0.0; n];
    for it in 0..opts.max_iterations {
        if max_abs(&g) <= opts.gradient_tolerance {
            return Minimum {
                x,
                value: fx,
                gradient: g,
                iterations: it,
                converged: true,
            };
        }
        for i in 0..n {
            dir[i] = -(0..n).map(|j| h[(i, j)] * g[j]).sum::<f64>();
        }
        let mut slope = dot(&dir, &g);
        if slope >= 0.0 {
            // Lost positive definiteness: restart from steepest descent.
            h = Matrix::identity(n);
            for i in 0..n {
                dir[i] = -g[i];
            }
            slope = -dot(&g, &g);
        }
        // First step: at most one unit in parameter space (log-scale here).
        let mut step = if first {
            (1.0 / max_abs(&dir)).min(1.0)
        } else {
            1.0
        };
        let mut accepted = false;
        let mut f_new = f64::INFINITY;
        for _ in 0..80 {
            for i in 0..n {
                x_new[i] = x[i] + step * dir[i];
            }
            f_new = fg(&x_new, &mut g_new);
            if f_new.is_finite()
                && g_new.iter().all(|v| v.is_finite())
                && f_new <= fx + 1e-4 * step * slope
            {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            // No descent possible at machine precision: report where we are.
            let converged = max_abs(&g) <= opts.gradient_tolerance;
            return Minimum {
                x,
                value: fx,
                gradient: g,
                iterations: it,
                converged,
            };
        }
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if first {
                let scale = sy / dot(&y, &y);
                for i in 0..n {
                    for j in 0..n {
                        h[(i, j)] = if i == j { scale } else { 0.0 };
                    }
                }
                first = false;
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n)
                .map(|i| (0..n).map(|j| h[(i, j)] * y[j]).sum())
                .collect();
            let yhy = dot(&y, &hy);
            for i in 0..n {
                for j in 0..n {
                    h[(i, j)] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        let progress = (fx - f_new).abs() > 1e-14 * fx.abs().max(1.0);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        fx = f_new;
        stalled = if progress { 0 } else { stalled + 1 };
        if stalled >= STALL_ITERATIONS {
            return Minimum {
                converged: max_abs(&g) <= opts.stalled_gradient_tolerance,
                x,
                value: fx,
                gradient: g,
                iterations: it + 1,
            };
        }
    }
    let converged = max_abs(&g) <= opts.gradient_tolerance;
    Minimum {
        x,
        value: fx,
        gradient: g,
        iterations: opts.max_iterations,
        converged,
    }
}

/// Central-difference gradient of `f` at `x`, step `h·max(1, |x_i|)`.
///
/// # Formula
/// `∂f/∂x_i ≈ (f(x + h_i e_i) − f(x − h_i e_i)) / (2 h_i)`, error `O(h²)`.
pub fn numerical_gradient(f: &mut impl FnMut(&[f64]) -> f64, x: &[f64], h: f64, out: &mut [f64]) {
    let mut xp = x.to_vec();
    for i in 0..x.len() {
        let hi = h * x[i].abs().max(1.0);
        xp[i] = x[i] + hi;
        let fp = f(&xp);
        xp[i] = x[i] - hi;
        let fm = f(&xp);
        xp[i] = x[i];
        out[i] = (fp - fm) / (2.0 * hi);
    }
}

/// Hessian by central differences of an analytic gradient, symmetrised.
///
/// # Formula
/// `H_ij ≈ (∂_i f(x + h e_j) − ∂_i f(x − h e_j)) / (2h)`, then `(H + Hᵀ)/2`.
pub fn hessian_from_gradient(
    grad: &mut impl FnMut(&[f64], &mut [f64]),
    x: &[f64],
    h: f64,
) -> Matrix {
    let n = x.len();
    let mut cols = Matrix::zeros(n, n);
    let mut xp = x.to_vec();
    let mut gp = vec![0.0; n];
    let mut gm = vec![0.0; n];
    for j in 0..n {
        xp[j] = x[j] + h;
        grad(&xp, &mut gp);
        xp[j] = x[j] - h;
        grad(&xp, &mut gm);
        xp[j] = x[j];
        for i in 0..n {
            cols[(j, i)] = (gp[i] - gm[i]) / (2.0 * h);
        }
    }
    Matrix::from_fn(n, n, |i, j| 0.5 * (cols[(j, i)] + cols[(i, j)]))
}

/// Inverse of a symmetric positive-definite matrix by Cholesky
/// factorisation; `None` when the matrix is not positive definite (or not
/// finite).
///
/// # Formula
/// `A = L Lᵀ`, `A⁻¹ = L⁻ᵀ L⁻¹` (Golub & Van Loan, 4.2).
pub fn invert_spd(a: &Matrix) -> Option<Matrix> {
    let n = a.rows();
    assert_eq!(a.cols(), n, "matrix must be n × n");
    let mut l = Matrix::zeros(n, n);
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = a[(i, j)] - (0..j).map(|k| l[(i, k)] * l[(j, k)]).sum::<f64>();
            if i == j {
                if !(s.is_finite() && s > 0.0) {
                    return None;
                }
                l[(i, i)] = s.sqrt();
            } else {
                l[(i, j)] = s / l[(j, j)];
            }
        }
    }
    // L⁻¹ (lower triangular), column by column.
    let mut li = Matrix::zeros(n, n);
    for c in 0..n {
        for i in c..n {
            let rhs = if i == c { 1.0 } else { 0.0 };
            let s: f64 = rhs - (c..i).map(|k| l[(i, k)] * li[(k, c)]).sum::<f64>();
            li[(i, c)] = s / l[(i, i)];
        }
    }
    Some(Matrix::from_fn(n, n, |i, j| {
        (i.max(j)..n).map(|k| li[(k, i)] * li[(k, j)]).sum()
    }))
}

/// A maximum-likelihood fit over log-parameters `θ = ln p`.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFit {
    /// Estimates on the natural scale, `p = e^θ`.
    pub params: Vec<f64>,
    /// Total log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// Covariance of the natural-scale estimates (inverse observed information).
    pub covariance: Matrix,
    /// Square roots of the covariance diagonal.
    pub std_errors: Vec<f64>,
    /// BFGS iterations of the winning start.
    pub iterations: usize,
}

/// Largest `|ln p|` accepted: beyond `e^25 ≈ 7·10¹⁰` (or below its inverse)
/// a parameter is running to a boundary.
const LOG_BOUND: f64 = 25.0;

/// Largest standard error of a log-parameter accepted (see [`fit_log_params`]).
const MAX_LOG_SE: f64 = 10.0;

/// Fits a model by minimising its mean negative log-likelihood over
/// log-parameters from several starts, keeping the best converged one. The
/// starts run in order and stop once two have converged to the same value
/// (relative 10⁻¹⁰), so a well-posed fit costs two runs.
///
/// * `mean_nll(θ, grad)`: mean (per observation) negative log-likelihood and
///   its gradient with respect to `θ`.
/// * `n_obs`: the number of observations (the mean is scaled back to a total).
/// * `names`: parameter names, for the error messages.
///
/// Standard errors: the observed information `I = n ∇²(mean NLL)` is
/// differentiated numerically in `θ`; at the optimum the natural-scale
/// covariance is `D I⁻¹ D` with `D = diag(p)` (delta method, exact for the
/// reparametrisation at a stationary point).
pub fn fit_log_params<F>(
    mean_nll: F,
    starts: &[Vec<f64>],
    n_obs: f64,
    names: &[&'static str],
) -> Result<LogFit, FitError>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    fit_log_params_agreeing(mean_nll, starts, n_obs, names, 2)
}

/// [`fit_log_params`] stopping once `agreeing` starts have converged to the
/// same value (relative 10⁻¹⁰); with `agreeing = 1` the first start that
/// converges is kept and the others are fallbacks, for a model whose first
/// start is scaled to the data and whose information at the optimum is
/// still checked positive definite.
pub fn fit_log_params_agreeing<F>(
    mut mean_nll: F,
    starts: &[Vec<f64>],
    n_obs: f64,
    names: &[&'static str],
    agreeing: usize,
) -> Result<LogFit, FitError>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let opts = BfgsOptions::default();
    let mut best: Option<Minimum> = None;
    let mut any_finite = false;
    let mut converged_values: Vec<f64> = Vec::new();
    for s in starts {
        // `agreeing` starts that converged to the same optimum are enough.
        let agree = converged_values.iter().any(|a| {
            converged_values
                .iter()
                .filter(|b| (a - *b).abs() <= 1e-10 * a.abs().max(1.0))
                .count()
                >= agreeing.max(1)
        });
        if agree {
            break;
        }
        let m = bfgs(&mut mean_nll, s, &opts);
        if m.converged && m.value.is_finite() {
            converged_values.push(m.value);
        }
        if m.value.is_finite() {
            any_finite = true;
        }
        let better = match &best {
            None => m.value.is_finite(),
            Some(b) => {
                (m.converged && !b.converged) || (m.converged == b.converged && m.value < b.value)
            }
        };
        if better {
            best = Some(m);
        }
    }
    let best = match best {
        Some(b) if any_finite => b,
        _ => return Err(FitError::NotFinite),
    };
    if let Some((i, v)) = best.x.iter().enumerate().find(|(_, v)| v.abs() > LOG_BOUND) {
        return Err(FitError::Degenerate {
            parameter: names[i],
            value: v.exp(),
        });
    }
    if !best.converged {
        return Err(FitError::NotConverged {
            gradient: max_abs(&best.gradient),
            iterations: best.iterations,
        });
    }
    let mut grad_only = |x: &[f64], g: &mut [f64]| {
        mean_nll(x, g);
    };
    let hess = hessian_from_gradient(&mut grad_only, &best.x, 1e-5);
    let info = Matrix::from_fn(hess.rows(), hess.cols(), |i, j| hess[(i, j)] * n_obs);
    let cov_log = invert_spd(&info).ok_or(FitError::SingularInformation)?;
    // A log-scale standard error above MAX_LOG_SE means one standard error
    // spans a factor e^MAX_LOG_SE: the likelihood is flat towards a boundary
    // and the point estimate means nothing.
    if let Some(i) = (0..cov_log.rows())
        .find(|&i| cov_log[(i, i)].is_nan() || cov_log[(i, i)].sqrt() > MAX_LOG_SE)
    {
        return Err(FitError::Degenerate {
            parameter: names[i],
            value: best.x[i].exp(),
        });
    }
    let params: Vec<f64> = best.x.iter().map(|v| v.exp()).collect();
    let k = params.len();
    let covariance = Matrix::from_fn(k, k, |i, j| params[i] * params[j] * cov_log[(i, j)]);
    let std_errors = (0..k).map(|i| covariance[(i, i)].sqrt()).collect();
    Ok(LogFit {
        params,
        log_likelihood: -best.value * n_obs,
        covariance,
        std_errors,
        iterations: best.iterations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxi_testkit::assert_close;

    fn rosenbrock(x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = (x[0], x[1]);
        g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
        g[1] = 200.0 * (b - a * a);
        (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
    }

    /// Reference: Rosenbrock's function has its unique minimum 0 at (1, 1)
    /// (Nocedal & Wright, exercise 2.1); tolerance 1e-6 on x.
    #[test]
    fn bfgs_finds_rosenbrock_minimum() {
        let m = bfgs(rosenbrock, &[-1.2, 1.0], &BfgsOptions::default());
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6);
        assert!(m.value < 1e-12);
    }

    /// Reference: a quadratic ½xᵀAx − bᵀx is minimised at A⁻¹b; here
    /// A = [[4,1],[1,3]], b = [1,2] → x* = [1/11, 7/11].
    #[test]
    fn bfgs_solves_quadratic() {
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = 4.0 * x[0] + x[1] - 1.0;
            g[1] = x[0] + 3.0 * x[1] - 2.0;
            0.5 * (4.0 * x[0] * x[0] + 2.0 * x[0] * x[1] + 3.0 * x[1] * x[1]) - x[0] - 2.0 * x[1]
        };
        let m = bfgs(f, &[5.0, -5.0], &BfgsOptions::default());
        assert!(m.converged);
        assert!((m.x[0] - 1.0 / 11.0).abs() < 1e-9 && (m.x[1] - 7.0 / 11.0).abs() < 1e-9);
    }

    /// A gradient with a rounding-noise floor (biased by 5e-8, like a sum of
    /// large cancelling terms) never meets the strict tolerance; BFGS must
    /// notice the objective has stopped moving and call it converged rather
    /// than spin to the iteration limit. Reference: the minimum of x² is 0.
    #[test]
    fn bfgs_stops_on_a_stalled_objective() {
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = 2.0 * x[0] + 5e-8;
            x[0] * x[0]
        };
        let m = bfgs(f, &[3.0], &BfgsOptions::default());
        assert!(m.converged && m.iterations < 100, "{m:?}");
        assert!(m.x[0].abs() < 1e-6);
    }

    /// Reference: the inverse of [[4,1],[1,3]] is [[3,−1],[−1,4]]/11; a
    /// matrix with a negative eigenvalue is refused.
    #[test]
    fn spd_inverse() {
        let inv = invert_spd(&Matrix::from_rows(&[[4.0, 1.0], [1.0, 3.0]])).unwrap();
        let want = [[3.0 / 11.0, -1.0 / 11.0], [-1.0 / 11.0, 4.0 / 11.0]];
        for i in 0..2 {
            for j in 0..2 {
                assert_close!(inv[(i, j)], want[i][j], 1e-15);
            }
        }
        assert!(invert_spd(&Matrix::from_rows(&[[1.0, 2.0], [2.0, 1.0]])).is_none());
        // 3×3 check: A·A⁻¹ = I.
        let a = Matrix::from_rows(&[[6.0, 2.0, 1.0], [2.0, 5.0, 2.0], [1.0, 2.0, 4.0]]);
        let inv = invert_spd(&a).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let p: f64 = (0..3).map(|k| a[(i, k)] * inv[(k, j)]).sum();
                assert_close!(p, if i == j { 1.0 } else { 0.0 }, 1e-14);
            }
        }
    }

    /// Reference: the Hessian of the quadratic above is A exactly, and the
    /// central-difference gradient of x² + 3xy is (2x + 3y, 3x).
    #[test]
    fn numerical_derivatives() {
        let mut g = |x: &[f64], out: &mut [f64]| {
            out[0] = 4.0 * x[0] + x[1] - 1.0;
            out[1] = x[0] + 3.0 * x[1] - 2.0;
        };
        let h = hessian_from_gradient(&mut g, &[0.3, -0.2], 1e-4);
        assert!((h[(0, 0)] - 4.0).abs() < 1e-9 && (h[(0, 1)] - 1.0).abs() < 1e-9);
        assert_close!(h[(1, 1)], 3.0, 1e-9);
        let mut f = |x: &[f64]| x[0] * x[0] + 3.0 * x[0] * x[1];
        let mut out = [0.0; 2];
        numerical_gradient(&mut f, &[2.0, 1.0], 1e-6, &mut out);
        assert!((out[0] - 7.0).abs() < 1e-6 && (out[1] - 6.0).abs() < 1e-6);
    }

    /// Reference: the MLE of an exponential rate λ from data with mean x̄ is
    /// 1/x̄ with standard error λ/√n (Fisher information n/λ²).
    #[test]
    fn log_fit_exponential_rate_and_standard_error() {
        let data = [0.5, 1.5, 2.0, 0.2, 0.8, 1.0, 3.0, 0.4];
        let n = data.len() as f64;
        let mean = data.iter().sum::<f64>() / n;
        let nll = |th: &[f64], g: &mut [f64]| {
            let lam = th[0].exp();
            // mean NLL = −ln λ + λ x̄ ; d/dθ = −1 + λ x̄
            g[0] = -1.0 + lam * mean;
            -lam.ln() + lam * mean
        };
        let fit = fit_log_params(nll, &[vec![0.0], vec![2.0]], n, &["lambda"]).unwrap();
        let lam = 1.0 / mean;
        assert_close!(fit.params[0], lam, 1e-8);
        assert_close!(fit.std_errors[0], lam / n.sqrt(), 1e-6);
        assert_close!(fit.log_likelihood, n * (lam.ln() - 1.0), 1e-9);
    }

    #[test]
    fn log_fit_reports_degenerate_and_non_finite() {
        // Likelihood increasing without bound in λ: runs to the boundary.
        let runaway = |th: &[f64], g: &mut [f64]| {
            g[0] = -1.0;
            -th[0]
        };
        match fit_log_params(runaway, &[vec![0.0]], 10.0, &["lambda"]) {
            Err(FitError::Degenerate { parameter, .. }) => assert_eq!(parameter, "lambda"),
            other => panic!("{other:?}"),
        }
        let nan = |_: &[f64], g: &mut [f64]| {
            g[0] = f64::NAN;
            f64::NAN
        };
        assert_eq!(
            fit_log_params(nan, &[vec![0.0]], 1.0, &["x"]),
            Err(FitError::NotFinite)
        );
    }
}
