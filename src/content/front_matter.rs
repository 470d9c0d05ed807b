//! Front matter: the TOML between a first line `+++` and the next line `+++`.
//!
//! [`split`] finds it (a UTF-8 byte-order mark and CRLF line endings are accepted);
//! [`RawFrontMatter`] mirrors what editors write, with unknown fields rejected so that
//! a misspelt `titel` is caught with a "did you mean". [`written_fields`] reads the text again
//! with the TOML parser to say where a field is written, for a message about it.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::line_col;

/// The parts of a content file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub toml: &'a str,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Why a file's front matter could not be found.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or has only white space.
    Empty,
    /// The first line is not `+++`.
    NoOpening,
    /// The opening `+++` is never closed.
    Unterminated,
}

/// A web address written as a quoted value of front matter, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenAddress {
    /// The address (`https://…`), as written.
    pub url: String,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column of its first character, in characters.
    pub col: usize,
}

/// The string values of the front matter `toml` (from the file's second line) that are
/// web addresses: `registration`, `online`, a `cover` on another site, a theme's field
/// in `[extra]`… as the TOML parser finds them, so an address in a comment is left
/// out. For `kepu check --external`, which asks each whether it answers.
pub fn web_addresses(toml: &str) -> Vec<WrittenAddress> {
    written_fields(toml)
        .into_iter()
        .filter_map(|field| {
            let url = field.text?;
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return None;
            }
            let (line, col) = place(toml, field.value_start);
            Some(WrittenAddress { url, line, col })
        })
        .collect()
}

/// Line and column in the file of the byte `offset` of the front matter `toml`, which
/// starts on the file's second line, after `+++`: where a message about a field points.
pub fn place(toml: &str, offset: usize) -> (usize, usize) {
    let (line, col) = line_col(toml, offset);
    (line + 1, col)
}

/// A value of front matter that is neither a table nor an array, where the TOML parser
/// found it: for messages that point at a field (a page's `cover`, a link held by a
/// field). Only read when a problem was found, so a build pays nothing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenField {
    /// The keys from the top down (`["event", "registration"]`); the items of an
    /// array and the fields of an array of tables carry the array's key.
    pub keys: Vec<String>,
    /// Byte range of the nearest key as written (`registration`, in its line).
    pub key: Range<usize>,
    /// Byte offset of the value: of its first character inside the quotes, for a string.
    pub value_start: usize,
    /// The text of a string value, its escapes resolved; `None` for other values.
    pub text: Option<String>,
}

impl WrittenField {
    /// Whether the keys of this field are `keys`.
    pub fn is(&self, keys: &[&str]) -> bool {
        self.keys
            .iter()
            .map(String::as_str)
            .eq(keys.iter().copied())
    }
}

/// The fields of the front matter `toml`, in the order they are written; none when it
/// is not valid TOML. Comments and the text of other values are never taken for a field.
pub fn written_fields(toml: &str) -> Vec<WrittenField> {
    let Ok(table) = DeTable::parse(toml) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    table_fields(toml, table.get_ref(), &mut Vec::new(), &mut found);
    found.sort_by_key(|f| f.value_start);
    found
}

/// Adds the fields of `table`, under the keys `keys`, to `found`.
fn table_fields(
    toml: &str,
    table: &DeTable,
    keys: &mut Vec<String>,
    found: &mut Vec<WrittenField>,
) {
    for (key, value) in table {
        keys.push(key.get_ref().to_string());
        value_fields(toml, (key.span(), value), keys, found);
        keys.pop();
    }
}

/// Adds `value` (an array's or table's fields, or itself) to `found`.
fn value_fields(
    toml: &str,
    (key, value): (Range<usize>, &Spanned<DeValue>),
    keys: &mut Vec<String>,
    found: &mut Vec<WrittenField>,
) {
    match value.get_ref() {
        DeValue::Table(table) => table_fields(toml, table, keys, found),
        DeValue::Array(items) => {
            for item in items.iter() {
                value_fields(toml, (key.clone(), item), keys, found);
            }
        }
        other => found.push(WrittenField {
            keys: keys.clone(),
            key,
            value_start: inside_quotes(toml, value.span().start),
            text: other.as_str().map(str::to_string),
        }),
    }
}

