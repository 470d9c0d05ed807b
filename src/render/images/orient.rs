//! Turning a picture upright by its EXIF orientation, in its pixels.
//!
//! Part of the image step ([`super::make`]): every other phone photo is stored lying
//! on its side. The `image` crate turns a picture a quarter turn pixel by pixel,
//! reading down the columns of the source, which misses the processor's cache on
//! every pixel of a large photo (5–6 % of a build of phone photos). Here 8-bit RGB
//! pictures, what JPEG photos decode to, are turned in blocks of 8 × 8 pixels copied
//! as 4-byte words, tile by tile so that the rows read and written stay in the cache
//! (3–4 times as fast as one 3-byte pixel at a time), into a buffer of the thread's
//! [`pool`](super::pool) (every byte of it is written), and the source's buffer goes
//! back to it; every other case is left to the `image` crate.

use image::metadata::Orientation;
use image::{DynamicImage, GrayImage, RgbImage};

/// Side of the square blocks of pixels turned at once: each of the 8 source rows of a
/// block is read once and each of its 8 turned rows written as one run of 24 bytes.
const BLOCK: usize = 8;

/// Side of the square tiles of blocks turned one after another, in pixels: 256 rows of
/// 768 bytes on each side of the copy stay in the processor's L2 cache. Measured
/// against 32 to 1024 (docs/performance.md, "The quarter turn, again").
const TILE: usize = 256;

/// `image` turned upright by `orientation`.
pub fn upright(image: DynamicImage, orientation: Orientation) -> DynamicImage {
    let (clockwise, flip) = match orientation {
        Orientation::Rotate90 => (true, false),
        Orientation::Rotate270 => (false, false),
        Orientation::Rotate90FlipH => (true, true),
        Orientation::Rotate270FlipH => (false, true),
        _ => return oriented_by_image(image, orientation),
    };
    // The buffer always has the picture's size; the image crate's turn is the fallback.
    let (mut turned, source) = match image {
        DynamicImage::ImageRgb8(rgb) => match quarter_turn(&rgb, clockwise) {
            Some(turned) => (DynamicImage::ImageRgb8(turned), rgb.into_raw()),
            None => return oriented_by_image(DynamicImage::ImageRgb8(rgb), orientation),
        },
        DynamicImage::ImageLuma8(plane) => match quarter_turn_plane(&plane, clockwise) {
            Some(turned) => (DynamicImage::ImageLuma8(turned), plane.into_raw()),
            None => return oriented_by_image(DynamicImage::ImageLuma8(plane), orientation),
        },
        _ => return oriented_by_image(image, orientation),
    };
    super::pool::give(source);
    match (&mut turned, flip) {
        (DynamicImage::ImageRgb8(rgb), true) => image::imageops::flip_horizontal_in_place(rgb),
        (DynamicImage::ImageLuma8(plane), true) => {
            image::imageops::flip_horizontal_in_place(plane);
        }
        _ => {}
    }
    turned
}

fn oriented_by_image(mut image: DynamicImage, orientation: Orientation) -> DynamicImage {
    image.apply_orientation(orientation);
    image
}

/// `src` turned a quarter turn, clockwise or not, into a buffer of the thread's
/// [`pool`](super::pool); `None` if its buffer is not the size of its pixels.
fn quarter_turn(src: &RgbImage, clockwise: bool) -> Option<RgbImage> {
    let (w, h) = (src.width() as usize, src.height() as usize);
    let from = src.as_raw().as_slice();
    if from.len() != w * h * 3 {
        return None;
    }
    // The turned picture is h wide and w high; every byte of the buffer is written.
    let mut buf = super::pool::take(w * h * 3);
    let turn = Turn { from, w, h };
    if clockwise {
        turn.all::<true>(&mut buf);
    } else {
        turn.all::<false>(&mut buf);
    }
    RgbImage::from_raw(h as u32, w as u32, buf)
}

/// A w × h RGB picture being turned; `CW` says clockwise. Clockwise, the pixel at
/// (x, y) goes to (h − 1 − y, x) of the turned picture, else to (y, w − 1 − x).
struct Turn<'a> {
    from: &'a [u8],
    w: usize,
    h: usize,
}

