//! JPEG photos kept in YCbCr from decoding to encoding.
//!
//! Part of the image step ([`super::make`]): a JPEG photo is stored as YCbCr, and so
//! are its JPEG copies and, as YUV 4:2:0, its WebP copies. Decoding it to RGB only to
//! have the JPEG encoder and libwebp turn it back was three colour conversions for
//! nothing, about a tenth of a photo's processing (docs/performance.md, Photos). The
//! photo is decoded with YCbCr output by [`super::libjpeg`]; the resampler and the
//! turn treat its three channels as they treat RGB, libjpeg encodes them as they are,
//! and [`planes`] makes what libwebp takes. A JPEG whose pixels are not stored as
//! YCbCr (grayscale, CMYK, Adobe RGB) takes the RGB path.

/// A picture as libwebp takes it: the luma plane at full size and the two chroma
/// planes at half size each way (rounded up), all in BT.601 limited range.
pub struct Planes {
    /// Luma, `width` × `height`.
    pub y: Vec<u8>,
    /// Blue-difference chroma, `(width + 1) / 2` × `(height + 1) / 2`.
    pub u: Vec<u8>,
    /// Red-difference chroma, the size of `u`.
    pub v: Vec<u8>,
    /// Width of the picture (and stride of `y`).
    pub width: u32,
    /// Height of the picture.
    pub height: u32,
}

impl Planes {
    /// Width of the chroma planes (and their stride).
    pub fn chroma_width(&self) -> u32 {
        self.width.div_ceil(2)
    }

    /// Gives the planes' buffers back to this thread's [`pool`](super::pool).
    pub fn give_back(self) {
        for buf in [self.y, self.u, self.v] {
            super::pool::give(buf);
        }
    }
}

/// Full-range luma (JPEG's) in limited range (libwebp's): 0–255 to 16–235, rounded.
const fn luma(y: u8) -> u8 {
    ((y as u32 * 219 + 16 * 255 + 127) / 255) as u8
}

/// The sum of four full-range chroma samples as their mean in limited range: 0–255
/// to 16–240 around 128, rounded. `C' = 128 + (sum / 4 − 128) × 224 / 255`, over the
/// common denominator 1020.
const fn chroma(sum: u32) -> u8 {
    ((sum * 224 + 128 * 1020 - 512 * 224 + 510) / 1020) as u8
}

/// [`luma`] of every byte: a look-up per pixel instead of a multiplication and a
/// division.
static LUMA: [u8; 256] = {
    let mut table = [0; 256];
    let mut n = 0;
    while n < 256 {
        table[n] = luma(n as u8);
        n += 1;
    }
    table
};

/// [`chroma`] of every sum of four samples, 0–1020.
static CHROMA: [u8; 1021] = {
    let mut table = [0; 1021];
    let mut n = 0;
    while n < 1021 {
        table[n] = chroma(n as u32);
        n += 1;
    }
    table
};

