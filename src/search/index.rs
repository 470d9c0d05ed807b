//! The search index: every searchable page's terms, merged into one sorted term list
//! and cut into shards of about [`SHARD_BYTES`], so the browser downloads only the
//! shards holding the terms of a query.
//!
//! A shard is text, one term a line: `term<TAB>postings`. Postings are numbers written
//! with [`push_number`] (five bits per character, no separators): for each page that
//! has the term, the page number (the first absolute, then the difference to the
//! previous one), `positions << 3 | field`, then up to [`MAX_POSITIONS`] positions
//! (the first absolute, then differences). The field is the best part of the page
//! the term is in, [`TITLE`] first and [`URL`] last (see [`Field`]).
//!
//! A common term (see [`common_pages`]) is written `term<TAB>*postings` without
//! positions, and with its count rounded to [`COMMON_FEW`] or [`COMMON_MANY`]: a query
//! of one term needs no positions, positions were most of a common term's bytes, and
//! the exact counts most of the rest (the gzipped line is half as long without them).
//! Its positions, at most [`COMMON_POSITIONS`] a page and only for the pages numbered
//! below the *window* (see [`window_pages`]; pages are numbered newest first), go to a
//! second file beside the shard, `term<TAB>` then for each such page the number of
//! positions and the positions, which the browser fetches only to check a phrase. A page outside the window is never
//! reported as a phrase of a common term: it is not guessed, it ranks with the pages
//! that have every term. The manifest lists the first term of each shard, in UTF-16
//! order (JavaScript's string order).

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::tokenize::tokenize;

/// The parts of a page, best first: a term's field is the best part it is in.
pub type Field = u8;
/// The title.
pub const TITLE: Field = 0;
/// A heading.
pub const HEADING: Field = 1;
/// The body text.
pub const BODY: Field = 2;
/// The description (shown in results when it matches).
pub const DESCRIPTION: Field = 3;
/// A tag or other taxonomy term (not shown in results).
pub const TAG: Field = 4;
/// The page's address (not shown in results).
pub const URL: Field = 5;
/// No field yet.
const NO_FIELD: Field = 7;
/// Positions kept per page and term: enough for phrase matching of all but the most
/// frequent terms, and bounded so that a term on every page stays small.
pub const MAX_POSITIONS: usize = 7;
/// A shard is closed once it holds this many bytes (a single term may exceed it).
pub const SHARD_BYTES: usize = 8 * 1024;
/// The shard size of a site of up to [`SMALL_INDEX`] pages: a query of three terms
/// fetched 24 KB of 8 KB shards on the association's site, where the whole index is
/// a few dozen shards.
pub const SMALL_SHARD_BYTES: usize = 4 * 1024;
/// The number of pages up to which shards are [`SMALL_SHARD_BYTES`].
pub const SMALL_INDEX: usize = 2_000;

/// The shard size for an index of `pages` pages.
pub fn shard_bytes(pages: usize) -> usize {
    if pages <= SMALL_INDEX {
        SMALL_SHARD_BYTES
    } else {
        SHARD_BYTES
    }
}

/// What of a page is searchable, borrowed from the site model.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    /// The title.
    pub title: &'a str,
    /// The description, if any.
    pub description: Option<&'a str>,
    /// Taxonomy terms (tags, categories).
    pub tags: Vec<&'a str>,
    /// The text of every heading.
    pub headings: Vec<&'a str>,
    /// The body as plain text (headings included).
    pub body: &'a str,
    /// The site path (`/about/volunteer/`): its words, often pinyin, find the page
    /// for visitors who type `volunteer` or `fangzai`.
    pub url: &'a str,
}

/// Which parts of a page are indexed (`[search] fields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// `title`.
    pub title: bool,
    /// `description`.
    pub description: bool,
    /// `headings`.
    pub headings: bool,
    /// `body`.
    pub body: bool,
    /// `tags` (all taxonomy terms).
    pub tags: bool,
    /// `url` (the words of the page's address).
    pub url: bool,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            title: true,
            description: true,
            headings: true,
            body: true,
            tags: true,
            url: true,
        }
    }
}

