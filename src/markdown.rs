//! Markdown to HTML: the one place where pulldown-cmark's options live.
//!
//! Called by `site` once every page's URL is known, so that `@/path.md#anchor` links
//! resolve. Besides the HTML it returns what templates and checks need: the summary
//! above `<!-- more -->`, a table of contents, heading ids, plain text for counting,
//! and every internal link with its position.
//!
//! Two things CommonMark gets wrong for Chinese are fixed here: a soft line break
//! between two CJK characters becomes nothing (not a space), and emphasis next to
//! full-width punctuation (`**加粗，**文字`) is recognised.

use std::borrow::Cow;
use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text::is_cjk;

/// A heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` of the heading element, unique in the page.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Headings nested under this one.
    pub children: Vec<Heading>,
}

/// An `@/path.md#anchor` link found in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The content path after `@/` (`news/a.md`).
    pub target: String,
    /// The part after `#`, if any.
    pub anchor: Option<String>,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
    /// Whether the target page exists.
    pub resolved: bool,
}

/// What a plain Markdown link or image (not `@/`) names, as the editor wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// The destination as written (`活动 照片 1.jpg`, `/events/x/#报名`, `https://…`),
    /// before a root-relative one is put under the site's sub-path.
    pub dest: String,
    /// Byte offset of the destination in the Markdown text.
    pub offset: usize,
    /// What kind of destination it is.
    pub kind: LinkKind,
}

/// How a [`WrittenLink`] was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`.
    Link,
    /// `![alt](dest)`.
    Image,
    /// `[text](活动 照片 1.jpg)`: a destination with spaces and without `<…>`, which
    /// CommonMark does not take as a link: it is shown as plain text.
    Spaced,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole body as HTML.
    pub html: String,
    /// HTML above `<!-- more -->`, when the marker is there.
    pub summary: Option<String>,
    /// Table of contents, nested by level.
    pub toc: Vec<Heading>,
    /// Every `id` a link may target (headings, footnotes).
    pub anchors: Vec<String>,
    /// The text without markup, for word counts and search.
    pub text: String,
    /// Every internal link.
    pub links: Vec<InternalLink>,
    /// Every other link and image, and every link that failed for its spaces.
    pub written: Vec<WrittenLink>,
}

/// The marker that ends the summary.
const MORE: &str = "<!-- more -->";
/// A comment that cannot come from Markdown, put where the marker was, to split on.
const SENTINEL: &str = "<!--kepu:more-->";
/// Inserted next to emphasis delimiters that touch CJK punctuation, removed after parsing.
const HAIR_SPACE: char = '\u{200A}';

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Parser events with their byte ranges in the prepared text.
type Events<'a> = Vec<(Event<'a>, std::ops::Range<usize>)>;

/// Renders a Markdown body. `resolve` maps a content path (`news/a.md`) to its URL;
/// `prefix` is the path of `base_url` (`/assoc`, or empty), put before root-relative
/// links (`/events/` → `/assoc/events/`) so that they work on a site under a sub-path.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Option<String>, prefix: &str) -> Rendered {
    let prepared = cjk_friendly_emphasis(body);
    let mut events: Events = Parser::new_ext(&prepared, options())
        .into_offset_iter()
        .collect();
    let mut walk = Walk {
        body,
        prepared: &prepared,
        inserted: matches!(prepared, Cow::Owned(_)),
        resolve,
        prefix,
        // Explicit heading ids first, so generated ones never take them.
        used_ids: explicit_ids(&events),
        links: Vec::new(),
        written: Vec::new(),
        anchors: Vec::new(),
        headings: Vec::new(),
        text: String::new(),
        depth: 0,
        more_at: None,
        text_ranges: Vec::new(),
        in_code_block: false,
    };
    for i in 0..events.len() {
        walk.visit(&mut events, i);
    }
    walk.finish(events)
}

