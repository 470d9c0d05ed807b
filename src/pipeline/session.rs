//! Builds of one site in a row: what `build`, `check` and `serve` build through, and
//! the one owner of whatever is kept from one build to the next.
//!
//! `build` and `check` build once and keep nothing ([`Session::once`]). `serve`
//! builds after every save and keeps ([`Session::new`]), each where the figures in
//! docs/performance.md ("What a session keeps") show that it pays at 10,000 pages:
//!
//! - the file list of the last walk, while only files it found were edited;
//! - parsed documents with their texts, by file, while a file's size and modification time hold, or,
//!   when the watcher named every changed file and the listing holds, while the file
//!   is not one of them (no need to stat 10,000 files after one save);
//! - rendered Markdown, while a document and the URLs of its `@/` links hold
//!   ([`BodyCache`]);
//! - page values, while everything a page's view reads holds ([`RenderCache`]).
//!
//! The first two are made under a configuration and forgotten when it changes; the
//! others check the settings they depend on themselves. Processed images are kept on
//! disk, in the cache folder, by `build` and `serve` alike (see
//! [`crate::render::images`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::{Assembled, BuildOptions, Built, Prepared};
use crate::config::Config;
use crate::content::{self, Parsed};
use crate::diag::Diagnostics;
use crate::output::Output;
use crate::render::cache::RenderCache;
use crate::site::{BodyCache, Site, Texts};
use crate::source::{Origin, SourceFile, Sources, Stamp};

/// Builds of one site, each reusing what the session kept of the one before.
pub struct Session {
    options: BuildOptions,
    /// `None` for a session that builds once.
    kept: Option<Kept>,
}

/// What a session keeps between builds.
#[derive(Default)]
pub(super) struct Kept {
    /// The configuration the listing and the documents were made under: the walk
    /// and parsing depend on it and on the files alone.
    config: Option<Config>,
    /// Parsed documents and their texts, by file path.
    documents: HashMap<PathBuf, FileParse>,
    /// Rendered Markdown bodies.
    pub(super) bodies: BodyCache,
    /// Page values, shared with the thread that plans and renders a preview.
    values: Arc<Mutex<RenderCache>>,
    /// The files the last walk found.
    listing: Option<Listing>,
    /// Whether the next build may use `listing` instead of walking (see
    /// [`Session::changed`]).
    listing_holds: bool,
    /// The files the watcher named since the last build (display paths), when the
    /// listing holds: the only ones whose parse can be out of date.
    edited: Option<HashSet<PathBuf>>,
    /// `edited`, for the build under way once it took the listing.
    trusted_edits: Option<HashSet<PathBuf>>,
}

/// The result of a walk of the source folders, kept for the next build.
struct Listing {
    sources: Sources,
    diags: Diagnostics,
    /// Each listed file on disk, by its absolute path under the canonical site root.
    files: HashSet<PathBuf>,
    /// The canonical site root.
    root: PathBuf,
}

/// One file's parse result and the problems found.
struct FileParse {
    stamp: Stamp,
    parsed: Option<Parsed>,
    diags: Diagnostics,
}

/// A file's parse result and problems, with what to keep of them when they are new
/// and the file has a stamp.
type Fresh = (Option<FileParse>, Option<Parsed>, Diagnostics);

