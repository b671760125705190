//! Named tolerances and closeness assertions for the models' tests (after
//! statrs' `prec` module).
//!
//! [`assert_close!`](crate::assert_close) and [`assert_rel!`](crate::assert_rel)
//! fail with both values, their difference and the tolerance in the message,
//! and fail on NaN (a NaN difference is never within a tolerance).

/// Half a unit in the 4th decimal: agreement with a table published to 4
/// decimal places.
pub const PUBLISHED_4DP: f64 = 5e-5;
/// Half a unit in the 6th decimal: agreement with a table published to 6
/// decimal places.
pub const PUBLISHED_6DP: f64 = 5e-7;
/// Relative 10⁻⁹: two evaluations of one formula by different routes
/// (series against closed form, iterative against direct).
pub const REL_1E9: f64 = 1e-9;
/// Relative 10⁻¹²: the same computation reordered (rounding only).
pub const REL_1E12: f64 = 1e-12;
/// Absolute 10⁻¹⁴: a few ulp of numbers of order one.
pub const ABS_1E14: f64 = 1e-14;

/// Whether `|a − b| < tol` (false when either is NaN).
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() < tol
}

/// Whether `|a − b| < rel · |b|` (false when either is NaN).
pub fn rel_close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() < rel * b.abs()
}

/// Asserts `|a − b| < tol` for `f64` values or references to them; the panic message shows both values, the
/// difference and the tolerance, then the optional format arguments.
#[macro_export]
macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr $(,)?) => {
        $crate::assert_close!($a, $b, $tol, "")
    };
    ($a:expr, $b:expr, $tol:expr, $($msg:tt)+) => {{
        let a: f64 = *::std::borrow::Borrow::<f64>::borrow(&$a);
        let b: f64 = *::std::borrow::Borrow::<f64>::borrow(&$b);
        let tol: f64 = $tol;
        if !$crate::prec::close(a, b, tol) {
            panic!(
                "assert_close failed: `{}` = {:e}, `{}` = {:e}, |diff| = {:e}, tol = {:e}. {}",
                stringify!($a),
                a,
                stringify!($b),
                b,
                (a - b).abs(),
                tol,
                format_args!($($msg)+)
            );
        }
    }};
}

/// Asserts `|a − b| < rel · |b|`; the panic message shows both values, the
/// relative difference and the tolerance, then the optional format arguments.
#[macro_export]
macro_rules! assert_rel {
    ($a:expr, $b:expr, $rel:expr $(,)?) => {
        $crate::assert_rel!($a, $b, $rel, "")
    };
    ($a:expr, $b:expr, $rel:expr, $($msg:tt)+) => {{
        let a: f64 = *::std::borrow::Borrow::<f64>::borrow(&$a);
        let b: f64 = *::std::borrow::Borrow::<f64>::borrow(&$b);
        let rel: f64 = $rel;
        if !$crate::prec::rel_close(a, b, rel) {
            panic!(
                "assert_rel failed: `{}` = {:e}, `{}` = {:e}, |diff|/|b| = {:e}, rel = {:e}. {}",
                stringify!($a),
                a,
                stringify!($b),
                b,
                (a - b).abs() / b.abs(),
                rel,
                format_args!($($msg)+)
            );
        }
    }};
}

#[cfg(test)]
mod tests {
    #[test]
    fn close_and_rel() {
        crate::assert_close!(1.0, 1.0 + 1e-15, super::ABS_1E14);
        crate::assert_rel!(1e10, 1e10 + 1.0, super::REL_1E9, "x = {}", 3);
        assert!(!super::close(f64::NAN, 0.0, 1.0));
        assert!(!super::rel_close(1.0, 2.0, 0.1));
    }

    #[test]
    #[should_panic(expected = "assert_close failed")]
    fn close_fails_with_values() {
        crate::assert_close!(1.0, 1.1, 1e-3, "at {}", "row 2");
    }
}
