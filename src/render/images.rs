//! Images of the site: cleaned of what they say besides their pixels, their size, and
//! smaller copies for phones.
//!
//! A render step with one entry function, [`process`], run once per build before the
//! views. Every JPEG, PNG and WebP the site publishes (bundle images and files of
//! `static/`) loses its metadata: GPS position, camera, serial number, thumbnails
//! ([`clean`]), unless `[images] keep_metadata = true`. A photo taken sideways is
//! turned upright in its pixels first, and one wider than `[images] max_width` is
//! published downscaled ([`make`]). Bundle images also get resized copies
//! ([`make::WIDTHS`], never wider than the original), and WebP copies when those are
//! smaller in total (lossy for JPEG photos, [`lossy`]; lossless for PNG); SVGs are measured from their `<svg>` tag. What is
//! made of each image is kept on disk by the hash of its bytes and settings
//! ([`store`]), so a build processes only new or edited images. [`rewrite_html`] then
//! gives every `<img>` of a page's HTML that shows one of them `width`, `height`,
//! `loading="lazy"`, `decoding="async"`, `srcset`/`sizes`, and a `<picture>` with the
//! WebP source where there is one; the views give covers the same data
//! (`page.cover_image`) and share cards a cleaned copy (`share`).
//!
//! Why these choices:
//! - the `image` crate with only its `jpeg`, `png` and `webp` codecs for reading
//!   images: the smallest set that covers what editors upload;
//! - JPEG photos decoded and encoded by libjpeg-turbo ([`libjpeg`], built from source
//!   and linked in, nothing to install but NASM for its SIMD code): a third of the
//!   pure-Rust encoder's time and three quarters of the decoder's;
//! - metadata removed by rewriting the file's container, not by encoding it again: an
//!   upright photo within `max_width` keeps its exact pixels;
//! - lossy WebP of photos through libwebp (the `webp` crate builds it from source with
//!   the C compiler): the pure-Rust `image-webp` encoder is lossless only, which makes
//!   a photo several times larger; lossless WebP (pure Rust) stays for PNG screenshots
//!   and diagrams, where it usually saves a quarter or more.
//! - JPEG photos kept as YCbCr planes from decoding to encoding ([`ycbcr`],
//!   [`picture`]): converting them to RGB, or even interleaving their planes, only
//!   for both encoders to undo it was wasted work.

mod clean;
pub mod cut;
mod libjpeg;
mod lossy;
pub mod make;
mod orient;
mod picture;
mod pool;
pub mod store;
mod ycbcr;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::content::CoverFocus;
use crate::diag::{Diagnostic, Msg};
use crate::escape::url_path;
use crate::site::Site;
use crate::source::SourceFile;
use make::{Format, Made, Settings};
use store::Store;

pub use make::WIDTHS;

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
    /// The URL to put in `src`: the largest resized copy, or the original (spaces and
    /// the like percent-encoded, see [`url_path`]).
    pub src: String,
    /// Pixel width of the published original (upright).
    pub width: u32,
    /// Pixel height of the published original.
    pub height: u32,
    /// `srcset` in the original's format (empty without resized copies).
    pub srcset: String,
    /// `srcset` of the WebP copies (empty when WebP would not be smaller).
    pub webp_srcset: String,
    /// Root-relative URL of the copy for share cards (`og:image`): the widest copy, or
    /// the original when it has none; encoded as `src`.
    pub share: String,
}

/// The images of a build as templates and the HTML rewrite see them.
#[derive(Debug, Default)]
pub struct Images {
    /// By root-relative URL of the original (`/events/x/poster.jpg`).
    pub by_url: HashMap<String, ImageInfo>,
    /// Output paths of the covers cut to fixed sizes ([`cut`]), among the made files:
    /// `news/a/wechat/cover-900x383.jpg`.
    pub cuts: HashSet<String>,
}

/// The files image processing made, for the plan of outputs to publish.
#[derive(Debug, Default)]
pub struct Files {
    /// Resized copies and cuts to write: (output path, bytes).
    pub made: Vec<(String, Vec<u8>)>,
    /// Originals published in place of the source file (cleaned, upright or
    /// downscaled), by output path.
    pub replaced: HashMap<String, Vec<u8>>,
}

