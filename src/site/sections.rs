//! The section tree: which section each page belongs to, the kind it inherits, the
//! order of each section's pages, and links between neighbours and translations:
//! every relation a page has, worked out from the documents before pages are made.

use std::collections::HashMap;
use std::sync::Arc;

use super::SectionData;
use super::languages;
use super::order::order_key;
use crate::config::Config;
use crate::content::{Document, Kind, Parsed, SectionMeta, SortBy};

/// Parent and kind of every document, by index.
#[derive(Debug)]
pub struct Tree {
    /// The kind of each document.
    pub kinds: Vec<Kind>,
    /// The section each document belongs to (`None` for home pages).
    pub parents: Vec<Option<usize>>,
    /// Home section per language.
    pub homes: HashMap<String, usize>,
    /// Language of the site, for fallbacks.
    default_lang: String,
}

/// The folder a document lives in, as a content path: `news` for `news/a.md`,
/// `events` for `events/x/index.md`, `news` for `news/_index.md` itself.
pub fn own_dir(doc: &Document) -> &str {
    match doc.rel.rsplit_once('/') {
        Some((dir, _)) => dir,
        None => "",
    }
}

/// The folder whose section a document belongs to.
pub fn container_dir(doc: &Document) -> Option<&str> {
    let dir = own_dir(doc);
    if doc.is_section || doc.is_bundle {
        if dir.is_empty() {
            return None;
        }
        Some(dir.rsplit_once('/').map_or("", |(parent, _)| parent))
    } else {
        Some(dir)
    }
}

/// Adds a home page for the default language when `content/_index.md` is missing.
pub fn ensure_homes(config: &Config, documents: &mut Vec<Parsed>) {
    let has_home = documents
        .iter()
        .any(|(d, _)| d.is_section && own_dir(d).is_empty() && d.lang == config.language);
    if !has_home {
        documents.push((Arc::new(home(config)), Arc::default()));
    }
}

/// The home page of the default language when no file makes it: the site's title and
/// description, no text.
fn home(config: &Config) -> Document {
    Document {
        source: "content/_index.md".into(),
        rel: "_index.md".to_string(),
        is_section: true,
        is_bundle: false,
        lang: config.language.clone(),
        title: config.title.clone(),
        description: Some(config.description.clone()).filter(|d| !d.is_empty()),
        date: None,
        updated: None,
        draft: false,
        publish_date: None,
        expiry_date: None,
        slug: String::new(),
        aliases: Vec::new(),
        weight: None,
        template: None,
        taxonomies: Default::default(),
        authors: Vec::new(),
        cover: None,
        cover_focus: Default::default(),
        keep_original: false,
        search: true,
        wechat: None,
        extra: Default::default(),
        section: Some(SectionMeta::default()),
        event: None,
        training: None,
        venue: None,
        organizer: None,
        resource: None,
        event_start: None,
        body_line: 1,
    }
}

impl Tree {
    /// Works out parents and kinds.
    pub fn build(config: &Config, documents: &[Arc<Document>]) -> Tree {
        let parents = parents(config, documents);
        let kinds = kinds(documents, &parents);
        let homes = documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.is_section && own_dir(d).is_empty())
            .map(|(i, d)| (d.lang.clone(), i))
            .collect();
        Tree {
            kinds,
            parents,
            homes,
            default_lang: config.language.clone(),
        }
    }
}

/// The section each document belongs to: the nearest section above its folder in its
/// language, else in the default language.
fn parents(config: &Config, documents: &[Arc<Document>]) -> Vec<Option<usize>> {
    let mut sections: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, doc) in documents.iter().enumerate() {
        if doc.is_section {
            sections.insert((own_dir(doc), doc.lang.as_str()), i);
        }
    }
    let find_section = |mut dir: &str, lang: &str| -> Option<usize> {
        loop {
            if let Some(&i) = sections
                .get(&(dir, lang))
                .or_else(|| sections.get(&(dir, config.language.as_str())))
            {
                return Some(i);
            }
            if dir.is_empty() {
                return None;
            }
            dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    };
    documents
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let parent = container_dir(doc).and_then(|dir| find_section(dir, &doc.lang));
            parent.filter(|&p| p != i)
        })
        .collect()
}

/// The kind of each document: sections top-down (a section without `kind` takes its
/// parent's), then pages, which take their section's.
fn kinds(documents: &[Arc<Document>], parents: &[Option<usize>]) -> Vec<Kind> {
    let mut order: Vec<usize> = (0..documents.len())
        .filter(|&i| documents[i].is_section)
        .collect();
    order.sort_by_key(|&i| documents[i].rel.matches('/').count());
    let mut kinds = vec![Kind::Page; documents.len()];
    for &i in &order {
        let own = documents[i].section.as_ref().and_then(|s| s.kind);
        kinds[i] = own.unwrap_or_else(|| parents[i].map_or(Kind::Page, |p| kinds[p]));
    }
    for (i, doc) in documents.iter().enumerate() {
        if !doc.is_section {
            kinds[i] = parents[i].map_or(Kind::Page, |p| kinds[p]);
        }
    }
    kinds
}

