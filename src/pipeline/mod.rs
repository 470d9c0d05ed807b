//! Strings the stages together: config → source → content → site → render.
//! `build`, `check` and `serve` all build through a [`Session`]: `build` and `check`
//! through one that keeps nothing, `serve` through one that keeps what the next build
//! can reuse ([`session`]) and renders on request ([`preview`]). Only `build` writes
//! the result.

mod preview;
mod session;

pub use preview::{Prepared, Preview, Read};
pub use session::Session;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::partner::{self, PartnerCalendar};
use crate::content::{self, Parsed};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::output::{self, Output};
use crate::render;
use crate::site::{Publishing, Site, Texts};
use crate::source::{self, Sources};
use crate::verify;
use session::Kept;

/// What a build needs to know besides the site itself.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// Build drafts too.
    pub drafts: bool,
    /// Replaces `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Replaces the scheme and host of `base_url` and keeps its path (`serve`: the
    /// local address, so that a site published under `/assoc-site/` is previewed
    /// under `/assoc-site/` too).
    pub origin: Option<String>,
    /// The build time as written on the command line (`--now`).
    pub now: Option<String>,
    /// The output folder, for `kepu build`: generated files are written into a staging
    /// folder beside it while rendering (see [`Output::staged`]) and the result is then
    /// committed there. `None` keeps the whole output in memory (`serve`, `check`).
    pub write_to: Option<PathBuf>,
    /// Replaces `[images] cache_dir` of site.toml (`--cache-dir`, relative to the
    /// current folder).
    pub cache_dir: Option<PathBuf>,
}

/// How long each stage took, and the process's peak memory when it ended.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// (stage name, duration, peak resident memory in bytes so far), in order. The
    /// memory is `None` where the system does not tell it (outside Linux).
    pub stages: Vec<(&'static str, Duration, Option<u64>)>,
}

impl Timings {
    /// Runs `f` as the stage `name` and records how long it took.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
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
    /// How many images were processed, and how many taken from the cache.
    pub images: render::images::Counts,
    /// The revision of each event as published, for `kepu build` to keep in the
    /// cache folder once the output is written (see [`render::revisions`]).
    pub revisions: render::revisions::State,
    /// What the render made that the process may end without freeing.
    pub leftovers: crate::leftovers::Leftovers,
}

/// The site before rendering: what `serve` keeps and renders on request.
#[derive(Debug)]
pub struct Assembled {
    /// The site model.
    pub site: Site,
    /// The texts of its pages, for the messages that name a line.
    pub texts: Texts,
    /// Every input file, for the render stage.
    pub sources: Sources,
    /// Problems found so far: warnings only, from [`assemble`].
    pub warnings: Diagnostics,
    /// Stage timings so far.
    pub timings: Timings,
    /// Content files that could not be parsed (paths under `content/`).
    pub failed: Vec<String>,
}

/// Runs every stage in memory, through a [`Session`] that keeps nothing: see
/// [`Session::build`].
pub fn build(options: &BuildOptions) -> Result<Built, Diagnostics> {
    Session::once(options.clone()).build()
}

