//! The theme contract: what templates see. Typed, borrowed views of the site model,
//! turned into Tera values once per build and shared by every render.
//!
//! Each page becomes a summary value (for lists: no body), built once: list pages reuse
//! it, so a section of 1,000 pages costs 1,000 cheap clones, not 1,000
//! serializations. The full page (with `content` and `toc`) is made from it when the
//! page is rendered ([`PageValues::full`]).
//! Documented for theme authors in `docs/templates.md`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;
use tera::value::Key;

use super::images::{self, Images};
use super::urls::{self, absolute_url};
use crate::config::Config;
use crate::locale::rfc3339;
use crate::markdown::{Heading, Rendered};
use crate::site::{Page, Site};
use crate::text::{WordCount, plain_text};

/// A link to another page: enough for breadcrumbs and previous/next.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    /// Its title.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// The page's index, to find its shared value ([`SharedValues`]).
    #[serde(skip)]
    pub page: usize,
}

/// A term of a page.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// The term as written.
    pub name: &'a str,
    /// URL of the term page.
    pub url: String,
    /// Index of the taxonomy in the site's list and of the term in it, to find its
    /// shared value ([`SharedValues`]).
    #[serde(skip)]
    pub index: (usize, usize),
}

/// A co-located file of a page bundle.
#[derive(Debug, Serialize)]
pub struct AssetView {
    /// Path inside the bundle (`poster.jpg`).
    pub name: String,
    /// Root-relative URL.
    pub url: String,
}

/// A translation of a page.
#[derive(Debug, Serialize)]
pub struct TranslationView<'a> {
    /// Language code.
    pub lang: &'a str,
    /// Title in that language.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// Absolute URL (for `hreflang` links).
    pub permalink: &'a str,
}

/// What templates see of a page or section (`page`, `section`, and list items).
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description, if any.
    pub description: Option<&'a str>,
    /// Publication time as RFC 3339 with offset (use the `date` filter to show it).
    pub date: Option<String>,
    /// Last change, RFC 3339.
    pub updated: Option<String>,
    /// `news`, `event`, `training`, `resource` or `page`.
    pub kind: &'static str,
    /// True for sections.
    pub is_section: bool,
    /// Language code.
    pub lang: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// Site path (`/news/a/`).
    pub path: &'a str,
    /// Root-relative URL for links.
    pub url: &'a str,
    /// Absolute URL (canonical, feeds, sharing).
    pub permalink: &'a str,
    /// Content path (`news/a.md`), as used by `get_page` and `@/` links.
    pub relative_path: &'a str,
    /// Manual order.
    pub weight: Option<i64>,
    /// Authors.
    pub authors: &'a [String],
    /// Cover image URL, resolved for bundles.
    pub cover: Option<String>,
    /// The cover's size and smaller copies, when it is an image of the site's bundles
    /// (`{src, width, height, srcset, webp_srcset}`).
    pub cover_image: Option<super::images::ImageInfo>,
    /// Absolute URL of the cover (`og:image`).
    pub cover_permalink: Option<String>,
    /// Root-relative URL of the cover's 300×300 square cut: the image WeChat's
    /// in-app browser takes for the share card (`partials/share-image.html`).
    pub share_image: Option<String>,
    /// `description`, else the summary as plain text: for `<meta name="description">`
    /// and share cards.
    pub meta_description: String,
    /// Terms per taxonomy, each with its URL.
    pub taxonomies: BTreeMap<&'a str, Vec<TermView<'a>>>,
    /// Whether it is a draft (only built with `--drafts`).
    pub draft: bool,
    /// CJK characters and words.
    pub word_count: WordCount,
    /// Minutes to read.
    pub reading_time: usize,
    /// Co-located files of a bundle.
    pub assets: Vec<AssetView>,
    /// Other language versions.
    pub translations: Vec<TranslationView<'a>>,
    /// Sections from home to parent, for breadcrumbs.
    pub ancestors: Vec<LinkView<'a>>,
    /// Previous page in the section's order.
    pub earlier: Option<LinkView<'a>>,
    /// Next page in the section's order.
    pub later: Option<LinkView<'a>>,
    /// Table of contents: an empty list in the summary value; [`PageValues::full`]
    /// puts the headings in.
    #[serde(serialize_with = "empty_list")]
    pub toc: &'a [Heading],
    /// `[event]`: times formatted, upcoming/ended, links, JSON-LD.
    pub event: Option<super::event_view::EventView>,
    /// `[training]`.
    pub training: Option<super::event_view::TrainingView<'a>>,
    /// A venue page's `[venue]`: address, map link, access, its calendar feed.
    pub venue: Option<super::place_view::VenueView>,
    /// An organizer page's `[organizer]`: contact, logo, its calendar feed.
    pub organizer: Option<super::place_view::OrganizerView>,
    /// `[resource]` as written, plus `url`, `format`, `size` and `external`: see
    /// [`resource_view`].
    pub resource: Option<serde_json::Value>,
    /// URL of the page's QR code (`qr.svg`, events and trainings only).
    pub qr: Option<String>,
    /// `[extra]` as written.
    pub extra: serde_json::Value,
    /// The HTML above `<!-- more -->` (none without the marker), its relative links
    /// made to work from other pages.
    pub summary: Option<String>,
}

