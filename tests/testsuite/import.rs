//! `kepu import wordpress` and `kepu import wechat`: a realistic WordPress export (with
//! The Events Calendar) and a saved WeChat article become a site that builds, with
//! every event at the same instants, every old address redirecting, and every image.

use std::path::Path;

use crate::support::{NOW, Site, files_under, run_in};
use kepu::escape::percent_decode_each;

/// The WordPress export every test imports (WXR 1.2 with TEC events).
const EXPORT: &str = include_str!("fixtures/wordpress.xml");

/// A small real JPEG (decodable, so the build's image handling accepts it).
fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode a JPEG");
    out.into_inner()
}

/// A site folder holding the export and the old site's uploads (originals only: the
/// body links to `-300x200` variants, which must lead to them).
fn wordpress_site() -> Site {
    Site::bare()
        .file("export.xml", EXPORT)
        .bytes("uploads/2018/05/kexueguan.jpg", &jpeg())
        .bytes("uploads/2018/05/xuesheng.jpg", &jpeg())
        .bytes("uploads/2018/07/tianwen.jpg", &jpeg())
        .file("uploads/2018/03/plan.pdf", "%PDF-1.4\n")
}

fn import(site: &Site) -> crate::support::Run {
    site.kepu(&[
        "import",
        "wordpress",
        "export.xml",
        "--uploads",
        "uploads",
        "--into",
        "new",
    ])
}

/// The items of the export as (field → value) maps, for checking against the output.
fn items() -> Vec<std::collections::HashMap<String, String>> {
    EXPORT
        .split("<item>")
        .skip(1)
        .map(|item| {
            let mut map = std::collections::HashMap::new();
            for tag in ["title", "link", "wp:post_type", "wp:status", "wp:post_id"] {
                map.insert(tag.to_string(), element(item, tag));
            }
            for key in [
                "_EventStartDateUTC",
                "_EventEndDateUTC",
                "_EventAllDay",
                "_EventStartDate",
                "_EventEndDate",
            ] {
                let marker =
                    format!("<wp:meta_key><![CDATA[{key}]]></wp:meta_key><wp:meta_value><![CDATA[");
                if let Some(i) = item.find(&marker) {
                    let rest = &item[i + marker.len()..];
                    map.insert(
                        key.to_string(),
                        rest[..rest.find("]]>").unwrap()].to_string(),
                    );
                }
            }
            map
        })
        .collect()
}

fn element(item: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let Some(i) = item.find(&open) else {
        return String::new();
    };
    let rest = &item[i + open.len()..];
    let text = &rest[..rest.find(&format!("</{tag}>")).unwrap()];
    text.trim_start_matches("<![CDATA[")
        .trim_end_matches("]]>")
        .to_string()
}

#[test]
fn wordpress_export_becomes_a_site_that_builds() {
    let site = wordpress_site();
    let run = import(&site);
    run.assert_ok();
    let out = &run.stdout;
    for line in [
        "Skipped \"草稿：下半年工作计划\" (id 12): a draft; add --drafts to import drafts",
        "Skipped \"理事会内部通知\" (id 13): private",
        "Skipped \"测试文章\" (id 14): in the trash",
        "Skipped 1 items of type product: kepu has no such kind of page",
        "Kept the shortcode [gallery] as text in content/news/2018-05-04-quan-guo-ke-pu-ri/index.md",
        "Imported 2 news items, 3 pages, 7 events and 4 files.",
        "Next: cd new && kepu build",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "missing {line:?} in:\n{run}"
        );
    }
    let dir = site.root().join("new");
    let build = run_in(&dir, &["build", "--now", NOW], &[]);
    build.assert_ok();
    assert_eq!(build.stderr, "", "{build}");

    let news =
        std::fs::read_to_string(dir.join("content/news/2018-05-04-quan-guo-ke-pu-ri/index.md"))
            .unwrap();
    for line in [
        "title = \"全国科普日活动圆满结束\"",
        "description = \"二十多名志愿者走进松山湖开展科普日活动。\"",
        "date = 2018-05-04T10:00:00+08:00",
        "weight = 1",
        "aliases = [\"/2018/05/04/全国科普日/\", \"/2018/05/全国科普日/\", \"/全国科普日/\", \"/?p=10\"]",
        "authors = [\"科普小编\"]",
        "cover = \"kexueguan.jpg\"",
        "taxonomies = { categories = [\"活动报道\"], tags = [\"科普日\"] }",
        "<!-- more -->",
        "![学生做实验](xuesheng.jpg \"学生们在做“大气压力”实验\")",
    ] {
        assert!(
            news.lines().any(|l| l == line),
            "missing {line:?} in:\n{news}"
        );
    }
    let html =
        std::fs::read_to_string(dir.join("public/news/quan-guo-ke-pu-ri/index.html")).unwrap();
    for part in [
        "<h2 id=\"活动内容\">活动内容</h2>",
        "<li>机器人展示</li>",
        "<img src=\"kexueguan.jpg\" alt=\"科学馆外景\"",
        "<th>项目</th>",
        "<blockquote>",
        "<a href=\"/2018/03/15/volunteers-visit-songshan-lake/\">松山湖</a>",
        "<strong>二十多名</strong>",
        "<em>科普日</em>",
    ] {
        assert!(html.contains(part), "missing {part:?} in the news page");
    }
    assert!(
        dir.join("public/news/quan-guo-ke-pu-ri/xuesheng.jpg")
            .is_file()
    );
    // A page with a child became a folder.
    assert!(dir.join("content/guan-yu-wo-men/_index.md").is_file());
    assert!(dir.join("content/guan-yu-wo-men/contact.md").is_file());
    assert!(
        dir.join("public/guan-yu-wo-men/contact/index.html")
            .is_file()
    );
}

