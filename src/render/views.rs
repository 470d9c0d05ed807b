//! The theme contract: what templates see. Typed, borrowed views of the site model;
//! [`super::values`] turns them into Tera values once per build, shared by every render.
//!
//! The parts many pages show (each page as a link, each taxonomy term) are made into
//! values once ([`super::values::SharedValues`]) and a page's view holds those values
//! themselves, so a breadcrumb or a tag costs a reference, not a serialization.
//! Documented for theme authors in `docs/templates.md`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use tera::Value;

use super::feeds::Feed;
use super::images::{self, ImageInfo, Images};
use super::urls::{self, absolute_url};
use crate::config::Config;
use crate::content::resource::Resource;
use crate::locale::rfc3339;
use crate::markdown::Heading;
use crate::site::{Page, Site, Taxonomy, Term};
use crate::text::{WordCount, plain_text};

/// A link with its text: a page in breadcrumbs and previous/next (`{title, url}`), a
/// month or year of the calendar.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    /// Its title.
    pub title: Cow<'a, str>,
    /// Root-relative URL.
    pub url: Cow<'a, str>,
}

/// A taxonomy term, the same on the term lists and on the pages that carry it
/// (`page.taxonomies`).
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// The term as written.
    pub name: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// Root-relative URL of the term page.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Number of pages with the term.
    pub count: usize,
    /// URL of the term's Atom feed, when the taxonomy has `feed = true`.
    pub feed: Option<String>,
}

