//! Scenarios saved by version 1 (one table, `data`) open in version 2
//! (several, `tables`) unchanged. The fixtures were written by version 1's
//! own code (commit c3d0bca): a `.cxi.json` file and a share link of a
//! French scenario with one order log, `ventes.csv`.

use cxi_dashboard::scenario::{Scenario, SCENARIO_VERSION};
use cxi_dashboard::share::{decode_link, from_json, to_json};

const FILE_V1: &str = include_str!("fixtures/scenario_v1.cxi.json");
const LINK_V1: &str = include_str!("fixtures/scenario_v1.link");

fn check(s: &Scenario) {
    assert_eq!(s.tables.len(), 1);
    let t = &s.tables[0];
    assert_eq!(t.key, 0);
    assert_eq!(t.source.name, "ventes.csv");
    assert_eq!(t.digest.rows, 4);
    assert_eq!(t.digest.customers, Some(2));
    assert_eq!(t.digest.total_amount, Some(30.25));
    // The pages read its evidence as before.
    assert!(s.evidence().value.is_some());
    assert!(s.evidence().churn.is_some());
    assert_eq!(s.source_of(cxi_dashboard::data::Part::Churn), "ventes.csv");
}

#[test]
fn a_version_1_file_opens_with_its_table() {
    assert!(FILE_V1.contains(r#""version":1"#) && FILE_V1.contains(r#""data":{"#));
    let s = from_json(FILE_V1).unwrap();
    check(&s);
    // Saved again, it is version 2 and reads back the same.
    let again = to_json(&s);
    assert!(again.contains(r#""tables":[{"#), "{again}");
    let back = from_json(&again).unwrap();
    assert_eq!(back.tables, s.tables);
    assert_eq!(SCENARIO_VERSION, 2);
}

#[test]
fn a_version_1_link_opens_with_its_table() {
    let s = decode_link(LINK_V1.trim()).unwrap();
    check(&s);
    assert_eq!(s, from_json(FILE_V1).unwrap());
}
