//! Editors can trust the build: what `check` calls an error stops `build` too, every
//! problem comes in one run, at the line and column the editor wrote, in the editor's
//! own words (names decoded, Chinese for Chinese sites).

use crate::support::{NOW, Run, Site, page};

/// `build` and `check` of the same site: both must fail alike.
fn build_and_check(site: &Site) -> (Run, Run) {
    let build = site.build(&[]);
    let check = site.kepu(&["check", "--now", NOW]);
    (build, check)
}

/// Asserts that `build` and `check` both exit 1 with exactly `expected` as their
/// diagnostics, and that `build` wrote nothing.
#[track_caller]
fn both_fail_with(site: &Site, expected: &[&str]) {
    let (build, check) = build_and_check(site);
    build.assert_code(1);
    check.assert_code(1);
    // `check` adds warnings of its own (a missing description…); the errors are the same.
    let errors = |run: &Run| -> Vec<String> {
        run.errors()
            .into_iter()
            .filter(|l| !l.contains(": warning: "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(errors(&build), expected, "{build}");
    assert_eq!(errors(&check), expected, "{check}");
    assert!(!site.exists("public"), "build wrote public/:\n{build}");
}

fn events_section(site: Site) -> Site {
    site.file(
        "content/events/_index.md",
        &page("title = \"活动\"\nkind = \"event\"", ""),
    )
}

#[test]
fn a_plain_link_to_a_missing_page_fails_build_like_check() {
    let site = Site::new().file(
        "content/a.md",
        &page("title = \"a\"", "见[往届活动](/events/2018-kepuri/)。\n"),
    );
    both_fail_with(
        &site,
        &[
            "content/a.md:4:9: the link /events/2018-kepuri/ leads to a page or file that does not exist",
        ],
    );
}

#[test]
fn a_missing_co_located_file_fails_build_like_check() {
    let site = Site::new().file(
        "content/news/x/index.md",
        &page("title = \"x\"", "下载[报名表](baomingbiao.docx)。\n"),
    );
    both_fail_with(
        &site,
        &[
            "content/news/x/index.md:4:9: the link baomingbiao.docx leads to a page or file that does not exist",
        ],
    );
}

#[test]
fn a_missing_image_with_a_chinese_name_is_named_as_written() {
    let site = Site::new().file(
        "content/news/x/index.md",
        &page(
            "title = \"x\"",
            "第一段。\n\n![现场照片](<活动 照片 1.jpg>)\n",
        ),
    );
    both_fail_with(
        &site,
        &["content/news/x/index.md:6:10: the image 活动 照片 1.jpg does not exist"],
    );
}

#[test]
fn an_image_in_angle_brackets_with_spaces_is_published() {
    let site = Site::new()
        .file(
            "content/news/x/index.md",
            &page("title = \"x\"", "![现场照片](<活动 照片 1.svg>)\n"),
        )
        .file(
            "content/news/x/活动 照片 1.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    site.build(&[]).assert_ok();
    let html = site.read("public/news/x/index.html");
    assert!(
        html.contains("src=\"%E6%B4%BB%E5%8A%A8%20%E7%85%A7%E7%89%87%201.svg\""),
        "{html}"
    );
    assert!(site.exists("public/news/x/活动 照片 1.svg"));
}

#[test]
fn a_link_with_spaces_outside_angle_brackets_is_an_error_with_the_fix() {
    let site = Site::new()
        .file(
            "content/news/x/index.md",
            &page(
                "title = \"x\"",
                "![现场照片](活动 照片 1.svg)\n\n`[代码](a b)`\n",
            ),
        )
        .file(
            "content/news/x/活动 照片 1.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    both_fail_with(
        &site,
        &[
            "content/news/x/index.md:4:9: the address 活动 照片 1.svg has spaces, so Markdown shows the link as plain text",
        ],
    );
    let run = site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "zh")]);
    assert!(
        run.has_stderr_line(
            "  提示：请把地址放在尖括号里：(<活动 照片 1.svg>)，或者给文件改一个不带空格的名字"
        ),
        "{run}"
    );
}

#[test]
fn a_registration_link_on_the_sites_own_domain_is_reported_at_its_field() {
    let site = events_section(Site::new()).file(
        "content/events/x.md",
        &page(
            "title = \"讲座\"\n\n[event]\nstart = 2018-09-15T09:00:00\nregistration = \"https://example.org/baoming/\"",
            "正文。\n",
        ),
    );
    both_fail_with(
        &site,
        &[
            "content/events/x.md:6:17: `registration`: the link https://example.org/baoming/ leads to a page or file that does not exist",
        ],
    );
}

#[test]
fn a_broken_link_held_in_an_inline_table_of_extra_is_reported_at_its_field() {
    let site = Site::new()
        .file(
            "templates/poster.html",
            "<a href=\"{{ page.extra.files.poster }}\">海报</a>",
        )
        .file(
            "content/a.md",
            &page(
                "title = \"a\"\ntemplate = \"poster.html\"\n# files = { poster = \"/old.pdf\" }\n\
                 [extra]\nfiles = { poster = \"/files/poster.pdf\" }",
                "正文。\n",
            ),
        );
    both_fail_with(
        &site,
        &[
            "content/a.md:6:21: `poster`: the link /files/poster.pdf leads to a page or file that does not exist",
        ],
    );
}

#[test]
fn warnings_never_fail_build() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", "![](/a.svg)\n"))
        .file(
            "static/a.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    let run = site.build(&[]);
    run.assert_ok();
}

#[test]
fn a_front_matter_error_does_not_hide_the_bodys_links() {
    let site = Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/a.md",
            &page(
                "title = \"a\"\nweight = \"3\"",
                "见[无](/nowhere/)和[也无](@/missing.md)。\n",
            ),
        );
    both_fail_with(
        &site,
        &[
            "content/a.md:3:10: `weight` should be a whole number, but it is the text \"3\"",
            "content/a.md:5:6: the link /nowhere/ leads to a page or file that does not exist",
            "content/a.md:5:17: the link @/missing.md points to a page that does not exist",
        ],
    );
}

