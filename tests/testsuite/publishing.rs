//! Publishing outputs (issue 4): taxonomy pages, feeds, sitemap, robots.txt,
//! `_redirects`, share tags, automatic summaries and reading time, translations,
//! theme strings and data files. Each test builds its own tiny site with the built-in
//! default theme at a fixed `--now`, and parses every feed and sitemap it reads as XML.

use std::path::Path;

use crate::support::Site;

/// A site whose `site.toml` has a title, `base_url` and description, then
/// `extra_config`, with a home page.
fn fixture(extra_config: &str) -> Site {
    let config = format!(
        "title = \"科普协会\"\nbase_url = \"https://kepu.example.org\"\ndescription = \"站点简介。\"\n{extra_config}"
    );
    Site::bare()
        .file("site.toml", &config)
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n")
}

/// Reads an XML output and checks it is well-formed with a real parser.
fn xml(site: &Site, path: &str) -> String {
    let text = site.read(path);
    well_formed(&text, Path::new(path));
    text
}

fn well_formed(xml: &str, name: &Path) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(_) => {}
            Err(e) => panic!(
                "{} is not well-formed XML at byte {}: {e}\n{xml}",
                name.display(),
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{} has unclosed elements", name.display());
}

#[track_caller]
fn contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected to find\n{needle}\nin\n{haystack}"
    );
}

/// `site` with a news section sorted by date.
fn news_section(site: Site) -> Site {
    site.file(
        "content/news/_index.md",
        "+++\ntitle = \"协会动态\"\nkind = \"news\"\nsort_by = \"date\"\n+++\n",
    )
}

#[test]
fn taxonomy_pages_merge_spellings_and_paginate() {
    let site = fixture("[taxonomies]\ntags = { paginate_by = 1 }\ncategories = {}\n");
    let site = news_section(site);
    let site = site.file(
        "content/news/2018-01-05-a.md",
        "+++\ntitle = \"甲\"\ntaxonomies = { tags = [\"科普\", \"Science\"] }\n+++\n正文。\n",
    )
    .file(
        "content/news/2018-02-05-b.md",
        "+++\ntitle = \"乙\"\ntaxonomies = { tags = [\"科普\", \"science\"], categories = [\"通知\"] }\n+++\n正文。\n",
    )
    .built();

    let list = site.read("public/tags/index.html");
    contains(
        &list,
        "<li><a href=\"/tags/ke-pu/\" rel=\"tag\">科普</a> <span class=\"count\">2 篇</span></li>",
    );
    // "Science" and "science" share the slug, so they are one term with one page.
    assert_eq!(list.matches("href=\"/tags/science/\"").count(), 1);
    // Shown under the spelling most pages use (here a tie: the first in sort order).
    contains(
        &site.read("public/tags/science/index.html"),
        "<h1>Science</h1>",
    );
    assert_term_pages_paginate_and_link(&site);
}

/// The rest of `taxonomy_pages_merge_spellings_and_paginate`: a term's pages, newest
/// first and one a page, and term links on pages.
#[track_caller]
fn assert_term_pages_paginate_and_link(site: &Site) {
    // Newest first, one a page; page 1 at the term's URL, /page/1/ leads back to it.
    contains(
        &site.read("public/tags/ke-pu/index.html"),
        "<a href=\"/news/b/\">乙</a>",
    );
    contains(
        &site.read("public/tags/ke-pu/page/2/index.html"),
        "<a href=\"/news/a/\">甲</a>",
    );
    contains(
        &site.read("public/tags/ke-pu/page/1/index.html"),
        "<meta http-equiv=\"refresh\" content=\"0; url=/tags/ke-pu/\">",
    );
    assert!(!site.exists("public/tags/ke-pu/page/3/index.html"));
    contains(
        &site.read("public/categories/tong-zhi/index.html"),
        "<h1>通知</h1>",
    );
    // Term links on pages are real links.
    contains(
        &site.read("public/news/b/index.html"),
        "<a class=\"term\" rel=\"tag\" href=\"/tags/ke-pu/\">科普</a>",
    );
    contains(
        &site.read("public/_redirects"),
        "/tags/ke-pu/page/1/ /tags/ke-pu/ 301\n",
    );
}

