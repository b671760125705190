//! Which shape of data a table is, and which column holds what.
//!
//! Guesses come from the headers, matched against English and French
//! synonyms after folding (case, accents, punctuation: see
//! [`fold`](super::text::fold())), and from the data where headers cannot
//! tell (duplicate customer ids mean a transaction log; small whole numbers
//! in an unnamed column are attribute ratings). Every guess is a [`Mapping`]
//! the user can edit; it is serde-serialisable for the UI state.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

use super::date::DateOrder;
use super::number::{parse_number_with, DecimalSeparator};
use super::table::Table;
use super::text::fold;
use cxi_types::period::PeriodUnit;

/// The shapes of data the app can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per purchase: customer id, date, amount [, channel, segment].
    Transactions,
    /// One row per customer: id, revenue or margin per period, acquisition
    /// date, churn flag or date, channel and cost, NPS, CSAT, CES, segment,
    /// attribute ratings.
    Customers,
    /// One row per answer: NPS, CSAT or CES score [+ attribute ratings,
    /// segment].
    Survey,
    /// One row per customer, as lifetimes' `summary_data_from_transaction_data`
    /// makes it (see `docs/rfm.sql`): frequency, recency, T [, monetary value].
    Rfm,
    /// One row per acquisition cohort: customers still active at period
    /// 0, 1, 2... (one column per period).
    Cohort,
}

impl Shape {
    pub const ALL: [Shape; 5] = [
        Shape::Transactions,
        Shape::Customers,
        Shape::Survey,
        Shape::Rfm,
        Shape::Cohort,
    ];