#[test]
fn imported_events_keep_their_instants_in_the_calendar() {
    let site = wordpress_site();
    import(&site).assert_ok();
    let dir = site.root().join("new");
    run_in(&dir, &["build", "--now", NOW], &[]).assert_ok();
    let ics = std::fs::read_to_string(dir.join("public/calendar.ics")).unwrap();
    let events: Vec<_> = items()
        .into_iter()
        .filter(|i| i["wp:post_type"] == "tribe_events")
        .collect();
    assert!(events.len() >= 6);
    for event in events {
        let vevent = vevent(&ics, &event["title"]);
        let all_day = event.get("_EventAllDay").is_some_and(|v| v == "yes");
        if all_day {
            let start = event["_EventStartDate"][..10].replace('-', "");
            assert!(
                vevent.contains(&format!("DTSTART;VALUE=DATE:{start}")),
                "{vevent}"
            );
            let last =
                jiff::civil::Date::strptime("%Y-%m-%d", &event["_EventEndDate"][..10]).unwrap();
            let after = last.tomorrow().unwrap().strftime("%Y%m%d").to_string();
            // One day needs no DTEND; several end the day after the last one.
            let one_day = event["_EventEndDate"][..10] == event["_EventStartDate"][..10];
            assert!(
                vevent.contains(&format!("DTEND;VALUE=DATE:{after}"))
                    || (one_day && !vevent.contains("DTEND")),
                "{vevent}"
            );
        } else {
            assert_eq!(
                instant(&vevent, "DTSTART"),
                utc(&event["_EventStartDateUTC"]),
                "{vevent}"
            );
            assert_eq!(
                instant(&vevent, "DTEND"),
                utc(&event["_EventEndDateUTC"]),
                "{vevent}"
            );
        }
    }
}

/// The VEVENT whose SUMMARY is `title` (folded lines joined).
fn vevent(ics: &str, title: &str) -> String {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n", "\n");
    unfolded
        .split("BEGIN:VEVENT")
        .find(|v| {
            v.lines()
                .any(|l| l == format!("SUMMARY:{}", title.replace(',', "\\,")).as_str())
        })
        .unwrap_or_else(|| panic!("no VEVENT for {title} in:\n{unfolded}"))
        .to_string()
}

/// A DTSTART/DTEND value as a UTC instant, whether written in UTC or with a TZID.
fn instant(vevent: &str, name: &str) -> jiff::Timestamp {
    let line = vevent
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .unwrap_or_else(|| panic!("no {name} in {vevent}"));
    let (params, value) = line.split_once(':').unwrap();
    let dt = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", value.trim_end_matches('Z')).unwrap();
    let tz = match params.split_once(";TZID=") {
        Some((_, zone)) => jiff::tz::TimeZone::get(zone).unwrap(),
        None if value.ends_with('Z') => jiff::tz::TimeZone::UTC,
        None => panic!("floating time in {line}"),
    };
    dt.to_zoned_datetime(tz).unwrap().timestamp()
}

fn utc(text: &str) -> jiff::Timestamp {
    jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", text)
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
}

