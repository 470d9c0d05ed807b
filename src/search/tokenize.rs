//! Search tokens: how text is cut into the terms the index stores and queries look up.
//!
//! Chinese is written without spaces, and a dictionary segmenter cannot run in the
//! browser without downloading its dictionary, so CJK text becomes overlapping pairs
//! of characters (`防灾减灾` → `防灾 灾减 减灾`), plus the last character of each run
//! alone so that a one-character query still finds it. Any query string that occurs
//! in the text then matches (docs/performance.md has the measurements behind this
//! choice). CJK characters are folded to their simplified form first
//! ([`super::fold`]), so traditional and simplified spellings meet. Other scripts become words of letters and digits, lower-cased; queries
//! match them by prefix. Full-width Latin letters and digits count as ASCII.
//!
//! `themes/default/static/js/search.js` holds the same rules in JavaScript; a test
//! runs both on the same strings. Change them together.

use super::fold::simplified;
use crate::text::is_cjk;

/// What a token is, which decides how a query matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of letters and digits outside the CJK scripts, lower-cased. Queries match
    /// it by prefix (`volun` finds `volunteers`).
    Word,
    /// Two neighbouring CJK characters. Queries match it exactly.
    Pair,
    /// The last character of a CJK run of two or more. Only in the index: it lets a
    /// one-character query find the character at the end of a run.
    Tail,
    /// A CJK run of one character (`站` in `e站`). Queries match it by prefix, so `灾`
    /// finds `灾减` and the tail `灾`.
    Single,
}

impl TokenKind {
    /// Whether a query looks this token up by prefix rather than exactly.
    pub fn is_prefix(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::Single)
    }
}

/// A token of a query, with its position relative to the query's first token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryToken {
    /// The term looked up.
    pub text: String,
    /// Its kind (prefix or exact lookup).
    pub kind: TokenKind,
    /// Its position in the token stream, for phrase matching.
    pub position: u32,
}

impl QueryToken {
    /// Whether this token is looked up by prefix: a word of two characters or more
    /// and a lone CJK character. A one-letter word (`e` in `e站`) is looked up
    /// exactly: as a prefix it matched every word of that letter, dozens of shards.
    pub fn is_prefix(&self) -> bool {
        match self.kind {
            TokenKind::Word => self.text.chars().nth(1).is_some(),
            kind => kind.is_prefix(),
        }
    }
}

/// The class of a character for tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Gap,
}

/// Full-width ASCII (`Ｅ`, `１`, `＋`) as ASCII; other characters unchanged.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn class(c: char) -> Class {
    // Fast paths for most of the text: ASCII, and the unified ideographs (all letters,
    // all CJK), which Unicode's letter tables look up slowly. Same answers as below
    // (a test compares every character).
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Gap
        };
    }
    if matches!(c as u32, 0x4E00..=0x9FFF) {
        return Class::Cjk;
    }
    class_by_tables(c)
}

fn class_by_tables(c: char) -> Class {
    if !c.is_alphanumeric() {
        Class::Gap
    } else if is_cjk(c) {
        Class::Cjk
    } else {
        Class::Word
    }
}

/// Cuts `text` into tokens, calling `emit(term, position, kind)` for each, with
/// positions counted from `start`; returns the next free position. Every token takes
/// one position, so a phrase is a run of consecutive positions.
pub fn tokenize(text: &str, start: u32, mut emit: impl FnMut(&str, u32, TokenKind)) -> u32 {
    let mut state = State {
        position: start,
        word: String::new(),
        previous: None,
        run_length: 0,
    };
    for raw in text.chars() {
        let c = fold_width(raw);
        match class(c) {
            Class::Word => {
                state.end_cjk(&mut emit);
                state.word.push(c);
            }
            Class::Cjk => {
                state.end_word(&mut emit);
                let c = simplified(c);
                if let Some(previous) = state.previous {
                    let mut buf = [0u8; 8];
                    let len = previous.encode_utf8(&mut buf).len();
                    let len = len + c.encode_utf8(&mut buf[len..]).len();
                    let pair = std::str::from_utf8(&buf[..len]).unwrap_or_default();
                    emit(pair, state.position, TokenKind::Pair);
                    state.position += 1;
                }
                state.previous = Some(c);
                state.run_length += 1;
            }
            Class::Gap => {
                state.end_cjk(&mut emit);
                state.end_word(&mut emit);
            }
        }
    }
    state.end_cjk(&mut emit);
    state.end_word(&mut emit);
    state.position
}

