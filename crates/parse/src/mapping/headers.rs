//! Headers matched against a field's synonyms, and period headers
//! (`Month 3`, `M3`) of a cohort table.

use cxi_types::period::PeriodUnit;

use super::field::Field;

use crate::text::fold;

/// How well a folded header matches a field: the best synonym, exact (its
/// weight) or as whole words inside a longer header (three quarters of it;
/// synonyms of one or two letters only match exactly).
pub fn field_score(field: Field, header: &str) -> f64 {
    let h = fold(header);
    best_score(field, &h)
}

pub(super) fn best_score(field: Field, h: &str) -> f64 {
    if h.is_empty() {
        return 0.0;
    }
    field
        .synonyms()
        .iter()
        .map(|&(s, w)| {
            if h == s {
                w
            } else if s.len() > 2 && contains_words(h, s) {
                0.75 * w
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max)
}

fn contains_words(h: &str, s: &str) -> bool {
    h.match_indices(s).any(|(i, _)| {
        let before = i == 0 || h.as_bytes()[i - 1] == b' ';
        let after = i + s.len() == h.len() || h.as_bytes()[i + s.len()] == b' ';
        before && after
    })
}

/// A cohort table's period column: `0`, `M1`, `Mois 2`, `month 3`, `P4`,
/// `semaine 5`... with the period unit when the header says it.
pub fn period_header(header: &str) -> Option<(u32, Option<PeriodUnit>)> {
    let h = fold(header);
    let split = h.find(|c: char| c.is_ascii_digit())?;
    let (word, num) = h.split_at(split);
    if num.len() > 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = num.parse().ok()?;
    let unit = match word.trim() {
        "" | "p" | "period" | "periode" => None,
        "m" | "mois" | "month" | "months" => Some(PeriodUnit::Month),
        "w" | "s" | "week" | "semaine" => Some(PeriodUnit::Week),
        "q" | "t" | "quarter" | "trimestre" => Some(PeriodUnit::Quarter),
        "y" | "a" | "year" | "annee" | "an" => Some(PeriodUnit::Year),
        "d" | "j" | "day" | "jour" => Some(PeriodUnit::Day),
        _ => return None,
    };
    Some((n, unit))
}

/// The period unit a header mentions (`CA mensuel`, `monthly revenue`).
pub(super) fn unit_in_header(h: &str) -> Option<PeriodUnit> {
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
    if has(&["mensuel", "mensuelle", "monthly", "mois", "month", "mrr"]) {
        Some(PeriodUnit::Month)
    } else if has(&[
        "annuel", "annuelle", "annual", "yearly", "an", "year", "arr",
    ]) {
        Some(PeriodUnit::Year)
    } else if has(&["trimestriel", "trimestrielle", "quarterly", "trimestre"]) {
        Some(PeriodUnit::Quarter)
    } else if has(&["hebdomadaire", "weekly", "semaine", "week"]) {
        Some(PeriodUnit::Week)
    } else {
        None
    }
}