    /// Groups of fields a mapping of this shape must have, one of each
    /// group.
    pub fn required(self) -> &'static [&'static [Field]] {
        use Field::*;
        match self {
            Shape::Transactions => &[&[CustomerId], &[OrderDate], &[Amount]],
            Shape::Customers => &[
                &[CustomerId],
                &[Revenue, Margin, Churned, ChurnDate, AcquisitionCost],
            ],
            Shape::Survey => &[&[Nps, Csat, Ces]],
            Shape::Rfm => &[&[Frequency], &[Recency], &[T]],
            Shape::Cohort => &[&[Cohort]],
        }
    }

    /// Every single-column field this shape can use.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Shape::Transactions => &[CustomerId, OrderDate, Amount, Channel, Segment],
            Shape::Customers => &[
                CustomerId,
                Revenue,
                Margin,
                AcquisitionDate,
                Churned,
                ChurnDate,
                Channel,
                AcquisitionCost,
                Nps,
                Csat,
                Ces,
                Segment,
            ],
            Shape::Survey => &[CustomerId, Nps, Csat, Ces, Segment, Channel],
            Shape::Rfm => &[CustomerId, Frequency, Recency, T, MonetaryValue],
            Shape::Cohort => &[Cohort],
        }
    }

    fn has_attributes(self) -> bool {
        matches!(self, Shape::Customers | Shape::Survey)
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Transactions => "transaction log",
            Shape::Customers => "customer table",
            Shape::Survey => "survey answers",
            Shape::Rfm => "RFM summary",
            Shape::Cohort => "cohort survival table",
        }
    }
}

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    CustomerId,
    /// Date of a purchase (transaction log).
    OrderDate,
    /// Amount of a purchase (transaction log).
    Amount,
    Channel,
    Segment,
    /// Revenue per period (customer table).
    Revenue,
    /// Margin per period (customer table).
    Margin,
    AcquisitionDate,
    /// Churn flag: yes/no, 1/0, or a status such as `actif`/`résilié`.
    Churned,
    ChurnDate,
    AcquisitionCost,
    /// Net Promoter Score answer, 0–10.
    Nps,
    /// Customer satisfaction score (any scale).
    Csat,
    /// Customer effort score (any scale).
    Ces,
    /// Number of repeat purchase periods (lifetimes' `frequency`).
    Frequency,
    /// Age at the last repeat purchase (lifetimes' `recency`).
    Recency,
    /// Age at the end of observation (lifetimes' `T`).
    T,
    /// Mean spend of repeat purchases (lifetimes' `monetary_value`).
    MonetaryValue,
    /// The cohort's label (acquisition month...).
    Cohort,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::CustomerId => "customer id",
            Field::OrderDate => "order date",
            Field::Amount => "amount",
            Field::Channel => "channel",
            Field::Segment => "segment",
            Field::Revenue => "revenue",
            Field::Margin => "margin",
            Field::AcquisitionDate => "acquisition date",
            Field::Churned => "churned",
            Field::ChurnDate => "churn date",
            Field::AcquisitionCost => "acquisition cost",
            Field::Nps => "NPS",
            Field::Csat => "CSAT",
            Field::Ces => "CES",
            Field::Frequency => "frequency",
            Field::Recency => "recency",
            Field::T => "T",
            Field::MonetaryValue => "monetary value",
            Field::Cohort => "cohort",
        }
    }

    /// Folded synonyms with a weight in (0, 1]: EN and FR.
    fn synonyms(self) -> &'static [(&'static str, f64)] {
        match self {
            Field::CustomerId => &[
                ("customer id", 1.0),
                ("id client", 1.0),
                ("client id", 1.0),
                ("client", 1.0),
                ("customer", 1.0),
                ("identifiant client", 1.0),
                ("code client", 1.0),
                ("numero client", 1.0),
                ("n client", 1.0),
                ("no client", 1.0),
                ("num client", 1.0),
                ("ref client", 1.0),
                ("reference client", 1.0),
                ("customer number", 1.0),
                ("customer no", 1.0),
                ("customer ref", 1.0),
                ("cust id", 1.0),
                ("custid", 1.0),
                ("customerid", 1.0),
                ("idclient", 1.0),
                ("subscriber id", 1.0),
                ("id abonne", 1.0),
                ("abonne", 0.9),
                ("subscriber", 0.9),
                ("account id", 0.9),
                ("compte", 0.8),
                ("account", 0.8),
                ("user id", 0.9),
                ("member id", 0.9),
                ("id", 0.8),
                ("identifiant", 0.8),
                ("email", 0.7),
                ("e mail", 0.7),
                ("adresse email", 0.7),
                ("nom", 0.6),
                ("name", 0.6),
            ],
            Field::OrderDate => &[
                ("order date", 1.0),
                ("date de commande", 1.0),
                ("date commande", 1.0),
                ("date d achat", 1.0),
                ("date achat", 1.0),
                ("purchase date", 1.0),
                ("transaction date", 1.0),
                ("date transaction", 1.0),
                ("date de transaction", 1.0),
                ("invoice date", 0.9),
                ("date de facture", 0.9),
                ("date facture", 0.9),
                ("date", 0.9),
                ("jour", 0.7),
                ("day", 0.7),
                ("created at", 0.6),
            ],
            Field::Amount => &[
                ("amount", 1.0),
                ("montant", 1.0),
                ("order amount", 1.0),
                ("order value", 1.0),
                ("montant commande", 1.0),
                ("montant ttc", 1.0),
                ("montant ht", 1.0),
                ("valeur commande", 1.0),
                ("total", 0.9),
                ("total ttc", 0.9),
                ("total ht", 0.9),
                ("price", 0.8),
                ("prix", 0.8),
                ("sales", 0.8),
                ("ventes", 0.8),
                ("spend", 0.8),
                ("depense", 0.8),
                ("value", 0.7),
                ("valeur", 0.7),
                ("revenue", 0.7),
                ("chiffre d affaires", 0.7),
                ("ca", 0.7),
            ],
            Field::Channel => &[
                ("channel", 1.0),
                ("canal", 1.0),
                ("acquisition channel", 1.0),
                ("canal d acquisition", 1.0),
                ("sales channel", 1.0),
                ("canal de vente", 1.0),
                ("source", 0.8),
                ("origine", 0.8),
                ("medium", 0.7),
                ("utm source", 0.8),
            ],
            Field::Segment => &[
                ("segment", 1.0),
                ("customer segment", 1.0),
                ("segment client", 1.0),
                ("categorie", 0.8),
                ("category", 0.8),
                ("type de client", 0.8),
                ("type client", 0.8),
                ("customer type", 0.8),
                ("tier", 0.8),
                ("plan", 0.8),
                ("offre", 0.8),
                ("formule", 0.8),
                ("gamme", 0.7),
                ("region", 0.6),
            ],
            Field::Revenue => &[
                ("revenue", 1.0),
                ("chiffre d affaires", 1.0),
                ("ca", 1.0),
                ("revenu", 1.0),
                ("revenus", 1.0),
                ("monthly revenue", 1.0),
                ("annual revenue", 1.0),
                ("ca mensuel", 1.0),
                ("ca annuel", 1.0),
                ("mrr", 1.0),
                ("arr", 1.0),
                ("arpu", 1.0),
                ("abonnement", 0.8),
                ("subscription", 0.8),
                ("montant mensuel", 0.9),
                ("sales", 0.7),
                ("ventes", 0.7),
                ("spend", 0.7),
                ("depense", 0.7),
                ("montant", 0.6),
                ("amount", 0.6),
            ],
            Field::Margin => &[
                ("margin", 1.0),
                ("marge", 1.0),
                ("gross margin", 1.0),
                ("marge brute", 1.0),
                ("contribution margin", 1.0),
                ("marge sur couts variables", 1.0),
                ("profit", 0.8),
                ("benefice", 0.8),
            ],
            Field::AcquisitionDate => &[
                ("acquisition date", 1.0),
                ("date d acquisition", 1.0),
                ("signup date", 1.0),
                ("sign up date", 1.0),
                ("date d inscription", 1.0),
                ("date inscription", 1.0),
                ("subscription date", 1.0),
                ("date de souscription", 1.0),
                ("date souscription", 1.0),
                ("start date", 1.0),
                ("date de debut", 1.0),
                ("date debut", 1.0),
                ("customer since", 1.0),
                ("client depuis", 1.0),
                ("first order date", 1.0),
                ("date premiere commande", 1.0),
                ("date de premiere commande", 1.0),
                ("inscription", 0.8),
                ("created at", 0.7),
                ("date de creation", 0.7),
                ("date", 0.5),
            ],
            Field::Churned => &[
                ("churned", 1.0),
                ("churn", 1.0),
                ("resilie", 1.0),
                ("resiliation", 0.9),
                ("desabonne", 1.0),
                ("cancelled", 1.0),
                ("canceled", 1.0),
                ("attrition", 0.9),
                ("perdu", 0.9),
                ("lost", 0.9),
                ("parti", 0.9),
                ("is churned", 1.0),
                ("statut", 0.7),
                ("status", 0.7),
                ("actif", 0.6),
                ("active", 0.6),
            ],
            Field::ChurnDate => &[
                ("churn date", 1.0),
                ("date de churn", 1.0),
                ("date de resiliation", 1.0),
                ("date resiliation", 1.0),
                ("cancellation date", 1.0),
                ("date d annulation", 1.0),
                ("date de desabonnement", 1.0),
                ("end date", 0.9),
                ("date de fin", 0.9),
                ("date fin", 0.9),
                ("date de depart", 0.9),
            ],
            Field::AcquisitionCost => &[
                ("acquisition cost", 1.0),
                ("cout d acquisition", 1.0),
                ("cout acquisition", 1.0),
                ("customer acquisition cost", 1.0),
                ("cac", 1.0),
                ("cpa", 0.9),
                ("cout par acquisition", 0.9),
                ("cost per acquisition", 0.9),
                ("cout", 0.6),
                ("cost", 0.6),
            ],
            Field::Nps => &[
                ("nps", 1.0),
                ("recommandation", 1.0),
                ("note de recommandation", 1.0),
                ("score nps", 1.0),
                ("nps score", 1.0),
                ("likelihood to recommend", 1.0),
                ("probabilite de recommandation", 1.0),
                ("ltr", 0.9),
                ("recommend", 0.9),
                ("recommanderiez vous", 0.9),
            ],
            Field::Csat => &[
                ("csat", 1.0),
                ("satisfaction", 1.0),
                ("note de satisfaction", 1.0),
                ("satisfaction client", 1.0),
                ("customer satisfaction", 1.0),
                ("score satisfaction", 1.0),
                ("note", 0.7),
                ("rating", 0.7),
                ("score", 0.6),
            ],
            Field::Ces => &[
                ("ces", 1.0),
                ("effort", 1.0),
                ("customer effort", 1.0),
                ("customer effort score", 1.0),
                ("effort client", 1.0),
                ("score d effort", 1.0),
                ("score effort", 1.0),
                ("facilite", 0.7),
            ],
            Field::Frequency => &[
                ("frequency", 1.0),
                ("frequence", 1.0),
                ("repeat purchases", 0.9),
                ("achats repetes", 0.9),
                ("x", 0.6),
            ],
            Field::Recency => &[("recency", 1.0), ("recence", 1.0), ("t x", 0.9)],
            Field::T => &[
                ("t", 1.0),
                ("age", 0.8),
                ("anciennete", 0.8),
                ("tenure", 0.8),
                ("customer age", 0.9),
            ],
            Field::MonetaryValue => &[
                ("monetary value", 1.0),
                ("monetary", 1.0),
                ("valeur monetaire", 1.0),
                ("mean spend", 1.0),
                ("average spend", 1.0),
                ("depense moyenne", 1.0),
                ("panier moyen", 0.9),
                ("average order value", 0.9),
                ("aov", 0.9),
                ("zbar", 0.9),
                ("m x", 0.8),
                ("m", 0.6),
            ],
            Field::Cohort => &[
                ("cohort", 1.0),
                ("cohorte", 1.0),
                ("acquisition month", 1.0),
                ("mois d acquisition", 1.0),
                ("cohort month", 1.0),
                ("mois de la cohorte", 1.0),
                ("mois d inscription", 0.9),
                ("signup month", 0.9),
                ("acquisition", 0.7),
                ("mois", 0.6),
                ("month", 0.6),
                ("periode", 0.5),
            ],
        }
    }
}

