//! What `serve` keeps from one render to the next: every page's Tera values (the
//! images are kept on disk, as for `build`: see [`super::images::store`]). Building
//! the views and values of every page was 60 % of a rebuild after a save at 10,000
//! pages (docs/performance.md), and most pages are the same as before.
//!
//! A page's view ([`PageView`]) and values are made from its document, its rendered
//! body, its own place in the site (URL, summary, assets), the pages it names
//! (ancestors, neighbours, translations: their titles and URLs), its terms, for an
//! event its occurrences and which of them have ended at the build time, and the
//! site-level values every page reads (the configuration and the site's images). Those
//! inputs are kept for each page ([`Inputs`]: the document and body compared by
//! address, the rest by value); when the page's are what they were, the last build's
//! values are used again without building the view at all. The comparison reads the
//! page where it is ([`Inputs::hold_for`]): making every page's inputs anew and freeing
//! the last build's cost about a fifth of a rebuild's CPU at 10,000 pages.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use rayon::prelude::*;

use super::images::Images;
use super::values::{self, PageValues, SharedValues};
use super::views::{self, ResourceView};
use crate::config::Config;
use crate::content::Document;
use crate::content::event::When;
use crate::markdown::Rendered;
use crate::site::{Page, Site};
use crate::text::WordCount;

/// What the last render made, for the next one: each page's values with the inputs
/// they were made from, under the site-level values they share.
#[derive(Default)]
pub struct RenderCache {
    /// The configuration the values were made with; `None` before the first build.
    config: Option<Config>,
    /// The images the values were made with, as JSON.
    images: Vec<u8>,
    /// By content path (`news/a.md`).
    entries: HashMap<String, Kept>,
}

/// One page's values and what they were made from.
struct Kept {
    inputs: Inputs,
    values: PageValues,
}

/// Everything a page's view reads besides the site-level values: two pages with equal
/// inputs (under the same configuration and images) have the same view and values.
#[derive(PartialEq)]
struct Inputs {
    /// The front matter and body as parsed, compared by address: `serve` keeps the
    /// parsed document of an unchanged file, and holding it here keeps its address
    /// from being taken by another.
    doc: Same<Document>,
    /// The rendered Markdown, by address likewise (a body whose `@/` links resolve
    /// elsewhere is rendered again, under a new address).
    body: Same<Rendered>,
    kind: &'static str,
    path: String,
    url: String,
    permalink: String,
    summary: Option<String>,
    word_count: WordCount,
    reading_time: usize,
    assets: Vec<String>,
    /// `{title, url}` of the ancestors, then of the earlier and the later page.
    links: Vec<Option<(String, String)>>,
    /// Language, title, URL and address of each translation.
    translations: Vec<[String; 4]>,
    /// Taxonomy, term and its URL of each term, with its number of pages.
    terms: Vec<([String; 3], usize)>,
    /// `[resource]` as its view shows it (the file's URL and size).
    resource: Option<serde_json::Value>,
    event: Option<EventInputs>,
}

/// What an event's view reads besides its document: the occurrences the calendar
/// found, which of them have ended at the build time, and the feed of its section.
#[derive(PartialEq)]
struct EventInputs {
    occurrences: Option<Occurrences>,
    /// Whether each occurrence (the first as written, then the calendar's) has ended.
    ended: Vec<bool>,
    /// The build time itself, when the view shows it (an event whose calendar has no
    /// occurrence shows it as its end).
    now: Option<Timestamp>,
    /// The address of its section, when that is not the home page.
    section: Option<String>,
}

/// The calendar's occurrences of an event page, as its view reads them.
#[derive(PartialEq)]
struct Occurrences {
    all: Vec<When>,
    changes: Vec<Option<usize>>,
    next: Option<usize>,
}

