//! The calendar's filters and the embeddable calendar, end to end: month pages per
//! kind (the filter by kind without a script), the data every listed occurrence
//! carries for the filter script, the filter form, `/calendar/embed/` in each
//! language (noindex, links into the parent page, nothing from another host, out of
//! the sitemap and the search), and the `<iframe>` snippet; then the same pages in
//! headless Chromium with and without JavaScript (tests/browser/filter-check.mjs).

use std::net::TcpListener;
use std::path::Path;

use crate::support::browser::browser;
use crate::support::server::Files;
use crate::support::{Site, between, page};

fn event(title: &str, start: &str, place: &str, tags: &str, training: bool) -> String {
    let training = if training {
        "\n[training]\ntopic = \"志愿者培训\""
    } else {
        ""
    };
    page(
        &format!(
            "title = \"{title}\"\ndate = 2018-01-01\ntaxonomies = {{ tags = [{tags}] }}\n[event]\nstart = {start}\nlocation = \"{place}\"\norganizer = \"东莞市科协\"{training}"
        ),
        "正文。",
    )
}

/// Two events and two trainings in June 2018 (the build month), one event in July, at
/// two places, with tags; one in August at a venue page; an English version of the site.
fn fixture() -> Site {
    Site::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n[taxonomies]\ntags = {}\n[languages.en]\ntitle = \"Test site\"\n",
        )
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/trainings/_index.md",
            &page("title = \"培训\"\nkind = \"training\"", ""),
        )
        .file(
            "content/events/fangzai.md",
            &event("防灾讲座", "2018-06-10T09:00:00", "科技馆", "\"防灾减灾\"", false),
        )
        .file(
            "content/events/kepuri.md",
            &event("科普日", "2018-06-20T09:00:00", "图书馆", "\"科普日\"", false),
        )
        .file(
            "content/events/xialingying.md",
            &event("夏令营", "2018-07-05T09:00:00", "科技馆", "\"青少年\"", false),
        )
        .file(
            "content/venues/_index.md",
            &page("title = \"场地\"\nkind = \"venue\"", ""),
        )
        .file(
            "content/venues/kejiguan.md",
            &page("title = \"东莞科技馆\"\n[venue]\naddress = \"东莞市南城区\"", ""),
        )
        .file(
            "content/events/kexueying.md",
            &page(
                "title = \"科学营\"\ndate = 2018-01-01\n[event]\nstart = 2018-08-05T09:00:00\nvenue = \"@/venues/kejiguan.md\"\nlocation = \"科技馆 报告厅\"",
                "",
            ),
        )
        .file(
            "content/trainings/yingji.md",
            &event("应急培训", "2018-06-12T14:00:00", "科技馆", "\"防灾减灾\", \"志愿服务\"", true),
        )
        .file(
            "content/trainings/jiangshi.md",
            &event("讲师培训", "2018-06-25T14:00:00", "图书馆", "\"志愿服务\"", true),
        )
}

