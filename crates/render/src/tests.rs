//! Every mark kind drawn to SVG natively and read back structurally: the
//! reference is the spec itself (n bars → n rectangles of the bar colour,
//! axis titles and category names present as text, no NaN anywhere).

use super::*;
use cxi_types::chart::Axis;
use cxi_types::chart::AxisFormat;
use cxi_types::chart::Colour;
use cxi_types::chart::DataTable;
use cxi_types::chart::Series;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

fn spec(x: Axis, y: Axis, series: Vec<Series>) -> ChartSpec {
    ChartSpec {
        id: "test".into(),
        title: "Test chart".into(),
        alt: "A test chart.".into(),
        x,
        y,
        series,
        spokes: vec![],
        table: DataTable::default(),
    }
}

fn series(name: &str, colour: Colour, mark: Mark) -> Series {
    Series {
        name: name.into(),
        colour,
        mark,
    }
}

fn render(s: &ChartSpec, w: u32) -> String {
    svg(s, w, height_for(w as f64) as u32, &plain_format)
}

/// Without title and legend, as on the page: only the marks and axes.
fn bare(s: &ChartSpec, w: u32) -> String {
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (w, height_for(w as f64) as u32)).into_drawing_area();
        draw(&root, s, Options::default(), &plain_format, &estimate_width).unwrap();
        root.present().unwrap();
    }
    out
}

/// A text element reading exactly `t` (plotters-svg puts it on its own line).
fn has_text(svg: &str, t: &str) -> bool {
    svg.contains(&format!("\n{t}\n</text>"))
}

/// Elements `<tag ...>` whose attributes include `attr`.
fn count(svg: &str, tag: &str, attr: &str) -> usize {
    svg.split(&format!("<{tag} "))
        .skip(1)
        .filter(|e| e.split('>').next().is_some_and(|a| a.contains(attr)))
        .count()
}

fn fill(c: Colour) -> String {
    format!("fill=\"{}\"", c.hex().to_uppercase())
}

fn check_sane(svg: &str) {
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    if let Some(i) = svg.find("NaN") {
        panic!(
            "NaN in the SVG: {}",
            &svg[svg[..i].rfind('<').unwrap_or(0)..(i + 40).min(svg.len())]
        );
    }
    assert!(!svg.contains("inf"), "infinity in the SVG");
}

#[test]
fn vertical_bars_one_rect_each_with_category_names() {
    let names: Vec<String> = ["North", "South", "East", "West"]
        .map(String::from)
        .to_vec();
    let s = spec(
        Axis::new("Region", AxisFormat::Categories(names.clone())),
        Axis::new("Revenue (EUR)", AxisFormat::Money),
        vec![series(
            "Revenue",
            Colour::Vermillion,
            Mark::Bars {
                spans: vec![(0.0, 120.0), (0.0, 80.0), (0.0, 95.5), (0.0, 40.0)],
                colours: vec![],
                horizontal: false,
            },
        )],
    );
    for w in [390, 800, 1600] {
        let out = bare(&s, w);
        check_sane(&out);
        assert_eq!(
            count(&out, "rect", &fill(Colour::Vermillion)),
            4,
            "width {w}"
        );
        for n in &names {
            assert!(has_text(&out, n), "category {n} at width {w}");
        }
        assert!(has_text(&out, "Revenue (EUR)") && has_text(&out, "Region"));
        assert!(!has_text(&out, "Test chart"));
        // A download carries its title and legend (one more swatch).
        let out = render(&s, w);
        check_sane(&out);
        assert!(has_text(&out, "Test chart") && has_text(&out, "Revenue"));
        assert_eq!(
            count(&out, "rect", &fill(Colour::Vermillion)),
            5,
            "width {w}"
        );
    }
}

