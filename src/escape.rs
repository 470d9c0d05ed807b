//! Escaping for HTML and decoding of entities and percent-encoding: one copy for every
//! module that writes or reads HTML and URLs (render, serve, check, markdown, text);
//! and escaping for the terminal, for every path and value kepu prints.
//!
//! A leaf module. XML feeds and iCalendar have their own rules and keep their own
//! escaping in `render/feeds.rs` and `render/ics.rs`.

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
