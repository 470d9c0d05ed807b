//! Taking out what an image file says besides its pixels: where and when a photo was
//! taken (EXIF GPS and dates), with what camera or phone (make, model, serial number,
//! maker notes), its embedded thumbnail, XMP and IPTC records and comments.
//!
//! Part of the image step ([`super::process`]): these functions rewrite the file's
//! container without decoding a pixel, so a photo that needs no other change keeps
//! its exact pixels and size. What the picture needs to look right is kept: the ICC
//! colour profile, the JFIF header and Adobe's colour-transform flag in JPEG; the
//! colour chunks (`iCCP`, `sRGB`, `gAMA`, `cHRM`) and the physical size in PNG; `ICCP`
//! in WebP. Each function returns `None` when the file carries nothing to remove, so
//! that it can be copied as it is.

use crate::diag::Msg;

/// The JPEG without its metadata segments, or `None` when it has none. Segments of
/// other pictures appended after the end of the image (phones put previews and depth
/// maps there) go too.
pub fn jpeg(bytes: &[u8]) -> Result<Option<Vec<u8>>, Msg> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(Msg::NotAJpeg);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut removed = false;
    let mut i = 2;
    // A file cut short without an end marker ends the loop: what was read is all
    // there is.
    while i < bytes.len() {
        if bytes[i] != 0xFF {
            return Err(Msg::JpegBroken { byte: i });
        }
        while i < bytes.len() && bytes[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = bytes.get(i) else { break };
        i += 1;
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            removed |= i < bytes.len();
            break;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&[0xFF, marker]);
            continue;
        }
        let (next, kept) = segment(bytes, i, marker, &mut out)?;
        removed |= !kept;
        i = next;
    }
    Ok(removed.then_some(out))
}

/// Copies to `out` the JPEG segment `marker` whose length starts at byte `i`, unless
/// it is metadata, and after a start of scan the picture data that follows. Where the
/// next marker is, and whether the segment was kept.
fn segment(bytes: &[u8], i: usize, marker: u8, out: &mut Vec<u8>) -> Result<(usize, bool), Msg> {
    let length = match bytes.get(i..i + 2) {
        Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
        None => return Err(Msg::JpegCutShort),
    };
    let end = i + length;
    if length < 2 || end > bytes.len() {
        return Err(Msg::JpegSegmentLength { byte: i });
    }
    let kept = keeps_segment(marker, &bytes[i + 2..end]);
    if kept {
        out.extend_from_slice(&[0xFF, marker]);
        out.extend_from_slice(&bytes[i..end]);
    }
    if marker != 0xDA {
        return Ok((end, kept));
    }
    let data_end = entropy_end(bytes, end);
    out.extend_from_slice(&bytes[end..data_end]);
    Ok((data_end, kept))
}

/// Whether a JPEG segment is needed to show the picture: everything but application
/// segments and comments, and of those the JFIF header, the ICC profile and Adobe's
/// colour-transform flag.
fn keeps_segment(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 => payload.starts_with(b"JFIF\0"),
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
        _ => true,
    }
}

/// Where the entropy-coded data that starts at `from` ends: at the first marker that
/// is not a stuffed `FF 00`, a restart marker or fill.
fn entropy_end(bytes: &[u8], from: usize) -> usize {
    let mut j = from;
    while j + 1 < bytes.len() {
        if bytes[j] != 0xFF {
            j += 1;
            continue;
        }
        match bytes[j + 1] {
            0x00 | 0xD0..=0xD7 => j += 2,
            0xFF => j += 1,
            _ => return j,
        }
    }
    bytes.len()
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG without its text, time and EXIF chunks (XMP lives in `iTXt`), or `None`
/// when it has none.
pub fn png(bytes: &[u8]) -> Result<Option<Vec<u8>>, Msg> {
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(Msg::NotAPng);
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut removed = false;
    let mut i = PNG_SIGNATURE.len();
    while i < bytes.len() {
        let Some(header) = bytes.get(i..i + 8) else {
            return Err(Msg::PngCutShort);
        };
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        let end = i + 12 + length;
        if end > bytes.len() {
            return Err(Msg::PngChunkLength { byte: i });
        }
        if matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            removed = true;
        } else {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            removed |= i < bytes.len();
            break;
        }
    }
    Ok(removed.then_some(out))
}

