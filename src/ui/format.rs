//! Numbers for people: the browser's `Intl.NumberFormat`, so `fr-FR` shows
//! `1 234,56 €` exactly as the user's spreadsheet and OS do.

use crate::core::i18n::Locale;
use crate::core::scenario::Currency;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

fn format_with(locale: Locale, options: &[(&str, JsValue)], value: f64) -> String {
    if !value.is_finite() {
        // Never let NaN or ∞ reach the screen.
        return "—".to_string();
    }
    let opts = Object::new();
    for (k, v) in options {
        let _ = Reflect::set(&opts, &JsValue::from_str(k), v);
    }
    let locales = Array::of1(&JsValue::from_str(locale.tag()));
    let nf = Intl::NumberFormat::new(&locales, &opts);
    nf.format()
        .call1(&nf, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{value:.2}"))
}

/// Currency amount with cents: `1 234,56 €`.
pub fn money(locale: Locale, currency: Currency, value: f64) -> String {
    format_with(
        locale,
        &[
            ("style", "currency".into()),
            ("currency", currency.code().into()),
        ],
        value,
    )
}

/// Currency amount without decimals, compact for axes: `12 k€`.
pub fn money_compact(locale: Locale, currency: Currency, value: f64) -> String {
    format_with(
        locale,
        &[
            ("style", "currency".into()),
            ("currency", currency.code().into()),
            ("notation", "compact".into()),
            ("maximumFractionDigits", 1.into()),
        ],
        value,
    )
}

/// Percentage from a fraction: `0.0079741` → `0,797 %`.
pub fn percent(locale: Locale, fraction: f64, max_digits: u32) -> String {
    format_with(
        locale,
        &[
            ("style", "percent".into()),
            ("maximumFractionDigits", max_digits.into()),
        ],
        fraction,
    )
}

/// Plain number with at most `max_digits` decimals.
pub fn number(locale: Locale, value: f64, max_digits: u32) -> String {
    format_with(
        locale,
        &[("maximumFractionDigits", max_digits.into())],
        value,
    )
}
