//! Sections: the order of their pages, pagination, transparent subsections, and the
//! kind pages inherit from their section.

use crate::support::{SITE_TOML, Site, page};

/// A section template that lists the titles of its pages.
const TITLES: &str = "{% for p in section.pages %}{{ p.title }},{% endfor %}";

/// A site whose `news` section has `section_fields` and the given pages (file name,
/// front matter lines).
fn news(section_fields: &str, pages: &[(&str, &str)]) -> Site {
    let mut site = Site::new().file("templates/section.html", TITLES).file(
        "content/news/_index.md",
        &page(&format!("title = \"新闻\"\n{section_fields}"), ""),
    );
    for (name, front_matter) in pages {
        site = site.file(&format!("content/news/{name}"), &page(front_matter, ""));
    }
    site
}

#[test]
fn sort_by_weight_puts_lowest_first_and_unweighted_last() {
    let site = news(
        "sort_by = \"weight\"",
        &[
            ("a.md", "title = \"a\"\nweight = 3"),
            ("b.md", "title = \"b\""),
            ("c.md", "title = \"c\"\nweight = -1"),
            ("d.md", "title = \"d\"\nweight = 2"),
        ],
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/index.html"), "c,d,a,b,");
}

#[test]
fn sort_by_title() {
    let site = news(
        "sort_by = \"title\"",
        &[
            ("1.md", "title = \"Charlie\"\nweight = 1"),
            ("2.md", "title = \"Alpha\"\nweight = 2"),
            ("3.md", "title = \"Bravo\""),
        ],
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/index.html"), "Alpha,Bravo,Charlie,");
}

#[test]
fn sort_by_date_puts_newest_first_and_undated_last() {
    let site = news(
        "sort_by = \"date\"",
        &[
            ("a.md", "title = \"old\"\ndate = 2017-01-01"),
            ("b.md", "title = \"undated\""),
            ("2018-03-01-c.md", "title = \"newest\""),
            ("d.md", "title = \"middle\"\ndate = 2018-01-01T12:00:00"),
        ],
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/news/index.html"),
        "newest,middle,old,undated,"
    );
}

#[test]
fn news_section_sorts_by_date_by_default() {
    let site = news(
        "kind = \"news\"",
        &[
            ("a.md", "title = \"a\"\ndate = 2017-01-01"),
            ("b.md", "title = \"b\"\ndate = 2018-01-01"),
        ],
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/index.html"), "b,a,");
}

/// Five pages p1 … p5, dated so that p5 is the newest.
fn five_pages() -> Vec<(String, String)> {
    (1..=5)
        .map(|i| {
            (
                format!("p{i}.md"),
                format!("title = \"p{i}\"\ndate = 2018-01-0{i}"),
            )
        })
        .collect()
}

fn paginated_news() -> Site {
    let pages = five_pages();
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, f)| (n.as_str(), f.as_str()))
        .collect();
    news("sort_by = \"date\"\npaginate_by = 2", &refs).file(
        "templates/section.html",
        "{% for p in paginator.pages %}{{ p.title }},{% endfor %}|{{ paginator.current_index }}/{{ paginator.number_pagers }}|{{ paginator.previous }}|{{ paginator.next }}",
    )
}

#[test]
fn paginate_by_splits_the_list_into_pages() {
    let site = paginated_news();
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/news/index.html"),
        "p5,p4,|1/3||/news/page/2/"
    );
    assert_eq!(
        site.read("public/news/page/2/index.html"),
        "p3,p2,|2/3|/news/|/news/page/3/"
    );
    assert_eq!(
        site.read("public/news/page/3/index.html"),
        "p1,|3/3|/news/page/2/|"
    );
    assert!(!site.exists("public/news/page/4"));
}

#[test]
fn first_pager_page_redirects_to_the_section() {
    let site = paginated_news();
    site.build(&[]).assert_ok();
    let html = site.read("public/news/page/1/index.html");
    assert!(
        html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/news/\">"),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/news/\">"),
        "{html}"
    );
}

#[test]
fn default_theme_shows_pager_links() {
    let pages = five_pages();
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, f)| (n.as_str(), f.as_str()))
        .collect();
    let site = news("sort_by = \"date\"\npaginate_by = 2", &refs);
    std::fs::remove_file(site.root().join("templates/section.html")).unwrap();
    site.build(&[]).assert_ok();
    let html = site.read("public/news/page/2/index.html");
    assert!(
        html.contains("<a rel=\"prev\" href=\"/news/\">上一页</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a rel=\"next\" href=\"/news/page/3/\">下一页</a>"),
        "{html}"
    );
    assert!(
        html.contains("<span aria-current=\"page\">2</span>"),
        "{html}"
    );
}

