//! Customer ids as the join compares them: trimmed and case-folded always;
//! leading zeros and an alphabetic prefix dropped only when the user has
//! confirmed that reconciliation ([`Reconcile`]).
//!
//! Why opt-in: `00042` and `42` are the same customer when one export
//! wrote a text column and the other a number, but `A-1` and `B-1` are two
//! customers that dropping prefixes would merge. The link proposes each
//! reconciliation with what it gains and what it merges
//! ([`propose`](crate::propose)); the user decides.

use serde::{Deserialize, Serialize};

/// Reconciliations applied to every id before comparing (all off by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reconcile {
    /// `00042` ~ `42`: leading zeros of the id's digits are dropped (one
    /// zero is kept for an id of zeros only).
    pub leading_zeros: bool,
    /// `C-42` ~ `42`: a leading run of letters, with the separators after it
    /// (`-`, `_`, `.`, `/`, `#`, space), is dropped when a digit follows.
    pub alpha_prefix: bool,
}

impl Reconcile {
    /// Trimming and case folding only.
    pub const NONE: Reconcile = Reconcile {
        leading_zeros: false,
        alpha_prefix: false,
    };
}

/// One reconciliation, to name it in a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// [`Reconcile::leading_zeros`].
    LeadingZeros,
    /// [`Reconcile::alpha_prefix`].
    AlphaPrefix,
}

impl Rule {
    /// Both rules, in the order proposals list them.
    pub const ALL: [Rule; 2] = [Rule::LeadingZeros, Rule::AlphaPrefix];

    /// Whether `r` applies this rule.
    pub fn is_on(self, r: Reconcile) -> bool {
        match self {
            Rule::LeadingZeros => r.leading_zeros,
            Rule::AlphaPrefix => r.alpha_prefix,
        }
    }

    /// `r` with this rule turned on.
    pub fn with(self, mut r: Reconcile) -> Reconcile {
        match self {
            Rule::LeadingZeros => r.leading_zeros = true,
            Rule::AlphaPrefix => r.alpha_prefix = true,
        }
        r
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | '.' | '/' | '#' | ' ')
}

/// The letters (already folded) that [`Reconcile::alpha_prefix`] would drop
/// from a folded id, with their separators: `Some("c-")` for `c-42`,
/// `None` when no letters-then-digit prefix is there.
pub fn alpha_prefix(folded: &str) -> Option<&str> {
    let letters = folded
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(folded.len(), |(i, _)| i);
    if letters == 0 {
        return None;
    }
    let rest = &folded[letters..];
    let seps = rest
        .char_indices()
        .find(|&(_, c)| !is_separator(c))
        .map_or(rest.len(), |(i, _)| i);
    let after = &rest[seps..];
    after
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| &folded[..letters + seps])
}

/// Writes the comparison key of `id` into `out` (cleared first): trimmed,
/// lower-cased (Unicode), then the reconciliations of `r`, prefix first.
///
/// # Formula
/// `key = zeros(prefix(lower(trim(id))))`, each step only when enabled;
/// `zeros` drops the leading `0`s of a leading run of digits, keeping the
/// last digit (`000` → `0`).
pub fn normalize_into(id: &str, r: Reconcile, out: &mut String) {
    out.clear();
    let t = id.trim();
    if t.is_ascii() {
        out.extend(t.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.extend(t.chars().flat_map(char::to_lowercase));
    }
    if r.alpha_prefix {
        if let Some(p) = alpha_prefix(out) {
            let n = p.len();
            out.drain(..n);
        }
    }
    if r.leading_zeros {
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        let zeros = out.bytes().take_while(|&b| b == b'0').count();
        let drop = zeros.min(digits.saturating_sub(1));
        out.drain(..drop);
    }
}

/// The comparison key of one id (see [`normalize_into`]).
pub fn normalize(id: &str, r: Reconcile) -> String {
    let mut s = String::new();
    normalize_into(id, r, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: Reconcile = Reconcile {
        leading_zeros: true,
        alpha_prefix: true,
    };

    #[test]
    fn trims_and_folds_always() {
        assert_eq!(normalize("  AbC-1 \t", Reconcile::NONE), "abc-1");
        // Unicode case folding: É and Σ have lower-case forms.
        assert_eq!(normalize("ÉLODIE-Σ", Reconcile::NONE), "élodie-σ");
        // Nothing else moves without a reconciliation.
        assert_eq!(normalize("00042", Reconcile::NONE), "00042");
        assert_eq!(normalize("C-42", Reconcile::NONE), "c-42");
    }

    #[test]
    fn leading_zeros_keep_one_digit() {
        let z = Rule::LeadingZeros.with(Reconcile::NONE);
        assert_eq!(normalize("00042", z), "42");
        assert_eq!(normalize("000", z), "0");
        assert_eq!(normalize("0", z), "0");
        // Zeros not leading a run of digits stay: "0a" is not a number.
        assert_eq!(normalize("0a7", z), "0a7");
        assert_eq!(normalize("007b", z), "7b");
        // A prefix hides the zeros unless it is dropped too.
        assert_eq!(normalize("C-0042", z), "c-0042");
        assert_eq!(normalize("C-0042", ALL), "42");
    }

    #[test]
    fn alpha_prefix_only_before_a_digit() {
        let p = Rule::AlphaPrefix.with(Reconcile::NONE);
        assert_eq!(normalize("C-42", p), "42");
        assert_eq!(normalize("cust 42", p), "42");
        assert_eq!(normalize("CUST_#42", p), "42");
        assert_eq!(normalize("42", p), "42");
        // No digit after the letters: an id made of words is left alone.
        assert_eq!(normalize("alice", p), "alice");
        assert_eq!(normalize("ab-cd", p), "ab-cd");
        assert_eq!(alpha_prefix("c-42"), Some("c-"));
        assert_eq!(alpha_prefix("42"), None);
    }
}
