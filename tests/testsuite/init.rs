//! `kepu init DIR`: a new site that builds as it is, and never a file overwritten.

use crate::support::{NOW, Site, files_under, run_in};

#[test]
fn init_creates_a_site_that_builds() {
    let site = Site::bare();
    let run = site.kepu(&["init", "new-site"]);
    run.assert_ok();
    assert_eq!(
        run.stdout.lines().next(),
        Some("created new-site/site.toml")
    );
    assert_eq!(
        run.stdout.lines().last(),
        Some("Next: cd new-site && kepu build")
    );
    let dir = site.root().join("new-site");
    assert!(files_under(&dir).contains(&"content/_index.md".to_string()));

    let build = run_in(&dir, &["build", "--now", NOW], &[]);
    build.assert_ok();
    assert_eq!(build.stderr, "");
    let index = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(index.contains("<h1>我们的协会</h1>"), "{index}");
    assert!(dir.join("public/about/index.html").is_file());
    assert!(dir.join("public/news/index.html").is_file());
}

#[test]
fn init_site_builds_with_the_clock_too() {
    let site = Site::bare();
    site.kepu(&["init", "s"]).assert_ok();
    run_in(&site.root().join("s"), &["build"], &[]).assert_ok();
}

#[test]
fn init_into_a_non_empty_folder_refuses_and_writes_nothing() {
    let site = Site::bare().file("old/keep.txt", "keep");
    let run = site.kepu(&["init", "old"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        "old is not empty; kepu init never overwrites files. Choose a new folder name.\n"
    );
    assert_eq!(run.stdout, "");
    assert_eq!(files_under(&site.root().join("old")), ["keep.txt"]);
    assert_eq!(site.read("old/keep.txt"), "keep");
}

#[test]
fn init_into_an_existing_empty_folder_works() {
    let site = Site::bare();
    std::fs::create_dir(site.root().join("empty")).unwrap();
    site.kepu(&["init", "empty"]).assert_ok();
    assert!(site.exists("empty/site.toml"));
}

#[test]
fn init_without_a_folder_is_a_usage_error() {
    let site = Site::bare();
    site.kepu(&["init"]).assert_code(2);
    assert_eq!(files_under(&site.root()), Vec::<String>::new());
}
