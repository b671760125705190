//! The scenario as text: for a link's fragment, a saved `.cxi.json` file and
//! the browser's local storage. All three go through [`Scenario`]'s serde
//! form and the same version check, so a link, a file and an autosave made
//! by an older version open the same way.
//!
//! A link fragment is `v1.` followed by the base64url (no padding) of the
//! raw-deflate-compressed JSON. The fragment never reaches a server: browsers
//! do not send it.

use super::scenario::Scenario;
use super::scenario::SCENARIO_VERSION;
use crate::data::tables;
use crate::data::Part;
use crate::pages::evidence::Evidence;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cxi_types::View;

pub mod error;
pub use error::ShareError;

/// Version of the fragment encoding (not of the scenario schema).
pub const LINK_FORMAT: u32 = 1;
/// Longest fragment a link carries, in bytes: beyond it some mail clients,
/// wikis and chat tools cut URLs.
pub const MAX_LINK_BYTES: usize = 32 * 1024;
/// Largest JSON accepted from a link, a file or storage. Inflating is capped
/// at this size, so a small crafted fragment cannot expand to gigabytes.
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;

/// The scenario as JSON, for a `.cxi.json` file.
///
/// Compact, like the link and the autosave: one serialiser for the three
/// keeps the page's wasm smaller (a pretty printer would instantiate every
/// field's serialisation a second time).
pub fn to_json(s: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

fn bad(e: serde_json::Error) -> ShareError {
    ShareError::BadScenario(e.to_string())
}

/// Reads a scenario from JSON (a file, local storage or an inflated link),
/// migrating older schema versions.
pub fn from_json(text: &str) -> Result<Scenario, ShareError> {
    if text.trim().is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() > MAX_JSON_BYTES {
        return Err(ShareError::TooLong {
            len: text.len(),
            max: MAX_JSON_BYTES,
        });
    }
    /// Only the version, every other field skipped.
    #[derive(serde::Deserialize)]
    struct Peek {
        version: u64,
    }
    let peek: Peek = serde_json::from_str(text).map_err(bad)?;
    check_version(peek.version)?;
    // Versions 1 and 2 read directly: fields added since have serde
    // defaults, and version 1's one table (`data`) reads as version 2's
    // list through an alias (see `SCENARIO_VERSION`).
    let mut s: Scenario = serde_json::from_str(text).map_err(bad)?;
    // Read, it is a scenario of this version: saved again, it says so.
    s.version = SCENARIO_VERSION;
    Ok(s)
}

fn check_version(version: u64) -> Result<(), ShareError> {
    if version > u64::from(SCENARIO_VERSION) {
        return Err(ShareError::NewerFormat {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCENARIO_VERSION,
        });
    }
    if version == 0 {
        return Err(ShareError::BadScenario("version 0 does not exist".into()));
    }
    Ok(())
}

/// Brings a scenario of any earlier schema version to the current one.
///
/// Version 1 is the first schema; later versions add a step here, each
/// turning version `n` into `n + 1`, so every old link keeps working.
pub fn migrate(value: serde_json::Value) -> Result<Scenario, ShareError> {
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ShareError::BadScenario("missing field `version`".into()))?;
    check_version(version)?;
    let mut s: Scenario = serde_json::from_value(value).map_err(bad)?;
    s.version = SCENARIO_VERSION;
    Ok(s)
}

/// The fragment of a share link: `v1.<base64url(deflate(json))>`.
pub fn encode_link(s: &Scenario) -> String {
    pack(&serde_json::to_vec(s).unwrap_or_default())
}

