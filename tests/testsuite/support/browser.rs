//! Headless Chromium for the real-browser tests: the page as the browser left it
//! (`--dump-dom`), and the scripts of `tests/browser/` that drive Chromium through
//! playwright-core with node. The tools are found by [`super::tools::find`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::tools::{Tool, find};

/// Chromium, node and the packages of `tests/browser`, for a test that runs one of
/// its browser scripts.
pub struct Browser {
    /// The Chromium the scripts launch.
    pub chromium: PathBuf,
    node: PathBuf,
    modules: PathBuf,
}

/// The tools a browser script needs; `None` (the test returns) as [`find`] decides.
pub fn browser() -> Option<Browser> {
    let chromium = find(Tool::Chromium)?;
    let node = find(Tool::Node)?;
    let modules = find(Tool::BrowserModules)?;
    Some(Browser {
        chromium,
        node,
        modules,
    })
}

impl Browser {
    /// Runs `tests/browser/<script>` with `config` (plus `"chromium"`, the browser to
    /// launch) as its one argument, and returns the JSON it prints; fails the test,
    /// with what the script wrote, when it fails.
    #[track_caller]
    pub fn run_script(&self, script: &str, config: serde_json::Value) -> serde_json::Value {
        let mut config = config;
        config["chromium"] = serde_json::json!(self.chromium);
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/browser")
            .join(script);
        let output = Command::new(&self.node)
            .arg(&path)
            .arg(config.to_string())
            .env("NODE_PATH", &self.modules)
            .output()
            .expect("run node");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{script} failed: {}\n{stdout}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}): {stdout}"))
    }
}

/// The DOM of `url` in headless Chromium (a fresh profile, a 1400×1000 window) once
/// the page has loaded and its scripts have run out of work (up to ten seconds of the
/// page's own time); fails the test when Chromium takes more than 90 s.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().expect("create a Chromium profile folder");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    // Read while waiting: a full pipe would stop Chromium.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    // A hung browser must not hang the test suite.
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().expect("wait for chromium").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish loading {url} within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}
