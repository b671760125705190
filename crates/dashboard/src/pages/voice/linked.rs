//! The join of the survey to the orders, in words: how many answers found
//! their customer, what the behaviour covers, and per NPS category what the
//! customers did next, with the promoter − detractor difference and its
//! interval. Every figure is measured; the sentence says on how many.

use super::linked_model::GroupModel;
use crate::data::linked::{JoinChoice, Linked, MAX_WINDOW_DAYS};
use crate::i18n::{fill, LocaleStrings};
use cxi_link::{
    AnswerRule, Basis, Estimate, GroupRow, Interval, Measure, MissingDates, Reconcile, Rule,
    TableKind,
};
use cxi_models::nps::NpsCategory;
use cxi_types::format;
use cxi_types::{Currency, Locale};

/// One NPS category's row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedRow {
    pub label: &'static str,
    /// Answers in the category (all rows of the export).
    pub answers: String,
    /// Answers measured (kept, found in the orders, window covered).
    pub measured: String,
    pub repeat: String,
    pub spend: String,
    /// Share churned by the customer table's flags, when they are joined.
    pub churn: Option<String>,
    /// Support contacts per customer by the customer table's counts.
    pub contacts: Option<String>,
    /// Mean P(alive) and CLV by the order log's fitted model.
    pub p_alive: Option<String>,
    pub clv: Option<String>,
    /// Exact values for tests and `data-value`.
    pub repeat_value: Option<f64>,
    pub spend_value: Option<f64>,
    pub churn_value: Option<f64>,
    pub contacts_value: Option<f64>,
    pub p_alive_value: Option<f64>,
    pub clv_value: Option<f64>,
}

/// The section of the NPS page.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedView {
    pub heading: &'static str,
    /// Column headers of the table (churn and contacts columns when the
    /// customer table has them).
    pub columns: Vec<&'static str>,
    /// "3 of 5 answers match a customer of the orders (60 %); …".
    pub matched: String,
    /// What the behaviour covers and the rule for several answers.
    pub basis: String,
    pub rows: Vec<LinkedRow>,
    /// Promoters − detractors on spend and repeat, with 95 % intervals;
    /// or why there is none.
    pub contrast: String,
    /// What the fitted model says of each category (P(alive), CLV), when
    /// the orders have one.
    pub model: Option<String>,
    pub source: String,
}

/// Unmatched ids named in the match sentence.
pub const SHOWN_UNMATCHED: usize = 5;

/// The match sentence, also the Data page's.
pub fn match_line(locale: Locale, l: &Linked) -> String {
    let t = &locale.strings().voice;
    let m = &l.evidence.orders_match;
    let n = |v: usize| format::number(locale, v as f64, 0);
    let mut s = fill(
        t.linked_match,
        &[
            ("matched", &n(m.matched)),
            ("total", &n(m.total)),
            ("share", &format::percent(locale, m.share(), 0)),
        ],
    );
    if m.unmatched_ids > 0 {
        // The first few in the sentence; the rest counted, not listed.
        let mut ids: Vec<String> = m
            .first_unmatched
            .iter()
            .take(SHOWN_UNMATCHED)
            .map(|u| u.id.clone())
            .collect();
        if m.unmatched_ids > ids.len() {
            ids.push(fill(
                t.linked_more,
                &[("n", &n(m.unmatched_ids - ids.len()))],
            ));
        }
        let forms = locale
            .strings()
            .data
            .count(t.linked_unmatched, m.unmatched_ids);
        s.push_str(&fill(
            forms,
            &[("n", &n(m.unmatched_ids)), ("ids", &ids.join(", "))],
        ));
    }
    // A third table's churn flags: how many answers found their customer.
    if let (Some(_), Some(c)) = (l.crm, &l.evidence.crm_match) {
        if !s.ends_with('.') {
            s.push('.');
        }
        s.push(' ');
        s.push_str(&fill(
            t.linked_crm_match,
            &[
                ("matched", &n(c.matched)),
                ("total", &n(c.total)),
                ("share", &format::percent(locale, c.share(), 0)),
            ],
        ));
    }
    s
}

