//! Brings a bucket in line with the output folder: the plan, the safety limit on
//! deletions, concurrent uploads, then deletions.
//!
//! Part of `deploy`, between [`super::files`] (what the site has) and [`super::s3`]
//! (what the bucket has). The order keeps the published site whole at every moment
//! and after any failure: assets go up before the pages that use them, and nothing is
//! deleted until every upload has succeeded. An interrupted deploy is resumed simply
//! by running it again: files already up have the right ETag and are skipped.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::files::{self, LocalFile, Plan};
use super::human_bytes;
use super::s3::{Client, S3Error};
use crate::config::S3Target;
use crate::diag::{Diagnostic, Diagnostics, Msg};

/// What `kepu deploy` was asked to do.
#[derive(Debug, Clone, Copy)]
pub struct SyncOptions {
    /// Remove objects the site no longer has.
    pub delete: bool,
    /// Remove them even when there are more than the safety limit.
    pub force: bool,
    /// Print the plan and change nothing.
    pub dry_run: bool,
    /// Uploads at a time.
    pub jobs: usize,
}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files uploaded.
    pub uploaded: usize,
    /// Files already in the bucket with the same content.
    pub unchanged: usize,
    /// Objects deleted.
    pub deleted: usize,
    /// Objects the site no longer has, left in place (no `--delete`).
    pub kept: usize,
    /// Bytes uploaded.
    pub bytes: u64,
}

/// Deploys `files` (the output folder's) to the bucket; `say` receives the lines of
/// a dry run. Errors leave the bucket with every object it had, plus some uploads.
pub fn sync(
    client: &Client,
    target: &S3Target,
    files: &[LocalFile],
    options: SyncOptions,
    say: &mut dyn FnMut(Msg),
) -> Result<Summary, Diagnostics> {
    let list_prefix = if target.prefix.is_empty() {
        String::new()
    } else {
        format!("{}/", target.prefix)
    };
    let remote = client
        .list(&list_prefix)
        .map_err(|e| one(describe(&e, target)))?;
    let plan = files::plan(files, &remote, &target.prefix);
    if options.delete && plan.stale.len() > target.max_delete && !options.force {
        return Err(one(too_many_deletions(&plan, target)));
    }
    let deleting = if options.delete { plan.stale.len() } else { 0 };
    if options.dry_run {
        for file in &plan.uploads {
            say(Msg::WouldUpload {
                key: file.key.clone(),
                size: human_bytes(file.size),
            });
        }
        for key in plan.stale.iter().filter(|_| options.delete) {
            say(Msg::WouldDelete { key: key.clone() });
        }
        return Ok(summary(&plan, options, deleting));
    }
    upload_all(client, target, &plan, options.jobs)?;
    if options.delete {
        delete_all(client, target, &plan.stale, options.jobs)?;
    }
    Ok(summary(&plan, options, deleting))
}

fn summary(plan: &Plan<'_>, options: SyncOptions, deleted: usize) -> Summary {
    Summary {
        uploaded: plan.uploads.len(),
        unchanged: plan.unchanged,
        deleted,
        kept: if options.delete { 0 } else { plan.stale.len() },
        bytes: plan.upload_bytes(),
    }
}

/// Uploads the plan's files, `jobs` at a time: assets first, then pages.
fn upload_all(
    client: &Client,
    target: &S3Target,
    plan: &Plan<'_>,
    jobs: usize,
) -> Result<(), Diagnostics> {
    let (assets, pages): (Vec<&LocalFile>, Vec<&LocalFile>) = plan
        .uploads
        .iter()
        .partition(|f| !f.headers.content_type.starts_with("text/html"));
    for batch in [assets, pages] {
        let failures = run_concurrently(&batch, jobs, |file| {
            let bytes = std::fs::read(&file.path).map_err(|e| {
                Diagnostic::error(
                    "",
                    0,
                    0,
                    Msg::CannotReadPath {
                        path: file.path.display().to_string(),
                        error: e.to_string(),
                    },
                )
            })?;
            let key = files::object_key(&target.prefix, &file.key);
            client
                .put(&key, &bytes, &file.headers)
                .map_err(|e| describe(&e, target))
        });
        if !failures.is_empty() {
            return Err(failed(failures, plan.uploads.len()));
        }
    }
    Ok(())
}

