//! CJK-aware measures of text: which characters are Chinese, Japanese or Korean
//! ideographs, how many "words" a text has and how long it takes to read.
//!
//! A leaf module used by `content` (slugs), `markdown` (soft line breaks) and the views
//! (word count, reading time). Chinese has no spaces between words, so counting
//! whitespace-separated words, as Zola and Hugo do, is wrong for it: here every CJK
//! character counts on its own and Latin words are counted separately.

/// True for characters of the CJK scripts (Han ideographs, kana, hangul) and for
/// full-width CJK punctuation: the characters between which no space is written.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation (、。「」)
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3100..=0x312F    // bopomofo
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms (，！？：；)
        | 0x20000..=0x2FA1F) // extensions B and later
}

/// True for Han ideographs only (the characters that have a pinyin reading).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// How much text a page has, counted the way a reader perceives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct WordCount {
    /// CJK characters (punctuation excluded).
    pub cjk: usize,
    /// Latin-script words (runs of letters and digits).
    pub words: usize,
}

impl WordCount {
    /// Counts the CJK characters and the other words of plain text.
    pub fn of(text: &str) -> WordCount {
        let mut count = WordCount::default();
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                if !c.is_ascii_punctuation() && !is_cjk_punctuation(c) {
                    count.cjk += 1;
                }
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    count.words += 1;
                }
                in_word = true;
            } else if !(in_word && (c == '\'' || c == '’' || c == '-')) {
                in_word = false;
            }
        }
        count
    }

    /// The total shown as "word count": CJK characters plus Latin words.
    pub fn total(&self) -> usize {
        self.cjk + self.words
    }

    /// Minutes needed to read, rounded up, at least 1 for any text: `cjk_per_minute`
    /// characters and `words_per_minute` words a minute.
    pub fn reading_minutes(&self, cjk_per_minute: usize, words_per_minute: usize) -> usize {
        if self.total() == 0 {
            return 0;
        }
        let minutes = self.cjk as f64 / cjk_per_minute.max(1) as f64
            + self.words as f64 / words_per_minute.max(1) as f64;
        (minutes.ceil() as usize).max(1)
    }
}

/// Full-width punctuation and symbols, which are not counted as characters read.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cjk_characters_and_latin_words_separately() {
        let c = WordCount::of("科普中国e站，welcome to kepu's site! 2018年");
        assert_eq!(c.cjk, 6); // 科普中国, 站, 年
        assert_eq!(c.words, 6); // e, welcome, to, kepu's, site, 2018
    }

    #[test]
    fn reading_time_uses_both_rates() {
        let c = WordCount {
            cjk: 800,
            words: 200,
        };
        assert_eq!(c.reading_minutes(400, 200), 3);
        assert_eq!(WordCount::of("短").reading_minutes(400, 200), 1);
        assert_eq!(WordCount::of("").reading_minutes(400, 200), 0);
    }

    #[test]
    fn full_width_punctuation_is_cjk_but_not_counted() {
        assert!(is_cjk('，'));
        assert!(is_cjk('。'));
        assert!(!is_han('，'));
        assert_eq!(WordCount::of("，。！").cjk, 0);
    }
}
