//! The command line: one options struct and one file per subcommand.

mod build;
mod check;
mod clean;
mod deploy;
mod import;
mod init;
mod new;
mod serve;
mod wechat;
mod zh;

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

// Shared with serve, which must not reach back up into cli.
use crate::console::{print_diagnostics, print_timings};
use crate::leftovers::Ended;
use crate::messages::{Lang, Messages};

/// `kepu --version`: the version and the git commit it was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("KEPU_GIT_COMMIT"),
    ")"
);

/// kepu (科普): a fast, Chinese-first static site generator with event calendars.
#[derive(Debug, Parser)]
#[command(name = "kepu", version = VERSION, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(build::BuildArgs),
    /// Build in memory and report broken links, missing alt text and other problems.
    Check(check::CheckArgs),
    /// Remove what interrupted builds left beside the output folder, and the image cache.
    Clean(clean::CleanArgs),
    /// Bring content in from a WordPress export or saved WeChat articles.
    Import(import::ImportArgs),
    /// Publish the built site: to the object store of site.toml [deploy], or with
    /// `kepu deploy git` to a branch of a Git remote.
    Deploy(deploy::DeployArgs),
    /// Create a new site in DIR that builds as it is.
    Init(init::InitArgs),
    /// Create a page of a kind where it belongs: news, event, training, resource or page.
    New(new::NewArgs),
    /// Serve the site on http://127.0.0.1:1111/, rebuilding and reloading on every change.
    Serve(serve::ServeArgs),
    /// Print what to fill in the 公众号 editor for a page's WeChat edition: title,
    /// digest, author, 阅读原文 URL, the edition's URL and its covers.
    Wechat(wechat::WechatArgs),
}

/// Parses the command line; for a Chinese site (or `KEPU_LANG=zh`) `--help` and usage
/// errors are in Chinese ([`zh`]). Exits the process on a usage error (status 2) or
/// after printing help.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if Messages::detect(&root_in(&args)).lang != Lang::Zh {
        return Cli::parse_from(args);
    }
    let parsed = zh::command(Cli::command())
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.unwrap_or_else(|e| {
        let text = zh::error(&e);
        if e.use_stderr() {
            eprintln!("{}", text.trim_end());
        } else {
            println!("{}", text.trim_end());
        }
        std::process::exit(e.exit_code())
    })
}

/// The `--root` folder named on the command line, else the current folder: the site
/// whose language the command line speaks.
fn root_in(args: &[std::ffi::OsString]) -> PathBuf {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy();
        if arg == "--root" {
            return args
                .next()
                .map_or_else(|| PathBuf::from("."), PathBuf::from);
        }
        if let Some(root) = arg.strip_prefix("--root=") {
            return PathBuf::from(root);
        }
    }
    PathBuf::from(".")
}

/// Runs a parsed command line and returns the process exit status, with the values
/// the process may end without freeing (see [`crate::leftovers`]).
pub fn run(cli: Cli) -> Ended {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args).into(),
        Command::Clean(args) => clean::run(args).into(),
        Command::Import(args) => import::run(args).into(),
        Command::Deploy(args) => deploy::run(args).into(),
        Command::Init(args) => init::run(args).into(),
        Command::New(args) => new::run(args).into(),
        Command::Serve(args) => serve::run(args).into(),
        Command::Wechat(args) => wechat::run(args).into(),
    }
}

/// A path as it may be printed (see [`crate::escape::terminal`]).
fn shown_path(path: &std::path::Path) -> String {
    crate::escape::terminal(&path.to_string_lossy()).into_owned()
}

/// The folder given with `--root`, or the current folder.
fn root_or_current(root: Option<PathBuf>) -> PathBuf {
    root.unwrap_or_else(|| PathBuf::from("."))
}
