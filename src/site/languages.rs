//! Fallback to the default language: a section in a further language (`news/_index.en.md`)
//! also lists the default-language pages of its counterpart (`news/_index.md`) that
//! have no translation in its language, so that `/en/news/` is not emptier than it
//! must be.
//!
//! Such a page is not copied under `/en/`: it keeps its one URL and its language, and
//! templates mark it (its `lang` differs from the list's). One URL per text means no
//! duplicate content, and `hreflang` links only ever join real translations.

use super::Page;
use super::sections::order_key;

/// Adds the untranslated default-language pages to the sections of further languages.
pub fn add_fallbacks(pages: &mut [Page], default_lang: &str) {
    let mut additions: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if page.doc.lang == default_lang || page.section.is_none() {
            continue;
        }
        let lang = page.doc.lang.as_str();
        let Some(&(_, original)) = page.translations.iter().find(|(l, _)| l == default_lang) else {
            continue;
        };
        let Some(original_section) = &pages[original].section else {
            continue;
        };
        let untranslated: Vec<usize> = original_section
            .pages
            .iter()
            .copied()
            .filter(|&p| {
                pages[p].doc.lang == default_lang
                    && !pages[p].translations.iter().any(|(l, _)| l == lang)
            })
            .collect();
        if !untranslated.is_empty() {
            additions.push((i, untranslated));
        }
    }
    for (i, extra) in additions {
        let Some(section) = &pages[i].section else {
            continue;
        };
        let sort_by = section.sort_by;
        let mut list = section.pages.clone();
        list.extend(extra);
        list.sort_by_cached_key(|&a| order_key(&pages[a], sort_by));
        if let Some(section) = pages[i].section.as_mut() {
            section.pages = list;
        }
    }
}
