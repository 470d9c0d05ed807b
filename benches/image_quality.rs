//! How JPEG and WebP quality trade bytes for look, on real photos:
//! `cargo run --release --example image_quality -- PHOTO...`.
//!
//! Each photo is resized, as kepu's copies are (`fast_image_resize`, Catmull-Rom), to
//! the copy widths a phone loads (1440 and 960 px, those narrower than the photo); each
//! copy is encoded as kepu encodes it (MozJPEG with libjpeg-turbo's settings; libwebp through the `webp`
//! crate, at kepu's method and segments or `--webp-method N`, `--webp-segments N`) at
//! several qualities, decoded again and compared with the unencoded copy by SSIM as
//! Wang et al. define it (see [`ssim`]; `benches/ssim_check.py` checks it against
//! scikit-image on the files `--dump DIR` writes). It prints one Markdown table, the
//! mean over the photos of each width, format and quality, with the encoder's CPU time;
//! docs/images.md keeps the one that chose kepu's qualities (`JPEG_QUALITY` in
//! src/render/images/make.rs, `QUALITY` in src/render/images/lossy.rs).
//! `--published PHOTO COPY...` instead measures copies a build published (see
//! [`published`]).

use std::collections::BTreeMap;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, GenericImageView, RgbImage};

const WIDTHS: [u32; 2] = [1440, 960];
const JPEG: [u8; 6] = [60, 70, 75, 80, 85, 90];
const WEBP: [u8; 7] = [50, 60, 70, 75, 80, 85, 90];

/// libwebp's effort in kepu (`METHOD` in src/render/images/lossy.rs).
const KEPU_WEBP_METHOD: i32 = 2;

/// libwebp's segments in kepu (`SEGMENTS` in src/render/images/lossy.rs).
const KEPU_WEBP_SEGMENTS: i32 = 1;

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

/// `image` as kepu encodes a JPEG (src/render/images/libjpeg.rs): MozJPEG with
/// libjpeg-turbo's settings, 4:2:0.
fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut compress = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_RGB);
    compress.set_fastest_defaults();
    compress.set_size(image.width() as usize, image.height() as usize);
    compress.set_quality(f32::from(quality));
    compress.set_chroma_sampling_pixel_sizes((2, 2), (2, 2));
    let mut started = compress.start_compress(Vec::new()).expect("start JPEG");
    started
        .write_scanlines(image.as_raw())
        .expect("encode JPEG");
    started.finish().expect("finish JPEG")
}

fn webp(image: &RgbImage, quality: u8, method: i32, segments: i32) -> Vec<u8> {
    let mut config = webp::WebPConfig::new().expect("libwebp config");
    config.quality = f32::from(quality);
    config.method = method;
    config.segments = segments;
    webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height())
        .encode_advanced(&config)
        .expect("encode WebP")
        .to_vec()
}

/// Mean SSIM of `bytes` decoded against `reference`, on the luma (BT.601 Y, as
/// JPEG stores it), by Wang, Bovik, Sheikh and Simoncelli (2004): an 11×11 Gaussian
/// window (σ = 1.5) centred on every pixel whose window lies inside the picture,
/// C1 = (0.01·255)², C2 = (0.03·255)², variances and covariance as weighted means.
/// This is `skimage.metrics.structural_similarity(…, gaussian_weights=True,
/// sigma=1.5, use_sample_covariance=False, data_range=255)`, at the copy's own size
/// (no downsampling for a viewing distance: a phone shows the copy at one device pixel
/// per pixel).
fn ssim(reference: &RgbImage, bytes: &[u8]) -> f64 {
    let back = image::load_from_memory(bytes).expect("decode").to_rgb8();
    assert_eq!(back.dimensions(), reference.dimensions(), "same size");
    mean_ssim(&luma(reference), &luma(&back), reference.width() as usize)
}

/// The mean difference of each of red, green and blue, `bytes` decoded minus
/// `reference`.
fn colour_shift(reference: &RgbImage, bytes: &[u8]) -> [f64; 3] {
    let back = image::load_from_memory(bytes).expect("decode").to_rgb8();
    let mut sums = [0.0; 3];
    for (a, b) in back.pixels().zip(reference.pixels()) {
        for c in 0..3 {
            sums[c] += f64::from(a[c]) - f64::from(b[c]);
        }
    }
    let n = f64::from(reference.width()) * f64::from(reference.height());
    sums.map(|s| s / n)
}

