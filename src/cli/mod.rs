//! The `cxi` command line: the core, natively, for data teams and scripted
//! checks. Every command prints JSON (or CSV) on stdout; bad input gives a
//! one-line message on stderr and a non-zero exit.

pub mod clv;
pub mod drivers;
pub mod input;
pub mod maturity;
pub mod nps;

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
        Command::Nps(args) => nps::run(&args),
        Command::Drivers(args) => drivers::run(&args),
        Command::Maturity(args) => maturity::run(&args),
    }
}
