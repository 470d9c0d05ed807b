//! The site search as output files: the term shards and manifest built by
//! [`crate::search::index`], one small fragment per page for result titles and
//! snippets, and the `/search/` page from the theme's `search.html`.
//!
//! ```text
//! search/index.html      the search page (works as a plain GET form without JavaScript)
//! search/index.json      manifest: shard boundaries, kind of each page, upcoming events,
//!                        the traditional → simplified pairs for the index's characters
//! search/s/<n>.txt       term shards, fetched for the terms of a query
//! search/q/<n>.txt       positions of shard n's common terms on the newest pages,
//!                        fetched to check a phrase (see `search::index`)
//! search/p/<n>.json      page n (on large sites pages 2n and 2n + 1, see
//!                        [`FRAGMENT_PAGES`]): url, title, kind, date, headings, excerpt
//! ```
//!
//! The browser loads the manifest, then only the shards its query needs, then the
//! fragments of the results it shows. Pages with `search = false`, pages outside
//! `[search] sections`, and everything when `[search] enable = false` are left out.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::File;
use super::Rendering;
use super::urls::SEARCH_PATH;
use crate::config::CONFIG_FILE;
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::locale::Lang;
use crate::markdown::Heading;
use crate::search::fold::browser_table;
use crate::search::index::{
    Entry, Fields, Merger, PageTerms, PageTokenizer, Shards, cjk_chars, common_pages, shard_bytes,
    window_pages,
};
use crate::search::lookup::{Manifest, UPCOMING, positions_path, shard_path};
use crate::site::Page;

/// Characters of body text kept in a fragment for snippets. A match further down
/// gets a snippet from the description or the start of the page instead.
pub const EXCERPT_CHARS: usize = 600;

/// Pages per fragment file on a large site: a result's file brings its neighbour's
/// fragment too, but a 10,000-page site writes half the files (fewer than
/// Pagefind's). Sites of up to [`SMALL_SITE`] pages keep one page a file, which keeps
/// their first query small.
pub const FRAGMENT_PAGES: usize = 2;

/// The number of indexed pages up to which fragments are one page a file.
pub const SMALL_SITE: usize = 2_000;

/// Pages tokenized before their terms are merged into the index: enough to keep both
/// cores busy, few enough that their terms take a few megabytes.
const TOKENIZE_BATCH: usize = 256;

/// What the browser shows of a result (an item of `search/p/<n>.json`).
#[derive(Debug, Serialize)]
struct Fragment<'a> {
    /// URL.
    u: &'a str,
    /// Title.
    t: &'a str,
    /// Kind name.
    k: &'static str,
    /// Date shown: the event start for events, else the publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    /// Headings: `[id, text]`.
    h: Vec<(&'a str, &'a str)>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    /// The start of the body text.
    x: String,
}

/// The folder of every search file.
pub const DIR: &str = "search/";

/// The search page, when the theme has one.
pub const PAGE: &str = "search/index.html";

