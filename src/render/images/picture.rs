//! A decoded picture on its way to the published files: a JPEG photo's YCbCr planes
//! ([`super::ycbcr`]), or RGB for every other image.
//!
//! Part of the image step ([`super::make`]), which resizes, turns and encodes a
//! picture the same way whichever form it has; each form is resampled, turned and
//! encoded by the code made for it here.

use std::borrow::Cow;

use image::DynamicImage;
use image::metadata::Orientation;

use super::make::Format;
use super::ycbcr::Yuv;
use crate::diag::Msg;

/// A decoded picture.
pub enum Picture {
    /// RGB (or gray, or with alpha): PNGs and JPEGs not stored as YCbCr.
    Rgb(DynamicImage),
    /// A JPEG photo's planes.
    Yuv(Yuv),
}

impl Picture {
    /// Width in pixels.
    pub fn width(&self) -> u32 {
        match self {
            Picture::Rgb(image) => image.width(),
            Picture::Yuv(yuv) => yuv.width(),
        }
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        match self {
            Picture::Rgb(image) => image.height(),
            Picture::Yuv(yuv) => yuv.height(),
        }
    }

    /// The picture resampled to `w` × `h`.
    pub fn resized(&self, w: u32, h: u32) -> Result<Picture, Msg> {
        match self {
            Picture::Rgb(image) => super::make::resize_to(image, w, h).map(Picture::Rgb),
            Picture::Yuv(yuv) => yuv.resized(w, h).map(Picture::Yuv),
        }
    }

    /// The picture turned upright by `orientation`.
    pub fn upright(self, orientation: Orientation) -> Picture {
        match self {
            Picture::Rgb(image) => Picture::Rgb(super::orient::upright(image, orientation)),
            Picture::Yuv(yuv) => Picture::Yuv(yuv.upright(orientation)),
        }
    }

    /// The picture in the source's `format` (a JPEG at `quality`), with the ICC
    /// profile `icc` when there is one.
    pub fn encoded(&self, format: Format, quality: u8, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
        match self {
            Picture::Rgb(image) => super::make::encode(image, format, quality, icc),
            Picture::Yuv(yuv) => super::libjpeg::encode_yuv(yuv, quality, icc),
        }
    }

    /// The picture as a WebP: lossless for a PNG, lossy for a photo.
    pub fn webp(&self, format: Format, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
        match (self, format) {
            (Picture::Rgb(image), Format::Png) => lossless(image),
            (Picture::Rgb(image), _) => super::lossy::encode(&rgb8(image), icc),
            (Picture::Yuv(yuv), _) => {
                let mut planes = yuv.webp_planes()?;
                let webp = super::lossy::encode_planes(&mut planes, icc);
                planes.give_back();
                webp
            }
        }
    }

    /// Gives the picture's buffers back to this thread's [`pool`](super::pool).
    pub fn give_back(self) {
        match self {
            Picture::Rgb(image) => super::make::give_back(image),
            Picture::Yuv(yuv) => yuv.give_back(),
        }
    }
}

/// `image` as 8-bit RGB, borrowed when it is that already (a decoded JPEG always is):
/// a copy of a 2560 px picture is 15–26 MB to allocate and fill.
pub fn rgb8(image: &DynamicImage) -> Cow<'_, image::RgbImage> {
    match image.as_rgb8() {
        Some(rgb) => Cow::Borrowed(rgb),
        None => Cow::Owned(image.to_rgb8()),
    }
}

/// `image` as a lossless WebP (8-bit RGB, or RGBA when it has alpha).
fn lossless(image: &DynamicImage) -> Result<Vec<u8>, Msg> {
    let mut out = Vec::new();
    let image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    image
        .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        .map_err(Msg::foreign)?;
    Ok(out)
}
