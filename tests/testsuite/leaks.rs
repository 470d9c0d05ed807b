//! Nothing leaks, nothing lingers: symbolic links that lead out of the site, output
//! paths that are links or files, builds killed or interrupted at any moment, and
//! names that try to write to the terminal.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{NOW, Site, page};

/// What a file outside the site holds: it must never reach the output.
const SECRET: &str = "root:x:0:0:root:/root:/bin/bash\n";

fn site() -> Site {
    Site::new()
        .file("content/_index.md", &page("title = \"首页\"", ""))
        .file("content/a.md", &page("title = \"甲\"", "正文。"))
}

/// Writes `path` (relative to the folder that holds the site) with `text`.
fn outside_file(site: &Site, path: &str, text: &str) -> std::path::PathBuf {
    let full = site.outside().join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(&full, text).unwrap();
    full
}

#[cfg(unix)]
fn link(site: &Site, path: &str, target: &Path) {
    let at = site.root().join(path);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// Every hidden name kepu may leave beside an output folder.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".kepu-") && n != ".kepu-cache")
        .collect();
    names.sort();
    names
}

/// Asserts a failed build that printed `line` and wrote nothing.
#[track_caller]
fn refused(site: &Site, line: &str) {
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.has_stderr_line(line), "{run}");
    assert!(!site.exists("public"), "{:?}", site.files("public"));
    assert_eq!(leftovers(&site.root()), Vec::<String>::new());
}

#[cfg(unix)]
mod links {
    use super::*;

    #[test]
    fn a_content_file_linked_outside_is_an_error() {
        let site = site();
        link(
            &site,
            "content/passwd.txt",
            &outside_file(&site, "passwd", SECRET),
        );
        refused(
            &site,
            "content/passwd.txt:1:1: symbolic link to a file outside the site",
        );
        let check = site.kepu(&["check", "--now", NOW]);
        check.assert_code(1);
        assert!(
            check.has_stderr_line(
                "content/passwd.txt:1:1: symbolic link to a file outside the site"
            ),
            "{check}"
        );
    }

    #[test]
    fn a_markdown_file_linked_outside_is_an_error() {
        let site = site();
        let md = outside_file(&site, "b.md", &page("title = \"乙\"", SECRET));
        link(&site, "content/b.md", &md);
        refused(
            &site,
            "content/b.md:1:1: symbolic link to a file outside the site",
        );
    }

    #[test]
    fn a_folder_linked_outside_is_an_error_and_not_read() {
        let site = site();
        outside_file(&site, "etc/passwd", SECRET);
        outside_file(&site, "etc/c.md", "not front matter");
        link(&site, "content/etc", &site.outside().join("etc"));
        let run = site.build(&[]);
        run.assert_code(1);
        // One error for the link, none for the files behind it: they are not read.
        assert_eq!(
            run.errors(),
            ["content/etc:1:1: symbolic link to a folder outside the site"],
            "{run}"
        );
        assert!(
            run.has_stderr_line("  help: copy the folder into the site instead"),
            "{run}"
        );
    }

    #[test]
    fn static_templates_data_and_theme_links_outside_are_errors() {
        let site = site();
        let secret = outside_file(&site, "passwd", SECRET);
        link(&site, "static/passwd.txt", &secret);
        link(&site, "templates/page.html", &secret);
        link(&site, "data/people.toml", &secret);
        let run = site.build(&[]);
        run.assert_code(1);
        assert_eq!(
            run.errors(),
            [
                "data/people.toml:1:1: symbolic link to a file outside the site",
                "static/passwd.txt:1:1: symbolic link to a file outside the site",
                "templates/page.html:1:1: symbolic link to a file outside the site",
            ],
            "{run}"
        );

        let themed = site_with_theme("t");
        outside_file(&themed, "theme/templates/page.html", SECRET);
        link(&themed, "themes/t", &themed.outside().join("theme"));
        let run = themed.build(&[]);
        run.assert_code(1);
        assert!(
            run.has_stderr_line("themes/t:1:1: symbolic link to a folder outside the site"),
            "{run}"
        );
        assert!(!run.stderr.contains("root:x"), "{run}");
    }