#[test]
fn every_old_address_leads_to_the_imported_page() {
    let site = wordpress_site();
    import(&site).assert_ok();
    let dir = site.root().join("new");
    run_in(&dir, &["build", "--now", NOW], &[]).assert_ok();
    let redirects = std::fs::read_to_string(dir.join("public/_redirects")).unwrap();
    let mut checked = 0;
    for item in items() {
        let kind = item["wp:post_type"].as_str();
        if item["wp:status"] != "publish" || !matches!(kind, "post" | "page" | "tribe_events") {
            continue;
        }
        let path = percent_decode_each(item["link"].strip_prefix("https://kepu-dg.org").unwrap());
        let alias = dir
            .join("public")
            .join(path.trim_start_matches('/'))
            .join("index.html");
        let page = std::fs::read_to_string(&alias)
            .unwrap_or_else(|_| panic!("no redirect page at {path} ({})", alias.display()));
        // An old address that is also the new one is the page itself.
        let target = if page.contains("http-equiv=\"refresh\"") {
            between(&page, "url=", "\"").to_string()
        } else {
            path.clone()
        };
        let html = std::fs::read_to_string(
            dir.join("public")
                .join(target.trim_start_matches('/'))
                .join("index.html"),
        )
        .unwrap();
        assert!(
            html.contains(&item["title"]),
            "{path} leads to {target}, not to {}",
            item["title"]
        );
        let query = if kind == "page" { "page_id" } else { "p" };
        let line = format!("/ {query}={} {target} 301", item["wp:post_id"]);
        assert!(
            redirects.lines().any(|l| l == line),
            "missing {line:?} in _redirects:\n{redirects}"
        );
        checked += 1;
    }
    assert_eq!(checked, 12);
}