/// The ids written on headings (`## Title {#id}`).
fn explicit_ids(events: &Events) -> HashSet<String> {
    events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// One pass over the events: rewrites links, heading ids, CJK line breaks and the
/// `<!-- more -->` marker in place, and gathers what [`Rendered`] carries besides
/// the HTML.
struct Walk<'a> {
    /// The Markdown as written (offsets in messages point here).
    body: &'a str,
    /// The Markdown as parsed (with hair spaces next to CJK emphasis).
    prepared: &'a str,
    /// Whether `prepared` has hair spaces to take out of the text again.
    inserted: bool,
    resolve: &'a dyn Fn(&str) -> Option<String>,
    prefix: &'a str,
    used_ids: HashSet<String>,
    links: Vec<InternalLink>,
    written: Vec<WrittenLink>,
    anchors: Vec<String>,
    /// Level, id and title of each heading.
    headings: Vec<(u8, String, String)>,
    text: String,
    /// How many elements are open (the marker counts only at the top level).
    depth: usize,
    /// Index of the event of the `<!-- more -->` marker.
    more_at: Option<usize>,
    /// Source ranges of text outside code blocks, where a spaced link may hide.
    text_ranges: Vec<std::ops::Range<usize>>,
    in_code_block: bool,
}

impl Walk<'_> {
    /// Handles event `i`.
    fn visit(&mut self, events: &mut Events, i: usize) {
        // HTML blocks wrap `<!-- more -->` on its own line; they don't count as nesting.
        let opens = matches!(events[i].0, Event::Start(_))
            && !matches!(events[i].0, Event::Start(Tag::HtmlBlock));
        if matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            self.heading(events, i);
        }
        match &events[i].0 {
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Text(_) if !self.in_code_block => {
                push_range(&mut self.text_ranges, &events[i].1)
            }
            _ => {}
        }
        self.content(events, i);
        if opens {
            self.depth += 1;
        }
    }

    /// A heading: its id (the written one, or a new unique one put on the event), its
    /// anchor and its table-of-contents entry.
    fn heading(&mut self, events: &mut Events, i: usize) {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
            return;
        };
        let (level, explicit) = (heading_level(*level), id.as_ref().map(|id| id.to_string()));
        let title = heading_text(&events[i + 1..]);
        let heading_id = match explicit {
            Some(id) => id,
            None => {
                let id_text = unique_id(&heading_slug(&title), &mut self.used_ids);
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                    *id = Some(CowStr::from(id_text.clone()));
                }
                id_text
            }
        };
        self.anchors.push(heading_id.clone());
        self.headings.push((level, heading_id, title));
    }

    /// Links, footnotes, text and the marker.
    fn content(&mut self, events: &mut Events, i: usize) {
        match &mut events[i].0 {
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                self.link(events, i)
            }
            Event::Start(Tag::FootnoteDefinition(name)) => self.anchors.push(name.to_string()),
            Event::SoftBreak => self.soft_break(events, i),
            Event::HardBreak => self.text.push('\n'),
            Event::Text(t) | Event::Code(t) => {
                if self.inserted && t.contains(HAIR_SPACE) {
                    *t = CowStr::from(t.replace(HAIR_SPACE, ""));
                }
                self.text.push_str(t);
            }
            Event::Html(h) | Event::InlineHtml(h)
                if h.trim() == MORE && self.depth == 0 && self.more_at.is_none() =>
            {
                self.more_at = Some(i);
                events[i].0 = Event::Html(CowStr::Borrowed(SENTINEL));
            }
            Event::End(TagEnd::HtmlBlock) => {}
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                if is_block_end(end) && !self.text.ends_with('\n') && !self.text.is_empty() {
                    self.text.push('\n');
                }
            }
            _ => {}
        }
    }

    /// A link or image: `@/` ones are resolved, others recorded (and put under the
    /// prefix when root-relative).
    fn link(&mut self, events: &mut Events, i: usize) {
        let (event, range) = &mut events[i];
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            return;
        };
        if let Some(rest) = dest_url.strip_prefix("@/") {
            let url = self.internal_link(rest, range.start);
            *dest_url = CowStr::from(url);
        } else if !dest_url.is_empty() {
            let image = matches!(event, Event::Start(Tag::Image { .. }));
            self.written.push(plain_link(
                self.body,
                self.prepared,
                range.clone(),
                image,
                self.prefix,
                event,
            ));
        }
    }

    /// Records an `@/path.md#anchor` link at `offset` and returns its URL (empty when
    /// the page is unknown).
    fn internal_link(&mut self, rest: &str, offset: usize) -> String {
        let (target, anchor) = match rest.split_once('#') {
            Some((t, a)) => (t.to_string(), Some(a.to_string())),
            None => (rest.to_string(), None),
        };
        let target = crate::escape::percent_decode_lossy(&target);
        let anchor = anchor.map(|a| crate::escape::percent_decode_lossy(&a));
        let url = (self.resolve)(&target);
        self.links.push(InternalLink {
            target,
            anchor: anchor.clone(),
            offset: original_offset(self.body, self.prepared, offset),
            resolved: url.is_some(),
        });
        let mut url = url.unwrap_or_default();
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(&anchor);
        }
        url
    }

    /// A soft line break between two CJK characters is nothing, not a space.
    fn soft_break(&mut self, events: &mut Events, i: usize) {
        let before = last_char(&self.text);
        let after = next_char(&events[i + 1..]);
        if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
            events[i].0 = Event::Text(CowStr::Borrowed(""));
        } else {
            self.text.push(' ');
        }
    }

    /// The HTML, cut at the marker for the summary, with everything gathered.
    fn finish(self, events: Events) -> Rendered {
        let mut html = String::with_capacity(self.body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        let summary = self.more_at.and_then(|_| {
            let cut = html.find(SENTINEL)?;
            Some(html[..cut].trim_end().to_string())
        });
        if summary.is_some() {
            html = html.replacen(SENTINEL, "", 1);
        }
        let mut written = self.written;
        written.extend(spaced_links(self.body, self.prepared, &self.text_ranges));
        Rendered {
            html,
            summary,
            toc: nest(self.headings),
            anchors: self.anchors,
            text: self.text,
            links: self.links,
            written,
        }
    }
}