/// Serializes any list as an empty one: a field whose value is added later keeps its
/// place in the map, so adding it does not grow the map.
fn empty_list<S: serde::Serializer, T>(_: &T, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    serializer.serialize_seq(Some(0))?.end()
}

impl<'a> PageView<'a> {
    /// The view of page `index` of `site`.
    pub fn new(site: &'a Site, page: &'a Page, images: &Images) -> PageView<'a> {
        // A file name with spaces (`活动 照片 1.jpg`) is encoded, so that `src`,
        // `og:image` and the lists carry valid URLs; an outside address is kept.
        let cover = page.doc.cover.as_deref().map(|c| {
            let url = resolve_asset(site, page, c);
            if url.contains("://") || url.starts_with("//") {
                url
            } else {
                crate::escape::url_path(&url)
            }
        });
        let cover_image = cover
            .as_deref()
            .and_then(|c| images.find(c, &page.url))
            .cloned();
        // Share cards get a cleaned copy of a suitable size, never the original.
        let cover_permalink = cover.as_deref().map(|c| {
            let shared = cover_image.as_ref().map_or(c, |i| i.share.as_str());
            absolute_url(site, shared)
        });
        let index = site.by_rel.get(&page.doc.rel).copied();
        let link = |i: usize| LinkView {
            title: &site.pages[i].doc.title,
            url: &site.pages[i].url,
            page: i,
        };
        let taxonomies = page_terms(site, page);
        PageView {
            title: &page.doc.title,
            description: page.doc.description.as_deref(),
            date: page.doc.date.as_ref().map(rfc3339),
            updated: page.doc.updated.as_ref().map(rfc3339),
            kind: page.kind.name(),
            is_section: page.doc.is_section,
            lang: &page.doc.lang,
            slug: &page.doc.slug,
            path: &page.path,
            url: &page.url,
            permalink: &page.permalink,
            relative_path: &page.doc.rel,
            weight: page.doc.weight,
            authors: &page.doc.authors,
            event: index.and_then(|i| site.event(i)).map(|e| {
                super::event_view::event_view(
                    site,
                    page,
                    (e, index.and_then(|i| site.places.of_event.get(&i))),
                    index.and_then(|i| site.calendar.pages.get(&i)),
                    cover_permalink.as_deref(),
                )
            }),
            venue: index
                .filter(|_| page.kind == crate::content::Kind::Venue && !page.doc.is_section)
                .map(|i| super::place_view::venue_view(site, i)),
            organizer: index
                .filter(|_| page.kind == crate::content::Kind::Organizer && !page.doc.is_section)
                .map(|i| super::place_view::organizer_view(site, i)),
            cover,
            cover_image,
            cover_permalink,
            share_image: images.cut_url(site, &super::images::share_path(page)),
            meta_description: match &page.doc.description {
                Some(d) => d.clone(),
                None => page.summary.as_deref().map(plain_text).unwrap_or_default(),
            },
            taxonomies,
            draft: page.doc.draft,
            word_count: page.word_count,
            reading_time: page.reading_time,
            assets: page
                .assets
                .iter()
                .map(|a| AssetView {
                    name: a.clone(),
                    url: format!("{}{a}", page.url),
                })
                .collect(),
            translations: page
                .translations
                .iter()
                .map(|(lang, i)| TranslationView {
                    lang,
                    title: &site.pages[*i].doc.title,
                    url: &site.pages[*i].url,
                    permalink: &site.pages[*i].permalink,
                })
                .collect(),
            ancestors: page.ancestors.iter().map(|&i| link(i)).collect(),
            earlier: page.earlier.map(link),
            later: page.later.map(link),
            toc: &page.content.toc,
            training: page
                .doc
                .training
                .as_ref()
                .map(super::event_view::TrainingView::new),
            resource: page
                .doc
                .resource
                .as_ref()
                .map(|r| resource_view(site, page, r)),
            qr: super::qr::url_for(page),
            extra: table_to_json(&page.doc.extra),
            summary: page.summary.as_ref().map(|summary| {
                // Shown on other pages: `#x` and bundle-relative URLs must keep pointing here.
                let fixed = urls::rewrite(summary, &|v| urls::resolve_relative(v, &page.url));
                images::rewrite_html(&fixed, &page.url, images).into_owned()
            }),
        }
    }
}

