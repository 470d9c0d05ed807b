//! Measures the search on a site: recall and precision of a query set, index sizes,
//! what each query downloads (plain and gzipped), and how many of the first ten
//! results of Chinese phrase queries contain the phrase.
//! `cargo run --release --example search_eval -- [ROOT] [--now DATETIME]
//! [--dump pages.json] [QUERY…]` (default ROOT: this repository).
//!
//! A page is relevant to a query when its title, description, tags, address or text
//! contain every space-separated part of the query (Latin parts as a word prefix,
//! ignoring case; traditional characters folded to simplified). Results come from
//! `kepu::search::lookup`, the reference of the browser script, over the files the
//! build writes. `--dump` writes each page's searchable text as JSON, for comparing
//! other tokenizers (benches/jieba_eval.py). Gzipped sizes come from `gzip -9`.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};

use kepu::pipeline::{BuildOptions, build};
use kepu::search::fold::simplified;
use kepu::search::lookup::{self, Manifest};
use kepu::search::tokenize::fold_width;

const QUERIES: &[&str] = &[
    "防灾",
    "防灾减灾",
    "科普日",
    "地震",
    "志愿者",
    "会员",
    "培训",
    "挂图",
    "e站",
    "互联网+科普",
    "volunteer",
    "training",
    "science",
    "灾",
    "科普志愿者",
    "科普 培训",
    "科普日活动",
    "科學",
    "防災減災",
];

/// Phrases of two words or more whose characters are also common apart: the share
/// of the first ten results that contain them as written measures phrase matching.
const PHRASES: &[&str] = &[
    "火山地震",
    "显微镜标本",
    "营养睡眠",
    "科普知识",
    "防灾减灾",
    "科普志愿者",
    "科普日活动",
    "应急演练",
    "地震科普",
    "志愿服务",
    "青少年科技",
    "中国科协",
    "科普阵地",
    "科普人员",
    "科普服务",
    "科学技术",
    "科普资源",
];

fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| simplified(fold_width(c)))
        .collect::<String>()
        .to_lowercase()
}

