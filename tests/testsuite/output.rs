//! Where things land in the output folder: clean URLs, bundles, sections, the home and
//! 404 pages, static files, aliases, the summary line, and nothing outside the output.

use crate::support::{Site, page};

#[test]
fn page_file_gets_a_clean_url() {
    let site = Site::new().file("content/news/foo.md", &page("title = \"Foo\"", "正文\n"));
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/news/foo/index.html")
            .contains("<h1>Foo</h1>")
    );
    assert!(!site.exists("public/news/foo.html"));
}

#[test]
fn bundle_page_and_its_assets_share_one_folder() {
    let poster: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
    let site = Site::new()
        .file("content/events/x/index.md", &page("title = \"活动X\"", ""))
        .bytes("content/events/x/poster.jpg", poster)
        .bytes("content/events/x/img/map.png", b"png");
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/events/x/index.html")
            .contains("<h1>活动X</h1>")
    );
    assert_eq!(
        std::fs::read(site.root().join("public/events/x/poster.jpg")).unwrap(),
        poster
    );
    assert_eq!(site.read("public/events/x/img/map.png"), "png");
    assert!(!site.exists("public/events/x/index/index.html"));
}

#[test]
fn section_index_becomes_the_folder_page() {
    let site = Site::new().file(
        "content/news/_index.md",
        &page("title = \"新闻动态\"", "栏目介绍\n"),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/news/index.html");
    assert!(html.contains("<h1>新闻动态</h1>"), "{html}");
    assert!(html.contains("<p>栏目介绍</p>"), "{html}");
}

#[test]
fn home_page_comes_from_content_index() {
    let site = Site::new().file("content/_index.md", &page("title = \"欢迎\"", "首页文字\n"));
    site.build(&[]).assert_ok();
    let html = site.read("public/index.html");
    assert!(html.contains("<h1>欢迎</h1>"), "{html}");
    assert!(html.contains("<p>首页文字</p>"), "{html}");
}

#[test]
fn home_page_is_made_when_content_index_is_missing() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    site.build(&[]).assert_ok();
    assert!(site.read("public/index.html").contains("<h1>测试站</h1>"));
}

#[test]
fn not_found_page_is_written() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    site.build(&[]).assert_ok();
    let html = site.read("public/404.html");
    assert!(html.contains("<h1>页面不存在</h1>"), "{html}");
    assert!(
        html.contains("<title>页面不存在 - 测试站</title>"),
        "{html}"
    );
}

#[test]
fn static_files_are_copied_as_they_are() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("static/robots.txt", "User-agent: *\n")
        .bytes("static/img/logo.png", b"\x89PNG\r\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\n");
    assert_eq!(
        std::fs::read(site.root().join("public/img/logo.png")).unwrap(),
        b"\x89PNG\r\n"
    );
    // The built-in theme's own static files come along.
    assert!(
        site.read("public/css/site.css")
            .starts_with("/* kepu default theme.")
    );
    assert!(site.exists("public/favicon.svg"));
}

#[test]
fn site_static_file_overrides_the_theme_file_of_the_same_path() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("static/css/site.css", "/* our own */\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/css/site.css"), "/* our own */\n");
}

#[test]
fn loose_content_files_are_copied_beside_their_pages() {
    let site = Site::new()
        .file("content/news/a.md", &page("title = \"a\"", ""))
        .file("content/news/notice.pdf", "%PDF");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/notice.pdf"), "%PDF");
}

#[test]
fn alias_writes_a_redirect_to_the_page() {
    let site = Site::new().file(
        "content/about.md",
        &page("title = \"关于\"\naliases = [\"2017/old-about\"]", ""),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/2017/old-about/index.html");
    assert!(
        html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/about/\">"),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/about/\">"),
        "{html}"
    );
}

#[test]
fn base_url_flag_replaces_the_configured_one() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", "[b](@/b.md)\n"))
        .file("content/b.md", &page("title = \"b\"", ""));
    site.build(&["--base-url", "https://example.com/kepu/"])
        .assert_ok();
    let html = site.read("public/a/index.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.com/kepu/a/\">"),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"stylesheet\" href=\"/kepu/css/site."),
        "{html}"
    );
    assert!(html.contains("<a href=\"/kepu/b/\">b</a>"), "{html}");
    // Files stay at the root of the output: the sub-path is the server's business.
    assert!(site.exists("public/a/index.html"));
}