/// The label of the unmatched ids' download, `None` when every id matched.
/// Names the first ones only when the list is cut
/// ([`crate::data::linked::DOWNLOAD_LISTED`]).
pub fn download_label(locale: Locale, m: &cxi_link::MatchReport) -> Option<String> {
    let t = &locale.strings().voice;
    let n = |v: usize| format::number(locale, v as f64, 0);
    let listed = m.first_unmatched.len();
    (listed > 0).then(|| {
        if listed < m.unmatched_ids {
            fill(
                t.unmatched_download_first,
                &[("n", &n(listed)), ("total", &n(m.unmatched_ids))],
            )
        } else {
            let forms = locale.strings().data.count(t.unmatched_download, listed);
            fill(forms, &[("n", &n(listed))])
        }
    })
}

fn interval_text(locale: Locale, i: &Interval, f: impl Fn(f64) -> String) -> String {
    fill(
        locale.strings().voice.linked_interval,
        &[
            ("value", &f(i.estimate)),
            ("low", &f(i.low)),
            ("high", &f(i.high)),
        ],
    )
}

/// The error of a window that is not a whole number of days in range.
pub fn window_error(locale: Locale, choice: &JoinChoice) -> Option<String> {
    choice.window().is_none().then(|| {
        fill(
            locale.strings().voice.linked_window_error,
            &[(
                "max",
                &format::number(locale, f64::from(MAX_WINDOW_DAYS), 0),
            )],
        )
    })
}

/// The section, or `None` when the survey has no NPS column; `model` is
/// the order log's model per category ([`super::linked_model`]).
pub fn view(
    locale: Locale,
    currency: Currency,
    l: &Linked,
    model: Option<&GroupModel>,
    source: &str,
) -> Option<LinkedView> {
    let t = &locale.strings().voice;
    let table = l.evidence.nps.as_ref()?;
    let n = |v: usize| format::number(locale, v as f64, 0);
    let money = |v: f64| format::money(locale, currency, v);
    let pct = |v: f64| format::percent(locale, v, 0);
    let basis = match l.evidence.basis {
        Basis::AfterAnswer { window_days, .. } => fill(
            match l.evidence.rule {
                AnswerRule::LatestBeforeWindow => t.linked_after,
                AnswerRule::EachAnswer => t.linked_after_each,
            },
            &[("days", &n(window_days as usize))],
        ),
        Basis::WholeLog { missing } => match missing {
            MissingDates::Answers => t.linked_whole_log_answers.to_string(),
            MissingDates::Orders | MissingDates::Both => t.linked_whole_log_orders.to_string(),
        },
    };
    let label = |g: NpsCategory| match g {
        NpsCategory::Detractor => t.detractors,
        NpsCategory::Passive => t.passives,
        NpsCategory::Promoter => t.promoters,
    };
    let cell = |e: Option<&Estimate>, f: &dyn Fn(f64) -> String| {
        e.map_or("—".to_string(), |e| f(e.value))
    };
    let churned = table.groups.iter().any(|r| r.churn.is_some());
    let contacted = table.groups.iter().any(|r| r.contacts.is_some());
    let per_customer = |v: f64| format::number(locale, v, 2);
    let modelled = |g: usize| model.map(|m| (m.p_alive[g], m.clv[g]));
    let rows = table
        .groups
        .iter()
        .enumerate()
        .map(|(g, r): (usize, &GroupRow<NpsCategory>)| LinkedRow {
            label: label(r.group),
            answers: n(r.answers),
            measured: n(r.repeat.map_or(0, |e| e.n)),
            repeat: cell(r.repeat.as_ref(), &pct),
            spend: cell(r.spend.as_ref(), &money),
            churn: churned.then(|| cell(r.churn.as_ref(), &pct)),
            contacts: contacted.then(|| cell(r.contacts.as_ref(), &per_customer)),
            repeat_value: r.repeat.map(|e| e.value),
            spend_value: r.spend.map(|e| e.value),
            churn_value: r.churn.map(|e| e.value),
            contacts_value: r.contacts.map(|e| e.value),
            p_alive: modelled(g).map(|(p, _)| p.map_or("—".into(), |p| pct(p.value))),
            clv: modelled(g).map(|(_, c)| c.map_or("—".into(), |c| money(c.value))),
            p_alive_value: modelled(g).and_then(|(p, _)| p).map(|p| p.value),
            clv_value: modelled(g).and_then(|(_, c)| c).map(|c| c.value),
        })
        .collect();
    let small = [Measure::Spend, Measure::Repeat]
        .iter()
        .any(|&m| table.contrast(m).is_some_and(|c| c.small));
    let spend = table.contrast(Measure::Spend).and_then(|c| c.difference);
    let repeat = table.contrast(Measure::Repeat).and_then(|c| c.difference);
    let mut contrast = match (spend, repeat) {
        (Some(s), Some(r)) => fill(
            t.linked_contrast,
            &[
                ("spend", &interval_text(locale, &s, money)),
                (
                    "repeat",
                    &interval_text(locale, &r, |v| format::number(locale, 100.0 * v, 1)),
                ),
            ],
        ),
        _ => t.linked_no_contrast.to_string(),
    };
    if let Some(c) = table.contrast(Measure::Churn).and_then(|c| c.difference) {
        contrast.push(' ');
        contrast.push_str(&fill(
            t.linked_churn_contrast,
            &[(
                "churn",
                &interval_text(locale, &c, |v| format::number(locale, 100.0 * v, 1)),
            )],
        ));
    }
    if let Some(c) = table.contrast(Measure::Contacts).and_then(|c| c.difference) {
        contrast.push(' ');
        contrast.push_str(&fill(
            t.linked_contacts_contrast,
            &[("contacts", &interval_text(locale, &c, per_customer))],
        ));
    }
    if small && spend.is_some() {
        contrast.push_str(&fill(
            t.linked_small,
            &[("n", &n(cxi_link::contrast::SMALL_SAMPLE as usize))],
        ));
    }
    let points = |v: f64| format::number(locale, 100.0 * v, 1);
    let model_line = model.map(|m| {
        let mut s = fill(
            t.linked_model,
            &[(
                "months",
                &format::number(locale, f64::from(m.horizon_months), 0),
            )],
        );
        if let (Some(c), Some(p)) = (m.clv_difference, m.p_alive_difference) {
            s.push(' ');
            s.push_str(&fill(
                t.linked_model_contrast,
                &[
                    ("clv", &interval_text(locale, &c, money)),
                    ("alive", &interval_text(locale, &p, points)),
                ],
            ));
        }
        s
    });
    Some(LinkedView {
        heading: t.linked_heading,
        columns: [
            t.linked_col_group,
            t.linked_col_answers,
            t.linked_col_measured,
            t.linked_col_repeat,
            t.linked_col_spend,
        ]
        .into_iter()
        .chain(churned.then_some(t.linked_col_churn))
        .chain(contacted.then_some(t.linked_col_contacts))
        .chain(model.is_some().then_some(t.linked_col_p_alive))
        .chain(model.is_some().then_some(t.linked_col_clv))
        .collect(),
        matched: match_line(locale, l),
        basis,
        rows,
        contrast,
        model: model_line,
        source: fill(t.linked_source, &[("name", source)]),
    })
}

