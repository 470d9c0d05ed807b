//! CJK-aware measures of text: which characters are Chinese, Japanese or Korean
//! ideographs, how many "words" a text has and how long it takes to read.
//!
//! A leaf module used by `content` (slugs), `markdown` (soft line breaks) and `site`
//! (word count, reading time, automatic summaries). Chinese has no spaces between
//! words, so counting whitespace-separated words, as Zola and Hugo do, is wrong for it:
//! here every CJK character counts on its own and Latin words are counted separately,
//! and a summary is cut after a sentence end (`。！？.!?`), never inside a tag.

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
            if c.is_ascii() {
                // Most characters of a page: decided without the CJK ranges.
                if c.is_ascii_alphanumeric() {
                    count.words += usize::from(!in_word);
                    in_word = true;
                } else if !(in_word && (c == '\'' || c == '-')) {
                    in_word = false;
                }
            } else if (0x4E00..=0x9FFF).contains(&(c as u32)) {
                // A unified ideograph, the common case of Chinese text.
                count.cjk += 1;
                in_word = false;
            } else {
                count.add(c, &mut in_word);
            }
        }
        count
    }

    /// Counts one character of any kind; `in_word` says whether a word is open.
    fn add(&mut self, c: char, in_word: &mut bool) {
        if is_cjk(c) {
            if !c.is_ascii_punctuation() && !is_cjk_punctuation(c) {
                self.cjk += 1;
            }
            *in_word = false;
        } else if c.is_alphanumeric() {
            if !*in_word {
                self.words += 1;
            }
            *in_word = true;
        } else if !(*in_word && (c == '\'' || c == '’' || c == '-')) {
            *in_word = false;
        }
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

/// Visible width used for summary lengths: a CJK character counts as two Latin ones,
/// so that one length suits Chinese and English pages alike.
fn width(c: char) -> usize {
    if is_cjk(c) { 2 } else { 1 }
}

/// Characters after which a sentence ends.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn closes_sentence(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '》' | '】'
    )
}

/// Elements without an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// A place where the summary may end: the output length then, its visible width, and
/// the elements open there (closed in reverse order).
struct Cut {
    len: usize,
    width: usize,
    open: Vec<String>,
}

/// Scans rendered HTML, copying it while leaving out headings and footnotes, and
/// records where a summary may end.
struct Scanner<'a> {
    html: &'a str,
    out: String,
    open: Vec<String>,
    width: usize,
    /// Depth inside a left-out element (headings, footnotes), 0 outside.
    skipping: usize,
    /// Depth inside elements that must not be cut (code, tables).
    whole: usize,
    cuts: Vec<Cut>,
    /// Whether the whole page was read, or the lead ended at a heading.
    done: bool,
    /// Text this wide before a heading is a lead: the summary ends there.
    lead: usize,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str) -> Scanner<'a> {
        Scanner {
            html,
            out: String::with_capacity(html.len().min(4096)),
            open: Vec::new(),
            width: 0,
            skipping: 0,
            whole: 0,
            cuts: Vec::new(),
            done: false,
            lead: usize::MAX,
        }
    }

    fn cut_here(&mut self) {
        if self.skipping == 0 && self.whole == 0 && self.width > 0 {
            self.cuts.push(Cut {
                len: self.out.len(),
                width: self.width,
                open: self.open.clone(),
            });
        }
    }

    /// Runs until the text is `stop` wide (or the end).
    fn run(&mut self, stop: usize) {
        let html = self.html;
        let mut rest = html;
        while !rest.is_empty() && self.width <= stop {
            if self.done {
                return;
            }
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            } else if rest.starts_with('<') {
                let end = tag_end(rest);
                self.tag(&rest[..end]);
                rest = &rest[end..];
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                self.text(&rest[..end]);
                rest = &rest[end..];
            }
        }
        self.done = rest.is_empty();
    }

    /// Copies a tag: a closing one ends its element (and may end a block, a place to
    /// cut); an opening one is copied, or starts a left-out element.
    fn tag(&mut self, tag: &str) {
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let unbreakable = matches!(
            name.as_str(),
            "pre" | "code" | "table" | "script" | "style" | "svg" | "math"
        );
        if tag.starts_with("</") {
            self.close_tag(tag, &name, unbreakable);
        } else {
            self.open_tag(tag, name, unbreakable);
        }
    }

    /// A closing tag: the end of a left-out element, or copied, ending its element.
    fn close_tag(&mut self, tag: &str, name: &str, unbreakable: bool) {
        if self.skipping > 0 {
            // Left-out elements are tracked by depth only.
            self.skipping -= 1;
            return;
        }
        if let Some(at) = self.open.iter().rposition(|n| *n == name) {
            self.open.truncate(at);
        }
        self.out.push_str(tag);
        if unbreakable {
            self.whole = self.whole.saturating_sub(1);
        }
        if matches!(
            name,
            "p" | "li" | "blockquote" | "ul" | "ol" | "dl" | "dd" | "table" | "div" | "figure"
        ) {
            self.cut_here();
        }
    }

    /// An opening tag: inside a left-out element, one level deeper; a heading or a
    /// footnote is left out (a heading after the lead ends the summary); else copied.
    fn open_tag(&mut self, tag: &str, name: String, unbreakable: bool) {
        let left_out = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || tag.contains("class=\"footnote-");
        let self_closing = tag.ends_with("/>") || is_void(&name);
        if self.skipping > 0 {
            if !self_closing {
                self.skipping += 1;
            }
            return;
        }
        if left_out && !self_closing {
            // A heading after the opening paragraphs starts the body proper.
            if name.starts_with('h') && self.width >= self.lead && self.whole == 0 {
                self.done = true;
                return;
            }
            self.skipping = 1;
            return;
        }
        self.out.push_str(tag);
        if !self_closing {
            self.open.push(name);
            if unbreakable {
                self.whole += 1;
            }
        }
    }

    /// Copies text, counting its width, and notes a place to cut after each sentence.
    fn text(&mut self, text: &str) {
        if self.skipping > 0 {
            return;
        }
        let mut chars = text.char_indices().peekable();
        let mut copied = 0;
        let mut last_space = false;
        while let Some((i, c)) = chars.next() {
            if c == '&' {
                // An entity is one visible character; never cut inside it.
                let end = text[i..]
                    .find(';')
                    .filter(|&e| e <= 10)
                    .map_or(i + 1, |e| i + e + 1);
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
                self.width += 1;
                last_space = false;
                continue;
            }
            if c.is_whitespace() {
                if !last_space && self.width > 0 {
                    self.width += 1;
                }
                last_space = true;
                continue;
            }
            last_space = false;
            self.width += width(c);
            if ends_sentence(c)
                && let Some(end) = self.sentence_end(&mut chars, i, c)
            {
                self.out.push_str(&text[copied..end]);
                copied = end;
                self.cut_here();
            }
        }
        self.out.push_str(&text[copied..]);
    }

    /// After a sentence-ending `c` at byte `i`, takes the marks and closing quotes
    /// that follow it; where the sentence ends, unless it is no end (`3.5`, `e.g.x`:
    /// a Latin stop needs a space after).
    fn sentence_end(
        &mut self,
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
        i: usize,
        c: char,
    ) -> Option<usize> {
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if ends_sentence(next) || closes_sentence(next) {
                end = j + next.len_utf8();
                self.width += width(next);
                chars.next();
            } else {
                break;
            }
        }
        let next = chars.peek().map(|&(_, n)| n);
        let latin = c.is_ascii();
        (!latin || next.is_none_or(char::is_whitespace)).then_some(end)
    }
}

