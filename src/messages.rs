//! Messages in the editors' language: every diagnostic and every line the command line
//! prints, in simplified Chinese when the site is Chinese, in English otherwise.
//!
//! A leaf beside `diag`. A typed message ([`Msg`]) carries its own English and
//! Chinese (`diag::msg`'s catalogue), and so does every line the command line prints;
//! this module picks the language and lays the diagnostic out. Messages not yet typed
//! ([`Msg::Untyped`]: those of events) are still English text, translated here at
//! display time with the table in [`table`]: each entry is an English template with
//! holes (`{}` kept as written: file names, field names, values; `{t}` translated in
//! turn: a phrase such as "a whole number") and its Chinese wording. A text no entry matches is shown in
//! English, so nothing is ever lost.
//!
//! Every diagnostic message has a stable code (`E104`, `W301`), from its variant or
//! from its table entry, the same in both languages. Codes are shown in `kepu serve`'s error overlay, and on
//! the command line with `KEPU_CODES=1`; they are left out of ordinary output, whose
//! exact text editors and tests rely on.
//!
//! The language is decided once per run by [`Messages::detect`]: `KEPU_LANG=zh` (or
//! `zh-CN`…) or `KEPU_LANG=en` first, else the `language` of site.toml (`zh…` is
//! Chinese, and so is a site.toml without one, since kepu's default is `zh-CN`), else
//! English when there is no readable site.toml.

pub mod cli_help;
mod table;

use std::borrow::Cow;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Msg, Severity};

/// The language messages are shown in: the same two as pages are written in.
pub use crate::locale::Lang;

/// How this run speaks to the editor: in which language, and whether codes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Messages {
    /// The language of every message.
    pub lang: Lang,
    /// Show each diagnostic's code after its message (`KEPU_CODES=1`).
    pub codes: bool,
}

impl Messages {
    /// English without codes: exactly the text of [`Diagnostic`]'s `Display`.
    pub const ENGLISH: Messages = Messages {
        lang: Lang::En,
        codes: false,
    };

    /// Decides once per run, from `KEPU_LANG`, `KEPU_CODES` and the site in `root`.
    pub fn detect(root: &Path) -> Messages {
        let env = std::env::var("KEPU_LANG").ok();
        let site = std::fs::read(root.join(crate::config::CONFIG_FILE))
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        Messages {
            lang: choose(env.as_deref(), site.as_deref()),
            codes: std::env::var("KEPU_CODES").is_ok_and(|v| !v.is_empty() && v != "0"),
        }
    }

    /// One diagnostic as shown: `path:line:col: message` and an indented help line.
    pub fn diagnostic(&self, d: &Diagnostic) -> String {
        if *self == Messages::ENGLISH {
            return d.to_string();
        }
        self.show(d, &|text| Cow::Borrowed(text))
    }

    /// One diagnostic as printed on a terminal: as [`Messages::diagnostic`], but a
    /// file name or a value from the site with escape codes or a newline cannot colour
    /// the terminal or forge a line of output.
    pub fn diagnostic_for_terminal(&self, d: &Diagnostic) -> String {
        self.show(d, &|text| crate::escape::terminal(text))
    }

    /// The diagnostic's parts in this run's language, each passed through `clean`.
    fn show(&self, d: &Diagnostic, clean: &dyn Fn(&str) -> Cow<'_, str>) -> String {
        let zh = self.lang == Lang::Zh;
        let mut message = clean(&self.message(&d.message)).into_owned();
        if let Some(rendering) = &d.rendering {
            message.push_str(&clean(&self.message(&rendering.msg())));
        }
        if self.codes
            && let Some(code) = code(d)
        {
            message = format!("{message} [{code}]");
        }
        let warning = match (d.severity, zh) {
            (Severity::Error, _) => "",
            (Severity::Warning, false) => "warning: ",
            (Severity::Warning, true) => "警告：",
        };
        let path = d.span.path.to_string_lossy().replace('\\', "/");
        let path = clean(&path);
        let mut out = if path.is_empty() {
            format!("kepu: {warning}{message}")
        } else {
            let (line, col) = (d.span.line.max(1), d.span.col.max(1));
            format!("{path}:{line}:{col}: {warning}{message}")
        };
        if let Some(help) = &d.help {
            let label = if zh { "提示：" } else { "help: " };
            out.push_str(&format!("\n  {label}{}", clean(&self.message(help))));
        }
        out
    }

    /// A typed message in this run's language.
    pub fn message(&self, msg: &Msg) -> String {
        match (self.lang, msg) {
            (Lang::En, _) => msg.english(),
            (Lang::Zh, Msg::Untyped(text)) => self.text(text),
            (Lang::Zh, _) => {
                msg.chinese(&|text| translate(text, true).unwrap_or_else(|| text.to_string()))
            }
        }
    }

    /// An untyped message or help line ([`Msg::Untyped`]) in this run's language.
    pub fn text(&self, english: &str) -> String {
        match self.lang {
            Lang::En => english.to_string(),
            Lang::Zh => translate(english, false).unwrap_or_else(|| english.to_string()),
        }
    }

    /// The count printed after the diagnostics: `2 errors, 1 warning` / `2 个错误，1 个警告`.
    pub fn summary(&self, diags: &Diagnostics) -> String {
        match self.lang {
            Lang::En => diags.summary(),
            Lang::Zh => format!(
                "{} 个错误，{} 个警告",
                diags.error_count(),
                diags.warning_count()
            ),
        }
    }
}

