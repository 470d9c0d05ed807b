//! The default theme: what visitors see. Rendering tests on tiny fixture sites (QR codes,
//! download cards, images with their sizes and smaller copies, footer, menu, home page
//! calls, trainings by topic, overriding one partial, the month view's bars, the filing
//! numbers), and real-browser tests that load the association's own site in headless
//! Chromium: at phone and desktop sizes, and through `tests/browser/theme-check.mjs`
//! (axe in light, dark and high contrast; reflow at 400 % zoom; the 大字 control).

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use crate::support::browser::{browser, dump_dom};
use crate::support::server::Files;
use crate::support::tools::{Tool, find};
use crate::support::{SITE_TOML, Site, gradient, page};

const EVENT: &str = "title = \"科普日\"\ndate = 2018-05-01\n[event]\nstart = 2018-09-15T09:00:00\nend = 2018-09-15T17:00:00\nlocation = \"科技馆\"";

fn with_sections() -> Site {
    Site::new()
        .file("content/_index.md", &page("title = \"首页\"", "协会简介。"))
        .file(
            "content/events/_index.md",
            &page(
                "title = \"活动\"\nkind = \"event\"\nsort_by = \"start\"",
                "",
            ),
        )
        .file(
            "content/trainings/_index.md",
            &page(
                "title = \"培训\"\nkind = \"training\"\nsort_by = \"start\"",
                "",
            ),
        )
        .file(
            "content/resources/_index.md",
            &page("title = \"资源\"\nkind = \"resource\"", ""),
        )
}

#[test]
fn event_and_training_pages_get_a_qr_code_of_their_permalink() {
    let site = with_sections()
        .file("content/events/kepuri/index.md", &page(EVENT, "正文。"))
        .file(
            "content/trainings/t.md",
            &page(
                "title = \"培训一\"\n[event]\nstart = 2018-07-01T09:00:00\n[training]\ntopic = \"策划\"",
                "",
            ),
        );
    site.build(&[]).assert_ok();
    let svg = site.read("public/events/kepuri/qr.svg");
    assert!(svg.contains("<svg") && svg.contains("viewBox"), "{svg}");
    let html = site.read("public/events/kepuri/index.html");
    assert!(
        html.contains("<img src=\"/events/kepuri/qr.svg\" alt=\"本页二维码，扫码在手机上打开本页\" width=\"160\" height=\"160\""),
        "{html}"
    );
    assert!(html.contains("<span class=\"print-only\">扫码查看详情、报名和最新变动<br>https://example.org/events/kepuri/</span>"));
    assert!(site.exists("public/trainings/t/qr.svg"));
    // Sections and plain pages have none.
    assert!(!site.exists("public/events/qr.svg"));
}

#[test]
fn a_theme_that_never_names_qr_gets_no_qr_codes() {
    let site = Site::new()
        .file("site.toml", &format!("{SITE_TOML}theme = \"plain\"\n"))
        .file("themes/plain/templates/page.html", "{{ page.title }}")
        .file("themes/plain/templates/section.html", "{{ section.title }}")
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file("content/events/kepuri/index.md", &page(EVENT, "正文。"));
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/events/kepuri/index.html"), "科普日");
    assert!(!site.exists("public/events/kepuri/qr.svg"));
    // Naming it anywhere, even in a partial, brings them back.
    site.write(
        "themes/plain/templates/page.html",
        b"{{ page.title }}{% if page.qr %} <img src=\"{{ page.qr }}\" alt=\"\">{% endif %}",
    );
    site.build(&[]).assert_ok();
    assert!(site.exists("public/events/kepuri/qr.svg"));
}

#[test]
fn a_qr_code_of_the_editor_is_kept() {
    let site = with_sections()
        .file("content/events/kepuri/index.md", &page(EVENT, ""))
        .file("content/events/kepuri/qr.svg", "<svg>mine</svg>");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/events/kepuri/qr.svg"), "<svg>mine</svg>");
}

