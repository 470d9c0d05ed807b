//! Reads a WordPress export (WXR 1.1/1.2, what *Tools → Export* writes) with
//! quick-xml, one event at a time: the channel's settings, its authors, and every
//! `<item>` as an [`Item`] of plain strings. No DOM is built, so a 200 MB export is
//! held once, as the items' text. The WordPress importer's stage 1: [`super::wordpress`]
//! turns items into pages.

use std::io::BufRead;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::diag::Msg;

/// The site as the export describes it.
#[derive(Debug, Default, Clone)]
pub struct Channel {
    /// Site title.
    pub title: String,
    /// Site tagline.
    pub description: String,
    /// The site's address (`<link>`), without a trailing slash.
    pub link: String,
    /// Language code (`zh-CN`, `en-US`).
    pub language: String,
    /// `wp:author_login` → `wp:author_display_name`.
    pub authors: Vec<(String, String)>,
}

/// A category, tag or event category of an item.
#[derive(Debug, Clone)]
pub struct Term {
    /// `category`, `post_tag`, `tribe_events_cat`, `nav_menu`…
    pub domain: String,
    /// The term's slug.
    pub nicename: String,
    /// The term's name as shown.
    pub name: String,
}

/// One `<item>`: a post, page, event, venue, attachment, menu item…
#[derive(Debug, Default, Clone)]
pub struct Item {
    /// Byte offset of `<item>` in the export, for messages.
    pub at: u64,
    /// `wp:post_id`.
    pub id: u64,
    /// `<title>`.
    pub title: String,
    /// `<link>`: the old permalink.
    pub link: String,
    /// `dc:creator`: the author's login.
    pub creator: String,
    /// `content:encoded`: the body HTML.
    pub content: String,
    /// `excerpt:encoded`.
    pub excerpt: String,
    /// `wp:post_date`: local wall time, `YYYY-MM-DD HH:MM:SS`.
    pub date: String,
    /// Byte offset of `wp:post_date`.
    pub date_at: u64,
    /// `wp:post_date_gmt` (`0000-00-00 00:00:00` for drafts).
    pub date_gmt: String,
    /// `wp:post_name`: the slug, percent-encoded when not ASCII.
    pub name: String,
    /// `wp:status`: publish, draft, pending, private, trash, inherit, future.
    pub status: String,
    /// `wp:post_parent`.
    pub parent: u64,
    /// `wp:menu_order`.
    pub menu_order: i64,
    /// `wp:post_type`.
    pub post_type: String,
    /// `wp:is_sticky`.
    pub sticky: bool,
    /// `wp:attachment_url`.
    pub attachment_url: String,
    /// Categories, tags and other terms.
    pub terms: Vec<Term>,
    /// `wp:postmeta`: (meta_key, meta_value, byte offset of the value).
    pub meta: Vec<(String, String, u64)>,
}

impl Item {
    /// The first value of a meta key, trimmed; `None` when missing or empty.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.0 == key)
            .map(|m| m.1.trim())
            .filter(|v| !v.is_empty())
    }

    /// The byte offset of a meta key's value, else of the item.
    pub fn meta_at(&self, key: &str) -> u64 {
        self.meta
            .iter()
            .find(|m| m.0 == key)
            .map_or(self.at, |m| m.2)
    }
}

/// Why an export cannot be read, at a byte offset.
#[derive(Debug)]
pub struct WxrError {
    /// Byte offset in the file.
    pub at: u64,
    /// What is wrong, in an editor's words.
    pub message: Msg,
}

/// Everything in an export: the channel and its items in file order.
#[derive(Debug, Default)]
pub struct Export {
    /// Site settings and authors.
    pub channel: Channel,
    /// The items.
    pub items: Vec<Item>,
}

/// Reads an export from any buffered reader.
pub fn read(input: impl BufRead) -> Result<Export, WxrError> {
    let mut reader = Reader::from_reader(input);
    let mut parser = Parser::default();
    let mut buf = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| not_xml(reader.error_position(), e))?;
        match event {
            Event::Eof => break,
            event => parser.event(event, at)?,
        }
        buf.clear();
    }
    parser.finish(reader.buffer_position())
}

/// The (line, column) of a byte offset in a file, both from 1; (1, 1) if unreadable.
pub fn line_col(path: &Path, at: u64) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (1, 1);
    };
    let end = (at as usize).min(bytes.len());
    let before = &bytes[..end];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// The state of the walk through the file.
