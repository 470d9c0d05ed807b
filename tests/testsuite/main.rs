//! kepu's integration tests: one test binary, one tiny fixture site per test.
//!
//! Each test writes the few files it needs into a temporary folder (see
//! [`support::Site`]), runs the real `kepu` binary on it, and asserts the exact slice
//! of output or standard error it is about.

mod api;
mod build;
mod calendar_filters;
mod cdn;
mod check;
mod crawl;
mod deploy;
mod editors;
mod errors;
mod event_expansion;
mod event_links;
mod events;
mod external;
mod hosting;
mod import;
mod in_wechat;
mod init;
mod leaks;
mod live;
mod markdown;
mod messages;
mod new;
mod output;
mod partners;
mod photos;
mod publishing;
mod resources;
mod safety;
mod search;
mod sections;
mod serve;
mod support;
mod templates;
mod theme;
mod venues;
mod wechat;
mod wechat_covers;
