//! Turns TOML and serde errors into [`Diagnostic`]s an editor can act on.
//!
//! A leaf used by `config` (site.toml) and `content` (front matter). TOML's messages are
//! written for programmers ("invalid type: string, expected i64"); here they are
//! reworded to say which field is wrong and what to write instead, with a "did you
//! mean" for misspelt field names. `line_offset` shifts a front-matter error to the
//! line of the file where it sits.

use std::path::Path;

use crate::diag::{Diagnostic, Msg, Span, line_col};

/// Where a TOML document sits inside the file it came from.
#[derive(Debug, Clone, Copy)]
pub struct TomlOrigin<'a> {
    /// Path shown in messages, relative to the site root.
    pub path: &'a Path,
    /// The TOML text itself.
    pub text: &'a str,
    /// Lines of the file before the TOML text (1 for front matter after `+++`).
    pub line_offset: usize,
}

impl TomlOrigin<'_> {
    /// The place of a byte offset of the TOML text in its file.
    pub fn span_at(&self, offset: usize) -> Span {
        let (line, col) = line_col(self.text, offset);
        Span::new(self.path, line + self.line_offset, col)
    }

    /// An error at a byte offset of the TOML text.
    pub fn error_at(&self, offset: usize, message: Msg) -> Diagnostic {
        Diagnostic::at(self.span_at(offset), message)
    }

    /// A warning at a byte offset of the TOML text.
    pub fn warning_at(&self, offset: usize, message: Msg) -> Diagnostic {
        let (line, col) = line_col(self.text, offset);
        Diagnostic::warning(self.path, line + self.line_offset, col, message)
    }

    /// The key written at the start of the line containing `offset`, if any.
    pub fn key_at(&self, offset: usize) -> Option<String> {
        let offset = offset.min(self.text.len());
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[start..];
        let line = line.lines().next().unwrap_or("");
        let (key, _) = line.split_once('=')?;
        let key = key.trim().trim_matches('"');
        if key.is_empty() || key.starts_with('[') {
            return None;
        }
        Some(key.rsplit('.').next().unwrap_or(key).trim().to_string())
    }

    /// Rewords a TOML parse or type error.
    pub fn diagnostic(&self, err: &toml::de::Error) -> Diagnostic {
        let at = err.span().unwrap_or(0..0).start;
        let message = err.message().trim();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            return self.unknown_field(at, rest);
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            let field = rest.split('`').next().unwrap_or(rest).to_string();
            return self
                .error_at(
                    at,
                    Msg::MissingField {
                        field: field.clone(),
                    },
                )
                .with_help(Msg::AddFieldHelp { field });
        }
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            return self.wrong_type(at, rest);
        }
        if message.starts_with("invalid date") || message.starts_with("invalid time") {
            return self.not_real_date(at, message);
        }
        if message == "duplicate key" {
            let field = self.key_at(at).unwrap_or_default();
            return self
                .error_at(at, Msg::WrittenTwice { field })
                .with_help(Msg::KeepOneLineHelp);
        }
        let explained = crate::toml_syntax::explain(self.text, at, message);
        self.error_at(explained.offset, explained.message)
            .with_help(explained.help)
    }

    /// serde's "unknown field `x`, expected one of `a`, `b`" (`rest` follows its first
    /// backtick), with the closest allowed field suggested.
    fn unknown_field(&self, at: usize, rest: &str) -> Diagnostic {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<String> = backticked(expected)
            .into_iter()
            .filter(|k| !NEVER_SUGGESTED.contains(&k.as_str()))
            .collect();
        let allowed = known.join(", ");
        let help = match closest(field, &known) {
            Some(best) => Msg::DidYouMeanField {
                best: best.to_string(),
                allowed,
            },
            None => Msg::FieldsAllowed { allowed },
        };
        let field = field.to_string();
        self.error_at(at, Msg::UnknownField { field })
            .with_help(help)
    }

    /// serde's "invalid type: <found>, expected <expected>" (`rest` after its colon).
    fn wrong_type(&self, at: usize, rest: &str) -> Diagnostic {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let what = self
            .key_at(at)
            .map_or(Msg::ThisValue, |name| Msg::Field { name });
        self.error_at(
            at,
            Msg::WrongType {
                what: Box::new(what),
                expected: Box::new(describe(expected)),
                found: Box::new(describe_found(found)),
            },
        )
        .with_help(example_for(expected))
    }

    /// TOML's "invalid date" or "invalid time": a known mistake, or why it is no date.
    fn not_real_date(&self, at: usize, message: &str) -> Diagnostic {
        if let Some(explained) = crate::toml_syntax::mistake(self.text, at) {
            return self
                .error_at(explained.offset, explained.message)
                .with_help(explained.help);
        }
        let what = self
            .key_at(at)
            .map_or(Msg::ThisDate, |name| Msg::Field { name });
        let message = Msg::NotRealDate {
            what: Box::new(what),
            detail: Box::new(date_detail(message)),
        };
        self.error_at(at, message).with_help(Msg::DateFormatHelp)
    }
}

