//! The theme contract: what templates see. Typed, borrowed views of the site model,
//! turned into Tera values once per build and shared by every render.
//!
//! Each page becomes two values: a summary (for lists: no body) and the full page (with
//! `content` and `toc`). Both are built once; list pages reuse the summaries, so a
//! section of 1,000 pages costs 1,000 cheap clones, not 1,000 serializations.
//! Documented for theme authors in `docs/templates.md`.

use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::markdown::Heading;
use crate::site::{Page, Site};
use crate::text::WordCount;

/// A link to another page: enough for breadcrumbs and previous/next.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    /// Its title.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
}

/// A term of a page.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// The term as written.
    pub name: &'a str,
    /// URL of the term page.
    pub url: String,
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
    /// Terms per taxonomy, each with its URL.
    pub taxonomies: std::collections::BTreeMap<&'a str, Vec<TermView<'a>>>,
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
    /// Table of contents (full view only).
    pub toc: &'a [Heading],
    /// `[event]` as written (dates as RFC 3339 text).
    pub event: Option<serde_json::Value>,
    /// `[training]` as written.
    pub training: Option<serde_json::Value>,
    /// `[resource]` as written.
    pub resource: Option<serde_json::Value>,
    /// `[extra]` as written.
    pub extra: serde_json::Value,
}

impl<'a> PageView<'a> {
    /// The view of page `index` of `site`.
    pub fn new(site: &'a Site, page: &'a Page) -> PageView<'a> {
        let link = |i: usize| LinkView {
            title: &site.pages[i].doc.title,
            url: &site.pages[i].url,
        };
        let taxonomies = page
            .doc
            .taxonomies
            .iter()
            .filter_map(|(name, list)| {
                let taxonomy = site
                    .taxonomies
                    .iter()
                    .find(|t| &t.name == name && t.lang == page.doc.lang)?;
                let terms = list
                    .terms
                    .iter()
                    .filter_map(|term| {
                        let t = taxonomy.terms.iter().find(|t| &t.name == term)?;
                        Some(TermView {
                            name: &t.name,
                            url: site.url(&t.path),
                        })
                    })
                    .collect();
                Some((name.as_str(), terms))
            })
            .collect();
        PageView {
            title: &page.doc.title,
            description: page.doc.description.as_deref(),
            date: page.doc.date.as_ref().map(|d| {
                d.timestamp()
                    .to_zoned_datetime(d.time_zone().clone())
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string()
            }),
            updated: page
                .doc
                .updated
                .as_ref()
                .map(|d| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()),
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
            cover: page
                .doc
                .cover
                .as_deref()
                .map(|c| resolve_asset(site, page, c)),
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
                })
                .collect(),
            ancestors: page.ancestors.iter().map(|&i| link(i)).collect(),
            earlier: page.earlier.map(link),
            later: page.later.map(link),
            toc: &page.content.toc,
            event: page.doc.event.as_ref().map(table_to_json),
            training: page.doc.training.as_ref().map(table_to_json),
            resource: page.doc.resource.as_ref().map(table_to_json),
            extra: table_to_json(&page.doc.extra),
        }
    }
}

/// The two Tera values of a page: for lists, and whole.
pub struct PageValues {
    /// Without `content` and `toc`; `summary` is the part above `<!-- more -->`.
    pub summary: Value,
    /// Everything.
    pub full: Value,
}

/// Builds both values of a page.
pub fn page_values(site: &Site, page: &Page) -> PageValues {
    let view = PageView::new(site, page);
    let mut map = Value::from_serializable(&view)
        .into_map()
        .unwrap_or_default();
    if let Some(summary) = &page.content.summary {
        map.insert("summary".into(), Value::safe_string(summary));
    } else {
        map.insert("summary".into(), Value::none());
    }
    map.insert("toc".into(), Value::from(Vec::<Value>::new()));
    let summary = Value::from(map.clone());
    map.insert("content".into(), Value::safe_string(&page.content.html));
    map.insert("toc".into(), Value::from_serializable(&page.content.toc));
    PageValues {
        summary,
        full: Value::from(map),
    }
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
        let config: &Config = &site.config;
        ConfigView {
            title: &config.title,
            base_url: &config.base_url,
            language: &config.language,
            timezone: &config.timezone_name,
            description: &config.description,
            author: config.author.as_deref(),
            menu: config
                .menu
                .iter()
                .map(|m| MenuView {
                    name: &m.name,
                    url: match m.url.strip_prefix("@/") {
                        Some(rel) => site
                            .page(rel)
                            .map_or_else(|| m.url.clone(), |p| p.url.clone()),
                        None => site.url(&m.url),
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
        }
    }
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