fn pack(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 9);
    format!("v{LINK_FORMAT}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Whether a scenario fits in a link of at most [`MAX_LINK_BYTES`].
pub fn fits_in_link(s: &Scenario) -> bool {
    encode_link(s).len() <= MAX_LINK_BYTES
}

/// Opens the fragment of a share link made by [`encode_link`].
pub fn decode_link(fragment: &str) -> Result<Scenario, ShareError> {
    let fragment = fragment.trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    if fragment.len() > MAX_LINK_BYTES {
        return Err(ShareError::TooLong {
            len: fragment.len(),
            max: MAX_LINK_BYTES,
        });
    }
    let rest = fragment
        .strip_prefix('v')
        .ok_or(ShareError::NotAScenarioLink)?;
    let (version, payload) = rest.split_once('.').ok_or(ShareError::NotAScenarioLink)?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ShareError::NotAScenarioLink);
    }
    let format: u32 = version.parse().unwrap_or(u32::MAX);
    if format > LINK_FORMAT {
        return Err(ShareError::NewerFormat {
            found: format,
            supported: LINK_FORMAT,
        });
    }
    if format == 0 {
        return Err(ShareError::NotAScenarioLink);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::BadEncoding)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|_| ShareError::BadCompression)?;
    let text =
        std::str::from_utf8(&json).map_err(|_| ShareError::BadScenario("not UTF-8 text".into()))?;
    from_json(text)
}

/// Key of the autosaved scenario in the browser's local storage.
pub const STORAGE_KEY: &str = "cx-impact.scenario";
/// Where an autosave that could not be read is moved, so it is never lost.
pub const STORAGE_UNREADABLE_KEY: &str = "cx-impact.scenario.unreadable";
/// Suffix of a saved scenario file.
pub const FILE_SUFFIX: &str = ".cxi.json";

/// The scenario as compact JSON, for local storage.
pub fn to_storage(s: &Scenario) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A share link's fragment and what it had to leave out to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedLink {
    /// `v1.…`, at most [`MAX_LINK_BYTES`] long.
    pub fragment: String,
    /// Keys of the evidence parts left out (`"value"`, `"voice"`…), in the
    /// order they were dropped; empty when the link carries everything.
    pub omitted: Vec<String>,
}

/// The link of a scenario, within [`MAX_LINK_BYTES`].
///
/// A link never carries data rows, only the scenario with each table's
/// summary and the evidence the pages use. A second table's part that no
/// page reads (two order logs: the pages use the first) stays out of links;
/// the `.cxi.json` file keeps it. When even that is too long, the evidence
/// parts are left out one at a time, **largest first** (by the length of
/// their JSON; ties in the order value, churn, voice, drivers), until the
/// link fits. A page whose evidence was left out runs on its assumptions
/// alone; the `.cxi.json` file keeps everything.
pub fn link_for(s: &Scenario) -> Result<FittedLink, ShareError> {
    let mut doc = s.clone();
    let mut parts = Vec::new();
    for part in Part::ALL {
        let serving = tables::serving(&doc.tables, part).map(|t| t.key);
        for t in &mut doc.tables {
            if Some(t.key) == serving {
                parts.push((part.key().to_string(), part_len(&t.evidence, part)));
            } else {
                part.clear(&mut t.evidence);
            }
        }
    }
    fit(doc, parts, encode_link, |s, key| {
        let Some(part) = Part::ALL.into_iter().find(|p| p.key() == key) else {
            return;
        };
        for t in &mut s.tables {
            part.clear(&mut t.evidence);
        }
    })
}

fn json_len<T: serde::Serialize>(v: &T) -> usize {
    serde_json::to_vec(v).map(|j| j.len()).unwrap_or(0)
}

/// Length of the JSON of one part of `e`.
fn part_len(e: &Evidence, part: Part) -> usize {
    match part {
        Part::Value => json_len(&e.value),
        Part::Churn => json_len(&e.churn),
        Part::Voice => json_len(&e.voice),
        Part::Drivers => json_len(&e.drivers),
    }
}