/// Deletes the stale objects, `jobs` at a time.
fn delete_all(
    client: &Client,
    target: &S3Target,
    stale: &[String],
    jobs: usize,
) -> Result<(), Diagnostics> {
    let failures = run_concurrently(stale, jobs, |key| {
        client.delete(key).map_err(|e| describe(&e, target))
    });
    if failures.is_empty() {
        return Ok(());
    }
    let mut diags: Diagnostics = failures.into_iter().take(1).collect();
    diags.push(Diagnostic::error("", 0, 0, Msg::DeletionsFailed).with_help(Msg::DeleteAgainHelp));
    Err(diags)
}

/// Runs `work` on every item with `jobs` threads; the errors, in no particular order.
fn run_concurrently<T: Sync>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> Result<(), Diagnostic> + Sync,
) -> Vec<Diagnostic> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, 64).min(items.len()) {
            scope.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(d) = work(item) {
                        failures.lock().unwrap_or_else(|p| p.into_inner()).push(d);
                    }
                }
            });
        }
    });
    failures.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// The first failure and the count: every failure is usually the same one.
fn failed(failures: Vec<Diagnostic>, planned: usize) -> Diagnostics {
    let failed = failures.len();
    let mut diags: Diagnostics = failures.into_iter().take(1).collect();
    diags.push(
        Diagnostic::error("", 0, 0, Msg::UploadsFailed { failed, planned })
            .with_help(Msg::DeployAgainHelp),
    );
    diags
}

/// The refusal of a `--delete` above the safety limit.
fn too_many_deletions(plan: &Plan<'_>, target: &S3Target) -> Diagnostic {
    let message = Msg::TooManyDeletions {
        count: plan.stale.len(),
        limit: target.max_delete,
    };
    Diagnostic::error("", 0, 0, message).with_help(Msg::TooManyDeletionsHelp)
}

/// An editor's words for an error of the object store.
pub fn describe(error: &S3Error, target: &S3Target) -> Diagnostic {
    let (message, help) = match error {
        S3Error::Unreachable(why) => (
            Msg::StoreUnreachable {
                endpoint: target.endpoint.clone(),
                error: why.clone(),
            },
            Msg::NetworkHelp,
        ),
        S3Error::Credentials(code) => (Msg::KeyRefused { code: code.clone() }, Msg::KeyRefusedHelp),
        S3Error::Denied(code) => (
            Msg::KeyDenied {
                bucket: target.bucket.clone(),
                code: code.clone(),
            },
            Msg::KeyDeniedHelp,
        ),
        S3Error::NoBucket => (
            Msg::NoBucket {
                bucket: target.bucket.clone(),
                endpoint: target.endpoint.clone(),
            },
            Msg::NoBucketHelp,
        ),
        S3Error::Other(status, code, why) => (
            Msg::StoreAnswered {
                status: status.to_string(),
                code: code.clone(),
                error: why.clone(),
            },
            Msg::StoreAnsweredHelp,
        ),
    };
    Diagnostic::error("", 0, 0, message).with_help(help)
}

/// Lists and hashes the output folder, or says it is missing.
pub fn site_files(dir: &Path) -> Result<Vec<LocalFile>, Diagnostic> {
    if !dir.is_dir() {
        return Err(missing_output(dir));
    }
    files::collect(dir).map_err(|e| {
        Diagnostic::error(
            "",
            0,
            0,
            Msg::CannotReadPath {
                path: dir.display().to_string(),
                error: e.to_string(),
            },
        )
    })
}

/// The error for an output folder that does not exist.
pub fn missing_output(dir: &Path) -> Diagnostic {
    let dir = dir.display().to_string();
    Diagnostic::error("", 0, 0, Msg::NothingToDeploy { dir }).with_help(Msg::BuildFirstHelp)
}

fn one(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}
