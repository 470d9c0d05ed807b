//! The section tree: which section each page belongs to, the kind it inherits, the
//! order of each section's pages, and links between neighbours and translations.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Page, SectionData};
use crate::config::Config;
use crate::content::{Document, Kind, SortBy};

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
pub fn ensure_homes(config: &Config, documents: &mut Vec<Arc<Document>>) {
    let has_home = documents
        .iter()
        .any(|d| d.is_section && own_dir(d).is_empty() && d.lang == config.language);
    if has_home {
        return;
    }
    documents.push(Arc::new(Document {
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
        section: Some(crate::content::SectionMeta {
            kind: None,
            sort_by: None,
            paginate_by: None,
            transparent: false,
        }),
        event: None,
        training: None,
        venue: None,
        organizer: None,
        resource: None,
        event_start: None,
        front_matter: String::new(),
        body: String::new(),
        body_line: 1,
    }));
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

/// Fills in section lists, neighbours, ancestors and translations.
pub fn link(pages: &mut [Page], tree: &Tree) {
    let (mut children, mut subsections) = members(pages);
    for i in 0..pages.len() {
        let Some(meta) = pages[i].doc.section.clone() else {
            continue;
        };
        let sort_by = meta.sort_by.unwrap_or(pages[i].kind.default_sort());
        let mut list = std::mem::take(&mut children[i]);
        list.sort_by_cached_key(|&a| order_key(&pages[a], sort_by));
        let mut subs = std::mem::take(&mut subsections[i]);
        subs.sort_by_cached_key(|&a| order_key(&pages[a], SortBy::Weight));
        link_neighbours(pages, i, &list);
        pages[i].section = Some(SectionData {
            pages: list,
            subsections: subs,
            sort_by,
            paginate_by: meta.paginate_by,
            transparent: meta.transparent,
        });
    }
    for i in 0..pages.len() {
        pages[i].ancestors = ancestors(pages, i);
    }
    link_translations(pages, tree);
}

/// The pages and the subsections listed in each section, unsorted; a transparent
/// section's pages are listed in its parent too.
fn members(pages: &[Page]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let count = pages.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut subsections: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, page) in pages.iter().enumerate() {
        // A translation whose language has no section of its own keeps the default
        // language's section for breadcrumbs, but is not listed there.
        if let Some(parent) = page.parent.filter(|&p| pages[p].doc.lang == page.doc.lang) {
            if page.doc.is_section {
                subsections[parent].push(i);
            } else {
                children[parent].push(i);
            }
        }
    }
    // Transparent sections also list their pages in their parent (deepest first).
    let mut transparent: Vec<usize> = (0..count)
        .filter(|&i| pages[i].doc.section.as_ref().is_some_and(|s| s.transparent))
        .collect();
    transparent.sort_by_key(|&i| std::cmp::Reverse(pages[i].doc.rel.matches('/').count()));
    for i in transparent {
        if let Some(parent) = pages[i].parent {
            let moved = children[i].clone();
            children[parent].extend(moved);
        }
    }
    (children, subsections)
}

/// Links each page of section `i`'s sorted `list` to its neighbours, only among the
/// section's own pages.
fn link_neighbours(pages: &mut [Page], i: usize, list: &[usize]) {
    let own: Vec<usize> = list
        .iter()
        .copied()
        .filter(|&p| pages[p].parent == Some(i))
        .collect();
    for (n, &p) in own.iter().enumerate() {
        pages[p].earlier = n.checked_sub(1).map(|m| own[m]);
        pages[p].later = own.get(n + 1).copied();
    }
}

/// The sections above page `i`, the home first (a loop of parents stops at its
/// first repeat).
fn ancestors(pages: &[Page], i: usize) -> Vec<usize> {
    let mut ancestors = Vec::new();
    let mut at = pages[i].parent;
    while let Some(p) = at {
        if ancestors.contains(&p) {
            break;
        }
        ancestors.push(p);
        at = pages[p].parent;
    }
    ancestors.reverse();
    ancestors
}

/// Translations: the same content path but for the language suffix.
fn link_translations(pages: &mut [Page], tree: &Tree) {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        groups
            .entry(translation_key(&page.doc, &tree.default_lang))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for &i in members {
            pages[i].translations = members
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| (pages[j].doc.lang.clone(), j))
                .collect();
        }
    }
}

/// `about/join.en.md` and `about/join.md` share the key `about/join.md`.
fn translation_key(doc: &Document, default_lang: &str) -> String {
    if doc.lang == default_lang {
        return doc.rel.clone();
    }
    doc.rel.replace(&format!(".{}.md", doc.lang), ".md")
}

/// Where a page goes in a section's order: pages sort by this key, ascending. By
/// date: newest first, undated pages last; by weight or start: smallest first,
/// pages without one last; then by title, then by content path. A key is made once
/// per page: comparing pages directly reads both pages' documents at every
/// comparison, which for a section of thousands was most of its sorting time.
pub(super) fn order_key(page: &Page, sort_by: SortBy) -> (bool, i128, &str, &str) {
    let doc = &page.doc;
    let value = match sort_by {
        SortBy::Date => doc.date.as_ref().map(|d| -d.timestamp().as_nanosecond()),
        SortBy::Weight => doc.weight.map(i128::from),
        SortBy::Title => Some(0),
        SortBy::Start => doc.event_start.map(|t| t.as_nanosecond()),
    };
    (
        value.is_none(),
        value.unwrap_or(0),
        doc.title.as_str(),
        doc.rel.as_str(),
    )
}
