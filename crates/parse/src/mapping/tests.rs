use cxi_types::period::PeriodUnit;

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
    let g =
        best("customer_id,frequency,recency,T,monetary_value\n1,2,30.0,38.0,22.35\n2,0,0,38,0\n");
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
