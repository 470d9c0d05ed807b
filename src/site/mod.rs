//! The whole-site model: every published page and section with its URL, its place in
//! the section tree, its rendered Markdown, and the site's taxonomies.
//!
//! Fourth stage of the flow: [`Site::assemble`] takes the validated config and all
//! documents and returns a complete, immutable [`Site`], with the source texts of its
//! pages apart ([`Texts`]: only messages about lines read them, and a build that writes
//! lets go of them before it renders). Pure data: no I/O, no Tera.
//! Sections and pages share one type, [`Page`], so a field is never duplicated. What
//! relates a page to the others (its section's lists, its neighbours, ancestors,
//! translations and bundle assets) is worked out from the documents first, and each
//! page is then made once, whole.

mod bodies;
use bodies::Body;
pub use bodies::BodyCache;
pub mod calendar;
mod languages;
mod links;
mod order;
mod paths;
pub use paths::url_prefix;
pub mod places;
mod sections;
pub mod taxonomies;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::partner::PartnerCalendar;
use crate::content::{Document, Kind, Parsed, SortBy, SourceText};
use crate::diag::{Diagnostics, Msg};
use crate::markdown::Rendered;
use crate::source::SourceFile;
use crate::text::WordCount;
pub use calendar::Calendar;
pub use places::Places;
pub use taxonomies::{Taxonomy, Term};

/// Options that change what is published.
#[derive(Debug, Clone, Copy)]
pub struct Publishing {
    /// The build time: scheduled and expired pages are judged against it.
    pub now: Timestamp,
    /// Whether drafts are built.
    pub drafts: bool,
}

/// What an `_index.md` adds to a page.
#[derive(Debug, Clone)]
pub struct SectionData {
    /// Pages listed, in the section's order (transparent subsections' pages included).
    pub pages: Vec<usize>,
    /// Direct subsections, by weight then title.
    pub subsections: Vec<usize>,
    /// The order of `pages`.
    pub sort_by: SortBy,
    /// Pages per list page, if paginated.
    pub paginate_by: Option<usize>,
    /// Whether its pages are listed in the parent too.
    pub transparent: bool,
}

/// A published page or section.
#[derive(Debug, Clone)]
pub struct Page {
    /// The validated front matter and body (shared with `serve`'s parse cache).
    pub doc: Arc<Document>,
    /// The page's kind (a section's own, or inherited from its section).
    pub kind: Kind,
    /// Site path (`/news/a/`), without the base URL's path.
    pub path: String,
    /// Root-relative URL for links (`/news/a/`, or `/kepu/news/a/` under a sub-path).
    pub url: String,
    /// Absolute URL (`https://host/news/a/`).
    pub permalink: String,
    /// The section this page belongs to.
    pub parent: Option<usize>,
    /// Sections from the home page down to the parent.
    pub ancestors: Vec<usize>,
    /// Previous (`earlier`) and next (`later`) page in the parent section's order.
    pub earlier: Option<usize>,
    /// See `earlier`.
    pub later: Option<usize>,
    /// The Markdown, rendered.
    pub content: Arc<Rendered>,
    /// HTML for lists and feeds: the part above `<!-- more -->`, else an automatic
    /// summary cut at a sentence end ([`crate::text::summarize`]); `None` without text.
    pub summary: Option<String>,
    /// Words of the body.
    pub word_count: WordCount,
    /// Minutes to read.
    pub reading_time: usize,
    /// File names of co-located assets (bundles), relative to the page folder.
    pub assets: Vec<String>,
    /// Other language versions: (language code, page index).
    pub translations: Vec<(String, usize)>,
    /// Section data, for `_index.md`.
    pub section: Option<SectionData>,
}

/// A content file copied to the output as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it comes from.
    pub source: SourceFile,
    /// Output path relative to the output folder (`events/x/poster.jpg`).
    pub output: String,
    /// Its bundle's page asks for its images at full size (`keep_original = true`).
    pub keep_original: bool,
}

/// The assembled site.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// The build time.
    pub now: Timestamp,
    /// Every published page and section.
    pub pages: Vec<Page>,
    /// Index of each page by its content path (`news/a.md`).
    pub by_rel: HashMap<String, usize>,
    /// Home page (root section) of each language, by language code.
    pub homes: HashMap<String, usize>,
    /// Taxonomies with their terms.
    pub taxonomies: Vec<Taxonomy>,
    /// Co-located and loose content files to copy.
    pub assets: Vec<Asset>,
    /// Root-relative prefix of every URL (`""` or `/kepu`).
    pub url_prefix: String,
    /// Documents not built this time (drafts, scheduled, expired), for `kepu check`.
    pub held_back: Vec<HeldBack>,
    /// Occurrences, month grids and upcoming/past lists of the events.
    pub calendar: Calendar,
    /// The venue and organizer pages events name, and the events as shown.
    pub places: Places,
    /// The partners' calendars of `data/calendars/`, whose events join the calendar.
    pub partners: Vec<PartnerCalendar>,
}

