//! The one test HTTP server: a built folder served on a free port of 127.0.0.1, in
//! background threads that end with the test process, for the browser tests, the
//! hosting crawl and `check --external`.
//!
//! Hand-written, on purpose: a few lines of HTTP/1.0-style answers (one request per
//! connection) are all the tests need, and the answers stay exactly what a test says.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What to serve, and how: build it with [`Files::new`], start it with
/// [`Files::serve`] or [`Files::serve_on`].
pub struct Files {
    root: PathBuf,
    prefix: String,
    inject: &'static str,
    route: Option<fn(&str) -> Option<String>>,
}

/// A running server.
pub struct Server {
    /// The port it listens on.
    pub port: u16,
    requests: Arc<AtomicUsize>,
    missing: Arc<Mutex<Vec<String>>>,
}

impl Files {
    /// The files of `root` at `/`.
    pub fn new(root: impl Into<PathBuf>) -> Files {
        Files {
            root: root.into(),
            prefix: "/".into(),
            inject: "",
            route: None,
        }
    }

    /// Serves the files under `prefix` (ending with `/`) instead, the way GitHub Pages
    /// serves a project site: every other path is not found.
    pub fn under(self, prefix: &str) -> Files {
        Files {
            prefix: prefix.into(),
            ..self
        }
    }

    /// Puts `html` right after the `<head>` of every HTML page it sends.
    pub fn inject(self, html: &'static str) -> Files {
        Files {
            inject: html,
            ..self
        }
    }

    /// Answers a request with the HTML `route` returns for its target, when it
    /// returns one, before looking for a file.
    pub fn route(self, route: fn(&str) -> Option<String>) -> Files {
        Files {
            route: Some(route),
            ..self
        }
    }

    /// Starts serving on a free port.
    pub fn serve(self) -> Server {
        self.serve_on(TcpListener::bind("127.0.0.1:0").expect("bind a free port"))
    }

    /// Starts serving on `listener` (bound before the site was built for its port).
    pub fn serve_on(self, listener: TcpListener) -> Server {
        let server = Server {
            port: listener.local_addr().unwrap().port(),
            requests: Arc::default(),
            missing: Arc::default(),
        };
        let (requests, missing) = (server.requests.clone(), server.missing.clone());
        let files = Arc::new(self);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                requests.fetch_add(1, Ordering::SeqCst);
                let (files, missing) = (files.clone(), missing.clone());
                std::thread::spawn(move || files.answer(stream, &missing));
            }
        });
        server
    }

    /// Reads one request and answers it.
    fn answer(&self, mut stream: TcpStream, missing: &Mutex<Vec<String>>) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        // Read the headers up to the blank line.
        let mut header = String::new();
        while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
            header.clear();
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        let answer = self.response(target);
        if answer.status.starts_with("404") {
            missing.lock().unwrap().push(target.to_string());
        }
        answer.send(&mut stream);
    }

    /// The answer to a request for `target`.
    fn response(&self, target: &str) -> Answer {
        if let Some(html) = self.route.and_then(|route| route(target)) {
            return Answer::ok("text/html; charset=utf-8", html.into_bytes());
        }
        let path =
            kepu::escape::percent_decode_each(target.split(['?', '#']).next().unwrap_or("/"));
        let inside = path
            .strip_prefix(&self.prefix)
            .filter(|p| !p.contains(".."));
        let Some(file) = inside.map(|p| self.root.join(p)) else {
            return self.not_found();
        };
        if file.is_dir() && !path.ends_with('/') {
            return Answer {
                status: "301 Moved Permanently",
                headers: format!("Location: {path}/\r\n"),
                body: Vec::new(),
            };
        }
        let file = if file.is_dir() {
            file.join("index.html")
        } else {
            file
        };
        match std::fs::read(&file) {
            Ok(bytes) => self.file(&file, bytes),
            Err(_) => self.not_found(),
        }
    }

    /// A file's answer, with [`Files::inject`] when it is HTML.
    fn file(&self, file: &Path, bytes: Vec<u8>) -> Answer {
        let kind = content_type(file);
        if self.inject.is_empty() || !kind.starts_with("text/html") {
            return Answer::ok(kind, bytes);
        }
        let html = String::from_utf8_lossy(&bytes).replacen(
            "<head>",
            &format!("<head>{}", self.inject),
            1,
        );
        Answer::ok(kind, html.into_bytes())
    }

    /// 404, with the site's `404.html` when it has one.
    fn not_found(&self) -> Answer {
        let page = std::fs::read(self.root.join("404.html"));
        Answer {
            status: "404 Not Found",
            headers: "Content-Type: text/html; charset=utf-8\r\n".into(),
            body: page.unwrap_or_else(|_| b"not found".to_vec()),
        }
    }
}

impl Server {
    /// How many requests it has been sent so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The targets it answered with 404 so far, in the order asked.
    pub fn missing(&self) -> Vec<String> {
        self.missing.lock().unwrap().clone()
    }
}

/// A response: status line, extra header lines, body.
struct Answer {
    status: &'static str,
    headers: String,
    body: Vec<u8>,
}

impl Answer {
    fn ok(kind: &str, body: Vec<u8>) -> Answer {
        Answer {
            status: "200 OK",
            headers: format!("Content-Type: {kind}\r\n"),
            body,
        }
    }

    fn send(self, stream: &mut TcpStream) {
        let head = format!(
            "HTTP/1.1 {}\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.status,
            self.headers,
            self.body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&self.body);
    }
}

/// The `Content-Type` of a file, by its extension.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}
