//! `kepu import wordpress`: a WordPress export (WXR) → kepu pages. Posts become news
//! items, pages keep their parent/child folders, The Events Calendar's events become
//! events, uploads are copied into bundles, and every old permalink becomes an alias.
//!
//! Stage 2 of the importer: [`super::wxr`] reads the file; this module decides, for
//! every item, whether it is imported and where ([`plan`]), then writes each page
//! through the [`Stage`], which moves the files into place only when all went well.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::front::{Front, list, quote};
use super::stage::Stage;
use super::tec::{self, Places};
use super::uploads::{Bundle, Uploads};
use super::wxr::{Channel, Export, Item};
use super::{Report, Skip};
use crate::content::slug::slugify;
use crate::diag::Msg;
use crate::escape::percent_decode_each;

/// What kind of kepu page an item becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A post → `content/news/`.
    News,
    /// A page → `content/`, its children in its folder.
    Page,
    /// A `tribe_events` post → `content/events/`.
    Event,
}

/// Where an item goes.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index in the export's items.
    pub index: usize,
    /// The kind of page.
    pub kind: Kind,
    /// Folder inside `content/` (`news`, `about`, empty for the top).
    pub folder: String,
    /// File or bundle name without `.md` (`2018-05-04-ke-pu-ri`).
    pub stem: String,
    /// True for a page with children: it becomes its folder's `_index.md`.
    pub section: bool,
    /// Its address on the new site (`/news/ke-pu-ri/`).
    pub url: String,
    /// Its old addresses.
    pub aliases: Vec<String>,
    /// Import as `draft = true`.
    pub draft: bool,
}

/// The post types that carry no page of their own and are used or ignored silently.
const QUIET_TYPES: &[&str] = &[
    "attachment",
    "nav_menu_item",
    "tribe_venue",
    "tribe_organizer",
    "revision",
    "customize_changeset",
    "custom_css",
    "oembed_cache",
    "user_request",
    "wp_global_styles",
    "wp_navigation",
    "wp_template",
    "wp_template_part",
    "tribe-ea-record",
];

/// Top-level names kepu uses itself: a page with such a slug gets `-page` added.
const RESERVED: &[&str] = &[
    "news",
    "events",
    "tags",
    "categories",
    "calendar",
    "search",
    "trainings",
    "resources",
];

/// Decides which items are imported and where, in file order; skips go to `report`.
pub fn plan(export: &Export, drafts: bool, report: &mut Report) -> Vec<Placed> {
    let items = &export.items;
    let by_id: HashMap<u64, usize> = items.iter().enumerate().map(|(i, it)| (it.id, i)).collect();
    let has_children: HashSet<u64> = items
        .iter()
        .filter(|it| it.post_type == "page" && it.parent != 0)
        .map(|it| it.parent)
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut placed: Vec<Placed> = Vec::new();
    let mut page_folders: HashMap<u64, String> = HashMap::new();
    let mut unknown: Vec<(String, usize)> = Vec::new();
    // Parents before children: pages sorted by depth keep their folders known.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| depth(items, &by_id, i));
    for i in order {
        let item = &items[i];
        let kind = match item.post_type.as_str() {
            "post" => Kind::News,
            "page" => Kind::Page,
            "tribe_events" => Kind::Event,
            t if QUIET_TYPES.contains(&t) => continue,
            t => {
                match unknown.iter_mut().find(|(name, _)| name == t) {
                    Some((_, n)) => *n += 1,
                    None => unknown.push((t.to_string(), 1)),
                }
                continue;
            }
        };
        let draft = match item.status.as_str() {
            "publish" | "future" => false,
            "draft" | "pending" | "auto-draft" if drafts => true,
            "draft" | "pending" | "auto-draft" => {
                report.skip(item, Skip::Draft);
                continue;
            }
            "private" => {
                report.skip(item, Skip::Private);
                continue;
            }
            "trash" => {
                report.skip(item, Skip::Trash);
                continue;
            }
            _ => {
                report.skip(item, Skip::Status);
                continue;
            }
        };
        let slug = slug_of(item);
        let (folder, stem) = match kind {
            Kind::News => ("news".to_string(), format!("{}-{slug}", day(item))),
            Kind::Event => ("events".to_string(), slug.clone()),
            Kind::Page => {
                let parent = page_folders.get(&item.parent).cloned();
                let stem = match &parent {
                    None if RESERVED.contains(&slug.as_str()) => format!("{slug}-page"),
                    _ => slug.clone(),
                };
                (parent.unwrap_or_default(), stem)
            }
        };
        let stem = unique(&mut taken, &folder, &stem);
        let section = kind == Kind::Page && has_children.contains(&item.id);
        if section {
            page_folders.insert(item.id, join(&folder, &stem));
        }
        let url = match kind {
            Kind::News => format!("/news/{}/", stem.get(11..).unwrap_or(stem.as_str())),
            _ => format!("/{}/", join(&folder, &stem)),
        };
        placed.push(Placed {
            index: i,
            kind,
            folder,
            stem,
            section,
            url,
            aliases: old_addresses(item, kind, &export.channel),
            draft,
        });
    }
    for (t, n) in unknown {
        report.lines.push(Msg::ImportSkippedType {
            count: n,
            post_type: t,
        });
    }
    placed.sort_by_key(|p| p.index);
    keep_free_aliases(&mut placed);
    placed
}

