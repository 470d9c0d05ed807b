//! The HTTP side of `serve`, on tiny_http (small, synchronous, no async runtime: it
//! adds a few seconds to a clean build, where hyper-based stacks add tens).
//!
//! Serves files of the in-memory build: MIME types with charset, `index.html` for
//! folders, a redirect to add the trailing slash, `404.html` with status 404, HEAD,
//! ETag / If-None-Match, never a directory listing, and nothing outside the site:
//! `..`, encoded slashes, backslashes and NUL are refused with 400.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::Shared;
use super::reload::{self, EVENTS_PATH};

/// Listens on `port`, or on the next free port when it is taken.
pub fn bind(ip: IpAddr, port: u16) -> Result<(Server, SocketAddr), String> {
    let mut last_error = String::new();
    for candidate in (port..port.saturating_add(20)).chain(std::iter::once(0)) {
        match Server::http(SocketAddr::new(ip, candidate)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .ok_or_else(|| "the server has no IP address".to_string())?;
                return Ok((server, addr));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(format!("cannot listen on {ip}: {last_error}"))
}

/// Answers requests until the process ends; each request on its own thread so that
/// open event streams never block page loads.
pub fn serve(server: Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

/// What a request asks for, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file path inside the site (`news/a/index.html` or `css/site.css`), or `""` for the root.
    Path(String),
    /// The live-reload event stream.
    Events,
    /// A path that tries to leave the site or is malformed.
    Bad,
}

/// Decodes and checks a request URL.
pub fn target(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        return Target::Events;
    }
    if !path.starts_with('/') {
        return Target::Bad;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Target::Bad;
    }
    let Some(decoded) = crate::escape::percent_decode(path) else {
        return Target::Bad;
    };
    if decoded.contains(['\\', '\0']) {
        return Target::Bad;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return Target::Bad,
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if decoded.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Target::Path(joined)
}

/// The MIME type of a file, with a charset for text.
pub fn mime(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// What to answer for a path of the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A file of the output.
    File(String),
    /// A folder asked without its trailing slash: redirect.
    AddSlash(String),
    /// Nothing there.
    Missing,
}

/// Finds what a site path names among the files of the site (`contains` tells
/// whether the site has a file).
pub fn find(contains: impl Fn(&str) -> bool, path: &str) -> Found {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return if contains(&index) {
            Found::File(index)
        } else {
            Found::Missing
        };
    }
    if contains(path) {
        return Found::File(path.to_string());
    }
    if contains(&format!("{path}/index.html")) {
        return Found::AddSlash(format!("/{path}/"));
    }
    Found::Missing
}

/// Where a request path stands with respect to the sub-path a site is published under.
#[derive(Debug, PartialEq, Eq)]
pub enum Inside<'p> {
    /// A path of the site, without the sub-path.
    Path(&'p str),
    /// The server's root, or the sub-path without its slash: redirect to the site.
    Root,
    /// Somewhere else: not found, as on the host the site is published on.
    Outside,
}

/// Takes the site's sub-path (`/assoc-site`, or `""`) off a request path (clean,
/// relative: `assoc-site/news/`), so that the preview has the addresses of the host.
pub fn strip_prefix<'p>(prefix: &str, path: &'p str) -> Inside<'p> {
    let name = prefix.trim_start_matches('/');
    if name.is_empty() {
        return Inside::Path(path);
    }
    if path.is_empty() || path == name {
        return Inside::Root;
    }
    match path.strip_prefix(name).and_then(|p| p.strip_prefix('/')) {
        Some(rest) => Inside::Path(rest),
        None => Inside::Outside,
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Kepu"[..], &b"1"[..]).expect("static header"))
}

