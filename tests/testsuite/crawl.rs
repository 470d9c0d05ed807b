//! A link crawler and a tiny static server for the hosting tests: the server serves a
//! built `public/` folder under a sub-path (`/assoc-site/`), the way GitHub Pages
//! serves a project site, and the crawler follows every link, asset, `srcset`
//! candidate, feed and calendar URL from the start page and reports each one that
//! does not answer 200, or that leaves the sub-path.

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A static server on 127.0.0.1 (a free port) that serves a folder under a prefix.
pub struct PrefixServer {
    /// The port it listens on.
    pub port: u16,
    /// How many requests it has answered so far.
    pub requests: Arc<AtomicUsize>,
}

impl PrefixServer {
    /// Serves `root` at `http://127.0.0.1:<port><prefix>` (`prefix` ends with `/`):
    /// folders answer with their `index.html`, a folder without its slash with a
    /// redirect, and anything else, inside the prefix or not, with `404.html` and 404.
    /// The thread ends with the test process.
    pub fn start(root: PathBuf, prefix: &str) -> PrefixServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let port = listener.local_addr().unwrap().port();
        let prefix = prefix.to_string();
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, prefix) = (root.clone(), prefix.clone());
                counter.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || answer(stream, &root, &prefix));
            }
        });
        PrefixServer { port, requests }
    }
}

fn answer(mut stream: TcpStream, root: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let inside = path.strip_prefix(prefix).filter(|p| !p.contains(".."));
    let mut status = "200 OK";
    let mut location = String::new();
    let file = match inside.map(|p| root.join(p)) {
        Some(f) if f.is_dir() && !path.ends_with('/') => {
            status = "301 Moved Permanently";
            location = format!("Location: {path}/\r\n");
            None
        }
        Some(f) if f.is_dir() => Some(f.join("index.html")),
        Some(f) => Some(f),
        None => None,
    };
    let body = match file.as_deref().map(std::fs::read) {
        Some(Ok(bytes)) => bytes,
        _ if !location.is_empty() => Vec::new(),
        _ => {
            status = "404 Not Found";
            std::fs::read(root.join("404.html")).unwrap_or_default()
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\n{location}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// `%XX` sequences decoded (UTF-8, lossy).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

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
    Some(percent_decode(&format!("/{}", parts.join("/"))))
}
