//! The WeChat edition's covers (`<page>/wechat/cover-900x383.jpg`, `cover-500x500.jpg`),
//! the square share image of every page, and `kepu wechat PATH.md`, which prints what
//! the edition's header shows.

use image::{GenericImageView, Rgb, RgbImage};

use crate::support::{Site, gradient, page};

/// A tall poster: red top third, green middle, blue bottom third.
fn poster() -> Vec<u8> {
    let img = RgbImage::from_fn(400, 1200, |_, y| match y {
        0..400 => Rgb([220, 20, 20]),
        400..800 => Rgb([20, 200, 20]),
        _ => Rgb([20, 20, 220]),
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

const EVENT: &str = "title = \"科普讲座\"\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T11:00:00\nlocation = \"科技馆\"";

/// News items with covers (a wide photo; a tall poster cut at its top and at its
/// bottom), an event without a cover, a plain page; the site's `og_image`.
fn fixture() -> Site {
    Site::with_og_image()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/wide/index.md",
            &page(
                "title = \"科普周开幕\"\ndate = 2018-05-20\ncover = \"photo.jpg\"\ndescription = \"开幕式在科技馆举行。\"\nauthors = [\"秘书处\"]",
                "正文。",
            ),
        )
        .bytes(
            "content/news/wide/photo.jpg",
            &crate::support::phone_jpeg(1600, 900, 1),
        )
        .file(
            "content/news/top/index.md",
            &page(
                "title = \"海报上\"\ndate = 2018-05-21\ncover = \"poster.png\"\ncover_focus = \"top\"",
                "正文。",
            ),
        )
        .bytes("content/news/top/poster.png", &poster())
        .file(
            "content/news/bottom/index.md",
            &page(
                "title = \"海报下\"\ndate = 2018-05-22\ncover = \"poster.png\"\ncover_focus = \"bottom\"",
                "正文。",
            ),
        )
        .bytes("content/news/bottom/poster.png", &poster())
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file("content/events/talk/index.md", &page(EVENT, "欢迎参加。"))
        .file("content/about.md", &page("title = \"关于\"", "协会简介。"))
}

/// The JPEG at `path` of the site, decoded.
fn jpeg(site: &Site, path: &str) -> (Vec<u8>, image::DynamicImage) {
    let bytes = std::fs::read(site.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    (bytes, img)
}

#[test]
fn covers_are_cut_to_the_editors_sizes_from_the_cover_or_the_sites_og_image() {
    let site = fixture();
    let first = site.build(&["--timings"]);
    first.assert_ok();
    for dir in ["news/wide", "news/top", "news/bottom", "events/talk"] {
        for (name, size) in [
            ("cover-900x383.jpg", (900, 383)),
            ("cover-500x500.jpg", (500, 500)),
        ] {
            let (bytes, img) = jpeg(&site, &format!("public/{dir}/wechat/{name}"));
            assert_eq!(img.dimensions(), size, "{dir}/wechat/{name}");
            // Nothing of the phone's EXIF (GPS, make) reaches a cut.
            for marker in [&b"Exif"[..], b"GPS", b"Phone", b"http://ns.adobe.com"] {
                assert!(
                    !bytes.windows(marker.len()).any(|w| w == marker),
                    "{dir}/wechat/{name} carries {}",
                    String::from_utf8_lossy(marker)
                );
            }
        }
    }
    assert!(!site.exists("public/about/wechat/cover-900x383.jpg"));
    // The poster's focus: its red top, or its blue bottom.
    let pixel = |dir: &str| {
        let (_, img) = jpeg(
            &site,
            &format!("public/news/{dir}/wechat/cover-500x500.jpg"),
        );
        img.get_pixel(250, 250).0
    };
    let (top, bottom) = (pixel("top"), pixel("bottom"));
    assert!(top[0] > 180 && top[2] < 60, "top: {top:?}");
    assert!(bottom[2] > 180 && bottom[0] < 60, "bottom: {bottom:?}");
    // The event has no cover: its covers are the site's og_image, cut.
    let (_, logo) = jpeg(&site, "public/events/talk/wechat/cover-500x500.jpg");
    let from_logo = image::load_from_memory(&gradient(600, 400, image::ImageFormat::Png)).unwrap();
    let (a, b) = (logo.get_pixel(250, 250).0, from_logo.get_pixel(300, 200).0);
    assert!(
        a.iter().zip(b).all(|(x, y)| x.abs_diff(y) < 12),
        "{a:?} vs {b:?}"
    );
    // The edition's header shows them, with download links.
    let html = site.read("public/news/wide/wechat/index.html");
    assert!(
        html.contains("<a href=\"https://example.org/news/wide/wechat/cover-900x383.jpg\" download data-wechat-cover=\"900x383\">"),
        "{html}"
    );
    assert!(html.contains("<a href=\"https://example.org/news/wide/wechat/cover-500x500.jpg\" download data-wechat-cover=\"500x500\">"));

    // A second build takes every cut from the cache and publishes the same bytes.
    let published = site.snapshot("public");
    let second = site.build(&["--timings"]);
    second.assert_ok();
    let counts = second.image_counts();
    assert!(counts.starts_with("images: 0 made, "), "{counts}");
    assert_eq!(site.snapshot("public"), published);
}

/// The line `--timings` prints about the covers decoded for their cuts, if any.
fn covers_line(run: &crate::support::Run) -> Option<&str> {
    run.stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("covers:"))
}

#[test]
fn a_cover_is_decoded_once_for_its_cuts_and_only_for_those_the_cache_lacks() {
    let news = |wechat: bool| {
        page(
            &format!(
                "title = \"开幕\"\ndate = 2018-05-20\ncover = \"photo.jpg\"\nwechat = {wechat}"
            ),
            "正文。",
        )
    };
    let site = Site::new()
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file("content/news/a/index.md", &news(false))
        .bytes(
            "content/news/a/photo.jpg",
            &crate::support::phone_jpeg(1600, 900, 6),
        );
    // Without a WeChat edition the cover has one cut, its share image (the photo
    // and the theme's favicon are the other two images).
    let first = site.build(&["--timings"]);
    first.assert_ok();
    assert_eq!(first.image_counts(), "images: 3 made, 0 from the cache");
    assert_eq!(
        covers_line(&first),
        Some("covers: 1 decoded for their cuts")
    );
    let share = std::fs::read(site.root().join("public/news/a/share-300x300.jpg")).unwrap();
    // With one, its two covers are made from one decode; the share image is the cache's.
    site.write("content/news/a/index.md", news(true).as_bytes());
    let second = site.build(&["--timings"]);
    second.assert_ok();
    assert_eq!(second.image_counts(), "images: 2 made, 3 from the cache");
    assert_eq!(
        covers_line(&second),
        Some("covers: 1 decoded for their cuts")
    );
    assert!(site.exists("public/news/a/wechat/cover-900x383.jpg"));
    assert!(site.exists("public/news/a/wechat/cover-500x500.jpg"));
    let again = std::fs::read(site.root().join("public/news/a/share-300x300.jpg")).unwrap();
    assert_eq!(again, share);
    // All three in the cache: nothing is decoded.
    let third = site.build(&["--timings"]);
    third.assert_ok();
    assert_eq!(third.image_counts(), "images: 0 made, 5 from the cache");
    assert_eq!(covers_line(&third), None);
    // An empty cache: the three cuts come from one decode.
    let fresh = site.outside().join("fresh-cache");
    let fourth = site.build(&["--timings", "--cache-dir", fresh.to_str().unwrap()]);
    fourth.assert_ok();
    assert_eq!(fourth.image_counts(), "images: 5 made, 0 from the cache");
    assert_eq!(
        covers_line(&fourth),
        Some("covers: 1 decoded for their cuts")
    );
}

#[test]
fn every_page_starts_with_a_hidden_square_share_image() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let (bytes, img) = jpeg(&site, "public/news/wide/share-300x300.jpg");
    assert_eq!(img.dimensions(), (300, 300));
    assert!(bytes.len() < 30_000, "{} bytes", bytes.len());
    let (_, img) = jpeg(&site, "public/og-image-300x300.jpg");
    assert_eq!(img.dimensions(), (300, 300));
    let first_img = |path: &str| {
        let html = site.read(path);
        let body = &html[html.find("<body").unwrap()..];
        let at = body
            .find("<img")
            .unwrap_or_else(|| panic!("{path}: no image"));
        let before = &body[..at];
        assert!(
            before.ends_with("<div class=\"share-image\" aria-hidden=\"true\">"),
            "{path}: {before}"
        );
        body[at..at + body[at..].find('>').unwrap() + 1].to_string()
    };
    assert_eq!(
        first_img("public/news/wide/index.html"),
        "<img src=\"/news/wide/share-300x300.jpg\" alt=\"\" width=\"300\" height=\"300\">"
    );
    for page in [
        "public/index.html",
        "public/about/index.html",
        "public/events/talk/index.html",
        "public/news/index.html",
    ] {
        assert_eq!(
            first_img(page),
            "<img src=\"/og-image-300x300.jpg\" alt=\"\" width=\"300\" height=\"300\">",
            "{page}"
        );
    }
    // Hidden from view without display:none, and out of the layout.
    let css = site.read("public/css/site.css");
    let rule = crate::support::between(&css, ".share-image {", "}");
    assert!(
        rule.contains("position: absolute") && rule.contains("clip"),
        "{rule}"
    );
    assert!(!rule.contains("display"), "{rule}");
}

#[test]
fn a_cover_focus_other_than_top_center_or_bottom_is_an_error_at_its_value() {
    let site = fixture().file(
        "content/news/top/index.md",
        &page(
            "title = \"海报上\"\ncover = \"poster.png\"\ncover_focus = \"middle\"",
            "",
        ),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/news/top/index.md:4:15: ")
                && e.contains("cover_focus \"middle\"")),
        "{run}"
    );
    assert!(
        run.stderr.contains("\"top\", \"center\" or \"bottom\""),
        "{run}"
    );
    assert!(!site.exists("public/index.html"));
}