/// BT.601 luma, unrounded.
fn luma(image: &RgbImage) -> Vec<f32> {
    image
        .pixels()
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect()
}

const RADIUS: usize = 5;

/// The normalised 11-tap Gaussian, σ = 1.5.
fn gaussian() -> [f64; 2 * RADIUS + 1] {
    let mut k = [0.0; 2 * RADIUS + 1];
    for (i, v) in k.iter_mut().enumerate() {
        let d = i as f64 - RADIUS as f64;
        *v = (-d * d / (2.0 * 1.5 * 1.5)).exp();
    }
    let sum: f64 = k.iter().sum();
    k.map(|v| v / sum)
}

/// `plane` (`w` wide) filtered by the Gaussian, keeping only the positions whose
/// whole window is inside: `(w − 10) × (h − 10)` values.
fn blur(plane: &[f64], w: usize) -> Vec<f64> {
    let k = gaussian();
    let h = plane.len() / w;
    let (ow, oh) = (w - 2 * RADIUS, h - 2 * RADIUS);
    let mut rows = vec![0.0; ow * h];
    for y in 0..h {
        let line = &plane[y * w..(y + 1) * w];
        for x in 0..ow {
            rows[y * ow + x] = k.iter().zip(&line[x..]).map(|(k, v)| k * v).sum();
        }
    }
    let mut out = vec![0.0; ow * oh];
    for y in 0..oh {
        for x in 0..ow {
            out[y * ow + x] = (0..k.len()).map(|i| k[i] * rows[(y + i) * ow + x]).sum();
        }
    }
    out
}

/// Mean SSIM of two luma planes `w` wide.
fn mean_ssim(a: &[f32], b: &[f32], w: usize) -> f64 {
    const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
    const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);
    let plane = |f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
        let values: Vec<f64> = a
            .iter()
            .zip(b)
            .map(|(x, y)| f(f64::from(*x), f64::from(*y)))
            .collect();
        blur(&values, w)
    };
    let (mx, my) = (plane(&|x, _| x), plane(&|_, y| y));
    let (xx, yy, xy) = (
        plane(&|x, _| x * x),
        plane(&|_, y| y * y),
        plane(&|x, y| x * y),
    );
    let n = mx.len();
    let sum: f64 = (0..n)
        .map(|i| {
            let (mx, my) = (mx[i], my[i]);
            let (vx, vy, cov) = (xx[i] - mx * mx, yy[i] - my * my, xy[i] - mx * my);
            ((2.0 * mx * my + C1) * (2.0 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2))
        })
        .sum();
    sum / n as f64
}

#[derive(Default)]
struct Sum {
    n: u32,
    bytes: usize,
    ssim: f64,
    cpu: f64,
}

