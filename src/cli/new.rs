//! `kepu new`: create a page of a kind where it belongs, ready to fill in.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{print_diagnostics, root_or_current};
use crate::content::Kind;
use crate::diag::Msg;
use crate::messages::Messages;
use crate::scaffold::{self, NewOptions};

/// The kinds `kepu new` can create.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    /// A news item, dated today.
    News,
    /// An event, as a folder for its poster and files.
    Event,
    /// A training.
    Training,
    /// A download (poster, reader…), as a folder for the file.
    Resource,
    /// A plain page.
    Page,
    /// A venue: a place where events happen, with its address and how to get there.
    Venue,
    /// An organizer: who runs events, with their contact.
    Organizer,
}

impl From<NewKind> for Kind {
    fn from(kind: NewKind) -> Kind {
        match kind {
            NewKind::News => Kind::News,
            NewKind::Event => Kind::Event,
            NewKind::Training => Kind::Training,
            NewKind::Resource => Kind::Resource,
            NewKind::Page => Kind::Page,
            NewKind::Venue => Kind::Venue,
            NewKind::Organizer => Kind::Organizer,
        }
    }
}

/// Options of `kepu new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What kind of page.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its title, in quotes.
    pub title: String,
    /// Folder under content/ to put it in (default: the section of that kind).
    #[arg(long, value_name = "DIR")]
    pub section: Option<PathBuf>,
    /// The site folder (with site.toml); default: the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// "Today" for the new page's date, e.g. 2018-06-01 (default: the clock).
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,
}

/// Runs `kepu new`.
pub fn run(args: NewArgs) -> ExitCode {
    let root = root_or_current(args.root);
    let m = Messages::detect(&root);
    // A site that does not load gets its diagnostics, shown like build's.
    let config = match crate::config::Config::load(&root) {
        Ok(config) => config,
        Err(diags) => {
            print_diagnostics(&diags, &m);
            return ExitCode::from(1);
        }
    };
    let now = match now(args.now.as_deref(), &config, &m) {
        Ok(now) => now,
        Err(code) => return code,
    };
    let options = NewOptions {
        root: root.clone(),
        kind: args.kind.into(),
        title: args.title,
        section: args.section,
        now,
    };
    match scaffold::new_page(&options, &config) {
        Ok(path) => {
            println!("{}", super::shown_path(&path));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("kepu: {}", crate::escape::terminal(&m.message(&message)));
            ExitCode::from(1)
        }
    }
}

/// "Today": `--now`, else the clock; a `--now` that is not a date is reported (exit 2).
fn now(
    text: Option<&str>,
    config: &crate::config::Config,
    m: &Messages,
) -> Result<jiff::Timestamp, ExitCode> {
    let Some(text) = text else {
        return Ok(jiff::Timestamp::now());
    };
    crate::content::dates::parse_now(text, &config.timezone).map_err(|why| {
        let why = Box::new(why);
        eprintln!("kepu: {}", m.message(&Msg::NowInvalid { why }));
        ExitCode::from(2)
    })
}
