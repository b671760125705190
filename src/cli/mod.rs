//! The `cxi` command line: the core, natively, for data teams and scripted
//! checks. Every command prints JSON (or CSV) on stdout; bad input gives a
//! one-line message on stderr and a non-zero exit.

pub mod clv;

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
}

/// Runs a parsed command and returns what goes on stdout.
pub fn run(cli: Cli) -> Result<String, String> {
    match cli.command {
        Command::Clv(args) => clv::run(&args),
    }
}
