//! Numbers for people: the browser's `Intl.NumberFormat`, so `fr-FR` shows
//! `1 234,56 €` exactly as the user's spreadsheet and OS do.

use cxi_dashboard::i18n::LocaleStrings;
use cxi_types::Currency;
use cxi_types::Figure;
use cxi_types::Locale;
use js_sys::{Array, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

thread_local! {
    /// `Intl.NumberFormat` objects by language and options: building one
    /// costs far more than formatting, and a dashboard formats thousands of
    /// numbers (tables, ticks) per render.
    static FORMATTERS: RefCell<HashMap<String, js_sys::Function>> = RefCell::new(HashMap::new());
}

fn format_with(locale: Locale, options: &[(&str, JsValue)], value: f64) -> String {
    if !value.is_finite() {
        // Never let NaN or ∞ reach the screen.
        return "—".to_string();
    }
    let mut key = locale.tag().to_string();
    for (k, v) in options {
        key.push('|');
        key.push_str(k);
        key.push('=');
        key.push_str(&v.as_string().unwrap_or_else(|| format!("{:?}", v.as_f64())));
    }
    let format = FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                let opts = Object::new();
                for (k, v) in options {
                    let _ = Reflect::set(&opts, &JsValue::from_str(k), v);
                }
                let locales = Array::of1(&JsValue::from_str(locale.tag()));
                // `format` is a bound getter: the function works on its own.
                Intl::NumberFormat::new(&locales, &opts).format()
            })
            .clone()
    });
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
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

/// A number read from data: whole numbers as they are, others with two
/// decimals (`35,60`, not `35,6`), as a spreadsheet shows money.
pub fn data_number(locale: Locale, value: f64) -> String {
    let min = if value.fract() == 0.0 { 0 } else { 2 };
    format_with(
        locale,
        &[
            ("minimumFractionDigits", min.into()),
            ("maximumFractionDigits", 2.into()),
        ],
        value,
    )
}

/// A large plain number, compact for axes: `12 k`, `1,2 M`.
pub fn number_compact(locale: Locale, value: f64) -> String {
    format_with(
        locale,
        &[
            ("notation", "compact".into()),
            ("maximumFractionDigits", 1.into()),
        ],
        value,
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

/// A calendar date given as ISO `2024-03-15`, as the language writes it
/// (`15 mars 2024`, `15 Mar 2024`); the text itself when it is not a date.
pub fn iso_date(locale: Locale, iso: &str) -> String {
    let mut it = iso.splitn(3, '-').map(|p| p.parse::<f64>());
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (it.next(), it.next(), it.next()) else {
        return iso.to_string();
    };
    let ms = js_sys::Date::utc(y, m - 1.0);
    let ms = ms + (d - 1.0) * 86_400_000.0;
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"dateStyle".into(), &"medium".into());
    // The date has no time zone: format it in UTC so it never shifts a day.
    let _ = Reflect::set(&opts, &"timeZone".into(), &"UTC".into());
    let locales = Array::of1(&JsValue::from_str(locale.tag()));
    let f = Intl::DateTimeFormat::new(&locales, &opts);
    f.format()
        .call1(&f, &js_sys::Date::new(&JsValue::from_f64(ms)))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| iso.to_string())
}

/// A core [`Figure`] in the user's language; "—" for what cannot be
/// computed or is not finite.
pub fn figure(locale: Locale, currency: Currency, f: &Figure) -> String {
    match f {
        Figure::Money(v) => money(locale, currency, *v),
        Figure::Percent { value, decimals } => percent(locale, *value, (*decimals).into()),
        Figure::Number { value, decimals } => number(locale, *value, (*decimals).into()),
        Figure::Ratio(v) if v.is_finite() => format!("{}×", number(locale, *v, 1)),
        Figure::Periods { value, unit } if value.is_finite() => format!(
            "{} {}",
            number(locale, *value, 1),
            locale.strings().unit_plural(*unit)
        ),
        Figure::Points(v) if v.is_finite() => {
            let s = number(locale, v.abs(), 1);
            if *v > 0.0 {
                format!("+{s}")
            } else if *v < 0.0 {
                format!("−{s}")
            } else {
                s
            }
        }
        Figure::Text(s) => s.clone(),
        _ => "—".to_string(),
    }
}
