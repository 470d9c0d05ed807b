//! `kepu deploy git`: the output folder as one commit on a branch of a Git remote
//! (GitHub Pages, Gitee Pages, GitLab Pages), pushed only when the site changed.
//!
//! Part of `deploy`. It runs the `git` program the editor already has (so SSH keys,
//! credential helpers and proxies work as they do for them) in a throwaway bare
//! repository in the system's temporary folder, with the output folder as work tree:
//! the site folder's own repository is never touched. The last commit of the branch
//! is fetched alone (`--depth 1`); when its tree equals the new one nothing is
//! committed. The commit's author, committer and message are always the same, and
//! its date is `SOURCE_DATE_EPOCH` when that is set, so a rebuild of the same sources
//! makes the same commit.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::config::GitTarget;
use crate::diag::{Diagnostic, Msg};

/// The author and committer of every deploy commit.
pub const AUTHOR: (&str, &str) = ("kepu", "kepu@localhost");

/// What a Git deploy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitOutcome {
    /// The branch already holds exactly this site.
    Unchanged,
    /// A new commit was pushed (or, in a dry run, would be).
    Pushed {
        /// Abbreviated hash of the new commit.
        commit: String,
        /// Files in the commit.
        files: usize,
    },
}

/// Commits `dir` to the target's branch and pushes it unless `dry_run`.
pub fn deploy(
    target: &GitTarget,
    dir: &Path,
    message: &str,
    dry_run: bool,
) -> Result<GitOutcome, Diagnostic> {
    // Absolute: git runs inside the folder, where a relative path means something else.
    let dir = &std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let repo = Scratch::new()?;
    let git = Git {
        git_dir: &repo.0,
        work_tree: dir,
    };
    git.init()?;
    let remote_ref = format!("refs/heads/{}", target.branch);
    let parent = git.fetch_parent(target, &remote_ref)?;
    let tree = git.stage(dir)?;
    if let Some(parent) = &parent {
        let old_tree = git.run(&["rev-parse", &format!("{parent}^{{tree}}")], None)?;
        if old_tree.trim() == tree {
            return Ok(GitOutcome::Unchanged);
        }
    }
    let files = git.run(&["ls-files"], None)?.lines().count();
    let mut args = vec!["commit-tree", tree.as_str(), "-m", message];
    if let Some(parent) = &parent {
        args.extend(["-p", parent.as_str()]);
    }
    let commit = git.run(&args, None)?.trim().to_string();
    if !dry_run {
        let refspec = format!("{commit}:{remote_ref}");
        git.run(&["push", "--quiet", &target.remote, &refspec], None)
            .map_err(|e| unreachable(target, e))?;
    }
    Ok(GitOutcome::Pushed {
        commit: commit.chars().take(12).collect(),
        files,
    })
}

/// The `git` program with the scratch repository and the output folder.
struct Git<'a> {
    git_dir: &'a Path,
    work_tree: &'a Path,
}

impl Git<'_> {
    /// Creates the scratch repository (without a work tree: `init` refuses one).
    fn init(&self) -> Result<(), Diagnostic> {
        let output = Command::new("git")
            .args(["init", "--quiet", "--bare"])
            .arg(self.git_dir)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .stdin(Stdio::null())
            .output()
            .map_err(cannot_run_git)?;
        if output.status.success() {
            return Ok(());
        }
        let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(git_failed("init", why))
    }

    /// The last commit of the target's branch, fetched alone; `None` when the remote
    /// has no such branch yet.
    fn fetch_parent(
        &self,
        target: &GitTarget,
        remote_ref: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let heads = self
            .run(&["ls-remote", "--heads", &target.remote, remote_ref], None)
            .map_err(|e| unreachable(target, e))?;
        if heads.trim().is_empty() {
            return Ok(None);
        }
        self.run(
            &["fetch", "--quiet", "--depth=1", &target.remote, remote_ref],
            None,
        )
        .map_err(|e| unreachable(target, e))?;
        let head = self.run(&["rev-parse", "FETCH_HEAD"], None)?;
        Ok(Some(head.trim().to_string()))
    }

    /// Stages every file of the output folder `dir` (and a `.nojekyll`); the tree.
    fn stage(&self, dir: &Path) -> Result<String, Diagnostic> {
        // --force: ignore-rules of the editor's global Git configuration do not apply to
        // a built site.
        self.run(&["add", "--all", "--force", "."], None)?;
        if !dir.join(".nojekyll").exists() {
            // GitHub Pages runs Jekyll unless this file exists, and Jekyll drops files
            // whose names start with `_`.
            let blob = self.run(&["hash-object", "-w", "--stdin"], Some(""))?;
            let info = format!("100644,{},.nojekyll", blob.trim());
            self.run(&["update-index", "--add", "--cacheinfo", &info], None)?;
        }
        Ok(self.run(&["write-tree"], None)?.trim().to_string())
    }

    /// Runs one git command; its standard output, or git's own words on failure.
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Result<String, Diagnostic> {
        let mut child = self
            .command(args, stdin.is_some())
            .spawn()
            .map_err(cannot_run_git)?;
        if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
            use std::io::Write;
            let _ = input.write_all(text.as_bytes());
        }
        let output = child.wait_with_output().map_err(|e| {
            Diagnostic::error(
                "",
                0,
                0,
                Msg::CannotRunGit {
                    error: e.to_string(),
                },
            )
        })?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let why = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        Err(git_failed(args[0], why))
    }

    /// One git command on the scratch repository: no prompt, kepu as author and
    /// committer, `SOURCE_DATE_EPOCH` as their date when set.
    fn command(&self, args: &[&str], with_stdin: bool) -> Command {
        let mut command = Command::new("git");
        command
            .args(args)
            .current_dir(self.work_tree)
            .env("GIT_DIR", self.git_dir)
            .env("GIT_WORK_TREE", self.work_tree)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_AUTHOR_NAME", AUTHOR.0)
            .env("GIT_AUTHOR_EMAIL", AUTHOR.1)
            .env("GIT_COMMITTER_NAME", AUTHOR.0)
            .env("GIT_COMMITTER_EMAIL", AUTHOR.1)
            .stdin(if with_stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(epoch) = source_date_epoch() {
            command
                .env("GIT_AUTHOR_DATE", format!("@{epoch} +0000"))
                .env("GIT_COMMITTER_DATE", format!("@{epoch} +0000"));
        }
        command
    }
}

/// Git could not be started at all.
fn cannot_run_git(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "",
        0,
        0,
        Msg::CannotRunGit {
            error: e.to_string(),
        },
    )
    .with_help(Msg::InstallGitHelp)
}

/// A git command failed, in git's own words.
fn git_failed(command: &str, error: String) -> Diagnostic {
    let command = command.to_string();
    Diagnostic::error("", 0, 0, Msg::GitFailed { command, error })
}

/// A failure to reach or update the remote, with what to check.
fn unreachable(target: &GitTarget, error: Diagnostic) -> Diagnostic {
    let message = Msg::GitRemoteFailed {
        remote: target.remote.clone(),
        error: error.message,
    };
    Diagnostic::error("", 0, 0, message).with_help(Msg::GitRemoteHelp)
}

/// `SOURCE_DATE_EPOCH` when set to a number of seconds.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// A temporary folder for the scratch repository, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, Diagnostic> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("kepu-deploy-git-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).map_err(|e| {
            Diagnostic::error(
                "",
                0,
                0,
                Msg::CannotCreate {
                    path: path.display().to_string(),
                    error: e.to_string(),
                },
            )
        })?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
