//! Venues and organizers as pages: the `[venue]` and `[organizer]` tables of their
//! front matter, and the `@/venues/x.md` references events make to them.
//!
//! Part of the `content` stage. The front matter is read a second time into
//! [`RawTables`] so that an unknown field, a wrong type or a `geo` out of range is
//! reported at its own line. Whether a reference leads to a page of the right kind
//! needs the whole site: that is `site::places`.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Geo, geo_field, url_field};
use crate::diag::{Diagnostics, Msg, line_col};
use crate::toml_diag::TomlOrigin;

/// A reference to another page (`venue = "@/venues/x.md"`), with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    /// The content path it names, without `@/` (`venues/x.md`).
    pub target: String,
    /// Line in the file.
    pub line: usize,
    /// Column in the file.
    pub col: usize,
}

impl PageRef {
    /// The reference written at byte `offset` of `origin`'s TOML text, if `written`
    /// is an `@/` path; `None` for free text.
    pub fn read(written: &str, offset: usize, origin: &TomlOrigin<'_>) -> Option<PageRef> {
        let target = written.trim().strip_prefix("@/")?;
        let target = target.split('#').next().unwrap_or(target).trim_matches('/');
        let (line, col) = line_col(origin.text, offset);
        Some(PageRef {
            target: target.to_string(),
            line: line + origin.line_offset,
            col,
        })
    }
}

/// `venue = "@/venues/x.md"` (also a change's): a page reference, never free text.
pub(super) fn venue_ref(
    value: &Option<Spanned<String>>,
    field: &str,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<PageRef> {
    let v = value.as_ref()?;
    let found = PageRef::read(v.get_ref(), v.span().start, origin);
    if found.is_none() {
        diags.push(
            origin
                .error_at(
                    v.span().start,
                    Msg::NotVenuePath {
                        field: field.to_string(),
                        path: v.get_ref().clone(),
                    },
                )
                .with_help(Msg::VenuePathHelp),
        );
    }
    found
}

/// The place tables of a front matter, as written. Other fields are ignored here.
#[derive(Debug, Deserialize)]
struct RawTables {
    #[serde(default)]
    venue: Option<RawVenue>,
    #[serde(default)]
    organizer: Option<RawOrganizer>,
}

/// `[venue]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVenue {
    #[serde(default)]
    address: Option<String>,
    #[serde(default)]
    geo: Option<Spanned<Vec<f64>>>,
    #[serde(default)]
    map: Option<Spanned<String>>,
    #[serde(default)]
    capacity: Option<u32>,
    #[serde(default)]
    accessibility: Option<String>,
    #[serde(default)]
    transit: Option<String>,
}

/// `[organizer]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganizer {
    #[serde(default)]
    url: Option<Spanned<String>>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<Spanned<String>>,
    #[serde(default)]
    logo: Option<Spanned<String>>,
}

/// A validated `[venue]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Venue {
    /// Postal address.
    pub address: Option<String>,
    /// Coordinates.
    pub geo: Option<Geo>,
    /// A map link of its own (else `[calendar] map_url` makes one).
    pub map: Option<String>,
    /// Places.
    pub capacity: Option<u32>,
    /// How to get in without steps, hearing loops…
    pub accessibility: Option<String>,
    /// How to get there by public transport.
    pub transit: Option<String>,
}

/// A validated `[organizer]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Organizer {
    /// Web site.
    pub url: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// E-mail address (iCalendar's `ORGANIZER` needs one).
    pub email: Option<String>,
    /// Co-located logo file, with its line and column (the site stage checks it).
    pub logo: Option<(String, usize, usize)>,
}

