//! JPEG decoding and encoding of photos through libjpeg-turbo's codec (the `mozjpeg`
//! crate, which builds MozJPEG, a libjpeg-turbo fork, from source and links it in).
//!
//! Part of the image step ([`super::make`]): a JPEG photo stored as YCbCr is decoded
//! here to its planes as stored ([`decode_yuv`]), and every JPEG kepu writes is
//! encoded here, from planes as they are ([`encode_yuv`]) or from RGB ([`encode`]).
//! libjpeg-turbo's SIMD Huffman coder and DCT encode a photo in about a third of
//! `jpeg-encoder`'s time, and decode it in about three quarters of zune-jpeg's
//! (docs/performance.md, Photos). The encoder runs with libjpeg-turbo's own settings
//! (MozJPEG's `JCP_FASTEST` profile): baseline, standard Huffman tables, no trellis,
//! which is what the page loads fastest and what the time figures are for.
//!
//! libjpeg reports a fatal error by unwinding out of the C code; every call into it
//! goes through [`guarded`], which turns that into a [`Msg`].

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use mozjpeg::compress::CompressStarted;
use mozjpeg::{ColorSpace, CompInfo, CompInfoExt, Compress, Decompress, Marker};

use super::ycbcr::{Plane, Yuv};

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

/// The planes of the JPEG `bytes` as stored (full-range YCbCr, each plane at its own
/// sampling, padded to whole blocks), in buffers of this thread's
/// [`pool`](super::pool); `None` when the file is not a JPEG stored as YCbCr (or
/// libjpeg cannot read its header), and the caller decodes it to RGB instead.
pub fn decode_yuv(bytes: &[u8]) -> Result<Option<Yuv>, Msg> {
    let Ok(decompress) = guarded(|| Decompress::new_mem(bytes).map_err(Msg::foreign)) else {
        // Not a JPEG libjpeg reads: the `image` crate reads it, or says what is wrong.
        return Ok(None);
    };
    if decompress.color_space() != ColorSpace::JCS_YCbCr || decompress.components().len() != 3 {
        return Ok(None);
    }
    guarded(|| {
        let mut started = decompress.raw().map_err(Msg::foreign)?;
        let sizes = plane_sizes(started.components(), (started.width(), started.height()));
        // Room for every row libjpeg appends, so that no buffer grows on the way.
        let mut bufs: [Vec<u8>; 3] = std::array::from_fn(|i| {
            let room = sizes.get(i).map_or(0, |s| s.stride * s.rows);
            super::pool::take_room(room)
        });
        let [a, b, c] = &mut bufs;
        started.read_raw_data(&mut [a, b, c]);
        started.finish().map_err(Msg::foreign)?;
        let mut planes = bufs.into_iter().zip(sizes).map(|(buf, size)| {
            let rows = buf.len() / size.stride.max(1);
            match (u32::try_from(size.stride), u32::try_from(rows)) {
                (Ok(stride), Ok(rows)) => Plane::new(buf, (stride, rows), size.visible),
                _ => None,
            }
        });
        let mut next = || planes.next().flatten().ok_or(Msg::DecoderWrongSize);
        let (y, cb, cr) = (next()?, next()?, next()?);
        Ok(Some(Yuv { y, cb, cr }))
    })
}

/// How libjpeg stores one component's plane.
struct PlaneSize {
    /// Samples from one row to the next: whole blocks.
    stride: usize,
    /// Rows it appends in all: whole rows of blocks of the largest sampling.
    rows: usize,
    /// The plane's own width and height: its share of the picture, rounded up
    /// (`jdinput.c`).
    visible: (u32, u32),
}

