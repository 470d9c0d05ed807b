//! One Markdown file becomes one [`Document`]: front matter validated, dates resolved,
//! slug chosen. This stage knows nothing about other files.
//!
//! Third stage of the flow, after `source`; run in parallel over all files. What needs
//! the whole site (URLs, kinds inherited from sections, links) happens in `site`.

pub mod dates;
pub mod event;
pub mod event_changes;
pub mod fields;
pub mod front_matter;
pub mod ical;
pub mod kind;
pub mod occurrence;
pub mod partner;
pub mod pinyin;
pub mod place;
pub mod recurrence;
pub mod resource;
pub mod slug;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::ZonedDateTime;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Located, Msg};
use crate::source::SourceFile;
use crate::toml_diag::TomlOrigin;
use front_matter::RawFrontMatter as Raw;
pub use kind::{Kind, SortBy};

/// Section settings, from an `_index.md`.
#[derive(Debug, Clone, Default)]
pub struct SectionMeta {
    /// The kind written in front matter; `None` inherits the parent's.
    pub kind: Option<Kind>,
    /// The order written in front matter; `None` uses the kind's default.
    pub sort_by: Option<SortBy>,
    /// Pages per list page, if paginated.
    pub paginate_by: Option<usize>,
    /// Whether its pages are also listed in the parent section.
    pub transparent: bool,
}

/// A term list of one taxonomy, with where it was written.
#[derive(Debug, Clone)]
pub struct TermList {
    /// The terms as written.
    pub terms: Vec<String>,
    /// Line of the taxonomy name in the file.
    pub line: usize,
    /// Column of the taxonomy name.
    pub col: usize,
}

/// An old URL of a page, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The site path (`/old/page/` or `/old.html`).
    pub path: String,
    /// Line in the file.
    pub line: usize,
    /// Column in the file.
    pub col: usize,
}

/// A content file, parsed and validated on its own.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path for messages, relative to the site root (`content/news/a.md`).
    pub source: PathBuf,
    /// Path inside `content/` (`news/a.md`), with `/` separators: the `@/` link name.
    pub rel: String,
    /// True for `_index.md` (a section).
    pub is_section: bool,
    /// True for `index.md` (a page bundle: its folder holds its assets).
    pub is_bundle: bool,
    /// Language code: the site's, or `en` for `page.en.md`.
    pub lang: String,
    /// Title.
    pub title: String,
    /// Description, if any.
    pub description: Option<String>,
    /// Publication time (from front matter or the file name's date prefix).
    pub date: Option<ZonedDateTime>,
    /// Last change.
    pub updated: Option<ZonedDateTime>,
    /// Draft flag.
    pub draft: bool,
    /// Not built before.
    pub publish_date: Option<ZonedDateTime>,
    /// Not built after.
    pub expiry_date: Option<ZonedDateTime>,
    /// The URL segment of this page (or of this section's folder).
    pub slug: String,
    /// Old URLs that redirect here, normalised to site paths.
    pub aliases: Vec<Alias>,
    /// Manual order.
    pub weight: Option<i64>,
    /// Template override, with where it is written.
    pub template: Option<Located<String>>,
    /// Terms per taxonomy.
    pub taxonomies: BTreeMap<String, TermList>,
    /// Authors.
    pub authors: Vec<String>,
    /// Cover image path.
    pub cover: Option<String>,
    /// Which part of the cover the fixed-ratio cuts keep (`cover_focus`).
    pub cover_focus: CoverFocus,
    /// The bundle's images are published at full size (`keep_original = true`).
    pub keep_original: bool,
    /// Whether the page is searchable.
    pub search: bool,
    /// `wechat` as written: whether the page gets a WeChat edition (`None`: as its
    /// kind and `[wechat] enable` say).
    pub wechat: Option<bool>,
    /// Anything for themes.
    pub extra: toml::Table,
    /// Section settings, for `_index.md` only.
    pub section: Option<SectionMeta>,
    /// `[event]`, validated (times zoned, rule typed, exdates resolved).
    pub event: Option<event::Event>,
    /// `[training]`, validated.
    pub training: Option<event::Training>,
    /// `[venue]`, validated.
    pub venue: Option<place::Venue>,
    /// `[organizer]`, validated.
    pub organizer: Option<place::Organizer>,
    /// `[resource]`: the download, its format worked out.
    pub resource: Option<resource::Resource>,
    /// Start of the event's first occurrence (for ordering by `start`).
    pub event_start: Option<jiff::Timestamp>,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The texts of a content file that only messages about lines read: kept apart from
