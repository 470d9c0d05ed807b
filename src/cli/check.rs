//! `kepu check`: build in memory, then look for what would break or confuse a visitor.
//! Writes nothing but its caches. With `--external`, also asks the links to other
//! sites whether they still answer ([`crate::external`]).

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::diag::{Diagnostics, Msg};
use crate::messages::Messages;
use crate::output::Output;
use crate::pipeline::{BuildOptions, Built, Session};
use crate::site::{Site, Texts};

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
    /// Also ask every link to another site whether it still answers (needs the network; answers that were fine are remembered for a day).
    #[arg(long)]
    pub external: bool,
    /// With --external: how many seconds one address may take to answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
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
    let external = args.external.then(|| Duration::from_secs(args.timeout));
    let outside = Cell::new(None);
    // check's own warnings, and the outside links, come also when the build is
    // refused: one run shows every problem.
    let review = |site: &Site, texts: &Texts, output: &Output| {
        review(site, texts, output, external, &outside)
    };
    let built = Session::once(options).build_reviewed(review);
    if let Some((addresses, remembered)) = outside.get() {
        println!(
            "{}",
            m.message(&Msg::OutsideAsked {
                asked: addresses - remembered,
                remembered,
            })
        );
    }
    let built = match built {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            return ExitCode::from(1);
        }
    };
    finish(&built, args.strict, &m)
}

/// check's own warnings of the rendered site, and with `external` (the time one
/// address may take) the outside links that fail; how many addresses there were and
/// how many were remembered go to `outside`.
fn review(
    site: &Site,
    texts: &Texts,
    output: &Output,
    external: Option<Duration>,
    outside: &Cell<Option<(usize, usize)>>,
) -> Diagnostics {
    let mut found = crate::check::check(site, texts, output);
    if let Some(timeout) = external {
        let options = crate::external::Options {
            timeout,
            cache_dir: site.config.images.cache_dir.clone(),
        };
        let report = crate::external::check(site, texts, &options);
        found.extend(report.diags);
        outside.set(Some((report.addresses, report.remembered)));
    }
    found
}

/// Prints the problems of a build that went through and what was checked; fails on
/// errors, and with `strict` on warnings too.
fn finish(built: &Built, strict: bool, m: &Messages) -> ExitCode {
    let all: &Diagnostics = &built.warnings;
    print_diagnostics(all, m);
    let failed = all.has_errors() || (strict && !all.is_empty());
    let pages = Box::new(Msg::pages(built.site.pages.len()));
    let files = Box::new(Msg::files(built.output.len()));
    let summary = m.summary(all);
    let done = if strict && !all.has_errors() && !all.is_empty() {
        Msg::CheckedStrict {
            pages,
            files,
            summary,
        }
    } else {
        Msg::Checked {
            pages,
            files,
            summary,
        }
    };
    println!("{}", m.message(&done));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
