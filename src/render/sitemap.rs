//! `/sitemap.xml` (sitemaps.org 0.9): every indexable HTML page with its `lastmod`
//! and, for translated pages, `xhtml:link` alternates per language. Above 50,000 URLs
//! (the protocol's limit per file) the URLs go to `sitemap1.xml`, `sitemap2.xml` …
//! and `/sitemap.xml` becomes a sitemap index.
//!
//! Listed: pages and sections in every language, the further pages of paginated
//! sections, taxonomy lists and term pages. Not listed: redirects, `404.html`.

use rayon::prelude::*;

use super::pager;
use super::urls::absolute_url;
use super::{File, Rendering};
use crate::escape::xml as escape;
use crate::locale::rfc3339;
use crate::site::{Page, Site, Taxonomy};

/// The protocol's limit of URLs per sitemap file.
const MAX_URLS: usize = 50_000;

/// One `<url>`.
struct Entry {
    loc: String,
    lastmod: Option<String>,
    /// (language code, absolute URL), the page itself included, when it has translations.
    alternates: Vec<(String, String)>,
}

/// Writes `/sitemap.xml` (and its parts, for big sites), at [`paths`].
pub fn sitemap(r: &Rendering) -> Vec<File> {
    let entries = entries(r.site);
    // `count` must follow `entries`.
    debug_assert_eq!(entries.len(), count(r.site));
    split(r.site, entries, MAX_URLS)
}

/// The paths [`sitemap`] writes, known without making its entries: the plan lists
/// them and makes the files when first read.
pub fn paths(site: &Site) -> Vec<String> {
    let count = count(site);
    if count <= MAX_URLS {
        return vec!["sitemap.xml".to_string()];
    }
    (1..=count.div_ceil(MAX_URLS))
        .map(|n| format!("sitemap{n}.xml"))
        .chain(std::iter::once("sitemap.xml".to_string()))
        .collect()
}

/// How many entries [`entries`] makes (a debug assertion in [`sitemap`] checks it).
fn count(site: &Site) -> usize {
    let pages: usize = site
        .pages
        .iter()
        .map(|page| match &page.section {
            Some(section) => section.paginate_by.map_or(1, |per_page| {
                1 + pager::count(section.pages.len(), per_page).saturating_sub(1)
            }),
            None => 1,
        })
        .sum();
    let taxonomies: usize = site
        .taxonomies
        .iter()
        .filter(|t| !t.terms.is_empty())
        .map(|taxonomy| {
            let terms: usize = taxonomy
                .terms
                .iter()
                .map(|term| {
                    taxonomy
                        .paginate_by
                        .map_or(1, |per_page| pager::count(term.pages.len(), per_page))
                })
                .sum();
            1 + terms
        })
        .sum();
    let months = &site.calendar.months;
    let calendar = if months.is_empty() {
        0
    } else {
        let mut years: Vec<i16> = months.iter().map(|m| m.year).collect();
        years.dedup();
        1 + years.len() + months.len()
    };
    pages + taxonomies + calendar
}

/// Last change of a page; for a section, also of the newest page it lists.
fn lastmod(site: &Site, page: &Page) -> Option<String> {
    let own = page.doc.updated.as_ref().or(page.doc.date.as_ref());
    let listed = page
        .section
        .iter()
        .flat_map(|s| s.pages.iter())
        .filter_map(|&i| {
            let p = &site.pages[i];
            p.doc.updated.as_ref().or(p.doc.date.as_ref())
        });
    own.into_iter()
        .chain(listed)
        .max_by_key(|d| d.timestamp())
        .map(rfc3339)
}

/// Every entry of the sitemap: the pages, the taxonomies, the calendar.
fn entries(site: &Site) -> Vec<Entry> {
    // Pages in parallel (each page's `lastmod` is formatted text), kept in order.
    let mut entries: Vec<Entry> = site
        .pages
        .par_iter()
        .flat_map_iter(|page| page_entries(site, page))
        .collect();
    for taxonomy in site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
        taxonomy_entries(site, taxonomy, &mut entries);
    }
    calendar_entries(site, &mut entries);
    entries
}

/// The newest `date` among `pages`, as `lastmod`.
fn newest(site: &Site, pages: &[usize]) -> Option<String> {
    pages
        .iter()
        .filter_map(|&i| site.pages[i].doc.date.as_ref())
        .max_by_key(|d| d.timestamp())
        .map(rfc3339)
}

/// The entries of a taxonomy: its list of terms, then every page of each term.
fn taxonomy_entries(site: &Site, taxonomy: &Taxonomy, entries: &mut Vec<Entry>) {
    let all: Vec<usize> = taxonomy
        .terms
        .iter()
        .flat_map(|t| t.pages.clone())
        .collect();
    entries.push(Entry {
        loc: absolute_url(site, &site.url(&taxonomy.path)),
        lastmod: newest(site, &all),
        alternates: Vec::new(),
    });
    for term in &taxonomy.terms {
        let pages = taxonomy
            .paginate_by
            .map_or(1, |per_page| pager::count(term.pages.len(), per_page));
        let lastmod = newest(site, &term.pages);
        for n in 1..=pages {
            entries.push(Entry {
                loc: absolute_url(site, &site.url(&pager::page_path(&term.path, n))),
                lastmod: lastmod.clone(),
                alternates: Vec::new(),
            });
        }
    }
}