#[test]
fn resource_cards_show_format_and_size_of_the_download() {
    let site = with_sections()
        .file(
            "content/resources/duben/index.md",
            &page(
                "title = \"读本\"\ndate = 2018-03-01\n[resource]\nfile = \"duben.pdf\"\naudience = \"青少年\"",
                "",
            ),
        )
        .bytes("content/resources/duben/duben.pdf", &[b'%'; 3000])
        .file(
            "content/resources/web.md",
            &page(
                "title = \"网站\"\ndate = 2018-02-01\n[resource]\nfile = \"https://www.kepuchina.cn/\"\nformat = \"网站\"",
                "",
            ),
        );
    site.build(&[]).assert_ok();
    let list = site.read("public/resources/index.html");
    assert!(
        list.contains("<a class=\"button download-button\" href=\"/resources/duben/duben.pdf\" download>下载<span class=\"download-meta\">PDF · 2.9 KB</span></a>"),
        "{list}"
    );
    assert!(list.contains("适用对象：青少年"));
    assert!(list.contains(
        "<a class=\"button download-button\" href=\"https://www.kepuchina.cn/\" rel=\"noopener\">访问网站</a>"
    ));
    let page = site.read("public/resources/duben/index.html");
    assert!(page.contains("<div class=\"download-card\">"), "{page}");
}

#[test]
fn bundle_images_get_their_size_lazy_loading_and_smaller_copies() {
    let site = Site::new()
        .file(
            "content/news/_index.md",
            &page("title = \"动态\"\nkind = \"news\"", ""),
        )
        .file(
            "content/news/a/index.md",
            &page(
                "title = \"回顾\"\ndate = 2018-05-01\ncover = \"photo.jpg\"",
                "![活动现场](photo.jpg)\n\n![示意图](chart.png)\n",
            ),
        )
        .bytes(
            "content/news/a/photo.jpg",
            &gradient(1200, 800, image::ImageFormat::Jpeg),
        )
        .bytes(
            "content/news/a/chart.png",
            &gradient(600, 300, image::ImageFormat::Png),
        );
    site.build(&[]).assert_ok();
    let html = site.read("public/news/a/index.html");
    assert!(
        html.contains(
            "<img src=\"/news/a/photo.jpg\" alt=\"活动现场\" width=\"1200\" height=\"800\" loading=\"lazy\" decoding=\"async\" \
             srcset=\"/news/a/photo.480w.jpg 480w, /news/a/photo.960w.jpg 960w, /news/a/photo.jpg 1200w\" sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\">"
        ),
        "{html}"
    );
    for copy in ["photo.480w.jpg", "photo.960w.jpg", "chart.480w.png"] {
        let bytes = std::fs::read(site.root().join("public/news/a").join(copy)).unwrap();
        let size = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            size.width(),
            copy.split('.')
                .nth(1)
                .unwrap()
                .trim_end_matches('w')
                .parse::<u32>()
                .unwrap()
        );
    }
    // The PNG: a WebP source (the WebP copies are smaller), and the original in the set.
    let png = crate::support::between(&html, "alt=\"示意图\"", ">");
    assert!(png.contains("width=\"600\" height=\"300\""), "{png}");
    assert!(png.contains("/news/a/chart.png 600w"), "{png}");
    let webp_total: u64 = ["chart.480w.webp", "chart.webp"]
        .iter()
        .filter_map(|f| std::fs::metadata(site.root().join("public/news/a").join(f)).ok())
        .map(|m| m.len())
        .sum();
    assert!(webp_total > 0, "lossless WebP is smaller for this PNG");
    assert!(html.contains("<picture><source type=\"image/webp\" srcset=\"/news/a/chart.480w.webp 480w, /news/a/chart.webp 600w\""));
    // The cover on the list card: size and copies, lazily loaded.
    let list = site.read("public/news/index.html");
    assert!(
        list.contains("<div class=\"card-cover\"><picture><source type=\"image/webp\" srcset=\"/news/a/photo.480w.webp 480w, /news/a/photo.960w.webp 960w, /news/a/photo.webp 1200w\" sizes=\"(min-width: 40rem) 10rem, 6rem\"><img src=\"/news/a/photo.jpg\" alt=\"\" width=\"1200\" height=\"800\" srcset=\""),
        "{list}"
    );
    // The photo: lossy WebP copies (libwebp's `VP8 ` chunk), offered first.
    assert!(
        html.contains("<picture><source type=\"image/webp\" srcset=\"/news/a/photo.480w.webp 480w, /news/a/photo.960w.webp 960w, /news/a/photo.webp 1200w\""),
        "{html}"
    );
    for copy in ["photo.480w.webp", "photo.960w.webp", "photo.webp"] {
        let bytes = std::fs::read(site.root().join("public/news/a").join(copy)).unwrap();
        assert_eq!(&bytes[12..16], b"VP8 ", "{copy} is lossy");
        assert!(image::load_from_memory(&bytes).is_ok(), "{copy} decodes");
    }
}

