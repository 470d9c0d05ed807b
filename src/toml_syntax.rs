//! TOML syntax errors in kepu's own words: the parser's English ("string values must be
//! quoted, expected literal string") never reaches an editor.
//!
//! A leaf used by [`crate::toml_diag`]. First the line the parser stopped on is
//! searched for the mistakes editors usually make — Chinese quotes and punctuation
//! (“” ‘’ ：，＝), full-width spaces and tabs, dates written `2026/12/20` or
//! `2026年12月20日`, hours without a leading zero — and the help shows the line
//! corrected. Otherwise every kind of error the parser has is mapped to one of a few
//! plain messages ([`by_kind`]), each a variant of [`Msg`] (E130–E152).

use crate::diag::Msg;

/// A syntax error explained: where, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// Byte offset in the TOML text of the character to point at.
    pub offset: usize,
    /// What is wrong.
    pub message: Msg,
    /// How to fix it.
    pub help: Msg,
}

/// Chinese punctuation an editor's input method types instead of TOML's, with the
/// character TOML needs.
const FULL_WIDTH: &[(char, char)] = &[
    ('“', '"'),
    ('”', '"'),
    ('‘', '\''),
    ('’', '\''),
    ('：', '='),
    ('，', ','),
    ('＝', '='),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
    ('\u{3000}', ' '),
];

/// Explains the parser's error `parser` at byte `offset` of the TOML `text`.
pub fn explain(text: &str, offset: usize, parser: &str) -> Explained {
    mistake(text, offset).unwrap_or_else(|| {
        let (message, help) = by_kind(parser);
        Explained {
            offset: floor_char_boundary(text, offset),
            message,
            help,
        }
    })
}

/// One of the usual mistakes, when the line holding byte `offset` of the TOML `text`
/// has one.
pub fn mistake(text: &str, offset: usize) -> Option<Explained> {
    let offset = floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    usual_mistake(&text[start..end], start, offset)
}

/// The usual mistakes, looked for in the line where the parser stopped.
fn usual_mistake(line: &str, line_start: usize, offset: usize) -> Option<Explained> {
    full_width_mistake(line, line_start)
        .or_else(|| tab_mistake(line, line_start, offset))
        .or_else(|| loose_date_mistake(line, line_start))
}

/// Chinese quotes, punctuation or a full-width space outside quotes.
fn full_width_mistake(line: &str, line_start: usize) -> Option<Explained> {
    let (at, c) = outside_quotes(line).find(|(_, c)| FULL_WIDTH.iter().any(|(f, _)| f == c))?;
    let message = match c {
        '“' | '”' | '‘' | '’' => Msg::ChineseQuotes,
        '\u{3000}' => Msg::FullWidthSpace,
        _ => {
            let ascii = FULL_WIDTH
                .iter()
                .find(|(f, _)| *f == c)
                .map_or(c, |(_, a)| *a);
            Msg::ChinesePunctuation {
                mark: c.to_string(),
                ascii: ascii.to_string(),
            }
        }
    };
    Some(Explained {
        offset: line_start + at,
        message,
        help: Msg::EnglishPunctuationHelp {
            line: corrected(line),
        },
    })
}

/// A tab outside quotes, when the parser stopped at it or the line reads well without
/// it.
fn tab_mistake(line: &str, line_start: usize, offset: usize) -> Option<Explained> {
    let at = outside_quotes(line)
        .find(|&(_, c)| c == '\t')
        .map(|(at, _)| at)?;
    if text_at(line, offset - line_start) != Some('\t')
        && toml::from_str::<toml::Table>(&line.replace('\t', " ")).is_err()
    {
        return None;
    }
    Some(Explained {
        offset: line_start + at,
        message: Msg::TabInToml,
        help: Msg::TabHelp {
            line: line.replace('\t', " "),
        },
    })
}