/// An `Arc` compared by address.
struct Same<T>(Arc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl RenderCache {
    /// The values of every page, in order, reusing the last build's where nothing
    /// they are made from changed; the cache is left holding this build's values.
    pub fn page_values(
        &mut self,
        site: &Site,
        images: &Images,
        shared: &SharedValues,
    ) -> Vec<PageValues> {
        let images_json = serde_json::to_vec(&sorted_images(images)).unwrap_or_default();
        if self.images != images_json || self.config.as_ref() != Some(&site.config) {
            self.entries.clear();
            self.images = images_json;
            self.config = Some(site.config.clone());
        }
        let fresh = |page: &Page| {
            let inputs = Inputs::of(site, page);
            let values = values::page_values(site, page, images, shared);
            Kept { inputs, values }
        };
        let mut known = std::mem::take(&mut self.entries);
        // `None`: the kept entry holds.
        let made: Vec<Option<Kept>> = site
            .pages
            .par_iter()
            .map(|page| match known.get(&page.doc.rel) {
                Some(kept) if kept.inputs.hold_for(site, page) => {
                    debug_assert!(kept.inputs == Inputs::of(site, page), "Inputs::hold_for");
                    None
                }
                _ => Some(fresh(page)),
            })
            .collect();
        let mut values = Vec::with_capacity(made.len());
        for (page, made) in site.pages.iter().zip(made) {
            // Two pages of one file (a language's fallback) share an entry: the
            // second makes its own.
            let kept = made
                .or_else(|| known.remove(&page.doc.rel))
                .unwrap_or_else(|| fresh(page));
            values.push(kept.values.clone());
            self.entries.insert(page.doc.rel.clone(), kept);
        }
        values
    }
}

impl Inputs {
    /// Whether `page`'s inputs are these: [`Inputs::of`] compared field by field
    /// without making the fields a page shares with most others (a debug assertion in
    /// [`RenderCache::page_values`] checks that both agree).
    fn hold_for(&self, site: &Site, page: &Page) -> bool {
        let link = |i: usize| {
            let p = &site.pages[i];
            (p.doc.title.as_str(), p.url.as_str())
        };
        let links = page
            .ancestors
            .iter()
            .map(|&i| Some(link(i)))
            .chain([page.earlier.map(link), page.later.map(link)]);
        let links_hold = self.links.len() == page.ancestors.len() + 2
            && self
                .links
                .iter()
                .map(|l| l.as_ref().map(|(t, u)| (t.as_str(), u.as_str())))
                .eq(links);
        let translations_hold = self.translations.len() == page.translations.len()
            && self
                .translations
                .iter()
                .zip(&page.translations)
                .all(|(kept, (lang, i))| {
                    let p = &site.pages[*i];
                    kept[0] == *lang
                        && kept[1] == p.doc.title
                        && kept[2] == p.url
                        && kept[3] == p.permalink
                });
        Arc::ptr_eq(&self.doc.0, &page.doc)
            && Arc::ptr_eq(&self.body.0, &page.content)
            && self.kind == page.kind.name()
            && self.path == page.path
            && self.url == page.url
            && self.permalink == page.permalink
            && self.summary == page.summary
            && self.word_count == page.word_count
            && self.reading_time == page.reading_time
            && self.assets == page.assets
            && links_hold
            && translations_hold
            && self.terms == terms(site, page)
            && self.resource == resource(site, page)
            && self.event
                == page
                    .doc
                    .event
                    .is_some()
                    .then(|| EventInputs::of(site, page))
    }

    fn of(site: &Site, page: &Page) -> Inputs {
        let link = |i: usize| {
            let p = &site.pages[i];
            (p.doc.title.clone(), p.url.clone())
        };
        let mut links: Vec<Option<(String, String)>> =
            page.ancestors.iter().map(|&i| Some(link(i))).collect();
        links.push(page.earlier.map(link));
        links.push(page.later.map(link));
        Inputs {
            doc: Same(page.doc.clone()),
            body: Same(page.content.clone()),
            kind: page.kind.name(),
            path: page.path.clone(),
            url: page.url.clone(),
            permalink: page.permalink.clone(),
            summary: page.summary.clone(),
            word_count: page.word_count,
            reading_time: page.reading_time,
            assets: page.assets.clone(),
            links,
            translations: page
                .translations
                .iter()
                .map(|(lang, i)| {
                    let p = &site.pages[*i];
                    [
                        lang.clone(),
                        p.doc.title.clone(),
                        p.url.clone(),
                        p.permalink.clone(),
                    ]
                })
                .collect(),
            terms: terms(site, page),
            resource: resource(site, page),
            event: page
                .doc
                .event
                .is_some()
                .then(|| EventInputs::of(site, page)),
        }
    }
}

impl EventInputs {
    fn of(site: &Site, page: &Page) -> EventInputs {
        let now = site.now;
        let occ = site
            .by_rel
            .get(&page.doc.rel)
            .and_then(|i| site.calendar.pages.get(i));
        let mut ended = Vec::new();
        if let Some(event) = &page.doc.event {
            ended.push(event.when.end_instant(&event.timezone) <= now);
            if let Some(occ) = occ {
                ended.extend(
                    occ.all
                        .iter()
                        .map(|w| w.end_instant(&event.timezone) <= now),
                );
            }
        }
        EventInputs {
            now: occ.filter(|o| o.all.is_empty()).map(|_| now),
            occurrences: occ.map(|o| Occurrences {
                all: o.all.clone(),
                changes: o.changes.clone(),
                next: o.next,
            }),
            ended,
            section: page
                .parent
                .filter(|&p| site.pages[p].parent.is_some())
                .map(|p| site.pages[p].permalink.clone()),
        }
    }
}

/// Taxonomy, term, its URL and its page count, for each term of `page`.
fn terms(site: &Site, page: &Page) -> Vec<([String; 3], usize)> {
    views::page_terms(site, page)
        .into_iter()
        .flat_map(|(name, terms)| {
            terms.into_iter().map(move |(x, y)| {
                let term = &site.taxonomies[x].terms[y];
                let url = site.url(&term.path);
                ([name.to_string(), term.name.clone(), url], term.pages.len())
            })
        })
        .collect()
}

/// `[resource]` of `page` as its view shows it.
fn resource(site: &Site, page: &Page) -> Option<serde_json::Value> {
    page.doc
        .resource
        .as_ref()
        .map(|r| serde_json::to_value(ResourceView::new(site, page, r)).unwrap_or_default())
}

/// The images sorted by URL, so that their hash does not depend on a map's order.
fn sorted_images(images: &Images) -> Vec<(&String, &super::images::ImageInfo)> {
    let mut all: Vec<_> = images.by_url.iter().collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}
