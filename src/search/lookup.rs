//! Answering a query from the manifest and the shards: the reference for what
//! `themes/default/static/js/search.js` does in the browser, used by the tests and by
//! the recall measurement (`benches/search_eval.rs`).
//!
//! Every query token must match (prefix tokens through any term that starts with
//! them); when no page has them all, pages with most of them are returned as partial
//! matches. Results come in three tiers: pages where the tokens stand together as
//! typed (a phrase, judged by positions only: never a phrase that is not there), then
//! pages with every token, then partial matches. Inside a tier, scores add, per
//! token, how often the term occurs times the weight of the best part of the page it
//! is in (title > headings > body > description > tags > address), times how rare
//! the term is; upcoming events get a small boost.
//!
//! A query of several tokens that has a common term (a shard line `term<TAB>*…`)
//! also reads the positions file beside that shard (`search/q/<n>.txt`), which holds
//! the term's positions on the window's pages only ([`Manifest::window`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::index::{COMMON_POSITIONS, Field, URL, read_numbers, utf16_cmp};
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
    /// One letter per page for its kind: `n`ews, `e`vent, `t`raining, `r`esource,
    /// `p`age; `E` for an event starting after the build time (a list of those pages
    /// took 2.3 KB of every first query, gzipped, at 10,000 pages).
    pub kinds: String,
    /// The first term of each shard (`search/s/<n>.txt`).
    pub shards: Vec<String>,
    /// Traditional characters and their simplified forms, in pairs, for the
    /// characters of the index (`search::fold::browser_table`).
    #[serde(default)]
    pub fold: String,
    /// Pages per fragment file: page `n` is item `n % fragment_pages` of
    /// `search/p/<n / fragment_pages>.json`.
    pub fragment_pages: u32,
    /// Common terms have positions on the pages numbered below this
    /// (`search::index::window_pages`).
    #[serde(default)]
    pub window: u32,
}

impl Manifest {
    /// The fragment file of page `page` and its place in it.
    pub fn fragment_of(&self, page: u32) -> (String, usize) {
        let per = self.fragment_pages.max(1);
        (
            format!("search/p/{}.json", page / per),
            (page % per) as usize,
        )
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Page number (its fragment: [`Manifest::fragment_of`]).
    pub page: u32,
    /// Higher is better.
    pub score: f64,
    /// Whether the tokens stand together as typed.
    pub phrase: bool,
    /// Whether every token matched.
    pub complete: bool,
    /// The best field any token matched in: a result found only through its tags or
    /// address ([`super::index::TAG`], [`URL`]) says so.
    pub field: Field,
}

/// The weight of a match in each field, by [`Field`]: title, heading, body,
/// description, tag, address.
const FIELD_WEIGHTS: [f64; URL as usize + 1] = [5.0, 3.0, 1.0, 0.8, 0.5, 0.3];
const UPCOMING_FACTOR: f64 = 1.15;
/// The kind letter of an upcoming event.
pub const UPCOMING: char = 'E';

/// The shards a token needs: one for an exact term, a range for a prefix.
pub fn shards_for(manifest: &Manifest, token: &QueryToken) -> std::ops::RangeInclusive<usize> {
    let firsts = &manifest.shards;
    let at_or_before = |t: &str| {
        firsts
            .partition_point(|f| utf16_cmp(f, t).is_le())
            .saturating_sub(1)
    };
    let lo = at_or_before(&token.text);
    let hi = if token.is_prefix() {
        let upper = format!("{}\u{FFFF}", token.text);
        at_or_before(&upper)
    } else {
        lo
    };
    lo..=hi.max(lo)
}

/// What one token found on one page.
#[derive(Debug, Clone)]
struct Found {
    field: Field,
    count: u32,
    positions: Vec<u32>,
    exact: bool,
}

/// The path under `search/` of shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("s/{n}.txt")
}

/// The path under `search/` of the positions file beside shard `n`.
pub fn positions_path(n: usize) -> String {
    format!("q/{n}.txt")
}

