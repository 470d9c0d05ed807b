//! Every link of a finished build, checked: plain links and anchors of the Markdown,
//! co-located files, images, covers, and addresses on the site's own domain (a
//! `registration` or `online` link), wherever they end up in the HTML.
//!
//! Runs in the pipeline after the render, for `build`, `check` and every other caller
//! of [`crate::pipeline::build`], so that what `check` calls an error also stops
//! `build`. Reads the generated HTML (back from the staging folder when `build` has
//! already written it), finds each `href`/`src` that leads nowhere, and hands it to
//! [`locate`], which names the line and the words the editor wrote. Links to other
//! sites are not checked here: that needs the network (`kepu check --external`).

mod links;
mod locate;
mod unparsed;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::escape::{decode_entities, percent_decode_lossy};
use crate::output::Output;
use crate::site::{Site, Texts};
pub use links::{Broken, attribute_values};
use links::{ids, resolve_file, site_path};
pub use unparsed::unparsed_links;

/// What the link check needs of one HTML file: its links and the ids its anchors can
/// target. Made from the HTML text wherever it is (the output, or `serve`'s pages as
/// they are rendered), so that the text itself need not be kept.
#[derive(Debug, Clone)]
pub struct Scanned {
    /// The HTML file (`events/x/index.html`).
    pub file: String,
    /// Every `href` and `src`, entities decoded.
    urls: Vec<String>,
    /// Every `id` and `name`.
    ids: HashSet<String>,
}

impl Scanned {
    /// The links and ids of the HTML text `html` of `file`.
    pub fn of(file: &str, html: &str) -> Scanned {
        Scanned {
            file: file.to_string(),
            urls: attribute_values(html, &["href", "src"])
                .into_iter()
                .map(decode_entities)
                .collect(),
            ids: ids(html),
        }
    }
}

/// Reports every broken internal link of `output` into `diags`. `root` is the site
/// folder, to read a page's Markdown again when the build has let go of the `texts`.
pub fn links(
    (site, texts): (&Site, Option<&Texts>),
    output: &Output,
    root: &Path,
    diags: &mut Diagnostics,
) {
    let paths: Vec<&str> = output.paths().filter(|p| p.ends_with(".html")).collect();
    let scanned: Vec<Scanned> = paths
        .par_iter()
        .filter_map(|file| {
            let bytes = output.generated(file)?;
            let html = std::str::from_utf8(&bytes).ok()?;
            Some(Scanned::of(file, html))
        })
        .collect();
    let exists = |path: &str| output.contains(path);
    report((site, texts), &scanned, &exists, root, diags);
}

/// Reports every broken internal link of the scanned HTML files into `diags`;
/// `exists` tells whether the site has a file at an output path; without the
/// `texts`, a broken link's line is found in the page's file under `root`.
pub fn report(
    (site, texts): (&Site, Option<&Texts>),
    scanned: &[Scanned],
    exists: &(dyn Fn(&str) -> bool + Sync),
    root: &Path,
    diags: &mut Diagnostics,
) {
    let origin = site
        .config
        .base_url
        .strip_suffix(&site.url_prefix)
        .unwrap_or(&site.config.base_url);
    let ids: HashMap<&str, &HashSet<String>> =
        scanned.iter().map(|s| (s.file.as_str(), &s.ids)).collect();
    let mut broken: Vec<Broken> = scanned
        .par_iter()
        .flat_map_iter(|s| broken_links(s, &ids, exists, origin, &site.url_prefix))
        .collect();
    let report = locate::Reporter::new(site, texts, root);
    // A missing cover is the editor's mistake, reported once at its `cover` line, not
    // again for every list that shows it.
    let covers = missing_covers(site, exists);
    let cover_urls: HashSet<String> = covers.iter().map(|(_, _, url)| url.clone()).collect();
    let mut seen = HashSet::new();
    broken.retain(|b| {
        let url = percent_decode_lossy(internal_path(&b.url, origin).unwrap_or(&b.url));
        !cover_urls.contains(&url) && seen.insert((b.file.clone(), b.url.clone()))
    });
    for (i, cover, _) in covers {
        diags.push(report.missing_cover(i, cover));
    }
    for b in &broken {
        diags.push(report.broken(b));
    }
    report.spaced_links(diags);
}

