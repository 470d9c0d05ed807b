//! `kepu import wordpress|wechat`: bring an existing site's content in, then print
//! what was imported, skipped and written, in the site's language.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::print_diagnostics;
use crate::diag::Msg;
use crate::import::{self, Report, WechatOptions, WordpressOptions};
use crate::messages::{Lang, Messages};

/// Options of `kepu import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Where the content comes from.
    #[command(subcommand)]
    pub source: ImportSource,
}

/// The sources `kepu import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A WordPress export (Tools → Export), with The Events Calendar's events.
    Wordpress(WordpressArgs),
    /// WeChat official-account articles saved from a browser ("save page, complete").
    Wechat(WechatArgs),
}

/// Options of `kepu import wordpress`.
#[derive(Debug, Args)]
pub struct WordpressArgs {
    /// The export file (WXR), e.g. mysite.WordPress.2018-06-01.xml.
    pub export: PathBuf,
    /// The old site's wp-content/uploads folder (or a folder above it), to copy images.
    #[arg(long, value_name = "DIR")]
    pub uploads: Option<PathBuf>,
    /// The site folder to import into; a new site is made if it has no site.toml.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Import drafts too, as draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Replace files that already exist with other contents.
    #[arg(long)]
    pub force: bool,
}

/// Options of `kepu import wechat`.
#[derive(Debug, Args)]
pub struct WechatArgs {
    /// Saved article pages (.html), or folders of them.
    #[arg(required = true)]
    pub articles: Vec<PathBuf>,
    /// The site folder to import into; a new site is made if it has no site.toml.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Replace files that already exist with other contents.
    #[arg(long)]
    pub force: bool,
}

/// Runs `kepu import`.
pub fn run(args: ImportArgs) -> ExitCode {
    match args.source {
        ImportSource::Wordpress(args) => wordpress(args),
        ImportSource::Wechat(args) => wechat(args),
    }
}

fn wordpress(args: WordpressArgs) -> ExitCode {
    let into = args.into.unwrap_or_else(|| PathBuf::from("."));
    let options = WordpressOptions {
        export: args.export,
        uploads: args.uploads,
        into: into.clone(),
        drafts: args.drafts,
        force: args.force,
    };
    match import::wordpress(&options) {
        Ok(done) => {
            let m = messages(&into, &done.language);
            print_report(&m, &done.report);
            print_committed(&m, &done.committed, &into);
            if !done.menus.is_empty() {
                println!("{}", m.message(&Msg::SuggestedMenu));
                print!("{}", done.menus);
            }
            if done.new_site {
                print_next(&m, &into);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => fail(&diags, &into),
    }
}

fn wechat(args: WechatArgs) -> ExitCode {
    let into = args.into.unwrap_or_else(|| PathBuf::from("."));
    let options = WechatOptions {
        articles: args.articles,
        into: into.clone(),
        force: args.force,
    };
    match import::wechat(&options) {
        Ok(done) => {
            let m = messages(&into, "zh-CN");
            print_report(&m, &done.report);
            print_committed(&m, &done.committed, &into);
            if done.new_site {
                print_next(&m, &into);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => fail(&diags, &into),
    }
}

/// Prints the problems and says that nothing was written.
fn fail(diags: &crate::diag::Diagnostics, into: &std::path::Path) -> ExitCode {
    let m = Messages::detect(into);
    print_diagnostics(diags, &m);
    let line = Msg::NothingWritten {
        output: into.display().to_string(),
    };
    eprintln!("{}", m.message(&line));
    ExitCode::from(1)
}

/// The run's language: KEPU_LANG or the site's, else the export's for a new site.
fn messages(into: &std::path::Path, language: &str) -> Messages {
    let mut m = Messages::detect(into);
    let has_site = into.join(crate::config::CONFIG_FILE).is_file();
    if std::env::var("KEPU_LANG").is_err() && !has_site {
        m.lang = Lang::from_code(language).unwrap_or_default();
    }
    m
}

/// The line that tells how to build the new site.
fn print_next(m: &Messages, into: &std::path::Path) {
    let dir = into.display().to_string();
    println!("{}", m.message(&Msg::NextBuild { dir }));
}

fn print_report(m: &Messages, report: &Report) {
    for line in &report.lines {
        println!("{}", m.message(line));
    }
    if report.remote > 0 {
        let count = report.remote;
        println!("{}", m.message(&Msg::RemoteUploads { count }));
    }
    let line = Msg::ImportedCounts {
        news: report.news,
        pages: report.pages,
        events: report.events,
        files: report.files,
    };
    println!("{}", m.message(&line));
}

fn print_committed(m: &Messages, done: &import::Committed, into: &std::path::Path) {
    for kept in &done.kept {
        let path = kept.display().to_string();
        println!("{}", m.message(&Msg::NotOverwritten { path }));
    }
    let dir = into.display().to_string();
    let line = if done.written.is_empty() && done.kept.is_empty() {
        Msg::ImportUnchanged { dir }
    } else {
        Msg::ImportWrote {
            written: done.written.len(),
            dir,
            same: done.same,
        }
    };
    println!("{}", m.message(&line));
}