/// How well a folded header matches a field: the best synonym, exact (its
/// weight) or as whole words inside a longer header (three quarters of it;
/// synonyms of one or two letters only match exactly).
pub fn field_score(field: Field, header: &str) -> f64 {
    let h = fold(header);
    best_score(field, &h)
}

fn best_score(field: Field, h: &str) -> f64 {
    if h.is_empty() {
        return 0.0;
    }
    field
        .synonyms()
        .iter()
        .map(|&(s, w)| {
            if h == s {
                w
            } else if s.len() > 2 && contains_words(h, s) {
                0.75 * w
            } else {
                0.0
            }
        })
        .fold(0.0, f64::max)
}

fn contains_words(h: &str, s: &str) -> bool {
    h.match_indices(s).any(|(i, _)| {
        let before = i == 0 || h.as_bytes()[i - 1] == b' ';
        let after = i + s.len() == h.len() || h.as_bytes()[i + s.len()] == b' ';
        before && after
    })
}

/// A cohort table's period column: `0`, `M1`, `Mois 2`, `month 3`, `P4`,
/// `semaine 5`... with the period unit when the header says it.
pub fn period_header(header: &str) -> Option<(u32, Option<PeriodUnit>)> {
    let h = fold(header);
    let split = h.find(|c: char| c.is_ascii_digit())?;
    let (word, num) = h.split_at(split);
    if num.len() > 4 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = num.parse().ok()?;
    let unit = match word.trim() {
        "" | "p" | "period" | "periode" => None,
        "m" | "mois" | "month" | "months" => Some(PeriodUnit::Month),
        "w" | "s" | "week" | "semaine" => Some(PeriodUnit::Week),
        "q" | "t" | "quarter" | "trimestre" => Some(PeriodUnit::Quarter),
        "y" | "a" | "year" | "annee" | "an" => Some(PeriodUnit::Year),
        "d" | "j" | "day" | "jour" => Some(PeriodUnit::Day),
        _ => return None,
    };
    Some((n, unit))
}