/// Every stage, with `review` looking at the rendered site for more problems (`kepu
/// check`'s warnings, its outside links). It runs also when the build is refused, so
/// that its findings come in the same run as the errors, and what it finds is part of
/// the result: in `warnings`, or with the errors. A build that writes lets go of the
/// texts of the pages before it renders (about a sixth of a large build's peak
/// memory), unless a `review` reads them.
///
/// A build refused for errors in the content processes no images: it writes nothing
/// to the image cache and removes nothing from it, so the next build after the fix
/// finds the cache as the last good build left it. The render it still makes for the
/// link check uses the originals (their links are the same).
fn build_reviewed(
    options: &BuildOptions,
    kept: Option<&mut Kept>,
    review: Option<impl FnOnce(&Site, &Texts, &Output) -> Diagnostics>,
) -> Result<Built, Diagnostics> {
    let assembled = assemble_site(options, kept)?;
    let (site, texts, sources) = (assembled.site, assembled.texts, assembled.sources);
    let (mut diags, mut timings, failed) =
        (assembled.warnings, assembled.timings, assembled.failed);
    let content_errors = diags.has_errors();
    diags.extend(render::wechat::svg_warnings(&site, &texts));
    let Some(output) = output_for(options, content_errors, &mut diags) else {
        return Err(diags.sorted());
    };
    if content_errors {
        let read = (&site, &texts, &sources, failed.as_slice());
        return Err(refused(read, &options.root, output, review, diags));
    }
    // Nothing reads the texts of a build that writes after this, unless a review.
    let texts = (options.write_to.is_none() || review.is_some()).then_some(texts);
    let read = (&site, texts.as_ref(), &sources, failed.as_slice());
    let (output, revisions, leftovers, images) =
        render_checked(read, &options.root, output, &mut timings, &mut diags);
    if let (Some(review), Some(texts)) = (review, &texts) {
        diags.extend(review(&site, texts, &output));
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(Built {
        output,
        site,
        warnings: diags.sorted(),
        timings,
        source_dirs: sources.source_dirs,
        images,
        revisions,
        leftovers,
    })
}

/// Processes the images, renders the site into `output` and checks its links: the
/// stages after the assembly of a site without errors in its content. Gives the
/// output, the revision of each event, what may be dropped unfreed at the exit, and
/// how many images were processed. Without the `texts`, a broken link's line is read
/// from the page's file again.
fn render_checked(
    (site, texts, sources, failed): (&Site, Option<&Texts>, &Sources, &[String]),
    root: &std::path::Path,
    output: Output,
    timings: &mut Timings,
    diags: &mut Diagnostics,
) -> (
    Output,
    render::revisions::State,
    crate::leftovers::Leftovers,
    render::images::Counts,
) {
    let (images, found) =
        timings.time("images", || render::images::process(site, &sources.statics));
    diags.extend(found);
    let counts = images.counts;
    let (output, revisions, leftovers) = timings.time("render", || {
        render::render(site, sources, images, output, diags)
    });
    timings.time("links", || {
        verify::links((site, texts), &output, root, diags);
        verify::unparsed_links(site, &output, sources, failed, diags);
    });
    (output, revisions, leftovers, counts)
}

/// Where the build puts its files: for a `kepu build` of content without errors, a
/// staging folder beside the destination; else memory. `None` when the staging
/// folder cannot be made (the error goes to `diags`).
fn output_for(
    options: &BuildOptions,
    content_errors: bool,
    diags: &mut Diagnostics,
) -> Option<Output> {
    match &options.write_to {
        Some(dest) if !content_errors => match Output::staged(dest) {
            Ok(output) => Some(output),
            Err(d) => {
                diags.push(d);
                None
            }
        },
        _ => Some(Output::new()),
    }
}

/// The problems of a build refused for errors in the content (`diags`), with what
/// the rest of the build still finds. Templates, translations and data files are
/// read as before; the render is only for the links of the content, so its own
/// (consequent) problems and the links templates write are left out.
fn refused(
    (site, texts, sources, failed): (&Site, &Texts, &Sources, &[String]),
    root: &std::path::Path,
    output: Output,
    review: Option<impl FnOnce(&Site, &Texts, &Output) -> Diagnostics>,
    mut diags: Diagnostics,
) -> Diagnostics {
    render::check(site, sources, &mut diags);
    diags.extend(render::images::survey(site, &sources.statics));
    let mut scratch = Diagnostics::new();
    let images = render::images::Processed::default();
    let (output, _, _) = render::render(site, sources, images, output, &mut scratch);
    let mut found = Diagnostics::new();
    verify::links((site, Some(texts)), &output, root, &mut found);
    verify::unparsed_links(site, &output, sources, failed, &mut found);
    diags.extend(found.into_iter().filter(|d| {
        !d.span.path.as_os_str().is_empty()
            && !matches!(
                *d.message,
                Msg::TemplateLinkMissing { .. } | Msg::TemplateAnchorMissing { .. }
            )
    }));
    if let Some(review) = review {
        diags.extend(review(site, texts, &output));
    }
    diags.sorted()
}

/// Runs every stage up to the render: config, walk, parse and assemble. Content
/// errors also list the mistakes of templates, translations and data files. With
/// `kept`, unchanged content files are not parsed again, nor their Markdown rendered.
fn assemble(options: &BuildOptions, kept: Option<&mut Kept>) -> Result<Assembled, Diagnostics> {
    let assembled = assemble_site(options, kept)?;
    let mut diags = assembled.warnings;
    if diags.has_errors() {
        // Still read the templates, translations and data files, so that their
        // mistakes are listed in the same run.
        render::check(&assembled.site, &assembled.sources, &mut diags);
        return Err(diags.sorted());
    }
    Ok(Assembled {
        warnings: diags,
        ..assembled
    })
}

/// [`assemble`], keeping the site when the content has errors (they are in its
/// `warnings`); fails only when there is no site to assemble (site.toml, `--now`).
fn assemble_site(
    options: &BuildOptions,
    kept: Option<&mut Kept>,
) -> Result<Assembled, Diagnostics> {
    let mut timings = Timings::default();
    let mut diags = Diagnostics::new();

    let config = timings.time("config", || configure(options))?;
    let now = build_time(options.now.as_deref(), &config)?;

    let mut kept = kept;
    let sources = timings.time("walk", || {
        walk(options, &config, kept.as_deref_mut(), &mut diags)
    });
    if let Some(dest) = &options.write_to
        && let Err(d) = output::check_destination(&options.root, dest, &sources.source_dirs)
    {
        diags.push(d);
    }

    let (documents, failed) = timings.time("parse", || {
        parse_all(&sources, &config, kept.as_deref_mut(), &mut diags)
    });
    let partners = partner_calendars(&sources, &config, &mut diags);
    let (site, texts) = timings.time("assemble", || {
        let parsed = (documents, partners, failed.as_slice());
        site_of((config, now), options, parsed, &sources, kept, &mut diags)
    });
    Ok(Assembled {
        site,
        texts,
        sources,
        warnings: diags,
        timings,
        failed,
    })
}

/// The site of the parsed `documents` and the `partners`' calendars, as of `now`, with
/// the texts of its pages (see [`Site::assemble`]).
fn site_of(
    (config, now): (Config, Timestamp),
    options: &BuildOptions,
    (documents, partners, failed): (Vec<Parsed>, Vec<PartnerCalendar>, &[String]),
    sources: &Sources,
    kept: Option<&mut Kept>,
    diags: &mut Diagnostics,
) -> (Site, Texts) {
    let publishing = Publishing {
        now,
        drafts: options.drafts,
    };
    Site::assemble(
        config,
        documents,
        sources.content_assets.clone(),
        partners,
        publishing,
        failed,
        kept.map(|k| &mut k.bodies),
        diags,
    )
}

/// site.toml, with the base URL, image cache and origin the options override.
fn configure(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    config.images.cache_dir = match &options.cache_dir {
        Some(dir) => dir.clone(),
        None => options.root.join(&config.images.cache_dir),
    };
    if let Some(origin) = &options.origin {
        let path = crate::site::url_prefix(&config.base_url);
        config.base_url = format!("{}{path}", origin.trim_end_matches('/'));
    }
    Ok(config)
}

/// The site's source files, from the kept listing when a serve session has one.
fn walk(
    options: &BuildOptions,
    config: &Config,
    kept: Option<&mut Kept>,
    diags: &mut Diagnostics,
) -> Sources {
    let Some(kept) = kept else {
        return source::collect(&options.root, config, diags);
    };
    kept.configure(config);
    if let Some((sources, found)) = kept.listing() {
        diags.extend(found);
        return sources;
    }
    let mut found = Diagnostics::new();
    let sources = source::collect(&options.root, config, &mut found);
    kept.keep_listing(&options.root, &sources, found.clone());
    diags.extend(found);
    sources
}

/// Every Markdown file parsed (in parallel, or through a serve session's cache),
/// with the files that fail to parse (paths under `content/`).
fn parse_all(
    sources: &Sources,
    config: &Config,
    kept: Option<&mut Kept>,
    diags: &mut Diagnostics,
) -> (Vec<Parsed>, Vec<String>) {
    let parsed = match kept {
        Some(kept) => kept.parse(&sources.markdown, config),
        None => sources
            .markdown
            .par_iter()
            .map(|file| {
                let mut local = Diagnostics::new();
                let parsed = content::parse(file, config, &mut local);
                (parsed.map(|(d, t)| (Arc::new(d), Arc::new(t))), local)
            })
            .collect(),
    };
    let mut failed = Vec::new();
    let documents = parsed
        .into_iter()
        .zip(&sources.markdown)
        .filter_map(|((doc, local), file)| {
            diags.extend(local);
            if doc.is_none() {
                failed.push(file.rel.to_string_lossy().replace('\\', "/"));
            }
            doc
        })
        .collect();
    (documents, failed)
}

/// The partners' calendars of data/calendars/: a problem is a warning, never a stop.
fn partner_calendars(
    sources: &Sources,
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<PartnerCalendar> {
    sources
        .data
        .iter()
        .filter(|f| partner::is_partner_file(f))
        .filter_map(|f| partner::read(f, config, diags))
        .collect()
}

/// The build time: `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
fn build_time(now: Option<&str>, config: &Config) -> Result<Timestamp, Diagnostics> {
    if let Some(text) = now {
        return content::dates::parse_now(text, &config.timezone).map_err(|why| {
            let why = Box::new(why);
            std::iter::once(Diagnostic::error("", 0, 0, Msg::NowInvalid { why })).collect()
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
                    Diagnostic::error("", 0, 0, Msg::SourceDateEpoch { value: epoch })
                        .with_help(Msg::UnixTimeHelp),
                )
                .collect()
            });
    }
    Ok(Timestamp::now())
}
