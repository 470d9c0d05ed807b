//! Answering a query from the manifest and the shards: the reference for what
//! `themes/default/static/js/search.js` does in the browser, used by the tests and by
//! the recall measurement (`examples/search_eval.rs`).
//!
//! Every query token must match (prefix tokens through any term that starts with
//! them); when no page has them all, pages with most of them are returned as partial
//! matches. Scores add, per token, a weight for title and heading/tag matches and for
//! how often the term occurs, times how rare it is; a page where the tokens stand
//! together as typed (a phrase) scores double, and upcoming events get a small boost.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::index::{HEADING, TITLE, read_numbers, utf16_cmp};
use super::tokenize::{QueryToken, query_tokens};

/// `search/index.json`: what the browser loads first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// A hash of the index, added to shard URLs so browsers never mix two builds.
    pub build: String,
    /// Number of pages in the index.
    pub pages: u32,
    /// One letter per page for its kind: `n`ews, `e`vent, `t`raining, `r`esource, `p`age.
    pub kinds: String,
    /// Pages that are events starting after the build time.
    pub upcoming: Vec<u32>,
    /// The first term of each shard (`search/s/<n>.txt`).
    pub shards: Vec<String>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Page number (its fragment is `search/p/<n>.json`).
    pub page: u32,
    /// Higher is better.
    pub score: f64,
    /// Whether the tokens stand together as typed.
    pub phrase: bool,
    /// Whether every token matched.
    pub complete: bool,
}

/// How strongly a title match, a heading or tag match, and a phrase count.
const TITLE_WEIGHT: f64 = 6.0;
const HEADING_WEIGHT: f64 = 3.0;
const PHRASE_FACTOR: f64 = 2.0;
const UPCOMING_FACTOR: f64 = 1.15;

/// The shards a token needs: one for an exact term, a range for a prefix.
pub fn shards_for(manifest: &Manifest, token: &QueryToken) -> std::ops::RangeInclusive<usize> {
    let firsts = &manifest.shards;
    let at_or_before = |t: &str| {
        firsts
            .partition_point(|f| utf16_cmp(f, t).is_le())
            .saturating_sub(1)
    };
    let lo = at_or_before(&token.text);
    let hi = if token.kind.is_prefix() {
        let upper = format!("{}\u{FFFF}", token.text);
        at_or_before(&upper)
    } else {
        lo
    };
    lo..=hi.max(lo)
}

/// What one token found on one page.
#[derive(Debug, Clone, Default)]
struct Found {
    flags: u8,
    count: u32,
    positions: Vec<u32>,
    exact: bool,
    /// A common term matched: its positions are not in the index.
    bare: bool,
}

