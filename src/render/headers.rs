//! `/_headers`: caching rules in the format Netlify and Cloudflare Pages read. Every
//! fingerprinted file (see [`super::fingerprint`]) may be kept for a year, since a
//! changed file gets a new name; pages, feeds, calendars and everything else keep
//! the host's default, which asks for a newer copy on every visit. The JSON API
//! (`/api/*`, see [`super::api`]) and `/feed.json` may be read by scripts of any other
//! site (`Access-Control-Allow-Origin: *`): they are public, and a partner's page or
//! a WeChat mini program's web view fetches them from its own origin. A `_headers` in
//! the site's `static/` folder replaces this file (and should keep those lines).
//!
//! Paths are the site's addresses, with the path of `base_url`, as in `_redirects`.

use super::fingerprint::Fingerprints;

/// Output path of the file.
pub const PATH: &str = "_headers";

/// How long a fingerprinted file may be kept: a year, and never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Writes `/_headers`; `prefix` is the path of the base URL (`""` or `/assoc-site`).
pub fn headers(fingerprints: &Fingerprints, prefix: &str) -> (String, Vec<u8>) {
    let mut text = String::from(
        "# Caching rules for Netlify and Cloudflare Pages, written by kepu.\n\
         # Fingerprinted files change name when they change: keep them for a year.\n",
    );
    for (name, _) in fingerprints.copies() {
        text.push_str(&format!("{prefix}/{name}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    text.push_str("# The JSON API and the JSON feed may be read from any other site.\n");
    for path in ["/api/*", "/feed.json"] {
        text.push_str(&format!(
            "{prefix}{path}\n  Access-Control-Allow-Origin: *\n"
        ));
    }
    text.push_str(
        "# Pages, feeds, calendars and other files keep the host's default, which\n\
         # checks for a newer copy on every visit.\n",
    );
    (PATH.to_string(), text.into_bytes())
}
