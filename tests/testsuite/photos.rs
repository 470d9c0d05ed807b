//! Phone photos: published without their location and camera data, upright, from a
//! cache that a second build only reads, whatever their file names.
//!
//! The fixtures are JPEGs like a phone's: EXIF with GPS, make and orientation 6 (taken
//! sideways), an XMP packet and an ICC profile, written here byte by byte. What is
//! published is checked by parsing the files (`kamadak-exif` and a walk over the JPEG
//! segments), not by trusting kepu's code path.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageDecoder, ImageEncoder, ImageReader, Rgb, RgbImage};

use crate::support::{ICC, Site, files_under, page, phone_jpeg};

/// The markers of a JPEG's header segments, up to the image data.
fn markers(bytes: &[u8]) -> Vec<u8> {
    let mut found = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        found.push(marker);
        if marker == 0xDA {
            break;
        }
        i += 2 + usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
    }
    found
}

/// Whether a JPEG or PNG carries EXIF, by an independent EXIF reader.
fn has_exif(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .is_ok()
}

/// Every published JPEG: none has EXIF, XMP, IPTC or a comment.
fn assert_no_jpeg_has_metadata(public: &Path) -> usize {
    let mut seen = 0;
    for name in files_under(public) {
        if !name.ends_with(".jpg") {
            continue;
        }
        let bytes = std::fs::read(public.join(&name)).unwrap();
        assert!(!has_exif(&bytes), "{name} still has EXIF");
        let found = markers(&bytes);
        assert!(
            !found.iter().any(|m| matches!(m, 0xE1 | 0xED | 0xFE)),
            "{name} has metadata segments: {found:x?}"
        );
        assert!(!bytes.windows(9).any(|w| w == b"GPSLatitu"), "{name}");
        assert!(!bytes.windows(5).any(|w| w == b"Phone"), "{name}");
        seen += 1;
    }
    seen
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

fn icc_of(bytes: &[u8]) -> Option<Vec<u8>> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap();
    reader.into_decoder().unwrap().icc_profile().unwrap()
}

fn is_red(p: &Rgb<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}

fn is_blue(p: &Rgb<u8>) -> bool {
    p[2] > 150 && p[0] < 100
}

const NAME: &str = "活动 照片 1.jpg";

/// An event bundle with a sideways photo named in Chinese with spaces, an upright one
/// under `max_width`, and a photo in static/.
fn photo_site() -> Site {
    Site::new()
        .file(
            "site.toml",
            "title = \"测试站\"\nbase_url = \"https://example.org\"\n[images]\nmax_width = 1000\n",
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        )
        .file(
            "content/events/day/index.md",
            &page(
                "title = \"科普日\"\ndate = 2018-05-01\ncover = \"photo.jpg\"\n[event]\nstart = 2018-05-20T09:00:00\nlocation = \"科技馆\"",
                &format!("![现场](<{NAME}>)\n\n![合影](photo.jpg)\n"),
            ),
        )
        .bytes(
            &format!("content/events/day/{NAME}"),
            &phone_jpeg(1200, 900, 6),
        )
        .bytes("content/events/day/photo.jpg", &phone_jpeg(800, 600, 1))
        .bytes("static/images/team.jpg", &phone_jpeg(300, 200, 1))
}

