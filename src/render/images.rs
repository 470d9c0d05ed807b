//! Images of page bundles: their size, and smaller copies for phones.
//!
//! A render step with one entry function, [`process`], run once per build before the
//! views. For every co-located JPEG or PNG it reads the pixel size, writes resized
//! copies ([`WIDTHS`], never wider than the original) beside it, and for PNGs also
//! lossless WebP copies when those are smaller in total; for SVGs it reads the size
//! from the `<svg>` tag. [`rewrite_html`] then gives every `<img>` of a page's HTML
//! that shows one of them `width`, `height`, `loading="lazy"`, `decoding="async"`,
//! `srcset`/`sizes`, and a `<picture>` with the WebP source where there is one; the
//! views give covers the same data (`page.cover_image`).
//!
//! Why these choices:
//! - the `image` crate with only its `jpeg`, `png` and `webp` codecs: pure Rust (no C
//!   library to install), and the smallest set that covers what editors upload;
//! - WebP only for PNG sources: the pure-Rust WebP encoder is lossless, which makes a
//!   photo (JPEG) several times larger, so trying it there would only cost build time;
//!   for screenshots and diagrams (PNG) it usually saves a quarter or more;
//! - nothing is cached on disk: each build does the work again, in parallel, so a
//!   build never shows a stale copy; measure with `kepu build --timings`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Cursor;
use std::path::PathBuf;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::site::{Asset, Site};
use crate::source::{Origin, Stamp};

/// Widths of the resized copies, in pixels: a phone at 2× and 3×, and a wide column.
pub const WIDTHS: [u32; 3] = [480, 960, 1440];

/// JPEG quality of the resized copies (the original is copied untouched).
const JPEG_QUALITY: u8 = 80;

/// One file of an image at one width.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// Root-relative URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
}

/// What is known of one image, by its root-relative URL.
#[derive(Debug, Clone, Serialize)]
pub struct ImageInfo {
    /// The URL to put in `src`: the largest resized copy, or the original.
    pub src: String,
    /// Pixel width of the original (after EXIF rotation).
    pub width: u32,
    /// Pixel height of the original.
    pub height: u32,
    /// `srcset` in the original's format (empty without resized copies).
    pub srcset: String,
    /// `srcset` of the WebP copies (empty when WebP would not be smaller).
    pub webp_srcset: String,
}

/// The images of a build: what templates and the HTML rewrite need, and the files.
#[derive(Debug, Default)]
pub struct Images {
    /// By root-relative URL of the original (`/events/x/poster.jpg`).
    pub by_url: HashMap<String, ImageInfo>,
    /// Resized copies to write: (output path, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

impl Images {
    /// The image shown at `src` in a page whose URL is `page_url`, if it is one of ours.
    pub fn find(&self, src: &str, page_url: &str) -> Option<&ImageInfo> {
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
            return None;
        }
        let src = src.split(['?', '#']).next().unwrap_or(src);
        if src.starts_with('/') {
            self.by_url.get(src)
        } else {
            let joined = format!("{page_url}{}", src.trim_start_matches("./"));
            self.by_url.get(&joined)
        }
    }
}