impl<'a> TermView<'a> {
    /// The view of `term`; `feed_dirs` are the folders of the site's feeds
    /// ([`feed_dirs`]).
    pub fn new(site: &Site, feed_dirs: &HashSet<&str>, term: &'a Term) -> TermView<'a> {
        let url = site.url(&term.path);
        TermView {
            name: &term.name,
            slug: &term.slug,
            permalink: absolute_url(site, &url),
            feed: feed_dirs
                .contains(term.path.as_str())
                .then(|| format!("{url}atom.xml")),
            url,
            count: term.pages.len(),
        }
    }
}

/// The folders that have a feed, to tell which terms have one.
pub fn feed_dirs(feeds: &[Feed]) -> HashSet<&str> {
    feeds.iter().map(|f| f.dir.as_str()).collect()
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

/// `page.resource`: the `[resource]` table as written, plus what a download card
/// needs (see [`ResourceView::new`]).
#[derive(Debug, Serialize)]
pub struct ResourceView {
    /// The table as written (dates as text), but for the four fields below.
    #[serde(flatten)]
    pub written: serde_json::Map<String, serde_json::Value>,
    /// The file's URL: co-located files resolved, web addresses kept.
    pub url: Option<String>,
    /// As written, else the file's extension in capitals (`PDF`).
    pub format: Option<String>,
    /// Bytes of a co-located file (as the source stage listed it); none for a web
    /// address.
    pub size: Option<u64>,
    /// True for a web address.
    pub external: bool,
}

impl ResourceView {
    /// The view of `page`'s `resource`: its file found among the site's assets.
    pub fn new(site: &Site, page: &Page, resource: &Resource) -> ResourceView {
        let mut written = match table_to_json(&resource.fields) {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        for key in ["url", "format", "size", "external"] {
            written.remove(key);
        }
        let url = resource
            .file
            .as_deref()
            .map(|f| super::urls::resolve_asset(site, page, f));
        let size = url
            .as_deref()
            .filter(|_| !resource.external)
            .and_then(|url| {
                site.assets
                    .iter()
                    .find(|a| site.url(&format!("/{}", a.output)) == url)
                    .map(|a| a.source.size)
            });
        ResourceView {
            written,
            url,
            format: resource.format.clone(),
            size,
            external: resource.external,
        }
    }
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
    pub cover_image: Option<ImageInfo>,
    /// Absolute URL of the cover (`og:image`).
    pub cover_permalink: Option<String>,
    /// Root-relative URL of the cover's 300×300 square cut: the image WeChat's
    /// in-app browser takes for the share card (`partials/share-image.html`).
    pub share_image: Option<String>,
    /// `description`, else the summary as plain text, at most 120 characters (`…` when
    /// cut): for `<meta name="description">`
    /// and share cards.
    pub meta_description: String,
    /// Terms per taxonomy: the shared value of each term's [`TermView`].
    pub taxonomies: BTreeMap<&'a str, Vec<Value>>,
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
    /// Sections from home to parent, for breadcrumbs: shared [`LinkView`] values.
    pub ancestors: Vec<Value>,
    /// Previous page in the section's order (its shared [`LinkView`] value).
    pub earlier: Option<Value>,
    /// Next page in the section's order.
    pub later: Option<Value>,
    /// Table of contents: an empty list in the summary value; the full value
    /// ([`super::values::PageValues::full`]) puts the headings in.
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
    /// `[resource]`: see [`ResourceView`].
    pub resource: Option<ResourceView>,
    /// URL of the page's QR code (`qr.svg`, events and trainings only).
    pub qr: Option<String>,
    /// `[extra]` as written.
    pub extra: serde_json::Value,
    /// The HTML above `<!-- more -->` (none without the marker), its relative links
    /// made to work from other pages: a safe string.
    pub summary: Option<Value>,
}

/// Serializes any list as an empty one: the table of contents keeps its place in the
/// summary value, so putting it in the full value does not grow the map.
fn empty_list<S: serde::Serializer, T>(_: &T, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    serializer.serialize_seq(Some(0))?.end()
}

/// A page's cover: its URL, its image and its absolute URL for share cards.
struct Cover {
    url: Option<String>,
    image: Option<ImageInfo>,
    permalink: Option<String>,
}

impl Cover {
    fn of(site: &Site, page: &Page, images: &Images) -> Cover {
        // A file name with spaces (`活动 照片 1.jpg`) is encoded, so that `src`,
        // `og:image` and the lists carry valid URLs; an outside address is kept.
        let url = page.doc.cover.as_deref().map(|c| {
            let url = super::urls::resolve_asset(site, page, c);
            if url.contains("://") || url.starts_with("//") {
                url
            } else {
                crate::escape::url_path(&url)
            }
        });
        let image = url
            .as_deref()
            .and_then(|c| images.find(c, &page.url))
            .cloned();
        // Share cards get a cleaned copy of a suitable size, never the original.
        let permalink = url.as_deref().map(|c| {
            let shared = image.as_ref().map_or(c, |i| i.share.as_str());
            absolute_url(site, shared)
        });
        Cover {
            url,
            image,
            permalink,
        }
    }
}

/// The values every page's view shares: each page as a [`LinkView`] by page index,
/// each [`TermView`] by taxonomy and term index.
#[derive(Clone, Copy)]
pub struct Shared<'s> {
    /// By page index.
    pub links: &'s [Value],
    /// By taxonomy index, then term index.
    pub terms: &'s [Vec<Value>],
}

/// What an event, venue or organizer page shows of its place in the calendar.
type Calendar = (
    Option<super::event_view::EventView>,
    Option<super::place_view::VenueView>,
    Option<super::place_view::OrganizerView>,
);

impl<'a> PageView<'a> {
    /// The view of `page` of `site`, with the `shared` link and term values.
    pub fn new(site: &'a Site, page: &'a Page, images: &Images, shared: Shared) -> PageView<'a> {
        let cover = Cover::of(site, page, images);
        let (event, venue, organizer) = calendar(site, page, cover.permalink.as_deref());
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
            event,
            venue,
            organizer,
            cover: cover.url,
            cover_image: cover.image,
            cover_permalink: cover.permalink,
            share_image: images.cut_url(site, &super::images::share_path(page)),
            meta_description: meta_description(page),
            taxonomies: page_terms(site, page)
                .into_iter()
                .map(|(name, terms)| {
                    (
                        name,
                        terms
                            .iter()
                            .map(|&(x, y)| shared.terms[x][y].clone())
                            .collect(),
                    )
                })
                .collect(),
            draft: page.doc.draft,
            word_count: page.word_count,
            reading_time: page.reading_time,
            assets: assets(page),
            translations: translations(site, page),
            ancestors: page
                .ancestors
                .iter()
                .map(|&i| shared.links[i].clone())
                .collect(),
            earlier: page.earlier.map(|i| shared.links[i].clone()),
            later: page.later.map(|i| shared.links[i].clone()),
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
                .map(|r| ResourceView::new(site, page, r)),
            qr: super::qr::url_for(page),
            extra: table_to_json(&page.doc.extra),
            summary: summary(page, images).map(|s| Value::safe_string(&s)),
        }
    }
}

