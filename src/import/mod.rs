//! `kepu import`: brings an association's existing content into a kepu site — a
//! WordPress export (with The Events Calendar) or saved WeChat articles.
//!
//! Sits on top, beside `scaffold`: it reads foreign files and writes content files
//! that the ordinary pipeline then builds. Every file goes through a [`stage::Stage`]:
//! nothing is written unless the whole import succeeds, an existing file is never
//! replaced without `--force`, and a second identical run changes nothing.

mod front;
pub mod html;
mod stage;
mod tec;
mod uploads;
pub mod wechat;
pub mod wordpress;
pub mod wxr;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Msg};
pub use stage::Committed;
use stage::Stage;
use wordpress::{Context, Kind, PageError};

/// Why an item was not imported.
#[derive(Debug, Clone, Copy)]
pub enum Skip {
    /// A draft or pending post, without `--drafts`.
    Draft,
    /// A private post.
    Private,
    /// A post in the trash.
    Trash,
    /// Another status.
    Status,
}

/// What an import did, for the closing report: counts and one line per skip or
/// problem (shown in the run's language when printed).
#[derive(Debug, Default)]
pub struct Report {
    /// One line per skipped item, kept shortcode, missing upload.
    pub lines: Vec<Msg>,
    /// News items imported.
    pub news: usize,
    /// Pages imported.
    pub pages: usize,
    /// Events imported.
    pub events: usize,
    /// Files (images, attachments) copied.
    pub files: usize,
    /// Links to uploads left pointing at the old site (no `--uploads`).
    pub remote: usize,
}

impl Report {
    /// Notes an item that is not imported, and why.
    pub fn skip(&mut self, item: &wxr::Item, why: Skip) {
        let reason = match why {
            Skip::Draft => Msg::SkipDraft,
            Skip::Private => Msg::SkipPrivate,
            Skip::Trash => Msg::SkipTrash,
            Skip::Status => Msg::SkipStatus,
        };
        self.lines.push(Msg::ImportSkipped {
            title: item.title.clone(),
            id: item.id.to_string(),
            reason: Box::new(reason),
        });
    }
}

/// Options of `kepu import wordpress`.
#[derive(Debug, Clone)]
pub struct WordpressOptions {
    /// The export file, as given (shown in messages).
    pub export: PathBuf,
    /// The site's `wp-content/uploads` folder, or a folder above it.
    pub uploads: Option<PathBuf>,
    /// The site folder to import into (created when it has no site.toml).
    pub into: PathBuf,
    /// Import drafts as `draft = true`.
    pub drafts: bool,
    /// Replace existing files.
    pub force: bool,
}

/// The result of an import, for the command line to print.
#[derive(Debug)]
pub struct Imported {
    /// Counts and skips.
    pub report: Report,
    /// What was written.
    pub committed: Committed,
    /// `[[menu]]` suggestions (empty when written into a new site.toml).
    pub menus: String,
    /// True when the import created the site.
    pub new_site: bool,
    /// The site's language (for the report).
    pub language: String,
}

/// Runs `kepu import wordpress`: every problem in the export is returned, and then
/// nothing is written.
pub fn wordpress(options: &WordpressOptions) -> Result<Imported, Diagnostics> {
    let export = read_export(&options.export)?;
    let new_site = !options.into.join(crate::config::CONFIG_FILE).is_file();
    let language = if new_site {
        export.channel.language.clone()
    } else {
        crate::config::Config::load(&options.into)?.language
    };
    let mut report = Report::default();
    let placed = wordpress::plan(&export, options.drafts, &mut report);
    let mut stage = Stage::new(&options.into, options.force).map_err(io_error)?;
    let written = match write_pages(&export, &placed, options, &mut stage, &mut report) {
        Ok(written) => written,
        Err(diags) => {
            stage.abandon();
            return Err(diags);
        }
    };
    let menus = wordpress::menus(&export, &written);
    let result = site_files(&export, &placed, new_site, &menus, options, &mut stage);
    if let Err(message) = result {
        stage.abandon();
        return Err(io_error(message));
    }
    let committed = stage.commit().map_err(io_error)?;
    Ok(Imported {
        report,
        committed,
        menus: if new_site { String::new() } else { menus },
        new_site,
        language,
    })
}

/// Reads and parses the export; a problem becomes `EXPORT.xml:line:col: …`.
fn read_export(path: &Path) -> Result<wxr::Export, Diagnostics> {
    let file = std::fs::File::open(path).map_err(|e| {
        io_error(Msg::CannotReadPath {
            path: path.display().to_string(),
            error: e.to_string(),
        })
    })?;
    wxr::read(std::io::BufReader::with_capacity(1 << 16, file)).map_err(|e| {
        let (line, col) = wxr::line_col(path, e.at);
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::error(path, line, col, e.message).with_help(Msg::ExportFileHelp));
        diags
    })
}

