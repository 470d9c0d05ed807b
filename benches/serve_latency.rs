//! Measures `kepu serve`'s edit-to-reload time: starts the server on a site, opens the
//! live-reload stream, saves a content page (a line added to its body), an event's
//! start time in its front matter, then a template, and times how long until the
//! `reload` event arrives, then how long until the home page has arrived too (what a
//! browser showing it waits for: pages are rendered when asked for). For each kind of
//! save: median, 90th percentile and maximum over `--saves` saves (default 5), and the
//! median CPU time (user + system) the server spent from the save to the reload, which
//! reads the same on a busy machine and a quiet one (it includes what is left of the
//! background check of the previous build, which a change stops).
//!
//! `--minutes M` instead saves a content page every `--every S` seconds (default 5) for
//! M minutes, waits for each reload, and prints the server's resident memory (VmRSS)
//! once a minute: first (after the first build), settled (once the first build's
//! background check has rendered every page and the server is idle: what a steady
//! server holds), last and highest, and settled again once the last save's check is
//! done (what to compare with the first settled figure). Bounded by M.
//!
//! `cargo build --release && cargo run --release --example serve_latency -- SITE_DIR [KEPU_BINARY] [--saves N] [--minutes M] [--every S]`
//! (generate a site with `cargo run --release --example gen_corpus -- DIR 10000`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What the command line asks for.
struct Args {
    site: PathBuf,
    binary: PathBuf,
    saves: usize,
    minutes: Option<u64>,
    every: u64,
}

fn args() -> Args {
    let mut positional = Vec::new();
    let mut saves = 5;
    let mut minutes = None;
    let mut every = 5;
    let mut all = std::env::args().skip(1);
    while let Some(arg) = all.next() {
        let mut number = || -> u64 {
            all.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage())
        };
        match arg.as_str() {
            "--saves" => saves = number().max(1) as usize,
            "--minutes" => minutes = Some(number()),
            "--every" => every = number().max(1),
            _ => positional.push(arg),
        }
    }
    let mut positional = positional.into_iter();
    let site = positional
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| usage());
    let binary = positional
        .next()
        .map_or_else(|| PathBuf::from("target/release/kepu"), PathBuf::from);
    Args {
        site,
        binary,
        saves,
        minutes,
        every,
    }
}

fn usage() -> ! {
    eprintln!("usage: serve_latency SITE_DIR [KEPU_BINARY] [--saves N] [--minutes M] [--every S]");
    std::process::exit(2);
}

fn main() {
    let args = args();
    let site = args.site.clone();
    let started = Instant::now();
    let mut child = Command::new(&args.binary)
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
    let pid = child.id();

    let page = first_page(&site.join("content")).expect("a Markdown page");
    let original_page = std::fs::read_to_string(&page).unwrap();
    if let Some(minutes) = args.minutes {
        soak(port, pid, &page, &original_page, minutes, args.every);
        std::fs::write(&page, original_page).unwrap();
        let _ = child.kill();
        let _ = child.wait();
        return;
    }
    let template = site.join("templates/partials/footer.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
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
        let mut cpu = Vec::new();
        for n in 0..args.saves {
            let mut events = events(port);
            let text = match what {
                "content edit (body)" => format!("{original}\n编辑 {n}\n"),
                "content edit (event time)" => with_start_minute(&original, n % 10),
                _ => format!("<footer><p>kepu {n}</p></footer>\n"),
            };
            let cpu_before = cpu_time(pid);
            let saved = Instant::now();
            std::fs::write(&path, text).unwrap();
            wait_for_reload(&mut events);
            times.push(saved.elapsed());
            cpu.push(cpu_time(pid).saturating_sub(cpu_before));
            fetch(port, "/");
            shown.push(saved.elapsed());
            std::thread::sleep(Duration::from_millis(300));
        }
        times.sort();
        shown.sort();
        cpu.sort();
        let at = |list: &[Duration], q: f64| {
            list[((list.len() - 1) as f64 * q).round() as usize].as_millis()
        };
        println!(
            "{what}: median {} ms, p90 {} ms (min {} ms, max {} ms); CPU time median {} ms; home page received after {} ms (median)",
            at(&times, 0.5),
            at(&times, 0.9),
            at(&times, 0.0),
            at(&times, 1.0),
            at(&cpu, 0.5),
            at(&shown, 0.5),
        );
    }
    std::fs::write(&page, original_page).unwrap();
    std::fs::write(&event, original_event).unwrap();
    let _ = std::fs::remove_file(&template);
    let _ = child.kill();
    let _ = child.wait();
}

/// Saves `page` every `every` seconds for `minutes`, waiting for each reload, and
/// prints the resident memory of `pid` once a minute, then the first, last and
/// highest figures and the reload times.
fn soak(port: u16, pid: u32, page: &Path, original: &str, minutes: u64, every: u64) {
    let first = rss_mb(pid);
    let settled = rss_when_idle(pid);
    println!("after the first build: {first:.1} MB; once its check is done: {settled:.1} MB");
    println!("minute  RSS of kepu serve  saves");
    println!("{:>6}  {settled:>10.1} MB  {:>5}", 0, 0);
    let (mut last, mut highest) = (first, first);
    let mut times = Vec::new();
    let started = Instant::now();
    let mut minute = 1;
    let mut n = 0;
    while started.elapsed() < Duration::from_secs(minutes * 60) {
        let mut stream = events(port);
        let saved = Instant::now();
        // A new line each time (different text, other word count), as an editor types.
        std::fs::write(page, format!("{original}\n编辑 {n}\n")).unwrap();
        wait_for_reload(&mut stream);
        times.push(saved.elapsed());
        n += 1;
        let rss = rss_mb(pid);
        highest = highest.max(rss);
        last = rss;
        if started.elapsed() >= Duration::from_secs(minute * 60) {
            println!("{minute:>6}  {rss:>10.1} MB  {n:>5}");
            minute += 1;
        }
        std::thread::sleep(Duration::from_secs(every).saturating_sub(saved.elapsed()));
    }
    // Like `settled`: once the last save's background check is done, so that the two
    // compare a server at rest with a server at rest.
    let settled_after = rss_when_idle(pid);
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_millis();
    println!(
        "{n} saves in {minutes} min: RSS first {first:.1} MB, settled {settled:.1} MB, last {last:.1} MB ({:+.1} % of first, {:+.1} % of settled), highest {highest:.1} MB; settled after the soak {settled_after:.1} MB ({:+.1} % of settled); reload median {} ms, p90 {} ms, max {} ms",
        (last - first) / first * 100.0,
        (last - settled) / settled * 100.0,
        (settled_after - settled) / settled * 100.0,
        at(0.5),
        at(0.9),
        at(1.0)
    );
}

/// Resident memory of `pid` once it has spent no CPU time for a whole second (the
/// background check of its first build done), waiting at most two minutes.
fn rss_when_idle(pid: u32) -> f64 {
    let started = Instant::now();
    let mut before = cpu_time(pid);
    while started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_secs(1));
        let now = cpu_time(pid);
        if now.saturating_sub(before) <= Duration::from_millis(10) {
            break;
        }
        before = now;
    }
    rss_mb(pid)
}

/// Resident memory of a process (`VmRSS` of /proc), in MB; 0 where there is none.
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time (user + system) a process has used so far, from /proc; zero where there
/// is none.
fn cpu_time(pid: u32) -> Duration {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return Duration::ZERO;
    };
    // Fields after the command name (which may hold spaces, so split after its `)`):
    // utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    // SAFETY: sysconf only reads a constant of the system.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / per_second)
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
