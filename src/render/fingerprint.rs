//! Fingerprinted names for the stylesheets, scripts, icons and fonts of `static/`
//! (the theme's and the site's): `css/site.css` → `css/site.3f2a9c1e.css`, the CRC-32
//! of its bytes in the name, so that a CDN or browser may keep it for a year: a
//! changed file gets a new name.
//!
//! Made once per build, before any template runs, so that `build` and `serve` plan
//! the same files: each copy is written beside its original (which stays, for links
//! written by hand), `get_url` links to it (stylesheets and scripts without being
//! asked, icons and fonts with `hash=true`), and `_headers` marks it immutable.
//! Pictures and downloads are not copied: they are linked from pages, which a
//! fingerprint would not reach, and copies would double what is uploaded.

use std::collections::BTreeMap;

use crate::source::{Origin, SourceFile};

/// The fingerprinted name of each static file that gets one.
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// Path of the original (`css/site.css`) → fingerprinted path and file.
    files: BTreeMap<String, (String, Origin)>,
}

impl Fingerprints {
    /// Reads the static files that get a fingerprint ([`fingerprinted_kind`]) as the
    /// output has them: the site's `static/` wins over the theme's (they come in that
    /// order). A file that cannot be read gets none; its copy fails later, with a message.
    pub fn new(statics: &[SourceFile]) -> Fingerprints {
        let mut latest: BTreeMap<String, &Origin> = BTreeMap::new();
        for file in statics {
            let path = file.rel.to_string_lossy().replace('\\', "/");
            if fingerprinted_kind(&path) {
                latest.insert(path, &file.origin);
            }
        }
        let files = latest
            .into_iter()
            .filter_map(|(path, origin)| {
                let bytes = origin.read().ok()?;
                let name = fingerprinted(&path, crc32fast::hash(&bytes));
                Some((path, (name, origin.clone())))
            })
            .collect();
        Fingerprints { files }
    }

    /// The fingerprinted path of the static file at `path` (`css/site.css`, no
    /// leading slash), or `None` when it has none.
    pub fn name(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|(name, _)| name.as_str())
    }

    /// Every fingerprinted copy with the file it copies, sorted by original path.
    pub fn copies(&self) -> impl Iterator<Item = (&str, &Origin)> {
        self.files
            .values()
            .map(|(name, origin)| (name.as_str(), origin))
    }
}

/// `css/site.css` with hash `0x3f2a9c1e` → `css/site.3f2a9c1e.css`; a name without an
/// extension gets the hash at its end (`LICENSE.3f2a9c1e`).
fn fingerprinted(path: &str, hash: u32) -> String {
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let named = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash:08x}.{ext}"),
        _ => format!("{file}.{hash:08x}"),
    };
    if dir.is_empty() {
        named
    } else {
        format!("{dir}/{named}")
    }
}

fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase()
}

/// Whether a static file gets a fingerprinted copy: stylesheets, scripts, icons, fonts.
pub fn fingerprinted_kind(path: &str) -> bool {
    matches!(
        extension(path).as_str(),
        "css" | "js" | "mjs" | "svg" | "ico" | "woff" | "woff2" | "ttf" | "otf"
    )
}

/// Whether `get_url` links to the fingerprinted copy without being asked
/// (`hash=true`): stylesheets and scripts, which a theme changes and every page loads.
pub fn by_default(path: &str) -> bool {
    matches!(extension(path).as_str(), "css" | "js" | "mjs")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn statics(files: &[(&str, &'static [u8])]) -> Fingerprints {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(p, bytes)| SourceFile {
                display: PathBuf::from(p),
                rel: PathBuf::from(p),
                origin: Origin::Builtin(bytes),
                size: bytes.len() as u64,
            })
            .collect();
        Fingerprints::new(&files)
    }

    #[test]
    fn names_carry_the_crc_of_the_bytes_before_the_extension() {
        assert_eq!(
            fingerprinted("css/site.css", 0x3f2a9c1e),
            "css/site.3f2a9c1e.css"
        );
        assert_eq!(fingerprinted("a.min.js", 1), "a.min.00000001.js");
        assert_eq!(fingerprinted("LICENSE", 0xff), "LICENSE.000000ff");
        assert_eq!(fingerprinted(".htaccess", 0xff), ".htaccess.000000ff");
    }

    #[test]
    fn stylesheets_scripts_and_icons_get_one_and_the_site_wins() {
        let f = statics(&[
            ("css/site.css", b"theme"),
            ("favicon.svg", b"<svg/>"),
            ("images/qr.png", b"png"),
            ("css/site.css", b"site"),
        ]);
        let css = format!("css/site.{:08x}.css", crc32fast::hash(b"site"));
        assert_eq!(f.name("css/site.css"), Some(css.as_str()));
        assert!(f.name("favicon.svg").is_some());
        assert_eq!(f.name("images/qr.png"), None);
        assert_eq!(f.copies().count(), 2);
    }
}
