//! The view in words: the brief's sentence, readings and the NPS charts.

use super::slice::VoiceSlice;
use super::view::VoiceView;
use super::words::category_name;
use super::words::count;
use super::words::points_text;
use crate::i18n::fill;
use crate::i18n::LocaleStrings;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::ChartSpec;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Mark;
use cxi_types::chart::Series;
use cxi_types::format;
use cxi_types::Figure;
use cxi_types::Locale;

impl VoiceView {
    /// The brief's sentence: what the move is worth, with its basis.
    pub fn move_sentence(&self, s: &VoiceSlice) -> String {
        let locale = s.locale;
        let t = locale.strings().voice;
        let a = &s.voice;
        let Ok(m) = &self.money else {
            return String::new();
        };
        if a.detractors_to_passives_pct == 0.0 && a.passives_to_promoters_pct == 0.0 {
            return t.move_none.into();
        }
        let pv = m.scenario.present_value - m.baseline.present_value;
        let mut out = fill(
            t.move_sentence,
            &[
                (
                    "share",
                    &format::percent(locale, a.detractors_to_passives_pct / 100.0, 1),
                ),
                ("pv", &format::money(locale, s.currency, pv)),
                ("years", &format::number(locale, a.horizon_years, 1)),
                (
                    "rate",
                    &format::percent(locale, s.clv.annual_discount_pct / 100.0, 1),
                ),
                ("lifetime", &format::money(locale, s.currency, m.move_value)),
            ],
        );
        if a.passives_to_promoters_pct > 0.0 {
            out.push(' ');
            out.push_str(&fill(
                t.move_and,
                &[(
                    "share",
                    &format::percent(locale, a.passives_to_promoters_pct / 100.0, 1),
                )],
            ));
        }
        out
    }

    /// NPS answers: 0–10 bars coloured by category (data), or the three
    /// category counts (assumptions).
    pub fn distribution_chart(&self, locale: Locale) -> ChartSpec {
        let t = locale.strings().voice;
        let colour = |score: usize| match score {
            0..=6 => Colour::Vermillion,
            7 | 8 => Colour::Grey,
            _ => Colour::BluishGreen,
        };
        let n = self.counts.n() as f64;
        let share = |c: u64| {
            if n > 0.0 {
                Figure::percent(c as f64 / n)
            } else {
                Figure::Missing
            }
        };
        let (cats, spans, colours, rows, x_label): (Vec<String>, _, _, Vec<Vec<Figure>>, &str) =
            match self.scores {
                Some(sc) => (
                    (0..11).map(|i| i.to_string()).collect(),
                    sc.iter().map(|&c| (0.0, c as f64)).collect(),
                    (0..11).map(colour).collect(),
                    sc.iter()
                        .enumerate()
                        .map(|(i, &c)| {
                            vec![
                                count(i as f64),
                                Figure::Text(category_name(i, t).into()),
                                count(c as f64),
                                share(c),
                            ]
                        })
                        .collect(),
                    t.score,
                ),
                None => {
                    let c = [
                        self.counts.detractors,
                        self.counts.passives,
                        self.counts.promoters,
                    ];
                    let names = [t.detractors, t.passives, t.promoters];
                    (
                        names.iter().map(|x| x.to_string()).collect(),
                        c.iter().map(|&x| (0.0, x as f64)).collect(),
                        vec![Colour::Vermillion, Colour::Grey, Colour::BluishGreen],
                        names
                            .iter()
                            .zip(c)
                            .map(|(name, x)| {
                                vec![
                                    Figure::Text(name.to_string()),
                                    Figure::Text(name.to_string()),
                                    count(x as f64),
                                    share(x),
                                ]
                            })
                            .collect(),
                        t.category,
                    )
                }
            };
        let nps = self.estimate.as_ref().map(|e| e.nps).unwrap_or(f64::NAN);
        ChartSpec {
            id: "nps-distribution".into(),
            title: t.distribution.into(),
            alt: fill(
                t.distribution_alt,
                &[
                    ("n", &format::number(locale, n, 0)),
                    (
                        "promoters",
                        &format::number(locale, self.counts.promoters as f64, 0),
                    ),
                    (
                        "passives",
                        &format::number(locale, self.counts.passives as f64, 0),
                    ),
                    (
                        "detractors",
                        &format::number(locale, self.counts.detractors as f64, 0),
                    ),
                    ("nps", &points_text(locale, nps)),
                ],
            ),
            x: Axis::new(x_label, AxisFormat::Categories(cats)),
            y: Axis::new(t.answers_axis, AxisFormat::Number),
            // One colour per bar (category): the axis and the counts table
            // name them, a one-colour legend entry would mislead.
            series: vec![Series {
                name: String::new(),
                colour: Colour::Blue,
                mark: Mark::Bars {
                    spans,
                    colours,
                    horizontal: false,
                },
            }],
            spokes: Vec::new(),
            table: DataTable {
                headers: vec![
                    x_label.into(),
                    t.category.into(),
                    t.answers_axis.into(),
                    t.share.into(),
                ],
                rows,
            },
        }
    }
}
