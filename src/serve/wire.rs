//! HTTP/1.1 on the wire for `serve`: accepts connections into a fixed pool of
//! threads, reads each request head within limits, and writes responses.
//!
//! Why our own and not tiny_http or hyper: tiny_http (no release since 0.12) reads a
//! request head of any size and starts a thread per connection, with no way to set a
//! limit from outside; hyper needs an async runtime, which adds tens of seconds to a
//! clean build and several hundred kilobytes to the binary, for a preview server that
//! answers GET and HEAD on loopback. What the preview needs — a head of at most
//! [`Limits::head_bytes`], a strict request line, keep-alive, timeouts, a pool — fits
//! in this file.
//!
//! Limits: a head over 16 KB gets 431, a request line over 8 KB 414, a malformed or
//! non-ASCII request line 400; a connection idle for [`Limits::idle`] is closed, and a
//! head that takes longer than [`Limits::read`] to arrive gets 408 (slowloris); when
//! every worker is busy, a new connection gets 503 at once instead of a new thread.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::time::{Duration, Instant};

/// The limits of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request head (request line and headers), in bytes.
    pub head_bytes: usize,
    /// Longest request line, in bytes.
    pub line_bytes: usize,
    /// How long a kept-alive connection may wait for its next request.
    pub idle: Duration,
    /// How long the head of a request may take to arrive once it has begun.
    pub read: Duration,
    /// Threads answering requests.
    pub workers: usize,
    /// Accepted connections waiting for a worker.
    pub queue: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head_bytes: 16 * 1024,
            line_bytes: 8 * 1024,
            idle: Duration::from_secs(15),
            read: Duration::from_secs(10),
            workers: 16,
            queue: 64,
        }
    }
}

/// One request, as read from the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`…
    pub method: String,
    /// The request target as sent (`/news/?page=2`).
    pub target: String,
    /// `HTTP/1.1` or `HTTP/1.0`.
    pub version: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of the first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection stays open after the response.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if self.version == "HTTP/1.0" {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        }
    }
}

/// Why no request could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    /// The client closed the connection, or left it idle: close without answering.
    Closed,
    /// Answer with this status and close.
    Status(u16),
}

/// A response to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers other than `Content-Length` and `Connection`.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
            body: text.as_bytes().to_vec(),
        }
    }
}

/// The reason phrase of a status code.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Writes `response`; with `head_only`, the headers only (the length stays that of
/// the body).
pub fn write(
    stream: &mut impl Write,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
        response.body.len()
    ));
    let mut bytes = head.into_bytes();
    if !head_only && response.status != 304 {
        bytes.extend_from_slice(&response.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// Reads one request head from `reader`, within `limits`.
pub fn read(reader: &mut BufReader<TcpStream>, limits: &Limits) -> Result<Request, ReadError> {
    let head = read_head(reader, limits)?;
    parse(&head, limits)
}

/// The bytes of a head, up to and without its empty line.
fn read_head(reader: &mut BufReader<TcpStream>, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let mut head: Vec<u8> = Vec::new();
    let mut deadline: Option<Instant> = None;
    loop {
        let wait = match deadline {
            None => limits.idle,
            Some(d) => d
                .checked_duration_since(Instant::now())
                .filter(|w| !w.is_zero())
                .ok_or(ReadError::Status(408))?,
        };
        let _ = reader.get_ref().set_read_timeout(Some(wait));
        let available = match reader.fill_buf() {
            Ok([]) => return Err(ReadError::Closed),
            Ok(bytes) => bytes,
            Err(e) if is_timeout(&e) && head.is_empty() => return Err(ReadError::Closed),
            Err(e) if is_timeout(&e) => return Err(ReadError::Status(408)),
            Err(_) => return Err(ReadError::Closed),
        };
        deadline.get_or_insert_with(|| Instant::now() + limits.read);
        let before = head.len();
        head.extend_from_slice(available);
        // Where the head ends, looking a few bytes back for a `\r\n\r\n` cut in two.
        let from = before.saturating_sub(3);
        let end = find_end(&head[from..]).map(|(at, len)| (from + at, len));
        let used = match end {
            Some((at, len)) => at + len - before,
            None => head.len() - before,
        };
        reader.consume(used);
        if let Some((at, _)) = end {
            head.truncate(at);
            return check_size(head, limits);
        }
        if head.len() > limits.head_bytes {
            return Err(too_large(&head, limits));
        }
    }
}

/// 431 for a head over the limit, or 414 when its request line alone is.
fn too_large(head: &[u8], limits: &Limits) -> ReadError {
    let line = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    ReadError::Status(if line > limits.line_bytes { 414 } else { 431 })
}

fn check_size(head: Vec<u8>, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    if head.len() > limits.head_bytes {
        return Err(too_large(&head, limits));
    }
    Ok(head)
}

/// Where the empty line that ends a head begins, and its length (`\r\n\r\n` or `\n\n`).
fn find_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// Parses a head: a request line of three parts in visible ASCII, then headers.
pub fn parse(head: &[u8], limits: &Limits) -> Result<Request, ReadError> {
    let bad = ReadError::Status(400);
    let text = std::str::from_utf8(head).map_err(|_| bad)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().ok_or(bad)?;
    if line.len() > limits.line_bytes {
        return Err(ReadError::Status(414));
    }
    if !line.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return Err(bad);
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || target.is_empty() {
        return Err(bad);
    }
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(if version.starts_with("HTTP/") {
            ReadError::Status(505)
        } else {
            bad
        });
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or(bad)?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad);
        }
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        headers,
    })
}