/// its [`Document`] so that a build can let go of them once nothing will report on
/// them any more.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    /// The front matter TOML text, for the messages about its fields.
    pub front_matter: String,
    /// The Markdown body (its first line is the document's `body_line`).
    pub body: String,
}

/// A parsed content file: its document and its texts, each shared (with `serve`'s
/// parse cache) so that the site takes them without a copy.
pub type Parsed = (Arc<Document>, Arc<SourceText>);

/// Reads and validates one Markdown file. Problems go to `diags`; `None` when the file
/// cannot be used at all.
pub fn parse(
    file: &SourceFile,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<(Document, SourceText)> {
    let bytes = match file.origin.read() {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(Diagnostic::error(
                &file.display,
                0,
                0,
                Msg::CannotReadFile {
                    error: e.to_string(),
                },
            ));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let (line, col) = crate::diag::line_col(&valid, valid.len());
            diags.push(
                Diagnostic::error(&file.display, line, col, Msg::FileNotUtf8)
                    .with_help(Msg::FileUtf8Help),
            );
            return None;
        }
    };
    parse_text(&file.display, &file.rel, &text, config, diags)
}

/// Validates the text of a content file (see [`parse`]).
///
/// The steps run in a fixed order so that the messages of one file always come in the
/// same order: dates, event, venue/organizer, slug, aliases, template, section fields, title.
pub fn parse_text(
    source: &Path,
    rel: &Path,
    text: &str,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<(Document, SourceText)> {
    let text = normalise_text(text);
    let split = split_front_matter(source, &text, diags)?;
    let origin = TomlOrigin {
        path: source,
        text: split.toml,
        line_offset: 1,
    };
    let mut raw = deserialize_front_matter(&origin, diags)?;
    let errors_before = diags.error_count();
    let name = FileName::of(rel, config);
    let checked = Checked::of(&mut raw, &name, &origin, config, diags);
    if diags.error_count() > errors_before {
        return None;
    }
    let doc = document((source, name, split.body_line), raw, checked);
    let text = SourceText {
        front_matter: split.toml.to_string(),
        body: split.body.to_string(),
    };
    Some((doc, text))
}

/// The fields of a document that are checked against the file's other fields or its
/// name, each with its problems reported.
struct Checked {
    dates: Dates,
    event: Option<event::Event>,
    training: Option<event::Training>,
    venue: Option<place::Venue>,
    organizer: Option<place::Organizer>,
    slug: String,
    aliases: Vec<Alias>,
    template: Option<Located<String>>,
    taxonomies: BTreeMap<String, TermList>,
    section: Option<SectionMeta>,
    resource: Option<resource::Resource>,
    cover_focus: CoverFocus,
}

impl Checked {
    /// Checks the fields of `raw`, in the order of [`parse_text`]'s messages; takes
    /// its `resource` table.
    fn of(
        raw: &mut front_matter::RawFrontMatter,
        name: &FileName,
        origin: &TomlOrigin,
        config: &Config,
        diags: &mut Diagnostics,
    ) -> Checked {
        let tz = &config.timezone;
        let dates = Dates::read(raw, name.prefix_date, origin, tz, diags);
        let (event, training, venue, organizer) = happenings(raw, origin, config, diags);
        let slug = page_slug(raw, name, origin, diags);
        let aliases = aliases(&raw.aliases, origin, diags);
        let template = template(raw.template.as_ref(), origin, diags);
        let taxonomies = taxonomies(&raw.taxonomies, origin.text);
        let section = if name.is_section {
            Some(section_meta(raw, origin, diags))
        } else {
            reject_section_fields(raw, origin, diags);
            None
        };
        let resource = resource::parse(raw.resource.take(), origin, diags);
        check_title(&raw.title, origin, diags);
        let cover_focus = cover_focus(raw.cover_focus.as_ref(), origin, diags);
        Checked {
            dates,
            event,
            training,
            venue,
            organizer,
            slug,
            aliases,
            template,
            taxonomies,
            section,
            resource,
            cover_focus,
        }
    }
}

/// `[event]` or `[training]`, and `[venue]` and `[organizer]`, validated when written.
#[allow(clippy::type_complexity)]
fn happenings(
    raw: &front_matter::RawFrontMatter,
    origin: &TomlOrigin,
    config: &Config,
    diags: &mut Diagnostics,
) -> (
    Option<event::Event>,
    Option<event::Training>,
    Option<place::Venue>,
    Option<place::Organizer>,
) {
    let (event, training) = if raw.event.is_some() || raw.training.is_some() {
        event::parse(origin, &config.timezone, &config.timezone_name, diags)
    } else {
        (None, None)
    };
    let (venue, organizer) = if raw.venue.is_some() || raw.organizer.is_some() {
        place::parse(origin, diags)
    } else {
        (None, None)
    };
    (event, training, venue, organizer)
}

/// The document of a file at `source` (its name read into `name`, its Markdown from
/// `line`), from its front matter and the `fields` checked.
fn document((source, name, line): (&Path, FileName, usize), raw: Raw, fields: Checked) -> Document {
    Document {
        source: source.to_path_buf(),
        rel: name.rel,
        is_section: name.is_section,
        is_bundle: name.is_bundle,
        lang: name.lang,
        title: raw.title.get_ref().trim().to_string(),
        description: raw.description.filter(|d| !d.trim().is_empty()),
        date: fields.dates.date,
        updated: fields.dates.updated,
        draft: raw.draft,
        publish_date: fields.dates.publish_date,
        expiry_date: fields.dates.expiry_date,
        slug: fields.slug,
        aliases: fields.aliases,
        weight: raw.weight,
        template: fields.template,
        taxonomies: fields.taxonomies,
        authors: raw.authors,
        cover: raw.cover,
        cover_focus: fields.cover_focus,
        keep_original: raw.keep_original,
        search: raw.search.unwrap_or(true),
        wechat: raw.wechat,
        extra: raw.extra,
        section: fields.section,
        event_start: (fields.event.as_ref()).map(|e| e.when.start_instant(&e.timezone)),
        event: fields.event,
        training: fields.training,
        venue: fields.venue,
        organizer: fields.organizer,
        resource: fields.resource,
        body_line: line,
    }
}

/// The text without a byte-order mark and with LF line endings.
fn normalise_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// Finds the front matter, or says why there is none.
fn split_front_matter<'a>(
    source: &Path,
    text: &'a str,
    diags: &mut Diagnostics,
) -> Option<front_matter::Split<'a>> {
    let err = match front_matter::split(text) {
        Ok(split) => return Some(split),
        Err(err) => err,
    };
    let (message, help) = match err {
        front_matter::SplitError::Empty => (Msg::FileEmpty, Msg::EmptyFileHelp),
        front_matter::SplitError::NoOpening => (Msg::NoFrontMatter, Msg::NoFrontMatterHelp),
        front_matter::SplitError::Unterminated => {
            (Msg::FrontMatterUnclosed, Msg::CloseFrontMatterHelp)
        }
    };
    let d = match (&err, front_matter::text_start(text)) {
        (front_matter::SplitError::Unterminated, Some(line)) => {
            Diagnostic::error(source, line, 1, Msg::FrontMatterUnclosedBefore)
                .with_help(Msg::CloseFrontMatterAboveHelp)
        }
        _ => Diagnostic::error(source, 1, 1, message).with_help(help),
    };
    diags.push(d);
    None
}

