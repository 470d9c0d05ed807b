//! The site as `serve` shows it: assembled and planned, with each page rendered when a
//! browser first asks for it. A change then costs the stages up to the plan, not the
//! render of every page; the files come from the same [`Plan`] and the same render
//! functions as `kepu build`'s, so they are the same bytes.
//!
//! The rendering borrows the site, so both live on one worker thread that owns them;
//! a [`Live`] is the handle that sends it requests. Each request is answered on a
//! thread of its own, so a page never waits for [`Live::check`]. Dropping the handle
//! stops the worker, and with it a check still running.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Contents;
use crate::pipeline::Assembled;
use crate::render::cache::RenderCache;
use crate::render::plan::{Plan, Rendered, Source};
use crate::render::{self, Rendering};
use crate::verify::{self, Scanned};

/// A built site, rendered on request.
pub struct Live {
    requests: Sender<Request>,
    /// How many pages and sections the site has.
    pub pages: usize,
    /// The path of the site's base URL (`/assoc-site`, or `""`): what it is served under.
    pub prefix: String,
}

/// The answer to a read: the bytes, or why the page that has them failed to render.
pub type Read = Result<Vec<u8>, Diagnostic>;

enum Request {
    Read(String, Sender<Option<Read>>),
    Contains(String, Sender<bool>),
    Paths(Sender<Vec<String>>),
    Check(Sender<Diagnostics>),
    StopCheck,
}

impl Live {
    /// Prepares the rendering and plans the outputs of an assembled site. Returns the
    /// warnings so far, or every error when the site cannot be rendered (a template
    /// that does not compile, two files at one address…).
    /// `kept` holds the page values of the last build, to reuse unchanged ones.
    pub fn start(
        assembled: Assembled,
        kept: Arc<Mutex<RenderCache>>,
    ) -> Result<(Live, Diagnostics), Diagnostics> {
        let pages = assembled.site.pages.len();
        let prefix = assembled.site.url_prefix.clone();
        let (requests, receiver) = channel();
        let (ready, started) = channel();
        std::thread::spawn(move || work(assembled, kept, receiver, ready));
        match started.recv() {
            Ok(Ok(warnings)) => Ok((
                Live {
                    requests,
                    pages,
                    prefix,
                },
                warnings,
            )),
            Ok(Err(errors)) => Err(errors),
            Err(_) => Err(std::iter::once(Diagnostic::error(
                "",
                0,
                0,
                "the preview stopped while preparing the site; restart kepu serve",
            ))
            .collect()),
        }
    }

    /// The file at `path` (clean, relative), or `None` when the site has none there.
    pub fn read(&self, path: &str) -> Option<Read> {
        let (reply, answer) = channel();
        self.ask(Request::Read(path.to_string(), reply));
        answer.recv().ok().flatten()
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        let (reply, answer) = channel();
        self.ask(Request::Contains(path.to_string(), reply));
        answer.recv().unwrap_or(false)
    }

    /// Every path of the site, sorted.
    pub fn paths(&self) -> Vec<String> {
        let (reply, answer) = channel();
        self.ask(Request::Paths(reply));
        answer.recv().unwrap_or_default()
    }

    /// Starts rendering every file, to find the mistakes that only show when a page
    /// is rendered. The problems arrive on the returned channel, as `kepu build` would
    /// report them; nothing arrives if this site is dropped or the check stopped first
    /// (a newer build replaced it).
    pub fn check(&self) -> Receiver<Diagnostics> {
        let (reply, answer) = channel();
        self.ask(Request::Check(reply));
        answer
    }

    /// Stops a running [`Live::check`] (its channel then gets nothing): a change is
    /// being built, and the check would only slow that build down.
    pub fn stop_check(&self) {
        self.ask(Request::StopCheck);
    }

