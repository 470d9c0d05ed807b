//! JPEG photos kept as YCbCr planes from decoding to encoding.
//!
//! Part of the image step ([`super::make`]): a JPEG photo is stored as three planes,
//! luma and two chroma, the chroma usually at a quarter of the luma's size; so are its
//! JPEG copies (4:2:0) and, in limited range, its WebP copies. Here the photo stays in
//! that form throughout ([`Yuv`]): libjpeg gives the planes as stored and takes them
//! back as they are ([`super::libjpeg`]), with no colour conversion and no
//! interleaving, which took an eighth of a photo's processing; the resampler makes
//! each copy's chroma at its 4:2:0 size straight away, so that every later step works
//! on half as many samples; the turn turns each plane; [`Yuv::webp_planes`] makes
//! what libwebp takes. A JPEG whose pixels are not stored as YCbCr (grayscale, CMYK,
//! Adobe RGB) takes the RGB path.

use fast_image_resize::ResizeOptions;
use fast_image_resize::images::CroppedImage;
use image::metadata::Orientation;
use image::{DynamicImage, GrayImage};

use crate::diag::Msg;

/// One plane of samples: an 8-bit gray picture of which the top left `width` ×
/// `height` are the plane (a decoded plane is stored padded to whole JPEG blocks).
pub struct Plane {
    /// The samples, in a buffer of this thread's [`pool`](super::pool).
    pub image: DynamicImage,
    /// Width of the plane, in samples.
    pub width: u32,
    /// Height of the plane, in samples.
    pub height: u32,
}

impl Plane {
    /// A plane whose buffer holds `stride` × `rows` samples, of which the top left
    /// `width` × `height` are the plane; `None` when the sizes do not agree.
    pub fn new(
        buf: Vec<u8>,
        (stride, rows): (u32, u32),
        (width, height): (u32, u32),
    ) -> Option<Plane> {
        if width > stride || height > rows || width == 0 || height == 0 {
            return None;
        }
        let image = GrayImage::from_raw(stride, rows, buf)?;
        Some(Plane {
            image: DynamicImage::ImageLuma8(image),
            width,
            height,
        })
    }

    /// A chroma plane resampled to `w` × `h`; one at least twice as large each way is
    /// first halved by averaging 2 × 2 samples ([`Plane::halved`]), as an encoder
    /// subsamples chroma: a 4:4:4 photo's chroma goes to a quarter of its samples
    /// before the resampler. Luma is resampled by [`Plane::resized`] alone.
    fn subsampled(&self, (w, h): (u32, u32)) -> Result<Plane, Msg> {
        if self.width < 2 * w || self.height < 2 * h {
            return self.resized((w, h));
        }
        let half = self.halved().ok_or(Msg::DecoderWrongSize)?;
        let resized = half.resized((w, h));
        half.give_back();
        resized
    }

    /// The plane resampled to `w` × `h` (a copy when it has that size already).
    fn resized(&self, (w, h): (u32, u32)) -> Result<Plane, Msg> {
        // The vertical pass alone (the width kept, so the resampler skips the other),
        // over the plane's samples only: the resampler reads no padding.
        let view = CroppedImage::new(&self.image, 0, 0, self.width, self.height)
            .map_err(|_| Msg::DecoderWrongSize)?;
        let options = ResizeOptions::new();
        let image = super::make::resize_view(&view, &self.image, (self.width, h), options)?;
        let tall = Plane {
            image,
            width: self.width,
            height: h,
        };
        if w == self.width {
            return Ok(tall);
        }
        let narrow = tall.narrowed(w);
        tall.give_back();
        narrow
    }

    /// The plane (unpadded) resampled to `w` samples wide, by the resampler's
    /// four-channel horizontal pass over four rows at once: its one-channel pass
    /// computes each sample's sum on its own and takes three to four times as long per
    /// sample (docs/performance.md, Photos). Rows are interleaved in fours into an
    /// RGBA picture (the last four padded with the last row), resampled across with
    /// alpha as a plain channel, and split again.
    fn narrowed(&self, w: u32) -> Result<Plane, Msg> {
        let (wide, rows) = (self.width as usize, self.height as usize);
        let groups = rows.div_ceil(4);
        let mut quads = super::pool::take(wide * groups * 4);
        let samples = self.samples();
        with_avx2(|| {
            for (g, out) in quads.chunks_exact_mut(wide * 4).enumerate() {
                let row = |k: usize| &samples[(4 * g + k).min(rows - 1) * wide..][..wide];
                interleave([row(0), row(1), row(2), row(3)], out);
            }
        });
        let size = (
            self.width,
            u32::try_from(groups).map_err(|_| Msg::TooLarge)?,
        );
        let quads = image::RgbaImage::from_raw(size.0, size.1, quads).ok_or(Msg::TooLarge)?;
        let quads = DynamicImage::ImageRgba8(quads);
        let options = ResizeOptions::new().use_alpha(false);
        let across = super::make::resize_with(&quads, w, size.1, options);
        super::make::give_back(quads);
        let across = across?;
        let mut out = super::pool::take(w as usize * rows);
        let mut lines = out.chunks_exact_mut(w as usize).collect::<Vec<_>>();
        let quads = across.as_bytes().chunks_exact(w as usize * 4);
        with_avx2(|| {
            for (four, quad) in lines.chunks_mut(4).zip(quads) {
                split(quad, four);
            }
        });
        super::make::give_back(across);
        Plane::new(out, (w, self.height), (w, self.height)).ok_or(Msg::DecoderWrongSize)
    }

