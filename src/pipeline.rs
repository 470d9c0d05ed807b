//! Strings the stages together: config → source → content → site → render.
//! `build`, `check` and `serve` all call [`build`]; only `build` writes the result.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Document};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::{self, Output};
use crate::render;
use crate::site::{Publishing, Site};
use crate::source;

/// What a build needs to know besides the site itself.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// Build drafts too.
    pub drafts: bool,
    /// Replaces `base_url` of site.toml.
    pub base_url: Option<String>,
    /// The build time as written on the command line (`--now`).
    pub now: Option<String>,
    /// The output folder, for `kepu build`: generated files are written into a staging
    /// folder beside it while rendering (see [`Output::staged`]) and the result is then
    /// committed there. `None` keeps the whole output in memory (`serve`, `check`).
    pub write_to: Option<PathBuf>,
}

/// How long each stage took, and the process's peak memory when it ended.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// (stage name, duration, peak resident memory in bytes so far), in order. The
    /// memory is `None` where the system does not tell it (outside Linux).
    pub stages: Vec<(&'static str, Duration, Option<u64>)>,
}

impl Timings {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.stages.push((name, start.elapsed(), peak_memory()));
        value
    }

    /// Adds a stage timed elsewhere (the write, which happens after [`build`]).
    pub fn record(&mut self, name: &'static str, duration: Duration) {
        self.stages.push((name, duration, peak_memory()));
    }

    /// Total time of all stages.
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d, _)| *d).sum()
    }
}

/// The process's peak resident memory so far (`VmHWM` of `/proc/self/status`), on Linux.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// A successful build, not yet written.
#[derive(Debug)]
pub struct Built {
    /// Every output file.
    pub output: Output,
    /// The site model it was rendered from.
    pub site: Site,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// Stage timings.
    pub timings: Timings,
    /// Folders the build read from (the output must not be one of them).
    pub source_dirs: Vec<PathBuf>,
}

/// Runs every stage in memory. All problems of the site are reported together.
pub fn build(options: &BuildOptions) -> Result<Built, Diagnostics> {
    let mut timings = Timings::default();
    let mut diags = Diagnostics::new();

    let mut config = timings.time("config", || Config::load(&options.root))?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    let now = build_time(options.now.as_deref(), &config)?;

    let sources = timings.time("walk", || {
        source::collect(&options.root, &config, &mut diags)
    });
    if let Some(dest) = &options.write_to {
        if let Err(d) = output::check_destination(&options.root, dest, &sources.source_dirs) {
            diags.push(d);
        }
    }

    let mut failed = Vec::new();
    let documents: Vec<Document> = timings.time("parse", || {
        let parsed: Vec<(Option<Document>, Diagnostics)> = sources
            .markdown
            .par_iter()
            .map(|file| {
                let mut local = Diagnostics::new();
                let doc = content::parse(file, &config, &mut local);
                (doc, local)
            })
            .collect();
        parsed
            .into_iter()
            .zip(&sources.markdown)
            .filter_map(|((doc, local), file)| {
                diags.extend(local);
                if doc.is_none() {
                    failed.push(file.rel.to_string_lossy().replace('\\', "/"));
                }
                doc
            })
            .collect()
    });

    let publishing = Publishing {
        now,
        drafts: options.drafts,
    };
    let mut site = timings.time("assemble", || {
        Site::assemble(
            config,
            documents,
            sources.content_assets.clone(),
            publishing,
            &failed,
            &mut diags,
        )
    });
    if diags.has_errors() {
        // Still read the templates, translations and data files, so that their
        // mistakes are listed in the same run.
        render::check(&site, &sources, &mut diags);
        return Err(diags.sorted());
    }
    let output = match &options.write_to {
        Some(dest) => match Output::staged(dest) {
            Ok(output) => {
                site.drop_source_texts();
                output
            }
            Err(d) => {
                diags.push(d);
                return Err(diags.sorted());
            }
        },
        None => Output::new(),
    };
    let output = timings.time("render", || {
        render::render(&site, &sources, output, &mut diags)
    });
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(Built {
        output,
        site,
        warnings: diags.sorted(),
        timings,
        source_dirs: sources.source_dirs,
    })
}

/// The build time: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
fn build_time(now: Option<&str>, config: &Config) -> Result<Timestamp, Diagnostics> {
    if let Some(text) = now {
        return content::dates::parse_now(text, &config.timezone).map_err(|message| {
            std::iter::once(Diagnostic::error("", 0, 0, format!("--now: {message}"))).collect()
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or_else(|| {
                std::iter::once(
                    Diagnostic::error(
                        "",
                        0,
                        0,
                        format!("SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds"),
                    )
                    .with_help("set it to a Unix time such as 1527782400, or unset it"),
                )
                .collect()
            });
    }
    Ok(Timestamp::now())
}