/// A reconciliation the join proposes: what it would match, what it
/// would merge, and the choice that turns it on.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalView {
    pub sentence: String,
    pub button: &'static str,
    /// The choice with the rule on (added to those already on).
    pub reconcile: Reconcile,
}

/// The reconciliations worth proposing: those that match more answers.
pub fn proposals(locale: Locale, l: &Linked, on: Reconcile) -> Vec<ProposalView> {
    let t = &locale.strings().voice;
    let n = |v: usize| format::number(locale, v as f64, 0);
    l.evidence
        .proposals
        .iter()
        .filter(|p| p.left == TableKind::Answers && p.right == TableKind::Orders)
        .filter(|p| p.matched_after > p.matched_before)
        .map(|p| {
            let (what, button) = match p.rule {
                Rule::LeadingZeros => (t.linked_zeros, t.linked_zeros_button),
                Rule::AlphaPrefix => (t.linked_prefix, t.linked_prefix_button),
            };
            let prefixes: Vec<&str> = p.prefixes.iter().map(|(x, _)| x.as_str()).collect();
            let mut sentence = fill(
                t.linked_proposal,
                &[
                    (
                        "what",
                        &match p.rule {
                            Rule::LeadingZeros => what.to_string(),
                            Rule::AlphaPrefix => fill(what, &[("prefixes", &prefixes.join(", "))]),
                        },
                    ),
                    ("more", &n(p.matched_after - p.matched_before)),
                    ("after", &n(p.matched_after)),
                    ("total", &n(p.total)),
                ],
            );
            if p.merged > 0 {
                let forms = locale.strings().data.count(t.linked_merges, p.merged);
                sentence.push_str(&fill(forms, &[("n", &n(p.merged))]));
            }
            ProposalView {
                sentence,
                button,
                reconcile: p.rule.with(on),
            }
        })
        .collect()
}

