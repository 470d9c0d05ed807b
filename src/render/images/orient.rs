//! Turning a picture upright by its EXIF orientation, in its pixels.
//!
//! Part of the image step ([`super::make`]): every other phone photo is stored lying
//! on its side. The `image` crate turns a picture a quarter turn pixel by pixel,
//! reading down the columns of the source, which misses the processor's cache on
//! every pixel of a large photo (5–6 % of a build of phone photos). Here 8-bit RGB
//! pictures, what JPEG photos decode to, are turned in 32×32 tiles that stay in the
//! cache, into a buffer of the thread's [`pool`](super::pool) (every byte of it is
//! written), and the source's buffer goes back to it; every other case is left to the
//! `image` crate.

use image::metadata::Orientation;
use image::{DynamicImage, RgbImage};

/// Side of the square tiles turned one at a time: 32 × 32 RGB pixels on each side of
/// the copy fit in the L1 cache.
const TILE: usize = 32;

/// `image` turned upright by `orientation`.
pub fn upright(image: DynamicImage, orientation: Orientation) -> DynamicImage {
    let (clockwise, flip) = match orientation {
        Orientation::Rotate90 => (true, false),
        Orientation::Rotate270 => (false, false),
        Orientation::Rotate90FlipH => (true, true),
        Orientation::Rotate270FlipH => (false, true),
        _ => return oriented_by_image(image, orientation),
    };
    let DynamicImage::ImageRgb8(rgb) = image else {
        return oriented_by_image(image, orientation);
    };
    // The buffer always has the picture's size; the image crate's turn is the fallback.
    let Some(mut turned) = quarter_turn(&rgb, clockwise) else {
        return oriented_by_image(DynamicImage::ImageRgb8(rgb), orientation);
    };
    super::pool::give(rgb.into_raw());
    if flip {
        image::imageops::flip_horizontal_in_place(&mut turned);
    }
    DynamicImage::ImageRgb8(turned)
}

fn oriented_by_image(mut image: DynamicImage, orientation: Orientation) -> DynamicImage {
    image.apply_orientation(orientation);
    image
}

/// `src` turned a quarter turn, clockwise or not, tile by tile: each source column
/// of a tile becomes a run of 32 neighbouring pixels in one row of the turned picture,
/// written as whole 3-byte pixels.
fn quarter_turn(src: &RgbImage, clockwise: bool) -> Option<RgbImage> {
    let (w, h) = (src.width() as usize, src.height() as usize);
    let (from, rest) = src.as_raw().as_chunks::<3>();
    if !rest.is_empty() || from.len() != w * h {
        return None;
    }
    // The turned picture is h wide and w high; every pixel of the buffer is written.
    let mut buf = super::pool::take(w * h * 3);
    let (to, _) = buf.as_chunks_mut::<3>();
    for tx in (0..w).step_by(TILE) {
        for ty in (0..h).step_by(TILE) {
            let y_end = (ty + TILE).min(h);
            for x in tx..(tx + TILE).min(w) {
                // Clockwise, (x, y) goes to (h − 1 − y, x); else to (y, w − 1 − x).
                if clockwise {
                    let row = &mut to[x * h..(x + 1) * h];
                    let run = &mut row[h - y_end..h - ty];
                    for (pixel, y) in run.iter_mut().zip((ty..y_end).rev()) {
                        *pixel = from[y * w + x];
                    }
                } else {
                    let row = &mut to[(w - 1 - x) * h..(w - x) * h];
                    for (pixel, y) in row[ty..y_end].iter_mut().zip(ty..y_end) {
                        *pixel = from[y * w + x];
                    }
                }
            }
        }
    }
    RgbImage::from_raw(h as u32, w as u32, buf)
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
}
