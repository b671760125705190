use super::input;
use clap::Args;
use cxi_models::maturity::assess;
use cxi_types::Locale;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct MaturityArgs {
    /// CSV file with one row per statement: its id (VS1…OC5) and the answer 1–5.
    pub file: PathBuf,
    /// Language of the stage name and actions: fr or en.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

pub fn run(a: &MaturityArgs) -> Result<String, String> {
    let locale = match a.lang.as_str() {
        "en" => Locale::En,
        "fr" => Locale::Fr,
        other => return Err(format!("--lang must be fr or en: got `{other}`")),
    };
    let table = input::read_file(&a.file)?;
    let id_col =
        input::guess_column(&table, &["id", "statement", "question", "affirmation"]).unwrap_or(0);
    let answer_col =
        input::guess_column(&table, &["answer", "réponse", "reponse", "score", "note"])
            .unwrap_or(1);
    if table.column_count() < 2 {
        return Err("the answers file needs two columns: statement id and answer (1-5)".into());
    }
    let ids = input::texts(&table, id_col);
    let values = input::numbers(&table, answer_col)?;
    let answers: Vec<(&str, f64)> = ids.iter().map(String::as_str).zip(values).collect();
    let result = assess(&answers, locale).map_err(|e| e.to_string())?;
    serde_json::to_string(&result).map_err(|e| e.to_string())
}
