//! Site search: the index files a build writes, what `[search]` and `search = false`
//! leave out, the browser tokenizer and lookup against the Rust ones (run with
//! `node`), and the search page in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use kepu::search::index::{self, SHARD_BYTES};
use kepu::search::lookup::{self, Manifest};
use kepu::search::tokenize::{TokenKind, all_tokens};

use crate::support::browser::dump_dom;
use crate::support::server::Files;
use crate::support::tools::{Tool, find};
use crate::support::{SITE_TOML, Site, page};

/// A small association site: two disaster-prevention pages, an English-titled
/// training, a page kept out of search, a page with a matching heading only, and a
/// news item from Hong Kong written in traditional characters.
fn fixture() -> Site {
    Site::new()
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/fangzai.md",
            &page(
                "title = \"防灾减灾日宣传\"\ndate = 2018-04-25\n[event]\nstart = 2018-06-12T09:30:00",
                "协会在会员单位开展防灾减灾知识巡回宣传。\n\n## 参与方式\n\n志愿者报名。\n",
            ),
        )
        .file(
            "content/resources/_index.md",
            &page("title = \"资源\"\nkind = \"resource\"", ""),
        )
        .file(
            "content/resources/guatu.md",
            &page(
                "title = \"科普挂图\"\ndate = 2018-04-20",
                "挂图讲解地震和火灾的避险要点，配合防灾宣传使用。\n",
            ),
        )
        .file(
            "content/trainings/_index.md",
            &page("title = \"培训\"\nkind = \"training\"", ""),
        )
        .file(
            "content/trainings/volunteer.md",
            &page(
                "title = \"Volunteer training\"\ndate = 2018-03-01\n[event]\nstart = 2018-03-15T09:00:00",
                "Science communication for volunteers: 互联网+科普 and 科普中国e站.\n",
            ),
        )
        .file(
            "content/about/_index.md",
            &page("title = \"关于\"", "协会简介。\n\n## 应急演练\n\n每年组织一次。\n"),
        )
        .file(
            "content/news/_index.md",
            &page("title = \"新闻\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/hk.md",
            &page(
                "title = \"科學館開放日\"\ndate = 2018-05-02",
                "香港市民參觀天文館的科學展覽。\n",
            ),
        )
        .file(
            "content/secret.md",
            &page("title = \"内部通知\"\nsearch = false", "防灾内部资料，秘密词汇喵喵。\n"),
        )
}

fn manifest(site: &Site) -> Manifest {
    serde_json::from_str(&site.read("public/search/index.json")).expect("manifest is JSON")
}

/// Titles of the results of a query, by the Rust lookup over the written files.
fn titles(site: &Site, query: &str) -> Vec<String> {
    let manifest = manifest(site);
    let dir = site.root().join("public/search");
    lookup::search(&manifest, &reader(&dir), query, None)
        .into_iter()
        .map(|hit| {
            let (file, item) = manifest.fragment_of(hit.page);
            let fragments: serde_json::Value =
                serde_json::from_str(&site.read(&format!("public/{file}"))).unwrap();
            fragments[item]["t"].as_str().unwrap().to_string()
        })
        .collect()
}

/// Reads the search files under `dir`, as `lookup::search` asks for them.
fn reader(dir: &Path) -> impl Fn(&str) -> Option<String> + '_ {
    move |path: &str| std::fs::read_to_string(dir.join(path)).ok()
}

/// Writes an index made by `index::shards` and its manifest into `dir`, as a build
/// lays them out.
fn write_index(dir: &Path, shards: &index::Shards, m: &Manifest) {
    std::fs::create_dir_all(dir.join("s")).unwrap();
    std::fs::create_dir_all(dir.join("q")).unwrap();
    for (n, text) in shards.texts.iter().enumerate() {
        std::fs::write(dir.join(lookup::shard_path(n)), text).unwrap();
    }
    for (n, text) in shards.positions.iter().enumerate() {
        if !text.is_empty() {
            std::fs::write(dir.join(lookup::positions_path(n)), text).unwrap();
        }
    }
    std::fs::write(dir.join("index.json"), serde_json::to_vec(m).unwrap()).unwrap();
}

