//! QR codes: an SVG file beside every event and training page (`/events/x/qr.svg`),
//! encoding the page's permalink, for posters, printed notices and WeChat sharing
//! (a phone scans it off a screen or a wall).
//!
//! One output module with one entry function, [`files`]; the views give templates the
//! same URL through [`url_for`] (`page.qr`). Wraps the `qrcode` crate (house rule 11),
//! built without default features (no raster renderer): kepu only needs its matrix of
//! modules and draws the SVG itself, which stays sharp at any print size in a few KB.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

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

/// Every QR code file, `(output path, bytes)`. A co-located file of the same name
/// wins: an editor's own `qr.svg` is never overwritten.
pub fn files(r: &Rendering) -> Vec<(String, Vec<u8>)> {
    r.site
        .pages
        .iter()
        .filter(|p| has_qr(p) && !p.assets.iter().any(|a| a == FILE))
        .filter_map(|p| {
            let path = format!("{}{FILE}", p.path.trim_start_matches('/'));
            Some((path, svg(&p.permalink)?.into_bytes()))
        })
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
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
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
}