/// Runs a query. `file(path)` returns the text of a file under `search/`
/// ([`shard_path`], [`positions_path`]); `kind` keeps only pages of that kind letter.
/// Results are best first.
pub fn search(
    manifest: &Manifest,
    file: &dyn Fn(&str) -> Option<String>,
    query: &str,
    kind: Option<char>,
) -> Vec<Hit> {
    let tokens = query_tokens(query);
    if tokens.is_empty() {
        return Vec::new();
    }
    let mut cache: HashMap<String, String> = HashMap::new();
    let mut read = |path: String| -> String {
        cache
            .entry(path)
            .or_insert_with_key(|p| file(p).unwrap_or_default())
            .clone()
    };
    let per_token: Vec<HashMap<u32, Found>> = tokens
        .iter()
        .map(|token| found(manifest, &mut read, token, tokens.len() > 1))
        .collect();

    let total = manifest.pages.max(1) as f64;
    let matched = matched_tokens(&per_token);
    let needed = needed(&matched, tokens.len());
    let kinds: Vec<char> = manifest.kinds.chars().collect();
    let mut hits: Vec<Hit> = matched
        .into_iter()
        .filter(|(_, n)| *n >= needed && needed > 0)
        .filter(|(page, _)| {
            kind.is_none_or(|k| kinds.get(*page as usize).map(char::to_ascii_lowercase) == Some(k))
        })
        .map(|(page, n)| hit(page, n, &tokens, &per_token, &kinds, total))
        .collect();
    rank(&mut hits);
    hits
}

/// Sorts hits best first: by tier, then score, then page number.
fn rank(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        tier(a)
            .cmp(&tier(b))
            .then(b.score.total_cmp(&a.score))
            .then(a.page.cmp(&b.page))
    });
}

/// The pages one query token is found on, read from the shards that can hold it;
/// positions are read only for a `phrase` of several tokens.
fn found(
    manifest: &Manifest,
    read: &mut impl FnMut(String) -> String,
    token: &QueryToken,
    phrase: bool,
) -> HashMap<u32, Found> {
    let mut found: HashMap<u32, Found> = HashMap::new();
    for n in shards_for(manifest, token) {
        let text = read(shard_path(n));
        for line in text.lines() {
            let Some((term, postings)) = line.split_once('\t') else {
                continue;
            };
            if !token_matches(token, term) {
                continue;
            }
            // Positions matter only to tell a phrase of several tokens.
            let positions = if postings.starts_with('*') && phrase {
                let text = read(positions_path(n));
                text.lines()
                    .find_map(|l| l.strip_prefix(term)?.strip_prefix('\t'))
                    .map(str::to_string)
            } else {
                None
            };
            collect(
                postings,
                positions.as_deref(),
                manifest.window,
                term == token.text,
                &mut found,
            );
        }
    }
    found
}

/// Whether a term of the index is what a token asks for: the same term, or for a
/// prefix token one starting with it.
fn token_matches(token: &QueryToken, term: &str) -> bool {
    if token.is_prefix() {
        term.starts_with(token.text.as_str())
    } else {
        term == token.text
    }
}

/// How many of the query's tokens each page matches.
fn matched_tokens(per_token: &[HashMap<u32, Found>]) -> HashMap<u32, usize> {
    let mut matched: HashMap<u32, usize> = HashMap::new();
    for found in per_token {
        for page in found.keys() {
            *matched.entry(*page).or_default() += 1;
        }
    }
    matched
}

/// How many tokens a page must match: all when some page does, else at least half.
fn needed(matched: &HashMap<u32, usize>, tokens: usize) -> usize {
    let best = matched.values().copied().max().unwrap_or(0);
    if best == tokens {
        best
    } else {
        best.max(tokens.div_ceil(2))
    }
}

/// A page matching `n` of the tokens as a hit: its score, best field, and whether
/// it has every token, as a phrase.
fn hit(
    page: u32,
    n: usize,
    tokens: &[QueryToken],
    per_token: &[HashMap<u32, Found>],
    kinds: &[char],
    total: f64,
) -> Hit {
    let mut score = 0.0;
    let mut field = URL;
    for found in per_token {
        let Some(f) = found.get(&page) else { continue };
        let idf = (1.0 + total / found.len() as f64).ln();
        let tf = 1.0 + (1.0 + f.count as f64).ln();
        let exact = if f.exact { 0.5 } else { 0.0 };
        score += (tf * FIELD_WEIGHTS[usize::from(f.field.min(URL))] + exact) * idf;
        field = field.min(f.field);
    }
    if kinds.get(page as usize) == Some(&UPCOMING) {
        score *= UPCOMING_FACTOR;
    }
    let complete = n == tokens.len();
    Hit {
        page,
        score,
        phrase: complete && is_phrase(tokens, per_token, page),
        complete,
        field,
    }
}

/// Phrases first, then pages with every token, then partial matches.
fn tier(hit: &Hit) -> u8 {
    match (hit.phrase, hit.complete) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    }
}

