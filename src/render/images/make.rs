//! What the image step makes of one source image: its published size, the cleaned
//! (and, past `max_width`, downscaled) original, and smaller copies for phones.
//!
//! Part of the image step ([`super::process`]); a pure function of the source's bytes
//! and [`Settings`], which is what lets [`super::store`] keep its result by their hash.
//! The file's own metadata goes ([`super::clean`]); when the pixels must change
//! anyway (a photo taken sideways, or wider than `max_width`) the picture is decoded,
//! turned upright, resized and encoded again with its ICC profile.

use std::io::Cursor;

use fast_image_resize::{FilterType, IntoImageView, ResizeAlg, ResizeOptions};
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

use super::clean;
use super::picture::{Picture, rgb8};
use crate::diag::Msg;

/// Widths of the resized copies, in pixels: a phone at 2× and 3×, and a wide column.
pub const WIDTHS: [u32; 3] = [480, 960, 1440];

/// JPEG quality of the resized copies.
const JPEG_QUALITY: u8 = 80;

/// JPEG quality of an original encoded again (turned upright or downscaled): it is
/// what a visitor opens to see the photo at its best.
const ORIGINAL_QUALITY: u8 = 86;

/// The kind of image a file name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.jpg`, `.jpeg`.
    Jpeg,
    /// `.png`.
    Png,
    /// `.webp`: cleaned, not resized.
    Webp,
    /// `.svg`: measured only.
    Svg,
}

impl Format {
    /// The format a file name's extension says, if it is one of ours.
    pub fn of(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// What changes what is made of an image; its `Debug` text is part of the cache key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Publish originals with their metadata (`[images] keep_metadata`).
    pub keep_metadata: bool,
    /// Publish originals at their full size (`keep_original`).
    pub keep_original: bool,
    /// Originals wider than this are published downscaled (`[images] max_width`).
    pub max_width: u32,
    /// Make the smaller copies (bundle images; not files of `static/`).
    pub copies: bool,
}

/// One smaller copy.
#[derive(Debug, Clone)]
pub struct Copy {
    /// Its width in pixels.
    pub width: u32,
    /// WebP, else the source's format.
    pub webp: bool,
    /// The encoded file.
    pub bytes: Vec<u8>,
}

/// What is made of one image.
#[derive(Debug, Clone)]
pub struct Made {
    /// Width of the published original, upright.
    pub width: u32,
    /// Height of the published original, upright.
    pub height: u32,
    /// The published original's bytes; `None` publishes the source as it is.
    pub original: Option<Vec<u8>>,
    /// Smaller copies, narrowest first: the source's format, then WebP (only when the
    /// WebP copies are smaller in total).
    pub copies: Vec<Copy>,
}

/// Makes what is published of an image.
pub fn make(bytes: &[u8], format: Format, settings: &Settings) -> Result<Made, Msg> {
    match format {
        Format::Svg => {
            let text = String::from_utf8_lossy(bytes);
            let (width, height) = super::svg_size(&text).unwrap_or((0, 0));
            Ok(Made {
                width,
                height,
                original: None,
                copies: Vec::new(),
            })
        }
        Format::Webp => webp(bytes, settings),
        Format::Jpeg | Format::Png => raster(bytes, format, settings),
    }
}

/// A WebP: measured and cleaned, never resized (it is already made for the web).
fn webp(bytes: &[u8], settings: &Settings) -> Result<Made, Msg> {
    let mut decoder = decoder(bytes)?;
    let orientation = decoder.orientation().map_err(Msg::foreign)?;
    if orientation != Orientation::NoTransforms && !settings.keep_metadata {
        return Err(Msg::WebpTurned);
    }
    let (width, height) = decoder.dimensions();
    let original = if settings.keep_metadata {
        None
    } else {
        clean::webp(bytes)?
    };
    Ok(Made {
        width,
        height,
        original,
        copies: Vec::new(),
    })
}

pub(super) fn decoder(bytes: &[u8]) -> Result<Box<dyn ImageDecoder + '_>, Msg> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(Msg::foreign)?;
    let decoder = reader.into_decoder().map_err(Msg::foreign)?;
    Ok(Box::new(decoder))
}

/// A JPEG or PNG: cleaned, turned upright, downscaled and copied as needed.
fn raster(bytes: &[u8], format: Format, settings: &Settings) -> Result<Made, Msg> {
    let mut decoder = decoder(bytes)?;
    let orientation = decoder.orientation().map_err(Msg::foreign)?;
    let icc = decoder.icc_profile().ok().flatten();
    let (w, h) = decoder.dimensions();
    let sideways = turns_sideways(orientation);
    let (width, height) = if sideways { (h, w) } else { (w, h) };
    let downscale = !settings.keep_original && width > settings.max_width;
    let turn = orientation != Orientation::NoTransforms && !settings.keep_metadata;
    let copies = settings.copies && width > WIDTHS[0];
    if !(downscale || turn || copies) {
        return Ok(Made {
            width,
            height,
            original: cleaned(bytes, format, settings)?,
            copies: Vec::new(),
        });
    }
    let max_width = downscale.then_some(settings.max_width);
    let picture = decode_upright(bytes, format, decoder, orientation, max_width)?;
    let icc = icc.as_deref();
    let original = match downscale || turn {
        true => Some(picture.encoded(format, ORIGINAL_QUALITY, icc)?),
        false => cleaned(bytes, format, settings)?,
    };
    let published = original.as_ref().map_or(bytes.len(), Vec::len);
    let copies = settings
        .copies
        .then(|| smaller_copies(&picture, format, published, icc));
    let (width, height) = (picture.width(), picture.height());
    picture.give_back();
    Ok(Made {
        width,
        height,
        original,
        copies: copies.transpose()?.unwrap_or_default(),
    })
}