#[test]
fn an_at_link_error_does_not_hide_plain_link_errors() {
    let site = Site::new().file(
        "content/a.md",
        &page(
            "title = \"a\"",
            "见[无](@/missing.md)和[也无](/nowhere/)。\n",
        ),
    );
    both_fail_with(
        &site,
        &[
            "content/a.md:4:2: the link @/missing.md points to a page that does not exist",
            "content/a.md:4:25: the link /nowhere/ leads to a page or file that does not exist",
        ],
    );
}

#[test]
fn root_relative_links_work_under_a_sub_path() {
    let site = Site::bare()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://user.github.io/assoc\"\n",
        )
        .file(
            "content/_index.md",
            &page("title = \"首页\"", "[关于](/about/) [图](/logo.svg)\n"),
        )
        .file(
            "content/about.md",
            &page(
                "title = \"关于\"",
                "[首页](/) [已有前缀](/assoc/about/#x)\n\n## x {#x}\n",
            ),
        )
        .file(
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    site.build(&[]).assert_ok();
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/assoc/about/\""), "{home}");
    let about = site.read("public/about/index.html");
    assert!(about.contains("href=\"/assoc/\""), "{about}");
    assert!(about.contains("href=\"/assoc/about/#x\""), "{about}");
    crawl(&site, "/assoc");
}

/// Follows every root-relative `href` and `src` of every page in public/, as a
/// browser on the sub-path host would, and asserts each names a file of the output.
#[track_caller]
fn crawl(site: &Site, prefix: &str) {
    let root = site.root().join("public");
    let mut checked = 0;
    for file in crate::support::files_under(&root) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(root.join(&file)).unwrap();
        for attr in [" href=\"", " src=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap()];
                let url = url.split(['#', '?']).next().unwrap();
                if !url.starts_with('/') || url.starts_with("//") {
                    continue;
                }
                let rest = url
                    .strip_prefix(prefix)
                    .unwrap_or_else(|| panic!("{file}: {url} leaves {prefix}/"));
                let path = root.join(rest.trim_start_matches('/'));
                let path = if rest.ends_with('/') || rest.is_empty() {
                    path.join("index.html")
                } else {
                    path
                };
                assert!(path.exists(), "{file}: {url} leads nowhere");
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} links were followed");
}