#[test]
fn atom_and_rss_feeds_for_site_section_and_term() {
    let site = fixture("author = \"秘书处\"\n[taxonomies]\ntags = { feed = true }\n");
    let site = news_section(site);
    let site = site.file(
        "content/news/2018-03-01-r-and-d/index.md",
        "+++\ntitle = \"R&D <研发> 动态\"\nupdated = 2018-03-05\ntaxonomies = { tags = [\"科普\"] }\n+++\n\
         第一句。见[关于](/about/)和![海报](poster.png)。\n\n<!-- more -->\n\n正文第二段。\n",
    )
    .file("content/news/2018-03-01-r-and-d/poster.png", "png")
    .file("content/about.md", "+++\ntitle = \"关于\"\n+++\n没有日期的页面不进订阅。\n")
    .built();

    let atom = xml(&site, "public/atom.xml");
    contains(
        &atom,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n  <title>科普协会</title>",
    );
    contains(
        &atom,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://kepu.example.org/atom.xml\"/>",
    );
    contains(
        &atom,
        "<updated>2018-03-05T00:00:00+08:00</updated>\n  <author><name>秘书处</name></author>",
    );
    contains(&atom, "<title>R&amp;D &lt;研发&gt; 动态</title>");
    contains(
        &atom,
        "<published>2018-03-01T00:00:00+08:00</published>\n    <updated>2018-03-05T00:00:00+08:00</updated>",
    );
    assert_feed_entries_and_links(&site);
}

/// The rest of `atom_and_rss_feeds_for_site_section_and_term`: what an entry carries,
/// the section and term feeds, and the links pages have to them.
#[track_caller]
fn assert_feed_entries_and_links(site: &Site) {
    let atom = xml(site, "public/atom.xml");
    // The summary only, with absolute URLs (root-relative and bundle-relative).
    contains(
        &atom,
        "<summary type=\"html\">&lt;p&gt;第一句。见&lt;a href=&quot;https://kepu.example.org/about/&quot;&gt;关于&lt;/a&gt;和&lt;img src=&quot;https://kepu.example.org/news/r-and-d/poster.png&quot;",
    );
    assert!(!atom.contains("正文第二段"));
    assert!(!atom.contains("没有日期"));

    let rss = xml(site, "public/rss.xml");
    contains(
        &rss,
        "<language>zh-cn</language>\n  <lastBuildDate>Mon, 5 Mar 2018 00:00:00 +0800</lastBuildDate>",
    );
    contains(
        &rss,
        "<guid isPermaLink=\"true\">https://kepu.example.org/news/r-and-d/</guid>\n    <pubDate>Thu, 1 Mar 2018 00:00:00 +0800</pubDate>",
    );
    contains(
        &xml(site, "public/news/atom.xml"),
        "<title>协会动态 - 科普协会</title>",
    );
    xml(site, "public/news/rss.xml");
    contains(
        &xml(site, "public/tags/ke-pu/atom.xml"),
        "<title>科普 - 科普协会</title>",
    );
    xml(site, "public/tags/ke-pu/rss.xml");

    assert_pages_link_their_feeds(site);
}

/// Pages link to their language's and their section's feeds, term pages to theirs.
#[track_caller]
fn assert_pages_link_their_feeds(site: &Site) {
    // Pages link to their language's and their section's feeds.
    let page = site.read("public/news/r-and-d/index.html");
    contains(
        &page,
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"科普协会\" href=\"/atom.xml\">",
    );
    contains(
        &page,
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"协会动态 - 科普协会\" href=\"/news/rss.xml\">",
    );
    contains(
        &site.read("public/tags/ke-pu/index.html"),
        "<a href=\"/tags/ke-pu/atom.xml\">订阅（RSS/Atom）</a>",
    );
}

#[test]
fn full_content_feeds_and_limit_come_from_site_toml() {
    let site = fixture("[feeds]\nfull_content = true\nlimit = 1\n");
    let site = news_section(site);
    let site = site.file("content/news/2018-01-01-old.md", "+++\ntitle = \"旧\"\n+++\n旧文。\n")
        .file(
            "content/news/2018-02-01-new.md",
            "+++\ntitle = \"新\"\ndescription = \"摘要。\"\n+++\n开头。\n\n<!-- more -->\n\n全文[锚点](#x)。\n\n## x\n",
        )
        .built();
    let atom = xml(&site, "public/news/atom.xml");
    assert_eq!(atom.matches("<entry>").count(), 1);
    contains(
        &atom,
        "<summary>摘要。</summary>\n    <content type=\"html\">&lt;p&gt;开头。&lt;/p&gt;",
    );
    contains(
        &atom,
        "href=&quot;https://kepu.example.org/news/new/#x&quot;",
    );
}