/// Fields a table declares only to refuse them with their own error (secrets in
/// `[deploy]`): never offered as a "did you mean" or listed as allowed.
const NEVER_SUGGESTED: &[&str] = &[
    "access_key_id",
    "secret_access_key",
    "access_key",
    "secret_key",
    "access_key_secret",
    "secret_id",
    "session_token",
];
/// What is wrong with a date or time, from toml_datetime's "expected …" in kepu's
/// words: `the day must be from 01 to 28`, `write the hour as HH`.
fn date_detail(message: &str) -> Msg {
    let expected = message.split(", expected ").nth(1).unwrap_or("");
    let unit = |word: &str| match word.trim_end_matches('s') {
        "year" => Some(Msg::Year),
        "month" => Some(Msg::Month),
        "day" => Some(Msg::Day),
        "hour" => Some(Msg::Hour),
        "minute" => Some(Msg::Minute),
        "second" => Some(Msg::Second),
        _ => None,
    };
    if let Some((what, range)) = expected.split_once(" between ")
        && let Some(unit) = unit(what)
        && let Some((from, to)) = range.split_once(" and ")
    {
        return Msg::UnitRange {
            unit: Box::new(unit),
            from: from.to_string(),
            to: to.to_string(),
        };
    }
    if let Some((what, pattern)) = expected.split_once(" (")
        && let Some(unit) = what.rsplit(' ').next().and_then(unit)
    {
        return Msg::UnitPattern {
            unit: Box::new(unit),
            pattern: pattern.trim_end_matches(')').to_string(),
        };
    }
    Msg::NumbersNoDate
}

/// The names between backticks in a serde "expected one of `a`, `b`" list.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// The known name nearest to a misspelt one, when it is near enough to suggest.
pub fn closest<'a>(wrong: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(wrong, k), k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.as_str())
}

/// What serde expected, from its message (serde's `Unexpected` and `Expected` reach
/// us only as text inside the toml crate's error: classifying that text is the one
/// way to read them).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    WholeNumber,
    Number,
    Text,
    Bool,
    List,
    Date,
    Table,
    Other,
}

impl Expected {
    /// The kind serde names as `expected`.
    fn of(expected: &str) -> Expected {
        match expected {
            "i64" | "u64" | "i32" | "u32" | "usize" | "u16" | "u8" | "an integer" => {
                Expected::WholeNumber
            }
            "f64" | "f32" => Expected::Number,
            "a string" | "string" => Expected::Text,
            "a boolean" | "bool" => Expected::Bool,
            "a sequence" => Expected::List,
            "a TOML datetime" | "a datetime" => Expected::Date,
            e if e.starts_with("struct") || e.starts_with("a map") => Expected::Table,
            _ => Expected::Other,
        }
    }
}