/// The source texts of the site's pages, by page index (as in [`Site::pages`]): what
/// only messages about lines read. Kept apart from the [`Site`] so that a build that
/// writes can let go of them before it renders.
#[derive(Debug)]
pub struct Texts(Vec<Arc<SourceText>>);

impl Texts {
    /// The texts of page `i` (empty for a home page that kepu adds itself).
    pub fn of(&self, i: usize) -> &SourceText {
        &self.0[i]
    }
}

/// A document left out of this build, and why.
#[derive(Debug)]
pub struct HeldBack {
    /// The document.
    pub doc: Arc<Document>,
    /// Why.
    pub reason: Unpublished,
}

/// Why a document is left out of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublished {
    /// `draft = true`, without `--drafts`.
    Draft,
    /// Its `publish_date` is still to come.
    Scheduled,
    /// Its `expiry_date` has passed.
    Expired,
    /// Its `date` is in the future.
    Future,
}

impl Unpublished {
    /// The reason as a phrase of a message: `a draft`, `dated in the future`, …
    pub fn phrase(self) -> Msg {
        match self {
            Unpublished::Draft => Msg::ADraft,
            Unpublished::Scheduled => Msg::ScheduledForLater,
            Unpublished::Expired => Msg::Expired,
            Unpublished::Future => Msg::DatedInTheFuture,
        }
    }
}

/// The documents left out of the build by content path: why, or `None` for a file
/// that could not be read (links to it are not reported: its own error says what is
/// wrong).
pub type Unpublishing = HashMap<String, Option<Unpublished>>;

impl Site {
    /// Builds the site model from validated documents, and gives it with the texts of
    /// its pages. Problems that need the whole site (duplicate URLs, broken internal
    /// links, unknown taxonomies) go to `diags`. With a `cache`, bodies rendered by an
    /// earlier build are used again where nothing they depend on changed. The events
    /// of `partners` join the calendar.
    #[allow(clippy::too_many_arguments)]
    pub fn assemble(
        config: Config,
        documents: Vec<Parsed>,
        content_assets: Vec<SourceFile>,
        partners: Vec<PartnerCalendar>,
        publishing: Publishing,
        failed: &[String],
        cache: Option<&mut BodyCache>,
        diags: &mut Diagnostics,
    ) -> (Site, Texts) {
        let (held_back, unpublished, documents) = hold_back(documents, failed, publishing);
        let mut found = Found::default();
        let made = Made::new(
            &config,
            documents,
            content_assets,
            cache,
            (diags, &mut found),
        );
        let now = publishing.now;
        let (places, taxonomies, calendar) =
            whole_site(&config, &made, &unpublished, &partners, now, &mut found);
        diags.extend(found.in_order());
        let site = Site {
            config,
            now,
            pages: made.pages,
            by_rel: made.by_rel,
            homes: made.homes,
            taxonomies,
            assets: made.assets,
            url_prefix: made.url_prefix,
            held_back,
            calendar,
            places,
            partners,
        };
        (site, Texts(made.texts))
    }

    /// The event of page `i` as shown: with its venue's place filled in (see
    /// [`Places::shown`]), else as written.
    pub fn event(&self, i: usize) -> Option<&crate::content::event::Event> {
        self.places
            .shown
            .get(&i)
            .or(self.pages.get(i)?.doc.event.as_ref())
    }

    /// The event of an occurrence's source: a page's as shown (see [`Site::event`]),
    /// or a partner's.
    pub fn event_of(&self, source: calendar::Source) -> Option<&crate::content::event::Event> {
        match source {
            calendar::Source::Page(i) => self.event(i),
            calendar::Source::Partner(c, k) => Some(&self.partners.get(c)?.events.get(k)?.event),
        }
    }

    /// The page of a content path (`news/a.md`).
    pub fn page(&self, rel: &str) -> Option<&Page> {
        self.by_rel
            .get(rel.trim_start_matches('/'))
            .map(|&i| &self.pages[i])
    }

    /// Number of sections.
    pub fn section_count(&self) -> usize {
        self.pages.iter().filter(|p| p.section.is_some()).count()
    }

    /// The root-relative URL of a site path (`/css/site.css` → `/kepu/css/site.css`).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
            return path.to_string();
        }
        let path = path.trim_start_matches('/');
        format!("{}/{path}", self.url_prefix)
    }
}

