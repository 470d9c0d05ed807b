//! `kepu check`: build in memory, then look for what would break or confuse a visitor.
//! Writes nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::diag::Diagnostics;
use crate::messages::Messages;
use crate::pipeline::{self, BuildOptions};

/// Options of `kepu check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The build time, e.g. 2018-06-01T00:00:00+08:00 (default: now, or SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Where processed images are kept between builds (default: .kepu-cache in the
    /// site folder, or `[images] cache_dir` of site.toml).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Runs `kepu check`.
pub fn run(args: CheckArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let options = BuildOptions {
        root,
        drafts: false,
        base_url: None,
        origin: None,
        now: args.now,
        write_to: None,
        cache_dir: args.cache_dir,
    };
    let built = match pipeline::build(&options) {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            return ExitCode::from(1);
        }
    };
    let mut all: Diagnostics = built.warnings.clone();
    all.extend(crate::check::check(&built.site, &built.output));
    let all = all.sorted();
    print_diagnostics(&all, &m);
    let failed = all.has_errors() || (args.strict && !all.is_empty());
    let done = format!(
        "Checked {} and {}: {}{}",
        crate::diag::count(built.site.pages.len(), "page"),
        crate::diag::count(built.output.len(), "file"),
        m.summary(&all),
        if args.strict && !all.has_errors() && !all.is_empty() {
            " (--strict: warnings fail)"
        } else {
            ""
        }
    );
    println!("{}", m.text(&done));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
