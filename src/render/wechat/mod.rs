//! The WeChat edition: `/<page>/wechat/`, a copy-ready version of a news item, event
//! or training for the association's official account (公众号), so that one Markdown
//! file feeds both channels.
//!
//! One output module (house rule 8): [`plan`] lists the pages that get an edition and
//! [`files`] makes one page's files, `wechat/index.html` and, for events and
//! trainings, `wechat/qr.png`. The 公众号 editor keeps only inline styles and drops
//! `<style>`, `<script>`, ids, classes, SVG and links to other sites, so the edition's
//! copy area (the element marked `data-wechat-copy`) is made in three steps:
//!
//! 1. [`body::transform`] turns the page's body into what the editor keeps (links as
//!    numbered references, images as absolute URLs of resized copies with captions);
//! 2. the theme's `wechat-copy.html` lays it out with the event's info card, the QR
//!    code and the list of references;
//! 3. [`Style`] writes every rule of the theme's `templates/wechat.css` (a site's own
//!    `templates/wechat.css` wins) into the `style` attribute of each element it
//!    matches, with the `css-inline` crate.
//!
//! The theme's `wechat-edition.html` then puts the copy area in a page of help for the
//! editor (复制全文, title, digest, author, 阅读原文). The edition is not a page of the
//! site: it carries `noindex` and is left out of the sitemap, feeds and search, which
//! list the site's pages only. See `docs/wechat.md`.

pub mod body;
pub mod paths;
mod style;

use serde::Serialize;
use tera::Context;

use super::File;
use super::Rendering;
use crate::content::SourceText;
use crate::diag::Diagnostic;
use crate::site::{Page, Site, Texts, html_file};
use crate::text::shorten;
pub use paths::{DIR, cover_path, has_edition};
pub use style::Style;

/// File name of the edition's QR code.
pub const QR: &str = "qr.png";
/// The template of the copy area.
pub const COPY_TEMPLATE: &str = "wechat-copy.html";
/// The template of the page around it.
pub const PAGE_TEMPLATE: &str = "wechat-edition.html";
/// The longest title the 公众号 editor takes, in characters.
pub const TITLE_LIMIT: usize = 64;
/// The longest digest (摘要) the 公众号 editor takes, in characters.
pub const DIGEST_LIMIT: usize = crate::text::DESCRIPTION_LIMIT;
/// Pixels per module of the QR code: 8 makes a code of a long URL about 400 px wide,
/// which the editor shows sharp at its column width and a phone reads off a screen.
const QR_SCALE: usize = 8;

/// The edition's site path (`/news/a/wechat/`).
pub fn path_of(page: &Page) -> String {
    format!("{}{DIR}/", page.path)
}

/// Every page with an edition, with the output paths of its files. None when the
/// theme has no edition templates or the stylesheet could not be read.
pub fn plan(r: &Rendering) -> Vec<(Vec<String>, usize)> {
    if r.wechat.is_none() || !r.engine.has(COPY_TEMPLATE) || !r.engine.has(PAGE_TEMPLATE) {
        return Vec::new();
    }
    r.site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| has_edition(r.site, p))
        .map(|(i, p)| {
            let dir = path_of(p);
            let mut files = vec![html_file(&dir).to_string_lossy().into_owned()];
            if p.kind.is_event_like() {
                files.push(format!("{}{QR}", dir.trim_start_matches('/')));
            }
            (files, i)
        })
        .collect()
}

/// What the editor fills in besides the body, in the 公众号 editor's fields: shown in
/// the edition's header and printed by `kepu wechat PATH.md`, from this one function.
#[derive(Debug, Clone, Serialize)]
pub struct Details {
    /// The suggested title, at most [`TITLE_LIMIT`] characters.
    pub title: String,
    /// The digest (摘要), at most [`DIGEST_LIMIT`] characters.
    pub digest: String,
    /// The author: the page's authors, else the site's `author`, else its title.
    pub author: String,
    /// The page's permalink: the 阅读原文 link.
    pub permalink: String,
    /// The edition's own absolute URL.
    pub url: String,
    /// Absolute URL of the 2.35:1 cover (900×383), when one was cut.
    pub cover_wide: Option<String>,
    /// Absolute URL of the 1:1 cover (500×500), when one was cut.
    pub cover_square: Option<String>,
}

/// The details of `page`'s edition; `made(path)` tells whether the output has the
/// file at `path` (the covers are cut only when there is a picture to cut).
pub fn details(site: &Site, page: &Page, made: impl Fn(&str) -> bool) -> Details {
    let dir = path_of(page);
    let url = super::urls::absolute_url(site, &site.url(&dir));
    let cover = |size| {
        let path = cover_path(page, size);
        made(&path).then(|| {
            super::urls::absolute_url(
                site,
                &crate::escape::url_path(&site.url(&format!("/{path}"))),
            )
        })
    };
    Details {
        title: shorten(&page.doc.title, TITLE_LIMIT),
        digest: shorten(&digest(page), DIGEST_LIMIT),
        author: author(site, page),
        permalink: page.permalink.clone(),
        url,
        cover_wide: cover(super::images::cut::WIDE),
        cover_square: cover(super::images::cut::SQUARE),
    }
}

