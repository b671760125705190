//! Delimited text (a spreadsheet paste, `.csv`, `.tsv`, `.txt`) into a
//! [`Table`] of text cells.
//!
//! The scanner works on bytes: every delimiter, quote and line break is
//! ASCII, so UTF-8 text can be cut at them safely. All cells live in one
//! buffer with one `u32` end offset per cell, so a million rows cost two
//! allocations rather than millions (the input is copied once; quoted cells
//! are unescaped in the copy).
//!
//! Dialect: RFC 4180 quotes (`""` inside a quoted cell is one `"`) with
//! line breaks inside quotes, `\n` or `\r\n` line ends (lone `\r` for old Mac
//! files), and leniency where spreadsheets are lenient: a quote in the
//! middle of an unquoted cell is kept as text, and text after a closing
//! quote is appended to the cell.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use super::date::{detect_date_order, parse_date_with, DateOrder, DateOrderGuess};
use super::decode::decode;
use super::error::{column_letter, CellError, CellProblem, Encoding, ParseError, TableWarning};
use super::number::{detect_decimal_separator, parse_number_with, DecimalGuess, DecimalSeparator};
use super::text::fold;
use chrono::NaiveDate;

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

/// Choices the user can force when the guesses are wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// `None`: detect from the first lines.
    pub delimiter: Option<Delimiter>,
}

/// A table of text cells with a header row. Rows are indexed from 0 (the
/// first data row); [`Table::row_number`] gives the spreadsheet row number
/// that messages use.
#[derive(Debug, Clone)]
pub struct Table {
    /// Header texts, trimmed, one per column.
    pub headers: Vec<String>,
    /// The cells, laid out as `Builder` says.
    text: String,
    /// Where cell 0 (the header's first) starts.
    origin: u32,
    ends: Vec<u32>,
    /// Index in `ends` of each row's first cell, plus one past the end.
    first: Seq,
    /// Spreadsheet row number of each data row.
    rows: Seq,
    delimiter: Option<Delimiter>,
    encoding: Encoding,
    edits: BTreeMap<(u32, u32), String>,
    warnings: Vec<TableWarning>,
    extra_cells: Vec<u32>,
    excluded: BTreeSet<u32>,
    table_decimal: OnceLock<Option<DecimalSeparator>>,
    table_date_order: OnceLock<DateOrderGuess>,
}

/// A `u32` sequence stored as `start + step * i` while it is one (rows of
/// equal width, no blank lines: the usual case, 8 bytes per row saved on a
/// million rows), and as a vector from its first irregular value on.
#[derive(Debug, Clone, Default)]
struct Seq {
    start: u32,
    step: u32,
    len: usize,
    explicit: Option<Vec<u32>>,
}

impl Seq {
    #[inline]
    fn push(&mut self, v: u32) {
        if let Some(e) = &mut self.explicit {
            e.push(v);
            return;
        }
        match self.len {
            0 => self.start = v,
            1 => self.step = v.wrapping_sub(self.start),
            n if v == self.start.wrapping_add(self.step.wrapping_mul(n as u32)) => {}
            _ => return self.make_explicit(v),
        }
        self.len += 1;
    }

    /// From the first value off the arithmetic sequence on.
    #[cold]
    fn make_explicit(&mut self, v: u32) {
        let mut e: Vec<u32> = (0..self.len)
            .map(|i| self.start.wrapping_add(self.step.wrapping_mul(i as u32)))
            .collect();
        e.push(v);
        self.explicit = Some(e);
        self.len += 1;
    }

    #[inline]
    fn get(&self, i: usize) -> u32 {
        match &self.explicit {
            Some(e) => e[i],
            None => {
                assert!(i < self.len, "index {i} out of {}", self.len);
                self.start.wrapping_add(self.step.wrapping_mul(i as u32))
            }
        }
    }

