//! `kepu serve`: builds the site into memory through the same pipeline as `build`,
//! serves the last good build over HTTP, rebuilds when a source file changes, and
//! pushes a reload (or a style refresh) to open pages. A failed build keeps the last
//! good site online and shows its errors over every page until they are fixed.
//!
//! Sits on top of the pipeline, beside `cli`: [`watch`] notices changes, [`http`]
//! answers requests, [`reload`] is the browser side (live-reload script, error overlay).

mod http;
mod reload;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::diag::Diagnostics;
use crate::messages::Messages;
use crate::output::Output;
use crate::pipeline::{self, BuildOptions};

/// Options of `kepu serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on (loopback by default).
    pub bind: IpAddr,
    /// Preferred port; the next free one is used when it is taken.
    pub port: u16,
    /// Build drafts too.
    pub drafts: bool,
    /// Poll the file system instead of relying on change notifications.
    pub poll: bool,
    /// Open the site in the default browser.
    pub open: bool,
    /// The language of the console and the error overlay.
    pub messages: Messages,
}

/// What the server shows: the last good build and, if the latest build failed, why.
#[derive(Default)]
pub struct Snapshot {
    /// The last successful build.
    pub output: Option<Arc<Output>>,
    /// Errors of the latest build, when it failed.
    pub errors: Option<Arc<Diagnostics>>,
}

/// State shared by the HTTP threads and the rebuild loop.
pub struct Shared {
    /// What is served now.
    pub snapshot: Mutex<Snapshot>,
    /// Open live-reload connections.
    pub clients: Mutex<Vec<Sender<reload::Event>>>,
    /// The language of the error overlay.
    pub messages: Messages,
}

impl Shared {
    fn current(&self) -> (Option<Arc<Output>>, Option<Arc<Diagnostics>>) {
        let snapshot = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        (snapshot.output.clone(), snapshot.errors.clone())
    }

    /// Sends an event to every open page, forgetting pages that have closed.
    fn broadcast(&self, event: reload::Event) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(event).is_ok());
    }
}

/// Runs the server until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let (server, addr) = http::bind(options.bind, options.port)?;
    let base_url = format!("http://{}", display_addr(addr));
    let build_options = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        base_url: Some(base_url.clone()),
        now: None,
        write_to: None,
    };
    let shared = Arc::new(Shared {
        snapshot: Mutex::new(Snapshot::default()),
        clients: Mutex::new(Vec::new()),
        messages: options.messages,
    });
    rebuild(&build_options, &shared);

    let watcher = watch::Watcher::start(&options.root, options.poll)?;
    {
        let shared = shared.clone();
        std::thread::spawn(move || http::serve(server, shared));
    }
    let serving = format!(
        "Serving {} at {base_url}/ (Ctrl-C to stop)",
        options.root.display()
    );
    println!("{}", options.messages.text(&serving));
    if options.open {
        open_browser(&format!("{base_url}/"), &options.messages);
    }
    loop {
        let changes = watcher.next_batch();
        if changes.is_empty() {
            continue;
        }
        let styles_only = changes
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        let ok = rebuild(&build_options, &shared);
        shared.broadcast(if ok && styles_only {
            reload::Event::Styles
        } else {
            reload::Event::Reload
        });
    }
}

/// Builds once and updates what is served; prints the outcome. Returns true on success.
fn rebuild(options: &BuildOptions, shared: &Shared) -> bool {
    let started = Instant::now();
    let result = pipeline::build(options);
    let mut snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
    let m = &shared.messages;
    match result {
        Ok(built) => {
            crate::cli::print_diagnostics(&built.warnings, m);
            let done = format!(
                "Built {} pages in {} ms",
                built.site.pages.len(),
                started.elapsed().as_millis()
            );
            println!("{}", m.text(&done));
            snapshot.output = Some(Arc::new(built.output));
            snapshot.errors = None;
            true
        }
        Err(diags) => {
            crate::cli::print_diagnostics(&diags, m);
            println!(
                "{}",
                m.text("The site has errors: still serving the last good build, with the errors shown on every page.")
            );
            snapshot.errors = Some(Arc::new(diags));
            false
        }
    }
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

fn open_browser(url: &str, m: &Messages) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command)
        .arg(url)
        .spawn()
        .is_err()
    {
        let failed = format!("Could not open a browser; open {url} yourself.");
        println!("{}", m.text(&failed));
    }
}
