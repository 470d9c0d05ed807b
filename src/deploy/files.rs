//! The built site as `kepu deploy` sees it: every file of the output folder with its
//! object key, size, MD5 and headers; and the plan that compares it with the bucket.
//!
//! Part of `deploy`, between the output folder (read, never written) and
//! [`super::s3`]. A file is unchanged when the bucket's ETag is its MD5, which is what
//! every S3-compatible store returns for an object uploaded in one piece (Aliyun OSS
//! writes it in capitals, hence the comparison ignores case).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use md5::{Digest, Md5};
use rayon::prelude::*;

use super::headers::{self, ObjectHeaders};
use super::sigv4::hex;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Path in the output folder with `/` separators (`news/index.html`).
    pub key: String,
    /// The file on disk.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Lowercase hex MD5 of the content.
    pub md5: String,
    /// The headers it is stored with.
    pub headers: ObjectHeaders,
}

/// An object already in the bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteObject {
    /// The whole key, prefix included.
    pub key: String,
    /// Its ETag without quotes.
    pub etag: String,
}

/// Lists and hashes every file under `dir`, sorted by key.
pub fn collect(dir: &Path) -> std::io::Result<Vec<LocalFile>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let key = rel.to_string_lossy().replace('\\', "/");
            paths.push((key, entry.into_path()));
        }
    }
    let keys: BTreeSet<String> = paths.iter().map(|(k, _)| k.clone()).collect();
    let mut files = paths
        .into_par_iter()
        .map(|(key, path)| {
            let bytes = std::fs::read(&path)?;
            let headers = headers::for_key(&key, |k| keys.contains(k));
            Ok(LocalFile {
                size: bytes.len() as u64,
                md5: hex(&Md5::digest(&bytes)),
                key,
                path,
                headers,
            })
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    files.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(files)
}

/// What a deploy does: which files go up, how many are already there, which objects
/// are no longer part of the site.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    /// Files to upload, assets before pages (a page never links to a missing asset
    /// while the deploy runs).
    pub uploads: Vec<&'a LocalFile>,
    /// Files whose object already has the same content.
    pub unchanged: usize,
    /// Whole keys of objects under the prefix that the site no longer has.
    pub stale: Vec<String>,
}

impl Plan<'_> {
    /// Bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|f| f.size).sum()
    }
}

/// Compares the site with the bucket's objects under `prefix`.
pub fn plan<'a>(local: &'a [LocalFile], remote: &[RemoteObject], prefix: &str) -> Plan<'a> {
    let etags: BTreeMap<&str, &str> = remote
        .iter()
        .map(|o| (o.key.as_str(), o.etag.as_str()))
        .collect();
    let mut plan = Plan::default();
    let mut keys = BTreeSet::new();
    for file in local {
        let key = object_key(prefix, &file.key);
        match etags.get(key.as_str()) {
            Some(etag) if etag.eq_ignore_ascii_case(&file.md5) => plan.unchanged += 1,
            _ => plan.uploads.push(file),
        }
        keys.insert(key);
    }
    plan.uploads
        .sort_by_key(|f| (f.headers.content_type.starts_with("text/html"), &f.key));
    plan.stale = remote
        .iter()
        .filter(|o| !keys.contains(&o.key))
        .map(|o| o.key.clone())
        .collect();
    plan
}

/// The object key of a file: the prefix, a slash, the path.
pub fn object_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}/{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(key: &str, md5: &str) -> LocalFile {
        LocalFile {
            key: key.into(),
            path: PathBuf::from(key),
            size: 10,
            md5: md5.into(),
            headers: headers::for_key(key, |_| false),
        }
    }

    #[test]
    fn only_changed_files_go_up_assets_first_and_stale_objects_are_listed() {
        let local = vec![
            file("index.html", "aa"),
            file("site.css", "bb"),
            file("new.png", "cc"),
        ];
        let remote = vec![
            RemoteObject {
                key: "www/index.html".into(),
                etag: "00".into(),
            },
            RemoteObject {
                key: "www/site.css".into(),
                etag: "BB".into(),
            },
            RemoteObject {
                key: "www/old.html".into(),
                etag: "dd".into(),
            },
        ];
        let plan = plan(&local, &remote, "www");
        let keys: Vec<&str> = plan.uploads.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["new.png", "index.html"]);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.stale, ["www/old.html"]);
        assert_eq!(plan.upload_bytes(), 20);
    }
}
