//! `[resource]` front matter: each field is checked where it is written, and a wrong
//! one is reported at its own line with what to write instead.

use crate::support::{Run, Site, page};

/// Builds a site whose resource page `content/resources/r.md` has `[resource]`
/// followed by `fields`.
fn build_resource(fields: &str) -> Run {
    Site::new()
        .file(
            "content/resources/_index.md",
            &page("title = \"Resources\"\nkind = \"resource\"", ""),
        )
        .file(
            "content/resources/r.md",
            &page(&format!("title = \"R\"\n[resource]\n{fields}"), ""),
        )
        .build(&[])
}

#[test]
fn a_file_that_is_not_text_is_an_error_at_its_line() {
    let run = build_resource("file = 3");
    run.assert_code(1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "content/resources/r.md:4:8: `[resource] file` must be text in quotes, not the number 3",
            "  help: write it in double quotes, e.g. file = \"poster.pdf\"",
        ],
        "{run}"
    );
}

#[test]
fn audience_format_and_license_must_be_text_too() {
    let run = build_resource("format = 4\naudience = [\"青少年\"]\nlicense = true");
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/resources/r.md:4:10: `[resource] format` must be text in quotes, not the number 4",
            "content/resources/r.md:5:12: `[resource] audience` must be text in quotes, not a list",
            "content/resources/r.md:6:11: `[resource] license` must be text in quotes, not the value true",
        ],
        "{run}"
    );
    assert!(run.has_stderr_line("  help: write it in double quotes, e.g. audience = \"青少年\""));
}

#[test]
fn size_url_and_external_are_worked_out_and_may_not_be_written() {
    let run = build_resource("file = \"a.pdf\"\nsize = \"big\"\nexternal = false");
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "content/resources/r.md:5:8: `[resource] size` is worked out by kepu from `file`, not written",
            "content/resources/r.md:6:12: `[resource] external` is worked out by kepu from `file`, not written",
        ],
        "{run}"
    );
    assert!(run.has_stderr_line(
        "  help: remove the line size = …: templates get page.resource.size from the file"
    ));
}

#[test]
fn text_fields_and_fields_for_templates_pass() {
    let run = build_resource(
        "file = \"https://www.kepuchina.cn/a.pdf\"\nformat = \"PDF\"\naudience = \"青少年\"\nlicense = \"CC BY 4.0\"\npages = 12",
    );
    run.assert_ok();
}