/// Records a plain link or image and puts a root-relative destination under `prefix`.
fn plain_link(
    body: &str,
    prepared: &str,
    range: std::ops::Range<usize>,
    image: bool,
    prefix: &str,
    event: &mut Event,
) -> WrittenLink {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        event
    else {
        unreachable!("plain_link is called for links and images only");
    };
    let dest = dest_url.to_string();
    // The destination follows the last `](` of the link's text; a reference link
    // (`[text][ref]`) has none and is placed at its start.
    let source = &prepared[range.clone()];
    let at = source.rfind("](").map_or(0, |i| {
        let after = &source[i + 2..];
        i + 2 + (after.len() - after.trim_start_matches([' ', '\n', '<']).len())
    });
    if !prefix.is_empty() && is_root_relative(&dest) && !under(&dest, prefix) {
        *dest_url = CowStr::from(format!("{prefix}{dest}"));
    }
    WrittenLink {
        dest,
        offset: original_offset(body, prepared, range.start + at),
        kind: if image {
            LinkKind::Image
        } else {
            LinkKind::Link
        },
    }
}

/// Adds a text event's source range, joined to the one before when they touch.
fn push_range(ranges: &mut Vec<std::ops::Range<usize>>, range: &std::ops::Range<usize>) {
    match ranges.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => ranges.push(range.clone()),
    }
}

/// Links CommonMark did not take because their destination has spaces
/// (`![照片](活动 照片 1.jpg)`): `[…](…)` on one line of plain text, with a space and
/// no quotes in the parentheses.
fn spaced_links(body: &str, prepared: &str, ranges: &[std::ops::Range<usize>]) -> Vec<WrittenLink> {
    let mut found = Vec::new();
    for range in ranges {
        let text = &prepared[range.clone()];
        for (i, _) in text.match_indices("](") {
            let opened = text[..i]
                .rfind(['[', '\n'])
                .is_some_and(|j| text.as_bytes()[j] == b'[');
            let rest = &text[i + 2..];
            let Some(end) = rest
                .find([')', '\n'])
                .filter(|&e| rest.as_bytes()[e] == b')')
            else {
                continue;
            };
            let dest = rest[..end].trim();
            if opened && dest.contains(' ') && !dest.contains(['"', '\'', '<']) {
                let offset = range.start + i + 2 + (rest.len() - rest.trim_start().len());
                found.push(WrittenLink {
                    dest: dest.to_string(),
                    offset: original_offset(body, prepared, offset),
                    kind: LinkKind::Spaced,
                });
            }
        }
    }
    found
}