#[test]
fn build_writes_manifest_shards_fragments_and_page() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let m = manifest(&site);
    assert_eq!(m.pages, 10); // every page and section but secret.md
    assert_eq!(m.shards.len(), site.files("public/search/s").len());
    assert!(site.exists("public/search/index.html"));
    assert!(site.exists("public/js/search.js"));
    // The event starting after the build time (2018-06-01) is upcoming.
    assert_eq!(m.kinds.matches(lookup::UPCOMING).count(), 1);
    assert_eq!(m.kinds.to_lowercase().matches('e').count(), 2);
    let html = site.read("public/search/index.html");
    assert!(html.contains("<noscript>"), "{html}");
    assert!(html.contains("aria-live=\"polite\""));
    assert!(html.contains("value=\"resource\""));
    // Other pages get the search box in the header; the search page has its own form.
    assert!(
        site.read("public/index.html")
            .contains("action=\"/search/\"")
    );
    assert!(!html.contains("site-search-q"));
}

#[test]
fn pages_with_search_false_are_not_indexed() {
    let site = fixture();
    site.build(&[]).assert_ok();
    for file in site.files("public/search") {
        let text = site.read(&format!("public/search/{file}"));
        assert!(
            !text.contains("喵喵") && !text.contains("内部通知"),
            "{file}"
        );
    }
    assert!(!titles(&site, "防灾").contains(&"内部通知".to_string()));
}

#[test]
fn lookup_finds_chinese_english_and_mixed_queries() {
    let site = fixture();
    site.build(&[]).assert_ok();
    assert_eq!(titles(&site, "防灾"), ["防灾减灾日宣传", "科普挂图"]);
    assert_eq!(titles(&site, "防灾减灾"), ["防灾减灾日宣传"]);
    assert_eq!(titles(&site, "地震"), ["科普挂图"]);
    assert_eq!(titles(&site, "VOLUNTEERS"), ["Volunteer training"]);
    assert_eq!(titles(&site, "scien"), ["Volunteer training"]);
    assert_eq!(titles(&site, "互联网+科普"), ["Volunteer training"]);
    assert_eq!(titles(&site, "e站"), ["Volunteer training"]);
    // Traditional and simplified characters find each other, both ways.
    assert_eq!(titles(&site, "科学"), ["科學館開放日"]);
    assert_eq!(titles(&site, "科學館"), ["科學館開放日"]);
    assert_eq!(titles(&site, "防災減災"), ["防灾减灾日宣传"]);
    assert_eq!(titles(&site, "天文馆"), ["科學館開放日"]);
    // The address is indexed: /trainings/volunteer/.
    let trainings = titles(&site, "trainings");
    assert!(
        trainings.contains(&"Volunteer training".to_string()),
        "{trainings:?}"
    );
}

#[test]
fn search_section_and_field_settings() {
    let site = fixture().file(
        "site.toml",
        &format!("{SITE_TOML}[search]\nsections = [\"events\", \"nope\"]\nfields = [\"title\"]\n"),
    );
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        run.errors(),
        [
            "site.toml:4:23: warning: `[search] sections`: there is no section content/nope/_index.md"
        ]
    );
    assert_eq!(manifest(&site).pages, 2); // events/_index.md and events/fangzai.md
    assert_eq!(titles(&site, "防灾"), ["防灾减灾日宣传"]);
    assert!(titles(&site, "巡回").is_empty()); // body not indexed
}

#[test]
fn search_can_be_turned_off() {
    let site = fixture().file(
        "site.toml",
        &format!("{SITE_TOML}[search]\nenable = false\n"),
    );
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/search"));
    assert!(!site.read("public/index.html").contains("/search/"));
}

#[test]
fn unknown_search_field_is_an_error_at_its_place() {
    let site = Site::new().file(
        "site.toml",
        &format!("{SITE_TOML}[search]\nfields = [\"title\", \"bodyy\"]\n"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["site.toml:4:20: `[search] fields` has no field \"bodyy\""]
    );
    assert!(run.stderr.contains(
        "help: list some of: \"title\", \"description\", \"headings\", \"body\", \"tags\", \"url\""
    ));
}

#[test]
fn shards_stay_small() {
    let mut site = Site::new();
    for i in 0..40 {
        site = site.file(
            &format!("content/p{i}.md"),
            &page(
                &format!("title = \"第{i}篇\""),
                &(0..100)
                    .map(|j| format!("科普志愿者{j}号 word{j}x{i} "))
                    .collect::<String>(),
            ),
        );
    }
    site.build(&[]).assert_ok();
    let files = site.files("public/search/s");
    assert!(files.len() > 1, "{files:?}");
    for file in files {
        let text = site.read(&format!("public/search/s/{file}"));
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(
            text.len() < SHARD_BYTES + longest + 2,
            "{file}: {}",
            text.len()
        );
    }
}

/// The default theme's search script.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js")
}

