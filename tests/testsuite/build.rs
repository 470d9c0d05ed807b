//! What gets built, and at which address: slugs from file names (date prefix, pinyin),
//! slugs from front matter, and scheduled publishing judged against the build time.

use crate::support::{Site, page};

/// The `<time>` element the default theme writes for a page dated 2018-01-05.
const JAN_5_TIME: &str = "<time datetime=\"2018-01-05T00:00:00+08:00\">2018年1月5日 星期五</time>";

#[test]
fn date_prefix_is_dropped_and_chinese_becomes_pinyin() {
    let site = Site::new().file(
        "content/news/2018-01-05-会员会籍整理.md",
        &page("title = \"会员会籍整理\"", "正文\n"),
    );
    site.build(&[]).assert_ok();
    let html = site.read("public/news/hui-yuan-hui-ji-zheng-li/index.html");
    assert!(html.contains(JAN_5_TIME), "{html}");
}

#[test]
fn slug_in_front_matter_overrides_the_file_name() {
    let site = Site::new().file(
        "content/news/2018-01-05-会员会籍整理.md",
        &page("title = \"会员会籍整理\"\nslug = \"x\"", ""),
    );
    site.build(&[]).assert_ok();
    assert_eq!(site.files("public/news"), ["x/index.html"]);
    // The date still comes from the file name.
    assert!(site.read("public/news/x/index.html").contains(JAN_5_TIME));
}

#[test]
fn date_in_front_matter_wins_over_the_file_name() {
    let site = Site::new().file(
        "content/news/2017-12-31-notice.md",
        &page("title = \"n\"\ndate = 2018-01-05", ""),
    );
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/news/notice/index.html")
            .contains(JAN_5_TIME)
    );
}

#[test]
fn chinese_folder_names_become_pinyin() {
    let site = Site::new().file("content/科普活动/a.md", &page("title = \"a\"", ""));
    site.build(&[]).assert_ok();
    assert!(site.exists("public/ke-pu-huo-dong/a/index.html"));
}

#[test]
fn date_prefixed_bundle_folder_gives_slug_and_date() {
    let site = Site::new()
        .file(
            "content/events/2018-01-05-科普日/index.md",
            &page("title = \"科普日\"", ""),
        )
        .file("content/events/2018-01-05-科普日/poster.jpg", "jpg");
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/events/ke-pu-ri/index.html")
            .contains(JAN_5_TIME)
    );
    assert_eq!(site.read("public/events/ke-pu-ri/poster.jpg"), "jpg");
}

#[test]
fn drafts_are_built_only_with_the_drafts_flag() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file(
            "content/draft.md",
            &page("title = \"草稿\"\ndraft = true", ""),
        );
    site.build(&[]).assert_ok();
    assert!(site.exists("public/a/index.html"));
    assert!(!site.exists("public/draft"));
    site.build(&["--drafts"]).assert_ok();
    assert!(
        site.read("public/draft/index.html")
            .contains("<h1>草稿</h1>")
    );
}

#[test]
fn publish_date_in_the_future_is_not_built() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file(
            "content/later.md",
            &page("title = \"l\"\npublish_date = 2018-06-02", ""),
        )
        .file(
            "content/past.md",
            &page("title = \"p\"\npublish_date = 2018-05-31", ""),
        );
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/later"));
    assert!(site.exists("public/past/index.html"));
}

#[test]
fn expiry_date_in_the_past_is_not_built() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file(
            "content/expired.md",
            &page("title = \"e\"\nexpiry_date = 2018-05-01", ""),
        )
        .file(
            "content/current.md",
            &page("title = \"c\"\nexpiry_date = 2018-07-01", ""),
        );
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/expired"));
    assert!(site.exists("public/current/index.html"));
}

#[test]
fn page_dated_after_now_is_not_built() {
    // --now is 2018-06-01T00:00:00+08:00; local dates are read in Asia/Shanghai.
    let site = Site::new()
        .file(
            "content/future.md",
            &page("title = \"f\"\ndate = 2018-06-01T00:00:01", ""),
        )
        .file(
            "content/at-now.md",
            &page("title = \"n\"\ndate = 2018-06-01T00:00:00", ""),
        )
        .file(
            "content/utc.md",
            &page("title = \"u\"\ndate = 2018-05-31T16:30:00Z", ""),
        );
    site.build(&[]).assert_ok();
    assert!(!site.exists("public/future"));
    assert!(!site.exists("public/utc"));
    assert!(site.exists("public/at-now/index.html"));
}

#[test]
fn future_dated_page_is_built_with_drafts_flag() {
    let site = Site::new().file(
        "content/future.md",
        &page("title = \"f\"\ndate = 2019-01-01", ""),
    );
    site.build(&["--drafts"]).assert_ok();
    assert!(site.exists("public/future/index.html"));
}

#[test]
fn source_date_epoch_is_the_build_time_without_now() {
    // 1527782400 is 2018-06-01T00:00:00+08:00.
    let site = Site::new()
        .file(
            "content/old.md",
            &page("title = \"o\"\ndate = 2018-05-01", ""),
        )
        .file(
            "content/new.md",
            &page("title = \"n\"\ndate = 2018-07-01", ""),
        );
    site.kepu_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "1527782400")])
        .assert_ok();
    assert!(site.exists("public/old/index.html"));
    assert!(!site.exists("public/new"));
    assert!(
        site.read("public/index.html")
            .contains("<p>© 2018 测试站</p>")
    );
}

#[test]
fn now_flag_wins_over_source_date_epoch() {
    let site = Site::new().file(
        "content/new.md",
        &page("title = \"n\"\ndate = 2018-07-01", ""),
    );
    site.kepu_with_env(
        &["build", "--now", "2019-01-01"],
        &[("SOURCE_DATE_EPOCH", "1527782400")],
    )
    .assert_ok();
    assert!(site.exists("public/new/index.html"));
    assert!(
        site.read("public/index.html")
            .contains("<p>© 2019 测试站</p>")
    );
}

#[test]
fn translation_file_is_built_under_its_language() {
    let site = Site::new()
        .file(
            "site.toml",
            &format!(
                "{}[languages.en]\ntitle = \"Test\"\n",
                crate::support::SITE_TOML
            ),
        )
        .file("content/about/join.md", &page("title = \"加入\"", ""))
        .file("content/about/join.en.md", &page("title = \"Join\"", ""));
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/about/join/index.html")
            .contains("<html lang=\"zh-CN\">")
    );
    let en = site.read("public/en/about/join/index.html");
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    assert!(en.contains("<h1>Join</h1>"), "{en}");
}

#[test]
fn version_names_the_release_and_the_commit() {
    let run = crate::support::run_in(std::path::Path::new("."), &["--version"], &[]);
    run.assert_ok();
    let expected = format!("kepu {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(run.stdout.starts_with(&expected), "{run}");
    let commit = crate::support::between(&run.stdout, "(commit ", ")");
    assert!(
        commit == "unknown" || commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
        "{commit}"
    );
}
