//! Which output file comes from where, decided before any template runs.
//!
//! A [`Plan`] maps every output path to what produces it: a file copied as it is,
//! bytes made while planning (resized images, headers, robots.txt, aliases), bytes
//! made from the whole site when first needed (feeds, sitemap, redirects: see
//! [`WholeSite`]; search files), or a [`Unit`] that renders one or more files
//! through a template. The precedence and collision rules of the one list of
//! outputs live here, once: `build` renders every unit and `serve` renders a unit
//! when a browser asks for one of its files, through the same functions, so both
//! give the same bytes at the same paths.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::File;
use super::calendar::{self, CalendarPage};
use super::html;
use super::{
    Rendering, api, feeds, headers, ics, images, qr, redirects, robots, search, sitemap,
    taxonomies, wechat,
};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::output::{self, Contents, Output};
use crate::source::Sources;

/// What renders one or more HTML files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Page or section `i` (every page of a paginated section).
    Page(usize),
    /// The 404 page.
    NotFound,
    /// The list of terms of taxonomy `t`.
    TaxonomyList(usize),
    /// The pages of term `k` of taxonomy `t`.
    Term(usize, usize),
    /// A calendar page.
    Calendar(CalendarPage),
    /// The `.ics` file planned at index `k` of the plan's calendars.
    Ics(usize),
    /// The QR code of page `i`.
    Qr(usize),
    /// The WeChat edition of page `i` (its page and QR code).
    Wechat(usize),
}

/// The result of rendering a unit: its files, or the first template error.
pub type Rendered = Result<Vec<File>, Diagnostic>;

/// A file a unit made: already written into a staged output, or its bytes.
enum Made {
    Written(Result<(), (std::path::PathBuf, std::io::Error)>),
    Bytes(Vec<u8>),
}

enum Entry {
    /// Known without a template.
    Ready(Contents),
    /// A redirect at an alias: it gives way to every other file, search files too.
    Alias(Vec<u8>),
    /// Rendered by the unit of that index.
    Unit(usize),
    /// Made with the other files of the whole-site output of that index, when one of
    /// them is first read.
    Whole(usize),
}

/// An output made from every page at once: a feed, the sitemap, the redirects. Its
/// paths are known when planning; its files are made when one is first read (`serve`:
/// a browser seldom asks for them, and a save would otherwise pay for all of them)
/// or when the whole site is written (`build`). What each reads, so what a save of a
/// page can change in it, is said where it is made ([`feeds`], [`sitemap`],
/// [`redirects`], [`api`]); an output of this kind that a new format adds (a
/// filtered calendar) is a new variant here, with its paths and its maker.
#[derive(Debug, Clone, Copy)]
enum WholeSite {
    /// The Atom and RSS files of feed `k` of [`Rendering::feeds`].
    Feed(usize),
    /// `sitemap.xml` and its parts.
    Sitemap,
    /// `_redirects`.
    Redirects,
    /// The JSON API and `/feed.json` ([`api`]).
    Api,
}

impl WholeSite {
    /// Every whole-site output the site has, with the paths of its files.
    fn planned(r: &Rendering) -> Vec<(WholeSite, Vec<String>)> {
        let mut planned: Vec<(WholeSite, Vec<String>)> = (0..r.feeds.len())
            .map(|k| (WholeSite::Feed(k), feeds::paths(&r.feeds[k]).to_vec()))
            .collect();
        planned.push((WholeSite::Sitemap, sitemap::paths(r.site)));
        planned.push((WholeSite::Api, api::paths(r)));
        if let Some(path) = redirects::path(r.site) {
            planned.push((WholeSite::Redirects, vec![path.to_string()]));
        }
        planned
    }

    /// Makes the files.
    fn make(self, r: &Rendering) -> Vec<File> {
        match self {
            WholeSite::Feed(k) => feeds::files(r, &r.feeds[k]),
            WholeSite::Sitemap => sitemap::sitemap(r),
            WholeSite::Redirects => redirects::redirects(r).into_iter().collect(),
            WholeSite::Api => api::files(r),
        }
    }
}

