//! Translations for `trans()`: `i18n/<lang>.toml` files of the theme, then of the site
//! (whose keys win), each a flat table of `key = "text"`.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::SourceFile;
use crate::toml_diag::TomlOrigin;

/// Language code → key → text.
pub fn load(
    files: &[SourceFile],
    diags: &mut Diagnostics,
) -> HashMap<String, HashMap<String, String>> {
    let mut all: HashMap<String, HashMap<String, String>> = HashMap::new();
    for file in files {
        let name = file.rel.to_string_lossy().replace('\\', "/");
        let Some(lang) = name.strip_suffix(".toml") else {
            continue;
        };
        let text = match file.origin.read().map(String::from_utf8) {
            Ok(Ok(text)) => text,
            _ => {
                diags.push(Diagnostic::error(
                    &file.display,
                    0,
                    0,
                    Msg::TranslationNotUtf8,
                ));
                continue;
            }
        };
        match toml::from_str::<HashMap<String, String>>(&text) {
            Ok(table) => all.entry(lang.to_string()).or_default().extend(table),
            Err(e) => diags.push(
                TomlOrigin {
                    path: &file.display,
                    text: &text,
                    line_offset: 0,
                }
                .diagnostic(&e),
            ),
        }
    }
    all
}