fn io_error(message: Msg) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::error("", 0, 0, message));
    diags
}

/// Converts and stages every placed item; all problems are collected.
fn write_pages(
    export: &wxr::Export,
    placed: &[wordpress::Placed],
    options: &WordpressOptions,
    stage: &mut Stage,
    report: &mut Report,
) -> Result<HashMap<u64, PathBuf>, Diagnostics> {
    let items = &export.items;
    let places = tec::Places {
        venues: of_type(items, "tribe_venue"),
        organizers: of_type(items, "tribe_organizer"),
    };
    let (attachments, authors) = (attachments(export), authors(export));
    let uploads = uploads::Uploads {
        dir: options.uploads.clone(),
        site: export.channel.link.clone(),
    };
    let cx = Context {
        uploads: &uploads,
        places: &places,
        attachments: &attachments,
        authors: &authors,
    };
    let mut diags = Diagnostics::new();
    let mut written = HashMap::new();
    for p in placed {
        let item = &items[p.index];
        match wordpress::write_page(item, p, &cx, stage, report) {
            Ok(page) => {
                match p.kind {
                    Kind::News => report.news += 1,
                    Kind::Page => report.pages += 1,
                    Kind::Event => report.events += 1,
                }
                written.insert(item.id, page.rel);
            }
            Err(PageError::At(at, message)) => {
                let (line, col) = wxr::line_col(&options.export, at);
                diags.push(
                    Diagnostic::error(&options.export, line, col, message)
                        .with_help(Msg::CorrectExportHelp),
                );
            }
            Err(PageError::Io(message)) => diags.push(Diagnostic::error("", 0, 0, message)),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(written)
    }
}

/// The addresses of the export's attachments by id.
fn attachments(export: &wxr::Export) -> HashMap<u64, &str> {
    export
        .items
        .iter()
        .filter(|i| i.post_type == "attachment")
        .map(|i| (i.id, i.attachment_url.as_str()))
        .collect()
}

/// The authors' display names by login.
fn authors(export: &wxr::Export) -> HashMap<&str, &str> {
    export
        .channel
        .authors
        .iter()
        .map(|(login, name)| (login.as_str(), name.as_str()))
        .collect()
}

/// The items of one post type by id.
fn of_type<'a>(items: &'a [wxr::Item], post_type: &str) -> HashMap<u64, &'a wxr::Item> {
    items
        .iter()
        .filter(|i| i.post_type == post_type)
        .map(|i| (i.id, i))
        .collect()
}

/// The files a site needs around the imported pages: section files for news and
/// events when missing, and for a new site `site.toml` and the home page.
fn site_files(
    export: &wxr::Export,
    placed: &[wordpress::Placed],
    new_site: bool,
    menus: &str,
    options: &WordpressOptions,
    stage: &mut Stage,
) -> Result<(), Msg> {
    let has = |k: Kind| placed.iter().any(|p| p.kind == k);
    let channel = &export.channel;
    let zh = channel.language.to_ascii_lowercase().starts_with("zh") || channel.language.is_empty();
    let mut files: Vec<(&str, String)> = Vec::new();
    if has(Kind::News) {
        let title = if zh { "动态" } else { "News" };
        files.push((
            "content/news/_index.md",
            format!("+++\ntitle = \"{title}\"\nkind = \"news\"\nsort_by = \"date\"\npaginate_by = 10\n+++\n"),
        ));
    }
    if has(Kind::Event) {
        let title = if zh { "活动" } else { "Events" };
        files.push((
            "content/events/_index.md",
            format!("+++\ntitle = \"{title}\"\nkind = \"event\"\nsort_by = \"start\"\n+++\n"),
        ));
    }
    if new_site {
        files.push(("site.toml", site_toml(export, menus)));
        files.push((
            "content/_index.md",
            format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n",
                front::quote(&channel.title),
                front::quote(&channel.description)
            ),
        ));
    }
    for (rel, text) in files {
        let rel = Path::new(rel);
        if !options.into.join(rel).exists() && !stage.has(rel) {
            stage.bytes(rel, text.as_bytes())?;
        }
    }
    Ok(())
}

