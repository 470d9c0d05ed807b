//! `kepu check`: looks at a finished build the way a careful editor would, and warns
//! about what would confuse a visitor: images without alt text or over 1 MB, pages
//! without a description, two pages of a section with one title, pages held back
//! because they are dated in the future.
//!
//! Runs on the in-memory [`Output`] and [`Site`] of the pipeline; writes nothing.
//! Links and anchors that lead nowhere are errors, found by every build
//! ([`crate::verify`]), so that `build` and `check` fail alike.

use std::collections::HashMap;

use crate::content::{SourceText, front_matter};
use crate::diag::{Diagnostic, Diagnostics, Msg, line_col};
use crate::escape::decode_entities;
use crate::output::Output;
use crate::site::{Page, Site, Texts, Unpublished, html_file};
use crate::verify::attribute_values;

/// Images larger than this are reported: on a phone they cost seconds to load.
const LARGE_IMAGE: u64 = 1024 * 1024;

/// Every problem found in the finished site (the `texts` of its pages for the lines).
pub fn check(site: &Site, texts: &Texts, output: &Output) -> Diagnostics {
    let mut diags = Diagnostics::new();
    images(site, texts, &mut diags);
    descriptions(site, &mut diags);
    duplicate_titles(site, &mut diags);
    held_back(site, &mut diags);
    ended_registrations(site, texts, output, &mut diags);
    diags.sorted()
}

/// Where in the page's Markdown a URL is written: (line, col), or the front matter
/// opening when it comes from a template.
fn locate((page, text): (&Page, &SourceText), needle: &str) -> Option<(usize, usize)> {
    let i = text.body.find(needle)?;
    let (line, col) = line_col(&text.body, i);
    Some((line + page.doc.body_line - 1, col))
}

/// Images without alt text in the pages, and large images among the content files.
fn images(site: &Site, texts: &Texts, diags: &mut Diagnostics) {
    for (i, page) in site.pages.iter().enumerate() {
        no_alt_text((page, texts.of(i)), diags);
    }
    large_images(site, diags);
}

/// The images of a page without alt text, at the line of the Markdown that shows them.
fn no_alt_text((page, text): (&Page, &SourceText), diags: &mut Diagnostics) {
    for (tag_start, _) in page.content.html.match_indices("<img ") {
        let tag = &page.content.html[tag_start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let has_alt = attribute_values(tag, &["alt"])
            .iter()
            .any(|v| !v.trim().is_empty());
        if has_alt {
            continue;
        }
        let src = attribute_values(tag, &["src"])
            .first()
            .map(|v| decode_entities(v))
            .unwrap_or_default();
        let (line, col) = locate((page, text), &format!("]({src}"))
            .or_else(|| locate((page, text), &src))
            .unwrap_or((page.doc.body_line, 1));
        diags.push(
            Diagnostic::warning(&page.doc.source, line, col, Msg::NoAltText { image: src })
                .with_help(Msg::AltTextHelp),
        );
    }
}

/// The content images over [`LARGE_IMAGE`].
fn large_images(site: &Site, diags: &mut Diagnostics) {
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
                Diagnostic::warning(
                    &asset.source.display,
                    0,
                    0,
                    Msg::LargeImage {
                        megabytes: format!("{:.1}", size as f64 / 1048576.0),
                    },
                )
                .with_help(Msg::SmallerImageHelp),
            );
        }
    }
}

/// The pages without a description (the home page kepu adds when `content/_index.md`
/// is missing is a section, so it is never asked for one).
fn descriptions(site: &Site, diags: &mut Diagnostics) {
    for page in &site.pages {
        if page.doc.is_section || page.doc.description.is_some() {
            continue;
        }
        diags.push(
            Diagnostic::warning(&page.doc.source, 1, 1, Msg::NoDescription)
                .with_help(Msg::DescriptionHelp),
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
                        Msg::SameTitle {
                            other: first.doc.source.display().to_string().replace('\\', "/"),
                            title: page.doc.title.clone(),
                        },
                    )
                    .with_help(Msg::OwnTitleHelp),
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
        if !matches!(held.reason, Unpublished::Future | Unpublished::Scheduled) {
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
                Msg::WillAppear {
                    reason: Box::new(held.reason.phrase()),
                    date: when,
                },
            )
            .with_help(Msg::ScheduledHelp),
        );
    }
}

/// An event that has ended but whose page still offers its sign-up link: a theme
/// that does not hide it (the default theme does) sends visitors to a closed form.
fn ended_registrations(site: &Site, texts: &Texts, output: &Output, diags: &mut Diagnostics) {
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
            .any(|v| decode_entities(v) == *registration);
        if shown {
            let (line, col) = registration_place(&texts.of(i).front_matter);
            diags.push(
                Diagnostic::warning(&page.doc.source, line, col, Msg::RegistrationAfterEnd)
                    .with_help(Msg::RegistrationHelp),
            );
        }
    }
}

/// Line and column in the file of the `registration` key of a page's `[event]`, as the
/// TOML parser sees it (not the word in a title or a comment); 1:1 when not found.
fn registration_place(front: &str) -> (usize, usize) {
    front_matter::written_fields(front)
        .into_iter()
        .find(|f| f.is(&["event", "registration"]))
        .map_or((1, 1), |f| front_matter::place(front, f.key.start))
}
