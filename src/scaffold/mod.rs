//! Creates new files for editors: `kepu init` writes a small working site, `kepu new`
//! one page of a given kind with its front matter filled in. Neither ever overwrites
//! a file.

mod archetypes;
mod init;
mod new;

use std::path::Path;

pub use init::init;
pub use new::{NewOptions, new_page};

/// Writes a new file (and its folders), failing if it exists: scaffolding never
/// overwrites an editor's file. `shown` is the path used in messages.
fn write_new(target: &Path, shown: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| format!("cannot create {}: {e}", shown.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown.display()))
}
