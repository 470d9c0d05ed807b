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