/// The offset of a value's first character: after the opening quotes of a string (and
/// the line break that TOML drops right after `"""` or `'''`).
fn inside_quotes(toml: &str, start: usize) -> usize {
    let rest = &toml[start..];
    if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        start + 3 + usize::from(rest[3..].starts_with('\n'))
    } else if rest.starts_with(['"', '\'']) {
        start + 1
    } else {
        start
    }
}

/// Splits normalised text (LF line endings, no BOM) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Err(SplitError::NoOpening);
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut pos = toml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                toml: &text[toml_start..pos],
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError::Unterminated)
}

/// In a file whose front matter is never closed, the line where the page's text
/// seems to start: the first line that cannot be TOML (no `=`, not a `[table]`, a
/// comment or the rest of a list), or a Markdown heading (`## …`). `None` when every
/// line could be front matter.
pub fn text_start(text: &str) -> Option<usize> {
    let mut open_brackets = 0i32;
    for (i, line) in text.lines().enumerate().skip(1) {
        let t = line.trim();
        let continues = open_brackets > 0;
        open_brackets +=
            t.matches(['[', '{']).count() as i32 - t.matches([']', '}']).count() as i32;
        open_brackets = open_brackets.max(0);
        if t.is_empty() || continues {
            continue;
        }
        let heading = t.starts_with("##") || (t.starts_with("# ") && !t.is_ascii());
        let toml_like = t.contains('=') || t.starts_with('[') || t.starts_with('#');
        if heading || !toml_like {
            return Some(i + 1);
        }
    }
    None
}