#[test]
fn unknown_feed_setting_is_an_error_with_a_suggestion() {
    let site = fixture("[feeds]\nfull_contents = true\n");
    let run = site.build(&[]);
    assert_ne!(run.code, Some(0), "{run}");
    contains(&run.stderr, "site.toml:5:1: unknown field `full_contents`");
    contains(&run.stderr, "did you mean `full_content`?");
}

#[test]
fn sitemap_robots_and_redirects() {
    let site = fixture("");
    let site = site
        .file(
            "content/news/_index.md",
            "+++\ntitle = \"动态\"\nsort_by = \"date\"\npaginate_by = 1\n+++\n",
        )
        .file(
            "content/news/2018-01-05-a.md",
            "+++\ntitle = \"甲\"\naliases = [\"/old/a.html\", \"/2017/a/\"]\n+++\n甲。\n",
        )
        .file(
            "content/news/2018-02-05-b.md",
            "+++\ntitle = \"乙\"\nupdated = 2018-04-01T10:00:00\n+++\n乙。\n",
        )
        .built();

    let sitemap = xml(&site, "public/sitemap.xml");
    contains(
        &sitemap,
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    contains(
        &sitemap,
        "<url>\n    <loc>https://kepu.example.org/news/</loc>\n    <lastmod>2018-04-01T10:00:00+08:00</lastmod>\n  </url>",
    );
    contains(&sitemap, "<loc>https://kepu.example.org/news/page/2/</loc>");
    contains(
        &sitemap,
        "<loc>https://kepu.example.org/news/a/</loc>\n    <lastmod>2018-01-05T00:00:00+08:00</lastmod>",
    );
    assert!(
        !sitemap.contains("/old/"),
        "redirects are not in the sitemap"
    );
    assert!(!sitemap.contains("404"));
    assert_robots_and_redirects(&site);
}

/// robots.txt names the sitemap, `_redirects` lists every alias, and an alias page
/// points to its page.
#[track_caller]
fn assert_robots_and_redirects(site: &Site) {
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://kepu.example.org/sitemap.xml\n"
    );
    assert_eq!(
        site.read("public/_redirects"),
        "/2017/a/ /news/a/ 301\n/news/page/1/ /news/ 301\n/old/a.html /news/a/ 301\n"
    );
    contains(
        &site.read("public/old/a.html"),
        "<link rel=\"canonical\" href=\"https://kepu.example.org/news/a/\">",
    );
    assert!(site.exists("public/404.html"));
}

