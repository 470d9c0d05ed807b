//! Taxonomies (tags, categories…): the terms used by pages, each with a pinyin slug and
//! its pages newest first. A taxonomy not declared in site.toml is an error.

use std::collections::BTreeMap;

use super::Page;
use crate::config::Config;
use crate::content::slug::slugify;
use crate::diag::{Diagnostic, Diagnostics};
use crate::toml_diag::closest;

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as written (`防灾减灾`).
    pub name: String,
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
    /// Terms, by name.
    pub terms: Vec<Term>,
}

/// Collects the terms of every declared taxonomy and reports undeclared ones.
pub fn collect(config: &Config, pages: &[Page], diags: &mut Diagnostics) -> Vec<Taxonomy> {
    let declared: Vec<String> = config.taxonomies.iter().map(|t| t.name.clone()).collect();
    let mut found: BTreeMap<(String, String), BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for (name, list) in &page.doc.taxonomies {
            // An empty list (as `kepu new` writes it) names no term: nothing to check.
            if config.taxonomy(name).is_none() && !list.terms.is_empty() {
                let mut help = match closest(name, &declared) {
                    Some(best) => format!("did you mean `{best}`? "),
                    None => String::new(),
                };
                help.push_str(&format!(
                    "Declare it in site.toml under [taxonomies], e.g. {name} = {{}}"
                ));
                diags.push(
                    Diagnostic::error(
                        &page.doc.source,
                        list.line,
                        list.col,
                        format!("unknown taxonomy `{name}`"),
                    )
                    .with_help(help),
                );
                continue;
            }
            let terms = found
                .entry((name.clone(), page.doc.lang.clone()))
                .or_default();
            for term in &list.terms {
                let entry = terms.entry(term.clone()).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
    }
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
            let prefix = if lang == config.language {
                String::new()
            } else {
                format!("/{lang}")
            };
            let path = format!("{prefix}/{}/", taxonomy.name);
            let terms = found
                .remove(&(taxonomy.name.clone(), lang.clone()))
                .unwrap_or_default()
                .into_iter()
                .map(|(name, mut list)| {
                    list.sort_by(|&a, &b| {
                        let da = pages[a].doc.date.as_ref().map(|d| d.timestamp());
                        let db = pages[b].doc.date.as_ref().map(|d| d.timestamp());
                        db.cmp(&da)
                            .then_with(|| pages[a].doc.title.cmp(&pages[b].doc.title))
                    });
                    let slug = match slugify(&name) {
                        s if s.is_empty() => "term".to_string(),
                        s => s,
                    };
                    Term {
                        path: format!("{path}{slug}/"),
                        name,
                        slug,
                        pages: list,
                    }
                })
                .collect();
            taxonomies.push(Taxonomy {
                name: taxonomy.name.clone(),
                lang,
                path,
                feed: taxonomy.feed,
                terms,
            });
        }
    }
    taxonomies
}