/// `/events/x/`, not `//cdn.example.org/x`.
fn is_root_relative(dest: &str) -> bool {
    dest.starts_with('/') && !dest.starts_with("//")
}

/// Whether a root-relative path is already under the site's sub-path.
fn under(dest: &str, prefix: &str) -> bool {
    dest.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '#', '?']))
}

/// The same body with its HTML cleaned by ammonia (a well-kept, html5ever-based
/// sanitizer): scripts, event handlers, `javascript:` URLs and unknown tags go; what
/// Markdown itself produces (heading ids, footnotes, task-list boxes, code classes)
/// stays. Used when site.toml says `safe_html = true`.
pub fn sanitized(mut rendered: Rendered) -> Rendered {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("a", ["class"])
        .id_prefix(None)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None);
    rendered.html = builder.clean(&rendered.html).to_string();
    rendered.summary = rendered.summary.map(|s| builder.clean(&s).to_string());
    rendered
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::CodeBlock
            | TagEnd::TableRow
            | TagEnd::BlockQuote(_)
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of a heading: the Text and Code events up to its end.
fn heading_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    let mut title = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            _ => {}
        }
    }
    title.replace(HAIR_SPACE, "").trim().to_string()
}

/// A heading id that keeps Chinese as it is and lower-cases Latin: `活动内容`,
/// `2018-plan`. Browsers percent-encode it in links; every static host serves it.
pub fn heading_slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or_default()
}

/// Turns the flat list of headings into a tree.
fn nest(headings: Vec<(u8, String, String)>) -> Vec<Heading> {
    fn insert(list: &mut Vec<Heading>, heading: Heading) {
        if let Some(last) = list.last_mut()
            && last.level < heading.level
        {
            insert(&mut last.children, heading);
            return;
        }
        list.push(heading);
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings {
        insert(
            &mut toc,
            Heading {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}

fn last_char(text: &str) -> Option<char> {
    text.chars().last()
}

/// The first character of text after a soft break, looking past inline tags.
fn next_char(events: &[(Event, std::ops::Range<usize>)]) -> Option<char> {
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = t.chars().find(|c| *c != HAIR_SPACE) {
                    return Some(c);
                }
            }
            Event::Start(_) | Event::End(_) => {}
            _ => return None,
        }
    }
    None
}

/// Maps an offset in the prepared text back to the original (hair spaces removed).
fn original_offset(original: &str, prepared: &str, offset: usize) -> usize {
    if original.len() == prepared.len() {
        return offset;
    }
    let inserted = prepared[..offset.min(prepared.len())]
        .matches(HAIR_SPACE)
        .count();
    offset.saturating_sub(inserted * HAIR_SPACE.len_utf8())
}

/// Inserts a hair space (Unicode white space, removed again after parsing) beside `*`
/// delimiter runs that CommonMark would not accept because they touch CJK punctuation:
/// a closing run after punctuation and before a letter (`**加粗，**文字`), or an
/// opening run after a letter and before punctuation (`文字**「引用」**`).
fn cjk_friendly_emphasis(body: &str) -> Cow<'_, str> {
    if body.contains(HAIR_SPACE) || !body.contains('*') || !body.chars().any(is_cjk) {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + 16);
    let mut in_fence = false;
    let mut changed = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !line.contains('*') {
            out.push_str(line);
            continue;
        }
        changed |= fix_line(line, &mut out);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(body)
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || (is_cjk(c) && !c.is_alphanumeric())
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…')
}

fn fix_line(line: &str, out: &mut String) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let mut changed = false;
    let mut open_runs: Vec<usize> = Vec::new(); // lengths of runs seen as openers
    let mut in_code = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
        }
        if c != '*' || in_code {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == '*' {
            i += 1;
        }
        let before = if start == 0 {
            None
        } else {
            Some(chars[start - 1])
        };
        let after = chars.get(i).copied();
        changed |= star_run(before, after, i - start, &mut open_runs, out);
    }
    changed
}