#[test]
fn per_bar_colours_and_floating_waterfall_spans() {
    let s = spec(
        Axis::new(
            "Step",
            AxisFormat::Categories(vec![
                "Start".into(),
                "Gain".into(),
                "Loss".into(),
                "End".into(),
            ]),
        ),
        Axis::new("Value (EUR)", AxisFormat::Money),
        vec![series(
            "Bridge",
            Colour::Grey,
            Mark::Bars {
                spans: vec![(0.0, 100.0), (100.0, 150.0), (150.0, 120.0), (0.0, 120.0)],
                colours: vec![Colour::Blue, Colour::BluishGreen, Colour::Vermillion],
                horizontal: false,
            },
        )],
    );
    let out = bare(&s, 800);
    check_sane(&out);
    assert_eq!(count(&out, "rect", &fill(Colour::Blue)), 1);
    assert_eq!(count(&out, "rect", &fill(Colour::BluishGreen)), 1);
    assert_eq!(count(&out, "rect", &fill(Colour::Vermillion)), 1);
    // The fourth bar has no colour of its own: the series colour.
    assert_eq!(count(&out, "rect", &fill(Colour::Grey)), 1);
    // Floating: the loss bar spans 120..150, so it is 30/100 of the first
    // bar's height (± a pixel of rounding).
    let heights: Vec<f64> = out
        .split("<rect ")
        .skip(1)
        .filter(|e| {
            [Colour::Blue, Colour::Vermillion]
                .iter()
                .any(|c| e.contains(&fill(*c)))
        })
        .map(|e| {
            e.split("height=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        (heights[1] - heights[0] * 30.0 / 100.0).abs() <= 1.5,
        "{heights:?}"
    );
}

#[test]
fn horizontal_bars_put_categories_on_y_first_on_top() {
    let names = vec![
        "Price".to_string(),
        "Churn".to_string(),
        "Margin".to_string(),
    ];
    let s = spec(
        Axis::new("Change in value (EUR)", AxisFormat::Money),
        Axis::new("", AxisFormat::Categories(names.clone())),
        vec![series(
            "Low",
            Colour::Blue,
            Mark::Bars {
                spans: vec![(-30.0, 0.0), (-10.0, 0.0), (-5.0, 0.0)],
                colours: vec![],
                horizontal: true,
            },
        )],
    );
    let out = bare(&s, 640);
    check_sane(&out);
    assert_eq!(count(&out, "rect", &fill(Colour::Blue)), 3);
    let y_of = |name: &str| -> f64 {
        let i = out.find(&format!("\n{name}\n</text>")).expect(name);
        let tag = &out[out[..i].rfind("<text").unwrap()..i];
        let y = tag.split("y=\"").nth(1).unwrap().split('"').next().unwrap();
        y.parse().unwrap()
    };
    assert!(y_of("Price") < y_of("Churn") && y_of("Churn") < y_of("Margin"));
    // The widest bar (-30) is the first: its rectangle is the widest.
    let widths: Vec<f64> = out
        .split("<rect ")
        .skip(1)
        .filter(|e| e.contains(&fill(Colour::Blue)))
        .map(|e| {
            e.split("width=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(
        widths[0] > 2.5 * widths[1] && widths[1] > 1.5 * widths[2],
        "{widths:?}"
    );
}

#[test]
fn lines_areas_bands_rules_points() {
    let pts: Vec<(f64, f64)> = (0..=24)
        .map(|m| (m as f64, 100.0 * (1.0 - 0.9f64.powi(m))))
        .collect();
    let s = spec(
        Axis::new("Months since acquisition", AxisFormat::Number),
        Axis::new("Cumulative value (EUR)", AxisFormat::Money),
        vec![
            series(
                "Band",
                Colour::SkyBlue,
                Mark::Band {
                    points: pts.iter().map(|(x, y)| (*x, y * 0.9, y * 1.1)).collect(),
                },
            ),
            series(
                "Area",
                Colour::Blue,
                Mark::Area {
                    points: pts.clone(),
                },
            ),
            series(
                "Dashed",
                Colour::Orange,
                Mark::Line {
                    points: pts.iter().map(|(x, y)| (*x, y * 0.5)).collect(),
                    dashed: true,
                },
            ),
            series(
                "Asymptote",
                Colour::Vermillion,
                Mark::Rule {
                    x: None,
                    y: Some(100.0),
                },
            ),
            series(
                "Break-even",
                Colour::Grey,
                Mark::Rule {
                    x: Some(6.0),
                    y: None,
                },
            ),
            series(
                "Segments",
                Colour::ReddishPurple,
                Mark::Points {
                    points: vec![(3.0, 50.0, "Loyal".into()), (12.0, 20.0, "At risk".into())],
                },
            ),
        ],
    );
    let out = bare(&s, 800);
    check_sane(&out);
    assert!(out.contains("Months since acquisition") && out.contains("Cumulative value (EUR)"));
    assert!(out.contains("Loyal") && out.contains("At risk"));
    // Band and area are filled polygons; the area's outline and the dashes
    // are polylines in their colours.
    assert_eq!(count(&out, "polygon", &fill(Colour::SkyBlue)), 1);
    assert_eq!(count(&out, "polygon", &fill(Colour::Blue)), 1);
    let stroke = |c: Colour| format!("stroke=\"{}\"", c.hex().to_uppercase());
    assert!(count(&out, "polyline", &stroke(Colour::Blue)) >= 1);
    // A dashed line is drawn as many short segments.
    assert!(count(&out, "polyline", &stroke(Colour::Orange)) > 5);
    assert!(count(&out, "polyline", &stroke(Colour::Vermillion)) > 5);
    assert_eq!(count(&out, "circle", &fill(Colour::ReddishPurple)), 2);
    // Tick labels come from the formatter.
    assert!(has_text(&out, "100") || has_text(&out, "80") || has_text(&out, "60"));
}

#[test]
fn radar_spokes_rings_and_one_polygon_per_series() {
    let mut s = spec(
        Axis::new("", AxisFormat::Number),
        Axis::new("Score", AxisFormat::Number),
        vec![
            series(
                "You",
                Colour::Blue,
                Mark::Radar {
                    values: vec![3.0, 4.0, 2.0, 5.0, 1.0],
                },
            ),
            series(
                "Target",
                Colour::Orange,
                Mark::Radar {
                    values: vec![4.0, 4.0, 4.0, 4.0, 4.0],
                },
            ),
        ],
    );
    s.y.range = Some((0.0, 5.0));
    s.spokes = ["Strategy", "Insight", "Design", "Culture", "Measurement"]
        .map(String::from)
        .to_vec();
    for w in [390, 900] {
        let out = bare(&s, w);
        check_sane(&out);
        for name in &s.spokes {
            assert!(out.contains(name.as_str()), "{name}");
        }
        assert_eq!(count(&out, "polygon", &fill(Colour::Blue)), 1);
        assert_eq!(count(&out, "polygon", &fill(Colour::Orange)), 1);
        // Five vertices per series.
        assert_eq!(count(&out, "circle", &fill(Colour::Blue)), 5);
        // Ring labels at quarters of 0–5.
        assert!(has_text(&out, "1.25") && has_text(&out, "5"));
    }
}

#[test]
fn grid_cells_and_scale() {
    let rows = 4;
    let cols = 6;
    let values: Vec<Vec<f64>> = (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| (r * cols + c) as f64 / (rows * cols) as f64)
                .collect()
        })
        .collect();
    let s = spec(
        Axis::new(
            "Purchases",
            AxisFormat::Categories((0..cols).map(|c| c.to_string()).collect()),
        ),
        Axis::new(
            "Recency",
            AxisFormat::Categories((0..rows).map(|r| format!("r{r}")).collect()),
        ),
        vec![series("P(alive)", Colour::Blue, Mark::Grid { values })],
    );
    let out = render(&s, 800);
    check_sane(&out);
    // Cells are rects between white and blue; white (value 0) is the first.
    let cells = out
        .split("<rect ")
        .skip(1)
        .filter(|e| e.contains("stroke=\"none\"") || e.contains("fill=\"#"))
        .count();
    assert!(cells >= rows * cols + 20, "{cells}");
    assert!(has_text(&out, "100%") && has_text(&out, "0%"));
    assert!(has_text(&out, "r0") && has_text(&out, "r3"));
}

#[test]
fn empty_and_non_finite_do_not_panic_or_leak_nan() {
    let weird = vec![
        series(
            "Empty line",
            Colour::Blue,
            Mark::Line {
                points: vec![],
                dashed: false,
            },
        ),
        series(
            "Gappy line",
            Colour::Orange,
            Mark::Line {
                points: vec![
                    (0.0, f64::NAN),
                    (1.0, 2.0),
                    (f64::INFINITY, 3.0),
                    (3.0, 4.0),
                    (4.0, 5.0),
                ],
                dashed: true,
            },
        ),
        series("Empty area", Colour::Blue, Mark::Area { points: vec![] }),
        series(
            "Band",
            Colour::SkyBlue,
            Mark::Band {
                points: vec![(0.0, f64::NAN, 1.0)],
            },
        ),
        series(
            "Bars",
            Colour::Grey,
            Mark::Bars {
                spans: vec![(f64::NAN, 1.0), (0.0, f64::NEG_INFINITY)],
                colours: vec![],
                horizontal: false,
            },
        ),
        series(
            "Points",
            Colour::Yellow,
            Mark::Points {
                points: vec![(f64::NAN, 0.0, "x".into())],
            },
        ),
        series(
            "Rule",
            Colour::Ink,
            Mark::Rule {
                x: Some(f64::NAN),
                y: None,
            },
        ),
        series(
            "Grid",
            Colour::Blue,
            Mark::Grid {
                values: vec![vec![], vec![f64::NAN, 2.0, -1.0]],
            },
        ),
    ];
    let cases = vec![
        spec(
            Axis::new("x", AxisFormat::Number),
            Axis::new("y", AxisFormat::Money),
            vec![],
        ),
        spec(
            Axis::new("x", AxisFormat::Number),
            Axis::new("y", AxisFormat::Money),
            weird.clone(),
        ),
        spec(
            Axis::new("x", AxisFormat::Categories(vec![])),
            Axis::new("y", AxisFormat::Percent),
            weird,
        ),
        spec(
            Axis::new("x", AxisFormat::Number),
            Axis::new("y", AxisFormat::Number),
            vec![series(
                "R",
                Colour::Blue,
                Mark::Radar {
                    values: vec![f64::NAN, f64::INFINITY],
                },
            )],
        ),
        spec(
            Axis {
                label: "x".into(),
                format: AxisFormat::Number,
                range: Some((f64::NAN, 1.0)),
            },
            Axis {
                label: "y".into(),
                format: AxisFormat::Number,
                range: Some((5.0, 5.0)),
            },
            vec![series(
                "Huge",
                Colour::Blue,
                Mark::Line {
                    points: vec![(-1e300, 1e308), (1e300, -1e308)],
                    dashed: false,
                },
            )],
        ),
    ];
    for s in &cases {
        for w in [1, 200, 390, 1280] {
            let out = svg(s, w, 300, &plain_format);
            check_sane(&out);
        }
    }
    // The finite part of the NaN line is still drawn.
    let out = render(&cases[1], 800);
    assert!(out.contains("Gappy line"));
}

#[test]
fn long_series_are_downsampled_in_the_svg() {
    let n = 50_000;
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|i| (i as f64, (i as f64 * 0.001).sin()))
        .collect();
    let s = spec(
        Axis::new("t", AxisFormat::Number),
        Axis::new("v", AxisFormat::Number),
        vec![series(
            "Long",
            Colour::Blue,
            Mark::Line {
                points: pts,
                dashed: false,
            },
        )],
    );
    let out = render(&s, 800);
    check_sane(&out);
    let line = out
        .split("<polyline ")
        .skip(1)
        .find(|e| e.contains(&format!("stroke=\"{}\"", Colour::Blue.hex())))
        .expect("the line");
    let points = line
        .split("points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let count = points.split_whitespace().count();
    assert!(count <= 2 * 800 + 2, "{count} points drawn");
    assert!(count > 100);
}

#[test]
fn long_category_names_wrap_or_turn_on_a_phone() {
    let names: Vec<String> = (0..8)
        .map(|i| format!("Customer segment number {i}"))
        .collect();
    let s = spec(
        Axis::new("Segment", AxisFormat::Categories(names.clone())),
        Axis::new("Customers", AxisFormat::Number),
        vec![series(
            "Customers",
            Colour::Blue,
            Mark::Bars {
                spans: (0..8).map(|i| (0.0, i as f64 + 1.0)).collect(),
                colours: vec![],
                horizontal: false,
            },
        )],
    );
    let out = render(&s, 390);
    check_sane(&out);
    // The slot is narrower than a word: names are set vertically, shortened
    // in the middle so each keeps its distinguishing end.
    for i in 0..8 {
        let shown = out
            .split("</text>")
            .filter(|t| t.contains("rotate(270"))
            .map(|t| t.rsplit('\n').nth(1).unwrap_or(""))
            .find(|t| t.starts_with("Cust") && t.ends_with(&format!(" {i}")));
        assert!(shown.is_some(), "label {i} in {out}");
    }
    // On a desktop the same names wrap onto lines under their bars.
    let out = bare(&s, 1280);
    // Only the y axis title is rotated.
    assert_eq!(out.matches("rotate(").count(), 1);
    assert_eq!(
        out.matches("\nCustomer segment\n").count() + out.matches("\nCustomer\n").count(),
        8
    );
}

#[test]
fn plain_format_hand_cases() {
    assert_eq!(plain_format(&AxisFormat::Percent, 0.355), "35.5%");
    assert_eq!(plain_format(&AxisFormat::Money, 12_345.0), "12.35k");
    assert_eq!(plain_format(&AxisFormat::Number, 2.5e6), "2.5M");
    assert_eq!(plain_format(&AxisFormat::Number, -0.0001), "0");
    assert_eq!(plain_format(&AxisFormat::Number, f64::NAN), "—");
}

fn arb_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -1e6..1e6f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => -1e300..1e300f64,
    ]
}

