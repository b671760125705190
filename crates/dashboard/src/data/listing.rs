//! The words of the Data page's list of tables: what each table holds
//! ("31,489 purchases of 1,491 customers"), which pages it serves, and
//! which it would serve but another table already does.

use super::loaded::LoadedData;
use super::tables::{serving, Part};
use crate::i18n::{fill, LocaleStrings};
use crate::share::evidence_view;
use cxi_parse::Shape;
use cxi_types::format;
use cxi_types::Locale;

/// What a table holds, counted in its own unit.
pub fn digest_line(locale: Locale, d: &LoadedData) -> String {
    let t = locale.strings().data;
    let count = |forms, n: usize| {
        fill(
            t.count(forms, n),
            &[("n", &format::number(locale, n as f64, 0))],
        )
    };
    let rows = d.digest.rows;
    match (d.mapping.shape, d.digest.customers) {
        (Shape::Transactions, Some(c)) => fill(
            t.purchases_of,
            &[
                ("purchases", &count(t.purchases, rows)),
                ("customers", &count(t.customers, c)),
            ],
        ),
        (Shape::Transactions, None) => count(t.purchases, rows),
        (Shape::Survey, _) => count(t.answers, rows),
        (Shape::Customers | Shape::Rfm, _) => count(t.customers, rows),
        (Shape::Cohort, _) => count(t.cohorts, rows),
    }
}

