//! Text fitted to room: measured widths, words wrapped into lines, names
//! shortened by an ellipsis.

use crate::layout::Layout;
use plotters::prelude::*;

/// The width of `text` in `style`, as drawn (SVG text is written at
/// `1 / text_scale` of the style's size).
pub(crate) fn text_width(l: &Layout, text: &str, style: &TextStyle) -> i32 {
    let w = (l.measure)(text, style.font.get_size() / l.text_scale);
    if w.is_finite() {
        w.clamp(0.0, 1e6).ceil() as i32
    } else {
        0
    }
}

/// Words of `text` packed into lines no wider than `max` pixels; a word
/// wider than `max` gets a line of its own.
pub(crate) fn wrap(l: &Layout, text: &str, style: &TextStyle, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(last) if text_width(l, &format!("{last} {word}"), style) <= max => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// `text` shortened to fit `max` pixels by an ellipsis in the middle: the
/// ends of category names tell them apart ("Segment … 3", "Segment … 4").
pub(crate) fn ellipsis(l: &Layout, text: &str, style: &TextStyle, max: i32) -> String {
    if text_width(l, text, style) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        let s: String = chars[..head]
            .iter()
            .chain(std::iter::once(&'…'))
            .chain(&chars[chars.len() - tail..])
            .collect();
        if text_width(l, &s, style) <= max {
            return s;
        }
    }
    "…".into()
}