/// The calendar: its entry page, each year and each month.
fn calendar_entries(site: &Site, entries: &mut Vec<Entry>) {
    let months = &site.calendar.months;
    if months.is_empty() {
        return;
    }
    let page = |path: String| Entry {
        loc: absolute_url(site, &site.url(&path)),
        lastmod: None,
        alternates: Vec::new(),
    };
    entries.push(page("/calendar/".to_string()));
    let mut years: Vec<i16> = months.iter().map(|m| m.year).collect();
    years.dedup();
    entries.extend(
        years
            .into_iter()
            .map(|y| page(format!("/calendar/{y:04}/"))),
    );
    entries.extend(months.iter().map(|m| page(m.path())));
}

/// The entries of a page: itself, and the further pages of a paginated section.
fn page_entries(site: &Site, page: &Page) -> Vec<Entry> {
    let lastmod = lastmod(site, page);
    let alternates = if page.translations.is_empty() {
        Vec::new()
    } else {
        std::iter::once((page.doc.lang.clone(), page.permalink.clone()))
            .chain(
                page.translations
                    .iter()
                    .map(|(lang, i)| (lang.clone(), site.pages[*i].permalink.clone())),
            )
            .collect()
    };
    let mut entries = vec![Entry {
        loc: page.permalink.clone(),
        lastmod: lastmod.clone(),
        alternates,
    }];
    if let Some(section) = &page.section
        && let Some(per_page) = section.paginate_by
    {
        for n in 2..=pager::count(section.pages.len(), per_page) {
            entries.push(Entry {
                loc: absolute_url(site, &pager::page_path(&page.url, n)),
                lastmod: lastmod.clone(),
                alternates: Vec::new(),
            });
        }
    }
    entries
}

/// `/sitemap.xml` alone, or an index over parts of at most `max` URLs each.
fn split(site: &Site, entries: Vec<Entry>, max: usize) -> Vec<File> {
    if entries.len() <= max {
        return vec![("sitemap.xml".to_string(), urlset(&entries).into_bytes())];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(max).enumerate() {
        let name = format!("sitemap{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n",
            escape(&absolute_url(site, &site.url(&name)))
        ));
        if let Some(newest) = chunk.iter().filter_map(|e| e.lastmod.as_ref()).max() {
            index.push_str(&format!("    <lastmod>{newest}</lastmod>\n"));
        }
        index.push_str("  </sitemap>\n");
        files.push((name, urlset(chunk).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index.into_bytes()));
    files
}

fn urlset(entries: &[Entry]) -> String {
    let mut x = String::with_capacity(entries.len() * 160 + 256);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let parts: Vec<String> = entries.par_chunks(1024).map(urls).collect();
    for part in parts {
        x.push_str(&part);
    }
    x.push_str("</urlset>\n");
    x
}

/// The `<url>` elements of `entries`.
fn urls(entries: &[Entry]) -> String {
    let mut x = String::with_capacity(entries.len() * 160);
    for e in entries {
        x.push_str("  <url>\n    <loc>");
        x.push_str(&escape(&e.loc));
        x.push_str("</loc>\n");
        if let Some(lastmod) = &e.lastmod {
            x.push_str("    <lastmod>");
            x.push_str(lastmod);
            x.push_str("</lastmod>\n");
        }
        for (lang, href) in &e.alternates {
            x.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            x.push_str(&escape(lang));
            x.push_str("\" href=\"");
            x.push_str(&escape(href));
            x.push_str("\"/>\n");
        }
        x.push_str("  </url>\n");
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_sitemaps_become_an_index() {
        let config =
            crate::config::Config::parse("title = \"t\"\nbase_url = \"https://a.org\"\n").unwrap();
        let mut diags = crate::diag::Diagnostics::new();
        let (site, _) = Site::assemble(
            config,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            crate::site::Publishing {
                now: jiff::Timestamp::UNIX_EPOCH,
                drafts: false,
            },
            &[],
            None,
            &mut diags,
        );
        let entries: Vec<Entry> = (0..5)
            .map(|n| Entry {
                loc: format!("https://a.org/{n}/"),
                lastmod: Some(format!("2018-01-0{}T00:00:00+08:00", n + 1)),
                alternates: Vec::new(),
            })
            .collect();
        let files = split(&site, entries, 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap1.xml",
                "sitemap2.xml",
                "sitemap3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(files[3].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains(
            "<loc>https://a.org/sitemap2.xml</loc>\n    <lastmod>2018-01-04T00:00:00+08:00</lastmod>"
        ));
    }
}