/// The terms of a page per taxonomy, each with its URL (`page.taxonomies`).
pub fn page_terms<'a>(site: &'a Site, page: &'a Page) -> BTreeMap<&'a str, Vec<TermView<'a>>> {
    page.doc
        .taxonomies
        .iter()
        .filter_map(|(name, list)| {
            let (x, taxonomy) = site
                .taxonomies
                .iter()
                .enumerate()
                .find(|(_, t)| &t.name == name && t.lang == page.doc.lang)?;
            let terms = list
                .terms
                .iter()
                .filter_map(|term| {
                    let (y, t) = taxonomy
                        .terms
                        .iter()
                        .enumerate()
                        .find(|(_, t)| t.spellings.contains(term))?;
                    Some(TermView {
                        name: &t.name,
                        url: site.url(&t.path),
                        index: (x, y),
                    })
                })
                .collect();
            Some((name.as_str(), terms))
        })
        .collect()
}

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
    /// The page whole: the summary value with `content` and `toc`.
    pub fn full(&self) -> Value {
        let mut map = self.summary.clone().into_map().unwrap_or_default();
        let content = self.rewritten.as_deref().unwrap_or(&self.body.html);
        map.insert("content".into(), Value::safe_string(content));
        map.insert("toc".into(), Value::from_serializable(&self.body.toc));
        if let Some(json_ld) = &self.json_ld {
            let event = map.get(&Key::from("event")).cloned();
            if let Some(mut event) = event.and_then(Value::into_map) {
                let json: serde_json::Value =
                    serde_json::from_str(json_ld).unwrap_or(serde_json::Value::Null);
                event.insert("json_ld".into(), Value::from_serializable(&json));
                map.insert("event".into(), Value::from(event));
            }
        }
        Value::from(map)
    }
}

/// The parts of page values that many pages show, made once and shared by all of
/// them (Tera's maps are reference-counted): each page as a link (breadcrumbs,
/// previous and next) and each taxonomy term.
pub struct SharedValues {
    /// `{title, url}` of every page, by page index.
    links: Vec<Value>,
    /// `{name, url}` of every term, by taxonomy and term index.
    terms: Vec<Vec<Value>>,
}

