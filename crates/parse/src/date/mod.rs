//! Dates as spreadsheets print them.
//!
//! Accepted:
//! * ISO `2024-03-15`, `2024/03/15`, compact `20240315`, with an optional
//!   time after a space or `T` (`2024-03-15T10:20:00Z`, `15/03/2024 10:20`),
//!   which is ignored: the core works in days;
//! * `dd/mm/yyyy` and `mm/dd/yyyy` with `/`, `-` or `.`: the order is decided
//!   for a whole column by [`detect_date_order`] (`25/03/2024` can only be
//!   day-first, `03/25/2024` only month-first); when no cell decides
//!   (every day is at most 12), the column is truly ambiguous and the caller
//!   must ask the user;
//! * month names in French and English, abbreviated or not, with or without
//!   a weekday: `15 mars 2024`, `15-Mar-2024`, `March 15, 2024`,
//!   `lundi 15 janv. 2024`;
//! * Excel serial day numbers (1900 date system) from 1930 to 2099, see
//!   [`from_excel_serial`]: a bare `2024` is more likely a year than
//!   16 July 1905, so smaller numbers are refused.
//!
//! # Two-digit years
//! `yy` from 00 to 69 is 2000–2069 and from 70 to 99 is 1970–1999, the POSIX
//! `strptime("%y")` pivot that Excel also uses for typed dates (Excel's pivot
//! is 29/30; customer data rarely predates 1970, so POSIX's is kept).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::number::shown;

/// Order of day and month in `a/b/yyyy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `dd/mm/yyyy` (France, UK, most of the world).
    DayFirst,
    /// `mm/dd/yyyy` (United States).
    MonthFirst,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateErrorKind {
    Empty,
    NotADate,
    /// Looks like a date but the day does not exist (`31/02/2024`).
    NoSuchDay,
    /// `03/04/2024` with no day/month order given: 3 April or March 4.
    Ambiguous {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
    /// A number outside the Excel serial range accepted (1930–2099).
    SerialOutOfRange,
}

/// A text that could not be read as a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub text: String,
    pub kind: DateErrorKind,
}

impl DateError {
    fn new(text: &str, kind: DateErrorKind) -> Self {
        DateError {
            text: shown(text),
            kind,
        }
    }
}

use cxi_types::MONTHS_EN;

fn long(d: NaiveDate, day_first: bool) -> String {
    let month = MONTHS_EN[d.month0() as usize];
    if day_first {
        format!("{} {} {}", d.day(), month, d.year())
    } else {
        format!("{} {}, {}", month, d.day(), d.year())
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DateErrorKind::Empty => write!(f, "empty cell, expected a date"),
            DateErrorKind::NotADate => write!(f, "\"{}\" is not a date", self.text),
            DateErrorKind::NoSuchDay => {
                write!(f, "\"{}\" is not a day of the calendar", self.text)
            }
            DateErrorKind::Ambiguous {
                day_first,
                month_first,
            } => write!(
                f,
                "\"{}\" could be {} or {}: no date in the column tells whether the day or the month comes first",
                self.text,
                long(*day_first, true),
                long(*month_first, false)
            ),
            DateErrorKind::SerialOutOfRange => write!(
                f,
                "\"{}\" is not a date (as an Excel day number it is outside 1930–2099)",
                self.text
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// Parses a date on its own: `a/b/yyyy` is accepted only when its order is
/// evident (`25/03/2024`) or irrelevant (`03/03/2024`); otherwise the error
/// is [`DateErrorKind::Ambiguous`].
///
/// ```
/// use cxi_parse::parse_date;
/// use chrono::NaiveDate;
/// assert_eq!(parse_date("2024-03-15"), Ok(NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()));
/// assert_eq!(parse_date("25/03/2024"), Ok(NaiveDate::from_ymd_opt(2024, 3, 25).unwrap()));
/// assert!(parse_date("03/04/2024").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    parse_date_with(text, None)
}

/// Parses a date in a column whose day/month order is known (`Some`) or not.
pub fn parse_date_with(text: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    // Fast path: ISO `yyyy-mm-dd` exactly.
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
        {
            return NaiveDate::from_ymd_opt(y as i32, m, d)
                .ok_or_else(|| DateError::new(text, DateErrorKind::NoSuchDay));
        }
    }
    // Fast path: `dd/mm/yyyy` or `mm/dd/yyyy` exactly, order known.
    if let (Some(order), 10) = (order, b.len()) {
        if matches!(b[2], b'/' | b'.' | b'-') && b[5] == b[2] {
            if let (Some(a), Some(m), Some(y)) =
                (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..10]))
            {
                let (day, month) = match order {
                    DateOrder::DayFirst => (a, m),
                    DateOrder::MonthFirst => (m, a),
                };
                if let Some(d) = NaiveDate::from_ymd_opt(y as i32, month, day) {
                    return Ok(d);
                }
            }
        }
    }
    parse_general(text.trim(), order).map_err(|k| DateError::new(text, k))
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

