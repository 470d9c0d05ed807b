//! The command line: one options struct and one file per subcommand.

mod build;
mod check;
mod init;
mod new;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::Diagnostics;
use crate::messages::Messages;

/// `kepu --version`: the version and the git commit it was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("KEPU_GIT_COMMIT"),
    ")"
);

/// kepu (科普): a fast, Chinese-first static site generator with event calendars.
#[derive(Debug, Parser)]
#[command(name = "kepu", version = VERSION, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(build::BuildArgs),
    /// Build in memory and report broken links, missing alt text and other problems.
    Check(check::CheckArgs),
    /// Create a new site in DIR that builds as it is.
    Init(init::InitArgs),
    /// Create a page of a kind where it belongs: news, event, training, resource or page.
    New(new::NewArgs),
    /// Serve the site on http://127.0.0.1:1111/, rebuilding and reloading on every change.
    Serve(serve::ServeArgs),
}

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// Prints diagnostics to standard error in the run's language, with the count at the end.
pub fn print_diagnostics(diags: &Diagnostics, messages: &Messages) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diags.iter() {
        let _ = writeln!(err, "{}", messages.diagnostic(d));
    }
    if diags.has_errors() {
        let _ = writeln!(err, "{}", messages.summary(diags));
    }
}

/// The folder given with `--root`, or the current folder.
fn root_or_current(root: Option<PathBuf>) -> PathBuf {
    root.unwrap_or_else(|| PathBuf::from("."))
}
