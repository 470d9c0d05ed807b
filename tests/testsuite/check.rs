//! `kepu check`: problems of the finished site, reported without writing anything.

use crate::support::Site;

fn page(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n{body}")
}

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    let site = Site::new().file(
        "content/a.md",
        &page("title = \"a\"\ndescription = \"d\"", "正文。\n"),
    );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_ok();
    assert!(run.stdout.contains("0 errors, 0 warnings"), "{run}");
    assert!(!site.exists("public"));
}

#[test]
fn broken_links_and_anchors_are_errors_at_their_lines() {
    let site = Site::new()
        .file(
            "content/a.md",
            &page("title = \"a\"\ndescription = \"d\"", "## 活动\n"),
        )
        .file(
            "content/b.md",
            &page(
                "title = \"b\"\ndescription = \"d\"",
                "\n[无](/nowhere/) 和 [锚](/a/#nothing) 和 [好](/a/#活动)\n",
            ),
        );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/b.md:6:5: the link /nowhere/ leads to a page or file that does not exist",
            "content/b.md:6:22: the link /a/#nothing points to #nothing, which that page does not have",
        ]
    );
}

#[test]
fn missing_co_located_image_and_missing_alt_text() {
    let site = Site::new().file(
        "content/a.md",
        &page("title = \"a\"\ndescription = \"d\"", "![](photo.jpg)\n"),
    );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_code(1);
    assert!(
        run.has_stderr_line("content/a.md:5:5: the image photo.jpg does not exist"),
        "{run}"
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let site = Site::new()
        .file("content/s/_index.md", &page("title = \"s\"", ""))
        .file("content/s/a.md", &page("title = \"同名\"", ""))
        .file(
            "content/s/b.md",
            &page("title = \"同名\"\ndescription = \"d\"", ""),
        )
        .file(
            "content/s/c.md",
            &page(
                "title = \"将来\"\ndescription = \"d\"\ndate = 2019-01-01",
                "",
            ),
        );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_ok();
    assert!(
        run.has_stderr_line("content/s/a.md:1:1: warning: this page has no description"),
        "{run}"
    );
    assert!(
        run.has_stderr_line(
            "content/s/b.md:1:1: warning: content/s/a.md has the same title, \"同名\""
        ),
        "{run}"
    );
    assert!(
        run.has_stderr_line("content/s/c.md:1:1: warning: this page is dated in the future and will not appear until 2019-01-01"),
        "{run}"
    );
    site.kepu(&["check", "--strict", "--now", crate::support::NOW])
        .assert_code(1);
}

#[test]
fn content_errors_are_reported_like_build() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\nweight = \"x\"\n+++\n");
    let run = site.kepu(&["check"]);
    run.assert_code(1);
    assert!(run.errors()[0].starts_with("content/a.md:3:10: "), "{run}");
}