/// Strings the browser and the build must cut the same way.
const TOKEN_CASES: &[&str] = &[
    "防灾减灾",
    "科普日",
    "互联网+科普",
    "e站",
    "科普e站",
    "Volunteer TRAINING, science-day 2018!",
    "２０１８年ＡＩ　科普",
    "ΟΔΟΣ ὈΔΥΣΣΕΎΣ",
    "5·12防灾减灾日：地震、火灾",
    "日本語のテキスト 한국어",
    "𠀀𠀁 﨑",
    "café naïve",
    "科學普及，防災減災",
];

#[test]
fn browser_tokenizer_matches_the_build() {
    let Some(node) = find(Tool::Node) else {
        return;
    };
    let cases = serde_json::to_string(TOKEN_CASES).unwrap();
    // The folding table a manifest would carry for an index of these strings.
    let simplified: std::collections::BTreeSet<char> = TOKEN_CASES
        .iter()
        .flat_map(|c| c.chars())
        .map(kepu::search::fold::simplified)
        .collect();
    let fold = serde_json::to_string(&kepu::search::fold::browser_table(&simplified)).unwrap();
    let js = format!(
        "const s = require({:?}); const fold = s.foldMap({{ fold: {fold} }}); const out = {cases}.map(c => {{ const t = []; s.tokenize(c, 0, (a, b, k) => t.push([a, b, k]), fold); return t; }}); console.log(JSON.stringify(out));",
        script().display().to_string()
    );
    let output = Command::new(node).arg("-e").arg(js).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_js: Vec<Vec<(String, u32, String)>> = serde_json::from_slice(&output.stdout).unwrap();
    for (case, js_tokens) in TOKEN_CASES.iter().zip(from_js) {
        let rust: Vec<(String, u32, String)> = all_tokens(case)
            .into_iter()
            .map(|(t, p, k)| {
                let k = match k {
                    TokenKind::Word => "w",
                    TokenKind::Pair => "p",
                    TokenKind::Tail => "t",
                    TokenKind::Single => "s",
                };
                (t, p, k.to_string())
            })
            .collect();
        assert_eq!(js_tokens, rust, "{case}");
    }
}

#[test]
fn browser_lookup_matches_the_build() {
    let Some(node) = find(Tool::Node) else {
        return;
    };
    let site = fixture();
    site.build(&[]).assert_ok();
    let queries = [
        "防灾",
        "防災",
        "科学",
        "灾",
        "防灾 减灾",
        "地震",
        "volunteer",
        "科普e站",
        "互联网+科普",
        "应急演练",
        "zzz",
    ];
    let dir = site.root().join("public/search");
    assert_node_matches_rust(&node, &dir, &manifest(&site), &queries);
}

/// A hit as both lookups report it: page, phrase, complete, field, score × 1000.
type HitRow = (u32, bool, bool, u8, i64);

/// A node program that prints, for each of `queries` over the index in `dir`, the
/// positions files search.js fetches first and the hits it reports.
fn node_lookup(dir: &Path, queries: &[&str]) -> String {
    format!(
        "const fs = require('fs'); const s = require({script:?}); const dir = {dir:?};
         const m = JSON.parse(fs.readFileSync(dir + '/index.json', 'utf8'));
         const file = p => {{ try {{ return fs.readFileSync(dir + '/' + p, 'utf8'); }} catch (e) {{ return ''; }} }};
         const fold = s.foldMap(m);
         console.log(JSON.stringify({queries:?}.map(q => {{ const t = s.queryTokens(q, fold); return [s.positionFiles(m, t, file).sort(), s.search(m, file, t, '').map(h => [h.page, h.phrase, h.complete, h.field, Math.round(h.score * 1000)])]; }})));",
        script = script().display().to_string(),
        dir = dir.display().to_string(),
    )
}

