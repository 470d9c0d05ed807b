//! A page's rendered body as the 公众号 editor keeps it: links it would drop become
//! numbered references, images point at the site's own resized copies by absolute
//! URL with their captions, and what the editor refuses (`<script>`, `<style>`) is
//! left out.
//!
//! Works on the HTML the Markdown stage made (plus any raw HTML an editor wrote), tag
//! by tag like [`crate::render::urls`]: text is never changed.

use crate::escape;
use crate::render::images::Images;
use crate::render::urls;
use crate::text::tag_end;

/// The widest image the edition shows: the 公众号 article column is at most 1080
/// device pixels wide, and larger files only slow the paste.
pub const MAX_IMAGE_WIDTH: u32 = 1080;

/// One numbered reference: a link the editor would drop, listed at the end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    /// Its number, from 1, in order of first appearance.
    pub number: usize,
    /// The full URL, shown as text.
    pub url: String,
}

/// Where the body is shown from, to make its URLs absolute.
pub struct Place<'a> {
    /// The page's root-relative URL (`/news/a/`).
    pub page_url: &'a str,
    /// The page's absolute URL.
    pub permalink: &'a str,
    /// Scheme and host of the site (`https://host`).
    pub origin: &'a str,
    /// The site's images and their resized copies.
    pub images: &'a Images,
}

/// The body made ready for the edition.
#[derive(Debug, PartialEq, Eq)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// The references its links became, in number order.
    pub references: Vec<Reference>,
}

/// What became of the `<a>` being read.
enum Link {
    /// Kept as a link (`mp.weixin.qq.com`).
    Kept,
    /// Dropped; its reference number follows the text.
    Numbered(usize),
    /// Dropped without a trace (a link within the page).
    Dropped,
}

/// Makes `html` (a page's body) ready for the edition; see the module doc.
pub fn transform(html: &str, place: &Place) -> Body {
    let mut t = Transform {
        out: String::with_capacity(html.len() + html.len() / 4),
        references: Vec::new(),
        link: None,
        place,
    };
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        t.out.push_str(&rest[..start]);
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        rest = t.tag(rest);
    }
    t.out.push_str(rest);
    Body {
        html: t.out,
        references: t.references,
    }
}

/// The body being made: the HTML so far, the references, the link open.
struct Transform<'a> {
    /// The edition's HTML so far.
    out: String,
    /// The links turned into numbered references so far.
    references: Vec<Reference>,
    /// What became of the link open at this point, if any.
    link: Option<Link>,
    /// Where the page is.
    place: &'a Place<'a>,
}

impl Transform<'_> {
    /// Writes the tag at the start of `rest` as the edition has it (a `<script>` or
    /// `<style>` element and a paragraph holding only an image whole); what follows.
    fn tag<'h>(&mut self, rest: &'h str) -> &'h str {
        let end = tag_end(rest);
        let tag = &rest[..end];
        let name = tag_name(tag);
        match name.as_str() {
            "script" | "style" => {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                return match lower.find(&close) {
                    Some(i) => &rest[i + tag_end(&rest[i..])..],
                    None => "",
                };
            }
            "p" => {
                if let Some((figure, len)) = lone_image(rest, self.place) {
                    self.out.push_str(&figure);
                    return &rest[len..];
                }
                self.out.push_str(tag);
            }
            "img" => self.out.push_str(&image(tag, self.place).0),
            "a" => {
                let href = attribute(tag, "href").unwrap_or_default();
                let (kept, opened) = open_link(&href, self.place, &mut self.references);
                self.out.push_str(&opened);
                self.link = Some(kept);
            }
            "/a" => match self.link.take() {
                Some(Link::Kept) => self.out.push_str("</a>"),
                Some(Link::Numbered(n)) => self.out.push_str(&format!("<sup>[{n}]</sup>")),
                Some(Link::Dropped) | None => {}
            },
            _ => self.out.push_str(&without_id(tag)),
        }
        &rest[end..]
    }
}

/// The lower-case name of the tag at the start of `tag` (`p`, `/a`, `img`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// `tag` without its `id` attribute (headings have one for their anchors): the
/// editor drops ids, and nothing in the edition links to them.
fn without_id(tag: &str) -> std::borrow::Cow<'_, str> {
    let Some(at) = tag.find(" id=\"") else {
        return tag.into();
    };
    let value = at + " id=\"".len();
    match tag[value..].find('"') {
        Some(len) => format!("{}{}", &tag[..at], &tag[value + len + 1..]).into(),
        None => tag.into(),
    }
}

/// The value of attribute `name` in `tag`, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let after = tag[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value = after[1..].trim_start();
        let quote = value.chars().next()?;
        let text = if quote == '"' || quote == '\'' {
            let inner = &value[1..];
            &inner[..inner.find(quote)?]
        } else {
            let len = value
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(value.len());
            &value[..len]
        };
        return Some(escape::decode_entities(text));
    }
    None
}

