//! Views made into Tera values: once per build, shared by every render.
//!
//! Each page becomes a summary value (for lists: no body), built once: list pages reuse
//! it, so a section of 1,000 pages costs 1,000 cheap clones, not 1,000
//! serializations. The full page (with `content` and `toc`) is made from it when the
//! page is rendered ([`PageValues::full`]). What many pages show (each page as a
//! link, each term) is made once ([`SharedValues`]) and held by reference: Tera's
//! maps are reference-counted, and serializing a view clones a `Value` it holds
//! instead of serializing it again. Sections ([`SectionView`]) and venue and
//! organizer pages ([`ListedView`]) hold their lists the same way.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use tera::Value;

use super::feeds::Feed;
use super::images::{self, Images};
use super::views::{self, LinkView, PageView, Shared, TermView};
use crate::markdown::Rendered;
use crate::site::{Page, Site};

/// The Tera values of a page. The summary value (for lists) is made once and shared
/// by every list; the full value (the page itself, with `content` and `toc`) is made
/// from it when the page is rendered or asked for, so a build never holds every
/// page's body twice.
#[derive(Clone)]
pub struct PageValues {
    /// Everything but `content` and `toc` (an empty list); `summary` is the part above
    /// `<!-- more -->`.
    pub summary: Value,
    /// The rendered body: its HTML and table of contents.
    pub body: Arc<Rendered>,
    /// The HTML with its `<img>` tags given sizes and smaller copies, when it shows
    /// images of the site's bundles (otherwise the body's HTML is shown as it is).
    rewritten: Option<Arc<str>>,
    /// `event.json_ld` as JSON text: only the page itself writes it, and as Tera
    /// values it took more memory than all the rest of an event's values.
    json_ld: Option<Arc<str>>,
}

impl PageValues {
    /// The page whole: the summary value with `content` and `toc` (see [`FullPage`]).
    pub fn full(&self) -> Value {
        Value::from_serializable(&FullPage(self))
    }
}

/// The page whole as templates see it, written in one pass: the summary's fields in
/// their order, with the table of contents and the event's JSON-LD in the places the
/// summary keeps for them, then `content`.
struct FullPage<'a>(&'a PageValues);

impl Serialize for FullPage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let page = self.0;
        let Some(summary) = page.summary.as_map() else {
            return page.summary.serialize(serializer);
        };
        let mut map = serializer.serialize_map(Some(summary.len() + 1))?;
        for (key, value) in summary {
            match (key.as_str(), &page.json_ld) {
                (Some("toc"), _) => map.serialize_entry(key, &page.body.toc)?,
                (Some("event"), Some(json_ld)) => map.serialize_entry(
                    key,
                    &WithJsonLd {
                        event: value,
                        json_ld,
                    },
                )?,
                _ => map.serialize_entry(key, value)?,
            }
        }
        let content = page.rewritten.as_deref().unwrap_or(&page.body.html);
        map.serialize_entry("content", &Value::safe_string(content))?;
        map.end()
    }
}

/// An event's summary value with its JSON-LD (kept aside as text) in place of the
/// none the summary holds.
struct WithJsonLd<'a> {
    event: &'a Value,
    json_ld: &'a str,
}

