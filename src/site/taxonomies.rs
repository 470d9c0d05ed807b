//! Taxonomies (tags, categories…): the terms used by pages, each with a pinyin slug and
//! its pages newest first. A taxonomy not declared in site.toml is an error.
//!
//! Terms are told apart by their slug, since the slug is the URL: "Science" and
//! "science" (or 科普 and 科 普) are one term with one page, shown under the spelling
//! most pages use. Terms are sorted by slug, which is pinyin order for Chinese.

use std::collections::BTreeMap;

use super::Page;
use super::order::order_key;
use crate::config::{Config, TaxonomyConfig};
use crate::content::slug::slugify;
use crate::content::{SortBy, TermList};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::toml_diag::closest;

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as written (`防灾减灾`): the spelling most of its pages use.
    pub name: String,
    /// Every spelling that leads to this term (`Science`, `science`).
    pub spellings: Vec<String>,
    /// URL segment (`fang-zai-jian-zai`).
    pub slug: String,
    /// Site path of the term page (`/tags/fang-zai-jian-zai/`).
    pub path: String,
    /// Pages with this term, newest first.
    pub pages: Vec<usize>,
}

/// A taxonomy in one language.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Name (`tags`).
    pub name: String,
    /// Language code.
    pub lang: String,
    /// Site path of the list of terms (`/tags/`).
    pub path: String,
    /// Whether terms get feeds.
    pub feed: bool,
    /// Pages per term page, if paginated.
    pub paginate_by: Option<usize>,
    /// Terms, by name.
    pub terms: Vec<Term>,
}

/// The pages naming each spelling of a term, by taxonomy name and language.
type Found = BTreeMap<(String, String), BTreeMap<String, Vec<usize>>>;

/// Collects the terms of every declared taxonomy and reports undeclared ones.
pub fn collect(config: &Config, pages: &[Page], diags: &mut Diagnostics) -> Vec<Taxonomy> {
    let mut found = found(config, pages, diags);
    let mut taxonomies = Vec::new();
    for taxonomy in &config.taxonomies {
        let mut langs: Vec<String> = found
            .keys()
            .filter(|(n, _)| *n == taxonomy.name)
            .map(|(_, l)| l.clone())
            .collect();
        if !langs.contains(&config.language) {
            langs.push(config.language.clone());
        }
        for lang in langs {
            let spelled = found
                .remove(&(taxonomy.name.clone(), lang.clone()))
                .unwrap_or_default();
            taxonomies.push(one_taxonomy(config, taxonomy, lang, spelled, pages));
        }
    }
    taxonomies
}

/// The terms every page names, in declared taxonomies; a term of an undeclared one is
/// an error.
fn found(config: &Config, pages: &[Page], diags: &mut Diagnostics) -> Found {
    let declared: Vec<String> = config.taxonomies.iter().map(|t| t.name.clone()).collect();
    let mut found = Found::new();
    for (i, page) in pages.iter().enumerate() {
        for (name, list) in &page.doc.taxonomies {
            // An empty list (as `kepu new` writes it) names no term: nothing to check.
            if config.taxonomy(name).is_none() && !list.terms.is_empty() {
                diags.push(unknown_taxonomy(page, name, list, &declared));
                continue;
            }
            let terms = found
                .entry((name.clone(), page.doc.lang.clone()))
                .or_default();
            for term in &list.terms {
                let entry = terms.entry(term.clone()).or_default();
                // Pages come in order: a page that names a term twice is the last one.
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
    }
    found
}

/// A taxonomy the site does not declare, with the closest declared one as help.
fn unknown_taxonomy(page: &Page, name: &str, list: &TermList, declared: &[String]) -> Diagnostic {
    let help = match closest(name, declared) {
        Some(best) => Msg::DidYouMeanTaxonomyHelp {
            best: best.to_string(),
            name: name.to_string(),
        },
        None => Msg::DeclareTaxonomyHelp {
            name: name.to_string(),
        },
    };
    let message = Msg::UnknownTaxonomy {
        name: name.to_string(),
    };
    Diagnostic::error(&page.doc.source, list.line, list.col, message).with_help(help)
}

/// A declared taxonomy in one language, its terms made from the pages naming each
/// spelling.
fn one_taxonomy(
    config: &Config,
    taxonomy: &TaxonomyConfig,
    lang: String,
    spelled: BTreeMap<String, Vec<usize>>,
    pages: &[Page],
) -> Taxonomy {
    let prefix = if lang == config.language {
        String::new()
    } else {
        format!("/{lang}")
    };
    let path = format!("{prefix}/{}/", taxonomy.name);
    let terms = merge_by_slug(spelled)
        .into_iter()
        .map(|(slug, spellings, mut list)| {
            // In the order of a section sorted by date: newest first.
            list.sort_by_cached_key(|&i| order_key(&pages[i].doc, SortBy::Date));
            Term {
                path: format!("{path}{slug}/"),
                name: spellings[0].clone(),
                spellings,
                slug,
                pages: list,
            }
        })
        .collect();
    Taxonomy {
        name: taxonomy.name.clone(),
        lang,
        path,
        feed: taxonomy.feed,
        paginate_by: taxonomy.paginate_by,
        terms,
    }
}

/// Groups spellings by slug: (slug, spellings with the most used first, pages).
fn merge_by_slug(spelled: BTreeMap<String, Vec<usize>>) -> Vec<(String, Vec<String>, Vec<usize>)> {
    let mut by_slug: BTreeMap<String, Vec<(String, Vec<usize>)>> = BTreeMap::new();
    for (name, pages) in spelled {
        let slug = match slugify(&name) {
            s if s.is_empty() => "term".to_string(),
            s => s,
        };
        by_slug.entry(slug).or_default().push((name, pages));
    }
    by_slug
        .into_iter()
        .map(|(slug, mut spellings)| {
            spellings.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
            // Each page once, in the order first seen (a set: a term can have thousands).
            let mut seen = std::collections::HashSet::new();
            let mut pages: Vec<usize> = Vec::new();
            for (_, list) in &spellings {
                for &p in list {
                    if seen.insert(p) {
                        pages.push(p);
                    }
                }
            }
            let names = spellings.into_iter().map(|(name, _)| name).collect();
            (slug, names, pages)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_with_one_slug_are_one_term() {
        let mut spelled = BTreeMap::new();
        spelled.insert("Science".to_string(), vec![0]);
        spelled.insert("science".to_string(), vec![1, 2]);
        spelled.insert("科普".to_string(), vec![0]);
        let merged = merge_by_slug(spelled);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].1, vec!["科普".to_string()]);
        assert_eq!(merged[1].0, "science");
        assert_eq!(
            merged[1].1,
            vec!["science".to_string(), "Science".to_string()]
        );
        assert_eq!(merged[1].2, vec![1, 2, 0]);
    }
}
