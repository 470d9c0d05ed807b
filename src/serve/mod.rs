//! `kepu serve`: builds the site into memory through the same pipeline as `build`,
//! serves the last good build over HTTP, rebuilds when a source file changes, and
//! pushes a reload (or a style refresh) to open pages. A failed build keeps the last
//! good site online and shows its errors over every page until they are fixed.
//!
//! A rebuild runs the stages up to the render through a [`Session`] (parsing only
//! the content files that changed) and plans the outputs; pages are rendered when a
//! browser asks for them ([`live`]). Right after the reload, every page is rendered in
//! the background, so that a template mistake in any page shows in the overlay.
//!
//! Sits on top of the pipeline, beside `cli`: [`watch`] notices changes, [`http`]
//! answers requests over [`wire`], [`reload`] is the browser side (live-reload
//! script, error overlay).

mod http;
pub mod live;
mod reload;
mod watch;
mod wire;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, Weak};
use std::time::Instant;

use crate::diag::{Diagnostics, Msg};
use crate::messages::Messages;
use crate::pipeline::{BuildOptions, Session, Timings};
use live::Live;

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
    /// Replaces `[images] cache_dir` (`--cache-dir`).
    pub cache_dir: Option<PathBuf>,
    /// Print the stage timings of every build (`--timings`).
    pub timings: bool,
}

/// What the server shows: the last good build and, if the latest build failed, why.
#[derive(Default)]
pub struct Snapshot {
    /// The last successful build.
    pub live: Option<Arc<Live>>,
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
    fn current(&self) -> (Option<Arc<Live>>, Option<Arc<Diagnostics>>) {
        let snapshot = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        (snapshot.live.clone(), snapshot.errors.clone())
    }

    /// Sends an event to every open page, forgetting pages that have closed.
    fn broadcast(&self, event: reload::Event) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(event).is_ok());
    }
}

/// Runs the server until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), Msg> {
    let (listener, addr) = http::bind(options.bind, options.port)?;
    let base_url = format!("http://{}", display_addr(addr));
    let build_options = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        base_url: None,
        origin: Some(base_url.clone()),
        now: None,
        write_to: None,
        cache_dir: options.cache_dir.clone(),
    };
    let shared = Arc::new(Shared {
        snapshot: Mutex::new(Snapshot::default()),
        clients: Mutex::new(Vec::new()),
        messages: options.messages,
    });
    let mut session = Session::new(build_options);
    rebuild(&mut session, &shared, options.timings);

    let mut watcher = watch::Watcher::start(&options.root, options.poll)?;
    {
        let shared = shared.clone();
        std::thread::spawn(move || http::serve(listener, shared));
    }
    announce(&options, &shared, &base_url);
    loop {
        rebuild_after_changes(&mut watcher, &mut session, &shared, options.timings);
    }
}

/// Waits for the next changes, builds them and tells open pages to reload (or to
/// refresh their styles, when only stylesheets changed).
fn rebuild_after_changes(
    watcher: &mut watch::Watcher,
    session: &mut Session,
    shared: &Arc<Shared>,
    timings: bool,
) {
    // The check of the current build would only slow the next one down.
    let changes = watcher.next_batch(|| {
        if let (Some(live), _) = shared.current() {
            live.stop_check();
        }
    });
    if changes.is_empty() {
        return;
    }
    let styles_only = changes
        .iter()
        .all(|p| p.extension().is_some_and(|e| e == "css"));
    session.changed(&changes);
    let ok = rebuild(session, shared, timings);
    shared.broadcast(if ok && styles_only {
        reload::Event::Styles
    } else {
        reload::Event::Reload
    });
}

/// Says where the site is served, and opens it in a browser when asked to. A site
/// published under a sub-path is served under it (see `http::strip_prefix`).
fn announce(options: &ServeOptions, shared: &Shared, base_url: &str) {
    let prefix = shared
        .current()
        .0
        .map(|l| l.prefix.clone())
        .unwrap_or_default();
    let serving = Msg::Serving {
        root: crate::escape::terminal(&options.root.to_string_lossy()).into_owned(),
        url: format!("{base_url}{prefix}"),
    };
    println!("{}", options.messages.message(&serving));
    if options.open {
        open_browser(&format!("{base_url}{prefix}/"), &options.messages);
    }
}

/// Builds the site as it is now, up to the plan (see [`live`]), with its warnings and
/// stage timings.
pub fn build(session: &mut Session) -> Result<(Live, Diagnostics, Timings), Diagnostics> {
    Live::start(session.prepare()?)
}

/// Builds once and updates what is served; prints the outcome (with the stage
/// timings when `timings`). Returns true on success, and then checks every page in
/// the background (see [`check_in_background`]).
fn rebuild(session: &mut Session, shared: &Arc<Shared>, timings: bool) -> bool {
    let started = Instant::now();
    let result = build(session);
    let m = &shared.messages;
    match result {
        Ok((live, warnings, stages)) => {
            crate::console::print_diagnostics(&warnings, m);
            if timings {
                crate::console::print_timings(&stages);
            }
            let done = Msg::BuiltIn {
                pages: live.pages,
                ms: started.elapsed().as_millis().to_string(),
            };
            println!("{}", m.message(&done));
            crate::heap::report("after a build", None);
            let live = Arc::new(live);
            {
                let mut snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
                snapshot.live = Some(live.clone());
                snapshot.errors = None;
            }
            check_in_background(&live, shared);
            true
        }
        Err(diags) => {
            crate::console::print_diagnostics(&diags, m);
            println!("{}", m.message(&Msg::ServingLastGood));
            let mut snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
            snapshot.errors = Some(Arc::new(diags));
            false
        }
    }
}

/// Renders every page of `live` on another thread; prints what that finds, and when a
/// page fails to render, shows the errors over every page (while `live` is still the
/// site served: a newer build stops the check).
fn check_in_background(live: &Arc<Live>, shared: &Arc<Shared>) {
    let found = live.check();
    let checked: Weak<Live> = Arc::downgrade(live);
    let shared = shared.clone();
    std::thread::spawn(move || {
        let Ok(diags) = found.recv() else { return };
        let m = &shared.messages;
        {
            let mut snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
            let current = snapshot
                .live
                .as_ref()
                .is_some_and(|l| Weak::ptr_eq(&Arc::downgrade(l), &checked));
            if !current {
                return;
            }
            crate::console::print_diagnostics(&diags, m);
            if !diags.has_errors() {
                return;
            }
            snapshot.errors = Some(Arc::new(diags));
        }
        shared.broadcast(reload::Event::Reload);
    });
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
        let failed = Msg::NoBrowser {
            url: url.to_string(),
        };
        println!("{}", m.message(&failed));
    }
}