/// The titles of the month list's occurrences, in order.
fn month_list(html: &str) -> Vec<String> {
    between(html, "<ul data-counted>", "</ul>")
        .split("</li>")
        .filter_map(|li| li.split("\">").nth(2)?.split("</a>").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn each_kind_has_month_pages_of_its_own_linked_from_every_month() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let all = site.read("public/calendar/2018/06/index.html");
    assert_eq!(
        month_list(&all),
        ["防灾讲座", "应急培训", "科普日", "讲师培训"]
    );
    let training = site.read("public/calendar/training/2018/06/index.html");
    assert_eq!(month_list(&training), ["应急培训", "讲师培训"]);
    assert!(
        training.contains("<h1>活动日历：2018年6月（培训）</h1>"),
        "{training}"
    );
    assert!(training.contains("<title>活动日历：2018年6月（培训） - 测试站</title>"));
    assert!(training.contains("<meta name=\"robots\" content=\"noindex, follow\">"));
    assert!(!all.contains("noindex"));
    // Its grid has only trainings, and its month links stay with trainings.
    assert!(!training.contains("防灾讲座"));
    assert!(
        training.contains(
            "<a rel=\"next\" href=\"/calendar/training/2018/07/\" data-keep-query=\"all\">"
        )
    );
    let event = site.read("public/calendar/event/index.html");
    assert_eq!(month_list(&event), ["防灾讲座", "科普日"]);
    // Every month page links to the same month of every kind, marking its own.
    let nav = between(&all, "<nav class=\"kind-nav\"", "</nav>");
    assert!(nav.contains("<a href=\"/calendar/2018/06/\" data-keep-query=\"facets\" aria-current=\"page\">全部</a>"), "{nav}");
    assert!(
        nav.contains("<a href=\"/calendar/event/2018/06/\" data-keep-query=\"facets\">活动</a>"),
        "{nav}"
    );
    assert!(
        nav.contains("<a href=\"/calendar/training/2018/06/\" data-keep-query=\"facets\">培训</a>"),
        "{nav}"
    );
    // The kind pages are views of the calendar, not pages of their own for search engines.
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("/calendar/2018/06/"));
    assert!(!sitemap.contains("/calendar/training/") && !sitemap.contains("/calendar/embed/"));
}

#[test]
fn a_calendar_of_one_kind_gets_no_kind_pages() {
    let site = Site::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n[taxonomies]\ntags = {}\n",
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/a.md",
            &event(
                "防灾讲座",
                "2018-06-10T09:00:00",
                "科技馆",
                "\"防灾减灾\"",
                false,
            ),
        );
    site.build(&[]).assert_ok();
    assert!(site.exists("public/calendar/2018/06/index.html"));
    assert!(!site.exists("public/calendar/event/index.html"));
    let month = site.read("public/calendar/index.html");
    assert!(!month.contains("kind-nav"));
    // The filter form has no kind choice then, but tag and place.
    let form = between(&month, "<form class=\"event-filter\"", "</form>");
    assert!(!form.contains("name=\"kind\""));
    assert!(form.contains("<label for=\"filter-tag\">分类或标签</label>"));
}

#[test]
fn every_listed_occurrence_carries_what_the_filter_reads() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let month = site.read("public/calendar/2018/06/index.html");
    let data = "data-kind=\"training\" data-terms=\"防灾减灾|志愿服务\" data-venue=\"科技馆\" data-organizers=\"东莞市科协\"";
    // In the grid's day cell and in the month's list.
    assert_eq!(month.matches(data).count(), 2, "{month}");
    // A real GET form with a label for each control, a live count, hidden until the
    // script shows it.
    let form = between(
        &month,
        "<form class=\"event-filter\" method=\"get\" data-filter hidden",
        "</form>",
    );
    for (id, label) in [("kind", "类型"), ("tag", "分类或标签"), ("venue", "地点")] {
        assert!(
            form.contains(&format!("<label for=\"filter-{id}\">{label}</label>")),
            "{form}"
        );
        assert!(
            form.contains(&format!("<select id=\"filter-{id}\" name=\"{id}\"")),
            "{form}"
        );
    }
    assert!(
        form.contains("role=\"status\" aria-live=\"polite\""),
        "{form}"
    );
    assert!(
        month.contains("/js/filter."),
        "the page loads the filter script"
    );
    // The lists carry the same data on their cards.
    let trainings = site.read("public/trainings/index.html");
    assert!(trainings.contains("data-kind=\"training\" data-terms=\"防灾减灾|志愿服务|\" data-venue=\"科技馆\" data-organizers=\"东莞市科协\""), "{trainings}");
    assert!(trainings.contains("<form class=\"event-filter\""));
    let events = site.read("public/events/index.html");
    assert!(events.contains("data-kind=\"event\" data-terms=\"防灾减灾|\" data-venue=\"科技馆\""));
    // An event at a venue page is found by the venue's name and by its place as written.
    assert!(
        events.contains("data-venue=\"东莞科技馆|科技馆 报告厅\""),
        "{events}"
    );
    let august = site.read("public/calendar/2018/08/index.html");
    assert!(
        august.contains("data-venue=\"东莞科技馆|科技馆 报告厅\""),
        "{august}"
    );
}

