//! `serve`'s incremental builds (parsed files and rendered Markdown kept between
//! builds, pages rendered on request) give the same site as a full build: after each
//! edit, every path the preview serves and its bytes equal a fresh `pipeline::build`
//! of the same files.

use std::path::Path;
use std::time::{Duration, SystemTime};

use kepu::pipeline::{self, BuildOptions, Session};

use crate::support::{NOW, SITE_TOML, Site, page};

fn site() -> Site {
    let config = format!(
        "{SITE_TOML}\n[taxonomies]\ntags = {{ feed = true, paginate_by = 2 }}\n\n[feeds]\nlimit = 3\n"
    );
    let mut site = Site::new()
        .file("site.toml", &config)
        .file("content/_index.md", &page("title = \"首页\"", "欢迎。"))
        .file(
            "content/news/_index.md",
            &page("title = \"新闻\"\nsort_by = \"date\"\npaginate_by = 2", ""),
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"\npaginate_by = 2", ""),
        )
        .file("static/css/extra.css", "p { color: red; }\n")
        .file("data/partners.toml", "name = \"科协\"\n")
        .file(
            "templates/partials/footer.html",
            "<footer>{% set p = load_data(path=\"partners.toml\") %}{{ p.name }}</footer>\n",
        )
        .file(
            "content/events/fair/index.md",
            &page(
                "title = \"科普展\"\n[event]\nstart = 2018-06-16T09:00:00",
                "![展板](board.png)",
            ),
        )
        .bytes("content/events/fair/board.png", &png(500, 60))
        .file(
            "content/events/night.md",
            &page(
                "title = \"观星夜\"\ntaxonomies = { tags = [\"天文\"] }\n[event]\nstart = 2018-06-09T19:00:00\nend = 2018-06-09T21:00:00\nlocation = \"天文台\"",
                "带上望远镜。见 [第一篇](@/news/n1.md)。",
            ),
        )
        .file(
            "content/events/monthly.md",
            &page(
                "title = \"每月讲座\"\n[event]\nstart = 2018-05-12T14:00:00\nrecurrence = \"FREQ=MONTHLY;COUNT=4\"",
                "每月第二个周六。",
            ),
        );
    for n in 1..=5 {
        site = site.file(
            &format!("content/news/n{n}.md"),
            &page(
                &format!(
                    "title = \"新闻{n}\"\ndate = 2018-05-0{n}\naliases = [\"/old/n{n}/\"]\ntaxonomies = {{ tags = [\"科普\"] }}"
                ),
                &format!("第{n}篇。\n\n## 小标题\n\n见 [观星夜](@/events/night.md)。"),
            ),
        );
    }
    site
}

/// Sets the modification time of every file under `dir` to `time`. Files written
/// just now are parsed again by every build (their time could be shared by a later
/// edit on a coarse clock), so the fixture is dated in the past to let the preview
/// reuse what it parsed, as it does on a real site.
fn date_files(dir: &Path, time: SystemTime) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            date_files(&path, time);
        } else {
            let file = std::fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(time).unwrap();
        }
    }
}

/// Compares every file the preview serves with a full build of the same files.
#[track_caller]
fn assert_same_as_full_build(session: &mut Session, options: &BuildOptions, step: &str) {
    let (live, _, _) = kepu::serve::build(session)
        .unwrap_or_else(|e| panic!("{step}: the preview build failed: {e:?}"));
    let full =
        pipeline::build(options).unwrap_or_else(|e| panic!("{step}: the full build failed: {e:?}"));
    let expected: Vec<String> = full.output.paths().map(str::to_string).collect();
    assert_eq!(live.paths(), expected, "{step}: the same paths");
    let differ: Vec<&String> = expected
        .iter()
        .filter(|path| live.read(path) != full.output.read(path).map(Ok))
        .collect();
    assert!(differ.is_empty(), "{step}: these differ: {differ:?}");
}

