//! QR codes: an SVG file beside every event and training page (`/events/x/qr.svg`),
//! and the PNG of the WeChat edition ([`png`], see [`super::wechat`]),
//! encoding the page's permalink, for posters, printed notices and WeChat sharing
//! (a phone scans it off a screen or a wall). Made only when a template names `qr`
//! (the default theme's `page.qr`): a theme that never shows them costs nothing.
//!
//! One output module: [`plan`] lists the files and [`file()`] makes one; the views
//! give templates the same URL through [`url_for`] (`page.qr`). Wraps the `fast_qr`
//! crate (house rule 11), built without default features (no renderer, no
//! dependencies): kepu only needs its matrix of modules and draws the SVG itself,
//! which stays sharp at any print size in a few KB. Choosing the mask, which the
//! standard asks for, is most of a code's cost; `fast_qr` does it about 7× faster
//! than the `qrcode` crate, and a code is only made when its file is needed.

use std::fmt::Write;

use fast_qr::{ECL, QRBuilder};

use super::Rendering;
use crate::content::Kind;
use crate::site::Page;

/// File name of the QR code inside a page's folder.
pub const FILE: &str = "qr.svg";

/// The root-relative URL of a page's QR code, for pages that get one (events and
/// trainings, not their sections).
pub fn url_for(page: &Page) -> Option<String> {
    has_qr(page).then(|| format!("{}{FILE}", page.url))
}

fn has_qr(page: &Page) -> bool {
    !page.doc.is_section && matches!(page.kind, Kind::Event | Kind::Training)
}

/// Where a page's QR code goes in the output (`events/x/qr.svg`).
fn output_path(page: &Page) -> String {
    format!("{}{FILE}", page.path.trim_start_matches('/'))
}

/// Every QR code file, `(output path, page index)`. A co-located file of the same
/// name wins: an editor's own `qr.svg` is never overwritten.
pub fn plan(r: &Rendering) -> Vec<(String, usize)> {
    r.site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| has_qr(p) && !p.assets.iter().any(|a| a == FILE))
        .map(|(i, p)| (output_path(p), i))
        .collect()
}

/// The QR code file of page `i` (see [`plan`]); nothing for a permalink too long
/// for a QR code.
pub fn file(r: &Rendering, i: usize) -> Vec<(String, Vec<u8>)> {
    let page = &r.site.pages[i];
    svg(&page.permalink)
        .map(|svg| (output_path(page), svg.into_bytes()))
        .into_iter()
        .collect()
}

/// The quiet zone around the code, in modules (the standard asks for four).
const QUIET: usize = 4;

/// The QR code of `text` as an SVG document: black on white whatever the colour
/// scheme (scanners need the contrast), one unit per module with the quiet zone, so
/// it scales to any size. Medium error correction survives a crease or a smudge on a
/// poster. `None` only for text too long for a QR code.
///
/// Drawn here rather than with the crate's SVG renderer, which writes one rectangle
/// per module: one path segment per run of dark modules makes the file a third the size.
pub fn svg(text: &str) -> Option<String> {
    let code = QRBuilder::new(text.as_bytes()).ecl(ECL::M).build().ok()?;
    let width = code.size;
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for (y, row) in code.data[..width * width].chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x].value() {
                let run = row[x..].iter().take_while(|m| m.value()).count();
                let _ = write!(path, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
                x += run;
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n",
        px = size * 4
    ))
}

/// The QR code of `text` as a PNG picture, `scale` pixels per module, black on white
/// with the quiet zone: for the WeChat edition, whose editor drops SVG. Drawn from the
/// same matrix as [`svg`] and encoded with the `image` crate kepu already has for
/// photos (grey, 1 byte per pixel: a few KB). `None` only for text too long for a
/// QR code.
///
/// Each row of modules is drawn once and copied `scale` times, and the PNG is written
/// with the Up filter and fast compression: the copies of a row filter to zeros. The
/// encoder's default (all five filters tried on every row, then zlib) made these
/// pictures about a fifth of a 10,000-page build's CPU; this way a code is 3 KB
/// instead of 2 KB, for a sixth less CPU in the whole build.
pub fn png(text: &str, scale: usize) -> Option<Vec<u8>> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let code = QRBuilder::new(text.as_bytes()).ecl(ECL::M).build().ok()?;
    let width = code.size;
    let modules = width + 2 * QUIET;
    let side = modules * scale;
    let dark = |x: usize, y: usize| {
        let (x, y) = (x.checked_sub(QUIET)?, y.checked_sub(QUIET)?);
        (x < width && y < width).then(|| code.data[y * width + x].value())
    };
    let mut pixels = Vec::with_capacity(side * side);
    for y in 0..modules {
        let row = pixels.len();
        for x in 0..modules {
            let value = if dark(x, y) == Some(true) { 0 } else { 255 };
            pixels.extend(std::iter::repeat_n(value, scale));
        }
        for _ in 1..scale {
            pixels.extend_from_within(row..row + side);
        }
    }
    let side = u32::try_from(side).ok()?;
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Up)
        .write_image(&pixels, side, side, image::ExtendedColorType::L8)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_that_scales() {
        let s = svg("https://kepu.example.org/events/2018-quanguo-kepuri/").unwrap();
        assert!(s.contains("<svg"), "{s}");
        assert!(s.contains("viewBox=\"0 0 "), "{s}");
        assert!(s.len() < 5_000, "{} bytes", s.len());
    }

    /// Draws the SVG's path back into pixels (4 per module) and scans them with a QR
    /// reader: the code must read as the text it was made of.
    fn scan(svg: &str) -> String {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let mut dark = vec![false; size * size];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for segment in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = segment.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split('v').next().unwrap().parse().unwrap();
            for cell in &mut dark[y * size + x..y * size + x + run] {
                *cell = true;
            }
        }
        const PX: usize = 4;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(size * PX, size * PX, |x, y| {
                if dark[(y / PX) * size + x / PX] {
                    0
                } else {
                    255
                }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_png_scans_as_the_permalink() {
        let url = "https://kepu.example.org/events/2018-quanguo-kepuri/";
        let png = png(url, 6).unwrap();
        let picture = image::load_from_memory(&png).unwrap().to_luma8();
        let (w, h) = (picture.width() as usize, picture.height() as usize);
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
            picture.get_pixel(x as u32, y as u32).0[0]
        });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        assert_eq!(grids[0].decode().unwrap().1, url);
    }

    #[test]
    fn the_code_scans_as_the_permalink() {
        for url in [
            "https://kepu.example.org/events/2018-quanguo-kepuri/",
            "http://127.0.0.1:1111/trainings/ke-pu-zhi-yuan-zhe-pei-xun-ban-di-er-qi/",
            "https://www.dgkp.org.cn/%E6%B4%BB%E5%8A%A8/",
        ] {
            assert_eq!(scan(&svg(url).unwrap()), url);
        }
    }
}
