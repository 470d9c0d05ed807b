//! A resource page's `[resource]`: the download it offers (docs/content.md,
//! "Resources"). Read whole when the page is parsed; the view adds only what needs the
//! site (the file's URL and the size of a co-located file).
//!
//! Part of the `content` stage. The front matter is read a second time with each
//! field's position, so that a field of the wrong type (`file = 3`) or one kepu works
//! out itself (`size`, `url`, `external`) is reported at its own line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostics;
use crate::diag::msg::Msg;
use crate::toml_diag::TomlOrigin;

/// `[resource]` of a page: its download and the other fields as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `file`: a co-located file or a web address; `None` when not given (or empty).
    pub file: Option<String>,
    /// `format` as written, else the file's extension in capitals (`PDF`); none for a
    /// web address without one.
    pub format: Option<String>,
    /// True when `file` is a web address (`https://…`, `//…`).
    pub external: bool,
    /// The table as written (`audience`, `license`, anything else), for templates.
    pub fields: toml::Table,
}

/// The fields of `[resource]` that must be text, each with an example of its value.
const TEXT_FIELDS: [(&str, &str); 4] = [
    ("file", "poster.pdf"),
    ("format", "PDF"),
    ("audience", "青少年"),
    ("license", "CC BY 4.0"),
];

/// The fields the view works out from `file`, which the page must not write.
const WORKED_OUT: [&str; 3] = ["url", "size", "external"];

/// `[resource]` as written, each value with its position. Other tables are ignored.
#[derive(Deserialize)]
struct RawTables {
    #[serde(default)]
    resource: Option<BTreeMap<String, Spanned<toml::Value>>>,
}

/// Validates `[resource]` (`fields`, the table as written) of the front matter in
/// `origin`; `None` when there is none or a field is wrong (each problem goes to `diags`).
pub fn parse(
    fields: Option<Spanned<toml::Table>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Resource> {
    let fields = fields?.into_inner();
    let raw: RawTables = match toml::from_str(origin.text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(origin.diagnostic(&e));
            return None;
        }
    };
    let errors_before = diags.error_count();
    let mut written: Vec<_> = raw.resource.iter().flatten().collect();
    written.sort_by_key(|(_, value)| value.span().start);
    for (name, value) in written {
        if let Some((message, help)) = problem(name, value.get_ref()) {
            diags.push(origin.error_at(value.span().start, message).with_help(help));
        }
    }
    (diags.error_count() == errors_before).then(|| Resource::new(fields))
}

/// The problem with `name = value` of `[resource]`, with its help: a field kepu works
/// out itself, or a text field written as something else.
fn problem(name: &str, value: &toml::Value) -> Option<(Msg, Msg)> {
    let field = name.to_string();
    if WORKED_OUT.contains(&name) {
        let help = Msg::ResourceWorkedOutHelp {
            field: field.clone(),
        };
        return Some((Msg::ResourceWorkedOut { field }, help));
    }
    let (_, example) = TEXT_FIELDS.iter().find(|(f, _)| *f == name)?;
    if value.is_str() {
        return None;
    }
    let help = Msg::ResourceTextHelp {
        field: field.clone(),
        example: example.to_string(),
    };
    let found = Box::new(found(value));
    Some((Msg::ResourceNotText { field, found }, help))
}

/// `value` in words, for a message that says what was written instead of text.
fn found(value: &toml::Value) -> Msg {
    match value {
        toml::Value::Integer(n) => Msg::TheNumber {
            number: n.to_string(),
        },
        toml::Value::Float(n) => Msg::TheNumber {
            number: n.to_string(),
        },
        toml::Value::Boolean(b) => Msg::TheValue {
            value: b.to_string(),
        },
        toml::Value::Datetime(_) => Msg::ADateOrTime,
        toml::Value::Array(_) => Msg::AList,
        toml::Value::Table(_) => Msg::ATable,
        toml::Value::String(_) => Msg::TextInQuotes,
    }
}

impl Resource {
    /// The resource of a `[resource]` table (its fields already checked by [`parse`]).
    pub fn new(fields: toml::Table) -> Resource {
        let file = fields
            .get("file")
            .and_then(|f| f.as_str())
            .filter(|f| !f.is_empty())
            .map(str::to_string);
        let external = file
            .as_deref()
            .is_some_and(|f| f.contains("://") || f.starts_with("//"));
        let extension = || {
            let file = file.as_deref().filter(|_| !external)?;
            let (_, ext) = file.rsplit_once('.')?;
            Some(ext.to_ascii_uppercase())
        };
        let format = fields
            .get("format")
            .and_then(|f| f.as_str())
            .map(str::to_string)
            .or_else(extension);
        Resource {
            file,
            format,
            external,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(toml: &str) -> Resource {
        Resource::new(toml.parse().unwrap())
    }

    #[test]
    fn format_comes_from_the_extension_unless_written() {
        let r = resource("file = \"poster.final.pdf\"");
        assert_eq!(r.format.as_deref(), Some("PDF"));
        assert!(!r.external);
        let r = resource("file = \"poster.pdf\"\nformat = \"A3 poster\"");
        assert_eq!(r.format.as_deref(), Some("A3 poster"));
    }

    #[test]
    fn a_web_address_is_external_and_has_no_guessed_format() {
        let r = resource("file = \"https://example.org/a.pdf\"");
        assert!(r.external);
        assert_eq!(r.format, None);
        assert_eq!(r.file.as_deref(), Some("https://example.org/a.pdf"));
    }

    #[test]
    fn an_empty_or_missing_file_is_none() {
        assert_eq!(resource("file = \"\"").file, None);
        assert_eq!(resource("license = \"CC BY 4.0\"").file, None);
    }
}
