//! The `cxi` command line: the core, natively, for data teams and scripted
//! checks. Every command prints JSON (or CSV) on stdout; bad input gives a
//! one-line message on stderr and a non-zero exit.

pub mod bgbb;
pub mod bgnbd;
pub mod clv;
pub mod drivers;
pub mod gamma_gamma;
pub mod holdout;
pub mod input;
pub mod log;
pub mod maturity;
pub mod mbgnbd;
pub mod nps;
pub mod pareto_nbd;
pub mod predict;
pub mod rfm;
pub mod sbg;
pub mod value_input;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cxi", version, about = "CX Impact core on the command line")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Closed-form customer lifetime value (Fader & Hardie 2012).
    Clv(clv::ClvArgs),
    /// Transaction log (id, date, amount) to an RFM summary in distinct purchase days or whole periods (CSV).
    Rfm(rfm::RfmArgs),
    /// Fit BG/NBD (Fader, Hardie & Lee 2005) to an RFM summary.
    Bgnbd(bgnbd::BgNbdArgs),
    /// Fit discrete-time BG/BB (Fader, Hardie & Shang 2010) to grouped histories.
    Bgbb(bgbb::BgBbArgs),
    /// Fit MBG/NBD (Batislam, Denizel & Filiztekin 2007) to an RFM summary.
    Mbgnbd(mbgnbd::MbgNbdArgs),
    /// Fit Pareto/NBD (Schmittlein, Morrison & Colombo 1987) to an RFM summary.
    ParetoNbd(pareto_nbd::ParetoNbdArgs),
    /// Fit Gamma-Gamma spend (Fader & Hardie note 025) to an RFM summary.
    GammaGamma(gamma_gamma::GammaGammaArgs),
    /// Calibration/holdout check of a repeat-purchase model on a transaction log (JSON).
    Holdout(holdout::HoldoutArgs),
    /// Fit the sBG cohort model (Fader & Hardie 2007) to a survival table.
    Sbg(sbg::SbgArgs),
    /// Per-customer P(alive), expected purchases, spend and CLV (CSV).
    Predict(predict::PredictArgs),
    /// Net Promoter Score with adjusted-Wald interval (Rocks 2016), by segment.
    Nps(nps::NpsArgs),
    /// Key driver analysis: Johnson's relative weights and Shapley/LMG.
    Drivers(drivers::DriversArgs),
    /// CX maturity self-assessment: pillar scores, stage and next actions.
    Maturity(maturity::MaturityArgs),
}

/// Runs a parsed command and returns what goes on stdout.
pub fn run(cli: Cli) -> Result<String, String> {
    match cli.command {
        Command::Clv(args) => clv::run(&args),
        Command::Rfm(args) => rfm::run(&args),
        Command::Bgnbd(args) => bgnbd::run(&args),
        Command::Bgbb(args) => bgbb::run(&args),
        Command::Mbgnbd(args) => mbgnbd::run(&args),
        Command::ParetoNbd(args) => pareto_nbd::run(&args),
        Command::GammaGamma(args) => gamma_gamma::run(&args),
        Command::Holdout(args) => holdout::run(&args),
        Command::Sbg(args) => sbg::run(&args),
        Command::Predict(args) => predict::run(&args),
        Command::Nps(args) => nps::run(&args),
        Command::Drivers(args) => drivers::run(&args),
        Command::Maturity(args) => maturity::run(&args),
    }
}