/// Front matter as written, before validation. Dates keep their position for messages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// Required title.
    pub title: Spanned<String>,
    /// Summary for lists, feeds and `<meta>`.
    #[serde(default)]
    pub description: Option<String>,
    /// Publication time.
    #[serde(default)]
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// Last change.
    #[serde(default)]
    pub updated: Option<Spanned<toml::value::Datetime>>,
    /// Not built unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Not built before this time.
    #[serde(default)]
    pub publish_date: Option<Spanned<toml::value::Datetime>>,
    /// Not built after this time.
    #[serde(default)]
    pub expiry_date: Option<Spanned<toml::value::Datetime>>,
    /// URL segment.
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Manual order.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Template to use instead of the kind's default.
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    /// Terms per taxonomy.
    #[serde(default)]
    pub taxonomies: BTreeMap<Spanned<String>, Vec<String>>,
    /// Authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Cover image.
    #[serde(default)]
    pub cover: Option<String>,
    /// Which part of the cover the fixed-ratio cuts keep: "top", "center", "bottom".
    #[serde(default)]
    pub cover_focus: Option<Spanned<String>>,
    /// Publish this bundle's images at full size (`[images] keep_original` for one page).
    #[serde(default)]
    pub keep_original: bool,
    /// Whether the page goes into the search index.
    #[serde(default)]
    pub search: Option<bool>,
    /// Whether the page gets a WeChat edition (`/<page>/wechat/`); unset: news items,
    /// events and trainings do, as `[wechat] enable` says.
    #[serde(default)]
    pub wechat: Option<bool>,
    /// Anything for themes.
    #[serde(default)]
    pub extra: toml::Table,
    /// Section only: what the section holds.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// Section only: how its pages are ordered.
    #[serde(default)]
    pub sort_by: Option<Spanned<String>>,
    /// Section only: pages per list page.
    #[serde(default)]
    pub paginate_by: Option<Spanned<usize>>,
    /// Section only: its pages are also listed in the parent section.
    #[serde(default)]
    pub transparent: Option<Spanned<bool>>,
    /// Events and trainings: when and where.
    #[serde(default)]
    pub event: Option<Spanned<toml::Table>>,
    /// Trainings: topic, lecturer, hours, audience.
    #[serde(default)]
    pub training: Option<Spanned<toml::Table>>,
    /// Resources: the download.
    #[serde(default)]
    pub resource: Option<Spanned<toml::Table>>,
    /// Venues: address, map, access (read by `content::place`).
    #[serde(default)]
    pub venue: Option<Spanned<toml::Table>>,
    /// Organizers: contact (read by `content::place`).
    #[serde(default)]
    pub organizer: Option<Spanned<toml::Table>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_found_with_their_lines_and_columns() {
        let toml = "title = \"x\"\n# online = \"https://old.org/\"\n[event]\n\
                    registration = \"https://a.org/r\"\nonline = 'http://b.org/'\n";
        let found: Vec<(String, usize, usize)> = web_addresses(toml)
            .into_iter()
            .map(|a| (a.url, a.line, a.col))
            .collect();
        assert_eq!(
            found,
            [
                ("https://a.org/r".to_string(), 5, 17),
                ("http://b.org/".to_string(), 6, 11)
            ]
        );
    }

    /// The fields of `toml` as (dotted keys, key as written, text from the value on).
    fn located(toml: &str) -> Vec<(String, &str, &str)> {
        written_fields(toml)
            .into_iter()
            .map(|f| (f.keys.join("."), &toml[f.key], &toml[f.value_start..]))
            .collect()
    }

    #[test]
    fn fields_are_found_where_the_parser_sees_them() {
        let toml = "title = \"报名 registration = 'x'\"\n# registration = \"old\"\n\
                    summary = '''\nregistration = \"y\"'''\n[event]\nregistration = \"https://a.org/r\"\n";
        let found = located(toml);
        let keys: Vec<&str> = found.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "summary", "event.registration"]);
        assert!(found[1].2.starts_with("registration = \"y\"'''\n[event]"));
        assert_eq!(found[2].1, "registration");
        assert_eq!(found[2].2, "https://a.org/r\"\n");
        let registration = &written_fields(toml)[2];
        assert!(registration.is(&["event", "registration"]));
        assert_eq!(registration.text.as_deref(), Some("https://a.org/r"));
    }

    #[test]
    fn nested_inline_and_array_fields_carry_their_keys() {
        let toml = "links = [\"/a/\", '/b/']\nextra = { poster = \"/p.pdf\", n = 3 }\n\
                    [[files]]\nurl = \"/f.zip\"\n[event.place]\nmap = \"\"\"\nhttps://m.org/\"\"\"\n";
        let found: Vec<(String, &str, String)> = located(toml)
            .into_iter()
            .map(|(k, key, rest)| (k, key, rest.chars().take(3).collect()))
            .collect();
        let expected = [
            ("links", "links", "/a/"),
            ("links", "links", "/b/"),
            ("extra.poster", "poster", "/p."),
            ("extra.n", "n", "3 }"),
            ("files.url", "url", "/f."),
            ("event.place.map", "map", "htt"),
        ];
        let expected: Vec<(String, &str, String)> = expected
            .into_iter()
            .map(|(k, key, rest)| (k.to_string(), key, rest.to_string()))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(
            written_fields(toml)[5].text.as_deref(),
            Some("https://m.org/")
        );
        assert_eq!(written_fields(toml)[3].text, None);
    }

    #[test]
    fn text_that_is_not_toml_has_no_fields() {
        assert_eq!(written_fields("title = \"a\ncover = \"b.jpg\"\n"), []);
    }

    #[test]
    fn splits_and_counts_body_line() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n").unwrap();
        assert_eq!(s.toml, "title = \"a\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split("+++\ntitle = \"a\"\n+++").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn the_text_of_an_unclosed_file_starts_at_its_first_non_toml_line() {
        let text = "+++\ntitle = \"a\"\ntags = [\n  \"x\",\n]\n\n## 活动介绍\n正文\n";
        assert_eq!(text_start(text), Some(7));
        assert_eq!(text_start("+++\ntitle = \"a\"\n\n本次活动\n"), Some(4));
        assert_eq!(text_start("+++\ntitle = \"a\"\n# note\n"), None);
    }

    #[test]
    fn reports_missing_or_unclosed_front_matter() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("# hello\n"), Err(SplitError::NoOpening));
        assert_eq!(split("+++\ntitle = \"a\"\n"), Err(SplitError::Unterminated));
    }
}
