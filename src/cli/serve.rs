//! `kepu serve`: build into memory, serve on loopback, rebuild and reload on change.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::root_or_current;
use crate::messages::Messages;
use crate::serve::{self, ServeOptions};

/// Options of `kepu serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to listen on; the next free one is used when it is taken.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Build drafts and future-dated pages too.
    #[arg(long)]
    pub drafts: bool,
    /// Poll for changes instead of using file-system notifications.
    #[arg(long)]
    pub poll: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Where processed images are kept between builds (default: .kepu-cache in the
    /// site folder, or `[images] cache_dir` of site.toml).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Print how long each stage of every build took.
    #[arg(long)]
    pub timings: bool,
}

/// Runs `kepu serve`.
pub fn run(args: ServeArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let messages = Messages::detect(&root);
    let options = ServeOptions {
        root,
        messages,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        poll: args.poll,
        open: args.open,
        cache_dir: args.cache_dir,
        timings: args.timings,
    };
    match serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{}", crate::escape::terminal(&messages.message(&message)));
            ExitCode::from(1)
        }
    }
}