/// What [`process`] made of the site's images: what templates read, the files to
/// publish, and how many images it processed.
#[derive(Debug, Default)]
pub struct Processed {
    /// What templates and the HTML rewrite read.
    pub images: Images,
    /// The files the plan publishes.
    pub files: Files,
    /// How many images were processed in this build, and how many taken from the cache.
    pub counts: Counts,
}

/// How many images a build processed and how many it took from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Decoded, cleaned or encoded in this build.
    pub made: usize,
    /// Taken whole from the cache.
    pub cached: usize,
    /// Images decoded to cut covers from ([`cut`]): each once for all of its cuts
    /// the cache lacked.
    pub covers_decoded: usize,
}

impl Images {
    /// Root-relative URL of the cut at output path `path` (see [`cut`]), if one was
    /// made.
    pub fn cut_url(&self, site: &Site, path: &str) -> Option<String> {
        self.cuts
            .contains(path)
            .then(|| url_path(&site.url(&format!("/{path}"))))
    }

    /// The image shown at `src` in a page whose URL is `page_url`, if it is one of ours.
    /// `src` may be percent-encoded, as Markdown writes names with Chinese characters
    /// or spaces.
    pub fn find(&self, src: &str, page_url: &str) -> Option<&ImageInfo> {
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
            return None;
        }
        let src = src.split(['?', '#']).next().unwrap_or(src);
        let src = crate::escape::percent_decode_lossy(src);
        if src.starts_with('/') {
            self.by_url.get(&src)
        } else {
            let joined = format!("{page_url}{}", src.trim_start_matches("./"));
            self.by_url.get(&joined)
        }
    }
}

/// One image to process: where it comes from, where it goes, how.
struct Job<'a> {
    file: &'a SourceFile,
    output: String,
    format: Format,
    settings: Settings,
}

/// What processing one image gave.
struct Done {
    key: String,
    made: Made,
    cached: bool,
    saved: Option<std::io::Error>,
}

/// Cleans every image the site publishes and makes the bundle images' copies, taking
/// what earlier builds made from the cache folder. Images that cannot be read or
/// cleaned are reported as warnings and published as they are.
pub fn process(site: &Site, statics: &[SourceFile]) -> (Processed, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let jobs = jobs(site, statics, &mut diags);
    let store = Store::new(&site.config.images.cache_dir);
    let mut tally = Tally::default();
    let (mut images, mut files) = (Images::default(), Files::default());
    let results: Vec<Result<Done, Diagnostic>> =
        jobs.par_iter().map(|job| run(job, &store)).collect();
    let mut readable = HashSet::new();
    for (n, (job, result)) in jobs.iter().zip(results).enumerate() {
        match result.map(|done| tally.take(done)) {
            Ok(made) => {
                readable.insert(n);
                add(&mut images, &mut files, site, job, made);
            }
            Err(d) => diags.push(d),
        }
    }
    let requests = cut_requests(site, &jobs, &readable);
    let groups = cut_groups(&requests);
    let cuts: Vec<(Vec<Result<Done, Diagnostic>>, bool)> = groups
        .par_iter()
        .map(|(n, wanted)| run_cuts(&jobs[*n], wanted, &store))
        .collect();
    let (cuts, decoded): (Vec<_>, Vec<bool>) = cuts.into_iter().unzip();
    tally.counts.covers_decoded = decoded.into_iter().filter(|d| *d).count();
    for ((_, outputs), result) in requests.iter().zip(cuts.into_iter().flatten()) {
        match result.map(|done| tally.take(done)) {
            Ok(made) => add_cut(&mut images, &mut files, outputs, made),
            Err(d) => diags.push(d),
        }
    }
    pool::release();
    let counts = tally.counts;
    diags.extend(tally.finish(&store));
    let processed = Processed {
        images,
        files,
        counts,
    };
    (processed, diags)
}

/// What the images of a build came to: how many were made and taken from the cache,
/// the cache entries used, and the first failure to save one.
#[derive(Default)]
struct Tally {
    counts: Counts,
    used: HashSet<String>,
    unsaved: Option<std::io::Error>,
}

