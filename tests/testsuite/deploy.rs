//! `kepu deploy` against a real S3-compatible server, and `kepu deploy git` against a
//! local bare repository.
//!
//! The object store is moto's server (PyPI `moto[server]`), started per test on a free
//! port of 127.0.0.1: `.ci/run` installs it into `target/moto-venv`, or name another
//! `moto_server` in `KEPU_MOTO_SERVER`; a missing moto or git is handled by
//! [`crate::support::tools::find`] (a failure, unless skipping is asked for). The tests talk to moto themselves
//! (unsigned requests: moto does not check them unless asked) to create buckets and
//! read back what kepu stored.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::tools::{Tool, find};
use crate::support::{Run, Site};

/// A moto S3 server on 127.0.0.1, stopped when dropped.
struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    /// Starts moto; with `auth`, every request needs a key moto knows. `None` (the test
    /// returns): no moto here, as [`find`] decides.
    fn start(auth: bool) -> Option<Moto> {
        let program = find(Tool::Moto)?;
        let port = free_port();
        let mut command = Command::new(&program);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if auth {
            command.env("INITIAL_NO_AUTH_ACTION_COUNT", "0");
        }
        let child = command.spawn().expect("start moto_server");
        let moto = Moto { child, port };
        let deadline = Instant::now() + Duration::from_secs(90);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start within 90 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(moto)
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn create_bucket(&self, bucket: &str) {
        let response = ureq::put(&format!("{}/{bucket}", self.endpoint()))
            .send_empty()
            .expect("create the bucket");
        assert_eq!(response.status().as_u16(), 200);
    }

    fn put(&self, bucket: &str, key: &str, body: &str) {
        ureq::put(&format!("{}/{bucket}/{key}", self.endpoint()))
            .send(body)
            .expect("put an object");
    }

    /// An object's headers (`content-type`, `cache-control`, `content-encoding`) and body.
    fn get(&self, bucket: &str, key: &str) -> (Vec<(String, String)>, Vec<u8>) {
        // moto lets only authenticated requests read private objects; with its
        // authentication off it does not check the signature, only that there is one.
        let mut response = ureq::get(&format!("{}/{bucket}/{key}", self.endpoint()))
            .header("authorization", ANY_SIGNATURE)
            .call()
            .unwrap_or_else(|e| panic!("get {key}: {e}"));
        let headers = ["content-type", "cache-control", "content-encoding"]
            .iter()
            .filter_map(|name| {
                let value = response.headers().get(*name)?.to_str().ok()?;
                Some((name.to_string(), value.to_string()))
            })
            .collect();
        let body = response.body_mut().read_to_vec().unwrap();
        (headers, body)
    }

    /// Every key of the bucket, sorted (fewer than 1000 in these tests).
    fn keys(&self, bucket: &str) -> Vec<String> {
        let xml = ureq::get(&format!("{}/{bucket}?list-type=2", self.endpoint()))
            .call()
            .expect("list the bucket")
            .body_mut()
            .read_to_string()
            .unwrap();
        let mut keys: Vec<String> = xml
            .split("<Key>")
            .skip(1)
            .map(|rest| rest.split("</Key>").next().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    }
}

/// An `Authorization` header of the right form, for a server that does not check it.
const ANY_SIGNATURE: &str = "AWS4-HMAC-SHA256 Credential=test/20180601/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that nothing listens on (just now).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A site whose `[deploy]` names `endpoint`, bucket `site`, prefix `www`.
fn site_for(endpoint: &str, extra: &str) -> Site {
    Site::bare().file(
        "site.toml",
        &format!(
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n\n[deploy]\nendpoint = \"{endpoint}\"\nbucket = \"site\"\nprefix = \"www\"\n{extra}"
        ),
    )
}

/// Runs `kepu deploy <args>` with test credentials and no credentials file.
fn deploy(site: &Site, args: &[&str]) -> Run {
    let home = site.outside().to_string_lossy().into_owned();
    let mut all = vec!["deploy"];
    all.extend_from_slice(args);
    site.kepu_with_env(
        &all,
        &[
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
            ("HOME", &home),
        ],
    )
}

/// The line of standard output that starts with `start`.
fn line<'a>(run: &'a Run, start: &str) -> &'a str {
    run.stdout
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?}:\n{run}"))
}