/// Every search file, or nothing when search is off. Unknown `[search] sections` are
/// warnings in `diags`, as are the search page's render errors.
pub fn files(r: &Rendering, diags: &mut Diagnostics) -> Vec<File> {
    let site = r.site;
    let config = &site.config.search;
    if !config.enable {
        return Vec::new();
    }
    let pages = searchable_pages(r);
    let page = page_file(r, &pages, diags);
    let window = window_pages(pages.len());
    let shards = index(&pages, config.fields, window);
    let fold = browser_table(&cjk_chars(&shards));
    let fragment_pages = if pages.len() > SMALL_SITE {
        FRAGMENT_PAGES
    } else {
        1
    };
    let manifest = Manifest {
        version: 3,
        build: build_id(&shards),
        pages: pages.len() as u32,
        kinds: kinds(r, &pages),
        shards: shards.first_terms,
        fold,
        fragment_pages: fragment_pages as u32,
        window: window as u32,
    };

    let mut files = fragment_files(&pages, fragment_pages, &site.config.timezone);
    files.extend(shard_files(shards.texts, shards.positions));
    files.push((
        "search/index.json".to_string(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    ));
    files.extend(page);
    files
}

/// The search page alone, with the search's problems in `diags`, made without the
/// index: what `serve`'s check needs (at 10,000 pages the index takes seconds and
/// tens of megabytes, and a check after every save would make it for nothing).
pub fn page(r: &Rendering, diags: &mut Diagnostics) -> Option<File> {
    if !r.site.config.search.enable {
        return None;
    }
    page_file(r, &searchable_pages(r), diags)
}

/// The search page of `pages` (when the theme has one), after warning of unknown
/// `[search] sections`; a render error goes to `diags`.
fn page_file(r: &Rendering, pages: &[&Page], diags: &mut Diagnostics) -> Option<File> {
    warn_unknown_sections(r, diags);
    match page_html(r, pages) {
        Ok(html) => html.map(|html| (PAGE.to_string(), html)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The pages the search finds, newest first: common terms keep positions on the
/// first pages (the window), and equal scores rank the newer page first.
fn searchable_pages<'s>(r: &Rendering<'s>) -> Vec<&'s Page> {
    let mut pages: Vec<&Page> = r
        .site
        .pages
        .iter()
        .filter(|p| is_searchable(r, p))
        .collect();
    pages.sort_by_key(|p| std::cmp::Reverse(p.doc.date.as_ref().map(|d| d.timestamp())));
    pages
}

/// Warns of each `[search] sections` entry that names no section of the site.
fn warn_unknown_sections(r: &Rendering, diags: &mut Diagnostics) {
    let Some(sections) = &r.site.config.search.sections else {
        return;
    };
    for (path, line, col) in sections {
        let rel = if path.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{path}/_index.md")
        };
        if r.site.page(&rel).is_none() {
            diags.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    *line,
                    *col,
                    Msg::NoSearchSection { section: rel },
                )
                .with_help(Msg::SearchSectionHelp),
            );
        }
    }
}

/// The index shards of `pages`, with positions of common terms on the first `window`.
fn index(pages: &[&Page], fields: Fields, window: usize) -> Shards {
    // Tokenized a batch at a time and merged at once: the terms of every page held
    // until one merge were most of the build's peak memory.
    let mut merger = Merger::default();
    for batch in pages.chunks(TOKENIZE_BATCH) {
        let terms: Vec<PageTerms> = batch
            .par_iter()
            .map_init(PageTokenizer::default, |tokenizer, page| {
                let mut headings = Vec::new();
                flatten(&page.content.toc, &mut headings);
                let entry = Entry {
                    title: &page.doc.title,
                    description: page.doc.description.as_deref(),
                    tags: page
                        .doc
                        .taxonomies
                        .values()
                        .flat_map(|l| l.terms.iter().map(String::as_str))
                        .collect(),
                    headings: headings.iter().map(|h| h.title.as_str()).collect(),
                    body: &page.content.text,
                    url: &page.path,
                };
                tokenizer.page_terms(&entry, fields)
            })
            .collect();
        merger.add(&terms);
    }
    merger.finish(shard_bytes(pages.len()), common_pages(pages.len()), window)
}

/// The index's build id: a hash of its shards, so browsers drop a stale cache.
fn build_id(shards: &Shards) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    shards.texts.hash(&mut hasher);
    shards.positions.hash(&mut hasher);
    format!("{:x}", hasher.finish() & 0xffff_ffff)
}

/// One kind letter per page, in index order; upcoming events get their own.
fn kinds(r: &Rendering, pages: &[&Page]) -> String {
    pages
        .iter()
        .map(|p| {
            if p.doc.event_start.as_ref().is_some_and(|s| *s > r.site.now) {
                UPCOMING
            } else {
                kind_letter(p.kind)
            }
        })
        .collect()
}

