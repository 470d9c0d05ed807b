//! The edition's stylesheet, `css/wechat.css`, written into `style` attributes.
//!
//! Wraps the `css-inline` crate (house rule 11). Why that crate: it is the maintained
//! inliner of the Rust ecosystem (also behind the Python and Node packages of the same
//! name), it applies the cascade (specificity, order, `!important`) as a browser
//! does, and it is built on `html5ever` and `cssparser`, which kepu already compiles
//! for `ammonia`: without its default features (no HTTP, files or cache) it adds
//! only `selectors` and a few small crates to the build.

use std::path::PathBuf;

use css_inline::CSSInliner;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Where the stylesheet is, inside a theme's or the site's `static/`.
pub const PATH: &str = "css/wechat.css";

/// The stylesheet of the edition, read once per build.
#[derive(Debug, Clone)]
pub struct Style {
    css: String,
    /// Its path for messages.
    display: PathBuf,
}

impl Style {
    /// Reads `css/wechat.css` from the static files (the site's wins over the
    /// theme's) and checks that it can be applied. `None`, with an error in `diags`
    /// when the file is there but unusable, and without one when there is none (a
    /// theme without an edition).
    pub fn load(statics: &[SourceFile], diags: &mut Diagnostics) -> Option<Style> {
        let file = statics
            .iter()
            .rev()
            .find(|f| f.rel.to_string_lossy().replace('\\', "/") == PATH)?;
        let css = match file.origin.read().map(String::from_utf8) {
            Ok(Ok(css)) => css,
            Ok(Err(_)) => {
                diags.push(
                    Diagnostic::error(&file.display, 0, 0, "this stylesheet is not UTF-8 text")
                        .with_help("save it as UTF-8"),
                );
                return None;
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    &file.display,
                    0,
                    0,
                    format!("cannot read this file: {e}"),
                ));
                return None;
            }
        };
        let style = Style {
            css,
            display: file.display.clone(),
        };
        match style.apply("<p></p>") {
            Ok(_) => Some(style),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        &style.display,
                        0,
                        0,
                        format!("the WeChat edition cannot use this stylesheet: {e}"),
                    )
                    .with_help(
                        "use plain selectors (tags, classes, descendants); pseudo-elements such as ::before cannot be written into a style attribute",
                    ),
                );
                None
            }
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
                format!("the WeChat edition of {page} could not be styled: {e}"),
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
