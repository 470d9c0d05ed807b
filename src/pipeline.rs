//! Strings the stages together: config → source → content → site → render.
//! `build`, `check` and `serve` all call [`build`]; only `build` writes the result.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Document};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::output::{self, Output};
use crate::render;
use crate::site::{BodyCache, Publishing, Site};
use crate::source::{self, Origin, SourceFile, Sources, Stamp};
use crate::verify;

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
}

/// The site before rendering: what `serve` keeps and renders on request.
#[derive(Debug)]
pub struct Assembled {
    /// The site model.
    pub site: Site,
    /// Every input file, for the render stage.
    pub sources: Sources,
    /// Problems found so far: warnings only, from [`assemble`].
    pub warnings: Diagnostics,
    /// Stage timings so far.
    pub timings: Timings,
    /// Content files that could not be parsed (paths under `content/`).
    pub failed: Vec<String>,
}

/// What `serve` keeps between builds, so that a rebuild parses and renders the
/// Markdown of the changed files only.
#[derive(Debug, Default)]
pub struct Cache {
    /// The configuration of the last build (its `Debug` text, which shows every
    /// field): the walk and parsing depend on it and on the files alone, so a change
    /// of it forgets the listing and the documents.
    config: String,
    /// Parsed documents, by file path.
    documents: HashMap<PathBuf, Parsed>,
    /// Rendered Markdown bodies.
    bodies: BodyCache,
    /// The files the last walk found.
    listing: Option<Listing>,
    /// Whether the next build may use `listing` instead of walking (see
    /// [`Cache::changed`]).
    listing_holds: bool,
}

/// The result of a walk of the source folders, kept for the next build.
#[derive(Debug)]
struct Listing {
    sources: Sources,
    diags: Diagnostics,
    /// Each listed file on disk, by its absolute path under the canonical site root.
    files: HashSet<PathBuf>,
}

/// One file's parse result and the problems found.
#[derive(Debug)]
struct Parsed {
    stamp: Stamp,
    doc: Option<Arc<Document>>,
    diags: Diagnostics,
}

/// Runs every stage in memory. All problems of the site are reported together: when
/// the content has errors, the site is still rendered (in memory, never written) so
/// that the broken links and template mistakes of the same run are listed too.
pub fn build(options: &BuildOptions) -> Result<Built, Diagnostics> {
    build_reviewed(options, |_, _| Diagnostics::new())
}

/// [`build`], with `review` looking at the rendered site for more problems (`kepu
/// check`'s warnings, its outside links). It runs also when the build is refused, so
/// that its findings come in the same run as the errors, and what it finds is part of
/// the result: in `warnings`, or with the errors.
///
/// A build refused for errors in the content processes no images: it writes nothing
/// to the image cache and removes nothing from it, so the next build after the fix
/// finds the cache as the last good build left it. The render it still makes for the
/// link check uses the originals (their links are the same).
pub fn build_reviewed(
    options: &BuildOptions,
    review: impl FnOnce(&Site, &Output) -> Diagnostics,
) -> Result<Built, Diagnostics> {
    let Assembled {
        mut site,
        sources,
        warnings: mut diags,
        mut timings,
        failed,
    } = assemble_site(options, None)?;
    let content_errors = diags.has_errors();
    let output = match &options.write_to {
        Some(dest) if !content_errors => match Output::staged(dest) {
            Ok(output) => {
                site.drop_source_texts();
                output
            }
            Err(d) => {
                diags.push(d);
                return Err(diags.sorted());
            }
        },
        _ => Output::new(),
    };
    if content_errors {
        // Templates, translations and data files are read as before; the render is
        // only for the links of the content, so its own (consequent) problems and
        // the links templates write are left out.
        render::check(&site, &sources, &mut diags);
        diags.extend(render::images::survey(&site, &sources.statics));
        let mut scratch = Diagnostics::new();
        let images = render::images::Images::default();
        let (output, _) = render::render(&site, &sources, images, output, &mut scratch);
        let mut found = Diagnostics::new();
        verify::links(&site, &output, &options.root, &mut found);
        verify::unparsed_links(&site, &output, &sources, &failed, &mut found);
        diags.extend(found.into_iter().filter(|d| {
            !d.span.path.as_os_str().is_empty()
                && !matches!(
                    *d.message,
                    Msg::TemplateLinkMissing { .. } | Msg::TemplateAnchorMissing { .. }
                )
        }));
        diags.extend(review(&site, &output));
        return Err(diags.sorted());
    }
    let (images, found) = timings.time("images", || {
        render::images::process(&site, &sources.statics)
    });
    diags.extend(found);
    let counts = images.counts;
    let (output, revisions) = timings.time("render", || {
        render::render(&site, &sources, images, output, &mut diags)
    });
    timings.time("links", || {
        verify::links(&site, &output, &options.root, &mut diags);
        verify::unparsed_links(&site, &output, &sources, &failed, &mut diags);
    });
    diags.extend(review(&site, &output));
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(Built {
        output,
        site,
        warnings: diags.sorted(),
        timings,
        source_dirs: sources.source_dirs,
        images: counts,
        revisions,
    })
}

