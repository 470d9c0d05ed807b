//! URL slugs: Chinese turned into pinyin, everything else lower-case ASCII words joined
//! by hyphens.
//!
//! Pinyin comes from [`super::pinyin`], which matches whole words from a phrase
//! dictionary first, so polyphonic characters read right in context: 重庆 is
//! `chong-qing`, 银行 is `yin-hang`, not `zhong-qing` or `yin-xing`.

use crate::text::is_han;

/// The slug of a title or file name: `全国科普日` → `quan-guo-ke-pu-ri`,
/// `Science Day 2018` → `science-day-2018`, `科普e站` → `ke-pu-e-zhan`.
pub fn slugify(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    let mut han = String::new();
    let flush_latin = |latin: &mut String, words: &mut Vec<String>| {
        if !latin.is_empty() {
            words.push(std::mem::take(latin));
        }
    };
    let flush_han = |han: &mut String, words: &mut Vec<String>| {
        if !han.is_empty() {
            let mut syllables = Vec::new();
            super::pinyin::syllables(han, &mut syllables);
            words.extend(syllables.into_iter().map(str::to_string));
            han.clear();
        }
    };
    for c in text.chars() {
        if is_han(c) {
            flush_latin(&mut latin, &mut words);
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut words);
            latin.push(c.to_ascii_lowercase());
        } else if let Some(plain) = fold_latin(c) {
            flush_han(&mut han, &mut words);
            latin.push_str(plain);
        } else {
            flush_han(&mut han, &mut words);
            flush_latin(&mut latin, &mut words);
        }
    }
    flush_han(&mut han, &mut words);
    flush_latin(&mut latin, &mut words);
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() > 100 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

/// Plain ASCII for the accented Latin letters and full-width digits/letters editors use.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ā' | 'ǎ' | 'À' | 'Á' | 'Ä' | 'Ā' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' | 'É' | 'È' | 'Ē' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ǐ' => "i",
        'ò' | 'ó' | 'ô' | 'ö' | 'ō' | 'ǒ' | 'Ö' | 'Ó' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' => "u",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
            let i = match c {
                '０'..='９' => c as usize - '０' as usize,
                'Ａ'..='Ｚ' => 10 + c as usize - 'Ａ' as usize,
                _ => 10 + c as usize - 'ａ' as usize,
            };
            &ASCII[i..i + 1]
        }
        _ => return None,
    })
}

/// True when `slug` can be used as one URL segment as written: no slash, no `..`,
/// no control characters.
pub fn is_safe_segment(slug: &str) -> bool {
    !slug.is_empty()
        && slug != "."
        && slug != ".."
        && !slug.contains(['/', '\\', '?', '#', '%'])
        && !slug.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin() {
        assert_eq!(slugify("全国科普日"), "quan-guo-ke-pu-ri");
        assert_eq!(slugify("重庆"), "chong-qing");
        assert_eq!(
            slugify("2018年工作计划发布"),
            "2018-nian-gong-zuo-ji-hua-fa-bu"
        );
    }

    #[test]
    fn mixed_scripts_and_punctuation() {
        assert_eq!(
            slugify("“科普中国”e站建设"),
            "ke-pu-zhong-guo-e-zhan-jian-she"
        );
        assert_eq!(slugify("互联网+科普"), "hu-lian-wang-ke-pu");
        assert_eq!(slugify("Science Day 2018!"), "science-day-2018");
        assert_eq!(slugify("Café Ｗｉｆｉ"), "cafe-wifi");
        assert_eq!(slugify("member-review"), "member-review");
        assert_eq!(slugify("！？"), "");
    }

    #[test]
    fn unsafe_segments_are_recognised() {
        assert!(is_safe_segment("news-2018"));
        assert!(!is_safe_segment("../etc"));
        assert!(!is_safe_segment(".."));
        assert!(!is_safe_segment("a/b"));
    }
}
