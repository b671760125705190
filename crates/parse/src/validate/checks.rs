//! The rules single cells are checked against: yes/no flags and the ranges
//! of amounts and scores.

use crate::text::fold;

/// Yes/no and churn statuses, EN and FR: true means churned.
pub fn parse_flag(text: &str) -> Option<bool> {
    let t = fold(text);
    match t.as_str() {
        "1" | "yes" | "y" | "true" | "oui" | "o" | "vrai" | "x" | "churned" | "churn"
        | "resilie" | "resiliee" | "parti" | "partie" | "perdu" | "perdue" | "lost"
        | "cancelled" | "canceled" | "inactive" | "inactif" | "inactive customer" | "desabonne"
        | "desabonnee" | "left" => Some(true),
        "0" | "no" | "n" | "false" | "non" | "faux" | "active" | "actif" | "active customer"
        | "abonne" | "abonnee" | "en cours" | "current" | "retained" | "fidele" => Some(false),
        _ => None,
    }
}

pub(super) fn non_negative(v: f64) -> Option<&'static str> {
    (v < 0.0).then_some("zero or more")
}

pub(super) fn nps_range(v: f64) -> Option<&'static str> {
    (!(v.fract() == 0.0 && (0.0..=10.0).contains(&v))).then_some("a whole number from 0 to 10")
}

pub(super) fn score_range(v: f64) -> Option<&'static str> {
    (!(0.0..=100.0).contains(&v)).then_some("a score from 0 to 100")
}

pub(super) fn any(_: f64) -> Option<&'static str> {
    None
}