#[test]
fn the_twelve_mistakes_of_six_files_come_in_one_run() {
    let site = events_section(Site::new())
        .file("content/_index.md", &page("title = \"首页\"", "## 欢迎\n"))
        .file(
            "content/news/a.md",
            &page("title = “科普讲座”", "见[往届](/events/2018-kepuri/)。\n"),
        )
        .file(
            "content/news/b/index.md",
            &page("title = \"b\"", "下载[报名表](baomingbiao.docx)。\n\n![照片](<现场 照片.jpg>)\n"),
        )
        .file(
            "content/events/c.md",
            &page(
                "title = \"c\"\n\n[event]\nstart = 2026/12/20\nregistration = \"https://example.org/baoming/\"",
                "见[锚](/#nothing)。\n",
            ),
        )
        .file(
            "content/events/d.md",
            &page(
                "title = \"d\"\n\n[event]\nstart = 2018-09-15T09:00:00\nregistration = \"https://example.org/baoming/\"",
                "![海报](海报 1.jpg)\n",
            ),
        )
        .file(
            "content/about.md",
            &page("title = \"关于\"\nweight = 1", "[无](@/nowhere.md)\n\n[首页锚](/#欢迎) [坏锚](/#再见)\n\n![图](/images/none.png)\n"),
        )
        .file("content/e.md", "+++\ntitle = \"e\"\n\n本页正文。\n");
    let expected = [
        "content/about.md:5:1: the link @/nowhere.md points to a page that does not exist",
        "content/about.md:7:18: the link /#再见 points to #再见, which that page does not have",
        "content/about.md:9:6: the image /images/none.png does not exist",
        "content/e.md:4:1: the front matter from line 1 is never closed before this line",
        "content/events/c.md:5:9: `start`: 2026/12/20 is not a date as TOML writes it",
        "content/events/c.md:8:6: the link /#nothing points to #nothing, which that page does not have",
        "content/events/d.md:6:17: `registration`: the link https://example.org/baoming/ leads to a page or file that does not exist",
        "content/events/d.md:8:7: the address 海报 1.jpg has spaces, so Markdown shows the link as plain text",
        "content/news/a.md:2:9: the text is in Chinese quotes “…”; TOML needs English quotes \"…\"",
        "content/news/a.md:4:7: the link /events/2018-kepuri/ leads to a page or file that does not exist",
        "content/news/b/index.md:4:9: the link baomingbiao.docx leads to a page or file that does not exist",
        "content/news/b/index.md:6:8: the image 现场 照片.jpg does not exist",
    ];
    both_fail_with(&site, &expected);
}

/// The two lines a Chinese site shows for a content file with one mistake.
#[track_caller]
fn chinese_error(front_matter: &str, expected: [&str; 2]) {
    let site = Site::new().file("content/a.md", &page(front_matter, "正文。\n"));
    let run = site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "")]);
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        expected,
        "{run}"
    );
}

#[test]
fn chinese_quotes() {
    chinese_error(
        "title = “科普讲座”",
        [
            "content/a.md:2:9: 文字用了中文引号 “…”；TOML 要用英文引号 \"…\"",
            "  提示：请把输入法切换到英文标点，写成：title = \"科普讲座\"",
        ],
    );
}

#[test]
fn chinese_single_quotes() {
    chinese_error(
        "title = ‘科普讲座’",
        [
            "content/a.md:2:9: 文字用了中文引号 “…”；TOML 要用英文引号 \"…\"",
            "  提示：请把输入法切换到英文标点，写成：title = '科普讲座'",
        ],
    );
}

#[test]
fn chinese_colon() {
    chinese_error(
        "title：\"科普讲座\"",
        [
            "content/a.md:2:6: ： 是中文标点；这里 TOML 要用英文的 =",
            "  提示：请把输入法切换到英文标点，写成：title=\"科普讲座\"",
        ],
    );
}

#[test]
fn chinese_comma() {
    chinese_error(
        "title = \"a\"\ntags = [\"科普\"，\"志愿者\"]",
        [
            "content/a.md:3:13: ， 是中文标点；这里 TOML 要用英文的 ,",
            "  提示：请把输入法切换到英文标点，写成：tags = [\"科普\",\"志愿者\"]",
        ],
    );
}

#[test]
fn chinese_equals() {
    chinese_error(
        "title ＝ \"a\"",
        [
            "content/a.md:2:7: ＝ 是中文标点；这里 TOML 要用英文的 =",
            "  提示：请把输入法切换到英文标点，写成：title = \"a\"",
        ],
    );
}

#[test]
fn full_width_space() {
    chinese_error(
        "title　= \"a\"",
        [
            "content/a.md:2:6: 这里有一个全角空格；TOML 只认普通的半角空格",
            "  提示：请把输入法切换到英文标点，写成：title = \"a\"",
        ],
    );
}

#[test]
fn tab_inside_a_date() {
    chinese_error(
        "title = \"a\"\ndate = 2018-09-15\t09:00:00",
        [
            "content/a.md:3:18: 这里有一个制表符（Tab），TOML 在这里不允许",
            "  提示：请把制表符换成空格：date = 2018-09-15 09:00:00",
        ],
    );
}

#[test]
fn date_with_slashes() {
    chinese_error(
        "title = \"a\"\ndate = 2026/12/20",
        [
            "content/a.md:3:8: `date`：2026/12/20 不是 TOML 的日期写法",
            "  提示：请写成 date = 2026-12-20",
        ],
    );
}