impl SharedValues {
    /// The shared parts of `site`'s page values.
    pub fn new(site: &Site) -> SharedValues {
        SharedValues {
            links: site
                .pages
                .par_iter()
                .enumerate()
                .map(|(i, p)| {
                    Value::from_serializable(&LinkView {
                        title: &p.doc.title,
                        url: &p.url,
                        page: i,
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
                            Value::from_serializable(&TermView {
                                name: &term.name,
                                url: site.url(&term.path),
                                index: (0, 0),
                            })
                        })
                        .collect()
                })
                .collect(),
        }
    }

    fn link(&self, link: &LinkView) -> Value {
        self.links[link.page].clone()
    }
}

/// Builds the values of a page.
pub fn page_values(site: &Site, page: &Page, images: &Images, shared: &SharedValues) -> PageValues {
    values_of(PageView::new(site, page, images), page, images, shared)
}

/// The values of a page from its view.
fn values_of(
    mut view: PageView,
    page: &Page,
    images: &Images,
    shared: &SharedValues,
) -> PageValues {
    // Serialized empty, in their places, then replaced by shared values.
    let taxonomies = std::mem::take(&mut view.taxonomies);
    let ancestors = std::mem::take(&mut view.ancestors);
    let (earlier, later) = (view.earlier.take(), view.later.take());
    let summary = view.summary.take();
    let json_ld = view
        .event
        .as_mut()
        .map(|e| Arc::from(std::mem::take(&mut e.json_ld).to_string()));
    let mut map = Value::from_serializable(&view)
        .into_map()
        .unwrap_or_default();
    let mut terms = tera::value::Map::new();
    for (name, list) in taxonomies {
        let list: Vec<Value> = list
            .iter()
            .map(|t| shared.terms[t.index.0][t.index.1].clone())
            .collect();
        terms.insert(name.to_string().into(), Value::from(list));
    }
    map.insert("taxonomies".into(), Value::from(terms));
    let ancestors: Vec<Value> = ancestors.iter().map(|l| shared.link(l)).collect();
    map.insert("ancestors".into(), Value::from(ancestors));
    let link = |l: Option<LinkView>| l.map_or_else(Value::none, |l| shared.link(&l));
    map.insert("earlier".into(), link(earlier));
    map.insert("later".into(), link(later));
    if let Some(summary) = summary {
        map.insert("summary".into(), Value::safe_string(&summary));
    }
    let rewritten = match images::rewrite_html(&page.content.html, &page.url, images) {
        Cow::Borrowed(_) => None,
        Cow::Owned(html) => Some(Arc::from(html)),
    };
    PageValues {
        summary: Value::from(map),
        body: page.content.clone(),
        rewritten,
        json_ld,
    }
}

/// `page.resource`: the `[resource]` table as written, plus what a download card needs:
/// `url` (the file's URL: co-located files resolved, web addresses kept), `format`
/// (as written, else from the file's extension in capitals, `PDF`), `size` (bytes of
/// a co-located file; none for a web address) and `external` (true for a web address).
pub fn resource_view(site: &Site, page: &Page, table: &toml::Table) -> serde_json::Value {
    let mut json = table_to_json(table);
    let file = table.get("file").and_then(|f| f.as_str()).unwrap_or("");
    let external = file.contains("://") || file.starts_with("//");
    let url = (!file.is_empty()).then(|| resolve_asset(site, page, file));
    let size = if external || file.is_empty() {
        None
    } else {
        let wanted = url.as_deref().unwrap_or("");
        site.assets
            .iter()
            .find(|a| site.url(&format!("/{}", a.output)) == wanted)
            .and_then(|a| match &a.source.origin {
                crate::source::Origin::Disk(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                crate::source::Origin::Builtin(bytes) => Some(bytes.len() as u64),
            })
    };
    let format = table
        .get("format")
        .and_then(|f| f.as_str())
        .map(str::to_string)
        .or_else(|| {
            (!external)
                .then(|| {
                    file.rsplit_once('.')
                        .map(|(_, ext)| ext.to_ascii_uppercase())
                })
                .flatten()
        });
    if let serde_json::Value::Object(map) = &mut json {
        map.insert("url".into(), url.into());
        map.insert("format".into(), format.into());
        map.insert("size".into(), size.into());
        map.insert("external".into(), external.into());
    }
    json
}

/// The URL of a cover or image path: absolute and root paths kept, others relative to
/// the page (bundle assets).
pub fn resolve_asset(site: &Site, page: &Page, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
        path.to_string()
    } else if path.starts_with('/') {
        site.url(path)
    } else {
        format!("{}{}", page.url, path.trim_start_matches("./"))
    }
}