/// Reads the front matter's TOML into its raw fields.
fn deserialize_front_matter(
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> Option<front_matter::RawFrontMatter> {
    match toml::from_str(origin.text) {
        Ok(raw) => Some(raw),
        Err(e) => {
            let mut d = origin.diagnostic(&e);
            if let Msg::MissingField { .. } = *d.message {
                // A field missing from the front matter: the file's first line.
                (d.span.line, d.span.col) = (1, 1);
            }
            diags.push(d);
            None
        }
    }
}

/// What a content file's path says about it.
struct FileName<'a> {
    /// Path inside `content/` with `/` separators.
    rel: String,
    /// `_index.md`.
    is_section: bool,
    /// `index.md`.
    is_bundle: bool,
    /// `en` for `page.en.md`, else the site's language.
    lang: String,
    /// The date of a `YYYY-MM-DD-` prefix.
    prefix_date: Option<jiff::civil::Date>,
    /// The name the slug comes from, without the date prefix: the folder for sections
    /// and bundles, else the file's stem.
    name: &'a str,
    /// A section at the top of `content/` (its name may be empty).
    is_top: bool,
}

impl<'a> FileName<'a> {
    /// Reads the parts of `rel` (a path inside `content/`).
    fn of(rel: &'a Path, config: &Config) -> FileName<'a> {
        let file_name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_section = file_name == "_index.md" || file_name.starts_with("_index.");
        let is_bundle = !is_section && (file_name == "index.md" || file_name.starts_with("index."));

        // Language: `page.en.md` is the `en` translation of `page.md`.
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
        let (stem, lang) = match stem.rsplit_once('.') {
            Some((base, code)) if config.languages.iter().any(|l| l.code == code) => {
                (base, code.to_string())
            }
            _ => (stem, config.language.clone()),
        };

        let name = if is_section || is_bundle {
            rel.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .unwrap_or("")
        } else {
            stem
        };
        let (prefix_date, name) = match dates::split_date_prefix(name) {
            Some((date, rest)) => (Some(date), rest),
            None => (None, name),
        };
        FileName {
            rel: rel.to_string_lossy().replace('\\', "/"),
            is_section,
            is_bundle,
            lang,
            prefix_date,
            name,
            is_top: is_section && rel.parent().is_none_or(|p| p.as_os_str().is_empty()),
        }
    }
}

/// The four dates of front matter, in the site's time zone.
struct Dates {
    date: Option<ZonedDateTime>,
    updated: Option<ZonedDateTime>,
    publish_date: Option<ZonedDateTime>,
    expiry_date: Option<ZonedDateTime>,
}

impl Dates {
    /// Converts the written dates; `date` falls back to the file name's date prefix
    /// when it is not written at all.
    fn read(
        raw: &front_matter::RawFrontMatter,
        prefix_date: Option<jiff::civil::Date>,
        origin: &TomlOrigin,
        tz: &jiff::tz::TimeZone,
        diags: &mut Diagnostics,
    ) -> Dates {
        let mut date = date_field(&raw.date, "date", origin, tz, diags);
        let updated = date_field(&raw.updated, "updated", origin, tz, diags);
        let publish_date = date_field(&raw.publish_date, "publish_date", origin, tz, diags);
        let expiry_date = date_field(&raw.expiry_date, "expiry_date", origin, tz, diags);
        if date.is_none() && raw.date.is_none() {
            date = prefix_date.and_then(|d| d.to_zoned_datetime(tz.clone()).ok());
        }
        Dates {
            date,
            updated,
            publish_date,
            expiry_date,
        }
    }
}

/// One date field, if written and valid.
fn date_field(
    value: &Option<toml::Spanned<toml::value::Datetime>>,
    field: &str,
    origin: &TomlOrigin,
    tz: &jiff::tz::TimeZone,
    diags: &mut Diagnostics,
) -> Option<ZonedDateTime> {
    let value = value.as_ref()?;
    match dates::from_toml(value.get_ref(), tz) {
        Ok(z) => Some(z),
        Err(message) => {
            diags.push(
                origin
                    .error_at(
                        value.span().start,
                        Msg::FieldUnreadable {
                            field: field.to_string(),
                            detail: Box::new(message),
                        },
                    )
                    .with_help(Msg::RealDateHelp),
            );
            None
        }
    }
}

/// The slug: as written (checked and slugified), else from the file or folder name,
/// else (for a name with no letters) from the title.
fn page_slug(
    raw: &front_matter::RawFrontMatter,
    name: &FileName,
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> String {
    let Some(s) = &raw.slug else {
        let from_name = slug::slugify(name.name);
        return if from_name.is_empty() && !name.is_top {
            slug::slugify(raw.title.get_ref())
        } else {
            from_name
        };
    };
    let written = s.get_ref();
    if !slug::is_safe_segment(written.trim()) {
        diags.push(
            origin
                .error_at(
                    s.span().start,
                    Msg::SlugNotSegment {
                        slug: written.to_string(),
                    },
                )
                .with_help(Msg::SlugHelp),
        );
        return String::new();
    }
    let slug = slug::slugify(written);
    if slug.is_empty() {
        diags.push(
            origin
                .error_at(
                    s.span().start,
                    Msg::SlugNoLetters {
                        slug: written.to_string(),
                    },
                )
                .with_help(Msg::SlugExampleHelp),
        );
    }
    slug
}

/// The aliases that are paths of this site; the others are reported.
fn aliases(
    written: &[toml::Spanned<String>],
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> Vec<Alias> {
    written
        .iter()
        .filter_map(|a| match normalise_alias(a.get_ref()) {
            Some(path) => {
                let (line, col) = crate::diag::line_col(origin.text, a.span().start);
                Some(Alias {
                    path,
                    line: line + 1,
                    col,
                })
            }
            None => {
                diags.push(
                    origin
                        .error_at(
                            a.span().start,
                            Msg::AliasNotPath {
                                alias: a.get_ref().clone(),
                            },
                        )
                        .with_help(Msg::AliasHelp),
                );
                None
            }
        })
        .collect()
}

/// Which part of a cover the cuts to fixed ratios keep (the WeChat covers, the share
/// image): a cover taller than the cut loses its bottom, top or both halves' edges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CoverFocus {
    /// The top of the picture (a poster with its title at the top).
    Top,
    /// The middle (the default).
    #[default]
    Center,
    /// The bottom.
    Bottom,
}

/// `cover_focus` as written: "top", "center" or "bottom"; anything else is an error
/// at its value.
fn cover_focus(
    written: Option<&toml::Spanned<String>>,
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> CoverFocus {
    let Some(w) = written else {
        return CoverFocus::Center;
    };
    match w.get_ref().trim() {
        "top" => CoverFocus::Top,
        "center" | "centre" => CoverFocus::Center,
        "bottom" => CoverFocus::Bottom,
        other => {
            diags.push(
                origin
                    .error_at(
                        w.span().start,
                        Msg::UnknownCoverFocus {
                            focus: other.to_string(),
                        },
                    )
                    .with_help(Msg::CoverFocusHelp),
            );
            CoverFocus::Center
        }
    }
}

/// The template override with its position, if it names a file inside the templates.
fn template(
    written: Option<&toml::Spanned<String>>,
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> Option<Located<String>> {
    let t = written?;
    let name = t.get_ref();
    if name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.split('/').any(|p| p == ".." || p == ".")
    {
        diags.push(
            origin
                .error_at(
                    t.span().start,
                    Msg::TemplateNameNotAllowed { name: name.clone() },
                )
                .with_help(Msg::TemplateNameHelp),
        );
        None
    } else {
        Some(Located::new(name.clone(), origin.span_at(t.span().start)))
    }
}

/// The terms per taxonomy, trimmed, empty ones dropped, with where each list was
/// written (`toml` is the front matter's text).
fn taxonomies(
    written: &BTreeMap<toml::Spanned<String>, Vec<String>>,
    toml: &str,
) -> BTreeMap<String, TermList> {
    written
        .iter()
        .map(|(name, terms)| {
            let (line, col) = crate::diag::line_col(toml, name.span().start);
            (
                name.get_ref().clone(),
                TermList {
                    terms: terms
                        .iter()
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect(),
                    line: line + 1,
                    col,
                },
            )
        })
        .collect()
}

/// The settings of an `_index.md`: kind, order, pagination, transparency.
fn section_meta(
    raw: &front_matter::RawFrontMatter,
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) -> SectionMeta {
    let kind = raw
        .kind
        .as_ref()
        .and_then(|k| match Kind::from_name(k.get_ref()) {
            Some(kind) => Some(kind),
            None => {
                diags.push(
                    origin
                        .error_at(
                            k.span().start,
                            Msg::UnknownKind {
                                kind: k.get_ref().clone(),
                            },
                        )
                        .with_help(Msg::KindHelp),
                );
                None
            }
        });
    let sort_by = raw
        .sort_by
        .as_ref()
        .and_then(|s| match SortBy::from_name(s.get_ref()) {
            Some(sort) => Some(sort),
            None => {
                diags.push(
                    origin
                        .error_at(
                            s.span().start,
                            Msg::UnknownSortOrder {
                                order: s.get_ref().clone(),
                            },
                        )
                        .with_help(Msg::SortByHelp),
                );
                None
            }
        });
    let paginate_by = raw.paginate_by.as_ref().and_then(|p| {
        if *p.get_ref() == 0 {
            diags.push(
                origin
                    .error_at(p.span().start, Msg::PaginateByZero)
                    .with_help(Msg::PaginateByHelp),
            );
            None
        } else {
            Some(*p.get_ref())
        }
    });
    SectionMeta {
        kind,
        sort_by,
        paginate_by,
        transparent: raw.transparent.as_ref().is_some_and(|t| *t.get_ref()),
    }
}

/// Reports section settings written in a page.
fn reject_section_fields(
    raw: &front_matter::RawFrontMatter,
    origin: &TomlOrigin,
    diags: &mut Diagnostics,
) {
    for (field, span) in [
        ("kind", raw.kind.as_ref().map(|s| s.span())),
        ("sort_by", raw.sort_by.as_ref().map(|s| s.span())),
        ("paginate_by", raw.paginate_by.as_ref().map(|s| s.span())),
        ("transparent", raw.transparent.as_ref().map(|s| s.span())),
    ] {
        if let Some(span) = span {
            diags.push(
                origin
                    .error_at(
                        span.start,
                        Msg::SectionOnlyField {
                            field: field.to_string(),
                        },
                    )
                    .with_help(Msg::SectionOnlyFieldHelp),
            );
        }
    }
}

/// Reports an empty title.
fn check_title(title: &toml::Spanned<String>, origin: &TomlOrigin, diags: &mut Diagnostics) {
    if title.get_ref().trim().is_empty() {
        diags.push(
            origin
                .error_at(title.span().start, Msg::TitleEmpty)
                .with_help(Msg::TitleHelp),
        );
    }
}

/// Turns an alias into a site path (`old/page` → `/old/page/`), or `None` if it would
/// leave the site (`..`, a scheme, a backslash).
pub fn normalise_alias(alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.is_empty() || alias.contains("://") || alias.contains('\\') || alias.starts_with("//")
    {
        return None;
    }
    // `/?p=12`: an old address with a query (WordPress's `?p=` and `?page_id=`). No file
    // can be served at it; `_redirects` carries it for the hosts that read queries.
    if let Some(query) = alias.strip_prefix("/?") {
        let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
        let pairs_ok = query.split('&').all(|pair| {
            pair.split_once('=').is_some_and(|(k, v)| {
                !k.is_empty() && !v.is_empty() && k.chars().all(safe) && v.chars().all(safe)
            })
        });
        return pairs_ok.then(|| alias.to_string());
    }
    let parts: Vec<&str> = alias.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty()
        || parts
            .iter()
            .any(|p| *p == ".." || *p == "." || p.chars().any(char::is_control))
    {
        return None;
    }
    let joined = parts.join("/");
    let is_file = parts
        .last()
        .is_some_and(|p| p.ends_with(".html") || p.ends_with(".htm"));
    Some(if is_file {
        format!("/{joined}")
    } else {
        format!("/{joined}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title = \"t\"\nbase_url = \"https://a.org\"\n[languages.en]\ntitle = \"T\"\n",
        )
        .unwrap()
    }

    fn parse(rel: &str, text: &str) -> (Option<Document>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let path = Path::new("content").join(rel);
        let parsed = parse_text(&path, Path::new(rel), text, &config(), &mut diags);
        (parsed.map(|(doc, _)| doc), diags)
    }

    #[test]
    fn date_prefix_gives_date_and_slug() {
        let (doc, _) = parse(
            "news/2018-01-05-会员会籍整理.md",
            "+++\ntitle = \"a\"\n+++\n",
        );
        let doc = doc.unwrap();
        assert_eq!(doc.slug, "hui-yuan-hui-ji-zheng-li");
        assert_eq!(doc.date.unwrap().date().to_string(), "2018-01-05");
    }

    #[test]
    fn front_matter_errors_are_at_the_files_own_line() {
        let (doc, diags) = parse("news/a.md", "+++\ntitle = \"a\"\nweight = \"x\"\n+++\n");
        assert!(doc.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!((d.span.line, d.span.col), (3, 10));
        assert_eq!(
            d.message.english(),
            "`weight` should be a whole number, but it is the text \"x\""
        );
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let mut diags = Diagnostics::new();
        let text = "\u{feff}+++\r\ntitle = \"a\"\r\n+++\r\n正文\r\n";
        let parsed = parse_text(
            Path::new("content/a.md"),
            Path::new("a.md"),
            text,
            &config(),
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let (doc, text) = parsed.unwrap();
        assert_eq!(text.body, "正文\n");
        assert_eq!(doc.body_line, 4);
    }

    #[test]
    fn translation_files_get_their_language() {
        let (doc, _) = parse("about/join.en.md", "+++\ntitle = \"Join\"\n+++\n");
        let doc = doc.unwrap();
        assert_eq!(doc.lang, "en");
        assert_eq!(doc.slug, "join");
    }

    #[test]
    fn unsafe_slug_and_alias_are_rejected() {
        let (doc, diags) = parse(
            "a.md",
            "+++\ntitle = \"a\"\nslug = \"../../etc\"\naliases = [\"../x\"]\n+++\n",
        );
        assert!(doc.is_none());
        assert_eq!(diags.error_count(), 2);
        assert_eq!(normalise_alias("old/page").as_deref(), Some("/old/page/"));
        assert_eq!(normalise_alias("/a.html").as_deref(), Some("/a.html"));
    }

    #[test]
    fn section_fields_on_a_page_are_errors() {
        let (_, diags) = parse("news/a.md", "+++\ntitle = \"a\"\nkind = \"news\"\n+++\n");
        assert_eq!(
            diags.iter().next().unwrap().message.english(),
            "`kind` only belongs in a section's _index.md"
        );
    }
}