    /// The plane at half its size each way (rounded up), each sample the mean of a
    /// 2 × 2 block (an odd last column or row counted twice), as a JPEG encoder
    /// subsamples chroma.
    fn halved(&self) -> Option<Plane> {
        let (w, h) = (self.width as usize, self.height as usize);
        let (hw, hh) = (w.div_ceil(2), h.div_ceil(2));
        let stride = self.stored().0 as usize;
        let samples = self.samples();
        if samples.len() < stride * h {
            return None;
        }
        let mut out = super::pool::take(hw * hh);
        with_avx2(|| {
            for (y, row) in out.chunks_exact_mut(hw).enumerate() {
                let top = &samples[2 * y * stride..][..w];
                let bottom = &samples[(2 * y + 1).min(h - 1) * stride..][..w];
                halve_row([top, bottom], row);
            }
        });
        let size = (u32::try_from(hw).ok()?, u32::try_from(hh).ok()?);
        Plane::new(out, size, size)
    }

    /// The plane's samples, row after row, when it is stored without padding.
    pub fn samples(&self) -> &[u8] {
        self.image.as_bytes()
    }

    /// The plane's `(stride, rows)` as stored.
    pub fn stored(&self) -> (u32, u32) {
        (self.image.width(), self.image.height())
    }

    fn give_back(self) {
        super::make::give_back(self.image);
    }
}

/// `work` compiled for AVX2 when the processor has it: the byte loops of this module
/// (interleaving, splitting, halving) are vectorised with its shuffles and wide
/// registers, several times as fast as the baseline x86-64 code kepu is built for.
#[inline(always)]
fn with_avx2<R>(work: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        #[target_feature(enable = "avx2")]
        fn compiled_for_avx2<R>(work: impl FnOnce() -> R) -> R {
            work()
        }
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { compiled_for_avx2(work) };
    }
    work()
}

/// Four rows as one row of four-channel pixels.
#[inline(always)]
fn interleave([a, b, c, d]: [&[u8]; 4], out: &mut [u8]) {
    let columns = a.iter().zip(b).zip(c.iter().zip(d));
    for (px, ((a, b), (c, d))) in out.chunks_exact_mut(4).zip(columns) {
        px.copy_from_slice(&[*a, *b, *c, *d]);
    }
}

/// A row of four-channel pixels as up to four rows (fewer at the plane's end).
#[inline(always)]
fn split(quad: &[u8], rows: &mut [&mut [u8]]) {
    for (k, row) in rows.iter_mut().enumerate() {
        for (sample, px) in row.iter_mut().zip(quad.chunks_exact(4)) {
            *sample = px[k];
        }
    }
}

/// One row of a halved plane from two rows of samples (the same row twice at an odd
/// bottom edge).
#[inline(always)]
fn halve_row([top, bottom]: [&[u8]; 2], out: &mut [u8]) {
    let pairs = top.chunks_exact(2).zip(bottom.chunks_exact(2));
    for (o, (a, b)) in out.iter_mut().zip(pairs) {
        let sum = u16::from(a[0]) + u16::from(a[1]) + u16::from(b[0]) + u16::from(b[1]);
        *o = ((sum + 2) >> 2) as u8;
    }
    if let ([.., a], [.., b], [.., o]) = (top, bottom, out)
        && top.len() % 2 == 1
    {
        *o = ((u16::from(*a) + u16::from(*b) + 1) >> 1) as u8;
    }
}

/// A picture as full-range YCbCr planes (as a JPEG stores it): luma at the picture's
/// size, chroma at whatever size the source has; after [`Yuv::resized`], at half the
/// luma's size each way, rounded up (4:2:0).
pub struct Yuv {
    /// Luma.
    pub y: Plane,
    /// Blue-difference chroma.
    pub cb: Plane,
    /// Red-difference chroma.
    pub cr: Plane,
}

impl Yuv {
    /// Width of the picture.
    pub fn width(&self) -> u32 {
        self.y.width
    }

    /// Height of the picture.
    pub fn height(&self) -> u32 {
        self.y.height
    }