/// Adds one term's postings to what a token found. A common term (`*`) has no
/// positions in its line; `positions` (its line of the positions file, when read)
/// holds, for each of its pages below `window`, their number (at most
/// [`COMMON_POSITIONS`]) and the positions.
fn collect(
    postings: &str,
    positions: Option<&str>,
    window: u32,
    exact: bool,
    found: &mut HashMap<u32, Found>,
) {
    let common = postings.starts_with('*');
    let numbers = read_numbers(postings);
    let window_numbers = positions.map(read_numbers).unwrap_or_default();
    let mut w = 0;
    let mut i = 0;
    let mut page = 0;
    let mut first = true;
    while i + 1 < numbers.len() {
        page = if first { numbers[i] } else { page + numbers[i] };
        first = false;
        let meta = numbers[i + 1];
        let count = (meta >> 3) as usize;
        let entry = found.entry(page).or_insert_with(|| Found {
            field: URL,
            count: 0,
            positions: Vec::new(),
            exact: false,
        });
        entry.field = entry.field.min((meta & 7) as Field);
        entry.count += count as u32;
        entry.exact |= exact;
        i += 2;
        let (source, at, written) = if !common {
            (&numbers, &mut i, count)
        } else if page < window && w < window_numbers.len() {
            w += 1;
            let written = window_numbers[w - 1] as usize;
            (&window_numbers, &mut w, written.min(COMMON_POSITIONS))
        } else {
            continue;
        };
        push_positions(source, at, written, &mut entry.positions);
    }
}

/// Reads `written` delta-coded positions of `source` from `at` on (fewer at its end)
/// and adds them to `positions`.
fn push_positions(source: &[u32], at: &mut usize, written: usize, positions: &mut Vec<u32>) {
    let mut position = 0;
    for k in 0..written {
        let Some(&n) = source.get(*at) else {
            break;
        };
        *at += 1;
        position = if k == 0 { n } else { position + n };
        positions.push(position);
    }
}

/// Whether the tokens occur at the positions they have in the query, judged by the
/// positions in the index alone: a page whose positions of a token were cut (common
/// terms keep their first few) is not a phrase rather than a guessed one.
fn is_phrase(tokens: &[QueryToken], per_token: &[HashMap<u32, Found>], page: u32) -> bool {
    if tokens.len() < 2 {
        return true;
    }
    let Some(lists) = per_token
        .iter()
        .map(|f| f.get(&page).map(|f| &f.positions))
        .collect::<Option<Vec<&Vec<u32>>>>()
    else {
        return false;
    };
    let Some((rarest, list)) = lists.iter().enumerate().min_by_key(|(_, l)| l.len()) else {
        return false;
    };
    list.iter().any(|&p| {
        let Some(base) = p.checked_sub(tokens[rarest].position) else {
            return false;
        };
        tokens
            .iter()
            .zip(&lists)
            .all(|(t, l)| l.contains(&(base + t.position)))
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
        let s = shards(&terms, 64, pages.len() + 1, pages.len());
        let manifest = Manifest {
            version: 1,
            build: String::new(),
            pages: pages.len() as u32,
            kinds: "n".repeat(pages.len()),
            shards: s.first_terms,
            fold: String::new(),
            fragment_pages: 1,
            window: pages.len() as u32,
        };
        (manifest, s.texts)
    }

    fn reader(texts: &[String]) -> impl Fn(&str) -> Option<String> + '_ {
        |path: &str| {
            let n: usize = path
                .strip_prefix("s/")?
                .strip_suffix(".txt")?
                .parse()
                .ok()?;
            texts.get(n).cloned()
        }
    }

    fn find(pages: &[(&str, &str)], query: &str) -> Vec<u32> {
        let (manifest, texts) = index(pages);
        search(&manifest, &reader(&texts), query, None)
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
        let hits = search(&manifest, &reader(&texts), "防灾 减灾", None);
        assert_eq!(hits[0].page, 1);
        assert!(hits[0].phrase && !hits[1].phrase);
    }

    #[test]
    fn kind_filter_and_upcoming_boost() {
        let (mut manifest, texts) = index(&[("x", "地震"), ("y", "地震")]);
        manifest.kinds = "nE".into();
        let shard = reader(&texts);
        assert_eq!(search(&manifest, &shard, "地震", None)[0].page, 1);
        let events = search(&manifest, &shard, "地震", Some('n'));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].page, 0);
    }
}