#[test]
fn published_photos_have_no_location_or_camera_data_and_stand_upright() {
    let site = photo_site();
    let source = std::fs::read(site.root().join("content/events/day/photo.jpg")).unwrap();
    assert!(has_exif(&source), "the fixture itself carries EXIF");
    site.build(&[]).assert_ok();
    let public = site.root().join("public");
    // Both originals, their 480 px copies, the static photo, and the three cuts of the
    // cover (share image, WeChat covers).
    assert_eq!(assert_no_jpeg_has_metadata(&public), 8);

    // Taken sideways (orientation 6), 900 px wide upright (within max_width): turned,
    // so the red half is now on top.
    let turned = std::fs::read(public.join(format!("events/day/{NAME}"))).unwrap();
    let pixels = decode(&turned);
    assert_eq!(pixels.dimensions(), (900, 1200));
    assert!(
        is_red(pixels.get_pixel(450, 200)),
        "{:?}",
        pixels.get_pixel(450, 200)
    );
    assert!(is_blue(pixels.get_pixel(450, 1000)));
    assert_eq!(icc_of(&turned).as_deref(), Some(ICC));
    let copy = decode(&std::fs::read(public.join("events/day/活动 照片 1.480w.jpg")).unwrap());
    assert_eq!(copy.dimensions(), (480, 640));
    assert!(is_red(copy.get_pixel(240, 80)));

    // Upright and small enough: the same pixels, only the metadata segments gone.
    let cleaned = std::fs::read(public.join("events/day/photo.jpg")).unwrap();
    assert!(cleaned.len() < source.len());
    assert_eq!(decode(&cleaned), decode(&source));
    assert_eq!(icc_of(&cleaned).as_deref(), Some(ICC));
    let team = std::fs::read(public.join("images/team.jpg")).unwrap();
    assert_eq!(decode(&team), decode(&phone_jpeg(300, 200, 1)));
}

#[test]
fn a_chinese_name_with_spaces_gets_size_and_copies() {
    let site = photo_site();
    site.build(&[]).assert_ok();
    let html = site.read("public/events/day/index.html");
    let img = crate::support::between(&html, "alt=\"现场\"", ">");
    assert_eq!(
        img,
        " width=\"900\" height=\"1200\" loading=\"lazy\" decoding=\"async\" \
         srcset=\"/events/day/活动%20照片%201.480w.jpg 480w, /events/day/活动%20照片%201.jpg 900w\" \
         sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\""
    );
}

#[test]
fn wider_than_max_width_is_published_downscaled_unless_kept() {
    let site = photo_site().bytes("content/events/day/wide.jpg", &phone_jpeg(1600, 1200, 1));
    site.build(&[]).assert_ok();
    let wide = std::fs::read(site.root().join("public/events/day/wide.jpg")).unwrap();
    assert_eq!(decode(&wide).dimensions(), (1000, 750));
    assert!(!has_exif(&wide));
    site.write(
        "site.toml",
        b"title = \"t\"\nbase_url = \"https://example.org\"\n[images]\nmax_width = 1000\nkeep_original = true\n",
    );
    site.build(&[]).assert_ok();
    let wide = std::fs::read(site.root().join("public/events/day/wide.jpg")).unwrap();
    assert_eq!(decode(&wide).dimensions(), (1600, 1200));
    assert!(!has_exif(&wide), "kept at full size, still cleaned");
}

#[test]
fn keep_metadata_publishes_originals_as_they_are() {
    let site = photo_site();
    site.write(
        "site.toml",
        b"title = \"t\"\nbase_url = \"https://example.org\"\n[images]\nkeep_metadata = true\n",
    );
    site.build(&[]).assert_ok();
    let published = std::fs::read(site.root().join("public/events/day/photo.jpg")).unwrap();
    assert_eq!(published, phone_jpeg(800, 600, 1));
}

#[test]
fn share_cards_and_event_data_point_to_a_cleaned_copy() {
    let site = photo_site();
    site.build(&[]).assert_ok();
    let html = site.read("public/events/day/index.html");
    assert!(
        html.contains(
            "<meta property=\"og:image\" content=\"https://example.org/events/day/photo.480w.jpg\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("\"image\":[\"https://example.org/events/day/photo.480w.jpg\"]"),
        "{html}"
    );
}

