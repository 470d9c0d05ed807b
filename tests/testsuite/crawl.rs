//! A link crawler for the hosting tests: with the test server serving a built
//! `public/` folder under a sub-path (`/assoc-site/`, see
//! [`crate::support::server::Files::under`]), the way GitHub Pages serves a project
//! site, it follows every link, asset, `srcset` candidate, feed and calendar URL from
//! the start page and reports each one that does not answer 200, or that leaves the
//! sub-path.

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use kepu::escape::percent_decode_each;

/// One HTTP response: status, `Location` header, body.
pub struct Response {
    /// Status code.
    pub status: u16,
    /// The `Location` header, if any.
    pub location: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// `GET path` on 127.0.0.1:port (non-ASCII bytes of the path percent-encoded).
pub fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut encoded = String::new();
    for b in path.bytes() {
        if b.is_ascii() && b > b' ' {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    write!(
        stream,
        "GET {encoded} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default().to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("Location: ")
                .or(l.strip_prefix("location: "))
        })
        .map(str::to_string);
    Response {
        status,
        location,
        body,
    }
}

/// What a crawl found.
pub struct Crawl {
    /// Every path fetched.
    pub fetched: BTreeSet<String>,
    /// Each link that is broken or leaves the sub-path, with the page it is on.
    pub broken: Vec<String>,
}

/// Crawls from `starts` (paths under `prefix`) on the server at `port`. `origin` is
/// the scheme and host the site was built for (`https://example.github.io`): absolute
/// URLs on it are fetched as local paths; other hosts are not followed.
pub fn crawl(port: u16, origin: &str, prefix: &str, starts: &[&str]) -> Crawl {
    let mut queue: VecDeque<(String, String)> = starts
        .iter()
        .map(|s| (s.to_string(), "(start)".to_string()))
        .collect();
    let mut crawl = Crawl {
        fetched: BTreeSet::new(),
        broken: Vec::new(),
    };
    while let Some((path, from)) = queue.pop_front() {
        if !path.starts_with(prefix) {
            crawl
                .broken
                .push(format!("{from}: {path} is outside {prefix}"));
            continue;
        }
        if !crawl.fetched.insert(path.clone()) {
            continue;
        }
        let mut response = get(port, &path);
        if let (301 | 302, Some(to)) = (response.status, &response.location) {
            response = get(port, to);
        }
        if response.status != 200 {
            crawl
                .broken
                .push(format!("{from}: {path} answers {}", response.status));
            continue;
        }
        let text = String::from_utf8_lossy(&response.body);
        for link in links(&path, &text) {
            if let Some(target) = resolve(&link, &path, origin) {
                queue.push_back((target, path.clone()));
            }
        }
    }
    crawl
}

/// The URLs a file of the site names: HTML attributes (`href`, `src`, `srcset`,
/// `poster`, `data-index` with the search files it leads to, a refresh's `url=`),
/// CSS `url()`, a search fragment's `"u"`, and every absolute URL in the text (feeds,
/// sitemaps, calendars, share tags).
pub fn links(path: &str, text: &str) -> Vec<String> {
    // Calendars fold long lines; feeds carry pages' HTML escaped.
    let text = if path.ends_with(".ics") {
        text.replace("\r\n ", "")
    } else if path.ends_with(".xml") {
        unescape(&text.replace("&lt;", "<").replace("&gt;", ">"))
    } else {
        text.to_string()
    };
    let mut out = Vec::new();
    for name in [
        "href",
        "src",
        "poster",
        "action",
        "data-index",
        "srcset",
        "content",
    ] {
        for value in attribute_values(&text, name) {
            let value = unescape(value);
            match name {
                "srcset" => out.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string),
                ),
                "data-index" => {
                    let base = value.trim_end_matches("index.json");
                    out.extend([format!("{base}s/0.txt"), format!("{base}p/0.json")]);
                    out.push(value);
                }
                "content" => {
                    if let Some((_, url)) = value.split_once("url=") {
                        out.push(url.to_string());
                    }
                }
                _ => out.push(value),
            }
        }
    }
    for (open, close) in [("url(", ")"), ("\"u\":\"", "\"")] {
        for piece in text.split(open).skip(1) {
            if let Some(end) = piece.find(close) {
                out.push(piece[..end].trim_matches(['"', '\'']).to_string());
            }
        }
    }
    for scheme in ["https://", "http://"] {
        for piece in text.split(scheme).skip(1) {
            let end = piece
                .find(|c: char| c.is_whitespace() || "\"'<>)\\".contains(c))
                .unwrap_or(piece.len());
            out.push(unescape(&format!("{scheme}{}", &piece[..end])));
        }
    }
    out
}

/// The values of `name="…"` attributes (after white space, so not `data-src`).
fn attribute_values<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let pattern = format!("{name}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&pattern) {
        let at = from + i;
        from = at + pattern.len();
        if !text[..at].ends_with(char::is_whitespace) {
            continue;
        }
        if let Some(len) = text[from..].find('"') {
            out.push(&text[from..from + len]);
        }
    }
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
}

/// The local path a link on the page at `page` leads to, or `None` for anchors,
/// other hosts and `mailto:`-like links.
pub fn resolve(link: &str, page: &str, origin: &str) -> Option<String> {
    let link = link.split('#').next()?.split('?').next()?;
    if link.is_empty() || link.starts_with("data:") {
        return None;
    }
    let path = if let Some(rest) = link.strip_prefix(origin) {
        if !rest.is_empty() && !rest.starts_with('/') {
            return None;
        }
        rest.to_string()
    } else if link.starts_with("//") || link.contains(':') {
        return None;
    } else if link.starts_with('/') {
        link.to_string()
    } else {
        let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{link}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(percent_decode_each(&format!("/{}", parts.join("/"))))
}
