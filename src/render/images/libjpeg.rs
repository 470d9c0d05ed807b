//! JPEG decoding and encoding of photos through libjpeg-turbo's codec (the `mozjpeg`
//! crate, which builds MozJPEG, a libjpeg-turbo fork, from source and links it in).
//!
//! Part of the image step ([`super::make`]): a JPEG photo stored as YCbCr is decoded
//! here to interleaved YCbCr ([`decode_ycbcr`]), and every JPEG kepu writes is
//! encoded here ([`encode`]), from YCbCr as it is or from RGB. libjpeg-turbo's SIMD
//! Huffman coder and DCT encode a photo in about a third of `jpeg-encoder`'s time, and
//! decode it in about three quarters of zune-jpeg's (docs/performance.md, Photos).
//! The encoder runs with libjpeg-turbo's own settings (MozJPEG's `JCP_FASTEST`
//! profile): baseline, standard Huffman tables, no trellis, which is what the page
//! loads fastest and what the time figures are for.
//!
//! libjpeg reports a fatal error by unwinding out of the C code; every call into it
//! goes through [`guarded`], which turns that into a [`Msg`].

use std::panic::{AssertUnwindSafe, catch_unwind};

use mozjpeg::compress::CompressStarted;
use mozjpeg::{ColorSpace, Compress, Decompress, Marker};

use crate::diag::Msg;

/// What the JPEG bytes depend on besides the pixels and the quality: part of the
/// cache key.
pub const ENCODER: &str = "mozjpeg 0.10 fastest 4:2:0";

/// The result of `work`, or libjpeg's fatal error as a message.
fn guarded<T>(work: impl FnOnce() -> Result<T, Msg>) -> Result<T, Msg> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let text = match (payload.downcast_ref::<String>(), payload.downcast_ref()) {
                (Some(text), _) => text.clone(),
                (None, Some(text)) => <&str>::to_string(text),
                (None, None) => "libjpeg fatal error".to_string(),
            };
            Err(Msg::foreign(text))
        }
    }
}

/// The pixels of the JPEG `bytes` as interleaved, full-range YCbCr (as stored in the
/// file, chroma upsampled), `width` × `height` × 3 bytes in a buffer of this thread's
/// [`pool`](super::pool); `None` when the file is not a JPEG stored as YCbCr (or
/// libjpeg cannot read its header), and the caller decodes it to RGB instead.
pub fn decode_ycbcr(bytes: &[u8]) -> Result<Option<(u32, u32, Vec<u8>)>, Msg> {
    let Ok(decompress) = guarded(|| Decompress::new_mem(bytes).map_err(Msg::foreign)) else {
        // Not a JPEG libjpeg reads: the `image` crate reads it, or says what is wrong.
        return Ok(None);
    };
    if decompress.color_space() != ColorSpace::JCS_YCbCr || decompress.components().len() != 3 {
        return Ok(None);
    }
    guarded(|| {
        let mut started = decompress
            .to_colorspace(ColorSpace::JCS_YCbCr)
            .map_err(Msg::foreign)?;
        let (w, h) = (started.width(), started.height());
        let side = |n: usize| u32::try_from(n).map_err(|_| Msg::PictureTooLarge);
        let (width, height) = (side(w)?, side(h)?);
        let len = w
            .checked_mul(h)
            .and_then(|n| n.checked_mul(3))
            .ok_or(Msg::PictureTooLarge)?;
        let mut buf = super::pool::take(len);
        let read = started.read_scanlines_into(&mut buf).map(|rows| rows.len());
        if read.as_ref().is_ok_and(|n| *n == len) {
            started.finish().map_err(Msg::foreign)?;
            return Ok(Some((width, height, buf)));
        }
        super::pool::give(buf);
        Err(read.map_or_else(Msg::foreign, |_| Msg::DecoderWrongSize))
    })
}

