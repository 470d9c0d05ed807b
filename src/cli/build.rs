//! `kepu build`: build the site and write it atomically to the output folder.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::leftovers::Ended;
use crate::messages::Messages;
use crate::pipeline::{BuildOptions, Session};

/// Options of `kepu build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the site; default: public/ in the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Build drafts and future-dated pages too.
    #[arg(long)]
    pub drafts: bool,
    /// Use this base URL instead of site.toml's.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The build time, e.g. 2018-06-01T00:00:00+08:00 (default: now, or SOURCE_DATE_EPOCH).
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Write even when the output is a symbolic link (into the folder it points to)
    /// or a file (replacing it).
    #[arg(long)]
    pub force_output: bool,
    /// Where processed images are kept between builds (default: .kepu-cache in the
    /// site folder, or `[images] cache_dir` of site.toml).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Runs `kepu build`; what it built is left for the exit (see [`crate::leftovers`]).
pub fn run(args: BuildArgs) -> Ended {
    let started = Instant::now();
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let output = args.output.unwrap_or_else(|| root.join("public"));
    // Before anything else, so that even a build that fails puts back the previous
    // output a build killed during its swap left beside it.
    let dest = crate::output::destination(&output, args.force_output).and_then(|dest| {
        crate::output::clean_beside(&dest)?;
        Ok(dest)
    });
    let options = BuildOptions {
        root: root.clone(),
        drafts: args.drafts,
        base_url: args.base_url,
        origin: None,
        now: args.now,
        // With an output that may not be written, build in memory all the same, so
        // that every other mistake is listed in the same run.
        write_to: dest.as_ref().ok().cloned(),
        cache_dir: args.cache_dir,
    };
    crate::output::clean_up_when_interrupted();
    let mut session = Session::once(options);
    let result = match dest {
        Ok(_) => session.build(),
        Err(refused) => {
            let mut diags: Diagnostics = std::iter::once(refused).collect();
            if let Err(found) = session.build() {
                diags.extend(found);
            }
            Err(diags)
        }
    };
    let mut built = match result {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            let unchanged = Msg::NothingWritten {
                output: super::shown_path(&output),
            };
            eprintln!("{}", m.message(&unchanged));
            return ExitCode::from(1).into();
        }
    };
    print_diagnostics(&built.warnings, &m);
    let write_started = Instant::now();
    let files = built.output.len();
    built
        .output
        .set_precompress(built.site.config.output.precompress);
    if let Err(d) = std::mem::take(&mut built.output).commit() {
        print_diagnostics(&std::iter::once(d).collect::<Diagnostics>(), &m);
        return ExitCode::from(1).into();
    }
    built.timings.record("write", write_started.elapsed());
    // Only a published build moves the events' revisions on (`serve` and `check`
    // read them and leave them as they are).
    let cache_dir = &built.site.config.images.cache_dir;
    if let Err(d) = save_revisions(cache_dir, &built.revisions) {
        print_diagnostics(&std::iter::once(d).collect::<Diagnostics>(), &m);
    }
    if args.timings {
        super::print_timings(&built.timings);
        print_image_counts(built.images);
    }
    let sections = built.site.section_count();
    let pages = built.site.pages.len() - sections;
    let done = Msg::Built {
        pages: Box::new(Msg::pages(pages)),
        sections: Box::new(Msg::sections(sections)),
        files: Box::new(Msg::files(files)),
        ms: started.elapsed().as_millis().to_string(),
        output: super::shown_path(&output),
    };
    println!("{}", m.message(&done));
    let mut leftovers = std::mem::take(&mut built.leftovers);
    leftovers.keep(built);
    Ended {
        status: ExitCode::SUCCESS,
        leftovers,
    }
}

/// The lines `--timings` ends with: how many images were made and taken from the
/// cache, and how many were decoded to cut covers from.
fn print_image_counts(counts: crate::render::images::Counts) {
    eprintln!(
        "  images: {} made, {} from the cache",
        counts.made, counts.cached
    );
    if counts.covers_decoded > 0 {
        eprintln!("  covers: {} decoded for their cuts", counts.covers_decoded);
    }
}

/// Keeps the events' revisions in `cache_dir` for the next build; a warning when
/// they cannot be written.
fn save_revisions(
    cache_dir: &std::path::Path,
    revisions: &crate::render::revisions::State,
) -> Result<(), Diagnostic> {
    crate::render::revisions::save(cache_dir, revisions)
        .map(drop)
        .map_err(|e| {
            let problem = Msg::RevisionsNotKept {
                error: e.to_string(),
            };
            Diagnostic::warning(cache_dir.display().to_string(), 0, 0, problem)
                .with_help(Msg::CacheFolderHelp)
        })
}