/// The documents not published this time, with why (a failed body, a draft, a date),
/// and the ones that are. The texts of the held-back documents are let go of: no
/// message reads them.
fn hold_back(
    documents: Vec<Parsed>,
    failed: &[String],
    publishing: Publishing,
) -> (Vec<HeldBack>, Unpublishing, Vec<Parsed>) {
    let mut unpublished: Unpublishing = failed.iter().map(|rel| (rel.clone(), None)).collect();
    unpublished.extend(
        documents.iter().filter_map(|(d, _)| {
            unpublished_reason(d, publishing).map(|r| (d.rel.clone(), Some(r)))
        }),
    );
    let (held_back, documents): (Vec<Parsed>, Vec<Parsed>) = documents
        .into_iter()
        .partition(|(d, _)| unpublished.contains_key(&d.rel));
    let held_back = held_back
        .into_iter()
        .filter_map(|(d, _)| {
            Some(HeldBack {
                reason: unpublished[&d.rel]?,
                doc: d,
            })
        })
        .collect();
    (held_back, unpublished, documents)
}

/// Where each document sits: its section and kind, its site path (duplicates go to
/// `diags`), and its index by content path. Three independent passes, side by side.
fn locate(
    config: &Config,
    documents: &[Arc<Document>],
    diags: &mut Diagnostics,
) -> (sections::Tree, paths::Placed, HashMap<String, usize>) {
    let mut place_diags = Diagnostics::new();
    let (tree, (placed, by_rel)) = rayon::join(
        || sections::Tree::build(config, documents),
        || {
            rayon::join(
                || paths::place(config, documents, &mut place_diags),
                || -> HashMap<String, usize> {
                    documents
                        .iter()
                        .enumerate()
                        .map(|(i, d)| (d.rel.clone(), i))
                        .collect()
                },
            )
        },
    );
    diags.extend(place_diags);
    (tree, placed, by_rel)
}

/// The pages of the site, each made whole in one step, with what was worked out on
/// the way.
struct Made {
    pages: Vec<Page>,
    /// The texts of the pages, by index.
    texts: Vec<Arc<SourceText>>,
    /// The content files to copy.
    assets: Vec<Asset>,
    by_rel: HashMap<String, usize>,
    homes: HashMap<String, usize>,
    url_prefix: String,
}

/// The problems of the passes over the whole site, kept apart to be reported in one
/// order whichever pass finishes first.
#[derive(Default)]
struct Found {
    links: Diagnostics,
    taxonomies: Diagnostics,
    assets: Diagnostics,
    places: Diagnostics,
    calendar: Diagnostics,
}

impl Found {
    /// The problems in the order the passes ran before they ran side by side.
    fn in_order(self) -> impl Iterator<Item = crate::diag::Diagnostic> {
        [
            self.links,
            self.taxonomies,
            self.assets,
            self.places,
            self.calendar,
        ]
        .into_iter()
        .flatten()
    }
}

impl Made {
    /// Places the documents (with their homes), renders their bodies, works out how
    /// they relate and where their assets go, then makes each page. Duplicate
    /// addresses go to `diags`, asset problems to `found`.
    fn new(
        config: &Config,
        documents: Vec<Parsed>,
        content_assets: Vec<SourceFile>,
        cache: Option<&mut BodyCache>,
        (diags, found): (&mut Diagnostics, &mut Found),
    ) -> Made {
        let mut documents = documents;
        sections::ensure_homes(config, &mut documents);
        documents.sort_by(|(a, _), (b, _)| a.rel.cmp(&b.rel));
        let (documents, texts): (Vec<_>, Vec<_>) = documents.into_iter().unzip();
        let url_prefix = paths::url_prefix(&config.base_url);
        let (tree, placed, by_rel) = locate(config, &documents, diags);
        let placing = (&by_rel, &placed, url_prefix.as_str());
        let bodies = render_bodies(config, (&documents, &texts), placing, cache);
        let (assets, bundled) =
            paths::place_assets(&documents, &placed, content_assets, &mut found.assets);
        let related = sections::relations(&documents, &tree);
        let parts = Parts {
            bodies,
            related,
            bundled,
        };
        Made {
            pages: pages(config, documents, parts, &placed, &url_prefix),
            texts,
            assets,
            by_rel,
            homes: tree.homes,
            url_prefix,
        }
    }
}

/// The rendered body of every document, `@/` links resolved to the URLs the
/// documents are placed at.
fn render_bodies(
    config: &Config,
    read: (&[Arc<Document>], &[Arc<SourceText>]),
    (by_rel, placed, url_prefix): (&HashMap<String, usize>, &paths::Placed, &str),
    cache: Option<&mut BodyCache>,
) -> Vec<Body> {
    let resolve = |target: &str| -> Option<String> {
        let target = target.trim_start_matches('/');
        by_rel
            .get(target)
            .map(|&i| format!("{url_prefix}{}", placed.paths[i]))
    };
    bodies::render(read, config, &resolve, cache)
}