/// The picture `pixels` (`width` × `height`, three interleaved channels: YCbCr as a
/// JPEG stores it when `ycbcr`, else RGB) as a baseline 4:2:0 JPEG at `quality`, with
/// the ICC profile `icc` when there is one.
pub fn encode(
    pixels: &[u8],
    (width, height): (u32, u32),
    ycbcr: bool,
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, Msg> {
    // libjpeg's own limit, said in kepu's words before libjpeg says it in its own.
    let side = |n: u32| match u16::try_from(n) {
        Ok(n) if n <= 65_500 => Ok(usize::from(n)),
        _ => Err(Msg::TooLargeForJpeg),
    };
    let (w, h) = (side(width)?, side(height)?);
    if pixels.len() != w * h * 3 {
        return Err(Msg::DecoderWrongSize);
    }
    guarded(|| {
        let space = match ycbcr {
            true => ColorSpace::JCS_YCbCr,
            false => ColorSpace::JCS_RGB,
        };
        let mut compress = Compress::new(space);
        compress.set_fastest_defaults();
        compress.set_size(w, h);
        compress.set_quality(f32::from(quality));
        compress.set_color_space(ColorSpace::JCS_YCbCr);
        compress.set_chroma_sampling_pixel_sizes((2, 2), (2, 2));
        let out = Vec::with_capacity(w * h / 4);
        let mut started = compress.start_compress(out).map_err(Msg::foreign)?;
        if let Some(icc) = icc {
            write_icc(&mut started, icc);
        }
        started.write_scanlines(pixels).map_err(Msg::foreign)?;
        started.finish().map_err(Msg::foreign)
    })
}

/// Writes the ICC profile `icc` in APP2 markers, numbered from 1 as the ICC's own
/// specification (annex B.4) says. The `mozjpeg` crate's `write_icc_profile` numbers
/// them from 0, which decoders that check (zune-jpeg, so the `image` crate) ignore.
/// A profile too long for 255 markers (16 MB) is left out.
fn write_icc(started: &mut CompressStarted<Vec<u8>>, icc: &[u8]) {
    const PER_MARKER: usize = 65_533 - 14;
    let Ok(count) = u8::try_from(icc.len().div_ceil(PER_MARKER)) else {
        return;
    };
    for (n, chunk) in (1..=count).zip(icc.chunks(PER_MARKER)) {
        let mut data = Vec::with_capacity(14 + chunk.len());
        data.extend_from_slice(b"ICC_PROFILE\0");
        data.extend_from_slice(&[n, count]);
        data.extend_from_slice(chunk);
        started.write_marker(Marker::APP(2), &data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4:4:4-free picture: smooth enough that JPEG keeps it close.
    fn gradient(w: u32, h: u32) -> Vec<u8> {
        (0..w * h)
            .flat_map(|n| {
                let (x, y) = (n % w, n / w);
                [(x * 255 / w) as u8, (y * 255 / h) as u8, 128]
            })
            .collect()
    }

    #[test]
    fn ycbcr_goes_through_encoding_and_decoding_as_it_is() {
        let (w, h) = (67, 45);
        let pixels = gradient(w, h);
        let jpeg = encode(&pixels, (w, h), true, 95, None).unwrap();
        let (dw, dh, back) = decode_ycbcr(&jpeg).unwrap().unwrap();
        assert_eq!((dw, dh), (w, h));
        // Luma is kept at full size: close everywhere.
        let worst = pixels
            .chunks_exact(3)
            .zip(back.chunks_exact(3))
            .map(|(a, b)| a[0].abs_diff(b[0]))
            .max();
        assert!(worst.unwrap() <= 6, "{worst:?}");
        super::super::pool::give(back);
    }

    #[test]
    fn rgb_is_encoded_with_its_colours_and_icc_profile() {
        let (w, h) = (40, 30);
        let red: Vec<u8> = (0..w * h).flat_map(|_| [230, 20, 20]).collect();
        // Two markers' worth, as a camera's large profile would need.
        let icc: Vec<u8> = (0..70_000).map(|n| (n % 251) as u8).collect();
        let jpeg = encode(&red, (w, h), false, 90, Some(&icc)).unwrap();
        let mut decoder =
            image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(&jpeg)).unwrap();
        let profile = image::ImageDecoder::icc_profile(&mut decoder).unwrap();
        assert_eq!(profile, Some(icc));
        let back = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        let p = back.get_pixel(20, 15).0;
        assert!(p[0] > 215 && p[1] < 40 && p[2] < 40, "{p:?}");
    }

    #[test]
    fn a_broken_jpeg_is_read_or_refused_without_unwinding_out() {
        let pixels = gradient(64, 64);
        let jpeg = encode(&pixels, (64, 64), true, 90, None).unwrap();
        // Cut in its header: not read here, the `image` crate gives its own error.
        assert_eq!(decode_ycbcr(&jpeg[..40]).unwrap(), None);
        assert_eq!(decode_ycbcr(b"not a jpeg").unwrap(), None);
        // Cut in its scan: libjpeg fills the rest, as a lenient decoder does.
        let (w, h, back) = decode_ycbcr(&jpeg[..jpeg.len() - 200]).unwrap().unwrap();
        assert_eq!((w, h, back.len()), (64, 64, pixels.len()));
        super::super::pool::give(back);
        let wrong = encode(&[0; 10], (64, 64), true, 90, None);
        assert!(matches!(wrong, Err(Msg::DecoderWrongSize)));
        assert!(matches!(
            encode(&[], (70_000, 1), true, 90, None),
            Err(Msg::TooLargeForJpeg)
        ));
    }

    #[test]
    fn a_fatal_libjpeg_error_is_a_message() {
        let result: Result<(), Msg> = guarded(|| {
            std::panic::resume_unwind(Box::new(
                "libjpeg fatal error: Bogus marker length".to_string(),
            ))
        });
        let text = match result {
            Err(Msg::Foreign { text }) => text,
            other => panic!("{other:?}"),
        };
        assert_eq!(text, "libjpeg fatal error: Bogus marker length");
    }
}