/// The result fragments, `fragment_pages` pages to a file.
fn fragment_files(pages: &[&Page], fragment_pages: usize, tz: &jiff::tz::TimeZone) -> Vec<File> {
    pages
        .par_chunks(fragment_pages)
        .enumerate()
        .map(|(i, chunk)| {
            let fragments: Vec<Fragment> = chunk.iter().map(|p| fragment(p, tz)).collect();
            let json = serde_json::to_vec(&fragments).unwrap_or_default();
            (format!("search/p/{i}.json"), json)
        })
        .collect()
}

/// The shard files, then the positions files of the shards that have common terms.
fn shard_files(texts: Vec<String>, positions: Vec<String>) -> impl Iterator<Item = File> {
    let texts = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| (format!("{DIR}{}", shard_path(i)), text.into_bytes()));
    let positions = positions
        .into_iter()
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| (format!("{DIR}{}", positions_path(i)), text.into_bytes()));
    texts.chain(positions)
}

/// Whether a page goes into the index: not excluded by `search = false` or by
/// `[search] sections`.
fn is_searchable(r: &Rendering, page: &Page) -> bool {
    if !page.doc.search {
        return false;
    }
    let Some(sections) = &r.site.config.search.sections else {
        return true;
    };
    let rel = &page.doc.rel;
    sections.iter().any(|(path, _, _)| {
        path.is_empty()
            || rel
                .strip_prefix(path.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The letter of a kind in the manifest.
pub fn kind_letter(kind: Kind) -> char {
    match kind {
        Kind::News => 'n',
        Kind::Event => 'e',
        Kind::Training => 't',
        Kind::Resource => 'r',
        Kind::Page => 'p',
        Kind::Venue => 'v',
        Kind::Organizer => 'o',
    }
}

fn flatten<'a>(toc: &'a [Heading], out: &mut Vec<&'a Heading>) {
    for h in toc {
        out.push(h);
        flatten(&h.children, out);
    }
}

fn fragment<'a>(page: &'a Page, tz: &jiff::tz::TimeZone) -> Fragment<'a> {
    let lang = Lang::of(&page.doc.lang);
    let date = page
        .doc
        .event_start
        .map(|ts| ts.to_zoned_datetime(tz.clone()))
        .or_else(|| page.doc.date.clone())
        .map(|z| lang.format(&z, "date"));
    let mut headings = Vec::new();
    flatten(&page.content.toc, &mut headings);
    let text = &page.content.text;
    let cut = text
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    Fragment {
        u: &page.url,
        t: &page.doc.title,
        k: page.kind.name(),
        d: date,
        h: headings
            .iter()
            .map(|h| (h.id.as_str(), h.title.as_str()))
            .collect(),
        s: page.doc.description.as_deref(),
        x: text[..cut].split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The kinds a visitor can filter by, in this order, when the index has them.
const FILTER_KINDS: [Kind; 4] = [Kind::News, Kind::Event, Kind::Training, Kind::Resource];

/// The search page, if the theme has a `search.html`.
fn page_html(r: &Rendering, pages: &[&Page]) -> Result<Option<Vec<u8>>, Diagnostic> {
    if !r.engine.has("search.html") {
        return Ok(None);
    }
    let site = r.site;
    let kinds: Vec<&str> = FILTER_KINDS
        .iter()
        .filter(|k| pages.iter().any(|p| p.kind == **k))
        .map(|k| k.name())
        .collect();
    let mut context = Context::new();
    context.insert("lang", &site.config.language);
    context.insert("current_path", SEARCH_PATH);
    context.insert("current_url", &site.config.absolute_url(SEARCH_PATH));
    context.insert(
        "search",
        &serde_json::json!({
            "kinds": kinds,
            "index": site.url("/search/index.json"),
            "script": site.url(&format!(
                "/{}",
                r.fingerprints.name("js/search.js").unwrap_or("js/search.js")
            )),
        }),
    );
    let html = r.engine.render("search.html", &context, || {
        super::html::page_file("search.html")
    })?;
    Ok(Some(html))
}