/// Writes a run of `len` stars between `before` and `after`: with a hair space on
/// its outer side when, next to Chinese text, CommonMark would not take it for the
/// emphasis it closes (or opens). Whether it added one.
fn star_run(
    before: Option<char>,
    after: Option<char>,
    len: usize,
    open_runs: &mut Vec<usize>,
    out: &mut String,
) -> bool {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let touches_cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
    let stars = std::iter::repeat_n('*', len);
    if open_runs.last() == Some(&len) {
        open_runs.pop();
        // Not right-flanking: after punctuation, before a letter.
        if touches_cjk && before.is_some_and(is_punct) && !ws(after) && !after.is_some_and(is_punct)
        {
            out.extend(stars);
            out.push(HAIR_SPACE);
            return true;
        }
    } else if !ws(after) {
        open_runs.push(len);
        // Not left-flanking: after a letter, before punctuation.
        if touches_cjk
            && after.is_some_and(is_punct)
            && !ws(before)
            && !before.is_some_and(is_punct)
        {
            out.push(HAIR_SPACE);
            out.extend(stars);
            return true;
        }
    }
    out.extend(stars);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(md, &|_| None, "").html
    }

    #[test]
    fn safe_html_removes_scripts_but_keeps_markdown_output() {
        let r = sanitized(render(
            "## 标题\n\n<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">链接</a>\n\n- [x] 完成\n",
            &|_| None,
            "",
        ));
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"标题\">"), "{}", r.html);
        assert!(r.html.contains("checked"), "{}", r.html);
    }

    #[test]
    fn soft_break_between_chinese_is_not_a_space() {
        assert_eq!(html("科学\n普及"), "<p>科学普及</p>\n");
        assert_eq!(html("science\npopular"), "<p>science\npopular</p>\n");
        assert_eq!(html("科学\n**普及**"), "<p>科学<strong>普及</strong></p>\n");
    }

    #[test]
    fn emphasis_next_to_full_width_punctuation() {
        assert_eq!(
            html("**加粗，**文字"),
            "<p><strong>加粗，</strong>文字</p>\n"
        );
        assert_eq!(
            html("文字**「引用」**文字"),
            "<p>文字<strong>「引用」</strong>文字</p>\n"
        );
        assert_eq!(html("**普通**文字"), "<p><strong>普通</strong>文字</p>\n");
        assert_eq!(
            html("`**加粗，**文字`"),
            "<p><code>**加粗，**文字</code></p>\n"
        );
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let r = render(
            "# 活动内容\n\n## 参与方式\n\n## 参与方式\n\n## Sign up {#join}\n",
            &|_| None,
            "",
        );
        assert!(r.html.contains("<h1 id=\"活动内容\">"));
        assert!(r.html.contains("<h2 id=\"参与方式-1\">"));
        assert!(r.html.contains("<h2 id=\"join\">"));
        assert_eq!(r.toc.len(), 1);
        assert_eq!(r.toc[0].children.len(), 3);
    }

    #[test]
    fn summary_is_above_the_more_marker() {
        let r = render("第一段。\n\n<!-- more -->\n\n第二段。\n", &|_| None, "");
        assert_eq!(r.summary.as_deref(), Some("<p>第一段。</p>"));
        assert!(!r.html.contains("more"));
        assert!(r.html.contains("第二段"));
    }

    #[test]
    fn internal_links_resolve_with_anchor() {
        let r = render(
            "见 [入会](@/about/join.md#benefits) 和 [无](@/missing.md)。",
            &|p| (p == "about/join.md").then(|| "/about/join/".to_string()),
            "",
        );
        assert!(r.html.contains("href=\"/about/join/#benefits\""));
        assert_eq!(r.links.len(), 2);
        assert!(r.links[0].resolved);
        assert_eq!(r.links[0].anchor.as_deref(), Some("benefits"));
        assert!(!r.links[1].resolved);
        assert_eq!(
            r.links[1].offset,
            "见 [入会](@/about/join.md#benefits) 和 ".len()
        );
    }
}