/// Reads every image of the site's bundles and makes its resized copies. Images that
/// cannot be read are reported as warnings and left as they are.
pub fn process(site: &Site, cache: Option<&mut ImageCache>) -> (Images, Vec<Diagnostic>) {
    let results: Vec<Result<Processed, Diagnostic>> = match cache {
        None => site
            .assets
            .par_iter()
            .map(|asset| one(site, asset))
            .collect(),
        Some(cache) => cache.process(site),
    };
    let mut images = Images::default();
    let mut diags = Vec::new();
    for result in results {
        match result {
            Ok(Some((url, info, files))) => {
                images.by_url.insert(url, info);
                images.files.extend(files);
            }
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    (images, diags)
}

/// Images processed by earlier builds, by source file: `serve` uses them again while
/// the file and its address are unchanged, instead of decoding and resizing every
/// photo of the site on every save.
#[derive(Default)]
pub struct ImageCache {
    entries: HashMap<PathBuf, KeptImage>,
}

struct KeptImage {
    stamp: Stamp,
    /// The image's URL, which its copies' URLs are made from.
    url: String,
    result: Result<Processed, Diagnostic>,
}

impl ImageCache {
    /// The result of every asset, in order; unchanged images are taken from the cache,
    /// which is left holding this build's.
    fn process(&mut self, site: &Site) -> Vec<Result<Processed, Diagnostic>> {
        let known = &self.entries;
        let made: Vec<(Result<Processed, Diagnostic>, Option<KeptImage>)> = site
            .assets
            .par_iter()
            .map(|asset| {
                if format_of(&asset.output).is_none() {
                    // Not an image: nothing to process, nothing to keep.
                    return (Ok(None), None);
                }
                let url = site.url(&format!("/{}", asset.output));
                let stamp = Stamp::of(&asset.source.origin);
                let key = match &asset.source.origin {
                    Origin::Disk(path) => Some(path),
                    Origin::Builtin(_) => None,
                };
                if let (Some(stamp), Some(kept)) = (stamp, key.and_then(|k| known.get(k)))
                    && kept.stamp.still_holds(stamp)
                    && kept.url == url
                {
                    return (kept.result.clone(), None);
                }
                let result = one(site, asset);
                let fresh = stamp.map(|stamp| KeptImage {
                    stamp,
                    url,
                    result: result.clone(),
                });
                (result, fresh)
            })
            .collect();
        let mut old = std::mem::take(&mut self.entries);
        let mut results = Vec::with_capacity(made.len());
        for (asset, (result, fresh)) in site.assets.iter().zip(made) {
            if let Origin::Disk(path) = &asset.source.origin
                && let Some(kept) = fresh.or_else(|| old.remove(path))
            {
                self.entries.insert(path.clone(), kept);
            }
            results.push(result);
        }
        results
    }
}

/// The kind of image a file name says it is.
enum Format {
    Jpeg,
    Png,
    Svg,
}

fn format_of(name: &str) -> Option<Format> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(Format::Jpeg),
        "png" => Some(Format::Png),
        "svg" => Some(Format::Svg),
        _ => None,
    }
}

type Processed = Option<(String, ImageInfo, Vec<(String, Vec<u8>)>)>;