#[test]
fn every_served_file_equals_a_full_build_after_each_edit() {
    let site = site();
    let options = BuildOptions {
        root: site.root(),
        now: Some(NOW.to_string()),
        ..BuildOptions::default()
    };
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    date_files(&site.root(), an_hour_ago);
    let mut session = Session::new(options.clone());
    assert_same_as_full_build(&mut session, &options, "first build");

    let edits: [(&str, &str, Option<Vec<u8>>); 13] = [
        (
            "body edit",
            "content/news/n1.md",
            Some(
                page(
                "title = \"新闻1\"\ndate = 2018-05-01\naliases = [\"/old/n1/\"]\ntaxonomies = { tags = [\"科普\"] }",
                "改过的第一篇。\n\n<!-- more -->\n\n天文。",
                )
                .into_bytes(),
            ),
        ),
        // Same summary, same word count: only the page's own content differs.
        (
            "a word below the summary",
            "content/news/n1.md",
            Some(
                page(
                "title = \"新闻1\"\ndate = 2018-05-01\naliases = [\"/old/n1/\"]\ntaxonomies = { tags = [\"科普\"] }",
                "改过的第一篇。\n\n<!-- more -->\n\n地理。",
                )
                .into_bytes(),
            ),
        ),
        (
            "title change",
            "content/events/night.md",
            Some(
                page(
                "title = \"观星之夜\"\ntaxonomies = { tags = [\"天文\"] }\n[event]\nstart = 2018-06-09T19:00:00\nend = 2018-06-09T21:00:00\nlocation = \"天文台\"",
                "带上望远镜。见 [第一篇](@/news/n1.md)。",
                )
                .into_bytes(),
            ),
        ),
        (
            "event time change",
            "content/events/night.md",
            Some(
                page(
                "title = \"观星之夜\"\ntaxonomies = { tags = [\"天文\"] }\n[event]\nstart = 2018-06-09T20:30:00\nend = 2018-06-09T22:00:00\nlocation = \"天文台\"",
                "带上望远镜。见 [第一篇](@/news/n1.md)。",
                )
                .into_bytes(),
            ),
        ),
        (
            "tag added",
            "content/news/n2.md",
            Some(
                page(
                "title = \"新闻2\"\ndate = 2018-05-02\naliases = [\"/old/n2/\"]\ntaxonomies = { tags = [\"科普\", \"天文\"] }",
                "第2篇。",
                )
                .into_bytes(),
            ),
        ),
        (
            "new file",
            "content/news/n6.md",
            Some(
                page(
                "title = \"新闻6\"\ndate = 2018-05-06\ntaxonomies = { tags = [\"新\"] }",
                "第6篇，链接 [观星夜](@/events/night.md)。",
                )
                .into_bytes(),
            ),
        ),
        // The event links to it: the event's HTML must follow the new address.
        (
            "linked page moves",
            "content/news/n1.md",
            Some(
                page(
                "title = \"新闻1\"\nslug = \"first\"\ndate = 2018-05-01\ntaxonomies = { tags = [\"科普\"] }",
                "改过的第一篇。",
                )
                .into_bytes(),
            ),
        ),
        ("file deleted", "content/news/n3.md", None),
        // Another size: new width and height in the page, other smaller copies.
        ("image replaced", "content/events/fair/board.png", Some(png(490, 50))),
        // The footer shows it on every page.
        (
            "data file edit",
            "data/partners.toml",
            Some("name = \"博物馆\"\n".into()),
        ),
        (
            "template edit",
            "templates/partials/footer.html",
            Some("<footer><p>页脚已改</p></footer>\n".into()),
        ),
        (
            "static CSS edit",
            "static/css/extra.css",
            Some("p { color: blue; }\n".into()),
        ),
        (
            "site.toml edit",
            "site.toml",
            Some(
                "title = \"改名的测试站\"\nbase_url = \"https://example.org\"\n\n[taxonomies]\ntags = { feed = true, paginate_by = 2 }\n"
                    .as_bytes()
                    .to_vec(),
            ),
        ),
    ];
    for (n, (step, path, text)) in edits.into_iter().enumerate() {
        match text {
            Some(bytes) => {
                site.write(path, &bytes);
                // Each edit a minute after the last, as an editor would save.
                let file = std::fs::File::options()
                    .append(true)
                    .open(site.root().join(path))
                    .unwrap();
                let minutes = Duration::from_secs(60 * (n as u64 + 1));
                file.set_modified(an_hour_ago + minutes).unwrap();
            }
            None => std::fs::remove_file(site.root().join(path)).expect("remove the file"),
        }
        // As the watcher reports it: an edit of a known file lets the preview keep
        // its list of files; a new or deleted file makes it walk the folders again.
        let root = site.root().canonicalize().unwrap();
        session.changed(&[root.join(path)]);
        assert_same_as_full_build(&mut session, &options, step);
    }
}

