//! URLs of the rendered site: the absolute URL of a site path ([`absolute_url`], for
//! permalinks, feeds, sitemaps, robots.txt), and the rewriting of the URLs inside
//! rendered HTML (`href`, `src`, `poster`), so that a page's content still links right
//! when shown elsewhere: its summary on a list page, its content in a feed read on
//! another host.
//!
//! Used by the views (summaries), `feeds` (absolute URLs) and every output that
//! writes an absolute URL. The HTML comes from
//! our Markdown renderer, plus whatever raw HTML an editor wrote; only quoted
//! attribute values inside tags are touched, text is never changed.

use crate::site::{Page, Site};
use crate::text::tag_end;

/// The site path of the search page (`config.search.url`, the page itself).
pub const SEARCH_PATH: &str = "/search/";

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

/// Calls `map` on every `href`, `src` and `poster` value; `Some(new)` replaces it.
pub fn rewrite(html: &str, map: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(rest.len(), |i| i + 4 + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = tag_end(rest);
        out.push_str(&rewrite_tag(&rest[..end], map));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The first URL attribute (`href=`, `src=`, `poster=`) of a tag: where its name
/// starts and the length of `name=`.
fn first_url_attribute(rest: &str) -> Option<(usize, usize)> {
    ["href=", "src=", "poster="]
        .iter()
        .filter_map(|name| {
            let mut from = 0;
            // The attribute name must follow white space (not `data-src=`).
            while let Some(i) = rest[from..].find(name) {
                let at = from + i;
                if rest[..at].ends_with(char::is_whitespace) {
                    return Some((at, name.len()));
                }
                from = at + name.len();
            }
            None
        })
        .min()
}

/// A tag with the value of each of its URL attributes mapped by `map` (kept where
/// `map` gives `None`).
fn rewrite_tag(tag: &str, map: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    loop {
        let Some((at, name_len)) = first_url_attribute(rest) else {
            out.push_str(rest);
            return out;
        };
        let value_start = at + name_len;
        let Some(quote) = rest[value_start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            out.push_str(&rest[..value_start]);
            rest = &rest[value_start..];
            continue;
        };
        let inner = value_start + 1;
        let Some(len) = rest[inner..].find(quote) else {
            out.push_str(rest);
            return out;
        };
        let value = &rest[inner..inner + len];
        out.push_str(&rest[..inner]);
        match map(value) {
            Some(new) => {
                out.push_str(&new.replace(quote, if quote == '"' { "&quot;" } else { "&#39;" }))
            }
            None => out.push_str(value),
        }
        rest = &rest[inner + len..];
    }
}

/// Where a URL written in a page points, given the page's own URL (`/news/a/`, ending in
/// `/`): `#x` → `/news/a/#x`, `poster.jpg` → `/news/a/poster.jpg`; root-relative and
/// absolute URLs, and `mailto:`-like ones, are returned as `None` (unchanged).
pub fn resolve_relative(value: &str, page_url: &str) -> Option<String> {
    if value.is_empty() || value.starts_with('/') || has_scheme(value) {
        return None;
    }
    if value.starts_with('#') {
        return Some(format!("{page_url}{value}"));
    }
    Some(format!("{page_url}{}", value.trim_start_matches("./")))
}

/// The absolute form of a URL written in a page whose absolute URL is `permalink`:
/// relative ones resolved against it, root-relative ones against `origin`
/// (`https://host`, without the base URL's path, which root-relative URLs carry).
pub fn absolute(value: &str, permalink: &str, origin: &str) -> Option<String> {
    if value.starts_with("//") || has_scheme(value) {
        return None;
    }
    if value.starts_with('/') {
        return Some(format!("{origin}{value}"));
    }
    resolve_relative(value, permalink)
}

/// The absolute form of a root-relative URL (`/kepu/a.png` → `https://host/kepu/a.png`).
pub fn absolute_url(site: &Site, url: &str) -> String {
    absolute(url, &site.config.base_url, &origin(site)).unwrap_or_else(|| url.to_string())
}

/// Scheme and host of the base URL, without its path (`https://host`).
pub fn origin(site: &Site) -> String {
    let base = &site.config.base_url;
    base.strip_suffix(site.url_prefix.as_str())
        .unwrap_or(base)
        .to_string()
}

/// `https:`, `mailto:`, `tel:`, `data:` …: a scheme before any `/`, `?` or `#`.
fn has_scheme(value: &str) -> bool {
    match value.find(':') {
        Some(i) => {
            let scheme = &value[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_urls_become_absolute() {
        let html = "<p><a href=\"/kepu/about/\">关于</a> <img src=\"poster.svg\" alt=\"海报\"> \
                    <a href=\"#benefits\">权益</a> <a href=\"mailto:a@b.org\">信</a> \
                    <a data-src=\"/x\" href='https://other.org/'>外</a> href=\"/text\"</p>";
        let out = rewrite(html, &|v| {
            absolute(v, "https://h.org/kepu/news/a/", "https://h.org")
        });
        assert_eq!(
            out,
            "<p><a href=\"https://h.org/kepu/about/\">关于</a> \
             <img src=\"https://h.org/kepu/news/a/poster.svg\" alt=\"海报\"> \
             <a href=\"https://h.org/kepu/news/a/#benefits\">权益</a> <a href=\"mailto:a@b.org\">信</a> \
             <a data-src=\"/x\" href='https://other.org/'>外</a> href=\"/text\"</p>"
        );
    }

    #[test]
    fn summary_urls_follow_the_page() {
        let out = rewrite("<a href=\"#x\">x</a><img src=\"a.png\">", &|v| {
            resolve_relative(v, "/news/a/")
        });
        assert_eq!(
            out,
            "<a href=\"/news/a/#x\">x</a><img src=\"/news/a/a.png\">"
        );
    }
}