impl Tally {
    /// Counts one processed image and gives what was made of it.
    fn take(&mut self, done: Done) -> Made {
        if done.cached {
            self.counts.cached += 1;
        } else {
            self.counts.made += 1;
        }
        self.unsaved = self.unsaved.take().or(done.saved);
        self.used.insert(done.key);
        done.made
    }

    /// Removes the cache entries no image used, unless one could not be saved: then
    /// the warning that says so.
    fn finish(self, store: &Store) -> Option<Diagnostic> {
        match self.unsaved {
            Some(e) => Some(unsaved_warning(store, &e)),
            None => {
                store.prune(&self.used);
                None
            }
        }
    }
}

/// Adds a cut to the files at each of its `outputs`.
fn add_cut(images: &mut Images, files: &mut Files, outputs: &[String], made: Made) {
    let Some(jpeg) = made.original else {
        return;
    };
    for output in outputs {
        files.made.push((output.clone(), jpeg.clone()));
        images.cuts.insert(output.clone());
    }
}

/// The image warnings a build can give without processing any image (formats kepu
/// cannot clean): what a build refused for content errors reports, as it makes no
/// copies and leaves the cache alone.
pub fn survey(site: &Site, statics: &[SourceFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    jobs(site, statics, &mut diags);
    diags
}

/// Every image to process: the files of `static/` (the site's winning over the
/// theme's, as in the output) and the bundles' images. Images of formats kepu cannot
/// clean are reported.
fn jobs<'a>(
    site: &'a Site,
    statics: &'a [SourceFile],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Job<'a>> {
    let config = &site.config.images;
    let settings = |copies, keep_original| Settings {
        keep_metadata: config.keep_metadata,
        keep_original: config.keep_original || keep_original,
        max_width: config.max_width,
        copies,
    };
    let mut by_path: BTreeMap<String, &SourceFile> = BTreeMap::new();
    for file in statics {
        by_path.insert(file.rel.to_string_lossy().replace('\\', "/"), file);
    }
    let statics = by_path
        .into_iter()
        .map(|(path, file)| (path, file, false, false));
    let assets = site
        .assets
        .iter()
        .map(|a| (a.output.clone(), &a.source, true, a.keep_original));
    let mut jobs = Vec::new();
    for (output, file, copies, keep) in statics.chain(assets) {
        match Format::of(&output) {
            Some(format) => jobs.push((output, file, format, settings(copies, keep))),
            None if !config.keep_metadata && cannot_clean(&output) => {
                diags.push(uncleanable_warning(file));
            }
            None => {}
        }
    }
    jobs.into_iter()
        .map(|(output, file, format, settings)| Job {
            file,
            output,
            format,
            settings,
        })
        .collect()
}

/// Image formats that can carry location or camera data kepu cannot take out.
fn cannot_clean(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("heic" | "heif" | "avif" | "tif" | "tiff" | "jxl" | "dng")
    )
}

fn uncleanable_warning(file: &SourceFile) -> Diagnostic {
    Diagnostic::warning(&file.display, 0, 0, Msg::ImageUncleanable)
        .with_help(Msg::CleanableFormatHelp)
}

fn unreadable_warning(file: &SourceFile, why: Msg) -> Diagnostic {
    let why = Box::new(why);
    Diagnostic::warning(&file.display, 0, 0, Msg::ImageUnreadable { why })
        .with_help(Msg::SaveImageAgainHelp)
}

fn unsaved_warning(store: &Store, e: &std::io::Error) -> Diagnostic {
    Diagnostic::warning(
        store.dir().display().to_string(),
        0,
        0,
        Msg::ImageCacheUnwritable {
            error: e.to_string(),
        },
    )
    .with_help(Msg::CacheFolderHelp)
}

/// Processes one image, or takes it from the cache.
fn run(job: &Job, store: &Store) -> Result<Done, Diagnostic> {
    let bytes = job
        .file
        .origin
        .read()
        .map_err(|e| unreadable_warning(job.file, Msg::foreign(e)))?;
    let key = Store::key(&bytes, &format!("{:?} {:?}", job.format, job.settings));
    if let Some(made) = store.load(&key) {
        return from_cache(key, made);
    }
    let made = make::make(&bytes, job.format, &job.settings)
        .map_err(|why| unreadable_warning(job.file, why))?;
    Ok(saved(store, key, made))
}