/// Nothing changes on disk while the build time passes the start and the end of an
/// event: its page, the lists and calendars that show what has ended must follow,
/// though every page's document and body are kept.
#[test]
fn served_files_follow_the_build_time_past_an_event() {
    // The event alone in its section: its ending moves no neighbour, so only what
    // the page's view reads of the build time can show the change. The section must
    // say `kind = "event"`: without it the page inherits the default kind, is drawn
    // with page.html, which shows nothing of `page.event`, and a stale event view
    // (upcoming after the end) would give the same bytes.
    let site = Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/night.md",
            &page(
                "title = \"观星夜\"\n[event]\nstart = 2018-06-09T19:00:00\nend = 2018-06-09T21:00:00",
                "带上望远镜。",
            ),
        );
    let mut options = BuildOptions {
        root: site.root(),
        now: Some(NOW.to_string()),
        ..BuildOptions::default()
    };
    date_files(&site.root(), SystemTime::now() - Duration::from_secs(3600));
    let mut session = Session::new(options.clone());
    assert_same_as_full_build(&mut session, &options, "first build");
    for now in [
        "2018-06-09T20:00:00+08:00",
        "2018-06-09T21:30:00+08:00",
        "2018-07-20T00:00:00+08:00",
    ] {
        options.now = Some(now.to_string());
        session.options_mut().now = options.now.clone();
        session.changed(&[]);
        assert_same_as_full_build(&mut session, &options, now);
    }
}

/// `serve`'s background check reports the search's problems without making the
/// search index (seconds and tens of megabytes at 10,000 pages, kept for as long as
/// the site is served): the index is made whole when a search file is read.
#[test]
fn a_check_makes_no_search_index_until_a_search_file_is_read() {
    let mut site = Site::new().file(
        "site.toml",
        "title = \"科普\"\nbase_url = \"https://example.org\"\n[search]\nsections = [\"news\", \"nowhere\"]\n",
    )
    .file("content/news/_index.md", &page("title = \"新闻\"", ""));
    for n in 0..300 {
        site = site.file(
            &format!("content/news/p{n}.md"),
            &page(&format!("title = \"第{n}页\""), &format!("科普文字 {n}。")),
        );
    }
    let options = BuildOptions {
        root: site.root(),
        now: Some(NOW.to_string()),
        ..BuildOptions::default()
    };
    let prepared = Session::new(options.clone()).prepare().expect("prepared");
    let (preview, _, _) = prepared.preview().expect("planned");
    let checked = preview.check().expect("a check nothing stops");
    assert!(!preview.holds_search_files(), "the check made the index");
    let full = pipeline::build(&options).expect("full build");
    let warnings = |d: &kepu::diag::Diagnostics| -> Vec<String> {
        let mut all: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        all.sort();
        all
    };
    assert!(
        warnings(&checked).iter().any(|w| w.contains("nowhere")),
        "the unknown search section is reported: {:?}",
        warnings(&checked)
    );
    assert_eq!(warnings(&checked), warnings(&full.warnings));

    let search: Vec<&str> = full
        .output
        .paths()
        .filter(|p| p.starts_with("search/"))
        .collect();
    assert!(search.len() > 3, "{search:?}");
    for path in search {
        assert_eq!(preview.read(path), full.output.read(path).map(Ok), "{path}");
    }
    assert!(preview.holds_search_files());
    let again = preview.check().expect("a check nothing stops");
    assert_eq!(warnings(&again), warnings(&checked));
}

/// A PNG of the given size, drawn with a gradient so that it does not compress away.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode a PNG");
    bytes.into_inner()
}