#[test]
fn an_image_that_cannot_be_read_is_a_warning_and_copied_as_is() {
    let site = Site::new()
        .file(
            "content/news/a/index.md",
            &page("title = \"a\"", "![图](broken.png)"),
        )
        .file("content/news/a/broken.png", "not a png");
    let run = site.build(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/news/a/broken.png: warning: cannot read this image")
            || run.stderr.contains("broken.png") && run.stderr.contains("cannot read this image"),
        "{run}"
    );
    assert_eq!(site.read("public/news/a/broken.png"), "not a png");
}

#[test]
fn footer_has_contact_wechat_qr_and_the_icp_number_linked_to_the_filing_site() {
    let site = Site::bare()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n\
             [extra]\nicp = \"粤ICP备12345678号\"\ngongan = \"粤公网安备 44190002000000号\"\nwechat_qr = \"/images/qr.png\"\n\
             [extra.contact]\nphone = \"0769-2200 0000\"\nemail = \"a@example.org\"\n",
        )
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .bytes(
            "static/images/qr.png",
            &gradient(8, 8, image::ImageFormat::Png),
        );
    site.build(&[]).assert_ok();
    let html = site.read("public/index.html");
    assert!(html.contains(
        "<p class=\"icp\"><a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\">粤ICP备12345678号</a></p>"
    ));
    // The public-security number beside it: the badge, shipped with the theme, and the
    // link to the number's record.
    assert!(html.contains(
        "<p class=\"gongan\"><a href=\"https://beian.mps.gov.cn/#/query/webSearch?code=44190002000000\" rel=\"noopener\">\
         <img src=\"data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2020%2020'%3E"
    ), "{html}");
    assert!(
        html.contains("\" alt=\"\" width=\"20\" height=\"20\">粤公网安备 44190002000000号</a></p>")
    );
    assert!(
        html.contains(
            "<img src=\"/images/qr.png\" alt=\"微信公众号二维码\" width=\"112\" height=\"112\""
        ),
        "{html}"
    );
    assert!(html.contains("<a href=\"tel:0769-22000000\">0769-2200 0000</a>"));
    assert!(html.contains("<a href=\"mailto:a@example.org\">a@example.org</a>"));
}

#[test]
fn footer_shows_no_filing_line_a_site_does_not_set() {
    let site = Site::new().file("content/_index.md", &page("title = \"首页\"", ""));
    site.build(&[]).assert_ok();
    let html = site.read("public/index.html");
    assert!(!html.contains("class=\"icp\"") && !html.contains("class=\"gongan\""));
}

/// An all-day event from `first` to `last` (dates), titled `title`.
fn all_day(title: &str, first: &str, last: &str) -> String {
    page(
        &format!("title = \"{title}\"\n[event]\nstart = {first}\nend = {last}"),
        "",
    )
}

