//! The `kepu` command: parses the command line, runs the subcommand, prints what went
//! wrong, and exits 0 (success), 1 (the site has errors) or 2 (bad usage).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kepu::cli::Cli::parse();
    kepu::cli::run(cli)
}
