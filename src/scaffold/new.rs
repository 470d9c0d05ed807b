//! `kepu new`: one new page of a kind, where that kind lives, with its front matter
//! filled in from the kind's archetype. Prints the path; never overwrites.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::archetypes;
use crate::config::Config;
use crate::content::{self, Kind, slug::slugify};
use crate::diag::Diagnostics;

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

/// Creates the page and returns its path (relative to the site root).
pub fn new_page(options: &NewOptions) -> Result<PathBuf, String> {
    let config = Config::load(&options.root).map_err(|d| render(&d))?;
    let title = options.title.trim();
    if title.is_empty() {
        return Err(
            "the title is empty: write it in quotes, e.g. kepu new event \"全国科普日\""
                .to_string(),
        );
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(format!(
            "kepu cannot make a file name from \"{title}\": use a title with letters or Chinese characters"
        ));
    }
    let section = match &options.section {
        Some(dir) => {
            let dir = dir.strip_prefix("content").unwrap_or(dir).to_path_buf();
            if dir
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                return Err(format!(
                    "--section {} must be a folder inside content/, without ..",
                    dir.display()
                ));
            }
            dir
        }
        None if options.kind == Kind::Page => PathBuf::new(),
        None => find_section(&options.root, &config, options.kind),
    };

    let today = options.now.to_zoned_datetime(config.timezone.clone());
    let date = today.date();
    let start_day = date.checked_add(jiff::Span::new().days(7)).unwrap_or(date);
    let start = format!("{start_day}T09:00:00");
    let end = format!("{start_day}T11:00:00");
    let file_name = match options.kind {
        Kind::News => PathBuf::from(format!("{date}-{slug}.md")),
        Kind::Event | Kind::Resource => PathBuf::from(&slug).join("index.md"),
        Kind::Training | Kind::Page | Kind::Venue | Kind::Organizer => {
            PathBuf::from(format!("{slug}.md"))
        }
    };
    let relative = Path::new("content").join(&section).join(file_name);
    let target = options.root.join(&relative);
    if target.exists()
        || (matches!(options.kind, Kind::Event | Kind::Resource)
            && target.parent().is_some_and(Path::exists))
    {
        return Err(format!(
            "{} already exists; kepu new never overwrites. Choose another title.",
            relative.display()
        ));
    }

    let custom = options
        .root
        .join("archetypes")
        .join(format!("{}.md", options.kind.name()));
    let archetype = match std::fs::read_to_string(&custom) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            archetypes::builtin(options.kind).to_string()
        }
        Err(e) => return Err(format!("cannot read {}: {e}", custom.display())),
    };
    let text = archetypes::fill(&archetype, title, &date.to_string(), &start, &end);

    super::write_new(&target, &relative, &text)?;
    Ok(relative)
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
            let doc = content::parse_text(e.path(), &rel, &text, config, &mut ignored)?;
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

fn render(diags: &Diagnostics) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
