//! `/robots.txt`: allows everything and names the sitemap. A `robots.txt` in the
//! site's `static/` folder replaces it.

use super::Rendering;
use super::urls::absolute_url;

/// Output path of the file.
pub const PATH: &str = "robots.txt";

/// Writes `/robots.txt`.
pub fn robots(r: &Rendering) -> (String, Vec<u8>) {
    let sitemap = absolute_url(r.site, &r.site.url("/sitemap.xml"));
    (
        PATH.to_string(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
    )
}