fn one(site: &Site, asset: &Asset) -> Result<Processed, Diagnostic> {
    let Some(format) = format_of(&asset.output) else {
        return Ok(None);
    };
    let url = site.url(&format!("/{}", asset.output));
    let unreadable = |why: String| {
        Diagnostic::warning(
            &asset.source.display,
            0,
            0,
            format!("cannot read this image ({why}); it is copied as it is, without width, height or smaller copies"),
        )
        .with_help("save it again as JPEG or PNG (or SVG) in an image editor")
    };
    let bytes = asset
        .source
        .origin
        .read()
        .map_err(|e| unreadable(e.to_string()))?;
    if let Format::Svg = format {
        let text = String::from_utf8_lossy(&bytes);
        let Some((width, height)) = svg_size(&text) else {
            return Ok(None);
        };
        let info = ImageInfo {
            src: url.clone(),
            width,
            height,
            srcset: String::new(),
            webp_srcset: String::new(),
        };
        return Ok(Some((url, info, Vec::new())));
    }
    let image = decode(&bytes).map_err(unreadable)?;
    let (width, height) = (image.width(), image.height());
    let (stem, ext) = asset.output.rsplit_once('.').unwrap_or((&asset.output, ""));
    let mut files = Vec::new();
    let mut same = Vec::new();
    let mut webp = Vec::new();
    let (mut same_bytes, mut webp_bytes) = (0usize, 0usize);
    let is_png = matches!(format, Format::Png);
    // Widest first, each copy made from the previous one: resampling a 12-megapixel
    // photo once instead of three times makes this step about twice as fast.
    let mut from = &image;
    let mut made: Vec<DynamicImage> = Vec::new();
    for w in WIDTHS.into_iter().rev().filter(|w| *w < width) {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        made.push(from.resize_exact(w, h, FilterType::CatmullRom));
        from = made.last().unwrap_or(&image);
    }
    for small in made.iter().rev() {
        let w = small.width();
        let encoded = match format {
            Format::Jpeg => encode_jpeg(small),
            _ => encode_png(small),
        }
        .map_err(unreadable)?;
        let path = format!("{stem}.{w}w.{ext}");
        same.push(Variant {
            url: site.url(&format!("/{path}")),
            width: w,
        });
        same_bytes += encoded.len();
        files.push((path, encoded));
        if is_png {
            let encoded = encode_webp(small).map_err(unreadable)?;
            let path = format!("{stem}.{w}w.webp");
            webp.push((
                Variant {
                    url: site.url(&format!("/{path}")),
                    width: w,
                },
                path,
                encoded,
            ));
        }
    }
    // The original completes the set when it is not much wider than the largest copy.
    let original_in_set = width <= *WIDTHS.last().unwrap_or(&0) || same.is_empty();
    if original_in_set {
        same.push(Variant {
            url: url.clone(),
            width,
        });
        same_bytes += bytes.len();
        if is_png {
            let encoded = encode_webp(&image).map_err(unreadable)?;
            let path = format!("{stem}.webp");
            webp.push((
                Variant {
                    url: site.url(&format!("/{path}")),
                    width,
                },
                path,
                encoded,
            ));
        }
    }
    webp_bytes += webp.iter().map(|(_, _, b)| b.len()).sum::<usize>();
    let use_webp = is_png && !webp.is_empty() && webp_bytes < same_bytes;
    let mut webp_set = Vec::new();
    if use_webp {
        for (variant, path, encoded) in webp {
            webp_set.push(variant);
            files.push((path, encoded));
        }
    }
    let src = same.last().map_or_else(|| url.clone(), |v| v.url.clone());
    let info = ImageInfo {
        src,
        width,
        height,
        srcset: if same.len() > 1 {
            srcset(&same)
        } else {
            String::new()
        },
        webp_srcset: srcset(&webp_set),
    };
    Ok(Some((url, info, files)))
}

/// Decodes an image, turned upright by its EXIF orientation (phone photos).
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let rgb = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image
        .write_with_encoder(PngEncoder::new(&mut out))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn encode_webp(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    // The WebP encoder takes 8-bit RGB(A) only.
    let image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    image
        .write_with_encoder(WebPEncoder::new_lossless(&mut out))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// `a.480w.jpg 480w, a.jpg 1200w`; spaces and commas in URLs are escaped, as `srcset`
/// splits on them.
fn srcset(variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| {
            format!(
                "{} {}w",
                v.url.replace(' ', "%20").replace(',', "%2C"),
                v.width
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The size of an SVG from its root tag: `width`/`height` in pixels (or unitless),
/// else the `viewBox`.
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let number = |name: &str| -> Option<f64> {
        let value = attribute(tag, name)?;
        let value = value.trim().trim_end_matches("px");
        value.parse::<f64>().ok().filter(|v| *v > 0.0)
    };
    if let (Some(w), Some(h)) = (number("width"), number("height")) {
        return Some((w.round() as u32, h.round() as u32));
    }
    let view_box = attribute(tag, "viewBox")?;
    let parts: Vec<f64> = view_box
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match parts.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

/// The value of attribute `name` in a start tag (quoted with `"` or `'`).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &rest[1..];
        return inner.find(quote).map(|end| &inner[..end]);
    }
    None
}

/// How wide content images are shown: the text column, or the screen less its margins.
pub const CONTENT_SIZES: &str = "(min-width: 46rem) 44rem, calc(100vw - 2rem)";

/// Adds size, lazy loading and smaller copies to every `<img>` of `html` (a page's
/// body, relative URLs against `page_url`) that shows one of `images`.
pub fn rewrite_html<'h>(html: &'h str, page_url: &str, images: &Images) -> Cow<'h, str> {
    if images.by_url.is_empty() || !html.contains("<img") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        let info = attribute(tag, "src")
            .and_then(|src| images.find(&crate::escape::decode_entities(src), page_url));
        match info {
            Some(info) => {
                let in_picture = out.rfind("<picture") > out.rfind("</picture>");
                out.push_str(&img_tag(tag, info, !in_picture));
            }
            None => out.push_str(tag),
        }
    }
    out.push_str(rest);
    if out == html {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(out)
    }
}

