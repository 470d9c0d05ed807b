//! Measures `kepu serve`'s edit-to-reload time: starts the server on a site, opens the
//! live-reload stream, saves a content page (a line added to its body), an event's
//! start time in its front matter, then a template, and times how long until the
//! `reload` event arrives, then how long until the home page has arrived too (what a
//! browser showing it waits for: pages are rendered when asked for). Median of five
//! saves each.
//!
//! `cargo build --release && cargo run --release --example serve_latency -- SITE_DIR [KEPU_BINARY]`
//! (generate a site with `cargo run --release --example gen_corpus -- DIR 10000`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(site) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: serve_latency SITE_DIR [KEPU_BINARY]");
        std::process::exit(2);
    };
    let binary = args
        .get(2)
        .map_or_else(|| PathBuf::from("target/release/kepu"), PathBuf::from);
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kepu serve starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("serve prints its address")
            .expect("utf-8");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    println!(
        "first build and start: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    std::thread::spawn(move || for _ in lines {});

    let page = first_page(&site.join("content")).expect("a Markdown page");
    let template = site.join("templates/partials/footer.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let original_page = std::fs::read_to_string(&page).unwrap();
    let event = first_event(&site.join("content")).expect("an event page");
    let original_event = std::fs::read_to_string(&event).unwrap();
    for (what, path, original) in [
        ("content edit (body)", page.clone(), original_page.clone()),
        (
            "content edit (event time)",
            event.clone(),
            original_event.clone(),
        ),
        ("template edit", template.clone(), String::new()),
    ] {
        let mut times = Vec::new();
        let mut shown = Vec::new();
        for n in 0..5 {
            let mut events = events(port);
            let text = match what {
                "content edit (body)" => format!("{original}\n编辑 {n}\n"),
                "content edit (event time)" => with_start_minute(&original, n),
                _ => format!("<footer><p>kepu {n}</p></footer>\n"),
            };
            let saved = Instant::now();
            std::fs::write(&path, text).unwrap();
            wait_for_reload(&mut events);
            times.push(saved.elapsed());
            fetch(port, "/");
            shown.push(saved.elapsed());
            std::thread::sleep(Duration::from_millis(300));
        }
        times.sort();
        shown.sort();
        println!(
            "{what}: median {} ms (min {} ms, max {} ms); home page received after {} ms",
            times[2].as_millis(),
            times[0].as_millis(),
            times[4].as_millis(),
            shown[2].as_millis()
        );
    }
    std::fs::write(&page, original_page).unwrap();
    std::fs::write(&event, original_event).unwrap();
    let _ = std::fs::remove_file(&template);
    let _ = child.kill();
    let _ = child.wait();
}

/// The first Markdown page (in path order, depth first) that is not a section.
fn first_page(dir: &Path) -> Option<PathBuf> {
    first_file(dir, &|path, _| !path.ends_with("_index.md"))
}

/// The first page (in path order) whose front matter has an event `start`.
fn first_event(dir: &Path) -> Option<PathBuf> {
    first_file(dir, &|_, text| {
        text.lines()
            .any(|l| l.starts_with("start = ") && l.contains('T'))
    })
}

/// The first Markdown file under `dir`, in path order and depth first, that `wanted`
/// accepts (given its path and text).
fn first_file(dir: &Path, wanted: &dyn Fn(&Path, &str) -> bool) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries.iter().find_map(|path| {
        if path.is_dir() {
            return first_file(path, wanted);
        }
        if path.extension().is_none_or(|e| e != "md") {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        wanted(path, &text).then(|| path.clone())
    })
}

/// The page with the minutes of its event's start set to `n` (`16:00` → `16:0n`).
fn with_start_minute(text: &str, n: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        match line.split_once('T') {
            Some((date, time)) if line.starts_with("start = ") && time.len() >= 5 => {
                out.push_str(&format!("{date}T{}:0{n}{}\n", &time[..2], &time[5..]));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Fetches a page of the site, to its last byte.
fn fetch(port: u16, path: &str) {
    let mut stream = request(port, path, "Connection: close\r\n");
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut body).unwrap();
}

/// Sends a GET request for `path` with extra header lines, on a new connection.
fn request(port: u16, path: &str, headers: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n"
    )
    .unwrap();
    stream
}

/// Opens the live-reload stream and waits until it is connected.
fn events(port: u16) -> BufReader<TcpStream> {
    let mut reader = BufReader::new(request(port, "/__kepu/events", ""));
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 {
        if line.starts_with(": connected") {
            break;
        }
        line.clear();
    }
    reader
}

fn wait_for_reload(reader: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the event stream closed");
        }
        if line.trim() == "event: reload" {
            return;
        }
    }
}