/// The length of the tag at the start of `rest` (up to and with its `>`), minding
/// quoted attribute values.
pub(crate) fn tag_end(rest: &str) -> usize {
    let mut quote = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

/// An automatic summary of a rendered page: the HTML up to the sentence end whose
/// length is nearest to `length` (see [`crate::config::TextConfig::summary_length`]),
/// with the elements open there closed. Headings and footnotes are left out; code
/// blocks and tables are never cut. The text before the first heading (the lead),
/// when at least a quarter of `length`, is all a summary may take; a lead (or page)
/// shorter than one and a half times `length` is taken whole. `None` without text.
pub fn summarize(html: &str, length: usize) -> Option<String> {
    let length = length.max(1);
    let limit = length + length / 2;
    let mut scan = Scanner::new(html);
    scan.lead = length / 4;
    scan.run(limit);
    if scan.width == 0 {
        return None;
    }
    if scan.done && scan.width <= limit {
        // Everything fits: the whole page (without headings) is its summary.
        let mut out = scan.out.trim().to_string();
        for name in scan.open.iter().rev() {
            out.push_str(&format!("</{name}>"));
        }
        return Some(out);
    }
    let best = scan
        .cuts
        .iter()
        .filter(|c| c.width <= limit)
        .min_by_key(|c| c.width.abs_diff(length));
    let mut out = match best {
        Some(cut) => {
            let mut out = scan.out[..cut.len].trim().to_string();
            for name in cut.open.iter().rev() {
                out.push_str(&format!("</{name}>"));
            }
            out
        }
        None => hard_cut(html, length),
    };
    out.truncate(out.trim_end().len());
    Some(out)
}

/// A summary for text without a sentence end early enough: the text only (tags
/// dropped), cut at the last clause mark or space before `length`, with an ellipsis.
fn hard_cut(html: &str, length: usize) -> String {
    let mut scan = Scanner::new(html);
    scan.run(usize::MAX);
    let text = crate::escape::decode_entities(&strip_tags(&scan.out));
    let mut out = String::new();
    let mut used = 0;
    let mut clause = None;
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if used + width(c) > length {
            break;
        }
        used += width(c);
        out.push(c);
        if matches!(c, '，' | '、' | '；' | '：' | ',' | ';' | ':' | ' ') {
            clause = Some(out.len());
        }
    }
    if let Some(at) = clause.filter(|&at| at * 2 > out.len()) {
        out.truncate(at);
    }
    let out = out.trim_end_matches(['，', '、', '；', '：', ',', ';', ':', ' ']);
    format!("<p>{}…</p>", crate::escape::html_text(out))
}

