//! How JPEG and WebP quality trade bytes for look, on real photos:
//! `cargo run --release --example image_quality -- PHOTO...`.
//!
//! Each photo is resized, as kepu's copies are (`fast_image_resize`, Catmull-Rom), to
//! the copy widths a phone loads (1440 and 960 px, those narrower than the photo);
//! each copy is encoded as kepu encodes it (`jpeg-encoder`; libwebp through the `webp`
//! crate at method 2) at several qualities, decoded again and compared with the
//! uncompressed copy by SSIM (the `image-compare` crate: SSIM over 8×8 windows) on
//! the luma and on the worst of the three colour channels. DSSIM is `1/SSIM − 1`
//! (0 for identical pictures). It prints one Markdown table, the mean over the photos
//! of each width, format and quality; docs/images.md keeps the one that chose
//! kepu's qualities (`JPEG_QUALITY` in src/render/images/make.rs, `QUALITY` in
//! src/render/images/lossy.rs).

use std::collections::BTreeMap;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage};
use image_compare::Algorithm;

const WIDTHS: [u32; 2] = [1440, 960];
const JPEG: [u8; 6] = [60, 70, 75, 80, 85, 90];
const WEBP: [u8; 6] = [50, 60, 70, 75, 80, 90];

/// `image` `width` px wide, as kepu resizes.
fn resize(image: &DynamicImage, width: u32) -> RgbImage {
    let height = (u64::from(image.height()) * u64::from(width) / u64::from(image.width())) as u32;
    let mut out = DynamicImage::new_rgb8(width, height);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(
            &DynamicImage::ImageRgb8(image.to_rgb8()),
            &mut out,
            &options,
        )
        .expect("resize");
    out.to_rgb8()
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encode JPEG");
    out
}

fn webp(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut config = webp::WebPConfig::new().expect("libwebp config");
    config.quality = f32::from(quality);
    config.method = 2;
    webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height())
        .encode_advanced(&config)
        .expect("encode WebP")
        .to_vec()
}

/// SSIM of `bytes` decoded against `reference`: luma, and the worst colour channel.
fn ssim(reference: &RgbImage, bytes: &[u8]) -> (f64, f64) {
    let back = image::load_from_memory(bytes).expect("decode").to_rgb8();
    let luma = |i: &RgbImage| DynamicImage::ImageRgb8(i.clone()).to_luma8();
    let y = image_compare::gray_similarity_structure(
        &Algorithm::MSSIMSimple,
        &luma(reference),
        &luma(&back),
    )
    .expect("compare luma");
    let rgb = image_compare::rgb_similarity_structure(&Algorithm::MSSIMSimple, reference, &back)
        .expect("compare colour");
    (y.score, rgb.score)
}

#[derive(Default)]
struct Sum {
    n: u32,
    bytes: usize,
    luma: f64,
    rgb: f64,
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: image_quality PHOTO...");
        std::process::exit(2);
    }
    let mut sums: BTreeMap<(u32, &str, u8), Sum> = BTreeMap::new();
    for path in &paths {
        let photo = image::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        eprintln!("{path}: {}×{}", photo.width(), photo.height());
        for width in WIDTHS.into_iter().filter(|w| *w < photo.width()) {
            let reference = resize(&photo, width);
            let runs = JPEG
                .iter()
                .map(|q| ("JPEG", *q, jpeg(&reference, *q)))
                .chain(WEBP.iter().map(|q| ("WebP", *q, webp(&reference, *q))));
            for (format, quality, bytes) in runs {
                let (luma, rgb) = ssim(&reference, &bytes);
                let sum = sums.entry((width, format, quality)).or_default();
                sum.n += 1;
                sum.bytes += bytes.len();
                sum.luma += luma;
                sum.rgb += rgb;
            }
        }
    }
    println!(
        "| width | format | quality | photos | mean KB | SSIM (luma) | DSSIM (luma) | SSIM (worst channel) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for ((width, format, quality), s) in sums.iter().rev() {
        let n = f64::from(s.n);
        let luma = s.luma / n;
        println!(
            "| {width} | {format} | {quality} | {} | {:.0} | {luma:.4} | {:.4} | {:.4} |",
            s.n,
            s.bytes as f64 / n / 1000.0,
            1.0 / luma - 1.0,
            s.rgb / n,
        );
    }
}