/// A date written the way people write them, as the value of `key = value`.
fn loose_date_mistake(line: &str, line_start: usize) -> Option<Explained> {
    let key = line.split_once(['=', '：', '＝']).map(|(k, _)| k.trim())?;
    let value = line.split_once('=')?.1.trim();
    let (iso, bad_hour) = loose_datetime(value)?;
    let at = line_start + line.find(value).unwrap_or(0);
    let (field, value) = (key.to_string(), value.to_string());
    let message = if bad_hour {
        Msg::HourOneDigit {
            field: field.clone(),
            value,
        }
    } else {
        Msg::LooseDate {
            field: field.clone(),
            value,
        }
    };
    Some(Explained {
        offset: at,
        message,
        help: Msg::WriteItAsHelp { field, value: iso },
    })
}

/// The line with Chinese quotes, punctuation and spaces outside quotes turned into
/// TOML's, and a loosely written date in TOML's form.
fn corrected(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    for c in line.chars() {
        let c = match quote {
            Some(q) if c == q || (q == '"' && c == '”') || (q == '\'' && c == '’') => {
                quote = None;
                if c == '”' {
                    '"'
                } else if c == '’' {
                    '\''
                } else {
                    c
                }
            }
            Some(_) => c,
            None => {
                let c = FULL_WIDTH
                    .iter()
                    .find(|(f, _)| *f == c)
                    .map_or(c, |(_, a)| *a);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                c
            }
        };
        out.push(c);
    }
    if let Some((key, value)) = out.split_once('=')
        && let Some((iso, _)) = loose_datetime(value.trim())
    {
        return format!("{} = {iso}", key.trim_end());
    }
    out
}

/// The characters of a line outside ASCII quotes and before a comment, with their
/// byte offsets.
fn outside_quotes(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote: Option<char> = None;
    line.char_indices()
        .map_while(move |(i, c)| {
            let outside = match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                    false
                }
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None if c == '#' => return None,
                None => true,
            };
            Some((i, c, outside))
        })
        .filter(|&(_, _, outside)| outside)
        .map(|(i, c, _)| (i, c))
}

/// The character at a byte offset of a line.
fn text_at(line: &str, at: usize) -> Option<char> {
    line.get(at..).and_then(|s| s.chars().next())
}

/// A date (and time) written the way people write them, not the way TOML does:
/// `2026/12/20`, `2026.12.20`, `2026年12月20日`, `2026-12-20 9:30`, `2026-12-20T9:30`.
/// Gives TOML's form and whether the only fault is an hour without its leading zero;
/// `None` when the value is no such date or is already right.
fn loose_datetime(value: &str) -> Option<(String, bool)> {
    let mut rest = value;
    let year = take_digits(&mut rest, 4, 4)?;
    let sep1 = take_char(&mut rest, &['-', '/', '.', '年'])?;
    let month = take_digits(&mut rest, 1, 2)?;
    take_char(&mut rest, &['-', '/', '.', '月'])?;
    let day = take_digits(&mut rest, 1, 2)?;
    let _ = take_char(&mut rest, &['日', '号']);
    let mut iso = format!("{year}-{month:0>2}-{day:0>2}");
    let date_right =
        sep1 == '-' && month.len() == 2 && day.len() == 2 && !value.contains(['日', '号']);
    let mut hour_right = true;
    if take_char(&mut rest, &['T', 't', ' ']).is_some() {
        rest = rest.trim_start();
        let hour = take_digits(&mut rest, 1, 2)?;
        take_char(&mut rest, &[':', '：', '点', '时'])?;
        let minute = take_digits(&mut rest, 2, 2)?;
        let second = match take_char(&mut rest, &[':', '：']) {
            Some(_) => take_digits(&mut rest, 2, 2)?,
            None => "00",
        };
        let _ = take_char(&mut rest, &['分']);
        hour_right = hour.len() == 2;
        iso.push_str(&format!("T{hour:0>2}:{minute}:{second}"));
    }
    if !rest.trim().is_empty() || (date_right && hour_right) {
        return None;
    }
    Some((iso, date_right && !hour_right))
}