/// The period unit a header mentions (`CA mensuel`, `monthly revenue`).
fn unit_in_header(h: &str) -> Option<PeriodUnit> {
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &[&str]| words.iter().any(|x| w.contains(x));
    if has(&["mensuel", "mensuelle", "monthly", "mois", "month", "mrr"]) {
        Some(PeriodUnit::Month)
    } else if has(&[
        "annuel", "annuelle", "annual", "yearly", "an", "year", "arr",
    ]) {
        Some(PeriodUnit::Year)
    } else if has(&["trimestriel", "trimestrielle", "quarterly", "trimestre"]) {
        Some(PeriodUnit::Quarter)
    } else if has(&["hebdomadaire", "weekly", "semaine", "week"]) {
        Some(PeriodUnit::Week)
    } else {
        None
    }
}

/// The role of one column in a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Ignore,
    Field(Field),
    /// An attribute rating (customer table, survey): its header names it.
    Attribute,
    /// Customers alive at this period (cohort table).
    Period(u32),
}

/// Which column holds what, plus the reading choices the user can force.
/// One role per table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub shape: Shape,
    pub columns: Vec<Role>,
    /// Day/month order for every date column; `None`: decide from the data.
    pub date_order: Option<DateOrder>,
    /// Decimal separator for every number column; `None`: decide per column.
    pub decimal: Option<DecimalSeparator>,
    /// Period of revenue/margin per period or of cohort columns, when a
    /// header says it.
    pub period: Option<PeriodUnit>,
}