fn full_year(token: &[u8]) -> Option<i32> {
    let v = digits(token)? as i32;
    match token.len() {
        4 => Some(v),
        2 if v < 70 => Some(2000 + v),
        2 => Some(1900 + v),
        _ => None,
    }
}

/// Excel day number (1900 date system) to a date, for serials from 1930
/// to 2099. The fraction (time of day) is dropped.
///
/// # Formula
/// Excel counts 1900-01-01 as day 1 and keeps Lotus 1-2-3's fictitious
/// 29 February 1900 as day 60, so from day 61 on, date = 1899-12-30 + serial
/// (Microsoft, "Differences between the 1900 and the 1904 date system in
/// Excel"). The 1904 system of old Mac workbooks is not handled here; the
/// spreadsheet reader converts those itself.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    const MIN: f64 = 10959.0; // 1930-01-01
    const MAX: f64 = 73050.0; // 2099-12-31
    if !(MIN..MAX + 1.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn parse_general(s: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateErrorKind> {
    if s.is_empty() {
        return Err(DateErrorKind::Empty);
    }
    let b = s.as_bytes();
    if let Some(r) = numeric_parts(b) {
        return from_parts(r, order);
    }
    if b.iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b','))
    {
        return numeric(s);
    }
    named_month(s)
}

/// `20240315` or an Excel serial.
fn numeric(s: &str) -> Result<NaiveDate, DateErrorKind> {
    let b = s.as_bytes();
    if b.len() == 8 {
        if let (Some(y), Some(m), Some(d)) = (digits(&b[..4]), digits(&b[4..6]), digits(&b[6..])) {
            if (1900..=2199).contains(&y) {
                return NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateErrorKind::NoSuchDay);
            }
        }
    }
    let v = super::number::parse_number(s).map_err(|_| DateErrorKind::NotADate)?;
    from_excel_serial(v).ok_or(DateErrorKind::SerialOutOfRange)
}

/// Three numeric parts of a numeric date, in text order, with the length of
/// the first (a 4-digit first part means year first).
struct Parts {
    a: (u32, usize),
    b: u32,
    c: (u32, usize),
    c_bytes: [u8; 4],
}

fn numeric_parts(b: &[u8]) -> Option<Parts> {
    let take = |from: usize| -> (usize, usize) {
        let end = b[from..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |p| from + p);
        (from, end)
    };
    let (s0, e0) = take(0);
    let sep = *b.get(e0)?;
    if !matches!(sep, b'/' | b'-' | b'.') || e0 == s0 {
        return None;
    }
    let (s1, e1) = take(e0 + 1);
    if b.get(e1) != Some(&sep) || e1 == s1 {
        return None;
    }
    let (s2, e2) = take(e1 + 1);
    if e2 == s2 || e2 - s2 > 4 {
        return None;
    }
    // Whatever follows must be a time: a space or `T` and a digit.
    if e2 < b.len() {
        let rest = &b[e2..];
        let ok = matches!(rest[0], b' ' | b'T' | b't')
            && rest.get(1).is_some_and(|c| c.is_ascii_digit());
        if !ok {
            return None;
        }
    }
    if e0 - s0 > 4 || e1 - s1 > 2 {
        return None;
    }
    let mut c_bytes = [0u8; 4];
    c_bytes[..e2 - s2].copy_from_slice(&b[s2..e2]);
    Some(Parts {
        a: (digits(&b[s0..e0])?, e0 - s0),
        b: digits(&b[s1..e1])?,
        c: (digits(&b[s2..e2])?, e2 - s2),
        c_bytes,
    })
}

