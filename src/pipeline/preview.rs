//! A site planned and rendered on request: what `serve` shows. A [`Prepared`] site
//! (assembled by a [`super::Session`]) is planned into a [`Preview`], which renders a
//! page when it is first read and keeps it for the rest of that build; the files come
//! from the same [`Plan`] and the same render functions as `kepu build`'s, so they are
//! the same bytes. [`Preview::check`] renders everything to find the mistakes that
//! only show when a page is rendered.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::{Assembled, Timings};
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Contents;
use crate::render::cache::RenderCache;
use crate::render::plan::{Plan, Rendered, Source};
use crate::render::{self, Rendering};
use crate::site::Texts;
use crate::source::Origin;
use crate::verify::{self, Scanned};

/// The answer to a read: the bytes, or why the page that has them failed to render.
pub type Read = Result<Vec<u8>, Diagnostic>;

/// An assembled site, not yet planned, with the page values its session kept.
pub struct Prepared {
    assembled: Assembled,
    values: Option<Arc<Mutex<RenderCache>>>,
}

/// A planned site whose pages are rendered when first read.
pub struct Preview<'a> {
    rendering: Rendering<'a>,
    /// The texts of the site's pages, for the lines of broken links.
    texts: &'a Texts,
    plan: Plan,
    rendered: Vec<OnceLock<Rendered>>,
    stopped: AtomicBool,
    /// The site folder as the file system resolves it: a copied file is read at
    /// request time, and by then it may have become a link out of the site.
    site_root: Option<PathBuf>,
}

impl Prepared {
    pub(super) fn new(assembled: Assembled, values: Option<Arc<Mutex<RenderCache>>>) -> Self {
        Prepared { assembled, values }
    }

    /// How many pages and sections the site has.
    pub fn pages(&self) -> usize {
        self.assembled.site.pages.len()
    }

    /// The path of the site's base URL (`/assoc-site`, or `""`).
    pub fn url_prefix(&self) -> &str {
        &self.assembled.site.url_prefix
    }

    /// Processes the images, prepares the rendering and plans the outputs, reusing
    /// the page values the session kept where nothing they are made from changed.
    /// Returns the warnings so far and the stage timings (the assembly's, then
    /// `images` and `plan`), or every error when the site cannot be rendered (a
    /// template that does not compile, two files at one address…).
    pub fn preview(&self) -> Result<(Preview<'_>, Diagnostics, Timings), Diagnostics> {
        let Assembled {
            site,
            texts,
            sources,
            warnings,
            timings,
            ..
        } = &self.assembled;
        let (mut diags, mut timings) = (warnings.clone(), timings.clone());
        let (images, found) =
            timings.time("images", || render::images::process(site, &sources.statics));
        let mut found: Diagnostics = found.into_iter().collect();
        let planned = timings.time("plan", || match &self.values {
            Some(values) => {
                let mut kept = values.lock().unwrap_or_else(|e| e.into_inner());
                render::plan(site, sources, images, Some(&mut kept), &mut found)
            }
            None => render::plan(site, sources, images, None, &mut found),
        });
        diags.extend(render::merge_repeated(found.into_iter().collect()));
        let (rendering, plan) = match planned {
            Some(planned) if !diags.has_errors() => planned,
            _ => return Err(diags.sorted()),
        };
        let site_root = sources
            .source_dirs
            .iter()
            .find(|d| d.ends_with("content"))
            .and_then(|d| d.parent()?.canonicalize().ok());
        let preview = Preview {
            site_root,
            rendered: (0..plan.unit_count()).map(|_| OnceLock::new()).collect(),
            rendering,
            texts,
            plan,
            stopped: AtomicBool::new(false),
        };
        Ok((preview, diags.sorted(), timings))
    }
}

