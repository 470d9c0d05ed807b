//! `kepu serve`: a real server on an ephemeral port, fetched over plain TCP, edited
//! while it runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

/// A running `kepu serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Site) -> Server {
        Server::start_with(site, &[], Stdio::null())
    }

    /// [`Server::start`] with more arguments and standard error sent to `stderr`.
    /// Returns once the server has printed its address, which it does after the
    /// first build, with the watcher running.
    fn start_with(site: &Site, args: &[&str], stderr: Stdio) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kepu"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.root())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("KEPU_LANG", "en")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("kepu serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("serve printed its address")
                .expect("utf-8");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path);
        (status, body)
    }

    /// Opens the live-reload stream and returns a reader positioned after its header.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        write!(
            stream,
            "GET /__kepu/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 {
            if line.starts_with(": connected") {
                break;
            }
            line.clear();
        }
        reader
    }
}

fn wait_for_event(reader: &mut BufReader<TcpStream>, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if line.trim() == format!("event: {name}") {
            return;
        }
    }
    panic!("no `{name}` event arrived");
}

fn site() -> Site {
    Site::new()
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n")
        .file(
            "content/a.md",
            "+++\ntitle = \"活动时间\"\n+++\n九点开始。\n",
        )
}

#[test]
fn serves_pages_with_the_reload_script() {
    let site = site();
    let server = Server::start(&site);
    let (status, body) = server.get("/a/");
    assert_eq!(status, 200);
    assert!(body.contains("九点开始。"));
    assert!(body.contains("new EventSource(\"/__kepu/events\")"));
    assert!(!site.exists("public"), "serve must not write public/");
}

#[test]
fn an_edit_pushes_a_reload_and_the_new_content() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "content/a.md",
        "+++\ntitle = \"活动时间\"\n+++\n十点开始。\n".as_bytes(),
    );
    wait_for_event(&mut events, "reload");
    let (_, body) = server.get("/a/");
    assert!(body.contains("十点开始。"), "{body}");
}

#[test]
fn a_css_change_refreshes_styles_only() {
    let site = site().file("static/extra.css", "p { color: red; }\n");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write("static/extra.css", b"p { color: blue; }\n");
    wait_for_event(&mut events, "styles");
    assert_eq!(server.get("/extra.css").1, "p { color: blue; }\n");
}

#[test]
fn a_broken_file_shows_the_overlay_until_it_is_fixed() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write("content/a.md", b"+++\ntitle = \"x\"\nweight = \"a\"\n+++\n");
    wait_for_event(&mut events, "reload");
    let (status, body) = server.get("/a/");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(body.contains("九点开始。"));
    assert!(body.contains("id=\"kepu-errors\""));
    assert!(
        body.contains("content/a.md:3:10: `weight` should be a whole number"),
        "{body}"
    );

    site.write(
        "content/a.md",
        "+++\ntitle = \"活动时间\"\n+++\n修好了。\n".as_bytes(),
    );
    wait_for_event(&mut events, "reload");
    let (_, body) = server.get("/a/");
    assert!(body.contains("修好了。"));
    assert!(!body.contains("kepu-errors"));
}