#[derive(Default)]
struct Parser {
    /// Names of the open elements, outermost first.
    stack: Vec<String>,
    /// Text of the innermost element so far.
    text: String,
    /// True once `<rss>` with the WordPress namespace was seen.
    seen_root: bool,
    export: Export,
    item: Option<Item>,
    /// The current postmeta's key and value offset, and the author being read.
    meta_key: String,
    meta_at: u64,
    author: (String, String),
    term: Option<Term>,
    /// Offset of the current element's start tag.
    start_at: u64,
}

impl Parser {
    fn event(&mut self, event: Event<'_>, at: u64) -> Result<(), WxrError> {
        match event {
            Event::Start(e) => self.start(&e, at)?,
            Event::Empty(e) => {
                self.start(&e, at)?;
                self.end()?;
            }
            Event::End(_) => self.end()?,
            Event::Text(t) => {
                let text = t.decode().map_err(|e| not_xml(at, e))?;
                if self.stack.is_empty() && !text.trim().is_empty() {
                    return Err(not_wxr(at, "text"));
                }
                self.text.push_str(&text);
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|e| not_xml(at, e))?;
                self.text.push_str(&text);
            }
            Event::GeneralRef(r) => self.text.push(character(&r, at)?),
            Event::DocType(_) if self.stack.is_empty() => return Err(not_wxr(at, "DOCTYPE")),
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, at: u64) -> Result<(), WxrError> {
        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        if self.stack.is_empty() {
            self.check_root(e, &name, at)?;
        }
        match name.as_str() {
            "item" if self.parent_is("channel") => {
                self.item = Some(Item {
                    at,
                    ..Item::default()
                });
            }
            "category" if self.parent_is("item") => {
                let attr = |key: &str| {
                    e.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .unwrap_or_default()
                };
                self.term = Some(Term {
                    domain: attr("domain"),
                    nicename: attr("nicename"),
                    name: String::new(),
                });
            }
            "wp:meta_value" => self.meta_at = at,
            _ => {}
        }
        self.start_at = at;
        self.stack.push(name);
        self.text.clear();
        Ok(())
    }

    fn check_root(&mut self, e: &BytesStart<'_>, name: &str, at: u64) -> Result<(), WxrError> {
        if name != "rss" {
            return Err(not_wxr(at, &format!("<{name}>")));
        }
        let ns = e
            .try_get_attribute("xmlns:wp")
            .ok()
            .flatten()
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .unwrap_or_default();
        if !ns.starts_with("http://wordpress.org/export/1.") {
            return Err(WxrError {
                at,
                message: Msg::NotWxrNamespace { namespace: ns },
            });
        }
        self.seen_root = true;
        Ok(())
    }

    fn parent_is(&self, name: &str) -> bool {
        self.stack.last().is_some_and(|n| n == name)
    }

    fn end(&mut self) -> Result<(), WxrError> {
        let Some(name) = self.stack.pop() else {
            return Ok(());
        };
        let text = std::mem::take(&mut self.text);
        let parent = self.stack.last().cloned().unwrap_or_default();
        match (parent.as_str(), name.as_str()) {
            ("channel", "item") => {
                if let Some(item) = self.item.take() {
                    self.export.items.push(item);
                }
            }
            ("channel", _) => self.channel_field(&name, text),
            ("wp:author", _) => self.author_field(&name, text),
            ("wp:postmeta", "wp:meta_key") => self.meta_key = text,
            ("wp:postmeta", "wp:meta_value") => {
                let key = std::mem::take(&mut self.meta_key);
                if let Some(item) = &mut self.item {
                    item.meta.push((key, text, self.meta_at));
                }
            }
            ("item", _) => self.item_field(&name, text)?,
            _ => {}
        }
        Ok(())
    }

    fn channel_field(&mut self, name: &str, text: String) {
        let channel = &mut self.export.channel;
        match name {
            "title" => channel.title = text.trim().to_string(),
            "description" => channel.description = text.trim().to_string(),
            "link" => channel.link = text.trim().trim_end_matches('/').to_string(),
            "language" => channel.language = text.trim().to_string(),
            "wp:author" => {
                let author = std::mem::take(&mut self.author);
                channel.authors.push(author);
            }
            _ => {}
        }
    }

    fn author_field(&mut self, name: &str, text: String) {
        match name {
            "wp:author_login" => self.author.0 = text.trim().to_string(),
            "wp:author_display_name" => self.author.1 = text.trim().to_string(),
            _ => {}
        }
    }

