//! Compute, then word: the modules that compute a page's figures name no
//! language, no template and no formatter, so the figures can be tested
//! without wording and the wording changed without touching a figure. Each
//! page has a separate words step (`words`, `cards`, `charts`, `headlines`,
//! `readings`) that turns those numbers into sentences.

/// The computing modules, by page.
const COMPUTING: &[(&str, &str)] = &[
    (
        "value/compute.rs",
        include_str!("../src/pages/value/compute.rs"),
    ),
    (
        "value/closed.rs",
        include_str!("../src/pages/value/closed.rs"),
    ),
    ("value/sbg.rs", include_str!("../src/pages/value/sbg.rs")),
    (
        "value/bgnbd.rs",
        include_str!("../src/pages/value/bgnbd.rs"),
    ),
    (
        "value/chart_data.rs",
        include_str!("../src/pages/value/chart_data.rs"),
    ),
    (
        "value/at_risk.rs",
        include_str!("../src/pages/value/at_risk.rs"),
    ),
    (
        "value/holdout.rs",
        include_str!("../src/pages/value/holdout.rs"),
    ),
    (
        "value/holdout_page.rs",
        include_str!("../src/pages/value/holdout_page.rs"),
    ),
    (
        "value/series.rs",
        include_str!("../src/pages/value/series.rs"),
    ),
    (
        "churn/compute.rs",
        include_str!("../src/pages/churn/compute.rs"),
    ),
    (
        "churn/inputs.rs",
        include_str!("../src/pages/churn/inputs.rs"),
    ),
    (
        "churn/problems.rs",
        include_str!("../src/pages/churn/problems.rs"),
    ),
    (
        "business/compute.rs",
        include_str!("../src/pages/business/compute.rs"),
    ),
    (
        "business/inputs.rs",
        include_str!("../src/pages/business/inputs.rs"),
    ),
    (
        "business/problems.rs",
        include_str!("../src/pages/business/problems.rs"),
    ),
    (
        "voice/compute.rs",
        include_str!("../src/pages/voice/compute.rs"),
    ),
    (
        "drivers/compute.rs",
        include_str!("../src/pages/drivers/compute.rs"),
    ),
    (
        "maturity/compute.rs",
        include_str!("../src/pages/maturity/compute.rs"),
    ),
];

/// What a computing module must not name: the i18n tables, template
/// filling, the formatter, or a language.
const WORDING: &[&str] = &["i18n", "fill(", "strings()", "format::", "Locale", "locale"];

/// Where `needle` appears in `text`, as `line: text` (comments count: a
/// comment that names the language step belongs in the words module).
fn hits(text: &str, needle: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, l)| format!("{}: {}", i + 1, l.trim()))
        .collect()
}

#[test]
fn computing_modules_name_no_language_template_or_formatter() {
    let mut found = Vec::new();
    for (file, text) in COMPUTING {
        for w in WORDING {
            for h in hits(text, w) {
                found.push(format!("{file}:{h}  (`{w}`)"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "wording inside a computation:\n{}",
        found.join("\n")
    );
}

/// The check itself finds what it looks for (a guard that cannot fail is
/// no guard).
#[test]
fn the_check_finds_wording() {
    let words = include_str!("../src/pages/value/words/mod.rs");
    assert!(!hits(words, "fill(").is_empty());
    assert!(!hits(words, "Locale").is_empty());
    assert_eq!(
        hits("a\nlet t = locale.strings();\n", "strings()"),
        ["2: let t = locale.strings();"]
    );
}