#[test]
fn a_template_error_in_one_page_shows_in_the_overlay() {
    let site = site()
        .file("content/b.md", "+++\ntitle = \"另一页\"\n+++\n正常。\n")
        .file("templates/page.html", "<p>{{ page.title }}</p>\n");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "templates/page.html",
        b"{% if page.title == \"another\" %}{{ load_data(path=\"nope.toml\") }}{% endif %}<p>{{ page.title }}</p>\n",
    );
    wait_for_event(&mut events, "reload");
    site.write(
        "content/b.md",
        "+++\ntitle = \"another\"\n+++\n正常。\n".as_bytes(),
    );
    wait_for_event(&mut events, "reload");
    // The page that fails shows why at once; the others once the check of every
    // page has found it (which sends one more reload).
    let (status, body) = server.get("/b/");
    assert_eq!(status, 500);
    assert!(body.contains("there is no file data/nope.toml"), "{body}");
    wait_for_event(&mut events, "reload");
    let (status, body) = server.get("/a/");
    assert_eq!(status, 200);
    assert!(body.contains("<p>活动时间</p>"), "{body}");
    assert!(body.contains("id=\"kepu-errors\""), "{body}");
    assert!(body.contains("there is no file data/nope.toml"), "{body}");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = site();
    let server = Server::start(&site);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/a%2F..%2F..%2Fsite.toml",
        "/a/..%5c..%5csite.toml",
        "/%00",
    ] {
        assert_eq!(server.get(path).0, 400, "{path}");
    }
    assert_eq!(server.get("/content/a.md").0, 404);
}

#[test]
fn http_details_are_right() {
    let site = site();
    let server = Server::start(&site);
    let (status, head, _) = server.request("GET", "/a");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /a/"), "{head}");
    let (status, head, body) = server.request("HEAD", "/a/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(body.is_empty());
    let (status, _, body) = server.request("GET", "/nope/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "404.html is served with the 404");
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("ETag: "))
        .expect("etag")
        .to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET /a/ HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: {etag}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 304"), "{raw}");
}

impl Server {
    /// Sends `raw` as it is and returns what came back until the server closed.
    fn raw(&self, raw: &[u8]) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(raw).unwrap();
        let mut back = Vec::new();
        let _ = stream.read_to_end(&mut back);
        String::from_utf8_lossy(&back).into_owned()
    }
}

#[test]
fn oversized_and_malformed_requests_are_refused() {
    let server = Server::start(&site());
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20 * 1024)
    );
    let back = server.raw(huge.as_bytes());
    assert!(back.starts_with("HTTP/1.1 431 "), "{back}");
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(10 * 1024));
    assert!(server.raw(long.as_bytes()).starts_with("HTTP/1.1 414 "));
    for bad in [
        &b"\xff\xfe\x00\x01 nonsense\r\n\r\n"[..],
        "GET /科普/ HTTP/1.1\r\nHost: localhost\r\n\r\n".as_bytes(),
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost localhost\r\n\r\n",
    ] {
        let back = server.raw(bad);
        assert!(back.starts_with("HTTP/1.1 400 "), "{bad:?}: {back}");
    }
    // Still serving.
    assert_eq!(server.get("/a/").0, 200);
}