/// The pages' names, joined: "Customer value, Churn".
fn page_names(locale: Locale, parts: &[Part]) -> String {
    let s = locale.strings();
    parts
        .iter()
        .filter_map(|p| evidence_view(p.key()))
        .map(|v| s.page_name(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pages table `key` gives evidence to, and the ones it has evidence
/// for that an earlier table already gives (with that table's name).
pub fn uses_lines(locale: Locale, tables: &[LoadedData], key: u32) -> Vec<String> {
    let t = locale.strings().data;
    let Some(me) = tables.iter().find(|d| d.key == key) else {
        return Vec::new();
    };
    let mut used = Vec::new();
    let mut elsewhere: Vec<(Part, &str)> = Vec::new();
    for part in Part::ALL.into_iter().filter(|p| p.present(&me.evidence)) {
        match serving(tables, part) {
            Some(s) if s.key == key => used.push(part),
            Some(s) => elsewhere.push((part, s.source.name.as_str())),
            None => {}
        }
    }
    let joined = joined_crm_line(locale, tables, key);
    let mut out = match (used.is_empty(), &joined) {
        // Its flags serve the NPS page through the join: not "unused".
        (true, Some(_)) => Vec::new(),
        (true, None) => vec![t.used_by_none.to_string()],
        (false, _) => vec![fill(t.used_by, &[("pages", &page_names(locale, &used))])],
    };
    // One sentence per table serving in its place, in the parts' order.
    // Each name once, in the order first met (not only consecutive repeats).
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in &elsewhere {
        if !names.contains(name) {
            names.push(name);
        }
    }
    for name in names {
        let parts: Vec<Part> = elsewhere
            .iter()
            .filter(|e| e.1 == name)
            .map(|e| e.0)
            .collect();
        out.push(fill(
            t.second_table,
            &[("pages", &page_names(locale, &parts)), ("name", name)],
        ));
    }
    out.extend(joined);
    out
}

/// For the customer table whose churn flags or support contacts join the
/// survey to the orders: what they are used for.
fn joined_crm_line(locale: Locale, tables: &[LoadedData], key: u32) -> Option<String> {
    use cxi_parse::Field;
    let p = super::linked::pair(tables)?;
    (super::linked::crm_of(tables, p) == Some(key)).then(|| {
        let t = locale.strings().data;
        let answers = tables.iter().find(|d| d.key == p.1);
        let m = tables.iter().find(|d| d.key == key).map(|d| &d.mapping);
        let has = |f: Field| m.is_some_and(|m| m.column_of(f).is_some());
        let what: Vec<&str> = [
            (has(Field::Churned) || has(Field::ChurnDate)).then_some(t.crm_flags),
            has(Field::Contacts).then_some(t.crm_contacts),
        ]
        .into_iter()
        .flatten()
        .collect();
        fill(
            t.joined_crm,
            &[
                ("what", &what.join(t.crm_and)),
                ("answers", answers.map_or("", |d| d.source.name.as_str())),
                ("page", locale.strings().voice.nav),
            ],
        )
    })
}

/// The line above the list: "In use: orders.csv, 31,489 rows; …".
pub fn in_use_line(locale: Locale, tables: &[LoadedData]) -> String {
    let t = locale.strings().data;
    if tables.is_empty() {
        return t.nothing_loaded.to_string();
    }
    let list = tables
        .iter()
        .map(|d| {
            fill(
                t.in_use_item,
                &[
                    ("name", &d.source.name),
                    ("rows", &format::number(locale, d.digest.rows as f64, 0)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    fill(t.in_use, &[("list", &list)])
}

/// Why an order log and a survey loaded together are not joined, when
/// that is so: the survey names no customer.
pub fn join_blocker(locale: Locale, tables: &[LoadedData]) -> Option<String> {
    if super::linked::pair(tables).is_some() {
        return None;
    }
    let has_orders = tables
        .iter()
        .any(|t| t.mapping.shape == Shape::Transactions);
    let anonymous = tables.iter().find(|t| {
        t.mapping.shape == Shape::Survey
            && t.mapping.column_of(cxi_parse::Field::CustomerId).is_none()
    })?;
    has_orders.then(|| {
        fill(
            locale.strings().data.no_customer_id,
            &[("name", &anonymous.source.name)],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Sample;

    fn table(s: Sample, key: u32, locale: Locale) -> LoadedData {
        let mut d = s.open(locale).unwrap().loaded().unwrap();
        d.key = key;
        d
    }

    #[test]
    fn each_table_says_what_it_holds_and_what_it_serves() {
        let retail = table(Sample::Retail, 1, Locale::En);
        let sub = table(Sample::Subscription, 2, Locale::En);
        let line = digest_line(Locale::En, &retail);
        let (rows, customers) = (retail.digest.rows, retail.digest.customers.unwrap());
        assert_eq!(
            line,
            format!(
                "{} purchases of {} customers",
                format::number(Locale::En, rows as f64, 0),
                format::number(Locale::En, customers as f64, 0)
            )
        );
        assert_eq!(
            digest_line(Locale::En, &sub),
            format!(
                "{} customers",
                format::number(Locale::En, sub.digest.rows as f64, 0)
            )
        );
        let tables = [retail, sub];
        let first = uses_lines(Locale::En, &tables, 1);
        assert_eq!(
            first,
            ["Used by: Customer value, Churn & acquisition"],
            "{first:?}"
        );
        let second = uses_lines(Locale::En, &tables, 2);
        assert_eq!(second.len(), 2, "{second:?}");
        assert!(
            second[0].starts_with("Used by: ") && second[0].contains("NPS"),
            "{second:?}"
        );
        assert!(
            second[1].starts_with("Not used for Customer value, Churn & acquisition: the pages use Sample: Retailer (purchases), loaded first."),
            "{second:?}"
        );
        assert!(uses_lines(Locale::En, &tables, 9).is_empty());
    }

    #[test]
    fn the_in_use_line_lists_every_table_in_both_languages() {
        assert_eq!(in_use_line(Locale::En, &[]), "No data loaded yet.");
        let fr = [
            table(Sample::Retail, 1, Locale::Fr),
            table(Sample::Subscription, 2, Locale::Fr),
        ];
        let line = in_use_line(Locale::Fr, &fr);
        assert!(line.starts_with("En service : Exemple"), "{line}");
        assert_eq!(line.matches(" lignes").count(), 2, "{line}");
        // One table reads as before this list existed.
        let one = in_use_line(Locale::Fr, &fr[..1]);
        assert_eq!(
            one,
            format!(
                "En service : {}, {} lignes",
                fr[0].source.name,
                format::number(Locale::Fr, fr[0].digest.rows as f64, 0)
            )
        );
        // Singular and plural.
        let mut tiny = fr[0].clone();
        tiny.digest.rows = 1;
        tiny.digest.customers = Some(1);
        assert_eq!(digest_line(Locale::En, &tiny), "1 purchase of 1 customer");
        assert_eq!(digest_line(Locale::Fr, &tiny), "1 achat de 1 client");
    }
    #[test]
    fn a_survey_without_ids_says_why_it_is_not_joined() {
        let mut retail = table(Sample::Retail, 1, Locale::En);
        retail.key = 1;
        let mut survey = table(Sample::LinkedSurvey, 2, Locale::En);
        assert_eq!(
            join_blocker(Locale::En, &[retail.clone(), survey.clone()]),
            None
        );
        // The id column ignored: counted for the NPS, not joined.
        let col = survey
            .mapping
            .column_of(cxi_parse::Field::CustomerId)
            .unwrap();
        survey.mapping.columns[col] = cxi_parse::Role::Ignore;
        survey.source.name = "q3.csv".into();
        assert_eq!(
            join_blocker(Locale::En, &[retail.clone(), survey.clone()]).unwrap(),
            "q3.csv has no customer id column: its answers count for the NPS, but cannot be joined to the orders. Map its id column to join them."
        );
        assert!(join_blocker(Locale::Fr, &[retail, survey.clone()])
            .unwrap()
            .starts_with("q3.csv n'a pas de colonne"));
        // Without orders, nothing to join anyway.
        assert_eq!(join_blocker(Locale::En, &[survey]), None);
    }

    #[test]
    fn the_customer_table_says_its_flags_join_the_survey() {
        let keyed = |csv: &str, name: &str, key| {
            let source = crate::data::Source {
                name: name.into(),
                kind: crate::data::SourceKind::Paste,
                bytes: csv.len() as u64,
            };
            let s = crate::data::Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {})
                .unwrap();
            let mut d = s.loaded().unwrap();
            d.key = key;
            d
        };
        let tables = [
            keyed(
                "customer,order date,amount\nA,2024-01-01,3\nA,2024-01-20,5\nB,2024-01-01,4\n",
                "orders.csv",
                1,
            ),
            keyed("customer,nps\nA,9\nB,2\n", "survey.csv", 2),
            keyed("customer,churned\nA,yes\nB,no\n", "crm.csv", 3),
            keyed("customer,support contacts\nA,2\nB,0\n", "support.csv", 4),
        ];
        let lines = uses_lines(Locale::En, &tables, 3);
        assert!(
            !lines.contains(&Locale::En.strings().data.used_by_none.to_string()),
            "its flags serve the NPS page: {lines:?}"
        );
        assert_eq!(
            lines.last().unwrap(),
            "Its churn flags are joined to survey.csv by customer id: per NPS group on the NPS → revenue page."
        );
        // Support contacts alone, or with the flags, are named so.
        let support = [tables[0].clone(), tables[1].clone(), tables[3].clone()];
        assert!(uses_lines(Locale::En, &support, 4)
            .last()
            .unwrap()
            .starts_with("Its support contacts are joined to survey.csv"));
        let both = keyed(
            "customer;résilié;nombre de contacts\nA;oui;2\nB;non;0\n",
            "crm.csv",
            5,
        );
        let both = [tables[0].clone(), tables[1].clone(), both];
        assert_eq!(
            uses_lines(Locale::Fr, &both, 5).last().unwrap(),
            "Ses indicateurs d'attrition et contacts au support sont rapprochés de survey.csv par identifiant client : par groupe NPS sur la page NPS → CA."
        );
        assert!(uses_lines(Locale::Fr, &tables, 3)
            .last()
            .unwrap()
            .starts_with("Ses indicateurs d'attrition sont rapprochés de survey.csv"));
        assert!(!uses_lines(Locale::En, &tables, 2)
            .iter()
            .any(|l| l.contains("churn flags")));
    }
}