/// The picture decoded, downscaled to `max_width` (upright) when one is given, and
/// turned upright. A JPEG photo's planes are always resampled, to 4:2:0 at their
/// size when there is no downscaling, which is what they are encoded from.
fn decode_upright(
    bytes: &[u8],
    format: Format,
    decoder: Box<dyn ImageDecoder + '_>,
    orientation: Orientation,
    max_width: Option<u32>,
) -> Result<Picture, Msg> {
    let picture = decode_photo(bytes, format, decoder)?;
    let sideways = turns_sideways(orientation);
    let (w, h) = (picture.width(), picture.height());
    let (width, height) = if sideways { (h, w) } else { (w, h) };
    let (to_w, to_h) = max_width.map_or((width, height), |m| scaled(width, height, m));
    // Resampled as stored, then turned: turning the smaller picture is cheaper.
    let (to_w, to_h) = if sideways { (to_h, to_w) } else { (to_w, to_h) };
    let picture = match (&picture, max_width) {
        (Picture::Rgb(_), None) => picture,
        _ => {
            let smaller = picture.resized(to_w, to_h)?;
            picture.give_back();
            smaller
        }
    };
    Ok(picture.upright(orientation))
}

/// The decoded picture: a JPEG stored as YCbCr as its planes ([`super::ycbcr`]), in
/// buffers of this thread's pool; anything else decoded by the `image` crate
/// ([`decode`]).
fn decode_photo(
    bytes: &[u8],
    format: Format,
    decoder: Box<dyn ImageDecoder + '_>,
) -> Result<Picture, Msg> {
    if format == Format::Jpeg
        && let Some(yuv) = super::libjpeg::decode_yuv(bytes)?
    {
        return Ok(Picture::Yuv(yuv));
    }
    Ok(Picture::Rgb(decode(decoder)?))
}

/// The source without its metadata, `None` to publish it as it is.
fn cleaned(bytes: &[u8], format: Format, settings: &Settings) -> Result<Option<Vec<u8>>, Msg> {
    match settings.keep_metadata {
        true => Ok(None),
        false => strip(bytes, format),
    }
}

/// The decoded picture, 8-bit RGB (what JPEG photos decode to) into a buffer of this
/// thread's [`pool`](super::pool), whose old content the decoder overwrites.
pub(super) fn decode(decoder: Box<dyn ImageDecoder + '_>) -> Result<DynamicImage, Msg> {
    if decoder.color_type() != image::ColorType::Rgb8 {
        return DynamicImage::from_decoder(decoder).map_err(Msg::foreign);
    }
    let (w, h) = decoder.dimensions();
    let len = usize::try_from(decoder.total_bytes()).map_err(|_| Msg::PictureTooLarge)?;
    let mut buf = super::pool::take(len);
    if let Err(e) = decoder.read_image_boxed(&mut buf) {
        super::pool::give(buf);
        return Err(Msg::foreign(e));
    }
    let rgb = image::RgbImage::from_raw(w, h, buf).ok_or(Msg::DecoderWrongSize)?;
    Ok(DynamicImage::ImageRgb8(rgb))
}

/// Gives the buffer of an 8-bit picture (RGB, RGBA, or a plane) back to this thread's
/// [`pool`](super::pool).
pub(super) fn give_back(image: DynamicImage) {
    // Their buffers are bytes already: `into_bytes` hands them over uncopied.
    if let DynamicImage::ImageRgb8(_) | DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgba8(_) =
        image
    {
        super::pool::give(image.into_bytes());
    }
}

fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn strip(bytes: &[u8], format: Format) -> Result<Option<Vec<u8>>, Msg> {
    match format {
        Format::Png => clean::png(bytes),
        _ => clean::jpeg(bytes),
    }
}

/// The size of a `w`×`h` picture made `width` wide, keeping its proportions.
fn scaled(w: u32, h: u32, width: u32) -> (u32, u32) {
    let (w, h) = (u64::from(w), u64::from(h));
    (width, ((h * u64::from(width) + w / 2) / w).max(1) as u32)
}

/// `image` at `w`×`h`, resampled with Catmull-Rom by `fast_image_resize`: its
/// convolution widens with the shrink factor (no aliasing at any size) and runs on
/// SIMD; for a 12-megapixel photo it is about ten times faster than the `image`
/// crate's own filters, which took most of a build's time.
///
/// An RGB picture is resampled into a buffer of this thread's [`pool`](super::pool),
/// by its resampler.
pub(super) fn resize_to(image: &DynamicImage, w: u32, h: u32) -> Result<DynamicImage, Msg> {
    resize_with(image, w, h, ResizeOptions::new())
}

