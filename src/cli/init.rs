//! `kepu init DIR`: a new site that builds as it is, using the built-in default theme.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diag::Msg;
use crate::messages::Messages;
use crate::scaffold;

/// Options of `kepu init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (created if missing; must be empty).
    pub dir: PathBuf,
}

/// Runs `kepu init`.
pub fn run(args: InitArgs) -> ExitCode {
    // The new folder has no site.toml yet: KEPU_LANG, else English.
    let m = Messages::detect(&args.dir);
    match scaffold::init(&args.dir) {
        Ok(files) => {
            for file in &files {
                let path = super::shown_path(file);
                println!("{}", m.message(&Msg::Created { path }));
            }
            let dir = super::shown_path(&args.dir);
            println!("{}", m.message(&Msg::NextBuild { dir }));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{}", crate::escape::terminal(&m.message(&message)));
            ExitCode::from(1)
        }
    }
}
