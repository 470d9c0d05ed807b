//! The HTTP headers an object is stored with: `Content-Type` (with `charset=utf-8` for
//! text), `Cache-Control` and `Content-Encoding`, decided from the file name alone.
//!
//! A leaf of `deploy`, used by [`super::files`]. Caching follows the output's naming:
//! a name fingerprinted with its content (`site.3f2a9c1e.css`, eight lowercase hex
//! digits before the extension) never changes meaning, so browsers and CDNs may keep
//! it for a year; pages and everything else are revalidated within minutes, so an
//! edit shows up quickly. A precompressed twin (`site.css.gz`, `.br`) is stored with
//! its original's type and the encoding that lets a CDN or browser unpack it.

/// `Cache-Control` of fingerprinted files: a year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of pages, feeds, calendars and unfingerprinted files: five minutes.
pub const SHORT: &str = "public, max-age=300, must-revalidate";

/// The headers of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectHeaders {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// `Cache-Control`.
    pub cache_control: &'static str,
    /// `Content-Encoding` (`gzip`, `br`) of a precompressed file.
    pub content_encoding: Option<&'static str>,
}

/// The headers for the file at `key` (a `/`-separated path in the output folder);
/// `has_original`: whether the file without a `.gz`/`.br` ending exists too.
pub fn for_key(key: &str, has_original: impl Fn(&str) -> bool) -> ObjectHeaders {
    let name = key.rsplit('/').next().unwrap_or(key);
    let compressed = [(".gz", "gzip"), (".br", "br")]
        .into_iter()
        .find_map(|(ending, encoding)| {
            let original = key.strip_suffix(ending)?;
            has_original(original).then_some((original, encoding))
        });
    match compressed {
        Some((original, encoding)) => {
            let original_name = original.rsplit('/').next().unwrap_or(original);
            ObjectHeaders {
                content_type: content_type(original_name),
                cache_control: cache_control(original_name),
                content_encoding: Some(encoding),
            }
        }
        None => ObjectHeaders {
            content_type: content_type(name),
            cache_control: cache_control(name),
            content_encoding: None,
        },
    }
}

/// Whether a file name carries a content fingerprint: `name.3f2a9c1e.ext`.
pub fn is_fingerprinted(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn cache_control(name: &str) -> &'static str {
    if is_fingerprinted(name) {
        IMMUTABLE
    } else {
        SHORT
    }
}

/// The media type of a file name, with `charset=utf-8` for text (kepu writes UTF-8).
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    text_type(&ext)
        .or_else(|| binary_type(&ext))
        .unwrap_or("application/octet-stream")
}

/// The media type of a text file by its lowercase extension.
fn text_type(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        // `_headers`, `_redirects` and other files without an extension are text rules.
        "" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// The media type of an image, font, media, archive or office file by its lowercase
/// extension.
fn binary_type(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_eight_lowercase_hex_digits_before_the_extension() {
        assert!(is_fingerprinted("site.3f2a9c1e.css"));
        assert!(!is_fingerprinted("search.min.0123abcd"));
        assert!(!is_fingerprinted("site.3F2A9C1E.css"));
        assert!(!is_fingerprinted("site.3f2a9c1.css"));
        assert!(!is_fingerprinted("3f2a9c1e.css"));
        assert!(!is_fingerprinted("index.html"));
    }

    #[test]
    fn pages_are_short_lived_text_and_assets_immutable() {
        let none = |_: &str| false;
        let page = for_key("news/index.html", none);
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert_eq!(page.cache_control, SHORT);
        let css = for_key("site.3f2a9c1e.css", none);
        assert_eq!(css.cache_control, IMMUTABLE);
        assert_eq!(css.content_encoding, None);
    }

    #[test]
    fn a_precompressed_twin_keeps_its_originals_type_and_says_its_encoding() {
        let originals = |k: &str| k == "site.3f2a9c1e.css" || k == "index.html";
        let gz = for_key("site.3f2a9c1e.css.gz", originals);
        assert_eq!(gz.content_type, "text/css; charset=utf-8");
        assert_eq!(gz.cache_control, IMMUTABLE);
        assert_eq!(gz.content_encoding, Some("gzip"));
        let br = for_key("index.html.br", originals);
        assert_eq!(br.content_encoding, Some("br"));
        assert_eq!(br.cache_control, SHORT);
        // A download that happens to be gzipped is just a file.
        let archive = for_key("files/data.tar.gz", originals);
        assert_eq!(archive.content_type, "application/gzip");
        assert_eq!(archive.content_encoding, None);
    }
}