    /// The picture resampled to `w` × `h`, its chroma to 4:2:0 at that size.
    pub fn resized(&self, w: u32, h: u32) -> Result<Yuv, Msg> {
        let chroma = (w.div_ceil(2), h.div_ceil(2));
        Ok(Yuv {
            y: self.y.resized((w, h))?,
            cb: self.cb.subsampled(chroma)?,
            cr: self.cr.subsampled(chroma)?,
        })
    }

    /// The picture turned upright by `orientation` (its planes unpadded, as
    /// [`Yuv::resized`] makes them).
    pub fn upright(self, orientation: Orientation) -> Yuv {
        let turn = |plane: Plane| {
            let image = super::orient::upright(plane.image, orientation);
            let (width, height) = (image.width(), image.height());
            Plane {
                image,
                width,
                height,
            }
        };
        Yuv {
            y: turn(self.y),
            cb: turn(self.cb),
            cr: turn(self.cr),
        }
    }

    /// The planes as libwebp takes them: limited range, in buffers of this thread's
    /// pool (the picture as [`Yuv::resized`] makes it).
    pub fn webp_planes(&self) -> Result<Planes, Msg> {
        let (w, h) = (self.width(), self.height());
        let chroma = (w.div_ceil(2), h.div_ceil(2));
        let unpadded =
            |p: &Plane, size: (u32, u32)| p.stored() == size && (p.width, p.height) == size;
        if !unpadded(&self.y, (w, h)) || !unpadded(&self.cb, chroma) || !unpadded(&self.cr, chroma)
        {
            return Err(Msg::DecoderWrongSize);
        }
        let mapped = |plane: &Plane, table: &[u8; 256]| {
            let samples = plane.samples();
            let mut out = super::pool::take(samples.len());
            for (o, s) in out.iter_mut().zip(samples) {
                *o = table[usize::from(*s)];
            }
            out
        };
        Ok(Planes {
            y: mapped(&self.y, &LUMA),
            u: mapped(&self.cb, &CHROMA),
            v: mapped(&self.cr, &CHROMA),
            width: w,
            height: h,
        })
    }

    /// Gives the planes' buffers back to this thread's [`pool`](super::pool).
    pub fn give_back(self) {
        for plane in [self.y, self.cb, self.cr] {
            plane.give_back();
        }
    }
}

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

/// A full-range luma sample (JPEG's) in limited range (libwebp's), rounded: 0–255 to
/// 16–235.
const fn luma(y: u8) -> u8 {
    ((y as u32 * 219 + 16 * 255 + 127) / 255) as u8
}

/// A full-range chroma sample in limited range, rounded: 0–255 to 16–240 around 128,
/// `C' = 128 + (C − 128) × 224 / 255`.
const fn chroma(c: u8) -> u8 {
    ((c as u32 * 224 + 128 * 255 - 128 * 224 + 127) / 255) as u8
}

/// [`luma`] of every sample: a look-up instead of a multiplication and a division.
static LUMA: [u8; 256] = table(false);

/// [`chroma`] of every sample.
static CHROMA: [u8; 256] = table(true);