/// What a path of the plan is.
pub enum Source<'p> {
    /// A file copied as it is, or bytes made while planning.
    Ready(&'p Contents),
    /// Bytes of an alias redirect or a search file.
    Bytes(&'p [u8]),
    /// Rendered by the unit of that index (see [`Plan::render`]).
    Unit(usize),
}

/// Every output path and what produces it.
pub struct Plan {
    files: BTreeMap<String, Entry>,
    units: Vec<Unit>,
    /// The `.ics` files: path, calendar name, events.
    calendars: Vec<ics::Planned>,
    /// The text of each event in them.
    events: ics::Events,
    /// The whole-site outputs, each with its files once made.
    wholes: Vec<(WholeSite, OnceLock<Vec<File>>)>,
    /// The search files, made when first needed: they take a while, and a browser
    /// seldom asks for them right after a change.
    search: OnceLock<Search>,
    /// The search page and problems without the index, for a check that comes first.
    search_page: OnceLock<SearchPage>,
}

/// The search files (all under [`search::DIR`]) and the problems found making them.
#[derive(Default)]
struct Search {
    files: BTreeMap<String, Vec<u8>>,
    diags: Vec<Diagnostic>,
}

impl Search {
    /// Makes the search files.
    fn make(r: &Rendering) -> Search {
        let mut found = Diagnostics::new();
        let made = search::files(r, &mut found);
        let mut diags: Vec<Diagnostic> = found.into_iter().collect();
        let mut files = BTreeMap::new();
        for (path, bytes) in made {
            match output::clean_path(&path).filter(|p| p.starts_with(search::DIR)) {
                Some(clean) => {
                    files.insert(clean, bytes);
                }
                None => diags.push(outside(Path::new(""), &path)),
            }
        }
        Search { files, diags }
    }
}

/// What a check needs of the search files, made without the index: whether there is
/// a search page, and the search's problems.
struct SearchPage {
    made: bool,
    diags: Vec<Diagnostic>,
}

impl SearchPage {
    /// Renders the search page alone (see [`search::page`]).
    fn make(r: &Rendering) -> SearchPage {
        let mut found = Diagnostics::new();
        let made = search::page(r, &mut found).is_some();
        SearchPage {
            made,
            diags: found.into_iter().collect(),
        }
    }
}

impl Plan {
    /// Plans every output, with the image `files` [`super::images::process`] made; the
    /// search files are made when first needed. Problems found on the way (address
    /// collisions, missing templates) go to `diags`.
    pub fn new(
        r: &Rendering,
        sources: &Sources,
        files: images::Files,
        diags: &mut Vec<Diagnostic>,
    ) -> Plan {
        let images::Files { made, mut replaced } = files;
        let mut plan = Plan {
            files: BTreeMap::new(),
            units: Vec::new(),
            calendars: ics::plan(r),
            events: ics::Events::new(
                r.site.pages.len(),
                super::revisions::Revisions::load(&r.site.config.images.cache_dir),
            ),
            search: OnceLock::new(),
            search_page: OnceLock::new(),
            wholes: Vec::new(),
        };
        plan.copies(r, sources, &mut replaced, diags);
        plan.units(r, diags);
        plan.extras(r, made, diags);
        plan.generated(r, diags);
        plan
    }

    /// Files copied as they are: theme static, then site static (which wins), then
    /// content assets; images published cleaned where that changed them (`replaced`,
    /// see `images::process`); the fingerprinted copies and their `_headers`.
    fn copies(
        &mut self,
        r: &Rendering,
        sources: &Sources,
        replaced: &mut HashMap<String, Vec<u8>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let none = Path::new("");
        let mut statics: BTreeMap<String, &crate::source::SourceFile> = BTreeMap::new();
        for file in &sources.statics {
            statics.insert(file.rel.to_string_lossy().replace('\\', "/"), file);
        }
        let mut contents =
            |path: &str, file: &crate::source::SourceFile| match replaced.remove(path) {
                Some(bytes) => Entry::Ready(Contents::Bytes(bytes)),
                None => Entry::Ready(Contents::Copy(file.origin.clone())),
            };
        for (path, file) in statics {
            let entry = contents(&path, file);
            self.set(&path, entry, &file.display, diags);
        }
        for asset in &r.site.assets {
            let entry = contents(&asset.output, &asset.source);
            self.set(&asset.output, entry, &asset.source.display, diags);
        }
        // Fingerprinted copies of stylesheets, scripts, icons and fonts, and the rules
        // that let a CDN keep them (a `_headers` of the site's static/ wins).
        for (path, origin) in r.fingerprints.copies() {
            if !self.has(path) {
                let entry = Entry::Ready(Contents::Copy(origin.clone()));
                self.set(path, entry, none, diags);
            }
        }
        if !self.has(headers::PATH) {
            let (path, bytes) = headers::headers(&r.fingerprints, &r.site.url_prefix);
            self.set(&path, Entry::Ready(Contents::Bytes(bytes)), none, diags);
        }
    }

    /// The rendered files: pages, the 404 page, taxonomies, calendar pages and `.ics`
    /// feeds.
    fn units(&mut self, r: &Rendering, diags: &mut Vec<Diagnostic>) {
        for i in 0..r.site.pages.len() {
            self.unit(Unit::Page(i), html::page_files(r, i), diags);
        }
        if r.engine.has("404.html") {
            self.unit(Unit::NotFound, vec!["404.html".to_string()], diags);
        }
        self.taxonomies(r, diags);
        for (path, page) in calendar::plan(r) {
            self.unit(Unit::Calendar(page), vec![path], diags);
        }
        for k in 0..self.calendars.len() {
            let path = self.calendars[k].0.clone();
            self.unit(Unit::Ics(k), vec![path], diags);
        }
    }

    /// Resized images, QR codes and WeChat editions: none replaces a file of the site.
    fn extras(
        &mut self,
        r: &Rendering,
        images: Vec<(String, Vec<u8>)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let none = Path::new("");
        for (path, bytes) in images {
            if !self.has(&path) {
                self.set(&path, Entry::Ready(Contents::Bytes(bytes)), none, diags);
            }
        }
        // QR codes only for a theme that shows them: some template names `qr`.
        let qr_codes = if r.engine.mentions("qr") {
            qr::plan(r)
        } else {
            Vec::new()
        };
        for (path, i) in qr_codes {
            if !self.has(&path) {
                self.unit(Unit::Qr(i), vec![path], diags);
            }
        }
        for (files, i) in wechat::plan(r) {
            let free: Vec<String> = files.into_iter().filter(|p| !self.has(p)).collect();
            self.unit(Unit::Wechat(i), free, diags);
        }
    }

    /// Feeds, sitemap, redirects and the JSON API (each reads every page, so each is
    /// made only when needed, see [`WholeSite`]), `robots.txt` (a site's own wins) and
    /// the alias redirects (which give way to every other file).
    fn generated(&mut self, r: &Rendering, diags: &mut Vec<Diagnostic>) {
        let none = Path::new("");
        for (whole, paths) in WholeSite::planned(r) {
            let w = self.wholes.len();
            self.wholes.push((whole, OnceLock::new()));
            for path in paths {
                self.set(&path, Entry::Whole(w), none, diags);
            }
        }
        if !self.has(robots::PATH) {
            let (path, bytes) = robots::robots(r);
            self.set(&path, Entry::Ready(Contents::Bytes(bytes)), none, diags);
        }
        for (path, bytes) in html::aliases(r) {
            if !self.has(&path) {
                self.set(&path, Entry::Alias(bytes), none, diags);
            }
        }
    }

    /// The search files, made on first call. Problems go to the search's diagnostics
    /// (see [`Plan::search_diagnostics`]).
    fn search(&self, r: &Rendering) -> &Search {
        self.search.get_or_init(|| Search::make(r))
    }

    /// The search page and problems, made without the index on first call.
    fn search_page(&self, r: &Rendering) -> &SearchPage {
        self.search_page.get_or_init(|| SearchPage::make(r))
    }

    /// Problems found making the search files: those of the files when made already,
    /// else those of the search page alone, which are the same (the index itself
    /// has none) and need no index made.
    pub fn search_diagnostics(&self, r: &Rendering) -> Vec<Diagnostic> {
        match self.search.get() {
            Some(made) => made.diags.clone(),
            None => self.search_page(r).diags.clone(),
        }
    }

    /// Whether the search files are made and held (a check does not make them; a
    /// read of a search file or a full build does).
    pub fn holds_search_files(&self) -> bool {
        self.search.get().is_some()
    }

    /// Whether the search file at `path` (clean) is part of the output: search files
    /// replace what is there, except that a page of the site's own at `/search/` wins
    /// over the theme's search page. Aliases give way to them.
    fn search_wins(&self, path: &str) -> bool {
        path != search::PAGE
            || !matches!(self.files.get(path), Some(Entry::Ready(_) | Entry::Unit(_)))
    }

    /// The files of whole-site output `w`, made on first call.
    fn whole(&self, r: &Rendering, w: usize) -> &[File] {
        let (whole, made) = &self.wholes[w];
        made.get_or_init(|| whole.make(r))
    }

    /// Whether the plan has a file at `path` (without making a whole-site output, nor
    /// the search index for the search page: links to it are on every page).
    pub fn contains(&self, r: &Rendering, path: &str) -> bool {
        let Some(clean) = output::clean_path(path) else {
            return false;
        };
        if !clean.starts_with(search::DIR)
            && let Some(Entry::Whole(_)) = self.files.get(&clean)
        {
            return true;
        }
        if clean == search::PAGE && !self.holds_search_files() {
            return (self.search_page(r).made && self.search_wins(&clean))
                || self.planned(r, &clean).is_some();
        }
        self.source(r, path).is_some()
    }

    /// What produces the file at `path`. Paths under [`search::DIR`] make the search
    /// files first, if not done yet.
    pub fn source(&self, r: &Rendering, path: &str) -> Option<Source<'_>> {
        let path = output::clean_path(path)?;
        if path.starts_with(search::DIR)
            && let Some(bytes) = self.search(r).files.get(&path)
            && self.search_wins(&path)
        {
            return Some(Source::Bytes(bytes));
        }
        self.planned(r, &path)
    }

    /// What produces the file at clean `path`, search files aside.
    fn planned(&self, r: &Rendering, path: &str) -> Option<Source<'_>> {
        Some(match self.files.get(path)? {
            Entry::Ready(contents) => Source::Ready(contents),
            Entry::Alias(bytes) => Source::Bytes(bytes),
            Entry::Unit(u) => Source::Unit(*u),
            Entry::Whole(w) => Source::Bytes(Plan::pick(self.whole(r, *w), path)?),
        })
    }

    /// Every output path, sorted (making the search files, if not done yet).
    pub fn paths(&self, r: &Rendering) -> Vec<String> {
        let search = self.search(r).files.keys().filter(|p| self.search_wins(p));
        let all: BTreeSet<&String> = self.files.keys().chain(search).collect();
        all.into_iter().cloned().collect()
    }

    /// How many units there are; they are numbered from 0.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// Renders unit `u`.
    pub fn render(&self, r: &Rendering, u: usize) -> Rendered {
        match self.units[u] {
            Unit::Page(i) => html::page(r, i),
            Unit::NotFound => Ok(html::not_found(r)?.into_iter().collect()),
            Unit::TaxonomyList(t) => taxonomies::list(r, t),
            Unit::Term(t, k) => taxonomies::term(r, t, k),
            Unit::Calendar(page) => Ok(vec![calendar::page(r, page)?]),
            Unit::Ics(k) => {
                let (path, name, members) = &self.calendars[k];
                // The site's calendar re-exports the partners' events only when asked.
                let partners = path == "calendar.ics" && r.site.config.calendar.reexport_partners;
                Ok(vec![(
                    path.clone(),
                    ics::calendar(r.site, name, members, partners, &self.events).into_bytes(),
                )])
            }
            Unit::Qr(i) => Ok(qr::file(r, i)),
            Unit::Wechat(i) => wechat::files(r, i),
        }
    }

    /// The errors of units that failed to render: one per page, calendar page and
    /// 404, and the first of each taxonomy (its term pages share the same templates
    /// and values).
    pub fn errors<'a>(
        &self,
        failed: impl Iterator<Item = (usize, &'a Diagnostic)>,
    ) -> Vec<Diagnostic> {
        let mut failed_taxonomies = Vec::new();
        let mut errors = Vec::new();
        for (u, d) in failed {
            if let Unit::TaxonomyList(t) | Unit::Term(t, _) = self.units[u] {
                if failed_taxonomies.contains(&t) {
                    continue;
                }
                failed_taxonomies.push(t);
            }
            errors.push(d.clone());
        }
        errors
    }

    /// The file at `path` out of its unit's rendered files.
    pub fn pick<'f>(files: &'f [File], path: &str) -> Option<&'f [u8]> {
        let path = output::clean_path(path)?;
        files
            .iter()
            .find(|(p, _)| output::clean_path(p).as_deref() == Some(path.as_str()))
            .map(|(_, bytes)| bytes.as_slice())
    }

    /// The revision of each event as written (after [`Plan::write`]), merged with the
    /// last build's: the state to keep for the next build.
    pub fn revisions(&self) -> super::revisions::State {
        self.events.revisions().merged()
    }

    /// Puts every file into `output`, rendering the units in parallel (a staged
    /// output writes each unit's files as they are made), and returns the problems
    /// found on the way: what a full build does.
    pub fn write(&mut self, r: &Rendering, output: &mut Output) -> Vec<Diagnostic> {
        // Decided on the plan as it is, before its entries move to `output`.
        let search_page_taken = !self.search_wins(search::PAGE);
        // The path of each unit's files, each path with the one unit it comes from.
        let mut owners: HashMap<String, usize> = HashMap::new();
        let mut whole_owners: HashMap<String, usize> = HashMap::new();
        for (path, entry) in std::mem::take(&mut self.files) {
            let contents = match entry {
                Entry::Ready(contents) => contents,
                Entry::Alias(bytes) => Contents::Bytes(bytes),
                Entry::Unit(u) => {
                    owners.insert(path, u);
                    continue;
                }
                Entry::Whole(w) => {
                    whole_owners.insert(path, w);
                    continue;
                }
            };
            // Paths were checked when they were planned.
            let _ = output.insert(&path, contents);
        }
        // The search index and the pages side by side: neither needs the other, and
        // each has steps the other can fill the cores during.
        let plan = &self;
        // A staged output takes each unit's files as soon as they are made, from the
        // thread that made them: no batch to wait for, nothing held.
        let writer = output.writer();
        let (_, rendered) = rayon::join(
            || {
                plan.search(r);
                (0..plan.wholes.len()).into_par_iter().for_each(|w| {
                    plan.whole(r, w);
                });
            },
            || {
                (0..plan.units.len())
                    .into_par_iter()
                    .map(|u| {
                        let files = plan.render(r, u)?;
                        let mut kept = Vec::with_capacity(files.len());
                        for (path, bytes) in files {
                            let Some(clean) = output::clean_path(&path) else {
                                continue;
                            };
                            if owners.get(&clean) != Some(&u) {
                                continue;
                            }
                            kept.push(match &writer {
                                Some(w) => {
                                    let result = w.write(&clean, &bytes);
                                    (clean, Made::Written(result))
                                }
                                None => (clean, Made::Bytes(bytes)),
                            });
                        }
                        Ok(kept)
                    })
                    .collect::<Vec<Result<Vec<(String, Made)>, Diagnostic>>>()
            },
        );
        let mut failed = Vec::new();
        for (u, result) in rendered.into_iter().enumerate() {
            match result {
                Ok(files) => {
                    for (path, made) in files {
                        match made {
                            Made::Written(result) => output.record_written(path, result),
                            Made::Bytes(bytes) => {
                                let _ = output.insert(&path, Contents::Bytes(bytes));
                            }
                        }
                    }
                }
                Err(d) => failed.push((u, d)),
            }
        }
        for (w, (_, made)) in self.wholes.iter_mut().enumerate() {
            for (path, bytes) in made.take().unwrap_or_default() {
                if output::clean_path(&path).is_some_and(|p| whole_owners.get(&p) == Some(&w)) {
                    let _ = output.insert(&path, Contents::Bytes(bytes));
                }
            }
        }
        let search = self.search.take().unwrap_or_else(|| Search {
            files: BTreeMap::new(),
            diags: Vec::new(),
        });
        for (path, bytes) in search.files {
            // Search files replace an alias's redirect, not a page of the site.
            if path != search::PAGE || !search_page_taken {
                let _ = output.insert(&path, Contents::Bytes(bytes));
            }
        }
        let search_diags = search.diags;
        let mut problems = self.errors(failed.iter().map(|(u, d)| (*u, d)));
        problems.extend(search_diags);
        problems
    }

    fn taxonomies(&mut self, r: &Rendering, diags: &mut Vec<Diagnostic>) {
        if let Some(d) = taxonomies::missing_template(r) {
            diags.push(d);
            return;
        }
        for (t, taxonomy) in r.site.taxonomies.iter().enumerate() {
            if taxonomy.terms.is_empty() {
                continue;
            }
            let mut units = vec![(Unit::TaxonomyList(t), vec![taxonomies::list_file(taxonomy)])];
            for (k, term) in taxonomy.terms.iter().enumerate() {
                units.push((Unit::Term(t, k), taxonomies::term_files(taxonomy, term)));
            }
            for (unit, files) in units {
                let (taken, free): (Vec<String>, Vec<String>) =
                    files.into_iter().partition(|f| self.has(f));
                for path in taken {
                    diags.push(
                        Diagnostic::error(
                            "site.toml",
                            0,
                            0,
                            Msg::TaxonomyAddressTaken {
                                path: path.to_string(),
                            },
                        )
                        .with_help(Msg::TaxonomyAddressHelp),
                    );
                }
                self.unit(unit, free, diags);
            }
        }
    }

    fn unit(&mut self, unit: Unit, files: Vec<String>, diags: &mut Vec<Diagnostic>) {
        let u = self.units.len();
        self.units.push(unit);
        for path in files {
            self.set(&path, Entry::Unit(u), Path::new(""), diags);
        }
    }

    /// Whether a file is planned at `path` so far (search files aside).
    fn has(&self, path: &str) -> bool {
        output::clean_path(path).is_some_and(|p| self.files.contains_key(&p))
    }

    fn set(&mut self, path: &str, entry: Entry, from: &Path, diags: &mut Vec<Diagnostic>) {
        match output::clean_path(path) {
            Some(clean) => {
                self.files.insert(clean, entry);
            }
            None => diags.push(outside(from, path)),
        }
    }
}

/// The error for a path that would leave the output folder.
fn outside(from: &Path, path: &str) -> Diagnostic {
    Diagnostic::error(
        from,
        0,
        0,
        Msg::OutsideOutput {
            path: path.to_string(),
        },
    )
    .with_help(Msg::OutsideOutputHelp)
}