/// Where [`tokenize`] is in the text.
struct State {
    position: u32,
    /// The Latin (non-CJK) word being read, not yet lower-cased.
    word: String,
    /// The last character of the CJK run being read.
    previous: Option<char>,
    /// Characters in that run.
    run_length: usize,
}

impl State {
    fn end_cjk(&mut self, emit: &mut impl FnMut(&str, u32, TokenKind)) {
        if let Some(last) = self.previous.take() {
            let kind = if self.run_length == 1 {
                TokenKind::Single
            } else {
                TokenKind::Tail
            };
            emit(last.encode_utf8(&mut [0u8; 4]), self.position, kind);
            self.position += 1;
        }
        self.run_length = 0;
    }

    fn end_word(&mut self, emit: &mut impl FnMut(&str, u32, TokenKind)) {
        if self.word.is_empty() {
            return;
        }
        // Lower-cased as a whole string, as JavaScript's toLowerCase does (final sigma).
        if self.word.is_ascii() {
            self.word.make_ascii_lowercase();
            emit(&self.word, self.position, TokenKind::Word);
        } else {
            emit(&self.word.to_lowercase(), self.position, TokenKind::Word);
        }
        self.position += 1;
        self.word.clear();
    }
}

/// The tokens a query looks up: the same cut as the index, without the tails of runs
/// of two or more (their pairs already say it). Positions are relative to the first
/// token kept.
pub fn query_tokens(query: &str) -> Vec<QueryToken> {
    let mut tokens = Vec::new();
    tokenize(query, 0, |text, position, kind| {
        if kind != TokenKind::Tail {
            tokens.push(QueryToken {
                text: text.to_string(),
                kind,
                position,
            });
        }
    });
    if let Some(first) = tokens.first().map(|t| t.position) {
        for t in &mut tokens {
            t.position -= first;
        }
    }
    tokens
}

/// All tokens of a text as `(term, position, kind)`, for tests and measurements.
pub fn all_tokens(text: &str) -> Vec<(String, u32, TokenKind)> {
    let mut tokens = Vec::new();
    tokenize(text, 0, |t, p, k| tokens.push((t.to_string(), p, k)));
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    #[test]
    fn fast_paths_classify_like_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(class(c), class_by_tables(c), "{c:?}");
        }
    }

    fn terms(text: &str) -> Vec<String> {
        all_tokens(text).into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn chinese_becomes_overlapping_pairs_and_a_tail() {
        assert_eq!(
            all_tokens("防灾减灾"),
            [
                ("防灾".into(), 0, Pair),
                ("灾减".into(), 1, Pair),
                ("减灾".into(), 2, Pair),
                ("灾".into(), 3, Tail)
            ]
        );
        assert_eq!(terms("地震。"), ["地震", "震"]);
        assert_eq!(all_tokens("站"), [("站".into(), 0, Single)]);
    }

    #[test]
    fn english_is_lower_cased_words() {
        assert_eq!(
            terms("Volunteer TRAINING, science-day 2018!"),
            ["volunteer", "training", "science", "day", "2018"]
        );
        assert_eq!(terms("ΟΔΟΣ"), ["οδος"]); // final sigma, as in JavaScript
    }

    #[test]
    fn mixed_strings_split_between_scripts() {
        assert_eq!(terms("科普e站"), ["科普", "普", "e", "站"]);
        assert_eq!(terms("互联网+科普"), ["互联", "联网", "网", "科普", "普"]);
        assert_eq!(terms("２０１８年ＡＩ"), ["2018", "年", "ai"]);
    }

    #[test]
    fn traditional_characters_become_simplified_terms() {
        assert_eq!(terms("科學"), ["科学", "学"]);
        assert_eq!(terms("防災減災"), terms("防灾减灾"));
        assert_eq!(query_tokens("科學")[0].text, "科学");
    }

    #[test]
    fn queries_drop_tails_but_keep_positions() {
        let q = query_tokens("互联网+科普");
        let got: Vec<(&str, u32)> = q.iter().map(|t| (t.text.as_str(), t.position)).collect();
        assert_eq!(got, [("互联", 0), ("联网", 1), ("科普", 3)]);
        let q = query_tokens("e站");
        assert_eq!(q[1].kind, Single);
        assert_eq!(q[1].position, 1);
        assert_eq!(query_tokens("灾")[0].kind, Single);
        assert!(query_tokens("，。 ").is_empty());
    }
}