/// One page's occurrences of one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The best [`Field`] the term is in.
    pub field: Field,
    /// How many of `positions` are used.
    len: u8,
    /// The first positions, inline: a `Vec` per page and term was a large part of the
    /// index build time. Sixteen bits: every page's postings are held until the
    /// merge, and with `u32` they were most of the build's peak memory (a 56-byte
    /// term and posting, now 40). Positions past 65,535 (a page of that many terms)
    /// are left out, so a phrase that far down is not found, never guessed.
    slots: [u16; MAX_POSITIONS],
}

impl Default for Posting {
    fn default() -> Self {
        Posting {
            field: NO_FIELD,
            len: 0,
            slots: [0; MAX_POSITIONS],
        }
    }
}

impl Posting {
    /// The first positions, at most [`MAX_POSITIONS`].
    pub fn positions(&self) -> &[u16] {
        &self.slots[..usize::from(self.len)]
    }

    fn push(&mut self, position: u32) {
        if usize::from(self.len) < MAX_POSITIONS
            && let Ok(position) = u16::try_from(position)
        {
            self.slots[usize::from(self.len)] = position;
            self.len += 1;
        }
    }
}

/// Hash buckets the terms are merged in, one rayon task each.
const BUCKETS: usize = 64;

/// The terms of one page with their postings, ordered by hash bucket so that the
/// merge can take each bucket's slice of every page.
#[derive(Debug, Clone)]
pub struct PageTerms {
    terms: Vec<(Term, Posting)>,
    /// Where each bucket starts in `terms`: a table, because a binary search per
    /// bucket and page missed the cache and cost more than the merge.
    starts: [u32; BUCKETS + 1],
}

impl PageTerms {
    /// Every term and its posting.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Posting)> {
        self.terms.iter().map(|(t, p)| (t.as_str(), p))
    }

    fn bucket(&self, b: usize) -> &[(Term, Posting)] {
        &self.terms[self.starts[b] as usize..self.starts[b + 1] as usize]
    }
}

/// FxHash (rustc's hasher): the terms are short, SipHash was a tenth of the build.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Bytes of a term kept inline: CJK pairs take 6, most words fewer than 22.
const INLINE: usize = 22;

/// A term, inline when short: an allocation per term and page was a large part of
/// tokenizing, and freeing them took a tenth of a second at 10,000 pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Term {
    Inline(u8, [u8; INLINE]),
    Boxed(Box<str>),
}

impl Term {
    fn new(term: &str) -> Term {
        if term.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..term.len()].copy_from_slice(term.as_bytes());
            Term::Inline(term.len() as u8, bytes)
        } else {
            Term::Boxed(term.into())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Always whole characters: `new` copies a `&str`.
            Term::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            Term::Boxed(term) => term,
        }
    }
}

fn bucket_of(term: &str) -> usize {
    let mut h = FxHasher::default();
    h.write(term.as_bytes());
    // The high bits: the multiply mixes them best.
    (h.finish() >> 40) as usize % BUCKETS
}

