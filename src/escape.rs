//! Escaping for HTML and XML, decoding of entities, percent-encoding and decoding: one
//! copy for every module that writes or reads HTML, XML and URLs (render, serve, check,
//! markdown, text, import, deploy); and escaping for the terminal, for every path and
//! value kepu prints.
//!
//! A leaf module. iCalendar text has its own rules and keeps its escaping in
//! `render/ics.rs`.

/// Text for HTML element content or a double-quoted attribute: `& < > "` escaped.
pub fn html(text: &str) -> String {
    html_text(text).replace('"', "&quot;")
}

/// Text for HTML element content: `& < >` escaped.
pub fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The entities our own HTML and pulldown-cmark write, turned back into characters.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Text for XML content and attribute values (feeds, sitemaps): the five special
/// characters escaped, and characters XML 1.0 forbids (control characters but tab and
/// newlines) dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986 (letters,
/// digits, `-_.~`), and `/` when `keep_slash`: a query value or map link (`false`),
/// the `urlencode` filter and an S3 key (`true`).
pub fn percent_encode(text: &str, keep_slash: bool) -> String {
    // By hand, not `format!` per byte: a Chinese title or description is mostly
    // encoded bytes, and every event view of every build encodes several.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Decodes every well-formed `%XX` and keeps the rest as written, replacing bytes that
/// do not make UTF-8: for names from other systems (WordPress slugs and upload paths),
/// where a stray `%` must not lose the whole name.
pub fn percent_decode_each(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes `%XX` sequences; `None` when one is malformed or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// [`percent_decode`], keeping the text as written when it cannot be decoded.
pub fn percent_decode_lossy(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// A site path or URL made of file names as editors write them, made valid in an HTML
/// attribute, a `srcset` and a share card: spaces, commas, `%`, `#`, `?`, quotes,
/// angle brackets and control characters are percent-encoded; letters of any script
/// (Chinese names), `/` and `:` are kept, as browsers and Markdown links show them.
pub fn url_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escape = c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                ',' | '%' | '#' | '?' | '"' | '\'' | '<' | '>' | '`' | '\\' | '^' | '{' | '}' | '|'
            );
        if escape {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text safe to print on a terminal: control characters (escape sequences, newlines,
/// carriage returns, C1 controls) and the characters that reorder text on screen are
/// shown by their code point (`<U+001B>`; no backslash, which paths in messages turn
/// into `/`), so a file name can neither colour the terminal nor forge a line.
pub fn terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_covers_markup_and_control_characters() {
        assert_eq!(
            xml("<a href=\"x\">R&D's</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;"
        );
    }

    #[test]
    fn percent_encoding_keeps_unreserved_bytes_and_maybe_slashes() {
        assert_eq!(percent_encode("科 a", true), "%E7%A7%91%20a");
        assert_eq!(
            percent_encode("新闻/a b~.html", true),
            "%E6%96%B0%E9%97%BB/a%20b~.html"
        );
        assert_eq!(percent_encode("a/b?c=d&e", false), "a%2Fb%3Fc%3Dd%26e");
        assert_eq!(percent_decode_each("%e7%a7%91%zz%"), "科%zz%");
        for b in 0..=127u8 {
            let text = (b as char).to_string();
            let expected = if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                text.clone()
            } else {
                format!("%{b:02X}")
            };
            assert_eq!(percent_encode(&text, false), expected);
        }
    }

    #[test]
    fn url_paths_keep_chinese_and_encode_spaces() {
        assert_eq!(
            url_path("/news/x/活动 照片,1#2.jpg"),
            "/news/x/活动%20照片%2C1%232.jpg"
        );
        assert_eq!(url_path("https://a.org/a b"), "https://a.org/a%20b");
        assert_eq!(percent_decode_lossy(&url_path("/a b%.jpg")), "/a b%.jpg");
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(terminal("科普/a.md"), "科普/a.md");
        assert_eq!(
            terminal("a\u{1b}[31mred\nx.md:1:1: error\r\u{202e}"),
            "a<U+001B>[31mred<U+000A>x.md:1:1: error<U+000D><U+202E>"
        );
    }

    #[test]
    fn escapes_and_decodes() {
        assert_eq!(
            html("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(decode_entities("&lt;b&gt; &amp;amp;"), "<b> &amp;");
        assert_eq!(
            percent_decode("%E6%B4%BB%E5%8A%A8").as_deref(),
            Some("活动")
        );
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode_lossy("50%"), "50%");
    }
}