#[test]
fn date_with_dots() {
    chinese_error(
        "title = \"a\"\ndate = 2026.12.2",
        [
            "content/a.md:3:8: `date`：2026.12.2 不是 TOML 的日期写法",
            "  提示：请写成 date = 2026-12-02",
        ],
    );
}

#[test]
fn date_in_chinese() {
    chinese_error(
        "title = \"a\"\ndate = 2026年12月20日",
        [
            "content/a.md:3:8: `date`：2026年12月20日 不是 TOML 的日期写法",
            "  提示：请写成 date = 2026-12-20",
        ],
    );
}

#[test]
fn hour_without_a_leading_zero() {
    chinese_error(
        "title = \"a\"\ndate = 2026-12-20T9:30",
        [
            "content/a.md:3:8: `date`：2026-12-20T9:30 里的小时要写成两位数",
            "  提示：请写成 date = 2026-12-20T09:30:00",
        ],
    );
}

#[test]
fn a_day_that_does_not_exist() {
    chinese_error(
        "title = \"a\"\ndate = 2026-02-30",
        [
            "content/a.md:3:8: `date` 不是真实存在的日期或时间：日必须在 01 到 28 之间",
            "  提示：日期请写成 YYYY-MM-DD（2018-09-15），时间写成 HH:MM:SS（2018-09-15T09:00:00）",
        ],
    );
}

#[test]
fn text_without_quotes() {
    chinese_error(
        "title = 科普讲座",
        [
            "content/a.md:2:9: 文字要放在英文双引号里",
            "  提示：请把文字放在英文双引号里，例如 `title = \"全国科普日\"`",
        ],
    );
}

#[test]
fn missing_closing_fence() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\n\n## 活动介绍\n正文\n");
    let run = site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "")]);
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "content/a.md:4:1: 从第 1 行开始的前置信息在这一行之前没有结束",
            "  提示：请在这一行上面加一行，只写 +++",
        ],
        "{run}"
    );
}

#[test]
fn usage_errors_and_help_are_chinese_for_a_chinese_site() {
    let site = Site::new();
    let run = site.kepu_with_env(&["new", "events", "讲座"], &[("KEPU_LANG", "")]);
    run.assert_code(2);
    assert!(run.stderr.starts_with("错误：<KIND> 不能是 'events'\n  可以写：news、event、training、resource、page、venue、organizer\n  提示：你是不是想写 'event'？\n"), "{run}");
    let help = site.kepu_with_env(&["build", "--help"], &[("KEPU_LANG", "")]);
    help.assert_ok();
    assert!(
        help.stdout
            .contains("生成网站，写到输出文件夹（默认是 public/）。"),
        "{help}"
    );
    assert!(help.stdout.contains("用法：kepu build [OPTIONS]"), "{help}");
    assert!(help.stdout.contains("选项"), "{help}");
    let english = site.kepu_with_env(&["new", "events", "讲座"], &[("KEPU_LANG", "en")]);
    assert!(
        english.stderr.starts_with("error: invalid value 'events'"),
        "{english}"
    );
}

#[test]
fn a_missing_cover_is_an_error_at_its_line() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/news/y/index.md",
            &page("title = \"y\"\ncover = \"海报 1.jpg\"", "正文。\n"),
        );
    both_fail_with(
        &site,
        &["content/news/y/index.md:3:10: `cover`: the image 海报 1.jpg does not exist"],
    );
    let run = site.kepu_with_env(&["check", "--now", NOW], &[("KEPU_LANG", "zh")]);
    assert!(
        run.has_stderr_line("content/news/y/index.md:3:10: `cover`：图片 海报 1.jpg 不存在"),
        "{run}"
    );
}

#[test]
fn a_missing_cover_after_a_comment_and_a_bracketed_line_is_found_at_its_line() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/news/y/index.md",
            &page(
                "title = \"y\"\ndescription = \"\"\"\n[报名表](/files/a.docx) 见附件。\n\"\"\"\n\
                 # 封面换成新海报\ncover = \"海报 1.jpg\"",
                "正文。\n",
            ),
        );
    both_fail_with(
        &site,
        &["content/news/y/index.md:7:10: `cover`: the image 海报 1.jpg does not exist"],
    );
}