/// A mapping that cannot be validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingError {
    /// The table has `columns` columns but the mapping covers `roles`.
    WrongWidth { columns: usize, roles: usize },
    /// None of these fields has a column.
    Missing { shape: Shape, fields: Vec<Field> },
    /// A field given to two columns (0-based).
    Twice { field: Field, columns: [usize; 2] },
    /// A field this shape does not use.
    NotInShape { shape: Shape, field: Field },
    /// A cohort table needs at least two period columns.
    TooFewPeriods,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingError::WrongWidth { columns, roles } => write!(
                f,
                "the mapping has {roles} column(s) but the table has {columns}"
            ),
            MappingError::Missing { shape, fields } => {
                let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                write!(
                    f,
                    "a {} needs a column for {}",
                    shape.name(),
                    names.join(" or ")
                )
            }
            MappingError::Twice { field, columns } => write!(
                f,
                "{} is given to two columns ({} and {})",
                field.name(),
                super::error::column_letter(columns[0]),
                super::error::column_letter(columns[1])
            ),
            MappingError::NotInShape { shape, field } => {
                write!(f, "a {} has no {} column", shape.name(), field.name())
            }
            MappingError::TooFewPeriods => write!(
                f,
                "a cohort survival table needs at least two period columns (0, 1, ...)"
            ),
        }
    }
}

impl std::error::Error for MappingError {}

impl Mapping {
    /// A mapping with every column ignored.
    pub fn empty(shape: Shape, columns: usize) -> Self {
        Mapping {
            shape,
            columns: vec![Role::Ignore; columns],
            date_order: None,
            decimal: None,
            period: None,
        }
    }

    /// The column holding `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|r| *r == Role::Field(field))
    }

    /// Gives `role` to column `col`; a field moved here leaves its former
    /// column, which becomes ignored.
    pub fn set(&mut self, col: usize, role: Role) {
        if let Role::Field(_) | Role::Period(_) = role {
            for r in self.columns.iter_mut() {
                if *r == role {
                    *r = Role::Ignore;
                }
            }
        }
        if let Some(r) = self.columns.get_mut(col) {
            *r = role;
        }
    }

    /// Checks the mapping against its shape and a table's width.
    pub fn check(&self, columns: usize) -> Result<(), MappingError> {
        if self.columns.len() != columns {
            return Err(MappingError::WrongWidth {
                columns,
                roles: self.columns.len(),
            });
        }
        let mut seen: Vec<(Field, usize)> = Vec::new();
        for (c, r) in self.columns.iter().enumerate() {
            if let Role::Field(f) = *r {
                if !self.shape.fields().contains(&f) {
                    return Err(MappingError::NotInShape {
                        shape: self.shape,
                        field: f,
                    });
                }
                if let Some(&(_, first)) = seen.iter().find(|(g, _)| *g == f) {
                    return Err(MappingError::Twice {
                        field: f,
                        columns: [first, c],
                    });
                }
                seen.push((f, c));
            }
        }
        for group in self.shape.required() {
            if !group.iter().any(|f| self.column_of(*f).is_some()) {
                return Err(MappingError::Missing {
                    shape: self.shape,
                    fields: group.to_vec(),
                });
            }
        }
        if self.shape == Shape::Cohort {
            let periods = self
                .columns
                .iter()
                .filter(|r| matches!(r, Role::Period(_)))
                .count();
            if periods < 2 {
                return Err(MappingError::TooFewPeriods);
            }
        }
        Ok(())
    }
}

/// One shape's guess for a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShapeGuess {
    pub shape: Shape,
    /// From 0 (nothing fits) to 1 (every required field found by an exact
    /// header and every column explained).
    pub confidence: f64,
    pub mapping: Mapping,
}

