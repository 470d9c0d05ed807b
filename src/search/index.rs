//! The search index: every searchable page's terms, merged into one sorted term list
//! and cut into shards of about [`SHARD_BYTES`], so the browser downloads only the
//! shards holding the terms of a query. A term line of a shard's size or more has a
//! shard of its own, and so do the terms starting with one character when they fill a
//! shard (see `starts_shard`): a query of a common term or of one character then
//! fetches no other terms.
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
use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

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
/// A shard is closed once it holds this many bytes (a single term may exceed it);
/// `starts_shard` closes some earlier.
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

/// Hash buckets the terms are merged in, one rayon task each: a bucket's terms stay
/// in the processor's cache while a batch of pages is merged into them (one map of
/// every term missed the cache on nearly every page's term, a third of the search
/// build).
const BUCKETS: usize = 64;

/// The bucket of a term's hash: six of its middle bits. Each bucket's map mixes the
/// whole hash again (see [`TermMap`]), so its index and tags still vary.
fn bucket_of(hash: u64) -> usize {
    (hash >> 40) as usize % BUCKETS
}

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

/// FxHash (rustc's hasher, from `rustc-hash`) of a term's bytes: its byte hash mixes
/// every byte into the low bits the hash table indexes with. SipHash was a tenth of the
/// build.
fn hash_term(term: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(term.as_bytes());
    hasher.finish()
}

/// Maps keyed by [`Term`]: a term carries its hash, computed once when it is read
/// (hashing its bytes again for each map it goes into was a tenth of the search
/// build); the map's FxHasher only mixes that stored hash, one multiply.
type TermMap<V> = FxHashMap<Term, V>;

/// Bytes of a term kept inline: CJK pairs take 6, most words fewer than 22.
const INLINE: usize = 22;

/// A term and its hash, inline when short: an allocation per term and page was a
/// large part of tokenizing, and freeing them took a tenth of a second at 10,000 pages.
#[derive(Debug, Clone)]
struct Term {
    hash: u64,
    text: TermText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TermText {
    Inline(u8, [u8; INLINE]),
    Boxed(Box<str>),
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Term {}

impl std::hash::Hash for Term {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl Term {
    fn new(term: &str) -> Term {
        let text = if term.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..term.len()].copy_from_slice(term.as_bytes());
            TermText::Inline(term.len() as u8, bytes)
        } else {
            TermText::Boxed(term.into())
        };
        Term {
            hash: hash_term(term),
            text,
        }
    }

    fn as_str(&self) -> &str {
        match &self.text {
            // Always whole characters: `new` copies a `&str`.
            TermText::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            TermText::Boxed(term) => term,
        }
    }
}

/// Tokenizes one page (see [`PageTokenizer::page_terms`]).
pub fn page_terms(entry: &Entry, fields: Fields) -> PageTerms {
    PageTokenizer::default().page_terms(entry, fields)
}

/// Buffers for tokenizing pages one after another, one per thread: a new hash map
/// for each page, grown as it filled, and a sort of its terms by bucket were a fifth
/// of the search build.
#[derive(Debug, Default)]
pub struct PageTokenizer {
    /// The page's terms, emptied after each page.
    map: TermMap<Posting>,
    /// The page's terms by bucket, emptied after each page.
    buckets: Vec<Vec<(Term, Posting)>>,
}

impl PageTokenizer {
    /// Tokenizes one page. Positions run through title, tags, description, URL and
    /// body, with a gap between parts so that no phrase spans two of them.
    pub fn page_terms(&mut self, entry: &Entry, fields: Fields) -> PageTerms {
        self.add_terms(entry, fields);
        self.bucketed()
    }

    /// Adds the terms of the page's fields to the map, each with its positions and
    /// the most important field it is in.
    fn add_terms(&mut self, entry: &Entry, fields: Fields) {
        let map = &mut self.map;
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
    }