/// Drops `parts` of `doc`, largest first (a stable sort keeps the declared
/// order on ties), until its encoding fits in a link.
fn fit<T>(
    mut doc: T,
    mut parts: Vec<(String, usize)>,
    encode: impl Fn(&T) -> String,
    drop: impl Fn(&mut T, &str),
) -> Result<FittedLink, ShareError> {
    let mut omitted = Vec::new();
    let mut fragment = encode(&doc);
    parts.sort_by_key(|p| std::cmp::Reverse(p.1));
    let mut parts = parts.into_iter();
    while fragment.len() > MAX_LINK_BYTES {
        let Some((key, _)) = parts.next() else {
            return Err(ShareError::TooLong {
                len: fragment.len(),
                max: MAX_LINK_BYTES,
            });
        };
        drop(&mut doc, &key);
        omitted.push(key);
        fragment = encode(&doc);
    }
    Ok(FittedLink { fragment, omitted })
}

/// The page an evidence part belongs to (for naming what a link left out).
pub fn evidence_view(key: &str) -> Option<View> {
    match key {
        "value" => Some(View::Value),
        "churn" => Some(View::Churn),
        "voice" => Some(View::Voice),
        "drivers" => Some(View::Drivers),
        _ => None,
    }
}

/// What the address says beyond the page: `#/value?s=v1.…&omit=voice&embed=1`
/// (the query string `?embed=1` counts too).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Address {
    /// The page, when the hash names one.
    pub view: Option<View>,
    /// A share link's fragment (`s=`).
    pub scenario: Option<String>,
    /// Evidence parts the link left out (`omit=`), unknown keys ignored.
    pub omitted: Vec<String>,
    /// Embedded in another page: no header, navigation or footer.
    pub embed: bool,
    /// In embed mode, show the page navigation as compact tabs.
    pub nav: bool,
}

/// Longest `omit=` list read (there are four evidence parts).
const MAX_OMITTED: usize = 8;

impl Address {
    /// Reads `location.hash` and `location.search`.
    pub fn parse(hash: &str, search: &str) -> Address {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let mut a = Address {
            view: View::from_hash(hash),
            ..Address::default()
        };
        let hash_params = hash.split_once('?').map(|(_, q)| q).unwrap_or_else(|| {
            // `#/value&embed=1`: parameters after the first `&`.
            hash.split_once('&').map(|(_, q)| q).unwrap_or("")
        });
        let search = search.strip_prefix('?').unwrap_or(search);
        for pair in hash_params.split('&').chain(search.split('&')) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "s" if !v.is_empty() => a.scenario = Some(v.to_string()),
                "omit" => {
                    a.omitted = v
                        .split(',')
                        .filter(|k| evidence_view(k).is_some())
                        .take(MAX_OMITTED)
                        .map(str::to_string)
                        .collect()
                }
                "embed" => a.embed = v != "0",
                "nav" => a.nav = v != "0",
                _ => {}
            }
        }
        a
    }

    /// The hash of `view` that keeps the embed parameters (and drops the
    /// scenario once it is read).
    pub fn page_hash(&self, view: View) -> String {
        match (self.embed, self.nav) {
            (false, _) => view.hash().to_string(),
            (true, false) => format!("{}?embed=1", view.hash()),
            (true, true) => format!("{}?embed=1&nav=1", view.hash()),
        }
    }
}

