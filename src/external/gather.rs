//! The outside addresses of the content and where each is written: the Markdown
//! links and images of every page, and the front-matter values that are web
//! addresses (`registration`, `online`, a `cover` on another site…). Addresses on the
//! site's own domain are left out: the build checks those.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::content::front_matter;
use crate::diag::line_col;
use crate::markdown::LinkKind;
use crate::site::{Site, Texts};

/// Where an address is written: file, line and column of its first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The content file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// Every outside http(s) address of the pages (their `texts` for the places), each
/// with the places it is written, in the order of the addresses (the fragment, `#…`,
/// left out: a server never sees it).
pub fn outside_links(site: &Site, texts: &Texts) -> BTreeMap<String, Vec<Place>> {
    let own = own_origin(site);
    let mut links: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let mut add = |url: &str, place: Place| {
        let url = url.split('#').next().unwrap_or(url);
        if is_outside(url, &own) {
            links.entry(url.to_string()).or_default().push(place);
        }
    };
    for (i, page) in site.pages.iter().enumerate() {
        let (doc, text) = (&page.doc, texts.of(i));
        for w in &page.content.written {
            if w.kind == LinkKind::Spaced {
                continue;
            }
            let (line, col) = line_col(&text.body, w.offset);
            add(
                &w.dest,
                Place {
                    path: doc.source.clone(),
                    line: line + doc.body_line - 1,
                    col,
                },
            );
        }
        for written in front_matter::web_addresses(&text.front_matter) {
            add(
                &written.url,
                Place {
                    path: doc.source.clone(),
                    line: written.line,
                    col: written.col,
                },
            );
        }
    }
    links
}

/// The scheme and host of the site (`https://kepu.example.org`), lower case.
fn own_origin(site: &Site) -> String {
    let base = &site.config.base_url;
    base.strip_suffix(site.url_prefix.as_str())
        .unwrap_or(base)
        .to_ascii_lowercase()
}

/// An http(s) address of another site.
fn is_outside(url: &str, own: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return false;
    }
    let rest = lower.strip_prefix(own).filter(|_| !own.is_empty());
    !rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_domain_is_not_outside() {
        let own = "https://kepu.example.org";
        assert!(!is_outside("https://kepu.example.org/x/", own));
        assert!(!is_outside("HTTPS://kepu.example.org", own));
        assert!(is_outside("https://kepu.example.org.cn/", own));
        assert!(is_outside("http://www.gov.cn/", own));
        assert!(!is_outside("mailto:a@b.c", own));
        assert!(!is_outside("/events/", own));
    }
}