#[test]
fn kepu_wechat_prints_what_the_editions_header_shows() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let run = site.kepu_with_env(
        &[
            "wechat",
            "content/news/wide/index.md",
            "--now",
            "2018-10-10T12:00:00+08:00",
        ],
        &[("KEPU_LANG", "zh")],
    );
    run.assert_ok();
    let html = site.read("public/news/wide/wechat/index.html");
    let title = crate::support::between(&html, "<dd data-wechat-title>", "</dd>");
    let digest = crate::support::between(&html, "<dd data-wechat-digest>", "</dd>");
    assert_eq!(
        run.stdout,
        format!(
            "标题：{title}\n摘要：{digest}\n作者：秘书处\n阅读原文：https://example.org/news/wide/\n\
             公众号版：https://example.org/news/wide/wechat/\n\
             封面 2.35:1（900×383）：https://example.org/news/wide/wechat/cover-900x383.jpg\n\
             封面 1:1（500×500）：https://example.org/news/wide/wechat/cover-500x500.jpg\n"
        )
    );
    let run = site.kepu_with_env(
        &["wechat", "content/events/talk/index.md"],
        &[("KEPU_LANG", "en")],
    );
    run.assert_ok();
    assert!(run.stdout.starts_with("Title: 科普讲座\n"), "{run}");
    assert!(
        run.stdout.contains(
            "Cover 1:1 (500×500): https://example.org/events/talk/wechat/cover-500x500.jpg\n"
        ),
        "{run}"
    );
    // A page without an edition, and a file that is no page.
    let run = site.kepu_with_env(&["wechat", "content/about.md"], &[("KEPU_LANG", "en")]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("content/about.md:1:1: this page has no WeChat edition"),
        "{run}"
    );
    let run = site.kepu_with_env(&["wechat", "site.toml"], &[("KEPU_LANG", "en")]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("site.toml:1:1: not a page of the site"),
        "{run}"
    );
}

#[test]
fn the_build_warns_of_what_the_editor_drops_an_svg_image_and_a_dropped_css_property() {
    let site = fixture()
        .file(
            "content/news/top/index.md",
            &page(
                "title = \"海报上\"\ndate = 2018-05-21",
                "正文。\n\n![流程图](flow.svg)\n",
            ),
        )
        .file(
            "content/news/top/flow.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>",
        )
        .file(
            "templates/wechat.css",
            "p { margin: 0 0 20px 0; }\nh2 {\n  color: #0b6e4f;\n  float: left;\n}\n",
        );
    let run = site.kepu_with_env(
        &["build", "--now", crate::support::NOW],
        &[("KEPU_LANG", "en")],
    );
    run.assert_ok();
    let errors = run.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/news/top/index.md:7:8: ")
                && e.contains("flow.svg")
                && e.contains("SVG")),
        "{run}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("templates/wechat.css:4:3: ") && e.contains("drops `float`")),
        "{run}"
    );
    // Pages without an edition are not concerned.
    assert_eq!(run.stderr.matches("flow.svg").count(), 1, "{run}");
}