/// The cuts a build makes ([`cut`]), one per source image, size and focus, with the
/// output paths each one goes to: every page with a `cover` among the site's images
/// gets its square share image (`<page>/share-300x300.jpg`); every page with a WeChat
/// edition gets the 公众号 covers (`<page>/wechat/cover-900x383.jpg`,
/// `cover-500x500.jpg`) from its cover, else from the site's `og_image`; the site gets
/// a square share image of its `og_image` (`/og-image-300x300.jpg`) for the pages
/// without a cover. Only images that were read fine (`readable`, by job) are cut.
type CutRequests = BTreeMap<(usize, cut::Size, CoverFocus), Vec<String>>;

fn cut_requests(site: &Site, jobs: &[Job], readable: &HashSet<usize>) -> CutRequests {
    let by_url: HashMap<String, usize> = jobs
        .iter()
        .enumerate()
        .filter(|(n, j)| readable.contains(n) && j.format != Format::Svg)
        .map(|(n, j)| (site.url(&format!("/{}", j.output)), n))
        .collect();
    let mut requests = CutRequests::new();
    let fallback = site
        .config
        .og_image
        .as_deref()
        .filter(|o| !o.contains("://") && !o.starts_with("//"))
        .and_then(|o| by_url.get(&site.url(&format!("/{}", o.trim_start_matches('/')))))
        .copied();
    if let Some(n) = fallback {
        requests
            .entry((n, cut::SHARE, CoverFocus::Center))
            .or_default()
            .push(share_path_of_site());
    }
    for page in &site.pages {
        let own = page
            .doc
            .cover
            .as_deref()
            .and_then(|c| by_url.get(&super::urls::resolve_asset(site, page, c)))
            .copied();
        let focus = page.doc.cover_focus;
        if let Some(n) = own {
            requests
                .entry((n, cut::SHARE, focus))
                .or_default()
                .push(share_path(page));
        }
        if !super::wechat::paths::has_edition(site, page) {
            continue;
        }
        let Some((n, focus)) = own
            .map(|n| (n, focus))
            .or(fallback.map(|n| (n, CoverFocus::Center)))
        else {
            continue;
        };
        for size in [cut::WIDE, cut::SQUARE] {
            requests
                .entry((n, size, focus))
                .or_default()
                .push(super::wechat::paths::cover_path(page, size));
        }
    }
    requests
}

/// Output path of a page's square share image, cut from its cover.
pub fn share_path(page: &crate::site::Page) -> String {
    format!(
        "{}{}",
        page.path.trim_start_matches('/'),
        cut::SHARE.file_name("share")
    )
}

/// Output path of the site's square share image, cut from its `og_image`.
pub fn share_path_of_site() -> String {
    cut::SHARE.file_name("og-image")
}

/// The cut requests grouped by source image (in the order of `requests`), with the
/// size and focus of each of its cuts.
fn cut_groups(requests: &CutRequests) -> Vec<(usize, Vec<(cut::Size, CoverFocus)>)> {
    let mut groups: Vec<(usize, Vec<(cut::Size, CoverFocus)>)> = Vec::new();
    for &(n, size, focus) in requests.keys() {
        match groups.last_mut() {
            Some((last, wanted)) if *last == n => wanted.push((size, focus)),
            _ => groups.push((n, vec![(size, focus)])),
        }
    }
    groups
}

/// Cuts one image to each of the `wanted` sizes and focuses, in that order, taking
/// what it can from the cache: the image is decoded once for all the cuts the cache
/// lacks ([`cut::Upright`]), which are then made side by side. Says too whether it
/// decoded the image.
fn run_cuts(
    job: &Job,
    wanted: &[(cut::Size, CoverFocus)],
    store: &Store,
) -> (Vec<Result<Done, Diagnostic>>, bool) {
    let bytes = match job.file.origin.read() {
        Ok(bytes) => bytes,
        Err(e) => {
            let warning = unreadable_warning(job.file, Msg::foreign(e));
            return (wanted.iter().map(|_| Err(warning.clone())).collect(), false);
        }
    };
    let cached: Vec<(String, Option<Made>)> = wanted
        .iter()
        .map(|&(size, focus)| {
            let key = Store::key(&bytes, &cut::settings(size, focus));
            let made = store.load(&key);
            (key, made)
        })
        .collect();
    if cached.iter().all(|(_, made)| made.is_some()) {
        let cached = cached
            .into_iter()
            .filter_map(|(key, made)| Some(from_cache(key, made?)));
        return (cached.collect(), false);
    }
    let upright = match cut::Upright::decode(&bytes) {
        Ok(upright) => upright,
        Err(why) => return (lacking(job, cached, &why), false),
    };
    let done = cached
        .into_par_iter()
        .zip(wanted)
        .map(|((key, made), &(size, focus))| match made {
            Some(made) => from_cache(key, made),
            None => upright
                .cut(size, focus)
                .map(|made| saved(store, key, made))
                .map_err(|why| unreadable_warning(job.file, why)),
        })
        .collect();
    upright.give_back();
    (done, true)
}