    fn item_field(&mut self, name: &str, text: String) -> Result<(), WxrError> {
        let start_at = self.start_at;
        let Some(item) = &mut self.item else {
            return Ok(());
        };
        let number = |text: &str| whole_number(name, text, start_at);
        match name {
            "title" => item.title = text.trim().to_string(),
            "link" => item.link = text.trim().to_string(),
            "dc:creator" => item.creator = text.trim().to_string(),
            "content:encoded" => item.content = text,
            "excerpt:encoded" => item.excerpt = text.trim().to_string(),
            "wp:post_id" => item.id = number(&text)?.max(0) as u64,
            "wp:post_date" => {
                item.date = text.trim().to_string();
                item.date_at = start_at;
            }
            "wp:post_date_gmt" => item.date_gmt = text.trim().to_string(),
            "wp:post_name" => item.name = text.trim().to_string(),
            "wp:status" => item.status = text.trim().to_string(),
            "wp:post_parent" => item.parent = number(&text)?.max(0) as u64,
            "wp:menu_order" => item.menu_order = number(&text)?,
            "wp:post_type" => item.post_type = text.trim().to_string(),
            "wp:is_sticky" => item.sticky = text.trim() == "1",
            "wp:attachment_url" => item.attachment_url = text.trim().to_string(),
            "category" => {
                if let Some(mut term) = self.term.take() {
                    term.name = text.trim().to_string();
                    item.terms.push(term);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(self, at: u64) -> Result<Export, WxrError> {
        if !self.seen_root {
            return Err(WxrError {
                at: 0,
                message: Msg::EmptyOrNotXml,
            });
        }
        if let Some(open) = self.stack.last() {
            return Err(WxrError {
                at,
                message: Msg::ExportCutShort {
                    element: open.clone(),
                },
            });
        }
        Ok(self.export)
    }
}

/// The character an entity or character reference (`&amp;`, `&#21327;`) stands for.
fn character(r: &quick_xml::events::BytesRef<'_>, at: u64) -> Result<char, WxrError> {
    let name = r.decode().map_err(|e| not_xml(at, e))?;
    let c = match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => predefined(&name),
    };
    c.ok_or_else(|| WxrError {
        at,
        message: Msg::NotCharacterReference {
            name: name.into_owned(),
        },
    })
}

/// The whole number in element `name` (0 when empty), which starts at `at`.
fn whole_number(name: &str, text: &str, at: u64) -> Result<i64, WxrError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse().map_err(|_| WxrError {
        at,
        message: Msg::ExportNotWholeNumber {
            element: name.to_string(),
            value: t.to_string(),
        },
    })
}

/// The five entities XML predefines.
fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

fn not_xml(at: u64, e: impl std::fmt::Display) -> WxrError {
    WxrError {
        at,
        message: Msg::NotWellFormedXml {
            error: e.to_string(),
        },
    }
}

fn not_wxr(at: u64, found: &str) -> WxrError {
    WxrError {
        at,
        message: Msg::NotWordpressExport {
            start: found.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<title>站</title>\n";

    #[test]
    fn reads_items_terms_and_meta() {
        let xml = format!(
            "{HEAD}<item><title>A &amp; B</title><wp:post_id>7</wp:post_id><category domain=\"post_tag\" nicename=\"x\"><![CDATA[标签]]></category><wp:postmeta><wp:meta_key>_EventAllDay</wp:meta_key><wp:meta_value><![CDATA[yes]]></wp:meta_value></wp:postmeta></item></channel></rss>"
        );
        let export = read(xml.as_bytes()).unwrap();
        assert_eq!(export.channel.title, "站");
        let item = &export.items[0];
        assert_eq!((item.id, item.title.as_str()), (7, "A & B"));
        assert_eq!(item.terms[0].name, "标签");
        assert_eq!(item.meta("_EventAllDay"), Some("yes"));
    }

    #[test]
    fn truncated_and_foreign_files_are_errors() {
        let cut = format!("{HEAD}<item><title>A</title>");
        let err = read(cut.as_bytes()).unwrap_err();
        let element = "item".to_string();
        assert_eq!(err.message, Msg::ExportCutShort { element });
        let err = read("<html><body>x</body></html>".as_bytes()).unwrap_err();
        let start = "<html>".to_string();
        assert_eq!(err.message, Msg::NotWordpressExport { start });
        let other = HEAD.replace("wordpress.org/export/1.2/", "example.org/ns/");
        let err = read(format!("{other}</channel></rss>").as_bytes()).unwrap_err();
        let namespace = "http://example.org/ns/".to_string();
        assert_eq!(err.message, Msg::NotWxrNamespace { namespace });
    }
}