    fn len(&self) -> usize {
        self.explicit.as_ref().map_or(self.len, Vec::len)
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops the first `k` values.
    fn drop_front(&mut self, k: usize) {
        let k = k.min(self.len());
        match &mut self.explicit {
            Some(e) => {
                e.drain(..k);
            }
            None => {
                self.start = self.start.wrapping_add(self.step.wrapping_mul(k as u32));
                self.len -= k;
            }
        }
    }
}

/// Reads delimited text: detects the encoding and delimiter, takes the
/// first non-blank row as the header, skips blank rows (they still count in
/// row numbers).
///
/// ```
/// use cxi_parse::read_table;
/// let t = read_table("Client;Date;Montant\r\nA12;15/03/2024;1 234,56 €\r\n".as_bytes()).unwrap();
/// assert_eq!(t.headers, ["Client", "Date", "Montant"]);
/// assert_eq!(t.numbers(2).unwrap(), [1234.56]);
/// ```
pub fn read_table(input: &[u8]) -> Result<Table, ParseError> {
    read_table_with(input, ReadOptions::default())
}

/// [`read_table`] with choices forced by the user.
pub fn read_table_with(input: &[u8], options: ReadOptions) -> Result<Table, ParseError> {
    read_table_with_progress(input, options, &mut |_, _| true)
}

/// Bytes of input between two calls of a progress callback.
pub const PROGRESS_STEP: usize = 1 << 20;

/// [`read_table_with`] that reports progress for a progress bar: `progress`
/// gets `(bytes read, total bytes)` about every [`PROGRESS_STEP`] bytes and
/// returns `false` to cancel ([`ParseError::Cancelled`]).
pub fn read_table_with_progress(
    input: &[u8],
    options: ReadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Table, ParseError> {
    read_table_from(input.to_vec(), options, progress)
}

/// [`read_table_with_progress`] that takes the bytes: UTF-8 text whose
/// cells need no unquoting (most files, `\n` or `\r\n` line ends) becomes
/// the table's text as it is, without a copy.
pub fn read_table_from(
    input: Vec<u8>,
    options: ReadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Table, ParseError> {
    let decoded = decode(input)?;
    let body = &decoded.text[decoded.start..];
    let delimiter = options.delimiter.or_else(|| detect_delimiter(body));
    let mut table = tokenize_with(
        decoded.text,
        decoded.start,
        delimiter.map_or(0, Delimiter::byte),
        delimiter,
        progress,
    )?;
    table.encoding = decoded.encoding;
    if let Some(r) = table.title_rows() {
        let header_row = table.row_number(r);
        table.promote_header(r)?;
        table
            .warnings
            .insert(0, TableWarning::TitleSkipped { header_row });
    }
    if decoded.encoding == Encoding::Windows1252 {
        table.warnings.insert(0, TableWarning::Windows1252);
    }
    Ok(table)
}

/// True when `bytes` start like a spreadsheet workbook (`.xlsx`, `.ods`,
/// `.xls`) rather than text: [`read_table`] refuses them with
/// [`ParseError::Spreadsheet`].
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    super::decode::sniff_binary(bytes) == Some(ParseError::Spreadsheet)
}

/// Builds a table from cells already split (a spreadsheet sheet): the first
/// row that is not blank is the header.
pub fn table_from_rows<I, R, S>(rows: I) -> Result<Table, ParseError>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    table_from_rows_at(rows, 1)
}

/// [`table_from_rows`] for rows that start at spreadsheet row `first_row`
/// (a sheet whose data starts lower down).
pub fn table_from_rows_at<I, R, S>(rows: I, first_row: u32) -> Result<Table, ParseError>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut b = Builder::default();
    let mut row = first_row.saturating_sub(1);
    for cells in rows {
        row += 1;
        let start = b.ends.len();
        let text_start = b.text.len();
        let mut blank = true;
        for c in cells {
            let c = c.as_ref();
            blank &= c.is_empty();
            b.text.push_str(c);
            b.ends.push(b.text.len() as u32);
            b.text.push('\n');
        }
        if blank {
            b.text.truncate(text_start);
            b.ends.truncate(start);
        } else if b.header.is_none() {
            let headers = (start..b.ends.len())
                .map(|f| b.cell(&b.text, 0, f, start, text_start).trim().to_string())
                .collect();
            b.header = Some((headers, row));
            b.origin = text_start as u32;
        } else {
            b.keep(start, row);
        }
    }
    let text = std::mem::take(&mut b.text);
    b.finish(text, None)
}

/// Where a cell starts when the one before ends at `prev_end`: after one
/// separator byte, or two for `\r\n`.
#[inline]
fn cell_start(text: &[u8], prev_end: u32) -> usize {
    let e = prev_end as usize;
    e + 1 + usize::from(text.get(e) == Some(&b'\r'))
}

/// Cells as they are laid out in a [`Table`]'s text: each cell is
/// followed by one separator byte (the delimiter, or the line end after a
/// row's last cell; `\r\n` counts as one), so that a cell starts right
/// after the end of the one before and delimited text whose cells need no
/// unquoting is its own layout. The header's cells come first.
#[derive(Default)]
struct Builder {
    /// The text built so far (empty while the input is used as it is).
    text: String,
    ends: Vec<u32>,
    /// Where the header's first cell starts.
    origin: u32,
    first: Seq,
    rows: Seq,
    header: Option<(Vec<String>, u32)>,
}

impl Builder {
    /// Cell `f` of a record whose first cell is `first`, starting at
    /// `text_start`; layout position `p` is `text[p + shift]`.
    fn cell<'t>(
        &self,
        text: &'t str,
        shift: usize,
        f: usize,
        first: usize,
        text_start: usize,
    ) -> &'t str {
        let start = if f == first {
            text_start + shift
        } else {
            let prev = self.ends[f - 1] as usize + shift;
            prev + 1 + usize::from(text.as_bytes().get(prev) == Some(&b'\r'))
        };
        text.get(start..self.ends[f] as usize + shift).unwrap_or("")
    }

    /// A data row whose first cell is `start`, spreadsheet row `row`.
    fn keep(&mut self, start: usize, row: u32) {
        self.first.push(start as u32);
        self.rows.push(row);
    }

    fn finish(mut self, text: String, delimiter: Option<Delimiter>) -> Result<Table, ParseError> {
        let Some((mut headers, _)) = self.header.take() else {
            return Err(ParseError::Empty);
        };
        if self.rows.is_empty() {
            return Err(ParseError::HeaderOnly);
        }
        self.first.push(self.ends.len() as u32);
        // Trailing empty header cells (a trailing delimiter) name nothing.
        while headers.len() > 1 && headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        let mut table = Table {
            headers,
            text,
            origin: self.origin,
            ends: self.ends,
            first: self.first,
            rows: self.rows,
            delimiter,
            encoding: Encoding::Utf8,
            edits: BTreeMap::new(),
            warnings: Vec::new(),
            extra_cells: Vec::new(),
            excluded: BTreeSet::new(),
            table_decimal: OnceLock::new(),
            table_date_order: OnceLock::new(),
        };
        table.check();
        Ok(table)
    }
}

