//! The fixture every test uses: a tiny site in a temporary folder, and the real `kepu`
//! binary run on it.
//!
//! The site lives in `<tmp>/site/`, so that a test can also check that nothing was
//! written beside it (`<tmp>/` must hold only `site/`, and `--output` folders the test
//! asked for). Builds always get `--now 2018-06-01T00:00:00+08:00` and never see
//! `SOURCE_DATE_EPOCH` from the environment, so no test depends on the clock unless it
//! says so. Messages are in English (`KEPU_LANG=en`) unless a test asks for another
//! language, although the fixture sites are Chinese.
//!
//! Tests that need an outside program (Chromium, node, git, moto, the Python venvs of
//! `.ci/run`) find it through [`tools::find`], which fails the test when it is missing
//! (always under `CI`); with `KEPU_SKIP_TOOL_TESTS=1` outside CI such a test prints one
//! line saying it did not run, and returns. Browser tests use [`browser`] and the one
//! test HTTP server, [`server`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub mod browser;
pub mod server;
pub mod tools;

use tools::Tool;

/// The build time of every test that is not about the clock.
pub const NOW: &str = "2018-06-01T00:00:00+08:00";

/// The `site.toml` written by [`Site::new`].
pub const SITE_TOML: &str = "title = \"测试站\"\nbase_url = \"https://example.org\"\n";

/// A site folder with its files.
pub struct Site {
    tmp: TempDir,
}

/// What one run of `kepu` printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with both outputs unless the run exited 0.
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, Some(0), "kepu failed:\n{self}");
        self
    }

    /// Panics unless the run exited with `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "unexpected exit status:\n{self}");
        self
    }

    /// The lines of standard error that are diagnostics (`path:line:col: …`), without
    /// their `help:` lines and the summary.
    pub fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with(' ') && l.contains(": "))
            .filter(|l| !l.starts_with("Nothing was written"))
            .collect()
    }

    /// The line `--timings` prints about images (`images: 7 made, 0 from the cache`),
    /// trimmed; empty when there is none.
    pub fn image_counts(&self) -> String {
        self.stderr
            .lines()
            .find(|l| l.trim_start().starts_with("images:"))
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// True when a line of standard error equals `line`.
    pub fn has_stderr_line(&self, line: &str) -> bool {
        self.stderr.lines().any(|l| l == line)
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Site {
    /// A site with the minimal `site.toml` ([`SITE_TOML`]) and nothing else.
    pub fn new() -> Site {
        Site::bare().file("site.toml", SITE_TOML)
    }

    /// An empty site folder, without even `site.toml`.
    pub fn bare() -> Site {
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        std::fs::create_dir(tmp.path().join("site")).expect("create the site folder");
        Site { tmp }
    }

    /// A bare site whose `site.toml` names an `og_image` (a 600×400 PNG at
    /// `static/images/logo.png`): the picture pages without a cover share.
    pub fn with_og_image() -> Site {
        Site::bare()
            .file(
                "site.toml",
                &format!("{SITE_TOML}og_image = \"/images/logo.png\"\n"),
            )
            .bytes(
                "static/images/logo.png",
                &gradient(600, 400, image::ImageFormat::Png),
            )
    }

    /// The site folder.
    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// The temporary folder that holds the site folder.
    pub fn outside(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a text file (folders created as needed); `path` is relative to the site.
    pub fn file(self, path: &str, text: &str) -> Site {
        self.bytes(path, text.as_bytes())
    }

    /// Writes a file of raw bytes.
    pub fn bytes(self, path: &str, bytes: &[u8]) -> Site {
        self.write(path, bytes);
        self
    }

    /// Writes (or overwrites) a file of an existing fixture.
    pub fn write(&self, path: &str, bytes: &[u8]) {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).expect("create folders");
        std::fs::write(&target, bytes).expect("write fixture file");
    }

    /// Runs `kepu build --now NOW <args>` in the site folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--now", NOW];
        all.extend_from_slice(args);
        self.kepu(&all)
    }

    /// Runs `kepu build --now NOW`, fails the test unless it succeeded, and returns the
    /// site: the end of a chain of [`Site::file`]s.
    #[track_caller]
    pub fn built(self) -> Site {
        self.build(&[]).assert_ok();
        self
    }

    /// Runs `kepu <args>` in the site folder, without `SOURCE_DATE_EPOCH`.
    pub fn kepu(&self, args: &[&str]) -> Run {
        self.kepu_with_env(args, &[])
    }

    /// Runs `kepu <args>` in the site folder with extra environment variables.
    pub fn kepu_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(&self.root(), args, env)
    }

    /// The text of an output or site file; panics with the list of files if it is missing.
    #[track_caller]
    pub fn read(&self, path: &str) -> String {
        let full = self.root().join(path);
        match std::fs::read(&full) {
            Ok(bytes) => String::from_utf8(bytes).expect("output is UTF-8"),
            Err(e) => panic!(
                "cannot read {path}: {e}\nfiles of the site:\n{}",
                files_under(&self.root()).join("\n")
            ),
        }
    }

    /// Whether a file or folder exists, relative to the site folder.
    pub fn exists(&self, path: &str) -> bool {
        self.root().join(path).exists()
    }

    /// Every file under a folder of the site, relative to that folder, sorted.
    pub fn files(&self, dir: &str) -> Vec<String> {
        files_under(&self.root().join(dir))
    }

    /// Every file under a folder of the site with its bytes.
    pub fn snapshot(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root().join(dir);
        files_under(&base)
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(base.join(&f)).expect("read snapshot file");
                (f, bytes)
            })
            .collect()
    }

    /// The names directly inside the temporary folder that holds the site.
    pub fn names_outside(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.outside())
            .expect("list the temporary folder")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Runs the `kepu` binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kepu"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("KEPU_CODES")
        .env("KEPU_LANG", "en");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run kepu");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file (not folder) under `dir`, relative, with `/` separators, sorted.
