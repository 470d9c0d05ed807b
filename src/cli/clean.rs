//! `kepu clean`: remove what kepu keeps between builds (the image cache, see
//! [`crate::render::images::store`]). The site and its output are untouched, and only
//! kepu's own folder inside the cache folder goes, so a `cache_dir` set by mistake to
//! a folder of the site never costs an editor a file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::config::Config;
use crate::messages::Messages;
use crate::render::images::store::Store;

/// Options of `kepu clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The cache folder to empty (default: `[images] cache_dir` of site.toml, else
    /// .kepu-cache in the site folder).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Runs `kepu clean`.
pub fn run(args: CleanArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let cache_dir = match args.cache_dir {
        Some(dir) => dir,
        None => match Config::load(&root) {
            Ok(config) => root.join(config.images.cache_dir),
            Err(diags) => {
                print_diagnostics(&diags, &m);
                return ExitCode::from(1);
            }
        },
    };
    let store = Store::new(&cache_dir);
    let files = std::fs::read_dir(store.dir()).map_or(0, |d| d.count());
    match std::fs::remove_dir_all(store.dir()) {
        Ok(()) => {
            // The cache folder itself only when nothing else is in it.
            let _ = std::fs::remove_dir(&cache_dir);
            let done = format!(
                "Removed the image cache {} ({}).",
                store.dir().display(),
                crate::diag::count(files, "file")
            );
            println!("{}", m.text(&done));
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let none = format!("There is no image cache at {}.", store.dir().display());
            println!("{}", m.text(&none));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let failed = format!("cannot remove {}: {e}", store.dir().display());
            eprintln!("{}", m.text(&failed));
            ExitCode::from(1)
        }
    }
}