fn arb_colour() -> impl Strategy<Value = Colour> {
    prop::sample::select(vec![
        Colour::Blue,
        Colour::Vermillion,
        Colour::BluishGreen,
        Colour::Orange,
        Colour::SkyBlue,
        Colour::Yellow,
        Colour::ReddishPurple,
        Colour::Grey,
        Colour::Ink,
    ])
}

fn arb_points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((arb_f64(), arb_f64()), 0..40)
}

fn arb_mark() -> impl Strategy<Value = Mark> {
    prop_oneof![
        (arb_points(), any::<bool>()).prop_map(|(points, dashed)| Mark::Line { points, dashed }),
        arb_points().prop_map(|points| Mark::Area { points }),
        prop::collection::vec((arb_f64(), arb_f64(), arb_f64()), 0..30)
            .prop_map(|points| Mark::Band { points }),
        (
            arb_points(),
            prop::collection::vec(arb_colour(), 0..5),
            any::<bool>()
        )
            .prop_map(|(spans, colours, horizontal)| Mark::Bars {
                spans,
                colours,
                horizontal
            }),
        prop::collection::vec((arb_f64(), arb_f64(), "[a-zé ]{0,12}"), 0..10)
            .prop_map(|points| Mark::Points { points }),
        (prop::option::of(arb_f64()), prop::option::of(arb_f64()))
            .prop_map(|(x, y)| Mark::Rule { x, y }),
        prop::collection::vec(arb_f64(), 0..9).prop_map(|values| Mark::Radar { values }),
        prop::collection::vec(prop::collection::vec(arb_f64(), 0..7), 0..6)
            .prop_map(|values| Mark::Grid { values }),
    ]
}

