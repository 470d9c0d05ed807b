//! `kepu new`: a page of each kind where it belongs, that builds as it is.

use crate::support::Site;

fn site() -> Site {
    Site::new()
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n")
        .file(
            "content/huodong/_index.md",
            "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n",
        )
}

#[test]
fn event_goes_into_a_bundle_of_the_event_section_and_builds() {
    let site = site();
    let run = site.kepu(&["new", "event", "测试活动", "--now", "2018-06-01"]);
    run.assert_ok();
    assert_eq!(
        run.stdout.trim(),
        "content/huodong/ce-shi-huo-dong/index.md"
    );
    let text = site.read("content/huodong/ce-shi-huo-dong/index.md");
    assert!(text.starts_with("+++\ntitle = \"测试活动\"\n"), "{text}");
    assert!(text.contains("start = 2018-06-08T09:00:00\n"), "{text}");
    site.build(&[]).assert_ok();
    assert!(
        site.read("public/huodong/ce-shi-huo-dong/index.html")
            .contains("测试活动")
    );
}

#[test]
fn news_gets_a_date_prefix_and_each_kind_builds() {
    let site = site();
    for (kind, path) in [
        ("news", "content/news/2018-06-01-ke-pu-ri.md"),
        ("training", "content/trainings/ke-pu-ri.md"),
        ("resource", "content/resources/ke-pu-ri/index.md"),
        ("page", "content/ke-pu-ri.md"),
    ] {
        let run = site.kepu(&["new", kind, "科普日", "--now", "2018-06-01"]);
        run.assert_ok();
        assert_eq!(run.stdout.trim(), path, "{kind}");
    }
    site.build(&["--drafts"]).assert_ok();
}

#[test]
fn never_overwrites() {
    let site = site();
    site.kepu(&["new", "page", "关于", "--now", "2018-06-01"])
        .assert_ok();
    let before = site.read("content/guan-yu.md");
    let run = site.kepu(&["new", "page", "关于", "--now", "2018-06-01"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr.trim(),
        "kepu: content/guan-yu.md already exists; kepu new never overwrites. Choose another title."
    );
    assert_eq!(site.read("content/guan-yu.md"), before);
}

#[test]
fn section_flag_and_site_archetype() {
    let site = site().file(
        "archetypes/page.md",
        "+++\ntitle = \"{title}\"\ndescription = \"自定义\"\n+++\n",
    );
    let run = site.kepu(&[
        "new",
        "page",
        "章程",
        "--section",
        "about",
        "--now",
        "2018-06-01",
    ]);
    run.assert_ok();
    assert_eq!(
        site.read("content/about/zhang-cheng.md"),
        "+++\ntitle = \"章程\"\ndescription = \"自定义\"\n+++\n"
    );
}

#[test]
fn unknown_kind_is_a_usage_error() {
    site().kepu(&["new", "poster", "x"]).assert_code(2);
}
