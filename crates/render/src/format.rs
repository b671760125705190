//! Tick values written as text: the formatter type the caller gives and a
//! locale-free one.

use cxi_types::chart::AxisFormat;

/// Writes a tick value of an axis in the user's language (`12 k€`,
/// `35 %`). Category axes never reach it: their names are drawn as given.
pub type TickFormat<'a> = &'a dyn Fn(&AxisFormat, f64) -> String;

/// A locale-free formatter for tests and the command line: `12.3k`,
/// `35%`, `0.25`.
pub fn plain_format(format: &AxisFormat, v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    match format {
        AxisFormat::Percent => format!("{}%", trim(v * 100.0)),
        AxisFormat::Money | AxisFormat::Number => {
            let a = v.abs();
            if a >= 1e9 {
                format!("{}G", trim(v / 1e9))
            } else if a >= 1e6 {
                format!("{}M", trim(v / 1e6))
            } else if a >= 1e4 {
                format!("{}k", trim(v / 1e3))
            } else {
                trim(v)
            }
        }
        AxisFormat::Categories(names) => {
            let i = v.round();
            if (v - i).abs() < 1e-9 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        }
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}