/// The pages whose `cover` names a file of the site that the output does not have:
/// (page index, the cover as written, its site URL decoded). Outside addresses are left to
/// `kepu check --external`.
fn missing_covers<'s>(
    site: &'s Site,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<(usize, &'s str, String)> {
    site.pages
        .iter()
        .enumerate()
        .filter_map(|(i, page)| {
            let cover = page.doc.cover.as_deref()?;
            let url = crate::render::urls::resolve_asset(site, page, cover);
            if url.contains("://") || url.starts_with("//") {
                return None;
            }
            let found =
                site_path(&url, "", &site.url_prefix).and_then(|path| resolve_file(exists, &path));
            found.is_none().then_some((i, cover, url))
        })
        .collect()
}

/// The broken links of one scanned HTML file; `ids` has the ids of every scanned file.
fn broken_links(
    s: &Scanned,
    ids: &HashMap<&str, &HashSet<String>>,
    exists: &(dyn Fn(&str) -> bool + Sync),
    origin: &str,
    prefix: &str,
) -> Vec<Broken> {
    let file = s.file.as_str();
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    let mut broken = Vec::new();
    for url in &s.urls {
        let Some(internal) = internal_path(url, origin) else {
            continue;
        };
        let (target, fragment) = split_fragment(internal);
        let Some(target_file) = target_file(target, file, dir, prefix, exists) else {
            broken.push(Broken {
                file: file.to_string(),
                url: url.clone(),
                fragment: None,
            });
            continue;
        };
        if let Some(fragment) = missing_anchor(ids, &target_file, fragment) {
            broken.push(Broken {
                file: file.to_string(),
                url: url.clone(),
                fragment: Some(fragment),
            });
        }
    }
    broken
}

/// The anchor of a link that its target page lacks (`#top` and an empty anchor always
/// work; anchors into other files than HTML are not checked).
fn missing_anchor(
    ids: &HashMap<&str, &HashSet<String>>,
    target_file: &str,
    fragment: Option<String>,
) -> Option<String> {
    let fragment =
        fragment.filter(|f| !f.is_empty() && f != "top" && target_file.ends_with(".html"))?;
    let found = ids.get(target_file).is_some_and(|i| i.contains(&fragment));
    (!found).then_some(fragment)
}

/// A link's target without its query, and its anchor decoded.
fn split_fragment(internal: &str) -> (&str, Option<String>) {
    let (target, fragment) = match internal.split_once('#') {
        Some((t, f)) => (t, Some(percent_decode_lossy(f))),
        None => (internal, None),
    };
    (target.split('?').next().unwrap_or(""), fragment)
}

/// The output file a link target of the HTML file `file` (in folder `dir`) names:
/// the file itself for an empty target.
fn target_file(
    target: &str,
    file: &str,
    dir: &str,
    prefix: &str,
    exists: &(dyn Fn(&str) -> bool + Sync),
) -> Option<String> {
    if target.is_empty() {
        Some(file.to_string())
    } else {
        site_path(target, dir, prefix).and_then(|path| resolve_file(exists, &path))
    }
}

/// The part of a URL after the site's own origin, or the URL itself when it is
/// relative; `None` for another site, `mailto:`, `tel:`, `data:`…
fn internal_path<'u>(url: &'u str, origin: &str) -> Option<&'u str> {
    if let Some(rest) = url.strip_prefix(origin).filter(|_| !origin.is_empty())
        && (rest.is_empty() || rest.starts_with(['/', '#', '?']))
    {
        return Some(rest);
    }
    if url.contains(':') || url.starts_with("//") {
        return None;
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_domain_is_internal_other_sites_are_not() {
        let origin = "https://kepu.example.org";
        assert_eq!(
            internal_path("https://kepu.example.org/x/", origin),
            Some("/x/")
        );
        assert_eq!(
            internal_path("https://kepu.example.org.cn/x/", origin),
            None
        );
        assert_eq!(internal_path("mailto:a@b.c", origin), None);
        assert_eq!(internal_path("a.jpg", origin), Some("a.jpg"));
    }
}
