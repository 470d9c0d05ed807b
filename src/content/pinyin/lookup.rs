//! Reads the precomputed pinyin table: leftmost-longest matching of a run of Han
//! characters against every word of the dictionary, giving toneless syllables.
//!
//! Kept free of kepu's other modules (and of the table's bytes) so that the generator
//! in `tools/pinyin-table/` compiles this very file and checks its answers against the
//! `pinyin-converter` crate before writing the table.
//!
//! The table is three byte slices:
//! - `fst`: an FST map (`fst` crate) from every dictionary entry (a word or a single
//!   character, UTF-8) to 0 when the word reads as its characters do one by one, else
//!   to 1 + the index of its reading in `readings` (counted in `u16`s);
//! - `readings`: little-endian `u16`s, each reading a count then that many syllable
//!   numbers;
//! - `syllables`: syllable number `n` is bytes `n*W .. n*W+W`, space padded
//!   ([`SYLLABLE_WIDTH`] = W).

use fst::raw::{Fst, Output};

/// Width of one syllable in the syllable table.
pub const SYLLABLE_WIDTH: usize = 8;

/// The pinyin table, borrowed from its bytes (no parsing: the FST is read in place).
pub struct Table<'a> {
    fst: Fst<&'a [u8]>,
    readings: &'a [u8],
    syllables: &'a [u8],
}

impl<'a> Table<'a> {
    /// The table over its three parts; `None` if the FST's header is broken.
    pub fn new(fst: &'a [u8], readings: &'a [u8], syllables: &'a [u8]) -> Option<Table<'a>> {
        Some(Table {
            fst: Fst::new(fst).ok()?,
            readings,
            syllables,
        })
    }

    /// Appends the syllables of `han` (Han characters only) to `out`, matching the
    /// longest dictionary word at each position, as `pinyin-converter` does. A
    /// character the dictionary does not know gives nothing.
    pub fn syllables(&self, han: &str, out: &mut Vec<&'a str>) {
        let bytes = han.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            match self.longest(&bytes[at..]) {
                Some((len, value)) => {
                    self.push_value(value, &han[at..at + len], out);
                    at += len;
                }
                None => {
                    at += han[at..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }

    /// The longest entry that `bytes` starts with: its length and value.
    fn longest(&self, bytes: &[u8]) -> Option<(usize, u64)> {
        let mut node = self.fst.root();
        let mut output = Output::zero();
        let mut best = None;
        for (i, &b) in bytes.iter().enumerate() {
            let Some(t) = node.find_input(b) else { break };
            let t = node.transition(t);
            output = output.cat(t.out);
            node = self.fst.node(t.addr);
            if node.is_final() {
                best = Some((i + 1, output.cat(node.final_output()).value()));
            }
        }
        best
    }

    fn push_value(&self, value: u64, word: &str, out: &mut Vec<&'a str>) {
        if value == 0 {
            // Read character by character (every single character has a reading).
            let mut buf = [0u8; 4];
            for c in word.chars() {
                if let Some(v) = self.fst.get(c.encode_utf8(&mut buf).as_bytes()) {
                    self.push_value(v.value(), "", out);
                }
            }
            return;
        }
        let start = (value - 1) as usize * 2;
        let count = self.u16_at(start);
        for k in 0..count {
            let n = self.u16_at(start + 2 + 2 * k);
            let raw = &self.syllables[n * SYLLABLE_WIDTH..(n + 1) * SYLLABLE_WIDTH];
            let text = std::str::from_utf8(raw).unwrap_or("").trim_end();
            out.push(text);
        }
    }

    fn u16_at(&self, at: usize) -> usize {
        u16::from_le_bytes([self.readings[at], self.readings[at + 1]]) as usize
    }
}
