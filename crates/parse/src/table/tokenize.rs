//! The scanner: delimited text cut into records and cells.

use super::build::Builder;
use super::cells::Table;
use super::delimiter::Delimiter;

use crate::error::ParseError;

/// Bytes of input between two calls of a progress callback.
pub const PROGRESS_STEP: usize = 1 << 20;

/// Cuts `text[start..]` into records and cells (see `Builder` for the
/// layout). `delim == 0` means no delimiter: each line is one cell (quotes
/// still group lines). A NUL never reaches here as a delimiter: decode
/// refuses binary input, and a stray one just stays in its cell.
///
/// Cells are cut next to ASCII bytes (delimiter, quote, `\r`, `\n`), which
/// are always UTF-8 character boundaries, so slicing the text never fails.
pub(super) fn tokenize_with(
    text: String,
    start: usize,
    delim: u8,
    delimiter: Option<Delimiter>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Table, ParseError> {
    let b = text.as_bytes();
    let n = b.len();
    let mut bld = Builder::default();
    // A rough guess of cells to spare most reallocations of `ends`.
    let sample = &b[start..n.min(start + 64 * 1024)];
    let lines = memchr::memchr_iter(b'\n', sample).count().max(1);
    let per_line = memchr::memchr_iter(delim, sample).count() / lines + 1;
    let est_lines = if n - start > 64 * 1024 {
        lines * ((n - start) / (64 * 1024))
    } else {
        lines
    };
    // A little over the estimate: falling short by one cell would double
    // the vector (and in wasm, memory never shrinks back).
    let est_lines = est_lines + est_lines / 16 + 2;
    bld.ends.reserve(est_lines * per_line + 16);

    let mut tok = Tokenizer {
        text: &text,
        delim,
        bld,
        pend: 0,
        i: start,
        row: 0,
        blank_from: None,
    };
    let mut next_report = start + PROGRESS_STEP;
    while tok.i < n {
        tok.records(next_report)?;
        if tok.i < n {
            if !progress(tok.i - start, n - start) {
                return Err(ParseError::Cancelled);
            }
            next_report = tok.i + PROGRESS_STEP;
        }
    }
    let Tokenizer { mut bld, pend, .. } = tok;
    if !progress(n - start, n - start) {
        return Err(ParseError::Cancelled);
    }
    let text = if bld.text.is_empty() && pend == 0 {
        // The input is its own layout: no copy.
        text
    } else {
        bld.text.push_str(&text[pend..]);
        std::mem::take(&mut bld.text)
    };
    bld.finish(text, delimiter)
}

/// The state of [`tokenize_with`] between two steps.
struct Tokenizer<'t> {
    text: &'t str,
    /// 0 for none (each line is one cell).
    delim: u8,
    bld: Builder,
    /// The layout is `bld.text` followed by the input from `pend` on, which
    /// is copied only when something must change (an unquoted cell, blank
    /// lines to drop): most files are never copied.
    pend: usize,
    /// Next input byte.
    i: usize,
    /// Line number of the last record started.
    row: u32,
    /// Where blank records not yet cut out of the layout start (a layout
    /// position).
    blank_from: Option<usize>,
}

