//! `kepu clean`: removes what interrupted builds left beside the output folder (the
//! hidden `.public.kepu-new` and `.public.kepu-old` folders, the lock, and the
//! `.public.kepu-new-1234` folders of older kepu versions). The output itself stays.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::diag::Diagnostics;
use crate::messages::Messages;

/// Options of `kepu clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The output folder whose leftovers to remove; default: public/ in the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Runs `kepu clean`.
pub fn run(args: CleanArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let output = args.output.unwrap_or_else(|| root.join("public"));
    match crate::output::clean_beside(&output) {
        Ok(removed) => {
            for path in &removed {
                let line = format!("Removed {}", super::shown_path(path));
                println!("{}", m.text(&line));
            }
            if removed.is_empty() {
                println!("{}", m.text("Nothing to clean."));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&std::iter::once(d).collect::<Diagnostics>(), &m);
            ExitCode::from(1)
        }
    }
}
