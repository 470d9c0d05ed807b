//! Watching the site's source folders with notify, debounced: a burst of saves (an
//! editor writing a temp file, renaming it, touching the folder) becomes one rebuild.
//! Editor temp files and the output folder are ignored; `--poll` uses polling for file
//! systems where change notifications do not arrive (network drives, some containers).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::diag::Msg;
use crate::source::is_ignored_name;

/// How long to wait for more changes before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The folders and files that feed a build.
const WATCHED: [&str; 7] = [
    "content",
    "templates",
    "themes",
    "static",
    "data",
    "i18n",
    "site.toml",
];

/// A running watcher and the channel its changes arrive on.
pub struct Watcher {
    inner: Box<dyn notify::Watcher + Send>,
    root: PathBuf,
    /// The source folders watched so far (a folder created later is added when it
    /// appears: `templates/` made to override one partial of the theme).
    watched: Vec<PathBuf>,
    events: Receiver<notify::Result<Event>>,
}

impl Watcher {
    /// Starts watching every source folder of the site at `root`.
    pub fn start(root: &Path, poll: bool) -> Result<Watcher, Msg> {
        let (sender, events) = channel();
        let mut inner: Box<dyn notify::Watcher + Send> = if poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
            Box::new(
                PollWatcher::new(sender, config).map_err(|e| Msg::CannotWatchFiles {
                    error: e.to_string(),
                })?,
            )
        } else {
            Box::new(
                RecommendedWatcher::new(sender, notify::Config::default()).map_err(|e| {
                    Msg::CannotWatchFilesPoll {
                        error: e.to_string(),
                    }
                })?,
            )
        };
        // Watch the root itself (not recursively) to see site.toml and new folders appear.
        inner
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(root, e))?;
        let mut watcher = Watcher {
            inner,
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            watched: Vec::new(),
            events,
        };
        let root = watcher.root.clone();
        watcher.watch_new_folders(&root)?;
        Ok(watcher)
    }

    /// Starts watching the source folders of `root` not watched yet.
    fn watch_new_folders(&mut self, root: &Path) -> Result<(), Msg> {
        for name in WATCHED {
            let path = root.join(name);
            if path.is_dir() && !self.watched.contains(&path) {
                self.inner
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(&path, e))?;
                self.watched.push(path);
            }
        }
        Ok(())
    }

    /// Waits for changes and returns the changed paths of one burst (possibly empty
    /// when only ignored files changed). `noticed` is called once, as soon as the
    /// first relevant change arrives, before waiting for the burst to end.
    pub fn next_batch(&mut self, noticed: impl FnOnce()) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        let Ok(first) = self.events.recv() else {
            std::thread::sleep(Duration::from_secs(1));
            return paths;
        };
        let mut noticed = Some(noticed);
        collect(&self.root, first, &mut paths);
        loop {
            if !paths.is_empty()
                && let Some(noticed) = noticed.take()
            {
                noticed();
            }
            let Ok(event) = self.events.recv_timeout(DEBOUNCE) else {
                break;
            };
            collect(&self.root, event, &mut paths);
        }
        paths.sort();
        paths.dedup();
        // A folder that cannot be watched now is tried again at the next change.
        let root = self.root.clone();
        let _ = self.watch_new_folders(&root);
        paths
    }
}

fn collect(root: &Path, event: notify::Result<Event>, paths: &mut Vec<PathBuf>) {
    let Ok(event) = event else { return };
    // Events were lost (the system's queue overflowed): the site root stands for
    // "anything may have changed", so the next build walks and stats every file (see
    // `Session::changed`).
    if event.need_rescan() {
        paths.push(root.to_path_buf());
        return;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in event.paths {
        if is_relevant(root, &path) {
            paths.push(path);
        }
    }
}

/// Changes to editor temp files, hidden files and the output do not trigger a build.
/// Only the part of the path inside the site counts: the site itself may live in a
/// hidden folder.
fn is_relevant(root: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let ignored = inside.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        is_ignored_name(&name) || name == "public" || name == "target"
    });
    !ignored
}

/// A folder that cannot be watched, and why.
fn cannot_watch(path: &Path, error: notify::Error) -> Msg {
    Msg::CannotWatch {
        path: path.display().to_string(),
        error: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files_and_output_are_not_relevant() {
        let root = Path::new("/tmp/.tmpX/s");
        assert!(is_relevant(root, Path::new("/tmp/.tmpX/s/content/a.md")));
        assert!(!is_relevant(
            root,
            Path::new("/tmp/.tmpX/s/content/.a.md.swp")
        ));
        assert!(!is_relevant(root, Path::new("/tmp/.tmpX/s/content/a.md~")));
        assert!(!is_relevant(
            root,
            Path::new("/tmp/.tmpX/s/public/index.html")
        ));
    }
}
