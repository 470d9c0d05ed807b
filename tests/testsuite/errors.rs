//! Error reporting: every problem as `path:line:col: message` at the editor's own
//! line, all of them in one run, sorted by path, the count at the end, exit status 1
//! (2 for bad usage), and the previous output left exactly as it was.

use crate::support::{SITE_TOML, Site, page};

#[test]
fn front_matter_toml_error_is_at_the_files_own_line() {
    let site = Site::new().file(
        "content/news/x.md",
        "+++\ntitle = \"a\"\ndate = 2018-01-01\nweight = oops\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("content/news/x.md:4:10: text must be in double quotes\n"),
        "{run}"
    );
    assert!(run.has_stderr_line("1 error, 0 warnings"), "{run}");
}

#[test]
fn wrong_type_says_which_field_and_what_to_write() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\nweight = \"3\"\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "content/a.md:3:10: `weight` should be a whole number, but it is the text \"3\"",
            "  help: write a number without quotes, e.g. `weight = 3`",
        ]
    );
}

#[test]
fn three_broken_files_give_three_errors_sorted_by_path() {
    // Written in another order than they are reported.
    let site = Site::new()
        .file("content/news/c.md", "+++\ntitle = \"c\"\n")
        .file("content/news/a.md", "+++\ntitle = \"a\"\nweight = x\n+++\n")
        .file("content/b.md", "");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 3, "{run}");
    assert!(
        errors[0].starts_with("content/b.md:1:1: this file is empty"),
        "{run}"
    );
    assert!(errors[1].starts_with("content/news/a.md:3:10: "), "{run}");
    assert!(
        errors[2].starts_with(
            "content/news/c.md:1:1: the front matter that starts here is never closed"
        ),
        "{run}"
    );
    let last_lines: Vec<&str> = run.stderr.lines().rev().take(2).collect();
    assert_eq!(
        last_lines,
        [
            "Nothing was written: ./public is unchanged.",
            "3 errors, 0 warnings"
        ]
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn failed_build_leaves_the_previous_output_byte_identical() {
    let site = Site::new()
        .file("content/news/_index.md", &page("title = \"新闻\"", ""))
        .file("content/news/a.md", &page("title = \"a\"", "第一版\n"))
        .file("content/news/b.md", &page("title = \"b\"", ""))
        .file("static/x.txt", "x");
    site.build(&[]).assert_ok();
    let before = site.snapshot("public");
    assert!(before.len() > 5);

    // One good change and one broken file: neither may reach public/.
    site.write(
        "content/news/a.md",
        page("title = \"a\"", "第二版\n").as_bytes(),
    );
    site.write("content/news/b.md", b"+++\ntitel = \"b\"\n+++\n");
    site.write("static/y.txt", b"y");
    site.build(&[]).assert_code(1);

    assert_eq!(site.snapshot("public"), before);
    let mut top: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    // .kepu-cache: the image cache the first build made (the theme's favicon).
    assert_eq!(
        top,
        [".kepu-cache", "content", "public", "site.toml", "static"]
    );
}

#[test]
fn misspelt_field_gets_did_you_mean() {
    let site = Site::new().file("content/a.md", "+++\ntitel = \"a\"\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "content/a.md:2:1: unknown field `titel`");
    assert!(
        lines[1].starts_with("  help: did you mean `title`? The fields allowed here are: title, "),
        "{run}"
    );
}

#[test]
fn missing_title_is_reported() {
    let site = Site::new().file("content/a.md", "+++\ndate = 2018-01-01\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:1:1: the required field `title` is missing"]
    );
}

#[test]
fn unterminated_front_matter_is_reported_where_the_text_starts() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\n\n正文\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:4:1: the front matter from line 1 is never closed before this line"]
    );
    assert!(
        run.has_stderr_line("  help: add a line with only +++ above this line"),
        "{run}"
    );
}

#[test]
fn file_without_front_matter_is_reported() {
    let site = Site::new().file("content/a.md", "# 标题\n\n正文\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:1:1: this file does not start with front matter"]
    );
}

