//! The answers `--external` remembers: addresses that answered fine, with the time
//! they did, in `links.json` of the cache folder. An answer is trusted for a day
//! ([`KEEP`]); failures are never kept, so every check asks them again. A missing or
//! unreadable file is an empty memory; the file is written to a temporary name and
//! renamed into place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How long an answer that was fine is trusted, in seconds.
const KEEP: i64 = 24 * 60 * 60;

/// The file, in the cache folder.
const FILE: &str = "links.json";

/// The remembered answers.
#[derive(Debug)]
pub struct Memory {
    path: PathBuf,
    now: i64,
    file: Stored,
}

/// The file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    /// Address → Unix time (seconds) of its last fine answer.
    fine: BTreeMap<String, i64>,
}

impl Memory {
    /// The memory of the cache folder `dir`, without the answers older than [`KEEP`].
    pub fn load(dir: &Path) -> Memory {
        let path = dir.join(FILE);
        let now = jiff::Timestamp::now().as_second();
        let mut file: Stored = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        file.fine.retain(|_, at| now - *at < KEEP && *at <= now);
        Memory { path, now, file }
    }

    /// Whether `url` answered fine within the last day.
    pub fn knows(&self, url: &str) -> bool {
        self.file.fine.contains_key(url)
    }

    /// Remembers that `url` answered fine just now.
    pub fn remember(&mut self, url: &str) {
        self.file.fine.insert(url.to_string(), self.now);
    }

    /// Writes the memory back (nothing to write: no file is made).
    pub fn save(&self) -> std::io::Result<()> {
        if self.file.fine.is_empty() && !self.path.exists() {
            return Ok(());
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let json = serde_json::to_vec_pretty(&self.file).map_err(std::io::Error::other)?;
        std::fs::write(&temp, json)?;
        std::fs::rename(&temp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_answers_are_kept_for_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let mut memory = Memory::load(dir.path());
        memory.remember("https://a.org/");
        memory.save().unwrap();
        assert!(Memory::load(dir.path()).knows("https://a.org/"));
        let old = Stored {
            fine: [("https://a.org/".to_string(), memory.now - KEEP - 1)].into(),
        };
        std::fs::write(dir.path().join(FILE), serde_json::to_vec(&old).unwrap()).unwrap();
        assert!(!Memory::load(dir.path()).knows("https://a.org/"));
    }
}
