//! `kepu deploy` and `kepu deploy git`: publish the built output folder to the object
//! store or the Git branch named in site.toml `[deploy]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{print_diagnostics, root_or_current};
use crate::config::Config;
use crate::deploy::git::GitOutcome;
use crate::deploy::s3::Client;
use crate::deploy::sync::{self, Summary, SyncOptions};
use crate::deploy::{credentials, human_bytes};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::messages::Messages;

/// Options of `kepu deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Where to: `s3` (the object store of [deploy], the default) or `git` (a branch).
    #[arg(value_enum, default_value = "s3")]
    pub target: Target,
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The built site to publish; default: public/ in the site folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Show what would be uploaded and deleted, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also delete objects under the prefix that the site no longer has.
    #[arg(long)]
    pub delete: bool,
    /// With --delete: delete even more objects than max_delete allows.
    #[arg(long)]
    pub force: bool,
    /// Uploads at a time.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub jobs: usize,
}

/// Where `kepu deploy` publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// An S3-compatible object store (Aliyun OSS, Tencent COS, AWS S3, R2, MinIO…).
    S3,
    /// A branch of a Git remote (GitHub Pages, Gitee Pages, GitLab Pages).
    Git,
}

/// Runs `kepu deploy`.
pub fn run(args: DeployArgs) -> ExitCode {
    let root = root_or_current(args.root.clone());
    let m = Messages::detect(&root);
    let config = match Config::load(&root) {
        Ok(config) => config,
        Err(diags) => return fail(&diags.sorted(), &m),
    };
    let dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    let result = match args.target {
        Target::S3 => deploy_s3(&config, &args, dir, &m),
        Target::Git => deploy_git(&config, &args, dir, &m),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => fail(&diags, &m),
    }
}

/// Publishes to the bucket of `[deploy]`.
fn deploy_s3(
    config: &Config,
    args: &DeployArgs,
    dir: PathBuf,
    m: &Messages,
) -> Result<(), Diagnostics> {
    let Some(target) = config.deploy.s3.clone() else {
        return Err(one(Diagnostic::error(
            crate::config::CONFIG_FILE,
            0,
            0,
            Msg::NoDeployTable,
        )
        .with_help(Msg::DeployTableHelp)));
    };
    let Some(credentials) = credentials::find(|name| std::env::var(name).ok()) else {
        return Err(one(
            Diagnostic::error("", 0, 0, Msg::NoAccessKey).with_help(Msg::AccessKeyHelp)
        ));
    };
    let files = sync::site_files(&dir).map_err(one)?;
    let options = SyncOptions {
        delete: args.delete,
        force: args.force,
        dry_run: args.dry_run,
        jobs: args.jobs,
    };
    let client = Client::new(target.clone(), credentials);
    let summary = sync::sync(&client, &target, &files, options, &mut |line| {
        println!("{}", m.message(&line));
    })?;
    let place = if target.prefix.is_empty() {
        target.bucket.clone()
    } else {
        format!("{}/{}", target.bucket, target.prefix)
    };
    print_summary(&summary, &place, args.dry_run, m);
    Ok(())
}

/// The closing lines: what went up, what stayed, what went away.
fn print_summary(summary: &Summary, place: &str, dry_run: bool, m: &Messages) {
    let (uploaded, unchanged, deleted, bytes) = (
        summary.uploaded,
        summary.unchanged,
        summary.deleted,
        human_bytes(summary.bytes),
    );
    let place = place.to_string();
    let line = if dry_run {
        Msg::DeployDryRun {
            uploaded,
            bytes,
            unchanged,
            deleted,
            place,
        }
    } else {
        Msg::Deployed {
            place,
            uploaded,
            bytes,
            unchanged,
            deleted,
        }
    };
    println!("{}", m.message(&line));
    if summary.kept > 0 {
        let note = Msg::ObjectsKept {
            count: summary.kept,
        };
        println!("{}", m.message(&note));
    }
}

/// Publishes to the branch of `[deploy] remote`.
fn deploy_git(
    config: &Config,
    args: &DeployArgs,
    dir: PathBuf,
    m: &Messages,
) -> Result<(), Diagnostics> {
    let Some(target) = &config.deploy.git else {
        return Err(one(Diagnostic::error(
            crate::config::CONFIG_FILE,
            0,
            0,
            Msg::NoGitRemote,
        )
        .with_help(Msg::GitRemoteTableHelp)));
    };
    if !dir.is_dir() {
        return Err(one(sync::missing_output(&dir)));
    }
    let message = format!("Publish {}", config.title);
    let outcome = crate::deploy::git::deploy(target, &dir, &message, args.dry_run).map_err(one)?;
    let (branch, remote) = (target.branch.clone(), target.remote.clone());
    let line = match outcome {
        GitOutcome::Unchanged => Msg::GitUnchanged { branch, remote },
        GitOutcome::Pushed { commit, files } if args.dry_run => Msg::GitDryRun {
            commit,
            files,
            branch,
            remote,
        },
        GitOutcome::Pushed { commit, files } => Msg::GitPushed {
            commit,
            files,
            branch,
            remote,
        },
    };
    println!("{}", m.message(&line));
    Ok(())
}

fn fail(diags: &Diagnostics, m: &Messages) -> ExitCode {
    print_diagnostics(diags, m);
    ExitCode::from(1)
}

fn one(d: Diagnostic) -> Diagnostics {
    std::iter::once(d).collect()
}