/// Cuts `text[start..]` into records and cells (see `Builder` for the
/// layout). `delim == 0` means no delimiter: each line is one cell (quotes
/// still group lines). A NUL never reaches here as a delimiter: decode
/// refuses binary input, and a stray one just stays in its cell.
///
/// Cells are cut next to ASCII bytes (delimiter, quote, `\r`, `\n`), which
/// are always UTF-8 character boundaries, so slicing the text never fails.
fn tokenize_with(
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
fn find2(b: &[u8], from: usize, x: u8, y: u8) -> usize {
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

/// The cells of one column, top to bottom: [`Table::column`].
pub struct Column<'a> {
    table: &'a Table,
    col: usize,
    row: usize,
    rows: usize,
    /// The next cell's index and the cells per row, when every row has the
    /// same number of cells and none is fixed.
    regular: Option<(usize, usize)>,
}

impl<'a> Iterator for Column<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.row >= self.rows {
            return None;
        }
        let r = self.row;
        self.row += 1;
        Some(match &mut self.regular {
            Some((f, step)) => {
                let cell = self.table.field(*f);
                *f += *step;
                cell
            }
            None => self.table.cell(r, self.col),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rows - self.row;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Column<'_> {}

impl Table {
    /// The data row that is the real header when the first row is a title
    /// (`Export des ventes au 31/12/2024` above the table): the header row
    /// has one cell while most rows have several, and a row of as many
    /// text cells (no numbers, no dates) comes within the first ten.
    fn title_rows(&self) -> Option<usize> {
        let non_empty = |r: usize| {
            (0..self.cells_in_row(r))
                .filter(|&c| !self.cell(r, c).trim().is_empty())
                .count()
        };
        if self.headers.iter().filter(|h| !h.is_empty()).count() > 1 {
            return None;
        }
        let sample = self.row_count().min(50);
        let mut counts = [0usize; 64];
        for r in 0..sample {
            counts[non_empty(r).min(63)] += 1;
        }
        let mode = (2..64).max_by_key(|&w| (counts[w], std::cmp::Reverse(w)))?;
        if counts[mode] * 2 < sample {
            return None;
        }
        (0..sample.min(10)).find(|&r| {
            non_empty(r) == mode
                && (0..self.cells_in_row(r)).all(|c| {
                    let v = self.cell(r, c).trim();
                    v.is_empty()
                        || (parse_number_with(v, None).is_err()
                            && parse_date_with(v, Some(DateOrder::DayFirst)).is_err())
                })
        })
    }

    /// Makes data row `row` the header and drops the rows above it (title
    /// rows, notes): for when the user points at the real header. Fixes and
    /// exclusions of the remaining rows are kept.
    pub fn promote_header(&mut self, row: usize) -> Result<(), ParseError> {
        if row >= self.row_count() {
            return Ok(());
        }
        let mut headers: Vec<String> = (0..self.cells_in_row(row))
            .map(|c| self.cell(row, c).trim().to_string())
            .collect();
        while headers.len() > 1 && headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        if row + 1 >= self.row_count() {
            return Err(ParseError::HeaderOnly);
        }
        let k = row + 1;
        self.first.drop_front(k);
        self.rows.drop_front(k);
        let shift = k as u32;
        self.edits = std::mem::take(&mut self.edits)
            .into_iter()
            .filter(|((r, _), _)| *r >= shift)
            .map(|((r, c), v)| ((r - shift, c), v))
            .collect();
        self.excluded = std::mem::take(&mut self.excluded)
            .into_iter()
            .filter(|r| *r >= shift)
            .map(|r| r - shift)
            .collect();
        self.headers = headers;
        self.table_decimal = OnceLock::new();
        self.table_date_order = OnceLock::new();
        self.extra_cells.clear();
        self.warnings.retain(|w| {
            matches!(
                w,
                TableWarning::Windows1252 | TableWarning::TitleSkipped { .. }
            )
        });
        self.check();
        Ok(())
    }

    fn check(&mut self) {
        if self.delimiter.is_none() && self.headers.len() <= 1 {
            self.warnings.push(TableWarning::SingleColumn);
        }
        let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, h) in self.headers.iter().enumerate() {
            if h.is_empty() {
                self.warnings.push(TableWarning::EmptyHeader { column: i });
            } else {
                seen.entry(fold(h)).or_default().push(i);
            }
        }
        let mut dups: Vec<_> = seen.into_values().filter(|v| v.len() > 1).collect();
        dups.sort();
        for columns in dups {
            self.warnings.push(TableWarning::DuplicateHeader {
                name: self.headers[columns[0]].clone(),
                columns,
            });
        }
        let width = self.headers.len();
        for r in 0..self.row_count() {
            let (a, z) = (self.first.get(r) as usize, self.first.get(r + 1) as usize);
            if z - a > width && (a + width..z).any(|f| !self.field(f).trim().is_empty()) {
                self.extra_cells.push(r as u32);
            }
        }
        if !self.extra_cells.is_empty() {
            self.warnings.push(TableWarning::ExtraCells {
                count: self.extra_cells.len(),
                rows: self
                    .extra_cells
                    .iter()
                    .take(5)
                    .map(|&r| self.rows.get(r as usize))
                    .collect(),
            });
        }
    }

    // Once per cell read: inlined, as a call costs more than its body.
    #[inline(always)]
    fn field(&self, f: usize) -> &str {
        let start = match f.checked_sub(1) {
            None => self.origin as usize,
            Some(p) => cell_start(self.text.as_bytes(), self.ends[p]),
        };
        let end = self.ends[f] as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// Number of data rows (the header is not counted).
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Number of columns (headers).
    pub fn column_count(&self) -> usize {
        self.headers.len()
    }

    /// The delimiter found or forced; `None` for a single-column text.
    pub fn delimiter(&self) -> Option<Delimiter> {
        self.delimiter
    }

    /// The encoding the text was read in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Things the user should know about a usable table.
    pub fn warnings(&self) -> &[TableWarning] {
        &self.warnings
    }

    /// Spreadsheet row number of data row `row` (header = row 1).
    pub fn row_number(&self, row: usize) -> u32 {
        self.rows.get(row)
    }

    /// Data rows that have non-empty cells past the last header.
    pub fn rows_with_extra_cells(&self) -> &[u32] {
        &self.extra_cells
    }

    /// Number of cells in data row `row` as read, which may differ from
    /// [`Table::column_count`].
    pub fn cells_in_row(&self, row: usize) -> usize {
        (self.first.get(row + 1) - self.first.get(row)) as usize
    }

    /// Cell text as read (untrimmed), or as fixed by [`Table::set_cell`];
    /// `""` past the end of a short row. Panics if `row` is out of range.
    #[inline]
    pub fn cell(&self, row: usize, col: usize) -> &str {
        if !self.edits.is_empty() {
            if let Some(v) = self.edits.get(&(row as u32, col as u32)) {
                return v;
            }
        }
        let f = self.first.get(row) as usize + col;
        if f < self.first.get(row + 1) as usize {
            self.field(f)
        } else {
            ""
        }
    }

    /// Replaces one cell (a fix typed by the user); validate again after.
    pub fn set_cell(&mut self, row: usize, col: usize, value: impl Into<String>) {
        if row < self.row_count() {
            self.edits.insert((row as u32, col as u32), value.into());
            // Fixes can change the evidence the whole table gives.
            self.table_decimal = OnceLock::new();
            self.table_date_order = OnceLock::new();
        }
    }

    /// Leaves data row `row` out of validation (`true`) or puts it back.
    pub fn exclude_row(&mut self, row: usize, excluded: bool) {
        if row < self.row_count() {
            if excluded {
                self.excluded.insert(row as u32);
            } else {
                self.excluded.remove(&(row as u32));
            }
        }
    }

    /// True when the user left data row `row` out.
    #[inline]
    pub fn is_excluded(&self, row: usize) -> bool {
        !self.excluded.is_empty() && self.excluded.contains(&(row as u32))
    }

    /// Data rows the user left out, ascending.
    pub fn excluded_rows(&self) -> Vec<u32> {
        self.excluded.iter().copied().collect()
    }

    /// Cells of one column, top to bottom.
    pub fn column(&self, col: usize) -> Column<'_> {
        // Rows of equal width and no fixes (the usual large table): the
        // column's cells are every `step`-th cell, walked without looking
        // up each row.
        let regular = match (&self.first.explicit, self.edits.is_empty()) {
            (None, true) if col < self.first.step as usize => {
                Some((self.first.start as usize + col, self.first.step as usize))
            }
            _ => None,
        };
        Column {
            table: self,
            col,
            row: 0,
            rows: self.row_count(),
            regular,
        }
    }

    /// Cells of one row, one per header.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.column_count()).map(move |c| self.cell(row, c))
    }

    /// Header text for messages: the header, or `column C` when empty.
    pub fn column_name(&self, col: usize) -> String {
        match self.headers.get(col) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("column {}", column_letter(col)),
        }
    }

    /// First column whose header matches one of `names`, ignoring case,
    /// accents, punctuation and surrounding spaces.
    pub fn find_column(&self, names: &[&str]) -> Option<usize> {
        let folded: Vec<String> = self.headers.iter().map(|h| fold(h)).collect();
        names.iter().find_map(|n| {
            let n = fold(n);
            folded.iter().position(|h| !h.is_empty() && *h == n)
        })
    }

    /// The votes of one column's cells on its decimal separator.
    pub fn decimal_guess(&self, col: usize) -> DecimalGuess {
        detect_decimal_separator(self.column(col))
    }

    /// The decimal separator to read column `col` with: the column's own
    /// majority; else the majority of all the table's cells (a column of
    /// `1,234` beside a column of `12,5` is French); else the delimiter's
    /// convention (`;` files come from decimal-comma locales, in `,` files a
    /// decimal comma would have needed quotes); else `None`, where a lone
    /// separator is read as the decimal one.
    pub fn decimal_separator(&self, col: usize) -> Option<DecimalSeparator> {
        self.decimal_guess(col)
            .separator
            .or_else(|| self.decimal_fallback())
    }

    /// The decimal separator of a column whose own cells do not decide:
    /// the table's majority, else the delimiter's convention (see
    /// [`Table::decimal_separator`]).
    pub fn decimal_fallback(&self) -> Option<DecimalSeparator> {
        let table = *self.table_decimal.get_or_init(|| {
            detect_decimal_separator((0..self.column_count()).flat_map(|c| self.column(c)))
                .separator
        });
        table.or(match self.delimiter {
            Some(Delimiter::Semicolon) => Some(DecimalSeparator::Comma),
            Some(Delimiter::Comma) => Some(DecimalSeparator::Point),
            _ => None,
        })
    }

    /// The currency most cells of a column name (`€`, `$`, `CHF`...), to
    /// preset the scenario's currency; `None` when no cell names one.
    pub fn currency(&self, col: usize) -> Option<cxi_types::Currency> {
        let mut votes: Vec<(cxi_types::Currency, usize)> = Vec::new();
        for cell in self.column(col) {
            if let Some(c) = super::number::currency_of(cell) {
                match votes.iter_mut().find(|(v, _)| *v == c) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((c, 1)),
                }
            }
        }
        votes.into_iter().max_by_key(|(_, n)| *n).map(|(c, _)| c)
    }

    fn cell_error(&self, row: usize, col: usize, problem: CellProblem) -> CellError {
        CellError {
            row: self.rows.get(row),
            col,
            column: self.column_name(col),
            problem,
        }
    }

    /// Every cell of a column as a number (see
    /// [`parse_number`](super::parse_number)), read with the column's
    /// decimal separator; empty cells are errors. On failure, every bad
    /// cell is listed.
    pub fn numbers(&self, col: usize) -> Result<Vec<f64>, Vec<CellError>> {
        let v = self.optional_numbers(col)?;
        let mut errors = Vec::new();
        let mut out = Vec::with_capacity(v.len());
        for (r, x) in v.into_iter().enumerate() {
            match x {
                Some(x) => out.push(x),
                None => errors.push(self.cell_error(r, col, CellProblem::Missing)),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Like [`Table::numbers`], with empty cells as `None`.
    pub fn optional_numbers(&self, col: usize) -> Result<Vec<Option<f64>>, Vec<CellError>> {
        let dec = self.decimal_separator(col);
        let mut out = Vec::with_capacity(self.row_count());
        let mut errors = Vec::new();
        for r in 0..self.row_count() {
            let cell = self.cell(r, col);
            if cell.trim().is_empty() {
                out.push(None);
                continue;
            }
            match parse_number_with(cell, dec) {
                Ok(v) => out.push(Some(v)),
                Err(e) => errors.push(self.cell_error(r, col, CellProblem::Number(e))),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The votes of one column's cells on its day/month order.
    pub fn date_order(&self, col: usize) -> DateOrderGuess {
        detect_date_order(self.column(col))
    }

    /// The day/month order to read column `col` with: the column's own
    /// majority; else, when some of its cells are ambiguous, the majority of
    /// all the table's cells (an acquisition date column of `01/06/2024`
    /// beside an order date column of `25/06/2024` is day-first). `Ok(None)`
    /// when no cell needs an order; `Err(())` when the whole table cannot
    /// tell and the user must choose.
    #[allow(clippy::result_unit_err)]
    pub fn resolve_date_order(&self, col: usize) -> Result<Option<DateOrder>, ()> {
        self.resolve_date_order_from(self.date_order(col))
    }

    /// [`Table::resolve_date_order`] from a column's votes already counted.
    #[allow(clippy::result_unit_err)]
    pub fn resolve_date_order_from(&self, guess: DateOrderGuess) -> Result<Option<DateOrder>, ()> {
        if !guess.needs_choice() {
            return Ok(guess.order);
        }
        let table = *self.table_date_order.get_or_init(|| {
            detect_date_order((0..self.column_count()).flat_map(|c| self.column(c)))
        });
        table.order.map(Some).ok_or(())
    }

    /// Every cell of a column as a date, in the order found by
    /// [`Table::resolve_date_order`] (see [`parse_date`](super::parse_date));
    /// empty cells are errors. When the order is truly ambiguous, the error
    /// is the first ambiguous cell: ask the user and call
    /// [`Table::dates_with`].
    pub fn dates(&self, col: usize) -> Result<Vec<NaiveDate>, Vec<CellError>> {
        let order = self.resolve_date_order(col).unwrap_or(None);
        self.dates_with(col, order)
    }

    /// Every cell of a column as a date with the given order (`None`: each
    /// cell must be unambiguous on its own).
    pub fn dates_with(
        &self,
        col: usize,
        order: Option<DateOrder>,
    ) -> Result<Vec<NaiveDate>, Vec<CellError>> {
        let mut out = Vec::with_capacity(self.row_count());
        let mut errors = Vec::new();
        for r in 0..self.row_count() {
            match parse_date_with(self.cell(r, col), order) {
                Ok(d) => out.push(d),
                Err(e) => {
                    let ambiguous = matches!(e.kind, super::date::DateErrorKind::Ambiguous { .. });
                    errors.push(self.cell_error(r, col, CellProblem::Date(e)));
                    if ambiguous {
                        return Err(errors);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<String>> {
        (0..t.row_count())
            .map(|r| t.row(r).map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn find2_finds_what_memchr2_finds() {
        // Every position and byte value around the word boundaries, and
        // bytes with the top bit set (UTF-8) that must not be matched.
        let mut state = 11u64;
        for len in 0..40 {
            for _ in 0..50 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        [b'a', b',', b'\n', 0xE2, 0x80, 0xAC, b'0', 0x0A ^ 0x80]
                            [(state >> 61) as usize]
                    })
                    .collect();
                for from in 0..=len {
                    let want =
                        memchr::memchr2(b',', b'\n', &bytes[from..]).map_or(len, |p| from + p);
                    assert_eq!(
                        find2(&bytes, from, b',', b'\n'),
                        want,
                        "{bytes:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn french_excel_paste() {
        let input =
            "Client;Date;Montant\r\nDupont;15/03/2024;1 234,56 €\r\nMartin;02/04/2024;12,5 €\r\n";
        let t = read_table(input.as_bytes()).unwrap();
        assert_eq!(t.delimiter(), Some(Delimiter::Semicolon));
        assert_eq!(t.headers, ["Client", "Date", "Montant"]);
        assert_eq!(t.row_count(), 2);
        assert_eq!(t.cell(0, 0), "Dupont");
        assert_eq!(t.numbers(2).unwrap(), [1234.56, 12.5]);
        assert_eq!(t.currency(2), Some(cxi_types::Currency::Eur));
        assert_eq!(t.currency(0), None);
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(t.dates(1).unwrap(), [d(2024, 3, 15), d(2024, 4, 2)]);
        assert!(t.warnings().is_empty());
    }

    #[test]
    fn quotes_and_embedded_newlines() {
        let input =
            "id,comment,amount\n1,\"Hello, \"\"world\"\"\nsecond line\",\"1,234.50\"\n2,plain,3\n";
        let t = read_table(input.as_bytes()).unwrap();
        assert_eq!(t.delimiter(), Some(Delimiter::Comma));
        assert_eq!(
            cells(&t),
            [
                vec!["1", "Hello, \"world\"\nsecond line", "1,234.50"],
                vec!["2", "plain", "3"]
            ]
        );
        // The quoted cell spans two lines but is one spreadsheet row.
        assert_eq!((t.row_number(0), t.row_number(1)), (2, 3));
        assert_eq!(t.numbers(2).unwrap(), [1234.5, 3.0]);
    }

    #[test]
    fn crlf_inside_quotes_is_kept() {
        let t = read_table(b"a;b\r\n\"x\r\ny\";2\r\n").unwrap();
        assert_eq!(t.cell(0, 0), "x\r\ny");
        assert_eq!(t.cell(0, 1), "2");
    }

    #[test]
    fn tsv_paste_without_final_newline() {
        let t = read_table(b"Customer\tRevenue\nA\t1,234.5\nB\t99").unwrap();
        assert_eq!(t.delimiter(), Some(Delimiter::Tab));
        assert_eq!(cells(&t), [vec!["A", "1,234.5"], vec!["B", "99"]]);
        assert_eq!(t.numbers(1).unwrap(), [1234.5, 99.0]);
    }

    #[test]
    fn pipe_and_forced_delimiter() {
        let t = read_table(b"a|b\n1|2\n").unwrap();
        assert_eq!(t.delimiter(), Some(Delimiter::Pipe));
        let t = read_table_with(
            b"a;b,c\n1;2,3\n",
            ReadOptions {
                delimiter: Some(Delimiter::Comma),
            },
        )
        .unwrap();
        assert_eq!(t.headers, ["a;b", "c"]);
    }

    #[test]
    fn delimiter_detection_prefers_consistency() {
        // Commas appear in the French amounts but not in the header.
        assert_eq!(
            detect_delimiter("a;b\n1,5;2,5\n3;4\n"),
            Some(Delimiter::Semicolon)
        );
        // A comma inside quotes does not count.
        assert_eq!(
            detect_delimiter("name\tnote\n\"Smith, J\"\t5\n"),
            Some(Delimiter::Tab)
        );
        assert_eq!(detect_delimiter("score\n7\n8\n"), None);
        // Tie: tab preferred.
        assert_eq!(detect_delimiter("a\tb;c\n1\t2;3\n"), Some(Delimiter::Tab));
    }

    #[test]
    fn blank_rows_are_skipped_but_counted() {
        let t = read_table(b"\na,b\n1,2\n\n;;\n3,4\n,\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(cells(&t), [vec!["1", "2"], vec![";;", ""], vec!["3", "4"]]);
        // Header on line 2, so its data starts at row 3.
        assert_eq!(
            (0..3).map(|r| t.row_number(r)).collect::<Vec<_>>(),
            [3, 5, 6]
        );
    }

    #[test]
    fn line_ends_marks_and_blank_lines_do_not_change_cells() {
        // The same cells written with `\n` or `\r\n`, a byte-order mark or
        // none, blank lines before, between and after, quoted cells (one
        // ending with a `\r` of its own) or not: read alike.
        let rows = [
            ["id", "note", "amount"],
            ["a", "plain", "1"],
            ["b", "x\r", "2"],
            ["c", "", "3,5"],
            ["d", "\"q\"", ""],
        ];
        for crlf in [false, true] {
            for bom in [false, true] {
                for blanks in [0, 1, 2] {
                    let nl = if crlf { "\r\n" } else { "\n" };
                    let mut text = String::from(if bom { "\u{feff}" } else { "" });
                    if blanks == 1 {
                        text.push_str(nl);
                    }
                    for (i, row) in rows.iter().enumerate() {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| {
                                if c.contains(['"', '\r', ',']) {
                                    format!("\"{}\"", c.replace('"', "\"\""))
                                } else {
                                    c.to_string()
                                }
                            })
                            .collect();
                        text.push_str(&cells.join(";"));
                        text.push_str(nl);
                        if blanks == 2 && i == 2 {
                            text.push_str(nl);
                        }
                    }
                    if blanks > 0 {
                        text.push_str(nl);
                        text.push_str(nl);
                    }
                    let case = format!("crlf {crlf} bom {bom} blanks {blanks}: {text:?}");
                    let t = read_table(text.as_bytes()).unwrap();
                    assert_eq!(t.headers, ["id", "note", "amount"], "{case}");
                    let want: Vec<Vec<&str>> = rows[1..].iter().map(|r| r.to_vec()).collect();
                    assert_eq!(cells(&t), want, "{case}");
                    let first = 2 + usize::from(blanks == 1) as u32;
                    let numbers: Vec<u32> = (0..4).map(|r| t.row_number(r)).collect();
                    let gap = u32::from(blanks == 2);
                    assert_eq!(
                        numbers,
                        [first, first + 1, first + 2 + gap, first + 3 + gap],
                        "{case}"
                    );
                    // Columns walked by stride see the same cells.
                    for c in 0..3 {
                        let col: Vec<&str> = t.column(c).collect();
                        let want: Vec<&str> = rows[1..].iter().map(|r| r[c]).collect();
                        assert_eq!(col, want, "{case}");
                    }
                }
            }
        }
    }

    #[test]
    fn quoted_blank_records_are_cut_out_too() {
        // Fuzzing found `""` then a line panicking: a blank record made of
        // quoted empty cells had moved the copy past its own start.
        assert_eq!(read_table(b"\"\"\n/").unwrap_err(), ParseError::HeaderOnly);
        let t = read_table(b"\"\",\"\"\na,b\n1,2\n\"\"\n\"\",\r\n3,\"4\"\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
        assert_eq!(cells(&t), [vec!["1", "2"], vec!["3", "4"]]);
        assert_eq!((t.row_number(0), t.row_number(1)), (3, 6));
    }

    #[test]
    fn located_errors_have_exact_messages() {
        let mut input = String::from("client;montant\n");
        for i in 0..20 {
            let v = if i == 15 { "12,3,4" } else { "10" };
            input.push_str(&format!("c{i};{v}\n"));
        }
        let t = read_table(input.as_bytes()).unwrap();
        let errs = t.numbers(1).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].to_string(),
            "row 17, column \"montant\": \"12,3,4\" is not a number"
        );
        let t = read_table(b"a;montant\nx;\n").unwrap();
        assert_eq!(
            t.numbers(1).unwrap_err()[0].to_string(),
            "row 2, column \"montant\": empty cell, a value is required"
        );
        assert_eq!(t.optional_numbers(1).unwrap(), [None]);
    }

    #[test]
    fn column_decimal_convention() {
        // English column with thousands: `,` groups thousands.
        let t = read_table(b"id\tamount\n1\t1,234\n2\t12.5\n").unwrap();
        assert_eq!(t.numbers(1).unwrap(), [1234.0, 12.5]);
        // French column: `,` is decimal.
        let t = read_table(b"id\tmontant\n1\t1,234\n2\t12,5\n").unwrap();
        assert_eq!(t.numbers(1).unwrap(), [1.234, 12.5]);
        // Undecided column, decided by another column of the table.
        let t = read_table(b"a\tb\n1,234\t0,5\n").unwrap();
        assert_eq!(t.numbers(0).unwrap(), [1.234]);
        // Undecided everywhere: `;` files use the decimal comma...
        let t = read_table(b"a;b\n1,234;x\n").unwrap();
        assert_eq!(t.numbers(0).unwrap(), [1.234]);
        // ... and `,` files the decimal point.
        let t = read_table(b"a,b\n\"1,234\",x\n").unwrap();
        assert_eq!(t.numbers(0).unwrap(), [1234.0]);
    }

    #[test]
    fn ambiguous_dates_are_reported_for_the_user_to_choose() {
        let t = read_table(b"date;x\n01/02/2024;1\n03/04/2024;2\n").unwrap();
        assert!(t.date_order(0).needs_choice());
        let e = t.dates(0).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].to_string(),
            "row 2, column \"date\": \"01/02/2024\" could be 1 February 2024 or January 2, 2024: no date in the column tells whether the day or the month comes first"
        );
        let d = t.dates_with(0, Some(DateOrder::DayFirst)).unwrap();
        assert_eq!(d[1], NaiveDate::from_ymd_opt(2024, 4, 3).unwrap());
    }

    #[test]
    fn bad_input_gets_typed_errors() {
        assert_eq!(read_table(b"").unwrap_err(), ParseError::Empty);
        assert_eq!(read_table(b"\n\n").unwrap_err(), ParseError::Empty);
        assert_eq!(read_table(b"a;b;c\n").unwrap_err(), ParseError::HeaderOnly);
        assert_eq!(
            read_table(b"a;b;c\n;;\n\n").unwrap_err(),
            ParseError::HeaderOnly
        );
        assert_eq!(
            read_table(b"a,b\n1,\"oops\n2,3\n").unwrap_err(),
            ParseError::UnclosedQuote { row: 2 }
        );
        assert_eq!(
            read_table(b"a,b\n1,\"oops\n2,3\n").unwrap_err().to_string(),
            "row 2: a quote (\") opens a cell that is never closed"
        );
        assert_eq!(
            read_table(b"PK\x03\x04....").unwrap_err(),
            ParseError::Spreadsheet
        );
    }

    #[test]
    fn single_column_is_usable_with_a_warning() {
        let t = read_table(b"NPS\n9\n10\n3\n").unwrap();
        assert_eq!(t.headers, ["NPS"]);
        assert_eq!(t.numbers(0).unwrap(), [9.0, 10.0, 3.0]);
        assert_eq!(t.warnings(), [TableWarning::SingleColumn]);
    }

    #[test]
    fn duplicate_and_empty_headers_and_extra_cells() {
        let t = read_table(b"Montant;;montant \n1;2;3\n4;5;6;7\n8;9;10;;\n").unwrap();
        assert_eq!(
            t.warnings(),
            [
                TableWarning::EmptyHeader { column: 1 },
                TableWarning::DuplicateHeader {
                    name: "Montant".into(),
                    columns: vec![0, 2]
                },
                TableWarning::ExtraCells {
                    count: 1,
                    rows: vec![3]
                },
            ]
        );
        assert_eq!(t.column_name(1), "column B");
        assert_eq!(t.find_column(&["MONTANT"]), Some(0));
        assert_eq!(
            t.warnings()[1].to_string(),
            "the header \"Montant\" appears in several columns (A, C)"
        );
        assert_eq!(t.rows_with_extra_cells(), [1]);
    }

    #[test]
    fn find_column_ignores_case_accents_and_spaces() {
        let t = read_table("  Date de Commande ;Catégorie\n1;2\n".as_bytes()).unwrap();
        assert_eq!(t.find_column(&["order date", "date de commande"]), Some(0));
        assert_eq!(t.find_column(&["categorie"]), Some(1));
        assert_eq!(t.find_column(&["nothing"]), None);
    }

    #[test]
    fn short_rows_read_as_empty_cells_and_fixes_apply() {
        let mut t = read_table(b"a;b;c\n1;2\n").unwrap();
        assert_eq!(t.cell(0, 2), "");
        assert_eq!(t.cells_in_row(0), 2);
        t.set_cell(0, 2, "5");
        assert_eq!(t.cell(0, 2), "5");
        assert_eq!(t.numbers(2).unwrap(), [5.0]);
    }

    #[test]
    fn sequences_stay_arithmetic_until_broken() {
        let mut s = Seq::default();
        for v in [4, 9, 14, 19] {
            s.push(v);
        }
        assert!(s.explicit.is_none());
        assert_eq!((s.len(), s.get(0), s.get(3)), (4, 4, 19));
        s.push(21);
        s.push(30);
        assert_eq!(
            (0..6).map(|i| s.get(i)).collect::<Vec<_>>(),
            [4, 9, 14, 19, 21, 30]
        );
        let mut one = Seq::default();
        one.push(7);
        assert_eq!((one.len(), one.get(0)), (1, 7));
        assert!(!one.is_empty());
    }

    #[test]
    fn progress_is_reported_and_can_cancel() {
        let mut input = String::from("a,b\n");
        while input.len() < 3 * PROGRESS_STEP {
            input.push_str("1234567,89\n");
        }
        let mut seen = Vec::new();
        let t = read_table_with_progress(input.as_bytes(), ReadOptions::default(), &mut |d, n| {
            seen.push((d, n));
            true
        })
        .unwrap();
        assert!(t.row_count() > 0);
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(*seen.last().unwrap(), (input.len(), input.len()));
        let e =
            read_table_with_progress(input.as_bytes(), ReadOptions::default(), &mut |_, _| false);
        assert_eq!(e.unwrap_err(), ParseError::Cancelled);
    }

    #[test]
    fn a_title_above_the_table_is_skipped() {
        let input = "Export des ventes au 31/12/2024\n\nClient;Date;Montant\nA;01/02/2024;10\nB;03/02/2024;12,5\n";
        let t = read_table(input.as_bytes()).unwrap();
        assert_eq!(t.headers, ["Client", "Date", "Montant"]);
        assert_eq!(t.row_count(), 2);
        assert_eq!((t.row_number(0), t.row_number(1)), (4, 5));
        assert_eq!(t.warnings(), [TableWarning::TitleSkipped { header_row: 3 }]);
        assert_eq!(
            t.warnings()[0].to_string(),
            "the first rows look like a title: the header was taken from row 3"
        );
        assert_eq!(t.numbers(2).unwrap(), [10.0, 12.5]);
        // A single-column table is not a title.
        let t = read_table(b"NPS\n9\n10\n").unwrap();
        assert_eq!(t.headers, ["NPS"]);
        // Nor is a header over rows with numbers only.
        let t = read_table(b"Scores\n9;8\n10;7\n").unwrap();
        assert_eq!(t.headers, ["Scores"]);
    }

    #[test]
    fn the_user_can_point_at_the_header() {
        let mut t = read_table(b"a;b\nnote;\nx;y\n1;2\n3;4\n").unwrap();
        t.set_cell(3, 0, "30");
        t.exclude_row(2, true);
        t.promote_header(1).unwrap();
        assert_eq!(t.headers, ["x", "y"]);
        assert_eq!(t.row_count(), 2);
        assert_eq!(t.row_number(0), 4);
        assert_eq!(t.cell(1, 0), "30");
        assert_eq!(t.excluded_rows(), [0]);
        assert_eq!(t.promote_header(1), Err(ParseError::HeaderOnly));
    }

    #[test]
    fn rows_from_a_sheet() {
        let t = table_from_rows(vec![vec!["", ""], vec!["x", "y"], vec!["1", "2"]]).unwrap();
        assert_eq!(t.headers, ["x", "y"]);
        assert_eq!(t.row_number(0), 3);
        assert_eq!(t.delimiter(), None);
        assert!(t.warnings().is_empty());
    }
}
