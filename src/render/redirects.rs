//! `/_redirects`: the aliases (and `/page/1/` of paginated lists) as permanent
//! redirects in the format Netlify and Cloudflare Pages read (`/old/ /new/ 301`).
//! Hosts that don't read it still have the redirect pages `html` writes at each alias;
//! an alias with a query (`/?p=12`, from a WordPress import) is only here, in Netlify's
//! query form (`/ p=12 /news/x/ 301`).

use super::Rendering;
use super::pager;
use crate::site::Site;

/// Where the redirects go.
const PATH: &str = "_redirects";

/// Writes `/_redirects`, when there is anything to redirect.
pub fn redirects(r: &Rendering) -> Option<(String, Vec<u8>)> {
    let made = lines(r.site);
    debug_assert_eq!(!made.is_empty(), path(r.site).is_some(), "redirects::path");
    if made.is_empty() {
        return None;
    }
    let mut text = made.join("\n");
    text.push('\n');
    Some((PATH.to_string(), text.into_bytes()))
}

/// The path [`redirects`] writes, when it writes one, known without making its
/// lines: the plan lists it and makes the file when first read.
pub fn path(site: &Site) -> Option<&'static str> {
    let pages = site.pages.iter().any(|page| {
        !page.doc.aliases.is_empty()
            || page
                .section
                .as_ref()
                .is_some_and(|s| s.paginate_by.is_some())
    });
    let terms = site
        .taxonomies
        .iter()
        .any(|t| t.paginate_by.is_some() && !t.terms.is_empty());
    (pages || terms).then_some(PATH)
}

/// The redirect lines, sorted, without repeats.
fn lines(site: &Site) -> Vec<String> {
    let mut lines = Vec::new();
    for page in &site.pages {
        for alias in &page.doc.aliases {
            lines.push(match alias.path.split_once('?') {
                // Netlify's query match: `/ p=12 /news/x/ 301`.
                Some((path, query)) => {
                    format!(
                        "{} {} {} 301",
                        site.url(path),
                        query.replace('&', " "),
                        page.url
                    )
                }
                None => format!("{} {} 301", site.url(&alias.path), page.url),
            });
        }
        if page
            .section
            .as_ref()
            .is_some_and(|s| s.paginate_by.is_some())
        {
            lines.push(format!("{}page/1/ {} 301", page.url, page.url));
        }
    }
    for taxonomy in site.taxonomies.iter().filter(|t| t.paginate_by.is_some()) {
        for term in &taxonomy.terms {
            let url = site.url(&term.path);
            lines.push(format!("{}page/1/ {} 301", url, pager::page_path(&url, 1)));
        }
    }
    lines.sort();
    lines.dedup();
    lines
}