/// Runs a query. `shard(n)` returns the text of shard `n`; `kind` keeps only pages of
/// that kind letter. Results are best first.
pub fn search(
    manifest: &Manifest,
    shard: &dyn Fn(usize) -> Option<String>,
    query: &str,
    kind: Option<char>,
) -> Vec<Hit> {
    let tokens = query_tokens(query);
    if tokens.is_empty() {
        return Vec::new();
    }
    let mut cache: HashMap<usize, String> = HashMap::new();
    let per_token: Vec<HashMap<u32, Found>> = tokens
        .iter()
        .map(|token| {
            let mut found: HashMap<u32, Found> = HashMap::new();
            for n in shards_for(manifest, token) {
                let text = cache
                    .entry(n)
                    .or_insert_with(|| shard(n).unwrap_or_default());
                for line in text.lines() {
                    let Some((term, postings)) = line.split_once('\t') else {
                        continue;
                    };
                    let matches = if token.kind.is_prefix() {
                        term.starts_with(token.text.as_str())
                    } else {
                        term == token.text
                    };
                    if matches {
                        collect(postings, term == token.text, &mut found);
                    }
                }
            }
            found
        })
        .collect();

    let total = manifest.pages.max(1) as f64;
    let mut matched: HashMap<u32, usize> = HashMap::new();
    for found in &per_token {
        for page in found.keys() {
            *matched.entry(*page).or_default() += 1;
        }
    }
    let best = matched.values().copied().max().unwrap_or(0);
    let needed = if best == tokens.len() {
        best
    } else {
        best.max(tokens.len().div_ceil(2))
    };
    let kinds: Vec<char> = manifest.kinds.chars().collect();
    let mut hits: Vec<Hit> = matched
        .into_iter()
        .filter(|(_, n)| *n >= needed && needed > 0)
        .filter(|(page, _)| kind.is_none_or(|k| kinds.get(*page as usize) == Some(&k)))
        .map(|(page, n)| {
            let mut score = 0.0;
            for found in &per_token {
                let Some(f) = found.get(&page) else { continue };
                let idf = (1.0 + total / found.len() as f64).ln();
                let mut weight = 1.0 + (1.0 + f.count as f64).ln();
                if f.flags & TITLE != 0 {
                    weight += TITLE_WEIGHT;
                }
                if f.flags & HEADING != 0 {
                    weight += HEADING_WEIGHT;
                }
                if f.exact {
                    weight += 0.5;
                }
                score += weight * idf;
            }
            let complete = n == tokens.len();
            let phrase = complete && is_phrase(&tokens, &per_token, page);
            if phrase && tokens.len() > 1 {
                score *= PHRASE_FACTOR;
            }
            if manifest.upcoming.contains(&page) {
                score *= UPCOMING_FACTOR;
            }
            Hit {
                page,
                score,
                phrase,
                complete,
            }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
    hits
}

/// Adds one term's postings to what a token found.
fn collect(postings: &str, exact: bool, found: &mut HashMap<u32, Found>) {
    let bare = postings.starts_with('*');
    let numbers = read_numbers(postings);
    let mut i = 0;
    let mut page = 0;
    let mut first = true;
    while i + 1 < numbers.len() {
        page = if first { numbers[i] } else { page + numbers[i] };
        first = false;
        let meta = numbers[i + 1];
        let count = (meta >> 2) as usize;
        let entry = found.entry(page).or_default();
        entry.flags |= (meta & 3) as u8;
        entry.count += count as u32;
        entry.exact |= exact;
        entry.bare |= bare;
        if bare {
            i += 2;
            continue;
        }
        let mut position = 0;
        for k in 0..count {
            let Some(&n) = numbers.get(i + 2 + k) else {
                break;
            };
            position = if k == 0 { n } else { position + n };
            entry.positions.push(position);
        }
        i += 2 + count;
    }
}

/// Whether the tokens occur at the positions they have in the query. Tokens of
/// common terms, stored without positions, are taken to be in place; when no token
/// has positions, it is not a phrase.
fn is_phrase(tokens: &[QueryToken], per_token: &[HashMap<u32, Found>], page: u32) -> bool {
    if tokens.len() < 2 {
        return true;
    }
    let lists: Vec<Option<&Vec<u32>>> = per_token
        .iter()
        .map(|f| f.get(&page).filter(|f| !f.bare).map(|f| &f.positions))
        .collect();
    let Some((rarest, list)) = lists
        .iter()
        .enumerate()
        .filter_map(|(k, l)| l.map(|l| (k, l)))
        .min_by_key(|(_, l)| l.len())
    else {
        return false;
    };
    list.iter().any(|&p| {
        let Some(base) = p.checked_sub(tokens[rarest].position) else {
            return false;
        };
        tokens
            .iter()
            .zip(&lists)
            .all(|(t, l)| l.is_none_or(|l| l.contains(&(base + t.position))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{Entry, Fields, page_terms, shards};

    fn index(pages: &[(&str, &str)]) -> (Manifest, Vec<String>) {
        let terms: Vec<_> = pages
            .iter()
            .map(|(title, body)| {
                page_terms(
                    &Entry {
                        title,
                        body,
                        ..Entry::default()
                    },
                    Fields::default(),
                )
            })
            .collect();
        let s = shards(&terms, 64, pages.len() + 1);
        let manifest = Manifest {
            version: 1,
            build: String::new(),
            pages: pages.len() as u32,
            kinds: "n".repeat(pages.len()),
            upcoming: Vec::new(),
            shards: s.first_terms,
        };
        (manifest, s.texts)
    }

    fn find(pages: &[(&str, &str)], query: &str) -> Vec<u32> {
        let (manifest, texts) = index(pages);
        search(&manifest, &|n| texts.get(n).cloned(), query, None)
            .into_iter()
            .map(|h| h.page)
            .collect()
    }

    const PAGES: &[(&str, &str)] = &[
        ("协会动态", "开展防灾减灾知识宣传，志愿者参与地震演练。"),
        ("防灾减灾日", "5·12防灾减灾日活动。"),
        ("互联网+科普培训", "Volunteers learn science communication."),
        ("科普中国e站", "e站建设与应用。"),
        ("灾后", "防止灾害。"),
    ];

    #[test]
    fn chinese_queries_find_whole_and_partial_words() {
        assert_eq!(find(PAGES, "防灾减灾"), [1, 0]); // title match first
        assert_eq!(find(PAGES, "地震"), [0]);
        assert_eq!(find(PAGES, "灾"), [1, 4, 0]); // titles first
        assert!(find(PAGES, "防灾减灾演练").contains(&0)); // partial match kept
    }

    #[test]
    fn english_is_case_folded_and_prefix_matched() {
        assert_eq!(find(PAGES, "VOLUNTEER"), [2]);
        assert_eq!(find(PAGES, "scien"), [2]);
        assert!(find(PAGES, "astronomy").is_empty());
    }

    #[test]
    fn mixed_queries() {
        assert_eq!(find(PAGES, "互联网+科普"), [2]);
        assert_eq!(find(PAGES, "e站"), [3]);
        assert_eq!(find(PAGES, "科普e站"), [3]);
    }

    #[test]
    fn phrase_beats_scattered_terms() {
        let pages = &[("a", "减灾工作和防灾工作"), ("b", "防灾减灾工作")];
        let (manifest, texts) = index(pages);
        let hits = search(&manifest, &|n| texts.get(n).cloned(), "防灾 减灾", None);
        assert_eq!(hits[0].page, 1);
        assert!(hits[0].phrase && !hits[1].phrase);
    }

    #[test]
    fn kind_filter_and_upcoming_boost() {
        let (mut manifest, texts) = index(&[("x", "地震"), ("y", "地震")]);
        manifest.kinds = "ne".into();
        manifest.upcoming = vec![1];
        let shard = |n: usize| texts.get(n).cloned();
        assert_eq!(search(&manifest, &shard, "地震", None)[0].page, 1);
        let events = search(&manifest, &shard, "地震", Some('n'));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].page, 0);
    }
}
