//! `kepu build`: build the site and write it atomically to the output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Messages;
use crate::pipeline::{self, BuildOptions};

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
}

/// Runs `kepu build`.
pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        root: root.clone(),
        drafts: args.drafts,
        base_url: args.base_url,
        now: args.now,
    };
    let mut built = match pipeline::build(&options) {
        Ok(built) => built,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            let unchanged = format!("Nothing was written: {} is unchanged.", output.display());
            eprintln!("{}", m.text(&unchanged));
            return ExitCode::from(1);
        }
    };
    if let Err(d) = check_output_dir(&root, &output, &built.source_dirs) {
        print_diagnostics(&std::iter::once(d).collect(), &m);
        return ExitCode::from(1);
    }
    print_diagnostics(&built.warnings, &m);
    let write_started = Instant::now();
    if let Err(d) = built.output.commit(&output) {
        print_diagnostics(&std::iter::once(d).collect::<Diagnostics>(), &m);
        return ExitCode::from(1);
    }
    built.timings.record("write", write_started.elapsed());
    if args.timings {
        for (stage, time, peak) in &built.timings.stages {
            let peak = peak.map_or(String::new(), |b| {
                format!("   peak memory {:>5} MB", b / (1024 * 1024))
            });
            eprintln!("  {stage:<9} {:>8.1} ms{peak}", time.as_secs_f64() * 1000.0);
        }
    }
    let sections = built.site.section_count();
    let pages = built.site.pages.len() - sections;
    let done = format!(
        "Built {}, {}, {} in {} ms → {}",
        crate::diag::count(pages, "page"),
        crate::diag::count(sections, "section"),
        crate::diag::count(built.output.len(), "file"),
        started.elapsed().as_millis(),
        output.display()
    );
    println!("{}", m.text(&done));
    // The process ends here: handing the memory back piece by piece (every page,
    // value and output file) cost 6 % of a 10,000-page build for nothing.
    std::mem::forget(built);
    ExitCode::SUCCESS
}

/// The output folder may not be the site root, contain it, or lie inside a folder the
/// build reads from: replacing it would destroy the editors' files.
fn check_output_dir(root: &Path, output: &Path, source_dirs: &[PathBuf]) -> Result<(), Diagnostic> {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalise(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let out = abs(output);
    let root_abs = abs(root);
    let refuse = |what: String| {
        Err(Diagnostic::error(
            "",
            0,
            0,
            format!(
                "refusing to write the site into {}: {what}",
                output.display()
            ),
        )
        .with_help("choose another --output folder, such as public/"))
    };
    if root_abs.starts_with(&out) {
        return refuse("it is the site folder or contains it, and would be replaced".to_string());
    }
    for dir in source_dirs {
        let dir = abs(dir);
        if out.starts_with(&dir) || dir.starts_with(&out) {
            let shown = dir.strip_prefix(&root_abs).unwrap_or(&dir);
            return refuse(format!(
                "it overlaps {}, which the build reads from",
                shown.display()
            ));
        }
    }
    Ok(())
}

/// Removes `.` and `..` components without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