#[test]
fn empty_file_is_reported() {
    let site = Site::new().file("content/a.md", "  \n\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(run.errors(), ["content/a.md:1:1: this file is empty"]);
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let site = Site::new().bytes("content/a.md", b"+++\ntitle = \"a\"\n+++\nab\xff\xfe\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:4:3: this file is not UTF-8 text"]
    );
    assert!(
        run.has_stderr_line(
            "  help: save it as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)"
        ),
        "{run}"
    );
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let site = Site::new()
        .bytes(
            "content/a.md",
            "\u{feff}+++\r\ntitle = \"Windows 记事本\"\r\n+++\r\n科学\r\n普及\r\n".as_bytes(),
        )
        .file("templates/page.html", "{{ page.title }}|{{ page.content }}");
    let run = site.build(&[]);
    run.assert_ok();
    assert_eq!(run.stderr, "");
    assert_eq!(
        site.read("public/a/index.html"),
        "Windows 记事本|<p>科学普及</p>\n"
    );
}

#[test]
fn errors_in_crlf_files_are_at_the_right_line() {
    let site = Site::new().bytes(
        "content/a.md",
        b"\xef\xbb\xbf+++\r\ntitle = \"a\"\r\n+++\r\n\r\n[x](@/nope.md)\r\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:5:1: the link @/nope.md points to a page that does not exist"]
    );
}

#[test]
fn impossible_date_is_reported() {
    let site = Site::new().file(
        "content/a.md",
        "+++\ntitle = \"a\"\ndate = 2018-02-30\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(
        errors[0].starts_with("content/a.md:3:8: `date` is not a real date or time"),
        "{run}"
    );
}

#[test]
fn empty_title_is_an_error() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \" \"\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(run.errors(), ["content/a.md:2:9: the title is empty"]);
}

#[test]
fn empty_title_is_reported_at_the_title_line() {
    let site = Site::new().file(
        "content/a.md",
        "+++\ndate = 2018-01-01\ndescription = \"d\"\ntitle = \"\"\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(errors[0].starts_with("content/a.md:4:"), "{run}");
}

#[test]
fn missing_site_toml_is_reported() {
    let site = Site::bare().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(run.errors(), ["site.toml:1:1: there is no site.toml in ."]);
    assert!(!site.exists("public"));
}

#[test]
fn unknown_key_in_site_toml_gets_did_you_mean_at_its_line() {
    let site = Site::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}\ntimezon = \"Asia/Shanghai\"\n"),
        )
        .file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "site.toml:4:1: unknown field `timezon`");
    assert!(
        lines[1].starts_with("  help: did you mean `timezone`? "),
        "{run}"
    );
}

#[test]
fn unknown_time_zone_in_site_toml_is_reported_at_its_value() {
    let site = Site::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}timezone = \"Asia/Beijing\"\n"),
        )
        .file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["site.toml:3:12: unknown time zone \"Asia/Beijing\""]
    );
}

#[test]
fn unknown_taxonomy_is_reported_at_its_name() {
    let site = Site::new()
        .file(
            "site.toml",
            &format!("{SITE_TOML}\n[taxonomies]\ntags = {{}}\n"),
        )
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\n[taxonomies]\ntag = [\"科普\"]\n+++\n",
        );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(run.errors(), ["content/a.md:4:1: unknown taxonomy `tag`"]);
    assert!(
        run.has_stderr_line(
            "  help: did you mean `tags`? Declare it in site.toml under [taxonomies], e.g. tag = {}"
        ),
        "{run}"
    );
}

#[test]
fn duplicate_url_names_both_files() {
    let site = Site::new()
        .file("content/news/a.md", &page("title = \"a\"", ""))
        .file("content/news/a/index.md", &page("title = \"a2\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/news/a/index.md:1:1: this page has the same address /news/a/ as content/news/a.md"
        ]
    );
}

#[test]
fn duplicate_slug_names_both_files() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"\nslug = \"same\"", ""))
        .file("content/b.md", &page("title = \"b\"\nslug = \"same\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/b.md:1:1: this page has the same address /same/ as content/a.md"]
    );
}

