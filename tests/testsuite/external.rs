//! `kepu check --external`: links to other sites asked over the network (a local
//! server on 127.0.0.1 here), at the place they are written, remembered for a day
//! when fine; never asked by `build`.

use std::net::TcpListener;

use crate::support::server::{Files, Server};
use crate::support::{NOW, Site, page};

/// A server with `ok.html`, and a folder `gone` without an index (so `/gone`
/// redirects to `/gone/`, which is 404).
fn server() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.html"), "<p>ok</p>").unwrap();
    std::fs::create_dir(dir.path().join("gone")).unwrap();
    let server = Files::new(dir.path()).serve();
    (dir, server)
}

/// A site whose `content/a.md` has one link per paragraph, from line 5.
fn site_with_links(urls: &[String]) -> Site {
    let body: Vec<String> = urls.iter().map(|u| format!("[链接]({u})\n")).collect();
    Site::new().file(
        "content/a.md",
        &page("title = \"a\"\ndescription = \"a\"", &body.join("\n")),
    )
}

#[test]
fn broken_outside_links_are_errors_at_their_place_and_build_never_asks() {
    let (_dir, server) = server();
    let base = format!("http://127.0.0.1:{}", server.port);
    let site = site_with_links(&[
        format!("{base}/ok.html"),
        format!("{base}/missing.html"),
        format!("{base}/gone"),
    ]);
    site.build(&[]).assert_ok();
    site.kepu(&["check", "--now", NOW]).assert_ok();
    assert_eq!(server.requests(), 0, "asked without --external");
    let run = site.kepu(&["check", "--now", NOW, "--external"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            format!(
                "content/a.md:7:6: the outside link {base}/missing.html answers 404: there is no such page (any more)"
            ),
            format!(
                "content/a.md:9:6: the outside link {base}/gone answers 404: there is no such page (any more)"
            ),
        ],
        "{run}"
    );
    assert!(
        run.has_stderr_line("  help: correct the address, or link to the page that replaced it"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("Outside addresses: 3 asked, 0 not asked again"),
        "{run}"
    );
}

#[test]
fn an_outside_address_of_the_front_matter_is_an_error_at_its_value() {
    let (_dir, server) = server();
    let base = format!("http://127.0.0.1:{}", server.port);
    let front =
        format!("title = \"a\"\ndescription = \"a\"\n[extra]\nsignup = '{base}/missing.html'");
    let site = Site::new().file("content/a.md", &page(&front, "正文。\n"));
    let run = site.kepu(&["check", "--now", NOW, "--external"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [format!(
            "content/a.md:5:11: the outside link {base}/missing.html answers 404: there is no such page (any more)"
        )],
        "{run}"
    );
}

#[test]
fn an_address_in_a_comment_of_the_front_matter_is_not_asked() {
    let (_dir, server) = server();
    let base = format!("http://127.0.0.1:{}", server.port);
    let front = format!(
        "title = \"a\"\ndescription = \"a\"\n# signup = \"{base}/gone\"\n[extra]\nsignup = '{base}/missing.html'"
    );
    let site = Site::new().file("content/a.md", &page(&front, "正文。\n"));
    let run = site.kepu(&["check", "--now", NOW, "--external"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [format!(
            "content/a.md:6:11: the outside link {base}/missing.html answers 404: there is no such page (any more)"
        )],
        "{run}"
    );
    assert!(run.stdout.contains("Outside addresses: 1 asked"), "{run}");
}

#[test]
fn fine_answers_are_remembered_and_failures_asked_again() {
    let (_dir, server) = server();
    let base = format!("http://127.0.0.1:{}", server.port);
    let site = site_with_links(&[format!("{base}/ok.html"), format!("{base}/missing.html")]);
    site.kepu(&["check", "--now", NOW, "--external"])
        .assert_code(1);
    let first = server.requests();
    assert_eq!(first, 2, "one HEAD per address");
    let memory = site.read(".kepu-cache/links.json");
    assert!(memory.contains(&format!("\"{base}/ok.html\"")), "{memory}");
    assert!(!memory.contains("missing.html"), "{memory}");
    let again = site.kepu(&["check", "--now", NOW, "--external"]);
    again.assert_code(1);
    assert_eq!(
        server.requests(),
        first + 1,
        "only the failing address is asked again"
    );
    assert!(
        again
            .stdout
            .contains("Outside addresses: 1 asked, 1 not asked again"),
        "{again}"
    );
}

#[test]
fn a_server_that_never_answers_is_a_warning_after_the_timeout() {
    // Connections are queued by the system but never accepted nor answered.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/", silent.local_addr().unwrap().port());
    let site = site_with_links(std::slice::from_ref(&url));
    let started = std::time::Instant::now();
    let run = site.kepu(&["check", "--now", NOW, "--external", "--timeout", "1"]);
    run.assert_ok();
    assert!(
        started.elapsed().as_secs() < 8,
        "took {:?}",
        started.elapsed()
    );
    assert!(
        run.has_stderr_line(&format!(
            "content/a.md:5:6: warning: the outside link {url} gave no answer within 1 s"
        )),
        "{run}"
    );
    drop(silent);
}

#[test]
fn a_chinese_site_gets_chinese_messages() {
    let (_dir, server) = server();
    let url = format!("http://127.0.0.1:{}/missing.html", server.port);
    let site = site_with_links(std::slice::from_ref(&url));
    let run = site.kepu_with_env(&["check", "--now", NOW, "--external"], &[("KEPU_LANG", "")]);
    run.assert_code(1);
    assert!(
        run.has_stderr_line(&format!(
            "content/a.md:5:6: 站外链接 {url} 返回 404：没有这个页面（或者已经没有了）"
        )),
        "{run}"
    );
    assert!(
        run.has_stderr_line("  提示：请改正地址，或者改成链接到取代它的那个页面"),
        "{run}"
    );
}