/// Tokenizes one page. Positions run through title, tags, description, URL and body, with
/// a gap between parts so that no phrase spans two of them.
pub fn page_terms(entry: &Entry, fields: Fields) -> PageTerms {
    let mut map: FxMap<Term, Posting> = FxMap::default();
    let mut add = |term: &str, position: Option<u32>, field: Field| {
        let posting = map.entry(Term::new(term)).or_default();
        posting.field = posting.field.min(field);
        if let Some(position) = position {
            posting.push(position);
        }
    };
    let mut next = 0;
    if fields.title {
        next = tokenize(entry.title, next, |t, p, _| add(t, Some(p), TITLE)) + 1;
    }
    if fields.tags {
        for tag in &entry.tags {
            next = tokenize(tag, next, |t, p, _| add(t, Some(p), TAG)) + 1;
        }
    }
    if fields.description
        && let Some(description) = entry.description
    {
        next = tokenize(description, next, |t, p, _| add(t, Some(p), DESCRIPTION)) + 1;
    }
    if fields.url {
        next = tokenize(entry.url, next, |t, p, _| add(t, Some(p), URL)) + 1;
    }
    if fields.body {
        tokenize(entry.body, next, |t, p, _| add(t, Some(p), BODY));
        if fields.headings {
            // Heading text is part of the body: only mark its terms.
            for heading in &entry.headings {
                tokenize(heading, 0, |t, _, _| add(t, None, HEADING));
            }
        }
    } else if fields.headings {
        for heading in &entry.headings {
            next = tokenize(heading, next, |t, p, _| add(t, Some(p), HEADING)) + 1;
        }
    }
    let mut keyed: Vec<(usize, Term, Posting)> = map
        .into_iter()
        .map(|(t, p)| (bucket_of(t.as_str()), t, p))
        .collect();
    keyed.sort_unstable_by_key(|t| t.0);
    let mut starts = [0u32; BUCKETS + 1];
    for (b, _, _) in &keyed {
        starts[b + 1] += 1;
    }
    for b in 0..BUCKETS {
        starts[b + 1] += starts[b];
    }
    PageTerms {
        terms: keyed.into_iter().map(|(_, t, p)| (t, p)).collect(),
        starts,
    }
}

/// The term shards of a site.
#[derive(Debug, Clone, Default)]
pub struct Shards {
    /// The first term of each shard, in order.
    pub first_terms: Vec<String>,
    /// The text of each shard.
    pub texts: Vec<String>,
    /// For each shard, the positions of its common terms on the window's pages
    /// (empty when it has no common term).
    pub positions: Vec<String>,
}

/// The non-ASCII characters of the index's terms: the browser's folding table keeps
/// the traditional characters whose simplified form is one of them.
pub fn cjk_chars(shards: &Shards) -> BTreeSet<char> {
    shards
        .texts
        .iter()
        .flat_map(|text| text.lines())
        .filter_map(|line| line.split_once('\t'))
        .flat_map(|(term, _)| term.chars())
        .filter(|c| !c.is_ascii())
        .collect()
}

/// Compares two strings by UTF-16 code units, the order of JavaScript's `<`.
pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A term is common when it is on more than a fifth of the pages and on at least
/// this many.
pub const COMMON_MIN_PAGES: usize = 500;

/// Positions kept per page for a common term: a phrase is found where it first
/// occurs on a page, and a common term's positions stay about half the size they
/// have with [`MAX_POSITIONS`].
pub const COMMON_POSITIONS: usize = 2;

/// The count written for a common term on a page where it occurs once or twice.
pub const COMMON_FEW: u32 = 1;
/// The count written for a common term on a page where it occurs three times or more.
pub const COMMON_MANY: u32 = 3;

/// The number of pages from which a term is common in an index of `pages` pages: its
/// pages then keep at most [`COMMON_POSITIONS`] positions (a line `term<TAB>*…`), and
/// a query that has it downloads that much less. Small sites keep every position.
pub fn common_pages(pages: usize) -> usize {
    COMMON_MIN_PAGES.max(pages / 5 + 1)
}

/// The pages whose positions of common terms are written, in an index of `pages`
/// pages: the first tenth (the newest, as `render/search.rs` numbers them), and at
/// least [`COMMON_MIN_PAGES`]. A phrase query of common terms downloads about a
/// tenth of their positions, and still finds the phrase on the newest pages.
pub fn window_pages(pages: usize) -> usize {
    COMMON_MIN_PAGES.max(pages / 10)
}

