//! A chart as data: what to draw, on which axes, with which data table and
//! text summary. Pages build a [`ChartSpec`] (natively tested); the UI's
//! renderer draws it with plotters on a canvas for the screen and as SVG for
//! download, and lays out its legend, table and alt text.

use crate::Figure;
use serde::{Deserialize, Serialize};

/// Okabe & Ito (2008) colour-blind-safe palette, plus grey and ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    Blue,
    Vermillion,
    BluishGreen,
    Orange,
    SkyBlue,
    Yellow,
    ReddishPurple,
    Grey,
    Ink,
}

impl Colour {
    /// The series colours in the order a chart uses them.
    pub const SERIES: [Colour; 7] = [
        Colour::Blue,
        Colour::Vermillion,
        Colour::BluishGreen,
        Colour::Orange,
        Colour::SkyBlue,
        Colour::ReddishPurple,
        Colour::Yellow,
    ];

    /// `#RRGGBB`.
    pub fn hex(self) -> &'static str {
        match self {
            Colour::Blue => "#0072B2",
            Colour::Vermillion => "#D55E00",
            Colour::BluishGreen => "#009E73",
            Colour::Orange => "#E69F00",
            Colour::SkyBlue => "#56B4E9",
            Colour::Yellow => "#F0E442",
            Colour::ReddishPurple => "#CC79A7",
            Colour::Grey => "#8C8C8C",
            Colour::Ink => "#1F2937",
        }
    }

    /// Name used in CSS classes (`swatch c-blue`): a stylesheet, not inline
    /// styles, so the Content-Security-Policy needs no `unsafe-inline`.
    pub fn id(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Vermillion => "vermillion",
            Colour::BluishGreen => "bluish-green",
            Colour::Orange => "orange",
            Colour::SkyBlue => "sky-blue",
            Colour::Yellow => "yellow",
            Colour::ReddishPurple => "reddish-purple",
            Colour::Grey => "grey",
            Colour::Ink => "ink",
        }
    }

    pub fn rgb(self) -> (u8, u8, u8) {
        let h = self.hex();
        let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
        (p(1), p(3), p(5))
    }
}

/// How an axis writes its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AxisFormat {
    /// Amounts in the scenario currency (compact on ticks: `12 k€`).
    Money,
    /// Fractions as percentages.
    Percent,
    /// Plain numbers.
    Number,
    /// Named positions 0, 1, 2… (bars): the names, in order.
    Categories(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// With its unit: "Months since acquisition", "Value (EUR)".
    pub label: String,
    pub format: AxisFormat,
    /// Fixed range; `None` fits the data (and includes 0 for bars).
    pub range: Option<(f64, f64)>,
}

impl Axis {
    pub fn new(label: impl Into<String>, format: AxisFormat) -> Axis {
        Axis {
            label: label.into(),
            format,
            range: None,
        }
    }
}

/// What one series draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A line through (x, y) points; long series are downsampled before
    /// drawing.
    Line {
        points: Vec<(f64, f64)>,
        dashed: bool,
    },
    /// A line filled down to y = 0.
    Area { points: Vec<(f64, f64)> },
    /// An uncertainty band: (x, low, high).
    Band { points: Vec<(f64, f64, f64)> },
    /// Floating bars at category positions 0, 1, 2… of the category axis
    /// (x, or y when `horizontal`): each (from, to), so plain bars start at
    /// 0 and waterfall or tornado bars float. One colour per bar, or the
    /// series colour when `colours` is empty.
    Bars {
        spans: Vec<(f64, f64)>,
        colours: Vec<Colour>,
        horizontal: bool,
    },
    /// Labelled dots (importance–performance quadrant).
    Points { points: Vec<(f64, f64, String)> },
    /// A reference line across the plot: vertical at `x` or horizontal at
    /// `y` (an average, a break-even, an asymptote).
    Rule { x: Option<f64>, y: Option<f64> },
    /// A closed polygon on a radar: one value per spoke, in spoke order.
    Radar { values: Vec<f64> },
    /// A grid of shaded cells: `values[row][col]` in [0, 1], rows on the y
    /// category axis, columns on the x category axis (P(alive) matrix).
    Grid { values: Vec<Vec<f64>> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Legend text.
    pub name: String,
    pub colour: Colour,
    pub mark: Mark,
}

/// The table behind a chart, shown by its "table" toggle and read by
/// screen readers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataTable {
    /// Column headers, with units.
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Figure>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// DOM id base and download file name (`clv-cumulative`).
    pub id: String,
    pub title: String,
    /// One or two sentences a screen reader reads instead of the picture,
    /// saying what it shows (trend, extremes), not how it looks.
    pub alt: String,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
    /// Radar charts: the spoke names (x and y axes are then ignored).
    #[serde(default)]
    pub spokes: Vec<String>,
    pub table: DataTable,
}