#[test]
fn site_robots_txt_wins() {
    let site = fixture("");
    let site = site
        .file("static/robots.txt", "User-agent: *\nDisallow: /\n")
        .built();
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn alias_that_is_the_address_of_a_page_is_an_error() {
    let site = fixture("");
    let site = site
        .file("content/a.md", "+++\ntitle = \"甲\"\n+++\n甲。\n")
        .file(
            "content/b.md",
            "+++\ntitle = \"乙\"\naliases = [\"/a/\"]\n+++\n乙。\n",
        );
    let run = site.build(&[]);
    assert_ne!(run.code, Some(0), "{run}");
    contains(
        &run.stderr,
        "content/b.md:3:12: the alias /a/ is the address of content/a.md",
    );
    contains(
        &run.stderr,
        "help: an alias must be an old address that no page uses any more",
    );
}

#[test]
fn a_long_summary_is_cut_for_the_description_and_share_card() {
    let site = fixture("");
    let site = news_section(site);
    // 150 characters of summary: the description keeps 119 and an ellipsis.
    let long = "科学普及志愿服务进社区。".repeat(13);
    let site = site
        .file(
            "content/news/2018-01-05-a/index.md",
            &format!("+++\ntitle = \"长\"\n+++\n{long}\n"),
        )
        .built();
    let page = site.read("public/news/a/index.html");
    let kept: String = long.chars().take(119).collect();
    contains(
        &page,
        &format!("<meta name=\"description\" content=\"{kept}…\">"),
    );
    contains(
        &page,
        &format!("<meta property=\"og:description\" content=\"{kept}…\">"),
    );
    // The page itself keeps every word.
    contains(&page, &long);
}

#[test]
fn share_tags_from_page_cover_and_site_default() {
    let site = fixture("og_image = \"/share.png\"\n");
    let site = news_section(site);
    let site = site
        .file("static/share.png", "png")
        .file(
            "content/news/2018-01-05-a/index.md",
            "+++\ntitle = \"甲 & 乙\"\ncover = \"cover.jpg\"\n+++\n第一句话。第二句话。\n",
        )
        .file("content/news/2018-01-05-a/cover.jpg", "jpg")
        .built();
    let page = site.read("public/news/a/index.html");
    contains(
        &page,
        "<meta name=\"description\" content=\"第一句话。第二句话。\">",
    );
    contains(
        &page,
        "<meta property=\"og:title\" content=\"甲 &amp; 乙\">",
    );
    contains(
        &page,
        "<meta property=\"og:description\" content=\"第一句话。第二句话。\">",
    );
    contains(&page, "<meta property=\"og:type\" content=\"article\">");
    contains(
        &page,
        "<meta property=\"og:url\" content=\"https://kepu.example.org/news/a/\">",
    );
    contains(&page, "<meta property=\"og:locale\" content=\"zh_CN\">");
    contains(
        &page,
        "<meta property=\"og:image\" content=\"https://kepu.example.org/news/a/cover.jpg\">",
    );
    contains(
        &page,
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
    );
    assert_home_shares_the_site_default(&site);
}

/// The home page, without a cover, shares the site's `og_image`.
#[track_caller]
fn assert_home_shares_the_site_default(site: &Site) {
    let home = site.read("public/index.html");
    contains(&home, "<meta property=\"og:type\" content=\"website\">");
    contains(
        &home,
        "<meta property=\"og:description\" content=\"站点简介。\">",
    );
    contains(
        &home,
        "<meta property=\"og:image\" content=\"https://kepu.example.org/share.png\">",
    );
}

#[test]
fn automatic_summaries_and_reading_time_are_cjk_aware() {
    let site = fixture("[text]\nsummary_length = 30\ncjk_per_minute = 600\n");
    let site = news_section(site);
    let long = "科".repeat(1150);
    let site = site.file(
        "content/news/2018-01-05-a.md",
        &format!("+++\ntitle = \"甲\"\n+++\n## 导语\n\n第一句话很短。第二句**加粗**也不长！第三句更长一些呢？\n\n{long}。\n"),
    )
    .built();
    let list = site.read("public/news/index.html");
    contains(
        &list,
        "<div class=\"summary\"><p>第一句话很短。第二句<strong>加粗</strong>也不长！</p></div>",
    );
    // 1,173 Chinese characters at 600 a minute: 2 minutes (Zola, one word per character
    // at 200 a minute, would say 6).
    contains(&site.read("public/news/a/index.html"), "阅读约 2 分钟");
}

/// A site in Chinese and English: a news item in both, one only in Chinese.
fn translated_site() -> Site {
    let site = fixture(
        "[taxonomies]\ntags = { feed = true }\n[languages.en]\ntitle = \"Kepu Association\"\n\
         [[languages.en.menu]]\nname = \"News\"\nurl = \"@/news/_index.md\"\n",
    );
    let site = news_section(site);
    site.file("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n")
        .file(
            "content/news/_index.en.md",
            "+++\ntitle = \"News\"\nkind = \"news\"\nsort_by = \"date\"\n+++\n",
        )
        .file(
            "content/news/2018-01-05-plan.md",
            "+++\ntitle = \"工作计划\"\ntaxonomies = { tags = [\"计划\"] }\n+++\n计划。\n",
        )
        .file(
            "content/news/2018-01-05-plan.en.md",
            "+++\ntitle = \"Work plan\"\ntaxonomies = { tags = [\"Plans\"] }\n+++\nThe plan.\n",
        )
        .file(
            "content/news/2018-02-05-only.md",
            "+++\ntitle = \"只有中文\"\n+++\n中文。\n",
        )
}

#[test]
fn translations_link_each_other_and_untranslated_pages_fall_back() {
    let site = translated_site().built();

    let en = site.read("public/en/news/plan/index.html");
    contains(&en, "<html lang=\"en\">");
    contains(
        &en,
        "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://kepu.example.org/news/plan/\">",
    );
    contains(
        &en,
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://kepu.example.org/news/plan/\">",
    );
    contains(&en, "<a class=\"brand\" href=\"/en/\">Kepu Association</a>");
    contains(
        &en,
        "<li><a href=\"/en/news/\" aria-current=\"true\">News</a></li>",
    );
    contains(
        &en,
        "<li><a href=\"/news/plan/\" hreflang=\"zh-CN\" lang=\"zh-CN\">中文</a></li>",
    );
    contains(
        &site.read("public/news/plan/index.html"),
        "<li><a href=\"/en/news/plan/\" hreflang=\"en\" lang=\"en\">English</a></li>",
    );
    assert_untranslated_page_and_feeds_per_language(&site);
}

/// The rest of `translations_link_each_other_and_untranslated_pages_fall_back`: the
/// untranslated page in both languages, and feeds, taxonomies and the sitemap per
/// language.
#[track_caller]
fn assert_untranslated_page_and_feeds_per_language(site: &Site) {
    // An untranslated page: no hreflang, its switcher leads to the English home page.
    let only = site.read("public/news/only/index.html");
    assert!(!only.contains("hreflang=\"en\" href"));
    contains(
        &only,
        "<li><a href=\"/en/\" hreflang=\"en\" lang=\"en\">English</a></li>",
    );
    // … and the English list shows it at its own URL, marked.
    let list = site.read("public/en/news/index.html");
    contains(
        &list,
        "<article class=\"card\" lang=\"zh-CN\">\n  <h2><a href=\"/news/only/\" hreflang=\"zh-CN\">只有中文</a></h2>\n  <p class=\"lang-mark\" lang=\"en\">In Chinese</p>",
    );
    contains(&list, "<h2><a href=\"/en/news/plan/\">Work plan</a></h2>");
    assert!(!site.exists("public/en/news/only/index.html"));

    // Feeds, taxonomies and the sitemap per language.
    let atom = xml(site, "public/en/atom.xml");
    contains(&atom, "xml:lang=\"en\">\n  <title>Kepu Association</title>");
    assert!(!atom.contains("只有中文"));
    contains(
        &site.read("public/en/tags/index.html"),
        "<a href=\"/en/tags/plans/\" rel=\"tag\">Plans</a>",
    );
    xml(site, "public/en/tags/plans/atom.xml");
    contains(
        &xml(site, "public/sitemap.xml"),
        "<loc>https://kepu.example.org/en/news/plan/</loc>\n    <lastmod>2018-01-05T00:00:00+08:00</lastmod>\n    \
         <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://kepu.example.org/en/news/plan/\"/>\n    \
         <xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://kepu.example.org/news/plan/\"/>",
    );
}

#[test]
fn site_i18n_file_overrides_theme_strings() {
    let site = fixture("");
    let site = site
        .file("i18n/zh-CN.toml", "back_home = \"回到协会首页\"\n")
        .built();
    contains(
        &site.read("public/404.html"),
        "<a href=\"/\">回到协会首页</a>",
    );
}

#[test]
fn partners_come_from_a_data_file_in_the_page_language() {
    let site = fixture("[languages.en]\ntitle = \"Kepu\"\n");
    let site = site
        .file("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n")
        .file(
            "data/partners.toml",
            "[[partners]]\nname = \"东莞市科学技术协会\"\nrole = \"业务指导单位\"\n\
             [partners.en]\nname = \"Dongguan Association for Science and Technology\"\n",
        )
        .built();
    contains(
        &site.read("public/index.html"),
        "<li><strong>东莞市科学技术协会</strong><br><span class=\"meta\">业务指导单位</span></li>",
    );
    contains(
        &site.read("public/en/index.html"),
        "<li><strong>Dongguan Association for Science and Technology</strong><br><span class=\"meta\">业务指导单位</span></li>",
    );
    // Without data/partners.toml the home page simply has no list.
    let bare = fixture("");
    let bare = bare.built();
    assert!(
        !bare
            .read("public/index.html")
            .contains("class=\"partners\"")
    );
}