impl Turn<'_> {
    /// Turns the whole picture into `to`: the blocks tile by tile (a tile's rows and
    /// the turned rows it writes stay in the cache), then the pixels of the last
    /// columns and rows that make no whole block.
    fn all<const CW: bool>(&self, to: &mut [u8]) {
        let (w, h) = (self.w, self.h);
        let (bw, bh) = (w / BLOCK * BLOCK, h / BLOCK * BLOCK);
        for ty in (0..bh).step_by(TILE) {
            for tx in (0..bw).step_by(TILE) {
                for y in (ty..(ty + TILE).min(bh)).step_by(BLOCK) {
                    for x in (tx..(tx + TILE).min(bw)).step_by(BLOCK) {
                        self.block::<CW>(to, x, y);
                    }
                }
            }
        }
        for y in 0..h {
            let xs = if y < bh { bw..w } else { 0..w };
            for x in xs {
                let at = self.target::<CW>(x, y) * 3;
                let from = (y * w + x) * 3;
                to[at..at + 3].copy_from_slice(&self.from[from..from + 3]);
            }
        }
    }

    /// Turns the block of BLOCK × BLOCK pixels whose top left is (x, y). Pixels are
    /// read and written as 4-byte words (a 3-byte copy is two moves); the fourth byte
    /// written is the next pixel's first, written over just after, and the last
    /// pixel of a run is read and written as 3 bytes so that nothing outside it is.
    #[inline(always)]
    fn block<const CW: bool>(&self, to: &mut [u8], x: usize, y: usize) {
        let rows: [&[u8]; BLOCK] =
            std::array::from_fn(|k| &self.from[((y + k) * self.w + x) * 3..][..3 * BLOCK]);
        for i in 0..BLOCK {
            // Source column x + i is one run of turned row, from its left end.
            let start = self.target::<CW>(x + i, if CW { y + BLOCK - 1 } else { y });
            let run = &mut to[start * 3..][..3 * BLOCK];
            for j in 0..BLOCK - 1 {
                let pixel = &rows[if CW { BLOCK - 1 - j } else { j }][i * 3..];
                let word: [u8; 4] = if i + 1 < BLOCK {
                    pixel[..4].try_into().unwrap_or_default()
                } else {
                    [pixel[0], pixel[1], pixel[2], 0]
                };
                run[j * 3..j * 3 + 4].copy_from_slice(&word);
            }
            let last = &rows[if CW { 0 } else { BLOCK - 1 }][i * 3..i * 3 + 3];
            run[3 * BLOCK - 3..].copy_from_slice(last);
        }
    }

    /// Index, in pixels, of where the pixel at (x, y) goes in the turned picture.
    #[inline(always)]
    fn target<const CW: bool>(&self, x: usize, y: usize) -> usize {
        if CW {
            x * self.h + self.h - 1 - y
        } else {
            (self.w - 1 - x) * self.h + y
        }
    }
}

/// `src`, an 8-bit plane, turned a quarter turn, clockwise or not, into a buffer of
/// the thread's [`pool`](super::pool); `None` if its buffer is not the size of its
/// samples.
fn quarter_turn_plane(src: &GrayImage, clockwise: bool) -> Option<GrayImage> {
    let (w, h) = (src.width() as usize, src.height() as usize);
    let from = src.as_raw().as_slice();
    if from.len() != w * h {
        return None;
    }
    let mut buf = super::pool::take(w * h);
    let turn = PlaneTurn { from, w, h };
    if clockwise {
        turn.all::<true>(&mut buf);
    } else {
        turn.all::<false>(&mut buf);
    }
    GrayImage::from_raw(h as u32, w as u32, buf)
}

/// A w × h plane of 8-bit samples being turned, as [`Turn`] turns RGB: in blocks of
/// 8 × 8 samples, each read as eight 8-byte words, transposed in registers and
/// written as eight words.
struct PlaneTurn<'a> {
    from: &'a [u8],
    w: usize,
    h: usize,
}

impl PlaneTurn<'_> {
    /// Turns the whole plane into `to`: the blocks tile by tile, then the samples of
    /// the last columns and rows that make no whole block.
    fn all<const CW: bool>(&self, to: &mut [u8]) {
        let (w, h) = (self.w, self.h);
        let (bw, bh) = (w / BLOCK * BLOCK, h / BLOCK * BLOCK);
        for ty in (0..bh).step_by(TILE) {
            for tx in (0..bw).step_by(TILE) {
                for y in (ty..(ty + TILE).min(bh)).step_by(BLOCK) {
                    for x in (tx..(tx + TILE).min(bw)).step_by(BLOCK) {
                        self.block::<CW>(to, x, y);
                    }
                }
            }
        }
        for y in 0..h {
            let xs = if y < bh { bw..w } else { 0..w };
            for x in xs {
                to[self.target::<CW>(x, y)] = self.from[y * w + x];
            }
        }
    }

    /// Turns the block of 8 × 8 samples whose top left is (x, y).
    #[inline(always)]
    fn block<const CW: bool>(&self, to: &mut [u8], x: usize, y: usize) {
        let word = |k: usize| {
            let row: [u8; 8] = self.from[(y + k) * self.w + x..][..8]
                .try_into()
                .unwrap_or_default();
            u64::from_le_bytes(row)
        };
        let mut rows: [u64; 8] = std::array::from_fn(word);
        transpose(&mut rows);
        for (i, row) in rows.into_iter().enumerate() {
            // Turned row i is source column x + i; clockwise it runs bottom to top.
            let (start, bytes) = match CW {
                true => (self.target::<CW>(x + i, y + BLOCK - 1), row.swap_bytes()),
                false => (self.target::<CW>(x + i, y), row),
            };
            to[start..start + 8].copy_from_slice(&bytes.to_le_bytes());
        }
    }

    /// Index of where the sample at (x, y) goes in the turned plane.
    #[inline(always)]
    fn target<const CW: bool>(&self, x: usize, y: usize) -> usize {
        if CW {
            x * self.h + self.h - 1 - y
        } else {
            (self.w - 1 - x) * self.h + y
        }
    }
}

