//! A bounded load test of `kepu serve` on loopback: starts the server on a site, then
//! for a fixed time (60 s) runs 8 clients that each keep one connection open and ask
//! for the site's pages one after another (the addresses of its sitemap, in turn),
//! while an editor saves a page every 2 s. Prints the requests answered, the errors
//! (any status but 200, or a broken connection), the median and 99th percentile
//! latency, and the server's resident memory every 5 s.
//!
//! `cargo build --release && cargo run --release --example serve_load -- SITE_DIR [SECONDS] [KEPU_BINARY]`
//!
//! Loopback only, and bounded: 8 clients, the given time, never more.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 8;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(site) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: serve_load SITE_DIR [SECONDS] [KEPU_BINARY]");
        std::process::exit(2);
    };
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let binary = args
        .get(3)
        .map_or_else(|| PathBuf::from("target/release/kepu"), PathBuf::from);
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
    std::thread::spawn(move || for _ in lines {});
    let paths = Arc::new(sitemap_paths(port));
    println!("{} addresses in the sitemap", paths.len());

    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let (paths, stop) = (paths.clone(), stop.clone());
            std::thread::spawn(move || client(port, &paths, n, &stop))
        })
        .collect();
    let editor = {
        let stop = stop.clone();
        let page = site.join("content/_index.md");
        std::thread::spawn(move || edit(&page, &stop))
    };
    let pid = child.id();
    let started = Instant::now();
    println!("time   RSS of kepu serve");
    while started.elapsed() < Duration::from_secs(seconds) {
        println!(
            "{:>3} s  {:>6.1} MB",
            started.elapsed().as_secs(),
            rss_mb(pid)
        );
        std::thread::sleep(Duration::from_secs(5));
    }
    stop.store(true, Ordering::SeqCst);
    println!(
        "{:>3} s  {:>6.1} MB",
        started.elapsed().as_secs(),
        rss_mb(pid)
    );
    let _ = editor.join();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for c in clients {
        let (times, failed) = c.join().unwrap();
        latencies.extend(times);
        errors += failed;
    }
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    println!(
        "requests {}, errors {errors}, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, {:.0} requests/s",
        latencies.len(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        at(1.0).as_secs_f64() * 1000.0,
        latencies.len() as f64 / started.elapsed().as_secs_f64()
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// The paths of the site's pages, from its sitemap.
fn sitemap_paths(port: u16) -> Vec<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let (_, body) = get(&mut stream, &mut reader, "/sitemap.xml").expect("a sitemap");
    let text = String::from_utf8_lossy(&body).into_owned();
    let paths: Vec<String> = text
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter_map(|url| url.split_once("://").map(|(_, rest)| rest))
        .map(|rest| {
            rest.find('/')
                .map_or("/".to_string(), |i| rest[i..].to_string())
        })
        .collect();
    if paths.is_empty() {
        vec!["/".to_string()]
    } else {
        paths
    }
}

/// One client: one kept-alive connection (opened again after an error), the pages
/// in turn from its own starting point. Returns the latencies and the error count.
fn client(port: u16, paths: &[String], n: usize, stop: &AtomicBool) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut errors = 0;
    let mut i = n * paths.len() / CLIENTS;
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
            errors += 1;
            continue;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        while !stop.load(Ordering::SeqCst) {
            let asked = Instant::now();
            match get(&mut stream, &mut reader, &paths[i % paths.len()]) {
                Some((200 | 304, _)) => times.push(asked.elapsed()),
                Some(_) => errors += 1,
                None => {
                    errors += 1;
                    break;
                }
            }
            i += 1;
        }
    }
    (times, errors)
}

/// One GET on a kept-alive connection: the status and the body.
fn get(
    stream: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    path: &str,
) -> Option<(u16, Vec<u8>)> {
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").ok()?;
    let mut status_line = String::new();
    reader.read_line(&mut status_line).ok()?;
    let status = status_line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    if status != 304 {
        reader.read_exact(&mut body).ok()?;
    }
    Some((status, body))
}

/// Saves `page` every 2 s with one more line, and puts it back at the end.
fn edit(page: &Path, stop: &AtomicBool) {
    let original = std::fs::read_to_string(page).expect("the home page");
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_secs(2));
        n += 1;
        let _ = std::fs::write(page, format!("{original}\n编辑 {n}\n"));
    }
    let _ = std::fs::write(page, original);
}

/// Resident memory of a process, from /proc (0 where there is none).
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
