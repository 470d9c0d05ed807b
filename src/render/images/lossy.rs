//! Lossy WebP copies of photos, through libwebp (the `libwebp-sys` crate, which builds
//! it from source; the `webp` crate over it for RGB pictures).
//!
//! Part of the image step ([`super::make`]): every smaller copy of a JPEG also gets a
//! WebP twin, which pages offer first in a `<picture>`; at the same look it is about a
//! third smaller. libwebp's simple encoder writes a bare `VP8 ` file; when the photo
//! has a colour profile it is wrapped here in an extended (`VP8X`) file with an `ICCP`
//! chunk, so colours look as in the JPEG. Nothing else goes in: no EXIF, no XMP.
//!
//! A JPEG photo comes as YUV 4:2:0 planes ([`encode_planes`], see [`super::ycbcr`]),
//! which libwebp encodes as they are; the `webp` crate takes RGB only, so this one
//! calls libwebp through `libwebp-sys`. A picture without planes comes as RGB
//! ([`encode`]), which libwebp converts itself.

use image::RgbImage;
use libwebp_sys as sys;

use super::ycbcr::Planes;

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
pub const ENCODER: &str = "libwebp-sys 0.9.6 q75 m2 s1; yuv420 planes from YCbCr";

/// `image` as a lossy WebP, with the ICC profile `icc` when there is one.
pub fn encode(image: &RgbImage, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
    let (w, h) = image.dimensions();
    let memory = webp::Encoder::from_rgb(image.as_raw(), w, h)
        .encode_advanced(&config()?)
        .map_err(|e| Msg::WebpEncodingFailed {
            error: format!("{e:?}"),
        })?;
    finish(memory.to_vec(), icc, w, h)
}

/// libwebp's settings for every copy: [`QUALITY`], [`METHOD`], [`SEGMENTS`].
fn config() -> Result<sys::WebPConfig, Msg> {
    let mut config = sys::WebPConfig::new().map_err(|()| Msg::LibwebpUnusable)?;
    config.quality = QUALITY;
    config.method = METHOD;
    config.segments = SEGMENTS;
    Ok(config)
}

/// The simple file `simple` of a `w` × `h` picture, with the ICC profile `icc` when
/// there is one.
fn finish(simple: Vec<u8>, icc: Option<&[u8]>, w: u32, h: u32) -> Result<Vec<u8>, Msg> {
    match icc {
        Some(icc) if !icc.is_empty() => with_icc(&simple, icc, w, h),
        _ => Ok(simple),
    }
}

/// `planes` (limited-range YUV 4:2:0) as a lossy WebP, with the ICC profile `icc`
/// when there is one: the same settings as [`encode`], without libwebp's conversion
/// from RGB.
pub fn encode_planes(planes: &mut Planes, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
    let failed = |error: sys::WebPEncodingError| Msg::WebpEncodingFailed {
        error: format!("{error:?}"),
    };
    let config = config()?;
    let mut picture = sys::WebPPicture::new().map_err(|()| Msg::LibwebpUnusable)?;
    let side = |n: u32| i32::try_from(n).map_err(|_| Msg::TooLarge);
    let (w, h, cw) = (planes.width, planes.height, planes.chroma_width());
    let chroma_len = cw as usize * h.div_ceil(2) as usize;
    if planes.y.len() != w as usize * h as usize
        || planes.u.len() != chroma_len
        || planes.v.len() != chroma_len
    {
        return Err(Msg::DecoderWrongSize);
    }
    picture.use_argb = 0;
    picture.colorspace = sys::WebPEncCSP::WEBP_YUV420;
    (picture.width, picture.height) = (side(w)?, side(h)?);
    (picture.y_stride, picture.uv_stride) = (side(w)?, side(cw)?);
    picture.y = planes.y.as_mut_ptr();
    picture.u = planes.u.as_mut_ptr();
    picture.v = planes.v.as_mut_ptr();
    let simple = run_encoder(&config, &mut picture).map_err(failed)?;
    finish(simple, icc, w, h)
}

/// Runs libwebp's encoder on `picture` into memory and gives the simple file.
///
/// `picture` points into buffers the caller holds (checked against its sizes) for as
/// long as this runs; the memory writer is libwebp's own, and everything it
/// allocated is freed here after its bytes are copied.
fn run_encoder(
    config: &sys::WebPConfig,
    picture: &mut sys::WebPPicture,
) -> Result<Vec<u8>, sys::WebPEncodingError> {
    // SAFETY: `config` and `picture` were initialised by libwebp's own init functions;
    // the planes `picture` points to are alive and as large as its sizes say (see
    // the caller); `writer` outlives the call that writes into it, and its memory is
    // read only up to the `size` libwebp reports, then freed once.
    unsafe {
        if sys::WebPValidateConfig(config) == 0 {
            return Err(sys::WebPEncodingError::VP8_ENC_ERROR_INVALID_CONFIGURATION);
        }
        let mut writer = std::mem::MaybeUninit::<sys::WebPMemoryWriter>::uninit();
        sys::WebPMemoryWriterInit(writer.as_mut_ptr());
        let mut writer = writer.assume_init();
        picture.writer = Some(sys::WebPMemoryWrite);
        picture.custom_ptr = (&raw mut writer).cast();
        let ok = sys::WebPEncode(config, picture) != 0;
        let error = picture.error_code;
        let bytes = match writer.mem.is_null() {
            true => Vec::new(),
            false => std::slice::from_raw_parts(writer.mem, writer.size).to_vec(),
        };
        sys::WebPMemoryWriterClear(&mut writer);
        // Frees only what libwebp allocated in `picture` (nothing for outside planes).
        sys::WebPPictureFree(picture);
        match ok {
            true => Ok(bytes),
            false => Err(error),
        }
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