fn arb_format() -> impl Strategy<Value = AxisFormat> {
    prop_oneof![
        Just(AxisFormat::Money),
        Just(AxisFormat::Percent),
        Just(AxisFormat::Number),
        prop::collection::vec("[A-Za-z ]{0,30}", 0..12).prop_map(AxisFormat::Categories),
    ]
}

fn arb_axis() -> impl Strategy<Value = Axis> {
    (
        "[A-Za-z() ]{0,30}",
        arb_format(),
        prop::option::of((arb_f64(), arb_f64())),
    )
        .prop_map(|(label, format, range)| Axis {
            label,
            format,
            range,
        })
}

fn arb_spec() -> impl Strategy<Value = ChartSpec> {
    (
        arb_axis(),
        arb_axis(),
        prop::collection::vec(("[A-Za-z ]{0,15}", arb_colour(), arb_mark()), 0..5),
        prop::collection::vec("[A-Za-z ]{0,20}", 0..8),
    )
        .prop_map(|(x, y, series, spokes)| {
            let mut s = spec(
                x,
                y,
                series
                    .into_iter()
                    .map(|(n, c, m)| Series {
                        name: n,
                        colour: c,
                        mark: m,
                    })
                    .collect(),
            );
            s.spokes = spokes;
            s
        })
}