/// The language from a `KEPU_LANG` value and the text of site.toml (`None`: unreadable).
fn choose(env: Option<&str>, site_toml: Option<&str>) -> Lang {
    if let Some(lang) = env.and_then(Lang::from_code) {
        return lang;
    }
    let Some(text) = site_toml else {
        return Lang::En;
    };
    // A broken site.toml must still get its errors in the site's language: when the
    // TOML does not parse, look for the `language = "…"` line by hand.
    let language = match toml::from_str::<toml::Table>(text) {
        Ok(table) => table
            .get("language")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        Err(_) => text.lines().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "language").then(|| value.trim().trim_matches('"').to_string())
        }),
    };
    // kepu's default language is zh-CN.
    Lang::from_code(language.as_deref().unwrap_or("zh-CN")).unwrap_or(Lang::En)
}

/// The stable code of a diagnostic (`E104`): its variant's, or for an untyped message
/// the code of the table entry its English text matches.
pub fn code(d: &Diagnostic) -> Option<&'static str> {
    match &*d.message {
        Msg::Untyped(text) => {
            best(table::MESSAGES.iter().map(|e| (e.0, e.1)), text).map(|(code, _, _)| code)
        }
        typed => typed.code(),
    }
}

/// The Chinese for an English text: the most specific entry that matches it, its
/// holes filled in. `in_hole`: the text is a hole's value, so phrases may match too.
fn translate(english: &str, in_hole: bool) -> Option<String> {
    let messages = table::MESSAGES.iter().map(|e| (e.1, e.2));
    let texts = table::TEXTS.iter().copied();
    let phrases = table::PHRASES.iter().copied().filter(|_| in_hole);
    let (zh, template, values) = best(
        messages
            .chain(texts)
            .chain(phrases)
            .map(|(en, zh)| (zh, en)),
        english,
    )?;
    let values: Vec<String> = template
        .iter()
        .filter_map(|part| match part {
            Part::Hole { translate } => Some(*translate),
            Part::Lit(_) => None,
        })
        .zip(values)
        .map(|(translate_it, value)| {
            if translate_it {
                translate(value, true).unwrap_or_else(|| value.to_string())
            } else {
                value.to_string()
            }
        })
        .collect();
    Some(fill(zh, &values))
}

/// The entry whose template matches `text` with the most literal characters (the most
/// specific one), with its parsed template and the hole values.
fn best<'t, T: Copy>(
    entries: impl Iterator<Item = (T, &'static str)>,
    text: &'t str,
) -> Option<(T, Vec<Part>, Vec<&'t str>)> {
    let mut found: Option<(usize, T, Vec<Part>, Vec<&'t str>)> = None;
    for (value, en) in entries {
        let parts = parse_template(en);
        let Some(holes) = match_parts(&parts, text) else {
            continue;
        };
        let weight = parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => s.chars().count(),
                Part::Hole { .. } => 0,
            })
            .sum();
        if found.as_ref().is_none_or(|f| weight > f.0) {
            found = Some((weight, value, parts, holes));
        }
    }
    found.map(|(_, value, parts, holes)| (value, parts, holes))
}

/// One piece of an English template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text that must be there as written.
    Lit(String),
    /// A value: `{}` is shown as written, `{t}` is translated in turn.
    Hole { translate: bool },
}

/// Splits an English template into literal text and holes; `{{` and `}}` are braces.
fn parse_template(template: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        let hole = if rest.starts_with("{{") || rest.starts_with("}}") {
            lit.push(c);
            rest = &rest[2..];
            continue;
        } else if rest.starts_with("{}") {
            Some((false, 2))
        } else if rest.starts_with("{t}") {
            Some((true, 3))
        } else {
            None
        };
        match hole {
            Some((translate, len)) => {
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Hole { translate });
                rest = &rest[len..];
            }
            None => {
                lit.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(lit));
    }
    parts
}

/// Matches `text` against a template; the hole values, each as short as possible.
fn match_parts<'t>(parts: &[Part], text: &'t str) -> Option<Vec<&'t str>> {
    match parts.split_first() {
        None => text.is_empty().then(Vec::new),
        Some((Part::Lit(lit), rest)) => match_parts(rest, text.strip_prefix(lit.as_str())?),
        Some((Part::Hole { .. }, rest)) => match rest.first() {
            None => Some(vec![text]),
            Some(Part::Lit(next)) => {
                for (i, _) in text.match_indices(next.as_str()) {
                    if let Some(mut values) = match_parts(rest, &text[i..]) {
                        values.insert(0, &text[..i]);
                        return Some(values);
                    }
                }
                None
            }
            // Two holes in a row cannot be told apart; the table has none.
            Some(Part::Hole { .. }) => None,
        },
    }
}

/// Fills `{0}`, `{1}`… of a Chinese template; `{{` and `}}` are braces.
fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            out.push(c);
            rest = &rest[2..];
            continue;
        }
        if c == '{'
            && let Some(end) = rest.find('}')
            && let Ok(n) = rest[1..end].parse::<usize>()
        {
            out.push_str(values.get(n).map_or("", String::as_str));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests;