impl Preview<'_> {
    /// The file at `path` (clean, relative), or `None` when the site has none there.
    pub fn read(&self, path: &str) -> Option<Read> {
        Some(match self.plan.source(&self.rendering, path)? {
            Source::Ready(Contents::Bytes(bytes)) => Ok(bytes.clone()),
            Source::Bytes(bytes) => Ok(bytes.to_vec()),
            Source::Ready(Contents::Copy(origin)) => Ok(self.copy(origin)?),
            // Only an output written to a staging folder has these; a plan never does.
            Source::Ready(Contents::Written) => return None,
            Source::Unit(u) => match self.unit(u) {
                Ok(files) => Ok(Plan::pick(files, path)?.to_vec()),
                Err(d) => Err(d.clone()),
            },
        })
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.plan.contains(&self.rendering, path)
    }

    /// Whether the search files are made and held: a read of one makes them, a
    /// check does not.
    pub fn holds_search_files(&self) -> bool {
        self.plan.holds_search_files()
    }

    /// Every path of the site, sorted.
    pub fn paths(&self) -> Vec<String> {
        self.plan.paths(&self.rendering)
    }

    /// Stops a running [`Preview::check`], and every later one.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
    }

    /// A copied file's bytes, unless it now resolves to a place outside the site
    /// (it was made a link out of it after the build: the next build reports it).
    fn copy(&self, origin: &Origin) -> Option<Vec<u8>> {
        if let (Origin::Disk(path), Some(root)) = (origin, &self.site_root)
            && !path.canonicalize().ok()?.starts_with(root)
        {
            return None;
        }
        origin.read().ok()
    }

    fn unit(&self, u: usize) -> &Rendered {
        self.rendered[u].get_or_init(|| self.plan.render(&self.rendering, u))
    }

    /// Renders every unit, checks the links of its pages as `kepu build` does
    /// ([`verify`]) and reports the search's problems (without making its index: see
    /// [`render::plan::Plan::search_diagnostics`]); `None` when stopped first
    /// ([`Preview::stop`], asked before each page).
    pub fn check(&self) -> Option<Diagnostics> {
        self.check_unless(&|| false)
    }

    /// [`Preview::check`], which also stops when `stop` says so: it is asked before
    /// each page.
    pub fn check_unless(&self, stop: &(dyn Fn() -> bool + Sync)) -> Option<Diagnostics> {
        let stopped = || self.stopped.load(Ordering::Relaxed) || stop();
        // Pages not asked for yet are rendered and dropped: keeping the whole site's
        // HTML would only give the next build more memory to free. What the link
        // check needs of them (links and ids) is taken from the text in memory.
        let results: Vec<(Option<Diagnostic>, Vec<Scanned>)> = (0..self.rendered.len())
            .into_par_iter()
            .map(|u| {
                if stopped() {
                    return None;
                }
                Some(match self.rendered[u].get() {
                    Some(rendered) => scan(rendered),
                    None => scan(&self.plan.render(&self.rendering, u)),
                })
            })
            .collect::<Option<_>>()?;
        let mut scanned = Vec::new();
        let mut errors = Vec::with_capacity(results.len());
        for (error, pages) in results {
            errors.push(error);
            scanned.extend(pages);
        }
        let failed = errors
            .iter()
            .enumerate()
            .filter_map(|(u, e)| e.as_ref().map(|d| (u, d)));
        let mut found = self.plan.errors(failed);
        found.extend(self.plan.search_diagnostics(&self.rendering));
        Some(self.verified(
            render::merge_repeated(found).into_iter().collect(),
            &scanned,
        ))
    }

    /// `diags` with the problems of the links and ids in `scanned` (unless `diags`
    /// has errors already: links into a page that failed to render would all look
    /// broken), sorted.
    fn verified(&self, mut diags: Diagnostics, scanned: &[Scanned]) -> Diagnostics {
        if !diags.has_errors() {
            let root = self.site_root.clone().unwrap_or_default();
            let exists = |path: &str| self.contains(path);
            let site = (self.rendering.site, Some(self.texts));
            verify::report(site, scanned, &exists, &root, &mut diags);
        }
        diags.sorted()
    }
}

/// The render error of a unit, or the links and ids of its HTML files.
fn scan(rendered: &Rendered) -> (Option<Diagnostic>, Vec<Scanned>) {
    match rendered {
        Err(d) => (Some(d.clone()), Vec::new()),
        Ok(files) => (
            None,
            files
                .iter()
                .filter(|(path, _)| path.ends_with(".html"))
                .filter_map(|(path, bytes)| {
                    let html = std::str::from_utf8(bytes).ok()?;
                    Some(Scanned::of(&crate::output::clean_path(path)?, html))
                })
                .collect(),
        ),
    }
}