#[test]
fn a_cover_with_spaces_and_chinese_gets_valid_urls_and_copies() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file(
            "content/news/x/index.md",
            &page("title = \"x\"\ncover = \"活动 照片 1.png\"", "正文。\n"),
        )
        .bytes(
            "content/news/x/活动 照片 1.png",
            &crate::live::png(1200, 600),
        );
    site.build(&[]).assert_ok();
    let page = site.read("public/news/x/index.html");
    assert!(
        page.contains(
            "<meta property=\"og:image\" content=\"https://example.org/news/x/活动%20照片%201.960w.png\">"
        ),
        "{page}"
    );
    let list = site.read("public/news/index.html");
    assert!(
        list.contains("src=\"/news/x/活动%20照片%201.png\""),
        "{list}"
    );
    assert!(
        list.contains("srcset=\"/news/x/活动%20照片%201.480w.png 480w, /news/x/活动%20照片%201.960w.png 960w, /news/x/活动%20照片%201.png 1200w\""),
        "{list}"
    );
    assert!(!list.contains("活动 照片") && !page.contains("活动 照片"));
    assert!(site.exists("public/news/x/活动 照片 1.480w.png"));
    assert!(site.exists("public/news/x/活动 照片 1.960w.png"));
}

#[test]
fn check_shows_its_warnings_with_the_errors() {
    let site = Site::new()
        .file(
            "content/a.md",
            &page("title = \"a\"", "见[无](/nowhere/)。\n"),
        )
        .file(
            "content/b.md",
            &page("title = \"b\"\ndescription = \"b\"", "![](/b.svg)\n"),
        )
        .file(
            "static/b.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    let run = site.kepu(&["check", "--now", NOW]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/a.md:1:1: warning: this page has no description",
            "content/a.md:4:6: the link /nowhere/ leads to a page or file that does not exist",
            "content/b.md:5:3: warning: the image /b.svg has no alt text",
        ],
        "{run}"
    );
    // A content error (the TOML) too: the warnings of the other files still come.
    site.write("content/c.md", b"+++\ntitle = \"c\nweight = 1\n+++\n");
    let run = site.kepu(&["check", "--now", NOW]);
    run.assert_code(1);
    assert!(
        run.has_stderr_line("content/b.md:5:3: warning: the image /b.svg has no alt text"),
        "{run}"
    );
}

#[test]
fn build_shows_its_warnings_with_the_errors() {
    let site = Site::new()
        .file(
            "content/a.md",
            &page("title = \"a\"", "见[无](/nowhere/)。\n"),
        )
        .file(
            "content/b.md",
            &page(
                "title = \"b\"\n[event]\nstart = 2018-09-15T09:00:00",
                "正文\n",
            ),
        );
    let warning = "content/b.md:1:1: warning: this page has an [event] table, but its section holds page pages, so it is not in the calendar";
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.has_stderr_line(warning), "{run}");
    assert!(
        run.has_stderr_line(
            "content/a.md:4:6: the link /nowhere/ leads to a page or file that does not exist"
        ),
        "{run}"
    );
    site.write("content/c.md", b"+++\ntitle = \"c\nweight = 1\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.has_stderr_line(warning), "{run}");
}

#[test]
fn a_refused_build_leaves_the_image_cache_alone() {
    let site = Site::new()
        .file(
            "content/news/x/index.md",
            &page("title = \"x\"", "![照片](photo.png)\n"),
        )
        .bytes("content/news/x/photo.png", &crate::live::png(1000, 500));
    // A content error before any image was processed: nothing is made.
    site.write("content/bad.md", b"+++\ntitle = \"bad\n+++\n");
    site.build(&[]).assert_code(1);
    assert!(
        !site.exists(".kepu-cache/images"),
        "a refused build filled the cache"
    );
    std::fs::remove_file(site.root().join("content/bad.md")).unwrap();
    site.build(&[]).assert_ok();
    // The photo's entry, and the theme's images'.
    let entries = site.files(".kepu-cache/images");
    assert!(entries.len() >= 2, "{entries:?}");
    // A refused build in which the photo's page cannot be read keeps the entry: the
    // build after the fix takes the copies from the cache.
    let good = site.read("content/news/x/index.md");
    site.write(
        "content/news/x/index.md",
        b"+++\ntitle = \"x\n+++\n![](photo.png)\n",
    );
    site.build(&[]).assert_code(1);
    assert_eq!(site.files(".kepu-cache/images"), entries);
    site.write("content/news/x/index.md", good.as_bytes());
    let run = site.build(&["--timings"]);
    run.assert_ok();
    assert!(
        run.has_stderr_line(&format!(
            "  images: 0 made, {} from the cache",
            entries.len()
        )),
        "{run}"
    );
    assert_eq!(site.files(".kepu-cache/images"), entries);
}