/// An editor's words for what serde expected.
fn describe(expected: &str) -> Msg {
    match Expected::of(expected) {
        Expected::WholeNumber => Msg::AWholeNumber,
        Expected::Number => Msg::ANumber,
        Expected::Text => Msg::TextInQuotes,
        Expected::Bool => Msg::TrueOrFalse,
        Expected::List => Msg::AListInBrackets,
        Expected::Date => Msg::ADateOrTime,
        Expected::Table => Msg::ATable,
        Expected::Other => Msg::AnotherType,
    }
}

/// An editor's words for what was found instead.
fn describe_found(found: &str) -> Msg {
    let quoted = || found.split('`').nth(1).unwrap_or("").to_string();
    if let Some(s) = found.strip_prefix("string ") {
        Msg::TheText {
            text: s.to_string(),
        }
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        Msg::TheNumber { number: quoted() }
    } else if found.starts_with("boolean") {
        Msg::TheValue { value: quoted() }
    } else if found == "sequence" {
        Msg::AList
    } else if found == "map" {
        Msg::ATable
    } else {
        Msg::Foreign {
            text: found.to_string(),
        }
    }
}

/// An example of a well-formed value of the expected type.
fn example_for(expected: &str) -> Msg {
    match Expected::of(expected) {
        Expected::WholeNumber => Msg::WholeNumberHelp,
        Expected::Number => Msg::NumberHelp,
        Expected::Text => Msg::TextHelp,
        Expected::Bool => Msg::BoolHelp,
        Expected::List => Msg::ListHelp,
        Expected::Table => Msg::TableHelp,
        Expected::Date | Expected::Other => Msg::ValueHelp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        let known = vec!["title".to_string(), "date".to_string(), "draft".to_string()];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("xyzzy", &known), None);
    }

    #[test]
    fn key_at_finds_the_key_of_the_line() {
        let origin = TomlOrigin {
            path: Path::new("a.md"),
            text: "title = \"x\"\nweight = \"a\"\n",
            line_offset: 1,
        };
        assert_eq!(origin.key_at(21).as_deref(), Some("weight"));
    }
}

#[cfg(test)]
mod syntax_tests {
    use super::*;
    use crate::messages::{Lang, Messages};

    /// Each kind of TOML syntax error, as an editor might cause it, shown in Chinese:
    /// no English of the parser may be left.
    #[test]
    fn every_kind_of_toml_error_reads_in_chinese() {
        let mistakes = [
            "title = 科普",
            "title = \"科普",
            "title = \"a\\q\"",
            "title =",
            "title \"a\"",
            "title = = \"a\"",
            "tags = [\"a\" \"b\"]",
            "tags = [\"a\",,]",
            "tags = [\"a\"",
            "x = { a = 1 b = 2 }",
            "x = { a = 1,, }",
            "x = { a = 1",
            "[event",
            "[[event]",
            "weight = 0x_1",
            "weight = +0x1",
            "weight = 0X1",
            "weight = 03",
            "hours = 1.",
            "hours = 1e",
            "draft = True",
            "date = 2018-13-01",
            "date = 2018-02-30",
            "start = 2018-09-15T25:00:00",
            "x = 1 # a\u{7}b",
            "a = 1\na = 2",
            "a.b = 1\na.b.c = 2",
            "title = “a”",
            "tags = [\"a\"，\"b\"]",
            "weight ＝ 1",
            "title　= \"a\"",
            "date = 2018-09-15\t09:00:00",
            "start = 2026/12/20",
            "start = 2026年12月20日",
            "start = 2026-12-20T9:30",
            "x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        ];
        let zh = Messages {
            lang: Lang::Zh,
            codes: false,
        };
        for text in mistakes {
            let err = toml::from_str::<toml::Table>(text).expect_err(text);
            let origin = TomlOrigin {
                path: Path::new("a.md"),
                text,
                line_offset: 1,
            };
            let shown = zh.diagnostic(&origin.diagnostic(&err));
            let english = ["expected", "invalid", "TOML:", "string", "key", "value"];
            assert!(
                !english.iter().any(|w| shown.contains(w)),
                "{text:?} gave English: {shown}\n(parser: {})",
                err.message()
            );
        }
    }
}
