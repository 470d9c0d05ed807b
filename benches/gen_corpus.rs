//! Writes a generated site of N pages for measuring build and search performance:
//! `cargo run --release --example gen_corpus -- DIR N`.
//!
//! The text is sentences of the association's own content (`content/`), shuffled with
//! a fixed seed, so the corpus has the vocabulary and term frequencies of the real
//! site at any size: news, events (a quarter upcoming), trainings, resources and pages,
//! with headings and tags, plus some English sentences.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

const ENGLISH: &[&str] = &[
    "Volunteers explain earthquake safety to residents.",
    "The training covers science communication on the Internet.",
    "Science Day brings hands-on activities to every district.",
    "Members receive posters and readers for community science corners.",
];

fn sentences(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(&root.join("content")) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        let body = text.splitn(3, "+++").nth(2).unwrap_or("");
        for line in body.lines() {
            let line = line
                .trim()
                .trim_start_matches(['#', '-', '*', '>', ' ', '1', '2', '3', '.']);
            for s in line.split_inclusive(['。', '！', '？', '；']) {
                let s = s.trim();
                if s.chars().count() >= 8 && !s.contains("](") {
                    out.push(s.to_string());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_corpus DIR N");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let sentences = sentences(Path::new(env!("CARGO_MANIFEST_DIR")));
    let tags: Vec<String> = [
        "防灾减灾",
        "全国科普日",
        "科普志愿者",
        "互联网+科普",
        "会员",
        "培训",
        "科普e站",
        "地震",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut chars: Vec<char> = sentences
        .iter()
        .flat_map(|s| s.chars())
        .filter(|c| kepu::text::is_han(*c))
        .collect();
    chars.sort();
    chars.dedup();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let _ = std::fs::remove_dir_all(dir.join("content"));
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "title = \"语料站\"\nbase_url = \"https://corpus.example.org\"\n\n[taxonomies]\ntags = {}\n",
    )
    .unwrap();
    let sections = [
        ("news", "news"),
        ("events", "event"),
        ("trainings", "training"),
        ("resources", "resource"),
        ("about", "page"),
    ];
    for (folder, kind) in sections {
        let path = dir.join("content").join(folder);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(
            path.join("_index.md"),
            format!("+++\ntitle = \"{folder}\"\nkind = \"{kind}\"\npaginate_by = 20\n+++\n"),
        )
        .unwrap();
    }
    for i in 0..n {
        let (folder, kind) = sections[i % sections.len()];
        let title: String = rng
            .pick(&sentences)
            .chars()
            .take(14)
            .collect::<String>()
            .replace(['"', '\\'], "");
        let mut front = format!(
            "title = \"{title}\"\ndate = 2017-{:02}-{:02}\n",
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let _ = writeln!(
            front,
            "taxonomies = {{ tags = [\"{}\", \"{}\"] }}",
            rng.pick(&tags),
            rng.pick(&tags)
        );
        if kind == "event" || kind == "training" {
            let year = if rng.below(4) == 0 { 2030 } else { 2017 };
            let _ = writeln!(
                front,
                "[event]\nstart = {year}-{:02}-{:02}T09:30:00\nlocation = \"东莞\"",
                1 + rng.below(12),
                1 + rng.below(28)
            );
        }
        let mut body = String::new();
        for s in 0..(6 + rng.below(30)) {
            if s % 8 == 4 {
                let heading: String = rng.pick(&sentences).chars().take(8).collect();
                let _ = write!(body, "\n\n## {heading}\n\n");
            }
            if rng.below(10) == 0 {
                body.push_str(ENGLISH[rng.below(ENGLISH.len())]);
                body.push(' ');
            }
            body.push_str(rng.pick(&sentences));
            if rng.below(3) == 0 {
                // A made-up name or place: real sites keep adding vocabulary.
                let name: String = (0..2 + rng.below(3))
                    .map(|_| chars[rng.below(chars.len())])
                    .collect();
                let _ = write!(body, "{name}。");
            }
            if rng.below(4) == 0 {
                body.push_str("\n\n");
            }
        }
        std::fs::write(
            dir.join("content").join(folder).join(format!("p{i}.md")),
            format!("+++\n{front}+++\n{body}\n"),
        )
        .unwrap();
    }
    println!(
        "{n} pages from {} sentences in {}",
        sentences.len(),
        dir.display()
    );
}
