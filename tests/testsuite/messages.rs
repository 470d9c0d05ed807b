//! Messages in the editors' language: Chinese when the site is Chinese or
//! `KEPU_LANG=zh`, English otherwise; the same locations, and the same codes
//! (`KEPU_CODES=1`), in both.
//!
//! Every other test runs with `KEPU_LANG=en`. `KEPU_LANG=""` here means "not set":
//! the site's `language` decides.

use crate::support::{NOW, Run, Site, page};

/// A run in the site's own language (the fixture sites are zh-CN).
fn build_as_site(site: &Site) -> Run {
    site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "")])
}

/// The `path:line:col` of every diagnostic line.
fn locations(run: &Run) -> Vec<String> {
    run.errors()
        .iter()
        .map(|l| l.splitn(4, ':').take(3).collect::<Vec<_>>().join(":"))
        .collect()
}

#[test]
fn toml_error_is_in_chinese_at_the_files_own_line() {
    let site = Site::new().file(
        "content/news/x.md",
        "+++\ntitle = \"a\"\ndate = 2018-01-01\nweight = oops\n+++\n",
    );
    let run = build_as_site(&site);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("content/news/x.md:4:10: 文字要放在英文双引号里\n"),
        "{run}"
    );
    assert!(run.has_stderr_line("1 个错误，0 个警告"), "{run}");
    assert!(
        run.has_stderr_line("没有写入任何文件：./public 保持不变。"),
        "{run}"
    );
}

#[test]
fn unknown_field_suggests_the_right_one_in_chinese() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"\ndraftt = true", ""));
    let run = build_as_site(&site);
    run.assert_code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "content/a.md:3:1: 未知字段 `draftt`", "{run}");
    // The list of fields grows with kepu: only its start and end are asserted.
    assert!(
        lines[1].starts_with("  提示：你是不是想写 `draft`？这里可以写的字段有：title, "),
        "{run}"
    );
    assert!(lines[1].ends_with("。"), "{run}");
}

#[test]
fn wrong_type_names_the_field_and_the_types_in_chinese() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\nweight = \"3\"\n+++\n");
    let run = build_as_site(&site);
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "content/a.md:3:10: `weight` 应该是整数，但现在是文字 \"3\"",
            "  提示：请直接写数字，不要加引号，例如 `weight = 3`",
        ]
    );
}

#[test]
fn broken_link_is_reported_at_the_same_place_in_both_languages() {
    let site = Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "content/a.md",
            &page(
                "title = \"a\"",
                "第一段。\n\n见[活动](@/events/missing.md)。\n",
            ),
        );
    let zh = build_as_site(&site);
    zh.assert_code(1);
    assert!(
        zh.has_stderr_line("content/a.md:6:2: 链接 @/events/missing.md 指向的页面不存在"),
        "{zh}"
    );
    assert!(
        zh.stderr.contains(
            "\n  提示：链接要写 content/ 下的文件，例如 @/news/2018-01-05-member-review.md\n"
        ),
        "{zh}"
    );
    let en = site.build(&[]);
    assert!(
        en.has_stderr_line(
            "content/a.md:6:2: the link @/events/missing.md points to a page that does not exist"
        ),
        "{en}"
    );
}

#[test]
fn several_errors_keep_their_locations_and_codes_in_both_languages() {
    let site = Site::new()
        .file("content/a.md", "")
        .file("content/b.md", "+++\ntitle = \"b\"\nweight = x\n+++\n")
        .file(
            "content/events/c/index.md",
            "+++\ntitle = \"c\"\n[event]\nstart = 2018-09-15T09:00:00\ntimezone = \"Asia/Beijing\"\n+++\n",
        );
    let en = site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_CODES", "1")]);
    let zh = site.kepu_with_env(
        &["build", "--now", NOW],
        &[("KEPU_LANG", "zh"), ("KEPU_CODES", "1")],
    );
    en.assert_code(1);
    zh.assert_code(1);
    assert_eq!(
        locations(&en),
        [
            "content/a.md:1:1",
            "content/b.md:3:10",
            "content/events/c/index.md:5:12"
        ],
        "{en}"
    );
    assert_eq!(locations(&zh), locations(&en), "{zh}");
    let codes = |run: &Run| -> Vec<String> {
        run.errors()
            .iter()
            .map(|l| l.rsplit(' ').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(codes(&en), ["[E112]", "[E130]", "[E005]"], "{en}");
    assert_eq!(codes(&zh), codes(&en), "{zh}");
    assert!(
        zh.has_stderr_line("content/events/c/index.md:5:12: 未知的时区 \"Asia/Beijing\" [E005]"),
        "{zh}"
    );
    assert!(zh.has_stderr_line("3 个错误，0 个警告"), "{zh}");
}

#[test]
fn missing_site_toml_is_english_unless_kepu_lang_says_chinese() {
    let site = Site::bare();
    let en = site.kepu_with_env(&["build"], &[("KEPU_LANG", "")]);
    en.assert_code(1);
    assert_eq!(en.errors(), ["site.toml:1:1: there is no site.toml in ."]);
    let zh = site.kepu_with_env(&["build"], &[("KEPU_LANG", "zh-CN")]);
    zh.assert_code(1);
    assert_eq!(zh.errors(), ["site.toml:1:1: . 里没有 site.toml 文件"]);
    assert!(
        zh.stderr.contains(
            "\n  提示：请在网站文件夹里运行 kepu，或者用 --root DIR 指定网站文件夹，或者用 `kepu init DIR` 新建一个网站\n"
        ),
        "{zh}"
    );
}

#[test]
fn kepu_lang_overrides_the_sites_language() {
    let english_site = Site::bare().file(
        "site.toml",
        "title = \"t\"\nbase_url = \"https://example.org\"\nlanguage = \"en\"\n",
    );
    english_site.write("content/a.md", b"");
    let own = english_site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "")]);
    assert!(
        own.has_stderr_line("content/a.md:1:1: this file is empty"),
        "{own}"
    );
    let zh = english_site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "zh")]);
    assert!(
        zh.has_stderr_line("content/a.md:1:1: 这个文件是空的"),
        "{zh}"
    );

    let chinese_site = Site::new().file("content/a.md", "");
    let en = chinese_site.kepu_with_env(&["build", "--now", NOW], &[("KEPU_LANG", "en")]);
    assert!(
        en.has_stderr_line("content/a.md:1:1: this file is empty"),
        "{en}"
    );
}

