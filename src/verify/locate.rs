//! Where a broken link was written, and in whose words: the Markdown link or image at
//! its own line and column, else the front-matter field that holds the address (a
//! `cover`, a `registration` on the site's own domain), else the template. Names are
//! shown as the editor wrote them, not percent-encoded.
//!
//! A `kepu build` lets go of the texts of the pages once the site is assembled; the
//! texts of the few pages with a broken link are then read again from their files.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use crate::content::front_matter;
use crate::diag::{Diagnostic, Diagnostics, Msg, line_col};
use crate::escape::percent_decode_lossy;
use crate::markdown::{LinkKind, WrittenLink};
use crate::site::{Page, Site, Texts, html_file};

use super::links::Broken;

/// Turns broken links into diagnostics at the place they were written.
pub struct Reporter<'a> {
    site: &'a Site,
    /// The texts of the pages, unless the build let go of them.
    texts: Option<&'a Texts>,
    root: &'a Path,
    /// The index of each page, by its HTML file.
    pages: HashMap<String, usize>,
}

/// A page's front matter and Markdown, with the line where the Markdown starts.
struct PageText<'a> {
    front: Cow<'a, str>,
    body: Cow<'a, str>,
    body_line: usize,
}

impl<'a> Reporter<'a> {
    /// A reporter for the pages of `site` (with their `texts`, unless the build let go
    /// of them), whose files are under `root`.
    pub fn new(site: &'a Site, texts: Option<&'a Texts>, root: &'a Path) -> Self {
        let pages = (site.pages.iter().enumerate())
            .map(|(i, p)| (html_file(&p.path).to_string_lossy().replace('\\', "/"), i))
            .collect();
        Reporter {
            site,
            texts,
            root,
            pages,
        }
    }

    /// The diagnostic of one broken link.
    pub fn broken(&self, b: &Broken) -> Diagnostic {
        let Some(&i) = self.pages.get(&b.file) else {
            return theme_link(b);
        };
        let (page, texts) = (&self.site.pages[i], self.text(i));
        let prefix = &self.site.url_prefix;
        let written = page
            .content
            .written
            .iter()
            .filter(|w| w.kind != LinkKind::Spaced)
            .find(|w| same_url(&b.url, &w.dest, prefix));
        if let Some(w) = written {
            let (line, col) = texts.body_place(w.offset);
            let shown = percent_decode_lossy(&w.dest);
            let image = w.kind == LinkKind::Image && b.fragment.is_none();
            let message = problem(shown, b.fragment.clone(), image);
            return Diagnostic::error(&page.doc.source, line, col, message)
                .with_help(Msg::AddressHelp);
        }
        not_in_body(page, &texts, b)
    }

    /// The diagnostic of a `cover` that names no file: at the value of the `cover`
    /// line of page `i`, in the words the editor wrote.
    pub fn missing_cover(&self, i: usize, cover: &str) -> Diagnostic {
        let (page, texts) = (&self.site.pages[i], self.text(i));
        let (line, col) = texts.cover_place().unwrap_or((1, 1));
        Diagnostic::error(
            &page.doc.source,
            line,
            col,
            Msg::CoverMissing {
                image: cover.to_string(),
            },
        )
        .with_help(Msg::FieldValueHelp)
    }

    /// Links that Markdown shows as plain text because of spaces in the address.
    pub fn spaced_links(&self, diags: &mut Diagnostics) {
        for (i, page) in self.site.pages.iter().enumerate() {
            let spaced: Vec<&WrittenLink> = page
                .content
                .written
                .iter()
                .filter(|w| w.kind == LinkKind::Spaced)
                .collect();
            if spaced.is_empty() {
                continue;
            }
            let texts = self.text(i);
            for w in spaced {
                let (line, col) = texts.body_place(w.offset);
                diags.push(
                    Diagnostic::error(
                        &page.doc.source,
                        line,
                        col,
                        Msg::SpacedAddress {
                            address: w.dest.clone(),
                        },
                    )
                    .with_help(Msg::SpacedAddressHelp {
                        address: w.dest.clone(),
                    }),
                );
            }
        }
    }

    /// The texts of page `i`, read again from its file when the build let go of them.
    fn text(&self, i: usize) -> PageText<'a> {
        let doc = &self.site.pages[i].doc;
        if let Some(texts) = self.texts {
            let text = texts.of(i);
            return PageText {
                front: Cow::Borrowed(&text.front_matter),
                body: Cow::Borrowed(&text.body),
                body_line: doc.body_line,
            };
        }
        let text = std::fs::read(self.root.join(&doc.source))
            .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
            .unwrap_or_default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match front_matter::split(text) {
            Ok(split) => PageText {
                front: Cow::Owned(split.toml.to_string()),
                body: Cow::Owned(split.body.to_string()),
                body_line: split.body_line,
            },
            Err(_) => PageText {
                front: Cow::Borrowed(""),
                body: Cow::Borrowed(""),
                body_line: doc.body_line,
            },
        }
    }
}

impl PageText<'_> {
    /// Line and column in the file of a byte offset of the Markdown.
    fn body_place(&self, offset: usize) -> (usize, usize) {
        let (line, col) = line_col(&self.body, offset);
        (line + self.body_line - 1, col)
    }

    /// Line and column of the value of the page's `cover`, as the TOML parser sees it.
    fn cover_place(&self) -> Option<(usize, usize)> {
        let cover = front_matter::written_fields(&self.front)
            .into_iter()
            .find(|f| f.is(&["cover"]))?;
        Some(front_matter::place(&self.front, cover.value_start))
    }

    /// The front-matter field whose text is the address `url` (or ends with its file
    /// name, for a `cover` that a template puts in a folder), the first as written:
    /// in a table, an inline table or a list as well as at the top.
    fn field_holding(&self, url: &str) -> Option<Holder> {
        let decoded = percent_decode_lossy(url);
        let name = decoded
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty());
        let holds = |value: &str| {
            value == decoded
                || value == url
                || name.is_some_and(|n| value == n || value.ends_with(&format!("/{n}")))
        };
        front_matter::written_fields(&self.front)
            .into_iter()
            .find_map(|f| {
                let value = f.text.filter(|v| !v.is_empty() && holds(v))?;
                let (line, col) = front_matter::place(&self.front, f.value_start);
                let field = f.keys.last()?.clone();
                Some(Holder {
                    line,
                    col,
                    field,
                    value,
                })
            })
    }
}

