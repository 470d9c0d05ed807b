//! Templates: site overrides of the theme, per-page templates, template errors at the
//! template's own line naming the page, and the functions and filters kepu adds.

use crate::support::{SITE_TOML, Site, page};

/// A site whose `templates/page.html` is `template`, with one page `content/a.md`.
fn with_page_template(template: &str) -> Site {
    Site::new()
        .file("templates/page.html", template)
        .file("content/a.md", &page("title = \"标题\"", "正文\n"))
}

#[test]
fn site_template_overrides_the_themes() {
    let site = with_page_template("SITE {{ page.title }}");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/a/index.html"), "SITE 标题");
}

#[test]
fn site_template_can_extend_the_themes_base() {
    let site = with_page_template(
        "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ page.title }}</p>{% endblock content %}",
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(html.contains("<p class=\"mine\">标题</p>"), "{html}");
    assert!(html.contains("<title>测试站</title>"), "{html}");
}

#[test]
fn template_named_in_front_matter_is_used() {
    let site = Site::new()
        .file("templates/notice.html", "NOTICE {{ page.title }}")
        .file(
            "content/a.md",
            &page("title = \"通知\"\ntemplate = \"notice.html\"", ""),
        )
        .file("content/b.md", &page("title = \"b\"", ""));
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/a/index.html"), "NOTICE 通知");
    assert!(site.read("public/b/index.html").contains("<h1>b</h1>"));
}

#[test]
fn missing_template_named_in_front_matter_is_an_error() {
    let site = Site::new().file(
        "content/a.md",
        "+++\ntitle = \"a\"\ntemplate = \"notice.html\"\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:3:12: the template \"notice.html\" does not exist"]
    );
}

#[test]
fn syntax_error_is_reported_at_the_templates_line_and_column() {
    let site = with_page_template("<p>\n{{ page.title }}\n  {% if %}\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(
        errors[0].starts_with("templates/page.html:3:9: template error: "),
        "{run}"
    );
}

#[test]
fn syntax_errors_of_every_template_are_reported() {
    let site = with_page_template("{{ 1 + }}\n").file("templates/section.html", "x\n{% endif %}\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 2, "{run}");
    assert!(
        errors[0].starts_with("templates/page.html:1:8: template error: "),
        "{run}"
    );
    assert!(
        errors[1].starts_with("templates/section.html:2:4: template error: "),
        "{run}"
    );
}

#[test]
fn runtime_error_names_the_template_and_the_page() {
    let site = with_page_template("<p>\n\n  {{ get_page(path=\"nope.md\") }}\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "templates/page.html:3:6: template error: get_page: there is no page content/nope.md (while rendering content/a.md)"
        ]
    );
}

#[test]
fn runtime_error_in_a_partial_is_reported_once_naming_the_partial() {
    let site = Site::new()
        .file(
            "templates/partials/footer.html",
            "<footer>\n{{ load_data(path=\"nope.toml\") }}\n</footer>\n",
        )
        .file("content/news/_index.md", &page("title = \"n\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    let prefix = "templates/partials/footer.html:2:4: template error: load_data: there is no file data/nope.toml (TOML, JSON or CSV)";
    // (The embeddable calendar, which has no footer, renders, and warns that the month
    // pages it links to are missing: they failed.)
    let errors: Vec<&str> = run
        .errors()
        .into_iter()
        .filter(|e| !e.starts_with("kepu: warning: calendar/embed/"))
        .collect();
    assert_eq!(
        errors,
        // The home page, the news section, 404.html, the three calendar pages and search.
        [format!(
            "{prefix} (while rendering content/_index.md and 6 other pages)"
        )]
    );
}

#[test]
fn extending_a_missing_template_is_an_error() {
    let site = with_page_template("{% extends \"nope.html\" %}\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["templates/page.html:1:1: this template extends \"nope.html\", which does not exist"]
    );
}

#[test]
fn load_data_reads_toml_json_and_csv() {
    let site = with_page_template(concat!(
        "{% set p = load_data(path=\"partners.toml\") %}{% for x in p.partners %}{{ x.name }};{% endfor %}",
        "|{% set j = load_data(path=\"data/list.json\") %}{{ j.items[1] }}",
        "|{% set c = load_data(path=\"towns.csv\") %}{{ c[1].name }}@{{ c[1].town }}",
    ))
    .file(
        "data/partners.toml",
        "[[partners]]\nname = \"科协\"\n[[partners]]\nname = \"博物馆\"\n",
    )
    .file("data/list.json", "{\"items\": [\"甲\", \"乙\"]}")
    .file("data/towns.csv", "name,town\n科协,东莞\n博物馆,广州\n");
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "科协;博物馆;|乙|博物馆@广州"
    );
}

#[test]
fn load_data_of_a_missing_file_is_an_error() {
    let site = with_page_template("{{ load_data(path=\"partner.toml\") }}");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "templates/page.html:1:4: template error: load_data: there is no file data/partner.toml (TOML, JSON or CSV) (while rendering content/a.md)"
        ]
    );
}

#[test]
fn trans_gives_the_site_languages_text() {
    let site = with_page_template("{{ trans(key=\"home\") }}|{{ trans(key=\"read_more\") }}");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/a/index.html"), "首页|阅读全文");
}

#[test]
fn trans_in_an_english_site() {
    let site = with_page_template("{{ trans(key=\"home\") }}")
        .file("site.toml", &format!("{SITE_TOML}language = \"en\"\n"));
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/a/index.html"), "Home");
}