/// How many page parents an item has (0 for everything but child pages).
fn depth(items: &[Item], by_id: &HashMap<u64, usize>, i: usize) -> usize {
    let mut depth = 0;
    let mut parent = items[i].parent;
    while items[i].post_type == "page" && parent != 0 && depth < 32 {
        let Some(&p) = by_id.get(&parent) else {
            break;
        };
        depth += 1;
        parent = items[p].parent;
    }
    depth
}

/// The item's slug: its WordPress slug (Chinese turned into pinyin), else its title's.
fn slug_of(item: &Item) -> String {
    let from_name = slugify(&percent_decode_each(&item.name));
    if !from_name.is_empty() {
        return from_name;
    }
    let from_title = slugify(&item.title);
    if from_title.is_empty() {
        format!("post-{}", item.id)
    } else {
        from_title
    }
}

/// The local publication day, `YYYY-MM-DD` (`0000-00-00` for drafts never dated).
fn day(item: &Item) -> String {
    item.date.get(..10).unwrap_or("0000-00-00").to_string()
}

fn join(folder: &str, stem: &str) -> String {
    if folder.is_empty() {
        stem.to_string()
    } else {
        format!("{folder}/{stem}")
    }
}

/// `stem`, or `stem-2`, `stem-3`… when another item took it in the same folder.
fn unique(taken: &mut HashSet<String>, folder: &str, stem: &str) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !taken.insert(join(folder, &candidate)) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

/// Every address WordPress served the item at: its permalink as exported, the usual
/// permalink patterns, and `?p=ID`/`?page_id=ID`. Chinese slugs are decoded.
fn old_addresses(item: &Item, kind: Kind, channel: &Channel) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(path) = item.link.strip_prefix(&channel.link) {
        out.push(percent_decode_each(path));
    }
    let name = percent_decode_each(&item.name);
    let date = day(item);
    let (y, m, d) = (date.get(..4), date.get(5..7), date.get(8..10));
    if !name.is_empty() && !name.contains('/') {
        match (kind, y, m, d) {
            (Kind::News, Some(y), Some(m), Some(d)) if y != "0000" => {
                out.push(format!("/{y}/{m}/{d}/{name}/"));
                out.push(format!("/{y}/{m}/{name}/"));
                out.push(format!("/{name}/"));
            }
            (Kind::Event, ..) => out.push(format!("/event/{name}/")),
            (Kind::Page, ..) if item.parent == 0 => out.push(format!("/{name}/")),
            _ => {}
        }
    }
    out.push(match kind {
        Kind::Page => format!("/?page_id={}", item.id),
        _ => format!("/?p={}", item.id),
    });
    let mut clean: Vec<String> = Vec::new();
    for alias in out {
        let alias = normal_path(&alias);
        if !alias.is_empty() && alias != "/" && !clean.contains(&alias) {
            clean.push(alias);
        }
    }
    clean
}

/// `/a/b` → `/a/b/`; `/?p=1` stays; fragments are dropped.
fn normal_path(path: &str) -> String {
    let path = path.split('#').next().unwrap_or("");
    if path.contains('?') {
        return path.to_string();
    }
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Drops aliases that are a new page's address or another item's alias (first wins),
/// and aliases under folders kepu writes itself.
fn keep_free_aliases(placed: &mut [Placed]) {
    let urls: HashSet<String> = placed.iter().map(|p| p.url.clone()).collect();
    let mut claimed: HashSet<String> = HashSet::new();
    for p in placed.iter_mut() {
        p.aliases.retain(|a| {
            let first = a.trim_start_matches('/').split('/').next().unwrap_or("");
            !urls.contains(a) && !RESERVED.contains(&first) && claimed.insert(a.clone())
        });
    }
}

/// Everything one page needs besides its item: where uploads are, venues, authors.
pub struct Context<'a> {
    /// Uploads and the old site's address.
    pub uploads: &'a Uploads,
    /// Venues and organizers.
    pub places: &'a Places<'a>,
    /// Attachment id → its URL.
    pub attachments: &'a HashMap<u64, &'a str>,
    /// Author login → display name.
    pub authors: &'a HashMap<&'a str, &'a str>,
}