/// `ycbcr` (interleaved, full range, `width` × `height`) as libwebp's planes: luma
/// rescaled, each 2 × 2 block of chroma averaged (at the picture's right and bottom
/// edge an odd column or row counts twice), in buffers of this thread's pool.
pub fn planes(ycbcr: &[u8], width: u32, height: u32) -> Planes {
    let (w, h) = (width as usize, height as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let mut y = super::pool::take(w * h);
    for (out, pixel) in y.iter_mut().zip(ycbcr.chunks_exact(3)) {
        *out = LUMA[usize::from(pixel[0])];
    }
    let (mut u, mut v) = (super::pool::take(cw * ch), super::pool::take(cw * ch));
    let rows = ycbcr.chunks_exact(w * 3).take(h).collect::<Vec<_>>();
    let chroma_rows = u.chunks_exact_mut(cw).zip(v.chunks_exact_mut(cw));
    for (pair, (u_row, v_row)) in rows.chunks(2).zip(chroma_rows) {
        chroma_row([pair[0], pair[pair.len() - 1]], u_row, v_row);
    }
    Planes {
        y,
        u,
        v,
        width,
        height,
    }
}

/// One row of each chroma plane from two rows of pixels (the same row twice at an
/// odd bottom edge): each 2 × 2 block averaged, an odd last column counted twice.
fn chroma_row([top, bottom]: [&[u8]; 2], u_row: &mut [u8], v_row: &mut [u8]) {
    let sum = |a: &[u8], b: &[u8], c: usize| {
        usize::from(a[c]) + usize::from(a[3 + c]) + usize::from(b[c]) + usize::from(b[3 + c])
    };
    let blocks = top.chunks_exact(6).zip(bottom.chunks_exact(6));
    for ((a, b), (u, v)) in blocks.zip(u_row.iter_mut().zip(v_row.iter_mut())) {
        *u = CHROMA[sum(a, b, 1)];
        *v = CHROMA[sum(a, b, 2)];
    }
    let (a, b) = (
        top.chunks_exact(6).remainder(),
        bottom.chunks_exact(6).remainder(),
    );
    if let ([_, a_cb, a_cr], [_, b_cb, b_cr]) = (a, b) {
        let pair = |x: &u8, y: &u8| 2 * (usize::from(*x) + usize::from(*y));
        u_row[u_row.len() - 1] = CHROMA[pair(a_cb, b_cb)];
        v_row[v_row.len() - 1] = CHROMA[pair(a_cr, b_cr)];
    }
}

#[cfg(test)]
mod tests {
    use super::super::make::{Format, Made, Settings, make};
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    const COLOURS: [[u8; 3]; 4] = [[200, 120, 40], [30, 60, 200], [250, 250, 250], [12, 12, 12]];

    /// A JPEG (quality 95) of `picture`, as `kind` (`Rgb8` for YCbCr, `L8`), with
    /// the EXIF orientation `orientation`.
    fn jpeg(picture: &RgbImage, kind: image::ExtendedColorType, orientation: u16) -> Vec<u8> {
        let (w, h) = picture.dimensions();
        let pixels = match kind {
            image::ExtendedColorType::L8 => image::DynamicImage::ImageRgb8(picture.clone())
                .to_luma8()
                .into_raw(),
            _ => picture.as_raw().clone(),
        };
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .write_image(&pixels, w, h, kind)
            .unwrap();
        // EXIF (APP1) after SOI: one IFD with the orientation.
        let mut tiff = b"Exif\0\0II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00".to_vec();
        tiff.extend_from_slice(&[1, 0, 0, 0]);
        tiff.extend_from_slice(&u32::from(orientation).to_le_bytes());
        tiff.extend_from_slice(&[0; 4]);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend_from_slice(&((tiff.len() + 2) as u16).to_be_bytes());
        app1.extend_from_slice(&tiff);
        out.splice(2..2, app1);
        out
    }

    fn settings(max_width: u32) -> Settings {
        Settings {
            keep_metadata: false,
            keep_original: false,
            max_width,
            copies: true,
        }
    }

    /// The published original and every copy, decoded to RGB.
    fn decoded(made: &Made) -> Vec<RgbImage> {
        let original = made.original.as_deref().unwrap();
        std::iter::once(original)
            .chain(made.copies.iter().map(|c| c.bytes.as_slice()))
            .map(|b| image::load_from_memory(b).unwrap().to_rgb8())
            .collect()
    }

    fn near(a: &Rgb<u8>, b: &Rgb<u8>, by: u8) -> bool {
        a.0.iter().zip(b.0).all(|(x, y)| x.abs_diff(y) <= by)
    }

    #[test]
    fn a_flat_patch_keeps_its_colour_through_jpeg_and_webp() {
        for colour in COLOURS {
            // Odd sides: the 1440 px copy is 999 high, the original 1443 × 1001.
            let picture = RgbImage::from_pixel(1443, 1001, Rgb(colour));
            let source = jpeg(&picture, image::ExtendedColorType::Rgb8, 1);
            assert!(
                super::super::libjpeg::decode_ycbcr(&source)
                    .unwrap()
                    .is_some()
            );
            let was = image::load_from_memory(&source).unwrap().to_rgb8();
            let was = *was.get_pixel(700, 500);
            let made = make(&source, Format::Jpeg, &settings(2000)).unwrap();
            let kinds: Vec<_> = made.copies.iter().map(|c| (c.width, c.webp)).collect();
            let webp = [480, 960, 1440].map(|w| (w, true));
            assert_eq!(kinds, [webp.map(|(w, _)| (w, false)), webp].concat());
            for (n, pixels) in decoded(&made).iter().enumerate() {
                let (w, h) = pixels.dimensions();
                for (x, y) in [(w / 2, h / 2), (w - 1, h - 1), (0, 0)] {
                    let p = pixels.get_pixel(x, y);
                    assert!(near(p, &was, 3), "{colour:?} file {n}: {p:?} for {was:?}");
                }
            }
        }
    }

    #[test]
    fn webp_planes_of_odd_sides_decode_to_their_colour() {
        let (w, h) = (65, 49);
        let ycbcr: Vec<u8> = (0..w * h).flat_map(|_| [76, 85, 255]).collect();
        let mut planes = planes(&ycbcr, w, h);
        let webp = super::super::lossy::encode_planes(&mut planes, None).unwrap();
        planes.give_back();
        let back = image::load_from_memory(&webp).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (w, h));
        // JPEG's (full-range BT.601) YCbCr 76/85/255 is RGB 254/0/0: as libwebp
        // makes it of that RGB itself (saturated red loses some at q75 either way).
        let rgb = RgbImage::from_pixel(w, h, Rgb([254, 0, 0]));
        let webp = super::super::lossy::encode(&rgb, None).unwrap();
        let theirs = image::load_from_memory(&webp).unwrap().to_rgb8();
        for (x, y) in [(0, 0), (w / 2, h / 2), (w - 1, h - 1)] {
            let (p, q) = (back.get_pixel(x, y), theirs.get_pixel(x, y));
            assert!(near(p, q, 3), "{p:?} against {q:?}");
        }
    }

    #[test]
    fn a_grayscale_jpeg_takes_the_rgb_path() {
        let picture = RgbImage::from_fn(1000, 700, |x, _| Rgb([(x / 4) as u8; 3]));
        let source = jpeg(&picture, image::ExtendedColorType::L8, 1);
        assert!(
            super::super::libjpeg::decode_ycbcr(&source)
                .unwrap()
                .is_none()
        );
        let made = make(&source, Format::Jpeg, &settings(900)).unwrap();
        for pixels in decoded(&made) {
            let p = pixels.get_pixel(pixels.width() / 2, 10);
            assert!(
                near(p, &Rgb([p[0]; 3]), 1) && p[0].abs_diff(125) < 6,
                "{p:?}"
            );
        }
    }

    #[test]
    fn a_cmyk_jpeg_takes_the_rgb_path() {
        let (w, h) = (600u16, 400u16);
        // Adobe CMYK, as libjpeg writes it (APP14).
        let cmyk: Vec<u8> = (0..u32::from(w) * u32::from(h))
            .flat_map(|_| [0, 255, 255, 0])
            .collect();
        let mut compress = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_CMYK);
        compress.set_size(usize::from(w), usize::from(h));
        compress.set_quality(95.0);
        let mut started = compress.start_compress(Vec::new()).unwrap();
        started.write_scanlines(&cmyk).unwrap();
        let source = started.finish().unwrap();
        assert!(
            super::super::libjpeg::decode_ycbcr(&source)
                .unwrap()
                .is_none()
        );
        let made = make(&source, Format::Jpeg, &settings(500)).unwrap();
        assert_eq!((made.width, made.height), (500, 333));
        assert!(made.original.is_some());
    }

    #[test]
    fn a_photo_taken_sideways_is_turned_upright() {
        // Stored 900 × 600: red left, blue right; orientation 6 (turn clockwise).
        let picture = RgbImage::from_fn(900, 600, |x, _| match x < 450 {
            true => Rgb([220, 20, 20]),
            false => Rgb([20, 20, 220]),
        });
        let source = jpeg(&picture, image::ExtendedColorType::Rgb8, 6);
        let made = make(&source, Format::Jpeg, &settings(2000)).unwrap();
        assert_eq!((made.width, made.height), (600, 900));
        for pixels in decoded(&made) {
            let (w, h) = pixels.dimensions();
            assert!(h > w, "{w} × {h}");
            let (top, bottom) = (
                pixels.get_pixel(w / 2, h / 8),
                pixels.get_pixel(w / 2, h * 7 / 8),
            );
            assert!(near(top, &Rgb([220, 20, 20]), 6), "{top:?}");
            assert!(near(bottom, &Rgb([20, 20, 220]), 6), "{bottom:?}");
        }
    }

    #[test]
    fn full_range_goes_to_limited_range() {
        assert_eq!((luma(0), luma(128), luma(255)), (16, 126, 235));
        assert_eq!(
            (chroma(0), chroma(4 * 128), chroma(4 * 255)),
            (16, 128, 240)
        );
    }

    #[test]
    fn chroma_is_averaged_by_two_by_two_blocks_with_odd_edges_counted_twice() {
        // 3 × 3: Cb is 4·x + 100·y, Cr constant.
        let mut ycbcr = Vec::new();
        for y in 0..3u8 {
            for x in 0..3u8 {
                ycbcr.extend_from_slice(&[255, 4 * x + 100 * y, 128]);
            }
        }
        let planes = planes(&ycbcr, 3, 3);
        assert_eq!(planes.y, vec![235; 9]);
        assert_eq!(planes.chroma_width(), 2);
        let expect = |sum: u32| chroma(sum);
        // Blocks: (0,1)×(0,1); (2,2)×(0,1); (0,1)×(2,2); (2,2)×(2,2).
        let cb = vec![
            expect(4 + 100 + 104),
            expect(8 + 8 + 108 + 108),
            expect(2 * (200 + 204)),
            expect(4 * 208),
        ];
        assert_eq!(planes.u, cb);
        assert_eq!(planes.v, vec![128; 4]);
        planes.give_back();
    }
}
