//! The scenario as text: for a link's fragment, a saved `.cxi.json` file and
//! the browser's local storage. All three go through [`Scenario`]'s serde
//! form and the same version check, so a link, a file and an autosave made
//! by an older version open the same way.
//!
//! A link fragment is `v1.` followed by the base64url (no padding) of the
//! raw-deflate-compressed JSON. The fragment never reaches a server: browsers
//! do not send it.

use super::scenario::{Scenario, SCENARIO_VERSION};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// Version of the fragment encoding (not of the scenario schema).
pub const LINK_FORMAT: u32 = 1;
/// Longest fragment a link carries, in bytes: beyond it some mail clients,
/// wikis and chat tools cut URLs.
pub const MAX_LINK_BYTES: usize = 32 * 1024;
/// Largest JSON accepted from a link, a file or storage. Inflating is capped
/// at this size, so a small crafted fragment cannot expand to gigabytes.
pub const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;

/// Why a link, file or saved scenario could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// Nothing to read.
    Empty,
    /// Longer than [`MAX_LINK_BYTES`] (links) or [`MAX_JSON_BYTES`] (files).
    TooLong { len: usize, max: usize },
    /// The fragment does not start with `v<number>.`.
    NotAScenarioLink,
    /// Made by a newer version of the app than this one.
    NewerFormat { found: u32, supported: u32 },
    /// Not valid base64url (a truncated or edited link).
    BadEncoding,
    /// The compressed data is damaged or inflates beyond [`MAX_JSON_BYTES`].
    BadCompression,
    /// The JSON is not a scenario; the message says where.
    BadScenario(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the scenario is empty"),
            ShareError::TooLong { len, max } => {
                write!(f, "the scenario is too long: {len} bytes, at most {max}")
            }
            ShareError::NotAScenarioLink => write!(f, "this is not a CX Impact scenario link"),
            ShareError::NewerFormat { found, supported } => write!(
                f,
                "made by a newer version of CX Impact (format {found}; this one reads up to {supported})"
            ),
            ShareError::BadEncoding => write!(f, "the link is damaged or truncated (bad encoding)"),
            ShareError::BadCompression => {
                write!(f, "the link is damaged or truncated (bad compressed data)")
            }
            ShareError::BadScenario(m) => write!(f, "not a valid scenario: {m}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The scenario as pretty JSON, for a `.cxi.json` file.
pub fn to_json(s: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(s).unwrap_or_default()
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
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ShareError::BadScenario(e.to_string()))?;
    migrate(value)
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
    if version > u64::from(SCENARIO_VERSION) {
        return Err(ShareError::NewerFormat {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCENARIO_VERSION,
        });
    }
    if version == 0 {
        return Err(ShareError::BadScenario("version 0 does not exist".into()));
    }
    serde_json::from_value(value).map_err(|e| ShareError::BadScenario(e.to_string()))
}

/// The fragment of a share link: `v1.<base64url(deflate(json))>`.
pub fn encode_link(s: &Scenario) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Locale;
    use crate::core::scenario::{reduce, Action, Currency};

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
}
