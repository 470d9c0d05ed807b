//! The files a page's body links to under `…/wp-content/uploads/YYYY/MM/`: found in
//! the `--uploads` folder (size variants such as `-300x200` traced to their original),
//! given a name in the page's bundle, and reported when missing.

use std::path::{Path, PathBuf};

/// Where uploads are looked for, and the old site's address.
#[derive(Debug)]
pub struct Uploads {
    /// The `--uploads` folder, if given.
    pub dir: Option<PathBuf>,
    /// The old site's address without a trailing slash.
    pub site: String,
}

/// The files one page links to.
#[derive(Debug, Default)]
pub struct Bundle {
    /// (file name in the bundle, file to copy).
    pub files: Vec<(String, PathBuf)>,
    /// Upload paths (`2018/05/a.jpg`) that are not in `--uploads`.
    pub missing: Vec<String>,
    /// Uploads linked while no `--uploads` was given.
    pub remote: usize,
}

/// The part of an address after `/wp-content/uploads/`, without query or fragment.
pub fn upload_path(url: &str) -> Option<&str> {
    let i = url.find("/wp-content/uploads/")?;
    let rest = &url[i + "/wp-content/uploads/".len()..];
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|p| !p.is_empty() && !p.split('/').any(|s| s == ".."))
}

/// `photo-300x200.jpg` → `photo.jpg`; `None` when the name has no size suffix.
pub fn original_of(path: &str) -> Option<String> {
    let dot = path.rfind('.')?;
    let (stem, ext) = path.split_at(dot);
    let dash = stem.rfind('-')?;
    let (w, h) = stem[dash + 1..].split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{}{ext}", &stem[..dash]))
}

impl Uploads {
    /// The file for an upload path in the `--uploads` folder: the original first, then
    /// the size variant itself.
    fn find(&self, path: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let decoded = crate::escape::percent_decode_each(path);
        let mut names = vec![];
        if let Some(original) = original_of(&decoded) {
            names.push(original);
        }
        names.push(decoded);
        for name in &names {
            for base in [
                dir.clone(),
                dir.join("wp-content/uploads"),
                dir.join("uploads"),
            ] {
                let candidate = base.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
        }
        None
    }

    /// What to write for a link in a body: a bundle file name for an upload that was
    /// found, the path on this site for a link to another page of the old site,
    /// `None` to keep the address.
    pub fn link(&self, url: &str, bundle: &mut Bundle) -> Option<String> {
        if let Some(path) = upload_path(url) {
            if self.dir.is_none() {
                bundle.remote += 1;
                return None;
            }
            let Some(file) = self.find(path) else {
                if !bundle.missing.iter().any(|m| m == path) {
                    bundle.missing.push(path.to_string());
                }
                return None;
            };
            return Some(bundle.add(&file));
        }
        let rest = url.strip_prefix(&self.site)?;
        (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')).then(|| {
            if rest.is_empty() {
                "/".to_string()
            } else {
                rest.to_string()
            }
        })
    }
}

impl Bundle {
    /// The bundle's name for a file, added once; names are made unique.
    pub fn add(&mut self, file: &Path) -> String {
        if let Some((name, _)) = self.files.iter().find(|(_, f)| f == file) {
            return name.clone();
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_string());
        let mut unique = name.clone();
        let mut n = 2;
        while self.files.iter().any(|(f, _)| *f == unique) {
            unique = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
                None => format!("{name}-{n}"),
            };
            n += 1;
        }
        self.files.push((unique.clone(), file.to_path_buf()));
        unique
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_variants_lead_to_originals() {
        assert_eq!(
            original_of("2018/05/a-300x200.jpg").as_deref(),
            Some("2018/05/a.jpg")
        );
        assert_eq!(original_of("2018/05/a-b.jpg"), None);
        assert_eq!(
            upload_path("https://x.org/wp-content/uploads/2018/05/a.jpg?v=1"),
            Some("2018/05/a.jpg")
        );
    }
}
