//! The one formatter (`cxi_types::format`) against the browser's own
//! `Intl.NumberFormat`, for the three conventions it writes (en-US, en-GB,
//! fr-FR): every sentence then reads like the figures Intl writes beside it.
//!
//! Intl is asked with `signDisplay: "negative"`, the formatter's one stated
//! difference from Intl's default (a negative that rounds to zero is `0`).
//! Values are mantissas × powers of ten chosen so that compact rounding never
//! carries into the next unit (there Intl writes `1.0M` for 999,950 and the
//! sentence rule says `1m`, on purpose).

#![cfg(target_arch = "wasm32")]

use cxi_types::format::{self, Style};
use cxi_types::Currency;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STYLES: [Style; 3] = [Style::EnUs, Style::EnGb, Style::FrFr];

fn intl(style: Style, options: &[(&str, JsValue)], v: f64) -> String {
    let opts = Object::new();
    Reflect::set(&opts, &"signDisplay".into(), &"negative".into()).unwrap();
    for (k, val) in options {
        Reflect::set(&opts, &JsValue::from_str(k), val).unwrap();
    }
    let f = Intl::NumberFormat::new(&Array::of1(&style.tag().into()), &opts);
    f.format()
        .call1(&JsValue::NULL, &JsValue::from_f64(v))
        .unwrap()
        .as_string()
        .unwrap()
}

fn values() -> Vec<f64> {
    let mut out = vec![0.0, 0.5, 1.005, 0.045, 2.5, -2.5, -0.004];
    for e in -3..=12 {
        for m in [1.0, 1.2, 2.5, 3.4567, 7.89, 9.4] {
            let v = m * 10f64.powi(e);
            out.extend([v, -v]);
        }
    }
    out
}

#[wasm_bindgen_test]
fn numbers_and_percents_as_the_browser_writes_them() {
    for style in STYLES {
        for v in values() {
            for d in [0u8, 1, 2] {
                assert_eq!(
                    format::number(style, v, d),
                    intl(style, &[("maximumFractionDigits", d.into())], v),
                    "{style:?} number {v} {d}"
                );
                let pct = [
                    ("style", "percent".into()),
                    ("maximumFractionDigits", d.into()),
                ];
                assert_eq!(
                    format::percent(style, v / 100.0, d),
                    intl(style, &pct, v / 100.0),
                    "{style:?} percent {v} {d}"
                );
            }
            let fixed = [
                ("minimumFractionDigits", 2.into()),
                ("maximumFractionDigits", 2.into()),
            ];
            assert_eq!(
                format::number_with(style, v, 2, 2),
                intl(style, &fixed, v),
                "{style:?} fixed {v}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn money_as_the_browser_writes_it() {
    for style in STYLES {
        for c in Currency::ALL {
            let code = JsValue::from_str(c.code());
            for v in values() {
                let whole = [
                    ("style", "currency".into()),
                    ("currency", code.clone()),
                    ("maximumFractionDigits", 0.into()),
                ];
                assert_eq!(
                    format::money_whole(style, c, v),
                    intl(style, &whole, v),
                    "{style:?} {c:?} whole {v}"
                );
                let exact = [("style", "currency".into()), ("currency", code.clone())];
                assert_eq!(
                    format::money_exact(style, c, v),
                    intl(style, &exact, v),
                    "{style:?} {c:?} exact {v}"
                );
                for d in [0u8, 1] {
                    let compact = [
                        ("style", "currency".into()),
                        ("currency", code.clone()),
                        ("notation", "compact".into()),
                        ("maximumFractionDigits", d.into()),
                    ];
                    assert_eq!(
                        format::money_compact(style, c, v, d),
                        intl(style, &compact, v),
                        "{style:?} {c:?} compact {v} {d}"
                    );
                }
            }
        }
        for v in values() {
            let compact = [
                ("notation", "compact".into()),
                ("maximumFractionDigits", 1.into()),
            ];
            assert_eq!(
                format::number_compact(style, v, 1),
                intl(style, &compact, v),
                "{style:?} compact {v}"
            );
        }
    }
}