#[test]
fn a_second_build_takes_every_image_from_the_cache() {
    let site = photo_site();
    let first = site.build(&["--timings"]);
    first.assert_ok();
    // Four images, and three cuts of the event's cover: its square share image and
    // its WeChat edition's two covers.
    assert_eq!(first.image_counts(), "images: 7 made, 0 from the cache");
    let published = site.snapshot("public");
    let second = site.build(&["--timings"]);
    assert_eq!(second.image_counts(), "images: 0 made, 7 from the cache");
    assert_eq!(site.snapshot("public"), published);

    // An edited photo (the cover): only it and its cuts are made again, and their old
    // entries are pruned.
    site.write("content/events/day/photo.jpg", &phone_jpeg(700, 500, 1));
    let third = site.build(&["--timings"]);
    assert_eq!(third.image_counts(), "images: 4 made, 3 from the cache");
    assert_eq!(site.files(".kepu-cache/images").len(), 7);

    // A damaged entry is noticed by its hash and made again, never published.
    let entries = site.root().join(".kepu-cache/images");
    let before = site.snapshot("public");
    for name in site.files(".kepu-cache/images") {
        let path = entries.join(name);
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(&path, bytes).unwrap();
    }
    let fourth = site.build(&["--timings"]);
    assert_eq!(fourth.image_counts(), "images: 7 made, 0 from the cache");
    assert_eq!(site.snapshot("public"), before);

    let clean = site.kepu(&["clean"]);
    clean.assert_ok();
    assert!(!site.root().join(".kepu-cache/images").exists());
    // What the calendar published last is state, not a cache: clean keeps it, so
    // that the next build still raises SEQUENCE for a changed event.
    assert_eq!(site.files(".kepu-cache"), ["calendar/revisions.tsv"]);
    assert!(site.exists("content/events/day/photo.jpg"));
}

#[test]
fn the_cache_folder_can_be_set() {
    let site = photo_site();
    let elsewhere = site.outside().join("ci-cache");
    let dir = elsewhere.to_str().unwrap();
    let first = site.build(&["--timings", "--cache-dir", dir]);
    assert_eq!(first.image_counts(), "images: 7 made, 0 from the cache");
    assert_eq!(files_under(&elsewhere.join("images")).len(), 7);
    assert!(!site.root().join(".kepu-cache").exists());
    let second = site.build(&["--timings", "--cache-dir", dir]);
    assert_eq!(second.image_counts(), "images: 0 made, 7 from the cache");
}

#[test]
fn check_warns_about_images_it_cannot_clean() {
    let site = photo_site().file("static/docs/scan.heic", "heic");
    let run = site.kepu(&["check", "--now", crate::support::NOW]);
    assert!(
        run.has_stderr_line(
            "static/docs/scan.heic:1:1: warning: kepu cannot remove location and camera data from this kind of image; it is published as it is"
        ),
        "{run}"
    );
}

#[test]
fn keep_original_on_one_page_publishes_only_its_photos_at_full_size() {
    let site = photo_site()
        .bytes("content/events/day/wide.jpg", &phone_jpeg(1600, 1200, 1))
        .file(
            "content/events/gallery/index.md",
            &page(
                "title = \"原图\"\ndate = 2018-06-01\nkeep_original = true\n[event]\nstart = 2018-06-02T09:00:00",
                "![原图](wide.jpg)\n",
            ),
        )
        .bytes("content/events/gallery/wide.jpg", &phone_jpeg(1600, 1200, 1));
    site.build(&[]).assert_ok();
    let public = site.root().join("public");
    let kept = std::fs::read(public.join("events/gallery/wide.jpg")).unwrap();
    assert_eq!(decode(&kept).dimensions(), (1600, 1200));
    assert_eq!(
        decode(&kept),
        decode(&phone_jpeg(1600, 1200, 1)),
        "untouched pixels"
    );
    let other = std::fs::read(public.join("events/day/wide.jpg")).unwrap();
    assert_eq!(
        decode(&other).dimensions(),
        (1000, 750),
        "other pages keep max_width"
    );
    // Still cleaned: no published JPEG has metadata, the kept original included.
    assert!(assert_no_jpeg_has_metadata(&public) >= 7);

    // With keep_metadata, the page's original is the source file, byte for byte.
    site.write(
        "site.toml",
        b"title = \"t\"\nbase_url = \"https://example.org\"\n[images]\nmax_width = 1000\nkeep_metadata = true\n",
    );
    site.build(&[]).assert_ok();
    let kept = std::fs::read(public.join("events/gallery/wide.jpg")).unwrap();
    assert_eq!(kept, phone_jpeg(1600, 1200, 1));
    let other = std::fs::read(public.join("events/day/wide.jpg")).unwrap();
    assert_eq!(decode(&other).dimensions(), (1000, 750));
}