/// A menu entry with its URL resolved.
#[derive(Debug, Serialize)]
pub struct MenuView<'a> {
    /// Text.
    pub name: &'a str,
    /// Root-relative or absolute URL.
    pub url: String,
    /// Language of the target page when it is not the menu's own (an untranslated
    /// page shown in the default language).
    pub lang: Option<&'a str>,
}

/// A language of the site.
#[derive(Debug, Serialize)]
pub struct LanguageView<'a> {
    /// Code.
    pub code: &'a str,
    /// Site title in it.
    pub title: &'a str,
    /// URL of its home page.
    pub url: String,
}

/// What every template sees as `config`.
#[derive(Debug, Serialize)]
pub struct ConfigView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Base URL without trailing slash.
    pub base_url: &'a str,
    /// Default language.
    pub language: &'a str,
    /// Site time zone.
    pub timezone: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Default author.
    pub author: Option<&'a str>,
    /// Navigation.
    pub menu: Vec<MenuView<'a>>,
    /// Names of the declared taxonomies.
    pub taxonomies: Vec<&'a str>,
    /// Further languages.
    pub languages: Vec<LanguageView<'a>>,
    /// Site search: `{enable, url}`.
    pub search: SearchView,
    /// `[extra]` of site.toml.
    pub extra: serde_json::Value,
    /// Absolute URL of the default share image (`og_image`), if any.
    pub og_image: Option<String>,
    /// `[feeds]` of site.toml.
    pub feeds: crate::config::FeedsConfig,
    /// URL of the home page in this language (`/` or `/en/`).
    pub home_url: String,
}

/// What templates see of `[search]` (`config.search`).
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// Whether the site has a search page.
    pub enable: bool,
    /// Root-relative URL of the search page (`/search/`).
    pub url: String,
}

impl<'a> ConfigView<'a> {
    /// The view of the site configuration; menu URLs resolved against the site.
    pub fn new(site: &'a Site) -> ConfigView<'a> {
        ConfigView::in_language(site, &site.config.language)
    }

    /// The configuration as pages in `lang` see it: title, description and menu from
    /// `[languages.<lang>]` where given; menu links lead to the page's translation in
    /// `lang` when there is one.
    pub fn in_language(site: &'a Site, lang: &str) -> ConfigView<'a> {
        let config: &Config = &site.config;
        let language = config.languages.iter().find(|l| l.code == lang);
        let nonempty = |s: &'a str| (!s.is_empty()).then_some(s);
        let menu = language
            .and_then(|l| l.menu.as_ref())
            .unwrap_or(&config.menu);
        ConfigView {
            title: language
                .and_then(|l| nonempty(&l.title))
                .unwrap_or(&config.title),
            base_url: &config.base_url,
            language: &config.language,
            timezone: &config.timezone_name,
            description: language
                .and_then(|l| nonempty(&l.description))
                .unwrap_or(&config.description),
            author: config.author.as_deref(),
            menu: menu
                .iter()
                .map(|m| match m.url.strip_prefix("@/") {
                    Some(rel) => {
                        let target = site
                            .page(&translated_rel(rel, lang, &config.language))
                            .or_else(|| site.page(rel));
                        MenuView {
                            name: &m.name,
                            url: target.map_or_else(|| m.url.clone(), |p| p.url.clone()),
                            lang: target.map(|p| p.doc.lang.as_str()).filter(|l| *l != lang),
                        }
                    }
                    None => MenuView {
                        name: &m.name,
                        url: site.url(&m.url),
                        lang: None,
                    },
                })
                .collect(),
            taxonomies: config.taxonomies.iter().map(|t| t.name.as_str()).collect(),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageView {
                    code: &l.code,
                    title: &l.title,
                    url: site.url(&format!("/{}/", l.code)),
                })
                .collect(),
            search: SearchView {
                enable: config.search.enable,
                url: site.url(super::search::SEARCH_PATH),
            },
            extra: table_to_json(&config.extra),
            og_image: config
                .og_image
                .as_deref()
                .map(|i| absolute_url(site, &site.url(i))),
            feeds: config.feeds,
            home_url: site
                .homes
                .get(lang)
                .map_or_else(|| site.url("/"), |&h| site.pages[h].url.clone()),
        }
    }
}

/// The content path of a page's translation: `about/join.md` → `about/join.en.md`.
pub fn translated_rel(rel: &str, lang: &str, default_lang: &str) -> String {
    if lang == default_lang {
        return rel.to_string();
    }
    match rel.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{lang}.md"),
        None => rel.to_string(),
    }
}

