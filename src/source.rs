//! Finds every file a build reads: content, static files, templates, translations and
//! data, from the site and from its theme. Nothing is parsed here.
//!
//! Second stage of the flow, after `config`. Hidden files and editor temp files
//! (`.*`, `*~`, `*.swp`, `#*#`) are skipped; a symlink loop or an unreadable folder is
//! reported, not followed. A symbolic link is followed when its target lies inside the
//! site folder; one that leads out of it is an error, so that a link committed by a
//! contributor can never publish a file of the machine that builds the site. When the site names `theme = "default"` and has no
//! `themes/default/` folder, the theme built into kepu is used.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Msg, relative_to};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));
}

pub use builtin::FILES as BUILTIN_THEME;

/// Where the bytes of a source file are.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file on disk (absolute or relative to the working directory).
    Disk(PathBuf),
    /// A file of the theme built into kepu.
    Builtin(&'static [u8]),
}

impl Origin {
    /// Reads the whole file.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Origin::Disk(path) => std::fs::read(path),
            Origin::Builtin(bytes) => Ok(bytes.to_vec()),
        }
    }
}

/// One file found, with the path used in messages and the path inside its folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, for messages (`content/news/a.md`,
    /// `themes/default/templates/page.html`, `(built-in theme)/templates/page.html`).
    pub display: PathBuf,
    /// Path inside its folder (`news/a.md` inside `content/`, `page.html` inside templates).
    pub rel: PathBuf,
    /// Where to read it from.
    pub origin: Origin,
    /// Its size in bytes when it was listed (a download's size is shown from it).
    pub size: u64,
}

/// Every input of a build, listed but not read.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Markdown files under `content/`.
    pub markdown: Vec<SourceFile>,
    /// Other files under `content/` (bundle assets and loose assets).
    pub content_assets: Vec<SourceFile>,
    /// Templates: the theme's first, then the site's (which override by name).
    pub templates: Vec<SourceFile>,
    /// Static files: the theme's first, then the site's (which override by path).
    pub statics: Vec<SourceFile>,
    /// Translation files of the theme (`i18n/<lang>.toml`), then the site's.
    pub i18n: Vec<SourceFile>,
    /// Data files under `data/`.
    pub data: Vec<SourceFile>,
    /// The folders the build reads from, so the output can be kept away from them.
    pub source_dirs: Vec<PathBuf>,
    /// Whether the walk followed a symbolic link (to a file or folder inside the
    /// site): a file may then be listed under a path other than the one a watcher
    /// names when it changes.
    pub followed_links: bool,
}

impl Sources {
    /// Every file listed, in no particular order.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.markdown
            .iter()
            .chain(&self.content_assets)
            .chain(&self.templates)
            .chain(&self.statics)
            .chain(&self.i18n)
            .chain(&self.data)
    }
}

/// What shows that a file changed without reading it again: its size and
/// modification time, taken just before it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: SystemTime,
    /// When the stamp was taken: a file changed in the same tick of the clock as its
    /// stamp could keep the stamp, so such stamps are not trusted.
    taken: SystemTime,
}

/// The coarsest modification-time resolution of common file systems (FAT's 2 s).
const CLOCK_TICK: Duration = Duration::from_secs(2);

impl Stamp {
    /// The stamp of a file on disk, now; `None` for built-in files, or when the
    /// system does not tell.
    pub fn of(origin: &Origin) -> Option<Stamp> {
        let Origin::Disk(path) = origin else {
            return None;
        };
        let taken = SystemTime::now();
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            taken,
        })
    }

    /// Whether what was read under this stamp still holds for the file stamped
    /// `now`: same size and modification time, and no change within a clock tick
    /// before this stamp was taken.
    pub fn still_holds(&self, now: Stamp) -> bool {
        self.len == now.len
            && self.modified == now.modified
            && self
                .modified
                .checked_add(CLOCK_TICK)
                .is_some_and(|t| t <= self.taken)
    }
}

/// True for names editors and tools leave behind that are not content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "Thumbs.db"
        || name == "desktop.ini"
        || name == "4913"
}