/// Merges the pages' terms (page number = place in `pages`) into sorted shards; terms
/// on `common` pages or more are written without positions, and their positions on
/// the pages numbered below `window` go to the shard's positions text. Each hash
/// bucket of terms is merged and encoded on its own thread; then the lines are sorted
/// and cut into shards.
pub fn shards(pages: &[PageTerms], shard_bytes: usize, common: usize, window: usize) -> Shards {
    let mut lines: Vec<(&str, String, String)> = (0..BUCKETS)
        .into_par_iter()
        .flat_map_iter(|b| {
            let mut terms: FxMap<&Term, Vec<(u32, &Posting)>> = FxMap::default();
            for (page, page_terms) in pages.iter().enumerate() {
                for (term, posting) in page_terms.bucket(b) {
                    terms.entry(term).or_default().push((page as u32, posting));
                }
            }
            terms.into_iter().map(move |(term, postings)| {
                let term = term.as_str();
                let mut line = String::with_capacity(term.len() + 2 + 4 * postings.len());
                line.push_str(term);
                line.push('\t');
                let mut positions = String::new();
                if postings.len() < common {
                    encode_postings(&postings, &mut line);
                } else {
                    line.push('*');
                    encode_pages(&postings, &mut line);
                    positions.push_str(term);
                    positions.push('\t');
                    encode_window_positions(&postings, window as u32, &mut positions);
                    positions.push('\n');
                }
                line.push('\n');
                (term, line, positions)
            })
        })
        .collect();
    lines.par_sort_unstable_by(|a, b| utf16_cmp(a.0, b.0));

    let mut out = Shards::default();
    let mut current = String::new();
    let mut current_positions = String::new();
    for (term, line, positions) in lines {
        if current.is_empty() {
            out.first_terms.push(term.to_string());
        }
        current.push_str(&line);
        current_positions.push_str(&positions);
        if current.len() >= shard_bytes {
            out.texts.push(std::mem::take(&mut current));
            out.positions.push(std::mem::take(&mut current_positions));
        }
    }
    if !current.is_empty() {
        out.texts.push(current);
        out.positions.push(current_positions);
    }
    out
}

/// Writes one page number (the first absolute, then the difference to the previous).
fn push_page(page: u32, previous: &mut Option<u32>, out: &mut String) {
    push_number(page - previous.unwrap_or(0), out);
    *previous = Some(page);
}

/// Writes positions: the first absolute, then differences.
fn push_positions(positions: &[u16], out: &mut String) {
    let mut previous = 0;
    for (i, position) in positions.iter().map(|&p| u32::from(p)).enumerate() {
        push_number(
            if i == 0 {
                position
            } else {
                position - previous
            },
            out,
        );
        previous = position;
    }
}

/// Writes one term's postings (pages in increasing order): counts, fields and
/// positions.
fn encode_postings(postings: &[(u32, &Posting)], out: &mut String) {
    let mut previous_page = None;
    for (page, posting) in postings {
        push_page(*page, &mut previous_page, out);
        push_number(
            (u32::from(posting.len) << 3) | u32::from(posting.field),
            out,
        );
        push_positions(posting.positions(), out);
    }
}

/// Writes a common term's pages with their fields and counts rounded to
/// [`COMMON_FEW`] or [`COMMON_MANY`], without positions.
fn encode_pages(postings: &[(u32, &Posting)], out: &mut String) {
    let mut previous_page = None;
    for (page, posting) in postings {
        push_page(*page, &mut previous_page, out);
        let count = if posting.len >= 3 {
            COMMON_MANY
        } else {
            COMMON_FEW
        };
        push_number((count << 3) | u32::from(posting.field), out);
    }
}

/// Writes a common term's first [`COMMON_POSITIONS`] positions on each of its pages
/// below `window`, in page order, each page's preceded by their number; the reader
/// knows the pages from the shard's line.
fn encode_window_positions(postings: &[(u32, &Posting)], window: u32, out: &mut String) {
    for (_, posting) in postings.iter().take_while(|(page, _)| *page < window) {
        let positions = posting.positions();
        let kept = &positions[..positions.len().min(COMMON_POSITIONS)];
        push_number(kept.len() as u32, out);
        push_positions(kept, out);
    }
}

/// Characters that end a number (values 0 to 31).
const LAST_DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
/// Characters of a number's higher five-bit groups (values 0 to 31).
const MORE_DIGITS: &[u8; 32] = b"ghijklmnopqrstuvwxyz0123456789-_";

