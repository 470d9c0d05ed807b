//! The HTTP side of `serve`: what each request gets. The wire (reading heads within
//! limits, the pool of threads, keep-alive) is [`super::wire`].
//!
//! Serves files of the in-memory build: MIME types with charset, `index.html` for
//! folders, a redirect to add the trailing slash, `404.html` with status 404, HEAD,
//! ETag / If-None-Match, never a directory listing, and nothing outside the site:
//! `..`, encoded slashes, backslashes and NUL are refused with 400. Only `Host` values
//! that name an IP address or `localhost` (with the server's port) are answered, 421
//! otherwise: a web page on another site cannot read the preview by pointing its own
//! domain name at 127.0.0.1 (DNS rebinding).

use std::io::{BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use super::Shared;
use super::reload::{self, EVENTS_PATH};
use super::wire::{self, Limits, Request, Response};
use crate::diag::Msg;

/// Open live-reload streams at most; each holds a thread of its own.
const MAX_STREAMS: usize = 64;

/// Listens on `port`, or on the next free port when it is taken.
pub fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), Msg> {
    let mut last_error = String::new();
    for candidate in (port..port.saturating_add(20)).chain(std::iter::once(0)) {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                let addr = listener.local_addr().map_err(|e| Msg::Foreign {
                    text: e.to_string(),
                })?;
                return Ok((listener, addr));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Msg::CannotListen {
        address: ip.to_string(),
        error: last_error,
    })
}

/// Answers requests until the process ends, on a fixed pool of threads; live-reload
/// streams get threads of their own (at most [`MAX_STREAMS`]) so that they never
/// block page loads.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    let streams = Arc::new(AtomicUsize::new(0));
    let handler = move |request: &Request, conn: &mut BufReader<TcpStream>| {
        if let Err(refused) = check_host(request, port) {
            return Some(refused);
        }
        if target(&request.target) == Target::Events {
            return open_events(conn, &shared, &streams);
        }
        Some(handle(request, &shared))
    };
    wire::serve(listener, Limits::default(), Arc::new(handler));
}

/// 421 unless the `Host` header names an IP address or `localhost`, on `port`; 400
/// when an HTTP/1.1 request has none.
pub fn check_host(request: &Request, port: u16) -> Result<(), Response> {
    let Some(host) = request.header("host") else {
        if request.version == "HTTP/1.0" {
            return Ok(());
        }
        return Err(Response::text(400, "bad request: no Host header\n"));
    };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && p.bytes().all(|b| b.is_ascii_digit()) => {
            (name, Some(p))
        }
        _ => (host, None),
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let known = name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok();
    let same_port = given_port.is_none_or(|p| p.parse() == Ok(port));
    if known && same_port {
        Ok(())
    } else {
        Err(Response::text(
            421,
            "misdirected request: this preview answers only to localhost and IP addresses\n",
        ))
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

fn response(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body,
    }
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

/// The response to a request for a file of the site.
fn handle(request: &Request, shared: &Shared) -> Response {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Response::text(405, "method not allowed\n");
    }
    let Target::Path(path) = target(&request.target) else {
        return Response::text(400, "bad request\n");
    };
    let (live, errors) = shared.current();
    let Some(live) = live else {
        return error_page(errors.as_deref(), shared);
    };
    let found = match strip_prefix(&live.prefix, &path) {
        Inside::Path(path) => find(|p| live.contains(p), path),
        Inside::Root => {
            let mut moved = Response::text(302, "");
            moved.headers = vec![("Location", format!("{}/", live.prefix))];
            return moved;
        }
        Inside::Outside => Found::Missing,
    };
    let (status, file) = match found {
        Found::File(file) => (200, file),
        Found::AddSlash(to) => {
            let mut moved = Response::text(301, "");
            moved.headers = vec![("Location", format!("{}{to}", live.prefix))];
            return moved;
        }
        Found::Missing => (404, "404.html".to_string()),
    };
    let mut body = match live.read(&file) {
        Some(Ok(body)) => body,
        Some(Err(failed)) => {
            // The page does not render: show why, over an empty page.
            let errors: crate::diag::Diagnostics = std::iter::once(failed).collect();
            return error_page(Some(&errors), shared);
        }
        None => return Response::text(404, "not found\n"),
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
        && request
            .header("if-none-match")
            .is_some_and(|v| v.split(',').any(|v| v.trim() == etag));
    let mut answer = response(if not_modified { 304 } else { status }, content_type, body);
    answer.headers.push(("ETag", etag));
    answer
        .headers
        .push(("Cache-Control", "no-cache".to_string()));
    answer
}

/// The error overlay over an empty page, status 500.
fn error_page(errors: Option<&crate::diag::Diagnostics>, shared: &Shared) -> Response {
    let page = errors
        .map(|e| reload::error_page(e, &shared.messages))
        .unwrap_or_default();
    response(500, "text/html; charset=utf-8", page.into_bytes())
}

/// Hands the connection to a thread of its own for the live-reload stream, or answers
/// 503 when [`MAX_STREAMS`] are open.
fn open_events(
    conn: &mut BufReader<TcpStream>,
    shared: &Arc<Shared>,
    streams: &Arc<AtomicUsize>,
) -> Option<Response> {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        return Some(Response::text(503, "busy: too many open pages\n"));
    }
    let stream = conn.get_ref().try_clone().ok()?;
    let (shared, streams) = (shared.clone(), streams.clone());
    std::thread::spawn(move || {
        events(stream, &shared);
        streams.fetch_sub(1, Ordering::SeqCst);
    });
    None
}

/// The live-reload stream: written by hand so that every event is flushed at once.
fn events(mut stream: TcpStream, shared: &Shared) {
    let (sender, receiver) = mpsc::channel();
    shared
        .clients
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(sender);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    loop {
        let chunk = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event.to_sse(),
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n",
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if stream.write_all(chunk.as_bytes()).is_err() {
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