/// How libjpeg stores each component of a `w` × `h` picture.
fn plane_sizes(components: &[CompInfo], (w, h): (usize, usize)) -> Vec<PlaneSize> {
    let most = |f: fn(&CompInfo) -> i32| components.iter().map(f).max().unwrap_or(1).max(1);
    let (max_h, max_v) = (most(|c| c.h_samp_factor), most(|c| c.v_samp_factor));
    let share = |n: usize, f: i32, max: i32| {
        let n = (n * f.max(1) as usize).div_ceil(max as usize);
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let block_rows = h.div_ceil(8 * max_v as usize);
    components
        .iter()
        .map(|c| PlaneSize {
            stride: c.row_stride(),
            rows: block_rows * 8 * c.v_samp_factor.max(1) as usize,
            visible: (
                share(w, c.h_samp_factor, max_h),
                share(h, c.v_samp_factor, max_v),
            ),
        })
        .collect()
}

/// The 8-bit RGB picture `pixels` (`width` × `height`) as a baseline 4:2:0 JPEG at
/// `quality`, with the ICC profile `icc` when there is one.
pub fn encode(
    pixels: &[u8],
    (width, height): (u32, u32),
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, Msg> {
    let (w, h) = (side(width)?, side(height)?);
    if pixels.len() != w * h * 3 {
        return Err(Msg::DecoderWrongSize);
    }
    guarded(|| {
        let compress = compressor(ColorSpace::JCS_RGB, (w, h), quality);
        let mut started = start(compress, icc)?;
        started.write_scanlines(pixels).map_err(Msg::foreign)?;
        started.finish().map_err(Msg::foreign)
    })
}

/// The picture `yuv` (4:2:0 planes without padding, as [`Yuv::resized`] makes them)
/// as a baseline JPEG at `quality`, with the ICC profile `icc` when there is one:
/// libjpeg takes the planes as they are, with no colour conversion or downsampling.
pub fn encode_yuv(yuv: &Yuv, quality: u8, icc: Option<&[u8]>) -> Result<Vec<u8>, Msg> {
    let (w, h) = (side(yuv.width())?, side(yuv.height())?);
    guarded(|| {
        let mut compress = compressor(ColorSpace::JCS_YCbCr, (w, h), quality);
        compress.set_raw_data_in(true);
        let mut started = start(compress, icc)?;
        // libjpeg reads whole blocks: each plane is copied into one as wide and high
        // as its blocks, its last column and row repeated into the padding, as
        // libjpeg pads a picture it is given by rows.
        let stored: Vec<_> = started
            .components()
            .iter()
            .map(|c| (c.row_stride(), c.col_stride()))
            .collect();
        let planes = [&yuv.y, &yuv.cb, &yuv.cr];
        let padded = planes
            .iter()
            .zip(stored)
            .map(|(plane, size)| padded(plane, size))
            .collect::<Result<Vec<_>, Msg>>()?;
        let rows: Vec<&[u8]> = padded.iter().map(|p| p.as_ref()).collect();
        let written = started.write_raw_data(&rows);
        for plane in padded {
            if let Cow::Owned(buf) = plane {
                super::pool::give(buf);
            }
        }
        if !written {
            return Err(Msg::DecoderWrongSize);
        }
        started.finish().map_err(Msg::foreign)
    })
}

/// A side of a picture as libjpeg takes it, or kepu's message before libjpeg says it
/// in its own words.
fn side(n: u32) -> Result<usize, Msg> {
    match u16::try_from(n) {
        Ok(n) if n <= 65_500 => Ok(usize::from(n)),
        _ => Err(Msg::TooLargeForJpeg),
    }
}

/// A compressor of `space` input with kepu's settings: libjpeg-turbo's (MozJPEG's
/// `JCP_FASTEST` profile), `quality`, YCbCr 4:2:0.
fn compressor(space: ColorSpace, (w, h): (usize, usize), quality: u8) -> Compress {
    let mut compress = Compress::new(space);
    compress.set_fastest_defaults();
    compress.set_size(w, h);
    compress.set_quality(f32::from(quality));
    compress.set_color_space(ColorSpace::JCS_YCbCr);
    compress.set_chroma_sampling_pixel_sizes((2, 2), (2, 2));
    compress
}

/// `compress` started into memory, with the ICC profile `icc` when there is one.
fn start(compress: Compress, icc: Option<&[u8]>) -> Result<CompressStarted<Vec<u8>>, Msg> {
    let mut started = compress.start_compress(Vec::new()).map_err(Msg::foreign)?;
    if let Some(icc) = icc {
        write_icc(&mut started, icc);
    }
    Ok(started)
}

/// `plane` as `stride` × `rows` samples: itself when it is that size (a side made of
/// whole blocks), else copied into a buffer of this thread's pool, its last sample
/// of each row and its last row repeated into the padding.
fn padded(plane: &Plane, (stride, rows): (usize, usize)) -> Result<Cow<'_, [u8]>, Msg> {
    let (w, h) = (plane.width as usize, plane.height as usize);
    let samples = plane.samples();
    let from = plane.stored().0 as usize;
    if w > stride || h > rows || samples.len() < from * h {
        return Err(Msg::DecoderWrongSize);
    }
    if (from, w, h) == (stride, stride, rows) && samples.len() == stride * rows {
        return Ok(Cow::Borrowed(samples));
    }
    let mut out = super::pool::take(stride * rows);
    for (y, row) in out.chunks_exact_mut(stride).enumerate() {
        let src = &samples[y.min(h - 1) * from..][..w];
        row[..w].copy_from_slice(src);
        row[w..].fill(src[w - 1]);
    }
    Ok(Cow::Owned(out))
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

    /// A plane of `w` × `h` samples from `f(x, y)`, unpadded.
    fn plane(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Plane {
        let samples = (0..w * h).map(|n| f(n % w, n / w)).collect();
        Plane::new(samples, (w, h), (w, h)).unwrap()
    }

    /// A smooth 4:2:0 picture of odd sides, which JPEG keeps close.
    fn gradient(w: u32, h: u32) -> Yuv {
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        Yuv {
            y: plane(w, h, |x, y| (60 + x * 100 / w + y * 40 / h) as u8),
            cb: plane(cw, ch, |_, y| (100 + y * 50 / ch) as u8),
            cr: plane(cw, ch, |x, _| (90 + x * 60 / cw) as u8),
        }
    }

    /// The worst difference between the visible samples of two planes.
    fn worst(a: &Plane, b: &Plane) -> u8 {
        assert_eq!((a.width, a.height), (b.width, b.height));
        let rows = |p: &Plane| {
            let stride = p.stored().0 as usize;
            let w = p.width as usize;
            p.samples()
                .chunks_exact(stride)
                .take(p.height as usize)
                .flat_map(move |row| row[..w].to_vec())
                .collect::<Vec<u8>>()
        };
        let (a, b) = (rows(a), rows(b));
        a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).max().unwrap()
    }

    #[test]
    fn planes_go_through_encoding_and_decoding_as_they_are() {
        for (w, h) in [(67, 45), (16, 16), (1, 1), (33, 17)] {
            let yuv = gradient(w, h);
            let jpeg = encode_yuv(&yuv, 95, None).unwrap();
            let back = decode_yuv(&jpeg).unwrap().unwrap();
            assert_eq!((back.width(), back.height()), (w, h));
            for (a, b) in [(&yuv.y, &back.y), (&yuv.cb, &back.cb), (&yuv.cr, &back.cr)] {
                let by = worst(a, b);
                // A wrong stride, padding or plane order is off by tens.
                assert!(
                    by <= 4,
                    "{w} × {h}: {by} in the {}×{} plane",
                    a.width,
                    a.height
                );
            }
            yuv.give_back();
            back.give_back();
        }
    }

    #[test]
    fn rgb_is_encoded_with_its_colours_and_icc_profile() {
        let (w, h) = (40, 30);
        let red: Vec<u8> = (0..w * h).flat_map(|_| [230, 20, 20]).collect();
        // Two markers' worth, as a camera's large profile would need.
        let icc: Vec<u8> = (0..70_000).map(|n| (n % 251) as u8).collect();
        let jpeg = encode(&red, (w, h), 90, Some(&icc)).unwrap();
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
        let yuv = gradient(64, 64);
        let jpeg = encode_yuv(&yuv, 90, None).unwrap();
        yuv.give_back();
        // Cut in its header: not read here, the `image` crate gives its own error.
        assert!(decode_yuv(&jpeg[..40]).unwrap().is_none());
        assert!(decode_yuv(b"not a jpeg").unwrap().is_none());
        // Cut in its scan: libjpeg fills the rest, as a lenient decoder does.
        let back = decode_yuv(&jpeg[..jpeg.len() - 200]).unwrap().unwrap();
        assert_eq!((back.width(), back.height()), (64, 64));
        back.give_back();
        let wrong = encode(&[0; 10], (64, 64), 90, None);
        assert!(matches!(wrong, Err(Msg::DecoderWrongSize)));
        assert!(matches!(
            encode(&[], (70_000, 1), 90, None),
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
