//! Diagnostics: every problem kepu finds in a site, with the file, line and column
//! where an editor can fix it.
//!
//! A leaf module: every stage reports into a [`Diagnostics`] value and keeps going;
//! the exit status is decided once, at the end, from [`Diagnostics::has_errors`].
//!
//! # Typed messages
//!
//! A diagnostic is data, not text: where the problem is ([`Span`]), how serious it
//! is, what is wrong ([`Msg`]: a variant with its arguments, set where the problem is
//! found), how to fix it (another [`Msg`]), and, for template errors, which page was
//! being rendered ([`Rendering`]). Nothing downstream reads a message's text to learn
//! what it is: `render::merge_repeated` compares fields, the code (`E104`) is a
//! `match` on the variant, and the English and Chinese texts are the two templates
//! of the variant in [`msg`]'s catalogue, filled in only when the diagnostic is shown
//! (`Display` for English, `messages::Messages` for the editor's language). Adding a
//! diagnostic is one catalogue line (code, arguments, English, Chinese); the compiler
//! checks that both texts name only the variant's arguments. A reason inside a
//! message (why an image cannot be read, why a date is not one) is a variant too,
//! nested as a `Box<Msg>` argument, so it is shown in the language of the whole
//! message; another program's words (a decoder's, the file system's) are
//! `Msg::Foreign`, shown as written in both languages.

pub mod msg;

use std::fmt;
use std::path::{Path, PathBuf};

pub use msg::Msg;

/// Where a problem is: a file of the site, a 1-based line and a 1-based column
/// counted in characters (0 when unknown or when the whole file is meant).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Path relative to the site root (`content/news/x.md`), or empty for site-wide problems.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters; 0 when unknown.
    pub col: usize,
}

impl Span {
    /// The place `path:line:col`.
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Span {
        Span {
            path: path.into(),
            line,
            col,
        }
    }
}

/// A value with the place in the site's files it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Located<T> {
    /// `value`, written at `span`.
    pub fn new(value: T, span: Span) -> Located<T> {
        Located { value, span }
    }
}

/// The page a template was rendering when it failed, and how many other pages failed
/// the same way (set by `render::merge_repeated`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendering {
    /// The page, calendar page or taxonomy page.
    pub page: Msg,
    /// Other pages with the same error at the same place.
    pub others: usize,
}

impl Rendering {
    /// What is added to the message: ` (while rendering content/a.md and 2 other pages)`.
    pub fn msg(&self) -> Msg {
        let page = Box::new(self.page.clone());
        match self.others {
            0 => Msg::WhileRendering { page },
            1 => Msg::WhileRenderingAndOne { page },
            others => Msg::WhileRenderingAndMore { page, others },
        }
    }
}

/// How serious a problem is: errors stop the build, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built until this is fixed.
    Error,
    /// The site builds, but an editor probably wants to look at this.
    Warning,
}

/// One problem, located in a file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in an editor's words. (Boxed, as are the next two: a
    /// diagnostic travels in every `Result` of the pipeline, and should stay small.)
    pub message: Box<Msg>,
    /// How to fix it.
    pub help: Option<Box<Msg>>,
    /// The page being rendered, for a template error met while rendering one.
    pub rendering: Option<Box<Rendering>>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(path: impl Into<PathBuf>, line: usize, col: usize, message: Msg) -> Self {
        Diagnostic::at(Span::new(path, line, col), message)
    }

    /// An error at `span`.
    pub fn at(span: Span, message: Msg) -> Self {
        Diagnostic {
            span,
            severity: Severity::Error,
            message: Box::new(message),
            help: None,
            rendering: None,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Adds the line that tells the editor how to fix the problem.
    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    /// Names the page that was being rendered when a template failed.
    pub fn rendering(mut self, page: Msg) -> Self {
        self.rendering = Some(Box::new(Rendering { page, others: 0 }));
        self
    }

    /// True for errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.span.path.to_string_lossy().replace('\\', "/");
        let warning = if self.severity == Severity::Warning {
            "warning: "
        } else {
            ""
        };
        let message = self.message.english();
        if path.is_empty() {
            // A problem of the whole run (a command-line value, the output folder).
            write!(f, "kepu: {warning}{message}")?;
        } else {
            let (line, col) = (self.span.line.max(1), self.span.col.max(1));
            write!(f, "{path}:{line}:{col}: {warning}{message}")?;
        }
        if let Some(rendering) = &self.rendering {
            write!(f, "{}", rendering.msg().english())?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", help.english())?;
        }
        Ok(())
    }
}

/// All the problems found in one run, in the order they are to be shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every problem of another list.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// True when at least one error (not only warnings) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// The problems sorted by path, line and column, duplicates removed.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by_cached_key(|d| {
            let page = d.rendering.as_ref().map(|r| (r.page.english(), r.others));
            (d.span.clone(), d.severity, d.message.english(), page)
        });
        self.items.dedup();
        self
    }

    /// Iterates over the problems.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The one-line count printed after the list: `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        count(self.error_count(), "error") + ", " + &count(self.warning_count(), "warning")
    }
}

/// `1 page`, `2 pages`: a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Line and column (both 1-based, column in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Turns `root/content/x.md` into `content/x.md` for messages; other paths are kept.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "+++\ntitle = \"科普\"\nx";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (3, 1));
        let quote = text.rfind('"').unwrap();
        assert_eq!(line_col(text, quote), (2, 12));
    }

    #[test]
    fn display_has_location_message_and_help() {
        let d =
            Diagnostic::error("content/a.md", 4, 9, Msg::TimeAlone).with_help(Msg::SaveAsUtf8Help);
        assert_eq!(
            d.to_string(),
            "content/a.md:4:9: a time alone is not a date\n  help: save it as UTF-8"
        );
    }
}