/// Whether `text` has `part`: CJK as a substring, Latin at the start of a word.
fn contains(text: &str, part: &str) -> bool {
    if !part.chars().all(|c| c.is_ascii_alphanumeric()) {
        return text.contains(part);
    }
    text.match_indices(part).any(|(i, _)| {
        !text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut now = None;
    let mut dump = None;
    let mut queries: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--now" => now = args.next(),
            "--dump" => dump = args.next(),
            _ if queries.is_empty() && std::path::Path::new(&a).join("site.toml").exists() => {
                root = a.into()
            }
            _ => queries.push(a),
        }
    }
    if queries.is_empty() {
        queries = QUERIES.iter().map(|q| q.to_string()).collect();
    }
    let built = match build(&BuildOptions {
        root,
        now,
        ..BuildOptions::default()
    }) {
        Ok(b) => b,
        Err(d) => {
            eprintln!("{}", d.summary());
            std::process::exit(1);
        }
    };
    let out = &built.output;
    let read = |p: &str| {
        out.bytes(p)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    let manifest: Manifest = serde_json::from_str(&read("search/index.json").unwrap()).unwrap();
    let size = |prefix: &str| -> (usize, usize) {
        out.paths()
            .filter(|p| p.starts_with(prefix))
            .fold((0, 0), |(n, b), p| {
                (n + 1, b + out.read(p).map_or(0, |x| x.len()))
            })
    };
    let script = out.read("js/search.js").map_or(0, |b| b.len());
    let manifest_bytes = read("search/index.json").unwrap().len();
    let (shard_n, shard_b) = size("search/s/");
    let (frag_n, frag_b) = size("search/p/");
    let (positions_n, positions_b) = size("search/q/");
    println!("pages indexed: {}", manifest.pages);
    println!(
        "script: {script} B; manifest: {manifest_bytes} B; shards: {shard_n} files, {shard_b} B; positions: {positions_n} files, {positions_b} B; fragments: {frag_n} files, {frag_b} B"
    );

    // The searchable text of each page, by fragment URL.
    let mut texts = Vec::new();
    for i in 0..manifest.pages {
        let (file, item) = manifest.fragment_of(i);
        let fs: serde_json::Value = serde_json::from_str(&read(&file).unwrap()).unwrap();
        let f = &fs[item];
        let url = f["u"].as_str().unwrap().to_string();
        let page = built.site.pages.iter().find(|p| p.url == url).unwrap();
        let tags: Vec<&str> = page
            .doc
            .taxonomies
            .values()
            .flat_map(|l| l.terms.iter().map(String::as_str))
            .collect();
        let all = format!(
            "{}\n{}\n{}\n{}\n{}",
            page.doc.title,
            page.doc.description.as_deref().unwrap_or(""),
            tags.join(" "),
            page.path.replace(['/', '-'], " "),
            page.content.text
        );
        texts.push((url, normalise(&all)));
    }
    if let Some(path) = dump {
        let json: Vec<_> = texts
            .iter()
            .map(|(u, t)| serde_json::json!({"url": u, "text": t}))
            .collect();
        std::fs::write(path, serde_json::to_string(&json).unwrap()).unwrap();
    }

    let (all_n, all_b) = size("search/");
    println!(
        "search files: {all_n} files, {all_b} B ({:.1} MB)",
        all_b as f64 / 1e6
    );
    println!(
        "| query | relevant | found | recall | precision | shards and positions files | query download (first 8 results) | gzipped |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let (mut sum_recall, mut sum_precision, mut counted) = (0.0, 0.0, 0);
    let mut max_download = 0;
    let mut max_gzip = 0;
    let mut gzips = Vec::new();
    for q in &queries {
        let parts: Vec<String> = normalise(q)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let relevant: HashSet<u32> = (0..manifest.pages)
            .filter(|&i| parts.iter().all(|p| contains(&texts[i as usize].1, p)))
            .collect();
        // Every search/ file the lookup reads is one the browser fetches.
        let fetched: RefCell<BTreeSet<String>> = RefCell::default();
        let file = |path: &str| {
            fetched.borrow_mut().insert(format!("search/{path}"));
            read(&format!("search/{path}"))
        };
        let hits = lookup::search(&manifest, &file, q, None);
        let found: HashSet<u32> = hits.iter().filter(|h| h.complete).map(|h| h.page).collect();
        let hit = relevant.intersection(&found).count();
        let recall = if relevant.is_empty() {
            1.0
        } else {
            hit as f64 / relevant.len() as f64
        };
        let precision = if found.is_empty() {
            1.0
        } else {
            hit as f64 / found.len() as f64
        };
        let index_files = fetched.into_inner();
        let shard_bytes: usize = index_files
            .iter()
            .map(|f| read(f).map_or(0, |s| s.len()))
            .sum();
        let frag_bytes: usize = hits
            .iter()
            .take(8)
            .map(|h| manifest.fragment_of(h.page).0)
            .collect::<HashSet<String>>()
            .iter()
            .map(|f| read(f).map_or(0, |s| s.len()))
            .sum();
        let download = script + manifest_bytes + shard_bytes + frag_bytes;
        let mut files = vec!["js/search.js".to_string(), "search/index.json".to_string()];
        files.extend(index_files.iter().cloned());
        files.extend(hits.iter().take(8).map(|h| manifest.fragment_of(h.page).0));
        files.sort();
        files.dedup();
        let gzipped: usize = files
            .iter()
            .map(|f| out.read(f).map_or(0, |b| gzip_len(&b)))
            .sum();
        gzips.push(gzipped);
        max_gzip = max_gzip.max(gzipped);
        max_download = max_download.max(download);
        if !relevant.is_empty() {
            sum_recall += recall;
            sum_precision += precision;
            counted += 1;
        }
        println!(
            "| {q} | {} | {} | {recall:.2} | {precision:.2} | {} ({:.1} KB) | {:.1} KB | {:.1} KB |",
            relevant.len(),
            hits.len(),
            index_files.len(),
            shard_bytes as f64 / 1024.0,
            download as f64 / 1024.0,
            gzipped as f64 / 1024.0
        );
    }
    println!(
        "mean recall {:.3}, mean precision {:.3} over {counted} queries with relevant pages; largest query download {:.1} KB ({:.1} KB gzipped)",
        sum_recall / counted.max(1) as f64,
        sum_precision / counted.max(1) as f64,
        max_download as f64 / 1024.0,
        max_gzip as f64 / 1024.0
    );

    gzips.sort_unstable();
    let at = |share: f64| {
        gzips[((gzips.len() as f64 * share).ceil() as usize).clamp(1, gzips.len()) - 1]
    };
    println!(
        "first query gzipped over {} queries: median {:.1} KB, p90 {:.1} KB, largest {:.1} KB",
        gzips.len(),
        gzips[(gzips.len() - 1) / 2] as f64 / 1024.0,
        at(0.9) as f64 / 1024.0,
        max_gzip as f64 / 1024.0
    );

    println!(
        "\n| phrase | pages with it | results | phrase results | of the first 10 (or of the pages with it), with the phrase |"
    );
    println!("|---|---|---|---|---|");
    let (mut with, mut shown) = (0, 0);
    for q in PHRASES {
        let phrase = normalise(q);
        let having = texts.iter().filter(|(_, t)| t.contains(&phrase)).count();
        let file = |path: &str| read(&format!("search/{path}"));
        let hits = lookup::search(&manifest, &file, q, None);
        let top: Vec<bool> = hits
            .iter()
            .take(10)
            .map(|h| texts[h.page as usize].1.contains(&phrase))
            .collect();
        let good = top.iter().filter(|t| **t).count();
        // Out of what could contain it: fewer than ten pages may have the phrase.
        let could = top.len().min(having);
        with += good;
        shown += could;
        println!(
            "| {q} | {having} | {} | {} | {good}/{could} |",
            hits.len(),
            hits.iter().filter(|h| h.phrase).count(),
        );
    }
    println!(
        "share of the first 10 results that contain the phrase: {:.3} ({with}/{shown})",
        with as f64 / shown.max(1) as f64
    );
}

/// The length of `bytes` gzipped (`gzip -9`), as a host serving them compressed sends.
fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let Ok(mut child) = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        return 0;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(bytes);
    }
    child.wait_with_output().map_or(0, |o| o.stdout.len())
}
