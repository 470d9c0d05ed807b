//! HTML → Markdown for imported bodies, behind one module: the only place that knows
//! the converter crate (htmd). Before converting, it undoes what WordPress and WeChat
//! add around the HTML: WordPress's paragraphs written as blank lines (`wpautop`),
//! Gutenberg's `<!-- wp:… -->` block comments, `<!--more-->`, `[caption]` shortcodes
//! (the caption becomes the image's title); every `src`/`href` goes through a callback
//! so the importer can point images at the bundle's own copies.
//!
//! Why htmd: it is kept up to date, turns tables into the GFM tables kepu's
//! pulldown-cmark renders, and escapes text so that it renders as it read.

use htmd::HtmlToMarkdown;
use htmd::options::{BrStyle, BulletListMarker, Options};

/// A body converted to Markdown, with what could not be converted.
#[derive(Debug, Default)]
pub struct Converted {
    /// The Markdown.
    pub markdown: String,
    /// Names of shortcodes kept as text (`gallery`, `contact-form-7`), each once.
    pub shortcodes: Vec<String>,
}

/// Tags whose contents are dropped: they are code or layout, never text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "head", "title"];

/// The marker `<!--more-->` becomes while the body is converted.
const MORE: &str = "KEPUMOREMARKER";

/// Converts a WordPress body. `link` maps every `src`/`href` value (unescaped) to the
/// one to write, or `None` to keep it.
pub fn wordpress(html: &str, link: &mut dyn FnMut(&str) -> Option<String>) -> Converted {
    let html = drop_block_comments(html);
    let html = captions(&html);
    let html = autop(&html);
    let shortcodes = unknown_shortcodes(&html);
    let html = rewrite_urls(&html, link);
    Converted {
        markdown: to_markdown(&html),
        shortcodes,
    }
}

/// Converts an HTML fragment with no WordPress conventions (a WeChat article body).
pub fn fragment(html: &str, link: &mut dyn FnMut(&str) -> Option<String>) -> String {
    to_markdown(&rewrite_urls(html, link))
}

/// htmd with kepu's Markdown style: `-` bullets, `#` headings, `\` line breaks.
fn to_markdown(html: &str) -> String {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        br_style: BrStyle::Backslash,
        ..Options::default()
    };
    let converter = HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(SKIPPED.to_vec())
        .build();
    // htmd only fails when its writer fails, and it writes into a String.
    let markdown = converter.convert(html).unwrap_or_default();
    let mut out = String::with_capacity(markdown.len() + 1);
    for line in markdown.lines() {
        if line.trim() == MORE {
            out.push_str("<!-- more -->");
        } else {
            out.push_str(line.trim_end_matches(' '));
        }
        out.push('\n');
    }
    out.trim().to_string() + "\n"
}

/// Drops `<!-- wp:… -->` and `<!-- /wp:… -->`; `<!--more-->` becomes [`MORE`].
fn drop_block_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find("-->") else {
            rest = &rest[i..];
            break;
        };
        let inner = rest[i + 4..i + end].trim();
        if inner == "more" || inner.starts_with("more ") {
            out.push_str("\n\n<p>");
            out.push_str(MORE);
            out.push_str("</p>\n\n");
        }
        rest = &rest[i + end + 3..];
    }
    out.push_str(rest);
    out
}

/// `[caption …]<img …> Text[/caption]` → `<p><img … title="Text"></p>`.
fn captions(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("[caption") {
        let Some(open_end) = rest[i..].find(']').map(|e| i + e) else {
            break;
        };
        let Some(close) = rest[open_end..].find("[/caption]").map(|c| open_end + c) else {
            break;
        };
        out.push_str(&rest[..i]);
        let attrs = &rest[i + 8..open_end];
        let inner = &rest[open_end + 1..close];
        out.push_str(&caption(attrs, inner));
        rest = &rest[close + "[/caption]".len()..];
    }
    out.push_str(rest);
    out
}

/// One caption: the text after the image (or the old `caption="…"` attribute) as
/// the image's title.
fn caption(attrs: &str, inner: &str) -> String {
    let img_end = inner
        .rfind("</a>")
        .map(|e| e + 4)
        .or_else(|| {
            inner
                .find("<img")
                .and_then(|s| inner[s..].find('>').map(|e| s + e + 1))
        })
        .unwrap_or(0);
    let (image, text) = inner.split_at(img_end);
    let mut text = strip_tags(text).trim().to_string();
    if text.is_empty() {
        text = attr(attrs, "caption").unwrap_or_default();
    }
    let title = text.replace('"', "&quot;");
    // WordPress wraps a captioned image in a link to its full size: the image is enough.
    let image = match image.find("<img") {
        Some(s) if image.trim_start().starts_with("<a") => {
            let end = image[s..].find('>').map_or(image.len(), |e| s + e + 1);
            &image[s..end]
        }
        _ => image,
    };
    let image = match image.find("<img") {
        Some(s) if !title.is_empty() => {
            [&image[..s], "<img title=\"", &title, "\"", &image[s + 4..]].concat()
        }
        _ => image.to_string(),
    };
    format!("\n\n<p>{image}</p>\n\n")
}