/// The `<img>` tag with what it lacks added (an editor's own values are kept).
fn img_tag(tag: &str, info: &ImageInfo, may_wrap: bool) -> String {
    let body = tag
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim_end()
        .to_string();
    let mut added = String::new();
    let has = |name: &str| attribute(tag, name).is_some();
    if !has("width") && !has("height") {
        added.push_str(&format!(
            " width=\"{}\" height=\"{}\"",
            info.width, info.height
        ));
    }
    if !has("loading") {
        added.push_str(" loading=\"lazy\"");
    }
    if !has("decoding") {
        added.push_str(" decoding=\"async\"");
    }
    let mut body = body;
    if !info.srcset.is_empty() && !has("srcset") {
        // The largest copy, not a many-megabyte original, for browsers without srcset.
        if let Some(src) = attribute(tag, "src") {
            body = body.replacen(
                &format!("\"{src}\""),
                &format!("\"{}\"", crate::escape::html(&info.src)),
                1,
            );
        }
        added.push_str(&format!(
            " srcset=\"{}\" sizes=\"{CONTENT_SIZES}\"",
            crate::escape::html(&info.srcset)
        ));
    }
    let img = format!("{body}{added}>");
    if may_wrap && !info.webp_srcset.is_empty() {
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{CONTENT_SIZES}\">{img}</picture>",
            crate::escape::html(&info.webp_srcset)
        )
    } else {
        img
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" viewBox="0 0 600 800" width="300" height="400">"#),
            Some((300, 400))
        );
        assert_eq!(svg_size(r#"<svg viewBox="0 0 600 800">"#), Some((600, 800)));
        assert_eq!(
            svg_size(r#"<svg width="100%" viewBox="0,0,60,80">"#),
            Some((60, 80))
        );
        assert_eq!(svg_size("<svg>"), None);
    }

    #[test]
    fn img_gets_size_and_copies() {
        let mut images = Images::default();
        images.by_url.insert(
            "/e/a.png".into(),
            ImageInfo {
                src: "/e/a.960w.png".into(),
                width: 1000,
                height: 500,
                srcset: "/e/a.480w.png 480w, /e/a.960w.png 960w".into(),
                webp_srcset: "/e/a.480w.webp 480w, /e/a.960w.webp 960w".into(),
            },
        );
        let html = r#"<p><img src="a.png" alt="图" /> <img src="https://x.org/b.png" alt=""></p>"#;
        let out = rewrite_html(html, "/e/", &images);
        assert_eq!(
            out,
            "<p><picture><source type=\"image/webp\" srcset=\"/e/a.480w.webp 480w, /e/a.960w.webp 960w\" sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\">\
             <img src=\"/e/a.960w.png\" alt=\"图\" width=\"1000\" height=\"500\" loading=\"lazy\" decoding=\"async\" \
             srcset=\"/e/a.480w.png 480w, /e/a.960w.png 960w\" sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\"></picture> \
             <img src=\"https://x.org/b.png\" alt=\"\"></p>"
        );
    }
}
