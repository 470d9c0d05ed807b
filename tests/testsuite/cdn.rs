//! CDN-ready output (issue 16): fingerprinted stylesheets, scripts and icons,
//! `_headers` that lets a CDN keep them a year, precompressed `.gz`/`.br` copies with
//! `[output] precompress = true`, and builds that are byte-for-byte reproducible.

use std::io::Read;

use crate::support::{Site, page};

fn site() -> Site {
    Site::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n[taxonomies]\ntags = { feed = true }\n",
        )
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/a.md",
            &page(
                "title = \"甲\"\ndate = 2018-05-01\ntaxonomies = { tags = [\"科普\", \"讲座\"] }",
                &"科普日活动回顾。".repeat(40),
            ),
        )
        .file(
            "content/news/b.md",
            &page(
                "title = \"乙\"\ndate = 2018-05-01\ntaxonomies = { tags = [\"讲座\"] }",
                "同一天的另一篇。\n",
            ),
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/talk.md",
            &page(
                "title = \"讲座\"\n[event]\nstart = 2018-06-12T09:30:00\nlocation = \"科技馆\"",
                "",
            ),
        )
}

fn crc_name(stem: &str, ext: &str, bytes: &[u8]) -> String {
    format!("{stem}.{:08x}.{ext}", crc32fast::hash(bytes))
}

#[test]
fn stylesheets_scripts_and_the_icon_are_linked_by_fingerprint_and_marked_immutable() {
    let site = site();
    site.build(&[]).assert_ok();
    let css = site.read("public/css/site.css");
    let name = crc_name("css/site", "css", css.as_bytes());
    assert_eq!(site.read(&format!("public/{name}")), css);
    let html = site.read("public/index.html");
    assert!(
        html.contains(&format!("<link rel=\"stylesheet\" href=\"/{name}\">")),
        "{html}"
    );
    let icon = crc_name("favicon", "svg", site.read("public/favicon.svg").as_bytes());
    assert!(html.contains(&format!("<link rel=\"icon\" href=\"/{icon}\"")));
    let events = crc_name(
        "js/events",
        "js",
        site.read("public/js/events.js").as_bytes(),
    );
    assert!(
        site.read("public/events/index.html")
            .contains(&format!("src=\"/{events}\""))
    );
    let search = crc_name(
        "js/search",
        "js",
        site.read("public/js/search.js").as_bytes(),
    );
    assert!(
        site.read("public/search/index.html")
            .contains(&format!("src=\"/{search}\""))
    );
    let headers = site.read("public/_headers");
    for file in [&name, &icon, &events, &search] {
        assert!(
            headers.contains(&format!(
                "\n/{file}\n  Cache-Control: public, max-age=31536000, immutable\n"
            )),
            "{headers}"
        );
    }
    // HTML is not made immutable: it keeps the host's default.
    assert!(!headers.contains("html"), "{headers}");
}

#[test]
fn a_changed_stylesheet_gets_a_new_name() {
    let site = site().file("static/css/site.css", "body { color: red; }\n");
    site.build(&[]).assert_ok();
    let red = crc_name("css/site", "css", b"body { color: red; }\n");
    assert!(site.read("public/index.html").contains(&red));
    site.write("static/css/site.css", b"body { color: blue; }\n");
    site.build(&[]).assert_ok();
    let blue = crc_name("css/site", "css", b"body { color: blue; }\n");
    let html = site.read("public/index.html");
    assert!(html.contains(&blue) && !html.contains(&red), "{html}");
}

#[test]
fn get_url_hash_is_asked_for_or_turned_off() {
    let site = site()
        .file(
            "templates/page.html",
            "{{ get_url(path='/favicon.svg') }}|{{ get_url(path='/favicon.svg', hash=true) }}|\
             {{ get_url(path='/css/site.css', hash=false) }}",
        )
        .file("content/about.md", &page("title = \"关于\"", ""));
    site.build(&[]).assert_ok();
    let icon = crc_name("favicon", "svg", site.read("public/favicon.svg").as_bytes());
    assert_eq!(
        site.read("public/about/index.html"),
        format!("/favicon.svg|/{icon}|/css/site.css")
    );
}

#[test]
fn get_url_hash_of_a_picture_is_a_template_error() {
    let site = site()
        .file(
            "templates/page.html",
            "{{ get_url(path='/images/qr.png', hash=true) }}",
        )
        .file("static/images/qr.png", "png")
        .file("content/about.md", &page("title = \"关于\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "get_url: hash=true needs a stylesheet, script, icon or font of static/; \
             there is no such file at static/images/qr.png"
        ),
        "{run}"
    );
}

#[test]
fn precompressed_copies_sit_beside_text_files_when_asked_for() {
    let site = site();
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/news/a/index.html.gz"));
    let toml = site.read("site.toml") + "[output]\nprecompress = true\n";
    site.write("site.toml", toml.as_bytes());
    site.build(&[]).assert_ok();
    let html = std::fs::read(site.root().join("public/news/a/index.html")).unwrap();
    let gz = std::fs::read(site.root().join("public/news/a/index.html.gz")).unwrap();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, html);
    let br = std::fs::read(site.root().join("public/news/a/index.html.br")).unwrap();
    let mut unbrotli = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
    assert_eq!(unbrotli, html);
    assert!(br.len() < gz.len() && gz.len() < html.len());
    for text in [
        "atom.xml.gz",
        "calendar.ics.br",
        "sitemap.xml.br",
        "css/site.css.br",
    ] {
        assert!(site.exists(&format!("public/{text}")), "{text}");
    }
    // Pictures are not compressed again; tiny files are not worth it.
    let files = site.files("public");
    assert!(
        !files
            .iter()
            .any(|f| f.ends_with(".svg.gz") && f.contains("favicon"))
    );
    assert!(
        !files
            .iter()
            .any(|f| f.ends_with(".gz.gz") || f.ends_with(".br.gz"))
    );
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let site = site().file(
        "site.toml",
        "title = \"测试站\"\nbase_url = \"https://example.org\"\n[taxonomies]\ntags = { feed = true }\n\
         [output]\nprecompress = true\n",
    );
    // One thread, then many: nothing may depend on which page is made first.
    let one = site.root().join("one");
    let many = site.root().join("many");
    let build = |out: &std::path::Path, threads: &str| {
        site.kepu_with_env(
            &[
                "build",
                "--now",
                crate::support::NOW,
                "--output",
                out.to_str().unwrap(),
            ],
            &[("RAYON_NUM_THREADS", threads)],
        )
        .assert_ok();
    };
    build(&one, "1");
    // Touch every source file so that no time stamp can leak into the output.
    for file in crate::support::files_under(&site.root().join("content")) {
        let path = site.root().join("content").join(file);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    build(&many, "8");
    let first = site.snapshot("one");
    let second = site.snapshot("many");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
    // The files whose order could vary: feeds, sitemap, search index, calendars.
    for path in [
        "atom.xml",
        "sitemap.xml",
        "search/index.json",
        "calendar.ics",
        "_headers",
    ] {
        assert!(first.contains_key(path), "{path}");
    }
}