#[test]
fn default_theme_pager_shows_a_window_of_links() {
    let pages: Vec<(String, String)> = (1..=12)
        .map(|i| {
            (
                format!("p{i}.md"),
                format!("title = \"p{i}\"\ndate = 2018-01-{i:02}"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, f)| (n.as_str(), f.as_str()))
        .collect();
    let site = news("sort_by = \"date\"\npaginate_by = 1", &refs);
    std::fs::remove_file(site.root().join("templates/section.html")).unwrap();
    site.build(&[]).assert_ok();
    let html = site.read("public/news/page/6/index.html");
    let nav = &html[html.find("<nav class=\"pager\"").unwrap()..];
    let pager = &nav[nav.find("<ol>").unwrap()..nav.find("</ol>").unwrap()];
    let shown: Vec<String> = pager
        .split("<li")
        .skip(1)
        .map(|li| {
            if li.contains("class=\"gap\"") {
                "…".to_string()
            } else if li.contains("aria-current") {
                "[6]".to_string()
            } else {
                let at = li.find("\">").unwrap() + 2;
                li[at..li.find("</a>").unwrap()].to_string()
            }
        })
        .collect();
    assert_eq!(
        shown,
        ["1", "…", "4", "5", "[6]", "7", "8", "…", "12"],
        "{pager}"
    );
    assert!(
        pager.contains("<a href=\"/news/page/12/\">12</a>"),
        "{pager}"
    );
}

#[test]
fn transparent_subsection_lists_its_pages_in_the_parent() {
    let site = news(
        "sort_by = \"date\"",
        &[("new.md", "title = \"new\"\ndate = 2018-03-01")],
    )
    .file(
        "content/news/2017/_index.md",
        &page("title = \"2017\"\ntransparent = true", ""),
    )
    .file(
        "content/news/2017/old.md",
        &page("title = \"old\"\ndate = 2017-03-01", ""),
    )
    .file(
        "content/news/archive/_index.md",
        &page("title = \"archive\"", ""),
    )
    .file(
        "content/news/archive/hidden.md",
        &page("title = \"hidden\"\ndate = 2018-05-01", ""),
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/index.html"), "new,old,");
    assert_eq!(site.read("public/news/2017/index.html"), "old,");
    assert_eq!(site.read("public/news/archive/index.html"), "hidden,");
    assert!(site.exists("public/news/2017/old/index.html"));
}

#[test]
fn pages_inherit_the_kind_of_their_section() {
    let site = Site::new()
        .file("templates/page.html", "{{ page.kind }}")
        .file("templates/event.html", "{{ page.kind }}")
        .file("templates/section.html", "{{ section.kind }}")
        .file("templates/event-list.html", "{{ section.kind }}")
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/x/index.md",
            &page("title = \"x\"\n[event]\nstart = 2018-09-15", ""),
        )
        .file(
            "content/events/2018/_index.md",
            &page("title = \"2018\"", ""),
        )
        .file(
            "content/events/2018/y.md",
            &page("title = \"y\"\n[event]\nstart = 2018-09-16", ""),
        )
        .file("content/about.md", &page("title = \"关于\"", ""));
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/events/index.html"), "event");
    assert_eq!(site.read("public/events/x/index.html"), "event");
    assert_eq!(site.read("public/events/2018/index.html"), "event");
    assert_eq!(site.read("public/events/2018/y/index.html"), "event");
    assert_eq!(site.read("public/about/index.html"), "page");
}

#[test]
fn kind_template_is_preferred_over_page_html() {
    let site = Site::new()
        .file("templates/event.html", "EVENT {{ page.title }}")
        .file("templates/event-list.html", "EVENTS {{ section.title }}")
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/x.md",
            &page("title = \"x\"\n[event]\nstart = 2018-09-15", ""),
        );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/events/x/index.html"), "EVENT x");
    assert_eq!(site.read("public/events/index.html"), "EVENTS 活动");
}

#[test]
fn neighbours_follow_the_section_order() {
    let site = news(
        "sort_by = \"weight\"",
        &[
            ("a.md", "title = \"a\"\nweight = 2"),
            ("b.md", "title = \"b\"\nweight = 1"),
            ("c.md", "title = \"c\"\nweight = 3"),
        ],
    )
    .file(
        "templates/page.html",
        "{{ page.earlier.title | default(value=\"-\") }}<{{ page.title }}>{{ page.later.title | default(value=\"-\") }}",
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/b/index.html"), "-<b>a");
    assert_eq!(site.read("public/news/a/index.html"), "b<a>c");
    assert_eq!(site.read("public/news/c/index.html"), "a<c>-");
}

#[test]
fn translations_are_not_listed_in_the_default_language_section() {
    let site = Site::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}[languages.en]\ntitle = \"Test\"\n"),
        )
        .file("templates/section.html", TITLES)
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file("content/news/a.md", &page("title = \"甲\"", ""))
        .file("content/news/a.en.md", &page("title = \"A\"", ""));
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/news/index.html"), "甲,");
}
