//! Markdown as a Chinese editor writes it: line breaks and emphasis that CommonMark
//! gets wrong for Chinese, heading ids, the usual extensions, the summary marker, and
//! `@/` internal links checked at build time.

use crate::support::{CONTENT_ONLY, Site, between, page};

/// Builds one page `content/a.md` with `body` and returns its rendered Markdown only.
fn render(body: &str) -> String {
    let site = Site::new()
        .file("templates/page.html", CONTENT_ONLY)
        .file("content/a.md", &page("title = \"a\"", body));
    site.build(&[]).assert_ok();
    site.read("public/a/index.html")
}

#[test]
fn soft_break_between_chinese_characters_is_not_a_space() {
    assert_eq!(render("科学\n普及\n"), "<p>科学普及</p>\n");
}

#[test]
fn soft_break_after_chinese_punctuation_is_not_a_space() {
    assert_eq!(render("科学，\n普及。\n"), "<p>科学，普及。</p>\n");
}

#[test]
fn soft_break_between_latin_words_is_kept() {
    assert_eq!(render("science\npopular\n"), "<p>science\npopular</p>\n");
}

#[test]
fn emphasis_closing_after_full_width_punctuation() {
    assert_eq!(
        render("**加粗，**文字\n"),
        "<p><strong>加粗，</strong>文字</p>\n"
    );
}

#[test]
fn emphasis_opening_before_full_width_punctuation() {
    assert_eq!(
        render("文字**「引用」**文字\n"),
        "<p>文字<strong>「引用」</strong>文字</p>\n"
    );
}

#[test]
fn chinese_heading_ids_are_kept_and_made_unique() {
    assert_eq!(
        render("## 活动内容\n\n## 活动内容\n\n## 参与 方式！\n"),
        "<h2 id=\"活动内容\">活动内容</h2>\n\
         <h2 id=\"活动内容-1\">活动内容</h2>\n\
         <h2 id=\"参与-方式\">参与 方式！</h2>\n"
    );
}

#[test]
fn explicit_heading_id_is_used_and_never_taken_by_another() {
    assert_eq!(
        render("## Join\n\n## 报名 {#join}\n"),
        "<h2 id=\"join-1\">Join</h2>\n<h2 id=\"join\">报名</h2>\n"
    );
}

#[test]
fn tables_render() {
    assert_eq!(
        render("| 甲 | 乙 |\n|----|----|\n| 1  | 2  |\n"),
        "<table><thead><tr><th>甲</th><th>乙</th></tr></thead><tbody>\n\
         <tr><td>1</td><td>2</td></tr>\n\
         </tbody></table>\n"
    );
}

#[test]
fn footnotes_render() {
    let html = render("正文[^1]。\n\n[^1]: 注释。\n");
    assert!(
        html.starts_with(
            "<p>正文<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>。</p>\n"
        ),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"footnote-definition\" id=\"1\">"),
        "{html}"
    );
    assert!(html.contains("<p>注释。</p>"), "{html}");
}

#[test]
fn strikethrough_renders() {
    assert_eq!(render("~~旧~~新\n"), "<p><del>旧</del>新</p>\n");
}

#[test]
fn task_lists_render() {
    assert_eq!(
        render("- [x] 完成\n- [ ] 未完成\n"),
        "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n完成</li>\n\
         <li><input disabled=\"\" type=\"checkbox\"/>\n未完成</li>\n</ul>\n"
    );
}

#[test]
fn raw_html_is_kept() {
    assert_eq!(
        render("<div class=\"note\">提示</div>\n"),
        "<div class=\"note\">提示</div>\n"
    );
}

#[test]
fn more_marker_summary_is_listed_but_the_rest_is_not() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/news/a.md",
            &page(
                "title = \"a\"",
                "摘要在这里。\n\n<!-- more -->\n\n后面的正文。\n",
            ),
        );
    site.build(&[]).assert_ok();
    let list = site.read("public/news/index.html");
    let card = between(&list, "<article class=\"card\">", "</article>");
    assert!(
        card.contains("<div class=\"summary\"><p>摘要在这里。</p></div>"),
        "{card}"
    );
    assert!(!list.contains("后面的正文"), "{list}");
    // The page itself has both parts.
    let full = site.read("public/news/a/index.html");
    assert!(full.contains("<p>摘要在这里。</p>"), "{full}");
    assert!(full.contains("<p>后面的正文。</p>"), "{full}");
}