/// `page.event`, `page.venue` and `page.organizer`: what the calendar holds for the
/// page; `image` is the cover's absolute URL (the event's JSON-LD shows it).
fn calendar(site: &Site, page: &Page, image: Option<&str>) -> Calendar {
    let Some(index) = site.by_rel.get(&page.doc.rel).copied() else {
        return (None, None, None);
    };
    let event = site.event(index).map(|e| {
        super::event_view::event_view(
            site,
            page,
            (e, site.places.of_event.get(&index)),
            site.calendar.pages.get(&index),
            image,
        )
    });
    let place = |kind| page.kind == kind && !page.doc.is_section;
    let venue =
        place(crate::content::Kind::Venue).then(|| super::place_view::venue_view(site, index));
    let organizer = place(crate::content::Kind::Organizer)
        .then(|| super::place_view::organizer_view(site, index));
    (event, venue, organizer)
}

/// `description`, else the summary as plain text, cut to [`crate::text::DESCRIPTION_LIMIT`]
/// characters for share cards.
fn meta_description(page: &Page) -> String {
    let text = match &page.doc.description {
        Some(d) => d.clone(),
        None => page.summary.as_deref().map(plain_text).unwrap_or_default(),
    };
    crate::text::shorten(&text, crate::text::DESCRIPTION_LIMIT)
}

/// The co-located files of a bundle, with their URLs.
fn assets(page: &Page) -> Vec<AssetView> {
    page.assets
        .iter()
        .map(|a| AssetView {
            name: a.clone(),
            url: format!("{}{a}", page.url),
        })
        .collect()
}

/// The other language versions of a page.
fn translations<'a>(site: &'a Site, page: &'a Page) -> Vec<TranslationView<'a>> {
    page.translations
        .iter()
        .map(|(lang, i)| TranslationView {
            lang,
            title: &site.pages[*i].doc.title,
            url: &site.pages[*i].url,
            permalink: &site.pages[*i].permalink,
        })
        .collect()
}

/// The summary's HTML as other pages show it: `#x` and bundle-relative URLs keep
/// pointing at the page, images get their sizes.
fn summary(page: &Page, images: &Images) -> Option<String> {
    let summary = page.summary.as_ref()?;
    let fixed = urls::rewrite(summary, &|v| urls::resolve_relative(v, &page.url));
    Some(images::rewrite_html(&fixed, &page.url, images).into_owned())
}

/// The terms of a page per taxonomy (`page.taxonomies`), each as the index of its
/// taxonomy in the site's list and of the term in it.
pub fn page_terms<'a>(site: &'a Site, page: &'a Page) -> BTreeMap<&'a str, Vec<(usize, usize)>> {
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
                .filter_map(|term| Some((x, term_index(taxonomy, term)?)))
                .collect();
            Some((name.as_str(), terms))
        })
        .collect()
}

/// The index of the term a spelling leads to.
fn term_index(taxonomy: &Taxonomy, spelling: &String) -> Option<usize> {
    taxonomy
        .terms
        .iter()
        .position(|t| t.spellings.contains(spelling))
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
                url: site.url(urls::SEARCH_PATH),
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