/// Runs `queries` through search.js (in `node`) and `lookup::search` over the index in
/// `dir` and asserts the same pages, phrase and completeness flags and scores, and
/// that the positions files the script fetches first (`positionFiles`) are the ones
/// the lookup reads.
fn assert_node_matches_rust(node: &Path, dir: &Path, m: &Manifest, queries: &[&str]) {
    let js = node_lookup(dir, queries);
    let output = Command::new(node).arg("-e").arg(js).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_js: Vec<(Vec<String>, Vec<HitRow>)> = serde_json::from_slice(&output.stdout).unwrap();
    for (query, (js_positions, js_hits)) in queries.iter().zip(from_js) {
        let read = std::cell::RefCell::new(std::collections::BTreeSet::new());
        let file = |path: &str| {
            read.borrow_mut().insert(path.to_string());
            reader(dir)(path)
        };
        let rust: Vec<HitRow> = lookup::search(m, &file, query, None)
            .into_iter()
            .map(|h| {
                (
                    h.page,
                    h.phrase,
                    h.complete,
                    h.field,
                    (h.score * 1000.0).round() as i64,
                )
            })
            .collect();
        assert_eq!(js_hits, rust, "{query}");
        let positions: Vec<String> = read
            .into_inner()
            .into_iter()
            .filter(|p| p.starts_with("q/"))
            .collect();
        assert_eq!(js_positions, positions, "{query}");
    }
}

/// The index terms of pages with only these bodies.
fn body_terms(bodies: &[&str]) -> Vec<index::PageTerms> {
    bodies
        .iter()
        .map(|body| {
            index::page_terms(
                &index::Entry {
                    body,
                    ..index::Entry::default()
                },
                index::Fields::default(),
            )
        })
        .collect()
}

/// The manifest of an index of `shards` over pages of these `kinds` (one letter a
/// page), with positions written for the newest `window` pages.
fn manifest_of(shards: &index::Shards, kinds: &str, window: usize) -> Manifest {
    Manifest {
        version: 3,
        build: String::new(),
        pages: kinds.chars().count() as u32,
        kinds: kinds.into(),
        shards: shards.first_terms.clone(),
        fold: String::new(),
        fragment_pages: 1,
        window: window as u32,
    }
}

/// Common terms keep only their first positions; both lookups judge phrases by
/// positions alone, and agree.
#[test]
fn browser_lookup_matches_the_build_for_common_terms() {
    let Some(node) = find(Tool::Node) else {
        return;
    };
    let bodies = [
        "科普志愿者参加活动。",
        "科普工作和志愿者。",
        "志愿者科普。",
        "地震科普。",
    ];
    let terms = body_terms(&bodies);
    // 科普, 志愿 and 愿者 are on three pages or more: common; pages 0 to 2 keep
    // their positions.
    let shards = index::shards(&terms, 64, 3, 3);
    assert!(shards.texts.concat().contains("科普\t*"));
    let dir = tempfile::tempdir().unwrap();
    let m = manifest_of(&shards, "nnnE", 3);
    write_index(dir.path(), &shards, &m);
    assert_node_matches_rust(
        &node,
        dir.path(),
        &m,
        &["科普志愿者", "科普", "志愿者", "地震科普", "科普 工作"],
    );
    // Only page 0 has the phrase.
    let hits = lookup::search(&m, &reader(dir.path()), "科普志愿者", None);
    assert_eq!(hits[0].page, 0);
    assert!(hits[0].phrase);
    assert!(hits[1..].iter().all(|h| !h.phrase));
}

#[test]
fn search_page_finds_results_in_headless_chromium() {
    let Some(chromium) = find(Tool::Chromium) else {
        return;
    };
    let site = fixture();
    site.build(&[]).assert_ok();
    let port = Files::new(site.root().join("public")).serve().port;
    let base = format!("http://127.0.0.1:{port}/search/");

    let dom = dump_dom(&chromium, &format!("{base}?q=%E9%98%B2%E7%81%BE"));
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    assert!(results.contains("<mark>防灾</mark>减灾日宣传"), "{dom}");
    assert!(results.contains("科普挂图"), "{results}");
    assert!(results.contains("配合<mark>防灾</mark>宣传"), "{results}");
    assert!(!results.contains("内部通知"), "{results}");
    assert!(dom.contains("找到 2 条结果"), "{dom}");
    // Upcoming event first, with its kind and date.
    assert!(results.find("防灾减灾日宣传") < results.find("科普挂图"));
    assert!(results.contains("活动 · 2018年6月12日"), "{results}");

    let dom = dump_dom(&chromium, &format!("{base}?q=volunteer"));
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    assert!(
        results.contains("<a href=\"/trainings/volunteer/\"><mark>Volunteer</mark> training</a>"),
        "{results}"
    );
    assert!(results.contains("<mark>volunteers</mark>"), "{results}");

    // A heading match links to the heading.
    let dom = dump_dom(
        &chromium,
        &format!("{base}?q=%E5%BA%94%E6%80%A5%E6%BC%94%E7%BB%83"),
    );
    assert!(
        dom.contains("href=\"/about/#%E5%BA%94%E6%80%A5%E6%BC%94%E7%BB%83\""),
        "{dom}"
    );

    assert_folding_and_kind_filter(&chromium, &base);
}

