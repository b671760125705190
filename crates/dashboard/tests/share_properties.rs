//! Property tests of the scenario's link, file and storage forms (proptest,
//! fixed seeds): whatever the user typed comes back exactly, and no input
//! (random text, a truncated or edited link) makes the decoder panic.
#![cfg(not(target_arch = "wasm32"))]

use cxi_dashboard::scenario::Scenario;
use cxi_dashboard::share::decode_link;
use cxi_dashboard::share::encode_link;
use cxi_dashboard::share::from_json;
use cxi_dashboard::share::link_for;
use cxi_dashboard::share::to_json;
use cxi_dashboard::share::to_storage;
use cxi_dashboard::share::Address;
use cxi_dashboard::share::MAX_LINK_BYTES;
use cxi_types::period::PeriodUnit;
use cxi_types::Currency;
use cxi_types::Locale;
use cxi_types::View;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        (
            prop::sample::select(Locale::ALL.to_vec()),
            prop::sample::select(Currency::ALL.to_vec()),
            prop::sample::select(View::ALL.to_vec()),
            prop::sample::select(vec![
                PeriodUnit::Day,
                PeriodUnit::Week,
                PeriodUnit::Month,
                PeriodUnit::Quarter,
                PeriodUnit::Year,
            ]),
        ),
        (
            proptest::num::f64::NORMAL | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL,
            -1e6f64..1e6,
            -100f64..1e4,
            any::<bool>(),
            1u32..600,
        ),
        proptest::option::of(".{0,40}"),
    )
        .prop_map(
            |((locale, currency, view, unit), (m, r, d, first, h), seg)| {
                let mut s = Scenario::new(locale);
                s.currency = currency;
                s.view = view;
                s.clv.unit = unit;
                s.clv.margin = m;
                s.clv.retention_pct = r;
                s.clv.annual_discount_pct = d;
                s.clv.include_first_payment = first;
                s.clv.horizon = h;
                s.segment = seg;
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x5_4A7E),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every finite number and any text round-trip bit for bit through the
    /// three forms (serde_json with `float_roundtrip`).
    #[test]
    fn link_file_and_storage_round_trip_exactly(s in scenario()) {
        let l = link_for(&s).unwrap();
        prop_assert!(l.omitted.is_empty());
        prop_assert!(l.fragment.len() <= MAX_LINK_BYTES);
        prop_assert_eq!(&decode_link(&l.fragment).unwrap(), &s);
        prop_assert_eq!(&from_json(&to_json(&s)).unwrap(), &s);
        prop_assert_eq!(&from_json(&to_storage(&s)).unwrap(), &s);
        prop_assert_eq!(s.clv.margin.to_bits(),
            decode_link(&l.fragment).unwrap().clv.margin.to_bits());
    }

    /// Random text is refused or read, never a panic.
    #[test]
    fn any_text_is_refused_without_panic(text in ".{0,200}", search in ".{0,40}") {
        let _ = decode_link(&text);
        let _ = from_json(&text);
        let a = Address::parse(&text, &search);
        if let Some(f) = a.scenario {
            let _ = decode_link(&f);
        }
    }

    /// A link cut anywhere, or with one character changed, opens the same
    /// scenario, another valid one, or a typed error: never a panic.
    #[test]
    fn damaged_links_never_panic(s in scenario(), cut in 0usize..2000, at in 0usize..2000,
                                 c in prop::sample::select(b"A_-.z09+/=%".to_vec())) {
        let f = encode_link(&s);
        let _ = decode_link(&f[..cut.min(f.len())]);
        let mut bytes = f.into_bytes();
        let i = at % bytes.len();
        bytes[i] = c;
        let _ = decode_link(&String::from_utf8(bytes).unwrap());
    }
}
