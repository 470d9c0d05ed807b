//! Phrase-aware pinyin for slugs, from a table built into the binary: 重庆 reads
//! `chong qing`, 银行 `yin hang`, because whole dictionary words are matched first.
//!
//! The table (`words.fst`, `readings.bin`, `syllables.bin`) is generated once by
//! `tools/pinyin-table/` from the open data of mozillazg/pinyin-data and
//! mozillazg/phrase-pinyin-data as shipped by the `pinyin-converter` crate (all MIT,
//! see `README.md` here), with that crate as the oracle for every reading. Why not call
//! the crate: it parses its 8 MB dictionary into hash maps on first use, 0.84 s of CPU
//! and about 100 MB in every build with one Chinese slug; this table is read in place.

mod lookup;

use std::sync::OnceLock;

use lookup::Table;

static WORDS: &[u8] = include_bytes!("words.fst");
static READINGS: &[u8] = include_bytes!("readings.bin");
static SYLLABLES: &[u8] = include_bytes!("syllables.bin");

fn table() -> Option<&'static Table<'static>> {
    static TABLE: OnceLock<Option<Table<'static>>> = OnceLock::new();
    TABLE
        .get_or_init(|| Table::new(WORDS, READINGS, SYLLABLES))
        .as_ref()
}

/// Appends the toneless pinyin syllables of `han`, a run of Han characters
/// ([`crate::text::is_han`]), to `out`: `重庆` gives `chong`, `qing`. Characters the
/// dictionary does not know give nothing.
pub fn syllables(han: &str, out: &mut Vec<&'static str>) {
    if let Some(table) = table() {
        table.syllables(han, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(han: &str) -> String {
        let mut out = Vec::new();
        syllables(han, &mut out);
        out.join(" ")
    }

    #[test]
    fn words_are_read_as_words() {
        assert_eq!(read("重庆"), "chong qing");
        assert_eq!(read("银行"), "yin hang");
        assert_eq!(read("长大"), "zhang da");
        assert_eq!(read("科普"), "ke pu");
        assert_eq!(read("单"), "shan");
    }
}