#[test]
fn a_month_long_event_is_one_bar_per_week_row_and_a_busy_day_folds() {
    let mut site = with_sections().file(
        "content/events/yue.md",
        &all_day("活动月", "2018-05-01", "2018-05-31"),
    );
    for n in 1..=5 {
        site = site.file(
            &format!("content/events/d{n}.md"),
            &page(
                &format!("title = \"讲座{n}\"\n[event]\nstart = 2018-05-15T0{n}:00:00"),
                "",
            ),
        );
    }
    site.build(&[]).assert_ok();
    let html = site.read("public/calendar/2018/05/index.html");
    // May 2018 begins on a Tuesday: five week rows, one bar each, with markers where the
    // event goes on into the next row or comes from the previous one.
    let bar = |class: &str, col: u8, span: u8| {
        format!(
            "<li class=\"bar kind-event status-scheduled ended{class}\" style=\"--c:{col};--s:{span};--l:0\" data-kind=\"event\" data-terms=\"\" data-venue=\"\" data-organizers=\"\"><a href=\"/events/yue/\">活动月</a> \
             <span class=\"bar-when\">2018年5月1日（星期二） – 5月31日（星期四）</span></li>"
        )
    };
    assert!(html.contains(&bar(" after", 2, 6)), "{html}");
    assert_eq!(html.matches(&bar(" before after", 1, 7)).count(), 3);
    assert!(html.contains(&bar(" before", 1, 4)));
    assert_eq!(html.matches("<li class=\"bar ").count(), 5);
    // The days list only single-day events: the month-long one is not repeated.
    assert_eq!(
        html.matches("<a href=\"/events/yue/\">").count(),
        5 + 1,
        "bars and the month list"
    );
    // Five talks on the 15th: three shown, two folded.
    assert!(html.contains("<details><summary>另有 2 项</summary><ul><li class=\"cal-event kind-event status-scheduled ended\" data-kind=\"event\" data-terms=\"\" data-venue=\"\" data-organizers=\"\"><a href=\"/events/d4/\"><span class=\"time\">04:00</span> 讲座4</a>"), "{html}");
    assert_eq!(html.matches("class=\"week-label\"").count(), 5);
    assert!(html.contains("<h2 class=\"week-label\">5月14日–20日</h2>"));
    // The build month (June) has nothing: the month says so.
    let june = site.read("public/calendar/index.html");
    assert!(
        june.contains("<p class=\"empty\">本月暂无活动。</p>"),
        "{june}"
    );
    assert!(!html.contains("<p class=\"empty\">"));
}