/// Where one page stands among the others, worked out from the documents before any
/// page is made.
#[derive(Debug)]
pub struct Related {
    /// The page's kind (a section's own, or inherited from its section).
    pub kind: Kind,
    /// The section it belongs to.
    pub parent: Option<usize>,
    /// Sections from the home page down to the parent.
    pub ancestors: Vec<usize>,
    /// Previous page in the parent section's order.
    pub earlier: Option<usize>,
    /// Next page in the parent section's order.
    pub later: Option<usize>,
    /// Other language versions: (language code, index).
    pub translations: Vec<(String, usize)>,
    /// The section's lists, for `_index.md`.
    pub section: Option<SectionData>,
}

/// How every document relates to the others, by index: its kind and parent, a
/// section's lists (with the fallbacks of further languages, see [`languages`]), its
/// neighbours, ancestors and translations.
pub fn relations(documents: &[Arc<Document>], tree: &Tree) -> Vec<Related> {
    let translations = translations(documents, &tree.default_lang);
    let lists = lists(documents, tree);
    let neighbours = neighbours(&lists, &tree.parents);
    let sections = languages::with_fallbacks(lists, (documents, &translations), &tree.default_lang);
    sections
        .into_iter()
        .zip(translations)
        .zip(neighbours)
        .enumerate()
        .map(|(i, ((section, translations), (earlier, later)))| Related {
            kind: tree.kinds[i],
            parent: tree.parents[i],
            ancestors: ancestors(&tree.parents, i),
            earlier,
            later,
            translations,
            section,
        })
        .collect()
}

/// The lists of each section, in its order (`None` for pages).
fn lists(documents: &[Arc<Document>], tree: &Tree) -> Vec<Option<SectionData>> {
    let (mut children, mut subsections) = members(documents, &tree.parents);
    (0..documents.len())
        .map(|i| {
            let meta = documents[i].section.as_ref()?;
            let sort_by = meta.sort_by.unwrap_or(tree.kinds[i].default_sort());
            let mut list = std::mem::take(&mut children[i]);
            list.sort_by_cached_key(|&a| order_key(&documents[a], sort_by));
            let mut subs = std::mem::take(&mut subsections[i]);
            subs.sort_by_cached_key(|&a| order_key(&documents[a], SortBy::Weight));
            Some(SectionData {
                pages: list,
                subsections: subs,
                sort_by,
                paginate_by: meta.paginate_by,
                transparent: meta.transparent,
            })
        })
        .collect()
}

/// The pages and the subsections listed in each section, unsorted; a transparent
/// section's pages are listed in its parent too.
fn members(
    documents: &[Arc<Document>],
    parents: &[Option<usize>],
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let count = documents.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut subsections: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, doc) in documents.iter().enumerate() {
        // A translation whose language has no section of its own keeps the default
        // language's section for breadcrumbs, but is not listed there.
        if let Some(parent) = parents[i].filter(|&p| documents[p].lang == doc.lang) {
            if doc.is_section {
                subsections[parent].push(i);
            } else {
                children[parent].push(i);
            }
        }
    }
    // Transparent sections also list their pages in their parent (deepest first).
    let mut transparent: Vec<usize> = (0..count)
        .filter(|&i| documents[i].section.as_ref().is_some_and(|s| s.transparent))
        .collect();
    transparent.sort_by_key(|&i| std::cmp::Reverse(documents[i].rel.matches('/').count()));
    for i in transparent {
        if let Some(parent) = parents[i] {
            let moved = children[i].clone();
            children[parent].extend(moved);
        }
    }
    (children, subsections)
}

/// The page before and after each page in its section's sorted list, only among the
/// section's own pages.
fn neighbours(
    lists: &[Option<SectionData>],
    parents: &[Option<usize>],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut neighbours = vec![(None, None); parents.len()];
    for (i, section) in lists.iter().enumerate() {
        let Some(section) = section else {
            continue;
        };
        let own: Vec<usize> = (section.pages.iter().copied())
            .filter(|&p| parents[p] == Some(i))
            .collect();
        for (n, &p) in own.iter().enumerate() {
            neighbours[p] = (n.checked_sub(1).map(|m| own[m]), own.get(n + 1).copied());
        }
    }
    neighbours
}

/// The sections above document `i`, the home first (a loop of parents stops at its
/// first repeat).
fn ancestors(parents: &[Option<usize>], i: usize) -> Vec<usize> {
    let mut ancestors = Vec::new();
    let mut at = parents[i];
    while let Some(p) = at {
        if ancestors.contains(&p) {
            break;
        }
        ancestors.push(p);
        at = parents[p];
    }
    ancestors.reverse();
    ancestors
}

/// The translations of each document: the others with the same content path but for
/// the language suffix.
fn translations(documents: &[Arc<Document>], default_lang: &str) -> Vec<Vec<(String, usize)>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, doc) in documents.iter().enumerate() {
        groups
            .entry(translation_key(doc, default_lang))
            .or_default()
            .push(i);
    }
    let mut translations = vec![Vec::new(); documents.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        for &i in members {
            translations[i] = members
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| (documents[j].lang.clone(), j))
                .collect();
        }
    }
    translations
}

/// `about/join.en.md` and `about/join.md` share the key `about/join.md`.
fn translation_key(doc: &Document, default_lang: &str) -> String {
    if doc.lang == default_lang {
        return doc.rel.clone();
    }
    doc.rel.replace(&format!(".{}.md", doc.lang), ".md")
}