#[test]
fn random_specs_never_panic_nor_print_nan() {
    let mut runner = TestRunner::new(Config {
        cases: 300,
        rng_seed: RngSeed::Fixed(0x0C4A_7250),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(arb_spec(), 1u32..2000, 1u32..1200, 0.5f64..3.0),
            |(s, w, h, scale)| {
                let out = svg(&s, w, h, &plain_format);
                prop_assert!(!out.contains("NaN"));
                let mut canvas = String::new();
                {
                    let root = SVGBackend::with_string(&mut canvas, (w, h)).into_drawing_area();
                    let options = Options {
                        scale,
                        title: false,
                        legend: false,
                    };
                    prop_assert!(draw(&root, &s, options, &plain_format, &estimate_width).is_ok());
                }
                prop_assert!(!canvas.contains("NaN"));
                Ok(())
            },
        )
        .unwrap();
}

/// plotters asks the backend for text sizes on its own in a few places
/// (on the web that inserts a styled element the CSP forbids): the
/// renderer must never get there, at any size, even squeezed to a few
/// pixels; [`Measured`] answers if it does.
#[test]
fn random_specs_never_ask_plotters_to_estimate_text() {
    let asked = std::cell::Cell::new(0usize);
    let counting = |t: &str, s: f64| {
        asked.set(asked.get() + 1);
        estimate_width(t, s)
    };
    let mut runner = TestRunner::new(Config {
        cases: 300,
        rng_seed: RngSeed::Fixed(0x0E57_1A7E),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(arb_spec(), 1u32..400, 1u32..400, 0.5f64..3.0, any::<bool>()),
            |(s, w, h, scale, framed)| {
                asked.set(0);
                let mut out = String::new();
                {
                    let backend =
                        Measured::new(SVGBackend::with_string(&mut out, (w, h)), &counting);
                    let root = backend.into_drawing_area();
                    let options = Options {
                        scale,
                        title: framed,
                        legend: framed,
                    };
                    prop_assert!(draw(&root, &s, options, &plain_format, &estimate_width).is_ok());
                }
                prop_assert_eq!(
                    asked.get(),
                    0,
                    "{}x{} {:?}",
                    w,
                    h,
                    s.series.iter().map(|x| &x.mark).collect::<Vec<_>>()
                );
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn measured_backend_answers_with_the_measure() {
    let mut out = String::new();
    let backend = Measured::new(SVGBackend::with_string(&mut out, (100, 100)), &|t, s| {
        t.len() as f64 * s
    });
    let style = TextStyle::from(("sans-serif", 10.0).into_font());
    assert_eq!(backend.estimate_text_size("abc", &style).unwrap(), (30, 12));
    drop(backend);
    let nan = Measured::new(SVGBackend::with_string(&mut out, (1, 1)), &|_, _| f64::NAN);
    assert_eq!(nan.estimate_text_size("abc", &style).unwrap(), (0, 12));
}

/// The y centres of the rects of colour `c`, top to bottom.
fn rect_centres(svg: &str, c: Colour) -> Vec<f64> {
    svg.split("<rect ")
        .skip(1)
        .filter(|e| e.contains(&fill(c)))
        .map(|e| {
            let attr = |k: &str| -> f64 {
                e.split(&format!(" {k}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            attr("y") + attr("height") / 2.0
        })
        .collect()
}

#[test]
fn tornado_sides_share_a_row_grouped_bars_do_not() {
    let cats = AxisFormat::Categories(vec!["Retention".into(), "Margin".into()]);
    let tornado = spec(
        Axis::new("Change (EUR)", AxisFormat::Money),
        Axis::new("", cats.clone()),
        vec![
            series(
                "Low",
                Colour::Vermillion,
                Mark::Bars {
                    spans: vec![(-30.0, 0.0), (-10.0, 0.0)],
                    colours: vec![],
                    horizontal: true,
                },
            ),
            series(
                "High",
                Colour::Blue,
                Mark::Bars {
                    spans: vec![(0.0, 25.0), (0.0, 12.0)],
                    colours: vec![],
                    horizontal: true,
                },
            ),
        ],
    );
    let out = bare(&tornado, 640);
    let (low, high) = (
        rect_centres(&out, Colour::Vermillion),
        rect_centres(&out, Colour::Blue),
    );
    assert_eq!(low.len(), 2);
    for (a, b) in low.iter().zip(&high) {
        assert!((a - b).abs() <= 1.0, "{low:?} {high:?}");
    }
    // Before/after bars over the same stretch sit side by side.
    let grouped = spec(
        Axis::new("Change (EUR)", AxisFormat::Money),
        Axis::new("", cats),
        vec![
            series(
                "Before",
                Colour::Vermillion,
                Mark::Bars {
                    spans: vec![(0.0, 30.0), (0.0, 10.0)],
                    colours: vec![],
                    horizontal: true,
                },
            ),
            series(
                "After",
                Colour::Blue,
                Mark::Bars {
                    spans: vec![(0.0, 25.0), (0.0, 12.0)],
                    colours: vec![],
                    horizontal: true,
                },
            ),
        ],
    );
    let out = bare(&grouped, 640);
    let (a, b) = (
        rect_centres(&out, Colour::Vermillion),
        rect_centres(&out, Colour::Blue),
    );
    assert!(
        a.iter().zip(&b).all(|(a, b)| (a - b).abs() > 5.0),
        "{a:?} {b:?}"
    );
}

#[test]
fn text_is_escaped_in_the_svg() {
    let mut s = spec(
        Axis::new("Coût <net> & marge (€)", AxisFormat::Number),
        Axis::new("Valeur d'un \"client\"", AxisFormat::Money),
        vec![series(
            "A & B <script>",
            Colour::Blue,
            Mark::Points {
                points: vec![(1.0, 2.0, "<i>x</i>".into())],
            },
        )],
    );
    s.title = "Tom & Jerry's <chart>".into();
    let out = render(&s, 800);
    check_sane(&out);
    assert!(!out.contains("<script>") && !out.contains("<i>") && !out.contains("<net>"));
    assert!(has_text(&out, "Tom &amp; Jerry&apos;s &lt;chart&gt;"));
    assert!(has_text(&out, "Coût &lt;net&gt; &amp; marge (€)"));
}

/// The caller's measure decides the label layout: names that "fit" stay
/// horizontal, names that do not are set vertically.
#[test]
fn the_text_measure_drives_category_labels() {
    let names: Vec<String> = ["North", "South", "East"].map(String::from).to_vec();
    let s = spec(
        Axis::new("Region", AxisFormat::Categories(names)),
        Axis::new("Revenue", AxisFormat::Money),
        vec![series(
            "Revenue",
            Colour::Blue,
            Mark::Bars {
                spans: vec![(0.0, 1.0), (0.0, 2.0), (0.0, 3.0)],
                colours: vec![],
                horizontal: false,
            },
        )],
    );
    let with = |measure: Measure| {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (600, 320)).into_drawing_area();
            draw(&root, &s, Options::default(), &plain_format, measure).unwrap();
        }
        out
    };
    // Only the y axis title is rotated when names are narrow…
    assert_eq!(with(&|_, _| 10.0).matches("rotate(").count(), 1);
    // …and the three names too when each is wider than its slot.
    assert_eq!(with(&|_, _| 1000.0).matches("rotate(").count(), 4);
}