/// The value of `name="…"` in a shortcode's or tag's attributes.
pub fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = attrs[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before_ok = i == 0 || attrs[..i].ends_with(|c: char| c.is_whitespace());
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let quote = rest.chars().next()?;
        if quote == '"' || quote == '\'' {
            let end = rest[1..].find(quote)?;
            return Some(decode_entities(&rest[1..1 + end]));
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == ']')
            .unwrap_or(rest.len());
        return Some(decode_entities(&rest[..end]));
    }
    None
}

/// The text of an HTML snippet: tags and comments removed ([`crate::text::strip_tags`]),
/// then every character reference an editor's HTML may use decoded.
pub fn strip_tags(html: &str) -> String {
    decode_entities(&crate::text::strip_tags(html))
}

/// Decodes the character references an editor's HTML uses.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        _ => return None,
    })
}

/// Block-level tags: a chunk starting with one is not wrapped in `<p>`.
const BLOCKS: &[&str] = &[
    "<p",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "<ul",
    "<ol",
    "<li",
    "<table",
    "<thead",
    "<tbody",
    "<tr",
    "<td",
    "<th",
    "<blockquote",
    "<div",
    "<figure",
    "<pre",
    "<hr",
    "<section",
    "<dl",
    "<iframe",
    "</",
];

/// WordPress's `wpautop`, simplified: text separated by blank lines becomes
/// paragraphs, and a single newline inside one a line break.
fn autop(html: &str) -> String {
    let html = html.replace("\r\n", "\n");
    let mut out = String::with_capacity(html.len() + 64);
    for chunk in html.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let lower = chunk.to_ascii_lowercase();
        if BLOCKS.iter().any(|b| lower.starts_with(b)) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>"));
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

/// The names of `[shortcodes]` left in the text, each once, in order.
fn unknown_shortcodes(html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('[') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        let after = rest[name.len()..].chars().next();
        let looks_like = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && matches!(after, Some(' ' | ']' | '/'));
        if looks_like && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Passes every `src="…"` and `href="…"` value through `link`; drops `srcset`, whose
/// sizes would point at the old site.
fn rewrite_urls(html: &str, link: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["src=\"", "href=\"", "srcset=\"", "src='", "href='"]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, *p)))
            .min_by_key(|(i, p)| (*i, std::cmp::Reverse(p.len())));
        let Some((i, pattern)) = next else {
            break;
        };
        let boundary = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        let start = i + pattern.len();
        let quote = pattern.chars().last().unwrap_or('"');
        let Some(len) = rest[start..].find(quote) else {
            break;
        };
        let value = &rest[start..start + len];
        if !boundary {
            out.push_str(&rest[..start + len]);
        } else if pattern.starts_with("srcset") {
            out.push_str(&rest[..i]);
        } else {
            let url = decode_entities(value);
            let new = link(&url).unwrap_or(url);
            out.push_str(&rest[..start]);
            out.push_str(&new.replace('&', "&amp;").replace(quote, "&quot;"));
        }
        rest = &rest[start + len..];
        if pattern.starts_with("srcset") && boundary {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> Converted {
        wordpress(html, &mut |_| None)
    }

    #[test]
    fn classic_paragraphs_and_gutenberg_comments() {
        let out = md(
            "<!-- wp:paragraph -->\n<p>一段</p>\n<!-- /wp:paragraph -->\n\nTwo\nlines\n\n<!--more-->\n\n<h2>Head</h2>",
        );
        assert_eq!(
            out.markdown,
            "一段\n\nTwo\\\nlines\n\n<!-- more -->\n\n## Head\n"
        );
    }

    #[test]
    fn captions_become_titles_and_unknown_shortcodes_are_kept() {
        let out = md(
            "[caption id=\"attachment_1\" width=\"300\"]<img src=\"a.jpg\" alt=\"A\" /> 科普 \"日\"[/caption]\n\n[gallery ids=\"1,2\"]",
        );
        assert_eq!(
            out.markdown,
            "![A](a.jpg \"科普 \\\"日\\\"\")\n\n\\[gallery ids=\"1,2\"\\]\n"
        );
        assert_eq!(out.shortcodes, ["gallery"]);
    }

    #[test]
    fn links_are_rewritten_and_srcset_dropped() {
        let out = wordpress(
            "<p><img src=\"http://old/a-300x200.jpg\" srcset=\"x 300w\" alt=\"\"></p>",
            &mut |u| Some(u.replace("http://old/", "")),
        );
        assert_eq!(out.markdown, "![](a-300x200.jpg)\n");
    }
}
