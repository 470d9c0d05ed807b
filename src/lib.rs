//! kepu (科普): a fast, Chinese-first static site generator for associations and NGOs,
//! with event calendars built in.
//!
//! A build is a pipeline of stages, each returning a complete new value:
//!
//! 1. [`config`] reads `site.toml` into a validated [`config::Config`];
//! 2. [`source`] lists every input file of the site and its theme;
//! 3. [`content`] turns each Markdown file into a [`content::Document`] (in parallel);
//! 4. [`site`] assembles the whole-site model: URLs, sections, taxonomies, and the
//!    Markdown rendered by [`markdown`] with internal links resolved;
//! 5. [`render`] runs the Tera templates and every output format into an [`output::Output`];
//!    [`verify`] then checks every internal link of it, for `build` and `check` alike;
//! 6. [`output`] writes it atomically: a staging folder swapped in by rename, with
//!    [`precompress`]ed copies of text files when asked for.
//!
//! [`pipeline`] strings them together for every command in [`cli`]; `kepu check` adds
//! [`check`]'s warnings and, with `--external`, asks outside links ([`external`]); [`diag`] carries
//! every problem with its `path:line:col`, [`console`] prints it, [`text`] holds the
//! CJK-aware measures and [`locale`] the languages and how dates are written.
//! `docs/architecture.md` says where each kind of change goes.

#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod config;
pub mod console;
pub mod content;
pub mod deploy;
pub mod diag;
pub mod escape;
pub mod external;
pub mod heap;
pub mod import;
pub mod leftovers;
pub mod locale;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod pipeline;
pub mod precompress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod text;
pub mod toml_diag;
pub mod toml_syntax;
pub mod verify;
