//! Atom (RFC 4287) and RSS 2.0 feeds: one pair for the site in each language
//! (`/atom.xml`, `/rss.xml`, `/en/atom.xml` …), one per section with dated pages
//! (`/news/atom.xml`), one per term of a taxonomy with `feed = true`
//! (`/tags/ke-pu/atom.xml`).
//!
//! One output format, one module: [`plan`] decides which feeds exist (the HTML pages
//! link to them with `<link rel="alternate">`, see [`links`]), [`files`] writes one.
//! Entries are the dated pages, newest first, at most `[feeds] limit`; each carries its
//! summary or, with `full_content = true`, the whole page, with every URL inside made
//! absolute so that it works in a feed reader. The XML is written by hand: the format
//! is small and fixed, and every text goes through [`escape`].

use jiff::ZonedDateTime;

use super::urls;
use super::{File, Rendering};
use crate::escape::xml as escape;
use crate::locale::rfc3339;
use crate::site::{Page, Site};

/// A feed the site has.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The folder the feed files are in, a site path (`/news/`).
    pub dir: String,
    /// Feed title.
    pub title: String,
    /// Feed description.
    pub description: String,
    /// Language code.
    pub lang: String,
    /// Root-relative URL of the HTML page the feed belongs to.
    pub page_url: String,
    /// Entries (page indices), newest first, at most the limit.
    pub entries: Vec<usize>,
}

/// A `<link rel="alternate">` to a feed, for templates (`feeds`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLink {
    /// Title of the feed.
    pub title: String,
    /// Root-relative URL of the feed file.
    pub url: String,
    /// `application/atom+xml` or `application/rss+xml`.
    #[serde(rename = "type")]
    pub mime: &'static str,
}

/// Which feeds the site has: the site feed per language, then sections, then terms.
pub fn plan(site: &Site) -> Vec<Feed> {
    let mut feeds = site_feeds(site);
    feeds.extend(section_feeds(site));
    feeds.extend(term_feeds(site));
    feeds
}

/// The dated pages among `pages` in `lang`, newest first, at most `[feeds] limit`.
fn dated(site: &Site, pages: &mut dyn Iterator<Item = usize>, lang: &str) -> Vec<usize> {
    let mut list: Vec<usize> = pages
        .filter(|&i| {
            let p = &site.pages[i];
            !p.doc.is_section && p.doc.date.is_some() && p.doc.lang == lang
        })
        .collect();
    list.sort_by_cached_key(|&i| {
        std::cmp::Reverse(site.pages[i].doc.date.as_ref().map(|d| d.timestamp()))
    });
    list.dedup();
    list.truncate(site.config.feeds.limit);
    list
}

/// The feed of the whole site in each language, the default language first.
fn site_feeds(site: &Site) -> Vec<Feed> {
    let mut homes: Vec<(&String, &usize)> = site.homes.iter().collect();
    homes.sort_by_key(|(lang, _)| (**lang != site.config.language, (*lang).clone()));
    let mut feeds = Vec::new();
    for (lang, &home) in homes {
        let (title, description) = site_title(site, lang);
        feeds.push(Feed {
            dir: site.pages[home].path.clone(),
            title: title.to_string(),
            description: description.to_string(),
            lang: lang.clone(),
            page_url: site.pages[home].url.clone(),
            entries: dated(site, &mut (0..site.pages.len()), lang),
        });
    }
    feeds
}

/// The feed of each section below a home that has dated pages.
fn section_feeds(site: &Site) -> Vec<Feed> {
    let mut feeds = Vec::new();
    for page in &site.pages {
        let Some(section) = &page.section else {
            continue;
        };
        if page.parent.is_none() {
            continue;
        }
        let entries = dated(site, &mut section.pages.iter().copied(), &page.doc.lang);
        if entries.is_empty() {
            continue;
        }
        let (site_title, _) = site_title(site, &page.doc.lang);
        feeds.push(Feed {
            dir: page.path.clone(),
            title: format!("{} - {site_title}", page.doc.title),
            description: page.doc.description.clone().unwrap_or_default(),
            lang: page.doc.lang.clone(),
            page_url: page.url.clone(),
            entries,
        });
    }
    feeds
}

/// The feed of each term with dated pages, in the taxonomies with `feed = true`.
fn term_feeds(site: &Site) -> Vec<Feed> {
    let mut feeds = Vec::new();
    for taxonomy in site.taxonomies.iter().filter(|t| t.feed) {
        let (site_title, _) = site_title(site, &taxonomy.lang);
        for term in &taxonomy.terms {
            let entries = dated(site, &mut term.pages.iter().copied(), &taxonomy.lang);
            if entries.is_empty() {
                continue;
            }
            feeds.push(Feed {
                dir: term.path.clone(),
                title: format!("{} - {site_title}", term.name),
                description: String::new(),
                lang: taxonomy.lang.clone(),
                page_url: site.url(&term.path),
                entries,
            });
        }
    }
    feeds
}