#[test]
fn page_without_more_marker_gets_an_automatic_summary_on_the_list() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/news/a.md",
            &page("title = \"a\"", "全文。\n\n## 小标题\n\n后文。\n"),
        );
    site.build(&[]).assert_ok();
    let list = site.read("public/news/index.html");
    let card = between(&list, "<article class=\"card\">", "</article>");
    assert!(card.contains("<a href=\"/news/a/\">a</a>"), "{card}");
    assert!(card.contains("<p>全文。</p>"), "{card}");
    assert!(
        !card.contains("小标题"),
        "headings are left out of summaries: {card}"
    );
}

#[test]
fn internal_link_resolves_to_the_page_url_with_its_anchor() {
    let site = Site::new()
        .file("templates/page.html", CONTENT_ONLY)
        .file(
            "content/news/a.md",
            &page("title = \"a\"", "见[入会](@/about/join.md#benefits)。\n"),
        )
        .file(
            "content/about/join.md",
            &page(
                "title = \"入会\"\nslug = \"ru-hui\"",
                "## 会员权益 {#benefits}\n",
            ),
        );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/news/a/index.html"),
        "<p>见<a href=\"/about/ru-hui/#benefits\">入会</a>。</p>\n"
    );
}

#[test]
fn internal_link_to_a_section_and_to_a_generated_heading_id() {
    let site = Site::new()
        .file("templates/page.html", CONTENT_ONLY)
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/a.md",
            &page(
                "title = \"a\"",
                "[新闻](@/news/_index.md) [时间](@/b.md#活动时间)\n",
            ),
        )
        .file("content/b.md", &page("title = \"b\"", "## 活动时间\n"));
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        // The id is written as it is; the link is percent-encoded, which browsers decode.
        "<p><a href=\"/news/\">新闻</a> <a href=\"/b/#%E6%B4%BB%E5%8A%A8%E6%97%B6%E9%97%B4\">时间</a></p>\n"
    );
}

#[test]
fn link_to_a_missing_page_is_an_error_at_the_links_own_line() {
    // Front matter takes lines 1-4; the link is on line 7 of the file, column 14.
    let site = Site::new()
        .file(
            "content/news/a.md",
            "+++\ntitle = \"a\"\ndate = 2018-01-01\n+++\n第一行\n\n这里有**加粗，**文字 [坏链](@/news/nope.md)。\n",
        )
        .file("content/news/b.md", &page("title = \"b\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/news/a.md:7:14: the link @/news/nope.md points to a page that does not exist"]
    );
    assert!(!site.exists("public"));
}

#[test]
fn link_to_a_missing_anchor_is_an_error() {
    let site = Site::new()
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\n+++\n\n见 [标题](@/b.md#nope)\n",
        )
        .file(
            "content/b.md",
            &page("title = \"b\"", "## 标题\n\n## Sign up {#join}\n"),
        );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/a.md:5:3: the link @/b.md#nope points to a heading that content/b.md does not have"
        ]
    );
    assert!(
        run.has_stderr_line("  help: its headings are: #标题, #join"),
        "{run}"
    );
}

#[test]
fn link_to_a_draft_is_an_error_that_says_so() {
    let site = Site::new()
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\n+++\n[草稿](@/draft.md)\n",
        )
        .file("content/draft.md", &page("title = \"d\"\ndraft = true", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/a.md:4:1: the link @/draft.md points to a page that is not published: it is a draft"
        ]
    );
    // With --drafts the page exists and the link resolves.
    site.build(&["--drafts"]).assert_ok();
}

#[test]
fn every_broken_link_of_a_site_is_reported() {
    let site = Site::new()
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\n+++\n[x](@/x.md)\n[y](@/y.md)\n",
        )
        .file("content/b.md", "+++\ntitle = \"b\"\n+++\n\n\n[z](@/z.md)\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/a.md:4:1: the link @/x.md points to a page that does not exist",
            "content/a.md:5:1: the link @/y.md points to a page that does not exist",
            "content/b.md:6:1: the link @/z.md points to a page that does not exist",
        ]
    );
    assert!(run.has_stderr_line("3 errors, 0 warnings"), "{run}");
}

#[test]
fn percent_encoded_anchor_of_a_chinese_heading_is_accepted() {
    let site = Site::new()
        .file("templates/page.html", CONTENT_ONLY)
        .file(
            "content/a.md",
            &page("title = \"a\"", "[x](@/b.md#%E6%B4%BB%E5%8A%A8)\n"),
        )
        .file("content/b.md", &page("title = \"b\"", "## 活动\n"));
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(
        site.read("public/a/index.html"),
        "<p><a href=\"/b/#%E6%B4%BB%E5%8A%A8\">x</a></p>\n"
    );
}
