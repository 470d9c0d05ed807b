//! Lossy WebP copies of photos, through libwebp (the `webp` crate, which builds it
//! from source).
//!
//! Part of the image step ([`super::make`]): every smaller copy of a JPEG also gets a
//! WebP twin, which pages offer first in a `<picture>`; at the same look it is about a
//! third smaller. libwebp's simple encoder writes a bare `VP8 ` file; when the photo
//! has a colour profile it is wrapped here in an extended (`VP8X`) file with an `ICCP`
//! chunk, so colours look as in the JPEG. Nothing else goes in: no EXIF, no XMP.

use image::RgbImage;

use crate::diag::Msg;

/// Quality of the WebP copies (libwebp's scale, 0–100). See docs/images.md for how it
/// was chosen.
pub const QUALITY: f32 = 75.0;

/// libwebp's effort (0 fastest … 6 smallest). 2 instead of its default 4: WebP
/// encoding was the largest part of a photo's processing time (docs/performance.md,
/// Photos, has the figures of both).
const METHOD: i32 = 2;

/// libwebp's segments (1–4, each with its own quantizer): 1 instead of its default
/// 4. With one segment libwebp skips its analysis pass over the picture (about a fifth
/// of the encoding time); at q75 the SSIM stays within 0.002 and the bytes within
/// +5 %/−16 % (docs/performance.md, Photos, has the figures).
const SEGMENTS: i32 = 1;

/// What the WebP bytes depend on besides the pixels: part of the cache key.
pub const ENCODER: &str = "libwebp-sys 0.9.6 q75 m2 s1";

/// `image` as a lossy WebP, with the ICC profile `icc` when there is one.
pub fn encode(image: &RgbImage, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
    let (w, h) = image.dimensions();
    let mut config = webp::WebPConfig::new().map_err(|()| Msg::LibwebpUnusable)?;
    config.quality = QUALITY;
    config.method = METHOD;
    config.segments = SEGMENTS;
    let memory = webp::Encoder::from_rgb(image.as_raw(), w, h)
        .encode_advanced(&config)
        .map_err(|e| Msg::WebpEncodingFailed {
            error: format!("{e:?}"),
        })?;
    let simple = memory.to_vec();
    match icc {
        Some(icc) if !icc.is_empty() => with_icc(&simple, icc, w, h),
        _ => Ok(simple),
    }
}

/// The simple (`RIFF…WEBPVP8 …`) file `simple` as an extended file with `icc`: a
/// `VP8X` chunk with the ICC flag and the canvas size, the `ICCP` chunk, then the
/// original `VP8 ` chunk (the WebP container specification's order).
fn with_icc(simple: &[u8], icc: &[u8], w: u32, h: u32) -> Result<Vec<u8>, Msg> {
    if simple.len() < 12 || &simple[..4] != b"RIFF" || &simple[8..12] != b"WEBP" {
        return Err(Msg::LibwebpNotWebp);
    }
    let image_chunks = &simple[12..];
    let mut body = Vec::with_capacity(simple.len() + icc.len() + 32);
    body.extend_from_slice(b"WEBP");
    let mut vp8x = [0u8; 10];
    vp8x[0] = 0x20; // ICC profile present.
    vp8x[4..7].copy_from_slice(&(w - 1).to_le_bytes()[..3]);
    vp8x[7..10].copy_from_slice(&(h - 1).to_le_bytes()[..3]);
    chunk(&mut body, b"VP8X", &vp8x);
    chunk(&mut body, b"ICCP", icc);
    body.extend_from_slice(image_chunks);
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Appends a RIFF chunk, padded to an even length.
fn chunk(out: &mut Vec<u8>, name: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageDecoder, Rgb};
    use std::io::Cursor;

    fn picture() -> RgbImage {
        RgbImage::from_fn(64, 48, |x, y| Rgb([(x * 4) as u8, (y * 5) as u8, 128]))
    }

    #[test]
    fn a_copy_is_a_lossy_webp_that_decodes_to_the_picture() {
        let bytes = encode(&picture(), None).unwrap();
        assert_eq!(&bytes[..4], b"RIFF");
        assert_eq!(&bytes[8..16], b"WEBPVP8 ");
        let back = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (64, 48));
        let p = back.get_pixel(40, 20);
        assert!(p[0].abs_diff(160) < 12 && p[1].abs_diff(100) < 12, "{p:?}");
    }

    #[test]
    fn the_colour_profile_is_carried_in_an_extended_file() {
        let icc = b"a colour profile of odd length";
        let bytes = encode(&picture(), Some(icc)).unwrap();
        assert_eq!(&bytes[12..16], b"VP8X");
        let riff = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(riff + 8, bytes.len());
        let mut decoder = image::codecs::webp::WebPDecoder::new(Cursor::new(&bytes)).unwrap();
        assert_eq!(decoder.icc_profile().unwrap().as_deref(), Some(&icc[..]));
        assert_eq!(decoder.dimensions(), (64, 48));
        image::load_from_memory(&bytes).unwrap();
    }
}