/// What was made of an image, taken from the cache entry `key`.
fn from_cache(key: String, made: Made) -> Result<Done, Diagnostic> {
    Ok(Done {
        key,
        made,
        cached: true,
        saved: None,
    })
}

/// What was made of an image, saved in the cache under `key`.
fn saved(store: &Store, key: String, made: Made) -> Done {
    let saved = store.save(&key, &made).err();
    Done {
        key,
        made,
        cached: false,
        saved,
    }
}

/// The cuts of an image that could not be decoded: those in the cache as they are,
/// the others a warning that says `why`.
fn lacking(
    job: &Job,
    cached: Vec<(String, Option<Made>)>,
    why: &Msg,
) -> Vec<Result<Done, Diagnostic>> {
    cached
        .into_iter()
        .map(|(key, made)| match made {
            Some(made) => from_cache(key, made),
            None => Err(unreadable_warning(job.file, why.clone())),
        })
        .collect()
}

/// Adds what was made of one image to the build's images and files: its published
/// original, and for bundle images their copies and what templates and the HTML
/// rewrite need.
fn add(images: &mut Images, files: &mut Files, site: &Site, job: &Job, made: Made) {
    if let Some(original) = made.original {
        files.replaced.insert(job.output.clone(), original);
    }
    if !job.settings.copies || made.width == 0 {
        return;
    }
    let url = site.url(&format!("/{}", job.output));
    let (mut same, webp) = variants(site, &job.output, made.width, made.copies, files);
    let share = same.last().map_or_else(|| url.clone(), |v| v.url.clone());
    // The original completes the set when it is not much wider than the largest copy.
    if made.width <= WIDTHS[WIDTHS.len() - 1] || same.is_empty() {
        same.push(Variant {
            url: url.clone(),
            width: made.width,
        });
    }
    let info = ImageInfo {
        src: url_path(&same.last().map_or_else(|| url.clone(), |v| v.url.clone())),
        width: made.width,
        height: made.height,
        srcset: if same.len() > 1 {
            srcset(&same)
        } else {
            String::new()
        },
        webp_srcset: srcset(&webp),
        share: url_path(&share),
    };
    images.by_url.insert(url, info);
}

/// The copies of the image at `output` (`width` wide) as files, and as variants in
/// its own format and in WebP.
fn variants(
    site: &Site,
    output: &str,
    width: u32,
    copies: Vec<make::Copy>,
    files: &mut Files,
) -> (Vec<Variant>, Vec<Variant>) {
    let (stem, ext) = output.rsplit_once('.').unwrap_or((output, ""));
    let (mut same, mut webp) = (Vec::new(), Vec::new());
    for copy in copies {
        let path = match copy.webp {
            // The WebP of the original itself (a PNG in the set).
            true if copy.width == width => format!("{stem}.webp"),
            true => format!("{stem}.{}w.webp", copy.width),
            false => format!("{stem}.{}w.{ext}", copy.width),
        };
        let variant = Variant {
            url: site.url(&format!("/{path}")),
            width: copy.width,
        };
        match copy.webp {
            true => webp.push(variant),
            false => same.push(variant),
        }
        files.made.push((path, copy.bytes));
    }
    (same, webp)
}

/// `a.480w.jpg 480w, a.jpg 1200w`; spaces and commas in URLs are escaped, as `srcset`
/// splits on them.
fn srcset(variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} {}w", url_path(&v.url), v.width))
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
pub fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
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
                share: "/e/a.960w.png".into(),
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
