//! Writes the photo benchmark site: `cargo run --release --example photos -- N DIR`.
//!
//! `DIR/photos/`: a small site whose one event bundle holds N phone photos, 4032×3024
//! JPEG at quality 92 (about 3.5 MB each, like a phone's), every one with EXIF (GPS
//! position, make, model, orientation: every other photo taken upright, orientation
//! 6) and an XMP packet, shown one after another on the event page. `DIR/bare/`: the
//! same site without the photos, the baseline of the cached build. The pictures are
//! made from a fixed-seed SplitMix64 (no clock): smooth light, edges and grain, so
//! that they compress like photos, not like flat colour. docs/performance.md (Photos)
//! says how the figures are taken.

use std::fs;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use rayon::prelude::*;

const W: u32 = 4032;
const H: u32 = 3024;

/// SplitMix64: small, fast, and the same everywhere.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Photo `n`: a lit scene of soft bands and blocks with grain.
fn picture(n: u64) -> RgbImage {
    let seed = mix(n);
    let hue = [
        (seed % 97) as i32,
        (seed / 97 % 89) as i32,
        (seed / 9000 % 83) as i32,
    ];
    RgbImage::from_fn(W, H, |x, y| {
        let grain = (mix(seed ^ (u64::from(y) << 32 | u64::from(x))) % 29) as i32 - 14;
        let band = ((x / 97 + y / 61) % 7) as i32 * 9;
        let block = if (x / 503 + y / 389) % 3 == 0 { 40 } else { 0 };
        let light = (x * 80 / W + y * 60 / H) as i32;
        let c = |base: i32| (base + band + block + light + grain).clamp(0, 255) as u8;
        Rgb([c(hue[0] + 60), c(hue[1] + 50), c(hue[2] + 40)])
    })
}

/// EXIF (TIFF, little-endian): Make, Model, Orientation, a GPS position.
fn exif(orientation: u16, n: u64) -> Vec<u8> {
    let mut t = b"Exif\0\0II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        for part in [
            &tag.to_le_bytes()[..],
            &kind.to_le_bytes(),
            &count.to_le_bytes(),
        ] {
            t.extend_from_slice(part);
        }
        t.extend_from_slice(&value.to_le_bytes());
    };
    // Offsets are from the TIFF header (6 bytes in). IFD0: 4 entries, 8..62.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 6, 62);
    entry(&mut t, 0x0110, 2, 8, 68);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, 76);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(b"Phone\0Model X\0");
    // GPS IFD at 76: 4 entries, 76..130; latitude at 130, longitude at 154.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 130);
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 154);
    t.extend_from_slice(&0u32.to_le_bytes());
    let second = (n % 60) as u32;
    for (a, b) in [
        (23, 1),
        (1, 1),
        (second * 100, 100),
        (113, 1),
        (45, 1),
        (0, 1),
    ] {
        t.extend_from_slice(&u32::to_le_bytes(a));
        t.extend_from_slice(&u32::to_le_bytes(b));
    }
    t
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// Photo `n` as a phone writes it.
fn phone_jpeg(n: u64) -> Vec<u8> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 92)
        .write_image(picture(n).as_raw(), W, H, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let orientation = if n.is_multiple_of(2) { 1 } else { 6 };
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>23,1.5N</exif:GPSLatitude></x:xmpmeta>";
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &exif(orientation, n)));
    out.extend(segment(0xE1, xmp));
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    fs::write(path, bytes).expect("write");
}

fn site(root: &Path, photos: usize) {
    write(
        &root.join("site.toml"),
        b"title = \"bench\"\nbase_url = \"https://example.org\"\n",
    );
    write(
        &root.join("content/events/_index.md"),
        "+++\ntitle = \"活动\"\nkind = \"event\"\n+++\n".as_bytes(),
    );
    let mut body = String::from("活动照片：\n\n");
    for n in 0..photos {
        body.push_str(&format!("![活动现场 {n}](<活动 照片 {n}.jpg>)\n\n"));
    }
    let cover = if photos > 0 {
        "cover = \"活动 照片 0.jpg\"\n"
    } else {
        ""
    };
    let page = format!(
        "+++\ntitle = \"科普日\"\ndescription = \"照片\"\ndate = 2025-05-01\n{cover}[event]\nstart = 2025-05-20T09:00:00\n+++\n\n{body}"
    );
    write(&root.join("content/events/day/index.md"), page.as_bytes());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: photos N DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    site(&dir.join("photos"), n);
    site(&dir.join("bare"), 0);
    let bundle = dir.join("photos/content/events/day");
    let total: usize = (0..n as u64)
        .into_par_iter()
        .map(|i| {
            let bytes = phone_jpeg(i);
            write(&bundle.join(format!("活动 照片 {i}.jpg")), &bytes);
            bytes.len()
        })
        .sum();
    println!(
        "{n} photos, {:.1} MB in all, in {}",
        total as f64 / 1e6,
        bundle.display()
    );
}