#[test]
fn a_finished_series_lists_its_sessions_and_its_card_counts_them() {
    let site = with_sections().file(
        "content/events/xunhui.md",
        &page(
            "title = \"巡回宣传\"\n[event]\nstart = 2018-05-05T09:00:00\nend = 2018-05-05T11:00:00\n\
             recurrence = \"FREQ=WEEKLY;COUNT=3\"\nexdates = [2018-05-12T09:00:00]",
            "",
        ),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/events/xunhui/index.html");
    assert!(
        html.contains(
            "<h2 id=\"past-sessions-h\">已举行的场次（2 场）</h2>\n  <ul>\
             <li><time datetime=\"2018-05-05T09:00:00+08:00\">2018年5月5日（星期六）09:00–11:00</time></li>\
             <li><time datetime=\"2018-05-19T09:00:00+08:00\">2018年5月19日（星期六）09:00–11:00</time></li></ul>"
        ),
        "{html}"
    );
    assert!(html.contains("<p>已取消的场次：2018年5月12日（星期六）09:00</p>"));
    let list = site.read("public/events/index.html");
    assert!(
        list.contains("<span class=\"badge badge-ended\">共 2 场，已结束</span>"),
        "{list}"
    );
}

#[test]
fn menu_marks_the_current_section_on_its_pages_too() {
    let site = with_sections()
        .file(
            "site.toml",
            &format!(
                "{}[[menu]]\nname = \"活动\"\nurl = \"@/events/_index.md\"\n[[menu]]\nname = \"培训\"\nurl = \"/trainings/\"\n",
                crate::support::SITE_TOML
            ),
        )
        .file("content/events/kepuri/index.md", &page(EVENT, ""));
    site.build(&[]).assert_ok();
    let list = site.read("public/events/index.html");
    assert!(
        list.contains("<a href=\"/events/\" aria-current=\"page\">活动</a>"),
        "{list}"
    );
    let event = site.read("public/events/kepuri/index.html");
    assert!(event.contains("<a href=\"/events/\" aria-current=\"true\">活动</a>"));
    assert!(event.contains("<a href=\"/trainings/\">培训</a>"));
}

#[test]
fn home_page_shows_calls_to_join_and_volunteer_and_the_sections() {
    let site = with_sections()
        .file(
            "content/_index.md",
            &page(
                "title = \"协会\"\ndescription = \"一句话。\"\n[[extra.calls]]\ntitle = \"加入协会\"\ntext = \"欢迎。\"\nurl = \"@/about/join.md\"\nlabel = \"了解入会\"",
                "协会简介。",
            ),
        )
        .file("content/about/join.md", &page("title = \"入会\"", ""))
        .file(
            "content/resources/r.md",
            &page(
                "title = \"挂图\"\ndate = 2018-01-01\n[resource]\nfile = \"https://example.com/a.pdf\"",
                "",
            ),
        )
        .file("content/events/kepuri/index.md", &page(EVENT, ""));
    site.build(&[]).assert_ok();
    let html = site.read("public/index.html");
    assert!(html.contains("<p class=\"lead\">一句话。</p>"));
    assert!(
        html.contains("<a class=\"button\" href=\"/about/join/\">了解入会</a>"),
        "{html}"
    );
    assert!(html.contains("<h2>加入协会</h2>"));
    // The next events, then each section with its "more" link.
    let events = html.find("id=\"next-events-h\"").unwrap();
    let resources = html.find("<a href=\"/resources/\">更多资源</a>").unwrap();
    assert!(events < resources);
    assert!(html.contains("<a href=\"/events/kepuri/\">科普日</a>"));
    assert!(html.contains("<h2 id=\"about-h\">关于我们</h2>"));
}

#[test]
fn trainings_are_grouped_by_topic_the_next_ones_topic_first() {
    let training = |title: &str, start: &str, topic: &str| {
        page(
            &format!(
                "title = \"{title}\"\n[event]\nstart = {start}\n[training]\ntopic = \"{topic}\""
            ),
            "",
        )
    };
    let site = with_sections()
        .file(
            "content/trainings/a.md",
            &training("甲", "2018-03-01T09:00:00", "策划"),
        )
        .file(
            "content/trainings/b.md",
            &training("乙", "2018-07-01T09:00:00", "政策"),
        )
        .file(
            "content/trainings/c.md",
            &training("丙", "2018-04-01T09:00:00", "策划"),
        );
    site.build(&[]).assert_ok();
    let html = site.read("public/trainings/index.html");
    let topics = crate::support::between(&html, "<h2 id=\"by-topic\">按主题浏览</h2>", "</main>");
    let policy = topics.find("<h3 id=\"topic-1\">政策</h3>").expect(topics);
    let planning = topics.find("<h3 id=\"topic-2\">策划</h3>").expect(topics);
    assert!(policy < planning);
    // Within a topic: newest first after the upcoming ones.
    assert!(topics.find(">丙</a>").unwrap() < topics.find(">甲</a>").unwrap());
}

#[test]
fn a_site_overrides_one_partial_and_keeps_the_rest_of_the_theme() {
    let site = with_sections()
        .file("content/events/kepuri/index.md", &page(EVENT, ""))
        .file(
            "templates/partials/card.html",
            "<p class=\"my-card\">{{ p.title }}</p>",
        );
    site.build(&[]).assert_ok();
    let html = site.read("public/events/index.html");
    assert!(html.contains("<p class=\"my-card\">科普日</p>"));
    assert!(html.contains("<footer class=\"site-footer\">"));
    assert!(html.contains("<header class=\"site-header\">"));
}

#[test]
fn stylesheet_and_script_stay_within_the_budget() {
    let site = with_sections().file("content/events/kepuri/index.md", &page(EVENT, ""));
    site.build(&[]).assert_ok();
    let css = site.read("public/css/site.css").len();
    let js = site.read("public/js/events.js").len();
    assert!(css < 30 * 1024, "site.css is {css} bytes");
    assert!(js < 10 * 1024, "events.js is {js} bytes");
    // With the reading settings' inline scripts, a page's script stays under 10 KB too.
    let page = site.read("public/events/kepuri/index.html");
    let inline: usize = page
        .split("<script>")
        .skip(1)
        .map(|s| s.find("</script>").unwrap())
        .sum();
    assert!(
        inline > 0 && js + inline < 10 * 1024,
        "{inline} bytes inline"
    );
    // No page asks another host for anything: no stylesheet, script or image from elsewhere.
    for file in site.files("public") {
        if file.ends_with(".html") {
            let html = site.read(&format!("public/{file}"));
            for tag in [
                "<script src=\"http",
                "<link rel=\"stylesheet\" href=\"http",
                "<img src=\"http",
            ] {
                assert!(!html.contains(tag), "{file} loads from another host: {tag}");
            }
        }
    }
}

// ---- The real-browser test ----

/// Put at the top of every HTML page the test server sends: records console errors,
/// uncaught exceptions and elements that failed to load, and once the page has loaded
/// writes them, the viewport width, horizontal overflow and any resource from another
/// origin into `<pre id="kepu-check">` of the [`harness`] page around it.
const PROBE: &str = r#"<script>(function(){var r={errors:[],failed:[]};var ce=console.error;console.error=function(){r.errors.push([].map.call(arguments,String).join(' '));return ce.apply(console,arguments);};addEventListener('error',function(e){var t=e.target;if(t&&t!==window&&(t.src||t.href)){r.failed.push(t.src||t.href);}else{r.errors.push(String(e.message));}},true);addEventListener('unhandledrejection',function(e){r.errors.push('unhandled rejection: '+e.reason);});addEventListener('load',function(){var d=document.documentElement;r.width=innerWidth;r.overflow=d.scrollWidth-d.clientWidth;r.external=performance.getEntriesByType('resource').map(function(x){return x.name;}).filter(function(n){return n.indexOf(location.origin+'/')!==0;});var p=parent.document.createElement('pre');p.id='kepu-check';p.textContent=JSON.stringify(r);parent.document.body.appendChild(p);});})();</script>"#;

/// The page Chromium opens: the page under test in an `<iframe>` of the size to test.
/// Why a frame: headless Chromium will not make its window narrower than 500 px, but a
/// frame is a viewport of any size, media queries included. Same origin, so [`PROBE`]
/// writes its findings into this page, which `--dump-dom` prints once every frame loaded.
fn harness(src: &str, width: u32, height: u32) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>check</title><link rel=\"icon\" href=\"data:,\"></head><body style=\"margin:0\">\
         <iframe src=\"{src}\" width=\"{width}\" height=\"{height}\" style=\"border:0;display:block\"></iframe></body></html>"
    )
}