#[test]
fn site_i18n_file_overrides_a_theme_translation() {
    let site = with_page_template("{{ trans(key=\"home\") }}|{{ trans(key=\"donate\") }}")
        .file("i18n/zh-CN.toml", "home = \"主页\"\ndonate = \"捐赠\"\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.read("public/a/index.html"), "主页|捐赠");
}

#[test]
fn date_filter_in_chinese() {
    let site = with_page_template(
        "{{ \"2018-09-15\" | date(format=\"long\") }}|{{ \"2018-09-15T09:30:00\" | date(format=\"datetime\") }}|{{ \"2018-09-15\" | date }}",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "2018年9月15日 星期六|2018年9月15日 09:30|2018年9月15日"
    );
}

#[test]
fn date_filter_in_english() {
    let site = with_page_template("{{ \"2018-09-15\" | date(format=\"long\") }}")
        .file("site.toml", &format!("{SITE_TOML}language = \"en\"\n"));
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "Saturday, 15 September 2018"
    );
}

#[test]
fn date_filter_shows_page_dates_in_the_site_time_zone() {
    // 23:30 UTC on 5 January is 07:30 on 6 January in Asia/Shanghai.
    let site = Site::new()
        .file(
            "templates/page.html",
            "{{ page.date }}|{{ page.date | date(format=\"datetime\") }}",
        )
        .file(
            "content/a.md",
            &page("title = \"a\"\ndate = 2018-01-05T23:30:00Z", ""),
        );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "2018-01-06T07:30:00+08:00|2018年1月6日 07:30"
    );
}

#[test]
fn get_url_of_a_content_file() {
    let site = with_page_template(
        "{{ get_url(path=\"@/news/b.md\") }}|{{ get_url(path=\"@/news/b.md#x\") }}|{{ get_url(path=\"@/news/b.md\", absolute=true) }}|{{ get_url(path=\"/css/site.css\", hash=false) }}",
    )
    .file("content/news/b.md", &page("title = \"b\"\nslug = \"bee\"", ""));
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "/news/bee/|/news/bee/#x|https://example.org/news/bee/|/css/site.css"
    );
}

#[test]
fn get_url_of_a_missing_content_file_is_an_error() {
    let site = with_page_template("{{ get_url(path=\"@/nope.md\") }}");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "templates/page.html:1:4: template error: get_url: there is no page content/nope.md (while rendering content/a.md)"
        ]
    );
}

#[test]
fn get_page_gives_another_pages_fields() {
    let site = with_page_template(
        "{% set b = get_page(path=\"news/b.md\") %}{{ b.title }}|{{ b.url }}|{{ b.content }}",
    )
    .file("content/news/b.md", &page("title = \"乙\"", "乙的正文\n"));
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "乙|/news/b/|<p>乙的正文</p>\n"
    );
}

#[test]
fn list_items_leave_out_what_only_the_page_itself_shows() {
    let event = "+++\ntitle = \"讲座\"\ndate = 2018-01-01\n\n[event]\nstart = 2018-09-15T09:00:00\nlocation = \"图书馆\"\n+++\n## 第一节\n\n正文\n";
    let show = "{{ p.toc | length }}|{{ p.content is defined }}|{{ p.event.json_ld.name | default(value=\"none\") }}|{{ p.event.location }}";
    let site = Site::new()
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file("content/events/talk.md", event)
        .file(
            "templates/event.html",
            &format!("{{% set p = page %}}{show}"),
        )
        .file(
            "templates/event-list.html",
            &format!(
                "{{% for p in section.pages %}}{show}{{% endfor %}}/\
                 {{% set p = get_page(path=\"events/talk.md\") %}}{show}"
            ),
        );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/events/talk/index.html"),
        "1|true|讲座|图书馆"
    );
    assert_eq!(
        site.read("public/events/index.html"),
        "0|false|none|图书馆/1|true|讲座|图书馆"
    );
}

#[test]
fn html_in_titles_is_escaped() {
    let site = Site::new().file("content/a.md", &page("title = \"<b>粗</b> & 细\"", ""));
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(
        html.contains("<h1>&lt;b&gt;粗&lt;/b&gt; &amp; 细</h1>"),
        "{html}"
    );
    assert!(
        html.contains("<title>&lt;b&gt;粗&lt;/b&gt; &amp; 细 - 测试站</title>"),
        "{html}"
    );
}

#[test]
fn a_pages_terms_are_the_term_pages_terms() {
    let site = Site::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n[taxonomies]\ntags = { feed = true }\n",
        )
        .file(
            "templates/page.html",
            "{% for name, terms in page.taxonomies %}{% for t in terms %}[{{ name }} {{ t.name }} {{ t.url }} {{ t.slug }} {{ t.count }} {{ t.feed }} {{ t.permalink }}]{% endfor %}{% endfor %}",
        )
        .file(
            "content/a.md",
            &page(
                "title = \"甲\"\ndate = 2018-05-01\ntaxonomies = { tags = [\"讲座\", \"科普\"] }",
                "",
            ),
        )
        .file(
            "content/b.md",
            &page(
                "title = \"乙\"\ndate = 2018-05-02\ntaxonomies = { tags = [\"讲座\"] }",
                "",
            ),
        );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "[tags 讲座 /tags/jiang-zuo/ jiang-zuo 2 /tags/jiang-zuo/atom.xml https://example.org/tags/jiang-zuo/]\
         [tags 科普 /tags/ke-pu/ ke-pu 1 /tags/ke-pu/atom.xml https://example.org/tags/ke-pu/]"
    );
}
