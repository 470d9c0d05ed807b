//! Sub-path hosting (issue 16): a site built with
//! `--base-url https://example.github.io/assoc-site/` and served under `/assoc-site/`
//! — by a plain static server, as GitHub Pages serves a project site, and by
//! `kepu serve` — has no link, asset, image copy, feed, calendar or search file that
//! leads nowhere or out of the sub-path.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::crawl;
use crate::support::server::Files;
use crate::support::{Site, gradient, page};

const ORIGIN: &str = "https://example.github.io";
const BASE: &str = "https://example.github.io/assoc-site/";
const PREFIX: &str = "/assoc-site/";

/// A site with one of everything that makes a URL: sections, a news bundle with a
/// photo (smaller copies in `srcset`), a co-located file, an alias, tags with feeds,
/// an event (its `.ics`, calendar pages and links, QR code), search and 404.
fn site(site_toml: &str) -> Site {
    Site::new()
        .file("site.toml", site_toml)
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/a/index.md",
            &page(
                "title = \"科普日回顾\"\ndate = 2018-05-01\ncover = \"photo.jpg\"\n\
                 aliases = [\"/2017/old-news/\"]\ntaxonomies = { tags = [\"科普日\"] }",
                "第一段。\n\n![现场](photo.jpg)\n\n[讲座](@/events/talk/index.md)，\
                 [材料](notes.txt)，[本页小节](#小节)。\n\n## 小节\n",
            ),
        )
        .bytes("content/news/a/photo.jpg", &gradient(1200, 800, image::ImageFormat::Jpeg))
        .file("content/news/a/notes.txt", "材料\n")
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/talk/index.md",
            &page(
                "title = \"地震知识讲座\"\ndate = 2018-05-02\ntaxonomies = { tags = [\"科普日\"] }\n\
                 [event]\nstart = 2018-06-12T09:30:00\nend = 2018-06-12T11:30:00\n\
                 location = \"科技馆\"\ngeo = [23.02, 113.75]",
                "讲座介绍。\n",
            ),
        )
        .file("content/about.md", &page("title = \"关于\"", "[首页](@/_index.md)\n"))
}

const FIXTURE_TOML: &str = "title = \"测试协会\"\nbase_url = \"https://example.org\"\n\
                            [taxonomies]\ntags = { feed = true }\n";

/// Where a crawl of the build in `public` starts: the home page, the sitemap,
/// robots.txt, every feed and calendar, linked or not, and both sides of every redirect.
fn starts(public: &Path) -> Vec<String> {
    let mut starts = vec![
        PREFIX.to_string(),
        format!("{PREFIX}sitemap.xml"),
        format!("{PREFIX}robots.txt"),
        format!("{PREFIX}atom.xml"),
        format!("{PREFIX}rss.xml"),
        format!("{PREFIX}calendar.ics"),
    ];
    // Every feed and calendar of the build, linked or not.
    for file in crate::support::files_under(public) {
        if [".xml", ".ics"].iter().any(|e| file.ends_with(e)) {
            starts.push(format!("{PREFIX}{file}"));
        }
    }
    // Both sides of every redirect (the aliases), as Netlify reads them.
    let redirects = std::fs::read_to_string(public.join("_redirects")).unwrap_or_default();
    for line in redirects.lines() {
        starts.extend(line.split_whitespace().take(2).map(str::to_string));
    }
    starts
}

/// Every file of a build (`public` beside the site) served under the sub-path and
/// crawled from the home page, the 404 page at a deep address and the alias.
fn crawl_build(root: &Path, now: &str) -> crawl::Crawl {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    crate::support::run_in(
        root,
        &[
            "build",
            "--now",
            now,
            "--base-url",
            BASE,
            "--output",
            public.to_str().unwrap(),
        ],
        &[],
    )
    .assert_ok();
    let server = Files::new(&public).under(PREFIX).serve();
    let starts = starts(&public);
    let starts: Vec<&str> = starts.iter().map(String::as_str).collect();
    let mut found = crawl::crawl(server.port, ORIGIN, PREFIX, &starts);
    // The 404 page, as a host shows it at any address: its links must still work.
    let missing = format!("{PREFIX}no/such/page/");
    let response = crawl::get(server.port, &missing);
    assert_eq!(response.status, 404);
    let html = String::from_utf8_lossy(&response.body);
    assert!(html.contains("<html"), "the 404 page is served: {html}");
    let links: Vec<String> = crawl::links(&missing, &html)
        .iter()
        .filter_map(|l| crawl::resolve(l, &missing, ORIGIN))
        .collect();
    let starts: Vec<&str> = links.iter().map(String::as_str).collect();
    let more = crawl::crawl(server.port, ORIGIN, PREFIX, &starts);
    found
        .broken
        .extend(more.broken.iter().map(|b| format!("404.html: {b}")));
    found
}

#[test]
fn a_site_built_for_a_sub_path_has_no_broken_link_under_it() {
    let site = site(FIXTURE_TOML);
    let found = crawl_build(&site.root(), crate::support::NOW);
    assert!(found.broken.is_empty(), "{}", found.broken.join("\n"));
    // The crawl reached every kind of URL the issue names.
    for path in [
        "/assoc-site/news/a/photo.480w.jpg",
        "/assoc-site/news/a/notes.txt",
        "/assoc-site/events/talk/event.ics",
        "/assoc-site/tags/ke-pu-ri/atom.xml",
        "/assoc-site/search/index.json",
        "/assoc-site/search/p/0.json",
        "/assoc-site/2017/old-news/",
        "/assoc-site/calendar/2018/06/",
        "/assoc-site/events/talk/qr.svg",
    ] {
        assert!(
            found.fetched.contains(path),
            "{path} was not reached; fetched:\n{}",
            found.fetched.iter().cloned().collect::<Vec<_>>().join("\n")
        );
    }
}

#[test]
fn the_association_site_built_for_a_sub_path_has_no_broken_link_under_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = crawl_build(root, "2018-10-10T00:00:00+08:00");
    assert!(found.broken.is_empty(), "{}", found.broken.join("\n"));
    assert!(found.fetched.len() > 100, "{}", found.fetched.len());
}

/// A running `kepu serve`, stopped when dropped.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn kepu_serve_serves_a_sub_path_site_under_its_sub_path() {
    let site = site(&FIXTURE_TOML.replace("https://example.org", BASE));
    let mut child = Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("KEPU_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kepu serve starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _serve = Serve(child);
    let address = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some((_, rest)) = line.split_once("Serving ") {
            let at = rest.split(" at ").nth(1).unwrap();
            break at.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let (origin, path) = address.split_at(address[7..].find('/').unwrap() + 7);
    assert_eq!(path, PREFIX, "{address}");
    let port: u16 = origin.rsplit(':').next().unwrap().parse().unwrap();
    // The root leads to the site; a folder without its slash keeps the sub-path.
    let root = crawl::get(port, "/");
    assert_eq!((root.status, root.location.as_deref()), (302, Some(PREFIX)));
    let folder = crawl::get(port, "/assoc-site/news");
    assert_eq!(folder.location.as_deref(), Some("/assoc-site/news/"));
    assert_eq!(crawl::get(port, "/news/").status, 404);
    let found = crawl::crawl(port, origin, PREFIX, &[PREFIX]);
    assert!(found.broken.is_empty(), "{}", found.broken.join("\n"));
    assert!(found.fetched.contains("/assoc-site/events/talk/event.ics"));
}