fn from_parts(p: Parts, order: Option<DateOrder>) -> Result<NaiveDate, DateErrorKind> {
    if p.a.1 == 4 {
        if p.c.1 > 2 {
            return Err(DateErrorKind::NotADate);
        }
        return NaiveDate::from_ymd_opt(p.a.0 as i32, p.b, p.c.0).ok_or(DateErrorKind::NoSuchDay);
    }
    if p.a.1 > 2 {
        return Err(DateErrorKind::NotADate);
    }
    let year = full_year(&p.c_bytes[..p.c.1]).ok_or(DateErrorKind::NotADate)?;
    let (a, b) = (p.a.0, p.b);
    let dmy = NaiveDate::from_ymd_opt(year, b, a);
    let mdy = NaiveDate::from_ymd_opt(year, a, b);
    match order {
        Some(DateOrder::DayFirst) => dmy.ok_or(no_such(a, b)),
        Some(DateOrder::MonthFirst) => mdy.ok_or(no_such(b, a)),
        None => match (dmy, mdy) {
            (Some(d), Some(m)) if d == m => Ok(d),
            (Some(d), Some(m)) => Err(DateErrorKind::Ambiguous {
                day_first: d,
                month_first: m,
            }),
            (Some(d), None) => Ok(d),
            (None, Some(m)) => Ok(m),
            (None, None) => Err(no_such(a, b)),
        },
    }
}

/// A day that does not exist, or a month number over 12 (not a date at all).
fn no_such(day: u32, month: u32) -> DateErrorKind {
    if (1..=12).contains(&month) && (1..=31).contains(&day) {
        DateErrorKind::NoSuchDay
    } else {
        DateErrorKind::NotADate
    }
}

/// Month names and their usual abbreviations, French and English, without
/// accents (the text is folded before lookup).
const MONTH_NAMES: [(&str, u32); 37] = [
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
];

const MORE_MONTH_NAMES: [(&str, u32); 4] = [
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

const WEEKDAYS: [&str; 21] = [
    "monday",
    "mon",
    "tuesday",
    "tue",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

fn month_number(token: &str) -> Option<u32> {
    let t = super::text::fold(token);
    MONTH_NAMES
        .iter()
        .chain(MORE_MONTH_NAMES.iter())
        .find(|(n, _)| *n == t)
        .map(|&(_, m)| m)
}

fn named_month(s: &str) -> Result<NaiveDate, DateErrorKind> {
    let mut month = None;
    let mut numbers: [(u32, usize); 2] = [(0, 0); 2];
    let mut n_numbers = 0;
    for token in s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ',')) {
        if token.is_empty() {
            continue;
        }
        if token.contains(':') {
            // A time: everything from here on is ignored.
            break;
        }
        if token.bytes().all(|c| c.is_ascii_digit()) {
            if n_numbers == 2 {
                return Err(DateErrorKind::NotADate);
            }
            numbers[n_numbers] = (
                digits(token.as_bytes()).ok_or(DateErrorKind::NotADate)?,
                token.len(),
            );
            n_numbers += 1;
            continue;
        }
        // `1er` (French for the first of the month).
        if let Some(d) = token.strip_suffix("er").filter(|d| *d == "1") {
            if n_numbers == 2 {
                return Err(DateErrorKind::NotADate);
            }
            numbers[n_numbers] = (digits(d.as_bytes()).ok_or(DateErrorKind::NotADate)?, 1);
            n_numbers += 1;
            continue;
        }
        if let Some(m) = month_number(token) {
            if month.is_some() {
                return Err(DateErrorKind::NotADate);
            }
            month = Some(m);
            continue;
        }
        let folded = super::text::fold(token);
        if WEEKDAYS.contains(&folded.as_str()) {
            continue;
        }
        return Err(DateErrorKind::NotADate);
    }
    let (Some(month), 2) = (month, n_numbers) else {
        return Err(DateErrorKind::NotADate);
    };
    // Day then year (`15 mars 2024`, `March 15, 2024`), or year then day
    // (`2024 Mar 15`) when the first number has four digits.
    let (day, year) = if numbers[0].1 == 4 {
        (numbers[1], numbers[0])
    } else {
        (numbers[0], numbers[1])
    };
    if day.1 > 2 {
        return Err(DateErrorKind::NotADate);
    }
    let year = match year.1 {
        4 => year.0 as i32,
        2 if year.0 < 70 => 2000 + year.0 as i32,
        2 => 1900 + year.0 as i32,
        _ => return Err(DateErrorKind::NotADate),
    };
    NaiveDate::from_ymd_opt(year, month, day.0).ok_or(DateErrorKind::NoSuchDay)
}

/// What a column's cells say about its day/month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DateOrderGuess {
    /// The majority order; `None` when no cell decides.
    pub order: Option<DateOrder>,
    /// Cells like `25/03/2024`.
    pub day_first_votes: usize,
    /// Cells like `03/25/2024`.
    pub month_first_votes: usize,
    /// Cells like `03/04/2024` that read as two different dates.
    pub ambiguous_cells: usize,
}