#[test]
fn slug_that_leaves_the_site_is_rejected_and_nothing_is_written() {
    let site = Site::new().file(
        "content/a.md",
        "+++\ntitle = \"a\"\nslug = \"../../x\"\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:3:8: the slug \"../../x\" is not a single URL segment"]
    );
    assert!(!site.exists("public"));
    assert_eq!(site.names_outside(), ["site"]);
    assert_eq!(
        sources(&site).into_keys().collect::<Vec<_>>(),
        ["content/a.md", "site.toml"]
    );
}

#[test]
fn alias_that_leaves_the_site_is_rejected() {
    let site = Site::new().file(
        "content/a.md",
        "+++\ntitle = \"a\"\naliases = [\"/ok/\", \"../../x\"]\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:3:20: the alias \"../../x\" is not a path of this site"]
    );
    assert_eq!(site.names_outside(), ["site"]);
}

#[test]
fn alias_that_collides_with_a_page_is_an_error() {
    let site = Site::new()
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\naliases = [\"/b/\"]\n+++\n",
        )
        .file("content/b.md", &page("title = \"b\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(errors[0].starts_with("content/a.md:"), "{run}");
    assert!(
        errors[0].ends_with(": the alias /b/ is the address of content/b.md"),
        "{run}"
    );
}

#[test]
fn alias_collision_is_reported_at_the_alias_line() {
    let site = Site::new()
        .file(
            "content/a.md",
            "+++\ntitle = \"a\"\naliases = [\"/b/\"]\n+++\n",
        )
        .file("content/b.md", &page("title = \"b\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:3:12: the alias /b/ is the address of content/b.md"]
    );
}

#[test]
fn section_fields_on_a_page_are_errors() {
    let site = Site::new().file("content/a.md", "+++\ntitle = \"a\"\nkind = \"news\"\n+++\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content/a.md:3:8: `kind` only belongs in a section's _index.md"]
    );
}

#[test]
fn unknown_kind_and_sort_order_are_reported_together() {
    let site = Site::new().file(
        "content/news/_index.md",
        "+++\ntitle = \"n\"\nkind = \"evnt\"\nsort_by = \"dat\"\npaginate_by = 0\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/news/_index.md:3:8: unknown kind \"evnt\"",
            "content/news/_index.md:4:11: unknown sort order \"dat\"",
            "content/news/_index.md:5:15: paginate_by must be at least 1",
        ]
    );
    assert!(run.has_stderr_line("3 errors, 0 warnings"), "{run}");
}

#[test]
fn broken_data_files_are_reported_at_their_lines() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("data/x.json", "{\n  \"a\": 1,\n  \"b\": \n}\n")
        .file("data/y.csv", "a,b\n1,2\n3\n")
        .file("data/z.toml", "ok = 1\nbad = \n");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 3, "{run}");
    assert!(
        errors[0].starts_with("data/x.json:4:1: this is not valid JSON: "),
        "{run}"
    );
    assert!(
        errors[1].starts_with("data/y.csv:3:1: this is not valid CSV: "),
        "{run}"
    );
    assert!(
        errors[2] == "data/z.toml:2:7: text must be in double quotes",
        "{run}"
    );
}

#[test]
fn output_equal_to_the_site_root_is_refused_and_nothing_is_deleted() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("static/x.txt", "x");
    let before = sources(&site);
    let run = site.build(&["--output", "."]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "kepu: refusing to write the site into .: it is the site folder or contains it, and would be replaced"
        ]
    );
    assert_eq!(sources(&site), before);
    assert_eq!(site.names_outside(), ["site"]);
}

#[test]
fn output_containing_the_site_is_refused_and_nothing_is_deleted() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let before = sources(&site);
    let run = site.build(&["--output", ".."]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "kepu: refusing to write the site into ..: it is the site folder or contains it, and would be replaced"
        ]
    );
    assert_eq!(sources(&site), before);
    assert_eq!(site.names_outside(), ["site"]);
}

