//! `kepu init DIR`: a new site that builds as it is, using the built-in default theme.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::scaffold;

/// Options of `kepu init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must be empty).
    pub dir: PathBuf,
}

/// Runs `kepu init`.
pub fn run(args: InitArgs) -> ExitCode {
    match scaffold::init(&args.dir) {
        Ok(files) => {
            for file in &files {
                println!("created {}", file.display());
            }
            println!("Next: cd {} && kepu build", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}