/// A warning for every SVG image in the body of a page with an edition, at its line in
/// the Markdown: the 公众号 editor drops SVG, so the picture would be missing from the
/// pasted article. kepu does not rasterise SVG (docs/wechat.md says why); the editor
/// saves the picture as PNG or JPEG instead. The Markdown is in `texts`, by page.
pub fn svg_warnings(site: &Site, texts: &Texts) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let with_edition = site.pages.iter().enumerate();
    for (i, page) in with_edition.filter(|(_, p)| has_edition(site, p)) {
        let html = &page.content.html;
        for (at, _) in html.match_indices("<img") {
            let tag = &html[at..at + html[at..].find('>').unwrap_or(html.len() - at)];
            let Some(src) = super::images::attribute(tag, "src") else {
                continue;
            };
            let path = src.split(['?', '#']).next().unwrap_or(src);
            if !path.to_ascii_lowercase().ends_with(".svg") {
                continue;
            }
            let written = crate::escape::decode_entities(src);
            let decoded = crate::escape::percent_decode_lossy(&written);
            let (line, col) = image_place((page, texts.of(i)), &written, &decoded);
            warnings.push(
                Diagnostic::warning(
                    &page.doc.source,
                    line,
                    col,
                    crate::diag::Msg::WechatSvgImage {
                        image: decoded.clone(),
                    },
                )
                .with_help(crate::diag::Msg::WechatSvgHelp),
            );
        }
    }
    warnings
}

/// The line and column in the page's Markdown of an image whose HTML address is
/// `written` (`decoded` once percent-decoded); the body's first line when not found.
fn image_place((page, text): (&Page, &SourceText), written: &str, decoded: &str) -> (usize, usize) {
    // The body has the address as written (`flow.svg`); the HTML, made root-relative
    // (`/news/a/flow.svg`): look for it, else its file name.
    let name = decoded.rsplit('/').next().unwrap_or(decoded);
    let body = &text.body;
    body.find(written)
        .or_else(|| body.find(decoded))
        .or_else(|| body.find(&format!("({name}")).map(|i| i + 1))
        .or_else(|| body.find(name))
        .map_or((page.doc.body_line, 1), |i| {
            let before = &body[..i];
            let start = before.rfind('\n').map_or(0, |n| n + 1);
            (
                page.doc.body_line + before.matches('\n').count(),
                before[start..].chars().count() + 1,
            )
        })
}

/// What the edition's templates see as `wechat`.
#[derive(Debug, Serialize)]
struct EditionView {
    /// Title, digest, author, URLs and covers.
    #[serde(flatten)]
    details: Details,
    /// The body, ready for the editor (see [`body::transform`]).
    body: String,
    /// Its links, as numbered references.
    references: Vec<body::Reference>,
    /// Absolute URL of the QR code PNG of the page (events and trainings).
    qr: Option<String>,
    /// The copy area with every style inline; empty while it is being made.
    copy: String,
}

/// The files of page `i`'s edition (see [`plan`]).
pub fn files(r: &Rendering, i: usize) -> Result<Vec<File>, Diagnostic> {
    let Some(style) = &r.wechat else {
        return Ok(Vec::new());
    };
    let page = &r.site.pages[i];
    let dir = path_of(page);
    let (mut view, qr) = edition_view(r, page);
    let source = page.doc.source.display().to_string().replace('\\', "/");
    let mut context: Context = r.context_for(&page.doc.lang, &dir, None, &[]);
    context.insert_value("page", r.values[i].full());
    context.insert("wechat", &view);
    let copy = r
        .engine
        .render(COPY_TEMPLATE, &context, || super::html::page_file(&source))?;
    view.copy = style.inline(&String::from_utf8_lossy(&copy), &source)?;
    context.insert("wechat", &view);
    let html = r
        .engine
        .render(PAGE_TEMPLATE, &context, || super::html::page_file(&source))?;
    let mut files = vec![(html_file(&dir).to_string_lossy().into_owned(), html)];
    if let Some(png) = qr {
        files.push((format!("{}{QR}", dir.trim_start_matches('/')), png));
    }
    Ok(files)
}

/// The edition of a page as its templates see it, its copy area still empty, and the
/// PNG of its QR code (events and trainings).
fn edition_view(r: &Rendering, page: &Page) -> (EditionView, Option<Vec<u8>>) {
    let site = r.site;
    let origin = super::urls::origin(site);
    let body = body::transform(
        &page.content.html,
        &body::Place {
            page_url: &page.url,
            permalink: &page.permalink,
            origin: &origin,
            images: &r.images,
        },
    );
    let details = details(site, page, |path| r.images.cuts.contains(path));
    let qr = page
        .kind
        .is_event_like()
        .then(|| super::qr::png(&page.permalink, QR_SCALE))
        .flatten();
    let view = EditionView {
        qr: qr.as_ref().map(|_| format!("{}{QR}", details.url)),
        details,
        body: body.html,
        references: body.references,
        copy: String::new(),
    };
    (view, qr)
}

/// The page's `description`, else its summary, else its body, as plain text.
fn digest(page: &Page) -> String {
    if let Some(d) = &page.doc.description {
        return d.clone();
    }
    let html = page.summary.as_deref().unwrap_or(&page.content.html);
    crate::text::plain_text(html)
}

/// The page's authors (`、` between), else the site's author, else its title.
fn author(site: &Site, page: &Page) -> String {
    if !page.doc.authors.is_empty() {
        return page.doc.authors.join("、");
    }
    site.config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_digests_are_cut_to_the_editors_limits() {
        assert_eq!(shorten("科普日", 64), "科普日");
        let long = "科".repeat(130);
        let digest = shorten(&long, DIGEST_LIMIT);
        assert_eq!(digest.chars().count(), DIGEST_LIMIT);
        assert!(digest.ends_with('…'));
    }
}
