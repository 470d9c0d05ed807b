//! The outside programs some tests need (Chromium, node, the browser packages of
//! `tests/browser`, git, and the Python venvs `.ci/run` makes under `target/`), found
//! in one place, by [`find`].
//!
//! A test never passes without having run. When a tool is missing, [`find`] fails the
//! test, saying how to install the tool, unless the environment variable
//! `KEPU_SKIP_TOOL_TESTS=1` is set and `CI` is not: then it prints one line (to the
//! real standard error, past the test harness's capture) naming the test that did not
//! run and why, returns `None`, and the test returns at once. Under `CI` a missing
//! tool always fails, so a green CI run means every test ran; `.ci/run` installs them
//! all and stops when it cannot.
//!
//! Why not `#[ignore]`: the README's test command, plain `cargo test`, must run these
//! tests on every machine that has the tools, and an ignored test would not run there
//! unless asked; nor does Rust let a test ignore itself at run time.

use std::io::Write;
use std::path::{Path, PathBuf};

/// An outside program or package a test needs.
#[derive(Clone, Copy, Debug)]
pub enum Tool {
    /// Debian's Chromium, for the real-browser tests (`$CHROMIUM` names another).
    Chromium,
    /// node, to run the theme's scripts and the browser scripts of `tests/browser`.
    Node,
    /// `tests/browser/node_modules` with playwright-core and axe-core
    /// (`$KEPU_BROWSER_MODULES` names another).
    BrowserModules,
    /// git, for `kepu deploy git` (found on `PATH`, as kepu itself finds it).
    Git,
    /// moto's S3 server in `target/moto-venv` (`$KEPU_MOTO_SERVER` names another).
    Moto,
    /// The Python of `target/ical-venv`, with icalendar and recurring-ical-events
    /// (`$KEPU_ICAL_PYTHON` names another).
    IcalPython,
    /// The Python of `target/schema-venv`, with jsonschema (`$KEPU_SCHEMA_PYTHON` names
    /// another).
    SchemaPython,
}

impl Tool {
    /// The environment variable that names the tool's path instead of the usual place.
    fn env(self) -> Option<&'static str> {
        match self {
            Tool::Chromium => Some("CHROMIUM"),
            Tool::BrowserModules => Some("KEPU_BROWSER_MODULES"),
            Tool::Moto => Some("KEPU_MOTO_SERVER"),
            Tool::IcalPython => Some("KEPU_ICAL_PYTHON"),
            Tool::SchemaPython => Some("KEPU_SCHEMA_PYTHON"),
            Tool::Node | Tool::Git => None,
        }
    }

    /// Where the tool usually is: program names looked up on `PATH`, or a path in
    /// this repository.
    fn usual(self) -> Option<PathBuf> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        match self {
            Tool::Chromium => on_path(&["chromium", "chromium-browser", "google-chrome"]),
            Tool::Node => on_path(&["node", "nodejs"]),
            Tool::Git => on_path(&["git"]),
            Tool::BrowserModules => Some(repo.join("tests/browser/node_modules")),
            Tool::Moto => Some(repo.join("target/moto-venv/bin/moto_server")),
            Tool::IcalPython => Some(repo.join("target/ical-venv/bin/python")),
            Tool::SchemaPython => Some(repo.join("target/schema-venv/bin/python")),
        }
    }

    /// Whether `path` is the tool: a file, or for the browser packages a folder with
    /// both.
    fn is_at(self, path: &Path) -> bool {
        match self {
            Tool::BrowserModules => {
                path.join("playwright-core").is_dir() && path.join("axe-core").is_dir()
            }
            _ => path.is_file(),
        }
    }

    /// What is missing and how to get it, in a maintainer's words.
    fn missing(self) -> &'static str {
        match self {
            Tool::Chromium => "no Chromium on PATH: install Debian's `chromium` (or set CHROMIUM)",
            Tool::Node => "no node on PATH: install Debian's `nodejs`",
            Tool::BrowserModules => {
                "no playwright-core and axe-core: run `npm ci --ignore-scripts --prefix tests/browser` (or set KEPU_BROWSER_MODULES)"
            }
            Tool::Git => "no git on PATH: install git",
            Tool::Moto => {
                "no moto server in target/moto-venv: run .ci/run (or set KEPU_MOTO_SERVER)"
            }
            Tool::IcalPython => {
                "no Python with icalendar in target/ical-venv: run .ci/run (or set KEPU_ICAL_PYTHON)"
            }
            Tool::SchemaPython => {
                "no Python with jsonschema in target/schema-venv: run .ci/run (or set KEPU_SCHEMA_PYTHON)"
            }
        }
    }
}

/// The path of `tool`. When it is missing: a failure, or `None` (the test returns)
/// with `KEPU_SKIP_TOOL_TESTS=1` outside CI; see the module documentation.
#[track_caller]
pub fn find(tool: Tool) -> Option<PathBuf> {
    let named = tool.env().and_then(std::env::var_os).map(PathBuf::from);
    let path = named.or_else(|| tool.usual());
    if let Some(path) = path.filter(|p| tool.is_at(p)) {
        return Some(path);
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("this test");
    let why = tool.missing();
    if std::env::var_os("CI").is_some() {
        panic!("{test} cannot run: {why}. CI is set, so a missing tool is a failure");
    }
    if std::env::var("KEPU_SKIP_TOOL_TESTS").is_ok_and(|v| v == "1") {
        // Straight to standard error: the harness would hide a passing test's print.
        let _ = writeln!(std::io::stderr(), "not run: {test}: {why}");
        return None;
    }
    panic!(
        "{test} cannot run: {why}. To pass over the tests that need it, set KEPU_SKIP_TOOL_TESTS=1"
    )
}

/// The first of `names` in a folder of `PATH`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}
