//! Covers cut to fixed sizes: the WeChat edition's covers (900×383 and 500×500, the
//! 公众号's 2.35:1 and 1:1) and the square share image WeChat's in-app browser picks up
//! (300×300).
//!
//! Part of the image step ([`super::process`]): a cut is made from the page's `cover`
//! (else the site's `og_image`) once per source, size and focus, and kept in the image
//! cache ([`super::store`]) like every other copy, so a build with nothing new encodes
//! nothing. A source is decoded and turned upright once for all of its cuts that are
//! not in the cache ([`Upright`]); each cut is then resampled from its region of it
//! (centred across; at the top, middle or bottom as `cover_focus` says), without
//! copying the region out first, and encoded as a baseline JPEG with the colour
//! profile only: no EXIF, GPS or camera data can reach the copy.

use image::{DynamicImage, ImageDecoder};

use super::make::{self, Format, Made};
use crate::content::CoverFocus;
use crate::diag::Msg;

/// JPEG quality of a cut: covers and share images are shown small.
const QUALITY: u8 = 80;

/// One size to cut a cover to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Size {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The 公众号's wide cover, 2.35:1.
pub const WIDE: Size = Size {
    width: 900,
    height: 383,
};
/// The 公众号's square cover.
pub const SQUARE: Size = Size {
    width: 500,
    height: 500,
};
/// The share image of every page: square, and the smallest size WeChat takes.
pub const SHARE: Size = Size {
    width: 300,
    height: 300,
};

impl Size {
    /// The file name of the cut: `cover-900x383.jpg`.
    pub fn file_name(self, stem: &str) -> String {
        format!("{stem}-{}x{}.jpg", self.width, self.height)
    }
}

/// The text the cache key is made of, besides the source's bytes; `region` since cuts
/// are resampled from their region of the picture, which lets the filter see the
/// pixels just outside it (a cut copied out first did not: SSIM 0.9999 between them).
pub fn settings(size: Size, focus: CoverFocus) -> String {
    format!(
        "cut {}x{} {focus:?} q{QUALITY} icc region",
        size.width, size.height
    )
}

/// A cover decoded and turned upright, with its colour profile: what each of its cuts
/// is made from, so that a source is decoded once for all of them.
pub struct Upright {
    image: DynamicImage,
    icc: Option<Vec<u8>>,
}

impl Upright {
    /// `bytes` (a JPEG, PNG or WebP) decoded, into a buffer of this thread's pool, and
    /// turned upright.
    pub fn decode(bytes: &[u8]) -> Result<Upright, Msg> {
        let mut decoder = make::decoder(bytes)?;
        let orientation = decoder.orientation().map_err(Msg::foreign)?;
        // The colour profile stays (a phone's Display P3 photo would look dull without
        // it); it says nothing of where or with what the photo was taken.
        let icc = decoder.icc_profile().ok().flatten();
        let image = super::orient::upright(make::decode(decoder)?, orientation);
        Ok(Upright { image, icc })
    }

    /// The picture cut to `size`, keeping the part `focus` says.
    pub fn cut(&self, size: Size, focus: CoverFocus) -> Result<Made, Msg> {
        let image = &self.image;
        let region = crop(image.width(), image.height(), size, focus);
        let resized = make::resize_region(image, region, (size.width, size.height))?;
        let jpeg = make::encode(&resized, Format::Jpeg, QUALITY, self.icc.as_deref());
        make::give_back(resized);
        Ok(Made {
            width: size.width,
            height: size.height,
            original: Some(jpeg?),
            copies: Vec::new(),
        })
    }

    /// Gives the picture's buffer back to this thread's pool.
    pub fn give_back(self) {
        make::give_back(self.image);
    }
}

/// The part of a `w`×`h` picture with the proportions of `size`: as large as fits,
/// centred across, placed up and down as `focus` says.
fn crop(w: u32, h: u32, size: Size, focus: CoverFocus) -> (u32, u32, u32, u32) {
    let (w64, h64) = (u64::from(w), u64::from(h));
    let (sw, sh) = (u64::from(size.width), u64::from(size.height));
    if w64 * sh > h64 * sw {
        // Wider than the cut: keep the full height, centre across.
        let cw = ((h64 * sw + sh / 2) / sh).clamp(1, w64);
        let x = (w64 - cw) / 2;
        (x as u32, 0, cw as u32, h)
    } else {
        let ch = ((w64 * sh + sw / 2) / sw).clamp(1, h64);
        let y = match focus {
            CoverFocus::Top => 0,
            CoverFocus::Center => (h64 - ch) / 2,
            CoverFocus::Bottom => h64 - ch,
        };
        (0, y as u32, w, ch as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tall_picture_keeps_the_part_its_focus_says() {
        assert_eq!(
            crop(1000, 2000, SQUARE, CoverFocus::Top),
            (0, 0, 1000, 1000)
        );
        assert_eq!(
            crop(1000, 2000, SQUARE, CoverFocus::Center),
            (0, 500, 1000, 1000)
        );
        assert_eq!(
            crop(1000, 2000, SQUARE, CoverFocus::Bottom),
            (0, 1000, 1000, 1000)
        );
        // 900×383 from 1600×900: full width, 681 rows.
        assert_eq!(crop(1600, 900, WIDE, CoverFocus::Top), (0, 0, 1600, 681));
    }

    #[test]
    fn a_wide_picture_is_centred_across() {
        assert_eq!(
            crop(2000, 1000, SQUARE, CoverFocus::Top),
            (500, 0, 1000, 1000)
        );
    }
}
