//! Traditional characters folded to simplified ones, so that `科學` finds a page that
//! says 科学 and `科学` finds a page written in traditional characters.
//!
//! The table is OpenCC's own character table (`TSCharacters.txt`, Apache-2.0, from
//! the OpenCC project, copied unchanged beside this file): one traditional character
//! and its simplified forms a line; the first form is taken. [`tokenize`] folds every
//! CJK character of the index and of a query through it, so both sides meet in
//! simplified characters. The browser gets only the part of the table it can use:
//! [`browser_table`] lists the traditional characters whose simplified form is in
//! the index (a query character outside that list finds nothing either way).
//!
//! Pairs whose two characters differ in UTF-16 length (a BMP character whose
//! simplified form is outside the BMP, such as `㑮` → `𫝈`) are left out: the browser
//! highlights a page's text by the positions of its folded copy, which must keep
//! its length. They are rare characters that visitors do not type.
//!
//! [`tokenize`]: super::tokenize::tokenize

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// OpenCC's traditional → simplified character table.
const TS_CHARACTERS: &str = include_str!("TSCharacters.txt");

/// The first character of the dense part of the table: CJK Extension A.
const DENSE_FROM: u32 = 0x3400;
/// The last character of the dense part: the end of the unified ideographs.
const DENSE_TO: u32 = 0x9FFF;

/// The folding table, read once.
struct Table {
    /// `DENSE_FROM..=DENSE_TO`: the simplified character, or 0 when unchanged.
    dense: Vec<u32>,
    /// Other folded characters (outside the BMP), sorted.
    sparse: Vec<(char, char)>,
    /// Every folded pair, sorted by traditional character.
    pairs: Vec<(char, char)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(read_table)
}

/// The pairs of the table: comments and multi-character keys skipped, chains
/// (a simplified form that is itself folded) followed to their end.
fn read_table() -> Table {
    let mut raw: Vec<(char, char)> = TS_CHARACTERS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, values) = l.split_once('\t')?;
            let mut key = key.chars();
            let from = key.next()?;
            let to = values.split(' ').next()?.chars().next()?;
            let same_length = from.len_utf16() == to.len_utf16();
            (key.next().is_none() && from != to && same_length).then_some((from, to))
        })
        .collect();
    raw.sort_unstable();
    let step = |c: char| {
        raw.binary_search_by_key(&c, |p| p.0)
            .map_or(c, |i| raw[i].1)
    };
    let pairs: Vec<(char, char)> = raw
        .iter()
        .map(|&(from, to)| (from, step(step(to))))
        .filter(|(from, to)| from != to)
        .collect();
    let mut dense = vec![0u32; (DENSE_TO - DENSE_FROM + 1) as usize];
    let mut sparse = Vec::new();
    for &(from, to) in &pairs {
        if (DENSE_FROM..=DENSE_TO).contains(&(from as u32)) {
            dense[(from as u32 - DENSE_FROM) as usize] = to as u32;
        } else {
            sparse.push((from, to));
        }
    }
    Table {
        dense,
        sparse,
        pairs,
    }
}

/// The simplified form of a CJK character (itself when it has none).
pub fn simplified(c: char) -> char {
    let code = c as u32;
    let table = table();
    if (DENSE_FROM..=DENSE_TO).contains(&code) {
        let to = table.dense[(code - DENSE_FROM) as usize];
        return char::from_u32(to).filter(|_| to != 0).unwrap_or(c);
    }
    if code < 0x10000 {
        return c;
    }
    table
        .sparse
        .binary_search_by_key(&c, |p| p.0)
        .map_or(c, |i| table.sparse[i].1)
}

/// The pairs the browser needs for an index whose characters are `present`: every
/// traditional character whose simplified form is present, written as one string of
/// `traditional simplified` character pairs, in table order.
pub fn browser_table(present: &BTreeSet<char>) -> String {
    let mut out = String::new();
    for &(from, to) in &table().pairs {
        if present.contains(&to) {
            out.push(from);
            out.push(to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_fold_to_simplified() {
        let fold = |s: &str| s.chars().map(simplified).collect::<String>();
        assert_eq!(fold("科學"), "科学");
        assert_eq!(fold("防災減災"), "防灾减灾");
        assert_eq!(fold("志願者參加演練"), "志愿者参加演练");
        // Simplified text and other characters stay as they are.
        assert_eq!(fold("防灾减灾 e站 Ω"), "防灾减灾 e站 Ω");
    }

    #[test]
    fn folding_is_idempotent_and_keeps_utf16_length() {
        for &(from, to) in &table().pairs {
            assert_eq!(simplified(to), to, "{from} → {to}");
            assert_eq!(from.len_utf16(), to.len_utf16());
            assert_eq!(simplified(from), to);
        }
        assert!(table().pairs.len() > 3000);
    }

    #[test]
    fn browser_table_has_only_what_the_index_can_match() {
        let present: BTreeSet<char> = "科学灾".chars().collect();
        let table = browser_table(&present);
        assert!(table.contains("學学") && table.contains("災灾"), "{table}");
        assert!(!table.contains('减'));
    }
}