/// A photo as a phone takes it, `w`×`h`: soft light, bands and blocks of colour,
/// and grain (a fixed pattern), so that it compresses like a photo and not like flat
/// colour.
fn scene(n: u32, w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let hash =
            (x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663) ^ n.wrapping_mul(83_492_791))
                .wrapping_mul(2_654_435_761);
        // A phone's photos are denoised: grain of a few levels, not white noise.
        let grain = (hash >> 29) as i32 - 4;
        let band = ((x / 37 + y / 23 + n) % 7) as i32 * 9;
        let block = if (x / 211 + y / 157 + n).is_multiple_of(3) {
            40
        } else {
            0
        };
        let light = (x * 80 / w + y * 60 / h) as i32;
        let c = |base: i32| (base + band + block + light + grain).clamp(0, 255) as u8;
        Rgb([c(60 + n as i32 * 7 % 40), c(50), c(40 + n as i32 * 13 % 50)])
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 92)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    jpeg
}

/// An event page of 12 photos, every other one taken upright, with the first as its
/// cover, on the default theme, for `http://127.0.0.1:<port>/`.
fn photo_page(port: u16) -> Site {
    let mut body = String::from("活动照片：\n\n");
    let mut site = Site::new()
        .file(
            "site.toml",
            &format!("title = \"测试站\"\nbase_url = \"http://127.0.0.1:{port}/\"\n"),
        )
        .file(
            "content/events/_index.md",
            &page("title = \"活动\"\nkind = \"event\"", ""),
        );
    for n in 0..12 {
        body.push_str(&format!("![现场 {n}](<照片 {n}.jpg>)\n\n"));
        let (w, h) = if n % 2 == 0 {
            (1600, 1200)
        } else {
            (1500, 2000)
        };
        site = site.bytes(&format!("content/events/day/照片 {n}.jpg"), &scene(n, w, h));
    }
    site.file(
        "content/events/day/index.md",
        &page(
            "title = \"科普日\"\ndate = 2018-05-01\ncover = \"照片 0.jpg\"\n[event]\nstart = 2018-05-20T09:00:00\nlocation = \"科技馆\"",
            &body,
        ),
    )
}

#[test]
fn a_photo_page_on_a_phone_loads_at_most_600_kb_of_images_before_a_scroll() {
    use std::net::TcpListener;
    let Some(browser) = crate::support::browser::browser() else {
        return;
    };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = photo_page(listener.local_addr().unwrap().port());
    site.build(&[]).assert_ok();
    let server = crate::support::server::Files::new(site.root().join("public")).serve_on(listener);
    let config = serde_json::json!({
        "url": format!("http://127.0.0.1:{}/events/day/", server.port),
        "width": 390,
        "height": 844,
        "dpr": 3,
    });
    let r = browser.run_script("image-bytes.mjs", config);
    let total = r["total"].as_u64().unwrap();
    let images = r["images"].as_array().unwrap();
    println!("{total} bytes of images before a scroll: {r:#}");
    assert!(!images.is_empty(), "the page shows its photos: {r}");
    assert!(images.iter().all(|i| i["bytes"].as_u64() > Some(0)), "{r}");
    assert!(
        total <= 600_000,
        "{total} bytes of images before a scroll: {r:#}"
    );
    // Never an original: only the smaller copies a phone needs, as WebP; and the
    // 300×300 share image WeChat takes for the card (a small JPEG, as WeChat wants).
    for image in images {
        let url = image["url"].as_str().unwrap();
        if url.ends_with("/events/day/share-300x300.jpg") {
            let bytes = image["bytes"].as_u64().unwrap();
            assert!(bytes < 30_000, "the share image is {bytes} bytes");
        } else if url.contains("/events/day/") {
            assert!(url.ends_with("w.webp"), "not a WebP copy: {url}");
        }
    }
}