impl DateOrderGuess {
    /// True when the user must choose: some cells read as two dates and no
    /// cell tells which.
    pub fn needs_choice(&self) -> bool {
        self.order.is_none() && self.ambiguous_cells > 0
    }
}

/// Decides the day/month order of a column from all its cells; the majority
/// wins and cells of the minority then fail with a located error.
pub fn detect_date_order<'a, I>(cells: I) -> DateOrderGuess
where
    I: IntoIterator<Item = &'a str>,
{
    let mut g = DateOrderGuess::default();
    for cell in cells {
        g.count(order_vote(cell));
    }
    g.decide();
    g
}

/// What one cell says about its column's day/month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrderVote {
    DayFirst,
    MonthFirst,
    /// Reads as two different dates.
    Ambiguous,
}

impl DateOrderGuess {
    #[inline]
    pub(crate) fn count(&mut self, vote: Option<OrderVote>) {
        match vote {
            Some(OrderVote::DayFirst) => self.day_first_votes += 1,
            Some(OrderVote::MonthFirst) => self.month_first_votes += 1,
            Some(OrderVote::Ambiguous) => self.ambiguous_cells += 1,
            None => {}
        }
    }

    /// Sets the majority order from the votes counted.
    pub(crate) fn decide(&mut self) {
        self.order = match self.day_first_votes.cmp(&self.month_first_votes) {
            std::cmp::Ordering::Greater => Some(DateOrder::DayFirst),
            std::cmp::Ordering::Less => Some(DateOrder::MonthFirst),
            std::cmp::Ordering::Equal => None,
        };
    }
}

/// The vote of a cell whose first two numbers are `a` and `m`.
#[inline]
fn vote_of(a: u32, m: u32) -> Option<OrderVote> {
    match (a > 12 && m <= 12, m > 12 && a <= 12) {
        (true, _) => Some(OrderVote::DayFirst),
        (_, true) => Some(OrderVote::MonthFirst),
        _ if a != m && a >= 1 && m >= 1 && a <= 12 && m <= 12 => Some(OrderVote::Ambiguous),
        _ => None,
    }
}

/// One cell's vote, as [`detect_date_order`] counts it.
pub(crate) fn order_vote(cell: &str) -> Option<OrderVote> {
    let b = cell.trim().as_bytes();
    // ISO and empty cells say nothing; skip them cheaply.
    if b.len() < 6 || b.get(4) == Some(&b'-') {
        return None;
    }
    let p = numeric_parts(b)?;
    if p.a.1 > 2 {
        return None;
    }
    vote_of(p.a.0, p.b)
}

/// A cell of one of the two commonest exact forms, read in one scan for
/// typing a whole column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plain {
    /// `yyyy-mm-dd`: the date, or `None` when no such day exists.
    Iso(Option<NaiveDate>),
    /// `aa/mm/yyyy` with `/`, `.` or `-`: the first two numbers and the
    /// year; which of the first two is the day depends on the column.
    Numeric { a: u32, m: u32, year: i32 },
}

impl Plain {
    /// Its vote on the column's day/month order, as [`order_vote`] gives.
    #[inline]
    pub(crate) fn vote(&self) -> Option<OrderVote> {
        match *self {
            Plain::Iso(_) => None,
            Plain::Numeric { a, m, .. } => vote_of(a, m),
        }
    }
}

/// Reads a [`Plain`] cell, or `None` for anything else (left to
/// [`parse_date_with`]).
#[inline]
pub(crate) fn plain(b: &[u8]) -> Option<Plain> {
    if b.len() != 10 {
        return None;
    }
    if b[4] == b'-' && b[7] == b'-' {
        let (y, m, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
        return Some(Plain::Iso(NaiveDate::from_ymd_opt(y as i32, m, d)));
    }
    if matches!(b[2], b'/' | b'.' | b'-') && b[5] == b[2] {
        let (a, m, y) = (digits(&b[0..2])?, digits(&b[3..5])?, digits(&b[6..10])?);
        return Some(Plain::Numeric {
            a,
            m,
            year: y as i32,
        });
    }
    None
}

impl DateOrder {
    /// The date `a/m/year` means in this order, if it exists.
    #[inline]
    pub(crate) fn date(self, a: u32, m: u32, year: i32) -> Option<NaiveDate> {
        match self {
            DateOrder::DayFirst => NaiveDate::from_ymd_opt(year, m, a),
            DateOrder::MonthFirst => NaiveDate::from_ymd_opt(year, a, m),
        }
    }
}

#[cfg(test)]
mod tests;
// proptest needs OS randomness, which wasm32-unknown-unknown lacks.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod plain_properties;