/// The number before `word` in a summary line (`3 uploaded` → 3).
fn count(summary: &str, word: &str) -> usize {
    let before = &summary[..summary
        .find(word)
        .unwrap_or_else(|| panic!("{word} in {summary}"))];
    before
        .trim_end()
        .rsplit([' ', ':', ','])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn deploy_uploads_the_built_site_with_headers_then_only_what_changed() {
    let Some(moto) = Moto::start(false) else {
        return;
    };
    moto.create_bucket("site");
    moto.put("site", "elsewhere/keep.txt", "not ours");
    let site = site_for(&moto.endpoint(), "")
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n欢迎。\n")
        .file(
            "content/about.md",
            "+++\ntitle = \"关于\"\n+++\n协会简介。\n",
        );
    site.build(&[]).assert_ok();
    // What the fingerprinting and precompressing build options write.
    site.write("public/site.3f2a9c1e.css", b"body{color:red}");
    site.write("public/site.3f2a9c1e.css.gz", b"\x1f\x8b pretend gzip");
    let files = site.files("public");

    let dry = deploy(&site, &["--dry-run"]);
    dry.assert_ok();
    assert!(dry.stdout.contains("upload about/index.html ("), "{dry}");
    let summary = line(&dry, "Dry run, nothing was changed: ");
    assert_eq!(count(summary, "to upload"), files.len());
    assert_eq!(moto.keys("site"), ["elsewhere/keep.txt"]);

    let first = deploy(&site, &[]);
    first.assert_ok();
    let summary = line(&first, "Deployed to site/www: ");
    assert_eq!(count(summary, "uploaded"), files.len(), "{first}");
    assert!(summary.ends_with(", 0 unchanged, 0 deleted"), "{summary}");
    let mut expected: Vec<String> = files.iter().map(|f| format!("www/{f}")).collect();
    expected.push("elsewhere/keep.txt".into());
    expected.sort();
    assert_eq!(moto.keys("site"), expected);

    let (headers, body) = moto.get("site", "www/about/index.html");
    assert_eq!(body, site.read("public/about/index.html").as_bytes());
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=300, must-revalidate")
    );
    let (headers, _) = moto.get("site", "www/site.3f2a9c1e.css");
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let (headers, _) = moto.get("site", "www/site.3f2a9c1e.css.gz");
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));

    let again = deploy(&site, &[]);
    let summary = line(&again, "Deployed to site/www: ");
    assert_eq!(
        summary,
        format!(
            "Deployed to site/www: 0 uploaded (0 B), {} unchanged, 0 deleted",
            files.len()
        )
    );

    // An edit and a rebuild: exactly the files whose bytes changed go up.
    let before = site.snapshot("public");
    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n协会简介（修订）。\n".as_bytes(),
    );
    site.build(&[]).assert_ok();
    site.write("public/site.3f2a9c1e.css", b"body{color:red}");
    site.write("public/site.3f2a9c1e.css.gz", b"\x1f\x8b pretend gzip");
    let after = site.snapshot("public");
    let changed = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .count();
    assert!(
        changed >= 1 && changed < files.len(),
        "{changed} of {}",
        files.len()
    );
    let third = deploy(&site, &[]);
    let summary = line(&third, "Deployed to site/www: ");
    assert_eq!(count(summary, "uploaded"), changed, "{third}");
    assert_eq!(count(summary, "unchanged"), after.len() - changed);
    let (_, body) = moto.get("site", "www/about/index.html");
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("协会简介（修订）")
    );
}

#[test]
fn delete_removes_stale_objects_only_when_asked_and_within_the_safety_limit() {
    let Some(moto) = Moto::start(false) else {
        return;
    };
    moto.create_bucket("site");
    moto.put("site", "elsewhere/keep.txt", "not ours");
    let site = site_for(&moto.endpoint(), "max_delete = 2\n");
    for name in ["index.html", "a.html", "b.html", "c.html"] {
        site.write(&format!("public/{name}"), name.as_bytes());
    }
    deploy(&site, &[]).assert_ok();
    for name in ["a.html", "b.html", "c.html"] {
        std::fs::remove_file(site.root().join("public").join(name)).unwrap();
    }
    let all = [
        "elsewhere/keep.txt",
        "www/a.html",
        "www/b.html",
        "www/c.html",
        "www/index.html",
    ];

    let kept = deploy(&site, &[]);
    kept.assert_ok();
    assert!(kept.stdout.contains("3 objects in the bucket are no longer part of the site; kepu deploy --delete removes them"), "{kept}");
    assert_eq!(moto.keys("site"), all);

    let refused = deploy(&site, &["--delete"]);
    refused.assert_code(1);
    assert_eq!(
        refused.errors(),
        [
            "kepu: --delete would remove 3 objects from the bucket, more than the safety limit of 2; nothing was changed"
        ]
    );
    assert_eq!(moto.keys("site"), all);

    let dry = deploy(&site, &["--delete", "--force", "--dry-run"]);
    dry.assert_ok();
    assert!(dry.stdout.contains("delete www/b.html\n"), "{dry}");
    assert!(
        dry.stdout
            .contains("0 to upload (0 B), 1 unchanged, 3 to delete in site/www"),
        "{dry}"
    );
    assert_eq!(moto.keys("site"), all);

    let forced = deploy(&site, &["--delete", "--force"]);
    forced.assert_ok();
    assert!(
        forced
            .stdout
            .contains("Deployed to site/www: 0 uploaded (0 B), 1 unchanged, 3 deleted"),
        "{forced}"
    );
    assert_eq!(moto.keys("site"), ["elsewhere/keep.txt", "www/index.html"]);
}