/// The reconciliations on, said with the join (`None`: ids compared as
/// written, trimmed and case-folded).
pub fn reconciled(locale: Locale, on: Reconcile) -> Option<String> {
    let t = &locale.strings().voice;
    let rules: Vec<&str> = Rule::ALL
        .iter()
        .filter(|r| r.is_on(on))
        .map(|r| match r {
            Rule::LeadingZeros => t.linked_zeros_on,
            Rule::AlphaPrefix => t.linked_prefix_on,
        })
        .collect();
    (!rules.is_empty()).then(|| fill(t.linked_reconciled, &[("rules", &rules.join(", "))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Session, Source, SourceKind};

    fn session(csv: &str) -> Session {
        let source = Source {
            name: "t".into(),
            kind: SourceKind::Paste,
            bytes: csv.len() as u64,
        };
        Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {}).unwrap()
    }

    /// Two promoters and two detractors, each found in the orders, dated
    /// answers and a 365-day window the log covers: spend and repeat by
    /// hand.
    #[test]
    fn the_section_reads_the_join_in_both_languages() {
        let mut log = String::from("customer,order date,amount\n");
        // Log from 2023-01-01 to 2025-06-01 so every window is covered.
        for (id, day, amount) in [
            ("P1", "2023-01-01", 1.0),
            ("P1", "2024-02-01", 30.0),
            ("P2", "2024-03-01", 50.0),
            ("D1", "2024-02-10", 10.0),
            ("D2", "2023-05-01", 5.0),
            ("D2", "2025-06-01", 7.0),
        ] {
            log.push_str(&format!("{id},{day},{amount}\n"));
        }
        let orders = session(&log);
        let survey = session(
            "customer,nps,answered\nP1,10,2024-01-01\nP2,9,2024-01-01\nD1,2,2024-01-01\nD2,5,2024-01-01\nX9,8,2024-01-01\n",
        );
        let inputs = survey.link_inputs().unwrap();
        let evidence = orders
            .link(&inputs, &JoinChoice::default())
            .unwrap()
            .unwrap()
            .evidence;
        let l = Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence,
            model: None,
        };
        let v = view(Locale::En, Currency::Eur, &l, None, "survey.csv").unwrap();
        assert_eq!(
            v.matched,
            "4 of 5 answers match a customer of the orders (80%); 1 id matches nothing: X9. Its answers still count for the NPS itself."
        );
        assert_eq!(
            v.basis,
            "Behaviour in the 365 days after each answer (the latest answer of each customer)."
        );
        // Promoters: P1 spent 30, P2 50 in the year after 1 Jan 2024: mean 40, both bought.
        let p = &v.rows[2];
        assert_eq!(p.spend_value, Some(40.0));
        assert_eq!(p.repeat_value, Some(1.0));
        // Detractors: D1 10, D2 nothing in the window: mean 5, one of two bought.
        let d = &v.rows[0];
        assert_eq!(d.spend_value, Some(5.0));
        assert_eq!(d.repeat_value, Some(0.5));
        assert_eq!(v.rows[1].answers, "1");
        assert_eq!(v.rows[1].measured, "0");
        assert!(
            v.contrast.starts_with("Promoters spent €35"),
            "{}",
            v.contrast
        );
        let fr = view(Locale::Fr, Currency::Eur, &l, None, "enquête.csv").unwrap();
        assert!(
            fr.matched.starts_with("4 réponses sur 5 correspondent"),
            "{}",
            fr.matched
        );
        assert!(
            fr.contrast.starts_with("Les promoteurs ont dépensé 35"),
            "{}",
            fr.contrast
        );
        assert_eq!(
            fr.source,
            "Mesuré sur vos données : enquête.csv reliée aux commandes par identifiant client."
        );
    }
    /// An export that wrote ids as text with zeros, another as numbers:
    /// the join proposes reconciling them, and says so once it is on.
    #[test]
    fn leading_zeros_are_proposed_then_said() {
        let orders = session("customer,order date,amount\n42,2024-01-01,3\n42,2024-02-01,4\n43,2024-01-05,5\n43,2024-03-01,6\n");
        let survey = session(
            "customer,nps,answer date\n00042,9,2024-01-10\n00043,3,2024-01-10\n43,8,2024-01-11\n",
        );
        let inputs = survey.link_inputs().unwrap();
        let choice = JoinChoice::default();
        let l = Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence: orders.link(&inputs, &choice).unwrap().unwrap().evidence,
            model: None,
        };
        assert_eq!(l.evidence.orders_match.matched, 1);
        let p = proposals(Locale::En, &l, choice.reconcile);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            p[0].sentence,
            "Ignoring leading zeros (00042 = 42) would match 2 more answers: 3 of 3. \
             It would also merge 1 id with another of the same table that differs only that way: \
             check they are the same customer."
        );
        assert!(p[0].reconcile.leading_zeros);
        assert_eq!(reconciled(Locale::En, choice.reconcile), None);
        let on = JoinChoice {
            reconcile: p[0].reconcile,
            ..choice
        };
        let again = orders.link(&inputs, &on).unwrap().unwrap().evidence;
        assert_eq!(again.orders_match.matched, 3);
        assert_eq!(
            reconciled(Locale::Fr, on.reconcile).unwrap(),
            "Identifiants comparés en ignorant les zéros en tête (votre choix)."
        );
    }
    /// Many unmatched ids: the first five named, the rest counted.
    /// The download: every unmatched id of the linked sample (37 of them,
    /// none cut), a CSV in each language's conventions with ids quoted
    /// when they must be; the scenario keeps the first 20.
    #[test]
    fn unmatched_ids_download_whole_and_the_scenario_keeps_few() {
        use crate::data::linked::{unmatched_csv, DOWNLOAD_LISTED};
        use crate::data::Sample;
        let orders = Sample::LinkedOrders.open(Locale::En).unwrap();
        let survey = Sample::LinkedSurvey.open(Locale::En).unwrap();
        let inputs = survey.link_inputs().unwrap();
        let evidence = orders
            .link(&inputs, &JoinChoice::default())
            .unwrap()
            .unwrap()
            .evidence;
        let m = &evidence.orders_match;
        assert_eq!(m.first_unmatched.len(), m.unmatched_ids);
        assert!(m.unmatched_ids > cxi_link::DEFAULT_LISTED && m.unmatched_ids < DOWNLOAD_LISTED);
        let csv = unmatched_csv(m, Locale::En);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), m.unmatched_ids + 1);
        assert_eq!(lines[0], "id,first row,rows");
        let u = &m.first_unmatched[0];
        assert_eq!(lines[1], format!("{},{},{}", u.id, u.row, u.rows));
        assert!(unmatched_csv(m, Locale::Fr).starts_with("identifiant;première ligne;lignes\r\n"));
        assert_eq!(
            download_label(Locale::En, m).unwrap(),
            format!("Download the {} unmatched ids (CSV)", m.unmatched_ids)
        );
        let l = Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence: evidence.clone(),
            model: None,
        };
        let kept = l.for_scenario();
        assert_eq!(
            kept.evidence.orders_match.first_unmatched[..],
            m.first_unmatched[..cxi_link::DEFAULT_LISTED]
        );
        assert_eq!(kept.evidence.orders_match.unmatched_ids, m.unmatched_ids);
        assert_eq!(match_line(Locale::En, &kept), match_line(Locale::En, &l));
        // Cut, one, none; an id with the separator or a quote is quoted.
        let mut cut = kept.evidence.orders_match.clone();
        cut.first_unmatched[0].id = "a,\"b".into();
        assert_eq!(
            download_label(Locale::Fr, &cut).unwrap(),
            format!(
                "Télécharger les 20 premiers des {} identifiants sans correspondance (CSV)",
                m.unmatched_ids
            )
        );
        assert!(unmatched_csv(&cut, Locale::En).contains("\r\n\"a,\"\"b\","));
        // A comma is no separator in French: unquoted there.
        cut.first_unmatched[0].id = "a,b".into();
        assert!(unmatched_csv(&cut, Locale::Fr).contains("\r\na,b;"));
        assert!(unmatched_csv(&cut, Locale::En).contains("\r\n\"a,b\","));
        cut.first_unmatched.truncate(1);
        cut.unmatched_ids = 1;
        assert_eq!(
            download_label(Locale::Fr, &cut).unwrap(),
            "Télécharger 1 identifiant sans correspondance (CSV)"
        );
        cut.first_unmatched.clear();
        cut.unmatched_ids = 0;
        assert_eq!(download_label(Locale::En, &cut), None);
    }

    #[test]
    fn a_long_list_of_unmatched_ids_is_cut() {
        use crate::data::Sample;
        let orders = Sample::LinkedOrders.open(Locale::En).unwrap();
        let survey = Sample::LinkedSurvey.open(Locale::En).unwrap();
        let inputs = survey.link_inputs().unwrap();
        let evidence = orders
            .link(&inputs, &JoinChoice::default())
            .unwrap()
            .unwrap()
            .evidence;
        let unmatched = evidence.orders_match.unmatched_ids;
        assert!(unmatched > SHOWN_UNMATCHED, "{unmatched}");
        let l = Linked {
            orders: 1,
            answers: 2,
            crm: None,
            evidence,
            model: None,
        };
        let line = match_line(Locale::En, &l);
        let more = format!(", and {} more.", unmatched - SHOWN_UNMATCHED);
        assert!(line.contains(&more), "{line}");
        assert_eq!(line.matches("X-").count(), SHOWN_UNMATCHED, "{line}");
    }

    /// [`crate::data::linked::six_answers`] with a customer table's churn
    /// flags (a, c, e churned) and support contacts (4, 2 | 1, 3 | 0, 1):
    /// by hand, each NPS group has one of its two customers churned (50 %),
    /// the difference is 0 points, and all six answers found their customer
    /// there. Interval by hand: per group s² = Σ(x − x̄)²/(n − 1) = 0.5, var
    /// of the mean 0.25; difference se = √0.5, 1.96 · √0.5 = 1.386 (138.6
    /// points). Contacts: detractors 3, passives 2, promoters 0.5; the
    /// difference −2.5 with se = √(2/2 + 0.5/2) = √1.25, 1.96 · √1.25 =
    /// 2.191: −4.69 to −0.31.
    #[test]
    fn a_third_tables_churn_flags_are_a_column_and_a_sentence() {
        let mut l = crate::data::linked::six_answers(true);
        l.crm = Some(3);
        let v = view(Locale::En, Currency::Eur, &l, None, "survey.csv").unwrap();
        assert_eq!(v.columns.len(), 7);
        assert_eq!(v.columns[5], "Churned (customer table)");
        assert_eq!(v.columns[6], "Support contacts (customer table)");
        let churn: Vec<Option<f64>> = v.rows.iter().map(|r| r.churn_value).collect();
        assert_eq!(churn, vec![Some(0.5); 3]);
        assert_eq!(v.rows[0].churn.as_deref(), Some("50%"));
        let contacts: Vec<Option<f64>> = v.rows.iter().map(|r| r.contacts_value).collect();
        assert_eq!(contacts, [Some(3.0), Some(2.0), Some(0.5)]);
        assert_eq!(v.rows[2].contacts.as_deref(), Some("0.5"));
        assert!(
            v.contrast.contains(
                "Support contacts, promoters − detractors: -2.5 (95% interval -4.69 to -0.31) per customer"
            ),
            "{}",
            v.contrast
        );
        assert!(
            v.matched.ends_with(
                "6 of 6 answers match a customer of the customer table (100%), which is joined."
            ),
            "{}",
            v.matched
        );
        assert!(
            v.contrast.contains(
                "Churned, promoters − detractors: 0 (95% interval -138.6 to 138.6) points"
            ),
            "{}",
            v.contrast
        );
        let fr = view(Locale::Fr, Currency::Eur, &l, None, "survey.csv").unwrap();
        assert!(
            fr.matched
                .contains("6 réponses sur 6 correspondent à un client du fichier clients (100"),
            "{}",
            fr.matched
        );
        assert_eq!(fr.columns[5], "Partis (fichier clients)");
        assert_eq!(fr.columns[6], "Contacts au support (fichier clients)");
        assert_eq!(fr.rows[2].contacts.as_deref(), Some("0,5"));
        // The customer table of the answers' own table is no third table:
        // no sentence, the column stays.
        l.crm = None;
        let own = view(Locale::En, Currency::Eur, &l, None, "survey.csv").unwrap();
        assert!(!own.matched.contains("customer table"));
        assert_eq!(own.columns.len(), 7);
        // Without flags, five columns.
        let plain = view(
            Locale::En,
            Currency::Eur,
            &crate::data::linked::six_answers(false),
            None,
            "s",
        )
        .unwrap();
        assert_eq!(plain.columns.len(), 5);
        assert!(plain
            .rows
            .iter()
            .all(|r| r.churn.is_none() && r.contacts.is_none()));
    }
}