/// A new site's settings from the export: title, tagline, address, language, time zone.
fn site_toml(export: &wxr::Export, menus: &str) -> String {
    let channel = &export.channel;
    let language = if channel.language.is_empty() {
        "zh-CN".to_string()
    } else {
        channel.language.clone()
    };
    let base_url = if channel.link.starts_with("http") {
        channel.link.clone()
    } else {
        "https://example.org".to_string()
    };
    format!(
        "# Made by kepu import wordpress from the export's settings.\ntitle = {}\nbase_url = {}\nlanguage = {}\ntimezone = {}\ntheme = \"default\"\ndescription = {}\n\n[taxonomies]\ntags = {{ feed = true }}\ncategories = {{}}\n{menus}",
        front::quote(&channel.title),
        front::quote(&base_url),
        front::quote(&language),
        front::quote(&wordpress::site_timezone(export)),
        front::quote(&channel.description),
    )
}

/// Options of `kepu import wechat`.
#[derive(Debug, Clone)]
pub struct WechatOptions {
    /// Saved article pages, or folders of them.
    pub articles: Vec<PathBuf>,
    /// The site folder to import into (created when it has no site.toml).
    pub into: PathBuf,
    /// Replace existing files.
    pub force: bool,
}

/// What `kepu import wechat` did.
#[derive(Debug)]
pub struct WechatImported {
    /// One line per article and per image left on WeChat's servers.
    pub report: Report,
    /// What was written.
    pub committed: Committed,
    /// True when the import created the site.
    pub new_site: bool,
}

/// Runs `kepu import wechat`: every article that cannot be read is reported, and
/// then nothing is written.
pub fn wechat(options: &WechatOptions) -> Result<WechatImported, Diagnostics> {
    let new_site = !options.into.join(crate::config::CONFIG_FILE).is_file();
    let tz = if new_site {
        jiff::tz::TimeZone::get("Asia/Shanghai").map_err(|e| {
            io_error(Msg::Foreign {
                text: e.to_string(),
            })
        })?
    } else {
        crate::config::Config::load(&options.into)?.timezone
    };
    let files = wechat::article_files(&options.articles);
    let mut stage = Stage::new(&options.into, options.force).map_err(io_error)?;
    let mut report = Report::default();
    let mut diags = import_articles(&files, &tz, &mut stage, &mut report);
    if !diags.has_errors() {
        wechat_site_files(options, new_site, &mut stage, &mut diags);
    }
    if diags.has_errors() {
        stage.abandon();
        return Err(diags);
    }
    let committed = stage.commit().map_err(io_error)?;
    Ok(WechatImported {
        report,
        committed,
        new_site,
    })
}

/// Stages every saved article; the problems of those that cannot be read.
fn import_articles(
    files: &[PathBuf],
    tz: &jiff::tz::TimeZone,
    stage: &mut Stage,
    report: &mut Report,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for file in files {
        match wechat::import_article(file, tz, stage) {
            Ok(done) => {
                report.news += 1;
                report.files += done.images;
                for url in done.missing {
                    report.lines.push(Msg::MissingWechatImage {
                        url,
                        page: done.rel.display().to_string(),
                    });
                }
            }
            Err(message) => diags.push(Diagnostic::error(file, 1, 1, message)),
        }
    }
    if files.is_empty() {
        diags.push(Diagnostic::error("", 0, 0, Msg::NoSavedArticle));
    }
    diags
}

/// The news section's file when missing, and for a new site `site.toml` and the home page.
fn wechat_site_files(
    options: &WechatOptions,
    new_site: bool,
    stage: &mut Stage,
    diags: &mut Diagnostics,
) {
    let mut extra: Vec<(&str, &str)> = vec![(
        "content/news/_index.md",
        "+++\ntitle = \"动态\"\nkind = \"news\"\nsort_by = \"date\"\npaginate_by = 10\n+++\n",
    )];
    if new_site {
        extra.push(("site.toml", NEW_WECHAT_SITE));
        extra.push(("content/_index.md", "+++\ntitle = \"我们的协会\"\n+++\n"));
    }
    for (rel, text) in extra {
        let rel = Path::new(rel);
        if !diags.has_errors()
            && !options.into.join(rel).exists()
            && let Err(message) = stage.bytes(rel, text.as_bytes())
        {
            diags.push(Diagnostic::error("", 0, 0, message));
        }
    }
}

/// `site.toml` of a site made by `kepu import wechat`.
const NEW_WECHAT_SITE: &str = "# Made by kepu import wechat; change the title and address.\ntitle = \"我们的协会\"\nbase_url = \"https://example.org\"\nlanguage = \"zh-CN\"\ntimezone = \"Asia/Shanghai\"\ntheme = \"default\"\n\n[taxonomies]\ntags = { feed = true }\ncategories = {}\n";
