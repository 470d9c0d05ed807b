//! Writing an import safely: every file goes first into a staging folder beside the
//! site, and is moved into place only when the whole import has succeeded, so a
//! failed import leaves the site as it was. A file that already exists with the same
//! bytes is left alone (a second identical run changes nothing); one with other bytes
//! is kept unless `--force`.

use std::path::{Path, PathBuf};

use crate::diag::Msg;

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// New, or replaced with `--force`: moved into place.
    Write,
    /// Already there with the same bytes.
    Same,
    /// Already there with other bytes, and no `--force`.
    Kept,
}

/// The files of an import, staged as they are made.
#[derive(Debug)]
pub struct Stage {
    site: PathBuf,
    dir: PathBuf,
    force: bool,
    files: Vec<(PathBuf, Fate)>,
}

/// What [`Stage::commit`] did.
#[derive(Debug, Default)]
pub struct Committed {
    /// Files written (site-relative).
    pub written: Vec<PathBuf>,
    /// Files already as imported.
    pub same: usize,
    /// Files that exist with other contents, left alone (no `--force`).
    pub kept: Vec<PathBuf>,
}

impl Stage {
    /// A staging folder inside `site` (created with the site if needed).
    pub fn new(site: &Path, force: bool) -> Result<Stage, Msg> {
        let dir = site.join(format!(".kepu-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Msg::CannotCreate {
            path: dir.display().to_string(),
            error: e.to_string(),
        })?;
        Ok(Stage {
            site: site.to_path_buf(),
            dir,
            force,
            files: Vec::new(),
        })
    }

    /// True when `rel` was already added in this import.
    pub fn has(&self, rel: &Path) -> bool {
        self.files.iter().any(|(p, _)| p == rel)
    }

    /// Adds a file with these bytes.
    pub fn bytes(&mut self, rel: &Path, bytes: &[u8]) -> Result<(), Msg> {
        let fate = match std::fs::read(self.site.join(rel)) {
            Ok(old) if old == bytes => Fate::Same,
            Ok(_) if !self.force => Fate::Kept,
            _ => Fate::Write,
        };
        if fate == Fate::Write {
            let target = self.dir.join(rel);
            create_parent(&target)?;
            std::fs::write(&target, bytes).map_err(|e| Msg::CannotWrite {
                path: target.display().to_string(),
                error: e.to_string(),
            })?;
        }
        self.files.push((rel.to_path_buf(), fate));
        Ok(())
    }

    /// Adds a copy of the file at `from`.
    pub fn copy(&mut self, rel: &Path, from: &Path) -> Result<(), Msg> {
        let bytes = std::fs::read(from).map_err(|e| Msg::CannotReadPath {
            path: from.display().to_string(),
            error: e.to_string(),
        })?;
        self.bytes(rel, &bytes)
    }

    /// Moves every staged file into place and removes the staging folder.
    pub fn commit(self) -> Result<Committed, Msg> {
        let mut done = Committed::default();
        for (rel, fate) in &self.files {
            match fate {
                Fate::Same => done.same += 1,
                Fate::Kept => done.kept.push(rel.clone()),
                Fate::Write => {
                    let target = self.site.join(rel);
                    create_parent(&target)?;
                    std::fs::rename(self.dir.join(rel), &target).map_err(|e| {
                        Msg::CannotMoveIntoPlace {
                            path: target.display().to_string(),
                            error: e.to_string(),
                        }
                    })?;
                    done.written.push(rel.clone());
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(done)
    }

    /// Removes the staging folder: nothing is written.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn create_parent(path: &Path) -> Result<(), Msg> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| Msg::CannotCreate {
            path: parent.display().to_string(),
            error: e.to_string(),
        }),
        None => Ok(()),
    }
}
