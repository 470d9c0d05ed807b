//! A resource page's `[resource]`: the download it offers (content-model.md,
//! "Resources"). Read whole when the page is parsed; the view adds only what needs the
//! site (the file's URL and the size of a co-located file).

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

impl Resource {
    /// The resource of a `[resource]` table.
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
