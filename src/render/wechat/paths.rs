//! Which pages have a WeChat edition and where its files go: what the image step
//! needs to cut the edition's covers, kept apart from the edition's rendering (which
//! reads the images) so that the two do not import each other.

use crate::content::Kind;
use crate::render::images::cut::Size;
use crate::site::{Page, Site};

/// The edition's folder inside its page's folder.
pub const DIR: &str = "wechat";

/// Whether `page` has a WeChat edition: its own `wechat = true|false`, else news
/// items, events and trainings while `[wechat] enable` is on. Sections never do.
pub fn has_edition(site: &Site, page: &Page) -> bool {
    !page.doc.is_section
        && page.doc.wechat.unwrap_or(
            site.config.wechat.enable
                && matches!(page.kind, Kind::News | Kind::Event | Kind::Training),
        )
}

/// Output path of one of the edition's covers (`news/a/wechat/cover-900x383.jpg`),
/// cut by the image step from the page's cover, else the site's `og_image`.
pub fn cover_path(page: &Page, size: Size) -> String {
    format!(
        "{}{DIR}/{}",
        page.path.trim_start_matches('/'),
        size.file_name("cover")
    )
}