/// The WebP without its `EXIF` and `XMP ` chunks (and their flags in `VP8X`), or
/// `None` when it has none.
pub fn webp(bytes: &[u8]) -> Result<Option<Vec<u8>>, Msg> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(Msg::NotAWebp);
    }
    let mut out = bytes[..12].to_vec();
    let mut removed = false;
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        let size = u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]]);
        // Chunks are padded to an even size.
        let end = i + 8 + size as usize + (size as usize & 1);
        if end > bytes.len() {
            return Err(Msg::WebpChunkLength { byte: i });
        }
        if kind == b"EXIF" || kind == b"XMP " {
            removed = true;
        } else {
            let at = out.len();
            out.extend_from_slice(&bytes[i..end]);
            if kind == b"VP8X" && size >= 1 {
                // Flags: bit 3 EXIF, bit 2 XMP.
                out[at + 8] &= !0b0000_1100;
            }
        }
        i = end;
    }
    if !removed {
        return Ok(None);
    }
    let riff_size = u32::try_from(out.len() - 8).map_err(|_| Msg::WebpTooLarge)?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an EXIF segment, a comment, an ICC segment, SOS with stuffed data, EOI, and
    /// an appended second picture.
    fn sample_jpeg() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x0A]);
        b.extend_from_slice(b"Exif\0\0GPS");
        b.pop();
        b.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x04, b'h', b'i']);
        b.extend_from_slice(&[0xFF, 0xE2, 0x00, 0x0E]);
        b.extend_from_slice(b"ICC_PROFILE\0");
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0xFF, 0xD0, 0x34]);
        b.extend_from_slice(&[0xFF, 0xD9, 0xFF, 0xD8, 0xFF, 0xD9]);
        b
    }

    #[test]
    fn jpeg_keeps_the_profile_and_the_picture_only() {
        let cleaned = jpeg(&sample_jpeg()).unwrap().unwrap();
        let mut expected = vec![0xFF, 0xD8, 0xFF, 0xE2, 0x00, 0x0E];
        expected.extend_from_slice(b"ICC_PROFILE\0");
        expected.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0xFF, 0xD0]);
        expected.extend_from_slice(&[0x34, 0xFF, 0xD9]);
        assert_eq!(cleaned, expected);
        assert_eq!(jpeg(&cleaned).unwrap(), None);
    }

    #[test]
    fn png_loses_its_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut file = PNG_SIGNATURE.to_vec();
        file.extend(chunk(b"IHDR", &[0; 13]));
        file.extend(chunk(b"tEXt", b"Author\0me"));
        file.extend(chunk(b"IEND", &[]));
        let cleaned = png(&file).unwrap().unwrap();
        let mut expected = PNG_SIGNATURE.to_vec();
        expected.extend(chunk(b"IHDR", &[0; 13]));
        expected.extend(chunk(b"IEND", &[]));
        assert_eq!(cleaned, expected);
        assert_eq!(png(&cleaned).unwrap(), None);
    }

    #[test]
    fn what_is_wrong_with_a_file_is_said_in_kepus_words() {
        assert_eq!(jpeg(b"GIF89a"), Err(Msg::NotAJpeg));
        assert_eq!(jpeg(&[0xFF, 0xD8, 0x00]), Err(Msg::JpegBroken { byte: 2 }));
        assert_eq!(png(b"\x89PNG\r\n\x1a\nIHDR"), Err(Msg::PngCutShort));
        assert_eq!(
            webp(b"RIFF\0\0\0\0WEBPVP8 \xff\0\0\0"),
            Err(Msg::WebpChunkLength { byte: 12 })
        );
    }

    #[test]
    fn webp_loses_exif_and_its_flag() {
        let mut file = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0".to_vec();
        file.extend_from_slice(&[0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        file.extend_from_slice(b"EXIF\x03\0\0\0abc\0");
        let cleaned = webp(&file).unwrap().unwrap();
        assert_eq!(&cleaned[4..8], &22u32.to_le_bytes());
        assert_eq!(cleaned[20], 0);
        assert_eq!(cleaned.len(), 30);
    }
}