impl Serialize for WithJsonLd<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(event) = self.event.as_map() else {
            return self.event.serialize(serializer);
        };
        let json: serde_json::Value =
            serde_json::from_str(self.json_ld).unwrap_or(serde_json::Value::Null);
        let mut map = serializer.serialize_map(Some(event.len()))?;
        for (key, value) in event {
            if key.as_str() == Some("json_ld") {
                map.serialize_entry(key, &json)?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// The parts of page values that many pages show, made once and shared by all of
/// them: each page as a [`LinkView`] (breadcrumbs, previous and next) and each
/// taxonomy [`TermView`].
pub struct SharedValues {
    /// `{title, url}` of every page, by page index.
    links: Vec<Value>,
    /// Every term, by taxonomy and term index.
    terms: Vec<Vec<Value>>,
}

impl SharedValues {
    /// The shared parts of `site`'s page values; `feeds` tell which terms have one.
    pub fn new(site: &Site, feeds: &[Feed]) -> SharedValues {
        let feed_dirs = views::feed_dirs(feeds);
        SharedValues {
            links: site
                .pages
                .par_iter()
                .map(|p| {
                    Value::from_serializable(&LinkView {
                        title: Cow::Borrowed(&p.doc.title),
                        url: Cow::Borrowed(&p.url),
                    })
                })
                .collect(),
            terms: site
                .taxonomies
                .iter()
                .map(|t| {
                    t.terms
                        .iter()
                        .map(|term| {
                            Value::from_serializable(&TermView::new(site, &feed_dirs, term))
                        })
                        .collect()
                })
                .collect(),
        }
    }

    fn shared(&self) -> Shared<'_> {
        Shared {
            links: &self.links,
            terms: &self.terms,
        }
    }
}

/// Builds the values of a page from its view. The event's JSON-LD is kept aside as
/// text (see [`PageValues::json_ld`](PageValues)).
pub fn page_values(site: &Site, page: &Page, images: &Images, shared: &SharedValues) -> PageValues {
    let mut view = PageView::new(site, page, images, shared.shared());
    let json_ld = view
        .event
        .as_mut()
        .map(|e| Arc::from(std::mem::take(&mut e.json_ld).to_string()));
    let rewritten = match images::rewrite_html(&page.content.html, &page.url, images) {
        Cow::Borrowed(_) => None,
        Cow::Owned(html) => Some(Arc::from(html)),
    };
    PageValues {
        summary: Value::from_serializable(&view),
        body: page.content.clone(),
        rewritten,
        json_ld,
    }
}

/// What templates see as `section`: the section's page whole, with the summaries of
/// its pages, subsections and (event sections, home pages) events. Each list is one
/// shared value, so the list pages of a paginated section share them.
#[derive(Clone, Serialize)]
pub struct SectionView {
    /// The section's own full page value; its fields are the section's.
    #[serde(flatten)]
    pub page: Value,
    /// Its pages, in the section's order.
    pub pages: Value,
    /// Its subsections.
    pub subsections: Value,
    /// Upcoming events (soonest first).
    pub upcoming: Value,
    /// Past events (newest first).
    pub past: Value,
    /// The trainings by topic ([`topics`]).
    pub topics: Vec<TopicView>,
    /// In an events section (`kind = "event"`), the partners' upcoming occurrences
    /// (`data/calendars/`), soonest first; empty elsewhere.
    pub partner_events: Value,
}

/// The partners' upcoming occurrences for section `i` when it lists events, else an
/// empty list.
fn partner_events(site: &Site, i: usize) -> Value {
    let page = &site.pages[i];
    if page.kind != crate::content::Kind::Event || !site.calendar.lists.contains_key(&i) {
        return Value::from(Vec::<Value>::new());
    }
    let lang = crate::locale::Lang::of(&page.doc.lang);
    Value::from_serializable(&super::calendar::partner_upcoming(site, lang))
}

/// A topic of a training section (`section.topics`).
#[derive(Clone, Serialize)]
pub struct TopicView {
    /// `[training] topic`; none for trainings without one.
    pub name: Option<String>,
    /// Summaries of its trainings.
    pub pages: Vec<Value>,
}

impl SectionView {
    /// The view of section `i` with all its events; `None` for a page.
    pub fn new(site: &Site, values: &[PageValues], i: usize) -> Option<SectionView> {
        let section = site.pages[i].section.as_ref()?;
        let lists = site.calendar.lists.get(&i);
        let upcoming = lists.map_or(&[][..], |l| &l.upcoming);
        let past = lists.map_or(&[][..], |l| &l.past);
        Some(SectionView {
            page: values[i].full(),
            pages: Value::from(summaries(values, &section.pages)),
            subsections: Value::from(summaries(values, &section.subsections)),
            upcoming: Value::from(summaries(values, upcoming)),
            past: Value::from(summaries(values, past)),
            topics: topics(site, values, upcoming, past),
            partner_events: partner_events(site, i),
        })
    }

    /// The section as a list page of a paginated event section shows it: only its
    /// share of the events, `upcoming` and `past`, and their topics.
    pub fn share(
        &self,
        site: &Site,
        values: &[PageValues],
        (upcoming, past): (&[usize], &[usize]),
    ) -> SectionView {
        SectionView {
            upcoming: Value::from(summaries(values, upcoming)),
            past: Value::from(summaries(values, past)),
            topics: topics(site, values, upcoming, past),
            ..self.clone()
        }
    }
}

/// The `section` view of every page, by page index (`None` for pages), and its value
/// (`Value::none()` for pages).
pub fn section_values(
    site: &Site,
    values: &[PageValues],
) -> (Vec<Option<SectionView>>, Vec<Value>) {
    let views: Vec<Option<SectionView>> = (0..site.pages.len())
        .map(|i| SectionView::new(site, values, i))
        .collect();
    let values = views
        .iter()
        .map(|v| {
            v.as_ref()
                .map_or_else(Value::none, Value::from_serializable)
        })
        .collect();
    (views, values)
}

/// A venue or organizer page (`page`) with the events there or by them.
#[derive(Serialize)]
pub struct ListedView {
    /// The page's full value.
    #[serde(flatten)]
    pub page: Value,
    /// Upcoming events (soonest first).
    pub upcoming: Vec<Value>,
    /// Past events (newest first).
    pub past: Vec<Value>,
}

/// The full value of page `i`, with `upcoming` and `past` summaries when the
/// calendar lists events for it (venues, organizers).
pub fn page_with_events(site: &Site, values: &[PageValues], i: usize) -> Value {
    let page = values[i].full();
    match site.calendar.lists.get(&i) {
        None => page,
        Some(lists) => Value::from_serializable(&ListedView {
            page,
            upcoming: summaries(values, &lists.upcoming),
            past: summaries(values, &lists.past),
        }),
    }
}

/// The summaries of pages `list`.
pub fn summaries(values: &[PageValues], list: &[usize]) -> Vec<Value> {
    list.iter().map(|&i| values[i].summary.clone()).collect()
}

/// `section.topics` of a training section: each `[training] topic`, the topic of the
/// next training first (upcoming trainings in date order, then past ones newest
/// first); trainings without a topic go under `name` none, last.
pub fn topics(
    site: &Site,
    values: &[PageValues],
    upcoming: &[usize],
    past: &[usize],
) -> Vec<TopicView> {
    let mut groups: Vec<TopicView> = Vec::new();
    for &i in upcoming.iter().chain(past) {
        let Some(training) = &site.pages[i].doc.training else {
            continue;
        };
        let topic = training.topic.as_deref();
        let summary = values[i].summary.clone();
        match groups.iter_mut().find(|g| g.name.as_deref() == topic) {
            Some(group) => group.pages.push(summary),
            None => groups.push(TopicView {
                name: topic.map(str::to_string),
                pages: vec![summary],
            }),
        }
    }
    groups.sort_by_key(|g| g.name.is_none());
    groups
}