/// Lists all files of a site.
pub fn collect(root: &Path, config: &Config, diags: &mut Diagnostics) -> Sources {
    let mut sources = Sources::default();
    let site = SiteRoot::new(root);
    let list = |dir: &Path, diags: &mut Diagnostics| walk(&site, dir, diags);
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, Msg::NoContentFolder).with_help(Msg::HomePageHelp),
        );
    }
    for file in list(&content, diags) {
        let is_markdown = file.rel.extension().is_some_and(|e| e == "md");
        if is_markdown {
            sources.markdown.push(file);
        } else {
            sources.content_assets.push(file);
        }
    }
    theme_files(&site, config, &mut sources, diags);
    sources
        .templates
        .extend(list(&root.join("templates"), diags));
    sources.statics.extend(list(&root.join("static"), diags));
    sources.i18n.extend(list(&root.join("i18n"), diags));
    sources.data = list(&root.join("data"), diags);
    for dir in ["content", "templates", "static", "data", "themes", "i18n"] {
        sources.source_dirs.push(root.join(dir));
    }
    sources.followed_links = site.followed.get();
    sources
}

/// The templates, static files and translations of the theme: its folder under
/// `themes/`, else the built-in theme for `default`; another missing theme is an error.
fn theme_files(site: &SiteRoot, config: &Config, sources: &mut Sources, diags: &mut Diagnostics) {
    let theme_dir = site.root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        sources.templates = walk(site, &theme_dir.join("templates"), diags);
        sources.statics = walk(site, &theme_dir.join("static"), diags);
        sources.i18n = walk(site, &theme_dir.join("i18n"), diags);
        sources.source_dirs.push(theme_dir);
    } else if config.theme == "default" {
        builtin_theme(sources);
    } else {
        diags.push(
            Diagnostic::error(
                "site.toml",
                config.theme_position.0,
                config.theme_position.1,
                Msg::ThemeNotFound {
                    theme: config.theme.clone(),
                },
            )
            .with_help(Msg::ThemeFolderHelp),
        );
    }
}

/// The files of the theme carried inside kepu.
fn builtin_theme(sources: &mut Sources) {
    for (path, bytes) in BUILTIN_THEME {
        let Some((folder, rel)) = path.split_once('/') else {
            continue;
        };
        let file = SourceFile {
            display: PathBuf::from("(built-in theme)").join(path),
            rel: PathBuf::from(rel),
            origin: Origin::Builtin(bytes),
            size: bytes.len() as u64,
        };
        match folder {
            "templates" => sources.templates.push(file),
            "static" => sources.statics.push(file),
            "i18n" => sources.i18n.push(file),
            _ => {}
        }
    }
}

/// The site folder, as given (for messages) and as the file system resolves it (to
/// tell whether a symbolic link stays inside).
struct SiteRoot<'a> {
    root: &'a Path,
    real: Option<PathBuf>,
    /// Whether a walk came across a symbolic link.
    followed: std::cell::Cell<bool>,
}

impl<'a> SiteRoot<'a> {
    fn new(root: &'a Path) -> Self {
        SiteRoot {
            root,
            real: root.canonicalize().ok(),
            followed: std::cell::Cell::new(false),
        }
    }

    /// Whether `path` resolves to a place outside the site folder. A path that cannot
    /// be resolved is not judged here: reading it reports why.
    fn leads_out(&self, path: &Path) -> bool {
        match (&self.real, path.canonicalize()) {
            (Some(real_root), Ok(real)) => !real.starts_with(real_root),
            _ => false,
        }
    }

    /// The error for a link at `path` (or, for a folder that lies outside through a
    /// linked parent, that parent) whose target is outside the site.
    fn link_out(&self, path: &Path, is_dir: bool) -> Diagnostic {
        let link = path
            .ancestors()
            .take_while(|p| p.starts_with(self.root) && *p != self.root)
            .find(|p| {
                p.symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink())
            })
            .unwrap_or(path);
        let (message, help) = if is_dir {
            (Msg::FolderLinkOutside, Msg::CopyFolderHelp)
        } else {
            (Msg::FileLinkOutside, Msg::CopyFileHelp)
        };
        Diagnostic::error(relative_to(self.root, link), 0, 0, message).with_help(help)
    }
}