/// On the search page at `base`: a traditional query marks the page's simplified
/// characters, and a simplified query the traditional ones, as each page writes them;
/// and the kind filter works from the URL as a plain form submit sends it.
fn assert_folding_and_kind_filter(chromium: &Path, base: &str) {
    let dom = dump_dom(chromium, &format!("{base}?q=%E9%98%B2%E7%81%BD")); // 防災
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    assert!(results.contains("<mark>防灾</mark>减灾日宣传"), "{results}");
    let dom = dump_dom(chromium, &format!("{base}?q=%E7%A7%91%E5%AD%A6")); // 科学
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    assert!(results.contains("<mark>科學</mark>館開放日"), "{results}");
    assert!(
        results.contains("天文館的<mark>科學</mark>展覽"),
        "{results}"
    );
    let dom = dump_dom(
        chromium,
        &format!("{base}?q=%E9%98%B2%E7%81%BE&kind=resource"),
    );
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    assert!(
        results.contains("科普挂图") && !results.contains("防灾减灾日宣传"),
        "{results}"
    );
}

/// Pages that use 火山, 山地 and 地震, each on more pages than the cutoff for common
/// terms, but only two with 火山地震 together.
const VOLCANO_PAGES: &[&str] = &[
    "火山地震的科普知识。",
    "火山和山地，还有地震。",
    "山地上的火山，地震带。",
    "地震后的火山与山地。",
    "介绍火山地震与海啸。",
];

/// A phrase of common terms (written without positions in their shard lines) is
/// reported only where its terms stand together, by the Rust lookup and by search.js
/// alike, and phrase results come first. Outside the window of pages whose positions
/// are written, a page is never guessed to be a phrase.
#[test]
fn phrases_of_common_terms_are_never_guessed() {
    let terms = body_terms(VOLCANO_PAGES);
    for window in [5, 2] {
        // A cutoff of 3 pages: every pair of 火山地震 is common here.
        let shards = index::shards(&terms, 64, 3, window);
        let text = shards.texts.concat();
        for term in ["火山", "山地", "地震"] {
            assert!(text.contains(&format!("\n{term}\t*")), "{term}: {text}");
        }
        let m = manifest_of(&shards, "nnnnn", window);
        let dir = tempfile::tempdir().unwrap();
        write_index(dir.path(), &shards, &m);
        let hits = lookup::search(&m, &reader(dir.path()), "火山地震", None);
        assert_eq!(hits.len(), 5);
        assert!(hits.iter().all(|h| h.complete));
        let phrases: Vec<u32> = hits.iter().filter(|h| h.phrase).map(|h| h.page).collect();
        // Page 4 has the phrase, but beyond a window of 2 pages it is not checked.
        let expected: &[u32] = if window == 5 { &[0, 4] } else { &[0] };
        assert_eq!(phrases, expected, "window {window}");
        assert!(!hits[expected.len()].phrase);
        // One term alone needs no positions.
        let read = std::cell::RefCell::new(Vec::new());
        let file = |path: &str| {
            read.borrow_mut().push(path.to_string());
            reader(dir.path())(path)
        };
        assert_eq!(lookup::search(&m, &file, "火山", None).len(), 5);
        assert!(read.borrow().iter().all(|p| p.starts_with("s/")));

        let Some(node) = find(Tool::Node) else {
            return;
        };
        assert_node_matches_rust(
            &node,
            dir.path(),
            &m,
            &["火山地震", "山地震", "火山 地震", "火山"],
        );
    }
}

