//! `kepu check --external`: the links of the content that lead to other sites, asked
//! over the network whether they still answer. Never part of `build` (a build must not
//! depend on the network or on other sites being up).
//!
//! Sits beside [`crate::check`], on top of the pipeline: it reads the finished
//! [`Site`] (the Markdown links and the front-matter addresses as the editors wrote
//! them, see [`gather`]), asks each address once, a few at a time ([`probe`]), and
//! reports every place an address that fails is written. Answers that were fine are
//! remembered for a day in the cache folder ([`memory`]); failures are always asked
//! again, so a fixed link is seen as fixed at once.
//!
//! What is an error and what a warning: an address that is certainly wrong is an error
//! (404 or 410: the page is gone; a site name that does not exist; endless redirects);
//! one that may work again later, or may only refuse programs, is a warning (no answer
//! in time, 5xx server errors, other 4xx answers such as 403 or 429, a connection or
//! TLS failure).

mod gather;
mod memory;
mod probe;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::site::{Site, Texts};
use gather::Place;
use probe::Failure;

/// How many addresses are asked at the same time: a few, to be quick without
/// hammering anyone's server.
const AT_A_TIME: usize = 4;

/// How many redirects are followed before a link is called endless.
pub const MAX_REDIRECTS: u32 = 10;

/// What `--external` needs besides the site.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long one address may take to answer (redirects included).
    pub timeout: Duration,
    /// The cache folder (`.kepu-cache` of the site, `--cache-dir`).
    pub cache_dir: PathBuf,
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// A problem for every place a failing address is written.
    pub diags: Diagnostics,
    /// How many different addresses the content has.
    pub addresses: usize,
    /// How many of them were taken from the cache instead of being asked.
    pub remembered: usize,
}

/// Asks every outside address of `site`'s content (its pages' `texts`) whether it
/// answers.
pub fn check(site: &Site, texts: &Texts, options: &Options) -> Report {
    let links = gather::outside_links(site, texts);
    let mut memory = memory::Memory::load(&options.cache_dir);
    let to_ask: Vec<&String> = links.keys().filter(|u| !memory.knows(u)).collect();
    let answers = ask_all(&to_ask, options.timeout);
    let mut diags = Diagnostics::new();
    for (url, outcome) in &answers {
        match outcome {
            Ok(()) => memory.remember(url),
            Err(failure) => {
                for place in &links[url] {
                    diags.push(diagnostic(place, url, failure, options.timeout));
                }
            }
        }
    }
    if let Err(e) = memory.save() {
        diags.push(
            Diagnostic::warning(
                memory.path().display().to_string(),
                0,
                0,
                Msg::LinkCacheUnwritable {
                    error: e.to_string(),
                },
            )
            .with_help(Msg::CacheFolderHelp),
        );
    }
    Report {
        diags: diags.sorted(),
        addresses: links.len(),
        remembered: links.len() - to_ask.len(),
    }
}

/// Asks each address, [`AT_A_TIME`] at once; the answers in the order they come.
fn ask_all(to_ask: &[&String], timeout: Duration) -> Vec<(String, Result<(), Failure>)> {
    let agent = probe::agent(timeout);
    let next = AtomicUsize::new(0);
    let answers = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_A_TIME.min(to_ask.len()) {
            scope.spawn(|| {
                while let Some(url) = to_ask.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = probe::probe(&agent, url);
                    answers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((url.to_string(), outcome));
                }
            });
        }
    });
    answers.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The problem of one place where a failing address is written.
fn diagnostic(place: &Place, url: &str, failure: &Failure, timeout: Duration) -> Diagnostic {
    let at = |message: Msg| Diagnostic::error(&place.path, place.line, place.col, message);
    let warn = |message: Msg| Diagnostic::warning(&place.path, place.line, place.col, message);
    let url = url.to_string();
    match failure {
        Failure::Status(404) => at(Msg::OutsideLink404 { url }).with_help(Msg::ReplacedPageHelp),
        Failure::Status(410) => at(Msg::OutsideLink410 { url }).with_help(Msg::ReplacedPageHelp),
        Failure::Status(code) if *code >= 500 => warn(Msg::OutsideServerFault {
            url,
            status: usize::from(*code),
        })
        .with_help(Msg::SiteDownHelp),
        Failure::Status(code) => warn(Msg::OutsideStatus {
            url,
            status: usize::from(*code),
        })
        .with_help(Msg::OpenInBrowserHelp),
        Failure::NoSuchHost => at(Msg::OutsideNoSuchHost { url }).with_help(Msg::TypingMistakeHelp),
        Failure::EndlessRedirects => at(Msg::OutsideRedirects {
            url,
            max: MAX_REDIRECTS as usize,
        })
        .with_help(Msg::RedirectHelp),
        Failure::Timeout => warn(Msg::OutsideTimeout {
            url,
            seconds: timeout.as_secs().to_string(),
        })
        .with_help(Msg::TimeoutHelp),
        Failure::Unreachable(why) => warn(Msg::OutsideUnreachable {
            url,
            error: why.clone(),
        })
        .with_help(Msg::OnlineHelp),
    }
}