#[test]
fn only_local_host_names_are_answered() {
    let server = Server::start(&site());
    let ask = |host: &str| {
        let back = server.raw(
            format!("GET /a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        back.split(' ').nth(1).unwrap_or("").to_string()
    };
    assert_eq!(ask("evil.example"), "421");
    assert_eq!(ask("evil.example:1111"), "421");
    assert_eq!(ask(&format!("localhost:{}", server.port + 1)), "421");
    assert_eq!(ask("localhost"), "200");
    assert_eq!(ask(&format!("127.0.0.1:{}", server.port)), "200");
    assert_eq!(ask(&format!("[::1]:{}", server.port)), "200");
    let back = server.raw(b"GET /a/ HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(back.starts_with("HTTP/1.1 400 "), "{back}");
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let server = Server::start(&site());
    let started = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET /a/ HTTP/1.1\r\nHost: local").unwrap();
    for stream in [&slow, &idle] {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
    }
    let mut back = String::new();
    let _ = slow.read_to_string(&mut back);
    assert!(back.starts_with("HTTP/1.1 408 "), "{back}");
    let slow_closed = started.elapsed();
    let mut nothing = Vec::new();
    let _ = idle.read_to_end(&mut nothing);
    assert!(nothing.is_empty());
    let idle_closed = started.elapsed();
    assert!(
        slow_closed >= Duration::from_secs(9) && slow_closed < Duration::from_secs(20),
        "{slow_closed:?}"
    );
    assert!(
        idle_closed >= Duration::from_secs(14) && idle_closed < Duration::from_secs(25),
        "{idle_closed:?}"
    );
}

/// The server's threads, from /proc.
#[cfg(target_os = "linux")]
fn threads(server: &Server) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The server's threads once their count has stayed the same for half a second: the
/// first build's background check comes and goes with threads of its own, later on a
/// busy machine.
fn settled_threads(server: &Server) -> usize {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = threads(server);
    let mut same_since = Instant::now();
    while same_since.elapsed() < Duration::from_millis(500) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        let now = threads(server);
        if now != last {
            last = now;
            same_since = Instant::now();
        }
    }
    last
}

#[cfg(target_os = "linux")]
#[test]
fn many_idle_connections_do_not_make_many_threads() {
    let server = Server::start(&site());
    assert_eq!(server.get("/a/").0, 200);
    let before = settled_threads(&server);
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads(&server);
    assert!(
        during <= before + 2,
        "{before} threads before, {during} with 300 connections"
    );
    // The pool is full: a new connection is told so at once, not left waiting.
    let back = server.raw(b"GET /a/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(back.starts_with("HTTP/1.1 503 "), "{back}");
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.get("/a/").0 != 200 {
        assert!(Instant::now() < deadline, "the server did not recover");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_never_served() {
    let site = site();
    let secret = site.outside().join("passwd");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(&secret, site.root().join("static/early.txt")).unwrap();
    let server = Server::start(&site);
    let (status, body) = server.get("/early.txt");
    assert_ne!(status, 200);
    assert!(!body.contains("root:x:0:0"), "{body}");
    assert!(
        body.contains("static/early.txt:1:1: symbolic link to a file outside the site"),
        "{body}"
    );

    // A link made while serving, in place of a file the last build knew.
    let mut events = server.events();
    std::fs::remove_file(site.root().join("static/early.txt")).unwrap();
    site.write("static/late.txt", b"plain\n");
    wait_for_event(&mut events, "reload");
    assert_eq!(server.get("/late.txt"), (200, "plain\n".to_string()));
    let mut events = server.events();
    std::fs::remove_file(site.root().join("static/late.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, site.root().join("static/late.txt")).unwrap();
    wait_for_event(&mut events, "reload");
    let (status, body) = server.get("/late.txt");
    assert_ne!(status, 200);
    assert!(!body.contains("root:x:0:0"), "{body}");
}

/// What `kepu serve` shows after an edit is what `kepu build` makes of the same
/// files: every file of a fresh build (at the server's address) is served with the
/// same bytes, HTML pages with only the live-reload script added before `</body>`.
#[test]
fn after_an_edit_every_served_file_equals_a_fresh_build() {
    let site = site()
        .file(
            "site.toml",
            &format!("{}\n[taxonomies]\ntags = {{}}\n", crate::support::SITE_TOML),
        )
        .file(
            "content/news/_index.md",
            "+++\ntitle = \"新闻\"\nsort_by = \"date\"\npaginate_by = 2\n+++\n",
        )
        .file(
            "content/news/b.md",
            "+++\ntitle = \"第二篇\"\ndate = 2018-05-02\ntaxonomies = { tags = [\"科普\"] }\n+++\n见 [第一篇](@/news/c.md)。\n",
        )
        .file(
            "content/news/c.md",
            "+++\ntitle = \"第一篇\"\ndate = 2018-05-01\ntaxonomies = { tags = [\"科普\"] }\n+++\n正文。\n",
        )
        .file("content/news/d.md", "+++\ntitle = \"第三篇\"\ndate = 2018-05-03\n+++\n更多。\n");
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "content/news/c.md",
        "+++\ntitle = \"第一篇（改）\"\ndate = 2018-05-04\ntaxonomies = { tags = [\"天文\"] }\n+++\n改过的正文。\n"
            .as_bytes(),
    );
    wait_for_event(&mut events, "reload");
    let base_url = format!("http://127.0.0.1:{}", server.port);
    site.kepu(&["build", "--base-url", &base_url]).assert_ok();
    let files = crate::support::files_under(&site.root().join("public"));
    assert!(
        files.iter().any(|f| f == "news/page/2/index.html"),
        "{files:?}"
    );
    for file in &files {
        let built = std::fs::read(site.root().join("public").join(file)).unwrap();
        let (status, head, served) = server.request("GET", &format!("/{file}"));
        assert_eq!(status, 200, "{file}");
        if file.starts_with("api/") {
            // The build time is the clock's, a second or more apart on a busy machine.
            assert_eq!(
                without_build_time(served.as_bytes()),
                without_build_time(&built),
                "{file} differs"
            );
            continue;
        }
        if !head.contains("text/html") {
            assert!(served.as_bytes() == built, "{file} differs");
            continue;
        }
        // The only difference: the live-reload script, before the last `</body>`.
        let built = String::from_utf8(built).unwrap();
        let at = built.rfind("</body>").unwrap_or(built.len());
        let added = served.len().saturating_sub(built.len());
        assert!(
            served.starts_with(&built[..at])
                && served.ends_with(&built[at..])
                && served[at..at + added].contains("EventSource"),
            "{file} differs:\n{served}\n---\n{built}"
        );
    }
}

/// A JSON API file with its `generated` build times taken out, wherever they are.
fn without_build_time(bytes: &[u8]) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("generated");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
    strip(&mut value);
    value
}

/// `kepu serve --timings` prints the stages of every build, the first and each
/// rebuild: where the time between a save and the reload goes.
#[test]
fn timings_show_the_stages_of_each_build() {
    let site = site();
    let mut server = Server::start_with(&site, &["--timings"], Stdio::piped());
    let stderr = server.child.stderr.take().expect("stderr");
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    // The first build's stages came before the address; this save makes a second.
    site.write(
        "content/a.md",
        "+++\ntitle = \"改\"\n+++\n改了。\n".as_bytes(),
    );
    let mut stages = Vec::new();
    while stages.iter().filter(|s| *s == "plan").count() < 2 {
        let line = lines
            .recv_timeout(Duration::from_secs(15))
            .unwrap_or_else(|_| panic!("no more stages after {stages:?}"));
        assert!(line.ends_with(" ms") || line.ends_with(" MB"), "{line}");
        stages.push(line.split_whitespace().next().unwrap_or("").to_string());
    }
    let one = ["config", "walk", "parse", "assemble", "images", "plan"];
    assert_eq!(stages, [one, one].concat());
}

#[test]
fn a_broken_link_shows_in_the_overlay_as_build_reports_it() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "content/a.md",
        "+++\ntitle = \"活动时间\"\n+++\n见[往届](/events/2018-kepuri/)。\n".as_bytes(),
    );
    // The rebuild, then the check of every page in the background, which finds the
    // link and shows it over every page.
    wait_for_event(&mut events, "reload");
    let (status, body) = eventually(&server, "/", |body| body.contains("id=\"kepu-errors\""));
    assert_eq!(status, 200);
    assert!(body.contains("id=\"kepu-errors\""), "{body}");
    assert!(
        body.contains("content/a.md:4:7: the link /events/2018-kepuri/ leads to a page or file that does not exist"),
        "{body}"
    );
    site.write(
        "content/a.md",
        "+++\ntitle = \"活动时间\"\n+++\n见[首页](/)。\n".as_bytes(),
    );
    let (_, body) = eventually(&server, "/a/", |body| !body.contains("kepu-errors"));
    assert!(!body.contains("kepu-errors"), "{body}");
}

/// The answer at `path` once `done` holds for its body, or after 15 seconds.
fn eventually(server: &Server, path: &str, done: impl Fn(&str) -> bool) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = server.get(path);
        if done(&body) || Instant::now() > deadline {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