/// The front-matter field that holds a broken address, and where its value is.
#[derive(Debug, PartialEq, Eq)]
struct Holder {
    /// 1-based line of the file.
    line: usize,
    /// 1-based column of the value's first character.
    col: usize,
    /// The field's name (`registration`; the nearest key, for one in a table).
    field: String,
    /// The address as written.
    value: String,
}

/// A broken link of a page that is none of the site's own: the theme's, a warning,
/// so that a theme's mistake never stops an editor's page from being published.
fn theme_link(b: &Broken) -> Diagnostic {
    let (file, link) = (b.file.clone(), b.url.clone());
    let message = match b.fragment.clone() {
        Some(fragment) => Msg::ThemeAnchorMissing {
            file,
            link,
            fragment,
        },
        None => Msg::ThemeLinkMissing { file, link },
    };
    Diagnostic::warning("", 0, 0, message).with_help(Msg::ThemeLinkHelp)
}

/// A broken link of a page that its body does not write: from a field of its front
/// matter (an error at that field), else from its template (a warning).
fn not_in_body(page: &Page, texts: &PageText, b: &Broken) -> Diagnostic {
    let fragment = b.fragment.clone();
    if let Some(holder) = texts.field_holding(&b.url) {
        let (field, link) = (holder.field, holder.value);
        let message = match fragment {
            Some(fragment) => Msg::FieldAnchorMissing {
                field,
                link,
                fragment,
            },
            None => Msg::FieldLinkMissing { field, link },
        };
        return Diagnostic::error(&page.doc.source, holder.line, holder.col, message)
            .with_help(Msg::FieldValueHelp);
    }
    let link = percent_decode_lossy(&b.url);
    let message = match fragment {
        Some(fragment) => Msg::TemplateAnchorMissing { link, fragment },
        None => Msg::TemplateLinkMissing { link },
    };
    Diagnostic::warning(&page.doc.source, 1, 1, message).with_help(Msg::TemplateLinkHelp)
}

/// Whether the URL in the HTML is the destination the editor wrote: the same once
/// decoded, or the same under the site's sub-path.
fn same_url(html_url: &str, written: &str, prefix: &str) -> bool {
    let html_url = percent_decode_lossy(html_url);
    let written = percent_decode_lossy(written);
    html_url == written
        || (!prefix.is_empty() && html_url.strip_prefix(prefix) == Some(written.as_str()))
}

/// What is wrong with a link written in a page.
pub fn problem(link: String, fragment: Option<String>, image: bool) -> Msg {
    match (fragment, image) {
        (Some(fragment), _) => Msg::AnchorMissing { link, fragment },
        (None, true) => Msg::ImageMissing { image: link },
        (None, false) => Msg::LinkMissing { link },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(toml: &'static str) -> PageText<'static> {
        PageText {
            front: Cow::Borrowed(toml),
            body: Cow::Borrowed(""),
            body_line: 9,
        }
    }

    #[test]
    fn a_field_is_found_by_its_value_or_file_name() {
        let texts = front(
            "title = \"x\"\n[event]\nregistration = \"https://a.org/signup/\"\ncover = \"活动 照片 1.jpg\"\n",
        );
        let found = texts.field_holding("https://a.org/signup/").unwrap();
        assert_eq!(
            (found.line, found.col, found.field.as_str()),
            (4, 17, "registration")
        );
        let found = texts
            .field_holding("/news/x/%E6%B4%BB%E5%8A%A8%20%E7%85%A7%E7%89%87%201.jpg")
            .unwrap();
        assert_eq!(
            (found.line, found.col, found.value.as_str()),
            (5, 10, "活动 照片 1.jpg")
        );
    }

    #[test]
    fn a_field_in_a_comment_or_another_value_holds_nothing() {
        let texts = front(
            "title = \"见 /files/a.pdf 一页\"\n# poster = \"/files/a.pdf\"\nextra = { links = [\"/b/\", \"/files/a.pdf\"] }\n",
        );
        let found = texts.field_holding("/files/a.pdf").unwrap();
        let expected = Holder {
            line: 4,
            col: 28,
            field: "links".to_string(),
            value: "/files/a.pdf".to_string(),
        };
        assert_eq!(found, expected);
        assert!(texts.field_holding("/c/").is_none());
    }

    #[test]
    fn the_cover_is_the_top_level_field_the_parser_sees() {
        let texts = front(
            "title = \"cover = 'no.jpg'\"\n# cover = \"old.jpg\"\ncover = \"a b.jpg\"\n[event]\nstart = 2018-01-01\n",
        );
        assert_eq!(texts.cover_place(), Some((4, 10)));
        let texts = front("title = \"x\"\n[extra]\ncover = \"a.jpg\"\n");
        assert_eq!(texts.cover_place(), None);
    }

    #[test]
    fn urls_match_decoded_and_under_the_sub_path() {
        assert!(same_url("%E6%B4%BB.jpg", "活.jpg", ""));
        assert!(same_url("/assoc/events/", "/events/", "/assoc"));
        assert!(!same_url("/events/", "/event/", ""));
    }
}