/// Guesses for every shape, most confident first. Uses the headers, and the
/// data for two things headers cannot tell: duplicate ids (a transaction
/// log, not a customer table) and unnamed rating columns (attributes).
pub fn guess_shapes(table: &Table) -> Vec<ShapeGuess> {
    let mut out: Vec<ShapeGuess> = Shape::ALL
        .iter()
        .map(|&s| guess_for_shape(table, s))
        .collect();
    out.sort_by(|a, b| {
        b.confidence
            .partial_cmp(&a.confidence)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.shape.cmp(&b.shape))
    });
    out
}

/// The best mapping of `table` for a shape the user chose.
pub fn guess_mapping(table: &Table, shape: Shape) -> Mapping {
    guess_for_shape(table, shape).mapping
}

fn guess_for_shape(table: &Table, shape: Shape) -> ShapeGuess {
    let headers: Vec<String> = table.headers.iter().map(|h| fold(h)).collect();
    let n = headers.len();
    let mut mapping = Mapping::empty(shape, n);
    let mut scores = vec![0.0; n];

    if shape == Shape::Cohort {
        let mut unit = None;
        for (c, h) in table.headers.iter().enumerate() {
            if let Some((p, u)) = period_header(h) {
                mapping.columns[c] = Role::Period(p);
                scores[c] = 1.0;
                unit = unit.or(u);
            }
        }
        mapping.period = unit;
    }

    // Every (score, field, column) pair, best first; each field and column
    // taken once.
    let mut pairs: Vec<(f64, Field, usize)> = Vec::new();
    for &f in shape.fields() {
        for (c, h) in headers.iter().enumerate().take(MAX_MATCHED_COLUMNS) {
            let s = best_score(f, h);
            if s >= 0.5 && mapping.columns[c] == Role::Ignore {
                pairs.push((s, f, c));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.2.cmp(&b.2))
            .then(a.1.cmp(&b.1))
    });
    let mut taken: Vec<Field> = Vec::new();
    for (s, f, c) in pairs {
        if mapping.columns[c] == Role::Ignore && !taken.contains(&f) {
            mapping.columns[c] = Role::Field(f);
            scores[c] = s;
            taken.push(f);
        }
    }
    // The cohort label is the first column when no header names it.
    if shape == Shape::Cohort
        && mapping.column_of(Field::Cohort).is_none()
        && n > 0
        && mapping.columns[0] == Role::Ignore
    {
        mapping.columns[0] = Role::Field(Field::Cohort);
        scores[0] = 0.5;
    }
    if shape.has_attributes() {
        for c in 0..n.min(MAX_MATCHED_COLUMNS) {
            if mapping.columns[c] == Role::Ignore
                && !headers[c].is_empty()
                && looks_like_ratings(table, c)
            {
                mapping.columns[c] = Role::Attribute;
                scores[c] = 0.8;
            }
        }
    }
    if matches!(shape, Shape::Customers) {
        mapping.period = [Field::Revenue, Field::Margin]
            .iter()
            .filter_map(|&f| mapping.column_of(f))
            .find_map(|c| unit_in_header(&headers[c]));
    }

    // Confidence: the mean over required groups of the best score found
    // (0 when missing), discounted by the share of columns left unexplained.
    let groups = shape.required();
    let mut req = 0.0;
    for g in groups {
        let best = g
            .iter()
            .filter_map(|&f| mapping.column_of(f))
            .map(|c| scores[c])
            .fold(0.0, f64::max);
        req += best;
    }
    let mut req = req / groups.len() as f64;
    if shape == Shape::Cohort {
        let periods = mapping
            .columns
            .iter()
            .filter(|r| matches!(r, Role::Period(_)))
            .count();
        if periods < 2 {
            req = 0.0;
        }
    }
    let named = headers.iter().filter(|h| !h.is_empty()).count().max(1);
    let explained = mapping
        .columns
        .iter()
        .zip(&headers)
        .filter(|(r, h)| **r != Role::Ignore && !h.is_empty())
        .count();
    let mut confidence = req * (0.7 + 0.3 * explained as f64 / named as f64);
    if mapping.check(n).is_err() {
        confidence *= 0.5;
    }
    // Data: repeated ids mean several rows per customer.
    if let Some(c) = mapping.column_of(Field::CustomerId) {
        let repeated = has_repeats(table, c);
        match (shape, repeated) {
            (Shape::Transactions, false) | (Shape::Customers | Shape::Rfm, true) => {
                confidence *= 0.6
            }
            _ => {}
        }
    }
    ShapeGuess {
        shape,
        confidence: confidence.clamp(0.0, 1.0),
        mapping,
    }
}