/// A site where a word is in one page's address only, another's text, a third's
/// tags and a fourth's description.
fn ranking_fixture() -> Site {
    Site::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}[taxonomies]\ntags = {{}}\n"),
        )
        .file(
            "content/science.md",
            &page("title = \"活动回顾\"", "今年的活动很精彩。\n"),
        )
        .file(
            "content/talk.md",
            &page("title = \"讲座\"", "Science communication for everyone.\n"),
        )
        .file(
            "content/camp.md",
            &page(
                "title = \"夏令营\"\n[taxonomies]\ntags = [\"青少年\"]",
                "营员参加天文观测。\n",
            ),
        )
        .file(
            "content/summer.md",
            &page("title = \"暑期活动\"", "青少年参加天文观测。\n"),
        )
        .file(
            "content/brief.md",
            &page(
                "title = \"简报\"\ndescription = \"青少年天文简报\"",
                "内容见附件。\n",
            ),
        )
        .file(
            "content/club.md",
            &page("title = \"社团\"", "## 青少年天文社\n\n每周活动。\n"),
        )
}

/// Title > headings > body > description > tags > address, and a result found only
/// through its address or tags says so in the browser.
#[test]
fn text_outranks_description_tags_and_address() {
    let site = ranking_fixture();
    site.build(&[]).assert_ok();
    assert_eq!(titles(&site, "science"), ["讲座", "活动回顾"]);
    assert_eq!(
        titles(&site, "青少年"),
        ["社团", "暑期活动", "简报", "夏令营"]
    );
    let m = manifest(&site);
    let dir = site.root().join("public/search");
    let fields: Vec<u8> = lookup::search(&m, &reader(&dir), "science", None)
        .iter()
        .map(|h| h.field)
        .collect();
    assert_eq!(fields, [index::BODY, index::URL]);

    let Some(chromium) = find(Tool::Chromium) else {
        return;
    };
    let port = Files::new(site.root().join("public")).serve().port;
    let dom = dump_dom(
        &chromium,
        &format!("http://127.0.0.1:{port}/search/?q=science"),
    );
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    let talk = results.find("讲座").expect(results);
    let url_only = results.find("活动回顾").expect(results);
    assert!(talk < url_only, "{results}");
    assert!(
        results[url_only..].contains("<p class=\"found-in\">地址中含有 science</p>"),
        "{results}"
    );
    assert!(!results[..url_only].contains("found-in"), "{results}");
}

/// Forty pages of distinct filler words, so that the index has several shards, and
/// three pages about the aurora: two written in simplified characters, one from Hong
/// Kong in traditional ones.
fn aurora_fixture() -> Site {
    let mut site = Site::new();
    for i in 0..40 {
        site = site.file(
            &format!("content/p{i}.md"),
            &page(
                &format!("title = \"第{i}篇\""),
                &(0..60)
                    .map(|j| format!("filler{j}x{i} "))
                    .collect::<String>(),
            ),
        );
    }
    site.file(
        "content/watch.md",
        &page(
            "title = \"极光观测营\"",
            "Aurora watching: 我们在北方观测极光。\n",
        ),
    )
    .file(
        "content/photos.md",
        &page("title = \"极光摄影展\"", "Aurora photos by our members.\n"),
    )
    .file(
        "content/hk.md",
        &page(
            "title = \"香港極光講座\"",
            "天文館介紹極光的成因。Aurora.\n",
        ),
    )
}

/// The index of [`aurora_fixture`]: several shards, "aurora" and 极光 in different
/// ones, and the three pages about the aurora in three fragment files.
#[track_caller]
fn assert_aurora_index(site: &Site) {
    let m = manifest(site);
    let [aurora, jiguang] = ["aurora", "极光"].map(|q| {
        let token = &kepu::search::tokenize::query_tokens(q)[0];
        lookup::shards_for(&m, token)
    });
    assert!(m.shards.len() > 3, "{:?}", m.shards);
    assert!(aurora.end() < jiguang.start(), "{aurora:?} {jiguang:?}");
    let dir = site.root().join("public/search");
    let fragments: std::collections::BTreeSet<String> =
        lookup::search(&m, &reader(&dir), "aurora 极光", None)
            .iter()
            .map(|h| m.fragment_of(h.page).0)
            .collect();
    assert_eq!(fragments.len(), 3, "{fragments:?}");
}

