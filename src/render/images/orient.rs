//! Turning a picture upright by its EXIF orientation, in its pixels.
//!
//! Part of the image step ([`super::make`]): every other phone photo is stored lying
//! on its side. The `image` crate turns a picture a quarter turn pixel by pixel,
//! reading down the columns of the source, which misses the processor's cache on
//! every pixel of a large photo (5–6 % of a build of phone photos). Here 8-bit RGB
//! pictures and the 8-bit planes of JPEG photos ([`super::ycbcr`]) are turned in
//! blocks of 8 × 8 pixels, tile by tile so that the rows read and written stay in the
//! cache: RGB pixels copied as 4-byte words (3–4 times as fast as one 3-byte pixel at
//! a time), a plane's bytes transposed in registers. The turn goes into a buffer of
//! the thread's [`pool`](super::pool) (every byte of it is written), and the source's
//! buffer goes back to it; every other case is left to the `image` crate.

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
    let (w, h) = (image.width(), image.height());
    let turned = match &image {
        DynamicImage::ImageRgb8(rgb) => quarter_turn::<3>(rgb.as_raw(), (w, h), clockwise)
            .and_then(|buf| RgbImage::from_raw(h, w, buf))
            .map(DynamicImage::ImageRgb8),
        DynamicImage::ImageLuma8(plane) => quarter_turn::<1>(plane.as_raw(), (w, h), clockwise)
            .and_then(|buf| GrayImage::from_raw(h, w, buf))
            .map(DynamicImage::ImageLuma8),
        _ => None,
    };
    let Some(mut turned) = turned else {
        return oriented_by_image(image, orientation);
    };
    super::pool::give(image.into_bytes());
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

/// The `w` × `h` picture `from`, of `PX` bytes a pixel (3 for RGB, 1 for a plane),
/// turned a quarter turn, clockwise or not, into a buffer of the thread's
/// [`pool`](super::pool) (every byte of it written); `None` if `from` is not the size
/// of its pixels.
fn quarter_turn<const PX: usize>(
    from: &[u8],
    (w, h): (u32, u32),
    clockwise: bool,
) -> Option<Vec<u8>> {
    const { assert!(PX == 1 || PX == 3, "RGB or a plane") };
    let (w, h) = (w as usize, h as usize);
    if from.len() != w * h * PX {
        return None;
    }
    let mut buf = super::pool::take(w * h * PX);
    let turn = Turn::<PX> { from, w, h };
    if clockwise {
        turn.all::<true>(&mut buf);
    } else {
        turn.all::<false>(&mut buf);
    }
    Some(buf)
}

/// A w × h picture of `PX` bytes a pixel being turned; `CW` says clockwise.
/// Clockwise, the pixel at (x, y) goes to (h − 1 − y, x) of the turned picture, else
/// to (y, w − 1 − x).
struct Turn<'a, const PX: usize> {
    from: &'a [u8],
    w: usize,
    h: usize,
}

impl<const PX: usize> Turn<'_, PX> {
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
                        match PX {
                            1 => self.block_of_bytes::<CW>(to, x, y),
                            _ => self.block::<CW>(to, x, y),
                        }
                    }
                }
            }
        }
        for y in 0..h {
            let xs = if y < bh { bw..w } else { 0..w };
            for x in xs {
                let at = self.target::<CW>(x, y) * PX;
                let from = (y * w + x) * PX;
                to[at..at + PX].copy_from_slice(&self.from[from..from + PX]);
            }
        }
    }

    /// Turns the block of BLOCK × BLOCK pixels whose top left is (x, y). Pixels are
    /// read and written as 4-byte words (a 3-byte copy is two moves); the fourth byte
    /// written is the next pixel's first, written over just after, and the last
    /// pixel of a run is read and written as `PX` bytes so that nothing outside it is.
    #[inline(always)]
    fn block<const CW: bool>(&self, to: &mut [u8], x: usize, y: usize) {
        let rows: [&[u8]; BLOCK] =
            std::array::from_fn(|k| &self.from[((y + k) * self.w + x) * PX..][..PX * BLOCK]);
        for i in 0..BLOCK {
            // Source column x + i is one run of turned row, from its left end.
            let start = self.target::<CW>(x + i, if CW { y + BLOCK - 1 } else { y });
            let run = &mut to[start * PX..][..PX * BLOCK];
            for j in 0..BLOCK - 1 {
                let pixel = &rows[if CW { BLOCK - 1 - j } else { j }][i * PX..];
                let word: [u8; 4] = if i + 1 < BLOCK {
                    pixel[..4].try_into().unwrap_or_default()
                } else {
                    [pixel[0], pixel[1], pixel[2], 0]
                };
                run[j * PX..j * PX + 4].copy_from_slice(&word);
            }
            let last = &rows[if CW { 0 } else { BLOCK - 1 }][i * PX..i * PX + PX];
            run[PX * BLOCK - PX..].copy_from_slice(last);
        }
    }

    /// Turns the block of 8 × 8 one-byte pixels whose top left is (x, y): its rows
    /// read as eight 8-byte words, transposed in registers, written as eight words.
    #[inline(always)]
    fn block_of_bytes<const CW: bool>(&self, to: &mut [u8], x: usize, y: usize) {
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
                let buf = quarter_turn::<3>(picture.as_raw(), (w, h), clockwise).unwrap();
                let ours = RgbImage::from_raw(h, w, buf).unwrap();
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
