//! What the scenario keeps of data that validated: where it came from, how it
//! is read, what it sums up to, and each page's evidence; never the rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::pages::evidence::Evidence;
use cxi_parse::currency_of;
use cxi_parse::Dataset;
use cxi_parse::Field;
use cxi_parse::Mapping;
use cxi_parse::Summary;
use cxi_parse::Table;
use cxi_types::Currency;

/// Where the data came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// File name, or a label for a paste or a sample.
    pub name: String,
    pub kind: SourceKind,
    /// Size of the input in bytes.
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Paste,
    File,
    Sample,
}

/// What the scenario keeps of data that validated: small and typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedData {
    /// Which table of the workspace this is (see [`super::tables`]); the
    /// one table of a version-1 scenario reads as 0.
    #[serde(default)]
    pub key: u32,
    pub source: Source,
    /// Shape and column roles as confirmed by the user.
    pub mapping: Mapping,
    /// Rows ready, with problems and excluded.
    pub summary: Summary,
    pub digest: Digest,
    /// The currency the amounts name (`1 234,56 €`), when they do.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// What the dashboard's pages keep of the data.
    #[serde(default)]
    pub evidence: Evidence,
}

/// Counts and totals of a typed dataset.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Digest {
    /// Rows in the dataset (purchases, customers, answers or cohorts).
    pub rows: usize,
    /// Distinct customers, when the shape tells.
    #[serde(default)]
    pub customers: Option<usize>,
    /// Earliest purchase date (transaction log) or acquisition date
    /// (customer table).
    #[serde(default, with = "iso_date")]
    pub first_date: Option<NaiveDate>,
    #[serde(default, with = "iso_date")]
    pub last_date: Option<NaiveDate>,
    /// Sum of purchase amounts (transaction log), or of revenue per period
    /// (customer table), in the file's currency.
    #[serde(default)]
    pub total_amount: Option<f64>,
}

/// `Option<NaiveDate>` as `"2024-03-15"` or null, read without chrono's
/// general parser (which would weigh on the page's wasm for one format).
mod iso_date {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        parse(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("not a date: {text}")))
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let mut it = text.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        NaiveDate::from_ymd_opt(y, m, d)
    }
}

/// Cells looked at to tell a column's currency.
const CURRENCY_SAMPLE: usize = 200;

/// The currency most of the first cells of the money column name (amount,
/// revenue, margin or acquisition cost, the first mapped).
pub fn currency(table: &Table, mapping: &Mapping) -> Option<Currency> {
    let col = [
        Field::Amount,
        Field::Revenue,
        Field::Margin,
        Field::AcquisitionCost,
        Field::MonetaryValue,
    ]
    .iter()
    .find_map(|&f| mapping.column_of(f))?;
    let mut votes: Vec<(Currency, usize)> = Vec::new();
    for cell in table.column(col).take(CURRENCY_SAMPLE) {
        if let Some(c) = currency_of(cell) {
            match votes.iter_mut().find(|(v, _)| *v == c) {
                Some((_, n)) => *n += 1,
                None => votes.push((c, 1)),
            }
        }
    }
    votes.into_iter().max_by_key(|&(_, n)| n).map(|(c, _)| c)
}

/// Sums up a dataset into a [`Digest`].
pub fn digest(d: &Dataset) -> Digest {
    let range = |dates: &mut dyn Iterator<Item = NaiveDate>| {
        dates.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        })
    };
    let mut out = Digest {
        rows: d.len(),
        ..Digest::default()
    };
    let dates = match d {
        Dataset::Transactions(t) => {
            out.customers = Some(t.customer_ids.len());
            out.total_amount = Some(t.amount.iter().sum());
            range(&mut t.date.iter().copied())
        }
        Dataset::Customers(c) => {
            out.customers = Some(c.id.len());
            out.total_amount = c.revenue.as_ref().map(|v| v.iter().flatten().sum::<f64>());
            c.acquisition_date
                .as_ref()
                .and_then(|v| range(&mut v.iter().flatten().copied()))
        }
        Dataset::Survey(s) => {
            out.customers = s.customer_id.as_ref().map(|ids| {
                let mut v: Vec<&str> = ids
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v.len()
            });
            None
        }
        Dataset::Rfm(r) => {
            out.customers = Some(r.frequency.len());
            None
        }
        Dataset::Cohort(c) => {
            // Customers acquired: the period-0 column, when there is one.
            if c.periods.first() == Some(&0) {
                out.customers = Some(
                    c.alive
                        .iter()
                        .filter_map(|row| row.first().copied().flatten())
                        .sum::<f64>()
                        .round() as usize,
                );
            }
            None
        }
    };
    if let Some((a, b)) = dates {
        out.first_date = Some(a);
        out.last_date = Some(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::sample::Sample;
    use cxi_parse::guess_shapes;
    use cxi_parse::read_table;
    use cxi_parse::validate;
    use cxi_types::Locale;

    fn dataset(csv: &str) -> Dataset {
        let t = read_table(csv.as_bytes()).unwrap();
        let g = guess_shapes(&t).remove(0);
        validate(&t, &g.mapping).unwrap().dataset
    }

    #[test]
    fn transaction_digest_by_hand() {
        // Reference: hand count. 3 purchases by 2 customers, 10.5 + 20 + 4.25.
        let d = digest(&dataset(
            "client;date de commande;montant\nA;03/01/2024;10,50\nB;15/02/2024;20\nA;28/02/2024;4,25\n",
        ));
        assert_eq!(d.rows, 3);
        assert_eq!(d.customers, Some(2));
        assert_eq!(d.total_amount, Some(34.75));
        assert_eq!(d.first_date, NaiveDate::from_ymd_opt(2024, 1, 3));
        assert_eq!(d.last_date, NaiveDate::from_ymd_opt(2024, 2, 28));
    }

    #[test]
    fn cohort_digest_counts_period_zero() {
        let d = digest(&dataset(
            "cohort,0,1,2\n2024-01,100,80,70\n2024-02,50,45,\n",
        ));
        assert_eq!(d.rows, 2);
        assert_eq!(d.customers, Some(150));
        assert_eq!(d.first_date, None);
    }

    #[test]
    fn samples_follow_the_language() {
        for s in Sample::ALL {
            let fr = s.text(Locale::Fr);
            let en = s.text(Locale::En);
            assert!(fr.lines().next().unwrap().contains(';'));
            assert!(en.lines().next().unwrap().contains(','));
            assert!(s.source(Locale::Fr, fr.len()).name.starts_with("Exemple"));
            assert_eq!(s.source(Locale::En, 10).kind, SourceKind::Sample);
        }
    }

    #[test]
    fn digests_round_trip_and_old_ones_deserialise() {
        let d: Digest = serde_json::from_str(r#"{"rows":3}"#).unwrap();
        assert_eq!(d.rows, 3);
        assert_eq!(d.customers, None);
        let d = Digest {
            rows: 1,
            first_date: NaiveDate::from_ymd_opt(2024, 3, 5),
            ..Digest::default()
        };
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""first_date":"2024-03-05""#), "{json}");
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Digest>(r#"{"rows":1,"first_date":"2024-02-30"}"#).is_err());
    }
}