#[test]
fn the_embeddable_calendar_is_small_private_and_opens_events_in_the_parent_page() {
    let site = fixture();
    site.build(&[]).assert_ok();
    let embed = site.read("public/calendar/embed/index.html");
    assert!(embed.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(embed.len() < 12 * 1024, "{} bytes", embed.len());
    // What is coming, soonest first, each with its date and place.
    let upcoming = between(&embed, "<ul data-counted>", "</ul>");
    let titles: Vec<&str> = upcoming
        .split("target=\"_top\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "防灾讲座",
            "应急培训",
            "科普日",
            "讲师培训",
            "夏令营",
            "科学营"
        ]
    );
    assert!(upcoming.contains("<span class=\"where\">科技馆</span>"));
    // Every link opens in the page around the frame; nothing comes from another host.
    let links = embed.matches("<a ").count();
    assert!(links >= 7, "{embed}");
    assert_eq!(embed.matches(" target=\"_top\"").count(), links, "{embed}");
    for from in ["src=\"http", "<link", "@import", "url("] {
        assert!(!embed.contains(from), "{from} in {embed}");
    }
    // The month at a glance, with a dot per occurrence for the filter to hide.
    assert!(embed.contains("<h2 id=\"month-title\">2018年6月</h2>"));
    assert_eq!(embed.matches("<span class=\"dot\" data-kind=").count(), 4);
    // In English as well, where the site has English.
    let en = site.read("public/en/calendar/embed/index.html");
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    assert!(
        en.contains("<h2>Coming up</h2>") && en.contains("June 2018"),
        "{en}"
    );
    // The events' titles stay in the site's language, and say so.
    assert!(
        en.contains("target=\"_top\" lang=\"zh-CN\">防灾讲座</a>"),
        "{en}"
    );
    // Never in the sitemap, the feeds or the search.
    for file in site.files("public") {
        if file.ends_with(".xml") || file.ends_with(".json") || file.starts_with("search/") {
            let text = site.read(&format!("public/{file}"));
            assert!(
                !text.contains("calendar/embed"),
                "{file} names the embed page"
            );
        }
    }
    // The calendar page offers the snippet, with a title for the frame.
    let calendar = site.read("public/calendar/index.html");
    let snippet = between(&calendar, "<textarea id=\"embed-code\"", "</textarea>");
    assert!(
        snippet.contains(
            "&lt;iframe src=\"https://example.org/calendar/embed/\" title=\"测试站 活动日历\""
        ),
        "{snippet}"
    );
    assert!(calendar.contains("<label for=\"embed-code\">嵌入代码</label>"));
}

/// The filters and the embed page in Chromium, with and without JavaScript:
/// linkable state, counts, the kind pages without a script, axe, 390 px, no request
/// to another host, links into the parent page. Screenshots go to
/// target/filter-screenshots/.
#[test]
fn filters_work_in_a_real_browser_with_and_without_javascript() {
    let Some(browser) = browser() else {
        return;
    };
    let site = fixture();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}/");
    site.build(&["--base-url", &base]).assert_ok();
    let server = Files::new(site.root().join("public")).serve_on(listener);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/filter-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let config = serde_json::json!({
        "out": shots,
        "base": format!("http://127.0.0.1:{}/", server.port),
    });
    let r = browser.run_script("filter-check.mjs", config);
    assert_eq!(r["axe"].as_array().unwrap().len(), 3, "{r}");
    let problems = filter_problems(&r);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_with_javascript(&r["js"]);
    // The trainings list filtered by place.
    assert_eq!(r["list"], serde_json::json!(["讲师培训"]), "{r}");
    assert_without_javascript(&r["nojs"]);
    // The embed page: ?venue= narrows it, and every link opens in the parent page.
    let embed = &r["embed"];
    assert_eq!(
        embed["visible"],
        serde_json::json!(["科普日", "讲师培训"]),
        "{embed}"
    );
    assert_eq!(embed["dots"], 2, "{embed}");
    assert_eq!(embed["notTop"], serde_json::json!([]), "{embed}");
    assert_eq!(embed["landed"], format!("{base}events/kepuri/"), "{embed}");
}