#[test]
fn output_inside_content_is_refused_and_nothing_is_deleted() {
    let site = Site::new()
        .file("content/a.md", &page("title = \"a\"", ""))
        .file("content/pic.png", "png");
    let before = sources(&site);
    for output in ["content", "content/out", "static"] {
        let run = site.build(&["--output", output]);
        run.assert_code(1);
        // Only the refusal is an error; the fixture's fake picture is a warning.
        let errors: Vec<&str> = run
            .errors()
            .into_iter()
            .filter(|e| !e.contains(": warning: "))
            .collect();
        assert_eq!(errors.len(), 1, "{run}");
        assert!(
            errors[0].starts_with(&format!(
                "kepu: refusing to write the site into {output}: it overlaps "
            )),
            "{run}"
        );
        assert!(errors[0].ends_with(", which the build reads from"), "{run}");
        assert_eq!(sources(&site), before);
    }
}

#[test]
fn output_overlap_message_names_the_folder_relative_to_the_root() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&["--output", "content"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "kepu: refusing to write the site into content: it overlaps content, which the build reads from"
        ]
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&["--bogus"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .starts_with("error: unexpected argument '--bogus' found"),
        "{run}"
    );
    assert!(!site.exists("public"));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let site = Site::new();
    site.kepu(&["bild"]).assert_code(2);
    site.kepu(&[]).assert_code(2);
}

#[test]
fn unreadable_now_is_an_error() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.kepu(&["build", "--now", "tomorrow"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "kepu: --now: \"tomorrow\" is not a date and time; write it like 2018-06-01T00:00:00+08:00 or 2018-06-01"
        ]
    );
}

#[test]
fn unreadable_source_date_epoch_is_an_error() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    let run = site.kepu_with_env(&["build"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["kepu: SOURCE_DATE_EPOCH=\"yesterday\" is not a number of seconds"]
    );
}

#[test]
fn missing_content_folder_is_reported() {
    let site = Site::new();
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["content:1:1: the site has no content/ folder"]
    );
}

#[test]
fn missing_theme_is_reported() {
    let site = Site::new()
        .file("site.toml", &format!("{SITE_TOML}theme = \"fancy\"\n"))
        .file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(
        errors[0].ends_with(": the theme \"fancy\" was not found in themes/"),
        "{run}"
    );
}

#[test]
fn missing_theme_is_reported_at_the_theme_line() {
    let site = Site::new()
        .file("site.toml", &format!("{SITE_TOML}theme = \"fancy\"\n"))
        .file("content/a.md", &page("title = \"a\"", ""));
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["site.toml:3:9: the theme \"fancy\" was not found in themes/"]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_link_loop_in_content_is_reported() {
    let site = Site::new().file("content/a.md", &page("title = \"a\"", ""));
    std::os::unix::fs::symlink("..", site.root().join("content/loop")).unwrap();
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/loop:1:1: this folder is a symbolic link to one of its own parent folders (a loop)"
        ]
    );
}

#[test]
fn link_to_a_broken_file_is_not_reported_as_missing() {
    let site = Site::new()
        .file("content/a.md", "+++\ntitle = \"a\"\nweight = x\n+++\n")
        .file("content/b.md", "+++\ntitle = \"b\"\n+++\n[a](@/a.md)\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(errors[0].starts_with("content/a.md:3:10: "), "{run}");
}

#[test]
fn content_and_template_errors_are_listed_in_one_run() {
    let site = Site::new()
        .file("content/a.md", "+++\ntitle = \"a\"\nweight = \"x\"\n+++\n")
        .file("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.title </p>{% endblock content %}\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.errors();
    assert_eq!(errors.len(), 2, "{run}");
    assert!(errors[0].starts_with("content/a.md:3:10: "), "{run}");
    assert!(errors[1].starts_with("templates/page.html:2:"), "{run}");
}

/// The site's files but the image cache (`.kepu-cache/`, which any build, even a refused
/// one, may fill with the theme's processed images).
fn sources(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = site.snapshot("");
    files.retain(|path, _| !path.starts_with(".kepu-cache/"));
    files
}
