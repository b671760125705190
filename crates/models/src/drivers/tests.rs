//! Key driver analysis end to end: published relative weights, known
//! structures, missing data and input errors.

use super::*;
use cxi_testkit::assert_close;

/// `mtcars` (R datasets; Henderson & Velleman 1981): mpg, cyl, disp, hp, gear.
const MTCARS: [[f64; 5]; 32] = [
    [21.0, 6.0, 160.0, 110.0, 4.0],
    [21.0, 6.0, 160.0, 110.0, 4.0],
    [22.8, 4.0, 108.0, 93.0, 4.0],
    [21.4, 6.0, 258.0, 110.0, 3.0],
    [18.7, 8.0, 360.0, 175.0, 3.0],
    [18.1, 6.0, 225.0, 105.0, 3.0],
    [14.3, 8.0, 360.0, 245.0, 3.0],
    [24.4, 4.0, 146.7, 62.0, 4.0],
    [22.8, 4.0, 140.8, 95.0, 4.0],
    [19.2, 6.0, 167.6, 123.0, 4.0],
    [17.8, 6.0, 167.6, 123.0, 4.0],
    [16.4, 8.0, 275.8, 180.0, 3.0],
    [17.3, 8.0, 275.8, 180.0, 3.0],
    [15.2, 8.0, 275.8, 180.0, 3.0],
    [10.4, 8.0, 472.0, 205.0, 3.0],
    [10.4, 8.0, 460.0, 215.0, 3.0],
    [14.7, 8.0, 440.0, 230.0, 3.0],
    [32.4, 4.0, 78.7, 66.0, 4.0],
    [30.4, 4.0, 75.7, 52.0, 4.0],
    [33.9, 4.0, 71.1, 65.0, 4.0],
    [21.5, 4.0, 120.1, 97.0, 3.0],
    [15.5, 8.0, 318.0, 150.0, 3.0],
    [15.2, 8.0, 304.0, 150.0, 3.0],
    [13.3, 8.0, 350.0, 245.0, 3.0],
    [19.2, 8.0, 400.0, 175.0, 3.0],
    [27.3, 4.0, 79.0, 66.0, 4.0],
    [26.0, 4.0, 120.3, 91.0, 5.0],
    [30.4, 4.0, 95.1, 113.0, 5.0],
    [15.8, 8.0, 351.0, 264.0, 5.0],
    [19.7, 6.0, 145.0, 175.0, 5.0],
    [15.0, 8.0, 301.0, 335.0, 5.0],
    [21.4, 4.0, 121.0, 109.0, 4.0],
];

fn col(j: usize) -> Vec<Option<f64>> {
    MTCARS.iter().map(|r| Some(r[j])).collect()
}

/// Reference: the `rwa` R package README (Chan, martinctc/rwa, CRAN),
/// `rwa(mtcars, outcome = "mpg", predictors = c("cyl","disp","hp","gear"),
/// applysigns = TRUE)`: R² = 0.7791896; raw weights cyl 0.2284797,
/// disp 0.2221469, hp 0.2321744, gear 0.0963886; rescaled 29.32274,
/// 28.50999, 29.79691, 12.37037; signs −, −, −, +. Published to 7 digits;
/// tolerance 1e-6.
#[test]
fn relative_weights_match_rwa_mtcars() {
    let (mpg, cyl, disp, hp, gear) = (col(0), col(1), col(2), col(3), col(4));
    let attrs = [
        Column {
            name: "cyl",
            values: &cyl,
        },
        Column {
            name: "disp",
            values: &disp,
        },
        Column {
            name: "hp",
            values: &hp,
        },
        Column {
            name: "gear",
            values: &gear,
        },
    ];
    let a = key_drivers(
        Column {
            name: "mpg",
            values: &mpg,
        },
        &attrs,
        MissingData::Listwise,
    )
    .unwrap();
    assert_close!(a.r2, 0.779_189_6, 1e-6, "{}", a.r2);
    let raw = [0.228_479_7, 0.222_146_9, 0.232_174_4, 0.096_388_6];
    let rescaled = [29.322_74, 28.509_99, 29.796_91, 12.370_37];
    let signs = [-1, -1, -1, 1];
    for (j, d) in a.attributes.iter().enumerate() {
        assert!(
            (d.raw_weight - raw[j]).abs() < 1e-6,
            "{} {}",
            d.name,
            d.raw_weight
        );
        assert!(
            (d.rescaled - rescaled[j]).abs() < 1e-4,
            "{} {}",
            d.name,
            d.rescaled
        );
        assert_eq!(d.sign, signs[j], "{}", d.name);
    }
    let shap: f64 = a.attributes.iter().map(|d| d.shapley.unwrap()).sum();
    assert_close!(shap, a.r2, 1e-12);
    assert_eq!(a.n_used, 32);
    // Independent reference for LMG: the same data regressed with an
    // intercept on raw values in exact rational arithmetic (Python
    // `fractions`, Gauss–Jordan on the normal equations) for every subset,
    // R² gains averaged over all 24 orders of entry: cyl 0.2470520332,
    // disp 0.2434995948, hp 0.2109128995, gear 0.0777251114 (full R²
    // 0.7791896390). Tolerance 1e-9.
    let lmg = [
        0.247_052_033_2,
        0.243_499_594_8,
        0.210_912_899_5,
        0.077_725_111_4,
    ];
    for (d, want) in a.attributes.iter().zip(lmg) {
        assert!(
            (d.shapley.unwrap() - want).abs() < 1e-9,
            "{} {:?}",
            d.name,
            d.shapley
        );
    }
}