/// Columns past this one are left for the user to map: no shape has that
/// many, and matching every header of a 100 000-column garbage line against
/// every synonym would freeze the tab.
pub const MAX_MATCHED_COLUMNS: usize = 512;

/// Rows inspected by the data checks of shape guessing.
const SAMPLE_ROWS: usize = 2000;

fn has_repeats(table: &Table, col: usize) -> bool {
    let mut seen = HashSet::new();
    table
        .column(col)
        .take(SAMPLE_ROWS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .any(|s| !seen.insert(s))
}

/// Whole numbers from 0 to 10 (ratings on a 1–5, 1–7 or 0–10 scale).
fn looks_like_ratings(table: &Table, col: usize) -> bool {
    let mut n = 0;
    for cell in table.column(col).take(SAMPLE_ROWS) {
        if cell.trim().is_empty() {
            continue;
        }
        match parse_number_with(cell, None) {
            Ok(v) if v.fract() == 0.0 && (0.0..=10.0).contains(&v) => n += 1,
            _ => return false,
        }
    }
    n > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_table;

    fn best(csv: &str) -> ShapeGuess {
        let t = read_table(csv.as_bytes()).unwrap();
        guess_shapes(&t).remove(0)
    }

    #[test]
    fn french_transaction_log() {
        let g = best("Client;Date de commande;Montant TTC;Canal\nA;01/02/2024;10;web\nA;03/02/2024;12;web\nB;25/02/2024;5;store\n");
        assert_eq!(g.shape, Shape::Transactions);
        assert!(g.confidence > 0.9, "{}", g.confidence);
        use Field::*;
        assert_eq!(
            g.mapping.columns,
            [
                Role::Field(CustomerId),
                Role::Field(OrderDate),
                Role::Field(Amount),
                Role::Field(Channel)
            ]
        );
        assert_eq!(g.mapping.check(4), Ok(()));
    }

    #[test]
    fn english_customer_table_with_attributes() {
        let g = best("Customer ID,Monthly revenue,Signup date,Churned,Acquisition channel,CAC,NPS,CSAT,CES,Segment,Delivery speed\nc1,30,2024-01-02,no,ads,120,9,4,2,SMB,4\nc2,45,2024-02-03,yes,seo,80,6,3,5,Pro,2\n");
        assert_eq!(g.shape, Shape::Customers);
        use Field::*;
        assert_eq!(
            g.mapping.columns,
            [
                Role::Field(CustomerId),
                Role::Field(Revenue),
                Role::Field(AcquisitionDate),
                Role::Field(Churned),
                Role::Field(Channel),
                Role::Field(AcquisitionCost),
                Role::Field(Nps),
                Role::Field(Csat),
                Role::Field(Ces),
                Role::Field(Segment),
                Role::Attribute
            ]
        );
        assert_eq!(g.mapping.period, Some(PeriodUnit::Month));
    }

    #[test]
    fn survey_answers_in_french() {
        let g = best("Recommandation;Satisfaction;Qualité du produit;Délai de livraison;Segment\n9;4;5;3;PME\n3;2;2;1;ETI\n");
        assert_eq!(g.shape, Shape::Survey);
        assert_eq!(g.mapping.column_of(Field::Nps), Some(0));
        assert_eq!(g.mapping.column_of(Field::Csat), Some(1));
        assert_eq!(g.mapping.columns[2], Role::Attribute);
        assert_eq!(g.mapping.columns[3], Role::Attribute);
    }

    #[test]
    fn rfm_summary() {
        let g = best(
            "customer_id,frequency,recency,T,monetary_value\n1,2,30.0,38.0,22.35\n2,0,0,38,0\n",
        );
        assert_eq!(g.shape, Shape::Rfm);
        assert!(g.confidence > 0.95);
        assert_eq!(g.mapping.column_of(Field::T), Some(3));
    }

    #[test]
    fn fader_hardie_column_names() {
        // The CDNOW summary's header (Fader & Hardie): x, t_x, T, zbar.
        let g = best("ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n");
        assert_eq!(g.shape, Shape::Rfm);
        use Field::*;
        assert_eq!(
            g.mapping.columns,
            [
                Role::Field(CustomerId),
                Role::Field(Frequency),
                Role::Field(Recency),
                Role::Field(T),
                Role::Field(MonetaryValue)
            ]
        );
    }

    #[test]
    fn cohort_table() {
        let g = best("Cohorte;M0;M1;M2;M3\n2024-01;100;80;70;64\n2024-02;120;90;81;\n");
        assert_eq!(g.shape, Shape::Cohort);
        assert_eq!(
            g.mapping.columns,
            [
                Role::Field(Field::Cohort),
                Role::Period(0),
                Role::Period(1),
                Role::Period(2),
                Role::Period(3)
            ]
        );
        assert_eq!(g.mapping.period, Some(PeriodUnit::Month));
    }

    #[test]
    fn repeated_ids_tell_transactions_from_customers() {
        // Same headers; only the data differs.
        let tx = best("client;date;montant\nA;2024-01-01;5\nA;2024-01-09;7\n");
        assert_eq!(tx.shape, Shape::Transactions);
        let t = read_table(b"client;date;montant\nA;2024-01-01;5\nB;2024-01-09;7\n").unwrap();
        let g = guess_shapes(&t);
        let tx = g.iter().find(|g| g.shape == Shape::Transactions).unwrap();
        assert!(tx.confidence < 0.7, "{}", tx.confidence);
    }

    #[test]
    fn unknown_headers_give_low_confidence() {
        let g = best("foo;bar\nx;y\n");
        assert!(g.confidence < 0.3, "{g:?}");
    }

    #[test]
    fn mapping_checks_and_edits() {
        let mut m = Mapping::empty(Shape::Transactions, 3);
        assert_eq!(
            m.check(3).unwrap_err().to_string(),
            "a transaction log needs a column for customer id"
        );
        m.set(0, Role::Field(Field::CustomerId));
        m.set(1, Role::Field(Field::OrderDate));
        m.set(2, Role::Field(Field::OrderDate));
        assert_eq!(m.columns[1], Role::Ignore, "a field moves, not copies");
        m.set(1, Role::Field(Field::Amount));
        assert_eq!(m.check(3), Ok(()));
        assert_eq!(
            m.check(4).unwrap_err().to_string(),
            "the mapping has 3 column(s) but the table has 4"
        );
        m.columns[0] = Role::Field(Field::Amount);
        assert_eq!(
            m.check(3).unwrap_err().to_string(),
            "amount is given to two columns (A and B)"
        );
        m.columns[0] = Role::Field(Field::Nps);
        assert_eq!(
            m.check(3).unwrap_err().to_string(),
            "a transaction log has no NPS column"
        );
        let json = serde_json::to_string(&m).unwrap();
        let back: Mapping = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn very_wide_tables_are_guessed_quickly() {
        // 200 000 columns: guessing stays linear (the cap above).
        let mut csv = String::new();
        for line in 0..2 {
            let cells: Vec<String> = (0..200_000).map(|i| format!("c{line}{i}")).collect();
            csv.push_str(&cells.join(";"));
            csv.push('\n');
        }
        let t = read_table(csv.as_bytes()).unwrap();
        let g = guess_shapes(&t);
        assert_eq!(g.len(), 5);
        assert_eq!(g[0].mapping.columns.len(), 200_000);
    }

    #[test]
    fn period_headers() {
        assert_eq!(period_header("0"), Some((0, None)));
        assert_eq!(period_header("M12"), Some((12, Some(PeriodUnit::Month))));
        assert_eq!(period_header("Mois 3"), Some((3, Some(PeriodUnit::Month))));
        assert_eq!(
            period_header("Semaine 2"),
            Some((2, Some(PeriodUnit::Week)))
        );
        assert_eq!(period_header("period 4"), Some((4, None)));
        assert_eq!(period_header("Montant"), None);
        assert_eq!(period_header("2024"), Some((2024, None)));
        assert_eq!(period_header("12345"), None);
        assert_eq!(period_header("client 3"), None);
    }

    #[test]
    fn scores_whole_words_only() {
        assert_eq!(field_score(Field::Amount, "Montant (€)"), 1.0);
        assert_eq!(field_score(Field::Amount, "Montant payé"), 0.75);
        assert_eq!(field_score(Field::Revenue, "CA"), 1.0);
        assert_eq!(field_score(Field::Revenue, "Cadeau"), 0.0);
        assert_eq!(field_score(Field::CustomerId, "N° client"), 1.0);
    }
}
