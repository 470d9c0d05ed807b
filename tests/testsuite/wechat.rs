//! The WeChat edition (`/<page>/wechat/`): a copy-ready version of news items, events
//! and trainings for the 公众号 editor, which keeps inline styles only and drops links to
//! other sites. Fixture tests read the edition's HTML and QR code; the browser test
//! (through `tests/browser/wechat-check.mjs`) checks in Chromium that the copy area,
//! stripped of classes and ids and shown alone without a stylesheet, looks exactly as in
//! its page — that it survives the paste.

use std::net::TcpListener;
use std::path::Path;

use crate::support::browser::{Browser, browser};
use crate::support::server::Files;
use crate::support::{SITE_TOML, Site, between, gradient, page};

const NEWS_BODY: &str = "\
科普周开幕。详见[科协通知](https://www.cast.org.cn/notice?id=1&amp;x=2)，\
也可阅读[关于协会](@/about.md)、[往期推送](https://mp.weixin.qq.com/s/abcdef)和[下文](#日程)。

![开幕式现场](photo.jpg \"开幕式现场合影\")

## 日程

- 上午：开幕式
- 下午：**科普讲座**

| 时间 | 内容 |
|------|:----:|
| 09:00 | 开幕 |
| 14:00 | 讲座 |

再次感谢[科协](https://www.cast.org.cn/notice?id=1&amp;x=2)的支持。
";

const EVENT: &str = "title = \"2018年全国科普日东莞主场活动\"\ndescription = \"全国科普日东莞主场活动在科技馆举行，欢迎市民参加。\"\n\
[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T17:00:00\nlocation = \"东莞市科学技术博物馆\"\n\
address = \"东莞市南城区\"\norganizer = \"东莞市科协\"\nregistration = \"https://www.example.com/signup/\"";

/// A news item with a table, a list, an image with a caption, outside, internal,
/// WeChat and in-page links; an event; a plain page.
fn fixture(site_toml: &str) -> Site {
    Site::bare()
        .file("site.toml", site_toml)
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/kepuzhou/index.md",
            &page(
                "title = \"科普周开幕\"\ndate = 2018-05-20\nauthors = [\"秘书处\"]",
                NEWS_BODY,
            ),
        )
        .bytes(
            "content/news/kepuzhou/photo.jpg",
            &gradient(1600, 900, image::ImageFormat::Jpeg),
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file("content/events/kepuri/index.md", &page(EVENT, "欢迎参加。"))
        .file("content/about.md", &page("title = \"关于\"", "协会简介。"))
}

/// The copy area of an edition: the inside of the element marked `data-wechat-copy`.
fn copy_area(html: &str) -> &str {
    between(html, "<div data-wechat-copy>", "</div>\n</main>")
}

/// Every start tag of `html` (`<p style="…">`), comments aside.
fn start_tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .filter(|(i, _)| {
            let next = html[i + 1..].chars().next();
            next.is_some_and(|c| c.is_ascii_alphabetic())
        })
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
        .collect()
}

#[test]
fn a_news_item_gets_a_copy_ready_edition_with_every_style_inline() {
    let site = fixture(SITE_TOML);
    site.build(&[]).assert_ok();
    let html = site.read("public/news/kepuzhou/wechat/index.html");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    let copy = copy_area(&html);
    for refused in ["<style", "<script", "<svg", " id=", "<link"] {
        assert!(
            !copy.contains(refused),
            "{refused} in the copy area:\n{copy}"
        );
    }
    // Every element carries its look inline, so the editor's own stylesheet changes nothing.
    let tags = start_tags(copy);
    assert!(tags.len() > 30, "{tags:?}");
    for tag in &tags {
        assert!(
            tag.starts_with("<br") || tag.contains(" style=\""),
            "{tag} has no inline style"
        );
    }
    for element in [
        "<table",
        "<th",
        "<td",
        "<ul",
        "<li",
        "<figure",
        "<figcaption",
    ] {
        assert!(
            tags.iter().any(|t| t.starts_with(element)),
            "no {element} in {copy}"
        );
    }
    // Links: only the WeChat one stays a link; the others are numbered references,
    // the same URL with the same number, listed as text at the end.
    let links: Vec<&&str> = tags.iter().filter(|t| t.starts_with("<a ")).collect();
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(links[0].starts_with("<a href=\"https://mp.weixin.qq.com/s/abcdef\""));
    assert_eq!(copy.matches(">[1]</sup>").count(), 2, "{copy}");
    assert_eq!(copy.matches(">[2]</sup>").count(), 1, "{copy}");
    assert!(
        !copy.contains(">[3]</sup>"),
        "the in-page link is dropped: {copy}"
    );
    assert!(
        copy.contains("下文，再次") || copy.contains("和下文"),
        "{copy}"
    );
    let refs = between(copy, ">参考链接</p>", "</section>");
    assert!(
        refs.contains(">[1] https://www.cast.org.cn/notice?id=1&amp;x=2</p>"),
        "{refs}"
    );
    assert!(
        refs.contains(">[2] https://example.org/about/</p>"),
        "{refs}"
    );
    // The image: the resized copy within 1080 px, by absolute URL, with its caption.
    let img = tags.iter().find(|t| t.starts_with("<img")).unwrap();
    assert!(
        img.starts_with(
            "<img src=\"https://example.org/news/kepuzhou/photo.960w.jpg\" alt=\"开幕式现场\""
        ),
        "{img}"
    );
    assert!(copy.contains(">开幕式现场合影</figcaption>"), "{copy}");
    // The page around the copy area: title, digest, author and 阅读原文.
    assert!(
        html.contains("<dd data-wechat-title>科普周开幕</dd>"),
        "{html}"
    );
    assert!(html.contains("<dd data-wechat-author>秘书处</dd>"));
    assert!(html.contains(
        "<a href=\"https://example.org/news/kepuzhou/\" data-wechat-original>https://example.org/news/kepuzhou/</a>"
    ));
    let digest = between(&html, "<dd data-wechat-digest>", "</dd>");
    assert!(
        digest.starts_with("科普周开幕。") && digest.chars().count() <= 120,
        "{digest}"
    );
    // Not a page of the site: not in the sitemap, feeds or search; no edition for plain
    // pages and sections.
    for file in site.files("public") {
        let is_listing = file.ends_with(".xml") || file.starts_with("search/");
        if is_listing && !file.ends_with(".png") {
            let text = String::from_utf8_lossy(
                &std::fs::read(site.root().join("public").join(&file)).unwrap(),
            )
            .into_owned();
            assert!(!text.contains("/wechat/"), "{file} lists an edition");
        }
    }
    assert!(!site.exists("public/about/wechat/index.html"));
    assert!(!site.exists("public/news/wechat/index.html"));
    assert!(!site.exists("public/news/kepuzhou/wechat/qr.png"));
}

#[test]
fn an_event_edition_has_an_info_card_and_a_qr_code_of_its_page() {
    let site = fixture(SITE_TOML);
    site.build(&[]).assert_ok();
    let html = site.read("public/events/kepuri/wechat/index.html");
    let copy = copy_area(&html);
    let card = between(copy, "<section class=\"wx-card\"", "</section>");
    for fact in [
        ">时间</span>　2018年9月15日（星期六）09:00–17:00</p>",
        ">地点</span>　东莞市科学技术博物馆，东莞市南城区</p>",
        ">主办</span>　东莞市科协</p>",
        ">报名</span>　https://www.example.com/signup/</p>",
    ] {
        assert!(card.contains(fact), "{fact} not in {card}");
    }
    assert!(
        copy.contains("src=\"https://example.org/events/kepuri/wechat/qr.png\""),
        "{copy}"
    );
    assert!(copy.contains(">长按识别二维码报名/查看详情</p>"));
    // The QR code is a PNG (the editor drops SVG) that scans as the event's page.
    let png = std::fs::read(site.root().join("public/events/kepuri/wechat/qr.png")).unwrap();
    let picture = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .unwrap()
        .to_luma8();
    let (w, h) = (picture.width() as usize, picture.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        picture.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(
        grids[0].decode().unwrap().1,
        "https://example.org/events/kepuri/"
    );
    // A cancelled event says so at the top of the card.
    site.write(
        "content/events/kepuri/index.md",
        page(&format!("{EVENT}\nstatus = \"cancelled\""), "").as_bytes(),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/events/kepuri/wechat/index.html");
    assert!(
        copy_area(&html).contains(">已取消</p>"),
        "{}",
        copy_area(&html)
    );
}

#[test]
fn the_site_switch_and_a_pages_own_setting_decide_which_pages_get_one() {
    let site = fixture(&format!("{SITE_TOML}[wechat]\nenable = false\n"));
    site.write(
        "content/about.md",
        page("title = \"关于\"\nwechat = true", "协会简介。").as_bytes(),
    );
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/news/kepuzhou/wechat/index.html"));
    assert!(!site.exists("public/events/kepuri/wechat/index.html"));
    assert!(site.exists("public/about/wechat/index.html"));
    // On by default; `wechat = false` leaves one page out.
    site.write("site.toml", SITE_TOML.as_bytes());
    site.write(
        "content/events/kepuri/index.md",
        page(&EVENT.replacen('\n', "\nwechat = false\n", 1), "").as_bytes(),
    );
    site.build(&[]).assert_ok();
    assert!(site.exists("public/news/kepuzhou/wechat/index.html"));
    assert!(!site.exists("public/events/kepuri/wechat/index.html"));
    assert!(!site.exists("public/events/kepuri/wechat/qr.png"));
}

#[test]
fn a_sites_own_wechat_css_replaces_the_themes() {
    let site = fixture(SITE_TOML).file(
        "templates/wechat.css",
        "section.wx { color: #123456; font-size: 17px; }\np { margin: 0 0 20px 0; }\n",
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/news/kepuzhou/wechat/index.html");
    let copy = copy_area(&html);
    assert!(
        copy.starts_with(
            "<section class=\"wx\" lang=\"zh-CN\" style=\"color: #123456;font-size: 17px;\">"
        ),
        "{copy}"
    );
    assert!(copy.contains("<p style=\"margin: 0 0 20px 0;\">"), "{copy}");
    // The theme's rules are gone: its heading colour is nowhere.
    assert!(!copy.contains("#0b6e4f"), "{copy}");
}

/// Runs `tests/browser/wechat-check.mjs` on `pages` of the site served from `public`
/// and returns the differing pixels of each page's two screenshots, and what it found.
fn screenshots_differ(
    browser: &Browser,
    public: &Path,
    listener: TcpListener,
    prefix: &str,
    pages: &[&str],
) -> Vec<String> {
    let server = Files::new(public).serve_on(listener);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/wechat-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let config = serde_json::json!({
        "out": shots,
        "prefix": prefix,
        "base": format!("http://127.0.0.1:{}/", server.port),
        "pages": pages,
    });
    let r = browser.run_script("wechat-check.mjs", config);
    let mut problems: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("console: {e}"))
        .collect();
    for p in r["pages"].as_array().unwrap() {
        problems.extend(copy_area_problems(p));
    }
    problems
}

/// What is wrong with one page of `wechat-check.mjs`'s report `p`: the copy area's
/// two screenshots differ, it is not 358 px wide, or the copy button copied no styles.
fn copy_area_problems(p: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    let name = p["page"].as_str().unwrap();
    let in_page = image::open(p["inPage"].as_str().unwrap())
        .unwrap()
        .to_rgba8();
    let alone = image::open(p["alone"].as_str().unwrap())
        .unwrap()
        .to_rgba8();
    if in_page.dimensions() != alone.dimensions() {
        problems.push(format!(
            "{name}: {:?} in its page, {:?} alone",
            in_page.dimensions(),
            alone.dimensions()
        ));
        return problems;
    }
    let differing = in_page
        .pixels()
        .zip(alone.pixels())
        .filter(|(a, b)| a != b)
        .count();
    if differing > 0 {
        problems.push(format!(
            "{name}: {differing} pixels differ (see {} and {})",
            p["inPage"], p["alone"]
        ));
    }
    if p["box"]["width"].as_f64() != Some(358.0) {
        problems.push(format!("{name}: the copy area is {} wide", p["box"]));
    }
    let copied = p["copied"].as_str().unwrap_or("");
    if !copied.contains("style=\"") || (name.contains("event") && !copied.contains("wx-card")) {
        problems.push(format!(
            "{name}: the copy button put {copied:?} on the clipboard"
        ));
    }
    problems
}

#[test]
fn in_chromium_the_copy_area_alone_without_classes_looks_as_in_its_page() {
    let Some(browser) = browser() else {
        return;
    };
    // The fixture, and the association's own site.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let site = fixture(SITE_TOML);
    let base = format!("http://127.0.0.1:{port}/");
    site.build(&["--base-url", &base]).assert_ok();
    let mut problems = screenshots_differ(
        &browser,
        &site.root().join("public"),
        listener,
        "fixture",
        &["news/kepuzhou/wechat/", "events/kepuri/wechat/"],
    );
    let out = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let public =
        crate::theme::build_association_site(out.path(), listener.local_addr().unwrap().port());
    problems.extend(screenshots_differ(
        &browser,
        &public,
        listener,
        "association",
        &[
            "news/website-wechat/wechat/",
            "events/2018-quanguo-kepuri/wechat/",
        ],
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