/// Text without tags or comments.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
        } else if rest.starts_with('<') {
            rest = &rest[tag_end(rest)..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// The longest description a page gives in `<meta name="description">` and its share
/// card, in characters: what a share card in WeChat or a search result shows of it, and
/// the 公众号 editor's limit for a digest (摘要).
pub const DESCRIPTION_LIMIT: usize = 120;

/// `text` trimmed, and cut to at most `limit` characters with `…` as the last one
/// when it is longer (characters, not bytes: Chinese text is cut between characters).
pub fn shorten(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Plain text of an HTML fragment, for `<meta name="description">` and share cards:
/// tags dropped, the common entities decoded, white space collapsed.
pub fn plain_text(html: &str) -> String {
    crate::escape::decode_entities(&strip_tags(html))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count without the fast paths for ASCII and common ideographs.
    fn plain_count(text: &str) -> WordCount {
        let mut count = WordCount::default();
        let mut in_word = false;
        for c in text.chars() {
            count.add(c, &mut in_word);
        }
        count
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_count_the_same(text in "[a-zA-Z0-9 '’\\-.,，。！：科普志愿者éÄ𠀀ｱ한\\n]{0,80}") {
            proptest::prop_assert_eq!(WordCount::of(&text), plain_count(&text));
        }
    }

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

    #[test]
    fn summary_ends_at_the_sentence_end_nearest_the_length() {
        let html = "<p>第一句话很短。第二句话也不长！第三句话呢？</p>\n<p>第二段。</p>";
        // 7 and 8 characters: widths 14, 30, 44, 52.
        assert_eq!(
            summarize(html, 30).as_deref(),
            Some("<p>第一句话很短。第二句话也不长！</p>")
        );
        assert_eq!(
            summarize(html, 12).as_deref(),
            Some("<p>第一句话很短。</p>")
        );
        assert_eq!(summarize(html, 100).as_deref(), Some(html));
    }

    #[test]
    fn summary_closes_open_tags_and_never_cuts_inside_one() {
        let html = "<p><strong>加粗的一句。</strong>后面<a href=\"/a/?x=1&amp;y=2\">链接。</a>还有很多很多很多很多很多很多很多很多字。</p>";
        assert_eq!(
            summarize(html, 12).as_deref(),
            Some("<p><strong>加粗的一句。</strong></p>")
        );
        assert_eq!(
            summarize(html, 22).as_deref(),
            Some("<p><strong>加粗的一句。</strong>后面<a href=\"/a/?x=1&amp;y=2\">链接。</a></p>")
        );
    }

    #[test]
    fn summary_is_the_lead_before_the_first_heading() {
        let html = "<h2 id=\"a\">简介</h2>\n<p>协会简介的第一段。</p>\n<h2 id=\"b\">我们做什么</h2>\n<p>第二部分。</p>";
        assert_eq!(
            summarize(html, 40).as_deref(),
            Some("<p>协会简介的第一段。</p>")
        );
    }

    #[test]
    fn summary_leaves_out_headings_and_respects_latin_stops() {
        let html = "<h2 id=\"a\">标题</h2>\n<p>Version 3.5 is out. It is fast. More text follows here for a while.</p>";
        assert_eq!(
            summarize(html, 20).as_deref(),
            Some("<p>Version 3.5 is out.</p>")
        );
    }

    #[test]
    fn summary_without_sentence_end_is_cut_at_a_clause_with_an_ellipsis() {
        let html = "<p>一二三四五，六七八九十，一二三四五，六七八九十，一二三四五，六七八九十</p>";
        assert_eq!(
            summarize(html, 24).as_deref(),
            Some("<p>一二三四五，六七八九十…</p>")
        );
        assert_eq!(summarize("<p></p>", 24), None);
    }

    #[test]
    fn plain_text_decodes_entities_once() {
        assert_eq!(
            plain_text("<p>A &amp; B</p>\n<p>&lt;科普&gt;</p>"),
            "A & B <科普>"
        );
    }

    #[test]
    fn chinese_reading_time_is_not_zola_s() {
        // 1,200 Chinese characters: 3 minutes at 400 a minute (Zola: 6 at 200 words).
        let text = "科".repeat(1200);
        assert_eq!(WordCount::of(&text).reading_minutes(400, 200), 3);
        let mixed = format!("{} {}", "字".repeat(400), "word ".repeat(200));
        assert_eq!(
            WordCount::of(&mixed),
            WordCount {
                cjk: 400,
                words: 200
            }
        );
        assert_eq!(WordCount::of(&mixed).reading_minutes(400, 200), 2);
    }
}