#[test]
fn check_and_build_summaries_are_in_chinese() {
    let site = Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file("content/a.md", &page("title = \"a\"", "正文。\n"));
    let check = site.kepu_with_env(&["check", "--now", NOW], &[("KEPU_LANG", "")]);
    check.assert_ok();
    assert!(
        check.has_stderr_line("content/a.md:1:1: 警告：这个页面没有简介（description）"),
        "{check}"
    );
    assert!(check.stdout.starts_with("已检查 2 个页面和 "), "{check}");
    assert!(check.stdout.ends_with("：0 个错误，1 个警告\n"), "{check}");
    let build = build_as_site(&site);
    build.assert_ok();
    assert!(
        build.stdout.starts_with("已生成 1 个页面、1 个栏目、"),
        "{build}"
    );
}

#[test]
fn new_reports_in_chinese() {
    let site = Site::new().file("content/guan-yu.md", &page("title = \"关于\"", ""));
    let run = site.kepu_with_env(&["new", "page", "关于"], &[("KEPU_LANG", "")]);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        "kepu: content/guan-yu.md 已经存在；kepu new 从不覆盖文件。请换一个标题。\n"
    );
}

#[test]
fn a_template_functions_error_is_in_chinese() {
    let site = Site::new()
        .file(
            "templates/page.html",
            "<p>{{ get_page(path=\"nope.md\") }}</p>\n",
        )
        .file("content/a.md", &page("title = \"标题\"", "正文\n"));
    let run = site.kepu_with_env(
        &["build", "--now", NOW],
        &[("KEPU_LANG", ""), ("KEPU_CODES", "1")],
    );
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "templates/page.html:1:7: 模板出错：get_page：没有页面 content/nope.md（正在生成：content/a.md） [E504]"
        ]
    );
}

#[test]
fn import_and_init_report_in_chinese() {
    let site = Site::bare().file("export.xml", "<html><body>x</body></html>\n");
    let run = site.kepu_with_env(
        &["import", "wordpress", "export.xml", "--into", "new"],
        &[("KEPU_LANG", "zh")],
    );
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "export.xml:1:1: 这不是 WordPress 导出文件：它以 <html> 开头，而不是 <rss>；请在 WordPress 里用“工具 → 导出”重新导出",
            "  提示：请使用 WordPress 在“工具 → 导出 → 所有内容”里生成的文件",
        ]
    );
    let run = site.kepu_with_env(&["init", "new"], &[("KEPU_LANG", "zh")]);
    run.assert_ok();
    assert!(run.stdout.starts_with("已创建 new/"), "{run}");
    assert!(
        run.stdout.ends_with("\n下一步：cd new && kepu build\n"),
        "{run}"
    );
}

#[test]
fn dates_and_now_are_explained_in_chinese() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"\ndate = 09:00:00", ""));
    let run = build_as_site(&site);
    run.assert_code(1);
    assert!(
        run.has_stderr_line(
            "content/a.md:3:8: `date`：只有时间不算日期：请把日子也写上，例如 2018-09-15T09:00:00"
        ),
        "{run}"
    );
    assert!(
        run.has_stderr_line(
            "  提示：请写一个真实存在的日期，例如 2018-09-15 或 2018-09-15T09:00:00"
        ),
        "{run}"
    );
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.kepu_with_env(&["build", "--now", "tomorrow"], &[("KEPU_LANG", "")]);
    run.assert_code(1);
    assert!(
        run.has_stderr_line(
            "kepu: --now：\"tomorrow\" 不是日期和时间；请写成 2018-06-01T00:00:00+08:00 或 2018-06-01 这样"
        ),
        "{run}"
    );
}

#[test]
fn a_partner_rules_reason_is_in_chinese_too() {
    let site = Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file(
            "data/calendars/p.ics",
            "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:r@p.org\nSUMMARY:讲座\nDTSTART:20181013T100000\nRRULE:FREQ=HOURLY\nEND:VEVENT\nEND:VCALENDAR\n",
        );
    let run = build_as_site(&site);
    run.assert_ok();
    assert!(
        run.has_stderr_line(
            "data/calendars/p.ics:7:1: 警告：这个合作方活动没有收入日历：它的 RRULE 无法读取：不支持 FREQ=HOURLY：活动最多每天重复一次"
        ),
        "{run}"
    );
}
