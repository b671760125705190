//! `cxi`: the CX Impact core on the command line.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let cli = cxi_cli::Cli::parse();
    match cxi_cli::run(cli) {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`cxi … | head`) is not an error of ours.
            if let Err(e) = writeln!(std::io::stdout().lock(), "{out}") {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("cxi: cannot write the output: {e}");
                    std::process::exit(1);
                }
            }
        }
        Err(msg) => {
            eprintln!("cxi: {msg}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