    fn ask(&self, request: Request) {
        // The worker only stops once this handle is dropped.
        let _ = self.requests.send(request);
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

/// What the worker keeps: the rendering, the plan and every unit rendered so far.
struct State<'a> {
    rendering: Rendering<'a>,
    plan: Plan,
    rendered: Vec<OnceLock<Rendered>>,
    stopped: AtomicBool,
    /// The site folder as the file system resolves it: a copied file is read at
    /// request time, and by then it may have become a link out of the site.
    site_root: Option<std::path::PathBuf>,
}

fn work(
    assembled: Assembled,
    kept: Arc<Mutex<RenderCache>>,
    requests: Receiver<Request>,
    ready: Sender<Result<Diagnostics, Diagnostics>>,
) {
    let Assembled {
        site,
        sources,
        warnings: mut diags,
        ..
    } = assembled;
    let (images, found) = render::images::process(&site, &sources.statics);
    let mut found: Diagnostics = found.into_iter().collect();
    let planned = {
        let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
        render::plan(&site, &sources, images, Some(&mut kept), &mut found)
    };
    diags.extend(render::merge_repeated(found.into_iter().collect()));
    let (rendering, plan) = match planned {
        Some(planned) if !diags.has_errors() => planned,
        _ => {
            let _ = ready.send(Err(diags.sorted()));
            return;
        }
    };
    let _ = ready.send(Ok(diags.sorted()));
    let site_root = sources
        .source_dirs
        .iter()
        .find(|d| d.ends_with("content"))
        .and_then(|d| d.parent()?.canonicalize().ok());
    let state = State {
        site_root,
        rendered: (0..plan.unit_count()).map(|_| OnceLock::new()).collect(),
        rendering,
        plan,
        stopped: AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        for request in requests {
            let state = &state;
            scope.spawn(move || state.answer(request));
        }
        state.stopped.store(true, Ordering::Relaxed);
    });
}

impl State<'_> {
    fn answer(&self, request: Request) {
        // A closed reply channel means the asker gave up: nothing to do.
        match request {
            Request::Read(path, reply) => {
                let _ = reply.send(self.read(&path));
            }
            Request::Contains(path, reply) => {
                let _ = reply.send(self.plan.contains(&self.rendering, &path));
            }
            Request::Paths(reply) => {
                let _ = reply.send(self.plan.paths(&self.rendering));
            }
            Request::Check(reply) => {
                if let Some(diags) = self.check() {
                    let _ = reply.send(diags);
                }
            }
            Request::StopCheck => self.stopped.store(true, Ordering::Relaxed),
        }
    }

    /// A copied file's bytes, unless it now resolves to a place outside the site
    /// (it was made a link out of it after the build: the next build reports it).
    fn copy(&self, origin: &crate::source::Origin) -> Option<Vec<u8>> {
        if let (crate::source::Origin::Disk(path), Some(root)) = (origin, &self.site_root)
            && !path.canonicalize().ok()?.starts_with(root)
        {
            return None;
        }
        origin.read().ok()
    }

    fn unit(&self, u: usize) -> &Rendered {
        self.rendered[u].get_or_init(|| self.plan.render(&self.rendering, u))
    }

    fn read(&self, path: &str) -> Option<Read> {
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

    /// Renders every unit, checks the links of its pages as `kepu build` does
    /// ([`verify`]) and makes the search files; `None` when stopped first.
    fn check(&self) -> Option<Diagnostics> {
        // Pages not asked for yet are rendered and dropped: keeping the whole site's
        // HTML would only give the next build more memory to free. What the link
        // check needs of them (links and ids) is taken from the text in memory.
        let results: Vec<(Option<Diagnostic>, Vec<Scanned>)> = (0..self.rendered.len())
            .into_par_iter()
            .map(|u| {
                if self.stopped.load(Ordering::Relaxed) {
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
        let mut diags: Diagnostics = render::merge_repeated(found).into_iter().collect();
        if !diags.has_errors() {
            // Links into a page that failed to render would all look broken.
            let root = self.site_root.clone().unwrap_or_default();
            let exists = |path: &str| self.plan.contains(&self.rendering, path);
            verify::report(self.rendering.site, &scanned, &exists, &root, &mut diags);
        }
        Some(diags.sorted())
    }
}