/// The harness page for a request of `/__check/390x844/<path>`: `/<path>` in a frame
/// of 390×844.
fn check_page(target: &str) -> Option<String> {
    let rest = target.strip_prefix("/__check/")?;
    let (size, page) = rest.split_once('/').unwrap_or((rest, ""));
    let (w, h) = size.split_once('x').unwrap_or(("390", "844"));
    Some(harness(
        &format!("/{page}"),
        w.parse().unwrap_or(390),
        h.parse().unwrap_or(844),
    ))
}

/// Builds the association's site for `http://127.0.0.1:<port>/` as on 10 October 2018,
/// into `out/public`.
pub(crate) fn build_association_site(out: &Path, port: u16) -> PathBuf {
    let public = out.join("public");
    let base = format!("http://127.0.0.1:{port}/");
    let run = crate::support::run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build",
            // A day when some events are still ahead and every linked page is out.
            "--now",
            "2018-10-10T00:00:00+08:00",
            "--base-url",
            &base,
            "--output",
            public.to_str().unwrap(),
        ],
        &[],
    );
    run.assert_ok();
    public
}

/// Loads the harness at `url` in headless Chromium and returns what [`PROBE`] found.
fn load(chromium: &Path, url: &str) -> serde_json::Value {
    let dom = dump_dom(chromium, url);
    let json = crate::support::between(&dom, "<pre id=\"kepu-check\">", "</pre>")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn association_site_loads_cleanly_in_a_real_browser_on_a_phone_and_a_desktop() {
    let Some(chromium) = find(Tool::Chromium) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let public = build_association_site(out.path(), listener.local_addr().unwrap().port());
    let server = Files::new(public)
        .inject(PROBE)
        .route(check_page)
        .serve_on(listener);
    let mut problems = Vec::new();
    for path in ["", "events/2018-quanguo-kepuri/", "calendar/2018/10/"] {
        for (w, h) in [(390, 844), (1280, 800)] {
            let url = format!("http://127.0.0.1:{}/__check/{w}x{h}/{path}", server.port);
            let r = load(&chromium, &url);
            let at = format!("/{path} at {w}×{h}");
            if r["width"] != w {
                problems.push(format!("{at}: the viewport is {} px wide", r["width"]));
            }
            for key in ["errors", "failed", "external"] {
                if r[key].as_array().is_some_and(|a| !a.is_empty()) {
                    problems.push(format!("{at}: {key}: {}", r[key]));
                }
            }
            if r["overflow"].as_i64() != Some(0) {
                problems.push(format!(
                    "{at}: wider than the screen by {} px",
                    r["overflow"]
                ));
            }
        }
    }
    for path in server.missing() {
        problems.push(format!("request failed (404): {path}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_visitor_can_read_the_site_light_dark_high_contrast_large_text_and_zoomed() {
    let Some(browser) = browser() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let public = build_association_site(out.path(), listener.local_addr().unwrap().port());
    let server = Files::new(public).serve_on(listener);
    // Screenshots stay in target/ for a person to look at.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/theme-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let month = "calendar/2018/05/";
    let config = serde_json::json!({
        "out": shots,
        "base": format!("http://127.0.0.1:{}/", server.port),
        "pages": ["", "events/2018-quanguo-kepuri/", month, "search/"],
        "month": month,
        // 科技进步活动月: 1 to 31 May 2018, the whole month.
        "barHref": "/events/2018-keji-jinbu-huodongyue/",
        // Lists and pages with the site's longest titles, and words they must not split.
        "headingPages": ["", "events/", "trainings/", "events/2018-fangzai-jianzai-xuanchuan/", "news/"],
        "words": ["防灾减灾", "科普日", "科技活动周", "科技进步活动月", "志愿服务", "科普中国", "专题培训"],
    });
    let r = browser.run_script("theme-check.mjs", config);
    assert_eq!(r["axe"].as_array().unwrap().len(), 16, "4 modes × 4 pages");
    assert_text_size_and_contrast(&r["size"]);
    // The month-long event: exactly one visible bar in every week row of May.
    for width in ["390", "1280"] {
        let rows = r["bars"][width].as_array().unwrap();
        assert_eq!(rows.len(), 5, "May 2018 has five week rows: {rows:?}");
        assert!(rows.iter().all(|n| n == 1), "at {width} px: {rows:?}");
    }
    // A tap on the card's text, not its title, opens the card's page.
    assert_eq!(r["card"]["landed"], r["card"]["href"], "{}", r["card"]);
    let problems = theme_problems(&r);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// 大字: 16 px, a press makes it 20 px (125 %), the next page keeps it, the next press
/// makes 24 px (150 %), the third goes back; the contrast toggle is kept as well.
#[track_caller]
fn assert_text_size_and_contrast(size: &serde_json::Value) {
    let px = |k: &str| size[k].as_f64().unwrap();
    assert_eq!(size["label"], "大字", "{size}");
    assert_eq!(
        [
            px("before"),
            px("after"),
            px("persisted"),
            px("larger"),
            px("back")
        ],
        [16.0, 20.0, 20.0, 24.0, 16.0],
        "{size}"
    );
    assert_eq!(size["contrast"][0], "more", "{size}");
    assert_eq!(size["contrast"][1], "rgb(255, 255, 255)", "{size}");
    assert_eq!(size["contrastKept"], "more", "{size}");
}

/// What `theme-check.mjs` found wrong: axe violations, overflow, the site's name
/// stacked, headings split inside a word, small tap targets, console errors.
fn theme_problems(r: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    for a in r["axe"].as_array().unwrap() {
        for v in a["violations"].as_array().unwrap() {
            problems.push(format!(
                "axe ({}) /{}: {v}",
                a["mode"],
                a["page"].as_str().unwrap()
            ));
        }
    }
    for o in r["overflow"].as_array().unwrap() {
        if o["overflow"].as_i64() != Some(0) {
            problems.push(format!(
                "{} /{}: wider than the screen by {} px",
                o["case"], o["page"], o["overflow"]
            ));
        }
    }
    // The name never stacks one character per line: at most two lines of it.
    let brand = &r["brand"];
    if brand["lines"].as_i64().unwrap() > 2 {
        problems.push(format!("the site's name at 195 px: {brand}"));
    }
    problems.extend(heading_problems(r));
    for small in r["small"].as_array().unwrap() {
        problems.push(format!("tap target under 44 px: {small}"));
    }
    for e in r["errors"].as_array().unwrap() {
        problems.push(format!("console: {e}"));
    }
    problems
}

/// Headings that may break inside a word, or that break one.
fn heading_problems(r: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    for h in r["headings"].as_array().unwrap() {
        assert_eq!(h["wordBreak"], "keep-all", "{h}");
        for bad in h["bad"].as_array().unwrap() {
            problems.push(format!(
                "/{} at {} px: {bad}",
                h["page"].as_str().unwrap(),
                h["width"]
            ));
        }
    }
    problems
}
