//! Picture buffers and the resampler, kept by each worker thread from one photo to
//! the next.
//!
//! Part of the image step ([`super::make`]): a 12-megapixel phone photo is decoded
//! into 37 MB, and its downscaled and turned pictures take 15–26 MB each. Allocated
//! afresh for every photo, each of them was zeroed (by `calloc`, or page by page by
//! the kernel for the largest) only to be overwritten at once, and the resampler's
//! own 20 MB work buffer with them. Here a worker [`take`]s a buffer that still holds
//! an earlier picture, which the caller overwrites in full, and [`give`]s it back
//! when done with it; [`resize`] keeps one resampler per thread. [`release`] frees
//! everything at the end of the image step, so that `kepu serve` holds nothing
//! between builds.

use std::cell::RefCell;

use fast_image_resize::{IntoImageView, ResizeError, ResizeOptions, Resizer};
use image::DynamicImage;

/// How many spare buffers a thread keeps: a photo uses at most about a dozen at once
/// (three planes for each of its pictures in the making).
const KEPT: usize = 12;

thread_local! {
    static SPARE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    static RESIZER: RefCell<Option<Resizer>> = const { RefCell::new(None) };
}

/// A buffer of `len` bytes for a picture; its content is what an earlier picture left
/// (zeros where it grew), so the caller must write every byte of it.
pub fn take(len: usize) -> Vec<u8> {
    let mut buf = closest(len, Vec::len);
    if buf.len() >= len {
        buf.truncate(len);
    } else {
        buf.resize(len, 0);
    }
    buf
}

/// An empty buffer with room for `len` bytes, for a writer that appends (libjpeg's
/// rows), so that nothing is zeroed first.
pub fn take_room(len: usize) -> Vec<u8> {
    let mut buf = closest(len, Vec::capacity);
    buf.clear();
    buf.reserve(len);
    buf
}

/// The spare buffer whose `size` is the smallest that holds `len`, else the largest
/// (it grows least); an empty one when there is none.
fn closest(len: usize, size: fn(&Vec<u8>) -> usize) -> Vec<u8> {
    SPARE.with_borrow_mut(|spare| {
        let fits = (0..spare.len())
            .filter(|&i| size(&spare[i]) >= len)
            .min_by_key(|&i| size(&spare[i]));
        let pick = fits.or_else(|| (0..spare.len()).max_by_key(|&i| size(&spare[i])));
        pick.map(|i| spare.swap_remove(i)).unwrap_or_default()
    })
}

/// Gives a picture's buffer back for the next picture of this thread.
pub fn give(buf: Vec<u8>) {
    SPARE.with_borrow_mut(|spare| {
        spare.push(buf);
        if spare.len() > KEPT {
            // The smallest goes: the large ones are what is worth keeping.
            let smallest = (0..spare.len()).min_by_key(|&i| spare[i].len());
            if let Some(i) = smallest {
                spare.swap_remove(i);
            }
        }
    });
}

/// `src` resampled into `dst`, by this thread's resampler, which keeps its work
/// buffer from one call to the next.
pub fn resize(
    src: &impl IntoImageView,
    dst: &mut DynamicImage,
    options: &ResizeOptions,
) -> Result<(), ResizeError> {
    RESIZER.with_borrow_mut(|resizer| {
        let resizer = resizer.get_or_insert_with(Resizer::new);
        resizer.resize(src, dst, options)
    })
}

/// Frees the buffers and resamplers of every worker thread (and of this one), so that
/// `kepu serve` holds none between builds.
pub fn release() {
    rayon::broadcast(|_| release_here());
    release_here();
}

fn release_here() {
    SPARE.with_borrow_mut(Vec::clear);
    RESIZER.with_borrow_mut(|resizer| *resizer = None);
}

#[cfg(test)]
mod tests {
    use super::super::make::{Format, Settings, make};
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    fn jpeg(seed: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(900, 600, |x, y| {
            Rgb([(x * seed) as u8, (y * 3 + seed) as u8, ((x ^ y) * 7) as u8])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(picture.as_raw(), 900, 600, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn a_buffer_given_back_is_taken_again_without_zeroing() {
        give(vec![9; 1000]);
        let buf = take(600);
        assert_eq!(buf.len(), 600);
        assert!(buf.iter().all(|&b| b == 9));
        release_here();
    }

    #[test]
    fn what_is_made_from_reused_buffers_is_what_fresh_ones_make() {
        let settings = Settings {
            keep_metadata: false,
            keep_original: false,
            max_width: 800,
            copies: true,
        };
        let (a, b) = (jpeg(5), jpeg(11));
        let fresh = {
            let (b, settings) = (b.clone(), settings.clone());
            std::thread::spawn(move || make(&b, Format::Jpeg, &settings).unwrap())
                .join()
                .unwrap()
        };
        // This thread's buffers hold the pixels of `a` when `b` is made.
        make(&a, Format::Jpeg, &settings).unwrap();
        let reused = make(&b, Format::Jpeg, &settings).unwrap();
        release_here();
        assert_eq!(reused.original, fresh.original);
        assert_eq!(reused.copies.len(), fresh.copies.len());
        for (r, f) in reused.copies.iter().zip(&fresh.copies) {
            assert_eq!((r.width, r.webp, &r.bytes), (f.width, f.webp, &f.bytes));
        }
    }
}