/// What answers a connection's requests: given each request and the connection, it
/// returns the response to write, or `None` when it took the connection over (an
/// event stream).
pub type Handler = dyn Fn(&Request, &mut BufReader<TcpStream>) -> Option<Response> + Send + Sync;

/// Accepts connections on `listener` until the process ends, answering them on
/// `limits.workers` threads.
pub fn serve(listener: TcpListener, limits: Limits, handler: Arc<Handler>) {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<TcpStream>(limits.queue);
    let receiver = Arc::new(std::sync::Mutex::new(receiver));
    for _ in 0..limits.workers {
        let receiver = receiver.clone();
        let handler = handler.clone();
        std::thread::spawn(move || work(&receiver, &limits, &*handler));
    }
    for stream in listener.incoming().flatten() {
        accept(stream, &sender);
    }
}

/// Queues a connection for a worker, or answers 503 when all are busy.
fn accept(stream: TcpStream, sender: &SyncSender<TcpStream>) {
    if let Err(TrySendError::Full(mut stream)) = sender.try_send(stream) {
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let busy = Response::text(503, "busy: too many connections\n");
        let _ = write(&mut stream, &busy, false, false);
    }
}

/// A worker: answers one connection at a time.
fn work(receiver: &std::sync::Mutex<Receiver<TcpStream>>, limits: &Limits, handler: &Handler) {
    loop {
        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(stream) = next else { return };
        connection(stream, limits, handler);
    }
}

/// Answers the requests of one connection until it closes, idles or misbehaves.
fn connection(stream: TcpStream, limits: &Limits, handler: &Handler) {
    let _ = stream.set_write_timeout(Some(limits.read));
    let mut reader = BufReader::with_capacity(4096, stream);
    loop {
        let request = match read(&mut reader, limits) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Status(status)) => {
                let refused = Response::text(status, &format!("{}\n", reason(status)));
                let _ = write(reader.get_mut(), &refused, false, false);
                return linger(reader.into_inner());
            }
        };
        let keep_alive = request.keep_alive();
        let Some(response) = handler(&request, &mut reader) else {
            return;
        };
        let head_only = request.method == "HEAD";
        if write(reader.get_mut(), &response, head_only, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

/// Closes a connection whose client may still be sending: closing with unread bytes
/// makes the system reset the connection, and the client would lose the answer.
/// Reads what comes for a moment (at most 64 KB) after saying that nothing more will
/// be written.
fn linger(mut stream: TcpStream) {
    use std::io::Read;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 8192];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(head: &str) -> Result<Request, ReadError> {
        parse(head.as_bytes(), &Limits::default())
    }

    #[test]
    fn request_lines_are_strict() {
        let ok = parsed("GET /a/?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close").unwrap();
        assert_eq!(ok.target, "/a/?x=1");
        assert_eq!(ok.header("host"), Some("localhost"));
        assert!(!ok.keep_alive());
        for bad in [
            "GET /a/",
            "GET  /a/ HTTP/1.1",
            "get /a/ HTTP/1.1",
            "GET /科普/ HTTP/1.1",
            "GET /a\u{1b}/ HTTP/1.1",
            "GET / HTTP/1.1\r\nno colon",
            "\u{ff}\u{fe}",
        ] {
            assert_eq!(parsed(bad), Err(ReadError::Status(400)), "{bad:?}");
        }
        assert_eq!(parsed("GET / HTTP/2.0"), Err(ReadError::Status(505)));
        let long = format!("GET /{} HTTP/1.1", "a".repeat(9000));
        assert_eq!(parsed(&long), Err(ReadError::Status(414)));
    }

    #[test]
    fn the_end_of_a_head_is_found_with_either_line_ending() {
        assert_eq!(find_end(b"GET / HTTP/1.1\r\n\r\nbody"), Some((14, 4)));
        assert_eq!(find_end(b"GET / HTTP/1.1\n\n"), Some((14, 2)));
        assert_eq!(find_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
