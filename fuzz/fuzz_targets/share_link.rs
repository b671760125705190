//! The share decoder: any fragment, file text or address is refused with a
//! typed error or read as a scenario, never a panic; whatever it accepts
//! goes back out and in unchanged (a link: the evidence the pages read). The bytes are also tried as the deflate
//! payload of a link and as JSON inside a well-formed link, so inflating
//! and the schema are reached, not only the prefix checks.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cxi_dashboard::share::decode_link;
use cxi_dashboard::share::encode_link;
use cxi_dashboard::share::from_json;
use cxi_dashboard::share::link_for;
use cxi_dashboard::share::Address;
use libfuzzer_sys::fuzz_target;

fn check(fragment: &str) {
    match decode_link(fragment) {
        Ok(s) => {
            assert_eq!(decode_link(&encode_link(&s)).as_ref(), Ok(&s));
            let l = link_for(&s).expect("an accepted scenario has a link");
            // A link carries every table's summary and the evidence the
            // pages read (not a second table's duplicate part).
            let back = decode_link(&l.fragment).expect("a link made here opens");
            assert_eq!(back.tables.len(), s.tables.len());
            if l.omitted.is_empty() {
                assert_eq!(back.evidence(), s.evidence());
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check(&format!("v1.{}", URL_SAFE_NO_PAD.encode(data)));
    let packed = miniz_oxide::deflate::compress_to_vec(data, 1);
    check(&format!("v1.{}", URL_SAFE_NO_PAD.encode(packed)));
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
    if let Ok(s) = from_json(text) {
        assert_eq!(from_json(&cxi_dashboard::share::to_json(&s)).as_ref(), Ok(&s));
    }
    let a = Address::parse(text, text);
    if let Some(f) = a.scenario {
        check(&f);
    }
});