/// Appends a number: its five-bit groups, most significant first, the last one from
/// [`LAST_DIGITS`] and the others from [`MORE_DIGITS`]. Numbers below 32 take one byte.
pub fn push_number(mut n: u32, out: &mut String) {
    let mut groups = [0u8; 7];
    let mut len = 0;
    loop {
        groups[len] = (n & 31) as u8;
        len += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let table = if i == 0 { LAST_DIGITS } else { MORE_DIGITS };
        out.push(table[groups[i] as usize] as char);
    }
}

/// Reads the numbers written by [`push_number`].
pub fn read_numbers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    for b in text.bytes() {
        if let Some(d) = LAST_DIGITS.iter().position(|&c| c == b) {
            out.push(acc.wrapping_mul(32).wrapping_add(d as u32));
            acc = 0;
        } else if let Some(d) = MORE_DIGITS.iter().position(|&c| c == b) {
            acc = acc.wrapping_mul(32).wrapping_add(d as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let numbers = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
        let mut text = String::new();
        for n in numbers {
            push_number(n, &mut text);
        }
        assert_eq!(read_numbers(&text), numbers);
        let mut small = String::new();
        push_number(5, &mut small);
        assert_eq!(small, "F");
    }

    #[test]
    fn title_and_heading_terms_are_flagged() {
        let entry = Entry {
            title: "防灾减灾日",
            headings: vec!["志愿者"],
            body: "志愿者参加防灾演练",
            ..Entry::default()
        };
        let page = page_terms(&entry, Fields::default());
        let terms: HashMap<&str, Posting> = page.iter().map(|(t, p)| (t, *p)).collect();
        assert_eq!(terms["防灾"].field, TITLE);
        assert_eq!(terms["防灾"].positions().len(), 2);
        assert_eq!(terms["志愿"].field, HEADING);
        assert_eq!(terms["演练"].field, BODY);
    }

    #[test]
    fn positions_past_sixteen_bits_are_left_out() {
        let body = format!("{}tail", "x ".repeat(70_000));
        let page = page_terms(
            &Entry {
                body: &body,
                ..Entry::default()
            },
            Fields::default(),
        );
        let terms: HashMap<&str, Posting> = page.iter().map(|(t, p)| (t, *p)).collect();
        assert_eq!(terms["tail"].field, BODY);
        assert!(terms["tail"].positions().is_empty());
        assert_eq!(terms["x"].positions(), [2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn shards_are_sorted_in_javascript_order() {
        let page = |t: &str| {
            page_terms(
                &Entry {
                    body: t,
                    ..Entry::default()
                },
                Fields::default(),
            )
        };
        // U+FA11 sorts after U+20000 in UTF-8 but before it in UTF-16.
        let shards = shards(&[page("a b"), page("\u{FA11} \u{20000} b")], 1, 3, 3);
        let terms: Vec<&str> = shards.first_terms.iter().map(String::as_str).collect();
        assert_eq!(terms, ["a", "b", "\u{20000}", "\u{FA11}"]);
        // page 0: one position (1 << 3 | BODY = K), 3 (after the empty title and URL);
        // page 1 (+1): one at 4
        assert_eq!(shards.texts[1], "b\tAKDBKE\n");
    }

    #[test]
    fn common_terms_keep_counts_and_their_first_positions() {
        let page = page_terms(
            &Entry {
                body: "b b b",
                ..Entry::default()
            },
            Fields::default(),
        );
        let shards = shards(&[page.clone(), page.clone(), page], 1 << 20, 2, 2);
        // page 0: three occurrences, many (3 << 3 | BODY = 26 = a); pages 1 and 2 (+1)
        // the same; no positions
        assert_eq!(shards.texts[0], "b\t*AaBaBa\n");
        // Two positions (2, +1) on each of pages 0 and 1, the window's pages.
        assert_eq!(shards.positions[0], "b\tCCBCCB\n");
        assert_eq!(common_pages(10), COMMON_MIN_PAGES);
        assert_eq!(common_pages(10_000), 2_001);
        assert_eq!(window_pages(10_000), 1_000);
    }
}
