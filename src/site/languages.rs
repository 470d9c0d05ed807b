//! Fallback to the default language: a section in a further language (`news/_index.en.md`)
//! also lists the default-language pages of its counterpart (`news/_index.md`) that
//! have no translation in its language, so that `/en/news/` is not emptier than it
//! must be.
//!
//! Such a page is not copied under `/en/`: it keeps its one URL and its language, and
//! templates mark it (its `lang` differs from the list's). One URL per text means no
//! duplicate content, and `hreflang` links only ever join real translations.

use std::sync::Arc;

use super::SectionData;
use super::order::order_key;
use crate::content::Document;

/// The translations of each document, by index (see [`super::sections`]).
type Translations = [Vec<(String, usize)>];

/// The sections' `lists` (by document index) with the untranslated default-language
/// pages added to the sections of further languages, in each section's order.
pub fn with_fallbacks(
    lists: Vec<Option<SectionData>>,
    (documents, translations): (&[Arc<Document>], &Translations),
    default_lang: &str,
) -> Vec<Option<SectionData>> {
    let extra: Vec<Vec<usize>> = (0..lists.len())
        .map(|i| untranslated(i, &lists, (documents, translations), default_lang))
        .collect();
    lists
        .into_iter()
        .zip(extra)
        .map(|(section, extra)| {
            let mut section = section?;
            if !extra.is_empty() {
                section.pages.extend(extra);
                let sort_by = section.sort_by;
                (section.pages).sort_by_cached_key(|&a| order_key(&documents[a], sort_by));
            }
            Some(section)
        })
        .collect()
}

/// The default-language pages that section `i`, in a further language, lists beside
/// its own: those of its default-language counterpart without a translation in its
/// language.
fn untranslated(
    i: usize,
    lists: &[Option<SectionData>],
    (documents, translations): (&[Arc<Document>], &Translations),
    default_lang: &str,
) -> Vec<usize> {
    let lang = documents[i].lang.as_str();
    if lang == default_lang || lists[i].is_none() {
        return Vec::new();
    }
    let original = translations[i].iter().find(|(l, _)| l == default_lang);
    let Some(Some(original_section)) = original.map(|&(_, o)| &lists[o]) else {
        return Vec::new();
    };
    (original_section.pages.iter().copied())
        .filter(|&p| {
            documents[p].lang == default_lang && !translations[p].iter().any(|(l, _)| l == lang)
        })
        .collect()
}