fn handle(request: Request, shared: &Shared) {
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ =
            request.respond(Response::from_string("method not allowed\n").with_status_code(405));
        return;
    }
    let path = match target(request.url()) {
        Target::Bad => {
            let _ = request.respond(Response::from_string("bad request\n").with_status_code(400));
            return;
        }
        Target::Events => return events(request, shared),
        Target::Path(path) => path,
    };
    let (live, errors) = shared.current();
    let Some(live) = live else {
        return error_page(request, errors.as_deref(), shared);
    };
    let found = match strip_prefix(&live.prefix, &path) {
        Inside::Path(path) => find(|p| live.contains(p), path),
        Inside::Root => {
            let to = format!("{}/", live.prefix);
            let response = Response::empty(302).with_header(header("Location", &to));
            let _ = request.respond(response);
            return;
        }
        Inside::Outside => Found::Missing,
    };
    let (status, file) = match found {
        Found::File(file) => (200, file),
        Found::AddSlash(to) => {
            let to = format!("{}{to}", live.prefix);
            let response = Response::empty(301).with_header(header("Location", &to));
            let _ = request.respond(response);
            return;
        }
        Found::Missing => (404, "404.html".to_string()),
    };
    let mut body = match live.read(&file) {
        Some(Ok(body)) => body,
        Some(Err(failed)) => {
            // The page does not render: show why, over an empty page.
            let errors: crate::diag::Diagnostics = std::iter::once(failed).collect();
            return error_page(request, Some(&errors), shared);
        }
        None => {
            let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
            return;
        }
    };
    let content_type = if status == 404 && !live.contains("404.html") {
        "text/plain; charset=utf-8"
    } else {
        mime(&file)
    };
    if status == 404 && body.is_empty() {
        body = b"not found\n".to_vec();
    }
    if content_type.starts_with("text/html")
        && let Ok(html) = std::str::from_utf8(&body)
    {
        body = reload::inject(html, errors.as_deref(), &shared.messages).into_bytes();
    }
    let etag = format!("\"{:016x}\"", fnv1a(&body));
    let not_modified = status == 200
        && request.headers().iter().any(|h| {
            h.field.equiv("If-None-Match") && h.value.as_str().split(',').any(|v| v.trim() == etag)
        });
    let mut response = Response::from_data(if head || not_modified {
        Vec::new()
    } else {
        body.clone()
    })
    .with_status_code(if not_modified { 304 } else { status })
    .with_header(header("Content-Type", content_type))
    .with_header(header("ETag", &etag))
    .with_header(header("Cache-Control", "no-cache"));
    if head {
        response = response.with_header(header("Content-Length", &body.len().to_string()));
    }
    let _ = request.respond(response);
}

/// Answers with the error overlay over an empty page, status 500.
fn error_page(request: Request, errors: Option<&crate::diag::Diagnostics>, shared: &Shared) {
    let page = errors
        .map(|e| reload::error_page(e, &shared.messages))
        .unwrap_or_default();
    let response = Response::from_string(page)
        .with_status_code(500)
        .with_header(header("Content-Type", "text/html; charset=utf-8"));
    let _ = request.respond(response);
}

/// The live-reload stream: written by hand so that every event is flushed at once.
fn events(request: Request, shared: &Shared) {
    let (sender, receiver) = mpsc::channel();
    shared
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(sender);
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event.to_sse(),
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n",
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(chunk.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

/// A fast non-cryptographic hash for ETags.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Contents, Output};

    #[test]
    fn traversal_attempts_are_bad_requests() {
        for url in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2F..%2Fb",
            "/a\\..\\b",
            "/%00",
            "etc/passwd",
            "/a/./b",
            "/%zz",
        ] {
            assert_eq!(target(url), Target::Bad, "{url}");
        }
        assert_eq!(target("/news/a/?x=1"), Target::Path("news/a/".to_string()));
        assert_eq!(
            target("/%E7%A7%91%E6%99%AE/"),
            Target::Path("科普/".to_string())
        );
        assert_eq!(target("/"), Target::Path(String::new()));
        assert_eq!(target("/__kepu/events"), Target::Events);
    }

    #[test]
    fn folders_get_index_or_a_slash() {
        let mut out = Output::new();
        out.insert("news/index.html", Contents::Bytes(b"x".to_vec()))
            .unwrap();
        out.insert("index.html", Contents::Bytes(b"x".to_vec()))
            .unwrap();
        let contains = |p: &str| out.contains(p);
        assert_eq!(find(contains, ""), Found::File("index.html".into()));
        assert_eq!(
            find(contains, "news/"),
            Found::File("news/index.html".into())
        );
        assert_eq!(find(contains, "news"), Found::AddSlash("/news/".into()));
        assert_eq!(find(contains, "nope/"), Found::Missing);
    }

    #[test]
    fn a_sub_path_site_is_served_under_its_sub_path() {
        assert_eq!(strip_prefix("", "news/"), Inside::Path("news/"));
        assert_eq!(strip_prefix("/assoc", ""), Inside::Root);
        assert_eq!(strip_prefix("/assoc", "assoc"), Inside::Root);
        assert_eq!(strip_prefix("/assoc", "assoc/"), Inside::Path(""));
        assert_eq!(strip_prefix("/assoc", "assoc/news/"), Inside::Path("news/"));
        assert_eq!(strip_prefix("/assoc", "associates/"), Inside::Outside);
        assert_eq!(strip_prefix("/assoc", "news/"), Inside::Outside);
    }

    #[test]
    fn calendar_files_are_text_calendar() {
        assert_eq!(mime("calendar.ics"), "text/calendar; charset=utf-8");
        assert_eq!(mime("a/index.html"), "text/html; charset=utf-8");
    }
}