/// What `filter-check.mjs` found wrong: axe violations, overflow at 390 px, console
/// errors, requests to another host.
fn filter_problems(r: &serde_json::Value) -> Vec<String> {
    let mut problems = Vec::new();
    for a in r["axe"].as_array().unwrap() {
        for v in a["violations"].as_array().unwrap() {
            problems.push(format!("axe /{}: {v}", a["page"].as_str().unwrap()));
        }
    }
    for o in r["overflow"].as_array().unwrap() {
        if o["overflow"].as_i64() != Some(0) {
            problems.push(format!(
                "/{} at 390 px: wider by {} px",
                o["page"], o["overflow"]
            ));
        }
    }
    for e in r["errors"].as_array().unwrap() {
        problems.push(format!("console: {e}"));
    }
    for e in r["external"].as_array().unwrap() {
        problems.push(format!("request to another host: {e}"));
    }
    problems
}

/// Without JavaScript (`nojs` of the report): no form that would do nothing,
/// everything listed, and the kind links lead to the trainings' own month.
#[track_caller]
fn assert_without_javascript(nojs: &serde_json::Value) {
    assert_eq!(nojs["formVisible"], false, "{nojs}");
    assert_eq!(nojs["visible"].as_array().unwrap().len(), 4, "{nojs}");
    assert_eq!(
        nojs["training"],
        serde_json::json!(["应急培训", "讲师培训"]),
        "{nojs}"
    );
}

/// The filter form with JavaScript (`js` of the report).
#[track_caller]
fn assert_with_javascript(js: &serde_json::Value) {
    // With JavaScript, the address gives the filter: ?kind=training&tag=防灾减灾.
    assert_eq!(js["form"]["hidden"], false, "{js}");
    assert_eq!(js["form"]["kind"], "training", "{js}");
    assert_eq!(js["form"]["tag"], "防灾减灾", "{js}");
    assert_eq!(js["visible"], serde_json::json!(["应急培训"]), "{js}");
    assert_eq!(js["status"], "符合条件的共 1 项", "{js}");
    // The choices are what the page lists.
    assert_eq!(
        js["venues"],
        serde_json::json!(["", "科技馆", "图书馆"]),
        "{js}"
    );
    // Choosing a place narrows at once and writes the address; the next month keeps it.
    assert_eq!(
        js["after"]["visible"],
        serde_json::json!(["防灾讲座", "应急培训"]),
        "{js}"
    );
    assert_eq!(
        js["after"]["search"],
        "?tag=%E9%98%B2%E7%81%BE%E5%87%8F%E7%81%BE&venue=%E7%A7%91%E6%8A%80%E9%A6%86",
        "{js}"
    );
    assert!(js["after"]["next"].as_str().unwrap().ends_with("/calendar/2018/07/?tag=%E9%98%B2%E7%81%BE%E5%87%8F%E7%81%BE&venue=%E7%A7%91%E6%8A%80%E9%A6%86"), "{js}");
    assert_eq!(js["after"]["status"], "符合条件的共 2 项", "{js}");
    // Clearing shows everything again.
    assert_eq!(js["reset"]["visible"].as_array().unwrap().len(), 4, "{js}");
    assert_eq!(js["reset"]["search"], "", "{js}");
}