    fn site_with_theme(name: &str) -> Site {
        site().file(
            "site.toml",
            &format!("{}theme = \"{name}\"\n", crate::support::SITE_TOML),
        )
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let site = site()
            .file("shared/b.md", &page("title = \"乙\"", "共享的页面。"))
            .file(
                "shared/more/c.md",
                &page("title = \"丙\"", "共享的文件夹。"),
            );
        link(&site, "content/b.md", Path::new("../shared/b.md"));
        link(&site, "content/more", &site.root().join("shared/more"));
        site.build(&[]).assert_ok();
        assert!(site.read("public/b/index.html").contains("共享的页面。"));
        assert!(
            site.read("public/more/c/index.html")
                .contains("共享的文件夹。")
        );
    }
}

#[cfg(unix)]
mod output_paths {
    use super::*;

    #[test]
    fn an_output_that_is_a_file_is_refused_unless_forced() {
        let site = site().file("notes.txt", "an editor's notes\n");
        let run = site.build(&["--output", "notes.txt"]);
        run.assert_code(1);
        assert!(
            run.has_stderr_line(
                "kepu: the output notes.txt is a file, not a folder; kepu will not replace it"
            ),
            "{run}"
        );
        assert_eq!(site.read("notes.txt"), "an editor's notes\n");
        assert_eq!(leftovers(&site.root()), Vec::<String>::new());

        site.build(&["--output", "notes.txt", "--force-output"])
            .assert_ok();
        assert!(site.read("notes.txt/index.html").contains("首页"));
        assert_eq!(leftovers(&site.root()), Vec::<String>::new());
    }

    #[test]
    fn an_output_that_is_a_link_is_refused_unless_named_or_forced() {
        let site = site();
        let web_root = outside_file(&site, "www/index.html", "old site\n");
        let web_root = web_root.parent().unwrap().to_path_buf();
        link(&site, "public", &web_root);
        let run = site.build(&[]);
        run.assert_code(1);
        let link_line = format!(
            "kepu: the output ./public is a symbolic link (to {}); kepu will not replace it",
            web_root.display()
        );
        assert!(run.has_stderr_line(&link_line), "{run}");
        let real = web_root.canonicalize().unwrap();
        let help = format!(
            "  help: to write into the folder it points to, use --output {} or add --force-output",
            real.display()
        );
        assert!(run.has_stderr_line(&help), "{run}");
        assert_eq!(
            std::fs::read_to_string(web_root.join("index.html")).unwrap(),
            "old site\n"
        );

        site.build(&["--force-output"]).assert_ok();
        let public = site.root().join("public");
        assert!(public.symlink_metadata().unwrap().file_type().is_symlink());
        assert!(site.read("public/index.html").contains("首页"));
        assert_eq!(leftovers(&site.root()), Vec::<String>::new());
        assert_eq!(leftovers(real.parent().unwrap()), Vec::<String>::new());

        site.build(&["--output", real.to_str().unwrap()])
            .assert_ok();
        assert!(site.read("public/a/index.html").contains("正文。"));
    }
}

/// A site big enough that a build takes a moment.
fn big_site(pages: usize) -> Site {
    let site = site();
    let body = "科普志愿服务协会开展防灾减灾知识宣传，提高公众科学素质。\n\n".repeat(20);
    for n in 0..pages {
        site.write(
            &format!("content/news/p{n}.md"),
            page(&format!("title = \"第{n}篇\""), &body).as_bytes(),
        );
    }
    site
}

fn spawn_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["build", "--now", NOW])
        .current_dir(site.root())
        .env("KEPU_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("kepu build starts")
}