fn stdout_has(run: &crate::support::Run, line: &str) -> bool {
    run.stdout.lines().any(|l| l == line)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap() + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

#[test]
fn a_second_identical_import_changes_nothing() {
    let site = wordpress_site();
    import(&site).assert_ok();
    let before = site.snapshot("new");
    let again = import(&site);
    again.assert_ok();
    assert!(
        stdout_has(
            &again,
            "Nothing changed: every imported file is already in new."
        ),
        "{again}"
    );
    assert_eq!(site.snapshot("new"), before);
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let site = wordpress_site();
    import(&site).assert_ok();
    site.write("new/content/join-us.md", b"edited by hand\n");
    let run = import(&site);
    run.assert_ok();
    assert!(
        stdout_has(
            &run,
            "Not overwritten: content/join-us.md exists with other contents (add --force to replace it)"
        ),
        "{run}"
    );
    assert_eq!(site.read("new/content/join-us.md"), "edited by hand\n");
    let forced = site.kepu(&[
        "import",
        "wordpress",
        "export.xml",
        "--uploads",
        "uploads",
        "--into",
        "new",
        "--force",
    ]);
    forced.assert_ok();
    assert!(
        site.read("new/content/join-us.md")
            .starts_with("+++\ntitle = \"Join us\"")
    );
}

#[test]
fn drafts_are_imported_only_when_asked() {
    let site = wordpress_site();
    let run = site.kepu(&[
        "import",
        "wordpress",
        "export.xml",
        "--into",
        "new",
        "--drafts",
    ]);
    run.assert_ok();
    let draft = site.read("new/content/news/2018-05-20-cao-gao-xia-ban-nian-gong-zuo-ji-hua.md");
    assert!(draft.contains("\ndraft = true\n"), "{draft}");
    assert!(draft.contains("\ndate = 2018-05-20T16:12:00\n"), "{draft}");
    assert!(
        stdout_has(
            &run,
            "5 links to uploads still point at the old site: add --uploads DIR to copy the files"
        ),
        "{run}"
    );
}

/// One bad export: the exact message, exit 1, and no site folder made.
#[track_caller]
fn bad_export(text: &str, message: &str) {
    let site = Site::bare().file("export.xml", text);
    let run = site.kepu(&["import", "wordpress", "export.xml", "--into", "new"]);
    run.assert_code(1);
    assert_eq!(run.errors().first().copied(), Some(message), "{run}");
    assert!(files_under(&site.root().join("new")).is_empty(), "{run}");
}

#[test]
fn bad_exports_are_located_errors_and_write_nothing() {
    bad_export(
        "<html><body>Not an export</body></html>\n",
        "export.xml:1:1: this is not a WordPress export: it starts with <html>, not <rss>; export it again with Tools → Export",
    );
    let cut = &EXPORT[..EXPORT.find("<title>Volunteers visit").unwrap()];
    let lines = cut.lines().count();
    bad_export(
        cut,
        &format!(
            "export.xml:{lines}:3: the file ends inside <item>: it was cut short; download the export again"
        ),
    );
    bad_export(
        &EXPORT.replace(
            "xmlns:wp=\"http://wordpress.org/export/1.2/\"",
            "xmlns:wp=\"http://example.org/wp/\"",
        ),
        "export.xml:14:1: this is not a WordPress export: the wp namespace is \"http://example.org/wp/\", not http://wordpress.org/export/1.2/",
    );
    let broken = EXPORT.replace(
        "<![CDATA[2018-03-15 09:30:00]]>",
        "<![CDATA[2018-02-30 09:30:00]]>",
    );
    let line = broken
        .lines()
        .position(|l| l.contains("2018-02-30"))
        .unwrap()
        + 1;
    bad_export(
        &broken,
        &format!(
            "export.xml:{line}:3: wp:post_date \"2018-02-30 09:30:00\" is not a real date and time (YYYY-MM-DD HH:MM:SS)"
        ),
    );
}

#[test]
fn a_saved_wechat_article_becomes_a_bundle_with_its_images() {
    let png = {
        let img = image::RgbImage::from_fn(4, 3, |x, _| image::Rgb([x as u8 * 60, 10, 10]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    // The smallest GIF: 1×1 pixel (the image crate here writes no GIFs).
    let gif: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    let site = Site::bare()
        .file(
            "saved/科普日活动.html",
            include_str!("fixtures/wechat.html"),
        )
        .bytes("saved/科普日活动_files/640.jpeg", &jpeg())
        .bytes("saved/科普日活动_files/640(1)", &png)
        .bytes("saved/科普日活动_files/640(2).gif", gif)
        .file("saved/科普日活动_files/appmsg.css", "body{}");
    let run = site.kepu(&["import", "wechat", "saved", "--into", "new"]);
    run.assert_ok();
    assert!(
        stdout_has(
            &run,
            "Imported 1 news items, 0 pages, 0 events and 3 files."
        ),
        "{run}"
    );
    let bundle = "new/content/news/2018-06-04-ke-pu-ri-huo-dong-zou-jin-song-shan-hu-she-qu";
    let md = site.read(&format!("{bundle}/index.md"));
    for line in [
        "title = \"科普日活动走进松山湖社区\"",
        "date = 2018-06-04T10:00:00+08:00",
        "authors = [\"科普小编\"]",
        "source = \"http://mp.weixin.qq.com/s?__biz=MzA5NjQyMTk2Mg==&mid=2650001234&idx=1&sn=3f2a8b1c9d0e4f5a6b7c8d9e0f1a2b3c#rd\"",
        "![活动现场](image-1.jpeg)",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in:\n{md}");
    }
    assert!(!md.contains("style"), "{md}");
    let dir = site.root().join("new");
    // The article is dated 2018-06-04, after the usual test clock.
    run_in(&dir, &["build", "--now", "2018-07-01T00:00:00+08:00"], &[]).assert_ok();
    let html = std::fs::read_to_string(
        dir.join("public/news/ke-pu-ri-huo-dong-zou-jin-song-shan-hu-she-qu/index.html"),
    )
    .unwrap();
    for image in ["image-1.jpeg", "image-2.png", "image-3.gif"] {
        assert!(
            html.contains(&format!("src=\"{image}\"")),
            "{image} not shown"
        );
        assert!(
            dir.join("public/news/ke-pu-ri-huo-dong-zou-jin-song-shan-hu-she-qu")
                .join(image)
                .is_file()
        );
    }
    assert!(html.contains("<strong>二十多名</strong>"));
    assert!(!Path::new(&dir.join(".kepu-import")).exists());
}

#[test]
fn a_missing_upload_is_reported_and_its_address_kept() {
    let site = wordpress_site();
    std::fs::remove_file(site.root().join("uploads/2018/03/plan.pdf")).unwrap();
    let run = import(&site);
    run.assert_ok();
    assert!(
        run.stdout.lines().any(|l| l
            == "Missing upload 2018/03/plan.pdf (linked from content/news/2018-03-15-volunteers-visit-songshan-lake.md): its old address is kept"),
        "{run}"
    );
    let news = std::fs::read_to_string(
        site.root()
            .join("new/content/news/2018-03-15-volunteers-visit-songshan-lake.md"),
    )
    .unwrap();
    assert!(
        news.contains("https://kepu-dg.org/wp-content/uploads/2018/03/plan.pdf"),
        "{news}"
    );
}