/// The site title and description in a language.
fn site_title<'a>(site: &'a Site, lang: &str) -> (&'a str, &'a str) {
    let config = &site.config;
    match config.languages.iter().find(|l| l.code == lang) {
        Some(l) => (
            if l.title.is_empty() {
                &config.title
            } else {
                &l.title
            },
            if l.description.is_empty() {
                &config.description
            } else {
                &l.description
            },
        ),
        None => (&config.title, &config.description),
    }
}

/// The feeds an HTML page at site path `path` in `lang` links to: the site feed of its
/// language, and the feed of `dir` (its section or term) when there is one.
pub fn links(feeds: &[Feed], site: &Site, lang: &str, dir: Option<&str>) -> Vec<FeedLink> {
    let mut links = Vec::new();
    let home = site.homes.get(lang).map(|&h| site.pages[h].path.as_str());
    for feed in feeds {
        let wanted = Some(feed.dir.as_str()) == dir
            || (Some(feed.dir.as_str()) == home && feed.lang == lang);
        if !wanted || links.iter().any(|l: &FeedLink| l.title == feed.title) {
            continue;
        }
        for (name, mime) in [
            ("atom.xml", "application/atom+xml"),
            ("rss.xml", "application/rss+xml"),
        ] {
            links.push(FeedLink {
                title: feed.title.clone(),
                url: site.url(&format!("{}{name}", feed.dir)),
                mime,
            });
        }
    }
    links
}

/// The paths of a planned feed's files, Atom then RSS: known without writing them
/// (see [`files`]), so that the plan lists them and makes them when first read.
pub fn paths(feed: &Feed) -> [String; 2] {
    let dir = feed.dir.trim_start_matches('/');
    [format!("{dir}atom.xml"), format!("{dir}rss.xml")]
}

/// Writes a planned feed, Atom and RSS, at its [`paths`].
pub fn files(r: &Rendering, feed: &Feed) -> Vec<File> {
    let [atom_path, rss_path] = paths(feed);
    let (atom, rss) = rayon::join(|| atom(r.site, feed), || rss(r.site, feed));
    vec![(atom_path, atom.into_bytes()), (rss_path, rss.into_bytes())]
}

/// What an entry shows: its summary (or description), or the whole page, with
/// every URL inside made absolute.
pub fn entry_html(site: &Site, page: &Page) -> Option<String> {
    let html = if site.config.feeds.full_content {
        Some(page.content.html.as_str())
    } else {
        page.summary.as_deref()
    }?;
    let origin = urls::origin(site);
    Some(urls::rewrite(html, &|v| {
        urls::absolute(v, &page.permalink, &origin)
    }))
}

fn rfc2822(d: &ZonedDateTime) -> String {
    jiff::fmt::rfc2822::to_string(d)
        .unwrap_or_else(|_| d.strftime("%a, %d %b %Y %H:%M:%S %z").to_string())
}

/// Last change of a page: `updated`, else `date`.
fn changed(page: &Page) -> Option<&ZonedDateTime> {
    page.doc.updated.as_ref().or(page.doc.date.as_ref())
}

/// The newest change among the entries, else the build time.
fn feed_updated(site: &Site, feed: &Feed) -> ZonedDateTime {
    feed.entries
        .iter()
        .filter_map(|&i| changed(&site.pages[i]))
        .max_by_key(|d| d.timestamp())
        .cloned()
        .unwrap_or_else(|| site.now.to_zoned_datetime(site.config.timezone.clone()))
}

/// The terms of a page, every taxonomy together.
fn categories(page: &Page) -> impl Iterator<Item = &String> {
    page.doc.taxonomies.values().flat_map(|t| t.terms.iter())
}

/// An Atom feed (RFC 4287).
fn atom(site: &Site, feed: &Feed) -> String {
    let mut x = String::with_capacity(4096 + feed.entries.len() * 2048);
    atom_head(site, feed, &mut x);
    for &i in &feed.entries {
        let page = &site.pages[i];
        if let Some(date) = page.doc.date.as_ref() {
            atom_entry(site, page, date, &mut x);
        }
    }
    x.push_str("</feed>\n");
    x
}