/// Transposes the 8 × 8 bytes of `rows` (byte c of row r, counted from the low end,
/// goes to byte r of row c): 4 × 4 quarters, then 2 × 2 blocks, then bytes, swapped
/// across the diagonal.
#[inline(always)]
fn transpose(rows: &mut [u64; 8]) {
    for (d, mask) in [
        (4, 0x0000_0000_FFFF_FFFF_u64),
        (2, 0x0000_FFFF_0000_FFFF),
        (1, 0x00FF_00FF_00FF_00FF),
    ] {
        let bits = 8 * d as u32;
        for i in (0..8).filter(|i| i & d == 0) {
            let (a, b) = (rows[i], rows[i + d]);
            rows[i] = (a & mask) | ((b & mask) << bits);
            rows[i + d] = ((a >> bits) & mask) | (b & !mask);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn every_orientation_matches_the_image_crate() {
        // Stale bytes in the thread's spare buffers must not show through.
        super::super::pool::give(vec![7; 45 * 71 * 3 * 2]);
        // Odd sides, wider than a tile, so that partial tiles are turned too.
        let picture = RgbImage::from_fn(45, 71, |x, y| {
            Rgb([(x * 5) as u8, (y * 3) as u8, (x * 7 + y * 11) as u8])
        });
        for orientation in [
            Orientation::NoTransforms,
            Orientation::Rotate90,
            Orientation::Rotate180,
            Orientation::Rotate270,
            Orientation::FlipHorizontal,
            Orientation::FlipVertical,
            Orientation::Rotate90FlipH,
            Orientation::Rotate270FlipH,
        ] {
            let ours = upright(DynamicImage::ImageRgb8(picture.clone()), orientation);
            let theirs = oriented_by_image(DynamicImage::ImageRgb8(picture.clone()), orientation);
            assert_eq!(ours, theirs, "{orientation:?}");
        }
    }

    #[test]
    fn quarter_turns_of_planes_of_every_shape_match_the_image_crate() {
        for (w, h) in [
            (1, 37),
            (37, 1),
            (1, 1),
            (7, 9),
            (33, 65),
            (8, 8),
            (517, 300),
        ] {
            let plane = GrayImage::from_fn(w, h, |x, y| {
                image::Luma([(x * 7 + y * 13 + (x >> 3) * 5) as u8])
            });
            for orientation in [
                Orientation::Rotate90,
                Orientation::Rotate270,
                Orientation::Rotate90FlipH,
                Orientation::Rotate270FlipH,
            ] {
                super::super::pool::give(vec![7; (w * h) as usize]);
                let ours = upright(DynamicImage::ImageLuma8(plane.clone()), orientation);
                let theirs =
                    oriented_by_image(DynamicImage::ImageLuma8(plane.clone()), orientation);
                assert!(ours == theirs, "{w}×{h}, {orientation:?}");
            }
        }
    }

    #[test]
    fn quarter_turns_of_every_shape_match_the_image_crate() {
        // Thin, narrower than a block, partial blocks and tiles, and a sideways photo's
        // downscaled picture (its pixels cheap to make: a pattern that differs from
        // one pixel to the next in every byte).
        for (w, h) in [
            (1, 37),
            (37, 1),
            (1, 1),
            (7, 9),
            (33, 65),
            (8, 8),
            (3413, 2560),
        ] {
            let picture = RgbImage::from_fn(w, h, |x, y| {
                Rgb([
                    x as u8,
                    y as u8,
                    (x * 3 + y * 5 + (x >> 8) + (y >> 4)) as u8,
                ])
            });
            for clockwise in [true, false] {
                super::super::pool::give(vec![7; (w * h * 3) as usize]);
                let ours = quarter_turn(&picture, clockwise).unwrap();
                let theirs = if clockwise {
                    image::imageops::rotate90(&picture)
                } else {
                    image::imageops::rotate270(&picture)
                };
                assert!(ours == theirs, "{w}×{h}, clockwise: {clockwise}");
            }
        }
    }
}