/// A page made from an item: its path in the site and whether it failed.
pub struct Written {
    /// Site-relative path of the Markdown file.
    pub rel: PathBuf,
}

/// Converts one item and stages its Markdown file and the files its body links to.
pub fn write_page(
    item: &Item,
    placed: &Placed,
    cx: &Context<'_>,
    stage: &mut Stage,
    report: &mut Report,
) -> Result<Written, PageError> {
    let mut bundle = Bundle::default();
    let converted =
        super::html::wordpress(&item.content, &mut |url| cx.uploads.link(url, &mut bundle));
    let mut front = Front::default();
    front_matter(item, placed, cx, &mut bundle, &mut front)?;
    let content = Path::new("content").join(&placed.folder);
    let rel = match (placed.section, bundle.files.is_empty()) {
        (true, _) => content.join(&placed.stem).join("_index.md"),
        (false, true) => content.join(format!("{}.md", placed.stem)),
        (false, false) => content.join(&placed.stem).join("index.md"),
    };
    let shown = rel.display().to_string().replace('\\', "/");
    for name in &converted.shortcodes {
        report.lines.push(Msg::KeptShortcode {
            name: name.clone(),
            page: shown.clone(),
        });
    }
    for missing in &bundle.missing {
        report.lines.push(Msg::MissingUpload {
            upload: missing.clone(),
            page: shown.clone(),
        });
    }
    report.remote += bundle.remote;
    let text = front.file(&converted.markdown);
    stage.bytes(&rel, text.as_bytes()).map_err(PageError::Io)?;
    let dir = rel.parent().unwrap_or(Path::new("content"));
    for (name, from) in &bundle.files {
        stage.copy(&dir.join(name), from).map_err(PageError::Io)?;
        report.files += 1;
    }
    Ok(Written { rel })
}

/// Why a page could not be written.
#[derive(Debug)]
pub enum PageError {
    /// A value in the export is wrong, at this byte offset.
    At(u64, Msg),
    /// The staging folder could not be written.
    Io(Msg),
}

/// The front matter of one page.
fn front_matter(
    item: &Item,
    placed: &Placed,
    cx: &Context<'_>,
    bundle: &mut Bundle,
    front: &mut Front,
) -> Result<(), PageError> {
    front.text("title", &item.title);
    let excerpt = super::html::strip_tags(&item.excerpt);
    front.text("description", excerpt.trim());
    if (placed.kind != Kind::Page || item.status == "publish")
        && let Some(date) = post_date(item)?
    {
        front.raw("date", &date);
    }
    if placed.draft {
        front.raw("draft", "true");
    }
    if placed.section || placed.kind == Kind::Page {
        if item.menu_order != 0 {
            front.raw("weight", &item.menu_order.to_string());
        }
    } else if item.sticky {
        front.raw("weight", "1");
    }
    if !placed.aliases.is_empty() {
        front.raw("aliases", &list(&placed.aliases));
    }
    let author = cx
        .authors
        .get(item.creator.as_str())
        .copied()
        .unwrap_or(item.creator.as_str());
    if !author.is_empty() {
        front.raw("authors", &list(&[author.to_string()]));
    }
    if let Some(url) = item
        .meta("_thumbnail_id")
        .and_then(|id| id.parse::<u64>().ok())
        .and_then(|id| cx.attachments.get(&id))
        && let Some(name) = cx.uploads.link(url, bundle).filter(|n| !n.starts_with('/'))
    {
        front.text("cover", &name);
    }
    taxonomies(item, front);
    front.in_table("extra", "wordpress_id", &item.id.to_string());
    if placed.kind == Kind::Event {
        tec::event(item, cx.places, front).map_err(|e| PageError::At(e.at, e.message))?;
    }
    Ok(())
}

/// `taxonomies = { categories = […], tags = […] }` from the item's terms.
fn taxonomies(item: &Item, front: &mut Front) {
    let names = |domains: &[&str]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &item.terms {
            if domains.contains(&t.domain.as_str())
                && t.nicename != "uncategorized"
                && !t.name.is_empty()
                && !out.contains(&t.name)
            {
                out.push(t.name.clone());
            }
        }
        out
    };
    let categories = names(&["category", "tribe_events_cat"]);
    let tags = names(&["post_tag"]);
    let mut parts = Vec::new();
    if !categories.is_empty() {
        parts.push(format!("categories = {}", list(&categories)));
    }
    if !tags.is_empty() {
        parts.push(format!("tags = {}", list(&tags)));
    }
    if !parts.is_empty() {
        front.raw("taxonomies", &format!("{{ {} }}", parts.join(", ")));
    }
}

