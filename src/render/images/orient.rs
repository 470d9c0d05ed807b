//! Turning a picture upright by its EXIF orientation, in its pixels.
//!
//! Part of the image step ([`super::make`]): every other phone photo is stored lying
//! on its side. The `image` crate turns a picture a quarter turn pixel by pixel,
//! reading down the columns of the source, which misses the processor's cache on
//! every pixel of a large photo (5–6 % of a build of phone photos). Here 8-bit RGB
//! pictures, what JPEG photos decode to, are turned in 32×32 tiles that stay in the
//! cache; every other case is left to the `image` crate.

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
    if flip {
        image::imageops::flip_horizontal_in_place(&mut turned);
    }
    DynamicImage::ImageRgb8(turned)
}

fn oriented_by_image(mut image: DynamicImage, orientation: Orientation) -> DynamicImage {
    image.apply_orientation(orientation);
    image
}

/// `src` turned a quarter turn, clockwise or not, tile by tile.
fn quarter_turn(src: &RgbImage, clockwise: bool) -> Option<RgbImage> {
    let (w, h) = (src.width() as usize, src.height() as usize);
    let from = src.as_raw();
    // The turned picture is h wide and w high.
    let mut to = vec![0u8; from.len()];
    for ty in (0..h).step_by(TILE) {
        for tx in (0..w).step_by(TILE) {
            for y in ty..(ty + TILE).min(h) {
                let row = &from[y * w * 3..(y + 1) * w * 3];
                for x in tx..(tx + TILE).min(w) {
                    // Clockwise, (x, y) goes to (h − 1 − y, x); else to (y, w − 1 − x).
                    let (nx, ny) = if clockwise {
                        (h - 1 - y, x)
                    } else {
                        (y, w - 1 - x)
                    };
                    let at = (ny * h + nx) * 3;
                    to[at..at + 3].copy_from_slice(&row[x * 3..x * 3 + 3]);
                }
            }
        }
    }
    RgbImage::from_raw(h as u32, w as u32, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn every_orientation_matches_the_image_crate() {
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
