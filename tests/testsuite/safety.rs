//! Editors' safety net: sanitizing outside contributions, odd and huge inputs, and
//! properties that must hold for any input (no panic, slugs stay URL-safe).
//!
//! cargo-fuzz needs a nightly toolchain, which these machines cannot fetch, so the
//! entry points fuzzing would cover (front matter, Markdown with internal links, slugs,
//! RRULEs, `--now`) are exercised with proptest on the stable toolchain instead.

use std::path::Path;

use proptest::prelude::*;

use crate::support::Site;

fn page(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n{body}")
}

#[test]
fn safe_html_sanitizes_raw_html_only_when_asked() {
    let body = "<script>alert(1)</script><p onclick=\"x()\">段落</p>\n\n## 小标题\n";
    let trusted = Site::new().file("content/a.md", &page("title = \"a\"", body));
    trusted.build(&[]).assert_ok();
    assert!(
        trusted
            .read("public/a/index.html")
            .contains("<script>alert(1)</script>")
    );

    let site = Site::new()
        .file(
            "site.toml",
            &format!("{}safe_html = true\n", crate::support::SITE_TOML),
        )
        .file("content/a.md", &page("title = \"a\"", body));
    site.build(&[]).assert_ok();
    let html = site.read("public/a/index.html");
    assert!(!html.contains("alert(1)"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(html.contains("<p>段落</p>"), "{html}");
    assert!(html.contains("<h2 id=\"小标题\">"), "{html}");
}

#[test]
fn check_warns_when_an_ended_event_still_shows_its_registration_link() {
    let site = Site::new()
        .file("templates/event.html", "<a href=\"{{ page.event.registration }}\">报名</a>")
        .file("content/events/_index.md", &page("title = \"活动\"\nkind = \"event\"", ""))
        .file(
            "content/events/a.md",
            &page(
                "title = \"a\"\ndescription = \"d\"\n[event]\nstart = 2018-05-01T09:00:00\nregistration = \"https://forms.example.com/a\"",
                "",
            ),
        );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_ok();
    assert!(
        run.has_stderr_line("content/events/a.md:6:1: warning: this event has ended, but its page still shows the registration link"),
        "{run}"
    );
}

#[test]
fn the_ended_registration_warning_is_at_the_field_not_at_the_word() {
    let site = Site::new()
        .file(
            "templates/event.html",
            "<a href=\"{{ page.event.registration }}\">报名</a>",
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/a.md",
            &page(
                "title = \"a\"\ndescription = \"registration closes on 30 April\"\n\
                 # registration = \"https://old.example.com/\"\n[event]\n\
                 start = 2018-05-01T09:00:00\n  registration = \"https://forms.example.com/a\"",
                "",
            ),
        );
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    run.assert_ok();
    assert!(
        run.has_stderr_line("content/events/a.md:7:3: warning: this event has ended, but its page still shows the registration link"),
        "{run}"
    );
}

#[test]
fn a_huge_markdown_file_is_built_not_hung() {
    // 50 MB in release builds (about 11 s here); 5 MB in debug test runs.
    let megabytes = if cfg!(debug_assertions) { 5 } else { 50 };
    let paragraph = "科普志愿服务协会开展防灾减灾知识宣传，**提高**公众科学素质。Science for all! [链接](https://example.org)\n\n";
    let mut body = String::new();
    let mut n = 0;
    while body.len() < megabytes * 1024 * 1024 {
        if n % 50 == 0 {
            body.push_str(&format!("## 第{n}节\n\n"));
        }
        body.push_str(paragraph);
        n += 1;
    }
    let site = Site::new().file("content/big.md", &page("title = \"大文件\"", &body));
    site.build(&[]).assert_ok();
    assert!(site.read("public/big/index.html").contains("第50节"));
}

fn config() -> kepu::config::Config {
    kepu::config::Config::parse("title = \"t\"\nbase_url = \"https://a.org\"\n").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn front_matter_of_any_text_never_panics(text in "(\\+\\+\\+\n)?[ -~\\n一-龥]{0,200}(\n\\+\\+\\+\n)?[ -~\\n]{0,50}") {
        let mut diags = kepu::diag::Diagnostics::new();
        let doc = kepu::content::parse_text(Path::new("content/a.md"), Path::new("a.md"), &text, &config(), &mut diags);
        // Either a document or at least one error, never both silent.
        prop_assert!(doc.is_some() || diags.has_errors());
        for d in diags.iter() {
            prop_assert!(d.span.line >= 1, "{d}");
        }
    }

    #[test]
    fn front_matter_fields_of_any_value_never_panic(
        key in "(title|date|weight|slug|aliases|taxonomies|draft|kind|template|extra|event)",
        value in "[ -~一-龥]{0,40}",
    ) {
        let text = format!("+++\ntitle = \"t\"\n{key} = {value}\n+++\n");
        let mut diags = kepu::diag::Diagnostics::new();
        let _ = kepu::content::parse_text(Path::new("content/a.md"), Path::new("a.md"), &text, &config(), &mut diags);
    }

    #[test]
    fn markdown_with_links_never_panics(text in "([ -~\\n一-龥，。！*_`#\\[\\]()@/]|@/[a-z./#]{0,12}){0,300}") {
        let rendered = kepu::markdown::render(&text, &|p: &str| (p == "a.md").then(|| "/a/".to_string()), "");
        for link in &rendered.links {
            prop_assert!(link.offset <= text.len());
        }
    }

    #[test]
    fn slugs_are_always_url_safe(text in "\\PC{0,60}") {
        let slug = kepu::content::slug::slugify(&text);
        prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
    }

    #[test]
    fn rrules_of_any_text_never_panic(text in "(FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY|X);?)?([A-Z]{0,8}=[-0-9A-Z,]{0,12};?){0,5}") {
        let _ = kepu::content::recurrence::Rule::parse(&text);
    }

    #[test]
    fn now_of_any_text_never_panics(text in "[-0-9T:+Z ]{0,30}") {
        let _ = kepu::content::dates::parse_now(&text, &jiff::tz::TimeZone::UTC);
    }
}
