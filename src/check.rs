//! `kepu check`: looks at a finished build the way a careful editor would, and reports
//! what would break or confuse a visitor: links and anchors that lead nowhere (from
//! Markdown or templates), images without alt text or over 1 MB, pages without a
//! description, two pages of a section with one title, pages held back because they
//! are dated in the future.
//!
//! Runs on the in-memory [`Output`] and [`Site`] of the pipeline; writes nothing.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics, line_col};
use crate::escape::{decode_entities, percent_decode_lossy};
use crate::output::Output;
use crate::site::{Page, Site, html_file};

/// Images larger than this are reported: on a phone they cost seconds to load.
const LARGE_IMAGE: u64 = 1024 * 1024;

/// Every problem found in the finished site.
pub fn check(site: &Site, output: &Output) -> Diagnostics {
    let mut diags = Diagnostics::new();
    links(site, output, &mut diags);
    images(site, &mut diags);
    descriptions(site, &mut diags);
    duplicate_titles(site, &mut diags);
    held_back(site, &mut diags);
    ended_registrations(site, output, &mut diags);
    diags.sorted()
}

/// The `href`/`src` values of an HTML text, with their byte offsets.
fn attribute_values<'a>(html: &'a str, names: &[&str]) -> Vec<(&'a str, usize)> {
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
                found.push((&html[start..start + len], start));
                from = start + len;
            }
        }
    }
    found
}

/// Ids an anchor can target in an HTML page.
fn ids(html: &str) -> HashSet<String> {
    attribute_values(html, &["id", "name"])
        .into_iter()
        .map(|(v, _)| decode_entities(v))
        .collect()
}

/// The output file a site URL path names, if any.
fn resolve_file(output: &Output, path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return output.contains(&index).then_some(index);
    }
    if output.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    output.contains(&index).then_some(index)
}

/// Where in the page's Markdown a URL is written: (line, col), or the front matter
/// opening when it comes from a template.
fn locate(page: &Page, needle: &str) -> Option<(usize, usize)> {
    let i = page.doc.body.find(needle)?;
    let (line, col) = line_col(&page.doc.body, i);
    Some((line + page.doc.body_line - 1, col))
}

fn links(site: &Site, output: &Output, diags: &mut Diagnostics) {
    let pages_by_file: HashMap<String, &Page> = site
        .pages
        .iter()
        .map(|p| (html_file(&p.path).to_string_lossy().replace('\\', "/"), p))
        .collect();
    let mut id_cache: HashMap<String, HashSet<String>> = HashMap::new();
    let mut reported: HashSet<(String, String)> = HashSet::new();
    let origin = site
        .config
        .base_url
        .strip_suffix(&site.url_prefix)
        .unwrap_or(&site.config.base_url)
        .to_string();

    for path in output
        .paths()
        .filter(|p| p.ends_with(".html"))
        .map(str::to_string)
        .collect::<Vec<_>>()
    {
        let Some(bytes) = output.bytes(&path) else {
            continue;
        };
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        let page = pages_by_file.get(&path).copied();
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for (raw, _) in attribute_values(html, &["href", "src"]) {
            let url = decode_entities(raw);
            let url = url.as_str();
            let internal =
                if let Some(rest) = url.strip_prefix(&origin).filter(|_| !origin.is_empty()) {
                    rest.to_string()
                } else if url.contains(':') || url.starts_with("//") {
                    continue; // another site, mailto:, tel:, webcal:, data:
                } else {
                    url.to_string()
                };
            let (target, fragment) = match internal.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(percent_decode_lossy(f))),
                None => (internal.clone(), None),
            };
            let target = target.split('?').next().unwrap_or("").to_string();
            let target_file = if target.is_empty() {
                Some(path.clone())
            } else {
                let site_path = if let Some(root_relative) = target.strip_prefix('/') {
                    let without_prefix = format!("/{root_relative}");
                    without_prefix
                        .strip_prefix(&site.url_prefix)
                        .unwrap_or(&without_prefix)
                        .to_string()
                } else {
                    format!("/{dir}/{target}").replace("//", "/")
                };
                resolve_file(output, &normalise(&percent_decode_lossy(&site_path)))
            };
            let problem = match (&target_file, &fragment) {
                (None, _) => Some(format!(
                    "the link {url} leads to a page or file that does not exist"
                )),
                (Some(file), Some(fragment))
                    if !fragment.is_empty() && fragment != "top" && file.ends_with(".html") =>
                {
                    let ids = id_cache.entry(file.clone()).or_insert_with(|| {
                        output
                            .bytes(file)
                            .and_then(|b| std::str::from_utf8(b).ok())
                            .map(ids)
                            .unwrap_or_default()
                    });
                    (!ids.contains(fragment)).then(|| {
                        format!(
                            "the link {url} points to #{fragment}, which that page does not have"
                        )
                    })
                }
                _ => None,
            };
            let Some(message) = problem else { continue };
            let Some(page) = page else {
                if reported.insert((path.clone(), url.to_string())) {
                    diags.push(
                        Diagnostic::error("", 0, 0, format!("{path}: {message}"))
                            .with_help("fix the template that writes this link"),
                    );
                }
                continue;
            };
            if !reported.insert((page.doc.rel.clone(), url.to_string())) {
                continue;
            }
            let d = match locate(page, raw).or_else(|| locate(page, url)) {
                Some((line, col)) => Diagnostic::error(&page.doc.source, line, col, message)
                    .with_help("correct the address, or add the file it names beside this page"),
                None => Diagnostic::error(
                    &page.doc.source,
                    1,
                    1,
                    format!("{message} (the link comes from the template)"),
                )
                .with_help("fix the template, or the front-matter value it uses"),
            };
            diags.push(d);
        }
    }
}

