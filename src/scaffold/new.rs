//! `kepu new`: one new page of a kind, where that kind lives, with its front matter
//! filled in from the kind's archetype. Prints the path; never overwrites.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::archetypes;
use crate::config::Config;
use crate::content::{self, Kind, slug::slugify};
use crate::diag::{Diagnostics, Msg};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site root.
    pub root: PathBuf,
    /// The kind of page.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// The folder under `content/` to put it in; default: the section of that kind.
    pub section: Option<PathBuf>,
    /// "Today", for the date and the suggested event time.
    pub now: Timestamp,
}

/// Creates the page and returns its path (relative to the site root). `config` is
/// the site's, already loaded by the caller.
pub fn new_page(options: &NewOptions, config: &Config) -> Result<PathBuf, Msg> {
    let title = options.title.trim();
    if title.is_empty() {
        return Err(Msg::NewTitleEmpty);
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Msg::NoFileNameFrom {
            title: title.to_string(),
        });
    }
    let section = section(options, config)?;
    let today = options.now.to_zoned_datetime(config.timezone.clone());
    let date = today.date();
    let start_day = date.checked_add(jiff::Span::new().days(7)).unwrap_or(date);
    let start = format!("{start_day}T09:00:00");
    let end = format!("{start_day}T11:00:00");
    let relative =
        Path::new("content")
            .join(&section)
            .join(file_name(options.kind, &date.to_string(), &slug));
    let target = options.root.join(&relative);
    if target.exists()
        || (matches!(options.kind, Kind::Event | Kind::Resource)
            && target.parent().is_some_and(Path::exists))
    {
        return Err(Msg::NewExists {
            path: relative.display().to_string(),
        });
    }
    let archetype = archetype(options)?;
    let text = archetypes::fill(&archetype, title, &date.to_string(), &start, &end);
    super::write_new(&target, &relative, &text)?;
    Ok(relative)
}

/// The folder under `content/` the page goes into: `--section`, else where its kind lives.
fn section(options: &NewOptions, config: &Config) -> Result<PathBuf, Msg> {
    match &options.section {
        Some(dir) => {
            let dir = dir.strip_prefix("content").unwrap_or(dir).to_path_buf();
            if dir
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                return Err(Msg::SectionNotInside {
                    section: dir.display().to_string(),
                });
            }
            Ok(dir)
        }
        None if options.kind == Kind::Page => Ok(PathBuf::new()),
        None => Ok(find_section(&options.root, config, options.kind)),
    }
}

/// The page's file inside its section: dated for news, a bundle for events and resources.
fn file_name(kind: Kind, date: &str, slug: &str) -> PathBuf {
    match kind {
        Kind::News => PathBuf::from(format!("{date}-{slug}.md")),
        Kind::Event | Kind::Resource => PathBuf::from(slug).join("index.md"),
        Kind::Training | Kind::Page | Kind::Venue | Kind::Organizer => {
            PathBuf::from(format!("{slug}.md"))
        }
    }
}

/// The site's own archetype of the kind (`archetypes/<kind>.md`), else the built-in one.
fn archetype(options: &NewOptions) -> Result<String, Msg> {
    let custom = options
        .root
        .join("archetypes")
        .join(format!("{}.md", options.kind.name()));
    match std::fs::read_to_string(&custom) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(archetypes::builtin(options.kind).to_string())
        }
        Err(e) => Err(Msg::CannotReadPath {
            path: custom.display().to_string(),
            error: e.to_string(),
        }),
    }
}

/// The folder of the shallowest section of `kind`, or the usual folder name.
fn find_section(root: &Path, config: &Config, kind: Kind) -> PathBuf {
    let content = root.join("content");
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .max_depth(4)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "_index.md")
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let rel = e.path().strip_prefix(&content).ok()?.to_path_buf();
            let mut ignored = Diagnostics::new();
            let (doc, _) = content::parse_text(e.path(), &rel, &text, config, &mut ignored)?;
            let own = doc.section.as_ref().and_then(|s| s.kind)?;
            (own == kind).then(|| rel.parent().map(Path::to_path_buf).unwrap_or_default())
        })
        .collect();
    found.sort_by_key(|p| (p.components().count(), p.clone()));
    found.into_iter().next().unwrap_or_else(|| {
        PathBuf::from(match kind {
            Kind::News => "news",
            Kind::Event => "events",
            Kind::Training => "trainings",
            Kind::Resource => "resources",
            Kind::Page => "",
            Kind::Venue => "venues",
            Kind::Organizer => "organizers",
        })
    })
}