/// The hash of a share link to `view` carrying `link`.
pub fn share_hash(view: View, link: &FittedLink) -> String {
    if link.omitted.is_empty() {
        format!("{}?s={}", view.hash(), link.fragment)
    } else {
        format!(
            "{}?s={}&omit={}",
            view.hash(),
            link.fragment,
            link.omitted.join(",")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::reduce;
    use crate::scenario::Action;
    use cxi_types::Currency;
    use cxi_types::Locale;

    fn sample() -> Scenario {
        let s = Scenario::new(Locale::Fr);
        let s = reduce(&s, Action::SetCurrency(Currency::Chf));
        reduce(&s, Action::SetRetentionPct(87.5))
    }

    #[test]
    fn link_round_trip_is_exact() {
        let s = sample();
        let frag = encode_link(&s);
        assert!(frag.starts_with("v1."));
        assert!(frag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
        assert_eq!(decode_link(&frag).unwrap(), s);
        assert!(fits_in_link(&s));
    }

    #[test]
    fn file_round_trip_is_exact() {
        let s = sample();
        assert_eq!(from_json(&to_json(&s)).unwrap(), s);
    }

    #[test]
    fn damaged_links_are_refused_with_a_reason() {
        let frag = encode_link(&sample());
        assert_eq!(decode_link(""), Err(ShareError::Empty));
        assert_eq!(decode_link("hello"), Err(ShareError::NotAScenarioLink));
        assert_eq!(decode_link("v.abc"), Err(ShareError::NotAScenarioLink));
        assert_eq!(
            decode_link("v9.abc"),
            Err(ShareError::NewerFormat {
                found: 9,
                supported: 1
            })
        );
        assert_eq!(decode_link("v1.***"), Err(ShareError::BadEncoding));
        // Truncated: the deflate stream ends early.
        let cut = &frag[..frag.len() / 2];
        assert!(matches!(
            decode_link(cut),
            Err(ShareError::BadCompression) | Err(ShareError::BadEncoding)
        ));
        let huge = format!("v1.{}", "A".repeat(MAX_LINK_BYTES));
        assert!(matches!(
            decode_link(&huge),
            Err(ShareError::TooLong { .. })
        ));
    }

    #[test]
    fn a_compression_bomb_is_capped() {
        // 64 MB of spaces compresses to a few tens of kilobytes.
        let bomb = vec![b' '; 64 * 1024 * 1024];
        let packed = miniz_oxide::deflate::compress_to_vec(&bomb, 9);
        let frag = format!("v1.{}", URL_SAFE_NO_PAD.encode(packed));
        if frag.len() <= MAX_LINK_BYTES {
            assert_eq!(decode_link(&frag), Err(ShareError::BadCompression));
        } else {
            assert!(matches!(
                decode_link(&frag),
                Err(ShareError::TooLong { .. })
            ));
        }
    }

    #[test]
    fn versions_are_checked() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["version"] = 99.into();
        assert_eq!(
            migrate(v.clone()),
            Err(ShareError::NewerFormat {
                found: 99,
                supported: SCENARIO_VERSION
            })
        );
        v.as_object_mut().unwrap().remove("version");
        assert!(matches!(migrate(v), Err(ShareError::BadScenario(_))));
        assert!(matches!(
            from_json("[1,2]"),
            Err(ShareError::BadScenario(_))
        ));
        assert!(matches!(
            from_json("{\"version\":1}"),
            Err(ShareError::BadScenario(_))
        ));
    }

    #[test]
    fn values_outside_the_schema_are_refused() {
        // A crafted locale (markup instead of "fr") must not deserialise.
        let json = to_json(&sample()).replacen("\"fr\"", "\"<img src=x onerror=alert(1)>\"", 1);
        assert!(matches!(from_json(&json), Err(ShareError::BadScenario(_))));
    }
    /// Deterministic incompressible text (a 64-bit LCG, Knuth's MMIX
    /// constants), so deflate cannot shrink the evidence below its size.
    fn noise(len: usize, seed: u64) -> String {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((x >> 33) % 26) as u8)
            })
            .collect()
    }

    /// The production algorithm over a JSON document (the typed evidence
    /// parts are still empty structs in this branch, so size is made here).
    fn fit_value(v: serde_json::Value) -> Result<FittedLink, ShareError> {
        let parts = v["tables"][0]["evidence"]
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, x)| (k.clone(), x.to_string().len()))
                    .collect()
            })
            .unwrap_or_default();
        fit(v, parts, encode_value, |v, key| {
            v["tables"][0]["evidence"][key] = serde_json::Value::Null;
        })
    }

    fn encode_value(v: &serde_json::Value) -> String {
        pack(&serde_json::to_vec(v).unwrap())
    }

    fn with_evidence(parts: &[(&str, usize)]) -> serde_json::Value {
        let mut v = serde_json::to_value(sample()).unwrap();
        let mut ev = serde_json::Map::new();
        for (i, (k, len)) in parts.iter().enumerate() {
            ev.insert(
                (*k).to_string(),
                serde_json::json!({ "blob": noise(*len, i as u64 + 1) }),
            );
        }
        v["tables"] = serde_json::json!([{
            "source": { "name": "sales.csv", "kind": "file", "bytes": 1234 },
            "mapping": { "shape": "transactions", "columns": [], "date_order": null,
                         "decimal": null, "period": null },
            "summary": { "rows": 10, "rows_ok": 10, "rows_with_problems": 0,
                         "rows_excluded": 0, "problems": 0 },
            "digest": { "rows": 10 },
            "evidence": ev,
        }]);
        v
    }

    #[test]
    fn a_small_scenario_link_carries_everything() {
        let s = sample();
        let l = link_for(&s).unwrap();
        assert!(l.omitted.is_empty());
        assert_eq!(l.fragment, encode_link(&s));
        assert_eq!(decode_link(&l.fragment).unwrap(), s);
    }

    #[test]
    fn an_oversized_link_drops_the_largest_evidence_first() {
        // 40 KB of random letters deflate to about 24 KB and base64 to about
        // 32 KB: with the 6 KB part it is over the limit, alone it still is
        // not under it once the scenario is added, so both are dropped; the
        // 500-byte part stays.
        let v = with_evidence(&[("churn", 6_000), ("value", 40_000), ("voice", 500)]);
        assert!(encode_value(&v).len() > MAX_LINK_BYTES);
        let l = fit_value(v.clone()).unwrap();
        assert!(l.fragment.len() <= MAX_LINK_BYTES);
        assert_eq!(l.omitted[0], "value", "largest first");
        assert!(!l.omitted.contains(&"voice".to_string()));
        let back: serde_json::Value = serde_json::from_slice(
            &miniz_oxide::inflate::decompress_to_vec(
                &URL_SAFE_NO_PAD.decode(&l.fragment[3..]).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        assert!(back["tables"][0]["evidence"]["value"].is_null());
        assert_eq!(
            back["tables"][0]["evidence"]["voice"],
            v["tables"][0]["evidence"]["voice"]
        );
        assert_eq!(back["tables"][0]["source"], v["tables"][0]["source"]);
        // With its one (made-up) part dropped, the link opens as a scenario
        // that keeps its data summary.
        let l = fit_value(with_evidence(&[("value", 60_000)])).unwrap();
        assert_eq!(l.omitted, vec!["value".to_string()]);
        let s = decode_link(&l.fragment).unwrap();
        assert_eq!(s.tables[0].source.name, "sales.csv");
    }

    /// Two tables giving the value page: the link carries the first's
    /// evidence (the one the pages read), not the second's, and both
    /// tables' summaries.
    #[test]
    fn a_link_carries_the_evidence_the_pages_read() {
        use crate::data::Sample;
        let table = |sample: Sample, key| {
            let mut d = sample.open(Locale::En).unwrap().loaded().unwrap();
            d.key = key;
            d
        };
        let mut s = sample();
        s.tables = vec![table(Sample::Retail, 1), table(Sample::Subscription, 2)];
        let l = link_for(&s).unwrap();
        assert!(l.omitted.is_empty());
        let back = decode_link(&l.fragment).unwrap();
        assert_eq!(back.tables.len(), 2);
        assert_eq!(back.tables[1].digest, s.tables[1].digest);
        assert_eq!(back.evidence(), s.evidence());
        // The subscription table's value part is read by no page: left out.
        assert!(back.tables[1].evidence.value.is_none());
        assert!(s.tables[1].evidence.value.is_some());
        // Its NPS part is the one the NPS page reads: carried.
        assert_eq!(back.tables[1].evidence.voice, s.tables[1].evidence.voice);
        // The file keeps everything.
        assert_eq!(from_json(&to_json(&s)).unwrap(), s);
    }

    #[test]
    fn one_part_over_the_limit_is_the_only_one_dropped() {
        let v = with_evidence(&[("voice", 60_000), ("drivers", 3_000), ("churn", 3_000)]);
        let l = fit_value(v).unwrap();
        assert_eq!(l.omitted, vec!["voice".to_string()]);
    }

    #[test]
    fn a_scenario_too_long_without_evidence_is_refused() {
        let mut v = with_evidence(&[("value", 60_000)]);
        v["segment"] = noise(80_000, 9).into();
        assert!(matches!(fit_value(v), Err(ShareError::TooLong { .. })));
    }

    #[test]
    fn the_address_is_read_from_hash_and_query() {
        let a = Address::parse("#/value?s=v1.abc-_&omit=voice,<b>,churn&embed=1", "");
        assert_eq!(a.view, Some(View::Value));
        assert_eq!(a.scenario.as_deref(), Some("v1.abc-_"));
        assert_eq!(a.omitted, vec!["voice".to_string(), "churn".to_string()]);
        assert!(a.embed && !a.nav);
        assert_eq!(a.page_hash(View::Churn), "#/churn?embed=1");

        let a = Address::parse("#/nps&embed=1&nav=1", "");
        assert_eq!(a.view, Some(View::Voice));
        assert!(a.embed && a.nav);
        assert_eq!(a.page_hash(View::Voice), "#/nps?embed=1&nav=1");

        let a = Address::parse("", "?embed=1");
        assert_eq!(a.view, None);
        assert!(a.embed);

        let a = Address::parse("#/clv", "?embed=0");
        assert_eq!(a.view, Some(View::Value));
        assert!(!a.embed && a.scenario.is_none());
        assert_eq!(a.page_hash(View::Value), "#/value");
    }

    #[test]
    fn a_share_hash_opens_the_same_scenario() {
        let s = sample();
        let l = FittedLink {
            fragment: encode_link(&s),
            omitted: vec!["drivers".into()],
        };
        let a = Address::parse(&share_hash(View::Business, &l), "");
        assert_eq!(a.view, Some(View::Business));
        assert_eq!(a.omitted, vec!["drivers".to_string()]);
        assert_eq!(decode_link(a.scenario.as_deref().unwrap()).unwrap(), s);
    }

    /// A file saved by the first release (schema 1, before the dashboard
    /// pages and data existed, with the calculator's `clv` page name):
    /// every later field takes its default.
    #[test]
    fn a_first_release_file_migrates() {
        let old = r#"{
          "version": 1, "locale": "fr", "currency": "CHF", "view": "clv",
          "clv": { "unit": "month", "margin": 42.5, "retention_pct": 90.0,
                   "annual_discount_pct": 8.0, "include_first_payment": false,
                   "horizon": 24 }
        }"#;
        let s = from_json(old).unwrap();
        let mut want = Scenario::new(Locale::Fr);
        want.currency = Currency::Chf;
        want.view = View::Value;
        want.clv.margin = 42.5;
        want.clv.retention_pct = 90.0;
        want.clv.annual_discount_pct = 8.0;
        want.clv.include_first_payment = false;
        want.clv.horizon = 24;
        assert_eq!(s, want);
        // And it saves in the current form, which reads back the same.
        assert_eq!(from_json(&to_storage(&s)).unwrap(), s);
    }

    #[test]
    fn markup_in_a_string_field_survives_as_text() {
        let mut s = sample();
        s.segment = Some("<img src=x onerror=alert(1)>".into());
        let back = decode_link(&encode_link(&s)).unwrap();
        assert_eq!(
            back.segment.as_deref(),
            Some("<img src=x onerror=alert(1)>")
        );
    }
}