/// The real search page in Chromium on an index of several shards: a query whose
/// two words are in different shards, with results from three fragment files, and
/// traditional ↔ simplified queries both ways, as the visitor sees the list.
#[test]
fn search_page_reads_several_shards_and_fragments_in_chromium() {
    let site = aurora_fixture();
    site.build(&[]).assert_ok();
    assert_aurora_index(&site);

    let Some(chromium) = find(Tool::Chromium) else {
        return;
    };
    let port = Files::new(site.root().join("public")).serve().port;
    let base = format!("http://127.0.0.1:{port}/search/");
    let results = |query: &str| {
        let dom = dump_dom(&chromium, &format!("{base}?q={query}"));
        assert!(dom.contains("找到 3 条结果"), "{query}: {dom}");
        crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>").to_string()
    };
    // aurora 极光
    let list = results("aurora%20%E6%9E%81%E5%85%89");
    for title in [
        "<mark>极光</mark>观测营",
        "<mark>极光</mark>摄影展",
        "香港<mark>極光</mark>講座",
    ] {
        assert!(list.contains(title), "{title}: {list}");
    }
    assert!(list.contains("<mark>Aurora</mark> photos"), "{list}");
    // 極光, traditional: the simplified pages, marked as they are written.
    let list = results("%E6%A5%B5%E5%85%89");
    assert!(list.contains("<mark>极光</mark>观测营"), "{list}");
    assert!(list.contains("观测<mark>极光</mark>"), "{list}");
    // 极光, simplified: the traditional page too.
    let list = results("%E6%9E%81%E5%85%89");
    assert!(list.contains("香港<mark>極光</mark>講座"), "{list}");
    assert!(list.contains("介紹<mark>極光</mark>的成因"), "{list}");
}

/// 2,600 pages with 火山, 山地 and 地震 apart, but together on pages 0, 2200, 2300
/// and 2400, dated so that a later page is newer.
fn volcano_site() -> Site {
    let mut site = Site::new();
    for i in 0..2_600 {
        let body = if [0, 2_200, 2_300, 2_400].contains(&i) {
            "火山地震的知识。"
        } else {
            "火山和山地，还有地震。"
        };
        site = site.file(
            &format!("content/p{i}.md"),
            &page(
                &format!(
                    "title = \"第{i}篇\"\ndate = {}-{:02}-{:02}",
                    2000 + i / 300,
                    1 + i % 300 / 25,
                    1 + i % 25
                ),
                body,
            ),
        );
    }
    site
}

/// The titles of a search page's results, in order, without their marks.
fn shown_titles(results: &str) -> Vec<&str> {
    results
        .split("<h2>")
        .skip(1)
        .filter_map(|item| {
            crate::support::between(item, "\">", "</a>")
                .split('<')
                .next()
        })
        .collect()
}

/// A site big enough for common terms (2,600 pages, each with 火山, 山地 and 地震
/// apart) where four pages have 火山地震 together: three among the newest 500 (the
/// window whose positions are written), but not the very newest, and the oldest. The
/// search page fetches the positions files and lists the three checked phrase pages
/// first, above newer pages (equal scores rank newer first); the oldest is never
/// guessed to be one.
#[test]
fn search_page_checks_phrases_of_common_terms_in_chromium() {
    let site = volcano_site();
    site.build(&[]).assert_ok();
    let m = manifest(&site);
    assert!(
        m.window > 0 && m.window < m.pages,
        "{} {}",
        m.window,
        m.pages
    );
    assert!(!site.files("public/search/q").is_empty());
    let hits = titles(&site, "火山地震");
    assert_eq!(hits[..3], ["第2400篇", "第2300篇", "第2200篇"]);
    assert!(hits.len() > 2_000, "{}", hits.len());
    assert!(hits[3..].iter().any(|t| t == "第0篇"));

    let Some(chromium) = find(Tool::Chromium) else {
        return;
    };
    let port = Files::new(site.root().join("public")).serve().port;
    let dom = dump_dom(
        &chromium,
        &format!("http://127.0.0.1:{port}/search/?q=%E7%81%AB%E5%B1%B1%E5%9C%B0%E9%9C%87"),
    );
    let results = crate::support::between(&dom, "<ol id=\"search-results\"", "</ol>");
    let shown = shown_titles(results);
    assert_eq!(
        shown[..3],
        ["第2400篇", "第2300篇", "第2200篇"],
        "{results}"
    );
    assert!(!shown.contains(&"第0篇"), "{results}");
    assert!(results.contains("<mark>火山地震</mark>的知识"), "{results}");
}