/// The opening of an Atom feed: what it is, where it lives, who writes it.
fn atom_head(site: &Site, feed: &Feed, x: &mut String) {
    let self_url = absolute(site, &format!("{}atom.xml", feed.dir));
    let page_url = urls::absolute_url(site, &feed.page_url);
    let author = feed_author(site, feed);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&feed.lang)
    ));
    x.push_str(&format!("  <title>{}</title>\n", escape(&feed.title)));
    if !feed.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&feed.description)
        ));
    }
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&page_url)
    ));
    x.push_str(&format!("  <id>{}</id>\n", escape(&self_url)));
    x.push_str(&format!(
        "  <updated>{}</updated>\n",
        rfc3339(&feed_updated(site, feed))
    ));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&author)
    ));
    x.push_str(&format!(
        "  <generator version=\"{}\">kepu</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
}

/// The author of a feed: `author` of the configuration, else the site's title.
fn feed_author(site: &Site, feed: &Feed) -> String {
    site.config
        .author
        .clone()
        .unwrap_or_else(|| site_title(site, &feed.lang).0.to_string())
}

/// One `<entry>` of an Atom feed: a dated page.
fn atom_entry(site: &Site, page: &Page, date: &ZonedDateTime, x: &mut String) {
    x.push_str("  <entry>\n");
    x.push_str(&format!("    <title>{}</title>\n", escape(&page.doc.title)));
    x.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&page.permalink)
    ));
    x.push_str(&format!("    <id>{}</id>\n", escape(&page.permalink)));
    x.push_str(&format!("    <published>{}</published>\n", rfc3339(date)));
    x.push_str(&format!(
        "    <updated>{}</updated>\n",
        rfc3339(changed(page).unwrap_or(date))
    ));
    for name in &page.doc.authors {
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape(name)
        ));
    }
    for term in categories(page) {
        x.push_str(&format!("    <category term=\"{}\"/>\n", escape(term)));
    }
    atom_content(site, page, x);
    x.push_str("  </entry>\n");
}

/// What an Atom entry shows: with `full_content`, the description as summary and the
/// whole page as content; else the summary in HTML, or the description as text.
fn atom_content(site: &Site, page: &Page, x: &mut String) {
    let html = entry_html(site, page);
    if site.config.feeds.full_content {
        if let Some(d) = &page.doc.description {
            x.push_str(&format!("    <summary>{}</summary>\n", escape(d)));
        }
        if let Some(html) = html {
            x.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                escape(&html)
            ));
        }
    } else if let Some(html) = html {
        x.push_str(&format!(
            "    <summary type=\"html\">{}</summary>\n",
            escape(&html)
        ));
    } else if let Some(d) = &page.doc.description {
        x.push_str(&format!("    <summary>{}</summary>\n", escape(d)));
    }
}

/// An RSS 2.0 feed.
fn rss(site: &Site, feed: &Feed) -> String {
    let mut x = String::with_capacity(4096 + feed.entries.len() * 2048);
    rss_head(site, feed, &mut x);
    for &i in &feed.entries {
        let page = &site.pages[i];
        if let Some(date) = page.doc.date.as_ref() {
            rss_item(site, page, date, &mut x);
        }
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// The opening of an RSS feed, up to its first `<item>`.
fn rss_head(site: &Site, feed: &Feed, x: &mut String) {
    let self_url = absolute(site, &format!("{}rss.xml", feed.dir));
    let page_url = urls::absolute_url(site, &feed.page_url);
    let description = if feed.description.is_empty() {
        &feed.title
    } else {
        &feed.description
    };
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    x.push_str(&format!("  <title>{}</title>\n", escape(&feed.title)));
    x.push_str(&format!("  <link>{}</link>\n", escape(&page_url)));
    x.push_str(&format!(
        "  <description>{}</description>\n",
        escape(description)
    ));
    x.push_str(&format!(
        "  <language>{}</language>\n",
        escape(&feed.lang.to_ascii_lowercase())
    ));
    x.push_str(&format!(
        "  <lastBuildDate>{}</lastBuildDate>\n",
        rfc2822(&feed_updated(site, feed))
    ));
    x.push_str(&format!(
        "  <generator>kepu {}</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    x.push_str(&format!(
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&self_url)
    ));
}

/// One `<item>` of an RSS feed: a dated page.
fn rss_item(site: &Site, page: &Page, date: &ZonedDateTime, x: &mut String) {
    x.push_str("  <item>\n");
    x.push_str(&format!("    <title>{}</title>\n", escape(&page.doc.title)));
    x.push_str(&format!("    <link>{}</link>\n", escape(&page.permalink)));
    x.push_str(&format!(
        "    <guid isPermaLink=\"true\">{}</guid>\n",
        escape(&page.permalink)
    ));
    x.push_str(&format!("    <pubDate>{}</pubDate>\n", rfc2822(date)));
    for term in categories(page) {
        x.push_str(&format!("    <category>{}</category>\n", escape(term)));
    }
    let body = entry_html(site, page).or_else(|| {
        page.doc
            .description
            .as_deref()
            .map(crate::escape::html_text)
    });
    if let Some(body) = body {
        x.push_str(&format!(
            "    <description>{}</description>\n",
            escape(&body)
        ));
    }
    x.push_str("  </item>\n");
}

/// The absolute URL of a site path.
fn absolute(site: &Site, path: &str) -> String {
    urls::absolute_url(site, &site.url(path))
}