/// Validates the `[venue]` and `[organizer]` tables of a front matter; `None` for a
/// table that is missing or has errors (which go to `diags`).
pub fn parse(
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> (Option<Venue>, Option<Organizer>) {
    let raw: RawTables = match toml::from_str(origin.text) {
        Ok(raw) => raw,
        Err(e) => {
            diags.push(origin.diagnostic(&e));
            return (None, None);
        }
    };
    let venue = raw.venue.and_then(|v| venue(v, origin, diags));
    let organizer = raw.organizer.and_then(|o| organizer(o, origin, diags));
    (venue, organizer)
}

/// Text as written, trimmed, empty dropped.
fn text(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn venue(raw: RawVenue, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> Option<Venue> {
    let errors_before = diags.error_count();
    let geo = geo_field(&raw.geo, origin, diags);
    let map = url_field(&raw.map, "map", "https://example.org/", origin, diags);
    (diags.error_count() == errors_before).then(|| Venue {
        address: text(raw.address),
        geo,
        map,
        capacity: raw.capacity,
        accessibility: text(raw.accessibility),
        transit: text(raw.transit),
    })
}

/// Validates `[organizer]`; `None` when a field has an error.
fn organizer(
    raw: RawOrganizer,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<Organizer> {
    let errors_before = diags.error_count();
    let url = url_field(&raw.url, "url", "https://example.org/", origin, diags);
    let email = raw
        .email
        .as_ref()
        .and_then(|e| email_field(e, origin, diags));
    let logo = raw.logo.as_ref().and_then(|l| logo_field(l, origin, diags));
    (diags.error_count() == errors_before).then(|| Organizer {
        url,
        phone: text(raw.phone),
        email,
        logo,
    })
}

/// `email = "kepu@example.org"`: one bare address, without a name or `mailto:`.
fn email_field(
    e: &Spanned<String>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let email = e.get_ref().trim();
    let ok = email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.')
    }) && !email
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';' | ':'));
    if ok {
        return Some(email.to_string());
    }
    let problem = Msg::EmailNotAddress {
        email: email.to_string(),
    };
    diags.push(
        origin
            .error_at(e.span().start, problem)
            .with_help(Msg::EmailHelp),
    );
    None
}

/// `logo = "logo.png"`: a file next to the page, with its line and column.
fn logo_field(
    l: &Spanned<String>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<(String, usize, usize)> {
    let name = l.get_ref().trim();
    if name.is_empty()
        || name.contains("://")
        || name.contains('\\')
        || name.split('/').any(|p| p == "..")
    {
        let problem = Msg::LogoNotFile {
            name: name.to_string(),
        };
        let error = origin.error_at(l.span().start, problem);
        diags.push(error.with_help(Msg::LogoNextToPageHelp));
        return None;
    }
    let (line, col) = line_col(origin.text, l.span().start);
    Some((
        name.trim_start_matches("./").to_string(),
        line + origin.line_offset,
        col,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse_text(text: &str) -> (Option<Venue>, Option<Organizer>, Vec<String>) {
        let origin = TomlOrigin {
            path: Path::new("content/venues/a.md"),
            text,
            line_offset: 1,
        };
        let mut diags = Diagnostics::new();
        let (v, o) = parse(&origin, &mut diags);
        (v, o, diags.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn venue_fields_are_read_and_checked() {
        let (v, _, d) = parse_text(
            "title = \"馆\"\n[venue]\naddress = \" 东莞市 \"\ngeo = [23.02, 113.75]\ncapacity = 300\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let v = v.unwrap();
        assert_eq!(v.address.as_deref(), Some("东莞市"));
        assert_eq!(
            v.geo,
            Some(Geo {
                lat: 23.02,
                lon: 113.75
            })
        );
        let (v, _, d) = parse_text("title = \"馆\"\n[venue]\ngeo = [123.0, 13.0]\n");
        assert!(v.is_none());
        assert!(
            d[0].starts_with("content/venues/a.md:4:7: `geo` must be"),
            "{d:?}"
        );
        let (_, _, d) = parse_text("title = \"馆\"\n[venue]\nadress = \"x\"\n");
        assert!(
            d[0].starts_with("content/venues/a.md:4:1: unknown field `adress`"),
            "{d:?}"
        );
        assert!(d[0].contains("did you mean `address`?"), "{d:?}");
    }

    #[test]
    fn organizer_email_and_logo_are_checked() {
        let (_, o, d) = parse_text(
            "title = \"科协\"\n[organizer]\nemail = \"kx@dg.example.org\"\nlogo = \"./logo.png\"\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let o = o.unwrap();
        assert_eq!(o.email.as_deref(), Some("kx@dg.example.org"));
        assert_eq!(o.logo, Some(("logo.png".to_string(), 5, 8)));
        let (o, _, d) = parse_text(
            "title = \"科协\"\n[organizer]\nemail = \"科协 <a@b.c>\"\nurl = \"www.a.org\"\n",
        );
        assert!(o.is_none());
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("content/venues/a.md:5:7: `url`"), "{d:?}");
        assert!(
            d[1].starts_with("content/venues/a.md:4:9: `email`"),
            "{d:?}"
        );
    }

    #[test]
    fn a_reference_is_an_at_path() {
        let origin = TomlOrigin {
            path: Path::new("a.md"),
            text: "x\nvenue = \"@/venues/a.md\"\n",
            line_offset: 1,
        };
        let r = PageRef::read("@/venues/a.md", 10, &origin).unwrap();
        assert_eq!((r.target.as_str(), r.line, r.col), ("venues/a.md", 3, 9));
        assert!(PageRef::read("科技馆", 0, &origin).is_none());
    }
}
