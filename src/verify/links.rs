//! What the link check reads out of HTML and how it resolves a link's target to an
//! output file: the leaf that [`super`], `locate` and `unparsed` all use, so that
//! their imports point one way.

use std::collections::HashSet;

use crate::escape::{decode_entities, percent_decode_lossy};

/// A link that leads nowhere, as found in one HTML file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Broken {
    /// The HTML file (`events/x/index.html`).
    pub file: String,
    /// The URL as the HTML has it, entities decoded.
    pub url: String,
    /// The anchor that the target page lacks; `None`: the target does not exist.
    pub fragment: Option<String>,
}

/// The site path a link target names, seen from the folder `dir` of the HTML file,
/// without the site's sub-path, decoded and without `.` and `..`. `None` for a
/// root-relative link outside the sub-path of a site that has one (`/events/` on a
/// site at `https://user.github.io/assoc/`): it leaves the site.
pub(super) fn site_path(target: &str, dir: &str, prefix: &str) -> Option<String> {
    let path = if target.starts_with('/') {
        if prefix.is_empty() {
            target.to_string()
        } else {
            let rest = target.strip_prefix(prefix)?;
            if !rest.is_empty() && !rest.starts_with('/') {
                return None;
            }
            rest.to_string()
        }
    } else {
        format!("/{dir}/{target}").replace("//", "/")
    };
    Some(normalise(&percent_decode_lossy(&path)))
}

/// The `href`/`src` values of an HTML text.
pub fn attribute_values<'a>(html: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut found = Vec::new();
    for name in names {
        for quote in ['"', '\''] {
            let pattern = format!(" {name}={quote}");
            let mut from = 0;
            while let Some(i) = html[from..].find(&pattern) {
                let start = from + i + pattern.len();
                let Some(len) = html[start..].find(quote) else {
                    break;
                };
                found.push(&html[start..start + len]);
                from = start + len;
            }
        }
    }
    found
}

/// Ids an anchor can target in an HTML page.
pub(super) fn ids(html: &str) -> HashSet<String> {
    attribute_values(html, &["id", "name"])
        .into_iter()
        .map(decode_entities)
        .collect()
}

/// The output file a site URL path names, if any (`exists`: whether the site has a
/// file at an output path).
pub(super) fn resolve_file(exists: &(dyn Fn(&str) -> bool + Sync), path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return exists(&index).then_some(index);
    }
    if exists(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    exists(&index).then_some(index)
}

/// Removes `.` and `..` from a site path (`/a/./b/../c` → `/a/c`).
pub(super) fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = if path.ends_with('/') && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    format!("/{}{trailing}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_are_found_in_both_quotes() {
        let html = "<a href=\"/a/\">x</a><img src='b.png' alt=\"\"><p id=\"活动\">";
        let values = attribute_values(html, &["href", "src"]);
        assert!(values.contains(&"/a/"));
        assert!(values.contains(&"b.png"));
        assert!(ids(html).contains("活动"));
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise("/a/./b/../c"), "/a/c");
        assert_eq!(normalise("/a/b/"), "/a/b/");
        assert_eq!(normalise("/"), "/");
    }

    #[test]
    fn site_paths_drop_the_sub_path_and_decode() {
        let path = |t, d, p| site_path(t, d, p);
        assert_eq!(
            path("/assoc/events/", "x", "/assoc").as_deref(),
            Some("/events/")
        );
        assert_eq!(path("/events/", "x", "/assoc"), None);
        assert_eq!(path("/assocx/", "x", "/assoc"), None);
        assert_eq!(
            path("%E6%B4%BB.jpg", "news/a", "").as_deref(),
            Some("/news/a/活.jpg")
        );
    }
}