/// A link to a language version of the page being rendered, for `hreflang` links
/// and the language switcher (`language_links` in templates).
#[derive(Debug, Serialize)]
pub struct LanguageLinkView<'a> {
    /// Language code.
    pub lang: &'a str,
    /// Root-relative URL: the translation, or that language's home page.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// True for the language of the page itself.
    pub current: bool,
    /// True when `url` is this page in that language (not a fallback to its home).
    pub translated: bool,
}

/// Every language of the site, the default first, as seen from the page being
/// rendered: in `lang`, at `url`/`permalink`, with `translations` (language code, page
/// index). A language without a translation links to its home page.
pub fn language_links<'a>(
    site: &'a Site,
    lang: &str,
    here: (&str, &str),
    translations: &[(String, usize)],
) -> Vec<LanguageLinkView<'a>> {
    let config = &site.config;
    std::iter::once(config.language.as_str())
        .chain(config.languages.iter().map(|l| l.code.as_str()))
        .filter_map(|code| {
            if code == lang {
                return Some(LanguageLinkView {
                    lang: code,
                    url: here.0.to_string(),
                    permalink: here.1.to_string(),
                    current: true,
                    translated: true,
                });
            }
            let translation = translations
                .iter()
                .find(|(l, _)| l == code)
                .map(|&(_, i)| &site.pages[i]);
            Some(match translation {
                Some(t) => LanguageLinkView {
                    lang: code,
                    url: t.url.clone(),
                    permalink: t.permalink.clone(),
                    current: false,
                    translated: true,
                },
                None => {
                    // A language with no home page of its own has nowhere to go.
                    let url = match site.homes.get(code) {
                        Some(&h) => site.pages[h].url.clone(),
                        None if code == config.language => site.url("/"),
                        None => return None,
                    };
                    LanguageLinkView {
                        lang: code,
                        permalink: absolute_url(site, &url),
                        url,
                        current: false,
                        translated: false,
                    }
                }
            })
        })
        .collect()
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Debug, Serialize)]
pub struct HreflangView<'a> {
    /// Language code, or `x-default`.
    pub lang: &'a str,
    /// Absolute URL.
    pub permalink: &'a str,
}

/// The `hreflang` links of a page: every real translation, itself included, and
/// `x-default` for the default language's version; none for an untranslated page.
pub fn hreflang<'a>(site: &Site, links: &'a [LanguageLinkView<'a>]) -> Vec<HreflangView<'a>> {
    let translated: Vec<&LanguageLinkView> = links.iter().filter(|l| l.translated).collect();
    if translated.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<HreflangView> = translated
        .iter()
        .map(|l| HreflangView {
            lang: l.lang,
            permalink: &l.permalink,
        })
        .collect();
    if let Some(default) = translated.iter().find(|l| l.lang == site.config.language) {
        out.push(HreflangView {
            lang: "x-default",
            permalink: &default.permalink,
        });
    }
    out
}

/// A TOML table as JSON for templates: dates become RFC 3339 text.
pub fn table_to_json(table: &toml::Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::from(*f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}
