//! `kepu clean`: removes what kepu keeps or leaves outside the published site — the
//! hidden `.public.kepu-new`/`.public.kepu-old` folders and lock of interrupted builds
//! beside the output folder (and the `.public.kepu-new-1234` folders of older kepu
//! versions), and the image cache (see [`crate::render::images::store`]). The site's
//! sources and its output stay; only kepu's own folder inside the cache folder goes,
//! so a `cache_dir` set by mistake to a folder of the site never costs an editor a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{print_diagnostics, root_or_current};
use crate::config::Config;
use crate::diag::{Diagnostics, Msg};
use crate::messages::Messages;
use crate::render::images::store::Store;

/// Options of `kepu clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The output folder whose leftovers to remove; default: public/ in the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The cache folder to empty (default: `[images] cache_dir` of site.toml, else
    /// .kepu-cache in the site folder).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// Runs `kepu clean`.
pub fn run(args: CleanArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let removed = match crate::output::clean_beside(&output) {
        Ok(removed) => removed,
        Err(d) => {
            print_diagnostics(&std::iter::once(d).collect::<Diagnostics>(), &m);
            return ExitCode::from(1);
        }
    };
    for path in &removed {
        let line = Msg::Removed {
            path: super::shown_path(path),
        };
        println!("{}", m.message(&line));
    }
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
    match remove_image_cache(&cache_dir, &m) {
        Ok(false) if removed.is_empty() => println!("{}", m.message(&Msg::NothingToClean)),
        Ok(_) => {}
        Err(()) => return ExitCode::from(1),
    }
    ExitCode::SUCCESS
}

/// Removes the image cache under `cache_dir` and says so; `Ok(false)` when there was none.
fn remove_image_cache(cache_dir: &Path, m: &Messages) -> Result<bool, ()> {
    let store = Store::new(cache_dir);
    let files = std::fs::read_dir(store.dir()).map_or(0, |d| d.count());
    match std::fs::remove_dir_all(store.dir()) {
        Ok(()) => {
            // The cache folder itself only when nothing else is in it.
            let _ = std::fs::remove_dir(cache_dir);
            let done = Msg::RemovedImageCache {
                dir: store.dir().display().to_string(),
                files: Box::new(Msg::files(files)),
            };
            println!("{}", m.message(&done));
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => {
            let failed = Msg::CannotRemove {
                path: store.dir().display().to_string(),
                error: e.to_string(),
            };
            eprintln!("{}", m.message(&failed));
            Err(())
        }
    }
}