impl Session {
    /// A session that keeps what the next build can reuse (`serve`).
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            kept: Some(Kept::default()),
        }
    }

    /// A session for one build, keeping nothing (`build`, `check`).
    pub fn once(options: BuildOptions) -> Session {
        Session {
            options,
            kept: None,
        }
    }

    /// What this session builds.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// What the next builds of this session build: a changed build time (`now`)
    /// applies to what is kept as it would to a new session.
    pub fn options_mut(&mut self) -> &mut BuildOptions {
        &mut self.options
    }

    /// Runs every stage in memory. All problems of the site are reported together:
    /// when the content has errors, the site is still rendered (in memory, never
    /// written) so that the broken links and template mistakes of the same run are
    /// listed too.
    pub fn build(&mut self) -> Result<Built, Diagnostics> {
        let review: Option<fn(&Site, &Texts, &Output) -> Diagnostics> = None;
        super::build_reviewed(&self.options, self.kept.as_mut(), review)
    }

    /// [`Session::build`], with `review` looking at the rendered site and the texts of
    /// its pages for more problems (`kepu check`'s warnings, its outside links): see
    /// [`super::build_reviewed`].
    pub fn build_reviewed(
        &mut self,
        review: impl FnOnce(&Site, &Texts, &Output) -> Diagnostics,
    ) -> Result<Built, Diagnostics> {
        super::build_reviewed(&self.options, self.kept.as_mut(), Some(review))
    }

    /// Runs the stages up to the render, for a preview that renders pages when they
    /// are asked for (`serve`): see [`Prepared`]. Content errors also list the
    /// mistakes of templates, translations and data files.
    pub fn prepare(&mut self) -> Result<Prepared, Diagnostics> {
        let assembled: Assembled = super::assemble(&self.options, self.kept.as_mut())?;
        let values = self.kept.as_ref().map(|k| k.values.clone());
        Ok(Prepared::new(assembled, values))
    }

    /// Tells the session which paths changed since its last build, as the watcher
    /// reports them (absolute, under the canonical site root). When every one is a
    /// file the last walk found that still exists, no file came or went, and the next
    /// build takes that walk's listing instead of walking the folders again. Without
    /// this call, the next build walks.
    /// A file that became a symbolic link is not "a file the last walk found": the
    /// walk must judge where the link leads.
    ///
    /// When the listing holds, the named files are also the only ones the next build
    /// stats and parses again: the others keep their parse without a look at the disk.
    /// The watcher must then have named every file changed since the last build (it
    /// names the root itself when it lost track, see `serve::watch`).
    pub fn changed(&mut self, paths: &[PathBuf]) {
        if let Some(kept) = &mut self.kept {
            kept.listing_holds = !paths.is_empty()
                && kept.listing.as_ref().is_some_and(|listing| {
                    paths
                        .iter()
                        .all(|p| listing.files.contains(p) && is_plain_file(p))
                });
            kept.edited = match &kept.listing {
                Some(listing) if kept.listing_holds && !listing.sources.followed_links => Some(
                    paths
                        .iter()
                        .filter_map(|p| Some(p.strip_prefix(&listing.root).ok()?.to_path_buf()))
                        .collect(),
                ),
                _ => None,
            };
        }
    }
}

impl Kept {
    /// The sources of the last walk, when [`Session::changed`] allowed it and the
    /// configuration is the same.
    /// The files the watcher named go with it, for [`Kept::parse`].
    pub(super) fn listing(&mut self) -> Option<(Sources, Diagnostics)> {
        let holds = std::mem::take(&mut self.listing_holds);
        let edited = self.edited.take();
        let listing = self.listing.as_ref().filter(|_| holds)?;
        self.trusted_edits = edited;
        Some((listing.sources.clone(), listing.diags.clone()))
    }

    /// Forgets the listing and the parsed documents when the configuration changed.
    pub(super) fn configure(&mut self, config: &Config) {
        if self.config.as_ref() != Some(config) {
            self.documents.clear();
            self.listing = None;
            self.edited = None;
            self.config = Some(config.clone());
        }
    }

    /// Keeps a walk's result for the next build.
    pub(super) fn keep_listing(&mut self, root: &Path, sources: &Sources, diags: Diagnostics) {
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
            root,
        });
    }

    /// Parses every file, or takes its earlier result when it did not change (see
    /// [`Kept::configure`] for the configuration): when the build took the listing
    /// ([`Kept::listing`]), a file the watcher did not name did not change; any other
    /// file did not when its stamp holds. Forgets files that are gone.
    pub(super) fn parse(
        &mut self,
        files: &[SourceFile],
        config: &Config,
    ) -> Vec<(Option<Parsed>, Diagnostics)> {
        let known = &self.documents;
        let edited = self.trusted_edits.take();
        let results: Vec<Fresh> = files
            .par_iter()
            .map(|file| parse_one(file, known, edited.as_ref(), config))
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

/// One file's parse: the one in `known` when the file did not change (see
/// [`Kept::parse`]), else a new one.
fn parse_one(
    file: &SourceFile,
    known: &HashMap<PathBuf, FileParse>,
    edited: Option<&HashSet<PathBuf>>,
    config: &Config,
) -> Fresh {
    let old = known.get(&file.display);
    if let Some(edited) = edited
        && !edited.contains(&file.display)
        && let Some(old) = old
    {
        return (None, old.parsed.clone(), old.diags.clone());
    }
    let stamp = Stamp::of(&file.origin);
    if let Some(stamp) = stamp
        && let Some(old) = old
        && old.stamp.still_holds(stamp)
    {
        return (None, old.parsed.clone(), old.diags.clone());
    }
    let mut diags = Diagnostics::new();
    let parsed = content::parse(file, config, &mut diags).map(|(d, t)| (Arc::new(d), Arc::new(t)));
    let fresh = stamp.map(|stamp| FileParse {
        stamp,
        parsed: parsed.clone(),
        diags: diags.clone(),
    });
    (fresh, parsed, diags)
}

/// A regular file, not a symbolic link (nor a folder, nor gone).
fn is_plain_file(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_file())
}