    /// The page's terms, taken out of the map, grouped by bucket.
    fn bucketed(&mut self) -> PageTerms {
        self.buckets.resize_with(BUCKETS, Vec::new);
        let count = self.map.len();
        for (term, posting) in self.map.drain() {
            self.buckets[bucket_of(term.hash)].push((term, posting));
        }
        let mut terms = Vec::with_capacity(count);
        let mut starts = [0u32; BUCKETS + 1];
        for (b, bucket) in self.buckets.iter_mut().enumerate() {
            starts[b + 1] = starts[b] + bucket.len() as u32;
            terms.append(bucket);
        }
        PageTerms { terms, starts }
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

/// Merges the pages' terms (page number = place in `pages`) into sorted shards; see
/// [`Merger`].
pub fn shards(pages: &[PageTerms], shard_bytes: usize, common: usize, window: usize) -> Shards {
    let mut merger = Merger::default();
    merger.add(pages);
    merger.finish(shard_bytes, common, window)
}

/// One term's postings so far, already written as its shard line would have them.
#[derive(Debug)]
struct Postings {
    /// `term<TAB>`, then for each page the page number, `positions << 3 | field` and
    /// the positions, as the module's documentation says.
    line: String,
    /// How many pages have the term.
    pages: u32,
    /// The last page added.
    last: u32,
}

/// The index being built, a batch of pages at a time: each page's terms go into
/// their term's line at once, written as the shard will hold them, so that the pages'
/// terms need not all be held until the end. Holding every page's terms with their
/// positions until one merge was most of the build's peak memory with search on
/// (+367 MiB at 10,000 pages). Whether a term is common is known only at the end:
/// [`Merger::finish`] rewrites those lines (from the numbers already written)
/// without positions.
#[derive(Debug)]
pub struct Merger {
    /// Every term so far, by hash bucket (see [`PageTerms`]).
    buckets: Vec<TermMap<Postings>>,
    /// Pages added so far: the next page's number.
    pages: u32,
}

impl Default for Merger {
    fn default() -> Self {
        Merger {
            buckets: (0..BUCKETS).map(|_| TermMap::default()).collect(),
            pages: 0,
        }
    }
}

impl Merger {
    /// Adds the next pages, numbered from the number of pages added before. Each
    /// bucket of terms is merged on its own thread.
    pub fn add(&mut self, pages: &[PageTerms]) {
        let first = self.pages;
        self.buckets
            .par_iter_mut()
            .enumerate()
            .for_each(|(b, terms)| {
                for (page, page_terms) in (first..).zip(pages) {
                    for (term, posting) in page_terms.bucket(b) {
                        add_posting(terms, term, page, posting);
                    }
                }
            });
        self.pages += pages.len() as u32;
    }

    /// The shards: terms on `common` pages or more are written without positions,
    /// and their positions on the pages numbered below `window` go to the shard's
    /// positions text. The lines are finished in parallel, sorted and cut into shards.
    pub fn finish(self, shard_bytes: usize, common: usize, window: usize) -> Shards {
        let mut lines: Vec<Line> = self
            .buckets
            .into_iter()
            .flatten()
            .map(|(term, postings)| (postings.line, term.as_str().len(), postings.pages))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(line, term_len, pages)| finish_line(line, term_len, pages, common, window))
            .collect();
        lines.par_sort_unstable_by(|a, b| utf16_cmp(&a.0[..a.1], &b.0[..b.1]));
        cut_shards(lines, shard_bytes)
    }
}

/// A finished line of the index: (line, length of its term, positions line).
type Line = (String, usize, String);

/// A term's line ended, or for a term on `common` pages or more, rewritten without
/// positions (marked `*`), its positions below page `window` in a positions line.
fn finish_line(
    mut line: String,
    term_len: usize,
    pages: u32,
    common: usize,
    window: usize,
) -> Line {
    let mut positions = String::new();
    if (pages as usize) < common {
        line.push('\n');
    } else {
        let (head, written) = line.split_at(term_len + 1);
        let mut common_line = String::with_capacity(head.len() + written.len() / 2);
        common_line.push_str(head);
        common_line.push('*');
        positions.push_str(head);
        rewrite_common(written, window as u32, &mut common_line, &mut positions);
        common_line.push('\n');
        positions.push('\n');
        line = common_line;
    }
    (line, term_len, positions)
}

/// The sorted lines cut into shards of about `shard_bytes`, keeping the terms of one
/// first character together where [`starts_shard`] says so.
fn cut_shards(lines: Vec<Line>, shard_bytes: usize) -> Shards {
    let groups = group_bytes(&lines);
    let mut out = Shards::default();
    let mut current = String::new();
    let mut current_positions = String::new();
    let mut previous: Option<(char, usize)> = None;
    for (line, term_len, positions) in lines {
        let first = line.chars().next().unwrap_or_default();
        if !current.is_empty()
            && let Some((previous_first, previous_len)) = previous
            && starts_shard(
                (previous_first, previous_len),
                (first, line.len()),
                &groups,
                shard_bytes,
            )
        {
            out.texts.push(std::mem::take(&mut current));
            out.positions.push(std::mem::take(&mut current_positions));
        }
        previous = Some((first, line.len()));
        if current.is_empty() {
            out.first_terms.push(line[..term_len].to_string());
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

/// The bytes of the lines of each first character, for [`starts_shard`].
fn group_bytes(lines: &[Line]) -> HashMap<char, usize> {
    let mut groups: HashMap<char, usize> = HashMap::new();
    for (line, _, _) in lines {
        *groups
            .entry(line.chars().next().unwrap_or_default())
            .or_default() += line.len();
    }
    groups
}

/// Whether a line starts a new shard (besides a shard closed once it holds
/// `shard_bytes`): a line of `shard_bytes` or more, and the line after it, so that a
/// query of a common term fetches its line alone; and the first and the line after
/// the last of the terms starting with one character when those take `shard_bytes`
/// or more. A one-character query (`灾`, a prefix of every pair starting with it)
/// then fetches only that character's shards: at 10,000 pages its terms filled five
/// shards and a half, and the shards at both ends were mostly other characters'
/// terms (`灾` fetched 6 shards, 37.8 KB gzipped, of which 11 KB were other terms).
fn starts_shard(
    (previous_first, previous_len): (char, usize),
    (first, len): (char, usize),
    groups: &HashMap<char, usize>,
    shard_bytes: usize,
) -> bool {
    let big_group = |c: char| groups.get(&c).is_some_and(|&bytes| bytes >= shard_bytes);
    len >= shard_bytes
        || previous_len >= shard_bytes
        || (first != previous_first && (big_group(first) || big_group(previous_first)))
}

/// Appends one page's posting to its term's line.
fn add_posting(terms: &mut TermMap<Postings>, term: &Term, page: u32, posting: &Posting) {
    let postings = match terms.get_mut(term) {
        Some(postings) => postings,
        None => terms.entry(term.clone()).or_insert_with(|| {
            let term = term.as_str();
            let mut line = String::with_capacity(term.len() + 8);
            line.push_str(term);
            line.push('\t');
            Postings {
                line,
                pages: 0,
                last: 0,
            }
        }),
    };
    // The first page absolute (`last` is 0), then differences.
    push_number(page - postings.last, &mut postings.line);
    push_number(
        (u32::from(posting.len) << 3) | u32::from(posting.field),
        &mut postings.line,
    );
    push_positions(posting.positions(), &mut postings.line);
    postings.pages += 1;
    postings.last = page;
}

/// Rewrites a common term's postings, as [`Merger::add`] wrote them, into its shard
/// line (each page's number and field, its count rounded to [`COMMON_FEW`] or
/// [`COMMON_MANY`], no positions) and its positions line (for each page below
/// `window`, the number of positions kept, at most [`COMMON_POSITIONS`], and those
/// positions; the reader knows the pages from the shard's line).
fn rewrite_common(written: &str, window: u32, line: &mut String, positions: &mut String) {
    let mut numbers = Numbers::new(written);
    let mut page = 0;
    while let Some(gap) = numbers.next() {
        page += gap;
        let count_field = numbers.next().unwrap_or(0);
        let (count, field) = (count_field >> 3, count_field & 7);
        push_number(gap, line);
        let rounded = if count >= 3 { COMMON_MANY } else { COMMON_FEW };
        push_number((rounded << 3) | field, line);
        let kept = (count as usize).min(COMMON_POSITIONS);
        if page < window {
            push_number(kept as u32, positions);
        }
        for i in 0..count as usize {
            let position = numbers.next().unwrap_or(0);
            // The first absolute, then differences: as written.
            if page < window && i < kept {
                push_number(position, positions);
            }
        }
    }
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

/// Characters that end a number (values 0 to 31).
const LAST_DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
/// Characters of a number's higher five-bit groups (values 0 to 31).
const MORE_DIGITS: &[u8; 32] = b"ghijklmnopqrstuvwxyz0123456789-_";

/// Appends a number: its five-bit groups, most significant first, the last one from
/// [`LAST_DIGITS`] and the others from [`MORE_DIGITS`]. Numbers below 32 take one byte.
pub fn push_number(mut n: u32, out: &mut String) {
    if n < 32 {
        // Most numbers: page gaps, counts, position gaps.
        out.push(char::from(LAST_DIGITS[n as usize]));
        return;
    }
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
    Numbers::new(text).collect()
}

/// What a byte of a number is worth: `0..32` for [`LAST_DIGITS`], `32..64` for
/// [`MORE_DIGITS`] (value + 32), [`NOT_A_DIGIT`] for any other byte.
const DIGIT_VALUES: [u8; 256] = {
    let mut values = [NOT_A_DIGIT; 256];
    let mut i = 0;
    while i < 32 {
        values[LAST_DIGITS[i] as usize] = i as u8;
        values[MORE_DIGITS[i] as usize] = i as u8 + 32;
        i += 1;
    }
    values
};
/// A byte that is no digit (skipped).
const NOT_A_DIGIT: u8 = 255;

/// The numbers of a text written by [`push_number`], in order.
struct Numbers<'a> {
    bytes: std::slice::Iter<'a, u8>,
}

impl<'a> Numbers<'a> {
    fn new(text: &'a str) -> Self {
        Numbers {
            bytes: text.as_bytes().iter(),
        }
    }
}

impl Iterator for Numbers<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut acc: u32 = 0;
        for &b in self.bytes.by_ref() {
            match DIGIT_VALUES[usize::from(b)] {
                NOT_A_DIGIT => {}
                d if d < 32 => return Some(acc.wrapping_mul(32).wrapping_add(u32::from(d))),
                d => acc = acc.wrapping_mul(32).wrapping_add(u32::from(d - 32)),
            }
        }
        None
    }
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
    fn a_large_first_character_and_a_large_line_get_shards_of_their_own() {
        let page = |t: &str| {
            page_terms(
                &Entry {
                    body: t,
                    ..Entry::default()
                },
                Fields::default(),
            )
        };
        // a, b: 6 bytes; z (on every page): 32; 区, 害, 民 (tails): 8 each; 灾区, 灾害,
        // 灾民: 10 each, 30 in all, more than a 26-byte shard.
        let pages = [
            page("a 灾害 z"),
            page("b 灾民 z"),
            page("灾区 z"),
            page("z"),
            page("z"),
            page("z"),
            page("z"),
            page("z"),
        ];
        let shards = shards(&pages, 26, 100, 100);
        let firsts: Vec<&str> = shards.first_terms.iter().map(String::as_str).collect();
        // Cut only by size, they were a+b+z, 区+害+民+灾区, 灾害+灾民: 灾 fetched two
        // shards, one of them mostly other terms, and z brought a and b along.
        assert_eq!(firsts, ["a", "z", "区", "灾区"]);
        assert_eq!(shards.texts[1].lines().count(), 1);
        assert_eq!(shards.texts[3].lines().count(), 3);
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