/// Generated data with known structure: y = 3·x1 + 1·x2 + 0·x3 with
/// uncorrelated, balanced x's (a 2×2×2 full factorial repeated) and no
/// noise. Then R² = 1 and both decompositions equal the squared
/// correlations: 9/10, 1/10, 0 (orthogonal case, Johnson 2000, p. 5).
#[test]
fn orthogonal_known_structure() {
    let mut x1 = vec![];
    let mut x2 = vec![];
    let mut x3 = vec![];
    let mut y = vec![];
    for _ in 0..3 {
        for a in [-1.0, 1.0] {
            for b in [-1.0, 1.0] {
                for c in [-1.0, 1.0] {
                    x1.push(Some(a));
                    x2.push(Some(b));
                    x3.push(Some(c));
                    y.push(Some(3.0 * a + b));
                }
            }
        }
    }
    let a = key_drivers(
        Column {
            name: "y",
            values: &y,
        },
        &[
            Column {
                name: "x1",
                values: &x1,
            },
            Column {
                name: "x2",
                values: &x2,
            },
            Column {
                name: "x3",
                values: &x3,
            },
        ],
        MissingData::Listwise,
    )
    .unwrap();
    assert_close!(a.r2, 1.0, 1e-12);
    let want = [0.9, 0.1, 0.0];
    for (d, w) in a.attributes.iter().zip(want) {
        assert_close!(d.raw_weight, w, 1e-12, "{}", d.name);
        assert_close!(d.shapley.unwrap(), w, 1e-12, "{}", d.name);
    }
    assert_eq!(a.attributes[2].sign, 0);
    assert!(a.warnings.is_empty());
}

type Col = Vec<Option<f64>>;

fn three_cols() -> (Col, Col, Col) {
    let x1: Vec<Option<f64>> = (0..20).map(|i| Some((i % 5) as f64)).collect();
    let x2: Vec<Option<f64>> = (0..20).map(|i| Some(((i * 7) % 4) as f64)).collect();
    let y: Vec<Option<f64>> = (0..20)
        .map(|i| Some((i % 5) as f64 + 0.5 * ((i * 7) % 4) as f64 + ((i * 3) % 2) as f64))
        .collect();
    (y, x1, x2)
}

#[test]
fn constant_column_is_a_clear_error() {
    let (y, x1, _) = three_cols();
    let flat = vec![Some(3.0); 20];
    let e = key_drivers(
        Column {
            name: "nps",
            values: &y,
        },
        &[
            Column {
                name: "price",
                values: &x1,
            },
            Column {
                name: "delivery",
                values: &flat,
            },
        ],
        MissingData::Listwise,
    )
    .unwrap_err();
    assert_eq!(e, DriversError::ConstantColumn("delivery".into()));
    assert!(e
        .to_string()
        .starts_with("column `delivery` has the same value"));
}

/// A duplicated attribute is exactly collinear: the analysis still runs,
/// splits the weight between the twins and warns.
#[test]
fn exact_collinearity_is_flagged_not_fatal() {
    let (y, x1, x2) = three_cols();
    let twin = x1.clone();
    let a = key_drivers(
        Column {
            name: "y",
            values: &y,
        },
        &[
            Column {
                name: "a",
                values: &x1,
            },
            Column {
                name: "a_copy",
                values: &twin,
            },
            Column {
                name: "b",
                values: &x2,
            },
        ],
        MissingData::Listwise,
    )
    .unwrap();
    assert!(a.condition_number.is_infinite());
    assert!(a.warnings.iter().any(
        |w| matches!(w, DriversWarning::Collinear { attribute, vif: None } if attribute == "a")
    ));
    let w = &a.attributes;
    assert_close!(w[0].raw_weight, w[1].raw_weight, 1e-9);
    let sum: f64 = w.iter().map(|d| d.raw_weight).sum();
    assert_close!(sum, a.r2, 1e-9);
    let shap: f64 = w.iter().map(|d| d.shapley.unwrap()).sum();
    assert_close!(shap, a.r2, 1e-9);
}