/// Waits until `path` exists; false after 60 s.
fn wait_for(path: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

#[test]
fn builds_killed_at_any_moment_leave_the_site_whole_and_the_next_build_cleans_up() {
    let site = big_site(300);
    site.build(&[]).assert_ok();
    let before = site.snapshot("public");
    let started = Instant::now();
    site.build(&[]).assert_ok();
    let full = started.elapsed();
    for step in 0..8u32 {
        let mut child = spawn_build(&site);
        std::thread::sleep(full * step / 8);
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(site.snapshot("public"), before, "killed after {step}/8");
    }
    site.build(&[]).assert_ok();
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(leftovers(&site.root()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_build_killed_during_the_swap_is_recovered_by_the_next_one() {
    let site = site();
    site.build(&[]).assert_ok();
    let before = site.snapshot("public");
    let root = site.root();
    // Killed between the two renames of a swap (platforms without an exchange): the
    // output is gone, the previous one is beside it, the new one half there.
    std::fs::rename(root.join("public"), root.join(".public.kepu-old")).unwrap();
    site.write(".public.kepu-new/index.html", b"half");
    // The next build fails: the previous output must be back all the same.
    site.write("content/a.md", b"no front matter");
    site.build(&[]).assert_code(1);
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(leftovers(&root), Vec::<String>::new());

    // Killed right after an exchange: the previous output is under the staging name.
    site.write("content/a.md", page("title = \"甲\"", "正文。").as_bytes());
    site.write(".public.kepu-new/index.html", b"previous");
    // And a staging folder of an older kepu, named with its process number.
    site.write(".public.kepu-new-4242/index.html", b"dead");
    site.build(&[]).assert_ok();
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// Sends `signal` (`INT`, `TERM`) to a build once its staging folder exists; it
/// must stop with status 130, remove the folder, and leave `public/` as it was.
#[cfg(unix)]
fn interrupt(signal: &str) {
    let site = big_site(1500);
    site.build(&[]).assert_ok();
    let before = site.snapshot("public");
    let mut child = spawn_build(&site);
    assert!(
        wait_for(&site.root().join(".public.kepu-new")),
        "no staging folder"
    );
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "SIG{signal}: {status:?}");
    assert_eq!(leftovers(&site.root()), Vec::<String>::new());
    assert_eq!(site.snapshot("public"), before);
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_remove_the_staging_folder() {
    interrupt("INT");
    interrupt("TERM");
}

#[cfg(unix)]
#[test]
fn a_second_build_of_the_same_output_waits_its_turn() {
    let site = big_site(1500);
    let mut first = spawn_build(&site);
    assert!(
        wait_for(&site.root().join(".public.kepu-new")),
        "no staging folder"
    );
    let stop = |sig: &str| {
        Command::new("kill")
            .args([sig, &first.id().to_string()])
            .status()
            .unwrap()
    };
    stop("-STOP");
    let second = site.build(&[]);
    stop("-CONT");
    second.assert_code(1);
    assert!(
        second.has_stderr_line("kepu: another kepu build is writing ./public"),
        "{second}"
    );
    assert_eq!(first.wait().unwrap().code(), Some(0));
    assert!(site.read("public/news/p7/index.html").contains("第7篇"));
    assert_eq!(leftovers(&site.root()), Vec::<String>::new());
}

#[test]
fn kepu_clean_removes_what_dead_builds_left() {
    let site = site();
    site.build(&[]).assert_ok();
    site.write(".public.kepu-new/index.html", b"x");
    site.write(".public.kepu-old/index.html", b"x");
    site.write(".public.kepu-new-1234/a/index.html", b"x");
    let run = site.kepu(&["clean"]);
    run.assert_ok();
    let mut lines: Vec<&str> = run.stdout.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "Removed ./.public.kepu-new",
            "Removed ./.public.kepu-new-1234",
            "Removed ./.public.kepu-old",
            "Removed the image cache ./.kepu-cache/images (1 file).",
        ]
    );
    assert_eq!(leftovers(&site.root()), Vec::<String>::new());
    assert!(site.exists("public/index.html"));
    assert_eq!(site.kepu(&["clean"]).stdout, "Nothing to clean.\n");
}

#[cfg(unix)]
#[test]
fn file_names_cannot_write_to_the_terminal() {
    let name = "content/a\u{1b}[31mred\nforged.md:9:9: error: fake.md";
    let site = site().file(name, "no front matter");
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(!run.stderr.contains('\u{1b}'), "{run}");
    assert_eq!(
        run.errors(),
        [
            "content/a<U+001B>[31mred<U+000A>forged.md:9:9: error: fake.md:1:1: this file does not start with front matter"
        ],
        "{run}"
    );
}