/// Every file under `dir` (none if it does not exist), sorted, skipping ignored names
/// and refusing links that leave the site.
fn walk(site: &SiteRoot, dir: &Path, diags: &mut Diagnostics) -> Vec<SourceFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) => {
                if leaves_site(site, &entry, diags) {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
                files.extend(source_file(site.root, dir, &entry, diags));
            }
            Err(err) => diags.push(walk_error(site.root, dir, &err)),
        }
    }
    // In the order of a walk with folders sorted by name (`a/b` before `a.b`): sorting
    // once by a key made once is several times faster than walkdir's sorting of each
    // folder, which takes every name apart from its path at every comparison.
    files.sort_by_cached_key(|f| sort_key(&f.rel));
    files
}

/// Whether a walked entry is a link (or the walked folder) leading out of the site,
/// which is reported; notes on `site` that a link was followed.
fn leaves_site(site: &SiteRoot, entry: &walkdir::DirEntry, diags: &mut Diagnostics) -> bool {
    // Only links (and the folder walked, which may sit under a linked parent) can
    // lead out: one `realpath` each, not one per file.
    if entry.path_is_symlink() {
        site.followed.set(true);
    }
    if (entry.depth() == 0 || entry.path_is_symlink()) && site.leads_out(entry.path()) {
        diags.push(site.link_out(entry.path(), entry.file_type().is_dir()));
        return true;
    }
    false
}

/// The source file of a walked entry, unless it is a folder or has an ignored name;
/// a name that is not UTF-8 is an error.
fn source_file(
    root: &Path,
    dir: &Path,
    entry: &walkdir::DirEntry,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    if !entry.file_type().is_file() {
        return None;
    }
    let path = entry.path();
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        diags.push(
            Diagnostic::error(relative_to(root, path), 0, 0, Msg::FileNameNotUtf8)
                .with_help(Msg::RenameFileHelp),
        );
        return None;
    };
    if is_ignored_name(name) {
        return None;
    }
    Some(SourceFile {
        display: relative_to(root, path),
        rel: path.strip_prefix(dir).unwrap_or(path).to_path_buf(),
        origin: Origin::Disk(path.to_path_buf()),
        size: entry.metadata().map_or(0, |m| m.len()),
    })
}

/// A folder that could not be read while walking `dir`, or a loop of links.
fn walk_error(root: &Path, dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| relative_to(root, p))
        .unwrap_or_else(|| relative_to(root, dir));
    let message = if err.loop_ancestor().is_some() {
        Msg::FolderLoop
    } else {
        Msg::CannotReadThis {
            error: err.io_error().map_or(err.to_string(), |e| e.to_string()),
        }
    };
    Diagnostic::error(path, 0, 0, message).with_help(Msg::LinkPermissionsHelp)
}

/// `path` as bytes with its separators made the lowest byte, so that comparing keys
/// compares paths folder by folder.
fn sort_key(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for b in &mut key {
        if *b == b'/' || *b == std::path::MAIN_SEPARATOR as u8 {
            *b = 0;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".hidden.md", "a.md~", ".a.md.swp", "a.swp", "#a.md#"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("a.md"));
        assert!(!is_ignored_name("科普.md"));
    }

    /// Files come in the order of a walk that sorts each folder by name: a folder's
    /// files right after it, `a/…` before `a.b`.
    #[test]
    fn files_are_listed_folder_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        for path in ["ab", "a.b", "a/c.txt", "a/c/d", "a/b", "科/一"] {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, "").unwrap();
        }
        let mut diags = Diagnostics::new();
        let files = walk(&SiteRoot::new(dir.path()), dir.path(), &mut diags);
        let rels: Vec<_> = files.iter().map(|f| f.rel.to_str().unwrap()).collect();
        assert_eq!(rels, ["a/b", "a/c/d", "a/c.txt", "a.b", "ab", "科/一"]);
    }
}
