//! The image cache on disk: what the image step made of each source image, kept
//! between builds in a folder outside the output (`.kepu-cache/images/` by default;
//! `[images] cache_dir`, `--cache-dir`).
//!
//! Part of the image step ([`super::process`]). An entry's name is the key: the BLAKE3
//! hash of the source's bytes, the processing settings, [`RECIPE`] and the versions of
//! the JPEG and WebP encoders ([`super::libjpeg::ENCODER`], [`super::lossy::ENCODER`]),
//! so an edited
//! photo, a changed setting or a new encoder gets a new entry and never an old copy.
//! An entry is one file: a header (JSON: sizes and lengths), the bytes of the cleaned
//! original and of every copy, and a BLAKE3 hash of all of it. A file whose hash,
//! name or layout does not match (cut short by a crash, written by something else) is
//! treated as missing and made again; it is never published. Entries are written to a
//! temporary file and renamed into place, so a reader sees a whole entry or none.
//! `build` and `serve` use the same folder; after a build, entries no image used are
//! removed ([`Store::prune`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::make::{Copy, Made};

/// What the cached bytes depend on besides the source and the settings: the layout of
/// an entry, how copies are made (bump it when [`super::make`] changes) and the
/// version of the `image` crate that encodes them.
pub const RECIPE: &str = "kepu-images 4; image 0.25";

/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"KEPUIMG1";

/// The folder of image entries inside a cache folder.
const SUBDIR: &str = "images";

/// A cache folder's image entries.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// The header of an entry: everything but the bytes.
#[derive(Serialize, Deserialize)]
struct Header {
    width: u32,
    height: u32,
    original: Option<usize>,
    copies: Vec<(u32, bool, usize)>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// The image entries of the cache folder `cache_dir`.
    pub fn new(cache_dir: &Path) -> Store {
        Store {
            dir: cache_dir.join(SUBDIR),
        }
    }

    /// The key of a source's bytes processed with `settings` (their `Debug` text).
    pub fn key(source: &[u8], settings: &str) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(RECIPE.as_bytes());
        hasher.update(&[0]);
        hasher.update(super::libjpeg::ENCODER.as_bytes());
        hasher.update(&[0]);
        hasher.update(super::lossy::ENCODER.as_bytes());
        hasher.update(&[0]);
        hasher.update(settings.as_bytes());
        hasher.update(&[0]);
        hasher.update(blake3::hash(source).as_bytes());
        hasher.finalize().to_hex().to_string()
    }

    /// The entry of `key`, if there is a whole and genuine one.
    pub fn load(&self, key: &str) -> Option<Made> {
        let bytes = std::fs::read(self.dir.join(key)).ok()?;
        decode(&bytes, key)
    }

    /// Writes the entry of `key` (to a temporary file renamed into place).
    pub fn save(&self, key: &str, made: &Made) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = self
            .dir
            .join(format!(".{key}.{}.{n}.tmp", std::process::id()));
        std::fs::write(&temp, encode(made, key))?;
        std::fs::rename(&temp, self.dir.join(key)).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }

    /// Removes the entries whose key is not in `used`; returns how many went.
    pub fn prune(&self, used: &HashSet<String>) -> usize {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in listing.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            // Only what looks like an entry: never a file someone else put there.
            let is_entry = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
            if is_entry && !used.contains(name) && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// The folder of the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// An entry's bytes: magic, key, header length and header, payloads, hash.
fn encode(made: &Made, key: &str) -> Vec<u8> {
    let header = Header {
        width: made.width,
        height: made.height,
        original: made.original.as_ref().map(Vec::len),
        copies: made
            .copies
            .iter()
            .map(|c| (c.width, c.webp, c.bytes.len()))
            .collect(),
    };
    let header = serde_json::to_vec(&header).unwrap_or_default();
    let payload: usize = made.copies.iter().map(|c| c.bytes.len()).sum();
    let mut out = Vec::with_capacity(header.len() + payload + 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    if let Some(original) = &made.original {
        out.extend_from_slice(original);
    }
    for copy in &made.copies {
        out.extend_from_slice(&copy.bytes);
    }
    let hash = blake3::hash(&out);
    out.extend_from_slice(hash.as_bytes());
    out
}

/// The entry in `bytes`, if its hash, key and layout hold.
fn decode(bytes: &[u8], key: &str) -> Option<Made> {
    let (body, hash) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
    if blake3::hash(body).as_bytes() != hash {
        return None;
    }
    let rest = body.strip_prefix(MAGIC)?.strip_prefix(key.as_bytes())?;
    let (len, rest) = rest.split_at_checked(4)?;
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let (header, mut rest) = rest.split_at_checked(len)?;
    let header: Header = serde_json::from_slice(header).ok()?;
    let mut take = |n: usize| -> Option<Vec<u8>> {
        let (part, after) = rest.split_at_checked(n)?;
        rest = after;
        Some(part.to_vec())
    };
    let original = match header.original {
        Some(n) => Some(take(n)?),
        None => None,
    };
    let mut copies = Vec::with_capacity(header.copies.len());
    for (width, webp, n) in header.copies {
        copies.push(Copy {
            width,
            webp,
            bytes: take(n)?,
        });
    }
    rest.is_empty().then_some(Made {
        width: header.width,
        height: header.height,
        original,
        copies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Made {
        Made {
            width: 4,
            height: 3,
            original: Some(b"orig".to_vec()),
            copies: vec![Copy {
                width: 2,
                webp: false,
                bytes: b"small".to_vec(),
            }],
        }
    }

    #[test]
    fn an_entry_reads_back_and_a_changed_byte_is_refused() {
        let key = Store::key(b"source", "settings");
        let bytes = encode(&sample(), &key);
        let made = decode(&bytes, &key).unwrap();
        assert_eq!((made.width, made.height), (4, 3));
        assert_eq!(made.original.as_deref(), Some(&b"orig"[..]));
        assert_eq!(made.copies[0].bytes, b"small");
        let mut broken = bytes.clone();
        let at = broken.len() - 40;
        broken[at] ^= 1;
        assert!(decode(&broken, &key).is_none());
        assert!(decode(&bytes[..bytes.len() - 1], &key).is_none());
        let other = Store::key(b"other source", "settings");
        assert!(decode(&bytes, &other).is_none());
    }
}
