//! `cxi`: the CX Impact core on the command line.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use clap::Parser;
    let cli = cx_impact::cli::Cli::parse();
    match cx_impact::cli::run(cli) {
        Ok(out) => println!("{out}"),
        Err(msg) => {
            eprintln!("cxi: {msg}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
