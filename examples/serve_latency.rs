//! Measures `kepu serve`'s edit-to-reload time: starts the server on a site, opens the
//! live-reload stream, saves a content page (then a template) and times how long until
//! the `reload` event arrives. Median of five saves each.
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
    for (what, path, original) in [
        ("content edit", page.clone(), original_page.clone()),
        ("template edit", template.clone(), String::new()),
    ] {
        let mut times = Vec::new();
        for n in 0..5 {
            let mut events = events(port);
            let text = if what == "content edit" {
                format!("{original}\n编辑 {n}\n")
            } else {
                format!("<footer><p>kepu {n}</p></footer>\n")
            };
            let saved = Instant::now();
            std::fs::write(&path, text).unwrap();
            wait_for_reload(&mut events);
            times.push(saved.elapsed());
            std::thread::sleep(Duration::from_millis(300));
        }
        times.sort();
        println!(
            "{what}: median {} ms (min {} ms, max {} ms)",
            times[2].as_millis(),
            times[0].as_millis(),
            times[4].as_millis()
        );
    }
    std::fs::write(&page, original_page).unwrap();
    let _ = std::fs::remove_file(&template);
    let _ = child.kill();
    let _ = child.wait();
}

fn first_page(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in &entries {
        if path.extension().is_some_and(|e| e == "md") && !path.ends_with("_index.md") {
            return Some(path.clone());
        }
    }
    entries
        .iter()
        .filter(|p| p.is_dir())
        .find_map(|d| first_page(d))
}

fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
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