/// Runs every stage up to the render: config, walk, parse and assemble. Content
/// errors also list the mistakes of templates, translations and data files. With a
/// `cache`, unchanged content files are not parsed again, nor their Markdown rendered.
pub fn assemble(
    options: &BuildOptions,
    cache: Option<&mut Cache>,
) -> Result<Assembled, Diagnostics> {
    let assembled = assemble_site(options, cache)?;
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
    cache: Option<&mut Cache>,
) -> Result<Assembled, Diagnostics> {
    let mut timings = Timings::default();
    let mut diags = Diagnostics::new();

    let mut config = timings.time("config", || Config::load(&options.root))?;
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
    let now = build_time(options.now.as_deref(), &config)?;

    let mut cache = cache;
    let sources = timings.time("walk", || {
        let Some(cache) = cache.as_deref_mut() else {
            return source::collect(&options.root, &config, &mut diags);
        };
        cache.configure(&config);
        if let Some((sources, found)) = cache.listing() {
            diags.extend(found);
            return sources;
        }
        let mut found = Diagnostics::new();
        let sources = source::collect(&options.root, &config, &mut found);
        cache.keep_listing(&options.root, &sources, found.clone());
        diags.extend(found);
        sources
    });
    if let Some(dest) = &options.write_to
        && let Err(d) = output::check_destination(&options.root, dest, &sources.source_dirs)
    {
        diags.push(d);
    }

    let mut failed = Vec::new();
    let documents: Vec<Arc<Document>> = timings.time("parse", || {
        let parsed = match cache.as_deref_mut() {
            Some(cache) => cache.parse(&sources.markdown, &config),
            None => sources
                .markdown
                .par_iter()
                .map(|file| {
                    let mut local = Diagnostics::new();
                    let doc = content::parse(file, &config, &mut local);
                    (doc.map(Arc::new), local)
                })
                .collect(),
        };
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
    let site = timings.time("assemble", || {
        Site::assemble(
            config,
            documents,
            sources.content_assets.clone(),
            publishing,
            &failed,
            cache.map(|c| &mut c.bodies),
            &mut diags,
        )
    });
    Ok(Assembled {
        site,
        sources,
        warnings: diags,
        timings,
        failed,
    })
}

impl Cache {
    /// Tells the cache which paths changed since the last build, as the watcher
    /// reports them (absolute, under the canonical site root). When every one is a
    /// file the last walk found that still exists, no file came or went, and the next
    /// build takes that walk's listing instead of walking the folders again. Without
    /// this call, the next build walks.
    /// A file that became a symbolic link is not "a file the last walk found": the
    /// walk must judge where the link leads.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.listing_holds = !paths.is_empty()
            && self.listing.as_ref().is_some_and(|listing| {
                paths
                    .iter()
                    .all(|p| listing.files.contains(p) && is_plain_file(p))
            });
    }

    /// The sources of the last walk, when [`Cache::changed`] allowed it and the
    /// configuration is the same.
    fn listing(&mut self) -> Option<(Sources, Diagnostics)> {
        let holds = std::mem::take(&mut self.listing_holds);
        let listing = self.listing.as_ref().filter(|_| holds)?;
        Some((listing.sources.clone(), listing.diags.clone()))
    }

    /// Forgets the listing and the parsed documents when the configuration changed.
    fn configure(&mut self, config: &Config) {
        let fingerprint = format!("{config:?}");
        if self.config != fingerprint {
            self.documents.clear();
            self.listing = None;
            self.config = fingerprint;
        }
    }

    /// Keeps a walk's result for the next build.
    fn keep_listing(&mut self, root: &Path, sources: &Sources, diags: Diagnostics) {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let files = sources
            .files()
            .filter(|f| matches!(f.origin, Origin::Disk(_)))
            .map(|f| root.join(&f.display))
            .collect();
        self.listing = Some(Listing {
            sources: sources.clone(),
            diags,
            files,
        });
    }

    /// Parses every file, or takes its earlier result when it did not change (see
    /// [`Cache::configure`] for the configuration). Forgets files that are gone.
    fn parse(
        &mut self,
        files: &[SourceFile],
        config: &Config,
    ) -> Vec<(Option<Arc<Document>>, Diagnostics)> {
        let known = &self.documents;
        let results: Vec<(Option<Parsed>, Option<Arc<Document>>, Diagnostics)> = files
            .par_iter()
            .map(|file| {
                let stamp = Stamp::of(&file.origin);
                if let Some(stamp) = stamp
                    && let Some(old) = known.get(&file.display)
                    && old.stamp.still_holds(stamp)
                {
                    return (None, old.doc.clone(), old.diags.clone());
                }
                let mut diags = Diagnostics::new();
                let doc = content::parse(file, config, &mut diags).map(Arc::new);
                let fresh = stamp.map(|stamp| Parsed {
                    stamp,
                    doc: doc.clone(),
                    diags: diags.clone(),
                });
                (fresh, doc, diags)
            })
            .collect();
        let mut old = std::mem::take(&mut self.documents);
        let mut parsed = Vec::with_capacity(results.len());
        for (file, (fresh, doc, diags)) in files.iter().zip(results) {
            if let Some(entry) = fresh.or_else(|| old.remove(&file.display)) {
                self.documents.insert(file.display.clone(), entry);
            }
            parsed.push((doc, diags));
        }
        parsed
    }
}

/// A regular file, not a symbolic link (nor a folder, nor gone).
fn is_plain_file(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_file())
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