/// Listwise drops incomplete rows; pairwise keeps each pair's rows. With
/// no missing answers the two agree exactly.
#[test]
fn missing_data_modes() {
    let (y, x1, x2) = three_cols();
    let run = |y: &[Option<f64>], x1: &[Option<f64>], m| {
        key_drivers(
            Column {
                name: "y",
                values: y,
            },
            &[
                Column {
                    name: "x1",
                    values: x1,
                },
                Column {
                    name: "x2",
                    values: &x2,
                },
            ],
            m,
        )
        .unwrap()
    };
    let l = run(&y, &x1, MissingData::Listwise);
    let p = run(&y, &x1, MissingData::Pairwise);
    assert_close!(l.r2, p.r2, 1e-12);
    let mut holes = x1.clone();
    holes[0] = None;
    holes[5] = None;
    let l = run(&y, &holes, MissingData::Listwise);
    assert_eq!(l.n_used, 18);
    assert!(l.warnings.contains(&DriversWarning::RowsDropped {
        dropped: 2,
        total: 20
    }));
    let p = run(&y, &holes, MissingData::Pairwise);
    assert_eq!(p.n_used, 20);
    assert_eq!(p.attributes[0].n, 18);
    assert_eq!(p.attributes[1].n, 20);
}

/// Pairwise correlations that contradict each other (r12 ≈ 1, r13 ≈ 1,
/// r23 ≈ −1 from disjoint rows) are not a valid correlation matrix: the
/// analysis warns, repairs it, and the weights still add up to R².
#[test]
fn inconsistent_pairwise_correlations_are_repaired() {
    let mut x1 = vec![None; 30];
    let mut x2 = vec![None; 30];
    let mut x3 = vec![None; 30];
    let mut y = vec![None; 30];
    for i in 0..30 {
        let v = ((i * 7) % 10) as f64 + 0.1 * i as f64;
        y[i] = Some(((i * 3) % 7) as f64 + 0.5 * v);
        match i / 10 {
            0 => {
                x1[i] = Some(v);
                x2[i] = Some(v);
            }
            1 => {
                x1[i] = Some(v);
                x3[i] = Some(v);
            }
            _ => {
                x2[i] = Some(v);
                x3[i] = Some(-v);
            }
        }
    }
    let a = key_drivers(
        Column {
            name: "y",
            values: &y,
        },
        &[
            Column {
                name: "x1",
                values: &x1,
            },
            Column {
                name: "x2",
                values: &x2,
            },
            Column {
                name: "x3",
                values: &x3,
            },
        ],
        MissingData::Pairwise,
    )
    .unwrap();
    assert!(a
        .warnings
        .iter()
        .any(|w| matches!(w, DriversWarning::NotPositiveDefinite { .. })));
    let raw: f64 = a.attributes.iter().map(|d| d.raw_weight).sum();
    let shap: f64 = a.attributes.iter().map(|d| d.shapley.unwrap()).sum();
    assert_close!(raw, a.r2, 1e-9, "{raw} {}", a.r2);
    assert_close!(shap, a.r2, 1e-9);
    assert!(a.attributes.iter().all(|d| d.raw_weight.is_finite()));
}

#[test]
fn input_errors() {
    let (y, x1, _) = three_cols();
    let short = vec![Some(1.0); 3];
    assert_eq!(
        key_drivers(
            Column {
                name: "y",
                values: &y
            },
            &[],
            MissingData::Listwise
        ),
        Err(DriversError::NoAttributes)
    );
    let e = key_drivers(
        Column {
            name: "y",
            values: &y,
        },
        &[Column {
            name: "s",
            values: &short,
        }],
        MissingData::Listwise,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "column `s` has 3 rows but the outcome has 20"
    );
    let mut bad = x1.clone();
    bad[4] = Some(f64::NAN);
    let e = key_drivers(
        Column {
            name: "y",
            values: &y,
        },
        &[Column {
            name: "price",
            values: &bad,
        }],
        MissingData::Listwise,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 5, column `price`: value is not a finite number"
    );
    let e = key_drivers(
        Column {
            name: "y",
            values: &y[..3],
        },
        &[
            Column {
                name: "a",
                values: &x1[..3],
            },
            Column {
                name: "b",
                values: &x1[..3],
            },
        ],
        MissingData::Listwise,
    )
    .unwrap_err();
    assert_eq!(e, DriversError::TooFewRows { used: 3, needed: 4 });
}