/// [`chroma`] of every sample, else [`luma`].
const fn table(of_chroma: bool) -> [u8; 256] {
    let mut table = [0; 256];
    let mut n = 0;
    while n < 256 {
        table[n] = if of_chroma {
            chroma(n as u8)
        } else {
            luma(n as u8)
        };
        n += 1;
    }
    table
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

    /// `source` (a JPEG from [`jpeg`]) stored 4:2:0 instead, as phones store photos:
    /// its pixels encoded again by libjpeg, its EXIF kept.
    fn subsampled(source: &[u8], picture: &RgbImage) -> Vec<u8> {
        let (w, h) = picture.dimensions();
        let again = super::super::libjpeg::encode(picture.as_raw(), (w, h), 95, None).unwrap();
        let exif_end = 4 + usize::from(u16::from_be_bytes([source[4], source[5]]));
        let subsampled = [&source[..exif_end], &again[2..]].concat();
        let yuv = super::super::libjpeg::decode_yuv(&subsampled)
            .unwrap()
            .unwrap();
        assert_eq!(
            (yuv.cb.width, yuv.cb.height),
            (w.div_ceil(2), h.div_ceil(2))
        );
        yuv.give_back();
        subsampled
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

    fn is_planar(source: &[u8]) -> bool {
        let yuv = super::super::libjpeg::decode_yuv(source).unwrap();
        yuv.map(Yuv::give_back).is_some()
    }

    #[test]
    fn a_flat_patch_keeps_its_colour_through_jpeg_and_webp() {
        for colour in COLOURS {
            // Odd sides: the 1440 px copy is 999 high, the original 1443 × 1001.
            let picture = RgbImage::from_pixel(1443, 1001, Rgb(colour));
            let full = jpeg(&picture, image::ExtendedColorType::Rgb8, 1);
            for source in [subsampled(&full, &picture), full] {
                flat_patch_keeps_its_colour(&source);
            }
        }
    }

    /// The original and every copy of `source`, a flat patch, have its colour.
    fn flat_patch_keeps_its_colour(source: &[u8]) {
        assert!(is_planar(source));
        let was = image::load_from_memory(source).unwrap().to_rgb8();
        let was = *was.get_pixel(700, 500);
        let made = make(source, Format::Jpeg, &settings(2000)).unwrap();
        let kinds: Vec<_> = made.copies.iter().map(|c| (c.width, c.webp)).collect();
        let webp = [480, 960, 1440].map(|w| (w, true));
        assert_eq!(kinds, [webp.map(|(w, _)| (w, false)), webp].concat());
        for (n, pixels) in decoded(&made).iter().enumerate() {
            let (w, h) = pixels.dimensions();
            for (x, y) in [(w / 2, h / 2), (w - 1, h - 1), (0, 0)] {
                let p = pixels.get_pixel(x, y);
                assert!(near(p, &was, 3), "file {n}: {p:?} for {was:?}");
            }
        }
    }

    #[test]
    fn webp_planes_of_odd_sides_decode_to_their_colour() {
        let (w, h) = (65u32, 49u32);
        let plane = |value: u8, (pw, ph): (u32, u32)| {
            Plane::new(vec![value; (pw * ph) as usize], (pw, ph), (pw, ph)).unwrap()
        };
        let chroma = (w.div_ceil(2), h.div_ceil(2));
        let yuv = Yuv {
            y: plane(76, (w, h)),
            cb: plane(85, chroma),
            cr: plane(255, chroma),
        };
        let mut planes = yuv.webp_planes().unwrap();
        yuv.give_back();
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
        assert!(!is_planar(&source));
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
        assert!(!is_planar(&source));
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
        let full = jpeg(&picture, image::ExtendedColorType::Rgb8, 6);
        for source in [subsampled(&full, &picture), full] {
            sideways_photo_is_upright(&source);
        }
    }

    fn sideways_photo_is_upright(source: &[u8]) {
        let made = make(source, Format::Jpeg, &settings(2000)).unwrap();
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
        assert_eq!((LUMA[0], LUMA[128], LUMA[255]), (16, 126, 235));
        assert_eq!((CHROMA[0], CHROMA[128], CHROMA[255]), (16, 128, 240));
        // Each rounded to the nearest: no shift of colour either way.
        for c in 0..=255u8 {
            let exact = 128.0 + (f64::from(c) - 128.0) * 224.0 / 255.0;
            let ours = f64::from(CHROMA[usize::from(c)]);
            assert!((ours - exact).abs() <= 0.51, "{c}: {ours} for {exact}");
            let exact = 16.0 + f64::from(c) * 219.0 / 255.0;
            let ours = f64::from(LUMA[usize::from(c)]);
            assert!((ours - exact).abs() <= 0.51, "{c}: {ours} for {exact}");
        }
    }

    #[test]
    fn a_padded_plane_is_resampled_from_its_samples_only() {
        // 5 × 3 samples of 200 stored in 8 × 8 whose padding is 0.
        let mut buf = vec![0; 64];
        for row in buf.chunks_exact_mut(8).take(3) {
            row[..5].fill(200);
        }
        let plane = Plane::new(buf, (8, 8), (5, 3)).unwrap();
        let same = plane.resized((5, 3)).unwrap();
        assert_eq!(same.samples(), &[200; 15]);
        let half = plane.resized((3, 2)).unwrap();
        assert!(
            half.samples().iter().all(|s| s.abs_diff(200) <= 1),
            "{:?}",
            half.samples()
        );
        assert!(Plane::new(vec![0; 64], (8, 8), (9, 3)).is_none());
    }

    #[test]
    fn a_plane_is_halved_by_two_by_two_means_with_odd_edges_counted_twice() {
        // 3 × 3 samples 4·x + 100·y stored in a 4 × 3 buffer.
        let buf = (0..12u8)
            .map(|n| {
                if n % 4 == 3 {
                    0
                } else {
                    4 * (n % 4) + 100 * (n / 4)
                }
            })
            .collect();
        let plane = Plane::new(buf, (4, 3), (3, 3)).unwrap();
        let half = plane.halved().unwrap();
        assert_eq!((half.width, half.height, half.stored()), (2, 2, (2, 2)));
        let mean = |s: u16, n: u16| ((s + n / 2) / n) as u8;
        assert_eq!(
            half.samples(),
            &[
                mean(4 + 100 + 104, 4),
                mean(8 + 108, 2),
                mean(200 + 204, 2),
                208
            ]
        );
    }
}