/// What each page is made of besides its document and its place, by document index.
struct Parts {
    bodies: Vec<Body>,
    related: Vec<sections::Related>,
    /// File names of each page's bundle assets.
    bundled: Vec<Vec<String>>,
}

/// One page per document, with its URL, kind, relations, rendered body and assets.
fn pages(
    config: &Config,
    documents: Vec<Arc<Document>>,
    parts: Parts,
    placed: &paths::Placed,
    url_prefix: &str,
) -> Vec<Page> {
    let Parts {
        bodies,
        related,
        bundled,
    } = parts;
    documents
        .into_par_iter()
        .zip(bodies)
        .zip(related)
        .zip(bundled)
        .enumerate()
        .map(|(i, (((doc, body), related), assets))| {
            let path = placed.paths[i].clone();
            let url = format!("{url_prefix}{path}");
            page(config, (doc, body, related, assets), path, url)
        })
        .collect()
}

/// The page of `doc` at site `path`, root-relative `url`.
fn page(
    config: &Config,
    (doc, body, related, assets): (Arc<Document>, Body, sections::Related, Vec<String>),
    path: String,
    url: String,
) -> Page {
    let Body {
        content,
        word_count,
        summary,
    } = body;
    let sections::Related {
        kind,
        parent,
        ancestors,
        earlier,
        later,
        translations,
        section,
    } = related;
    Page {
        kind,
        url,
        permalink: config.absolute_url(&path),
        path,
        parent,
        ancestors,
        earlier,
        later,
        reading_time: word_count
            .reading_minutes(config.text.cjk_per_minute, config.text.words_per_minute),
        word_count,
        content,
        summary,
        assets,
        translations,
        section,
        doc,
    }
}

/// The places of the events, the taxonomies and the calendar of the `made` pages,
/// and the link check; their problems go to `found`.
fn whole_site(
    config: &Config,
    made: &Made,
    unpublished: &Unpublishing,
    partners: &[PartnerCalendar],
    now: Timestamp,
    found: &mut Found,
) -> (Places, Vec<Taxonomy>, Calendar) {
    let (pages, by_rel) = (&made.pages, &made.by_rel);
    let places = Places::resolve(pages, by_rel, unpublished, &made.assets, &mut found.places);
    let read = (pages.as_slice(), made.texts.as_slice());
    let (taxonomies, calendar, [links, terms, dates]) =
        whole_site_passes(config, read, by_rel, unpublished, now, &places, partners);
    (found.links, found.taxonomies, found.calendar) = (links, terms, dates);
    (places, taxonomies, calendar)
}

/// Taxonomies, the calendar and the link check over the finished pages, side by side;
/// their messages come back apart (links, taxonomies, calendar) to be put in order.
fn whole_site_passes(
    config: &Config,
    (pages, texts): (&[Page], &[Arc<SourceText>]),
    by_rel: &HashMap<String, usize>,
    unpublished: &Unpublishing,
    now: Timestamp,
    places: &Places,
    partners: &[PartnerCalendar],
) -> (Vec<Taxonomy>, Calendar, [Diagnostics; 3]) {
    let mut link_diags = Diagnostics::new();
    let mut taxonomy_diags = Diagnostics::new();
    let mut calendar_diags = Diagnostics::new();
    let (taxonomies, (calendar, ())) = rayon::join(
        || taxonomies::collect(config, pages, &mut taxonomy_diags),
        || {
            rayon::join(
                || {
                    Calendar::build(
                        config,
                        pages,
                        partners,
                        now,
                        &places.hosted,
                        &mut calendar_diags,
                    )
                },
                || links::check((pages, texts), by_rel, unpublished, &mut link_diags),
            )
        },
    );
    (
        taxonomies,
        calendar,
        [link_diags, taxonomy_diags, calendar_diags],
    )
}

/// Why a document is left out of the build, if it is.
fn unpublished_reason(doc: &Document, publishing: Publishing) -> Option<Unpublished> {
    let now = publishing.now;
    if doc.draft && !publishing.drafts {
        return Some(Unpublished::Draft);
    }
    if doc
        .publish_date
        .as_ref()
        .is_some_and(|d| d.timestamp() > now)
    {
        return Some(Unpublished::Scheduled);
    }
    if doc
        .expiry_date
        .as_ref()
        .is_some_and(|d| d.timestamp() <= now)
    {
        return Some(Unpublished::Expired);
    }
    if !doc.is_section
        && doc.date.as_ref().is_some_and(|d| d.timestamp() > now)
        && !publishing.drafts
    {
        return Some(Unpublished::Future);
    }
    None
}

/// Output path of a page's HTML file (`news/a/index.html`).
pub fn html_file(path: &str) -> PathBuf {
    let trimmed = path.trim_start_matches('/');
    if trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        PathBuf::from(trimmed)
    } else {
        PathBuf::from(trimmed).join("index.html")
    }
}