#[test]
fn summary_line_names_pages_sections_and_files() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file("content/news/a.md", &page("title = \"a\"", ""))
        .file("content/news/b.md", &page("title = \"b\"", ""))
        .file("content/about.md", &page("title = \"关于\"", ""));
    let run = site.build(&[]);
    run.assert_ok();
    // 3 pages; news and the home page are sections; 5 HTML files, 404.html, css, favicon,
    // the site feed (Atom and RSS; the news pages are undated), sitemap, robots.txt,
    // the calendar (calendar.ics, /calendar/, the year, the build month and the embeddable
    // calendar) and its scripts (events, filter, in-WeChat), the search page, script,
    // manifest, one shard and the page fragments, the fingerprinted copies of the
    // stylesheet, icon and four scripts, _headers, and the JSON API (events, news) and feed.
    let line = run.stdout.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("Built 3 pages, 2 sections, 39 files in "),
        "{line}"
    );
    assert!(line.ends_with(" ms → ./public"), "{line}");
    assert_eq!(site.files("public").len(), 39);
    assert_eq!(run.stderr, "");
}

#[test]
fn rebuild_removes_output_of_deleted_pages() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("content/b.md", &page("title = \"b\"", ""));
    site.build(&[]).assert_ok();
    assert!(site.exists("public/b/index.html"));
    std::fs::remove_file(site.root().join("content/b.md")).unwrap();
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/b"));
    assert!(site.exists("public/a/index.html"));
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file("content/news/a.md", &page("title = \"a\"", ""))
        .file("static/x.txt", "x");
    let before = site.files("");
    site.build(&[]).assert_ok();
    site.build(&[]).assert_ok();
    let after: Vec<String> = site
        .files("")
        .into_iter()
        .filter(|f| !f.starts_with("public/") && !f.starts_with(".kepu-cache/"))
        .collect();
    assert_eq!(after, before);
    assert_eq!(site.names_outside(), ["site"]);
    // The image cache holds whole entries only, no temporary file.
    for entry in site.files(".kepu-cache") {
        let name = entry.trim_start_matches("images/");
        assert!(
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()),
            "{entry}"
        );
    }
    // No staging or old copies left beside public/, hidden or not.
    let mut top: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(
        top,
        [".kepu-cache", "content", "public", "site.toml", "static"]
    );
}

#[test]
fn output_flag_writes_to_another_folder_only() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&["--output", "../out"]);
    run.assert_ok();
    assert!(run.stdout.trim_end().ends_with(" ms → ../out"), "{run}");
    assert!(site.outside().join("out/a/index.html").is_file());
    assert!(!site.exists("public"));
    assert_eq!(site.names_outside(), ["out", "site"]);
}

#[test]
fn root_flag_builds_a_site_from_another_folder() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = crate::support::run_in(
        site.outside(),
        &["build", "--now", crate::support::NOW, "--root", "site"],
        &[],
    );
    run.assert_ok();
    assert!(site.exists("public/a/index.html"));
    assert_eq!(site.names_outside(), ["site"]);
}

#[test]
fn hidden_and_editor_temp_files_in_content_are_ignored() {
    let broken = "this is not a content file";
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("content/.foo.md", broken)
        .file("content/a.md~", broken)
        .file("content/#a.md#", broken)
        .file("content/.a.md.swp", broken)
        .file("content/.git/config", broken)
        .file("content/.drafts/b.md", broken);
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(run.stderr, "");
    // The fingerprinted copies (`css/site.<crc>.css`…) are the cdn tests' business.
    let files: Vec<String> = site
        .files("public")
        .into_iter()
        .filter(|f| f.split('.').count() < 3)
        .collect();
    assert_eq!(
        files,
        [
            "404.html",
            "_headers",
            "a/index.html",
            "api/events.json",
            "api/news.json",
            "atom.xml",
            "calendar.ics",
            "calendar/2018/06/index.html",
            "calendar/2018/index.html",
            "calendar/embed/index.html",
            "calendar/index.html",
            "css/site.css",
            "favicon.svg",
            "feed.json",
            "index.html",
            "js/events.js",
            "js/filter.js",
            "js/in-wechat.js",
            "js/search.js",
            "robots.txt",
            "rss.xml",
            "search/index.html",
            "search/index.json",
            "search/p/0.json",
            "search/p/1.json",
            "search/s/0.txt",
            "sitemap.xml"
        ]
    );
}

#[test]
fn calendar_pages_are_in_the_sitemap() {
    let site = Site::new()
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/a.md",
            &page(
                "title = \"科普日\"\n[event]\nstart = 2018-09-15T09:00:00",
                "",
            ),
        );
    site.build(&[]).assert_ok();
    let sitemap = site.read("public/sitemap.xml");
    for loc in [
        "https://example.org/calendar/",
        "https://example.org/calendar/2018/",
        "https://example.org/calendar/2018/06/",
        "https://example.org/calendar/2018/09/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} missing:\n{sitemap}"
        );
    }
}
