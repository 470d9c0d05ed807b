//! Creates new files for editors: `kepu init` writes a small working site, `kepu new`
//! one page of a given kind with its front matter filled in. Neither ever overwrites
//! a file.

mod archetypes;
mod init;
mod new;

use std::path::Path;

use crate::diag::Msg;

pub use init::init;
pub use new::{NewOptions, new_page};

/// Writes a new file (and its folders), failing if it exists: scaffolding never
/// overwrites an editor's file. `shown` is the path used in messages.
fn write_new(target: &Path, shown: &Path, text: &str) -> Result<(), Msg> {
    let failed = |path: &Path, e: std::io::Error| (path.display().to_string(), e.to_string());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            let (path, error) = failed(parent, e);
            Msg::CannotCreate { path, error }
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| {
            let (path, error) = failed(shown, e);
            Msg::CannotCreate { path, error }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| {
        let (path, error) = failed(shown, e);
        Msg::CannotWrite { path, error }
    })
}