/// Takes `min` to `max` ASCII digits from the start of `rest`.
fn take_digits<'a>(rest: &mut &'a str, min: usize, max: usize) -> Option<&'a str> {
    let n = rest
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if n < min {
        return None;
    }
    let (digits, after) = rest.split_at(n);
    *rest = after;
    Some(digits)
}

/// Takes one of `chars` from the start of `rest`.
fn take_char(rest: &mut &str, chars: &[char]) -> Option<char> {
    let c = rest.chars().next().filter(|c| chars.contains(c))?;
    *rest = &rest[c.len_utf8()..];
    Some(c)
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

const QUOTES: (Msg, Msg) = (Msg::TomlNotQuoted, Msg::TextHelp);
const UNCLOSED: (Msg, Msg) = (Msg::TomlUnclosedText, Msg::UnclosedTextHelp);
const ESCAPE: (Msg, Msg) = (Msg::TomlBadEscape, Msg::EscapeHelp);
const KEY: (Msg, Msg) = (Msg::TomlNotFieldName, Msg::FieldNameHelp);
const NO_VALUE: (Msg, Msg) = (Msg::TomlNoValue, Msg::ValueAfterEqualsHelp);
const NO_EQUALS: (Msg, Msg) = (Msg::TomlNoEquals, Msg::NameEqualsValueHelp);
const EXTRA_EQUALS: (Msg, Msg) = (Msg::TomlExtraEquals, Msg::OneEqualsHelp);
const LIST: (Msg, Msg) = (Msg::TomlBadList, Msg::ListSyntaxHelp);
const INLINE: (Msg, Msg) = (Msg::TomlBadInlineTable, Msg::InlineTableHelp);
const TABLE: (Msg, Msg) = (Msg::TomlBadHeader, Msg::TableHeaderHelp);
const NUMBER: (Msg, Msg) = (Msg::TomlBadNumber, Msg::DigitsHelp);
const BOOLEAN: (Msg, Msg) = (Msg::TomlBadBool, Msg::BoolHelp);
const DATE: (Msg, Msg) = (Msg::TomlBadDate, Msg::DateFormatHelp);
const CHARACTER: (Msg, Msg) = (Msg::TomlBadCharacter, Msg::RetypeHelp);
const DEEP: (Msg, Msg) = (Msg::TomlTooDeep, Msg::FewerBracketsHelp);
const TWICE: (Msg, Msg) = (Msg::TomlAlreadyGiven, Msg::KeepOneLineHelp);
const GENERAL: (Msg, Msg) = (Msg::TomlUnreadableLine, Msg::CheckLineHelp);

/// kepu's message and help for each kind of error the TOML parser reports (its
/// message up to ", expected …"). Every kind the parser (toml_parser 1.1, toml 0.9,
/// toml_datetime 0.7) can produce is listed; an unknown one, from a newer parser,
/// gets the general message.
pub fn by_kind(parser: &str) -> (Msg, Msg) {
    let kind = parser.split(", expected").next().unwrap_or(parser).trim();
    text_kind(kind)
        .or_else(|| container_kind(kind))
        .or_else(|| number_kind(kind))
        .or_else(|| other_kind(kind))
        .unwrap_or(GENERAL)
}

// The toml parser's own words, matched here (not messages of kepu's) {

/// The kinds about strings, keys and `=`.
fn text_kind(kind: &str) -> Option<(Msg, Msg)> {
    Some(match kind {
        "string values must be quoted" | "missing opening quote" => QUOTES,
        "invalid basic string"
        | "invalid literal string"
        | "invalid multi-line basic string"
        | "invalid multi-line literal string"
        | "invalid string" => UNCLOSED,
        "missing escaped value" | "too few unicode value digits" => ESCAPE,
        "invalid unquoted key"
        | "unquoted keys cannot be empty"
        | "invalid key"
        | "keys cannot be multi-line basic strings"
        | "keys cannot be multi-line literal strings"
        | "missing key for inline table element" => KEY,
        "key with no value" | "missing value for key" | "missing value" => NO_VALUE,
        "missing assignment between key-value pairs" | "invalid key-value pair" => NO_EQUALS,
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => {
            EXTRA_EQUALS
        }
        _ => return None,
    })
}

/// The kinds about arrays, inline tables and table headers.
fn container_kind(kind: &str) -> Option<(Msg, Msg)> {
    Some(match kind {
        "missing comma between array elements"
        | "extra comma in array"
        | "missing array opening"
        | "unclosed array"
        | "expected empty array" => LIST,
        "missing comma between key-value pairs"
        | "extra comma in inline table"
        | "missing inline table opening"
        | "unclosed inline table"
        | "invalid inline table element"
        | "expected empty table" => INLINE,
        "unclosed table" | "unclosed array table" | "missing table open" | "invalid table" => TABLE,
        _ => return None,
    })
}

/// The kinds about numbers and booleans.
fn number_kind(kind: &str) -> Option<(Msg, Msg)> {
    Some(match kind {
        "`_` may only go between digits"
        | "integers with a radix cannot be signed"
        | "radix must be lowercase"
        | "redundant integer number prefix"
        | "redundant numeric sign"
        | "unexpected leading zero"
        | "unexpected sign"
        | "invalid integer number"
        | "invalid float"
        | "invalid fraction"
        | "invalid exponent"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number"
        | "integer number overflowed"
        | "floating-point number overflowed"
        | "u64 value was too large" => NUMBER,
        "invalid boolean" => BOOLEAN,
        _ => return None,
    })
}

/// The kinds about stray characters, nesting, repeated keys and dates.
fn other_kind(kind: &str) -> Option<(Msg, Msg)> {
    Some(match kind {
        "invalid comment character"
        | "missing comment start"
        | "unexpected content between comment and newline"
        | "carriage return must be followed by newline"
        | "unexpected content" => CHARACTER,
        "cannot recurse further; max recursion depth met" | "recursion limit" => DEEP,
        "duplicate key" => TWICE,
        k if k.starts_with("cannot extend value of type") || k.starts_with("duplicate key") => {
            TWICE
        }
        k if k.starts_with("invalid date")
            || k.starts_with("invalid time")
            || k.starts_with("invalid local")
            || k.starts_with("invalid offset")
            || k.starts_with("invalid partial")
            || k.starts_with("invalid nanosecond")
            || k == "unsupported datetime combination"
            || k == "nanoseconds overflowed" =>
        {
            DATE
        }
        _ => return None,
    })
}

// } the toml parser's own words

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_dates_are_turned_into_toml_dates() {
        let iso = |v| loose_datetime(v).map(|(iso, _)| iso);
        assert_eq!(iso("2026/12/20").as_deref(), Some("2026-12-20"));
        assert_eq!(iso("2026.12.2").as_deref(), Some("2026-12-02"));
        assert_eq!(iso("2026年12月20日").as_deref(), Some("2026-12-20"));
        assert_eq!(
            iso("2026/12/20 9:30").as_deref(),
            Some("2026-12-20T09:30:00")
        );
        assert_eq!(
            loose_datetime("2026-12-20T9:30"),
            Some(("2026-12-20T09:30:00".to_string(), true))
        );
        assert_eq!(loose_datetime("2026-12-20T09:30:00"), None);
        assert_eq!(loose_datetime("2026-12-20"), None);
        assert_eq!(loose_datetime("\"2026/12/20\""), None);
    }

    #[test]
    fn corrected_lines_use_toml_punctuation_outside_quotes() {
        assert_eq!(corrected("title = “科普讲座”"), "title = \"科普讲座\"");
        assert_eq!(corrected("title：\"讲座：上午\""), "title=\"讲座：上午\"");
        assert_eq!(corrected("tags = [\"a\"，\"b\"]"), "tags = [\"a\",\"b\"]");
        assert_eq!(corrected("start = 2026/12/20"), "start = 2026-12-20");
    }
}
