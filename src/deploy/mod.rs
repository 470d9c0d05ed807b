//! `kepu deploy`: publish the built output folder to an S3-compatible object store,
//! or to a branch of a Git remote.
//!
//! Sits on top of the flow, beside `serve` and `check`: it reads the output folder
//! that `kepu build` wrote and never changes it. For a bucket: [`files`] lists and
//! hashes the site, [`s3`] lists the bucket, [`files::plan`] compares them by MD5 and
//! ETag, and [`sync`] uploads what changed (concurrently, with retries) and only then,
//! if asked, deletes what the site no longer has. For Git: [`git`] commits the folder
//! as it is to a branch and pushes it when something changed. Messages are English
//! diagnostics; the command line shows them in the site's language.

pub mod credentials;
pub mod files;
pub mod git;
pub mod headers;
pub mod s3;
pub mod sigv4;
pub mod sync;

/// Sizes as people read them: `512 B`, `12.3 KB`, `4.0 MB`.
pub fn human_bytes(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.2} GB", b / KB / KB / KB)
    }
}