/// The publication time: the exact instant from `post_date_gmt`, written with the
/// site's offset of the day (`post_date` − `post_date_gmt`); `post_date` alone (in the
/// site's time zone) for drafts, which have no GMT date yet.
fn post_date(item: &Item) -> Result<Option<String>, PageError> {
    if item.date.is_empty() || item.date.starts_with("0000-00-00") {
        return Ok(None);
    }
    let Some(local) = tec::parse_wp_datetime(&item.date) else {
        return Err(PageError::At(
            item.date_at,
            Msg::ImportNotDateTime {
                key: "wp:post_date".to_string(),
                value: item.date.clone(),
            },
        ));
    };
    let text = local.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let gmt = tec::parse_wp_datetime(&item.date_gmt);
    let offset = gmt.and_then(|gmt| {
        let utc = jiff::tz::TimeZone::UTC;
        let a = local
            .to_zoned_datetime(utc.clone())
            .ok()?
            .timestamp()
            .as_second();
        let b = gmt.to_zoned_datetime(utc).ok()?.timestamp().as_second();
        let secs = a - b;
        (secs.abs() < 18 * 3600 && secs % 900 == 0).then_some(secs)
    });
    Ok(Some(match offset {
        Some(secs) => {
            let sign = if secs < 0 { '-' } else { '+' };
            let abs = secs.abs();
            format!("{text}{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
        }
        None => text,
    }))
}

/// The site's UTC offset from the posts (`post_date` − `post_date_gmt`) as an IANA
/// zone, preferring the zone events name; `Asia/Shanghai` when nothing says.
pub fn site_timezone(export: &Export) -> String {
    let mut zones: HashMap<&str, usize> = HashMap::new();
    for item in &export.items {
        if let Some(z) = item.meta("_EventTimezone")
            && z.contains('/')
            && jiff::tz::TimeZone::get(z).is_ok()
        {
            *zones.entry(z).or_default() += 1;
        }
    }
    if let Some((zone, _)) = zones
        .into_iter()
        .max_by_key(|(z, n)| (*n, std::cmp::Reverse(*z)))
    {
        return zone.to_string();
    }
    let hours = export
        .items
        .iter()
        .find_map(|it| match post_date(it) {
            Ok(Some(d)) if d.len() == 25 => d[19..22].parse::<i32>().ok(),
            _ => None,
        })
        .unwrap_or(8);
    match hours {
        8 => "Asia/Shanghai".to_string(),
        0 => "UTC".to_string(),
        // Etc/GMT-8 is UTC+8: the POSIX sign is reversed.
        h => format!("Etc/GMT{}{}", if h > 0 { '-' } else { '+' }, h.abs()),
    }
}

/// `[[menu]]` entries from the export's top-level menu items.
pub fn menus(export: &Export, written: &HashMap<u64, PathBuf>) -> String {
    let mut out = String::new();
    let titles: HashMap<u64, &str> = export
        .items
        .iter()
        .map(|it| (it.id, it.title.as_str()))
        .collect();
    for item in export
        .items
        .iter()
        .filter(|i| i.post_type == "nav_menu_item")
    {
        if item.meta("_menu_item_menu_item_parent").unwrap_or("0") != "0" {
            continue;
        }
        let object = item
            .meta("_menu_item_object_id")
            .and_then(|v| v.parse::<u64>().ok());
        let url = match item.meta("_menu_item_type") {
            Some("custom") => item.meta("_menu_item_url").map(str::to_string),
            Some("post_type") => object
                .and_then(|id| written.get(&id))
                .and_then(|rel| rel.strip_prefix("content").ok())
                .map(|rel| format!("@/{}", rel.display().to_string().replace('\\', "/"))),
            _ => None,
        };
        let name = match (item.title.as_str(), object.and_then(|id| titles.get(&id))) {
            ("", Some(t)) => t.to_string(),
            (t, _) => t.to_string(),
        };
        if let Some(url) = url.filter(|_| !name.is_empty()) {
            out.push_str(&format!(
                "\n[[menu]]\nname = {}\nurl = {}\nweight = {}\n",
                quote(&name),
                quote(&url),
                item.menu_order
            ));
        }
    }
    out
}
