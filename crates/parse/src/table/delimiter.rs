//! The cell delimiters, and guessing which one a text uses.

use serde::{Deserialize, Serialize};

/// The cell delimiters recognised, in order of preference when a sample
/// fits several equally well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delimiter {
    Tab,
    Semicolon,
    Comma,
    Pipe,
}

impl Delimiter {
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Pipe,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
            Delimiter::Comma => b',',
            Delimiter::Pipe => b'|',
        }
    }
}

/// Picks the delimiter whose count per line is the most consistent over the
/// first lines (quotes respected), preferring tab, `;`, `,`, `|` in ties.
/// `None` when no candidate appears in most lines.
pub fn detect_delimiter(text: &str) -> Option<Delimiter> {
    const SAMPLE_LINES: usize = 100;
    const SAMPLE_BYTES: usize = 64 * 1024;
    let b = text.as_bytes();
    let sample = &b[..b.len().min(SAMPLE_BYTES)];
    let truncated = sample.len() < b.len();
    // Counts per line for each candidate, outside quotes.
    let mut counts: Vec<[u32; 4]> = Vec::with_capacity(SAMPLE_LINES);
    let mut current = [0u32; 4];
    let mut in_quotes = false;
    let mut blank = true;
    for &c in sample {
        match c {
            b'"' => {
                in_quotes = !in_quotes;
                blank = false;
            }
            b'\n' if !in_quotes => {
                if !blank {
                    counts.push(current);
                    if counts.len() == SAMPLE_LINES {
                        break;
                    }
                }
                current = [0; 4];
                blank = true;
            }
            _ if in_quotes => {}
            b'\t' => current[0] += 1,
            b';' => current[1] += 1,
            b',' => current[2] += 1,
            b'|' => current[3] += 1,
            _ => {}
        }
        if !matches!(c, b'\r' | b' ' | b'\n') {
            blank = false;
        }
    }
    // The last line counts unless the sample cut it, but a header longer
    // than the sample still has to tell its delimiter.
    if !blank && (!truncated || counts.is_empty()) && counts.len() < SAMPLE_LINES {
        counts.push(current);
    }
    if counts.is_empty() {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for k in 0..4 {
        // The most frequent count per line (ties: the larger), so that a
        // title line above the table does not hide its delimiter.
        let mut freq: Vec<(u32, usize)> = Vec::new();
        for c in &counts {
            match freq.iter_mut().find(|(v, _)| *v == c[k]) {
                Some((_, n)) => *n += 1,
                None => freq.push((c[k], 1)),
            }
        }
        let Some(&(mode, same)) = freq.iter().max_by_key(|(v, n)| (*n, *v)) else {
            continue;
        };
        if mode == 0 {
            continue;
        }
        let score = same as f64 / counts.len() as f64;
        // Strictly better only, so earlier candidates win ties.
        if best.is_none_or(|(_, s)| score > s + 1e-9) {
            best = Some((k, score));
        }
    }
    best.map(|(k, _)| Delimiter::ALL[k])
}