/// Removes `.` and `..` from a site path (`/a/./b/../c` → `/a/c`).
fn normalise(path: &str) -> String {
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

fn images(site: &Site, diags: &mut Diagnostics) {
    for page in &site.pages {
        for (tag_start, _) in page.content.html.match_indices("<img ") {
            let tag = &page.content.html[tag_start..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let has_alt = attribute_values(tag, &["alt"])
                .iter()
                .any(|(v, _)| !v.trim().is_empty());
            if has_alt {
                continue;
            }
            let src = attribute_values(tag, &["src"])
                .first()
                .map(|(v, _)| decode_entities(v))
                .unwrap_or_default();
            let (line, col) = locate(page, &format!("]({src}"))
                .or_else(|| locate(page, &src))
                .unwrap_or((page.doc.body_line, 1));
            diags.push(
                Diagnostic::warning(&page.doc.source, line, col, format!("the image {src} has no alt text"))
                    .with_help("describe the picture for people who cannot see it: ![学生在科技馆做实验](photo.jpg)"),
            );
        }
    }
    for asset in &site.assets {
        let is_image = asset.output.rsplit_once('.').is_some_and(|(_, e)| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "jpg" | "jpeg" | "png" | "gif" | "webp" | "avif" | "bmp" | "tif" | "tiff"
            )
        });
        let size = match &asset.source.origin {
            crate::source::Origin::Disk(path) => {
                std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
            }
            crate::source::Origin::Builtin(bytes) => bytes.len() as u64,
        };
        if is_image && size > LARGE_IMAGE {
            diags.push(
                Diagnostic::warning(&asset.source.display, 0, 0, format!("this image is {:.1} MB: slow to load on a phone", size as f64 / 1048576.0))
                    .with_help("save it smaller (about 1600 pixels wide, JPEG quality 80 is plenty) before adding it"),
            );
        }
    }
}

fn descriptions(site: &Site, diags: &mut Diagnostics) {
    for page in site
        .pages
        .iter()
        .filter(|p| !p.doc.is_section && p.doc.description.is_none())
    {
        if page.doc.front_matter.is_empty() {
            continue;
        }
        diags.push(
            Diagnostic::warning(&page.doc.source, 1, 1, "this page has no description")
                .with_help("add description = \"…\" (one sentence): lists, search results and shared links show it"),
        );
    }
}

fn duplicate_titles(site: &Site, diags: &mut Diagnostics) {
    for section in site.pages.iter().filter_map(|p| p.section.as_ref()) {
        let mut seen: HashMap<&str, &Page> = HashMap::new();
        for &i in &section.pages {
            let page = &site.pages[i];
            match seen.get(page.doc.title.as_str()) {
                Some(first) => diags.push(
                    Diagnostic::warning(
                        &page.doc.source,
                        1,
                        1,
                        format!("{} has the same title, \"{}\"", first.doc.source.display().to_string().replace('\\', "/"), page.doc.title),
                    )
                    .with_help("give each page its own title, so visitors can tell them apart in lists and search"),
                ),
                None => {
                    seen.insert(&page.doc.title, page);
                }
            }
        }
    }
}

fn held_back(site: &Site, diags: &mut Diagnostics) {
    for held in &site.held_back {
        if held.reason != "dated in the future"
            && held.reason != "scheduled for later (publish_date)"
        {
            continue;
        }
        let when = held
            .doc
            .publish_date
            .as_ref()
            .or(held.doc.date.as_ref())
            .map(|d| d.date().to_string())
            .unwrap_or_default();
        diags.push(
            Diagnostic::warning(
                &held.doc.source,
                1,
                1,
                format!(
                    "this page is {} and will not appear until {when}",
                    held.reason
                ),
            )
            .with_help("that is fine for a scheduled post; otherwise correct its date"),
        );
    }
}

/// An event that has ended but whose page still offers its sign-up link: a theme
/// that does not hide it (the default theme does) sends visitors to a closed form.
fn ended_registrations(site: &Site, output: &Output, diags: &mut Diagnostics) {
    for (i, page) in site.pages.iter().enumerate() {
        let Some(event) = &page.doc.event else {
            continue;
        };
        let Some(registration) = &event.registration else {
            continue;
        };
        let ended = site.calendar.pages.get(&i).is_some_and(|o| o.ended());
        if !ended {
            continue;
        }
        let file = html_file(&page.path).to_string_lossy().replace('\\', "/");
        let Some(html) = output
            .bytes(&file)
            .and_then(|b| std::str::from_utf8(b).ok())
        else {
            continue;
        };
        let shown = attribute_values(html, &["href"])
            .iter()
            .any(|(v, _)| decode_entities(v) == *registration);
        if shown {
            let (line, col) = page
                .doc
                .front_matter
                .find("registration")
                .map(|i| {
                    let (l, c) = line_col(&page.doc.front_matter, i);
                    (l + 1, c)
                })
                .unwrap_or((1, 1));
            diags.push(
                Diagnostic::warning(&page.doc.source, line, col, "this event has ended, but its page still shows the registration link")
                    .with_help("remove the `registration` line, or use a template that hides it after the event (the default theme does)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_are_found_in_both_quotes() {
        let html = "<a href=\"/a/\">x</a><img src='b.png' alt=\"\"><p id=\"活动\">";
        let values: Vec<&str> = attribute_values(html, &["href", "src"])
            .into_iter()
            .map(|(v, _)| v)
            .collect();
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
}