/// The region `(x, y, width, height)` of `image` at `w`×`h`, resampled as
/// [`resize_to`] does but without copying the region out first.
pub(super) fn resize_region(
    image: &DynamicImage,
    (x, y, width, height): (u32, u32, u32, u32),
    (w, h): (u32, u32),
) -> Result<DynamicImage, Msg> {
    let (x, y, width, height) = (
        f64::from(x),
        f64::from(y),
        f64::from(width),
        f64::from(height),
    );
    resize_with(image, w, h, ResizeOptions::new().crop(x, y, width, height))
}

/// `image` at `w`×`h` with `options` (a region to take, if any), by Catmull-Rom.
pub(super) fn resize_with(
    image: &DynamicImage,
    w: u32,
    h: u32,
    options: ResizeOptions,
) -> Result<DynamicImage, Msg> {
    resize_view(image, image, (w, h), options)
}

/// `view` (`image` or a part of it) at `w`×`h` with `options`, by Catmull-Rom, into a
/// picture of `image`'s kind.
pub(super) fn resize_view(
    view: &impl IntoImageView,
    image: &DynamicImage,
    (w, h): (u32, u32),
    options: ResizeOptions,
) -> Result<DynamicImage, Msg> {
    let len = w as usize * h as usize;
    let mut out = match image {
        DynamicImage::ImageRgb8(_) => {
            let buf = super::pool::take(len * 3);
            DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf).ok_or(Msg::TooLarge)?)
        }
        DynamicImage::ImageLuma8(_) => {
            let buf = super::pool::take(len);
            DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, buf).ok_or(Msg::TooLarge)?)
        }
        DynamicImage::ImageRgba8(_) => {
            let buf = super::pool::take(len * 4);
            DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, buf).ok_or(Msg::TooLarge)?)
        }
        _ => DynamicImage::new(w, h, image.color()),
    };
    let options = options.resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    super::pool::resize(view, &mut out, &options).map_err(Msg::foreign)?;
    Ok(out)
}

/// The copies narrower than `picture`, narrowest first, then WebP copies (lossy for a
/// JPEG, lossless for a PNG), kept when they are smaller in total than the copies in
/// the source's format and the original (`published` bytes) together.
fn smaller_copies(
    picture: &Picture,
    format: Format,
    published: usize,
    icc: Option<&[u8]>,
) -> Result<Vec<Copy>, Msg> {
    // Widest first, each copy made from the previous one: resampling a 12-megapixel
    // photo once instead of three times makes this step about twice as fast.
    let mut made: Vec<Picture> = Vec::new();
    for w in WIDTHS.into_iter().rev().filter(|w| *w < picture.width()) {
        let from = made.last().unwrap_or(picture);
        let (w, h) = scaled(from.width(), from.height(), w);
        made.push(from.resized(w, h)?);
    }
    made.reverse();
    let copies = encode_copies((picture, &made), format, published, icc);
    made.into_iter().for_each(Picture::give_back);
    copies
}

/// The copies `made` of `picture` encoded in its format, then as WebP (`picture`
/// itself too when it is no wider than the widest copy), the WebP ones kept when they
/// are smaller in total than the others and the original (`published` bytes)
/// together.
fn encode_copies(
    (picture, made): (&Picture, &[Picture]),
    format: Format,
    published: usize,
    icc: Option<&[u8]>,
) -> Result<Vec<Copy>, Msg> {
    let mut copies = Vec::new();
    for small in made {
        copies.push(Copy {
            width: small.width(),
            webp: false,
            bytes: small.encoded(format, JPEG_QUALITY, icc)?,
        });
    }
    let mut webp = Vec::new();
    let in_set = picture.width() <= WIDTHS[WIDTHS.len() - 1] || made.is_empty();
    for small in made.iter().chain(in_set.then_some(picture)) {
        webp.push(Copy {
            width: small.width(),
            webp: true,
            bytes: small.webp(format, icc)?,
        });
    }
    let same_total: usize =
        copies.iter().map(|c| c.bytes.len()).sum::<usize>() + if in_set { published } else { 0 };
    let webp_total: usize = webp.iter().map(|c| c.bytes.len()).sum();
    if webp_total < same_total {
        copies.extend(webp);
    }
    Ok(copies)
}

/// Encodes an RGB picture in the source's format, with its ICC profile.
pub(super) fn encode(
    image: &DynamicImage,
    format: Format,
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, Msg> {
    if format != Format::Png {
        let rgb = rgb8(image);
        return super::libjpeg::encode(rgb.as_raw(), rgb.dimensions(), quality, icc);
    }
    let mut out = Vec::new();
    let mut encoder = PngEncoder::new(&mut out);
    if let Some(icc) = icc {
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    image.write_with_encoder(encoder).map_err(Msg::foreign)?;
    Ok(out)
}
