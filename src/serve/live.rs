//! The site as `serve` shows it: a [`Preview`] of the last build, on a worker thread
//! of its own. A change then costs the stages up to the plan, not the render of every
//! page (see [`crate::pipeline::preview`]).
//!
//! The preview borrows the site, so both live on one worker thread that owns them; a
//! [`Live`] is the handle that sends it requests. Each request is answered on a
//! thread of its own, so a page never waits for [`Live::check`]. Dropping the handle
//! stops the worker, and with it a check still running.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::pipeline::{Prepared, Preview, Read, Timings};

/// A built site, rendered on request.
pub struct Live {
    requests: Sender<Request>,
    /// How many pages and sections the site has.
    pub pages: usize,
    /// The path of the site's base URL (`/assoc-site`, or `""`): what it is served under.
    pub prefix: String,
}

enum Request {
    Read(String, Sender<Option<Read>>),
    Contains(String, Sender<bool>),
    Paths(Sender<Vec<String>>),
    Check(Sender<Diagnostics>),
    StopCheck,
}

impl Live {
    /// Plans a prepared site on a worker thread (see [`Prepared::preview`]). Returns
    /// the warnings so far and the stage timings, or every error when the site cannot
    /// be rendered.
    pub fn start(prepared: Prepared) -> Result<(Live, Diagnostics, Timings), Diagnostics> {
        let pages = prepared.pages();
        let prefix = prepared.url_prefix().to_string();
        let (requests, receiver) = channel();
        let (ready, started) = channel();
        std::thread::spawn(move || {
            work(&prepared, receiver, ready);
            drop(prepared);
            crate::heap::give_back_freed("after a build was dropped");
        });
        match started.recv() {
            Ok(Ok((warnings, timings))) => Ok((
                Live {
                    requests,
                    pages,
                    prefix,
                },
                warnings,
                timings,
            )),
            Ok(Err(errors)) => Err(errors),
            Err(_) => {
                Err(std::iter::once(Diagnostic::error("", 0, 0, Msg::PreviewStopped)).collect())
            }
        }
    }

    /// The file at `path` (clean, relative), or `None` when the site has none there.
    pub fn read(&self, path: &str) -> Option<Read> {
        let (reply, answer) = channel();
        self.ask(Request::Read(path.to_string(), reply));
        answer.recv().ok().flatten()
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        let (reply, answer) = channel();
        self.ask(Request::Contains(path.to_string(), reply));
        answer.recv().unwrap_or(false)
    }

    /// Every path of the site, sorted.
    pub fn paths(&self) -> Vec<String> {
        let (reply, answer) = channel();
        self.ask(Request::Paths(reply));
        answer.recv().unwrap_or_default()
    }

    /// Starts rendering every file, to find the mistakes that only show when a page
    /// is rendered. The problems arrive on the returned channel, as `kepu build` would
    /// report them; nothing arrives if this site is dropped or the check stopped first
    /// (a newer build replaced it).
    pub fn check(&self) -> Receiver<Diagnostics> {
        let (reply, answer) = channel();
        self.ask(Request::Check(reply));
        answer
    }

    /// Stops a running [`Live::check`] (its channel then gets nothing): a change is
    /// being built, and the check would only slow that build down.
    pub fn stop_check(&self) {
        self.ask(Request::StopCheck);
    }

    fn ask(&self, request: Request) {
        // The worker only stops once this handle is dropped.
        let _ = self.requests.send(request);
    }
}

fn work(
    prepared: &Prepared,
    requests: Receiver<Request>,
    ready: Sender<Result<(Diagnostics, Timings), Diagnostics>>,
) {
    let preview = match prepared.preview() {
        Ok((preview, warnings, timings)) => {
            let _ = ready.send(Ok((warnings, timings)));
            preview
        }
        Err(errors) => {
            let _ = ready.send(Err(errors));
            return;
        }
    };
    std::thread::scope(|scope| {
        for request in requests {
            let preview = &preview;
            scope.spawn(move || answer(preview, request));
        }
        preview.stop();
    });
}

fn answer(preview: &Preview, request: Request) {
    // A closed reply channel means the asker gave up: nothing to do.
    match request {
        Request::Read(path, reply) => {
            let _ = reply.send(preview.read(&path));
        }
        Request::Contains(path, reply) => {
            let _ = reply.send(preview.contains(&path));
        }
        Request::Paths(reply) => {
            let _ = reply.send(preview.paths());
        }
        Request::Check(reply) => {
            let checked = preview.check();
            // What the check rendered and scanned is freed by now, on every thread.
            crate::heap::give_back_freed("after a check");
            if let Some(diags) = checked {
                let _ = reply.send(diags);
            }
        }
        Request::StopCheck => preview.stop(),
    }
}
