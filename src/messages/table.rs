//! The translation table of the messages not yet typed: English messages, help lines
//! and phrases, with their Chinese wording. Read by [`super`] at display
//! time. Typed messages (`crate::diag::msg`) are not here: their variant carries both
//! texts, and converting a message to a variant removes its line here.
//!
//! English templates: `{}` is a value shown as written (a file name, a field name, a
//! value from the site), `{t}` a value translated in turn through [`PHRASES`], `{{` and
//! `}}` are braces. Chinese templates name the values by position, `{0}`, `{1}`…, so
//! that a sentence can put them in its own order. Field names, file names and TOML
//! examples stay as they are: editors type them as shown.
//!
//! A new message goes into `crate::diag::msg`'s catalogue, not here. While a message is
//! still written as English text in `src/`, the test `every_message_in_src_has_a_
//! chinese_entry` keeps its line here. A new diagnostic gets the next free code of
//! its group; a code never changes meaning once published.
//!
//! Code groups: E0 site.toml and the run, E1 content files and their TOML, E3 events,
//! E4 the site as a whole (addresses, links, taxonomies, calendar), E5 templates and
//! data, E6 `kepu import`, E7 `kepu deploy`, E8/W8 `kepu check`.

/// Diagnostic messages: (code, English, Chinese).
#[rustfmt::skip]
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // site.toml and the run
    // kepu import
    // content files and their TOML
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu deploy
    // kepu check
];

/// Help lines: (English, Chinese).
#[rustfmt::skip]
pub const TEXTS: &[(&str, &str)] = &[
    // site.toml and the run
    // content files and their TOML
    // TOML syntax, in kepu's words (toml_syntax)
    // events and trainings
    // the site as a whole
    // templates and data
    // kepu check
    // kepu deploy
    // kepu import
    // the command line
];

/// Phrases that appear inside other messages, translated only there (a `{t}` hole):
/// (English, Chinese).
#[rustfmt::skip]
pub const PHRASES: &[(&str, &str)] = &[
    // TOML types, as `toml_diag` words them
    // dates
    // why an image cannot be read or cleaned
    // the output folder
    // web addresses of events
    // recurrence rules
    // exdates
    // kinds of pages
    // why a page is not published
    // what was being rendered
    // template functions (inside Tera's messages)
    // why an imported item was skipped
    // counts of the command line
];
