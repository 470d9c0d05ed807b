//! Precompressed copies of the text files of a finished output: `page.html.gz` and
//! `page.html.br` beside `page.html`, for hosts that serve such a copy to browsers
//! that accept it (nginx `gzip_static` and `brotli_static`, object stores where each
//! copy is uploaded with its `Content-Encoding`). On with `[output] precompress = true`.
//!
//! Called by [`crate::output`] on the staging folder, before it is swapped in. The
//! bytes depend on the input only (gzip without a file name or time), so that builds
//! stay reproducible. A copy is only written when it is smaller than the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Files smaller than this are sent as they are: a compressed copy saves less than a
/// network packet.
const MIN_BYTES: usize = 512;

/// Brotli quality (0–11) and window (log2 bytes): the best compression. Text of a
/// site is small, and a host serves each copy many times.
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW: i32 = 22;

/// Whether a file is text that compresses: pages, styles, scripts, data, feeds,
/// calendars, SVG pictures.
pub fn is_text(path: &str) -> bool {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "html"
            | "htm"
            | "css"
            | "js"
            | "mjs"
            | "json"
            | "xml"
            | "ics"
            | "txt"
            | "svg"
            | "csv"
            | "md"
            | "map"
            | "webmanifest"
    )
}

/// Writes `.gz` and `.br` copies of the text files among `paths` (relative to `dir`).
pub fn precompress<'p>(
    dir: &Path,
    paths: impl Iterator<Item = &'p str>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let texts: Vec<&str> = paths.filter(|p| is_text(p)).collect();
    texts.par_iter().try_for_each(|path| {
        let file = dir.join(path);
        let bytes = std::fs::read(&file).map_err(|e| (file.clone(), e))?;
        if bytes.len() < MIN_BYTES {
            return Ok(());
        }
        for (ext, compressed) in [("gz", gzip(&bytes)), ("br", brotli(&bytes))] {
            if compressed.len() < bytes.len() {
                let target = dir.join(format!("{path}.{ext}"));
                std::fs::write(&target, compressed).map_err(|e| (target, e))?;
            }
        }
        Ok(())
    })
}

/// Gzip at the best level, with no file name and time 0 in the header.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    // Reading from a slice and writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_file_and_never_change() {
        let text = "<p>东莞市科普志愿服务协会</p>\n".repeat(100);
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = brotli(text.as_bytes());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(is_text("a/index.html") && is_text("feed.XML") && !is_text("a.png"));
    }
}