/// Hidden files are listed too: a staging folder left behind must show up.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("read folder entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A content file: front matter lines between `+++` lines, then the body.
pub fn page(front_matter: &str, body: &str) -> String {
    format!("+++\n{front_matter}\n+++\n{body}")
}

/// The part of `html` between the first `start` and the next `end` (both excluded).
#[track_caller]
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found in:\n{html}"))
        + start.len();
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not found after {start:?} in:\n{html}"));
    &html[from..from + to]
}

/// A site template that prints only a page's rendered Markdown, for exact assertions.
pub const CONTENT_ONLY: &str = "{{ page.content }}";

/// The lines a script of `tests/ical/` prints for the calendar file `ics`, run by the
/// Python with `icalendar` and `recurring-ical-events` ([`Tool::IcalPython`]); `None`
/// (the caller returns) as [`tools::find`] decides.
pub fn ical_script(script: &str, ics: &Path) -> Option<Vec<String>> {
    let python = tools::find(Tool::IcalPython)?;
    let run = Command::new(&python)
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/ical")
                .join(script),
        )
        .arg(ics)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    Some(
        String::from_utf8(run.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// A PNG or JPEG of `w`×`h` pixels with a smooth gradient: large enough pictures get
/// smaller copies, and the gradient survives lossy encoding.
pub fn gradient(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// The lines `tests/api/validate.py` prints for the JSON API files of the output
/// folder `public` (`valid PATH` or `invalid PATH: where: why`), each file checked
/// against its schema in `docs/api/` by Python's `jsonschema`; fails the test when a
/// file is invalid. See [`api_schema_run`].
pub fn api_schema_check(public: &Path) -> Option<Vec<String>> {
    let (valid, lines) = api_schema_run(public)?;
    assert!(valid, "{}", lines.join("\n"));
    Some(lines)
}

/// Runs `tests/api/validate.py` over `public` with the Python with `jsonschema`
/// ([`Tool::SchemaPython`]): whether every file is valid, and the lines it printed.
/// `None` (the caller returns) as [`tools::find`] decides.
pub fn api_schema_run(public: &Path) -> Option<(bool, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = tools::find(Tool::SchemaPython)?;
    let run = Command::new(&python)
        .arg(root.join("tests/api/validate.py"))
        .arg(root.join("docs/api"))
        .arg(public)
        .output()
        .unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    // A crash (no jsonschema, a broken schema) prints no verdicts at all.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("valid") || l.starts_with("invalid")),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines = stdout.lines().map(str::to_string).collect();
    Some((run.status.success(), lines))
}

/// The fake ICC profile the fixtures carry: kept byte for byte.
pub const ICC: &[u8] = b"kepu test colour profile";

/// A TIFF block (little-endian) with Make "Phone", the orientation and a GPS latitude.
pub fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 3 entries, ends at 50; "Phone\0" at 50; the GPS IFD at 56.
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 6, 50);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, 56);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(b"Phone\0");
    // GPS IFD: latitude reference N, latitude 23/1 1/1 0/1 at 86.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 86);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(23u32, 1u32), (1, 1), (0, 1)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t
}

/// A JPEG header segment: `marker` and its length-prefixed `payload`.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// A phone-like JPEG of `w`×`h` stored pixels: red left half, blue right half, with
/// EXIF (GPS, make, `orientation`), XMP and an ICC profile.
pub fn phone_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let grain = ((x * 7 + y * 13) % 16) as u8;
        if x < w / 2 {
            image::Rgb([220, 20 + grain, 20])
        } else {
            image::Rgb([20, 20 + grain, 220])
        }
    });
    use image::ImageEncoder;
    let mut jpeg = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90);
    encoder.set_icc_profile(ICC.to_vec()).unwrap();
    encoder.encode_image(&img).unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif(orientation));
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>23,1N</exif:GPSLatitude></x:xmpmeta>";
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &app1));
    out.extend(segment(0xE1, xmp));
    out.extend(segment(0xFE, b"taken by Phone"));
    out.extend_from_slice(&jpeg[2..]);
    out
}