#[test]
fn a_missing_bucket_is_a_clear_error() {
    let Some(moto) = Moto::start(false) else {
        return;
    };
    let site = site_for(&moto.endpoint(), "").file("public/index.html", "<p>hi</p>");
    let run = deploy(&site, &["--delete"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [format!(
            "kepu: the bucket \"site\" does not exist at {}",
            moto.endpoint()
        )]
    );
    assert!(
        run.stderr
            .contains("help: create it in your provider's console"),
        "{run}"
    );
}

#[test]
fn wrong_credentials_are_a_clear_error_in_the_sites_language() {
    let Some(moto) = Moto::start(true) else {
        return;
    };
    let site = site_for(&moto.endpoint(), "").file("public/index.html", "<p>hi</p>");
    let run = deploy(&site, &[]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        ["kepu: the object store does not accept the access key (InvalidAccessKeyId)"]
    );
    let home = site.outside().to_string_lossy().into_owned();
    let zh = site.kepu_with_env(
        &["deploy"],
        &[
            ("KEPU_LANG", "zh"),
            ("AWS_ACCESS_KEY_ID", "wrong"),
            ("AWS_SECRET_ACCESS_KEY", "wrong"),
            ("HOME", &home),
        ],
    );
    zh.assert_code(1);
    assert!(
        zh.has_stderr_line("kepu: 对象存储不接受这个访问密钥（InvalidAccessKeyId）"),
        "{zh}"
    );
}

#[test]
fn no_server_and_no_credentials_are_clear_errors() {
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    let site = site_for(&endpoint, "").file("public/index.html", "<p>hi</p>");
    let run = deploy(&site, &["--delete"]);
    run.assert_code(1);
    let prefix = format!("kepu: cannot reach the object store at {endpoint}: ");
    assert!(run.errors()[0].starts_with(&prefix), "{run}");
    assert!(
        run.stderr.contains("help: check the network connection"),
        "{run}"
    );
    let home = site.outside().to_string_lossy().into_owned();
    let none = site.kepu_with_env(
        &["deploy"],
        &[
            ("KEPU_LANG", "zh"),
            ("AWS_ACCESS_KEY_ID", ""),
            ("AWS_SECRET_ACCESS_KEY", ""),
            ("HOME", &home),
        ],
    );
    none.assert_code(1);
    assert!(
        none.has_stderr_line("kepu: 没有对象存储的访问密钥（AccessKey）"),
        "{none}"
    );
}

#[test]
fn a_killed_deploy_is_completed_by_the_next_one() {
    let Some(moto) = Moto::start(false) else {
        return;
    };
    moto.create_bucket("site");
    let site = site_for(&moto.endpoint(), "");
    let total = 300;
    for i in 0..total {
        site.write(
            &format!("public/p/{i}.html"),
            format!("page {i} {}", "x".repeat(2000)).as_bytes(),
        );
    }
    let home = site.outside().to_string_lossy().into_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["deploy", "--jobs", "2"])
        .current_dir(site.root())
        .env("KEPU_LANG", "en")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("HOME", &home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while moto.keys("site").len() < 10 {
        assert!(
            Instant::now() < deadline,
            "the deploy uploaded nothing within 120 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let up = moto.keys("site").len();
    assert!(up < total, "the deploy finished before it could be killed");

    let resumed = deploy(&site, &[]);
    let summary = line(&resumed, "Deployed to site/www: ");
    assert_eq!(
        count(summary, "uploaded") + count(summary, "unchanged"),
        total
    );
    assert!(
        count(summary, "unchanged") >= up,
        "{summary} after {up} were up"
    );
    assert_eq!(moto.keys("site").len(), total);
    let (_, body) = moto.get("site", "www/p/7.html");
    assert_eq!(body, site.read("public/p/7.html").as_bytes());
    let check = deploy(&site, &[]);
    assert!(
        check
            .stdout
            .contains(&format!("0 uploaded (0 B), {total} unchanged")),
        "{check}"
    );
}

#[test]
fn deploy_settings_are_checked_at_their_lines_and_secrets_are_refused() {
    let site = Site::bare().file(
        "site.toml",
        "title = \"t\"\nbase_url = \"https://a.org\"\n[deploy]\nendpoint = \"oss-cn-shenzhen.aliyuncs.com\"\nbucket = \"My_Bucket\"\nsecret_access_key = \"abc\"\nbranch = \"gh pages\"\n",
    );
    let run = site.kepu(&["deploy"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        [
            "site.toml:4:12: endpoint \"oss-cn-shenzhen.aliyuncs.com\" is not the address of an object store",
            "site.toml:5:10: \"My_Bucket\" is not a bucket name",
            "site.toml:6:21: `secret_access_key` is a secret and must not be in site.toml: everyone who can read the site's files could use it",
            "site.toml:7:10: \"gh pages\" is not a branch name",
        ]
    );
    let typo = Site::bare().file(
        "site.toml",
        "title = \"t\"\nbase_url = \"https://a.org\"\n[deploy]\nbuckett = \"site\"\n",
    );
    let run = typo.kepu(&["deploy"]);
    assert_eq!(run.errors(), ["site.toml:4:1: unknown field `buckett`"]);
    assert!(
        !run.stderr.contains("secret"),
        "secrets are never suggested:\n{run}"
    );
}

/// Runs git with `args` and returns its standard output.
fn git(args: &[&str]) -> String {
    let output = Command::new("git").args(args).output().expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A site of two pages whose `[deploy]` names a new bare repository beside it, and
/// that repository.
fn site_with_a_bare_remote() -> (Site, std::path::PathBuf) {
    let site = Site::bare();
    let remote = site.outside().join("remote.git");
    git(&["init", "--quiet", "--bare", remote.to_str().unwrap()]);
    let site = site
        .file("site.toml", &format!("title = \"测试站\"\nbase_url = \"https://example.org\"\n[deploy]\nremote = \"{}\"\n", remote.display()))
        .file("content/_index.md", "+++\ntitle = \"首页\"\n+++\n欢迎。\n")
        .file("content/about.md", "+++\ntitle = \"关于\"\n+++\n简介。\n");
    (site, remote)
}

#[test]
fn deploy_git_commits_the_site_to_a_branch_only_when_it_changed() {
    if find(Tool::Git).is_none() {
        return;
    }
    let (site, remote) = site_with_a_bare_remote();
    let remote_arg = format!("--git-dir={}", remote.display());
    site.build(&[]).assert_ok();
    let epoch = [("SOURCE_DATE_EPOCH", "1527782400")];

    let dry = site.kepu_with_env(&["deploy", "git", "--dry-run"], &epoch);
    dry.assert_ok();
    assert!(
        dry.stdout
            .starts_with("Dry run, nothing was pushed: commit "),
        "{dry}"
    );
    assert_eq!(git(&[&remote_arg, "branch", "--list"]), "");

    let first = site.kepu_with_env(&["deploy", "git"], &epoch);
    first.assert_ok();
    let mut files = site.files("public");
    files.push(".nojekyll".into());
    files.sort();
    let pushed = format!(
        "with {} files to branch gh-pages of {}",
        files.len(),
        remote.display()
    );
    assert!(
        first.stdout.starts_with("Pushed commit ") && first.stdout.trim_end().ends_with(&pushed),
        "{first}"
    );
    let tree = git(&[&remote_arg, "ls-tree", "-r", "--name-only", "gh-pages"]);
    assert_eq!(tree.lines().collect::<Vec<_>>(), files);
    let log = git(&[&remote_arg, "log", "--format=%an <%ae> %at %s", "gh-pages"]);
    assert_eq!(log, "kepu <kepu@localhost> 1527782400 Publish 测试站\n");

    assert_only_changes_are_pushed(&site, &remote);
}

/// After a first `kepu deploy git` of `site` to `remote`: the same site again pushes
/// nothing, and a changed page makes one more commit.
#[track_caller]
fn assert_only_changes_are_pushed(site: &Site, remote: &Path) {
    let epoch = [("SOURCE_DATE_EPOCH", "1527782400")];
    let remote_arg = format!("--git-dir={}", remote.display());
    let again = site.kepu_with_env(&["deploy", "git"], &epoch);
    again.assert_ok();
    assert_eq!(
        again.stdout,
        format!(
            "Nothing changed: branch gh-pages of {} already holds this site; nothing was pushed\n",
            remote.display()
        )
    );
    assert_eq!(
        git(&[&remote_arg, "rev-list", "--count", "gh-pages"]),
        "1\n"
    );

    site.write(
        "content/about.md",
        "+++\ntitle = \"关于\"\n+++\n简介（修订）。\n".as_bytes(),
    );
    site.build(&[]).assert_ok();
    site.kepu_with_env(&["deploy", "git"], &epoch).assert_ok();
    assert_eq!(
        git(&[&remote_arg, "rev-list", "--count", "gh-pages"]),
        "2\n"
    );
    let page = git(&[&remote_arg, "show", "gh-pages:about/index.html"]);
    assert!(page.contains("简介（修订）"));
}
