//! The edition's stylesheet, the template `wechat.css`, written into `style` attributes.
//!
//! Wraps the `css-inline` crate (house rule 11). Why that crate: it is the maintained
//! inliner of the Rust ecosystem (also behind the Python and Node packages of the same
//! name), it applies the cascade (specificity, order, `!important`) as a browser
//! does, and it is built on `html5ever` and `cssparser`, which kepu already compiles
//! for `ammonia`: without its default features (no HTTP, files or cache) it adds
//! only `selectors` and a few small crates to the build.

use std::path::PathBuf;

use css_inline::CSSInliner;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::render::engine::Engine;

/// The stylesheet's template name: `templates/wechat.css` of the theme, or of the
/// site, which wins as for every template. A template, not a static file: it is read
/// at build time and never published, and it may use Tera (`config.extra`…).
pub const FILE: &str = "wechat.css";

/// The stylesheet of the edition, rendered once per build.
#[derive(Debug, Clone)]
pub struct Style {
    css: String,
    /// Its path for messages.
    display: PathBuf,
}

impl Style {
    /// Renders `wechat.css` and checks that it can be applied. `None` without one (a
    /// theme without an edition), or with an error in `diags` when it cannot be used.
    pub fn load(engine: &Engine, diags: &mut Diagnostics) -> Option<Style> {
        if !engine.has(FILE) {
            return None;
        }
        let css = match engine.render(FILE, &tera::Context::new(), || {
            super::super::html::page_file(FILE)
        }) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let style = Style {
            css,
            display: engine.origin(FILE).map(PathBuf::from).unwrap_or_default(),
        };
        style.warn_dropped(diags);
        match style.apply("<p></p>") {
            Ok(_) => Some(style),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        &style.display,
                        0,
                        0,
                        Msg::WechatStylesheet {
                            error: e.to_string(),
                        },
                    )
                    .with_help(Msg::PlainSelectorsHelp),
                );
                None
            }
        }
    }

    /// A warning for each use of what the 公众号 editor drops.
    fn warn_dropped(&self, diags: &mut Diagnostics) {
        for (line, col, what) in dropped(&self.css) {
            diags.push(
                Diagnostic::warning(&self.display, line, col, Msg::WechatCssDropped { what })
                    .with_help(Msg::WechatCssHelp),
            );
        }
    }

    /// `html` (a fragment) with every rule of the stylesheet written into the
    /// `style` attribute of the elements it matches; `page` names the page in the
    /// error.
    pub fn inline(&self, html: &str, page: &str) -> Result<String, Diagnostic> {
        self.apply(html).map_err(|e| {
            Diagnostic::error(
                &self.display,
                0,
                0,
                Msg::WechatStyling {
                    page: page.to_string(),
                    error: e.to_string(),
                },
            )
        })
    }

    fn apply(&self, html: &str) -> Result<String, css_inline::InlineError> {
        CSSInliner::options()
            .load_remote_stylesheets(false)
            .resolve_css_variables(true)
            .build()
            .inline_fragment(html, &self.css)
    }
}

/// Properties the 公众号 editor removes from a pasted `style` attribute, or that phones
/// show differently there (docs/wechat.md, "What the editor keeps").
const DROPPED: [&str; 4] = ["position", "float", "transform", "background-image"];

/// Where `css` uses what the 公众号 editor drops: (line, column, what), 1-based, in
/// characters. Declarations of [`DROPPED`] properties, a `background` with an image,
/// a `font-size` in percent, and `@font-face` (web fonts).
fn dropped(css: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let bytes = css.as_bytes();
    let (mut i, mut depth, mut at_start) = (0, 0usize, true);
    while i < bytes.len() {
        if css[i..].starts_with("/*") {
            i = css[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            continue;
        }
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if matches!(c, b'{' | b'}' | b';') {
            depth = match c {
                b'{' => depth + 1,
                b'}' => depth.saturating_sub(1),
                _ => depth,
            };
            at_start = true;
            i += 1;
            continue;
        }
        if let Some(what) = dropped_at(css, i, depth, at_start) {
            found.push(position(css, i, what));
        }
        at_start = false;
        // On to the end of this word or declaration's next delimiter.
        i += css[i..]
            .find(['{', '}', ';', '/'])
            .map_or(bytes.len() - i, |n| n.max(1));
    }
    found
}

/// What the word at byte `i` of `css`, `depth` rules deep, uses that the editor
/// drops: `@font-face` outside rules, or a declaration starting inside one.
fn dropped_at(css: &str, i: usize, depth: usize, at_start: bool) -> Option<String> {
    if depth == 0 {
        return css[i..]
            .starts_with("@font-face")
            .then(|| "@font-face".to_string());
    }
    if at_start {
        dropped_declaration(&css[i..])
    } else {
        None
    }
}

/// What the declaration `css` starts with uses that the editor drops, if anything.
fn dropped_declaration(css: &str) -> Option<String> {
    let name_len = css
        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
        .unwrap_or(css.len());
    let name = css[..name_len].to_ascii_lowercase();
    let rest = css[name_len..].trim_start();
    if name_len == 0 || !rest.starts_with(':') {
        return None;
    }
    let value_end = rest.find([';', '}']).unwrap_or(rest.len());
    let value = rest[1..value_end].trim().to_ascii_lowercase();
    if DROPPED.contains(&name.as_str()) {
        Some(name)
    } else if name == "background" && value.contains("url(") {
        Some("background: url(…)".to_string())
    } else if name == "font-size" && value.contains('%') {
        Some("font-size: …%".to_string())
    } else {
        None
    }
}

/// The 1-based line and column (in characters) of byte `at` of `text`, with `what`.
fn position(text: &str, at: usize, what: String) -> (usize, usize, String) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    (line, col, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_editor_drops_is_found_at_its_line_and_column() {
        let css = "p { margin: 0; position: relative }\n/* float: left */\nh2 {\n  color: red;\n  FLOAT: left;\n  font-size: 120%;\n  background: #fff url(a.png);\n  background-color: #fff;\n}\n@font-face { font-family: x }\n";
        let found = dropped(css);
        assert_eq!(
            found,
            vec![
                (1, 16, "position".to_string()),
                (5, 3, "float".to_string()),
                (6, 3, "font-size: …%".to_string()),
                (7, 3, "background: url(…)".to_string()),
                (10, 1, "@font-face".to_string()),
            ]
        );
        assert!(dropped("p { margin: 0 } li p { text-indent: 2em }").is_empty());
    }
}