/// The opening tag to write for a link to `href`, and what became of the link.
fn open_link(href: &str, place: &Place, references: &mut Vec<Reference>) -> (Link, String) {
    if href.is_empty() || href.starts_with('#') {
        return (Link::Dropped, String::new());
    }
    let url = urls::absolute(href, place.permalink, place.origin).unwrap_or_else(|| {
        if href.starts_with("//") {
            format!("https:{href}")
        } else {
            href.to_string()
        }
    });
    if is_wechat_article(&url) {
        return (Link::Kept, format!("<a href=\"{}\">", escape::html(&url)));
    }
    let number = match references.iter().find(|r| r.url == url) {
        Some(r) => r.number,
        None => {
            let number = references.len() + 1;
            references.push(Reference { number, url });
            number
        }
    };
    (Link::Numbered(number), String::new())
}

/// Whether `url` is an article of a WeChat official account, the one kind of link
/// the 公众号 editor keeps.
fn is_wechat_article(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.eq_ignore_ascii_case("mp.weixin.qq.com")
    })
}

/// The `<img>` to write for `tag`, and its caption (the title, else the alt text).
fn image(tag: &str, place: &Place) -> (String, Option<String>) {
    let src = attribute(tag, "src").unwrap_or_default();
    let alt = attribute(tag, "alt").unwrap_or_default();
    let caption = attribute(tag, "title")
        .filter(|t| !t.trim().is_empty())
        .or_else(|| Some(alt.clone()).filter(|a| !a.trim().is_empty()));
    let url = image_url(&src, place);
    (
        format!(
            "<img src=\"{}\" alt=\"{}\">",
            escape::html(&url),
            escape::html(&alt)
        ),
        caption,
    )
}

/// The absolute URL of the copy of image `src` the edition shows: the original when
/// it is at most [`MAX_IMAGE_WIDTH`] wide, else the widest resized copy within it.
fn image_url(src: &str, place: &Place) -> String {
    let chosen = match place.images.find(src, place.page_url) {
        Some(info) if info.width > MAX_IMAGE_WIDTH => info
            .srcset
            .split(", ")
            .filter_map(|entry| {
                let (url, width) = entry.rsplit_once(' ')?;
                let width: u32 = width.strip_suffix('w')?.parse().ok()?;
                (width <= MAX_IMAGE_WIDTH).then(|| (width, url.to_string()))
            })
            .max()
            .map_or_else(|| info.src.clone(), |(_, url)| url),
        _ => src.to_string(),
    };
    urls::absolute(&chosen, place.permalink, place.origin).unwrap_or(chosen)
}

/// A paragraph holding one image and nothing else, at the start of `rest`: the
/// figure to write instead (the image with its caption) and the paragraph's length.
fn lone_image(rest: &str, place: &Place) -> Option<(String, usize)> {
    let open = tag_end(rest);
    let inside = &rest[open..];
    let lead = inside.len() - inside.trim_start().len();
    let img = &inside[lead..];
    if tag_name(img) != "img" {
        return None;
    }
    let img_len = tag_end(img);
    let after = &img[img_len..];
    let trail = after.len() - after.trim_start().len();
    let close = &after[trail..];
    if tag_name(close) != "/p" {
        return None;
    }
    let (tag, caption) = image(&img[..img_len], place);
    let caption = caption
        .map(|c| format!("<figcaption>{}</figcaption>", escape::html_text(&c)))
        .unwrap_or_default();
    let len = open + lead + img_len + trail + tag_end(close);
    Some((format!("<figure>{tag}{caption}</figure>"), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(images: &Images) -> Place<'_> {
        Place {
            page_url: "/kepu/news/a/",
            permalink: "https://x.org/kepu/news/a/",
            origin: "https://x.org",
            images,
        }
    }

    #[test]
    fn outside_and_own_links_become_numbered_references() {
        let images = Images::default();
        let body = transform(
            "<p><a href=\"https://other.org/a?x=1&amp;y=2\">外</a>、<a href=\"/kepu/about/\">关于</a>、\
             <a href=\"https://other.org/a?x=1&amp;y=2\">再</a>、<a href=\"#top\">顶</a>、\
             <a href=\"https://mp.weixin.qq.com/s/abc\">公众号</a></p>",
            &place(&images),
        );
        assert_eq!(
            body.html,
            "<p>外<sup>[1]</sup>、关于<sup>[2]</sup>、再<sup>[1]</sup>、顶、\
             <a href=\"https://mp.weixin.qq.com/s/abc\">公众号</a></p>"
        );
        let urls: Vec<&str> = body.references.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://other.org/a?x=1&y=2", "https://x.org/kepu/about/"]
        );
    }

    #[test]
    fn a_lone_image_becomes_a_figure_with_its_caption() {
        let images = Images::default();
        let body = transform(
            "<p><img src=\"poster.jpg\" alt=\"海报\" title=\"活动海报\" /></p>\n<p>文<img src=\"/i.png\" alt=\"\">字</p>",
            &place(&images),
        );
        assert_eq!(
            body.html,
            "<figure><img src=\"https://x.org/kepu/news/a/poster.jpg\" alt=\"海报\"><figcaption>活动海报</figcaption></figure>\n\
             <p>文<img src=\"https://x.org/i.png\" alt=\"\">字</p>"
        );
    }

    #[test]
    fn scripts_styles_comments_and_ids_are_left_out() {
        let images = Images::default();
        let body = transform(
            "<h2 id=\"huo-dong\">a</h2><SCRIPT>alert(1)</SCRIPT><style>p{}</style><!-- x --><p>b</p>",
            &place(&images),
        );
        assert_eq!(body.html, "<h2>a</h2><p>b</p>");
    }
}