impl Tokenizer<'_> {
    fn flush(&mut self, to: usize) {
        self.bld.text.push_str(&self.text[self.pend..to]);
        self.pend = to;
    }

    /// Where input position `at` (not before `pend`) lands in the layout.
    #[inline]
    fn out(&self, at: usize) -> usize {
        self.bld.text.len() + (at - self.pend)
    }

    /// Reads records while they start before input position `until`.
    fn records(&mut self, until: usize) -> Result<(), ParseError> {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let delim = self.delim;
        // Without a delimiter, look for line ends only.
        let stop = if delim == 0 { b'\n' } else { delim };
        let find = |from: usize| -> usize { find2(b, from, stop, b'\n') };
        while self.i < n && self.i < until {
            if let Some(from) = self.blank_from.take() {
                // Another record follows blank ones: cut them out.
                let built = self.bld.text.len();
                if from >= built {
                    self.flush(self.pend + (from - built));
                } else {
                    // Unquoting put some of them in the text already.
                    self.bld.text.truncate(from);
                }
                self.pend = self.i;
            }
            self.row = self.row.saturating_add(1);
            let record_row = self.row;
            let start = self.bld.ends.len();
            let text_start = self.out(self.i);
            let mut blank = true;
            let mut i = self.i;
            loop {
                if i < n && b[i] == b'"' {
                    self.flush(i);
                    let before = self.bld.text.len();
                    i += 1;
                    loop {
                        let Some(p) = memchr::memchr(b'"', &b[i..]) else {
                            return Err(ParseError::UnclosedQuote { row: record_row });
                        };
                        self.bld.text.push_str(&text[i..i + p]);
                        i += p + 1;
                        if i < n && b[i] == b'"' {
                            self.bld.text.push('"');
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    let end = find(i);
                    let mut seg = &text[i..end];
                    if end < n || delim == 0 {
                        seg = seg.strip_suffix('\r').unwrap_or(seg);
                    }
                    self.bld.text.push_str(seg);
                    i = end;
                    // The separator comes from the input: never a `\r`.
                    self.pend = end;
                    blank &= self.bld.text.len() == before;
                    self.bld.ends.push(self.bld.text.len() as u32);
                } else {
                    let end = find(i);
                    // The `\r` of a `\r\n` line end is not in the cell
                    // (`cell_start` skips it).
                    let cell_end =
                        if (end == n || b[end] == b'\n') && end > i && b[end - 1] == b'\r' {
                            end - 1
                        } else {
                            end
                        };
                    blank &= cell_end == i;
                    self.bld.ends.push(self.out(cell_end) as u32);
                    i = end;
                }
                if i < n && b[i] == delim && delim != 0 {
                    i += 1;
                    if i == n {
                        // `a,b,` at the very end: the last cell is empty.
                        let end = self.out(i) as u32;
                        self.bld.ends.push(end);
                        break;
                    }
                    continue;
                }
                if i < n {
                    i += 1; // the `\n`
                }
                break;
            }
            self.i = i;
            if blank {
                self.bld.ends.truncate(start);
                self.blank_from.get_or_insert(text_start);
            } else if self.bld.header.is_none() {
                if self.bld.text.len() > text_start {
                    // Quoted cells were unquoted into the text: all of it there.
                    self.flush(i);
                }
                let (layout, shift) = if self.bld.text.len() > text_start {
                    (self.bld.text.as_str(), 0)
                } else {
                    // Still the input: layout position p is input position
                    // p - text.len() + pend.
                    (text, self.pend - self.bld.text.len())
                };
                let headers = (start..self.bld.ends.len())
                    .map(|f| {
                        self.bld
                            .cell(layout, shift, f, start, text_start)
                            .trim()
                            .to_string()
                    })
                    .collect();
                self.bld.header = Some((headers, record_row));
                self.bld.origin = text_start as u32;
            } else {
                self.bld.keep(start, record_row);
            }
        }
        Ok(())
    }
}

/// Index of the first `x` or `y` in `b` from `from` on, or `b.len()`.
///
/// Eight bytes at a time in a `u64`: `memchr2` is the faster search for
/// long runs, but cells are short (a few bytes each) and in wasm32 without
/// SIMD `memchr2` falls back to 4-byte words and a setup cost per call,
/// which made it most of reading's time.
///
/// # Formula
/// A byte of `w ^ (x * 0x0101…01)` is zero where `w` holds `x`; for a word
/// `v`, `(v - 0x0101…01) & !v & 0x8080…80` sets the top bit of the first
/// zero byte (higher bytes may be flagged falsely by the borrow, never
/// lower ones), so the lowest set bit locates the first match ("Bit
/// Twiddling Hacks", S. E. Anderson, "Determine if a word has a zero byte").
#[inline]
pub(super) fn find2(b: &[u8], from: usize, x: u8, y: u8) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let (px, py) = (LO * u64::from(x), LO * u64::from(y));
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let (a, c) = (w ^ px, w ^ py);
        let z = (a.wrapping_sub(LO) & !a | c.wrapping_sub(LO) & !c) & HI;
        if z != 0 {
            return i + (z.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] != x && b[i] != y {
        i += 1;
    }
    i.min(b.len())
}
