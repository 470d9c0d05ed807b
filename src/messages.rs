//! Messages in the editors' language: every diagnostic and every line the command line
//! prints, in simplified Chinese when the site is Chinese, in English otherwise.
//!
//! A leaf beside `diag`. Every message is typed ([`Msg`]): a variant of `diag::msg`'s
//! catalogue with its arguments, which carries its own English and Chinese; so does
//! every line the command line prints. This module only picks the language and lays
//! the diagnostic out: nothing here reads a message's text.
//!
//! Every diagnostic message has a stable code (`E104`, `W301`), from its variant, the
//! same in both languages. Codes are shown in `kepu serve`'s error overlay, and on
//! the command line with `KEPU_CODES=1`; they are left out of ordinary output, whose
//! exact text editors and tests rely on.
//!
//! The language is decided once per run by [`Messages::detect`]: `KEPU_LANG=zh` (or
//! `zh-CN`…) or `KEPU_LANG=en` first, else the `language` of site.toml (`zh…` is
//! Chinese, and so is a site.toml without one, since kepu's default is `zh-CN`), else
//! English when there is no readable site.toml.

pub mod cli_help;

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
            && let Some(code) = d.message.code()
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

    /// A message in this run's language.
    pub fn message(&self, msg: &Msg) -> String {
        match self.lang {
            Lang::En => msg.english(),
            Lang::Zh => msg.chinese(),
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

#[cfg(test)]
mod tests;