/// CPU seconds this thread has used: the encoders' cost, whatever else the machine
/// runs.
fn thread_cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// `--published PHOTO COPY...`: the SSIM of copies kepu published of `PHOTO` (JPEG
/// or WebP, any width) against the photo turned upright and resized to each copy's
/// size in RGB, one tab-separated line per copy: file, width, bytes, SSIM, and the
/// mean difference of red, green and blue (a colour shift that luma SSIM misses).
/// Compares what two versions of kepu make of the same photos.
fn published(photo: &str, copies: &[String]) {
    let mut decoder = image::ImageReader::open(photo)
        .and_then(|r| r.with_guessed_format())
        .expect("open the photo")
        .into_decoder()
        .expect("read the photo");
    let orientation = image::ImageDecoder::orientation(&mut decoder).expect("orientation");
    let mut upright = DynamicImage::from_decoder(decoder).expect("decode the photo");
    upright.apply_orientation(orientation);
    let upright = DynamicImage::ImageRgb8(upright.to_rgb8());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    for copy in copies {
        let bytes = std::fs::read(copy).expect("read the copy");
        let (w, h) = image::load_from_memory(&bytes)
            .expect("decode")
            .dimensions();
        let mut reference = DynamicImage::new_rgb8(w, h);
        Resizer::new()
            .resize(&upright, &mut reference, &options)
            .expect("resize");
        let reference = reference.to_rgb8();
        let value = ssim(&reference, &bytes);
        let shift = colour_shift(&reference, &bytes).map(|d| format!("{d:+.2}"));
        println!(
            "{copy}\t{w}\t{}\t{value:.6}\t{}",
            bytes.len(),
            shift.join("\t")
        );
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--published") && args.len() > 2 {
        return published(&args[1], &args[2..]);
    }
    // `--dump DIR`: also write each copy and its reference as PNG, with the SSIM of
    // each in DIR/ssim.tsv, for benches/ssim_check.py to compare with scikit-image.
    let dump = match args.iter().position(|a| a == "--dump") {
        Some(i) if i + 1 < args.len() => {
            let dir = std::path::PathBuf::from(args.remove(i + 1));
            args.remove(i);
            std::fs::create_dir_all(&dir).expect("create the dump folder");
            Some(dir)
        }
        _ => None,
    };
    // `--webp-method N`: libwebp's effort, 0–6 (kepu's by default).
    let mut method = KEPU_WEBP_METHOD;
    if let Some(i) = args.iter().position(|a| a == "--webp-method") {
        method = args
            .get(i + 1)
            .and_then(|m| m.parse().ok())
            .expect("--webp-method 0..6");
        args.drain(i..i + 2);
    }
    // `--webp-segments N`: libwebp's segments, 1–4 (kepu's by default); 1 skips
    // libwebp's analysis pass, and with it the per-segment quantizers.
    let mut segments = KEPU_WEBP_SEGMENTS;
    if let Some(i) = args.iter().position(|a| a == "--webp-segments") {
        segments = args
            .get(i + 1)
            .and_then(|m| m.parse().ok())
            .expect("--webp-segments 1..4");
        args.drain(i..i + 2);
    }
    let paths = args;
    if paths.is_empty() {
        eprintln!("usage: image_quality [--dump DIR] PHOTO...");
        std::process::exit(2);
    }
    let mut tsv = String::new();
    let mut sums: BTreeMap<(u32, &str, u8), Sum> = BTreeMap::new();
    for (p, path) in paths.iter().enumerate() {
        let photo = image::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        eprintln!("{path}: {}×{}", photo.width(), photo.height());
        for width in WIDTHS.into_iter().filter(|w| *w < photo.width()) {
            let reference = resize(&photo, width);
            let name = format!("{p}-{width}");
            if let Some(dir) = &dump {
                reference
                    .save(dir.join(format!("{name}-ref.png")))
                    .expect("write PNG");
            }
            let timed = |encode: &dyn Fn() -> Vec<u8>| {
                let start = thread_cpu();
                let bytes = encode();
                (bytes, thread_cpu() - start)
            };
            let runs = JPEG
                .iter()
                .map(|q| ("JPEG", *q, timed(&|| jpeg(&reference, *q))))
                .chain(WEBP.iter().map(|q| {
                    (
                        "WebP",
                        *q,
                        timed(&|| webp(&reference, *q, method, segments)),
                    )
                }));
            for (format, quality, (bytes, cpu)) in runs {
                let value = ssim(&reference, &bytes);
                if let Some(dir) = &dump {
                    let file = format!("{name}-{format}-{quality}.png");
                    image::load_from_memory(&bytes)
                        .expect("decode")
                        .save(dir.join(&file))
                        .expect("write PNG");
                    tsv.push_str(&format!("{name}-ref.png\t{file}\t{value:.6}\n"));
                }
                let sum = sums.entry((width, format, quality)).or_default();
                sum.n += 1;
                sum.bytes += bytes.len();
                sum.ssim += value;
                sum.cpu += cpu;
            }
        }
    }
    if let Some(dir) = &dump {
        std::fs::write(dir.join("ssim.tsv"), tsv).expect("write ssim.tsv");
    }
    println!(
        "| width | format | quality | photos | mean KB | SSIM (luma) | 1 − SSIM | encoding, ms CPU |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for ((width, format, quality), s) in sums.iter().rev() {
        let n = f64::from(s.n);
        let ssim = s.ssim / n;
        println!(
            "| {width} | {format} | {quality} | {} | {:.0} | {ssim:.4} | {:.4} | {:.0} |",
            s.n,
            s.bytes as f64 / n / 1000.0,
            1.0 - ssim,
            s.cpu / n * 1000.0,
        );
    }
}
